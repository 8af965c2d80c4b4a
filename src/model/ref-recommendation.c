/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-recommendation.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefRecommendation {
  GObject parent_instance;

  char *by;
  char *intro;
  RefText *text;
};

G_DEFINE_FINAL_TYPE (RefRecommendation, ref_recommendation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BY,
  PROP_INTRO,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_recommendation_finalize (GObject *object)
{
  RefRecommendation *self = REF_RECOMMENDATION (object);

  g_clear_pointer (&self->by, g_free);
  g_clear_pointer (&self->intro, g_free);
  g_clear_pointer (&self->text, ref_text_unref);

  G_OBJECT_CLASS (ref_recommendation_parent_class)->finalize (object);
}

static void
ref_recommendation_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefRecommendation *self = REF_RECOMMENDATION (object);

  switch (prop_id)
    {
    case PROP_BY:
      g_value_set_string (value, ref_recommendation_get_by (self));
      break;
    case PROP_INTRO:
      g_value_set_string (value, ref_recommendation_get_intro (self));
      break;
    case PROP_TEXT:
      g_value_set_boxed (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_recommendation_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefRecommendation *self = REF_RECOMMENDATION (object);

  switch (prop_id)
    {
    case PROP_BY:
      ref_recommendation_set_by (self, g_value_get_string (value));
      break;
    case PROP_INTRO:
      ref_recommendation_set_intro (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      ref_recommendation_set_text (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_recommendation_class_init (RefRecommendationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_recommendation_finalize;
  object_class->get_property = ref_recommendation_get_property;
  object_class->set_property = ref_recommendation_set_property;

  properties[PROP_BY] = g_param_spec_string ("by", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTRO] = g_param_spec_string ("intro", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] = g_param_spec_boxed ("text", NULL, NULL, REF_TYPE_TEXT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_recommendation_init (RefRecommendation *self)
{

}

RefRecommendation *
ref_recommendation_new (void)
{
  return g_object_new (REF_TYPE_RECOMMENDATION, NULL);
}

const char *
ref_recommendation_get_by (RefRecommendation *self)
{
  g_return_val_if_fail (REF_IS_RECOMMENDATION (self), "");
  return REF_STR (self->by);
}

void
ref_recommendation_set_by (RefRecommendation *self, const char *by)
{
  g_return_if_fail (REF_IS_RECOMMENDATION (self));
  ref_set_string (self, &self->by, by, properties[PROP_BY]);
}

const char *
ref_recommendation_get_intro (RefRecommendation *self)
{
  g_return_val_if_fail (REF_IS_RECOMMENDATION (self), "");
  return REF_STR (self->intro);
}

void
ref_recommendation_set_intro (RefRecommendation *self, const char *intro)
{
  g_return_if_fail (REF_IS_RECOMMENDATION (self));
  ref_set_string (self, &self->intro, intro, properties[PROP_INTRO]);
}

/**
 * ref_recommendation_get_text:
 *
 * Returns: (transfer none) (nullable): the points, usually a numbered list
 */
RefText *
ref_recommendation_get_text (RefRecommendation *self)
{
  g_return_val_if_fail (REF_IS_RECOMMENDATION (self), NULL);
  return self->text;
}

void
ref_recommendation_set_text (RefRecommendation *self, RefText *text)
{
  g_return_if_fail (REF_IS_RECOMMENDATION (self));
  ref_set_boxed (self, (gpointer *) &self->text, text, REF_TYPE_TEXT, (GEqualFunc) ref_text_equal, properties[PROP_TEXT]);
}

/*< custom >*/
