/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefReviewPanel: what to fix before the minutes go out for approval (ref_review_check),
 * one row per problem. Recomputed each time it is shown, so it always reflects the
 * meeting as it is. Activating a row emits ::problem-activated with the item to go to
 * (NULL for the meeting's header).
 */
#define REF_TYPE_REVIEW_PANEL (ref_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (RefReviewPanel, ref_review_panel, REF, REVIEW_PANEL, GtkWidget)

GtkWidget *ref_review_panel_new (void);
/* Not owned: the window holds the meeting for as long as the panel lives. */
void       ref_review_panel_set_meeting (RefReviewPanel *self, RefMeeting *meeting);
void       ref_review_panel_refresh (RefReviewPanel *self);
guint      ref_review_panel_get_n_problems (RefReviewPanel *self);
void       ref_review_panel_activate_problem (RefReviewPanel *self, guint index);

G_END_DECLS
