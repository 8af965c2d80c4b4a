/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-model.h"
#include "ref-pdf-import.h" /* RefImportWarning: the notes the window lists */

G_BEGIN_DECLS

/*
 * Import of a meeting from a case system's (ESDH) publication export: the XML that
 * SBSYS, KMD eDoc, Fujitsu eDoc or Formpipe Acadre write for web publishing, with the
 * item texts as HTML and the attachments as files beside it. One entry point
 * recognises the dialect from the content; each dialect is one small reader
 * (src/io/esdh/ref-esdh-<dialect>.c).
 *
 * Real exports are messy. What the importer had to repair or could not find (invalid
 * characters, items out of order, missing or blank attachment files, file names that
 * differ in case, a draft publication …) becomes a RefImportWarning for the user to
 * check, not a failure. Input that is no known export fails with
 * REF_ESDH_IMPORT_ERROR_NOT_EXPORT.
 */

#define REF_ESDH_IMPORT_ERROR (ref_esdh_import_error_quark ())

typedef enum {
  REF_ESDH_IMPORT_ERROR_IO,         /* a file or folder could not be read or written */
  REF_ESDH_IMPORT_ERROR_NOT_EXPORT, /* no known case-system export */
  REF_ESDH_IMPORT_ERROR_DAMAGED,    /* XML or zip so broken that nothing could be read */
  REF_ESDH_IMPORT_ERROR_TOO_LARGE,  /* over a resource limit (file size, zip contents) */
} RefEsdhImportError;

GQuark ref_esdh_import_error_quark (void);

typedef struct _RefEsdhImport RefEsdhImport;

/* TRUE when @file is something the case-system importer reads (a folder, a zip, or a
 * file that starts like XML), FALSE for anything else (a PDF). Reads at most the
 * first few bytes. */
gboolean       ref_esdh_import_handles (GFile *file);

/* Imports @file: the export's XML file, the bundle folder that holds it, or a zip of
 * that folder. A zip is unpacked into @unpack_dir (created if needed; NULL: a new
 * folder under the user's data directory, $XDG_DATA_HOME/referent/imports/), and the
 * attachments then point at the unpacked files. Thread-safe for distinct inputs. */
RefEsdhImport *ref_esdh_import_file (GFile *file, GFile *unpack_dir, GCancellable *cancellable, GError **error);
/* Imports the export's XML from memory; @folder (nullable) is where the files it names
 * are looked for. @display_name names the source in messages. */
RefEsdhImport *ref_esdh_import_bytes (GBytes *bytes, const char *display_name, GFile *folder,
                                      GCancellable *cancellable, GError **error);
void           ref_esdh_import_free (RefEsdhImport *import);

RefMeeting    *ref_esdh_import_get_meeting (RefEsdhImport *import);
GPtrArray     *ref_esdh_import_get_warnings (RefEsdhImport *import); /* RefImportWarning* */
/* "SBSYS", "KMD eDoc", "Fujitsu eDoc", "Acadre". */
const char    *ref_esdh_import_get_dialect (RefEsdhImport *import);
/* The export's XML file that was read (NULL for bytes). */
GFile         *ref_esdh_import_get_source (RefEsdhImport *import);
/* Attachments the export names, and how many of them were found in the bundle. */
guint          ref_esdh_import_get_n_attachments (RefEsdhImport *import);
guint          ref_esdh_import_get_n_attachments_found (RefEsdhImport *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefEsdhImport, ref_esdh_import_free)

G_END_DECLS
