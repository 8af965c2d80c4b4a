/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ---- the same as an incremental update, without rewriting the file ----
 *
 * qpdf reads every object of the file and writes it anew: for a 9,000-page export
 * with its structure tree that held about 900 MiB. The changes are a handful of
 * objects (the catalogue, the StructTreeRoot, the new Document element and the
 * top-level elements whose parent it becomes), so they are appended to the file
 * cairo wrote as an incremental update (ISO 32000-1, 7.5.6): the new versions of those
 * objects, a cross-reference section for them and a trailer pointing at the previous
 * one. This reads cairo's classic cross-reference table and plain dictionaries; a
 * file it does not understand is left to qpdf. */

typedef struct {
  int fd;
  gint64 len;
  GArray *sections; /* XrefSection: where each object's entry is */
} PdfFile;

/* One subsection of the cross-reference table: the entries of objects
 * [start, start + count), 20 bytes each from @at. Entries are read when an object is
 * looked up, so the table (20 bytes per object, megabytes for a long meeting) is
 * never held in memory. */
typedef struct {
  gint64 start, count, at;
} XrefSection;

static gboolean
is_ws (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delim (char c)
{
  return is_ws (c) || c == '/' || c == '<' || c == '>' || c == '[' || c == ']' || c == '(' || c == ')' || c == '%';
}

/* The end of the string starting at @p (an opening parenthesis), or NULL. */
static const char *
skip_string (const char *p, const char *end)
{
  int depth = 0;

  for (; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        return p + 1;
    }
  return NULL;
}

/* The end of the value starting at @p (after white space): a dictionary, array,
 * string, name, number or reference "n g R". NULL when it does not parse. */
static const char *
skip_value (const char *p, const char *end)
{
  while (p < end && is_ws (*p))
    p++;
  if (p >= end)
    return NULL;
  if (p + 1 < end && p[0] == '<' && p[1] == '<')
    {
      p += 2;
      for (;;)
        {
          while (p < end && is_ws (*p))
            p++;
          if (p + 1 < end && p[0] == '>' && p[1] == '>')
            return p + 2;
          if (p >= end || (p = skip_value (p, end)) == NULL)
            return NULL;
        }
    }
  if (*p == '<')
    {
      const char *close = memchr (p, '>', end - p);
      return close ? close + 1 : NULL;
    }
  if (*p == '[')
    {
      p++;
      for (;;)
        {
          while (p < end && is_ws (*p))
            p++;
          if (p < end && *p == ']')
            return p + 1;
          if (p >= end || (p = skip_value (p, end)) == NULL)
            return NULL;
        }
    }
  if (*p == '(')
    return skip_string (p, end);
  if (*p == '/')
    {
      p++;
      while (p < end && !is_delim (*p))
        p++;
      return p;
    }
  if (g_ascii_isdigit (*p) || *p == '-' || *p == '+' || *p == '.')
    {
      const char *q = p, *save;

      while (q < end && !is_delim (*q))
        q++;
      /* "n g R": a reference is one value. */
      save = q;
      while (q < end && is_ws (*q))
        q++;
      if (q < end && g_ascii_isdigit (*q))
        {
          const char *r = q;
          while (r < end && g_ascii_isdigit (*r))
            r++;
          while (r < end && is_ws (*r))
            r++;
          if (r < end && *r == 'R' && (r + 1 >= end || is_delim (r[1])))
            return r + 1;
        }
      return save;
    }
  /* true, false, null */
  while (p < end && !is_delim (*p))
    p++;
  return p;
}

/* The value of @key (e.g. "/K") at the top level of the dictionary [@dict, @end), as
 * [*value, *value_end); FALSE when absent or not parsable. */
static gboolean
dict_lookup (const char *dict, const char *end, const char *key, const char **value, const char **value_end)
{
  const char *p = dict + 2;
  gsize key_len = strlen (key);

  for (;;)
    {
      const char *name, *name_end, *v;

      while (p < end && is_ws (*p))
        p++;
      if (p + 1 >= end || (p[0] == '>' && p[1] == '>') || *p != '/')
        return FALSE;
      name = p;
      name_end = skip_value (p, end);
      if (name_end == NULL)
        return FALSE;
      v = name_end;
      while (v < end && is_ws (*v))
        v++;
      p = skip_value (v, end);
      if (p == NULL)
        return FALSE;
      if ((gsize) (name_end - name) == key_len && memcmp (name, key, key_len) == 0)
        {
          *value = v;
          *value_end = p;
          return TRUE;
        }
    }
}

/* The object number of the reference [@p, @end) ("12 0 R"), or -1. */
static gint64
parse_ref (const char *p, const char *end)
{
  gint64 num = 0;

  if (p >= end || !g_ascii_isdigit (*p))
    return -1;
  while (p < end && g_ascii_isdigit (*p))
    num = num * 10 + (*p++ - '0');
  while (p < end && is_ws (*p))
    p++;
  if (p >= end || *p != '0')
    return -1;
  p++;
  while (p < end && is_ws (*p))
    p++;
  return p < end && *p == 'R' ? num : -1;
}

/* Up to @n bytes of the file from @offset, NUL-terminated; *@got says how many.
 * The file is read in pieces, not mapped: the pieces touched of a mapping of a
 * 100 MB export would count as the process's memory. */
static char *
read_at (const PdfFile *pdf, gint64 offset, gsize n, gsize *got)
{
  char *buf;
  gsize done = 0;

  if (offset < 0 || offset > pdf->len)
    offset = pdf->len;
  n = MIN (n, (gsize) (pdf->len - offset));
  buf = g_malloc (n + 1);
  while (done < n)
    {
      gssize r = pread (pdf->fd, buf + done, n - done, offset + done);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      done += r;
    }
  buf[done] = '\0';
  *got = done;
  return buf;
}

/* The value (dictionary, array …) starting at @offset, after white space: read in
 * growing pieces until it ends well inside the piece (a value cut off at the end of a
 * piece could look complete) or the file ends. Returns the piece, with the value at
 * [*value, *value_end) and *piece_end its end; NULL when it does not parse. */
#define VALUE_MARGIN 64
#define COPY_CHUNK (64 * 1024) /* below malloc's mmap threshold: memory the export freed is reused */
#define UPDATE_PIECE (64 * 1024)
static char *
read_value_at (const PdfFile *pdf, gint64 offset, const char **value, const char **value_end, const char **piece_end)
{
  for (gsize want = 4096;; want *= 2)
    {
      gsize got;
      char *buf = read_at (pdf, offset, want, &got);
      gboolean at_eof = offset + (gint64) got >= pdf->len;
      const char *p = buf, *end = buf + got, *e;

      while (p < end && is_ws (*p))
        p++;
      e = p < end ? skip_value (p, end) : NULL;
      if (e != NULL && (at_eof || end - e >= VALUE_MARGIN))
        {
          *value = p;
          *value_end = e;
          *piece_end = end;
          return buf;
        }
      g_free (buf);
      if (at_eof)
        return NULL;
    }
}

/* The file offset of object @num from its cross-reference entry, or -1. */
static gint64
object_offset (const PdfFile *pdf, gint64 num)
{
  for (guint i = 0; i < pdf->sections->len; i++)
    {
      const XrefSection *s = &g_array_index (pdf->sections, XrefSection, i);
      g_autofree char *entry = NULL;
      gsize got;

      if (num < s->start || num >= s->start + s->count)
        continue;
      entry = read_at (pdf, s->at + (num - s->start) * 20, 20, &got);
      if (got < 18 || entry[17] != 'n')
        return -1;
      return g_ascii_strtoll (entry, NULL, 10);
    }
  return -1;
}

/* The dictionary of object @num: [*dict, *dict_end) in the returned piece of the
 * file (free it), or NULL. */
static char *
object_dict (const PdfFile *pdf, gint64 num, const char **dict, const char **dict_end)
{
  g_autofree char *header = g_strdup_printf ("%" G_GINT64_FORMAT " 0 obj", num);
  g_autofree char *head = NULL;
  g_autofree char *piece = NULL;
  const char *p, *e, *end;
  gint64 offset;
  gsize got;

  if (num <= 0 || (offset = object_offset (pdf, num)) < 0 || offset >= pdf->len)
    return NULL;
  head = read_at (pdf, offset, strlen (header), &got);
  if (got < strlen (header) || memcmp (head, header, strlen (header)) != 0)
    return NULL;
  piece = read_value_at (pdf, offset + strlen (header), &p, &e, &end);
  if (piece == NULL || p + 1 >= end || p[0] != '<' || p[1] != '<')
    return NULL;
  /* A dictionary object, not a stream's. */
  {
    const char *after = e;
    while (after < end && is_ws (*after))
      after++;
    if ((gsize) (end - after) < 6 || memcmp (after, "endobj", 6) != 0)
      return NULL;
  }
  *dict = p;
  *dict_end = e;
  return g_steal_pointer (&piece);
}

/* Reads where the last cross-reference table's entries are, and its trailer:
 * [*trailer, *trailer_end) in the returned piece of the file (free it), or NULL. */
static char *
read_xref (PdfFile *pdf, gint64 *xref_offset, const char **trailer, const char **trailer_end)
{
  const char *p, *end, *found = NULL;
  g_autofree char *tail = NULL;
  gint64 tail_at = MAX (pdf->len - 4096, 0), offset, at;
  gsize got;

  /* The last "startxref" (the data has NUL bytes: no string functions). */
  tail = read_at (pdf, tail_at, 4096, &got);
  for (gsize i = got >= 9 ? got - 9 : 0; got >= 9; i--)
    {
      if (memcmp (tail + i, "startxref", 9) == 0)
        {
          found = tail + i;
          break;
        }
      if (i == 0)
        break;
    }
  if (found == NULL)
    return NULL;
  p = found + 9;
  while (p < tail + got && is_ws (*p))
    p++;
  offset = g_ascii_strtoll (p, NULL, 10);
  if (offset <= 0 || offset >= pdf->len || pdf->len - offset < 4)
    return NULL;
  *xref_offset = offset;
  g_clear_pointer (&tail, g_free);
  tail = read_at (pdf, offset, 4, &got);
  if (got < 4 || memcmp (tail, "xref", 4) != 0)
    return NULL;
  at = offset + 4;
  for (;;)
    {
      g_autofree char *line = NULL;
      gint64 start, count;
      char *next;

      /* A subsection header "start count" (or the trailer) and the first entry. */
      line = read_at (pdf, at, 128, &got);
      p = line;
      end = line + got;
      while (p < end && is_ws (*p))
        p++;
      if ((gsize) (end - p) >= 7 && memcmp (p, "trailer", 7) == 0)
        {
          at += p - line + 7;
          break;
        }
      start = g_ascii_strtoll (p, &next, 10);
      if (next == p)
        return NULL;
      p = next;
      count = g_ascii_strtoll (p, &next, 10);
      if (next == p || start < 0 || count < 0 || start + count > 10000000)
        return NULL;
      p = next;
      while (p < end && (*p == ' ' || *p == '\r' || *p == '\n'))
        p++;
      if (p >= end && count > 0)
        return NULL;
      {
        XrefSection s = { start, count, at + (p - line) };

        if (pdf->len - s.at < count * 20)
          return NULL;
        g_array_append_val (pdf->sections, s);
        at = s.at + count * 20;
      }
    }
  {
    const char *v, *ve, *pe;
    char *piece = read_value_at (pdf, at, &v, &ve, &pe);

    if (piece == NULL || v + 1 >= pe || v[0] != '<' || v[1] != '<')
      {
        g_free (piece);
        return NULL;
      }
    *trailer = v;
    *trailer_end = ve;
    return piece;
  }
}

/* Everything of the dictionary [@dict, @end) but its closing ">>". */
static void
append_dict_body (GString *out, const char *dict, const char *end)
{
  g_string_append_len (out, dict, end - 2 - dict);
}

/* Writes what is in @out to @file once it holds @at_least bytes; *@flushed counts them. */
static void
flush_update (FILE *file, GString *out, gint64 *flushed, gsize at_least)
{
  if (out->len < at_least || out->len == 0)
    return;
  /* A short write leaves the stream's error indicator set, for the caller's ferror (). */
  fwrite (out->str, 1, out->len, file);
  *flushed += out->len;
  g_string_truncate (out, 0);
}

/* Appends the update to @file (the copy of the file, at its end), in pieces: the new
 * versions of the top-level elements are megabytes for a long meeting. FALSE when
 * the file is not one this understands (before anything is written, or, for an
 * element that does not read, with the copy incomplete: qpdf writes it anew then);
 * a write error is left in @file. */
static gboolean
build_update (PdfFile *pdf, const char *language, FILE *file)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gint64 flushed = 0;
  const char *trailer, *trailer_end, *v, *ve, *catalog, *catalog_end, *tree, *tree_end;
  gint64 xref_offset, root, size, tree_num, document;
  g_autofree char *lang = pdf_hex_string (language);
  g_autoptr (GArray) kids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *id = NULL, *id_end = NULL, *info = NULL, *info_end = NULL;
  g_autofree char *trailer_piece = NULL;
  g_autofree char *catalog_piece = NULL;
  g_autofree char *tree_piece = NULL;
  g_autofree char *last = NULL;
  gboolean kids_array;
  gsize got;

  if ((trailer_piece = read_xref (pdf, &xref_offset, &trailer, &trailer_end)) == NULL)
    return FALSE;
  if (!dict_lookup (trailer, trailer_end, "/Root", &v, &ve) || (root = parse_ref (v, ve)) < 0)
    return FALSE;
  if (!dict_lookup (trailer, trailer_end, "/Size", &v, &ve) || (size = g_ascii_strtoll (v, NULL, 10)) <= 0)
    return FALSE;
  dict_lookup (trailer, trailer_end, "/ID", &id, &id_end);
  dict_lookup (trailer, trailer_end, "/Info", &info, &info_end);
  /* An update of an update, or entries this would write twice: leave it to qpdf. */
  if (dict_lookup (trailer, trailer_end, "/Prev", &v, &ve)
      || (catalog_piece = object_dict (pdf, root, &catalog, &catalog_end)) == NULL
      || dict_lookup (catalog, catalog_end, "/MarkInfo", &v, &ve) || dict_lookup (catalog, catalog_end, "/Lang", &v, &ve)
      || dict_lookup (catalog, catalog_end, "/ViewerPreferences", &v, &ve))
    return FALSE;
  if (!dict_lookup (catalog, catalog_end, "/StructTreeRoot", &v, &ve) || (tree_num = parse_ref (v, ve)) < 0
      || (tree_piece = object_dict (pdf, tree_num, &tree, &tree_end)) == NULL
      || !dict_lookup (tree, tree_end, "/K", &v, &ve))
    return FALSE;
  kids_array = *v == '[';
  if (kids_array)
    {
      const char *p = v + 1;
      for (;;)
        {
          const char *e;
          gint64 kid;

          while (p < ve && is_ws (*p))
            p++;
          if (p < ve && *p == ']')
            break;
          if ((e = skip_value (p, ve)) == NULL || (kid = parse_ref (p, e)) < 0)
            return FALSE;
          g_array_append_val (kids, kid);
          p = e;
        }
    }
  else
    {
      gint64 kid = parse_ref (v, ve);
      if (kid < 0)
        return FALSE;
      g_array_append_val (kids, kid);
    }
  document = size;

  /* The new objects, each at its offset in the file once appended. */
#define BEGIN_OBJECT(num)                                                                                             \
  do                                                                                                                  \
    {                                                                                                                 \
      gint64 n_ = (num), at_ = pdf->len + flushed + (gint64) out->len;                                                          \
      g_array_append_val (numbers, n_);                                                                               \
      g_array_append_val (offsets, at_);                                                                              \
      g_string_append_printf (out, "%" G_GINT64_FORMAT " 0 obj\n", n_);                                              \
    }                                                                                                                 \
  while (0)

  last = read_at (pdf, pdf->len - 1, 1, &got);
  if (got == 0 || last[0] != '\n')
    g_string_append_c (out, '\n');
  BEGIN_OBJECT (root);
  append_dict_body (out, catalog, catalog_end);
  g_string_append_printf (out, " /MarkInfo << /Marked true >> /Lang %s /ViewerPreferences << /DisplayDocTitle true >> "
                          ">>\nendobj\n", lang);
  BEGIN_OBJECT (tree_num);
  {
    /* The StructTreeRoot with /K the Document element. */
    dict_lookup (tree, tree_end, "/K", &v, &ve);
    g_string_append_len (out, tree, v - tree);
    g_string_append_printf (out, "%" G_GINT64_FORMAT " 0 R", document);
    g_string_append_len (out, ve, tree_end - ve);
    g_string_append (out, "\nendobj\n");
  }
  BEGIN_OBJECT (document);
  g_string_append_printf (out, "<< /Type /StructElem /S /Document /P %" G_GINT64_FORMAT " 0 R /K [", tree_num);
  for (guint i = 0; i < kids->len; i++)
    g_string_append_printf (out, " %" G_GINT64_FORMAT " 0 R", g_array_index (kids, gint64, i));
  g_string_append (out, " ] >>\nendobj\n");
  for (guint i = 0; i < kids->len; i++)
    {
      gint64 kid = g_array_index (kids, gint64, i);
      const char *k, *k_end, *pv, *pve;
      g_autofree char *kid_piece = object_dict (pdf, kid, &k, &k_end);

      if (kid_piece == NULL)
        return FALSE;
      BEGIN_OBJECT (kid);
      if (dict_lookup (k, k_end, "/P", &pv, &pve))
        {
          g_string_append_len (out, k, pv - k);
          g_string_append_printf (out, "%" G_GINT64_FORMAT " 0 R", document);
          g_string_append_len (out, pve, k_end - pve);
        }
      else
        {
          append_dict_body (out, k, k_end);
          g_string_append_printf (out, " /P %" G_GINT64_FORMAT " 0 R >>", document);
        }
      g_string_append (out, "\nendobj\n");
      flush_update (file, out, &flushed, UPDATE_PIECE);
    }
#undef BEGIN_OBJECT

  /* Cross-reference section: one subsection per object (their numbers are scattered). */
  {
    gint64 xref_at = pdf->len + flushed + (gint64) out->len;

    g_string_append (out, "xref\n");
    for (guint i = 0; i < numbers->len; i++)
      {
        g_string_append_printf (out, "%" G_GINT64_FORMAT " 1\n%010" G_GINT64_FORMAT " 00000 n \n",
                                g_array_index (numbers, gint64, i), g_array_index (offsets, gint64, i));
        flush_update (file, out, &flushed, UPDATE_PIECE);
      }
    g_string_append_printf (out, "trailer\n<< /Size %" G_GINT64_FORMAT " /Root %" G_GINT64_FORMAT " 0 R", size + 1,
                            root);
    if (info != NULL)
      {
        g_string_append (out, " /Info ");
        g_string_append_len (out, info, info_end - info);
      }
    if (id != NULL)
      {
        g_string_append (out, " /ID ");
        g_string_append_len (out, id, id_end - id);
      }
    g_string_append_printf (out, " /Prev %" G_GINT64_FORMAT " >>\nstartxref\n%" G_GINT64_FORMAT "\n%%%%EOF\n",
                            xref_offset, xref_at);
  }
  flush_update (file, out, &flushed, 1);
  return TRUE;
}

/* Writes the file with the update appended to @tmp. FALSE with no @error set when
 * the file is not one the update understands (qpdf takes it then). */
static gboolean
mark_tagged_incrementally (const char *path, const char *tmp, const char *language, GError **error)
{
  g_autoptr (GArray) sections = g_array_new (FALSE, FALSE, sizeof (XrefSection));
  g_autofree char *chunk = NULL;
  PdfFile pdf = { -1, 0, sections };
  struct stat st = { 0 };
  FILE *out;
  gboolean ok = TRUE, understood;

  pdf.fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (pdf.fd < 0)
    return FALSE;
  if (fstat (pdf.fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size == 0)
    {
      close (pdf.fd);
      return FALSE;
    }
  pdf.len = st.st_size;
  out = g_fopen (tmp, "wb");
  if (out == NULL)
    {
      int saved = errno;
      close (pdf.fd);
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  /* The file as it is, copied in pieces (it is not held in memory), then the update. */
  chunk = g_malloc (COPY_CHUNK);
  for (gint64 at = 0; ok && at < pdf.len;)
    {
      gssize got = pread (pdf.fd, chunk, MIN (COPY_CHUNK, pdf.len - at), at);

      if (got < 0 && errno == EINTR)
        continue;
      ok = got > 0 && fwrite (chunk, 1, got, out) == (gsize) got;
      at += MAX (got, 0);
    }
  g_clear_pointer (&chunk, g_free);
  understood = !ok || build_update (&pdf, language, out);
  close (pdf.fd);
  if (!understood)
    {
      fclose (out);
      return FALSE;
    }
  ok = ok && !ferror (out);
  ok = (fflush (out) == 0) && ok && fsync (fileno (out)) == 0;
  ok = (fclose (out) == 0) && ok;
  if (!ok)
    {
      int saved = errno;
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   g_strerror (saved != 0 ? saved : EIO));
    }
  return ok;
}

/* Writes @path rewritten by qpdf to @tmp. */
static gboolean
mark_tagged_with_qpdf (const char *path, const char *tmp, const char *language, GError **error)
{
  qpdf_data qpdf = qpdf_init ();
  g_autofree char *lang = pdf_hex_string (language);
  gboolean ok = FALSE;
  qpdf_oh root;

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
  if ((qpdf_init_write (qpdf, tmp) & QPDF_ERRORS) != 0 || take_qpdf_error (qpdf, path, error))
    {
      take_qpdf_error (qpdf, path, error);
      goto out;
    }
  /* Objects and streams as cairo wrote them; the same meeting gives the same file. */
  qpdf_set_object_stream_mode (qpdf, qpdf_o_preserve);
  qpdf_set_stream_data_mode (qpdf, qpdf_s_preserve);
  qpdf_set_deterministic_ID (qpdf, QPDF_TRUE);
  if ((qpdf_write (qpdf) & QPDF_ERRORS) != 0 || take_qpdf_error (qpdf, path, error))
    {
      take_qpdf_error (qpdf, path, error);
      goto out;
    }
  ok = TRUE;
out:
  qpdf_cleanup (&qpdf);
  return ok;
}

gboolean
ref_pdf_mark_tagged (const char *path, const char *language, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, ".referent-tagging-XXXXXX", NULL);
  GError *local_error = NULL;
  gboolean written;
  GStatBuf st;
  int fd = g_mkstemp (tmp);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  written = mark_tagged_incrementally (path, tmp, language, &local_error);
  /* A file the update does not read: qpdf rewrites it whole. */
  if (!written && local_error == NULL)
    written = mark_tagged_with_qpdf (path, tmp, language, &local_error);
  if (!written)
    {
      g_unlink (tmp);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  /* Keep the permissions the export gave the file (a temporary file has 0600). */
  if (g_stat (path, &st) == 0)
    g_chmod (tmp, st.st_mode & 0777);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_IO, _("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}
