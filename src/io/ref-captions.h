/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * The Danish vocabulary of agendas and minutes, in one place: the captions that head
 * the parts of an item (Sammendrag, Resumé, Sagsfremstilling, Økonomi…, the
 * Indstilling and Beslutning variants, Tidligere behandling, Beslutningen træffes af,
 * Bilag …), the words for attendance lists, roles, case types, open and closed access,
 * meeting kinds and months. The tables are data in ref-captions.c; the functions here
 * know no single municipality or case system. Any importer (case-system exports, PDFs)
 * classifies what it reads through them, so that all agree on what a caption means.
 *
 * Captions are matched case-insensitively after tidying (white space collapsed, a
 * trailing colon dropped), so "ØKONOMISKE KONSEKVENSER:" and "Økonomiske konsekvenser"
 * are the same caption. A caption that no rule knows is a free section under its own
 * heading: never dropped.
 */

typedef enum {
  REF_CAPTION_FREE,           /* not a known caption: a free section under its heading */
  REF_CAPTION_SECTION,        /* a section of a known kind */
  REF_CAPTION_RECOMMENDATION, /* Indstilling, Administrationens indstilling, X indstiller/foreslår */
  REF_CAPTION_DECISION,       /* Beslutning, Xs beslutning (den …), Beslutning i X den … */
  REF_CAPTION_DECIDED_BY,     /* Beslutningen træffes af, Sagen afgøres af, Kompetence */
  REF_CAPTION_ATTACHMENTS,    /* Bilag, Bilagsoversigt */
  REF_CAPTION_CASE_ROUTE,     /* Sagsgang, Sagsforløb */
} RefCaptionRole;

typedef struct {
  RefCaptionRole role;
  RefSectionKind kind;  /* SECTION: its kind; otherwise REF_SECTION_KIND_FREE */
  char *heading;        /* the caption tidied: white space collapsed, no trailing colon,
                         * capitals only → ordinary case ("Økonomiske konsekvenser") */
  char *body;           /* DECISION: the deciding body; RECOMMENDATION: who recommends;
                         * NULL when the caption does not say */
  char *intro;          /* RECOMMENDATION: the lead words when the caption has them
                         * ("indstiller, at", "foreslår") */
  int year, month, day; /* DECISION: the date the caption names; 0 when none */
  char *reference;      /* DECISION: "Punkt 2", "pkt. 48" when the caption names it */
} RefCaption;

/* Classifies @caption (any case, with or without a trailing colon). Clear @out with
 * ref_caption_clear(). Captions longer than a heading can be are FREE. */
void     ref_caption_classify (const char *caption, RefCaption *out);
void     ref_caption_clear (RefCaption *caption);

/* White space collapsed to single spaces, trailing colons and spaces dropped, and text
 * written in capitals only ("SAGEN AFGØRES AF") turned into ordinary sentence case
 * ("Sagen afgøres af"); short all-capital words such as "PUK" or "KMB IT" are kept.
 * (transfer full) */
char    *ref_caption_tidy (const char *text);

/* The lead of a recommendation: "Center for IT og Digitalisering indstiller, at" or
 * "Direktøren indstiller, at udvalget …". On a match, @by gets who recommends, @intro
 * the lead words as the model keeps them ("indstiller, at") and @rest the text after
 * them (may be empty). Each out argument may be NULL. */
gboolean ref_caption_split_recommendation_lead (const char *text, char **by, char **intro, char **rest);

/* Literal captions as case systems print them at the start of a part; used to find a
 * caption run together with the text after it ("SammendragDet årlige…"). NULL-terminated. */
const char *const *ref_caption_glued_captions (void);
/* Header labels that run into the value before them ("2012-28504Dok.nr.: …").
 * NULL-terminated. */
const char *const *ref_caption_glued_labels (void);

/* "Sundheds- og Forebyggelsesudvalget den 30. maj 2012 Punkt 7": where an item was
 * dealt with before, as an item's header line says it. */
gboolean ref_caption_is_previous_treatment (const char *text);
/* A line of a list of attachments: "2012-200782 - Bygningsliste", "Bilag 2: …",
 * "notat.pdf", or "Ingen" (none). */
gboolean ref_caption_is_attachment_reference (const char *line);
/* "Ingen", "Ingen bilag": the list is empty. */
gboolean ref_caption_is_none (const char *text);
/* "i Mødecenter C, Lokale 32": the place, after the date line of a front page; returns
 * the place without its preposition, or NULL. */
const char *ref_caption_place_line (const char *line);

/* "05-05-2021", "5.5.2021", "2021-05-05", "6. september 2021", "tirsdag den 4. dec. 2012". */
gboolean ref_caption_parse_date (const char *text, int *year, int *month, int *day);
/* "kl. 13:00", "Kl. 16.00", "13:00-15:00" → minutes after midnight of the first time,
 * or -1. Without "kl." only a colon makes a time, so a date's "20.06" is none. */
int      ref_caption_parse_time (const char *text);

/* "Referat", "Referat endeligt godkendt", "Beslutningsprotokol" → minutes; "Dagsorden",
 * "Åben dagsorden" → agenda. FALSE when @text names neither. */
gboolean ref_caption_meeting_kind (const char *text, RefMeetingKind *kind);
/* "Lukket dagsorden", "Lukket", "Fortrolig publicering" → closed; "Åben", "Offentlig"
 * → open. FALSE when @text says neither. */
gboolean ref_caption_access_closed (const char *text, gboolean *closed);
/* "Til godkendelse" → decision, "Til orientering" → orientation, "Til drøftelse" →
 * discussion; REF_CASE_TYPE_NONE otherwise. */
RefCaseType ref_caption_case_type (const char *label);
/* "Underskriftsblad", "Underskrifter": the item the members sign. */
gboolean ref_caption_is_signature_item (const char *title);
/* "Godkendelse af dagsorden", "Meddelelser (fra formanden)", "Orientering fra
 * forvaltningen", "Eventuelt": an item every meeting of the committee has. */
gboolean ref_caption_is_recurring_item (const char *title);
/* "Kladde", "Draft", "Udkast", "Foreløbig": a state or publication type that is not
 * final. */
gboolean ref_caption_is_draft (const char *text);
/* "Tomt indhold", "Intet indhold": text a case system puts in a field nobody filled. */
gboolean ref_caption_is_placeholder (const char *text);
/* "Indholdsfortegnelse": where a front page ends. */
gboolean ref_caption_is_contents_heading (const char *text);

typedef enum {
  REF_ATTENDANCE_LIST_NONE,
  REF_ATTENDANCE_LIST_PRESENT,        /* Tilstede, Deltagere, Mødedeltagere */
  REF_ATTENDANCE_LIST_ABSENT,         /* Afbud, Fraværende, Afbud/Fraværende */
  REF_ATTENDANCE_LIST_ABSENT_WITHOUT, /* Fraværende uden afbud, Udeblevet */
  REF_ATTENDANCE_LIST_OFFICIALS,      /* Sekretær, Referent, Fra administrationen */
} RefAttendanceList;

/* The heading of a list of participants on a front page. */
RefAttendanceList ref_caption_attendance_list (const char *caption);
/* "Medlem", "Udvalgsmedlem": a role that says no more than that the person is a member. */
gboolean ref_caption_is_plain_member_role (const char *role);
/* The participant type a role implies: "Sekretær" → official, "Suppleant" →
 * substitute, "Gæst" → guest, anything else → member. */
RefParticipantType ref_caption_participant_type_for_role (const char *role);
/* "Følgende deltog ikke i behandlingen af punktet:", "Fraværende:": the lead of a
 * list of who was absent for an item. */
gboolean ref_caption_is_absence_lead (const char *text);

/*
 * The outcome of a decision, as the standard Danish decision phrases say it:
 * "Godkendt", "Indstillingen godkendt" → approved; "Anbefales" → recommended (to the
 * body that decides); "Taget til efterretning" → noted; "Udsat" → postponed;
 * "Forkastet", "Ikke godkendt" → rejected; "Oversendt til …" → forwarded. The nicks
 * ("approved" …) are the values the archive index and `referent-cli search --outcome`
 * use, and the file format's decision/@outcome.
 *
 * The model records the outcome (RefDecisionOutcome, ref_decision_get_outcome()); the
 * caption names are the same values, so the vocabulary and the model agree on them.
 */
typedef RefDecisionOutcome RefCaptionOutcome;

#define REF_CAPTION_OUTCOME_NONE REF_DECISION_OUTCOME_NONE
#define REF_CAPTION_OUTCOME_APPROVED REF_DECISION_OUTCOME_APPROVED
#define REF_CAPTION_OUTCOME_RECOMMENDED REF_DECISION_OUTCOME_RECOMMENDED
#define REF_CAPTION_OUTCOME_NOTED REF_DECISION_OUTCOME_NOTED
#define REF_CAPTION_OUTCOME_POSTPONED REF_DECISION_OUTCOME_POSTPONED
#define REF_CAPTION_OUTCOME_REJECTED REF_DECISION_OUTCOME_REJECTED
#define REF_CAPTION_OUTCOME_FORWARDED REF_DECISION_OUTCOME_FORWARDED

#define REF_CAPTION_N_OUTCOMES (REF_CAPTION_OUTCOME_FORWARDED + 1)

/* The outcome the wording of a decision states: the phrase that comes first in @text
 * (at the same place, the longer one: "godkendte ikke" before "godkendte"), so that
 * "Anbefales godkendt" is recommended and "Ikke godkendt" rejected. NONE when no
 * phrase of the table is in @text. */
RefCaptionOutcome ref_caption_decision_outcome (const char *text);
/* The outcome of @decision: the one recorded in the model, or, when none is (files
 * written before the outcome was stored), the one its wording states — the decision
 * text, then the outcome line of its vote. What the PDF, the statistics and archive
 * search use. */
RefCaptionOutcome ref_caption_outcome_of_decision (RefDecision *decision);
/* Records on @decision the outcome its wording states, when it has none recorded:
 * what importers do with a decision as it was published. */
void ref_caption_record_outcome (RefDecision *decision);
/* The standard Danish sentence of @outcome ("Godkendt.", "Taget til efterretning."
 * …), printed for a decision that records an outcome and has no text; NULL for NONE. */
const char *ref_caption_outcome_sentence (RefCaptionOutcome outcome);
/* "approved", "recommended", "noted", "postponed", "rejected", "forwarded"; NULL for
 * NONE. */
const char *ref_caption_outcome_to_nick (RefCaptionOutcome outcome);
gboolean    ref_caption_outcome_from_nick (const char *nick, RefCaptionOutcome *outcome);

typedef enum {
  REF_CAPTION_LABEL_NONE,
  REF_CAPTION_LABEL_CASE_NUMBER,     /* Sagsnr.:, Sag nr.:, Sagsnummer: */
  REF_CAPTION_LABEL_DOCUMENT_NUMBER, /* Dok.nr.:, Dokumentnr.: */
  REF_CAPTION_LABEL_CASE_WORKER,     /* Sagsbehandler: */
  REF_CAPTION_LABEL_PLACE,           /* Mødested:, Sted: */
  REF_CAPTION_LABEL_END,             /* Mødet sluttede kl. …, Sluttidspunkt: */
} RefCaptionLabel;

/* A "Label: value" line of an item's header. On a match, @value points into @line
 * after the label. */
RefCaptionLabel ref_caption_match_label (const char *line, const char **value);

G_END_DECLS
