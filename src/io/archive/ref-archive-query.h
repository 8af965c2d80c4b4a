/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-archive-index.h"

G_BEGIN_DECLS

/*
 * Searching the archive index. The text of a query is words and "quoted phrases",
 * all of which an item must contain (in any inflection: the words are stemmed as the
 * index is); a word or phrase with a leading "-" must not be in the item, a word
 * ending in "*" matches every word that starts with it (a prefix of the word's stem:
 * "beslut*", not "beslutningern*"), OR between two words or phrases accepts either,
 * NOT before a word is its "-" and AND changes nothing. Nothing else in the text is
 * syntax, so any text a person types is a valid query.
 *
 * Filters narrow the items down; every filter that is set must hold. A query with
 * filters and no text lists the items the filters give, newest first; with text, the
 * best matches come first (bm25: a match in the title weighs most, then in the
 * decision, then in the rest).
 */

typedef enum {
  REF_ARCHIVE_ACCESS_ANY,
  REF_ARCHIVE_ACCESS_OPEN,
  REF_ARCHIVE_ACCESS_CLOSED, /* only an internal index has closed items */
} RefArchiveAccess;

typedef struct {
  char *text;        /* words and phrases; NULL or empty for filters only */
  char *committee;   /* the committee, in any letter case */
  char *from;        /* meetings on or after this date, YYYY-MM-DD */
  char *to;          /* meetings on or before this date, YYYY-MM-DD */
  char *case_number; /* exactly this case number (spaces and case ignored); ending in
                      * "*", every case number that starts with it */
  char *kind;        /* decision | orientation | discussion (the case type), or
                      * signature (the approval item) */
  char *outcome;     /* approved | recommended | noted | postponed | rejected | forwarded */
  RefArchiveAccess access;
  guint limit;       /* at most this many hits (0: 50) */
  guint offset;      /* skip this many first */
} RefArchiveQuery;

#define REF_TYPE_ARCHIVE_QUERY (ref_archive_query_get_type ())
GType ref_archive_query_get_type (void) G_GNUC_CONST;

RefArchiveQuery *ref_archive_query_new (void);
RefArchiveQuery *ref_archive_query_copy (const RefArchiveQuery *query);
void             ref_archive_query_free (RefArchiveQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefArchiveQuery, ref_archive_query_free)

/* Sets @field (one of the query's strings) to @value, or to NULL when @value is NULL
 * or only white space. */
void             ref_archive_query_set (char **field, const char *value);
/* Parses a date as people write it ("2024-05-07", "07-05-2024", "7. maj 2024") into
 * YYYY-MM-DD. (transfer full) */
char            *ref_archive_parse_date (const char *text, GError **error);

/* The FTS5 expression for @text, or NULL when it has no word to search for (also
 * when it is only exclusions). (transfer full) */
char            *ref_archive_query_to_match (const char *text);

/* RefArchiveHit: one item found. */
#define REF_TYPE_ARCHIVE_HIT (ref_archive_hit_get_type ())
G_DECLARE_FINAL_TYPE (RefArchiveHit, ref_archive_hit, REF, ARCHIVE_HIT, GObject)

/* The .referat file, absolute. */
const char *ref_archive_hit_get_path (RefArchiveHit *self);
const char *ref_archive_hit_get_committee (RefArchiveHit *self);
/* YYYY-MM-DD; NULL when the meeting has no date. */
const char *ref_archive_hit_get_date (RefArchiveHit *self);
guint       ref_archive_hit_get_number (RefArchiveHit *self);
const char *ref_archive_hit_get_title (RefArchiveHit *self);
const char *ref_archive_hit_get_case_number (RefArchiveHit *self);
gboolean    ref_archive_hit_get_closed (RefArchiveHit *self);
/* As the query's kind; NULL when the item has none. */
const char *ref_archive_hit_get_kind (RefArchiveHit *self);
/* An outcome nick; NULL when none. */
const char *ref_archive_hit_get_outcome (RefArchiveHit *self);
/* bm25 rank: lower is better; 0 for queries without text. */
double      ref_archive_hit_get_score (RefArchiveHit *self);
/* A passage of the item around the matched words (plain text, "…" where cut), and
 * where the matched words are in it: pairs of byte offsets [start, end). */
const char *ref_archive_hit_get_snippet (RefArchiveHit *self);
const guint *ref_archive_hit_get_highlights (RefArchiveHit *self, guint *n_pairs);
/* The snippet as Pango markup, the matched words in bold. (transfer full) */
char       *ref_archive_hit_get_snippet_markup (RefArchiveHit *self);

/* The items matching @query, best first. (element-type RefArchiveHit) (transfer full) */
GPtrArray  *ref_archive_index_search (RefArchiveIndex *self, const RefArchiveQuery *query, GCancellable *cancellable,
                                      GError **error);

G_END_DECLS
