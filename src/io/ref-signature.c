/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/c14n.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/base64.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>

#include "ref-file-util.h"
#include "ref-signature.h"
#include "ref-xml.h"
#include "ref-xml-private.h"

G_DEFINE_QUARK (ref-signature-error-quark, ref_signature_error)

#define ALG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define SIGNATURE_ID "referent-approval"
#define SIGNING_TIME_ID "signing-time"
#define HEADER_ID "meeting"
#define PARTICIPANTS_ID "participants"
#define ITEM_ID_PREFIX "item-"
/* Far more than any real signature (a few kilobytes per certificate). */
#define MAX_SIGNATURE_SIZE (1024 * 1024)

/* ---- the XML security library ---- */

/* xmlsec reports through a global callback, innermost failure first; the first
 * message of this thread since the operation started explains a failure best, and
 * nothing goes to stderr. */
static GPrivate first_xmlsec_error = G_PRIVATE_INIT (g_free);

static void
keep_xmlsec_error (const char *file, int line, const char *func, const char *error_object,
                   const char *error_subject, int reason, const char *msg)
{
  g_autofree char *text = g_strstrip (g_strdup (REF_STR (msg)));

  g_debug ("xmlsec: %s:%d %s: %s (%s, reason %d)", REF_STR (file), line, REF_STR (func), text,
           REF_STR (error_subject), reason);
  if (g_private_get (&first_xmlsec_error) == NULL)
    g_private_set (&first_xmlsec_error,
                   g_strdup_printf ("%s%s%s", REF_STR (error_subject), *text ? ": " : "", text));
}

static void
forget_xmlsec_error (void)
{
  g_private_replace (&first_xmlsec_error, NULL);
}

static const char *
xmlsec_error_message (void)
{
  const char *message = g_private_get (&first_xmlsec_error);
  return message ? message : "";
}

static gboolean
init_xmlsec (void)
{
  /* xmlsec must not change how the rest of the application parses XML; these are the
   * libxml2 globals that decide whether entities are expanded and DTDs loaded. */
  int substitute = xmlSubstituteEntitiesDefault (0);
  int load_ext_dtd = xmlLoadExtDtdDefaultValue;
  gboolean ok = FALSE;

  xmlSubstituteEntitiesDefault (substitute);
  if (xmlSecInit () < 0)
    goto out;
  if (xmlSecCheckVersion () != 1)
    goto out;
  if (xmlSecCryptoAppInit (NULL) < 0 || xmlSecCryptoInit () < 0)
    goto out;
  xmlSecErrorsSetCallback (keep_xmlsec_error);
  /* Base64 on one line (xmlsec wants some limit): no line breaks inside values. */
  xmlSecBase64SetDefaultLineSize (1 << 20);
  ok = TRUE;
out:
  xmlSubstituteEntitiesDefault (substitute);
  xmlLoadExtDtdDefaultValue = load_ext_dtd;
  return ok;
}

/* Once per process. xmlSecShutdown() is never called: the library stays usable for
 * as long as the process runs, and the application may use libxml2 elsewhere. */
static gboolean
ensure_xmlsec (GError **error)
{
  static gsize done = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&done))
    {
      ok = init_xmlsec ();
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_INIT,
                 _("Could not initialise the XML security library (xmlsec with OpenSSL)"));
  return ok;
}

const char *
ref_approval_status_label (RefApprovalStatus status)
{
  switch (status)
    {
    case REF_APPROVAL_STATUS_VALID:
      return _("Valid");
    case REF_APPROVAL_STATUS_INVALID:
      return _("Invalid");
    case REF_APPROVAL_STATUS_UNTRUSTED:
      return _("Not trusted");
    case REF_APPROVAL_STATUS_VOID:
      return _("Voided");
    case REF_APPROVAL_STATUS_MALFORMED:
    default:
      return _("Damaged signature");
    }
}

/* ---- certificates ---- */

static char *
name_to_string (const X509_NAME *name)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  char *result;

  /* RFC 2253 with UTF-8 kept as it is (Danish names). */
  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  len = BIO_get_mem_data (bio, &data);
  result = g_strndup (data, len > 0 ? (gsize) len : 0);
  BIO_free (bio);
  if (!g_utf8_validate (result, -1, NULL))
    {
      char *valid = g_utf8_make_valid (result, -1);
      g_free (result);
      result = valid;
    }
  return result;
}

static char *
common_name (X509 *cert)
{
  const X509_NAME *name = X509_get_subject_name (cert);
  int index = X509_NAME_get_index_by_NID (name, NID_commonName, -1);
  unsigned char *utf8 = NULL;
  int len;
  char *result;

  if (index < 0)
    return NULL;
  len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, index)));
  if (len < 0)
    return NULL;
  result = g_strndup ((const char *) utf8, len);
  OPENSSL_free (utf8);
  if (!g_utf8_validate (result, -1, NULL) || *result == '\0')
    g_clear_pointer (&result, g_free);
  return result;
}

static char *
fingerprint (X509 *cert)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  GString *out;

  if (!X509_digest (cert, EVP_sha256 (), md, &len))
    return g_strdup ("");
  out = g_string_new (NULL);
  for (unsigned int i = 0; i < len; i++)
    g_string_append_printf (out, "%s%02X", i ? ":" : "", md[i]);
  return g_string_free (out, FALSE);
}

static X509 *
key_certificate (xmlSecKeyPtr key)
{
  xmlSecKeyDataPtr data = key ? xmlSecKeyGetData (key, xmlSecOpenSSLKeyDataX509Id) : NULL;
  return data ? xmlSecOpenSSLKeyDataX509GetKeyCert (data) : NULL;
}

/* ---- XML helpers ---- */

static xmlNode *
first_child (xmlNode *parent, const char *ns, const char *name)
{
  for (xmlNode *child = parent ? parent->children : NULL; child != NULL; child = child->next)
    if (ref_xml_is_element (child, ns, name))
      return child;
  return NULL;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text ? g_strstrip (text) : g_strdup ("");
}

static char *
get_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Whitespace-only text between the elements of a signature means nothing (no
 * element of ds:Signature has mixed content), but it would be canonicalised into
 * SignedInfo; dropping it makes the signature survive re-indentation of the file. */
static void
strip_blank_text (xmlNode *node)
{
  xmlNode *child = node->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if ((child->type == XML_TEXT_NODE && is_blank (child->content)) || child->type == XML_COMMENT_NODE
          || child->type == XML_PI_NODE)
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
      else if (child->type == XML_ELEMENT_NODE)
        strip_blank_text (child);
      child = next;
    }
}

/* xmlsec writes base64 values that are not signed (the signature value, the
 * certificates) between line breaks; the stored form drops them and stays on one
 * line. SignedInfo and the signed Object are left exactly as signed. */
static void
trim_unsigned_values (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (ref_xml_is_element (child, REF_XML_DSIG_NAMESPACE, "SignedInfo")
          || ref_xml_is_element (child, REF_XML_DSIG_NAMESPACE, "Object"))
        continue;
      if (child->type == XML_TEXT_NODE && child->content != NULL)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup ((const char *) child->content));
          xmlNodeSetContent (child, (const xmlChar *) trimmed);
        }
      else if (child->type == XML_ELEMENT_NODE)
        trim_unsigned_values (child);
    }
}

/* ---- the content document ---- */

static void
set_id (xmlDoc *doc, xmlNode *node, const char *id, GPtrArray *parts)
{
  xmlAttr *attr;

  /* A duplicate item number (possible while editing) must not make two parts one. */
  if (xmlGetID (doc, (const xmlChar *) id) != NULL)
    return;
  attr = xmlSetProp (node, (const xmlChar *) "Id", (const xmlChar *) id);
  xmlAddID (NULL, doc, (const xmlChar *) id, attr);
  g_ptr_array_add (parts, g_strdup (id));
}

/* The content document (the meeting as approved, built from the model, so the
 * file's formatting plays no part) with the Ids of its parts; @parts receives the Ids
 * in document order. */
static xmlDoc *
content_document (RefMeeting *meeting, GPtrArray *parts)
{
  g_autoptr (GBytes) bytes = ref_xml_write_content_bytes (meeting);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlDoc *doc = xmlReadMemory (data, (int) len, "content.referat", "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;

  if (root == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (ref_xml_is_element (child, REF_XML_NAMESPACE, "meeting"))
        set_id (doc, child, HEADER_ID, parts);
      else if (ref_xml_is_element (child, REF_XML_NAMESPACE, "participants"))
        set_id (doc, child, PARTICIPANTS_ID, parts);
      else if (ref_xml_is_element (child, REF_XML_NAMESPACE, "items"))
        for (xmlNode *item = child->children; item != NULL; item = item->next)
          if (ref_xml_is_element (item, REF_XML_NAMESPACE, "item"))
            {
              g_autofree char *number = get_attr (item, "number");
              g_autofree char *id = g_strconcat (ITEM_ID_PREFIX, REF_STR (number), NULL);
              set_id (doc, item, id, parts);
            }
    }
  return doc;
}

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

/* The SHA-256 digest (base64) of the exclusive canonical form of @top's subtree, or
 * of the whole document when @top is NULL: what a ds:Reference to it digests. */
static char *
c14n_digest (xmlDoc *doc, xmlNode *top)
{
  xmlOutputBuffer *buffer = xmlAllocOutputBuffer (NULL);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  char *result = NULL;

  if (buffer == NULL)
    return NULL;
  if (xmlC14NExecute (doc, top ? in_subtree : NULL, top, XML_C14N_EXCLUSIVE_1_0, NULL, 0, buffer) >= 0)
    {
      g_checksum_update (checksum, xmlOutputBufferGetContent (buffer), xmlOutputBufferGetSize (buffer));
      g_checksum_get_digest (checksum, digest, &digest_len);
      result = g_base64_encode (digest, digest_len);
    }
  xmlOutputBufferClose (buffer);
  return result;
}

/* ---- signing ---- */

static xmlNode *
add_reference (xmlNode *signature, const char *uri, gboolean enveloped)
{
  xmlNode *reference = xmlSecTmplSignatureAddReference (signature, xmlSecTransformSha256Id, NULL,
                                                        (const xmlChar *) uri, NULL);

  if (reference == NULL)
    return NULL;
  if (enveloped && xmlSecTmplReferenceAddTransform (reference, xmlSecTransformEnvelopedId) == NULL)
    return NULL;
  if (xmlSecTmplReferenceAddTransform (reference, xmlSecTransformExclC14NId) == NULL)
    return NULL;
  return reference;
}

/* The ds:Signature template, appended to the content document's root: the whole
 * content, each part, and the signing time. */
static xmlNode *
signature_template (xmlDoc *doc, GPtrArray *parts, const char *signing_time)
{
  xmlNode *signature = xmlSecTmplSignatureCreateNsPref (doc, xmlSecTransformExclC14NId, xmlSecTransformRsaSha256Id,
                                                        (const xmlChar *) SIGNATURE_ID, (const xmlChar *) "ds");
  xmlNode *object, *properties, *property, *time;
  xmlNode *key_info;
  xmlNs *ns;

  if (signature == NULL)
    return NULL;
  xmlAddChild (xmlDocGetRootElement (doc), signature);
  if (add_reference (signature, "", TRUE) == NULL)
    return NULL;
  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *uri = g_strconcat ("#", (const char *) g_ptr_array_index (parts, i), NULL);
      if (add_reference (signature, uri, FALSE) == NULL)
        return NULL;
    }
  if (add_reference (signature, "#" SIGNING_TIME_ID, FALSE) == NULL)
    return NULL;

  object = xmlSecTmplSignatureAddObject (signature, (const xmlChar *) SIGNING_TIME_ID, NULL, NULL);
  if (object == NULL)
    return NULL;
  properties = xmlNewChild (object, object->ns, (const xmlChar *) "SignatureProperties", NULL);
  property = xmlNewChild (properties, object->ns, (const xmlChar *) "SignatureProperty", NULL);
  xmlSetProp (property, (const xmlChar *) "Target", (const xmlChar *) "#" SIGNATURE_ID);
  time = xmlNewChild (property, NULL, (const xmlChar *) "SigningTime", (const xmlChar *) signing_time);
  ns = xmlNewNs (time, (const xmlChar *) REF_XML_NAMESPACE, NULL);
  xmlSetNs (time, ns);

  key_info = xmlSecTmplSignatureEnsureKeyInfo (signature, NULL);
  if (key_info == NULL || xmlSecTmplKeyInfoAddX509Data (key_info) == NULL)
    return NULL;
  strip_blank_text (signature);
  return signature;
}

static xmlSecKeyPtr
load_pkcs12 (const char *path, const char *password, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  const char *data;
  gsize len = 0;
  g_autoptr (GError) local_error = NULL;
  xmlSecKeyPtr key;

  bytes = ref_file_read_path (path, REF_FILE_MAX_CERTIFICATES, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY, _("Could not read the certificate file “%s”: %s"),
                   path, local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  key = xmlSecCryptoAppKeyLoadMemory ((const xmlSecByte *) data, (xmlSecSize) len, xmlSecKeyDataFormatPkcs12,
                                      password, NULL, NULL);
  ERR_clear_error ();
  if (key == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY,
                   _("Could not open the certificate file “%s”: the password is wrong or it is not a PKCS#12 file"),
                   path);
      return NULL;
    }
  if (key_certificate (key) == NULL)
    {
      xmlSecKeyDestroy (key);
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY,
                   _("The certificate file “%s” holds a key but no certificate"), path);
      return NULL;
    }
  return key;
}

static gboolean
check_valid_at (X509 *cert, const char *path, GDateTime *when, GError **error)
{
  time_t t = (time_t) g_date_time_to_unix (when);

  if (X509_cmp_time (X509_get0_notBefore (cert), &t) > 0)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY,
                   _("The certificate in “%s” is not valid yet at the signing time"), path);
      return FALSE;
    }
  if (X509_cmp_time (X509_get0_notAfter (cert), &t) < 0)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY,
                   _("The certificate in “%s” had expired at the signing time"), path);
      return FALSE;
    }
  return TRUE;
}

static RefParticipant *
participant_named (RefMeeting *meeting, const char *name)
{
  GListModel *participants = ref_meeting_get_participants (meeting);
  g_autofree char *folded = NULL;

  RefParticipant *exact;

  if (name == NULL)
    return NULL;
  if ((exact = ref_meeting_find_participant (meeting, name)) != NULL)
    return exact;
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *other = g_utf8_casefold (ref_participant_get_name (p), -1);
      if (g_strcmp0 (folded, other) == 0)
        return p; /* owned by the meeting */
    }
  return NULL;
}

/* Wall-clock time to the minute, as the file format stores times. */
static GDateTime *
wall_clock_minute (GDateTime *dt)
{
  return g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt),
                              g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                              g_date_time_get_minute (dt), 0);
}

RefApproval *
ref_signature_sign (RefMeeting *meeting, const char *pkcs12_path, const char *password, GDateTime *time,
                    GError **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) wall = NULL;
  g_autofree char *signing_time = NULL;
  g_autofree char *signature_text = NULL;
  g_autofree char *signer = NULL;
  xmlSecKeyPtr key = NULL;
  xmlSecDSigCtxPtr ctx = NULL;
  xmlDoc *doc = NULL;
  xmlNode *signature;
  X509 *cert;
  RefApproval *approval = NULL;
  RefHistory *history;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (pkcs12_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_xmlsec (error))
    return NULL;
  if ((key = load_pkcs12 (pkcs12_path, password, error)) == NULL)
    return NULL;
  cert = key_certificate (key);
  /* The offset is kept with the time, so every verifier reads the same wall clock. */
  now = time ? g_date_time_ref (time) : g_date_time_new_now_local ();
  if (!check_valid_at (cert, pkcs12_path, now, error))
    goto out;
  signing_time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  signer = common_name (cert);
  if (signer == NULL)
    signer = name_to_string (X509_get_subject_name (cert));

  doc = content_document (meeting, parts);
  if (doc == NULL || (signature = signature_template (doc, parts, signing_time)) == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED,
                   _("Could not prepare the signature of the meeting"));
      goto out;
    }
  xmlSecAddIDs (doc, signature, (const xmlChar *[]){ (const xmlChar *) "Id", NULL });
  ctx = xmlSecDSigCtxCreate (NULL);
  if (ctx == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED, _("Could not prepare the signature of the meeting"));
      goto out;
    }
  ctx->signKey = g_steal_pointer (&key);
  forget_xmlsec_error ();
  if (xmlSecDSigCtxSign (ctx, signature) < 0)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED, _("Signing the meeting failed: %s"),
                   xmlsec_error_message ());
      goto out;
    }
  strip_blank_text (signature);
  trim_unsigned_values (signature);
  signature_text = ref_xml_node_to_string (signature);

  approval = ref_approval_new ();
  wall = wall_clock_minute (now);
  ref_approval_set_signer (approval, signer);
  ref_approval_set_participant (approval, participant_named (meeting, signer));
  ref_approval_set_time (approval, wall);
  ref_approval_set_signature (approval, signature_text);

  history = ref_meeting_get_history (meeting);
  ref_history_begin_group (history);
  ref_meeting_set_locked (meeting, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval);
  ref_history_end_group (history);

out:
  ERR_clear_error ();
  g_clear_pointer (&ctx, xmlSecDSigCtxDestroy);
  g_clear_pointer (&key, xmlSecKeyDestroy);
  g_clear_pointer (&doc, xmlFreeDoc);
  return approval;
}

/* ---- verifying ---- */

typedef struct {
  RefApprovalStatus status;
  char *message;
  char *subject;
  char *issuer;
  char *fingerprint;
  GDateTime *signing_time;
  GPtrArray *changed;    /* char* */
  GArray *changed_items; /* guint */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_free (o->message);
  g_free (o->subject);
  g_free (o->issuer);
  g_free (o->fingerprint);
  g_clear_pointer (&o->signing_time, g_date_time_unref);
  g_clear_pointer (&o->changed, g_ptr_array_unref);
  g_clear_pointer (&o->changed_items, g_array_unref);
}

G_GNUC_PRINTF (3, 4)
static void
outcome_set (Outcome *o, RefApprovalStatus status, const char *format, ...)
{
  va_list args;

  o->status = status;
  g_free (o->message);
  va_start (args, format);
  o->message = g_strdup_vprintf (format, args);
  va_end (args);
}

static RefApprovalCheck *
outcome_to_check (Outcome *o)
{
  g_auto (GStrv) changed = NULL;
  RefApprovalCheck *check;

  if (o->changed != NULL && o->changed->len > 0)
    {
      g_ptr_array_add (o->changed, NULL);
      changed = (GStrv) g_ptr_array_steal (o->changed, NULL);
    }
  check = g_object_new (REF_TYPE_APPROVAL_CHECK, "status", o->status, "message", o->message, "subject", o->subject,
                        "issuer", o->issuer, "fingerprint", o->fingerprint, "signing-time", o->signing_time,
                        "changed", changed, "changed-items",
                        o->changed_items && o->changed_items->len ? o->changed_items : NULL, NULL);
  outcome_clear (o);
  return check;
}

/* Parses the stored ds:Signature. It was serialised by Referent, but a file may have
 * been edited by hand or damaged: anything not a single ds:Signature is refused. */
static xmlDoc *
parse_signature (const char *text, Outcome *o)
{
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  xmlNode *root;
  gsize len = strlen (text);

  if (len == 0)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The approval has no signature element"));
      return NULL;
    }
  if (len > MAX_SIGNATURE_SIZE)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The signature element is larger than %d KiB"),
                   MAX_SIGNATURE_SIZE / 1024);
      return NULL;
    }
  /* A signature never has a DTD; one could declare entities. */
  if (strstr (text, "<!") != NULL)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED,
                   _("Signature element is truncated or not an XML signature: it holds a declaration or CDATA"));
      return NULL;
    }
  ctxt = xmlNewParserCtxt ();
  doc = ctxt ? xmlCtxtReadMemory (ctxt, text, (int) len, "signature", "UTF-8",
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
             : NULL;
  if (doc == NULL || ctxt == NULL || !ctxt->wellFormed)
    {
      const xmlError *err = ctxt ? xmlCtxtGetLastError (ctxt) : NULL;
      g_autofree char *detail = g_strdup (err && err->message ? err->message : "");

      g_strstrip (detail);
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("Signature element is truncated or not an XML signature: %s"),
                   detail);
      g_clear_pointer (&doc, xmlFreeDoc);
      g_clear_pointer (&ctxt, xmlFreeParserCtxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);
  root = xmlDocGetRootElement (doc);
  if (!ref_xml_is_element (root, REF_XML_DSIG_NAMESPACE, "Signature"))
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED,
                   _("Signature element is truncated or not an XML signature: found <%s> instead of ds:Signature"),
                   root ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }
  strip_blank_text (root);
  return doc;
}

/* The certificates in ds:KeyInfo/ds:X509Data, DER. */
static GPtrArray *
signature_certificates (xmlNode *signature)
{
  GPtrArray *certs = g_ptr_array_new_with_free_func ((GDestroyNotify) X509_free);
  xmlNode *key_info = first_child (signature, REF_XML_DSIG_NAMESPACE, "KeyInfo");

  for (xmlNode *data = key_info ? key_info->children : NULL; data != NULL; data = data->next)
    {
      if (!ref_xml_is_element (data, REF_XML_DSIG_NAMESPACE, "X509Data"))
        continue;
      for (xmlNode *c = data->children; c != NULL; c = c->next)
        {
          g_autofree char *text = NULL;
          g_autofree guchar *der = NULL;
          gsize der_len = 0;
          const unsigned char *p;
          X509 *cert;

          if (!ref_xml_is_element (c, REF_XML_DSIG_NAMESPACE, "X509Certificate"))
            continue;
          text = node_text (c);
          der = g_base64_decode (text, &der_len);
          p = der;
          cert = der_len > 0 && der_len < G_MAXINT ? d2i_X509 (NULL, &p, (long) der_len) : NULL;
          if (cert != NULL)
            g_ptr_array_add (certs, cert);
        }
    }
  ERR_clear_error ();
  return certs;
}

/* The end-entity certificate: the one that issued no other certificate of the set. */
static X509 *
leaf_certificate (GPtrArray *certs)
{
  for (guint i = 0; i < certs->len; i++)
    {
      X509 *candidate = g_ptr_array_index (certs, i);
      gboolean issued_other = FALSE;

      for (guint j = 0; j < certs->len && !issued_other; j++)
        if (i != j && X509_check_issued (candidate, g_ptr_array_index (certs, j)) == X509_V_OK)
          issued_other = TRUE;
      if (!issued_other)
        return candidate;
    }
  return certs->len ? g_ptr_array_index (certs, 0) : NULL;
}

static void
describe_certificate (Outcome *o, X509 *cert)
{
  o->subject = name_to_string (X509_get_subject_name (cert));
  o->issuer = name_to_string (X509_get_issuer_name (cert));
  o->fingerprint = fingerprint (cert);
}

static GDateTime *
signed_time (xmlNode *signature)
{
  xmlNode *object = first_child (signature, REF_XML_DSIG_NAMESPACE, "Object");
  xmlNode *properties = first_child (object, REF_XML_DSIG_NAMESPACE, "SignatureProperties");
  xmlNode *property = first_child (properties, REF_XML_DSIG_NAMESPACE, "SignatureProperty");
  xmlNode *time = first_child (property, REF_XML_NAMESPACE, "SigningTime");
  g_autofree char *text = NULL;
  g_autofree char *id = object ? get_attr (object, "Id") : NULL;

  if (time == NULL || g_strcmp0 (id, SIGNING_TIME_ID) != 0)
    return NULL;
  text = node_text (time);
  return g_date_time_new_from_iso8601 (text, NULL);
}

typedef struct {
  char *uri;
  char *digest;
} Reference;

static void
reference_clear (Reference *r)
{
  g_free (r->uri);
  g_free (r->digest);
}

static gboolean
has_transforms (xmlNode *reference, const char *first, const char *second)
{
  xmlNode *transforms = first_child (reference, REF_XML_DSIG_NAMESPACE, "Transforms");
  const char *expected[] = { first, second };
  guint n = 0;

  for (xmlNode *t = transforms ? transforms->children : NULL; t != NULL; t = t->next)
    {
      g_autofree char *algorithm = NULL;

      if (t->type != XML_ELEMENT_NODE)
        continue;
      algorithm = get_attr (t, "Algorithm");
      if (!ref_xml_is_element (t, REF_XML_DSIG_NAMESPACE, "Transform") || n >= G_N_ELEMENTS (expected)
          || expected[n] == NULL || g_strcmp0 (algorithm, expected[n]) != 0)
        return FALSE;
      n++;
    }
  return n == (second ? 2u : 1u);
}

/* The references of SignedInfo, checked to be those Referent makes: the whole content
 * (enveloped), the signing time, and parts. Anything else (a signature of only some
 * of the content, say) is refused, with the reason in @why. */
static GArray *
signature_references (xmlNode *signature, char **why)
{
  g_autoptr (GArray) refs = g_array_new (FALSE, TRUE, sizeof (Reference));
  xmlNode *signed_info = first_child (signature, REF_XML_DSIG_NAMESPACE, "SignedInfo");
  gboolean whole = FALSE, time = FALSE;

  g_array_set_clear_func (refs, (GDestroyNotify) reference_clear);
  for (xmlNode *r = signed_info ? signed_info->children : NULL; r != NULL; r = r->next)
    {
      Reference ref = { 0 };
      xmlNode *digest;

      if (!ref_xml_is_element (r, REF_XML_DSIG_NAMESPACE, "Reference"))
        continue;
      ref.uri = get_attr (r, "URI");
      digest = first_child (r, REF_XML_DSIG_NAMESPACE, "DigestValue");
      ref.digest = digest ? node_text (digest) : g_strdup ("");
      g_array_append_val (refs, ref);
      if (ref.uri == NULL)
        {
          *why = g_strdup (_("a reference has no URI"));
          return NULL;
        }
      if (*ref.uri == '\0')
        {
          if (whole || !has_transforms (r, ALG_ENVELOPED, ALG_EXC_C14N))
            {
              *why = g_strdup (_("it does not sign the whole meeting in the way Referent does"));
              return NULL;
            }
          whole = TRUE;
        }
      else if (g_str_equal (ref.uri, "#" SIGNING_TIME_ID))
        time = TRUE;
      else if (!g_str_equal (ref.uri, "#" HEADER_ID) && !g_str_equal (ref.uri, "#" PARTICIPANTS_ID)
               && !g_str_has_prefix (ref.uri, "#" ITEM_ID_PREFIX))
        {
          *why = g_strdup_printf (_("it refers to “%s”, which is no part of a meeting"), ref.uri);
          return NULL;
        }
      if (*ref.uri != '\0' && !has_transforms (r, ALG_EXC_C14N, NULL))
        {
          *why = g_strdup_printf (_("the reference to “%s” is not canonicalised the way Referent does"), ref.uri);
          return NULL;
        }
    }
  if (!whole)
    {
      *why = g_strdup (_("it does not sign the whole meeting"));
      return NULL;
    }
  if (!time)
    {
      *why = g_strdup (_("it does not sign its signing time"));
      return NULL;
    }
  return g_steal_pointer (&refs);
}

/* Runs xmlsec. @anchors NULL: the certificate is not checked (the key is taken from it
 * as it is). Returns 1 when the signature verifies, 0 when it does not, -1 when it
 * could not be checked (no usable key, say). */
static int
run_xmlsec (xmlNode *signature, RefSignatureTrust *anchors, GDateTime *signing_time)
{
  xmlSecKeysMngrPtr manager = xmlSecKeysMngrCreate ();
  xmlSecDSigCtxPtr ctx = NULL;
  int result = -1;

  if (manager == NULL || xmlSecCryptoAppDefaultKeysMngrInit (manager) < 0)
    goto out;
  for (guint i = 0; anchors != NULL && i < ref_signature_trust_get_n_certificates (anchors); i++)
    {
      GBytes *der = ref_signature_trust_get_certificate (anchors, i);
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (der, &len);

      if (xmlSecCryptoAppKeysMngrCertLoadMemory (manager, data, (xmlSecSize) len, xmlSecKeyDataFormatDer,
                                                 xmlSecKeyDataTypeTrusted) < 0)
        goto out;
    }
  ctx = xmlSecDSigCtxCreate (manager);
  if (ctx == NULL)
    goto out;
  /* Only what Referent signs with, only inside this document, and a key only from the
   * certificate: no external URIs, no XSLT or XPath, no bare key values. */
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument;
  if (xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformEnvelopedId) < 0
      || xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformExclC14NId) < 0
      || xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformSha256Id) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformExclC14NId) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformRsaSha256Id) < 0
      || xmlSecPtrListAdd (&ctx->keyInfoReadCtx.enabledKeyData, (xmlSecPtr) xmlSecKeyDataX509Id) < 0)
    goto out;
  ctx->keyInfoReadCtx.certsVerificationTime = (time_t) g_date_time_to_unix (signing_time);
  if (anchors == NULL)
    ctx->keyInfoReadCtx.flags |= XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS;
  forget_xmlsec_error ();
  if (xmlSecDSigCtxVerify (ctx, signature) < 0)
    goto out;
  result = ctx->status == xmlSecDSigStatusSucceeded ? 1 : 0;
out:
  ERR_clear_error ();
  g_clear_pointer (&ctx, xmlSecDSigCtxDestroy);
  g_clear_pointer (&manager, xmlSecKeysMngrDestroy);
  return result;
}

/* "Item 3: Budget 2025", "Item 3: Budget 2025 (added)", "Item 3" … */
static char *
item_label (RefMeeting *meeting, guint number, gboolean added)
{
  RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, number);
  const char *title = item ? ref_agenda_item_get_title (item) : "";

  if (*title)
    return added ? g_strdup_printf (_("Item %u: %s (added)"), number, title)
                 : g_strdup_printf (_("Item %u: %s"), number, title);
  return added ? g_strdup_printf (_("Item %u (added)"), number) : g_strdup_printf (_("Item %u"), number);
}

static void
add_changed_item (Outcome *o, guint number, char *label)
{
  g_ptr_array_add (o->changed, label);
  g_array_append_val (o->changed_items, number);
}

static gboolean
parse_item_id (const char *id, guint *number)
{
  guint64 value;

  if (!g_str_has_prefix (id, ITEM_ID_PREFIX)
      || !g_ascii_string_to_unsigned (id + strlen (ITEM_ID_PREFIX), 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *number = (guint) value;
  return TRUE;
}

/* Which parts differ from what was signed: each part's digest now against the one in
 * the signature; items referenced but gone were removed, items with no reference
 * added. */
static void
find_changes (Outcome *o, RefMeeting *meeting, xmlDoc *doc, GArray *refs, GPtrArray *parts,
              const char *whole_digest)
{
  g_autoptr (GHashTable) referenced = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean whole_changed = FALSE;

  o->changed = g_ptr_array_new_with_free_func (g_free);
  o->changed_items = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < refs->len; i++)
    {
      Reference *ref = &g_array_index (refs, Reference, i);
      const char *id = ref->uri + 1;
      xmlAttr *attr;
      g_autofree char *digest = NULL;
      guint number;

      if (*ref->uri == '\0')
        {
          whole_changed = g_strcmp0 (whole_digest, ref->digest) != 0;
          continue;
        }
      g_hash_table_add (referenced, (gpointer) id);
      attr = xmlGetID (doc, (const xmlChar *) id);
      if (attr != NULL)
        digest = c14n_digest (doc, attr->parent);
      if (digest != NULL && g_strcmp0 (digest, ref->digest) == 0)
        continue;
      if (g_str_equal (id, HEADER_ID))
        g_ptr_array_add (o->changed, g_strdup (_("Meeting header")));
      else if (g_str_equal (id, PARTICIPANTS_ID))
        g_ptr_array_add (o->changed, g_strdup (_("Participants")));
      else if (g_str_equal (id, SIGNING_TIME_ID))
        g_ptr_array_add (o->changed, g_strdup (_("Signing time")));
      else if (parse_item_id (id, &number))
        {
          if (attr == NULL)
            add_changed_item (o, number, g_strdup_printf (_("Item %u (removed)"), number));
          else
            add_changed_item (o, number, item_label (meeting, number, FALSE));
        }
    }
  for (guint i = 0; i < parts->len; i++)
    {
      const char *id = g_ptr_array_index (parts, i);
      guint number;

      if (!g_hash_table_contains (referenced, id) && parse_item_id (id, &number))
        add_changed_item (o, number, item_label (meeting, number, TRUE));
    }
  if (whole_changed && o->changed->len == 0)
    g_ptr_array_add (o->changed, g_strdup (_("Meeting content")));

  if (o->changed->len == 0)
    outcome_set (o, REF_APPROVAL_STATUS_INVALID,
                 _("The signature value does not match the signed content: the signature was forged or damaged"));
  else
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (o->changed, NULL);
      list = g_strjoinv ("; ", (char **) o->changed->pdata);
      g_ptr_array_remove_index (o->changed, o->changed->len - 1);
      outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("Content changed after signing: %s"), list);
    }
}

/* Whether one of the trust anchors really issued @leaf (names match and the anchor's
 * key verifies the certificate's signature), whatever else is wrong with it. */
static gboolean
issued_by_anchor (RefSignatureTrust *trust, X509 *leaf)
{
  guint n = trust != NULL && leaf != NULL ? ref_signature_trust_get_n_certificates (trust) : 0;

  for (guint i = 0; i < n; i++)
    {
      GBytes *der = ref_signature_trust_get_certificate (trust, i);
      gsize len = 0;
      const unsigned char *p = g_bytes_get_data (der, &len);
      X509 *anchor = len > 0 && len < G_MAXINT ? d2i_X509 (NULL, &p, (long) len) : NULL;
      gboolean issued = anchor != NULL && X509_check_issued (anchor, leaf) == X509_V_OK
                        && X509_verify (leaf, X509_get0_pubkey (anchor)) == 1;

      X509_free (anchor);
      if (issued)
        {
          ERR_clear_error ();
          return TRUE;
        }
    }
  ERR_clear_error ();
  return FALSE;
}

/* @leaf: the signer's certificate, from @stored */
static void
verify_content (Outcome *o, RefMeeting *meeting, RefApproval *approval, xmlNode *stored, X509 *leaf, GArray *refs,
                RefSignatureTrust *trust)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *whole_digest = NULL;
  xmlDoc *doc = content_document (meeting, parts);
  xmlNode *signature;
  int result = -1;

  if (doc == NULL)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The meeting could not be prepared for checking"));
      return;
    }
  whole_digest = c14n_digest (doc, NULL);
  signature = xmlDocCopyNode (stored, doc, 1);
  xmlAddChild (xmlDocGetRootElement (doc), signature);
  xmlSecAddIDs (doc, signature, (const xmlChar *[]){ (const xmlChar *) "Id", NULL });

  if (trust != NULL && ref_signature_trust_get_n_certificates (trust) > 0)
    result = run_xmlsec (signature, trust, o->signing_time);
  if (result == 1)
    o->status = REF_APPROVAL_STATUS_VALID;
  else
    {
      /* Not valid against the trust anchors: is the signature itself sound? */
      result = run_xmlsec (signature, NULL, o->signing_time);
      if (result == 1 && issued_by_anchor (trust, leaf))
        {
          /* The authority is trusted, so the certificate itself failed the check at the
           * signing time: saying "not a trusted authority" would send the reader the
           * wrong way. */
          g_autofree char *when = g_date_time_format (o->signing_time, "%Y-%m-%d %H:%M");
          outcome_set (o, REF_APPROVAL_STATUS_UNTRUSTED,
                       _("Certificate %s from a trusted authority did not verify at the signing time %s "
                         "(expired, not yet valid or otherwise unusable)"),
                       o->subject, when);
        }
      else if (result == 1)
        outcome_set (o, REF_APPROVAL_STATUS_UNTRUSTED,
                     _("Certificate is not issued by a trusted authority: %s (issued by %s)"), o->subject, o->issuer);
      else if (result == 0)
        find_changes (o, meeting, doc, refs, parts, whole_digest);
      else
        outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The signature could not be checked: %s"),
                     xmlsec_error_message ());
    }
  xmlFreeDoc (doc);

  if (o->status == REF_APPROVAL_STATUS_VALID || o->status == REF_APPROVAL_STATUS_UNTRUSTED)
    {
      /* The time attribute is outside the signature; it must say what the signature does. */
      g_autoptr (GDateTime) wall = wall_clock_minute (o->signing_time);
      GDateTime *stated = ref_approval_get_time (approval);

      if (stated == NULL || !g_date_time_equal (stated, wall))
        {
          g_autofree char *signed_text = g_date_time_format (wall, "%Y-%m-%d %H:%M");
          o->changed = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (o->changed, g_strdup (_("Approval time")));
          outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("The approval time was changed: the signed time is %s"),
                       signed_text);
        }
      else if (o->status == REF_APPROVAL_STATUS_VALID)
        outcome_set (o, REF_APPROVAL_STATUS_VALID, _("Valid approval by %s"), o->subject);
    }
}

RefApprovalCheck *
ref_signature_verify (RefMeeting *meeting, RefApproval *approval, RefSignatureTrust *trust)
{
  Outcome o = { REF_APPROVAL_STATUS_MALFORMED, NULL };
  g_autoptr (GPtrArray) certs = NULL;
  g_autoptr (GArray) refs = NULL;
  g_autofree char *why = NULL;
  xmlDoc *sig_doc = NULL;
  xmlNode *root;
  X509 *leaf;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (REF_IS_APPROVAL (approval), NULL);
  g_return_val_if_fail (trust == NULL || REF_IS_SIGNATURE_TRUST (trust), NULL);

  if (!ensure_xmlsec (NULL))
    {
      outcome_set (&o, REF_APPROVAL_STATUS_MALFORMED,
                   _("Could not initialise the XML security library (xmlsec with OpenSSL)"));
      return outcome_to_check (&o);
    }
  if ((sig_doc = parse_signature (ref_approval_get_signature (approval), &o)) == NULL)
    {
      if (ref_approval_get_voided (approval))
        outcome_set (&o, REF_APPROVAL_STATUS_VOID, _("Voided: the meeting was unlocked after this approval"));
      return outcome_to_check (&o);
    }
  root = xmlDocGetRootElement (sig_doc);
  certs = signature_certificates (root);
  if ((leaf = leaf_certificate (certs)) != NULL)
    describe_certificate (&o, leaf);
  o.signing_time = signed_time (root);

  if (ref_approval_get_voided (approval))
    outcome_set (&o, REF_APPROVAL_STATUS_VOID, _("Voided: the meeting was unlocked after this approval"));
  else if (leaf == NULL)
    outcome_set (&o, REF_APPROVAL_STATUS_MALFORMED, _("The signature holds no readable X.509 certificate"));
  else if (o.signing_time == NULL)
    outcome_set (&o, REF_APPROVAL_STATUS_MALFORMED, _("The signature has no valid signing time"));
  else if ((refs = signature_references (root, &why)) == NULL)
    outcome_set (&o, REF_APPROVAL_STATUS_MALFORMED, _("The signature is not a Referent approval: %s"), why);
  else
    verify_content (&o, meeting, approval, root, leaf, refs, trust);

  xmlFreeDoc (sig_doc);
  return outcome_to_check (&o);
}
