/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-history.h"
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

/* Returns: (transfer full): the current content as a RefText value. Lines that did
 * not change since the last call are not converted again: their blocks are shared
 * with the text returned then. */
RefText   *ref_text_editor_get_text (RefTextEditor *self);
/* The same, converting every line (what get_text must always equal; for tests). */
RefText   *ref_text_editor_convert_all (RefTextEditor *self);
void       ref_text_editor_set_text (RefTextEditor *self, RefText *text);
/* Measures every misspelt word's underline afresh in the next frame, instead of
 * moving what was measured before (what moving must always equal; for tests). */
void       ref_text_editor_remeasure_underlines (RefTextEditor *self);

void       ref_text_editor_toggle_style (RefTextEditor *self, RefStyle style);
/* Sets the block kind of every line touched by the selection (or the cursor line);
 * applying the kind the lines already have turns them back into paragraphs. */
void       ref_text_editor_set_block (RefTextEditor *self, RefTextEditorBlock block);
RefTextEditorBlock ref_text_editor_get_block_at_cursor (RefTextEditor *self);
/* Whether @style is on for what is typed next, or on the whole selection. */
gboolean   ref_text_editor_get_style_active (RefTextEditor *self, RefStyle style);
/* The link address under the cursor or at the selection's start. (transfer full) (nullable) */
char      *ref_text_editor_get_link (RefTextEditor *self);
/* Makes the selection (or the link under the cursor) a link to @href; NULL or ""
 * removes the link. Without selection or link, inserts @href as a link. */
void       ref_text_editor_set_link (RefTextEditor *self, const char *href);
/* The history of the edited model (not owned): each formatting command, including the
 * list started by typing "1. " or "- ", becomes one undo step of its own. */
void       ref_text_editor_set_history (RefTextEditor *self, RefHistory *history);

G_END_DECLS
