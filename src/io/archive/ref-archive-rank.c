/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref-archive-private.h"

/*
 * Ranking and filtering of full-text matches.
 *
 * A query for a common word matches most of the archive, and FTS5's own bm25() reads
 * each matching document's length from the index's tables, one lookup per document:
 * 70 ms for 34,000 matches. Here the facts a ranking and the filters need about each
 * item — its length in words, date, committee, case number, kind, outcome, open or
 * closed — are read once into memory (RefArchiveRows, a few bytes per item). The rank
 * function "referent_rank" leaves out the items the filters exclude and keeps, of each
 * other match, its length and how often each phrase of the query occurs in it; then
 * the scores are computed exactly as FTS5's bm25() does (k1 1.2, b 0.75, the column
 * weights below) and the best kept in a small heap, in C. Scoring after every match
 * was seen lets the matches tell how rare each phrase is where they can: a phrase in
 * half of the items or more has the least rarity bm25() gives, whatever its exact
 * count, so the words found in nearly every item are not counted again.
 */

/* Weights of a match in the title, the body and the decision. */
static const double column_weights[] = { 4.0, 1.0, 2.0 };
#define BM25_K1 1.2
#define BM25_B 0.75

typedef struct {
  guint32 date;      /* yyyymmdd, 0 for none */
  guint32 committee; /* interned key; 0 for none */
  guint32 case_id;   /* interned key; 0 for none */
  guint32 length;    /* words in all columns */
  guint8 kind;       /* index into kinds[] + 1; 0 for none */
  guint8 outcome;    /* RefCaptionOutcome-like index into outcomes[] + 1; 0 for none */
  guint8 closed;
  guint8 present;
} Row;

struct _RefArchiveRows {
  GArray *rows; /* Row, indexed by item id */
  guint n_rows;
  double total_length;
  GHashTable *committees; /* key → id */
  GHashTable *cases;      /* key → id */
  GPtrArray *case_keys;   /* id → key */
};

static const char *const kinds[] = { "decision", "orientation", "discussion", "signature", NULL };
static const char *const outcomes[] = { "approved", "recommended", "noted", "postponed", "rejected", "forwarded", NULL };

static guint8
nick_index (const char *const *nicks, const char *nick)
{
  for (guint i = 0; nick != NULL && nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      return (guint8) (i + 1);
  return 0;
}

/* "2025-05-06" → 20250506; 0 for anything else. (Called for every item when the rows
 * are loaded: no sscanf.) */
static guint32
parse_day (const char *date)
{
  static const int digits[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  guint32 value = 0;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return 0;
  for (gsize i = 0; i < G_N_ELEMENTS (digits); i++)
    {
      char c = date[digits[i]];

      if (!g_ascii_isdigit (c))
        return 0;
      value = value * 10 + (guint32) (c - '0');
    }
  return value;
}

static guint32
intern (GHashTable *table, GPtrArray *keys, const char *key)
{
  gpointer id;

  if (key == NULL || *key == '\0')
    return 0;
  if (g_hash_table_lookup_extended (table, key, NULL, &id))
    return GPOINTER_TO_UINT (id);
  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (g_hash_table_size (table) + 1));
  if (keys != NULL)
    g_ptr_array_add (keys, g_strdup (key));
  return g_hash_table_size (table);
}

void
ref_archive_rows_free (RefArchiveRows *rows)
{
  if (rows == NULL)
    return;
  g_array_unref (rows->rows);
  g_hash_table_unref (rows->committees);
  g_hash_table_unref (rows->cases);
  g_ptr_array_unref (rows->case_keys);
  g_free (rows);
}

RefArchiveRows *
ref_archive_rows_load (sqlite3 *db, int *rc_out)
{
  RefArchiveRows *rows = g_new0 (RefArchiveRows, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rows->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  rows->committees = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rows->cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rows->case_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (rows->case_keys, g_strdup ("")); /* id 0: none */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, date, committee_key, case_key, CASE WHEN item_kind = 'signature' THEN"
                           " 'signature' ELSE case_type END, outcome, closed, words FROM items",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Row *row;

      rc = SQLITE_OK;
      if (id <= 0 || id > G_MAXINT32)
        continue;
      if ((guint) id >= rows->rows->len)
        g_array_set_size (rows->rows, (guint) id + 1);
      row = &g_array_index (rows->rows, Row, id);
      row->date = parse_day ((const char *) sqlite3_column_text (stmt, 1));
      row->committee = intern (rows->committees, NULL, (const char *) sqlite3_column_text (stmt, 2));
      row->case_id = intern (rows->cases, rows->case_keys, (const char *) sqlite3_column_text (stmt, 3));
      row->kind = nick_index (kinds, (const char *) sqlite3_column_text (stmt, 4));
      row->outcome = nick_index (outcomes, (const char *) sqlite3_column_text (stmt, 5));
      row->closed = sqlite3_column_int (stmt, 6) != 0;
      row->length = (guint32) MAX (0, sqlite3_column_int64 (stmt, 7));
      row->present = TRUE;
      rows->n_rows++;
      rows->total_length += row->length;
    }
  sqlite3_finalize (stmt);
  if (rc_out)
    *rc_out = rc == SQLITE_DONE ? SQLITE_OK : rc;
  if (rc != SQLITE_DONE)
    {
      ref_archive_rows_free (rows);
      return NULL;
    }
  return rows;
}

/* ---- one query's ranking: its filters, what is known of its phrases ---- */

/* Places of a word in a row, as FTS5's (column << 32) + offset, in order. */
typedef struct {
  gint64 *data;
  guint len, size;
} Places;

static void
places_reserve (Places *places, guint size)
{
  if (size > places->size)
    {
      places->size = MAX (size, 2 * places->size);
      places->data = g_renew (gint64, places->data, places->size);
    }
}

struct _RefArchiveRanking {
  guint32 committee; /* 0: any; G_MAXUINT32: one the archive does not have */
  guint32 from, to;  /* yyyymmdd; 0: open */
  guint32 case_id;   /* 0: any; G_MAXUINT32: none the archive has */
  char *case_prefix; /* or items whose case number starts so */
  guint8 kind, outcome;
  int closed; /* -1 any */
  gboolean filtered;
  double n_rows;

  /* The phrases of the query, in FTS5's order. */
  int n_phrases;
  /* The query is one phrase: every match contains it, so how many contain it is
   * counted while ranking, and the scores are scaled by its rarity afterwards. */
  gboolean single_phrase;
  gint64 n_matches;
  /* Per phrase: how many items contain it, where counted (-1 where not); how many of
   * the matches the filters let through contain it; its rarity, once known. */
  gint64 *doc_counts;
  gint64 *n_present;
  double *idf;
  gboolean idf_known; /* FTS5's phrases were not the caller's: counted by the rank function */
  gboolean phrases_checked;
  /* Per phrase: how many of FTS5's phrases it is, one per word where the caller gave
   * FTS5 its words instead of the phrase (ref_archive_ranking_split_phrase()); FTS5's
   * phrases in all; whether they were not what the caller said. */
  int *parts;
  int n_fts_phrases;
  gboolean phrases_differ;
  Places places[2]; /* scratch */
  double *split_freq; /* scratch: per phrase */

  /* The matches the filters let through, in the order FTS5 gives them: their ids,
   * and for each its length norm and the weighted matches of each phrase
   * (1 + n_phrases doubles). */
  GArray *ids;
  GArray *terms;

  /* Rows whose matches were counted both from the raw position lists and through
   * xPhraseNext, and whether the two agreed on every one (see count_matches()). */
  guint n_checked;
  gboolean raw_differs;
};

void
ref_archive_ranking_free (RefArchiveRanking *ranking)
{
  if (ranking == NULL)
    return;
  g_free (ranking->case_prefix);
  g_free (ranking->doc_counts);
  g_free (ranking->n_present);
  g_free (ranking->idf);
  g_free (ranking->parts);
  g_free (ranking->split_freq);
  for (guint i = 0; i < G_N_ELEMENTS (ranking->places); i++)
    g_free (ranking->places[i].data);
  g_array_unref (ranking->ids);
  g_array_unref (ranking->terms);
  g_free (ranking);
}

RefArchiveRanking *
ref_archive_ranking_new (RefArchiveRows *rows, const char *committee_key, const char *from, const char *to,
                         const char *case_key, gboolean case_prefix, const char *kind, const char *outcome,
                         int closed)
{
  RefArchiveRanking *ranking = g_new0 (RefArchiveRanking, 1);
  gpointer id;

  if (committee_key != NULL)
    ranking->committee = g_hash_table_lookup_extended (rows->committees, committee_key, NULL, &id)
                             ? GPOINTER_TO_UINT (id)
                             : G_MAXUINT32;
  ranking->from = parse_day (from);
  ranking->to = parse_day (to);
  if (case_key != NULL && case_prefix)
    ranking->case_prefix = g_strdup (case_key);
  else if (case_key != NULL)
    ranking->case_id = g_hash_table_lookup_extended (rows->cases, case_key, NULL, &id) ? GPOINTER_TO_UINT (id)
                                                                                        : G_MAXUINT32;
  ranking->kind = nick_index (kinds, kind);
  ranking->outcome = nick_index (outcomes, outcome);
  ranking->closed = closed;
  ranking->filtered = committee_key || from || to || case_key || kind || outcome || closed >= 0;
  ranking->n_rows = rows->n_rows;
  ranking->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ranking->terms = g_array_new (FALSE, FALSE, sizeof (double));
  ref_archive_ranking_set_phrases (ranking, 0, FALSE);
  return ranking;
}

void
ref_archive_ranking_set_phrases (RefArchiveRanking *ranking, int n_phrases, gboolean single_phrase)
{
  ranking->n_phrases = MAX (0, n_phrases);
  ranking->single_phrase = single_phrase && n_phrases == 1;
  g_free (ranking->doc_counts);
  g_free (ranking->n_present);
  g_free (ranking->idf);
  ranking->doc_counts = g_new (gint64, MAX (1, ranking->n_phrases));
  for (int i = 0; i < ranking->n_phrases; i++)
    ranking->doc_counts[i] = -1;
  ranking->n_present = g_new0 (gint64, MAX (1, ranking->n_phrases));
  ranking->idf = g_new0 (double, MAX (1, ranking->n_phrases));
  ranking->idf_known = FALSE;
  g_free (ranking->parts);
  ranking->parts = g_new (int, MAX (1, ranking->n_phrases));
  for (int i = 0; i < ranking->n_phrases; i++)
    ranking->parts[i] = 1;
  ranking->n_fts_phrases = ranking->n_phrases;
  g_free (ranking->split_freq);
  ranking->split_freq = g_new0 (double, MAX (1, ranking->n_phrases));
}

void
ref_archive_ranking_split_phrase (RefArchiveRanking *ranking, int phrase, int n_words)
{
  g_return_if_fail (phrase >= 0 && phrase < ranking->n_phrases && n_words >= 1);
  ranking->n_fts_phrases += n_words - ranking->parts[phrase];
  ranking->parts[phrase] = n_words;
}

gboolean
ref_archive_ranking_phrases_differ (RefArchiveRanking *ranking)
{
  return ranking->phrases_differ;
}

static double
idf_of (double n_rows, double hits)
{
  double idf = log ((n_rows - hits + 0.5) / (hits + 0.5));

  /* As bm25(): a phrase in most rows still counts a little. */
  return idf <= 0.0 ? 1e-6 : idf;
}

/* Whether a phrase in at least @hits of @n_rows items has the least rarity there is
 * (idf_of() gives 1e-6): from half of the items on. Exact: both sides are whole
 * numbers. */
static gboolean
idf_floored (double n_rows, gint64 hits)
{
  return 2.0 * (double) hits >= n_rows;
}

gboolean
ref_archive_ranking_needs_doc_count (RefArchiveRanking *ranking, int phrase, gint64 *enough)
{
  if (ranking->single_phrase || ranking->idf_known || phrase < 0 || phrase >= ranking->n_phrases
      || ranking->doc_counts[phrase] >= 0)
    return FALSE;
  /* In no match: it adds nothing to any score, however rare (an excluded word). */
  if (ranking->n_present[phrase] == 0)
    return FALSE;
  /* Known to be in half the items or more already. */
  if (idf_floored (ranking->n_rows, ranking->n_present[phrase]))
    return FALSE;
  *enough = ((gint64) ranking->n_rows + 1) / 2;
  return TRUE;
}

/* The BM25 score of a match: scaled by the phrase's rarity for a single-phrase query,
 * once every match was seen. */
static double
finish_score (RefArchiveRanking *ranking, double score)
{
  if (ranking->single_phrase)
    return score * idf_of (ranking->n_rows, (double) ranking->n_matches);
  return score;
}

void
ref_archive_ranking_set_doc_count (RefArchiveRanking *ranking, int phrase, gint64 count)
{
  g_return_if_fail (phrase >= 0 && phrase < ranking->n_phrases);
  ranking->doc_counts[phrase] = count;
}

static gboolean
ranking_accepts (RefArchiveRows *rows, const RefArchiveRanking *ranking, const Row *row)
{
  if (ranking == NULL || !ranking->filtered)
    return TRUE;
  if (ranking->committee != 0 && row->committee != ranking->committee)
    return FALSE;
  if (ranking->from != 0 && (row->date == 0 || row->date < ranking->from))
    return FALSE;
  if (ranking->to != 0 && (row->date == 0 || row->date > ranking->to))
    return FALSE;
  if (ranking->case_id != 0 && row->case_id != ranking->case_id)
    return FALSE;
  if (ranking->case_prefix != NULL
      && (row->case_id == 0
          || !g_str_has_prefix (g_ptr_array_index (rows->case_keys, row->case_id), ranking->case_prefix)))
    return FALSE;
  if (ranking->kind != 0 && row->kind != ranking->kind)
    return FALSE;
  if (ranking->outcome != 0 && row->outcome != ranking->outcome)
    return FALSE;
  if (ranking->closed >= 0 && row->closed != ranking->closed)
    return FALSE;
  return TRUE;
}

/* ---- the rank function ---- */

/* The matches of a phrase in a row, weighted by column. Through xPhraseNext they cost
 * a call and a varint decoded through FTS5 per match: for a word in every item, most
 * of the time of a query. Counting needs no offsets, so here they are counted from
 * the position list the iterator walks, which is FTS5's documented file format
 * (detail=full): varints of offset + 2 in the current column, and 0x01 followed by a
 * column number to change column; xPhraseFirst has read the first match already.
 * The iterator's fields are FTS5's own, not a promise: the first rows of each query
 * are counted both ways, and a difference (another SQLite) falls back to
 * xPhraseNext for the rest of the query. */
#define RAW_CHECKED_ROWS 16

/* How many varints end in [@p, @end): each ends in the one byte of it below 0x80
 * (positions are far below 2^56, which would take the 9-byte form). */
static inline guint
count_varint_ends (const guchar *p, const guchar *end)
{
  guint n = 0;

  for (; p < end; p++)
    n += *p < 0x80;
  return n;
}

/* The column counts of the matches after the first, from the raw list; FALSE when the
 * list does not read as a position list. */
static gboolean
count_raw (const guchar *p, const guchar *end, int column, guint *counts, guint n_columns)
{
  if (p == NULL || p >= end)
    return p == end;
  /* The last varint is whole. */
  if (end[-1] >= 0x80)
    return FALSE;
  while (p < end)
    {
      const guchar *marker = memchr (p, 0x01, end - p);
      guint n;

      /* A 0x01 that ends a longer varint is an offset, not a change of column. */
      while (marker != NULL && marker > p && (marker[-1] & 0x80) != 0)
        marker = marker + 1 < end ? memchr (marker + 1, 0x01, end - (marker + 1)) : NULL;
      n = count_varint_ends (p, marker != NULL ? marker : end);
      if ((guint) column < n_columns)
        counts[column] += n;
      if (marker == NULL)
        break;
      /* A column of fewer than 128 (the index has three): one byte; then an offset. */
      if (marker + 2 >= end || (marker[1] & 0x80) != 0)
        return FALSE;
      column = marker[1];
      p = marker + 2;
    }
  return TRUE;
}

static int
count_matches (const Fts5ExtensionApi *api, Fts5Context *context, RefArchiveRanking *ranking, int phrase,
               double *freq_out)
{
  Fts5PhraseIter iter, raw;
  int column = -1, offset = -1;
  guint counts[G_N_ELEMENTS (column_weights)] = { 0 };
  gboolean checking = ranking == NULL || ranking->raw_differs || ranking->n_checked < RAW_CHECKED_ROWS;
  gboolean raw_ok;
  double freq = 0;
  int rc = api->xPhraseFirst (context, phrase, &iter, &column, &offset);

  if (rc != SQLITE_OK || column < 0)
    {
      *freq_out = 0;
      return rc;
    }
  if ((guint) column < G_N_ELEMENTS (column_weights))
    counts[column]++;
  raw = iter;
  raw_ok = ranking != NULL && !ranking->raw_differs
           && count_raw (raw.a, raw.b, column, counts, G_N_ELEMENTS (column_weights));
  for (guint i = 0; i < G_N_ELEMENTS (column_weights); i++)
    freq += counts[i] * column_weights[i];
  if (raw_ok && !checking)
    {
      *freq_out = freq;
      return SQLITE_OK;
    }
  {
    double api_freq = 0;

    for (; column >= 0; api->xPhraseNext (context, &iter, &column, &offset))
      if (column < (int) G_N_ELEMENTS (column_weights))
        api_freq += column_weights[column];
    if (ranking != NULL && !ranking->raw_differs)
      {
        ranking->raw_differs = !raw_ok || api_freq != freq;
        if (ranking->raw_differs)
          g_debug ("FTS5 position lists read differently: matches counted through xPhraseNext");
      }
    *freq_out = api_freq;
  }
  return SQLITE_OK;
}

/* Appends the places the raw position list [@p, @end) holds after the first (in
 * @column at @offset); FALSE when it does not read as a position list. */
static gboolean
places_raw (const guchar *p, const guchar *end, int column, int offset, Places *places)
{
  gint64 *out = places->data;
  guint n = places->len;

  /* The caller made room for a place a byte. */
  while (p < end)
    {
      guint32 value;

      if (*p == 0x01)
        {
          if (p + 2 >= end || (p[1] & 0x80) != 0)
            return FALSE;
          column = p[1];
          offset = 0;
          p += 2;
        }
      if (*p < 0x80)
        value = *p++;
      else
        {
          int i;

          value = 0;
          for (i = 0; i < 5 && p < end; i++)
            {
              guchar byte = *p++;

              value = (value << 7) | (byte & 0x7f);
              if ((byte & 0x80) == 0)
                break;
            }
          if (i == 5 || (p[-1] & 0x80) != 0)
            return FALSE;
        }
      if (value < 2)
        return FALSE;
      offset += (int) (value - 2);
      out[n++] = ((gint64) column << 32) + offset;
    }
  places->len = n;
  return TRUE;
}

/* The places of FTS5's phrase @fts_phrase (one word) in the row: from the raw position
 * list as count_matches() reads it, checked the same way. */
static int
read_places (const Fts5ExtensionApi *api, Fts5Context *context, RefArchiveRanking *ranking, int fts_phrase,
             Places *places)
{
  Fts5PhraseIter iter;
  int column = -1, offset = -1;
  gboolean checking = ranking->raw_differs || ranking->n_checked < RAW_CHECKED_ROWS;
  gboolean raw_ok = FALSE;
  int rc = api->xPhraseFirst (context, fts_phrase, &iter, &column, &offset);
  g_autoptr (GArray) through_api = NULL;

  places->len = 0;
  if (rc != SQLITE_OK || column < 0)
    return rc;
  places_reserve (places, 1 + (guint) (iter.a != NULL && iter.b > iter.a ? iter.b - iter.a : 0));
  places->data[places->len++] = ((gint64) column << 32) + offset;
  if (!ranking->raw_differs)
    raw_ok = iter.a != NULL && iter.b > iter.a ? places_raw (iter.a, iter.b, column, offset, places)
                                                : iter.a == iter.b;
  if (raw_ok && !checking)
    return SQLITE_OK;
  through_api = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (; column >= 0; api->xPhraseNext (context, &iter, &column, &offset))
    {
      gint64 place = ((gint64) column << 32) + offset;
      g_array_append_val (through_api, place);
    }
  if (!ranking->raw_differs
      && (!raw_ok || through_api->len != places->len
          || memcmp (through_api->data, places->data, sizeof (gint64) * places->len) != 0))
    {
      ranking->raw_differs = TRUE;
      g_debug ("FTS5 position lists read differently: places read through xPhraseNext");
    }
  places_reserve (places, through_api->len);
  memcpy (places->data, through_api->data, sizeof (gint64) * through_api->len);
  places->len = through_api->len;
  return SQLITE_OK;
}

/* The matches of a phrase whose @n_words words FTS5 was given one by one (FTS5's
 * phrases @first ...), weighted by column: the places of the first word followed by
 * the second at the next place and so on, in one column, as FTS5 matches a phrase. */
static int
count_phrase_of_words (const Fts5ExtensionApi *api, Fts5Context *context, RefArchiveRanking *ranking, int first,
                       int n_words, double *freq_out)
{
  Places *candidates = &ranking->places[0], *word = &ranking->places[1];
  double freq = 0;
  int rc = read_places (api, context, ranking, first, candidates);

  for (int w = 1; rc == SQLITE_OK && w < n_words && candidates->len > 0; w++)
    {
      guint kept = 0, at = 0;

      rc = read_places (api, context, ranking, first + w, word);
      for (guint c = 0; rc == SQLITE_OK && c < candidates->len; c++)
        {
          gint64 wanted = candidates->data[c] + w;

          while (at < word->len && word->data[at] < wanted)
            at++;
          if (at < word->len && word->data[at] == wanted)
            candidates->data[kept++] = candidates->data[c];
        }
      candidates->len = kept;
    }
  for (guint c = 0; rc == SQLITE_OK && c < candidates->len; c++)
    {
      gint64 column = candidates->data[c] >> 32;

      if (column >= 0 && column < (gint64) G_N_ELEMENTS (column_weights))
        freq += column_weights[column];
    }
  *freq_out = freq;
  return rc;
}

static int
count_row (const Fts5ExtensionApi *api, Fts5Context *context, void *data)
{
  (*(gint64 *) data)++;
  return SQLITE_OK;
}

/* Once per query: the caller's phrases must be FTS5's, or the rarity of each is
 * counted here, with xQueryPhrase, as bm25() does. */
static int
check_phrases (const Fts5ExtensionApi *api, Fts5Context *context, RefArchiveRows *rows, RefArchiveRanking *ranking)
{
  int n_phrases, rc = SQLITE_OK;

  if (ranking->phrases_checked)
    return SQLITE_OK;
  ranking->phrases_checked = TRUE;
  n_phrases = api->xPhraseCount (context);
  if (n_phrases == ranking->n_fts_phrases)
    return SQLITE_OK;
  if (ranking->n_fts_phrases != ranking->n_phrases)
    {
      /* Words of a phrase given one by one are not FTS5's: the caller asks again. */
      ranking->phrases_differ = TRUE;
      return SQLITE_OK;
    }
  /* Other phrases than the caller's. */
    {
      g_debug ("FTS5 reads the query as %d phrases, not %d: counting their items while ranking", n_phrases,
               ranking->n_phrases);
      ref_archive_ranking_set_phrases (ranking, n_phrases, FALSE);
      for (int i = 0; i < n_phrases && rc == SQLITE_OK; i++)
        {
          gint64 hits = 0;

          rc = api->xQueryPhrase (context, i, &hits, count_row);
          ranking->idf[i] = idf_of (rows->n_rows, (double) hits);
        }
      ranking->idf_known = TRUE;
    }
  return rc;
}

/* referent_rank(items_fts, ranking): keeps what BM25 needs of the row in the ranking
 * (a pointer bound with the type "referent_ranking"), unless its filters exclude the
 * row; the index is the function's data. Returns 0, so that in a WHERE clause it
 * keeps no row: the best are picked from the ranking afterwards
 * (ref_archive_ranking_take_best()), when the rarity of each phrase is known. */
static void
rank_function (const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int n_args,
               sqlite3_value **args)
{
  RefArchiveIndex *index = api->xUserData (context);
  RefArchiveRows *rows = ref_archive_index_peek_rows (index);
  RefArchiveRanking *ranking = n_args > 0 ? sqlite3_value_pointer (args[0], "referent_ranking") : NULL;
  sqlite3_int64 rowid = api->xRowid (context);
  gboolean split = FALSE;
  const Row *row;
  double avg_length, *terms;
  guint at;
  int rc;

  sqlite3_result_int (result, 0);
  if (ranking == NULL || rows == NULL)
    return;
  if ((rc = check_phrases (api, context, rows, ranking)) != SQLITE_OK)
    {
      sqlite3_result_error_code (result, rc);
      return;
    }
  if (ranking->phrases_differ)
    return;
  /* A phrase given as its words: a match only where they follow each other. */
  for (int phrase = 0, fts = 0; phrase < ranking->n_phrases; fts += ranking->parts[phrase++])
    if (ranking->parts[phrase] > 1)
      {
        rc = count_phrase_of_words (api, context, ranking, fts, ranking->parts[phrase], &ranking->split_freq[phrase]);
        if (rc != SQLITE_OK)
          {
            sqlite3_result_error_code (result, rc);
            return;
          }
        if (ranking->split_freq[phrase] == 0)
          return;
        split = TRUE;
      }
  ranking->n_matches++;
  if (rowid <= 0 || rowid >= rows->rows->len)
    return;
  row = &g_array_index (rows->rows, Row, rowid);
  if (!row->present || !ranking_accepts (rows, ranking, row))
    return;
  at = ranking->terms->len;
  g_array_set_size (ranking->terms, at + 1 + ranking->n_phrases);
  terms = &g_array_index (ranking->terms, double, at);
  avg_length = rows->n_rows > 0 ? rows->total_length / rows->n_rows : 1.0;
  terms[0] = 1.0 - BM25_B + BM25_B * row->length / MAX (avg_length, 1.0);
  for (int phrase = 0, fts = 0; phrase < ranking->n_phrases; fts += ranking->parts[phrase++])
    {
      if (split && ranking->parts[phrase] > 1)
        terms[1 + phrase] = ranking->split_freq[phrase];
      else if ((rc = count_matches (api, context, ranking, fts, &terms[1 + phrase])) != SQLITE_OK)
        {
          g_array_set_size (ranking->terms, at);
          sqlite3_result_error_code (result, rc);
          return;
        }
      if (terms[1 + phrase] > 0)
        ranking->n_present[phrase]++;
    }
  if (ranking->n_checked < RAW_CHECKED_ROWS)
    ranking->n_checked++;
  g_array_append_val (ranking->ids, rowid);
}

/* ---- the best matches ---- */

typedef struct {
  double score; /* before finish_score() */
  gint64 id;
} Scored;

/* Better: a higher score; of equal ones, the item indexed first (as SQL's ORDER BY
 * score DESC gave them, in FTS5's order). */
static inline gboolean
scored_better (const Scored *a, const Scored *b)
{
  return a->score > b->score || (a->score == b->score && a->id < b->id);
}

static int
compare_scored (gconstpointer a, gconstpointer b)
{
  return scored_better (a, b) ? -1 : scored_better (b, a) ? 1 : 0;
}

/* A heap of the @n best so far, the worst on top. */
static void
heap_sift_down (Scored *heap, guint n, guint i)
{
  for (;;)
    {
      guint worst = i, left = 2 * i + 1, right = left + 1;

      if (left < n && scored_better (&heap[worst], &heap[left]))
        worst = left;
      if (right < n && scored_better (&heap[worst], &heap[right]))
        worst = right;
      if (worst == i)
        return;
      {
        Scored swap = heap[i];
        heap[i] = heap[worst];
        heap[worst] = swap;
      }
      i = worst;
    }
}

static void
heap_sift_up (Scored *heap, guint i)
{
  while (i > 0 && scored_better (&heap[(i - 1) / 2], &heap[i]))
    {
      Scored swap = heap[i];
      heap[i] = heap[(i - 1) / 2];
      heap[(i - 1) / 2] = swap;
      i = (i - 1) / 2;
    }
}

static void
resolve_idf (RefArchiveRanking *ranking)
{
  if (ranking->idf_known)
    return;
  for (int i = 0; i < ranking->n_phrases; i++)
    {
      if (ranking->single_phrase)
        ranking->idf[i] = 1.0; /* scaled afterwards: finish_score() */
      else if (ranking->doc_counts[i] >= 0)
        ranking->idf[i] = idf_of (ranking->n_rows, (double) ranking->doc_counts[i]);
      else
        /* In half the items or more (ref_archive_ranking_needs_doc_count()), or in no
         * match, where any rarity gives the same scores. */
        ranking->idf[i] = 1e-6;
    }
  ranking->idf_known = TRUE;
}

void
ref_archive_ranking_take_best (RefArchiveRanking *ranking, guint offset, guint limit, GArray *ids, GArray *scores)
{
  guint n_best = offset + MIN (limit, G_MAXUINT - offset), n = 0;
  guint stride = 1 + ranking->n_phrases;
  g_autofree Scored *heap = NULL;

  resolve_idf (ranking);
  heap = g_new (Scored, MAX (1, MIN (n_best, ranking->ids->len)));
  for (guint m = 0; n_best > 0 && m < ranking->ids->len; m++)
    {
      const double *terms = &g_array_index (ranking->terms, double, m * stride);
      Scored match = { 0, g_array_index (ranking->ids, gint64, m) };

      /* Exactly as FTS5's bm25(), term by term in the order of the phrases. */
      for (int i = 0; i < ranking->n_phrases; i++)
        match.score += ranking->idf[i] * (terms[1 + i] * (BM25_K1 + 1.0)) / (terms[1 + i] + BM25_K1 * terms[0]);
      if (n < n_best)
        {
          heap[n] = match;
          heap_sift_up (heap, n++);
        }
      else if (scored_better (&match, &heap[0]))
        {
          heap[0] = match;
          heap_sift_down (heap, n, 0);
        }
    }
  qsort (heap, n, sizeof (Scored), compare_scored);
  for (guint i = offset; i < n; i++)
    {
      double score = -finish_score (ranking, heap[i].score); /* as bm25(): lower is better */

      g_array_append_val (ids, heap[i].id);
      g_array_append_val (scores, score);
    }
  g_array_set_size (ranking->ids, 0);
  g_array_set_size (ranking->terms, 0);
}

/* referent_wanted(set, rowid): whether @rowid is in the set (a GHashTable of item ids
 * bound with the type "referent_wanted"). */
static void
wanted_function (sqlite3_context *result, int n_args, sqlite3_value **args)
{
  GHashTable *wanted = sqlite3_value_pointer (args[0], "referent_wanted");
  gint64 rowid = sqlite3_value_int64 (args[1]);

  sqlite3_result_int (result, wanted != NULL && g_hash_table_contains (wanted, &rowid));
}

gboolean
ref_archive_register_rank (sqlite3 *db, RefArchiveIndex *index, GError **error)
{
  fts5_api *api = ref_archive_fts5_api (db);

  if (api == NULL || api->xCreateFunction (api, "referent_rank", index, rank_function, NULL) != SQLITE_OK
      || sqlite3_create_function_v2 (db, "referent_wanted", 2, SQLITE_UTF8, NULL, wanted_function, NULL, NULL, NULL)
             != SQLITE_OK)
    {
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DATABASE,
                   _("SQLite has no full-text search (FTS5) or the Danish stemmer is missing"));
      return FALSE;
    }
  return TRUE;
}
