/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For dispose () of a widget built from a template whose direct children include
 * some without an id: gtk_widget_dispose_template () unparents only the bound ones. */
static inline void
ref_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* Whether any of [@start, @end) has @tag. Removing a tag that is not there still costs
 * GtkTextBuffer a walk of the range, and a relayout of its lines: callers check first. */
static inline gboolean
ref_text_range_touches_tag (const GtkTextIter *start, const GtkTextIter *end, GtkTextTag *tag)
{
  GtkTextIter toggle = *start;

  return gtk_text_iter_has_tag (start, tag)
         || (gtk_text_iter_forward_to_tag_toggle (&toggle, tag) && gtk_text_iter_compare (&toggle, end) < 0);
}

G_END_DECLS
