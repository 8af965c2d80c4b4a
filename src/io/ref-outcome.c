/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-outcome.h"

#include "ref-captions.h"

static void
record_all (GListModel *decisions)
{
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (decisions, i);
      ref_caption_record_outcome (decision);
    }
}

void
ref_meeting_record_outcomes (RefMeeting *meeting)
{
  GListModel *items;

  g_return_if_fail (REF_IS_MEETING (meeting));
  items = ref_meeting_get_items (meeting);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      record_all (ref_agenda_item_get_decisions (item));
      record_all (ref_agenda_item_get_prior_decisions (item));
    }
}
