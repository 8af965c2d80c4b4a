/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "ref-spell-checker.h"
#include "ref-spell-view.h"
#include "ref-text-editor.h"
#include "test-input.h"
#include "test-render.h"

/* Danish spell checking while typing (issue 18): words typed with real keys are
 * underlined when misspelt, the context menu (opened from the keyboard) offers the
 * right word, and case numbers, abbreviations and the participants' names are
 * left alone. Skips when hunspell's Danish dictionary is not installed
 * (build-aux/install-deps.sh installs it). */

typedef struct {
  RefMeeting *meeting;
  RefSpellChecker *checker;
  GtkWindow *window;
  RefTextEditor *editor;
  GtkWidget *entry;
} Fixture;

static gboolean
have_danish (void)
{
  g_autoptr (RefSpellChecker) checker = ref_spell_checker_new ();

  return ref_spell_checker_wait_for_dictionary (checker);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GtkWidget *box;
  g_autoptr (RefParticipant) p = ref_participant_new ();

  if (!ref_input_available () || !have_danish ())
    return;
  f->meeting = ref_meeting_new ();
  ref_participant_set_name (p, "Kate Svarrer");
  ref_meeting_add_participant (f->meeting, p);
  f->checker = ref_spell_checker_new ();
  ref_spell_checker_set_meeting (f->checker, f->meeting);
  /* Loaded by have_danish() in this process: there at once. */
  g_assert_false (ref_spell_checker_is_loading (f->checker));
  g_assert_true (ref_spell_checker_has_dictionary (f->checker));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 700, 400);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  f->entry = gtk_entry_new ();
  f->editor = REF_TEXT_EDITOR (ref_text_editor_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (f->editor), TRUE);
  gtk_box_append (GTK_BOX (box), f->entry);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->editor));
  gtk_window_set_child (f->window, box);
  ref_spell_view_attach (GTK_WIDGET (f->editor), f->checker);
  ref_spell_view_attach (f->entry, f->checker);
  gtk_window_present (f->window);
  ref_input_focus_window (f->window);
  gtk_widget_grab_focus (GTK_WIDGET (f->editor));
  ref_input_settle (20);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  if (f->checker != NULL)
    ref_input_settle (20);
  g_clear_object (&f->checker);
  g_clear_object (&f->meeting);
}

#define SKIP_UNLESS_READY(f)                                                                               \
  G_STMT_START                                                                                             \
  {                                                                                                        \
    if ((f)->checker == NULL)                                                                              \
      {                                                                                                    \
        g_test_skip (ref_input_available () ? "hunspell-da is not installed" : "needs X11 with XTEST");    \
        return;                                                                                            \
      }                                                                                                    \
  }                                                                                                        \
  G_STMT_END

static char *
editor_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->editor));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Byte range of @word in the editor, to ask whether it is marked. */
static gboolean
word_marked (Fixture *f, GtkWidget *widget, const char *word)
{
  g_autofree char *all = GTK_IS_TEXT_VIEW (widget) ? editor_text (f) : g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  const char *at = strstr (all, word);

  if (at == NULL)
    g_error ("“%s” is not in “%s”", word, all);
  return ref_spell_view_is_marked (widget, at - all, at - all + strlen (word));
}

/* The checker itself: Danish words, the names of the meeting, what is not checked,
 * and the document's language. */
static void
test_checker (Fixture *f, gconstpointer data)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();

  SKIP_UNLESS_READY (f);
  g_assert_true (ref_spell_checker_check_word (f->checker, "kommunalbestyrelsen", -1));
  g_assert_true (ref_spell_checker_check_word (f->checker, "Økonomiudvalget", -1));
  g_assert_false (ref_spell_checker_check_word (f->checker, "kommunalbestyrelsn", -1));
  /* Case numbers, amounts, abbreviations. */
  g_assert_true (ref_spell_checker_check_word (f->checker, "27.00.00-A00-1-23", -1));
  g_assert_true (ref_spell_checker_check_word (f->checker, "A00", -1));
  g_assert_true (ref_spell_checker_check_word (f->checker, "BUU", -1));
  /* The meeting's people, and their possessive; new ones as they are added. */
  g_assert_true (ref_spell_checker_check_word (f->checker, "Svarrer", -1));
  g_assert_true (ref_spell_checker_check_word (f->checker, "Svarrers", -1));
  g_assert_false (ref_spell_checker_check_word (f->checker, "Amingsø", -1));
  ref_participant_set_name (p, "André Amingsø");
  ref_meeting_add_participant (f->meeting, p);
  g_assert_true (ref_spell_checker_check_word (f->checker, "Amingsø", -1));

  /* An English document is checked in English. */
  ref_meeting_set_language (f->meeting, "en");
  g_assert_cmpstr (ref_spell_checker_get_language (f->checker), ==, "en");
  if (ref_spell_checker_wait_for_dictionary (f->checker))
    {
      g_assert_true (ref_spell_checker_check_word (f->checker, "committee", -1));
      g_assert_false (ref_spell_checker_check_word (f->checker, "udvalget", -1));
    }
  ref_meeting_set_language (f->meeting, "da");
  /* Loaded once per process: back to Danish needs no second load. */
  g_assert_false (ref_spell_checker_is_loading (f->checker));
  g_assert_true (ref_spell_checker_check_word (f->checker, "udvalget", -1));

  ref_spell_checker_set_enabled (f->checker, FALSE);
  g_assert_true (ref_spell_checker_check_word (f->checker, "kommunalbestyrelsn", -1));
}

/* Typed with real keys: the misspelt word is underlined once the cursor has left
 * it, not while it is being typed; correct words, the name and the case number are
 * not. */
static void
test_underline_while_typing (Fixture *f, gconstpointer data)
{
  SKIP_UNLESS_READY (f);
  ref_input_type ("Sagen blev sendt til kommunalbestyrelsn");
  ref_spell_view_check_now (GTK_WIDGET (f->editor));
  /* The cursor is still in it: left alone. */
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "kommunalbestyrelsn"));
  ref_input_type (" af Kate Svarrer i sag 27.00.00-A00-1-23.");
  REF_INPUT_WAIT_FOR (word_marked (f, GTK_WIDGET (f->editor), "kommunalbestyrelsn"));
  g_assert_true (word_marked (f, GTK_WIDGET (f->editor), "kommunalbestyrelsn"));
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "Sagen blev sendt til"));
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "Svarrer"));
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "27.00.00-A00-1-23"));

  /* Corrected by hand: the mark goes. */
  ref_input_key (GDK_KEY_Home, 0);
  for (int i = 0; i < 5; i++)
    ref_input_key (GDK_KEY_Right, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_Left, 0);
  ref_input_type ("e");
  ref_input_key (GDK_KEY_End, 0);
  REF_INPUT_WAIT_FOR (!word_marked (f, GTK_WIDGET (f->editor), "kommunalbestyrelsen"));
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "kommunalbestyrelsen"));
}

/* The editor's drawing: the red rectangles under words (in the editor's coordinates)
 * and how many repeat nodes there are. */
typedef struct {
  GArray *lines; /* graphene_rect_t */
  guint n_repeat;
} Drawing;

static void
collect_drawing (GskRenderNode *node, float dx, float dy, gpointer data)
{
  Drawing *d = data;

  if (gsk_render_node_get_node_type (node) == GSK_REPEAT_NODE)
    d->n_repeat++;
  else if (gsk_render_node_get_node_type (node) == GSK_COLOR_NODE)
    {
      const GdkRGBA *c = gsk_color_node_get_color (node);
      graphene_rect_t r;

      gsk_render_node_get_bounds (node, &r);
      if (c->red > 0.8 && c->green < 0.2 && c->blue < 0.2 && c->alpha > 0.9)
        {
          r.origin.x += dx;
          r.origin.y += dy;
          g_array_append_val (d->lines, r);
        }
    }
}

typedef struct {
  Fixture *f;
  GskRenderNode *node;
} Capture;

/* Right after a frame is painted the window's render node is there: a cursor blink
 * or a queued draw drops it until the next frame. */
static void
on_after_paint (GdkFrameClock *clock, Capture *c)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  if (c->node != NULL)
    return;
  paintable = gtk_widget_paintable_new (GTK_WIDGET (c->f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (c->f->window)),
                          gtk_widget_get_height (GTK_WIDGET (c->f->window)));
  c->node = gtk_snapshot_free_to_node (snapshot);
}

static Drawing
draw_editor (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  Capture c = { f, NULL };
  Drawing d = { g_array_new (FALSE, FALSE, sizeof (graphene_rect_t)), 0 };
  graphene_point_t origin;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &c);

  for (int tries = 0; c.node == NULL && tries < 20; tries++)
    {
      gtk_widget_queue_draw (GTK_WIDGET (f->editor));
      ref_input_settle (2);
    }
  g_signal_handler_disconnect (clock, id);
  g_assert_nonnull (c.node);
  /* The window's coordinates, made the editor's. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->editor), GTK_WIDGET (f->window), graphene_point_zero (),
                                           &origin));
  ref_test_walk_render_nodes (c.node, -origin.x, -origin.y, collect_drawing, &d);
  gsk_render_node_unref (c.node);
  return d;
}

/* Where @word's characters are, in the editor's coordinates: its x range and the
 * bottom of its line. */
static void
word_extent (Fixture *f, const char *word, int *x0, int *x1, int *bottom)
{
  g_autofree char *all = editor_text (f);
  const char *at = strstr (all, word);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->editor));
  GtkTextIter start, end;
  GdkRectangle a, b;

  g_assert_nonnull (at);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_pointer_to_offset (all, at));
  end = start;
  gtk_text_iter_forward_chars (&end, g_utf8_strlen (word, -1));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->editor), &start, &a);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->editor), &end, &b);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (f->editor), GTK_TEXT_WINDOW_WIDGET, a.x, a.y + a.height, x0,
                                         bottom);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (f->editor), GTK_TEXT_WINDOW_WIDGET, b.x, b.y, x1, NULL);
}

/* The editor draws the line under a misspelt word itself, from the spell view's
 * marks: a rectangle under the word and no repeat node (GTK's error underline, a
 * surface per word in the cairo renderer), and the buffer gets no tag (a tag splits
 * Pango's runs). A word that wraps is underlined on each of its lines. */
static void
test_marks_drawn (Fixture *f, gconstpointer data)
{
  GtkTextBuffer *buffer;
  Drawing d;
  int x0, x1, bottom, n_tags = 0;
  g_autoptr (GHashTable) rows = g_hash_table_new (NULL, NULL);
  g_autoptr (GString) long_word = g_string_new ("Se ");

  SKIP_UNLESS_READY (f);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->editor));
  ref_input_type ("Sagen blev sendt til kommunalbestyrelsn af udvalget.");
  REF_INPUT_WAIT_FOR (word_marked (f, GTK_WIDGET (f->editor), "kommunalbestyrelsn"));
  ref_input_settle (5);
  d = draw_editor (f);
  word_extent (f, "kommunalbestyrelsn", &x0, &x1, &bottom);
  g_assert_cmpuint (d.n_repeat, ==, 0);
  g_assert_cmpuint (d.lines->len, ==, 1);
  {
    graphene_rect_t *r = &g_array_index (d.lines, graphene_rect_t, 0);

    g_assert_cmpfloat_with_epsilon (r->origin.x, x0, 0.5);
    g_assert_cmpfloat_with_epsilon (r->origin.x + r->size.width, x1, 0.5);
    g_assert_cmpfloat (r->origin.y + r->size.height, <=, bottom + 0.5);
    g_assert_cmpfloat (r->origin.y, >=, bottom - 6);
  }
  g_array_unref (d.lines);
  {
    GtkTextIter at;

    gtk_text_buffer_get_start_iter (buffer, &at);
    do
      {
        g_autoptr (GSList) tags = gtk_text_iter_get_toggled_tags (&at, TRUE);
        n_tags += g_slist_length (tags);
      }
    while (gtk_text_iter_forward_to_tag_toggle (&at, NULL));
  }
  g_assert_cmpint (n_tags, ==, 0);

  /* A word longer than the line wraps: a line under each of its lines. */
  for (int i = 0; i < 30; i++)
    g_string_append (long_word, "kvalitetzz");
  g_string_append (long_word, " slut.");
  {
    g_autoptr (RefText) text = ref_text_new_paragraph (long_word->str);

    ref_text_editor_set_text (f->editor, text);
  }
  ref_spell_view_check_now (GTK_WIDGET (f->editor));
  REF_INPUT_WAIT_FOR (word_marked (f, GTK_WIDGET (f->editor), "kvalitetzzkvalitetzz"));
  ref_input_settle (5);
  d = draw_editor (f);
  g_assert_cmpuint (d.n_repeat, ==, 0);
  for (guint i = 0; i < d.lines->len; i++)
    g_hash_table_add (rows, GINT_TO_POINTER ((int) g_array_index (d.lines, graphene_rect_t, i).origin.y));
  g_assert_cmpuint (g_hash_table_size (rows), >=, 2);
  g_array_unref (d.lines);
}

/* The marks follow random edits: after each round of typing, deleting and pasting
 * (and a check), exactly the misspelt words are marked, as a fresh check of the same
 * text finds them. */
static void
test_marks_follow_edits (Fixture *f, gconstpointer data)
{
  static const char *const pieces[] = { "udvalget ", "kommunalbestyrelsn ", "xq ", "Sagen ", "\n", "godkendt. ",
                                        "bevillingn ", "og " };
  g_autoptr (GRand) rand = g_rand_new_with_seed (1203);
  GtkTextBuffer *buffer;

  SKIP_UNLESS_READY (f);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->editor));
  /* Not the focus: no word is left alone as being typed. */
  gtk_widget_grab_focus (f->entry);
  for (int round = 0; round < 150; round++)
    {
      g_autofree char *all = NULL;
      GtkTextIter a, b;
      int n = gtk_text_buffer_get_char_count (buffer);
      int at = g_rand_int_range (rand, 0, n + 1);

      gtk_text_buffer_get_iter_at_offset (buffer, &a, at);
      if (g_rand_int_range (rand, 0, 3) == 0 && n > 0)
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &b, MIN (n, at + g_rand_int_range (rand, 1, 12)));
          gtk_text_buffer_delete (buffer, &a, &b);
        }
      else
        gtk_text_buffer_insert (buffer, &a, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))], -1);
      ref_spell_view_check_now (GTK_WIDGET (f->editor));

      all = editor_text (f);
      {
        g_autofree PangoLogAttr *attrs = NULL;
        int n_chars = g_utf8_strlen (all, -1), start = -1;

        attrs = g_new0 (PangoLogAttr, n_chars + 1);
        pango_get_log_attrs (all, -1, -1, pango_language_get_default (), attrs, n_chars + 1);
        for (int i = 0; i <= n_chars; i++)
          {
            if (attrs[i].is_word_end && start >= 0)
              {
                const char *from = g_utf8_offset_to_pointer (all, start);
                const char *to = g_utf8_offset_to_pointer (all, i);
                gboolean wrong = !ref_spell_checker_check_word (f->checker, from, to - from);

                if (ref_spell_view_is_marked (GTK_WIDGET (f->editor), from - all, to - all) != wrong)
                  g_error ("round %d: “%.*s” is %smarked in “%s”", round, (int) (to - from), from, wrong ? "not " : "",
                           all);
                start = -1;
              }
            if (attrs[i].is_word_start)
              start = i;
          }
      }
    }
}

/* Draws the editor, then again with every underline measured afresh: the same lines.
 * Returns how many. */
static guint
assert_underlines_remeasured (Fixture *f, int round)
{
  Drawing kept = draw_editor (f), fresh;
  guint n = kept.lines->len;

  ref_text_editor_remeasure_underlines (f->editor);
  fresh = draw_editor (f);
  if (kept.lines->len != fresh.lines->len)
    g_error ("round %d: %u underlines drawn, %u measured afresh", round, kept.lines->len, fresh.lines->len);
  for (guint i = 0; i < kept.lines->len; i++)
    {
      const graphene_rect_t *k = &g_array_index (kept.lines, graphene_rect_t, i);
      const graphene_rect_t *r = &g_array_index (fresh.lines, graphene_rect_t, i);

      if (!graphene_rect_equal (k, r))
        g_error ("round %d: underline %u drawn at %g,%g %gx%g, measured afresh at %g,%g %gx%g", round, i, k->origin.x,
                 k->origin.y, k->size.width, k->size.height, r->origin.x, r->origin.y, r->size.width, r->size.height);
    }
  g_array_unref (kept.lines);
  g_array_unref (fresh.lines);
  return n;
}

/* The editor keeps where each misspelt word's underline was, and a frame looks up
 * only the two ends of each run of them on a display line (ref-text-editor.c). After
 * every random edit (typing, deleting, new paragraphs, bold, a narrower window), what
 * it draws is exactly what measuring every word afresh draws. */
static void
test_underlines_follow_layout (Fixture *f, gconstpointer data)
{
  static const char *const pieces[] = { "kommunalbestyrelsn ", "xq ", "bevillingn ", "udvalget ", "og ", "Sagen ",
                                        "\n", "i", "WWWW ", "x", " ", "godkendt. " };
  g_autoptr (GRand) rand = g_rand_new_with_seed (1204);
  g_autoptr (GString) start = g_string_new (NULL);
  GtkTextBuffer *buffer;
  guint compared = 0;

  SKIP_UNLESS_READY (f);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->editor));
  gtk_widget_grab_focus (f->entry);

  /* Two words of two letters swapped in one frame: no misspelt word changes or moves
   * in the text, and the line's ends stay where they were; only the words between
   * the two move on the line. */
  gtk_text_buffer_set_text (buffer, "xq og xq xq xq xq at xq slut", -1);
  ref_spell_view_check_now (GTK_WIDGET (f->editor));
  assert_underlines_remeasured (f, -1);
  for (int i = 0; i < 2; i++)
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_offset (buffer, &a, i == 0 ? 3 : 18);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, i == 0 ? 5 : 20);
      gtk_text_buffer_delete (buffer, &a, &b);
      gtk_text_buffer_insert (buffer, &a, i == 0 ? "at" : "og", -1);
    }
  ref_spell_view_check_now (GTK_WIDGET (f->editor));
  assert_underlines_remeasured (f, -1);

  for (int i = 0; i < 120; i++)
    g_string_append (start, i % 40 == 39 ? "xq\n" : i % 3 ? "xq " : "udvalget ");
  gtk_text_buffer_set_text (buffer, start->str, -1);
  for (int round = 0; round < 160; round++)
    {
      int n = gtk_text_buffer_get_char_count (buffer);
      int at = g_rand_int_range (rand, 0, n + 1), op = g_rand_int_range (rand, 0, 20);
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_offset (buffer, &a, at);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, MIN (n, at + g_rand_int_range (rand, 1, 40)));
      if (n > 900 || op < 3)
        gtk_text_buffer_delete (buffer, &a, &b);
      else if (op < 6 && at + 60 < n)
        {
          /* Two edits in one frame that leave the line as long as it was: only the
           * words between them move. */
          int gap = g_rand_int_range (rand, 1, 60);

          gtk_text_buffer_insert (buffer, &a, "WW", -1);
          gtk_text_buffer_get_iter_at_offset (buffer, &a, at + 2 + gap);
          gtk_text_buffer_get_iter_at_offset (buffer, &b, at + 4 + gap);
          if (g_rand_boolean (rand))
            gtk_text_buffer_delete (buffer, &a, &b);
          else
            {
              gtk_text_buffer_get_iter_at_offset (buffer, &a, at);
              gtk_text_buffer_get_iter_at_offset (buffer, &b, at + 2);
              gtk_text_buffer_apply_tag_by_name (buffer, "bold", &a, &b);
            }
        }
      else if (op < 9)
        {
          if (g_rand_boolean (rand))
            gtk_text_buffer_apply_tag_by_name (buffer, "bold", &a, &b);
          else
            gtk_text_buffer_remove_tag_by_name (buffer, "bold", &a, &b);
        }
      else
        gtk_text_buffer_insert (buffer, &a, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))], -1);
      if (round == 80)
        gtk_widget_set_size_request (GTK_WIDGET (f->editor), 520, -1);
      ref_spell_view_check_now (GTK_WIDGET (f->editor));

      compared += assert_underlines_remeasured (f, round);
    }
  /* The text kept many misspelt words in view throughout. */
  g_assert_cmpuint (compared, >, 160 * 20);
}

static GtkWidget *
find_popover_menu (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER_MENU (c) && gtk_widget_get_visible (c))
        return c;
      if ((found = find_popover_menu (c)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0)
        return c;
      if ((found = find_label (c, text)))
        return found;
    }
  return NULL;
}

/* The context menu, opened with Shift+F10 on the misspelt word: the right word is
 * among the suggestions, and choosing it replaces the misspelt one. */
static void
test_suggestion (Fixture *f, gconstpointer data)
{
  GtkWidget *menu = NULL;
  GtkWidget *choice;
  g_autofree char *text = NULL;

  SKIP_UNLESS_READY (f);
  ref_input_type ("Indstillingen blev godkendt af udvlaget.");
  REF_INPUT_WAIT_FOR (word_marked (f, GTK_WIDGET (f->editor), "udvlaget"));
  g_assert_true (word_marked (f, GTK_WIDGET (f->editor), "udvlaget"));
  ref_input_key (GDK_KEY_Left, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_Right, 0);
  ref_input_key (GDK_KEY_F10, GDK_SHIFT_MASK);
  REF_INPUT_WAIT_FOR ((menu = find_popover_menu (GTK_WIDGET (f->editor))) != NULL);
  g_assert_nonnull (menu);
  REF_INPUT_WAIT_FOR (find_label (menu, "udvalget") != NULL);
  choice = find_label (menu, "udvalget");
  g_assert_nonnull (choice);
  g_assert_nonnull (find_label (menu, "Add “udvlaget” to Dictionary"));
  ref_input_click (choice);
  REF_INPUT_WAIT_FOR (!gtk_widget_get_visible (menu));
  text = editor_text (f);
  g_assert_cmpstr (text, ==, "Indstillingen blev godkendt af udvalget.");
  ref_spell_view_check_now (GTK_WIDGET (f->editor));
  g_assert_false (ref_spell_view_is_marked (GTK_WIDGET (f->editor), 0, -1));
}

/* "Ignore" accepts the word for the document; titles (entries) are checked too. */
static void
test_ignore_and_entry (Fixture *f, gconstpointer data)
{
  SKIP_UNLESS_READY (f);
  gtk_widget_grab_focus (f->entry);
  ref_input_settle (20);
  ref_input_type ("Godkendelse af dagsordenn for mødet");
  REF_INPUT_WAIT_FOR (word_marked (f, f->entry, "dagsordenn"));
  g_assert_true (word_marked (f, f->entry, "dagsordenn"));
  g_assert_false (word_marked (f, f->entry, "Godkendelse"));
  g_assert_false (word_marked (f, f->entry, "mødet"));

  ref_spell_checker_ignore_word (f->checker, "dagsordenn");
  REF_INPUT_WAIT_FOR (!word_marked (f, f->entry, "dagsordenn"));
  g_assert_false (word_marked (f, f->entry, "dagsordenn"));
  /* Everywhere in the document. */
  gtk_widget_grab_focus (GTK_WIDGET (f->editor));
  ref_input_type ("dagsordenn og godkendelsse ");
  ref_spell_view_check_now (GTK_WIDGET (f->editor));
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "dagsordenn"));
  g_assert_true (word_marked (f, GTK_WIDGET (f->editor), "godkendelsse"));
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* A long section is checked in slices in idle time: setting 5,000 words returns at
 * once, and the marks arrive afterwards. */
static void
test_long_text_in_idle (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (RefText) text = NULL;
  gint64 before;
  guint notified = 0;

  SKIP_UNLESS_READY (f);
  /* A misspelling every 25 sentences: a slice that ends in the middle of its chunk
   * must go on from the first word it did not check. */
  for (int i = 0; i < 500; i++)
    g_string_append_printf (s, "Udvalget godkendte indstillingen om %s for skolerne og bibliotekerne. ",
                            i % 25 == 12 ? "bugdettet" : "budgettet");
  g_string_append (s, "Slutteligt en fejll.");
  text = ref_text_new_from_plain (s->str);
  before = g_get_monotonic_time ();
  ref_text_editor_set_text (f->editor, text);
  g_assert_cmpint (g_get_monotonic_time () - before, <, G_USEC_PER_SEC);
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "fejll"));
  /* Marking is no edit: the text (and the model bound to it) does not change. */
  g_signal_connect_swapped (f->editor, "notify::text", G_CALLBACK (count_notify), &notified);
  REF_INPUT_WAIT_FOR (word_marked (f, GTK_WIDGET (f->editor), "fejll"));
  g_assert_true (word_marked (f, GTK_WIDGET (f->editor), "fejll"));
  g_assert_false (word_marked (f, GTK_WIDGET (f->editor), "Udvalget godkendte indstillingen"));
  {
    g_autofree char *all = editor_text (f);
    guint misspelled = 0;

    for (const char *at = strstr (all, "bugdettet"); at != NULL; at = strstr (at + 1, "bugdettet"))
      {
        g_assert_true (ref_spell_view_is_marked (GTK_WIDGET (f->editor), at - all, at - all + strlen ("bugdettet")));
        misspelled++;
      }
    g_assert_cmpuint (misspelled, ==, 20);
  }
  g_assert_cmpuint (notified, ==, 0);
}

/* Every prose field of a form gets checked; numbers, passwords and fields marked
 * "ref-no-spell-check" do not. */
static void
test_attach_tree (Fixture *f, gconstpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = adw_entry_row_new ();
  GtkWidget *number = gtk_entry_new ();
  GtkWidget *secret = gtk_password_entry_new ();
  GtkWidget *marked = gtk_entry_new ();
  GtkWidget *text = gtk_text_view_new ();

  SKIP_UNLESS_READY (f);
  g_object_ref_sink (box);
  gtk_entry_set_input_purpose (GTK_ENTRY (number), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_add_css_class (marked, "ref-no-spell-check");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), secret);
  gtk_box_append (GTK_BOX (box), marked);
  gtk_box_append (GTK_BOX (box), text);
  g_assert_cmpuint (ref_spell_view_attach_tree (box, f->checker), ==, 2);
  g_assert_true (ref_spell_view_get_checker (title) == f->checker);
  g_assert_true (ref_spell_view_get_checker (text) == f->checker);
  g_assert_null (ref_spell_view_get_checker (number));
  g_assert_null (ref_spell_view_get_checker (marked));
  g_object_unref (box);
}

int
main (int argc, char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("referent-spell-XXXXXX", NULL);

  /* "Add to Dictionary" writes the personal word list there, not in the user's. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/spell/checker", test_checker);
  ADD ("/spell/underline-while-typing", test_underline_while_typing);
  ADD ("/spell/suggestion", test_suggestion);
  ADD ("/spell/ignore-and-entry", test_ignore_and_entry);
  ADD ("/spell/long-text-in-idle", test_long_text_in_idle);
  ADD ("/spell/attach-tree", test_attach_tree);
  ADD ("/spell/marks-drawn", test_marks_drawn);
  ADD ("/spell/marks-follow-edits", test_marks_follow_edits);
  ADD ("/spell/underlines-follow-layout", test_underlines_follow_layout);
#undef ADD

  return g_test_run ();
}
