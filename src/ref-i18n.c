/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ref-i18n.h"

gboolean
ref_running_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = g_strconcat (BUILD_ROOT, G_DIR_SEPARATOR_S, NULL);

  return exe != NULL && g_str_has_prefix (exe, root);
}

const char *
ref_i18n_get_locale_dir (void)
{
  static gsize dir;

  if (g_once_init_enter (&dir))
    {
      const char *found = LOCALEDIR;

      /* Nothing installs translations into the build tree's prefix: an uninstalled
       * build uses the catalogues compiled next to it. */
      if (ref_running_uninstalled () && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
        found = BUILD_LOCALEDIR;
      g_once_init_leave (&dir, (gsize) found);
    }
  return (const char *) dir;
}

void
ref_i18n_init (void)
{
  const char *messages;
  const char *language = g_getenv ("LANGUAGE");

  /* A locale that is not installed leaves the C locale. */
  setlocale (LC_ALL, "");
  /* gettext ignores LANGUAGE in the plain C locale, so LANGUAGE=da would show
   * English on a machine without a LANG (a fresh container, a service). C.UTF-8 is
   * the same C locale with UTF-8, and it honours LANGUAGE. Set in the environment,
   * so that GTK's own setlocale () at start-up keeps it. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (language != NULL && *language != '\0' && (g_strcmp0 (messages, "C") == 0 || g_strcmp0 (messages, "POSIX") == 0))
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "");
    }
  bindtextdomain (GETTEXT_PACKAGE, ref_i18n_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
