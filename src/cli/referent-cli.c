/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli-commands.h"
#include "ref-i18n.h"
#include "ref-stats.h"
#include "ref-xml.h"

/* referent-cli: command-line access to Referent's library, for scripts and for
 * secretaries who batch-process minutes. Exit status 0 on success, 1 when a file
 * is invalid or a command fails, 2 on wrong usage.
 *
 * Most runs are an import of one small PDF, where starting the process is most of
 * the time and the dynamic loader most of that. So this program links only what
 * validate, stats, import and diff need (poppler, libxml2, libarchive, GLib); the
 * commands that need xmlsec and OpenSSL, libsoup, pango and qpdf, or SQLite are
 * helper programs it runs in its place, git-style (referent-cli-sign,
 * referent-cli-export, referent-cli-archive): beside this program in the build
 * tree, in $libexecdir/referent once installed, or in $REFERENT_CLI_HELPER_DIR. */

#define HELPER_DIR_VARIABLE "REFERENT_CLI_HELPER_DIR"

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  CliCommandFunc func; /* run here, or */
  const char *helper;  /* the program that runs it */
} Command;

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

static int cmd_help (int argc, char **argv);

static const Command commands[] = {
  { "validate", N_("FILE…"), N_("Check that .referat files are valid"), cmd_validate, NULL },
  { "stats", N_("FILE"), N_("Print counts of items, decisions and attendance as JSON"), cmd_stats, NULL },
  { "import", N_("IN… -o OUT"),
    N_("Import agenda or minutes PDFs, or case-system exports (XML, folder, zip), into .referat files"), cli_import,
    NULL },
  { "diff", N_("A B"), N_("Show what changed between two versions of a meeting"), cli_diff, NULL },
  { "export", N_("FILE -o PDF"), N_("Export the minutes as PDF (--edition public|internal, --trust CA.pem …)"), NULL,
    "referent-cli-export" },
  { "sign", N_("FILE"), N_("Approve the minutes with a digital signature (--pkcs12 CERT.p12 [--tsa URL])"), NULL,
    "referent-cli-sign" },
  { "verify", N_("FILE"), N_("Check the approvals of the minutes (--trust CA.pem, --tsa-trust, --crl …)"), NULL,
    "referent-cli-sign" },
  { "content", N_("FILE"), N_("Write the content members approve as XML, for other XAdES tools"), NULL,
    "referent-cli-sign" },
  { "attach", N_("FILE SIGNED"), N_("Add an approval signed with another XAdES tool"), NULL, "referent-cli-sign" },
  { "index", N_("DIR"), N_("Index the minutes in a folder tree for searching (--internal: with closed items)"), NULL,
    "referent-cli-archive" },
  { "search", N_("QUERY"),
    N_("Search the indexed archive (--committee, --from, --to, --case, --kind, --outcome, --json …)"), NULL,
    "referent-cli-archive" },
  { "help", "", N_("Show this help"), cmd_help, NULL },
};

static int
cmd_help (int argc, char **argv)
{
  g_print (_("Usage: referent-cli COMMAND [ARGUMENTS…]\n\nCommands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args = _(commands[i].args);
      /* Padded by characters, not bytes: "FILE…" is five columns wide. */
      int pad = MAX (0, 16 - (int) g_utf8_strlen (args, -1));

      g_print ("  %-9s %s%*s %s\n", commands[i].name, args, pad, "", _(commands[i].summary));
    }
  return 0;
}

static char *
helper_dir (void)
{
  const char *dir = g_getenv (HELPER_DIR_VARIABLE);
  g_autofree char *exe = NULL;

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  /* Uninstalled, the helpers are built beside this program. */
  if (ref_running_uninstalled () && (exe = g_file_read_link ("/proc/self/exe", NULL)) != NULL)
    return g_path_get_dirname (exe);
  return g_strdup (CLI_HELPERDIR);
}

/* Replaces this process with @command's helper program, given the command's
 * arguments (argv[0] is the command); returns only when it cannot. */
static int
run_helper (const Command *command, int argc, char **argv)
{
  g_autofree char *dir = helper_dir ();
  g_autofree char *path = g_build_filename (dir, command->helper, NULL);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  int saved_errno;

  g_ptr_array_add (args, path);
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  fflush (stdout);
  execv (path, (char **) args->pdata);
  saved_errno = errno;
  if (saved_errno == ENOENT)
    /* TRANSLATORS: "referent-cli sign: this command is not installed: …/referent-cli-sign is missing" */
    g_printerr (_("referent-cli %s: this command is not installed: “%s” is missing. Reinstall Referent to use it.\n"),
                command->name, path);
  else
    /* TRANSLATORS: "referent-cli sign: could not run …/referent-cli-sign: Permission denied" */
    g_printerr (_("referent-cli %s: could not run “%s”: %s\n"), command->name, path, g_strerror (saved_errno));
  return 1;
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
      return commands[i].func != NULL ? commands[i].func (argc - 1, argv + 1)
                                      : run_helper (&commands[i], argc - 1, argv + 1);

  return cli_usage_error (argv[1], _("unknown command"));
}
