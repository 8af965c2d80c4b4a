/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref-archive-private.h"
#include "ref-captions.h"
#include "ref-case-history.h"

/* Titles at least this alike (Dice coefficient of their significant stems) are
 * suggested as the same case. */
#define SIMILAR_TITLES 0.7
/* At most this many suggestions by title, the newest. */
#define MAX_SUGGESTIONS 10
/* A title that items of more meetings than this have is a standing item
 * ("Meddelelser", "Eventuelt"), not a case. */
#define STANDING_ITEM_MEETINGS 4

/* Words that say nothing about which case a title names, as their stems ("under" →
 * "und", "vedrørende" → "vedrør", "angående" → "angå"). */
static const char *const title_stop_words[] = {
  "af", "ang", "angå", "at", "de", "den", "der", "det", "en", "et", "for", "fra", "i", "ift", "med", "mv", "og",
  "om", "omkr", "over", "på", "samt", "som", "til", "ud", "und", "ved", "vedr", "vedrør", NULL,
};

struct _RefCaseHistoryEntry {
  GObject parent_instance;

  char *path;
  char *committee;
  char *committee_key;
  char *date;
  guint number;
  char *title;
  char *case_number;
  char *decision;
  char *outcome;
  gboolean suggested;
  char *reference;
};

G_DEFINE_FINAL_TYPE (RefCaseHistoryEntry, ref_case_history_entry, G_TYPE_OBJECT)

static void
ref_case_history_entry_finalize (GObject *object)
{
  RefCaseHistoryEntry *self = REF_CASE_HISTORY_ENTRY (object);

  g_free (self->path);
  g_free (self->committee);
  g_free (self->committee_key);
  g_free (self->date);
  g_free (self->title);
  g_free (self->case_number);
  g_free (self->decision);
  g_free (self->outcome);
  g_free (self->reference);
  G_OBJECT_CLASS (ref_case_history_entry_parent_class)->finalize (object);
}

static void
ref_case_history_entry_class_init (RefCaseHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ref_case_history_entry_finalize;
}

static void
ref_case_history_entry_init (RefCaseHistoryEntry *self)
{
}

const char *
ref_case_history_entry_get_path (RefCaseHistoryEntry *self)
{
  return self->path;
}

const char *
ref_case_history_entry_get_committee (RefCaseHistoryEntry *self)
{
  return self->committee;
}

const char *
ref_case_history_entry_get_date (RefCaseHistoryEntry *self)
{
  return self->date;
}

guint
ref_case_history_entry_get_number (RefCaseHistoryEntry *self)
{
  return self->number;
}

const char *
ref_case_history_entry_get_title (RefCaseHistoryEntry *self)
{
  return self->title;
}

const char *
ref_case_history_entry_get_case_number (RefCaseHistoryEntry *self)
{
  return self->case_number;
}

const char *
ref_case_history_entry_get_decision (RefCaseHistoryEntry *self)
{
  return self->decision;
}

const char *
ref_case_history_entry_get_outcome (RefCaseHistoryEntry *self)
{
  return self->outcome;
}

gboolean
ref_case_history_entry_get_suggested (RefCaseHistoryEntry *self)
{
  return self->suggested;
}

/* "Socialudvalget den 11-03-2025, punkt 1": the wording of a "Tidligere behandling"
 * line. Danish whatever the interface language: it is text of the minutes. */
static char *
format_reference (const char *committee, const char *date, guint number)
{
  int year, month, day;

  if (date != NULL && sscanf (date, "%4d-%2d-%2d", &year, &month, &day) == 3)
    return g_strdup_printf ("%s den %02d-%02d-%04d, punkt %u", committee ? committee : "", day, month, year, number);
  return g_strdup_printf ("%s, punkt %u", committee ? committee : "", number);
}

const char *
ref_case_history_entry_get_reference (RefCaseHistoryEntry *self)
{
  if (self->reference == NULL)
    self->reference = format_reference (self->committee, self->date, self->number);
  return self->reference;
}

/* ---- looking up ---- */

#define ENTRY_COLUMNS                                                                                                  \
  "f.path, i.committee, i.committee_key, i.date, i.number, i.title, i.case_number, i.outcome, i.case_key,"           \
  " items_fts.decision"

typedef struct {
  RefArchiveIndex *index;
  const char *path;
  const char *date;
  char *committee_key;
  char *case_key;
  GHashTable *meetings_seen; /* "committee_key date number" of entries taken */
} Lookup;

static RefCaseHistoryEntry *
read_entry (Lookup *lookup, sqlite3_stmt *stmt, gboolean suggested)
{
  RefCaseHistoryEntry *entry = g_object_new (REF_TYPE_CASE_HISTORY_ENTRY, NULL);

  entry->path = g_build_filename (ref_archive_index_get_folder (lookup->index),
                                  (const char *) sqlite3_column_text (stmt, 0), NULL);
  entry->committee = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->committee_key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->number = (guint) sqlite3_column_int64 (stmt, 4);
  entry->title = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  entry->case_number = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  entry->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  entry->decision = g_strdup (sqlite3_column_text (stmt, 9) ? (const char *) sqlite3_column_text (stmt, 9) : "");
  entry->suggested = suggested;
  return entry;
}

/* Whether @entry is an earlier handling, and not one already taken: never this
 * meeting, nor its agenda beside its minutes; nothing after it. */
static gboolean
take_entry (Lookup *lookup, RefCaseHistoryEntry *entry)
{
  g_autofree char *meeting = NULL;

  if (lookup->path != NULL && g_strcmp0 (entry->path, lookup->path) == 0)
    return FALSE;
  if (lookup->date != NULL && entry->date != NULL)
    {
      int order = strcmp (entry->date, lookup->date);

      if (order > 0 || (order == 0 && g_strcmp0 (entry->committee_key, lookup->committee_key) == 0))
        return FALSE;
    }
  meeting = g_strdup_printf ("%s %s %u", entry->committee_key ? entry->committee_key : "",
                             entry->date ? entry->date : "", entry->number);
  if (g_hash_table_contains (lookup->meetings_seen, meeting))
    return FALSE;
  g_hash_table_add (lookup->meetings_seen, g_steal_pointer (&meeting));
  return TRUE;
}

static gboolean
same_case (RefArchiveIndex *index, Lookup *lookup, GPtrArray *entries, GCancellable *cancellable, GError **error)
{
  sqlite3 *db = ref_archive_index_get_db (index);
  sqlite3_stmt *stmt = NULL;
  /* Newest first; of a meeting kept as agenda and as minutes, the minutes first. */
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT " ENTRY_COLUMNS " FROM items i JOIN files f ON f.id = i.file_id"
                               " JOIN items_fts ON items_fts.rowid = i.id"
                               " WHERE i.case_key = ?1 AND i.item_kind <> 'signature'"
                               " ORDER BY i.date DESC, i.meeting_kind = 'minutes' DESC, i.number DESC",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, lookup->case_key, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RefCaseHistoryEntry) entry = read_entry (lookup, stmt, FALSE);

      if (take_entry (lookup, entry))
        g_ptr_array_add (entries, g_steal_pointer (&entry));
      rc = g_cancellable_is_cancelled (cancellable) ? SQLITE_INTERRUPT : SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    return ref_archive_index_set_error (index, rc, error);
  return TRUE;
}

static gboolean
is_significant (const char *stem)
{
  gboolean digits_only = TRUE;

  for (const char *p = stem; *p && digits_only; p++)
    digits_only = g_ascii_isdigit (*p);
  /* Years and numbers change from one handling to the next ("Budget 2025"). */
  return !digits_only && !g_strv_contains (title_stop_words, stem);
}

/* The stems of @title that tell which case it is. */
static GPtrArray *
significant_stems (const char *title)
{
  GPtrArray *stems = ref_archive_stem_words (title);

  for (guint i = stems->len; i > 0; i--)
    if (!is_significant (g_ptr_array_index (stems, i - 1)))
      g_ptr_array_remove_index (stems, i - 1);
  return stems;
}

static double
similarity (GPtrArray *a, GPtrArray *b)
{
  guint common = 0;

  if (a->len + b->len == 0)
    return 0;
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      if (g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, j)))
        {
          common++;
          break;
        }
  return 2.0 * common / (a->len + b->len);
}

/* An FTS5 query for items whose title has any of the words of @title that count. */
static char *
title_match (const char *title)
{
  g_auto (GStrv) words = g_regex_split_simple ("[^\\p{L}\\p{N}]+", title, 0, 0);
  GString *out = g_string_new ("title : (");
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) stems = NULL;

      if (words[i][0] == '\0')
        continue;
      stems = significant_stems (words[i]);
      if (stems->len == 0)
        continue;
      g_string_append_printf (out, "%s\"%s\"", n++ > 0 ? " OR " : "", words[i]);
    }
  g_string_append_c (out, ')');
  if (n == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_standing_item (sqlite3 *db, const char *title)
{
  g_autofree char *key = ref_archive_text_key (title);
  sqlite3_stmt *stmt = NULL;
  gint64 meetings = 0;

  if (sqlite3_prepare_v2 (db, "SELECT count(DISTINCT file_id) FROM items WHERE title_key = ?1", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        meetings = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return meetings > STANDING_ITEM_MEETINGS;
}

static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  RefCaseHistoryEntry *x = *(RefCaseHistoryEntry **) a;
  RefCaseHistoryEntry *y = *(RefCaseHistoryEntry **) b;

  return -g_strcmp0 (x->date, y->date);
}

static gboolean
similar_titles (RefArchiveIndex *index, Lookup *lookup, const char *title, GPtrArray *entries,
                GCancellable *cancellable, GError **error)
{
  sqlite3 *db = ref_archive_index_get_db (index);
  g_autoptr (GPtrArray) stems = significant_stems (title);
  g_autofree char *match = NULL;
  g_autoptr (GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (stems->len == 0 || (match = title_match (title)) == NULL || is_standing_item (db, title))
    return TRUE;
  rc = sqlite3_prepare_v2 (db,
                           "SELECT " ENTRY_COLUMNS " FROM items_fts JOIN items i ON i.id = items_fts.rowid"
                           " JOIN files f ON f.id = i.file_id"
                           " WHERE items_fts MATCH ?1 AND i.item_kind <> 'signature'"
                           " ORDER BY items_fts.rank LIMIT 100",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *candidate_title = (const char *) sqlite3_column_text (stmt, 5);
      const char *candidate_case = (const char *) sqlite3_column_text (stmt, 8);
      g_autoptr (GPtrArray) candidate_stems = significant_stems (candidate_title);

      rc = g_cancellable_is_cancelled (cancellable) ? SQLITE_INTERRUPT : SQLITE_OK;
      /* The same case number is listed already, above the suggestions. */
      if (lookup->case_key != NULL && g_strcmp0 (candidate_case, lookup->case_key) == 0)
        continue;
      if (similarity (stems, candidate_stems) >= SIMILAR_TITLES)
        g_ptr_array_add (suggestions, read_entry (lookup, stmt, TRUE));
    }
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    return ref_archive_index_set_error (index, rc, error);

  g_ptr_array_sort (suggestions, compare_newest_first);
  for (guint i = 0, n = 0; i < suggestions->len && n < MAX_SUGGESTIONS; i++)
    {
      RefCaseHistoryEntry *entry = g_ptr_array_index (suggestions, i);

      if (take_entry (lookup, entry) && !is_standing_item (db, entry->title))
        {
          g_ptr_array_add (entries, g_object_ref (entry));
          n++;
        }
    }
  return TRUE;
}

GPtrArray *
ref_case_history_lookup_values (RefArchiveIndex *index, const char *committee, const char *date, guint number,
                                const char *case_number, const char *title, const char *path,
                                GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Lookup lookup = { index, path, date, ref_archive_text_key (committee), ref_archive_case_key (case_number), seen };
  gboolean ok = TRUE;

  if (lookup.case_key != NULL)
    ok = same_case (index, &lookup, entries, cancellable, error);
  if (ok && title != NULL)
    ok = similar_titles (index, &lookup, title, entries, cancellable, error);
  g_free (lookup.committee_key);
  g_free (lookup.case_key);
  return ok ? g_steal_pointer (&entries) : NULL;
}

GPtrArray *
ref_case_history_lookup (RefArchiveIndex *index, RefMeeting *meeting, RefAgendaItem *item, const char *path,
                         GCancellable *cancellable, GError **error)
{
  GDateTime *start = ref_meeting_get_start (meeting);
  g_autofree char *date = start ? g_date_time_format (start, "%Y-%m-%d") : NULL;
  g_autofree char *resolved = NULL;

  /* The index names files by their resolved path. */
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      char *real_dir = realpath (dir, NULL);

      if (real_dir != NULL)
        {
          resolved = g_build_filename (real_dir, base, NULL);
          free (real_dir);
        }
    }
  return ref_case_history_lookup_values (index, ref_meeting_get_committee (meeting), date,
                                         ref_agenda_item_get_number (item), ref_agenda_item_get_case_number (item),
                                         ref_agenda_item_get_title (item), resolved ? resolved : path, cancellable,
                                         error);
}

/* ---- filling "Tidligere behandling" ---- */

/* Whether a line of the section already names the meeting of @entry: its committee
 * and its date, in whatever wording ("Socialudvalget den 11. marts 2025
 * meddelelsespunkt 1"). */
static gboolean
names_meeting (const char *line, RefCaseHistoryEntry *entry)
{
  g_autofree char *line_key = ref_archive_text_key (line);
  g_autofree char *committee_key = ref_archive_text_key (entry->committee);
  int year, month, day;
  g_autofree char *date = NULL;

  if (*committee_key == '\0' || strstr (line_key, committee_key) == NULL)
    return FALSE;
  if (!ref_caption_parse_date (line, &year, &month, &day))
    return entry->date == NULL;
  date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return g_strcmp0 (date, entry->date) == 0;
}

guint
ref_case_history_insert (RefAgendaItem *item, GPtrArray *entries)
{
  RefSection *section = ref_agenda_item_find_section (item, REF_SECTION_KIND_PREVIOUS);
  RefText *old_text = section ? ref_section_get_text (section) : NULL;
  g_autofree char *old_plain = old_text ? ref_text_to_plain (old_text) : g_strdup ("");
  g_auto (GStrv) lines = g_strsplit (old_plain, "\n", -1);
  g_autoptr (RefText) text = old_text && !ref_text_is_empty (old_text) ? ref_text_copy (old_text) : ref_text_new ();
  RefHistory *history = ref_history_for_object (item);
  guint added = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      RefCaseHistoryEntry *entry = g_ptr_array_index (entries, i);
      gboolean present = FALSE;

      for (guint l = 0; lines[l] != NULL && !present; l++)
        present = names_meeting (lines[l], entry);
      if (present)
        continue;
      ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)),
                              ref_case_history_entry_get_reference (entry), REF_STYLE_NONE, NULL);
      added++;
    }
  if (added == 0)
    return 0;

  if (history != NULL)
    ref_history_begin_group (history);
  if (section != NULL)
    ref_section_set_text (section, text);
  else
    {
      g_autoptr (RefSection) new_section = ref_section_new ();

      ref_section_set_kind (new_section, REF_SECTION_KIND_PREVIOUS);
      ref_section_set_text (new_section, text);
      /* Where minutes put it: first, right under the item's title and case number. */
      ref_list_store_insert (G_LIST_STORE (ref_agenda_item_get_sections (item)), 0, new_section);
    }
  if (history != NULL)
    ref_history_end_group (history);
  return added;
}
