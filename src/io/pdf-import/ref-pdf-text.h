/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <poppler.h>

G_BEGIN_DECLS

/*
 * The typographic view of a PDF that the importer classifies: every text line of
 * every page with its position, size and weight, from poppler's text layout and
 * text attributes (not from plain text alone). Wide horizontal gaps inside a line
 * become tabs, so table rows keep their cells, and each cell keeps its own position
 * and typography (a cover page set in two columns shares baselines across them).
 *
 * Besides the text, what the PDF declares about its structure: the outline
 * (bookmarks) and, in a tagged PDF, the headings of the structure tree.
 */
typedef struct {
  gsize start, end; /* byte offsets into the line's text */
  char *href;
} RefPdfLink;

typedef struct {
  gsize start;   /* byte offset of the cell's text in the line's text */
  double x0, x1; /* horizontal extent of its glyphs */
  double size;   /* its dominant font size */
  gboolean bold;
} RefPdfCell;

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
  GArray *cells;    /* RefPdfCell, one per '\t'-separated cell, left to right */
  gsize bold_prefix; /* bytes of text from its start set in bold ("Indstilling: …") */
  gboolean soft_hyphen; /* ends in a soft hyphen: the word goes on in the next line */
} RefPdfLine;

/* An entry of the PDF's outline (bookmarks). */
typedef struct {
  char *title;
  guint level; /* 0 for the top level */
  guint page;  /* 0-based; G_MAXUINT when the destination names no page */
  double y;    /* top of the destination, from the page's top; < 0 when unknown */
} RefPdfOutlineEntry;

/* A heading of a tagged PDF's structure tree (H, H1 … H6). */
typedef struct {
  guint level; /* 1 … 6; 0 for an unnumbered H */
  char *text;
} RefPdfTaggedHeading;

typedef struct {
  guint n_pages;
  double page_width, page_height; /* of the first page */
  GPtrArray *lines;               /* RefPdfLine*, in reading order */
  GPtrArray *outline;             /* RefPdfOutlineEntry*, in document order */
  GPtrArray *tagged_headings;     /* RefPdfTaggedHeading*, in document order */
} RefPdfText;

RefPdfText *ref_pdf_text_extract (PopplerDocument *document, GCancellable *cancellable,
                                  void (*progress) (guint page, guint n_pages, gpointer user_data),
                                  gpointer user_data);
void        ref_pdf_text_free (RefPdfText *text);
/* Total characters of body text (excluding whitespace), for coverage checks. */
gsize       ref_pdf_text_count_chars (const char *text);
/* The text of cell @index of @line (a new string). */
char       *ref_pdf_line_cell_text (const RefPdfLine *line, guint index);

/* ref-pdf-structure.c: the outline into @text (ref_pdf_text_extract reads it). */
void        ref_pdf_read_structure (PopplerDocument *document, RefPdfText *text, GCancellable *cancellable);
/* The headings of a tagged PDF's structure tree into @text: costly (poppler runs
 * through a page's content for each), so read only when asked, and bounded. */
void        ref_pdf_read_tagged_headings (PopplerDocument *document, RefPdfText *text, GCancellable *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefPdfText, ref_pdf_text_free)

G_END_DECLS
