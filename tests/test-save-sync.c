/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * When saving a .referat syncs to disk (ref_xml_save_file (), through GIO's
 * g_file_replace ()): the rule GLib applies to G_FILE_SET_CONTENTS_CONSISTENT.
 *
 * /save-sync/replace: replacing an existing file writes a temporary file, syncs it
 * (fsync) and only then renames it over the old one, so a crash leaves the old
 * version or the new one, never an empty file.
 *
 * /save-sync/new-file: a file that did not exist is written without a sync: a crash
 * can lose only what was being written, no earlier data. This is the case of
 * `referent-cli import` to a new file, and bench-import measures it that way.
 *
 * The seam: this program defines fsync (), fdatasync () and rename (); the dynamic
 * linker resolves GLib's calls to them here first, and each counts and then calls
 * the C library's.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ref-xml.h"
#include "test-tmp.h"

static guint n_syncs;
/* n_syncs when the last rename () was made, and whether it replaced a .referat. */
static guint syncs_before_rename;
static gboolean renamed_referat;

static gpointer
next_symbol (const char *name)
{
  gpointer symbol = dlsym (RTLD_NEXT, name);

  g_assert_nonnull (symbol);
  return symbol;
}

int fsync (int fd);
int fdatasync (int fd);
int rename (const char *from, const char *to);

int
fsync (int fd)
{
  int (*real) (int) = next_symbol ("fsync");

  n_syncs++;
  return real (fd);
}

int
fdatasync (int fd)
{
  int (*real) (int) = next_symbol ("fdatasync");

  n_syncs++;
  return real (fd);
}

int
rename (const char *from, const char *to)
{
  int (*real) (const char *, const char *) = next_symbol ("rename");

  if (g_str_has_suffix (to, ".referat"))
    {
      renamed_referat = TRUE;
      syncs_before_rename = n_syncs;
    }
  return real (from, to);
}

static RefMeeting *
sample (void)
{
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_sample_meeting_new (&error);

  g_assert_no_error (error);
  return meeting;
}

static void
assert_saved (RefMeeting *meeting, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) loaded = ref_xml_load_file (file, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ref_meeting_get_n_items (loaded), ==, ref_meeting_get_n_items (meeting));
}

static void
test_replace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-save-sync-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "møde.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (GError) error = NULL;

  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_no_error (error);

  n_syncs = 0;
  renamed_referat = FALSE;
  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_no_error (error);
  g_assert_true (renamed_referat);
  g_assert_cmpuint (syncs_before_rename, >=, 1);
  assert_saved (meeting, file);
  ref_test_remove_tree (dir);
}

static void
test_new_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-save-sync-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ny.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (GError) error = NULL;

  n_syncs = 0;
  renamed_referat = FALSE;
  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_syncs, ==, 0);
  g_assert_false (renamed_referat);
  assert_saved (meeting, file);
  ref_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/save-sync/replace", test_replace);
  g_test_add_func ("/save-sync/new-file", test_new_file);

  return g_test_run ();
}
