/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The properties the fuzz harnesses check, shared with tests/test-regressions.c so
 * that a saved crashing input is replayed through exactly the same code in the normal
 * test suite. Each function accepts any bytes; a violated property prints what failed
 * and calls abort(), which libFuzzer records as a crash and saves the input.
 */

/* Makes GLib criticals fatal with abort() (a g_return_if_fail in our code is a bug); for
 * the harnesses, not for GTest programs. */
void ref_fuzz_init (void);

/* ref_xml_load_bytes: fails with a REF_XML_ERROR, or loads; a loaded meeting written
 * with ref_xml_write_bytes loads again, is ref_model_equal and writes the same bytes. */
void ref_fuzz_check_xml (const guint8 *data, gsize size);

/* ref_pdf_import_bytes with a GCancellable that a watchdog cancels after
 * @cancel_after_ms (0: never): fails with an error, or gives a consistent result whose
 * meeting can be saved and loaded again. Progress fractions stay in 0..1 and never go
 * back. */
void ref_fuzz_check_pdf (const guint8 *data, gsize size, guint cancel_after_ms);

/* ref_esdh_import_bytes (the case-system importer on bytes as an export's XML, every
 * dialect, no bundle folder): fails with a REF_ESDH_IMPORT_ERROR and a message, or
 * gives a meeting whose notes are complete and which the writer saves into a file
 * that validates against the RelaxNG schema and loads into an equal meeting. */
void ref_fuzz_check_esdh (const guint8 *data, gsize size);

/* ref_text_new_from_plain → ref_text_to_plain → ref_text_new_from_plain gives an equal
 * text, and printing that again gives the same string (the input ends at its first
 * NUL byte, as any C string does). */
void ref_fuzz_check_text (const guint8 *data, gsize size);

G_END_DECLS
