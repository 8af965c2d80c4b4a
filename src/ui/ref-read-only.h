/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Making an editor read-only while the minutes are locked for approval, without
 * taking away what reading needs: text stays selectable and scrollable (text views
 * and entries become non-editable, not insensitive), and only the controls that
 * change content (switches, check buttons, drop-downs, spin buttons, menu buttons,
 * buttons without an action) become insensitive. Buttons with an action are left to
 * their action, which the owner disables.
 *
 * Only what this function itself changed is changed back: a control that was
 * insensitive for another reason stays so after unlocking. Call it again after
 * rebuilding a part of @root, so that new widgets follow.
 */
void ref_read_only_apply (GtkWidget *root, gboolean read_only);

G_END_DECLS
