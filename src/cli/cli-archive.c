/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli-commands.h"
#include "ref-archive-index.h"
#include "ref-archive-query.h"

/* referent-cli index DIR and referent-cli search QUERY: the archive index. */

typedef struct {
  gboolean tty;
  int last_percent;
} IndexProgress;

static void
index_progress (guint done, guint total, gpointer user_data)
{
  IndexProgress *state = user_data;
  int percent = total ? (int) (100.0 * done / total) : 100;

  if (!state->tty || percent == state->last_percent)
    return;
  state->last_percent = percent;
  g_printerr ("\r");
  /* TRANSLATORS: a progress line that is rewritten in place */
  g_printerr (_("Indexing: %3d %% (%u of %u files)"), percent, done, total);
}

int
cli_index (int argc, char **argv)
{
  gboolean internal = FALSE, quiet = FALSE;
  const GOptionEntry entries[] = {
    { "internal", 0, 0, G_OPTION_ARG_NONE, &internal,
      N_("Index closed items too (a separate, internal index; default: the public index, without them)"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only problems"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("DIR — index the .referat files below DIR"));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefArchiveIndex) index = NULL;
  RefArchiveUpdateStats stats = { 0 };
  IndexProgress progress = { isatty (STDERR_FILENO) && !quiet, -1 };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("index", error->message);
  if (argc != 2)
    return cli_usage_error ("index", _("expected exactly one folder"));

  index = ref_archive_index_open (argv[1], internal ? REF_EDITION_INTERNAL : REF_EDITION_PUBLIC,
                                  REF_ARCHIVE_OPEN_UPDATE, &error);
  if (index == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (ref_archive_index_get_rebuild_reason (index) != NULL)
    /* TRANSLATORS: %s says why, e.g. "the index is damaged" */
    g_printerr (_("The index was built anew: %s.\n"), ref_archive_index_get_rebuild_reason (index));
  ok = ref_archive_index_update (index, index_progress, &progress, &stats, NULL, &error);
  if (progress.last_percent >= 0)
    g_printerr ("\r\033[K");
  for (guint i = 0; stats.failures != NULL && i < stats.failures->len; i++)
    /* TRANSLATORS: "FILE: why" of a file that could not be indexed */
    g_printerr (_("Not indexed: %s\n"), (const char *) g_ptr_array_index (stats.failures, i));
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      ref_archive_update_stats_clear (&stats);
      return 1;
    }
  if (!quiet)
    {
      guint meetings = ref_archive_index_get_n_meetings (index);
      g_autofree char *counts = g_strdup_printf (ngettext ("%u meeting", "%u meetings", meetings), meetings);
      g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", stats.n_items), stats.n_items);

      /* TRANSLATORS: "DIR: 2000 meetings, 40000 items (12 read, 1988 unchanged, 0 removed) in 1.2 s" */
      g_print (_("%s: %s, %s (%u read, %u unchanged, %u removed) in %.1f s\n"), ref_archive_index_get_folder (index),
               counts, items, stats.n_added + stats.n_changed, stats.n_unchanged, stats.n_removed,
               (g_get_monotonic_time () - start) / 1e6);
      g_print (_("Index: %s\n"), ref_archive_index_get_path (index));
    }
  ref_archive_update_stats_clear (&stats);
  return 0;
}

/* ---- search ---- */

static char *
display_date (const char *iso)
{
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup ("");
  return g_strdup_printf ("%02d-%02d-%04d", day, month, year);
}

/* The snippet with its matched words marked: bold on a terminal, in brackets
 * otherwise. */
static char *
marked_snippet (RefArchiveHit *hit, gboolean tty)
{
  const char *snippet = ref_archive_hit_get_snippet (hit);
  GString *out = g_string_new (NULL);
  guint n_pairs, at = 0;
  const guint *pairs = ref_archive_hit_get_highlights (hit, &n_pairs);

  for (guint i = 0; i < n_pairs; i++)
    {
      g_string_append_len (out, snippet + at, pairs[2 * i] - at);
      g_string_append (out, tty ? "\033[1m" : "[");
      g_string_append_len (out, snippet + pairs[2 * i], pairs[2 * i + 1] - pairs[2 * i]);
      g_string_append (out, tty ? "\033[0m" : "]");
      at = pairs[2 * i + 1];
    }
  g_string_append (out, snippet + at);
  return g_string_free (out, FALSE);
}

static void
print_hit (RefArchiveHit *hit, gboolean tty)
{
  g_autofree char *date = display_date (ref_archive_hit_get_date (hit));
  g_autofree char *snippet = marked_snippet (hit, tty);
  g_autoptr (GString) facts = g_string_new (NULL);
  const char *case_number = ref_archive_hit_get_case_number (hit);
  const char *outcome = ref_archive_hit_get_outcome (hit);

  /* TRANSLATORS: "Socialudvalget 06-05-2025, item 4: Title" */
  g_print (_("%s %s, item %u: %s\n"), ref_archive_hit_get_committee (hit), date, ref_archive_hit_get_number (hit),
           ref_archive_hit_get_title (hit));
  if (case_number != NULL)
    g_string_append_printf (facts, "%s · ", case_number);
  if (ref_archive_hit_get_closed (hit))
    g_string_append_printf (facts, "%s · ", _("closed"));
  if (outcome != NULL)
    g_string_append_printf (facts, "%s · ", ref_archive_outcome_label (outcome));
  g_print ("  %s%s\n", facts->str, ref_archive_hit_get_path (hit));
  if (*snippet)
    g_print ("  %s\n", snippet);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_hit (JsonBuilder *builder, RefArchiveHit *hit)
{
  const char *snippet = ref_archive_hit_get_snippet (hit);
  guint n_pairs;
  const guint *pairs = ref_archive_hit_get_highlights (hit, &n_pairs);

  json_builder_begin_object (builder);
  add_string (builder, "file", ref_archive_hit_get_path (hit));
  add_string (builder, "committee", ref_archive_hit_get_committee (hit));
  add_string (builder, "date", ref_archive_hit_get_date (hit));
  json_builder_set_member_name (builder, "item");
  json_builder_add_int_value (builder, ref_archive_hit_get_number (hit));
  add_string (builder, "title", ref_archive_hit_get_title (hit));
  add_string (builder, "case_number", ref_archive_hit_get_case_number (hit));
  json_builder_set_member_name (builder, "closed");
  json_builder_add_boolean_value (builder, ref_archive_hit_get_closed (hit));
  add_string (builder, "kind", ref_archive_hit_get_kind (hit));
  add_string (builder, "outcome", ref_archive_hit_get_outcome (hit));
  json_builder_set_member_name (builder, "score");
  json_builder_add_double_value (builder, ref_archive_hit_get_score (hit));
  add_string (builder, "snippet", snippet);
  /* Where the matched words are in the snippet, in characters: [start, end). */
  json_builder_set_member_name (builder, "highlights");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_pairs; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_utf8_pointer_to_offset (snippet, snippet + pairs[2 * i]));
      json_builder_add_int_value (builder, g_utf8_pointer_to_offset (snippet, snippet + pairs[2 * i + 1]));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_json (RefArchiveIndex *index, const RefArchiveQuery *query, GPtrArray *hits)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "archive", ref_archive_index_get_folder (index));
  add_string (builder, "index", ref_archive_index_get_edition (index) == REF_EDITION_INTERNAL ? "internal" : "public");
  add_string (builder, "query", query->text);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    add_hit (builder, g_ptr_array_index (hits, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
cli_search (int argc, char **argv)
{
  g_autofree char *archive = NULL;
  g_autofree char *committee = NULL, *from = NULL, *to = NULL, *case_number = NULL, *kind = NULL, *outcome = NULL;
  gboolean internal = FALSE, json = FALSE, open_only = FALSE, closed_only = FALSE;
  int limit = 20;
  const GOptionEntry entries[] = {
    { "archive", 0, 0, G_OPTION_ARG_FILENAME, &archive,
      N_("The archive folder (default: the folder indexed last)"), N_("DIR") },
    { "internal", 0, 0, G_OPTION_ARG_NONE, &internal, N_("Search the internal index, with closed items"), NULL },
    { "committee", 0, 0, G_OPTION_ARG_STRING, &committee, N_("Only meetings of this committee"), N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Only meetings on or after this date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only meetings on or before this date"), N_("DATE") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_number,
      N_("Only items with this case number (ending in *: starting with it)"), N_("NUMBER") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only items of this kind: decision, orientation, discussion, signature"),
      N_("KIND") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome,
      N_("Only items decided so: approved, recommended, noted, postponed, rejected, forwarded"), N_("OUTCOME") },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only open items"), NULL },
    { "closed", 0, 0, G_OPTION_ARG_NONE, &closed_only, N_("Only closed items (with --internal)"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most N results (default 20)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the results as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (
      _("[QUERY…] — search the archive: words, \"phrases\", -excluded, prefix*, OR"));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefArchiveIndex) index = NULL;
  g_autoptr (RefArchiveQuery) query = ref_archive_query_new ();
  g_autoptr (GPtrArray) hits = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("search", error->message);
  if (open_only && closed_only)
    return cli_usage_error ("search", _("--open and --closed exclude each other"));
  if (limit < 1)
    return cli_usage_error ("search", _("--limit must be at least 1"));
  if (archive == NULL && (archive = ref_archive_get_last_folder ()) == NULL)
    return cli_usage_error ("search", _("no archive has been indexed yet: run “referent-cli index DIR” first, or give "
                                        "--archive DIR"));

  if (argc > 1)
    {
      g_autofree char *text = g_strjoinv (" ", argv + 1);
      ref_archive_query_set (&query->text, text);
    }
  ref_archive_query_set (&query->committee, committee);
  ref_archive_query_set (&query->from, from);
  ref_archive_query_set (&query->to, to);
  ref_archive_query_set (&query->case_number, case_number);
  ref_archive_query_set (&query->kind, kind);
  ref_archive_query_set (&query->outcome, outcome);
  query->access = open_only ? REF_ARCHIVE_ACCESS_OPEN : closed_only ? REF_ARCHIVE_ACCESS_CLOSED : REF_ARCHIVE_ACCESS_ANY;
  query->limit = (guint) limit;

  index = ref_archive_index_open (archive, internal ? REF_EDITION_INTERNAL : REF_EDITION_PUBLIC,
                                  REF_ARCHIVE_OPEN_SEARCH, &error);
  if (index != NULL)
    hits = ref_archive_index_search (index, query, NULL, &error);
  if (hits == NULL)
    {
      if (g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY))
        return cli_usage_error ("search", error->message);
      g_printerr ("%s\n", error->message);
      if (g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_NO_INDEX)
          || g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED))
        g_printerr (_("Run “referent-cli index %s%s” to index it.\n"), internal ? "--internal " : "", archive);
      return 1;
    }
  if (json)
    print_json (index, query, hits);
  else
    {
      gboolean tty = isatty (STDOUT_FILENO);

      for (guint i = 0; i < hits->len; i++)
        {
          if (i > 0)
            g_print ("\n");
          print_hit (g_ptr_array_index (hits, i), tty);
        }
      if (hits->len == 0)
        g_printerr (_("Nothing found.\n"));
    }
  /* As grep: 1 when nothing was found. */
  return hits->len > 0 ? 0 : 1;
}
