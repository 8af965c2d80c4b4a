/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The last step of an accessible PDF, which cairo 1.16 cannot take itself.
 *
 * cairo writes the structure tree (headings, paragraphs, lists, tables, links: the
 * tags of cairo_tag_begin ()) and the marked content that refers to it, but not the
 * catalogue entries that make the file a Tagged PDF to readers and checkers: without
 * /MarkInfo << /Marked true >> the structure is ignored ("Tagged: no"), and there is
 * no way to give the document's language or to show its title instead of its file
 * name. This adds to the catalogue (as an incremental update appended to the file,
 * or, for a file that update does not read, by rewriting it with qpdf):
 * /MarkInfo << /Marked true >>, /Lang (@language) and /ViewerPreferences
 * << /DisplayDocTitle true >>, and puts cairo's top-level elements under one
 * Document element, the single root a tagged PDF's structure must have. Everything
 * else is kept as cairo wrote it.
 *
 * The file at @path is replaced atomically (a temporary file in the same folder,
 * renamed over it); on failure it is left as it was.
 */
gboolean ref_pdf_mark_tagged (const char *path, const char *language, GError **error);

G_END_DECLS
