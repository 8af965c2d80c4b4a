/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefCaseHistoryPanel: where the case of the item being edited was dealt with before,
 * from the archive: the items with its case number, newest first, each with its
 * committee, date, item number, title and decision; then, as suggestions to tick,
 * items with very similar titles. One button puts them into the item's "Tidligere
 * behandling" section in the standard wording (one undo step).
 */
#define REF_TYPE_CASE_HISTORY_PANEL (ref_case_history_panel_get_type ())
G_DECLARE_FINAL_TYPE (RefCaseHistoryPanel, ref_case_history_panel, REF, CASE_HISTORY_PANEL, GtkBox)

/* Looks up @item of @meeting (saved as @file, or NULL) in the archive, in the
 * background. */
void        ref_case_history_panel_set_item (RefCaseHistoryPanel *self, RefMeeting *meeting, RefAgendaItem *item,
                                             GFile *file);
gboolean    ref_case_history_panel_get_loading (RefCaseHistoryPanel *self);
/* The earlier handlings listed, suggestions included. */
guint       ref_case_history_panel_get_n_entries (RefCaseHistoryPanel *self);
/* The row of the @index-th entry (an AdwExpanderRow); a suggestion's has a check
 * button to include it. */
GtkWidget  *ref_case_history_panel_get_row (RefCaseHistoryPanel *self, guint index);
/* What the Insert button does; returns how many references were added. */
guint       ref_case_history_panel_insert (RefCaseHistoryPanel *self);

G_END_DECLS
