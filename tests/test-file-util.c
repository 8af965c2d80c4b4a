/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "ref-file-util.h"
#include "ref-pdf-import.h"
#include "ref-recovery.h"
#include "ref-signature.h"
#include "ref-signature-trust.h"
#include "ref-xml.h"
#include "test-tmp.h"

/* Attack tests for the files a user names: what a device, a named pipe, a socket, a
 * folder or a file larger than it says does to every reader, and what a failed or
 * abandoned write leaves behind. A read that blocks would hang the test: an alarm
 * turns that into a failure. */

#define HANG_SECONDS 20

static char *
make_fifo (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}

static char *
make_socket (const char *dir, const char *name, int *fd_out)
{
  char *path = g_build_filename (dir, name, NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  *fd_out = fd;
  return path;
}

static GBytes *
load (const char *path)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = ref_file_read_path (path, G_MAXSIZE, &error);

  g_assert_no_error (error);
  return bytes;
}

static gboolean
dir_has_hidden_files (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ reading */

static void
test_read_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "møde.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) empty = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "indhold", -1, NULL));
  bytes = ref_file_read (file, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "indhold", 7);

  /* One byte over the limit is too large. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = ref_file_read (file, 6, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  empty = ref_file_read (file, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
  ref_test_remove_tree (dir);
}

static void
assert_refused (const char *path, int code, const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) bytes = NULL;

  alarm (HANG_SECONDS);
  bytes = ref_file_read_path (path, REF_FILE_MAX_REFERAT, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, what));
  g_clear_error (&error);
  bytes = ref_file_read (file, REF_FILE_MAX_REFERAT, NULL, &error);
  alarm (0);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, code);
}

static void
test_read_not_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-read-XXXXXX", NULL);
  g_autofree char *fifo = make_fifo (dir, "pipe.referat");
  g_autofree char *link = g_build_filename (dir, "zero.referat", NULL);
  g_autofree char *sock = NULL;
  int sock_fd;

  /* /dev/zero never ends; a pipe without a writer would block forever. */
  assert_refused ("/dev/zero", G_IO_ERROR_NOT_REGULAR_FILE, "device");
  assert_refused (fifo, G_IO_ERROR_NOT_REGULAR_FILE, "pipe");
  assert_refused (dir, G_IO_ERROR_IS_DIRECTORY, "folder");
  /* A harmless name is no disguise. */
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  assert_refused (link, G_IO_ERROR_NOT_REGULAR_FILE, "device");
  sock = make_socket (dir, "sock.referat", &sock_fd);
  assert_refused (sock, G_IO_ERROR_NOT_REGULAR_FILE, "socket");
  close (sock_fd);
  ref_test_remove_tree (dir);
}

/* The limit holds whatever the file system says the size is: files in /proc say 0. */
static void
test_read_cap_ignores_size (void)
{
  struct stat st;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) whole = NULL;
  g_autoptr (GBytes) capped = NULL;

  g_assert_cmpint (g_stat ("/proc/self/maps", &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  whole = load ("/proc/self/maps");
  g_assert_cmpuint (g_bytes_get_size (whole), >, 100);
  capped = ref_file_read_path ("/proc/self/maps", 100, &error);
  g_assert_null (capped);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

/* A file over the limit is refused from its size, before anything is read: a sparse
 * file of 64 GiB costs nothing to make and would take minutes to read. */
static void
test_read_large_refused_at_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "stor.referat", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  gint64 start;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 64 << 30), ==, 0);
  close (fd);
  start = g_get_monotonic_time ();
  bytes = ref_file_read_path (path, REF_FILE_MAX_PDF, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "512"));
  g_test_message ("refused in %" G_GINT64_FORMAT " µs: %s", g_get_monotonic_time () - start, error->message);
  ref_test_remove_tree (dir);
}

/* Every place that reads a file the user names refuses a device and a named pipe with
 * an error naming the file, without blocking. */
static void
test_readers_refuse_special_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-read-XXXXXX", NULL);
  const char *paths[] = { "/dev/zero", NULL };
  g_autofree char *fifo = make_fifo (dir, "dagsorden.pdf");

  paths[1] = fifo;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *path = paths[i];
      const char *what = i == 0 ? "device" : "pipe";
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (RefMeeting) meeting = NULL;
      g_autoptr (RefPdfImport) import = NULL;
      g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
      g_autoptr (RefMeeting) sample = ref_sample_meeting_new (NULL);
      g_autoptr (RefApproval) approval = NULL;

      alarm (HANG_SECONDS);
      meeting = ref_xml_load_file (file, &error);
      g_assert_null (meeting);
      g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, what));
      g_clear_error (&error);

      import = ref_pdf_import_file (file, NULL, NULL, NULL, &error);
      g_assert_null (import);
      g_assert_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, base));
      g_assert_nonnull (strstr (error->message, what));
      g_clear_error (&error);

      g_assert_false (ref_signature_trust_add_file (trust, path, &error));
      g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, what));
      g_clear_error (&error);

      approval = ref_signature_sign (sample, path, "hemmelig", NULL, &error);
      g_assert_null (approval);
      g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, what));
      alarm (0);
    }
  ref_test_remove_tree (dir);
}

/* The recovery folder is read at every start: a pipe planted in it must not hang the
 * application, and a copy that is not a file is not offered. */
static void
test_recovery_special_files (void)
{
  g_autofree char *dir = ref_recovery_dir ();
  g_autofree char *fifo = NULL;
  g_autofree char *copy = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  RefRecoveryEntry entry = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fifo = make_fifo (dir, "planted.ini");
  alarm (HANG_SECONDS);
  entries = ref_recovery_list ();
  alarm (0);
  g_assert_cmpuint (entries->len, ==, 0);
  g_unlink (fifo);

  copy = make_fifo (dir, "planted.referat");
  entry.path = copy;
  alarm (HANG_SECONDS);
  meeting = ref_recovery_load (&entry, &error);
  alarm (0);
  g_assert_null (meeting);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_IO);
  g_unlink (copy);
}

/* ------------------------------------------------------------------ names */

static void
test_resolve_links (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-links-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "arkiv", NULL);
  g_autofree char *target = g_build_filename (sub, "møde.referat", NULL);
  g_autofree char *link = g_build_filename (dir, "genvej.referat", NULL);
  g_autofree char *link2 = g_build_filename (dir, "genvej2.referat", NULL);
  g_autofree char *dangling = g_build_filename (dir, "ny.referat", NULL);
  g_autofree char *loop_a = g_build_filename (dir, "a", NULL);
  g_autofree char *loop_b = g_build_filename (dir, "b", NULL);
  g_autofree char *resolved = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "x", -1, NULL));
  /* A relative link is relative to its own folder, not to the working directory. */
  g_assert_cmpint (symlink ("arkiv/møde.referat", link), ==, 0);
  g_assert_cmpint (symlink ("genvej.referat", link2), ==, 0);
  resolved = ref_file_resolve_links (link2, &error);
  g_assert_no_error (error);
  g_assert_true (ref_file_same (resolved, target));
  g_assert_false (g_file_test (resolved, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&resolved, g_free);

  /* A link to a file yet to be made names that file. */
  g_assert_cmpint (symlink ("arkiv/senere.referat", dangling), ==, 0);
  resolved = ref_file_resolve_links (dangling, &error);
  g_assert_no_error (error);
  expected = g_build_filename (dir, "arkiv/senere.referat", NULL);
  g_assert_cmpstr (resolved, ==, expected);
  g_clear_pointer (&resolved, g_free);

  g_assert_cmpint (symlink ("b", loop_a), ==, 0);
  g_assert_cmpint (symlink ("a", loop_b), ==, 0);
  resolved = ref_file_resolve_links (loop_a, &error);
  g_assert_null (resolved);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  ref_test_remove_tree (dir);
}

static void
test_same_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-same-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "møde.referat", NULL);
  g_autofree char *b = g_build_filename (dir, "andet.referat", NULL);
  g_autofree char *sym = g_build_filename (dir, "genvej.pdf", NULL);
  g_autofree char *hard = g_build_filename (dir, "hård.pdf", NULL);
  g_autofree char *dotted = g_build_filename (dir, ".", "møde.referat", NULL);
  g_autofree char *missing = g_build_filename (dir, "findes-ikke.pdf", NULL);

  g_assert_true (g_file_set_contents (a, "x", -1, NULL));
  g_assert_true (g_file_set_contents (b, "x", -1, NULL));
  g_assert_cmpint (symlink ("møde.referat", sym), ==, 0);
  g_assert_cmpint (link (a, hard), ==, 0);
  g_assert_true (ref_file_same (a, a));
  g_assert_true (ref_file_same (a, dotted));
  g_assert_true (ref_file_same (sym, a));
  g_assert_true (ref_file_same (hard, a));
  g_assert_false (ref_file_same (a, b));
  g_assert_false (ref_file_same (missing, a));
  {
    g_autofree char *id_a = ref_file_identity (a);
    g_autofree char *id_sym = ref_file_identity (sym);
    g_autofree char *id_hard = ref_file_identity (hard);
    g_autofree char *id_b = ref_file_identity (b);
    g_autofree char *id_missing = ref_file_identity (missing);

    g_assert_cmpstr (id_a, ==, id_sym);
    g_assert_cmpstr (id_a, ==, id_hard);
    g_assert_cmpstr (id_a, !=, id_b);
    g_assert_null (id_missing);
  }
  ref_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ replacing */

static gboolean
write_and_commit (const char *path, const char *text, GError **error)
{
  g_autoptr (RefFileReplace) replace = ref_file_replace_begin (path, error);

  if (replace == NULL)
    return FALSE;
  if (!g_output_stream_write_all (ref_file_replace_get_stream (replace), text, strlen (text), NULL, NULL, error))
    return FALSE;
  return ref_file_replace_commit (replace, error);
}

static void
assert_contents (const char *path, const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_replace_commit_and_abandon (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-replace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "referat.pdf", NULL);
  g_autoptr (GError) error = NULL;
  RefFileReplace *replace;
  mode_t mask = umask (022);
  struct stat st;

  umask (mask);
  g_assert_true (write_and_commit (path, "ny", &error));
  g_assert_no_error (error);
  assert_contents (path, "ny");
  /* A new file gets the usual permissions, not the temporary file's 0600. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);

  /* Written but never committed: the old version stays, the temporary file goes. */
  replace = ref_file_replace_begin (path, &error);
  g_assert_no_error (error);
  g_assert_true (dir_has_hidden_files (dir));
  g_assert_true (g_output_stream_write_all (ref_file_replace_get_stream (replace), "halv", 4, NULL, NULL, &error));
  ref_file_replace_free (replace);
  assert_contents (path, "ny");
  g_assert_false (dir_has_hidden_files (dir));
  ref_test_remove_tree (dir);
}

static void
test_replace_keeps_mode (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-replace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "referat.pdf", NULL);
  g_autoptr (GError) error = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (path, "gammel", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (write_and_commit (path, "ny", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  assert_contents (path, "ny");
  ref_test_remove_tree (dir);
}

/* Through a symbolic link the file it points to is replaced; the link stays a link. */
static void
test_replace_through_symlink (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-replace-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "arkiv", NULL);
  g_autofree char *target = g_build_filename (sub, "referat.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "genvej.pdf", NULL);
  g_autoptr (GError) error = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "gammel", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0600), ==, 0);
  g_assert_cmpint (symlink ("arkiv/referat.pdf", link), ==, 0);
  g_assert_true (write_and_commit (link, "ny", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_contents (target, "ny");
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_false (dir_has_hidden_files (dir));
  g_assert_false (dir_has_hidden_files (sub));
  ref_test_remove_tree (dir);
}

/* A pipe or a device is not replaced by a rename: refused, and left as it was. */
static void
test_replace_not_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-replace-XXXXXX", NULL);
  g_autofree char *fifo = make_fifo (dir, "referat.pdf");
  g_autofree char *missing = g_build_filename (dir, "findes-ikke", "referat.pdf", NULL);
  g_autoptr (GError) error = NULL;
  RefFileReplace *replace;
  struct stat st;

  replace = ref_file_replace_begin (fifo, &error);
  g_assert_null (replace);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_clear_error (&error);

  replace = ref_file_replace_begin (dir, &error);
  g_assert_null (replace);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  replace = ref_file_replace_begin (missing, &error);
  g_assert_null (replace);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (dir_has_hidden_files (dir));
  ref_test_remove_tree (dir);
}

/* A full disk (a file size limit, as in test-save-crash) fails the write; the old
 * file is untouched and nothing is left behind. */
static void
test_replace_disk_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-replace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "referat.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *big = g_strnfill (256 * 1024, 'x');
  struct rlimit old_limit, limit;
  void (*old_handler) (int);
  RefFileReplace *replace;
  gboolean written;

  g_assert_true (g_file_set_contents (path, "gammel", -1, NULL));
  replace = ref_file_replace_begin (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 64 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  written = g_output_stream_write_all (ref_file_replace_get_stream (replace), big, strlen (big), NULL, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);
  g_assert_false (written);
  g_assert_nonnull (error);
  ref_file_replace_free (replace);
  assert_contents (path, "gammel");
  g_assert_false (dir_has_hidden_files (dir));
  ref_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("referent-test-file-util");

  /* Before anything asks GLib for the state folder (recovery). */
  g_setenv ("XDG_STATE_HOME", tmp_root, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/file-util/read/regular", test_read_regular);
  g_test_add_func ("/file-util/read/not-regular", test_read_not_regular);
  g_test_add_func ("/file-util/read/cap-ignores-size", test_read_cap_ignores_size);
  g_test_add_func ("/file-util/read/large-refused-at-once", test_read_large_refused_at_once);
  g_test_add_func ("/file-util/read/readers-refuse-special-files", test_readers_refuse_special_files);
  g_test_add_func ("/file-util/read/recovery-special-files", test_recovery_special_files);
  g_test_add_func ("/file-util/resolve-links", test_resolve_links);
  g_test_add_func ("/file-util/same-file", test_same_file);
  g_test_add_func ("/file-util/replace/commit-and-abandon", test_replace_commit_and_abandon);
  g_test_add_func ("/file-util/replace/keeps-mode", test_replace_keeps_mode);
  g_test_add_func ("/file-util/replace/through-symlink", test_replace_through_symlink);
  g_test_add_func ("/file-util/replace/not-regular", test_replace_not_regular);
  g_test_add_func ("/file-util/replace/disk-full", test_replace_disk_full);
  return ref_test_run_and_clean (tmp_root);
}
