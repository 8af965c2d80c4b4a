/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"
#include "test-model-helpers.h"

/* ---- helpers ---- */

static void
assert_item_numbers (RefMeeting *m, const char *expected)
{
  g_autofree char *numbers = ref_test_item_numbers (m);
  g_assert_cmpstr (numbers, ==, expected);
}

/* A meeting whose construction is not part of its history: what a file load gives. */
static RefMeeting *
new_meeting_with_items (guint first, guint last)
{
  RefMeeting *m = ref_meeting_new ();

  for (guint n = first; n <= last; n++)
    {
      g_autofree char *title = g_strdup_printf ("Punkt %u", n);
      ref_test_add_item (m, n, title);
    }
  ref_history_clear (ref_meeting_get_history (m));
  return m;
}

static guint
n_of (GListModel *list)
{
  return g_list_model_get_n_items (list);
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  guint *count = data;
  (*count)++;
}

typedef struct {
  guint can_undo, can_redo, modified;
} Notifications;

static void
watch_history (RefHistory *h, Notifications *n)
{
  *n = (Notifications){ 0, 0, 0 };
  g_signal_connect (h, "notify::can-undo", G_CALLBACK (count_notify_cb), &n->can_undo);
  g_signal_connect (h, "notify::can-redo", G_CALLBACK (count_notify_cb), &n->can_redo);
  g_signal_connect (h, "notify::modified", G_CALLBACK (count_notify_cb), &n->modified);
}

/* ---- property changes ---- */

static void
test_undo_property (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  g_assert_false (ref_history_get_can_undo (h));
  g_assert_false (ref_history_undo (h));
  ref_meeting_set_committee (m, "Socialudvalget");
  g_assert_true (ref_history_get_can_undo (h));
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  g_assert_true (ref_history_undo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
  g_assert_false (ref_history_get_can_undo (h));
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 0);
}

static void
test_redo_property (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  g_assert_false (ref_history_redo (h));
  ref_meeting_set_committee (m, "Socialudvalget");
  ref_history_undo (h);
  g_assert_true (ref_history_get_can_redo (h));
  g_assert_true (ref_history_redo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Socialudvalget");
  g_assert_false (ref_history_get_can_redo (h));
  g_assert_false (ref_history_redo (h));
  /* And back again: undo and redo are each other's inverse any number of times. */
  g_assert_true (ref_history_undo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
  g_assert_true (ref_history_redo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Socialudvalget");
}

/* Replaying a step records nothing new. */
static void
test_undo_not_recorded (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_committee (m, "A");
  ref_history_seal (h);
  ref_meeting_set_location (m, "B");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  ref_history_undo (h);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 0);
  ref_history_redo (h);
  ref_history_redo (h);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  g_assert_false (ref_history_get_can_redo (h));
}

/* Every kind of property value comes back on undo. */
static void
test_undo_property_types (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *item = ref_test_add_item (m, 82, "Budget");
  RefParticipant *a = ref_test_add_participant (m, "Allan Petersen");
  RefParticipant *s = ref_test_add_participant (m, "Sofie Suppleant");
  g_autoptr (GDateTime) start = g_date_time_new_local (2025, 5, 6, 16, 30, 0);
  const char *route[] = { "Socialudvalget", "Byrådet", NULL };

  ref_history_clear (h);
  ref_history_begin_group (h);
  ref_agenda_item_set_number (item, 90);
  ref_agenda_item_set_closed (item, TRUE);
  ref_agenda_item_set_case_type (item, REF_CASE_TYPE_ORIENTATION);
  ref_agenda_item_set_case_route (item, route);
  ref_participant_set_substitute_for (s, a);
  ref_meeting_set_start (m, start);
  ref_history_end_group (h);

  g_assert_true (ref_history_undo (h));
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 82);
  g_assert_false (ref_agenda_item_get_closed (item));
  g_assert_cmpint (ref_agenda_item_get_case_type (item), ==, REF_CASE_TYPE_NONE);
  g_assert_null (ref_agenda_item_get_case_route (item));
  g_assert_null (ref_participant_get_substitute_for (s));
  g_assert_null (ref_meeting_get_start (m));

  g_assert_true (ref_history_redo (h));
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 90);
  g_assert_true (ref_agenda_item_get_closed (item));
  g_assert_cmpint (ref_agenda_item_get_case_type (item), ==, REF_CASE_TYPE_ORIENTATION);
  g_assert_cmpstr (ref_agenda_item_get_case_route (item)[1], ==, "Byrådet");
  g_assert_true (ref_participant_get_substitute_for (s) == a);
  g_assert_true (g_date_time_equal (ref_meeting_get_start (m), start));
}

/* RefText is an immutable value: undo swaps the old text back in. */
static void
test_undo_text_value (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *item = ref_test_add_item (m, 1, "Budget");
  g_autoptr (RefText) old_text = ref_text_new_from_plain ("Sagen blev drøftet.\n\n- a\n- b");
  g_autoptr (RefText) old_copy = ref_text_copy (old_text);
  g_autoptr (RefText) new_text = ref_text_new_paragraph ("Sagen blev udsat.");
  RefSection *section;

  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, old_text);
  section = ref_agenda_item_find_section (item, REF_SECTION_KIND_CASE);
  ref_history_seal (h);
  ref_section_set_text (section, new_text);
  g_assert_true (ref_text_equal (ref_section_get_text (section), new_text));

  g_assert_true (ref_history_undo (h));
  g_assert_true (ref_text_equal (ref_section_get_text (section), old_copy));
  g_assert_false (ref_text_equal (ref_section_get_text (section), new_text));
  g_assert_true (ref_history_redo (h));
  g_assert_true (ref_text_equal (ref_section_get_text (section), new_text));
}

/* ---- lifetime ---- */

/* Edits of the meeting's own header are recorded without a reference back to it
 * (the meeting holds the history): an edited meeting is freed when dropped, and a
 * history that outlives its meeting is emptied instead of pointing at freed memory. */
static void
test_edited_meeting_is_freed (void)
{
  RefMeeting *m = ref_meeting_new ();
  g_autoptr (RefHistory) h = g_object_ref (ref_meeting_get_history (m));
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  g_object_add_weak_pointer (G_OBJECT (m), (gpointer *) &m);
  ref_meeting_set_committee (m, "Økonomiudvalget");
  ref_meeting_set_location (m, "Rådhuset");
  ref_meeting_add_item (m, item);
  ref_agenda_item_set_title (item, "Budget");
  g_assert_true (ref_history_get_can_undo (h));
  g_object_unref (m);
  g_assert_null (m);
  g_assert_false (ref_history_get_can_undo (h));
  g_assert_false (ref_history_undo (h));
}

/* ---- merging ---- */

/* Typing: consecutive edits of one property of one object are one step. */
static void
test_merge_same_property (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_location (m, "R");
  ref_meeting_set_location (m, "Rå");
  ref_meeting_set_location (m, "Rådhuset");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  ref_history_undo (h);
  /* The oldest value is kept. */
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "");
  g_assert_false (ref_history_get_can_undo (h));
  ref_history_redo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
}

static void
count_changed (RefHistory *history, guint *count)
{
  (*count)++;
}

/* "changed" comes with every edit, also those merged into one undo step, and with
 * undo and redo: what the PDF preview refreshes on. */
static void
test_changed_signal (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  guint changed = 0;

  g_signal_connect (h, "changed", G_CALLBACK (count_changed), &changed);
  ref_meeting_set_location (m, "R");
  ref_meeting_set_location (m, "Rå");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  g_assert_cmpuint (changed, ==, 2);
  ref_history_begin_group (h);
  ref_meeting_set_committee (m, "Socialudvalget");
  ref_history_end_group (h);
  g_assert_cmpuint (changed, >=, 3);
  changed = 0;
  ref_history_undo (h);
  ref_history_redo (h);
  g_assert_cmpuint (changed, ==, 2);
  /* Saving changes nothing of the meeting. */
  ref_history_mark_clean (h);
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_merge_text (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *item = ref_test_add_item (m, 1, "Budget");
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefText) t1 = ref_text_new_paragraph ("G");
  g_autoptr (RefText) t2 = ref_text_new_paragraph ("Godk");
  g_autoptr (RefText) t3 = ref_text_new_paragraph ("Godkendt.");

  ref_agenda_item_add_decision (item, d);
  ref_history_seal (h);
  ref_history_mark_clean (h);
  ref_decision_set_text (d, t1);
  ref_decision_set_text (d, t2);
  ref_decision_set_text (d, t3);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 3);
  ref_history_undo (h);
  g_assert_null (ref_decision_get_text (d));
  g_assert_false (ref_history_get_modified (h));
}

static void
test_seal_separates (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_location (m, "Rådhuset");
  ref_history_seal (h);
  ref_meeting_set_location (m, "Rådhuset, sal 1");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "");
}

static void
test_no_merge_other_property (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_location (m, "Rådhuset");
  ref_meeting_set_committee (m, "Socialudvalget");
  ref_meeting_set_location (m, "Rådhuset, sal 1");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 3);
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Socialudvalget");
}

static void
test_no_merge_other_object (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (1, 2);
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *a = ref_meeting_find_item_by_number (m, 1);
  RefAgendaItem *b = ref_meeting_find_item_by_number (m, 2);

  ref_agenda_item_set_title (a, "Budget");
  ref_agenda_item_set_title (b, "Eventuelt");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpstr (ref_agenda_item_get_title (a), ==, "Budget");
  g_assert_cmpstr (ref_agenda_item_get_title (b), ==, "Punkt 2");
}

/* After an undo, typing again is a new step. */
static void
test_no_merge_after_undo (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_location (m, "A");
  ref_history_seal (h);
  ref_meeting_set_location (m, "AB");
  ref_history_undo (h);
  ref_meeting_set_location (m, "AC");
  ref_meeting_set_location (m, "ACD");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "A");
}

/* Saving seals: typing after a save is not merged into the saved step. */
static void
test_no_merge_across_save (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_location (m, "Rådhuset");
  ref_history_mark_clean (h);
  ref_meeting_set_location (m, "Rådhuset, sal 1");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  g_assert_true (ref_history_get_modified (h));
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
  g_assert_false (ref_history_get_modified (h));
}

/* ---- list changes ---- */

static void
test_undo_insert (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (1, 2);
  RefHistory *h = ref_meeting_get_history (m);
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  ref_agenda_item_set_number (item, 3);
  ref_meeting_insert_item (m, 1, item);
  assert_item_numbers (m, "1,3,2");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  g_assert_true (ref_history_undo (h));
  assert_item_numbers (m, "1,2");
  g_assert_true (ref_history_redo (h));
  assert_item_numbers (m, "1,3,2");
  g_assert_true (ref_meeting_find_item_by_number (m, 3) == item);
}

static void
test_undo_append (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (82, 84);
  RefHistory *h = ref_meeting_get_history (m);

  ref_test_add_item (m, ref_meeting_next_item_number (m), "Eventuelt");
  assert_item_numbers (m, "82,83,84,85");
  ref_history_undo (h);
  assert_item_numbers (m, "82,83,84");
  g_assert_cmpuint (ref_meeting_next_item_number (m), ==, 85);
}

static void
test_undo_remove (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (1, 3);
  RefHistory *h = ref_meeting_get_history (m);
  g_autoptr (RefAgendaItem) middle = g_object_ref (ref_meeting_find_item_by_number (m, 2));
  guint position = 99;

  g_assert_true (ref_meeting_remove_item (m, middle));
  assert_item_numbers (m, "1,3");
  g_assert_true (ref_history_undo (h));
  assert_item_numbers (m, "1,2,3");
  /* The same object, at the same place. */
  g_assert_true (ref_meeting_find_item_position (m, middle, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (ref_history_redo (h));
  assert_item_numbers (m, "1,3");
}

/* A move is one step. */
static void
test_undo_move (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (1, 4);
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_move_item (m, 3, 0);
  assert_item_numbers (m, "4,1,2,3");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  g_assert_true (ref_history_undo (h));
  assert_item_numbers (m, "1,2,3,4");
  g_assert_true (ref_history_redo (h));
  assert_item_numbers (m, "4,1,2,3");
  ref_history_seal (h);
  ref_meeting_move_item (m, 0, 3);
  assert_item_numbers (m, "1,2,3,4");
  g_assert_true (ref_history_undo (h));
  assert_item_numbers (m, "4,1,2,3");
}

/* Renumbering every item is one step. */
static void
test_undo_renumber (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (82, 96);
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_renumber_items (m, 1);
  assert_item_numbers (m, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  g_assert_true (ref_history_undo (h));
  assert_item_numbers (m, "82,83,84,85,86,87,88,89,90,91,92,93,94,95,96");
  g_assert_false (ref_history_get_can_undo (h));
  g_assert_true (ref_history_redo (h));
  assert_item_numbers (m, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15");
}

/* Nothing to renumber: no step. */
static void
test_renumber_unchanged (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (1, 3);
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_renumber_items (m, 1);
  g_assert_false (ref_history_get_can_undo (h));
  g_assert_false (ref_history_get_modified (h));
}

/* Removing a participant and every reference to them is one step; undo puts all of
 * it back. */
static void
test_undo_remove_participant (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefParticipant *first = ref_test_add_participant (m, "Birgit Jakobsen");
  RefParticipant *a = ref_test_add_participant (m, "Allan Petersen");
  RefParticipant *s = ref_test_add_participant (m, "Sofie Suppleant");
  RefAgendaItem *item = ref_test_add_item (m, 1, "Budget");
  g_autoptr (RefDisqualification) dq = ref_disqualification_new ();
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (RefStatement) st = ref_statement_new ();
  g_autoptr (RefApproval) approval = ref_approval_new ();
  g_autoptr (RefParticipant) keep = g_object_ref (a);
  g_autoptr (RefParticipant) second = NULL;
  g_autoptr (RefDisqualification) read_dq = NULL;
  g_autoptr (RefParticipant) read_override = NULL;

  (void) keep; /* held so that a outlives its removal from the meeting */
  ref_participant_set_substitute_for (s, a);
  ref_disqualification_set_participant (dq, a);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), dq);
  ref_agenda_item_set_absence_overridden (item, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (item)), a);
  ref_statement_set_participant (st, a);
  ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (decision)), st);
  ref_agenda_item_add_decision (item, decision);
  ref_approval_set_participant (approval, a);
  ref_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (m)), approval);
  ref_history_clear (h);

  g_assert_true (ref_meeting_remove_participant (m, a));
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  g_assert_cmpuint (n_of (ref_meeting_get_participants (m)), ==, 2);
  g_assert_null (ref_participant_get_substitute_for (s));
  g_assert_cmpuint (n_of (ref_agenda_item_get_disqualifications (item)), ==, 0);
  g_assert_cmpuint (n_of (ref_agenda_item_get_absence_override (item)), ==, 0);
  g_assert_null (ref_statement_get_participant (st));
  g_assert_null (ref_approval_get_participant (approval));

  g_assert_true (ref_history_undo (h));
  g_assert_false (ref_history_get_can_undo (h));
  g_assert_cmpuint (n_of (ref_meeting_get_participants (m)), ==, 3);
  second = g_list_model_get_item (ref_meeting_get_participants (m), 1);
  g_assert_true (second == a);
  g_assert_true (ref_meeting_find_participant (m, "Birgit Jakobsen") == first);
  g_assert_true (ref_participant_get_substitute_for (s) == a);
  g_assert_cmpuint (n_of (ref_agenda_item_get_disqualifications (item)), ==, 1);
  read_dq = g_list_model_get_item (ref_agenda_item_get_disqualifications (item), 0);
  g_assert_true (read_dq == dq);
  g_assert_true (ref_disqualification_get_participant (dq) == a);
  g_assert_cmpuint (n_of (ref_agenda_item_get_absence_override (item)), ==, 1);
  read_override = g_list_model_get_item (ref_agenda_item_get_absence_override (item), 0);
  g_assert_true (read_override == a);
  g_assert_true (ref_statement_get_participant (st) == a);
  g_assert_true (ref_approval_get_participant (approval) == a);

  g_assert_true (ref_history_redo (h));
  g_assert_cmpuint (n_of (ref_meeting_get_participants (m)), ==, 2);
  g_assert_null (ref_participant_get_substitute_for (s));
  g_assert_null (ref_statement_get_participant (st));
  g_assert_null (ref_approval_get_participant (approval));
}

/* ---- can-undo, can-redo, modified ---- */

/* Unlocking voids the approvals given for the locked content, as one undo step. */
static void
test_undo_unlock (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  g_autoptr (RefApproval) first = ref_approval_new ();
  g_autoptr (RefApproval) second = ref_approval_new ();

  ref_meeting_set_locked (m, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (m)), first);
  ref_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (m)), second);
  ref_history_clear (h);

  ref_meeting_unlock (m);
  g_assert_false (ref_meeting_get_locked (m));
  g_assert_true (ref_approval_get_voided (first));
  g_assert_true (ref_approval_get_voided (second));
  g_assert_cmpuint (n_of (ref_meeting_get_approvals (m)), ==, 2);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);

  g_assert_true (ref_history_undo (h));
  g_assert_true (ref_meeting_get_locked (m));
  g_assert_false (ref_approval_get_voided (first));
  g_assert_false (ref_approval_get_voided (second));
  g_assert_false (ref_history_get_can_undo (h));

  /* An unlocked meeting has nothing to void. */
  ref_meeting_set_locked (m, FALSE);
  ref_history_clear (h);
  ref_meeting_unlock (m);
  g_assert_false (ref_approval_get_voided (first));
  g_assert_false (ref_history_get_can_undo (h));
}

static void
test_state_properties (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  gboolean can_undo = TRUE, can_redo = TRUE, modified = TRUE;

  g_object_get (h, "can-undo", &can_undo, "can-redo", &can_redo, "modified", &modified, NULL);
  g_assert_false (can_undo);
  g_assert_false (can_redo);
  g_assert_false (modified);
  ref_meeting_set_committee (m, "Socialudvalget");
  g_object_get (h, "can-undo", &can_undo, "can-redo", &can_redo, "modified", &modified, NULL);
  g_assert_true (can_undo);
  g_assert_false (can_redo);
  g_assert_true (modified);
  ref_history_undo (h);
  g_object_get (h, "can-undo", &can_undo, "can-redo", &can_redo, "modified", &modified, NULL);
  g_assert_false (can_undo);
  g_assert_true (can_redo);
  g_assert_false (modified);
}

/* Each property notifies when, and only when, it changes. */
static void
test_state_notify (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  Notifications n;

  watch_history (h, &n);
  ref_meeting_set_committee (m, "A");
  g_assert_cmpuint (n.can_undo, ==, 1);
  g_assert_cmpuint (n.can_redo, ==, 0);
  g_assert_cmpuint (n.modified, ==, 1);
  ref_history_seal (h);
  ref_meeting_set_location (m, "B");
  /* Still can undo, still modified. */
  g_assert_cmpuint (n.can_undo, ==, 1);
  g_assert_cmpuint (n.modified, ==, 1);
  ref_history_undo (h);
  g_assert_cmpuint (n.can_undo, ==, 1);
  g_assert_cmpuint (n.can_redo, ==, 1);
  g_assert_cmpuint (n.modified, ==, 1);
  ref_history_undo (h);
  g_assert_cmpuint (n.can_undo, ==, 2);
  g_assert_cmpuint (n.can_redo, ==, 1);
  g_assert_cmpuint (n.modified, ==, 2);
  ref_history_redo (h);
  g_assert_cmpuint (n.can_undo, ==, 3);
  g_assert_cmpuint (n.can_redo, ==, 1);
  g_assert_cmpuint (n.modified, ==, 3);
  ref_history_mark_clean (h);
  g_assert_cmpuint (n.modified, ==, 4);
  ref_history_mark_clean (h);
  g_assert_cmpuint (n.modified, ==, 4);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_undo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_redo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.modified);
}

/* Back at the saved state is not modified, whichever way one gets there. */
static void
test_mark_clean_undo_redo (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  Notifications n;

  ref_meeting_set_committee (m, "A");
  ref_history_mark_clean (h);
  g_assert_false (ref_history_get_modified (h));
  watch_history (h, &n);
  ref_history_undo (h);
  g_assert_true (ref_history_get_modified (h));
  g_assert_cmpuint (n.modified, ==, 1);
  ref_history_redo (h);
  g_assert_false (ref_history_get_modified (h));
  g_assert_cmpuint (n.modified, ==, 2);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_undo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_redo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.modified);
}

/* A new edit after undo drops the steps that could have been redone. */
static void
test_new_edit_clears_redo (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  Notifications n;

  ref_meeting_set_committee (m, "A");
  ref_history_undo (h);
  g_assert_true (ref_history_get_can_redo (h));
  watch_history (h, &n);
  ref_meeting_set_committee (m, "B");
  g_assert_false (ref_history_get_can_redo (h));
  g_assert_cmpuint (n.can_redo, ==, 1);
  g_assert_false (ref_history_redo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "B");
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_undo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_redo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.modified);
}

/* The saved state was among the dropped redo steps: it cannot be reached again. */
static void
test_clean_state_lost (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_committee (m, "A");
  ref_history_mark_clean (h);
  ref_history_undo (h);
  ref_meeting_set_committee (m, "B");
  g_assert_true (ref_history_get_modified (h));
  ref_history_undo (h);
  g_assert_true (ref_history_get_modified (h));
  ref_history_redo (h);
  g_assert_true (ref_history_get_modified (h));
}

static void
test_mark_unsaved (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_history_mark_unsaved (h);
  g_assert_true (ref_history_get_modified (h));
  g_assert_false (ref_history_get_can_undo (h));
  ref_history_mark_clean (h);
  g_assert_false (ref_history_get_modified (h));
}

static void
test_clear (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_committee (m, "A");
  ref_history_seal (h);
  ref_meeting_set_committee (m, "B");
  ref_history_undo (h);
  ref_history_clear (h);
  g_assert_false (ref_history_get_can_undo (h));
  g_assert_false (ref_history_get_can_redo (h));
  g_assert_false (ref_history_get_modified (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "A");
}

/* ---- objects that join the meeting later ---- */

/* An item built detached and then appended records edits deep inside it. */
static void
test_attach_appended_item (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (1, 1);
  RefHistory *h = ref_meeting_get_history (m);
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Baggrund.");
  g_autoptr (RefText) edited = ref_text_new_paragraph ("Ny baggrund.");
  RefSection *section;

  ref_agenda_item_set_number (item, 2);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_BACKGROUND, NULL, text);
  section = ref_agenda_item_find_section (item, REF_SECTION_KIND_BACKGROUND);
  /* Detached: nothing recorded. */
  g_assert_null (ref_history_for_object (section));
  g_assert_false (ref_history_get_can_undo (h));

  ref_meeting_add_item (m, item);
  g_assert_true (ref_history_for_object (section) == h);
  g_assert_true (ref_history_for_object (ref_agenda_item_get_sections (item)) == h);
  ref_history_seal (h);
  ref_section_set_text (section, edited);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  g_assert_true (ref_history_undo (h));
  g_assert_true (ref_text_equal (ref_section_get_text (section), text));
  /* The next step removes the item again. */
  g_assert_true (ref_history_undo (h));
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 1);
}

/* A list of an appended item records too: adding a section is a step. */
static void
test_attach_appended_item_lists (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *item = ref_test_add_item (m, 1, "Budget");
  g_autoptr (RefText) text = ref_text_new_paragraph ("Ingen.");

  ref_history_clear (h);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_ECONOMY, NULL, text);
  g_assert_cmpuint (n_of (ref_agenda_item_get_sections (item)), ==, 1);
  g_assert_true (ref_history_undo (h));
  g_assert_cmpuint (n_of (ref_agenda_item_get_sections (item)), ==, 0);
}

/* A decision made detached (its text not recorded), then appended: the append and
 * later edits are steps. */
static void
test_attach_detached_decision (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *item = ref_test_add_item (m, 1, "Punkt");
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefStatement) st = ref_statement_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) other = ref_text_new_paragraph ("Taget til efterretning.");

  ref_history_clear (h);
  ref_decision_set_text (d, text);
  ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (d)), st);
  g_assert_false (ref_history_get_can_undo (h));

  ref_agenda_item_add_decision (item, d);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  ref_history_seal (h);
  ref_decision_set_text (d, other);
  ref_history_seal (h);
  /* The statement inside came along. */
  ref_statement_set_by (st, "Enhedslisten");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 3);

  g_assert_true (ref_history_undo (h));
  g_assert_cmpstr (ref_statement_get_by (st), ==, "");
  g_assert_true (ref_history_undo (h));
  g_assert_true (ref_text_equal (ref_decision_get_text (d), text));
  g_assert_true (ref_history_undo (h));
  g_assert_cmpuint (n_of (ref_agenda_item_get_decisions (item)), ==, 0);
  /* The decision keeps what it was built with. */
  g_assert_true (ref_text_equal (ref_decision_get_text (d), text));
}

/* An object set as a property value joins the history too. */
static void
test_attach_object_property (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefAgendaItem *item = ref_test_add_item (m, 1, "Punkt");
  g_autoptr (RefRecommendation) rec = ref_recommendation_new ();

  ref_history_clear (h);
  ref_agenda_item_set_recommendation (item, rec);
  ref_history_seal (h);
  ref_recommendation_set_by (rec, "Rådmanden");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpstr (ref_recommendation_get_by (rec), ==, "");
  ref_history_undo (h);
  g_assert_null (ref_agenda_item_get_recommendation (item));
}

static void
test_attach_participant_movements (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  RefParticipant *p = ref_test_add_participant (m, "Bent Poulsen");
  g_autoptr (RefMovement) movement = NULL;

  ref_history_clear (h);
  ref_participant_add_movement (p, REF_MOVEMENT_KIND_LEFT, 5, FALSE, -1);
  ref_history_seal (h);
  movement = g_list_model_get_item (ref_participant_get_movements (p), 0);
  ref_movement_set_item (movement, 6);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpuint (ref_movement_get_item (movement), ==, 5);
  ref_history_undo (h);
  g_assert_cmpuint (n_of (ref_participant_get_movements (p)), ==, 0);
}

/* ---- groups ---- */

static void
test_group_nesting (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_history_begin_group (h);
  ref_meeting_set_committee (m, "A");
  ref_history_begin_group (h);
  ref_meeting_set_location (m, "B");
  ref_history_end_group (h);
  ref_meeting_set_organisation (m, "C");
  ref_history_end_group (h);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 1);
  g_assert_true (ref_history_undo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "");
  g_assert_cmpstr (ref_meeting_get_organisation (m), ==, "");
  g_assert_true (ref_history_redo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "A");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "B");
  g_assert_cmpstr (ref_meeting_get_organisation (m), ==, "C");
}

/* No undo or redo while a group is open. */
static void
test_group_undo_inside (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_meeting_set_location (m, "Rådhuset");
  ref_history_seal (h);
  ref_meeting_set_committee (m, "X");
  ref_history_undo (h);
  ref_history_begin_group (h);
  ref_meeting_set_committee (m, "A");
  ref_history_begin_group (h);
  g_assert_false (ref_history_undo (h));
  g_assert_false (ref_history_redo (h));
  ref_history_end_group (h);
  g_assert_false (ref_history_undo (h));
  ref_history_end_group (h);
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "A");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
  g_assert_true (ref_history_undo (h));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
}

static void
test_group_empty (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);
  Notifications n;

  watch_history (h, &n);
  ref_history_begin_group (h);
  ref_history_begin_group (h);
  ref_history_end_group (h);
  ref_history_end_group (h);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 0);
  g_assert_false (ref_history_get_modified (h));
  g_assert_cmpuint (n.can_undo, ==, 0);
  g_assert_cmpuint (n.modified, ==, 0);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_undo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.can_redo);
  g_signal_handlers_disconnect_by_func (h, count_notify_cb, &n.modified);
}

/* Steps of a group are undone in reverse order and redone in order: adding an item
 * and then titling it. */
static void
test_group_order (void)
{
  g_autoptr (RefMeeting) m = new_meeting_with_items (1, 1);
  RefHistory *h = ref_meeting_get_history (m);
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  ref_agenda_item_set_number (item, 2);
  ref_history_begin_group (h);
  ref_meeting_add_item (m, item);
  ref_agenda_item_set_title (item, "Eventuelt");
  ref_meeting_move_item (m, 1, 0);
  ref_history_end_group (h);
  assert_item_numbers (m, "2,1");
  g_assert_true (ref_history_undo (h));
  assert_item_numbers (m, "1");
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "");
  g_assert_true (ref_history_redo (h));
  assert_item_numbers (m, "2,1");
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Eventuelt");
  g_assert_true (ref_history_undo (h));
  assert_item_numbers (m, "1");
}

/* A group is a step of its own: typing after it is not merged into it. */
static void
test_group_not_merged (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefHistory *h = ref_meeting_get_history (m);

  ref_history_begin_group (h);
  ref_meeting_set_location (m, "A");
  ref_history_end_group (h);
  ref_meeting_set_location (m, "AB");
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, 2);
  ref_history_undo (h);
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "A");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/history/lifetime/edited-meeting-is-freed", test_edited_meeting_is_freed);
  g_test_add_func ("/model/history/undo-property", test_undo_property);
  g_test_add_func ("/model/history/redo-property", test_redo_property);
  g_test_add_func ("/model/history/undo-not-recorded", test_undo_not_recorded);
  g_test_add_func ("/model/history/undo-property-types", test_undo_property_types);
  g_test_add_func ("/model/history/undo-text-value", test_undo_text_value);

  g_test_add_func ("/model/history/merge/same-property", test_merge_same_property);
  g_test_add_func ("/model/history/changed-signal", test_changed_signal);
  g_test_add_func ("/model/history/merge/text", test_merge_text);
  g_test_add_func ("/model/history/merge/seal-separates", test_seal_separates);
  g_test_add_func ("/model/history/merge/other-property", test_no_merge_other_property);
  g_test_add_func ("/model/history/merge/other-object", test_no_merge_other_object);
  g_test_add_func ("/model/history/merge/after-undo", test_no_merge_after_undo);
  g_test_add_func ("/model/history/merge/across-save", test_no_merge_across_save);

  g_test_add_func ("/model/history/list/insert", test_undo_insert);
  g_test_add_func ("/model/history/list/append", test_undo_append);
  g_test_add_func ("/model/history/list/remove", test_undo_remove);
  g_test_add_func ("/model/history/list/move", test_undo_move);
  g_test_add_func ("/model/history/renumber", test_undo_renumber);
  g_test_add_func ("/model/history/renumber-unchanged", test_renumber_unchanged);
  g_test_add_func ("/model/history/remove-participant", test_undo_remove_participant);
  g_test_add_func ("/model/history/unlock", test_undo_unlock);

  g_test_add_func ("/model/history/state/properties", test_state_properties);
  g_test_add_func ("/model/history/state/notify", test_state_notify);
  g_test_add_func ("/model/history/state/mark-clean-undo-redo", test_mark_clean_undo_redo);
  g_test_add_func ("/model/history/state/new-edit-clears-redo", test_new_edit_clears_redo);
  g_test_add_func ("/model/history/state/clean-state-lost", test_clean_state_lost);
  g_test_add_func ("/model/history/state/mark-unsaved", test_mark_unsaved);
  g_test_add_func ("/model/history/state/clear", test_clear);

  g_test_add_func ("/model/history/attach/appended-item", test_attach_appended_item);
  g_test_add_func ("/model/history/attach/appended-item-lists", test_attach_appended_item_lists);
  g_test_add_func ("/model/history/attach/detached-decision", test_attach_detached_decision);
  g_test_add_func ("/model/history/attach/object-property", test_attach_object_property);
  g_test_add_func ("/model/history/attach/participant-movements", test_attach_participant_movements);

  g_test_add_func ("/model/history/group/nesting", test_group_nesting);
  g_test_add_func ("/model/history/group/undo-inside", test_group_undo_inside);
  g_test_add_func ("/model/history/group/empty", test_group_empty);
  g_test_add_func ("/model/history/group/order", test_group_order);
  g_test_add_func ("/model/history/group/not-merged", test_group_not_merged);

  return g_test_run ();
}
