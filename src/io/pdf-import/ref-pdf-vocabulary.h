/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * What the importer knows of the language of Danish minutes: captions and their
 * variants, header labels, item-heading and case-number forms, attendance and
 * voting phrases, dates. All of it is data in ref-pdf-vocabulary.c; the code that
 * reads a PDF asks for a pattern by name and knows no wording of its own.
 */

/* Named patterns (regular expressions, compiled once and cached). */
typedef enum {
  /* item headings */
  REF_VOCAB_ITEM_PREFIXED,      /* "Punkt 4: Title", "Pkt. 42 Title", "Sag nr. 49" (title may follow below) */
  REF_VOCAB_ITEM_NUMBERED,      /* "82. Title" */
  REF_VOCAB_ITEM_NUMBER_CELL,   /* "1.\tTitle", "49\tTitle": number and title in cells */
  REF_VOCAB_ITEM_BARE_NUMBER,   /* "5 Title" */
  REF_VOCAB_ITEM_LONE_NUMBER,   /* "5." alone, the title on the line below */
  REF_VOCAB_SUB_NUMBER,         /* "2.1 Sagsfremstilling": numbered sub-heading */
  REF_VOCAB_CLOSED_TITLE,       /* "Lukket punkt: Title", "Lukket" */
  REF_VOCAB_OPEN_MARKER,        /* "Åbent punkt" */
  REF_VOCAB_CLOSED_MARKER,      /* "Lukket punkt" standing apart */
  REF_VOCAB_SIGNATURE_TITLE,    /* "Underskrifter", "Godkendelse af referat" */
  REF_VOCAB_MONTH_START,        /* "januar …": a date, not a list entry or a title */
  /* case numbers */
  REF_VOCAB_CASE_NUMBER,        /* the number itself, in all its forms, alone on a line */
  REF_VOCAB_CASE_LABELLED,      /* "Sagsnr.: 20/1234", "Sags ID: EMN-2020-00123", "J.nr. …" */
  /* page furniture and table of contents */
  REF_VOCAB_PAGE_NUMBER,        /* "Side 3 af 20", "3 / 20" */
  REF_VOCAB_TOC_HEADING,        /* "Indholdsfortegnelse" */
  REF_VOCAB_TOC_COLUMNS,        /* "Pkt. Tekst Side" */
  REF_VOCAB_TOC_PART,           /* "Åben dagsorden", "Lukkede punkter" */
  REF_VOCAB_TOC_CLOSED_PART,    /* the closed part */
  REF_VOCAB_TOC_TRAILING_PAGE,  /* "Title ..... 12" */
  REF_VOCAB_TOC_LEADING_NUMBER, /* "Punkt 3: Title", "82\tTitle" */
  /* header */
  REF_VOCAB_TITLE_LINE,         /* "REFERAT Socialudvalget", "Dagsorden – Byrådet" */
  REF_VOCAB_TITLE_DATE_TAIL,    /* " d. 06-05-2025" after the committee */
  REF_VOCAB_ORGANISATION,       /* "… Kommune", "Region …" */
  REF_VOCAB_EDITION,            /* "Offentlig udgave" */
  REF_VOCAB_MEETING_ENDED,      /* "Mødet sluttede kl. 20.35" */
  REF_VOCAB_RUNNING_HEADER,     /* "Socialudvalget d. 06-05-2025" */
  REF_VOCAB_PARTY,              /* "A", "Løsgænger" */
  REF_VOCAB_OFFICIAL_ROLE,      /* "direktør", "centerchef …" */
  REF_VOCAB_MEMBER_ROLE,        /* "formand", "1. viceborgmester" */
  REF_VOCAB_ATTENDANCE_SUFFIX,  /* "Name (A) - Deltog", "… - Afbud" */
  REF_VOCAB_ABSENT_MARK,        /* "(Afbud)" inside an entry */
  REF_VOCAB_WITHOUT_NOTICE,     /* " uden afbud" */
  REF_VOCAB_ATTENDED_ITEMS,     /* "X deltog ved punkterne 82, 88 og 89" */
  REF_VOCAB_ATTENDED_UNTIL,     /* "X deltog til kl. 18.40 i punkt 2" */
  REF_VOCAB_SUBSTITUTE_HEADER,  /* "X (V) - Y (V) mødte som stedfortræder" */
  REF_VOCAB_SUBSTITUTE_ENTRY,   /* "Y (A) mødte som stedfortræder for X" in a list of members */
  REF_VOCAB_MOVEMENTS,          /* "X forlod mødet …" */
  REF_VOCAB_MOVEMENT,           /* one movement phrase */
  /* dates and times */
  REF_VOCAB_DATE_ISO,
  REF_VOCAB_DATE_NUMERIC,
  REF_VOCAB_DATE_NAMED,
  REF_VOCAB_TIME,
  /* item body */
  REF_VOCAB_RECOMMENDS,         /* "Direktionen indstiller, at": who recommends */
  REF_VOCAB_INLINE_POINTS,      /* "at 1) … 2) …": the numbered points run in a paragraph */
  REF_VOCAB_VOTE_LINE,          /* "For stemte …", "Imod stemte …" */
  REF_VOCAB_VOTE_FOR,
  REF_VOCAB_VOTE_AGAINST,
  REF_VOCAB_VOTE_ABSTAIN,
  REF_VOCAB_VOTE_OUTCOME,       /* "Indstillingen blev dermed godkendt." */
  REF_VOCAB_STATEMENT_LEAD,     /* "X ønskede at afgive følgende mindretalsudtalelse:" */
  REF_VOCAB_NAMED_ACTION,       /* "X benyttede standsningsretten …" */
  REF_VOCAB_REFERRAL,           /* "standsningsret", "begærede" */
  REF_VOCAB_ABSENCE_LINE,       /* "Afbud: …", "Fraværende: …", "Følgende deltog ikke …" */
  REF_VOCAB_ABSENCE_LABEL,      /* the label part of it */
  REF_VOCAB_ITEM_SUBSTITUTE,    /* "X deltog som stedfortræder for Y" */
  REF_VOCAB_DISQUALIFIED,       /* "X erklærede sig inhabil …" */
  REF_VOCAB_ATTACHMENT_COUNT,   /* "4 bilag, heraf 3 anbefales" */
  REF_VOCAB_ATTACHMENT_RECOMMENDED, /* "ANBEFALES - …" */
  REF_VOCAB_ATTACHMENT_FILE,    /* "….pdf" */
  REF_VOCAB_CLOSING_PAGE,       /* a signature page after the last item */
  REF_VOCAB_ATTACHMENT_OVERVIEW, /* "Bilagsoversigt" after the last item */
  REF_VOCAB_ROUTE_SEPARATOR,    /* between the bodies of a "Sagsgang" */
  REF_VOCAB_HISTORY_ENTRY,      /* "Økonomiudvalget, 19.05.2020, pkt. 12: Orienteret." */
  REF_VOCAB_GENITIVE_BODY,      /* "Byrådets" → "Byrådet" */
  REF_VOCAB_DECISION_COLUMN_BODY, /* a table of decisions: the column naming the body */
  REF_VOCAB_DECISION_COLUMN_DATE, /* … the date */
  REF_VOCAB_DECISION_COLUMN_TEXT, /* … the decision */
  REF_VOCAB_SUSPENDED_COMPOUND, /* "og" after "Sundheds-": the hyphen belongs to the word */
  REF_VOCAB_N
} RefVocabPattern;

GRegex  *ref_pdf_vocab (RefVocabPattern which);
/* Matches @text; @info (may be NULL) receives the match to fetch groups from. */
gboolean ref_pdf_vocab_match (RefVocabPattern which, const char *text, GMatchInfo **info);
/* Group @name of @info, or NULL when it did not take part in the match. */
char    *ref_pdf_vocab_group (GMatchInfo *info, const char *name);

/* What a caption inside an item introduces. */
typedef enum {
  REF_CAPTION_NONE,
  REF_CAPTION_SECTION,        /* a section (kind in RefCaption.section) */
  REF_CAPTION_RECOMMENDATION, /* Indstilling, "Direktionen indstiller, at" … */
  REF_CAPTION_DECISION,       /* Beslutning, possibly of a named body on a date */
  REF_CAPTION_PRIOR_DECISION, /* a decision of another body quoted in the case */
  REF_CAPTION_ATTACHMENTS,    /* Bilag */
  REF_CAPTION_DECIDED_BY,     /* Beslutningen træffes af */
  REF_CAPTION_CASE_ROUTE,     /* Sagsgang */
  REF_CAPTION_HISTORY,        /* Sagsforløb: earlier decisions, or a route */
} RefCaptionRole;

typedef struct {
  RefCaptionRole role;
  RefSectionKind section; /* REF_CAPTION_SECTION: FREE for a known caption without a kind */
  char *body;             /* who decides or recommends, as named (genitive undone) */
  char *date;             /* the date as printed */
  char *reference;        /* "pkt. 48", "Punkt 31" */
  char *intro;            /* "indstiller, at" */
  char *text;             /* the caption without outline number and colon */
  gboolean named;         /* a form that names a body ("Byrådets beslutning den …",
                           * "Direktionen indstiller, at"): a caption only when set as one */
} RefCaption;

/* Recognises a caption: "Indstilling", "2.1 Sagsfremstilling", "BESLUTNING",
 * "Beslutning i Teknik- og Miljøudvalget den 12-03-2024", "Byrådets beslutning den
 * 25.05.2021 Punkt 7", "Forvaltningen foreslår,". FALSE for text that is not one. */
gboolean ref_pdf_caption_parse (const char *text, RefCaption *caption);
void     ref_pdf_caption_clear (RefCaption *caption);

/* Labels of the header block. */
typedef enum {
  REF_FIELD_NONE,
  REF_FIELD_DATE,
  REF_FIELD_TIME,
  REF_FIELD_END_TIME,
  REF_FIELD_PLACE,
  REF_FIELD_COMMITTEE,
  REF_FIELD_PARTICIPANTS,
  REF_FIELD_PRESENT,
  REF_FIELD_ABSENT,
  REF_FIELD_ABSENT_WITHOUT_NOTICE,
  REF_FIELD_OFFICIALS,
  REF_FIELD_REMARKS,
  REF_FIELD_END,
} RefHeaderField;

/* "Mødedato: …", "MØDESTED", "Til stede:" → the field; @value points into @text at
 * what follows the label (may be ""). */
RefHeaderField ref_pdf_header_label (const char *text, const char **value);

/* Danish month names: 1 … 12 for a name or a prefix of three letters or more. */
int      ref_pdf_month_from_name (const char *name);

G_END_DECLS
