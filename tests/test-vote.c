/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"

/* RefVote: "For stemte: 5 (A, B, V); Imod stemte: 1 (Ø); Undlod at stemme: 1 (F)". */

static void
test_counts (void)
{
  g_autoptr (RefVote) vote = ref_vote_new (5, 1, 2);
  g_autoptr (RefVote) partial = ref_vote_new (7, 0, -1);

  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR), ==, 5);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_AGAINST), ==, 1);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_ABSTAIN), ==, 2);
  /* -1: not recorded, which is not the same as 0. */
  g_assert_cmpint (ref_vote_get_count (partial, REF_VOTE_CHOICE_AGAINST), ==, 0);
  g_assert_cmpint (ref_vote_get_count (partial, REF_VOTE_CHOICE_ABSTAIN), ==, -1);
  g_assert_cmpuint (ref_vote_get_n_voters (vote), ==, 0);
}

static void
test_voters_by_choice (void)
{
  g_autoptr (RefVote) vote = ref_vote_new (2, 1, 1);
  g_auto (GStrv) for_ = NULL;
  g_auto (GStrv) against = NULL;
  g_auto (GStrv) abstain = NULL;
  RefVoteChoice choice = REF_VOTE_CHOICE_FOR;

  ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
  ref_vote_add_voter (vote, REF_VOTE_CHOICE_AGAINST, "Kate Svarrer (løsgænger)");
  ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Søren Ærø (V)");
  ref_vote_add_voter (vote, REF_VOTE_CHOICE_ABSTAIN, "Åse Øster (F)");

  g_assert_cmpuint (ref_vote_get_n_voters (vote), ==, 4);
  g_assert_cmpstr (ref_vote_get_voter (vote, 1, &choice), ==, "Kate Svarrer (løsgænger)");
  g_assert_cmpint (choice, ==, REF_VOTE_CHOICE_AGAINST);
  g_assert_cmpstr (ref_vote_get_voter (vote, 3, NULL), ==, "Åse Øster (F)");

  for_ = ref_vote_get_voters (vote, REF_VOTE_CHOICE_FOR);
  against = ref_vote_get_voters (vote, REF_VOTE_CHOICE_AGAINST);
  abstain = ref_vote_get_voters (vote, REF_VOTE_CHOICE_ABSTAIN);
  /* In the order they were added. */
  g_assert_cmpuint (g_strv_length (for_), ==, 2);
  g_assert_cmpstr (for_[0], ==, "Maria Assov (A)");
  g_assert_cmpstr (for_[1], ==, "Søren Ærø (V)");
  g_assert_cmpuint (g_strv_length (against), ==, 1);
  g_assert_cmpstr (against[0], ==, "Kate Svarrer (løsgænger)");
  g_assert_cmpuint (g_strv_length (abstain), ==, 1);
  g_assert_cmpstr (abstain[0], ==, "Åse Øster (F)");
}

static void
test_voters_none (void)
{
  g_autoptr (RefVote) vote = ref_vote_new (3, 0, 0);
  g_auto (GStrv) against = NULL;

  ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
  against = ref_vote_get_voters (vote, REF_VOTE_CHOICE_AGAINST);
  /* An empty list, not NULL. */
  g_assert_nonnull (against);
  g_assert_cmpuint (g_strv_length (against), ==, 0);
}

static void
test_outcome (void)
{
  g_autoptr (RefVote) vote = ref_vote_new (5, 1, 1);

  g_assert_cmpstr (ref_vote_get_outcome (vote), ==, "");
  ref_vote_set_outcome (vote, "Indstillingen blev dermed godkendt.");
  g_assert_cmpstr (ref_vote_get_outcome (vote), ==, "Indstillingen blev dermed godkendt.");
  ref_vote_set_outcome (vote, "");
  g_assert_cmpstr (ref_vote_get_outcome (vote), ==, "");
  ref_vote_set_outcome (vote, "Forkastet.");
  ref_vote_set_outcome (vote, NULL);
  g_assert_cmpstr (ref_vote_get_outcome (vote), ==, "");
}

static RefVote *
make_vote (void)
{
  RefVote *vote = ref_vote_new (5, 1, -1);

  ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
  ref_vote_add_voter (vote, REF_VOTE_CHOICE_AGAINST, "Kate Svarrer (løsgænger)");
  ref_vote_set_outcome (vote, "Indstillingen blev dermed godkendt.");
  return vote;
}

static void
test_equal (void)
{
  g_autoptr (RefVote) a = make_vote ();
  g_autoptr (RefVote) b = make_vote ();

  g_assert_true (ref_vote_equal (a, a));
  g_assert_true (ref_vote_equal (a, b));
  g_assert_true (ref_vote_equal (NULL, NULL));
  g_assert_false (ref_vote_equal (a, NULL));
  g_assert_false (ref_vote_equal (NULL, a));
}

static void
test_equal_counts_differ (void)
{
  g_autoptr (RefVote) a = ref_vote_new (5, 1, -1);
  g_autoptr (RefVote) b = ref_vote_new (5, 1, 0);
  g_autoptr (RefVote) c = ref_vote_new (4, 1, -1);

  g_assert_false (ref_vote_equal (a, b));
  g_assert_false (ref_vote_equal (a, c));
}

static void
test_equal_voters_differ (void)
{
  g_autoptr (RefVote) a = make_vote ();
  g_autoptr (RefVote) extra = make_vote ();
  g_autoptr (RefVote) other_choice = ref_vote_new (5, 1, -1);
  g_autoptr (RefVote) other_order = ref_vote_new (5, 1, -1);

  ref_vote_add_voter (extra, REF_VOTE_CHOICE_FOR, "Søren Ærø (V)");
  g_assert_false (ref_vote_equal (a, extra));

  ref_vote_add_voter (other_choice, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
  ref_vote_add_voter (other_choice, REF_VOTE_CHOICE_ABSTAIN, "Kate Svarrer (løsgænger)");
  ref_vote_set_outcome (other_choice, "Indstillingen blev dermed godkendt.");
  g_assert_false (ref_vote_equal (a, other_choice));

  ref_vote_add_voter (other_order, REF_VOTE_CHOICE_AGAINST, "Kate Svarrer (løsgænger)");
  ref_vote_add_voter (other_order, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
  ref_vote_set_outcome (other_order, "Indstillingen blev dermed godkendt.");
  g_assert_false (ref_vote_equal (a, other_order));
}

static void
test_equal_outcome (void)
{
  g_autoptr (RefVote) a = ref_vote_new (1, 0, 0);
  g_autoptr (RefVote) b = ref_vote_new (1, 0, 0);

  /* No outcome and an empty outcome are the same. */
  ref_vote_set_outcome (b, "");
  g_assert_true (ref_vote_equal (a, b));
  ref_vote_set_outcome (b, "Godkendt.");
  g_assert_false (ref_vote_equal (a, b));
}

/* A refcounted value: copying the boxed type shares it. */
static void
test_boxed (void)
{
  g_autoptr (RefVote) vote = make_vote ();
  RefVote *copy = g_boxed_copy (REF_TYPE_VOTE, vote);

  g_assert_true (copy == vote);
  g_boxed_free (REF_TYPE_VOTE, copy);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vote/counts", test_counts);
  g_test_add_func ("/vote/voters-by-choice", test_voters_by_choice);
  g_test_add_func ("/vote/voters-none", test_voters_none);
  g_test_add_func ("/vote/outcome", test_outcome);
  g_test_add_func ("/vote/equal", test_equal);
  g_test_add_func ("/vote/equal-counts-differ", test_equal_counts_differ);
  g_test_add_func ("/vote/equal-voters-differ", test_equal_voters_differ);
  g_test_add_func ("/vote/equal-outcome", test_equal_outcome);
  g_test_add_func ("/vote/boxed", test_boxed);

  return g_test_run ();
}
