/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The application's settings, or NULL when the schema is not installed (running from
 * a build tree without it must not abort). (transfer full) */
GSettings *ref_settings_new (void);

/* The name written on the comments this user adds: the one set in Preferences, else
 * the account's full name. Empty when neither is known (a system account such as
 * root, whose "full name" is its login). @settings may be NULL. (transfer full) */
char      *ref_settings_dup_author_name (GSettings *settings);

/* The name the account gives, as the fallback above computes it. (transfer full) */
char      *ref_settings_dup_account_name (void);

G_END_DECLS
