/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-application.h"
#include "ref-i18n.h"

int
main (int argc, char **argv)
{
  g_autoptr (RefApplication) app = NULL;

  ref_i18n_init ();

  app = ref_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
