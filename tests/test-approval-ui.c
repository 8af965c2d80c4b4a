/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "ref-approvals-panel.h"
#include "ref-item-view.h"
#include "ref-model-util.h"
#include "ref-meeting-view.h"
#include "ref-signature.h"
#include "ref-window.h"
#include "ref-xml.h"
#include "test-certs.h"
#include "test-input.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

/* Digital approval in the window, driven headlessly: locking, approving with a
 * certificate made at test time, the approvals panel, unlocking, trusted
 * authorities. The ui suite runs with GSETTINGS_BACKEND=memory. */

static char *tmp_dir;
static char *ca_pem;
static char *member_p12;
static char *chair_p12;

static GSettings *
settings (void)
{
  return g_settings_new (APP_ID);
}

static void
reset_settings (void)
{
  g_autoptr (GSettings) s = settings ();

  g_settings_reset (s, "trust-anchors");
  g_settings_reset (s, "last-certificate");
}

static RefWindow *
open_sample (void)
{
  reset_settings ();
  return ref_test_open_sample ();
}

static guint
n_approval_rows (RefWindow *window)
{
  GtkWidget *list = ref_window_get_approvals_list (window);
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n += ADW_IS_EXPANDER_ROW (c);
  return n;
}

static GtkWidget *
approval_row_at (RefWindow *window, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (ref_window_get_approvals_list (window)), (int) index);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  return GTK_WIDGET (row);
}

static RefApprovalStatus
status_at (RefWindow *window, guint index)
{
  RefApprovalCheck *check;

  ref_window_wait_for_approvals (window);
  check = ref_window_get_approval_check (window, index);

  g_assert_nonnull (check);
  return ref_approval_check_get_status (check);
}

static void
approve (RefWindow *window)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ref_window_approve_with_file (window, member_p12, REF_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  ref_test_iterate ();
  ref_window_wait_for_approvals (window);
}

static void
trust_ca (RefWindow *window)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ref_window_add_trust_anchor (window, ca_pem, &error));
  g_assert_no_error (error);
  ref_window_wait_for_approvals (window);
}

static GtkTextView *
decision_editor (RefWindow *window)
{
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  GtkWidget *editor;

  ref_window_select_item (window, 5); /* Punkt 6 has a decision */
  ref_test_iterate ();
  editor = ref_item_view_get_decision_editor (view, 0);
  g_assert_nonnull (editor);
  return GTK_TEXT_VIEW (editor);
}

/* Locking freezes the content but not reading: the editors are read-only, the
 * structural actions do nothing, selection still works, and the strip says so. */
static void
test_lock_read_only (void)
{
  RefWindow *window = open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  RefMeetingView *meeting_view = REF_MEETING_VIEW (ref_window_get_meeting_view (window));
  guint n_items = ref_meeting_get_n_items (meeting);
  guint n_participants = g_list_model_get_n_items (ref_meeting_get_participants (meeting));
  GtkTextView *editor;
  GtkRevealer *strip = GTK_REVEALER (ref_test_find_by_id (GTK_WIDGET (window), "lock_revealer"));
  GtkLabel *strip_label = GTK_LABEL (ref_test_find_by_id (GTK_WIDGET (window), "lock_label"));

  g_assert_nonnull (strip);
  g_assert_false (gtk_revealer_get_reveal_child (strip));
  editor = decision_editor (window);
  g_assert_true (gtk_text_view_get_editable (editor));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock-for-approval", NULL));
  ref_test_iterate ();
  g_assert_true (ref_meeting_get_locked (meeting));
  g_assert_true (ref_item_view_get_locked (view));
  g_assert_true (ref_meeting_view_get_locked (meeting_view));
  g_assert_true (gtk_revealer_get_reveal_child (strip));
  g_assert_nonnull (strstr (gtk_label_get_label (strip_label), "Locked for approval"));
  g_assert_nonnull (strstr (gtk_label_get_label (strip_label), "0 of "));

  /* The editors do not take text; the item's other fields neither. */
  g_assert_false (gtk_text_view_get_editable (editor));
  g_assert_false (gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (editor), "x", -1,
                                                                gtk_text_view_get_editable (editor)));
  {
    GtkWidget *title = ref_test_find_widget (GTK_WIDGET (view), ADW_TYPE_PREFERENCES_ROW, "Title");
    GtkWidget *closed = ref_test_find_by_id (GTK_WIDGET (view), "closed_switch");
    g_assert_nonnull (title);
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (title)));
    g_assert_false (gtk_widget_get_sensitive (closed));
  }
  /* Structural actions are disabled. */
  for (const char *const *a = (const char *const[]){ "win.add-item", "win.delete-item", "win.duplicate-item",
                                                      "win.move-item-up", "win.renumber", NULL };
       *a; a++)
    gtk_widget_activate_action (GTK_WIDGET (window), *a, NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "view.add-decision", NULL);
  gtk_widget_activate_action (GTK_WIDGET (meeting_view), "meeting.add-participant", NULL);
  ref_test_iterate ();
  g_assert_cmpuint (ref_meeting_get_n_items (meeting), ==, n_items);
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (ref_item_view_get_item (view))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (meeting)), ==, n_participants);
  /* The meeting's header fields are read-only too. */
  {
    GtkWidget *committee = ref_test_find_by_id (GTK_WIDGET (meeting_view), "committee_row");
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (committee)));
  }

  /* Reading goes on: another item can be selected and shown. */
  ref_window_select_item (window, 2);
  ref_test_iterate ();
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 3);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (ref_item_view_get_decision_editor (view, 0))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-meeting", NULL));
  ref_test_iterate ();
  g_assert_true (ref_window_get_showing_meeting (window));

  /* Undo undoes the locking: editable again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  ref_test_iterate ();
  g_assert_false (ref_meeting_get_locked (meeting));
  g_assert_false (gtk_revealer_get_reveal_child (strip));
  editor = decision_editor (window);
  g_assert_true (gtk_text_view_get_editable (editor));
  {
    GtkWidget *committee = ref_test_find_by_id (GTK_WIDGET (meeting_view), "committee_row");
    g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (committee)));
  }
  ref_test_close_window (window);
}

/* Approving through the dialog's code path: listed as valid when the authority is
 * trusted, as not trusted when it is not; the certificate is remembered. */
static void
test_approve_trusted_and_not (void)
{
  RefWindow *window = open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autoptr (GSettings) s = settings ();
  g_autofree char *last = NULL;
  guint n_before = g_list_model_get_n_items (ref_meeting_get_approvals (meeting));
  GtkWidget *trust_list;

  approve (window);
  g_assert_true (ref_meeting_get_locked (meeting));
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_approvals (meeting)), ==, n_before + 1);
  g_assert_cmpuint (n_approval_rows (window), ==, n_before + 1);
  g_assert_cmpint (status_at (window, n_before), ==, REF_APPROVAL_STATUS_UNTRUSTED);
  last = g_settings_get_string (s, "last-certificate");
  g_assert_cmpstr (last, ==, member_p12);

  trust_ca (window);
  g_assert_cmpint (status_at (window, n_before), ==, REF_APPROVAL_STATUS_VALID);
  {
    GtkWidget *row = approval_row_at (window, n_before);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Johan Müller");
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Valid"));
    g_assert_cmpuint (strlen (ref_approval_check_get_fingerprint (ref_window_get_approval_check (window, n_before))),
                      ==, 95);
  }
  /* The trusted authority is listed, with a way to remove it. */
  trust_list = ref_test_find_by_id (GTK_WIDGET (window), "trust_list");
  g_assert_nonnull (ref_test_find_widget (trust_list, ADW_TYPE_PREFERENCES_ROW, "ca.pem"));
  ref_window_remove_trust_anchor (window, ca_pem);
  ref_window_wait_for_approvals (window);
  g_assert_null (ref_test_find_widget (trust_list, ADW_TYPE_PREFERENCES_ROW, "ca.pem"));
  g_assert_cmpint (status_at (window, n_before), ==, REF_APPROVAL_STATUS_UNTRUSTED);
  ref_test_close_window (window);
}

/* The password dialog as a person uses it: the password typed on the keyboard and
 * Enter pressed, through the X server and GTK's event path. Enter used to destroy the
 * dialog inside the password row's own activation and crash the application. */
static void
test_password_enter (void)
{
  RefWindow *window;
  RefMeeting *meeting;
  AdwMessageDialog *dialog;
  guint n_before;

  REQUIRE_INPUT ();
  window = open_sample ();
  meeting = ref_window_get_meeting (window);
  n_before = g_list_model_get_n_items (ref_meeting_get_approvals (meeting));
  ref_window_ask_certificate_password (window, member_p12);
  ref_test_iterate ();
  dialog = ref_test_find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  ref_input_focus_window (GTK_WINDOW (dialog));
  ref_input_type (REF_TEST_PASSWORD);
  ref_input_key (GDK_KEY_Return, 0);
  for (int i = 0; i < 200 && g_list_model_get_n_items (ref_meeting_get_approvals (meeting)) == n_before; i++)
    ref_input_settle (20);
  ref_input_settle (100);
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_approvals (meeting)), ==, n_before + 1);
  g_assert_true (ref_meeting_get_locked (meeting));
  g_assert_null (ref_test_find_message_dialog (GTK_WINDOW (window)));

  /* A wrong password asks again, saying why; Enter there works too. */
  ref_window_ask_certificate_password (window, member_p12);
  ref_test_iterate ();
  dialog = ref_test_find_message_dialog (GTK_WINDOW (window));
  ref_input_focus_window (GTK_WINDOW (dialog));
  ref_input_type ("forkert");
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_settle (300);
  dialog = ref_test_find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_approvals (meeting)), ==, n_before + 1);
  ref_input_focus_window (GTK_WINDOW (dialog));
  ref_input_key (GDK_KEY_Escape, 0);
  ref_input_settle (100);
  g_assert_null (ref_test_find_message_dialog (GTK_WINDOW (window)));
  ref_test_close_window (window);
}

/* A wrong password or a file that is no certificate changes nothing. */
static void
test_approve_fails_cleanly (void)
{
  RefWindow *window = open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autoptr (GError) error = NULL;
  guint n_before = g_list_model_get_n_items (ref_meeting_get_approvals (meeting));

  g_assert_false (ref_window_approve_with_file (window, member_p12, "forkert", &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_clear_error (&error);
  g_assert_false (ref_window_approve_with_file (window, ca_pem, REF_TEST_PASSWORD, &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_clear_error (&error);
  g_assert_false (ref_window_add_trust_anchor (window, member_p12, &error));
  g_assert_nonnull (error);
  ref_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_approvals (meeting)), ==, n_before);
  g_assert_false (ref_meeting_get_locked (meeting));
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (meeting)));
  ref_test_close_window (window);
}

/* Unlocking asks first, voids the approval (struck through, "Voided"), and an edit
 * after it leaves the approval void; undo brings the lock and the approval back. */
static void
test_unlock_voids (void)
{
  RefWindow *window = open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  guint index = g_list_model_get_n_items (ref_meeting_get_approvals (meeting));
  GtkWidget *dialog;
  GtkTextView *editor;
  GtkTextIter end;

  trust_ca (window);
  approve (window);
  g_assert_cmpint (status_at (window, index), ==, REF_APPROVAL_STATUS_VALID);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  ref_test_iterate ();
  dialog = GTK_WIDGET (ref_test_find_message_dialog (NULL));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Void 1 Approval"));
  /* Cancel keeps everything. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ref_test_iterate ();
  g_assert_true (ref_meeting_get_locked (meeting));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  ref_test_iterate ();
  dialog = GTK_WIDGET (ref_test_find_message_dialog (NULL));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ref_test_iterate ();
  g_assert_false (ref_meeting_get_locked (meeting));

  editor = decision_editor (window);
  g_assert_true (gtk_text_view_get_editable (editor));
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (editor), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (editor), &end);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (editor), " Ændret.", -1, TRUE));
  ref_test_iterate ();
  ref_window_verify_approvals (window);
  ref_window_wait_for_approvals (window);
  g_assert_cmpint (status_at (window, index), ==, REF_APPROVAL_STATUS_VOID);
  {
    GtkWidget *row = approval_row_at (window, index);
    g_assert_true (gtk_widget_has_css_class (row, "ref-approval-void"));
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "<s>"));
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Voided"));
  }

  /* Undo the edit, then the unlocking: locked, and the approval counts again. */
  ref_history_seal (ref_meeting_get_history (meeting));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  ref_test_iterate ();
  g_assert_true (ref_meeting_get_locked (meeting));
  g_assert_cmpint (status_at (window, index), ==, REF_APPROVAL_STATUS_VALID);
  ref_test_close_window (window);
}

/* A damaged approval in a loaded file is listed as such, with its message. */
static void
test_malformed_in_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) sample = ref_sample_meeting_new (&error);
  g_autoptr (RefApproval) damaged = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "damaged.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RefWindow *window;
  guint index;

  g_assert_no_error (error);
  damaged = ref_signature_sign (sample, member_p12, REF_TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  /* A signature element with nothing in it, as a damaged or foreign file has. */
  ref_approval_set_signature (damaged, "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>");
  g_assert_true (ref_xml_save_file (sample, file, &error));
  g_assert_no_error (error);
  loaded = ref_xml_load_file (file, &error);
  g_assert_no_error (error);

  reset_settings ();
  window = ref_test_open_meeting (loaded);
  index = g_list_model_get_n_items (ref_meeting_get_approvals (loaded)) - 1;
  g_assert_cmpint (status_at (window, index), ==, REF_APPROVAL_STATUS_MALFORMED);
  g_assert_cmpstr (ref_approval_check_get_message (ref_window_get_approval_check (window, index)), !=, "");
  g_assert_cmpuint (n_approval_rows (window), ==, index + 1);
  g_assert_true (ref_meeting_get_locked (loaded));
  ref_test_close_window (window);
}

/* An approval whose item changed afterwards is invalid and offers a way to the item. */
static void
test_jump_to_changed_item (void)
{
  RefWindow *window = open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  guint index = g_list_model_get_n_items (ref_meeting_get_approvals (meeting));
  GtkWidget *jump;

  trust_ca (window);
  approve (window);
  /* Changed behind the lock's back, as an edit by another program would be. */
  ref_meeting_set_locked (meeting, FALSE);
  ref_agenda_item_set_title (ref_meeting_find_item_by_number (meeting, 3), "Ændret efter godkendelse");
  ref_meeting_set_locked (meeting, TRUE);
  ref_test_iterate ();
  ref_window_verify_approvals (window);
  ref_window_wait_for_approvals (window);
  g_assert_cmpint (status_at (window, index), ==, REF_APPROVAL_STATUS_INVALID);

  ref_window_select_item (window, 0);
  ref_test_iterate ();
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 1);
  jump = ref_test_find_widget (approval_row_at (window, index), ADW_TYPE_PREFERENCES_ROW, "Go to item 3");
  g_assert_nonnull (jump);
  g_signal_emit_by_name (jump, "activate");
  ref_test_iterate ();
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (view)), ==, 3);
  ref_test_close_window (window);
}

static gboolean
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return done (data);
}

static gboolean
has_one_approval (gpointer data)
{
  return g_list_model_get_n_items (ref_meeting_get_approvals (data)) == 1;
}

/* What a member signing with referent-cli does: under the file's lock, load, sign,
 * save. */
static void
sign_elsewhere (GFile *file, const char *p12)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) other = ref_xml_load_file (file, &error);
  g_autoptr (RefApproval) approval = NULL;

  g_assert_no_error (error);
  approval = ref_signature_sign (other, p12, REF_TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ref_xml_save_file_shared (other, file, NULL, REF_XML_SAVE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Issue 13.4: another program saves the open file. Its approvals are taken in at
 * once; when the minutes themselves changed there, saving asks first, and saving
 * over them keeps their approvals. */
static void
test_file_changed_elsewhere (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) sample = ref_sample_meeting_new (&error);
  g_autofree char *path = g_build_filename (tmp_dir, "shared.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RefMeeting) loaded = NULL;
  g_autoptr (RefMeeting) theirs = NULL;
  g_autoptr (RefMeeting) after = NULL;
  RefWindow *window;
  RefMeeting *meeting;
  AdwMessageDialog *dialog;

  g_assert_true (ref_xml_save_file (sample, file, &error));
  loaded = ref_xml_load_file (file, &error);
  g_assert_no_error (error);
  reset_settings ();
  window = ref_window_new (NULL, loaded, file);
  gtk_window_present (GTK_WINDOW (window));
  ref_test_iterate ();
  meeting = ref_window_get_meeting (window);

  /* A member approves from the command line: the window shows it, and has nothing
   * unsaved because of it. */
  sign_elsewhere (file, member_p12);
  g_assert_true (wait_until (has_one_approval, meeting));
  g_assert_true (ref_meeting_get_locked (meeting));
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (meeting)));

  /* Someone changes the minutes there (unlocking voids the approval). */
  theirs = ref_xml_load_file (file, &error);
  g_assert_no_error (error);
  ref_meeting_unlock (theirs);
  ref_agenda_item_set_title (ref_meeting_find_item_by_number (theirs, 2), "Deres ændring");
  g_assert_true (ref_xml_save_file (theirs, file, &error));
  ref_test_iterate ();

  /* Saving in the window does not overwrite it without asking … */
  g_assert_false (ref_window_save_to (window, file, &error));
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_CHANGED_ON_DISK);
  g_clear_error (&error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  ref_test_iterate ();
  dialog = ref_test_find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The File Was Changed by Someone Else");
  {
    g_autoptr (RefMeeting) still = ref_xml_load_file (file, &error);
    g_assert_cmpstr (ref_agenda_item_get_title (ref_meeting_find_item_by_number (still, 2)), ==, "Deres ændring");
  }
  /* … and saving over it keeps the approval made there (voided there, so voided). */
  adw_message_dialog_response (dialog, "overwrite");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ref_test_iterate ();
  after = ref_xml_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ref_agenda_item_get_title (ref_meeting_find_item_by_number (after, 2)), !=, "Deres ændring");
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_approvals (after)), ==, 1);
  ref_test_close_window (window);
}

static gboolean
add_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Issue 13.5: verifying a signed 1,000-item meeting does not hold up the window: the
 * main loop keeps running while it is checked. */
static void
test_verify_off_main_thread (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  RefAgendaItem *model_item = ref_meeting_find_item_by_number (meeting, 3);
  RefWindow *window;
  guint ticks = 0, source;

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (RefAgendaItem) item = ref_model_copy (model_item);
      ref_agenda_item_set_number (item, 100 + i);
      ref_meeting_add_item (meeting, item);
    }
  g_object_unref (ref_signature_sign (meeting, member_p12, REF_TEST_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  reset_settings ();
  window = ref_test_open_meeting (meeting);
  trust_ca (window);
  source = g_timeout_add (1, add_tick, &ticks);
  ref_window_verify_approvals (window);
  g_assert_true (ref_window_get_verifying (window));
  while (ref_window_get_verifying (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
  g_assert_cmpuint (ticks, >, 1);
  g_assert_cmpint (status_at (window, 0), ==, REF_APPROVAL_STATUS_VALID);
  ref_test_close_window (window);
}

/* The approvals panel shows all of itself: its list scrolls only when taller than its
 * maximum, never because its height was guessed too small (the trusted authorities
 * were cut off). Lock is the suggested step while the minutes are open, Approve
 * once they are locked. */
static void
test_panel_not_cut_off (void)
{
  RefWindow *window = open_sample ();
  GtkWidget *list = ref_window_get_approvals_list (window);
  GtkWidget *popover = gtk_widget_get_ancestor (list, GTK_TYPE_POPOVER);
  GtkWidget *scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *lock = ref_test_find_by_id (popover, "lock_button");
  GtkWidget *approve_button = ref_test_find_by_id (popover, "approve_button");
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_autoptr (GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_assert_nonnull (lock);
  g_assert_nonnull (approve_button);
  g_assert_true (gtk_widget_has_css_class (lock, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (approve_button, "suggested-action"));

  trust_ca (window);
  g_assert_true (ref_window_approve_with_file (window, chair_p12, REF_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  approve (window);
  ref_test_iterate ();
  g_assert_false (gtk_widget_has_css_class (lock, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (approve_button, "suggested-action"));

  gtk_popover_popup (GTK_POPOVER (popover));
  ref_test_iterate ();
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (approval_row_at (window, 0)), TRUE);
  for (int i = 0; i < 20; i++)
    {
      g_usleep (50000);
      ref_test_iterate ();
    }
  g_test_message ("page %.0f, content %.0f, at most %d", gtk_adjustment_get_page_size (adj),
                  gtk_adjustment_get_upper (adj),
                  gtk_scrolled_window_get_max_content_height (GTK_SCROLLED_WINDOW (scrolled)));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adj) + 1, >=,
                     MIN (gtk_adjustment_get_upper (adj),
                          gtk_scrolled_window_get_max_content_height (GTK_SCROLLED_WINDOW (scrolled))));
  gtk_popover_popdown (GTK_POPOVER (popover));
  ref_test_close_window (window);
}

/* The approvals panel as a secretary drives it: a click on the Approvals button opens
 * it, a click on its Lock button locks the minutes, the strip above them shows what
 * the panel counted, Approve becomes the suggested step, and Unlock in the strip opens
 * the minutes again (no approvals to void, so without asking). */
static void
test_panel_by_clicks (void)
{
  RefWindow *window;
  RefMeeting *meeting;
  GtkWidget *panel, *button, *lock, *approve_button, *unlock;
  GtkLabel *strip;

  REQUIRE_INPUT ();
  window = open_sample ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  ref_input_focus_window (GTK_WINDOW (window));
  meeting = ref_window_get_meeting (window);
  g_assert_false (ref_meeting_get_locked (meeting));
  panel = ref_window_get_approvals_panel (window);
  g_assert_true (REF_IS_APPROVALS_PANEL (panel));
  button = ref_test_find_by_id (GTK_WIDGET (window), "approvals_button");
  strip = GTK_LABEL (ref_test_find_by_id (GTK_WIDGET (window), "lock_label"));
  g_assert_nonnull (button);

  REF_INPUT_CLICK_UNTIL (button, gtk_widget_get_mapped (panel));
  g_assert_true (gtk_widget_get_mapped (panel));
  lock = ref_test_find_by_id (panel, "lock_button");
  approve_button = ref_test_find_by_id (panel, "approve_button");
  g_assert_true (gtk_widget_has_css_class (lock, "suggested-action"));
  ref_input_click (lock);
  REF_INPUT_WAIT_FOR (ref_meeting_get_locked (meeting));
  g_assert_true (ref_meeting_get_locked (meeting));
  ref_window_wait_for_approvals (window);
  g_assert_cmpstr (gtk_label_get_label (strip), ==, ref_approvals_panel_get_status (REF_APPROVALS_PANEL (panel)));
  g_assert_nonnull (strstr (gtk_label_get_label (strip), "Locked for approval"));
  g_assert_true (gtk_widget_has_css_class (approve_button, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (lock, "suggested-action"));

  ref_input_key (GDK_KEY_Escape, 0);
  REF_INPUT_WAIT_FOR (!gtk_widget_get_mapped (panel));
  unlock = ref_test_find_by_id (GTK_WIDGET (window), "unlock_button");
  g_assert_nonnull (unlock);
  g_assert_true (gtk_widget_get_mapped (unlock));
  ref_input_click (unlock);
  REF_INPUT_WAIT_FOR (!ref_meeting_get_locked (meeting));
  g_assert_false (ref_meeting_get_locked (meeting));
  ref_test_close_window (window);
}

/* The locked window and the open approvals panel with two valid approvals render;
 * with REFERENT_SCREENSHOT_DIR set they are saved as PNGs for the README. */
static void
test_renders (void)
{
  RefWindow *window = open_sample ();
  const char *dir = g_getenv ("REFERENT_SCREENSHOT_DIR");
  g_autofree char *window_png = dir ? g_build_filename (dir, "approval-window.png", NULL) : NULL;
  g_autofree char *panel_png = dir ? g_build_filename (dir, "approval-panel.png", NULL) : NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *list = ref_window_get_approvals_list (window);
  GtkWidget *popover = gtk_widget_get_ancestor (list, GTK_TYPE_POPOVER);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  trust_ca (window);
  g_assert_true (ref_window_approve_with_file (window, chair_p12, REF_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  approve (window);
  ref_window_verify_approvals (window);
  g_assert_cmpuint (ref_window_wait_for_approvals (window), ==, 0);
  ref_test_iterate ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (ref_test_find_by_id (GTK_WIDGET (window), "lock_label"))), ==,
                   "Locked for approval · 2 of 7 members have approved");
  g_usleep (200000);
  ref_test_iterate ();
  ref_test_render_native (GTK_WIDGET (window), window_png);

  g_assert_nonnull (popover);
  gtk_popover_popup (GTK_POPOVER (popover));
  ref_test_iterate ();
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (approval_row_at (window, 0)), TRUE);
  /* Let the expander's animation finish, and the popover map. A popover grabs the
   * pointer; while another test on the same X server holds a grab, its map fails and
   * it has to be opened again. */
  for (int i = 0; i < 20 || (!gtk_widget_get_mapped (list) && i < 200); i++)
    {
      if (i % 20 == 19 && !gtk_widget_get_mapped (list))
        {
          gtk_popover_popdown (GTK_POPOVER (popover));
          ref_test_iterate ();
          gtk_popover_popup (GTK_POPOVER (popover));
        }
      g_usleep (50000);
      ref_test_iterate ();
    }
  g_assert_true (gtk_widget_get_mapped (list));
  ref_test_render_native (list, panel_png);
  gtk_popover_popdown (GTK_POPOVER (popover));
  ref_test_close_window (window);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-approval-ui");
  int status;

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_build_filename (state, "certs", NULL);
  g_mkdir_with_parents (tmp_dir, 0700);
  ca_pem = ref_test_make_authority (tmp_dir, "ca", "Referent Test CA", 5);
  member_p12 = ref_test_make_member (tmp_dir, "member", "Johan Müller", "ca");
  chair_p12 = ref_test_make_member (tmp_dir, "chair", "Maria Lundahl Assov", "ca");

  g_test_add_func ("/approval-ui/lock-read-only", test_lock_read_only);
  g_test_add_func ("/approval-ui/approve-trusted-and-not", test_approve_trusted_and_not);
  g_test_add_func ("/approval-ui/approve-fails-cleanly", test_approve_fails_cleanly);
  g_test_add_func ("/approval-ui/password-enter", test_password_enter);
  g_test_add_func ("/approval-ui/unlock-voids", test_unlock_voids);
  g_test_add_func ("/approval-ui/malformed-in-file", test_malformed_in_file);
  g_test_add_func ("/approval-ui/jump-to-changed-item", test_jump_to_changed_item);
  g_test_add_func ("/approval-ui/panel-not-cut-off", test_panel_not_cut_off);
  g_test_add_func ("/approval-ui/panel-by-clicks", test_panel_by_clicks);
  g_test_add_func ("/approval-ui/file-changed-elsewhere", test_file_changed_elsewhere);
  g_test_add_func ("/approval-ui/verify-off-main-thread", test_verify_off_main_thread);
  g_test_add_func ("/approval-ui/renders", test_renders);

  status = ref_test_run_and_clean (state);
  g_free (tmp_dir);
  g_free (ca_pem);
  g_free (member_p12);
  g_free (chair_p12);
  return status;
}
