/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "ref-file-util.h"
#include "ref-xml.h"
#include "ref-xml-private.h"

/* Deeper nesting than any real document needs; stops stack exhaustion on hostile
 * input (libxml2 itself allows 256 levels). */
#define MAX_INLINE_DEPTH 32

typedef struct {
  char *id;
  int line;
  GListStore *store;     /* or the store to append it to */
  GObject *object;       /* or the object whose "participant" property it is */
} PendingRef;

typedef struct {
  const char *display_name;
  GHashTable *ids;          /* id → RefParticipant (owned by the meeting) */
  GHashTable *item_numbers; /* number → TRUE */
  GArray *pending;          /* PendingRef */
  gboolean validate;        /* REF_XML_LOAD_VALIDATE */
  GError *error;
} Reader;

G_GNUC_PRINTF (4, 5)
static void
reader_fail (Reader *r, int line, RefXmlError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (r->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    /* TRANSLATORS: "FILE, line N: problem" */
    g_set_error (&r->error, REF_XML_ERROR, code, _("%s, line %d: %s"), r->display_name, line, message);
  else
    g_set_error (&r->error, REF_XML_ERROR, code, _("%s: %s"), r->display_name, message);
}

static int
node_line (xmlNode *node)
{
  return node ? (int) xmlGetLineNo (node) : 0;
}

gboolean
ref_xml_is_element (xmlNode *node, const char *ns, const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, ns) == 0
         && (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

char *
ref_xml_node_to_string (xmlNode *node)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  char *text;

  xmlNodeDump (buffer, node->doc, node, 0, 0);
  text = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return text;
}

static gboolean
is_ours (xmlNode *node, const char *name)
{
  return ref_xml_is_element (node, REF_XML_NAMESPACE, name);
}

static gboolean
is_blank_text (xmlNode *node)
{
  if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
    return TRUE;
  if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE)
    return FALSE;
  for (const xmlChar *p = node->content; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Whitespace-only text with a line break between inline elements is layout that a
 * re-indenting tool added (`xmllint --format` indents an element whose children are
 * all elements, such as <p><b>…</b><i>…</i></p>), not content: the writer never puts
 * a line break in inline text (a line break is <br/>). Ignoring it keeps the meeting,
 * and so every approval, the same after re-indenting. */
static gboolean
is_layout_whitespace (xmlNode *node)
{
  gboolean newline = FALSE;

  if (node->type != XML_TEXT_NODE)
    return FALSE;
  for (const xmlChar *p = node->content; p && *p; p++)
    {
      if (*p == '\n')
        newline = TRUE;
      else if (*p != ' ' && *p != '\t' && *p != '\r')
        return FALSE;
    }
  return newline;
}

/* ---- children in fixed order ---- */

typedef struct {
  Reader *r;
  xmlNode *parent;
  xmlNode *next;
} Cursor;

static xmlNode *
skip_blank (xmlNode *node)
{
  while (node != NULL && is_blank_text (node))
    node = node->next;
  return node;
}

static Cursor
cursor_new (Reader *r, xmlNode *parent)
{
  return (Cursor){ r, parent, skip_blank (parent->children) };
}

/* The next child if it is <name>, else NULL (optional element absent). */
static xmlNode *
cursor_take (Cursor *c, const char *name)
{
  xmlNode *node = c->next;

  if (node == NULL || !is_ours (node, name))
    return NULL;
  c->next = skip_blank (node->next);
  return node;
}

static xmlNode *
cursor_require (Cursor *c, const char *name)
{
  xmlNode *node = cursor_take (c, name);

  if (node == NULL)
    reader_fail (c->r, node_line (c->parent), REF_XML_ERROR_MISSING_ELEMENT,
                 _("<%s> lacks the required element <%s>"), (const char *) c->parent->name, name);
  return node;
}

static void
unexpected (Reader *r, xmlNode *node, xmlNode *parent)
{
  if (node->type == XML_ELEMENT_NODE)
    reader_fail (r, node_line (node), REF_XML_ERROR_UNEXPECTED_ELEMENT,
                 _("unexpected element <%s> in <%s>"), (const char *) node->name,
                 (const char *) parent->name);
  else
    reader_fail (r, node_line (node), REF_XML_ERROR_UNEXPECTED_ELEMENT,
                 _("unexpected text in <%s>"), (const char *) parent->name);
}

static void
cursor_end (Cursor *c)
{
  if (c->next != NULL)
    unexpected (c->r, c->next, c->parent);
}

/* ---- values ---- */

static char *
get_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
require_attr (Reader *r, xmlNode *node, const char *name)
{
  char *value = get_attr (node, name);

  if (value == NULL)
    reader_fail (r, node_line (node), REF_XML_ERROR_MISSING_ELEMENT,
                 _("<%s> lacks the required attribute “%s”"), (const char *) node->name, name);
  return value;
}

gboolean
ref_xml_link_is_valid (const char *href)
{
  static gsize ready;

  if (href == NULL)
    return FALSE;
  if (g_once_init_enter (&ready))
    {
      xmlSchemaInitTypes ();
      g_once_init_leave (&ready, 1);
    }
  /* RelaxNG checks <data type="anyURI"/> with this very call (xmlRelaxNGSchemaTypeCheck):
   * whitespace collapsed, characters URIs cannot hold replaced, then xmlParseURI. */
  return xmlSchemaValidatePredefinedType (xmlSchemaGetBuiltInType (XML_SCHEMAS_ANYURI), (const xmlChar *) href,
                                          NULL) == 0;
}

gboolean
ref_xml_link_is_safe (const char *href)
{
  static const char *const schemes[] = { "http:", "https:", "mailto:" };
  gboolean known = FALSE;

  if (href == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (schemes) && !known; i++)
    known = g_ascii_strncasecmp (href, schemes[i], strlen (schemes[i])) == 0;
  if (!known)
    return FALSE;
  /* Control characters would be collapsed or replaced by the anyURI check, but they
   * have no place in an address a reader follows. */
  for (const char *p = href; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7F)
      return FALSE;
  return ref_xml_link_is_valid (href);
}

/* A link's address (the required "href" of <a>), which must be one the schema takes. */
static char *
require_link (Reader *r, xmlNode *node)
{
  char *href = require_attr (r, node, "href");

  if (href != NULL && !ref_xml_link_is_valid (href))
    {
      reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE, _("“%s” is not a valid link address"), href);
      g_clear_pointer (&href, g_free);
    }
  return href;
}

/* Element text content; only text allowed inside. */
static char *
element_text (Reader *r, xmlNode *node)
{
  GString *out = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) child->content);
      else if (child->type != XML_COMMENT_NODE && child->type != XML_PI_NODE)
        unexpected (r, child, node);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_boolean_attr (Reader *r, xmlNode *node, const char *name, gboolean fallback)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL)
    return fallback;
  if (g_str_equal (value, "true"))
    return TRUE;
  if (g_str_equal (value, "false"))
    return FALSE;
  reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
               _("“%s” is not a valid value for the attribute “%s” (expected true or false)"), value, name);
  return fallback;
}

static int
parse_enum_attr (Reader *r, xmlNode *node, const char *name, GType type, int fallback, gboolean required)
{
  g_autofree char *value = required ? require_attr (r, node, name) : get_attr (node, name);
  int result;

  if (value == NULL)
    return fallback;
  g_strstrip (value);
  if (!ref_enum_from_nick (type, value, &result))
    {
      reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE, _("“%s” is not a valid value for the attribute “%s”"),
                   value, name);
      return fallback;
    }
  return result;
}

/* Integer attribute from @min to @max; -1 when absent. */
static gint64
parse_ranged_attr (Reader *r, xmlNode *node, const char *name, gint64 min, gint64 max, gboolean required)
{
  g_autofree char *value = required ? require_attr (r, node, name) : get_attr (node, name);
  guint64 number;

  if (value == NULL)
    return -1;
  if (!g_ascii_string_to_unsigned (value, 10, (guint64) min, (guint64) max, &number, NULL))
    {
      if (max < G_MAXINT32)
        reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                     _("“%s” is not a valid value for the attribute “%s” (expected a whole number from %d to %d)"),
                     value, name, (int) min, (int) max);
      else
        reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                     _("“%s” is not a valid value for the attribute “%s” (expected a whole number of at least %d)"),
                     value, name, (int) min);
      return -1;
    }
  return (gint64) number;
}

/* Non-negative integer attribute; -1 when absent. */
static gint64
parse_number_attr (Reader *r, xmlNode *node, const char *name, gint64 min, gboolean required)
{
  return parse_ranged_attr (r, node, name, min, G_MAXINT32, required);
}

static gboolean
parse_date_parts (const char *s, int *y, int *mo, int *d)
{
  return strlen (s) == 10 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2])
         && g_ascii_isdigit (s[3]) && s[4] == '-' && g_ascii_isdigit (s[5]) && g_ascii_isdigit (s[6])
         && s[7] == '-' && g_ascii_isdigit (s[8]) && g_ascii_isdigit (s[9])
         && sscanf (s, "%4d-%2d-%2d", y, mo, d) == 3 && g_date_valid_dmy (*d, *mo, *y);
}

static gboolean
parse_time_parts (const char *s, int *h, int *mi)
{
  return strlen (s) == 5 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && s[2] == ':'
         && g_ascii_isdigit (s[3]) && g_ascii_isdigit (s[4]) && sscanf (s, "%2d:%2d", h, mi) == 2 && *h < 24
         && *mi < 60;
}

GDateTime *
ref_xml_parse_date_time (const char *value, gboolean date_only)
{
  int y, mo, d, h = 0, mi = 0;
  g_autofree char *date = NULL;

  if (value == NULL)
    return NULL;
  if (date_only)
    {
      if (!parse_date_parts (value, &y, &mo, &d))
        return NULL;
    }
  else
    {
      if (strlen (value) != 16 || value[10] != 'T')
        return NULL;
      date = g_strndup (value, 10);
      if (!parse_date_parts (date, &y, &mo, &d) || !parse_time_parts (value + 11, &h, &mi))
        return NULL;
    }
  /* Wall-clock time: stored in a UTC GDateTime so that no zone rules shift it. */
  return g_date_time_new_utc (y, mo, d, h, mi, 0);
}

static GDateTime *
element_date_time (Reader *r, xmlNode *node, gboolean date_only)
{
  g_autofree char *value = element_text (r, node);
  GDateTime *dt;

  g_strstrip (value);
  dt = ref_xml_parse_date_time (value, date_only);
  if (dt == NULL)
    reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_DATE,
                 date_only ? _("“%s” in <%s> is not a valid date (expected YYYY-MM-DD)")
                           : _("“%s” in <%s> is not a valid date and time (expected YYYY-MM-DDTHH:MM)"),
                 value, (const char *) node->name);
  return dt;
}

static GDateTime *
attr_date_time (Reader *r, xmlNode *node, const char *name, gboolean date_only)
{
  g_autofree char *value = get_attr (node, name);
  GDateTime *dt;

  if (value == NULL)
    return NULL;
  dt = ref_xml_parse_date_time (value, date_only);
  if (dt == NULL)
    reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_DATE,
                 date_only ? _("“%s” in the attribute “%s” is not a valid date (expected YYYY-MM-DD)")
                           : _("“%s” in the attribute “%s” is not a valid date and time (expected YYYY-MM-DDTHH:MM)"),
                 value, name);
  return dt;
}

static int
attr_time (Reader *r, xmlNode *node, const char *name)
{
  g_autofree char *value = get_attr (node, name);
  int h, mi;

  if (value == NULL)
    return -1;
  if (!parse_time_parts (value, &h, &mi))
    {
      reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_DATE,
                   _("“%s” in the attribute “%s” is not a valid time of day (expected HH:MM)"), value, name);
      return -1;
    }
  return h * 60 + mi;
}

/* Optional string child: sets it through the object's property of the same name. */
static void
take_string (Cursor *c, const char *element, gpointer object, const char *property)
{
  xmlNode *node = cursor_take (c, element);

  if (node != NULL)
    {
      g_autofree char *value = element_text (c->r, node);
      g_object_set (object, property, value, NULL);
    }
}

/* ---- structured text ---- */

static void read_inline (Reader *r, xmlNode *parent, RefTextInline *inl, RefStyle style, const char *href,
                         guint depth);

static void
read_inline (Reader *r, xmlNode *parent, RefTextInline *inl, RefStyle style, const char *href, guint depth)
{
  if (depth > MAX_INLINE_DEPTH)
    {
      reader_fail (r, node_line (parent), REF_XML_ERROR_TOO_LARGE, _("inline formatting is nested too deeply"));
      return;
    }
  for (xmlNode *child = parent->children; child != NULL && r->error == NULL; child = child->next)
    {
      if (is_layout_whitespace (child))
        continue;
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        ref_text_inline_append (inl, (const char *) child->content, style, href);
      else if (child->type == XML_COMMENT_NODE || child->type == XML_PI_NODE)
        continue;
      else if (is_ours (child, "b"))
        read_inline (r, child, inl, style | REF_STYLE_BOLD, href, depth + 1);
      else if (is_ours (child, "i"))
        read_inline (r, child, inl, style | REF_STYLE_ITALIC, href, depth + 1);
      else if (is_ours (child, "u"))
        read_inline (r, child, inl, style | REF_STYLE_UNDERLINE, href, depth + 1);
      else if (is_ours (child, "br"))
        ref_text_inline_append (inl, "\n", style, href);
      else if (is_ours (child, "a") && href == NULL)
        {
          g_autofree char *target = require_link (r, child);
          if (target == NULL)
            return;
          read_inline (r, child, inl, style, target, depth + 1);
        }
      else
        unexpected (r, child, parent);
    }
}

/* Whether @node holds nothing but blanks and comments. */
static gboolean
is_empty_element (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (!is_blank_text (child))
      return FALSE;
  return TRUE;
}

/* Whether a table has no cell in any row (and nothing else but blanks). */
static gboolean
is_empty_table (xmlNode *node)
{
  for (xmlNode *row = node->children; row != NULL; row = row->next)
    if (!is_blank_text (row) && !(is_ours (row, "row") && is_empty_element (row)))
      return FALSE;
  return TRUE;
}

static void
read_list_items (Reader *r, xmlNode *node, RefTextBlock *block)
{
  for (xmlNode *child = node->children; child != NULL && r->error == NULL; child = child->next)
    {
      if (is_blank_text (child))
        continue;
      if (!is_ours (child, "li"))
        {
          unexpected (r, child, node);
          return;
        }
      read_inline (r, child, ref_text_block_append_item (block), REF_STYLE_NONE, NULL, 0);
    }
}

static void
read_table (Reader *r, xmlNode *node, RefTextBlock *block)
{
  for (xmlNode *row = node->children; row != NULL && r->error == NULL; row = row->next)
    {
      RefTextRow *trow;

      if (is_blank_text (row))
        continue;
      if (!is_ours (row, "row"))
        {
          unexpected (r, row, node);
          return;
        }
      if (is_empty_element (row))
        continue;
      trow = ref_text_block_append_row (block, parse_boolean_attr (r, row, "header", FALSE));
      for (xmlNode *cell = row->children; cell != NULL && r->error == NULL; cell = cell->next)
        {
          if (is_blank_text (cell))
            continue;
          if (!is_ours (cell, "cell"))
            {
              unexpected (r, cell, row);
              return;
            }
          read_inline (r, cell, ref_text_row_append_cell (trow), REF_STYLE_NONE, NULL, 0);
        }
    }
}

static RefText *
read_text (Reader *r, xmlNode *node)
{
  RefText *text = ref_text_new ();

  for (xmlNode *child = node->children; child != NULL && r->error == NULL; child = child->next)
    {
      if (is_blank_text (child))
        continue;
      /* A list or a table with nothing in it is left out: the schema has no place for
       * one, and files saved by an earlier Referent may hold one (the case-system
       * import could leave an empty list). Lenient here, so that they open. */
      if ((is_ours (child, "ul") || is_ours (child, "ol")) && is_empty_element (child))
        continue;
      if (is_ours (child, "table") && is_empty_table (child))
        continue;
      if (is_ours (child, "p"))
        read_inline (r, child, ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)),
                     REF_STYLE_NONE, NULL, 0);
      else if (is_ours (child, "ul"))
        read_list_items (r, child, ref_text_append_block (text, REF_BLOCK_BULLET_LIST));
      else if (is_ours (child, "ol"))
        {
          RefTextBlock *block = ref_text_append_block (text, REF_BLOCK_NUMBERED_LIST);
          gint64 start = parse_number_attr (r, child, "start", 1, FALSE);
          ref_text_block_set_start (block, start > 0 ? (guint) start : 1);
          read_list_items (r, child, block);
        }
      else if (is_ours (child, "table"))
        read_table (r, child, ref_text_append_block (text, REF_BLOCK_TABLE));
      else
        unexpected (r, child, node);
    }
  return text;
}

/* Reads a <text> child into @object's RefText-typed @property. */
static void
read_text_child (Cursor *c, gpointer object, const char *property, gboolean required)
{
  xmlNode *node = required ? cursor_require (c, "text") : cursor_take (c, "text");

  if (node != NULL)
    {
      g_autoptr (RefText) text = read_text (c->r, node);
      g_object_set (object, property, text, NULL);
    }
}

/* ---- references ---- */

static void
defer_ref (Reader *r, xmlNode *node, const char *id, GObject *object, GListStore *store)
{
  PendingRef pending = { 0 };

  pending.id = g_strdup (id);
  pending.line = node_line (node);
  pending.object = object ? g_object_ref (object) : NULL;
  pending.store = store ? g_object_ref (store) : NULL;
  g_array_append_val (r->pending, pending);
}

static void
pending_ref_clear (gpointer data)
{
  PendingRef *p = data;

  g_free (p->id);
  g_clear_object (&p->object);
  g_clear_object (&p->store);
}

/* References may point forwards (substitute-for), so they are resolved at the end. */
static void
resolve_refs (Reader *r)
{
  for (guint i = 0; i < r->pending->len && r->error == NULL; i++)
    {
      PendingRef *p = &g_array_index (r->pending, PendingRef, i);
      RefParticipant *participant = g_hash_table_lookup (r->ids, p->id);

      if (participant == NULL)
        {
          reader_fail (r, p->line, REF_XML_ERROR_UNKNOWN_REFERENCE, _("“%s” names no participant"), p->id);
          return;
        }
      if (p->store != NULL)
        g_list_store_append (p->store, participant); /* pending refs are in document order */
      else if (REF_IS_PARTICIPANT (p->object))
        {
          /* A substitute stands in for a member: not for themself, and not for another
           * substitute (checked below), so substitute-for never forms a cycle. */
          if ((gpointer) participant == (gpointer) p->object)
            {
              reader_fail (r, p->line, REF_XML_ERROR_INVALID_VALUE, _("participant “%s” is a substitute for themself"),
                           p->id);
              return;
            }
          ref_participant_set_substitute_for (REF_PARTICIPANT (p->object), participant);
        }
      else
        g_object_set (p->object, "participant", participant, NULL);
    }
  for (guint i = 0; i < r->pending->len && r->error == NULL; i++)
    {
      PendingRef *p = &g_array_index (r->pending, PendingRef, i);
      RefParticipant *target;

      if (p->store != NULL || !REF_IS_PARTICIPANT (p->object))
        continue;
      target = ref_participant_get_substitute_for (REF_PARTICIPANT (p->object));
      if (target != NULL && ref_participant_get_substitute_for (target) != NULL)
        reader_fail (r, p->line, REF_XML_ERROR_INVALID_VALUE,
                     _("“%s” is named as the one substituted for, but is a substitute too"), p->id);
    }
  /* Two substitutes naming each other hold references to each other: undo the links
   * so that the refused meeting is freed. */
  for (guint i = 0; i < r->pending->len && r->error != NULL; i++)
    {
      PendingRef *p = &g_array_index (r->pending, PendingRef, i);

      if (p->store == NULL && REF_IS_PARTICIPANT (p->object))
        ref_participant_set_substitute_for (REF_PARTICIPANT (p->object), NULL);
    }
}

/* ---- meeting parts ---- */

static void
read_meeting_header (Reader *r, xmlNode *node, RefMeeting *meeting)
{
  Cursor c = cursor_new (r, node);
  xmlNode *child;

  ref_meeting_set_kind (meeting, parse_enum_attr (r, node, "kind", REF_TYPE_MEETING_KIND,
                                                  REF_MEETING_KIND_MINUTES, TRUE));
  ref_meeting_set_edition (meeting, parse_enum_attr (r, node, "edition", REF_TYPE_EDITION,
                                                     REF_EDITION_PUBLIC, TRUE));
  ref_meeting_set_locked (meeting, parse_boolean_attr (r, node, "locked", FALSE));
  {
    g_autofree char *language = get_attr (node, "language");

    if (language != NULL && !ref_meeting_language_is_valid (language))
      reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                   _("“%s” is not a valid value for the attribute “%s” (expected a language code such as da or en)"),
                   language, "language");
    else
      ref_meeting_set_language (meeting, language);
  }
  take_string (&c, "organisation", meeting, "organisation");
  if ((child = cursor_require (&c, "committee")))
    {
      g_autofree char *value = element_text (r, child);
      ref_meeting_set_committee (meeting, value);
    }
  if (r->error == NULL && (child = cursor_require (&c, "start")))
    {
      g_autoptr (GDateTime) dt = element_date_time (r, child, FALSE);
      ref_meeting_set_start (meeting, dt);
    }
  if (r->error == NULL && (child = cursor_take (&c, "end")))
    {
      g_autoptr (GDateTime) dt = element_date_time (r, child, FALSE);
      ref_meeting_set_end (meeting, dt);
    }
  take_string (&c, "location", meeting, "location");
  if ((child = cursor_take (&c, "remarks")))
    {
      Cursor rc = cursor_new (r, child);
      read_text_child (&rc, meeting, "remarks", TRUE);
      cursor_end (&rc);
    }
  cursor_end (&c);
}

static void
read_attended_items (Reader *r, xmlNode *node, RefParticipant *participant)
{
  g_autofree char *value = element_text (r, node);
  g_auto (GStrv) tokens = g_strsplit_set (value, " \t\r\n", -1);
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      guint64 n;
      guint number;

      if (*tokens[i] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (tokens[i], 10, 1, G_MAXINT32, &n, NULL))
        {
          reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                       _("“%s” in <attended-items> is not an item number"), tokens[i]);
          return;
        }
      number = (guint) n;
      g_array_append_val (numbers, number);
    }
  ref_participant_set_attended_items (participant, numbers);
}

static void
read_movement (Reader *r, xmlNode *node, RefParticipant *participant)
{
  g_autoptr (RefMovement) movement = ref_movement_new ();
  gint64 item = parse_number_attr (r, node, "item", 1, FALSE);
  int time = attr_time (r, node, "time");

  ref_movement_set_kind (movement, parse_enum_attr (r, node, "kind", REF_TYPE_MOVEMENT_KIND,
                                                    REF_MOVEMENT_KIND_LEFT, TRUE));
  ref_movement_set_item (movement, item > 0 ? (guint) item : 0);
  ref_movement_set_during (movement, parse_boolean_attr (r, node, "during", FALSE));
  ref_movement_set_time (movement, time);
  if (r->error == NULL && item < 0 && time < 0)
    reader_fail (r, node_line (node), REF_XML_ERROR_MISSING_ELEMENT,
                 _("<movement> needs an item or a time"));
  g_list_store_append (G_LIST_STORE (ref_participant_get_movements (participant)), movement);
}

static void
read_participant (Reader *r, xmlNode *node, RefMeeting *meeting)
{
  g_autoptr (RefParticipant) participant = ref_participant_new ();
  g_autofree char *id = require_attr (r, node, "id");
  Cursor c;
  xmlNode *child;

  if (id == NULL)
    return;
  if (g_hash_table_contains (r->ids, id))
    {
      reader_fail (r, node_line (node), REF_XML_ERROR_DUPLICATE_ID, _("two participants have the id “%s”"), id);
      return;
    }
  ref_participant_set_participant_type (participant, parse_enum_attr (r, node, "type", REF_TYPE_PARTICIPANT_TYPE,
                                                                      REF_PARTICIPANT_TYPE_MEMBER, TRUE));
  ref_participant_set_attendance (participant, parse_enum_attr (r, node, "attendance", REF_TYPE_ATTENDANCE,
                                                                REF_ATTENDANCE_UNKNOWN, TRUE));
  ref_participant_set_notice (participant,
                              parse_enum_attr (r, node, "notice", REF_TYPE_NOTICE, REF_NOTICE_WITH, FALSE));

  c = cursor_new (r, node);
  if ((child = cursor_require (&c, "name")))
    {
      g_autofree char *name = element_text (r, child);
      ref_participant_set_name (participant, name);
    }
  take_string (&c, "party", participant, "party");
  take_string (&c, "role", participant, "role");
  if ((child = cursor_take (&c, "substitute-for")))
    {
      g_autofree char *ref = require_attr (r, child, "ref");
      ref_participant_set_substitute_approved (participant, parse_boolean_attr (r, child, "approved", FALSE));
      if (ref != NULL)
        defer_ref (r, child, ref, G_OBJECT (participant), NULL);
    }
  if ((child = cursor_take (&c, "attended-items")))
    read_attended_items (r, child, participant);
  while (r->error == NULL && (child = cursor_take (&c, "movement")))
    read_movement (r, child, participant);
  take_string (&c, "note", participant, "note");
  if ((child = cursor_take (&c, "certificate")))
    {
      g_autofree char *value = require_attr (r, child, "sha256");
      g_autofree char *fingerprint = value ? ref_participant_normalize_fingerprint (value) : NULL;

      if (value != NULL && (fingerprint == NULL || *fingerprint == '\0'))
        reader_fail (r, node_line (child), REF_XML_ERROR_INVALID_VALUE,
                     _("“%s” is not a SHA-256 certificate fingerprint"), value);
      else if (fingerprint != NULL)
        ref_participant_set_certificate (participant, fingerprint);
    }
  cursor_end (&c);

  g_hash_table_insert (r->ids, g_strdup (id), participant);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_participants (meeting)), participant);
}

static void
read_section (Reader *r, xmlNode *node, RefAgendaItem *item)
{
  g_autoptr (RefSection) section = ref_section_new ();
  g_autofree char *heading = get_attr (node, "heading");
  /* A section under its item (1) or a sub-section (2), as the schema says. */
  gint64 level = parse_ranged_attr (r, node, "level", 1, 2, FALSE);
  Cursor c = cursor_new (r, node);
  xmlNode *text;

  ref_section_set_kind (section, parse_enum_attr (r, node, "kind", REF_TYPE_SECTION_KIND, REF_SECTION_KIND_FREE,
                                                  TRUE));
  ref_section_set_heading (section, heading);
  ref_section_set_level (section, level > 0 ? (guint) level : 1);
  if ((text = cursor_require (&c, "text")))
    {
      g_autoptr (RefText) body = read_text (r, text);
      ref_section_set_text (section, body);
    }
  cursor_end (&c);
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_sections (item)), section);
}

static void
read_statement (Reader *r, xmlNode *node, RefDecision *decision)
{
  g_autoptr (RefStatement) statement = ref_statement_new ();
  g_autofree char *ref = get_attr (node, "ref");
  g_autofree char *by = get_attr (node, "by");
  Cursor c = cursor_new (r, node);

  ref_statement_set_kind (statement, parse_enum_attr (r, node, "kind", REF_TYPE_STATEMENT_KIND,
                                                      REF_STATEMENT_KIND_OTHER, TRUE));
  ref_statement_set_by (statement, by);
  if (ref != NULL)
    defer_ref (r, node, ref, G_OBJECT (statement), NULL);
  read_text_child (&c, statement, "text", TRUE);
  cursor_end (&c);
  g_list_store_append (G_LIST_STORE (ref_decision_get_statements (decision)), statement);
}

static void
read_vote (Reader *r, xmlNode *node, RefDecision *decision)
{
  gint64 n_for = parse_number_attr (r, node, "for", 0, FALSE);
  gint64 n_against = parse_number_attr (r, node, "against", 0, FALSE);
  gint64 n_abstain = parse_number_attr (r, node, "abstain", 0, FALSE);
  g_autoptr (RefVote) vote = ref_vote_new ((int) n_for, (int) n_against, (int) n_abstain);
  Cursor c = cursor_new (r, node);
  xmlNode *child;

  while (r->error == NULL && (child = cursor_take (&c, "voter")))
    {
      g_autofree char *name = element_text (r, child);
      RefVoteChoice choice = parse_enum_attr (r, child, "choice", REF_TYPE_VOTE_CHOICE, REF_VOTE_CHOICE_FOR, TRUE);
      ref_vote_add_voter (vote, choice, name);
    }
  if ((child = cursor_take (&c, "outcome")))
    {
      g_autofree char *outcome = element_text (r, child);
      ref_vote_set_outcome (vote, outcome);
    }
  cursor_end (&c);
  ref_decision_set_vote (decision, vote);
}

/* decision/@outcome: one of the six outcomes; absent in files written before the
 * model recorded it (then NONE, and readers go by the wording). "none" is not a
 * value of the format: a decision without an outcome has no attribute. */
static RefDecisionOutcome
read_outcome_attr (Reader *r, xmlNode *node)
{
  g_autofree char *value = get_attr (node, "outcome");
  RefDecisionOutcome outcome = parse_enum_attr (r, node, "outcome", REF_TYPE_DECISION_OUTCOME,
                                                REF_DECISION_OUTCOME_NONE, FALSE);

  if (value != NULL && r->error == NULL && outcome == REF_DECISION_OUTCOME_NONE)
    reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                 _("“%s” is not a valid value for the attribute “%s”"), value, "outcome");
  return outcome;
}

static void
read_decision (Reader *r, xmlNode *node, GListStore *store)
{
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autofree char *body = get_attr (node, "body");
  g_autofree char *reference = get_attr (node, "reference");
  g_autoptr (GDateTime) date = attr_date_time (r, node, "date", TRUE);
  Cursor c = cursor_new (r, node);
  xmlNode *child;

  ref_decision_set_deciding_body (decision, body);
  ref_decision_set_reference (decision, reference);
  ref_decision_set_date (decision, date);
  ref_decision_set_outcome (decision, read_outcome_attr (r, node));
  read_text_child (&c, decision, "text", FALSE);
  if ((child = cursor_take (&c, "vote")))
    read_vote (r, child, decision);
  while (r->error == NULL && (child = cursor_take (&c, "statement")))
    read_statement (r, child, decision);
  take_string (&c, "remark", decision, "remark");
  cursor_end (&c);
  g_list_store_append (store, decision);
}

/* Reads a container element whose children are all <child>, calling @read_one. */
static void
read_repeated (Reader *r, xmlNode *container, const char *child_name,
               void (*read_one) (Reader *, xmlNode *, gpointer), gpointer data)
{
  Cursor c = cursor_new (r, container);
  xmlNode *child;

  while (r->error == NULL && (child = cursor_take (&c, child_name)))
    read_one (r, child, data);
  cursor_end (&c);
}

static void
read_decision_cb (Reader *r, xmlNode *node, gpointer store)
{
  read_decision (r, node, store);
}

static void
read_section_cb (Reader *r, xmlNode *node, gpointer item)
{
  read_section (r, node, item);
}

static void
read_body_cb (Reader *r, xmlNode *node, gpointer builder)
{
  g_autofree char *body = element_text (r, node);
  g_strv_builder_add (builder, body);
}

static void
read_disqualified_cb (Reader *r, xmlNode *node, gpointer item)
{
  g_autoptr (RefDisqualification) d = ref_disqualification_new ();
  g_autofree char *ref = require_attr (r, node, "ref");
  Cursor c = cursor_new (r, node);

  ref_disqualification_set_left (d, parse_boolean_attr (r, node, "left", TRUE));
  take_string (&c, "reason", d, "reason");
  cursor_end (&c);
  if (ref != NULL)
    defer_ref (r, node, ref, G_OBJECT (d), NULL);
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), d);
}

static void
read_absent_cb (Reader *r, xmlNode *node, gpointer item)
{
  g_autofree char *ref = require_attr (r, node, "ref");
  Cursor c = cursor_new (r, node);

  cursor_end (&c);
  if (ref != NULL)
    defer_ref (r, node, ref, NULL, G_LIST_STORE (ref_agenda_item_get_absence_override (item)));
}

static void
read_attachment_cb (Reader *r, xmlNode *node, gpointer item)
{
  g_autoptr (RefAttachment) attachment = ref_attachment_new ();
  g_autofree char *file = get_attr (node, "file");
  g_autofree char *title = element_text (r, node);

  ref_attachment_set_filename (attachment, file);
  ref_attachment_set_recommended (attachment, parse_boolean_attr (r, node, "recommended", FALSE));
  ref_attachment_set_title (attachment, title);
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_attachments (item)), attachment);
}

static void
read_comment_cb (Reader *r, xmlNode *node, gpointer item)
{
  g_autoptr (RefComment) comment = ref_comment_new ();
  g_autofree char *author = get_attr (node, "author");
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *text = element_text (r, node);
  gint64 section = parse_number_attr (r, node, "section", 1, FALSE);
  gint64 decision = parse_number_attr (r, node, "decision", 1, FALSE);

  if (xmlHasProp (node, (const xmlChar *) "time"))
    time = attr_date_time (r, node, "time", FALSE);
  ref_comment_set_author (comment, author ? author : "");
  ref_comment_set_time (comment, time);
  ref_comment_set_text (comment, text);
  ref_comment_set_resolved (comment, parse_boolean_attr (r, node, "resolved", FALSE));
  if (section > 0)
    {
      GListModel *sections = ref_agenda_item_get_sections (item);
      g_autoptr (RefSection) target = NULL;

      if ((guint64) section > g_list_model_get_n_items (sections))
        {
          reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "<comment> refers to section %d, but the item has only %u section",
                                    "<comment> refers to section %d, but the item has only %u sections",
                                    g_list_model_get_n_items (sections)),
                       (int) section, g_list_model_get_n_items (sections));
          return;
        }
      target = g_list_model_get_item (sections, (guint) section - 1);
      ref_comment_set_section (comment, target);
    }
  else if (decision > 0)
    {
      GListModel *decisions = ref_agenda_item_get_decisions (item);
      g_autoptr (RefDecision) target = NULL;

      if ((guint64) decision > g_list_model_get_n_items (decisions))
        {
          reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "<comment> refers to decision %d, but the item has only %u decision",
                                    "<comment> refers to decision %d, but the item has only %u decisions",
                                    g_list_model_get_n_items (decisions)),
                       (int) decision, g_list_model_get_n_items (decisions));
          return;
        }
      target = g_list_model_get_item (decisions, (guint) decision - 1);
      ref_comment_set_decision (comment, target);
    }
  else if (parse_boolean_attr (r, node, "recommendation", FALSE))
    {
      if (ref_agenda_item_get_recommendation (item) == NULL)
        {
          reader_fail (r, node_line (node), REF_XML_ERROR_INVALID_VALUE,
                       _("<comment> refers to the recommendation, but the item has none"));
          return;
        }
      ref_comment_set_recommendation (comment, TRUE);
    }
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), comment);
}

static void
read_item (Reader *r, xmlNode *node, RefMeeting *meeting)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  gint64 number = parse_number_attr (r, node, "number", 1, TRUE);
  Cursor c;
  xmlNode *child;

  if (r->error != NULL)
    return;
  if (g_hash_table_contains (r->item_numbers, GINT_TO_POINTER (number)))
    {
      reader_fail (r, node_line (node), REF_XML_ERROR_DUPLICATE_ITEM_NUMBER,
                   _("two agenda items have the number %d"), (int) number);
      return;
    }
  g_hash_table_add (r->item_numbers, GINT_TO_POINTER (number));
  ref_agenda_item_set_number (item, (guint) number);
  ref_agenda_item_set_closed (item, parse_boolean_attr (r, node, "closed", FALSE));
  ref_agenda_item_set_kind (item, parse_enum_attr (r, node, "kind", REF_TYPE_ITEM_KIND, REF_ITEM_KIND_REGULAR, FALSE));
  ref_agenda_item_set_supplementary (item, parse_boolean_attr (r, node, "supplementary", FALSE));
  ref_agenda_item_set_case_type (item, parse_enum_attr (r, node, "case-type", REF_TYPE_CASE_TYPE,
                                                        REF_CASE_TYPE_NONE, FALSE));

  c = cursor_new (r, node);
  if ((child = cursor_require (&c, "title")))
    {
      g_autofree char *title = element_text (r, child);
      ref_agenda_item_set_title (item, title);
    }
  take_string (&c, "public-title", item, "public-title");
  take_string (&c, "case-number", item, "case-number");
  take_string (&c, "case-type-label", item, "case-type-label");
  if ((child = cursor_take (&c, "case-route")))
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) route = NULL;
      read_repeated (r, child, "body", read_body_cb, builder);
      route = g_strv_builder_end (builder);
      ref_agenda_item_set_case_route (item, (const char *const *) route);
    }
  take_string (&c, "decided-by", item, "decided-by");
  if ((child = cursor_take (&c, "sections")))
    read_repeated (r, child, "section", read_section_cb, item);
  if ((child = cursor_take (&c, "prior-decisions")))
    read_repeated (r, child, "decision", read_decision_cb, ref_agenda_item_get_prior_decisions (item));
  if ((child = cursor_take (&c, "recommendation")))
    {
      g_autoptr (RefRecommendation) rec = ref_recommendation_new ();
      g_autofree char *by = get_attr (child, "by");
      Cursor rc = cursor_new (r, child);

      ref_recommendation_set_by (rec, by);
      take_string (&rc, "intro", rec, "intro");
      read_text_child (&rc, rec, "text", TRUE);
      cursor_end (&rc);
      ref_agenda_item_set_recommendation (item, rec);
    }
  if ((child = cursor_take (&c, "decisions")))
    read_repeated (r, child, "decision", read_decision_cb, ref_agenda_item_get_decisions (item));
  if ((child = cursor_take (&c, "disqualifications")))
    read_repeated (r, child, "disqualified", read_disqualified_cb, item);
  if ((child = cursor_take (&c, "absence")))
    {
      ref_agenda_item_set_absence_overridden (item, parse_boolean_attr (r, child, "override", TRUE));
      read_repeated (r, child, "absent", read_absent_cb, item);
    }
  if ((child = cursor_take (&c, "attachments")))
    read_repeated (r, child, "attachment", read_attachment_cb, item);
  if ((child = cursor_take (&c, "comments")))
    read_repeated (r, child, "comment", read_comment_cb, item);
  cursor_end (&c);

  g_list_store_append (G_LIST_STORE (ref_meeting_get_items (meeting)), item);
}

static void
read_participant_cb (Reader *r, xmlNode *node, gpointer meeting)
{
  read_participant (r, node, meeting);
}


static void
read_approval_cb (Reader *r, xmlNode *node, gpointer meeting)
{
  g_autoptr (RefApproval) approval = ref_approval_new ();
  g_autofree char *ref = get_attr (node, "ref");
  /* When the member approved is part of what they signed: required. */
  g_autofree char *when = require_attr (r, node, "time");
  g_autoptr (GDateTime) time = when ? attr_date_time (r, node, "time", FALSE) : NULL;
  g_autoptr (GString) signature = g_string_new (NULL);
  Cursor c = cursor_new (r, node);
  xmlNode *child;

  ref_approval_set_time (approval, time);
  ref_approval_set_voided (approval, parse_boolean_attr (r, node, "void", FALSE));
  take_string (&c, "signer", approval, "signer");
  /* The XML-DSig signature is kept verbatim: re-serialising it differently would not
   * change what it signs, but keeping it exact makes the file diff-friendly. */
  for (child = c.next; child != NULL && r->error == NULL; child = skip_blank (child->next))
    {
      g_autofree char *text = NULL;

      if (!ref_xml_is_element (child, REF_XML_DSIG_NAMESPACE, NULL))
        {
          unexpected (r, child, node);
          break;
        }
      text = ref_xml_node_to_string (child);
      g_string_append (signature, text);
    }
  if (signature->len > 0)
    ref_approval_set_signature (approval, signature->str);
  if (ref != NULL)
    defer_ref (r, node, ref, G_OBJECT (approval), NULL);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval);
}

/* ---- the document, streamed ---- */

/* The file is read with libxml2's streaming reader: the header, the participants and
 * the approvals are expanded as small subtrees, and the items one at a time, each
 * freed before the next is parsed. A whole DOM of a 40 MB meeting took five times the
 * file's size; now the peak is the file and the model. */

typedef struct {
  int line;
  int code;
  char *message;
  /* The first complaint of the schema (REF_XML_LOAD_VALIDATE), kept apart: the file
   * is well-formed but does not match. */
  int invalid_line;
  char *invalid;
} ParseError;

static void
keep_parse_error (void *data, xmlErrorPtr error)
{
  ParseError *first = data;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  if (error->domain == XML_FROM_RELAXNGV)
    {
      if (first->invalid == NULL)
        {
          first->invalid_line = error->line;
          first->invalid = g_strstrip (g_strdup (error->message ? error->message : ""));
        }
      return;
    }
  if (first->message != NULL)
    return;
  first->line = error->line;
  first->code = error->code;
  first->message = g_strstrip (g_strdup (error->message ? error->message : ""));
}

static void
fail_not_well_formed (Reader *r, ParseError *e)
{
  /* libxml2 stops at 256 levels of nesting (no XML_PARSE_HUGE): a resource limit, not
   * damage, and worth saying in the user's language. */
  if (e->code == XML_ERR_INTERNAL_ERROR && e->message != NULL && g_str_has_prefix (e->message, "Excessive depth"))
    reader_fail (r, e->line, REF_XML_ERROR_TOO_LARGE,
                 _("elements are nested more than %d levels deep, more than any minutes need"), 256);
  else
    reader_fail (r, e->line, REF_XML_ERROR_NOT_WELL_FORMED,
                 _("the file is not well-formed XML (%s); it may be truncated or damaged"),
                 e->message ? e->message : "");
}

static gboolean
stream_is_ours (xmlTextReaderPtr reader, const char *name)
{
  return g_strcmp0 ((const char *) xmlTextReaderConstNamespaceUri (reader), REF_XML_NAMESPACE) == 0
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

static gboolean
stream_is_blank (xmlTextReaderPtr reader)
{
  int type = xmlTextReaderNodeType (reader);
  const xmlChar *value;

  if (type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
      || type == XML_READER_TYPE_COMMENT || type == XML_READER_TYPE_PROCESSING_INSTRUCTION)
    return TRUE;
  if (type != XML_READER_TYPE_TEXT && type != XML_READER_TYPE_CDATA)
    return FALSE;
  value = xmlTextReaderConstValue (reader);
  for (const xmlChar *p = value; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The line of the reader's current node (the parser itself may be further on). */
static int
stream_line (xmlTextReaderPtr reader)
{
  xmlNode *node = xmlTextReaderCurrentNode (reader);
  return node ? (int) xmlGetLineNo (node) : xmlTextReaderGetParserLineNumber (reader);
}

/* The current element's subtree, parsed completely; valid until the reader moves on.
 * NULL when the file ends inside it. */
static xmlNode *
stream_expand (xmlTextReaderPtr reader)
{
  return xmlTextReaderExpand (reader);
}

/* <items>: each <item> expanded, read and let go before the next. Returns the
 * reader's last status. */
static int
stream_items (Reader *r, xmlTextReaderPtr reader, RefMeeting *meeting, int line)
{
  int ret = 1;

  if (xmlTextReaderIsEmptyElement (reader))
    return xmlTextReaderRead (reader);
  ret = xmlTextReaderRead (reader);
  while (ret == 1 && r->error == NULL)
    {
      int type = xmlTextReaderNodeType (reader);
      xmlNode *node;

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == 1)
        return xmlTextReaderRead (reader);
      if (stream_is_blank (reader))
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT || !stream_is_ours (reader, "item"))
        {
          if (type == XML_READER_TYPE_ELEMENT)
            reader_fail (r, stream_line (reader), REF_XML_ERROR_UNEXPECTED_ELEMENT,
                         _("unexpected element <%s> in <%s>"), (const char *) xmlTextReaderConstLocalName (reader),
                         "items");
          else
            reader_fail (r, stream_line (reader), REF_XML_ERROR_UNEXPECTED_ELEMENT, _("unexpected text in <%s>"),
                         "items");
          break;
        }
      if ((node = stream_expand (reader)) == NULL)
        return -1;
      read_item (r, node, meeting);
      ret = xmlTextReaderNext (reader);
    }
  (void) line;
  return ret;
}

static RefMeeting *
read_stream (Reader *r, xmlTextReaderPtr reader)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  static const char *const parts[] = { "meeting", "participants", "items", "approvals" };
  g_autofree char *version = NULL;
  guint next_part = 0;
  int root_line;
  int ret;

  /* The root element. */
  while ((ret = xmlTextReaderRead (reader)) == 1 && xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
    ;
  if (ret != 1)
    return NULL;
  root_line = stream_line (reader);
  if (!stream_is_ours (reader, "referat"))
    {
      reader_fail (r, root_line, REF_XML_ERROR_WRONG_ROOT,
                   _("this is not a Referent file (the root element must be <referat> in the namespace %s)"),
                   REF_XML_NAMESPACE);
      return NULL;
    }
  version = (char *) xmlTextReaderGetAttribute (reader, (const xmlChar *) "version");
  if (g_strcmp0 (version, REF_XML_VERSION) != 0)
    {
      if (version == NULL)
        reader_fail (r, root_line, REF_XML_ERROR_UNKNOWN_VERSION, _("the file format version is missing"));
      else
        reader_fail (r, root_line, REF_XML_ERROR_UNKNOWN_VERSION,
                     _("file format version “%s” is not supported (this version of Referent reads %s)"), version,
                     REF_XML_VERSION);
      return NULL;
    }
  if (xmlTextReaderIsEmptyElement (reader))
    {
      reader_fail (r, root_line, REF_XML_ERROR_MISSING_ELEMENT, _("<%s> lacks the required element <%s>"), "referat",
                   "meeting");
      return NULL;
    }

  /* Its children, in the format's order: meeting, participants, items, approvals. */
  ret = xmlTextReaderRead (reader);
  while (ret == 1 && r->error == NULL)
    {
      int type = xmlTextReaderNodeType (reader);
      guint part;
      xmlNode *node;

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == 0)
        break;
      if (stream_is_blank (reader))
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      for (part = next_part; part < G_N_ELEMENTS (parts); part++)
        if (type == XML_READER_TYPE_ELEMENT && stream_is_ours (reader, parts[part]))
          break;
      if (part == G_N_ELEMENTS (parts) || (next_part < 3 && part > next_part))
        {
          /* Out of order, unknown, text, or a required part skipped. */
          if (part < G_N_ELEMENTS (parts))
            reader_fail (r, root_line, REF_XML_ERROR_MISSING_ELEMENT, _("<%s> lacks the required element <%s>"),
                         "referat", parts[next_part]);
          else if (type == XML_READER_TYPE_ELEMENT)
            reader_fail (r, stream_line (reader), REF_XML_ERROR_UNEXPECTED_ELEMENT,
                         _("unexpected element <%s> in <%s>"), (const char *) xmlTextReaderConstLocalName (reader),
                         "referat");
          else
            reader_fail (r, stream_line (reader), REF_XML_ERROR_UNEXPECTED_ELEMENT, _("unexpected text in <%s>"),
                         "referat");
          break;
        }
      next_part = part + 1;
      if (part == 2)
        {
          ret = stream_items (r, reader, meeting, root_line);
          continue;
        }
      if ((node = stream_expand (reader)) == NULL)
        {
          ret = -1;
          break;
        }
      if (part == 0)
        read_meeting_header (r, node, meeting);
      else if (part == 1)
        read_repeated (r, node, "participant", read_participant_cb, meeting);
      else
        read_repeated (r, node, "approval", read_approval_cb, meeting);
      ret = xmlTextReaderNext (reader);
    }
  if (ret < 0 || r->error != NULL)
    return NULL;
  if (next_part < 3)
    {
      reader_fail (r, root_line, REF_XML_ERROR_MISSING_ELEMENT, _("<%s> lacks the required element <%s>"), "referat",
                   parts[next_part]);
      return NULL;
    }
  resolve_refs (r);
  if (r->error != NULL)
    return NULL;

  /* Loading is not an edit. */
  ref_history_attach (ref_meeting_get_history (meeting), meeting);
  ref_history_clear (ref_meeting_get_history (meeting));
  return g_steal_pointer (&meeting);
}

static int
line_at (const char *data, gsize offset)
{
  int line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Referent files are UTF-8 (the format says so); anything else is refused with a
 * message that names the line, rather than a parser error about a "char". */
static gboolean
check_declared_encoding (Reader *r, const char *data, gsize len)
{
  const char *decl_end;

  /* @data is not NUL-terminated (GBytes promise no terminator): compare within @len. */
  if (len >= 5 && memcmp (data, "<?xml", 5) == 0 && (decl_end = memchr (data, '>', MIN (len, 200))) != NULL)
    {
      g_autofree char *decl = g_strndup (data, decl_end - data);
      const char *enc = strstr (decl, "encoding");

      if (enc != NULL)
        {
          const char *q = strpbrk (enc, "\"'");
          if (q != NULL && g_ascii_strncasecmp (q + 1, "UTF-8", 5) != 0)
            {
              reader_fail (r, 1, REF_XML_ERROR_ENCODING,
                           _("the file declares an encoding other than UTF-8, which Referent files always use"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean check_no_doctype (Reader *r, const char *data, gsize len);

/* The checks made before parsing, in the order the bytes come: the declared encoding
 * (line 1), then whichever comes first of a document type declaration and a byte
 * that is not UTF-8, as the parser would meet them. @data is the whole file, or the
 * start of it with @len short of a sequence that may still be completed. */
static gboolean
check_start (Reader *r, const char *data, gsize len)
{
  const char *end = NULL;
  gboolean valid;

  if (!check_declared_encoding (r, data, len))
    return FALSE;
  valid = g_utf8_validate_len (data, len, &end);
  if (!check_no_doctype (r, data, end - data))
    return FALSE;
  if (!valid)
    {
      reader_fail (r, line_at (data, end - data), REF_XML_ERROR_ENCODING,
                   _("the text is not valid UTF-8 (was the file saved in another encoding?)"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_no_doctype (Reader *r, const char *data, gsize len)
{
  const char *p = data;
  const char *limit = data + len;

  while (p < limit)
    {
      const char *lt = memchr (p, '<', limit - p);
      if (lt == NULL || lt + 1 >= limit)
        return TRUE;
      if (lt[1] == '?')
        {
          const char *close = g_strstr_len (lt, limit - lt, "?>");
          p = close ? close + 2 : limit;
        }
      else if (limit - lt >= 4 && memcmp (lt, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (lt, limit - lt, "-->");
          p = close ? close + 3 : limit;
        }
      else if (limit - lt >= 9 && g_ascii_strncasecmp (lt, "<!DOCTYPE", 9) == 0)
        {
          reader_fail (r, line_at (data, lt - data), REF_XML_ERROR_ENTITY,
                       _("the file has a document type declaration, which Referent files never have "
                         "(it could declare entities)"));
          return FALSE;
        }
      else
        return TRUE; /* the root element starts */
    }
  return TRUE;
}

#define READ_OPTIONS \
  (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Reads the meeting from @reader (which owns its input) into @r. */
static RefMeeting *
load_with_reader (Reader *r, xmlTextReaderPtr reader, gboolean (*input_failed) (gpointer), gpointer input)
{
  ParseError parse_error = { 0 };
  RefMeeting *meeting = NULL;
  xmlRelaxNG *schema = NULL;

  xmlTextReaderSetStructuredErrorHandler (reader, keep_parse_error, &parse_error);
  /* The schema checks the nodes as the reader passes them: one parse for both. */
  if (r->validate)
    {
      schema = ref_xml_schema_get (&r->error);
      if (schema == NULL)
        return NULL;
      if (xmlTextReaderRelaxNGSetSchema (reader, schema) != 0)
        {
          reader_fail (r, 0, REF_XML_ERROR_IO, _("the schema could not be used"));
          return NULL;
        }
    }
  r->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->item_numbers = g_hash_table_new (NULL, NULL);
  r->pending = g_array_new (FALSE, TRUE, sizeof (PendingRef));
  g_array_set_clear_func (r->pending, pending_ref_clear);
  meeting = read_stream (r, reader);
  /* A file that is not well-formed says so, whatever else is wrong with it: after a
   * problem with the content, the rest is still parsed to see whether it is damaged.
   * (When validating, the rest is read anyway: the schema sees every node.) */
  if (parse_error.message == NULL && (r->error != NULL || r->validate))
    while (xmlTextReaderRead (reader) == 1)
      ;
  /* The input itself failed (not UTF-8, too large): its error says more. */
  if (input_failed != NULL && input_failed (input))
    g_clear_object (&meeting);
  else if (parse_error.message != NULL || (meeting == NULL && r->error == NULL))
    {
      g_clear_error (&r->error);
      g_clear_object (&meeting);
      fail_not_well_formed (r, &parse_error);
    }
  /* Well-formed, and the reader found nothing wrong, but the schema did. */
  else if (r->validate && r->error == NULL && (parse_error.invalid != NULL || xmlTextReaderIsValid (reader) != 1))
    {
      g_clear_object (&meeting);
      if (parse_error.invalid != NULL)
        /* TRANSLATORS: "FILE does not match the Referent schema: line N: libxml2's message" */
        g_set_error (&r->error, REF_XML_ERROR, REF_XML_ERROR_INVALID_VALUE,
                     _("%s does not match the Referent schema: line %d: %s"), r->display_name,
                     parse_error.invalid_line, parse_error.invalid);
      else
        g_set_error (&r->error, REF_XML_ERROR, REF_XML_ERROR_INVALID_VALUE,
                     _("%s does not match the Referent schema"), r->display_name);
    }
  /* The reader lets go of the schema (the thread keeps it). */
  if (schema != NULL)
    xmlTextReaderRelaxNGSetSchema (reader, NULL);
  g_free (parse_error.message);
  g_free (parse_error.invalid);
  return meeting;
}

static RefMeeting *
finish_load (Reader *r, RefMeeting *meeting, GError **error)
{
  g_clear_pointer (&r->ids, g_hash_table_unref);
  g_clear_pointer (&r->item_numbers, g_hash_table_unref);
  g_clear_pointer (&r->pending, g_array_unref);
  if (r->error != NULL)
    {
      g_clear_object (&meeting);
      g_propagate_error (error, r->error);
    }
  return meeting;
}


/* ---- the input, streamed ---- */

/* A file is not read into memory first: libxml2 pulls it through file_input_read(),
 * which checks on the way that the bytes are UTF-8 and within the limit, and counts
 * lines for the error message. The prolog is read first and checked as a whole
 * (declared encoding, no DTD). Bytes already in memory take the same path, so that a
 * file and its bytes give the same error: whichever problem comes first in the file,
 * as the parser meets it. */
typedef struct {
  Reader *r;
  int fd;            /* the source: a file, or when -1, bytes in memory */
  const char *data;
  gsize size;
  gsize offset;      /* of @data */
  GString *prolog;   /* read ahead for the checks; served first */
  gsize served;      /* of @prolog */
  gsize total;
  int line;
  char pending[4];   /* the start of a UTF-8 sequence split by the read */
  gsize n_pending;
  gboolean failed;
} FileInput;

static gboolean
file_input_failed (gpointer data)
{
  return ((FileInput *) data)->failed;
}

/* Whether the bytes read so far end in the middle of a UTF-8 sequence that may still
 * be completed. */
static gsize
incomplete_tail (const char *data, gsize len)
{
  for (gsize back = 1; back <= 3 && back <= len; back++)
    {
      guchar c = (guchar) data[len - back];

      if ((c & 0xC0) == 0x80)
        continue; /* a continuation byte: look further back */
      if ((c & 0xE0) == 0xC0)
        return back < 2 ? back : 0;
      if ((c & 0xF0) == 0xE0)
        return back < 3 ? back : 0;
      if ((c & 0xF8) == 0xF0)
        return back < 4 ? back : 0;
      return 0;
    }
  return 0;
}

/* The first byte from @p that is not 1–127 (NUL, part of a multi-byte sequence or
 * something invalid), or @end: eight bytes at a time, as most of a file is ASCII. */
static const char *
skip_ascii (const char *p, const char *end)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101), highs = G_GUINT64_CONSTANT (0x8080808080808080);

  while (end - p >= 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      /* A high bit set, or a zero byte (the classic "has zero byte" test). */
      if ((w & highs) != 0 || ((w - ones) & ~w & highs) != 0)
        break;
      p += 8;
    }
  while (p < end && (guchar) *p - 1u < 0x7fu)
    p++;
  return p;
}

/* Whether [@data, @data + @len) is UTF-8 without NUL bytes, as g_utf8_validate_len ()
 * says, with *@end at the first byte that is not. Only the stretches of non-ASCII
 * bytes go through GLib's byte-by-byte check; an ASCII byte always starts a
 * character, so each stretch is checked on its own with the same result. */
static gboolean
utf8_validate_fast (const char *data, gsize len, const char **end)
{
  const char *p = data, *stop = data + len;

  for (;;)
    {
      const char *q;

      p = skip_ascii (p, stop);
      if (p == stop)
        {
          *end = stop;
          return TRUE;
        }
      for (q = p + 1; q < stop && (guchar) *q - 1u >= 0x7fu; q++)
        ;
      if (!g_utf8_validate_len (p, q - p, end))
        return FALSE;
      p = q;
    }
}

static int
count_lines (const char *data, gsize len)
{
  const char *p = data, *stop = data + len;
  int n = 0;

  while ((p = memchr (p, '\n', stop - p)) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

static gboolean
validate_chunk (FileInput *in, const char *chunk, gsize n)
{
  g_autofree char *joined = NULL;
  const char *data = chunk;
  gsize len = n, tail;
  const char *end = NULL;

  if (in->n_pending > 0)
    {
      joined = g_malloc (in->n_pending + n);
      memcpy (joined, in->pending, in->n_pending);
      memcpy (joined + in->n_pending, chunk, n);
      data = joined;
      len += in->n_pending;
    }
  tail = n > 0 ? incomplete_tail (data, len) : 0;
  if (!utf8_validate_fast (data, len - tail, &end))
    {
      int line = in->line + count_lines (data, end - data);

      reader_fail (in->r, line, REF_XML_ERROR_ENCODING,
                   _("the text is not valid UTF-8 (was the file saved in another encoding?)"));
      return FALSE;
    }
  in->line += count_lines (data, len - tail);
  memcpy (in->pending, data + len - tail, tail);
  in->n_pending = tail;
  if (n == 0 && tail == 0 && in->n_pending > 0)
    return FALSE;
  return TRUE;
}

/* The next bytes from the source, as read(2) returns them. */
static gssize
input_read_raw (FileInput *in, char *buffer, gsize len)
{
  gssize n;

  if (in->fd < 0)
    {
      n = (gssize) MIN (len, in->size - in->offset);
      if (n == 0)
        return 0; /* empty bytes may have no data pointer at all */
      memcpy (buffer, in->data + in->offset, (gsize) n);
      in->offset += (gsize) n;
      return n;
    }
  do
    n = read (in->fd, buffer, len);
  while (n < 0 && errno == EINTR);
  return n;
}

static int
file_input_read (void *context, char *buffer, int len)
{
  FileInput *in = context;
  gssize n;

  if (in->failed || len <= 0)
    return in->failed ? -1 : 0;
  if (in->served < in->prolog->len)
    {
      n = MIN ((gsize) len, in->prolog->len - in->served);
      memcpy (buffer, in->prolog->str + in->served, n);
      in->served += n;
      return (int) n;
    }
  n = input_read_raw (in, buffer, (gsize) len);
  /* What is wrong with the bytes themselves is said before anything found in the
   * content read so far, as when the bytes are checked before parsing. */
  if (n < 0)
    {
      int saved = errno;
      g_clear_error (&in->r->error);
      reader_fail (in->r, 0, REF_XML_ERROR_IO, _("could not read the file: %s"), g_strerror (saved));
      in->failed = TRUE;
      return -1;
    }
  in->total += (gsize) n;
  if (in->total > REF_XML_MAX_FILE_SIZE)
    {
      g_clear_error (&in->r->error);
      reader_fail (in->r, 0, REF_XML_ERROR_TOO_LARGE, _("the file is larger than %d MiB"),
                   REF_XML_MAX_FILE_SIZE / (1024 * 1024));
      in->failed = TRUE;
      return -1;
    }
  if (in->r->error != NULL && !in->failed)
    {
      /* Content already failed: only the bytes' own check may still replace it. */
      GError *content = g_steal_pointer (&in->r->error);

      if (validate_chunk (in, buffer, (gsize) n) && !(n == 0 && in->n_pending > 0))
        {
          in->r->error = content;
          return (int) n;
        }
      g_error_free (content);
      if (in->r->error == NULL)
        reader_fail (in->r, in->line, REF_XML_ERROR_ENCODING,
                     _("the text is not valid UTF-8 (was the file saved in another encoding?)"));
      in->failed = TRUE;
      return -1;
    }
  if (!validate_chunk (in, buffer, (gsize) n) || (n == 0 && in->n_pending > 0))
    {
      if (n == 0 && in->r->error == NULL)
        reader_fail (in->r, in->line, REF_XML_ERROR_ENCODING,
                     _("the text is not valid UTF-8 (was the file saved in another encoding?)"));
      in->failed = TRUE;
      return -1;
    }
  return (int) n;
}

static int
file_input_close (void *context)
{
  return 0;
}

/* Reads ahead until the root element starts (or the file ends): what
 * check_no_doctype() must see at once. */
static gboolean
read_prolog (FileInput *in)
{
  char chunk[16384];

  for (;;)
    {
      gssize n;
      const char *lt;

      if (in->prolog->len > 0)
        {
          /* The root starts at the first '<' that is not <? or <! */
          for (lt = memchr (in->prolog->str, '<', in->prolog->len); lt != NULL;
               lt = memchr (lt + 1, '<', in->prolog->str + in->prolog->len - lt - 1))
            {
              gsize left = in->prolog->str + in->prolog->len - lt;
              if (left >= 2 && lt[1] != '?' && lt[1] != '!')
                return TRUE;
              if (left < 2)
                break;
              /* Inside a comment or PI a '<' is not markup; check_no_doctype skips them,
               * and a root element found a bit late costs nothing. */
            }
        }
      n = input_read_raw (in, chunk, sizeof chunk);
      if (n < 0)
        {
          reader_fail (in->r, 0, REF_XML_ERROR_IO, _("could not read the file: %s"), g_strerror (errno));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      in->total += (gsize) n;
      if (in->total > REF_XML_MAX_FILE_SIZE)
        {
          reader_fail (in->r, 0, REF_XML_ERROR_TOO_LARGE, _("the file is larger than %d MiB"),
                       REF_XML_MAX_FILE_SIZE / (1024 * 1024));
          return FALSE;
        }
      g_string_append_len (in->prolog, chunk, n);
    }
}

static RefMeeting *
load_input (FileInput *in, const char *display_name, RefXmlLoadFlags flags, GError **error)
{
  Reader r = { 0 };
  xmlTextReaderPtr reader = NULL;
  RefMeeting *meeting = NULL;

  in->r = &r;
  in->prolog = g_string_new (NULL);
  in->line = 1;
  r.display_name = display_name;
  r.validate = (flags & REF_XML_LOAD_VALIDATE) != 0;
  if (!read_prolog (in))
    goto out;
  if (in->prolog->len == 0)
    {
      reader_fail (&r, 0, REF_XML_ERROR_NOT_WELL_FORMED, _("the file is empty"));
      goto out;
    }
  /* The prolog's own checks, in the order of its bytes; the rest of the bytes are
   * checked as they are read. */
  if (!check_start (&r, in->prolog->str, in->prolog->len - incomplete_tail (in->prolog->str, in->prolog->len)))
    goto out;
  if (!validate_chunk (in, in->prolog->str, in->prolog->len))
    goto out;
  /* No encoding is named: check_start() made sure the declaration names none but UTF-8. */
  reader = xmlReaderForIO (file_input_read, file_input_close, in, display_name, NULL, READ_OPTIONS);
  if (reader == NULL)
    reader_fail (&r, 0, REF_XML_ERROR_NOT_WELL_FORMED, _("the file could not be read as XML"));
  else
    meeting = load_with_reader (&r, reader, file_input_failed, in);
out:
  g_clear_pointer (&reader, xmlFreeTextReader);
  g_string_free (in->prolog, TRUE);
  return finish_load (&r, meeting, error);
}

static RefMeeting *
load_fd (int fd, const char *display_name, RefXmlLoadFlags flags, GError **error)
{
  FileInput in = { .fd = fd };

  return load_input (&in, display_name, flags, error);
}

static RefMeeting *
load_bytes (GBytes *bytes, const char *display_name, RefXmlLoadFlags flags, GError **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  FileInput in = { .fd = -1, .data = data, .size = len };

  if (len > REF_XML_MAX_FILE_SIZE)
    {
      g_set_error (error, REF_XML_ERROR, REF_XML_ERROR_TOO_LARGE, _("%s: the file is larger than %d MiB"),
                   display_name, REF_XML_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  return load_input (&in, display_name, flags, error);
}

RefMeeting *
ref_xml_load_bytes_full (GBytes *bytes, const char *display_name, RefXmlLoadFlags flags, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return load_bytes (bytes, display_name ? display_name : "?", flags, error);
}

RefMeeting *
ref_xml_load_bytes (GBytes *bytes, const char *display_name, GError **error)
{
  return ref_xml_load_bytes_full (bytes, display_name, REF_XML_LOAD_NONE, error);
}

RefMeeting *
ref_xml_load_file (GFile *file, GError **error)
{
  return ref_xml_load_file_full (file, REF_XML_LOAD_NONE, error);
}

RefMeeting *
ref_xml_load_file_full (GFile *file, RefXmlLoadFlags flags, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  RefMeeting *meeting;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  /* Only a regular file, and never more than the limit, whatever its size claims. A
   * local file is streamed from disk; another (a remote GIO file) is read first. */
  path = g_file_get_path (file);
  if (path != NULL)
    {
      fd = ref_file_open_regular (path, REF_XML_MAX_FILE_SIZE, &local_error);
      if (fd >= 0)
        {
          meeting = load_fd (fd, name, flags, error);
          close (fd);
          return meeting;
        }
    }
  else
    bytes = ref_file_read (file, REF_XML_MAX_FILE_SIZE, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, REF_XML_ERROR, REF_XML_ERROR_TOO_LARGE, _("%s: the file is larger than %d MiB"), name,
                     REF_XML_MAX_FILE_SIZE / (1024 * 1024));
      else
        g_set_error (error, REF_XML_ERROR, REF_XML_ERROR_IO, _("%s: could not read the file: %s"), name,
                     local_error->message);
      return NULL;
    }
  return load_bytes (bytes, name, flags, error);
}
