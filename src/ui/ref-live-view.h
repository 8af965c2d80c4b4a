/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefLiveView: live meeting mode, for writing the minutes while the committee talks.
 * One item at a time: its title, the recommendation for reference and a large
 * decision field; the meeting clock; the standard phrases (Alt+1 … Alt+9); and a strip
 * of the participants where one click (or F6, arrows, Enter) records that a person
 * leaves or arrives now, at the current item, so that every item's absence lines
 * derive from it. Ctrl+Enter goes on to the next item, Ctrl+Shift+Enter back.
 *
 * Everything is an edit of the meeting with undo, so the window's autosave and
 * recovery cover live mode as they cover the rest. The window enters the mode with
 * ref_live_view_begin() and leaves it with ref_live_view_end(); "End Meeting" emits
 * "end-requested" for the window to do so.
 */
#define REF_TYPE_LIVE_VIEW (ref_live_view_get_type ())
G_DECLARE_FINAL_TYPE (RefLiveView, ref_live_view, REF, LIVE_VIEW, AdwBin)

/* The time of day now, local (transfer full). Tests and screenshots set their own. */
typedef GDateTime *(*RefLiveClockFunc) (gpointer user_data);

GtkWidget     *ref_live_view_new (void);

RefMeeting    *ref_live_view_get_meeting (RefLiveView *self);
void           ref_live_view_set_meeting (RefLiveView *self, RefMeeting *meeting);
/* The current item: (transfer none) (nullable) */
RefAgendaItem *ref_live_view_get_item (RefLiveView *self);
void           ref_live_view_set_item (RefLiveView *self, RefAgendaItem *item);

/* Starting the meeting: records the start time (now, when the meeting is dated today
 * and was not started yet; a meeting that had ended goes on, its end time cleared),
 * as one undo step, and puts the cursor in the decision. */
void           ref_live_view_begin (RefLiveView *self);
/* Ending it: records the end time (now, when the meeting is dated today), one undo
 * step. */
void           ref_live_view_end (RefLiveView *self);

void           ref_live_view_set_clock (RefLiveView *self, RefLiveClockFunc clock, gpointer user_data);
/* The phrases come from @settings (may be NULL: none); they follow its changes. */
void           ref_live_view_set_settings (RefLiveView *self, GSettings *settings);

/* For tests and the window's spell checking. (transfer none) */
GtkWidget     *ref_live_view_get_decision_editor (RefLiveView *self);
/* The strip's entry for @participant. (transfer none) (nullable) */
GtkWidget     *ref_live_view_get_participant_widget (RefLiveView *self, RefParticipant *participant);

G_END_DECLS
