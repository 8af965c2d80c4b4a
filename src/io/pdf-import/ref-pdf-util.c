/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ref-pdf-import-private.h"

/* Small helpers shared by the parts of the importer: warnings, dates and times,
 * bounded numbers, case numbers, names, and keys for comparing titles. */

G_LOCK_DEFINE_STATIC (regex_cache);
static GHashTable *regex_cache;

/* A compiled regular expression for a structural @pattern (digits, punctuation; the
 * Danish words are in ref-pdf-vocabulary.c), cached for the life of the process. */
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
      re = g_regex_new (pattern, flags, 0, &error);
      g_assert_no_error (error); /* patterns are constants of the importer */
      g_hash_table_insert (regex_cache, g_steal_pointer (&key), re);
    }
  G_UNLOCK (regex_cache);
  return re;
}

void
importer_warn (Importer *imp, guint page, const char *text, const char *reason)
{
  RefImportWarning *w = g_new0 (RefImportWarning, 1);

  w->page = MIN (page, imp->text->n_pages);
  w->text = g_strdup (text ? text : "");
  w->reason = g_strdup (reason);
  g_ptr_array_add (imp->warnings, w);
}

Line *
importer_line (Importer *imp, guint index)
{
  return &g_array_index (imp->lines, Line, index);
}

/* A number read from a PDF, or 0 when it is not one or larger than @max: whatever
 * the file says, the model gets a value its reader accepts again. */
guint
ref_pdf_parse_number (const char *digits, guint max)
{
  guint64 value;
  char *end = NULL;

  if (digits == NULL || !g_ascii_isdigit (*digits))
    return 0;
  value = g_ascii_strtoull (digits, &end, 10);
  if (value > max)
    return 0;
  return (guint) value;
}

static gboolean
date_from_match (GMatchInfo *m, gboolean named, int *year, int *month, int *day)
{
  g_autofree char *d = g_match_info_fetch_named (m, "d");
  g_autofree char *y = g_match_info_fetch_named (m, "y");
  guint yy = ref_pdf_parse_number (y, 9999);

  if (named)
    {
      g_autofree char *name = g_match_info_fetch_named (m, "name");
      *month = ref_pdf_month_from_name (name);
    }
  else
    {
      g_autofree char *mo = g_match_info_fetch_named (m, "m");
      *month = (int) ref_pdf_parse_number (mo, 12);
    }
  *day = (int) ref_pdf_parse_number (d, 31);
  if (y != NULL && strlen (y) == 2)
    yy += 2000;
  *year = (int) yy;
  return *month > 0 && *day > 0 && *year >= 1000 && g_date_valid_dmy ((GDateDay) *day, (GDateMonth) *month, (GDateYear) *year);
}

/* The first valid date in @text: "05-05-2021", "5.5.21", "2021-05-05", "6. september
 * 2021", "Tirsdag d. 06. maj 2025". @end (may be NULL) gets the byte offset after it. */
gboolean
ref_pdf_parse_danish_date (const char *text, int *year, int *month, int *day, gsize *end)
{
  static const RefVocabPattern forms[] = { REF_VOCAB_DATE_ISO, REF_VOCAB_DATE_NUMERIC, REF_VOCAB_DATE_NAMED };
  int best_start = G_MAXINT, best_end = 0;
  int y = 0, mo = 0, d = 0;

  if (text == NULL)
    return FALSE;
  for (gsize f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      g_autoptr (GMatchInfo) m = NULL;

      g_regex_match (ref_pdf_vocab (forms[f]), text, 0, &m);
      for (; g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          int start, stop, yy, mm, dd;

          g_match_info_fetch_pos (m, 0, &start, &stop);
          if (start >= best_start)
            break;
          if (date_from_match (m, forms[f] == REF_VOCAB_DATE_NAMED, &yy, &mm, &dd))
            {
              best_start = start;
              best_end = stop;
              y = yy, mo = mm, d = dd;
              break;
            }
        }
    }
  if (best_start == G_MAXINT)
    return FALSE;
  *year = y, *month = mo, *day = d;
  if (end != NULL)
    *end = (gsize) best_end;
  return TRUE;
}

/* "kl. 13:00", "Kl. 16.00", "13:00-15:00" → minutes after midnight of the first
 * time of day; -1 if there is none. */
int
ref_pdf_parse_time (const char *text)
{
  g_autoptr (GMatchInfo) m = NULL;

  if (text == NULL)
    return -1;
  g_regex_match (ref_pdf_vocab (REF_VOCAB_TIME), text, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *h = g_match_info_fetch_named (m, "h"), *mi = g_match_info_fetch_named (m, "min");
      guint hours = ref_pdf_parse_number (h, 99), minutes = ref_pdf_parse_number (mi, 99);

      if (hours < 24 && minutes < 60)
        return (int) (hours * 60 + minutes);
    }
  return -1;
}

GDateTime *
ref_pdf_date_time (int year, int month, int day, int minutes)
{
  if (minutes < 0)
    minutes = 0;
  return g_date_time_new_utc (year, month, day, minutes / 60, minutes % 60, 0);
}

/* A case number in @text: "20/22278", "00.05.00-P35-2-24", "Sagsnr.: 299835",
 * "Sags ID: EMN-2025-003383". @rest (may be NULL) gets what follows a labelled
 * number on the same line ("Åbent punkt"). NULL when @text is not one. */
char *
ref_pdf_case_number (const char *text, char **rest)
{
  g_autoptr (GMatchInfo) m = NULL;

  if (rest != NULL)
    *rest = NULL;
  if (ref_pdf_vocab_match (REF_VOCAB_CASE_LABELLED, text, &m))
    {
      if (rest != NULL)
        *rest = ref_pdf_vocab_group (m, "rest");
      return ref_pdf_vocab_group (m, "value");
    }
  if (ref_pdf_vocab_match (REF_VOCAB_CASE_NUMBER, text, &m))
    return ref_pdf_vocab_group (m, "value");
  return NULL;
}

/* Splits "A (x), B (y, z) og C" at top-level commas, semicolons and " og ". */
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

char *
ref_pdf_strip_parentheses (const char *name)
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
  g_autofree char *name = ref_pdf_strip_parentheses (written);
  g_auto (GStrv) want = g_strsplit (name, " ", -1);
  GListModel *list = ref_meeting_get_participants (meeting);
  RefParticipant *best = NULL;
  guint best_score = G_MAXUINT;

  if (*name == '\0' || strlen (name) > 200)
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
      else if (strlen (full) > 200)
        continue;
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

/* A key for comparing titles as printed in different places (table of contents,
 * outline, heading): case folded, dashes and spaces unified, soft line-end hyphens
 * and dot leaders gone. */
char *
ref_pdf_match_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          space = key->len > 0;
          continue;
        }
      if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011)
        c = '-';
      if (c == 0x00AD || c == 0x2026)
        continue;
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }
  /* Dot leaders and a closing full stop do not belong to the title. */
  while (key->len > 0 && (key->str[key->len - 1] == '.' || key->str[key->len - 1] == ' '))
    g_string_truncate (key, key->len - 1);
  return g_string_free (key, FALSE);
}

/* Whether a line (its key) shows the title (its key): the whole title, or the start of
 * a title that wraps onto the next line (@complete FALSE then). */
gboolean
ref_pdf_title_matches (const char *line_key, const char *title_key, gboolean *complete)
{
  gsize ll = strlen (line_key), tl = strlen (title_key);

  *complete = FALSE;
  if (tl == 0 || ll == 0)
    return FALSE;
  if (g_str_has_prefix (line_key, title_key))
    {
      *complete = TRUE;
      /* The title and maybe a marker after it, not a longer title. */
      return ll == tl || line_key[tl] == ' ' || line_key[tl] == '\t';
    }
  /* A wrapped heading: its first line is the start of the title. A line broken
   * after a hyphen ("anlægs-") keeps it. */
  if (ll >= MIN (tl, (gsize) 12) && g_str_has_prefix (title_key, line_key))
    return TRUE;
  if (ll > 1 && line_key[ll - 1] == '-')
    {
      g_autofree char *cut = g_strndup (line_key, ll - 1);
      return ll >= 12 && g_str_has_prefix (title_key, cut);
    }
  return FALSE;
}
