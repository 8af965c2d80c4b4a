/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "ref-recovery.h"
#include "ref-xml.h"

#define GROUP "Recovery"

char *
ref_recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "referent", "recovery", NULL);
}

char *
ref_recovery_new_id (void)
{
  return g_uuid_string_random ();
}

static char *
path_for (const char *id, const char *suffix)
{
  g_autofree char *dir = ref_recovery_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

/* ---- the writer thread ----
 *
 * Copies are written by one background thread, so that a large meeting's copy (6.7 MB
 * for 500 items, synced to disk) never stalls the main loop. Jobs run one at a time in
 * the order queued. Latest wins: a copy queued for a window while an older one still
 * waits replaces it. ref_recovery_remove() drops what is queued for the id and waits
 * for a write of it in progress, so no copy can reappear after a clean save. The
 * thread exits whenever the queue is empty; ref_recovery_flush() waits for that. */

typedef struct {
  char *id;
  char *dir, *copy, *info; /* paths, made on the caller's thread */
  char *title, *uri;       /* for the key file; @uri NULL for an unsaved document */
  GPtrArray *fragments;    /* GBytes, written one after the other */
  /* Waited for (ref_recovery_save_fragments): the result is handed back here. */
  gboolean waited;
  gboolean done;
  GError *error;
  /* Queued (ref_recovery_save_queued): the result is reported in @context. */
  GMainContext *context;
  RefRecoveryDone report;
  gpointer user_data;
  GDestroyNotify notify;
} Job;

static GMutex writer_lock;
static GCond writer_cond;  /* broadcast whenever a job finishes or the thread stops */
static GQueue writer_queue = G_QUEUE_INIT;
static Job *writer_current; /* being written */
static gboolean writer_running;
static gboolean writer_paused; /* tests: ref_recovery_writer_set_paused () */

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->notify != NULL)
    job->notify (job->user_data);
  g_free (job->id);
  g_free (job->dir);
  g_free (job->copy);
  g_free (job->info);
  g_free (job->title);
  g_free (job->uri);
  g_ptr_array_unref (job->fragments);
  g_clear_error (&job->error);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static Job *
job_new (const char *id, RefMeeting *meeting, GFile *original, GPtrArray *fragments)
{
  Job *job = g_new0 (Job, 1);
  GDateTime *start = ref_meeting_get_start (meeting);
  g_autofree char *day = start ? g_date_time_format (start, "%d-%m-%Y") : NULL;

  job->id = g_strdup (id);
  job->dir = ref_recovery_dir ();
  job->copy = path_for (id, REF_XML_EXTENSION);
  job->info = path_for (id, ".ini");
  job->title = g_strdup_printf ("%s%s%s", ref_meeting_get_committee (meeting), day ? " " : "", day ? day : "");
  job->uri = original ? g_file_get_uri (original) : NULL;
  job->fragments = g_ptr_array_ref (fragments);
  return job;
}

static gboolean
report_in_context (gpointer data)
{
  Job *job = data;

  if (job->report != NULL)
    job->report (job->error, job->user_data);
  return G_SOURCE_REMOVE;
}

/* Hands a finished (or superseded: without an error) job back to whoever queued it.
 * Called without the lock held. */
static void
job_finish (Job *job)
{
  if (job->waited)
    {
      g_mutex_lock (&writer_lock);
      job->done = TRUE;
      g_cond_broadcast (&writer_cond);
      g_mutex_unlock (&writer_lock);
      return;
    }
  {
    /* Always from the main loop, never inline: the caller may be in the middle of
     * something (a tick, a dispose) when its older job is superseded. */
    g_autoptr (GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, report_in_context, job, job_free);
    g_source_set_static_name (source, "[referent] recovery copy written");
    g_source_attach (source, job->context);
  }
}

/* Writes @job's copy atomically: GLib writes a temporary file beside it, syncs it and
 * renames it over the old one, so a crash at any moment leaves the previous copy or the
 * new one. Joining the fragments here, on the writer's thread, costs the main thread
 * nothing. */
static gboolean
write_copy (Job *job, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  if (g_mkdir_with_parents (job->dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", job->dir, g_strerror (saved));
      return FALSE;
    }
  bytes = ref_xml_fragments_join (job->fragments);
  return g_file_set_contents_full (job->copy, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* The copy first, then the key file that makes it visible to the restore prompt. */
static gboolean
write_job (Job *job, GError **error)
{
  g_autoptr (GKeyFile) key = g_key_file_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  if (!write_copy (job, error))
    return FALSE;
  g_key_file_set_string (key, GROUP, "time", when);
  g_key_file_set_string (key, GROUP, "title", job->title);
  if (job->uri != NULL)
    g_key_file_set_string (key, GROUP, "original", job->uri);
  return g_key_file_save_to_file (key, job->info, error);
}

static gpointer
writer_thread (gpointer unused)
{
  for (;;)
    {
      Job *job;
      GError *error = NULL;

      g_mutex_lock (&writer_lock);
      while (writer_paused)
        g_cond_wait (&writer_cond, &writer_lock);
      job = g_queue_pop_head (&writer_queue);
      if (job == NULL)
        {
          writer_running = FALSE;
          g_cond_broadcast (&writer_cond);
          g_mutex_unlock (&writer_lock);
          return NULL;
        }
      writer_current = job;
      g_mutex_unlock (&writer_lock);

      write_job (job, &error);
      job->error = error;

      g_mutex_lock (&writer_lock);
      writer_current = NULL;
      g_cond_broadcast (&writer_cond);
      g_mutex_unlock (&writer_lock);
      job_finish (job);
    }
}

/* Takes the jobs queued for @id (not the one being written) out of the queue. Called
 * with the lock held. */
static GList *
steal_queued (const char *id)
{
  GList *stolen = NULL;

  for (GList *l = writer_queue.head; l != NULL;)
    {
      GList *next = l->next;
      Job *job = l->data;

      if (g_str_equal (job->id, id))
        {
          g_queue_unlink (&writer_queue, l);
          stolen = g_list_concat (stolen, l);
        }
      l = next;
    }
  return stolen;
}

static void
finish_superseded (GList *jobs)
{
  for (GList *l = jobs; l != NULL; l = l->next)
    job_finish (l->data);
  g_list_free (jobs);
}

static void
enqueue (Job *job)
{
  GList *superseded;

  g_mutex_lock (&writer_lock);
  superseded = steal_queued (job->id);
  g_queue_push_tail (&writer_queue, job);
  if (!writer_running)
    {
      writer_running = TRUE;
      g_thread_unref (g_thread_new ("referent-recovery", writer_thread, NULL));
    }
  g_mutex_unlock (&writer_lock);
  finish_superseded (superseded);
}

void
ref_recovery_save_queued (const char *id, RefMeeting *meeting, GFile *original, GPtrArray *fragments,
                          RefRecoveryDone done, gpointer user_data, GDestroyNotify notify)
{
  Job *job;

  g_return_if_fail (id != NULL && REF_IS_MEETING (meeting) && fragments != NULL);
  job = job_new (id, meeting, original, fragments);
  job->context = g_main_context_ref_thread_default ();
  job->report = done;
  job->user_data = user_data;
  job->notify = notify;
  enqueue (job);
}

gboolean
ref_recovery_save_fragments (const char *id, RefMeeting *meeting, GFile *original, GPtrArray *fragments,
                             GError **error)
{
  Job *job;
  gboolean ok;

  g_return_val_if_fail (id != NULL && REF_IS_MEETING (meeting) && fragments != NULL, FALSE);
  job = job_new (id, meeting, original, fragments);
  job->waited = TRUE;
  enqueue (job);
  g_mutex_lock (&writer_lock);
  while (!job->done)
    g_cond_wait (&writer_cond, &writer_lock);
  g_mutex_unlock (&writer_lock);
  ok = job->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&job->error));
  job_free (job);
  return ok;
}

gboolean
ref_recovery_save (const char *id, RefMeeting *meeting, GFile *original, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (id != NULL && REF_IS_MEETING (meeting), FALSE);
  bytes = ref_xml_write_bytes (meeting);
  return ref_recovery_save_bytes (id, meeting, original, bytes, error);
}

gboolean
ref_recovery_save_bytes (const char *id, RefMeeting *meeting, GFile *original, GBytes *bytes, GError **error)
{
  g_autoptr (GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_return_val_if_fail (id != NULL && REF_IS_MEETING (meeting) && bytes != NULL, FALSE);
  g_ptr_array_add (fragments, g_bytes_ref (bytes));
  return ref_recovery_save_fragments (id, meeting, original, fragments, error);
}

void
ref_recovery_writer_set_paused (gboolean paused)
{
  g_mutex_lock (&writer_lock);
  writer_paused = paused;
  g_cond_broadcast (&writer_cond);
  g_mutex_unlock (&writer_lock);
}

void
ref_recovery_flush (void)
{
  g_mutex_lock (&writer_lock);
  while (writer_running)
    g_cond_wait (&writer_cond, &writer_lock);
  g_mutex_unlock (&writer_lock);
}

RefAutosaveDecision
ref_recovery_autosave_decide (guint64 changes, guint64 saved_changes, gint64 pending_since, gint64 last_change,
                              gint64 now)
{
  if (changes == saved_changes)
    return REF_AUTOSAVE_NOTHING;
  if (now - last_change < REF_AUTOSAVE_QUIET_USEC && pending_since != 0
      && now - pending_since < REF_AUTOSAVE_MAX_DELAY_USEC)
    return REF_AUTOSAVE_POSTPONE;
  return REF_AUTOSAVE_WRITE;
}

void
ref_recovery_remove (const char *id)
{
  g_autofree char *copy = NULL;
  g_autofree char *info = NULL;
  GList *dropped;

  if (id == NULL)
    return;
  /* After whatever was queued for it: a queued copy is dropped, one being written is
   * waited for, so neither can bring the copy back afterwards. */
  g_mutex_lock (&writer_lock);
  dropped = steal_queued (id);
  while (writer_current != NULL && g_str_equal (writer_current->id, id))
    g_cond_wait (&writer_cond, &writer_lock);
  g_mutex_unlock (&writer_lock);
  finish_superseded (dropped);
  copy = path_for (id, REF_XML_EXTENSION);
  info = path_for (id, ".ini");
  g_unlink (info);
  g_unlink (copy);
}

void
ref_recovery_entry_free (RefRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->path);
  g_free (entry->original);
  g_free (entry->title);
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry);
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const RefRecoveryEntry *ea = *(RefRecoveryEntry **) a, *eb = *(RefRecoveryEntry **) b;

  return -g_date_time_compare (ea->time, eb->time);
}

/* The folder is the user's own, but what lies in it is read as carefully as any file. */
static gboolean
load_info (GKeyFile *key, const char *path)
{
  g_autoptr (GBytes) bytes = ref_file_read_path (path, REF_FILE_MAX_SMALL, NULL);

  return bytes != NULL
         && g_key_file_load_from_data (key, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), G_KEY_FILE_NONE,
                                       NULL);
}

GPtrArray *
ref_recovery_list (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_recovery_entry_free);
  g_autofree char *dir = ref_recovery_dir ();
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autoptr (GKeyFile) key = g_key_file_new ();
      g_autofree char *info = NULL;
      g_autofree char *when = NULL;
      RefRecoveryEntry *entry;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      info = g_build_filename (dir, name, NULL);
      if (!load_info (key, info))
        continue;
      entry = g_new0 (RefRecoveryEntry, 1);
      entry->id = g_strndup (name, strlen (name) - strlen (".ini"));
      entry->path = path_for (entry->id, REF_XML_EXTENSION);
      entry->original = g_key_file_get_string (key, GROUP, "original", NULL);
      entry->title = g_key_file_get_string (key, GROUP, "title", NULL);
      when = g_key_file_get_string (key, GROUP, "time", NULL);
      entry->time = when ? g_date_time_new_from_iso8601 (when, NULL) : NULL;
      if (entry->time == NULL)
        entry->time = g_date_time_new_now_local ();
      if (!g_file_test (entry->path, G_FILE_TEST_IS_REGULAR))
        {
          ref_recovery_entry_free (entry);
          continue;
        }
      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, newest_first);
  return entries;
}

RefMeeting *
ref_recovery_load (const RefRecoveryEntry *entry, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (entry->path);
  RefMeeting *meeting = ref_xml_load_file (file, error);

  /* Recovered work is unsaved work: mark it so, or closing would lose it again. */
  if (meeting != NULL)
    ref_history_mark_unsaved (ref_meeting_get_history (meeting));
  return meeting;
}
