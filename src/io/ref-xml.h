/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-file-util.h"
#include "ref-model.h"
#include "ref-xml-error.h"

G_BEGIN_DECLS

#define REF_XML_NAMESPACE "urn:referent:referat:1"
#define REF_XML_VERSION "1.0"
#define REF_XML_MIME_TYPE "application/x-referat+xml"
#define REF_XML_EXTENSION ".referat"
/* Files larger than this are refused before parsing (REF_XML_ERROR_TOO_LARGE). */
#define REF_XML_MAX_FILE_SIZE REF_FILE_MAX_REFERAT

/* Reading. Errors are REF_XML_ERROR with messages naming the file and line.
 * @display_name names the source in messages (a path or "sample"). The loaded
 * meeting's history is empty and unmodified. */
RefMeeting *ref_xml_load_file (GFile *file, GError **error);
RefMeeting *ref_xml_load_bytes (GBytes *bytes, const char *display_name, GError **error);

typedef enum {
  REF_XML_LOAD_NONE = 0,
  /* Also check the file against the RelaxNG schema, in the same pass (one parse):
   * a file the reader accepts but the schema does not fails with
   * REF_XML_ERROR_INVALID_VALUE, "… does not match the Referent schema: line N: …".
   * `referent-cli validate` loads this way. */
  REF_XML_LOAD_VALIDATE = 1 << 0,
} RefXmlLoadFlags;

RefMeeting *ref_xml_load_file_full (GFile *file, RefXmlLoadFlags flags, GError **error);
RefMeeting *ref_xml_load_bytes_full (GBytes *bytes, const char *display_name, RefXmlLoadFlags flags,
                                     GError **error);

/* Writing. The output is canonical: the same model always gives the same bytes,
 * and it validates against data/referat.rng. */
GBytes     *ref_xml_write_bytes (RefMeeting *meeting);
/* The window's autosave writes the same bytes, as a list of fragments, keeping each
 * agenda item's fragment while the item does not change (ref_history_get_item_revision)
 * and writing anew only the changed items and the meeting's own parts (header,
 * participants, approvals). ref_xml_fragments_join() of the list equals
 * ref_xml_write_bytes() of the meeting, byte for byte. A cache serves one meeting at a
 * time (given another, it starts over) and must be used from one thread. */
typedef struct _RefXmlWriteCache RefXmlWriteCache;

RefXmlWriteCache *ref_xml_write_cache_new (void);
void        ref_xml_write_cache_free (RefXmlWriteCache *cache);
/* (transfer full) (element-type GBytes): immutable, so another thread may write them. */
GPtrArray  *ref_xml_write_cache_write (RefXmlWriteCache *cache, RefMeeting *meeting);
/* Writes the fragments of items the cache has never written, until @deadline (a
 * monotonic time; at least one item per call), so that the first write after a
 * meeting is opened does not serialise all of it at once. Returns whether items are
 * left. */
gboolean    ref_xml_write_cache_prefill (RefXmlWriteCache *cache, RefMeeting *meeting, gint64 deadline);
/* How many items the last ref_xml_write_cache_write() serialised anew. */
guint       ref_xml_write_cache_get_n_written (RefXmlWriteCache *cache);
GBytes     *ref_xml_fragments_join (GPtrArray *fragments);
/* Whether two lists of fragments join to the same bytes (without joining them). */
gboolean    ref_xml_fragments_equal (GPtrArray *a, GPtrArray *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefXmlWriteCache, ref_xml_write_cache_free)

/* Atomic save: writes a temporary file and renames it over @file, keeping the old
 * version as a backup ("name.referat~"). On failure @file is untouched. Marks the
 * meeting's history clean on success. */
gboolean    ref_xml_save_file (RefMeeting *meeting, GFile *file, GError **error);

typedef enum {
  REF_XML_SAVE_NONE = 0,
  /* Save even when the content on disk changed since loading (approvals and comments
   * made there are still kept). */
  REF_XML_SAVE_OVERWRITE = 1 << 0,
} RefXmlSaveFlags;

/**
 * ref_xml_save_file_shared:
 * @etag: (nullable): ref_file_get_etag() of @file when @meeting was loaded from it
 *   or last saved to it; %NULL when @meeting did not come from @file (Save As)
 * @new_etag: (out) (optional): the tag of the saved file
 * @n_merged: (out) (optional): how many approvals and comments made meanwhile by
 *   others were merged into @meeting
 *
 * Saves as ref_xml_save_file() does, for a file that others may change too: under
 * the file's lock (ref-file-lock.h), and, when the file changed since @etag, only
 * after reading it: approvals and reviewer comments made there are merged into
 * @meeting, never dropped. When the minutes themselves differ, nothing is written and
 * the error is REF_XML_ERROR_CHANGED_ON_DISK, unless @flags has
 * %REF_XML_SAVE_OVERWRITE.
 */
gboolean    ref_xml_save_file_shared (RefMeeting *meeting, GFile *file, const char *etag, RefXmlSaveFlags flags,
                                      char **new_etag, guint *n_merged, GError **error);

/* The built-in sample meeting (Ballerup Socialudvalget, 6 May 2025), compiled into
 * the library as a GResource. */
#define REF_SAMPLE_RESOURCE "/dk/referent/Referent/samples/socialudvalget-2025-05-06.referat"
RefMeeting *ref_sample_meeting_new (GError **error);

/* Whether @href is a link address the file format takes: what the schema's anyURI
 * type accepts, checked by the same libxml2 code that `referent-cli validate` runs.
 * The reader refuses other links, so that whatever it loads is written back as a
 * valid file; the link editor refuses them as they are typed. */
gboolean    ref_xml_link_is_valid (const char *href);

/* Whether a link is one Referent makes or publishes: a web or mail address (http:,
 * https:, mailto:; no javascript:, data: or file: targets) that is also valid in the
 * sense of ref_xml_link_is_valid(). The importers drop other links and keep their
 * text, the link editor refuses them, and the PDF export prints them as text. */
gboolean    ref_xml_link_is_safe (const char *href);

/* Schema validation of bytes against the RelaxNG schema alone, with a whole DOM
 * (the tests check the writer's output with it). The schema is compiled into the
 * library. */
gboolean    ref_xml_validate_bytes (GBytes *bytes, const char *display_name, GError **error);

G_END_DECLS
