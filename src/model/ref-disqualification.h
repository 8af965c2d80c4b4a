/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-participant.h"

G_BEGIN_DECLS

/* RefDisqualification: A participant declared disqualified (inhabil) for an item. */
#define REF_TYPE_DISQUALIFICATION (ref_disqualification_get_type ())
G_DECLARE_FINAL_TYPE (RefDisqualification, ref_disqualification, REF, DISQUALIFICATION, GObject)

RefDisqualification *ref_disqualification_new (void);

RefParticipant *ref_disqualification_get_participant (RefDisqualification *self);
void ref_disqualification_set_participant (RefDisqualification *self, RefParticipant *participant);
const char *ref_disqualification_get_reason (RefDisqualification *self);
void        ref_disqualification_set_reason (RefDisqualification *self, const char *reason);
gboolean ref_disqualification_get_left (RefDisqualification *self);
void ref_disqualification_set_left (RefDisqualification *self, gboolean left);

/*< custom >*/

G_END_DECLS
