/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"

static RefAgendaItem *
add_item (RefMeeting *m, guint number, const char *title)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  ref_agenda_item_set_number (item, number);
  ref_agenda_item_set_title (item, title);
  ref_meeting_add_item (m, item);
  return item; /* the meeting keeps it */
}

static void
test_property_undo_redo (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  g_assert_false (ref_history_get_can_undo (h));
  ref_meeting_set_committee (m, "Socialudvalget");
  g_assert_true (ref_history_get_can_undo (h));
  g_assert_true (ref_history_get_modified (h));
  g_assert_true (ref_history_undo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
  g_assert_true (ref_history_get_can_redo (h));
  g_assert_false (ref_history_get_modified (h));
  g_assert_true (ref_history_redo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Socialudvalget");
  g_assert_false (ref_history_redo (h));
}

static void
test_merge_and_seal (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  /* Typing: consecutive edits of one property are one step. */
  ref_meeting_set_location (m, "R");
  ref_meeting_set_location (m, "Rå");
  ref_meeting_set_location (m, "Rådhuset");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  ref_history_seal (h);
  ref_meeting_set_location (m, "Rådhuset, sal 1");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "");
}

static void
test_list_insert_remove_move (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *a = add_item (m, 1, "A");
  RefAgendaItem *b;
  g_autoptr (RefAgendaItem) first = NULL;

  ref_history_seal (h);
  b = add_item (m, 2, "B");
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 2);
  ref_meeting_move_item (m, 1, 0);
  first = g_list_model_get_item (ref_meeting_get_items (m), 0);
  g_assert_true (first == b);
  /* A move is one step. */
  ref_history_undo (h);
  g_clear_object (&first);
  first = g_list_model_get_item (ref_meeting_get_items (m), 0);
  g_assert_true (first == a);
  g_object_ref (b);
  g_assert_true (ref_meeting_remove_item (m, b));
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 1);
  ref_history_undo (h);
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 2);
  g_assert_true (ref_meeting_find_item_by_number (m, 2) == b);
  g_object_unref (b);
}

static void
test_renumber_one_step (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  add_item (m, 82, "A");
  add_item (m, 83, "B");
  add_item (m, 84, "C");
  g_assert_cmpuint (ref_meeting_next_item_number (m), ==, 85);
  ref_history_seal (h);
  ref_meeting_renumber_items (m, 1);
  g_assert_nonnull (ref_meeting_find_item_by_number (m, 3));
  ref_history_undo (h);
  g_assert_null (ref_meeting_find_item_by_number (m, 3));
  g_assert_nonnull (ref_meeting_find_item_by_number (m, 84));
}

/* Edits deep in the tree, of objects added after the meeting was made, are recorded. */
static void
test_nested_edits_recorded (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *item = add_item (m, 1, "Punkt");
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) other = ref_text_new_paragraph ("Taget til efterretning.");

  ref_decision_set_text (d, text); /* detached: not recorded */
  ref_agenda_item_add_decision (item, d);
  ref_history_seal (h);
  ref_decision_set_text (d, other);
  ref_history_undo (h);
  g_assert_true (ref_text_equal (ref_decision_get_text (d), text));
  ref_history_undo (h); /* the decision is removed again */
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (item)), ==, 0);
}

static void
test_clean_and_redo_cleared (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  guint notified = 0;

  g_signal_connect_swapped (h, "notify::modified", G_CALLBACK (g_atomic_int_inc), &notified);
  ref_meeting_set_committee (m, "A");
  g_assert_cmpuint (notified, ==, 1);
  ref_history_mark_clean (h);
  g_assert_false (ref_history_get_modified (h));
  ref_history_undo (h);
  g_assert_true (ref_history_get_modified (h));
  ref_history_redo (h);
  g_assert_false (ref_history_get_modified (h));
  /* A new edit after undo drops the redo steps. */
  ref_history_undo (h);
  ref_meeting_set_committee (m, "B");
  g_assert_false (ref_history_get_can_redo (h));
  g_assert_true (ref_history_get_modified (h));
}

static void
test_groups (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_history_begin_group (h);
  ref_meeting_set_committee (m, "A");
  ref_history_begin_group (h);
  ref_meeting_set_location (m, "B");
  ref_history_end_group (h);
  /* No undo while a group is open. */
  g_assert_false (ref_history_undo (h));
  ref_history_end_group (h);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "");
  /* An empty group is no step. */
  ref_history_begin_group (h);
  ref_history_end_group (h);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 0);
}

static void
test_remove_participant_one_step (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  g_autoptr (RefParticipant) a = ref_participant_new ();
  g_autoptr (RefParticipant) s = ref_participant_new ();
  g_autoptr (RefDisqualification) d = ref_disqualification_new ();
  RefAgendaItem *item = add_item (m, 1, "X");

  ref_meeting_add_participant (m, a);
  ref_meeting_add_participant (m, s);
  ref_participant_set_substitute_for (s, a);
  ref_disqualification_set_participant (d, a);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), d);
  ref_agenda_item_set_absence_overridden (item, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (item)), a);
  ref_history_seal (h);

  g_assert_true (ref_meeting_remove_participant (m, a));
  g_assert_null (ref_participant_get_substitute_for (s));
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_disqualifications (item)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_absence_override (item)), ==, 0);
  g_assert_true (ref_history_undo (h));
  g_assert_true (ref_participant_get_substitute_for (s) == a);
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_disqualifications (item)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_absence_override (item)), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/property", test_property_undo_redo);
  g_test_add_func ("/history/merge-and-seal", test_merge_and_seal);
  g_test_add_func ("/history/list", test_list_insert_remove_move);
  g_test_add_func ("/history/renumber", test_renumber_one_step);
  g_test_add_func ("/history/nested", test_nested_edits_recorded);
  g_test_add_func ("/history/clean-and-redo", test_clean_and_redo_cleared);
  g_test_add_func ("/history/groups", test_groups);
  g_test_add_func ("/history/remove-participant", test_remove_participant_one_step);

  return g_test_run ();
}
