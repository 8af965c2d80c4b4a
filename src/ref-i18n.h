/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder with the compiled translations (LANG/LC_MESSAGES/referent.mo): the
 * installed one, or, for a program run from the build tree (make run, the tests),
 * the one meson compiles po/ into there. */
const char *ref_i18n_get_locale_dir (void);

/* Whether this process's executable lies in the build tree that compiled it. */
gboolean    ref_running_uninstalled (void);

/* Sets the locale from the environment and binds the message catalogue, for the
 * application and the command-line tool alike. */
void        ref_i18n_init (void);

G_END_DECLS
