/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-template.h"

#include "ref-captions.h"

static gboolean
carries_over (RefParticipant *p)
{
  RefParticipantType type = ref_participant_get_participant_type (p);

  return (type == REF_PARTICIPANT_TYPE_MEMBER || type == REF_PARTICIPANT_TYPE_OFFICIAL)
         && ref_participant_get_substitute_for (p) == NULL;
}

static RefParticipant *
copy_participant (RefParticipant *p)
{
  RefParticipant *copy = ref_participant_new ();

  ref_participant_set_name (copy, ref_participant_get_name (p));
  ref_participant_set_party (copy, ref_participant_get_party (p));
  ref_participant_set_role (copy, ref_participant_get_role (p));
  ref_participant_set_participant_type (copy, ref_participant_get_participant_type (p));
  ref_participant_set_certificate (copy, ref_participant_get_certificate (p));
  /* attendance stays unknown until the new meeting says */
  return copy;
}

static gboolean
is_standing_item (RefAgendaItem *item)
{
  return ref_agenda_item_get_kind (item) == REF_ITEM_KIND_SIGNATURE
         || ref_caption_is_recurring_item (ref_agenda_item_get_title (item));
}

/* Running numbers (82, 83 … through the year) go on; numbering per meeting starts at
 * 1 again. */
static guint
first_number (RefMeeting *previous)
{
  g_autoptr (RefAgendaItem) first = NULL;

  if (ref_meeting_get_n_items (previous) == 0)
    return 1;
  first = g_list_model_get_item (ref_meeting_get_items (previous), 0);
  return ref_agenda_item_get_number (first) > 1 ? ref_meeting_next_item_number (previous) : 1;
}

RefMeeting *
ref_meeting_new_from_previous (RefMeeting *previous, GDateTime *start)
{
  RefMeeting *meeting;
  GListModel *list;
  guint number;

  g_return_val_if_fail (REF_IS_MEETING (previous), NULL);

  meeting = ref_meeting_new ();
  ref_meeting_set_kind (meeting, ref_meeting_get_kind (previous));
  ref_meeting_set_edition (meeting, ref_meeting_get_edition (previous));
  ref_meeting_set_organisation (meeting, ref_meeting_get_organisation (previous));
  ref_meeting_set_committee (meeting, ref_meeting_get_committee (previous));
  ref_meeting_set_location (meeting, ref_meeting_get_location (previous));
  ref_meeting_set_language (meeting, ref_meeting_get_language (previous));
  ref_meeting_set_start (meeting, start);

  list = ref_meeting_get_participants (previous);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (list, i);
      g_autoptr (RefParticipant) copy = NULL;

      if (!carries_over (p))
        continue;
      copy = copy_participant (p);
      ref_meeting_add_participant (meeting, copy);
    }

  list = ref_meeting_get_items (previous);
  number = first_number (previous);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (list, i);
      g_autoptr (RefAgendaItem) copy = NULL;

      if (!is_standing_item (item))
        continue;
      copy = ref_agenda_item_new ();
      ref_agenda_item_set_number (copy, number++);
      ref_agenda_item_set_title (copy, ref_agenda_item_get_title (item));
      ref_agenda_item_set_case_number (copy, ref_agenda_item_get_case_number (item));
      ref_agenda_item_set_kind (copy, ref_agenda_item_get_kind (item));
      ref_meeting_add_item (meeting, copy);
    }

  ref_history_clear (ref_meeting_get_history (meeting));
  return meeting;
}
