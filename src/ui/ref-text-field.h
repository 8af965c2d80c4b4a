/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-text-editor.h"

G_BEGIN_DECLS

/*
 * RefTextField: a structured text field as the item and decision editors show it: a
 * RefFormatBar above a framed RefTextEditor. Bound to a model object's RefText
 * property, both ways, with the formatting commands recorded as steps of the
 * object's undo history.
 */
#define REF_TYPE_TEXT_FIELD (ref_text_field_get_type ())
G_DECLARE_FINAL_TYPE (RefTextField, ref_text_field, REF, TEXT_FIELD, GtkWidget)

GtkWidget     *ref_text_field_new (void);
RefTextEditor *ref_text_field_get_editor (RefTextField *self);
GtkWidget     *ref_text_field_get_format_bar (RefTextField *self);
/* Binds the field both ways to @object's RefText property @property; @label names
 * the text for screen readers. Returns: (transfer none): the binding, which lives as
 * long as both ends. */
GBinding      *ref_text_field_bind (RefTextField *self, gpointer object, const char *property, const char *label);
/* A new field bound both ways to @object's RefText property @property; @label names
 * the text for screen readers. */
GtkWidget     *ref_text_field_new_bound (gpointer object, const char *property, const char *label);

G_END_DECLS
