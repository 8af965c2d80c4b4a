/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model-util.h"

#include "ref-agenda-item.h"
#include "ref-history.h"
#include "ref-participant.h"
#include "ref-text.h"
#include "ref-vote.h"

#include <string.h>

static void
record_and_notify (gpointer self, GParamSpec *pspec, GValue *old_value)
{
  ref_history_record_property (self, pspec, old_value);
  g_value_unset (old_value);
}

gboolean
ref_set_string (gpointer self, char **field, const char *value, GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_value_init (&old, G_TYPE_STRING);
  g_value_set_string (&old, REF_STR (*field));
  g_free (*field);
  *field = g_strdup (value);
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_set_int (gpointer self, int *field, int value, GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  if (*field == value)
    return FALSE;
  g_value_init (&old, G_TYPE_INT);
  g_value_set_int (&old, *field);
  *field = value;
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_set_uint (gpointer self, guint *field, guint value, GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  if (*field == value)
    return FALSE;
  g_value_init (&old, G_TYPE_UINT);
  g_value_set_uint (&old, *field);
  *field = value;
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_set_boolean (gpointer self, gboolean *field, gboolean value, GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  value = !!value;
  if (*field == value)
    return FALSE;
  g_value_init (&old, G_TYPE_BOOLEAN);
  g_value_set_boolean (&old, *field);
  *field = value;
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_set_enum (gpointer self, int *field, int value, GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  if (*field == value)
    return FALSE;
  g_value_init (&old, pspec->value_type);
  g_value_set_enum (&old, *field);
  *field = value;
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_set_object (gpointer self, gpointer *field, gpointer value, GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  if (*field == value)
    return FALSE;
  g_value_init (&old, pspec->value_type);
  g_value_set_object (&old, *field);
  g_clear_object ((GObject **) field);
  *field = value ? g_object_ref (value) : NULL;
  if (value != NULL)
    ref_history_attach_child (self, value);
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_set_date_time (gpointer self, GDateTime **field, GDateTime *value, GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  if (*field == value || (*field && value && g_date_time_equal (*field, value)))
    return FALSE;
  g_value_init (&old, G_TYPE_DATE_TIME);
  g_value_set_boxed (&old, *field);
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_set_boxed (gpointer self, gpointer *field, gpointer value, GType boxed_type, GEqualFunc equal,
               GParamSpec *pspec)
{
  GValue old = G_VALUE_INIT;

  if (*field == value)
    return FALSE;
  /* @equal sees NULL too: no text and an empty text are the same value. */
  if (equal != NULL && equal (*field, value))
    return FALSE;
  g_value_init (&old, boxed_type);
  g_value_take_boxed (&old, *field);
  *field = value ? g_boxed_copy (boxed_type, value) : NULL;
  record_and_notify (self, pspec, &old);
  g_object_notify_by_pspec (self, pspec);
  return TRUE;
}

gboolean
ref_uint_array_equal (GArray *a, GArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  return na == 0 || memcmp (a->data, b->data, na * sizeof (guint)) == 0;
}

gboolean
ref_strv_equal0 (char **a, char **b)
{
  guint na = a ? g_strv_length (a) : 0, nb = b ? g_strv_length (b) : 0;

  if (na != nb)
    return FALSE;
  return na == 0 || g_strv_equal ((const char *const *) a, (const char *const *) b);
}

static gboolean model_equal_at (gpointer a, gpointer b, GString *path, guint depth);

static gboolean
value_equal (const GValue *va, const GValue *vb, GString *path, guint depth)
{
  GType type = G_VALUE_TYPE (va);

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (va), g_value_get_string (vb)) == 0;
  if (type == REF_TYPE_TEXT)
    return ref_text_equal (g_value_get_boxed (va), g_value_get_boxed (vb));
  if (type == REF_TYPE_VOTE)
    return ref_vote_equal (g_value_get_boxed (va), g_value_get_boxed (vb));
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *a = g_value_get_boxed (va), *b = g_value_get_boxed (vb);
      return a == b || (a && b && g_date_time_equal (a, b));
    }
  if (type == G_TYPE_ARRAY)
    return ref_uint_array_equal (g_value_get_boxed (va), g_value_get_boxed (vb));
  if (type == G_TYPE_STRV)
    return ref_strv_equal0 (g_value_get_boxed (va), g_value_get_boxed (vb));
  if (g_type_is_a (type, G_TYPE_OBJECT) || g_type_is_a (type, G_TYPE_LIST_MODEL))
    return model_equal_at (g_value_get_object (va), g_value_get_object (vb), path, depth + 1);
  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_value_get_boolean (va) == g_value_get_boolean (vb);
    case G_TYPE_INT:
      return g_value_get_int (va) == g_value_get_int (vb);
    case G_TYPE_UINT:
      return g_value_get_uint (va) == g_value_get_uint (vb);
    case G_TYPE_INT64:
      return g_value_get_int64 (va) == g_value_get_int64 (vb);
    case G_TYPE_DOUBLE:
      return g_value_get_double (va) == g_value_get_double (vb);
    case G_TYPE_ENUM:
      return g_value_get_enum (va) == g_value_get_enum (vb);
    case G_TYPE_FLAGS:
      return g_value_get_flags (va) == g_value_get_flags (vb);
    default:
      g_critical ("ref_model_equal: cannot compare values of type %s", g_type_name (type));
      return FALSE;
    }
}

static gboolean
model_equal_at (gpointer a, gpointer b, GString *path, guint depth)
{
  guint n_props = 0;
  g_autofree GParamSpec **props = NULL;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;
  /* Participant references may point back into the participant list; the depth
   * bound keeps a malformed cycle from recursing forever. */
  if (depth > 32)
    return TRUE;

  if (G_IS_LIST_MODEL (a))
    {
      guint n = g_list_model_get_n_items (a);
      gsize len = path->len;

      if (n != g_list_model_get_n_items (b))
        {
          g_string_append (path, ".length");
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (GObject) ia = g_list_model_get_item (a, i);
          g_autoptr (GObject) ib = g_list_model_get_item (b, i);

          g_string_append_printf (path, "[%u]", i);
          if (!model_equal_at (ia, ib, path, depth + 1))
            return FALSE;
          g_string_truncate (path, len);
        }
      return TRUE;
    }

  props = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_props);
  for (guint i = 0; i < n_props; i++)
    {
      g_auto (GValue) va = G_VALUE_INIT;
      g_auto (GValue) vb = G_VALUE_INIT;
      gsize len = path->len;

      if (!(props[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&va, props[i]->value_type);
      g_value_init (&vb, props[i]->value_type);
      g_object_get_property (a, props[i]->name, &va);
      g_object_get_property (b, props[i]->name, &vb);
      g_string_append_printf (path, "%s%s", path->len ? "." : "", props[i]->name);
      if (!value_equal (&va, &vb, path, depth))
        return FALSE;
      g_string_truncate (path, len);
    }
  return TRUE;
}

gboolean
ref_model_equal (gpointer a, gpointer b, char **where)
{
  g_autoptr (GString) path = g_string_new (NULL);
  gboolean equal = model_equal_at (a, b, path, 0);

  if (where != NULL)
    *where = equal ? NULL : g_string_free (g_steal_pointer (&path), FALSE);
  return equal;
}

static gpointer
copy_child (GObject *child)
{
  /* Participants belong to the meeting: a copied item still refers to the same people. */
  if (child == NULL || REF_IS_PARTICIPANT (child))
    return child ? g_object_ref (child) : NULL;
  return ref_model_copy (child);
}

/* @object's counterpart in @to: the object at the same position of @from. */
static gpointer
counterpart (GListModel *from, GListModel *to, gpointer object)
{
  guint position;

  if (object == NULL || !g_list_store_find (G_LIST_STORE (from), object, &position))
    return NULL;
  return g_list_model_get_item (to, position);
}

/* A comment points at one of its item's sections or decisions; in a copied item it
 * must point at the copied one, not at a detached copy of the original one. */
static void
relink_comment_sections (RefAgendaItem *from, RefAgendaItem *to)
{
  GListModel *comments_from = ref_agenda_item_get_comments (from);
  GListModel *comments_to = ref_agenda_item_get_comments (to);

  for (guint i = 0; i < g_list_model_get_n_items (comments_from); i++)
    {
      g_autoptr (RefComment) original = g_list_model_get_item (comments_from, i);
      g_autoptr (RefComment) copied = g_list_model_get_item (comments_to, i);
      g_autoptr (RefSection) section = counterpart (ref_agenda_item_get_sections (from),
                                                    ref_agenda_item_get_sections (to),
                                                    ref_comment_get_section (original));
      g_autoptr (RefDecision) decision = counterpart (ref_agenda_item_get_decisions (from),
                                                      ref_agenda_item_get_decisions (to),
                                                      ref_comment_get_decision (original));

      ref_comment_set_section (copied, section);
      ref_comment_set_decision (copied, decision);
    }
}

gpointer
ref_model_copy (gpointer object)
{
  GObject *copy;
  guint n_props = 0;
  g_autofree GParamSpec **props = NULL;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  copy = g_object_new (G_OBJECT_TYPE (object), NULL);
  props = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_props);
  for (guint i = 0; i < n_props; i++)
    {
      GParamSpec *pspec = props[i];
      g_auto (GValue) value = G_VALUE_INIT;

      if (!(pspec->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, pspec->name, &value);
      if (g_type_is_a (pspec->value_type, G_TYPE_LIST_MODEL))
        {
          GListModel *from = g_value_get_object (&value);
          g_auto (GValue) target = G_VALUE_INIT;
          GListStore *to;

          g_value_init (&target, pspec->value_type);
          g_object_get_property (copy, pspec->name, &target);
          to = G_LIST_STORE (g_value_get_object (&target));
          for (guint j = 0; j < g_list_model_get_n_items (from); j++)
            {
              g_autoptr (GObject) child = g_list_model_get_item (from, j);
              g_autoptr (GObject) copied = copy_child (child);
              g_list_store_append (to, copied);
            }
          continue;
        }
      if (!(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;
      if (g_type_is_a (pspec->value_type, G_TYPE_OBJECT))
        {
          g_autoptr (GObject) copied = copy_child (g_value_get_object (&value));
          g_object_set (copy, pspec->name, copied, NULL);
        }
      else
        g_object_set_property (copy, pspec->name, &value);
    }
  if (REF_IS_AGENDA_ITEM (object))
    relink_comment_sections (REF_AGENDA_ITEM (object), REF_AGENDA_ITEM (copy));
  return copy;
}
