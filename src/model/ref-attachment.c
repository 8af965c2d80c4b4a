/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-attachment.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefAttachment {
  GObject parent_instance;

  char *title;
  char *filename;
  gboolean recommended;
};

G_DEFINE_FINAL_TYPE (RefAttachment, ref_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_FILENAME,
  PROP_RECOMMENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_attachment_finalize (GObject *object)
{
  RefAttachment *self = REF_ATTACHMENT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->filename, g_free);

  G_OBJECT_CLASS (ref_attachment_parent_class)->finalize (object);
}

static void
ref_attachment_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefAttachment *self = REF_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, ref_attachment_get_title (self));
      break;
    case PROP_FILENAME:
      g_value_set_string (value, ref_attachment_get_filename (self));
      break;
    case PROP_RECOMMENDED:
      g_value_set_boolean (value, self->recommended);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_attachment_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefAttachment *self = REF_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ref_attachment_set_title (self, g_value_get_string (value));
      break;
    case PROP_FILENAME:
      ref_attachment_set_filename (self, g_value_get_string (value));
      break;
    case PROP_RECOMMENDED:
      ref_attachment_set_recommended (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_attachment_class_init (RefAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_attachment_finalize;
  object_class->get_property = ref_attachment_get_property;
  object_class->set_property = ref_attachment_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECOMMENDED] = g_param_spec_boolean ("recommended", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_attachment_init (RefAttachment *self)
{
  self->recommended = FALSE;
}

RefAttachment *
ref_attachment_new (void)
{
  return g_object_new (REF_TYPE_ATTACHMENT, NULL);
}

const char *
ref_attachment_get_title (RefAttachment *self)
{
  g_return_val_if_fail (REF_IS_ATTACHMENT (self), "");
  return REF_STR (self->title);
}

void
ref_attachment_set_title (RefAttachment *self, const char *title)
{
  g_return_if_fail (REF_IS_ATTACHMENT (self));
  ref_set_string (self, &self->title, title, properties[PROP_TITLE]);
}

const char *
ref_attachment_get_filename (RefAttachment *self)
{
  g_return_val_if_fail (REF_IS_ATTACHMENT (self), "");
  return REF_STR (self->filename);
}

void
ref_attachment_set_filename (RefAttachment *self, const char *filename)
{
  g_return_if_fail (REF_IS_ATTACHMENT (self));
  ref_set_string (self, &self->filename, filename, properties[PROP_FILENAME]);
}

gboolean
ref_attachment_get_recommended (RefAttachment *self)
{
  g_return_val_if_fail (REF_IS_ATTACHMENT (self), FALSE);
  return self->recommended;
}

void
ref_attachment_set_recommended (RefAttachment *self, gboolean recommended)
{
  g_return_if_fail (REF_IS_ATTACHMENT (self));
  ref_set_boolean (self, &self->recommended, recommended, properties[PROP_RECOMMENDED]);
}

/*< custom >*/
