/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ref-enums.h"

G_BEGIN_DECLS

/*
 * RefVote: the vote record of a decision ("For stemte: 5, …; Imod stemte: 1, …;
 * Undlod af stemme: 1, …"). A refcounted value, immutable once set on a decision.
 * Counts are -1 when not recorded.
 */
typedef struct _RefVote RefVote;

#define REF_TYPE_VOTE (ref_vote_get_type ())
GType ref_vote_get_type (void) G_GNUC_CONST;

RefVote    *ref_vote_new (int n_for, int n_against, int n_abstain);
RefVote    *ref_vote_ref (RefVote *vote);
void        ref_vote_unref (RefVote *vote);

int         ref_vote_get_count (const RefVote *vote, RefVoteChoice choice);
void        ref_vote_add_voter (RefVote *vote, RefVoteChoice choice, const char *name);
guint       ref_vote_get_n_voters (const RefVote *vote);
const char *ref_vote_get_voter (const RefVote *vote, guint index, RefVoteChoice *choice);
/* Names of the voters with @choice, in order. */
GStrv       ref_vote_get_voters (const RefVote *vote, RefVoteChoice choice);
const char *ref_vote_get_outcome (const RefVote *vote);
void        ref_vote_set_outcome (RefVote *vote, const char *outcome);
gboolean    ref_vote_equal (const RefVote *a, const RefVote *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefVote, ref_vote_unref)

G_END_DECLS
