/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The archive in the application, driven as a person does: the archive folder chosen
 * in its preferences page (indexing in the background, with progress), the search
 * window (Ctrl+Shift+F: app.search-archive) with words and filter chips, a result
 * opening its meeting at the item, and the case-history panel of an item filling its
 * "Tidligere behandling" in one undoable step.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ref-application.h"
#include "ref-archive-preferences-page.h"
#include "ref-preferences-window.h"
#include "ref-archive-service.h"
#include "ref-case-history-panel.h"
#include "ref-item-view.h"
#include "ref-search-window.h"
#include "ref-window.h"
#include "test-input.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

static RefApplication *app;
static char *archive;

/* Runs the main loop until @done says so (at most 30 s). */
static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  ref_test_iterate ();
}

/* With REFERENT_SCREENSHOT_DIR set, @widget (a window or popover) as NAME.png there:
 * for the README's pictures and for looking. */
static void
screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("REFERENT_SCREENSHOT_DIR");
  GtkSnapshot *snapshot;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width, height;

  if (dir == NULL)
    return;
  for (int i = 0; i < 5; i++)
    {
      ref_test_iterate ();
      g_usleep (100000);
    }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static gboolean
search_done (gpointer data)
{
  return !ref_search_window_get_searching (data);
}

static gboolean
history_done (gpointer data)
{
  return !ref_case_history_panel_get_loading (data);
}

static gboolean
switch_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

static gboolean
switch_off (gpointer data)
{
  return !gtk_switch_get_active (data);
}

static gboolean
has_previous_section (gpointer data)
{
  return ref_agenda_item_find_section (data, REF_SECTION_KIND_PREVIOUS) != NULL;
}

static RefMeeting *
sample_variant (int year, int month, int day, const guint *numbers)
{
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_sample_meeting_new (&error);
  g_autoptr (GDateTime) start = g_date_time_new_local (year, month, day, 13, 0, 0);
  GListModel *items = ref_meeting_get_items (meeting);

  g_assert_no_error (error);
  ref_meeting_set_start (meeting, start);
  ref_meeting_set_end (meeting, NULL);
  for (guint i = g_list_model_get_n_items (items); i > 0; i--)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i - 1);
      gboolean keep = FALSE;

      for (const guint *n = numbers; *n; n++)
        keep |= ref_agenda_item_get_number (item) == *n;
      if (!keep)
        ref_meeting_remove_item (meeting, item);
    }
  ref_history_clear (ref_meeting_get_history (meeting));
  return meeting;
}

static char *
save (RefMeeting *meeting, const char *name)
{
  g_autofree char *path = g_build_filename (archive, name, NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_no_error (error);
  g_remove (backup);
  return g_steal_pointer (&path);
}

/* The sample, the meeting of 11 March 2025 its item 4 names as earlier handling, and
 * a meeting of June 2025 where the case comes back. */
static void
make_archive (void)
{
  static const guint march_items[] = { 4, 0 };
  static const guint june_items[] = { 4, 6, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) sample = ref_sample_meeting_new (&error);
  g_autoptr (RefMeeting) march = sample_variant (2025, 3, 11, march_items);
  g_autoptr (RefMeeting) june = sample_variant (2025, 6, 10, june_items);
  RefAgendaItem *item;

  g_assert_no_error (error);
  g_free (save (sample, "socialudvalget-2025-05-06.referat"));
  item = ref_meeting_find_item_by_number (march, 4);
  ref_agenda_item_set_number (item, 1);
  g_free (save (march, "socialudvalget-2025-03-11.referat"));
  item = ref_meeting_find_item_by_number (june, 4);
  g_list_store_remove (G_LIST_STORE (ref_agenda_item_get_sections (item)), 0);
  g_free (save (june, "socialudvalget-2025-06-10.referat"));
}

static void
test_preferences_page (void)
{
  RefArchiveService *service = ref_archive_service_get_default ();
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = ref_archive_preferences_page_new ();
  g_autoptr (GFile) folder = g_file_new_for_path (archive);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *stored = NULL;
  GtkWidget *status_row, *internal_switch, *folder_row;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  ref_test_iterate ();
  folder_row = ref_test_find_widget (page, ADW_TYPE_ACTION_ROW, "Folder");
  g_assert_nonnull (folder_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder_row)), ==, "None chosen");

  /* What accepting the folder chooser does: the folder is stored and indexed in the
   * background, with progress. */
  ref_archive_preferences_page_choose_folder (REF_ARCHIVE_PREFERENCES_PAGE (page), folder);
  stored = g_settings_get_string (settings, "archive-folder");
  g_assert_cmpstr (stored, ==, archive);
  g_assert_true (ref_archive_service_get_updating (service));
  ref_archive_service_wait (service);
  ref_test_iterate ();
  status_row = ref_test_find_widget (page, ADW_TYPE_ACTION_ROW, "Status");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), ==, "3 meetings, 13 items");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder_row)), ==, archive);
  screenshot (window, "archive-preferences");

  /* Closed items: a separate index, built when switched on. */
  internal_switch = ref_test_find_widget (page, GTK_TYPE_SWITCH, NULL);
  gtk_widget_activate (internal_switch);
  wait_until (switch_on, internal_switch); /* it slides over */
  g_assert_true (g_settings_get_boolean (settings, "archive-internal"));
  g_assert_true (ref_archive_service_get_internal (service));
  g_assert_nonnull (strstr (ref_archive_service_get_index_path (service), "-internal."));
  ref_archive_service_wait (service);
  gtk_widget_activate (internal_switch);
  wait_until (switch_off, internal_switch);
  g_assert_false (ref_archive_service_get_internal (service));
  ref_archive_service_wait (service);
  gtk_window_destroy (GTK_WINDOW (window));
  ref_test_iterate ();
}

typedef struct {
  GFile *file;
  guint number;
} Opened;

static void
on_open_item (RefSearchWindow *window, GFile *file, guint number, Opened *opened)
{
  g_set_object (&opened->file, file);
  opened->number = number;
}

static const char *
row_title (RefSearchWindow *window, guint index)
{
  GtkWidget *row = ref_search_window_get_result_row (window, index);
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box)));
}

static void
type_query (RefSearchWindow *window, const char *text)
{
  GtkWidget *entry = ref_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);

  /* Typed: the search starts after the entry's short delay. */
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  for (int i = 0; i < 100 && !ref_search_window_get_searching (window)
                  && g_strcmp0 (ref_search_window_get_page (window), "start") == 0;
       i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  wait_until (search_done, window);
}

static void
test_search_window (void)
{
  RefSearchWindow *window = ref_search_window_new (NULL);
  Opened opened = { NULL, 0 };
  GtkWidget *from_entry;

  g_signal_connect (window, "open-item", G_CALLBACK (on_open_item), &opened);
  gtk_window_present (GTK_WINDOW (window));
  ref_test_iterate ();
  g_assert_cmpstr (ref_search_window_get_page (window), ==, "start");

  /* An inflected form: the three meetings' items on the Stokholtbuen inspection. */
  type_query (window, "tilsynene stokholtbuen");
  g_assert_cmpstr (ref_search_window_get_page (window), ==, "results");
  g_assert_cmpuint (ref_search_window_get_n_results (window), ==, 3);
  g_assert_cmpstr (row_title (window, 0), ==, "Skærpet tilsyn for Stokholtbuen");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.committee", "s", "Socialudvalget"));
  wait_until (search_done, window);
  screenshot (GTK_WIDGET (window), "archive-search");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.clear-filter", "s", "committee"));
  wait_until (search_done, window);

  /* Chips: a date range, typed as people write dates … */
  from_entry = ref_test_find_widget (GTK_WIDGET (window), GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "1. maj 2025");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.apply-dates", NULL));
  wait_until (search_done, window);
  g_assert_cmpuint (ref_search_window_get_n_results (window), ==, 2);
  {
    g_autofree char *from = NULL;
    g_object_get (window, "from", &from, NULL);
    g_assert_cmpstr (from, ==, "2025-05-01");
  }
  /* … a date that is none changes nothing and is marked … */
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "31-02-2025");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.apply-dates", NULL));
  g_assert_true (gtk_widget_has_css_class (from_entry, "error"));
  wait_until (search_done, window);
  g_assert_cmpuint (ref_search_window_get_n_results (window), ==, 2);
  /* … an outcome from the chip's menu, then the chip's clear button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.outcome", "s", "noted"));
  wait_until (search_done, window);
  g_assert_cmpuint (ref_search_window_get_n_results (window), ==, 2);
  g_assert_true (gtk_widget_get_visible (ref_test_find_by_id (GTK_WIDGET (window), "outcome_clear")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.outcome", "s", "rejected"));
  wait_until (search_done, window);
  g_assert_cmpstr (ref_search_window_get_page (window), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.clear-filter", "s", "outcome"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.clear-filter", "s", "dates"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.committee", "s", "Socialudvalget"));
  wait_until (search_done, window);
  g_assert_cmpuint (ref_search_window_get_n_results (window), ==, 3);

  /* Filters alone list the items of a case, newest first. */
  type_query (window, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "search.clear-filter", "s", "committee"));
  g_object_set (window, "case-number", "00.22.00-A26-1-24", NULL);
  wait_until (search_done, window);
  g_assert_cmpuint (ref_search_window_get_n_results (window), ==, 4);
  g_assert_cmpstr (row_title (window, 0), ==, "Målgruppeændring og omlægning for Egebjerg Bygade og Klakkebo");

  /* A result opens its meeting at the item. */
  g_signal_emit_by_name (gtk_widget_get_parent (ref_search_window_get_result_row (window, 0)), "row-activated",
                         ref_search_window_get_result_row (window, 0));
  g_assert_nonnull (opened.file);
  g_assert_true (g_str_has_suffix (g_file_peek_path (opened.file), "socialudvalget-2025-06-10.referat"));
  g_assert_cmpuint (opened.number, ==, 6);
  g_clear_object (&opened.file);

  /* Nothing that matches. */
  g_object_set (window, "case-number", "", NULL);
  type_query (window, "xylofonundervisning");
  g_assert_cmpstr (ref_search_window_get_page (window), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
  ref_test_iterate ();
}

/* The application's actions: one search window, and its results open the meeting at
 * the item in a window. */
static void
test_app_actions (void)
{
  RefSearchWindow *search = NULL;
  g_autofree char *path = g_build_filename (archive, "socialudvalget-2025-05-06.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RefWindow *window = NULL;
  guint n_search = 0;

  g_action_group_activate_action (G_ACTION_GROUP (app), "search-archive", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "search-archive", NULL);
  ref_test_iterate ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (REF_IS_SEARCH_WINDOW (l->data))
      {
        search = l->data;
        n_search++;
      }
  g_assert_cmpuint (n_search, ==, 1);
  {
    g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.search-archive");
    g_assert_cmpstr (accels[0], ==, "<Shift><Control>f");
  }

  type_query (search, "maglemosen");
  g_assert_cmpuint (ref_search_window_get_n_results (search), ==, 1);
  g_signal_emit_by_name (gtk_widget_get_parent (ref_search_window_get_result_row (search, 0)), "row-activated",
                         ref_search_window_get_result_row (search, 0));
  ref_test_iterate ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (REF_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);
  g_assert_true (g_file_equal (ref_window_get_file (window), file));
  g_assert_cmpuint (ref_agenda_item_get_number (
                        ref_item_view_get_item (REF_ITEM_VIEW (ref_window_get_item_view (window)))),
                    ==, 5);

  /* The archive's settings. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "archive-preferences", NULL);
  ref_test_iterate ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_PREFERENCES_WINDOW (w) && ref_test_find_widget (GTK_WIDGET (w), REF_TYPE_ARCHIVE_PREFERENCES_PAGE, NULL))
          {
            /* The one Preferences window, opened at its archive page. */
            g_assert_true (REF_IS_PREFERENCES_WINDOW (w));
            g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (w)), ==, "archive");
            found = TRUE;
            gtk_window_destroy (GTK_WINDOW (w));
            break;
          }
      }
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (search));
  ref_test_close_window (window);
}

static void
test_case_history_panel (void)
{
  g_autofree char *path = g_build_filename (archive, "socialudvalget-2025-06-10.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_xml_load_file (file, &error);
  RefWindow *window;
  RefCaseHistoryPanel *panel;
  GtkPopover *popover;
  RefAgendaItem *item;
  RefSection *section;
  g_autofree char *plain = NULL;

  g_assert_no_error (error);
  window = ref_window_new (NULL, meeting, file);
  gtk_window_present (GTK_WINDOW (window));
  /* The panel is a popover: its window must be on screen (mapped) first, as it is for
   * a user. On a loaded machine one pass of the main loop is not enough, and a popover
   * of an unmapped window asks GDK for a pointer position on no surface. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  ref_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-number", "u", 4));
  item = ref_meeting_find_item_by_number (meeting, 4);

  /* The panel opens on the selected item and looks it up. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.case-history", NULL));
  panel = REF_CASE_HISTORY_PANEL (ref_test_find_widget (GTK_WIDGET (window), REF_TYPE_CASE_HISTORY_PANEL, NULL));
  g_assert_nonnull (panel);
  wait_until (history_done, panel);
  g_assert_cmpuint (ref_case_history_panel_get_n_entries (panel), ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ref_case_history_panel_get_row (panel, 0))), ==,
                   "Socialudvalget den 06-05-2025, punkt 4");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ref_case_history_panel_get_row (panel, 1))), ==,
                   "Socialudvalget den 11-03-2025, punkt 1");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ref_case_history_panel_get_row (panel, 0)), TRUE);
  screenshot (gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_POPOVER), "case-history");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ref_case_history_panel_get_row (panel, 0)), FALSE);

  /* One click: the section, in the standard wording, first among the sections. */
  g_assert_null (ref_agenda_item_find_section (item, REF_SECTION_KIND_PREVIOUS));
  gtk_widget_activate (ref_test_find_by_id (GTK_WIDGET (panel), "insert_button"));
  wait_until (has_previous_section, item); /* a button clicks as it is released */
  section = ref_agenda_item_find_section (item, REF_SECTION_KIND_PREVIOUS);
  g_assert_nonnull (section);
  plain = ref_text_to_plain (ref_section_get_text (section));
  g_assert_cmpstr (plain, ==, "Socialudvalget den 06-05-2025, punkt 4\n\nSocialudvalget den 11-03-2025, punkt 1");

  /* Undone in one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (ref_agenda_item_find_section (item, REF_SECTION_KIND_PREVIOUS));

  /* Locked minutes cannot be changed from here. */
  ref_meeting_set_locked (meeting, TRUE);
  ref_case_history_panel_set_item (panel, meeting, item, file);
  wait_until (history_done, panel);
  g_assert_false (gtk_widget_get_sensitive (ref_test_find_by_id (GTK_WIDGET (panel), "insert_button")));
  g_assert_cmpuint (ref_case_history_panel_insert (panel), ==, 0);
  ref_meeting_set_locked (meeting, FALSE);
  /* The popover goes away before its window, as when a user clicks outside it: GTK
   * 4.8 can otherwise ask a destroyed popup surface for the pointer's position from
   * an idle callback after the window is gone (a Gdk-CRITICAL, 1 run in 5). */
  popover = GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_POPOVER));
  gtk_popover_popdown (popover);
  while (gtk_widget_get_mapped (GTK_WIDGET (popover)))
    g_main_context_iteration (NULL, TRUE);
  ref_test_iterate ();
  ref_test_close_window (window);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("test-archive-ui");
  g_autofree char *cache = g_build_filename (tmp_root, "cache", NULL);
  int status;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", tmp_root, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp_root, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Xvfb starts with the pointer in the middle of the screen, where the windows of
   * this test open: they would get enter events and start tooltips that can outlive
   * the window they are for. The pointer waits in the far corner instead. */
  if (ref_input_available ())
    ref_input_park_pointer ();
  archive = g_build_filename (tmp_root, "arkiv", NULL);
  g_mkdir_with_parents (archive, 0755);
  make_archive ();
  app = ref_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* In order: the preferences page chooses the archive the others search. */
  g_test_add_func ("/archive-ui/preferences-page", test_preferences_page);
  g_test_add_func ("/archive-ui/search-window", test_search_window);
  g_test_add_func ("/archive-ui/app-actions", test_app_actions);
  g_test_add_func ("/archive-ui/case-history-panel", test_case_history_panel);
  status = ref_test_run_and_clean (tmp_root);
  g_clear_object (&app);
  g_free (archive);
  return status;
}
