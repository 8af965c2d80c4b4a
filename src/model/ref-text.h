/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * RefText: structured text of a section body, a decision, a remark. A sequence of
 * blocks (paragraph, bullet list, numbered list, table) whose leaves are runs of
 * inline text with bold/italic/underline and an optional link.
 *
 * RefText is a refcounted value. Build it with the append functions while you hold
 * the only reference; once it is set on a model object, treat it as immutable and
 * build a new one to change it (that is what makes undo a simple value swap).
 */
typedef struct _RefText RefText;
typedef struct _RefTextBlock RefTextBlock;
typedef struct _RefTextRow RefTextRow;
typedef GPtrArray RefTextInline; /* of RefTextRun* */

typedef enum {
  REF_BLOCK_PARAGRAPH,
  REF_BLOCK_BULLET_LIST,
  REF_BLOCK_NUMBERED_LIST,
  REF_BLOCK_TABLE,
} RefBlockKind;

typedef enum {
  REF_STYLE_NONE = 0,
  REF_STYLE_BOLD = 1 << 0,
  REF_STYLE_ITALIC = 1 << 1,
  REF_STYLE_UNDERLINE = 1 << 2,
} RefStyle;

typedef struct {
  char *text; /* may contain '\n' for a line break */
  RefStyle style;
  char *href; /* nullable */
} RefTextRun;

#define REF_TYPE_TEXT (ref_text_get_type ())
GType ref_text_get_type (void) G_GNUC_CONST;

RefText       *ref_text_new (void);
RefText       *ref_text_new_paragraph (const char *text);
RefText       *ref_text_new_from_plain (const char *plain);
RefText       *ref_text_ref (RefText *text);
void           ref_text_unref (RefText *text);
RefText       *ref_text_copy (const RefText *text);

guint          ref_text_get_n_blocks (const RefText *text);
RefTextBlock  *ref_text_get_block (const RefText *text, guint index);
RefTextBlock  *ref_text_append_block (RefText *text, RefBlockKind kind);
/* Appends @block, a block of another text, without copying it: the two texts then
 * share it, so neither may change it any more (as with any text set on the model).
 * The editor builds the text of a long field this way after a keystroke, converting
 * only the changed lines. */
void           ref_text_append_shared_block (RefText *text, RefTextBlock *block);

RefBlockKind   ref_text_block_get_kind (const RefTextBlock *block);
guint          ref_text_block_get_start (const RefTextBlock *block);
void           ref_text_block_set_start (RefTextBlock *block, guint start);
/* Paragraph: one item; lists: one item per entry. */
guint          ref_text_block_get_n_items (const RefTextBlock *block);
RefTextInline *ref_text_block_get_item (const RefTextBlock *block, guint index);
RefTextInline *ref_text_block_append_item (RefTextBlock *block);
/* Tables. */
guint          ref_text_block_get_n_rows (const RefTextBlock *block);
RefTextRow    *ref_text_block_get_row (const RefTextBlock *block, guint index);
RefTextRow    *ref_text_block_append_row (RefTextBlock *block, gboolean header);
gboolean       ref_text_row_get_header (const RefTextRow *row);
guint          ref_text_row_get_n_cells (const RefTextRow *row);
RefTextInline *ref_text_row_get_cell (const RefTextRow *row, guint index);
RefTextInline *ref_text_row_append_cell (RefTextRow *row);

/* Appends a run; merges with the previous run when style and link are the same. */
void           ref_text_inline_append (RefTextInline *inl, const char *text, RefStyle style,
                                       const char *href);
char          *ref_text_inline_to_plain (const RefTextInline *inl);

gboolean       ref_text_equal (const RefText *a, const RefText *b);
gboolean       ref_text_is_empty (const RefText *text);
char          *ref_text_to_plain (const RefText *text);
gsize          ref_text_get_length (const RefText *text);
/* All items of the first numbered (else bullet) list, as plain strings. */
GStrv          ref_text_get_list_items (const RefText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefText, ref_text_unref)

G_END_DECLS
