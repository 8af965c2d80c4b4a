/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ref-settings.h"

GSettings *
ref_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema ? g_settings_new (APP_ID) : NULL;
}

char *
ref_settings_dup_account_name (void)
{
  const char *real = g_get_real_name ();
  const char *login = g_get_user_name ();

  /* GLib says "Unknown" when the account has no full name; a system account's
   * full name is often just its login ("root"): neither names a person. */
  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown") && g_strcmp0 (real, login) != 0)
    return g_strdup (real);
  return g_strdup ("");
}

char *
ref_settings_dup_author_name (GSettings *settings)
{
  g_autofree char *chosen = settings ? g_settings_get_string (settings, "author-name") : NULL;

  if (chosen != NULL)
    g_strstrip (chosen);
  if (chosen != NULL && *chosen != '\0')
    return g_steal_pointer (&chosen);
  return ref_settings_dup_account_name ();
}
