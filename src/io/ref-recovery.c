/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
  g_autofree char *dir = ref_recovery_dir ();
  g_autofree char *copy = path_for (id, REF_XML_EXTENSION);
  g_autofree char *info = path_for (id, ".ini");
  g_autoptr (GKeyFile) key = g_key_file_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *uri = original ? g_file_get_uri (original) : NULL;
  GDateTime *start = ref_meeting_get_start (meeting);
  g_autofree char *day = start ? g_date_time_format (start, "%d-%m-%Y") : NULL;
  g_autofree char *title = g_strdup_printf ("%s%s%s", ref_meeting_get_committee (meeting), day ? " " : "", day ? day : "");

  g_return_val_if_fail (id != NULL && REF_IS_MEETING (meeting) && bytes != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  /* The copy first, then the key file that makes it visible to the restore prompt. */
  if (!g_file_set_contents_full (copy, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  g_key_file_set_string (key, GROUP, "time", when);
  g_key_file_set_string (key, GROUP, "title", title);
  if (uri != NULL)
    g_key_file_set_string (key, GROUP, "original", uri);
  return g_key_file_save_to_file (key, info, error);
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

  if (id == NULL)
    return;
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
