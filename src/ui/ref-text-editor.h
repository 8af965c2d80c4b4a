/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-text.h"

G_BEGIN_DECLS

/*
 * RefTextEditor: a GtkTextView that edits a RefText structurally. Each buffer line is
 * one paragraph, list entry or table row; a block tag on the line says which. List
 * markers ("•", "1.") are drawn in the margin, not stored as text, so the user never
 * types markup and the model never sees it. Table rows are tab-separated cells on tab
 * stops. Line breaks inside a paragraph are U+2028 (Shift+Enter).
 *
 * The "text" property is the edited RefText: setting it replaces the content;
 * editing produces a new RefText value and notifies.
 */
#define REF_TYPE_TEXT_EDITOR (ref_text_editor_get_type ())
G_DECLARE_FINAL_TYPE (RefTextEditor, ref_text_editor, REF, TEXT_EDITOR, GtkTextView)

typedef enum {
  REF_TEXT_EDITOR_BLOCK_PARAGRAPH,
  REF_TEXT_EDITOR_BLOCK_BULLET,
  REF_TEXT_EDITOR_BLOCK_NUMBERED,
  REF_TEXT_EDITOR_BLOCK_TABLE,
} RefTextEditorBlock;

GtkWidget *ref_text_editor_new (void);

/* Returns: (transfer full): the current content as a new RefText value. */
RefText   *ref_text_editor_get_text (RefTextEditor *self);
void       ref_text_editor_set_text (RefTextEditor *self, RefText *text);

void       ref_text_editor_toggle_style (RefTextEditor *self, RefStyle style);
/* Sets the block kind of every line touched by the selection (or the cursor line);
 * applying the kind the lines already have turns them back into paragraphs. */
void       ref_text_editor_set_block (RefTextEditor *self, RefTextEditorBlock block);
RefTextEditorBlock ref_text_editor_get_block_at_cursor (RefTextEditor *self);

G_END_DECLS
