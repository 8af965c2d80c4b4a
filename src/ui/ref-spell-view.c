/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <adwaita.h>

#include "ref-spell-view.h"
#include "ref-widget-util.h"

#define DATA_KEY "ref-spell-view"
/* One idle slice: well inside a frame, so typing and drawing never wait. */
#define SLICE_USEC 3000
#define MAX_SUGGESTIONS 5

/*
 * The spell checking attached to one widget. Not a class of its own: it lives as
 * the widget's data and dies with it; the checker is what is shared.
 */
typedef struct {
  GtkWidget *widget; /* not owned: the data is the widget's */
  RefSpellChecker *checker;
  gulong changed_id;
  guint idle_id;
  GSimpleActionGroup *actions;
  GMenu *menu;    /* the extra menu: our section, then the widget's own */
  GMenu *section; /* suggestions, Add to Dictionary, Ignore */
  char *menu_word;

  /* GtkTextView */
  GtkTextBuffer *buffer;
  GPtrArray *marked; /* MarkedWord*, in the order of the text, not overlapping */
  GtkTextMark *dirty_start; /* what is still to check; NULL when nothing */
  GtkTextMark *dirty_end;
  GtkTextMark *skipped; /* the start of the word being typed, left for later */
  GtkTextMark *menu_start;
  GtkTextMark *menu_end;

  /* GtkEditable */
  GtkText *text;
  gboolean text_dirty;
  int menu_first; /* characters */
  int menu_last;
} SpellView;

/* A misspelt word in a text view: two marks, the start's gravity left and the end's
 * right. Not a tag: every toggle of a tag splits GtkTextLayout's runs, so each
 * misspelt word in a paragraph became runs of their own to shape and to draw. In
 * bench-ui's paragraph of misspelt words a keystroke cost 5.5 ms with the tag, 3.1
 * ms with the same checking and no tag. The text view draws the marks
 * (ref_spell_view_foreach_marked; RefTextEditor underlines them). */
typedef struct {
  GtkTextMark *start;
  GtkTextMark *end;
  gpointer drawn; /* the text view's, freed with g_free (ref_spell_view_foreach_marked) */
} MarkedWord;

static SpellView *
spell_view_get (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), DATA_KEY);
}

static gboolean check_idle (gpointer data);

static void
schedule (SpellView *sv)
{
  if (sv->idle_id == 0)
    sv->idle_id = g_idle_add_full (G_PRIORITY_LOW, check_idle, sv, NULL);
}

/* ---- text views ---- */

/* Letters, digits and what joins them inside a word ("27.00.00-A00", "Byrådets",
 * "e-mail"). The text view's own word functions ask Pango for the breaks of the
 * whole line each time, which in a long paragraph is what makes checking slow. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '-' || c == '\'' || c == 0x2019 || c == '.'
         || c == '/';
}

/* Widens [start, end) to whole words, at most a word's length each way. */
static void
word_bounds (GtkTextIter *start, GtkTextIter *end)
{
  for (int i = 0; i < 64 && !gtk_text_iter_starts_line (start); i++)
    {
      GtkTextIter before = *start;

      gtk_text_iter_backward_char (&before);
      if (!is_word_char (gtk_text_iter_get_char (&before)))
        break;
      *start = before;
    }
  for (int i = 0; i < 64 && !gtk_text_iter_ends_line (end) && is_word_char (gtk_text_iter_get_char (end)); i++)
    gtk_text_iter_forward_char (end);
}

static void
mark_dirty (SpellView *sv, const GtkTextIter *from, const GtkTextIter *to)
{
  GtkTextIter start = *from, end = *to;

  word_bounds (&start, &end);
  ref_text_range_widen (sv->buffer, &sv->dirty_start, &sv->dirty_end, &start, &end);
  schedule (sv);
}

static void
mark_all_dirty (SpellView *sv)
{
  GtkTextIter start, end;

  if (sv->buffer == NULL)
    {
      sv->text_dirty = TRUE;
      schedule (sv);
      return;
    }
  gtk_text_buffer_get_bounds (sv->buffer, &start, &end);
  mark_dirty (sv, &start, &end);
}

static void
clear_dirty (SpellView *sv)
{
  ref_text_range_clear (sv->buffer, &sv->dirty_start, &sv->dirty_end);
}

static void
on_insert_text (GtkTextBuffer *buffer, GtkTextIter *location, char *text, int length, SpellView *sv)
{
  GtkTextIter start = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  mark_dirty (sv, &start, location);
}

static void
on_delete_range (GtkTextBuffer *buffer, GtkTextIter *start, GtkTextIter *end, SpellView *sv)
{
  mark_dirty (sv, start, end);
}

/* The word the cursor is in or at the end of, in the focus widget of its window: it is
 * being typed, and underlining it at every letter would only distract. */
static gboolean
is_being_typed (SpellView *sv, const GtkTextIter *start, const GtkTextIter *end)
{
  GtkTextIter cursor;

  if (!gtk_widget_is_focus (sv->widget))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (sv->buffer, &cursor, gtk_text_buffer_get_insert (sv->buffer));
  return gtk_text_iter_compare (&cursor, start) >= 0 && gtk_text_iter_compare (&cursor, end) <= 0;
}

/* ---- the marked words of a text view ---- */

static int
mark_offset (SpellView *sv, GtkTextMark *mark)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (sv->buffer, &iter, mark);
  return gtk_text_iter_get_offset (&iter);
}

static void
marked_word_free (SpellView *sv, MarkedWord *word)
{
  gtk_text_buffer_delete_mark (sv->buffer, word->start);
  gtk_text_buffer_delete_mark (sv->buffer, word->end);
  g_free (word->drawn);
  g_free (word);
}

/* The index of the first marked word that ends after @offset (binary search: the
 * words do not overlap, so their ends are in order too). */
static guint
first_ending_after (SpellView *sv, int offset)
{
  guint lo = 0, hi = sv->marked->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (mark_offset (sv, ((MarkedWord *) g_ptr_array_index (sv->marked, mid))->end) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Nothing in [@start, @end) stays marked; a word reaching out of it keeps its part
 * outside (as removing a tag from a range would). */
static void
unmark (SpellView *sv, const GtkTextIter *start, const GtkTextIter *end)
{
  int a = gtk_text_iter_get_offset (start), b = gtk_text_iter_get_offset (end);
  guint i = first_ending_after (sv, a);
  gboolean changed = FALSE;

  while (i < sv->marked->len)
    {
      MarkedWord *word = g_ptr_array_index (sv->marked, i);
      int s = mark_offset (sv, word->start), e = mark_offset (sv, word->end);

      if (s >= b && s < e)
        break;
      changed = TRUE;
      if (s < a && e > b)
        {
          /* Out on both sides: the part after the range becomes a word of its own. */
          MarkedWord *after = g_new0 (MarkedWord, 1);
          GtkTextIter word_end;

          gtk_text_buffer_get_iter_at_mark (sv->buffer, &word_end, word->end);
          after->start = gtk_text_buffer_create_mark (sv->buffer, NULL, end, TRUE);
          after->end = gtk_text_buffer_create_mark (sv->buffer, NULL, &word_end, FALSE);
          gtk_text_buffer_move_mark (sv->buffer, word->end, start);
          g_ptr_array_insert (sv->marked, (int) i + 1, after);
          break;
        }
      if (s < a && s < e)
        {
          gtk_text_buffer_move_mark (sv->buffer, word->end, start);
          i++;
        }
      else if (e > b && s < e)
        {
          gtk_text_buffer_move_mark (sv->buffer, word->start, end);
          i++;
        }
      else
        {
          marked_word_free (sv, word);
          g_ptr_array_remove_index (sv->marked, i);
        }
    }
  if (changed)
    gtk_widget_queue_draw (sv->widget);
}

static void
mark_word (SpellView *sv, const GtkTextIter *start, const GtkTextIter *end)
{
  MarkedWord *word = g_new0 (MarkedWord, 1);

  word->start = gtk_text_buffer_create_mark (sv->buffer, NULL, start, TRUE);
  word->end = gtk_text_buffer_create_mark (sv->buffer, NULL, end, FALSE);
  g_ptr_array_insert (sv->marked, (int) first_ending_after (sv, gtk_text_iter_get_offset (start)), word);
  gtk_widget_queue_draw (sv->widget);
}

static void
unmark_all (SpellView *sv)
{
  for (guint i = 0; i < sv->marked->len; i++)
    marked_word_free (sv, g_ptr_array_index (sv->marked, i));
  g_ptr_array_set_size (sv->marked, 0);
}

/* One slice of the marked region, from @at: about CHUNK_CHARS characters, ended
 * between words. Its word breaks come from Pango once for the slice. */
#define CHUNK_CHARS 800

/* Hunspell's Danish dictionary, with its compounds, can take over 100 µs for a word:
 * a slice of 800 characters took up to 18 ms, more than a frame. The deadline is
 * checked every few words (0: none), and the slice ends at the next unchecked word. */
#define WORDS_PER_DEADLINE_CHECK 8

typedef struct {
  int start, end; /* character offsets */
} WordSpan;

static void
unmark_offsets (SpellView *sv, int start, int end)
{
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (sv->buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (sv->buffer, &to, end);
  unmark (sv, &from, &to);
}

/* Makes the marked words from @from to @to exactly @found (in order). A word marked
 * before and found again keeps its marks, and with them what the view measured for
 * it: checking a slice again after a keystroke in it must not make the view measure
 * every misspelt word of the slice anew. */
static void
remark (SpellView *sv, int from, int to, const GArray *found)
{
  int gap = from;

  for (guint i = 0; i <= found->len; i++)
    {
      WordSpan span = i < found->len ? g_array_index (found, WordSpan, i) : (WordSpan) { to, to };
      guint at;

      if (span.start > gap)
        unmark_offsets (sv, gap, span.start);
      if (i == found->len)
        break;
      at = first_ending_after (sv, span.start);
      if (at >= sv->marked->len
          || mark_offset (sv, ((MarkedWord *) g_ptr_array_index (sv->marked, at))->start) != span.start
          || mark_offset (sv, ((MarkedWord *) g_ptr_array_index (sv->marked, at))->end) != span.end)
        {
          GtkTextIter start, end;

          /* Marks leave the text as it is: the iterators stay valid across unmark. */
          gtk_text_buffer_get_iter_at_offset (sv->buffer, &start, span.start);
          gtk_text_buffer_get_iter_at_offset (sv->buffer, &end, span.end);
          unmark (sv, &start, &end);
          mark_word (sv, &start, &end);
        }
      gap = span.end;
    }
}

static void
check_chunk (SpellView *sv, GtkTextIter *at, const GtkTextIter *end, gint64 deadline)
{
  GtkTextIter stop = *at, word_start, word_end;
  g_autofree char *text = NULL;
  g_autofree PangoLogAttr *attrs = NULL;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (WordSpan));
  int n_chars, offset = 0, start = -1, first = gtk_text_iter_get_offset (at);
  guint words = 0;

  if (!gtk_text_iter_forward_chars (&stop, CHUNK_CHARS) || gtk_text_iter_compare (&stop, end) > 0)
    stop = *end;
  else
    while (gtk_text_iter_compare (&stop, end) < 0 && is_word_char (gtk_text_iter_get_char (&stop)))
      gtk_text_iter_forward_char (&stop);
  text = gtk_text_iter_get_slice (at, &stop);
  n_chars = g_utf8_strlen (text, -1);
  attrs = g_new0 (PangoLogAttr, n_chars + 1);
  pango_get_log_attrs (text, -1, -1, pango_language_get_default (), attrs, n_chars + 1);

  /* Walk the slice once, moving one iterator forward. */
  word_start = *at;
  for (int i = 0; i <= n_chars; i++)
    {
      if (attrs[i].is_word_end && start >= 0)
        {
          const char *from = g_utf8_offset_to_pointer (text, start);
          const char *to = g_utf8_offset_to_pointer (from, i - start);

          gtk_text_iter_forward_chars (&word_start, start - offset);
          if (deadline != 0 && ++words % WORDS_PER_DEADLINE_CHECK == 0 && g_get_monotonic_time () >= deadline)
            {
              /* The next slice starts here; what follows keeps its marks until then. */
              remark (sv, first, first + start, found);
              *at = word_start;
              return;
            }
          word_end = word_start;
          gtk_text_iter_forward_chars (&word_end, i - start);
          offset = start;
          if (is_being_typed (sv, &word_start, &word_end))
            {
              if (sv->skipped == NULL)
                sv->skipped = gtk_text_buffer_create_mark (sv->buffer, NULL, &word_start, TRUE);
              else
                gtk_text_buffer_move_mark (sv->buffer, sv->skipped, &word_start);
            }
          else if (!ref_spell_checker_check_word (sv->checker, from, to - from))
            g_array_append_val (found, ((WordSpan) { first + start, first + i }));
          start = -1;
        }
      if (attrs[i].is_word_start)
        start = i;
    }
  remark (sv, first, first + n_chars, found);
  *at = stop;
}

/* Checks from the start of the marked region on, until @deadline (0: to its end).
 * Returns whether something is left. */
static gboolean
check_text_view (SpellView *sv, gint64 deadline)
{
  GtkTextIter at, end;

  if (sv->dirty_start == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (sv->buffer, &at, sv->dirty_start);
  gtk_text_buffer_get_iter_at_mark (sv->buffer, &end, sv->dirty_end);
  while (gtk_text_iter_compare (&at, &end) < 0)
    {
      check_chunk (sv, &at, &end, deadline);
      if (deadline != 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  if (gtk_text_iter_compare (&at, &end) >= 0)
    {
      clear_dirty (sv);
      return FALSE;
    }
  gtk_text_buffer_move_mark (sv->buffer, sv->dirty_start, &at);
  return TRUE;
}

static void
on_mark_set (GtkTextBuffer *buffer, const GtkTextIter *location, GtkTextMark *mark, SpellView *sv)
{
  GtkTextIter start, end;

  if (mark != gtk_text_buffer_get_insert (buffer) || sv->skipped == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &start, sv->skipped);
  end = start;
  word_bounds (&start, &end);
  /* The cursor left the word it was typing: check that word now. */
  if (gtk_text_iter_compare (location, &start) < 0 || gtk_text_iter_compare (location, &end) > 0)
    {
      gtk_text_buffer_delete_mark (buffer, sv->skipped);
      sv->skipped = NULL;
      mark_dirty (sv, &start, &end);
    }
}

/* ---- entries ---- */

static void
check_text (SpellView *sv)
{
  const char *content = gtk_editable_get_text (GTK_EDITABLE (sv->text));
  int n_chars = g_utf8_strlen (content, -1);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n_chars + 1);
  PangoAttrList *list = pango_attr_list_new ();
  int cursor = gtk_editable_get_position (GTK_EDITABLE (sv->text));
  gboolean focused = gtk_widget_is_focus (GTK_WIDGET (sv->text));
  int word_start = -1;

  sv->text_dirty = FALSE;
  pango_get_log_attrs (content, -1, -1, pango_language_get_default (), attrs, n_chars + 1);
  for (int i = 0; i <= n_chars; i++)
    {
      if (attrs[i].is_word_end && word_start >= 0)
        {
          const char *from = g_utf8_offset_to_pointer (content, word_start);
          const char *to = g_utf8_offset_to_pointer (content, i);

          if (!(focused && cursor >= word_start && cursor <= i)
              && !ref_spell_checker_check_word (sv->checker, from, to - from))
            {
              PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
              PangoAttribute *color = pango_attr_underline_color_new (0xe000, 0x1b00, 0x2400);

              underline->start_index = color->start_index = from - content;
              underline->end_index = color->end_index = to - content;
              pango_attr_list_insert (list, underline);
              pango_attr_list_insert (list, color);
            }
          word_start = -1;
        }
      if (attrs[i].is_word_start)
        word_start = i;
    }
  gtk_text_set_attributes (sv->text, list);
  pango_attr_list_unref (list);
}

static void
on_text_changed (GtkEditable *editable, SpellView *sv)
{
  sv->text_dirty = TRUE;
  schedule (sv);
}

static void
on_text_cursor (GObject *object, GParamSpec *pspec, SpellView *sv)
{
  /* Only a word left behind can change its marking: recheck when one is marked
   * at all or the text was edited. */
  sv->text_dirty = TRUE;
  schedule (sv);
}

/* ---- checking ---- */

static gboolean
check_idle (gpointer data)
{
  SpellView *sv = data;

  if (sv->buffer != NULL && check_text_view (sv, g_get_monotonic_time () + SLICE_USEC))
    return G_SOURCE_CONTINUE;
  if (sv->text != NULL && sv->text_dirty)
    check_text (sv);
  sv->idle_id = 0;
  return G_SOURCE_REMOVE;
}

void
ref_spell_view_check_now (GtkWidget *widget)
{
  SpellView *sv = spell_view_get (widget);

  if (sv == NULL)
    return;
  if (sv->buffer != NULL)
    check_text_view (sv, 0);
  if (sv->text != NULL && sv->text_dirty)
    check_text (sv);
  g_clear_handle_id (&sv->idle_id, g_source_remove);
}

static void
on_checker_changed (RefSpellChecker *checker, SpellView *sv)
{
  mark_all_dirty (sv);
}

/* ---- the context menu ---- */

/* The word at the cursor (text view: at @iter), when it is misspelt; NULL else.
 * Sets what the menu's actions apply to. */
static void
set_menu_word (SpellView *sv, char *word)
{
  g_free (sv->menu_word);
  sv->menu_word = word;
}

static void
update_menu (SpellView *sv)
{
  g_auto (GStrv) suggestions = NULL;
  g_autofree char *add = NULL;
  g_autofree char *ignore = NULL;
  GAction *action;

  g_menu_remove_all (sv->section);
  if (sv->menu_word == NULL)
    return;
  suggestions = ref_spell_checker_get_suggestions (sv->checker, sv->menu_word, MAX_SUGGESTIONS);
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target_value (item, "spell.replace", g_variant_new_string (suggestions[i]));
      g_menu_append_item (sv->section, item);
    }
  if (suggestions[0] == NULL)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_("No Suggestions"), "spell.none");

      g_menu_append_item (sv->section, item);
    }
  /* TRANSLATORS: %s is the misspelt word */
  add = g_strdup_printf (_("_Add “%s” to Dictionary"), sv->menu_word);
  g_menu_append (sv->section, add, "spell.add");
  ignore = g_strdup_printf (_("_Ignore “%s”"), sv->menu_word);
  g_menu_append (sv->section, ignore, "spell.ignore");
  action = g_action_map_lookup_action (G_ACTION_MAP (sv->actions), "none");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
}

static void
menu_for_iter (SpellView *sv, GtkTextIter *at)
{
  GtkTextIter start = *at, end = *at;

  set_menu_word (sv, NULL);
  word_bounds (&start, &end);
  if (!gtk_text_iter_equal (&start, &end))
    {
      g_autofree char *word = gtk_text_iter_get_slice (&start, &end);

      /* Without the punctuation that ends a sentence. */
      while (g_str_has_suffix (word, ".") && gtk_text_iter_backward_char (&end))
        word[strlen (word) - 1] = '\0';
      if (!ref_spell_checker_check_word (sv->checker, word, -1))
        {
          set_menu_word (sv, g_steal_pointer (&word));
          gtk_text_buffer_move_mark (sv->buffer, sv->menu_start, &start);
          gtk_text_buffer_move_mark (sv->buffer, sv->menu_end, &end);
        }
    }
  update_menu (sv);
}

static void
menu_for_text (SpellView *sv)
{
  const char *content = gtk_editable_get_text (GTK_EDITABLE (sv->text));
  int n_chars = g_utf8_strlen (content, -1);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n_chars + 1);
  int cursor = gtk_editable_get_position (GTK_EDITABLE (sv->text));
  int word_start = -1;

  /* The misspelt word at the cursor, or else the first one in the title. */
  set_menu_word (sv, NULL);
  pango_get_log_attrs (content, -1, -1, pango_language_get_default (), attrs, n_chars + 1);
  for (int i = 0; i <= n_chars; i++)
    {
      if (attrs[i].is_word_end && word_start >= 0)
        {
          const char *from = g_utf8_offset_to_pointer (content, word_start);
          const char *to = g_utf8_offset_to_pointer (content, i);
          gboolean at_cursor = cursor >= word_start && cursor <= i;

          if ((sv->menu_word == NULL || at_cursor) && !ref_spell_checker_check_word (sv->checker, from, to - from))
            {
              set_menu_word (sv, g_strndup (from, to - from));
              sv->menu_first = word_start;
              sv->menu_last = i;
              if (at_cursor)
                break;
            }
          word_start = -1;
        }
      if (attrs[i].is_word_start)
        word_start = i;
    }
  update_menu (sv);
}

static void
prepare_menu_at_cursor (SpellView *sv)
{
  if (sv->buffer != NULL)
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (sv->buffer, &cursor, gtk_text_buffer_get_insert (sv->buffer));
      menu_for_iter (sv, &cursor);
    }
  else
    menu_for_text (sv);
}

static void
on_secondary_press (GtkGestureClick *gesture, int n_press, double x, double y, SpellView *sv)
{
  if (sv->buffer != NULL)
    {
      GtkTextView *view = GTK_TEXT_VIEW (sv->widget);
      GtkTextIter at, sel_start, sel_end;
      int bx, by;

      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
      gtk_text_view_get_iter_at_location (view, &at, bx, by);
      /* The menu is about the word clicked: the cursor goes there, unless the click
       * is in the selection (which the menu's Cut and Copy are for). */
      if (!gtk_text_buffer_get_selection_bounds (sv->buffer, &sel_start, &sel_end)
          || !gtk_text_iter_in_range (&at, &sel_start, &sel_end))
        gtk_text_buffer_place_cursor (sv->buffer, &at);
      menu_for_iter (sv, &at);
    }
  else
    menu_for_text (sv);
}

static gboolean
on_menu_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state, SpellView *sv)
{
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    prepare_menu_at_cursor (sv);
  return FALSE; /* the widget opens its menu */
}

static void
replace_activated (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  SpellView *sv = data;
  const char *replacement = g_variant_get_string (parameter, NULL);

  if (sv->menu_word == NULL)
    return;
  if (sv->buffer != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_mark (sv->buffer, &start, sv->menu_start);
      gtk_text_buffer_get_iter_at_mark (sv->buffer, &end, sv->menu_end);
      gtk_text_buffer_begin_user_action (sv->buffer);
      gtk_text_buffer_delete_interactive (sv->buffer, &start, &end, TRUE);
      gtk_text_buffer_insert_interactive (sv->buffer, &start, replacement, -1, TRUE);
      gtk_text_buffer_end_user_action (sv->buffer);
      gtk_text_buffer_place_cursor (sv->buffer, &start);
    }
  else
    {
      int position = sv->menu_first;

      gtk_editable_delete_text (GTK_EDITABLE (sv->text), sv->menu_first, sv->menu_last);
      gtk_editable_insert_text (GTK_EDITABLE (sv->text), replacement, -1, &position);
      gtk_editable_set_position (GTK_EDITABLE (sv->text), position);
    }
  set_menu_word (sv, NULL);
}

static void
add_activated (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  SpellView *sv = data;

  if (sv->menu_word != NULL)
    ref_spell_checker_add_word (sv->checker, sv->menu_word);
}

static void
ignore_activated (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  SpellView *sv = data;

  if (sv->menu_word != NULL)
    ref_spell_checker_ignore_word (sv->checker, sv->menu_word);
}

static const GActionEntry spell_actions[] = {
  { .name = "replace", .activate = replace_activated, .parameter_type = "s" },
  { .name = "add", .activate = add_activated },
  { .name = "ignore", .activate = ignore_activated },
  { .name = "none" },
};

/* ---- attaching ---- */

static void
spell_view_free (gpointer data)
{
  SpellView *sv = data;

  g_clear_handle_id (&sv->idle_id, g_source_remove);
  g_clear_signal_handler (&sv->changed_id, sv->checker);
  g_clear_object (&sv->checker);
  if (sv->buffer != NULL)
    {
      g_signal_handlers_disconnect_by_data (sv->buffer, sv);
      unmark_all (sv);
      g_ptr_array_unref (sv->marked);
      clear_dirty (sv);
      if (sv->skipped != NULL)
        gtk_text_buffer_delete_mark (sv->buffer, sv->skipped);
      gtk_text_buffer_delete_mark (sv->buffer, sv->menu_start);
      gtk_text_buffer_delete_mark (sv->buffer, sv->menu_end);
      g_clear_object (&sv->buffer);
    }
  if (sv->text != NULL)
    {
      g_signal_handlers_disconnect_by_data (sv->text, sv);
      gtk_text_set_attributes (sv->text, NULL);
      g_clear_object (&sv->text);
    }
  g_clear_object (&sv->actions);
  g_clear_object (&sv->menu);
  g_clear_object (&sv->section);
  g_free (sv->menu_word);
  g_free (sv);
}

static GtkText *
editable_text (GtkWidget *widget)
{
  GtkEditable *editable = GTK_EDITABLE (widget);
  GtkEditable *delegate;

  while (!GTK_IS_TEXT (editable) && (delegate = gtk_editable_get_delegate (editable)) != NULL)
    editable = delegate;
  return GTK_IS_TEXT (editable) ? GTK_TEXT (editable) : NULL;
}

static void
attach_text_view (SpellView *sv, GtkTextView *view)
{
  GtkTextIter start;
  GMenuModel *own = gtk_text_view_get_extra_menu (view);

  sv->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  sv->marked = g_ptr_array_new ();
  gtk_text_buffer_get_start_iter (sv->buffer, &start);
  sv->menu_start = gtk_text_buffer_create_mark (sv->buffer, NULL, &start, TRUE);
  sv->menu_end = gtk_text_buffer_create_mark (sv->buffer, NULL, &start, FALSE);
  g_signal_connect_after (sv->buffer, "insert-text", G_CALLBACK (on_insert_text), sv);
  g_signal_connect_after (sv->buffer, "delete-range", G_CALLBACK (on_delete_range), sv);
  g_signal_connect (sv->buffer, "mark-set", G_CALLBACK (on_mark_set), sv);
  if (own != NULL)
    g_menu_append_section (sv->menu, NULL, own);
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (sv->menu));
}

static void
attach_editable (SpellView *sv, GtkText *text)
{
  GMenuModel *own = gtk_text_get_extra_menu (text);

  sv->text = g_object_ref (text);
  g_signal_connect (text, "changed", G_CALLBACK (on_text_changed), sv);
  g_signal_connect (text, "notify::cursor-position", G_CALLBACK (on_text_cursor), sv);
  g_signal_connect (text, "notify::has-focus", G_CALLBACK (on_text_cursor), sv);
  if (own != NULL)
    g_menu_append_section (sv->menu, NULL, own);
  gtk_text_set_extra_menu (text, G_MENU_MODEL (sv->menu));
}

void
ref_spell_view_attach (GtkWidget *widget, RefSpellChecker *checker)
{
  SpellView *sv;
  GtkWidget *target;
  GtkGesture *click;
  GtkEventController *keys;
  GtkText *text = NULL;

  g_return_if_fail (GTK_IS_TEXT_VIEW (widget) || GTK_IS_EDITABLE (widget));
  g_return_if_fail (REF_IS_SPELL_CHECKER (checker));

  if ((sv = spell_view_get (widget)) != NULL)
    {
      if (sv->checker == checker)
        return;
      ref_spell_view_detach (widget);
    }
  if (!GTK_IS_TEXT_VIEW (widget) && (text = editable_text (widget)) == NULL)
    return;

  sv = g_new0 (SpellView, 1);
  sv->widget = widget;
  sv->checker = g_object_ref (checker);
  sv->changed_id = g_signal_connect (checker, "changed", G_CALLBACK (on_checker_changed), sv);
  sv->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (sv->actions), spell_actions, G_N_ELEMENTS (spell_actions), sv);
  sv->menu = g_menu_new ();
  sv->section = g_menu_new ();
  g_menu_append_section (sv->menu, NULL, G_MENU_MODEL (sv->section));
  g_object_set_data_full (G_OBJECT (widget), DATA_KEY, sv, spell_view_free);

  if (GTK_IS_TEXT_VIEW (widget))
    attach_text_view (sv, GTK_TEXT_VIEW (widget));
  else
    attach_editable (sv, text);
  target = sv->text != NULL ? GTK_WIDGET (sv->text) : widget;
  gtk_widget_insert_action_group (target, "spell", G_ACTION_GROUP (sv->actions));

  /* Before the widget's own handlers open the menu: what it offers is decided
   * first. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "ref-spell-menu");
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_press), sv);
  gtk_widget_add_controller (target, GTK_EVENT_CONTROLLER (click));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (keys, "ref-spell-menu-keys");
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_menu_key), sv);
  gtk_widget_add_controller (target, keys);

  mark_all_dirty (sv);
}

static void
remove_controllers (GtkWidget *target)
{
  g_autoptr (GPtrArray) ours = g_ptr_array_new ();
  GListModel *controllers = gtk_widget_observe_controllers (target);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);
      const char *name = gtk_event_controller_get_name (c);

      if (name != NULL && g_str_has_prefix (name, "ref-spell-"))
        g_ptr_array_add (ours, c);
    }
  g_object_unref (controllers);
  for (guint i = 0; i < ours->len; i++)
    gtk_widget_remove_controller (target, g_ptr_array_index (ours, i));
}

void
ref_spell_view_detach (GtkWidget *widget)
{
  SpellView *sv = spell_view_get (widget);
  GtkWidget *target;

  if (sv == NULL)
    return;
  target = sv->text != NULL ? GTK_WIDGET (sv->text) : widget;
  remove_controllers (target);
  gtk_widget_insert_action_group (target, "spell", NULL);
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (widget), NULL);
  else
    gtk_text_set_extra_menu (sv->text, NULL);
  g_object_set_data (G_OBJECT (widget), DATA_KEY, NULL);
}

static gboolean
is_prose_field (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "ref-no-spell-check"))
    return FALSE;
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)) || gtk_text_view_get_cursor_visible (GTK_TEXT_VIEW (widget));
  if (GTK_IS_ENTRY (widget))
    return gtk_entry_get_visibility (GTK_ENTRY (widget))
           && gtk_entry_get_input_purpose (GTK_ENTRY (widget)) == GTK_INPUT_PURPOSE_FREE_FORM;
  return ADW_IS_ENTRY_ROW (widget) && !ADW_IS_PASSWORD_ENTRY_ROW (widget)
         && adw_entry_row_get_input_purpose (ADW_ENTRY_ROW (widget)) == GTK_INPUT_PURPOSE_FREE_FORM;
}

guint
ref_spell_view_attach_tree (GtkWidget *root, RefSpellChecker *checker)
{
  guint n = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (root), 0);
  g_return_val_if_fail (REF_IS_SPELL_CHECKER (checker), 0);

  if (is_prose_field (root))
    {
      ref_spell_view_attach (root, checker);
      /* An entry's own text child is the entry's, not a field of its own. */
      return 1;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += ref_spell_view_attach_tree (c, checker);
  return n;
}

void
ref_spell_view_foreach_marked (GtkWidget *widget, const GtkTextIter *from, const GtkTextIter *to,
                               RefSpellMarkFunc func, gpointer data)
{
  SpellView *sv = spell_view_get (widget);
  int a, b;

  if (sv == NULL || sv->buffer == NULL)
    return;
  a = gtk_text_iter_get_offset (from);
  b = gtk_text_iter_get_offset (to);
  for (guint i = first_ending_after (sv, a); i < sv->marked->len; i++)
    {
      MarkedWord *word = g_ptr_array_index (sv->marked, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_mark (sv->buffer, &start, word->start);
      if (gtk_text_iter_get_offset (&start) >= b)
        break;
      gtk_text_buffer_get_iter_at_mark (sv->buffer, &end, word->end);
      if (gtk_text_iter_compare (&start, &end) < 0)
        func (&start, &end, &word->drawn, data);
    }
}

void
ref_spell_view_forget_drawn (GtkWidget *widget, const GtkTextIter *from, const GtkTextIter *to)
{
  SpellView *sv = spell_view_get (widget);
  int a, b;
  guint i;

  if (sv == NULL || sv->buffer == NULL || sv->marked->len == 0)
    return;
  a = gtk_text_iter_get_offset (from);
  b = gtk_text_iter_get_offset (to);
  /* The first word ending at or after @from; the one before it is the neighbour. */
  i = first_ending_after (sv, a - 1);
  if (i > 0)
    i--;
  for (; i < sv->marked->len; i++)
    {
      MarkedWord *word = g_ptr_array_index (sv->marked, i);

      g_clear_pointer (&word->drawn, g_free);
      /* The first word starting after @to is the last. */
      if (mark_offset (sv, word->start) > b)
        break;
    }
}

RefSpellChecker *
ref_spell_view_get_checker (GtkWidget *widget)
{
  SpellView *sv = spell_view_get (widget);

  return sv != NULL ? sv->checker : NULL;
}

static void
note_marked (const GtkTextIter *start, const GtkTextIter *end, gpointer *drawn, gpointer data)
{
  *(gboolean *) data = TRUE;
}

gboolean
ref_spell_view_is_marked (GtkWidget *widget, int start, int end)
{
  SpellView *sv = spell_view_get (widget);

  if (sv == NULL)
    return FALSE;
  if (sv->buffer != NULL)
    {
      GtkTextIter from, to;
      g_autofree char *all = NULL;
      gboolean found = FALSE;

      gtk_text_buffer_get_bounds (sv->buffer, &from, &to);
      all = gtk_text_buffer_get_text (sv->buffer, &from, &to, TRUE);
      if (end < 0 || end > (int) strlen (all))
        end = strlen (all);
      gtk_text_buffer_get_iter_at_offset (sv->buffer, &from, g_utf8_pointer_to_offset (all, all + start));
      gtk_text_buffer_get_iter_at_offset (sv->buffer, &to, g_utf8_pointer_to_offset (all, all + end));
      ref_spell_view_foreach_marked (widget, &from, &to, note_marked, &found);
      return found;
    }
  {
    PangoAttrList *list = gtk_text_get_attributes (sv->text);
    g_autoptr (GSList) attrs = list ? pango_attr_list_get_attributes (list) : NULL;
    gboolean found = FALSE;

    for (GSList *l = attrs; l != NULL; l = l->next)
      {
        PangoAttribute *a = l->data;

        if (a->klass->type == PANGO_ATTR_UNDERLINE && (int) a->start_index < (end < 0 ? G_MAXINT : end)
            && (int) a->end_index > start)
          found = TRUE;
        pango_attribute_destroy (a);
      }
    return found;
  }
}
