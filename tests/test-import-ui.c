/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Import actions of the application, driven the way a person uses them: the
 * action opens the file chooser, a file (or folder) is chosen in it and accepted, the
 * import runs in the background, and a new window opens on the imported meeting with
 * the import notes panel. (Without a portal, GtkFileChooserNative shows a
 * GtkFileChooserDialog, which the test finds among the toplevels.)
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ref-application.h"
#include "ref-import-notes.h"
#include "ref-window.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

#if defined(__SANITIZE_ADDRESS__)
/* Under AddressSanitizer (make asan-ui) this test opens the real file chooser, whose
 * places sidebar makes libcloudproviders leak a path. Debian's system libraries have
 * no frame pointers, so LeakSanitizer's fast unwinder stops in GLib and the leak looks
 * like anybody's; unwinding fully here lets tests/lsan.supp name the library. It costs
 * this test some 30 s, so it is only done where a file chooser is opened. */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

static GFile *
fixture (const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "esdh", relative, NULL);

  return g_file_new_for_path (path);
}

/* One application for all tests: a second one could not export its actions on the
 * same bus path in this process. */
static RefApplication *app;

static void
register_app (void)
{
  g_autoptr (GError) error = NULL;

  app = ref_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
}

/* The file chooser the action showed, once it is on screen. */
static GtkFileChooser *
wait_for_chooser (void)
{
  for (int i = 0; i < 200; i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint t = 0; t < g_list_model_get_n_items (toplevels); t++)
        {
          g_autoptr (GObject) w = g_list_model_get_item (toplevels, t);
          if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
            return GTK_FILE_CHOOSER (w);
        }
      ref_test_iterate ();
      g_usleep (20000);
    }
  g_error ("the import action showed no file chooser");
  return NULL;
}

/* Chooses @file in @chooser and presses Import. */
static void
choose (GtkFileChooser *chooser, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) chosen = NULL;

  g_assert_true (gtk_file_chooser_set_file (chooser, file, &error));
  g_assert_no_error (error);
  /* The chooser loads the folder before the selection takes, and may select something
   * else of it meanwhile: choose again until it holds. */
  for (int i = 0; i < 400; i++)
    {
      g_clear_object (&chosen);
      chosen = gtk_file_chooser_get_file (chooser);
      if (chosen != NULL && g_file_equal (chosen, file))
        break;
      if (i % 25 == 24)
        gtk_file_chooser_set_file (chooser, file, NULL);
      ref_test_iterate ();
      g_usleep (20000);
    }
  g_assert_nonnull (chosen);
  g_assert_true (g_file_equal (chosen, file));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

static RefWindow *
wait_for_window (void)
{
  for (int i = 0; i < 400; i++)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

      for (GList *l = windows; l; l = l->next)
        if (REF_IS_WINDOW (l->data))
          return l->data;
      ref_test_iterate ();
      g_usleep (25000);
    }
  g_error ("the import opened no window");
  return NULL;
}

static void
assert_notes_shown (RefWindow *window, const char *summary_part, guint min_notes)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (ref_window_get_import_notes (window), REF_TYPE_IMPORT_NOTES, "revealer"));
  GtkLabel *summary = GTK_LABEL (gtk_widget_get_template_child (ref_window_get_import_notes (window), REF_TYPE_IMPORT_NOTES, "summary"));
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (ref_window_get_import_notes (window), REF_TYPE_IMPORT_NOTES, "list"));
  guint rows = 0;

  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (summary), summary_part));
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    rows += GTK_IS_LIST_BOX_ROW (c);
  g_assert_cmpuint (rows, >=, min_notes);
}

/* File ▸ Import…, choose the export's XML file. */
static void
test_import_xml_through_dialog (void)
{
  g_autoptr (GFile) file = fixture ("sbsys-publication_regionh_forretningsudvalget_2012-09-25/Publication553.xml");
  RefWindow *window;
  RefMeeting *meeting;

  g_action_group_activate_action (G_ACTION_GROUP (app), "import-pdf", NULL);
  choose (wait_for_chooser (), file);
  window = wait_for_window ();
  meeting = ref_window_get_meeting (window);
  g_assert_cmpstr (ref_meeting_get_committee (meeting), ==, "Forretningsudvalget");
  g_assert_cmpuint (ref_meeting_get_n_items (meeting), ==, 4);
  /* Imported, not saved: no file yet, and closing would ask. */
  g_assert_null (ref_window_get_file (window));
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (meeting)));
  /* Missing enclosures, blank placeholders, the draft: all among the notes. */
  assert_notes_shown (window, "SBSYS", 15);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (
                                ref_window_get_import_notes (window), REF_TYPE_IMPORT_NOTES, "summary"))),
                            "3 of 14 attachment files found"));
  g_assert_true (gtk_widget_activate_action (ref_window_get_import_notes (window), "notes.hide", NULL));
  ref_test_close_window (window);
}

/* File ▸ Import Export Folder…, choose the bundle folder. */
static void
test_import_folder_through_dialog (void)
{
  g_autoptr (GFile) folder = fixture ("acadre_syddjurs_puk_2013-06-20");
  RefWindow *window;
  RefMeeting *meeting;

  g_action_group_activate_action (G_ACTION_GROUP (app), "import-folder", NULL);
  choose (wait_for_chooser (), folder);
  window = wait_for_window ();
  meeting = ref_window_get_meeting (window);
  g_assert_cmpstr (ref_meeting_get_committee (meeting), ==, "Udvalget for plan, udvikling og kultur (PUK)");
  g_assert_nonnull (ref_meeting_find_item_by_number (meeting, 715));
  assert_notes_shown (window, "Acadre", 3);
  ref_test_close_window (window);
}

/* Something that is no export: an error dialog, no window. */
static void
test_import_not_an_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("import-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "andet.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog = NULL;

  g_assert_true (g_file_set_contents (path, "<?xml version=\"1.0\"?><noget/>", -1, NULL));
  ref_application_import (app, file);
  for (int i = 0; i < 200 && dialog == NULL; i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint t = 0; t < g_list_model_get_n_items (toplevels); t++)
        {
          g_autoptr (GObject) w = g_list_model_get_item (toplevels, t);
          if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
              && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)),
                            "Could not import the case-system export") == 0)
            dialog = ADW_MESSAGE_DIALOG (w);
        }
      ref_test_iterate ();
      g_usleep (25000);
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "andet.xml"));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ref_test_iterate ();
  ref_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("test-import-ui");
  int status;

  /* Recovery copies, recent files and unpacked zips go to fresh folders, never the
   * user's. */
  g_setenv ("XDG_STATE_HOME", tmp_root, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp_root, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/import-ui/xml-through-dialog", test_import_xml_through_dialog);
  g_test_add_func ("/import-ui/folder-through-dialog", test_import_folder_through_dialog);
  g_test_add_func ("/import-ui/not-an-export", test_import_not_an_export);
  register_app ();
  status = ref_test_run_and_clean (tmp_root);
  g_clear_object (&app);
  return status;
}
