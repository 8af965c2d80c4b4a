/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-archive-preferences-page.h"
#include "ref-archive-service.h"

struct _RefArchivePreferencesPage {
  AdwPreferencesPage parent_instance;

  AdwActionRow *folder_row;
  GtkWidget *clear_button;
  GtkSwitch *internal_switch;
  AdwActionRow *status_row;
  GtkWidget *update_button;
  GtkProgressBar *progress_bar;
  AdwActionRow *location_row;

  RefArchiveService *service;
};

G_DEFINE_FINAL_TYPE (RefArchivePreferencesPage, ref_archive_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static void
update_rows (RefArchivePreferencesPage *self)
{
  const char *folder = ref_archive_service_get_folder (self->service);
  const char *path = ref_archive_service_get_index_path (self->service);
  gboolean updating = ref_archive_service_get_updating (self->service);

  adw_action_row_set_subtitle (self->folder_row, folder ? folder : _("None chosen"));
  gtk_widget_set_visible (self->clear_button, folder != NULL);
  if (gtk_switch_get_active (self->internal_switch) != ref_archive_service_get_internal (self->service))
    gtk_switch_set_active (self->internal_switch, ref_archive_service_get_internal (self->service));
  adw_action_row_set_subtitle (self->status_row, ref_archive_service_get_status (self->service));
  gtk_widget_set_sensitive (self->update_button, folder != NULL && !updating);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), updating);
  gtk_progress_bar_set_fraction (self->progress_bar, ref_archive_service_get_fraction (self->service));
  adw_action_row_set_subtitle (self->location_row, path ? path : _("None yet"));
}

static void
on_service_notify (RefArchiveService *service, GParamSpec *pspec, RefArchivePreferencesPage *self)
{
  update_rows (self);
}

void
ref_archive_preferences_page_choose_folder (RefArchivePreferencesPage *self, GFile *folder)
{
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

  ref_archive_service_set_folder (self->service, path);
}

static void
on_folder_chosen (GtkNativeDialog *dialog, int response, RefArchivePreferencesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (folder != NULL)
        ref_archive_preferences_page_choose_folder (self, folder);
    }
  g_object_unref (dialog);
}

static void
choose_clicked (GtkButton *button, RefArchivePreferencesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Choose the Archive Folder"),
                                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                                              _("_Cancel"));
  const char *folder = ref_archive_service_get_folder (self->service);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (folder != NULL)
    {
      g_autoptr (GFile) current = g_file_new_for_path (folder);
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), current, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
clear_clicked (GtkButton *button, RefArchivePreferencesPage *self)
{
  ref_archive_service_set_folder (self->service, NULL);
}

static void
update_clicked (GtkButton *button, RefArchivePreferencesPage *self)
{
  ref_archive_service_update (self->service);
}

static void
on_internal_toggled (GtkSwitch *sw, GParamSpec *pspec, RefArchivePreferencesPage *self)
{
  ref_archive_service_set_internal (self->service, gtk_switch_get_active (sw));
}

static void
ref_archive_preferences_page_class_init (RefArchivePreferencesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/dk/referent/Referent/ui/ref-archive-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RefArchivePreferencesPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, RefArchivePreferencesPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, RefArchivePreferencesPage, internal_switch);
  gtk_widget_class_bind_template_child (widget_class, RefArchivePreferencesPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RefArchivePreferencesPage, update_button);
  gtk_widget_class_bind_template_child (widget_class, RefArchivePreferencesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RefArchivePreferencesPage, location_row);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_clicked);
}

static void
ref_archive_preferences_page_init (RefArchivePreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->service = ref_archive_service_get_default ();
  update_rows (self);
  g_signal_connect (self->internal_switch, "notify::active", G_CALLBACK (on_internal_toggled), self);
  g_signal_connect_object (self->service, "notify", G_CALLBACK (on_service_notify), self, 0);
}

GtkWidget *
ref_archive_preferences_page_new (void)
{
  return g_object_new (REF_TYPE_ARCHIVE_PREFERENCES_PAGE, NULL);
}
