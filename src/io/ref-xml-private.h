/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "ref-model.h"

G_BEGIN_DECLS

#define REF_XML_DSIG_NAMESPACE "http://www.w3.org/2000/09/xmldsig#"

/* Whether @node (may be NULL) is an element in namespace @ns, named @name (any name
 * when @name is NULL). */
gboolean ref_xml_is_element (xmlNode *node, const char *ns, const char *name);

/* @node and everything below it as XML text, exactly as libxml2 dumps it (no added
 * indentation). */
char *ref_xml_node_to_string (xmlNode *node);

/* "YYYY-MM-DD" (date_only) or "YYYY-MM-DDTHH:MM", wall clock; NULL when invalid. */
GDateTime *ref_xml_parse_date_time (const char *value, gboolean date_only);

/* The meeting as members approve it (ref-signature.c signs these bytes): the file
 * format without the lock, the reviewers' comments and the approvals themselves. */
GBytes *ref_xml_write_content_bytes (RefMeeting *meeting);

typedef enum {
  REF_XML_PART_HEADER,
  REF_XML_PART_PARTICIPANTS,
  REF_XML_PART_ITEM,
} RefXmlPartKind;

/* Where a part of the meeting is in written bytes: [start, end), with the
 * indentation before it and the line break after it. */
typedef struct {
  RefXmlPartKind kind;
  guint number; /* the item's number for REF_XML_PART_ITEM */
  gsize start;
  gsize end;
} RefXmlPart;

/* The content bytes as ref_xml_write_content_bytes() gives them, and where the
 * header, the participants and each item are in them. @parts: (out)
 * (element-type RefXmlPart) */
GBytes *ref_xml_write_content_parts (RefMeeting *meeting, GArray **parts);

/* The id the writer gives the participant at @index: "p1" for the first. */
char   *ref_xml_participant_id (guint index);

/* The RelaxNG schema compiled into the library (data/referat.rng), compiled once per
 * thread and owned by it: do not free. */
struct _xmlRelaxNG;
struct _xmlRelaxNG *ref_xml_schema_get (GError **error);

G_END_DECLS
