/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-text-editor.h"

G_BEGIN_DECLS

/*
 * RefFormatBar: the formatting toolbar above a structured text field: bold, italic,
 * underline, bulleted and numbered list, table, link. Its toggles show the state at
 * the cursor and apply to the selection (or to what is typed next). Its buttons do
 * not take the keyboard focus, so the text keeps its cursor and selection; every
 * command also has a shortcut, named in the tooltip.
 */
#define REF_TYPE_FORMAT_BAR (ref_format_bar_get_type ())
G_DECLARE_FINAL_TYPE (RefFormatBar, ref_format_bar, REF, FORMAT_BAR, GtkWidget)

GtkWidget     *ref_format_bar_new (void);
RefTextEditor *ref_format_bar_get_editor (RefFormatBar *self);
void           ref_format_bar_set_editor (RefFormatBar *self, RefTextEditor *editor);
/* Opens the link address popover (Ctrl+K in the editor). */
void           ref_format_bar_edit_link (RefFormatBar *self);

G_END_DECLS
