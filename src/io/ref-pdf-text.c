/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-pdf-text.h"

#include <math.h>
#include <string.h>

/* A gap wider than this many times the font size between two characters on one line
 * separates table cells (or tab-aligned columns), not words. */
#define CELL_GAP_EM 1.6

static void
line_free (gpointer data)
{
  RefPdfLine *line = data;

  g_free (line->text);
  g_free (line->font);
  g_free (line);
}

void
ref_pdf_text_free (RefPdfText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->lines);
  g_free (text);
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
  GString *text;
  double x0, y0, x1, y1;
  GHashTable *weights; /* PopplerTextAttributes* → chars */
  double last_x1;
  double last_size;
  gboolean empty;
} LineBuilder;

static void
builder_reset (LineBuilder *b)
{
  g_string_truncate (b->text, 0);
  g_hash_table_remove_all (b->weights);
  b->x0 = b->y0 = G_MAXDOUBLE;
  b->x1 = b->y1 = -G_MAXDOUBLE;
  b->last_x1 = -1;
  b->empty = TRUE;
}

static void
builder_flush (LineBuilder *b, guint page, GPtrArray *lines)
{
  RefPdfLine *line;
  PopplerTextAttributes *dominant = NULL;
  gsize best = 0;
  GHashTableIter iter;
  gpointer key, value;
  g_autofree char *stripped = NULL;

  stripped = g_strstrip (g_strdup (b->text->str));
  if (b->empty || *stripped == '\0')
    {
      builder_reset (b);
      return;
    }
  g_hash_table_iter_init (&iter, b->weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > best)
      {
        best = GPOINTER_TO_SIZE (value);
        dominant = key;
      }

  line = g_new0 (RefPdfLine, 1);
  line->page = page;
  /* Trim spaces around cells too: "a \t b" → "a\tb". */
  {
    g_auto (GStrv) cells = g_strsplit (b->text->str, "\t", -1);
    for (guint i = 0; cells[i]; i++)
      g_strstrip (cells[i]);
    line->text = g_strjoinv ("\t", cells);
  }
  line->x0 = b->x0;
  line->y0 = b->y0;
  line->x1 = b->x1;
  line->y1 = b->y1;
  line->size = dominant ? dominant->font_size : (b->y1 - b->y0);
  line->font = g_strdup (dominant ? dominant->font_name : "");
  line->bold = font_is_bold (line->font);
  line->italic = font_is_italic (line->font);
  g_ptr_array_add (lines, line);
  builder_reset (b);
}

static void
extract_page (PopplerPage *page, guint index, GPtrArray *lines)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  GList *attributes;
  g_autofree PopplerTextAttributes **by_char = NULL;
  LineBuilder b = { 0 };
  const char *p;
  guint i;

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return;
  attributes = poppler_page_get_text_attributes (page);
  by_char = attributes_by_char (attributes, n_rects);

  b.text = g_string_new (NULL);
  b.weights = g_hash_table_new (NULL, NULL);
  builder_reset (&b);

  for (p = text, i = 0; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      PopplerRectangle *r = &rects[i];
      PopplerTextAttributes *a = by_char[i];
      double size = a ? a->font_size : fabs (r->y2 - r->y1);

      if (c == '\n')
        {
          builder_flush (&b, index, lines);
          continue;
        }
      if (!b.empty && b.last_x1 >= 0 && r->x1 - b.last_x1 > CELL_GAP_EM * MAX (size, 4.0)
          && !g_unichar_isspace (c))
        {
          g_string_append_c (b.text, '\t');
        }
      g_string_append_unichar (b.text, c);
      if (!g_unichar_isspace (c))
        {
          b.x0 = MIN (b.x0, r->x1);
          b.y0 = MIN (b.y0, r->y1);
          b.x1 = MAX (b.x1, r->x2);
          b.y1 = MAX (b.y1, r->y2);
          b.last_x1 = r->x2;
          b.empty = FALSE;
          if (a)
            g_hash_table_insert (b.weights, a,
                                 GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (b.weights, a)) + 1));
        }
    }
  builder_flush (&b, index, lines);

  g_string_free (b.text, TRUE);
  g_hash_table_unref (b.weights);
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
      g_autoptr (GObject) page_object = G_OBJECT (poppler_document_get_page (document, (int) i));
      PopplerPage *page = POPPLER_PAGE (page_object);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (i == 0)
        poppler_page_get_size (page, &result->page_width, &result->page_height);
      extract_page (page, i, result->lines);
      if (progress)
        progress (i + 1, result->n_pages, user_data);
    }
  result->lines = merge_same_baseline (result->lines);
  return result;
}
