/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gtk/gtk.h>
#include <stdio.h>
#include <sys/resource.h>

#include "ref-spell-checker.h"
#include "ref-window.h"
#include "ref-xml.h"

/* bench-window FILE.referat | --empty: opens the meeting in a window as the
 * application does (load, window, first frame with the agenda list populated), then
 * prints how long that took from the start of loading and the process's peak RSS,
 * and exits. Run as a process by tests/bench/bench-memory.py, so that each figure is
 * a whole process's, comparable with an empty meeting's window (GTK's own share). */

static gboolean drawn;

static void
on_frame (GdkFrameClock *clock, gpointer data)
{
  drawn = TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (GError) error = NULL;
  RefWindow *window;
  gint64 start;
  struct rusage usage;

  if (argc != 2)
    {
      g_printerr ("usage: bench-window FILE.referat | --empty\n");
      return 2;
    }
  gtk_init ();
  adw_init ();
  start = g_get_monotonic_time ();
  if (g_str_equal (argv[1], "--empty"))
    meeting = ref_meeting_new ();
  else
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[1]);
      if ((meeting = ref_xml_load_file (file, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  window = ref_window_new (NULL, meeting, NULL);
  gtk_window_present (GTK_WINDOW (window));
  /* Shown: the first frame after the agenda list got its rows. */
  while (gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (on_frame), NULL);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  getrusage (RUSAGE_SELF, &usage);
  printf ("shown %.3f s\n", (g_get_monotonic_time () - start) / 1e6);
  /* Processor time of the whole process to the first frame (start-up of GTK
   * included), which a busy machine inflates less than the clock. */
  printf ("cpu %.3f s\n", usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec
                              + usage.ru_stime.tv_usec / 1e6);
  /* The peak once the spelling dictionary, which loads in a worker after the first
   * frame, is in memory: at the first frame it is there or not depending on how long
   * the meeting took, which made the empty window's baseline vary. */
  ref_spell_checker_wait_for_dictionary (ref_window_get_spell_checker (window));
  getrusage (RUSAGE_SELF, &usage);
  printf ("peak %ld KiB\n", usage.ru_maxrss);
  ref_history_mark_clean (ref_meeting_get_history (meeting));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
