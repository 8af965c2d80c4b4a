/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/c14n.h>
#include <libxml/valid.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmltree.h>

#include "ref-model-util.h"
#include "ref-signature-private.h"
#include "ref-xades.h"
#include "ref-xml-private.h"
#include "ref-xml.h"

#define DSIG REF_XML_DSIG_NAMESPACE
#define XADES REF_XADES_NAMESPACE
#define PARTS_ELEMENT "parts"

/* Signature algorithms an approval may use: RSA and ECDSA with SHA-2. SHA-1, MD5,
 * HMAC and the rest are refused, so that no one can downgrade an approval. */
static const struct {
  const char *uri;
  int key_type;
  const char *digest;
} signature_methods[] = {
  { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", EVP_PKEY_RSA, REF_ALG_SHA256 },
  { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", EVP_PKEY_RSA, REF_ALG_SHA384 },
  { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", EVP_PKEY_RSA, REF_ALG_SHA512 },
  { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", EVP_PKEY_EC, REF_ALG_SHA256 },
  { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", EVP_PKEY_EC, REF_ALG_SHA384 },
  { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", EVP_PKEY_EC, REF_ALG_SHA512 },
};

/* ---- small XML helpers ---- */

static gboolean
is (xmlNode *node, const char *ns, const char *name)
{
  return ref_xml_is_element (node, ns, name);
}

static xmlNode *
next_element (xmlNode *node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

static xmlNode *
first_element (xmlNode *parent)
{
  return parent ? next_element (parent->children) : NULL;
}

static char *
attr (xmlNode *node, const char *name)
{
  xmlChar *value = node ? xmlGetNoNsProp (node, (const xmlChar *) name) : NULL;
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text ? g_strstrip (text) : g_strdup ("");
}

static gboolean
has_element_children (xmlNode *node)
{
  return first_element (node) != NULL;
}

static xmlNs *
ns_of (xmlNode *node, const char *href)
{
  return xmlSearchNsByHref (node->doc, node, (const xmlChar *) href);
}

/* ---- canonical forms and digests ---- */

static int
in_subtree (void *user_data, xmlNode *node, xmlNode *parent)
{
  xmlNode *top = user_data;
  xmlNode *n = node->type == XML_NAMESPACE_DECL ? parent : node;

  for (; n != NULL; n = n->parent)
    if (n == top)
      return 1;
  return 0;
}

static int
c14n_mode (const char *algorithm)
{
  if (algorithm == NULL || g_str_equal (algorithm, REF_ALG_C14N))
    return XML_C14N_1_0;
  if (g_str_equal (algorithm, REF_ALG_EXC_C14N))
    return XML_C14N_EXCLUSIVE_1_0;
  return -1;
}

/* The canonical form of @top's subtree in its document (NULL: the whole document). */
static GBytes *
canonical (xmlDoc *doc, xmlNode *top, const char *algorithm)
{
  xmlOutputBuffer *buffer = xmlAllocOutputBuffer (NULL);
  int mode = c14n_mode (algorithm);
  GBytes *result = NULL;

  if (buffer == NULL)
    return NULL;
  if (mode >= 0 && xmlC14NExecute (doc, top ? in_subtree : NULL, top, mode, NULL, 0, buffer) >= 0)
    result = g_bytes_new (xmlOutputBufferGetContent (buffer), xmlOutputBufferGetSize (buffer));
  xmlOutputBufferClose (buffer);
  return result;
}

void
ref_xades_part_free (RefXadesPart *part)
{
  g_free (part->name);
  g_free (part->digest);
  g_free (part);
}

static void
add_part (GPtrArray *parts, const char *name, guint number, char *digest)
{
  RefXadesPart *part = g_new0 (RefXadesPart, 1);

  part->name = g_strdup (name);
  part->number = number;
  part->digest = digest ? digest : g_strdup ("");
  g_ptr_array_add (parts, part);
}

GPtrArray *
ref_xades_parts_from_content (GBytes *content, GArray *ranges)
{
  static const char *const names[] = { "meeting", "participants", "item" };
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_xades_part_free);
  gsize len = 0;
  const char *data = g_bytes_get_data (content, &len);

  for (guint i = 0; i < ranges->len; i++)
    {
      const RefXmlPart *range = &g_array_index (ranges, RefXmlPart, i);
      gsize start = MIN (range->start, len), end = MIN (range->end, len);
      unsigned char digest[EVP_MAX_MD_SIZE];
      unsigned int digest_len = 0;

      while (start < end && g_ascii_isspace (data[start]))
        start++;
      while (end > start && g_ascii_isspace (data[end - 1]))
        end--;
      /* OpenSSL's SHA-256 (with the processor's SHA instructions) is several times
       * faster than GLib's, and a large meeting is megabytes. */
      EVP_Digest (data + start, end - start, digest, &digest_len, EVP_sha256 (), NULL);
      add_part (parts, names[range->kind], range->kind == REF_XML_PART_ITEM ? range->number : 0,
                g_base64_encode (digest, digest_len));
    }
  return parts;
}

/* ---- the template ---- */

static xmlNode *
add_reference (xmlNode *signature, const char *id, const char *uri, const char *type, gboolean enveloped)
{
  xmlNode *reference = xmlSecTmplSignatureAddReference (signature, xmlSecTransformSha256Id, (const xmlChar *) id,
                                                        (const xmlChar *) uri, (const xmlChar *) type);

  if (reference == NULL)
    return NULL;
  if (enveloped && xmlSecTmplReferenceAddTransform (reference, xmlSecTransformEnvelopedId) == NULL)
    return NULL;
  if (xmlSecTmplReferenceAddTransform (reference, xmlSecTransformExclC14NId) == NULL)
    return NULL;
  return reference;
}

static xmlNode *
xades_child (xmlNode *parent, xmlNs *xades, const char *name, const char *text)
{
  return xmlNewTextChild (parent, xades, (const xmlChar *) name, (const xmlChar *) text);
}

static gboolean
add_qualifying_properties (xmlNode *signature, const RefXadesTemplate *t, const char *props_id,
                           const char *content_ref_id)
{
  xmlNs *ds = ns_of (signature, DSIG);
  xmlNode *object = xmlSecTmplSignatureAddObject (signature, NULL, NULL, NULL);
  xmlNode *qp, *sp, *ssp, *cert, *digest, *role, *sdop, *format, *commitment, *type_id;
  g_autoptr (GBytes) cert_digest = ref_cert_digest (t->certificate, REF_ALG_SHA256);
  g_autofree char *cert_digest64 = NULL;
  g_autofree char *target = g_strconcat ("#", t->id, NULL);
  g_autofree char *content_ref = g_strconcat ("#", content_ref_id, NULL);
  g_autofree char *role_text = g_strconcat (REF_APPROVER_ROLE_PREFIX, t->participant_id, NULL);
  xmlNs *xades;

  if (object == NULL || ds == NULL || cert_digest == NULL)
    return FALSE;
  cert_digest64 = g_base64_encode (g_bytes_get_data (cert_digest, NULL), g_bytes_get_size (cert_digest));
  qp = xmlNewChild (object, NULL, (const xmlChar *) "QualifyingProperties", NULL);
  xades = xmlNewNs (qp, (const xmlChar *) XADES, (const xmlChar *) "xades");
  xmlSetNs (qp, xades);
  xmlSetProp (qp, (const xmlChar *) "Target", (const xmlChar *) target);
  sp = xades_child (qp, xades, "SignedProperties", NULL);
  xmlSetProp (sp, (const xmlChar *) "Id", (const xmlChar *) props_id);

  ssp = xades_child (sp, xades, "SignedSignatureProperties", NULL);
  xades_child (ssp, xades, "SigningTime", t->signing_time);
  cert = xades_child (xades_child (ssp, xades, "SigningCertificateV2", NULL), xades, "Cert", NULL);
  digest = xades_child (cert, xades, "CertDigest", NULL);
  xmlSetProp (xmlNewChild (digest, ds, (const xmlChar *) "DigestMethod", NULL), (const xmlChar *) "Algorithm",
              (const xmlChar *) REF_ALG_SHA256);
  xmlNewTextChild (digest, ds, (const xmlChar *) "DigestValue", (const xmlChar *) cert_digest64);
  role = xades_child (xades_child (ssp, xades, "SignerRoleV2", NULL), xades, "ClaimedRoles", NULL);
  xades_child (role, xades, "ClaimedRole", role_text);

  sdop = xades_child (sp, xades, "SignedDataObjectProperties", NULL);
  format = xades_child (sdop, xades, "DataObjectFormat", NULL);
  xmlSetProp (format, (const xmlChar *) "ObjectReference", (const xmlChar *) content_ref);
  xades_child (format, xades, "Description", "Referat (urn:referent:referat:1)");
  xades_child (format, xades, "MimeType", "application/x-referat+xml");
  commitment = xades_child (sdop, xades, "CommitmentTypeIndication", NULL);
  type_id = xades_child (commitment, xades, "CommitmentTypeId", NULL);
  xades_child (type_id, xades, "Identifier", REF_XADES_PROOF_OF_APPROVAL);
  xades_child (commitment, xades, "AllSignedDataObjects", NULL);
  return TRUE;
}

static gboolean
add_parts_object (xmlNode *signature, const char *parts_id, GPtrArray *parts)
{
  xmlNode *object = xmlSecTmplSignatureAddObject (signature, (const xmlChar *) parts_id, NULL, NULL);
  xmlNode *list;
  xmlNs *ns;

  if (object == NULL)
    return FALSE;
  list = xmlNewChild (object, NULL, (const xmlChar *) PARTS_ELEMENT, NULL);
  ns = xmlNewNs (list, (const xmlChar *) REF_XML_NAMESPACE, NULL);
  xmlSetNs (list, ns);
  for (guint i = 0; i < parts->len; i++)
    {
      RefXadesPart *part = g_ptr_array_index (parts, i);
      xmlNode *node = xmlNewChild (list, ns, (const xmlChar *) "part", NULL);

      xmlSetProp (node, (const xmlChar *) "name", (const xmlChar *) part->name);
      if (g_str_equal (part->name, "item"))
        {
          char number[16];
          g_snprintf (number, sizeof number, "%u", part->number);
          xmlSetProp (node, (const xmlChar *) "number", (const xmlChar *) number);
        }
      xmlSetProp (node, (const xmlChar *) "digest", (const xmlChar *) part->digest);
    }
  return TRUE;
}

xmlNode *
ref_xades_add_template (xmlDoc *doc, const RefXadesTemplate *t)
{
  int key_type = EVP_PKEY_base_id (X509_get0_pubkey (t->certificate));
  xmlSecTransformId method = key_type == EVP_PKEY_EC ? xmlSecTransformEcdsaSha256Id : xmlSecTransformRsaSha256Id;
  g_autofree char *content_id = g_strconcat (t->id, "-content", NULL);
  g_autofree char *props_id = g_strconcat (t->id, "-signedprops", NULL);
  g_autofree char *props_uri = g_strconcat ("#", props_id, NULL);
  g_autofree char *parts_id = g_strconcat (t->id, "-parts", NULL);
  g_autofree char *parts_uri = g_strconcat ("#", parts_id, NULL);
  xmlNode *signature;
  xmlNode *key_info;

  if (key_type != EVP_PKEY_RSA && key_type != EVP_PKEY_EC)
    return NULL;
  signature = xmlSecTmplSignatureCreateNsPref (doc, xmlSecTransformExclC14NId, method, (const xmlChar *) t->id,
                                               (const xmlChar *) "ds");
  if (signature == NULL)
    return NULL;
  xmlAddChild (xmlDocGetRootElement (doc), signature);
  if (add_reference (signature, content_id, "", NULL, TRUE) == NULL
      || add_reference (signature, NULL, props_uri, REF_XADES_SIGNED_PROPERTIES_TYPE, FALSE) == NULL
      || (t->parts != NULL && add_reference (signature, NULL, parts_uri, NULL, FALSE) == NULL))
    return NULL;
  key_info = xmlSecTmplSignatureEnsureKeyInfo (signature, NULL);
  if (key_info == NULL || xmlSecTmplKeyInfoAddX509Data (key_info) == NULL)
    return NULL;
  if (!add_qualifying_properties (signature, t, props_id, content_id))
    return NULL;
  if (t->parts != NULL && !add_parts_object (signature, parts_id, t->parts))
    return NULL;
  return signature;
}

gboolean
ref_xades_add_timestamp (xmlNode *signature, GBytes *token)
{
  xmlNode *qp = NULL;
  xmlNode *unsigned_props, *usp, *stamp, *c14n;
  g_autofree char *token64 = g_base64_encode (g_bytes_get_data (token, NULL), g_bytes_get_size (token));
  xmlNs *xades, *ds = ns_of (signature, DSIG);

  for (xmlNode *o = first_element (signature); o != NULL && qp == NULL; o = next_element (o->next))
    if (is (o, DSIG, "Object") && is (first_element (o), XADES, "QualifyingProperties"))
      qp = first_element (o);
  if (qp == NULL || ds == NULL || (xades = ns_of (qp, XADES)) == NULL)
    return FALSE;
  unsigned_props = xades_child (qp, xades, "UnsignedProperties", NULL);
  usp = xades_child (unsigned_props, xades, "UnsignedSignatureProperties", NULL);
  stamp = xades_child (usp, xades, "SignatureTimeStamp", NULL);
  c14n = xmlNewChild (stamp, ds, (const xmlChar *) "CanonicalizationMethod", NULL);
  xmlSetProp (c14n, (const xmlChar *) "Algorithm", (const xmlChar *) REF_ALG_EXC_C14N);
  xades_child (stamp, xades, "EncapsulatedTimeStamp", token64);
  return TRUE;
}

/* ---- reading ---- */

static void
reference_free (RefXadesReference *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->uri);
  g_free (ref->digest_algorithm);
  g_free (ref->digest);
  g_clear_pointer (&ref->transforms, g_ptr_array_unref);
  g_free (ref);
}

void
ref_xades_free (RefXades *x)
{
  if (x == NULL)
    return;
  g_free (x->c14n_method);
  g_free (x->signature_method);
  reference_free (x->content);
  reference_free (x->properties);
  reference_free (x->parts);
  g_clear_pointer (&x->signing_time, g_date_time_unref);
  g_free (x->cert_digest_algorithm);
  g_clear_pointer (&x->cert_digest, g_bytes_unref);
  g_free (x->participant_id);
  g_clear_pointer (&x->part_list, g_ptr_array_unref);
  g_clear_pointer (&x->certificates, g_ptr_array_unref);
  g_clear_pointer (&x->timestamp, g_bytes_unref);
  g_free (x->timestamp_c14n);
  g_free (x);
}

static gboolean
collect_ids (xmlNode *node, GHashTable *seen)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *a = n->properties; a != NULL; a = a->next)
        if (a->ns == NULL && g_str_equal ((const char *) a->name, "Id"))
          {
            g_autofree char *value = attr (n, "Id");
            if (g_hash_table_contains (seen, value))
              return FALSE;
            g_hash_table_add (seen, g_steal_pointer (&value));
          }
      if (!collect_ids (n->children, seen))
        return FALSE;
    }
  return TRUE;
}

static void
add_ids (xmlNode *node)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *a = n->properties; a != NULL; a = a->next)
        if (a->ns == NULL && g_str_equal ((const char *) a->name, "Id"))
          {
            g_autofree char *value = attr (n, "Id");
            xmlAddID (NULL, n->doc, (const xmlChar *) value, a);
          }
      add_ids (n->children);
    }
}

gboolean
ref_xades_register_ids (xmlNode *signature)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *single = signature;
  xmlNode *next = signature->next;
  GHashTableIter iter;
  gpointer id;
  gboolean ok;

  /* Only this subtree (not its siblings). */
  signature->next = NULL;
  ok = collect_ids (single, seen);
  signature->next = next;
  if (!ok)
    return FALSE;
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (xmlGetID (signature->doc, (const xmlChar *) id) != NULL)
      return FALSE;
  signature->next = NULL;
  add_ids (single);
  signature->next = next;
  return TRUE;
}

G_GNUC_PRINTF (2, 3)
static void
refuse (char **why, const char *format, ...)
{
  va_list args;

  if (*why != NULL)
    return;
  va_start (args, format);
  *why = g_strdup_vprintf (format, args);
  va_end (args);
}

static gboolean
known_signature_method (const char *uri)
{
  for (guint i = 0; i < G_N_ELEMENTS (signature_methods); i++)
    if (g_strcmp0 (uri, signature_methods[i].uri) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
algorithm_only (xmlNode *node, char **algorithm)
{
  *algorithm = attr (node, "Algorithm");
  return *algorithm != NULL && !has_element_children (node);
}

static RefXadesReference *
read_reference (xmlNode *node, char **why)
{
  RefXadesReference *ref = g_new0 (RefXadesReference, 1);
  xmlNode *child = first_element (node);

  ref->node = node;
  ref->uri = attr (node, "URI");
  ref->transforms = g_ptr_array_new_with_free_func (g_free);
  /* XML-DSig leaves a missing URI to the application: for an approval it can only be
   * the document the signature is in (other tools, xadesjs among them, omit it). */
  if (ref->uri == NULL)
    ref->uri = g_strdup ("");
  if (child != NULL && is (child, DSIG, "Transforms"))
    {
      for (xmlNode *t = first_element (child); t != NULL && *why == NULL; t = next_element (t->next))
        {
          char *algorithm = NULL;

          if (!is (t, DSIG, "Transform") || !algorithm_only (t, &algorithm))
            refuse (why, _("a reference has a transform Referent does not accept"));
          g_ptr_array_add (ref->transforms, algorithm);
        }
      child = next_element (child->next);
    }
  if (child == NULL || !is (child, DSIG, "DigestMethod") || !algorithm_only (child, &ref->digest_algorithm)
      || ref_digest_for_algorithm (ref->digest_algorithm) == NULL)
    refuse (why, _("a reference uses a digest algorithm other than SHA-256, SHA-384 or SHA-512"));
  child = child ? next_element (child->next) : NULL;
  if (child == NULL || !is (child, DSIG, "DigestValue") || next_element (child->next) != NULL)
    refuse (why, _("a reference is incomplete"));
  else
    ref->digest = text_of (child);
  if (*why != NULL)
    g_clear_pointer (&ref, reference_free);
  return ref;
}

/* Transforms: exactly @first then one canonicalisation (or none, for the default
 * inclusive one). */
static gboolean
transforms_are (RefXadesReference *ref, const char *first)
{
  GPtrArray *t = ref->transforms;
  guint skip = 0;

  if (first != NULL)
    {
      if (t->len < 1 || g_strcmp0 (g_ptr_array_index (t, 0), first) != 0)
        return FALSE;
      skip = 1;
    }
  if (t->len == skip)
    return TRUE;
  return t->len == skip + 1 && c14n_mode (g_ptr_array_index (t, skip)) >= 0;
}

static GDateTime *
parse_time (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  return text && *text ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static gboolean
valid_participant_id (const char *id)
{
  if (id == NULL || !(g_ascii_isalpha (*id) || *id == '_'))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

static void
read_signer_role (RefXades *x, xmlNode *role, char **why)
{
  xmlNode *claimed = first_element (role);

  for (; claimed != NULL; claimed = next_element (claimed->next))
    {
      if (!is (claimed, XADES, "ClaimedRoles"))
        continue;
      for (xmlNode *r = first_element (claimed); r != NULL; r = next_element (r->next))
        {
          g_autofree char *text = NULL;

          if (!is (r, XADES, "ClaimedRole") || has_element_children (r))
            continue;
          text = text_of (r);
          if (!g_str_has_prefix (text, REF_APPROVER_ROLE_PREFIX))
            continue;
          if (x->participant_id != NULL)
            {
              refuse (why, _("it names more than one approving member"));
              return;
            }
          x->participant_id = g_strdup (text + strlen (REF_APPROVER_ROLE_PREFIX));
          if (!valid_participant_id (x->participant_id))
            refuse (why, _("the approving member it names is not a participant’s id"));
        }
    }
}

static void
read_signing_certificate (RefXades *x, xmlNode *node, char **why)
{
  xmlNode *cert = first_element (node);
  xmlNode *digest = cert && is (cert, XADES, "Cert") ? first_element (cert) : NULL;
  xmlNode *method = digest && is (digest, XADES, "CertDigest") ? first_element (digest) : NULL;
  xmlNode *value = method ? next_element (method->next) : NULL;
  g_autofree char *text = NULL;
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  if (method == NULL || !is (method, DSIG, "DigestMethod") || !algorithm_only (method, &x->cert_digest_algorithm)
      || ref_digest_for_algorithm (x->cert_digest_algorithm) == NULL || value == NULL
      || !is (value, DSIG, "DigestValue"))
    {
      refuse (why, _("its signing certificate property is incomplete or uses an unaccepted digest"));
      return;
    }
  text = text_of (value);
  raw = g_base64_decode (text, &len);
  if (len == 0)
    refuse (why, _("its signing certificate property is incomplete or uses an unaccepted digest"));
  else
    x->cert_digest = g_bytes_new (raw, len);
}

static void
read_signed_signature_properties (RefXades *x, xmlNode *ssp, char **why)
{
  gboolean time = FALSE, cert = FALSE, role = FALSE;

  for (xmlNode *p = first_element (ssp); p != NULL && *why == NULL; p = next_element (p->next))
    {
      if (is (p, XADES, "SigningTime") && !time)
        {
          g_autofree char *text = text_of (p);
          time = TRUE;
          if ((x->signing_time = parse_time (text)) == NULL)
            refuse (why, _("its signing time “%s” is not a date and time"), text);
        }
      else if ((is (p, XADES, "SigningCertificateV2") || is (p, XADES, "SigningCertificate")) && !cert)
        {
          cert = TRUE;
          read_signing_certificate (x, p, why);
        }
      else if ((is (p, XADES, "SignerRoleV2") || is (p, XADES, "SignerRole")) && !role)
        {
          role = TRUE;
          read_signer_role (x, p, why);
        }
      else if (!is (p, XADES, "SignaturePolicyIdentifier") && !is (p, XADES, "SignatureProductionPlace")
               && !is (p, XADES, "SignatureProductionPlaceV2"))
        refuse (why, _("its signed properties hold <%s> once too often or unknown"), (const char *) p->name);
    }
  if (!time)
    refuse (why, _("it has no signed signing time"));
  else if (!cert)
    refuse (why, _("it does not sign its signing certificate"));
  else if (x->participant_id == NULL)
    refuse (why, _("it does not sign which member it is the approval of"));
}

static void
read_unsigned (RefXades *x, xmlNode *unsigned_props, char **why)
{
  xmlNode *usp = first_element (unsigned_props);

  for (; usp != NULL; usp = next_element (usp->next))
    {
      if (!is (usp, XADES, "UnsignedSignatureProperties"))
        continue;
      for (xmlNode *p = first_element (usp); p != NULL; p = next_element (p->next))
        {
          xmlNode *child = first_element (p);
          g_autofree char *text = NULL;
          g_autofree guchar *der = NULL;
          gsize len = 0;

          if (!is (p, XADES, "SignatureTimeStamp"))
            continue;
          if (x->timestamp != NULL)
            {
              refuse (why, _("it has more than one signature time stamp"));
              return;
            }
          if (child != NULL && is (child, DSIG, "CanonicalizationMethod"))
            {
              if (!algorithm_only (child, &x->timestamp_c14n) || c14n_mode (x->timestamp_c14n) < 0)
                refuse (why, _("its time stamp uses a canonicalisation Referent does not accept"));
              child = next_element (child->next);
            }
          if (child == NULL || !is (child, XADES, "EncapsulatedTimeStamp"))
            {
              refuse (why, _("its time stamp is incomplete"));
              return;
            }
          text = text_of (child);
          der = g_base64_decode (text, &len);
          x->timestamp = g_bytes_new (der, len);
        }
    }
}

static void
read_qualifying_properties (RefXades *x, xmlNode *qp, const char *signature_id, char **why)
{
  g_autofree char *target = attr (qp, "Target");
  xmlNode *sp = first_element (qp);
  xmlNode *child;

  if (signature_id == NULL || target == NULL || target[0] != '#' || !g_str_equal (target + 1, signature_id))
    refuse (why, _("its qualifying properties are not those of this signature"));
  if (sp == NULL || !is (sp, XADES, "SignedProperties"))
    {
      refuse (why, _("it has no signed properties"));
      return;
    }
  x->signed_properties = sp;
  child = first_element (sp);
  if (child == NULL || !is (child, XADES, "SignedSignatureProperties"))
    refuse (why, _("it has no signed signature properties"));
  else
    read_signed_signature_properties (x, child, why);
  if (child != NULL)
    child = next_element (child->next);
  if (child != NULL && is (child, XADES, "SignedDataObjectProperties"))
    child = next_element (child->next);
  if (child != NULL)
    refuse (why, _("its signed properties hold <%s>, which Referent does not know"), (const char *) child->name);
  child = next_element (sp->next);
  if (child != NULL && is (child, XADES, "UnsignedProperties"))
    {
      read_unsigned (x, child, why);
      child = next_element (child->next);
    }
  if (child != NULL)
    refuse (why, _("its qualifying properties hold <%s>, which Referent does not know"), (const char *) child->name);
}

static void
read_parts (RefXades *x, xmlNode *list, char **why)
{
  x->part_list = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_xades_part_free);
  for (xmlNode *p = first_element (list); p != NULL; p = next_element (p->next))
    {
      g_autofree char *name = attr (p, "name");
      g_autofree char *number = attr (p, "number");
      guint64 value = 0;

      if (!is (p, REF_XML_NAMESPACE, "part") || name == NULL
          || (g_str_equal (name, "item") && !g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT, &value, NULL)))
        {
          refuse (why, _("its list of signed parts is damaged"));
          return;
        }
      add_part (x->part_list, name, (guint) value, attr (p, "digest"));
    }
}

static void
read_key_info (RefXades *x, xmlNode *key_info)
{
  x->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) X509_free);
  for (xmlNode *data = first_element (key_info); data != NULL; data = next_element (data->next))
    {
      if (!is (data, DSIG, "X509Data"))
        continue;
      for (xmlNode *c = first_element (data); c != NULL; c = next_element (c->next))
        {
          g_autofree char *text = NULL;
          X509 *cert;

          if (!is (c, DSIG, "X509Certificate"))
            continue;
          text = text_of (c);
          if ((cert = ref_cert_from_base64 (text)) != NULL)
            g_ptr_array_add (x->certificates, cert);
        }
    }
}

/* The certificate the signed properties name, from KeyInfo: only its key may verify
 * the signature, and only its subject is shown. A certificate placed in KeyInfo
 * that the signer did not sign for plays no part. */
static void
find_signing_certificate (RefXades *x, char **why)
{
  for (guint i = 0; i < x->certificates->len; i++)
    {
      X509 *cert = g_ptr_array_index (x->certificates, i);
      g_autoptr (GBytes) digest = ref_cert_digest (cert, x->cert_digest_algorithm);

      if (digest != NULL && g_bytes_equal (digest, x->cert_digest))
        {
          x->signing_certificate = cert;
          return;
        }
    }
  refuse (why, _("the signing certificate it names is not in the signature"));
}

static void
read_signed_info (RefXades *x, char **why, xmlNode **references)
{
  xmlNode *child = first_element (x->signed_info);

  if (child == NULL || !is (child, DSIG, "CanonicalizationMethod") || !algorithm_only (child, &x->c14n_method)
      || c14n_mode (x->c14n_method) < 0)
    {
      refuse (why, _("it is canonicalised in a way Referent does not accept"));
      return;
    }
  child = next_element (child->next);
  if (child == NULL || !is (child, DSIG, "SignatureMethod") || !algorithm_only (child, &x->signature_method)
      || !known_signature_method (x->signature_method))
    {
      refuse (why, _("its signature algorithm is not RSA or ECDSA with SHA-256, SHA-384 or SHA-512"));
      return;
    }
  *references = next_element (child->next);
}

/* Each reference must be one of the three an approval has, each at most once. */
static void
classify_reference (RefXades *x, RefXadesReference *ref, const char *props_id, const char *parts_id, char **why)
{
  g_autofree char *type = attr (ref->node, "Type");
  const char *id = ref->uri[0] == '#' ? ref->uri + 1 : NULL;

  if (ref->uri[0] == '\0')
    {
      if (x->content != NULL || type != NULL || !transforms_are (ref, REF_ALG_ENVELOPED))
        refuse (why, _("it does not sign the whole meeting in the way an approval does"));
      else
        x->content = ref;
    }
  else if (id != NULL && g_strcmp0 (id, props_id) == 0)
    {
      if (x->properties != NULL || g_strcmp0 (type, REF_XADES_SIGNED_PROPERTIES_TYPE) != 0
          || !transforms_are (ref, NULL))
        refuse (why, _("it signs its signed properties in a way Referent does not accept"));
      else
        x->properties = ref;
    }
  else if (id != NULL && g_strcmp0 (id, parts_id) == 0)
    {
      if (x->parts != NULL || !transforms_are (ref, NULL))
        refuse (why, _("it signs its list of parts in a way Referent does not accept"));
      else
        x->parts = ref;
    }
  else
    refuse (why, _("it refers to “%s”, which is no part of an approval"), ref->uri);
  if (*why != NULL && x->content != ref && x->properties != ref && x->parts != ref)
    reference_free (ref);
}

RefXades *
ref_xades_parse (xmlNode *signature, char **why)
{
  g_autoptr (RefXades) x = g_new0 (RefXades, 1);
  g_autofree char *signature_id = attr (signature, "Id");
  g_autofree char *props_id = NULL;
  g_autofree char *parts_id = NULL;
  xmlNode *child = first_element (signature);
  xmlNode *key_info = NULL;
  xmlNode *references = NULL;

  *why = NULL;
  x->signature = signature;
  if (child == NULL || !is (child, DSIG, "SignedInfo"))
    {
      refuse (why, _("it has no SignedInfo"));
      return NULL;
    }
  x->signed_info = child;
  child = next_element (child->next);
  if (child == NULL || !is (child, DSIG, "SignatureValue") || has_element_children (child))
    {
      refuse (why, _("it has no signature value"));
      return NULL;
    }
  x->signature_value = child;
  child = next_element (child->next);
  if (child != NULL && is (child, DSIG, "KeyInfo"))
    {
      key_info = child;
      child = next_element (child->next);
    }
  for (; child != NULL && *why == NULL; child = next_element (child->next))
    {
      xmlNode *content = first_element (child);

      if (!is (child, DSIG, "Object") || content == NULL || next_element (content->next) != NULL)
        refuse (why, _("it holds something other than the objects of an approval"));
      else if (is (content, XADES, "QualifyingProperties") && x->signed_properties == NULL)
        read_qualifying_properties (x, content, signature_id, why);
      else if (is (content, REF_XML_NAMESPACE, PARTS_ELEMENT) && x->parts_object == NULL)
        {
          x->parts_object = child;
          parts_id = attr (child, "Id");
          read_parts (x, content, why);
        }
      else
        refuse (why, _("it holds something other than the objects of an approval"));
    }
  if (*why != NULL)
    return NULL;
  if (x->signed_properties == NULL)
    {
      refuse (why, _("it is not a XAdES signature (no qualifying properties): perhaps an approval in Referent’s "
                     "earlier format, which did not sign who approved; the member must approve again"));
      return NULL;
    }
  props_id = attr (x->signed_properties, "Id");
  read_signed_info (x, why, &references);
  for (xmlNode *r = references; r != NULL && *why == NULL; r = next_element (r->next))
    {
      RefXadesReference *ref;

      if (!is (r, DSIG, "Reference"))
        {
          refuse (why, _("its SignedInfo holds <%s>"), (const char *) r->name);
          break;
        }
      if ((ref = read_reference (r, why)) != NULL)
        classify_reference (x, ref, props_id, parts_id, why);
    }
  if (*why == NULL && x->content == NULL)
    refuse (why, _("it does not sign the whole meeting"));
  if (*why == NULL && x->properties == NULL)
    refuse (why, _("it does not sign its signed properties"));
  if (*why == NULL && x->parts_object != NULL && x->parts == NULL)
    refuse (why, _("its list of parts is not signed"));
  if (*why != NULL)
    return NULL;
  read_key_info (x, key_info);
  find_signing_certificate (x, why);
  if (*why != NULL)
    return NULL;
  return g_steal_pointer (&x);
}

GBytes *
ref_xades_timestamp_input (RefXades *x)
{
  return canonical (x->signature->doc, x->signature_value, x->timestamp_c14n);
}

GBytes *
ref_xades_signature_value_input (xmlNode *signature, const char *c14n)
{
  xmlNode *value = first_element (signature);

  value = value ? next_element (value->next) : NULL;
  if (!is (value, DSIG, "SignatureValue"))
    return NULL;
  return canonical (signature->doc, value, c14n);
}

/* XML-DSig writes an ECDSA signature as r and s side by side; OpenSSL wants DER. */
static GBytes *
ecdsa_to_der (const guint8 *raw, gsize len)
{
  ECDSA_SIG *sig;
  BIGNUM *r, *s;
  unsigned char *der = NULL;
  int der_len;
  GBytes *result = NULL;

  if (len == 0 || len % 2 != 0)
    return NULL;
  r = BN_bin2bn (raw, (int) (len / 2), NULL);
  s = BN_bin2bn (raw + len / 2, (int) (len / 2), NULL);
  sig = ECDSA_SIG_new ();
  if (sig == NULL || r == NULL || s == NULL || !ECDSA_SIG_set0 (sig, r, s))
    {
      BN_free (r);
      BN_free (s);
      ECDSA_SIG_free (sig);
      return NULL;
    }
  der_len = i2d_ECDSA_SIG (sig, &der);
  if (der_len > 0)
    result = g_bytes_new (der, der_len);
  OPENSSL_free (der);
  ECDSA_SIG_free (sig);
  return result;
}

gboolean
ref_xades_signature_value_matches (RefXades *x, EVP_PKEY *key)
{
  g_autoptr (GBytes) signed_info = canonical (x->signature->doc, x->signed_info, x->c14n_method);
  g_autoptr (GBytes) value = NULL;
  g_autofree char *text = text_of (x->signature_value);
  g_autofree guchar *raw = NULL;
  gsize raw_len = 0;
  const EVP_MD *md = NULL;
  int key_type = -1;
  EVP_MD_CTX *ctx;
  gboolean ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (signature_methods); i++)
    if (g_strcmp0 (x->signature_method, signature_methods[i].uri) == 0)
      {
        md = ref_digest_for_algorithm (signature_methods[i].digest);
        key_type = signature_methods[i].key_type;
      }
  if (signed_info == NULL || md == NULL || key == NULL || EVP_PKEY_base_id (key) != key_type)
    return FALSE;
  raw = g_base64_decode (text, &raw_len);
  value = key_type == EVP_PKEY_EC ? ecdsa_to_der (raw, raw_len) : g_bytes_new (raw, raw_len);
  if (value == NULL)
    return FALSE;
  ctx = EVP_MD_CTX_new ();
  ok = ctx != NULL && EVP_DigestVerifyInit (ctx, NULL, md, NULL, key) == 1
       && EVP_DigestVerify (ctx, g_bytes_get_data (value, NULL), g_bytes_get_size (value),
                            g_bytes_get_data (signed_info, NULL), g_bytes_get_size (signed_info))
              == 1;
  EVP_MD_CTX_free (ctx);
  ERR_clear_error ();
  return ok;
}

gboolean
ref_xades_reference_matches (RefXades *x, RefXadesReference *ref)
{
  xmlAttr *id = ref->uri[0] == '#' ? xmlGetID (x->signature->doc, (const xmlChar *) ref->uri + 1) : NULL;
  const char *c14n = ref->transforms->len > 0 ? g_ptr_array_index (ref->transforms, ref->transforms->len - 1) : NULL;
  g_autoptr (GBytes) bytes = id ? canonical (x->signature->doc, id->parent, c14n) : NULL;
  const EVP_MD *md = ref_digest_for_algorithm (ref->digest_algorithm);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  g_autofree guchar *expected = NULL;
  gsize expected_len = 0;

  if (bytes == NULL || md == NULL
      || EVP_Digest (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), digest, &len, md, NULL) != 1)
    return FALSE;
  expected = g_base64_decode (ref->digest, &expected_len);
  return expected_len == len && memcmp (expected, digest, len) == 0;
}
