/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-archive-index.h"
#include "ref-archive-query.h"
#include "ref-case-history.h"

G_BEGIN_DECLS

/*
 * RefArchiveService: the archive of the application, one for the process. It follows
 * the settings (archive-folder, archive-internal), keeps the index up to date in a
 * worker thread (on demand and when the settings change), reports progress as
 * properties, and runs searches and case-history lookups in worker threads on one
 * connection kept open between them. Nothing here blocks the main loop.
 */
#define REF_TYPE_ARCHIVE_SERVICE (ref_archive_service_get_type ())
G_DECLARE_FINAL_TYPE (RefArchiveService, ref_archive_service, REF, ARCHIVE_SERVICE, GObject)

/* The service of this process. (transfer none) */
RefArchiveService *ref_archive_service_get_default (void);

/* The archive folder; NULL when none is chosen. (transfer none) */
const char *ref_archive_service_get_folder (RefArchiveService *self);
/* Chooses the folder (stored in the settings); NULL for none. Starts an update. */
void        ref_archive_service_set_folder (RefArchiveService *self, const char *folder);
/* Whether the index has closed items (the internal index). */
gboolean    ref_archive_service_get_internal (RefArchiveService *self);
void        ref_archive_service_set_internal (RefArchiveService *self, gboolean internal);

/* Brings the index up to date in the background; if an update runs, another follows
 * it. Nothing happens without a folder. */
void        ref_archive_service_update (RefArchiveService *self);
gboolean    ref_archive_service_get_updating (RefArchiveService *self);
/* While updating: how far, 0 to 1. */
double      ref_archive_service_get_fraction (RefArchiveService *self);
/* One line for people: "2,000 meetings, 40,000 items", "Indexing 340 of 2,000 files…",
 * "Not indexed yet", or what went wrong. (transfer none) */
const char *ref_archive_service_get_status (RefArchiveService *self);
/* Where the index is kept (for showing); NULL without a folder. (transfer none) */
const char *ref_archive_service_get_index_path (RefArchiveService *self);
/* The committees of the indexed meetings, as of the last update. (transfer none) */
const char *const *ref_archive_service_get_committees (RefArchiveService *self);

/* Searches in a worker thread. (element-type RefArchiveHit) */
void        ref_archive_service_search_async (RefArchiveService *self, const RefArchiveQuery *query,
                                              GCancellable *cancellable, GAsyncReadyCallback callback,
                                              gpointer user_data);
GPtrArray  *ref_archive_service_search_finish (RefArchiveService *self, GAsyncResult *result, GError **error);

/* The case history of @item of @meeting (saved as @file, or NULL), in a worker thread:
 * what it needs of the model is read here, on the main thread. (element-type
 * RefCaseHistoryEntry) */
void        ref_archive_service_case_history_async (RefArchiveService *self, RefMeeting *meeting,
                                                    RefAgendaItem *item, GFile *file, GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
GPtrArray  *ref_archive_service_case_history_finish (RefArchiveService *self, GAsyncResult *result,
                                                     GError **error);

/* For tests: runs the main loop until no update is running or due. */
void        ref_archive_service_wait (RefArchiveService *self);

G_END_DECLS
