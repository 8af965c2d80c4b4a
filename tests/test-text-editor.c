/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gtk/gtk.h>
#include <string.h>

#include "ref-text-editor.h"

static RefText *
sample_text (void)
{
  RefText *text = ref_text_new ();
  RefTextBlock *p = ref_text_append_block (text, REF_BLOCK_PARAGRAPH);
  RefTextInline *inl = ref_text_block_append_item (p);
  RefTextBlock *ul = ref_text_append_block (text, REF_BLOCK_BULLET_LIST);
  RefTextBlock *ol = ref_text_append_block (text, REF_BLOCK_NUMBERED_LIST);
  RefTextBlock *table = ref_text_append_block (text, REF_BLOCK_TABLE);
  RefTextRow *row;

  ref_text_inline_append (inl, "Socialtilsynet ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, "vurderer", REF_STYLE_BOLD, NULL);
  ref_text_inline_append (inl, " kvaliteten\nmed linjeskift ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, "her", REF_STYLE_ITALIC | REF_STYLE_UNDERLINE, NULL);
  ref_text_inline_append (inl, " og et link", REF_STYLE_NONE, "https://ballerup.dk/");
  ref_text_inline_append (ref_text_block_append_item (ul), "Øget nærledelse", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_block_append_item (ul), "Faglig opkvalificering", REF_STYLE_NONE, NULL);
  ref_text_block_set_start (ol, 3);
  ref_text_inline_append (ref_text_block_append_item (ol), "tredje", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_block_append_item (ol), "fjerde", REF_STYLE_NONE, NULL);
  row = ref_text_block_append_row (table, TRUE);
  ref_text_inline_append (ref_text_row_append_cell (row), "Tema", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_row_append_cell (row), "STU", REF_STYLE_NONE, NULL);
  row = ref_text_block_append_row (table, FALSE);
  ref_text_inline_append (ref_text_row_append_cell (row), "Fysiske rammer", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_row_append_cell (row), "4,0", REF_STYLE_NONE, NULL);
  return text;
}

static RefTextEditor *
new_editor (void)
{
  return REF_TEXT_EDITOR (g_object_ref_sink (ref_text_editor_new ()));
}

static void
test_round_trip (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = sample_text ();
  g_autoptr (RefText) back = NULL;
  g_autofree char *plain = NULL;

  ref_text_editor_set_text (editor, text);
  back = ref_text_editor_get_text (editor);
  plain = ref_text_to_plain (back);
  g_test_message ("%s", plain);
  g_assert_true (ref_text_equal (text, back));
}

/* Loaded text leaves the cursor at its end, where minutes are continued (and away
 * from the first line, whose cursor moves make GTK 4.8 lay out every line again). */
static void
test_cursor_at_end_after_load (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = ref_text_new_from_plain ("Første afsnit.\n\nAndet afsnit");
  g_autoptr (RefText) back = NULL;
  g_autofree char *plain = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter cursor;

  ref_text_editor_set_text (editor, text);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_true (gtk_text_iter_is_end (&cursor));
  g_assert_false (gtk_text_buffer_get_has_selection (buffer));

  gtk_text_buffer_insert_interactive_at_cursor (buffer, " slutter her.", -1, TRUE);
  back = ref_text_editor_get_text (editor);
  plain = ref_text_to_plain (back);
  g_assert_cmpstr (plain, ==, "Første afsnit.\n\nAndet afsnit slutter her.");
}

static void
test_empty (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) empty = ref_text_new ();
  g_autoptr (RefText) back = NULL;

  ref_text_editor_set_text (editor, empty);
  back = ref_text_editor_get_text (editor);
  g_assert_true (ref_text_is_empty (back));
  g_assert_cmpuint (ref_text_get_n_blocks (back), ==, 0);
}

/* Typing Enter at the end of a list entry makes a new entry of the same list. */
static void
test_enter_continues_list (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = ref_text_new_from_plain ("- en\n- to");
  g_autoptr (RefText) back = NULL;
  g_auto (GStrv) items = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter end;

  ref_text_editor_set_text (editor, text);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "\ntre", -1, TRUE);
  back = ref_text_editor_get_text (editor);
  g_assert_cmpuint (ref_text_get_n_blocks (back), ==, 1);
  items = ref_text_get_list_items (back);
  g_assert_cmpuint (g_strv_length (items), ==, 3);
  g_assert_cmpstr (items[2], ==, "tre");
}

static void
test_toggle_bold_selection (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Indstillingen godkendt");
  g_autoptr (RefText) back = NULL;
  g_autoptr (RefText) again = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter start, end;
  RefTextInline *inl;
  const RefTextRun *run;

  ref_text_editor_set_text (editor, text);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 12);
  gtk_text_buffer_select_range (buffer, &start, &end);
  ref_text_editor_toggle_style (editor, REF_STYLE_BOLD);

  back = ref_text_editor_get_text (editor);
  inl = ref_text_block_get_item (ref_text_get_block (back, 0), 0);
  g_assert_cmpuint (inl->len, ==, 2);
  run = g_ptr_array_index (inl, 0);
  g_assert_cmpstr (run->text, ==, "Indstillinge");
  g_assert_cmpint (run->style, ==, REF_STYLE_BOLD);

  /* Toggling again over a fully bold selection removes it. */
  ref_text_editor_toggle_style (editor, REF_STYLE_BOLD);
  again = ref_text_editor_get_text (editor);
  g_assert_true (ref_text_equal (again, text));
}

/* Text typed after turning bold on (no selection) is bold. */
static void
test_typing_style (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Beslutning: ");
  g_autoptr (RefText) back = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter end;
  RefTextInline *inl;

  ref_text_editor_set_text (editor, text);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  ref_text_editor_toggle_style (editor, REF_STYLE_BOLD);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "Godkendt", -1, TRUE);
  back = ref_text_editor_get_text (editor);
  inl = ref_text_block_get_item (ref_text_get_block (back, 0), 0);
  g_assert_cmpuint (inl->len, ==, 2);
  g_assert_cmpint (((RefTextRun *) g_ptr_array_index (inl, 1))->style, ==, REF_STYLE_BOLD);
}

static void
test_set_block (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = ref_text_new_from_plain ("a\nb");
  g_autoptr (RefText) list = NULL;
  g_autoptr (RefText) paragraphs = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter start, end;

  /* "a\nb" from plain text is one paragraph with a line break: make it two lines. */
  ref_text_editor_set_text (editor, text);
  gtk_text_buffer_set_text (buffer, "a\nb", -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  ref_text_editor_set_block (editor, REF_TEXT_EDITOR_BLOCK_NUMBERED);
  g_assert_cmpint (ref_text_editor_get_block_at_cursor (editor), ==, REF_TEXT_EDITOR_BLOCK_NUMBERED);
  list = ref_text_editor_get_text (editor);
  g_assert_cmpuint (ref_text_get_n_blocks (list), ==, 1);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (list, 0)), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (ref_text_block_get_n_items (ref_text_get_block (list, 0)), ==, 2);

  /* The same command again turns them back into paragraphs. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  ref_text_editor_set_block (editor, REF_TEXT_EDITOR_BLOCK_NUMBERED);
  paragraphs = ref_text_editor_get_text (editor);
  g_assert_cmpuint (ref_text_get_n_blocks (paragraphs), ==, 2);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (paragraphs, 0)), ==, REF_BLOCK_PARAGRAPH);
}

/* Joining a paragraph into a list entry with Backspace keeps one block per line. */
static void
test_join_lines (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = ref_text_new_from_plain ("- punkt\n\nafsnit");
  g_autoptr (RefText) back = NULL;
  g_autofree char *plain = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter start, end;

  ref_text_editor_set_text (editor, text);
  /* Lines: "punkt" (bullet), "afsnit" (paragraph). Delete the newline between. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 0);
  gtk_text_iter_forward_to_line_end (&start);
  end = start;
  gtk_text_iter_forward_char (&end);
  gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  back = ref_text_editor_get_text (editor);
  plain = ref_text_to_plain (back);
  g_assert_cmpstr (plain, ==, "- punktafsnit");
}

static void
test_notify_on_edit (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("x");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  guint count = 0;

  ref_text_editor_set_text (editor, text);
  g_signal_connect_swapped (editor, "notify::text", G_CALLBACK (g_atomic_int_inc), &count);
  gtk_text_buffer_insert_at_cursor (buffer, "y", -1);
  g_assert_cmpuint (count, >=, 1);
  count = 0;
  /* Setting an equal value is not an edit. */
  {
    g_autoptr (RefText) same = ref_text_editor_get_text (editor);
    g_object_set (editor, "text", same, NULL);
  }
  g_assert_cmpuint (count, ==, 0);
}

static void
count_tag_change (GtkTextBuffer *buffer, GtkTextTag *tag, GtkTextIter *start, GtkTextIter *end, guint *count)
{
  (*count)++;
}

/* Typing plain text into a plain paragraph or a list item changes no tag: GTK lays
 * out again every line a tag change touches (and the next one), even when the change
 * is none, which doubled the cost of each key in a long section. Typed text still
 * gets the block of its line and the typing style. */
static void
test_typing_touches_no_tags (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (RefText) text = sample_text ();
  g_autoptr (RefText) back = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter at;
  guint changes = 0;

  ref_text_editor_set_text (editor, text);
  g_signal_connect (buffer, "apply-tag", G_CALLBACK (count_tag_change), &changes);
  g_signal_connect (buffer, "remove-tag", G_CALLBACK (count_tag_change), &changes);

  /* In the first paragraph, after "Socialtilsynet". */
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 14);
  gtk_text_buffer_place_cursor (buffer, &at);
  for (int i = 0; i < 5; i++)
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "x", -1, TRUE);
  g_assert_cmpuint (changes, ==, 0);

  /* In the first bullet item, after "Øget". */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &at, 1, 4);
  gtk_text_buffer_place_cursor (buffer, &at);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "y", -1, TRUE);
  g_assert_cmpuint (changes, ==, 0);

  back = ref_text_editor_get_text (editor);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (back, 1)), ==, REF_BLOCK_BULLET_LIST);
  {
    g_autofree char *plain = ref_text_to_plain (back);
    g_assert_nonnull (strstr (plain, "Socialtilsynetxxxxx vurderer"));
    g_assert_nonnull (strstr (plain, "Øgety nærledelse"));
  }

  /* With bold on, each typed letter gets the bold tag, and nothing else changes. */
  ref_text_editor_toggle_style (editor, REF_STYLE_BOLD);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "z", -1, TRUE);
  g_assert_cmpuint (changes, ==, 1);
}

/* A random offset in the buffer, and a random range. */
static void
random_range (GtkTextBuffer *buffer, GRand *rand, GtkTextIter *start, GtkTextIter *end, int max_len)
{
  int n = gtk_text_buffer_get_char_count (buffer);
  int a = g_rand_int_range (rand, 0, n + 1);
  int b = MIN (n, a + g_rand_int_range (rand, 0, max_len + 1));

  gtk_text_buffer_get_iter_at_offset (buffer, start, a);
  gtk_text_buffer_get_iter_at_offset (buffer, end, b);
}

/* ref_text_editor_get_text converts only the lines around what changed since its last
 * call and shares the other blocks with the text it returned then. Random edits of
 * every kind the editor knows (typing with line ends, line breaks, tabs and non-ASCII
 * letters; deletions across lines and blocks; styles, blocks, links; a foreign tag as
 * a spell checker's; the whole text replaced), one to four between calls, must give
 * exactly what converting the whole buffer gives. */
static void
test_incremental_text (void)
{
  static const char *const pieces[] = { "x", " ", "\n", "\n\n", "æø", "\t", "\xe2\x80\xa8", "ord ", "1. ",
                                        "- ", "Indstillingen godkendes.\n", "\nny linje" };
  static const RefStyle styles[] = { REF_STYLE_BOLD, REF_STYLE_ITALIC, REF_STYLE_UNDERLINE };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261203);
  guint rounds = g_test_slow () ? 20000 : 4000;

  for (guint doc = 0; doc < 4; doc++)
    {
      g_autoptr (RefTextEditor) editor = new_editor ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
      GtkTextTag *foreign = gtk_text_buffer_create_tag (buffer, "misspelled", "underline", PANGO_UNDERLINE_ERROR, NULL);
      g_autoptr (RefText) start_text = sample_text ();

      ref_text_editor_set_text (editor, start_text);
      for (guint i = 0; i < rounds / 4; i++)
        {
          guint edits = (guint) g_rand_int_range (rand, 1, 5);
          g_autoptr (RefText) incremental = NULL;
          g_autoptr (RefText) whole = NULL;

          for (guint e = 0; e < edits; e++)
            {
              GtkTextIter a, b;

              random_range (buffer, rand, &a, &b, 40);
              switch (g_rand_int_range (rand, 0, 10))
                {
                case 0:
                case 1:
                case 2:
                  gtk_text_buffer_insert_interactive (buffer, &a, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                                      -1, TRUE);
                  break;
                case 3:
                case 4:
                  gtk_text_buffer_delete_interactive (buffer, &a, &b, TRUE);
                  break;
                case 5:
                  gtk_text_buffer_select_range (buffer, &a, &b);
                  ref_text_editor_toggle_style (editor, styles[g_rand_int_range (rand, 0, G_N_ELEMENTS (styles))]);
                  break;
                case 6:
                  gtk_text_buffer_select_range (buffer, &a, &b);
                  ref_text_editor_set_block (editor, (RefTextEditorBlock) g_rand_int_range (rand, 0, 4));
                  break;
                case 7:
                  gtk_text_buffer_select_range (buffer, &a, &b);
                  ref_text_editor_set_link (editor, g_rand_boolean (rand) ? "https://ballerup.dk/" : NULL);
                  break;
                case 8:
                  if (g_rand_boolean (rand))
                    gtk_text_buffer_apply_tag (buffer, foreign, &a, &b);
                  else
                    gtk_text_buffer_remove_tag (buffer, foreign, &a, &b);
                  break;
                case 9:
                  if (g_rand_int_range (rand, 0, 20) == 0)
                    {
                      g_autoptr (RefText) fresh = sample_text ();
                      ref_text_editor_set_text (editor, fresh);
                    }
                  else
                    {
                      gtk_text_buffer_place_cursor (buffer, &a);
                      gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", -1, TRUE);
                    }
                  break;
                }
            }
          incremental = ref_text_editor_get_text (editor);
          whole = ref_text_editor_convert_all (editor);
          if (!ref_text_equal (incremental, whole))
            {
              g_autofree char *got = ref_text_to_plain (incremental);
              g_autofree char *want = ref_text_to_plain (whole);
              g_error ("document %u, step %u: incremental text differs from the whole conversion:\n--- got:\n%s\n"
                       "--- want:\n%s",
                       doc, i, got, want);
            }
        }
    }
}

/* Without a change the same value comes back, and a change shares the blocks of the
 * lines it did not touch with the text before it. */
static void
test_incremental_shares_blocks (void)
{
  g_autoptr (RefTextEditor) editor = new_editor ();
  g_autoptr (GString) plain = g_string_new (NULL);
  g_autoptr (RefText) text = NULL;
  g_autoptr (RefText) before = NULL;
  g_autoptr (RefText) again = NULL;
  g_autoptr (RefText) after = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter iter;
  guint shared = 0;

  for (int i = 0; i < 40; i++)
    g_string_append_printf (plain, "%sAfsnit %d om sagens baggrund.", i ? "\n\n" : "", i);
  text = ref_text_new_from_plain (plain->str);
  ref_text_editor_set_text (editor, text);
  before = ref_text_editor_get_text (editor);
  again = ref_text_editor_get_text (editor);
  g_assert_true (before == again);

  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 20, 3);
  gtk_text_buffer_insert_interactive (buffer, &iter, "x", -1, TRUE);
  after = ref_text_editor_get_text (editor);
  g_assert_cmpuint (ref_text_get_n_blocks (after), ==, 40);
  for (guint b = 0; b < 40; b++)
    shared += ref_text_get_block (after, b) == ref_text_get_block (before, b);
  /* The typed paragraph and at most its neighbours are converted again. */
  g_assert_cmpuint (shared, >=, 37);
  g_assert_true (ref_text_get_block (after, 20) != ref_text_get_block (before, 20));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-editor/round-trip", test_round_trip);
  g_test_add_func ("/text-editor/empty", test_empty);
  g_test_add_func ("/text-editor/cursor-at-end-after-load", test_cursor_at_end_after_load);
  g_test_add_func ("/text-editor/enter-continues-list", test_enter_continues_list);
  g_test_add_func ("/text-editor/toggle-bold", test_toggle_bold_selection);
  g_test_add_func ("/text-editor/typing-style", test_typing_style);
  g_test_add_func ("/text-editor/set-block", test_set_block);
  g_test_add_func ("/text-editor/join-lines", test_join_lines);
  g_test_add_func ("/text-editor/notify", test_notify_on_edit);
  g_test_add_func ("/text-editor/typing-touches-no-tags", test_typing_touches_no_tags);
  g_test_add_func ("/text-editor/incremental-text", test_incremental_text);
  g_test_add_func ("/text-editor/incremental-shares-blocks", test_incremental_shares_blocks);

  return g_test_run ();
}
