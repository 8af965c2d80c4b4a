/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"

G_BEGIN_DECLS

/* RefRecommendation: The recommendation (Indstilling) of an item: who recommends, the lead phrase and the points. */
#define REF_TYPE_RECOMMENDATION (ref_recommendation_get_type ())
G_DECLARE_FINAL_TYPE (RefRecommendation, ref_recommendation, REF, RECOMMENDATION, GObject)

/* The lead phrase almost every recommendation has ("Center for … indstiller, at"):
 * document text, printed in Danish whatever the interface's language. */
#define REF_RECOMMENDATION_STANDARD_INTRO "indstiller, at"

RefRecommendation *ref_recommendation_new (void);

const char *ref_recommendation_get_by (RefRecommendation *self);
void        ref_recommendation_set_by (RefRecommendation *self, const char *by);
const char *ref_recommendation_get_intro (RefRecommendation *self);
void        ref_recommendation_set_intro (RefRecommendation *self, const char *intro);
RefText *ref_recommendation_get_text (RefRecommendation *self);
void ref_recommendation_set_text (RefRecommendation *self, RefText *text);

/*< custom >*/

G_END_DECLS
