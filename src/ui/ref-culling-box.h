/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REF_TYPE_CULLING_BOX (ref_culling_box_get_type ())
G_DECLARE_FINAL_TYPE (RefCullingBox, ref_culling_box, REF, CULLING_BOX, GtkBox)

GtkWidget *ref_culling_box_new (GtkOrientation orientation, int spacing);

G_END_DECLS
