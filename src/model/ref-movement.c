/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-movement.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefMovement {
  GObject parent_instance;

  RefMovementKind kind;
  guint item;
  gboolean during;
  int time;
};

G_DEFINE_FINAL_TYPE (RefMovement, ref_movement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ITEM,
  PROP_DURING,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_movement_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefMovement *self = REF_MOVEMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ITEM:
      g_value_set_uint (value, self->item);
      break;
    case PROP_DURING:
      g_value_set_boolean (value, self->during);
      break;
    case PROP_TIME:
      g_value_set_int (value, self->time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_movement_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefMovement *self = REF_MOVEMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      ref_movement_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_ITEM:
      ref_movement_set_item (self, g_value_get_uint (value));
      break;
    case PROP_DURING:
      ref_movement_set_during (self, g_value_get_boolean (value));
      break;
    case PROP_TIME:
      ref_movement_set_time (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_movement_class_init (RefMovementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ref_movement_get_property;
  object_class->set_property = ref_movement_set_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, REF_TYPE_MOVEMENT_KIND, REF_MOVEMENT_KIND_LEFT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] = g_param_spec_uint ("item", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURING] = g_param_spec_boolean ("during", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] = g_param_spec_int ("time", NULL, NULL, -1, G_MAXINT, -1, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_movement_init (RefMovement *self)
{
  self->kind = REF_MOVEMENT_KIND_LEFT;
  self->item = 0;
  self->during = FALSE;
  self->time = -1;
}

RefMovement *
ref_movement_new (void)
{
  return g_object_new (REF_TYPE_MOVEMENT, NULL);
}

RefMovementKind
ref_movement_get_kind (RefMovement *self)
{
  g_return_val_if_fail (REF_IS_MOVEMENT (self), REF_MOVEMENT_KIND_LEFT);
  return self->kind;
}

void
ref_movement_set_kind (RefMovement *self, RefMovementKind kind)
{
  g_return_if_fail (REF_IS_MOVEMENT (self));
  ref_set_enum (self, (int *) &self->kind, kind, properties[PROP_KIND]);
}

guint
ref_movement_get_item (RefMovement *self)
{
  g_return_val_if_fail (REF_IS_MOVEMENT (self), 0);
  return self->item;
}

void
ref_movement_set_item (RefMovement *self, guint item)
{
  g_return_if_fail (REF_IS_MOVEMENT (self));
  ref_set_uint (self, &self->item, item, properties[PROP_ITEM]);
}

gboolean
ref_movement_get_during (RefMovement *self)
{
  g_return_val_if_fail (REF_IS_MOVEMENT (self), FALSE);
  return self->during;
}

void
ref_movement_set_during (RefMovement *self, gboolean during)
{
  g_return_if_fail (REF_IS_MOVEMENT (self));
  ref_set_boolean (self, &self->during, during, properties[PROP_DURING]);
}

int
ref_movement_get_time (RefMovement *self)
{
  g_return_val_if_fail (REF_IS_MOVEMENT (self), -1);
  return self->time;
}

void
ref_movement_set_time (RefMovement *self, int time)
{
  g_return_if_fail (REF_IS_MOVEMENT (self));
  ref_set_int (self, &self->time, time, properties[PROP_TIME]);
}

/*< custom >*/
