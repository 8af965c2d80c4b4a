/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * "New Meeting from Previous": the next meeting of a committee starts from its last
 * one. What carries over is what every meeting of the committee shares, and nothing
 * of what happened at that meeting:
 *
 * - the organisation, committee, place, kind and edition;
 * - the members and officials, in order, with name, party, role and approval
 *   certificate; attendance reset to unknown, and no note, movement or attended
 *   items (substitutes and guests came for that meeting only);
 * - the recurring items (ref_caption_is_recurring_item(): "Godkendelse af
 *   dagsorden", "Meddelelser", "Eventuelt" …) and the signature item, in their order,
 *   with title and case number only, numbered on from the previous meeting when it
 *   used running numbers (its first item was not 1), else from 1.
 *
 * Not carried over: the end time, remarks, every other item, all texts, decisions,
 * votes, disqualifications, attachments, comments, the lock and approvals.
 */

/* @start: (nullable): the new meeting's date and time; NULL: not set.
 * Returns: (transfer full): the new meeting, its history empty. */
RefMeeting *ref_meeting_new_from_previous (RefMeeting *previous, GDateTime *start);

G_END_DECLS
