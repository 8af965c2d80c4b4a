/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "ref-pdf-import-private.h"

/*
 * The importer works from typography and position, then words:
 *  1. poppler's text layout and attributes → lines with size, weight, position;
 *  2. page furniture (running headers, footers, page numbers) is recognised as text
 *     repeated at the same place on many pages;
 *  3. agenda item headings are bold or large lines that start with an item number
 *     ("Punkt 4: …", "82. …", "Pkt. 3 …"), with increasing numbers;
 *  4. what precedes the first item is the header block and the table of contents;
 *  5. each item's lines are split at headings into sections, recommendation,
 *     decisions, attachments (ref-pdf-item.c).
 * Every line is either furniture, table of contents, or ends up in the model; what
 * cannot be placed becomes a warning, and the coverage figure says how much made it.
 */

G_DEFINE_QUARK (ref-pdf-import-error-quark, ref_pdf_import_error)

struct _RefPdfImport {
  RefMeeting *meeting;
  GPtrArray *warnings;
  GPtrArray *item_headings;
  double confidence;
  double coverage;
  guint n_pages;
};

static void
warning_free (gpointer data)
{
  RefImportWarning *w = data;

  g_free (w->text);
  g_free (w->reason);
  g_free (w);
}

void
importer_warn (Importer *imp, guint page, const char *text, const char *reason)
{
  RefImportWarning *w = g_new0 (RefImportWarning, 1);

  w->page = page;
  w->text = g_strdup (text ? text : "");
  w->reason = g_strdup (reason);
  g_ptr_array_add (imp->warnings, w);
}

Line *
importer_line (Importer *imp, guint index)
{
  return &g_array_index (imp->lines, Line, index);
}

/* ---- small text helpers shared with ref-pdf-item.c ---- */

G_LOCK_DEFINE_STATIC (regex_cache);
static GHashTable *regex_cache;

GRegex *
ref_pdf_regex (const char *pattern, GRegexCompileFlags flags)
{
  g_autofree char *key = g_strdup_printf ("%x:%s", flags, pattern);
  GRegex *re;

  G_LOCK (regex_cache);
  if (regex_cache == NULL)
    regex_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_regex_unref);
  re = g_hash_table_lookup (regex_cache, key);
  if (re == NULL)
    {
      g_autoptr (GError) error = NULL;
      re = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, &error);
      g_assert_no_error (error); /* patterns are constants of this file */
      g_hash_table_insert (regex_cache, g_steal_pointer (&key), re);
    }
  G_UNLOCK (regex_cache);
  return re;
}

gboolean
ref_pdf_regex_match (const char *pattern, GRegexCompileFlags flags, const char *text)
{
  return text != NULL && g_regex_match (ref_pdf_regex (pattern, flags), text, 0, NULL);
}

static const char *const danish_months[] = { "januar", "februar", "marts",     "april",   "maj",      "juni",
                                             "juli",   "august",  "september", "oktober", "november", "december" };

/* "05-05-2021", "5.5.2021", "6. september 2021", "Tirsdag d. 06. maj 2025", "2021-05-05". */
gboolean
ref_pdf_parse_danish_date (const char *text, int *year, int *month, int *day)
{
  GRegex *numeric = ref_pdf_regex ("(\\d{1,2})[-./](\\d{1,2})[-./](\\d{4})", 0);
  GRegex *iso = ref_pdf_regex ("(\\d{4})-(\\d{2})-(\\d{2})", 0);
  GRegex *named = ref_pdf_regex ("(\\d{1,2})\\.?\\s+([[:alpha:]]+)\\s+(\\d{4})", G_REGEX_CASELESS);
  g_autoptr (GMatchInfo) m = NULL;

  if (text == NULL)
    return FALSE;
  if (g_regex_match (iso, text, 0, &m))
    {
      g_autofree char *y = g_match_info_fetch (m, 1), *mo = g_match_info_fetch (m, 2), *d = g_match_info_fetch (m, 3);
      *year = atoi (y), *month = atoi (mo), *day = atoi (d);
      return g_date_valid_dmy (*day, *month, *year);
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (numeric, text, 0, &m))
    {
      g_autofree char *d = g_match_info_fetch (m, 1), *mo = g_match_info_fetch (m, 2), *y = g_match_info_fetch (m, 3);
      *year = atoi (y), *month = atoi (mo), *day = atoi (d);
      return g_date_valid_dmy (*day, *month, *year);
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (named, text, 0, &m))
    {
      g_autofree char *d = g_match_info_fetch (m, 1), *name = g_match_info_fetch (m, 2), *y = g_match_info_fetch (m, 3);
      g_autofree char *lower = g_utf8_strdown (name, -1);

      for (int i = 0; i < 12; i++)
        if (g_str_equal (lower, danish_months[i]) || (strlen (lower) >= 3 && g_str_has_prefix (danish_months[i], lower)
                                                      && lower[strlen (lower) - 1] != '.'))
          {
            *year = atoi (y), *month = i + 1, *day = atoi (d);
            return g_date_valid_dmy (*day, *month, *year);
          }
    }
  return FALSE;
}

/* "kl. 13:00", "Kl. 16.00", "13:00-15:00" → minutes after midnight of the first time. */
static int
parse_time_of_day (const char *text)
{
  GRegex *re = ref_pdf_regex ("(?:kl\\.?\\s*)?(\\d{1,2})[:.](\\d{2})", G_REGEX_CASELESS);
  g_autoptr (GMatchInfo) m = NULL;

  if (text && g_regex_match (re, text, 0, &m))
    {
      g_autofree char *h = g_match_info_fetch (m, 1), *mi = g_match_info_fetch (m, 2);
      int hours = atoi (h), minutes = atoi (mi);
      if (hours < 24 && minutes < 60)
        return hours * 60 + minutes;
    }
  return -1;
}

gboolean
ref_pdf_match_case_number (const char *text)
{

  GRegex *re = ref_pdf_regex ("^(?:Sags?\\s*nr\\.?:?\\s*)?(\\d{2}\\.\\d{2}\\.\\d{2}(?:-[A-ZÆØÅ]\\d{2})?(?:-\\d+){1,3}"
                                                 "|\\d{2}/\\d{1,7}(?:-\\d+)?|\\d{4}-\\d{3,7})$",
                                                 G_REGEX_OPTIMIZE);
  return text != NULL && g_regex_match (re, text, 0, NULL);
}

/* Splits "A (x), B (y, z) og C" at top-level commas and " og ". */
GPtrArray *
ref_pdf_split_names (const char *text)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GString *current = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; p && *p; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      if (depth == 0 && (*p == ',' || *p == ';' || (g_str_has_prefix (p, " og ") && current->len > 0)))
        {
          g_strstrip (current->str);
          if (current->str[0] != '\0')
            g_ptr_array_add (names, g_strdup (current->str));
          g_string_truncate (current, 0);
          if (*p == ' ')
            p += 3;
          continue;
        }
      g_string_append_c (current, *p);
    }
  g_strstrip (current->str);
  if (current->str[0] != '\0')
    g_ptr_array_add (names, g_strdup (current->str));
  g_string_free (current, TRUE);
  return names;
}

static char *
strip_parentheses (const char *name)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = name; *p; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  g_strstrip (out->str);
  return g_string_free (out, FALSE);
}

static guint
edit_distance (const char *a, const char *b)
{
  glong la = g_utf8_strlen (a, -1), lb = g_utf8_strlen (b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, NULL);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (glong j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      guint diag = row[0];
      row[0] = (guint) i;
      for (glong j = 1; j <= lb; j++)
        {
          guint up = row[j];
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (ua[i - 1] != ub[j - 1]));
          diag = up;
        }
    }
  return row[lb];
}

/* Matches a name as written in an absence line ("Stine Margrethe Hollandsted
 * (centerchef …)", "Maria Assov") to a participant; tolerant of middle names and of
 * a typo, since published minutes are typed by hand. */
RefParticipant *
ref_pdf_match_participant (RefMeeting *meeting, const char *written)
{
  g_autofree char *name = strip_parentheses (written);
  g_auto (GStrv) want = g_strsplit (name, " ", -1);
  GListModel *list = ref_meeting_get_participants (meeting);
  RefParticipant *best = NULL;
  guint best_score = G_MAXUINT;

  if (*name == '\0')
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (list, i);
      const char *full = ref_participant_get_name (p);
      g_auto (GStrv) have = g_strsplit (full, " ", -1);
      guint score;

      if (g_str_equal (full, name))
        return p;
      /* First and last name agree: "Maria Assov" for "Maria Lundahl Assov". */
      if (g_strv_length (want) >= 2 && g_strv_length (have) >= 2 && g_str_equal (want[0], have[0])
          && g_str_equal (want[g_strv_length (want) - 1], have[g_strv_length (have) - 1]))
        score = 1;
      else
        score = 2 + edit_distance (full, name);
      if (score < best_score)
        {
          best_score = score;
          best = p;
        }
    }
  /* A typo or two is a match; more is another person. */
  return best_score <= 4 ? best : NULL;
}

/* ---- document analysis ---- */

static double
dominant_size (Importer *imp, gboolean bold)
{
  g_autoptr (GHashTable) weights = g_hash_table_new (NULL, NULL); /* size×10 → characters */
  GHashTableIter iter;
  gpointer key, value;
  gsize best_weight = 0;
  int best = 0;

  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      gpointer k;

      if (line->role != ROLE_BODY || line->pdf->bold != bold)
        continue;
      k = GINT_TO_POINTER ((int) lround (line->pdf->size * 10) + 1);
      g_hash_table_insert (weights, k,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (weights, k)) + strlen (line->pdf->text)));
    }
  g_hash_table_iter_init (&iter, weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > best_weight)
      {
        best_weight = GPOINTER_TO_SIZE (value);
        best = GPOINTER_TO_INT (key) - 1;
      }
  return best / 10.0;
}

static char *
furniture_key (const char *text)
{
  GString *key = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    g_string_append_c (key, g_ascii_isdigit (*p) ? '#' : *p);
  return g_string_free (key, FALSE);
}

/* Running headers and footers: text in the top or bottom band of the page that recurs
 * (digits aside) on several pages, and bare page numbers there. */
static void
mark_furniture (Importer *imp)
{
  g_autoptr (GHashTable) pages_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GRegex *page_number = ref_pdf_regex ("^(Side|Page|s\\.)?\\s*\\d+(\\s*(af|/|of)\\s*\\d+)?$", G_REGEX_CASELESS);
  double band = imp->text->page_height * 0.09;
  guint threshold = MAX (2, imp->text->n_pages / 3);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < imp->lines->len; i++)
      {
        Line *line = importer_line (imp, i);
        gboolean in_band = line->pdf->y0 < band || line->pdf->y1 > imp->text->page_height - band;
        g_autofree char *key = NULL;
        guint count;

        if (!in_band)
          continue;
        key = furniture_key (line->pdf->text);
        count = GPOINTER_TO_UINT (g_hash_table_lookup (pages_by_key, key));
        if (pass == 0)
          g_hash_table_insert (pages_by_key, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
        else if (count >= threshold || (imp->text->n_pages > 1 && g_regex_match (page_number, line->pdf->text, 0, NULL)))
          line->role = ROLE_FURNITURE;
      }
}

typedef struct {
  guint line;       /* index of the heading line */
  guint end;        /* one past the last title line */
  guint number;
  char *title;
  char *case_number;
  guint case_line;  /* G_MAXUINT when none */
} ItemHeading;

static void
item_heading_clear (gpointer data)
{
  ItemHeading *h = data;

  g_free (h->title);
  g_free (h->case_number);
}

static gboolean
is_heading_typography (Importer *imp, Line *line)
{
  return line->pdf->bold || line->pdf->size >= imp->body_size + 1.5;
}

static gboolean
match_item_heading (Importer *imp, Line *line, guint *number, char **title)
{
  g_autoptr (GMatchInfo) m = NULL;

  GRegex *punkt = ref_pdf_regex ("^(?:Punkt|Pkt\\.?|Sag|Dagsordenspunkt)\\s*(\\d{1,4})\\s*[:.]?\\s*(.*)$",
                                                    G_REGEX_CASELESS);
  GRegex *numbered = ref_pdf_regex ("^(\\d{1,4})\\.\\s+(\\S.*)$", 0);

  if (line->role != ROLE_BODY || !is_heading_typography (imp, line) || strchr (line->pdf->text, '\t'))
    return FALSE;
  if (!g_regex_match (punkt, line->pdf->text, 0, &m))
    {
      /* "82. Title" needs a heading size: "1. …" in body size is a list entry. */
      g_clear_pointer (&m, g_match_info_free);
      if (line->pdf->size < imp->body_size * 1.15 || !g_regex_match (numbered, line->pdf->text, 0, &m))
        return FALSE;
    }
    {
      g_autofree char *n = g_match_info_fetch (m, 1);
      *number = (guint) atoi (n);
      *title = g_match_info_fetch (m, 2);
      return *number > 0;
    }
  return FALSE;
}

static gboolean
same_page_near (Line *a, Line *b, double factor)
{
  return a->pdf->page == b->pdf->page && b->pdf->y0 - a->pdf->y1 < factor * MAX (a->pdf->size, b->pdf->size);
}

static GArray *
find_item_headings (Importer *imp)
{
  GArray *headings = g_array_new (FALSE, TRUE, sizeof (ItemHeading));
  guint last_number = 0;

  g_array_set_clear_func (headings, item_heading_clear);
  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      ItemHeading h = { 0 };
      g_autofree char *title = NULL;
      GString *full;
      guint j;

      if (!match_item_heading (imp, line, &h.number, &title))
        continue;
      /* Item numbers increase through a meeting; a smaller one is a list in a text. */
      if (headings->len > 0 && h.number <= last_number)
        continue;
      /* All item headings of a document are set alike. */
      if (headings->len > 0)
        {
          Line *first = importer_line (imp, g_array_index (headings, ItemHeading, 0).line);
          if (first->pdf->bold != line->pdf->bold || fabs (first->pdf->size - line->pdf->size) > 0.6)
            continue;
        }

      h.line = i;
      h.case_line = G_MAXUINT;
      full = g_string_new (title);
      /* A long title wraps onto following lines set the same way. */
      for (j = i + 1; j < imp->lines->len; j++)
        {
          Line *next = importer_line (imp, j);
          guint dummy;
          g_autofree char *dummy_title = NULL;

          if (next->role != ROLE_BODY || next->pdf->bold != line->pdf->bold
              || fabs (next->pdf->size - line->pdf->size) > 0.4 || !same_page_near (importer_line (imp, j - 1), next, 0.9)
              || ref_pdf_match_case_number (next->pdf->text) || match_item_heading (imp, next, &dummy, &dummy_title))
            break;
          if (full->len > 0 && full->str[full->len - 1] != '-')
            g_string_append_c (full, ' ');
          g_string_append (full, next->pdf->text);
        }
      h.end = j;
      h.title = g_string_free (full, FALSE);
      g_strstrip (h.title);

      /* Case number just above the heading (Hedensted) or just below it. */
      if (i > 0 && importer_line (imp, i - 1)->role == ROLE_BODY && ref_pdf_match_case_number (importer_line (imp, i - 1)->pdf->text)
          && same_page_near (importer_line (imp, i - 1), line, 2.5))
        h.case_line = i - 1;
      else if (h.end < imp->lines->len && importer_line (imp, h.end)->role == ROLE_BODY
               && ref_pdf_match_case_number (importer_line (imp, h.end)->pdf->text))
        h.case_line = h.end;
      if (h.case_line != G_MAXUINT)
        {
          GRegex *prefix = ref_pdf_regex ("^Sags?\\s*nr\\.?:?\\s*", G_REGEX_CASELESS);
          h.case_number = g_regex_replace_literal (prefix, importer_line (imp, h.case_line)->pdf->text, -1, 0, "", 0, NULL);
        }
      last_number = h.number;
      g_array_append_val (headings, h);
    }
  return headings;
}

/* ---- table of contents ---- */

static void
toc_entry_clear (gpointer data)
{
  g_free (((TocEntry *) data)->title);
}

/* "Title ......... 12", "Punkt 3: Title ..... 4", "82\tTitle\t3", "Title\t12". */
static gboolean
parse_toc_line (const char *text, guint *number, char **title, gboolean *complete)
{
  GRegex *trailing = ref_pdf_regex ("^(.*?)[\\s.…]*(?:\\t|\\.{3,}|…+|\\s{2,})\\s*(\\d{1,4})$", 0);
  GRegex *leading = ref_pdf_regex ("^(?:(?:Punkt|Pkt\\.?)\\s*)?(\\d{1,4})(?:\\s*[:.]\\s*|\\s*\\t\\s*|\\s+)(\\S.*)$",
                                   G_REGEX_CASELESS);
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *body = NULL;

  *number = 0;
  *complete = FALSE;
  if (g_regex_match (trailing, text, 0, &m))
    {
      body = g_match_info_fetch (m, 1);
      *complete = TRUE;
    }
  else
    body = g_strdup (text);
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (leading, body, 0, &m))
    {
      g_autofree char *n = g_match_info_fetch (m, 1);
      g_autofree char *rest = g_match_info_fetch (m, 2);
      *number = (guint) atoi (n);
      g_free (body);
      body = g_steal_pointer (&rest);
    }
  g_strdelimit (body, "\t", ' ');
  *title = g_strstrip (g_steal_pointer (&body));
  return TRUE;
}

/* The table of contents: from an "Indholdsfortegnelse" heading (or the first run of
 * lines ending in page numbers) to the first item heading. Its lines are not
 * content; the entries are kept to cross-check titles and to learn which items are
 * on the closed part of the agenda. */
static void
read_toc (Importer *imp, guint first_item_line)
{
  GRegex *heading = ref_pdf_regex ("^(Indholdsfortegnelse|Indhold|Dagsordensoversigt|Oversigt)$",
                                            G_REGEX_CASELESS);
  GRegex *column_header = ref_pdf_regex ("^Pkt\\.?\\tTekst\\tSide$|^Pkt\\.?\\s+Tekst\\s+Side$", G_REGEX_CASELESS);
  GRegex *part = ref_pdf_regex ("^(Åben|Åbne|Lukket|Lukkede)\\s+(dagsorden|punkter|møde|del)", G_REGEX_CASELESS);
  GRegex *ends_with_number = ref_pdf_regex ("(\\.{3,}|…|\\t)\\s*\\d{1,4}$", 0);
  guint start = G_MAXUINT;
  gboolean closed_part = FALSE;
  GString *pending = NULL;

  for (guint i = 0; i < first_item_line; i++)
    {
      Line *line = importer_line (imp, i);
      if (line->role == ROLE_BODY && g_regex_match (heading, line->pdf->text, 0, NULL))
        {
          start = i;
          break;
        }
    }
  if (start == G_MAXUINT)
    for (guint i = 0; i < first_item_line; i++)
      if (importer_line (imp, i)->role == ROLE_BODY && g_regex_match (ends_with_number, importer_line (imp, i)->pdf->text, 0, NULL))
        {
          start = i;
          break;
        }
  if (start == G_MAXUINT)
    return;

  for (guint i = start; i < first_item_line; i++)
    {
      Line *line = importer_line (imp, i);
      guint number;
      g_autofree char *title = NULL;
      gboolean complete;

      if (line->role != ROLE_BODY)
        continue;
      line->role = ROLE_TOC;
      if (i == start && g_regex_match (heading, line->pdf->text, 0, NULL))
        continue;
      if (g_regex_match (column_header, line->pdf->text, 0, NULL))
        continue;
      if (g_regex_match (part, line->pdf->text, 0, NULL))
        {
          closed_part = g_ascii_strncasecmp (line->pdf->text, "Luk", 3) == 0;
          continue;
        }
      parse_toc_line (line->pdf->text, &number, &title, &complete);
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
          continue;
        }
      {
        TocEntry e = { number, g_steal_pointer (&title), closed_part };
        g_array_append_val (imp->toc, e);
      }
    }
  if (pending)
    g_string_free (pending, TRUE);
}

/* ---- header block ---- */

typedef enum {
  FIELD_NONE,
  FIELD_DATE,
  FIELD_TIME,
  FIELD_PLACE,
  FIELD_PARTICIPANTS,
  FIELD_ABSENT,
  FIELD_REMARKS,
  FIELD_END,
} HeaderField;

static HeaderField
match_header_label (const char *text, const char **value)
{
  static const struct {
    const char *label;
    HeaderField field;
  } labels[] = {
    { "Mødedato", FIELD_DATE },        { "Dato", FIELD_DATE },
    { "Mødetidspunkt", FIELD_TIME },   { "Tidspunkt", FIELD_TIME },
    { "Mødested", FIELD_PLACE },       { "Sted", FIELD_PLACE },
    { "Mødelokale", FIELD_PLACE },     { "Mødedeltagere", FIELD_PARTICIPANTS },
    { "Deltagere", FIELD_PARTICIPANTS }, { "Medlemmer", FIELD_PARTICIPANTS },
    { "Fraværende", FIELD_ABSENT },    { "Afbud", FIELD_ABSENT },
    { "Bemærkninger", FIELD_REMARKS }, { "Bemærkning", FIELD_REMARKS },
    { "Mødet sluttede", FIELD_END },   { "Mødet hævet", FIELD_END },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gsize len = strlen (labels[i].label);
      const char *rest = text + len;

      if (g_ascii_strncasecmp (text, labels[i].label, len) != 0)
        continue;
      if (*rest == ':')
        rest++;
      if (*rest != '\t' && *rest != ' ' && *rest != '\0')
        continue;
      while (*rest == '\t' || *rest == ' ')
        rest++;
      *value = rest;
      return labels[i].field;
    }
  return FIELD_NONE;
}

static void
add_participants (Importer *imp, const char *list)
{
  g_autoptr (GPtrArray) names = ref_pdf_split_names (list);
  GRegex *party_re = ref_pdf_regex ("^([A-ZÆØÅ]{1,3}|[Ll]øsgænger|[Uu]den for parti)$", 0);
  GRegex *official_re = ref_pdf_regex ("chef|direktør|sekretær|konsulent|leder|referent|kommunaldirektør",
                                                G_REGEX_CASELESS);

  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autoptr (RefParticipant) p = ref_participant_new ();
      g_autofree char *name = strip_parentheses (entry);
      const char *open = strchr (entry, '(');

      ref_participant_set_name (p, name);
      ref_participant_set_attendance (p, REF_ATTENDANCE_PRESENT);
      /* Each top-level "(…)" is a party, a role or the absence mark. */
      while (open != NULL)
        {
          const char *close = open + 1;
          int depth = 1;
          g_autofree char *inner = NULL;

          while (*close && depth > 0)
            {
              depth += *close == '(' ? 1 : *close == ')' ? -1 : 0;
              close++;
            }
          inner = g_strndup (open + 1, MAX (close - open - 2, 0));
          g_strstrip (inner);
          if (g_ascii_strcasecmp (inner, "Afbud") == 0 || g_ascii_strcasecmp (inner, "fraværende") == 0)
            ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
          else if (g_regex_match (party_re, inner, 0, NULL) && *ref_participant_get_party (p) == '\0')
            ref_participant_set_party (p, inner);
          else if (*ref_participant_get_role (p) == '\0')
            ref_participant_set_role (p, inner);
          open = strchr (close, '(');
        }
      if (*ref_participant_get_party (p) == '\0' && g_regex_match (official_re, ref_participant_get_role (p), 0, NULL))
        ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_OFFICIAL);
      ref_meeting_add_participant (imp->meeting, p);
    }
}

static GArray *
parse_item_numbers (const char *text)
{
  GRegex *number = ref_pdf_regex ("\\d{1,4}", 0);
  g_autoptr (GMatchInfo) m = NULL;
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  g_regex_match (number, text, 0, &m);
  while (g_match_info_matches (m))
    {
      g_autofree char *n = g_match_info_fetch (m, 0);
      guint value = (guint) atoi (n);
      g_array_append_val (numbers, value);
      g_match_info_next (m, NULL);
    }
  return numbers;
}

/* "Fraværende:" in the header: "X", "X deltog ved punkterne 82, 88 og 89",
 * "X deltog til kl. 18.40 i punkt 2", "X (V) - Y (V) mødte som stedfortræder",
 * "X uden afbud". */
/* "forlod mødet kl. 18.40 før punkt 5", "kom tilbage under punkt 8": one movement. */
static gboolean
read_movement_phrase (const char *phrase, RefMovementKind *kind, guint *item, gboolean *during, int *time)
{
  GRegex *re = ref_pdf_regex ("^(forlod (?:mødet|det igen)|kom (?:til mødet|tilbage|igen))"
                              "(?:\\s+kl\\.?\\s*(\\d{1,2}[.:]\\d{2}))?(?:\\s+(før|under|i)\\s+punkt\\s+(\\d+))?$",
                              G_REGEX_CASELESS);
  g_autoptr (GMatchInfo) m = NULL;

  if (!g_regex_match (re, phrase, 0, &m))
    return FALSE;
  {
    g_autofree char *verb = g_match_info_fetch (m, 1), *t = g_match_info_fetch (m, 2);
    g_autofree char *when = g_match_info_fetch (m, 3), *n = g_match_info_fetch (m, 4);

    *kind = g_str_has_prefix (verb, "forlod") ? REF_MOVEMENT_KIND_LEFT : REF_MOVEMENT_KIND_ARRIVED;
    *time = t && *t ? parse_time_of_day (t) : -1;
    *item = n && *n ? (guint) atoi (n) : 0;
    *during = when && *when && !g_str_equal (when, "før");
  }
  return *time >= 0 || *item > 0;
}

/* "Finn Grøn forlod mødet kl. 18.40 før punkt 5 og kom tilbage kl. 19.55 før punkt 8" */
static gboolean
read_movements (Importer *imp, const char *entry)
{
  GRegex *re = ref_pdf_regex ("^(.+?)\\s+((?:forlod|kom) .+)$", 0);
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *name = NULL, *rest = NULL;
  g_auto (GStrv) phrases = NULL;
  RefParticipant *p;

  if (!g_regex_match (re, entry, 0, &m))
    return FALSE;
  name = g_match_info_fetch (m, 1);
  rest = g_match_info_fetch (m, 2);
  p = ref_pdf_match_participant (imp->meeting, name);
  if (p == NULL)
    return FALSE;
  phrases = g_strsplit (rest, " og ", -1);
  for (guint i = 0; phrases[i]; i++)
    {
      RefMovementKind kind;
      guint item;
      gboolean during;
      int time;

      if (!read_movement_phrase (g_strstrip (phrases[i]), &kind, &item, &during, &time))
        return FALSE;
    }
  ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL);
  for (guint i = 0; phrases[i]; i++)
    {
      RefMovementKind kind;
      guint item;
      gboolean during;
      int time;

      read_movement_phrase (phrases[i], &kind, &item, &during, &time);
      ref_participant_add_movement (p, kind, item, during, time);
    }
  return TRUE;
}

static void read_absent_entry (Importer *imp, const char *value, guint page);

/* Entries of the header's "Fraværende" field are separated by ";". */
static void
read_absent_field (Importer *imp, const char *value, guint page)
{
  g_auto (GStrv) entries = g_strsplit (value, ";", -1);

  for (guint i = 0; entries[i]; i++)
    if (*g_strstrip (entries[i]))
      read_absent_entry (imp, entries[i], page);
}

static void
read_absent_entry (Importer *imp, const char *value, guint page)
{
  GRegex *attended = ref_pdf_regex ("^(.+?)\\s+deltog (?:kun )?(?:ved|i|under) (?:punkterne|punkt|pkt\\.?)\\s+(.+)$",
                                             G_REGEX_CASELESS);
  GRegex *until = ref_pdf_regex ("^(.+?)\\s+(?:deltog|var til stede) (?:indtil|til) (kl\\.?\\s*[\\d.:]+)?\\s*(?:i|under) (?:punkt|pkt\\.?)\\s*(\\d+)",
                                          G_REGEX_CASELESS);
  GRegex *substitute = ref_pdf_regex ("^(.+?)\\s+-\\s+(.+?)\\s+mødte som (?:stedfortræder|suppleant)", G_REGEX_CASELESS);
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GMatchInfo) m = NULL;

  if (g_regex_match (attended, value, 0, &m))
    {
      g_autofree char *name = g_match_info_fetch (m, 1), *items = g_match_info_fetch (m, 2);
      RefParticipant *p = ref_pdf_match_participant (imp->meeting, name);
      g_autoptr (GArray) numbers = parse_item_numbers (items);

      if (p == NULL)
        {
          importer_warn (imp, page, value, _("The absent person is not among the participants."));
          return;
        }
      ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL);
      ref_participant_set_attended_items (p, numbers);
      return;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (until, value, 0, &m))
    {
      g_autofree char *name = g_match_info_fetch (m, 1), *time = g_match_info_fetch (m, 2), *item = g_match_info_fetch (m, 3);
      RefParticipant *p = ref_pdf_match_participant (imp->meeting, name);

      if (p != NULL)
        {
          ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL);
          ref_participant_add_movement (p, REF_MOVEMENT_KIND_LEFT, (guint) atoi (item), TRUE, parse_time_of_day (time));
          return;
        }
    }
  g_clear_pointer (&m, g_match_info_free);
  if (read_movements (imp, value))
    return;
  if (g_regex_match (substitute, value, 0, &m))
    {
      g_autofree char *absent = g_match_info_fetch (m, 1), *standin = g_match_info_fetch (m, 2);
      RefParticipant *a = ref_pdf_match_participant (imp->meeting, absent);
      RefParticipant *s = ref_pdf_match_participant (imp->meeting, standin);

      if (a != NULL)
        ref_participant_set_attendance (a, REF_ATTENDANCE_ABSENT);
      if (s == NULL)
        {
          add_participants (imp, standin);
          s = ref_pdf_match_participant (imp->meeting, standin);
        }
      if (s != NULL)
        {
          ref_participant_set_participant_type (s, REF_PARTICIPANT_TYPE_SUBSTITUTE);
          ref_participant_set_substitute_for (s, a);
        }
      return;
    }

  parts = ref_pdf_split_names (value);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *entry = g_ptr_array_index (parts, i);
      gboolean without = strstr (entry, "uden afbud") != NULL;
      GRegex *note = ref_pdf_regex ("\\s+(uden|med) afbud$", G_REGEX_CASELESS);
      g_autofree char *name = g_regex_replace_literal (note, entry, -1, 0, "", 0, NULL);
      RefParticipant *p = ref_pdf_match_participant (imp->meeting, name);

      if (p == NULL)
        {
          /* Listed only as absent: still a participant of the meeting. */
          add_participants (imp, name);
          p = ref_pdf_match_participant (imp->meeting, name);
        }
      if (p != NULL)
        {
          ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
          ref_participant_set_notice (p, without ? REF_NOTICE_WITHOUT : REF_NOTICE_WITH);
        }
    }
}

static void
set_meeting_date (Importer *imp, int y, int mo, int d, int minutes)
{
  GDateTime *old = ref_meeting_get_start (imp->meeting);
  g_autoptr (GDateTime) dt = NULL;

  if (minutes < 0 && old != NULL)
    minutes = g_date_time_get_hour (old) * 60 + g_date_time_get_minute (old);
  dt = g_date_time_new_utc (y, mo, d, minutes < 0 ? 0 : minutes / 60, minutes < 0 ? 0 : minutes % 60, 0);
  ref_meeting_set_start (imp->meeting, dt);
}

static void
set_meeting_time (Importer *imp, int minutes, gboolean end)
{
  GDateTime *start = ref_meeting_get_start (imp->meeting);
  g_autoptr (GDateTime) dt = NULL;

  if (minutes < 0 || start == NULL)
    return;
  dt = g_date_time_new_utc (g_date_time_get_year (start), g_date_time_get_month (start),
                            g_date_time_get_day_of_month (start), minutes / 60, minutes % 60, 0);
  if (end)
    ref_meeting_set_end (imp->meeting, dt);
  else
    ref_meeting_set_start (imp->meeting, dt);
}

/* "REFERAT Socialudvalget d. 06-05-2025", "Åbent referat", "DAGSORDEN". */
static gboolean
read_title_line (Importer *imp, const char *text)
{
  GRegex *title = ref_pdf_regex ("^(Åbent |Åben |Lukket |Offentligt |Offentlig )?(REFERAT|DAGSORDEN|Referat|Dagsorden|Beslutningsprotokol)\\b\\s*(.*)$",
                                 G_REGEX_CASELESS);
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *kind = NULL, *rest = NULL;
  int y, mo, d;

  if (!g_regex_match (title, text, 0, &m))
    return FALSE;
  kind = g_match_info_fetch (m, 2);
  rest = g_match_info_fetch (m, 3);
  ref_meeting_set_kind (imp->meeting, g_ascii_strncasecmp (kind, "Dagsorden", 9) == 0 ? REF_MEETING_KIND_AGENDA
                                                                                       : REF_MEETING_KIND_MINUTES);
  if (*rest)
    {
      GRegex *date_tail = ref_pdf_regex ("\\s+(d\\.|den)?\\s*\\d{1,2}[-./]\\d{1,2}[-./]\\d{4}$", 0);
      g_autofree char *committee = g_regex_replace_literal (date_tail, rest, -1, 0, "", 0, NULL);
      if (ref_pdf_parse_danish_date (rest, &y, &mo, &d))
        set_meeting_date (imp, y, mo, d, -1);
      g_strstrip (committee);
      if (*committee)
        ref_meeting_set_committee (imp->meeting, committee);
    }
  return TRUE;
}

static void
read_header (Importer *imp, guint end)
{
  GRegex *organisation = ref_pdf_regex ("(Kommune|Region [[:alpha:]]+|Kommunalbestyrelse)$", 0);
  HeaderField field = FIELD_NONE;
  GString *value = g_string_new (NULL);
  double value_x = 0;
  guint field_page = 0;
  gboolean committee_next = FALSE;

  for (guint i = 0; i <= end; i++)
    {
      Line *line = i < end ? importer_line (imp, i) : NULL;
      const char *rest = NULL;
      HeaderField next = FIELD_NONE;

      if (line != NULL && line->role != ROLE_BODY)
        continue;
      if (line != NULL)
        next = match_header_label (line->pdf->text, &rest);

      /* A continuation of the current field: indented to its value column. */
      if (line != NULL && next == FIELD_NONE && field != FIELD_NONE && line->pdf->x0 > value_x - 2)
        {
          g_string_append_c (value, field == FIELD_REMARKS ? '\n' : ' ');
          g_string_append (value, line->pdf->text);
          line->used = TRUE;
          continue;
        }
      /* Flush the field in progress. */
      if (field != FIELD_NONE)
        {
          int y, mo, d;

          switch (field)
            {
            case FIELD_DATE:
              if (ref_pdf_parse_danish_date (value->str, &y, &mo, &d))
                set_meeting_date (imp, y, mo, d, parse_time_of_day (strstr (value->str, "kl") ? strstr (value->str, "kl") : ""));
              else
                importer_warn (imp, field_page, value->str, _("The meeting date could not be read."));
              break;
            case FIELD_TIME:
              set_meeting_time (imp, parse_time_of_day (value->str), FALSE);
              {
                const char *dash = strchr (value->str, '-');
                if (dash)
                  set_meeting_time (imp, parse_time_of_day (dash), TRUE);
              }
              break;
            case FIELD_PLACE:
              ref_meeting_set_location (imp->meeting, value->str);
              break;
            case FIELD_PARTICIPANTS:
              add_participants (imp, value->str);
              break;
            case FIELD_ABSENT:
              read_absent_field (imp, value->str, field_page);
              break;
            case FIELD_REMARKS:
              {
                g_autoptr (RefText) remarks = ref_text_new_from_plain (value->str);
                ref_meeting_set_remarks (imp->meeting, remarks);
              }
              break;
            case FIELD_END:
              set_meeting_time (imp, parse_time_of_day (value->str), TRUE);
              break;
            case FIELD_NONE:
            default:
              break;
            }
          field = FIELD_NONE;
          g_string_truncate (value, 0);
        }
      if (line == NULL)
        break;

      if (next != FIELD_NONE)
        {
          field = next;
          field_page = line->pdf->page + 1;
          g_string_assign (value, rest);
          /* The value column: where the value starts, or a bit right of the label. */
          value_x = line->pdf->x0 + 40;
          line->used = TRUE;
          continue;
        }
      /* "Mødet sluttede kl. 20.35" stands inside the remarks in some layouts. */
      if (g_str_has_prefix (line->pdf->text, "Mødet sluttede") || g_str_has_prefix (line->pdf->text, "Mødet hævet"))
        {
          set_meeting_time (imp, parse_time_of_day (line->pdf->text), TRUE);
          line->used = TRUE;
          continue;
        }
      /* Referent's own exports say which edition they are. */
      if (ref_pdf_regex_match ("^(Offentlig|Intern) udgave$", 0, line->pdf->text))
        {
          ref_meeting_set_edition (imp->meeting, g_str_has_prefix (line->pdf->text, "Intern") ? REF_EDITION_INTERNAL
                                                                                              : REF_EDITION_PUBLIC);
          line->used = TRUE;
          continue;
        }
      if (read_title_line (imp, line->pdf->text))
        {
          line->used = TRUE;
          committee_next = *ref_meeting_get_committee (imp->meeting) == '\0';
          continue;
        }
      if (g_regex_match (organisation, line->pdf->text, 0, NULL) && *ref_meeting_get_organisation (imp->meeting) == '\0')
        {
          ref_meeting_set_organisation (imp->meeting, line->pdf->text);
          line->used = TRUE;
          continue;
        }
      /* A large bold line in the header that is not the title or the municipality is
       * the committee (Hedensted puts it above the title, Høje-Taastrup below). */
      if (line->pdf->bold && line->pdf->size > imp->body_size + 1 && (*ref_meeting_get_committee (imp->meeting) == '\0' || committee_next))
        {
          ref_meeting_set_committee (imp->meeting, line->pdf->text);
          committee_next = FALSE;
          line->used = TRUE;
          continue;
        }
    }
  g_string_free (value, TRUE);
}

/* "Socialudvalget d. 06-05-2025", "Udvalget for Social Omsorg, 6. september 2021",
 * "Socialudvalget\t05-05-2021": the running header names committee and date, which
 * is all a document without a front page tells. */
static void
read_running_header (Importer *imp)
{
  GRegex *re = ref_pdf_regex ("^(.+?)(?:,|\\t|\\s+d\\.|\\s+den)\\s*(\\d.*)$", 0);

  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      g_autoptr (GMatchInfo) m = NULL;
      int y, mo, d;

      if (line->role != ROLE_FURNITURE || line->pdf->y0 > imp->text->page_height / 2)
        continue;
      if (g_regex_match (re, line->pdf->text, 0, &m))
        {
          g_autofree char *committee = g_match_info_fetch (m, 1), *date = g_match_info_fetch (m, 2);
          if (!ref_pdf_parse_danish_date (date, &y, &mo, &d))
            continue;
          if (*ref_meeting_get_committee (imp->meeting) == '\0')
            ref_meeting_set_committee (imp->meeting, g_strstrip (committee));
          if (ref_meeting_get_start (imp->meeting) == NULL)
            set_meeting_date (imp, y, mo, d, -1);
          return;
        }
    }
}

/* ---- items ---- */

static gboolean
is_signature_title (const char *title)
{
  g_autofree char *lower = g_utf8_strdown (title, -1);

  return strstr (lower, "underskrift") || strstr (lower, "godkendelse af referat")
         || strstr (lower, "digital godkendelse") || strstr (lower, "underskriftsblad");
}

static gboolean
is_known_attachment (Importer *imp, const char *title)
{
  for (guint i = 0; i < ref_meeting_get_n_items (imp->meeting); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (imp->meeting), i);
      GListModel *attachments = ref_agenda_item_get_attachments (item);

      for (guint a = 0; a < g_list_model_get_n_items (attachments); a++)
        {
          g_autoptr (RefAttachment) att = g_list_model_get_item (attachments, a);
          if (g_str_equal (ref_attachment_get_title (att), title))
            return TRUE;
        }
    }
  return FALSE;
}

/* Pages after the last item that belong to no item: a signature page (its names come
 * from the participant list), or an overview of all attachments that repeats what the
 * items list ("Bilag" opening a page, every entry an attachment of an earlier item).
 * The last item ends before them. */
static guint
find_closing_overview (Importer *imp, ItemHeading *heading, guint start, guint end)
{
  for (guint i = start; i < end; i++)
    {
      Line *line = importer_line (imp, i);
      gboolean first_on_page = TRUE;
      guint entries = 0, known = 0;

      if (line->role != ROLE_BODY || line->pdf->page == importer_line (imp, heading->line)->pdf->page || !line->pdf->bold)
        continue;
      for (guint j = start; j < i; j++)
        if (importer_line (imp, j)->role == ROLE_BODY && importer_line (imp, j)->pdf->page == line->pdf->page)
          first_on_page = FALSE;
      if (!first_on_page)
        continue;
      /* A signature page lists the members from the participant list: derived. */
      if (ref_pdf_regex_match ("^(Godkendelse af referat(et)?|Underskrift(er|sblad|sside)?|Underskriftsblad)$",
                               G_REGEX_CASELESS, line->pdf->text))
        {
          for (guint j = i; j < end; j++)
            importer_line (imp, j)->used = TRUE;
          return i;
        }
      if (!ref_pdf_regex_match ("^Bilag(soversigt)?:?$", G_REGEX_CASELESS, line->pdf->text))
        continue;
      for (guint j = i + 1; j < end; j++)
        {
          Line *entry = importer_line (imp, j);
          const char *text = entry->pdf->text;

          if (entry->role != ROLE_BODY)
            continue;
          if (g_str_has_prefix (text, "•"))
            text = g_utf8_next_char (text);
          while (*text == ' ' || *text == '\t')
            text++;
          entries++;
          known += is_known_attachment (imp, text);
        }
      if (entries > 0 && known == entries)
        {
          for (guint j = i; j < end; j++)
            importer_line (imp, j)->used = TRUE;
          return i;
        }
    }
  return end;
}

static void
read_items (Importer *imp, GArray *headings, GCancellable *cancellable, RefPdfImportProgress progress,
            gpointer user_data)
{
  GRegex *closed = ref_pdf_regex ("^(Lukket|Lukket punkt)(:\\s*(.*))?$", G_REGEX_CASELESS);

  for (guint h = 0; h < headings->len; h++)
    {
      ItemHeading *heading = &g_array_index (headings, ItemHeading, h);
      g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
      g_autoptr (GMatchInfo) m = NULL;
      guint body_start = MAX (heading->end, heading->case_line != G_MAXUINT ? heading->case_line + 1 : 0);
      guint body_end = h + 1 < headings->len ? g_array_index (headings, ItemHeading, h + 1).line : imp->lines->len;

      if (g_cancellable_is_cancelled (cancellable))
        return;
      /* A case number printed above the next heading belongs to the next item. */
      if (h + 1 < headings->len && g_array_index (headings, ItemHeading, h + 1).case_line != G_MAXUINT
          && g_array_index (headings, ItemHeading, h + 1).case_line < body_end)
        body_end = g_array_index (headings, ItemHeading, h + 1).case_line;

      if (h + 1 == headings->len)
        body_end = find_closing_overview (imp, heading, body_start, body_end);
      for (guint i = heading->line; i < heading->end; i++)
        importer_line (imp, i)->used = TRUE;
      if (heading->case_line != G_MAXUINT)
        importer_line (imp, heading->case_line)->used = TRUE;

      ref_agenda_item_set_number (item, heading->number);
      ref_agenda_item_set_case_number (item, heading->case_number);
      if (g_regex_match (closed, heading->title, 0, &m))
        {
          g_autofree char *name = g_match_info_fetch (m, 3);
          ref_agenda_item_set_closed (item, TRUE);
          ref_agenda_item_set_title (item, name && *name ? name : heading->title);
          ref_agenda_item_set_public_title (item, heading->title);
        }
      else
        ref_agenda_item_set_title (item, heading->title);
      if (is_signature_title (heading->title))
        ref_agenda_item_set_kind (item, REF_ITEM_KIND_SIGNATURE);

      ref_pdf_read_item_body (imp, item, body_start, body_end);
      ref_meeting_add_item (imp->meeting, item);
      if (progress)
        progress (0.5 + 0.5 * (h + 1) / headings->len, user_data);
    }
}

/* Titles in the table of contents and at the items must agree; the TOC also says
 * which items are on the closed part of the agenda. */
static guint
cross_check_toc (Importer *imp)
{
  guint agree = 0;
  guint n = ref_meeting_get_n_items (imp->meeting);

  for (guint i = 0; i < imp->toc->len; i++)
    {
      TocEntry *e = &g_array_index (imp->toc, TocEntry, i);
      RefAgendaItem *item = NULL;
      g_autofree char *printed = NULL;

      if (e->number > 0)
        item = ref_meeting_find_item_by_number (imp->meeting, e->number);
      else if (i < n)
        {
          g_autoptr (RefAgendaItem) nth = g_list_model_get_item (ref_meeting_get_items (imp->meeting), i);
          item = nth; /* the store keeps it */
        }
      if (item == NULL)
        {
          importer_warn (imp, 0, e->title, _("The table of contents lists an item that was not found in the text."));
          continue;
        }
      if (e->closed)
        ref_agenda_item_set_closed (item, TRUE);
      printed = g_strdup (ref_agenda_item_get_closed (item) && *ref_agenda_item_get_public_title (item)
                              ? ref_agenda_item_get_public_title (item)
                              : ref_agenda_item_get_title (item));
      if (g_str_equal (e->title, printed) || g_str_equal (e->title, ref_agenda_item_get_title (item)))
        agree++;
      else
        importer_warn (imp, 0, e->title, _("The title in the table of contents differs from the item’s heading."));
    }
  return agree;
}

static void
mark_meeting_kind (Importer *imp)
{
  gboolean any_decision = FALSE;

  for (guint i = 0; i < ref_meeting_get_n_items (imp->meeting); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (imp->meeting), i);
      any_decision |= g_list_model_get_n_items (ref_agenda_item_get_decisions (item)) > 0;
    }
  /* Minutes record decisions; a document without any is an agenda, whatever its
   * title line said or did not say. */
  if (!any_decision)
    ref_meeting_set_kind (imp->meeting, REF_MEETING_KIND_AGENDA);
  else
    ref_meeting_set_kind (imp->meeting, REF_MEETING_KIND_MINUTES);
}

static void
build_vocabulary (Importer *imp)
{
  imp->vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < imp->lines->len; i++)
    {
      g_auto (GStrv) words = g_regex_split (ref_pdf_regex ("[^[:alpha:]]+", 0), importer_line (imp, i)->pdf->text, 0);
      for (guint w = 0; words[w]; w++)
        if (g_utf8_strlen (words[w], -1) > 2)
          g_hash_table_add (imp->vocabulary, g_utf8_strdown (words[w], -1));
    }
}

static void
compute_coverage (Importer *imp, RefPdfImport *result, guint toc_agree)
{
  gsize total = 0, used = 0;
  guint unused_lines = 0;

  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      gsize n;

      if (line->role != ROLE_BODY)
        continue;
      n = ref_pdf_text_count_chars (line->pdf->text);
      total += n;
      if (line->used)
        used += n;
      else if (unused_lines++ < 50)
        importer_warn (imp, line->pdf->page + 1, line->pdf->text, _("This text could not be placed in the meeting."));
    }
  result->coverage = total ? (double) used / total : 0.0;
  /* Confidence: coverage, tempered by how well the TOC agrees and by warnings. */
  result->confidence = result->coverage;
  if (imp->toc->len > 0)
    result->confidence *= 0.5 + 0.5 * (double) toc_agree / imp->toc->len;
  result->confidence *= 1.0 / (1.0 + 0.02 * imp->warnings->len);
}

static RefPdfImport *
import_document (PopplerDocument *document, GCancellable *cancellable, RefPdfImportProgress progress,
                 gpointer user_data, const char *name, GError **error)
{
  Importer imp = { 0 };
  g_autoptr (GArray) headings = NULL;
  RefPdfImport *result = NULL;
  gsize n_chars = 0;
  guint toc_agree;
  guint first_item;

  imp.text = ref_pdf_text_extract (document, cancellable, NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  imp.lines = g_array_new (FALSE, TRUE, sizeof (Line));
  imp.warnings = g_ptr_array_new_with_free_func (warning_free);
  imp.toc = g_array_new (FALSE, TRUE, sizeof (TocEntry));
  imp.item_headings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_array_set_clear_func (imp.toc, toc_entry_clear);
  for (guint i = 0; i < imp.text->lines->len; i++)
    {
      Line line = { g_ptr_array_index (imp.text->lines, i), ROLE_BODY, FALSE };
      g_array_append_val (imp.lines, line);
      n_chars += ref_pdf_text_count_chars (line.pdf->text);
    }
  if (n_chars == 0)
    {
      g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_NO_TEXT,
                   _("“%s” has no text layer (is it a scan?). Only PDFs with text can be imported; "
                     "run it through text recognition (OCR) first."),
                   name);
      goto out;
    }
  if (progress)
    progress (0.4, user_data);

  imp.body_size = dominant_size (&imp, FALSE);
  mark_furniture (&imp);
  for (guint i = 0; i < imp.lines->len; i++)
    if (importer_line (&imp, i)->role == ROLE_BODY)
      imp.right_margin = MAX (imp.right_margin, importer_line (&imp, i)->pdf->x1);
  build_vocabulary (&imp);
  imp.meeting = ref_meeting_new ();

  headings = find_item_headings (&imp);
  if (headings->len == 0)
    {
      g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_NOT_MINUTES,
                   _("“%s” does not look like an agenda or minutes: no agenda items (“Punkt 1: …”, “1. …”) "
                     "were found in its %u pages."),
                   name, imp.text->n_pages);
      goto out;
    }
  first_item = g_array_index (headings, ItemHeading, 0).line;
  if (g_array_index (headings, ItemHeading, 0).case_line != G_MAXUINT)
    first_item = MIN (first_item, g_array_index (headings, ItemHeading, 0).case_line);
  imp.heading_size = dominant_size (&imp, TRUE);

  read_toc (&imp, first_item);
  read_header (&imp, first_item);
  read_running_header (&imp);
  read_items (&imp, headings, cancellable, progress, user_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  toc_agree = cross_check_toc (&imp);
  mark_meeting_kind (&imp);

  if (*ref_meeting_get_committee (imp.meeting) == '\0')
    importer_warn (&imp, 1, NULL, _("The committee’s name was not found."));
  if (ref_meeting_get_start (imp.meeting) == NULL)
    {
      importer_warn (&imp, 1, NULL, _("The meeting date was not found; set it before saving."));
    }

  result = g_new0 (RefPdfImport, 1);
  result->n_pages = imp.text->n_pages;
  compute_coverage (&imp, result, toc_agree);
  ref_history_clear (ref_meeting_get_history (imp.meeting));
  result->meeting = g_steal_pointer (&imp.meeting);
  result->warnings = g_steal_pointer (&imp.warnings);
  result->item_headings = g_steal_pointer (&imp.item_headings);

out:
  g_clear_object (&imp.meeting);
  g_clear_pointer (&imp.warnings, g_ptr_array_unref);
  g_clear_pointer (&imp.lines, g_array_unref);
  g_clear_pointer (&imp.toc, g_array_unref);
  g_clear_pointer (&imp.vocabulary, g_hash_table_unref);
  g_clear_pointer (&imp.item_headings, g_ptr_array_unref);
  g_clear_pointer (&imp.text, ref_pdf_text_free);
  return result;
}

RefPdfImport *
ref_pdf_import_bytes (GBytes *bytes, const char *display_name, GCancellable *cancellable,
                      RefPdfImportProgress progress, gpointer user_data, GError **error)
{
  g_autoptr (GError) poppler_error = NULL;
  PopplerDocument *document;
  RefPdfImport *result;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *name = display_name ? display_name : "?";

  g_return_val_if_fail (bytes != NULL, NULL);
  /* The header may follow a little junk, as readers allow; but it must be there. */
  if (len < 5 || g_strstr_len (data, MIN (len, 1024), "%PDF-") == NULL)
    {
      g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_NOT_PDF, _("“%s” is not a PDF file."), name);
      return NULL;
    }
  document = poppler_document_new_from_bytes (bytes, NULL, &poppler_error);
  if (document == NULL)
    {
      if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_ENCRYPTED,
                     _("“%s” is protected by a password and cannot be imported."), name);
      else
        g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_DAMAGED,
                     _("“%s” is a damaged PDF file that cannot be read (%s)."), name,
                     poppler_error ? poppler_error->message : "");
      return NULL;
    }
  if (progress)
    progress (0.05, user_data);
  result = import_document (document, cancellable, progress, user_data, name, error);
  g_object_unref (document);
  return result;
}

RefPdfImport *
ref_pdf_import_file (GFile *file, GCancellable *cancellable, RefPdfImportProgress progress, gpointer user_data,
                     GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  name = g_file_get_basename (file);
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_IO, _("Could not read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }
  return ref_pdf_import_bytes (bytes, name, cancellable, progress, user_data, error);
}

void
ref_pdf_import_free (RefPdfImport *import)
{
  if (import == NULL)
    return;
  g_clear_object (&import->meeting);
  g_clear_pointer (&import->warnings, g_ptr_array_unref);
  g_clear_pointer (&import->item_headings, g_ptr_array_unref);
  g_free (import);
}

RefMeeting *
ref_pdf_import_get_meeting (RefPdfImport *import)
{
  return import->meeting;
}

GPtrArray *
ref_pdf_import_get_warnings (RefPdfImport *import)
{
  return import->warnings;
}

double
ref_pdf_import_get_confidence (RefPdfImport *import)
{
  return import->confidence;
}

double
ref_pdf_import_get_coverage (RefPdfImport *import)
{
  return import->coverage;
}

guint
ref_pdf_import_get_n_pages (RefPdfImport *import)
{
  return import->n_pages;
}

GPtrArray *
ref_pdf_import_get_item_headings (RefPdfImport *import, guint index)
{
  g_return_val_if_fail (index < import->item_headings->len, NULL);
  return g_ptr_array_index (import->item_headings, index);
}
