/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-meeting-live.h"

#include "ref-history.h"

int
ref_meeting_time_of_day (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, -1);
  return g_date_time_get_hour (time) * 60 + g_date_time_get_minute (time);
}

/* Where @item is on the agenda; items not on it (or none) sort last. */
static guint
agenda_position (RefMeeting *self, guint number)
{
  RefAgendaItem *item = number > 0 ? ref_meeting_find_item_by_number (self, number) : NULL;
  guint position;

  if (item == NULL || !ref_meeting_find_item_position (self, item, &position))
    return G_MAXUINT;
  return position;
}

/* Movements are read in order (ref_meeting_is_present_for_item()): a new one goes
 * after every movement at an earlier or the same point of the agenda, before the
 * ones at later points. Before an item comes before during it. */
static guint
movement_insert_position (RefMeeting *self, GListModel *movements, guint position, gboolean during)
{
  guint n = g_list_model_get_n_items (movements);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefMovement) m = g_list_model_get_item (movements, i);
      guint at = agenda_position (self, ref_movement_get_item (m));

      if (ref_movement_get_item (m) == 0)
        continue; /* only a time: cannot be placed, stays where it is */
      if (at > position || (at == position && during < ref_movement_get_during (m)))
        return i;
    }
  return n;
}

RefMovement *
ref_meeting_record_movement (RefMeeting *self, RefParticipant *participant, RefMovementKind kind,
                             RefAgendaItem *item, gboolean during, int time)
{
  RefHistory *history;
  GListModel *movements;
  g_autoptr (RefMovement) movement = NULL;
  guint position;

  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  g_return_val_if_fail (REF_IS_PARTICIPANT (participant), NULL);
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (item), NULL);
  g_return_val_if_fail (ref_meeting_find_item_position (self, item, &position), NULL);

  history = ref_meeting_get_history (self);
  movements = ref_participant_get_movements (participant);
  movement = ref_movement_new ();
  ref_movement_set_kind (movement, kind);
  ref_movement_set_item (movement, ref_agenda_item_get_number (item));
  ref_movement_set_during (movement, during);
  ref_movement_set_time (movement, time);

  ref_history_seal (history);
  ref_history_begin_group (history);
  ref_list_store_insert (G_LIST_STORE (movements), movement_insert_position (self, movements, position, during),
                         movement);
  /* "absent" would win over every movement: someone who sent apologies and came
   * after all attended part of the meeting, as does someone who left. */
  ref_participant_set_attendance (participant, REF_ATTENDANCE_PARTIAL);
  ref_history_end_group (history);
  return movement; /* the list holds it */
}

RefParticipant *
ref_meeting_add_substitute (RefMeeting *self, const char *name, const char *party, RefParticipant *member,
                            RefAgendaItem *arrived_at, gboolean during, int time)
{
  RefHistory *history;
  GListModel *participants;
  g_autoptr (RefParticipant) substitute = NULL;
  guint position;

  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (REF_IS_PARTICIPANT (member), NULL);
  g_return_val_if_fail (arrived_at == NULL || REF_IS_AGENDA_ITEM (arrived_at), NULL);

  participants = ref_meeting_get_participants (self);
  if (!g_list_store_find (G_LIST_STORE (participants), member, &position))
    g_return_val_if_reached (NULL);

  history = ref_meeting_get_history (self);
  substitute = ref_participant_new ();
  ref_participant_set_name (substitute, name);
  ref_participant_set_party (substitute, party);
  ref_participant_set_participant_type (substitute, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  ref_participant_set_substitute_for (substitute, member);
  ref_participant_set_attendance (substitute, REF_ATTENDANCE_PRESENT);

  ref_history_seal (history);
  ref_history_begin_group (history);
  ref_list_store_insert (G_LIST_STORE (participants), position + 1, substitute);
  if (arrived_at != NULL)
    ref_meeting_record_movement (self, substitute, REF_MOVEMENT_KIND_ARRIVED, arrived_at, during, time);
  ref_history_end_group (history);
  return substitute; /* the list holds it */
}

RefDecision *
ref_meeting_add_decision (RefMeeting *self, RefAgendaItem *item)
{
  RefHistory *history;
  g_autoptr (RefDecision) decision = NULL;
  GDateTime *start;

  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (item), NULL);

  history = ref_meeting_get_history (self);
  decision = ref_decision_new ();
  ref_decision_set_deciding_body (decision, ref_meeting_get_committee (self));
  start = ref_meeting_get_start (self);
  if (start != NULL)
    {
      /* A decision has a date, not a time (the file keeps YYYY-MM-DD). */
      g_autoptr (GDateTime) date = g_date_time_new_utc (g_date_time_get_year (start), g_date_time_get_month (start),
                                                        g_date_time_get_day_of_month (start), 0, 0, 0);
      ref_decision_set_date (decision, date);
    }
  ref_history_seal (history);
  ref_history_begin_group (history);
  ref_agenda_item_add_decision (item, decision);
  ref_history_end_group (history);
  return decision; /* the item holds it */
}
