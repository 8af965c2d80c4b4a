/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefMeetingView: the editor of the meeting header (committee, organisation, kind,
 * edition, date and times, location, remarks) and of the participant list. Every
 * field is bound to the model both ways; all edits are recorded in the meeting's
 * history.
 *
 * Actions (on the widget, usable from its children or with gtk_widget_activate_action):
 *   meeting.add-participant                 appends a participant and focuses its name
 *   meeting.remove-participant (u)          removes the participant at that position
 *   meeting.move-participant-up (u)         moves the participant at that position
 *   meeting.move-participant-down (u)
 */
#define REF_TYPE_MEETING_VIEW (ref_meeting_view_get_type ())
G_DECLARE_FINAL_TYPE (RefMeetingView, ref_meeting_view, REF, MEETING_VIEW, GtkWidget)

GtkWidget  *ref_meeting_view_new (void);
RefMeeting *ref_meeting_view_get_meeting (RefMeetingView *self);
void        ref_meeting_view_set_meeting (RefMeetingView *self, RefMeeting *meeting);
/* The participant list (a GtkListBox whose rows are AdwExpanderRows, one per
 * participant in model order). */
GtkWidget  *ref_meeting_view_get_participant_list (RefMeetingView *self);
/* Focuses the committee field (e.g. when the user picks the meeting header). */
void        ref_meeting_view_focus_committee (RefMeetingView *self);

/* Locked for approval: every field is shown read-only (text stays selectable), and
 * the participant actions are disabled. */
gboolean    ref_meeting_view_get_locked (RefMeetingView *self);
void        ref_meeting_view_set_locked (RefMeetingView *self, gboolean locked);

/* Parses "1, 3, 5-7" into sorted, distinct item numbers (an empty text gives an
 * empty array). Returns: (transfer full) (nullable): NULL when the text is not
 * such a list. */
GArray     *ref_meeting_view_parse_item_numbers (const char *text);
/* Returns: (transfer full): @numbers as "1, 3, 5–7" ("" for NULL or empty). */
char       *ref_meeting_view_format_item_numbers (GArray *numbers);

G_END_DECLS
