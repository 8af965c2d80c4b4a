/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-participant.h"

G_BEGIN_DECLS

/* RefStatement: A statement attached to a decision: protocol remark, minority statement, referral. */
#define REF_TYPE_STATEMENT (ref_statement_get_type ())
G_DECLARE_FINAL_TYPE (RefStatement, ref_statement, REF, STATEMENT, GObject)

RefStatement *ref_statement_new (void);

RefStatementKind ref_statement_get_kind (RefStatement *self);
void ref_statement_set_kind (RefStatement *self, RefStatementKind kind);
RefParticipant *ref_statement_get_participant (RefStatement *self);
void ref_statement_set_participant (RefStatement *self, RefParticipant *participant);
const char *ref_statement_get_by (RefStatement *self);
void        ref_statement_set_by (RefStatement *self, const char *by);
RefText *ref_statement_get_text (RefStatement *self);
void ref_statement_set_text (RefStatement *self, RefText *text);

/*< custom >*/

G_END_DECLS
