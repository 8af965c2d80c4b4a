/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-pdf-import.h"
#include "ref-pdf-text.h"
#include "ref-pdf-vocabulary.h"

G_BEGIN_DECLS

typedef enum {
  ROLE_BODY,      /* not yet classified */
  ROLE_FURNITURE, /* running header/footer, page number: not content */
  ROLE_TOC,       /* table of contents: not content, used for cross-checks */
} LineRole;

typedef struct {
  RefPdfLine *pdf;
  LineRole role;
  gboolean used;   /* its text ended up in the model (or is derived from it) */
  guint tag_level; /* a heading of the structure tree (1 … 6); 0 if not one */
  guint skip;      /* bytes of its text already taken (an inline caption "Indstilling:") */
} Line;

/* The text of @line not yet taken. */
#define LINE_TEXT(line) ((line)->pdf->text + (line)->skip)

/* An entry of the document's own list of its items: the table of contents, or the
 * outline (bookmarks) when there is no table of contents. */
typedef struct {
  guint number;     /* 0 when the entry has no number */
  char *title;
  gboolean closed;  /* listed in the closed part */
  guint level;      /* 0: an item; 1: a sub-heading's entry ("2.1 Sagsfremstilling") */
  guint page;       /* outline: the destination's page (0-based); G_MAXUINT if unknown */
  double y;         /* outline: its top; < 0 if unknown */
  guint line;       /* the heading line found in the body; G_MAXUINT if none */
} NavEntry;

typedef struct {
  guint line;        /* index of the heading line */
  guint end;         /* one past the last line of the heading (title, case number, markers) */
  guint number;
  char *title;
  char *case_number;
  guint case_line;   /* the first line of a case number or marker printed above the heading
                      * (up to the heading's line); G_MAXUINT when none */
  gboolean closed;   /* marked as closed ("Lukket punkt") */
  gboolean toc_only; /* listed in the table of contents only: nothing in the body */
} ItemHeading;

typedef struct {
  RefPdfText *text;
  GArray *lines;         /* Line */
  double body_size;      /* most common font size of body text */
  double heading_size;   /* most common size of bold headings inside items */
  double right_margin;   /* rightmost extent of body text */
  double text_column_x;  /* where the text column starts when captions stand in a
                          * margin column to its left ("Sagsbeskrivelse ⇥ Text …"); 0 if not */
  RefMeeting *meeting;
  GPtrArray *warnings;
  GPtrArray *notes;      /* why the confidence is lower: translated sentences */
  GArray *nav;           /* NavEntry */
  gboolean nav_is_outline;
  GHashTable *words;     /* words seen in the document, for undoing hyphenation */
  GPtrArray *item_headings; /* per item: GPtrArray of the headings as printed */
  /* What the confidence figure is made of. */
  guint captions;        /* part headings inside items */
  guint captions_unknown; /* … that the vocabulary did not know (free sections) */
  guint long_decisions;  /* decisions that run on for many words */
  guint decisions;
  guint untitled_parts;  /* text before any caption or after an ended decision */
  gboolean fallback;     /* no item structure found: everything in one item */
  gboolean closed_part;  /* the body has reached its closed part ("Lukket dagsorden") */
} Importer;

/* ref-pdf-util.c */
GRegex  *ref_pdf_regex (const char *pattern, GRegexCompileFlags flags);
void     importer_warn (Importer *imp, guint page, const char *text, const char *reason);
Line    *importer_line (Importer *imp, guint index);
gboolean ref_pdf_parse_danish_date (const char *text, int *year, int *month, int *day, gsize *end);
int      ref_pdf_parse_time (const char *text);
guint    ref_pdf_parse_number (const char *digits, guint max);
char    *ref_pdf_case_number (const char *text, char **rest);
RefParticipant *ref_pdf_match_participant (RefMeeting *meeting, const char *name);
GPtrArray *ref_pdf_split_names (const char *text);
char    *ref_pdf_strip_parentheses (const char *name);
char    *ref_pdf_match_key (const char *text);
gboolean ref_pdf_title_matches (const char *line_key, const char *title_key, gboolean *complete);
GDateTime *ref_pdf_date_time (int year, int month, int day, int minutes);

/* ref-pdf-navigation.c: the table of contents (before @first_item) or the outline
 * into imp->nav; then each entry's heading line in the body. */
void     ref_pdf_read_navigation (Importer *imp, guint first_item);
void     ref_pdf_locate_navigation (Importer *imp, guint from);
void     nav_entry_clear (gpointer data);

/* ref-pdf-headings.c: the agenda items' headings, in order. */
GArray  *ref_pdf_find_item_headings (Importer *imp);
void     ref_pdf_add_toc_only_items (Importer *imp, GArray *headings);
void     item_heading_clear (gpointer data);

/* ref-pdf-header.c: the header block in lines [0, end), and the running header. */
void     ref_pdf_read_header (Importer *imp, guint end);
void     ref_pdf_read_running_header (Importer *imp);
/* "Mødet sluttede kl. 20.10", wherever it stands: the meeting's end. */
void     ref_pdf_read_meeting_end (Importer *imp, const char *text);

/* ref-pdf-item.c: fills @item from lines [first, last). */
void     ref_pdf_read_item_body (Importer *imp, RefAgendaItem *item, guint first, guint last);

G_END_DECLS
