/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-commands.h"
#include "ref-pdf-import.h"
#include "ref-xml.h"

/* referent-cli import IN.pdf… -o OUT.referat|DIR
 * One file may go to a .referat path; several go to a directory, one .referat each,
 * imported in parallel on all cores. */

typedef struct {
  char *input;
  char *output;
  GError *error;
  double coverage;
  double confidence;
  guint n_warnings;
  guint n_items;
} Job;

typedef struct {
  GMutex lock;
  guint done;
  guint total;
  gboolean verbose;
  gboolean tty;
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
run_job (Job *job, gboolean verbose)
{
  g_autoptr (GFile) in = g_file_new_for_commandline_arg (job->input);
  g_autoptr (GFile) out = g_file_new_for_commandline_arg (job->output);
  g_autoptr (RefPdfImport) import = ref_pdf_import_file (in, NULL, NULL, NULL, &job->error);

  if (import == NULL)
    return;
  job->coverage = ref_pdf_import_get_coverage (import);
  job->confidence = ref_pdf_import_get_confidence (import);
  job->n_warnings = ref_pdf_import_get_warnings (import)->len;
  job->n_items = ref_meeting_get_n_items (ref_pdf_import_get_meeting (import));
  if (verbose)
    {
      GPtrArray *warnings = ref_pdf_import_get_warnings (import);
      GPtrArray *notes;
      for (guint i = 0; i < warnings->len; i++)
        {
          RefImportWarning *w = g_ptr_array_index (warnings, i);
          /* TRANSLATORS: "FILE, page N: reason: text" */
          g_printerr (_("%s, page %u: %s: “%s”\n"), job->input, w->page, w->reason, w->text);
        }
      notes = ref_pdf_import_get_confidence_notes (import);
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

  run_job (job, progress->verbose);
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
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strdup_printf ("%s%s%s%s", dir, G_DIR_SEPARATOR_S, base, REF_XML_EXTENSION);
}

int
cli_import (int argc, char **argv)
{
  g_autofree char *output = NULL;
  gboolean verbose = FALSE;
  int jobs_option = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE.referat, or into DIR for several inputs"),
      N_("FILE|DIR") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs_option, N_("Import this many files at once (default: all cores)"), N_("N") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("List every import warning"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("IN.pdf… — import agenda or minutes PDFs"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func (job_free);
  gboolean to_dir;
  Progress progress = { 0 };
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("import", error->message);
  if (argc < 2)
    return cli_usage_error ("import", _("no PDF given"));
  if (output == NULL)
    return cli_usage_error ("import", _("no output given (-o FILE.referat or -o DIR)"));

  to_dir = argc > 2 || g_file_test (output, G_FILE_TEST_IS_DIR);
  if (to_dir && g_mkdir_with_parents (output, 0755) != 0)
    {
      g_printerr (_("Could not create the folder “%s”\n"), output);
      return 1;
    }
  for (int i = 1; i < argc; i++)
    {
      Job *job = g_new0 (Job, 1);
      job->input = g_strdup (argv[i]);
      job->output = to_dir ? output_for (argv[i], output) : g_strdup (output);
      g_ptr_array_add (jobs, job);
    }

  progress.total = jobs->len;
  progress.verbose = verbose;
  progress.tty = jobs->len > 1 && isatty (fileno (stderr));
  g_mutex_init (&progress.lock);
  if (jobs->len == 1)
    run_job (g_ptr_array_index (jobs, 0), verbose);
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
      /* TRANSLATORS: "IN → OUT: 10 items, 100.0 % of the text, confidence 0.98, 0 warnings" */
      g_print (_("%s → %s: %u items, %.1f %% of the text, confidence %.2f, %u warnings\n"), job->input, job->output,
               job->n_items, 100 * job->coverage, job->confidence, job->n_warnings);
    }
  return status;
}
