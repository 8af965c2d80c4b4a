/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-archive-preferences-page.h"
#include "ref-phrases-page.h"
#include "ref-preferences-window.h"
#include "ref-settings.h"

struct _RefPreferencesWindow {
  AdwPreferencesWindow parent_instance;

  AdwPreferencesGroup *comments_group;
  AdwEntryRow *author_row;
  GtkWidget *archive_page;
  GtkWidget *writing_page;

  GSettings *settings; /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (RefPreferencesWindow, ref_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
ref_preferences_window_dispose (GObject *object)
{
  RefPreferencesWindow *self = REF_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (ref_preferences_window_parent_class)->dispose (object);
}

static void
ref_preferences_window_class_init (RefPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RefPreferencesWindow, comments_group);
  gtk_widget_class_bind_template_child (widget_class, RefPreferencesWindow, author_row);
}

static void
ref_preferences_window_init (RefPreferencesWindow *self)
{
  g_autofree char *account = ref_settings_dup_account_name ();
  g_autofree char *description = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = ref_settings_new ();
  /* How decisions are written: the standard phrases and spell checking. */
  self->writing_page = ref_phrases_page_new (self->settings);
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self->writing_page), "writing");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->writing_page));
  /* One Preferences window: the archive's folder and index are a page of it. */
  self->archive_page = ref_archive_preferences_page_new ();
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self->archive_page), "archive");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->archive_page));
  if (*account != '\0')
    /* TRANSLATORS: %s is the full name of the user account */
    description = g_strdup_printf (_("Written on the comments you add. Left empty, your account’s name is used: %s."),
                                   account);
  else
    description = g_strdup (_("Written on the comments you add. Your account has no full name to use instead."));
  adw_preferences_group_set_description (self->comments_group, description);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "author-name", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->author_row), FALSE);
}

/* Shows the page named @name: "general", "writing" or "archive". */
void
ref_preferences_window_show_page (RefPreferencesWindow *self, const char *name)
{
  g_return_if_fail (REF_IS_PREFERENCES_WINDOW (self));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), name);
}

GtkWidget *
ref_preferences_window_get_archive_page (RefPreferencesWindow *self)
{
  g_return_val_if_fail (REF_IS_PREFERENCES_WINDOW (self), NULL);
  return self->archive_page;
}

GtkWidget *
ref_preferences_window_get_writing_page (RefPreferencesWindow *self)
{
  g_return_val_if_fail (REF_IS_PREFERENCES_WINDOW (self), NULL);
  return self->writing_page;
}

GtkWidget *
ref_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (REF_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
