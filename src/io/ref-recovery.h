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
/* Writes atomically; @original may be NULL. */
gboolean   ref_recovery_save (const char *id, RefMeeting *meeting, GFile *original, GError **error);
/* The same with the meeting already written (ref_xml_write_bytes): @meeting only
 * names it in the key file. */
gboolean   ref_recovery_save_bytes (const char *id, RefMeeting *meeting, GFile *original, GBytes *bytes,
                                    GError **error);

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
void       ref_recovery_remove (const char *id);
/* (element-type RefRecoveryEntry) newest first; entries whose copy is unreadable are
 * skipped. */
GPtrArray *ref_recovery_list (void);
RefMeeting *ref_recovery_load (const RefRecoveryEntry *entry, GError **error);
void       ref_recovery_entry_free (RefRecoveryEntry *entry);

G_END_DECLS
