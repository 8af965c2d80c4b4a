/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"

/* Per-item absence is derived from meeting-level attendance (FORMAT.md, "Derived
 * attendance"): attendance, attended items, movements, disqualifications, and the
 * item's own override. The fixture is a meeting of items 1..10, or of running numbers
 * 82..96, with four members who are present. */

typedef struct {
  guint first, count;
} Numbering;

static const Numbering plain_numbers = { 1, 10 };
static const Numbering running_numbers = { 82, 15 };

typedef struct {
  RefMeeting *meeting;
  RefParticipant *p[4];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const Numbering *numbering = data;
  const char *names[] = { "Allan Petersen", "Birgit Jakobsen", "Bent Poulsen", "Merete Skovgaard Jensen" };

  f->meeting = ref_meeting_new ();
  for (guint i = 0; i < numbering->count; i++)
    {
      g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
      g_autofree char *title = g_strdup_printf ("Punkt %u", numbering->first + i);

      ref_agenda_item_set_number (item, numbering->first + i);
      ref_agenda_item_set_title (item, title);
      ref_meeting_add_item (f->meeting, item);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      f->p[i] = ref_participant_new ();
      ref_participant_set_name (f->p[i], names[i]);
      ref_participant_set_party (f->p[i], "A");
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

static RefAgendaItem *
item (Fixture *f, guint number)
{
  RefAgendaItem *found = ref_meeting_find_item_by_number (f->meeting, number);

  g_assert_nonnull (found);
  return found;
}

static gboolean
present (Fixture *f, RefParticipant *p, guint number)
{
  return ref_meeting_is_present_for_item (f->meeting, p, item (f, number));
}

/* The numbers of the items @p is absent for, in list order, as "5,6,7". */
static char *
absent_items (Fixture *f, RefParticipant *p)
{
  GListModel *items = ref_meeting_get_items (f->meeting);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) it = g_list_model_get_item (items, i);
      if (!ref_meeting_is_present_for_item (f->meeting, p, it))
        g_string_append_printf (out, "%s%u", out->len ? "," : "", ref_agenda_item_get_number (it));
    }
  return g_string_free (out, FALSE);
}

/* ref_meeting_compute_absent() for item @number, as the names joined by ";". */
static char *
absent_names (Fixture *f, guint number)
{
  g_autoptr (GPtrArray) absent = ref_meeting_compute_absent (f->meeting, item (f, number));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < absent->len; i++)
    g_string_append_printf (out, "%s%s", out->len ? ";" : "",
                            ref_participant_get_name (g_ptr_array_index (absent, i)));
  return g_string_free (out, FALSE);
}

static void
assert_absent_items (Fixture *f, RefParticipant *p, const char *expected)
{
  g_autofree char *absent = absent_items (f, p);
  g_assert_cmpstr (absent, ==, expected);
}

static void
assert_absent_names (Fixture *f, guint number, const char *expected)
{
  g_autofree char *names = absent_names (f, number);
  g_assert_cmpstr (names, ==, expected);
}

static GArray *
uint_array (const guint *values, guint n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_vals (array, values, n);
  return array;
}

/* ---- rule 0: present unless something says otherwise ---- */

static void
test_present_by_default (Fixture *f, gconstpointer data)
{
  const Numbering *numbering = data;

  for (guint i = 0; i < G_N_ELEMENTS (f->p); i++)
    assert_absent_items (f, f->p[i], "");
  for (guint n = numbering->first; n < numbering->first + numbering->count; n++)
    assert_absent_names (f, n, "");
}

/* Unknown or partial attendance without details is not absence. */
static void
test_unknown_attendance_present (Fixture *f, gconstpointer data)
{
  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_UNKNOWN);
  ref_participant_set_attendance (f->p[1], REF_ATTENDANCE_PARTIAL);
  assert_absent_items (f, f->p[0], "");
  assert_absent_items (f, f->p[1], "");
}

/* ---- rule 1: attendance="absent" ---- */

static void
test_absent_with_notice (Fixture *f, gconstpointer data)
{
  ref_participant_set_attendance (f->p[1], REF_ATTENDANCE_ABSENT);
  ref_participant_set_notice (f->p[1], REF_NOTICE_WITH);
  assert_absent_items (f, f->p[1], "1,2,3,4,5,6,7,8,9,10");
  assert_absent_names (f, 1, "Birgit Jakobsen");
  assert_absent_names (f, 10, "Birgit Jakobsen");
  assert_absent_items (f, f->p[0], "");
}

static void
test_absent_without_notice (Fixture *f, gconstpointer data)
{
  ref_participant_set_attendance (f->p[2], REF_ATTENDANCE_ABSENT);
  ref_participant_set_notice (f->p[2], REF_NOTICE_WITHOUT);
  assert_absent_items (f, f->p[2], "1,2,3,4,5,6,7,8,9,10");
  assert_absent_names (f, 5, "Bent Poulsen");
}

/* Absence wins over any movement. */
static void
test_absent_ignores_movements (Fixture *f, gconstpointer data)
{
  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_ARRIVED, 3, FALSE, -1);
  assert_absent_items (f, f->p[0], "1,2,3,4,5,6,7,8,9,10");
}

/* ---- rule 2: attended-items ---- */

/* "Birgit Jakobsen deltog ved punkterne 82, 88 og 89". */
static void
test_attended_items (Fixture *f, gconstpointer data)
{
  const guint numbers[] = { 82, 88, 89 };
  g_autoptr (GArray) attended = uint_array (numbers, G_N_ELEMENTS (numbers));

  ref_participant_set_attendance (f->p[1], REF_ATTENDANCE_PARTIAL);
  ref_participant_set_attended_items (f->p[1], attended);
  g_assert_true (present (f, f->p[1], 82));
  g_assert_false (present (f, f->p[1], 83));
  g_assert_true (present (f, f->p[1], 88));
  g_assert_true (present (f, f->p[1], 89));
  assert_absent_items (f, f->p[1], "83,84,85,86,87,90,91,92,93,94,95,96");
  assert_absent_names (f, 82, "");
  assert_absent_names (f, 83, "Birgit Jakobsen");
}

/* An empty list means no restriction. */
static void
test_attended_items_empty (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) attended = g_array_new (FALSE, FALSE, sizeof (guint));

  ref_participant_set_attended_items (f->p[1], attended);
  assert_absent_items (f, f->p[1], "");
}

/* ---- rule 3: movements ---- */

/* Leaves before item 5 and comes back before item 8: absent for 5, 6 and 7. */
static void
test_leaves_and_returns (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 5, FALSE, 18 * 60 + 40);
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_ARRIVED, 8, FALSE, -1);
  assert_absent_items (f, f->p[2], "5,6,7");
  assert_absent_names (f, 4, "");
  assert_absent_names (f, 5, "Bent Poulsen");
  assert_absent_names (f, 7, "Bent Poulsen");
  assert_absent_names (f, 8, "");
}

/* The same with running numbers: the fifth item is 86, the eighth 89. */
static void
test_leaves_and_returns_running (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 86, FALSE, 18 * 60 + 40);
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_ARRIVED, 89, FALSE, -1);
  assert_absent_items (f, f->p[2], "86,87,88");
}

/* Leaving during an item: gone before its decision, so absent for it. */
static void
test_left_during (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 2, TRUE, 18 * 60 + 40);
  assert_absent_items (f, f->p[2], "2,3,4,5,6,7,8,9,10");
  g_assert_true (present (f, f->p[2], 1));
}

static void
test_left_before (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 2, FALSE, -1);
  assert_absent_items (f, f->p[2], "2,3,4,5,6,7,8,9,10");
}

/* Arriving during an item: there for its decision; the first movement being an
 * arrival means absent until then. */
static void
test_arrived_during (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[3], REF_MOVEMENT_KIND_ARRIVED, 3, TRUE, 17 * 60 + 10);
  assert_absent_items (f, f->p[3], "1,2");
  assert_absent_names (f, 2, "Merete Skovgaard Jensen");
  assert_absent_names (f, 3, "");
}

static void
test_arrived_before (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[3], REF_MOVEMENT_KIND_ARRIVED, 3, FALSE, -1);
  assert_absent_items (f, f->p[3], "1,2");
}

static void
test_arrives_late_and_leaves_early (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[3], REF_MOVEMENT_KIND_ARRIVED, 3, TRUE, -1);
  ref_participant_add_movement (f->p[3], REF_MOVEMENT_KIND_LEFT, 8, FALSE, -1);
  assert_absent_items (f, f->p[3], "1,2,8,9,10");
}

/* A movement with only a time of day cannot be placed and changes nothing. */
static void
test_time_only_left (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_LEFT, 0, FALSE, 20 * 60);
  assert_absent_items (f, f->p[0], "");
}

static void
test_time_only_arrived (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_ARRIVED, 0, FALSE, 17 * 60 + 15);
  assert_absent_items (f, f->p[0], "");
}

static void
test_time_only_between (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_LEFT, 5, FALSE, -1);
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_ARRIVED, 0, FALSE, 19 * 60);
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_ARRIVED, 8, FALSE, -1);
  assert_absent_items (f, f->p[0], "5,6,7");
}

/* A movement naming an item number that is not on the agenda is ignored. */
static void
test_unknown_item_left (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_LEFT, 99, FALSE, -1);
  assert_absent_items (f, f->p[0], "");
}

static void
test_unknown_item_arrived (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_ARRIVED, 99, FALSE, -1);
  assert_absent_items (f, f->p[0], "");
}

static void
test_unknown_item_between (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_LEFT, 5, FALSE, -1);
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_ARRIVED, 42, FALSE, -1);
  ref_participant_add_movement (f->p[0], REF_MOVEMENT_KIND_ARRIVED, 8, FALSE, -1);
  assert_absent_items (f, f->p[0], "5,6,7");
}

/* Movements are placed by the item's position in the list, not its number: after a
 * move they follow the item. */
static void
test_order_by_position (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_LEFT, 5, FALSE, -1);
  assert_absent_items (f, f->p[2], "5,6,7,8,9,10");
  /* Item 9 is taken first: it was dealt with before he left. */
  ref_meeting_move_item (f->meeting, 8, 0);
  assert_absent_items (f, f->p[2], "5,6,7,8,10");
  g_assert_true (present (f, f->p[2], 9));
  /* Item 5 is taken last: he left before it, after all the others. */
  ref_meeting_move_item (f->meeting, 5, 9);
  assert_absent_items (f, f->p[2], "5");
}

static void
test_order_by_position_running (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[2], REF_MOVEMENT_KIND_ARRIVED, 90, FALSE, -1);
  assert_absent_items (f, f->p[2], "82,83,84,85,86,87,88,89");
  /* Item 90 moves to the front: he was there from the first item taken. */
  ref_meeting_move_item (f->meeting, 8, 0);
  assert_absent_items (f, f->p[2], "");
}

/* ---- rule 4: disqualification ---- */

static RefDisqualification *
disqualify (Fixture *f, RefParticipant *p, guint number, gboolean left)
{
  g_autoptr (RefDisqualification) d = ref_disqualification_new ();

  ref_disqualification_set_participant (d, p);
  ref_disqualification_set_reason (d, "Nær familie til ansøger");
  ref_disqualification_set_left (d, left);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item (f, number))), d);
  return d; /* the item keeps it */
}

static void
test_disqualified_left (Fixture *f, gconstpointer data)
{
  disqualify (f, f->p[0], 5, TRUE);
  assert_absent_items (f, f->p[0], "5");
  assert_absent_names (f, 5, "Allan Petersen");
  assert_absent_names (f, 6, "");
}

/* Disqualified but stayed in the room: present. */
static void
test_disqualified_stayed (Fixture *f, gconstpointer data)
{
  RefDisqualification *d = disqualify (f, f->p[0], 5, FALSE);

  assert_absent_items (f, f->p[0], "");
  ref_disqualification_set_left (d, TRUE);
  assert_absent_items (f, f->p[0], "5");
}

/* ---- rule 5: the item's override ---- */

static void
test_override_replaces (Fixture *f, gconstpointer data)
{
  RefAgendaItem *it = item (f, 4);

  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  assert_absent_names (f, 4, "Allan Petersen");
  ref_agenda_item_set_absence_overridden (it, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (it)), f->p[3]);
  assert_absent_names (f, 4, "Merete Skovgaard Jensen");
  /* Other items keep the derived list. */
  assert_absent_names (f, 3, "Allan Petersen");
}

/* An empty override: nobody absent for this item. */
static void
test_override_empty (Fixture *f, gconstpointer data)
{
  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  ref_agenda_item_set_absence_overridden (item (f, 4), TRUE);
  assert_absent_names (f, 4, "");
  assert_absent_names (f, 5, "Allan Petersen");
}

/* The override list counts only while the override is switched on. */
static void
test_override_off (Fixture *f, gconstpointer data)
{
  RefAgendaItem *it = item (f, 4);

  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (it)), f->p[3]);
  assert_absent_names (f, 4, "");
  ref_agenda_item_set_absence_overridden (it, TRUE);
  assert_absent_names (f, 4, "Merete Skovgaard Jensen");
  ref_agenda_item_set_absence_overridden (it, FALSE);
  assert_absent_names (f, 4, "");
}

/* ---- substitutes ---- */

static RefParticipant *
add_substitute (Fixture *f, RefParticipant *member, const char *name)
{
  g_autoptr (RefParticipant) s = ref_participant_new ();

  ref_participant_set_name (s, name);
  ref_participant_set_participant_type (s, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  ref_participant_set_attendance (s, REF_ATTENDANCE_PRESENT);
  ref_participant_set_substitute_for (s, member);
  ref_participant_set_substitute_approved (s, TRUE);
  ref_meeting_add_participant (f->meeting, s);
  return s; /* the meeting keeps it */
}

static void
test_substitute (Fixture *f, gconstpointer data)
{
  RefParticipant *s;

  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  s = add_substitute (f, f->p[0], "Sofie Suppleant");
  g_assert_true (ref_meeting_find_substitute (f->meeting, f->p[0]) == s);
  g_assert_null (ref_meeting_find_substitute (f->meeting, f->p[1]));
  assert_absent_items (f, s, "");
  assert_absent_items (f, f->p[0], "1,2,3,4,5,6,7,8,9,10");
  assert_absent_names (f, 1, "Allan Petersen");
}

/* The member leaves before item 4 and the substitute takes over from there. */
static void
test_substitute_takes_over (Fixture *f, gconstpointer data)
{
  RefParticipant *s = add_substitute (f, f->p[1], "Sofie Suppleant");

  ref_participant_set_attendance (f->p[1], REF_ATTENDANCE_PARTIAL);
  ref_participant_add_movement (f->p[1], REF_MOVEMENT_KIND_LEFT, 4, FALSE, -1);
  ref_participant_set_attendance (s, REF_ATTENDANCE_PARTIAL);
  ref_participant_add_movement (s, REF_MOVEMENT_KIND_ARRIVED, 4, FALSE, -1);
  assert_absent_items (f, f->p[1], "4,5,6,7,8,9,10");
  assert_absent_items (f, s, "1,2,3");
  assert_absent_names (f, 3, "Sofie Suppleant");
  assert_absent_names (f, 4, "Birgit Jakobsen");
}

/* ---- the absent list ---- */

/* In participant order, whatever made each one absent. */
static void
test_compute_absent_order (Fixture *f, gconstpointer data)
{
  ref_participant_add_movement (f->p[3], REF_MOVEMENT_KIND_LEFT, 2, TRUE, -1);
  disqualify (f, f->p[2], 6, TRUE);
  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  assert_absent_names (f, 1, "Allan Petersen");
  assert_absent_names (f, 6, "Allan Petersen;Bent Poulsen;Merete Skovgaard Jensen");
  assert_absent_names (f, 7, "Allan Petersen;Merete Skovgaard Jensen");
}


/* ---- recorded live (ref-meeting-live.h) ---- */

static RefMovement *
movement_at (RefParticipant *p, guint i)
{
  g_autoptr (RefMovement) m = g_list_model_get_item (ref_participant_get_movements (p), i);
  return m; /* the list holds it */
}

/* "Left now" during item 5 at 18:40 and "arrived now" before item 8: the absence
 * lines derive; each click is one undo step, and undoing both leaves no trace. */
static void
test_live_left_and_back (Fixture *f, gconstpointer data)
{
  const Numbering *numbering = data;
  RefHistory *history = ref_meeting_get_history (f->meeting);
  guint fifth = numbering->first + 4, eighth = numbering->first + 7;
  RefMovement *m;
  guint depth;

  ref_history_mark_clean (history);
  depth = ref_history_get_undo_depth (history);
  m = ref_meeting_record_movement (f->meeting, f->p[2], REF_MOVEMENT_KIND_LEFT, item (f, fifth), TRUE, 18 * 60 + 40);
  g_assert_cmpuint (ref_movement_get_item (m), ==, fifth);
  g_assert_true (ref_movement_get_during (m));
  g_assert_cmpint (ref_movement_get_time (m), ==, 18 * 60 + 40);
  ref_meeting_record_movement (f->meeting, f->p[2], REF_MOVEMENT_KIND_ARRIVED, item (f, eighth), FALSE, 19 * 60 + 5);
  g_assert_cmpint (ref_participant_get_attendance (f->p[2]), ==, REF_ATTENDANCE_PARTIAL);
  g_assert_cmpuint (ref_history_get_undo_depth (history), ==, depth + 2);
  assert_absent_names (f, fifth - 1, "");
  assert_absent_names (f, fifth, "Bent Poulsen");
  assert_absent_names (f, eighth - 1, "Bent Poulsen");
  assert_absent_names (f, eighth, "");

  g_assert_true (ref_history_undo (history));
  assert_absent_names (f, eighth, "Bent Poulsen");
  g_assert_true (ref_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (ref_participant_get_movements (f->p[2])), ==, 0);
  g_assert_cmpint (ref_participant_get_attendance (f->p[2]), ==, REF_ATTENDANCE_PRESENT);
  assert_absent_items (f, f->p[2], "");
  g_assert_false (ref_history_get_modified (history));
}

/* Going back to an earlier item and recording there still counts there: movements
 * are kept in agenda order, not in the order they were clicked. */
static void
test_live_recorded_out_of_order (Fixture *f, gconstpointer data)
{
  ref_meeting_record_movement (f->meeting, f->p[2], REF_MOVEMENT_KIND_ARRIVED, item (f, 8), FALSE, -1);
  ref_meeting_record_movement (f->meeting, f->p[2], REF_MOVEMENT_KIND_LEFT, item (f, 5), TRUE, -1);
  ref_meeting_record_movement (f->meeting, f->p[2], REF_MOVEMENT_KIND_LEFT, item (f, 8), TRUE, -1);
  g_assert_cmpuint (ref_movement_get_item (movement_at (f->p[2], 0)), ==, 5);
  g_assert_cmpuint (ref_movement_get_item (movement_at (f->p[2], 1)), ==, 8);
  g_assert_false (ref_movement_get_during (movement_at (f->p[2], 1)));
  g_assert_true (ref_movement_get_during (movement_at (f->p[2], 2)));
  assert_absent_items (f, f->p[2], "5,6,7,8,9,10");
}

/* Someone who sent apologies and came after all, during item 3. */
static void
test_live_apologies_then_arrives (Fixture *f, gconstpointer data)
{
  ref_participant_set_attendance (f->p[0], REF_ATTENDANCE_ABSENT);
  ref_meeting_record_movement (f->meeting, f->p[0], REF_MOVEMENT_KIND_ARRIVED, item (f, 3), TRUE, 17 * 60 + 10);
  assert_absent_items (f, f->p[0], "1,2");
}

/* A member leaves before item 4 and a substitute is added on the spot: placed after
 * the member, there from item 4; one undo removes the substitute and its arrival. */
static void
test_live_substitute (Fixture *f, gconstpointer data)
{
  RefHistory *history = ref_meeting_get_history (f->meeting);
  GListModel *participants = ref_meeting_get_participants (f->meeting);
  RefParticipant *s;
  g_autoptr (RefParticipant) second = NULL;

  ref_meeting_record_movement (f->meeting, f->p[1], REF_MOVEMENT_KIND_LEFT, item (f, 4), FALSE, 14 * 60);
  s = ref_meeting_add_substitute (f->meeting, "Sofie Suppleant", "A", f->p[1], item (f, 4), FALSE, 14 * 60 + 2);
  second = g_list_model_get_item (participants, 2);
  g_assert_true (second == s);
  g_assert_true (ref_participant_get_substitute_for (s) == f->p[1]);
  g_assert_cmpint (ref_participant_get_participant_type (s), ==, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  g_assert_cmpstr (ref_participant_get_party (s), ==, "A");
  assert_absent_items (f, s, "1,2,3");
  assert_absent_items (f, f->p[1], "4,5,6,7,8,9,10");
  assert_absent_names (f, 4, "Birgit Jakobsen");

  g_assert_true (ref_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 4);
  assert_absent_items (f, f->p[1], "4,5,6,7,8,9,10");

  /* Without an arrival: there from the start. */
  s = ref_meeting_add_substitute (f->meeting, "Sofie Suppleant", NULL, f->p[1], NULL, FALSE, -1);
  g_assert_cmpuint (g_list_model_get_n_items (ref_participant_get_movements (s)), ==, 0);
  assert_absent_items (f, s, "");
}

/* A new decision is the committee's, on the meeting's date; one undo step. */
static void
test_live_add_decision (Fixture *f, gconstpointer data)
{
  RefHistory *history = ref_meeting_get_history (f->meeting);
  g_autoptr (GDateTime) start = g_date_time_new_utc (2025, 5, 6, 13, 0, 0);
  RefDecision *d;
  g_autofree char *date = NULL;

  ref_meeting_set_committee (f->meeting, "Socialudvalget");
  ref_meeting_set_start (f->meeting, start);
  d = ref_meeting_add_decision (f->meeting, item (f, 2));
  date = g_date_time_format (ref_decision_get_date (d), "%F %R");
  g_assert_cmpstr (ref_decision_get_deciding_body (d), ==, "Socialudvalget");
  g_assert_cmpstr (date, ==, "2025-05-06 00:00");
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (item (f, 2))), ==, 1);
  g_assert_true (ref_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (item (f, 2))), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, numbering, func) \
  g_test_add (path, Fixture, &numbering, fixture_set_up, func, fixture_tear_down)
  ADD ("/attendance/present-by-default", plain_numbers, test_present_by_default);
  ADD ("/attendance/present-by-default-running", running_numbers, test_present_by_default);
  ADD ("/attendance/unknown-attendance-present", plain_numbers, test_unknown_attendance_present);
  ADD ("/attendance/absent/with-notice", plain_numbers, test_absent_with_notice);
  ADD ("/attendance/absent/without-notice", plain_numbers, test_absent_without_notice);
  ADD ("/attendance/absent/ignores-movements", plain_numbers, test_absent_ignores_movements);
  ADD ("/attendance/attended-items", running_numbers, test_attended_items);
  ADD ("/attendance/attended-items-empty", running_numbers, test_attended_items_empty);
  ADD ("/attendance/movement/leaves-and-returns", plain_numbers, test_leaves_and_returns);
  ADD ("/attendance/movement/leaves-and-returns-running", running_numbers, test_leaves_and_returns_running);
  ADD ("/attendance/movement/left-during", plain_numbers, test_left_during);
  ADD ("/attendance/movement/left-before", plain_numbers, test_left_before);
  ADD ("/attendance/movement/arrived-during", plain_numbers, test_arrived_during);
  ADD ("/attendance/movement/arrived-before", plain_numbers, test_arrived_before);
  ADD ("/attendance/movement/arrives-late-leaves-early", plain_numbers, test_arrives_late_and_leaves_early);
  ADD ("/attendance/movement/time-only-left", plain_numbers, test_time_only_left);
  ADD ("/attendance/movement/time-only-arrived", plain_numbers, test_time_only_arrived);
  ADD ("/attendance/movement/time-only-between", plain_numbers, test_time_only_between);
  ADD ("/attendance/movement/unknown-item-left", plain_numbers, test_unknown_item_left);
  ADD ("/attendance/movement/unknown-item-arrived", plain_numbers, test_unknown_item_arrived);
  ADD ("/attendance/movement/unknown-item-between", plain_numbers, test_unknown_item_between);
  ADD ("/attendance/movement/order-by-position", plain_numbers, test_order_by_position);
  ADD ("/attendance/movement/order-by-position-running", running_numbers, test_order_by_position_running);
  ADD ("/attendance/disqualified/left", plain_numbers, test_disqualified_left);
  ADD ("/attendance/disqualified/stayed", plain_numbers, test_disqualified_stayed);
  ADD ("/attendance/override/replaces", plain_numbers, test_override_replaces);
  ADD ("/attendance/override/empty", plain_numbers, test_override_empty);
  ADD ("/attendance/override/off", plain_numbers, test_override_off);
  ADD ("/attendance/substitute", plain_numbers, test_substitute);
  ADD ("/attendance/substitute-takes-over", plain_numbers, test_substitute_takes_over);
  ADD ("/attendance/compute-absent-order", plain_numbers, test_compute_absent_order);
  ADD ("/attendance/live/left-and-back", plain_numbers, test_live_left_and_back);
  ADD ("/attendance/live/left-and-back-running", running_numbers, test_live_left_and_back);
  ADD ("/attendance/live/recorded-out-of-order", plain_numbers, test_live_recorded_out_of_order);
  ADD ("/attendance/live/apologies-then-arrives", plain_numbers, test_live_apologies_then_arrives);
  ADD ("/attendance/live/substitute", plain_numbers, test_live_substitute);
  ADD ("/attendance/live/add-decision", plain_numbers, test_live_add_decision);
#undef ADD

  return g_test_run ();
}
