/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ref-esdh-private.h"

/*
 * KMD eDoc "AgendaPublishing": Meeting › Committee, MeetingDate, MeetingState,
 * MeetingAgendaTypes › MeetingAgendaType (the open and the closed agenda: AgendaType,
 * FullText of the whole agenda) › MeetingAgendaItems › MeetingAgendaItem
 * (AgendaItemNumber, FullText of the item, Document with Title, the item's
 * AgendaItems on each committee's agenda with AgendaItemType, and Attachments with
 * Title and PDFDocument). The item's text exists only as the plain FullText, which
 * ref-esdh-fulltext.c splits at its captions; the front page (participants, place) is
 * the first lines of the agenda's FullText.
 */

static gboolean
kmd_probe (xmlNode *root)
{
  return esdh_is (root, "Meeting") && esdh_child (root, "MeetingAgendaTypes") != NULL;
}

typedef struct {
  char *committee;
  GDateTime *date;
} Handling;

static void
handling_free (gpointer data)
{
  Handling *h = data;

  g_free (h->committee);
  g_clear_pointer (&h->date, g_date_time_unref);
  g_free (h);
}

static int
compare_handlings (gconstpointer a, gconstpointer b)
{
  const Handling *ha = *(Handling *const *) a, *hb = *(Handling *const *) b;

  if (ha->date == NULL || hb->date == NULL)
    return (ha->date == NULL) - (hb->date == NULL);
  return g_date_time_compare (ha->date, hb->date);
}

/* The item on each committee's agenda: this committee's gives the case type; all of
 * them, by date, the route of the case. */
static void
read_handlings (EsdhReader *r, RefAgendaItem *item, xmlNode *document)
{
  g_autoptr (GPtrArray) handlings = g_ptr_array_new_with_free_func (handling_free);
  const char *committee = ref_meeting_get_committee (r->meeting);

  for (xmlNode *a = esdh_path (document, "AgendaItems/AgendaItem"); a != NULL; a = esdh_next (a, "AgendaItem"))
    {
      Handling *h = g_new0 (Handling, 1);
      g_autofree char *planned = esdh_path_text (a, "MeetingDate");

      h->committee = esdh_path_text (a, "Committee");
      if (planned == NULL)
        planned = esdh_path_text (a, "PlannedMeetingDate");
      h->date = esdh_parse_date_time (planned, NULL);
      if (h->committee == NULL)
        {
          handling_free (h);
          continue;
        }
      if (g_utf8_collate (h->committee, committee) == 0 && ref_agenda_item_get_case_type (item) == REF_CASE_TYPE_NONE)
        {
          g_autofree char *type = esdh_path_text (a, "AgendaItemType");
          RefCaseType case_type = ref_caption_case_type (type);

          if (case_type != REF_CASE_TYPE_NONE)
            {
              ref_agenda_item_set_case_type (item, case_type);
              ref_agenda_item_set_case_type_label (item, type);
            }
        }
      g_ptr_array_add (handlings, h);
    }
  if (handlings->len > 1)
    {
      g_autoptr (GPtrArray) route = g_ptr_array_new ();

      g_ptr_array_sort (handlings, compare_handlings);
      for (guint i = 0; i < handlings->len; i++)
        g_ptr_array_add (route, ((Handling *) handlings->pdata[i])->committee);
      g_ptr_array_add (route, NULL);
      ref_agenda_item_set_case_route (item, (const char *const *) route->pdata);
    }
}

static void
read_item (EsdhReader *r, xmlNode *node, gboolean closed)
{
  xmlNode *document = esdh_child (node, "Document");
  g_autofree char *number_text = esdh_path_text (node, "AgendaItemNumber");
  g_autofree char *title = esdh_path_text (document, "Title");
  g_autofree char *full_text = NULL;
  guint number = esdh_parse_number (number_text);
  RefAgendaItem *item;

  if (title == NULL)
    title = esdh_path_text (document, "NeutralTitle");
  if (title == NULL)
    title = esdh_path_text (document, "AgendaItems/AgendaItem/Name");
  item = esdh_add_item (r, number, title);
  ref_agenda_item_set_closed (item, closed);
  read_handlings (r, item, document);

  /* Attachments first: the text's "Bilag" list is matched against them. */
  for (xmlNode *a = esdh_path (document, "Attachments/Attachment"); a != NULL; a = esdh_next (a, "Attachment"))
    {
      g_autofree char *attachment_title = esdh_path_text (a, "Title");
      g_autofree char *pdf = esdh_path_text (a, "PDFDocument");

      esdh_item_add_attachment (r, item, attachment_title, pdf, NULL);
    }

  full_text = esdh_path_text (node, "FullText");
  if (full_text == NULL)
    full_text = esdh_path_text (document, "FullText");
  esdh_item_read_full_text (r, item, full_text);
}

static gboolean
kmd_read (EsdhReader *r, xmlNode *root, GError **error)
{
  g_autofree char *committee = esdh_path_text (root, "Committee");
  g_autofree char *date = esdh_path_text (root, "MeetingDate");
  g_autofree char *state = esdh_path_text (root, "MeetingState");
  g_autoptr (GDateTime) start = esdh_parse_date_time (date, NULL);
  gboolean front_page_read = FALSE;
  RefMeetingKind kind = REF_MEETING_KIND_AGENDA;

  {
    g_autofree char *tidy = ref_caption_tidy (committee);
    ref_meeting_set_committee (r->meeting, tidy);
  }
  ref_meeting_set_start (r->meeting, start);
  /* "Referat endeligt godkendt": minutes; "Dagsorden …": an agenda. */
  if (state != NULL)
    {
      ref_caption_meeting_kind (state, &kind);
      if (ref_caption_is_draft (state))
        esdh_warn (r, state, _("The meeting’s state in the case system says it is not final"));
    }
  ref_meeting_set_kind (r->meeting, kind);

  for (xmlNode *type = esdh_path (root, "MeetingAgendaTypes/MeetingAgendaType"); type != NULL;
       type = esdh_next (type, "MeetingAgendaType"))
    {
      g_autofree char *agenda_type = esdh_path_text (type, "AgendaType");
      gboolean closed = FALSE;

      ref_caption_access_closed (agenda_type, &closed);
      if (!front_page_read)
        {
          g_autofree char *front = esdh_path_text (type, "FullText");
          if (front != NULL)
            {
              esdh_read_front_page (r, front);
              front_page_read = TRUE;
            }
        }
      for (xmlNode *item = esdh_path (type, "MeetingAgendaItems/MeetingAgendaItem"); item != NULL;
           item = esdh_next (item, "MeetingAgendaItem"))
        {
          if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
            return FALSE;
          read_item (r, item, closed);
        }
    }
  return TRUE;
}

const EsdhDialect ref_esdh_dialect_kmd = {
  "KMD eDoc",
  kmd_probe,
  kmd_read,
};
