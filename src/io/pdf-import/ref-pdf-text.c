/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-pdf-text.h"
#include "ref-xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A gap wider than this many times the font size between two characters on one line
 * separates table cells (or tab-aligned columns), not words. */
#define CELL_GAP_EM 0.8

static void
link_free (gpointer data)
{
  RefPdfLink *link = data;

  g_free (link->href);
  g_free (link);
}

static void
line_free (gpointer data)
{
  RefPdfLine *line = data;

  g_free (line->text);
  g_free (line->font);
  g_clear_pointer (&line->links, g_ptr_array_unref);
  g_clear_pointer (&line->cells, g_array_unref);
  g_free (line);
}

static void
add_link (RefPdfLine *line, gsize start, gsize end, const char *href)
{
  RefPdfLink *link;

  if (line->links != NULL && line->links->len > 0)
    {
      RefPdfLink *last = g_ptr_array_index (line->links, line->links->len - 1);
      /* Extend the previous span over the spaces between words of one link. */
      if (g_str_equal (last->href, href) && start <= last->end + 1)
        {
          last->end = end;
          return;
        }
    }
  if (line->links == NULL)
    line->links = g_ptr_array_new_with_free_func (link_free);
  link = g_new0 (RefPdfLink, 1);
  link->start = start;
  link->end = end;
  link->href = g_strdup (href);
  g_ptr_array_add (line->links, link);
}

void
ref_pdf_text_free (RefPdfText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->lines);
  g_clear_pointer (&text->outline, g_ptr_array_unref);
  g_clear_pointer (&text->tagged_headings, g_ptr_array_unref);
  g_free (text);
}

char *
ref_pdf_line_cell_text (const RefPdfLine *line, guint index)
{
  const char *start, *end;

  if (line->cells == NULL || index >= line->cells->len)
    return g_strdup ("");
  start = line->text + g_array_index (line->cells, RefPdfCell, index).start;
  end = strchr (start, '\t');
  return end ? g_strndup (start, end - start) : g_strdup (start);
}

gsize
ref_pdf_text_count_chars (const char *text)
{
  gsize n = 0;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}

static gboolean
font_is_bold (const char *font)
{
  g_autofree char *lower = font ? g_ascii_strdown (font, -1) : NULL;

  return lower && (strstr (lower, "bold") || strstr (lower, "black") || strstr (lower, "heavy")
                   || strstr (lower, "semibold") || strstr (lower, ",b"));
}

static gboolean
font_is_italic (const char *font)
{
  g_autofree char *lower = font ? g_ascii_strdown (font, -1) : NULL;

  return lower && (strstr (lower, "italic") || strstr (lower, "oblique"));
}

/* Per character: the attribute run it belongs to. */
static PopplerTextAttributes **
attributes_by_char (GList *attributes, guint n_chars)
{
  PopplerTextAttributes **by_char = g_new0 (PopplerTextAttributes *, n_chars);

  for (GList *l = attributes; l; l = l->next)
    {
      PopplerTextAttributes *a = l->data;
      for (int i = MAX (a->start_index, 0); i <= a->end_index && i < (int) n_chars; i++)
        by_char[i] = a;
    }
  return by_char;
}

typedef struct {
  gsize start, end;
  const char *href;
} CharLink;

typedef struct {
  gsize offset; /* byte offset of the character after the gap */
  double width;
  double size;
  double x;     /* where the character after the gap starts */
} Gap;

/* A glyph as it went into the line: for the typography of each cell. */
typedef struct {
  gsize offset; /* byte offset in the builder's text */
  double x0, x1;
  PopplerTextAttributes *attr;
  gboolean space;
  gboolean bold;
} BuiltChar;

typedef struct {
  GString *text;
  GArray *links; /* CharLink, byte spans of linked characters in text */
  GArray *gaps;  /* Gap: horizontal gaps before characters */
  GArray *chars; /* BuiltChar */
  double x0, y0, x1, y1;
  double last_x1;
  gboolean empty;
  gboolean soft_hyphen;
} LineBuilder;

static void
builder_reset (LineBuilder *b)
{
  g_string_truncate (b->text, 0);
  g_array_set_size (b->links, 0);
  g_array_set_size (b->gaps, 0);
  g_array_set_size (b->chars, 0);
  b->x0 = b->y0 = G_MAXDOUBLE;
  b->x1 = b->y1 = -G_MAXDOUBLE;
  b->last_x1 = -1;
  b->empty = TRUE;
  b->soft_hyphen = FALSE;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Inserts @what at byte @at of the line being built, replacing the @remove bytes
 * there, and moves the offsets behind it. */
static void
builder_splice (LineBuilder *b, gsize at, gsize remove, char what)
{
  gssize delta = 1 - (gssize) remove;

  g_string_erase (b->text, at, remove);
  g_string_insert_c (b->text, at, what);
  for (guint l = 0; l < b->links->len; l++)
    {
      CharLink *link = &g_array_index (b->links, CharLink, l);
      if (link->start >= at + remove)
        link->start += delta;
      if (link->end >= at + remove)
        link->end += delta;
    }
  for (guint c = 0; c < b->chars->len; c++)
    {
      BuiltChar *bc = &g_array_index (b->chars, BuiltChar, c);
      if (bc->offset >= at + remove)
        bc->offset += delta;
    }
}

/* Table cells and tab-aligned columns: a gap is a cell boundary when it is wide in
 * absolute terms and much wider than this line's own word spacing, so justified text
 * (uniformly wide spaces) stays one cell while narrow table columns still split. A
 * narrower gap with no space character in it (text placed piece by piece) is a word
 * space. */
static void
insert_cell_tabs (LineBuilder *b)
{
  g_autoptr (GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  double median;

  if (b->gaps->len == 0)
    return;
  /* The line's word spacing: the median of the gaps that are not wide in absolute
   * terms (a justified line stretches all of them alike). With few such gaps the
   * median says little: a word space is at most about a third of an em. */
  for (guint i = 0; i < b->gaps->len; i++)
    {
      Gap *gap = &g_array_index (b->gaps, Gap, i);
      if (gap->width < CELL_GAP_EM * gap->size)
        g_array_append_val (widths, gap->width);
    }
  g_array_sort (widths, compare_double);
  median = widths->len ? g_array_index (widths, double, widths->len / 2) : 0;
  if (widths->len < 3)
    median = MIN (median, 0.35 * g_array_index (b->gaps, Gap, 0).size);
  for (guint i = b->gaps->len; i > 0; i--)
    {
      Gap *gap = &g_array_index (b->gaps, Gap, i - 1);
      gsize at = gap->offset;

      if (gap->width < CELL_GAP_EM * gap->size || gap->width < 2.5 * median)
        {
          if (at > 0 && b->text->str[at - 1] != ' ' && gap->width > 0.2 * gap->size)
            builder_splice (b, at, 0, ' ');
          continue;
        }
      /* Replace the spaces before the cell with one tab. */
      while (at > 0 && b->text->str[at - 1] == ' ')
        at--;
      builder_splice (b, at, gap->offset - at, '\t');
    }
}

/* The dominant attributes of the built characters whose offsets lie in [start, end). */
static PopplerTextAttributes *
dominant_attributes (LineBuilder *b, gsize start, gsize end, double *x0, double *x1)
{
  g_autoptr (GHashTable) weights = g_hash_table_new (NULL, NULL);
  PopplerTextAttributes *dominant = NULL;
  gsize best = 0;

  *x0 = G_MAXDOUBLE;
  *x1 = -G_MAXDOUBLE;
  for (guint c = 0; c < b->chars->len; c++)
    {
      BuiltChar *bc = &g_array_index (b->chars, BuiltChar, c);
      gsize n;

      if (bc->offset < start || bc->offset >= end || bc->space)
        continue;
      *x0 = MIN (*x0, bc->x0);
      *x1 = MAX (*x1, bc->x1);
      if (bc->attr == NULL)
        continue;
      n = GPOINTER_TO_SIZE (g_hash_table_lookup (weights, bc->attr)) + 1;
      g_hash_table_insert (weights, bc->attr, GSIZE_TO_POINTER (n));
      if (n > best)
        {
          best = n;
          dominant = bc->attr;
        }
    }
  return dominant;
}

/* Bytes of @text from its start that are set in bold: the leading bold glyphs
 * (spaces aside), as "Indstilling:" before the text of an inline caption. */
static gsize
bold_prefix (LineBuilder *b, const char *text)
{
  guint bold = 0, total = 0;
  gboolean all = TRUE;
  const char *p = text;

  for (guint c = 0; c < b->chars->len; c++)
    {
      BuiltChar *bc = &g_array_index (b->chars, BuiltChar, c);
      if (bc->space)
        continue;
      total++;
      if (!bc->bold)
        {
          all = FALSE;
          break;
        }
      bold++;
    }
  if (all && total > 0)
    return strlen (text);
  /* The same number of non-space characters in the line's final text. */
  while (*p && bold > 0)
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        bold--;
      p = g_utf8_next_char (p);
    }
  return p - text;
}

static void
builder_flush (LineBuilder *b, guint page, GPtrArray *lines)
{
  RefPdfLine *line;
  PopplerTextAttributes *dominant;
  g_autofree char *stripped = NULL;
  g_auto (GStrv) cells = NULL;
  double x0, x1;
  gsize pos = 0;

  insert_cell_tabs (b);
  stripped = g_strstrip (g_strdup (b->text->str));
  if (b->empty || *stripped == '\0')
    {
      builder_reset (b);
      return;
    }
  dominant = dominant_attributes (b, 0, G_MAXSIZE, &x0, &x1);

  line = g_new0 (RefPdfLine, 1);
  line->page = page;
  line->cells = g_array_new (FALSE, FALSE, sizeof (RefPdfCell));
  /* Trim spaces around cells too: "a \t b" → "a\tb"; each cell keeps its own
   * position and typography. */
  cells = g_strsplit (b->text->str, "\t", -1);
  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; cells[i]; i++)
      {
        gsize len = strlen (cells[i]);
        RefPdfCell cell = { 0, x0, x1, 0, FALSE };
        /* A line of one cell is its own cell. */
        PopplerTextAttributes *a = cells[1] == NULL ? dominant : dominant_attributes (b, pos, pos + len, &cell.x0, &cell.x1);

        pos += len + 1;
        g_strstrip (cells[i]);
        if (i > 0)
          g_string_append_c (joined, '\t');
        cell.start = joined->len;
        cell.size = a ? a->font_size : (b->y1 - b->y0);
        cell.bold = a ? font_is_bold (a->font_name) : FALSE;
        if (cell.x0 > cell.x1)
          cell.x0 = cell.x1 = b->x0;
        g_array_append_val (line->cells, cell);
        g_string_append (joined, cells[i]);
      }
    line->text = g_string_free (joined, FALSE);
  }
  line->x0 = b->x0;
  line->y0 = b->y0;
  line->x1 = b->x1;
  line->y1 = b->y1;
  line->size = dominant ? dominant->font_size : (b->y1 - b->y0);
  line->font = g_strdup (dominant ? dominant->font_name : "");
  line->bold = font_is_bold (line->font);
  line->italic = font_is_italic (line->font);
  line->bold_prefix = bold_prefix (b, line->text);
  line->soft_hyphen = b->soft_hyphen;
  /* Link spans refer to the untrimmed text; map them by searching the linked text. */
  for (guint i = 0; i < b->links->len; i++)
    {
      CharLink *l = &g_array_index (b->links, CharLink, i);
      g_autofree char *linked = g_strndup (b->text->str + l->start, l->end - l->start);
      const char *found = strstr (line->text, g_strstrip (linked));
      if (found != NULL && *linked)
        add_link (line, found - line->text, found - line->text + strlen (linked), l->href);
    }
  g_ptr_array_add (lines, line);
  builder_reset (b);
}

typedef struct {
  gunichar c;
  PopplerRectangle r;
  PopplerTextAttributes *attr;
  const char *href;
  gboolean soft; /* a soft hyphen: shown only at a line end */
  gboolean bold; /* its font is a bold one */
} PageChar;

static double
char_size (const PageChar *pc)
{
  return MAX (pc->attr ? pc->attr->font_size : fabs (pc->r.y2 - pc->r.y1), 4.0);
}

static int
compare_chars_y (gconstpointer a, gconstpointer b)
{
  const PageChar *ca = a, *cb = b;
  double ya = (ca->r.y1 + ca->r.y2) / 2, yb = (cb->r.y1 + cb->r.y2) / 2;

  return ya < yb ? -1 : ya > yb;
}

static int
compare_chars_x (gconstpointer a, gconstpointer b)
{
  const PageChar *ca = a, *cb = b;

  return ca->r.x1 < cb->r.x1 ? -1 : ca->r.x1 > cb->r.x1;
}

static void
builder_add_char (LineBuilder *b, const PageChar *pc)
{
  gsize before = b->text->len;
  double size = char_size (pc);
  BuiltChar bc = { before, pc->r.x1, pc->r.x2, pc->attr, g_unichar_isspace (pc->c), pc->bold };

  if (!b->empty && b->last_x1 >= 0 && !g_unichar_isspace (pc->c) && pc->r.x1 - b->last_x1 > 0.1 * size)
    {
      Gap gap = { b->text->len, pc->r.x1 - b->last_x1, size, pc->r.x1 };
      g_array_append_val (b->gaps, gap);
    }
  g_string_append_unichar (b->text, pc->c);
  g_array_append_val (b->chars, bc);
  if (pc->href != NULL)
    {
      CharLink *last = b->links->len ? &g_array_index (b->links, CharLink, b->links->len - 1) : NULL;
      if (last && last->href == pc->href && last->end + 1 >= before)
        last->end = b->text->len;
      else
        {
          CharLink cl = { before, b->text->len, pc->href };
          g_array_append_val (b->links, cl);
        }
    }
  if (!g_unichar_isspace (pc->c))
    {
      b->x0 = MIN (b->x0, pc->r.x1);
      b->y0 = MIN (b->y0, pc->r.y1);
      b->x1 = MAX (b->x1, pc->r.x2);
      b->y1 = MAX (b->y1, pc->r.y2);
      b->last_x1 = pc->r.x2;
      b->empty = FALSE;
    }
}

/* Characters that text extraction should not pass on as they are: ligatures are
 * spelled out, no-break and thin spaces are spaces, hyphen variants are hyphens,
 * zero-width characters go. Returns the number of characters written to @out (0 to
 * drop the character). */
static guint
normalise_char (gunichar c, gunichar out[3], gboolean *soft)
{
  static const struct {
    gunichar ligature;
    const char *spelled;
  } ligatures[] = {
    { 0xFB00, "ff" }, { 0xFB01, "fi" }, { 0xFB02, "fl" }, { 0xFB03, "ffi" }, { 0xFB04, "ffl" },
    { 0xFB05, "st" }, { 0xFB06, "st" },
  };

  *soft = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (ligatures); i++)
    if (c == ligatures[i].ligature)
      {
        guint n = 0;
        for (const char *p = ligatures[i].spelled; *p; p++)
          out[n++] = (gunichar) *p;
        return n;
      }
  switch (c)
    {
    case 0x00A0: /* no-break space */
    case 0x2007: /* figure space */
    case 0x202F: /* narrow no-break space */
    case 0x2009: /* thin space */
      out[0] = ' ';
      return 1;
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
      out[0] = '-';
      return 1;
    case 0x00AD: /* soft hyphen: a possible division, shown only where used */
      *soft = TRUE;
      out[0] = '-';
      return 1;
    case 0x200B: /* zero width space */
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return 0;
    default:
      out[0] = c;
      return 1;
    }
}

/* Lines are rebuilt from characters: grouped by baseline and ordered left to right,
 * because poppler's own line order can split a table row into fragments out of
 * column order. */
static void
extract_page (PopplerPage *page, guint index, GPtrArray *lines)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  GList *attributes;
  g_autofree PopplerTextAttributes **by_char = NULL;
  g_autoptr (GArray) chars = g_array_new (FALSE, FALSE, sizeof (PageChar));
  g_autoptr (GHashTable) bold_runs = g_hash_table_new (NULL, NULL);
  LineBuilder b = { 0 };
  GList *link_mapping;
  g_autoptr (GPtrArray) web_links = g_ptr_array_new ();
  double page_width, page_height;
  const char *p;
  guint i, line_start;

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return;
  attributes = poppler_page_get_text_attributes (page);
  by_char = attributes_by_char (attributes, n_rects);
  /* Whether a run's font is bold, once per run rather than per character. */
  for (GList *l = attributes; l; l = l->next)
    g_hash_table_insert (bold_runs, l->data, GINT_TO_POINTER (font_is_bold (((PopplerTextAttributes *) l->data)->font_name)));
  link_mapping = poppler_page_get_link_mapping (page);
  /* Web and mail links only, and only addresses the file format can hold: a PDF's
   * link may be javascript:, a launch of a file, or any bytes at all. */
  for (GList *l = link_mapping; l; l = l->next)
    {
      PopplerLinkMapping *map = l->data;
      if (map->action && map->action->type == POPPLER_ACTION_URI && ref_xml_link_is_safe (map->action->uri.uri))
        g_ptr_array_add (web_links, map);
    }
  poppler_page_get_size (page, &page_width, &page_height);

  for (p = text, i = 0; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      PageChar pc = { g_utf8_get_char (p), rects[i], by_char[i], NULL, FALSE,
                      by_char[i] != NULL && GPOINTER_TO_INT (g_hash_table_lookup (bold_runs, by_char[i])) };
      double cx = (pc.r.x1 + pc.r.x2) / 2, cy = (pc.r.y1 + pc.r.y2) / 2;
      gunichar spelled[3];
      guint n;

      if (pc.c == '\n' || pc.c == '\r')
        continue;
      n = normalise_char (pc.c, spelled, &pc.soft);
      /* Link areas are in PDF space (origin bottom left); text is top left. */
      for (guint l = 0; l < web_links->len && n > 0 && !g_unichar_isspace (pc.c); l++)
        {
          PopplerLinkMapping *map = g_ptr_array_index (web_links, l);
          if (cx >= map->area.x1 && cx <= map->area.x2 && page_height - cy >= map->area.y1
              && page_height - cy <= map->area.y2)
            pc.href = map->action->uri.uri;
        }
      for (guint k = 0; k < n; k++)
        {
          PageChar part = pc;
          /* A spelled-out ligature shares the glyph's box. */
          part.c = spelled[k];
          part.r.x1 = pc.r.x1 + (pc.r.x2 - pc.r.x1) * k / n;
          part.r.x2 = pc.r.x1 + (pc.r.x2 - pc.r.x1) * (k + 1) / n;
          g_array_append_val (chars, part);
        }
    }
  g_array_sort (chars, compare_chars_y);

  b.text = g_string_new (NULL);
  b.links = g_array_new (FALSE, FALSE, sizeof (CharLink));
  b.gaps = g_array_new (FALSE, FALSE, sizeof (Gap));
  b.chars = g_array_new (FALSE, FALSE, sizeof (BuiltChar));
  builder_reset (&b);

  /* A line: consecutive characters (by vertical centre) within a fraction of the
   * font size of the line's first character. */
  for (line_start = 0; line_start < chars->len;)
    {
      PageChar *first = &g_array_index (chars, PageChar, line_start);
      double centre = (first->r.y1 + first->r.y2) / 2, tolerance = 0.45 * char_size (first);
      guint end = line_start + 1, last_visible;

      while (end < chars->len)
        {
          PageChar *pc = &g_array_index (chars, PageChar, end);
          if (fabs ((pc->r.y1 + pc->r.y2) / 2 - centre) > tolerance)
            break;
          end++;
        }
      qsort (&g_array_index (chars, PageChar, line_start), end - line_start, sizeof (PageChar), compare_chars_x);
      last_visible = end;
      for (guint k = end; k > line_start; k--)
        if (!g_unichar_isspace (g_array_index (chars, PageChar, k - 1).c))
          {
            last_visible = k - 1;
            break;
          }
      for (guint k = line_start; k < end; k++)
        {
          PageChar *pc = &g_array_index (chars, PageChar, k);
          /* Drop space characters poppler placed out of order (zero-width or
           * overlapping the next glyph): word gaps are measured from positions. */
          if (g_unichar_isspace (pc->c) && (b.empty || (b.text->len && b.text->str[b.text->len - 1] == ' ')))
            continue;
          /* A soft hyphen counts only where it divides a word at the line's end. */
          if (pc->soft && k != last_visible)
            continue;
          if (pc->soft)
            b.soft_hyphen = TRUE;
          builder_add_char (&b, pc);
        }
      builder_flush (&b, index, lines);
      line_start = end;
    }

  g_string_free (b.text, TRUE);
  g_array_unref (b.links);
  g_array_unref (b.gaps);
  g_array_unref (b.chars);
  poppler_page_free_link_mapping (link_mapping);
  poppler_page_free_text_attributes (attributes);
  g_free (rects);
}

static int
compare_position (gconstpointer a, gconstpointer b)
{
  const RefPdfLine *la = *(RefPdfLine **) a, *lb = *(RefPdfLine **) b;

  if (la->page != lb->page)
    return la->page < lb->page ? -1 : 1;
  if (fabs (la->y1 - lb->y1) > 2.0)
    return la->y1 < lb->y1 ? -1 : 1;
  return la->x0 < lb->x0 ? -1 : la->x0 > lb->x0;
}

/* poppler returns cells of one table row (and left/right parts of a running header)
 * as separate lines; they share a baseline, so join them with tabs, left to right. */
static GPtrArray *
merge_same_baseline (GPtrArray *lines)
{
  GPtrArray *merged = g_ptr_array_new_with_free_func (line_free);
  g_autofree gpointer *all = NULL;
  gsize n = 0;

  g_ptr_array_sort (lines, compare_position);
  all = g_ptr_array_steal (lines, &n);
  g_ptr_array_unref (lines);
  for (gsize i = 0; i < n; i++)
    {
      RefPdfLine *line = all[i];
      RefPdfLine *prev = merged->len > 0 ? g_ptr_array_index (merged, merged->len - 1) : NULL;

      if (prev != NULL && prev->page == line->page && fabs (prev->y1 - line->y1) <= 2.0
          && line->x0 >= prev->x1 - 1.0)
        {
          char *joined = g_strconcat (prev->text, "\t", line->text, NULL);
          gsize shift = strlen (prev->text) + 1;
          for (guint k = 0; line->links && k < line->links->len; k++)
            {
              RefPdfLink *link = g_ptr_array_index (line->links, k);
              add_link (prev, link->start + shift, link->end + shift, link->href);
            }
          for (guint k = 0; k < line->cells->len; k++)
            {
              RefPdfCell cell = g_array_index (line->cells, RefPdfCell, k);
              cell.start += shift;
              g_array_append_val (prev->cells, cell);
            }
          /* Bold only as far as its first cell was. */
          if (prev->bold_prefix == shift - 1 && line->bold_prefix > 0)
            prev->bold_prefix = shift + line->bold_prefix;
          g_free (prev->text);
          prev->text = joined;
          prev->x1 = MAX (prev->x1, line->x1);
          prev->y0 = MIN (prev->y0, line->y0);
          prev->y1 = MAX (prev->y1, line->y1);
          line_free (line);
          continue;
        }
      g_ptr_array_add (merged, line);
    }
  return merged;
}

RefPdfText *
ref_pdf_text_extract (PopplerDocument *document, GCancellable *cancellable,
                      void (*progress) (guint page, guint n_pages, gpointer user_data), gpointer user_data)
{
  RefPdfText *result = g_new0 (RefPdfText, 1);

  result->n_pages = (guint) poppler_document_get_n_pages (document);
  result->lines = g_ptr_array_new_with_free_func (line_free);
  for (guint i = 0; i < result->n_pages; i++)
    {
      /* (poppler 22.12 declares no autoptr cleanup for PopplerPage) */
      g_autoptr (GObject) page_object = G_OBJECT (poppler_document_get_page (document, (int) i));
      PopplerPage *page = page_object ? POPPLER_PAGE (page_object) : NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* A damaged page tree can name a page that poppler cannot build: it has no text
       * to give, and the pages around it still do. */
      if (page == NULL)
        continue;
      if (result->page_width <= 0.0)
        poppler_page_get_size (page, &result->page_width, &result->page_height);
      extract_page (page, i, result->lines);
      if (progress)
        progress (i + 1, result->n_pages, user_data);
    }
  if (result->page_width <= 0.0 || result->page_height <= 0.0)
    {
      /* No readable page: A4 portrait, in points, so that layout ratios stay finite. */
      result->page_width = 595.0;
      result->page_height = 842.0;
    }
  result->lines = merge_same_baseline (result->lines);
  ref_pdf_read_structure (document, result, cancellable);
  return result;
}
