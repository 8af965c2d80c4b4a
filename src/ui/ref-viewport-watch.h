/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Drawing only what a scrolled window shows.
 *
 * GTK 4.8's cairo renderer (what a desktop without GL uses) walks the whole render
 * tree on every frame and leaves it to cairo to clip each text run to the damaged
 * region, so a keystroke pays for drawing every line of a long page or field, most of
 * it scrolled out of view. A widget that leaves what is out of view out of its render
 * node must draw again when the view scrolls: scrolling moves it without asking it to
 * draw (its cached node, missing what scrolls in, would be reused).
 *
 * RefViewportWatch follows the scrolled window around a widget (from root to unroot)
 * and queues a redraw of the widget whenever the scroll position, the visible size or
 * the content's height changes.
 */
typedef struct {
  GtkWidget *widget;           /* unowned: the widget that embeds this */
  GtkScrolledWindow *scrolled; /* unowned: an ancestor while the widget is rooted */
  GtkAdjustment *vadjustment;  /* owned while connected */
} RefViewportWatch;

/* From the widget's root and unroot vfuncs (unroot also from dispose). */
void      ref_viewport_watch_root (RefViewportWatch *watch, GtkWidget *widget);
void      ref_viewport_watch_unroot (RefViewportWatch *watch);

/* The part of the widget that the scrolled window shows, in the widget's
 * coordinates; FALSE when there is no scrolled window around it (then everything is
 * to be drawn). */
gboolean  ref_viewport_watch_get_visible (RefViewportWatch *watch, graphene_rect_t *visible);

/* @node without the parts that lie wholly outside @visible (in @node's coordinates):
 * children of containers are left out, through translations and clips. Returns a new
 * reference (@node itself when nothing was left out), or NULL when nothing is left. */
GskRenderNode *ref_render_node_cull (GskRenderNode *node, const graphene_rect_t *visible);

G_END_DECLS
