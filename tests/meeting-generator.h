/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * Synthetic meetings for the PDF export test and benchmark: @n_items items with
 * several sections of multi-paragraph text, bullet and numbered lists, tables, long
 * titles that wrap, closed items, decisions with votes and statements, attachments,
 * disqualifications and absences. The same @seed gives the same meeting.
 *
 * Every paragraph, list entry and table cell of a closed item, and its title, contain
 * the word REF_TEST_CLOSED_MARKER followed by the item number ("Fortroligt4"); no
 * other text does, so a test can tell whether closed content leaked into a public
 * edition.
 */
#define REF_TEST_CLOSED_MARKER "Fortroligt"

RefMeeting *ref_test_meeting_generate (guint n_items, guint32 seed);

G_END_DECLS
