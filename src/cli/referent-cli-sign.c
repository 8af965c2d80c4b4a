/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli-commands.h"

/* referent-cli-sign: the helper program that referent-cli runs for sign, verify,
 * content and attach. Approvals need xmlsec and OpenSSL, and libsoup (with Kerberos)
 * for time stamps: libraries that the other commands, import above all, never load.
 * Not meant to be run by hand. */

static const CliCommand commands[] = {
  { "sign", cli_sign },
  { "verify", cli_verify },
  { "content", cli_content },
  { "attach", cli_attach },
};

int
main (int argc, char **argv)
{
  return cli_helper_main (commands, G_N_ELEMENTS (commands), argc, argv);
}
