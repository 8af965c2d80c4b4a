/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli-commands.h"

/* referent-cli-archive: the helper program that referent-cli runs for index and
 * search. The archive needs SQLite and the Danish stemmer, search --json json-glib:
 * libraries that the other commands, import above all, never load. Not meant to be
 * run by hand. */

static const CliCommand commands[] = {
  { "index", cli_index },
  { "search", cli_search },
};

int
main (int argc, char **argv)
{
  return cli_helper_main (commands, G_N_ELEMENTS (commands), argc, argv);
}
