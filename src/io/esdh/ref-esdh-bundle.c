/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <poppler.h>
#include <string.h>

#include "ref-esdh-private.h"
#include "ref-esdh-zip.h"
#include "ref-i18n.h"

/*
 * The files of an export bundle. Exports written on Windows name files with "\",
 * in another case than the disk has them ("3525829e1.docx" for 3525829E1.DOCX), or in
 * another Unicode normalisation (a zip made on a Mac stores "ø" decomposed). Lookup
 * therefore falls back to comparing names case-folded and NFC-normalised, and never
 * leaves the bundle: "..", absolute paths and symbolic links are not followed.
 */

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

/* The zip reader is a loadable module (ref-esdh-zip.c) so that libarchive, and what
 * it links, is loaded by the imports that unpack a zip and by no other: most
 * processes that link this library, referent-cli import of a PDF first of all, never
 * read a zip, and each library loaded costs every start-up. */

static char *
zip_module_path (void)
{
  const char *dir = g_getenv (REF_ESDH_ZIP_MODULE_DIR_VARIABLE);

  if (dir == NULL || *dir == '\0')
    dir = ref_running_uninstalled () ? ESDH_ZIP_MODULE_BUILDDIR : PKGLIBDIR;
  return g_module_build_path (dir, REF_ESDH_ZIP_MODULE_NAME);
}

/* The module's entry point, loaded once per process and kept; NULL with @error set
 * when the module is missing or is not Referent's. */
static RefEsdhZipUnpackFunc
zip_module_load_locked (GError **error)
{
  static RefEsdhZipUnpackFunc unpack;
  g_autofree char *path = NULL;
  GModule *module;
  gpointer symbol = NULL;

  if (unpack != NULL)
    return unpack;
  path = zip_module_path ();
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, REF_ESDH_ZIP_UNPACK_SYMBOL, &symbol) || symbol == NULL)
    {
      /* TRANSLATORS: the reason names the module's file */
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO,
                   _("Referent’s zip reader could not be loaded: %s. Reinstall Referent to import zip files."),
                   g_module_error () != NULL ? g_module_error () : path);
      if (module != NULL)
        g_module_close (module);
      return NULL;
    }
  g_module_make_resident (module);
  unpack = (RefEsdhZipUnpackFunc) symbol;
  return unpack;
}

static RefEsdhZipUnpackFunc
zip_module_load (GError **error)
{
  static GMutex lock;
  RefEsdhZipUnpackFunc unpack;

  g_mutex_lock (&lock);
  unpack = zip_module_load_locked (error);
  g_mutex_unlock (&lock);
  return unpack;
}

static void
zip_warn (const char *text, const char *message, gpointer user_data)
{
  esdh_warn (user_data, text, "%s", message);
}

gboolean
esdh_bundle_unpack_zip (EsdhReader *r, GFile *zip, GFile *dest, GCancellable *cancellable, GError **error)
{
  g_autofree char *zip_path = g_file_get_path (zip);
  g_autofree char *zip_name = g_file_get_parse_name (zip);
  RefEsdhZipUnpackFunc unpack;

  if (zip_path == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not open “%s”: not a local file"),
                   zip_name);
      return FALSE;
    }
  unpack = zip_module_load (error);
  if (unpack == NULL)
    return FALSE;
  if (!g_file_make_directory_with_parents (dest, cancellable, NULL) && file_type_nofollow (dest) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *dest_name = g_file_get_parse_name (dest);
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_IO, _("Could not create the folder “%s”"),
                   dest_name);
      return FALSE;
    }
  return unpack (zip_path, zip_name, dest, REF_ESDH_IMPORT_ERROR, zip_warn, r, cancellable, error);
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
