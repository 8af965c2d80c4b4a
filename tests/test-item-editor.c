/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ref-date-button.h"
#include "ref-item-view.h"
#include "ref-meeting-view.h"
#include "ref-text-field.h"
#include "test-input.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

/* The item page and the agenda list, driven with the keyboard and the mouse through
 * the X server: what a new secretary tried and found wrong. */

static void
wait_for_layout (void)
{
  for (int i = 0; i < 15; i++)
    {
      g_usleep (20000);
      ref_test_iterate ();
    }
}

static RefWindow *
open_for_input (int width, int height)
{
  RefWindow *window = ref_test_open_sample_in_app ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  ref_input_focus_window (GTK_WINDOW (window));
  wait_for_layout ();
  return window;
}


static GtkWidget *
item_view (RefWindow *window)
{
  return ref_window_get_item_view (window);
}

/* The item page's scrolled window. */
static GtkWidget *
page_scrolled (RefWindow *window)
{
  return GTK_WIDGET (gtk_widget_get_template_child (item_view (window), REF_TYPE_ITEM_VIEW, "scrolled"));
}

static GtkAdjustment *
page_adjustment (RefWindow *window)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_scrolled (window)));
}

/* The recommendation's lead-in has its own field, "indstiller, at" to start with,
 * and the PDF prints it on one line with who recommends. */
static void
test_recommendation_lead_in (void)
{
  RefWindow *window;
  RefAgendaItem *item;
  RefRecommendation *rec;
  GtkWidget *add, *by, *intro;
  g_autofree char *dir = g_dir_make_tmp ("referent-lead-in-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "referat.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };

  REQUIRE_INPUT ();
  window = open_for_input (1100, 900);
  ref_window_select_item (window, 1); /* item 2, Meddelelser: no recommendation */
  wait_for_layout ();
  item = ref_item_view_get_item (REF_ITEM_VIEW (item_view (window)));
  g_assert_null (ref_agenda_item_get_recommendation (item));
  add = ref_test_find_label (item_view (window), "Add Recommendation");
  g_assert_nonnull (add);
  ref_input_click (add);
  wait_for_layout ();
  rec = ref_agenda_item_get_recommendation (item);
  g_assert_nonnull (rec);
  intro = ref_test_find_by_name (item_view (window), "recommendation-intro");
  g_assert_nonnull (intro);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (intro)), ==, "indstiller, at");
  by = ref_test_find_widget (item_view (window), ADW_TYPE_ENTRY_ROW, "Recommended by");
  g_assert_nonnull (by);
  ref_input_click (by);
  ref_input_type ("Center for Social og Arbejdsmarked");
  g_assert_cmpstr (ref_recommendation_get_by (rec), ==, "Center for Social og Arbejdsmarked");

  ref_window_export_to (window, file, REF_EDITION_PUBLIC);
  REF_INPUT_WAIT_FOR (g_file_test (pdf, G_FILE_TEST_EXISTS));
  wait_for_layout ();
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &text, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, "\nCenter for Social og Arbejdsmarked indstiller, at\n"));
  ref_test_close_window (window);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* A new item (Ctrl+Return) shows from its top, with the keyboard in its title. */
static void
test_new_item_starts_at_title (void)
{
  RefWindow *window;
  GtkAdjustment *adj;
  RefAgendaItem *item;
  guint n;

  REQUIRE_INPUT ();
  window = open_for_input (1100, 800);
  n = ref_meeting_get_n_items (ref_window_get_meeting (window));
  ref_window_select_item (window, 5);
  wait_for_layout ();
  adj = page_adjustment (window);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  wait_for_layout ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 100);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  wait_for_layout ();
  g_assert_cmpuint (ref_meeting_get_n_items (ref_window_get_meeting (window)), ==, n + 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  ref_input_type ("Nyt punkt");
  item = ref_item_view_get_item (REF_ITEM_VIEW (item_view (window)));
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Nyt punkt");
  ref_test_close_window (window);
}

/* The sidebar keeps its width when the committee has a long name. */
static void
test_sidebar_width_stable (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkWidget *sidebar = ref_test_find_by_id (GTK_WIDGET (window), "sidebar");
  int before;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  wait_for_layout ();
  before = gtk_widget_get_width (sidebar);
  ref_meeting_set_committee (ref_window_get_meeting (window),
                             "Udvalget for Beskæftigelse, Integration, Erhverv og Grøn Omstilling");
  wait_for_layout ();
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, before);
  ref_test_close_window (window);
}

/* In the narrow (folded) layout, one click on an item opens it. */
static void
test_narrow_single_click (void)
{
  RefWindow *window;
  AdwLeaflet *leaflet;
  GtkWidget *row;

  REQUIRE_INPUT ();
  window = open_for_input (400, 800);
  leaflet = ADW_LEAFLET (ref_test_find_by_id (GTK_WIDGET (window), "leaflet"));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-list", NULL));
  wait_for_layout ();
  /* The sidebar fills the narrow window. */
  g_assert_cmpint (gtk_widget_get_width (ref_test_find_by_id (GTK_WIDGET (window), "sidebar")), >, 380);
  row = ref_test_find_label (ref_window_get_item_list (window), "Tilsyn på Maglemosen");
  g_assert_nonnull (row);
  ref_input_click (row);
  wait_for_layout ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == ref_test_find_by_id (GTK_WIDGET (window), "content"));
  g_assert_cmpuint (ref_agenda_item_get_number (ref_item_view_get_item (REF_ITEM_VIEW (item_view (window)))), ==, 5);
  ref_test_close_window (window);
}

/* Every text field is as tall as its text, after the window folds and unfolds (the
 * last lines were cut off: GtkTextView reported a height for its old width). */
static void
test_fields_fit_text (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkWidget *sections;
  g_autoptr (GPtrArray) editors = g_ptr_array_new ();
  GPtrArray *todo = g_ptr_array_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1270, 800);
  ref_window_select_item (window, 5);
  wait_for_layout ();
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  wait_for_layout ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-number", "u", 5));
  wait_for_layout ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-number", "u", 6));
  wait_for_layout ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1270, 800);
  wait_for_layout ();
  wait_for_layout ();

  sections = GTK_WIDGET (gtk_widget_get_template_child (item_view (window), REF_TYPE_ITEM_VIEW, "sections_box"));
  g_ptr_array_add (todo, sections);
  while (todo->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);

      if (REF_IS_TEXT_EDITOR (w))
        g_ptr_array_add (editors, w);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_ptr_array_unref (todo);
  g_assert_cmpuint (editors->len, >, 3);
  for (guint i = 0; i < editors->len; i++)
    {
      GtkTextView *view = g_ptr_array_index (editors, i);
      GtkTextIter end;
      int y, height, needed;

      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
      gtk_text_view_get_line_yrange (view, &end, &y, &height);
      needed = y + height + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);
      g_test_message ("field %u: %d px for %d px of text", i, gtk_widget_get_height (GTK_WIDGET (view)), needed);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >=, needed);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), <=, MAX (needed, 48) + 1);
    }
  ref_test_close_window (window);
}

/* The first section editor shown on the item page (breadth first). */
static GtkTextView *
first_section_editor (RefWindow *window)
{
  GtkWidget *sections = GTK_WIDGET (gtk_widget_get_template_child (item_view (window), REF_TYPE_ITEM_VIEW, "sections_box"));
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  GtkTextView *editor = NULL;

  g_ptr_array_add (todo, sections);
  while (todo->len > 0 && editor == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, 0);

      if (REF_IS_TEXT_EDITOR (w) && gtk_widget_get_mapped (w))
        editor = GTK_TEXT_VIEW (w);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_assert_nonnull (editor);
  return editor;
}

/* The cursor's line of @editor lies inside @scrolled's page. */
static void
assert_cursor_in_view (GtkTextView *editor, GtkWidget *scrolled)
{
  GdkRectangle cursor;
  graphene_point_t in, out;
  int x, y;

  gtk_text_view_get_cursor_locations (editor, NULL, &cursor, NULL);
  gtk_text_view_buffer_to_window_coords (editor, GTK_TEXT_WINDOW_WIDGET, cursor.x, cursor.y, &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (editor), scrolled, &in, &out));
  g_test_message ("cursor at y %.0f..%.0f in a page of %d px", out.y, out.y + cursor.height,
                  gtk_widget_get_height (scrolled));
  g_assert_cmpfloat (out.y, >=, 0);
  g_assert_cmpfloat (out.y + cursor.height, <=, gtk_widget_get_height (scrolled));
}

/* Typing past the bottom of the page: the page scrolls along, the cursor stays in view
 * (the fields grow with their text and do not scroll themselves). */
static void
test_typing_keeps_cursor_in_view (void)
{
  RefWindow *window = open_for_input (1000, 600);
  GtkWidget *scrolled = page_scrolled (window);
  GtkTextView *editor;

  ref_window_select_item (window, 5);
  wait_for_layout ();
  editor = first_section_editor (window);
  ref_input_click (GTK_WIDGET (editor));
  wait_for_layout ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (editor)));
  ref_input_key (GDK_KEY_End, GDK_CONTROL_MASK);
  for (int i = 0; i < 40; i++)
    ref_input_type ("Linje\n");
  ref_input_type ("Sidste linje");
  wait_for_layout ();
  assert_cursor_in_view (editor, scrolled);
  /* Moving back up to the start of the field brings it back into view too. */
  ref_input_key (GDK_KEY_Home, GDK_CONTROL_MASK);
  wait_for_layout ();
  assert_cursor_in_view (editor, scrolled);
  ref_test_close_window (window);
}

static void
count_layout (guint *layouts)
{
  (*layouts)++;
}

/* Where the bottom of @editor's last line is in @scrolled's page. */
static double
end_bottom_in_page (GtkTextView *editor, GtkWidget *scrolled)
{
  GtkTextIter end;
  GdkRectangle rect;
  graphene_point_t in, out;
  int x, y;

  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (editor), &end);
  gtk_text_view_get_iter_location (editor, &end, &rect);
  gtk_text_view_buffer_to_window_coords (editor, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y + rect.height, &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (editor), scrolled, &in, &out));
  return out.y;
}

/* Typing on at the end of a paragraph that ends just above the bottom of the page,
 * with no line breaks: a key is checked against the heights GtkTextView kept before
 * it, without a layout, only while the paragraph has two lines to spare
 * (request_reveal_cursor). After every key the cursor is in view, and the page
 * scrolls along. */
static void
test_typing_one_paragraph_keeps_cursor_in_view (void)
{
  RefWindow *window = open_for_input (1000, 600);
  GtkWidget *scrolled = page_scrolled (window);
  GtkAdjustment *adjustment = page_adjustment (window);
  GtkTextBuffer *buffer;
  GtkTextView *editor;
  double start;
  int words = 0, after_scroll = 0;

  ref_window_select_item (window, 5);
  wait_for_layout ();
  editor = first_section_editor (window);
  buffer = gtk_text_view_get_buffer (editor);
  /* Short lines above: the page can scroll the paragraph down to its bottom. */
  for (int i = 0; i < 40; i++)
    {
      GtkTextIter at;

      gtk_text_buffer_get_start_iter (buffer, &at);
      gtk_text_buffer_insert (buffer, &at, "Linje\n", -1);
    }
  wait_for_layout ();
  /* Into its first line, which is in view. */
  ref_input_click_at (GTK_WIDGET (editor), 40, 8);
  wait_for_layout ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (editor)));
  ref_input_key (GDK_KEY_End, GDK_CONTROL_MASK);
  /* A paragraph of its own, short enough to be in view whole. */
  ref_input_key (GDK_KEY_Return, 0);
  wait_for_layout ();
  /* The page scrolled (as with the scroll bar) so that the field ends just inside
   * the margin the editor keeps below the cursor (REVEAL_MARGIN, 12 px): the next
   * line the paragraph wraps into falls below the page unless the page follows. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + end_bottom_in_page (editor, scrolled)
                                            - (gtk_widget_get_height (scrolled) - 13));
  wait_for_layout ();
  g_assert_cmpfloat_with_epsilon (end_bottom_in_page (editor, scrolled), gtk_widget_get_height (scrolled) - 13, 1);
  start = gtk_adjustment_get_value (adjustment);
  while (after_scroll < 3)
    {
      g_assert_cmpint (++words, <, 30);
      for (const char *c = "udvalget godkendte "; *c != '\0'; c++)
        {
          char key[2] = { *c, '\0' };

          ref_input_type (key);
          assert_cursor_in_view (editor, scrolled);
        }
      if (gtk_adjustment_get_value (adjustment) > start)
        after_scroll++;
    }
  /* Well inside the page, a key asks for no layout of the window (a pass over its
   * widgets, and on X11 GDK's round trips for the screen's work area): only a new
   * line of the paragraph does. */
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (editor));
    guint layouts = 0;
    gulong id = g_signal_connect_swapped (clock, "layout", G_CALLBACK (count_layout), &layouts);

    ref_input_type ("udvalget godkendte indstillingen ");
    g_signal_handler_disconnect (clock, id);
    assert_cursor_in_view (editor, scrolled);
    g_test_message ("%u layouts for 33 keys", layouts);
    g_assert_cmpuint (layouts, <=, 6);
  }
  ref_test_close_window (window);
}

/* A click in the middle of a field taller than the page leaves the page where it is
 * (GtkViewport would slide it to the field's start: smoothly with animations, at once
 * without them, as with GNOME's reduced motion), and the cursor where clicked is in
 * view. */
static void
test_click_in_long_field_keeps_page (gconstpointer animated)
{
  RefWindow *window;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  GtkTextView *editor;
  graphene_point_t in, out;
  double before;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", GPOINTER_TO_INT (animated), NULL);
  window = open_for_input (1000, 600);
  scrolled = page_scrolled (window);
  adjustment = page_adjustment (window);

  ref_window_select_item (window, 5);
  wait_for_layout ();
  editor = first_section_editor (window);
  ref_input_click (GTK_WIDGET (editor));
  wait_for_layout ();
  ref_input_key (GDK_KEY_End, GDK_CONTROL_MASK);
  for (int i = 0; i < 60; i++)
    ref_input_type ("Linje\n");
  wait_for_layout ();
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (editor)), >, gtk_widget_get_height (scrolled));

  /* Focus elsewhere; the page shows the middle of the field, its start above. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  in = GRAPHENE_POINT_INIT (0, gtk_widget_get_height (GTK_WIDGET (editor)) / 2.0);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (editor), scrolled, &in, &out));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + out.y - gtk_widget_get_height (scrolled) / 2.0);
  wait_for_layout ();
  before = gtk_adjustment_get_value (adjustment);

  /* A click in the middle of the page, on the field. */
  in = GRAPHENE_POINT_INIT (gtk_widget_get_width (scrolled) / 2.0, gtk_widget_get_height (scrolled) / 2.0);
  g_assert_true (gtk_widget_compute_point (scrolled, GTK_WIDGET (editor), &in, &out));
  ref_input_click_at (GTK_WIDGET (editor), out.x, out.y);
  wait_for_layout ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (editor)));
  g_test_message ("page at %.0f before the click, %.0f after", before, gtk_adjustment_get_value (adjustment));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - before), <, 1);
  assert_cursor_in_view (editor, scrolled);
  ref_test_close_window (window);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Opens a drop-down by a click and clicks the entry called @label. */
static void
choose (GtkWidget *drop_down, const char *label)
{
  GtkWidget *entry;

  REF_INPUT_CLICK_UNTIL (drop_down, (entry = ref_test_find_label (drop_down, label)) != NULL);
  g_assert_nonnull (entry);
  wait_for_layout ();
  ref_input_click (entry);
  wait_for_layout ();
}

static GtkWidget *
comment_row (RefWindow *window)
{
  return ref_test_find_by_name (item_view (window), "add-comment-row");
}

/* Scrolls the item page so that @widget is in view. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t p;

  wait_for_layout ();
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &p));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - gtk_adjustment_get_page_size (adj) / 2);
  wait_for_layout ();
}

/* Comments signed with the name from Preferences (Ctrl+,), about the recommendation
 * or a decision, typed and sent with Enter, one after the other. */
static void
test_comments (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  GListModel *toplevels = gtk_window_get_toplevels ();
  RefWindow *window;
  GtkWindow *preferences = NULL;
  GtkWidget *author, *row;
  RefAgendaItem *item;
  GListModel *comments;
  g_autoptr (RefComment) first = NULL;
  g_autoptr (RefComment) second = NULL;
  g_autoptr (RefComment) third = NULL;

  REQUIRE_INPUT ();
  g_settings_reset (settings, "author-name");
  window = open_for_input (1100, 900);
  ref_input_key (GDK_KEY_comma, GDK_CONTROL_MASK);
  for (int i = 0; i < 250 && preferences == NULL; i++)
    {
      for (guint t = 0; t < g_list_model_get_n_items (toplevels) && preferences == NULL; t++)
        {
          g_autoptr (GObject) w = g_list_model_get_item (toplevels, t);
          if (ADW_IS_PREFERENCES_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
            preferences = GTK_WINDOW (w);
        }
      ref_input_settle (20);
    }
  g_assert_nonnull (preferences);
  ref_input_focus_window (preferences);
  author = ref_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Your name");
  g_assert_nonnull (author);
  ref_input_click (author);
  ref_input_type ("Anna Holm");
  {
    g_autofree char *name = g_settings_get_string (settings, "author-name");
    g_assert_cmpstr (name, ==, "Anna Holm");
  }
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  ref_input_key (GDK_KEY_Escape, 0);
  REF_INPUT_WAIT_FOR (preferences == NULL || !gtk_widget_get_visible (GTK_WIDGET (preferences)));
  g_assert_true (preferences == NULL || !gtk_widget_get_visible (GTK_WIDGET (preferences)));
  if (preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  ref_input_focus_window (GTK_WINDOW (window));

  ref_window_select_item (window, 5); /* item 6: a recommendation and a decision */
  wait_for_layout ();
  item = ref_item_view_get_item (REF_ITEM_VIEW (item_view (window)));
  comments = ref_agenda_item_get_comments (item);
  row = comment_row (window);
  scroll_to (row);
  choose (GTK_WIDGET (g_object_get_data (G_OBJECT (row), "ref-target-choice")), "Recommendation");
  ref_input_click (row);
  ref_input_type ("Punkt 2 mangler\n");
  REF_INPUT_WAIT_FOR (g_list_model_get_n_items (comments) == 1);
  first = g_list_model_get_item (comments, 0);
  g_assert_cmpstr (ref_comment_get_author (first), ==, "Anna Holm");
  g_assert_true (ref_comment_get_recommendation (first));
  /* The keyboard stays in the (new) comment row: type the next one. */
  wait_for_layout ();
  ref_input_type ("Mangler bilag\n");
  REF_INPUT_WAIT_FOR (g_list_model_get_n_items (comments) == 2);
  second = g_list_model_get_item (comments, 1);
  g_assert_cmpstr (ref_comment_get_text (second), ==, "Mangler bilag");
  g_assert_false (ref_comment_get_recommendation (second));

  row = comment_row (window);
  scroll_to (row);
  choose (GTK_WIDGET (g_object_get_data (G_OBJECT (row), "ref-target-choice")), "Decision 1");
  ref_input_click (row);
  ref_input_type ("Var det enstemmigt?\n");
  REF_INPUT_WAIT_FOR (g_list_model_get_n_items (comments) == 3);
  third = g_list_model_get_item (comments, 2);
  {
    g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
    g_assert_true (ref_comment_get_decision (third) == decision);
  }
  wait_for_layout ();
  g_assert_nonnull (ref_test_find_widget (item_view (window), ADW_TYPE_ACTION_ROW, "Punkt 2 mangler"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ref_test_find_widget (
                                item_view (window), ADW_TYPE_ACTION_ROW, "Punkt 2 mangler"))),
                            "Anna Holm"));
  g_settings_reset (settings, "author-name");
  ref_test_close_window (window);
}

/* An item of an empty meeting written from the keyboard, down to its deciding body
 * and whether it is the signature item (the sample's item 10). */
static void
test_item_fields_by_keyboard (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  RefWindow *window;
  RefAgendaItem *item;
  GtkWidget *decided_by, *signature;

  REQUIRE_INPUT ();
  window = ref_window_new (ref_test_app (), meeting, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  ref_input_focus_window (GTK_WINDOW (window));
  wait_for_layout ();
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  wait_for_layout ();
  ref_input_type ("Godkendelse af referat");
  item = ref_item_view_get_item (REF_ITEM_VIEW (item_view (window)));
  g_assert_nonnull (item);
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Godkendelse af referat");
  decided_by = GTK_WIDGET (gtk_widget_get_template_child (item_view (window), REF_TYPE_ITEM_VIEW, "decided_by_row"));
  ref_input_click (decided_by);
  ref_input_type ("Socialudvalget");
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item), ==, "Socialudvalget");
  signature = GTK_WIDGET (gtk_widget_get_template_child (item_view (window), REF_TYPE_ITEM_VIEW, "signature_switch"));
  ref_input_click (signature);
  wait_for_layout ();
  g_assert_cmpint (ref_agenda_item_get_kind (item), ==, REF_ITEM_KIND_SIGNATURE);
  ref_test_close_window (window);
}

/* The meeting's times sit on a scrolled page too: the wheel scrolls it. */
static void
test_meeting_times_wheel (void)
{
  RefWindow *window;
  GtkWidget *hour;
  GtkAdjustment *adj;
  double before;
  int value;

  REQUIRE_INPUT ();
  window = open_for_input (1100, 500);
  ref_input_key (GDK_KEY_m, GDK_CONTROL_MASK);
  wait_for_layout ();
  hour = GTK_WIDGET (gtk_widget_get_template_child (ref_window_get_meeting_view (window), REF_TYPE_MEETING_VIEW,
                                                    "start_hour"));
  scroll_to (hour);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (hour, GTK_TYPE_SCROLLED_WINDOW)));
  before = gtk_adjustment_get_value (adj);
  value = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (hour));
  ref_input_wheel (hour, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (hour)), ==, value);
  g_assert_cmpint (g_date_time_get_hour (ref_meeting_get_start (ref_window_get_meeting (window))), ==, 13);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, before);
  ref_test_close_window (window);
}

/* The meeting date is picked with the same date picker as a decision's date
 * (RefDateButton): a click opens its calendar, a click on a day sets the date, and the
 * meeting keeps its start time. */
static void
test_meeting_date_picker (void)
{
  RefWindow *window;
  RefMeeting *meeting;
  GtkWidget *date, *day;

  REQUIRE_INPUT ();
  window = open_for_input (1100, 900);
  ref_input_key (GDK_KEY_m, GDK_CONTROL_MASK);
  wait_for_layout ();
  meeting = ref_window_get_meeting (window);
  date = GTK_WIDGET (gtk_widget_get_template_child (ref_window_get_meeting_view (window), REF_TYPE_MEETING_VIEW,
                                                    "date_button"));
  g_assert_true (REF_IS_DATE_BUTTON (date));
  scroll_to (date);
  REF_INPUT_CLICK_UNTIL (gtk_widget_get_first_child (date),
                         gtk_widget_get_mapped (ref_date_button_get_calendar (REF_DATE_BUTTON (date))));
  wait_for_layout ();
  day = ref_test_find_label (ref_date_button_get_calendar (REF_DATE_BUTTON (date)), "15");
  g_assert_nonnull (day);
  ref_input_click (day);
  wait_for_layout ();
  g_assert_cmpint (g_date_time_get_day_of_month (ref_meeting_get_start (meeting)), ==, 15);
  g_assert_cmpint (g_date_time_get_month (ref_meeting_get_start (meeting)), ==, 5);
  g_assert_cmpint (g_date_time_get_hour (ref_meeting_get_start (meeting)), ==, 13);
  g_assert_false (gtk_widget_get_mapped (ref_date_button_get_calendar (REF_DATE_BUTTON (date))));
  ref_test_close_window (window);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-item-editor");

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The leaflet's fold and unfold as the tests resize the window: animated, its
   * shadow is now and then drawn a frame before it has a size (libadwaita 1.2:
   * "Trying to snapshot AdwGizmo … without a current allocation", a warning, which
   * tests make fatal). Only the click test is about animations: it runs once with
   * them and once without. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/item-editor/recommendation-lead-in", test_recommendation_lead_in);
  g_test_add_func ("/item-editor/new-item-starts-at-title", test_new_item_starts_at_title);
  g_test_add_func ("/item-editor/sidebar-width-stable", test_sidebar_width_stable);
  g_test_add_func ("/item-editor/narrow-single-click", test_narrow_single_click);
  g_test_add_func ("/item-editor/fields-fit-text", test_fields_fit_text);
  g_test_add_func ("/item-editor/comments", test_comments);
  g_test_add_func ("/item-editor/item-fields-by-keyboard", test_item_fields_by_keyboard);
  g_test_add_func ("/item-editor/meeting-times-wheel", test_meeting_times_wheel);
  g_test_add_func ("/item-editor/meeting-date-picker", test_meeting_date_picker);
  g_test_add_func ("/item-editor/typing-keeps-cursor-in-view", test_typing_keeps_cursor_in_view);
  g_test_add_func ("/item-editor/typing-one-paragraph-keeps-cursor-in-view",
                   test_typing_one_paragraph_keeps_cursor_in_view);
  g_test_add_data_func ("/item-editor/click-in-long-field-keeps-page", GINT_TO_POINTER (FALSE),
                        test_click_in_long_field_keeps_page);
  g_test_add_data_func ("/item-editor/click-in-long-field-keeps-page-animated", GINT_TO_POINTER (TRUE),
                        test_click_in_long_field_keeps_page);
  return ref_test_run_and_clean (state);
}
