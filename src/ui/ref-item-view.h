/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

#define REF_TYPE_ITEM_VIEW (ref_item_view_get_type ())
G_DECLARE_FINAL_TYPE (RefItemView, ref_item_view, REF, ITEM_VIEW, GtkWidget)

GtkWidget     *ref_item_view_new (void);
RefAgendaItem *ref_item_view_get_item (RefItemView *self);
void           ref_item_view_set_item (RefItemView *self, RefAgendaItem *item);
/* Scrolls to the top and puts the keyboard in the title (a new item). */
void           ref_item_view_focus_title (RefItemView *self);
/* The editor of the item's first decision (NULL when it has none): where the
 * secretary types during the meeting. */
GtkWidget     *ref_item_view_get_decision_editor (RefItemView *self, guint index);
/* The whole editor of the item's @index-th decision (RefDecisionEditor), or NULL. */
GtkWidget     *ref_item_view_get_decision_widget (RefItemView *self, guint index);

/* The meeting the items belong to: participants and the derived absence. */
void           ref_item_view_set_meeting (RefItemView *self, RefMeeting *meeting);
void           ref_item_view_add_comment (RefItemView *self, const char *text, RefSection *section);
/* A comment about @target: a RefSection, the item's RefRecommendation, one of its
 * RefDecisions, or NULL for the whole item. */
void           ref_item_view_add_comment_on (RefItemView *self, const char *text, gpointer target);
/* Locked for approval: the item's content is shown read-only (text stays selectable);
 * comments can still be added. */
gboolean       ref_item_view_get_locked (RefItemView *self);
void           ref_item_view_set_locked (RefItemView *self, gboolean locked);
void           ref_item_view_add_attachment_file (RefItemView *self, GFile *file);

G_END_DECLS
