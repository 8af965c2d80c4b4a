/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-pdf-text.h"

#include <string.h>

/*
 * What a PDF says about its own structure, where its producer wrote it down: the
 * outline (bookmarks: word processors make one entry per heading, case systems one
 * per agenda item) and, in a tagged PDF, the headings of the structure tree. Both
 * are strong signals for where items begin; neither is present in every PDF, so the
 * importer uses them when they are and does without otherwise. The outline is
 * cheap to read and always read; the structure tree's headings are costly (see
 * read_headings) and read only for a document with neither a table of contents nor
 * an outline.
 */

/* Outlines and structure trees of damaged or hostile files can be deep and wide;
 * real ones are a few levels and a few hundred entries. */
#define MAX_DEPTH 8
#define MAX_ENTRIES 5000

static void
outline_entry_free (gpointer data)
{
  RefPdfOutlineEntry *e = data;

  g_free (e->title);
  g_free (e);
}

static void
tagged_heading_free (gpointer data)
{
  RefPdfTaggedHeading *h = data;

  g_free (h->text);
  g_free (h);
}

static char *
clean_title (const char *title)
{
  g_autofree char *valid = g_utf8_make_valid (title ? title : "", -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  /* Bookmark titles carry line breaks and tabs of wrapped headings. */
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
destination_position (PopplerDocument *document, PopplerDest *dest, guint *page, double *y)
{
  PopplerDest *named = NULL;

  *page = G_MAXUINT;
  *y = -1;
  if (dest == NULL)
    return;
  if (dest->type == POPPLER_DEST_NAMED && dest->named_dest != NULL)
    dest = named = poppler_document_find_dest (document, dest->named_dest);
  if (dest != NULL && dest->page_num >= 1 && dest->page_num <= poppler_document_get_n_pages (document))
    {
      g_autoptr (GObject) page_object = G_OBJECT (poppler_document_get_page (document, dest->page_num - 1));
      double width, height;

      *page = (guint) dest->page_num - 1;
      if (page_object != NULL && dest->change_top)
        {
          poppler_page_get_size (POPPLER_PAGE (page_object), &width, &height);
          /* PDF space has its origin at the bottom left. */
          *y = CLAMP (height - dest->top, 0, height);
        }
    }
  if (named != NULL)
    poppler_dest_free (named);
}

static void
read_outline_level (PopplerDocument *document, PopplerIndexIter *iter, guint level, GPtrArray *out,
                    GCancellable *cancellable)
{
  if (level >= MAX_DEPTH)
    return;
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child;

      if (out->len >= MAX_ENTRIES || g_cancellable_is_cancelled (cancellable))
        {
          poppler_action_free (action);
          return;
        }
      if (action != NULL && action->type == POPPLER_ACTION_GOTO_DEST)
        {
          RefPdfOutlineEntry *e = g_new0 (RefPdfOutlineEntry, 1);

          e->title = clean_title (action->goto_dest.title);
          e->level = level;
          destination_position (document, action->goto_dest.dest, &e->page, &e->y);
          if (*e->title != '\0')
            g_ptr_array_add (out, e);
          else
            outline_entry_free (e);
        }
      poppler_action_free (action);
      child = poppler_index_iter_get_child (iter);
      if (child != NULL)
        {
          read_outline_level (document, child, level + 1, out, cancellable);
          poppler_index_iter_free (child);
        }
    }
  while (poppler_index_iter_next (iter));
}

static guint
heading_level (PopplerStructureElementKind kind)
{
  switch (kind)
    {
    case POPPLER_STRUCTURE_ELEMENT_HEADING:
      return 0;
    case POPPLER_STRUCTURE_ELEMENT_HEADING_1:
      return 1;
    case POPPLER_STRUCTURE_ELEMENT_HEADING_2:
      return 2;
    case POPPLER_STRUCTURE_ELEMENT_HEADING_3:
      return 3;
    case POPPLER_STRUCTURE_ELEMENT_HEADING_4:
      return 4;
    case POPPLER_STRUCTURE_ELEMENT_HEADING_5:
      return 5;
    case POPPLER_STRUCTURE_ELEMENT_HEADING_6:
      return 6;
    default:
      return G_MAXUINT;
    }
}

/* A heading element found in the tree, its text not yet read. */
typedef struct {
  PopplerStructureElement *element;
  guint level;
} FoundHeading;

static void
found_heading_clear (gpointer data)
{
  g_clear_object (&((FoundHeading *) data)->element);
}

static void
find_headings (PopplerStructureElementIter *iter, guint depth, GArray *found, guint *visited, GCancellable *cancellable)
{
  if (depth >= 4 * MAX_DEPTH)
    return;
  do
    {
      PopplerStructureElement *element = poppler_structure_element_iter_get_element (iter);
      guint level;

      if (element == NULL)
        continue;
      if (++*visited > 20 * MAX_ENTRIES || found->len >= MAX_ENTRIES || g_cancellable_is_cancelled (cancellable))
        {
          g_object_unref (element);
          return;
        }
      level = heading_level (poppler_structure_element_get_kind (element));
      if (level != G_MAXUINT)
        {
          FoundHeading h = { g_steal_pointer (&element), level };
          g_array_append_val (found, h);
          continue;
        }
      if (!poppler_structure_element_is_content (element))
        {
          PopplerStructureElementIter *child = poppler_structure_element_iter_get_child (iter);
          if (child != NULL)
            {
              find_headings (child, depth + 1, found, visited, cancellable);
              poppler_structure_element_iter_free (child);
            }
        }
      g_object_unref (element);
    }
  while (poppler_structure_element_iter_next (iter));
}

/* The headings of the structure tree with their texts. Poppler finds an element's
 * text by running through its page's whole content once per piece of content
 * (about a millisecond for a page of minutes), so a tagged PDF with a heading for
 * every caption would cost far more than reading its text. The levels are read
 * from the top down (H, H1, H2 …) as long as a level's headings fit into a budget
 * of two a page (at least eight): the upper levels, the items, are what the
 * structure tells best; captions below them the typography and the vocabulary
 * tell as well. */
static void
read_headings (GArray *found, guint n_pages, GPtrArray *out, GCancellable *cancellable)
{
  guint budget = MAX (8, 2 * n_pages), deepest = 0, taken = 0;

  for (guint level = 0; level <= 6; level++)
    {
      guint n = 0;
      for (guint i = 0; i < found->len; i++)
        n += g_array_index (found, FoundHeading, i).level == level;
      if (taken + n > budget)
        break;
      taken += n;
      deepest = level;
    }
  for (guint i = 0; i < found->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      FoundHeading *h = &g_array_index (found, FoundHeading, i);
      g_autofree char *text = NULL, *title = NULL;

      if (h->level > deepest)
        continue;
      text = poppler_structure_element_get_text (h->element, POPPLER_STRUCTURE_GET_TEXT_RECURSIVE);
      title = clean_title (text);
      if (*title != '\0')
        {
          RefPdfTaggedHeading *heading = g_new0 (RefPdfTaggedHeading, 1);
          heading->level = h->level;
          heading->text = g_steal_pointer (&title);
          g_ptr_array_add (out, heading);
        }
    }
}

void
ref_pdf_read_structure (PopplerDocument *document, RefPdfText *text, GCancellable *cancellable)
{
  PopplerIndexIter *index = poppler_index_iter_new (document);

  text->outline = g_ptr_array_new_with_free_func (outline_entry_free);
  text->tagged_headings = g_ptr_array_new_with_free_func (tagged_heading_free);
  if (index != NULL)
    {
      read_outline_level (document, index, 0, text->outline, cancellable);
      poppler_index_iter_free (index);
    }
}

void
ref_pdf_read_tagged_headings (PopplerDocument *document, RefPdfText *text, GCancellable *cancellable)
{
  PopplerStructureElementIter *tree = poppler_structure_element_iter_new (document);
  g_autoptr (GArray) found = g_array_new (FALSE, TRUE, sizeof (FoundHeading));
  guint visited = 0;

  if (tree == NULL)
    return;
  g_array_set_clear_func (found, found_heading_clear);
  find_headings (tree, 0, found, &visited, cancellable);
  read_headings (found, poppler_document_get_n_pages (document), text->tagged_headings, cancellable);
  poppler_structure_element_iter_free (tree);
}
