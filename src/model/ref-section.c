/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-section.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefSection {
  GObject parent_instance;

  RefSectionKind kind;
  char *heading;
  guint level;
  RefText *text;
};

G_DEFINE_FINAL_TYPE (RefSection, ref_section, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_HEADING,
  PROP_LEVEL,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_section_finalize (GObject *object)
{
  RefSection *self = REF_SECTION (object);

  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->text, ref_text_unref);

  G_OBJECT_CLASS (ref_section_parent_class)->finalize (object);
}

static void
ref_section_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefSection *self = REF_SECTION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_HEADING:
      g_value_set_string (value, ref_section_get_heading (self));
      break;
    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    case PROP_TEXT:
      g_value_set_boxed (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_section_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefSection *self = REF_SECTION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      ref_section_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_HEADING:
      ref_section_set_heading (self, g_value_get_string (value));
      break;
    case PROP_LEVEL:
      ref_section_set_level (self, g_value_get_uint (value));
      break;
    case PROP_TEXT:
      ref_section_set_text (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_section_class_init (RefSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_section_finalize;
  object_class->get_property = ref_section_get_property;
  object_class->set_property = ref_section_set_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, REF_TYPE_SECTION_KIND, REF_SECTION_KIND_FREE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADING] = g_param_spec_string ("heading", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] = g_param_spec_uint ("level", NULL, NULL, 1, 2, 1, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] = g_param_spec_boxed ("text", NULL, NULL, REF_TYPE_TEXT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_section_init (RefSection *self)
{
  self->kind = REF_SECTION_KIND_FREE;
  self->level = 1;
}

RefSection *
ref_section_new (void)
{
  return g_object_new (REF_TYPE_SECTION, NULL);
}

RefSectionKind
ref_section_get_kind (RefSection *self)
{
  g_return_val_if_fail (REF_IS_SECTION (self), REF_SECTION_KIND_FREE);
  return self->kind;
}

void
ref_section_set_kind (RefSection *self, RefSectionKind kind)
{
  g_return_if_fail (REF_IS_SECTION (self));
  ref_set_enum (self, (int *) &self->kind, kind, properties[PROP_KIND]);
}

const char *
ref_section_get_heading (RefSection *self)
{
  g_return_val_if_fail (REF_IS_SECTION (self), "");
  return REF_STR (self->heading);
}

void
ref_section_set_heading (RefSection *self, const char *heading)
{
  g_return_if_fail (REF_IS_SECTION (self));
  ref_set_string (self, &self->heading, heading, properties[PROP_HEADING]);
}

guint
ref_section_get_level (RefSection *self)
{
  g_return_val_if_fail (REF_IS_SECTION (self), 1);
  return self->level;
}

void
ref_section_set_level (RefSection *self, guint level)
{
  g_return_if_fail (REF_IS_SECTION (self));
  g_return_if_fail (level >= 1 && level <= 2);
  ref_set_uint (self, &self->level, level, properties[PROP_LEVEL]);
}

/**
 * ref_section_get_text:
 *
 * Returns: (transfer none) (nullable): the body
 */
RefText *
ref_section_get_text (RefSection *self)
{
  g_return_val_if_fail (REF_IS_SECTION (self), NULL);
  return self->text;
}

void
ref_section_set_text (RefSection *self, RefText *text)
{
  g_return_if_fail (REF_IS_SECTION (self));
  ref_set_boxed (self, (gpointer *) &self->text, text, REF_TYPE_TEXT, (GEqualFunc) ref_text_equal, properties[PROP_TEXT]);
}

/* The heading to print: the explicit one, else the standard Danish heading. */
const char *
ref_section_get_display_heading (RefSection *self)
{
  g_return_val_if_fail (REF_IS_SECTION (self), "");
  if (self->heading != NULL)
    return self->heading;
  return ref_section_kind_default_heading (self->kind);
}
