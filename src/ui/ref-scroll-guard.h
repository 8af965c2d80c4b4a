/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * A spin button in a scrolled page takes the mouse wheel, so scrolling the page past
 * a vote count or an item number changes it without the user noticing. Guarded, the
 * spin button passes the wheel on to the page it sits in: its value changes only by
 * typing, its + and − buttons or the arrow keys.
 */
void ref_scroll_guard_attach (GtkWidget *spin_button);

G_END_DECLS
