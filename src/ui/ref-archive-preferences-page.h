/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * RefArchivePreferencesPage: the archive's settings, as a page a preferences window
 * includes: the archive folder, whether closed items are indexed, how the index
 * stands (with progress while it is updated) and where it is kept.
 */
#define REF_TYPE_ARCHIVE_PREFERENCES_PAGE (ref_archive_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (RefArchivePreferencesPage, ref_archive_preferences_page, REF, ARCHIVE_PREFERENCES_PAGE,
                      AdwPreferencesPage)

GtkWidget *ref_archive_preferences_page_new (void);

/* What choosing a folder in the file chooser ends in. */
void       ref_archive_preferences_page_choose_folder (RefArchivePreferencesPage *self, GFile *folder);

G_END_DECLS
