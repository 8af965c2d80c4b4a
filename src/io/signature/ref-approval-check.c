/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-approval-check.h"

#include "ref-model-util.h"

struct _RefApprovalCheck {
  GObject parent_instance;

  RefApprovalStatus status;
  char *subject;
  char *issuer;
  char *fingerprint;
  GDateTime *signing_time;
  GDateTime *timestamp_time;
  char *timestamp_authority;
  char *participant_id;
  char *participant_name;
  char *signer;
  char **changed;
  GArray *changed_items;
  char *message;
};

G_DEFINE_FINAL_TYPE (RefApprovalCheck, ref_approval_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_SUBJECT,
  PROP_ISSUER,
  PROP_FINGERPRINT,
  PROP_SIGNING_TIME,
  PROP_TIMESTAMP_TIME,
  PROP_TIMESTAMP_AUTHORITY,
  PROP_PARTICIPANT_ID,
  PROP_PARTICIPANT_NAME,
  PROP_SIGNER,
  PROP_CHANGED,
  PROP_CHANGED_ITEMS,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_approval_check_finalize (GObject *object)
{
  RefApprovalCheck *self = REF_APPROVAL_CHECK (object);

  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->signing_time, g_date_time_unref);
  g_clear_pointer (&self->timestamp_time, g_date_time_unref);
  g_clear_pointer (&self->timestamp_authority, g_free);
  g_clear_pointer (&self->participant_id, g_free);
  g_clear_pointer (&self->participant_name, g_free);
  g_clear_pointer (&self->signer, g_free);
  g_clear_pointer (&self->changed, g_strfreev);
  g_clear_pointer (&self->changed_items, g_array_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ref_approval_check_parent_class)->finalize (object);
}

static void
ref_approval_check_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefApprovalCheck *self = REF_APPROVAL_CHECK (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, REF_STR (self->subject));
      break;
    case PROP_ISSUER:
      g_value_set_string (value, REF_STR (self->issuer));
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, REF_STR (self->fingerprint));
      break;
    case PROP_SIGNING_TIME:
      g_value_set_boxed (value, self->signing_time);
      break;
    case PROP_TIMESTAMP_TIME:
      g_value_set_boxed (value, self->timestamp_time);
      break;
    case PROP_TIMESTAMP_AUTHORITY:
      g_value_set_string (value, REF_STR (self->timestamp_authority));
      break;
    case PROP_PARTICIPANT_ID:
      g_value_set_string (value, REF_STR (self->participant_id));
      break;
    case PROP_PARTICIPANT_NAME:
      g_value_set_string (value, REF_STR (self->participant_name));
      break;
    case PROP_SIGNER:
      g_value_set_string (value, REF_STR (self->signer));
      break;
    case PROP_CHANGED:
      g_value_set_boxed (value, self->changed);
      break;
    case PROP_CHANGED_ITEMS:
      g_value_set_boxed (value, self->changed_items);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, REF_STR (self->message));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Construct-only: the ref_set_* helpers are for edits with undo, which a check
 * never has. */
static void
ref_approval_check_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefApprovalCheck *self = REF_APPROVAL_CHECK (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;
    case PROP_SUBJECT:
      self->subject = g_value_dup_string (value);
      break;
    case PROP_ISSUER:
      self->issuer = g_value_dup_string (value);
      break;
    case PROP_FINGERPRINT:
      self->fingerprint = g_value_dup_string (value);
      break;
    case PROP_SIGNING_TIME:
      self->signing_time = g_value_dup_boxed (value);
      break;
    case PROP_TIMESTAMP_TIME:
      self->timestamp_time = g_value_dup_boxed (value);
      break;
    case PROP_TIMESTAMP_AUTHORITY:
      self->timestamp_authority = g_value_dup_string (value);
      break;
    case PROP_PARTICIPANT_ID:
      self->participant_id = g_value_dup_string (value);
      break;
    case PROP_PARTICIPANT_NAME:
      self->participant_name = g_value_dup_string (value);
      break;
    case PROP_SIGNER:
      self->signer = g_value_dup_string (value);
      break;
    case PROP_CHANGED:
      self->changed = g_value_dup_boxed (value);
      break;
    case PROP_CHANGED_ITEMS:
      self->changed_items = g_value_dup_boxed (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_approval_check_class_init (RefApprovalCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ref_approval_check_finalize;
  object_class->get_property = ref_approval_check_get_property;
  object_class->set_property = ref_approval_check_set_property;

  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, REF_TYPE_APPROVAL_STATUS, REF_APPROVAL_STATUS_MALFORMED, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, "", flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, "", flags);
  properties[PROP_FINGERPRINT] = g_param_spec_string ("fingerprint", NULL, NULL, "", flags);
  properties[PROP_SIGNING_TIME] = g_param_spec_boxed ("signing-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TIMESTAMP_TIME] = g_param_spec_boxed ("timestamp-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TIMESTAMP_AUTHORITY] = g_param_spec_string ("timestamp-authority", NULL, NULL, "", flags);
  properties[PROP_PARTICIPANT_ID] = g_param_spec_string ("participant-id", NULL, NULL, "", flags);
  properties[PROP_PARTICIPANT_NAME] = g_param_spec_string ("participant-name", NULL, NULL, "", flags);
  properties[PROP_SIGNER] = g_param_spec_string ("signer", NULL, NULL, "", flags);
  properties[PROP_CHANGED] = g_param_spec_boxed ("changed", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CHANGED_ITEMS] = g_param_spec_boxed ("changed-items", NULL, NULL, G_TYPE_ARRAY, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_approval_check_init (RefApprovalCheck *self)
{
  self->status = REF_APPROVAL_STATUS_MALFORMED;
}

RefApprovalStatus
ref_approval_check_get_status (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), REF_APPROVAL_STATUS_MALFORMED);
  return self->status;
}

const char *
ref_approval_check_get_subject (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->subject);
}

const char *
ref_approval_check_get_issuer (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->issuer);
}

const char *
ref_approval_check_get_fingerprint (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->fingerprint);
}

/**
 * ref_approval_check_get_signing_time:
 *
 * Returns: (transfer none) (nullable): the signed signing time
 */
GDateTime *
ref_approval_check_get_signing_time (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), NULL);
  return self->signing_time;
}

/**
 * ref_approval_check_get_timestamp_time:
 *
 * Returns: (transfer none) (nullable): the time of a trusted time stamp
 */
GDateTime *
ref_approval_check_get_timestamp_time (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), NULL);
  return self->timestamp_time;
}

const char *
ref_approval_check_get_timestamp_authority (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->timestamp_authority);
}

const char *
ref_approval_check_get_participant_id (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->participant_id);
}

const char *
ref_approval_check_get_participant_name (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->participant_name);
}

const char *
ref_approval_check_get_signer (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->signer);
}

/**
 * ref_approval_check_get_changed:
 *
 * Returns: (transfer none) (nullable): the changed parts, for people
 */
const char *const *
ref_approval_check_get_changed (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), NULL);
  return (const char *const *) self->changed;
}

/**
 * ref_approval_check_get_changed_items:
 *
 * Returns: (transfer none) (nullable) (element-type guint): changed item numbers
 */
GArray *
ref_approval_check_get_changed_items (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), NULL);
  return self->changed_items;
}

const char *
ref_approval_check_get_message (RefApprovalCheck *self)
{
  g_return_val_if_fail (REF_IS_APPROVAL_CHECK (self), "");
  return REF_STR (self->message);
}
