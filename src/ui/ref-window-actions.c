/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-approvals-panel.h"
#include "ref-item-view.h"
#include "ref-meeting-view.h"
#include "ref-search-bar.h"
#include "ref-window-private.h"
#include "ref-xml.h"

/*
 * The window's actions (win.*), as GNOME Text Editor keeps its own in
 * editor-window-actions.c: what a menu item, a button or a shortcut does. The panels
 * do the work; ref-window.c composes them and keeps the window's state.
 */

static void
show_meeting_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->content_stack, "meeting");
  adw_window_title_set_title (self->content_title, _("Meeting Details"));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  ref_meeting_view_focus_committee (self->meeting_view);
}

static void
on_save_as_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      /* Add the extension when the user did not type one. */
      if (path && !g_str_has_suffix (path, REF_XML_EXTENSION))
        {
          g_autofree char *with = g_strconcat (path, REF_XML_EXTENSION, NULL);
          g_autoptr (GFile) named = g_file_new_for_path (with);
          saved = _ref_window_save_or_report (self, named);
        }
      else
        saved = _ref_window_save_or_report (self, file);
    }
  /* Closing after "Save" in the unsaved-changes prompt: only once the meeting is
   * safely written. A cancelled or failed save keeps the window, and the next close
   * asks again. */
  if (self->close_confirmed)
    {
      if (saved)
        g_idle_add (_ref_window_destroy_later, g_object_ref (self));
      else
        self->close_confirmed = FALSE;
    }
  g_object_unref (dialog);
}

static void
save_as_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Save Meeting"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = _ref_window_referat_filter ();
  g_autofree char *name = NULL;
  GDateTime *start = ref_meeting_get_start (self->meeting);
  g_autofree char *day = start ? g_date_time_format (start, "%Y-%m-%d") : g_strdup ("");

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  _ref_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  name = g_strdup_printf ("%s %s%s", ref_meeting_get_committee (self->meeting), day, REF_XML_EXTENSION);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), g_strstrip (name));
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  if (self->file == NULL)
    save_as_activated (widget, "win.save-as", NULL);
  else
    _ref_window_save_or_report (self, self->file);
}

static void
on_open_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      ref_application_open_file (REF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file);
    }
  g_object_unref (dialog);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Open Meeting"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = _ref_window_referat_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  _ref_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      ref_window_export_to (self, file, self->export_edition);
    }
  g_object_unref (dialog);
}

static void
choose_export_file (RefWindow *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Export PDF"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  GDateTime *start = ref_meeting_get_start (self->meeting);
  g_autofree char *day = start ? g_date_time_format (start, "%Y-%m-%d") : g_strdup ("");
  /* The internal edition must not be mistaken for the one to publish. */
  g_autofree char *name = g_strdup_printf ("%s %s%s.pdf", ref_meeting_get_committee (self->meeting), day,
                                           self->export_edition == REF_EDITION_INTERNAL ? " (intern)" : "");

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  _ref_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_edition_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  if (g_str_equal (response, "cancel"))
    return;
  self->export_edition = g_str_equal (response, "internal") ? REF_EDITION_INTERNAL : REF_EDITION_PUBLIC;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "export-edition", response);
  choose_export_file (self);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), _("Which Edition?"),
      _("The public edition shows closed items only by their title. The internal edition prints everything and "
        "marks the closed items.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "internal", _("_Internal"), "public", _("_Public"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "public", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, self->export_edition == REF_EDITION_INTERNAL ? "internal" : "public");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_edition_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_history_undo (ref_meeting_get_history (REF_WINDOW (widget)->meeting));
}

static void
redo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_history_redo (ref_meeting_get_history (REF_WINDOW (widget)->meeting));
}

static void
add_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  guint position;
  guint n = ref_meeting_get_n_items (self->meeting);

  /* After the selected item, numbered after the highest number in use. */
  _ref_window_selected_item (self, &position);
  position = position == GTK_INVALID_LIST_POSITION ? n : position + 1;
  ref_agenda_item_set_number (item, ref_meeting_next_item_number (self->meeting));
  ref_meeting_insert_item (self->meeting, position, item);
  _ref_window_select_item_object (self, item);
  _ref_window_show_item_page (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  /* A new item is written from its title down. */
  ref_item_view_focus_title (self->item_view);
}

static void
find_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  ref_search_bar_start (self->search_bar);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_undo_toast (AdwToast *toast_widget, RefWindow *self)
{
  ref_history_undo (ref_meeting_get_history (self->meeting));
}

static void
delete_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  guint position;
  RefAgendaItem *item = _ref_window_selected_item (self, &position);
  g_autofree char *text = NULL;
  AdwToast *undo;

  if (item == NULL)
    return;
  /* TRANSLATORS: toast after deleting an agenda item, "Item 4 deleted" */
  text = g_strdup_printf (_("Item %u deleted"), ref_agenda_item_get_number (item));
  ref_meeting_remove_item (self->meeting, item);
  if (ref_meeting_get_n_items (self->meeting) > 0)
    _ref_window_select_store_position (self, MIN (position, ref_meeting_get_n_items (self->meeting) - 1));
  undo = adw_toast_new (text);
  adw_toast_set_button_label (undo, _("_Undo"));
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (on_undo_toast), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void
duplicate_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  guint position;
  RefAgendaItem *item = _ref_window_selected_item (self, &position);
  g_autoptr (RefAgendaItem) copy = NULL;

  if (item == NULL)
    return;
  copy = ref_model_copy (item);
  ref_agenda_item_set_number (copy, ref_meeting_next_item_number (self->meeting));
  ref_meeting_insert_item (self->meeting, position + 1, copy);
  _ref_window_select_item_object (self, copy);
}

static void
move_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  guint position;
  RefAgendaItem *item = _ref_window_selected_item (self, &position);
  gboolean up = g_str_equal (action_name, "win.move-item-up");
  guint n = ref_meeting_get_n_items (self->meeting);

  if (item == NULL || (up && position == 0) || (!up && position + 1 >= n))
    return;
  g_object_ref (item);
  ref_meeting_move_item (self->meeting, position, up ? position - 1 : position + 1);
  _ref_window_select_item_object (self, item);
  g_object_unref (item);
}

/* Numbers the items in their order, from the first item's number (so running
 * numbers such as 82, 83 … stay running). */
static void
renumber_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  g_autoptr (RefAgendaItem) first = NULL;

  if (ref_meeting_get_n_items (self->meeting) == 0)
    return;
  first = g_list_model_get_item (ref_meeting_get_items (self->meeting), 0);
  ref_meeting_renumber_items (self->meeting, MAX (1, ref_agenda_item_get_number (first)));
}

static void
on_go_to_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  guint64 number;

  if (g_str_equal (response, "go")
      && g_ascii_string_to_unsigned (gtk_editable_get_text (entry), 10, 1, G_MAXUINT, &number, NULL))
    _ref_window_go_to_number (self, (guint) number);
}

AdwMessageDialog *
_ref_window_open_go_to_dialog (RefWindow *self, const char *initial)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Go to Item"), NULL));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Item number"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "go", _("_Go"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "go", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "go");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_go_to_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  if (initial != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), initial);
      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
    }
  return dialog;
}

static void
go_to_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _ref_window_open_go_to_dialog (REF_WINDOW (widget), NULL);
}

static void
go_to_number_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _ref_window_go_to_number (REF_WINDOW (widget), g_variant_get_uint32 (parameter));
}

static void
on_compare_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GError) error = NULL;
      g_autoptr (RefMeeting) other = ref_xml_load_file (file, &error);
      g_autofree char *name = g_file_get_basename (file);

      if (other == NULL)
        ref_window_show_error (self, _("Could not open the file"), error->message);
      else
        ref_window_show_comparison (self, other, name);
    }
  g_object_unref (dialog);
}

static void
compare_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Compare With an Earlier Version"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = _ref_window_referat_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  _ref_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_compare_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
case_history_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  _ref_window_show_item_page (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_menu_button_popup (self->case_history_button);
}

/* Opens the review panel (Ctrl+Shift+R). */
static void
review_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_menu_button_popup (REF_WINDOW (widget)->review_button);
}

static void
lock_for_approval_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_approvals_panel_lock (REF_WINDOW (widget)->approvals_panel);
}

static void
unlock_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_approvals_panel_unlock (REF_WINDOW (widget)->approvals_panel);
}

static void
approve_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_approvals_panel_choose_certificate (REF_WINDOW (widget)->approvals_panel);
}

static void
verify_approvals_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_approvals_panel_verify (REF_WINDOW (widget)->approvals_panel, TRUE, TRUE);
}

static void
add_trust_anchor_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_approvals_panel_choose_trust_anchor (REF_WINDOW (widget)->approvals_panel);
}

static void
remove_trust_anchor_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_approvals_panel_remove_trust_anchor (REF_WINDOW (widget)->approvals_panel, g_variant_get_string (parameter, NULL));
}

static void
show_list_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
_ref_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_activated);
  gtk_widget_class_install_action (widget_class, "win.show-meeting", NULL, show_meeting_activated);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.add-item", NULL, add_item_activated);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-item", NULL, delete_item_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate-item", NULL, duplicate_item_activated);
  gtk_widget_class_install_action (widget_class, "win.move-item-up", NULL, move_item_activated);
  gtk_widget_class_install_action (widget_class, "win.move-item-down", NULL, move_item_activated);
  gtk_widget_class_install_action (widget_class, "win.renumber", NULL, renumber_activated);
  gtk_widget_class_install_action (widget_class, "win.go-to-item", NULL, go_to_item_activated);
  gtk_widget_class_install_action (widget_class, "win.go-to-number", "u", go_to_number_activated);
  gtk_widget_class_install_action (widget_class, "win.case-history", NULL, case_history_activated);
  gtk_widget_class_install_action (widget_class, "win.lock-for-approval", NULL, lock_for_approval_activated);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "win.approve", NULL, approve_activated);
  gtk_widget_class_install_action (widget_class, "win.verify-approvals", NULL, verify_approvals_activated);
  gtk_widget_class_install_action (widget_class, "win.add-trust-anchor", NULL, add_trust_anchor_activated);
  gtk_widget_class_install_action (widget_class, "win.remove-trust-anchor", "s", remove_trust_anchor_activated);
}
