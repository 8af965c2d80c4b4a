/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli-commands.h"
#include "ref-i18n.h"
#include "ref-pdf-export.h"
#include "ref-stats.h"
#include "ref-xml.h"

/* referent-cli: command-line access to Referent's library, for scripts and for
 * secretaries who batch-process minutes. Exit status 0 on success, 1 when a file
 * is invalid or a command fails, 2 on wrong usage. */

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  CommandFunc func;
} Command;

int
cli_usage_error (const char *command, const char *message)
{
  g_printerr ("referent-cli %s: %s\n", command, message);
  g_printerr (_("Run “referent-cli help” for usage.\n"));
  return 2;
}

RefMeeting *
cli_load_meeting (const char *arg)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_xml_load_file (file, &error);

  if (meeting == NULL)
    g_printerr ("%s\n", error->message);
  return meeting;
}

gboolean
cli_load_trust (RefSignatureTrust *trust, char **files)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!ref_signature_trust_add_file (trust, files[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static int
cmd_validate (int argc, char **argv)
{
  int status = 0;

  if (argc < 2)
    return cli_usage_error ("validate", _("no file given"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr (GError) error = NULL;
      /* Two checks in one pass: the reader's (semantics, references, dates) and the
       * schema's (structure), so hand-edited files are caught either way. */
      g_autoptr (RefMeeting) meeting = ref_xml_load_file_full (file, REF_XML_LOAD_VALIDATE, &error);

      if (error != NULL)
        {
          g_printerr ("%s\n", error->message);
          status = 1;
        }
      else
        {
          guint n_items = ref_meeting_get_n_items (meeting);
          guint n_participants = g_list_model_get_n_items (ref_meeting_get_participants (meeting));
          g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", n_items), n_items);
          g_autofree char *people = g_strdup_printf (ngettext ("%u participant", "%u participants", n_participants),
                                                     n_participants);
          /* TRANSLATORS: "FILE: valid (3 items, 5 participants)" */
          g_print (_("%s: valid (%s, %s)\n"), argv[i], items, people);
        }
    }
  return status;
}

static int
cmd_stats (int argc, char **argv)
{
  g_autoptr (RefMeeting) meeting = NULL;
  g_autofree char *json = NULL;

  if (argc != 2)
    return cli_usage_error ("stats", _("expected exactly one file"));
  meeting = cli_load_meeting (argv[1]);
  if (meeting == NULL)
    return 1;
  json = ref_meeting_stats_to_json (meeting);
  fputs (json, stdout);
  return 0;
}

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

static int
cmd_export (int argc, char **argv)
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

static int cmd_help (int argc, char **argv);

static const Command commands[] = {
  { "validate", N_("FILE…"), N_("Check that .referat files are valid"), cmd_validate },
  { "stats", N_("FILE"), N_("Print counts of items, decisions and attendance as JSON"), cmd_stats },
  { "import", N_("IN… -o OUT"),
    N_("Import agenda or minutes PDFs, or case-system exports (XML, folder, zip), into .referat files"), cli_import },
  { "diff", N_("A B"), N_("Show what changed between two versions of a meeting"), cli_diff },
  { "export", N_("FILE -o PDF"), N_("Export the minutes as PDF (--edition public|internal, --trust CA.pem …)"), cmd_export },
  { "sign", N_("FILE"), N_("Approve the minutes with a digital signature (--pkcs12 CERT.p12 [--tsa URL])"), cli_sign },
  { "verify", N_("FILE"), N_("Check the approvals of the minutes (--trust CA.pem, --tsa-trust, --crl …)"), cli_verify },
  { "content", N_("FILE"), N_("Write the content members approve as XML, for other XAdES tools"), cli_content },
  { "attach", N_("FILE SIGNED"), N_("Add an approval signed with another XAdES tool"), cli_attach },
  { "index", N_("DIR"), N_("Index the minutes in a folder tree for searching (--internal: with closed items)"),
    cli_index },
  { "search", N_("QUERY"),
    N_("Search the indexed archive (--committee, --from, --to, --case, --kind, --outcome, --json …)"), cli_search },
  { "help", "", N_("Show this help"), cmd_help },
};

static int
cmd_help (int argc, char **argv)
{
  g_print (_("Usage: referent-cli COMMAND [ARGUMENTS…]\n\nCommands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-9s %-16s %s\n", commands[i].name, _(commands[i].args), _(commands[i].summary));
  return 0;
}

int
main (int argc, char **argv)
{
  ref_i18n_init ();

  if (argc < 2)
    {
      cmd_help (0, NULL);
      return 2;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("referent-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return cmd_help (0, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  return cli_usage_error (argv[1], _("unknown command"));
}
