/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-meeting.h"

G_BEGIN_DECLS

/*
 * Taking the minutes while the meeting happens (live meeting mode): what the
 * secretary records in the room, each as one undo step of the meeting's history.
 * Movements are stored as the file format has them (a participant's <movement>s), so
 * that the absence lines of every item derive from them (ref_meeting_compute_absent())
 * and nobody types them by hand.
 */

/* Minutes after midnight of @time's wall clock, as movements keep it. */
int             ref_meeting_time_of_day (GDateTime *time);

/* Records that @participant left or arrived at @item (during it, or before it began)
 * at @time (minutes after midnight, or -1), as one undo step. The movement is kept in
 * agenda order among the participant's movements (a movement recorded after going
 * back to an earlier item still counts there), and the participant is marked as
 * attending part of the meeting (partial), also one who had sent apologies and came
 * after all.
 * Returns: (transfer none): the recorded movement */
RefMovement    *ref_meeting_record_movement (RefMeeting *self, RefParticipant *participant, RefMovementKind kind,
                                             RefAgendaItem *item, gboolean during, int time);

/* Adds @name (of @party, may be NULL) as the substitute for @member, placed after
 * @member in the list, present, as one undo step. With @arrived_at, the substitute
 * came at that item (during it or before it) at @time; without, the substitute was
 * there from the start.
 * Returns: (transfer none): the new participant */
RefParticipant *ref_meeting_add_substitute (RefMeeting *self, const char *name, const char *party,
                                            RefParticipant *member, RefAgendaItem *arrived_at, gboolean during,
                                            int time);

/* Appends a new decision to @item, made by the meeting's committee on the meeting's
 * date (what the deciding body and date of a new decision default to), as one undo
 * step.
 * Returns: (transfer none): the new decision */
RefDecision    *ref_meeting_add_decision (RefMeeting *self, RefAgendaItem *item);

G_END_DECLS
