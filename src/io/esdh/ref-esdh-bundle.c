/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <string.h>

#include "ref-esdh-private.h"

/*
 * The files of an export bundle. Exports written on Windows name files with "\",
 * in another case than the disk has them ("3525829e1.docx" for 3525829E1.DOCX), or in
 * another Unicode normalisation (a zip made on a Mac stores "ø" decomposed). Lookup
 * therefore falls back to comparing names case-folded and NFC-normalised, and never
 * leaves the bundle: "..", absolute paths and symbolic links are not followed.
 */

/* Limits for unpacking a zip: generous for real bundles (hundreds of attachment
 * PDFs), small enough that a zip bomb cannot fill the disk. */
#define MAX_ZIP_ENTRIES 20000
#define MAX_ZIP_ENTRY_SIZE ((gint64) 1024 * 1024 * 1024)
#define MAX_ZIP_TOTAL_SIZE ((gint64) 4 * 1024 * 1024 * 1024)

/* How many pages of an attachment PDF are looked at to tell a placeholder or a scan. */
#define PDF_PAGES_CHECKED 5

static char *
name_key (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);

  return normal ? g_utf8_casefold (normal, -1) : NULL;
}

static GFileType
file_type_nofollow (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
}

/* The entry of @dir called @name, or the one entry whose name matches it ignoring
 * case and normalisation. */
static GFile *
find_entry (GFile *dir, const char *name, gboolean *inexact)
{
  g_autoptr (GFile) exact = g_file_get_child (dir, name);
  g_autoptr (GFileEnumerator) children = NULL;
  g_autofree char *key = NULL;
  GFile *found = NULL;
  GFileInfo *info;

  switch (file_type_nofollow (exact))
    {
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_DIRECTORY:
      return g_steal_pointer (&exact);
    case G_FILE_TYPE_SYMBOLIC_LINK:
      return NULL;
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      break;
    }

  key = name_key (name);
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (key != NULL && children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *child = g_file_info_get_name (info);
      g_autofree char *child_key = g_utf8_validate (child, -1, NULL) ? name_key (child) : NULL;
      GFileType type = g_file_info_get_file_type (info);

      if (child_key != NULL && g_str_equal (child_key, key)
          && (type == G_FILE_TYPE_REGULAR || type == G_FILE_TYPE_DIRECTORY) && found == NULL)
        found = g_file_get_child (dir, child);
      g_object_unref (info);
    }
  if (found != NULL)
    *inexact = TRUE;
  return found;
}

GFile *
esdh_bundle_find (GFile *base, const char *relative, gboolean *inexact)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GFile) current = NULL;
  gboolean dummy = FALSE;

  if (inexact == NULL)
    inexact = &dummy;
  *inexact = FALSE;
  if (base == NULL || relative == NULL)
    return NULL;
  parts = g_regex_split_simple ("[\\\\/]+", relative, 0, 0);
  current = g_object_ref (base);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      GFile *next;

      if (*parts[i] == '\0' || g_str_equal (parts[i], "."))
        continue;
      /* Never out of the bundle, never a drive ("C:"). */
      if (g_str_equal (parts[i], "..") || strchr (parts[i], ':') != NULL)
        return NULL;
      next = find_entry (current, parts[i], inexact);
      if (next == NULL)
        return NULL;
      g_object_unref (current);
      current = next;
    }
  if (g_file_equal (current, base) || file_type_nofollow (current) != G_FILE_TYPE_REGULAR)
    return NULL;
  return g_steal_pointer (&current);
}

/* ---- finding the export's XML ---- */

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  g_autofree char *pa = g_file_get_path (*(GFile *const *) a);
  g_autofree char *pb = g_file_get_path (*(GFile *const *) b);

  return g_strcmp0 (pa, pb);
}

static void
list_xml (GFile *dir, guint depth, GPtrArray *out, GCancellable *cancellable)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
      cancellable, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);
      g_autofree char *lower = g_ascii_strdown (name, -1);

      /* Hidden files and the resource forks a Mac adds to zips are no exports. */
      if (name[0] != '.' && !g_str_equal (name, "__MACOSX"))
        {
          if (type == G_FILE_TYPE_REGULAR && g_str_has_suffix (lower, ".xml"))
            g_ptr_array_add (out, g_file_get_child (dir, name));
          else if (type == G_FILE_TYPE_DIRECTORY && depth < 2)
            {
              g_autoptr (GFile) sub = g_file_get_child (dir, name);
              list_xml (sub, depth + 1, out, cancellable);
            }
        }
      g_object_unref (info);
    }
}

GPtrArray *
esdh_bundle_list_xml (GFile *folder, GCancellable *cancellable)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  list_xml (folder, 0, files, cancellable);
  g_ptr_array_sort (files, compare_paths);
  return files;
}

/* ---- zip ---- */

/* An entry's path as UTF-8. Zips written on Windows store names in the DOS code page
 * without saying so; those are converted from CP850, which has the Danish letters. */
static char *
entry_path (EsdhReader *r, struct archive_entry *entry, gboolean *converted)
{
  const char *utf8 = archive_entry_pathname_utf8 (entry);
  const char *raw;

  if (utf8 != NULL && g_utf8_validate (utf8, -1, NULL))
    return g_strdup (utf8);
  raw = archive_entry_pathname (entry);
  if (raw == NULL)
    return NULL;
  if (g_utf8_validate (raw, -1, NULL))
    return g_strdup (raw);
  *converted = TRUE;
  return g_convert (raw, -1, "UTF-8", "CP850", NULL, NULL, NULL);
}

/* The safe relative path of an entry, or NULL for one that would leave the folder. */
static char *
safe_relative (const char *path)
{
  g_auto (GStrv) parts = g_regex_split_simple ("[\\\\/]+", path, 0, 0);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();

  if (path[0] == '/' || path[0] == '\\' || strchr (path, ':') != NULL)
    return NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        return NULL;
      g_ptr_array_add (kept, parts[i]);
    }
  if (kept->len == 0)
    return NULL;
  g_ptr_array_add (kept, NULL);
  return g_build_filenamev ((char **) kept->pdata);
}

static gboolean
copy_entry_data (struct archive *archive, GFile *target, gint64 *total, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GError) local_error = NULL;
  char buffer[65536];
  gint64 written = 0;
  la_ssize_t n;

  out = g_file_replace (target, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
  if (out == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (target);
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not write “%s”: %s"), name,
                   local_error->message);
      return FALSE;
    }
  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      written += n;
      *total += n;
      if (written > MAX_ZIP_ENTRY_SIZE || *total > MAX_ZIP_TOTAL_SIZE)
        {
          g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_TOO_LARGE,
                       _("The zip file unpacks to more than %d GiB"), (int) (MAX_ZIP_TOTAL_SIZE >> 30));
          return FALSE;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, (gsize) n, NULL, cancellable, &local_error))
        {
          g_autofree char *name = g_file_get_parse_name (target);
          g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not write “%s”: %s"), name,
                       local_error->message);
          return FALSE;
        }
    }
  if (n < 0)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED, _("The zip file is damaged: %s"),
                   archive_error_string (archive) ? archive_error_string (archive) : "?");
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

gboolean
esdh_bundle_unpack_zip (EsdhReader *r, GFile *zip, GFile *dest, GCancellable *cancellable, GError **error)
{
  g_autofree char *zip_path = g_file_get_path (zip);
  g_autofree char *zip_name = g_file_get_parse_name (zip);
  struct archive *archive;
  struct archive_entry *entry;
  gint64 total = 0;
  guint entries = 0;
  gboolean converted = FALSE, ok = TRUE;
  int status;

  if (zip_path == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not open “%s”: not a local file"),
                   zip_name);
      return FALSE;
    }
  if (!g_file_make_directory_with_parents (dest, cancellable, NULL) && file_type_nofollow (dest) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *dest_name = g_file_get_parse_name (dest);
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not create the folder “%s”"),
                   dest_name);
      return FALSE;
    }

  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  archive_read_support_filter_none (archive);
  if (archive_read_open_filename (archive, zip_path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED, _("“%s” is not a readable zip file: %s"),
                   zip_name, archive_error_string (archive) ? archive_error_string (archive) : "?");
      archive_read_free (archive);
      return FALSE;
    }

  while (ok && (status = archive_read_next_header (archive, &entry)) != ARCHIVE_EOF)
    {
      g_autofree char *path = NULL;
      g_autofree char *relative = NULL;
      g_autoptr (GFile) target = NULL;
      mode_t type;

      if (status < ARCHIVE_WARN)
        {
          g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED, _("“%s” is a damaged zip file: %s"),
                       zip_name, archive_error_string (archive) ? archive_error_string (archive) : "?");
          ok = FALSE;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (++entries > MAX_ZIP_ENTRIES)
        {
          g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_TOO_LARGE,
                       _("The zip file holds more than %d files"), MAX_ZIP_ENTRIES);
          ok = FALSE;
          break;
        }
      path = entry_path (r, entry, &converted);
      relative = path ? safe_relative (path) : NULL;
      type = archive_entry_filetype (entry);
      if (relative == NULL || (type != AE_IFREG && type != AE_IFDIR) || archive_entry_hardlink (entry) != NULL)
        {
          /* Links, devices and paths out of the folder are not unpacked. */
          if (path != NULL)
            esdh_warn (r, path, _("An entry of the zip file was not unpacked: it is a link, a device or a path "
                                  "outside the folder"));
          continue;
        }
      target = g_file_resolve_relative_path (dest, relative);
      if (type == AE_IFDIR)
        {
          g_file_make_directory_with_parents (target, cancellable, NULL);
          continue;
        }
      {
        g_autoptr (GFile) parent = g_file_get_parent (target);
        if (parent != NULL)
          g_file_make_directory_with_parents (parent, cancellable, NULL);
      }
      /* Entries never make links, but @dest may be a folder that already had one. */
      if (file_type_nofollow (target) == G_FILE_TYPE_SYMBOLIC_LINK)
        continue;
      ok = copy_entry_data (archive, target, &total, cancellable, error);
    }
  archive_read_free (archive);
  if (ok && converted)
    esdh_warn (r, zip_name, _("The zip file stores file names in an old Windows encoding; they were converted"));
  return ok;
}

/* ---- attachment PDFs ---- */

EsdhPdfCheck
esdh_bundle_check_pdf (GFile *file)
{
  /* poppler-glib 22.12 declares no autoptr cleanups: unreferenced by hand. */
  PopplerDocument *doc = poppler_document_new_from_gfile (file, NULL, NULL, NULL);
  gboolean text = FALSE, images = FALSE;
  int n_pages;

  if (doc == NULL)
    return ESDH_PDF_DAMAGED;
  n_pages = poppler_document_get_n_pages (doc);
  for (int i = 0; i < MIN (n_pages, PDF_PAGES_CHECKED) && !text; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = NULL;
      GList *mapping;

      if (page == NULL)
        continue;
      page_text = poppler_page_get_text (page);
      if (page_text != NULL && *g_strstrip (page_text) != '\0')
        text = TRUE;
      mapping = poppler_page_get_image_mapping (page);
      images = images || mapping != NULL;
      poppler_page_free_image_mapping (mapping);
      g_object_unref (page);
    }
  g_object_unref (doc);
  if (text)
    return ESDH_PDF_OK;
  if (images)
    return ESDH_PDF_SCAN;
  return n_pages <= PDF_PAGES_CHECKED ? ESDH_PDF_BLANK : ESDH_PDF_OK;
}
