/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ref-file-lock.h"

struct _RefFileLock {
  char *path;
  int fd;
};

#define POLL_INTERVAL_MS 20

static char *
lock_path_for (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (path == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  name = g_strdup_printf (".%s.lock", base);
  return g_build_filename (dir, name, NULL);
}

/* Whether @fd is still the file at @path: another process may have removed it (on
 * release) between our open and our flock. */
static gboolean
still_there (int fd, const char *path)
{
  struct stat held, now;

  return fstat (fd, &held) == 0 && g_lstat (path, &now) == 0 && held.st_dev == now.st_dev
         && held.st_ino == now.st_ino;
}

RefFileLock *
ref_file_lock_acquire (GFile *file, guint timeout_ms, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = lock_path_for (file);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  g_autofree char *name = g_file_get_parse_name (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Could not lock “%s”: it is not a local file"),
                   name);
      return NULL;
    }
  for (;;)
    {
      int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
      int saved;

      if (fd < 0)
        {
          saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not lock “%s”: %s"), name,
                       g_strerror (saved));
          return NULL;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (still_there (fd, path))
            {
              RefFileLock *lock = g_new0 (RefFileLock, 1);
              lock->path = g_steal_pointer (&path);
              lock->fd = fd;
              return lock;
            }
          close (fd);
          continue;
        }
      saved = errno;
      close (fd);
      if (saved != EWOULDBLOCK && saved != EINTR)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not lock “%s”: %s"), name,
                       g_strerror (saved));
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       _("“%s” is being changed by another program; try again in a moment"), name);
          return NULL;
        }
      g_usleep (POLL_INTERVAL_MS * 1000);
    }
}

void
ref_file_lock_release (RefFileLock *lock)
{
  if (lock == NULL)
    return;
  /* Removed while still held, so that a waiter that opened it sees it gone and opens
   * the next one. */
  g_unlink (lock->path);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}

char *
ref_file_get_etag (GFile *file)
{
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE
                                                  "," G_FILE_ATTRIBUTE_UNIX_INODE,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return NULL;
  /* GIO's tag for a local file is its modification time; a replacement within the
   * same microsecond is told apart by its inode and size. */
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%" G_GOFFSET_FORMAT,
                          g_file_info_get_etag (info) ? g_file_info_get_etag (info) : "",
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE),
                          g_file_info_get_size (info));
}
