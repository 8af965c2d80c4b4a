/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ref-archive-service.h"

struct _RefArchiveService {
  GObject parent_instance;

  GSettings *settings; /* NULL when the schema is not installed */
  char *folder;
  gboolean internal;
  char *index_path;
  char *status;
  GStrv committees;

  /* Updating: one at a time, in a worker thread. */
  GCancellable *update_cancellable;
  gboolean again;      /* another update was asked for while one ran */
  GMutex progress_lock;
  guint done, total;   /* written by the worker under progress_lock */
  guint progress_source;
  double fraction;
  guint generation;    /* counts finished updates: a search connection older than the
                        * last update is opened afresh (a new index replaces the file) */

  /* Searching: one connection, used by one worker thread at a time. */
  GMutex search_lock;
  RefArchiveIndex *search_index;
  char *search_folder;
  RefEdition search_edition;
  guint search_generation;
};

G_DEFINE_FINAL_TYPE (RefArchiveService, ref_archive_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_INTERNAL,
  PROP_UPDATING,
  PROP_FRACTION,
  PROP_STATUS,
  PROP_COMMITTEES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static RefEdition
edition (RefArchiveService *self)
{
  return self->internal ? REF_EDITION_INTERNAL : REF_EDITION_PUBLIC;
}

static void
set_status (RefArchiveService *self, const char *status)
{
  if (g_strcmp0 (status, self->status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
set_fraction (RefArchiveService *self, double fraction)
{
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static char *
counts_text (guint meetings, guint items)
{
  g_autofree char *m = g_strdup_printf (ngettext ("%u meeting", "%u meetings", meetings), meetings);
  g_autofree char *i = g_strdup_printf (ngettext ("%u item", "%u items", items), items);

  /* TRANSLATORS: "2000 meetings, 40000 items" */
  return g_strdup_printf (_("%s, %s"), m, i);
}

static void
update_index_path (RefArchiveService *self)
{
  g_free (self->index_path);
  self->index_path = self->folder ? ref_archive_index_path_for (self->folder, edition (self)) : NULL;
}

/* ---- updating ---- */

typedef struct {
  char *folder;
  RefEdition edition;
  guint meetings, items;
  GStrv committees;
  GPtrArray *failures;
} UpdateJob;

static void
update_job_free (UpdateJob *job)
{
  g_free (job->folder);
  g_strfreev (job->committees);
  g_clear_pointer (&job->failures, g_ptr_array_unref);
  g_free (job);
}

static void
update_progress (guint done, guint total, gpointer data)
{
  RefArchiveService *self = data;

  g_mutex_lock (&self->progress_lock);
  self->done = done;
  self->total = total;
  g_mutex_unlock (&self->progress_lock);
}

static void
update_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  RefArchiveService *self = source;
  UpdateJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefArchiveIndex) index = ref_archive_index_open (job->folder, job->edition, REF_ARCHIVE_OPEN_UPDATE,
                                                               &error);
  RefArchiveUpdateStats stats = { 0 };

  if (index == NULL || !ref_archive_index_update (index, update_progress, self, &stats, cancellable, &error))
    {
      ref_archive_update_stats_clear (&stats);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->meetings = ref_archive_index_get_n_meetings (index);
  job->items = stats.n_items;
  job->failures = g_steal_pointer (&stats.failures);
  job->committees = ref_archive_index_list_committees (index, NULL);
  ref_archive_update_stats_clear (&stats);
  g_task_return_boolean (task, TRUE);
}

static gboolean
show_progress (gpointer data)
{
  RefArchiveService *self = data;
  guint done, total;
  g_autofree char *text = NULL;

  g_mutex_lock (&self->progress_lock);
  done = self->done;
  total = self->total;
  g_mutex_unlock (&self->progress_lock);
  if (total > 0)
    {
      /* TRANSLATORS: while the archive is indexed */
      text = g_strdup_printf (_("Indexing %u of %u files…"), done, total);
      set_fraction (self, (double) done / total);
      set_status (self, text);
    }
  return G_SOURCE_CONTINUE;
}

static void start_update (RefArchiveService *self, gboolean notify);

static void
on_updated (GObject *source, GAsyncResult *result, gpointer data)
{
  RefArchiveService *self = REF_ARCHIVE_SERVICE (source);
  UpdateJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean current = g_strcmp0 (job->folder, self->folder) == 0 && job->edition == edition (self);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->update_cancellable);
  set_fraction (self, 0);
  self->generation++;
  if (g_task_propagate_boolean (G_TASK (result), &error) && current)
    {
      g_autofree char *counts = counts_text (job->meetings, job->items);

      if (job->failures->len > 0)
        {
          /* TRANSLATORS: "2000 meetings, 40000 items; 2 files could not be read" */
          g_autofree char *text = g_strdup_printf (ngettext ("%s; %u file could not be read",
                                                             "%s; %u files could not be read", job->failures->len),
                                                   counts, job->failures->len);
          set_status (self, text);
          for (guint i = 0; i < job->failures->len; i++)
            g_debug ("archive: %s", (const char *) g_ptr_array_index (job->failures, i));
        }
      else
        set_status (self, counts);
      g_strfreev (self->committees);
      self->committees = g_steal_pointer (&job->committees);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITTEES]);
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && current)
    set_status (self, error->message);

  if (self->again)
    {
      self->again = FALSE;
      start_update (self, FALSE);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

/* @notify: whether "updating" changes (not when an update follows another). */
static void
start_update (RefArchiveService *self, gboolean notify)
{
  g_autoptr (GTask) task = NULL;
  UpdateJob *job;

  if (self->folder == NULL)
    {
      set_status (self, _("No archive folder chosen"));
      return;
    }
  if (self->update_cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }
  job = g_new0 (UpdateJob, 1);
  job->folder = g_strdup (self->folder);
  job->edition = edition (self);
  self->done = self->total = 0;
  self->update_cancellable = g_cancellable_new ();
  set_status (self, _("Looking for new and changed minutes…"));
  self->progress_source = g_timeout_add (100, show_progress, self);
  task = g_task_new (self, self->update_cancellable, on_updated, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) update_job_free);
  g_task_run_in_thread (task, update_thread);
  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

void
ref_archive_service_update (RefArchiveService *self)
{
  g_return_if_fail (REF_IS_ARCHIVE_SERVICE (self));
  start_update (self, TRUE);
}

/* The folder or the edition changed: what runs is for the old ones. */
static void
restart (RefArchiveService *self)
{
  update_index_path (self);
  g_strfreev (self->committees);
  self->committees = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITTEES]);
  if (self->update_cancellable != NULL)
    g_cancellable_cancel (self->update_cancellable);
  start_update (self, TRUE);
}

gboolean
ref_archive_service_get_updating (RefArchiveService *self)
{
  return self->update_cancellable != NULL;
}

double
ref_archive_service_get_fraction (RefArchiveService *self)
{
  return self->fraction;
}

const char *
ref_archive_service_get_status (RefArchiveService *self)
{
  return self->status;
}

const char *
ref_archive_service_get_index_path (RefArchiveService *self)
{
  return self->index_path;
}

const char *const *
ref_archive_service_get_committees (RefArchiveService *self)
{
  return (const char *const *) self->committees;
}

void
ref_archive_service_wait (RefArchiveService *self)
{
  while (self->update_cancellable != NULL || self->again)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- settings ---- */

const char *
ref_archive_service_get_folder (RefArchiveService *self)
{
  return self->folder;
}

static void
take_folder (RefArchiveService *self, const char *folder)
{
  const char *value = folder && *folder ? folder : NULL;

  if (g_strcmp0 (value, self->folder) == 0)
    return;
  g_free (self->folder);
  self->folder = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  restart (self);
}

void
ref_archive_service_set_folder (RefArchiveService *self, const char *folder)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "archive-folder", folder ? folder : "");
  take_folder (self, folder);
}

gboolean
ref_archive_service_get_internal (RefArchiveService *self)
{
  return self->internal;
}

static void
take_internal (RefArchiveService *self, gboolean internal)
{
  if (internal == self->internal)
    return;
  self->internal = internal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERNAL]);
  restart (self);
}

void
ref_archive_service_set_internal (RefArchiveService *self, gboolean internal)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "archive-internal", internal);
  take_internal (self, internal);
}

static void
on_settings_changed (GSettings *settings, const char *key, RefArchiveService *self)
{
  if (g_str_equal (key, "archive-folder"))
    {
      g_autofree char *folder = g_settings_get_string (settings, key);
      take_folder (self, folder);
    }
  else if (g_str_equal (key, "archive-internal"))
    take_internal (self, g_settings_get_boolean (settings, key));
}

/* ---- searching ---- */

typedef struct {
  char *folder;
  RefEdition edition;
  guint generation;
  RefArchiveQuery *query;
  /* case history */
  char *committee, *date, *case_number, *title, *path;
  guint number;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->folder);
  g_clear_pointer (&job->query, ref_archive_query_free);
  g_free (job->committee);
  g_free (job->date);
  g_free (job->case_number);
  g_free (job->title);
  g_free (job->path);
  g_free (job);
}

static SearchJob *
search_job_new (RefArchiveService *self)
{
  SearchJob *job = g_new0 (SearchJob, 1);

  job->folder = g_strdup (self->folder);
  job->edition = edition (self);
  job->generation = self->generation;
  return job;
}

/* The search connection for @job, under search_lock: opened afresh for another
 * folder or edition, and after an update (which may have replaced the file). */
static RefArchiveIndex *
search_index (RefArchiveService *self, SearchJob *job, GError **error)
{
  if (self->search_index != NULL
      && (g_strcmp0 (self->search_folder, job->folder) != 0 || self->search_edition != job->edition
          || self->search_generation != job->generation))
    g_clear_object (&self->search_index);
  if (self->search_index == NULL)
    {
      self->search_index = ref_archive_index_open (job->folder, job->edition, REF_ARCHIVE_OPEN_SEARCH, error);
      g_free (self->search_folder);
      self->search_folder = g_strdup (job->folder);
      self->search_edition = job->edition;
      self->search_generation = job->generation;
    }
  return self->search_index;
}

static void
search_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  RefArchiveService *self = source;
  SearchJob *job = data;
  GError *error = NULL;
  GPtrArray *result = NULL;
  RefArchiveIndex *index;

  g_mutex_lock (&self->search_lock);
  /* A search typed over while it waited for the connection is not run. */
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error) && (index = search_index (self, job, &error)))
    {
      if (job->query != NULL)
        result = ref_archive_index_search (index, job->query, cancellable, &error);
      else
        result = ref_case_history_lookup_values (index, job->committee, job->date, job->number, job->case_number,
                                                 job->title, job->path, cancellable, &error);
      /* A connection that found damage is not used again. */
      if (g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED))
        g_clear_object (&self->search_index);
    }
  g_mutex_unlock (&self->search_lock);
  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static gboolean
check_folder (RefArchiveService *self, GTask *task)
{
  if (self->folder != NULL)
    return TRUE;
  g_task_return_new_error (task, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_NO_INDEX, _("No archive folder chosen"));
  return FALSE;
}

void
ref_archive_service_search_async (RefArchiveService *self, const RefArchiveQuery *query, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  SearchJob *job;

  g_task_set_source_tag (task, ref_archive_service_search_async);
  if (!check_folder (self, task))
    return;
  job = search_job_new (self);
  job->query = ref_archive_query_copy (query);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
ref_archive_service_search_finish (RefArchiveService *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ref_archive_service_case_history_async (RefArchiveService *self, RefMeeting *meeting, RefAgendaItem *item,
                                        GFile *file, GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  GDateTime *start = ref_meeting_get_start (meeting);
  SearchJob *job;

  g_task_set_source_tag (task, ref_archive_service_case_history_async);
  if (!check_folder (self, task))
    return;
  job = search_job_new (self);
  job->committee = g_strdup (ref_meeting_get_committee (meeting));
  job->date = start ? g_date_time_format (start, "%Y-%m-%d") : NULL;
  job->number = ref_agenda_item_get_number (item);
  job->case_number = g_strdup (ref_agenda_item_get_case_number (item));
  job->title = g_strdup (ref_agenda_item_get_title (item));
  job->path = file ? g_file_get_path (file) : NULL;
  if (job->path != NULL)
    {
      /* The index names files by their resolved path. */
      g_autofree char *dir = g_path_get_dirname (job->path);
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *real_dir = g_canonicalize_filename (dir, NULL);
      char *resolved = realpath (real_dir, NULL);

      if (resolved != NULL)
        {
          g_free (job->path);
          job->path = g_build_filename (resolved, base, NULL);
          free (resolved);
        }
    }
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
ref_archive_service_case_history_finish (RefArchiveService *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ---- */

static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema != NULL && g_settings_schema_has_key (schema, "archive-folder") ? g_settings_new (APP_ID) : NULL;
}

static void
ref_archive_service_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefArchiveService *self = REF_ARCHIVE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_INTERNAL:
      g_value_set_boolean (value, self->internal);
      break;
    case PROP_UPDATING:
      g_value_set_boolean (value, ref_archive_service_get_updating (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_COMMITTEES:
      g_value_set_boxed (value, self->committees);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_archive_service_finalize (GObject *object)
{
  RefArchiveService *self = REF_ARCHIVE_SERVICE (object);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->search_index);
  g_free (self->search_folder);
  g_free (self->folder);
  g_free (self->index_path);
  g_free (self->status);
  g_strfreev (self->committees);
  g_mutex_clear (&self->progress_lock);
  g_mutex_clear (&self->search_lock);
  G_OBJECT_CLASS (ref_archive_service_parent_class)->finalize (object);
}

static void
ref_archive_service_class_init (RefArchiveServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ref_archive_service_get_property;
  object_class->finalize = ref_archive_service_finalize;

  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERNAL] = g_param_spec_boolean ("internal", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATING] = g_param_spec_boolean ("updating", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMITTEES] = g_param_spec_boxed ("committees", NULL, NULL, G_TYPE_STRV,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The index changed: searches give other results now. */
  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
}

static void
ref_archive_service_init (RefArchiveService *self)
{
  g_mutex_init (&self->progress_lock);
  g_mutex_init (&self->search_lock);
  self->settings = app_settings ();
  if (self->settings != NULL)
    {
      g_autofree char *folder = g_settings_get_string (self->settings, "archive-folder");

      self->folder = *folder ? g_steal_pointer (&folder) : NULL;
      self->internal = g_settings_get_boolean (self->settings, "archive-internal");
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
    }
  update_index_path (self);
  self->status = g_strdup (self->folder ? _("Not indexed yet") : _("No archive folder chosen"));
}

RefArchiveService *
ref_archive_service_get_default (void)
{
  static RefArchiveService *service;

  if (service == NULL)
    service = g_object_new (REF_TYPE_ARCHIVE_SERVICE, NULL);
  return service;
}
