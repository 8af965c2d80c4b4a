/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "ref-meeting-view.h"
#include "ref-xml.h"
#include "test-ui-helpers.h"

/* Drives the meeting header editor with the sample meeting through its widgets and
 * actions, and checks that every edit reaches the model and undoes. */

typedef struct {
  RefMeeting *meeting;
  GtkWindow *window;
  RefMeetingView *view;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->meeting = ref_sample_meeting_new (&error);
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 900);
  f->view = REF_MEETING_VIEW (ref_meeting_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  g_object_set (f->view, "meeting", f->meeting, NULL);
  gtk_window_present (f->window);
  ref_test_iterate ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  ref_test_iterate ();
  g_clear_object (&f->meeting);
}

/* The first descendant of @root of @type whose row title or button label is @text
 * (any, when @text is NULL). */
static GtkWidget *
find_widget (GtkWidget *root, GType type, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *label = NULL;

          if (ADW_IS_PREFERENCES_ROW (child))
            label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
          else if (GTK_IS_BUTTON (child))
            label = gtk_button_get_label (GTK_BUTTON (child));
          if (text == NULL || g_strcmp0 (label, text) == 0)
            return child;
        }
      if ((found = find_widget (child, type, text)))
        return found;
    }
  return NULL;
}

static void
collect_spins (GtkWidget *root, GPtrArray *spins)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SPIN_BUTTON (child))
      g_ptr_array_add (spins, child);
    else
      collect_spins (child, spins);
}

/* The @index-th spin button (hour 0, minute 1) of the row titled @title. */
static GtkWidget *
time_spin (Fixture *f, const char *title, guint index)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->view), ADW_TYPE_ACTION_ROW, title);
  g_autoptr (GPtrArray) spins = g_ptr_array_new ();

  g_assert_nonnull (row);
  collect_spins (row, spins);
  g_assert_cmpuint (spins->len, ==, 2);
  return g_ptr_array_index (spins, index);
}

static GtkListBox *
participant_list (Fixture *f)
{
  return GTK_LIST_BOX (ref_meeting_view_get_participant_list (f->view));
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (participant_list (f), (int) n))
    n++;
  return n;
}

static GtkWidget *
row_at (Fixture *f, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (participant_list (f), (int) index);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  return GTK_WIDGET (row);
}

static RefParticipant *
participant_at (Fixture *f, guint index)
{
  g_autoptr (RefParticipant) participant = g_list_model_get_item (ref_meeting_get_participants (f->meeting), index);

  g_assert_nonnull (participant);
  return participant; /* the meeting holds it */
}

static guint
n_absent_for_item (Fixture *f, guint number)
{
  RefAgendaItem *item = ref_meeting_find_item_by_number (f->meeting, number);
  g_autoptr (GPtrArray) absent = NULL;

  g_assert_nonnull (item);
  absent = ref_meeting_compute_absent (f->meeting, item);
  return absent->len;
}

static void
test_shows_participants (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (n_rows (f), ==, 10);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 0))), ==, "Maria Lundahl Assov (A)");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row_at (f, 1))), ==, "1. viceborgmester");
}

static void
test_edit_committee (Fixture *f, gconstpointer data)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->view), ADW_TYPE_ENTRY_ROW, "Committee");

  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Socialudvalget");
  gtk_editable_set_text (GTK_EDITABLE (row), "Børne- og Skoleudvalget");
  g_assert_cmpstr (ref_meeting_get_committee (f->meeting), ==, "Børne- og Skoleudvalget");
  ref_history_undo (ref_meeting_get_history (f->meeting));
  g_assert_cmpstr (ref_meeting_get_committee (f->meeting), ==, "Socialudvalget");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Socialudvalget");
}

static void
test_kind_and_edition (Fixture *f, gconstpointer data)
{
  AdwComboRow *kind = ADW_COMBO_ROW (find_widget (GTK_WIDGET (f->view), ADW_TYPE_COMBO_ROW, "Document"));
  AdwComboRow *edition = ADW_COMBO_ROW (find_widget (GTK_WIDGET (f->view), ADW_TYPE_COMBO_ROW, "Edition"));

  g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, REF_MEETING_KIND_MINUTES);
  adw_combo_row_set_selected (kind, 0);
  g_assert_cmpint (ref_meeting_get_kind (f->meeting), ==, REF_MEETING_KIND_AGENDA);
  adw_combo_row_set_selected (edition, 1);
  g_assert_cmpint (ref_meeting_get_edition (f->meeting), ==, REF_EDITION_INTERNAL);
  ref_meeting_set_edition (f->meeting, REF_EDITION_PUBLIC);
  g_assert_cmpuint (adw_combo_row_get_selected (edition), ==, 0);
}

/* Picking a date keeps the times; changing a time keeps the date; all wall-clock in
 * the UTC zone. */
static void
test_date_and_times (Fixture *f, gconstpointer data)
{
  GtkCalendar *calendar = GTK_CALENDAR (find_widget (GTK_WIDGET (f->view), GTK_TYPE_CALENDAR, NULL));
  GtkWidget *start_hour, *start_minute, *end_hour;
  g_autoptr (GDateTime) day = g_date_time_new_local (2025, 6, 10, 12, 0, 0);
  g_autofree char *start_text = NULL, *end_text = NULL;

  g_assert_nonnull (calendar);
  gtk_calendar_select_day (calendar, day);
  start_text = g_date_time_format_iso8601 (ref_meeting_get_start (f->meeting));
  g_assert_cmpstr (start_text, ==, "2025-06-10T13:00:00Z");

  start_hour = time_spin (f, "Start time", 0);
  start_minute = time_spin (f, "Start time", 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (start_hour), 14);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (start_minute), 30);
  g_clear_pointer (&start_text, g_free);
  start_text = g_date_time_format_iso8601 (ref_meeting_get_start (f->meeting));
  g_assert_cmpstr (start_text, ==, "2025-06-10T14:30:00Z");
  g_assert_true (g_date_time_get_utc_offset (ref_meeting_get_start (f->meeting)) == 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_minute)), ==, "30");

  /* The sample has no end time: the field shows that, and setting it uses the day. */
  g_assert_null (ref_meeting_get_end (f->meeting));
  end_hour = time_spin (f, "End time", 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_hour)), ==, "--");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (end_hour), 16);
  end_text = g_date_time_format_iso8601 (ref_meeting_get_end (f->meeting));
  g_assert_cmpstr (end_text, ==, "2025-06-10T16:30:00Z");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_hour)), ==, "16");

  /* A new date moves the end along, in one undo step. */
  g_clear_pointer (&day, g_date_time_unref);
  day = g_date_time_new_local (2025, 6, 12, 12, 0, 0);
  gtk_calendar_select_day (calendar, day);
  g_clear_pointer (&end_text, g_free);
  end_text = g_date_time_format_iso8601 (ref_meeting_get_end (f->meeting));
  g_assert_cmpstr (end_text, ==, "2025-06-12T16:30:00Z");
  ref_history_undo (ref_meeting_get_history (f->meeting));
  g_clear_pointer (&start_text, g_free);
  start_text = g_date_time_format_iso8601 (ref_meeting_get_start (f->meeting));
  g_assert_cmpstr (start_text, ==, "2025-06-10T14:30:00Z");

  gtk_widget_activate_action (GTK_WIDGET (f->view), "meeting.clear-end-time", NULL);
  g_assert_null (ref_meeting_get_end (f->meeting));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_hour)), ==, "--");
}

static void
test_toggle_absent_and_undo (Fixture *f, gconstpointer data)
{
  RefParticipant *maria = participant_at (f, 0);
  GtkWidget *row = row_at (f, 0);
  GtkWidget *present = find_widget (row, GTK_TYPE_TOGGLE_BUTTON, "Present");
  GtkWidget *absent = find_widget (row, GTK_TYPE_TOGGLE_BUTTON, "Absent");
  GtkWidget *without_notice = find_widget (row, ADW_TYPE_ACTION_ROW, "Without notice");
  guint before = n_absent_for_item (f, 1);

  g_assert_nonnull (present);
  g_assert_nonnull (absent);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (present)));
  g_assert_false (gtk_widget_get_visible (without_notice));

  g_signal_emit_by_name (absent, "clicked");
  g_assert_cmpint (ref_participant_get_attendance (maria), ==, REF_ATTENDANCE_ABSENT);
  g_assert_cmpuint (n_absent_for_item (f, 1), ==, before + 1);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (present)));
  g_assert_true (gtk_widget_get_visible (without_notice));

  ref_history_undo (ref_meeting_get_history (f->meeting));
  g_assert_cmpint (ref_participant_get_attendance (maria), ==, REF_ATTENDANCE_PRESENT);
  g_assert_cmpuint (n_absent_for_item (f, 1), ==, before);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (present)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (absent)));
  g_assert_false (gtk_widget_get_visible (without_notice));
}

static void
test_without_notice (Fixture *f, gconstpointer data)
{
  RefParticipant *p = participant_at (f, 2);
  GtkWidget *row = row_at (f, 2);
  GtkWidget *notice_row = find_widget (row, ADW_TYPE_ACTION_ROW, "Without notice");
  GtkWidget *check = find_widget (notice_row, GTK_TYPE_CHECK_BUTTON, NULL);

  g_signal_emit_by_name (find_widget (row, GTK_TYPE_TOGGLE_BUTTON, "Absent"), "clicked");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpint (ref_participant_get_notice (p), ==, REF_NOTICE_WITHOUT);
  ref_history_undo (ref_meeting_get_history (f->meeting));
  g_assert_cmpint (ref_participant_get_notice (p), ==, REF_NOTICE_WITH);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

static void
test_add_participant (Fixture *f, gconstpointer data)
{
  RefParticipant *added;
  GtkWidget *row, *name, *focus;

  gtk_widget_activate_action (GTK_WIDGET (f->view), "meeting.add-participant", NULL);
  ref_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 11);
  added = participant_at (f, 10);
  g_assert_cmpint (ref_participant_get_attendance (added), ==, REF_ATTENDANCE_PRESENT);

  row = row_at (f, 10);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  name = find_widget (row, ADW_TYPE_ENTRY_ROW, "Name");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == name || gtk_widget_is_ancestor (focus, name));

  gtk_editable_set_text (GTK_EDITABLE (name), "Ny Deltager");
  g_assert_cmpstr (ref_participant_get_name (added), ==, "Ny Deltager");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Ny Deltager");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (row, ADW_TYPE_ENTRY_ROW, "Party")), "F & Ø");
  g_assert_cmpstr (ref_participant_get_party (added), ==, "F & Ø");
  /* The title is markup: the ampersand is escaped, not lost. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Ny Deltager (F &amp; Ø)");

  ref_history_undo (ref_meeting_get_history (f->meeting)); /* party */
  ref_history_undo (ref_meeting_get_history (f->meeting)); /* name */
  ref_history_undo (ref_meeting_get_history (f->meeting)); /* the participant */
  g_assert_cmpuint (n_rows (f), ==, 10);
}

static void
test_remove_participant (Fixture *f, gconstpointer data)
{
  g_autoptr (RefParticipant) lolan = g_object_ref (participant_at (f, 2));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "meeting.remove-participant", "u", 2);
  ref_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 9);
  g_assert_null (ref_meeting_find_participant (f->meeting, "Lolan Marianne Ottesen"));

  ref_history_undo (ref_meeting_get_history (f->meeting));
  ref_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 10);
  g_assert_true (participant_at (f, 2) == lolan);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 2))), ==, "Lolan Marianne Ottesen (A)");
}

static void
test_move_participant (Fixture *f, gconstpointer data)
{
  RefParticipant *first = participant_at (f, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "meeting.move-participant-down", "u", 0);
  g_assert_true (participant_at (f, 1) == first);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "meeting.move-participant-up", "u", 9); /* last one up */
  g_assert_cmpstr (ref_participant_get_name (participant_at (f, 8)), ==, "Stine Margrethe Hollendsted");
  /* Out of range: nothing happens. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "meeting.move-participant-up", "u", 0);
  g_assert_cmpstr (ref_participant_get_name (participant_at (f, 0)), ==, "Johan Müller");

  ref_history_undo (ref_meeting_get_history (f->meeting));
  ref_history_undo (ref_meeting_get_history (f->meeting));
  g_assert_true (participant_at (f, 0) == first);
  g_assert_cmpuint (n_rows (f), ==, 10);
}

static void
test_attended_items (Fixture *f, gconstpointer data)
{
  RefParticipant *p = participant_at (f, 3);
  GtkWidget *row = row_at (f, 3);
  GtkWidget *items = find_widget (row, ADW_TYPE_ENTRY_ROW, "Attended items");
  GArray *attended;

  g_assert_false (gtk_widget_get_visible (items));
  g_signal_emit_by_name (find_widget (row, GTK_TYPE_TOGGLE_BUTTON, "Partial"), "clicked");
  g_assert_cmpint (ref_participant_get_attendance (p), ==, REF_ATTENDANCE_PARTIAL);
  g_assert_true (gtk_widget_get_visible (items));

  gtk_editable_set_text (GTK_EDITABLE (items), "1, 3");
  attended = ref_participant_get_attended_items (p);
  g_assert_nonnull (attended);
  g_assert_cmpuint (attended->len, ==, 2);
  g_assert_cmpuint (g_array_index (attended, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (attended, guint, 1), ==, 3);
  g_assert_false (gtk_widget_has_css_class (items, "error"));

  /* Not a list of numbers: marked, and the model keeps the last good value. */
  gtk_editable_set_text (GTK_EDITABLE (items), "1, x");
  g_assert_true (gtk_widget_has_css_class (items, "error"));
  g_assert_cmpuint (ref_participant_get_attended_items (p)->len, ==, 2);

  /* A change in the model shows in the field. */
  {
    g_autoptr (GArray) numbers = ref_meeting_view_parse_item_numbers ("2, 4-6");
    ref_participant_set_attended_items (p, numbers);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (items)), ==, "2, 4–6");
  g_assert_false (gtk_widget_has_css_class (items, "error"));
}

/* The certificate a member approves with: pasted with or without colons, stored in
 * the one form; a wrong length is marked and not stored. */
static void
test_certificate (Fixture *f, gconstpointer data)
{
  RefParticipant *p = participant_at (f, 1);
  GtkWidget *row = row_at (f, 1);
  GtkWidget *field = find_widget (row, ADW_TYPE_ENTRY_ROW, "Approval certificate (SHA-256)");
  const char *pasted = "3a91c40e000102030405060708090a0b0c0d0e0f101112131415161718191a1b";

  g_assert_nonnull (field);
  gtk_editable_set_text (GTK_EDITABLE (field), pasted);
  g_assert_cmpstr (ref_participant_get_certificate (p), ==,
                   "3A:91:C4:0E:00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B");
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  gtk_editable_set_text (GTK_EDITABLE (field), "3A:91:C4");
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  g_assert_true (g_str_has_prefix (ref_participant_get_certificate (p), "3A:91:C4:0E:00"));
  gtk_editable_set_text (GTK_EDITABLE (field), "");
  g_assert_cmpstr (ref_participant_get_certificate (p), ==, "");
  g_assert_false (gtk_widget_has_css_class (field, "error"));
}

static void
test_parse_item_numbers (void)
{
  struct {
    const char *text;
    const char *formatted; /* NULL: not valid */
  } cases[] = {
    { "", "" },
    { "1, 3", "1, 3" },
    { " 3,1 ,3 ", "1, 3" },
    { "5-7, 2", "2, 5–7" },
    { "5 – 7; 9", "5–7, 9" },
    { "1,2", "1, 2" },
    { "1,,2,", "1, 2" },
    { "x", NULL },
    { "0", NULL },
    { "3-1", NULL },
    { "1 2", NULL },
    { "-4", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GArray) numbers = ref_meeting_view_parse_item_numbers (cases[i].text);
      g_autofree char *formatted = numbers ? ref_meeting_view_format_item_numbers (numbers) : NULL;

      g_assert_cmpstr (formatted, ==, cases[i].formatted);
    }
}

static void
test_set_meeting_null (Fixture *f, gconstpointer data)
{
  GtkWidget *committee = find_widget (GTK_WIDGET (f->view), ADW_TYPE_ENTRY_ROW, "Committee");

  ref_meeting_view_set_meeting (f->view, NULL);
  g_assert_null (ref_meeting_view_get_meeting (f->view));
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (committee)), ==, "");
  /* The meeting is untouched by the view letting go of it. */
  g_assert_cmpstr (ref_meeting_get_committee (f->meeting), ==, "Socialudvalget");
  g_assert_false (ref_history_get_can_undo (ref_meeting_get_history (f->meeting)));
  ref_meeting_view_set_meeting (f->view, f->meeting);
  g_assert_cmpuint (n_rows (f), ==, 10);
  g_assert_false (ref_history_get_can_undo (ref_meeting_get_history (f->meeting)));
}

/* The minutes' language: Danish unless set, English chosen in the row goes to the
 * file's meeting/@language, another language from a file selects neither and stays. */
static void
test_language (Fixture *f, gconstpointer data)
{
  AdwComboRow *row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (f->view), REF_TYPE_MEETING_VIEW,
                                                                   "language_row"));

  g_assert_cmpstr (ref_meeting_get_language (f->meeting), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  adw_combo_row_set_selected (row, 1);
  g_assert_cmpstr (ref_meeting_get_language (f->meeting), ==, "en");
  ref_history_undo (ref_meeting_get_history (f->meeting));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  ref_meeting_set_language (f->meeting, "de");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (ref_meeting_get_language (f->meeting), ==, "de");
  ref_meeting_set_language (f->meeting, "en-GB");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/meeting-view/participants", test_shows_participants);
  ADD ("/meeting-view/committee", test_edit_committee);
  ADD ("/meeting-view/kind-edition", test_kind_and_edition);
  ADD ("/meeting-view/language", test_language);
  ADD ("/meeting-view/date-times", test_date_and_times);
  ADD ("/meeting-view/absent-undo", test_toggle_absent_and_undo);
  ADD ("/meeting-view/without-notice", test_without_notice);
  ADD ("/meeting-view/add", test_add_participant);
  ADD ("/meeting-view/remove-undo", test_remove_participant);
  ADD ("/meeting-view/move", test_move_participant);
  ADD ("/meeting-view/attended-items", test_attended_items);
  ADD ("/meeting-view/certificate", test_certificate);
  ADD ("/meeting-view/set-null", test_set_meeting_null);
  g_test_add_func ("/meeting-view/parse-item-numbers", test_parse_item_numbers);
  return g_test_run ();
}
