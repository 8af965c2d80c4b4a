/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of src/io/signature/: the XML security library, certificate
 * helpers and chain checking. Not part of the library's API. */

#include <libxml/tree.h>
#include <openssl/x509.h>

#include "ref-signature-trust.h"

G_BEGIN_DECLS

#define REF_XADES_NAMESPACE "http://uri.etsi.org/01903/v1.3.2#"
#define REF_XADES_SIGNED_PROPERTIES_TYPE "http://uri.etsi.org/01903#SignedProperties"
#define REF_XADES_PROOF_OF_APPROVAL "http://uri.etsi.org/01903/v1.2.2#ProofOfApproval"
/* The member an approval is for, as a claimed signer role: this prefix and the
 * participant's id in the signed content ("urn:referent:participant:p3"). */
#define REF_APPROVER_ROLE_PREFIX "urn:referent:participant:"

#define REF_ALG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define REF_ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define REF_ALG_C14N "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
#define REF_ALG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"
#define REF_ALG_SHA384 "http://www.w3.org/2001/04/xmldsig-more#sha384"
#define REF_ALG_SHA512 "http://www.w3.org/2001/04/xmlenc#sha512"

/* A signed claim may be this far ahead of a clock it is compared with (clock skew). */
#define REF_SIGNATURE_CLOCK_SKEW (5 * G_TIME_SPAN_MINUTE)

/* ---- the XML security library (ref-xmlsec.c) ---- */

gboolean    ref_xmlsec_ensure (GError **error);
/* xmlsec reports through a global callback; this keeps the first message of the
 * calling thread since the last ref_xmlsec_forget_error(). */
void        ref_xmlsec_forget_error (void);
const char *ref_xmlsec_error_message (void);

/* ---- certificates (ref-xmlsec.c) ---- */

/* RFC 2253, UTF-8 kept as it is: "CN=Maria Lundahl Assov,O=Testkommune" */
char  *ref_cert_name_to_string (const X509_NAME *name);
/* The subject's common name, or NULL */
char  *ref_cert_common_name (X509 *cert);
/* SHA-256 of the DER certificate as "AB:CD:…" */
char  *ref_cert_fingerprint (X509 *cert);
/* The digest of the DER certificate with the XML-DSig digest algorithm @algorithm
 * (SHA-256/384/512); NULL for another algorithm. */
GBytes *ref_cert_digest (X509 *cert, const char *algorithm);
/* The EVP digest of an XML-DSig digest algorithm URI (SHA-2 family only), or NULL. */
const EVP_MD *ref_digest_for_algorithm (const char *algorithm);
/* Base64 text (whitespace allowed) to an X509, or NULL. */
X509  *ref_cert_from_base64 (const char *text);
/* Whether two names are the same person's name: Unicode-normalised, case-folded,
 * with runs of white space as one space. */
gboolean ref_names_match (const char *a, const char *b);

/* ---- trust (ref-signature-trust.c) ---- */

typedef enum {
  REF_CHAIN_OK,
  REF_CHAIN_NO_ANCHOR,      /* does not lead to a trust anchor */
  REF_CHAIN_NOT_VALID_THEN, /* expired or not yet valid at the checked time */
  REF_CHAIN_REVOKED,        /* revoked before the checked time */
  REF_CHAIN_NO_CRL,         /* CRL checking is configured but a CRL is missing or stale */
  REF_CHAIN_OTHER,          /* anything else (bad key usage, broken chain …) */
} RefChainResult;

/* Checks that @leaf leads through @untrusted (may be NULL) to a trust anchor of
 * @self, at @when, against the configured CRLs; a revocation after @when does not
 * count (the signature was made before it). @why receives a translated reason. */
RefChainResult ref_signature_trust_check_chain (RefSignatureTrust *self, X509 *leaf, STACK_OF (X509) * untrusted,
                                                GDateTime *when, char **why);
/* A new store of the time-stamp authorities' anchors (for OpenSSL's TS verification,
 * which takes ownership), or NULL when none is configured. */
X509_STORE    *ref_signature_trust_new_tsa_store (RefSignatureTrust *self);
/* Whether one of the signers' anchors issued @leaf (names and signature), whatever
 * else is wrong with it. */
gboolean       ref_signature_trust_issued (RefSignatureTrust *self, X509 *leaf);

G_END_DECLS
