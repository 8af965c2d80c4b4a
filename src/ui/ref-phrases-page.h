/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* RefPhrasesPage: the Preferences page of what Referent writes with: the standard
 * decision phrases (order, wording and outcome of each) and spell checking. Edits are
 * saved to @settings as they are made. */
#define REF_TYPE_PHRASES_PAGE (ref_phrases_page_get_type ())
G_DECLARE_FINAL_TYPE (RefPhrasesPage, ref_phrases_page, REF, PHRASES_PAGE, AdwPreferencesPage)

GtkWidget *ref_phrases_page_new (GSettings *settings);

/* The entry row of the @index-th phrase, for tests. (transfer none) (nullable) */
AdwEntryRow *ref_phrases_page_get_row (RefPhrasesPage *self, guint index);

G_END_DECLS
