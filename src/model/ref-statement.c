/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-statement.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefStatement {
  GObject parent_instance;

  RefStatementKind kind;
  RefParticipant *participant;
  char *by;
  RefText *text;
};

G_DEFINE_FINAL_TYPE (RefStatement, ref_statement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_PARTICIPANT,
  PROP_BY,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_statement_finalize (GObject *object)
{
  RefStatement *self = REF_STATEMENT (object);

  g_clear_object (&self->participant);
  g_clear_pointer (&self->by, g_free);
  g_clear_pointer (&self->text, ref_text_unref);

  G_OBJECT_CLASS (ref_statement_parent_class)->finalize (object);
}

static void
ref_statement_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefStatement *self = REF_STATEMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;
    case PROP_BY:
      g_value_set_string (value, ref_statement_get_by (self));
      break;
    case PROP_TEXT:
      g_value_set_boxed (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_statement_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefStatement *self = REF_STATEMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      ref_statement_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_PARTICIPANT:
      ref_statement_set_participant (self, g_value_get_object (value));
      break;
    case PROP_BY:
      ref_statement_set_by (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      ref_statement_set_text (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_statement_class_init (RefStatementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_statement_finalize;
  object_class->get_property = ref_statement_get_property;
  object_class->set_property = ref_statement_set_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, REF_TYPE_STATEMENT_KIND, REF_STATEMENT_KIND_PROTOCOL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANT] = g_param_spec_object ("participant", NULL, NULL, REF_TYPE_PARTICIPANT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BY] = g_param_spec_string ("by", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] = g_param_spec_boxed ("text", NULL, NULL, REF_TYPE_TEXT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_statement_init (RefStatement *self)
{
  self->kind = REF_STATEMENT_KIND_PROTOCOL;
}

RefStatement *
ref_statement_new (void)
{
  return g_object_new (REF_TYPE_STATEMENT, NULL);
}

RefStatementKind
ref_statement_get_kind (RefStatement *self)
{
  g_return_val_if_fail (REF_IS_STATEMENT (self), REF_STATEMENT_KIND_PROTOCOL);
  return self->kind;
}

void
ref_statement_set_kind (RefStatement *self, RefStatementKind kind)
{
  g_return_if_fail (REF_IS_STATEMENT (self));
  ref_set_enum (self, (int *) &self->kind, kind, properties[PROP_KIND]);
}

/**
 * ref_statement_get_participant:
 *
 * Returns: (transfer none) (nullable): who made it, when a participant
 */
RefParticipant *
ref_statement_get_participant (RefStatement *self)
{
  g_return_val_if_fail (REF_IS_STATEMENT (self), NULL);
  return self->participant;
}

void
ref_statement_set_participant (RefStatement *self, RefParticipant *participant)
{
  g_return_if_fail (REF_IS_STATEMENT (self));
  ref_set_object (self, (gpointer *) &self->participant, participant, properties[PROP_PARTICIPANT]);
}

const char *
ref_statement_get_by (RefStatement *self)
{
  g_return_val_if_fail (REF_IS_STATEMENT (self), "");
  return REF_STR (self->by);
}

void
ref_statement_set_by (RefStatement *self, const char *by)
{
  g_return_if_fail (REF_IS_STATEMENT (self));
  ref_set_string (self, &self->by, by, properties[PROP_BY]);
}

/**
 * ref_statement_get_text:
 *
 * Returns: (transfer none) (nullable): the statement
 */
RefText *
ref_statement_get_text (RefStatement *self)
{
  g_return_val_if_fail (REF_IS_STATEMENT (self), NULL);
  return self->text;
}

void
ref_statement_set_text (RefStatement *self, RefText *text)
{
  g_return_if_fail (REF_IS_STATEMENT (self));
  ref_set_boxed (self, (gpointer *) &self->text, text, REF_TYPE_TEXT, (GEqualFunc) ref_text_equal, properties[PROP_TEXT]);
}

/*< custom >*/
