/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "ref-culling-box.h"
#include "ref-text-editor.h"
#include "test-input.h"

/* RefCullingBox: a keystroke in an editor at the top of a long scrolled page draws
 * none of the page's children scrolled out of view, and a child scrolled into view
 * is drawn. */

#define N_PROBES 20
#define PROBE_HEIGHT 100

/* A child that counts how often GTK asks it for its render node. */
#define TEST_TYPE_PROBE (test_probe_get_type ())
G_DECLARE_FINAL_TYPE (TestProbe, test_probe, TEST, PROBE, GtkWidget)

struct _TestProbe
{
  GtkWidget parent_instance;
  guint snapshots;
};

G_DEFINE_FINAL_TYPE (TestProbe, test_probe, GTK_TYPE_WIDGET)

static void
test_probe_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  GdkRGBA grey = { 0.5, 0.5, 0.5, 1 };

  TEST_PROBE (widget)->snapshots++;
  gtk_snapshot_append_color (snapshot, &grey,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)));
}

static void
test_probe_class_init (TestProbeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = test_probe_snapshot;
}

static void
test_probe_init (TestProbe *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, PROBE_HEIGHT);
}

static void
on_after_paint (GdkFrameClock *clock, guint *frames)
{
  (*frames)++;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @window painted a frame, or 2 s passed. */
static void
wait_for_frame (GtkWidget *window, guint *frames)
{
  guint before = *frames;
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (2000, on_timeout, &timed_out);

  while (*frames == before && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  /* Whatever else is pending (a second frame the first one asked for). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A window of @width × 300 pixels showing @box in a vertically scrolled window,
 * presented; counts its painted frames in *frames. */
static GtkWidget *
present_scrolled (GtkWidget *box, int width, GtkWidget **scrolled, guint *frames)
{
  GtkWidget *window = gtk_window_new ();

  *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (*scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (*scrolled), box);
  gtk_window_set_child (GTK_WINDOW (window), *scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 300);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), frames);
  return window;
}

static void
test_typing_draws_only_visible (void)
{
  GtkWidget *window, *scrolled, *box, *editor;
  TestProbe *probes[N_PROBES];
  GtkAdjustment *vadjustment;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  GdkFrameClock *clock;
  guint frames = 0;

  REQUIRE_INPUT ();
  box = ref_culling_box_new (GTK_ORIENTATION_VERTICAL, 6);
  editor = gtk_text_view_new ();
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  gtk_box_append (GTK_BOX (box), editor);
  for (int i = 0; i < N_PROBES; i++)
    {
      probes[i] = g_object_new (TEST_TYPE_PROBE, NULL);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (probes[i]));
    }
  window = present_scrolled (box, 400, &scrolled, &frames);
  clock = gtk_widget_get_frame_clock (window);
  wait_for_frame (window, &frames);
  gtk_widget_grab_focus (editor);
  ref_input_focus_window (GTK_WINDOW (window));
  wait_for_frame (window, &frames);

  /* Real key presses, each waited for until its frame is painted. */
  for (const char *p = "Udvalget godkendte"; *p; p++)
    {
      char key[2] = { *p, 0 };

      ref_input_type (key);
      wait_for_frame (window, &frames);
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Udvalget godkendte");
  /* The first probe shows (just below the editor); the last ones are far below the
   * 300 pixels of the window. */
  g_assert_cmpuint (probes[0]->snapshots, >, 0);
  for (int i = 5; i < N_PROBES; i++)
    g_assert_cmpuint (probes[i]->snapshots, ==, 0);

  /* Scrolled to the end: the last probe is drawn (its cached absence must not
   * outlive the scroll). */
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  wait_for_frame (window, &frames);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  g_assert_cmpuint (probes[N_PROBES - 1]->snapshots, >, 0);

  g_signal_handlers_disconnect_by_data (clock, &frames);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Outside a scrolled window nothing is left out. */
static void
test_without_scrolled_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = ref_culling_box_new (GTK_ORIENTATION_VERTICAL, 0);
  TestProbe *probe = g_object_new (TEST_TYPE_PROBE, NULL);
  guint frames = 0;
  GdkFrameClock *clock;

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (probe));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);
  wait_for_frame (window, &frames);
  g_assert_cmpuint (probe->snapshots, >, 0);
  g_signal_handlers_disconnect_by_data (clock, &frames);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* How many text nodes @node holds (one per laid-out line of text). */
static guint
count_text_nodes (GskRenderNode *node)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return 1;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_text_nodes (gsk_container_node_get_child (node, i));
      return n;
    case GSK_TRANSFORM_NODE:
      return count_text_nodes (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return count_text_nodes (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return count_text_nodes (gsk_rounded_clip_node_get_child (node));
    case GSK_OPACITY_NODE:
      return count_text_nodes (gsk_opacity_node_get_child (node));
    case GSK_DEBUG_NODE:
      return count_text_nodes (gsk_debug_node_get_child (node));
    default:
      return 0;
    }
}

/* What @widget shows now, as drawn from the render nodes GTK keeps for it. */
static GskRenderNode *
render_node_of (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

/* Dark pixels (text) in what @widget shows, rendered with the cairo renderer. */
static guint
count_dark_pixels (GtkWidget *widget)
{
  g_autoptr (GskRenderNode) node = render_node_of (widget);
  g_autoptr (GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree guchar *data = g_malloc (width * height * 4);
  guint dark = 0;

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, width * 4);
  for (int i = 0; i < width * height; i++)
    /* Cairo's ARGB32, little-endian: B, G, R, A. */
    if (data[4 * i + 3] > 200 && data[4 * i] < 100 && data[4 * i + 1] < 100 && data[4 * i + 2] < 100)
      dark++;
  gsk_renderer_unrealize (renderer);
  return dark;
}

/* A text field taller than the page (a section of thousands of words) keeps only the
 * lines the page shows in its render node, and draws the lines that scroll into view. */
static void
test_long_editor_draws_visible_lines (void)
{
  GtkWidget *window, *scrolled, *box, *editor;
  GtkAdjustment *vadjustment;
  g_autoptr (GString) plain = g_string_new (NULL);
  g_autoptr (RefText) text = NULL;
  GdkFrameClock *clock;
  guint frames = 0, lines_shown, dark_top, dark_bottom;

  for (int i = 1; i <= 120; i++)
    g_string_append_printf (plain, "%sLinje %d i en lang sagsfremstilling", i > 1 ? "\n\n" : "", i);
  text = ref_text_new_from_plain (plain->str);
  box = ref_culling_box_new (GTK_ORIENTATION_VERTICAL, 6);
  editor = ref_text_editor_new ();
  ref_text_editor_set_text (REF_TEXT_EDITOR (editor), text);
  gtk_box_append (GTK_BOX (box), editor);
  window = present_scrolled (box, 500, &scrolled, &frames);
  clock = gtk_widget_get_frame_clock (window);
  /* The field grows to its text over a few layouts. */
  for (int i = 0; i < 10; i++)
    wait_for_frame (window, &frames);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, 2000);

  /* 300 pixels show some 15 of the 120 paragraphs. */
  {
    g_autoptr (GskRenderNode) node = render_node_of (editor);
    lines_shown = count_text_nodes (node);
  }
  g_test_message ("text nodes at the top: %u", lines_shown);
  g_assert_cmpuint (lines_shown, >, 0);
  g_assert_cmpuint (lines_shown, <, 40);
  dark_top = count_dark_pixels (scrolled);
  g_assert_cmpuint (dark_top, >, 100);

  /* Scrolled to the end, the last paragraphs are drawn: the node kept from before
   * the scroll (without them) is not reused. */
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  wait_for_frame (window, &frames);
  dark_bottom = count_dark_pixels (scrolled);
  g_test_message ("dark pixels at the top %u, at the end %u", dark_top, dark_bottom);
  g_assert_cmpuint (dark_bottom, >, dark_top / 2);
  {
    g_autoptr (GskRenderNode) node = render_node_of (editor);
    g_assert_cmpuint (count_text_nodes (node), >, 0);
    g_assert_cmpuint (count_text_nodes (node), <, 40);
  }

  g_signal_handlers_disconnect_by_data (clock, &frames);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/culling-box/typing-draws-only-visible", test_typing_draws_only_visible);
  g_test_add_func ("/culling-box/without-scrolled-window", test_without_scrolled_window);
  g_test_add_func ("/culling-box/long-editor-draws-visible-lines", test_long_editor_draws_visible_lines);
  return g_test_run ();
}
