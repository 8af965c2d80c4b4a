/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REF_TYPE_HISTORY (ref_history_get_type ())
G_DECLARE_FINAL_TYPE (RefHistory, ref_history, REF, HISTORY, GObject)

/*
 * RefHistory records every edit of a meeting's object tree so that the UI gets
 * undo/redo for free. Model setters call ref_history_record_property() and list
 * mutations go through ref_list_store_insert()/remove()/move(); both find the
 * history attached to the object (ref_history_attach()) and record there. Objects
 * without a history (being built, or detached) record nothing.
 *
 * Consecutive changes of the same property of the same object are merged into one
 * step (typing a decision is one undo step) until ref_history_seal() is called or
 * REF_HISTORY_MERGE_USEC pass without a change.
 */
#define REF_HISTORY_MERGE_USEC (2 * G_USEC_PER_SEC)

RefHistory *ref_history_new (void);

void        ref_history_attach (RefHistory *self, gpointer object);
void        ref_history_set_owner (RefHistory *self, gpointer owner);

gboolean    ref_history_get_can_undo (RefHistory *self);
gboolean    ref_history_get_can_redo (RefHistory *self);
gboolean    ref_history_get_modified (RefHistory *self);
gboolean    ref_history_undo (RefHistory *self);
gboolean    ref_history_redo (RefHistory *self);
void        ref_history_mark_clean (RefHistory *self);
/* The document differs from any saved file (recovered work): modified, with no step to
 * undo. */
void        ref_history_mark_unsaved (RefHistory *self);
void        ref_history_clear (RefHistory *self);
void        ref_history_seal (RefHistory *self);
guint       ref_history_get_undo_depth (RefHistory *self);
guint64     ref_history_get_change_count (RefHistory *self);
gint64      ref_history_get_last_change_time (RefHistory *self);

void        ref_history_begin_group (RefHistory *self);
void        ref_history_end_group (RefHistory *self);

/* For model setters: @old_value is the value before the change. */
void        ref_history_record_property (gpointer object, GParamSpec *pspec, const GValue *old_value);
RefHistory *ref_history_for_object (gpointer object);

/* Revisions, for caches of a derived form of the meeting (the autosave's serialised
 * items). Both come from one process-wide counter, so a value is never repeated.
 * ref_history_get_item_revision() changes whenever anything in @item's subtree
 * changes (recorded, undone, redone, or noted); 0 when @item was never attached to a
 * history, and then nothing is known. ref_history_get_revision() changes whenever
 * something that may concern more than one item changes: participants, the
 * meeting's lists, approvals, an object reached from two items, a tree attached
 * anew. The meeting's own header properties change neither. */
guint64     ref_history_get_revision (RefHistory *self);
guint64     ref_history_get_item_revision (gpointer item);
/* For the rare change made without recording (ref_agenda_item_release_content). */
void        ref_history_note_change (gpointer object);
/* Attaches @child, now held by @parent, to @parent's history, as part of @parent's
 * agenda item if it has one. */
void        ref_history_attach_child (gpointer parent, gpointer child);

/* Recorded list mutations. @item is attached to the store's history. */
void        ref_list_store_insert (GListStore *store, guint position, gpointer item);
void        ref_list_store_append (GListStore *store, gpointer item);
void        ref_list_store_remove (GListStore *store, guint position);
void        ref_list_store_move (GListStore *store, guint from, guint to);
gboolean    ref_list_store_remove_item (GListStore *store, gpointer item);

G_END_DECLS
