/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "ref-scroll-guard.h"

/* Scrolls @scrolled as GtkScrolledWindow does for a wheel: discrete steps of
 * page^(2/3), smooth deltas in pixels. */
static void
scroll_page (GtkScrolledWindow *scrolled, GtkEventControllerScroll *controller, double dy)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scrolled);
  double page = gtk_adjustment_get_page_size (adj);
  double delta = dy;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta = dy * pow (page, 2.0 / 3.0);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + delta);
}

/* Capture phase: runs before the spin button's own scroll handling and ends the
 * event there. */
static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, gpointer user_data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);

  if (scrolled != NULL && dy != 0)
    scroll_page (GTK_SCROLLED_WINDOW (scrolled), controller, dy);
  return TRUE;
}

void
ref_scroll_guard_attach (GtkWidget *spin_button)
{
  GtkEventController *scroll;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin_button));
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (scroll, "ref-scroll-guard");
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), NULL);
  gtk_widget_add_controller (spin_button, scroll);
}
