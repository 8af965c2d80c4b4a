/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"

static guint
count_notify (gpointer object, const char *property, void (*change) (gpointer))
{
  guint count = 0;
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  gulong id = g_signal_connect_swapped (object, signal, G_CALLBACK (g_atomic_int_inc), &count);

  change (object);
  g_signal_handler_disconnect (object, id);
  return count;
}

static void
set_title_twice (gpointer item)
{
  ref_agenda_item_set_title (item, "Meddelelser");
  ref_agenda_item_set_title (item, "Meddelelser");
}

static void
set_title_null_and_empty (gpointer item)
{
  ref_agenda_item_set_title (item, NULL);
  ref_agenda_item_set_title (item, "");
}

/* Notify once on a change, never on setting an equal value. */
static void
test_notify_only_on_change (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  g_assert_cmpuint (count_notify (item, "title", set_title_twice), ==, 1);
  g_assert_cmpuint (count_notify (item, "title", set_title_null_and_empty), ==, 1);
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "");
}

static void
test_defaults (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefMovement) mv = ref_movement_new ();
  g_autoptr (RefDisqualification) d = ref_disqualification_new ();
  g_autoptr (RefSection) s = ref_section_new ();

  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_MINUTES);
  g_assert_cmpint (ref_meeting_get_edition (m), ==, REF_EDITION_PUBLIC);
  g_assert_cmpint (ref_participant_get_attendance (p), ==, REF_ATTENDANCE_UNKNOWN);
  g_assert_cmpint (ref_participant_get_participant_type (p), ==, REF_PARTICIPANT_TYPE_MEMBER);
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 1);
  g_assert_false (ref_agenda_item_get_closed (item));
  g_assert_cmpint (ref_movement_get_time (mv), ==, -1);
  g_assert_true (ref_disqualification_get_left (d));
  g_assert_cmpuint (ref_section_get_level (s), ==, 1);
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
}

static void
test_g_object_properties (void)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autofree char *name = NULL;
  RefAttendance attendance;

  g_object_set (p, "name", "Kate Svarrer", "party", "Løsgænger", "attendance", REF_ATTENDANCE_ABSENT, NULL);
  g_object_get (p, "name", &name, "attendance", &attendance, NULL);
  g_assert_cmpstr (name, ==, "Kate Svarrer");
  g_assert_cmpint (attendance, ==, REF_ATTENDANCE_ABSENT);
  {
    g_autofree char *formatted = ref_participant_format (p, TRUE);
    g_assert_cmpstr (formatted, ==, "Kate Svarrer (Løsgænger)");
  }
  ref_participant_set_role (p, "formand");
  {
    g_autofree char *formatted = ref_participant_format (p, TRUE);
    g_assert_cmpstr (formatted, ==, "Kate Svarrer (Løsgænger) (formand)");
  }
}

static void
test_items_changed (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  guint changes = 0;

  g_signal_connect_swapped (ref_meeting_get_items (m), "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);
  ref_meeting_add_item (m, item);
  g_assert_cmpuint (changes, ==, 1);
  ref_meeting_remove_item (m, item);
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_printed_title_and_decision (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefVote) vote = ref_vote_new (5, 1, 1);

  ref_agenda_item_set_title (item, "Borgerhenvendelse");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_PUBLIC), ==, "Borgerhenvendelse");
  ref_agenda_item_set_closed (item, TRUE);
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_PUBLIC), ==, "Lukket");
  ref_agenda_item_set_public_title (item, "Lukket punkt: Borgerhenvendelse");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_PUBLIC), ==, "Lukket punkt: Borgerhenvendelse");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_INTERNAL), ==, "Borgerhenvendelse");

  /* An empty decision is a draft; a text or a vote makes it a decision. */
  ref_agenda_item_add_decision (item, d);
  g_assert_false (ref_agenda_item_has_decision (item));
  ref_decision_set_vote (d, vote);
  g_assert_true (ref_agenda_item_has_decision (item));
  ref_decision_set_vote (d, NULL);
  ref_decision_set_text (d, text);
  g_assert_true (ref_agenda_item_has_decision (item));
}

static void
test_sections (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Ingen økonomiske konsekvenser");
  RefSection *economy;
  RefSectionKind kind;

  ref_agenda_item_add_section (item, REF_SECTION_KIND_SUMMARY, NULL, text);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_ECONOMY, "Økonomiske konsekvenser og finansiering", text);
  economy = ref_agenda_item_find_section (item, REF_SECTION_KIND_ECONOMY);
  g_assert_nonnull (economy);
  g_assert_cmpstr (ref_section_get_display_heading (economy), ==, "Økonomiske konsekvenser og finansiering");
  g_assert_cmpstr (ref_section_get_display_heading (ref_agenda_item_find_section (item, REF_SECTION_KIND_SUMMARY)), ==,
                   "Sammendrag");
  g_assert_null (ref_agenda_item_find_section (item, REF_SECTION_KIND_BACKGROUND));
  g_assert_true (ref_section_kind_from_heading ("Økonomiske konsekvenser og finansiering", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_ECONOMY);
  g_assert_true (ref_section_kind_from_heading ("BAGGRUND:", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_BACKGROUND);
  g_assert_false (ref_section_kind_from_heading ("Noget helt andet", &kind));
}

static void
test_enum_nicks (void)
{
  int value;

  g_assert_cmpstr (ref_enum_to_nick (REF_TYPE_SECTION_KIND, REF_SECTION_KIND_DECISION_THEME), ==, "decision-theme");
  g_assert_true (ref_enum_from_nick (REF_TYPE_ATTENDANCE, "partial", &value));
  g_assert_cmpint (value, ==, REF_ATTENDANCE_PARTIAL);
  g_assert_false (ref_enum_from_nick (REF_TYPE_ATTENDANCE, "maybe", &value));
}

static void
test_model_equal_path (void)
{
  g_autoptr (RefMeeting) a = ref_meeting_new ();
  g_autoptr (RefMeeting) b = ref_meeting_new ();
  g_autoptr (RefAgendaItem) ia = ref_agenda_item_new ();
  g_autoptr (RefAgendaItem) ib = ref_agenda_item_new ();
  g_autoptr (RefDecision) da = ref_decision_new ();
  g_autoptr (RefDecision) db = ref_decision_new ();
  g_autoptr (RefText) ta = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) tb = ref_text_new_paragraph ("Godkendt!");
  g_autofree char *where = NULL;

  ref_decision_set_text (da, ta);
  ref_decision_set_text (db, ta);
  ref_agenda_item_add_decision (ia, da);
  ref_agenda_item_add_decision (ib, db);
  ref_meeting_add_item (a, ia);
  ref_meeting_add_item (b, ib);
  g_assert_true (ref_model_equal (a, b, NULL));
  ref_decision_set_text (db, tb);
  g_assert_false (ref_model_equal (a, b, &where));
  g_assert_cmpstr (where, ==, "items[0].decisions[0].text");
}

/* Duplicating an item copies its sections and decisions (new objects) but keeps
 * references to the meeting's participants. */
static void
test_copy (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefDisqualification) dq = ref_disqualification_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefAgendaItem) copy = NULL;
  g_autoptr (RefDecision) copied_decision = NULL;
  g_autoptr (RefDisqualification) copied_dq = NULL;

  ref_agenda_item_set_title (item, "Budget");
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
  ref_decision_set_text (d, text);
  ref_agenda_item_add_decision (item, d);
  ref_disqualification_set_participant (dq, p);
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), dq);

  copy = ref_model_copy (item);
  g_assert_true (ref_model_equal (item, copy, NULL));
  copied_decision = g_list_model_get_item (ref_agenda_item_get_decisions (copy), 0);
  g_assert_true (copied_decision != d);
  copied_dq = g_list_model_get_item (ref_agenda_item_get_disqualifications (copy), 0);
  g_assert_true (ref_disqualification_get_participant (copied_dq) == p);
  /* Independent: editing the copy leaves the original. */
  ref_agenda_item_set_title (copy, "Budget (kopi)");
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Budget");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/model/defaults", test_defaults);
  g_test_add_func ("/model/g-object-properties", test_g_object_properties);
  g_test_add_func ("/model/items-changed", test_items_changed);
  g_test_add_func ("/model/printed-title-and-decision", test_printed_title_and_decision);
  g_test_add_func ("/model/sections", test_sections);
  g_test_add_func ("/model/enum-nicks", test_enum_nicks);
  g_test_add_func ("/model/equal-path", test_model_equal_path);
  g_test_add_func ("/model/copy", test_copy);

  return g_test_run ();
}
