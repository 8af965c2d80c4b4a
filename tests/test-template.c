/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "ref-captions.h"
#include "ref-template.h"
#include "ref-xml.h"

/* "New Meeting from Previous" (issue 18) copies what every meeting of the committee
 * shares and nothing of what happened at the previous one. */

static RefAgendaItem *
item_at (RefMeeting *m, guint position)
{
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (m), position);
  return item; /* the meeting holds it */
}

static RefParticipant *
participant_at (RefMeeting *m, guint position)
{
  g_autoptr (RefParticipant) p = g_list_model_get_item (ref_meeting_get_participants (m), position);
  return p; /* the meeting holds it */
}

/* The sample with everything a meeting can add that must not carry over. */
static RefMeeting *
eventful_previous (void)
{
  g_autoptr (GError) error = NULL;
  RefMeeting *m = ref_sample_meeting_new (&error);
  g_autoptr (RefParticipant) substitute = ref_participant_new ();
  g_autoptr (RefParticipant) guest = ref_participant_new ();
  g_autoptr (RefAgendaItem) eventuelt = ref_agenda_item_new ();
  g_autoptr (RefText) text = ref_text_new_from_plain ("Intet.");
  g_autoptr (GDateTime) end = g_date_time_new_utc (2025, 5, 6, 16, 30, 0);
  RefDecision *decision;

  g_assert_no_error (error);
  ref_participant_set_name (substitute, "Sofie Suppleant");
  ref_participant_set_participant_type (substitute, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  ref_participant_set_substitute_for (substitute, participant_at (m, 1));
  ref_meeting_add_participant (m, substitute);
  ref_participant_set_name (guest, "Gitte Gæst");
  ref_participant_set_participant_type (guest, REF_PARTICIPANT_TYPE_GUEST);
  ref_meeting_add_participant (m, guest);
  ref_participant_add_movement (participant_at (m, 2), REF_MOVEMENT_KIND_LEFT, 5, TRUE, 15 * 60);
  ref_participant_set_attendance (participant_at (m, 2), REF_ATTENDANCE_PARTIAL);
  ref_participant_set_note (participant_at (m, 3), "deltog via Teams");
  ref_participant_set_certificate (participant_at (m, 0), "3A:91:00:11");

  ref_agenda_item_set_number (eventuelt, 11);
  ref_agenda_item_set_title (eventuelt, "Eventuelt");
  ref_agenda_item_add_section (eventuelt, REF_SECTION_KIND_CASE, NULL, text);
  ref_meeting_insert_item (m, 9, eventuelt);
  decision = ref_meeting_add_decision (m, eventuelt);
  ref_decision_set_text (decision, text);
  ref_meeting_set_end (m, end);
  ref_meeting_set_remarks (m, text);
  ref_meeting_set_locked (m, TRUE);
  return m;
}

static void
test_from_sample (void)
{
  g_autoptr (RefMeeting) previous = eventful_previous ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (2025, 6, 3, 13, 0, 0);
  g_autoptr (RefMeeting) m = ref_meeting_new_from_previous (previous, start);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *participants = ref_meeting_get_participants (m);
  RefAgendaItem *item;

  /* The header. */
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Socialudvalget");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, ref_meeting_get_location (previous));
  g_assert_cmpstr (ref_meeting_get_organisation (m), ==, ref_meeting_get_organisation (previous));
  g_assert_cmpint (ref_meeting_get_kind (m), ==, ref_meeting_get_kind (previous));
  g_assert_true (g_date_time_equal (ref_meeting_get_start (m), start));
  g_assert_null (ref_meeting_get_end (m));
  g_assert_null (ref_meeting_get_remarks (m));
  g_assert_false (ref_meeting_get_locked (m));
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_approvals (m)), ==, 0);

  /* Members and officials, attendance reset; not the substitute, not the guest. */
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      RefParticipant *p = participant_at (m, i);
      RefParticipant *was = participant_at (previous, i);

      g_assert_true (p != was);
      g_assert_cmpstr (ref_participant_get_name (p), ==, ref_participant_get_name (was));
      g_assert_cmpstr (ref_participant_get_party (p), ==, ref_participant_get_party (was));
      g_assert_cmpstr (ref_participant_get_role (p), ==, ref_participant_get_role (was));
      g_assert_cmpint (ref_participant_get_participant_type (p), ==, ref_participant_get_participant_type (was));
      g_assert_cmpint (ref_participant_get_attendance (p), ==, REF_ATTENDANCE_UNKNOWN);
      g_assert_cmpuint (g_list_model_get_n_items (ref_participant_get_movements (p)), ==, 0);
      g_assert_cmpstr (ref_participant_get_note (p), ==, "");
      g_assert_null (ref_participant_get_substitute_for (p));
    }
  g_assert_cmpstr (ref_participant_get_certificate (participant_at (m, 0)), ==, "3A:91:00:11");
  g_assert_null (ref_meeting_find_participant (m, "Sofie Suppleant"));
  g_assert_null (ref_meeting_find_participant (m, "Gitte Gæst"));

  /* The recurring items and the signature item, in order, numbered from 1, bare. */
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 3);
  item = item_at (m, 0);
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 1);
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Meddelelser");
  g_assert_cmpstr (ref_agenda_item_get_case_number (item), ==, "00.01.10-P35-13-24");
  item = item_at (m, 1);
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 2);
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Eventuelt");
  item = item_at (m, 2);
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 3);
  g_assert_cmpint (ref_agenda_item_get_kind (item), ==, REF_ITEM_KIND_SIGNATURE);
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Godkendelse af referat (underskriftside)");
  for (guint i = 0; i < 3; i++)
    {
      item = item_at (m, i);
      g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_sections (item)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (item)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_prior_decisions (item)), ==, 0);
      g_assert_null (ref_agenda_item_get_recommendation (item));
      g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_attachments (item)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_comments (item)), ==, 0);
      g_assert_cmpstr (ref_agenda_item_get_decided_by (item), ==, "");
    }

  /* A new document: nothing to undo, nothing unsaved, a valid file. */
  g_assert_false (ref_history_get_can_undo (ref_meeting_get_history (m)));
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (m)));
  bytes = ref_xml_write_bytes (m);
  ref_xml_validate_bytes (bytes, "template", &error);
  g_assert_no_error (error);

  /* Editing the new meeting leaves the previous one alone, and is recorded. */
  ref_participant_set_name (participant_at (m, 0), "Ny Formand");
  g_assert_cmpstr (ref_participant_get_name (participant_at (previous, 0)), ==, "Maria Lundahl Assov");
  g_assert_true (ref_history_get_can_undo (ref_meeting_get_history (m)));
}

/* Running numbers through the year go on from the previous meeting. */
static void
test_running_numbers (void)
{
  g_autoptr (RefMeeting) previous = ref_meeting_new ();
  g_autoptr (RefMeeting) m = NULL;
  const char *titles[] = { "Godkendelse af dagsorden", "Budget 2026", "Meddelelser fra formanden", "Evt." };

  ref_meeting_set_committee (previous, "Økonomiudvalget");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

      ref_agenda_item_set_number (item, 82 + i);
      ref_agenda_item_set_title (item, titles[i]);
      ref_meeting_add_item (previous, item);
    }
  m = ref_meeting_new_from_previous (previous, NULL);
  g_assert_null (ref_meeting_get_start (m));
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 3);
  g_assert_cmpuint (ref_agenda_item_get_number (item_at (m, 0)), ==, 86);
  g_assert_cmpstr (ref_agenda_item_get_title (item_at (m, 0)), ==, "Godkendelse af dagsorden");
  g_assert_cmpuint (ref_agenda_item_get_number (item_at (m, 2)), ==, 88);
  g_assert_cmpstr (ref_agenda_item_get_title (item_at (m, 2)), ==, "Evt.");
}

static void
test_recurring_captions (void)
{
  const char *recurring[] = { "Godkendelse af dagsorden", "GODKENDELSE AF DAGSORDENEN", "Meddelelser",
                              "Meddelelser fra formanden", "Orientering fra forvaltningen", "Eventuelt",
                              "Eventuelt.", "Evt." };
  const char *other[] = { "Godkendelse af referat", "Meddelelser om budgettet 2026", "Budget 2026",
                          "Eventuelle ændringer i takster", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (recurring); i++)
    if (!ref_caption_is_recurring_item (recurring[i]))
      g_error ("“%s” is a recurring item", recurring[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    if (ref_caption_is_recurring_item (other[i]))
      g_error ("“%s” is not a recurring item", other[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/from-sample", test_from_sample);
  g_test_add_func ("/template/running-numbers", test_running_numbers);
  g_test_add_func ("/template/recurring-captions", test_recurring_captions);
  return g_test_run ();
}
