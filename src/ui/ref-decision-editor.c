/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-date-button.h"
#include "ref-phrases.h"
#include "ref-settings.h"
#include "ref-decision-editor.h"
#include "ref-widget-util.h"
#include "ref-read-only.h"
#include "ref-statement-editor.h"
#include "ref-text-field.h"
#include "ref-vote-editor.h"

struct _RefDecisionEditor {
  GtkWidget parent_instance;

  GtkLabel *heading_label;
  GtkButton *delete_button;
  AdwEntryRow *body_row;
  RefDateButton *date_button;
  RefTextField *text_field;
  RefVoteEditor *vote_editor;
  GtkBox *statements_box;
  GtkMenuButton *add_statement_button;
  AdwEntryRow *remark_row;

  RefDecision *decision;
  RefAgendaItem *item;  /* not owned: the item view holds it */
  RefMeeting *meeting;  /* not owned */
  GPtrArray *statement_editors;
  guint rebuild_source;
  RefStatement *focus_statement; /* a new statement, to focus once its editor exists */
  gboolean locked;
};

G_DEFINE_FINAL_TYPE (RefDecisionEditor, ref_decision_editor, GTK_TYPE_WIDGET)

static char *
decision_title (RefDecision *decision)
{
  const char *body = ref_decision_get_deciding_body (decision);
  GDateTime *date = ref_decision_get_date (decision);
  g_autofree char *day = date ? g_date_time_format (date, "%d-%m-%Y") : NULL;

  if (*body && day)
    /* TRANSLATORS: decision heading, "Decision of Socialudvalget, 05-05-2021" */
    return g_strdup_printf (_("Decision of %s, %s"), body, day);
  if (*body)
    return g_strdup_printf (_("Decision of %s"), body);
  if (day)
    return g_strdup_printf (_("Decision, %s"), day);
  return g_strdup (_("Decision"));
}

static void
update_heading (RefDecisionEditor *self)
{
  g_autofree char *title = decision_title (self->decision);

  gtk_label_set_label (self->heading_label, title);
}

/* ---- statements ---- */

static void
rebuild_statements (RefDecisionEditor *self)
{
  GListModel *statements = ref_decision_get_statements (self->decision);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->statements_box))))
    gtk_box_remove (self->statements_box, child);
  g_ptr_array_set_size (self->statement_editors, 0);
  for (guint i = 0; i < g_list_model_get_n_items (statements); i++)
    {
      g_autoptr (RefStatement) st = g_list_model_get_item (statements, i);
      GtkWidget *editor = ref_statement_editor_new (st, self->decision, self->meeting);

      gtk_box_append (self->statements_box, editor);
      g_ptr_array_add (self->statement_editors, editor);
      if (st == self->focus_statement)
        {
          RefTextField *field = REF_TEXT_FIELD (ref_statement_editor_get_text_field (REF_STATEMENT_EDITOR (editor)));
          gtk_widget_grab_focus (GTK_WIDGET (ref_text_field_get_editor (field)));
        }
    }
  self->focus_statement = NULL;
  if (self->locked)
    ref_read_only_apply (GTK_WIDGET (self->statements_box), TRUE);
}

static gboolean
rebuild_idle (gpointer data)
{
  RefDecisionEditor *self = data;

  self->rebuild_source = 0;
  rebuild_statements (self);
  return G_SOURCE_REMOVE;
}

/* From idle: a statement's own delete button may be what removed it. */
static void
on_statements_changed (GListModel *list, guint position, guint removed, guint added, RefDecisionEditor *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle, self);
}

static void
add_statement_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefDecisionEditor *self = REF_DECISION_EDITOR (widget);
  g_autoptr (RefStatement) statement = ref_statement_new ();
  g_autoptr (RefText) empty = ref_text_new ();
  int kind;

  if (!ref_enum_from_nick (REF_TYPE_STATEMENT_KIND, g_variant_get_string (parameter, NULL), &kind))
    return;
  ref_statement_set_kind (statement, kind);
  ref_statement_set_text (statement, empty);
  self->focus_statement = statement;
  ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (self->decision)), statement);
}

/* ---- the decision ---- */

static void
on_delete_clicked (GtkButton *button, RefDecisionEditor *self)
{
  if (self->item != NULL)
    ref_list_store_remove_item (G_LIST_STORE (ref_agenda_item_get_decisions (self->item)), self->decision);
}

RefDecision *
ref_decision_editor_get_decision (RefDecisionEditor *self)
{
  g_return_val_if_fail (REF_IS_DECISION_EDITOR (self), NULL);
  return self->decision;
}

RefTextEditor *
ref_decision_editor_get_text_editor (RefDecisionEditor *self)
{
  g_return_val_if_fail (REF_IS_DECISION_EDITOR (self), NULL);
  return ref_text_field_get_editor (self->text_field);
}

GtkWidget *
ref_decision_editor_get_vote_editor (RefDecisionEditor *self)
{
  g_return_val_if_fail (REF_IS_DECISION_EDITOR (self), NULL);
  return GTK_WIDGET (self->vote_editor);
}

GPtrArray *
ref_decision_editor_get_statement_editors (RefDecisionEditor *self)
{
  g_return_val_if_fail (REF_IS_DECISION_EDITOR (self), NULL);
  return self->statement_editors;
}

void
ref_decision_editor_set_locked (RefDecisionEditor *self, gboolean locked)
{
  g_return_if_fail (REF_IS_DECISION_EDITOR (self));
  self->locked = locked;
  ref_read_only_apply (GTK_WIDGET (self), locked);
  ref_vote_editor_set_locked (self->vote_editor, locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decision.add-statement", !locked);
}

void
ref_decision_editor_focus (RefDecisionEditor *self)
{
  g_return_if_fail (REF_IS_DECISION_EDITOR (self));
  if (*ref_decision_get_deciding_body (self->decision) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->body_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (ref_text_field_get_editor (self->text_field)));
}

static void
ref_decision_editor_dispose (GObject *object)
{
  RefDecisionEditor *self = REF_DECISION_EDITOR (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->decision != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->decision, self);
      g_signal_handlers_disconnect_by_data (ref_decision_get_statements (self->decision), self);
    }
  if (self->vote_editor != NULL)
    ref_vote_editor_set_decision (self->vote_editor, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_DECISION_EDITOR);
  ref_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->decision);
  G_OBJECT_CLASS (ref_decision_editor_parent_class)->dispose (object);
}

static void
ref_decision_editor_finalize (GObject *object)
{
  g_ptr_array_unref (REF_DECISION_EDITOR (object)->statement_editors);
  G_OBJECT_CLASS (ref_decision_editor_parent_class)->finalize (object);
}

/* Alt+1 … Alt+9: the committee's standard phrases (Preferences → Writing), as in live
 * mode: the phrase goes into the decision's text at the cursor and its outcome into
 * the decision, one undo step. */
static void
insert_phrase_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefDecisionEditor *self = REF_DECISION_EDITOR (widget);
  g_autoptr (GSettings) settings = ref_settings_new ();
  g_autoptr (GPtrArray) phrases = NULL;
  guint index = g_variant_get_uint32 (parameter);
  RefHistory *history;
  GtkWidget *view;

  if (self->locked || settings == NULL || self->decision == NULL)
    return;
  phrases = ref_phrases_load (settings);
  if (index >= phrases->len)
    return;
  view = GTK_WIDGET (ref_text_field_get_editor (self->text_field));
  history = ref_history_for_object (self->decision);
  if (history != NULL)
    {
      ref_history_seal (history);
      ref_history_begin_group (history);
    }
  ref_phrase_insert (g_ptr_array_index (phrases, index), GTK_TEXT_VIEW (view), self->decision);
  if (history != NULL)
    ref_history_end_group (history);
  gtk_widget_grab_focus (view);
}

static void
ref_decision_editor_class_init (RefDecisionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_decision_editor_dispose;
  object_class->finalize = ref_decision_editor_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-decision-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, body_row);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, text_field);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, vote_editor);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, statements_box);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, add_statement_button);
  gtk_widget_class_bind_template_child (widget_class, RefDecisionEditor, remark_row);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_install_action (widget_class, "decision.add-statement", "s", add_statement_activated);
  gtk_widget_class_install_action (widget_class, "decision.insert-phrase", "u", insert_phrase_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_decision_editor_init (RefDecisionEditor *self)
{
  g_type_ensure (REF_TYPE_DATE_BUTTON);
  g_type_ensure (REF_TYPE_TEXT_FIELD);
  g_type_ensure (REF_TYPE_VOTE_EDITOR);
  self->statement_editors = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* In the capture phase: the text view would take Alt+digits as typing. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < REF_PHRASES_N_SHORTCUTS; i++)
      for (guint keypad = 0; keypad < 2; keypad++)
        {
          GtkShortcut *shortcut = gtk_shortcut_new (
              gtk_keyval_trigger_new ((keypad ? GDK_KEY_KP_1 : GDK_KEY_1) + i, GDK_ALT_MASK),
              gtk_named_action_new ("decision.insert-phrase"));

          gtk_shortcut_set_arguments (shortcut, g_variant_new_uint32 (i));
          gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
        }
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
}

GtkWidget *
ref_decision_editor_new (RefDecision *decision, RefAgendaItem *item, RefMeeting *meeting)
{
  RefDecisionEditor *self = g_object_new (REF_TYPE_DECISION_EDITOR, NULL);
  g_autofree char *title = NULL;

  g_return_val_if_fail (REF_IS_DECISION (decision), GTK_WIDGET (self));
  self->decision = g_object_ref (decision);
  self->item = item;
  self->meeting = meeting;
  title = decision_title (decision);
  g_object_bind_property (decision, "deciding-body", self->body_row, "text",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (decision, "date", self->date_button, "date", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (decision, "remark", self->remark_row, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  ref_text_field_bind (self->text_field, decision, "text", title);
  ref_vote_editor_set_decision (self->vote_editor, decision, meeting, item);
  g_signal_connect_swapped (decision, "notify::deciding-body", G_CALLBACK (update_heading), self);
  g_signal_connect_swapped (decision, "notify::date", G_CALLBACK (update_heading), self);
  g_signal_connect (ref_decision_get_statements (decision), "items-changed", G_CALLBACK (on_statements_changed), self);
  update_heading (self);
  rebuild_statements (self);
  return GTK_WIDGET (self);
}
