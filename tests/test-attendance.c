/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"

/* Per-item absence is derived from meeting-level attendance (issue 9). A meeting of
 * items 82..91 (running numbers) and a few participants. */

typedef struct {
  RefMeeting *meeting;
  RefParticipant *p[4];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *names[] = { "Allan Petersen", "Birgit Jakobsen", "Bent Poulsen", "Merete Skovgaard Jensen" };

  f->meeting = ref_meeting_new ();
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
      ref_agenda_item_set_number (item, 82 + i);
      ref_meeting_add_item (f->meeting, item);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      f->p[i] = ref_participant_new ();
      ref_participant_set_name (f->p[i], names[i]);
      ref_participant_set_attendance (f->p[i], REF_ATTENDANCE_PRESENT);
      ref_meeting_add_participant (f->meeting, f->p[i]);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->p); i++)
    g_object_unref (f->p[i]);
  g_object_unref (f->meeting);
}

static gboolean
present (Fixture *f, RefParticipant *p, guint number)
{
  return ref_meeting_is_present_for_item (f->meeting, p, ref_meeting_find_item_by_number (f->meeting, number));
}

/* Which of 82..91 @p is absent for, as a string "84,85". */
static char *
absent_items (Fixture *f, RefParticipant *p)
{
  GString *out = g_string_new (NULL);

  for (guint n = 82; n <= 91; n++)
    if (!present (f, p, n))
      g_string_append_printf (out, "%s%u", out->len ? "," : "", n);
  return g_string_free (out, FALSE);
}

static void
test_present_by_default (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = absent_items (f, f->p[0]);
  g_assert_cmpstr (absent, ==, "");
}

static void
test_absent_all (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = NULL;
  g_autoptr (GPtrArray) list = NULL;

  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  ref_participant_set_notice (f->p[0], REF_NOTICE_WITHOUT);
  absent = absent_items (f, f->p[0]);
  g_assert_cmpstr (absent, ==, "82,83,84,85,86,87,88,89,90,91");
  list = ref_meeting_compute_absent (f->meeting, ref_meeting_find_item_by_number (f->meeting, 85));
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (g_ptr_array_index (list, 0) == f->p[0]);
}

/* "Birgit Jakobsen deltog ved punkterne 82, 88 og 89". */
static void
test_attended_items (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));
  guint numbers[] = { 82, 88, 89 };
  g_autofree char *absent = NULL;

  g_array_append_vals (items, numbers, 3);
  ref_participant_set_attendance (f->p[1], REF_ATTENDANCE_PARTIAL);
  ref_participant_set_attended_items (f->p[1], items);
  absent = absent_items (f, f->p[1]);
  g_assert_cmpstr (absent, ==, "83,84,85,86,87,90,91");
}

/* Leaves before the fifth item and comes back before the eighth. */
static void
test_leaves_and_returns (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = NULL;

  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 86, FALSE, 18 * 60 + 40);
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_ARRIVED, 89, FALSE, -1);
  absent = absent_items (f, f->p[2]);
  g_assert_cmpstr (absent, ==, "86,87,88");
}

/* Leaving during an item: not there for its decision. */
static void
test_left_during (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = NULL;

  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 83, TRUE, 18 * 60 + 40);
  absent = absent_items (f, f->p[2]);
  g_assert_cmpstr (absent, ==, "83,84,85,86,87,88,89,90,91");
}

/* Arriving during an item: there for its decision; absent before. */
static void
test_arrived_during (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = NULL;

  ref_participant_add_movement (f->p[3], REF_MOVEMENT_KIND_ARRIVED, 84, TRUE, -1);
  absent = absent_items (f, f->p[3]);
  g_assert_cmpstr (absent, ==, "82,83");
}

/* A time without an item cannot be placed and changes nothing. */
static void
test_time_only (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = NULL;

  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_LEFT, 0, FALSE, 20 * 60);
  absent = absent_items (f, f->p[0]);
  g_assert_cmpstr (absent, ==, "");
}

/* An item number that is not in the meeting is ignored. */
static void
test_unknown_item_ignored (Fixture *f, gconstpointer data)
{
  g_autofree char *absent = NULL;

  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_LEFT, 999, FALSE, -1);
  absent = absent_items (f, f->p[0]);
  g_assert_cmpstr (absent, ==, "");
}

static void
test_disqualified (Fixture *f, gconstpointer data)
{
  RefAgendaItem *item = ref_meeting_find_item_by_number (f->meeting, 85);
  g_autoptr (RefDisqualification) d = ref_disqualification_new ();
  g_autofree char *absent = NULL;

  ref_disqualification_set_participant (d, f->p[0]);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), d);
  absent = absent_items (f, f->p[0]);
  g_assert_cmpstr (absent, ==, "85");
  /* Disqualified but stayed in the room: present. */
  ref_disqualification_set_left (d, FALSE);
  g_assert_true (present (f, f->p[0], 85));
}

static void
test_override (Fixture *f, gconstpointer data)
{
  RefAgendaItem *item = ref_meeting_find_item_by_number (f->meeting, 84);
  g_autoptr (GPtrArray) derived = NULL;
  g_autoptr (GPtrArray) overridden = NULL;
  g_autoptr (GPtrArray) nobody = NULL;

  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  derived = ref_meeting_compute_absent (f->meeting, item);
  g_assert_cmpuint (derived->len, ==, 1);
  ref_agenda_item_set_absence_overridden (item, TRUE);
  /* An empty override: nobody absent for this item. */
  nobody = ref_meeting_compute_absent (f->meeting, item);
  g_assert_cmpuint (nobody->len, ==, 0);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (item)), f->p[3]);
  overridden = ref_meeting_compute_absent (f->meeting, item);
  g_assert_cmpuint (overridden->len, ==, 1);
  g_assert_true (g_ptr_array_index (overridden, 0) == f->p[3]);
}

static void
test_substitute (Fixture *f, gconstpointer data)
{
  g_autoptr (RefParticipant) s = ref_participant_new ();
  g_autoptr (GPtrArray) absent = NULL;

  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  ref_participant_set_name (s, "Sofie Suppleant");
  ref_participant_set_participant_type (s, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  ref_participant_set_attendance (s, REF_ATTENDANCE_PRESENT);
  ref_participant_set_substitute_for (s, f->p[0]);
  ref_participant_set_substitute_approved (s, TRUE);
  ref_meeting_add_participant (f->meeting, s);
  g_assert_true (ref_meeting_find_substitute (f->meeting, f->p[0]) == s);
  absent = ref_meeting_compute_absent (f->meeting, ref_meeting_find_item_by_number (f->meeting, 82));
  g_assert_cmpuint (absent->len, ==, 1);
  g_assert_true (g_ptr_array_index (absent, 0) == f->p[0]);
}

/* Movements are placed by list position, not by number: after a move, they follow. */
static void
test_order_by_position (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;

  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 90, FALSE, -1);
  before = absent_items (f, f->p[2]);
  g_assert_cmpstr (before, ==, "90,91");
  /* Item 90 moves to the front: leaving before it means leaving before everything. */
  ref_meeting_move_item (f->meeting, 8, 0);
  after = absent_items (f, f->p[2]);
  g_assert_cmpstr (after, ==, "82,83,84,85,86,87,88,89,90,91");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/attendance/present-by-default", test_present_by_default);
  ADD ("/attendance/absent-all", test_absent_all);
  ADD ("/attendance/attended-items", test_attended_items);
  ADD ("/attendance/leaves-and-returns", test_leaves_and_returns);
  ADD ("/attendance/left-during", test_left_during);
  ADD ("/attendance/arrived-during", test_arrived_during);
  ADD ("/attendance/time-only", test_time_only);
  ADD ("/attendance/unknown-item", test_unknown_item_ignored);
  ADD ("/attendance/disqualified", test_disqualified);
  ADD ("/attendance/override", test_override);
  ADD ("/attendance/substitute", test_substitute);
  ADD ("/attendance/order-by-position", test_order_by_position);
#undef ADD

  return g_test_run ();
}
