/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-approval.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefApproval {
  GObject parent_instance;

  RefParticipant *participant;
  char *signer;
  GDateTime *time;
  char *signature;
  gboolean voided;
};

G_DEFINE_FINAL_TYPE (RefApproval, ref_approval, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PARTICIPANT,
  PROP_SIGNER,
  PROP_TIME,
  PROP_SIGNATURE,
  PROP_VOIDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_approval_finalize (GObject *object)
{
  RefApproval *self = REF_APPROVAL (object);

  g_clear_object (&self->participant);
  g_clear_pointer (&self->signer, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->signature, g_free);

  G_OBJECT_CLASS (ref_approval_parent_class)->finalize (object);
}

static void
ref_approval_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefApproval *self = REF_APPROVAL (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;
    case PROP_SIGNER:
      g_value_set_string (value, ref_approval_get_signer (self));
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_SIGNATURE:
      g_value_set_string (value, ref_approval_get_signature (self));
      break;
    case PROP_VOIDED:
      g_value_set_boolean (value, self->voided);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_approval_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefApproval *self = REF_APPROVAL (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      ref_approval_set_participant (self, g_value_get_object (value));
      break;
    case PROP_SIGNER:
      ref_approval_set_signer (self, g_value_get_string (value));
      break;
    case PROP_TIME:
      ref_approval_set_time (self, g_value_get_boxed (value));
      break;
    case PROP_SIGNATURE:
      ref_approval_set_signature (self, g_value_get_string (value));
      break;
    case PROP_VOIDED:
      ref_approval_set_voided (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_approval_class_init (RefApprovalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_approval_finalize;
  object_class->get_property = ref_approval_get_property;
  object_class->set_property = ref_approval_set_property;

  properties[PROP_PARTICIPANT] = g_param_spec_object ("participant", NULL, NULL, REF_TYPE_PARTICIPANT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNER] = g_param_spec_string ("signer", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNATURE] = g_param_spec_string ("signature", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOIDED] = g_param_spec_boolean ("voided", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_approval_init (RefApproval *self)
{

}

RefApproval *
ref_approval_new (void)
{
  return g_object_new (REF_TYPE_APPROVAL, NULL);
}

/**
 * ref_approval_get_participant:
 *
 * Returns: (transfer none) (nullable): the approving member
 */
RefParticipant *
ref_approval_get_participant (RefApproval *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL (self), NULL);
  return self->participant;
}

void
ref_approval_set_participant (RefApproval *self, RefParticipant *participant)
{
  g_return_if_fail (REF_IS_APPROVAL (self));
  ref_set_object (self, (gpointer *) &self->participant, participant, properties[PROP_PARTICIPANT]);
}

const char *
ref_approval_get_signer (RefApproval *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL (self), "");
  return REF_STR (self->signer);
}

void
ref_approval_set_signer (RefApproval *self, const char *signer)
{
  g_return_if_fail (REF_IS_APPROVAL (self));
  ref_set_string (self, &self->signer, signer, properties[PROP_SIGNER]);
}

/**
 * ref_approval_get_time:
 *
 * Returns: (transfer none) (nullable): when
 */
GDateTime *
ref_approval_get_time (RefApproval *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL (self), NULL);
  return self->time;
}

void
ref_approval_set_time (RefApproval *self, GDateTime *time)
{
  g_return_if_fail (REF_IS_APPROVAL (self));
  ref_set_date_time (self, &self->time, time, properties[PROP_TIME]);
}

const char *
ref_approval_get_signature (RefApproval *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL (self), "");
  return REF_STR (self->signature);
}

void
ref_approval_set_signature (RefApproval *self, const char *signature)
{
  g_return_if_fail (REF_IS_APPROVAL (self));
  ref_set_string (self, &self->signature, signature, properties[PROP_SIGNATURE]);
}

/**
 * ref_approval_get_voided:
 *
 * Returns: whether the approval was voided (by unlocking the meeting): it is kept as
 *   a record but no longer approves the minutes.
 */
gboolean
ref_approval_get_voided (RefApproval *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL (self), FALSE);
  return self->voided;
}

void
ref_approval_set_voided (RefApproval *self, gboolean voided)
{
  g_return_if_fail (REF_IS_APPROVAL (self));
  ref_set_boolean (self, &self->voided, voided, properties[PROP_VOIDED]);
}

/*< custom >*/
