/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-movement.h"

G_BEGIN_DECLS

/* RefParticipant: A person at (or expected at) the meeting: committee member, official, substitute or guest, with attendance. */
#define REF_TYPE_PARTICIPANT (ref_participant_get_type ())
G_DECLARE_FINAL_TYPE (RefParticipant, ref_participant, REF, PARTICIPANT, GObject)

RefParticipant *ref_participant_new (void);

const char *ref_participant_get_name (RefParticipant *self);
void        ref_participant_set_name (RefParticipant *self, const char *name);
const char *ref_participant_get_party (RefParticipant *self);
void        ref_participant_set_party (RefParticipant *self, const char *party);
const char *ref_participant_get_role (RefParticipant *self);
void        ref_participant_set_role (RefParticipant *self, const char *role);
RefParticipantType ref_participant_get_participant_type (RefParticipant *self);
void ref_participant_set_participant_type (RefParticipant *self, RefParticipantType participant_type);
RefAttendance ref_participant_get_attendance (RefParticipant *self);
void ref_participant_set_attendance (RefParticipant *self, RefAttendance attendance);
RefNotice ref_participant_get_notice (RefParticipant *self);
void ref_participant_set_notice (RefParticipant *self, RefNotice notice);
RefParticipant *ref_participant_get_substitute_for (RefParticipant *self);
void ref_participant_set_substitute_for (RefParticipant *self, RefParticipant *substitute_for);
gboolean ref_participant_get_substitute_approved (RefParticipant *self);
void ref_participant_set_substitute_approved (RefParticipant *self, gboolean substitute_approved);
GArray *ref_participant_get_attended_items (RefParticipant *self);
void ref_participant_set_attended_items (RefParticipant *self, GArray *attended_items);
GListModel *ref_participant_get_movements (RefParticipant *self);
const char *ref_participant_get_note (RefParticipant *self);
void        ref_participant_set_note (RefParticipant *self, const char *note);
const char *ref_participant_get_certificate (RefParticipant *self);
void        ref_participant_set_certificate (RefParticipant *self, const char *certificate);
char       *ref_participant_normalize_fingerprint (const char *text);

char    *ref_participant_format (RefParticipant *self, gboolean with_role);
gboolean ref_participant_get_attended_item (RefParticipant *self, guint number);
gboolean ref_participant_is_committee_member (RefParticipant *self);
gboolean ref_participant_approves_minutes (RefParticipant *self);
void     ref_participant_add_movement (RefParticipant *self, RefMovementKind kind, guint item,
                                       gboolean during, int time);

G_END_DECLS
