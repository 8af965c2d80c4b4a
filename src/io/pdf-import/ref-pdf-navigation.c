/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ref-pdf-import-private.h"

/*
 * The document's own list of its items, the strongest signal of where items begin
 * after the outline: the table of contents names every item (and says which are on
 * the closed part of the agenda); each title is then looked for in the body. A
 * document without a table of contents may have an outline (bookmarks) instead,
 * which also says on which page each entry starts.
 */

/* The table of contents stands in the front matter. */
#define TOC_MAX_PAGES 5

void
nav_entry_clear (gpointer data)
{
  g_free (((NavEntry *) data)->title);
}

/* "Title ......... 12", "Punkt 3: Title ..... 4", "82\tTitle\t3", "Title\t12",
 * "2.1 Sagsfremstilling ..... 3" (a sub-entry). */
static void
parse_toc_line (const char *text, guint *number, gboolean *sub, char **title, gboolean *complete)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *body = NULL;

  *number = 0;
  *sub = FALSE;
  *complete = FALSE;
  if (ref_pdf_vocab_match (REF_VOCAB_TOC_TRAILING_PAGE, text, &m))
    {
      body = g_match_info_fetch_named (m, "body");
      *complete = TRUE;
    }
  else
    body = g_strdup (text);
  g_clear_pointer (&m, g_match_info_free);
  if (ref_pdf_vocab_match (REF_VOCAB_TOC_LEADING_NUMBER, body, &m))
    {
      g_autofree char *n = g_match_info_fetch_named (m, "number");
      g_autofree char *s = g_match_info_fetch_named (m, "sub");
      g_autofree char *rest = g_match_info_fetch_named (m, "title");

      *number = ref_pdf_parse_number (n, 9999);
      *sub = s != NULL && *s != '\0';
      g_free (body);
      body = g_steal_pointer (&rest);
    }
  g_strdelimit (body, "\t", ' ');
  *title = g_strstrip (g_steal_pointer (&body));
}

static gboolean
is_toc_entry_line (Line *line)
{
  return line->role == ROLE_BODY && ref_pdf_vocab_match (REF_VOCAB_TOC_TRAILING_PAGE, line->pdf->text, NULL)
         && (strchr (line->pdf->text, '\t') || strstr (line->pdf->text, "...") || strstr (line->pdf->text, "…"));
}

/* The heading of a table of contents that the vocabulary does not know ("Oversigt
 * over punkter"): the line right above its first entry, on the same page, set as a
 * heading and short. It is no part of the meeting's header. */
static void
mark_toc_heading (Importer *imp, guint first_entry)
{
  Line *entry = importer_line (imp, first_entry);
  Line *above;

  if (first_entry == 0)
    return;
  above = importer_line (imp, first_entry - 1);
  if (above->role == ROLE_BODY && above->pdf->page == entry->pdf->page && g_utf8_strlen (above->pdf->text, -1) <= 60
      && above->pdf->cells->len == 1 && (above->pdf->bold || above->pdf->size > entry->pdf->size + 1)
      && !ref_pdf_vocab_match (REF_VOCAB_TOC_PART, above->pdf->text, NULL))
    above->role = ROLE_TOC;
}

/* Where the table of contents starts: its heading, or else the first run of lines
 * ending in page numbers behind leaders or tabs. G_MAXUINT when there is none. */
static guint
find_toc_start (Importer *imp, guint limit)
{
  for (guint i = 0; i < limit; i++)
    {
      Line *line = importer_line (imp, i);
      guint entries = 0;

      if (line->role != ROLE_BODY || !ref_pdf_vocab_match (REF_VOCAB_TOC_HEADING, line->pdf->text, NULL))
        continue;
      /* A heading with entries under it ("Indhold" is also a caption in items). */
      for (guint j = i + 1; j < limit && j <= i + 4; j++)
        entries += is_toc_entry_line (importer_line (imp, j));
      if (entries > 0)
        return i;
    }
  for (guint i = 0; i + 1 < limit; i++)
    {
      guint run = 0;
      for (guint j = i; j < limit && j < i + 4; j++)
        run += is_toc_entry_line (importer_line (imp, j));
      if (is_toc_entry_line (importer_line (imp, i)) && run >= 2)
        {
          mark_toc_heading (imp, i);
          return i;
        }
    }
  return G_MAXUINT;
}

static void
add_entry (Importer *imp, guint number, char *title, gboolean closed, guint level)
{
  NavEntry e = { number, title, closed, level, G_MAXUINT, -1, G_MAXUINT };

  g_array_append_val (imp->nav, e);
}

static void
read_toc (Importer *imp, guint start, guint limit)
{
  gboolean closed_part = FALSE;
  GString *pending = NULL;
  guint pending_lines = 0;
  double entry_x = -1;

  for (guint i = start; i < limit; i++)
    {
      Line *line = importer_line (imp, i);
      guint number;
      gboolean sub, complete;
      g_autofree char *title = NULL;

      if (line->role == ROLE_FURNITURE)
        continue;
      if (line->role != ROLE_BODY)
        break;
      if (i == start && ref_pdf_vocab_match (REF_VOCAB_TOC_HEADING, line->pdf->text, NULL))
        {
          line->role = ROLE_TOC;
          continue;
        }
      if (ref_pdf_vocab_match (REF_VOCAB_TOC_COLUMNS, line->pdf->text, NULL))
        {
          line->role = ROLE_TOC;
          continue;
        }
      if (ref_pdf_vocab_match (REF_VOCAB_TOC_PART, line->pdf->text, NULL) && !is_toc_entry_line (line))
        {
          closed_part = ref_pdf_vocab_match (REF_VOCAB_TOC_CLOSED_PART, line->pdf->text, NULL);
          line->role = ROLE_TOC;
          continue;
        }
      /* The table ends at the first line that is neither an entry nor the start of
       * one wrapped onto the next line(s). */
      if (!is_toc_entry_line (line))
        {
          gboolean continues = FALSE;
          for (guint j = i + 1; j < limit && j <= i + 2; j++)
            if (is_toc_entry_line (importer_line (imp, j)))
              {
                continues = TRUE;
                break;
              }
          if (!continues || pending_lines >= 2)
            break;
        }
      line->role = ROLE_TOC;
      parse_toc_line (line->pdf->text, &number, &sub, &title, &complete);
      if (pending != NULL)
        {
          g_string_append_c (pending, ' ');
          g_string_append (pending, title);
          g_free (title);
          title = g_string_free (g_steal_pointer (&pending), FALSE);
        }
      if (!complete)
        {
          pending = g_string_new (title);
          pending_lines++;
          continue;
        }
      pending_lines = 0;
      if (entry_x < 0 && !sub)
        entry_x = line->pdf->x0;
      /* A sub-entry: numbered "2.1", or indented under the items' entries. */
      add_entry (imp, number, g_steal_pointer (&title), closed_part,
                 sub || (entry_x >= 0 && line->pdf->x0 > entry_x + 8 && number == 0) ? 1 : 0);
    }
  if (pending)
    g_string_free (pending, TRUE);
}

/* An outline entry's title as an item: "Pkt. 42 Godkendelse af dagsorden" → 42 and
 * the title; NULL when it is not an item's. */
static char *
outline_item_title (const char *title, guint *number)
{
  static const RefVocabPattern forms[] = { REF_VOCAB_ITEM_PREFIXED, REF_VOCAB_ITEM_NUMBERED, REF_VOCAB_ITEM_BARE_NUMBER };

  *number = 0;
  if (ref_pdf_vocab_match (REF_VOCAB_SUB_NUMBER, title, NULL))
    return NULL;
  for (gsize f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      if (ref_pdf_vocab_match (forms[f], title, &m))
        {
          g_autofree char *n = g_match_info_fetch_named (m, "number");
          char *rest = ref_pdf_vocab_group (m, "title");

          *number = ref_pdf_parse_number (n, 9999);
          if (*number == 0 || rest == NULL)
            {
              g_free (rest);
              return NULL;
            }
          return rest;
        }
    }
  return NULL;
}

/* The outline as the list of items: the level whose entries are numbered like
 * items (word processors: one entry per heading, items at the top). */
static void
read_outline (Importer *imp)
{
  GPtrArray *outline = imp->text->outline;
  guint best_level = 0, best = 0;

  for (guint level = 0; level < 4; level++)
    {
      guint numbered = 0;
      for (guint i = 0; i < outline->len; i++)
        {
          RefPdfOutlineEntry *e = g_ptr_array_index (outline, i);
          guint number;
          g_autofree char *title = NULL;
          if (e->level == level && (title = outline_item_title (e->title, &number)) != NULL)
            numbered++;
        }
      if (numbered > best)
        {
          best = numbered;
          best_level = level;
        }
    }
  if (best < 2)
    return;
  for (guint i = 0; i < outline->len; i++)
    {
      RefPdfOutlineEntry *e = g_ptr_array_index (outline, i);
      guint number;
      char *title;

      if (e->level != best_level || (title = outline_item_title (e->title, &number)) == NULL)
        continue;
      add_entry (imp, number, title, FALSE, 0);
      g_array_index (imp->nav, NavEntry, imp->nav->len - 1).page = e->page;
      g_array_index (imp->nav, NavEntry, imp->nav->len - 1).y = e->y;
    }
  imp->nav_is_outline = TRUE;
}

void
ref_pdf_read_navigation (Importer *imp, guint first_item)
{
  guint limit = MIN (first_item, imp->lines->len);
  guint start;

  /* The front matter: the first pages, before the first item. */
  for (guint i = 0; i < limit; i++)
    if (importer_line (imp, i)->pdf->page >= TOC_MAX_PAGES)
      {
        limit = i;
        break;
      }
  start = find_toc_start (imp, limit);
  if (start != G_MAXUINT)
    read_toc (imp, start, limit);
  for (guint i = 0; i < imp->nav->len; i++)
    if (g_array_index (imp->nav, NavEntry, i).level == 0)
      return;
  g_array_set_size (imp->nav, 0);
  read_outline (imp);
}

/* @text without an item number in front: "Punkt 4: Title", "82. Title", "1\tTitle",
 * "Pkt. 42 Title" → "Title" (and the number); "Sag nr. 49" → "" */
static char *
strip_item_number (const char *text, guint *number)
{
  static const RefVocabPattern forms[] = { REF_VOCAB_ITEM_PREFIXED, REF_VOCAB_ITEM_NUMBER_CELL, REF_VOCAB_ITEM_NUMBERED,
                                           REF_VOCAB_ITEM_BARE_NUMBER };

  *number = 0;
  for (gsize f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      if (ref_pdf_vocab_match (forms[f], text, &m))
        {
          g_autofree char *n = g_match_info_fetch_named (m, "number");
          char *rest = g_match_info_fetch_named (m, "title");
          *number = ref_pdf_parse_number (n, 9999);
          return rest;
        }
    }
  return g_strdup (text);
}

static gboolean
is_heading_typography (Importer *imp, Line *line)
{
  return line->pdf->bold || line->pdf->size >= imp->body_size * 1.08 || line->tag_level > 0;
}

/* A line's key for finding titles, and the item number in front of it; computed
 * once per line, since every entry of the list looks through the same lines. */
typedef struct {
  char *key;
  guint number;
} LineKey;

static LineKey *
line_key (Importer *imp, LineKey *keys, guint index)
{
  LineKey *k = &keys[index];

  if (k->key == NULL)
    {
      g_autofree char *rest = strip_item_number (importer_line (imp, index)->pdf->text, &k->number);
      k->key = ref_pdf_match_key (rest);
    }
  return k;
}

/* Whether line @index shows the heading of @e. */
static gboolean
line_shows_entry (Importer *imp, LineKey *keys, guint index, NavEntry *e, const char *title_key, gboolean prefix_only)
{
  Line *line = importer_line (imp, index);
  const char *key;
  LineKey *k;
  gboolean complete;

  if (line->role != ROLE_BODY || strlen (line->pdf->text) > 400)
    return FALSE;
  if (e->page != G_MAXUINT && line->pdf->page != e->page)
    return FALSE;
  k = line_key (imp, keys, index);
  if (k->number != 0 && e->number != 0 && k->number != e->number)
    return FALSE;
  key = k->key;
  if (!ref_pdf_title_matches (key, title_key, &complete))
    {
      /* A truncated title in the table of contents ("… vedrørende gravide med"). */
      return prefix_only && g_str_has_prefix (key, title_key) && strlen (title_key) >= 20;
    }
  /* A title that runs on under the heading must be set like a heading. */
  return complete || is_heading_typography (imp, line);
}

void
ref_pdf_locate_navigation (Importer *imp, guint from)
{
  guint cursor = from;
  g_autofree LineKey *keys = NULL;

  if (imp->nav->len == 0)
    return;
  keys = g_new0 (LineKey, imp->lines->len);

  for (guint n = 0; n < imp->nav->len; n++)
    {
      NavEntry *e = &g_array_index (imp->nav, NavEntry, n);
      g_autofree char *title_key = ref_pdf_match_key (e->title);
      gboolean truncated = g_str_has_suffix (e->title, "…") || g_str_has_suffix (e->title, "...");

      if (e->level != 0 || *title_key == '\0')
        continue;
      /* Lines set as headings first; then any line, in order. */
      for (int pass = 0; pass < 2 && e->line == G_MAXUINT; pass++)
        for (guint i = cursor; i < imp->lines->len; i++)
          {
            Line *line = importer_line (imp, i);

            if (pass == 0 && !is_heading_typography (imp, line))
              continue;
            if (line_shows_entry (imp, keys, i, e, title_key, truncated))
              {
                e->line = i;
                break;
              }
          }
      if (e->line != G_MAXUINT)
        cursor = e->line + 1;
    }
  for (guint i = 0; i < imp->lines->len; i++)
    g_free (keys[i].key);
}
