/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ref-import-notes.h"
#include "ref-pdf-import.h"
#include "ref-widget-util.h"

struct _RefImportNotes {
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel *summary;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (RefImportNotes, ref_import_notes, GTK_TYPE_WIDGET)

static void
on_note_done (GtkCheckButton *check, GtkWidget *row)
{
  /* Ticked off: dimmed, kept in the list so the secretary can see what was done. */
  gtk_widget_set_opacity (row, gtk_check_button_get_active (check) ? 0.45 : 1.0);
}

void
ref_import_notes_show (RefImportNotes *self, GPtrArray *warnings, double coverage, double confidence)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (REF_IS_IMPORT_NOTES (self));
  /* TRANSLATORS: "Imported 98.5 % of the text, confidence 0.95: 3 notes to check" */
  summary = g_strdup_printf (ngettext ("Imported %.1f %% of the text, confidence %.2f: %u note to check",
                                       "Imported %.1f %% of the text, confidence %.2f: %u notes to check", warnings->len),
                             100 * coverage, confidence, warnings->len);
  ref_import_notes_show_summary (self, warnings, summary);
}

void
ref_import_notes_show_summary (RefImportNotes *self, GPtrArray *warnings, const char *summary)
{
  GtkWidget *child;

  g_return_if_fail (REF_IS_IMPORT_NOTES (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  gtk_label_set_label (self->summary, summary);
  for (guint i = 0; i < warnings->len; i++)
    {
      RefImportWarning *w = g_ptr_array_index (warnings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = w->page ? g_strdup_printf (_("Page %u: %s"), w->page, w->reason) : g_strdup (w->reason);
      g_autofree char *text = g_markup_escape_text (w->text, -1);
      g_autofree char *escaped_title = g_markup_escape_text (title, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checked"), -1);
      gtk_widget_set_tooltip_text (check, _("Mark as checked"));
      g_signal_connect (check, "toggled", G_CALLBACK (on_note_done), row);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->list, row);
    }
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
ref_import_notes_show_confidence_notes (RefImportNotes *self, GPtrArray *notes)
{
  g_return_if_fail (REF_IS_IMPORT_NOTES (self));
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-information-symbolic", "accessible-role",
                                      GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      g_autofree char *text = g_markup_escape_text (g_ptr_array_index (notes, i), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Confidence lowered"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_insert (self->list, row, (int) i);
    }
  if (notes != NULL && notes->len > 0)
    gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
ref_import_notes_hide (RefImportNotes *self)
{
  g_return_if_fail (REF_IS_IMPORT_NOTES (self));
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
ref_import_notes_get_shown (RefImportNotes *self)
{
  g_return_val_if_fail (REF_IS_IMPORT_NOTES (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

static void
hide_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_import_notes_hide (REF_IMPORT_NOTES (widget));
}

static void
ref_import_notes_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REF_TYPE_IMPORT_NOTES);
  ref_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (ref_import_notes_parent_class)->dispose (object);
}

static void
ref_import_notes_class_init (RefImportNotesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_import_notes_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-import-notes.ui");
  gtk_widget_class_bind_template_child (widget_class, RefImportNotes, revealer);
  gtk_widget_class_bind_template_child (widget_class, RefImportNotes, summary);
  gtk_widget_class_bind_template_child (widget_class, RefImportNotes, list);
  gtk_widget_class_install_action (widget_class, "notes.hide", NULL, hide_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_import_notes_init (RefImportNotes *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ref_import_notes_new (void)
{
  return g_object_new (REF_TYPE_IMPORT_NOTES, NULL);
}
