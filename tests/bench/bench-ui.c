/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>

#include "meeting-generator.h"
#include "ref-item-view.h"
#include "ref-text-editor.h"
#include "ref-window.h"

/* Editor benchmark (figures only, no timing assertions): how long a 500-item meeting
 * takes from "open" to a window with its agenda list populated, and how long one
 * keystroke in a section editor of that meeting takes to reach the model. */

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  g_autoptr (RefMeeting) meeting = NULL;
  RefWindow *window;
  RefItemView *view;
  GtkListView *list;
  double start, shown, total = 0, worst = 0;
  const int keystrokes = 200;
  GtkWidget *editor;
  GtkTextBuffer *buffer;

  gtk_init ();
  adw_init ();

  meeting = ref_test_meeting_generate (g_getenv ("BENCH_ITEMS") ? atoi (g_getenv ("BENCH_ITEMS")) : 500, 42);
  start = now ();
  window = ref_window_new (NULL, meeting, NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until_idle ();
  list = GTK_LIST_VIEW (ref_window_get_item_list (window));
  /* Populated: the list's model holds every item and rows are realised. */
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == ref_meeting_get_n_items (meeting));
  g_assert (gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL);
  shown = now () - start;

  view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  ref_window_select_item (window, 250);
  iterate_until_idle ();
  editor = ref_item_view_get_decision_editor (view, 0);
  if (editor == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (view), "view.add-decision", NULL);
      iterate_until_idle ();
      editor = ref_item_view_get_decision_editor (view, 0);
    }
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  for (int i = 0; i < keystrokes; i++)
    {
      double t0 = now (), dt;
      gtk_text_buffer_insert_interactive_at_cursor (buffer, i % 10 == 9 ? " " : "x", -1, TRUE);
      iterate_until_idle ();
      dt = now () - t0;
      total += dt;
      worst = MAX (worst, dt);
    }

  printf ("# editor benchmark (500 items)\n");
  printf ("# open to window with populated list: %.3f s (target < 0.5 s)\n", shown);
  printf ("# keystroke in a decision editor to model and redraw: mean %.2f ms, worst %.2f ms over %d keys "
          "(a frame is 16.7 ms)\n",
          1000 * total / keystrokes, 1000 * worst, keystrokes);
  printf ("1..1\nok 1 bench-ui\n");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
