/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-model.h"

G_BEGIN_DECLS

#define REF_PDF_IMPORT_ERROR (ref_pdf_import_error_quark ())

typedef enum {
  REF_PDF_IMPORT_ERROR_IO,
  REF_PDF_IMPORT_ERROR_NOT_PDF,     /* not a PDF file at all */
  REF_PDF_IMPORT_ERROR_DAMAGED,     /* a PDF poppler cannot read */
  REF_PDF_IMPORT_ERROR_ENCRYPTED,   /* needs a password */
  REF_PDF_IMPORT_ERROR_NO_TEXT,     /* no text layer: a scan */
  REF_PDF_IMPORT_ERROR_NOT_MINUTES, /* no longer raised: a PDF with text always imports (kept for ABI) */
  REF_PDF_IMPORT_ERROR_CANCELLED,
} RefPdfImportError;

GQuark ref_pdf_import_error_quark (void);

/* Something the importer could not place with certainty: shown to the user, who
 * can walk through them and fix the model. */
typedef struct {
  guint page; /* 1-based; 0 when not tied to a page */
  char *text; /* the text concerned */
  char *reason; /* translated explanation */
} RefImportWarning;

typedef struct _RefPdfImport RefPdfImport;

typedef void (*RefPdfImportProgress) (double fraction, gpointer user_data);

/* Imports an agenda or minutes PDF. Thread-safe for distinct files (no shared state),
 * so batches can run in a GThreadPool. */
RefPdfImport *ref_pdf_import_file (GFile *file, GCancellable *cancellable, RefPdfImportProgress progress,
                                   gpointer user_data, GError **error);
RefPdfImport *ref_pdf_import_bytes (GBytes *bytes, const char *display_name, GCancellable *cancellable,
                                    RefPdfImportProgress progress, gpointer user_data, GError **error);
void          ref_pdf_import_free (RefPdfImport *import);

RefMeeting   *ref_pdf_import_get_meeting (RefPdfImport *import);
GPtrArray    *ref_pdf_import_get_warnings (RefPdfImport *import); /* RefImportWarning* */
/* 0..1: how sure the importer is of the structure (coverage, agreement with the
 * table of contents, captions it knew, decisions that end where they should, a
 * header found …). */
double        ref_pdf_import_get_confidence (RefPdfImport *import);
/* Why the confidence is below the coverage: translated sentences (char*), one per
 * reason; empty when nothing lowered it. */
GPtrArray    *ref_pdf_import_get_confidence_notes (RefPdfImport *import);
/* 0..1: share of the body characters of the PDF that ended up in the model. */
double        ref_pdf_import_get_coverage (RefPdfImport *import);
guint         ref_pdf_import_get_n_pages (RefPdfImport *import);
/* The headings printed in item @index, in order, as the PDF shows them (section
 * headings, "Indstilling", "Beslutning …", "Bilag" …): the outline the user can
 * compare with the imported structure. */
GPtrArray    *ref_pdf_import_get_item_headings (RefPdfImport *import, guint index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefPdfImport, ref_pdf_import_free)

G_END_DECLS
