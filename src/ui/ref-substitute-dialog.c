/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-substitute-dialog.h"
#include "ref-ui-resources.h"

struct _RefSubstituteDialog {
  AdwMessageDialog parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *party_row;
  AdwComboRow *member_row;
  GtkWidget *leaves_row;
  GtkSwitch *leaves_switch;

  RefMeeting *meeting;
  RefAgendaItem *item;
  GPtrArray *members; /* RefParticipant, as the combo row lists them */
};

G_DEFINE_FINAL_TYPE (RefSubstituteDialog, ref_substitute_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
present_now (RefSubstituteDialog *self, RefParticipant *p)
{
  return self->item != NULL ? ref_meeting_is_present_for_item (self->meeting, p, self->item)
                            : ref_participant_get_attendance (p) != REF_ATTENDANCE_ABSENT;
}

static void
update_leaves (RefSubstituteDialog *self)
{
  RefParticipant *member = ref_substitute_dialog_get_member (self);
  gboolean present = member != NULL && present_now (self, member);

  /* Only a member who is in the room can leave. */
  gtk_widget_set_visible (self->leaves_row, present);
  gtk_switch_set_active (self->leaves_switch, present);
  if (member != NULL)
    {
      /* TRANSLATORS: %s is the member the substitute stands in for */
      g_autofree char *title = g_strdup_printf (_("%s Leaves Now"), ref_participant_get_name (member));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->leaves_row), title);
    }
}

static void
update_response (RefSubstituteDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add",
                                           *name != '\0' && ref_substitute_dialog_get_member (self) != NULL);
}

static void
on_name_changed (GtkEditable *editable, RefSubstituteDialog *self)
{
  update_response (self);
}

/* Enter in a field adds, as the default response would. */
static void
on_entry_activated (AdwEntryRow *row, RefSubstituteDialog *self)
{
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "add"))
    return;
  /* As a click on the button: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "add");
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_member_selected (AdwComboRow *row, GParamSpec *pspec, RefSubstituteDialog *self)
{
  update_leaves (self);
  update_response (self);
}

static void
fill_members (RefSubstituteDialog *self)
{
  GListModel *participants = ref_meeting_get_participants (self->meeting);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint proposed = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *label = NULL;

      /* Substitutes stand in for members, not for each other or for officials. */
      if (ref_participant_get_participant_type (p) != REF_PARTICIPANT_TYPE_MEMBER)
        continue;
      if (proposed == GTK_INVALID_LIST_POSITION && !present_now (self, p)
          && ref_meeting_find_substitute (self->meeting, p) == NULL)
        proposed = self->members->len;
      g_ptr_array_add (self->members, g_object_ref (p));
      label = ref_participant_format (p, FALSE);
      gtk_string_list_append (names, label);
    }
  adw_combo_row_set_model (self->member_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->member_row, proposed != GTK_INVALID_LIST_POSITION ? proposed : 0);
}

const char *
ref_substitute_dialog_get_name (RefSubstituteDialog *self)
{
  g_return_val_if_fail (REF_IS_SUBSTITUTE_DIALOG (self), "");
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

const char *
ref_substitute_dialog_get_party (RefSubstituteDialog *self)
{
  g_return_val_if_fail (REF_IS_SUBSTITUTE_DIALOG (self), "");
  return gtk_editable_get_text (GTK_EDITABLE (self->party_row));
}

RefParticipant *
ref_substitute_dialog_get_member (RefSubstituteDialog *self)
{
  guint selected;

  g_return_val_if_fail (REF_IS_SUBSTITUTE_DIALOG (self), NULL);
  selected = adw_combo_row_get_selected (self->member_row);
  return selected < self->members->len ? g_ptr_array_index (self->members, selected) : NULL;
}

gboolean
ref_substitute_dialog_get_member_leaves (RefSubstituteDialog *self)
{
  g_return_val_if_fail (REF_IS_SUBSTITUTE_DIALOG (self), FALSE);
  return gtk_widget_get_visible (self->leaves_row) && gtk_switch_get_active (self->leaves_switch);
}

/* The name is what is typed first. */
static void
ref_substitute_dialog_map (GtkWidget *widget)
{
  RefSubstituteDialog *self = REF_SUBSTITUTE_DIALOG (widget);

  GTK_WIDGET_CLASS (ref_substitute_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
ref_substitute_dialog_dispose (GObject *object)
{
  RefSubstituteDialog *self = REF_SUBSTITUTE_DIALOG (object);

  g_clear_object (&self->meeting);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (ref_substitute_dialog_parent_class)->dispose (object);
}

static void
ref_substitute_dialog_finalize (GObject *object)
{
  RefSubstituteDialog *self = REF_SUBSTITUTE_DIALOG (object);

  g_clear_pointer (&self->members, g_ptr_array_unref);
  G_OBJECT_CLASS (ref_substitute_dialog_parent_class)->finalize (object);
}

static void
ref_substitute_dialog_class_init (RefSubstituteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_substitute_dialog_dispose;
  object_class->finalize = ref_substitute_dialog_finalize;
  widget_class->map = ref_substitute_dialog_map;

  /* The template is in the static library's resources: referencing the generated
   * getter keeps the object that registers them. */
  (void) ref_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-substitute-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RefSubstituteDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RefSubstituteDialog, party_row);
  gtk_widget_class_bind_template_child (widget_class, RefSubstituteDialog, member_row);
  gtk_widget_class_bind_template_child (widget_class, RefSubstituteDialog, leaves_row);
  gtk_widget_class_bind_template_child (widget_class, RefSubstituteDialog, leaves_switch);
}

static void
ref_substitute_dialog_init (RefSubstituteDialog *self)
{
  self->members = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

RefSubstituteDialog *
ref_substitute_dialog_new (GtkWindow *parent, RefMeeting *meeting, RefAgendaItem *item)
{
  RefSubstituteDialog *self;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  self = g_object_new (REF_TYPE_SUBSTITUTE_DIALOG, "transient-for", parent, NULL);
  self->meeting = g_object_ref (meeting);
  self->item = item ? g_object_ref (item) : NULL;
  fill_members (self);
  g_signal_connect (self->name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect (self->name_row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  g_signal_connect (self->party_row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  g_signal_connect (self->member_row, "notify::selected", G_CALLBACK (on_member_selected), self);
  update_leaves (self);
  update_response (self);
  return self;
}
