/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-statement.h"

G_BEGIN_DECLS

/* RefDecision: A decision (Beslutning) of one body on an item, or a quoted earlier decision of another body. */
#define REF_TYPE_DECISION (ref_decision_get_type ())
G_DECLARE_FINAL_TYPE (RefDecision, ref_decision, REF, DECISION, GObject)

RefDecision *ref_decision_new (void);

const char *ref_decision_get_deciding_body (RefDecision *self);
void        ref_decision_set_deciding_body (RefDecision *self, const char *deciding_body);
GDateTime *ref_decision_get_date (RefDecision *self);
void ref_decision_set_date (RefDecision *self, GDateTime *date);
const char *ref_decision_get_reference (RefDecision *self);
void        ref_decision_set_reference (RefDecision *self, const char *reference);
RefText *ref_decision_get_text (RefDecision *self);
void ref_decision_set_text (RefDecision *self, RefText *text);
RefVote *ref_decision_get_vote (RefDecision *self);
void ref_decision_set_vote (RefDecision *self, RefVote *vote);
GListModel *ref_decision_get_statements (RefDecision *self);
const char *ref_decision_get_remark (RefDecision *self);
void        ref_decision_set_remark (RefDecision *self, const char *remark);
RefDecisionOutcome ref_decision_get_outcome (RefDecision *self);
void ref_decision_set_outcome (RefDecision *self, RefDecisionOutcome outcome);

/*< custom >*/

G_END_DECLS
