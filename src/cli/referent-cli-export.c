/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli-commands.h"

/* referent-cli-export: the helper program that referent-cli runs for export. The
 * PDF needs pango and qpdf (the tagging), its signature page xmlsec and OpenSSL:
 * libraries that the other commands, import above all, never load. Not meant to be
 * run by hand. */

static const CliCommand commands[] = {
  { "export", cli_export },
};

int
main (int argc, char **argv)
{
  return cli_helper_main (commands, G_N_ELEMENTS (commands), argc, argv);
}
