/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An advisory lock on a document, so that processes that change it (the window
 * saving, members signing with referent-cli) take turns: each re-reads the file under
 * the lock and so keeps what the others wrote. The lock is an flock() on a hidden
 * file beside the document (".NAME.lock"), because saving replaces the document's
 * own inode; the lock file is removed when the lock is released. */
typedef struct _RefFileLock RefFileLock;

/* Waits at most @timeout_ms for the lock of @file. Errors: G_IO_ERROR_TIMED_OUT when
 * another process holds it that long, G_IO_ERROR_CANCELLED, or why the lock file
 * could not be made (a read-only folder …), naming the file. */
RefFileLock *ref_file_lock_acquire (GFile *file, guint timeout_ms, GCancellable *cancellable, GError **error);
void         ref_file_lock_release (RefFileLock *lock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefFileLock, ref_file_lock_release)

/* The file's entity tag (changes whenever the file is replaced or written), or NULL
 * when it does not exist. */
char *ref_file_get_etag (GFile *file);

G_END_DECLS
