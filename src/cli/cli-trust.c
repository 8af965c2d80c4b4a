/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli-commands.h"

/* Apart from cli-common.c: reading certificates brings in xmlsec and OpenSSL, which
 * only the helpers that sign, verify and export link. */

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
