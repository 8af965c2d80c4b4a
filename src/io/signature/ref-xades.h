/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The XAdES form of an approval (ETSI EN 319 132-1, baseline B-B, and B-T with a
 * signature time stamp): building the template that xmlsec signs, and reading a
 * signature strictly, so that every fact Referent shows comes from a signed place.
 * Private to src/io/signature/. */

#include <gio/gio.h>
#include <libxml/tree.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* ---- parts: what lets a verifier say which items changed ---- */

typedef struct {
  char *name;   /* "meeting", "participants" or "item" */
  guint number; /* the item's number for "item" */
  char *digest; /* base64 SHA-256 of the part's exclusive canonical form */
} RefXadesPart;

/* The header, the participants and each item of the content document with their
 * digests, in document order: @content as the writer wrote it and @ranges
 * (element-type RefXmlPart) where the parts are in it (ref_xml_write_content_parts()).
 * A part's digest is the SHA-256 of its text with the white space around it left out:
 * the writer's output is canonical, so the same part always gives the same text.
 * (element-type RefXadesPart) */
GPtrArray *ref_xades_parts_from_content (GBytes *content, GArray *ranges);

/* ---- signing ---- */

typedef struct {
  const char *id;             /* unique base for the Ids of the signature */
  const char *signing_time;   /* xsd:dateTime */
  X509 *certificate;          /* the signer's */
  const char *participant_id; /* the member the approval is for */
  GPtrArray *parts;           /* (element-type RefXadesPart) (nullable) */
} RefXadesTemplate;

/* Appends to the root element of @doc a ds:Signature template for xmlsec: an
 * enveloped reference to the whole content, the signed properties (signing time,
 * signing certificate, the approving member, commitment "proof of approval") and the
 * parts. Returns the signature node or NULL. */
xmlNode *ref_xades_add_template (xmlDoc *doc, const RefXadesTemplate *t);

/* Adds the signature time stamp (DER token) as an unsigned property. */
gboolean ref_xades_add_timestamp (xmlNode *signature, GBytes *token);

/* ---- reading ---- */

typedef struct {
  xmlNode *node;
  char *uri;
  char *digest_algorithm;
  char *digest; /* base64, as written */
  GPtrArray *transforms; /* char * algorithm URIs */
} RefXadesReference;

typedef struct {
  xmlNode *signature;
  xmlNode *signed_info;
  xmlNode *signature_value;
  xmlNode *signed_properties;
  xmlNode *parts_object; /* (nullable) */
  char *c14n_method;
  char *signature_method;
  RefXadesReference *content;    /* URI="" */
  RefXadesReference *properties; /* the SignedProperties */
  RefXadesReference *parts;      /* (nullable) */

  GDateTime *signing_time; /* claimed, signed */
  char *cert_digest_algorithm;
  GBytes *cert_digest; /* of the signing certificate, signed */
  char *participant_id; /* the member the approval is for, signed */
  GPtrArray *part_list; /* (nullable) (element-type RefXadesPart) signed digests */

  GPtrArray *certificates; /* X509 * from KeyInfo, in order */
  X509 *signing_certificate; /* the one of @certificates matching cert_digest (not owned) */

  GBytes *timestamp; /* (nullable) DER token */
  char *timestamp_c14n;
} RefXades;

void      ref_xades_free (RefXades *x);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefXades, ref_xades_free)

/* Reads @signature (already in the content document, its Ids registered) as a
 * Referent approval: the algorithms, references, signed properties and certificates
 * must be of the profile FORMAT.md describes; anything else is refused with a
 * translated reason in @why. */
RefXades *ref_xades_parse (xmlNode *signature, char **why);

/* Registers the Id attributes of @signature's subtree with its document; FALSE when
 * an Id repeats (a wrapping attack) or is already known in the document. */
gboolean  ref_xades_register_ids (xmlNode *signature);

/* The canonical form of ds:SignatureValue, which the signature time stamp covers
 * (with @c14n the SignatureTimeStamp's canonicalisation method, NULL for the
 * default). */
GBytes   *ref_xades_timestamp_input (RefXades *x);
/* The same for the ds:SignatureValue of @signature, with @c14n. */
GBytes   *ref_xades_signature_value_input (xmlNode *signature, const char *c14n);

/* For explaining a failed check (never to accept one): whether ds:SignatureValue is
 * the signature of ds:SignedInfo under @key, and whether a same-document reference's
 * digest matches. */
gboolean  ref_xades_signature_value_matches (RefXades *x, EVP_PKEY *key);
gboolean  ref_xades_reference_matches (RefXades *x, RefXadesReference *ref);

void      ref_xades_part_free (RefXadesPart *part);

G_END_DECLS
