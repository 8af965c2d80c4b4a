/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ref-archive-private.h"

/*
 * Ranking and filtering of full-text matches.
 *
 * A query for a common word matches most of the archive, and FTS5's own bm25() reads
 * each matching document's length from the index's tables, one lookup per document:
 * 70 ms for 34,000 matches. Here the facts a ranking and the filters need about each
 * item — its length in words, date, committee, case number, kind, outcome, open or
 * closed — are read once into memory (RefArchiveRows, a few bytes per item), and the
 * rank function "referent_rank" computes BM25 exactly as FTS5's bm25() does (k1 1.2,
 * b 0.75, the column weights below) from them, and leaves out the items the filters
 * exclude, for a few milliseconds per query.
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

struct _RefArchiveRanking {
  guint32 committee; /* 0: any; G_MAXUINT32: one the archive does not have */
  guint32 from, to;  /* yyyymmdd; 0: open */
  guint32 case_id;   /* 0: any; G_MAXUINT32: none the archive has */
  char *case_prefix; /* or items whose case number starts so */
  guint8 kind, outcome;
  int closed; /* -1 any */
  gboolean filtered;

  /* How many items contain each phrase, where the caller knew (-1 where not). */
  gint64 *doc_counts;
  int n_doc_counts;
  /* The query is one phrase: every match contains it, so how many contain it is
   * counted while ranking, and the scores are scaled by its rarity afterwards. */
  gboolean single_phrase;
  gint64 n_matches;
  double n_rows;
};

void
ref_archive_ranking_free (RefArchiveRanking *ranking)
{
  if (ranking == NULL)
    return;
  g_free (ranking->case_prefix);
  g_free (ranking->doc_counts);
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
  return ranking;
}

void
ref_archive_ranking_set_phrases (RefArchiveRanking *ranking, const gint64 *doc_counts, int n_phrases,
                                 gboolean single_phrase)
{
  g_free (ranking->doc_counts);
  ranking->doc_counts = g_memdup2 (doc_counts, sizeof (gint64) * n_phrases);
  ranking->n_doc_counts = n_phrases;
  ranking->single_phrase = single_phrase && n_phrases == 1;
}

static double
idf_of (double n_rows, double hits)
{
  double idf = log ((n_rows - hits + 0.5) / (hits + 0.5));

  /* As bm25(): a phrase in most rows still counts a little. */
  return idf <= 0.0 ? 1e-6 : idf;
}

double
ref_archive_ranking_finish_score (RefArchiveRanking *ranking, double score)
{
  if (ranking->single_phrase)
    return score * idf_of (ranking->n_rows, (double) ranking->n_matches);
  return score;
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

typedef struct {
  int n_phrases;
  double *idf;
  double *freq; /* per row: weighted matches of each phrase */
} QueryStats;

static void
query_stats_free (gpointer data)
{
  QueryStats *stats = data;

  g_free (stats->idf);
  g_free (stats->freq);
  g_free (stats);
}

static int
count_row (const Fts5ExtensionApi *api, Fts5Context *context, void *data)
{
  (*(gint64 *) data)++;
  return SQLITE_OK;
}

/* How rare each phrase of the query is, once per query, as bm25() computes it; from
 * what the caller knew where it could (a word's count in the vocabulary is one
 * lookup, counting with xQueryPhrase reads all its matches). */
static QueryStats *
query_stats (const Fts5ExtensionApi *api, Fts5Context *context, RefArchiveRows *rows, RefArchiveRanking *ranking,
             int *rc)
{
  QueryStats *stats = api->xGetAuxdata (context, 0);
  int n_phrases;

  if (stats != NULL)
    return stats;
  n_phrases = api->xPhraseCount (context);
  stats = g_new0 (QueryStats, 1);
  stats->n_phrases = n_phrases;
  stats->idf = g_new0 (double, MAX (1, n_phrases));
  stats->freq = g_new0 (double, MAX (1, n_phrases));
  /* The caller's phrases must be FTS5's, or what it knew is not used. */
  if (ranking != NULL && ranking->n_doc_counts != n_phrases)
    {
      ranking->single_phrase = FALSE;
      g_clear_pointer (&ranking->doc_counts, g_free);
      ranking->n_doc_counts = 0;
    }
  for (int i = 0; i < n_phrases && *rc == SQLITE_OK; i++)
    {
      gint64 hits = ranking != NULL && ranking->doc_counts != NULL ? ranking->doc_counts[i] : -1;

      if (ranking != NULL && ranking->single_phrase)
        {
          stats->idf[i] = 1.0; /* scaled afterwards: ref_archive_ranking_finish_score() */
          continue;
        }
      if (hits < 0)
        {
          hits = 0;
          *rc = api->xQueryPhrase (context, i, &hits, count_row);
        }
      stats->idf[i] = idf_of (rows->n_rows, (double) hits);
    }
  if (*rc == SQLITE_OK)
    *rc = api->xSetAuxdata (context, stats, query_stats_free);
  else
    query_stats_free (stats);
  return *rc == SQLITE_OK ? stats : NULL;
}

/* referent_rank(items_fts, ranking): BM25 of the row (higher is better), or NULL when
 * the ranking's filters exclude it. The ranking is a pointer bound with the type
 * "referent_ranking"; the index is the function's data. */
static void
rank_function (const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int n_args,
               sqlite3_value **args)
{
  RefArchiveIndex *index = api->xUserData (context);
  RefArchiveRows *rows = ref_archive_index_peek_rows (index);
  RefArchiveRanking *ranking = n_args > 0 ? sqlite3_value_pointer (args[0], "referent_ranking") : NULL;
  sqlite3_int64 rowid = api->xRowid (context);
  const Row *row;
  QueryStats *stats;
  double score = 0, avg_length, length_norm;
  int rc = SQLITE_OK;

  if (ranking != NULL)
    ranking->n_matches++;
  if (rows == NULL || rowid <= 0 || rowid >= rows->rows->len)
    {
      sqlite3_result_null (result);
      return;
    }
  row = &g_array_index (rows->rows, Row, rowid);
  if (!row->present || !ranking_accepts (rows, ranking, row))
    {
      sqlite3_result_null (result);
      return;
    }
  stats = query_stats (api, context, rows, ranking, &rc);
  /* Each phrase's matches in this row, straight from its position list (xInst would
   * first sort the matches of all phrases together). */
  for (int phrase = 0; rc == SQLITE_OK && phrase < stats->n_phrases; phrase++)
    {
      Fts5PhraseIter iter;
      int column = -1, offset = -1;
      double freq = 0;

      rc = api->xPhraseFirst (context, phrase, &iter, &column, &offset);
      for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext (context, &iter, &column, &offset))
        if (column < (int) G_N_ELEMENTS (column_weights))
          freq += column_weights[column];
      stats->freq[phrase] = freq;
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (result, rc);
      return;
    }
  avg_length = rows->n_rows > 0 ? rows->total_length / rows->n_rows : 1.0;
  length_norm = 1.0 - BM25_B + BM25_B * row->length / MAX (avg_length, 1.0);
  for (int i = 0; i < stats->n_phrases; i++)
    score += stats->idf[i] * (stats->freq[i] * (BM25_K1 + 1.0)) / (stats->freq[i] + BM25_K1 * length_norm);
  sqlite3_result_double (result, score);
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
