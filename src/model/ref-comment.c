/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-comment.h"

#include "ref-decision.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefComment {
  GObject parent_instance;

  char *author;
  GDateTime *time;
  char *text;
  RefSection *section;
  RefDecision *decision;
  gboolean recommendation;
  gboolean resolved;
};

G_DEFINE_FINAL_TYPE (RefComment, ref_comment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AUTHOR,
  PROP_TIME,
  PROP_TEXT,
  PROP_SECTION,
  PROP_DECISION,
  PROP_RECOMMENDATION,
  PROP_RESOLVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_comment_finalize (GObject *object)
{
  RefComment *self = REF_COMMENT (object);

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->section);
  g_clear_object (&self->decision);

  G_OBJECT_CLASS (ref_comment_parent_class)->finalize (object);
}

static void
ref_comment_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefComment *self = REF_COMMENT (object);

  switch (prop_id)
    {
    case PROP_AUTHOR:
      g_value_set_string (value, ref_comment_get_author (self));
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_TEXT:
      g_value_set_string (value, ref_comment_get_text (self));
      break;
    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;
    case PROP_DECISION:
      g_value_set_object (value, self->decision);
      break;
    case PROP_RECOMMENDATION:
      g_value_set_boolean (value, self->recommendation);
      break;
    case PROP_RESOLVED:
      g_value_set_boolean (value, self->resolved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_comment_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefComment *self = REF_COMMENT (object);

  switch (prop_id)
    {
    case PROP_AUTHOR:
      ref_comment_set_author (self, g_value_get_string (value));
      break;
    case PROP_TIME:
      ref_comment_set_time (self, g_value_get_boxed (value));
      break;
    case PROP_TEXT:
      ref_comment_set_text (self, g_value_get_string (value));
      break;
    case PROP_SECTION:
      ref_comment_set_section (self, g_value_get_object (value));
      break;
    case PROP_DECISION:
      ref_comment_set_decision (self, g_value_get_object (value));
      break;
    case PROP_RECOMMENDATION:
      ref_comment_set_recommendation (self, g_value_get_boolean (value));
      break;
    case PROP_RESOLVED:
      ref_comment_set_resolved (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_comment_class_init (RefCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_comment_finalize;
  object_class->get_property = ref_comment_get_property;
  object_class->set_property = ref_comment_set_property;

  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION] = g_param_spec_object ("section", NULL, NULL, REF_TYPE_SECTION, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECISION] = g_param_spec_object ("decision", NULL, NULL, REF_TYPE_DECISION, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECOMMENDATION] = g_param_spec_boolean ("recommendation", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLVED] = g_param_spec_boolean ("resolved", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_comment_init (RefComment *self)
{
  self->resolved = FALSE;
}

RefComment *
ref_comment_new (void)
{
  return g_object_new (REF_TYPE_COMMENT, NULL);
}

const char *
ref_comment_get_author (RefComment *self)
{
  g_return_val_if_fail (REF_IS_COMMENT (self), "");
  return REF_STR (self->author);
}

void
ref_comment_set_author (RefComment *self, const char *author)
{
  g_return_if_fail (REF_IS_COMMENT (self));
  ref_set_string (self, &self->author, author, properties[PROP_AUTHOR]);
}

/**
 * ref_comment_get_time:
 *
 * Returns: (transfer none) (nullable): when
 */
GDateTime *
ref_comment_get_time (RefComment *self)
{
  g_return_val_if_fail (REF_IS_COMMENT (self), NULL);
  return self->time;
}

void
ref_comment_set_time (RefComment *self, GDateTime *time)
{
  g_return_if_fail (REF_IS_COMMENT (self));
  ref_set_date_time (self, &self->time, time, properties[PROP_TIME]);
}

const char *
ref_comment_get_text (RefComment *self)
{
  g_return_val_if_fail (REF_IS_COMMENT (self), "");
  return REF_STR (self->text);
}

void
ref_comment_set_text (RefComment *self, const char *text)
{
  g_return_if_fail (REF_IS_COMMENT (self));
  ref_set_string (self, &self->text, text, properties[PROP_TEXT]);
}

/**
 * ref_comment_get_section:
 *
 * Returns: (transfer none) (nullable): the section it is about, or NULL for the whole item
 */
RefSection *
ref_comment_get_section (RefComment *self)
{
  g_return_val_if_fail (REF_IS_COMMENT (self), NULL);
  return self->section;
}

void
ref_comment_set_section (RefComment *self, RefSection *section)
{
  g_return_if_fail (REF_IS_COMMENT (self));
  ref_set_object (self, (gpointer *) &self->section, section, properties[PROP_SECTION]);
}

/**
 * ref_comment_get_decision:
 *
 * Returns: (transfer none) (nullable): the decision (Beslutning) it is about
 */
RefDecision *
ref_comment_get_decision (RefComment *self)
{
  g_return_val_if_fail (REF_IS_COMMENT (self), NULL);
  return self->decision;
}

void
ref_comment_set_decision (RefComment *self, RefDecision *decision)
{
  g_return_if_fail (REF_IS_COMMENT (self));
  ref_set_object (self, (gpointer *) &self->decision, decision, properties[PROP_DECISION]);
}

/* Whether it is about the item's recommendation (Indstilling). */
gboolean
ref_comment_get_recommendation (RefComment *self)
{
  g_return_val_if_fail (REF_IS_COMMENT (self), FALSE);
  return self->recommendation;
}

void
ref_comment_set_recommendation (RefComment *self, gboolean recommendation)
{
  g_return_if_fail (REF_IS_COMMENT (self));
  ref_set_boolean (self, &self->recommendation, recommendation, properties[PROP_RECOMMENDATION]);
}

gboolean
ref_comment_get_resolved (RefComment *self)
{
  g_return_val_if_fail (REF_IS_COMMENT (self), FALSE);
  return self->resolved;
}

void
ref_comment_set_resolved (RefComment *self, gboolean resolved)
{
  g_return_if_fail (REF_IS_COMMENT (self));
  ref_set_boolean (self, &self->resolved, resolved, properties[PROP_RESOLVED]);
}


