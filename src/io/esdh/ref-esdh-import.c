/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#include "ref-esdh-private.h"
#include "ref-xml.h"

/*
 * The entry point: finds the export in a file, folder or zip, parses it (repairing
 * what real exports get wrong), recognises the dialect and hands the document to its
 * reader. Adding a dialect is one more reader file and one line in `dialects`.
 */

struct _RefEsdhImport {
  RefMeeting *meeting;
  GPtrArray *warnings;
  const char *dialect;
  GFile *source;
  guint n_attachments;
  guint n_attachments_found;
};

G_DEFINE_QUARK (ref-esdh-import-error-quark, ref_esdh_import_error)

static const EsdhDialect *const dialects[] = {
  &ref_esdh_dialect_sbsys,
  &ref_esdh_dialect_kmd,
  &ref_esdh_dialect_fujitsu,
  &ref_esdh_dialect_acadre,
};

/* Root elements of the known exports, for choosing among the XML files of a folder
 * without parsing each. */
static const char *const export_roots[] = { "Publication", "Meeting", "Root", "root", NULL };

/* At most this many notes for invalid characters; then one saying how many more. */
#define MAX_CHARACTER_NOTES 5

const EsdhDialect *
esdh_find_dialect (xmlNode *root)
{
  for (gsize i = 0; root != NULL && i < G_N_ELEMENTS (dialects); i++)
    if (dialects[i]->probe (root))
      return dialects[i];
  return NULL;
}

static void
warning_free (gpointer data)
{
  RefImportWarning *w = data;

  g_free (w->text);
  g_free (w->reason);
  g_free (w);
}

static void
reader_init (EsdhReader *r, const char *display_name, GFile *folder, GCancellable *cancellable)
{
  memset (r, 0, sizeof *r);
  r->meeting = ref_meeting_new ();
  r->warnings = g_ptr_array_new_with_free_func (warning_free);
  r->folder = folder ? g_object_ref (folder) : NULL;
  r->display_name = g_strdup (display_name ? display_name : "?");
  r->cancellable = cancellable;
  r->items = g_ptr_array_new_with_free_func (g_object_unref);
  r->participants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->absences = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  r->checked_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
reader_clear (EsdhReader *r)
{
  g_clear_object (&r->meeting);
  g_clear_pointer (&r->warnings, g_ptr_array_unref);
  g_clear_object (&r->folder);
  g_clear_pointer (&r->display_name, g_free);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_clear_pointer (&r->participants, g_hash_table_unref);
  g_clear_pointer (&r->absences, g_hash_table_unref);
  g_clear_pointer (&r->checked_files, g_hash_table_unref);
}

/* ---- parsing with repairs ---- */

static guint
line_at (const guint8 *data, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
      line++;
  return line;
}

static char *
character_name (gunichar c)
{
  switch (c)
    {
    case 0x0C:
      return g_strdup (_("a form feed"));
    case 0x0B:
      return g_strdup (_("a vertical tab"));
    case 0x00:
      return g_strdup (_("a zero byte"));
    default:
      return g_strdup_printf ("U+%04X", c);
    }
}

/* The text around @offset, for finding the place. */
static char *
context_at (const guint8 *data, gsize len, gsize offset)
{
  gsize from = offset > 30 ? offset - 30 : 0, to = MIN (len, offset + 30);
  g_autofree char *raw = g_strndup ((const char *) data + from, to - from);
  g_autofree char *valid = g_utf8_make_valid (raw, -1);

  return esdh_clean (valid);
}

static void
note_character (EsdhReader *r, const guint8 *data, gsize len, gsize offset, gunichar c, guint *count)
{
  g_autofree char *name = NULL;
  g_autofree char *context = NULL;

  if (++*count > MAX_CHARACTER_NOTES)
    return;
  name = character_name (c);
  context = context_at (data, len, offset);
  esdh_warn (r, context,
             _("Line %u: the export contains a character that XML does not allow (%s); it was replaced by a "
               "line break"),
             line_at (data, offset), name);
}

/* "&#xC;", "&#12;": a reference to a control character. Returns its length (0 if
 * @p is no such reference) and the character in @c. */
static gsize
control_reference (const guint8 *p, gsize left, gunichar *c)
{
  gsize i = 2;
  guint64 value = 0;
  gboolean hex;

  if (left < 4 || p[0] != '&' || p[1] != '#')
    return 0;
  hex = p[2] == 'x' || p[2] == 'X';
  if (hex)
    i++;
  for (; i < left && i < 12 && p[i] != ';'; i++)
    {
      int digit = hex ? g_ascii_xdigit_value ((char) p[i]) : g_ascii_digit_value ((char) p[i]);
      if (digit < 0)
        return 0;
      value = value * (hex ? 16 : 10) + (guint64) digit;
    }
  if (i >= left || p[i] != ';' || i == (hex ? 3u : 2u))
    return 0;
  if (value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D)
    return 0;
  *c = (gunichar) value;
  return i + 1;
}

/* Replaces control characters that XML 1.0 forbids, raw or as character references
 * (eDoc writes page breaks as "&#xC;"), by line breaks; notes each. UTF-16 input is
 * left alone. */
static GBytes *
repair_characters (EsdhReader *r, GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr (GByteArray) out = NULL;
  guint count = 0;

  if (len >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE)))
    return g_bytes_ref (bytes);
  if (len >= 2 && (data[0] == 0 || data[1] == 0))
    return g_bytes_ref (bytes);

  out = g_byte_array_sized_new ((guint) len);
  for (gsize i = 0; i < len; i++)
    {
      gunichar c = 0;
      gsize ref_len;

      if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
        {
          note_character (r, data, len, i, data[i], &count);
          g_byte_array_append (out, (const guint8 *) "\n", 1);
          continue;
        }
      if (data[i] == '&' && (ref_len = control_reference (data + i, len - i, &c)) > 0)
        {
          note_character (r, data, len, i, c, &count);
          g_byte_array_append (out, (const guint8 *) "&#10;", 5);
          i += ref_len - 1;
          continue;
        }
      g_byte_array_append (out, data + i, 1);
    }
  if (count > MAX_CHARACTER_NOTES)
    esdh_warn (r, NULL, _("%u more characters that XML does not allow were replaced"), count - MAX_CHARACTER_NOTES);
  if (count == 0)
    return g_bytes_ref (bytes);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The prolog of the document: refuses an internal DTD subset (entities could
 * expand without bound) and tells whether an encoding is declared. */
static gboolean
check_prolog (EsdhReader *r, const char *data, gsize len, gboolean *declares_encoding, GError **error)
{
  const char *limit = data + MIN (len, (gsize) 65536);
  const char *p = data;

  *declares_encoding = FALSE;
  if (limit - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < limit)
    {
      const char *lt = memchr (p, '<', (gsize) (limit - p));

      if (lt == NULL)
        return TRUE;
      if (limit - lt >= 5 && memcmp (lt, "<?xml", 5) == 0)
        {
          const char *end = g_strstr_len (lt, limit - lt, "?>");
          g_autofree char *decl = g_strndup (lt, end ? (gsize) (end - lt) : (gsize) (limit - lt));
          *declares_encoding = strstr (decl, "encoding") != NULL;
          p = end ? end + 2 : limit;
        }
      else if (limit - lt >= 2 && lt[1] == '?')
        {
          const char *end = g_strstr_len (lt, limit - lt, "?>");
          p = end ? end + 2 : limit;
        }
      else if (limit - lt >= 4 && memcmp (lt, "<!--", 4) == 0)
        {
          const char *end = g_strstr_len (lt, limit - lt, "-->");
          p = end ? end + 3 : limit;
        }
      else if (limit - lt >= 9 && g_ascii_strncasecmp (lt, "<!DOCTYPE", 9) == 0)
        {
          const char *gt = memchr (lt, '>', (gsize) (limit - lt));
          const char *bracket = memchr (lt, '[', (gsize) (limit - lt));

          if (bracket != NULL && (gt == NULL || bracket < gt))
            {
              g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED,
                           _("“%s” declares its own entities in a document type declaration, which no export "
                             "does; it was not read"),
                           r->display_name);
              return FALSE;
            }
          p = gt ? gt + 1 : limit;
        }
      else
        return TRUE; /* the root element */
    }
  return TRUE;
}

xmlDoc *
esdh_parse_xml (EsdhReader *r, GBytes *bytes, GError **error)
{
  g_autoptr (GBytes) repaired = NULL;
  g_autofree char *converted = NULL;
  const char *data;
  gsize len = 0;
  gboolean declares_encoding;
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

  if (g_bytes_get_size (bytes) > REF_XML_MAX_FILE_SIZE)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_TOO_LARGE, _("“%s” is larger than %d MiB"),
                   r->display_name, REF_XML_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT, _("“%s” is empty"), r->display_name);
      return NULL;
    }
  repaired = repair_characters (r, bytes);
  data = g_bytes_get_data (repaired, &len);
  if (!check_prolog (r, data, len, &declares_encoding, error))
    return NULL;
  /* Without a declaration XML is UTF-8; an export that is not, was written in the
   * Windows code page. Converted here, with "?" for the few bytes that code page
   * leaves undefined, so that the parser never meets an encoding error. */
  if (!declares_encoding && !(len >= 2 && (((guchar) data[0] == 0xFE) || ((guchar) data[0] == 0xFF)))
      && !g_utf8_validate (data, (gssize) len, NULL) && memchr (data, '\0', len) == NULL)
    {
      gsize converted_len = 0;

      converted = g_convert_with_fallback (data, (gssize) len, "UTF-8", "WINDOWS-1252", "?", NULL, &converted_len, NULL);
      if (converted != NULL && converted_len <= G_MAXINT)
        {
          data = converted;
          len = converted_len;
          esdh_warn (r, r->display_name, _("The export is not valid UTF-8 and declares no encoding; it was read as "
                                           "Windows-1252"));
        }
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Out of memory reading “%s”"),
                   r->display_name);
      return NULL;
    }
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, NULL, NULL, options);
  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *err = xmlCtxtGetLastError (ctxt);
      g_autofree char *message = g_utf8_make_valid (err && err->message ? err->message : "?", -1);
      int line = err ? err->line : 0;

      g_strstrip (message);
      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      ctxt = xmlNewParserCtxt ();
      doc = ctxt ? xmlCtxtReadMemory (ctxt, data, (int) len, NULL, NULL, options | XML_PARSE_RECOVER) : NULL;
      if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
        {
          g_clear_pointer (&doc, xmlFreeDoc);
          g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED,
                       _("“%s” is not well-formed XML (line %d: %s)"), r->display_name, line, message);
        }
      else
        esdh_warn (r, message,
                   _("Line %d: the export is not well-formed XML; Referent read what it could, so compare the items "
                     "with the case system"),
                   line);
    }
  if (ctxt != NULL)
    xmlFreeParserCtxt (ctxt);
  return doc;
}

/* ---- reading a document ---- */

static RefEsdhImport *
read_document (EsdhReader *r, xmlDoc *doc, GFile *source, GError **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  const EsdhDialect *dialect = esdh_find_dialect (root);
  RefEsdhImport *import;

  if (dialect == NULL)
    {
      g_autofree char *root_name = g_utf8_make_valid (root ? (const char *) root->name : "", -1);

      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT,
                   _("“%s” is not a meeting export of a case system Referent knows (SBSYS, KMD eDoc, Fujitsu eDoc, "
                     "Acadre): its root element is <%s>"),
                   r->display_name, root_name);
      return NULL;
    }
  if (!dialect->read (r, root, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
    return NULL;
  esdh_finish (r);
  if (*ref_meeting_get_committee (r->meeting) == '\0')
    esdh_warn (r, r->display_name, _("The export names no committee"));
  if (ref_meeting_get_start (r->meeting) == NULL)
    {
      /* The file format needs a date: today stands in until the user sets it. */
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_autoptr (GDateTime) today = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
      ref_meeting_set_start (r->meeting, today);
      ref_history_clear (ref_meeting_get_history (r->meeting));
      esdh_warn (r, r->display_name, _("The export gives no meeting date; today’s date was put in its place"));
    }

  import = g_new0 (RefEsdhImport, 1);
  import->meeting = g_steal_pointer (&r->meeting);
  import->warnings = g_steal_pointer (&r->warnings);
  import->dialect = dialect->name;
  import->source = source ? g_object_ref (source) : NULL;
  import->n_attachments = r->n_attachments;
  import->n_attachments_found = r->n_attachments_found;
  return import;
}

static RefEsdhImport *
import_bytes (EsdhReader *r, GBytes *bytes, GFile *source, GError **error)
{
  xmlDoc *doc;
  RefEsdhImport *import;

  xmlInitParser ();
  doc = esdh_parse_xml (r, bytes, error);
  if (doc == NULL)
    return NULL;
  import = read_document (r, doc, source, error);
  xmlFreeDoc (doc);
  return import;
}

xmlDoc *
esdh_load_xml_file (EsdhReader *r, GFile *file, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, r->cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > REF_XML_MAX_FILE_SIZE)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_TOO_LARGE, _("“%s” is larger than %d MiB"), name,
                   REF_XML_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, r->cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }
  return esdh_parse_xml (r, bytes, error);
}

/* ---- choosing the export in a folder ---- */

/* The root element's name and whether the file is an Acadre manifest, from the start
 * of the file: 3 for a manifest (it names the meeting XML), 2 for a known export root,
 * 1 for other XML, 0 for a file that cannot be read. */
static int
rank_candidate (GFile *file, GCancellable *cancellable)
{
  g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, NULL);
  char head[65537];
  gsize got = 0;
  const char *p;

  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head - 1, &got, cancellable, NULL))
    return 0;
  head[got] = '\0';
  if (strstr (head, "\"producedAgenda\"") != NULL || strstr (head, "'producedAgenda'") != NULL)
    return 3;
  for (p = head; (p = strchr (p, '<')) != NULL; p++)
    if (p[1] != '?' && p[1] != '!')
      break;
  if (p == NULL)
    return 1;
  for (guint i = 0; export_roots[i] != NULL; i++)
    {
      gsize n = strlen (export_roots[i]);
      if (strncmp (p + 1, export_roots[i], n) == 0 && (p[n + 1] == '>' || g_ascii_isspace (p[n + 1]) || p[n + 1] == '/'))
        return 2;
    }
  return 1;
}

static RefEsdhImport *
import_xml_file (EsdhReader *r, GFile *file, GError **error)
{
  xmlDoc *doc;
  RefEsdhImport *import;

  xmlInitParser ();
  doc = esdh_load_xml_file (r, file, error);
  if (doc == NULL)
    return NULL;
  import = read_document (r, doc, file, error);
  xmlFreeDoc (doc);
  return import;
}

static RefEsdhImport *
import_folder (GFile *folder, GPtrArray *notes, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) candidates = esdh_bundle_list_xml (folder, cancellable);
  g_autofree char *folder_name = g_file_get_parse_name (folder);
  g_autoptr (GError) first_error = NULL;
  g_autoptr (GArray) ranks = g_array_new (FALSE, FALSE, sizeof (int));
  int best = 0;
  guint n_best = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      int rank = rank_candidate (candidates->pdata[i], cancellable);
      g_array_append_val (ranks, rank);
      best = MAX (best, rank);
    }
  for (guint i = 0; i < ranks->len; i++)
    n_best += g_array_index (ranks, int, i) == best;

  /* Best rank first; among equals the last by path, which for folders named by
   * export time ("2017-04-21_12.24.03") is the newest export. */
  for (int rank = best; rank > 0; rank--)
    for (guint i = candidates->len; i-- > 0;)
      {
        EsdhReader r;
        g_autoptr (GError) local_error = NULL;
        g_autoptr (GFile) parent = NULL;
        g_autofree char *name = NULL;
        RefEsdhImport *import;

        if (g_array_index (ranks, int, i) != rank)
          continue;
        parent = g_file_get_parent (candidates->pdata[i]);
        name = g_file_get_parse_name (candidates->pdata[i]);
        reader_init (&r, name, parent, cancellable);
        for (guint n = 0; notes != NULL && n < notes->len; n++)
          {
            RefImportWarning *w = notes->pdata[n];
            esdh_warn (&r, w->text, "%s", w->reason);
          }
        if (rank == best && n_best > 1)
          {
            g_autofree char *relative = g_file_get_relative_path (folder, candidates->pdata[i]);
            esdh_warn (&r, relative,
                       _("The folder holds %u exports; the last, “%s”, was imported. Import another by choosing its "
                         "XML file"),
                       n_best, relative);
          }
        import = import_xml_file (&r, candidates->pdata[i], &local_error);
        reader_clear (&r);
        if (import != NULL)
          return import;
        if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return NULL;
          }
        if (first_error == NULL)
          first_error = g_steal_pointer (&local_error);
      }

  if (first_error != NULL && best >= 2)
    g_propagate_error (error, g_steal_pointer (&first_error));
  else
    g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT,
                 _("The folder “%s” holds no meeting export of a case system Referent knows (SBSYS, KMD eDoc, "
                   "Fujitsu eDoc, Acadre)"),
                 folder_name);
  return NULL;
}

/* ---- zip ---- */

static gboolean
is_zip (const guint8 *head, gsize len)
{
  return len >= 4 && head[0] == 'P' && head[1] == 'K'
         && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8));
}

/* A new folder for the unpacked zip: $XDG_DATA_HOME/referent/imports/NAME[-N]. */
static GFile *
default_unpack_dir (GFile *zip, GError **error)
{
  g_autofree char *base = g_file_get_basename (zip);
  g_autofree char *imports = g_build_filename (g_get_user_data_dir (), "referent", "imports", NULL);
  char *dot = base ? strrchr (base, '.') : NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (g_mkdir_with_parents (imports, 0700) != 0)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not create the folder “%s”"), imports);
      return NULL;
    }
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base ? base : "export") : g_strdup_printf ("%s-%u", base ? base : "export", n);
      g_autofree char *path = g_build_filename (imports, name, NULL);

      if (g_mkdir (path, 0700) == 0)
        return g_file_new_for_path (path);
    }
  g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not create a folder in “%s”"), imports);
  return NULL;
}

static RefEsdhImport *
import_zip (GFile *zip, GFile *unpack_dir, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) dest = unpack_dir ? g_object_ref (unpack_dir) : default_unpack_dir (zip, error);
  g_autofree char *zip_name = g_file_get_parse_name (zip);
  EsdhReader notes;
  RefEsdhImport *import;

  if (dest == NULL)
    return NULL;
  reader_init (&notes, zip_name, NULL, cancellable);
  if (!esdh_bundle_unpack_zip (&notes, zip, dest, cancellable, error))
    {
      reader_clear (&notes);
      return NULL;
    }
  {
    g_autofree char *dest_name = g_file_get_parse_name (dest);
    esdh_warn (&notes, dest_name, _("The zip file was unpacked into this folder; the attachments point there"));
  }
  import = import_folder (dest, notes.warnings, cancellable, error);
  reader_clear (&notes);
  return import;
}

/* ---- public API ---- */

gboolean
ref_esdh_import_handles (GFile *file)
{
  g_autoptr (GFileInputStream) in = NULL;
  guint8 head[64];
  gsize got = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return TRUE;
  in = g_file_read (file, NULL, NULL);
  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, NULL))
    return FALSE;
  if (is_zip (head, got))
    return TRUE;
  for (gsize i = 0; i < got; i++)
    {
      if (head[i] == 0xEF && i + 2 < got && head[i + 1] == 0xBB && head[i + 2] == 0xBF)
        {
          i += 2;
          continue;
        }
      if (head[i] == 0xFE || head[i] == 0xFF || head[i] == 0)
        continue; /* UTF-16 */
      if (g_ascii_isspace (head[i]))
        continue;
      return head[i] == '<';
    }
  return FALSE;
}

RefEsdhImport *
ref_esdh_import_file (GFile *file, GFile *unpack_dir, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;
  guint8 head[8];
  gsize got = 0;
  EsdhReader r;
  g_autoptr (GFile) parent = NULL;
  RefEsdhImport *import;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  name = g_file_get_parse_name (file);
  switch (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable))
    {
    case G_FILE_TYPE_DIRECTORY:
      return import_folder (file, NULL, cancellable, error);
    case G_FILE_TYPE_UNKNOWN:
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("“%s” does not exist"), name);
      return NULL;
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      break;
    }
  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, cancellable, &local_error))
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }
  g_clear_object (&in);
  if (is_zip (head, got))
    return import_zip (file, unpack_dir, cancellable, error);

  parent = g_file_get_parent (file);
  reader_init (&r, name, parent, cancellable);
  import = import_xml_file (&r, file, error);
  reader_clear (&r);
  return import;
}

RefEsdhImport *
ref_esdh_import_bytes (GBytes *bytes, const char *display_name, GFile *folder, GCancellable *cancellable,
                       GError **error)
{
  EsdhReader r;
  RefEsdhImport *import;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  reader_init (&r, display_name, folder, cancellable);
  import = import_bytes (&r, bytes, NULL, error);
  reader_clear (&r);
  return import;
}

void
ref_esdh_import_free (RefEsdhImport *import)
{
  if (import == NULL)
    return;
  g_clear_object (&import->meeting);
  g_clear_pointer (&import->warnings, g_ptr_array_unref);
  g_clear_object (&import->source);
  g_free (import);
}

RefMeeting *
ref_esdh_import_get_meeting (RefEsdhImport *import)
{
  return import->meeting;
}

GPtrArray *
ref_esdh_import_get_warnings (RefEsdhImport *import)
{
  return import->warnings;
}

const char *
ref_esdh_import_get_dialect (RefEsdhImport *import)
{
  return import->dialect;
}

GFile *
ref_esdh_import_get_source (RefEsdhImport *import)
{
  return import->source;
}

guint
ref_esdh_import_get_n_attachments (RefEsdhImport *import)
{
  return import->n_attachments;
}

guint
ref_esdh_import_get_n_attachments_found (RefEsdhImport *import)
{
  return import->n_attachments_found;
}
