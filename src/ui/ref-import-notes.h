/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * RefImportNotes: the panel under an imported meeting with what the importer could
 * not place with certainty (RefImportWarning), one row per note, each with a check
 * box to tick it off once checked or fixed.
 */
#define REF_TYPE_IMPORT_NOTES (ref_import_notes_get_type ())
G_DECLARE_FINAL_TYPE (RefImportNotes, ref_import_notes, REF, IMPORT_NOTES, GtkWidget)

GtkWidget *ref_import_notes_new (void);
/* @warnings: (element-type RefImportWarning); shows the panel. */
void       ref_import_notes_show (RefImportNotes *self, GPtrArray *warnings, double coverage, double confidence);
/* The same, under a summary line the importer wrote. */
void       ref_import_notes_show_summary (RefImportNotes *self, GPtrArray *warnings, const char *summary);
/* Why the import's confidence is lower than the share of its text it placed (the PDF
 * importer's confidence notes, strings): first in the panel, one row each,
 * information to weigh rather than a note to tick off. Call after showing the notes. */
void       ref_import_notes_show_confidence_notes (RefImportNotes *self, GPtrArray *notes);
void       ref_import_notes_hide (RefImportNotes *self);
gboolean   ref_import_notes_get_shown (RefImportNotes *self);

G_END_DECLS
