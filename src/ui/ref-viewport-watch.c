/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ref-viewport-watch.h"

static void
disconnect_adjustment (RefViewportWatch *watch)
{
  if (watch->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (watch->vadjustment, watch);
  g_clear_object (&watch->vadjustment);
}

static void
on_adjustment_changed (GtkAdjustment *adjustment, RefViewportWatch *watch)
{
  gtk_widget_queue_draw (watch->widget);
}

static void
connect_adjustment (RefViewportWatch *watch)
{
  GtkAdjustment *adjustment = watch->scrolled ? gtk_scrolled_window_get_vadjustment (watch->scrolled) : NULL;

  if (adjustment == watch->vadjustment)
    return;
  disconnect_adjustment (watch);
  if (adjustment == NULL)
    return;
  watch->vadjustment = g_object_ref (adjustment);
  /* "value-changed": scrolled; "changed": the page size (the window's height) or the
   * content's height changed. */
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), watch);
  g_signal_connect (adjustment, "changed", G_CALLBACK (on_adjustment_changed), watch);
}

/* The scrolled window may get another adjustment while we are in it. */
static void
on_vadjustment_notify (GtkScrolledWindow *scrolled, GParamSpec *pspec, RefViewportWatch *watch)
{
  connect_adjustment (watch);
  gtk_widget_queue_draw (watch->widget);
}

void
ref_viewport_watch_root (RefViewportWatch *watch, GtkWidget *widget)
{
  GtkWidget *scrolled;

  watch->widget = widget;
  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return;
  watch->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  g_signal_connect (scrolled, "notify::vadjustment", G_CALLBACK (on_vadjustment_notify), watch);
  connect_adjustment (watch);
}

void
ref_viewport_watch_unroot (RefViewportWatch *watch)
{
  disconnect_adjustment (watch);
  if (watch->scrolled != NULL)
    g_signal_handlers_disconnect_by_data (watch->scrolled, watch);
  watch->scrolled = NULL;
}

gboolean
ref_viewport_watch_get_visible (RefViewportWatch *watch, graphene_rect_t *visible)
{
  if (watch->scrolled == NULL)
    return FALSE;
  return gtk_widget_compute_bounds (GTK_WIDGET (watch->scrolled), watch->widget, visible);
}

/* ---- culling a render node ---- */

static GskRenderNode *
cull_container (GskRenderNode *node, const graphene_rect_t *visible)
{
  guint n = gsk_container_node_get_n_children (node), kept = 0;
  g_autofree GskRenderNode **children = g_new (GskRenderNode *, MAX (n, 1));
  gboolean changed = FALSE;
  GskRenderNode *result;

  for (guint i = 0; i < n; i++)
    {
      GskRenderNode *child = gsk_container_node_get_child (node, i);
      GskRenderNode *culled = ref_render_node_cull (child, visible);

      changed |= culled != child;
      if (culled != NULL)
        children[kept++] = culled;
    }
  if (!changed)
    result = gsk_render_node_ref (node);
  else
    result = kept > 0 ? gsk_container_node_new (children, kept) : NULL;
  for (guint i = 0; i < kept; i++)
    gsk_render_node_unref (children[i]);
  return result;
}

static GskRenderNode *
cull_transform (GskRenderNode *node, const graphene_rect_t *visible)
{
  GskTransform *transform = gsk_transform_node_get_transform (node);
  GskRenderNode *child = gsk_transform_node_get_child (node);
  graphene_rect_t moved;
  GskRenderNode *culled, *result;
  float dx, dy;

  /* Only translations are followed (what GtkTextView and boxes make); anything else
   * is drawn as it is. */
  if (gsk_transform_get_category (transform) < GSK_TRANSFORM_CATEGORY_2D_TRANSLATE)
    return gsk_render_node_ref (node);
  gsk_transform_to_translate (transform, &dx, &dy);
  graphene_rect_offset_r (visible, -dx, -dy, &moved);
  culled = ref_render_node_cull (child, &moved);
  if (culled == child)
    result = gsk_render_node_ref (node);
  else
    result = culled != NULL ? gsk_transform_node_new (culled, transform) : NULL;
  g_clear_pointer (&culled, gsk_render_node_unref);
  return result;
}

static GskRenderNode *
cull_clip (GskRenderNode *node, const graphene_rect_t *visible)
{
  GskRenderNode *child = gsk_clip_node_get_child (node);
  GskRenderNode *culled = ref_render_node_cull (child, visible);
  GskRenderNode *result;

  if (culled == child)
    result = gsk_render_node_ref (node);
  else
    result = culled != NULL ? gsk_clip_node_new (culled, gsk_clip_node_get_clip (node)) : NULL;
  g_clear_pointer (&culled, gsk_render_node_unref);
  return result;
}

GskRenderNode *
ref_render_node_cull (GskRenderNode *node, const graphene_rect_t *visible)
{
  graphene_rect_t bounds;

  gsk_render_node_get_bounds (node, &bounds);
  if (!graphene_rect_intersection (&bounds, visible, NULL))
    return NULL;
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      return cull_container (node, visible);
    case GSK_TRANSFORM_NODE:
      return cull_transform (node, visible);
    case GSK_CLIP_NODE:
      return cull_clip (node, visible);
    default:
      return gsk_render_node_ref (node);
    }
}
