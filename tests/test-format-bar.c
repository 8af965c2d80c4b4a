/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "ref-format-bar.h"
#include "ref-i18n.h"
#include "ref-item-view.h"
#include "ref-text-field.h"
#include "test-input.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

/* The formatting toolbar and the formatting keys of a structured text field, used as
 * a secretary uses them: keys pressed and buttons clicked through the X server, on an
 * American and on a Danish keyboard layout. */

typedef struct {
  RefWindow *window;
  RefSection *section; /* the model behind the field */
  RefTextField *field;
  RefTextEditor *editor;
  RefHistory *history;
} Fixture;

static void
wait_for_layout (void)
{
  for (int i = 0; i < 10; i++)
    {
      g_usleep (20000);
      ref_test_iterate ();
    }
}

/* Item 1's Sammendrag: its field, with the keyboard at the end of its text. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  RefItemView *view;
  GtkWidget *sections;
  g_autoptr (RefSection) section = NULL;

  if (!ref_input_available ())
    return;
  ref_input_set_layout ("us");
  f->window = ref_test_open_sample_in_app ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  ref_input_focus_window (GTK_WINDOW (f->window));
  ref_window_select_item (f->window, 0);
  wait_for_layout ();
  view = REF_ITEM_VIEW (ref_window_get_item_view (f->window));
  sections = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), REF_TYPE_ITEM_VIEW, "sections_box"));
  f->field = REF_TEXT_FIELD (ref_test_find_widget (sections, REF_TYPE_TEXT_FIELD, NULL));
  g_assert_nonnull (f->field);
  f->editor = ref_text_field_get_editor (f->field);
  /* Section 0 is the grouping heading "Indhold", which has no text field. */
  section = g_list_model_get_item (ref_agenda_item_get_sections (ref_item_view_get_item (view)), 1);
  g_assert_cmpint (ref_section_get_kind (section), ==, REF_SECTION_KIND_SUMMARY);
  f->section = section;
  f->history = ref_meeting_get_history (ref_window_get_meeting (f->window));
  ref_input_click_at (GTK_WIDGET (f->editor), 20, 10);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->editor)));
  ref_input_key (GDK_KEY_End, GDK_CONTROL_MASK);
  ref_history_seal (f->history);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    ref_test_close_window (f->window);
  if (ref_input_available ())
    ref_input_set_layout ("us");
}

/* The last block of the section's text. */
static RefTextBlock *
last_block (Fixture *f)
{
  RefText *text = ref_section_get_text (f->section);

  g_assert_cmpuint (ref_text_get_n_blocks (text), >, 0);
  return ref_text_get_block (text, ref_text_get_n_blocks (text) - 1);
}

static char *
last_item (Fixture *f)
{
  RefTextBlock *block = last_block (f);

  return ref_text_inline_to_plain (ref_text_block_get_item (block, ref_text_block_get_n_items (block) - 1));
}

static GtkToggleButton *
toolbar_button (Fixture *f, const char *id)
{
  GtkWidget *bar = ref_text_field_get_format_bar (f->field);

  return GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, id));
}

/* Ctrl+Shift+8 and Ctrl+Shift+7 on the layout named by @data. On a Danish keyboard
 * Shift+7 is "/" and Shift+8 is "(": the shortcuts go by the key, not the symbol. */
static void
test_list_shortcuts (Fixture *f, gconstpointer data)
{
  const char *layout = data;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  KeyCode seven, eight;

  REQUIRE_INPUT ();
  if (!ref_input_set_layout (layout))
    {
      g_test_skip ("setxkbmap is not installed");
      return;
    }
  seven = ref_input_keycode (GDK_KEY_7);
  eight = ref_input_keycode (GDK_KEY_8);
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("punkt en");
  ref_input_keycode_press (eight, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_BULLET_LIST);
  first = last_item (f);
  g_assert_cmpstr (first, ==, "punkt en");
  g_assert_true (gtk_toggle_button_get_active (toolbar_button (f, "bullet_button")));

  /* Enter at the end of a list entry makes the next entry of the same list. */
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("punkt to");
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_BULLET_LIST);
  g_assert_cmpuint (ref_text_block_get_n_items (last_block (f)), ==, 2);

  ref_input_keycode_press (seven, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_NUMBERED_LIST);
  second = last_item (f);
  g_assert_cmpstr (second, ==, "punkt to");
  g_assert_true (gtk_toggle_button_get_active (toolbar_button (f, "numbered_button")));
  g_assert_false (gtk_toggle_button_get_active (toolbar_button (f, "bullet_button")));
  /* The same keys again make it a paragraph again. */
  ref_input_keycode_press (seven, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_PARAGRAPH);
}

/* Ctrl+B and Ctrl+I (no longer Import) on a selection; each is one undo step. */
static void
test_style_keys_and_undo (Fixture *f, gconstpointer data)
{
  RefTextInline *inl;
  const RefTextRun *run;
  guint n_toplevels = g_list_model_get_n_items (gtk_window_get_toplevels ());

  REQUIRE_INPUT ();
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("Vedtaget");
  ref_input_key (GDK_KEY_Home, GDK_SHIFT_MASK);
  ref_input_key (GDK_KEY_b, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_i, GDK_CONTROL_MASK);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_toplevels);
  inl = ref_text_block_get_item (last_block (f), 0);
  run = g_ptr_array_index (inl, 0);
  g_assert_cmpstr (run->text, ==, "Vedtaget");
  g_assert_cmpint (run->style, ==, REF_STYLE_BOLD | REF_STYLE_ITALIC);
  g_assert_true (gtk_toggle_button_get_active (toolbar_button (f, "bold_button")));
  g_assert_true (gtk_toggle_button_get_active (toolbar_button (f, "italic_button")));

  /* Undo takes back the italic, then the bold, then the typing: three steps. */
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
  g_assert_cmpint (run->style, ==, REF_STYLE_BOLD);
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
  g_assert_cmpstr (run->text, ==, "Vedtaget");
  g_assert_cmpint (run->style, ==, REF_STYLE_NONE);
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  {
    g_autofree char *plain = ref_text_to_plain (ref_section_get_text (f->section));
    g_assert_null (strstr (plain, "Vedtaget"));
  }
}

/* "1. ", "- " and "* " at the start of a paragraph start a list; undo gives back the
 * characters as typed. */
static void
test_autoformat (Fixture *f, gconstpointer data)
{
  g_autofree char *item = NULL;

  REQUIRE_INPUT ();
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("1. forslag");
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_NUMBERED_LIST);
  item = last_item (f);
  g_assert_cmpstr (item, ==, "forslag");
  ref_input_type ("\nandet");
  g_assert_cmpuint (ref_text_block_get_n_items (last_block (f)), ==, 2);
  /* Enter on the empty entry ends the list. */
  ref_input_type ("\n\n- punkt");
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_BULLET_LIST);
  ref_input_type ("\n\n* stjerne");
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_BULLET_LIST);
  g_clear_pointer (&item, g_free);
  item = last_item (f);
  g_assert_cmpstr (item, ==, "stjerne");

  /* Undo: the word, then the list, leaving "* " as typed. */
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_PARAGRAPH);
  g_clear_pointer (&item, g_free);
  item = ref_text_inline_to_plain (ref_text_block_get_item (last_block (f), 0));
  g_assert_cmpstr (item, ==, "* ");

  /* "1.5 mio." is not a list. */
  ref_input_type ("\n1.5 mio.");
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_PARAGRAPH);
}

/* The toolbar's buttons work on the selection and leave the keyboard in the text. */
static void
test_toolbar_clicks (Fixture *f, gconstpointer data)
{
  const RefTextRun *run;

  REQUIRE_INPUT ();
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("Fremlagt");
  ref_input_key (GDK_KEY_Home, GDK_SHIFT_MASK);
  ref_input_click (GTK_WIDGET (toolbar_button (f, "underline_button")));
  run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
  g_assert_cmpint (run->style, ==, REF_STYLE_UNDERLINE);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->editor)));
  ref_input_click (GTK_WIDGET (toolbar_button (f, "numbered_button")));
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_NUMBERED_LIST);
  ref_input_click (GTK_WIDGET (toolbar_button (f, "table_button")));
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_TABLE);
  /* A Tab starts the next cell. */
  ref_input_key (GDK_KEY_End, 0);
  ref_input_key (GDK_KEY_Tab, 0);
  ref_input_type ("2025");
  g_assert_cmpuint (ref_text_row_get_n_cells (ref_text_block_get_row (last_block (f), 0)), ==, 2);
  g_assert_true (gtk_toggle_button_get_active (toolbar_button (f, "table_button")));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->editor)));
}

/* A new line "Ballerup", selected with Shift+Home; Ctrl+K asks for its address. */
static void
select_new_word_and_ask_for_link (GtkWidget *entry)
{
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("Ballerup");
  ref_input_key (GDK_KEY_Home, GDK_SHIFT_MASK);
  ref_input_key (GDK_KEY_k, GDK_CONTROL_MASK);
  REF_INPUT_WAIT_FOR (gtk_widget_has_focus (gtk_widget_get_first_child (entry)) || gtk_widget_has_focus (entry));
}

/* Ctrl+K asks for the address; Enter makes the selection a link. */
static void
test_link (Fixture *f, gconstpointer data)
{
  GtkWidget *bar;
  GtkWidget *entry;
  const RefTextRun *run;

  REQUIRE_INPUT ();
  bar = ref_text_field_get_format_bar (f->field);
  entry = GTK_WIDGET (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, "link_entry"));
  select_new_word_and_ask_for_link (entry);
  g_assert_true (gtk_widget_get_mapped (entry));
  ref_input_type ("https://ballerup.dk\n");
  REF_INPUT_WAIT_FOR (!gtk_widget_get_mapped (entry));
  run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
  g_assert_cmpstr (run->text, ==, "Ballerup");
  g_assert_cmpstr (run->href, ==, "https://ballerup.dk");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->editor)));

  /* The link button shows the address and removes the link. */
  REF_INPUT_CLICK_UNTIL (GTK_WIDGET (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, "link_button")),
                         gtk_widget_get_mapped (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "https://ballerup.dk");
  ref_input_click (GTK_WIDGET (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, "unlink_button")));
  REF_INPUT_WAIT_FOR (!gtk_widget_get_mapped (entry));
  run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
  g_assert_null (run->href);
}

/* An address that is none (a space, a port that is not a number) or no web or mail
 * address (javascript:, file:) is refused as it is typed: Enter keeps the popover open
 * and the text unlinked, since the file would not validate or the published PDF would
 * link to a script or a file. A bare host or mail address gets its scheme. */
static void
test_link_refuses_non_address (Fixture *f, gconstpointer data)
{
  GtkWidget *bar;
  GtkWidget *entry, *error, *apply;
  const RefTextRun *run;
  static const char *const bad[] = { "bal lerup", "https://bal:lerup.dk/pension", "kommunens side", "ballerup",
                                      "javascript:alert(1)", "file:///etc/passwd" };

  REQUIRE_INPUT ();
  bar = ref_text_field_get_format_bar (f->field);
  entry = GTK_WIDGET (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, "link_entry"));
  error = GTK_WIDGET (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, "link_error"));
  apply = GTK_WIDGET (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, "apply_link_button"));
  select_new_word_and_ask_for_link (entry);
  g_assert_false (gtk_widget_get_visible (error));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ref_input_key (GDK_KEY_a, GDK_CONTROL_MASK);
      ref_input_type (bad[i]);
      REF_INPUT_WAIT_FOR (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), bad[i]));
      g_assert_true (gtk_widget_get_visible (error));
      g_assert_true (gtk_widget_has_css_class (entry, "error"));
      g_assert_false (gtk_widget_get_sensitive (apply));
      ref_input_key (GDK_KEY_Return, 0);
      wait_for_layout ();
      g_assert_true (gtk_widget_get_mapped (entry));
      run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
      g_assert_null (run->href);
    }
  /* A host alone is a web page. */
  ref_input_key (GDK_KEY_a, GDK_CONTROL_MASK);
  ref_input_type ("www.ballerup.dk/borger");
  REF_INPUT_WAIT_FOR (!gtk_widget_get_visible (error));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_sensitive (apply));
  ref_input_key (GDK_KEY_Return, 0);
  REF_INPUT_WAIT_FOR (!gtk_widget_get_mapped (entry));
  run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
  g_assert_cmpstr (run->text, ==, "Ballerup");
  g_assert_cmpstr (run->href, ==, "https://www.ballerup.dk/borger");

  /* A mail address is one, by a click on Apply. */
  REF_INPUT_CLICK_UNTIL (GTK_WIDGET (gtk_widget_get_template_child (bar, REF_TYPE_FORMAT_BAR, "link_button")),
                         gtk_widget_get_mapped (entry));
  gtk_widget_grab_focus (entry);
  ref_input_key (GDK_KEY_a, GDK_CONTROL_MASK);
  ref_input_type ("sekretariat@ballerup.dk");
  REF_INPUT_WAIT_FOR (gtk_widget_get_sensitive (apply));
  ref_input_click (apply);
  REF_INPUT_WAIT_FOR (!gtk_widget_get_mapped (entry));
  run = g_ptr_array_index (ref_text_block_get_item (last_block (f), 0), 0);
  g_assert_cmpstr (run->href, ==, "mailto:sekretariat@ballerup.dk");
}

/* The field with its toolbar while a numbered list is typed (autoformat of "1. ")
 * renders; with REFERENT_SCREENSHOT_DIR set the window is saved as format-bar.png for
 * the README (in Danish with LANGUAGE=da, see make screenshots). */
static void
test_renders (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("REFERENT_SCREENSHOT_DIR");
  g_autofree char *png = dir ? g_build_filename (dir, "format-bar.png", NULL) : NULL;
  RefFormatBar *bar;

  REQUIRE_INPUT ();
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("1. Bevillingen frigives");
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_type ("Sagen genoptages i juni");
  ref_input_key (GDK_KEY_Left, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  ref_input_key (GDK_KEY_b, GDK_CONTROL_MASK);
  ref_input_settle (100);
  g_assert_cmpint (ref_text_block_get_kind (last_block (f)), ==, REF_BLOCK_NUMBERED_LIST);
  bar = REF_FORMAT_BAR (ref_test_find_widget (GTK_WIDGET (f->field), REF_TYPE_FORMAT_BAR, NULL));
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  ref_test_render_native (GTK_WIDGET (f->window), png);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-format-bar");

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", state, TRUE);
  /* Screenshots for the README are taken in the language asked for (LANGUAGE). */
  if (g_getenv ("REFERENT_SCREENSHOT_DIR") != NULL)
    ref_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/format-bar/list-shortcuts-us", Fixture, "us", fixture_set_up, test_list_shortcuts, fixture_tear_down);
  g_test_add ("/format-bar/list-shortcuts-dk", Fixture, "dk", fixture_set_up, test_list_shortcuts, fixture_tear_down);
  g_test_add ("/format-bar/style-keys-and-undo", Fixture, NULL, fixture_set_up, test_style_keys_and_undo,
              fixture_tear_down);
  g_test_add ("/format-bar/autoformat", Fixture, NULL, fixture_set_up, test_autoformat, fixture_tear_down);
  g_test_add ("/format-bar/toolbar-clicks", Fixture, NULL, fixture_set_up, test_toolbar_clicks, fixture_tear_down);
  g_test_add ("/format-bar/link", Fixture, NULL, fixture_set_up, test_link, fixture_tear_down);
  g_test_add ("/format-bar/link-refuses-non-address", Fixture, NULL, fixture_set_up, test_link_refuses_non_address,
              fixture_tear_down);
  g_test_add ("/format-bar/renders", Fixture, NULL, fixture_set_up, test_renders, fixture_tear_down);
  return ref_test_run_and_clean (state);
}
