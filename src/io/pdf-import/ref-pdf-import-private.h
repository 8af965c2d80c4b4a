/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-pdf-import.h"
#include "ref-pdf-text.h"

G_BEGIN_DECLS

typedef enum {
  ROLE_BODY,      /* not yet classified */
  ROLE_FURNITURE, /* running header/footer, page number: not content */
  ROLE_TOC,       /* table of contents: not content, used for cross-checks */
} LineRole;

typedef struct {
  RefPdfLine *pdf;
  LineRole role;
  gboolean used; /* its text ended up in the model (or is derived from it) */
} Line;

typedef struct {
  guint number;
  char *title;
  gboolean closed;
} TocEntry;

typedef struct {
  RefPdfText *text;
  GArray *lines;    /* Line */
  double body_size; /* most common font size of body text */
  double heading_size; /* most common size of bold headings inside items */
  double right_margin; /* rightmost extent of body text */
  RefMeeting *meeting;
  GPtrArray *warnings;
  GArray *toc;      /* TocEntry */
  GHashTable *vocabulary; /* words seen in the document, for undoing hyphenation */
  GPtrArray *item_headings; /* per item: GPtrArray of the headings as printed */
  guint last_page;          /* page of the last line that is content */
} Importer;

/* ref-pdf-import.c */
void  importer_warn (Importer *imp, guint page, const char *text, const char *reason);
Line *importer_line (Importer *imp, guint index);

/* ref-pdf-item.c: fills @item from lines [first, last). */
void  ref_pdf_read_item_body (Importer *imp, RefAgendaItem *item, guint first, guint last);
/* Shared text helpers. */
/* A compiled regex for @pattern, cached for the life of the process (thread-safe):
 * the classifier matches the same patterns against thousands of lines. */
GRegex  *ref_pdf_regex (const char *pattern, GRegexCompileFlags flags);
gboolean ref_pdf_regex_match (const char *pattern, GRegexCompileFlags flags, const char *text);
gboolean ref_pdf_parse_danish_date (const char *text, int *year, int *month, int *day);
gboolean ref_pdf_match_case_number (const char *text);
RefParticipant *ref_pdf_match_participant (RefMeeting *meeting, const char *name);
GPtrArray *ref_pdf_split_names (const char *text);

G_END_DECLS
