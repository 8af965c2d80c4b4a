/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ref-culling-box.h"

/* A GtkBox for the long content of a scrolled page that draws only the children
 * that show in the scrolled window around it.
 *
 * GTK 4.8's cairo renderer (what a desktop without GL uses) walks the whole render
 * tree on every frame and leaves it to cairo to clip each text run and border to the
 * damaged region: a keystroke that changes one line pays for drawing the whole item
 * page, most of it scrolled out of view. Children outside the visible area are left
 * out of this box's render node instead. Scrolling moves this box without asking it
 * to draw again (its cached node would be reused, missing the children that scroll
 * in), so it redraws when the scroll position or the visible size changes. */
struct _RefCullingBox
{
  GtkBox parent_instance;

  GtkScrolledWindow *scrolled; /* unowned: an ancestor while we are rooted */
  GtkAdjustment *vadjustment;  /* owned while connected */
};

G_DEFINE_FINAL_TYPE (RefCullingBox, ref_culling_box, GTK_TYPE_BOX)

static void
disconnect_adjustment (RefCullingBox *self)
{
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
}

static void
on_adjustment_changed (GtkAdjustment *adjustment, RefCullingBox *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
connect_adjustment (RefCullingBox *self)
{
  GtkAdjustment *adjustment = self->scrolled ? gtk_scrolled_window_get_vadjustment (self->scrolled) : NULL;

  if (adjustment == self->vadjustment)
    return;
  disconnect_adjustment (self);
  if (adjustment == NULL)
    return;
  self->vadjustment = g_object_ref (adjustment);
  /* "value-changed": scrolled; "changed": the page size (the window's height) or the
   * content's height changed. */
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect (adjustment, "changed", G_CALLBACK (on_adjustment_changed), self);
}

/* The scrolled window may get another adjustment while we are in it. */
static void
on_vadjustment_notify (GtkScrolledWindow *scrolled, GParamSpec *pspec, RefCullingBox *self)
{
  connect_adjustment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Stops following the scrolled window (unrooted or disposed). */
static void
forget_scrolled (RefCullingBox *self)
{
  disconnect_adjustment (self);
  if (self->scrolled != NULL)
    g_signal_handlers_disconnect_by_data (self->scrolled, self);
  self->scrolled = NULL;
}

static void
ref_culling_box_root (GtkWidget *widget)
{
  RefCullingBox *self = REF_CULLING_BOX (widget);
  GtkWidget *scrolled;

  GTK_WIDGET_CLASS (ref_culling_box_parent_class)->root (widget);
  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return;
  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  g_signal_connect (scrolled, "notify::vadjustment", G_CALLBACK (on_vadjustment_notify), self);
  connect_adjustment (self);
}

static void
ref_culling_box_unroot (GtkWidget *widget)
{
  RefCullingBox *self = REF_CULLING_BOX (widget);

  forget_scrolled (self);
  GTK_WIDGET_CLASS (ref_culling_box_parent_class)->unroot (widget);
}

/* The part of this box that the scrolled window shows, in the box's coordinates;
 * FALSE when there is no scrolled window around it (then everything is drawn). */
static gboolean
get_visible_rect (RefCullingBox *self, graphene_rect_t *visible)
{
  if (self->scrolled == NULL)
    return FALSE;
  return gtk_widget_compute_bounds (GTK_WIDGET (self->scrolled), GTK_WIDGET (self), visible);
}

static void
ref_culling_box_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  graphene_rect_t visible;
  gboolean cull = get_visible_rect (REF_CULLING_BOX (widget), &visible);

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
  RefCullingBox *self = REF_CULLING_BOX (object);

  forget_scrolled (self);
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
