/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <string.h>

#include "ref-esdh-import.h"
#include "ref-esdh-zip.h"

/* The zip reader of the case-system import: a loadable module of its own, so that
 * only the processes that unpack a zip load libarchive (see ref-esdh-bundle.c). It
 * uses GLib, GIO and libarchive only, none of Referent's types. */

/* Limits for unpacking a zip: generous for real bundles (hundreds of attachment
 * PDFs), small enough that a zip bomb cannot fill the disk. */
#define MAX_ZIP_ENTRIES 20000
#define MAX_ZIP_ENTRY_SIZE ((gint64) 1024 * 1024 * 1024)
#define MAX_ZIP_TOTAL_SIZE ((gint64) 4 * 1024 * 1024 * 1024)

static GFileType
file_type_nofollow (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
}

/* An entry's path as UTF-8. Zips written on Windows store names in the DOS code page
 * without saying so; those are converted from CP850, which has the Danish letters. */
static char *
entry_path (struct archive_entry *entry, gboolean *converted)
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
copy_entry_data (struct archive *archive, GFile *target, gint64 *total, GQuark domain, GCancellable *cancellable,
                 GError **error)
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
      g_set_error (error, domain, REF_ESDH_IMPORT_ERROR_IO, _("Could not write “%s”: %s"), name,
                   local_error->message);
      return FALSE;
    }
  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      written += n;
      *total += n;
      if (written > MAX_ZIP_ENTRY_SIZE || *total > MAX_ZIP_TOTAL_SIZE)
        {
          g_set_error (error, domain, REF_ESDH_IMPORT_ERROR_TOO_LARGE,
                       _("The zip file unpacks to more than %d GiB"), (int) (MAX_ZIP_TOTAL_SIZE >> 30));
          return FALSE;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, (gsize) n, NULL, cancellable, &local_error))
        {
          g_autofree char *name = g_file_get_parse_name (target);
          g_set_error (error, domain, REF_ESDH_IMPORT_ERROR_IO, _("Could not write “%s”: %s"), name,
                       local_error->message);
          return FALSE;
        }
    }
  if (n < 0)
    {
      g_set_error (error, domain, REF_ESDH_IMPORT_ERROR_DAMAGED, _("The zip file is damaged: %s"),
                   archive_error_string (archive) ? archive_error_string (archive) : "?");
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

G_MODULE_EXPORT gboolean ref_esdh_zip_unpack (const char *zip_path, const char *zip_name, GFile *dest,
                                              GQuark domain, RefEsdhZipWarnFunc warn, gpointer warn_data,
                                              GCancellable *cancellable, GError **error);

G_MODULE_EXPORT gboolean
ref_esdh_zip_unpack (const char *zip_path, const char *zip_name, GFile *dest, GQuark domain, RefEsdhZipWarnFunc warn,
                     gpointer warn_data, GCancellable *cancellable, GError **error)
{
  struct archive *archive;
  struct archive_entry *entry;
  gint64 total = 0;
  guint entries = 0;
  gboolean converted = FALSE, ok = TRUE;
  int status;

  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  archive_read_support_filter_none (archive);
  if (archive_read_open_filename (archive, zip_path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, domain, REF_ESDH_IMPORT_ERROR_DAMAGED, _("“%s” is not a readable zip file: %s"),
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
          g_set_error (error, domain, REF_ESDH_IMPORT_ERROR_DAMAGED, _("“%s” is a damaged zip file: %s"),
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
          g_set_error (error, domain, REF_ESDH_IMPORT_ERROR_TOO_LARGE,
                       _("The zip file holds more than %d files"), MAX_ZIP_ENTRIES);
          ok = FALSE;
          break;
        }
      path = entry_path (entry, &converted);
      relative = path ? safe_relative (path) : NULL;
      type = archive_entry_filetype (entry);
      if (relative == NULL || (type != AE_IFREG && type != AE_IFDIR) || archive_entry_hardlink (entry) != NULL)
        {
          /* Links, devices and paths out of the folder are not unpacked. */
          if (path != NULL)
            warn (path,
                  _("An entry of the zip file was not unpacked: it is a link, a device or a path outside the folder"),
                  warn_data);
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
      ok = copy_entry_data (archive, target, &total, domain, cancellable, error);
    }
  archive_read_free (archive);
  if (ok && converted)
    warn (zip_name, _("The zip file stores file names in an old Windows encoding; they were converted"), warn_data);
  return ok;
}

/* The entry point has the type the loader expects. */
static const RefEsdhZipUnpackFunc checked_entry_point G_GNUC_UNUSED = ref_esdh_zip_unpack;
