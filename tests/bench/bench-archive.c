/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Archive benchmark (not a timed test: it prints figures and asserts only that the
 * searches find what they must). An archive of 2,000 generated meetings of 20 items
 * (40,000 items; six committees over seven years, cases that come back) is written to
 * a temporary folder; then, in the same run:
 *
 *   - parsing every file alone (the reader, one after another, and on every core),
 *   - the first index, per meeting,
 *   - a re-index with nothing changed,
 *   - query latency (median, 95th percentile) of words, inflected words, phrases,
 *     prefixes and filtered queries, against `grep -r` over the same files.
 *
 * BENCH_ARCHIVE_MEETINGS changes the number of meetings (for a quick look).
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "meeting-generator.h"
#include "ref-archive-index.h"
#include "ref-archive-query.h"
#include "ref-xml.h"
#include "test-tmp.h"

#define ITEMS_PER_MEETING 20
#define QUERY_RUNS 15
/* Hits per query: a page of the search window's results, and referent-cli's default. */
#define HITS_PER_PAGE 20

static const char *const committees[] = {
  "Socialudvalget", "Økonomiudvalget", "Børne- og Skoleudvalget", "Teknik- og Miljøudvalget",
  "Kultur- og Fritidsudvalget", "Beskæftigelsesudvalget",
};

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* This thread's processor time: what a search costs, whatever else the machine does. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct {
  const char *dir;
  guint n_meetings;
} Archive;

/* Meeting @i: a generated meeting (its own seed), of one of six committees, on a
 * Tuesday of its committee's calendar; its cases are new or come back from the
 * committee's meeting before (every third item), as cases do. */
static void
write_meeting (gpointer data, gpointer user_data)
{
  guint i = GPOINTER_TO_UINT (data) - 1;
  Archive *archive = user_data;
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (ITEMS_PER_MEETING, i + 1);
  guint committee = i % G_N_ELEMENTS (committees);
  guint round = i / G_N_ELEMENTS (committees);
  g_autoptr (GDateTime) first = g_date_time_new_local (2018, 1, 9, 13, 0, 0);
  g_autoptr (GDateTime) start = g_date_time_add_days (first, (int) (round * 7 + committee));
  g_autofree char *year = g_date_time_format (start, "%Y");
  g_autofree char *day = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s/%s/%s.referat", year, committees[committee], day);
  g_autofree char *path = g_build_filename (archive->dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GListModel *items = ref_meeting_get_items (meeting);

  ref_meeting_set_committee (meeting, committees[committee]);
  ref_meeting_set_start (meeting, start);
  ref_meeting_set_end (meeting, NULL);
  for (guint n = 0; n < g_list_model_get_n_items (items); n++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, n);
      guint case_round = n % 3 == 0 && round > 0 ? round - 1 : round;
      g_autofree char *case_number = g_strdup_printf ("%02u.%02u.00-P%02u-%u-%02u", committee, n, case_round % 100,
                                                      case_round, 18 + case_round / 52);

      ref_agenda_item_set_case_number (item, case_number);
    }
  g_mkdir_with_parents (parent, 0755);
  if (!ref_xml_save_file (meeting, file, &error))
    g_error ("%s", error->message);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    g_unlink (backup);
  }
}

static void
collect_files (const char *dir, GPtrArray *files)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, files);
      else if (g_str_has_suffix (name, ".referat"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static void
parse_one (gpointer data, gpointer user_data)
{
  g_autoptr (GFile) file = g_file_new_for_path (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_xml_load_file (file, &error);

  if (meeting == NULL)
    g_error ("%s", error->message);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *times, double p)
{
  guint index;

  g_array_sort (times, compare_doubles);
  index = (guint) (p * (times->len - 1) + 0.5);
  return g_array_index (times, double, MIN (index, times->len - 1));
}

typedef struct {
  const char *label;
  const char *text;
  const char *committee;
  const char *from;
  const char *to;
  const char *grep; /* what grep -r -i -l -F looks for */
} BenchQuery;

static const BenchQuery queries[] = {
  { "common word (in every item)", "kommunen", NULL, NULL, NULL, "kommunen" },
  { "inflected form", "tilsynene", NULL, NULL, NULL, "tilsyn" },
  { "two words", "borgerne trivsel", NULL, NULL, NULL, "trivsel" },
  { "phrase", "\"Region Hovedstaden\"", NULL, NULL, NULL, "Region Hovedstaden" },
  { "rarer word", "handicapsagsbarometeret", NULL, NULL, NULL, "handicapsagsbarometeret" },
  { "rare compound", "døgnbehandlingstilbuddenes", NULL, NULL, NULL, "døgnbehandlingstilbuddenes" },
  { "prefix", "kvalitetsudvikling*", NULL, NULL, NULL, "kvalitetsudvikling" },
  { "word, committee and year", "beskæftigelse", "Økonomiudvalget", "2018-01-01", "2018-12-31", "beskæftigelse" },
  { "filters only (committee, year)", NULL, "Socialudvalget", "2018-01-01", "2018-12-31", "Socialudvalget" },
  { "word OR word, excluded word", "høringssvar OR frivillighed -budget", NULL, NULL, NULL, "høringssvar" },
};

static double
time_grep (const char *dir, const char *needle)
{
  const char *argv[] = { "grep", "-r", "-i", "-l", "-F", "--include=*.referat", needle, dir, NULL };
  g_autoptr (GError) error = NULL;
  double start = now ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, &error))
    g_error ("grep: %s", error->message);
  return now () - start;
}

/* The machine's load (1-minute average): figures measured on a busy machine are
 * slower, and say so. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  *strchrnul (text, ' ') = '\0';
  return g_steal_pointer (&text);
}

/* Processor time of the whole process, every thread. */
static double
process_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static long
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("referent-bench-archive");
  g_autofree char *dir = g_build_filename (tmp_root, "arkiv", NULL);
  g_autofree char *cache = g_build_filename (tmp_root, "cache", NULL);
  const char *env = g_getenv ("BENCH_ARCHIVE_MEETINGS");
  guint n_meetings = env ? (guint) atoi (env) : 2000;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RefArchiveIndex) index = NULL;
  g_autoptr (GError) error = NULL;
  RefArchiveUpdateStats stats = { 0 };
  Archive archive = { dir, n_meetings };
  guint cores = g_get_num_processors ();
  double t, c, parse_serial, parse_parallel, first_index, reindex, reopen, parse_cpu, index_cpu;
  GArray *all_ours = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *all_grep = g_array_new (FALSE, FALSE, sizeof (double));
  goffset archive_bytes = 0;
  struct stat st;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_mkdir_with_parents (dir, 0755);

  /* The archive. */
  t = now ();
  {
    GThreadPool *pool = g_thread_pool_new (write_meeting, &archive, (int) cores, FALSE, NULL);
    for (guint i = 0; i < n_meetings; i++)
      g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
    g_thread_pool_free (pool, FALSE, TRUE);
  }
  collect_files (dir, files);
  g_assert_cmpuint (files->len, ==, n_meetings);
  for (guint i = 0; i < files->len; i++)
    if (g_stat (g_ptr_array_index (files, i), &st) == 0)
      archive_bytes += st.st_size;
  {
    g_autofree char *load = load_average ();
    printf ("# Archive benchmark: %u meetings, %u items, %.0f MB of .referat files (written in %.1f s); %u cores, "
            "load average %s\n",
            n_meetings, n_meetings * ITEMS_PER_MEETING, archive_bytes / 1e6, now () - t, cores, load);
  }

  /* Parsing alone: the reader over every file, then on every core. */
  t = now ();
  c = process_cpu ();
  for (guint i = 0; i < files->len; i++)
    parse_one (g_ptr_array_index (files, i), NULL);
  parse_serial = now () - t;
  parse_cpu = process_cpu () - c;
  t = now ();
  {
    GThreadPool *pool = g_thread_pool_new (parse_one, NULL, (int) cores, FALSE, NULL);
    for (guint i = 0; i < files->len; i++)
      g_thread_pool_push (pool, g_ptr_array_index (files, i), NULL);
    g_thread_pool_free (pool, FALSE, TRUE);
  }
  parse_parallel = now () - t;
  printf ("# parsing the files alone: %.2f s one after another (%.1f ms per meeting), %.2f s on %u cores\n",
          parse_serial, parse_serial * 1000 / n_meetings, parse_parallel, cores);

  /* The first index. */
  t = now ();
  c = process_cpu ();
  index = ref_archive_index_open (dir, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_UPDATE, &error);
  g_assert_no_error (error);
  g_assert_true (ref_archive_index_update (index, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  first_index = now () - t;
  index_cpu = process_cpu () - c;
  g_assert_cmpuint (stats.n_added, ==, n_meetings);
  g_assert_cmpuint (stats.failures->len, ==, 0);
  if (g_stat (ref_archive_index_get_path (index), &st) != 0)
    st.st_size = 0;
  printf ("# first index: %.2f s, %.1f ms per meeting: %.2fx parsing alone (%.2fx parsing on %u cores); "
          "%u items (closed ones left out: public index), index %.0f MB; peak RSS %ld MiB\n",
          first_index, first_index * 1000 / n_meetings, first_index / parse_serial, first_index / parse_parallel,
          cores, stats.n_items, st.st_size / 1e6, peak_rss_mib ());
  printf ("# processor time (every thread, whatever the load): parsing alone %.2f s, first index %.2f s: %.2fx\n",
          parse_cpu, index_cpu, index_cpu / parse_cpu);
  ref_archive_update_stats_clear (&stats);
  g_clear_object (&index);

  /* Nothing changed: opening (with the check of the whole index) and updating. */
  t = now ();
  index = ref_archive_index_open (dir, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_UPDATE, &error);
  g_assert_no_error (error);
  reopen = now () - t;
  g_assert_true (ref_archive_index_update (index, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  reindex = now () - t;
  g_assert_cmpuint (stats.n_unchanged, ==, n_meetings);
  ref_archive_update_stats_clear (&stats);
  printf ("# re-index with nothing changed: %.3f s (of which %.3f s checking the index on opening)\n", reindex, reopen);
  g_clear_object (&index);

  /* Queries: in the process, on an index opened for searching; grep -r as a process.
   * The first search after opening reads what ranking needs of every item. */
  t = now ();
  index = ref_archive_index_open (dir, REF_EDITION_PUBLIC, REF_ARCHIVE_OPEN_SEARCH, &error);
  g_assert_no_error (error);
  {
    g_autoptr (RefArchiveQuery) query = ref_archive_query_new ();
    g_autoptr (GPtrArray) hits = NULL;

    ref_archive_query_set (&query->text, "socialtilsynet");
    query->limit = HITS_PER_PAGE;
    hits = ref_archive_index_search (index, query, NULL, &error);
    g_assert_no_error (error);
    printf ("# opening the index and the first search: %.1f ms\n", (now () - t) * 1000);
  }
  printf ("# query latency, %u runs each, %u hits (ms): %-25s %8s %8s %6s %10s %10s\n", QUERY_RUNS, HITS_PER_PAGE,
          "query", "median", "p95", "hits", "grep med.", "grep p95");
  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (RefArchiveQuery) query = ref_archive_query_new ();
      g_autoptr (GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) grep = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_hits = 0;

      ref_archive_query_set (&query->text, queries[q].text);
      ref_archive_query_set (&query->committee, queries[q].committee);
      ref_archive_query_set (&query->from, queries[q].from);
      ref_archive_query_set (&query->to, queries[q].to);
      query->limit = HITS_PER_PAGE;
      for (guint r = 0; r < QUERY_RUNS; r++)
        {
          g_autoptr (GPtrArray) hits = NULL;
          double elapsed, cpu = cpu_now ();

          t = now ();
          hits = ref_archive_index_search (index, query, NULL, &error);
          elapsed = now () - t;
          cpu = cpu_now () - cpu;
          g_array_append_val (all_cpu, cpu);
          g_assert_no_error (error);
          n_hits = hits->len;
          g_array_append_val (ours, elapsed);
          g_array_append_val (all_ours, elapsed);
        }
      if (n_hits == 0)
        g_error ("“%s” found nothing", queries[q].label);
      for (guint r = 0; r < 3; r++)
        {
          double elapsed = time_grep (dir, queries[q].grep);
          g_array_append_val (grep, elapsed);
          g_array_append_val (all_grep, elapsed);
        }
      printf ("#   %-58s %8.2f %8.2f %6u %10.0f %10.0f\n", queries[q].label, percentile (ours, 0.5) * 1000,
              percentile (ours, 0.95) * 1000, n_hits, percentile (grep, 0.5) * 1000, percentile (grep, 0.95) * 1000);
    }
  printf ("# all queries: median %.2f ms, 95th percentile %.2f ms; grep -r: median %.0f ms, 95th percentile %.0f ms "
          "(%.0fx slower at the median)\n",
          percentile (all_ours, 0.5) * 1000, percentile (all_ours, 0.95) * 1000, percentile (all_grep, 0.5) * 1000,
          percentile (all_grep, 0.95) * 1000, percentile (all_grep, 0.5) / percentile (all_ours, 0.5));
  printf ("# processor time of a query (this thread, whatever the load): median %.2f ms, 95th percentile %.2f ms\n",
          percentile (all_cpu, 0.5) * 1000, percentile (all_cpu, 0.95) * 1000);
  {
    g_autofree char *load = load_average ();
    printf ("# load average at the end: %s\n", load);
  }
  printf ("# targets: first index <= 2x parsing alone: %s; re-index < 1 s: %s; query p95 < 20 ms: %s\n",
          first_index <= 2 * parse_serial ? "met" : "NOT met", reindex < 1.0 ? "met" : "NOT met",
          percentile (all_ours, 0.95) < 0.020 ? "met" : "NOT met");
  g_array_unref (all_ours);
  g_array_unref (all_cpu);
  g_array_unref (all_grep);
  g_clear_object (&index);

  if (g_getenv ("BENCH_ARCHIVE_KEEP") == NULL)
    ref_test_remove_tree (tmp_root);
  else
    printf ("# kept: %s\n", tmp_root);
  printf ("1..1\nok 1 bench-archive\n");
  return 0;
}
