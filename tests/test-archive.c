/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The archive index (src/io/archive): stemming, phrases, filters, closed items kept out
 * of a public index, incremental updates, a damaged index rebuilt without touching the
 * archive, and the case history of an item in a small archive made from the sample
 * meeting.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "meeting-generator.h"
#include "ref-archive-index.h"
#include "ref-archive-private.h"
#include "ref-archive-query.h"
#include "ref-case-history.h"
#include "ref-xml.h"
#include "test-tmp.h"

/* ---- building archives ---- */

static RefMeeting *
meeting_new (const char *committee, int year, int month, int day, RefMeetingKind kind)
{
  RefMeeting *meeting = ref_meeting_new ();
  g_autoptr (GDateTime) start = g_date_time_new_local (year, month, day, 15, 0, 0);

  ref_meeting_set_committee (meeting, committee);
  ref_meeting_set_start (meeting, start);
  ref_meeting_set_kind (meeting, kind);
  return meeting;
}

static RefAgendaItem *
add_item (RefMeeting *meeting, guint number, const char *title, const char *case_number, const char *body,
          const char *decision)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  ref_agenda_item_set_number (item, number);
  ref_agenda_item_set_title (item, title);
  ref_agenda_item_set_case_number (item, case_number);
  if (body != NULL)
    {
      g_autoptr (RefText) text = ref_text_new_paragraph (body);
      ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
    }
  if (decision != NULL)
    {
      g_autoptr (RefDecision) d = ref_decision_new ();
      g_autoptr (RefText) text = ref_text_new_paragraph (decision);

      ref_decision_set_text (d, text);
      ref_agenda_item_add_decision (item, d);
    }
  ref_meeting_add_item (meeting, item);
  return item; /* the meeting holds it */
}

static char *
save (RefMeeting *meeting, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_no_error (error);
  {
    /* No backup files ("name.referat~") in the archive: they are not minutes. */
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    g_unlink (backup);
  }
  return g_steal_pointer (&path);
}

static RefArchiveIndex *
index_folder (const char *dir, RefEdition edition, RefArchiveUpdateStats *stats)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefArchiveIndex) index = ref_archive_index_open (dir, edition, REF_ARCHIVE_OPEN_UPDATE, &error);
  RefArchiveUpdateStats local = { 0 };

  g_assert_no_error (error);
  g_assert_true (ref_archive_index_update (index, NULL, NULL, stats ? stats : &local, NULL, &error));
  g_assert_no_error (error);
  ref_archive_update_stats_clear (&local);
  return g_steal_pointer (&index);
}

static GPtrArray *
search (RefArchiveIndex *index, const char *text, RefArchiveQuery *filters)
{
  g_autoptr (RefArchiveQuery) query = filters ? ref_archive_query_copy (filters) : ref_archive_query_new ();
  g_autoptr (GError) error = NULL;
  GPtrArray *hits;

  ref_archive_query_set (&query->text, text);
  hits = ref_archive_index_search (index, query, NULL, &error);
  g_assert_no_error (error);
  return hits;
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Strings handed to an assertion: each kept until the next, so that no test leaks. */
static const char *
keep (char *text)
{
  static char *kept;

  g_free (kept);
  kept = text;
  return kept;
}

/* The hits as "committee date number", sorted, for comparing. (transfer none) */
static const char *
hits_of (RefArchiveIndex *index, const char *text, RefArchiveQuery *filters)
{
  g_autoptr (GPtrArray) hits = search (index, text, filters);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      RefArchiveHit *hit = g_ptr_array_index (hits, i);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s %u", ref_archive_hit_get_committee (hit),
                                               ref_archive_hit_get_date (hit), ref_archive_hit_get_number (hit)));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (lines, i));
  return keep (g_strdup (out->str));
}

static char *
make_archive_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("archive-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A digest of every file below @dir (names, sizes, contents), to show the archive
 * was not touched. */
static void
digest_tree (GChecksum *sum, const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_lines);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_checksum_update (sum, (const guchar *) g_ptr_array_index (names, i), -1);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        digest_tree (sum, path);
      else
        {
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          g_checksum_update (sum, (const guchar *) contents, (gssize) length);
        }
    }
}

static char *
tree_digest (const char *dir)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  digest_tree (sum, dir);
  return g_strdup (g_checksum_get_string (sum));
}

/* ---- tests ---- */

static void
test_stemming (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (RefMeeting) m = meeting_new ("Socialudvalget", 2024, 3, 5, REF_MEETING_KIND_MINUTES);
  g_autoptr (RefArchiveIndex) index = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autofree char *path = NULL;
  g_autofree char *markup = NULL;
  const guint *highlights;
  guint n_pairs;
  RefArchiveHit *hit;

  add_item (m, 1, "Tilsyn med botilbuddene", "00.01.00-A00-1-24",
            "Udvalget skal træffe beslutning om tilsynet på Stokholtbuen efter Socialtilsynets rapport.",
            "Godkendt.");
  add_item (m, 2, "Budget for ældreområdet", "00.30.00-S00-2-24", "Kommunens udgifter til ældre stiger.", NULL);
  {
    /* Before the word to find: letters of every width, a combining mark, and a pasted
     * hash too long to be a word; the highlight must still land on the word. */
    g_autofree char *hash = g_strnfill (300, 'f');
    g_autofree char *body = g_strdup_printf ("ÆØÅ-områdets Ⱥ ẞ café naïve %s ☃ €100 Ældrerådets høringssvar.", hash);
    add_item (m, 3, "Høring", NULL, body, NULL);
  }
  path = save (m, dir, "socialudvalget-2024-03-05.referat");
  index = index_folder (dir, REF_EDITION_PUBLIC, NULL);

  /* Inflected forms find each other through their stem. */
  g_assert_cmpstr (hits_of (index, "beslutningerne", NULL), ==, "Socialudvalget 2024-03-05 1");
  g_assert_cmpstr (hits_of (index, "tilsynenes", NULL), ==, "Socialudvalget 2024-03-05 1");
  g_assert_cmpstr (hits_of (index, "botilbud", NULL), ==, "Socialudvalget 2024-03-05 1");
  g_assert_cmpstr (hits_of (index, "kommunerne", NULL), ==, "Socialudvalget 2024-03-05 2");
  g_assert_cmpstr (hits_of (index, "UDGIFTERNE", NULL), ==, "Socialudvalget 2024-03-05 2");
  /* Every word must be there. */
  g_assert_cmpstr (hits_of (index, "beslutning budget", NULL), ==, "");
  g_assert_cmpstr (hits_of (index, "beslutning OR budget", NULL), ==,
                   "Socialudvalget 2024-03-05 1; Socialudvalget 2024-03-05 2");
  g_assert_cmpstr (hits_of (index, "tilsyn -stokholtbuen", NULL), ==, "");
  g_assert_cmpstr (hits_of (index, "udvalg -stokholtbuen", NULL), ==, "");
  g_assert_cmpstr (hits_of (index, "Stokholt*", NULL), ==, "Socialudvalget 2024-03-05 1");
  g_assert_cmpstr (hits_of (index, "ældreområdet", NULL), ==, "Socialudvalget 2024-03-05 2");

  /* The snippet shows the word as written, marked where it matched. */
  hits = search (index, "beslutningerne", NULL);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (ref_archive_hit_get_title (hit), ==, "Tilsyn med botilbuddene");
  g_assert_cmpstr (ref_archive_hit_get_outcome (hit), ==, "approved");
  g_assert_cmpstr (ref_archive_hit_get_path (hit), ==, path);
  highlights = ref_archive_hit_get_highlights (hit, &n_pairs);
  g_assert_cmpuint (n_pairs, ==, 1);
  g_assert_cmpint (strncmp (ref_archive_hit_get_snippet (hit) + highlights[0], "beslutning", 10), ==, 0);
  g_assert_cmpuint (highlights[1] - highlights[0], ==, strlen ("beslutning"));
  markup = ref_archive_hit_get_snippet_markup (hit);
  g_assert_nonnull (strstr (markup, "<b>beslutning</b>"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_clear_pointer (&markup, g_free);

  hits = search (index, "ældrerådet", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  highlights = ref_archive_hit_get_highlights (hit, &n_pairs);
  g_assert_cmpuint (n_pairs, ==, 1);
  g_assert_cmpint (strncmp (ref_archive_hit_get_snippet (hit) + highlights[0], "Ældrerådets", highlights[1] - highlights[0]),
                   ==, 0);
  g_assert_cmpuint (highlights[1] - highlights[0], ==, strlen ("Ældrerådets"));
  g_assert_cmpstr (hits_of (index, "cafe", NULL), ==, "");
  g_assert_cmpstr (hits_of (index, "café", NULL), ==, "Socialudvalget 2024-03-05 3");
  g_assert_cmpstr (hits_of (index, "ffffffff*", NULL), ==, "");
}

/* The ranking is BM25 as FTS5's bm25() computes it with the same weights (title 4,
 * body 1, decision 2): a match in the title weighs most. */
static void
test_ranking (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (RefMeeting) m = meeting_new ("Teknik- og Miljøudvalget", 2024, 6, 4, REF_MEETING_KIND_MINUTES);
  g_autoptr (RefMeeting) generated = ref_test_meeting_generate (25, 3);
  g_autoptr (RefArchiveIndex) index = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  static const char *const queries[] = { "trafiksikkerhed", "kommunen borgerne", "\"Region Hovedstaden\"",
                                         "tilsyn* OR budget", "planen -vejene" };

  add_item (m, 1, "Plan for trafiksikkerhed", NULL, "Planen beskriver indsatsen for de næste fire år.", NULL);
  add_item (m, 2, "Vejvedligeholdelse", NULL,
            "Vejene vedligeholdes efter planen. Arbejdet tager hensyn til trafiksikkerhed, men der er mange andre "
            "hensyn, og budgettet er stramt, så prioriteringen sker efter vejenes tilstand og trafikmængden.",
            NULL);
  add_item (m, 3, "Cykelstier", NULL, "Nye cykelstier.", "Godkendt af hensyn til trafiksikkerheden.");
  g_free (save (m, dir, "teknik.referat"));
  g_free (save (generated, dir, "generated.referat"));
  index = index_folder (dir, REF_EDITION_INTERNAL, NULL);

  hits = search (index, "trafiksikkerhed", NULL);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpuint (ref_archive_hit_get_number (g_ptr_array_index (hits, 0)), ==, 1); /* title */
  g_assert_cmpuint (ref_archive_hit_get_number (g_ptr_array_index (hits, 1)), ==, 3); /* decision */
  g_assert_cmpuint (ref_archive_hit_get_number (g_ptr_array_index (hits, 2)), ==, 2); /* long body */
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The same scores as FTS5's own bm25() with the same weights, in the same order. */
  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (RefArchiveQuery) query = ref_archive_query_new ();
      g_autofree char *match = ref_archive_query_to_match (queries[q]);
      sqlite3 *db = ref_archive_index_get_db (index);
      sqlite3_stmt *stmt = NULL;
      guint n = 0;

      ref_archive_query_set (&query->text, queries[q]);
      query->limit = 1000;
      hits = ref_archive_index_search (index, query, NULL, NULL);
      g_assert_nonnull (hits);
      if (hits->len == 0)
        g_error ("nothing found for %s", queries[q]);
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT bm25(items_fts, 4.0, 1.0, 2.0) AS s FROM items_fts"
                                           " WHERE items_fts MATCH ?1 ORDER BY s",
                                           -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          double expected = sqlite3_column_double (stmt, 0);

          g_assert_cmpuint (n, <, hits->len);
          g_assert_cmpfloat_with_epsilon (ref_archive_hit_get_score (g_ptr_array_index (hits, n)), expected,
                                          1e-9 * MAX (1.0, fabs (expected)));
          n++;
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n, ==, hits->len);
      g_clear_pointer (&hits, g_ptr_array_unref);
    }
}

/* What a search must give, worked out the plain way: every match ranked by FTS5's own
 * bm25() with the same weights (ties: the item indexed first first), the page cut
 * from that, and each item's snippet made by FTS5's snippet(). A line per hit:
 * "file number", the snippet with its highlights in [ ]. (transfer full) */
static char *
expected_page (RefArchiveIndex *index, const char *text, const char *committee, guint limit, guint offset)
{
  sqlite3 *db = ref_archive_index_get_db (index);
  g_autofree char *match = ref_archive_query_to_match (text);
  g_autoptr (GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT f.path, i.number, snippet(items_fts, -1, char(2), char(3), '…', 24)"
                                       " FROM items_fts JOIN items i ON i.id = items_fts.rowid"
                                       " JOIN files f ON f.id = i.file_id"
                                       " WHERE items_fts MATCH ?1 AND (?2 IS NULL OR i.committee = ?2)"
                                       " ORDER BY bm25(items_fts, 4.0, 1.0, 2.0), items_fts.rowid",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, committee, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 2));

      if (n++ < offset || n > offset + limit)
        continue;
      g_strdelimit (snippet, "\n", ' ');
      g_strdelimit (snippet, "\002", '[');
      g_strdelimit (snippet, "\003", ']');
      g_string_append_printf (out, "%s %d: %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                              snippet);
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The same lines from what ref_archive_index_search() gives. (transfer full) */
static char *
searched_page (RefArchiveIndex *index, const char *dir, const char *text, const char *committee, guint limit,
               guint offset)
{
  g_autoptr (RefArchiveQuery) query = ref_archive_query_new ();
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = g_string_new (NULL);

  ref_archive_query_set (&query->text, text);
  ref_archive_query_set (&query->committee, committee);
  query->limit = limit;
  query->offset = offset;
  hits = ref_archive_index_search (index, query, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      RefArchiveHit *hit = g_ptr_array_index (hits, i);
      const char *snippet = ref_archive_hit_get_snippet (hit);
      guint n_pairs, at = 0;
      const guint *pairs = ref_archive_hit_get_highlights (hit, &n_pairs);

      g_assert_true (g_str_has_prefix (ref_archive_hit_get_path (hit), dir));
      g_string_append_printf (out, "%s %u: ", ref_archive_hit_get_path (hit) + strlen (dir) + 1,
                              ref_archive_hit_get_number (hit));
      for (guint p = 0; p < n_pairs; p++)
        {
          g_string_append_len (out, snippet + at, pairs[2 * p] - at);
          g_string_append_c (out, '[');
          g_string_append_len (out, snippet + pairs[2 * p], pairs[2 * p + 1] - pairs[2 * p]);
          g_string_append_c (out, ']');
          at = pairs[2 * p + 1];
        }
      g_string_append_printf (out, "%s\n", snippet + at);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Which items a search gives and in which order, with which snippets, pinned against
 * FTS5's own ranking and snippets: words in most items (their rarity counts for
 * almost nothing), rare words, OR, excluded words, prefixes, phrases (alone, with
 * other words, in an OR, a word that is two: "IPS-indsatsen"), a filter, pages
 * further on, and items that tie (the same text: the one indexed first comes first). */
static void
test_ranking_order (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (RefArchiveIndex) index = NULL;
  static const char *const committees[] = { "Socialudvalget", "Økonomiudvalget" };
  static const char *const queries[] = {
    "kommunen", "borgerne trivsel", "høringssvar OR frivillighed -handicapsagsbarometeret", "tilsyn* OR budget",
    "\"Region Hovedstaden\"", "solcelleanlæggene", "solcelleanlæg* kommunen",
    "kvalitet* -døgnbehandlingstilbuddenes", "borgerne -solcelleanlæggene", "\"Region Hovedstaden\" kommunen",
    "IPS-indsatsen", "\"Region Hovedstaden\" OR solcelleanlæggene", "\"har opsat solcelleanlæggene\" -tilsynet",
    "\"kommunen har\"",
  };

  for (guint m = 0; m < 6; m++)
    {
      g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (12, 40 + m);
      g_autofree char *name = g_strdup_printf ("%u/m%u.referat", m % 2, m);

      ref_meeting_set_committee (meeting, committees[m % 2]);
      /* Items that tie: the same text in two meetings, and twice in one. */
      for (guint n = 0; n < 2; n++)
        add_item (meeting, 13 + n, "Solcelleanlæggene på skolerne", NULL,
                  "Kommunen har opsat solcelleanlæggene på tre skoler, og borgerne har fået trivsel af det.",
                  "Godkendt.");
      g_free (save (meeting, dir, name));
    }
  index = index_folder (dir, REF_EDITION_INTERNAL, NULL);

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint page = 0; page < 3; page++)
      {
        const char *committee = page == 2 ? committees[1] : NULL;
        guint limit = page == 1 ? 7 : 20, offset = page == 1 ? 5 : 0;
        g_autofree char *expected = expected_page (index, queries[q], committee, limit, offset);
        g_autofree char *got = searched_page (index, dir, queries[q], committee, limit, offset);

        if (*expected == '\0')
          g_error ("nothing found for %s", queries[q]);
        if (g_strcmp0 (expected, got) != 0)
          g_error ("%s (page %u):\nexpected:\n%s\ngot:\n%s", queries[q], page, expected, got);
      }
}

static void
test_phrases_and_syntax (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (RefMeeting) m = meeting_new ("Socialudvalget", 2025, 5, 6, REF_MEETING_KIND_MINUTES);
  g_autoptr (RefArchiveIndex) index = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefArchiveQuery) query = ref_archive_query_new ();
  g_autoptr (GPtrArray) none = NULL;
  g_autofree char *path = NULL;

  add_item (m, 1, "Skærpet tilsyn for Stokholtbuen", NULL, "Tilsynet er skærpet.", NULL);
  add_item (m, 2, "Tilsyn på Maglemosen", NULL, "Skærpet opmærksomhed på tilsyn og trivsel.", NULL);
  path = save (m, dir, "m.referat");
  index = index_folder (dir, REF_EDITION_PUBLIC, NULL);

  g_assert_cmpstr (hits_of (index, "\"skærpet tilsyn\"", NULL), ==, "Socialudvalget 2025-05-06 1");
  g_assert_cmpstr (hits_of (index, "skærpet tilsyn", NULL), ==,
                   "Socialudvalget 2025-05-06 1; Socialudvalget 2025-05-06 2");
  g_assert_cmpstr (hits_of (index, "\"tilsyn skærpet\"", NULL), ==, "");
  /* Anything typed is a query: FTS5 syntax in it is only words. */
  g_assert_cmpstr (hits_of (index, "tilsyn AND NOT (\"", NULL), ==,
                   "Socialudvalget 2025-05-06 1; Socialudvalget 2025-05-06 2");
  g_assert_cmpstr (hits_of (index, "tilsyn NOT Stokholtbuen", NULL), ==, "Socialudvalget 2025-05-06 2");
  g_assert_cmpstr (hits_of (index, "trivsel) AND (tilsyn", NULL), ==, "Socialudvalget 2025-05-06 2");
  g_assert_cmpstr (hits_of (index, "NEAR(tilsyn trivsel) ^col:x *", NULL), ==, "");
  g_assert_cmpstr (hits_of (index, "\"Maglemosen", NULL), ==, "Socialudvalget 2025-05-06 2");

  /* Nothing to search for is an error, not every item. */
  ref_archive_query_set (&query->text, "-tilsyn \"\" § --");
  none = ref_archive_index_search (index, query, NULL, &error);
  g_assert_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY);
  g_assert_null (none);
  g_clear_error (&error);
  ref_archive_query_set (&query->text, NULL);
  ref_archive_query_set (&query->from, "31-02-2025");
  g_assert_null (ref_archive_index_search (index, query, NULL, &error));
  g_assert_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY);
}

/* Four meetings of two committees with case numbers, kinds and decisions; every
 * filter alone and together. */
static void
test_filters_combine (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (RefArchiveIndex) index = NULL;
  g_autoptr (RefArchiveQuery) q = ref_archive_query_new ();
  g_autofree char *path = NULL;

  {
    g_autoptr (RefMeeting) m = meeting_new ("Socialudvalget", 2023, 9, 5, REF_MEETING_KIND_MINUTES);
    RefAgendaItem *item;

    add_item (m, 1, "Budget 2024", "00.30.00-S00-1-23", "Budgettet for botilbud.", "Anbefales.");
    item = add_item (m, 2, "Tilsyn med botilbud", "00.01.10-P35-3-24", "Tilsynet med botilbud.",
                     "Taget til efterretning.");
    ref_agenda_item_set_case_type (item, REF_CASE_TYPE_ORIENTATION);
    path = save (m, dir, "2023/social-2023-09-05.referat");
  }
  {
    g_autoptr (RefMeeting) m = meeting_new ("Socialudvalget", 2024, 5, 7, REF_MEETING_KIND_MINUTES);
    RefAgendaItem *item = add_item (m, 4, "Tilsyn med botilbud, opfølgning", "00.01.10-P35-3-24",
                                    "Opfølgning på tilsynet.", "Udsat.");

    ref_agenda_item_set_case_type (item, REF_CASE_TYPE_DECISION);
    g_free (save (m, dir, "2024/social-2024-05-07.referat"));
  }
  {
    g_autoptr (RefMeeting) m = meeting_new ("Økonomiudvalget", 2024, 5, 14, REF_MEETING_KIND_MINUTES);
    RefAgendaItem *item = add_item (m, 7, "Budget 2025 for botilbud", "00.30.00-S00-1-24", "Budget for botilbud.",
                                    "Indstillingen godkendt.");

    ref_agenda_item_set_case_type (item, REF_CASE_TYPE_DECISION);
    add_item (m, 8, "Salg af grund", "02.34.02-G01-1-24", "Grunden sælges.", "Ikke godkendt.");
    g_free (save (m, dir, "2024/okonomi-2024-05-14.referat"));
  }
  {
    g_autoptr (RefMeeting) m = meeting_new ("Økonomiudvalget", 2025, 1, 20, REF_MEETING_KIND_MINUTES);
    RefAgendaItem *item = add_item (m, 3, "Underskriftsblad", NULL, NULL, NULL);

    ref_agenda_item_set_kind (item, REF_ITEM_KIND_SIGNATURE);
    add_item (m, 2, "Botilbud til Kommunalbestyrelsen", "00.01.10-P35-3-24", "Botilbud.",
              "Oversendt til Kommunalbestyrelsen.");
    g_free (save (m, dir, "2025/okonomi-2025-01-20.referat"));
  }
  index = index_folder (dir, REF_EDITION_PUBLIC, NULL);
  g_assert_cmpuint (ref_archive_index_get_n_meetings (index), ==, 4);
  g_assert_cmpuint (ref_archive_index_get_n_items (index), ==, 7);
  {
    g_auto (GStrv) committees = ref_archive_index_list_committees (index, NULL);
    g_assert_cmpuint (g_strv_length (committees), ==, 2);
    g_assert_cmpstr (committees[0], ==, "Socialudvalget");
    g_assert_cmpstr (committees[1], ==, "Økonomiudvalget");
  }

  g_assert_cmpstr (hits_of (index, "botilbud", NULL), ==,
                   "Socialudvalget 2023-09-05 1; Socialudvalget 2023-09-05 2; Socialudvalget 2024-05-07 4; "
                   "Økonomiudvalget 2024-05-14 7; Økonomiudvalget 2025-01-20 2");
  /* Committee in any case. */
  ref_archive_query_set (&q->committee, "ØKONOMIUDVALGET");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Økonomiudvalget 2024-05-14 7; Økonomiudvalget 2025-01-20 2");
  /* … and a date range, as people write dates. */
  ref_archive_query_set (&q->to, "31-12-2024");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Økonomiudvalget 2024-05-14 7");
  ref_archive_query_set (&q->committee, NULL);
  ref_archive_query_set (&q->from, "2024-01-01");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Socialudvalget 2024-05-07 4; Økonomiudvalget 2024-05-14 7");
  /* … and a case number (spaces and case ignored), also as a prefix. */
  ref_archive_query_set (&q->case_number, " 00.01.10-p35-3-24 ");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Socialudvalget 2024-05-07 4");
  ref_archive_query_set (&q->from, NULL);
  ref_archive_query_set (&q->to, NULL);
  g_assert_cmpstr (hits_of (index, NULL, q), ==,
                   "Socialudvalget 2023-09-05 2; Socialudvalget 2024-05-07 4; Økonomiudvalget 2025-01-20 2");
  ref_archive_query_set (&q->case_number, "00.30.00*");
  g_assert_cmpstr (hits_of (index, NULL, q), ==, "Socialudvalget 2023-09-05 1; Økonomiudvalget 2024-05-14 7");
  ref_archive_query_set (&q->case_number, NULL);
  /* Kind of item. */
  ref_archive_query_set (&q->kind, "decision");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Socialudvalget 2024-05-07 4; Økonomiudvalget 2024-05-14 7");
  ref_archive_query_set (&q->committee, "Socialudvalget");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Socialudvalget 2024-05-07 4");
  ref_archive_query_set (&q->committee, NULL);
  ref_archive_query_set (&q->kind, "signature");
  g_assert_cmpstr (hits_of (index, NULL, q), ==, "Økonomiudvalget 2025-01-20 3");
  ref_archive_query_set (&q->kind, NULL);
  /* Outcome, from the wording of the decision. */
  ref_archive_query_set (&q->outcome, "approved");
  g_assert_cmpstr (hits_of (index, NULL, q), ==, "Økonomiudvalget 2024-05-14 7");
  ref_archive_query_set (&q->outcome, "rejected");
  g_assert_cmpstr (hits_of (index, NULL, q), ==, "Økonomiudvalget 2024-05-14 8");
  ref_archive_query_set (&q->outcome, "recommended");
  g_assert_cmpstr (hits_of (index, "budget", q), ==, "Socialudvalget 2023-09-05 1");
  ref_archive_query_set (&q->outcome, "noted");
  g_assert_cmpstr (hits_of (index, NULL, q), ==, "Socialudvalget 2023-09-05 2");
  ref_archive_query_set (&q->outcome, "postponed");
  g_assert_cmpstr (hits_of (index, NULL, q), ==, "Socialudvalget 2024-05-07 4");
  ref_archive_query_set (&q->outcome, "forwarded");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Økonomiudvalget 2025-01-20 2");
  /* All filters at once, each one narrowing. */
  ref_archive_query_set (&q->outcome, "approved");
  ref_archive_query_set (&q->committee, "Økonomiudvalget");
  ref_archive_query_set (&q->from, "2024-05-14");
  ref_archive_query_set (&q->to, "2024-05-14");
  ref_archive_query_set (&q->case_number, "00.30.00-S00-1-24");
  ref_archive_query_set (&q->kind, "decision");
  q->access = REF_ARCHIVE_ACCESS_OPEN;
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "Økonomiudvalget 2024-05-14 7");
  ref_archive_query_set (&q->committee, "Socialudvalget");
  g_assert_cmpstr (hits_of (index, "botilbud", q), ==, "");

  /* Filters alone list newest first. */
  {
    g_autoptr (RefArchiveQuery) by_case = ref_archive_query_new ();
    g_autoptr (GPtrArray) hits = NULL;

    ref_archive_query_set (&by_case->case_number, "00.01.10-P35-3-24");
    hits = search (index, NULL, by_case);
    g_assert_cmpuint (hits->len, ==, 3);
    g_assert_cmpstr (ref_archive_hit_get_date (g_ptr_array_index (hits, 0)), ==, "2025-01-20");
    g_assert_cmpstr (ref_archive_hit_get_date (g_ptr_array_index (hits, 2)), ==, "2023-09-05");
    g_assert_cmpstr (ref_archive_hit_get_kind (g_ptr_array_index (hits, 2)), ==, "orientation");
    g_assert_cmpstr (ref_archive_hit_get_path (g_ptr_array_index (hits, 2)), ==, path);
  }
}

static gboolean
file_contains_folded (const char *path, const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autofree char *lower = NULL;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    contents[i] = g_ascii_tolower (contents[i]);
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* The generated meeting marks every text of a closed item with "Fortroligt<N>": none
 * of it may be in a public index, in any form, not even in the database's bytes. */
static void
test_closed_items_public_index (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (RefMeeting) generated = ref_test_meeting_generate (12, 7);
  g_autoptr (RefArchiveIndex) public_index = NULL;
  g_autoptr (RefArchiveIndex) internal = NULL;
  g_autoptr (RefArchiveQuery) closed = ref_archive_query_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autofree char *path = save (generated, dir, "generated.referat");
  g_autofree char *closed_title = g_strdup (ref_agenda_item_get_title (ref_meeting_find_item_by_number (generated, 4)));
  g_autofree char *wal = NULL;
  g_autofree char *public_path = NULL;

  g_assert_true (ref_agenda_item_get_closed (ref_meeting_find_item_by_number (generated, 4)));
  g_assert_true (ref_agenda_item_get_closed (ref_meeting_find_item_by_number (generated, 11)));

  public_index = index_folder (dir, REF_EDITION_PUBLIC, NULL);
  g_assert_cmpuint (ref_archive_index_get_n_items (public_index), ==, 10);
  g_assert_cmpstr (hits_of (public_index, "fortroligt4", NULL), ==, "");
  g_assert_cmpstr (hits_of (public_index, "fortrolig*", NULL), ==, "");
  g_assert_cmpstr (hits_of (public_index, closed_title, NULL), ==, "");
  closed->access = REF_ARCHIVE_ACCESS_CLOSED;
  g_assert_null (ref_archive_index_search (public_index, closed, NULL, &error));
  g_assert_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY);
  g_clear_error (&error);
  public_path = g_strdup (ref_archive_index_get_path (public_index));
  g_clear_object (&public_index);
  wal = g_strconcat (public_path, "-wal", NULL);
  g_assert_false (file_contains_folded (public_path, "fortrolig"));
  g_assert_false (file_contains_folded (wal, "fortrolig"));

  /* The internal index has them, and the open/closed filter. */
  internal = index_folder (dir, REF_EDITION_INTERNAL, NULL);
  g_assert_cmpstr (ref_archive_index_get_path (internal), !=, public_path);
  g_assert_cmpuint (ref_archive_index_get_n_items (internal), ==, 12);
  g_assert_cmpstr (hits_of (internal, "fortroligt4", NULL), ==, "Socialudvalget 2025-05-06 4");
  hits = search (internal, "fortrolig*", closed);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (ref_archive_hit_get_closed (g_ptr_array_index (hits, 0)));
  closed->access = REF_ARCHIVE_ACCESS_OPEN;
  g_assert_cmpstr (hits_of (internal, "fortrolig*", closed), ==, "");
}

static void
test_incremental (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (RefArchiveIndex) index = NULL;
  RefArchiveUpdateStats stats = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *broken = NULL;

  for (int i = 1; i <= 5; i++)
    {
      g_autoptr (RefMeeting) m = meeting_new ("Socialudvalget", 2024, i, 10, REF_MEETING_KIND_MINUTES);
      g_autofree char *name = g_strdup_printf ("m%d.referat", i);
      g_autofree char *path = NULL;

      add_item (m, 1, "Status", NULL, i == 3 ? "Ventelisten til plejeboliger." : "Intet nyt.", NULL);
      path = save (m, dir, name);
      if (i == 3)
        changed = g_steal_pointer (&path);
      else if (i == 5)
        removed = g_steal_pointer (&path);
    }
  /* Not minutes: skipped, or reported and not retried until changed. */
  broken = g_build_filename (dir, "broken.referat", NULL);
  g_assert_true (g_file_set_contents (broken, "<referat", -1, NULL));
  {
    g_autofree char *hidden = g_build_filename (dir, ".m1.referat", NULL);
    g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
    g_assert_true (g_file_set_contents (hidden, "x", -1, NULL));
    g_assert_true (g_file_set_contents (other, "x", -1, NULL));
  }

  index = index_folder (dir, REF_EDITION_PUBLIC, &stats);
  g_assert_cmpuint (stats.n_files, ==, 6);
  g_assert_cmpuint (stats.n_added, ==, 6);
  g_assert_cmpuint (stats.failures->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (stats.failures, 0), "broken.referat: "));
  g_assert_cmpuint (ref_archive_index_get_n_meetings (index), ==, 5);
  g_assert_cmpstr (hits_of (index, "plejeboligerne", NULL), ==, "Socialudvalget 2024-03-10 1");
  ref_archive_update_stats_clear (&stats);

  /* Nothing changed: nothing is read. */
  g_assert_true (ref_archive_index_update (index, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_unchanged, ==, 6);
  g_assert_cmpuint (stats.n_added + stats.n_changed + stats.n_removed, ==, 0);
  g_assert_cmpuint (stats.failures->len, ==, 0);
  ref_archive_update_stats_clear (&stats);

  /* One file changed, one removed. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (changed);
    g_autoptr (RefMeeting) m = ref_xml_load_file (file, &error);
    RefAgendaItem *item = ref_meeting_find_item_by_number (m, 1);
    g_autoptr (RefText) text = ref_text_new_paragraph ("Demensindsatsen styrkes.");
    RefSection *section = ref_agenda_item_find_section (item, REF_SECTION_KIND_CASE);

    g_assert_no_error (error);
    ref_section_set_text (section, text);
    g_free (save (m, dir, "m3.referat"));
  }
  g_assert_cmpint (g_unlink (removed), ==, 0);
  g_assert_true (ref_archive_index_update (index, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_changed, ==, 1);
  g_assert_cmpuint (stats.n_removed, ==, 1);
  g_assert_cmpuint (stats.n_unchanged, ==, 4);
  g_assert_cmpuint (stats.n_items, ==, 4);
  ref_archive_update_stats_clear (&stats);
  g_assert_cmpstr (hits_of (index, "plejeboliger", NULL), ==, "");
  g_assert_cmpstr (hits_of (index, "demensindsatsen", NULL), ==, "Socialudvalget 2024-03-10 1");
  g_assert_cmpstr (hits_of (index, "intet", NULL), ==,
                   "Socialudvalget 2024-01-10 1; Socialudvalget 2024-02-10 1; Socialudvalget 2024-04-10 1");

  /* The same size and a new time counts as a change too. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (changed);
    g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 0, NULL, NULL);
    g_autoptr (GDateTime) modified = g_file_info_get_modification_date_time (info);
    g_autoptr (GDateTime) later = g_date_time_add_seconds (modified, 5);

    g_file_info_set_modification_date_time (info, later);
    g_assert_true (g_file_set_attributes_from_info (file, info, 0, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (ref_archive_index_update (index, NULL, NULL, &stats, NULL, &error));
  g_assert_cmpuint (stats.n_changed, ==, 1);
  ref_archive_update_stats_clear (&stats);

  /* A second index of the same folder sees what the first wrote. */
  {
    g_autoptr (RefArchiveIndex) reader = ref_archive_index_open (dir, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_SEARCH,
                                                                  &error);
    g_assert_no_error (error);
    g_assert_cmpstr (hits_of (reader, "demensindsatsen", NULL), ==, "Socialudvalget 2024-03-10 1");
  }
  /* And searching without an index says so. */
  {
    g_autofree char *empty = make_archive_dir ();
    g_autoptr (RefArchiveIndex) none = ref_archive_index_open (empty, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_SEARCH,
                                                                &error);
    g_assert_null (none);
    g_assert_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_NO_INDEX);
    g_clear_error (&error);
  }
}

static void
damage (const char *path, goffset at, const char *bytes, gsize length)
{
  FILE *f = fopen (path, "r+b");

  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, at, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, length, f), ==, length);
  fclose (f);
}

static void
set_user_version (const char *path, int version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* After the index was damaged: updating builds it anew from the archive, which stays
 * as it was. With @search_refuses, opening it for searching already refuses it (damage
 * in its header or tables of its own); damage deep in the full-text pages is found
 * when a search reads them, and always by the check before an update. */
static void
assert_rebuilt (const char *dir, const char *digest, gboolean search_refuses)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefArchiveIndex) search_index = ref_archive_index_open (dir, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_SEARCH,
                                                                      &error);
  g_autoptr (RefArchiveIndex) index = NULL;
  RefArchiveUpdateStats stats = { 0 };
  g_autofree char *after = NULL;

  if (search_refuses)
    {
      g_assert_null (search_index);
      g_assert_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED);
    }
  g_clear_error (&error);
  g_clear_object (&search_index);

  index = ref_archive_index_open (dir, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_UPDATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ref_archive_index_get_rebuild_reason (index));
  g_assert_true (ref_archive_index_update (index, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_added, ==, 8);
  ref_archive_update_stats_clear (&stats);
  g_assert_cmpstr (hits_of (index, "fortroligt*", NULL), ==, "");
  g_assert_cmpuint (ref_archive_index_get_n_items (index), ==, 8 * 13);
  g_clear_object (&index);
  after = tree_digest (dir);
  g_assert_cmpstr (after, ==, digest);
}

static void
test_corrupt_index_rebuilt (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autofree char *digest = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr (RefMeeting) m = ref_test_meeting_generate (15, i + 1);
      g_autofree char *name = g_strdup_printf ("%u/meeting-%u.referat", i % 3, i);

      g_free (save (m, dir, name));
    }
  digest = tree_digest (dir);
  {
    g_autoptr (RefArchiveIndex) index = index_folder (dir, REF_EDITION_PUBLIC, NULL);
    path = g_strdup (ref_archive_index_get_path (index));
    g_assert_null (ref_archive_index_get_rebuild_reason (index));
  }
  g_assert_true (g_str_has_prefix (path, g_get_user_cache_dir ()));

  /* Pages in the middle overwritten. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *garbage = g_malloc (8192);

    g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
    g_assert_cmpuint (size, >, 64 * 1024);
    memset (garbage, 0x5a, 8192);
    damage (path, (goffset) (size / 2) & ~4095, garbage, 8192);
  }
  assert_rebuilt (dir, digest, FALSE);

  /* Not a database at all. */
  g_assert_true (g_file_set_contents (path, "This is not an index.\n", -1, NULL));
  assert_rebuilt (dir, digest, TRUE);

  /* The header's page size damaged. */
  damage (path, 16, "\x00\x03", 2);
  assert_rebuilt (dir, digest, TRUE);

  /* A sound index of another schema version is not trusted either. */
  set_user_version (path, REF_ARCHIVE_SCHEMA_VERSION - 1);
  assert_rebuilt (dir, digest, TRUE);

  /* An index as Referent left it is opened without reading it through (its stamp
   * says so); damage a search meets takes the stamp away, so that the next update
   * checks the whole index again. */
  {
    g_autoptr (RefArchiveIndex) index = ref_archive_index_open (dir, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_UPDATE,
                                                                 &error);
    g_autofree char *stamp = g_strconcat (path, ".checked", NULL);

    g_assert_no_error (error);
    g_assert_null (ref_archive_index_get_rebuild_reason (index));
    g_assert_true (g_file_test (stamp, G_FILE_TEST_EXISTS));
    g_assert_false (ref_archive_index_set_error (index, SQLITE_CORRUPT, &error));
    g_assert_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED);
    g_clear_error (&error);
    g_assert_false (g_file_test (stamp, G_FILE_TEST_EXISTS));
  }
}

/* ---- case history ---- */

/* The sample meeting, moved to another day and committee, with only the items
 * @numbers (0-terminated), optionally with other case numbers. */
static RefMeeting *
sample_variant (const char *committee, int year, int month, int day, RefMeetingKind kind, const guint *numbers)
{
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_sample_meeting_new (&error);
  g_autoptr (GDateTime) start = g_date_time_new_local (year, month, day, 13, 0, 0);
  GListModel *items = ref_meeting_get_items (meeting);

  g_assert_no_error (error);
  ref_meeting_set_committee (meeting, committee);
  ref_meeting_set_start (meeting, start);
  ref_meeting_set_end (meeting, NULL);
  ref_meeting_set_kind (meeting, kind);
  for (guint i = g_list_model_get_n_items (items); i > 0; i--)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i - 1);
      gboolean keep = FALSE;

      for (const guint *n = numbers; *n; n++)
        keep |= ref_agenda_item_get_number (item) == *n;
      if (!keep)
        ref_meeting_remove_item (meeting, item);
      else if (kind == REF_MEETING_KIND_AGENDA)
        g_list_store_remove_all (G_LIST_STORE (ref_agenda_item_get_decisions (item)));
    }
  return meeting;
}

static void
set_decision (RefAgendaItem *item, const char *text)
{
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (RefText) t = ref_text_new_paragraph (text);

  g_list_store_remove_all (G_LIST_STORE (ref_agenda_item_get_decisions (item)));
  ref_decision_set_text (decision, t);
  ref_agenda_item_add_decision (item, decision);
}

static const char *
references (GPtrArray *entries, gboolean suggested)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      RefCaseHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (ref_case_history_entry_get_suggested (entry) != suggested)
        continue;
      g_string_append_printf (out, "%s%s", out->len ? "; " : "", ref_case_history_entry_get_reference (entry));
    }
  return keep (g_strdup (out->str));
}

static void
test_case_history (void)
{
  g_autofree char *dir = make_archive_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) sample = ref_sample_meeting_new (&error);
  g_autoptr (RefMeeting) june = NULL;
  g_autoptr (RefArchiveIndex) index = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *sample_path = NULL;
  g_autofree char *march_path = NULL;
  g_autofree char *june_path = NULL;
  RefAgendaItem *item;
  RefHistory *history;

  g_assert_no_error (error);
  /* The sample (6 May 2025) and the meetings its "Tidligere behandling" sections name:
   * 11 March 2025 (item 4's case as punkt 1, as agenda and as minutes) and 13 August
   * 2024 (item 9's case as punkt 3); a later meeting of June 2025 with item 4's case
   * again; another committee's meeting with a title like item 5's. */
  sample_path = save (sample, dir, "2025/socialudvalget-2025-05-06.referat");
  {
    static const guint numbers[] = { 2, 4, 0 };
    g_autoptr (RefMeeting) march = sample_variant ("Socialudvalget", 2025, 3, 11, REF_MEETING_KIND_MINUTES, numbers);
    g_autoptr (RefMeeting) agenda = sample_variant ("Socialudvalget", 2025, 3, 11, REF_MEETING_KIND_AGENDA, numbers);

    ref_agenda_item_set_number (ref_meeting_find_item_by_number (march, 4), 1);
    ref_agenda_item_set_number (ref_meeting_find_item_by_number (agenda, 4), 1);
    set_decision (ref_meeting_find_item_by_number (march, 1), "Taget til efterretning.");
    march_path = save (march, dir, "2025/socialudvalget-2025-03-11.referat");
    g_free (save (agenda, dir, "2025/dagsordener/socialudvalget-2025-03-11-dagsorden.referat"));
  }
  {
    static const guint numbers[] = { 2, 9, 0 };
    g_autoptr (RefMeeting) august = sample_variant ("Socialudvalget", 2024, 8, 13, REF_MEETING_KIND_MINUTES, numbers);

    item = ref_meeting_find_item_by_number (august, 9);
    ref_agenda_item_set_number (item, 3);
    ref_agenda_item_set_title (item, "Handicapsagsbarometer 2023");
    set_decision (item, "Godkendt.");
    g_free (save (august, dir, "2024/socialudvalget-2024-08-13.referat"));
  }
  {
    static const guint numbers[] = { 2, 4, 0 };

    june = sample_variant ("Socialudvalget", 2025, 6, 10, REF_MEETING_KIND_MINUTES, numbers);
    item = ref_meeting_find_item_by_number (june, 4);
    g_list_store_remove (G_LIST_STORE (ref_agenda_item_get_sections (item)), 0); /* its Tidligere behandling */
    june_path = save (june, dir, "2025/socialudvalget-2025-06-10.referat");
  }
  {
    static const guint numbers[] = { 2, 5, 0 };
    g_autoptr (RefMeeting) other = sample_variant ("Social- og Sundhedsudvalget", 2023, 11, 28,
                                                   REF_MEETING_KIND_MINUTES, numbers);

    item = ref_meeting_find_item_by_number (other, 5);
    ref_agenda_item_set_title (item, "Tilsyn på Maglemosen 2023");
    ref_agenda_item_set_case_number (item, "15.00.00-P05-9-23");
    g_free (save (other, dir, "2023/social-og-sundhed-2023-11-28.referat"));
  }
  /* Standing items: "Meddelelser" is in six meetings, with case numbers of their own. */
  {
    static const guint numbers[] = { 2, 0 };
    for (int month = 1; month <= 2; month++)
      {
        g_autoptr (RefMeeting) m = sample_variant ("Socialudvalget", 2024, month, 9, REF_MEETING_KIND_MINUTES, numbers);
        g_autofree char *name = g_strdup_printf ("2024/socialudvalget-2024-0%d-09.referat", month);
        ref_agenda_item_set_case_number (ref_meeting_find_item_by_number (m, 2), "00.01.10-P35-1-23");
        g_free (save (m, dir, name));
      }
  }
  index = index_folder (dir, REF_EDITION_PUBLIC, NULL);
  g_assert_cmpuint (ref_archive_index_get_n_meetings (index), ==, 8);

  /* Item 4 of the sample: the March meeting's minutes (not its agenda), not June's. */
  entries = ref_case_history_lookup (index, sample, ref_meeting_find_item_by_number (sample, 4), sample_path, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (references (entries, FALSE), ==, "Socialudvalget den 11-03-2025, punkt 1");
  g_assert_cmpstr (references (entries, TRUE), ==, "");
  {
    RefCaseHistoryEntry *entry = g_ptr_array_index (entries, 0);

    g_assert_cmpstr (ref_case_history_entry_get_path (entry), ==, march_path);
    g_assert_cmpstr (ref_case_history_entry_get_decision (entry), ==, "Taget til efterretning.");
    g_assert_cmpstr (ref_case_history_entry_get_outcome (entry), ==, "noted");
    g_assert_cmpstr (ref_case_history_entry_get_title (entry), ==, "Skærpet tilsyn for Stokholtbuen");
    g_assert_cmpstr (ref_case_history_entry_get_date (entry), ==, "2025-03-11");
    g_assert_cmpstr (ref_case_history_entry_get_case_number (entry), ==, "00.01.10-P35-3-24");
  }
  /* The sample already names that meeting in its own words: nothing is added. */
  history = ref_meeting_get_history (sample);
  g_assert_cmpuint (ref_case_history_insert (ref_meeting_find_item_by_number (sample, 4), entries), ==, 0);
  g_assert_false (ref_history_get_can_undo (history));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Item 9: August 2024, found by its case number although the title changed. */
  entries = ref_case_history_lookup (index, sample, ref_meeting_find_item_by_number (sample, 9), sample_path, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (references (entries, FALSE), ==, "Socialudvalget den 13-08-2024, punkt 3");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Item 5: nothing with its case number; another committee's very like title is a
   * suggestion. */
  entries = ref_case_history_lookup (index, sample, ref_meeting_find_item_by_number (sample, 5), sample_path, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (references (entries, FALSE), ==, "");
  g_assert_cmpstr (references (entries, TRUE), ==, "Social- og Sundhedsudvalget den 28-11-2023, punkt 5");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Meddelelser: its own case number's meetings, but no suggestions by its title. */
  entries = ref_case_history_lookup (index, sample, ref_meeting_find_item_by_number (sample, 2), sample_path, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (references (entries, FALSE), ==,
                   "Socialudvalget den 11-03-2025, punkt 2; Socialudvalget den 13-08-2024, punkt 2; "
                   "Social- og Sundhedsudvalget den 28-11-2023, punkt 2");
  g_assert_cmpstr (references (entries, TRUE), ==, "");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* June: both earlier handlings, newest first, inserted as a new section. */
  item = ref_meeting_find_item_by_number (june, 4);
  g_assert_null (ref_agenda_item_find_section (item, REF_SECTION_KIND_PREVIOUS));
  entries = ref_case_history_lookup (index, june, item, june_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (references (entries, FALSE), ==,
                   "Socialudvalget den 06-05-2025, punkt 4; Socialudvalget den 11-03-2025, punkt 1");
  history = ref_meeting_get_history (june);
  g_assert_cmpuint (ref_case_history_insert (item, entries), ==, 2);
  {
    RefSection *section = ref_agenda_item_find_section (item, REF_SECTION_KIND_PREVIOUS);
    g_autoptr (RefSection) first = g_list_model_get_item (ref_agenda_item_get_sections (item), 0);
    g_autofree char *plain = NULL;

    g_assert_nonnull (section);
    g_assert_true (first == section);
    g_assert_cmpstr (ref_section_get_display_heading (section), ==, "Tidligere behandling");
    plain = ref_text_to_plain (ref_section_get_text (section));
    g_assert_cmpstr (plain, ==, "Socialudvalget den 06-05-2025, punkt 4\n\nSocialudvalget den 11-03-2025, punkt 1");
  }
  /* Again: nothing more. */
  g_assert_cmpuint (ref_case_history_insert (item, entries), ==, 0);
  /* One undo step takes it out. */
  g_assert_true (ref_history_undo (history));
  g_assert_null (ref_agenda_item_find_section (item, REF_SECTION_KIND_PREVIOUS));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A new, unsaved meeting finds everything before it. */
  {
    g_autoptr (RefMeeting) fresh = meeting_new ("Socialudvalget", 2025, 9, 2, REF_MEETING_KIND_AGENDA);
    RefAgendaItem *new_item = add_item (fresh, 6, "Stokholtbuen", "00.01.10-p35-3-24", NULL, NULL);

    entries = ref_case_history_lookup (index, fresh, new_item, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (references (entries, FALSE), ==,
                     "Socialudvalget den 10-06-2025, punkt 4; Socialudvalget den 06-05-2025, punkt 4; "
                     "Socialudvalget den 11-03-2025, punkt 1");
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("referent-archive");
  g_autofree char *cache = g_build_filename (tmp_root, "cache", NULL);

  /* Before anything asks GLib for the cache folder: the indexes go there. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/stemming", test_stemming);
  g_test_add_func ("/archive/ranking", test_ranking);
  g_test_add_func ("/archive/ranking-order", test_ranking_order);
  g_test_add_func ("/archive/phrases-and-syntax", test_phrases_and_syntax);
  g_test_add_func ("/archive/filters-combine", test_filters_combine);
  g_test_add_func ("/archive/closed-items-public-index", test_closed_items_public_index);
  g_test_add_func ("/archive/incremental", test_incremental);
  g_test_add_func ("/archive/corrupt-index-rebuilt", test_corrupt_index_rebuilt);
  g_test_add_func ("/archive/case-history", test_case_history);
  return ref_test_run_and_clean (tmp_root);
}
