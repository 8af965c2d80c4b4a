/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <poppler.h>

G_BEGIN_DECLS

/*
 * The typographic view of a PDF that the importer classifies: every text line of
 * every page with its position, size and weight, from poppler's text layout and
 * text attributes (not from plain text alone). Wide horizontal gaps inside a line
 * become tabs, so table rows keep their cells.
 */
typedef struct {
  gsize start, end; /* byte offsets into the line's text */
  char *href;
} RefPdfLink;

typedef struct {
  guint page;      /* 0-based */
  char *text;      /* UTF-8, no newline; '\t' where a wide gap separates cells */
  double x0, y0;   /* top left, in points from the page's top left */
  double x1, y1;   /* bottom right */
  double size;     /* dominant font size in points */
  gboolean bold;
  gboolean italic;
  char *font;      /* dominant font name */
  GPtrArray *links; /* RefPdfLink*: spans of the text that are links; NULL if none */
} RefPdfLine;

typedef struct {
  guint n_pages;
  double page_width, page_height; /* of the first page */
  GPtrArray *lines;               /* RefPdfLine*, in reading order */
} RefPdfText;

RefPdfText *ref_pdf_text_extract (PopplerDocument *document, GCancellable *cancellable,
                                  void (*progress) (guint page, guint n_pages, gpointer user_data),
                                  gpointer user_data);
void        ref_pdf_text_free (RefPdfText *text);
/* Total characters of body text (excluding whitespace), for coverage checks. */
gsize       ref_pdf_text_count_chars (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefPdfText, ref_pdf_text_free)

G_END_DECLS
