/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "ref-review.h"
#include "ref-xml.h"

static guint
count_kind (GPtrArray *problems, RefReviewKind kind)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    n += ((RefReviewProblem *) g_ptr_array_index (problems, i))->kind == kind;
  return n;
}

/* The published sample is ready for approval. */
static void
test_sample_clean (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) m = ref_sample_meeting_new (&error);
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_no_error (error);
  problems = ref_review_check (m);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((RefReviewProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_each_problem (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefAgendaItem) a = ref_agenda_item_new ();
  g_autoptr (RefAgendaItem) b = ref_agenda_item_new ();
  g_autoptr (RefAgendaItem) closed = ref_agenda_item_new ();
  g_autoptr (RefRecommendation) rec = ref_recommendation_new ();
  g_autoptr (RefDecision) d1 = ref_decision_new ();
  g_autoptr (RefDecision) d2 = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) empty = ref_text_new ();
  g_autoptr (GPtrArray) problems = NULL;
  RefReviewProblem *first;

  ref_participant_set_name (p, "Bo Bech");
  ref_meeting_add_participant (m, p); /* attendance unknown */
  ref_agenda_item_set_number (a, 1);
  ref_agenda_item_set_recommendation (a, rec); /* empty */
  ref_agenda_item_add_section (a, REF_SECTION_KIND_BACKGROUND, NULL, empty);
  ref_meeting_add_item (m, a); /* and no decision */
  ref_agenda_item_set_number (b, 1); /* duplicate */
  ref_decision_set_text (d1, text);
  ref_decision_set_deciding_body (d1, "Socialudvalget");
  ref_decision_set_text (d2, text); /* second body unnamed */
  ref_agenda_item_add_decision (b, d1);
  ref_agenda_item_add_decision (b, d2);
  ref_meeting_add_item (m, b);
  ref_agenda_item_set_number (closed, 3);
  ref_agenda_item_set_closed (closed, TRUE);
  ref_agenda_item_add_section (closed, REF_SECTION_KIND_CASE, NULL, text);
  ref_meeting_add_item (m, closed);
  {
    g_autoptr (RefComment) open_comment = ref_comment_new ();
    g_autoptr (RefComment) done = ref_comment_new ();

    ref_comment_set_author (open_comment, "Jens Hansen");
    ref_comment_set_text (open_comment, "Er beløbet rigtigt?");
    ref_comment_set_text (done, "Løst");
    ref_comment_set_resolved (done, TRUE);
    g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (b)), open_comment);
    g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (b)), done);
  }

  problems = ref_review_check (m);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_NO_COMMITTEE), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_NO_DATE), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_UNKNOWN_ATTENDANCE), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_NO_DECISION), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_EMPTY_RECOMMENDATION), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_EMPTY_SECTION), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_DUPLICATE_NUMBER), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_DECISION_WITHOUT_BODY), ==, 1);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_CLOSED_WITH_TEXT), ==, 1);
  /* Only the unresolved comment is listed, with its author and text. */
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_UNRESOLVED_COMMENT), ==, 1);
  for (guint i = 0; i < problems->len; i++)
    {
      RefReviewProblem *problem = g_ptr_array_index (problems, i);
      if (problem->kind == REF_REVIEW_UNRESOLVED_COMMENT)
        g_assert_nonnull (strstr (problem->message, "Jens Hansen: “Er beløbet rigtigt?”"));
    }
  /* Header problems first; item problems point at their item. */
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpint (first->kind, ==, REF_REVIEW_NO_COMMITTEE);
  for (guint i = 0; i < problems->len; i++)
    {
      RefReviewProblem *pr = g_ptr_array_index (problems, i);
      if (pr->kind == REF_REVIEW_NO_DECISION)
        g_assert_true (pr->item == a);
    }
  /* An agenda has no decisions yet: that is not a problem. */
  ref_meeting_set_kind (m, REF_MEETING_KIND_AGENDA);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = ref_review_check (m);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_NO_DECISION), ==, 0);
  g_assert_cmpuint (count_kind (problems, REF_REVIEW_UNKNOWN_ATTENDANCE), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/review/sample-clean", test_sample_clean);
  g_test_add_func ("/review/each-problem", test_each_problem);
  return g_test_run ();
}
