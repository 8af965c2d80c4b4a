/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <sys/stat.h>

#include "ref-pdf-export.h"
#include "ref-pdf-tagging.h"

/* Takes qpdf's pending error, if any, into @error. */
static gboolean
take_qpdf_error (qpdf_data qpdf, const char *path, GError **error)
{
  qpdf_error e;

  if (!qpdf_has_error (qpdf))
    return FALSE;
  e = qpdf_get_error (qpdf);
  g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_RENDER, _("Could not mark “%s” as a tagged PDF: %s"),
               path, qpdf_get_error_full_text (qpdf, e));
  return TRUE;
}

/* The PDF string of @text, for qpdf_oh_parse (): hex, so nothing needs escaping. */
static char *
pdf_hex_string (const char *text)
{
  GString *out = g_string_new ("<");

  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    g_string_append_printf (out, "%02X", *p);
  g_string_append_c (out, '>');
  return g_string_free (out, FALSE);
}

/* A tagged PDF's structure tree has one root element: cairo puts every heading,
 * paragraph, list and table straight under the StructTreeRoot, which readers flag
 * ("wrong type (P)"). They become the children of one Document element. The marked
 * content's parent tree points at the elements themselves, so it stays valid. */
static void
wrap_in_document (qpdf_data qpdf, qpdf_oh root)
{
  qpdf_oh tree, kids, document;
  int n;

  if (!qpdf_oh_has_key (qpdf, root, "/StructTreeRoot"))
    return;
  tree = qpdf_oh_get_key (qpdf, root, "/StructTreeRoot");
  if (!qpdf_oh_is_dictionary (qpdf, tree) || !qpdf_oh_has_key (qpdf, tree, "/K"))
    return;
  kids = qpdf_oh_get_key (qpdf, tree, "/K");
  if (!qpdf_oh_is_array (qpdf, kids))
    {
      qpdf_oh single = kids;

      if (qpdf_oh_is_dictionary (qpdf, single) && qpdf_oh_has_key (qpdf, single, "/S")
          && qpdf_oh_is_name_and_equals (qpdf, qpdf_oh_get_key (qpdf, single, "/S"), "/Document"))
        return;
      kids = qpdf_oh_new_array (qpdf);
      qpdf_oh_append_item (qpdf, kids, single);
    }
  document = qpdf_make_indirect_object (qpdf, qpdf_oh_parse (qpdf, "<< /Type /StructElem /S /Document >>"));
  qpdf_oh_replace_key (qpdf, document, "/P", tree);
  qpdf_oh_replace_key (qpdf, document, "/K", kids);
  n = qpdf_oh_get_array_n_items (qpdf, kids);
  for (int i = 0; i < n; i++)
    {
      qpdf_oh kid = qpdf_oh_get_array_item (qpdf, kids, i);

      if (qpdf_oh_is_dictionary (qpdf, kid))
        qpdf_oh_replace_key (qpdf, kid, "/P", document);
    }
  qpdf_oh_replace_key (qpdf, tree, "/K", document);
}

gboolean
ref_pdf_mark_tagged (const char *path, const char *language, GError **error)
{
  qpdf_data qpdf = qpdf_init ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, ".referent-tagging-XXXXXX", NULL);
  g_autofree char *lang = pdf_hex_string (language);
  GStatBuf st;
  gboolean ok = FALSE;
  qpdf_oh root;
  int fd;

  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  if ((qpdf_read (qpdf, path, NULL) & QPDF_ERRORS) != 0 || take_qpdf_error (qpdf, path, error))
    {
      take_qpdf_error (qpdf, path, error);
      goto out;
    }
  root = qpdf_get_root (qpdf);
  qpdf_oh_replace_key (qpdf, root, "/MarkInfo", qpdf_oh_parse (qpdf, "<< /Marked true >>"));
  qpdf_oh_replace_key (qpdf, root, "/Lang", qpdf_oh_parse (qpdf, lang));
  qpdf_oh_replace_key (qpdf, root, "/ViewerPreferences", qpdf_oh_parse (qpdf, "<< /DisplayDocTitle true >>"));
  wrap_in_document (qpdf, root);
  if (take_qpdf_error (qpdf, path, error))
    goto out;

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      goto out;
    }
  close (fd);
  /* Keep the permissions the export gave the file (a temporary file has 0600). */
  if (g_stat (path, &st) == 0)
    g_chmod (tmp, st.st_mode & 0777);
  if ((qpdf_init_write (qpdf, tmp) & QPDF_ERRORS) != 0 || take_qpdf_error (qpdf, path, error))
    {
      take_qpdf_error (qpdf, path, error);
      g_unlink (tmp);
      goto out;
    }
  /* Objects and streams as cairo wrote them; the same meeting gives the same file. */
  qpdf_set_object_stream_mode (qpdf, qpdf_o_preserve);
  qpdf_set_stream_data_mode (qpdf, qpdf_s_preserve);
  qpdf_set_deterministic_ID (qpdf, QPDF_TRUE);
  if ((qpdf_write (qpdf) & QPDF_ERRORS) != 0 || take_qpdf_error (qpdf, path, error))
    {
      take_qpdf_error (qpdf, path, error);
      g_unlink (tmp);
      goto out;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      g_unlink (tmp);
      goto out;
    }
  ok = TRUE;
out:
  qpdf_cleanup (&qpdf);
  return ok;
}
