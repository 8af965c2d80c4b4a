/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-stats.h"

#include "ref-captions.h"

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; p && *p; p++)
    {
      guchar c = (guchar) *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static gboolean
has_partial_attendance (RefParticipant *p)
{
  GArray *attended = ref_participant_get_attended_items (p);

  return ref_participant_get_attendance (p) == REF_ATTENDANCE_PARTIAL
         || g_list_model_get_n_items (ref_participant_get_movements (p)) > 0
         || (attended != NULL && attended->len > 0);
}

static gboolean
has_recommendation (RefAgendaItem *item)
{
  RefRecommendation *rec = ref_agenda_item_get_recommendation (item);

  return rec != NULL && !ref_text_is_empty (ref_recommendation_get_text (rec));
}

static void
count_outcomes (GListModel *decisions, guint outcomes[REF_CAPTION_N_OUTCOMES])
{
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (decisions, i);
      outcomes[ref_caption_outcome_of_decision (decision)]++;
    }
}

char *
ref_meeting_stats_to_json (RefMeeting *meeting)
{
  GListModel *items = ref_meeting_get_items (meeting);
  GListModel *participants = ref_meeting_get_participants (meeting);
  guint n_items = g_list_model_get_n_items (items);
  guint n_participants = g_list_model_get_n_items (participants);
  guint closed = 0, with_rec = 0, with_decision = 0, decisions = 0, disqualifications = 0;
  guint members = 0, officials = 0, absent = 0, substitutes = 0, partial = 0;
  guint outcomes[REF_CAPTION_N_OUTCOMES] = { 0 };
  g_autofree char *date = NULL;
  GString *out = g_string_new ("{\n");

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);

      closed += ref_agenda_item_get_closed (item);
      with_rec += has_recommendation (item);
      with_decision += ref_agenda_item_has_decision (item);
      decisions += g_list_model_get_n_items (ref_agenda_item_get_decisions (item));
      count_outcomes (ref_agenda_item_get_decisions (item), outcomes);
      disqualifications += g_list_model_get_n_items (ref_agenda_item_get_disqualifications (item));
    }
  for (guint i = 0; i < n_participants; i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      RefParticipantType type = ref_participant_get_participant_type (p);

      members += type == REF_PARTICIPANT_TYPE_MEMBER;
      officials += type == REF_PARTICIPANT_TYPE_OFFICIAL;
      substitutes += type == REF_PARTICIPANT_TYPE_SUBSTITUTE || ref_participant_get_substitute_for (p) != NULL;
      absent += ref_participant_get_attendance (p) == REF_ATTENDANCE_ABSENT;
      partial += has_partial_attendance (p);
    }
  if (ref_meeting_get_start (meeting) != NULL)
    date = g_date_time_format (ref_meeting_get_start (meeting), "%Y-%m-%d");

  g_string_append (out, "  \"committee\": ");
  json_string (out, ref_meeting_get_committee (meeting));
  g_string_append (out, ",\n  \"date\": ");
  json_string (out, date ? date : "");
  g_string_append_printf (out, ",\n  \"kind\": \"%s\"", ref_enum_to_nick (REF_TYPE_MEETING_KIND, ref_meeting_get_kind (meeting)));
  g_string_append_printf (out, ",\n  \"items\": %u", n_items);
  g_string_append_printf (out, ",\n  \"open_items\": %u", n_items - closed);
  g_string_append_printf (out, ",\n  \"closed_items\": %u", closed);
  g_string_append_printf (out, ",\n  \"with_recommendation\": %u", with_rec);
  g_string_append_printf (out, ",\n  \"with_decision\": %u", with_decision);
  g_string_append_printf (out, ",\n  \"decisions\": %u", decisions);
  /* What the decisions decided: as recorded, or as the wording of older files says. */
  g_string_append (out, ",\n  \"outcomes\": {");
  for (guint o = REF_CAPTION_OUTCOME_APPROVED; o < REF_CAPTION_N_OUTCOMES; o++)
    g_string_append_printf (out, "%s\"%s\": %u", o == REF_CAPTION_OUTCOME_APPROVED ? " " : ", ",
                            ref_caption_outcome_to_nick (o), outcomes[o]);
  g_string_append_printf (out, ", \"unknown\": %u }", outcomes[REF_CAPTION_OUTCOME_NONE]);
  g_string_append_printf (out, ",\n  \"participants\": %u", n_participants);
  g_string_append_printf (out, ",\n  \"members\": %u", members);
  g_string_append_printf (out, ",\n  \"officials\": %u", officials);
  g_string_append_printf (out, ",\n  \"absent\": %u", absent);
  g_string_append_printf (out, ",\n  \"substitutes\": %u", substitutes);
  g_string_append_printf (out, ",\n  \"partial_attendance\": %u", partial);
  g_string_append_printf (out, ",\n  \"disqualifications\": %u", disqualifications);
  g_string_append_printf (out, ",\n  \"approvals\": %u\n}\n",
                          g_list_model_get_n_items (ref_meeting_get_approvals (meeting)));
  return g_string_free (out, FALSE);
}
