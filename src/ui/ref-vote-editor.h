/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefVoteEditor: the vote of a decision ("For stemte: 5, …"): the counts, the voters
 * by name with their choice (chosen from the participants present for the item, or
 * typed), and the outcome line. Every change is a new RefVote on the decision, so it
 * is one undoable edit of the model, and every change of the model (undo) shows here.
 *
 * The counts follow the named voters while they agree with them; a count typed by
 * hand that differs (a vote recorded by party) is left alone.
 */
#define REF_TYPE_VOTE_EDITOR (ref_vote_editor_get_type ())
G_DECLARE_FINAL_TYPE (RefVoteEditor, ref_vote_editor, REF, VOTE_EDITOR, GtkWidget)

GtkWidget *ref_vote_editor_new (void);
/* @meeting and @item give the participants to choose from; not owned. */
void       ref_vote_editor_set_decision (RefVoteEditor *self, RefDecision *decision, RefMeeting *meeting,
                                         RefAgendaItem *item);
GtkWidget *ref_vote_editor_get_count_spin (RefVoteEditor *self, RefVoteChoice choice);
/* Adds @name as a voter with @choice, as the add row and the participant menu do. */
void       ref_vote_editor_add_voter (RefVoteEditor *self, const char *name, RefVoteChoice choice);
/* Locked for approval: read-only, also for rows rebuilt later. */
void       ref_vote_editor_set_locked (RefVoteEditor *self, gboolean locked);

G_END_DECLS
