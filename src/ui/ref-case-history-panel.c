/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ref-application.h"
#include "ref-archive-service.h"
#include "ref-case-history-panel.h"

struct _RefCaseHistoryPanel {
  GtkBox parent_instance;

  GtkLabel *summary;
  GtkStack *stack;
  GtkListBox *list;
  GtkLabel *error_label;
  GtkButton *insert_button;
  GtkLabel *result_label;

  RefMeeting *meeting;
  RefAgendaItem *item;
  GCancellable *cancellable;
  GPtrArray *entries; /* RefCaseHistoryEntry, as listed */
  GPtrArray *checks;  /* per entry: the GtkCheckButton of a suggestion, or NULL */
};

G_DEFINE_FINAL_TYPE (RefCaseHistoryPanel, ref_case_history_panel, GTK_TYPE_BOX)

static void
clear_list (RefCaseHistoryPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->entries, 0);
  g_ptr_array_set_size (self->checks, 0);
}

static void
update_insert_button (RefCaseHistoryPanel *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      any |= check == NULL || gtk_check_button_get_active (check);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->insert_button),
                            any && self->meeting != NULL && !ref_meeting_get_locked (self->meeting));
}

static char *
display_date (const char *iso)
{
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup ("");
  return g_strdup_printf ("%02d-%02d-%04d", day, month, year);
}

static void
on_open_clicked (GtkButton *button, RefCaseHistoryPanel *self)
{
  RefCaseHistoryEntry *entry = g_object_get_data (G_OBJECT (button), "ref-entry");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  g_autoptr (GFile) file = g_file_new_for_path (ref_case_history_entry_get_path (entry));

  if (REF_IS_APPLICATION (app))
    ref_application_open_item (REF_APPLICATION (app), file, ref_case_history_entry_get_number (entry));
}

static void
on_check_toggled (GtkCheckButton *check, GParamSpec *pspec, RefCaseHistoryPanel *self)
{
  update_insert_button (self);
}

/* An earlier handling: its reference in the standard wording, the item's title and
 * outcome; opened, the decision as written and a button to the meeting. */
static GtkWidget *
entry_row (RefCaseHistoryPanel *self, RefCaseHistoryEntry *entry, GtkCheckButton **check_out)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *decision = gtk_label_new (NULL);
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open Meeting"));
  const char *outcome = ref_case_history_entry_get_outcome (entry);
  const char *text = ref_case_history_entry_get_decision (entry);
  g_autofree char *date = display_date (ref_case_history_entry_get_date (entry));
  g_autoptr (GString) subtitle = g_string_new (ref_case_history_entry_get_title (entry));

  if (outcome != NULL)
    g_string_append_printf (subtitle, " · %s", ref_archive_outcome_label (outcome));
  if (ref_case_history_entry_get_suggested (entry))
    {
      GtkWidget *check = gtk_check_button_new ();

      /* TRANSLATORS: an earlier item suggested because its title is like this one's */
      g_string_prepend (subtitle, _("Similar title: "));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, _("Include in “Tidligere behandling”"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Include in “Tidligere behandling”"), -1);
      g_signal_connect (check, "notify::active", G_CALLBACK (on_check_toggled), self);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);
      *check_out = GTK_CHECK_BUTTON (check);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ref_case_history_entry_get_reference (entry));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);

  gtk_label_set_text (GTK_LABEL (decision), text && *text ? text : _("No decision recorded."));
  gtk_label_set_xalign (GTK_LABEL (decision), 0);
  gtk_label_set_wrap (GTK_LABEL (decision), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (decision), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (decision), TRUE);
  gtk_widget_set_halign (open, GTK_ALIGN_START);
  /* TRANSLATORS: the tooltip of Open Meeting: "Socialudvalget 11-03-2025" */
  {
    g_autofree char *tooltip = g_strdup_printf (_("Open %s %s at item %u"), ref_case_history_entry_get_committee (entry),
                                                date, ref_case_history_entry_get_number (entry));
    gtk_widget_set_tooltip_text (open, tooltip);
  }
  g_object_set_data_full (G_OBJECT (open), "ref-entry", g_object_ref (entry), g_object_unref);
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked), self);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), decision);
  gtk_box_append (GTK_BOX (box), open);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  return row;
}

static void
show_entries (RefCaseHistoryPanel *self, GPtrArray *entries)
{
  guint same_case = 0;

  clear_list (self);
  for (guint i = 0; i < entries->len; i++)
    {
      RefCaseHistoryEntry *entry = g_ptr_array_index (entries, i);
      GtkCheckButton *check = NULL;

      gtk_list_box_append (self->list, entry_row (self, entry, &check));
      g_ptr_array_add (self->entries, g_object_ref (entry));
      g_ptr_array_add (self->checks, check);
      same_case += !ref_case_history_entry_get_suggested (entry);
    }
  if (entries->len == 0)
    gtk_label_set_text (self->summary, _("Nothing in the archive has this case number or a title like this item’s."));
  else if (same_case == 0)
    gtk_label_set_text (self->summary, _("Nothing in the archive has this case number; items with similar titles "
                                         "are suggested."));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Dealt with %u time before, newest first.",
                                                         "Dealt with %u times before, newest first.", same_case),
                                               same_case);
      gtk_label_set_text (self->summary, text);
    }
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
  update_insert_button (self);
}

static void
on_looked_up (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (RefCaseHistoryPanel) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ref_archive_service_case_history_finish (REF_ARCHIVE_SERVICE (source), result,
                                                                           &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (entries != NULL)
    {
      show_entries (self, entries);
      return;
    }
  clear_list (self);
  update_insert_button (self);
  gtk_label_set_text (self->summary, "");
  if (g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_NO_INDEX)
      && ref_archive_service_get_folder (ref_archive_service_get_default ()) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "no-archive");
  else
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
}

void
ref_case_history_panel_set_item (RefCaseHistoryPanel *self, RefMeeting *meeting, RefAgendaItem *item, GFile *file)
{
  RefArchiveService *service = ref_archive_service_get_default ();

  g_return_if_fail (REF_IS_CASE_HISTORY_PANEL (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->meeting, meeting);
  g_set_object (&self->item, item);
  gtk_label_set_text (self->result_label, "");
  clear_list (self);
  update_insert_button (self);
  if (meeting == NULL || item == NULL)
    {
      gtk_label_set_text (self->summary, _("Choose an item to see where its case was dealt with before."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_label_set_text (self->summary, "");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  self->cancellable = g_cancellable_new ();
  ref_archive_service_case_history_async (service, meeting, item, file, self->cancellable, on_looked_up,
                                          g_object_ref (self));
}

gboolean
ref_case_history_panel_get_loading (RefCaseHistoryPanel *self)
{
  return self->cancellable != NULL;
}

guint
ref_case_history_panel_get_n_entries (RefCaseHistoryPanel *self)
{
  return self->entries->len;
}

GtkWidget *
ref_case_history_panel_get_row (RefCaseHistoryPanel *self, guint index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) index));
}

guint
ref_case_history_panel_insert (RefCaseHistoryPanel *self)
{
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  guint added;

  if (self->item == NULL || (self->meeting != NULL && ref_meeting_get_locked (self->meeting)))
    return 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (check == NULL || gtk_check_button_get_active (check))
        g_ptr_array_add (chosen, g_ptr_array_index (self->entries, i));
    }
  added = ref_case_history_insert (self->item, chosen);
  if (added > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u reference added to “Tidligere behandling”.",
                                                         "%u references added to “Tidligere behandling”.", added),
                                               added);
      gtk_label_set_text (self->result_label, text);
    }
  else
    gtk_label_set_text (self->result_label, _("“Tidligere behandling” already names these meetings."));
  return added;
}

static void
insert_clicked (GtkButton *button, RefCaseHistoryPanel *self)
{
  ref_case_history_panel_insert (self);
}

static void
ref_case_history_panel_dispose (GObject *object)
{
  RefCaseHistoryPanel *self = REF_CASE_HISTORY_PANEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->meeting);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_CASE_HISTORY_PANEL);
  G_OBJECT_CLASS (ref_case_history_panel_parent_class)->dispose (object);
}

static void
ref_case_history_panel_finalize (GObject *object)
{
  RefCaseHistoryPanel *self = REF_CASE_HISTORY_PANEL (object);

  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->checks);
  G_OBJECT_CLASS (ref_case_history_panel_parent_class)->finalize (object);
}

static void
ref_case_history_panel_class_init (RefCaseHistoryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_case_history_panel_dispose;
  object_class->finalize = ref_case_history_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-case-history-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RefCaseHistoryPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, RefCaseHistoryPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, RefCaseHistoryPanel, list);
  gtk_widget_class_bind_template_child (widget_class, RefCaseHistoryPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, RefCaseHistoryPanel, insert_button);
  gtk_widget_class_bind_template_child (widget_class, RefCaseHistoryPanel, result_label);
  gtk_widget_class_bind_template_callback (widget_class, insert_clicked);
}

static void
ref_case_history_panel_init (RefCaseHistoryPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_ptr_array_new ();
  update_insert_button (self);
}
