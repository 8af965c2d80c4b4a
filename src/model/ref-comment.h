/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-section.h"

typedef struct _RefDecision RefDecision;

G_BEGIN_DECLS

/* RefComment: A reviewer's comment on an agenda item or one of its parts (a section,
 * the recommendation or a decision); saved in the file, never printed. At most one
 * part is set. */
#define REF_TYPE_COMMENT (ref_comment_get_type ())
G_DECLARE_FINAL_TYPE (RefComment, ref_comment, REF, COMMENT, GObject)

RefComment *ref_comment_new (void);

const char *ref_comment_get_author (RefComment *self);
void        ref_comment_set_author (RefComment *self, const char *author);
GDateTime *ref_comment_get_time (RefComment *self);
void ref_comment_set_time (RefComment *self, GDateTime *time);
const char *ref_comment_get_text (RefComment *self);
void        ref_comment_set_text (RefComment *self, const char *text);
RefSection *ref_comment_get_section (RefComment *self);
void ref_comment_set_section (RefComment *self, RefSection *section);
RefDecision *ref_comment_get_decision (RefComment *self);
void ref_comment_set_decision (RefComment *self, RefDecision *decision);
gboolean ref_comment_get_recommendation (RefComment *self);
void ref_comment_set_recommendation (RefComment *self, gboolean recommendation);
gboolean ref_comment_get_resolved (RefComment *self);
void ref_comment_set_resolved (RefComment *self, gboolean resolved);



G_END_DECLS
