/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-disqualification.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefDisqualification {
  GObject parent_instance;

  RefParticipant *participant;
  char *reason;
  gboolean left;
};

G_DEFINE_FINAL_TYPE (RefDisqualification, ref_disqualification, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PARTICIPANT,
  PROP_REASON,
  PROP_LEFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_disqualification_finalize (GObject *object)
{
  RefDisqualification *self = REF_DISQUALIFICATION (object);

  g_clear_object (&self->participant);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (ref_disqualification_parent_class)->finalize (object);
}

static void
ref_disqualification_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefDisqualification *self = REF_DISQUALIFICATION (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;
    case PROP_REASON:
      g_value_set_string (value, ref_disqualification_get_reason (self));
      break;
    case PROP_LEFT:
      g_value_set_boolean (value, self->left);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_disqualification_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefDisqualification *self = REF_DISQUALIFICATION (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      ref_disqualification_set_participant (self, g_value_get_object (value));
      break;
    case PROP_REASON:
      ref_disqualification_set_reason (self, g_value_get_string (value));
      break;
    case PROP_LEFT:
      ref_disqualification_set_left (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_disqualification_class_init (RefDisqualificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_disqualification_finalize;
  object_class->get_property = ref_disqualification_get_property;
  object_class->set_property = ref_disqualification_set_property;

  properties[PROP_PARTICIPANT] = g_param_spec_object ("participant", NULL, NULL, REF_TYPE_PARTICIPANT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEFT] = g_param_spec_boolean ("left", NULL, NULL, TRUE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_disqualification_init (RefDisqualification *self)
{
  self->left = TRUE;
}

RefDisqualification *
ref_disqualification_new (void)
{
  return g_object_new (REF_TYPE_DISQUALIFICATION, NULL);
}

/**
 * ref_disqualification_get_participant:
 *
 * Returns: (transfer none) (nullable): who
 */
RefParticipant *
ref_disqualification_get_participant (RefDisqualification *self)
{
  g_return_val_if_fail (REF_IS_DISQUALIFICATION (self), NULL);
  return self->participant;
}

void
ref_disqualification_set_participant (RefDisqualification *self, RefParticipant *participant)
{
  g_return_if_fail (REF_IS_DISQUALIFICATION (self));
  ref_set_object (self, (gpointer *) &self->participant, participant, properties[PROP_PARTICIPANT]);
}

const char *
ref_disqualification_get_reason (RefDisqualification *self)
{
  g_return_val_if_fail (REF_IS_DISQUALIFICATION (self), "");
  return REF_STR (self->reason);
}

void
ref_disqualification_set_reason (RefDisqualification *self, const char *reason)
{
  g_return_if_fail (REF_IS_DISQUALIFICATION (self));
  ref_set_string (self, &self->reason, reason, properties[PROP_REASON]);
}

gboolean
ref_disqualification_get_left (RefDisqualification *self)
{
  g_return_val_if_fail (REF_IS_DISQUALIFICATION (self), TRUE);
  return self->left;
}

void
ref_disqualification_set_left (RefDisqualification *self, gboolean left)
{
  g_return_if_fail (REF_IS_DISQUALIFICATION (self));
  ref_set_boolean (self, &self->left, left, properties[PROP_LEFT]);
}

/*< custom >*/
