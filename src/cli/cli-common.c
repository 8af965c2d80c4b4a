/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "ref-i18n.h"
#include "ref-xml.h"

/* What every referent-cli program shares: the dispatcher itself and the helper
 * programs it runs for the commands that need the heavier libraries (see
 * referent-cli.c). */

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

int
cli_helper_main (const CliCommand *commands, gsize n_commands, int argc, char **argv)
{
  ref_i18n_init ();

  /* referent-cli runs a helper as "HELPER COMMAND ARGUMENTS…". */
  if (argc >= 2)
    for (gsize i = 0; i < n_commands; i++)
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].func (argc - 1, argv + 1);
  return cli_usage_error (argc >= 2 ? argv[1] : "", _("unknown command"));
}
