/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefArchiveIndex: a full-text index over a folder tree of .referat files (a
 * municipality's archive of minutes), kept as a cache file in the user's cache folder
 * ($XDG_CACHE_HOME/referent/archive/), never in the archive itself: the archive is only
 * ever read.
 *
 * The index is SQLite with FTS5; words are folded to lower case and reduced to their
 * stem by Snowball's Danish algorithm (libstemmer), so "beslutningerne" finds
 * "beslutning". Each agenda item is one document (its title, its sections and
 * recommendation, its decisions), with the meeting's committee and date and the item's
 * number, case number, open or closed, kind and the decision's outcome beside it for
 * filtering.
 *
 * A public index (REF_EDITION_PUBLIC) holds no closed item at all: neither its title
 * nor its text. An internal index (REF_EDITION_INTERNAL) holds every item. The two are
 * separate files.
 *
 * An index is brought up to date incrementally: only files whose size or modification
 * time changed are read again; files that disappeared are dropped. An index that is
 * damaged, not an index, from another schema version or for another folder or edition
 * is never trusted: opened for updating, it is deleted and built again; opened for
 * searching, it gives REF_ARCHIVE_ERROR_DAMAGED.
 *
 * One RefArchiveIndex is one database connection: use it from one thread at a time
 * (open another for another thread).
 */

#define REF_ARCHIVE_ERROR (ref_archive_error_quark ())

/**
 * RefArchiveError:
 * @REF_ARCHIVE_ERROR_FOLDER: the archive folder does not exist or cannot be read
 * @REF_ARCHIVE_ERROR_NO_INDEX: the folder has not been indexed yet
 * @REF_ARCHIVE_ERROR_DAMAGED: the index is damaged or outdated; indexing again rebuilds it
 * @REF_ARCHIVE_ERROR_QUERY: the query cannot be run (a malformed date, nothing to search for)
 * @REF_ARCHIVE_ERROR_DATABASE: the index could not be written or read (a full disk …)
 */
typedef enum {
  REF_ARCHIVE_ERROR_FOLDER,
  REF_ARCHIVE_ERROR_NO_INDEX,
  REF_ARCHIVE_ERROR_DAMAGED,
  REF_ARCHIVE_ERROR_QUERY,
  REF_ARCHIVE_ERROR_DATABASE,
} RefArchiveError;

GQuark ref_archive_error_quark (void);

/* Bumped whenever the tables, the tokenizer or what is extracted from a meeting
 * changes: an index of another version is rebuilt. */
#define REF_ARCHIVE_SCHEMA_VERSION 1

#define REF_TYPE_ARCHIVE_INDEX (ref_archive_index_get_type ())
G_DECLARE_FINAL_TYPE (RefArchiveIndex, ref_archive_index, REF, ARCHIVE_INDEX, GObject)

typedef enum {
  REF_ARCHIVE_OPEN_SEARCH, /* only reads; a missing or damaged index is an error */
  REF_ARCHIVE_OPEN_UPDATE, /* creates the index, rebuilds a damaged or outdated one */
} RefArchiveOpenMode;

/* Where the index of @folder in @edition lives (whether it exists or not); NULL when
 * @folder does not exist. (transfer full) */
char *ref_archive_index_path_for (const char *folder, RefEdition edition);

/* Opens the index of @folder (any path naming the folder; symbolic links are
 * resolved). (transfer full) */
RefArchiveIndex *ref_archive_index_open (const char *folder, RefEdition edition, RefArchiveOpenMode mode,
                                         GError **error);

/* The archive folder as resolved; the index file. (transfer none) */
const char *ref_archive_index_get_folder (RefArchiveIndex *self);
const char *ref_archive_index_get_path (RefArchiveIndex *self);
RefEdition  ref_archive_index_get_edition (RefArchiveIndex *self);
/* Why the index was built anew when it was opened ("the index is damaged" …), or
 * NULL when it was fine or did not exist yet. (transfer none) */
const char *ref_archive_index_get_rebuild_reason (RefArchiveIndex *self);

/* Meetings (readable files) and items in the index. */
guint ref_archive_index_get_n_meetings (RefArchiveIndex *self);
guint ref_archive_index_get_n_items (RefArchiveIndex *self);
/* The committees of the indexed meetings, sorted. (transfer full) */
GStrv ref_archive_index_list_committees (RefArchiveIndex *self, GError **error);

typedef struct {
  guint n_files;     /* .referat files found in the folder */
  guint n_unchanged; /* of them, not read again: same size and modification time */
  guint n_added;     /* read for the first time */
  guint n_changed;   /* read again because they changed */
  guint n_removed;   /* gone from the folder, dropped from the index */
  guint n_items;     /* items in the index afterwards */
  /* Files that could not be read: "path: reason" strings, relative to the folder.
   * A file that could not be read is tried again when it changes. */
  GPtrArray *failures;
} RefArchiveUpdateStats;

void ref_archive_update_stats_clear (RefArchiveUpdateStats *stats);

/* Called in the updating thread after each file: @done of @total files to read. */
typedef void (*RefArchiveProgressFunc) (guint done, guint total, gpointer user_data);

/* Brings the index up to date with the folder: reads the .referat files that are new
 * or changed (on every core), drops the ones that are gone. Hidden files and folders
 * are skipped, and so are folders reached through symbolic links. Cancelling keeps
 * every file indexed so far. A damaged index found on the way is built anew.
 * @stats: (out caller-allocates) (optional): clear it with ref_archive_update_stats_clear() */
gboolean ref_archive_index_update (RefArchiveIndex *self, RefArchiveProgressFunc progress, gpointer user_data,
                                   RefArchiveUpdateStats *stats, GCancellable *cancellable, GError **error);

/* The outcome of @item's decision as the index records it: the model's own outcome
 * of the decision when it has one, otherwise what its wording says
 * (ref_caption_decision_outcome()); NULL for none. The decision taken is the one of
 * @committee (the meeting's), or the item's last. */
const char *ref_archive_item_outcome (RefAgendaItem *item, const char *committee);

/* A translated label of an outcome nick ("approved" → "Approved"). */
const char *ref_archive_outcome_label (const char *nick);

/* The archive folder indexed last (by `referent-cli index` or the application), which
 * searching uses when no folder is named; NULL when none was. (transfer full) */
char    *ref_archive_get_last_folder (void);
void     ref_archive_set_last_folder (const char *folder);

G_END_DECLS
