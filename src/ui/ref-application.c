/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-application.h"
#include "ref-recovery.h"
#include "ref-window.h"
#include "ref-xml.h"

struct _RefApplication {
  AdwApplication parent_instance;
  gboolean no_sample;
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

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "Referent developers", NULL };

  adw_show_about_window (parent, "application-name", "Referent", "application-icon", APP_ID, "version", PACKAGE_VERSION,
                         "developer-name", _("Referent developers"), "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Draft, approve and publish the minutes of municipal committee meetings"),
                         "developers", developers, "translator-credits", _("translator-credits"), NULL);
}

static void
ref_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", quit_activated, NULL, NULL, NULL },
    { "new", new_activated, NULL, NULL, NULL },
    { "about", about_activated, NULL, NULL, NULL },
  };
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new", { "<Control>n", NULL } },
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
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (ref_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
ref_application_class_init (RefApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ref_application_activate;
  app_class->open = ref_application_open;
  app_class->startup = ref_application_startup;
  app_class->handle_local_options = ref_application_handle_local_options;
}

static void
ref_application_init (RefApplication *self)
{
  const GOptionEntry options[] = {
    { "no-sample", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start with an empty meeting instead of the sample"), NULL },
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
