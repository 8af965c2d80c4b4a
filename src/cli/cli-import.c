/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-commands.h"
#include "ref-file-util.h"
#include "ref-esdh-import.h"
#include "ref-pdf-import.h"
#include "ref-xml.h"

/* referent-cli import IN… -o OUT.referat|DIR
 * IN is an agenda or minutes PDF, or a case system's export: its XML file, the bundle
 * folder, or a zip of that folder. One input may go to a .referat path; several go to
 * a directory, one .referat each, imported in parallel on all cores. */

typedef struct {
  char *input;
  char *output;
  GError *error;
  gboolean esdh;      /* a case-system export, not a PDF */
  const char *dialect;
  double coverage;
  double confidence;
  guint n_warnings;
  guint n_items;
  guint n_participants;
  guint n_attachments;
  guint n_attachments_found;
} Job;

typedef struct {
  GMutex lock;
  guint done;
  guint total;
  gboolean verbose;
  gboolean tty;
  const char *unpack_to;
} Progress;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->input);
  g_free (job->output);
  g_clear_error (&job->error);
  g_free (job);
}

static void
print_warnings (const char *input, GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      RefImportWarning *w = g_ptr_array_index (warnings, i);
      if (w->page > 0)
        /* TRANSLATORS: "FILE, page N: reason: text" */
        g_printerr (_("%s, page %u: %s: “%s”\n"), input, w->page, w->reason, w->text);
      else
        /* TRANSLATORS: "FILE: reason: text" */
        g_printerr (_("%s: %s: “%s”\n"), input, w->reason, w->text);
    }
}

/* A case system's export (XML, bundle folder or zip). Zips are unpacked into a folder
 * of their own in @unpack_to (default: Referent's imports folder in the user's data
 * folder), where the attachments then point. */
static void
run_esdh_job (Job *job, GFile *in, GFile *out, const char *unpack_to, gboolean verbose)
{
  g_autoptr (GFile) unpack_dir = NULL;
  g_autoptr (RefEsdhImport) import = NULL;
  RefMeeting *meeting;

  job->esdh = TRUE;
  if (unpack_to != NULL)
    {
      g_autofree char *base = g_file_get_basename (in);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      unpack_dir = g_file_new_build_filename (unpack_to, base, NULL);
    }
  import = ref_esdh_import_file (in, unpack_dir, NULL, &job->error);
  if (import == NULL)
    return;
  meeting = ref_esdh_import_get_meeting (import);
  job->dialect = ref_esdh_import_get_dialect (import);
  job->n_warnings = ref_esdh_import_get_warnings (import)->len;
  job->n_items = ref_meeting_get_n_items (meeting);
  job->n_participants = g_list_model_get_n_items (ref_meeting_get_participants (meeting));
  job->n_attachments = ref_esdh_import_get_n_attachments (import);
  job->n_attachments_found = ref_esdh_import_get_n_attachments_found (import);
  if (verbose)
    print_warnings (job->input, ref_esdh_import_get_warnings (import));
  ref_xml_save_file (meeting, out, &job->error);
}

static void
run_job (Job *job, const char *unpack_to, gboolean verbose)
{
  g_autoptr (GFile) in = g_file_new_for_commandline_arg (job->input);
  g_autoptr (GFile) out = g_file_new_for_commandline_arg (job->output);
  g_autoptr (RefPdfImport) import = NULL;

  if (ref_esdh_import_handles (in))
    {
      run_esdh_job (job, in, out, unpack_to, verbose);
      return;
    }
  import = ref_pdf_import_file (in, NULL, NULL, NULL, &job->error);

  if (import == NULL)
    return;
  job->coverage = ref_pdf_import_get_coverage (import);
  job->confidence = ref_pdf_import_get_confidence (import);
  job->n_warnings = ref_pdf_import_get_warnings (import)->len;
  job->n_items = ref_meeting_get_n_items (ref_pdf_import_get_meeting (import));
  if (verbose)
    {
      GPtrArray *notes = ref_pdf_import_get_confidence_notes (import);

      print_warnings (job->input, ref_pdf_import_get_warnings (import));
      for (guint i = 0; i < notes->len; i++)
        /* TRANSLATORS: "FILE: confidence lowered: reason" */
        g_printerr (_("%s: confidence lowered: %s\n"), job->input, (const char *) g_ptr_array_index (notes, i));
    }
  ref_xml_save_file (ref_pdf_import_get_meeting (import), out, &job->error);
}

static void
pool_func (gpointer data, gpointer user_data)
{
  Job *job = data;
  Progress *progress = user_data;

  run_job (job, progress->unpack_to, progress->verbose);
  g_mutex_lock (&progress->lock);
  progress->done++;
  if (progress->tty)
    {
      g_printerr ("\r");
      g_printerr (_("Importing: %u of %u files"), progress->done, progress->total);
    }
  g_mutex_unlock (&progress->lock);
}

static char *
output_for (const char *input, const char *dir)
{
  g_autofree char *trimmed = g_strdup (input);
  g_autofree char *base = NULL;

  /* "bundle/" names the folder "bundle". */
  while (strlen (trimmed) > 1 && trimmed[strlen (trimmed) - 1] == G_DIR_SEPARATOR)
    trimmed[strlen (trimmed) - 1] = '\0';
  base = g_path_get_basename (trimmed);
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strdup_printf ("%s%s%s%s", dir, G_DIR_SEPARATOR_S, base, REF_XML_EXTENSION);
}

/* Before anything is written: no output may be one of the PDFs being imported (by
 * any name: a symbolic or hard link too), and no two inputs may go to the same
 * output, where one import would silently replace the other. Linear in the number of
 * files: a batch may have thousands. */
static gboolean
check_outputs (GPtrArray *jobs)
{
  g_autoptr (GHashTable) inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) existing_outputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) new_outputs = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      char *id = ref_file_identity (job->input);

      if (id != NULL)
        g_hash_table_insert (inputs, id, job->input);
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      char *id = ref_file_identity (job->output);
      const char *input = id != NULL ? g_hash_table_lookup (inputs, id) : NULL;
      GHashTable *outputs = id != NULL ? existing_outputs : new_outputs;
      Job *earlier;

      if (input != NULL)
        {
          g_printerr (_("Will not write to “%s”: it is the same file as “%s”, which is being imported. Choose "
                        "another output.\n"),
                      job->output, input);
          g_free (id);
          return FALSE;
        }
      /* An existing output by its identity (two names of one file), a new one by name. */
      earlier = g_hash_table_lookup (outputs, id != NULL ? id : job->output);
      if (earlier != NULL)
        {
          g_printerr (_("“%s” and “%s” would both be imported to “%s”. Import them into different folders.\n"),
                      earlier->input, job->input, job->output);
          g_free (id);
          return FALSE;
        }
      g_hash_table_insert (outputs, id != NULL ? id : job->output, job);
    }
  return TRUE;
}

int
cli_import (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *unpack_to = NULL;
  gboolean verbose = FALSE;
  int jobs_option = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE.referat, or into DIR for several inputs"),
      N_("FILE|DIR") },
    { "unpack-to", 0, 0, G_OPTION_ARG_FILENAME, &unpack_to,
      N_("Unpack zip bundles into a folder in DIR (default: Referent’s imports folder)"), N_("DIR") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs_option, N_("Import this many files at once (default: all cores)"), N_("N") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("List every import warning"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_("IN… — import agenda or minutes PDFs, or case-system exports (XML, folder or zip)"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func (job_free);
  gboolean to_dir;
  Progress progress = { 0 };
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("import", error->message);
  if (argc < 2)
    return cli_usage_error ("import", _("nothing to import given"));
  if (output == NULL)
    return cli_usage_error ("import", _("no output given (-o FILE.referat or -o DIR)"));

  to_dir = argc > 2 || g_file_test (output, G_FILE_TEST_IS_DIR);
  for (int i = 1; i < argc; i++)
    {
      Job *job = g_new0 (Job, 1);
      job->input = g_strdup (argv[i]);
      job->output = to_dir ? output_for (argv[i], output) : g_strdup (output);
      g_ptr_array_add (jobs, job);
    }
  if (!check_outputs (jobs))
    return 1;
  if (to_dir && g_mkdir_with_parents (output, 0755) != 0)
    {
      g_printerr (_("Could not create the folder “%s”\n"), output);
      return 1;
    }

  progress.total = jobs->len;
  progress.verbose = verbose;
  progress.unpack_to = unpack_to;
  progress.tty = jobs->len > 1 && isatty (fileno (stderr));
  g_mutex_init (&progress.lock);
  if (jobs->len == 1)
    run_job (g_ptr_array_index (jobs, 0), unpack_to, verbose);
  else
    {
      int threads = jobs_option > 0 ? jobs_option : (int) g_get_num_processors ();
      GThreadPool *pool = g_thread_pool_new (pool_func, &progress, threads, FALSE, NULL);

      for (guint i = 0; i < jobs->len; i++)
        g_thread_pool_push (pool, g_ptr_array_index (jobs, i), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
      if (progress.tty)
        g_printerr ("\n");
    }
  g_mutex_clear (&progress.lock);

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      if (job->error != NULL)
        {
          g_printerr ("%s\n", job->error->message);
          status = 1;
          continue;
        }
      if (job->esdh)
        /* TRANSLATORS: "IN → OUT: SBSYS export, 5 items, 11 participants, 1 of 1 attachment files found, 2 warnings" */
        g_print (_("%s → %s: %s export, %u items, %u participants, %u of %u attachment files found, %u warnings\n"),
                 job->input, job->output, job->dialect, job->n_items, job->n_participants, job->n_attachments_found,
                 job->n_attachments, job->n_warnings);
      else
        /* TRANSLATORS: "IN → OUT: 10 items, 100.0 % of the text, confidence 0.98, 0 warnings" */
        g_print (_("%s → %s: %u items, %.1f %% of the text, confidence %.2f, %u warnings\n"), job->input,
                 job->output, job->n_items, 100 * job->coverage, job->confidence, job->n_warnings);
    }
  return status;
}
