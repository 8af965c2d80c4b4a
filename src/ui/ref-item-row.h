/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-model.h"

G_BEGIN_DECLS

#define REF_TYPE_ITEM_ROW (ref_item_row_get_type ())
G_DECLARE_FINAL_TYPE (RefItemRow, ref_item_row, REF, ITEM_ROW, GtkWidget)

GtkWidget     *ref_item_row_new (void);
RefAgendaItem *ref_item_row_get_item (RefItemRow *self);
void           ref_item_row_set_item (RefItemRow *self, RefAgendaItem *item);
/* "Decided" or "No decision", as the badge shows it. */
const char    *ref_item_row_get_status (RefItemRow *self);

G_END_DECLS
