/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * Recovery copies: while a meeting has unsaved changes, the editor writes it every
 * few seconds to the user's state folder ($XDG_STATE_HOME/referent/recovery), one
 * file per open window, with a small key file saying which document it belongs to.
 * A clean save or close removes it; after a crash the next start finds it and
 * offers to restore it.
 */
typedef struct {
  char *id;        /* the window's recovery id */
  char *path;      /* the recovery .referat */
  char *original;  /* URI of the document it is a copy of; NULL for an unsaved one */
  char *title;     /* committee and date, for the restore prompt */
  GDateTime *time; /* when it was written */
} RefRecoveryEntry;

char      *ref_recovery_dir (void);
char      *ref_recovery_new_id (void);

/* Copies are written by one background thread, one at a time, in the order queued;
 * the functions below may be called from any thread. */

/* Writes atomically; @original may be NULL. These wait for the write (it goes
 * through the writer thread, in order with the queued ones). */
gboolean   ref_recovery_save (const char *id, RefMeeting *meeting, GFile *original, GError **error);
/* The same with the meeting already written (ref_xml_write_bytes): @meeting only
 * names it in the key file. */
gboolean   ref_recovery_save_bytes (const char *id, RefMeeting *meeting, GFile *original, GBytes *bytes,
                                    GError **error);
/* The same with the meeting written as fragments (ref_xml_write_cache_write), which
 * are written one after the other without being joined in memory. */
gboolean   ref_recovery_save_fragments (const char *id, RefMeeting *meeting, GFile *original, GPtrArray *fragments,
                                        GError **error);

/* @error: NULL when the copy was written, or when a newer one queued for the same id
 * (or its removal) replaced it before it was. */
typedef void (*RefRecoveryDone) (const GError *error, gpointer user_data);

/* Queues the copy and returns at once: the main thread only hands over the
 * (immutable) fragments. Latest wins: a copy still waiting for the same @id is
 * replaced. @done is called, and then @notify, in the caller's thread-default main
 * context, always from an idle callback. @meeting is read now (for the key file),
 * never from the writer thread. */
void       ref_recovery_save_queued (const char *id, RefMeeting *meeting, GFile *original, GPtrArray *fragments,
                                     RefRecoveryDone done, gpointer user_data, GDestroyNotify notify);
/* Waits until every queued copy is written and the writer thread has stopped: before
 * quitting, so no copy is lost and no thread is left writing. */
void       ref_recovery_flush (void);
/* For tests of the queue's order: a paused writer starts no job (one being written is
 * finished). Flushing or waiting for a write while paused would never return. */
void       ref_recovery_writer_set_paused (gboolean paused);

/* When an autosave tick should write the recovery copy. Writing the copy of a large
 * meeting takes longer than a frame, so it waits while the user is typing (a change
 * less than REF_AUTOSAVE_QUIET_USEC ago), but never longer than
 * REF_AUTOSAVE_MAX_DELAY_USEC after the copy was last current. */
typedef enum {
  REF_AUTOSAVE_NOTHING,  /* the copy is current */
  REF_AUTOSAVE_POSTPONE, /* changes, but the user is typing: at a later tick */
  REF_AUTOSAVE_WRITE,
} RefAutosaveDecision;

#define REF_AUTOSAVE_QUIET_USEC (2 * G_USEC_PER_SEC)
#define REF_AUTOSAVE_MAX_DELAY_USEC (30 * G_USEC_PER_SEC)

/* @changes: the history's change count now; @saved_changes: at the last copy;
 * @pending_since: monotonic time of the first change not in the copy (0: none known);
 * @last_change and @now: monotonic times. */
RefAutosaveDecision ref_recovery_autosave_decide (guint64 changes, guint64 saved_changes, gint64 pending_since,
                                                  gint64 last_change, gint64 now);
/* Removes the copy and its key file, after what was queued for @id: a copy still
 * queued is dropped and one being written is waited for, so neither can bring the
 * copy back. */
void       ref_recovery_remove (const char *id);
/* (element-type RefRecoveryEntry) newest first; entries whose copy is unreadable are
 * skipped. */
GPtrArray *ref_recovery_list (void);
RefMeeting *ref_recovery_load (const RefRecoveryEntry *entry, GError **error);
void       ref_recovery_entry_free (RefRecoveryEntry *entry);

G_END_DECLS
