/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

/* Helpers for tests and benchmarks that look at what GTK draws and at the main loop. */

/* Calls @func for @node and every node below it, with the translation to that node
 * (@dx, @dy: plus the translations above it). A transform that is more than a
 * translation (a spinner's rotation) adds nothing: positions under it are not
 * exact, which is fine for checks that do not look at them. */
typedef void (*RefTestNodeFunc) (GskRenderNode *node, float dx, float dy, gpointer data);

static inline void
ref_test_walk_render_nodes (GskRenderNode *node, float dx, float dy, RefTestNodeFunc func, gpointer data)
{
  GskRenderNode *child = NULL;

  func (node, dx, dy, data);
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        ref_test_walk_render_nodes (gsk_container_node_get_child (node, i), dx, dy, func, data);
      return;
    case GSK_TRANSFORM_NODE:
      {
        float tx = 0, ty = 0;

        if (gsk_transform_get_category (gsk_transform_node_get_transform (node)) >= GSK_TRANSFORM_CATEGORY_2D_TRANSLATE)
          gsk_transform_to_translate (gsk_transform_node_get_transform (node), &tx, &ty);
        ref_test_walk_render_nodes (gsk_transform_node_get_child (node), dx + tx, dy + ty, func, data);
      }
      return;
    case GSK_OPACITY_NODE:
      child = gsk_opacity_node_get_child (node);
      break;
    case GSK_CLIP_NODE:
      child = gsk_clip_node_get_child (node);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      child = gsk_rounded_clip_node_get_child (node);
      break;
    case GSK_COLOR_MATRIX_NODE:
      child = gsk_color_matrix_node_get_child (node);
      break;
    case GSK_REPEAT_NODE:
      child = gsk_repeat_node_get_child (node);
      break;
    case GSK_SHADOW_NODE:
      child = gsk_shadow_node_get_child (node);
      break;
    case GSK_DEBUG_NODE:
      child = gsk_debug_node_get_child (node);
      break;
    default:
      return;
    }
  ref_test_walk_render_nodes (child, dx, dy, func, data);
}

/* The time the main loop has sat blocked in poll () (waiting for the display's next
 * tick or for anything to do) since ref_test_poll_timer_install (): what is not work. */
static gint64 ref_test_poll_blocked_usec;
static GPollFunc ref_test_default_poll;

static inline gint
ref_test_timed_poll (GPollFD *fds, guint nfds, gint timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint result = ref_test_default_poll (fds, nfds, timeout);

  ref_test_poll_blocked_usec += g_get_monotonic_time () - start;
  return result;
}

static inline void
ref_test_poll_timer_install (void)
{
  if (ref_test_default_poll == NULL)
    {
      ref_test_default_poll = g_main_context_get_poll_func (NULL);
      g_main_context_set_poll_func (NULL, ref_test_timed_poll);
    }
}

static inline void
ref_test_poll_timer_remove (void)
{
  if (ref_test_default_poll != NULL)
    {
      g_main_context_set_poll_func (NULL, ref_test_default_poll);
      ref_test_default_poll = NULL;
    }
}
