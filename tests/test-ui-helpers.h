/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <string.h>

#include "ref-application.h"
#include "ref-window.h"
#include "ref-xml.h"

/* Helpers shared by the headless widget tests (ui suite). */

/* Runs what is pending in the main loop (layout, idle callbacks), at most 50 steps. */
static inline void
ref_test_iterate (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* A presented window on @meeting. */
static inline RefWindow *
ref_test_open_meeting (RefMeeting *meeting)
{
  RefWindow *window = ref_window_new (NULL, meeting, NULL);

  gtk_window_present (GTK_WINDOW (window));
  ref_test_iterate ();
  return window;
}

/* A presented window on the built-in sample meeting. */
static inline RefWindow *
ref_test_open_sample (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);

  g_assert_no_error (error);
  return ref_test_open_meeting (meeting);
}

/* Closes @window without the unsaved-changes prompt. */
static inline void
ref_test_close_window (RefWindow *window)
{
  ref_history_mark_clean (ref_meeting_get_history (ref_window_get_meeting (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  ref_test_iterate ();
}

/* The first text view below @root whose text contains @needle. */
static inline GtkWidget *
ref_test_find_text_view_with (GtkWidget *root, const char *needle)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_TEXT_VIEW (c))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (c));
          GtkTextIter start, end;
          g_autofree char *text = NULL;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
          if (strstr (text, needle) != NULL)
            return c;
        }
      if ((found = ref_test_find_text_view_with (c, needle)))
        return found;
    }
  return NULL;
}

/* The first widget below @root of @type, and with the row title @title unless that
 * is NULL. */
static inline GtkWidget *
ref_test_find_widget (GtkWidget *root, GType type, const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type)
          && (title == NULL
              || (ADW_IS_PREFERENCES_ROW (c)
                  && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)))
        return c;
      if ((found = ref_test_find_widget (c, type, title)))
        return found;
    }
  return NULL;
}

/* A widget below @root by its GtkBuilder id, bound as a template child or not. */
static inline GtkWidget *
ref_test_find_by_id (GtkWidget *root, const char *id)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (c)), id) == 0)
        return c;
      if ((found = ref_test_find_by_id (c, id)))
        return found;
    }
  return NULL;
}

/* The first visible message dialog among the toplevels (transient for @parent, if not
 * NULL). The toplevel list keeps it alive. */
static inline AdwMessageDialog *
ref_test_find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && (parent == NULL || gtk_window_get_transient_for (GTK_WINDOW (w)) == parent))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* Renders @widget's native surface to a PNG at @path (when @path is set): the
 * README's screenshots, made by the tests with REFERENT_SCREENSHOT_DIR set. */
static inline void
ref_test_render_native (GtkWidget *widget, const char *path)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GtkWidget *root = GTK_WIDGET (native);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (root);
  g_autoptr (GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (root), height = gtk_widget_get_height (root);

  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  if (path != NULL)
    {
      g_autoptr (GdkTexture) texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                                                    &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
}

/* The application, registered (non-unique) once per test program, so that windows
 * opened in it have the application's keyboard shortcuts (Ctrl+Z, Ctrl+Shift+O …). */
static inline RefApplication *
ref_test_app (void)
{
  static RefApplication *app;

  if (app == NULL)
    {
      g_autoptr (GError) error = NULL;

      app = ref_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

/* A presented window of the application on the built-in sample meeting. */
static inline RefWindow *
ref_test_open_sample_in_app (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  RefWindow *window;

  g_assert_no_error (error);
  window = ref_window_new (ref_test_app (), meeting, NULL);
  gtk_window_present (GTK_WINDOW (window));
  ref_test_iterate ();
  return window;
}

/* The first label below @root (popovers included) showing @text. */
static inline GtkWidget *
ref_test_find_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0 && gtk_widget_get_mapped (c))
        return c;
      if ((found = ref_test_find_label (c, text)))
        return found;
    }
  return NULL;
}

/* The first widget below @root whose tooltip is @tooltip (icon buttons). */
static inline GtkWidget *
ref_test_find_tooltip (GtkWidget *root, const char *tooltip)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (c), tooltip) == 0)
        return c;
      if ((found = ref_test_find_tooltip (c, tooltip)))
        return found;
    }
  return NULL;
}

/* The first widget below @root with the widget name @name (gtk_widget_set_name). */
static inline GtkWidget *
ref_test_find_by_name (GtkWidget *root, const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (c), name) == 0)
        return c;
      if ((found = ref_test_find_by_name (c, name)))
        return found;
    }
  return NULL;
}
