/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * No lost work when saving goes wrong.
 *
 * /save/kill-loop: a child process saves two different versions of a meeting to the
 * same file over and over; the test kills it with SIGKILL at random moments and checks
 * each time that the file on disk is one of the two complete versions, never a
 * truncated or mixed one.
 *
 * /save/disk-full: a file size limit (RLIMIT_FSIZE, the same EFBIG/ENOSPC path as a
 * full disk) makes the write fail: the error names the file, the old file is intact
 * and the document in memory is unchanged and still marked modified.
 *
 * /save/through-symlink, /save/through-symlink-disk-full: a file opened through a
 * symbolic link is saved to the file the link points to, atomically (a new file
 * renamed over it, never rewritten in place), the link stays a link, and the backup
 * beside the target keeps the target's permissions.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "meeting-generator.h"
#include "ref-xml.h"
#include "test-tmp.h"

static char *self_path;

/* Two versions of the same meeting that differ in size and content. */
static RefMeeting *
make_version (guint which)
{
  RefMeeting *meeting = ref_test_meeting_generate (which == 0 ? 60 : 90, 7 + which);

  ref_meeting_set_location (meeting, which == 0 ? "Version A" : "Version B");
  return meeting;
}

/* The child: save A, B, A, B … to @path until killed. */
static int
run_save_loop (const char *path)
{
  g_autoptr (RefMeeting) a = make_version (0);
  g_autoptr (RefMeeting) b = make_version (1);
  RefMeeting *versions[2] = { a, b };
  g_autoptr (GFile) file = g_file_new_for_path (path);

  for (guint i = 0;; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!ref_xml_save_file (versions[i % 2], file, &error))
        {
          g_printerr ("save failed: %s\n", error->message);
          return 1;
        }
      if (i == 0)
        {
          /* Tell the parent the file exists. */
          g_print ("ready\n");
          fflush (stdout);
        }
    }
  return 0;
}

static void
test_kill_loop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Udvalg.referat", NULL);
  g_autoptr (RefMeeting) a = make_version (0);
  g_autoptr (RefMeeting) b = make_version (1);
  g_autoptr (GBytes) bytes_a = ref_xml_write_bytes (a);
  g_autoptr (GBytes) bytes_b = ref_xml_write_bytes (b);
  guint seen_a = 0, seen_b = 0;
  const guint rounds = 40;

  g_assert_false (g_bytes_equal (bytes_a, bytes_b));
  for (guint round = 0; round < rounds; round++)
    {
      const char *argv[] = { self_path, "--save-loop", path, NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) on_disk = NULL;
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (RefMeeting) loaded = NULL;
      GPid pid;
      int out_fd, status;
      char ready[6] = { 0 };

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* Wait until the first save is complete, then kill at a random moment within
       * the next few saves (one save takes a few milliseconds). */
      g_assert_cmpint (read (out_fd, ready, 5), ==, 5);
      g_assert_cmpstr (ready, ==, "ready");
      g_usleep (g_test_rand_int_range (0, 30000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      close (out_fd);
      g_spawn_close_pid (pid);

      on_disk = g_file_load_bytes (file, NULL, NULL, &error);
      g_assert_no_error (error);
      if (g_bytes_equal (on_disk, bytes_a))
        seen_a++;
      else if (g_bytes_equal (on_disk, bytes_b))
        seen_b++;
      else
        g_error ("round %u: the file is neither version (%" G_GSIZE_FORMAT " bytes)", round, g_bytes_get_size (on_disk));
      loaded = ref_xml_load_file (file, &error);
      g_assert_no_error (error);
      g_assert_nonnull (loaded);
    }
  g_test_message ("%u kills: %u times version A on disk, %u times version B", rounds, seen_a, seen_b);
  g_assert_cmpuint (seen_a + seen_b, ==, rounds);
  ref_test_remove_tree (dir);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Udvalg.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RefMeeting) small = ref_test_meeting_generate (1, 3);
  g_autoptr (RefMeeting) big = ref_test_meeting_generate (200, 4);
  g_autoptr (GBytes) small_bytes = ref_xml_write_bytes (small);
  g_autoptr (GBytes) on_disk = NULL;
  g_autoptr (GError) error = NULL;
  struct rlimit old_limit, limit;
  void (*old_handler) (int);
  gboolean saved;

  g_assert_true (ref_xml_save_file (small, file, &error));
  g_assert_no_error (error);
  ref_meeting_set_location (big, "Rådhuset, mødelokale 2");
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (big)));

  /* Files may not grow past 64 KiB while the big meeting (about 2.6 MB) is saved. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 64 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  saved = ref_xml_save_file (big, file, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (saved);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Udvalg.referat"));
  /* The old file is intact … */
  on_disk = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (on_disk, small_bytes));
  /* … and the document in memory is unchanged and still needs saving. */
  g_assert_cmpstr (ref_meeting_get_location (big), ==, "Rådhuset, mødelokale 2");
  g_assert_cmpuint (ref_meeting_get_n_items (big), ==, 200);
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (big)));
  /* With room again, the same document saves. */
  g_clear_error (&error);
  g_assert_true (ref_xml_save_file (big, file, &error));
  g_assert_no_error (error);
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (big)));
  ref_test_remove_tree (dir);
}

/* A folder "arkiv" with møde.referat (mode 0640) and, beside the folder, a relative
 * symbolic link genvej.referat to it, as a secretary's desktop shortcut would be. */
typedef struct {
  char *dir;
  char *target;
  char *link;
  RefMeeting *meeting;
  GBytes *old_bytes;
  struct stat old_st;
} LinkedFile;

static void
linked_file_init (LinkedFile *lf)
{
  g_autofree char *sub = NULL;

  lf->dir = g_dir_make_tmp ("referent-link-XXXXXX", NULL);
  sub = g_build_filename (lf->dir, "arkiv", NULL);
  lf->target = g_build_filename (sub, "møde.referat", NULL);
  lf->link = g_build_filename (lf->dir, "genvej.referat", NULL);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  lf->meeting = ref_test_meeting_generate (3, 5);
  lf->old_bytes = ref_xml_write_bytes (lf->meeting);
  g_assert_true (g_file_set_contents (lf->target, g_bytes_get_data (lf->old_bytes, NULL),
                                      (gssize) g_bytes_get_size (lf->old_bytes), NULL));
  g_assert_cmpint (g_chmod (lf->target, 0640), ==, 0);
  g_assert_cmpint (symlink ("arkiv/møde.referat", lf->link), ==, 0);
  g_assert_cmpint (g_stat (lf->target, &lf->old_st), ==, 0);
  ref_meeting_set_location (lf->meeting, "Rådhuset, mødelokale 2");
}

static void
linked_file_clear (LinkedFile *lf)
{
  ref_test_remove_tree (lf->dir);
  g_free (lf->dir);
  g_free (lf->target);
  g_free (lf->link);
  g_clear_object (&lf->meeting);
  g_clear_pointer (&lf->old_bytes, g_bytes_unref);
}

static void
assert_still_link (const LinkedFile *lf)
{
  g_autofree char *points_to = g_file_read_link (lf->link, NULL);

  g_assert_cmpstr (points_to, ==, "arkiv/møde.referat");
}

static void
test_save_through_symlink (void)
{
  LinkedFile lf = { 0 };
  g_autoptr (GFile) link_file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) on_disk = NULL;
  g_autoptr (GBytes) backup_bytes = NULL;
  g_autoptr (GBytes) new_bytes = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *link_backup = NULL;
  g_autofree char *backup_text = NULL;
  gsize backup_len = 0;
  struct stat st;

  linked_file_init (&lf);
  link_file = g_file_new_for_path (lf.link);
  new_bytes = ref_xml_write_bytes (lf.meeting);
  g_assert_true (ref_xml_save_file (lf.meeting, link_file, &error));
  g_assert_no_error (error);

  /* The link is still a link, and the file it points to has the new version … */
  assert_still_link (&lf);
  on_disk = g_file_load_bytes (link_file, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (on_disk, new_bytes));
  /* … in a new file renamed over the old one (a rewrite in place is what a crash
   * turns into a truncated file), with the old one's permissions. */
  g_assert_cmpint (g_stat (lf.target, &st), ==, 0);
  g_assert_cmpuint (st.st_ino, !=, lf.old_st.st_ino);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  /* The backup is the old version beside the target, with the target's mode, not
   * the link's 0777 less the umask. */
  backup = g_strconcat (lf.target, "~", NULL);
  g_assert_true (g_file_get_contents (backup, &backup_text, &backup_len, NULL));
  backup_bytes = g_bytes_new_take (g_steal_pointer (&backup_text), backup_len);
  g_assert_nonnull (backup_bytes);
  g_assert_true (g_bytes_equal (backup_bytes, lf.old_bytes));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  link_backup = g_strconcat (lf.link, "~", NULL);
  g_assert_false (g_file_test (link_backup, G_FILE_TEST_EXISTS));
  linked_file_clear (&lf);
}

/* A save through a link that fails half-way (a full disk) leaves the target whole. */
static void
test_save_through_symlink_disk_full (void)
{
  LinkedFile lf = { 0 };
  g_autoptr (GFile) link_file = NULL;
  g_autoptr (RefMeeting) big = ref_test_meeting_generate (200, 4);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) on_disk = NULL;
  struct rlimit old_limit, limit;
  void (*old_handler) (int);
  gboolean saved;

  linked_file_init (&lf);
  link_file = g_file_new_for_path (lf.link);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 64 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  saved = ref_xml_save_file (big, link_file, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (saved);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_IO);
  assert_still_link (&lf);
  on_disk = g_file_load_bytes (link_file, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (on_disk, lf.old_bytes));
  linked_file_clear (&lf);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = NULL;

  if (argc == 3 && strcmp (argv[1], "--save-loop") == 0)
    return run_save_loop (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  tmp_root = ref_test_make_tmp_root ("referent-test-save");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/save/kill-loop", test_kill_loop);
  g_test_add_func ("/save/disk-full", test_disk_full);
  g_test_add_func ("/save/through-symlink", test_save_through_symlink);
  g_test_add_func ("/save/through-symlink-disk-full", test_save_through_symlink_disk_full);
  {
    int status = ref_test_run_and_clean (tmp_root);
    g_free (self_path);
    return status;
  }
}
