/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * RefDateButton: a day chosen on a calendar, as the meeting date is: a button that
 * shows the day ("Tuesday, May 6, 2025") and opens a calendar. The "date" property
 * follows the model's convention: the wall-clock day as a UTC GDateTime at midnight,
 * or NULL for no date, which a button under the calendar sets.
 */
#define REF_TYPE_DATE_BUTTON (ref_date_button_get_type ())
G_DECLARE_FINAL_TYPE (RefDateButton, ref_date_button, REF, DATE_BUTTON, GtkWidget)

GtkWidget *ref_date_button_new (void);
GDateTime *ref_date_button_get_date (RefDateButton *self);
void       ref_date_button_set_date (RefDateButton *self, GDateTime *date);
/* The calendar, once the button has been opened (for tests and accessibility). */
GtkWidget *ref_date_button_get_calendar (RefDateButton *self);
/* Opens the calendar. */
void       ref_date_button_popup (RefDateButton *self);

G_END_DECLS
