/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

/* Small builders shared by the model and history tests. */

/* Appends a new item numbered @number with @title; the meeting keeps it. */
static inline RefAgendaItem *
ref_test_add_item (RefMeeting *m, guint number, const char *title)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  ref_agenda_item_set_number (item, number);
  ref_agenda_item_set_title (item, title);
  ref_meeting_add_item (m, item);
  return item;
}

/* Appends a new participant called @name; the meeting keeps it. */
static inline RefParticipant *
ref_test_add_participant (RefMeeting *m, const char *name)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();

  ref_participant_set_name (p, name);
  ref_meeting_add_participant (m, p);
  return p;
}

/* The numbers of the meeting's items in list order: "82,83,84". */
static inline char *
ref_test_item_numbers (RefMeeting *m)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ref_meeting_get_n_items (m); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (m), i);
      g_string_append_printf (out, "%s%u", out->len ? "," : "", ref_agenda_item_get_number (item));
    }
  return g_string_free (out, FALSE);
}
