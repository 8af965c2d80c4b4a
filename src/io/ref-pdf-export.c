/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ref-captions.h"
#include "ref-file-util.h"
#include "ref-format.h"
#include "ref-pdf-export.h"
#include "ref-pdf-tagging.h"
#include "ref-xml-private.h"
#include "ref-signature.h"
#include "ref-xml.h"

/*
 * The layout is a flow of boxes. A box is one paragraph, list entry, table row, TOC
 * entry or signature row: one or more cells (each a PangoLayout at an x offset) that
 * are placed top to bottom and may split between lines at a page break.
 *
 * The document is laid out twice with the same code: the first pass only measures
 * (no cairo context) and records the page each item starts on and the page count;
 * the second pass draws, so the table of contents and "Side X af Y" can print true
 * numbers. Items always start on a new page, so each item is built, flowed and freed
 * on its own and memory stays bounded by the largest item.
 *
 * All Danish strings below are document text (what the printed minutes say), not UI
 * strings, so they are not translated.
 */

#define MM (72.0 / 25.4)
#define PAGE_WIDTH (210.0 * MM)
#define PAGE_HEIGHT (297.0 * MM)
#define MARGIN_X (20.0 * MM)
#define TEXT_WIDTH (PAGE_WIDTH - 2 * MARGIN_X)
#define BODY_TOP (27.0 * MM)
#define BODY_BOTTOM (PAGE_HEIGHT - 22.0 * MM)
#define BODY_HEIGHT (BODY_BOTTOM - BODY_TOP)
#define HEADER_TOP (13.0 * MM)
#define HEADER_RULE_Y (19.0 * MM)
#define FOOTER_TOP (PAGE_HEIGHT - 15.0 * MM)

#define LINE_SPACING 1.12
#define PARA_SPACE 6.0
#define LIST_ITEM_SPACE 3.0
#define LIST_INDENT 18.0
#define LABEL_GAP 6.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0
#define FIELD_VALUE_X 100.0
#define STATEMENT_INDENT 14.0
#define TOC_NUMBER_WIDTH 28.0
#define TOC_PAGE_WIDTH 28.0
#define TOC_LEADER_MIN 30.0
#define SIGNATURE_STATUS_X 245.0
#define MIN_LINES 2 /* no orphans or widows: at least two lines on each side of a break */
#define EPSILON 0.01

/* Shares of the progress fraction: measuring, drawing, then cairo writing fonts. */
#define PROGRESS_MEASURE 0.25
#define PROGRESS_DRAW 0.70

#define FONT_CANDIDATES "Liberation Sans", "Carlito", "DejaVu Sans", "Sans"

typedef enum {
  STYLE_BODY,
  STYLE_SMALL, /* running header, footer, captions */
  STYLE_META,  /* case number, organisation, edition */
  STYLE_TITLE, /* the front page title */
  STYLE_H1,    /* "Punkt N: …", "Indholdsfortegnelse" */
  STYLE_GROUP, /* grouping headings over sections ("Indhold"): a step above H2 */
  STYLE_H2,    /* section headings, "Beslutning …" */
  STYLE_H3,    /* level-2 section headings */
  N_STYLES
} Style;

static const struct {
  double size;
  PangoWeight weight;
  double gray;
} styles[N_STYLES] = {
  [STYLE_BODY] = { 10.0, PANGO_WEIGHT_NORMAL, 0.0 },
  [STYLE_SMALL] = { 8.0, PANGO_WEIGHT_NORMAL, 0.35 },
  [STYLE_META] = { 9.0, PANGO_WEIGHT_NORMAL, 0.3 },
  [STYLE_TITLE] = { 18.0, PANGO_WEIGHT_BOLD, 0.0 },
  [STYLE_H1] = { 14.0, PANGO_WEIGHT_BOLD, 0.0 },
  [STYLE_GROUP] = { 12.5, PANGO_WEIGHT_BOLD, 0.0 },
  [STYLE_H2] = { 11.0, PANGO_WEIGHT_BOLD, 0.0 },
  [STYLE_H3] = { 10.0, PANGO_WEIGHT_BOLD, 0.0 },
};

static const char *const month_names[12] = {
  "januar", "februar", "marts", "april", "maj", "juni",
  "juli", "august", "september", "oktober", "november", "december",
};

/* ISO 8601 order, as g_date_time_get_day_of_week() counts: 1 = Monday. */
static const char *const weekday_names[7] = {
  "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
};

G_DEFINE_QUARK (ref-pdf-export-error-quark, ref_pdf_export_error)

/* ------------------------------------------------------------------ boxes */

typedef struct {
  guint start, end; /* byte range in the layout text */
  char *href;
} LinkSpan;

typedef struct {
  PangoLayout *layout;
  double x;        /* from the left margin */
  double y_offset; /* from the box top (first part only) */
  double width;
  double gray;
  const char *tag; /* structure element around the cell's content, or NULL */
  guint n_lines;
  double *tops; /* n_lines + 1: the last entry is the layout height */
  double *baselines;
  double *line_x;
  double *line_w;
  guint next;     /* first line not placed yet */
  GArray *links;  /* LinkSpan, or NULL */
} Cell;

typedef enum {
  DECOR_NONE,
  DECOR_GRID,
  DECOR_GRID_HEADER,
  DECOR_RULE_BELOW,
  DECOR_SIGNATURE_LINE,
} Decor;

typedef struct {
  Cell *cells;
  guint n_cells;
  guint main_cell; /* decides where a splittable box breaks */
  double space_before;
  double space_after;
  double pad; /* above and below the cells */
  gboolean keep_with_next;
  gboolean split_lines; /* may break between lines; otherwise only when taller than a page */
  const char *tag;   /* the box's own structure element */
  const char *open;  /* container element opened before the box (L, Table, TOC) */
  const char *close; /* container element closed after the box */
  char *dest;      /* named destination at the box's top */
  char *link_dest; /* the whole box links to this destination */
  Decor decor;
  double rule_y;
  gboolean drawn; /* the first part has been placed */
} Box;

static void
link_span_clear (gpointer data)
{
  LinkSpan *span = data;

  g_free (span->href);
}

static void
cell_set (Cell *c, PangoLayout *layout, double x, double width, double gray)
{
  PangoLayoutIter *iter;
  PangoRectangle logical;
  guint k = 0;

  c->layout = layout;
  c->x = x;
  c->width = width;
  c->gray = gray;
  c->n_lines = pango_layout_get_line_count (layout);
  c->tops = g_new (double, 4 * c->n_lines + 1);
  c->baselines = c->tops + c->n_lines + 1;
  c->line_x = c->baselines + c->n_lines;
  c->line_w = c->line_x + c->n_lines;

  iter = pango_layout_get_iter (layout);
  do
    {
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      c->tops[k] = pango_units_to_double (logical.y);
      c->baselines[k] = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      c->line_x[k] = pango_units_to_double (logical.x);
      c->line_w[k] = pango_units_to_double (logical.width);
      k++;
    }
  while (k < c->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pango_layout_get_extents (layout, NULL, &logical);
  c->tops[c->n_lines] = MAX (pango_units_to_double (logical.y + logical.height), c->tops[k - 1]);
}

static void
cell_clear (Cell *c)
{
  g_clear_object (&c->layout);
  g_clear_pointer (&c->tops, g_free);
  g_clear_pointer (&c->links, g_array_unref);
}

static Box *
box_new (guint n_cells)
{
  Box *box = g_new0 (Box, 1);

  box->cells = g_new0 (Cell, n_cells);
  box->n_cells = n_cells;
  box->space_after = PARA_SPACE;
  return box;
}

static void
box_free (gpointer data)
{
  Box *box = data;

  for (guint i = 0; i < box->n_cells; i++)
    cell_clear (&box->cells[i]);
  g_free (box->cells);
  g_free (box->dest);
  g_free (box->link_dest);
  g_free (box);
}

static double
cell_remaining_height (const Cell *c)
{
  if (c->layout == NULL || c->next >= c->n_lines)
    return 0;
  return (c->next == 0 ? c->y_offset : 0) + c->tops[c->n_lines] - c->tops[c->next];
}

static double
box_remaining_height (const Box *box)
{
  double h = 0;

  for (guint i = 0; i < box->n_cells; i++)
    h = MAX (h, cell_remaining_height (&box->cells[i]));
  return h + 2 * box->pad;
}

/* Height of the first lines that must stay together at the top of the box. */
static double
box_lead_height (const Box *box)
{
  const Cell *m = &box->cells[box->main_cell];
  guint n;

  if (!box->split_lines || m->layout == NULL)
    return box_remaining_height (box);
  n = m->n_lines < 2 * MIN_LINES ? m->n_lines : MIN_LINES;
  return m->tops[n] - m->tops[0] + 2 * box->pad;
}

static guint
cell_lines_fitting (const Cell *c, double height)
{
  guint k = c->next;
  double top;

  if (c->layout == NULL)
    return 0;
  top = c->tops[c->next] - (c->next == 0 ? c->y_offset : 0);
  while (k < c->n_lines && c->tops[k + 1] - top <= height + EPSILON)
    k++;
  return k;
}

static void
box_all_lines (const Box *box, guint *ends)
{
  for (guint i = 0; i < box->n_cells; i++)
    ends[i] = box->cells[i].n_lines;
}

/* How many lines of each cell fit in @avail; FALSE when nothing may be placed. */
static gboolean
box_split (const Box *box, double avail, guint *ends)
{
  double h = avail - 2 * box->pad;
  gboolean any = FALSE;

  for (guint i = 0; i < box->n_cells; i++)
    ends[i] = cell_lines_fitting (&box->cells[i], h);

  if (box->split_lines)
    {
      const Cell *m = &box->cells[box->main_cell];
      guint first = m->next, end = ends[box->main_cell], n = m->n_lines;

      if (end < n && n - end < MIN_LINES)
        end = n > MIN_LINES ? n - MIN_LINES : first;
      if (end < first)
        end = first;
      if (first == 0 && end < MIN_LINES && end < n)
        end = first;
      if (end == first)
        return FALSE;
      ends[box->main_cell] = end;
    }
  for (guint i = 0; i < box->n_cells; i++)
    if (box->cells[i].layout != NULL && ends[i] > box->cells[i].next)
      any = TRUE;
  return any;
}

/* ------------------------------------------------------------------ exporter */

typedef struct {
  RefMeeting *meeting;
  RefEdition edition;
  RefSignatureTrust *trust;
  gboolean release_items; /* see RefPdfExportOptions */
  GPtrArray *approval_checks; /* RefApprovalCheck, for the signature page */
  PangoFontMap *fontmap;
  PangoContext *context;
  PangoFontDescription *fonts[N_STYLES];
  double dot_advance;

  cairo_surface_t *surface;
  cairo_t *cr;     /* NULL while measuring */
  GPtrArray *tags; /* open structure elements, innermost last */

  guint page; /* 1-based; 0 before the first page */
  guint n_pages;
  double y;
  double pending_space;
  gboolean at_top;
  gboolean closed_item_pages; /* the running header says "Lukket punkt" */
  GArray *item_pages;         /* guint: first page of each item */

  RefPdfProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
  gboolean cancelled;
} Exporter;

static char *
format_date (GDateTime *dt)
{
  return g_date_time_format (dt, "%d-%m-%Y");
}

/* "Tirsdag d. 06. maj 2025" */
static char *
format_long_date (GDateTime *dt)
{
  const char *weekday = weekday_names[g_date_time_get_day_of_week (dt) - 1];

  return g_strdup_printf ("%c%s d. %02d. %s %d", g_ascii_toupper (weekday[0]), weekday + 1,
                          g_date_time_get_day_of_month (dt), month_names[g_date_time_get_month (dt) - 1],
                          g_date_time_get_year (dt));
}

static char *
format_time (GDateTime *dt)
{
  return g_date_time_format (dt, "%H:%M");
}

static const char *
kind_word (Exporter *ex, gboolean upper)
{
  if (ref_meeting_get_kind (ex->meeting) == REF_MEETING_KIND_AGENDA)
    return upper ? "DAGSORDEN" : "Dagsorden";
  return upper ? "REFERAT" : "Referat";
}

static char *
item_dest_name (guint number)
{
  return g_strdup_printf ("item-%u", number);
}

/* cairo tag attributes are single-quoted strings with backslash escapes. */
static char *
attr_escape (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s; s++)
    {
      if (*s == '\'' || *s == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s);
    }
  return g_string_free (out, FALSE);
}

static void
report_progress (Exporter *ex, guint pages_done, double fraction)
{
  if (ex->progress != NULL)
    ex->progress (pages_done, CLAMP (fraction, 0.0, 1.0), ex->progress_data);
}

/* ------------------------------------------------------------------ text */

typedef struct {
  GString *text;
  PangoAttrList *attrs;
  GArray *links;
} TextBuilder;

static void
tb_init (TextBuilder *tb)
{
  tb->text = g_string_new (NULL);
  tb->attrs = pango_attr_list_new ();
  tb->links = NULL;
}

static void
tb_insert_attr (TextBuilder *tb, PangoAttribute *attr, guint start, guint end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (tb->attrs, attr);
}

static void
tb_append (TextBuilder *tb, const char *text, RefStyle style, const char *href)
{
  guint start = tb->text->len, end;

  /* Only web and mail links become links in the published PDF: a javascript: or file:
   * address that came with a file is printed as plain text. */
  if (href != NULL && !ref_xml_link_is_safe (href))
    href = NULL;
  g_string_append (tb->text, text);
  end = tb->text->len;
  if (end == start)
    return;
  if (style & REF_STYLE_BOLD)
    tb_insert_attr (tb, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, end);
  if (style & REF_STYLE_ITALIC)
    tb_insert_attr (tb, pango_attr_style_new (PANGO_STYLE_ITALIC), start, end);
  if ((style & REF_STYLE_UNDERLINE) || href != NULL)
    tb_insert_attr (tb, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE), start, end);
  if (href != NULL && *href != '\0')
    {
      LinkSpan span = { start, end, g_strdup (href) };

      tb_insert_attr (tb, pango_attr_foreground_new (0x0e00, 0x4a00, 0x9000), start, end);
      if (tb->links == NULL)
        {
          tb->links = g_array_new (FALSE, FALSE, sizeof (LinkSpan));
          g_array_set_clear_func (tb->links, link_span_clear);
        }
      g_array_append_val (tb->links, span);
    }
}

static void
tb_append_inline (TextBuilder *tb, const RefTextInline *inl)
{
  for (guint i = 0; inl != NULL && i < inl->len; i++)
    {
      const RefTextRun *run = g_ptr_array_index ((GPtrArray *) inl, i);

      tb_append (tb, run->text ? run->text : "", run->style, run->href);
    }
}

/* An unbroken run of text longer than LONG_WORD_BYTES (no Danish word is; a pasted
 * hash, URL or encoded blob is) is laid out in items of at most LONG_WORD_CHUNK
 * bytes. pango 1.50 shapes the whole rest of an item again for every line it breaks
 * inside a word, so one 100 KB word took 41 s to export, growing with the square of
 * its length; with items of bounded size it grows linearly. The items come from a
 * no-op attribute (a rise of 0) on every other chunk. Such a run is broken without
 * hyphens: pango leaves the hyphen's width out when it breaks at an item boundary
 * (the line would run into the margin), and a hyphen inside a URL or a hash would
 * change it. */
#define LONG_WORD_BYTES 256
#define LONG_WORD_CHUNK 64

/* Where a line may break between words; no-break spaces belong to the word. */
static gboolean
is_break_space (gunichar c)
{
  return c == 0x200B || (g_unichar_isspace (c) && c != 0x00A0 && c != 0x2007 && c != 0x202F);
}

static void
tb_split_long_word (TextBuilder *tb, gsize start, gsize end)
{
  const char *text = tb->text->str;
  gboolean marked = FALSE;

  tb_insert_attr (tb, pango_attr_insert_hyphens_new (FALSE), start, end);
  while (start < end)
    {
      gsize chunk_end = MIN (start + LONG_WORD_CHUNK, end);

      while (chunk_end < end && ((guchar) text[chunk_end] & 0xC0) == 0x80)
        chunk_end++; /* not inside a character */
      if (marked)
        tb_insert_attr (tb, pango_attr_rise_new (0), start, chunk_end);
      marked = !marked;
      start = chunk_end;
    }
}

static void
tb_split_long_words (TextBuilder *tb)
{
  const char *text = tb->text->str;
  const char *end = text + tb->text->len;
  const char *word = NULL;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      if (p < end && !is_break_space (g_utf8_get_char (p)))
        {
          if (word == NULL)
            word = p;
          continue;
        }
      if (word != NULL && p - word > LONG_WORD_BYTES)
        tb_split_long_word (tb, word - text, p - text);
      word = NULL;
      if (p >= end)
        break;
    }
}

static PangoLayout *
new_layout (Exporter *ex, Style style, double width)
{
  PangoLayout *layout = pango_layout_new (ex->context);

  pango_layout_set_font_description (layout, ex->fonts[style]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_line_spacing (layout, LINE_SPACING);
  return layout;
}

/* Consumes the builder. */
static PangoLayout *
tb_finish (Exporter *ex, TextBuilder *tb, Style style, double width, GArray **links)
{
  PangoLayout *layout = new_layout (ex, style, width);

  /* pango inserts a hyphen where it has to break inside a word (long compounds). */
  pango_attr_list_insert_before (tb->attrs, pango_attr_insert_hyphens_new (TRUE));
  tb_split_long_words (tb);
  pango_layout_set_text (layout, tb->text->str, (int) tb->text->len);
  pango_layout_set_attributes (layout, tb->attrs);
  if (links != NULL)
    *links = g_steal_pointer (&tb->links);
  g_clear_pointer (&tb->links, g_array_unref);
  pango_attr_list_unref (tb->attrs);
  g_string_free (tb->text, TRUE);
  return layout;
}

static PangoLayout *
plain_layout (Exporter *ex, const char *text, Style style, double width)
{
  TextBuilder tb;

  tb_init (&tb);
  tb_append (&tb, text, REF_STYLE_NONE, NULL);
  return tb_finish (ex, &tb, style, width, NULL);
}

static gboolean
inline_is_empty (const RefTextInline *inl)
{
  for (guint i = 0; inl != NULL && i < inl->len; i++)
    {
      const RefTextRun *run = g_ptr_array_index ((GPtrArray *) inl, i);

      for (const char *p = run->text; p && *p; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ drawing */

static void
tag_begin (Exporter *ex, const char *name, const char *attributes)
{
  if (ex->cr != NULL && name != NULL)
    cairo_tag_begin (ex->cr, name, attributes);
}

static void
tag_end (Exporter *ex, const char *name)
{
  if (ex->cr != NULL && name != NULL)
    cairo_tag_end (ex->cr, name);
}

static void
tag_push (Exporter *ex, const char *name)
{
  if (name == NULL)
    return;
  g_ptr_array_add (ex->tags, (gpointer) name);
  tag_begin (ex, name, NULL);
}

static void
tag_pop (Exporter *ex, const char *name)
{
  if (name == NULL)
    return;
  g_assert (ex->tags->len > 0 && g_str_equal (g_ptr_array_index (ex->tags, ex->tags->len - 1), name));
  tag_end (ex, name);
  g_ptr_array_set_size (ex->tags, ex->tags->len - 1);
}

static void
emit_link_rects (Exporter *ex, const char *target_attr, const GString *rects)
{
  g_autofree char *attributes = NULL;

  if (rects->len == 0)
    return;
  attributes = g_strdup_printf ("%s rect=[%s]", target_attr, rects->str);
  cairo_tag_begin (ex->cr, CAIRO_TAG_LINK, attributes);
  cairo_tag_end (ex->cr, CAIRO_TAG_LINK);
}

static void
append_rect (GString *rects, double x, double y, double w, double h)
{
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

  if (rects->len > 0)
    g_string_append_c (rects, ' ');
  g_string_append_printf (rects, "%s %s %s %s", g_ascii_formatd (buf[0], sizeof buf[0], "%.2f", x),
                          g_ascii_formatd (buf[1], sizeof buf[1], "%.2f", y),
                          g_ascii_formatd (buf[2], sizeof buf[2], "%.2f", w),
                          g_ascii_formatd (buf[3], sizeof buf[3], "%.2f", h));
}

/* Web links of the lines [from, to) of a cell drawn with its line @from at @origin. */
static void
draw_cell_links (Exporter *ex, const Cell *c, GSList *first_line, guint from, guint to, double origin)
{
  for (guint s = 0; s < c->links->len; s++)
    {
      const LinkSpan *span = &g_array_index (c->links, LinkSpan, s);
      g_autoptr (GString) rects = g_string_new (NULL);
      g_autofree char *escaped = attr_escape (span->href);
      g_autofree char *target = g_strdup_printf ("uri='%s'", escaped);
      GSList *l = first_line;

      for (guint k = from; k < to && l != NULL; k++, l = l->next)
        {
          PangoLayoutLine *line = l->data;
          guint ls = line->start_index, le = line->start_index + line->length;
          int *ranges = NULL, n_ranges = 0;

          if (span->end <= ls || span->start >= le)
            continue;
          pango_layout_line_get_x_ranges (line, MAX (span->start, ls), MIN (span->end, le), &ranges, &n_ranges);
          for (int r = 0; r < n_ranges; r++)
            {
              double x0 = pango_units_to_double (ranges[2 * r]);
              double x1 = pango_units_to_double (ranges[2 * r + 1]);

              append_rect (rects, MARGIN_X + c->x + x0, origin + c->tops[k] - c->tops[from], x1 - x0,
                           c->tops[k + 1] - c->tops[k]);
            }
          g_free (ranges);
        }
      emit_link_rects (ex, target, rects);
    }
}

static void
draw_cell_lines (Exporter *ex, const Cell *c, double top, guint to)
{
  cairo_t *cr = ex->cr;
  guint from = c->next;
  double origin = top + (from == 0 ? c->y_offset : 0);
  GSList *first_line;
  GSList *l;

  if (c->layout == NULL || from >= to)
    return;
  first_line = g_slist_nth (pango_layout_get_lines_readonly (c->layout), from);
  tag_begin (ex, c->tag, NULL);
  cairo_set_source_rgb (cr, c->gray, c->gray, c->gray);
  l = first_line;
  for (guint k = from; k < to && l != NULL; k++, l = l->next)
    {
      cairo_move_to (cr, MARGIN_X + c->x + c->line_x[k], origin + c->baselines[k] - c->tops[from]);
      pango_cairo_show_layout_line (cr, l->data);
    }
  if (c->links != NULL)
    draw_cell_links (ex, c, first_line, from, to, origin);
  tag_end (ex, c->tag);
}

static void
draw_decor (Exporter *ex, const Box *box, double top, double height)
{
  cairo_t *cr = ex->cr;

  switch (box->decor)
    {
    case DECOR_GRID:
    case DECOR_GRID_HEADER:
      for (guint i = 0; i < box->n_cells; i++)
        {
          const Cell *c = &box->cells[i];

          cairo_rectangle (cr, MARGIN_X + c->x - CELL_PAD_X, top, c->width + 2 * CELL_PAD_X, height);
        }
      if (box->decor == DECOR_GRID_HEADER)
        {
          cairo_set_source_rgb (cr, 0.91, 0.92, 0.93);
          cairo_fill_preserve (cr);
        }
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
      break;
    case DECOR_RULE_BELOW:
      cairo_move_to (cr, MARGIN_X, top + height + 4.0);
      cairo_rel_line_to (cr, TEXT_WIDTH, 0);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      cairo_set_line_width (cr, 0.75);
      cairo_stroke (cr);
      break;
    case DECOR_SIGNATURE_LINE:
      {
        const Cell *c = &box->cells[box->n_cells - 1];

        cairo_move_to (cr, MARGIN_X + c->x, top + box->rule_y);
        cairo_rel_line_to (cr, c->width, 0);
        cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
        cairo_set_line_width (cr, 0.6);
        cairo_stroke (cr);
      }
      break;
    case DECOR_NONE:
    default:
      break;
    }
}

/* Places the lines [cell->next, ends[i]) of every cell at @top; returns the height. */
static double
box_place_part (Exporter *ex, Box *box, double top, const guint *ends)
{
  double height = 0;

  for (guint i = 0; i < box->n_cells; i++)
    {
      const Cell *c = &box->cells[i];

      if (c->layout != NULL && ends[i] > c->next)
        height = MAX (height, (c->next == 0 ? c->y_offset : 0) + c->tops[ends[i]] - c->tops[c->next]);
    }
  height += 2 * box->pad;

  if (ex->cr != NULL)
    {
      if (!box->drawn && box->dest != NULL)
        {
          g_autofree char *attributes = NULL;
          char y[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (y, sizeof y, "%.2f", MAX (0.0, top - 12.0));
          attributes = g_strdup_printf ("name='%s' x=0 y=%s", box->dest, y);
          cairo_tag_begin (ex->cr, CAIRO_TAG_DEST, attributes);
          cairo_tag_end (ex->cr, CAIRO_TAG_DEST);
        }
      draw_decor (ex, box, top, height);
      for (guint i = 0; i < box->n_cells; i++)
        draw_cell_lines (ex, &box->cells[i], top + box->pad, ends[i]);
      if (box->link_dest != NULL)
        {
          g_autoptr (GString) rects = g_string_new (NULL);
          g_autofree char *target = g_strdup_printf ("dest='%s'", box->link_dest);

          append_rect (rects, MARGIN_X, top, TEXT_WIDTH, height);
          emit_link_rects (ex, target, rects);
        }
    }
  for (guint i = 0; i < box->n_cells; i++)
    box->cells[i].next = MAX (box->cells[i].next, ends[i]);
  box->drawn = TRUE;
  return height;
}

static void
draw_running_header (Exporter *ex)
{
  cairo_t *cr = ex->cr;
  GDateTime *start = ref_meeting_get_start (ex->meeting);
  g_autofree char *date = start ? format_date (start) : g_strdup ("");
  g_autofree char *left = g_strdup_printf ("%s, %s %s", ref_meeting_get_committee (ex->meeting),
                                           ref_meeting_get_kind (ex->meeting) == REF_MEETING_KIND_AGENDA ? "dagsorden"
                                                                                                          : "referat",
                                           date);
  g_autofree char *right = g_strdup_printf ("%s%s", ex->edition == REF_EDITION_INTERNAL ? "Intern udgave" : "Offentlig udgave",
                                            ex->closed_item_pages ? " · Lukket punkt" : "");
  g_autofree char *footer = g_strdup_printf ("Side %u af %u", ex->page, ex->n_pages);
  g_autoptr (PangoLayout) l = plain_layout (ex, left, STYLE_SMALL, TEXT_WIDTH * 0.6);
  g_autoptr (PangoLayout) r = plain_layout (ex, right, STYLE_SMALL, TEXT_WIDTH * 0.4);
  g_autoptr (PangoLayout) f = plain_layout (ex, footer, STYLE_SMALL, TEXT_WIDTH);

  pango_layout_set_alignment (r, PANGO_ALIGN_RIGHT);
  pango_layout_set_alignment (f, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, styles[STYLE_SMALL].gray, styles[STYLE_SMALL].gray, styles[STYLE_SMALL].gray);
  cairo_move_to (cr, MARGIN_X, HEADER_TOP);
  pango_cairo_show_layout (cr, l);
  if (ex->closed_item_pages)
    cairo_set_source_rgb (cr, 0.6, 0.05, 0.05);
  cairo_move_to (cr, MARGIN_X + TEXT_WIDTH * 0.6, HEADER_TOP);
  pango_cairo_show_layout (cr, r);
  cairo_set_source_rgb (cr, styles[STYLE_SMALL].gray, styles[STYLE_SMALL].gray, styles[STYLE_SMALL].gray);
  cairo_move_to (cr, MARGIN_X, FOOTER_TOP);
  pango_cairo_show_layout (cr, f);

  cairo_move_to (cr, MARGIN_X, HEADER_RULE_Y);
  cairo_rel_line_to (cr, TEXT_WIDTH, 0);
  cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
}

static void
finish_page (Exporter *ex)
{
  if (ex->page == 0)
    return;
  if (ex->cr != NULL)
    {
      /* Structure elements are closed at the page end and reopened on the next page,
       * so that the running header and footer stay outside them (cairo 1.16 has no
       * Artifact marking). */
      for (guint i = ex->tags->len; i > 0; i--)
        tag_end (ex, g_ptr_array_index (ex->tags, i - 1));
      cairo_show_page (ex->cr);
      report_progress (ex, ex->page,
                       PROGRESS_MEASURE + PROGRESS_DRAW * ex->page / MAX (ex->n_pages, 1));
    }
  if (g_cancellable_is_cancelled (ex->cancellable))
    ex->cancelled = TRUE;
}

static void
new_page (Exporter *ex)
{
  finish_page (ex);
  ex->page++;
  ex->y = BODY_TOP;
  ex->at_top = TRUE;
  ex->pending_space = 0;
  if (ex->cr != NULL)
    {
      if (ex->page > 1)
        draw_running_header (ex);
      for (guint i = 0; i < ex->tags->len; i++)
        tag_begin (ex, g_ptr_array_index (ex->tags, i), NULL);
    }
}

/* ------------------------------------------------------------------ flow */

static void
place_box (Exporter *ex, Box *box)
{
  guint *ends = g_newa (guint, box->n_cells);
  double space = ex->at_top ? 0 : MAX (ex->pending_space, box->space_before);

  tag_push (ex, box->tag);
  while (box_remaining_height (box) > 2 * box->pad + EPSILON)
    {
      double full = box_remaining_height (box);
      double avail = BODY_BOTTOM - ex->y - space;
      gboolean may_split = box->split_lines || full > BODY_HEIGHT;

      if (full <= avail + EPSILON)
        box_all_lines (box, ends);
      else if (!(may_split && box_split (box, avail, ends)))
        {
          if (!ex->at_top)
            {
              new_page (ex);
              space = 0;
              continue;
            }
          /* Not even an empty page holds the first lines (a line taller than the
           * page): let it overflow rather than loop. */
          box_all_lines (box, ends);
        }
      ex->y += space + box_place_part (ex, box, ex->y + space, ends);
      ex->at_top = FALSE;
      space = 0;
    }
  tag_pop (ex, box->tag);
  ex->pending_space = box->space_after;
}

/* What must fit below the current position before @boxes[i] is started on this page:
 * the box (or its first lines), and what it is kept with. */
static double
keep_height (GPtrArray *boxes, guint i)
{
  const Box *box = g_ptr_array_index (boxes, i);
  const Box *next;

  if (!box->keep_with_next || i + 1 >= boxes->len)
    return box_lead_height (box);
  next = g_ptr_array_index (boxes, i + 1);
  return box_remaining_height (box) + MAX (box->space_after, next->space_before) + keep_height (boxes, i + 1);
}

static void
flow_boxes (Exporter *ex, GPtrArray *boxes)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      Box *box = g_ptr_array_index (boxes, i);

      if (!ex->at_top)
        {
          double need = keep_height (boxes, i);
          double space = MAX (ex->pending_space, box->space_before);

          if (need <= BODY_HEIGHT && ex->y + space + need > BODY_BOTTOM + EPSILON)
            new_page (ex);
        }
      tag_push (ex, box->open);
      place_box (ex, box);
      tag_pop (ex, box->close);
    }
}

static void
flow_and_free (Exporter *ex, GPtrArray *boxes)
{
  flow_boxes (ex, boxes);
  g_ptr_array_unref (boxes);
}

/* ------------------------------------------------------------------ building */

static GPtrArray *
boxes_new (void)
{
  return g_ptr_array_new_with_free_func (box_free);
}

static Box *
add_layout_box (GPtrArray *boxes, PangoLayout *layout, GArray *links, Style style, double indent,
                const char *tag)
{
  Box *box = box_new (1);

  cell_set (&box->cells[0], layout, indent, TEXT_WIDTH - indent, styles[style].gray);
  box->cells[0].links = links;
  box->split_lines = TRUE;
  box->tag = tag;
  g_ptr_array_add (boxes, box);
  return box;
}

static Box *
add_builder_box (Exporter *ex, GPtrArray *boxes, TextBuilder *tb, Style style, double indent, const char *tag)
{
  GArray *links = NULL;
  PangoLayout *layout = tb_finish (ex, tb, style, TEXT_WIDTH - indent, &links);

  return add_layout_box (boxes, layout, links, style, indent, tag);
}

static Box *
add_plain (Exporter *ex, GPtrArray *boxes, const char *text, Style style, double indent, const char *tag)
{
  return add_layout_box (boxes, plain_layout (ex, text, style, TEXT_WIDTH - indent), NULL, style, indent, tag);
}

/* "Label: text" with the label in bold. */
static Box *
add_labelled (Exporter *ex, GPtrArray *boxes, const char *label, const char *text)
{
  TextBuilder tb;

  tb_init (&tb);
  tb_append (&tb, label, REF_STYLE_BOLD, NULL);
  tb_append (&tb, " ", REF_STYLE_NONE, NULL);
  tb_append (&tb, text, REF_STYLE_NONE, NULL);
  return add_builder_box (ex, boxes, &tb, STYLE_BODY, 0, "P");
}

static Box *
add_heading (Exporter *ex, GPtrArray *boxes, const char *text, Style style)
{
  Box *box = add_plain (ex, boxes, text, style, 0,
                        style == STYLE_H3 ? "H3" : (style == STYLE_H2 || style == STYLE_GROUP) ? "H2" : "H1");

  box->keep_with_next = TRUE;
  switch (style)
    {
    case STYLE_GROUP:
    case STYLE_H2:
      box->space_before = 12.0;
      box->space_after = 3.0;
      break;
    case STYLE_H3:
      box->space_before = 9.0;
      box->space_after = 2.0;
      break;
    default:
      box->space_after = 4.0;
      break;
    }
  return box;
}

/* Finishes @box, whose cell 0 holds the label (number, bullet, ANBEFALES) and cell 1
 * the body, as entry @i of @n of a tagged list (L > LI > Lbl + LBody), and adds it. */
static void
add_list_item_box (GPtrArray *boxes, Box *box, guint i, guint n)
{
  box->cells[0].tag = "Lbl";
  box->cells[1].tag = "LBody";
  box->main_cell = 1;
  box->split_lines = TRUE;
  box->tag = "LI";
  box->space_after = i + 1 < n ? LIST_ITEM_SPACE : PARA_SPACE;
  box->open = i == 0 ? "L" : NULL;
  box->close = i + 1 == n ? "L" : NULL;
  g_ptr_array_add (boxes, box);
}

static void
add_list (Exporter *ex, GPtrArray *boxes, const RefTextBlock *block, double indent)
{
  guint n = ref_text_block_get_n_items (block);
  gboolean numbered = ref_text_block_get_kind (block) == REF_BLOCK_NUMBERED_LIST;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  double label_width = 0, body_x;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = numbered ? g_strdup_printf ("%u.", ref_text_block_get_start (block) + i) : g_strdup ("•");
      PangoLayout *label = plain_layout (ex, text, STYLE_BODY, -1);
      PangoRectangle logical;

      pango_layout_get_extents (label, NULL, &logical);
      label_width = MAX (label_width, pango_units_to_double (logical.width));
      g_ptr_array_add (labels, label);
    }
  body_x = indent + MAX (LIST_INDENT, label_width + LABEL_GAP);

  for (guint i = 0; i < n; i++)
    {
      Box *box = box_new (2);
      TextBuilder tb;
      GArray *links = NULL;
      PangoLayout *label = g_object_ref (g_ptr_array_index (labels, i));
      PangoLayout *body;

      tb_init (&tb);
      tb_append_inline (&tb, ref_text_block_get_item (block, i));
      body = tb_finish (ex, &tb, STYLE_BODY, TEXT_WIDTH - body_x, &links);
      /* Numbers are right-aligned on their dot. */
      pango_layout_set_width (label, pango_units_from_double (label_width));
      pango_layout_set_alignment (label, numbered ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      cell_set (&box->cells[0], label, indent, label_width, 0.0);
      cell_set (&box->cells[1], body, body_x, TEXT_WIDTH - body_x, 0.0);
      box->cells[1].links = links;
      add_list_item_box (boxes, box, i, n);
    }
}

/* Column widths from the cells' natural and narrowest (longest word) widths. */
static double *
table_column_widths (PangoLayout ***cells, guint n_rows, guint n_cols, double avail)
{
  double *min_w = g_new0 (double, n_cols);
  double *max_w = g_new0 (double, n_cols);
  double *widths = g_new0 (double, n_cols);
  double sum_min = 0, sum_max = 0;

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        PangoLayout *layout = cells[r][c];
        PangoRectangle logical;

        pango_layout_set_width (layout, -1);
        pango_layout_get_extents (layout, NULL, &logical);
        max_w[c] = MAX (max_w[c], pango_units_to_double (logical.width));
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
        pango_layout_set_width (layout, 1);
        pango_layout_get_extents (layout, NULL, &logical);
        min_w[c] = MAX (min_w[c], pango_units_to_double (logical.width));
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      }
  for (guint c = 0; c < n_cols; c++)
    {
      max_w[c] = MAX (max_w[c], 6.0) + 0.5;
      min_w[c] = MIN (MAX (min_w[c], 6.0) + 0.5, max_w[c]);
      sum_min += min_w[c];
      sum_max += max_w[c];
    }
  for (guint c = 0; c < n_cols; c++)
    {
      if (sum_max <= avail)
        widths[c] = max_w[c];
      else if (sum_min >= avail)
        widths[c] = min_w[c] * avail / sum_min;
      else
        widths[c] = min_w[c] + (max_w[c] - min_w[c]) * (avail - sum_min) / (sum_max - sum_min);
    }
  g_free (min_w);
  g_free (max_w);
  return widths;
}

static void
add_table (Exporter *ex, GPtrArray *boxes, const RefTextBlock *block, double indent)
{
  guint n_rows = ref_text_block_get_n_rows (block), n_cols = 0;
  PangoLayout ***cells;
  GArray ***links;
  double *widths;

  for (guint r = 0; r < n_rows; r++)
    n_cols = MAX (n_cols, ref_text_row_get_n_cells (ref_text_block_get_row (block, r)));
  if (n_rows == 0 || n_cols == 0)
    return;

  cells = g_new0 (PangoLayout **, n_rows);
  links = g_new0 (GArray **, n_rows);
  for (guint r = 0; r < n_rows; r++)
    {
      const RefTextRow *row = ref_text_block_get_row (block, r);

      cells[r] = g_new0 (PangoLayout *, n_cols);
      links[r] = g_new0 (GArray *, n_cols);
      for (guint c = 0; c < n_cols; c++)
        {
          TextBuilder tb;

          tb_init (&tb);
          if (c < ref_text_row_get_n_cells (row))
            tb_append_inline (&tb, ref_text_row_get_cell (row, c));
          if (ref_text_row_get_header (row))
            tb_insert_attr (&tb, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, G_MAXUINT);
          cells[r][c] = tb_finish (ex, &tb, STYLE_BODY, -1, &links[r][c]);
        }
    }
  widths = table_column_widths (cells, n_rows, n_cols, TEXT_WIDTH - indent - n_cols * 2 * CELL_PAD_X);

  for (guint r = 0; r < n_rows; r++)
    {
      const RefTextRow *row = ref_text_block_get_row (block, r);
      gboolean header = ref_text_row_get_header (row);
      Box *box = box_new (n_cols);
      double x = indent + CELL_PAD_X;

      for (guint c = 0; c < n_cols; c++)
        {
          pango_layout_set_width (cells[r][c], pango_units_from_double (widths[c]));
          cell_set (&box->cells[c], cells[r][c], x, widths[c], 0.0);
          box->cells[c].links = links[r][c];
          box->cells[c].tag = header ? "TH" : "TD";
          x += widths[c] + 2 * CELL_PAD_X;
        }
      box->decor = header ? DECOR_GRID_HEADER : DECOR_GRID;
      box->pad = CELL_PAD_Y;
      box->tag = "TR";
      box->keep_with_next = header;
      box->space_before = r == 0 ? 4.0 : 0.0;
      box->space_after = r + 1 == n_rows ? PARA_SPACE + 2.0 : 0.0;
      box->open = r == 0 ? "Table" : NULL;
      box->close = r + 1 == n_rows ? "Table" : NULL;
      g_ptr_array_add (boxes, box);
      g_free (cells[r]);
      g_free (links[r]);
    }
  g_free (cells);
  g_free (links);
  g_free (widths);
}

static void
add_rich_text (Exporter *ex, GPtrArray *boxes, RefText *text, double indent)
{
  for (guint b = 0; b < ref_text_get_n_blocks (text); b++)
    {
      const RefTextBlock *block = ref_text_get_block (text, b);

      switch (ref_text_block_get_kind (block))
        {
        case REF_BLOCK_PARAGRAPH:
          for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
            {
              const RefTextInline *inl = ref_text_block_get_item (block, i);
              TextBuilder tb;

              if (inline_is_empty (inl))
                continue;
              tb_init (&tb);
              tb_append_inline (&tb, inl);
              add_builder_box (ex, boxes, &tb, STYLE_BODY, indent, "P");
            }
          break;
        case REF_BLOCK_BULLET_LIST:
        case REF_BLOCK_NUMBERED_LIST:
          add_list (ex, boxes, block, indent);
          break;
        case REF_BLOCK_TABLE:
          add_table (ex, boxes, block, indent);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static char *
participant_label (RefParticipant *p)
{
  return ref_participant_format (p, TRUE);
}

static char *
participant_name (RefParticipant *p)
{
  return ref_participant_format (p, FALSE);
}

/* ---- front page */

static void
add_field (Exporter *ex, GPtrArray *boxes, const char *label, const char *value)
{
  Box *box = box_new (2);

  cell_set (&box->cells[0], plain_layout (ex, label, STYLE_H3, FIELD_VALUE_X - LABEL_GAP), 0, FIELD_VALUE_X, 0.0);
  cell_set (&box->cells[1], plain_layout (ex, value, STYLE_BODY, TEXT_WIDTH - FIELD_VALUE_X), FIELD_VALUE_X,
            TEXT_WIDTH - FIELD_VALUE_X, 0.0);
  box->main_cell = 1;
  box->split_lines = TRUE;
  box->tag = "P";
  box->space_after = 9.0;
  g_ptr_array_add (boxes, box);
}

static char *
participants_line (Exporter *ex)
{
  GListModel *participants = ref_meeting_get_participants (ex->meeting);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *label = participant_label (p);
      RefParticipant *absent_member = ref_participant_get_substitute_for (p);
      const char *note = ref_participant_get_note (p);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, label);
      if (absent_member != NULL)
        g_string_append_printf (out, " (stedfortræder for %s)", ref_participant_get_name (absent_member));
      if (*note)
        g_string_append_printf (out, " (%s)", note);
      if (ref_participant_get_attendance (p) == REF_ATTENDANCE_ABSENT)
        g_string_append (out, ref_participant_get_notice (p) == REF_NOTICE_WITHOUT ? " (Fraværende uden afbud)"
                                                                                   : " (Afbud)");
    }
  return g_string_free (out, FALSE);
}

/* Who attended only part of the meeting, in the header's "Fraværende" field. */
static char *
partial_attendance_line (Exporter *ex)
{
  GListModel *participants = ref_meeting_get_participants (ex->meeting);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *partial = ref_format_partial_attendance (p);

      if (partial != NULL)
        g_string_append_printf (out, "%s%s", out->len ? "; " : "", partial);
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
build_front_page (Exporter *ex)
{
  GPtrArray *boxes = boxes_new ();
  GDateTime *start = ref_meeting_get_start (ex->meeting);
  GDateTime *end = ref_meeting_get_end (ex->meeting);
  g_autofree char *date = start ? format_date (start) : g_strdup ("");
  g_autofree char *title = g_strdup_printf ("%s %s d. %s", kind_word (ex, TRUE),
                                            ref_meeting_get_committee (ex->meeting), date);
  RefText *remarks = ref_meeting_get_remarks (ex->meeting);
  g_autofree char *people = participants_line (ex);
  Box *box;

  if (*ref_meeting_get_organisation (ex->meeting))
    {
      box = add_plain (ex, boxes, ref_meeting_get_organisation (ex->meeting), STYLE_META, 0, "P");
      box->space_after = 4.0;
    }
  box = add_plain (ex, boxes, title, STYLE_TITLE, 0, "H1");
  box->keep_with_next = TRUE;
  box->decor = DECOR_RULE_BELOW;
  box->space_after = 10.0;
  box = add_plain (ex, boxes, ex->edition == REF_EDITION_INTERNAL ? "Intern udgave" : "Offentlig udgave",
                   STYLE_META, 0, "P");
  box->space_after = 20.0;

  if (start != NULL)
    {
      g_autofree char *long_date = format_long_date (start);
      g_autofree char *from = format_time (start);
      g_autofree char *to = end ? format_time (end) : NULL;
      g_autofree char *value = to ? g_strdup_printf ("%s kl. %s – %s", long_date, from, to)
                                  : g_strdup_printf ("%s kl. %s", long_date, from);

      add_field (ex, boxes, "Mødedato", value);
    }
  if (*ref_meeting_get_location (ex->meeting))
    add_field (ex, boxes, "Mødested", ref_meeting_get_location (ex->meeting));
  if (*people)
    add_field (ex, boxes, "Mødedeltagere", people);
  {
    g_autofree char *partial = partial_attendance_line (ex);
    if (*partial)
      add_field (ex, boxes, "Fraværende", partial);
  }
  if (remarks != NULL && !ref_text_is_empty (remarks))
    {
      add_field (ex, boxes, "Bemærkninger", "");
      ((Box *) g_ptr_array_index (boxes, boxes->len - 1))->keep_with_next = TRUE;
      ((Box *) g_ptr_array_index (boxes, boxes->len - 1))->space_after = 2.0;
      add_rich_text (ex, boxes, remarks, FIELD_VALUE_X);
    }
  return boxes;
}

/* ---- table of contents */

static void
add_toc_entry (Exporter *ex, GPtrArray *boxes, RefAgendaItem *item, guint page)
{
  Box *box = box_new (4);
  g_autofree char *number = g_strdup_printf ("%u.", ref_agenda_item_get_number (item));
  g_autofree char *page_text = g_strdup_printf ("%u", page);
  double title_width = TEXT_WIDTH - TOC_NUMBER_WIDTH - TOC_PAGE_WIDTH - TOC_LEADER_MIN;
  double dots_end = TEXT_WIDTH - TOC_PAGE_WIDTH;
  Cell *title = &box->cells[1];
  double line_end;
  guint n_dots;
  g_autoptr (GString) dots = g_string_new (NULL);
  PangoLayout *page_layout;
  PangoLayout *dots_layout;
  PangoAttrList *attrs;

  cell_set (&box->cells[0], plain_layout (ex, number, STYLE_BODY, TOC_NUMBER_WIDTH), 0, TOC_NUMBER_WIDTH, 0.0);
  cell_set (title, plain_layout (ex, ref_agenda_item_get_printed_title (item, ex->edition), STYLE_BODY, title_width),
            TOC_NUMBER_WIDTH, title_width, 0.0);

  /* Leader dots on the title's last line, aligned on a common grid that ends at
   * the page-number column. */
  line_end = title->x + title->line_x[title->n_lines - 1] + title->line_w[title->n_lines - 1] + 4.0;
  n_dots = (guint) MAX (0.0, floor ((dots_end - line_end) / ex->dot_advance));
  for (guint i = 0; i < n_dots; i++)
    g_string_append_c (dots, '.');
  dots_layout = plain_layout (ex, dots->str, STYLE_BODY, -1);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (pango_units_from_double (2.5)));
  pango_layout_set_attributes (dots_layout, attrs);
  pango_attr_list_unref (attrs);
  cell_set (&box->cells[2], dots_layout, dots_end - n_dots * ex->dot_advance, n_dots * ex->dot_advance, 0.45);
  box->cells[2].y_offset = title->tops[title->n_lines - 1];

  page_layout = plain_layout (ex, page_text, STYLE_BODY, TOC_PAGE_WIDTH);
  pango_layout_set_alignment (page_layout, PANGO_ALIGN_RIGHT);
  cell_set (&box->cells[3], page_layout, TEXT_WIDTH - TOC_PAGE_WIDTH, TOC_PAGE_WIDTH, 0.0);
  box->cells[3].y_offset = title->tops[title->n_lines - 1];

  box->main_cell = 1;
  box->tag = "TOCI";
  box->link_dest = item_dest_name (ref_agenda_item_get_number (item));
  box->space_after = 4.0;
  g_ptr_array_add (boxes, box);
}

static GPtrArray *
build_toc (Exporter *ex)
{
  GPtrArray *boxes = boxes_new ();
  GListModel *items = ref_meeting_get_items (ex->meeting);
  guint n = g_list_model_get_n_items (items);
  Box *box;

  box = add_plain (ex, boxes, "Indholdsfortegnelse", STYLE_H1, 0, "H1");
  box->keep_with_next = TRUE;
  box->space_after = 12.0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      /* The first pass has no page numbers yet; any number has the same height. */
      guint page = i < ex->item_pages->len ? g_array_index (ex->item_pages, guint, i) : 0;

      add_toc_entry (ex, boxes, item, page);
    }
  if (n > 0)
    {
      ((Box *) g_ptr_array_index (boxes, 1))->open = "TOC";
      ((Box *) g_ptr_array_index (boxes, boxes->len - 1))->close = "TOC";
    }
  return boxes;
}

/* ---- items */

static void
add_vote (Exporter *ex, GPtrArray *boxes, const RefVote *vote)
{
  static const struct {
    RefVoteChoice choice;
    const char *label;
  } lines[] = {
    { REF_VOTE_CHOICE_FOR, "For stemte" },
    { REF_VOTE_CHOICE_AGAINST, "Imod stemte" },
    { REF_VOTE_CHOICE_ABSTAIN, "Undlod af stemme" },
  };
  const char *outcome = ref_vote_get_outcome (vote);

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_auto (GStrv) names = ref_vote_get_voters (vote, lines[i].choice);
      guint n_names = names ? g_strv_length (names) : 0;
      int count = ref_vote_get_count (vote, lines[i].choice);
      g_autoptr (GString) text = NULL;
      Box *box;

      if (count < 0 && n_names == 0)
        continue;
      text = g_string_new (lines[i].label);
      g_string_append_printf (text, ": %d", count >= 0 ? count : (int) n_names);
      for (guint k = 0; k < n_names; k++)
        g_string_append_printf (text, ", %s", names[k]);
      g_string_append_c (text, '.');
      box = add_plain (ex, boxes, text->str, STYLE_BODY, 0, "P");
      box->space_after = 4.0;
      /* the vote record and its outcome are read together */
      box->keep_with_next = TRUE;
    }
  if (outcome != NULL && *outcome)
    add_plain (ex, boxes, outcome, STYLE_BODY, 0, "P");
}

static void
add_statement (Exporter *ex, GPtrArray *boxes, RefStatement *statement)
{
  RefParticipant *p = ref_statement_get_participant (statement);
  g_autofree char *who = *ref_statement_get_by (statement) ? g_strdup (ref_statement_get_by (statement))
                         : p != NULL                        ? participant_name (p)
                                                            : NULL;
  RefText *text = ref_statement_get_text (statement);
  g_autofree char *intro = NULL;
  double indent = 0;

  switch (ref_statement_get_kind (statement))
    {
    case REF_STATEMENT_KIND_MINORITY:
      intro = who ? g_strdup_printf ("%s ønskede at afgive følgende mindretalsudtalelse:", who)
                  : g_strdup ("Mindretalsudtalelse:");
      indent = STATEMENT_INDENT;
      break;
    case REF_STATEMENT_KIND_PROTOCOL:
      intro = who ? g_strdup_printf ("%s ønskede følgende tilført protokollen:", who) : g_strdup ("Protokolbemærkning:");
      indent = STATEMENT_INDENT;
      break;
    case REF_STATEMENT_KIND_REFERRAL:
    case REF_STATEMENT_KIND_OTHER:
    default:
      break;
    }
  if (intro != NULL)
    add_plain (ex, boxes, intro, STYLE_BODY, 0, "P")->keep_with_next = TRUE;
  if (text != NULL)
    add_rich_text (ex, boxes, text, indent);
}

static void
add_decision_body (Exporter *ex, GPtrArray *boxes, RefDecision *decision)
{
  GListModel *statements = ref_decision_get_statements (decision);
  RefText *text = ref_decision_get_text (decision);
  RefVote *vote = ref_decision_get_vote (decision);
  const char *remark = ref_decision_get_remark (decision);

  if (text != NULL && !ref_text_is_empty (text))
    add_rich_text (ex, boxes, text, 0);
  else if (vote == NULL && ref_decision_get_outcome (decision) != REF_DECISION_OUTCOME_NONE)
    /* The outcome was recorded and nothing written: print what it means, in the
     * standard words, rather than an empty decision (a vote's outcome line already
     * says it). */
    add_plain (ex, boxes, ref_caption_outcome_sentence (ref_decision_get_outcome (decision)), STYLE_BODY, 0, "P");
  if (vote != NULL)
    add_vote (ex, boxes, vote);
  for (guint i = 0; i < g_list_model_get_n_items (statements); i++)
    {
      g_autoptr (RefStatement) statement = g_list_model_get_item (statements, i);

      add_statement (ex, boxes, statement);
    }
  if (*remark)
    add_plain (ex, boxes, remark, STYLE_BODY, 0, "P");
}

static char *
decision_heading (RefDecision *decision, gboolean prior)
{
  GString *out = g_string_new (prior ? "Beslutning fra" : "Beslutning");
  const char *body = ref_decision_get_deciding_body (decision);
  GDateTime *date = ref_decision_get_date (decision);
  const char *reference = ref_decision_get_reference (decision);

  if (prior)
    {
      gboolean first = TRUE;

      if (*body)
        {
          g_string_append_printf (out, " %s", body);
          first = FALSE;
        }
      if (date != NULL)
        {
          g_autofree char *d = format_date (date);

          g_string_append_printf (out, "%s %s", first ? "" : ",", d);
          first = FALSE;
        }
      if (*reference)
        g_string_append_printf (out, "%s %s", first ? "" : ",", reference);
    }
  else
    {
      if (*body)
        g_string_append_printf (out, " %s", body);
      if (date != NULL)
        {
          g_autofree char *d = format_date (date);

          g_string_append_printf (out, " den %s", d);
        }
    }
  return g_string_free (out, FALSE);
}

static void
add_names_line (Exporter *ex, GPtrArray *boxes, const char *label, GPtrArray *people, gboolean *first)
{
  g_autoptr (GString) names = g_string_new (NULL);
  Box *box;

  if (people->len == 0)
    return;
  for (guint i = 0; i < people->len; i++)
    {
      g_autofree char *label_i = participant_label (g_ptr_array_index (people, i));

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, label_i);
    }
  box = add_labelled (ex, boxes, label, names->str);
  box->space_before = *first ? 12.0 : 0;
  box->space_after = 4.0;
  *first = FALSE;
}

/* Whether @p was present for an item before @item. */
static gboolean
present_before (RefMeeting *meeting, RefParticipant *p, RefAgendaItem *item)
{
  GListModel *items = ref_meeting_get_items (meeting);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) earlier = g_list_model_get_item (items, i);

      if (earlier == item)
        return FALSE;
      if (ref_meeting_is_present_for_item (meeting, p, earlier))
        return TRUE;
    }
  return FALSE;
}

static void
add_attendance (Exporter *ex, GPtrArray *boxes, RefAgendaItem *item)
{
  g_autoptr (GPtrArray) absent = ref_meeting_compute_absent (ex->meeting, item);
  g_autoptr (GPtrArray) with_notice = g_ptr_array_new ();
  g_autoptr (GPtrArray) without_notice = g_ptr_array_new ();
  g_autoptr (GPtrArray) away = g_ptr_array_new ();
  GListModel *disqualifications = ref_agenda_item_get_disqualifications (item);
  GListModel *participants = ref_meeting_get_participants (ex->meeting);
  gboolean first = TRUE;

  for (guint i = 0; i < absent->len; i++)
    {
      RefParticipant *p = g_ptr_array_index (absent, i);
      RefAttendance attendance = ref_participant_get_attendance (p);
      gboolean left = FALSE;

      /* A disqualified member who left has a sentence of their own below; guests
       * invited for some items are not absent from the others. */
      if (ref_agenda_item_is_disqualified (item, p, &left) && left)
        continue;
      if (ref_participant_get_participant_type (p) == REF_PARTICIPANT_TYPE_GUEST && attendance != REF_ATTENDANCE_ABSENT)
        continue;
      /* A substitute who comes later in the meeting is not absent before: the
       * member is, and is listed. */
      if (ref_participant_get_participant_type (p) == REF_PARTICIPANT_TYPE_SUBSTITUTE
          && attendance != REF_ATTENDANCE_ABSENT && !present_before (ex->meeting, p, item))
        continue;
      if (attendance == REF_ATTENDANCE_ABSENT)
        g_ptr_array_add (ref_participant_get_notice (p) == REF_NOTICE_WITHOUT ? without_notice : with_notice, p);
      else
        g_ptr_array_add (away, p);
    }
  add_names_line (ex, boxes, "Afbud:", with_notice, &first);
  add_names_line (ex, boxes, "Fraværende uden afbud:", without_notice, &first);
  add_names_line (ex, boxes, "Fraværende:", away, &first);

  for (guint i = 0; i < g_list_model_get_n_items (disqualifications); i++)
    {
      g_autoptr (RefDisqualification) d = g_list_model_get_item (disqualifications, i);
      RefParticipant *p = ref_disqualification_get_participant (d);
      g_autofree char *name = p ? participant_name (p) : g_strdup ("Et medlem");
      const char *reason = ref_disqualification_get_reason (d);
      g_autofree char *text = NULL;
      Box *box;

      text = g_strdup_printf ("%s erklærede sig inhabil%s%s%s%s", name,
                              ref_disqualification_get_left (d) ? " og forlod mødet under behandlingen af punktet."
                                                                : ".",
                              *reason ? " Begrundelse: " : "", reason, *reason && !g_str_has_suffix (reason, ".") ? "." : "");
      box = add_plain (ex, boxes, text, STYLE_BODY, 0, "P");
      box->space_before = first ? 12.0 : 0;
      box->space_after = 4.0;
      first = FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      RefParticipant *stands_in_for = ref_participant_get_substitute_for (p);
      g_autofree char *who = NULL;
      g_autofree char *whom = NULL;
      g_autofree char *text = NULL;
      Box *box;

      if (stands_in_for == NULL || !ref_meeting_is_present_for_item (ex->meeting, p, item))
        continue;
      who = participant_name (p);
      whom = participant_name (stands_in_for);
      text = g_strdup_printf ("%s deltog som stedfortræder for %s.", who, whom);
      box = add_plain (ex, boxes, text, STYLE_BODY, 0, "P");
      box->space_before = first ? 12.0 : 0;
      box->space_after = 4.0;
      first = FALSE;
    }
}

/* The marker of a recommended attachment, in the body size so that text extraction
 * keeps it on the line of the title it belongs to. */
static PangoLayout *
recommended_label (Exporter *ex, gboolean recommended)
{
  TextBuilder tb;

  tb_init (&tb);
  tb_append (&tb, recommended ? "ANBEFALES" : "", REF_STYLE_BOLD, NULL);
  return tb_finish (ex, &tb, STYLE_BODY, -1, NULL);
}

static void
add_attachments (Exporter *ex, GPtrArray *boxes, RefAgendaItem *item)
{
  GListModel *attachments = ref_agenda_item_get_attachments (item);
  guint n = g_list_model_get_n_items (attachments);
  gboolean any_recommended = FALSE;
  double body_x = 0;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAttachment) a = g_list_model_get_item (attachments, i);

      any_recommended |= ref_attachment_get_recommended (a);
    }
  if (any_recommended)
    {
      g_autoptr (PangoLayout) probe = recommended_label (ex, TRUE);
      PangoRectangle logical;

      pango_layout_get_extents (probe, NULL, &logical);
      body_x = ceil (pango_units_to_double (logical.width)) + LABEL_GAP;
    }

  add_heading (ex, boxes, "Bilag", STYLE_H2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAttachment) a = g_list_model_get_item (attachments, i);
      const char *title = ref_attachment_get_title (a);
      Box *box = box_new (2);
      cell_set (&box->cells[0], recommended_label (ex, ref_attachment_get_recommended (a)), 0, body_x, 0.3);
      cell_set (&box->cells[1], plain_layout (ex, *title ? title : ref_attachment_get_filename (a), STYLE_BODY,
                                              TEXT_WIDTH - body_x),
                body_x, TEXT_WIDTH - body_x, 0.0);
      add_list_item_box (boxes, box, i, n);
    }
}

static GPtrArray *
build_item (Exporter *ex, RefAgendaItem *item)
{
  GPtrArray *boxes = boxes_new ();
  guint number = ref_agenda_item_get_number (item);
  gboolean show_body = !ref_agenda_item_get_closed (item) || ex->edition == REF_EDITION_INTERNAL;
  g_autofree char *title = g_strdup_printf ("Punkt %u: %s", number, ref_agenda_item_get_printed_title (item, ex->edition));
  const char *case_number = ref_agenda_item_get_case_number (item);
  GListModel *sections = ref_agenda_item_get_sections (item);
  GListModel *prior = ref_agenda_item_get_prior_decisions (item);
  GListModel *decisions = ref_agenda_item_get_decisions (item);
  RefRecommendation *recommendation = ref_agenda_item_get_recommendation (item);
  const char *decided_by = ref_agenda_item_get_decided_by (item);
  Box *box;

  box = add_heading (ex, boxes, title, STYLE_H1);
  box->dest = item_dest_name (number);
  box->space_after = 3.0;
  if (*case_number)
    {
      box = add_plain (ex, boxes, case_number, STYLE_META, 0, "P");
      box->keep_with_next = TRUE;
    }
  if (!show_body)
    return boxes;

  if (*ref_agenda_item_get_case_type_label (item) || ref_agenda_item_get_supplementary (item))
    {
      const char *label = ref_agenda_item_get_case_type_label (item);
      g_autofree char *line = !ref_agenda_item_get_supplementary (item) ? g_strdup (label)
                              : *label ? g_strdup_printf ("Tillægsdagsorden · %s", label)
                                       : g_strdup ("Tillægsdagsorden");

      box = add_plain (ex, boxes, line, STYLE_META, 0, "P");
      box->keep_with_next = TRUE;
    }
  if (ref_agenda_item_get_case_route (item) != NULL && ref_agenda_item_get_case_route (item)[0] != NULL)
    {
      g_autofree char *route = g_strjoinv (" → ", (char **) ref_agenda_item_get_case_route (item));
      g_autofree char *line = g_strdup_printf ("Sagsgang: %s", route);

      box = add_plain (ex, boxes, line, STYLE_META, 0, "P");
      box->keep_with_next = TRUE;
    }
  ((Box *) g_ptr_array_index (boxes, boxes->len - 1))->space_after = 10.0;

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (sections, i);
      const char *heading = ref_section_get_display_heading (section);
      RefText *text = ref_section_get_text (section);

      /* A grouping heading is set larger than the sections it groups, so that the
       * structure is visible in print (and to the importer). */
      if (*heading)
        add_heading (ex, boxes, heading,
                     ref_section_get_kind (section) == REF_SECTION_KIND_CONTENT ? STYLE_GROUP
                     : ref_section_get_level (section) >= 2                    ? STYLE_H3
                                                                               : STYLE_H2);
      if (text != NULL)
        add_rich_text (ex, boxes, text, 0);
    }

  for (guint i = 0; i < g_list_model_get_n_items (prior); i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (prior, i);
      g_autofree char *heading = decision_heading (decision, TRUE);

      add_heading (ex, boxes, heading, STYLE_H2);
      add_decision_body (ex, boxes, decision);
    }

  if (*decided_by)
    {
      add_heading (ex, boxes, "Beslutningen træffes af", STYLE_H2);
      add_plain (ex, boxes, decided_by, STYLE_BODY, 0, "P");
    }

  if (recommendation != NULL)
    {
      const char *by = ref_recommendation_get_by (recommendation);
      const char *intro = ref_recommendation_get_intro (recommendation);
      RefText *text = ref_recommendation_get_text (recommendation);

      add_heading (ex, boxes, "Indstilling", STYLE_H2);
      if (*by || *intro)
        {
          g_autofree char *line = g_strdup_printf ("%s%s%s", by, *by && *intro ? " " : "", intro);

          add_plain (ex, boxes, line, STYLE_BODY, 0, "P")->keep_with_next = TRUE;
        }
      if (text != NULL)
        add_rich_text (ex, boxes, text, 0);
    }

  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (decisions, i);
      g_autofree char *heading = decision_heading (decision, FALSE);

      add_heading (ex, boxes, heading, STYLE_H2);
      add_decision_body (ex, boxes, decision);
    }

  add_attendance (ex, boxes, item);
  add_attachments (ex, boxes, item);
  return boxes;
}

/* ---- signature page */

/* The approval shown on a member's row: the one that counts for the member if there
 * is one, else another signed for the member (invalid, not trusted, voided …).
 * Which member an approval is for comes only from its verified signature, never
 * from the approval's record. Returns its index, or -1. */
static int
find_approval (GPtrArray *checks, const char *member_id, GHashTable *used)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < checks->len; i++)
      {
        RefApprovalCheck *check = g_ptr_array_index (checks, i);
        gboolean counts = ref_approval_check_get_status (check) == REF_APPROVAL_STATUS_VALID;

        if (g_hash_table_contains (used, check) || (pass == 0 && !counts)
            || g_strcmp0 (ref_approval_check_get_participant_id (check), member_id) != 0)
          continue;
        g_hash_table_add (used, check);
        return (int) i;
      }
  return -1;
}

static const char *
status_word (RefApprovalCheck *check)
{
  switch (ref_approval_check_get_status (check))
    {
    case REF_APPROVAL_STATUS_VALID:
      return "Godkendt med gyldig digital signatur";
    case REF_APPROVAL_STATUS_INVALID:
      return "Ugyldig signatur";
    case REF_APPROVAL_STATUS_UNTRUSTED:
      return "Signatur fra et certifikat, der ikke er betroet";
    case REF_APPROVAL_STATUS_VOID:
      return "Annulleret godkendelse";
    case REF_APPROVAL_STATUS_NOT_COUNTED:
      return "Gyldig signatur, som ikke tælles med";
    case REF_APPROVAL_STATUS_MALFORMED:
    default:
      return "Godkendelse uden gyldig signatur (beskadiget eller manglende)";
    }
}

/* What the page says of an approval: everything from the verified signature. */
static char *
approval_text (RefApprovalCheck *check, RefParticipant *p)
{
  GDateTime *time = ref_approval_check_get_signing_time (check);
  GDateTime *stamped = ref_approval_check_get_timestamp_time (check);
  const char *signer = ref_approval_check_get_signer (check);
  const char *member = ref_approval_check_get_participant_name (check);
  GString *out = g_string_new (status_word (check));

  if (time != NULL)
    {
      g_autofree char *d = g_date_time_format (time, "%d-%m-%Y");
      g_autofree char *t = g_date_time_format (time, "%H:%M");

      g_string_append_printf (out, " d. %s kl. %s", d, t);
    }
  if (*signer && (p == NULL || g_strcmp0 (signer, ref_participant_get_name (p)) != 0))
    g_string_append_printf (out, " af %s", signer);
  if (p == NULL && *member && g_strcmp0 (member, signer) != 0)
    g_string_append_printf (out, " for %s", member);
  if (stamped != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (stamped);
      g_autofree char *d = g_date_time_format (local, "%d-%m-%Y kl. %H:%M");

      g_string_append_printf (out, "\nTidsstemplet %s", d);
    }
  if (*ref_approval_check_get_fingerprint (check))
    g_string_append_printf (out, "\nCertifikat (SHA-256): %s", ref_approval_check_get_fingerprint (check));
  /* The document is Danish whatever the exporting user's language: the changed items
   * by number rather than the check's translated labels. */
  if (ref_approval_check_get_status (check) == REF_APPROVAL_STATUS_INVALID)
    {
      GArray *items = ref_approval_check_get_changed_items (check);

      if (items != NULL && items->len > 0)
        {
          g_string_append (out, "\nÆndret efter godkendelsen: punkt ");
          for (guint i = 0; i < items->len; i++)
            g_string_append_printf (out, "%s%u", i ? ", " : "", g_array_index (items, guint, i));
        }
      else
        g_string_append (out, "\nReferatet eller godkendelsen er ændret efter underskriften, eller signaturen er "
                              "forfalsket");
    }
  return g_string_free (out, FALSE);
}

static void
add_signature_row (Exporter *ex, GPtrArray *boxes, const char *name, const char *status)
{
  Box *box = box_new (2);
  double status_width = TEXT_WIDTH - SIGNATURE_STATUS_X;

  cell_set (&box->cells[0], plain_layout (ex, name, STYLE_BODY, SIGNATURE_STATUS_X - 12.0), 0,
            SIGNATURE_STATUS_X - 12.0, 0.0);
  box->cells[0].y_offset = 14.0;
  if (status != NULL)
    {
      cell_set (&box->cells[1], plain_layout (ex, status, STYLE_BODY, status_width), SIGNATURE_STATUS_X, status_width,
                0.0);
      box->cells[1].y_offset = 14.0;
    }
  else
    {
      cell_set (&box->cells[1], plain_layout (ex, "Dato og underskrift", STYLE_SMALL, status_width),
                SIGNATURE_STATUS_X, status_width, styles[STYLE_SMALL].gray);
      box->cells[1].y_offset = 29.0;
      box->decor = DECOR_SIGNATURE_LINE;
      box->rule_y = 27.0;
    }
  box->tag = "P";
  box->space_after = 8.0;
  g_ptr_array_add (boxes, box);
}

static GPtrArray *
build_signature_page (Exporter *ex)
{
  GPtrArray *boxes = boxes_new ();
  GListModel *participants = ref_meeting_get_participants (ex->meeting);
  g_autoptr (GHashTable) used = g_hash_table_new (NULL, NULL);
  GPtrArray *checks;
  GDateTime *start = ref_meeting_get_start (ex->meeting);
  g_autofree char *date = start ? format_date (start) : g_strdup ("");
  g_autofree char *intro = g_strdup_printf ("Referatet af mødet i %s d. %s godkendes af udvalgets medlemmer.",
                                            ref_meeting_get_committee (ex->meeting), date);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  guint n_members = 0, n_present = 0, n_valid = 0;
  Box *box;

  /* Verified once, by the measuring pass, while every item is there to verify the
   * signatures against (the drawing pass may have released the items' content). */
  if (ex->approval_checks == NULL)
    ex->approval_checks = ref_signature_verify_all (ex->meeting, ex->trust);
  checks = ex->approval_checks;

  box = add_plain (ex, boxes, "Godkendelse af referat", STYLE_H1, 0, "H1");
  box->keep_with_next = TRUE;
  box->space_after = 8.0;
  box = add_plain (ex, boxes, intro, STYLE_BODY, 0, "P");
  box->space_after = 12.0;

  /* Rows first: whether the minutes are approved is said above them. */
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *id = ref_xml_participant_id (i);
      int index;

      if (!ref_participant_is_committee_member (p))
        continue;
      index = find_approval (checks, id, used);
      g_ptr_array_add (rows, participant_name (p));
      g_ptr_array_add (rows, index >= 0 ? approval_text (g_ptr_array_index (checks, index), p) : NULL);
      n_members++;
      if (ref_participant_approves_minutes (p))
        {
          n_present++;
          n_valid += index >= 0
                     && ref_approval_check_get_status (g_ptr_array_index (checks, index)) == REF_APPROVAL_STATUS_VALID;
        }
    }
  if (n_present > 0 && n_valid == n_present)
    {
      box = add_plain (ex, boxes, "Godkendt", STYLE_H2, 0, "H2");
      box->keep_with_next = TRUE;
      box = add_plain (ex, boxes, "Referatet er godkendt med gyldig digital signatur af alle tilstedeværende medlemmer.",
                       STYLE_BODY, 0, "P");
      box->space_after = 12.0;
    }
  for (guint i = 0; i < rows->len; i += 2)
    add_signature_row (ex, boxes, g_ptr_array_index (rows, i), g_ptr_array_index (rows, i + 1));
  if (n_members == 0)
    add_plain (ex, boxes, "Der er ikke registreret medlemmer af udvalget.", STYLE_BODY, 0, "P");

  /* Everything else is listed apart, and counts for no one. */
  for (guint i = 0, first = TRUE; i < checks->len; i++)
    {
      RefApprovalCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *text = NULL;

      if (g_hash_table_contains (used, check))
        continue;
      if (first)
        add_heading (ex, boxes, "Øvrige godkendelser, som ikke tælles med", STYLE_H2);
      first = FALSE;
      text = approval_text (check, NULL);
      add_plain (ex, boxes, text, STYLE_BODY, 0, "P");
    }
  return boxes;
}

/* ------------------------------------------------------------------ document */

static void
lay_out_document (Exporter *ex)
{
  GListModel *items = ref_meeting_get_items (ex->meeting);
  guint n = g_list_model_get_n_items (items);

  ex->page = 0;
  ex->closed_item_pages = FALSE;
  new_page (ex);
  flow_and_free (ex, build_front_page (ex));
  new_page (ex);
  flow_and_free (ex, build_toc (ex));

  for (guint i = 0; i < n && !ex->cancelled; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      guint number = ref_agenda_item_get_number (item);

      ex->closed_item_pages = ref_agenda_item_get_closed (item) && ex->edition == REF_EDITION_INTERNAL;
      new_page (ex);
      if (ex->cr == NULL)
        {
          g_array_append_val (ex->item_pages, ex->page);
          report_progress (ex, 0, PROGRESS_MEASURE * (i + 1) / n);
        }
      else if (g_array_index (ex->item_pages, guint, i) != ex->page)
        g_critical ("PDF export: item %u moved from page %u to page %u between the passes", number,
                    g_array_index (ex->item_pages, guint, i), ex->page);
      if (ex->cr != NULL)
        {
          g_autofree char *title = g_strdup_printf ("Punkt %u: %s", number,
                                                    ref_agenda_item_get_printed_title (item, ex->edition));
          g_autofree char *dest = item_dest_name (number);
          g_autofree char *link = g_strdup_printf ("dest='%s'", dest);

          cairo_pdf_surface_add_outline (ex->surface, CAIRO_PDF_OUTLINE_ROOT, title, link, 0);
        }
      flow_and_free (ex, build_item (ex, item));
      /* Printed for good: what is left of the export is cairo's, which grows with
       * every page until the file is finished. */
      if (ex->cr != NULL && ex->release_items)
        ref_agenda_item_release_content (item);
      if (g_cancellable_is_cancelled (ex->cancellable))
        ex->cancelled = TRUE;
    }
  ex->closed_item_pages = FALSE;

  if (!ex->cancelled && ref_meeting_get_kind (ex->meeting) == REF_MEETING_KIND_MINUTES)
    {
      new_page (ex);
      flow_and_free (ex, build_signature_page (ex));
    }
  finish_page (ex);
}

static gboolean
choose_font (Exporter *ex, const char *path, GError **error)
{
  static const char *const candidates[] = { FONT_CANDIDATES };
  static const gunichar danish[] = { 0xe6, 0xf8, 0xe5, 0xc6, 0xd8, 0xc5 };
  g_autofree char *family = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (candidates) && family == NULL; i++)
    {
      g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (candidates[i]);
      g_autoptr (PangoFont) font = NULL;
      g_autoptr (PangoFontDescription) found = NULL;
      gboolean covers = TRUE;

      pango_font_description_set_absolute_size (desc, 10 * PANGO_SCALE);
      font = pango_font_map_load_font (ex->fontmap, ex->context, desc);
      if (font == NULL)
        continue;
      found = pango_font_describe (font);
      /* fontconfig substitutes silently: accept a candidate only if it is really
       * installed (the last, generic one excepted) and has the Danish letters. */
      if (i + 1 < G_N_ELEMENTS (candidates) &&
          g_ascii_strcasecmp (pango_font_description_get_family (found), candidates[i]) != 0)
        continue;
      for (gsize k = 0; k < G_N_ELEMENTS (danish); k++)
        covers = covers && pango_font_has_char (font, danish[k]);
      if (covers)
        family = g_strdup (pango_font_description_get_family (found));
    }
  if (family == NULL)
    {
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_FONT,
                   _("Could not export “%s”: no installed font can print Danish letters (æ, ø, å); "
                     "install the fonts-liberation2 package"),
                   path);
      return FALSE;
    }
  for (int s = 0; s < N_STYLES; s++)
    {
      ex->fonts[s] = pango_font_description_new ();
      pango_font_description_set_family (ex->fonts[s], family);
      pango_font_description_set_absolute_size (ex->fonts[s], styles[s].size * PANGO_SCALE);
      pango_font_description_set_weight (ex->fonts[s], styles[s].weight);
    }
  return TRUE;
}

static void
measure_dot_advance (Exporter *ex)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  g_autoptr (PangoLayout) ten = plain_layout (ex, "..........", STYLE_BODY, -1);
  g_autoptr (PangoLayout) twenty = plain_layout (ex, "....................", STYLE_BODY, -1);
  PangoRectangle a, b;

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (pango_units_from_double (2.5)));
  pango_layout_set_attributes (ten, attrs);
  pango_layout_set_attributes (twenty, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_extents (ten, NULL, &a);
  pango_layout_get_extents (twenty, NULL, &b);
  ex->dot_advance = pango_units_to_double (b.width - a.width) / 10.0;
  if (ex->dot_advance <= 0)
    ex->dot_advance = 5.0;
}

static gboolean
exporter_init (Exporter *ex, RefMeeting *meeting, const RefPdfExportOptions *options, const char *path,
               GError **error)
{
  cairo_font_options_t *font_options = cairo_font_options_create ();

  memset (ex, 0, sizeof *ex);
  ex->meeting = meeting;
  ex->edition = options ? options->edition : REF_EDITION_PUBLIC;
  ex->trust = options ? options->trust : NULL;
  ex->release_items = options ? options->release_items : FALSE;
  ex->tags = g_ptr_array_new ();
  ex->item_pages = g_array_new (FALSE, FALSE, sizeof (guint));

  /* A private font map and context: nothing is shared with other threads. Points
   * are the unit everywhere (72 dpi), and metrics are unhinted so that measuring
   * and drawing agree exactly. */
  ex->fontmap = pango_cairo_font_map_new ();
  ex->context = pango_font_map_create_context (ex->fontmap);
  pango_cairo_context_set_resolution (ex->context, 72.0);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (ex->context, font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (ex->context, FALSE);
  pango_context_set_language (ex->context, pango_language_from_string ("da-dk"));
  pango_context_set_base_dir (ex->context, PANGO_DIRECTION_LTR);

  if (!choose_font (ex, path, error))
    return FALSE;
  measure_dot_advance (ex);
  return TRUE;
}

static void
exporter_clear (Exporter *ex)
{
  g_clear_pointer (&ex->cr, cairo_destroy);
  g_clear_pointer (&ex->surface, cairo_surface_destroy);
  for (int s = 0; s < N_STYLES; s++)
    g_clear_pointer (&ex->fonts[s], pango_font_description_free);
  g_clear_object (&ex->context);
  g_clear_object (&ex->fontmap);
  g_clear_pointer (&ex->tags, g_ptr_array_unref);
  g_clear_pointer (&ex->item_pages, g_array_unref);
  g_clear_pointer (&ex->approval_checks, g_ptr_array_unref);
}

static void
set_metadata (Exporter *ex)
{
  GDateTime *start = ref_meeting_get_start (ex->meeting);
  g_autofree char *date = start ? format_date (start) : g_strdup ("");
  const char *committee = ref_meeting_get_committee (ex->meeting);
  const char *organisation = ref_meeting_get_organisation (ex->meeting);
  g_autofree char *title = g_strdup_printf ("%s %s d. %s", kind_word (ex, FALSE), committee, date);
  g_autofree char *keywords = g_strdup_printf ("%s, %s, %s", ref_meeting_get_kind (ex->meeting) == REF_MEETING_KIND_AGENDA
                                                                 ? "dagsorden"
                                                                 : "referat",
                                               committee, date);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  cairo_pdf_surface_set_metadata (ex->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (ex->surface, CAIRO_PDF_METADATA_AUTHOR, *organisation ? organisation : committee);
  cairo_pdf_surface_set_metadata (ex->surface, CAIRO_PDF_METADATA_SUBJECT, committee);
  cairo_pdf_surface_set_metadata (ex->surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (ex->surface, CAIRO_PDF_METADATA_CREATOR, "Referent " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (ex->surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

/* ------------------------------------------------------------------ output */

typedef struct {
  GOutputStream *stream;
  GCancellable *cancellable;
  GError *error;
} Sink;

static cairo_status_t
sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_cancelled_error (GError **error, const char *path)
{
  g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_CANCELLED, _("Export to “%s” was cancelled"), path);
}

/* An export must never write over the file it is made from: `export m.referat -o
 * m.referat`, or a PDF name that is a link to it, would replace the minutes. */
static gboolean
check_not_a_source (const char *path, const char *const *sources, GError **error)
{
  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    {
      if (!ref_file_same (path, sources[i]))
        continue;
      if (g_str_equal (path, sources[i]))
        g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_SAME_FILE,
                     _("Will not write the PDF to “%s”: the PDF is made from that file. Choose another name for the "
                       "PDF."),
                     path);
      else
        g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_SAME_FILE,
                     _("Will not write the PDF to “%s”: it is the same file as “%s”, which the PDF is made from. "
                       "Choose another name for the PDF."),
                     path, sources[i]);
      return FALSE;
    }
  return TRUE;
}

void
ref_pdf_export_options_init (RefPdfExportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->edition = REF_EDITION_PUBLIC;
}

gboolean
ref_pdf_export (RefMeeting                *meeting,
                const char                *path,
                const RefPdfExportOptions *options,
                RefPdfProgressFunc         progress,
                gpointer                   user_data,
                GCancellable              *cancellable,
                GError                   **error)
{
  g_autoptr (RefFileReplace) replace = NULL;
  g_autoptr (GOutputStream) buffered = NULL;
  g_autoptr (GError) local_error = NULL;
  Sink sink = { NULL };
  Exporter ex;
  cairo_status_t status;

  g_return_val_if_fail (REF_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options != NULL && !check_not_a_source (path, options->sources, error))
    return FALSE;
  if (!exporter_init (&ex, meeting, options, path, error))
    {
      exporter_clear (&ex);
      return FALSE;
    }
  ex.progress = progress;
  ex.progress_data = user_data;
  ex.cancellable = cancellable;

  /* Pass 1: measure only. */
  lay_out_document (&ex);
  ex.n_pages = ex.page;
  if (ex.cancelled || g_cancellable_is_cancelled (cancellable))
    {
      exporter_clear (&ex);
      set_cancelled_error (error, path);
      return FALSE;
    }

  /* The PDF goes to a temporary file beside @path (never written in place, as GIO's
   * replace does in a folder it cannot create files in): until the rename at the
   * end, an existing PDF is untouched, and every failure below only drops the
   * temporary file (freeing @replace). */
  replace = ref_file_replace_begin (path, &local_error);
  if (replace == NULL)
    {
      exporter_clear (&ex);
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  buffered = g_buffered_output_stream_new_sized (ref_file_replace_get_stream (replace), 256 * 1024);
  sink.stream = buffered;
  sink.cancellable = cancellable;

  /* Pass 2: draw. */
  ex.surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (ex.surface, CAIRO_PDF_VERSION_1_5);
  ex.cr = cairo_create (ex.surface);
  set_metadata (&ex);
  g_ptr_array_set_size (ex.tags, 0);
  lay_out_document (&ex);
  if (ex.page != ex.n_pages && !ex.cancelled)
    g_warning ("PDF export: the drawing pass made %u pages, the measuring pass %u", ex.page, ex.n_pages);

  g_clear_pointer (&ex.cr, cairo_destroy);
  if (ex.cancelled)
    {
      /* Nothing more reaches the file once the sink has an error. */
      sink.error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
    }
  cairo_surface_finish (ex.surface);
  status = cairo_surface_status (ex.surface);
  exporter_clear (&ex);

  if (ex.cancelled || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&sink.error);
      set_cancelled_error (error, path);
      return FALSE;
    }
  if (sink.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      if (sink.error != NULL)
        g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                     sink.error->message);
      else
        g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_RENDER, _("Could not produce “%s”: %s"), path,
                     cairo_status_to_string (status));
      g_clear_error (&sink.error);
      return FALSE;
    }
  if (!g_output_stream_close (buffered, NULL, &local_error) || !ref_file_replace_commit (replace, &local_error))
    {
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  /* Tagged PDF in Danish, its title in the viewer's title bar (see ref-pdf-tagging.h).
   * qpdf rewrites the file cairo wrote, replacing it by a rename: the file the links
   * lead to, as the export itself did, so that a link stays a link. */
  {
    g_autofree char *target = ref_file_resolve_links (path, &local_error);

    if (target == NULL)
      {
        g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                     local_error->message);
        return FALSE;
      }
    if (!ref_pdf_mark_tagged (target, "da", error))
      return FALSE;
  }
  report_progress (&ex, ex.n_pages, 1.0);
  return TRUE;
}

/* ------------------------------------------------------------------ async */

typedef struct {
  RefMeeting *copy;
  char *path;
  char **sources;
  RefPdfExportOptions options;
  RefPdfProgressFunc progress;
  gpointer progress_data;
  GMainContext *context;
  int last_percent;
} ExportTask;

typedef struct {
  RefPdfProgressFunc progress;
  gpointer progress_data;
  guint pages_done;
  double fraction;
} ProgressReport;

static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_clear_object (&task->copy);
  g_clear_object (&task->options.trust);
  g_strfreev (task->sources);
  g_free (task->path);
  g_clear_pointer (&task->context, g_main_context_unref);
  g_free (task);
}

static gboolean
progress_dispatch (gpointer data)
{
  ProgressReport *report = data;

  report->progress (report->pages_done, report->fraction, report->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs in the worker thread: forwards at most one report per percent. */
static void
progress_forward (guint pages_done, double fraction, gpointer user_data)
{
  ExportTask *task = user_data;
  int percent = (int) (fraction * 100);
  ProgressReport *report;

  if (percent == task->last_percent)
    return;
  task->last_percent = percent;
  report = g_new (ProgressReport, 1);
  report->progress = task->progress;
  report->progress_data = task->progress_data;
  report->pages_done = pages_done;
  report->fraction = fraction;
  g_main_context_invoke_full (task->context, G_PRIORITY_DEFAULT, progress_dispatch, report, g_free);
}

static void
export_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ExportTask *data = task_data;
  GError *error = NULL;

  if (ref_pdf_export (data->copy, data->path, &data->options, data->progress ? progress_forward : NULL, data,
                      cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ref_pdf_export_async (RefMeeting                *meeting,
                      const char                *path,
                      const RefPdfExportOptions *options,
                      RefPdfProgressFunc         progress,
                      gpointer                   progress_data,
                      GCancellable              *cancellable,
                      GAsyncReadyCallback        callback,
                      gpointer                   user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GBytes) snapshot = NULL;
  g_autoptr (GError) error = NULL;
  ExportTask *data;

  g_return_if_fail (REF_IS_MEETING (meeting));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ref_pdf_export_async);

  data = g_new0 (ExportTask, 1);
  data->path = g_strdup (path);
  if (options != NULL)
    data->options = *options;
  else
    ref_pdf_export_options_init (&data->options);
  if (data->options.trust != NULL)
    g_object_ref (data->options.trust);
  data->sources = g_strdupv ((char **) data->options.sources);
  data->options.sources = (const char *const *) data->sources;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  data->last_percent = -1;
  g_task_set_task_data (task, data, export_task_free);

  /* The worker gets a private deep copy (through the canonical file format), so the
   * model may be edited while the export runs; the copy is the export's own, so what
   * is printed of it is released. */
  data->options.release_items = TRUE;
  snapshot = ref_xml_write_bytes (meeting);
  data->copy = ref_xml_load_bytes (snapshot, path, &error);
  if (data->copy == NULL)
    {
      g_task_return_new_error (task, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_INVALID,
                               _("Could not export “%s”: %s"), path, error->message);
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

gboolean
ref_pdf_export_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ref_pdf_export_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
