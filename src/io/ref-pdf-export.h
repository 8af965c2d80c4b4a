/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-model.h"
#include "ref-signature-trust.h"

G_BEGIN_DECLS

/*
 * The published minutes as PDF: the standard Danish referat layout (front page,
 * Indholdsfortegnelse, one item per page run, signature page), with a PDF outline,
 * internal links from the table of contents, metadata and structure tags.
 *
 * Rendering uses cairo's PDF surface and pango with a private font map, so an export
 * shares no state with other exports or with the UI: ref_pdf_export() may run in any
 * thread (a GTask worker, say) as long as nothing modifies @meeting meanwhile.
 * ref_pdf_export_async() takes a private copy of the meeting first, so the caller may
 * go on editing while the export runs.
 */

#define REF_PDF_EXPORT_ERROR (ref_pdf_export_error_quark ())

/**
 * RefPdfExportError:
 * @REF_PDF_EXPORT_ERROR_IO: the file could not be created or written
 * @REF_PDF_EXPORT_ERROR_CANCELLED: the export was cancelled; no file was left behind
 *   (an existing file at the path is untouched)
 * @REF_PDF_EXPORT_ERROR_FONT: no installed font can print Danish text
 * @REF_PDF_EXPORT_ERROR_RENDER: cairo failed to produce the PDF
 * @REF_PDF_EXPORT_ERROR_INVALID: the meeting could not be copied for a background export
 * @REF_PDF_EXPORT_ERROR_SAME_FILE: the destination is one of the files the export is
 *   made from (see #RefPdfExportOptions.sources); nothing was written
 */
typedef enum {
  REF_PDF_EXPORT_ERROR_IO,
  REF_PDF_EXPORT_ERROR_CANCELLED,
  REF_PDF_EXPORT_ERROR_FONT,
  REF_PDF_EXPORT_ERROR_RENDER,
  REF_PDF_EXPORT_ERROR_INVALID,
  REF_PDF_EXPORT_ERROR_SAME_FILE,
} RefPdfExportError;

GQuark ref_pdf_export_error_quark (void);

/**
 * RefPdfExportOptions:
 * @edition: %REF_EDITION_PUBLIC (the default) prints closed items as their title
 *   only; %REF_EDITION_INTERNAL prints everything
 * @trust: (nullable): the trust anchors to verify digitally signed approvals with
 *   (see ref-signature.h); %NULL (the default) shows sound signatures as not trusted.
 *   Not owned: it must live until the export has finished (ref_pdf_export_async()
 *   keeps a reference itself).
 * @sources: (nullable) (array zero-terminated=1): the files the export is made from
 *   (the .referat file, trust anchors). A destination that is one of them, by any
 *   name (the same path, a symbolic link, a hard link), is refused with
 *   %REF_PDF_EXPORT_ERROR_SAME_FILE, so an export never writes over its input.
 *   Not owned (ref_pdf_export_async() copies it).
 * @release_items: the meeting is the export's own and is not used after it: each
 *   item's content (see ref_agenda_item_release_content()) is dropped once the item is
 *   printed, so that a long meeting is not held whole beside the PDF being written
 *   (which holds cairo's structure tree until the end). The command line and
 *   ref_pdf_export_async(), which exports a private copy, set it. %FALSE by default.
 *
 * The signature page lists every approval with its time and status; signed ones also
 * with the certificate's SHA-256 fingerprint. The minutes are marked "Godkendt" when
 * every member present approved with a valid signature.
 *
 * Initialise with ref_pdf_export_options_init() so that fields added later get
 * their defaults.
 */
typedef struct {
  RefEdition edition;
  RefSignatureTrust *trust;
  const char *const *sources;
  gboolean release_items;
} RefPdfExportOptions;

void ref_pdf_export_options_init (RefPdfExportOptions *options);

/**
 * RefPdfProgressFunc:
 * @pages_done: pages written so far (0 while the document is being laid out)
 * @fraction: overall progress, 0.0 to 1.0
 * @user_data: the data given with the callback
 *
 * Called from the thread that runs the export (for ref_pdf_export_async(): in the
 * thread-default main context of the caller of ref_pdf_export_async()).
 */
typedef void (*RefPdfProgressFunc) (guint pages_done, double fraction, gpointer user_data);

/* Writes @meeting as a PDF to @path, replacing it atomically: the PDF is written to a
 * temporary file in the same folder, synced, and renamed over @path only when it is
 * complete (through a symbolic link, the file it points to is replaced; an existing
 * file's permissions are kept). @options may be NULL for the defaults; @progress may
 * be NULL. On failure (including cancellation) @path is as it was and no temporary
 * file is left. */
gboolean ref_pdf_export (RefMeeting                *meeting,
                         const char                *path,
                         const RefPdfExportOptions *options,
                         RefPdfProgressFunc         progress,
                         gpointer                   user_data,
                         GCancellable              *cancellable,
                         GError                   **error);

/* Runs ref_pdf_export() in a GTask thread on a private copy of @meeting (taken
 * before this returns). @progress is called in the caller's thread-default main
 * context; @progress_data must stay valid until @callback has run. */
void     ref_pdf_export_async (RefMeeting                *meeting,
                               const char                *path,
                               const RefPdfExportOptions *options,
                               RefPdfProgressFunc         progress,
                               gpointer                   progress_data,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data);
gboolean ref_pdf_export_finish (GAsyncResult *result, GError **error);

G_END_DECLS
