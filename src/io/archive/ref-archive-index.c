/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ref-archive-private.h"
#include "ref-captions.h"
#include "ref-format.h"
#include "ref-xml.h"

G_DEFINE_QUARK (ref-archive-error-quark, ref_archive_error)

struct _RefArchiveIndex {
  GObject parent_instance;

  char *folder; /* resolved, absolute */
  char *path;   /* the index file */
  char *build_path; /* a new index being built, moved to path when done; or NULL */
  RefEdition edition;
  sqlite3 *db;
  char *rebuild_reason;
  RefArchiveRows *rows;   /* for ranking and filtering, loaded when searching */
  gint64 rows_version;    /* PRAGMA data_version they were loaded at */
};

G_DEFINE_FINAL_TYPE (RefArchiveIndex, ref_archive_index, G_TYPE_OBJECT)

/* Files read per transaction: a crash or a cancel loses at most this many files' work,
 * and readers see progress. */
#define FILES_PER_TRANSACTION 64
/* Large changes end with merging the full-text index into one segment, which makes
 * queries faster; small ones leave that to FTS5's automatic merging. */
#define OPTIMIZE_AFTER_FILES 200

static const char *const schema_sql[] = {
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
  "CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,"
  " mtime INTEGER NOT NULL, kind TEXT, committee TEXT, date TEXT, error TEXT)",
  "CREATE TABLE items (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, number INTEGER NOT NULL,"
  " title TEXT NOT NULL, title_key TEXT NOT NULL, case_number TEXT, case_key TEXT, committee TEXT,"
  " committee_key TEXT, date TEXT, meeting_kind TEXT, closed INTEGER NOT NULL, item_kind TEXT NOT NULL,"
  " case_type TEXT, outcome TEXT, words INTEGER NOT NULL)",
  "CREATE INDEX items_file ON items (file_id)",
  "CREATE INDEX items_case ON items (case_key, date)",
  "CREATE INDEX items_date ON items (date)",
  "CREATE INDEX items_committee ON items (committee_key, date)",
  "CREATE INDEX items_title ON items (title_key)",
  "CREATE VIRTUAL TABLE items_fts USING fts5 (title, body, decision, tokenize = '" REF_ARCHIVE_TOKENIZER "')",
  /* bm25 weights of title, body, decision. */
  "INSERT INTO items_fts (items_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 2.0)')",
  "INSERT INTO items_fts (items_fts, rank) VALUES ('hashsize', 33554432)",
};

/* ---- helpers ---- */

char *
ref_archive_case_key (const char *case_number)
{
  GString *out;

  if (case_number == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = case_number; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xA0)
        g_string_append_unichar (out, g_unichar_toupper (c));
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
ref_archive_text_key (const char *text)
{
  g_autofree char *tidy = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL)
    return g_strdup ("");
  tidy = ref_caption_tidy (text);
  folded = g_utf8_casefold (tidy, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

sqlite3 *
ref_archive_index_get_db (RefArchiveIndex *self)
{
  return self->db;
}

static gboolean
is_damage (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_FORMAT;
}

static void forget_stamp (RefArchiveIndex *self);

gboolean
ref_archive_index_set_error (RefArchiveIndex *self, int rc, GError **error)
{
  if (is_damage (rc))
    forget_stamp (self);
  if (is_damage (rc))
    g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED,
                 _("The archive index %s is damaged; indexing the archive again rebuilds it"), self->path);
  else
    g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DATABASE, _("The archive index %s: %s"), self->path,
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

static int
exec (sqlite3 *db, const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* The text of the first column of the first row of @sql, or NULL. */
static char *
query_text (sqlite3 *db, const char *sql, const char *arg, int *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc_out)
    *rc_out = rc;
  return value;
}

static gint64
query_int (sqlite3 *db, const char *sql, int *rc_out)
{
  g_autofree char *text = query_text (db, sql, NULL, rc_out);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* ---- where the index lives ---- */

static char *
index_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "referent", "archive", NULL);
}

static char *
resolve_folder (const char *folder)
{
  char *resolved = realpath (folder, NULL);
  char *copy;

  if (resolved == NULL)
    return NULL;
  copy = g_strdup (resolved);
  free (resolved);
  return copy;
}

static char *
path_for_resolved (const char *resolved, RefEdition edition)
{
  g_autofree char *dir = index_dir ();
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, resolved, -1);
  g_autofree char *name = NULL;

  digest[16] = '\0';
  name = g_strdup_printf ("%s-%s.sqlite", digest, edition == REF_EDITION_INTERNAL ? "internal" : "public");
  return g_build_filename (dir, name, NULL);
}

char *
ref_archive_index_path_for (const char *folder, RefEdition edition)
{
  g_autofree char *resolved = resolve_folder (folder);

  return resolved ? path_for_resolved (resolved, edition) : NULL;
}

static char *
last_folder_file (void)
{
  g_autofree char *dir = index_dir ();

  return g_build_filename (dir, "last-folder", NULL);
}

char *
ref_archive_get_last_folder (void)
{
  g_autofree char *file = last_folder_file ();
  g_autoptr (GBytes) bytes = ref_file_read_path (file, REF_FILE_MAX_SMALL, NULL);
  g_autofree char *text = NULL;

  if (bytes == NULL)
    return NULL;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_strchomp (text);
  return *text ? g_steal_pointer (&text) : NULL;
}

void
ref_archive_set_last_folder (const char *folder)
{
  g_autofree char *dir = index_dir ();
  g_autofree char *file = last_folder_file ();
  g_autofree char *resolved = resolve_folder (folder);
  g_autofree char *text = NULL;

  if (resolved == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    return;
  text = g_strconcat (resolved, "\n", NULL);
  /* A convenience: failing to remember it costs nothing but the default. */
  g_file_set_contents (file, text, -1, NULL);
}

/* ---- opening ---- */

static void
remove_index_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", ".checked" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* The checked stamp: the size and modification time of the index file as Referent
 * left it after an update, in a file beside it. An index whose file is exactly as
 * Referent left it (and whose log is empty) needs no full check on opening; any other
 * is read through in full before it is trusted. A search that meets damage removes
 * the stamp, so that the next update checks, finds it and rebuilds. */
static char *
stamp_path (RefArchiveIndex *self)
{
  return g_strconcat (self->path, ".checked", NULL);
}

static char *
file_stamp (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld\n", (gint64) st.st_size,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
}

static gboolean
log_is_empty (RefArchiveIndex *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

static gboolean
as_left (RefArchiveIndex *self)
{
  g_autofree char *stamp_file = stamp_path (self);
  g_autofree char *recorded = NULL;
  g_autofree char *now = file_stamp (self->path);

  return now != NULL && g_file_get_contents (stamp_file, &recorded, NULL, NULL) && g_str_equal (recorded, now)
         && log_is_empty (self);
}

static void
forget_stamp (RefArchiveIndex *self)
{
  g_autofree char *stamp_file = stamp_path (self);

  g_unlink (stamp_file);
}

/* After an update: everything into the index file, and its stamp recorded. */
static void
record_stamp (RefArchiveIndex *self)
{
  g_autofree char *stamp_file = stamp_path (self);
  g_autofree char *now = NULL;

  /* Busy while another connection reads: then there is no stamp, and the next update
   * checks in full. */
  if (sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK
      || !log_is_empty (self) || (now = file_stamp (self->path)) == NULL
      || !g_file_set_contents (stamp_file, now, -1, NULL))
    forget_stamp (self);
}

static void
close_db (RefArchiveIndex *self)
{
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  g_clear_pointer (&self->rows, ref_archive_rows_free);
}

RefArchiveRows *
ref_archive_index_get_rows (RefArchiveIndex *self, GError **error)
{
  int rc = SQLITE_OK;
  /* Changes when another connection wrote to the index. */
  gint64 version = query_int (self->db, "PRAGMA data_version", &rc);

  if (rc != SQLITE_OK)
    {
      ref_archive_index_set_error (self, rc, error);
      return NULL;
    }
  if (self->rows != NULL && version == self->rows_version)
    return self->rows;
  g_clear_pointer (&self->rows, ref_archive_rows_free);
  self->rows = ref_archive_rows_load (self->db, &rc);
  self->rows_version = version;
  if (self->rows == NULL)
    ref_archive_index_set_error (self, rc, error);
  return self->rows;
}

RefArchiveRows *
ref_archive_index_peek_rows (RefArchiveIndex *self)
{
  return self->rows;
}

static gboolean
connect (RefArchiveIndex *self, const char *path, gboolean create, GError **error)
{
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOFOLLOW;
  int rc = sqlite3_open_v2 (path, &self->db, flags, NULL);

  if (rc != SQLITE_OK)
    return ref_archive_index_set_error (self, rc, error);
  sqlite3_extended_result_codes (self->db, TRUE);
  /* Another process (the application, referent-cli) may be updating the same index. */
  sqlite3_busy_timeout (self->db, 10000);
  if (!ref_archive_register_tokenizer (self->db, error) || !ref_archive_register_rank (self->db, self, error))
    return FALSE;
  return TRUE;
}

/* Why the open index cannot be trusted, or NULL when it can. */
static char *
check_index (RefArchiveIndex *self, gboolean deep)
{
  int rc = SQLITE_OK;
  gint64 version = query_int (self->db, "PRAGMA user_version", &rc);
  g_autofree char *folder = NULL;
  g_autofree char *edition = NULL;
  g_autofree char *check = NULL;

  if (rc != SQLITE_OK)
    return is_damage (rc) ? g_strdup (_("the index is damaged")) : g_strdup (sqlite3_errmsg (self->db));
  if (version != REF_ARCHIVE_SCHEMA_VERSION)
    /* TRANSLATORS: the index was made by another version of Referent */
    return g_strdup_printf (_("the index is of version %d, this Referent needs version %d"), (int) version,
                            REF_ARCHIVE_SCHEMA_VERSION);
  folder = query_text (self->db, "SELECT value FROM meta WHERE key = 'folder'", NULL, &rc);
  if (rc == SQLITE_OK)
    edition = query_text (self->db, "SELECT value FROM meta WHERE key = 'edition'", NULL, &rc);
  if (rc != SQLITE_OK)
    return g_strdup (_("the index is damaged"));
  if (g_strcmp0 (folder, self->folder) != 0
      || g_strcmp0 (edition, ref_enum_to_nick (REF_TYPE_EDITION, self->edition)) != 0)
    return g_strdup (_("the index is of another archive"));
  if (deep)
    {
      /* Reads every page: damage anywhere is found before the index is trusted. */
      check = query_text (self->db, "PRAGMA quick_check", NULL, &rc);
      if (rc != SQLITE_OK || g_strcmp0 (check, "ok") != 0)
        return g_strdup (_("the index is damaged"));
    }
  return NULL;
}

static gboolean
create_schema (RefArchiveIndex *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = exec (self->db, "BEGIN IMMEDIATE");
  g_autofree char *version = g_strdup_printf ("PRAGMA user_version = %d", REF_ARCHIVE_SCHEMA_VERSION);

  for (gsize i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (schema_sql); i++)
    rc = exec (self->db, schema_sql[i]);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "INSERT INTO meta (key, value) VALUES ('folder', ?1), ('edition', ?2)", -1,
                             &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, self->folder, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, ref_enum_to_nick (REF_TYPE_EDITION, self->edition), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = exec (self->db, version);
  if (rc == SQLITE_OK)
    rc = exec (self->db, "COMMIT");
  if (rc != SQLITE_OK)
    {
      exec (self->db, "ROLLBACK");
      return ref_archive_index_set_error (self, rc, error);
    }
  return TRUE;
}

static void
apply_pragmas (RefArchiveIndex *self, RefArchiveOpenMode mode)
{
  exec (self->db, "PRAGMA synchronous = NORMAL");
  exec (self->db, "PRAGMA temp_store = MEMORY");
  if (mode == REF_ARCHIVE_OPEN_UPDATE)
    exec (self->db, "PRAGMA cache_size = -65536");
  else
    /* Searching reads the index in place instead of copying its pages. */
    exec (self->db, "PRAGMA mmap_size = 1073741824");
}

/* New indexes being built by processes that are gone (killed while building): their
 * files are only ever named INDEX.PID.tmp. */
static void
remove_abandoned_builds (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *rest = g_str_has_prefix (name, base) ? name + strlen (base) : NULL;
      char *end = NULL;
      long pid;

      if (rest == NULL || rest[0] != '.')
        continue;
      pid = strtol (rest + 1, &end, 10);
      if (end == rest + 1 || !g_str_has_prefix (end, ".tmp") || pid <= 0)
        continue;
      if (pid != getpid () && kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *stem = g_strndup (name, (end + 4) - name);
          g_autofree char *file = g_build_filename (dir, stem, NULL);

          remove_index_files (file);
        }
    }
}

/* Starts a new, empty index in place of the one at path (which is removed: it is
 * damaged or outdated, or there is none). It is built in a file of its own, without a
 * journal (a crash while building loses only the new file), and moved to path when
 * the update is done, so that searching never sees half an index. Only ever removes
 * the index's own files in the cache folder. */
static gboolean
start_new_index (RefArchiveIndex *self, const char *reason, GError **error)
{
  close_db (self);
  remove_index_files (self->path);
  remove_abandoned_builds (self->path);
  g_free (self->rebuild_reason);
  self->rebuild_reason = g_strdup (reason);
  if (reason != NULL)
    g_debug ("%s: %s; building it anew", self->path, reason);
  g_free (self->build_path);
  self->build_path = g_strdup_printf ("%s.%d.tmp", self->path, (int) getpid ());
  remove_index_files (self->build_path);
  if (!connect (self, self->build_path, TRUE, error))
    return FALSE;
  exec (self->db, "PRAGMA journal_mode = OFF");
  apply_pragmas (self, REF_ARCHIVE_OPEN_UPDATE);
  exec (self->db, "PRAGMA synchronous = OFF");
  return create_schema (self, error);
}

/* Moves a new index into its place, and keeps it from then on with a write-ahead log,
 * so that it is updated safely and searched while it is updated. */
static gboolean
finish_new_index (RefArchiveIndex *self, GError **error)
{
  g_autofree char *build_path = g_steal_pointer (&self->build_path);
  int fd;

  if (build_path == NULL)
    return TRUE;
  close_db (self);
  /* On disk before it is in place. */
  fd = g_open (build_path, O_RDONLY, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  if (g_rename (build_path, self->path) != 0)
    {
      int saved = errno;

      remove_index_files (build_path);
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DATABASE, _("Cannot move the new index to %s: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  if (!connect (self, self->path, FALSE, error) || exec (self->db, "PRAGMA journal_mode = WAL") != SQLITE_OK)
    return FALSE;
  apply_pragmas (self, REF_ARCHIVE_OPEN_UPDATE);
  return TRUE;
}

static void
abandon_new_index (RefArchiveIndex *self)
{
  g_autofree char *build_path = g_steal_pointer (&self->build_path);

  if (build_path == NULL)
    return;
  close_db (self);
  remove_index_files (build_path);
}

RefArchiveIndex *
ref_archive_index_open (const char *folder, RefEdition edition, RefArchiveOpenMode mode, GError **error)
{
  g_autoptr (RefArchiveIndex) self = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *dir = index_dir ();
  g_autofree char *reason = NULL;
  gboolean exists;

  g_return_val_if_fail (folder != NULL, NULL);
  resolved = resolve_folder (folder);
  if (resolved == NULL || !g_file_test (resolved, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_FOLDER, _("The archive folder %s: %s"), folder,
                   resolved == NULL ? g_strerror (errno) : _("not a folder"));
      return NULL;
    }
  self = g_object_new (REF_TYPE_ARCHIVE_INDEX, NULL);
  self->folder = g_steal_pointer (&resolved);
  self->edition = edition;
  self->path = path_for_resolved (self->folder, edition);
  exists = g_file_test (self->path, G_FILE_TEST_EXISTS);

  if (mode == REF_ARCHIVE_OPEN_SEARCH)
    {
      if (!exists)
        {
          g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_NO_INDEX,
                       _("The archive %s has not been indexed yet"), self->folder);
          return NULL;
        }
      if (!connect (self, self->path, FALSE, error))
        return NULL;
      reason = check_index (self, FALSE);
      if (reason != NULL)
        {
          g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED,
                       _("The archive index %s cannot be used: %s. Indexing the archive again rebuilds it."),
                       self->path, reason);
          return NULL;
        }
      apply_pragmas (self, mode);
      return g_steal_pointer (&self);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DATABASE, _("Cannot make the folder %s: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  if (exists)
    {
      g_autoptr (GError) connect_error = NULL;

      if (!connect (self, self->path, FALSE, &connect_error))
        reason = g_strdup (connect_error->message);
      else
        reason = check_index (self, !as_left (self));
    }
  if (!exists || reason != NULL)
    {
      if (!start_new_index (self, reason, error))
        return NULL;
    }
  else
    apply_pragmas (self, mode);
  return g_steal_pointer (&self);
}

const char *
ref_archive_index_get_folder (RefArchiveIndex *self)
{
  return self->folder;
}

const char *
ref_archive_index_get_path (RefArchiveIndex *self)
{
  return self->path;
}

RefEdition
ref_archive_index_get_edition (RefArchiveIndex *self)
{
  return self->edition;
}

const char *
ref_archive_index_get_rebuild_reason (RefArchiveIndex *self)
{
  return self->rebuild_reason;
}

guint
ref_archive_index_get_n_meetings (RefArchiveIndex *self)
{
  return (guint) query_int (self->db, "SELECT count(*) FROM files WHERE error IS NULL", NULL);
}

guint
ref_archive_index_get_n_items (RefArchiveIndex *self)
{
  return (guint) query_int (self->db, "SELECT count(*) FROM items", NULL);
}

GStrv
ref_archive_index_list_committees (RefArchiveIndex *self, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db,
                               "SELECT DISTINCT committee FROM files WHERE error IS NULL AND committee <> ''"
                               " ORDER BY committee COLLATE NOCASE",
                               -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ref_archive_index_set_error (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* ---- what an item says ---- */

/* The outcome the secretary recorded on the decision. Issue 18 gives RefDecision an
 * "outcome" property (an enum whose nicks are the outcome nicks); once it exists and
 * is set, it is what the minutes say and beats any reading of the wording. */
static const char *
recorded_outcome (RefDecision *decision)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (decision), "outcome");
  RefCaptionOutcome outcome;
  GEnumValue *value;
  int number = 0;

  if (pspec == NULL || !G_IS_PARAM_SPEC_ENUM (pspec))
    return NULL;
  g_object_get (decision, "outcome", &number, NULL);
  value = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, number);
  if (value != NULL && ref_caption_outcome_from_nick (value->value_nick, &outcome))
    return ref_caption_outcome_to_nick (outcome);
  return NULL;
}

static char *
text_plain (const RefText *text)
{
  return text != NULL ? ref_format_text_paragraphs (text, TRUE) : g_strdup ("");
}

const char *
ref_archive_item_outcome (RefAgendaItem *item, const char *committee)
{
  GListModel *decisions = ref_agenda_item_get_decisions (item);
  guint n = g_list_model_get_n_items (decisions);
  g_autoptr (RefDecision) decision = NULL;
  g_autofree char *committee_key = committee && *committee ? ref_archive_text_key (committee) : NULL;
  g_autofree char *plain = NULL;
  const char *nick;
  RefVote *vote;

  for (guint i = 0; i < n && decision == NULL && committee_key != NULL; i++)
    {
      g_autoptr (RefDecision) d = g_list_model_get_item (decisions, i);
      const char *body = ref_decision_get_deciding_body (d);
      g_autofree char *body_key = body && *body ? ref_archive_text_key (body) : NULL;

      if (g_strcmp0 (body_key, committee_key) == 0)
        decision = g_steal_pointer (&d);
    }
  if (decision == NULL && n > 0)
    decision = g_list_model_get_item (decisions, n - 1);
  if (decision == NULL)
    return NULL;

  if ((nick = recorded_outcome (decision)) != NULL)
    return nick;
  /* The vote's outcome line is the decision's own summary of it. */
  vote = ref_decision_get_vote (decision);
  if (vote != NULL && (nick = ref_caption_outcome_to_nick (ref_caption_decision_outcome (ref_vote_get_outcome (vote)))))
    return nick;
  plain = text_plain (ref_decision_get_text (decision));
  return ref_caption_outcome_to_nick (ref_caption_decision_outcome (plain));
}

const char *
ref_archive_outcome_label (const char *nick)
{
  static const struct {
    const char *nick;
    const char *label;
  } labels[] = {
    { "approved", N_("Approved") },   { "recommended", N_("Recommended") }, { "noted", N_("Noted") },
    { "postponed", N_("Postponed") }, { "rejected", N_("Rejected") },       { "forwarded", N_("Forwarded") },
  };

  for (gsize i = 0; nick != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (nick, labels[i].nick))
      return _(labels[i].label);
  return nick;
}

typedef struct {
  guint number;
  char *title;
  char *case_number;
  gboolean closed;
  const char *item_kind; /* static nicks */
  const char *case_type;
  const char *outcome;
  char *body;
  char *decision;
} ItemRecord;

static void
item_record_free (ItemRecord *record)
{
  g_free (record->title);
  g_free (record->case_number);
  g_free (record->body);
  g_free (record->decision);
  g_free (record);
}

/* A file as read in a worker thread: what goes into the index, or why it could not be
 * read. */
typedef struct {
  char *rel;
  gint64 size;
  gint64 mtime;
  char *error;
  const char *meeting_kind;
  char *committee;
  char *date;
  GPtrArray *items; /* ItemRecord */
} FileRecord;

static void
file_record_free (FileRecord *record)
{
  g_free (record->rel);
  g_free (record->error);
  g_free (record->committee);
  g_free (record->date);
  g_clear_pointer (&record->items, g_ptr_array_unref);
  g_free (record);
}

static void
append_part (GString *out, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, text);
}

static void
append_inline (GString *out, const RefTextInline *inl)
{
  for (guint i = 0; i < inl->len; i++)
    g_string_append (out, ((RefTextRun *) g_ptr_array_index ((GPtrArray *) inl, i))->text);
}

/* The words of @text as they are, a line per paragraph, list entry or table row: what
 * the index needs, without the tidying of white space that printing wants (it was
 * a sixth of the time of indexing). */
static void
append_text_part (GString *out, const RefText *text)
{
  for (guint b = 0; text != NULL && b < ref_text_get_n_blocks (text); b++)
    {
      RefTextBlock *block = ref_text_get_block (text, b);

      if (ref_text_block_get_kind (block) == REF_BLOCK_TABLE)
        for (guint r = 0; r < ref_text_block_get_n_rows (block); r++)
          {
            RefTextRow *row = ref_text_block_get_row (block, r);

            if (out->len > 0)
              g_string_append_c (out, '\n');
            for (guint c = 0; c < ref_text_row_get_n_cells (row); c++)
              {
                if (c > 0)
                  g_string_append_c (out, ' ');
                append_inline (out, ref_text_row_get_cell (row, c));
              }
          }
      else
        for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
          {
            if (out->len > 0)
              g_string_append_c (out, '\n');
            append_inline (out, ref_text_block_get_item (block, i));
          }
    }
}

/* A decision: its text, how the members voted, the outcome, the statements and the
 * remark. */
static void
append_decision (GString *out, RefDecision *decision)
{
  RefVote *vote = ref_decision_get_vote (decision);
  GListModel *statements = ref_decision_get_statements (decision);

  append_part (out, ref_decision_get_deciding_body (decision));
  append_text_part (out, ref_decision_get_text (decision));
  if (vote != NULL)
    {
      for (RefVoteChoice c = REF_VOTE_CHOICE_FOR; c <= REF_VOTE_CHOICE_ABSTAIN; c++)
        {
          g_autofree char *line = ref_format_vote_line (vote, c);
          append_part (out, line);
        }
      append_part (out, ref_vote_get_outcome (vote));
    }
  for (guint i = 0; i < g_list_model_get_n_items (statements); i++)
    {
      g_autoptr (RefStatement) statement = g_list_model_get_item (statements, i);

      append_part (out, ref_statement_get_by (statement));
      append_text_part (out, ref_statement_get_text (statement));
    }
  append_part (out, ref_decision_get_remark (decision));
}

/* The sections, recommendation, decisions of other bodies quoted, and attachments. */
static char *
item_body (RefAgendaItem *item)
{
  GString *out = g_string_new (NULL);
  GListModel *sections = ref_agenda_item_get_sections (item);
  GListModel *prior = ref_agenda_item_get_prior_decisions (item);
  GListModel *attachments = ref_agenda_item_get_attachments (item);
  RefRecommendation *recommendation = ref_agenda_item_get_recommendation (item);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (sections, i);

      append_part (out, ref_section_get_display_heading (section));
      append_text_part (out, ref_section_get_text (section));
    }
  for (guint i = 0; i < g_list_model_get_n_items (prior); i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (prior, i);

      append_decision (out, decision);
    }
  if (recommendation != NULL)
    {
      append_part (out, ref_recommendation_get_by (recommendation));
      append_part (out, ref_recommendation_get_intro (recommendation));
      append_text_part (out, ref_recommendation_get_text (recommendation));
    }
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr (RefAttachment) attachment = g_list_model_get_item (attachments, i);

      append_part (out, ref_attachment_get_title (attachment));
    }
  return g_string_free (out, FALSE);
}

static char *
item_decisions (RefAgendaItem *item)
{
  GString *out = g_string_new (NULL);
  GListModel *decisions = ref_agenda_item_get_decisions (item);

  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (decisions, i);

      append_decision (out, decision);
    }
  return g_string_free (out, FALSE);
}

static void
read_meeting (FileRecord *record, RefMeeting *meeting, RefEdition edition)
{
  GListModel *items = ref_meeting_get_items (meeting);
  GDateTime *start = ref_meeting_get_start (meeting);

  record->meeting_kind = ref_enum_to_nick (REF_TYPE_MEETING_KIND, ref_meeting_get_kind (meeting));
  record->committee = g_strdup (ref_meeting_get_committee (meeting));
  record->date = start ? g_date_time_format (start, "%Y-%m-%d") : NULL;
  record->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_record_free);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      ItemRecord *r;
      RefCaseType case_type = ref_agenda_item_get_case_type (item);

      /* A public index knows nothing of a closed item, not even that it exists. */
      if (ref_agenda_item_get_closed (item) && edition == REF_EDITION_PUBLIC)
        continue;
      r = g_new0 (ItemRecord, 1);
      r->number = ref_agenda_item_get_number (item);
      r->title = g_strdup (ref_agenda_item_get_title (item));
      r->case_number = g_strdup (ref_agenda_item_get_case_number (item));
      r->closed = ref_agenda_item_get_closed (item);
      r->item_kind = ref_enum_to_nick (REF_TYPE_ITEM_KIND, ref_agenda_item_get_kind (item));
      r->case_type = case_type == REF_CASE_TYPE_NONE ? NULL : ref_enum_to_nick (REF_TYPE_CASE_TYPE, case_type);
      r->outcome = ref_archive_item_outcome (item, record->committee);
      r->body = item_body (item);
      r->decision = item_decisions (item);
      g_ptr_array_add (record->items, r);
    }
}

/* ---- the update ---- */

typedef struct {
  char *rel;
  gint64 size;
  gint64 mtime; /* microseconds */
} FoundFile;

static void
found_file_free (FoundFile *f)
{
  g_free (f->rel);
  g_free (f);
}

typedef struct {
  gint64 id;
  gint64 size;
  gint64 mtime;
  gboolean seen;
} KnownFile;

static gint64
info_mtime (GFileInfo *info)
{
  return (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
         + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

#define WALK_ATTRIBUTES                                                                                                \
  G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE               \
                                 "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC

static void
add_found (GPtrArray *found, char **rel, GFileInfo *info)
{
  FoundFile *f = g_new0 (FoundFile, 1);

  f->rel = g_steal_pointer (rel);
  f->size = g_file_info_get_size (info);
  f->mtime = info_mtime (info);
  g_ptr_array_add (found, f);
}

/* Collects the .referat files below @dir. Folders that cannot be read are failures,
 * not errors: the rest of the archive is still indexed. */
static gboolean
walk (GFile *dir, const char *rel, GPtrArray *found, GPtrArray *failures, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      dir, WALK_ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);

  if (children == NULL)
    {
      if (rel == NULL || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (failures, g_strdup_printf ("%s: %s", rel, local_error->message));
      return TRUE;
    }
  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;
      GFileType type;
      g_autofree char *child_rel = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, &local_error))
        {
          if (rel == NULL || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_ptr_array_add (failures, g_strdup_printf ("%s: %s", rel, local_error->message));
          return TRUE;
        }
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);
      if (name[0] == '.')
        continue;
      child_rel = rel ? g_build_filename (rel, name, NULL) : g_strdup (name);
      type = g_file_info_get_file_type (info);
      if (type == G_FILE_TYPE_DIRECTORY)
        {
          if (!walk (child, child_rel, found, failures, cancellable, error))
            return FALSE;
          continue;
        }
      if (!g_str_has_suffix (name, REF_XML_EXTENSION))
        continue;
      if (type == G_FILE_TYPE_SYMBOLIC_LINK)
        {
          /* A link to a file is followed (the reader reads what it points to); a link
           * to a folder is not, so that a loop of links cannot trap the walk. */
          g_autoptr (GFileInfo) target = g_file_query_info (child, WALK_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                                            cancellable, NULL);

          if (target != NULL && g_file_info_get_file_type (target) == G_FILE_TYPE_REGULAR)
            add_found (found, &child_rel, target);
          continue;
        }
      if (type == G_FILE_TYPE_REGULAR)
        add_found (found, &child_rel, info);
    }
  return TRUE;
}

typedef struct {
  RefArchiveIndex *self;
  sqlite3_stmt *find_file;
  sqlite3_stmt *insert_file;
  sqlite3_stmt *update_file;
  sqlite3_stmt *delete_fts;
  sqlite3_stmt *delete_items;
  sqlite3_stmt *delete_file;
  sqlite3_stmt *insert_item;
  sqlite3_stmt *insert_fts;
} Writer;

static void
writer_clear (Writer *w)
{
  sqlite3_finalize (w->find_file);
  sqlite3_finalize (w->insert_file);
  sqlite3_finalize (w->update_file);
  sqlite3_finalize (w->delete_fts);
  sqlite3_finalize (w->delete_items);
  sqlite3_finalize (w->delete_file);
  sqlite3_finalize (w->insert_item);
  sqlite3_finalize (w->insert_fts);
  memset (w, 0, sizeof *w);
}

static int
writer_init (Writer *w, RefArchiveIndex *self)
{
  static const struct {
    gsize offset;
    const char *sql;
  } statements[] = {
    { G_STRUCT_OFFSET (Writer, find_file), "SELECT id FROM files WHERE path = ?1" },
    { G_STRUCT_OFFSET (Writer, insert_file),
      "INSERT INTO files (path, size, mtime, kind, committee, date, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
    { G_STRUCT_OFFSET (Writer, update_file),
      "UPDATE files SET size = ?2, mtime = ?3, kind = ?4, committee = ?5, date = ?6, error = ?7 WHERE id = ?1" },
    { G_STRUCT_OFFSET (Writer, delete_fts), "DELETE FROM items_fts WHERE rowid IN (SELECT id FROM items WHERE file_id = ?1)" },
    { G_STRUCT_OFFSET (Writer, delete_items), "DELETE FROM items WHERE file_id = ?1" },
    { G_STRUCT_OFFSET (Writer, delete_file), "DELETE FROM files WHERE id = ?1" },
    { G_STRUCT_OFFSET (Writer, insert_item),
      "INSERT INTO items (file_id, number, title, title_key, case_number, case_key, committee, committee_key, date,"
      " meeting_kind, closed, item_kind, case_type, outcome, words, id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)" },
    { G_STRUCT_OFFSET (Writer, insert_fts), "INSERT INTO items_fts (title, body, decision) VALUES (?1, ?2, ?3)" },
  };

  memset (w, 0, sizeof *w);
  w->self = self;
  for (gsize i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt **stmt = G_STRUCT_MEMBER_P (w, statements[i].offset);
      int rc = sqlite3_prepare_v3 (self->db, statements[i].sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

      if (rc != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

static int
step_reset (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int
delete_file_items (Writer *w, gint64 id)
{
  int rc;

  sqlite3_bind_int64 (w->delete_fts, 1, id);
  rc = step_reset (w->delete_fts);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (w->delete_items, 1, id);
      rc = step_reset (w->delete_items);
    }
  return rc;
}

static int
remove_file (Writer *w, gint64 id)
{
  int rc = delete_file_items (w, id);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (w->delete_file, 1, id);
      rc = step_reset (w->delete_file);
    }
  return rc;
}

static void
bind_text_or_null (sqlite3_stmt *stmt, int column, const char *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static int
insert_items (Writer *w, gint64 file_id, FileRecord *record)
{
  g_autofree char *committee_key = ref_archive_text_key (record->committee);

  for (guint i = 0; record->items != NULL && i < record->items->len; i++)
    {
      ItemRecord *r = g_ptr_array_index (record->items, i);
      g_autofree char *title_key = ref_archive_text_key (r->title);
      g_autofree char *case_key = ref_archive_case_key (r->case_number);
      sqlite3_int64 item_id;
      int rc;

      /* The text first: the tokenizer counts its words as it indexes them. */
      ref_archive_take_document_words ();
      sqlite3_bind_text (w->insert_fts, 1, r->title ? r->title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (w->insert_fts, 2, r->body, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->insert_fts, 3, r->decision, -1, SQLITE_STATIC);
      rc = step_reset (w->insert_fts);
      if (rc != SQLITE_OK)
        return rc;
      item_id = sqlite3_last_insert_rowid (w->self->db);
      sqlite3_bind_int64 (w->insert_item, 1, file_id);
      sqlite3_bind_int64 (w->insert_item, 2, r->number);
      sqlite3_bind_text (w->insert_item, 3, r->title ? r->title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (w->insert_item, 4, title_key, -1, SQLITE_STATIC);
      bind_text_or_null (w->insert_item, 5, r->case_number);
      bind_text_or_null (w->insert_item, 6, case_key);
      bind_text_or_null (w->insert_item, 7, record->committee);
      bind_text_or_null (w->insert_item, 8, committee_key);
      bind_text_or_null (w->insert_item, 9, record->date);
      bind_text_or_null (w->insert_item, 10, record->meeting_kind);
      sqlite3_bind_int (w->insert_item, 11, r->closed);
      sqlite3_bind_text (w->insert_item, 12, r->item_kind, -1, SQLITE_STATIC);
      bind_text_or_null (w->insert_item, 13, r->case_type);
      bind_text_or_null (w->insert_item, 14, r->outcome);
      sqlite3_bind_int64 (w->insert_item, 15, ref_archive_take_document_words ());
      sqlite3_bind_int64 (w->insert_item, 16, item_id);
      rc = step_reset (w->insert_item);
      if (rc != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

/* Puts what @record says in place of what the index had for its file. The file's row
 * is looked up here, not taken from the start of the update, so that two programs
 * updating the same index at once do not trip over each other. */
static int
write_file (Writer *w, FileRecord *record)
{
  gint64 id = 0;
  sqlite3_stmt *stmt;
  int rc;

  sqlite3_bind_text (w->find_file, 1, record->rel, -1, SQLITE_STATIC);
  rc = sqlite3_step (w->find_file);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (w->find_file, 0);
  rc = step_reset (w->find_file);
  if (rc != SQLITE_OK)
    return rc;
  if (id != 0 && (rc = delete_file_items (w, id)) != SQLITE_OK)
    return rc;

  stmt = id != 0 ? w->update_file : w->insert_file;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_text (stmt, 1, record->rel, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record->size);
  sqlite3_bind_int64 (stmt, 3, record->mtime);
  bind_text_or_null (stmt, 4, record->meeting_kind);
  bind_text_or_null (stmt, 5, record->committee);
  bind_text_or_null (stmt, 6, record->date);
  bind_text_or_null (stmt, 7, record->error);
  rc = step_reset (stmt);
  if (rc != SQLITE_OK)
    return rc;
  if (id == 0)
    id = sqlite3_last_insert_rowid (w->self->db);
  return insert_items (w, id, record);
}

/* ---- reading files on every core ---- */

typedef struct {
  GAsyncQueue *results;
  RefEdition edition;
  const char *folder;
} ReadContext;

static void
read_file_job (gpointer data, gpointer user_data)
{
  FileRecord *record = data;
  ReadContext *context = user_data;
  g_autofree char *path = g_build_filename (context->folder, record->rel, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_xml_load_file (file, &error);

  if (meeting == NULL)
    record->error = g_strdup (error->message);
  else
    read_meeting (record, meeting, context->edition);
  g_async_queue_push (context->results, record);
}

static void
report_failure (RefArchiveUpdateStats *stats, FileRecord *record)
{
  if (stats != NULL && record->error != NULL)
    g_ptr_array_add (stats->failures, g_strdup_printf ("%s: %s", record->rel, record->error));
}

void
ref_archive_update_stats_clear (RefArchiveUpdateStats *stats)
{
  g_clear_pointer (&stats->failures, g_ptr_array_unref);
  memset (stats, 0, sizeof *stats);
}

static int
commit_and_begin (RefArchiveIndex *self, gboolean begin)
{
  int rc = exec (self->db, "COMMIT");

  if (rc == SQLITE_OK && begin)
    rc = exec (self->db, "BEGIN IMMEDIATE");
  return rc;
}

static int
rollback (RefArchiveIndex *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self->db, "ROLLBACK");
  return SQLITE_OK;
}

/* One pass of the update; a damaged index gives REF_ARCHIVE_ERROR_DAMAGED. */
static gboolean
update_once (RefArchiveIndex *self, RefArchiveProgressFunc progress, gpointer user_data,
             RefArchiveUpdateStats *stats, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) root = g_file_new_for_path (self->folder);
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_file_free);
  g_autoptr (GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) to_read = g_ptr_array_new ();
  g_autoptr (GAsyncQueue) results = g_async_queue_new ();
  g_autoptr (GError) walk_error = NULL;
  sqlite3_stmt *stmt = NULL;
  Writer w = { 0 };
  ReadContext context = { results, self->edition, self->folder };
  GThreadPool *pool = NULL;
  guint pushed = 0, done = 0, in_transaction = 0, n_threads;
  gint64 t, t_wait = 0, t_write = 0, t_commit = 0;
  GHashTableIter iter;
  gpointer key, value;
  int rc;
  gboolean ok = TRUE;

  /* This connection's own writes do not change its data_version. */
  g_clear_pointer (&self->rows, ref_archive_rows_free);
  if (!walk (root, NULL, found, stats->failures, cancellable, &walk_error))
    {
      if (g_error_matches (walk_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&walk_error));
      else
        g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_FOLDER, _("The archive folder %s: %s"), self->folder,
                     walk_error->message);
      return FALSE;
    }
  stats->n_files = found->len;

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, path, size, mtime FROM files", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KnownFile *k = g_new0 (KnownFile, 1);

      k->id = sqlite3_column_int64 (stmt, 0);
      k->size = sqlite3_column_int64 (stmt, 2);
      k->mtime = sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (known, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), k);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ref_archive_index_set_error (self, rc, error);

  for (guint i = 0; i < found->len; i++)
    {
      FoundFile *f = g_ptr_array_index (found, i);
      KnownFile *k = g_hash_table_lookup (known, f->rel);

      if (k != NULL)
        {
          k->seen = TRUE;
          if (k->size == f->size && k->mtime == f->mtime)
            {
              stats->n_unchanged++;
              continue;
            }
          stats->n_changed++;
        }
      else
        stats->n_added++;
      g_ptr_array_add (to_read, f);
    }

  rc = writer_init (&w, self);
  if (rc == SQLITE_OK)
    rc = exec (self->db, "BEGIN IMMEDIATE");
  /* Files gone from the folder. */
  g_hash_table_iter_init (&iter, known);
  while (rc == SQLITE_OK && g_hash_table_iter_next (&iter, &key, &value))
    {
      KnownFile *k = value;

      if (!k->seen)
        {
          rc = remove_file (&w, k->id);
          stats->n_removed++;
        }
    }

  if (progress != NULL)
    progress (0, to_read->len, user_data);

  /* Read on every core, write here: at most a few files are in flight, so memory
   * stays bounded however large the archive. */
  n_threads = MAX (1, g_get_num_processors ());
  if (rc == SQLITE_OK && to_read->len > 0)
    {
      xmlInitParser ();
      pool = g_thread_pool_new (read_file_job, &context, (int) n_threads, FALSE, NULL);
    }
  while (rc == SQLITE_OK && done < to_read->len)
    {
      FileRecord *record;

      while (pushed < to_read->len && pushed - done < 2 * n_threads && !g_cancellable_is_cancelled (cancellable))
        {
          FoundFile *f = g_ptr_array_index (to_read, pushed++);
          FileRecord *r = g_new0 (FileRecord, 1);

          r->rel = g_strdup (f->rel);
          r->size = f->size;
          r->mtime = f->mtime;
          g_thread_pool_push (pool, r, NULL);
        }
      if (done == pushed)
        break; /* cancelled */
      t = g_get_monotonic_time ();
      record = g_async_queue_pop (results);
      t_wait += g_get_monotonic_time () - t;
      done++;
      t = g_get_monotonic_time ();
      rc = write_file (&w, record);
      t_write += g_get_monotonic_time () - t;
      report_failure (stats, record);
      file_record_free (record);
      if (rc == SQLITE_OK && ++in_transaction >= FILES_PER_TRANSACTION)
        {
          t = g_get_monotonic_time ();
          rc = commit_and_begin (self, TRUE);
          t_commit += g_get_monotonic_time () - t;
          in_transaction = 0;
        }
      if (progress != NULL)
        progress (done, to_read->len, user_data);
    }
  if (pool != NULL)
    {
      /* Whatever is still being read (after a cancel or an error) is dropped. */
      g_thread_pool_free (pool, TRUE, TRUE);
      while (done < pushed)
        {
          file_record_free (g_async_queue_pop (results));
          done++;
        }
    }
  writer_clear (&w);
  if (rc == SQLITE_OK)
    rc = commit_and_begin (self, FALSE);
  t = g_get_monotonic_time ();
  if (rc == SQLITE_OK && stats->n_added + stats->n_changed + stats->n_removed >= OPTIMIZE_AFTER_FILES
      && !g_cancellable_is_cancelled (cancellable))
    rc = exec (self->db, "INSERT INTO items_fts (items_fts) VALUES ('optimize')");
  g_debug ("%s: %u files read; waiting for files %.2f s, writing %.2f s, committing %.2f s, merging %.2f s",
           self->path, to_read->len, t_wait / 1e6, t_write / 1e6, t_commit / 1e6, (g_get_monotonic_time () - t) / 1e6);
  if (rc != SQLITE_OK)
    {
      ok = ref_archive_index_set_error (self, rc, error);
      rollback (self);
      return ok;
    }
  stats->n_items = ref_archive_index_get_n_items (self);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}

gboolean
ref_archive_index_update (RefArchiveIndex *self, RefArchiveProgressFunc progress, gpointer user_data,
                          RefArchiveUpdateStats *stats_out, GCancellable *cancellable, GError **error)
{
  RefArchiveUpdateStats stats = { 0 };
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (REF_IS_ARCHIVE_INDEX (self), FALSE);
  stats.failures = g_ptr_array_new_with_free_func (g_free);
  if (self->db == NULL)
    {
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DATABASE, _("The archive index %s could not be opened"),
                   self->path);
      return FALSE;
    }
  ok = update_once (self, progress, user_data, &stats, cancellable, &local_error);
  /* Damage found while updating: the index is not trusted, but built anew, once. */
  if (!ok && g_error_matches (local_error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED) && self->build_path == NULL)
    {
      ref_archive_update_stats_clear (&stats);
      stats.failures = g_ptr_array_new_with_free_func (g_free);
      g_clear_error (&local_error);
      ok = start_new_index (self, _("the index is damaged"), &local_error)
           && update_once (self, progress, user_data, &stats, cancellable, &local_error);
    }
  /* A new index goes in place when it is complete, or as far as it got when cancelled
   * (the next update goes on from there). */
  if (self->build_path != NULL)
    {
      if (ok || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr (GError) move_error = NULL;

          if (!finish_new_index (self, &move_error) && ok)
            {
              ok = FALSE;
              local_error = g_steal_pointer (&move_error);
            }
        }
      else
        abandon_new_index (self);
    }
  if (ok)
    {
      record_stamp (self);
      ref_archive_set_last_folder (self->folder);
    }
  if (stats_out != NULL)
    *stats_out = stats;
  else
    ref_archive_update_stats_clear (&stats);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/* ---- the object ---- */

static void
ref_archive_index_finalize (GObject *object)
{
  RefArchiveIndex *self = REF_ARCHIVE_INDEX (object);

  abandon_new_index (self);
  close_db (self);
  g_free (self->folder);
  g_free (self->path);
  g_free (self->rebuild_reason);
  G_OBJECT_CLASS (ref_archive_index_parent_class)->finalize (object);
}

static void
ref_archive_index_class_init (RefArchiveIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ref_archive_index_finalize;
}

static void
ref_archive_index_init (RefArchiveIndex *self)
{
}
