/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-application.h"
#include "ref-archive-service.h"
#include "ref-esdh-import.h"
#include "ref-pdf-import.h"
#include "ref-preferences-window.h"
#include "ref-recovery.h"
#include "ref-search-window.h"
#include "ref-template.h"
#include "ref-window.h"
#include "ref-xml.h"

struct _RefApplication {
  AdwApplication parent_instance;
  gboolean no_sample;
  gboolean import_on_start;
  gboolean recovery_checked;
};

G_DEFINE_FINAL_TYPE (RefApplication, ref_application, ADW_TYPE_APPLICATION)

static RefWindow *
new_window (RefApplication *self, RefMeeting *meeting, GFile *file)
{
  RefWindow *window = ref_window_new (self, meeting, file);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static RefMeeting *
new_empty_meeting (void)
{
  RefMeeting *meeting = ref_meeting_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 13, 0, 0);

  ref_meeting_set_start (meeting, start);
  ref_history_clear (ref_meeting_get_history (meeting));
  return meeting;
}

typedef struct {
  RefApplication *app;
  RefRecoveryEntry *entry;
} RecoveryOffer;

static void
on_recovery_response (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  RecoveryOffer *offer = data;

  if (g_str_equal (response, "restore"))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RefMeeting) meeting = ref_recovery_load (offer->entry, &error);

      if (meeting != NULL)
        {
          g_autoptr (GFile) original = offer->entry->original ? g_file_new_for_uri (offer->entry->original) : NULL;
          RefWindow *window = ref_window_new (offer->app, meeting, original);

          /* Keep updating the same copy until the work is saved. */
          ref_window_set_recovery_id (window, offer->entry->id);
          gtk_window_present (GTK_WINDOW (window));
        }
      else
        g_warning ("%s", error->message);
    }
  else if (g_str_equal (response, "discard"))
    ref_recovery_remove (offer->entry->id);
  ref_recovery_entry_free (offer->entry);
  g_object_unref (offer->app);
  g_free (offer);
}

/* After a crash: unsaved work found in the recovery folder is offered for restoring,
 * once per start. */
static void
offer_recovery (RefApplication *self, GtkWindow *parent)
{
  g_autoptr (GPtrArray) entries = NULL;

  if (self->recovery_checked)
    return;
  self->recovery_checked = TRUE;
  entries = ref_recovery_list ();
  while (entries->len > 0)
    {
      RecoveryOffer *offer = g_new0 (RecoveryOffer, 1);
      AdwMessageDialog *dialog;
      g_autofree char *when = NULL;
      g_autofree char *body = NULL;

      offer->app = g_object_ref (self);
      offer->entry = g_ptr_array_steal_index (entries, 0);
      when = g_date_time_format (offer->entry->time, "%d-%m-%Y %H:%M");
      /* TRANSLATORS: "Socialudvalget 06-05-2025, last copied 23-11-2026 14:05" */
      body = g_strdup_printf (_("Referent was closed before “%s” was saved. A copy from %s was kept."),
                              offer->entry->title && *offer->entry->title ? offer->entry->title : _("a new meeting"), when);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Restore Unsaved Work?"), body));
      adw_message_dialog_add_responses (dialog, "later", _("_Not Now"), "discard", _("_Discard"), "restore",
                                        _("_Restore"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
      adw_message_dialog_set_close_response (dialog, "later");
      g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response), offer);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* ---- import: agenda or minutes PDFs, case-system exports ---- */

typedef struct {
  RefApplication *app;
  GFile *file;
  gboolean esdh; /* a case-system export (XML, folder, zip), not a PDF */
  GCancellable *cancellable;
  AdwMessageDialog *dialog;
  GtkProgressBar *bar;
  GMutex lock;
  double fraction;
  guint update_source;
} ImportJob;

/* What either importer gives the window. */
typedef struct {
  RefMeeting *meeting;
  GPtrArray *warnings;
  char *summary; /* the export's summary line; NULL for a PDF */
  double coverage;
  double confidence;
  GPtrArray *confidence_notes; /* a PDF's: why the confidence is lower; NULL for an export */
} ImportResult;

static void
import_result_free (ImportResult *result)
{
  g_clear_object (&result->meeting);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_clear_pointer (&result->confidence_notes, g_ptr_array_unref);
  g_free (result->summary);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportResult, import_result_free)

static void
import_job_free (ImportJob *job)
{
  g_clear_handle_id (&job->update_source, g_source_remove);
  g_clear_object (&job->app);
  g_clear_object (&job->file);
  g_clear_object (&job->cancellable);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static gboolean
update_progress (gpointer data)
{
  ImportJob *job = data;
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  g_mutex_unlock (&job->lock);
  /* An export has no pages to count: the bar only shows that work goes on. */
  if (job->bar != NULL && job->esdh)
    gtk_progress_bar_pulse (job->bar);
  else if (job->bar != NULL)
    gtk_progress_bar_set_fraction (job->bar, fraction);
  return G_SOURCE_CONTINUE;
}

/* Runs in the worker thread: only the mutex-guarded number crosses threads. */
static void
import_progress (double fraction, gpointer data)
{
  ImportJob *job = data;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  g_mutex_unlock (&job->lock);
}

static ImportResult *
import_esdh (ImportJob *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (RefEsdhImport) import = ref_esdh_import_file (job->file, NULL, cancellable, error);
  ImportResult *result;

  if (import == NULL)
    return NULL;
  result = g_new0 (ImportResult, 1);
  result->meeting = g_object_ref (ref_esdh_import_get_meeting (import));
  result->warnings = g_ptr_array_ref (ref_esdh_import_get_warnings (import));
  /* TRANSLATORS: "Imported from the SBSYS export: 1 of 3 attachment files found, 4 notes to check" */
  result->summary = g_strdup_printf (ngettext ("Imported from the %s export: %u of %u attachment files found, %u note to check",
                                               "Imported from the %s export: %u of %u attachment files found, %u notes to check",
                                               result->warnings->len),
                                     ref_esdh_import_get_dialect (import), ref_esdh_import_get_n_attachments_found (import),
                                     ref_esdh_import_get_n_attachments (import), result->warnings->len);
  return result;
}

static ImportResult *
import_pdf (ImportJob *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (RefPdfImport) import = ref_pdf_import_file (job->file, cancellable, import_progress, job, error);
  ImportResult *result;

  if (import == NULL)
    return NULL;
  result = g_new0 (ImportResult, 1);
  result->meeting = g_object_ref (ref_pdf_import_get_meeting (import));
  result->warnings = g_ptr_array_ref (ref_pdf_import_get_warnings (import));
  result->coverage = ref_pdf_import_get_coverage (import);
  result->confidence = ref_pdf_import_get_confidence (import);
  result->confidence_notes = g_ptr_array_ref (ref_pdf_import_get_confidence_notes (import));
  return result;
}

static void
import_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ImportJob *job = data;
  GError *error = NULL;
  ImportResult *result = job->esdh ? import_esdh (job, cancellable, &error) : import_pdf (job, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) import_result_free);
}

static void
on_import_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ImportJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ImportResult) import = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (job->dialog));

  job->bar = NULL;
  gtk_window_destroy (GTK_WINDOW (job->dialog));
  if (import != NULL)
    {
      RefWindow *window;

      /* It exists only in memory until saved: closing must ask, autosave must copy it. */
      ref_history_mark_unsaved (ref_meeting_get_history (import->meeting));
      window = new_window (job->app, import->meeting, NULL);
      if (import->summary != NULL)
        ref_window_show_import_notes_summary (window, import->warnings, import->summary);
      else
        {
          ref_window_show_import_notes (window, import->warnings, import->coverage, import->confidence);
          ref_window_show_import_confidence_notes (window, import->confidence_notes);
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
          parent, job->esdh ? _("Could not import the case-system export") : _("Could not import the PDF"),
          error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  import_job_free (job);
}

static void
on_import_dialog_response (AdwMessageDialog *dialog, const char *response, ImportJob *job)
{
  if (g_str_equal (response, "cancel"))
    g_cancellable_cancel (job->cancellable);
}

/* Imports @file (an agenda or minutes PDF, or a case system's export: its XML, the
 * bundle folder or a zip) in a worker thread, showing progress; the result opens in a
 * new window with the import's notes. */
void
ref_application_import (RefApplication *self, GFile *file)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  g_autoptr (GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *body = g_strdup_printf (_("Reading “%s”…"), name);
  GtkWidget *bar = gtk_progress_bar_new ();

  job->app = g_object_ref (self);
  job->file = g_object_ref (file);
  job->esdh = ref_esdh_import_handles (file);
  job->cancellable = g_cancellable_new ();
  g_mutex_init (&job->lock);
  job->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                            job->esdh ? _("Importing Case-System Export") : _("Importing PDF"),
                                                            body));
  job->bar = GTK_PROGRESS_BAR (bar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import progress"), -1);
  adw_message_dialog_set_extra_child (job->dialog, bar);
  adw_message_dialog_add_response (job->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (job->dialog, "cancel");
  g_signal_connect (job->dialog, "response", G_CALLBACK (on_import_dialog_response), job);
  gtk_window_present (GTK_WINDOW (job->dialog));
  job->update_source = g_timeout_add (100, update_progress, job);

  task = g_task_new (NULL, job->cancellable, on_import_done, job);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, import_thread);
}

void
ref_application_import_pdf (RefApplication *self, GFile *file)
{
  ref_application_import (self, file);
}

static void
on_import_chooser_response (GtkNativeDialog *dialog, int response, RefApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        ref_application_import (self, file);
    }
  g_object_unref (dialog);
}

static GtkFileFilter *
import_filter (const char *name, const char *const *mime_types, const char *const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

/* Files: a PDF, an export's XML or a zip of a bundle. */
static void
import_pdf_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RefApplication *self = REF_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Import Agenda, Minutes or Case-System Export"),
                                                              parent, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                              _("_Cancel"));
  const char *const pdf_types[] = { "application/pdf", NULL };
  const char *const pdf_suffixes[] = { "pdf", NULL };
  const char *const export_types[] = { "application/xml", "text/xml", "application/zip", NULL };
  const char *const export_suffixes[] = { "xml", "zip", NULL };
  const char *const all_types[] = { "application/pdf", "application/xml", "text/xml", "application/zip", NULL };
  const char *const all_suffixes[] = { "pdf", "xml", "zip", NULL };
  g_autoptr (GtkFileFilter) all = import_filter (_("Agendas, minutes and case-system exports"), all_types, all_suffixes);
  g_autoptr (GtkFileFilter) pdf = import_filter (_("PDF documents"), pdf_types, pdf_suffixes);
  g_autoptr (GtkFileFilter) exports = import_filter (_("Case-system exports (XML, zip)"), export_types, export_suffixes);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), exports);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A bundle folder as the case system wrote it. */
static void
import_folder_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RefApplication *self = REF_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Import Case-System Export Folder"), parent,
                                                              GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"),
                                                              _("_Cancel"));

  g_signal_connect (dialog, "response", G_CALLBACK (on_import_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Started without files: the built-in sample meeting, so that a first look shows what
 * Referent is for (or an empty meeting with --no-sample). */
static void
ref_application_activate (GApplication *app)
{
  RefApplication *self = REF_APPLICATION (app);
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (GError) error = NULL;

  if (!self->no_sample)
    meeting = ref_sample_meeting_new (&error);
  if (meeting == NULL)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      meeting = new_empty_meeting ();
    }
  offer_recovery (self, GTK_WINDOW (new_window (self, meeting, NULL)));
  if (self->import_on_start)
    {
      self->import_on_start = FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (self), "import-pdf", NULL);
    }
}

void
ref_application_open_file (RefApplication *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_xml_load_file (file, &error);

  if (meeting == NULL)
    {
      /* Never crash on a bad file: show an empty window with the reason. */
      g_autoptr (RefMeeting) empty = new_empty_meeting ();
      RefWindow *window = new_window (self, empty, NULL);
      ref_window_show_error (window, _("Could not open the file"), error->message);
      return;
    }
  new_window (self, meeting, file);
}

RefWindow *
ref_application_new_from_previous (RefApplication *self, GFile *previous_file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) previous = ref_xml_load_file (previous_file, &error);
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) start = NULL;
  GDateTime *previous_start;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_return_val_if_fail (REF_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (previous_file), NULL);

  if (previous == NULL)
    {
      if (REF_IS_WINDOW (active))
        ref_window_show_error (REF_WINDOW (active), _("Could not open the previous meeting"), error->message);
      else
        g_warning ("%s", error->message);
      return NULL;
    }
  /* Today, at the hour the committee met last time: the secretary sets the date;
   * the hour is usually the committee's own. */
  previous_start = ref_meeting_get_start (previous);
  start = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now),
                               previous_start ? g_date_time_get_hour (previous_start) : 13,
                               previous_start ? g_date_time_get_minute (previous_start) : 0, 0);
  meeting = ref_meeting_new_from_previous (previous, start);
  return new_window (self, meeting, NULL);
}

static void
on_previous_chooser_response (GtkNativeDialog *dialog, int response, RefApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ref_application_new_from_previous (self, file);
    }
  g_object_unref (dialog);
}

static void
new_from_previous_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RefApplication *self = REF_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("New Meeting from Previous"), parent,
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                                              _("_Cancel"));
  const char *const types[] = { "application/x-referat+xml", NULL };
  const char *const suffixes[] = { "referat", NULL };
  g_autoptr (GtkFileFilter) filter = import_filter (_("Minutes (.referat)"), types, suffixes);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_previous_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static RefWindow *
window_with_file (RefApplication *self, GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REF_IS_WINDOW (l->data) && ref_window_get_file (l->data) != NULL
        && g_file_equal (ref_window_get_file (l->data), file))
      return l->data;
  return NULL;
}

void
ref_application_open_item (RefApplication *self, GFile *file, guint number)
{
  RefWindow *window = window_with_file (self, file);

  if (window == NULL)
    {
      ref_application_open_file (self, file);
      window = window_with_file (self, file);
    }
  if (window == NULL)
    return; /* could not be read: the error is shown */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-number", "u", number);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- the archive ---- */

static void
search_archive_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RefApplication *self = REF_APPLICATION (user_data);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REF_IS_SEARCH_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  gtk_window_present (GTK_WINDOW (ref_search_window_new (GTK_APPLICATION (self))));
}

/* The Preferences window at its archive page (from the case history panel). */
static void
archive_preferences_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *window = ref_preferences_window_new (parent);

  ref_preferences_window_show_page (REF_PREFERENCES_WINDOW (window), "archive");
  gtk_window_present (GTK_WINDOW (window));
}

static void
ref_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  for (int i = 0; i < n_files; i++)
    ref_application_open_file (REF_APPLICATION (app), files[i]);
  offer_recovery (REF_APPLICATION (app), gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static int
ref_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  RefApplication *self = REF_APPLICATION (app);

  self->no_sample = g_variant_dict_contains (options, "no-sample");
  self->import_on_start = g_variant_dict_contains (options, "import-pdf");
  return -1;
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Each window asks about unsaved changes as it closes. */
  for (GList *l = g_list_copy (windows); l; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static void
new_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_autoptr (RefMeeting) meeting = new_empty_meeting ();

  new_window (REF_APPLICATION (user_data), meeting, NULL);
}

GtkWindow *
ref_application_create_about_window (GtkWindow *parent)
{
  const char *developers[] = { _("Referent developers"), NULL };
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about, "application-name", "Referent", "application-icon", APP_ID, "version", PACKAGE_VERSION,
                "developer-name", _("Referent developers"), "license-type", GTK_LICENSE_GPL_3_0,
                "comments", _("Draft, approve and publish the minutes of municipal committee meetings"),
                "developers", developers, "translator-credits", _("translator-credits"), NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_modal (GTK_WINDOW (about), TRUE);
    }
  return GTK_WINDOW (about);
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (ref_application_create_about_window (parent));
}

static void
preferences_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (ref_preferences_window_new (parent)));
}

static void
ref_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", quit_activated, NULL, NULL, NULL },
    { "new", new_activated, NULL, NULL, NULL },
    { "new-from-previous", new_from_previous_activated, NULL, NULL, NULL },
    { "about", about_activated, NULL, NULL, NULL },
    { "preferences", preferences_activated, NULL, NULL, NULL },
    { "import-pdf", import_pdf_activated, NULL, NULL, NULL },
    { "import-folder", import_folder_activated, NULL, NULL, NULL },
    { "search-archive", search_archive_activated, NULL, NULL, NULL },
    { "archive-preferences", archive_preferences_activated, NULL, NULL, NULL },
  };
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.new", { "<Control>n", NULL } },
    /* Ctrl+I is Italic, as everywhere (GNOME HIG); importing opens a file as a meeting. */
    { "app.import-pdf", { "<Control><Shift>o", NULL } },
    { "app.search-archive", { "<Control><Shift>f", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export-pdf", { "<Control>e", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.add-item", { "<Control>Return", NULL } },
    { "win.delete-item", { "<Control>Delete", NULL } },
    { "win.duplicate-item", { "<Control>d", NULL } },
    { "win.move-item-up", { "<Alt>Up", NULL } },
    { "win.move-item-down", { "<Alt>Down", NULL } },
    { "win.go-to-item", { "<Control>g", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.review", { "<Control><Shift>r", NULL } },
    { "win.show-meeting", { "<Control>m", NULL } },
    { "win.lock-for-approval", { "<Control><Shift>l", NULL } },
    { "win.approve", { "<Control><Shift>g", NULL } },
    { "win.case-history", { "<Control><Shift>h", NULL } },
    { "win.live-mode", { "<Control><Shift>m", NULL } },
    { "win.preview", { "F9", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (ref_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  /* What changed in the archive since the last run, in the background. */
  ref_archive_service_update (ref_archive_service_get_default ());
}

/* Quitting waits for the recovery copies still queued: none is lost, and no thread is
 * left writing while the process exits. */
static void
ref_application_shutdown (GApplication *app)
{
  ref_recovery_flush ();
  G_APPLICATION_CLASS (ref_application_parent_class)->shutdown (app);
}

static void
ref_application_class_init (RefApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ref_application_activate;
  app_class->open = ref_application_open;
  app_class->startup = ref_application_startup;
  app_class->shutdown = ref_application_shutdown;
  app_class->handle_local_options = ref_application_handle_local_options;
}

static void
ref_application_init (RefApplication *self)
{
  const GOptionEntry options[] = {
    { "no-sample", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start with an empty meeting instead of the sample"), NULL },
    { "import-pdf", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start by choosing an agenda or minutes PDF to import"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE.referat…]"));
}

RefApplication *
ref_application_new (void)
{
  return g_object_new (REF_TYPE_APPLICATION, "application-id", APP_ID, "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/dk/referent/Referent", NULL);
}
