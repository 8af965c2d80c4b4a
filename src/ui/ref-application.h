/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REF_TYPE_APPLICATION (ref_application_get_type ())
G_DECLARE_FINAL_TYPE (RefApplication, ref_application, REF, APPLICATION, AdwApplication)

RefApplication *ref_application_new (void);
/* Opens @file in a new window; errors are shown in the window that asked. */
void            ref_application_open_file (RefApplication *self, GFile *file);
/* Imports an agenda or minutes PDF, or a case system's export (its XML, the bundle
 * folder or a zip), and opens the result with the import notes. */
void            ref_application_import (RefApplication *self, GFile *file);
void            ref_application_import_pdf (RefApplication *self, GFile *file);
/* Shows the meeting in @file at its item @number: in the window that has the file
 * open, or in a new one. */
void            ref_application_open_item (RefApplication *self, GFile *file, guint number);
/* "New Meeting from Previous": a new, unsaved meeting in a new window, made from
 * the meeting in @previous_file by ref_meeting_new_from_previous(), dated today at
 * the previous meeting's hour. Returns: (transfer none) (nullable): the window; NULL
 * when the file could not be read (the error is shown). */
typedef struct _RefWindow RefWindow;
RefWindow      *ref_application_new_from_previous (RefApplication *self, GFile *previous_file);
/* The About window (version, licence, credits), not yet shown. */
GtkWindow      *ref_application_create_about_window (GtkWindow *parent);

G_END_DECLS
