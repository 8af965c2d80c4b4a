/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ref-review.h"

static void
problem_free (gpointer data)
{
  RefReviewProblem *p = data;

  g_clear_object (&p->item);
  g_clear_object (&p->participant);
  g_free (p->message);
  g_free (p);
}

G_GNUC_PRINTF (5, 6)
static void
add (GPtrArray *problems, RefReviewKind kind, RefAgendaItem *item, RefParticipant *participant, const char *format, ...)
{
  RefReviewProblem *p = g_new0 (RefReviewProblem, 1);
  va_list args;

  p->kind = kind;
  p->item = item ? g_object_ref (item) : NULL;
  p->participant = participant ? g_object_ref (participant) : NULL;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, p);
}

static gboolean
decision_says_something (RefDecision *d)
{
  return !ref_text_is_empty (ref_decision_get_text (d)) || ref_decision_get_vote (d) != NULL;
}

static void
check_item (GPtrArray *problems, RefMeeting *meeting, RefAgendaItem *item)
{
  guint number = ref_agenda_item_get_number (item);
  GListModel *decisions = ref_agenda_item_get_decisions (item);
  GListModel *sections = ref_agenda_item_get_sections (item);
  RefRecommendation *rec = ref_agenda_item_get_recommendation (item);
  guint n_decisions = g_list_model_get_n_items (decisions);
  gboolean minutes = ref_meeting_get_kind (meeting) == REF_MEETING_KIND_MINUTES;

  /* Minutes record a decision on every open item; the signature item has none. */
  if (minutes && !ref_agenda_item_get_closed (item) && ref_agenda_item_get_kind (item) == REF_ITEM_KIND_REGULAR
      && !ref_agenda_item_has_decision (item))
    add (problems, REF_REVIEW_NO_DECISION, item, NULL, _("Item %u has no decision yet."), number);
  if (rec != NULL && ref_text_is_empty (ref_recommendation_get_text (rec)))
    add (problems, REF_REVIEW_EMPTY_RECOMMENDATION, item, NULL, _("The recommendation of item %u has no text."), number);
  /* With several deciding bodies, each decision must say whose it is. */
  if (n_decisions > 1)
    for (guint i = 0; i < n_decisions; i++)
      {
        g_autoptr (RefDecision) d = g_list_model_get_item (decisions, i);
        if (*ref_decision_get_deciding_body (d) == '\0' && decision_says_something (d))
          add (problems, REF_REVIEW_DECISION_WITHOUT_BODY, item, NULL,
               _("Item %u has several decisions, and decision %u does not name its deciding body."), number, i + 1);
      }
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr (RefSection) s = g_list_model_get_item (sections, i);
      if (ref_section_get_kind (s) != REF_SECTION_KIND_CONTENT && ref_text_is_empty (ref_section_get_text (s)))
        add (problems, REF_REVIEW_EMPTY_SECTION, item, NULL, _("The section “%s” of item %u is empty."),
             ref_section_get_display_heading (s), number);
    }
  /* A reviewer's open question should be answered before anyone approves. */
  {
    GListModel *comments = ref_agenda_item_get_comments (item);
    for (guint i = 0; i < g_list_model_get_n_items (comments); i++)
      {
        g_autoptr (RefComment) c = g_list_model_get_item (comments, i);
        const char *author = ref_comment_get_author (c);

        if (ref_comment_get_resolved (c))
          continue;
        if (*author)
          add (problems, REF_REVIEW_UNRESOLVED_COMMENT, item, NULL,
               _("Item %u has an unresolved comment by %s: “%s”"), number, author, ref_comment_get_text (c));
        else
          add (problems, REF_REVIEW_UNRESOLVED_COMMENT, item, NULL,
               _("Item %u has an unresolved comment: “%s”"), number, ref_comment_get_text (c));
      }
  }
  /* The public edition prints only the title of a closed item: its text will not be
   * published, which is intended, but worth a look before approval. */
  if (ref_agenda_item_get_closed (item) && ref_meeting_get_edition (meeting) == REF_EDITION_PUBLIC)
    {
      gboolean has_text = g_list_model_get_n_items (sections) > 0 || n_decisions > 0 || rec != NULL;
      if (has_text)
        add (problems, REF_REVIEW_CLOSED_WITH_TEXT, item, NULL,
             _("Item %u is closed but has text; the public edition prints only its title."), number);
    }
}

GPtrArray *
ref_review_check (RefMeeting *meeting)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (problem_free);
  GListModel *participants;
  GListModel *items;
  g_autoptr (GHashTable) numbers = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (REF_IS_MEETING (meeting), problems);

  if (*ref_meeting_get_committee (meeting) == '\0')
    add (problems, REF_REVIEW_NO_COMMITTEE, NULL, NULL, _("The meeting has no committee."));
  if (ref_meeting_get_start (meeting) == NULL)
    add (problems, REF_REVIEW_NO_DATE, NULL, NULL, _("The meeting has no date."));

  participants = ref_meeting_get_participants (meeting);
  if (ref_meeting_get_kind (meeting) == REF_MEETING_KIND_MINUTES)
    for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
      {
        g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
        if (ref_participant_get_attendance (p) == REF_ATTENDANCE_UNKNOWN)
          add (problems, REF_REVIEW_UNKNOWN_ATTENDANCE, NULL, p, _("The attendance of %s is not recorded."),
               ref_participant_get_name (p));
      }

  items = ref_meeting_get_items (meeting);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      guint number = ref_agenda_item_get_number (item);

      if (!g_hash_table_add (numbers, GUINT_TO_POINTER (number)))
        add (problems, REF_REVIEW_DUPLICATE_NUMBER, item, NULL, _("Two items have the number %u."), number);
      check_item (problems, meeting, item);
    }
  return problems;
}
