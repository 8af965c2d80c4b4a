/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "cli-commands.h"
#include "ref-pdf-export.h"
#include "ref-xml.h"

/* referent-cli export FILE.referat -o OUT.pdf */

typedef struct {
  gboolean tty;
  guint pages;
  int last_percent;
} ExportProgress;

static void
export_progress (guint pages_done, double fraction, gpointer user_data)
{
  ExportProgress *state = user_data;
  int percent = (int) (fraction * 100);

  state->pages = pages_done;
  if (!state->tty || percent == state->last_percent)
    return;
  state->last_percent = percent;
  /* TRANSLATORS: a progress line that is rewritten in place */
  g_printerr ("\r");
  g_printerr (_("Exporting: %3d %% (%u pages)"), percent, pages_done);
}

int
cli_export (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *edition = NULL;
  g_auto (GStrv) trust_files = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "edition", 0, 0, G_OPTION_ARG_STRING, &edition,
      N_("public (default: closed items show only their title) or internal"), N_("EDITION") },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust_files,
      N_("Certificates of the trusted authorities (PEM) for the signature page; may be repeated"), N_("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.referat — export the minutes as PDF"));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  RefPdfExportOptions options;
  g_autoptr (GPtrArray) sources = g_ptr_array_new ();
  ExportProgress progress = { isatty (STDERR_FILENO), 0, -1 };
  int edition_value = REF_EDITION_PUBLIC;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("export", error->message);
  if (argc != 2)
    return cli_usage_error ("export", _("expected exactly one .referat file"));
  if (output == NULL)
    return cli_usage_error ("export", _("no output file given (-o OUT.pdf)"));
  if (edition != NULL && !ref_enum_from_nick (REF_TYPE_EDITION, edition, &edition_value))
    return cli_usage_error ("export", _("the edition must be “public” or “internal”"));
  /* Without trust anchors the signature page shows approvals as not trusted. */
  if (!cli_load_trust (trust, trust_files))
    return 1;

  meeting = cli_load_meeting (argv[1]);
  if (meeting == NULL)
    return 1;
  ref_pdf_export_options_init (&options);
  options.edition = edition_value;
  options.trust = trust;
  /* The meeting is loaded for this export only. */
  options.release_items = TRUE;
  /* The PDF must not replace the minutes or an authority's certificate. */
  g_ptr_array_add (sources, argv[1]);
  for (guint i = 0; trust_files != NULL && trust_files[i] != NULL; i++)
    g_ptr_array_add (sources, trust_files[i]);
  g_ptr_array_add (sources, NULL);
  options.sources = (const char *const *) sources->pdata;
  if (!ref_pdf_export (meeting, output, &options, export_progress, &progress, NULL, &error))
    {
      if (progress.tty && progress.last_percent >= 0)
        g_printerr ("\n");
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (progress.tty)
    g_printerr ("\r");
  /* TRANSLATORS: "OUT.pdf: 23 pages written" */
  g_printerr (ngettext ("%s: %u page written\n", "%s: %u pages written\n", progress.pages), output, progress.pages);
  return 0;
}
