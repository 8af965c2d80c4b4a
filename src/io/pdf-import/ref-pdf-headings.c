/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ref-pdf-import-private.h"

/*
 * Where the agenda items begin. Candidates are lines numbered like item headings in
 * any of the forms municipalities use ("Punkt 4: …", "Pkt. 42 …", "Sag nr. 49"
 * over the title, "82. …", "1\tTitle" with a hanging indent, "5 Title"). All the
 * headings of one document are set alike, so candidates are grouped by form and
 * typography; the group whose numbers increase, that is set as headings and that
 * agrees with the document's own list of items (table of contents or outline)
 * wins. Entries of that list found in the body add the headings the numbering
 * missed; closed items listed only in the table of contents become items without
 * a body.
 */

typedef enum {
  FORM_PREFIXED,
  FORM_NUMBER_CELL,
  FORM_NUMBERED,
  FORM_BARE,
  FORM_LONE, /* the number alone on its line, set as a heading; the title below */
} Form;

typedef struct {
  guint line;
  guint number;
  char *title; /* "" when the title stands on the following line(s) */
  Form form;
  gboolean strong; /* set as a heading: bold, larger than the body, or tagged */
  gboolean closed_marker;
  guint nav;       /* the navigation entry it agrees with, G_MAXUINT if none */
} Candidate;

void
item_heading_clear (gpointer data)
{
  ItemHeading *h = data;

  g_free (h->title);
  g_free (h->case_number);
}

static void
candidate_clear (gpointer data)
{
  g_free (((Candidate *) data)->title);
}

static gboolean
is_heading_typography (Importer *imp, Line *line)
{
  return line->pdf->bold || line->pdf->size >= imp->body_size * 1.08 || line->tag_level > 0;
}

/* The line's text without an "Åbent punkt" / "Lukket punkt" cell at its end. */
static char *
text_without_marker (Line *line, gboolean *closed)
{
  const char *tab = strrchr (line->pdf->text, '\t');

  *closed = FALSE;
  if (tab != NULL)
    {
      if (ref_pdf_vocab_match (REF_VOCAB_CLOSED_MARKER, tab + 1, NULL))
        {
          *closed = TRUE;
          return g_strndup (line->pdf->text, tab - line->pdf->text);
        }
      if (ref_pdf_vocab_match (REF_VOCAB_OPEN_MARKER, tab + 1, NULL))
        return g_strndup (line->pdf->text, tab - line->pdf->text);
    }
  return g_strdup (line->pdf->text);
}

/* Every form of item heading carries its number near the line's start. */
static gboolean
has_early_digit (const char *text)
{
  for (guint i = 0; text[i] && i < 24; i++)
    if (g_ascii_isdigit (text[i]))
      return TRUE;
  return FALSE;
}

static gboolean
lone_number_heads_title (Importer *imp, guint index)
{
  Line *line = importer_line (imp, index);
  Line *next = index + 1 < imp->lines->len ? importer_line (imp, index + 1) : NULL;

  return is_heading_typography (imp, line) && next != NULL && next->role == ROLE_BODY && next->pdf->page == line->pdf->page
         && next->pdf->y0 - line->pdf->y1 < 1.5 * MAX (line->pdf->size, next->pdf->size) && is_heading_typography (imp, next)
         && g_unichar_isupper (g_utf8_get_char (next->pdf->text));
}

static gboolean
candidate_from_line (Importer *imp, guint index, Candidate *c)
{
  static const struct {
    RefVocabPattern pattern;
    Form form;
  } forms[] = {
    { REF_VOCAB_ITEM_PREFIXED, FORM_PREFIXED },
    { REF_VOCAB_ITEM_NUMBER_CELL, FORM_NUMBER_CELL },
    { REF_VOCAB_ITEM_NUMBERED, FORM_NUMBERED },
    { REF_VOCAB_ITEM_BARE_NUMBER, FORM_BARE },
    { REF_VOCAB_ITEM_LONE_NUMBER, FORM_LONE },
  };
  Line *line = importer_line (imp, index);
  g_autofree char *text = NULL;
  const char *tab;

  memset (c, 0, sizeof *c);
  if (line->role != ROLE_BODY || g_utf8_strlen (line->pdf->text, -1) > 300 || !has_early_digit (line->pdf->text))
    return FALSE;
  text = text_without_marker (line, &c->closed_marker);
  tab = strchr (text, '\t');
  /* At most the number's own cell: other tabbed lines are table rows. */
  if (tab != NULL && strchr (tab + 1, '\t') != NULL)
    return FALSE;
  for (gsize f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      g_autofree char *n = NULL, *title = NULL;

      /* Number and title in cells of their own, or "Punkt 1:\tTitle". */
      if (tab != NULL && forms[f].form != FORM_NUMBER_CELL && forms[f].form != FORM_PREFIXED)
        continue;
      if (!ref_pdf_vocab_match (forms[f].pattern, text, &m))
        continue;
      n = g_match_info_fetch_named (m, "number");
      title = ref_pdf_vocab_group (m, "title");
      c->number = ref_pdf_parse_number (n, 9999);
      if (c->number == 0)
        return FALSE;
      /* "1. januar 2025 …" is a date. */
      if (title != NULL && ref_pdf_vocab_match (REF_VOCAB_MONTH_START, title, NULL))
        return FALSE;
      if (title == NULL && forms[f].form != FORM_PREFIXED && forms[f].form != FORM_LONE)
        return FALSE;
      /* A number alone is an item's only when set as a heading and followed by a
       * title set as one. */
      if (forms[f].form == FORM_LONE && !lone_number_heads_title (imp, index))
        return FALSE;
      c->line = index;
      c->form = forms[f].form;
      c->title = title ? g_steal_pointer (&title) : g_strdup ("");
      g_strdelimit (c->title, "\t", ' ');
      c->strong = is_heading_typography (imp, line);
      c->nav = G_MAXUINT;
      return TRUE;
    }
  return FALSE;
}

/* The navigation entry that @c agrees with: the same line, or the same number and
 * title. */
static guint
agreeing_entry (Importer *imp, Candidate *c)
{
  g_autofree char *key = ref_pdf_match_key (c->title);

  for (guint n = 0; n < imp->nav->len; n++)
    {
      NavEntry *e = &g_array_index (imp->nav, NavEntry, n);
      g_autofree char *title_key = NULL;
      gboolean complete;

      if (e->level != 0)
        continue;
      if (e->line == c->line)
        return n;
      if (e->number == 0 || e->number != c->number)
        continue;
      title_key = ref_pdf_match_key (e->title);
      if (*key == '\0' || ref_pdf_title_matches (key, title_key, &complete) || g_str_has_prefix (key, title_key))
        return n;
    }
  return G_MAXUINT;
}

static char *
family_key (Importer *imp, Candidate *c)
{
  Line *line = importer_line (imp, c->line);

  return g_strdup_printf ("%d:%ld:%d:%ld", c->form, lround (line->pdf->size * 2), line->pdf->bold,
                          lround (line->pdf->x0 / 6));
}

/* The family's members whose numbers increase through the document. */
static GArray *
increasing (GArray *members)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (guint));
  guint last = 0;

  for (guint i = 0; i < members->len; i++)
    {
      Candidate *c = g_array_index (members, Candidate *, i);
      if (c->number <= last)
        continue;
      g_array_append_val (kept, i);
      last = c->number;
    }
  return kept;
}

typedef struct {
  GArray *members; /* Candidate* */
  double score;
} Family;

static void
family_free (gpointer data)
{
  Family *f = data;

  g_array_unref (f->members);
  g_free (f);
}

/* The best family of candidates, as the lines of its members (in order). */
static GArray *
best_family (Importer *imp, GArray *candidates)
{
  g_autoptr (GHashTable) families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, family_free);
  GHashTableIter iter;
  gpointer value;
  Family *best = NULL;
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      g_autofree char *key = family_key (imp, c);
      Family *f = g_hash_table_lookup (families, key);

      if (f == NULL)
        {
          f = g_new0 (Family, 1);
          f->members = g_array_new (FALSE, FALSE, sizeof (Candidate *));
          g_hash_table_insert (families, g_steal_pointer (&key), f);
        }
      g_array_append_val (f->members, c);
    }

  g_hash_table_iter_init (&iter, families);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Family *f = value;
      g_autoptr (GArray) kept = increasing (f->members);
      guint strong = 0, agree = 0;
      Form form = g_array_index (f->members, Candidate *, 0)->form;
      GArray *members = g_array_new (FALSE, FALSE, sizeof (Candidate *));

      for (guint k = 0; k < kept->len; k++)
        {
          Candidate *c = g_array_index (f->members, Candidate *, g_array_index (kept, guint, k));
          strong += c->strong;
          agree += c->nav != G_MAXUINT;
          g_array_append_val (members, c);
        }
      g_array_unref (f->members);
      f->members = members;
      /* Numbered lines in body type are lists, unless the document's own list of
       * items names them or they say "Punkt". */
      if (2 * strong < members->len && agree == 0 && !(form == FORM_PREFIXED && members->len >= 2))
        continue;
      f->score = members->len + 2.0 * strong + 3.0 * agree;
      if (best == NULL || f->score > best->score
          || (f->score == best->score
              && g_array_index (f->members, Candidate *, 0)->line < g_array_index (best->members, Candidate *, 0)->line))
        best = f;
    }
  for (guint k = 0; best != NULL && k < best->members->len; k++)
    g_array_append_val (lines, g_array_index (best->members, Candidate *, k)->line);
  return lines;
}

static gboolean
same_page_near (Line *a, Line *b, double factor)
{
  return a->pdf->page == b->pdf->page && b->pdf->y0 - a->pdf->y1 < factor * MAX (a->pdf->size, b->pdf->size);
}

static gboolean
is_candidate_line (Importer *imp, guint index)
{
  Candidate c;
  gboolean is = candidate_from_line (imp, index, &c);

  candidate_clear (&c);
  return is;
}

static gboolean
is_case_number (const char *text)
{
  g_autofree char *value = ref_pdf_case_number (text, NULL);

  return value != NULL;
}

/* Metadata under the title: case numbers ("Sagsnr.: 20/1234", "Sags ID: …", a bare
 * KLE number) and open/closed markers, one per line or together. */
static gboolean
read_metadata_line (Importer *imp, ItemHeading *h, Line *line)
{
  g_autofree char *rest = NULL;
  g_autofree char *value = NULL;

  if (line->role != ROLE_BODY)
    return FALSE;
  if (ref_pdf_vocab_match (REF_VOCAB_OPEN_MARKER, line->pdf->text, NULL))
    return TRUE;
  if (ref_pdf_vocab_match (REF_VOCAB_CLOSED_MARKER, line->pdf->text, NULL))
    {
      h->closed = TRUE;
      return TRUE;
    }
  value = ref_pdf_case_number (line->pdf->text, &rest);
  if (value == NULL || h->case_number != NULL)
    return FALSE;
  h->case_number = g_steal_pointer (&value);
  if (rest != NULL && ref_pdf_vocab_match (REF_VOCAB_CLOSED_MARKER, rest, NULL))
    h->closed = TRUE;
  (void) imp;
  return TRUE;
}

/* The heading's extent: its title (wrapped, or on the lines under "Sag nr. 49"),
 * and the case number and markers around it. */
static void
read_heading (Importer *imp, ItemHeading *h, Candidate *c, NavEntry *nav, guint prev_end)
{
  Line *line = importer_line (imp, h->line);
  Line *title_line = line;
  GString *full = g_string_new (c->title);
  g_autofree char *nav_key = nav ? ref_pdf_match_key (nav->title) : NULL;
  guint j = h->line + 1;

  h->case_line = G_MAXUINT;
  /* "Sag nr. 49" over the title: the title is the next line(s), set as a heading. */
  if (full->len == 0 && j < imp->lines->len)
    {
      Line *next = importer_line (imp, j);
      if (next->role == ROLE_BODY && same_page_near (line, next, 1.5) && is_heading_typography (imp, next)
          && !is_candidate_line (imp, j) && !is_case_number (next->pdf->text))
        {
          g_string_assign (full, next->pdf->text);
          title_line = next;
          j++;
        }
    }
  /* A long title wraps onto following lines set the same way. */
  for (; j < imp->lines->len; j++)
    {
      Line *next = importer_line (imp, j);
      g_autofree char *key = NULL;
      gboolean complete;

      if (nav_key != NULL)
        {
          key = ref_pdf_match_key (full->str);
          if (ref_pdf_title_matches (key, nav_key, &complete) && complete)
            break;
        }
      if (next->role != ROLE_BODY || next->pdf->bold != title_line->pdf->bold
          || fabs (next->pdf->size - title_line->pdf->size) > 0.4 || !same_page_near (importer_line (imp, j - 1), next, 0.9)
          || is_case_number (next->pdf->text) || is_candidate_line (imp, j)
          || strchr (next->pdf->text, '\t') != NULL)
        break;
      if (full->len > 0 && full->str[full->len - 1] != '-')
        g_string_append_c (full, ' ');
      g_string_append (full, next->pdf->text);
      title_line = next;
    }
  h->title = g_strstrip (g_string_free (full, FALSE));
  h->closed = c->closed_marker;
  h->end = j;

  /* Metadata lines just below the title … */
  for (guint k = 0; k < 3 && h->end < imp->lines->len; k++)
    {
      Line *next = importer_line (imp, h->end);
      if (!same_page_near (importer_line (imp, h->end - 1), next, 2.5) || !read_metadata_line (imp, h, next))
        break;
      h->end++;
    }
  /* … or just above the heading, unless it is the previous item's: a case number
   * (Hedensted), an open/closed marker ("Åbent punkt" over the title), or both. */
  for (guint k = h->line; k > prev_end && k + 2 > h->line; k--)
    {
      Line *above = importer_line (imp, k - 1);
      g_autofree char *value = NULL;

      if (above->role != ROLE_BODY || !same_page_near (above, importer_line (imp, k), 2.5))
        break;
      if (ref_pdf_vocab_match (REF_VOCAB_CLOSED_MARKER, above->pdf->text, NULL))
        h->closed = TRUE;
      else if (h->case_number == NULL && (value = ref_pdf_case_number (above->pdf->text, NULL)) != NULL)
        h->case_number = g_steal_pointer (&value);
      else if (!ref_pdf_vocab_match (REF_VOCAB_OPEN_MARKER, above->pdf->text, NULL))
        break;
      h->case_line = k - 1;
    }
  {
    g_autoptr (GMatchInfo) m = NULL;
    if (ref_pdf_vocab_match (REF_VOCAB_CLOSED_TITLE, h->title, &m) || (nav != NULL && nav->closed))
      h->closed = TRUE;
  }
}

static int
compare_candidates_by_line (gconstpointer a, gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
  return ca->line < cb->line ? -1 : ca->line > cb->line;
}

/* Lines of the navigation entries found in the body that the family did not
 * cover, as candidates of their own. */
static void
add_navigation_candidates (Importer *imp, GArray *chosen, gboolean replace)
{
  if (replace)
    g_array_set_size (chosen, 0);
  for (guint n = 0; n < imp->nav->len; n++)
    {
      NavEntry *e = &g_array_index (imp->nav, NavEntry, n);
      gboolean covered = FALSE;
      Candidate c;

      if (e->level != 0 || e->line == G_MAXUINT)
        continue;
      for (guint k = 0; k < chosen->len && !covered; k++)
        {
          Candidate *have = &g_array_index (chosen, Candidate, k);
          /* The entry's line is the heading, its title line ("Sag nr. 49" above it)
           * or a line the title wrapped onto. */
          covered = have->line == e->line || (have->line < e->line && e->line <= have->line + 3 && have->nav == n);
        }
      if (covered)
        continue;
      if (!candidate_from_line (imp, e->line, &c))
        {
          Line *line = importer_line (imp, e->line);
          memset (&c, 0, sizeof c);
          c.line = e->line;
          c.title = text_without_marker (line, &c.closed_marker);
          c.strong = is_heading_typography (imp, line);
          c.form = FORM_PREFIXED;
        }
      /* "Sag nr. 49" above the title the entry found. */
      if (e->line > 0 && c.number == 0)
        {
          Candidate above;
          if (candidate_from_line (imp, e->line - 1, &above) && *above.title == '\0')
            {
              candidate_clear (&c);
              c = above;
            }
          else
            candidate_clear (&above);
        }
      if (c.number == 0)
        c.number = e->number;
      c.nav = n;
      g_array_append_val (chosen, c);
    }
  g_array_sort (chosen, compare_candidates_by_line);
}

GArray *
ref_pdf_find_item_headings (Importer *imp)
{
  g_autoptr (GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr (GArray) family = NULL;
  g_autoptr (GArray) chosen = g_array_new (FALSE, TRUE, sizeof (Candidate));
  GArray *headings = g_array_new (FALSE, TRUE, sizeof (ItemHeading));
  guint located = 0, family_agree = 0, last = 0;

  g_array_set_clear_func (candidates, candidate_clear);
  g_array_set_clear_func (chosen, candidate_clear);
  g_array_set_clear_func (headings, item_heading_clear);

  for (guint i = 0; i < imp->lines->len; i++)
    {
      Candidate c;
      if (candidate_from_line (imp, i, &c))
        {
          g_array_append_val (candidates, c);
          g_array_index (candidates, Candidate, candidates->len - 1).nav
              = agreeing_entry (imp, &g_array_index (candidates, Candidate, candidates->len - 1));
        }
    }
  for (guint n = 0; n < imp->nav->len; n++)
    located += g_array_index (imp->nav, NavEntry, n).line != G_MAXUINT;

  family = best_family (imp, candidates);
  for (guint k = 0; k < family->len; k++)
    for (guint i = 0; i < candidates->len; i++)
      {
        Candidate *c = &g_array_index (candidates, Candidate, i);
        if (c->line == g_array_index (family, guint, k))
          {
            Candidate copy = *c;
            copy.title = g_strdup (c->title);
            family_agree += c->nav != G_MAXUINT;
            g_array_append_val (chosen, copy);
          }
      }
  /* When the numbering and the document's own list disagree, the list wins. */
  add_navigation_candidates (imp, chosen, located >= 2 && 2 * family_agree < located);

  for (guint k = 0; k < chosen->len; k++)
    {
      Candidate *c = &g_array_index (chosen, Candidate, k);
      NavEntry *nav = c->nav != G_MAXUINT ? &g_array_index (imp->nav, NavEntry, c->nav) : NULL;
      ItemHeading h = { 0 };

      if (c->number == 0)
        c->number = last + 1;
      /* Item numbers increase through a meeting; inside another heading's title is
       * no heading either. */
      if (c->number <= last
          || (headings->len > 0 && c->line < g_array_index (headings, ItemHeading, headings->len - 1).end))
        continue;
      h.line = c->line;
      h.number = c->number;
      read_heading (imp, &h, c, nav, headings->len > 0 ? g_array_index (headings, ItemHeading, headings->len - 1).end : 0);
      last = h.number;
      g_array_append_val (headings, h);
    }
  return headings;
}

/* Closed items that only the table of contents lists (the public edition leaves
 * them out of the body): items without a body, in the order of their numbers. */
void
ref_pdf_add_toc_only_items (Importer *imp, GArray *headings)
{
  for (guint n = 0; n < imp->nav->len; n++)
    {
      NavEntry *e = &g_array_index (imp->nav, NavEntry, n);
      ItemHeading h = { 0 };
      guint at = headings->len;
      gboolean known = FALSE;

      if (e->level != 0 || e->line != G_MAXUINT || e->number == 0)
        continue;
      if (!e->closed && !ref_pdf_vocab_match (REF_VOCAB_CLOSED_TITLE, e->title, NULL))
        continue;
      for (guint k = 0; k < headings->len; k++)
        {
          ItemHeading *have = &g_array_index (headings, ItemHeading, k);
          known |= have->number == e->number;
          if (have->number > e->number && at == headings->len)
            at = k;
        }
      if (known)
        continue;
      h.line = G_MAXUINT;
      h.end = G_MAXUINT;
      h.case_line = G_MAXUINT;
      h.number = e->number;
      h.title = g_strdup (e->title);
      h.closed = TRUE;
      h.toc_only = TRUE;
      g_array_insert_val (headings, at, h);
    }
}
