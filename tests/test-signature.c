/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <string.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/openssl/x509.h>

#include "ref-file-lock.h"
#include "ref-signature.h"
#include "ref-signature-private.h"
#include "ref-xades.h"
#include "ref-xml-private.h"
#include "ref-xml.h"
#include "test-pki.h"
#include "test-tmp.h"

/* Approvals as XAdES signatures, tried the way a dishonest member, a damaged file or
 * a forger would. The PKI is made in memory (test-pki.h): a trusted authority with
 * members of the sample meeting, another authority, a look-alike of the trusted one
 * (same name, other key), a time-stamp authority; certificates with any dates. */

static char *tmp_root;
static char *dir;
static TestId *ca, *other_ca, *lookalike_ca, *tsa_ca, *tsa_id;
static char *ca_pem, *other_ca_pem, *tsa_ca_pem;
static TestId *member[3];
static char *member_p12[3];
static const char *const member_names[] = { "Maria Lundahl Assov", "Johan Müller", "Lolan Marianne Ottesen" };
static TestId *stranger;
static char *stranger_p12;

static void
make_pki (void)
{
  g_autoptr (GDateTime) from = test_pki_date (2015, 1, 1);
  g_autoptr (GDateTime) to = test_pki_date (2040, 1, 1);

  dir = g_dir_make_tmp ("referent-sign-XXXXXX", NULL);
  /* The authorities from long ago, so that old certificates chain to them. */
  ca = test_pki_make (NULL, "Referent Test CA", "Referent test", from, to, TEST_PKI_AUTHORITY, NULL);
  other_ca = test_pki_current (NULL, "Other CA", TEST_PKI_AUTHORITY);
  lookalike_ca = test_pki_current (NULL, "Referent Test CA", TEST_PKI_AUTHORITY);
  tsa_ca = test_pki_make (NULL, "Test Time Authority CA", "Referent test", from, to, TEST_PKI_AUTHORITY, NULL);
  tsa_id = test_pki_current (tsa_ca, "Test Time Stamping Unit", TEST_PKI_TSA);
  ca_pem = test_pki_write_pem (ca, dir, "ca");
  other_ca_pem = test_pki_write_pem (other_ca, dir, "other-ca");
  tsa_ca_pem = test_pki_write_pem (tsa_ca, dir, "tsa-ca");
  for (guint i = 0; i < G_N_ELEMENTS (member); i++)
    {
      g_autofree char *name = g_strdup_printf ("member%u", i + 1);
      member[i] = test_pki_current (ca, member_names[i], TEST_PKI_MEMBER);
      member_p12[i] = test_pki_write_p12 (member[i], ca, dir, name);
    }
  stranger = test_pki_current (other_ca, "Kate Svarrer", TEST_PKI_MEMBER);
  stranger_p12 = test_pki_write_p12 (stranger, other_ca, dir, "stranger");
}

static RefSignatureTrust *
trust_ca (void)
{
  g_autoptr (GError) error = NULL;
  RefSignatureTrust *trust = ref_signature_trust_new ();

  ref_signature_trust_add_file (trust, ca_pem, &error);
  g_assert_no_error (error);
  ref_signature_trust_add_tsa_file (trust, tsa_ca_pem, &error);
  g_assert_no_error (error);
  return trust;
}

static RefMeeting *
sample (void)
{
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_sample_meeting_new (&error);

  g_assert_no_error (error);
  return meeting;
}

static RefApproval *
approval_at (RefMeeting *meeting, guint i)
{
  return g_list_model_get_item (ref_meeting_get_approvals (meeting), i);
}

static guint
n_approvals (RefMeeting *meeting)
{
  return g_list_model_get_n_items (ref_meeting_get_approvals (meeting));
}

static RefApproval *
sign (RefMeeting *meeting, const char *p12)
{
  g_autoptr (GError) error = NULL;
  RefApproval *approval = ref_signature_sign (meeting, p12, TEST_PKI_PASSWORD, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (approval);
  return approval;
}

static void
sign_all (RefMeeting *meeting)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_p12); i++)
    g_object_unref (sign (meeting, member_p12[i]));
}

static RefApprovalCheck *
check_at (RefMeeting *meeting, guint i, RefSignatureTrust *trust)
{
  g_autoptr (RefApproval) approval = approval_at (meeting, i);
  return ref_signature_verify (meeting, approval, trust);
}

static void
assert_status (RefApprovalCheck *check, RefApprovalStatus status, const char *words)
{
  if (ref_approval_check_get_status (check) != status)
    g_error ("status %s (%d), expected %d: %s", ref_approval_status_label (ref_approval_check_get_status (check)),
             ref_approval_check_get_status (check), status, ref_approval_check_get_message (check));
  if (words != NULL && strstr (ref_approval_check_get_message (check), words) == NULL)
    g_error ("message “%s” lacks “%s”", ref_approval_check_get_message (check), words);
}

static void
assert_all_status (RefMeeting *meeting, RefSignatureTrust *trust, RefApprovalStatus status)
{
  g_autoptr (GPtrArray) checks = ref_signature_verify_all (meeting, trust);

  for (guint i = 0; i < checks->len; i++)
    assert_status (g_ptr_array_index (checks, i), status, NULL);
}

static guint
count_approved (RefMeeting *meeting, RefSignatureTrust *trust)
{
  g_autoptr (GPtrArray) checks = ref_signature_verify_all (meeting, trust);
  return ref_signature_count_approved (checks);
}

static char *
replace_once (const char *text, const char *old, const char *new)
{
  const char *at = strstr (text, old);

  if (at == NULL)
    g_error ("“%s” not found in “%.200s…”", old, text);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static char *
text_between (const char *text, const char *start, const char *end)
{
  const char *a = strstr (text, start);
  const char *b = a ? strstr (a + strlen (start), end) : NULL;

  g_assert_nonnull (b);
  return g_strndup (a + strlen (start), b - a - strlen (start));
}

/* A copy of @approval (signature and record) in @meeting, with another participant
 * and name on the record if given. */
static RefApproval *
copy_approval (RefMeeting *meeting, RefApproval *approval, RefParticipant *participant, const char *signer)
{
  RefApproval *copy = ref_approval_new ();

  ref_approval_set_signature (copy, ref_approval_get_signature (approval));
  ref_approval_set_time (copy, ref_approval_get_time (approval));
  ref_approval_set_participant (copy, participant ? participant : ref_approval_get_participant (approval));
  ref_approval_set_signer (copy, signer ? signer : ref_approval_get_signer (approval));
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), copy);
  return copy;
}

static RefParticipant *
participant (RefMeeting *meeting, guint index)
{
  g_autoptr (RefParticipant) p = g_list_model_get_item (ref_meeting_get_participants (meeting), index);
  return p;
}

/* ---- what a forger with their own tools can make ---- */

typedef struct {
  TestId *signer;           /* whose key signs */
  const char *participant;  /* the member it claims to be for */
  GDateTime *time;          /* claimed signing time */
  TestId *planted;          /* a certificate put first in KeyInfo */
  gboolean no_certificate_digest_check; /* name @planted as the signing certificate */
} Forgery;

static char *
forge_signature (RefMeeting *meeting, const Forgery *f)
{
  g_autoptr (GArray) ranges = NULL;
  g_autoptr (GBytes) content = ref_xml_write_content_parts (meeting, &ranges);
  xmlDoc *doc = xmlReadMemory (g_bytes_get_data (content, NULL), (int) g_bytes_get_size (content), "c", "UTF-8", 0);
  g_autoptr (GPtrArray) parts = ref_xades_parts_from_content (content, ranges);
  g_autofree char *time = g_date_time_format (f->time, "%Y-%m-%dT%H:%M:%S%:z");
  RefXadesTemplate t = { "forged", time, f->no_certificate_digest_check ? f->planted->cert : f->signer->cert,
                         f->participant, parts };
  xmlNode *signature;
  xmlSecDSigCtxPtr ctx;
  xmlSecKeyPtr key = xmlSecKeyCreate ();
  xmlSecKeyDataPtr x509 = xmlSecKeyDataCreate (xmlSecOpenSSLKeyDataX509Id);
  char *text;

  g_assert_true (ref_xmlsec_ensure (NULL));
  EVP_PKEY_up_ref (f->signer->key);
  xmlSecKeySetValue (key, xmlSecOpenSSLEvpKeyAdopt (f->signer->key));
  /* As the PKCS#12 loader does: the key's certificate, and it among those written. */
  X509_up_ref (f->signer->cert);
  xmlSecOpenSSLKeyDataX509AdoptKeyCert (x509, f->signer->cert);
  xmlSecOpenSSLKeyDataX509AdoptCert (x509, X509_dup (f->signer->cert));
  if (f->planted != NULL)
    {
      X509_up_ref (f->planted->cert);
      xmlSecOpenSSLKeyDataX509AdoptCert (x509, f->planted->cert);
    }
  xmlSecKeyAdoptData (key, x509);
  signature = ref_xades_add_template (doc, &t);
  g_assert_nonnull (signature);
  g_assert_true (ref_xades_register_ids (signature));
  ctx = xmlSecDSigCtxCreate (NULL);
  ctx->signKey = key;
  g_assert_cmpint (xmlSecDSigCtxSign (ctx, signature), ==, 0);
  xmlSecDSigCtxDestroy (ctx);
  text = ref_xml_node_to_string (signature);
  xmlFreeDoc (doc);
  return text;
}

/* Puts @planted's certificate before the others in KeyInfo. */
static char *
plant_first (const char *signature, TestId *planted)
{
  unsigned char *der = NULL;
  int len = i2d_X509 (planted->cert, &der);
  g_autofree char *b64 = g_base64_encode (der, len);
  g_autofree char *element = g_strdup_printf ("<ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate>", b64);

  OPENSSL_free (der);
  return replace_once (signature, "<ds:X509Data>", element);
}

static RefApproval *
add_forged (RefMeeting *meeting, const char *signature, RefParticipant *p, const char *signer, GDateTime *time)
{
  RefApproval *approval = ref_approval_new ();
  g_autoptr (GDateTime) wall = g_date_time_new_utc (g_date_time_get_year (time), g_date_time_get_month (time),
                                                    g_date_time_get_day_of_month (time), g_date_time_get_hour (time),
                                                    g_date_time_get_minute (time), 0);

  ref_approval_set_signature (approval, signature);
  ref_approval_set_participant (approval, p);
  ref_approval_set_signer (approval, signer);
  ref_approval_set_time (approval, wall);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval);
  ref_meeting_set_locked (meeting, TRUE);
  return approval;
}

/* ---- signing and the XAdES form ---- */

static void
test_sign_three_valid (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GPtrArray) checks = NULL;

  g_assert_false (ref_meeting_get_locked (meeting));
  sign_all (meeting);
  g_assert_true (ref_meeting_get_locked (meeting));
  g_assert_cmpuint (n_approvals (meeting), ==, 3);
  checks = ref_signature_verify_all (meeting, trust);
  g_assert_cmpuint (ref_signature_count_approved (checks), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RefApproval) approval = approval_at (meeting, i);
      RefApprovalCheck *check = g_ptr_array_index (checks, i);
      const char *signature = ref_approval_get_signature (approval);
      g_autofree char *cn = g_strdup_printf ("CN=%s", member_names[i]);
      g_autofree char *id = g_strdup_printf ("p%u", i + 1);
      g_autofree char *role = g_strdup_printf ("<xades:ClaimedRole>urn:referent:participant:%s</xades:ClaimedRole>", id);
      g_autofree char *fingerprint = ref_cert_fingerprint (member[i]->cert);

      assert_status (check, REF_APPROVAL_STATUS_VALID, "Valid approval by");
      g_assert_cmpstr (ref_approval_get_signer (approval), ==, member_names[i]);
      g_assert_cmpstr (ref_approval_check_get_signer (check), ==, member_names[i]);
      g_assert_cmpstr (ref_approval_check_get_participant_id (check), ==, id);
      g_assert_cmpstr (ref_approval_check_get_participant_name (check), ==, member_names[i]);
      g_assert_cmpstr (ref_participant_get_name (ref_approval_get_participant (approval)), ==, member_names[i]);
      g_assert_nonnull (strstr (ref_approval_check_get_subject (check), cn));
      g_assert_nonnull (strstr (ref_approval_check_get_issuer (check), "CN=Referent Test CA"));
      g_assert_cmpstr (ref_approval_check_get_fingerprint (check), ==, fingerprint);
      g_assert_nonnull (ref_approval_check_get_signing_time (check));
      g_assert_null (ref_approval_check_get_timestamp_time (check));
      g_assert_null (ref_approval_check_get_changed (check));
      /* XAdES B-B: the facts shown are signed properties. */
      g_assert_true (g_str_has_prefix (signature, "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""));
      g_assert_nonnull (strstr (signature, "xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\""));
      g_assert_nonnull (strstr (signature, "<xades:SigningTime>"));
      g_assert_nonnull (strstr (signature, "<xades:SigningCertificateV2>"));
      g_assert_nonnull (strstr (signature, role));
      g_assert_nonnull (strstr (signature, "Type=\"http://uri.etsi.org/01903#SignedProperties\""));
      g_assert_nonnull (strstr (signature, "http://uri.etsi.org/01903/v1.2.2#ProofOfApproval"));
      /* One reference to the whole content, not one per item: linear cost. */
      g_assert_nonnull (strstr (signature, "URI=\"\""));
      g_assert_null (strstr (signature, "URI=\"#item-"));
      /* Stored without whitespace between elements. */
      g_assert_null (strstr (signature, ">\n"));
      g_assert_null (strstr (signature, "> "));
    }
}

static void
test_sign_time_and_undo (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr (GDateTime) now = g_date_time_new_now (zone);
  g_autoptr (GDateTime) when = g_date_time_add_minutes (now, -3);
  g_autoptr (GDateTime) wall = g_date_time_new_utc (g_date_time_get_year (when), g_date_time_get_month (when),
                                                    g_date_time_get_day_of_month (when), g_date_time_get_hour (when),
                                                    g_date_time_get_minute (when), 0);
  g_autoptr (RefApproval) approval = ref_signature_sign (meeting, member_p12[0], TEST_PKI_PASSWORD, when, &error);
  g_autoptr (RefApprovalCheck) check = NULL;
  RefHistory *history = ref_meeting_get_history (meeting);

  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_VALID, NULL);
  g_assert_true (g_date_time_equal (ref_approval_get_time (approval), wall));
  g_assert_cmpint (g_date_time_to_unix (ref_approval_check_get_signing_time (check)), ==, g_date_time_to_unix (when));

  /* Signing and locking are one step. */
  g_assert_cmpuint (ref_history_get_undo_depth (history), ==, 1);
  g_assert_true (ref_history_undo (history));
  g_assert_false (ref_meeting_get_locked (meeting));
  g_assert_cmpuint (n_approvals (meeting), ==, 0);
}

static void
test_changed_decision (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GPtrArray) checks = NULL;
  RefAgendaItem *item;
  g_autoptr (RefDecision) decision = NULL;
  g_autofree char *plain = NULL;
  g_autoptr (RefText) text = NULL;
  g_autofree char *expected = NULL;

  sign_all (meeting);
  item = ref_meeting_find_item_by_number (meeting, 3);
  decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  plain = ref_text_to_plain (ref_decision_get_text (decision));
  plain[1] = plain[1] == 'x' ? 'y' : 'x';
  text = ref_text_new_from_plain (plain);
  ref_decision_set_text (decision, text);
  expected = g_strdup_printf ("Item 3: %s", ref_agenda_item_get_title (item));

  checks = ref_signature_verify_all (meeting, trust);
  g_assert_cmpuint (ref_signature_count_approved (checks), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      RefApprovalCheck *check = g_ptr_array_index (checks, i);
      const char *const *changed = ref_approval_check_get_changed (check);
      GArray *items = ref_approval_check_get_changed_items (check);

      assert_status (check, REF_APPROVAL_STATUS_INVALID, expected);
      g_assert_cmpuint (g_strv_length ((char **) changed), ==, 1);
      g_assert_cmpstr (changed[0], ==, expected);
      g_assert_cmpuint (items->len, ==, 1);
      g_assert_cmpuint (g_array_index (items, guint, 0), ==, 3);
      /* Who and what is still shown from the signature. */
      g_assert_cmpstr (ref_approval_check_get_signer (check), ==, member_names[i]);
    }
}

static void
test_header_and_items_added_removed (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefAgendaItem) added = ref_agenda_item_new ();
  g_autoptr (RefApprovalCheck) check = NULL;
  const char *const *changed;
  GArray *items;

  sign_all (meeting);
  ref_meeting_set_location (meeting, "Rådhuset");
  ref_meeting_remove_item (meeting, ref_meeting_find_item_by_number (meeting, 2));
  ref_agenda_item_set_number (added, 99);
  ref_agenda_item_set_title (added, "Eventuelt");
  ref_meeting_add_item (meeting, added);

  check = check_at (meeting, 0, trust);
  changed = ref_approval_check_get_changed (check);
  items = ref_approval_check_get_changed_items (check);
  assert_status (check, REF_APPROVAL_STATUS_INVALID, NULL);
  g_assert_cmpuint (g_strv_length ((char **) changed), ==, 3);
  g_assert_cmpstr (changed[0], ==, "Meeting header");
  g_assert_cmpstr (changed[1], ==, "Item 2 (removed)");
  g_assert_cmpstr (changed[2], ==, "Item 99: Eventuelt (added)");
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (g_array_index (items, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (items, guint, 1), ==, 99);
}

/* Comments and the lock are not part of the approved minutes. */
static void
test_comments_and_lock_not_signed (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefComment) comment = ref_comment_new ();

  sign_all (meeting);
  ref_comment_set_text (comment, "Stavefejl?");
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (ref_meeting_find_item_by_number (meeting, 1))),
                       comment);
  ref_meeting_set_locked (meeting, FALSE);
  assert_all_status (meeting, trust, REF_APPROVAL_STATUS_VALID);
}

static void
test_other_authority_untrusted (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefSignatureTrust) other = ref_signature_trust_new ();
  g_autoptr (RefApproval) approval = sign (meeting, stranger_p12);
  g_autoptr (RefApprovalCheck) check = ref_signature_verify (meeting, approval, trust);
  g_autoptr (RefApprovalCheck) no_trust = NULL;
  g_autoptr (RefApprovalCheck) own = NULL;
  g_autoptr (GError) error = NULL;

  assert_status (check, REF_APPROVAL_STATUS_UNTRUSTED, "not issued by a trusted authority");
  g_assert_nonnull (strstr (ref_approval_check_get_message (check), "CN=Kate Svarrer"));
  g_assert_nonnull (strstr (ref_approval_check_get_issuer (check), "CN=Other CA"));
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
  /* Without anchors, even a sound signature is at best untrusted. */
  no_trust = ref_signature_verify (meeting, approval, NULL);
  assert_status (no_trust, REF_APPROVAL_STATUS_UNTRUSTED, "No trusted authority");
  /* With its own authority as anchor it is valid. */
  ref_signature_trust_add_file (other, other_ca_pem, &error);
  g_assert_no_error (error);
  own = ref_signature_verify (meeting, approval, other);
  assert_status (own, REF_APPROVAL_STATUS_VALID, NULL);
}

static RefApprovalCheck *
verify_text (RefMeeting *meeting, const char *signature)
{
  g_autoptr (RefApproval) approval = ref_approval_new ();

  ref_approval_set_signature (approval, signature);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval);
  return ref_signature_verify (meeting, approval, NULL);
}

static void
assert_malformed (const char *signature, const char *words)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefApprovalCheck) check = verify_text (meeting, signature);

  assert_status (check, REF_APPROVAL_STATUS_MALFORMED, words);
}

static void
test_malformed_signatures (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefApproval) approval = sign (meeting, member_p12[0]);
  g_autofree char *truncated = NULL, *forged = NULL, *no_cert = NULL;
  const char *good = ref_approval_get_signature (approval);
  const char *value;
  gsize len = strlen (good);

  truncated = g_strndup (good, len / 2);
  assert_malformed (truncated, "truncated");
  assert_malformed ("", "no signature");
  assert_malformed ("not XML at all", "not an XML signature");
  assert_malformed ("<p xmlns=\"urn:referent:referat:1\">Godkendt</p>", "instead of ds:Signature");
  assert_malformed ("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", "declaration");
  assert_malformed ("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>", "SignedInfo");
  {
    /* Every certificate (the member's and the authority's) damaged. */
    g_auto (GStrv) pieces = g_strsplit (good, "<ds:X509Certificate>", -1);
    no_cert = g_strjoinv ("<ds:X509Certificate>AAAA", pieces);
  }
  assert_malformed (no_cert, "signing certificate it names is not in the signature");

  /* A forged value: a changed letter of SignatureValue. */
  value = strstr (good, "<ds:SignatureValue>") + strlen ("<ds:SignatureValue>");
  forged = g_strdup (good);
  forged[value - good + 5] = forged[value - good + 5] == 'A' ? 'B' : 'A';
  {
    g_autoptr (RefMeeting) m = sample ();
    g_autoptr (RefApprovalCheck) check = verify_text (m, forged);
    assert_status (check, REF_APPROVAL_STATUS_INVALID, "forged");
  }

  /* Every truncation: a clear status, never a crash. */
  for (gsize cut = 0; cut < len; cut += 97)
    {
      g_autofree char *piece = g_strndup (good, cut);
      g_autoptr (RefMeeting) m = sample ();
      g_autoptr (RefApprovalCheck) c = verify_text (m, piece);

      g_assert_cmpint (ref_approval_check_get_status (c), ==, REF_APPROVAL_STATUS_MALFORMED);
      g_assert_cmpstr (ref_approval_check_get_message (c), !=, "");
    }
}

/* ---- the record around the signature ---- */

static void
test_approval_time_changed (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefApproval) approval = sign (meeting, member_p12[1]);
  g_autoptr (GDateTime) later = g_date_time_add_days (ref_approval_get_time (approval), 1);
  g_autoptr (RefApprovalCheck) check = NULL;

  ref_approval_set_time (approval, later);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_INVALID, "approval time was changed");
  g_assert_cmpstr (ref_approval_check_get_changed (check)[0], ==, "Approval time");
}

/* Issue 13.1: one member's approval copied with other members' refs does not make
 * them approve; the window's and the PDF's count comes from the signed member. */
static void
test_attack_copied_approval (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefApproval) original = sign (meeting, member_p12[0]);
  g_autoptr (GPtrArray) checks = NULL;

  for (guint i = 1; i <= 5; i++)
    {
      RefParticipant *other = participant (meeting, i);
      G_GNUC_UNUSED g_autoptr (RefApproval) copy = copy_approval (meeting, original, other, ref_participant_get_name (other));
    }
  checks = ref_signature_verify_all (meeting, trust);
  g_assert_cmpuint (checks->len, ==, 6);
  assert_status (g_ptr_array_index (checks, 0), REF_APPROVAL_STATUS_VALID, NULL);
  for (guint i = 1; i < 6; i++)
    {
      RefApprovalCheck *check = g_ptr_array_index (checks, i);

      assert_status (check, REF_APPROVAL_STATUS_INVALID, "recorded for another member");
      /* What is shown is who really signed. */
      g_assert_cmpstr (ref_approval_check_get_signer (check), ==, member_names[0]);
      g_assert_cmpstr (ref_approval_check_get_participant_id (check), ==, "p1");
    }
  g_assert_cmpuint (ref_signature_count_approved (checks), ==, 1);
}

/* The same approval twice, record and all: counted once. */
static void
test_attack_duplicate_approval (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefApproval) original = sign (meeting, member_p12[0]);
  G_GNUC_UNUSED g_autoptr (RefApproval) copy = copy_approval (meeting, original, NULL, NULL);
  g_autoptr (GPtrArray) checks = ref_signature_verify_all (meeting, trust);

  assert_status (g_ptr_array_index (checks, 0), REF_APPROVAL_STATUS_VALID, NULL);
  assert_status (g_ptr_array_index (checks, 1), REF_APPROVAL_STATUS_NOT_COUNTED, "repeat");
  g_assert_cmpuint (ref_signature_count_approved (checks), ==, 1);
}

/* Issue 13.1: editing <signer> does not put another name under a valid row. */
static void
test_attack_signer_edited (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefApproval) approval = sign (meeting, member_p12[0]);
  g_autoptr (RefApprovalCheck) check = NULL;

  ref_approval_set_signer (approval, "Johan Müller");
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_INVALID, "was changed");
  g_assert_cmpstr (ref_approval_check_get_signer (check), ==, member_names[0]);
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
}

/* Issue 13.2: a self-made certificate with another member's name, from a look-alike
 * authority with the trusted authority's name, placed first in KeyInfo, does not
 * name the signer: the name and fingerprint are those of the certificate the signed
 * properties name and whose key verified. */
static void
test_attack_planted_certificate (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (TestId) planted = test_pki_current (lookalike_ca, "Johan Müller", TEST_PKI_MEMBER);
  g_autoptr (RefApproval) approval = sign (meeting, member_p12[0]);
  g_autofree char *tampered = plant_first (ref_approval_get_signature (approval), planted);
  g_autofree char *fingerprint = ref_cert_fingerprint (member[0]->cert);
  g_autoptr (RefApprovalCheck) check = NULL;

  ref_approval_set_signature (approval, tampered);
  check = ref_signature_verify (meeting, approval, trust);
  /* The planted certificate plays no part: still Maria's valid approval. */
  assert_status (check, REF_APPROVAL_STATUS_VALID, "Maria Lundahl Assov");
  g_assert_cmpstr (ref_approval_check_get_signer (check), ==, "Maria Lundahl Assov");
  g_assert_cmpstr (ref_approval_check_get_fingerprint (check), ==, fingerprint);
  g_assert_null (strstr (ref_approval_check_get_subject (check), "Johan"));
}

/* A forger who signs with their own look-alike certificate, claiming to be Johan. */
static void
test_attack_lookalike_authority (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (TestId) fake = test_pki_current (lookalike_ca, "Johan Müller", TEST_PKI_MEMBER);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  Forgery f = { fake, "p2", now, NULL, FALSE };
  g_autofree char *signature = forge_signature (meeting, &f);
  g_autoptr (RefApproval) approval = add_forged (meeting, signature, participant (meeting, 1), "Johan Müller", now);
  g_autoptr (RefApprovalCheck) check = ref_signature_verify (meeting, approval, trust);

  assert_status (check, REF_APPROVAL_STATUS_UNTRUSTED, "not issued by a trusted authority");
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
}

/* The signed properties name a certificate (here a planted one) other than the one
 * whose key made the signature: the key of the named certificate does not verify. */
static void
test_attack_named_certificate_not_signers (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  Forgery f = { member[0], "p2", now, member[1], TRUE };
  g_autofree char *signature = forge_signature (meeting, &f);
  g_autoptr (RefApproval) approval = add_forged (meeting, signature, participant (meeting, 1), "Johan Müller", now);
  g_autoptr (RefApprovalCheck) check = ref_signature_verify (meeting, approval, trust);

  assert_status (check, REF_APPROVAL_STATUS_INVALID, "forged");
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
}

/* A trusted member signs an approval "for" another member: sound and trusted, but not
 * the other member's approval, and not the signer's either. */
static void
test_attack_approval_for_another_member (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  Forgery f = { member[0], "p2", now, NULL, FALSE };
  g_autofree char *signature = forge_signature (meeting, &f);
  g_autoptr (RefApproval) approval = add_forged (meeting, signature, participant (meeting, 1), member_names[0], now);
  g_autoptr (RefApprovalCheck) check = ref_signature_verify (meeting, approval, trust);

  assert_status (check, REF_APPROVAL_STATUS_NOT_COUNTED, "not Johan Müller’s");
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
}

/* An official (not a member) with a trusted certificate: listed, never counted. */
static void
test_not_a_member (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (TestId) official = test_pki_current (ca, "Jannik Karoli Plum Nielsen", TEST_PKI_MEMBER);
  g_autofree char *p12 = test_pki_write_p12 (official, ca, dir, "official");
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) refused = ref_signature_sign (meeting, p12, TEST_PKI_PASSWORD, NULL, &error);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  Forgery f = { official, "p8", now, NULL, FALSE };
  g_autofree char *signature = NULL;
  g_autoptr (RefApproval) forged = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;

  /* Referent does not make it… */
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT);
  g_assert_nonnull (strstr (error->message, "not a member present"));
  g_assert_null (refused);
  g_assert_cmpuint (n_approvals (meeting), ==, 0);
  /* …and does not count one made elsewhere. */
  signature = forge_signature (meeting, &f);
  forged = add_forged (meeting, signature, participant (meeting, 7), "Jannik Karoli Plum Nielsen", now);
  check = ref_signature_verify (meeting, forged, trust);
  assert_status (check, REF_APPROVAL_STATUS_NOT_COUNTED, "not a member present");
}

/* A member whose certificate bears another name: the fingerprint recorded on the
 * participant decides, and then only that certificate counts. */
static void
test_recorded_fingerprint (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (TestId) pseudonym = test_pki_current (ca, "PID:9208-2002-2-123456789012", TEST_PKI_MEMBER);
  g_autofree char *p12 = test_pki_write_p12 (pseudonym, ca, dir, "pseudonym");
  g_autofree char *fingerprint = ref_cert_fingerprint (pseudonym->cert);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = NULL;
  g_autoptr (RefApproval) refused = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;
  RefParticipant *johan = participant (meeting, 1);

  approval = ref_signature_sign (meeting, p12, TEST_PKI_PASSWORD, NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT);
  g_clear_error (&error);
  ref_participant_set_certificate (johan, fingerprint);
  g_assert_cmpstr (ref_participant_get_certificate (johan), ==, fingerprint);
  approval = ref_signature_sign (meeting, p12, TEST_PKI_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_VALID, NULL);
  g_assert_cmpstr (ref_approval_check_get_participant_name (check), ==, "Johan Müller");
  /* Johan's certificate in his own name is not the recorded one: refused. */
  refused = ref_signature_sign (meeting, member_p12[1], TEST_PKI_PASSWORD, NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_PARTICIPANT);
  g_assert_null (refused);
}

static void
test_already_approved (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  G_GNUC_UNUSED g_autoptr (RefApproval) first = sign (meeting, member_p12[0]);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) second = ref_signature_sign (meeting, member_p12[0], TEST_PKI_PASSWORD, NULL, &error);

  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_ALREADY_APPROVED);
  g_assert_null (second);
  g_assert_cmpuint (n_approvals (meeting), ==, 1);
}

/* ---- time ---- */

static RefApproval *
sign_with_member_valid (RefMeeting *meeting, GDateTime *from, GDateTime *to, GDateTime *when, const char *tsa_url,
                        GError **error)
{
  g_autoptr (TestId) id = test_pki_make (ca, "Per Mortensen", "Testkommune", from, to, TEST_PKI_MEMBER, NULL);
  g_autofree char *name = g_strdup_printf ("per-%" G_GINT64_FORMAT, g_get_real_time ());
  g_autofree char *p12 = test_pki_write_p12 (id, ca, dir, name);
  RefSignOptions options = { .pkcs12_path = p12, .password = TEST_PKI_PASSWORD, .time = when, .tsa_url = tsa_url };

  return ref_signature_sign_with_options (meeting, &options, error);
}

/* Issue 13.3: a certificate that expired in 2021, signing with a backdated time, is
 * not valid for a 2025 meeting (the claim is before the meeting) … */
static void
test_attack_backdated_expired (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GDateTime) from = test_pki_date (2019, 1, 1);
  g_autoptr (GDateTime) to = test_pki_date (2021, 1, 1);
  g_autoptr (GDateTime) when = test_pki_date (2020, 6, 2);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = sign_with_member_valid (meeting, from, to, when, NULL, &error);
  g_autoptr (RefApprovalCheck) check = NULL;

  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_INVALID, "before the meeting began");
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
}

/* … nor for a meeting in 2020: without a trusted time stamp the certificate is
 * checked now, not at the time the signer claims. */
static void
test_attack_expired_claiming_old_time (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (2020, 6, 1, 13, 0, 0);
  g_autoptr (GDateTime) from = test_pki_date (2019, 1, 1);
  g_autoptr (GDateTime) to = test_pki_date (2021, 1, 1);
  g_autoptr (GDateTime) when = test_pki_date (2020, 6, 2);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;

  ref_meeting_set_start (meeting, start);
  approval = sign_with_member_valid (meeting, from, to, when, NULL, &error);
  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_UNTRUSTED, "Without a trusted time stamp");
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
}

/* Issue 13.3: a claimed time in 2030. */
static void
test_attack_future_time (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GDateTime) from = test_pki_date (2020, 1, 1);
  g_autoptr (GDateTime) to = test_pki_date (2035, 1, 1);
  g_autoptr (GDateTime) when = test_pki_date (2030, 3, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = sign_with_member_valid (meeting, from, to, when, NULL, &error);
  g_autoptr (RefApprovalCheck) check = NULL;

  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_INVALID, "in the future");
}

/* B-T: a trusted time stamp. The certificate is checked at the stamped time, so an
 * approval outlives its certificate; without the time authority trusted, it is checked
 * now. */
static void
test_timestamp_valid_after_expiry (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefSignatureTrust) no_tsa = ref_signature_trust_new ();
  g_autoptr (GDateTime) from = test_pki_date (2025, 1, 1);
  g_autoptr (GDateTime) to = test_pki_date (2025, 12, 31);
  g_autoptr (GDateTime) signed_at = g_date_time_new_utc (2025, 5, 7, 9, 12, 0);
  g_autoptr (GDateTime) stamped_at = g_date_time_new_utc (2025, 5, 7, 9, 13, 0);
  TestTsa *tsa = test_tsa_start (tsa_id, stamped_at);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = sign_with_member_valid (meeting, from, to, signed_at, tsa->url, &error);
  g_autoptr (RefApprovalCheck) check = NULL;
  g_autoptr (RefApprovalCheck) unstamped = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tsa->requests, ==, 1);
  test_tsa_stop (tsa);
  g_assert_nonnull (strstr (ref_approval_get_signature (approval), "<xades:EncapsulatedTimeStamp>"));
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_VALID, "time-stamped");
  g_assert_true (g_date_time_equal (ref_approval_check_get_timestamp_time (check), stamped_at));
  g_assert_nonnull (strstr (ref_approval_check_get_timestamp_authority (check), "Test Time Stamping Unit"));

  /* The time authority not trusted: its time is not used, the expired certificate
   * does not verify now. */
  ref_signature_trust_add_file (no_tsa, ca_pem, &error);
  unstamped = ref_signature_verify (meeting, approval, no_tsa);
  assert_status (unstamped, REF_APPROVAL_STATUS_UNTRUSTED, "does not verify now");
}

static void
test_timestamp_now (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefSignatureTrust) no_tsa = ref_signature_trust_new ();
  TestTsa *tsa = test_tsa_start (tsa_id, NULL);
  RefSignOptions options = { .pkcs12_path = member_p12[0], .password = TEST_PKI_PASSWORD, .tsa_url = tsa->url };
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = ref_signature_sign_with_options (meeting, &options, &error);
  g_autoptr (RefApprovalCheck) check = NULL;
  g_autoptr (RefApprovalCheck) without = NULL;

  g_assert_no_error (error);
  test_tsa_stop (tsa);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_VALID, "time-stamped");
  /* An untrusted time stamp is not used, and says so; the certificate is valid now. */
  ref_signature_trust_add_file (no_tsa, ca_pem, &error);
  without = ref_signature_verify (meeting, approval, no_tsa);
  assert_status (without, REF_APPROVAL_STATUS_VALID, "time stamp not used");
  g_assert_null (ref_approval_check_get_timestamp_time (without));
}

/* A claimed signing time after the trusted time stamp is a lie. */
static void
test_timestamp_claim_after_stamp (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) stamped = g_date_time_add_hours (now, -3);
  TestTsa *tsa = test_tsa_start (tsa_id, stamped);
  RefSignOptions options = { .pkcs12_path = member_p12[0], .password = TEST_PKI_PASSWORD, .tsa_url = tsa->url };
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = ref_signature_sign_with_options (meeting, &options, &error);
  g_autoptr (RefApprovalCheck) check = NULL;

  g_assert_no_error (error);
  test_tsa_stop (tsa);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, REF_APPROVAL_STATUS_INVALID, "after its trusted time stamp");
}

/* A time stamp moved from one approval to another is not over its signature. */
static void
test_timestamp_swapped (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  TestTsa *tsa = test_tsa_start (tsa_id, NULL);
  RefSignOptions a = { .pkcs12_path = member_p12[0], .password = TEST_PKI_PASSWORD, .tsa_url = tsa->url };
  RefSignOptions b = { .pkcs12_path = member_p12[1], .password = TEST_PKI_PASSWORD, .tsa_url = tsa->url };
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) first = ref_signature_sign_with_options (meeting, &a, &error);
  g_autoptr (RefApproval) second = ref_signature_sign_with_options (meeting, &b, &error);
  g_autofree char *stamp1 = NULL, *stamp2 = NULL, *swapped = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;

  g_assert_no_error (error);
  test_tsa_stop (tsa);
  stamp1 = text_between (ref_approval_get_signature (first), "<xades:EncapsulatedTimeStamp>", "<");
  stamp2 = text_between (ref_approval_get_signature (second), "<xades:EncapsulatedTimeStamp>", "<");
  swapped = replace_once (ref_approval_get_signature (first), stamp1, stamp2);
  ref_approval_set_signature (first, swapped);
  check = ref_signature_verify (meeting, first, trust);
  assert_status (check, REF_APPROVAL_STATUS_INVALID, "not over this signature");
}

static void
test_timestamp_authority_failures (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  TestTsa *tsa = test_tsa_start (tsa_id, NULL);
  g_autofree char *url = g_strdup (tsa->url);
  RefSignOptions options = { .pkcs12_path = member_p12[0], .password = TEST_PKI_PASSWORD, .tsa_url = url };
  const TestTsaMode modes[] = { TEST_TSA_HTTP_ERROR, TEST_TSA_GARBAGE, TEST_TSA_OTHER_IMPRINT };
  const char *words[] = { "HTTP 500", "not an RFC 3161", "not for this signature" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RefApproval) approval = NULL;

      tsa->mode = modes[i];
      approval = ref_signature_sign_with_options (meeting, &options, &error);
      g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP);
      if (strstr (error->message, words[i]) == NULL)
        g_error ("“%s” lacks “%s”", error->message, words[i]);
      g_assert_null (approval);
    }
  test_tsa_stop (tsa);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RefApproval) approval = NULL;

    /* Nobody listens any more; and an address that is not a web address. */
    approval = ref_signature_sign_with_options (meeting, &options, &error);
    g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP);
    g_clear_error (&error);
    options.tsa_url = "file:///etc/passwd";
    approval = ref_signature_sign_with_options (meeting, &options, &error);
    g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP);
  }
  g_assert_cmpuint (n_approvals (meeting), ==, 0);
  g_assert_false (ref_meeting_get_locked (meeting));
}

/* ---- revocation ---- */

static void
test_crl (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr (GDateTime) hour_ago = g_date_time_add_hours (now, -1);
  X509 *revoked_list[] = { member[0]->cert, NULL };
  g_autofree char *revoked = test_pki_write_crl (ca, revoked_list, hour_ago, hour_ago, dir, "revoked");
  g_autofree char *later = test_pki_write_crl (ca, revoked_list, tomorrow, hour_ago, dir, "revoked-later");
  g_autofree char *empty = test_pki_write_crl (ca, NULL, hour_ago, hour_ago, dir, "empty");
  g_autofree char *others = test_pki_write_crl (other_ca, NULL, hour_ago, hour_ago, dir, "others");
  g_autoptr (RefApproval) approval = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  TestTsa *tsa = test_tsa_start (tsa_id, yesterday);
  RefSignOptions stamped = { .pkcs12_path = member_p12[1], .password = TEST_PKI_PASSWORD, .tsa_url = tsa->url,
                             .time = two_days_ago };
  g_autoptr (RefApproval) johan = NULL;

  approval = sign (meeting, member_p12[0]);
  johan = ref_signature_sign_with_options (meeting, &stamped, &error);
  g_assert_no_error (error);
  test_tsa_stop (tsa);
  {
    g_autoptr (RefSignatureTrust) trust = trust_ca ();
    g_autoptr (RefApprovalCheck) check = NULL;
    g_assert_true (ref_signature_trust_add_crl_file (trust, revoked, &error));
    check = ref_signature_verify (meeting, approval, trust);
    assert_status (check, REF_APPROVAL_STATUS_INVALID, "revoked");
  }
  {
    /* Revoked after the check time (now): not yet revoked. */
    g_autoptr (RefSignatureTrust) trust = trust_ca ();
    g_autoptr (RefApprovalCheck) check = NULL;
    g_assert_true (ref_signature_trust_add_crl_file (trust, later, &error));
    check = ref_signature_verify (meeting, approval, trust);
    assert_status (check, REF_APPROVAL_STATUS_VALID, "revoked later");
  }
  {
    g_autoptr (RefSignatureTrust) trust = trust_ca ();
    g_autoptr (RefApprovalCheck) check = NULL;
    g_assert_true (ref_signature_trust_add_crl_file (trust, empty, &error));
    check = ref_signature_verify (meeting, approval, trust);
    assert_status (check, REF_APPROVAL_STATUS_VALID, NULL);
  }
  {
    /* CRLs configured, but none of this authority's: its revocation is unknown. */
    g_autoptr (RefSignatureTrust) trust = trust_ca ();
    g_autoptr (RefApprovalCheck) check = NULL;
    g_assert_true (ref_signature_trust_add_crl_file (trust, others, &error));
    check = ref_signature_verify (meeting, approval, trust);
    assert_status (check, REF_APPROVAL_STATUS_UNTRUSTED, "revocation could not be checked");
  }
  {
    /* Johan's certificate, revoked an hour ago, had signed under a time stamp of
     * yesterday: his approval holds. */
    X509 *johan_list[] = { member[1]->cert, NULL };
    g_autofree char *johan_revoked = test_pki_write_crl (ca, johan_list, hour_ago, hour_ago, dir, "johan");
    g_autoptr (RefSignatureTrust) trust = trust_ca ();
    g_autoptr (RefApprovalCheck) check = NULL;
    g_assert_true (ref_signature_trust_add_crl_file (trust, johan_revoked, &error));
    check = ref_signature_verify (meeting, johan, trust);
    assert_status (check, REF_APPROVAL_STATUS_VALID, "revoked later");
  }
}

/* ---- classic XML-DSig attacks ---- */

static void
assert_attack (const char *good, const char *old, const char *new, RefApprovalStatus status, const char *words)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autofree char *bad = replace_once (good, old, new);
  g_autoptr (RefApproval) approval = ref_approval_new ();
  g_autoptr (RefApprovalCheck) check = NULL;

  ref_approval_set_signature (approval, bad);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (meeting)), approval);
  check = ref_signature_verify (meeting, approval, trust);
  assert_status (check, status, words);
}

static void
test_attack_xmldsig_classics (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefApproval) approval = sign (meeting, member_p12[0]);
  const char *good = ref_approval_get_signature (approval);
  g_autofree char *props = text_between (good, "<xades:SignedProperties", "</xades:SignedProperties>");
  g_autofree char *forged_props = replace_once (props, "urn:referent:participant:p1", "urn:referent:participant:p2");

  /* Downgrades: SHA-1, MD5, HMAC. */
  assert_attack (good, "xmldsig-more#rsa-sha256", "xmldsig-more#rsa-sha1", REF_APPROVAL_STATUS_MALFORMED,
                 "signature algorithm");
  assert_attack (good, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                 "http://www.w3.org/2000/09/xmldsig#hmac-sha1", REF_APPROVAL_STATUS_MALFORMED, "signature algorithm");
  assert_attack (good, "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>",
                 "<ds:DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>",
                 REF_APPROVAL_STATUS_MALFORMED, "digest algorithm");
  /* Extra and external references. */
  assert_attack (good, "</ds:SignedInfo>",
                 "<ds:Reference URI=\"file:///etc/passwd\"><ds:DigestMethod "
                 "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>AA==</ds:DigestValue>"
                 "</ds:Reference></ds:SignedInfo>",
                 REF_APPROVAL_STATUS_MALFORMED, "no part of an approval");
  assert_attack (good, "URI=\"\"", "URI=\"http://example.org/minutes.xml\"", REF_APPROVAL_STATUS_MALFORMED,
                 "no part of an approval");
  /* Transforms that select less than the whole, or run code. */
  assert_attack (good, "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
                 "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath>"
                 "self::text()</ds:XPath></ds:Transform>",
                 REF_APPROVAL_STATUS_MALFORMED, "transform");
  assert_attack (good, "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
                 "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>",
                 REF_APPROVAL_STATUS_MALFORMED, "whole meeting");
  /* Wrapping: forged signed properties in place of the signed ones, under their Id … */
  assert_attack (good, props, forged_props, REF_APPROVAL_STATUS_INVALID, "signed properties");
  /* … or a second element with the same Id. */
  {
    g_autofree char *extra = g_strdup_printf ("<ds:Object><xades:QualifyingProperties "
                                              "xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\">"
                                              "<xades:SignedProperties%s</xades:SignedProperties>"
                                              "</xades:QualifyingProperties></ds:Object></ds:Signature>",
                                              forged_props);
    assert_attack (good, "</ds:Signature>", extra, REF_APPROVAL_STATUS_MALFORMED, "Id twice");
  }
  /* The member it is for, changed in the signed properties. */
  assert_attack (good, "urn:referent:participant:p1", "urn:referent:participant:p2", REF_APPROVAL_STATUS_INVALID,
                 "signed properties");
  /* The signed list of parts, changed to hide a change. */
  assert_attack (good, "<part name=\"item\" number=\"1\" digest=\"", "<part name=\"item\" number=\"1\" digest=\"x",
                 REF_APPROVAL_STATUS_INVALID, "list of parts was altered");
  /* A manifest (processed by nobody) or a KeyValue key of the forger's: no effect. */
  assert_attack (good, "<ds:KeyInfo>",
                 "<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>AQAB</ds:Modulus><ds:Exponent>AQAB"
                 "</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>",
                 REF_APPROVAL_STATUS_VALID, NULL);
  /* An old-style approval (no signed properties) is not counted. */
  assert_attack (good, "<xades:QualifyingProperties", "<xades:Other", REF_APPROVAL_STATUS_MALFORMED, NULL);
}

/* ---- the file ---- */

static RefMeeting *
load (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_xml_load_file (file, &error);

  g_assert_no_error (error);
  return meeting;
}

static void
test_save_load_reindent (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autofree char *path = g_build_filename (dir, "saved.referat", NULL);
  g_autofree char *reindented = g_build_filename (dir, "reindented.referat", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autoptr (RefMeeting) again = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *approvals;
  g_auto (GStrv) pieces = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *rebuilt = NULL;

  sign_all (meeting);
  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  ref_xml_validate_bytes (bytes, path, &error);
  g_assert_no_error (error);

  loaded = load (path);
  g_assert_true (ref_meeting_get_locked (loaded));
  assert_all_status (loaded, trust, REF_APPROVAL_STATUS_VALID);
  g_assert_cmpuint (count_approved (loaded, trust), ==, 3);

  /* Re-indent every signature, as a pretty-printer would. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  approvals = strstr (contents, "<approvals>");
  pieces = g_strsplit (approvals, "><", -1);
  spread = g_strjoinv (">\n        <", pieces);
  *approvals = '\0';
  rebuilt = g_strconcat (contents, spread, NULL);
  g_assert_true (g_file_set_contents (reindented, rebuilt, -1, NULL));
  again = load (reindented);
  assert_all_status (again, trust, REF_APPROVAL_STATUS_VALID);
}

/* Issue 13.6: `xmllint --format` on a signed file keeps every approval valid, also
 * where it indents inside paragraphs that hold only markup. */
static void
test_xmllint_format (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autofree char *path = g_build_filename (dir, "lint.referat", NULL);
  g_autofree char *formatted = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) again = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char *argv[] = { "xmllint", "--format", path, NULL };
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  RefAgendaItem *item = ref_meeting_find_item_by_number (meeting, 1);
  g_autoptr (RefSection) section = g_list_model_get_item (ref_agenda_item_get_sections (item), 0);
  g_autoptr (RefText) markup_only = ref_text_new ();
  RefTextInline *para = ref_text_block_append_item (ref_text_append_block (markup_only, REF_BLOCK_PARAGRAPH));
  int status = 0;

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed");
      return;
    }
  /* A paragraph of only formatted runs, the case that broke approvals. */
  ref_text_inline_append (para, "Fed", REF_STYLE_BOLD, NULL);
  ref_text_inline_append (para, "Kursiv", REF_STYLE_ITALIC, NULL);
  ref_text_inline_append (para, "\n", REF_STYLE_NONE, NULL);
  ref_text_inline_append (para, "Link", REF_STYLE_UNDERLINE, "https://example.org/");
  ref_section_set_text (section, markup_only);
  sign_all (meeting);
  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &formatted, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* It did indent inside the paragraph. */
  g_assert_nonnull (strstr (formatted, "<p>\n"));
  bytes = g_bytes_new_take (formatted, strlen (formatted));
  formatted = NULL;
  again = ref_xml_load_bytes (bytes, "formatted", &error);
  g_assert_no_error (error);
  g_assert_true (ref_model_equal (ref_meeting_find_item_by_number (meeting, 1),
                                  ref_meeting_find_item_by_number (again, 1), NULL));
  assert_all_status (again, trust, REF_APPROVAL_STATUS_VALID);
}

static void
test_unlock_voids (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  RefHistory *history = ref_meeting_get_history (meeting);

  sign_all (meeting);
  ref_history_clear (history);
  ref_meeting_unlock (meeting);
  g_assert_false (ref_meeting_get_locked (meeting));
  assert_all_status (meeting, trust, REF_APPROVAL_STATUS_VOID);
  {
    g_autoptr (RefApprovalCheck) check = check_at (meeting, 0, trust);
    g_assert_cmpuint (strlen (ref_approval_check_get_fingerprint (check)), ==, 95);
    g_assert_nonnull (strstr (ref_approval_check_get_message (check), "unlocked"));
  }
  g_assert_cmpuint (count_approved (meeting, trust), ==, 0);
  g_assert_true (ref_history_undo (history));
  g_assert_true (ref_meeting_get_locked (meeting));
  assert_all_status (meeting, trust, REF_APPROVAL_STATUS_VALID);
}

static void
test_key_errors (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing.p12", NULL);

  approval = ref_signature_sign (meeting, member_p12[0], "forkert", NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_assert_nonnull (strstr (error->message, member_p12[0]));
  g_assert_null (approval);
  g_clear_error (&error);
  approval = ref_signature_sign (meeting, missing, TEST_PKI_PASSWORD, NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_clear_error (&error);
  approval = ref_signature_sign (meeting, ca_pem, TEST_PKI_PASSWORD, NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_assert_cmpuint (n_approvals (meeting), ==, 0);
  g_assert_false (ref_meeting_get_locked (meeting));
}

static void
test_trust_files (void)
{
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing.pem", NULL);
  g_autofree char *bundle = g_build_filename (dir, "bundle.pem", NULL);
  g_autofree char *a = NULL, *b = NULL, *both = NULL;

  g_assert_false (ref_signature_trust_add_file (trust, missing, &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST);
  g_clear_error (&error);
  g_assert_false (ref_signature_trust_add_file (trust, member_p12[0], &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST);
  g_clear_error (&error);
  g_assert_false (ref_signature_trust_add_crl_file (trust, ca_pem, &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST);
  g_clear_error (&error);
  g_assert_false (ref_signature_trust_add_tsa_file (trust, missing, &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST);
  g_clear_error (&error);
  g_assert_cmpuint (ref_signature_trust_get_n_certificates (trust), ==, 0);

  g_assert_true (g_file_get_contents (ca_pem, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (other_ca_pem, &b, NULL, NULL));
  both = g_strconcat (a, b, NULL);
  g_assert_true (g_file_set_contents (bundle, both, -1, NULL));
  g_assert_true (ref_signature_trust_add_file (trust, bundle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ref_signature_trust_get_n_certificates (trust), ==, 2);
}

/* ---- other tools ---- */

/* The signed document for another verifier, and an approval attached from one. */
static void
test_signed_content_and_attach (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefMeeting) other = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefApproval) approval = sign (meeting, member_p12[0]);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) signed_doc = ref_signature_signed_content (meeting, approval, &error);
  g_autoptr (RefApproval) attached = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;
  g_autoptr (GBytes) garbage = g_bytes_new_static ("<x/>", 4);

  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (signed_doc, NULL), g_bytes_get_size (signed_doc), "<referat"));
  attached = ref_signature_attach (other, signed_doc, &error);
  g_assert_no_error (error);
  g_assert_true (ref_meeting_get_locked (other));
  check = ref_signature_verify (other, attached, trust);
  assert_status (check, REF_APPROVAL_STATUS_VALID, NULL);
  g_assert_cmpstr (ref_participant_get_name (ref_approval_get_participant (attached)), ==, member_names[0]);

  /* Not these minutes, or no signature: refused. */
  g_assert_null (ref_signature_attach (other, garbage, &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE);
  g_clear_error (&error);
  ref_meeting_set_location (other, "Andetsteds");
  g_assert_null (ref_signature_attach (other, signed_doc, &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_NOT_SIGNATURE);
}

/* Signing from a snapshot in another thread, the meeting edited meanwhile. */
static void
test_snapshot_changed (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureSnapshot) snapshot = ref_signature_snapshot_new (meeting);
  RefSignOptions options = { .pkcs12_path = member_p12[0], .password = TEST_PKI_PASSWORD };
  g_autoptr (GError) error = NULL;
  g_autoptr (RefSignature) signature = ref_signature_snapshot_sign (snapshot, &options, &error);
  g_autoptr (RefApproval) approval = NULL;

  g_assert_no_error (error);
  ref_meeting_set_location (meeting, "Rådhuset");
  approval = ref_signature_add (meeting, snapshot, signature, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_CHANGED);
  g_assert_null (approval);
  g_assert_cmpuint (n_approvals (meeting), ==, 0);
}

/* ---- saving a file others change ---- */

static void
test_file_lock (void)
{
  g_autofree char *path = g_build_filename (dir, "locked.referat", NULL);
  g_autofree char *lock_path = g_build_filename (dir, ".locked.referat.lock", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RefFileLock *first = ref_file_lock_acquire (file, 0, NULL, &error);
  RefFileLock *second;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  /* flock() locks are per open file: a second acquire in this process waits too. */
  second = ref_file_lock_acquire (file, 100, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (second);
  g_clear_error (&error);
  ref_file_lock_release (first);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  second = ref_file_lock_acquire (file, 0, NULL, &error);
  g_assert_no_error (error);
  ref_file_lock_release (second);
}

/* Two copies of the same minutes, each approved by another member, saved one after
 * the other: the second save keeps the first one's approval; a comment made
 * meanwhile survives too. Changed minutes are refused unless overwriting. */
static void
test_shared_save (void)
{
  g_autofree char *path = g_build_filename (dir, "shared.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) start = sample ();
  g_autoptr (RefMeeting) a = NULL, b = NULL, c = NULL, result = NULL;
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefComment) comment = ref_comment_new ();
  g_autofree char *etag_a = NULL, *etag_b = NULL, *etag_c = NULL;
  guint merged = 0;

  g_assert_true (ref_xml_save_file (start, file, &error));
  a = ref_xml_load_file (file, &error);
  etag_a = ref_file_get_etag (file);
  b = ref_xml_load_file (file, &error);
  etag_b = g_strdup (etag_a);
  c = ref_xml_load_file (file, &error);
  etag_c = g_strdup (etag_a);
  g_assert_no_error (error);

  g_object_unref (sign (a, member_p12[0]));
  ref_comment_set_text (comment, "Husk bilag");
  ref_comment_set_author (comment, "Sekretær");
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (ref_meeting_find_item_by_number (a, 2))), comment);
  g_assert_true (ref_xml_save_file_shared (a, file, etag_a, REF_XML_SAVE_NONE, NULL, &merged, &error));
  g_assert_cmpuint (merged, ==, 0);

  g_object_unref (sign (b, member_p12[1]));
  g_assert_true (ref_xml_save_file_shared (b, file, etag_b, REF_XML_SAVE_NONE, NULL, &merged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merged, ==, 2); /* Maria's approval and the comment */
  result = ref_xml_load_file (file, &error);
  g_assert_cmpuint (n_approvals (result), ==, 2);
  g_assert_cmpuint (count_approved (result, trust), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_comments (ref_meeting_find_item_by_number (result, 2))),
                    ==, 1);

  /* c changed the minutes meanwhile: not written … */
  ref_meeting_set_location (c, "Et andet sted");
  g_assert_false (ref_xml_save_file_shared (c, file, etag_c, REF_XML_SAVE_NONE, NULL, NULL, &error));
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_CHANGED_ON_DISK);
  g_clear_error (&error);
  g_clear_object (&result);
  result = ref_xml_load_file (file, &error);
  g_assert_cmpstr (ref_meeting_get_location (result), !=, "Et andet sted");
  /* … unless overwriting, which still keeps the approvals (now invalid: the minutes
   * they approved are not these). */
  g_assert_true (ref_xml_save_file_shared (c, file, etag_c, REF_XML_SAVE_OVERWRITE, NULL, NULL, &error));
  g_clear_object (&result);
  result = ref_xml_load_file (file, &error);
  g_assert_cmpstr (ref_meeting_get_location (result), ==, "Et andet sted");
  g_assert_cmpuint (n_approvals (result), ==, 2);
  assert_all_status (result, trust, REF_APPROVAL_STATUS_INVALID);
}

/* Initialising xmlsec must leave the XML reader as safe as it was. */
static int substitute_before, load_dtd_before;

static void
test_reader_safety_kept (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefApprovalCheck) check = verify_text (meeting, "x");
  int substitute = xmlSubstituteEntitiesDefault (0);
  g_autoptr (GBytes) doctype = g_bytes_new_static ("<!DOCTYPE referat [<!ENTITY a \"b\">]><referat/>", 45);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) refused = NULL;

  g_assert_nonnull (check);
  xmlSubstituteEntitiesDefault (substitute);
  g_assert_cmpint (substitute, ==, substitute_before);
  g_assert_cmpint (xmlLoadExtDtdDefaultValue, ==, load_dtd_before);
  refused = ref_xml_load_bytes (doctype, "doctype", &error);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_ENTITY);
}

int
main (int argc, char **argv)
{
  int status;

  tmp_root = ref_test_make_tmp_root ("referent-test-signature");
  substitute_before = xmlSubstituteEntitiesDefault (0);
  xmlSubstituteEntitiesDefault (substitute_before);
  load_dtd_before = xmlLoadExtDtdDefaultValue;
  g_test_init (&argc, &argv, NULL);
  make_pki ();

  g_test_add_func ("/signature/reader-safety", test_reader_safety_kept);
  g_test_add_func ("/signature/sign-three", test_sign_three_valid);
  g_test_add_func ("/signature/time-and-undo", test_sign_time_and_undo);
  g_test_add_func ("/signature/changed-decision", test_changed_decision);
  g_test_add_func ("/signature/header-added-removed", test_header_and_items_added_removed);
  g_test_add_func ("/signature/comments-and-lock", test_comments_and_lock_not_signed);
  g_test_add_func ("/signature/untrusted", test_other_authority_untrusted);
  g_test_add_func ("/signature/malformed", test_malformed_signatures);
  g_test_add_func ("/signature/approval-time", test_approval_time_changed);
  g_test_add_func ("/signature/attack/copied-approval", test_attack_copied_approval);
  g_test_add_func ("/signature/attack/duplicate-approval", test_attack_duplicate_approval);
  g_test_add_func ("/signature/attack/signer-edited", test_attack_signer_edited);
  g_test_add_func ("/signature/attack/planted-certificate", test_attack_planted_certificate);
  g_test_add_func ("/signature/attack/lookalike-authority", test_attack_lookalike_authority);
  g_test_add_func ("/signature/attack/named-certificate", test_attack_named_certificate_not_signers);
  g_test_add_func ("/signature/attack/for-another-member", test_attack_approval_for_another_member);
  g_test_add_func ("/signature/attack/backdated-expired", test_attack_backdated_expired);
  g_test_add_func ("/signature/attack/expired-old-time", test_attack_expired_claiming_old_time);
  g_test_add_func ("/signature/attack/future-time", test_attack_future_time);
  g_test_add_func ("/signature/attack/xmldsig", test_attack_xmldsig_classics);
  g_test_add_func ("/signature/not-a-member", test_not_a_member);
  g_test_add_func ("/signature/recorded-fingerprint", test_recorded_fingerprint);
  g_test_add_func ("/signature/already-approved", test_already_approved);
  g_test_add_func ("/signature/timestamp/after-expiry", test_timestamp_valid_after_expiry);
  g_test_add_func ("/signature/timestamp/now", test_timestamp_now);
  g_test_add_func ("/signature/timestamp/claim-after-stamp", test_timestamp_claim_after_stamp);
  g_test_add_func ("/signature/timestamp/swapped", test_timestamp_swapped);
  g_test_add_func ("/signature/timestamp/authority-failures", test_timestamp_authority_failures);
  g_test_add_func ("/signature/crl", test_crl);
  g_test_add_func ("/signature/save-load-reindent", test_save_load_reindent);
  g_test_add_func ("/signature/xmllint-format", test_xmllint_format);
  g_test_add_func ("/signature/unlock", test_unlock_voids);
  g_test_add_func ("/signature/key-errors", test_key_errors);
  g_test_add_func ("/signature/trust-files", test_trust_files);
  g_test_add_func ("/signature/signed-content-and-attach", test_signed_content_and_attach);
  g_test_add_func ("/signature/snapshot-changed", test_snapshot_changed);
  g_test_add_func ("/signature/file-lock", test_file_lock);
  g_test_add_func ("/signature/shared-save", test_shared_save);

  status = g_test_run ();
  ref_test_remove_tree (tmp_root);
  return status;
}
