/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ref-esdh-private.h"

/*
 * Fujitsu eDoc agenda XML: Root with every element in the namespace
 * http://www.fujitsu.dk/agenda/xml/schemas/2009/03/31/ › Committee (Name) › Meeting
 * (MeetingDateTime, EndDateTime "dd-MM-yyyy HH:mm", MeetingLocation,
 * MeetingParticipants with Name, RoleInMeeting, Participate, PoliticalParty) › Agenda
 * (Type, State) › AgendaElements › AgendaElement (AccessIsPublic, SortOrder, Absences,
 * HandlingItem with SerialNo, Title, NeutralTitle, CaseNumber, CasePresentations with
 * Title, HTML Content and IsDecision, Attachments with Title and Link).
 */

#define FUJITSU_NAMESPACE_PREFIX "http://www.fujitsu.dk/agenda/"

static gboolean
fujitsu_probe (xmlNode *root)
{
  xmlNode *committee = esdh_child (root, "Committee");

  if (!esdh_is (root, "Root") || committee == NULL)
    return FALSE;
  if (committee->ns != NULL && committee->ns->href != NULL
      && g_str_has_prefix ((const char *) committee->ns->href, FUJITSU_NAMESPACE_PREFIX))
    return TRUE;
  return esdh_path (committee, "Meeting/Agenda/AgendaElements") != NULL;
}

static void
read_participants (EsdhReader *r, xmlNode *meeting, GHashTable *by_id)
{
  for (xmlNode *p = esdh_path (meeting, "MeetingParticipants/MeetingParticipant"); p != NULL;
       p = esdh_next (p, "MeetingParticipant"))
    {
      g_autofree char *name = esdh_path_text (p, "Name");
      g_autofree char *party = esdh_path_text (p, "PoliticalPartyList");
      g_autofree char *role = esdh_path_text (p, "RoleInMeeting");
      g_autofree char *participate = esdh_path_text (p, "Participate");
      g_autofree char *secretary = esdh_path_text (p, "Secretary");
      g_autofree char *represent = esdh_path_text (p, "Represent");
      g_autofree char *id = esdh_path_text (p, "Identifier");
      RefAttendance attendance = participate == NULL ? REF_ATTENDANCE_UNKNOWN
                                 : esdh_parse_bool (participate, TRUE) ? REF_ATTENDANCE_PRESENT
                                                                        : REF_ATTENDANCE_ABSENT;
      RefParticipant *participant;

      if (party == NULL)
        party = esdh_path_text (p, "PoliticalParty");
      participant = esdh_add_participant (r, name, party, role, attendance);
      if (participant == NULL)
        continue;
      if (esdh_parse_bool (secretary, FALSE))
        ref_participant_set_participant_type (participant, REF_PARTICIPANT_TYPE_OFFICIAL);
      else if (represent != NULL && !esdh_parse_bool (represent, FALSE) && !g_ascii_isdigit (represent[0]))
        {
          /* Stands in for the member named. */
          RefParticipant *member = esdh_find_participant (r, represent);
          ref_participant_set_participant_type (participant, REF_PARTICIPANT_TYPE_SUBSTITUTE);
          if (member != NULL && member != participant)
            ref_participant_set_substitute_for (participant, member);
        }
      if (id != NULL)
        g_hash_table_insert (by_id, g_steal_pointer (&id), participant);
    }
  for (xmlNode *p = esdh_path (meeting, "MeetingParticipantExternals/MeetingParticipantExternal"); p != NULL;
       p = esdh_next (p, "MeetingParticipantExternal"))
    {
      g_autofree char *name = esdh_path_text (p, "Name");
      RefParticipant *participant = esdh_add_participant (r, name, NULL, NULL, REF_ATTENDANCE_UNKNOWN);

      if (participant != NULL && ref_participant_get_participant_type (participant) == REF_PARTICIPANT_TYPE_MEMBER)
        ref_participant_set_participant_type (participant, REF_PARTICIPANT_TYPE_GUEST);
    }
}

/* Absences name participants by name or by identifier, in whatever elements. */
static void
read_absences (EsdhReader *r, RefAgendaItem *item, xmlNode *absences, GHashTable *by_id)
{
  for (xmlNode *n = absences ? absences->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *text = NULL;
      RefParticipant *participant = NULL;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (n->children != NULL && n->children->type == XML_ELEMENT_NODE)
        {
          read_absences (r, item, n, by_id);
          continue;
        }
      text = esdh_text (n);
      if (text == NULL)
        continue;
      participant = g_hash_table_lookup (by_id, text);
      if (participant == NULL)
        participant = esdh_find_participant (r, text);
      if (participant != NULL)
        esdh_mark_absent_for_item (r, participant, item);
    }
}

static void
read_element (EsdhReader *r, xmlNode *element, GHashTable *by_id)
{
  xmlNode *handling = esdh_child (element, "HandlingItem");
  g_autofree char *serial = esdh_path_text (handling, "SerialNo");
  g_autofree char *sort = esdh_path_text (element, "SortOrder");
  g_autofree char *title = esdh_path_text (handling, "Title");
  g_autofree char *neutral = esdh_path_text (handling, "NeutralTitle");
  g_autofree char *case_number = esdh_path_text (handling, "CaseNumber");
  g_autofree char *is_public = esdh_path_text (element, "AccessIsPublic");
  g_autofree char *description = esdh_path_text (handling, "DescriptionText");
  const char *number_text = serial ? serial : sort;
  gboolean closed = !esdh_parse_bool (is_public, TRUE);
  RefAgendaItem *item;

  if (title == NULL)
    title = g_strdup (neutral);
  item = esdh_add_item (r, esdh_parse_number (number_text), title);
  ref_agenda_item_set_case_number (item, case_number);
  ref_agenda_item_set_closed (item, closed);
  /* The neutral title is what the public may read of a closed item. */
  if (closed && neutral != NULL && g_strcmp0 (neutral, title) != 0)
    ref_agenda_item_set_public_title (item, neutral);
  if (description != NULL)
    esdh_item_add_field (r, item, NULL, description, FALSE);

  for (xmlNode *p = esdh_path (handling, "CasePresentations/CasePresentation"); p != NULL;
       p = esdh_next (p, "CasePresentation"))
    {
      g_autofree char *caption = esdh_path_text (p, "Title");
      g_autofree char *content = esdh_path_text (p, "Content");
      g_autofree char *is_decision = esdh_path_text (p, "IsDecision");

      esdh_item_add_field (r, item, caption, content, esdh_parse_bool (is_decision, FALSE));
    }
  for (xmlNode *a = esdh_path (handling, "Attachments/Attachment"); a != NULL; a = esdh_next (a, "Attachment"))
    {
      g_autofree char *attachment_title = esdh_path_text (a, "Title");
      g_autofree char *link = esdh_path_text (a, "Link");

      esdh_item_add_attachment (r, item, attachment_title, link, NULL);
    }
  read_absences (r, item, esdh_child (element, "Absences"), by_id);
}

static gboolean
fujitsu_read (EsdhReader *r, xmlNode *root, GError **error)
{
  xmlNode *committee = esdh_child (root, "Committee");
  xmlNode *meeting = esdh_child (committee, "Meeting");
  xmlNode *agenda = esdh_child (meeting, "Agenda");
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = esdh_path_text (committee, "Name");
  g_autofree char *when = esdh_path_text (meeting, "MeetingDateTime");
  g_autofree char *until = esdh_path_text (meeting, "EndDateTime");
  g_autofree char *location = esdh_path_text (meeting, "MeetingLocation");
  g_autofree char *description = esdh_path_text (meeting, "DescriptionText");
  g_autofree char *type = esdh_path_text (agenda, "Type");
  g_autofree char *state = esdh_path_text (agenda, "State");
  g_autofree char *output = esdh_path_text (root, "OutputTypeEnumName");
  g_autoptr (GDateTime) start = esdh_parse_date_time (when, NULL);
  g_autoptr (GDateTime) end = esdh_parse_date_time (until, NULL);
  RefMeetingKind kind = REF_MEETING_KIND_AGENDA;

  if (meeting == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT,
                   _("“%s” is a Fujitsu eDoc export without a meeting"), r->display_name);
      return FALSE;
    }
  {
    g_autofree char *tidy = ref_caption_tidy (name);
    ref_meeting_set_committee (r->meeting, tidy);
  }
  ref_meeting_set_start (r->meeting, start);
  if (start != NULL && end != NULL && g_date_time_compare (end, start) > 0)
    ref_meeting_set_end (r->meeting, end);
  if (location == NULL)
    location = esdh_path_text (committee, "DefaultLocation");
  ref_meeting_set_location (r->meeting, location);
  if (!ref_caption_meeting_kind (type, &kind))
    ref_caption_meeting_kind (output, &kind);
  ref_meeting_set_kind (r->meeting, kind);
  if (state != NULL && ref_caption_is_draft (state))
    esdh_warn (r, state, _("The agenda’s state in the case system says it is not final"));
  if (description != NULL)
    {
      g_autoptr (RefText) remarks = esdh_html_to_text (description);
      if (!ref_text_is_empty (remarks))
        ref_meeting_set_remarks (r->meeting, remarks);
    }

  read_participants (r, meeting, by_id);
  for (xmlNode *e = esdh_path (agenda, "AgendaElements/AgendaElement"); e != NULL; e = esdh_next (e, "AgendaElement"))
    {
      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        return FALSE;
      read_element (r, e, by_id);
    }
  return TRUE;
}

const EsdhDialect ref_esdh_dialect_fujitsu = {
  "Fujitsu eDoc",
  fujitsu_probe,
  fujitsu_read,
};
