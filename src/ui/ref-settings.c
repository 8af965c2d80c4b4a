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

static void
add_trust_files (GSettings *settings, RefSignatureTrust *trust, const char *key,
                 gboolean (*add) (RefSignatureTrust *, const char *, GError **))
{
  g_auto (GStrv) paths = settings ? g_settings_get_strv (settings, key) : g_new0 (char *, 1);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!add (trust, paths[i], &error))
        g_debug ("%s: %s skipped: %s", key, paths[i], error->message);
    }
}

RefSignatureTrust *
ref_settings_load_trust (GSettings *settings)
{
  RefSignatureTrust *trust = ref_signature_trust_new ();

  add_trust_files (settings, trust, "trust-anchors", ref_signature_trust_add_file);
  add_trust_files (settings, trust, "tsa-trust-anchors", ref_signature_trust_add_tsa_file);
  add_trust_files (settings, trust, "crl-files", ref_signature_trust_add_crl_file);
  return trust;
}
