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
void       ref_recovery_remove (const char *id);
/* (element-type RefRecoveryEntry) newest first; entries whose copy is unreadable are
 * skipped. */
GPtrArray *ref_recovery_list (void);
RefMeeting *ref_recovery_load (const RefRecoveryEntry *entry, GError **error);
void       ref_recovery_entry_free (RefRecoveryEntry *entry);

G_END_DECLS
