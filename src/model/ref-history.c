/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-history.h"

#include "ref-agenda-item.h"

typedef enum {
  CHANGE_PROPERTY,
  CHANGE_INSERT, /* item was inserted at position */
  CHANGE_REMOVE, /* item was removed from position */
  CHANGE_GROUP,
} ChangeKind;

typedef struct {
  ChangeKind kind;
  GObject *target; /* object with the property, or the GListStore */
  gboolean target_unowned; /* target is the history's owner: no reference */
  GParamSpec *pspec;
  GValue value; /* CHANGE_PROPERTY: the value the inverse operation restores */
  guint position;
  GObject *item;
  GPtrArray *children;
  gint64 time;
} Change;

struct _RefHistory {
  GObject parent_instance;

  GPtrArray *undo_stack;
  GPtrArray *redo_stack;
  Change *open_group;
  guint group_depth;
  gint clean_depth; /* undo depth at the last save; -1 if unreachable */
  gboolean replaying;
  gboolean merge_allowed;
  GObject *owner; /* not a reference: the owner holds this history */
  guint64 changes;     /* every change, undo and redo counted: what autosave compares */
  gint64 last_change;  /* monotonic time of the last one */
  guint64 revision;    /* see ref_history_get_revision () */
};

G_DEFINE_FINAL_TYPE (RefHistory, ref_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark history_quark;
static GQuark unit_quark;

/* ---- revisions ----
 *
 * Caches of a derived form of the meeting (the autosave's serialised items) need to
 * know, cheaply and without fail, whether anything inside one agenda item changed.
 * Every object of an item's subtree carries the item's Unit (qdata, set while
 * attaching); every recorded change, undone or redone change and recorded list
 * mutation bumps the revision of its target's unit. A change of an object that
 * belongs to no single item (participants, the meeting's lists, approvals, an object
 * reached from two items) bumps the history's revision instead, which invalidates
 * every item. Revisions come from one process-wide counter, so an (object, revision)
 * pair is never seen twice, even when an address is reused after a meeting is freed. */
typedef enum {
  UNIT_ITEM,    /* inside exactly one agenda item */
  UNIT_MEETING, /* belongs to the meeting as a whole */
  UNIT_SHARED,  /* reached from more than one place: any change may concern any item */
} UnitKind;

typedef struct {
  UnitKind kind;
  guint64 revision; /* UNIT_ITEM only */
} Unit;

static Unit meeting_unit = { UNIT_MEETING, 0 };
static Unit shared_unit = { UNIT_SHARED, 0 };

static guint64
next_revision (void)
{
  static gsize counter;

  return (guint64) g_atomic_pointer_add (&counter, 1) + 1;
}

static Unit *
unit_new (void)
{
  Unit *unit = g_rc_box_new0 (Unit);

  unit->kind = UNIT_ITEM;
  unit->revision = next_revision ();
  return unit;
}

static void
unit_release (gpointer data)
{
  Unit *unit = data;

  if (unit->kind == UNIT_ITEM)
    g_rc_box_release (unit);
}

static Unit *
unit_acquire (Unit *unit)
{
  return unit->kind == UNIT_ITEM ? g_rc_box_acquire (unit) : unit;
}

static Unit *
unit_of (gpointer object)
{
  return g_object_get_qdata (object, unit_quark);
}

static void
set_unit (gpointer object, Unit *unit)
{
  g_object_set_qdata_full (object, unit_quark, unit_acquire (unit), unit_release);
}

/* @object changed (or a list of it did). */
static void
touch (gpointer object)
{
  Unit *unit = object ? unit_of (object) : NULL;
  RefHistory *history;

  if (unit == NULL)
    return; /* never attached: part of no meeting's history */
  if (unit->kind == UNIT_ITEM)
    {
      unit->revision = next_revision ();
      return;
    }
  history = ref_history_for_object (object);
  /* The meeting's own properties (the header) concern no item. */
  if (history != NULL && (unit->kind == UNIT_SHARED || object != (gpointer) history->owner))
    history->revision = next_revision ();
}

static void
change_free (gpointer data)
{
  Change *c = data;

  if (c->target_unowned)
    c->target = NULL;
  else
    g_clear_object (&c->target);
  g_clear_object (&c->item);
  if (G_IS_VALUE (&c->value))
    g_value_unset (&c->value);
  g_clear_pointer (&c->children, g_ptr_array_unref);
  g_free (c);
}

/* A change of the history's owner (the meeting's own header properties) does not
 * reference it: the owner holds the history, so a reference back would be a cycle and
 * every edited meeting would leak. */
static Change *
change_new (RefHistory *self, ChangeKind kind, gpointer target)
{
  Change *c = g_new0 (Change, 1);

  c->kind = kind;
  c->target_unowned = target != NULL && target == (gpointer) self->owner;
  c->target = target == NULL || c->target_unowned ? target : g_object_ref (target);
  c->time = g_get_monotonic_time ();
  if (kind == CHANGE_GROUP)
    c->children = g_ptr_array_new_with_free_func (change_free);
  return c;
}

static void attach_in (gpointer container, gpointer object);

/* Performs the inverse of @c on the model and turns @c into the record of that
 * inverse, so the same function serves undo and redo. */
static void
change_invert (Change *c)
{
  switch (c->kind)
    {
    case CHANGE_PROPERTY:
      {
        g_auto (GValue) current = G_VALUE_INIT;

        touch (c->target);
        g_value_init (&current, c->pspec->value_type);
        g_object_get_property (c->target, c->pspec->name, &current);
        g_object_set_property (c->target, c->pspec->name, &c->value);
        g_value_unset (&c->value);
        g_value_init (&c->value, c->pspec->value_type);
        g_value_copy (&current, &c->value);
      }
      break;
    case CHANGE_INSERT:
      touch (c->target);
      g_list_store_remove (G_LIST_STORE (c->target), c->position);
      c->kind = CHANGE_REMOVE;
      break;
    case CHANGE_REMOVE:
      touch (c->target);
      g_list_store_insert (G_LIST_STORE (c->target), c->position, c->item);
      /* Back where it was: its subtree may have been reached from elsewhere meanwhile. */
      attach_in (c->target, c->item);
      c->kind = CHANGE_INSERT;
      break;
    case CHANGE_GROUP:
      for (guint i = c->children->len; i > 0; i--)
        change_invert (g_ptr_array_index (c->children, i - 1));
      /* The inverse runs the children in the opposite order. */
      for (guint i = 0, j = c->children->len; i + 1 < j; i++, j--)
        {
          gpointer tmp = c->children->pdata[i];
          c->children->pdata[i] = c->children->pdata[j - 1];
          c->children->pdata[j - 1] = tmp;
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct {
  gboolean can_undo, can_redo, modified;
} HistoryState;

static HistoryState
history_state (RefHistory *self)
{
  return (HistoryState){ ref_history_get_can_undo (self), ref_history_get_can_redo (self),
                         ref_history_get_modified (self) };
}

static void
history_notify_changes (RefHistory *self, HistoryState before)
{
  HistoryState after = history_state (self);

  if (before.can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before.can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (before.modified != after.modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static gboolean
change_merges_into (const Change *top, const Change *c)
{
  return top->kind == CHANGE_PROPERTY && c->kind == CHANGE_PROPERTY && top->target == c->target
         && top->pspec == c->pspec && c->time - top->time < REF_HISTORY_MERGE_USEC;
}

static void
history_push (RefHistory *self, Change *c)
{
  HistoryState before;
  Change *top;

  self->changes++;
  self->last_change = g_get_monotonic_time ();
  if (self->open_group != NULL)
    {
      g_ptr_array_add (self->open_group->children, c);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return;
    }

  before = history_state (self);
  if (self->redo_stack->len > 0)
    {
      if (self->clean_depth > (gint) self->undo_stack->len)
        self->clean_depth = -1;
      g_ptr_array_set_size (self->redo_stack, 0);
    }

  top = self->undo_stack->len ? g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) : NULL;
  if (self->merge_allowed && top != NULL && change_merges_into (top, c))
    {
      /* Keep the oldest value: one undo step for a burst of typing. */
      top->time = c->time;
      change_free (c);
    }
  else
    g_ptr_array_add (self->undo_stack, c);

  self->merge_allowed = TRUE;
  history_notify_changes (self, before);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
ref_history_finalize (GObject *object)
{
  RefHistory *self = REF_HISTORY (object);

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->open_group, change_free);

  G_OBJECT_CLASS (ref_history_parent_class)->finalize (object);
}

static void
ref_history_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefHistory *self = REF_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ref_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ref_history_get_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, ref_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_history_class_init (RefHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_history_finalize;
  object_class->get_property = ref_history_get_property;

  /**
   * RefHistory::changed:
   *
   * The meeting changed: an edit was recorded, undone or redone. Emitted for every
   * edit, also those merged into one undo step (each keystroke), so views that show
   * a derived form of the meeting (the PDF preview) know to refresh it.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  history_quark = g_quark_from_static_string ("ref-history");
  unit_quark = g_quark_from_static_string ("ref-history-unit");
}

static void
ref_history_init (RefHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (change_free);
  self->redo_stack = g_ptr_array_new_with_free_func (change_free);
}

RefHistory *
ref_history_new (void)
{
  return g_object_new (REF_TYPE_HISTORY, NULL);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
set_history (gpointer object, RefHistory *history)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, history);
  g_object_set_qdata_full (object, history_quark, ref, weak_ref_free);
}

/**
 * ref_history_for_object:
 *
 * Returns: (transfer none) (nullable): the history @object records into. The
 * history is owned by the meeting, which outlives any call made on its objects.
 */
RefHistory *
ref_history_for_object (gpointer object)
{
  GWeakRef *ref;
  RefHistory *history;

  if (object == NULL)
    return NULL;
  ref = g_object_get_qdata (object, history_quark);
  if (ref == NULL)
    return NULL;
  history = g_weak_ref_get (ref);
  if (history != NULL)
    g_object_unref (history);
  return history;
}

/* The readable object- and list-valued properties of @type, listed once per type:
 * listing every property of every object of a large meeting was most of the time
 * spent attaching the history to a loaded file. (transfer none) */
static GPtrArray *
child_properties (GType type)
{
  G_LOCK_DEFINE_STATIC (cache);
  static GHashTable *by_type = NULL;
  GPtrArray *found;

  G_LOCK (cache);
  if (by_type == NULL)
    by_type = g_hash_table_new (NULL, NULL);
  found = g_hash_table_lookup (by_type, GSIZE_TO_POINTER (type));
  if (found == NULL)
    {
      guint n_props = 0;
      g_autoptr (GTypeClass) klass = g_type_class_ref (type);
      g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_props);

      found = g_ptr_array_new ();
      for (guint i = 0; i < n_props; i++)
        if ((props[i]->flags & G_PARAM_READABLE)
            && (g_type_is_a (props[i]->value_type, G_TYPE_OBJECT)
                || g_type_is_a (props[i]->value_type, G_TYPE_LIST_MODEL)))
          g_ptr_array_add (found, props[i]);
      /* Kept for the life of the process, like the classes themselves. */
      g_hash_table_insert (by_type, GSIZE_TO_POINTER (type), found);
    }
  G_UNLOCK (cache);
  return found;
}

/* Attaches @object's subtree to the history, with @context the unit of the place it
 * was reached from. An object already in another unit is reached from two places
 * (participants are referenced from items) or was moved: either way its changes may
 * concern more than one item, so it and what hangs from it become shared. */
static void
attach_tree (RefHistory *self, gpointer object, Unit *context, GHashTable *visited)
{
  Unit *unit = unit_of (object);
  GPtrArray *props;

  if (REF_IS_AGENDA_ITEM (object))
    {
      if (unit == NULL)
        {
          unit = unit_new ();
          g_object_set_qdata_full (object, unit_quark, unit, unit_release);
        }
      context = unit;
    }
  else if (unit == NULL)
    set_unit (object, context);
  else if (unit != context && unit != &shared_unit)
    {
      if (unit->kind == UNIT_ITEM)
        unit->revision = next_revision ();
      self->revision = next_revision ();
      set_unit (object, &shared_unit);
      context = &shared_unit;
    }
  else
    context = unit;

  /* Walked once per unit: a second walk happens only when the object became shared. */
  if (g_hash_table_lookup (visited, object) == context)
    return;
  g_hash_table_insert (visited, object, context);
  if (ref_history_for_object (object) != self)
    set_history (object, self);

  if (G_IS_LIST_MODEL (object))
    {
      guint n = g_list_model_get_n_items (object);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (GObject) child = g_list_model_get_item (object, i);
          attach_tree (self, child, context, visited);
        }
      return;
    }

  props = child_properties (G_OBJECT_TYPE (object));
  for (guint i = 0; i < props->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (props, i);
      g_auto (GValue) value = G_VALUE_INIT;
      GObject *child;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, pspec->name, &value);
      child = g_value_get_object (&value);
      if (child != NULL)
        attach_tree (self, child, context, visited);
    }
}

/* Attaches @object, now held by @container, to @container's history (if it has one). */
static void
attach_in (gpointer container, gpointer object)
{
  RefHistory *history = ref_history_for_object (container);
  Unit *context = unit_of (container);
  g_autoptr (GHashTable) visited = NULL;

  if (history == NULL)
    return;
  visited = g_hash_table_new (NULL, NULL);
  attach_tree (history, object, context ? context : &shared_unit, visited);
}

/**
 * ref_history_set_owner:
 * @owner: (nullable): the object that holds this history (the meeting)
 *
 * Changes of @owner's own properties are then recorded without a reference to it.
 * The owner calls this when it makes the history and with %NULL (after
 * ref_history_clear) when it is finalised.
 */
void
ref_history_set_owner (RefHistory *self, gpointer owner)
{
  g_return_if_fail (REF_IS_HISTORY (self));
  self->owner = owner;
}

/* Walks object-valued and list-valued properties, so every model class takes part
 * without a registry of child accessors. The whole tree is walked every time: parts
 * of it may have been built without recording (a file being read). */
void
ref_history_attach (RefHistory *self, gpointer object)
{
  g_autoptr (GHashTable) visited = NULL;
  Unit *unit;

  g_return_if_fail (REF_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (object));

  visited = g_hash_table_new (NULL, NULL);
  /* The tree may have been built or changed without recording: caches start over. */
  self->revision = next_revision ();
  unit = unit_of (object);
  if (unit == NULL)
    unit = object == (gpointer) self->owner ? &meeting_unit : &shared_unit;
  attach_tree (self, object, unit, visited);
}

void
ref_history_attach_child (gpointer parent, gpointer child)
{
  g_return_if_fail (G_IS_OBJECT (parent));
  g_return_if_fail (G_IS_OBJECT (child));
  attach_in (parent, child);
}

guint64
ref_history_get_revision (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), 0);
  return self->revision;
}

guint64
ref_history_get_item_revision (gpointer item)
{
  Unit *unit;

  g_return_val_if_fail (REF_IS_AGENDA_ITEM (item), 0);
  unit = unit_of (item);
  return unit != NULL && unit->kind == UNIT_ITEM ? unit->revision : 0;
}

void
ref_history_note_change (gpointer object)
{
  g_return_if_fail (G_IS_OBJECT (object));
  touch (object);
}

gboolean
ref_history_get_can_undo (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
ref_history_get_can_redo (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), FALSE);
  return self->redo_stack->len > 0;
}

gboolean
ref_history_get_modified (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), FALSE);
  return self->clean_depth != (gint) self->undo_stack->len;
}

/* How many changes the document has had (every edit, undo and redo): equal counts
 * mean the same document, so a copy made at one count is current at the other. */
guint64
ref_history_get_change_count (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), 0);
  return self->changes;
}

/* The monotonic time (g_get_monotonic_time) of the last change; 0 before any. */
gint64
ref_history_get_last_change_time (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), 0);
  return self->last_change;
}

guint
ref_history_get_undo_depth (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), 0);
  return self->undo_stack->len;
}

static gboolean
history_step (RefHistory *self, GPtrArray *from, GPtrArray *to)
{
  HistoryState before;
  Change *c;

  if (from->len == 0 || self->open_group != NULL)
    return FALSE;

  before = history_state (self);
  self->changes++;
  self->last_change = g_get_monotonic_time ();
  c = g_ptr_array_steal_index (from, from->len - 1);
  self->replaying = TRUE;
  change_invert (c);
  self->replaying = FALSE;
  g_ptr_array_add (to, c);
  self->merge_allowed = FALSE;
  history_notify_changes (self, before);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

gboolean
ref_history_undo (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), FALSE);
  return history_step (self, self->undo_stack, self->redo_stack);
}

gboolean
ref_history_redo (RefHistory *self)
{
  g_return_val_if_fail (REF_IS_HISTORY (self), FALSE);
  return history_step (self, self->redo_stack, self->undo_stack);
}

void
ref_history_mark_clean (RefHistory *self)
{
  HistoryState before;

  g_return_if_fail (REF_IS_HISTORY (self));
  before = history_state (self);
  self->clean_depth = self->undo_stack->len;
  self->merge_allowed = FALSE;
  history_notify_changes (self, before);
}

void
ref_history_mark_unsaved (RefHistory *self)
{
  HistoryState before;

  g_return_if_fail (REF_IS_HISTORY (self));
  before = history_state (self);
  self->clean_depth = -1;
  history_notify_changes (self, before);
}

void
ref_history_clear (RefHistory *self)
{
  HistoryState before;

  g_return_if_fail (REF_IS_HISTORY (self));
  before = history_state (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->clean_depth = 0;
  self->merge_allowed = FALSE;
  history_notify_changes (self, before);
}

void
ref_history_seal (RefHistory *self)
{
  g_return_if_fail (REF_IS_HISTORY (self));
  self->merge_allowed = FALSE;
}

void
ref_history_begin_group (RefHistory *self)
{
  g_return_if_fail (REF_IS_HISTORY (self));
  if (self->group_depth++ == 0)
    self->open_group = change_new (self, CHANGE_GROUP, NULL);
}

void
ref_history_end_group (RefHistory *self)
{
  Change *group;

  g_return_if_fail (REF_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);
  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->open_group);
  if (group->children->len == 0)
    {
      change_free (group);
      return;
    }
  history_push (self, group);
  /* A group is a deliberate step of its own; typing after it starts a new one. */
  self->merge_allowed = FALSE;
}

static RefHistory *
recording_history (gpointer object)
{
  RefHistory *history = ref_history_for_object (object);

  return (history != NULL && !history->replaying) ? history : NULL;
}

void
ref_history_record_property (gpointer object, GParamSpec *pspec, const GValue *old_value)
{
  RefHistory *history = recording_history (object);
  Change *c;

  touch (object);
  if (history == NULL)
    return;
  c = change_new (history, CHANGE_PROPERTY, object);
  c->pspec = pspec;
  g_value_init (&c->value, pspec->value_type);
  g_value_copy (old_value, &c->value);
  history_push (history, c);
}

void
ref_list_store_insert (GListStore *store, guint position, gpointer item)
{
  RefHistory *history = recording_history (store);

  touch (store);
  g_list_store_insert (store, position, item);
  attach_in (store, item);
  if (history == NULL)
    return;
  {
    Change *c = change_new (history, CHANGE_INSERT, store);
    c->position = position;
    c->item = g_object_ref (item);
    history_push (history, c);
  }
}

void
ref_list_store_append (GListStore *store, gpointer item)
{
  ref_list_store_insert (store, g_list_model_get_n_items (G_LIST_MODEL (store)), item);
}

void
ref_list_store_remove (GListStore *store, guint position)
{
  RefHistory *history = recording_history (store);
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_return_if_fail (item != NULL);
  touch (store);
  g_list_store_remove (store, position);
  if (history != NULL)
    {
      Change *c = change_new (history, CHANGE_REMOVE, store);
      c->position = position;
      c->item = g_steal_pointer (&item);
      history_push (history, c);
    }
}

gboolean
ref_list_store_remove_item (GListStore *store, gpointer item)
{
  guint position;

  if (!g_list_store_find (store, item, &position))
    return FALSE;
  ref_list_store_remove (store, position);
  return TRUE;
}

void
ref_list_store_move (GListStore *store, guint from, guint to)
{
  RefHistory *history = recording_history (store);
  g_autoptr (GObject) item = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_return_if_fail (from < n && to < n);
  if (from == to)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (store), from);
  if (history)
    ref_history_begin_group (history);
  ref_list_store_remove (store, from);
  ref_list_store_insert (store, to, item);
  if (history)
    ref_history_end_group (history);
}
