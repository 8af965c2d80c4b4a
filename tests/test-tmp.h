/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and everything below it: tests clean up the temporary folders
 * they make, so repeated runs do not fill /tmp. Symbolic links are removed, not
 * followed. */
static inline void
ref_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          ref_test_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

/* Makes a fresh folder under $TMPDIR (or /tmp) and points $TMPDIR at it, so every
 * temporary folder the test makes later lands inside and one ref_test_remove_tree ()
 * at the end removes them all. Call it first in main (), before anything asks GLib
 * for the temporary folder. */
static inline char *
ref_test_make_tmp_root (const char *prefix)
{
  const char *base = g_getenv ("TMPDIR");
  char *path = g_strdup_printf ("%s/%s-XXXXXX", base != NULL && *base ? base : "/tmp", prefix);

  if (g_mkdtemp (path) == NULL)
    g_error ("cannot make a temporary folder %s", path);
  g_setenv ("TMPDIR", path, TRUE);
  return path;
}

/* Runs the tests, then removes @tmp_root (from ref_test_make_tmp_root) with everything
 * the tests left in it. Returns g_test_run ()'s status. */
static inline int
ref_test_run_and_clean (const char *tmp_root)
{
  int status = g_test_run ();

  ref_test_remove_tree (tmp_root);
  return status;
}
