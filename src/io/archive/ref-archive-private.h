/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "ref-archive-index.h"

G_BEGIN_DECLS

/* The FTS5 tokenizer the index uses: words (runs of letters and digits) folded to
 * lower case and stemmed with Snowball's Danish algorithm. */
#define REF_ARCHIVE_TOKENIZER "referent_danish"

/* Makes the tokenizer known to @db; needed on every connection before the FTS table
 * is used. */
gboolean    ref_archive_register_tokenizer (sqlite3 *db, GError **error);

/* The words of @text as written, in order, one for each token the tokenizer makes of
 * it: each alone makes exactly that token. (transfer full) */
GPtrArray  *ref_archive_split_words (const char *text);
/* The distinct stems of the words of @text, as the index has them. (transfer full) */
GPtrArray  *ref_archive_stem_words (const char *text);
/* How many words the documents this thread indexed since the last call had (FTS5
 * counts the same); and starts counting again. */
guint       ref_archive_take_document_words (void);
fts5_api   *ref_archive_fts5_api (sqlite3 *db);

/* Ranking (ref-archive-rank.c): what the rank function and the filters need of every
 * item, in memory; and one query's ranking: its filters and its phrases. */
typedef struct _RefArchiveRows RefArchiveRows;
typedef struct _RefArchiveRanking RefArchiveRanking;

gboolean           ref_archive_register_rank (sqlite3 *db, RefArchiveIndex *index, GError **error);
RefArchiveRows    *ref_archive_rows_load (sqlite3 *db, int *rc);
void               ref_archive_rows_free (RefArchiveRows *rows);
/* The rows of the index as it is now: loaded on first use and again after the index
 * changed. (transfer none) */
RefArchiveRows    *ref_archive_index_get_rows (RefArchiveIndex *self, GError **error);
/* The rows as last loaded, for the rank function. (transfer none) */
RefArchiveRows    *ref_archive_index_peek_rows (RefArchiveIndex *self);
/* @closed: -1 for any, 0 open, 1 closed; the keys as ref_archive_text_key() and
 * ref_archive_case_key() make them; dates YYYY-MM-DD. */
RefArchiveRanking *ref_archive_ranking_new (RefArchiveRows *rows, const char *committee_key, const char *from,
                                            const char *to, const char *case_key, gboolean case_prefix,
                                            const char *kind, const char *outcome, int closed);
/* How many phrases the query has, as FTS5 numbers them; @single_phrase when the
 * query is that one phrase and nothing else. */
void               ref_archive_ranking_set_phrases (RefArchiveRanking *ranking, int n_phrases,
                                                    gboolean single_phrase);
/* The caller gave FTS5 the @n_words words of @phrase one by one (each a phrase of its
 * own, in order, where the phrase would be): the rank function matches the phrase
 * from their places, which costs less than FTS5's matching of phrases. */
void               ref_archive_ranking_split_phrase (RefArchiveRanking *ranking, int phrase, int n_words);
/* Whether FTS5's phrases were not those the caller said: the search must be made again
 * without splitting phrases. */
gboolean           ref_archive_ranking_phrases_differ (RefArchiveRanking *ranking);
/* After the rank function saw every match: whether the ranking needs to know how many
 * items contain @phrase, counted up to @enough (more than that changes nothing). */
gboolean           ref_archive_ranking_needs_doc_count (RefArchiveRanking *ranking, int phrase, gint64 *enough);
void               ref_archive_ranking_set_doc_count (RefArchiveRanking *ranking, int phrase, gint64 count);
/* The ids of the best matches the rank function kept, @offset of them left out, at
 * most @limit, best first, with their scores as FTS5's bm25() gives them (lower is
 * better); ties in the order FTS5 gave the matches. */
void               ref_archive_ranking_take_best (RefArchiveRanking *ranking, guint offset, guint limit,
                                                  GArray *ids, GArray *scores);
void               ref_archive_ranking_free (RefArchiveRanking *ranking);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefArchiveRanking, ref_archive_ranking_free)

/* For the query and case-history code: the connection, and an error from it. */
sqlite3    *ref_archive_index_get_db (RefArchiveIndex *self);
/* Sets @error from the connection's last error; a damaged database gives
 * REF_ARCHIVE_ERROR_DAMAGED. Returns FALSE for convenience. */
gboolean    ref_archive_index_set_error (RefArchiveIndex *self, int rc, GError **error);

/* A case number as compared: without white space, in upper case. (transfer full) */
char       *ref_archive_case_key (const char *case_number);
/* A committee name or a title as compared: white space collapsed, case folded.
 * (transfer full) */
char       *ref_archive_text_key (const char *text);

G_END_DECLS
