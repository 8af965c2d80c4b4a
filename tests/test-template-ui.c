/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ref-application.h"
#include "ref-window.h"
#include "ref-xml.h"
#include "test-model-helpers.h"
#include "test-ui-helpers.h"

/* "New Meeting from Previous" in the application (issue 18): the new window holds a
 * new, unsaved meeting with what every meeting of the committee shares, and nothing
 * of what happened at the previous one. */

static RefApplication *app;

static RefMeeting *
previous_meeting (void)
{
  RefMeeting *m = ref_meeting_new ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (2025, 5, 6, 16, 30, 0);
  g_autoptr (GDateTime) end = g_date_time_new_utc (2025, 5, 6, 18, 0, 0);
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  RefParticipant *anna = ref_test_add_participant (m, "Anna Hansen");
  RefParticipant *bo = ref_test_add_participant (m, "Bo Bech");
  RefParticipant *guest = ref_test_add_participant (m, "Gæst Gæstesen");
  RefAgendaItem *budget;

  ref_meeting_set_committee (m, "Teknik- og Miljøudvalget");
  ref_meeting_set_location (m, "Mødelokale 2");
  ref_meeting_set_start (m, start);
  ref_meeting_set_end (m, end);
  ref_participant_set_party (anna, "A");
  ref_participant_set_participant_type (anna, REF_PARTICIPANT_TYPE_MEMBER);
  ref_participant_set_attendance (anna, REF_ATTENDANCE_PRESENT);
  ref_participant_set_participant_type (bo, REF_PARTICIPANT_TYPE_MEMBER);
  ref_participant_set_attendance (bo, REF_ATTENDANCE_ABSENT);
  ref_participant_set_participant_type (guest, REF_PARTICIPANT_TYPE_GUEST);
  ref_test_add_item (m, 1, "Godkendelse af dagsorden");
  budget = ref_test_add_item (m, 2, "Budgetopfølgning");
  ref_decision_set_text (d, text);
  ref_agenda_item_add_decision (budget, d);
  ref_test_add_item (m, 3, "Eventuelt");
  return m;
}

static void
test_new_from_previous (void)
{
  g_autoptr (RefMeeting) previous = previous_meeting ();
  g_autofree char *dir = g_dir_make_tmp ("referent-template-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "previous.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RefWindow *window;
  RefMeeting *m;
  RefParticipant *p;
  g_autoptr (RefParticipant) first = NULL;
  g_autoptr (RefAgendaItem) item = NULL;
  g_autoptr (RefAgendaItem) last = NULL;
  GDateTime *start;

  g_assert_true (ref_xml_save_file (previous, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "new-from-previous"));

  window = ref_application_new_from_previous (app, file);
  g_assert_nonnull (window);
  ref_test_iterate ();
  m = ref_window_get_meeting (window);
  /* A new document: no file, nothing to save over the previous one. */
  g_assert_null (ref_window_get_file (window));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Teknik- og Miljøudvalget");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Mødelokale 2");
  start = ref_meeting_get_start (m);
  g_assert_nonnull (start);
  g_assert_cmpint (g_date_time_get_hour (start), ==, 16);
  g_assert_cmpint (g_date_time_get_minute (start), ==, 30);
  g_assert_null (ref_meeting_get_end (m));

  /* The members, attendance reset; not the guest. */
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 2);
  first = g_list_model_get_item (ref_meeting_get_participants (m), 0);
  g_assert_cmpstr (ref_participant_get_name (first), ==, "Anna Hansen");
  g_assert_cmpstr (ref_participant_get_party (first), ==, "A");
  p = ref_meeting_find_participant (m, "Bo Bech");
  g_assert_nonnull (p);
  g_assert_cmpint (ref_participant_get_attendance (p), ==, REF_ATTENDANCE_UNKNOWN);
  g_assert_null (ref_meeting_find_participant (m, "Gæst Gæstesen"));

  /* The recurring items, without the budget item or any decision. */
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 2);
  item = g_list_model_get_item (ref_meeting_get_items (m), 0);
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Godkendelse af dagsorden");
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (item)), ==, 0);
  last = g_list_model_get_item (ref_meeting_get_items (m), 1);
  g_assert_cmpstr (ref_agenda_item_get_title (last), ==, "Eventuelt");

  ref_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* A file that cannot be read opens no window and says why in the active one. */
static void
test_unreadable_previous (void)
{
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/referent/previous.referat");
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  RefWindow *active = ref_window_new (app, meeting, NULL);
  AdwMessageDialog *dialog;
  guint before;

  gtk_window_present (GTK_WINDOW (active));
  ref_test_iterate ();
  before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_null (ref_application_new_from_previous (app, missing));
  ref_test_iterate ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, before);
  dialog = ref_test_find_message_dialog (GTK_WINDOW (active));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "previous.referat"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ref_test_close_window (active);
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  app = ref_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/template/new-from-previous", test_new_from_previous);
  g_test_add_func ("/template/unreadable-previous", test_unreadable_previous);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
