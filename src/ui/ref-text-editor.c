/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ref-spell-view.h"
#include "ref-text-editor.h"
#include "ref-viewport-watch.h"
#include "ref-widget-util.h"

#define LINE_SEPARATOR "\xe2\x80\xa8" /* U+2028: a line break inside a paragraph */
#define LIST_MARGIN 32
#define TABLE_TAB_WIDTH 190
#define LINK_TAG_PREFIX "link:"
#define START_TAG_PREFIX "start:"

struct _RefTextEditor {
  GtkTextView parent_instance;

  GtkTextTag *style_tags[3]; /* bold, italic, underline */
  GtkTextTag *block_tags[4]; /* indexed by RefTextEditorBlock; [PARAGRAPH] is NULL */
  GtkTextTag *header_tag;
  RefStyle typing_style;
  RefTextEditorBlock insert_block;
  /* The block of the buffer's last line while it is empty: an empty last line has no
   * character to carry a block tag, yet "1. " typed there or Enter at the end of a
   * list must leave it a list entry until text arrives. */
  RefTextEditorBlock end_block;
  RefTextEditorBlock deleted_block; /* the block of the line a deletion starts in */
  RefHistory *history; /* weak: the meeting's history, to make each formatting step one undo step */
  int measured_height;  /* the height a relayout was last asked for */
  guint height_check;   /* idle: does that height still fit the text? */
  gulong layout_handler; /* on the frame clock's "layout" while realized */
  guint prelayout_source; /* idle: lay out the changed paragraph once (prelayout_idle) */
  guint reveal_tries;    /* layouts waited for the page to grow to the cursor */
  int changed_chars;     /* inserted and deleted since the cursor was last checked */
  int line_height;       /* of the view's font, for line_height_serial */
  guint line_height_serial;
  RefViewportWatch viewport; /* the item page's scrolled window, while rooted */
  /* While grab_focus runs: where the page was before the focus moved here. */
  gboolean grabbing_focus;
  double page_before_focus;
  /* The text as last converted from the buffer (ref_text_editor_get_text), the lines
   * each of its blocks spans then, and the buffer's line count then; NULL until the
   * text is first asked for, and again after ref_text_editor_set_text. */
  RefText *converted;
  GArray *converted_spans; /* LineSpan, one per block of converted */
  int converted_n_lines;
  /* What changed since: a left- and a right-gravity mark around every insertion,
   * deletion and change of one of the editor's tags; NULL when nothing did. */
  GtkTextMark *dirty_start;
  GtkTextMark *dirty_end;
  /* Misspelt words' underlines as measured (DrawnWord, kept with each word by the
   * spell view): valid while their epoch is this one, and measured for this width,
   * scale and Pango context. */
  guint underline_epoch;
  int underline_width;
  int underline_scale;
  guint underline_serial;
  guint underline_uncached : 1; /* right-to-left text: measure every frame */
  guint reveal_cursor : 1; /* the cursor moved or the text changed: keep it in view */
  guint changed_lines : 1; /* a line break inserted or deleted since then */
  guint loading : 1;
  guint normalising : 1;
};

G_DEFINE_FINAL_TYPE (RefTextEditor, ref_text_editor, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FORMAT_CHANGED,
  REQUEST_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const RefStyle style_bits[3] = { REF_STYLE_BOLD, REF_STYLE_ITALIC, REF_STYLE_UNDERLINE };

/* The first and last buffer line of a block of RefText. */
typedef struct {
  int first, last;
} LineSpan;

/* Set on the tags the editor makes (style, block, link, list start): the ones the
 * text depends on, unlike a spell checker's. */
static GQuark text_tag_quark;

static GtkTextTag *
mark_text_tag (GtkTextTag *tag)
{
  g_object_set_qdata (G_OBJECT (tag), text_tag_quark, GINT_TO_POINTER (1));
  return tag;
}

/* ---- formatting steps ---- */

/* A formatting command is one undo step of its own: not merged into the typing
 * before it, and the typing after it not merged into it. The model records the
 * change when the "text" binding passes it on, synchronously, between the seals. */
static void
step_begin (RefTextEditor *self)
{
  if (self->history != NULL)
    ref_history_seal (self->history);
}

static void
step_end (RefTextEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  if (self->history != NULL)
    ref_history_seal (self->history);
}

void
ref_text_editor_set_history (RefTextEditor *self, RefHistory *history)
{
  g_return_if_fail (REF_IS_TEXT_EDITOR (self));
  g_set_weak_pointer (&self->history, history);
}

/* ---- tags ---- */

static GtkTextTag *
link_tag (RefTextEditor *self, const char *href)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *name = g_strconcat (LINK_TAG_PREFIX, href, NULL);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag == NULL)
    tag = mark_text_tag (gtk_text_buffer_create_tag (buffer, name, "foreground", "#1c71d8", "underline",
                                                     PANGO_UNDERLINE_SINGLE, NULL));
  return tag;
}

static const char *
tag_href (GtkTextTag *tag)
{
  g_autofree char *name = NULL;

  g_object_get (tag, "name", &name, NULL);
  if (name == NULL || !g_str_has_prefix (name, LINK_TAG_PREFIX))
    return NULL;
  /* The name is owned by the tag; look it up again to return a stable pointer. */
  return g_intern_string (name + strlen (LINK_TAG_PREFIX));
}

static guint
tag_start_number (GtkTextTag *tag)
{
  g_autofree char *name = NULL;

  g_object_get (tag, "name", &name, NULL);
  if (name == NULL || !g_str_has_prefix (name, START_TAG_PREFIX))
    return 0;
  return (guint) g_ascii_strtoull (name + strlen (START_TAG_PREFIX), NULL, 10);
}

static GtkTextTag *
start_tag (RefTextEditor *self, guint start)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autofree char *name = g_strdup_printf (START_TAG_PREFIX "%u", start);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);

  return tag ? tag : mark_text_tag (gtk_text_buffer_create_tag (buffer, name, NULL));
}

/* ---- lines and blocks ---- */

/* Whether all of [@start, @end) has @tag. */
static gboolean
range_has_tag (const GtkTextIter *start, const GtkTextIter *end, GtkTextTag *tag)
{
  GtkTextIter probe = *start;
  gboolean all = gtk_text_iter_has_tag (&probe, tag);

  while (all && gtk_text_iter_forward_to_tag_toggle (&probe, tag) && gtk_text_iter_compare (&probe, end) < 0)
    all = gtk_text_iter_has_tag (&probe, tag);
  return all;
}

/* Applies or removes @tag only where that changes something. GtkTextBuffer lays out
 * again every line a tag change touches, changed or not, and the next line too when
 * the range ends at its start (as a whole line's range does): a no-op removal on
 * each keystroke made GTK lay out the typed paragraph and the one after it twice per
 * frame. */
static void
set_tag (GtkTextBuffer *buffer, GtkTextTag *tag, const GtkTextIter *start, const GtkTextIter *end, gboolean on)
{
  if (gtk_text_iter_equal (start, end))
    return;
  if (on && !range_has_tag (start, end, tag))
    gtk_text_buffer_apply_tag (buffer, tag, start, end);
  else if (!on && ref_text_range_touches_tag (start, end, tag))
    gtk_text_buffer_remove_tag (buffer, tag, start, end);
}


static void
line_bounds (GtkTextIter *iter, GtkTextIter *start, GtkTextIter *end_incl_newline)
{
  *start = *iter;
  gtk_text_iter_set_line_offset (start, 0);
  *end_incl_newline = *start;
  if (!gtk_text_iter_ends_line (end_incl_newline))
    gtk_text_iter_forward_to_line_end (end_incl_newline);
  gtk_text_iter_forward_char (end_incl_newline);
}

static RefTextEditorBlock
block_at_line (RefTextEditor *self, const GtkTextIter *iter)
{
  GtkTextIter start = *iter;

  gtk_text_iter_set_line_offset (&start, 0);
  if (gtk_text_iter_is_end (&start))
    return self->end_block;
  for (int b = REF_TEXT_EDITOR_BLOCK_BULLET; b <= REF_TEXT_EDITOR_BLOCK_TABLE; b++)
    if (gtk_text_iter_has_tag (&start, self->block_tags[b]))
      return b;
  return REF_TEXT_EDITOR_BLOCK_PARAGRAPH;
}

static void
apply_block_to_line (RefTextEditor *self, GtkTextIter *iter, RefTextEditorBlock block)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end, text_end;
  gboolean has_block;

  line_bounds (iter, &start, &end);
  if (gtk_text_iter_equal (&start, &end))
    {
      /* the empty last line */
      self->end_block = block;
      return;
    }
  /* A loaded line has its block's tag on its text and not on its line end (the line
   * break is inserted after it): the line has its block when its text has it. */
  text_end = start;
  if (!gtk_text_iter_ends_line (&text_end))
    gtk_text_iter_forward_to_line_end (&text_end);
  has_block = block != REF_TEXT_EDITOR_BLOCK_PARAGRAPH && !gtk_text_iter_equal (&start, &text_end)
              && range_has_tag (&start, &text_end, self->block_tags[block]);
  for (int b = REF_TEXT_EDITOR_BLOCK_BULLET; b <= REF_TEXT_EDITOR_BLOCK_TABLE; b++)
    if (b != (int) block || !has_block)
      set_tag (buffer, self->block_tags[b], &start, &end, b == (int) block);
  if (block != REF_TEXT_EDITOR_BLOCK_TABLE)
    set_tag (buffer, self->header_tag, &start, &end, FALSE);
}

/* ---- RefText → buffer ---- */

static void forget_converted (RefTextEditor *self);

static void
insert_runs (RefTextEditor *self, GtkTextIter *iter, const RefTextInline *inl, gboolean header)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  for (guint i = 0; i < inl->len; i++)
    {
      const RefTextRun *run = g_ptr_array_index (inl, i);
      g_auto (GStrv) pieces = g_strsplit (run->text, "\n", -1);
      g_autofree char *text = g_strjoinv (LINE_SEPARATOR, pieces);
      int offset = gtk_text_iter_get_offset (iter);
      GtkTextIter start;

      gtk_text_buffer_insert (buffer, iter, text, -1);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
      for (guint s = 0; s < G_N_ELEMENTS (style_bits); s++)
        if (run->style & style_bits[s])
          gtk_text_buffer_apply_tag (buffer, self->style_tags[s], &start, iter);
      if (run->href)
        gtk_text_buffer_apply_tag (buffer, link_tag (self, run->href), &start, iter);
      if (header)
        gtk_text_buffer_apply_tag (buffer, self->header_tag, &start, iter);
    }
}

static void
begin_line (GtkTextBuffer *buffer, GtkTextIter *iter, gboolean *first)
{
  if (!*first)
    gtk_text_buffer_insert (buffer, iter, "\n", 1);
  *first = FALSE;
}

void
ref_text_editor_set_text (RefTextEditor *self, RefText *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  gboolean first = TRUE;

  g_return_if_fail (REF_IS_TEXT_EDITOR (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  forget_converted (self);
  self->loading = TRUE;
  self->end_block = REF_TEXT_EDITOR_BLOCK_PARAGRAPH;
  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);

  for (guint b = 0; b < ref_text_get_n_blocks (text); b++)
    {
      RefTextBlock *block = ref_text_get_block (text, b);
      RefBlockKind kind = ref_text_block_get_kind (block);

      if (kind == REF_BLOCK_TABLE)
        {
          for (guint r = 0; r < ref_text_block_get_n_rows (block); r++)
            {
              RefTextRow *row = ref_text_block_get_row (block, r);

              begin_line (buffer, &iter, &first);
              for (guint c = 0; c < ref_text_row_get_n_cells (row); c++)
                {
                  if (c > 0)
                    gtk_text_buffer_insert (buffer, &iter, "\t", 1);
                  insert_runs (self, &iter, ref_text_row_get_cell (row, c), ref_text_row_get_header (row));
                }
              apply_block_to_line (self, &iter, REF_TEXT_EDITOR_BLOCK_TABLE);
              if (ref_text_row_get_header (row))
                {
                  GtkTextIter start, end;
                  line_bounds (&iter, &start, &end);
                  gtk_text_buffer_apply_tag (buffer, self->header_tag, &start, &end);
                }
            }
          continue;
        }
      for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
        {
          RefTextEditorBlock editor_block = kind == REF_BLOCK_BULLET_LIST     ? REF_TEXT_EDITOR_BLOCK_BULLET
                                            : kind == REF_BLOCK_NUMBERED_LIST ? REF_TEXT_EDITOR_BLOCK_NUMBERED
                                                                              : REF_TEXT_EDITOR_BLOCK_PARAGRAPH;
          begin_line (buffer, &iter, &first);
          insert_runs (self, &iter, ref_text_block_get_item (block, i), FALSE);
          apply_block_to_line (self, &iter, editor_block);
          if (i == 0 && kind == REF_BLOCK_NUMBERED_LIST && ref_text_block_get_start (block) != 1)
            {
              GtkTextIter start, end;
              line_bounds (&iter, &start, &end);
              gtk_text_buffer_apply_tag (buffer, start_tag (self, ref_text_block_get_start (block)), &start, &end);
            }
        }
    }
  self->loading = FALSE;
  /* The cursor waits at the end, where minutes are continued. Not at the start: in
   * GTK 4.8 moving the cursor away from (or onto) the first line makes the text view
   * drop the layout of every line (the line display cache treats a change at y = 0
   * as one of the whole buffer), so the first click or key in a long section would
   * lay out all of its paragraphs again within one frame (40 ms for 5,000 words). */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* ---- buffer → RefText ---- */

static RefStyle
style_at (RefTextEditor *self, const GtkTextIter *iter, const char **href)
{
  RefStyle style = REF_STYLE_NONE;
  GSList *tags = gtk_text_iter_get_tags (iter);

  *href = NULL;
  for (GSList *l = tags; l; l = l->next)
    {
      for (guint s = 0; s < G_N_ELEMENTS (style_bits); s++)
        if (l->data == self->style_tags[s])
          style |= style_bits[s];
      if (tag_href (l->data) != NULL)
        *href = tag_href (l->data);
    }
  g_slist_free (tags);
  return style;
}

/* Appends [start, end) to @inl run by run; tabs start a new cell when @row is set. */
static void
collect_runs (RefTextEditor *self, GtkTextIter start, const GtkTextIter *end, RefTextInline *inl,
              RefTextRow *row)
{
  while (gtk_text_iter_compare (&start, end) < 0)
    {
      GtkTextIter next = start;
      const char *href;
      RefStyle style = style_at (self, &start, &href);
      g_autofree char *slice = NULL;
      g_auto (GStrv) lines = NULL;
      g_autofree char *joined = NULL;

      if (!gtk_text_iter_forward_to_tag_toggle (&next, NULL) || gtk_text_iter_compare (&next, end) > 0)
        next = *end;
      slice = gtk_text_iter_get_text (&start, &next);
      lines = g_strsplit (slice, LINE_SEPARATOR, -1);
      joined = g_strjoinv ("\n", lines);
      if (row != NULL)
        {
          g_auto (GStrv) cells = g_strsplit (joined, "\t", -1);
          for (guint c = 0; cells[c]; c++)
            {
              if (c > 0)
                inl = ref_text_row_append_cell (row);
              ref_text_inline_append (inl, cells[c], style, href);
            }
        }
      else
        ref_text_inline_append (inl, joined, style, href);
      start = next;
    }
}

/* Appends the blocks of lines @first to @last (whole lines) to @text, and the line
 * span of each to @spans. The conversion of a line depends only on the line and the
 * one before it (empty lines end a block; a list entry or table row joins a block of
 * its kind on the line before), so converting from a line where a block starts gives
 * the blocks a conversion of the whole buffer gives there. */
static void
convert_lines (RefTextEditor *self, RefText *text, GArray *spans, int first, int last)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  RefTextBlock *block = NULL;
  RefTextEditorBlock current = REF_TEXT_EDITOR_BLOCK_PARAGRAPH;
  GtkTextIter line;
  int n = first;

  if (first > last)
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &line, first);
  do
    {
      GtkTextIter end = line;
      RefTextEditorBlock kind = block_at_line (self, &line);

      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);

      /* Empty lines separate blocks; they are not content. */
      if (gtk_text_iter_equal (&line, &end))
        {
          block = NULL;
          continue;
        }
      if (block == NULL || kind != current || kind == REF_TEXT_EDITOR_BLOCK_PARAGRAPH)
        {
          static const RefBlockKind kinds[] = { REF_BLOCK_PARAGRAPH, REF_BLOCK_BULLET_LIST, REF_BLOCK_NUMBERED_LIST,
                                                REF_BLOCK_TABLE };
          GSList *tags = gtk_text_iter_get_tags (&line);
          LineSpan span = { n, n };

          block = ref_text_append_block (text, kinds[kind]);
          g_array_append_val (spans, span);
          current = kind;
          for (GSList *l = tags; l; l = l->next)
            if (tag_start_number (l->data) > 0)
              ref_text_block_set_start (block, tag_start_number (l->data));
          g_slist_free (tags);
        }
      g_array_index (spans, LineSpan, spans->len - 1).last = n;
      if (kind == REF_TEXT_EDITOR_BLOCK_TABLE)
        {
          RefTextRow *row = ref_text_block_append_row (block, gtk_text_iter_has_tag (&line, self->header_tag));
          collect_runs (self, line, &end, ref_text_row_append_cell (row), row);
        }
      else
        collect_runs (self, line, &end, ref_text_block_append_item (block), NULL);
    }
  while (++n <= last && gtk_text_iter_forward_line (&line));
}

static void
forget_converted (RefTextEditor *self)
{
  g_clear_pointer (&self->converted, ref_text_unref);
  g_clear_pointer (&self->converted_spans, g_array_unref);
  ref_text_range_clear (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &self->dirty_start, &self->dirty_end);
}

/* Something changed in [@start, @end): widens the range the next conversion redoes. */
static void
mark_dirty (RefTextEditor *self, const GtkTextIter *start, const GtkTextIter *end)
{
  if (self->converted != NULL)
    ref_text_range_widen (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &self->dirty_start, &self->dirty_end,
                          start, end);
}

/* Before the buffer changes (GtkTextBuffer emits "changed", which passes the text on
 * to the model, from its own handler, before any handler connected after it). An
 * insertion lands between the two marks: the start stays left of it, the end moves
 * right of it. */
static void
on_insert_text_dirty (GtkTextBuffer *buffer, GtkTextIter *location, char *text, int len, RefTextEditor *self)
{
  mark_dirty (self, location, location);
}

static void
on_delete_range_dirty (GtkTextBuffer *buffer, GtkTextIter *start, GtkTextIter *end, RefTextEditor *self)
{
  mark_dirty (self, start, end);
}

static void
on_tag_dirty (GtkTextBuffer *buffer, GtkTextTag *tag, GtkTextIter *start, GtkTextIter *end, RefTextEditor *self)
{
  if (g_object_get_qdata (G_OBJECT (tag), text_tag_quark) != NULL)
    mark_dirty (self, start, end);
}

/* Converts the whole buffer, ignoring what was converted before. */
RefText *
ref_text_editor_convert_all (RefTextEditor *self)
{
  GtkTextBuffer *buffer;
  RefText *text = ref_text_new ();
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (LineSpan));

  g_return_val_if_fail (REF_IS_TEXT_EDITOR (self), text);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  convert_lines (self, text, spans, 0, gtk_text_buffer_get_line_count (buffer) - 1);
  return text;
}

/* The buffer as RefText. A keystroke in a section of 5,000 words converted all of it,
 * and the model then compared all of it with the text before: the blocks of lines
 * that did not change are now taken over from the last conversion (shared, not
 * copied), and only the lines around the change are converted again. */
RefText *
ref_text_editor_get_text (RefTextEditor *self)
{
  GtkTextBuffer *buffer;
  RefText *text;
  GArray *spans;
  GtkTextIter iter;
  int n_lines, d0, d1, delta, k, t, nb, first, last;

  g_return_val_if_fail (REF_IS_TEXT_EDITOR (self), ref_text_new ());
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  n_lines = gtk_text_buffer_get_line_count (buffer);
  if (self->converted != NULL && self->dirty_start == NULL)
    return ref_text_ref (self->converted);

  text = ref_text_new ();
  spans = g_array_new (FALSE, FALSE, sizeof (LineSpan));
  if (self->converted == NULL)
    convert_lines (self, text, spans, 0, n_lines - 1);
  else
    {
      const LineSpan *old = (const LineSpan *) (gpointer) self->converted_spans->data;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->dirty_start);
      d0 = gtk_text_iter_get_line (&iter);
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->dirty_end);
      d1 = gtk_text_iter_get_line (&iter);
      /* Every change lies within [d0, d1], so a line after it moved by delta. */
      delta = n_lines - self->converted_n_lines;
      nb = (int) self->converted_spans->len;
      /* Blocks that end before the line before the change: their lines, and the line
       * after their last, are as they were, so they and the boundary after them
       * stand. Likewise blocks that start after the line after the change. */
      for (k = 0; k < nb && old[k].last < d0 - 1; k++)
        ;
      for (t = nb; t > k && old[t - 1].first > d1 - delta + 1; t--)
        ;
      first = k > 0 ? old[k - 1].last + 1 : 0;
      last = t < nb ? old[t].first + delta - 1 : n_lines - 1;
      for (int b = 0; b < k; b++)
        {
          ref_text_append_shared_block (text, ref_text_get_block (self->converted, b));
          g_array_append_val (spans, old[b]);
        }
      convert_lines (self, text, spans, first, last);
      for (int b = t; b < nb; b++)
        {
          LineSpan moved = { old[b].first + delta, old[b].last + delta };

          ref_text_append_shared_block (text, ref_text_get_block (self->converted, b));
          g_array_append_val (spans, moved);
        }
      ref_text_range_clear (buffer, &self->dirty_start, &self->dirty_end);
    }
  g_clear_pointer (&self->converted, ref_text_unref);
  g_clear_pointer (&self->converted_spans, g_array_unref);
  self->converted = ref_text_ref (text);
  self->converted_spans = spans;
  self->converted_n_lines = n_lines;
  return text;
}

/* ---- editing ---- */

static void
on_insert_text_before (GtkTextBuffer *buffer, GtkTextIter *location, char *text, int len, RefTextEditor *self)
{
  self->insert_block = block_at_line (self, location);
}

/* New text takes the typing style and the block of the line it was typed into, so a
 * new line in a list is a new list entry. */
static void
on_insert_text_after (GtkTextBuffer *buffer, GtkTextIter *location, char *text, int len, RefTextEditor *self)
{
  GtkTextIter start = *location;
  GtkTextIter line;
  int n_chars;

  if (self->loading || self->normalising)
    return;
  n_chars = (int) g_utf8_strlen (text, len);
  gtk_text_iter_backward_chars (&start, n_chars);

  self->normalising = TRUE;
  for (guint s = 0; s < G_N_ELEMENTS (style_bits); s++)
    set_tag (buffer, self->style_tags[s], &start, location, (self->typing_style & style_bits[s]) != 0);
  line = start;
  do
    apply_block_to_line (self, &line, self->insert_block);
  while (gtk_text_iter_forward_line (&line) && gtk_text_iter_compare (&line, location) <= 0);
  /* A line break typed at the very end opens an empty last line in the same block. */
  if (gtk_text_iter_is_end (location) && gtk_text_iter_starts_line (location))
    self->end_block = self->insert_block;
  self->normalising = FALSE;
}

static void
on_delete_range_before (GtkTextBuffer *buffer, GtkTextIter *start, GtkTextIter *end, RefTextEditor *self)
{
  self->deleted_block = block_at_line (self, start);
}

/* Joining two lines leaves one line with two blocks; the first line's block wins.
 * Emptying the last line keeps its block, as word processors do. */
static void
on_delete_range_after (GtkTextBuffer *buffer, GtkTextIter *start, GtkTextIter *end, RefTextEditor *self)
{
  if (self->loading || self->normalising)
    return;
  self->normalising = TRUE;
  apply_block_to_line (self, start, self->deleted_block);
  self->normalising = FALSE;
}

static void request_reveal_cursor (RefTextEditor *self);
static void request_prelayout (RefTextEditor *self);

static void
on_changed (GtkTextBuffer *buffer, RefTextEditor *self)
{
  if (!self->loading)
    {
      request_prelayout (self);
      request_reveal_cursor (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}

/* The typing style follows the text before the cursor, as in word processors. */
static void
on_mark_set (GtkTextBuffer *buffer, GtkTextIter *location, GtkTextMark *mark, RefTextEditor *self)
{
  GtkTextIter before = *location;
  const char *href;

  if (mark != gtk_text_buffer_get_insert (buffer) || self->loading)
    return;
  request_reveal_cursor (self);
  if (!gtk_text_iter_starts_line (&before))
    gtk_text_iter_backward_char (&before);
  self->typing_style = style_at (self, &before, &href);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
}

void
ref_text_editor_toggle_style (RefTextEditor *self, RefStyle style)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkTextTag *tag = NULL;

  g_return_if_fail (REF_IS_TEXT_EDITOR (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  for (guint s = 0; s < G_N_ELEMENTS (style_bits); s++)
    if (style_bits[s] == style)
      tag = self->style_tags[s];
  g_return_if_fail (tag != NULL);

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      self->typing_style ^= style;
      g_signal_emit (self, signals[FORMAT_CHANGED], 0);
      return;
    }
  /* Whole selection already styled → remove, else apply (like any word processor). */
  step_begin (self);
  if (range_has_tag (&start, &end, tag))
    gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  else
    gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
  step_end (self);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
}

/* Whether the style is on where typing goes, or on the whole selection. */
gboolean
ref_text_editor_get_style_active (RefTextEditor *self, RefStyle style)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (REF_IS_TEXT_EDITOR (self), FALSE);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return (self->typing_style & style) != 0;
  for (guint s = 0; s < G_N_ELEMENTS (style_bits); s++)
    if (style_bits[s] == style)
      return range_has_tag (&start, &end, self->style_tags[s]);
  return FALSE;
}

RefTextEditorBlock
ref_text_editor_get_block_at_cursor (RefTextEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_val_if_fail (REF_IS_TEXT_EDITOR (self), REF_TEXT_EDITOR_BLOCK_PARAGRAPH);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return block_at_line (self, &iter);
}

void
ref_text_editor_set_block (RefTextEditor *self, RefTextEditorBlock block)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end, line;

  g_return_if_fail (REF_IS_TEXT_EDITOR (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (block_at_line (self, &start) == block)
    block = REF_TEXT_EDITOR_BLOCK_PARAGRAPH;

  step_begin (self);
  self->normalising = TRUE;
  line = start;
  gtk_text_iter_set_line_offset (&line, 0);
  do
    apply_block_to_line (self, &line, block);
  while (gtk_text_iter_forward_line (&line) && gtk_text_iter_compare (&line, &end) <= 0);
  self->normalising = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  step_end (self);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
}

/* ---- links ---- */

static GtkTextTag *
link_tag_at (RefTextEditor *self, const GtkTextIter *iter)
{
  GSList *tags = gtk_text_iter_get_tags (iter);
  GtkTextTag *found = NULL;

  for (GSList *l = tags; l && found == NULL; l = l->next)
    if (tag_href (l->data) != NULL)
      found = l->data;
  g_slist_free (tags);
  return found;
}

/* The link under the cursor (or the character before it, where typing continues). */
static GtkTextTag *
link_tag_at_cursor (RefTextEditor *self, GtkTextIter *cursor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter before;
  GtkTextTag *tag;

  gtk_text_buffer_get_iter_at_mark (buffer, cursor, gtk_text_buffer_get_insert (buffer));
  if ((tag = link_tag_at (self, cursor)) != NULL)
    return tag;
  before = *cursor;
  if (gtk_text_iter_backward_char (&before) && (tag = link_tag_at (self, &before)) != NULL)
    *cursor = before;
  return tag;
}

char *
ref_text_editor_get_link (RefTextEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkTextTag *tag;

  g_return_val_if_fail (REF_IS_TEXT_EDITOR (self), NULL);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    tag = link_tag_at (self, &start);
  else
    tag = link_tag_at_cursor (self, &start);
  return tag ? g_strdup (tag_href (tag)) : NULL;
}

/* Makes the selection a link to @href (NULL or "" removes links from it). Without a
 * selection, the link under the cursor changes; where there is none, @href itself is
 * inserted as the link's text. */
void
ref_text_editor_set_link (RefTextEditor *self, const char *href)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  gboolean remove = href == NULL || *href == '\0';

  g_return_if_fail (REF_IS_TEXT_EDITOR (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  step_begin (self);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      GtkTextTag *tag = link_tag_at_cursor (self, &start);

      end = start;
      if (tag != NULL)
        {
          if (!gtk_text_iter_starts_tag (&start, tag))
            gtk_text_iter_backward_to_tag_toggle (&start, tag);
          gtk_text_iter_forward_to_tag_toggle (&end, tag);
        }
      else if (!remove)
        {
          int offset = gtk_text_iter_get_offset (&start);

          gtk_text_buffer_insert (buffer, &end, href, -1);
          gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
        }
    }
  {
    GtkTextIter probe = start;

    /* Drop every link in the range first: one range, one target. */
    while (gtk_text_iter_compare (&probe, &end) < 0)
      {
        GtkTextTag *tag = link_tag_at (self, &probe);
        if (tag != NULL)
          gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
        if (!gtk_text_iter_forward_to_tag_toggle (&probe, NULL))
          break;
      }
  }
  if (!remove && !gtk_text_iter_equal (&start, &end))
    gtk_text_buffer_apply_tag (buffer, link_tag (self, href), &start, &end);
  step_end (self);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
}

/* The key's symbol without Shift or any other level: what is printed on the key in
 * the current layout's first level. Ctrl+Shift+7 is Ctrl+Shift+slash on a Danish
 * keyboard and Ctrl+Shift+ampersand on an American one; both are the 7 key. */
static guint
unshifted_keyval (GtkEventControllerKey *controller, guint keycode)
{
  GdkDisplay *display = gtk_widget_get_display (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  guint group = gtk_event_controller_key_get_group (controller);
  g_autofree GdkKeymapKey *keys = NULL;
  g_autofree guint *keyvals = NULL;
  int n = 0;
  guint found = 0;

  if (!gdk_display_map_keycode (display, keycode, &keys, &keyvals, &n))
    return 0;
  for (int i = 0; i < n && found == 0; i++)
    if (keys[i].level == 0 && keys[i].group == (int) group)
      found = keyvals[i];
  for (int i = 0; i < n && found == 0; i++)
    if (keys[i].level == 0)
      found = keyvals[i];
  return found;
}

/* "1. ", "- " or "* " typed at the start of a paragraph starts a list. The space is
 * typed first, so that undo takes the list back to the characters as typed. */
static gboolean
autoformat_list (RefTextEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, cursor, prev;
  g_autofree char *typed = NULL;
  RefTextEditorBlock block;
  guint64 number = 1;
  gboolean continues;

  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (block_at_line (self, &cursor) != REF_TEXT_EDITOR_BLOCK_PARAGRAPH)
    return FALSE;
  start = cursor;
  gtk_text_iter_set_line_offset (&start, 0);
  typed = gtk_text_iter_get_text (&start, &cursor);
  if (g_str_equal (typed, "-") || g_str_equal (typed, "*"))
    block = REF_TEXT_EDITOR_BLOCK_BULLET;
  else if (strlen (typed) >= 2 && strlen (typed) <= 4 && g_str_has_suffix (typed, "."))
    {
      typed[strlen (typed) - 1] = '\0';
      if (!g_ascii_string_to_unsigned (typed, 10, 1, 999, &number, NULL))
        return FALSE;
      block = REF_TEXT_EDITOR_BLOCK_NUMBERED;
    }
  else
    return FALSE;

  gtk_text_buffer_insert_interactive_at_cursor (buffer, " ", 1, TRUE);
  step_begin (self);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  start = cursor;
  gtk_text_iter_set_line_offset (&start, 0);
  prev = start;
  continues = gtk_text_iter_backward_line (&prev) && block_at_line (self, &prev) == block;
  self->normalising = TRUE;
  gtk_text_buffer_delete (buffer, &start, &cursor);
  apply_block_to_line (self, &start, block);
  /* "3. " starts a list at 3; within a list the number comes from the position. */
  if (block == REF_TEXT_EDITOR_BLOCK_NUMBERED && number != 1 && !continues)
    {
      GtkTextIter line_start, line_end;

      line_bounds (&start, &line_start, &line_end);
      gtk_text_buffer_apply_tag (buffer, start_tag (self, (guint) number), &line_start, &line_end);
    }
  self->normalising = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  step_end (self);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
  return TRUE;
}

/* Enter on an empty list entry ends the list; Shift+Enter breaks the line inside the
 * paragraph instead of starting a new one. The list shortcuts go by the physical key,
 * so that they work on every keyboard layout. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                RefTextEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK);
  gboolean editable = gtk_text_view_get_editable (GTK_TEXT_VIEW (self));
  GtkTextIter iter;

  if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK) && editable)
    {
      guint key = unshifted_keyval (controller, keycode);

      if (key == GDK_KEY_8 || key == GDK_KEY_7)
        {
          ref_text_editor_set_block (self, key == GDK_KEY_8 ? REF_TEXT_EDITOR_BLOCK_BULLET : REF_TEXT_EDITOR_BLOCK_NUMBERED);
          return TRUE;
        }
    }
  if (mods == GDK_CONTROL_MASK && unshifted_keyval (controller, keycode) == GDK_KEY_k && editable)
    {
      g_signal_emit (self, signals[REQUEST_LINK], 0);
      return TRUE;
    }
  if (keyval == GDK_KEY_space && (mods & ~GDK_SHIFT_MASK) == 0 && editable)
    return autoformat_list (self);
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter)
    return FALSE;
  if (!editable)
    return FALSE;
  if (state & GDK_SHIFT_MASK)
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, LINE_SEPARATOR, -1, TRUE);
      return TRUE;
    }
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (gtk_text_iter_starts_line (&iter) && gtk_text_iter_ends_line (&iter))
    {
      RefTextEditorBlock block = block_at_line (self, &iter);
      if (block == REF_TEXT_EDITOR_BLOCK_BULLET || block == REF_TEXT_EDITOR_BLOCK_NUMBERED)
        {
          ref_text_editor_set_block (self, block); /* toggles back to a paragraph */
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- list markers ---- */

static guint
number_of_line (RefTextEditor *self, GtkTextIter line)
{
  guint n = 1;
  GtkTextIter prev = line;

  while (gtk_text_iter_backward_line (&prev) && block_at_line (self, &prev) == REF_TEXT_EDITOR_BLOCK_NUMBERED)
    {
      n++;
      line = prev;
    }
  {
    GSList *tags = gtk_text_iter_get_tags (&line);
    for (GSList *l = tags; l; l = l->next)
      if (tag_start_number (l->data) > 0)
        n += tag_start_number (l->data) - 1;
    g_slist_free (tags);
  }
  return n;
}

static void
draw_marker (RefTextEditor *self, GtkSnapshot *snapshot, GtkTextIter *line, const GdkRGBA *color)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  RefTextEditorBlock block = block_at_line (self, line);
  g_autofree char *marker = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  GdkRectangle location;
  int width, height;

  if (block == REF_TEXT_EDITOR_BLOCK_BULLET)
    marker = g_strdup ("•");
  else if (block == REF_TEXT_EDITOR_BLOCK_NUMBERED)
    marker = g_strdup_printf ("%u.", number_of_line (self, *line));
  else
    return;

  gtk_text_view_get_iter_location (view, line, &location);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), marker);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  /* The empty last line has no left margin of its own: place it as list entries are. */
  if (gtk_text_iter_is_end (line) && gtk_text_iter_starts_line (line))
    location.x += LIST_MARGIN;
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (location.x - width - 8, location.y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* ---- spelling marks ----
 *
 * The spell view keeps the misspelt words as marks, not a tag (see ref-spell-view.c),
 * and the editor underlines them: a red line of two pixels, one rectangle for each
 * display line a word is on. Not GTK's dotted error underline: GTK 4.8 draws that as a
 * repeat node of a round dot, which the cairo renderer (a desktop without GL, a
 * remote session) renders through a surface of its own for each word.
 *
 * Where a word is comes from gtk_text_view_get_iter_location, and each call counts the
 * characters of the paragraph up to it (Pango's index-to-x): in a long paragraph of
 * misspelt words, two calls per word per frame were a third of a keystroke. So each
 * word keeps where its two ends were (a DrawnWord, y from its paragraph's top), and a
 * frame looks up only the two ends of each run of such words on one display line:
 *
 * - A change frees what the words it touches and their nearest neighbours kept
 *   (ref_spell_view_forget_drawn, from the buffer's handlers): two words that both
 *   kept theirs have had no change between them since they were measured.
 * - A run is words that kept theirs, one after the other in one paragraph, measured
 *   on one display line, and moved by the same number of characters since (no
 *   insertion or deletion between them).
 * - If the run's first word starts and its last word ends where they did, or both
 *   moved alike (typing earlier on the line), on one display line, then so did
 *   everything between: the same text, starting at the same place, on one line. If
 *   not (a word went on to the next line), each half of the run is tried the same
 *   way, down to single words, which are measured again.
 *
 * Anything that moves every line (width, font, the view's margins, a tag's look)
 * starts a new epoch, and text with right-to-left characters is measured every frame:
 * one such character can turn a whole paragraph, and GTK carries it on to the next. */

#define SPELL_LINE 2 /* px */

static const GdkRGBA spell_color = { 0.88, 0.11, 0.14, 1.0 };

typedef struct {
  guint epoch;
  int offset; /* the word's start, in characters from its paragraph's start */
  int length; /* in characters */
  GdkRectangle from, to; /* its two ends' locations, y from the paragraph's top */
  guint n_rects;
  graphene_rect_t rects[]; /* the underline, y from the paragraph's top */
} DrawnWord;

/* A misspelt word in view, this frame. */
typedef struct {
  GtkTextIter start, end;
  gpointer *drawn;
  int paragraph, offset, length;
} ShownWord;

typedef struct {
  RefTextEditor *self;
  GtkSnapshot *snapshot;
  GArray *shown; /* ShownWord */
  GArray *rects; /* graphene_rect_t: the word being measured */
  int paragraph; /* the buffer line whose top is paragraph_y; -1: none yet */
  int paragraph_y;
} SpellDrawing;

/* The line from @from to @to, the locations of a word's two ends on one display line. */
static void
append_underline (SpellDrawing *d, const GdkRectangle *from, const GdkRectangle *to)
{
  if (to->x != from->x)
    {
      graphene_rect_t rect = GRAPHENE_RECT_INIT (MIN (from->x, to->x), from->y + from->height - SPELL_LINE,
                                                 ABS (to->x - from->x), SPELL_LINE);

      g_array_append_val (d->rects, rect);
    }
}

/* The line under [@start, @end), which lie on one display line; @end may be where the
 * next display line starts. */
static void
underline_segment (SpellDrawing *d, const GtkTextIter *start, const GtkTextIter *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (d->self);
  GdkRectangle from, to;

  gtk_text_view_get_iter_location (view, start, &from);
  gtk_text_view_get_iter_location (view, end, &to);
  if (to.y != from.y)
    {
      GtkTextIter last = *end;

      gtk_text_iter_backward_char (&last);
      gtk_text_view_get_iter_location (view, &last, &to);
      to.x += to.width;
    }
  append_underline (d, &from, &to);
}

static int
paragraph_top (SpellDrawing *d, const ShownWord *word)
{
  if (word->paragraph != d->paragraph)
    {
      gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (d->self), &word->start, &d->paragraph_y, NULL);
      d->paragraph = word->paragraph;
    }
  return d->paragraph_y;
}

/* Measures @word, keeps what it found, and draws it. */
static void
measure_word (SpellDrawing *d, const ShownWord *word)
{
  GtkTextView *view = GTK_TEXT_VIEW (d->self);
  GtkTextIter segment = word->start;
  GdkRectangle from, to;
  DrawnWord *drawn;
  int top = paragraph_top (d, word);

  g_array_set_size (d->rects, 0);
  /* Nearly always on one display line: two locations. */
  gtk_text_view_get_iter_location (view, &word->start, &from);
  gtk_text_view_get_iter_location (view, &word->end, &to);
  if (from.y == to.y)
    append_underline (d, &from, &to);
  else
    /* One segment per display line: a word longer than the line wraps. */
    while (gtk_text_iter_compare (&segment, &word->end) < 0)
      {
        GtkTextIter line_end = segment;

        if (!gtk_text_view_forward_display_line_end (view, &line_end)
            || gtk_text_iter_compare (&line_end, &word->end) > 0)
          line_end = word->end;
        if (gtk_text_iter_equal (&line_end, &segment))
          break;
        underline_segment (d, &segment, &line_end);
        segment = line_end;
        if (gtk_text_iter_compare (&segment, &word->end) < 0 && !gtk_text_view_starts_display_line (view, &segment))
          gtk_text_view_forward_display_line (view, &segment);
      }

  drawn = g_malloc (sizeof (DrawnWord) + d->rects->len * sizeof (graphene_rect_t));
  drawn->epoch = d->self->underline_epoch;
  drawn->offset = word->offset;
  drawn->length = word->length;
  drawn->from = from;
  drawn->to = to;
  drawn->from.y -= top;
  drawn->to.y -= top;
  drawn->n_rects = d->rects->len;
  for (guint i = 0; i < d->rects->len; i++)
    {
      drawn->rects[i] = g_array_index (d->rects, graphene_rect_t, i);
      drawn->rects[i].origin.y -= top;
      gtk_snapshot_append_color (d->snapshot, &spell_color, &g_array_index (d->rects, graphene_rect_t, i));
    }
  g_free (*word->drawn);
  *word->drawn = drawn;
}

/* What @word kept, if a run may use it: of this epoch, for this length, and on one
 * display line. */
static const DrawnWord *
kept (RefTextEditor *self, const ShownWord *word)
{
  const DrawnWord *drawn = *word->drawn;

  if (drawn == NULL || self->underline_uncached || drawn->epoch != self->underline_epoch
      || drawn->length != word->length || drawn->from.y != drawn->to.y)
    return NULL;
  return drawn;
}

static void
collect_shown (const GtkTextIter *start, const GtkTextIter *end, gpointer *drawn, gpointer data)
{
  SpellDrawing *d = data;
  ShownWord word = { *start, *end, drawn, gtk_text_iter_get_line (start), gtk_text_iter_get_line_offset (start),
                     gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start) };

  g_array_append_val (d->shown, word);
}

/* Draws the run of shown words [@i, @j), all of which kept what they measured. @first
 * and @last are the locations of the run's start and end now, if known. */
static void
draw_run (SpellDrawing *d, guint i, guint j, const GdkRectangle *first, const GdkRectangle *last)
{
  GtkTextView *view = GTK_TEXT_VIEW (d->self);
  const ShownWord *first_word = &g_array_index (d->shown, ShownWord, i);
  const ShownWord *last_word = &g_array_index (d->shown, ShownWord, j - 1);
  const DrawnWord *first_kept = *first_word->drawn, *last_kept = *last_word->drawn;
  GdkRectangle first_now, last_now;
  int top = paragraph_top (d, first_word), dx, dy;
  guint mid;

  if (j - i == 1)
    {
      measure_word (d, first_word);
      return;
    }
  if (first != NULL)
    first_now = *first;
  else
    gtk_text_view_get_iter_location (view, &first_word->start, &first_now);
  if (last != NULL)
    last_now = *last;
  else
    gtk_text_view_get_iter_location (view, &last_word->end, &last_now);
  dx = first_now.x - first_kept->from.x;
  dy = first_now.y - top - first_kept->from.y;
  /* Both ends moved alike, on a line of the same height: so did everything between.
   * (Not if the line is stretched to the full width: then its spaces widen.) */
  if (last_now.x - last_kept->to.x == dx && last_now.y - top - last_kept->to.y == dy
      && first_now.height == first_kept->from.height && last_now.height == last_kept->to.height
      && (dx == 0 || gtk_text_view_get_justification (view) != GTK_JUSTIFY_FILL))
    {
      for (guint k = i; k < j; k++)
        {
          const ShownWord *word = &g_array_index (d->shown, ShownWord, k);
          DrawnWord *drawn = *word->drawn;

          drawn->offset = word->offset;
          drawn->from.x += dx;
          drawn->from.y += dy;
          drawn->to.x += dx;
          drawn->to.y += dy;
          for (guint r = 0; r < drawn->n_rects; r++)
            {
              graphene_rect_t rect = drawn->rects[r];

              drawn->rects[r].origin.x += dx;
              drawn->rects[r].origin.y += dy;
              rect.origin.x += dx;
              rect.origin.y += dy + top;
              gtk_snapshot_append_color (d->snapshot, &spell_color, &rect);
            }
        }
      return;
    }
  /* Part of the line moved otherwise (a word went on to the next line, say): halves. */
  mid = (i + j) / 2;
  draw_run (d, i, mid, &first_now, NULL);
  draw_run (d, mid, j, NULL, &last_now);
}

static void
draw_shown (SpellDrawing *d)
{
  RefTextEditor *self = d->self;
  guint i = 0;

  while (i < d->shown->len)
    {
      const ShownWord *first = &g_array_index (d->shown, ShownWord, i);
      const DrawnWord *first_kept = kept (self, first);
      guint j = i + 1;

      if (first_kept == NULL)
        {
          measure_word (d, first);
          i++;
          continue;
        }
      /* The run: what follows in the paragraph on the same display line, moved as
       * far in the text. */
      for (; j < d->shown->len; j++)
        {
          const ShownWord *next = &g_array_index (d->shown, ShownWord, j);
          const DrawnWord *next_kept = kept (self, next);

          if (next_kept == NULL || next->paragraph != first->paragraph || next_kept->from.y != first_kept->from.y
              || next->offset - next_kept->offset != first->offset - first_kept->offset)
            break;
        }
      draw_run (d, i, j, NULL, NULL);
      i = j;
    }
}

/* A new epoch: every word is measured again when next drawn. */
static void
forget_underlines (RefTextEditor *self)
{
  self->underline_epoch++;
}

void
ref_text_editor_remeasure_underlines (RefTextEditor *self)
{
  g_return_if_fail (REF_IS_TEXT_EDITOR (self));
  forget_underlines (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether @text has a character that can turn a paragraph right-to-left. */
static gboolean
has_right_to_left (const char *text, int len)
{
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x0590)
        continue;
      if (c <= 0x08FF || (c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
          || (c >= 0x2066 && c <= 0x2069) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)
          || (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF))
        return TRUE;
    }
  return FALSE;
}

/* Before each change: the underlines it may move, and its size for the check that
 * the cursor stays in view (request_reveal_cursor). */
static void
on_insert_text_noted (GtkTextBuffer *buffer, GtkTextIter *location, char *text, int len, RefTextEditor *self)
{
  self->changed_chars += (int) g_utf8_strlen (text, len);
  if (memchr (text, '\n', len) != NULL || memchr (text, '\r', len) != NULL)
    self->changed_lines = TRUE;
  if (!self->underline_uncached && has_right_to_left (text, len))
    self->underline_uncached = TRUE;
  ref_spell_view_forget_drawn (GTK_WIDGET (self), location, location);
}

static void
on_delete_range_noted (GtkTextBuffer *buffer, GtkTextIter *start, GtkTextIter *end, RefTextEditor *self)
{
  self->changed_chars += gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start);
  if (gtk_text_iter_get_line (start) != gtk_text_iter_get_line (end))
    self->changed_lines = TRUE;
  ref_spell_view_forget_drawn (GTK_WIDGET (self), start, end);
}

static void
on_tag_noted (GtkTextBuffer *buffer, GtkTextTag *tag, GtkTextIter *start, GtkTextIter *end, RefTextEditor *self)
{
  ref_spell_view_forget_drawn (GTK_WIDGET (self), start, end);
}

static void
on_tag_table_changed (RefTextEditor *self)
{
  forget_underlines (self);
}

static void
draw_spelling_marks (RefTextEditor *self, GtkSnapshot *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  g_autoptr (GArray) shown = g_array_new (FALSE, FALSE, sizeof (ShownWord));
  g_autoptr (GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  SpellDrawing d = { self, snapshot, shown, rects, -1, 0 };
  GdkRectangle visible;
  graphene_rect_t area;
  GtkTextIter from, to;
  guint serial = pango_context_get_serial (gtk_text_view_get_ltr_context (view))
                 + pango_context_get_serial (gtk_text_view_get_rtl_context (view));
  int top, bottom;

  if (gtk_widget_get_width (GTK_WIDGET (self)) != self->underline_width
      || gtk_widget_get_scale_factor (GTK_WIDGET (self)) != self->underline_scale
      || serial != self->underline_serial)
    {
      self->underline_width = gtk_widget_get_width (GTK_WIDGET (self));
      self->underline_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      self->underline_serial = serial;
      forget_underlines (self);
    }
  gtk_text_view_get_visible_rect (view, &visible);
  top = visible.y;
  bottom = visible.y + visible.height;
  /* A field taller than the page: only what the page shows (the text view never
   * scrolls itself, so its widget coordinates are its buffer's). */
  if (ref_viewport_watch_get_visible (&self->viewport, &area))
    {
      top = MAX (top, (int) area.origin.y - 50);
      bottom = MIN (bottom, (int) (area.origin.y + area.size.height) + 50);
    }
  if (top >= bottom)
    return;
  /* Whole paragraphs: a run's words must all have been drawn in the same frames. */
  gtk_text_view_get_line_at_y (view, &from, top, NULL);
  gtk_text_view_get_line_at_y (view, &to, bottom, NULL);
  if (!gtk_text_iter_ends_line (&to))
    gtk_text_iter_forward_to_line_end (&to);
  ref_spell_view_foreach_marked (GTK_WIDGET (self), &from, &to, collect_shown, &d);
  draw_shown (&d);
}

static void
ref_text_editor_snapshot_layer (GtkTextView *view, GtkTextViewLayer layer, GtkSnapshot *snapshot)
{
  RefTextEditor *self = REF_TEXT_EDITOR (view);
  GdkRectangle visible;
  GtkTextIter line, last;
  GdkRGBA color;

  /* GtkTextView has no default implementation to chain up to. */
  if (GTK_TEXT_VIEW_CLASS (ref_text_editor_parent_class)->snapshot_layer != NULL)
    GTK_TEXT_VIEW_CLASS (ref_text_editor_parent_class)->snapshot_layer (view, layer, snapshot);
  if (layer == GTK_TEXT_VIEW_LAYER_ABOVE_TEXT)
    {
      draw_spelling_marks (self, snapshot);
      return;
    }
  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &color);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &line, visible.y, NULL);
  gtk_text_view_get_line_at_y (view, &last, visible.y + visible.height, NULL);

  do
    draw_marker (self, snapshot, &line, &color);
  while (gtk_text_iter_forward_line (&line) && gtk_text_iter_compare (&line, &last) <= 0);
  /* forward_line () does not stop at an empty last line. */
  if (gtk_text_iter_is_end (&line) && gtk_text_iter_starts_line (&line) && gtk_text_iter_get_line (&line) > 0)
    draw_marker (self, snapshot, &line, &color);
}

/* ---- drawing ---- */

static void on_root_focus_changed (RefTextEditor *self, GParamSpec *pspec, GtkRoot *root);

static void
ref_text_editor_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ref_text_editor_parent_class)->root (widget);
  ref_viewport_watch_root (&REF_TEXT_EDITOR (widget)->viewport, widget);
  /* After GtkViewport's own handler, which is connected without G_CONNECT_AFTER. */
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget", G_CALLBACK (on_root_focus_changed),
                           widget, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
ref_text_editor_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), on_root_focus_changed, widget);
  ref_viewport_watch_unroot (&REF_TEXT_EDITOR (widget)->viewport);
  GTK_WIDGET_CLASS (ref_text_editor_parent_class)->unroot (widget);
}

/* A section of thousands of words is one GtkTextView as tall as its text (it grows
 * inside the item page and does not scroll itself), and GtkTextView draws every line
 * of it on each frame: it takes its whole allocation to be on screen. Of a field
 * partly scrolled out of view, only the lines the page shows are kept in its render
 * node (see ref-viewport-watch.h), which roughly halves what a keystroke in the
 * middle of a long section costs. */
static void
ref_text_editor_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RefTextEditor *self = REF_TEXT_EDITOR (widget);
  graphene_rect_t visible;
  GtkSnapshot *full;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GskRenderNode) culled = NULL;

  if (!ref_viewport_watch_get_visible (&self->viewport, &visible)
      || (visible.origin.y <= 0 && visible.origin.y + visible.size.height >= gtk_widget_get_height (widget)))
    {
      GTK_WIDGET_CLASS (ref_text_editor_parent_class)->snapshot (widget, snapshot);
      return;
    }
  full = gtk_snapshot_new ();
  GTK_WIDGET_CLASS (ref_text_editor_parent_class)->snapshot (widget, full);
  node = gtk_snapshot_free_to_node (full);
  if (node != NULL && (culled = ref_render_node_cull (node, &visible)) != NULL)
    gtk_snapshot_append_node (snapshot, culled);
}

/* ---- size ---- */

/* GtkTextView reports the height of its text as laid out at its current width, not
 * at the width it is being measured for. Outside a scrolled window (as here) a change
 * of width then leaves the field one layout behind: narrower, the last lines are cut
 * off; wider, empty space stays. Once the text is laid out at the new width, the
 * height is measured again and, if it changed, the parent lays out again. */
/* The height the text needs at the width it has now (lines laid out). */
static int
text_height (RefTextEditor *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter end;
  int y, height;

  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_view_get_line_yrange (view, &end, &y, &height);
  return y + height + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);
}

static gboolean
check_height (gpointer data)
{
  RefTextEditor *self = data;
  int needed = text_height (self);

  self->height_check = 0;
  /* Measured sizes are cached until a resize is queued: ask for one when the text
   * needs another height than it got, once per new height (a parent that gives more
   * than asked, or CSS min-height, must not make it loop). */
  if (needed != gtk_widget_get_height (GTK_WIDGET (self)) && needed != self->measured_height)
    {
      self->measured_height = needed;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

/* At the width it has, the text's laid-out height is known exactly; GtkTextView's
 * own figure may lag behind it. */
static void
ref_text_editor_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                         int *minimum_baseline, int *natural_baseline)
{
  RefTextEditor *self = REF_TEXT_EDITOR (widget);

  GTK_WIDGET_CLASS (ref_text_editor_parent_class)
      ->measure (widget, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size > 0 && for_size == gtk_widget_get_width (widget))
    {
      int needed = text_height (self);

      *minimum = MAX (*minimum, needed);
      *natural = MAX (*natural, needed);
    }
}

static void
schedule_height_check (RefTextEditor *self)
{
  if (self->height_check == 0)
    self->height_check = g_idle_add_full (G_PRIORITY_LOW, check_height, self, NULL);
}

static void
ref_text_editor_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  GTK_WIDGET_CLASS (ref_text_editor_parent_class)->size_allocate (widget, width, height, baseline);
  schedule_height_check (REF_TEXT_EDITOR (widget));
}

/* GtkTextView lays out long texts in steps; the height of the laid-out text shows as
 * the upper bound of its vertical adjustment. */
static void
on_layout_height_changed (GtkAdjustment *adjustment, GParamSpec *pspec, RefTextEditor *self)
{
  schedule_height_check (self);
}

/* ---- keeping the cursor in view ---- */

/* The editor grows with its text inside the item page's scrolled window and does not
 * scroll itself, so GtkTextView's own "scroll to the cursor" has nothing to move: typing
 * past the bottom of the page would go on out of sight. After each layout in which
 * the cursor moved or the text changed, a cursor line out of view (or within a few
 * pixels of the edge) brings the page's adjustment to it. */
#define REVEAL_MARGIN 12

/* A change of at most this many characters on one line (a key, a short phrase) moves
 * the cursor's paragraph down by at most two lines. */
#define SMALL_CHANGE 32

/* The height of a line in the view's font. */
static int
line_height (RefTextEditor *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  if (self->line_height == 0 || self->line_height_serial != pango_context_get_serial (context))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->line_height = MAX (1, PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics)));
      self->line_height_serial = pango_context_get_serial (context);
      pango_font_metrics_unref (metrics);
    }
  return self->line_height;
}

/* Whether the cursor's whole paragraph is in the page, with @slack pixels to spare
 * below it, by the heights GtkTextView keeps (no layout). */
static gboolean
cursor_paragraph_in_view (RefTextEditor *self, GtkWidget *scrolled, int slack)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkTextIter iter;
  graphene_point_t in, out;
  int x, y, line_y, paragraph_height;

  gtk_text_buffer_get_iter_at_mark (gtk_text_view_get_buffer (view), &iter,
                                    gtk_text_buffer_get_insert (gtk_text_view_get_buffer (view)));
  gtk_text_view_get_line_yrange (view, &iter, &line_y, &paragraph_height);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, line_y, &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  return gtk_widget_compute_point (GTK_WIDGET (self), scrolled, &in, &out) && out.y - REVEAL_MARGIN >= 0
         && out.y + paragraph_height + slack + REVEAL_MARGIN <= gtk_adjustment_get_page_size (adjustment);
}

static void
request_reveal_cursor (RefTextEditor *self)
{
  GdkFrameClock *clock;
  gboolean small = self->changed_chars <= SMALL_CHANGE && !self->changed_lines;

  self->changed_chars = 0;
  self->changed_lines = FALSE;
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  /* Nearly every key: the paragraph typed in is in view and stays so, however it
   * wraps. Known now, without asking the frame clock for a layout, which for a
   * window costs a pass over its widgets and, on X11, GDK's round trips to the server
   * for the screen's work area. */
  if (!self->reveal_cursor && small && self->viewport.scrolled != NULL && gtk_widget_get_mapped (GTK_WIDGET (self))
      && cursor_paragraph_in_view (self, GTK_WIDGET (self->viewport.scrolled), 2 * line_height (self)))
    return;
  self->reveal_cursor = TRUE;
  self->reveal_tries = 0;
  if ((clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))) != NULL)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

static void
on_frame_layout (GdkFrameClock *clock, RefTextEditor *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  GdkRectangle cursor;
  GtkTextIter iter;
  graphene_point_t in, out;
  double value, page, top, bottom, target, lowest, highest;
  int x, y;

  if (!self->reveal_cursor)
    return;
  /* The item page's scrolled window, which the viewport watch follows. */
  scrolled = GTK_WIDGET (self->viewport.scrolled);
  if (scrolled == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)) || !gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      self->reveal_cursor = FALSE;
      return;
    }
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  /* First the cursor's paragraph, from the heights GtkTextView keeps (no layout): in
   * view, there is nothing more to do. Asking for the cursor's own place lays out its
   * paragraph again, which in a long section costs more than the key itself. */
  if (cursor_paragraph_in_view (self, scrolled, 0))
    {
      self->reveal_cursor = FALSE;
      return;
    }
  gtk_text_buffer_get_iter_at_mark (gtk_text_view_get_buffer (view), &iter,
                                    gtk_text_buffer_get_insert (gtk_text_view_get_buffer (view)));
  gtk_text_view_get_cursor_locations (view, &iter, &cursor, NULL);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, cursor.x, cursor.y, &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self), scrolled, &in, &out))
    {
      self->reveal_cursor = FALSE;
      return;
    }
  top = out.y - REVEAL_MARGIN;
  bottom = out.y + cursor.height + REVEAL_MARGIN;
  if ((top >= 0 && bottom <= page) || cursor.height + 2 * REVEAL_MARGIN > page)
    {
      self->reveal_cursor = FALSE;
      return;
    }
  /* Out of view: the page moves so that the cursor line is a third of the page inside
   * it, not just at its edge. Typing on at the bottom then scrolls once every few
   * lines instead of on every new line: a scroll repaints the whole page. */
  if (top < 0)
    target = value + out.y - page / 3;
  else
    target = value + out.y + cursor.height - page * 2 / 3;
  lowest = gtk_adjustment_get_lower (adjustment);
  highest = gtk_adjustment_get_upper (adjustment) - page;
  gtk_adjustment_set_value (adjustment, CLAMP (target, lowest, MAX (lowest, highest)));
  /* The page grows with the editor a layout later (see check_height): until then
   * the new line may lie beyond the adjustment's end. Try again a few layouts. */
  if (target <= highest + 0.5 || ++self->reveal_tries > 3)
    self->reveal_cursor = FALSE;
}

/* A field that takes the focus shows its cursor. */
static void
on_has_focus_changed (RefTextEditor *self, GParamSpec *pspec, gpointer data)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    request_reveal_cursor (self);
}

/* When the focus moves to a widget, GtkViewport scrolls to bring its nearer edge into
 * view: smoothly, or at once where animations are off (GNOME's reduced motion). For a
 * field taller than the page that edge is not where the user clicked or where the
 * cursor is: a click in the middle of a long section slid the page to its start, and
 * the first key jumped it back. Run after GtkViewport's handler, this puts the page
 * back where it was when the focus moved (ref_text_editor_grab_focus noted it), which
 * also ends a smooth scroll, and leaves the page to the cursor (on_frame_layout). */
static void
on_root_focus_changed (RefTextEditor *self, GParamSpec *pspec, GtkRoot *root)
{
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;

  if (gtk_root_get_focus (root) != GTK_WIDGET (self) || (scrolled = GTK_WIDGET (self->viewport.scrolled)) == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_widget_get_height (GTK_WIDGET (self)) > gtk_adjustment_get_page_size (adjustment))
    gtk_adjustment_set_value (adjustment, self->grabbing_focus ? self->page_before_focus
                                                               : gtk_adjustment_get_value (adjustment));
}

static gboolean
ref_text_editor_grab_focus (GtkWidget *widget)
{
  RefTextEditor *self = REF_TEXT_EDITOR (widget);
  GtkScrolledWindow *scrolled = self->viewport.scrolled;
  gboolean grabbed;

  self->grabbing_focus = scrolled != NULL;
  if (scrolled != NULL)
    self->page_before_focus = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled));
  grabbed = GTK_WIDGET_CLASS (ref_text_editor_parent_class)->grab_focus (widget);
  self->grabbing_focus = FALSE;
  return grabbed;
}

/* ---- laying out a changed paragraph once ---- */

/* GTK 4.8 lays out a changed paragraph twice before showing it: its validation idle
 * measures it with a Pango layout it does not keep, and drawing makes another. Asking
 * for the cursor's place before that idle makes the paragraph's full layout, which
 * the line cache keeps and both then use: one layout per key instead of two, the
 * larger part of a key's cost in a long paragraph. It has to wait until the edit's
 * signal handlers are done: GtkTextLayout's own drops the cursor line's layout. */
static gboolean
prelayout_idle (gpointer data)
{
  RefTextEditor *self = data;
  GdkRectangle strong;

  self->prelayout_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_text_view_get_cursor_locations (GTK_TEXT_VIEW (self), NULL, &strong, NULL);
  return G_SOURCE_REMOVE;
}

static void
request_prelayout (RefTextEditor *self)
{
  /* Just before GtkTextView's first validation (GTK_PRIORITY_RESIZE - 2). */
  if (self->prelayout_source == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->prelayout_source = g_idle_add_full (GTK_PRIORITY_RESIZE - 3, prelayout_idle, self, NULL);
}

static void
ref_text_editor_realize (GtkWidget *widget)
{
  RefTextEditor *self = REF_TEXT_EDITOR (widget);

  GTK_WIDGET_CLASS (ref_text_editor_parent_class)->realize (widget);
  /* After the window's own layout handler (which GtkRoot connects anew for each
   * layout), so that this runs with the new sizes and positions. */
  self->layout_handler = g_signal_connect_object (gtk_widget_get_frame_clock (widget), "layout",
                                                  G_CALLBACK (on_frame_layout), self, G_CONNECT_AFTER);
}

static void
ref_text_editor_unrealize (GtkWidget *widget)
{
  RefTextEditor *self = REF_TEXT_EDITOR (widget);

  if (self->layout_handler != 0)
    g_signal_handler_disconnect (gtk_widget_get_frame_clock (widget), self->layout_handler);
  g_clear_handle_id (&self->prelayout_source, g_source_remove);
  self->layout_handler = 0;
  self->reveal_cursor = FALSE;
  GTK_WIDGET_CLASS (ref_text_editor_parent_class)->unrealize (widget);
}

static void
ref_text_editor_dispose (GObject *object)
{
  RefTextEditor *self = REF_TEXT_EDITOR (object);

  g_clear_handle_id (&self->height_check, g_source_remove);
  g_clear_handle_id (&self->prelayout_source, g_source_remove);
  forget_converted (self);
  g_clear_weak_pointer (&self->history);
  ref_viewport_watch_unroot (&self->viewport);
  G_OBJECT_CLASS (ref_text_editor_parent_class)->dispose (object);
}

/* ---- actions ---- */

static void
style_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefStyle style = g_str_equal (action_name, "text.bold")     ? REF_STYLE_BOLD
                   : g_str_equal (action_name, "text.italic") ? REF_STYLE_ITALIC
                                                              : REF_STYLE_UNDERLINE;
  ref_text_editor_toggle_style (REF_TEXT_EDITOR (widget), style);
}

static void
block_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefTextEditorBlock block = g_str_equal (action_name, "text.bullet-list")     ? REF_TEXT_EDITOR_BLOCK_BULLET
                             : g_str_equal (action_name, "text.numbered-list") ? REF_TEXT_EDITOR_BLOCK_NUMBERED
                                                                               : REF_TEXT_EDITOR_BLOCK_TABLE;
  ref_text_editor_set_block (REF_TEXT_EDITOR (widget), block);
}

static void
ref_text_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefTextEditor *self = REF_TEXT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_boxed (value, ref_text_editor_get_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_text_editor_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefTextEditor *self = REF_TEXT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      {
        RefText *text = g_value_get_boxed (value);
        g_autoptr (RefText) current = ref_text_editor_get_text (self);

        /* Setting what is already there (a model echo of our own edit) must not
         * reset the cursor. */
        if (!ref_text_equal (text, current))
          ref_text_editor_set_text (self, text);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A read-only editor (the minutes are locked for approval) offers no formatting. */
static void
on_editable_changed (RefTextEditor *self, GParamSpec *pspec, gpointer user_data)
{
  static const char *const actions[] = {
    "text.bold", "text.italic", "text.underline", "text.bullet-list", "text.numbered-list", "text.table",
  };
  gboolean editable = gtk_text_view_get_editable (GTK_TEXT_VIEW (self));

  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], editable);
}

/* The text view's properties that move text in its lines. */
static const char *const layout_properties[] = {
  "wrap-mode", "justification", "left-margin", "right-margin", "indent", "tabs", "monospace",
  "pixels-above-lines", "pixels-below-lines", "pixels-inside-wrap", "css-classes",
};

static void
ref_text_editor_constructed (GObject *object)
{
  RefTextEditor *self = REF_TEXT_EDITOR (object);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  PangoTabArray *tabs = pango_tab_array_new (6, TRUE);

  G_OBJECT_CLASS (ref_text_editor_parent_class)->constructed (object);

  for (int i = 0; i < 6; i++)
    pango_tab_array_set_tab (tabs, i, PANGO_TAB_LEFT, (i + 1) * TABLE_TAB_WIDTH);
  self->style_tags[0] = gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  self->style_tags[1] = gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  self->style_tags[2] = gtk_text_buffer_create_tag (buffer, "underline", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  self->block_tags[REF_TEXT_EDITOR_BLOCK_BULLET] = gtk_text_buffer_create_tag (buffer, "block-bullet", "left-margin",
                                                                               LIST_MARGIN, NULL);
  self->block_tags[REF_TEXT_EDITOR_BLOCK_NUMBERED]
      = gtk_text_buffer_create_tag (buffer, "block-numbered", "left-margin", LIST_MARGIN, NULL);
  self->block_tags[REF_TEXT_EDITOR_BLOCK_TABLE] = gtk_text_buffer_create_tag (
      buffer, "block-table", "tabs", tabs, "paragraph-background", "rgba(127,127,127,0.08)", NULL);
  self->header_tag = gtk_text_buffer_create_tag (buffer, "table-header", "weight", PANGO_WEIGHT_BOLD, NULL);
  pango_tab_array_free (tabs);
  for (guint i = 0; i < G_N_ELEMENTS (self->style_tags); i++)
    mark_text_tag (self->style_tags[i]);
  for (int b = REF_TEXT_EDITOR_BLOCK_BULLET; b <= REF_TEXT_EDITOR_BLOCK_TABLE; b++)
    mark_text_tag (self->block_tags[b]);
  mark_text_tag (self->header_tag);

  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert_text_dirty), self);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range_dirty), self);
  g_signal_connect (buffer, "apply-tag", G_CALLBACK (on_tag_dirty), self);
  g_signal_connect (buffer, "remove-tag", G_CALLBACK (on_tag_dirty), self);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert_text_before), self);
  g_signal_connect_after (buffer, "insert-text", G_CALLBACK (on_insert_text_after), self);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range_before), self);
  g_signal_connect_after (buffer, "delete-range", G_CALLBACK (on_delete_range_after), self);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert_text_noted), self);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range_noted), self);
  g_signal_connect (buffer, "apply-tag", G_CALLBACK (on_tag_noted), self);
  g_signal_connect (buffer, "remove-tag", G_CALLBACK (on_tag_noted), self);
  /* A tag's look changed, or a tag went (and left the text it was on). */
  g_signal_connect_swapped (gtk_text_buffer_get_tag_table (buffer), "tag-changed", G_CALLBACK (on_tag_table_changed),
                            self);
  g_signal_connect_swapped (gtk_text_buffer_get_tag_table (buffer), "tag-removed", G_CALLBACK (on_tag_table_changed),
                            self);
  /* Input method text being composed is laid out in the cursor's paragraph. */
  g_signal_connect (self, "preedit-changed", G_CALLBACK (forget_underlines), NULL);
  g_signal_connect (self, "direction-changed", G_CALLBACK (forget_underlines), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (layout_properties); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", layout_properties[i], NULL);

      g_signal_connect (self, signal, G_CALLBACK (forget_underlines), NULL);
    }
  g_signal_connect (buffer, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  g_signal_connect (self, "notify::editable", G_CALLBACK (on_editable_changed), NULL);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (on_has_focus_changed), NULL);
  {
    GtkAdjustment *vadjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

    gtk_scrollable_set_vadjustment (GTK_SCROLLABLE (self), vadjustment);
    g_signal_connect_object (vadjustment, "notify::upper", G_CALLBACK (on_layout_height_changed), self, 0);
  }
}

static void
ref_text_editor_class_init (RefTextEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *view_class = GTK_TEXT_VIEW_CLASS (klass);

  text_tag_quark = g_quark_from_static_string ("ref-text-editor-text-tag");
  object_class->constructed = ref_text_editor_constructed;
  object_class->dispose = ref_text_editor_dispose;
  widget_class->measure = ref_text_editor_measure;
  widget_class->size_allocate = ref_text_editor_size_allocate;
  widget_class->realize = ref_text_editor_realize;
  widget_class->grab_focus = ref_text_editor_grab_focus;
  widget_class->root = ref_text_editor_root;
  widget_class->unroot = ref_text_editor_unroot;
  widget_class->snapshot = ref_text_editor_snapshot;
  widget_class->unrealize = ref_text_editor_unrealize;
  object_class->get_property = ref_text_editor_get_property;
  object_class->set_property = ref_text_editor_set_property;
  view_class->snapshot_layer = ref_text_editor_snapshot_layer;

  properties[PROP_TEXT] = g_param_spec_boxed ("text", NULL, NULL, REF_TYPE_TEXT,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The bold/italic/underline state, the block at the cursor or a link may have
   * changed (a formatting toolbar follows it). */
  signals[FORMAT_CHANGED] = g_signal_new ("format-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
  /* Ctrl+K: the user asks to make the selection a link; a toolbar asks for the address. */
  signals[REQUEST_LINK] = g_signal_new ("request-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "text.bold", NULL, style_action);
  gtk_widget_class_install_action (widget_class, "text.italic", NULL, style_action);
  gtk_widget_class_install_action (widget_class, "text.underline", NULL, style_action);
  gtk_widget_class_install_action (widget_class, "text.bullet-list", NULL, block_action);
  gtk_widget_class_install_action (widget_class, "text.numbered-list", NULL, block_action);
  gtk_widget_class_install_action (widget_class, "text.table", NULL, block_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "text.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "text.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "text.underline", NULL);
  /* Ctrl+Shift+8 and Ctrl+Shift+7 (bullets, numbers) and Ctrl+K (link) are matched by
   * the physical key in on_key_pressed (): a keyval binding cannot, as Shift changes
   * the keyval differently on every layout. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_ALT_MASK, "text.table",
                                       NULL);
}

static void
ref_text_editor_init (RefTextEditor *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Undo is the meeting's (RefHistory): the buffer's own would undo behind its back. */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self), 6);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (self), 4);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_add_css_class (GTK_WIDGET (self), "ref-text-editor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE, -1);
}

GtkWidget *
ref_text_editor_new (void)
{
  return g_object_new (REF_TYPE_TEXT_EDITOR, NULL);
}
