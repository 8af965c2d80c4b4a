/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <string.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/openssl/x509.h>

#include "ref-file-util.h"
#include "ref-model-util.h"
#include "ref-signature.h"
#include "ref-signature-private.h"
#include "ref-timestamp.h"
#include "ref-xades.h"
#include "ref-xml-private.h"
#include "ref-xml.h"

G_DEFINE_QUARK (ref-signature-error-quark, ref_signature_error)

/* Far more than any real signature: a few kilobytes per certificate and about 80
 * bytes per item in the list of parts. */
#define MAX_SIGNATURE_SIZE (16 * 1024 * 1024)

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
    case REF_APPROVAL_STATUS_NOT_COUNTED:
      return _("Not counted");
    case REF_APPROVAL_STATUS_MALFORMED:
    default:
      return _("Damaged signature");
    }
}

/* ---- snapshots ---- */

typedef struct {
  char *id;          /* as the writer names it: "p3" */
  char *name;
  char *certificate; /* recorded fingerprint or "" */
  gboolean approves; /* a member present: the minutes need this approval */
} SnapParticipant;

typedef struct {
  char *signature;
  gboolean voided;
  char *stated_id;     /* the approval's ref, outside the signature (nullable) */
  char *stated_signer; /* <signer>, outside the signature */
  GDateTime *stated_time;
} SnapApproval;

struct _RefSignatureSnapshot {
  GBytes *content;
  GArray *ranges; /* RefXmlPart: where each part is in @content */
  GDateTime *start; /* the meeting's start, local wall clock (nullable) */
  GPtrArray *participants; /* SnapParticipant */
  GPtrArray *approvals;    /* SnapApproval */
};

struct _RefSignature {
  char *text;
  char *participant_id;
  char *signer;
  GDateTime *time;
};

static void
snap_participant_free (SnapParticipant *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p->certificate);
  g_free (p);
}

static void
snap_approval_free (SnapApproval *a)
{
  g_free (a->signature);
  g_free (a->stated_id);
  g_free (a->stated_signer);
  g_clear_pointer (&a->stated_time, g_date_time_unref);
  g_free (a);
}

void
ref_signature_snapshot_free (RefSignatureSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->content, g_bytes_unref);
  g_clear_pointer (&snapshot->ranges, g_array_unref);
  g_clear_pointer (&snapshot->start, g_date_time_unref);
  g_clear_pointer (&snapshot->participants, g_ptr_array_unref);
  g_clear_pointer (&snapshot->approvals, g_ptr_array_unref);
  g_free (snapshot);
}

void
ref_signature_free (RefSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->text);
  g_free (signature->participant_id);
  g_free (signature->signer);
  g_clear_pointer (&signature->time, g_date_time_unref);
  g_free (signature);
}

/* The file stores wall-clock times; the meeting took place in local time. */
static GDateTime *
local_wall_clock (GDateTime *wall)
{
  if (wall == NULL)
    return NULL;
  return g_date_time_new_local (g_date_time_get_year (wall), g_date_time_get_month (wall),
                                g_date_time_get_day_of_month (wall), g_date_time_get_hour (wall),
                                g_date_time_get_minute (wall), 0);
}

static RefSignatureSnapshot *
snapshot_new (RefMeeting *meeting, gboolean for_signing)
{
  RefSignatureSnapshot *snapshot = g_new0 (RefSignatureSnapshot, 1);
  GListModel *participants = ref_meeting_get_participants (meeting);
  GListModel *approvals = ref_meeting_get_approvals (meeting);
  g_autoptr (GHashTable) ids = g_hash_table_new (NULL, NULL);

  /* Writing the content of a large meeting takes a moment and megabytes: not done to
   * verify no approvals at all (a new window, the PDF's signature page). */
  if (for_signing || g_list_model_get_n_items (approvals) > 0)
    snapshot->content = ref_xml_write_content_parts (meeting, &snapshot->ranges);
  snapshot->start = local_wall_clock (ref_meeting_get_start (meeting));
  snapshot->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) snap_participant_free);
  snapshot->approvals = g_ptr_array_new_with_free_func ((GDestroyNotify) snap_approval_free);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      SnapParticipant *sp = g_new0 (SnapParticipant, 1);

      sp->id = ref_xml_participant_id (i);
      sp->name = g_strdup (ref_participant_get_name (p));
      /* Something that is not a fingerprint matches no certificate. */
      sp->certificate = ref_participant_normalize_fingerprint (ref_participant_get_certificate (p));
      if (sp->certificate == NULL)
        sp->certificate = g_strdup ("-");
      sp->approves = ref_participant_approves_minutes (p);
      g_hash_table_insert (ids, p, sp->id);
      g_ptr_array_add (snapshot->participants, sp);
    }
  for (guint i = 0; i < g_list_model_get_n_items (approvals); i++)
    {
      g_autoptr (RefApproval) a = g_list_model_get_item (approvals, i);
      SnapApproval *sa = g_new0 (SnapApproval, 1);
      RefParticipant *p = ref_approval_get_participant (a);

      sa->signature = g_strdup (ref_approval_get_signature (a));
      sa->voided = ref_approval_get_voided (a);
      sa->stated_id = p ? g_strdup (g_hash_table_lookup (ids, p)) : NULL;
      sa->stated_signer = g_strdup (ref_approval_get_signer (a));
      sa->stated_time = ref_approval_get_time (a) ? g_date_time_ref (ref_approval_get_time (a)) : NULL;
      g_ptr_array_add (snapshot->approvals, sa);
    }
  return snapshot;
}

RefSignatureSnapshot *
ref_signature_snapshot_new (RefMeeting *meeting)
{
  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  return snapshot_new (meeting, TRUE);
}

RefSignatureSnapshot *
ref_signature_snapshot_new_for_verifying (RefMeeting *meeting)
{
  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  return snapshot_new (meeting, FALSE);
}

static SnapParticipant *
snap_find_participant (RefSignatureSnapshot *snapshot, const char *id)
{
  for (guint i = 0; id != NULL && i < snapshot->participants->len; i++)
    {
      SnapParticipant *p = g_ptr_array_index (snapshot->participants, i);
      if (g_str_equal (p->id, id))
        return p;
    }
  return NULL;
}

/* ---- documents ---- */

/* The content document, parsed from the snapshot's bytes: what a signature covers. */
static xmlDoc *
content_document (GBytes *content)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (content, &len);

  return xmlReadMemory (data, (int) len, "content.referat", "UTF-8",
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
}

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Whitespace-only text between the elements of a signature means nothing (no part
 * of an approval's signature has mixed content); dropping it makes the signature
 * survive re-indentation of the file. Referent signs without it. */
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

/* xmlsec puts line breaks around the base64 values it fills in (the signature value,
 * the certificates); they are not signed, and the stored form stays on one line. */
static void
trim_values (xmlNode *node)
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
        trim_values (child);
    }
}

/* Parses a stored ds:Signature. It was written by Referent or another XAdES tool, but
 * a file may have been edited or damaged: anything but one ds:Signature is refused. */
static xmlDoc *
parse_signature_text (const char *text, char **why)
{
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gsize len = strlen (text);

  if (len == 0)
    {
      *why = g_strdup (_("The approval has no signature element"));
      return NULL;
    }
  if (len > MAX_SIGNATURE_SIZE)
    {
      *why = g_strdup_printf (_("The signature element is larger than %d MiB"), MAX_SIGNATURE_SIZE / (1024 * 1024));
      return NULL;
    }
  /* A signature never has a DTD; one could declare entities. */
  if (strstr (text, "<!") != NULL)
    {
      *why = g_strdup (_("Signature element is truncated or not an XML signature: it holds a declaration or CDATA"));
      return NULL;
    }
  ctxt = xmlNewParserCtxt ();
  doc = ctxt ? xmlCtxtReadMemory (ctxt, text, (int) len, "signature", "UTF-8",
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE)
             : NULL;
  if (doc == NULL || ctxt == NULL || !ctxt->wellFormed)
    {
      const xmlError *err = ctxt ? xmlCtxtGetLastError (ctxt) : NULL;
      g_autofree char *detail = g_strstrip (g_strdup (err && err->message ? err->message : ""));

      *why = g_strdup_printf (_("Signature element is truncated or not an XML signature: %s"), detail);
      g_clear_pointer (&doc, xmlFreeDoc);
      g_clear_pointer (&ctxt, xmlFreeParserCtxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);
  if (!ref_xml_is_element (xmlDocGetRootElement (doc), REF_XML_DSIG_NAMESPACE, "Signature"))
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      *why = g_strdup_printf (_("Signature element is truncated or not an XML signature: found <%s> instead of "
                                "ds:Signature"),
                              root ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

/* ---- signing ---- */

typedef struct {
  xmlSecKeyPtr key;
  X509 *cert;         /* owned by key */
  STACK_OF (X509) *chain; /* the other certificates of the PKCS#12 file */
} SigningKey;

static void
signing_key_clear (SigningKey *k)
{
  g_clear_pointer (&k->key, xmlSecKeyDestroy);
  if (k->chain != NULL)
    sk_X509_pop_free (k->chain, X509_free);
  k->chain = NULL;
}

static gboolean
load_pkcs12 (const char *path, const char *password, SigningKey *out, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  const char *data;
  gsize len = 0;
  g_autoptr (GError) local_error = NULL;
  xmlSecKeyDataPtr x509;

  if ((bytes = ref_file_read_path (path, REF_FILE_MAX_CERTIFICATES, &local_error)) == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY, _("Could not read the certificate file “%s”: %s"),
                   path, local_error->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  out->key = xmlSecCryptoAppKeyLoadMemory ((const xmlSecByte *) data, (xmlSecSize) len, xmlSecKeyDataFormatPkcs12,
                                           password, NULL, NULL);
  ERR_clear_error ();
  if (out->key == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY,
                   _("Could not open the certificate file “%s”: the password is wrong or it is not a PKCS#12 file"),
                   path);
      return FALSE;
    }
  x509 = xmlSecKeyGetData (out->key, xmlSecOpenSSLKeyDataX509Id);
  out->cert = x509 ? xmlSecOpenSSLKeyDataX509GetKeyCert (x509) : NULL;
  if (out->cert == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY,
                   _("The certificate file “%s” holds a key but no certificate"), path);
      return FALSE;
    }
  return TRUE;
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

static gboolean
certificate_matches (SnapParticipant *p, const char *fingerprint, const char *common_name)
{
  if (*p->certificate)
    return g_str_equal (p->certificate, fingerprint);
  return ref_names_match (p->name, common_name);
}

/* Whom the approval is for: the participant asked for, or the one the certificate
 * matches. The certificate must match that member (the recorded certificate, or the
 * name when none is recorded): an approval is only ever made for its holder. */
static SnapParticipant *
choose_participant (RefSignatureSnapshot *snapshot, const RefSignOptions *options, X509 *cert, GError **error)
{
  g_autofree char *fingerprint = ref_cert_fingerprint (cert);
  g_autofree char *cn = ref_cert_common_name (cert);
  g_autofree char *subject = ref_cert_name_to_string (X509_get_subject_name (cert));
  const char *holder = cn ? cn : subject;
  SnapParticipant *chosen = NULL;

  for (guint i = 0; i < snapshot->participants->len && chosen == NULL; i++)
    {
      SnapParticipant *p = g_ptr_array_index (snapshot->participants, i);

      if (options->participant != NULL)
        {
          if (g_str_equal (p->id, options->participant) || ref_names_match (p->name, options->participant))
            chosen = p;
        }
      else if (p->approves && certificate_matches (p, fingerprint, holder))
        chosen = p;
    }
  if (chosen == NULL && options->participant != NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT,
                   _("“%s” is not a participant of the meeting"), options->participant);
      return NULL;
    }
  if (chosen == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT,
                   _("The certificate is issued to %s, who is not a member present at the meeting. Only members "
                     "present approve the minutes; a member whose certificate bears another name needs its "
                     "fingerprint recorded in the meeting details."),
                   holder);
      return NULL;
    }
  if (!chosen->approves)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT,
                   _("%s is not a member present at the meeting: only members present approve the minutes"),
                   chosen->name);
      return NULL;
    }
  if (!certificate_matches (chosen, fingerprint, holder))
    {
      if (*chosen->certificate)
        g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT,
                     _("This is not the certificate recorded for %s (SHA-256 %s)"), chosen->name, chosen->certificate);
      else
        g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT,
                     _("The certificate is issued to %s, not to %s"), holder, chosen->name);
      return NULL;
    }
  for (guint i = 0; i < snapshot->approvals->len; i++)
    {
      SnapApproval *a = g_ptr_array_index (snapshot->approvals, i);

      if (!a->voided && g_strcmp0 (a->stated_id, chosen->id) == 0)
        {
          g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_ALREADY_APPROVED,
                       _("%s has already approved these minutes"), chosen->name);
          return NULL;
        }
    }
  return chosen;
}

static char *
random_id (void)
{
  return g_strdup_printf ("approval-%08x%08x", g_random_int (), g_random_int ());
}

/* Signs @doc's new signature with @key; on success the signature is in its stored
 * form: no layout whitespace, values on one line. */
static gboolean
run_xmlsec_sign (xmlNode *signature, SigningKey *key, GError **error)
{
  xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate (NULL);
  gboolean ok = FALSE;

  if (ctx == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED, _("Could not prepare the signature of the meeting"));
      return FALSE;
    }
  ctx->signKey = g_steal_pointer (&key->key);
  ref_xmlsec_forget_error ();
  if (xmlSecDSigCtxSign (ctx, signature) < 0)
    g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED, _("Signing the meeting failed: %s"),
                 ref_xmlsec_error_message ());
  else
    ok = TRUE;
  /* The key goes with the context. */
  xmlSecDSigCtxDestroy (ctx);
  ERR_clear_error ();
  return ok;
}

RefSignature *
ref_signature_snapshot_sign (RefSignatureSnapshot *snapshot, const RefSignOptions *options, GError **error)
{
  SigningKey key = { 0 };
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autofree char *signing_time = NULL;
  g_autofree char *id = random_id ();
  g_autofree char *cn = NULL;
  xmlDoc *doc = NULL;
  xmlNode *signature;
  SnapParticipant *participant;
  RefSignature *result = NULL;
  RefXadesTemplate t = { 0 };

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->pkcs12_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ref_xmlsec_ensure (error) || !load_pkcs12 (options->pkcs12_path, options->password, &key, error))
    goto out;
  /* The offset is kept with the time, so every verifier reads the same wall clock. */
  now = options->time ? g_date_time_ref (options->time) : g_date_time_new_now_local ();
  if (!check_valid_at (key.cert, options->pkcs12_path, now, error))
    goto out;
  if ((participant = choose_participant (snapshot, options, key.cert, error)) == NULL)
    goto out;
  signing_time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  cn = ref_cert_common_name (key.cert);

  doc = content_document (snapshot->content);
  parts = ref_xades_parts_from_content (snapshot->content, snapshot->ranges);
  t.id = id;
  t.signing_time = signing_time;
  t.certificate = key.cert;
  t.participant_id = participant->id;
  t.parts = parts;
  if (doc == NULL || (signature = ref_xades_add_template (doc, &t)) == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED,
                   _("Could not prepare the signature of the meeting"));
      goto out;
    }
  strip_blank_text (signature);
  if (!ref_xades_register_ids (signature) || !run_xmlsec_sign (signature, &key, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED,
                     _("Could not prepare the signature of the meeting"));
      goto out;
    }
  strip_blank_text (signature);
  trim_values (signature);

  if (options->tsa_url != NULL && *options->tsa_url)
    {
      /* The signature time stamp covers the signature value (XAdES), canonicalised
       * as ref_xades_add_timestamp() declares. */
      g_autoptr (GBytes) input = ref_xades_signature_value_input (signature, REF_ALG_EXC_C14N);
      g_autoptr (GBytes) token = NULL;

      if (input == NULL)
        {
          g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED,
                       _("Could not prepare the signature of the meeting"));
          goto out;
        }
      token = ref_timestamp_request (options->tsa_url, g_bytes_get_data (input, NULL), g_bytes_get_size (input),
                                     options->cancellable, error);
      if (token == NULL || !ref_xades_add_timestamp (signature, token))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_FAILED,
                         _("Could not add the time stamp to the signature"));
          goto out;
        }
    }

  result = g_new0 (RefSignature, 1);
  result->text = ref_xml_node_to_string (signature);
  result->participant_id = g_strdup (participant->id);
  result->signer = cn ? g_steal_pointer (&cn) : ref_cert_name_to_string (X509_get_subject_name (key.cert));
  result->time = g_date_time_ref (now);
out:
  ERR_clear_error ();
  signing_key_clear (&key);
  g_clear_pointer (&doc, xmlFreeDoc);
  return result;
}

/* Wall-clock time to the minute, as the file format stores times. */
static GDateTime *
wall_clock_minute (GDateTime *dt)
{
  return g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt),
                              g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                              g_date_time_get_minute (dt), 0);
}

static RefParticipant *
participant_by_id (RefMeeting *meeting, const char *id)
{
  GListModel *participants = ref_meeting_get_participants (meeting);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autofree char *candidate = ref_xml_participant_id (i);

      if (g_strcmp0 (candidate, id) == 0)
        {
          g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
          return p; /* owned by the meeting */
        }
    }
  return NULL;
}

static RefApproval *
add_approval (RefMeeting *meeting, const char *text, const char *participant_id, const char *signer,
              GDateTime *time)
{
  RefApproval *approval = ref_approval_new ();
  g_autoptr (GDateTime) wall = wall_clock_minute (time);
  RefHistory *history = ref_meeting_get_history (meeting);

  ref_approval_set_signer (approval, signer);
  ref_approval_set_participant (approval, participant_by_id (meeting, participant_id));
  ref_approval_set_time (approval, wall);
  ref_approval_set_signature (approval, text);

  ref_history_begin_group (history);
  ref_meeting_set_locked (meeting, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval);
  ref_history_end_group (history);
  return approval;
}

RefApproval *
ref_signature_add (RefMeeting *meeting, RefSignatureSnapshot *snapshot, RefSignature *signature, GError **error)
{
  g_autoptr (GBytes) now = NULL;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (snapshot != NULL && signature != NULL, NULL);

  now = ref_xml_write_content_bytes (meeting);
  if (!g_bytes_equal (now, snapshot->content))
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_CHANGED,
                   _("The minutes changed while they were being signed; approve them again"));
      return NULL;
    }
  return add_approval (meeting, signature->text, signature->participant_id, signature->signer, signature->time);
}

RefApproval *
ref_signature_sign_with_options (RefMeeting *meeting, const RefSignOptions *options, GError **error)
{
  g_autoptr (RefSignatureSnapshot) snapshot = NULL;
  g_autoptr (RefSignature) signature = NULL;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (options != NULL && options->pkcs12_path != NULL, NULL);

  snapshot = ref_signature_snapshot_new (meeting);
  signature = ref_signature_snapshot_sign (snapshot, options, error);
  if (signature == NULL)
    return NULL;
  /* Signed in this call: the meeting is still the snapshot's. */
  return add_approval (meeting, signature->text, signature->participant_id, signature->signer, signature->time);
}

RefApproval *
ref_signature_sign (RefMeeting *meeting, const char *pkcs12_path, const char *password, GDateTime *time,
                    GError **error)
{
  RefSignOptions options = { .pkcs12_path = pkcs12_path, .password = password, .time = time };

  return ref_signature_sign_with_options (meeting, &options, error);
}

/* ---- verifying ---- */

typedef struct {
  RefApprovalStatus status;
  char *message;
  char *subject;
  char *issuer;
  char *fingerprint;
  char *signer;
  char *participant_id;
  char *participant_name;
  GDateTime *signing_time;
  GDateTime *timestamp_time;
  char *timestamp_authority;
  char *note; /* said of a valid approval too: a later revocation, an untrusted time stamp */
  GPtrArray *changed;    /* char* */
  GArray *changed_items; /* guint */
  gboolean from_xmlsec_mismatch; /* INVALID because a digest or the value did not match */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_free (o->message);
  g_free (o->subject);
  g_free (o->issuer);
  g_free (o->fingerprint);
  g_free (o->signer);
  g_free (o->participant_id);
  g_free (o->participant_name);
  g_clear_pointer (&o->signing_time, g_date_time_unref);
  g_clear_pointer (&o->timestamp_time, g_date_time_unref);
  g_free (o->timestamp_authority);
  g_free (o->note);
  g_clear_pointer (&o->changed, g_ptr_array_unref);
  g_clear_pointer (&o->changed_items, g_array_unref);
  memset (o, 0, sizeof *o);
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
  g_autofree char *message = NULL;
  RefApprovalCheck *check;

  if (o->changed != NULL && o->changed->len > 0)
    {
      g_ptr_array_add (o->changed, NULL);
      changed = (GStrv) g_ptr_array_steal (o->changed, NULL);
    }
  message = o->note && o->status == REF_APPROVAL_STATUS_VALID ? g_strdup_printf ("%s (%s)", o->message, o->note)
                                                               : g_strdup (o->message);
  check = g_object_new (REF_TYPE_APPROVAL_CHECK, "status", o->status, "message", message, "subject", o->subject,
                        "issuer", o->issuer, "fingerprint", o->fingerprint, "signer", o->signer,
                        "participant-id", o->participant_id, "participant-name", o->participant_name,
                        "signing-time", o->signing_time, "timestamp-time", o->timestamp_time,
                        "timestamp-authority", o->timestamp_authority, "changed", changed, "changed-items",
                        o->changed_items && o->changed_items->len ? o->changed_items : NULL, NULL);
  outcome_clear (o);
  return check;
}

static void
describe_certificate (Outcome *o, X509 *cert)
{
  g_autofree char *cn = ref_cert_common_name (cert);

  o->subject = ref_cert_name_to_string (X509_get_subject_name (cert));
  o->issuer = ref_cert_name_to_string (X509_get_issuer_name (cert));
  o->fingerprint = ref_cert_fingerprint (cert);
  o->signer = cn ? g_steal_pointer (&cn) : g_strdup (o->subject);
}

/* Verifies with xmlsec, with the key of the certificate the signed properties name
 * (never a key from KeyInfo). 1: sound, 0: a digest or the value does not match,
 * -1: could not be checked. */
static int
run_xmlsec_verify (xmlNode *signature, X509 *cert)
{
  xmlSecDSigCtxPtr ctx = NULL;
  xmlSecKeyPtr key = NULL;
  xmlSecKeyDataPtr value = NULL;
  EVP_PKEY *pkey = X509_get_pubkey (cert);
  int result = -1;

  if (pkey == NULL || (value = xmlSecOpenSSLEvpKeyAdopt (pkey)) == NULL)
    {
      EVP_PKEY_free (pkey);
      goto out;
    }
  key = xmlSecKeyCreate ();
  if (key == NULL || xmlSecKeySetValue (key, value) < 0)
    {
      xmlSecKeyDataDestroy (value);
      goto out;
    }
  ctx = xmlSecDSigCtxCreate (NULL);
  if (ctx == NULL)
    goto out;
  /* Only what an approval uses, only inside this document: no external URIs, no XSLT
   * or XPath, no keys from KeyInfo, no manifests. */
  ctx->flags |= XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS;
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument;
  if (xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformEnvelopedId) < 0
      || xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformExclC14NId) < 0
      || xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformInclC14NId) < 0
      || xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformSha256Id) < 0
      || xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformSha384Id) < 0
      || xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformSha512Id) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformExclC14NId) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformInclC14NId) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformRsaSha256Id) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformRsaSha384Id) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformRsaSha512Id) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformEcdsaSha256Id) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformEcdsaSha384Id) < 0
      || xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformEcdsaSha512Id) < 0)
    goto out;
  ctx->signKey = g_steal_pointer (&key);
  ref_xmlsec_forget_error ();
  if (xmlSecDSigCtxVerify (ctx, signature) < 0)
    goto out;
  result = ctx->status == xmlSecDSigStatusSucceeded ? 1 : 0;
out:
  ERR_clear_error ();
  g_clear_pointer (&key, xmlSecKeyDestroy);
  g_clear_pointer (&ctx, xmlSecDSigCtxDestroy);
  return result;
}

static char *
item_label (GHashTable *titles, guint number, gboolean added)
{
  const char *title = g_hash_table_lookup (titles, GUINT_TO_POINTER (number));

  if (title != NULL && *title)
    return added ? g_strdup_printf (_("Item %u: %s (added)"), number, title)
                 : g_strdup_printf (_("Item %u: %s"), number, title);
  return added ? g_strdup_printf (_("Item %u (added)"), number) : g_strdup_printf (_("Item %u"), number);
}

/* Item number → title in the content document. */
static GHashTable *
item_titles (xmlDoc *doc)
{
  GHashTable *titles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *items = root ? root->children : NULL; items != NULL; items = items->next)
    if (ref_xml_is_element (items, REF_XML_NAMESPACE, "items"))
      for (xmlNode *item = items->children; item != NULL; item = item->next)
        {
          xmlChar *number = ref_xml_is_element (item, REF_XML_NAMESPACE, "item")
                                ? xmlGetNoNsProp (item, (const xmlChar *) "number")
                                : NULL;
          guint64 value = 0;

          if (number != NULL && g_ascii_string_to_unsigned ((const char *) number, 10, 1, G_MAXUINT, &value, NULL))
            for (xmlNode *c = item->children; c != NULL; c = c->next)
              if (ref_xml_is_element (c, REF_XML_NAMESPACE, "title"))
                {
                  xmlChar *title = xmlNodeGetContent (c);
                  g_hash_table_replace (titles, GUINT_TO_POINTER ((guint) value), g_strdup ((const char *) title));
                  xmlFree (title);
                  break;
                }
          xmlFree (number);
        }
  return titles;
}

static void
add_changed_item (Outcome *o, guint number, char *label)
{
  g_ptr_array_add (o->changed, label);
  g_array_append_val (o->changed_items, number);
}

static const RefXadesPart *
find_part (GPtrArray *parts, const char *name, guint number)
{
  for (guint i = 0; i < parts->len; i++)
    {
      const RefXadesPart *p = g_ptr_array_index (parts, i);
      if (g_str_equal (p->name, name) && p->number == number)
        return p;
    }
  return NULL;
}

/* The signature did not verify. Says why, naming the changed parts only when the
 * signed list of parts is itself proven: the signature value verifies over SignedInfo
 * and the list's digest matches. */
static void
explain_mismatch (Outcome *o, RefXades *x, xmlDoc *doc, RefSignatureSnapshot *snapshot)
{
  EVP_PKEY *key = X509_get0_pubkey (x->signing_certificate);
  g_autoptr (GPtrArray) now = NULL;
  g_autoptr (GHashTable) titles = NULL;

  o->from_xmlsec_mismatch = TRUE;
  if (!ref_xades_signature_value_matches (x, key))
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID,
                   _("The signature value does not match the signed content: the signature was forged or damaged"));
      return;
    }
  if (!ref_xades_reference_matches (x, x->properties))
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID,
                   _("The signed properties (signing time, certificate, member) were altered after signing"));
      return;
    }
  if (x->parts == NULL || x->part_list == NULL)
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("Content changed after signing"));
      return;
    }
  if (!ref_xades_reference_matches (x, x->parts))
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("The signed list of parts was altered after signing"));
      return;
    }
  now = ref_xades_parts_from_content (snapshot->content, snapshot->ranges);
  titles = item_titles (doc);
  o->changed = g_ptr_array_new_with_free_func (g_free);
  o->changed_items = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < x->part_list->len; i++)
    {
      const RefXadesPart *then = g_ptr_array_index (x->part_list, i);
      const RefXadesPart *current = find_part (now, then->name, then->number);

      if (current != NULL && g_str_equal (current->digest, then->digest))
        continue;
      if (g_str_equal (then->name, "meeting"))
        g_ptr_array_add (o->changed, g_strdup (_("Meeting header")));
      else if (g_str_equal (then->name, "participants"))
        g_ptr_array_add (o->changed, g_strdup (_("Participants")));
      else if (g_str_equal (then->name, "item") && current == NULL)
        add_changed_item (o, then->number, g_strdup_printf (_("Item %u (removed)"), then->number));
      else if (g_str_equal (then->name, "item"))
        add_changed_item (o, then->number, item_label (titles, then->number, FALSE));
    }
  for (guint i = 0; i < now->len; i++)
    {
      const RefXadesPart *p = g_ptr_array_index (now, i);

      if (g_str_equal (p->name, "item") && find_part (x->part_list, p->name, p->number) == NULL)
        add_changed_item (o, p->number, item_label (titles, p->number, TRUE));
    }
  if (o->changed->len == 0)
    g_ptr_array_add (o->changed, g_strdup (_("Meeting content")));
  g_ptr_array_add (o->changed, NULL);
  {
    g_autofree char *list = g_strjoinv ("; ", (char **) o->changed->pdata);
    g_ptr_array_remove_index (o->changed, o->changed->len - 1);
    outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("Content changed after signing: %s"), list);
  }
}

static char *
format_time (GDateTime *t)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (t);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The claimed signing time, compared with what is known for sure. */
static gboolean
check_claimed_time (Outcome *o, RefSignatureSnapshot *snapshot, GDateTime *now)
{
  g_autofree char *claimed = format_time (o->signing_time);

  if (snapshot->start != NULL && g_date_time_compare (o->signing_time, snapshot->start) < 0)
    {
      g_autofree char *start = format_time (snapshot->start);
      outcome_set (o, REF_APPROVAL_STATUS_INVALID,
                   _("The approval claims to be signed at %s, before the meeting began (%s)"), claimed, start);
      return FALSE;
    }
  if (g_date_time_difference (o->signing_time, now) > REF_SIGNATURE_CLOCK_SKEW)
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("The approval claims a signing time in the future: %s"),
                   claimed);
      return FALSE;
    }
  return TRUE;
}

/* The time at which the certificate is checked: a trusted time stamp's, else now.
 * FALSE when the time stamp shows the approval is not what it claims. */
static gboolean
check_timestamp (Outcome *o, RefXades *x, RefSignatureTrust *trust, GDateTime *now, GDateTime **check_time)
{
  g_autoptr (GBytes) input = NULL;
  g_autoptr (GDateTime) stamped = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *why = NULL;
  RefTimestampResult result;

  *check_time = g_date_time_ref (now);
  if (x->timestamp == NULL)
    return TRUE;
  input = ref_xades_timestamp_input (x);
  if (input == NULL)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The time stamp could not be checked"));
      return FALSE;
    }
  result = ref_timestamp_verify (x->timestamp, g_bytes_get_data (input, NULL), g_bytes_get_size (input),
                                 trust ? ref_signature_trust_new_tsa_store (trust) : NULL, &stamped, &authority,
                                 &why);
  if (result == REF_TIMESTAMP_INVALID)
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("The approval’s time stamp is not valid: %s"), why);
      return FALSE;
    }
  if (result == REF_TIMESTAMP_UNTRUSTED)
    {
      /* Its time is not believed: the certificate is checked now, as without one. */
      o->note = g_strdup_printf (_("time stamp not used: %s"), why);
      return TRUE;
    }
  if (g_date_time_difference (o->signing_time, stamped) > REF_SIGNATURE_CLOCK_SKEW)
    {
      g_autofree char *claimed = format_time (o->signing_time);
      g_autofree char *at = format_time (stamped);
      outcome_set (o, REF_APPROVAL_STATUS_INVALID,
                   _("The approval claims to be signed at %s, after its trusted time stamp (%s)"), claimed, at);
      return FALSE;
    }
  o->timestamp_time = g_date_time_ref (stamped);
  o->timestamp_authority = g_steal_pointer (&authority);
  g_date_time_unref (*check_time);
  *check_time = g_steal_pointer (&stamped);
  return TRUE;
}

static void
check_certificate (Outcome *o, RefXades *x, RefSignatureTrust *trust, GDateTime *when)
{
  g_autofree char *why = NULL;
  STACK_OF (X509) *untrusted = sk_X509_new_null ();
  RefChainResult result;

  for (guint i = 0; i < x->certificates->len; i++)
    if (g_ptr_array_index (x->certificates, i) != x->signing_certificate)
      sk_X509_push (untrusted, g_ptr_array_index (x->certificates, i));
  if (trust == NULL || ref_signature_trust_get_n_certificates (trust) == 0)
    {
      outcome_set (o, REF_APPROVAL_STATUS_UNTRUSTED,
                   _("No trusted authority is configured: the certificate %s (issued by %s) cannot be trusted"),
                   o->subject, o->issuer);
      sk_X509_free (untrusted);
      return;
    }
  result = ref_signature_trust_check_chain (trust, x->signing_certificate, untrusted, when, &why);
  sk_X509_free (untrusted);
  switch (result)
    {
    case REF_CHAIN_OK:
      o->status = REF_APPROVAL_STATUS_VALID;
      if (why != NULL)
        {
          g_autofree char *note = o->note;
          o->note = note ? g_strdup_printf ("%s; %s", note, why) : g_steal_pointer (&why);
        }
      break;
    case REF_CHAIN_NO_ANCHOR:
      outcome_set (o, REF_APPROVAL_STATUS_UNTRUSTED, _("Certificate is not issued by a trusted authority: %s (issued by %s)"),
                   o->subject, o->issuer);
      break;
    case REF_CHAIN_NOT_VALID_THEN:
      if (o->timestamp_time != NULL)
        outcome_set (o, REF_APPROVAL_STATUS_UNTRUSTED, _("Certificate %s did not verify at the time-stamped time: %s"),
                     o->subject, why);
      else
        outcome_set (o, REF_APPROVAL_STATUS_UNTRUSTED,
                     _("Certificate %s does not verify now: %s. Without a trusted time stamp a certificate is "
                       "checked at the time of checking, not at the time the signer claims."),
                     o->subject, why);
      break;
    case REF_CHAIN_REVOKED:
      outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("Certificate %s is revoked: %s"), o->subject, why);
      break;
    case REF_CHAIN_NO_CRL:
    case REF_CHAIN_OTHER:
    default:
      outcome_set (o, REF_APPROVAL_STATUS_UNTRUSTED, _("Certificate %s is not accepted: %s"), o->subject, why);
    }
}

/* What the approval element says outside the signature (who, when, the name) must
 * be what the signature says; otherwise someone edited the record. */
static gboolean
check_record (Outcome *o, SnapApproval *a)
{
  g_autoptr (GDateTime) wall = NULL;

  if (a->stated_time != NULL)
    {
      wall = wall_clock_minute (o->signing_time);
      if (!g_date_time_equal (a->stated_time, wall))
        {
          g_autofree char *signed_text = g_date_time_format (wall, "%Y-%m-%d %H:%M");
          o->changed = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (o->changed, g_strdup (_("Approval time")));
          outcome_set (o, REF_APPROVAL_STATUS_INVALID, _("The approval time was changed: the signed time is %s"),
                       signed_text);
          return FALSE;
        }
    }
  if (a->stated_id != NULL && g_strcmp0 (a->stated_id, o->participant_id) != 0)
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID,
                   _("The approval is recorded for another member than the one it signs for (%s)"),
                   *o->participant_name ? o->participant_name : o->participant_id);
      return FALSE;
    }
  if (a->stated_signer != NULL && *a->stated_signer && !ref_names_match (a->stated_signer, o->signer)
      && g_strcmp0 (a->stated_signer, o->subject) != 0)
    {
      outcome_set (o, REF_APPROVAL_STATUS_INVALID,
                   _("The name on the approval (“%s”) was changed: the certificate that signed is %s’s"),
                   a->stated_signer, o->signer);
      return FALSE;
    }
  return TRUE;
}

/* Removes a signature that verify_one() added to the shared content document, with
 * the Ids it registered, so that the next approval finds the document as it was. */
static void
remove_ids (xmlDoc *doc, xmlNode *node)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *a = n->properties; a != NULL; a = a->next)
        if (a->atype == XML_ATTRIBUTE_ID)
          xmlRemoveID (doc, a);
      remove_ids (doc, n->children);
    }
}

static void
remove_signature (xmlDoc *doc, xmlNode *signature)
{
  xmlNode *next = signature->next;

  signature->next = NULL;
  remove_ids (doc, signature);
  signature->next = next;
  xmlUnlinkNode (signature);
  xmlFreeNode (signature);
}

/* The checks of one approval whose signature is in @doc. */
static void
verify_signature (Outcome *o, RefSignatureSnapshot *snapshot, SnapApproval *a, RefSignatureTrust *trust,
                  GDateTime *now, xmlDoc *doc, xmlNode *signature)
{
  g_autofree char *why = NULL;
  g_autoptr (RefXades) x = NULL;
  g_autoptr (GDateTime) check_time = NULL;
  SnapParticipant *p;
  int result;

  if (!ref_xades_register_ids (signature))
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED,
                   _("The signature is not a Referent approval: it uses an Id twice or one of the meeting’s"));
      return;
    }
  if ((x = ref_xades_parse (signature, &why)) == NULL)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The signature is not a Referent approval: %s"), why);
      return;
    }
  describe_certificate (o, x->signing_certificate);
  o->signing_time = g_date_time_ref (x->signing_time);
  o->participant_id = g_strdup (x->participant_id);
  p = snap_find_participant (snapshot, x->participant_id);
  o->participant_name = g_strdup (p ? p->name : "");

  if (a->voided)
    {
      outcome_set (o, REF_APPROVAL_STATUS_VOID, _("Voided: the meeting was unlocked after this approval"));
      return;
    }
  result = run_xmlsec_verify (signature, x->signing_certificate);
  if (result == 0)
    {
      explain_mismatch (o, x, doc, snapshot);
      return;
    }
  if (result < 0)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The signature could not be checked: %s"),
                   ref_xmlsec_error_message ());
      return;
    }
  /* Sound: the signer's key signed this content and these properties. Now whether
   * what it claims holds, whether the certificate was good, and whether the record
   * around it says the same. */
  if (!check_claimed_time (o, snapshot, now) || !check_timestamp (o, x, trust, now, &check_time))
    return;
  check_certificate (o, x, trust, check_time);
  if (o->status != REF_APPROVAL_STATUS_VALID && o->status != REF_APPROVAL_STATUS_UNTRUSTED)
    return;
  if (!check_record (o, a))
    return;
  if (o->status == REF_APPROVAL_STATUS_VALID)
    {
      if (o->timestamp_time != NULL)
        {
          g_autofree char *at = format_time (o->timestamp_time);
          outcome_set (o, REF_APPROVAL_STATUS_VALID, _("Valid approval by %s, time-stamped %s"), o->signer, at);
        }
      else
        outcome_set (o, REF_APPROVAL_STATUS_VALID, _("Valid approval by %s"), o->signer);
    }
}

/* One approval, on its own (counting comes after), with its signature placed in @doc,
 * the content document shared by all approvals of the snapshot (NULL when it could
 * not be made). */
static void
verify_one (Outcome *o, RefSignatureSnapshot *snapshot, SnapApproval *a, RefSignatureTrust *trust, GDateTime *now,
            xmlDoc *doc, gboolean strip)
{
  g_autofree char *why = NULL;
  xmlDoc *sig_doc = NULL;
  xmlNode *signature;

  o->status = REF_APPROVAL_STATUS_MALFORMED;
  if ((sig_doc = parse_signature_text (a->signature, &why)) == NULL)
    {
      if (a->voided)
        outcome_set (o, REF_APPROVAL_STATUS_VOID, _("Voided: the meeting was unlocked after this approval"));
      else
        outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, "%s", why);
      return;
    }
  if (doc == NULL)
    {
      outcome_set (o, REF_APPROVAL_STATUS_MALFORMED, _("The meeting could not be prepared for checking"));
      xmlFreeDoc (sig_doc);
      return;
    }
  signature = xmlDocCopyNode (xmlDocGetRootElement (sig_doc), doc, 1);
  xmlFreeDoc (sig_doc);
  xmlAddChild (xmlDocGetRootElement (doc), signature);
  if (strip)
    strip_blank_text (signature);
  verify_signature (o, snapshot, a, trust, now, doc, signature);
  remove_signature (doc, signature);
}

/* Who the approvals count for: each member once, each certificate once, and only
 * when the certificate is the member's. Everything else is listed apart. */
static void
count_approvals (Outcome *outcomes, guint n, RefSignatureSnapshot *snapshot)
{
  g_autoptr (GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) certificates = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      Outcome *o = &outcomes[i];
      SnapParticipant *p;

      if (o->status != REF_APPROVAL_STATUS_VALID)
        continue;
      p = snap_find_participant (snapshot, o->participant_id);
      if (p == NULL)
        outcome_set (o, REF_APPROVAL_STATUS_NOT_COUNTED,
                     _("Sound, but it names a participant (%s) who is not in the minutes"), o->participant_id);
      else if (!p->approves)
        outcome_set (o, REF_APPROVAL_STATUS_NOT_COUNTED,
                     _("Sound, but %s is not a member present at the meeting, whose approval the minutes need"),
                     p->name);
      else if (!certificate_matches (p, o->fingerprint, o->signer))
        outcome_set (o, REF_APPROVAL_STATUS_NOT_COUNTED,
                     *p->certificate ? _("Sound, but signed with %s’s certificate, not the one recorded for %s")
                                     : _("Sound, but signed with %s’s certificate, not %s’s"),
                     o->signer, p->name);
      else if (g_hash_table_contains (certificates, o->fingerprint))
        outcome_set (o, REF_APPROVAL_STATUS_NOT_COUNTED,
                     _("A repeat: this certificate has already approved the minutes (approval %u)"),
                     GPOINTER_TO_UINT (g_hash_table_lookup (certificates, o->fingerprint)));
      else if (g_hash_table_contains (members, p->id))
        outcome_set (o, REF_APPROVAL_STATUS_NOT_COUNTED, _("A repeat: %s has already approved the minutes"), p->name);
      else
        {
          g_hash_table_insert (members, p->id, p);
          g_hash_table_insert (certificates, o->fingerprint, GUINT_TO_POINTER (i + 1));
        }
    }
}

GPtrArray *
ref_signature_snapshot_verify (RefSignatureSnapshot *snapshot, RefSignatureTrust *trust, GCancellable *cancellable)
{
  guint n = snapshot->approvals->len;
  g_autofree Outcome *outcomes = g_new0 (Outcome, n);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GPtrArray *checks = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ready = ref_xmlsec_ensure (NULL);
  xmlDoc *doc;

  g_return_val_if_fail (trust == NULL || REF_IS_SIGNATURE_TRUST (trust), checks);

  /* The content is parsed once for all approvals: in a large meeting that is most of
   * the work besides the signatures' own digests. */
  doc = ready && n > 0 ? content_document (snapshot->content) : NULL;
  for (guint i = 0; i < n; i++)
    {
      SnapApproval *a = g_ptr_array_index (snapshot->approvals, i);

      if (!ready)
        outcome_set (&outcomes[i], REF_APPROVAL_STATUS_MALFORMED,
                     _("Could not initialise the XML security library (xmlsec with OpenSSL)"));
      else if (g_cancellable_is_cancelled (cancellable))
        outcome_set (&outcomes[i], REF_APPROVAL_STATUS_MALFORMED, _("Not checked"));
      else
        {
          verify_one (&outcomes[i], snapshot, a, trust, now, doc, TRUE);
          /* A signature made elsewhere may have signed layout whitespace that the
           * stored form kept: try it as it is stored too. */
          if (outcomes[i].from_xmlsec_mismatch)
            {
              Outcome as_stored = { 0 };

              verify_one (&as_stored, snapshot, a, trust, now, doc, FALSE);
              if (!as_stored.from_xmlsec_mismatch && as_stored.status != REF_APPROVAL_STATUS_MALFORMED)
                {
                  outcome_clear (&outcomes[i]);
                  outcomes[i] = as_stored;
                }
              else
                outcome_clear (&as_stored);
            }
        }
    }
  g_clear_pointer (&doc, xmlFreeDoc);
  count_approvals (outcomes, n, snapshot);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (checks, outcome_to_check (&outcomes[i]));
  return checks;
}

GPtrArray *
ref_signature_verify_all (RefMeeting *meeting, RefSignatureTrust *trust)
{
  g_autoptr (RefSignatureSnapshot) snapshot = NULL;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  snapshot = ref_signature_snapshot_new_for_verifying (meeting);
  return ref_signature_snapshot_verify (snapshot, trust, NULL);
}

RefApprovalCheck *
ref_signature_verify (RefMeeting *meeting, RefApproval *approval, RefSignatureTrust *trust)
{
  g_autoptr (GPtrArray) checks = NULL;
  guint position;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (REF_IS_APPROVAL (approval), NULL);

  checks = ref_signature_verify_all (meeting, trust);
  if (!g_list_store_find (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval, &position)
      || position >= checks->len)
    {
      Outcome o = { 0 };
      outcome_set (&o, REF_APPROVAL_STATUS_MALFORMED, _("The approval is not one of the meeting’s"));
      return outcome_to_check (&o);
    }
  return g_object_ref (g_ptr_array_index (checks, position));
}

guint
ref_signature_count_approved (GPtrArray *checks)
{
  g_autoptr (GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      RefApprovalCheck *check = g_ptr_array_index (checks, i);
      if (ref_approval_check_get_status (check) == REF_APPROVAL_STATUS_VALID)
        g_hash_table_add (members, (gpointer) ref_approval_check_get_participant_id (check));
    }
  return g_hash_table_size (members);
}

/* ---- the signed document, for other tools ---- */

GBytes *
ref_signature_content (RefMeeting *meeting)
{
  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  return ref_xml_write_content_bytes (meeting);
}

static GBytes *
dump_document (xmlDoc *doc)
{
  xmlChar *data = NULL;
  int len = 0;
  GBytes *bytes;

  xmlDocDumpMemoryEnc (doc, &data, &len, "UTF-8");
  bytes = g_bytes_new (data, len > 0 ? (gsize) len : 0);
  xmlFree (data);
  return bytes;
}

GBytes *
ref_signature_signed_content (RefMeeting *meeting, RefApproval *approval, GError **error)
{
  g_autoptr (GBytes) content = NULL;
  g_autofree char *why = NULL;
  xmlDoc *sig_doc, *doc;
  GBytes *result;

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (REF_IS_APPROVAL (approval), NULL);

  if ((sig_doc = parse_signature_text (ref_approval_get_signature (approval), &why)) == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE, "%s", why);
      return NULL;
    }
  content = ref_xml_write_content_bytes (meeting);
  doc = content_document (content);
  xmlAddChild (xmlDocGetRootElement (doc), xmlDocCopyNode (xmlDocGetRootElement (sig_doc), doc, 1));
  result = dump_document (doc);
  xmlFreeDoc (doc);
  xmlFreeDoc (sig_doc);
  return result;
}

static GBytes *
canonical_document (xmlDoc *doc)
{
  xmlOutputBuffer *buffer = xmlAllocOutputBuffer (NULL);
  GBytes *result = NULL;

  if (buffer != NULL && xmlC14NExecute (doc, NULL, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, buffer) >= 0)
    result = g_bytes_new (xmlOutputBufferGetContent (buffer), xmlOutputBufferGetSize (buffer));
  if (buffer != NULL)
    xmlOutputBufferClose (buffer);
  return result;
}

RefApproval *
ref_signature_attach (RefMeeting *meeting, GBytes *signed_document, GError **error)
{
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GBytes) ours = NULL;
  g_autoptr (GBytes) theirs = NULL;
  g_autoptr (RefXades) x = NULL;
  g_autofree char *why = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cn = NULL;
  xmlDoc *doc = NULL, *own = NULL;
  xmlNode *root, *signature = NULL;
  RefApproval *approval = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (signed_document, &len);

  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);

  if (!ref_xmlsec_ensure (error))
    return NULL;
  if (len > REF_XML_MAX_FILE_SIZE || len > G_MAXINT
      || (doc = xmlReadMemory (data, (int) len, "signed.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE))
             == NULL
      || doc->intSubset != NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE,
                   _("The signed document is not well-formed XML without a DTD"));
      goto out;
    }
  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root ? root->children : NULL; child != NULL; child = child->next)
    if (ref_xml_is_element (child, REF_XML_DSIG_NAMESPACE, "Signature"))
      {
        if (signature != NULL)
          {
            g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE,
                         _("The signed document holds more than one signature; attach one at a time"));
            goto out;
          }
        signature = child;
      }
  if (signature == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE,
                   _("The document holds no enveloped signature (ds:Signature under its root element)"));
      goto out;
    }
  /* The content it signs must be these minutes as they are now. */
  xmlUnlinkNode (signature);
  content = ref_xml_write_content_bytes (meeting);
  own = content_document (content);
  ours = canonical_document (own);
  theirs = canonical_document (doc);
  if (ours == NULL || theirs == NULL || !g_bytes_equal (ours, theirs))
    {
      xmlFreeNode (signature);
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE,
                   _("The signed document is not these minutes as they are now"));
      goto out;
    }
  text = ref_xml_node_to_string (signature);
  /* Nodes do not move between documents (each has its own dictionary): a copy. */
  {
    xmlNode *copy = xmlDocCopyNode (signature, own, 1);
    xmlFreeNode (signature);
    signature = copy;
    xmlAddChild (xmlDocGetRootElement (own), signature);
  }
  if (!ref_xades_register_ids (signature) || (x = ref_xades_parse (signature, &why)) == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE,
                   _("The signature is not a Referent approval: %s"), why ? why : _("an Id is used twice"));
      goto out;
    }
  cn = ref_cert_common_name (x->signing_certificate);
  approval = add_approval (meeting, text, x->participant_id,
                           cn ? cn : "", x->signing_time);
out:
  g_clear_pointer (&own, xmlFreeDoc);
  g_clear_pointer (&doc, xmlFreeDoc);
  return approval;
}
