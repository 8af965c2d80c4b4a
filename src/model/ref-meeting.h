/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-history.h"
#include "ref-agenda-item.h"
#include "ref-approval.h"
#include "ref-participant.h"

G_BEGIN_DECLS

/* RefMeeting: A meeting of a committee: header, participants, agenda items and approvals. */
#define REF_TYPE_MEETING (ref_meeting_get_type ())
G_DECLARE_FINAL_TYPE (RefMeeting, ref_meeting, REF, MEETING, GObject)

RefMeeting *ref_meeting_new (void);

RefMeetingKind ref_meeting_get_kind (RefMeeting *self);
void ref_meeting_set_kind (RefMeeting *self, RefMeetingKind kind);
RefEdition ref_meeting_get_edition (RefMeeting *self);
void ref_meeting_set_edition (RefMeeting *self, RefEdition edition);
const char *ref_meeting_get_organisation (RefMeeting *self);
void        ref_meeting_set_organisation (RefMeeting *self, const char *organisation);
const char *ref_meeting_get_committee (RefMeeting *self);
void        ref_meeting_set_committee (RefMeeting *self, const char *committee);
GDateTime *ref_meeting_get_start (RefMeeting *self);
void ref_meeting_set_start (RefMeeting *self, GDateTime *start);
GDateTime *ref_meeting_get_end (RefMeeting *self);
void ref_meeting_set_end (RefMeeting *self, GDateTime *end);
const char *ref_meeting_get_location (RefMeeting *self);
void        ref_meeting_set_location (RefMeeting *self, const char *location);
/* The language the minutes are written in (BCP 47: "en", "en-GB"): spell checking
 * uses it. "" is the default, Danish; setting "da" stores the default. */
#define REF_MEETING_DEFAULT_LANGUAGE "da"
const char *ref_meeting_get_language (RefMeeting *self);
void        ref_meeting_set_language (RefMeeting *self, const char *language);
gboolean    ref_meeting_language_is_valid (const char *language);
RefText *ref_meeting_get_remarks (RefMeeting *self);
void ref_meeting_set_remarks (RefMeeting *self, RefText *remarks);
gboolean ref_meeting_get_locked (RefMeeting *self);
void     ref_meeting_set_locked (RefMeeting *self, gboolean locked);
GListModel *ref_meeting_get_participants (RefMeeting *self);
GListModel *ref_meeting_get_items (RefMeeting *self);
GListModel *ref_meeting_get_approvals (RefMeeting *self);

RefHistory     *ref_meeting_get_history (RefMeeting *self);

/* Sets locked to FALSE and voids every approval, as one undo step. */
void            ref_meeting_unlock (RefMeeting *self);
guint           ref_meeting_merge_concurrent (RefMeeting *self, RefMeeting *other);

guint           ref_meeting_get_n_items (RefMeeting *self);
RefAgendaItem  *ref_meeting_find_item_by_number (RefMeeting *self, guint number);
gboolean        ref_meeting_find_item_position (RefMeeting *self, RefAgendaItem *item, guint *position);
guint           ref_meeting_next_item_number (RefMeeting *self);
void            ref_meeting_add_item (RefMeeting *self, RefAgendaItem *item);
void            ref_meeting_insert_item (RefMeeting *self, guint position, RefAgendaItem *item);
gboolean        ref_meeting_remove_item (RefMeeting *self, RefAgendaItem *item);
void            ref_meeting_move_item (RefMeeting *self, guint from, guint to);
void            ref_meeting_renumber_items (RefMeeting *self, guint first);

void            ref_meeting_add_participant (RefMeeting *self, RefParticipant *participant);
gboolean        ref_meeting_remove_participant (RefMeeting *self, RefParticipant *participant);
RefParticipant *ref_meeting_find_participant (RefMeeting *self, const char *name);
RefParticipant *ref_meeting_find_substitute (RefMeeting *self, RefParticipant *participant);

gboolean        ref_meeting_is_present_for_item (RefMeeting *self, RefParticipant *participant,
                                                 RefAgendaItem *item);
GPtrArray      *ref_meeting_compute_absent (RefMeeting *self, RefAgendaItem *item);

G_END_DECLS
