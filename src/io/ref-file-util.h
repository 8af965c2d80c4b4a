/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Reading and writing the files a user names, safely.
 *
 * Reading: only regular files are read. A device (/dev/zero), a named pipe, a socket or
 * a folder is refused before any byte is read, and a read never blocks on a pipe
 * nobody writes to. Every read has a hard limit that does not trust the size the file
 * system reports (/proc files say 0, a file may grow while it is read).
 *
 * Writing: ref_file_replace_begin() writes to a temporary file in the destination's
 * folder; only ref_file_replace_commit() renames it over the destination, after
 * syncing it to disk. Until then the old file is untouched, whatever happens: a full
 * disk, a cancelled export, a crash.
 *
 * Errors are G_IO_ERROR with translated messages that do not repeat the file's name
 * (callers put it in their own message): G_IO_ERROR_NOT_REGULAR_FILE (or
 * G_IO_ERROR_IS_DIRECTORY) for files that are not regular, G_IO_ERROR_MESSAGE_TOO_LARGE
 * for files over the limit, others as the system reports them.
 */

/* The limits, by kind of file: one place to see and change them. */
#define REF_FILE_MAX_REFERAT (64 * 1024 * 1024)       /* .referat files and recovery copies */
#define REF_FILE_MAX_PDF (512 * 1024 * 1024)          /* PDFs to import */
#define REF_FILE_MAX_CERTIFICATES (8 * 1024 * 1024)   /* PEM trust anchors, PKCS#12 files */
#define REF_FILE_MAX_SMALL (1024 * 1024)              /* small bookkeeping files (recovery info) */

/* Reads all of @file, which must be a regular file of at most @max_size bytes.
 * (transfer full) */
GBytes  *ref_file_read (GFile *file, gsize max_size, GCancellable *cancellable, GError **error);
/* The same for a path in the file system's encoding. (transfer full) */
GBytes  *ref_file_read_path (const char *path, gsize max_size, GError **error);

/* Opens @path for reading only when it is a regular file (checked on what was
 * opened) of at most @max_size bytes by its size; the caller reads it and must still
 * stop at the limit (a file may grow). Returns the descriptor (blocking, close on
 * exec), or -1 with @error set as ref_file_read() sets it. */
int      ref_file_open_regular (const char *path, gsize max_size, GError **error);
/* Sets the error ref_file_read() gives for a file over @max_size. */
void     ref_file_set_too_large (GError **error, gsize max_size);

/* The path that @path finally names: symbolic links are followed (relative ones from
 * the folder they are in), also when the last one points to a file that does not
 * exist yet. Writing to the result writes through the links, as editors do. Gives a
 * copy of @path when it is not a link, and NULL with an error for a loop of links.
 * (transfer full) */
char    *ref_file_resolve_links (const char *path, GError **error);

/* TRUE when @a and @b both exist and are the same file however they are named: the
 * same path, a symbolic link to the other, or a hard link (same device and inode). */
gboolean ref_file_same (const char *a, const char *b);
/* A key that is equal for two names exactly when ref_file_same() is TRUE for them, to
 * compare many files in a hash table; NULL when @path does not exist. (transfer full) */
char    *ref_file_identity (const char *path);

typedef struct _RefFileReplace RefFileReplace;

/* Starts replacing @path (through symbolic links: the file they point to is replaced
 * and the links stay). An existing destination must be a regular file; its permission
 * bits are given to the new version. Fails, and leaves nothing behind, when the
 * destination's folder is not writable or does not exist. (transfer full) */
RefFileReplace *ref_file_replace_begin (const char *path, GError **error);
/* The stream to write the new contents to; flush or close it before committing.
 * (transfer none) */
GOutputStream  *ref_file_replace_get_stream (RefFileReplace *replace);
/* Syncs the new contents to disk and renames them over the destination. On failure
 * the destination is as it was and the temporary file is gone. */
gboolean        ref_file_replace_commit (RefFileReplace *replace, GError **error);
/* Frees @replace; without a successful commit the temporary file is removed and the
 * destination stays as it was. */
void            ref_file_replace_free (RefFileReplace *replace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefFileReplace, ref_file_replace_free)

G_END_DECLS
