/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * RefSearchBar: finding agenda items by what they say: number, title, case number,
 * section headings and texts, the recommendation and the decisions (votes and
 * statements included), case-insensitively. It provides the filter for the agenda
 * list; "search-mode-enabled" shows or hides it.
 */
#define REF_TYPE_SEARCH_BAR (ref_search_bar_get_type ())
G_DECLARE_FINAL_TYPE (RefSearchBar, ref_search_bar, REF, SEARCH_BAR, GtkWidget)

GtkWidget *ref_search_bar_new (void);
/* (transfer none): a filter of RefAgendaItem that follows the query. */
GtkFilter *ref_search_bar_get_filter (RefSearchBar *self);
void       ref_search_bar_set_query (RefSearchBar *self, const char *query);
/* Shows the bar and puts the keyboard in it. */
void       ref_search_bar_start (RefSearchBar *self);

G_END_DECLS
