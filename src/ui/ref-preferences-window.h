/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* RefPreferencesWindow: the application's preferences (Ctrl+,): the name written on
 * the comments the user adds. */
#define REF_TYPE_PREFERENCES_WINDOW (ref_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RefPreferencesWindow, ref_preferences_window, REF, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *ref_preferences_window_new (GtkWindow *parent);
void       ref_preferences_window_show_page (RefPreferencesWindow *self, const char *name);
GtkWidget *ref_preferences_window_get_archive_page (RefPreferencesWindow *self);
/* The Writing page (RefPhrasesPage): standard phrases and spell checking. */
GtkWidget *ref_preferences_window_get_writing_page (RefPreferencesWindow *self);

G_END_DECLS
