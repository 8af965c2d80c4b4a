/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-vote.h"

typedef struct {
  RefVoteChoice choice;
  char *name;
} Voter;

struct _RefVote {
  gatomicrefcount ref_count;
  int counts[3];
  GArray *voters; /* Voter */
  char *outcome;
};

G_DEFINE_BOXED_TYPE (RefVote, ref_vote, ref_vote_ref, ref_vote_unref)

static void
voter_clear (gpointer data)
{
  g_free (((Voter *) data)->name);
}

RefVote *
ref_vote_new (int n_for, int n_against, int n_abstain)
{
  RefVote *vote = g_new0 (RefVote, 1);

  g_atomic_ref_count_init (&vote->ref_count);
  vote->counts[REF_VOTE_CHOICE_FOR] = n_for;
  vote->counts[REF_VOTE_CHOICE_AGAINST] = n_against;
  vote->counts[REF_VOTE_CHOICE_ABSTAIN] = n_abstain;
  vote->voters = g_array_new (FALSE, TRUE, sizeof (Voter));
  g_array_set_clear_func (vote->voters, voter_clear);
  return vote;
}

RefVote *
ref_vote_ref (RefVote *vote)
{
  g_return_val_if_fail (vote != NULL, NULL);
  g_atomic_ref_count_inc (&vote->ref_count);
  return vote;
}

void
ref_vote_unref (RefVote *vote)
{
  g_return_if_fail (vote != NULL);
  if (g_atomic_ref_count_dec (&vote->ref_count))
    {
      g_array_unref (vote->voters);
      g_free (vote->outcome);
      g_free (vote);
    }
}

int
ref_vote_get_count (const RefVote *vote, RefVoteChoice choice)
{
  g_return_val_if_fail (vote != NULL && choice <= REF_VOTE_CHOICE_ABSTAIN, -1);
  return vote->counts[choice];
}

void
ref_vote_add_voter (RefVote *vote, RefVoteChoice choice, const char *name)
{
  Voter voter = { choice, g_strdup (name) };

  g_return_if_fail (vote != NULL && choice <= REF_VOTE_CHOICE_ABSTAIN && name != NULL);
  g_array_append_val (vote->voters, voter);
}

guint
ref_vote_get_n_voters (const RefVote *vote)
{
  return vote->voters->len;
}

const char *
ref_vote_get_voter (const RefVote *vote, guint index, RefVoteChoice *choice)
{
  const Voter *voter;

  g_return_val_if_fail (index < vote->voters->len, NULL);
  voter = &g_array_index (vote->voters, Voter, index);
  if (choice)
    *choice = voter->choice;
  return voter->name;
}

GStrv
ref_vote_get_voters (const RefVote *vote, RefVoteChoice choice)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < vote->voters->len; i++)
    {
      const Voter *voter = &g_array_index (vote->voters, Voter, i);
      if (voter->choice == choice)
        g_strv_builder_add (builder, voter->name);
    }
  return g_strv_builder_end (builder);
}

const char *
ref_vote_get_outcome (const RefVote *vote)
{
  return vote->outcome ? vote->outcome : "";
}

void
ref_vote_set_outcome (RefVote *vote, const char *outcome)
{
  g_free (vote->outcome);
  vote->outcome = (outcome && *outcome) ? g_strdup (outcome) : NULL;
}

gboolean
ref_vote_equal (const RefVote *a, const RefVote *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (a->counts[i] != b->counts[i])
      return FALSE;
  if (a->voters->len != b->voters->len || g_strcmp0 (a->outcome, b->outcome) != 0)
    return FALSE;
  for (guint i = 0; i < a->voters->len; i++)
    {
      const Voter *va = &g_array_index (a->voters, Voter, i);
      const Voter *vb = &g_array_index (b->voters, Voter, i);
      if (va->choice != vb->choice || g_strcmp0 (va->name, vb->name) != 0)
        return FALSE;
    }
  return TRUE;
}
