/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <pango/pango.h>
#include <string.h>

#include "ref-diff.h"
#include "ref-xml.h"

/* The entry for @item's @field; fails the test when there is none. */
static RefDiffEntry *
find (GPtrArray *entries, guint item, const char *field)
{
  for (guint i = 0; i < entries->len; i++)
    {
      RefDiffEntry *e = g_ptr_array_index (entries, i);
      if (e->item == item && g_str_equal (e->field, field))
        return e;
    }
  g_error ("no change reported for item %u, %s", item, field);
}

static void
test_identical (void)
{
  g_autoptr (RefMeeting) a = ref_sample_meeting_new (NULL);
  g_autoptr (RefMeeting) b = ref_sample_meeting_new (NULL);
  g_autoptr (GPtrArray) entries = ref_diff_meetings (a, b);

  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_changes (void)
{
  g_autoptr (RefMeeting) a = ref_sample_meeting_new (NULL);
  g_autoptr (RefMeeting) b = ref_sample_meeting_new (NULL);
  g_autoptr (RefAgendaItem) extra = ref_agenda_item_new ();
  g_autoptr (RefText) decision_text = ref_text_new_paragraph ("Taget til efterretning med bemærkninger");
  g_autoptr (RefDecision) d = NULL;
  g_autoptr (RefParticipant) first = g_list_model_get_item (ref_meeting_get_participants (b), 0);
  g_autoptr (GPtrArray) entries = NULL;
  RefDiffEntry *e;

  d = g_list_model_get_item (ref_agenda_item_get_decisions (ref_meeting_find_item_by_number (b, 3)), 0);
  ref_decision_set_text (d, decision_text);
  ref_meeting_remove_item (b, ref_meeting_find_item_by_number (b, 2));
  ref_agenda_item_set_number (extra, 11);
  ref_agenda_item_set_title (extra, "Eventuelt");
  ref_meeting_add_item (b, extra);
  ref_participant_set_attendance (first, REF_ATTENDANCE_ABSENT);
  ref_meeting_set_location (b, "Rådhuset");

  entries = ref_diff_meetings (a, b);
  e = find (entries, 3, "Beslutning 1");
  g_assert_nonnull (e);
  g_assert_cmpint (e->kind, ==, REF_DIFF_CHANGED);
  g_assert_cmpstr (e->new_text, ==, "Taget til efterretning med bemærkninger");
  e = find (entries, 2, "Punkt");
  g_assert_nonnull (e);
  g_assert_cmpint (e->kind, ==, REF_DIFF_REMOVED);
  e = find (entries, 11, "Punkt");
  g_assert_nonnull (e);
  g_assert_cmpint (e->kind, ==, REF_DIFF_ADDED);
  g_assert_cmpstr (e->new_text, ==, "Eventuelt");
  e = find (entries, 0, "Mødested");
  g_assert_nonnull (e);
  e = find (entries, 0, "Mødedeltager");
  g_assert_nonnull (e);
  g_assert_nonnull (strstr (e->new_text, "absent"));
  /* Nothing else changed: item 6's vote or item 4's two "Sagsfremstilling" are equal. */
  g_assert_cmpuint (entries->len, ==, 5);
}

/* Issue 18: a recorded outcome that changed is a change, also where the wording did
 * not; a decision with only an outcome compares as its standard sentence. */
static void
test_outcome (void)
{
  g_autoptr (RefMeeting) a = ref_sample_meeting_new (NULL);
  g_autoptr (RefMeeting) b = ref_sample_meeting_new (NULL);
  g_autoptr (RefDecision) d3 = NULL, d5 = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  RefDiffEntry *e;

  d3 = g_list_model_get_item (ref_agenda_item_get_decisions (ref_meeting_find_item_by_number (b, 3)), 0);
  ref_decision_set_outcome (d3, REF_DECISION_OUTCOME_POSTPONED);
  d5 = g_list_model_get_item (ref_agenda_item_get_decisions (ref_meeting_find_item_by_number (b, 5)), 0);
  ref_decision_set_text (d5, NULL);
  ref_decision_set_outcome (d5, REF_DECISION_OUTCOME_REJECTED);

  entries = ref_diff_meetings (a, b);
  e = find (entries, 3, "Beslutning 1, udfald");
  g_assert_cmpint (e->kind, ==, REF_DIFF_ADDED);
  g_assert_cmpstr (e->new_text, ==, "Udsat.");
  e = find (entries, 5, "Beslutning 1");
  g_assert_cmpint (e->kind, ==, REF_DIFF_CHANGED);
  g_assert_cmpstr (e->new_text, ==, "Ikke godkendt.");
}

static void
test_mark_words (void)
{
  g_autofree char *marked = ref_diff_mark_words ("For stemte: 5, A og B", "For stemte: 6, A og C");

  g_assert_cmpstr (marked, ==, "For stemte: [-5,-] {+6,+} A og [-B-] {+C+}");
}

static void
test_markup (void)
{
  g_autofree char *markup = ref_diff_mark_words_markup ("Bo & Co", "Bo <og> Co");

  g_assert_cmpstr (markup, ==, "Bo <span strikethrough=\"true\" foreground=\"#c01c28\">&amp;</span> "
                               "<span foreground=\"#26a269\" weight=\"bold\">&lt;og&gt;</span> Co");
  /* Valid Pango markup. */
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diff/identical", test_identical);
  g_test_add_func ("/diff/changes", test_changes);
  g_test_add_func ("/diff/outcome", test_outcome);
  g_test_add_func ("/diff/mark-words", test_mark_words);
  g_test_add_func ("/diff/markup", test_markup);
  return g_test_run ();
}
