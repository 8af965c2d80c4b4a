/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefStatementEditor: one statement attached to a decision: a protocol remark, a
 * minority statement, a referral (standsningsret) or another statement, who made it
 * (a participant, and the name as the minutes write it) and its text.
 */
#define REF_TYPE_STATEMENT_EDITOR (ref_statement_editor_get_type ())
G_DECLARE_FINAL_TYPE (RefStatementEditor, ref_statement_editor, REF, STATEMENT_EDITOR, GtkWidget)

/* @decision holds @statement; @meeting gives the participants (not owned). */
GtkWidget    *ref_statement_editor_new (RefStatement *statement, RefDecision *decision, RefMeeting *meeting);
RefStatement *ref_statement_editor_get_statement (RefStatementEditor *self);
GtkWidget    *ref_statement_editor_get_text_field (RefStatementEditor *self);

G_END_DECLS
