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
 * syncs to disk before renaming it over the last one) in a temporary state folder.
 *
 * What the window's autosave costs the main thread since issue 18: after one item's
 * decision was edited, the writer cache serialises that item and the meeting's own
 * parts again and the copy is queued for the recovery writer's thread. Timed with the
 * main thread's own processor clock (the writer thread's work is not in it), the best
 * of the rounds. */

static double
wall_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
clock_now (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
cpu_now (void)
{
  return clock_now (CLOCK_PROCESS_CPUTIME_ID);
}

static double
thread_cpu_now (void)
{
  return clock_now (CLOCK_THREAD_CPUTIME_ID);
}

/* The main thread's part of an autosave after an edit of one decision: the best
 * processor time and the best wall clock time over @rounds. */
static void
time_incremental_autosave (RefMeeting *meeting, const char *id, int rounds, double *cpu, double *wall)
{
  g_autoptr (RefXmlWriteCache) cache = ref_xml_write_cache_new ();
  g_autoptr (GPtrArray) last = ref_xml_write_cache_write (cache, meeting);
  guint n = ref_meeting_get_n_items (meeting);
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), n / 2);
  g_autoptr (RefDecision) decision = NULL;

  *cpu = *wall = G_MAXDOUBLE;
  if (item == NULL)
    return;
  decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  if (decision == NULL)
    {
      decision = ref_decision_new ();
      ref_agenda_item_add_decision (item, decision);
    }
  for (int r = 0; r < rounds; r++)
    {
      g_autofree char *line = g_strdup_printf ("Godkendt med ændring nr. %d.", r);
      g_autoptr (RefText) text = ref_text_new_paragraph (line);
      double start_cpu, start_wall;

      ref_decision_set_text (decision, text);
      start_cpu = thread_cpu_now ();
      start_wall = wall_now ();
      {
        /* As the window does: compared with the copy's, then queued. */
        g_autoptr (GPtrArray) fragments = ref_xml_write_cache_write (cache, meeting);
        if (!ref_xml_fragments_equal (fragments, last))
          ref_recovery_save_queued (id, meeting, NULL, fragments, NULL, NULL, NULL);
        g_ptr_array_unref (last);
        last = g_steal_pointer (&fragments);
      }
      *cpu = MIN (*cpu, thread_cpu_now () - start_cpu);
      *wall = MIN (*wall, wall_now () - start_wall);
      /* Not timed: the writer thread finishing the copy before the next round. */
      ref_recovery_flush ();
    }
}

int
main (int argc, char **argv)
{
  guint n_items = argc > 1 ? (guint) atoi (argv[1]) : 500;
  int rounds = argc > 2 ? atoi (argv[2]) : 10;
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (n_items, 42);
  double best = G_MAXDOUBLE, total = 0, save_cpu = G_MAXDOUBLE, save_wall = G_MAXDOUBLE;
  double incremental_cpu, incremental_wall;
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
  time_incremental_autosave (meeting, id, rounds, &incremental_cpu, &incremental_wall);
  ref_recovery_remove (id);
  /* The queued copies' reports (none asked for) are idle sources: let them go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  printf ("autosave after editing one decision (main thread: cache + queue): best %.2f ms processor time, "
          "%.2f ms wall clock\n",
          incremental_cpu * 1e3, incremental_wall * 1e3);
  return 0;
}
