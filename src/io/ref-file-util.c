/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ref-file-util.h"

/* Symbolic links followed before giving up, as the kernel does (MAXSYMLINKS). */
#define MAX_LINKS 40
/* The first read buffer when the file system does not know the size. */
#define READ_CHUNK (64 * 1024)

static void
set_error_from_errno (GError **error, int saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
}

/* Refuses everything but regular files, saying what the file is instead. */
static gboolean
check_regular (mode_t mode, GError **error)
{
  if (S_ISREG (mode))
    return TRUE;
  if (S_ISDIR (mode))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("it is a folder, not a file"));
  else if (S_ISFIFO (mode))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("it is a named pipe, not a regular file"));
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("it is a device, not a regular file"));
  else if (S_ISSOCK (mode))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("it is a socket, not a regular file"));
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("it is not a regular file"));
  return FALSE;
}

static void
set_too_large (GError **error, gsize max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, _("the file is larger than %s"), limit);
}

void
ref_file_set_too_large (GError **error, gsize max_size)
{
  set_too_large (error, max_size);
}

/* ------------------------------------------------------------------ reading */

typedef gssize (*ReadChunkFunc) (gpointer source, void *buffer, gsize count, GCancellable *cancellable,
                                 GError **error);

static gssize
read_chunk_fd (gpointer source, void *buffer, gsize count, GCancellable *cancellable, GError **error)
{
  int fd = GPOINTER_TO_INT (source);
  gssize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  /* read () takes at most SSIZE_MAX; Linux reads at most about 2 GiB at once anyway. */
  count = MIN (count, (gsize) 1 << 30);
  do
    n = read (fd, buffer, count);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    set_error_from_errno (error, errno);
  return n;
}

static gssize
read_chunk_stream (gpointer source, void *buffer, gsize count, GCancellable *cancellable, GError **error)
{
  return g_input_stream_read (G_INPUT_STREAM (source), buffer, count, cancellable, error);
}

/* Reads until the end, never more than @max_size + 1 bytes whatever @size_hint says:
 * the hint only sizes the first buffer. */
static GBytes *
read_capped (ReadChunkFunc read_chunk, gpointer source, goffset size_hint, gsize max_size, GCancellable *cancellable,
             GError **error)
{
  gsize cap = max_size < G_MAXSIZE ? max_size + 1 : max_size;
  gsize alloc = size_hint > 0 ? MIN ((gsize) size_hint + 1, cap) : MIN ((gsize) READ_CHUNK, cap);
  g_autofree char *buffer = g_malloc (alloc);
  gsize len = 0;

  for (;;)
    {
      gssize n;

      if (len == alloc)
        {
          if (alloc == cap)
            break;
          alloc = alloc > cap / 2 ? cap : alloc * 2;
          buffer = g_realloc (buffer, alloc);
        }
      n = read_chunk (source, buffer + len, alloc - len, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      len += (gsize) n;
    }
  if (len > max_size)
    {
      set_too_large (error, max_size);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), len);
}

int
ref_file_open_regular (const char *path, gsize max_size, GError **error)
{
  struct stat st;
  int fd;

  /* O_NONBLOCK: opening a named pipe without a writer must not wait for one. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* A socket cannot be opened at all; say what it is rather than "no such device". */
      if (saved_errno == ENXIO && g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
        check_regular (st.st_mode, error);
      else
        set_error_from_errno (error, saved_errno);
      return -1;
    }
  /* The checks look at what was opened, not at the name, which may change meanwhile. */
  if (fstat (fd, &st) != 0)
    {
      set_error_from_errno (error, errno);
      close (fd);
      return -1;
    }
  if (!check_regular (st.st_mode, error))
    {
      close (fd);
      return -1;
    }
  if (st.st_size > 0 && (guint64) st.st_size > max_size)
    {
      set_too_large (error, max_size);
      close (fd);
      return -1;
    }
  /* A regular file: back to ordinary reads (FUSE file systems, such as the document
   * portal's, may pass O_NONBLOCK on). */
  (void) fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

static GBytes *
read_path (const char *path, gsize max_size, GCancellable *cancellable, GError **error)
{
  struct stat st;
  int fd = ref_file_open_regular (path, max_size, error);
  GBytes *bytes;

  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0)
    st.st_size = 0;
  bytes = read_capped (read_chunk_fd, GINT_TO_POINTER (fd), st.st_size, max_size, cancellable, error);
  close (fd);
  return bytes;
}

/* Files without a local path (remote GIO locations): the same checks on the stream. */
static GBytes *
read_stream (GFile *file, gsize max_size, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr (GFileInfo) info = NULL;
  goffset size;

  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, error);
  if (info == NULL)
    return NULL;
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      check_regular (S_IFDIR, error);
      return NULL;
    default:
      check_regular (0, error);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size > 0 && (guint64) size > max_size)
    {
      set_too_large (error, max_size);
      return NULL;
    }
  return read_capped (read_chunk_stream, stream, size, max_size, cancellable, error);
}

GBytes *
ref_file_read (GFile *file, gsize max_size, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_get_path (file);
  if (path != NULL)
    return read_path (path, max_size, cancellable, error);
  return read_stream (file, max_size, cancellable, error);
}

GBytes *
ref_file_read_path (const char *path, gsize max_size, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return read_path (path, max_size, NULL, error);
}

/* ------------------------------------------------------------------ names */

char *
ref_file_resolve_links (const char *path, GError **error)
{
  g_autofree char *current = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  current = g_strdup (path);
  for (guint i = 0; i < MAX_LINKS; i++)
    {
      struct stat st;
      g_autofree char *target = NULL;

      /* Not a link (or not there at all): this is the file. */
      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
    }
  set_error_from_errno (error, ELOOP);
  return NULL;
}

char *
ref_file_identity (const char *path)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);
  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) st.st_dev, (guint64) st.st_ino);
}

gboolean
ref_file_same (const char *a, const char *b)
{
  struct stat sa, sb;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ------------------------------------------------------------------ replacing */

struct _RefFileReplace {
  char *target;
  char *tmp_path;
  int fd;
  GOutputStream *stream;
  gboolean committed;
};

/* A hidden name beside the destination that says what it was for, should a crash
 * leave it behind: ".møde.pdf.XXXXXX". */
static char *
temporary_template (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = NULL;

  /* Room for the dot and the suffix within a name's 255 bytes. */
  if (strlen (base) > 200)
    name = g_strdup (".referent-XXXXXX");
  else
    name = g_strdup_printf (".%s.XXXXXX", base);
  return g_build_filename (dir, name, NULL);
}

RefFileReplace *
ref_file_replace_begin (const char *path, GError **error)
{
  g_autoptr (RefFileReplace) replace = NULL;
  struct stat st;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  replace = g_new0 (RefFileReplace, 1);
  replace->fd = -1;
  replace->target = ref_file_resolve_links (path, error);
  if (replace->target == NULL)
    return NULL;
  existed = g_stat (replace->target, &st) == 0;
  if (!existed && errno != ENOENT)
    {
      set_error_from_errno (error, errno);
      return NULL;
    }
  /* Renaming over a device or a pipe would replace it, not write to it. */
  if (existed && !check_regular (st.st_mode, error))
    return NULL;

  replace->tmp_path = temporary_template (replace->target);
  replace->fd = g_mkstemp_full (replace->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (replace->fd < 0)
    {
      set_error_from_errno (error, errno);
      g_clear_pointer (&replace->tmp_path, g_free); /* nothing to remove */
      return NULL;
    }
  if (existed)
    {
      /* The new version keeps the old one's permissions and, where allowed, its group
       * (a folder shared by a committee's secretaries). */
      if (fchmod (replace->fd, st.st_mode & 07777) != 0)
        {
          set_error_from_errno (error, errno);
          return NULL;
        }
      if (st.st_gid != getegid () && fchown (replace->fd, (uid_t) -1, st.st_gid) != 0)
        g_debug ("%s: not in the file's group; the new version gets ours", replace->target);
    }
  replace->stream = g_unix_output_stream_new (replace->fd, FALSE);
  return g_steal_pointer (&replace);
}

GOutputStream *
ref_file_replace_get_stream (RefFileReplace *replace)
{
  g_return_val_if_fail (replace != NULL, NULL);
  return replace->stream;
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Makes the rename itself durable; where a file system cannot, the data still is. */
  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }
}

gboolean
ref_file_replace_commit (RefFileReplace *replace, GError **error)
{
  int fd;

  g_return_val_if_fail (replace != NULL, FALSE);
  g_return_val_if_fail (!replace->committed && replace->fd >= 0, FALSE);

  if (!g_output_stream_is_closed (replace->stream) && !g_output_stream_flush (replace->stream, NULL, error))
    return FALSE;
  /* The data reaches the disk before the name does, so a crash leaves the old version
   * or the new one, never an empty file. */
  if (fsync (replace->fd) != 0)
    {
      set_error_from_errno (error, errno);
      return FALSE;
    }
  fd = replace->fd;
  replace->fd = -1;
  if (close (fd) != 0)
    {
      set_error_from_errno (error, errno);
      return FALSE;
    }
  if (g_rename (replace->tmp_path, replace->target) != 0)
    {
      set_error_from_errno (error, errno);
      return FALSE;
    }
  replace->committed = TRUE;
  sync_folder (replace->target);
  return TRUE;
}

void
ref_file_replace_free (RefFileReplace *replace)
{
  if (replace == NULL)
    return;
  g_clear_object (&replace->stream);
  if (replace->fd >= 0)
    close (replace->fd);
  if (!replace->committed && replace->tmp_path != NULL)
    g_unlink (replace->tmp_path);
  g_free (replace->tmp_path);
  g_free (replace->target);
  g_free (replace);
}
