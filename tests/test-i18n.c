/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-i18n.h"
#include "test-ui-helpers.h"

/* `LANGUAGE=da make run` shows the Danish interface: programs run from the build tree
 * find the catalogue meson compiles there, also on a machine whose locale is plain C
 * (main () sets up such an environment before anything reads it). */

static void
test_locale_dir (void)
{
  g_autofree char *mo = g_build_filename (ref_i18n_get_locale_dir (), "da", "LC_MESSAGES", "referent.mo", NULL);

  g_assert_cmpstr (ref_i18n_get_locale_dir (), ==, BUILD_LOCALEDIR);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
}

static void
test_window_in_danish (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkWidget *content_title = ref_test_find_by_id (GTK_WIDGET (window), "content_title");

  g_assert_cmpstr (_("Agenda Item"), ==, "Dagsordenspunkt");
  g_assert_nonnull (content_title);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (content_title)), ==, "Dagsordenspunkt");
  /* A template string too (the header bar's add button). */
  g_assert_nonnull (ref_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, NULL));
  {
    gboolean found = FALSE;
    GtkWidget *sidebar = ref_test_find_by_id (GTK_WIDGET (window), "sidebar");

    for (GtkWidget *w = gtk_widget_get_first_child (sidebar); w != NULL && !found; w = gtk_widget_get_next_sibling (w))
      {
        GtkWidget *add = ref_test_find_widget (w, GTK_TYPE_BUTTON, NULL);
        found = add != NULL && g_strcmp0 (gtk_widget_get_tooltip_text (add), "Tilføj punkt") == 0;
      }
    g_assert_true (found);
  }
  ref_test_close_window (window);
}

/* The application itself, as `make run` starts it: its --help is Danish. */
static void
test_app_in_danish (void)
{
  const char *app = g_getenv ("REFERENT_APP");
  const char *argv[] = { app, "--help", NULL };
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_nonnull (app);
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_unsetenv (envp, "LC_MESSAGES");
  envp = g_environ_setenv (envp, "LANG", "C", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "da", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Start med et tomt møde i stedet for eksemplet"));
}

int
main (int argc, char **argv)
{
  /* A machine with no locale set, and a user who asks for Danish. */
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", "C", TRUE);
  g_setenv ("LANGUAGE", "da", TRUE);
  ref_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/i18n/locale-dir", test_locale_dir);
  g_test_add_func ("/i18n/window-in-danish", test_window_in_danish);
  g_test_add_func ("/i18n/app-in-danish", test_app_in_danish);
  return g_test_run ();
}
