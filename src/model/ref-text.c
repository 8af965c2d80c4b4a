/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-text.h"

#include <stdlib.h>
#include <string.h>

struct _RefText {
  gatomicrefcount ref_count;
  GPtrArray *blocks; /* RefTextBlock* */
};

struct _RefTextBlock {
  gatomicrefcount ref_count; /* texts share blocks: ref_text_append_shared_block () */
  RefBlockKind kind;
  guint start;      /* numbered lists */
  GPtrArray *items; /* RefTextInline*: paragraph (1) and list entries */
  GPtrArray *rows;  /* RefTextRow*: tables */
};

struct _RefTextRow {
  gboolean header;
  GPtrArray *cells; /* RefTextInline* */
};

G_DEFINE_BOXED_TYPE (RefText, ref_text, ref_text_ref, ref_text_unref)

static void
run_free (gpointer data)
{
  RefTextRun *run = data;

  g_free (run->text);
  g_free (run->href);
  g_free (run);
}

static RefTextInline *
inline_new (void)
{
  return g_ptr_array_new_with_free_func (run_free);
}

static void
inline_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static void
row_free (gpointer data)
{
  RefTextRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

static void
block_unref (gpointer data)
{
  RefTextBlock *block = data;

  if (!g_atomic_ref_count_dec (&block->ref_count))
    return;
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

RefText *
ref_text_new (void)
{
  RefText *text = g_new0 (RefText, 1);

  g_atomic_ref_count_init (&text->ref_count);
  text->blocks = g_ptr_array_new_with_free_func (block_unref);
  return text;
}

RefText *
ref_text_new_paragraph (const char *str)
{
  RefText *text = ref_text_new ();

  if (str != NULL && *str != '\0')
    {
      RefTextBlock *block = ref_text_append_block (text, REF_BLOCK_PARAGRAPH);
      ref_text_inline_append (ref_text_block_append_item (block), str, REF_STYLE_NONE, NULL);
    }
  return text;
}

RefText *
ref_text_ref (RefText *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_atomic_ref_count_inc (&text->ref_count);
  return text;
}

void
ref_text_unref (RefText *text)
{
  g_return_if_fail (text != NULL);
  if (g_atomic_ref_count_dec (&text->ref_count))
    {
      g_ptr_array_unref (text->blocks);
      g_free (text);
    }
}

static void
inline_copy_into (const RefTextInline *src, RefTextInline *dst)
{
  for (guint i = 0; i < src->len; i++)
    {
      const RefTextRun *run = g_ptr_array_index (src, i);
      ref_text_inline_append (dst, run->text, run->style, run->href);
    }
}

RefText *
ref_text_copy (const RefText *text)
{
  RefText *copy = ref_text_new ();

  for (guint b = 0; b < text->blocks->len; b++)
    {
      const RefTextBlock *src = g_ptr_array_index (text->blocks, b);
      RefTextBlock *dst = ref_text_append_block (copy, src->kind);

      dst->start = src->start;
      for (guint i = 0; src->items && i < src->items->len; i++)
        inline_copy_into (g_ptr_array_index (src->items, i), ref_text_block_append_item (dst));
      for (guint r = 0; src->rows && r < src->rows->len; r++)
        {
          const RefTextRow *srow = g_ptr_array_index (src->rows, r);
          RefTextRow *drow = ref_text_block_append_row (dst, srow->header);
          for (guint c = 0; c < srow->cells->len; c++)
            inline_copy_into (g_ptr_array_index (srow->cells, c), ref_text_row_append_cell (drow));
        }
    }
  return copy;
}

guint
ref_text_get_n_blocks (const RefText *text)
{
  return text ? text->blocks->len : 0;
}

RefTextBlock *
ref_text_get_block (const RefText *text, guint index)
{
  g_return_val_if_fail (text != NULL && index < text->blocks->len, NULL);
  return g_ptr_array_index (text->blocks, index);
}

RefTextBlock *
ref_text_append_block (RefText *text, RefBlockKind kind)
{
  RefTextBlock *block = g_new0 (RefTextBlock, 1);

  g_atomic_ref_count_init (&block->ref_count);
  block->kind = kind;
  block->start = 1;
  if (kind == REF_BLOCK_TABLE)
    block->rows = g_ptr_array_new_with_free_func (row_free);
  else
    block->items = g_ptr_array_new_with_free_func (inline_free);
  g_ptr_array_add (text->blocks, block);
  return block;
}

void
ref_text_append_shared_block (RefText *text, RefTextBlock *block)
{
  g_return_if_fail (text != NULL && block != NULL);
  g_atomic_ref_count_inc (&block->ref_count);
  g_ptr_array_add (text->blocks, block);
}

RefBlockKind
ref_text_block_get_kind (const RefTextBlock *block)
{
  return block->kind;
}

guint
ref_text_block_get_start (const RefTextBlock *block)
{
  return block->start;
}

void
ref_text_block_set_start (RefTextBlock *block, guint start)
{
  block->start = start;
}

guint
ref_text_block_get_n_items (const RefTextBlock *block)
{
  return block->items ? block->items->len : 0;
}

RefTextInline *
ref_text_block_get_item (const RefTextBlock *block, guint index)
{
  g_return_val_if_fail (block->items && index < block->items->len, NULL);
  return g_ptr_array_index (block->items, index);
}

RefTextInline *
ref_text_block_append_item (RefTextBlock *block)
{
  RefTextInline *inl;

  g_return_val_if_fail (block->items != NULL, NULL);
  inl = inline_new ();
  g_ptr_array_add (block->items, inl);
  return inl;
}

guint
ref_text_block_get_n_rows (const RefTextBlock *block)
{
  return block->rows ? block->rows->len : 0;
}

RefTextRow *
ref_text_block_get_row (const RefTextBlock *block, guint index)
{
  g_return_val_if_fail (block->rows && index < block->rows->len, NULL);
  return g_ptr_array_index (block->rows, index);
}

RefTextRow *
ref_text_block_append_row (RefTextBlock *block, gboolean header)
{
  RefTextRow *row;

  g_return_val_if_fail (block->rows != NULL, NULL);
  row = g_new0 (RefTextRow, 1);
  row->header = header;
  row->cells = g_ptr_array_new_with_free_func (inline_free);
  g_ptr_array_add (block->rows, row);
  return row;
}

gboolean
ref_text_row_get_header (const RefTextRow *row)
{
  return row->header;
}

guint
ref_text_row_get_n_cells (const RefTextRow *row)
{
  return row->cells->len;
}

RefTextInline *
ref_text_row_get_cell (const RefTextRow *row, guint index)
{
  g_return_val_if_fail (index < row->cells->len, NULL);
  return g_ptr_array_index (row->cells, index);
}

RefTextInline *
ref_text_row_append_cell (RefTextRow *row)
{
  RefTextInline *inl = inline_new ();

  g_ptr_array_add (row->cells, inl);
  return inl;
}

void
ref_text_inline_append (RefTextInline *inl, const char *text, RefStyle style, const char *href)
{
  RefTextRun *last;
  RefTextRun *run;

  if (text == NULL || *text == '\0')
    return;
  if (href != NULL && *href == '\0')
    href = NULL;
  last = inl->len ? g_ptr_array_index (inl, inl->len - 1) : NULL;
  if (last != NULL && last->style == style && g_strcmp0 (last->href, href) == 0)
    {
      char *joined = g_strconcat (last->text, text, NULL);
      g_free (last->text);
      last->text = joined;
      return;
    }
  run = g_new0 (RefTextRun, 1);
  run->text = g_strdup (text);
  run->style = style;
  run->href = g_strdup (href);
  g_ptr_array_add (inl, run);
}

static void
inline_append_plain (const RefTextInline *inl, GString *out)
{
  for (guint i = 0; i < inl->len; i++)
    g_string_append (out, ((RefTextRun *) g_ptr_array_index (inl, i))->text);
}

char *
ref_text_inline_to_plain (const RefTextInline *inl)
{
  GString *out = g_string_new (NULL);

  inline_append_plain (inl, out);
  return g_string_free (out, FALSE);
}

static gboolean
inline_equal (const RefTextInline *a, const RefTextInline *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const RefTextRun *ra = g_ptr_array_index (a, i), *rb = g_ptr_array_index (b, i);
      if (ra->style != rb->style || g_strcmp0 (ra->text, rb->text) != 0
          || g_strcmp0 (ra->href, rb->href) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
inline_list_equal (const GPtrArray *a, const GPtrArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!inline_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
block_equal (const RefTextBlock *a, const RefTextBlock *b)
{
  guint na, nb;

  if (a == b)
    return TRUE;
  if (a->kind != b->kind || (a->kind == REF_BLOCK_NUMBERED_LIST && a->start != b->start))
    return FALSE;
  if (!inline_list_equal (a->items, b->items))
    return FALSE;
  na = a->rows ? a->rows->len : 0;
  nb = b->rows ? b->rows->len : 0;
  if (na != nb)
    return FALSE;
  for (guint r = 0; r < na; r++)
    {
      const RefTextRow *ra = g_ptr_array_index (a->rows, r), *rb = g_ptr_array_index (b->rows, r);
      if (ra->header != rb->header || !inline_list_equal (ra->cells, rb->cells))
        return FALSE;
    }
  return TRUE;
}

/* NULL and an empty text are equal: both print nothing. */
gboolean
ref_text_equal (const RefText *a, const RefText *b)
{
  guint na = ref_text_get_n_blocks (a), nb = ref_text_get_n_blocks (b);

  if (a == b)
    return TRUE;
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!block_equal (g_ptr_array_index (a->blocks, i), g_ptr_array_index (b->blocks, i)))
      return FALSE;
  return TRUE;
}

gboolean
ref_text_is_empty (const RefText *text)
{
  return ref_text_get_length (text) == 0;
}

/* ---- plain text conversion ----
 * Blocks are separated by blank lines; "- " (or "• ", "* ") starts a bullet entry,
 * "N. " or "N) " a numbered entry, a line with tabs is a table row; other lines are
 * paragraph lines kept with their line breaks. This is what the CLI, the importer and
 * simple tests use; styles are not represented. */

typedef enum {
  LINE_BLANK,
  LINE_TEXT,
  LINE_BULLET,
  LINE_NUMBERED,
  LINE_ROW,
} LineClass;

/* A numbered entry starts a list with at most three digits ("2025. " at the start of a
 * line is more likely a year than item 2025), but continues one with up to nine:
 * ref_text_to_plain numbers a list that starts at 999 on with 1000, 1001, … */
static LineClass
classify_line (const char *line, gboolean in_numbered_list, const char **content, guint *number)
{
  const char *p = line;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    return LINE_BLANK;
  if ((p[0] == '-' || p[0] == '*') && p[1] == ' ')
    {
      *content = p + 2;
      return LINE_BULLET;
    }
  if (g_str_has_prefix (p, "• "))
    {
      *content = p + strlen ("• ");
      return LINE_BULLET;
    }
  if (g_ascii_isdigit (*p))
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (p, &end, 10);
      if (end - p <= (in_numbered_list ? 9 : 3) && (*end == '.' || *end == ')') && end[1] == ' ' && n > 0)
        {
          *number = (guint) n;
          *content = end + 2;
          return LINE_NUMBERED;
        }
    }
  if (strchr (line, '\t') != NULL)
    {
      *content = line;
      return LINE_ROW;
    }
  *content = line;
  return LINE_TEXT;
}

RefText *
ref_text_new_from_plain (const char *plain)
{
  RefText *text = ref_text_new ();
  g_auto (GStrv) lines = NULL;
  RefTextBlock *block = NULL;
  LineClass current = LINE_BLANK;
  RefTextInline *para = NULL;

  if (plain == NULL)
    return text;
  lines = g_strsplit (plain, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *content = NULL;
      guint number = 0;
      LineClass cls;
      gsize len = strlen (lines[i]);

      /* CRLF line ends; a stray CR before one ("\r\r\n") is part of the line end too,
       * or printing the text and parsing it again would not give the same text. */
      while (len > 0 && lines[i][len - 1] == '\r')
        lines[i][--len] = '\0';
      cls = classify_line (lines[i], current == LINE_NUMBERED && block != NULL, &content, &number);

      if (cls == LINE_BLANK)
        {
          current = LINE_BLANK;
          block = NULL;
          continue;
        }
      if (cls != current || block == NULL)
        {
          static const RefBlockKind kinds[] = {
            [LINE_TEXT] = REF_BLOCK_PARAGRAPH,
            [LINE_BULLET] = REF_BLOCK_BULLET_LIST,
            [LINE_NUMBERED] = REF_BLOCK_NUMBERED_LIST,
            [LINE_ROW] = REF_BLOCK_TABLE,
          };
          block = ref_text_append_block (text, kinds[cls]);
          if (cls == LINE_NUMBERED)
            block->start = number;
          if (cls == LINE_TEXT)
            para = ref_text_block_append_item (block);
          current = cls;
        }
      else if (cls == LINE_TEXT)
        {
          ref_text_inline_append (para, "\n", REF_STYLE_NONE, NULL);
        }

      switch (cls)
        {
        case LINE_TEXT:
          ref_text_inline_append (para, content, REF_STYLE_NONE, NULL);
          break;
        case LINE_BULLET:
        case LINE_NUMBERED:
          ref_text_inline_append (ref_text_block_append_item (block), content, REF_STYLE_NONE, NULL);
          break;
        case LINE_ROW:
          {
            g_auto (GStrv) cells = g_strsplit (content, "\t", -1);
            RefTextRow *row = ref_text_block_append_row (block, FALSE);
            for (guint c = 0; cells[c] != NULL; c++)
              ref_text_inline_append (ref_text_row_append_cell (row), cells[c], REF_STYLE_NONE, NULL);
          }
          break;
        case LINE_BLANK:
        default:
          g_assert_not_reached ();
        }
    }
  return text;
}

char *
ref_text_to_plain (const RefText *text)
{
  GString *out = g_string_new (NULL);

  for (guint b = 0; b < ref_text_get_n_blocks (text); b++)
    {
      const RefTextBlock *block = g_ptr_array_index (text->blocks, b);

      if (b > 0)
        g_string_append (out, "\n\n");
      switch (block->kind)
        {
        case REF_BLOCK_PARAGRAPH:
          for (guint i = 0; i < block->items->len; i++)
            inline_append_plain (g_ptr_array_index (block->items, i), out);
          break;
        case REF_BLOCK_BULLET_LIST:
        case REF_BLOCK_NUMBERED_LIST:
          for (guint i = 0; i < block->items->len; i++)
            {
              if (i > 0)
                g_string_append_c (out, '\n');
              if (block->kind == REF_BLOCK_BULLET_LIST)
                g_string_append (out, "- ");
              else
                g_string_append_printf (out, "%u. ", block->start + i);
              inline_append_plain (g_ptr_array_index (block->items, i), out);
            }
          break;
        case REF_BLOCK_TABLE:
          for (guint r = 0; r < block->rows->len; r++)
            {
              const RefTextRow *row = g_ptr_array_index (block->rows, r);
              if (r > 0)
                g_string_append_c (out, '\n');
              for (guint c = 0; c < row->cells->len; c++)
                {
                  if (c > 0)
                    g_string_append_c (out, '\t');
                  inline_append_plain (g_ptr_array_index (row->cells, c), out);
                }
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

static gsize
inline_length (const RefTextInline *inl)
{
  gsize n = 0;

  for (guint i = 0; i < inl->len; i++)
    n += strlen (((RefTextRun *) g_ptr_array_index (inl, i))->text);
  return n;
}

/* Bytes of text content, without markup; 0 for an empty text. */
gsize
ref_text_get_length (const RefText *text)
{
  gsize n = 0;

  for (guint b = 0; b < ref_text_get_n_blocks (text); b++)
    {
      const RefTextBlock *block = g_ptr_array_index (text->blocks, b);
      for (guint i = 0; block->items && i < block->items->len; i++)
        n += inline_length (g_ptr_array_index (block->items, i));
      for (guint r = 0; block->rows && r < block->rows->len; r++)
        {
          const RefTextRow *row = g_ptr_array_index (block->rows, r);
          for (guint c = 0; c < row->cells->len; c++)
            n += inline_length (g_ptr_array_index (row->cells, c));
        }
    }
  return n;
}

GStrv
ref_text_get_list_items (const RefText *text)
{
  const RefTextBlock *found = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint b = 0; b < ref_text_get_n_blocks (text) && found == NULL; b++)
    {
      const RefTextBlock *block = g_ptr_array_index (text->blocks, b);
      if (block->kind == REF_BLOCK_NUMBERED_LIST)
        found = block;
    }
  for (guint b = 0; b < ref_text_get_n_blocks (text) && found == NULL; b++)
    {
      const RefTextBlock *block = g_ptr_array_index (text->blocks, b);
      if (block->kind == REF_BLOCK_BULLET_LIST)
        found = block;
    }
  for (guint i = 0; found && i < found->items->len; i++)
    {
      g_autofree char *entry = ref_text_inline_to_plain (g_ptr_array_index (found->items, i));
      g_strv_builder_add (builder, entry);
    }
  return g_strv_builder_end (builder);
}
