/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "meeting-generator.h"
#include "ref-recovery.h"
#include "ref-xml.h"

/* bench-write [N_ITEMS] [ROUNDS]: serialises the synthetic meeting of the tests
 * (500 items, about 6.7 MB of XML by default) with the .referat writer, as Save and
 * the window's autosave do, and prints the processor time of one write (the best of
 * the rounds: the least disturbed by other processes). The autosave runs it on the
 * main thread, so it must stay well inside one frame; so does the rest of the
 * autosave, timed too: ref_recovery_save (serialise and write the copy, which GLib
 * syncs to disk before renaming it over the last one) in a temporary state folder. */

static double
wall_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int argc, char **argv)
{
  guint n_items = argc > 1 ? (guint) atoi (argv[1]) : 500;
  int rounds = argc > 2 ? atoi (argv[2]) : 10;
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (n_items, 42);
  double best = G_MAXDOUBLE, total = 0, save_cpu = G_MAXDOUBLE, save_wall = G_MAXDOUBLE;
  gsize size = 0;
  g_autofree char *state = g_dir_make_tmp ("referent-bench-write-XXXXXX", NULL);
  g_autofree char *id = ref_recovery_new_id ();

  for (int r = 0; r < rounds; r++)
    {
      double start = cpu_now (), spent;
      g_autoptr (GBytes) bytes = ref_xml_write_bytes (meeting);

      spent = cpu_now () - start;
      size = g_bytes_get_size (bytes);
      total += spent;
      best = MIN (best, spent);
    }
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  for (int r = 0; r < rounds; r++)
    {
      double cpu = cpu_now (), wall = wall_now ();

      if (!ref_recovery_save (id, meeting, NULL, NULL))
        return 1;
      save_cpu = MIN (save_cpu, cpu_now () - cpu);
      save_wall = MIN (save_wall, wall_now () - wall);
    }
  ref_recovery_remove (id);
  {
    g_autofree char *dir = ref_recovery_dir ();
    g_autofree char *parent = g_path_get_dirname (dir);

    g_rmdir (dir);
    g_rmdir (parent);
    g_rmdir (state);
  }
  printf ("# .referat writer: %u items, %.1f MB\n", n_items, size / 1e6);
  printf ("write (processor time): best %.1f ms, mean %.1f ms over %d rounds\n", best * 1e3,
          rounds > 0 ? total / rounds * 1e3 : 0.0, rounds);
  printf ("autosave copy (ref_recovery_save): best %.1f ms processor time, %.1f ms wall clock\n", save_cpu * 1e3,
          save_wall * 1e3);
  return 0;
}
