/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ref-application.h"
#include "test-render.h"
#include "ref-item-row.h"
#include "ref-date-button.h"
#include "ref-import-notes.h"
#include "ref-item-view.h"
#include "ref-meeting-view.h"
#include "ref-pdf-import.h"
#include "ref-recovery.h"
#include "ref-text-editor.h"
#include "ref-window.h"
#include "ref-xml.h"
#include "test-tmp.h"
#include "test-input.h"
#include "test-ui-helpers.h"

/* Drives the real window with the sample meeting through its actions and widgets. */

static void
test_shows_sample (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkListView *list = GTK_LIST_VIEW (ref_window_get_item_list (window));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Socialudvalget 06-05-2025");
  /* The first item is selected and shown. */
  g_assert_nonnull (ref_item_view_get_item (view));
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 1);
  ref_test_close_window (window);
}

static GtkWidget *
first_item_row (GtkWidget *widget)
{
  if (REF_IS_ITEM_ROW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = first_item_row (c);
      if (found)
        return found;
    }
  return NULL;
}

/* The sidebar shows each title on one line, ellipsized, with the whole title as its
 * tooltip: a wrapped label per row made opening a 500-item meeting measure 200
 * wrapped labels before the first frame. */
static void
test_sidebar_titles_one_line (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkWidget *row = first_item_row (ref_window_get_item_list (window));
  RefAgendaItem *item;
  GtkLabel *title;
  const char *long_title = "Godkendelse af anlægsbevilling til renovering og udvidelse af plejecentret "
                           "Solgården samt frigivelse af rådighedsbeløb";

  g_assert_nonnull (row);
  item = ref_item_row_get_item (REF_ITEM_ROW (row));
  title = GTK_LABEL (gtk_widget_get_template_child (row, REF_TYPE_ITEM_ROW, "title_label"));
  g_assert_false (gtk_label_get_wrap (title));
  g_assert_cmpint (gtk_label_get_ellipsize (title), ==, PANGO_ELLIPSIZE_END);
  ref_agenda_item_set_title (item, long_title);
  ref_test_iterate ();
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, long_title);
  g_assert_cmpstr (gtk_label_get_label (title), ==, long_title);
  ref_test_close_window (window);
}

static void
wait_for_frames (GtkWidget *widget, guint n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 target = gdk_frame_clock_get_frame_counter (clock) + n;

  while (gdk_frame_clock_get_frame_counter (clock) < target)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* A long agenda: the sidebar starts with a screenful of items and gets the rest over
 * the next frames; selecting an item far down, or counting them, needs no wait. The
 * participants' rows are made when Meeting Details is first shown. */
static void
test_long_agenda_lazily (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  GtkListView *list;
  GListModel *shown;
  RefWindow *window;
  GtkWidget *participants;

  for (guint i = 0; i < 120; i++)
    {
      g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
      g_autofree char *title = g_strdup_printf ("Punkt %u", i + 1);
      ref_agenda_item_set_title (item, title);
      ref_meeting_add_item (meeting, item);
    }
  for (guint i = 0; i < 9; i++)
    {
      g_autoptr (RefParticipant) p = ref_participant_new ();
      g_autofree char *name = g_strdup_printf ("Medlem %u", i + 1);
      ref_participant_set_name (p, name);
      ref_meeting_add_participant (meeting, p);
    }
  window = ref_window_new (NULL, meeting, NULL);
  list = GTK_LIST_VIEW (ref_window_get_item_list (window));
  shown = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 120);
  gtk_window_present (GTK_WINDOW (window));
  /* The participants' rows wait for their view. */
  participants = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (ref_window_get_meeting_view (window)),
                                                              REF_TYPE_MEETING_VIEW, "participant_list"));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (participants), 0));
  wait_for_frames (GTK_WIDGET (window), 12);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 120);

  /* Again, selecting at once: item 100 is there without waiting. */
  ref_test_close_window (window);
  window = ref_window_new (NULL, meeting, NULL);
  gtk_window_present (GTK_WINDOW (window));
  ref_window_select_item (window, 99);
  {
    g_autoptr (RefAgendaItem) hundredth = g_list_model_get_item (ref_meeting_get_items (meeting), 99);
    g_assert_true (ref_item_view_get_item (REF_ITEM_VIEW (ref_window_get_item_view (window))) == hundredth);
  }
  g_assert_cmpuint (ref_window_get_n_shown_items (window), ==, 120);
  g_assert_nonnull (ref_meeting_view_get_participant_list (REF_MEETING_VIEW (ref_window_get_meeting_view (window))));
  participants = ref_meeting_view_get_participant_list (REF_MEETING_VIEW (ref_window_get_meeting_view (window)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (participants), 0));
  ref_test_close_window (window);
}

/* Typing a decision in the item's decision editor edits the model; undo and redo go
 * through the meeting's history. */
static void
test_type_decision_undo_redo (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  g_autoptr (RefDecision) decision = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autofree char *before = NULL, *after = NULL, *undone = NULL, *redone = NULL;

  ref_window_select_item (window, 5); /* Punkt 6 */
  ref_test_iterate ();
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 6);
  decision = g_list_model_get_item (ref_agenda_item_get_decisions (ref_item_view_get_item (view)), 0);
  before = ref_text_to_plain (ref_decision_get_text (decision));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ref_item_view_get_decision_editor (view, 0)));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "Godkendt med bemærkninger.", -1, TRUE);
  ref_test_iterate ();
  after = ref_text_to_plain (ref_decision_get_text (decision));
  g_assert_true (g_str_has_suffix (after, "Godkendt med bemærkninger."));
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (meeting)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  ref_test_iterate ();
  undone = ref_text_to_plain (ref_decision_get_text (decision));
  g_assert_cmpstr (undone, ==, before);
  /* The editor shows the model's text again. */
  {
    GtkTextIter s, e;
    g_autofree char *shown = NULL;
    gtk_text_buffer_get_bounds (buffer, &s, &e);
    shown = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
    g_assert_null (strstr (shown, "bemærkninger"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  ref_test_iterate ();
  redone = ref_text_to_plain (ref_decision_get_text (decision));
  g_assert_cmpstr (redone, ==, after);

  ref_test_close_window (window);
}

static void
test_add_and_reorder_items (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  g_autoptr (RefAgendaItem) moved = NULL;

  ref_window_select_item (window, 9);
  ref_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-item", NULL));
  ref_test_iterate ();
  g_assert_cmpuint (ref_meeting_get_n_items (meeting), ==, 11);
  /* The new item is numbered after the highest number and shown for editing. */
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 11);

  /* Drag the new item onto the first row. */
  {
    g_autoptr (RefAgendaItem) last = g_list_model_get_item (ref_meeting_get_items (meeting), 10);
    g_autoptr (RefAgendaItem) top = g_list_model_get_item (ref_meeting_get_items (meeting), 0);
    ref_window_move_item_to (window, last, top);
  }
  ref_test_iterate ();
  moved = g_list_model_get_item (ref_meeting_get_items (meeting), 0);
  g_assert_cmpuint (ref_agenda_item_get_number (moved), ==, 11);
  /* The moved item stays selected. */
  g_assert_true (ref_item_view_get_item (view) == moved);
  ref_meeting_renumber_items (meeting, 1);
  g_assert_cmpuint (ref_agenda_item_get_number (moved), ==, 1);

  /* All of it is one undo step each; undo back to the sample. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  ref_test_iterate ();
  g_assert_cmpuint (ref_meeting_get_n_items (meeting), ==, 10);
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (meeting)));
  ref_test_close_window (window);
}

static void
test_toggle_attendance_and_closed (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autoptr (RefParticipant) first = g_list_model_get_item (ref_meeting_get_participants (meeting), 0);
  RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, 1);
  g_autoptr (GPtrArray) absent = NULL;

  ref_participant_set_attendance (first, REF_ATTENDANCE_ABSENT);
  absent = ref_meeting_compute_absent (meeting, item);
  g_assert_cmpuint (absent->len, ==, 3);
  /* The closed switch is bound to the item. */
  ref_agenda_item_set_closed (item, TRUE);
  ref_test_iterate ();
  g_assert_true (ref_agenda_item_get_closed (item));
  ref_test_close_window (window);
}

/* Saving to a place that cannot be written (a folder that is really a file: refused
 * even for root) shows an error that names the file; the meeting stays open, edited
 * and unsaved, and nothing is lost. */
static void
test_save_fails_keeps_document (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autofree char *dir = g_dir_make_tmp ("referent-ui-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "ikke-en-mappe", NULL);
  g_autofree char *path = g_build_filename (blocker, "møde.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  guint before;

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  ref_meeting_set_location (meeting, "Byrådssalen");
  ref_window_set_file (window, file);
  before = g_list_model_get_n_items (toplevels);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
  dialog = ref_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not save");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "møde.referat"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ref_test_iterate ();
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (meeting)));
  g_assert_cmpstr (ref_meeting_get_location (meeting), ==, "Byrådssalen");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  ref_test_close_window (window);
  g_unlink (blocker);
  g_rmdir (dir);
}

static void
test_save_and_reload (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autofree char *dir = g_dir_make_tmp ("referent-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "møde.referat", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) reloaded = NULL;
  g_autofree char *where = NULL;

  ref_meeting_set_location (meeting, "Byrådssalen");
  g_assert_true (ref_window_save_to (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ref_window_get_file (window) != NULL);
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (meeting)));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Socialudvalget"));
  /* Saved meetings appear among the desktop's recent files. */
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }

  reloaded = ref_xml_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (ref_model_equal (meeting, reloaded, &where));
  ref_test_close_window (window);
  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

/* A window opened on a file names it in the subtitle, with a dot once modified. */
static void
test_subtitle_names_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "xml", "good", "minimal.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_xml_load_file (file, &error);
  RefWindow *window;
  AdwWindowTitle *title;

  g_assert_no_error (error);
  window = ref_window_new (NULL, meeting, file);
  gtk_window_present (GTK_WINDOW (window));
  ref_test_iterate ();
  title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window), REF_TYPE_WINDOW, "window_title"));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "minimal.referat");
  ref_meeting_set_location (meeting, "Rådhuset");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "• minimal.referat");
  ref_test_close_window (window);
}

static guint
number_at (RefMeeting *meeting, guint position)
{
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), position);
  return ref_agenda_item_get_number (item);
}

/* The item actions: delete (undoable), duplicate, move, renumber, go to. */
static void
test_item_actions (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  GtkWidget *w = GTK_WIDGET (window);

  ref_window_select_item (window, 2); /* item 3 */
  ref_test_iterate ();
  g_assert_true (gtk_widget_activate_action (w, "win.delete-item", NULL));
  g_assert_cmpuint (ref_meeting_get_n_items (meeting), ==, 9);
  g_assert_null (ref_meeting_find_item_by_number (meeting, 3));
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  g_assert_nonnull (ref_meeting_find_item_by_number (meeting, 3));

  ref_window_select_item (window, 2);
  ref_test_iterate ();
  g_assert_true (gtk_widget_activate_action (w, "win.duplicate-item", NULL));
  ref_test_iterate ();
  g_assert_cmpuint (ref_meeting_get_n_items (meeting), ==, 11);
  g_assert_cmpuint (number_at (meeting, 3), ==, 11);
  g_assert_cmpstr (ref_agenda_item_get_title (ref_item_view_get_item (view)), ==, "Status på IPS-indsatsen");

  g_assert_true (gtk_widget_activate_action (w, "win.move-item-up", NULL));
  ref_test_iterate ();
  g_assert_cmpuint (number_at (meeting, 2), ==, 11);
  g_assert_true (gtk_widget_activate_action (w, "win.move-item-down", NULL));
  g_assert_true (gtk_widget_activate_action (w, "win.move-item-down", NULL));
  ref_test_iterate ();
  g_assert_cmpuint (number_at (meeting, 4), ==, 11);

  g_assert_true (gtk_widget_activate_action (w, "win.renumber", NULL));
  g_assert_cmpuint (number_at (meeting, 4), ==, 5);
  g_assert_cmpuint (number_at (meeting, 10), ==, 11);

  g_assert_true (gtk_widget_activate_action (w, "win.go-to-number", "u", 9));
  ref_test_iterate ();
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 9);

  ref_test_close_window (window);
}

/* Import a PDF the way the app does it: worker thread, progress dialog, then a new
 * window with the imported meeting and its notes panel. */
static void
test_import_pdf (void)
{
  RefApplication *app = ref_test_app ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "pdf", "hedensted-2021-referat.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RefWindow *imported = NULL;
  GtkRevealer *revealer;
  GtkLabel *summary;

  ref_application_import_pdf (app, file);
  for (int i = 0; i < 200 && imported == NULL; i++)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
      for (GList *l = windows; l; l = l->next)
        if (REF_IS_WINDOW (l->data))
          imported = l->data;
      ref_test_iterate ();
      g_usleep (50000);
    }
  g_assert_nonnull (imported);
  g_assert_cmpuint (ref_meeting_get_n_items (ref_window_get_meeting (imported)), ==, 15);
  g_assert_cmpstr (ref_meeting_get_committee (ref_window_get_meeting (imported)), ==, "Udvalget for Social Omsorg");
  /* Imported, not saved: no file yet, and closing would ask. */
  g_assert_null (ref_window_get_file (imported));
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (ref_window_get_meeting (imported))));
  revealer = GTK_REVEALER (gtk_widget_get_template_child (ref_window_get_import_notes (imported), REF_TYPE_IMPORT_NOTES,
                                                         "revealer"));
  summary = GTK_LABEL (gtk_widget_get_template_child (ref_window_get_import_notes (imported), REF_TYPE_IMPORT_NOTES,
                                                      "summary"));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (summary), "100.0 %"));
  /* Confidence 0.97, not 1: the panel says why (three captions it did not know). */
  {
    GtkWidget *first = gtk_widget_get_first_child (
        GTK_WIDGET (gtk_widget_get_template_child (ref_window_get_import_notes (imported), REF_TYPE_IMPORT_NOTES, "list")));

    g_assert_true (ADW_IS_ACTION_ROW (first));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Confidence lowered");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), "captions in the items are not known"));
  }
  ref_test_close_window (imported);
}

/* The notes panel lists each warning, one row each. */
static void
test_import_notes_panel (void)
{
  RefWindow *window = ref_test_open_sample ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new ();
  RefImportWarning a = { 3, (char *) "Tids- og handleplan", (char *) "This text could not be placed in the meeting." };
  RefImportWarning b = { 0, (char *) "", (char *) "The committee’s name was not found." };
  GtkListBox *list;
  guint rows = 0;

  g_ptr_array_add (warnings, &a);
  g_ptr_array_add (warnings, &b);
  ref_window_show_import_notes (window, warnings, 0.992, 0.87);
  list = GTK_LIST_BOX (gtk_widget_get_template_child (ref_window_get_import_notes (window), REF_TYPE_IMPORT_NOTES, "list"));
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
    rows++;
  g_assert_cmpuint (rows, ==, 2);

  /* Why the confidence is lower comes first, as printed (not read as markup), and
   * is information, not a note to tick off. */
  {
    g_autoptr (GPtrArray) notes = g_ptr_array_new ();
    GtkWidget *first, *second;

    g_ptr_array_add (notes, (char *) "2 of 9 captions <b>in</b> the items are not known & kept as free sections.");
    ref_window_show_import_confidence_notes (window, notes);
    rows = 0;
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
      rows++;
    g_assert_cmpuint (rows, ==, 3);
    first = gtk_widget_get_first_child (GTK_WIDGET (list));
    second = gtk_widget_get_next_sibling (first);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Confidence lowered");
    /* (The row's subtitle is the text it shows.) */
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), ==, g_ptr_array_index (notes, 0));
    g_assert_null (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (first)));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second)), ==, "Page 3: This text could not be placed in the meeting.");
    /* The notes to check below keep their check boxes: ticking one dims it. */
    g_assert_true (gtk_widget_activate (second));
    g_assert_cmpfloat (gtk_widget_get_opacity (second), <, 1.0);
  }
  g_assert_true (ref_import_notes_get_shown (REF_IMPORT_NOTES (ref_window_get_import_notes (window))));
  g_assert_true (gtk_widget_activate_action (ref_window_get_import_notes (window), "notes.hide", NULL));
  g_assert_false (ref_import_notes_get_shown (REF_IMPORT_NOTES (ref_window_get_import_notes (window))));
  ref_test_close_window (window);
}

/* Sections: add from the known kinds or a free heading, reorder, delete — all undoable. */
static void
test_sections (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  GtkWidget *v = GTK_WIDGET (view);
  RefAgendaItem *item;
  GListModel *sections;
  guint n;
  g_autoptr (RefSection) last = NULL;
  g_autoptr (RefSection) first = NULL;

  ref_window_select_item (window, 0);
  ref_test_iterate ();
  item = ref_item_view_get_item (view);
  sections = ref_agenda_item_get_sections (item);
  n = g_list_model_get_n_items (sections);

  g_assert_true (gtk_widget_activate_action (v, "view.add-section", "s", "economy"));
  g_assert_true (gtk_widget_activate_action (v, "view.add-section", "s", "free"));
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, n + 2);
  last = g_list_model_get_item (sections, n + 1);
  g_assert_cmpint (ref_section_get_kind (last), ==, REF_SECTION_KIND_FREE);
  ref_section_set_heading (last, "Høringssvar");

  /* Move the new free section to the top, step by step. */
  for (guint i = n + 1; i > 0; i--)
    g_assert_true (gtk_widget_activate_action (v, "view.section-up", "u", i));
  first = g_list_model_get_item (sections, 0);
  g_assert_true (first == last);
  g_assert_true (gtk_widget_activate_action (v, "view.section-delete", "u", 0));
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, n + 1);
  g_assert_true (ref_history_undo (ref_meeting_get_history (meeting)));
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, n + 2);
  ref_test_close_window (window);
}

/* Item number, a decision's date and vote counts, attachments: edited in the view,
 * landing in the model. */
static void
test_item_details (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  GtkSpinButton *number;
  RefDateButton *date;
  RefAgendaItem *item;
  g_autoptr (RefDecision) decision = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "pdf", "ballerup-2025-referat.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RefAttachment) attachment = NULL;
  GListModel *attachments;

  ref_window_select_item (window, 0);
  ref_test_iterate ();
  item = ref_item_view_get_item (view);
  number = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (view), REF_TYPE_ITEM_VIEW, "number_spin"));
  gtk_spin_button_set_value (number, 21);
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 21);

  decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  /* The decision's date is picked on a calendar, as the meeting's is. */
  date = REF_DATE_BUTTON (ref_test_find_widget (GTK_WIDGET (view), REF_TYPE_DATE_BUTTON, NULL));
  g_assert_nonnull (date);
  {
    g_autoptr (GDateTime) day = g_date_time_new_local (2025, 5, 6, 12, 0, 0);
    GtkCalendar *calendar = GTK_CALENDAR (ref_date_button_get_calendar (date));

    gtk_calendar_select_day (calendar, day);
    g_signal_emit_by_name (calendar, "day-selected");
  }
  g_assert_nonnull (ref_decision_get_date (decision));
  g_assert_cmpint (g_date_time_get_month (ref_decision_get_date (decision)), ==, 5);
  g_assert_cmpint (g_date_time_get_day_of_month (ref_decision_get_date (decision)), ==, 6);

  /* The first count in the decision's vote row is "For". */
  {
    GtkWidget *decisions = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), REF_TYPE_ITEM_VIEW, "decisions_box"));
    GtkSpinButton *votes_for = GTK_SPIN_BUTTON (ref_test_find_widget (decisions, GTK_TYPE_SPIN_BUTTON, NULL));

    g_assert_nonnull (votes_for);
    g_assert_null (ref_decision_get_vote (decision));
    gtk_spin_button_set_value (votes_for, 5);
    g_assert_nonnull (ref_decision_get_vote (decision));
    g_assert_cmpint (ref_vote_get_count (ref_decision_get_vote (decision), REF_VOTE_CHOICE_FOR), ==, 5);
    g_assert_cmpint (ref_vote_get_count (ref_decision_get_vote (decision), REF_VOTE_CHOICE_AGAINST), ==, -1);
  }

  attachments = ref_agenda_item_get_attachments (item);
  ref_item_view_add_attachment_file (view, file);
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 1);
  attachment = g_list_model_get_item (attachments, 0);
  g_assert_cmpstr (ref_attachment_get_title (attachment), ==, "ballerup-2025-referat");
  g_assert_cmpstr (ref_attachment_get_filename (attachment), ==, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.attachment-delete", "u", 0));
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 0);
  g_assert_true (ref_history_undo (ref_meeting_get_history (meeting)));
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 1);

  ref_test_close_window (window);
}

/* The meeting header and participants are one click (or Ctrl+M) away, and editing
 * attendance there changes who is absent for the items. */
static void
test_meeting_details (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, 1);
  g_autoptr (GPtrArray) before = ref_meeting_compute_absent (meeting, item);
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (RefParticipant) first = g_list_model_get_item (ref_meeting_get_participants (meeting), 0);

  g_assert_false (ref_window_get_showing_meeting (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-meeting", NULL));
  ref_test_iterate ();
  g_assert_true (ref_window_get_showing_meeting (window));
  g_assert_true (ref_meeting_view_get_meeting (REF_MEETING_VIEW (ref_window_get_meeting_view (window))) == meeting);
  ref_participant_set_attendance (first, REF_ATTENDANCE_ABSENT);
  after = ref_meeting_compute_absent (meeting, item);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  /* Choosing an item shows the item again. */
  ref_window_select_item (window, 3);
  ref_test_iterate ();
  g_assert_false (ref_window_get_showing_meeting (window));
  ref_test_close_window (window);
}

/* Export from the window, in both editions, in the background. */
static void
test_export_editions (void)
{
  RefWindow *window = ref_test_open_sample ();
  g_autofree char *dir = g_dir_make_tmp ("referent-export-XXXXXX", NULL);
  g_autofree char *internal = g_build_filename (dir, "intern.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (internal);

  ref_window_export_to (window, file, REF_EDITION_INTERNAL);
  for (int i = 0; i < 200 && !g_file_test (internal, G_FILE_TEST_EXISTS); i++)
    {
      ref_test_iterate ();
      g_usleep (50000);
    }
  g_assert_true (g_file_test (internal, G_FILE_TEST_EXISTS));
  for (int i = 0; i < 20; i++)
    ref_test_iterate ();
  ref_test_close_window (window);
  g_unlink (internal);
  g_rmdir (dir);
}

/* Export PDF onto the open minutes themselves (the file chooser only asks whether to
 * replace the file) is refused with a message; the minutes stay as saved. */
static void
test_export_refuses_open_file (void)
{
  RefWindow *window = ref_test_open_sample ();
  g_autofree char *dir = g_dir_make_tmp ("referent-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "møde.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog = NULL;

  g_assert_true (ref_window_save_to (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  ref_window_export_to (window, file, REF_EDITION_PUBLIC);
  for (int i = 0; i < 200 && (dialog = ref_test_find_message_dialog (GTK_WINDOW (window))) == NULL; i++)
    {
      ref_test_iterate ();
      g_usleep (20000);
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "møde.referat"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, saved);
  ref_test_close_window (window);
  ref_test_remove_tree (dir);
}

/* Absence for one item: derived from attendance, and settable by hand. */
static void
test_item_absence (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  RefAgendaItem *item;
  GtkWidget *box;
  GtkSwitch *sw;

  ref_window_select_item (window, 0);
  ref_test_iterate ();
  item = ref_item_view_get_item (view);
  box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), REF_TYPE_ITEM_VIEW, "absence_box"));
  g_assert_nonnull (ref_test_find_widget (box, ADW_TYPE_ACTION_ROW, "Dorte Dahl, Stine Margrethe Hollendsted"));
  sw = GTK_SWITCH (ref_test_find_widget (box, GTK_TYPE_SWITCH, NULL));
  gtk_switch_set_active (sw, TRUE);
  ref_test_iterate ();
  /* Overridden, starting from the derived list. */
  g_assert_true (ref_agenda_item_get_absence_overridden (item));
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_absence_override (item)), ==, 2);
  /* One step to undo. */
  g_assert_true (ref_history_undo (ref_meeting_get_history (meeting)));
  g_assert_false (ref_agenda_item_get_absence_overridden (item));
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_absence_override (item)), ==, 0);
  ref_test_close_window (window);
}

/* The review panel lists what to fix, and each entry leads to its item. */
static void
test_review_panel (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, 7);
  g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);

  ref_window_refresh_review (window);
  g_assert_cmpuint (ref_window_get_n_review_problems (window), ==, 0);
  ref_decision_set_text (decision, NULL);
  ref_window_refresh_review (window);
  g_assert_cmpuint (ref_window_get_n_review_problems (window), ==, 1);
  ref_window_activate_review_problem (window, 0);
  ref_test_iterate ();
  g_assert_true (ref_item_view_get_item (view) == item);
  ref_test_close_window (window);
}

/* Reviewer comments: added in the item view by the logged-in user, resolved there,
 * listed by the review panel until resolved, and undoable like any edit. */
static void
test_comments (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  RefAgendaItem *item;
  GtkWidget *box;
  GtkEditable *entry;
  GtkCheckButton *resolved;
  GListModel *comments;
  g_autoptr (RefComment) comment = NULL;

  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  /* The name set in Preferences signs the comments. */
  g_settings_set_string (settings, "author-name", "Jens Hansen");
  ref_window_select_item (window, 0);
  ref_test_iterate ();
  item = ref_item_view_get_item (view);
  comments = ref_agenda_item_get_comments (item);
  box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), REF_TYPE_ITEM_VIEW, "comments_box"));
  entry = GTK_EDITABLE (ref_test_find_widget (box, ADW_TYPE_ENTRY_ROW, "Add a comment"));
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "  Er beløbet rigtigt?  ");
  g_signal_emit_by_name (entry, "apply");
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 1);
  comment = g_list_model_get_item (comments, 0);
  g_assert_cmpstr (ref_comment_get_text (comment), ==, "Er beløbet rigtigt?");
  g_assert_cmpstr (ref_comment_get_author (comment), ==, "Jens Hansen");
  g_assert_nonnull (ref_comment_get_time (comment));
  g_assert_nonnull (ref_test_find_widget (box, ADW_TYPE_ACTION_ROW, "Er beløbet rigtigt?"));
  g_assert_null (ref_comment_get_section (comment));
  /* A comment on a section: choose it next to the entry. */
  {
    g_autoptr (RefSection) first = g_list_model_get_item (ref_agenda_item_get_sections (item), 0);
    g_autoptr (RefComment) on_section = NULL;
    GtkDropDown *target;

    g_assert_nonnull (first);
    entry = GTK_EDITABLE (ref_test_find_widget (box, ADW_TYPE_ENTRY_ROW, "Add a comment"));
    target = GTK_DROP_DOWN (ref_test_find_widget (GTK_WIDGET (entry), GTK_TYPE_DROP_DOWN, NULL));
    g_assert_nonnull (target);
    gtk_drop_down_set_selected (target, 1);
    gtk_editable_set_text (entry, "Uklar formulering");
    g_signal_emit_by_name (entry, "apply");
    ref_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 2);
    on_section = g_list_model_get_item (comments, 1);
    g_assert_true (ref_comment_get_section (on_section) == first);
    g_assert_true (ref_history_undo (ref_meeting_get_history (meeting)));
    ref_test_iterate ();
  }
  /* Blank comments are not added. */
  entry = GTK_EDITABLE (ref_test_find_widget (box, ADW_TYPE_ENTRY_ROW, "Add a comment"));
  gtk_editable_set_text (entry, "   ");
  g_signal_emit_by_name (entry, "apply");
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 1);

  ref_window_refresh_review (window);
  g_assert_cmpuint (ref_window_get_n_review_problems (window), ==, 1);
  resolved = GTK_CHECK_BUTTON (ref_test_find_widget (box, GTK_TYPE_CHECK_BUTTON, NULL));
  g_assert_nonnull (resolved);
  gtk_check_button_set_active (resolved, TRUE);
  g_assert_true (ref_comment_get_resolved (comment));
  ref_window_refresh_review (window);
  g_assert_cmpuint (ref_window_get_n_review_problems (window), ==, 0);

  /* Undo resolving, then undo adding. */
  g_assert_true (ref_history_undo (ref_meeting_get_history (meeting)));
  g_assert_false (ref_comment_get_resolved (comment));
  g_assert_true (ref_history_undo (ref_meeting_get_history (meeting)));
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 0);
  g_assert_null (ref_test_find_widget (box, ADW_TYPE_ACTION_ROW, "Er beløbet rigtigt?"));
  g_settings_reset (settings, "author-name");
  ref_test_close_window (window);
}

/* Help → About names the version, the licence and the translators. */
static void
test_about (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkWindow *about = ref_application_create_about_window (GTK_WINDOW (window));

  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Referent");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_translator_credits (ADW_ABOUT_WINDOW (about)), !=, "");
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_window_present (about);
  ref_test_iterate ();
  gtk_window_destroy (about);
  ref_test_close_window (window);
}

/* Typing digits in the agenda list opens "go to item" with them; Enter goes there. */
static void
test_number_keys (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  GtkWidget *list = ref_window_get_item_list (window);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (list);
  GtkEventController *keys = NULL;
  AdwMessageDialog *dialog = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
    {
      g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);
      if (g_strcmp0 (gtk_event_controller_get_name (c), "ref-go-to-keys") == 0)
        keys = c;
    }
  g_assert_nonnull (keys);
  /* With Ctrl a digit is not a go-to. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_7, 0, GDK_CONTROL_MASK, &handled);
  g_assert_false (handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_KP_7, 0, 0, &handled);
  g_assert_true (handled);
  ref_test_iterate ();
  dialog = ref_test_find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog))), ==, "7");
  adw_message_dialog_response (dialog, "go");
  ref_test_iterate ();
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 7);
  ref_test_close_window (window);
}

static guint
count_rows (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c) ? 1 : count_rows (c);
  return n;
}

/* Compare with an earlier version: a window with one row per change. */
static void
test_compare (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autoptr (RefMeeting) earlier = ref_sample_meeting_new (NULL);
  GtkWindow *changes;

  ref_meeting_set_location (meeting, "Rådhuset");
  ref_agenda_item_set_title (ref_meeting_find_item_by_number (meeting, 2), "Meddelelser fra formanden");
  changes = ref_window_show_comparison (window, earlier, "i går.referat");
  ref_test_iterate ();
  g_assert_cmpuint (count_rows (GTK_WIDGET (changes)), ==, 2);
  gtk_window_destroy (changes);
  ref_test_close_window (window);
}

/* Find filters the agenda to matching items, searching titles, sections and
 * decisions, case-insensitively; item actions still act on the right item. */
static void
test_find (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));

  /* In a decision: only item 6 has a vote. */
  ref_window_find (window, "IMOD STEMTE");
  ref_test_iterate ();
  g_assert_cmpuint (ref_window_get_n_shown_items (window), ==, 1);
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 6);
  /* In section text: "Maglemosen" occurs only in item 5. */
  ref_window_find (window, "maglemosen");
  ref_test_iterate ();
  g_assert_cmpuint (ref_window_get_n_shown_items (window), ==, 1);
  /* Duplicating while filtered copies the shown item, not the one at that list position. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-item", NULL));
  ref_test_iterate ();
  g_assert_cmpuint (ref_meeting_get_n_items (meeting), ==, 11);
  {
    g_autoptr (RefAgendaItem) copy = g_list_model_get_item (ref_meeting_get_items (meeting), 5);
    g_assert_cmpstr (ref_agenda_item_get_title (copy), ==, "Tilsyn på Maglemosen");
  }
  /* Going to an item the search hides ends the search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-number", "u", 2));
  ref_test_iterate ();
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 2);
  g_assert_cmpuint (ref_window_get_n_shown_items (window), ==, 11);
  ref_window_find (window, "");
  g_assert_cmpuint (ref_window_get_n_shown_items (window), ==, 11);
  ref_test_close_window (window);
}

/* Unsaved work is copied to the recovery folder; saving or discarding removes it. */
static void
test_autosave_lifecycle (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autofree char *dir = g_dir_make_tmp ("referent-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "x.referat", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) none = ref_recovery_list ();
  g_autoptr (GPtrArray) one = NULL;
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GPtrArray) discarded = NULL;
  AdwMessageDialog *dialog = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  /* Nothing unsaved: nothing written. */
  g_assert_true (ref_window_autosave_now (window, &error));
  g_clear_pointer (&none, g_ptr_array_unref);
  none = ref_recovery_list ();
  g_assert_cmpuint (none->len, ==, 0);

  ref_meeting_set_location (meeting, "Skrevet under mødet");
  g_assert_true (ref_window_autosave_now (window, &error));
  one = ref_recovery_list ();
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpstr (((RefRecoveryEntry *) g_ptr_array_index (one, 0))->id, ==, ref_window_get_recovery_id (window));

  g_assert_true (ref_window_save_to (window, file, &error));
  saved = ref_recovery_list ();
  g_assert_cmpuint (saved->len, ==, 0);

  /* Unsaved again, then closed with Discard: the copy goes too. */
  ref_meeting_set_location (meeting, "Igen");
  g_assert_true (ref_window_autosave_now (window, &error));
  gtk_window_close (GTK_WINDOW (window));
  ref_test_iterate ();
  dialog = ref_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  ref_test_iterate ();
  discarded = ref_recovery_list ();
  g_assert_cmpuint (discarded->len, ==, 0);
  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

/* The timer's copy: queued for the recovery writer's thread, not waited for, and on
 * disk a moment later with the edit in it. A window closed with nothing unsaved
 * leaves no copy, even with a write of it still queued or in progress. */
static void
test_autosave_timer (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  RefWindow *window = NULL;
  RefMeeting *meeting = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) after_close = NULL;
  g_autoptr (RefMeeting) restored = NULL;
  g_autoptr (GError) error = NULL;
  gint64 deadline;

  g_settings_set_uint (settings, "autosave-interval", 2);
  window = ref_test_open_sample ();
  meeting = ref_window_get_meeting (window);
  ref_meeting_set_location (meeting, "Skrevet mens uret gik");
  /* The first tick after two quiet seconds writes it. */
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GPtrArray) found = ref_recovery_list ();

      if (found->len > 0)
        break;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  entries = ref_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((RefRecoveryEntry *) g_ptr_array_index (entries, 0))->id, ==, ref_window_get_recovery_id (window));
  restored = ref_recovery_load (g_ptr_array_index (entries, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ref_meeting_get_location (restored), ==, "Skrevet mens uret gik");

  ref_meeting_set_location (meeting, "Ændret igen");
  ref_test_close_window (window);
  ref_recovery_flush ();
  after_close = ref_recovery_list ();
  g_assert_cmpuint (after_close->len, ==, 0);
  g_settings_reset (settings, "autosave-interval");
}

/* After the first change the window serialises the meeting's items in idle time, so
 * its first recovery copy serialises only the item that was edited, not the meeting. */
static void
wait_for_prefill (RefWindow *window)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (ref_window_get_autosave_prefill_pending (window) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ref_window_get_autosave_prefill_pending (window));
}

static void
test_autosave_prefilled (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), 1);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (ref_meeting_get_n_items (meeting), >=, 3);
  ref_agenda_item_set_title (item, "Ny titel skrevet under mødet");
  /* Idle time: the items are written a few milliseconds at a time, with pauses. */
  g_assert_true (ref_window_get_autosave_prefill_pending (window));
  wait_for_prefill (window);
  ref_agenda_item_set_case_number (item, "27.00.00-A00-1-26");
  g_assert_true (ref_window_autosave_now (window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ref_window_get_autosave_n_written (window), ==, 1);

  /* A new participant changes every item's participant ids: the items are written
   * again in idle time, and the next copy again writes only the edited item. */
  {
    g_autoptr (RefParticipant) extra = ref_participant_new ();

    ref_participant_set_name (extra, "Ny Stedfortræder");
    ref_meeting_add_participant (meeting, extra);
  }
  g_assert_true (ref_window_get_autosave_prefill_pending (window));
  wait_for_prefill (window);
  ref_agenda_item_set_title (item, "Titlen igen");
  g_assert_true (ref_window_autosave_now (window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ref_window_get_autosave_n_written (window), ==, 1);
  ref_test_close_window (window);
  ref_recovery_flush ();
}

/* The fill after the first change comes while the user types: it must leave the main
 * loop free most of the time rather than run slice after slice until a frame is due. */
static void
test_autosave_prefill_paced (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autoptr (GString) words = g_string_new (NULL);
  g_autoptr (RefText) text = NULL;
  RefWindow *window;
  gint64 start, elapsed, busy;

  for (int i = 0; i < 600; i++)
    g_string_append (words, i % 12 == 11 ? "baggrund. " : "sagens ");
  text = ref_text_new_paragraph (words->str);
  ref_meeting_set_committee (meeting, "Socialudvalget");
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
      g_autofree char *title = g_strdup_printf ("Punkt %u", i + 1);

      ref_agenda_item_set_title (item, title);
      ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
      ref_meeting_add_item (meeting, item);
    }
  ref_history_clear (ref_meeting_get_history (meeting));
  ref_history_mark_clean (ref_meeting_get_history (meeting));
  window = ref_window_new (NULL, meeting, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 4);
  /* Until the window has nothing left to do (the sidebar fills a few rows per frame). */
  for (int quiet = 0, i = 0; quiet < 20 && i < 100000; i++)
    {
      if (g_main_context_iteration (NULL, FALSE))
        quiet = 0;
      else
        {
          quiet++;
          g_usleep (5000);
        }
    }
  g_assert_false (ref_window_get_autosave_prefill_pending (window));

  ref_meeting_set_location (meeting, "Rådhuset");
  g_assert_true (ref_window_get_autosave_prefill_pending (window));
  ref_test_poll_timer_install ();
  ref_test_poll_blocked_usec = 0;
  start = g_get_monotonic_time ();
  wait_for_prefill (window);
  elapsed = g_get_monotonic_time () - start;
  ref_test_poll_timer_remove ();
  busy = elapsed - ref_test_poll_blocked_usec;
  g_test_message ("prefill: %.1f ms, of which %.1f ms busy", elapsed / 1e3, busy / 1e3);
  /* Slices of 2 ms (4.3 MB of minutes: about 8 here, 3 or more on a machine three
   * times as fast), with a pause of 12 ms after each but the last, in which the loop
   * waits: run back to back, it never would. */
  g_assert_cmpint (ref_test_poll_blocked_usec, >=, 20000);
  ref_test_close_window (window);
}

static void
check_border_colors (GskRenderNode *node, float dx, float dy, gpointer data)
{
  guint *n_borders = data;
  const GdkRGBA *colors;

  if (gsk_render_node_get_node_type (node) != GSK_BORDER_NODE)
    return;
  colors = gsk_border_node_get_colors (node);
  for (int side = 1; side < 4; side++)
    if (!gdk_rgba_equal (&colors[0], &colors[side]))
      {
        g_autofree char *a = gdk_rgba_to_string (&colors[0]);
        g_autofree char *b = gdk_rgba_to_string (&colors[side]);
        g_error ("a border with sides of different colours (%s, %s)", a, b);
      }
  (*n_borders)++;
}

/* Every border the window draws has one colour on all four sides: GSK's cairo
 * renderer draws one with differing sides one side at a time through a mask of its
 * rounded outline, which made each page repaint 3 ms slower (the boxed lists' rows,
 * whose only coloured side is the bottom; ui/style.css). */
static void
test_uniform_border_colors (void)
{
  RefWindow *window = ref_test_open_sample_in_app ();
  guint n_borders = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  /* An item with a decision: its boxed lists of rows. */
  ref_window_select_item (window, 1);
  wait_for_frames (GTK_WIDGET (window), 4);
  {
    g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    g_autoptr (GskRenderNode) node = NULL;

    gdk_paintable_snapshot (paintable, snapshot, 1100, 800);
    node = gtk_snapshot_free_to_node (snapshot);
    g_assert_nonnull (node);
    ref_test_walk_render_nodes (node, 0, 0, check_border_colors, &n_borders);
  }
  /* The rows' separators are among them. */
  g_assert_cmpuint (n_borders, >=, 4);
  ref_test_close_window (window);
}

/* Closing with unsaved changes asks first: the window stays open with a dialog. */
static void
test_unsaved_changes_prompt (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before;
  AdwMessageDialog *dialog = NULL;

  ref_meeting_set_location (meeting, "Et andet sted");
  before = g_list_model_get_n_items (toplevels);
  gtk_window_close (GTK_WINDOW (window));
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
  dialog = ref_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  /* Discard: the window closes without saving. */
  adw_message_dialog_response (dialog, "discard");
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), <, before);
}

/* The window renders (every widget snapshots without crashing); saves a PNG of it
 * for the README when REFERENT_SCREENSHOT is set. */
static void
test_renders (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkPaintable *paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GskRenderNode) node = NULL;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  ref_test_iterate ();
  g_usleep (200000);
  ref_test_iterate ();
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  g_assert_cmpint (width, >, 300);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  if (g_getenv ("REFERENT_SCREENSHOT"))
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      g_autoptr (GdkTexture) texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_assert_true (gdk_texture_save_to_png (texture, g_getenv ("REFERENT_SCREENSHOT")));
    }
  g_object_unref (paintable);
  ref_test_close_window (window);
}

/* Every shortcut the application sets is in the shortcuts window (Ctrl+?), and the
 * review panel opens with its shortcut, pressed on the keyboard. */
static void
test_shortcuts_window_complete (void)
{
  RefApplication *app = ref_test_app ();
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/dk/referent/Referent/gtk/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *action = NULL;
        g_object_get (l->data, "action-name", &action, NULL);
        if (action != NULL)
          g_hash_table_add (listed, g_steal_pointer (&action));
      }
  g_slist_free (objects);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GVariant) target = NULL;

      g_assert_true (g_action_parse_detailed_name (actions[i], &name, &target, NULL));
      if (!g_hash_table_contains (listed, name))
        g_error ("%s has a shortcut but is not in the shortcuts window", name);
    }
  g_assert_true (g_hash_table_contains (listed, "app.import-pdf"));
  g_assert_true (g_hash_table_contains (listed, "win.review"));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  if (ref_input_available ())
    {
      RefWindow *window = ref_test_open_sample_in_app ();
      GtkWidget *panel = ref_test_find_by_id (GTK_WIDGET (window), "review_panel");

      ref_input_focus_window (GTK_WINDOW (window));
      g_assert_false (gtk_widget_get_mapped (panel));
      ref_input_key (GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
      REF_INPUT_WAIT_FOR (gtk_widget_get_mapped (panel));
      g_assert_true (gtk_widget_get_mapped (panel));
      ref_input_key (GDK_KEY_Escape, 0);
      ref_test_close_window (window);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-ui");

  /* Recovery copies and recent files go to fresh folders, never the user's. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/shows-sample", test_shows_sample);
  g_test_add_func ("/window/type-decision-undo-redo", test_type_decision_undo_redo);
  g_test_add_func ("/window/sidebar-titles-one-line", test_sidebar_titles_one_line);
  g_test_add_func ("/window/long-agenda-lazily", test_long_agenda_lazily);
  g_test_add_func ("/window/add-and-reorder", test_add_and_reorder_items);
  g_test_add_func ("/window/attendance-and-closed", test_toggle_attendance_and_closed);
  g_test_add_func ("/window/save-and-reload", test_save_and_reload);
  g_test_add_func ("/window/save-fails-keeps-document", test_save_fails_keeps_document);
  g_test_add_func ("/window/subtitle-names-file", test_subtitle_names_file);
  g_test_add_func ("/window/unsaved-changes-prompt", test_unsaved_changes_prompt);
  g_test_add_func ("/window/autosave-lifecycle", test_autosave_lifecycle);
  g_test_add_func ("/window/autosave-timer", test_autosave_timer);
  g_test_add_func ("/window/autosave-prefilled", test_autosave_prefilled);
  g_test_add_func ("/window/autosave-prefill-paced", test_autosave_prefill_paced);
  g_test_add_func ("/window/uniform-border-colors", test_uniform_border_colors);
  g_test_add_func ("/window/item-actions", test_item_actions);
  g_test_add_func ("/window/find", test_find);
  g_test_add_func ("/window/sections", test_sections);
  g_test_add_func ("/window/item-details", test_item_details);
  g_test_add_func ("/window/meeting-details", test_meeting_details);
  g_test_add_func ("/window/export-editions", test_export_editions);
  g_test_add_func ("/window/export-refuses-open-file", test_export_refuses_open_file);
  g_test_add_func ("/window/item-absence", test_item_absence);
  g_test_add_func ("/window/review-panel", test_review_panel);
  g_test_add_func ("/window/comments", test_comments);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/number-keys", test_number_keys);
  g_test_add_func ("/window/compare", test_compare);
  g_test_add_func ("/window/import-notes-panel", test_import_notes_panel);
  g_test_add_func ("/window/import-pdf", test_import_pdf);
  g_test_add_func ("/window/renders", test_renders);

  g_test_add_func ("/window/shortcuts-window-complete", test_shortcuts_window_complete);
  return ref_test_run_and_clean (state);
}
