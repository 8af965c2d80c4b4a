/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-participant.h"

G_BEGIN_DECLS

/* RefApproval: An approval of the minutes by a member. */
#define REF_TYPE_APPROVAL (ref_approval_get_type ())
G_DECLARE_FINAL_TYPE (RefApproval, ref_approval, REF, APPROVAL, GObject)

RefApproval *ref_approval_new (void);

RefParticipant *ref_approval_get_participant (RefApproval *self);
void ref_approval_set_participant (RefApproval *self, RefParticipant *participant);
const char *ref_approval_get_signer (RefApproval *self);
void        ref_approval_set_signer (RefApproval *self, const char *signer);
GDateTime *ref_approval_get_time (RefApproval *self);
void ref_approval_set_time (RefApproval *self, GDateTime *time);
const char *ref_approval_get_signature (RefApproval *self);
void        ref_approval_set_signature (RefApproval *self, const char *signature);
gboolean ref_approval_get_voided (RefApproval *self);
void     ref_approval_set_voided (RefApproval *self, gboolean voided);

/*< custom >*/

G_END_DECLS
