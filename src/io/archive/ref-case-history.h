/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-archive-index.h"

G_BEGIN_DECLS

/*
 * Case history: where the case of an agenda item was dealt with before, from the
 * archive index. Every earlier item with the same case number (spaces and letter case
 * ignored), newest first; and, as a weaker suggestion, earlier items whose titles are
 * very like this one's (most of their significant words the same), for cases that got
 * a new case number. Earlier means: in a meeting before this one, or on the same day
 * in another committee; never this meeting (nor its agenda beside its minutes). Where
 * the archive has a meeting as agenda and as minutes, the minutes are listed.
 * Standing items that every meeting has ("Meddelelser", "Eventuelt") are not
 * suggested by their title.
 */

#define REF_TYPE_CASE_HISTORY_ENTRY (ref_case_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (RefCaseHistoryEntry, ref_case_history_entry, REF, CASE_HISTORY_ENTRY, GObject)

const char *ref_case_history_entry_get_path (RefCaseHistoryEntry *self);
const char *ref_case_history_entry_get_committee (RefCaseHistoryEntry *self);
/* YYYY-MM-DD */
const char *ref_case_history_entry_get_date (RefCaseHistoryEntry *self);
guint       ref_case_history_entry_get_number (RefCaseHistoryEntry *self);
const char *ref_case_history_entry_get_title (RefCaseHistoryEntry *self);
const char *ref_case_history_entry_get_case_number (RefCaseHistoryEntry *self);
/* The decision as plain text (empty for an agenda or an undecided item). */
const char *ref_case_history_entry_get_decision (RefCaseHistoryEntry *self);
/* An outcome nick, or NULL. */
const char *ref_case_history_entry_get_outcome (RefCaseHistoryEntry *self);
/* TRUE for a suggestion by a similar title, FALSE for the same case number. */
gboolean    ref_case_history_entry_get_suggested (RefCaseHistoryEntry *self);
/* The standard wording of the reference: "Socialudvalget den 11-03-2025, punkt 1".
 * (transfer none) */
const char *ref_case_history_entry_get_reference (RefCaseHistoryEntry *self);

/* The earlier handling of @item of @meeting, which is @path (NULL when not saved):
 * first the items with the same case number, newest first, then the suggestions.
 * (element-type RefCaseHistoryEntry) (transfer full) */
GPtrArray  *ref_case_history_lookup (RefArchiveIndex *index, RefMeeting *meeting, RefAgendaItem *item,
                                     const char *path, GCancellable *cancellable, GError **error);

/* The same from what the lookup needs, for a lookup in another thread than the
 * model's: the meeting's committee and date (YYYY-MM-DD, or NULL), the item's case
 * number and title. */
GPtrArray  *ref_case_history_lookup_values (RefArchiveIndex *index, const char *committee, const char *date,
                                            guint number, const char *case_number, const char *title,
                                            const char *path, GCancellable *cancellable, GError **error);

/* Puts @entries (RefCaseHistoryEntry) into @item's "Tidligere behandling" section
 * (kind previous), one paragraph per entry in its standard wording, in the given
 * order: the section is added when the item has none (after the summary, or first),
 * and references it already has are not repeated. One undo step. Returns how many
 * references were added. */
guint       ref_case_history_insert (RefAgendaItem *item, GPtrArray *entries);

G_END_DECLS
