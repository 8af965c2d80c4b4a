/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-statement-editor.h"
#include "ref-widget-util.h"
#include "ref-text-field.h"

struct _RefStatementEditor {
  GtkWidget parent_instance;

  GtkDropDown *kind_drop_down;
  GtkButton *delete_button;
  AdwComboRow *participant_row;
  AdwEntryRow *by_row;
  RefTextField *text_field;

  RefStatement *statement;
  RefDecision *decision;
  GPtrArray *participants; /* RefParticipant *, position i + 1 in the combo row */
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (RefStatementEditor, ref_statement_editor, GTK_TYPE_WIDGET)

/* In RefStatementKind order. */
static const char *const kind_labels[] = {
  N_("Protocol remark"),
  N_("Minority statement"),
  N_("Referral (standsningsret)"),
  N_("Other statement"),
};

static void
show_statement (RefStatementEditor *self)
{
  RefParticipant *p = ref_statement_get_participant (self->statement);
  guint position = 0;

  if (p != NULL && g_ptr_array_find (self->participants, p, &position))
    position++;
  else
    position = 0;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->kind_drop_down, ref_statement_get_kind (self->statement));
  adw_combo_row_set_selected (self->participant_row, position);
  self->syncing = FALSE;
}

static void
on_kind_selected (GtkDropDown *drop_down, GParamSpec *pspec, RefStatementEditor *self)
{
  guint kind = gtk_drop_down_get_selected (drop_down);

  if (!self->syncing && kind < G_N_ELEMENTS (kind_labels))
    ref_statement_set_kind (self->statement, kind);
}

static void
on_participant_selected (AdwComboRow *row, GParamSpec *pspec, RefStatementEditor *self)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->syncing || position == GTK_INVALID_LIST_POSITION)
    return;
  ref_statement_set_participant (self->statement,
                                 position == 0 ? NULL : g_ptr_array_index (self->participants, position - 1));
}

static void
on_delete_clicked (GtkButton *button, RefStatementEditor *self)
{
  ref_list_store_remove_item (G_LIST_STORE (ref_decision_get_statements (self->decision)), self->statement);
}

RefStatement *
ref_statement_editor_get_statement (RefStatementEditor *self)
{
  g_return_val_if_fail (REF_IS_STATEMENT_EDITOR (self), NULL);
  return self->statement;
}

GtkWidget *
ref_statement_editor_get_text_field (RefStatementEditor *self)
{
  g_return_val_if_fail (REF_IS_STATEMENT_EDITOR (self), NULL);
  return GTK_WIDGET (self->text_field);
}

static void
ref_statement_editor_dispose (GObject *object)
{
  RefStatementEditor *self = REF_STATEMENT_EDITOR (object);

  if (self->statement != NULL)
    g_signal_handlers_disconnect_by_data (self->statement, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_STATEMENT_EDITOR);
  ref_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->statement);
  g_clear_object (&self->decision);
  G_OBJECT_CLASS (ref_statement_editor_parent_class)->dispose (object);
}

static void
ref_statement_editor_finalize (GObject *object)
{
  g_clear_pointer (&REF_STATEMENT_EDITOR (object)->participants, g_ptr_array_unref);
  G_OBJECT_CLASS (ref_statement_editor_parent_class)->finalize (object);
}

static void
ref_statement_editor_class_init (RefStatementEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_statement_editor_dispose;
  object_class->finalize = ref_statement_editor_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-statement-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RefStatementEditor, kind_drop_down);
  gtk_widget_class_bind_template_child (widget_class, RefStatementEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RefStatementEditor, participant_row);
  gtk_widget_class_bind_template_child (widget_class, RefStatementEditor, by_row);
  gtk_widget_class_bind_template_child (widget_class, RefStatementEditor, text_field);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_statement_editor_init (RefStatementEditor *self)
{
  const char *labels[G_N_ELEMENTS (kind_labels) + 1] = { NULL };
  g_autoptr (GtkStringList) kinds = NULL;

  g_type_ensure (REF_TYPE_TEXT_FIELD);
  gtk_widget_init_template (GTK_WIDGET (self));
  for (gsize i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    labels[i] = _(kind_labels[i]);
  kinds = gtk_string_list_new (labels);
  gtk_drop_down_set_model (self->kind_drop_down, G_LIST_MODEL (kinds));
  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
}

GtkWidget *
ref_statement_editor_new (RefStatement *statement, RefDecision *decision, RefMeeting *meeting)
{
  RefStatementEditor *self = g_object_new (REF_TYPE_STATEMENT_EDITOR, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *participants = meeting ? ref_meeting_get_participants (meeting) : NULL;

  g_return_val_if_fail (REF_IS_STATEMENT (statement) && REF_IS_DECISION (decision), GTK_WIDGET (self));
  self->statement = g_object_ref (statement);
  self->decision = g_object_ref (decision);
  gtk_string_list_append (names, _("Not a participant"));
  for (guint i = 0; participants != NULL && i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *name = ref_participant_format (p, FALSE);

      gtk_string_list_append (names, name);
      g_ptr_array_add (self->participants, g_object_ref (p));
    }
  adw_combo_row_set_model (self->participant_row, G_LIST_MODEL (names));
  g_object_bind_property (statement, "by", self->by_row, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  ref_text_field_bind (self->text_field, statement, "text", _(kind_labels[ref_statement_get_kind (statement)]));
  show_statement (self);
  g_signal_connect_swapped (statement, "notify::kind", G_CALLBACK (show_statement), self);
  g_signal_connect_swapped (statement, "notify::participant", G_CALLBACK (show_statement), self);
  g_signal_connect (self->kind_drop_down, "notify::selected", G_CALLBACK (on_kind_selected), self);
  g_signal_connect (self->participant_row, "notify::selected", G_CALLBACK (on_participant_selected), self);
  return GTK_WIDGET (self);
}
