/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * RefSearchWindow: searching the archive (Ctrl+Shift+F). A search entry, the filters
 * as chips under it (committee, dates, case number, kind, outcome, and open or closed
 * with an internal index), the results best first with the matched words in bold,
 * and the progress of indexing while it runs. Activating a result opens its meeting
 * at the item ("open-item").
 *
 * The filters are properties ("committee", "from", "to", "case-number", "kind",
 * "outcome", "access"; empty for none), also set by the window's actions
 * ("search.committee" … with a string; "search.clear-filter" with a property's name).
 */
#define REF_TYPE_SEARCH_WINDOW (ref_search_window_get_type ())
G_DECLARE_FINAL_TYPE (RefSearchWindow, ref_search_window, REF, SEARCH_WINDOW, AdwWindow)

RefSearchWindow *ref_search_window_new (GtkApplication *app);

void        ref_search_window_set_text (RefSearchWindow *self, const char *text);
/* Whether a search is running. */
gboolean    ref_search_window_get_searching (RefSearchWindow *self);
/* The results shown. */
guint       ref_search_window_get_n_results (RefSearchWindow *self);
GtkWidget  *ref_search_window_get_result_row (RefSearchWindow *self, guint index);
/* The page shown: "start", "results", "empty", "no-archive", "error". */
const char *ref_search_window_get_page (RefSearchWindow *self);

G_END_DECLS
