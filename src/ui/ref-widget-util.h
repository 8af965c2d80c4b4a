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

/* A range of a buffer that grows until it is cleared, as two marks: the start's
 * gravity is left and the end's right, so text inserted at either edge lands inside
 * it. *@start and *@end are NULL while the range is empty. */
static inline void
ref_text_range_widen (GtkTextBuffer *buffer, GtkTextMark **start, GtkTextMark **end, const GtkTextIter *from,
                      const GtkTextIter *to)
{
  GtkTextIter old;

  if (*start == NULL)
    {
      *start = gtk_text_buffer_create_mark (buffer, NULL, from, TRUE);
      *end = gtk_text_buffer_create_mark (buffer, NULL, to, FALSE);
      return;
    }
  gtk_text_buffer_get_iter_at_mark (buffer, &old, *start);
  if (gtk_text_iter_compare (from, &old) < 0)
    gtk_text_buffer_move_mark (buffer, *start, from);
  gtk_text_buffer_get_iter_at_mark (buffer, &old, *end);
  if (gtk_text_iter_compare (to, &old) > 0)
    gtk_text_buffer_move_mark (buffer, *end, to);
}

static inline void
ref_text_range_clear (GtkTextBuffer *buffer, GtkTextMark **start, GtkTextMark **end)
{
  if (*start == NULL)
    return;
  gtk_text_buffer_delete_mark (buffer, *start);
  gtk_text_buffer_delete_mark (buffer, *end);
  *start = *end = NULL;
}

G_END_DECLS
