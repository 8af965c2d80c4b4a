/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"
#include "ref-text-editor.h"

G_BEGIN_DECLS

/*
 * RefDecisionEditor: everything a decision (Beslutning) holds, as the file format
 * and the printed minutes have it: the deciding body and the date (on a calendar),
 * the text, the vote (RefVoteEditor), the statements (RefStatementEditor: minority
 * statements, protocol remarks, referrals) and a remark. Bound to the model both
 * ways; every edit is undoable.
 */
#define REF_TYPE_DECISION_EDITOR (ref_decision_editor_get_type ())
G_DECLARE_FINAL_TYPE (RefDecisionEditor, ref_decision_editor, REF, DECISION_EDITOR, GtkWidget)

/* @item holds @decision; @meeting gives the participants. Neither is owned. */
GtkWidget     *ref_decision_editor_new (RefDecision *decision, RefAgendaItem *item, RefMeeting *meeting);
RefDecision   *ref_decision_editor_get_decision (RefDecisionEditor *self);
RefTextEditor *ref_decision_editor_get_text_editor (RefDecisionEditor *self);
GtkWidget     *ref_decision_editor_get_vote_editor (RefDecisionEditor *self);
/* The editors of the statements, in order (RefStatementEditor). */
GPtrArray     *ref_decision_editor_get_statement_editors (RefDecisionEditor *self);
void           ref_decision_editor_set_locked (RefDecisionEditor *self, gboolean locked);
/* Puts the keyboard in the first field: the deciding body, or the text if the body
 * is filled in. */
void           ref_decision_editor_focus (RefDecisionEditor *self);

G_END_DECLS
