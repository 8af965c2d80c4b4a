/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <cairo-pdf.h>
#include <qpdf/qpdf-c.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "meeting-generator.h"
#include "ref-signature.h"
#include "test-certs.h"
#include "test-tmp.h"
#include "ref-pdf-export.h"
#include "ref-pdf-tagging.h"
#include "ref-xml.h"

/* Exports meetings to PDF and reads them back with poppler: page numbers in the
 * table of contents, outline and links agree with where the items really are; no
 * text is lost, cut off or outside the margins; closed items stay closed in the
 * public edition; the pages render. */

#define MM (72.0 / 25.4)
#define PAGE_WIDTH (210.0 * MM)
#define PAGE_HEIGHT (297.0 * MM)
#define MARGIN_X (20.0 * MM)
#define MARGIN_Y (10.0 * MM) /* the running header and footer sit outside the body */
#define TOLERANCE 1.0

static char *tmp_dir;

typedef struct {
  char *path;
  PopplerDocument *doc;
  int n_pages;
  char **page_text;    /* per page, normalised hyphens */
  GHashTable *tokens;  /* every whitespace-separated word of the document */
  int *item_page;      /* 0-based page of each item's "Punkt N:" heading, by position */
  guint n_items;
} Exported;

static void
exported_free (Exported *e)
{
  g_free (e->path);
  g_clear_object (&e->doc);
  g_strfreev (e->page_text);
  g_clear_pointer (&e->tokens, g_hash_table_unref);
  g_free (e->item_page);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exported, exported_free)

/* pango may insert U+2010 HYPHEN where it breaks a word; poppler may return soft
 * hyphens. Both mean "-" here. */
static char *
normalise_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2010 || c == 0x2011 || c == 0xad)
        g_string_append_c (out, '-');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
add_tokens (GHashTable *tokens, const char *text)
{
  g_auto (GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i])
      g_hash_table_add (tokens, g_strdup (words[i]));
}

/* poppler's get_text() runs the words of neighbouring table cells together
 * ("TemaSTU"), so words are also cut where the glyphs themselves are apart. */
static void
add_geometric_tokens (GHashTable *tokens, PopplerPage *page, const char *text)
{
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  g_autoptr (GString) word = g_string_new (NULL);
  const PopplerRectangle *prev = NULL;
  guint i = 0;

  if (!poppler_page_get_text_layout (page, &rects, &n_rects))
    return;
  g_assert_cmpuint (n_rects, ==, g_utf8_strlen (text, -1));
  for (const char *p = text; *p; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      const PopplerRectangle *r = &rects[i];
      gboolean apart = prev != NULL && (r->x1 - prev->x2 > 2.0 || fabs (r->y1 - prev->y1) > 2.0);

      if (g_unichar_isspace (c) || apart)
        {
          if (word->len > 0)
            g_hash_table_add (tokens, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (!g_unichar_isspace (c))
        g_string_append_unichar (word, c);
      prev = g_unichar_isspace (c) ? NULL : r;
    }
  if (word->len > 0)
    g_hash_table_add (tokens, g_strdup (word->str));
  g_free (rects);
}

static guint
item_number_at (RefMeeting *meeting, guint position)
{
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), position);

  return ref_agenda_item_get_number (item);
}

static void
find_item_pages (Exported *e, RefMeeting *meeting)
{
  e->n_items = ref_meeting_get_n_items (meeting);
  e->item_page = g_new (int, e->n_items);
  for (guint i = 0; i < e->n_items; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("Punkt %u:", item_number_at (meeting, i));

      e->item_page[i] = -1;
      for (int p = 0; p < e->n_pages && e->item_page[i] < 0; p++)
        {
          g_auto (GStrv) lines = g_strsplit (e->page_text[p], "\n", -1);

          for (guint l = 0; lines[l] != NULL; l++)
            if (g_str_has_prefix (lines[l], prefix))
              {
                e->item_page[i] = p;
                break;
              }
        }
      if (e->item_page[i] < 0)
        g_error ("%s: no page has the heading “%s”", e->path, prefix);
      if (i > 0)
        g_assert_cmpint (e->item_page[i], >, e->item_page[i - 1]);
    }
}

static Exported *
read_back (const char *path, RefMeeting *meeting)
{
  Exported *e = g_new0 (Exported, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);

  g_assert_no_error (error);
  e->path = g_strdup (path);
  e->doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  e->n_pages = poppler_document_get_n_pages (e->doc);
  e->page_text = g_new0 (char *, e->n_pages + 1);
  e->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int p = 0; p < e->n_pages; p++)
    {
      PopplerPage *page = poppler_document_get_page (e->doc, p);
      g_autofree char *text = poppler_page_get_text (page);

      e->page_text[p] = normalise_text (text ? text : "");
      add_tokens (e->tokens, e->page_text[p]);
      add_geometric_tokens (e->tokens, page, e->page_text[p]);
      g_object_unref (page);
    }
  find_item_pages (e, meeting);
  return e;
}

/* Exports @meeting as @name in the temporary folder, verifying signed approvals
 * against @trust (may be NULL), and reads the PDF back. */
static Exported *
export_and_read (RefMeeting *meeting, RefEdition edition, RefSignatureTrust *trust, const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  RefPdfExportOptions options;

  ref_pdf_export_options_init (&options);
  options.edition = edition;
  options.trust = trust;
  g_assert_true (ref_pdf_export (meeting, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return read_back (path, meeting);
}

/* The number printed at the end of a TOC entry. */
static int
trailing_number (const char *text)
{
  const char *end = text + strlen (text);
  const char *start;

  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  start = end;
  while (start > text && g_ascii_isdigit (start[-1]))
    start--;
  g_assert_true (start < end);
  return atoi (start);
}

static int
dest_page (Exported *e, PopplerDest *dest)
{
  PopplerDest *found;
  int page;

  if (dest->type != POPPLER_DEST_NAMED)
    return dest->page_num;
  found = poppler_document_find_dest (e->doc, dest->named_dest);
  g_assert_nonnull (found);
  page = found->page_num;
  poppler_dest_free (found);
  return page;
}

static guint
item_index_for_dest (Exported *e, RefMeeting *meeting, const char *name)
{
  guint number;

  g_assert_true (g_str_has_prefix (name, "item-"));
  number = (guint) g_ascii_strtoull (name + 5, NULL, 10);
  for (guint i = 0; i < e->n_items; i++)
    if (item_number_at (meeting, i) == number)
      return i;
  g_error ("link to unknown item %s", name);
  return 0;
}

typedef struct {
  double x, y;
  gunichar c;
} PlacedChar;

static int
compare_placed (gconstpointer a, gconstpointer b)
{
  const PlacedChar *pa = a, *pb = b;

  if (fabs (pa->y - pb->y) > 2.0)
    return pa->y < pb->y ? -1 : 1;
  return pa->x < pb->x ? -1 : pa->x > pb->x;
}

/* The text whose glyphs lie in @area, line by line. (poppler_page_get_text_for_area()
 * selects in its reading order, which runs into the page-number column.) */
static char *
text_in_area (PopplerPage *page, const char *text, const PopplerRectangle *area)
{
  PopplerRectangle *rects = NULL;
  guint n_rects = 0, i = 0;
  g_autoptr (GArray) chars = g_array_new (FALSE, FALSE, sizeof (PlacedChar));
  GString *out = g_string_new (NULL);

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (const char *p = text; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      PlacedChar pc = { (rects[i].x1 + rects[i].x2) / 2, (rects[i].y1 + rects[i].y2) / 2, g_utf8_get_char (p) };

      if (!g_unichar_isspace (pc.c) && pc.x >= area->x1 && pc.x <= area->x2 && pc.y >= area->y1 && pc.y <= area->y2)
        g_array_append_val (chars, pc);
    }
  g_free (rects);
  g_array_sort (chars, compare_placed);
  for (guint k = 0; k < chars->len; k++)
    {
      const PlacedChar *pc = &g_array_index (chars, PlacedChar, k);

      if (k > 0 && compare_placed (pc - 1, pc) != 0 && fabs (pc[-1].y - pc->y) > 2.0)
        g_string_append_c (out, '\n');
      else if (k > 0 && pc->x - pc[-1].x > 8.0)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, pc->c);
    }
  return g_string_free (out, FALSE);
}

/* Every TOC entry links to its item, and prints the page that item is on. */
static void
check_toc (Exported *e, RefMeeting *meeting)
{
  guint n_links = 0;
  gboolean *seen = g_new0 (gboolean, e->n_items);

  for (int p = 0; p < e->n_pages; p++)
    {
      PopplerPage *page = poppler_document_get_page (e->doc, p);
      GList *mapping = poppler_page_get_link_mapping (page);

      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerLinkMapping *m = l->data;
          PopplerRectangle area;
          g_autofree char *text = NULL;
          guint index;

          if (m->action->type != POPPLER_ACTION_GOTO_DEST)
            continue;
          g_assert_cmpint (m->action->goto_dest.dest->type, ==, POPPLER_DEST_NAMED);
          index = item_index_for_dest (e, meeting, m->action->goto_dest.dest->named_dest);
          /* link areas are in PDF space (origin bottom left), text areas are not */
          area.x1 = m->area.x1;
          area.x2 = m->area.x2;
          area.y1 = PAGE_HEIGHT - m->area.y2;
          area.y2 = PAGE_HEIGHT - m->area.y1;
          text = text_in_area (page, e->page_text[p], &area);
          g_assert_cmpint (trailing_number (text), ==, e->item_page[index] + 1);
          g_assert_cmpint (dest_page (e, m->action->goto_dest.dest), ==, e->item_page[index] + 1);
          g_assert_false (seen[index]);
          seen[index] = TRUE;
          g_assert_cmpint (p, <, e->item_page[0]); /* the TOC comes before the items */
          n_links++;
        }
      poppler_page_free_link_mapping (mapping);
      g_object_unref (page);
    }
  g_assert_cmpuint (n_links, ==, e->n_items);
  g_free (seen);
}

static void
check_outline (Exported *e, RefMeeting *meeting, RefEdition edition)
{
  PopplerIndexIter *iter = poppler_index_iter_new (e->doc);
  guint i = 0;

  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      g_autoptr (RefAgendaItem) item = NULL;
      g_autofree char *expected = NULL;

      g_assert_cmpuint (i, <, e->n_items);
      item = g_list_model_get_item (ref_meeting_get_items (meeting), i);
      expected = g_strdup_printf ("Punkt %u: %s", ref_agenda_item_get_number (item),
                                  ref_agenda_item_get_printed_title (item, edition));
      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_assert_cmpstr (action->goto_dest.title, ==, expected);
      g_assert_cmpint (dest_page (e, action->goto_dest.dest), ==, e->item_page[i] + 1);
      g_assert_null (poppler_index_iter_get_child (iter));
      poppler_action_free (action);
      i++;
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);
  g_assert_cmpuint (i, ==, e->n_items);
}

static void
check_metadata (Exported *e, RefMeeting *meeting)
{
  g_autofree char *title = poppler_document_get_title (e->doc);
  g_autofree char *author = poppler_document_get_author (e->doc);
  g_autofree char *subject = poppler_document_get_subject (e->doc);
  g_autofree char *keywords = poppler_document_get_keywords (e->doc);
  const char *committee = ref_meeting_get_committee (meeting);

  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, committee));
  g_assert_nonnull (strstr (title, "06-05-2025"));
  g_assert_cmpstr (author, ==, ref_meeting_get_organisation (meeting));
  g_assert_cmpstr (subject, ==, committee);
  g_assert_nonnull (keywords);
  g_assert_nonnull (strstr (keywords, "referat"));
  g_assert_nonnull (strstr (keywords, committee));
  g_assert_cmpint (poppler_document_get_creation_date (e->doc), >, 0);
}

/* A word is found as it is, or broken over lines: "kvalitets-" + "modellen" (a
 * hyphen pango inserted), "IPS-" + "indsatsen" or "og/" + "eller" (broken after
 * punctuation), possibly more than once in a narrow table column. */
static gboolean
word_found (GHashTable *tokens, const char *word)
{
  if (g_hash_table_contains (tokens, word))
    return TRUE;
  for (const char *p = g_utf8_next_char (word); *p; p = g_utf8_next_char (p))
    {
      g_autofree char *prefix = g_strndup (word, p - word);
      gunichar last = g_utf8_get_char (g_utf8_prev_char (p));
      g_autofree char *hyphenated = g_unichar_ispunct (last) ? g_strdup (prefix) : g_strconcat (prefix, "-", NULL);

      if (g_hash_table_contains (tokens, hyphenated) && word_found (tokens, p))
        return TRUE;
    }
  return FALSE;
}

static void
collect_inline_words (const RefTextInline *inl, GPtrArray *words)
{
  g_autofree char *plain = ref_text_inline_to_plain (inl);
  g_autofree char *normal = normalise_text (plain);
  g_auto (GStrv) parts = g_regex_split_simple ("\\s+", normal, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i])
      g_ptr_array_add (words, g_strdup (parts[i]));
}

static void
collect_text_words (RefText *text, GPtrArray *words)
{
  for (guint b = 0; b < ref_text_get_n_blocks (text); b++)
    {
      RefTextBlock *block = ref_text_get_block (text, b);

      if (ref_text_block_get_kind (block) == REF_BLOCK_TABLE)
        {
          for (guint r = 0; r < ref_text_block_get_n_rows (block); r++)
            {
              RefTextRow *row = ref_text_block_get_row (block, r);

              for (guint c = 0; c < ref_text_row_get_n_cells (row); c++)
                collect_inline_words (ref_text_row_get_cell (row, c), words);
            }
        }
      else
        for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
          collect_inline_words (ref_text_block_get_item (block, i), words);
    }
}

static void
collect_item_words (RefAgendaItem *item, GPtrArray *words)
{
  GListModel *sections = ref_agenda_item_get_sections (item);
  GListModel *decisions = ref_agenda_item_get_decisions (item);

  for (guint s = 0; s < g_list_model_get_n_items (sections); s++)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (sections, s);

      if (ref_section_get_text (section) != NULL)
        collect_text_words (ref_section_get_text (section), words);
    }
  for (guint d = 0; d < g_list_model_get_n_items (decisions); d++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (decisions, d);

      if (ref_decision_get_text (decision) != NULL)
        collect_text_words (ref_decision_get_text (decision), words);
    }
}

/* Nothing lost or cut off: every word of every printed item body is in the PDF. */
static void
check_words (Exported *e, RefMeeting *meeting, RefEdition edition)
{
  GListModel *items = ref_meeting_get_items (meeting);
  guint n_checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      if (ref_agenda_item_get_closed (item) && edition == REF_EDITION_PUBLIC)
        continue;
      collect_item_words (item, words);
      for (guint w = 0; w < words->len; w++)
        {
          const char *word = g_ptr_array_index (words, w);

          if (!word_found (e->tokens, word))
            g_error ("%s: item %u: the word “%s” is missing", e->path, ref_agenda_item_get_number (item), word);
          n_checked++;
        }
    }
  g_test_message ("%s: %u words found", e->path, n_checked);
}

static void
check_closed_items (Exported *e, RefMeeting *meeting, RefEdition edition)
{
  GListModel *items = ref_meeting_get_items (meeting);
  g_autoptr (GString) all = g_string_new (NULL);

  for (int p = 0; p < e->n_pages; p++)
    g_string_append (all, e->page_text[p]);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      g_autofree char *marker = g_strdup_printf (REF_TEST_CLOSED_MARKER "%u", ref_agenda_item_get_number (item));
      const char *page = e->page_text[e->item_page[i]];

      if (!ref_agenda_item_get_closed (item))
        continue;
      if (edition == REF_EDITION_PUBLIC)
        {
          g_assert_null (strstr (all->str, REF_TEST_CLOSED_MARKER));
          g_assert_null (strstr (page, "Lukket punkt\n"));
          g_assert_nonnull (strstr (page, ref_agenda_item_get_case_number (item)));
          /* only the heading and the case number */
          g_assert_null (strstr (page, "Indstilling"));
          g_assert_null (strstr (page, "Beslutning"));
        }
      else
        {
          g_assert_nonnull (strstr (all->str, marker));
          g_assert_nonnull (strstr (page, "Lukket punkt"));
        }
    }
}

static void
check_margins (Exported *e)
{
  for (int p = 0; p < e->n_pages; p++)
    {
      PopplerPage *page = poppler_document_get_page (e->doc, p);
      PopplerRectangle *rects = NULL;
      guint n = 0;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat (fabs (width - PAGE_WIDTH), <, 0.5);
      g_assert_cmpfloat (fabs (height - PAGE_HEIGHT), <, 0.5);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
      for (guint i = 0; i < n; i++)
        {
          PopplerRectangle *r = &rects[i];

          if (r->x2 - r->x1 <= 0 && r->y2 - r->y1 <= 0)
            continue;
          if (r->x1 < MARGIN_X - TOLERANCE || r->x2 > PAGE_WIDTH - MARGIN_X + TOLERANCE ||
              r->y1 < MARGIN_Y || r->y2 > PAGE_HEIGHT - MARGIN_Y)
            g_error ("%s: page %d: text at [%.1f %.1f %.1f %.1f] is outside the margins", e->path, p + 1, r->x1, r->y1,
                     r->x2, r->y2);
        }
      g_free (rects);
      g_object_unref (page);
    }
}

static void
check_footers (Exported *e)
{
  g_assert_null (strstr (e->page_text[0], "Side "));
  for (int p = 1; p < e->n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Side %d af %d", p + 1, e->n_pages);

      if (strstr (e->page_text[p], footer) == NULL)
        g_error ("%s: page %d lacks “%s”", e->path, p + 1, footer);
    }
}

static guint
count_ink (const char *png)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  int width, height, stride;
  const guchar *data;
  guint ink = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  g_assert_cmpint (width, >, 200);
  g_assert_cmpint (height, >, width);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 px = row[x];

          if (((px >> 16) & 0xff) < 160 || ((px >> 8) & 0xff) < 160 || (px & 0xff) < 160)
            ink++;
        }
    }
  cairo_surface_destroy (image);
  return ink;
}

/* pdftoppm renders the page, and something is on it. */
static void
check_renders (Exported *e, int page)
{
  g_autofree char *prefix = g_strdup_printf ("%s-page%d", e->path, page);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftoppm", "-r", "40", "-png", "-singlefile", "-f", first, "-l", first, e->path, prefix, NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;
  guint ink;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  ink = count_ink (png);
  if (ink < 150)
    g_error ("%s: page %d looks blank (%u dark pixels)", e->path, page, ink);
  g_unlink (png);
}

static void
check_all (Exported *e, RefMeeting *meeting, RefEdition edition)
{
  check_toc (e, meeting);
  check_outline (e, meeting, edition);
  check_metadata (e, meeting);
  check_words (e, meeting, edition);
  check_closed_items (e, meeting, edition);
  check_margins (e);
  check_footers (e);
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* poppler's get_text() drops the space between a label and a value set apart in
 * their own columns ("MødedatoTirsdag"), so layout checks ignore white space. */
static gboolean
page_has (Exported *e, int page, const char *needle)
{
  g_autofree char *haystack = strip_spaces (e->page_text[page]);
  g_autofree char *wanted = strip_spaces (needle);

  return strstr (haystack, wanted) != NULL;
}

/* On one of the pages of the item at @position. */
static gboolean
item_has (Exported *e, guint position, const char *needle)
{
  int last = position + 1 < e->n_items ? e->item_page[position + 1] : e->n_pages;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *haystack = NULL;
  g_autofree char *wanted = strip_spaces (needle);

  for (int p = e->item_page[position]; p < last; p++)
    g_string_append (text, e->page_text[p]);
  haystack = strip_spaces (text->str);
  return strstr (haystack, wanted) != NULL;
}

static void
test_sample (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  g_autoptr (Exported) e = NULL;

  g_assert_no_error (error);
  e = export_and_read (meeting, REF_EDITION_PUBLIC, NULL, "sample.pdf");
  check_all (e, meeting, REF_EDITION_PUBLIC);

  /* the layout of the published minutes */
  g_assert_true (page_has (e, 0, "Ballerup Kommune REFERAT Socialudvalget d. 06-05-2025 Offentlig udgave"));
  g_assert_true (page_has (e, 0, "Mødedato Tirsdag d. 06. maj 2025 kl. 13:00"));
  g_assert_true (page_has (e, 0, "Mødested Psykiatrisk Center Ballerup"));
  g_assert_true (page_has (e, 0, "Dorte Dahl (centerchef for Omsorg og Sundhedsfremme) (Afbud)"));
  g_assert_true (page_has (e, 1, "Indholdsfortegnelse 1. Besøg og rundvisning på Psykiatrisk Center Ballerup"));
  g_assert_true (page_has (e, e->item_page[0], "Punkt 1: Besøg og rundvisning på Psykiatrisk Center Ballerup 00.05.00-P35-2-24"));
  g_assert_true (page_has (e, e->item_page[0], "Center for Social og Arbejdsmarked indstiller, at 1. Besøg"));
  g_assert_true (page_has (e, e->item_page[0], "Afbud: Dorte Dahl"));
  g_assert_true (item_has (e, 3, "ANBEFALES Endelig tilsynsrapport - Stokholtbuen februar 2025"));
  g_assert_true (item_has (e, 5, "For stemte: 5, Maria Assov (A), Lolan Ottesen (A), Johan Müller (A), Per Mortensen (A), "
                                 "Miasser Hawwa (løsgænger). Imod stemte: 1, Kate Svarrer (løsgænger). "
                                 "Undlod af stemme: 1, André Amingsø (D). Indstillingen blev dermed godkendt."));
  g_assert_true (item_has (e, 5, "Kate Svarrer (løsgænger) ønskede at afgive følgende mindretalsudtalelse:"));
  g_assert_true (page_has (e, e->n_pages - 1, "Godkendelse af referat"));
  g_assert_true (page_has (e, e->n_pages - 1, "Maria Lundahl Assov (A)"));

  for (int p = 1; p <= e->n_pages; p++)
    check_renders (e, p);
}

static void
test_generated (gconstpointer data)
{
  guint n_items = GPOINTER_TO_UINT (data);
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (n_items, 4711 + n_items);
  g_autofree char *public_name = g_strdup_printf ("generated-%u-public.pdf", n_items);
  g_autofree char *internal_name = g_strdup_printf ("generated-%u-internal.pdf", n_items);
  g_autoptr (Exported) pub = NULL;
  g_autoptr (Exported) internal = NULL;
  gint64 start = g_get_monotonic_time ();

  pub = export_and_read (meeting, REF_EDITION_PUBLIC, NULL, public_name);
  g_test_message ("%u items: %d pages, exported and read in %.2f s", n_items, pub->n_pages,
                  (g_get_monotonic_time () - start) / 1e6);
  check_all (pub, meeting, REF_EDITION_PUBLIC);
  check_renders (pub, 1);
  check_renders (pub, 2);
  check_renders (pub, pub->item_page[n_items - 1] + 1);
  check_renders (pub, pub->n_pages);

  /* Large meetings only once: the internal edition's checks are the same code. */
  if (n_items <= 10)
    {
      internal = export_and_read (meeting, REF_EDITION_INTERNAL, NULL, internal_name);
      check_all (internal, meeting, REF_EDITION_INTERNAL);
      g_assert_cmpint (internal->n_pages, >=, pub->n_pages);
    }
}


/* Issue 18: a decision that records an outcome and has no text prints the standard
 * sentence of the outcome; one with text prints its text, whatever the outcome. */
static void
test_outcome_only_decision (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (3, 7);
  g_autoptr (Exported) e = NULL;
  g_autoptr (RefDecision) empty = ref_decision_new ();
  g_autoptr (RefDecision) written = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_from_plain ("Sagen blev drøftet og sendt videre.");
  g_autoptr (RefAgendaItem) first = g_list_model_get_item (ref_meeting_get_items (meeting), 0);
  g_autoptr (RefAgendaItem) second = g_list_model_get_item (ref_meeting_get_items (meeting), 1);

  g_list_store_remove_all (G_LIST_STORE (ref_agenda_item_get_decisions (first)));
  g_list_store_remove_all (G_LIST_STORE (ref_agenda_item_get_decisions (second)));
  ref_decision_set_outcome (empty, REF_DECISION_OUTCOME_POSTPONED);
  ref_agenda_item_add_decision (first, empty);
  ref_decision_set_text (written, text);
  ref_decision_set_outcome (written, REF_DECISION_OUTCOME_FORWARDED);
  ref_agenda_item_add_decision (second, written);

  e = export_and_read (meeting, REF_EDITION_INTERNAL, NULL, "outcome.pdf");
  g_assert_true (item_has (e, 0, "Udsat."));
  g_assert_true (item_has (e, 1, "Sagen blev drøftet og sendt videre."));
  g_assert_false (item_has (e, 1, "Oversendt til videre behandling."));
}

static void
test_agenda (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (3, 99);
  g_autoptr (Exported) e = NULL;

  ref_meeting_set_kind (meeting, REF_MEETING_KIND_AGENDA);
  e = export_and_read (meeting, REF_EDITION_PUBLIC, NULL, "agenda.pdf");
  g_assert_true (page_has (e, 0, "Ballerup Kommune DAGSORDEN Socialudvalget d. 06-05-2025"));
  /* no signature page in an agenda: the last page belongs to the last item */
  g_assert_cmpint (e->item_page[2], <=, e->n_pages - 1);
  g_assert_null (strstr (e->page_text[e->n_pages - 1], "Godkendelse af referat"));
  check_toc (e, meeting);
}

static void
test_approvals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  g_autoptr (RefApproval) approval = ref_approval_new ();
  g_autoptr (GDateTime) time = g_date_time_new_local (2025, 5, 7, 9, 12, 0);
  g_autoptr (RefParticipant) member = g_list_model_get_item (ref_meeting_get_participants (meeting), 0);
  g_autoptr (Exported) e = NULL;
  const char *last;

  ref_approval_set_participant (approval, member);
  ref_approval_set_signer (approval, ref_participant_get_name (member));
  ref_approval_set_time (approval, time);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval);
  e = export_and_read (meeting, REF_EDITION_PUBLIC, NULL, "approved.pdf");
  last = e->page_text[e->n_pages - 1];
  /* A record of an approval without a signature is what anyone could write into the
   * file: it is not the member's approval, and is listed apart, nameless. */
  g_assert_false (page_has (e, e->n_pages - 1, "Maria Lundahl Assov (A) Godkendt"));
  g_assert_true (page_has (e, e->n_pages - 1, "Øvrige godkendelser, som ikke tælles med"));
  g_assert_true (page_has (e, e->n_pages - 1, "Godkendelse uden gyldig signatur"));
  g_assert_nonnull (strstr (last, "Dato og underskrift"));
  g_assert_null (strstr (last, "Referatet er godkendt"));
}

/* Signed approvals: name, time, fingerprint and status on the signature page, and
 * "Godkendt" once every member present approved with a valid signature. */
static void
test_signed_approvals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  g_autofree char *dir = g_build_filename (tmp_dir, "certs", NULL);
  g_autofree char *ca = NULL;
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  GListModel *participants = ref_meeting_get_participants (meeting);
  const char *const *signers = ref_test_member_names;
  g_autoptr (Exported) partly = NULL;
  g_autoptr (Exported) approved = NULL;
  g_autoptr (Exported) untrusted = NULL;
  g_autoptr (Exported) changed = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;
  g_autoptr (RefApproval) first = NULL;
  g_autofree char *row = NULL, *day = NULL, *clock = NULL;
  const char *last;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  ca = ref_test_make_authority (dir, "ca", "Referent Test CA", 5);
  g_assert_true (ref_signature_trust_add_file (trust, ca, &error));
  /* Only the three signers were present among the members. */
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      gboolean signer = g_strv_contains (signers, ref_participant_get_name (p));

      if (ref_participant_get_participant_type (p) == REF_PARTICIPANT_TYPE_MEMBER && !signer)
        ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
    }
  for (guint i = 0; signers[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("m%u", i);
      g_autofree char *p12 = ref_test_make_member (dir, name, signers[i], "ca");
      g_autoptr (RefApproval) approval = ref_signature_sign (meeting, p12, REF_TEST_PASSWORD, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (approval);
      if (i == 1)
        partly = export_and_read (meeting, REF_EDITION_PUBLIC, trust, "partly-signed.pdf");
    }
  /* Two of three: no mark yet, the third member still has a signature line. */
  g_assert_nonnull (partly);
  last = partly->page_text[partly->n_pages - 1];
  g_assert_null (strstr (last, "Referatet er godkendt"));
  g_assert_nonnull (strstr (last, "Dato og underskrift"));

  approved = export_and_read (meeting, REF_EDITION_PUBLIC, trust, "signed.pdf");
  last = approved->page_text[approved->n_pages - 1];
  first = g_list_model_get_item (ref_meeting_get_approvals (meeting), 0);
  check = ref_signature_verify (meeting, first, trust);
  day = g_date_time_format (ref_approval_get_time (first), "%d-%m-%Y");
  clock = g_date_time_format (ref_approval_get_time (first), "%H:%M");
  row = g_strdup_printf ("Maria Lundahl Assov (A) Godkendt med gyldig digital signatur d. %s kl. %s", day, clock);
  g_assert_true (page_has (approved, approved->n_pages - 1, "Godkendt Referatet er godkendt med gyldig digital signatur"));
  g_assert_true (page_has (approved, approved->n_pages - 1, row));
  /* The fingerprint wraps in the status column: page_has ignores white space. */
  g_assert_true (page_has (approved, approved->n_pages - 1, ref_approval_check_get_fingerprint (check)));
  g_assert_nonnull (strstr (last, "Certifikat (SHA-256):"));

  untrusted = export_and_read (meeting, REF_EDITION_PUBLIC, NULL, "signed-untrusted.pdf");
  last = untrusted->page_text[untrusted->n_pages - 1];
  g_assert_null (strstr (last, "Referatet er godkendt"));
  g_assert_nonnull (strstr (last, "ikke er betroet"));

  {
    RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, 4);
    ref_agenda_item_set_title (item, "Skærpet tilsyn (rettet)");
  }
  changed = export_and_read (meeting, REF_EDITION_PUBLIC, trust, "signed-changed.pdf");
  last = changed->page_text[changed->n_pages - 1];
  g_assert_null (strstr (last, "Referatet er godkendt"));
  g_assert_nonnull (strstr (last, "Ugyldig signatur"));
  g_assert_nonnull (strstr (last, "Ændret efter godkendelsen: punkt 4"));
}

/* Issue 13.1: one member's approval copied under every other member's name does not
 * make the page say the minutes are approved, nor name the others. */
static void
test_copied_approvals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  g_autofree char *dir = g_build_filename (tmp_dir, "copies", NULL);
  g_autofree char *ca = NULL;
  g_autofree char *p12 = NULL;
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  GListModel *participants = ref_meeting_get_participants (meeting);
  g_autoptr (RefApproval) original = NULL;
  g_autoptr (Exported) e = NULL;
  const char *last;
  char *signature_pages;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  ca = ref_test_make_authority (dir, "ca", "Referent Test CA", 5);
  g_assert_true (ref_signature_trust_add_file (trust, ca, &error));
  p12 = ref_test_make_member (dir, "maria", "Maria Lundahl Assov", "ca");
  original = ref_signature_sign (meeting, p12, REF_TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autoptr (RefApproval) copy = ref_approval_new ();

      if (!ref_participant_approves_minutes (p))
        continue;
      ref_approval_set_signature (copy, ref_approval_get_signature (original));
      ref_approval_set_time (copy, ref_approval_get_time (original));
      ref_approval_set_participant (copy, p);
      ref_approval_set_signer (copy, ref_participant_get_name (p));
      g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), copy);
    }
  e = export_and_read (meeting, REF_EDITION_PUBLIC, trust, "copied.pdf");
  /* The signature page runs over two pages with the approvals listed apart. */
  signature_pages = g_strconcat (e->page_text[e->n_pages - 2], e->page_text[e->n_pages - 1], NULL);
  g_free (e->page_text[e->n_pages - 1]);
  e->page_text[e->n_pages - 1] = signature_pages;
  last = signature_pages;
  g_assert_null (strstr (last, "Referatet er godkendt"));
  g_assert_true (page_has (e, e->n_pages - 1, "Maria Lundahl Assov (A) Godkendt med gyldig digital signatur"));
  g_assert_false (page_has (e, e->n_pages - 1, "Johan Müller (A) Godkendt"));
  g_assert_true (page_has (e, e->n_pages - 1, "Øvrige godkendelser, som ikke tælles med"));
  g_assert_true (page_has (e, e->n_pages - 1, "Ugyldig signatur"));
}

typedef struct {
  guint calls;
  guint last_pages;
  double last_fraction;
  GThread *thread;
  GCancellable *cancel_after_page;
  gboolean done;
  GMainLoop *loop;
  GError *error;
  gboolean result;
} ProgressLog;

static void
log_progress (guint pages_done, double fraction, gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpfloat (fraction, >=, log->last_fraction);
  g_assert_cmpuint (pages_done, >=, log->last_pages);
  g_assert_true (log->thread == NULL || log->thread == g_thread_self ());
  log->calls++;
  log->last_pages = pages_done;
  log->last_fraction = fraction;
  if (log->cancel_after_page != NULL && pages_done >= 3)
    g_cancellable_cancel (log->cancel_after_page);
}

static void
test_progress (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (10, 7);
  g_autofree char *path = g_build_filename (tmp_dir, "progress.pdf", NULL);
  g_autoptr (GError) error = NULL;
  ProgressLog log = { 0 };
  g_autoptr (Exported) e = NULL;

  g_assert_true (ref_pdf_export (meeting, path, NULL, log_progress, &log, NULL, &error));
  g_assert_no_error (error);
  e = read_back (path, meeting);
  g_assert_cmpuint (log.calls, >, (guint) e->n_pages);
  g_assert_cmpfloat (log.last_fraction, ==, 1.0);
  g_assert_cmpuint (log.last_pages, ==, (guint) e->n_pages);
}

static void
test_cancel (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (10, 8);
  g_autofree char *fresh = g_build_filename (tmp_dir, "cancelled-new.pdf", NULL);
  g_autofree char *existing = g_build_filename (tmp_dir, "cancelled-existing.pdf", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GDir) dir = NULL;
  ProgressLog log = { 0 };
  const char *name;

  log.cancel_after_page = cancellable;
  g_assert_false (ref_pdf_export (meeting, fresh, NULL, log_progress, &log, cancellable, &error));
  g_assert_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, fresh));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (existing, "old contents", -1, NULL));
  g_cancellable_reset (cancellable);
  log = (ProgressLog) { 0 };
  log.cancel_after_page = cancellable;
  g_assert_false (ref_pdf_export (meeting, existing, NULL, log_progress, &log, cancellable, &error));
  g_assert_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents");

  /* no temporary files are left behind */
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (name[0] == '.');
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static gboolean
has_hidden_files (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      return TRUE;
  return FALSE;
}

/* Exports @meeting to @path while files may not grow past @limit bytes (a full disk,
 * as in test-save-crash). */
static gboolean
export_with_size_limit (RefMeeting *meeting, const char *path, rlim_t limit_bytes, GError **error)
{
  struct rlimit old_limit, limit;
  void (*old_handler) (int);
  gboolean exported;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = limit_bytes;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  exported = ref_pdf_export (meeting, path, NULL, NULL, NULL, NULL, error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);
  return exported;
}

/* An export that fails because the disk fills up leaves the PDF that was there byte
 * for byte, with its permissions, and no temporary file: whether the write fails
 * half-way (a 60-item meeting) or only at the end, when the last buffered bytes are
 * flushed (a 4-item PDF of about 120 KB fits the export's buffer; GIO's stream then
 * closed normally and renamed the truncated file over the good one). */
static void
test_failed_export_keeps_old (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "failed", NULL);
  g_autofree char *path = g_build_filename (dir, "referat.pdf", NULL);
  g_autoptr (RefMeeting) small = ref_test_meeting_generate (1, 21);
  g_autoptr (RefMeeting) big = ref_test_meeting_generate (60, 22);
  g_autoptr (RefMeeting) medium = ref_test_meeting_generate (4, 22);
  RefMeeting *failing[] = { big, medium };
  const rlim_t limits[] = { 64 * 1024, 16 * 1024 };
  g_autoptr (GBytes) good = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (ref_pdf_export (small, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  good = read_bytes (path);

  for (guint i = 0; i < G_N_ELEMENTS (failing); i++)
    {
      g_autoptr (GBytes) after = NULL;

      g_assert_false (export_with_size_limit (failing[i], path, limits[i], &error));
      g_assert_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
      after = read_bytes (path);
      g_assert_true (g_bytes_equal (after, good));
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, 0640);
      g_assert_false (has_hidden_files (dir));
    }

  /* A successful export replaces it, keeping the permissions. */
  g_assert_true (ref_pdf_export (big, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_false (has_hidden_files (dir));
}

static int
compare_strings (const char *const *a, const char *const *b)
{
  return strcmp (*a, *b);
}

/* Web and mail links in the text become link annotations; a javascript: or file:
 * address that came with a file (the format takes any URI) is printed as text only. */
static void
test_web_links_only (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "links.pdf", NULL);
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autoptr (GDateTime) start = g_date_time_new_local (2025, 5, 6, 16, 0, 0);
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefText) text = ref_text_new ();
  RefTextInline *line = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));
  g_autoptr (GError) error = NULL;
  g_autoptr (Exported) e = NULL;
  g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);

  ref_meeting_set_committee (meeting, "Socialudvalget");
  ref_meeting_set_start (meeting, start);
  ref_agenda_item_set_number (item, 1);
  ref_agenda_item_set_title (item, "Links");
  ref_meeting_add_item (meeting, item);
  ref_text_inline_append (line, "Se ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (line, "sagen", REF_STYLE_NONE, "https://example.dk/sag");
  ref_text_inline_append (line, ", ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (line, "skriv", REF_STYLE_NONE, "mailto:post@example.dk");
  ref_text_inline_append (line, ", ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (line, "scriptet", REF_STYLE_NONE, "javascript:alert(1)");
  ref_text_inline_append (line, " og ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (line, "filen", REF_STYLE_NONE, "file:///etc/passwd");
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);

  g_assert_true (ref_pdf_export (meeting, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  e = read_back (path, meeting);
  for (int i = 0; i < e->n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (e->doc, i);
      GList *mapping = poppler_page_get_link_mapping (page);

      for (GList *l = mapping; l; l = l->next)
        {
          PopplerLinkMapping *map = l->data;
          if (map->action->type == POPPLER_ACTION_URI)
            g_ptr_array_add (uris, g_strdup (map->action->uri.uri));
          g_assert_cmpint (map->action->type, !=, POPPLER_ACTION_LAUNCH);
        }
      poppler_page_free_link_mapping (mapping);
      g_object_unref (page);
    }
  g_assert_cmpuint (uris->len, ==, 2);
  g_ptr_array_sort (uris, (GCompareFunc) compare_strings);
  g_assert_cmpstr (g_ptr_array_index (uris, 0), ==, "https://example.dk/sag");
  g_assert_cmpstr (g_ptr_array_index (uris, 1), ==, "mailto:post@example.dk");
}

/* Exporting to a symbolic link writes the PDF it points to; the link stays. */
static void
test_export_through_symlink (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "linked", NULL);
  g_autofree char *sub = g_build_filename (dir, "offentlig", NULL);
  g_autofree char *target = g_build_filename (sub, "referat.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "seneste.pdf", NULL);
  g_autofree char *points_to = NULL;
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (2, 23);
  g_autoptr (GError) error = NULL;
  g_autoptr (Exported) e = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "old contents", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0604), ==, 0);
  g_assert_cmpint (symlink ("offentlig/referat.pdf", link), ==, 0);
  g_assert_true (ref_pdf_export (meeting, link, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  points_to = g_file_read_link (link, NULL);
  g_assert_cmpstr (points_to, ==, "offentlig/referat.pdf");
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0604);
  e = read_back (target, meeting);
  g_assert_cmpint (e->n_pages, >, 1);
  g_assert_false (has_hidden_files (sub));
}

/* An export never writes over a file it is made from, whatever name it is given:
 * the same path, a symbolic link or a hard link to it. */
static void
test_export_refuses_source (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "source", NULL);
  g_autofree char *minutes = g_build_filename (dir, "møde.referat", NULL);
  g_autofree char *sym = g_build_filename (dir, "møde.pdf", NULL);
  g_autofree char *hard = g_build_filename (dir, "hård.pdf", NULL);
  g_autofree char *other = g_build_filename (dir, "andet.pdf", NULL);
  g_autoptr (GFile) minutes_file = g_file_new_for_path (minutes);
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (2, 24);
  g_autoptr (GBytes) original = NULL;
  g_autoptr (GError) error = NULL;
  const char *sources[] = { minutes, NULL };
  const char *outputs[] = { minutes, sym, hard };
  RefPdfExportOptions options;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (ref_xml_save_file (meeting, minutes_file, &error));
  g_assert_no_error (error);
  original = read_bytes (minutes);
  g_assert_cmpint (symlink ("møde.referat", sym), ==, 0);
  g_assert_cmpint (link (minutes, hard), ==, 0);

  ref_pdf_export_options_init (&options);
  options.sources = sources;
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autoptr (GBytes) after = NULL;

      g_assert_false (ref_pdf_export (meeting, outputs[i], &options, NULL, NULL, NULL, &error));
      g_assert_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_SAME_FILE);
      g_assert_nonnull (strstr (error->message, outputs[i]));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      after = read_bytes (minutes);
      g_assert_true (g_bytes_equal (after, original));
    }
  g_assert_true (g_file_test (sym, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (has_hidden_files (dir));

  /* Any other name is fine. */
  g_assert_true (ref_pdf_export (meeting, other, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The window exports in the background: the refusal holds there too, with the
 * options' list copied before ref_pdf_export_async() returns. */
static void
same_file_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  g_assert_false (ref_pdf_export_finish (result, error));
}

static void
test_export_async_refuses_source (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "source-async", NULL);
  g_autofree char *minutes = g_build_filename (dir, "møde.referat", NULL);
  g_autoptr (GFile) minutes_file = g_file_new_for_path (minutes);
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (2, 25);
  g_autoptr (GBytes) original = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  char *sources[] = { g_strdup (minutes), NULL };
  RefPdfExportOptions options;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (ref_xml_save_file (meeting, minutes_file, &error));
  original = read_bytes (minutes);
  ref_pdf_export_options_init (&options);
  options.sources = (const char *const *) sources;
  ref_pdf_export_async (meeting, minutes, &options, NULL, NULL, NULL, same_file_done, &error);
  g_clear_pointer (&sources[0], g_free);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_SAME_FILE);
  after = read_bytes (minutes);
  g_assert_true (g_bytes_equal (after, original));
}


static void
test_io_error (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (1, 9);
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-dir", "out.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (ref_pdf_export (meeting, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
}

static void
async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ProgressLog *log = user_data;

  log->result = ref_pdf_export_finish (result, &log->error);
  log->done = TRUE;
  g_main_loop_quit (log->loop);
}

static void
test_async (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (10, 10);
  g_autofree char *path = g_build_filename (tmp_dir, "async.pdf", NULL);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  ProgressLog log = { 0 };
  g_autoptr (Exported) e = NULL;
  RefPdfExportOptions options;

  ref_pdf_export_options_init (&options);
  options.edition = REF_EDITION_INTERNAL;
  log.thread = g_thread_self ();
  log.loop = loop;
  ref_pdf_export_async (meeting, path, &options, log_progress, &log, NULL, async_done, &log);
  /* the export works on a copy: editing the meeting now does not disturb it */
  ref_meeting_set_committee (meeting, "Økonomiudvalget");
  g_main_loop_run (loop);
  g_assert_true (log.done);
  g_assert_no_error (log.error);
  g_assert_true (log.result);
  g_assert_cmpuint (log.calls, >, 0);
  g_assert_cmpfloat (log.last_fraction, ==, 1.0);
  e = read_back (path, meeting);
  g_assert_nonnull (strstr (e->page_text[0], "REFERAT Socialudvalget"));
  g_assert_nonnull (strstr (e->page_text[0], "Intern udgave"));
}

typedef struct {
  RefMeeting *meeting;
  char *path;
  gboolean ok;
} ThreadJob;

static gpointer
export_in_thread (gpointer data)
{
  ThreadJob *job = data;
  g_autoptr (GError) error = NULL;

  job->ok = ref_pdf_export (job->meeting, job->path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

/* Exports share no state: two at once in worker threads give the same pages as
 * one at a time. */
static void
test_threads (void)
{
  ThreadJob jobs[2];
  GThread *threads[2];
  g_autoptr (Exported) serial = NULL;
  g_autoptr (RefMeeting) reference = ref_test_meeting_generate (10, 11);

  serial = export_and_read (reference, REF_EDITION_PUBLIC, NULL, "serial.pdf");
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].meeting = ref_test_meeting_generate (10, 11);
      jobs[i].path = g_strdup_printf ("%s/thread-%u.pdf", tmp_dir, i);
      threads[i] = g_thread_new ("export", export_in_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr (Exported) e = NULL;

      g_thread_join (threads[i]);
      g_assert_true (jobs[i].ok);
      e = read_back (jobs[i].path, jobs[i].meeting);
      g_assert_cmpint (e->n_pages, ==, serial->n_pages);
      for (int p = 0; p < e->n_pages; p++)
        g_assert_cmpstr (e->page_text[p], ==, serial->page_text[p]);
      g_object_unref (jobs[i].meeting);
      g_free (jobs[i].path);
    }
}

static void
test_cli (void)
{
  const char *cli = g_getenv ("REFERENT_CLI");
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *out = g_build_filename (tmp_dir, "cli.pdf", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "no-such-dir", "cli.pdf", NULL);
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (cli == NULL)
    {
      g_test_skip ("REFERENT_CLI is not set");
      return;
    }
  {
    const char *argv[] = { cli, "export", sample, "-o", out, "--edition", "internal", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "pages written"));
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { cli, "export", sample, "-o", bad, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
    g_assert_nonnull (strstr (err, bad));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { cli, "export", sample, "-o", out, "--edition", "secret", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  }
}

/* Reviewer comments are working notes: saved with the minutes, never printed. */
static void
test_comments_not_printed (void)
{
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (NULL);
  RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, 1);
  g_autoptr (RefComment) comment = ref_comment_new ();
  Exported *e;

  ref_comment_set_author (comment, "Kvalitetssikrer");
  ref_comment_set_text (comment, "Zyxwvutsrq skal rettes");
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), comment);
  e = export_and_read (meeting, REF_EDITION_INTERNAL, NULL, "comments.pdf");
  g_assert_false (word_found (e->tokens, "Zyxwvutsrq"));
  g_assert_false (word_found (e->tokens, "Kvalitetssikrer"));
  exported_free (e);
}

/* Runs @argv and returns its standard output; its standard error goes to @err. */
static char *
run_tool (const char *const *argv, char **err)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A Tagged PDF for accessibility (the public sector must publish them): pdfinfo says
 * "Tagged: yes"; the structure tree, as pdfinfo -struct reads it without a warning, has
 * one Document with the headings, paragraphs, lists (with labels and bodies), the
 * table and the links; the catalogue gives the language (da) and asks viewers to show
 * the title, not the file name. */
static void
test_tagged (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  g_autofree char *path = g_build_filename (tmp_dir, "tagged.pdf", NULL);
  RefPdfExportOptions options;
  const char *info_argv[] = { "pdfinfo", path, NULL };
  const char *struct_argv[] = { "pdfinfo", "-struct", path, NULL };
  g_autofree char *info = NULL, *info_err = NULL, *tree = NULL, *tree_err = NULL;
  static const char *const elements[] = { "Document\n", "\n  H1 ",      "\n  H2 ",          "\n  P ",
                                          "\n  L ",      "\n    LI ",    "\n      Lbl ",     "\n      LBody ",
                                          "\n  Table ",  "\n    TR\n",   "\n      TH\n",     "\n      TD\n",
                                          "\n  TOC\n",   "\n    TOCI\n", "\n      Link ",    "\n    Link " };

  g_assert_no_error (error);
  /* A link in a decision's text, to see it in the structure too. */
  {
    RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, 2);
    g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
    g_autoptr (RefText) text = ref_text_new ();
    RefTextInline *inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));

    ref_text_inline_append (inl, "Se ", REF_STYLE_NONE, NULL);
    ref_text_inline_append (inl, "kommunens hjemmeside", REF_STYLE_NONE, "https://ballerup.dk/");
    ref_decision_set_text (decision, text);
  }
  ref_pdf_export_options_init (&options);
  g_assert_true (ref_pdf_export (meeting, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  info = run_tool (info_argv, &info_err);
  g_assert_nonnull (strstr (info, "Tagged:          yes"));
  g_assert_nonnull (strstr (info, "Title:           Referat Socialudvalget d. 06-05-2025"));
  tree = run_tool (struct_argv, &tree_err);
  g_test_message ("pdfinfo -struct: %.200s…", tree);
  g_assert_true (g_str_has_prefix (tree, "Document\n"));
  g_assert_null (strstr (tree, "\nDocument"));
  for (gsize i = 0; i < G_N_ELEMENTS (elements); i++)
    if (strstr (tree, elements[i]) == NULL)
      g_error ("the structure tree has no “%s”", g_strstrip (g_strdup (elements[i])));
  /* Poppler finds nothing wrong with the tree. */
  g_assert_null (strstr (tree_err, "Warning"));

  {
    g_autofree char *bytes = NULL;
    gsize length = 0;
    qpdf_data qpdf = qpdf_init ();
    qpdf_oh root, prefs;

    qpdf_silence_errors (qpdf);
    g_assert_cmpint (qpdf_read (qpdf, path, NULL) & QPDF_ERRORS, ==, 0);
    root = qpdf_get_root (qpdf);
    g_assert_cmpstr (qpdf_oh_get_utf8_value (qpdf, qpdf_oh_get_key (qpdf, root, "/Lang")), ==, "da");
    g_assert_true (qpdf_oh_get_bool_value (qpdf, qpdf_oh_get_key (qpdf, qpdf_oh_get_key (qpdf, root, "/MarkInfo"),
                                                                  "/Marked")));
    prefs = qpdf_oh_get_key (qpdf, root, "/ViewerPreferences");
    g_assert_true (qpdf_oh_get_bool_value (qpdf, qpdf_oh_get_key (qpdf, prefs, "/DisplayDocTitle")));
    g_assert_false (qpdf_has_error (qpdf));
    qpdf_cleanup (&qpdf);
    /* Still readable as before: the text is all there. */
    g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
    g_assert_cmpuint (length, >, 10000);
    /* The tagging is an incremental update appended to what cairo wrote (qpdf's
     * rewrite of the whole file held every object of it in memory: 900 MiB for a
     * 9,000-page export), its trailer pointing at cairo's. */
    g_assert_nonnull (g_strrstr_len (bytes + length - MIN (length, 300), MIN (length, 300), "/Prev "));
  }

  /* A file the update does not read (here: one that already has an update) is
   * rewritten by qpdf instead, to the same result: one Document root. */
  g_assert_true (ref_pdf_mark_tagged (path, "da", &error));
  g_assert_no_error (error);
  {
    g_autofree char *info2 = NULL, *info2_err = NULL, *tree2 = NULL, *tree2_err = NULL;

    info2 = run_tool (info_argv, &info2_err);
    g_assert_nonnull (strstr (info2, "Tagged:          yes"));
    tree2 = run_tool (struct_argv, &tree2_err);
    g_assert_true (g_str_has_prefix (tree2, "Document\n"));
    g_assert_null (strstr (tree2, "\nDocument"));
    g_assert_null (strstr (tree2_err, "Warning"));
  }
  g_unlink (path);
}

/* The resident set in KiB ("VmRSS" or "VmHWM" of /proc/self/status), or -1. */
static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field) + 1, NULL, 10);
}

/* Marking a large export touches only the few objects it changes: the file is not
 * mapped or read whole into memory (a 9,000-page export is about 100 MB). */
static void
test_tagging_memory (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "large-tagged.pdf", NULL);
  const char *struct_argv[] = { "pdfinfo", "-struct", path, NULL };
  g_autofree char *tree = NULL, *tree_err = NULL;
  GError *error = NULL;
  GStatBuf st;
  gint64 before, peak;

  /* Pages of noise (incompressible images) under tagged paragraphs: 32 MB. */
  {
    cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595, 842);
    cairo_t *cr = cairo_create (pdf);
    GRand *rand = g_rand_new_with_seed (17);

    for (int page = 0; page < 10; page++)
      {
        /* A new image each page: cairo keeps the one a page used until the end. */
        cairo_surface_t *noise = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1024, 1024);
        guint32 *pixels;

        cairo_surface_flush (noise);
        pixels = (guint32 *) cairo_image_surface_get_data (noise);
        for (int i = 0; i < 1024 * 1024; i++)
          pixels[i] = g_rand_int (rand) & 0xffffff;
        cairo_surface_mark_dirty (noise);
        for (int p = 0; p < 600; p++)
          {
            cairo_tag_begin (cr, "P", NULL);
            cairo_rectangle (cr, 10, p, 5, 0.5);
            cairo_fill (cr);
            cairo_tag_end (cr, "P");
          }
        cairo_set_source_surface (cr, noise, 20, 20);
        cairo_paint (cr);
        cairo_show_page (cr);
        cairo_surface_destroy (noise);
      }
    cairo_destroy (cr);
    cairo_surface_destroy (pdf);
    g_rand_free (rand);
  }
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 30 * 1000 * 1000);

  /* The peak from here on: writing "5" to clear_refs resets it (Linux 4.0). */
  {
    FILE *clear = fopen ("/proc/self/clear_refs", "w");
    gboolean reset = clear != NULL && fputs ("5", clear) >= 0;

    reset = clear != NULL && fclose (clear) == 0 && reset;
    before = reset ? status_kib ("VmRSS:") : -1;
  }
  if (before < 0)
    {
      g_test_skip ("the peak resident set cannot be reset here");
      return;
    }
  g_assert_true (ref_pdf_mark_tagged (path, "da", &error));
  g_assert_no_error (error);
  peak = status_kib ("VmHWM:");
  g_test_message ("resident set %" G_GINT64_FORMAT " KiB before, peak %" G_GINT64_FORMAT " KiB while marking a "
                  "%" G_GINT64_FORMAT " MB file", before, peak, (gint64) st.st_size / 1000000);
  g_assert_cmpint (peak - before, <, 8 * 1024);

  /* Marked by the update, with the 6,000 paragraphs under one Document element (the
   * StructTreeRoot's /K is read in more than one piece). */
  {
    g_autofree char *bytes = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
    g_assert_nonnull (g_strrstr_len (bytes + length - MIN (length, 300), MIN (length, 300), "/Prev "));
  }
  tree = run_tool (struct_argv, &tree_err);
  g_assert_true (g_str_has_prefix (tree, "Document\n  P"));
  g_assert_null (strstr (tree, "\nDocument"));
  g_assert_null (strstr (tree_err, "Warning"));
  g_unlink (path);
}

/* An export that may consume its meeting (the command line's, the background
 * export's copy) prints the same document and leaves each item only its heading; one
 * that may not leaves the meeting as it was. */
static void
test_release_items (void)
{
  g_autoptr (RefMeeting) kept = ref_test_meeting_generate (40, 11);
  g_autoptr (GBytes) before = ref_xml_write_bytes (kept);
  g_autoptr (RefMeeting) consumed = ref_xml_load_bytes (before, "copy", NULL);
  g_autoptr (GBytes) after = NULL;
  g_autofree char *kept_path = g_build_filename (tmp_dir, "kept.pdf", NULL);
  g_autofree char *consumed_path = g_build_filename (tmp_dir, "consumed.pdf", NULL);
  const char *kept_argv[] = { "pdftotext", "-enc", "UTF-8", kept_path, "-", NULL };
  const char *consumed_argv[] = { "pdftotext", "-enc", "UTF-8", consumed_path, "-", NULL };
  g_autofree char *kept_text = NULL, *consumed_text = NULL, *err1 = NULL, *err2 = NULL;
  GListModel *items;
  RefPdfExportOptions options;
  GError *error = NULL;
  guint n_sections = 0;

  g_assert_nonnull (consumed);
  ref_pdf_export_options_init (&options);
  g_assert_false (options.release_items);
  g_assert_true (ref_pdf_export (kept, kept_path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  options.release_items = TRUE;
  g_assert_true (ref_pdf_export (consumed, consumed_path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  kept_text = run_tool (kept_argv, &err1);
  consumed_text = run_tool (consumed_argv, &err2);
  g_assert_cmpuint (strlen (kept_text), >, 10000);
  g_assert_cmpstr (consumed_text, ==, kept_text);

  after = ref_xml_write_bytes (kept);
  g_assert_true (g_bytes_equal (before, after));
  items = ref_meeting_get_items (consumed);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 40);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      g_autoptr (RefAgendaItem) same = g_list_model_get_item (ref_meeting_get_items (kept), i);

      g_assert_cmpuint (ref_agenda_item_get_number (item), ==, ref_agenda_item_get_number (same));
      g_assert_cmpstr (ref_agenda_item_get_title (item), ==, ref_agenda_item_get_title (same));
      g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_sections (item)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (item)), ==, 0);
      g_assert_null (ref_agenda_item_get_recommendation (item));
      n_sections += g_list_model_get_n_items (ref_agenda_item_get_sections (same));
    }
  g_assert_cmpuint (n_sections, >, 40);
  g_unlink (kept_path);
  g_unlink (consumed_path);
}

/* The body's text of every page, as pdftotext gives it, without the running header
 * and footer, joined without any whitespace. */
static char *
body_text_joined (const char *path)
{
  /* Below the running header's rule (19 mm) and above the footer (282 mm). */
  g_autofree char *y = g_strdup_printf ("%d", (int) (20.0 * MM));
  g_autofree char *w = g_strdup_printf ("%d", (int) PAGE_WIDTH);
  g_autofree char *h = g_strdup_printf ("%d", (int) (260.0 * MM));
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-r", "72", "-x", "0", "-y", y, "-W", w, "-H", h, path, "-",
                         NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  GString *joined;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  joined = g_string_sized_new (strlen (out));
  for (const char *p = out; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (joined, *p);
  return g_string_free (joined, FALSE);
}

/* Issue 13: one unbroken 100 KB word took 41 s to export, growing with the square of
 * its length (pango re-shaped the rest of the word for every line). Words of 100 KB
 * and 1 MB (letters, digits, æøå, as a pasted hash or blob would be) export, and
 * every character of them is in the PDF in order - no hyphen inserted, nothing lost
 * at page breaks - and inside the margins. How the time grows is measured by
 * bench-export, not asserted here. */
static void
test_long_word (gconstpointer data)
{
  gsize length = GPOINTER_TO_SIZE (data);
  static const char *const alphabet[] = { "a", "b", "e", "k", "r", "s", "t", "z", "0", "7", "æ", "ø", "å", "Å" };
  g_autofree char *name = g_strdup_printf ("long-word-%" G_GSIZE_FORMAT ".pdf", length);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (1, 27);
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), 0);
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (GString) word = g_string_sized_new (length + 8);
  g_autoptr (GRand) rand = g_rand_new_with_seed (13);
  g_autofree char *plain = NULL;
  g_autofree char *joined = NULL;
  g_autoptr (RefText) text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (Exported) e = g_new0 (Exported, 1);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  gint64 start;

  while (word->len < length)
    g_string_append (word, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
  plain = g_strdup_printf ("Kontrolsum: %s er noteret.", word->str);
  text = ref_text_new_from_plain (plain);
  ref_decision_set_text (decision, text);
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_decisions (item)), decision);

  start = g_get_monotonic_time ();
  g_assert_true (ref_pdf_export (meeting, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("a word of %" G_GSIZE_FORMAT " bytes exported in %.2f s", word->len,
                  (g_get_monotonic_time () - start) / 1e6);

  joined = body_text_joined (path);
  g_string_prepend (word, "Kontrolsum:");
  g_string_append (word, "ernoteret.");
  g_assert_nonnull (strstr (joined, word->str));

  e->path = g_strdup (path);
  e->doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  e->n_pages = poppler_document_get_n_pages (e->doc);
  check_margins (e);
}

int
main (int argc, char **argv)
{
  int status;

  tmp_dir = ref_test_make_tmp_root ("referent-pdf-export");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-export/sample", test_sample);
  g_test_add_data_func ("/pdf-export/generated/1", GUINT_TO_POINTER (1), test_generated);
  g_test_add_data_func ("/pdf-export/generated/10", GUINT_TO_POINTER (10), test_generated);
  g_test_add_data_func ("/pdf-export/generated/200", GUINT_TO_POINTER (200), test_generated);
  g_test_add_func ("/pdf-export/agenda", test_agenda);
  g_test_add_func ("/pdf-export/outcome-only-decision", test_outcome_only_decision);
  g_test_add_func ("/pdf-export/comments-not-printed", test_comments_not_printed);
  g_test_add_func ("/pdf-export/approvals", test_approvals);
  g_test_add_func ("/pdf-export/signed-approvals", test_signed_approvals);
  g_test_add_func ("/pdf-export/copied-approvals", test_copied_approvals);
  g_test_add_func ("/pdf-export/progress", test_progress);
  g_test_add_func ("/pdf-export/cancel", test_cancel);
  g_test_add_func ("/pdf-export/io-error", test_io_error);
  g_test_add_func ("/pdf-export/failed-export-keeps-old", test_failed_export_keeps_old);
  g_test_add_func ("/pdf-export/through-symlink", test_export_through_symlink);
  g_test_add_func ("/pdf-export/refuses-source", test_export_refuses_source);
  g_test_add_func ("/pdf-export/async-refuses-source", test_export_async_refuses_source);
  g_test_add_data_func ("/pdf-export/long-word/100k", GSIZE_TO_POINTER (100 * 1000), test_long_word);
  g_test_add_data_func ("/pdf-export/long-word/1m", GSIZE_TO_POINTER (1000 * 1000), test_long_word);
  g_test_add_func ("/pdf-export/async", test_async);
  g_test_add_func ("/pdf-export/threads", test_threads);
  g_test_add_func ("/pdf-export/cli", test_cli);
  g_test_add_func ("/pdf-export/tagged", test_tagged);
  g_test_add_func ("/pdf-export/tagging-memory", test_tagging_memory);
  g_test_add_func ("/pdf-export/release-items", test_release_items);
  g_test_add_func ("/pdf-export/web-links-only", test_web_links_only);

  status = ref_test_run_and_clean (tmp_dir);
  g_free (tmp_dir);
  return status;
}
