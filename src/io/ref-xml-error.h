/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REF_XML_ERROR (ref_xml_error_quark ())

/**
 * RefXmlError:
 * @REF_XML_ERROR_IO: the file could not be read or written
 * @REF_XML_ERROR_NOT_WELL_FORMED: not well-formed XML (includes truncated files)
 * @REF_XML_ERROR_ENCODING: not valid UTF-8 / declared encoding not supported
 * @REF_XML_ERROR_WRONG_ROOT: root element is not referat in the Referent namespace
 * @REF_XML_ERROR_UNKNOWN_VERSION: version attribute missing or not supported
 * @REF_XML_ERROR_MISSING_ELEMENT: a required element or attribute is missing
 * @REF_XML_ERROR_UNEXPECTED_ELEMENT: an element that does not belong there
 * @REF_XML_ERROR_INVALID_VALUE: a malformed value (number, enum, boolean)
 * @REF_XML_ERROR_INVALID_DATE: a malformed or impossible date, time or date-time
 * @REF_XML_ERROR_DUPLICATE_ITEM_NUMBER: two agenda items share a number
 * @REF_XML_ERROR_DUPLICATE_ID: two participants share an id
 * @REF_XML_ERROR_UNKNOWN_REFERENCE: a ref names no participant
 * @REF_XML_ERROR_TOO_LARGE: a resource limit was hit (file size, nesting, text length)
 * @REF_XML_ERROR_ENTITY: the document declares or uses entities / a DTD
 * @REF_XML_ERROR_CHANGED_ON_DISK: the file was changed by another program since it
 *   was loaded, and not only by approvals or comments that could be merged
 */
typedef enum {
  REF_XML_ERROR_IO,
  REF_XML_ERROR_NOT_WELL_FORMED,
  REF_XML_ERROR_ENCODING,
  REF_XML_ERROR_WRONG_ROOT,
  REF_XML_ERROR_UNKNOWN_VERSION,
  REF_XML_ERROR_MISSING_ELEMENT,
  REF_XML_ERROR_UNEXPECTED_ELEMENT,
  REF_XML_ERROR_INVALID_VALUE,
  REF_XML_ERROR_INVALID_DATE,
  REF_XML_ERROR_DUPLICATE_ITEM_NUMBER,
  REF_XML_ERROR_DUPLICATE_ID,
  REF_XML_ERROR_UNKNOWN_REFERENCE,
  REF_XML_ERROR_TOO_LARGE,
  REF_XML_ERROR_ENTITY,
  REF_XML_ERROR_CHANGED_ON_DISK,
} RefXmlError;

GQuark ref_xml_error_quark (void);

G_END_DECLS
