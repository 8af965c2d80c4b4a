/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ref-culling-box.h"
#include "ref-viewport-watch.h"

/* A GtkBox for the long content of a scrolled page that draws only the children
 * that show in the scrolled window around it (see ref-viewport-watch.h for why). */
struct _RefCullingBox
{
  GtkBox parent_instance;

  RefViewportWatch watch;
};

G_DEFINE_FINAL_TYPE (RefCullingBox, ref_culling_box, GTK_TYPE_BOX)

static void
ref_culling_box_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ref_culling_box_parent_class)->root (widget);
  ref_viewport_watch_root (&REF_CULLING_BOX (widget)->watch, widget);
}

static void
ref_culling_box_unroot (GtkWidget *widget)
{
  ref_viewport_watch_unroot (&REF_CULLING_BOX (widget)->watch);
  GTK_WIDGET_CLASS (ref_culling_box_parent_class)->unroot (widget);
}

static void
ref_culling_box_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  graphene_rect_t visible;
  gboolean cull = ref_viewport_watch_get_visible (&REF_CULLING_BOX (widget)->watch, &visible);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      /* A child's bounds leave out what it draws beyond its allocation (a focus
       * ring, a shadow): a margin keeps those of a child at the edge. */
      if (cull && gtk_widget_compute_bounds (child, widget, &bounds)
          && !graphene_rect_intersection (&visible, &GRAPHENE_RECT_INIT (bounds.origin.x - 16, bounds.origin.y - 16,
                                                                            bounds.size.width + 32,
                                                                            bounds.size.height + 32),
                                          NULL))
        continue;
      gtk_widget_snapshot_child (widget, child, snapshot);
    }
}

static void
ref_culling_box_dispose (GObject *object)
{
  ref_viewport_watch_unroot (&REF_CULLING_BOX (object)->watch);
  G_OBJECT_CLASS (ref_culling_box_parent_class)->dispose (object);
}

static void
ref_culling_box_class_init (RefCullingBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_culling_box_dispose;
  widget_class->root = ref_culling_box_root;
  widget_class->unroot = ref_culling_box_unroot;
  widget_class->snapshot = ref_culling_box_snapshot;
}

static void
ref_culling_box_init (RefCullingBox *self)
{
}

GtkWidget *
ref_culling_box_new (GtkOrientation orientation, int spacing)
{
  return g_object_new (REF_TYPE_CULLING_BOX, "orientation", orientation, "spacing", spacing, NULL);
}
