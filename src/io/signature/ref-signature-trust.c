/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "ref-file-util.h"
#include "ref-signature.h"
#include "ref-signature-private.h"
#include "ref-signature-trust.h"

struct _RefSignatureTrust {
  GObject parent_instance;

  GPtrArray *certificates;     /* GBytes, DER: authorities that issue members' certificates */
  GPtrArray *tsa_certificates; /* GBytes, DER: authorities of trusted time-stamp services */
  GPtrArray *crls;             /* GBytes, DER */
};

G_DEFINE_FINAL_TYPE (RefSignatureTrust, ref_signature_trust, G_TYPE_OBJECT)

static void
ref_signature_trust_finalize (GObject *object)
{
  RefSignatureTrust *self = REF_SIGNATURE_TRUST (object);

  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->tsa_certificates, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);

  G_OBJECT_CLASS (ref_signature_trust_parent_class)->finalize (object);
}

static void
ref_signature_trust_class_init (RefSignatureTrustClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ref_signature_trust_finalize;
}

static void
ref_signature_trust_init (RefSignatureTrust *self)
{
  self->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->tsa_certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->crls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

RefSignatureTrust *
ref_signature_trust_new (void)
{
  return g_object_new (REF_TYPE_SIGNATURE_TRUST, NULL);
}

static GBytes *
certificate_to_der (X509 *cert)
{
  unsigned char *der = NULL;
  int len = i2d_X509 (cert, &der);
  GBytes *bytes;

  if (len <= 0)
    return NULL;
  bytes = g_bytes_new (der, len);
  OPENSSL_free (der);
  return bytes;
}

/* Every certificate of a PEM file (a chain or several authorities), DER-encoded. */
static GPtrArray *
read_pem_certificates (const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  const char *contents;
  gsize length = 0;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  BIO *bio;
  X509 *cert;

  if ((bytes = ref_file_read_path (path, REF_FILE_MAX_CERTIFICATES, &local_error)) == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST,
                   _("Could not read the trusted certificates “%s”: %s"), path, local_error->message);
      return NULL;
    }
  contents = g_bytes_get_data (bytes, &length);
  if (length > G_MAXINT)
    length = G_MAXINT;
  bio = BIO_new_mem_buf (contents, (int) length);
  while (bio != NULL && (cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL)
    {
      GBytes *der = certificate_to_der (cert);
      if (der != NULL)
        g_ptr_array_add (found, der);
      X509_free (cert);
    }
  BIO_free (bio);
  ERR_clear_error (); /* the end of the file is reported as an error */
  if (found->len == 0)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST,
                   _("“%s” holds no certificate in PEM format (“-----BEGIN CERTIFICATE-----”)"), path);
      return NULL;
    }
  return g_steal_pointer (&found);
}

/* The certificates of @pem_path, added to @certificates (the members' anchors or the
 * time-stamp authorities'). */
static gboolean
add_pem_file (GPtrArray *certificates, const char *pem_path, GError **error)
{
  g_autoptr (GPtrArray) found = NULL;

  g_return_val_if_fail (pem_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((found = read_pem_certificates (pem_path, error)) == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (certificates, g_steal_pointer (&found));
  return TRUE;
}

gboolean
ref_signature_trust_add_file (RefSignatureTrust *self, const char *pem_path, GError **error)
{
  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), FALSE);
  return add_pem_file (self->certificates, pem_path, error);
}

gboolean
ref_signature_trust_add_tsa_file (RefSignatureTrust *self, const char *pem_path, GError **error)
{
  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), FALSE);
  return add_pem_file (self->tsa_certificates, pem_path, error);
}

gboolean
ref_signature_trust_add_crl_file (RefSignatureTrust *self, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  const char *contents;
  gsize length = 0;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  BIO *bio;
  X509_CRL *crl;

  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Revocation lists of large authorities run to megabytes, never near the limit. */
  if ((bytes = ref_file_read_path (path, REF_FILE_MAX_CERTIFICATES, &local_error)) == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST,
                   _("Could not read the certificate revocation list “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  contents = g_bytes_get_data (bytes, &length);
  if (length > G_MAXINT)
    length = G_MAXINT;
  /* PEM (one or more lists) or DER (one), as authorities publish them. */
  bio = BIO_new_mem_buf (contents, (int) length);
  while (bio != NULL && (crl = PEM_read_bio_X509_CRL (bio, NULL, NULL, NULL)) != NULL)
    {
      unsigned char *der = NULL;
      int len = i2d_X509_CRL (crl, &der);

      if (len > 0)
        g_ptr_array_add (found, g_bytes_new (der, len));
      OPENSSL_free (der);
      X509_CRL_free (crl);
    }
  BIO_free (bio);
  ERR_clear_error ();
  if (found->len == 0)
    {
      const unsigned char *p = (const unsigned char *) contents;

      crl = d2i_X509_CRL (NULL, &p, (long) length);
      if (crl != NULL)
        {
          g_ptr_array_add (found, g_bytes_new (contents, length));
          X509_CRL_free (crl);
        }
      ERR_clear_error ();
    }
  if (found->len == 0)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST,
                   _("“%s” holds no certificate revocation list (PEM or DER)"), path);
      return FALSE;
    }
  g_ptr_array_extend_and_steal (self->crls, g_steal_pointer (&found));
  return TRUE;
}

guint
ref_signature_trust_get_n_tsa_certificates (RefSignatureTrust *self)
{
  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), 0);
  return self->tsa_certificates->len;
}

guint
ref_signature_trust_get_n_crls (RefSignatureTrust *self)
{
  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), 0);
  return self->crls->len;
}

guint
ref_signature_trust_get_n_certificates (RefSignatureTrust *self)
{
  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), 0);
  return self->certificates->len;
}

GBytes *
ref_signature_trust_get_certificate (RefSignatureTrust *self, guint index)
{
  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), NULL);
  g_return_val_if_fail (index < self->certificates->len, NULL);
  return g_ptr_array_index (self->certificates, index);
}

/* ---- checking ---- */

static X509 *
x509_from_bytes (GBytes *der)
{
  gsize len = 0;
  const unsigned char *p = g_bytes_get_data (der, &len);

  return len > 0 && len < G_MAXINT ? d2i_X509 (NULL, &p, (long) len) : NULL;
}

static X509_STORE *
store_of (GPtrArray *certificates)
{
  X509_STORE *store = X509_STORE_new ();

  for (guint i = 0; store != NULL && i < certificates->len; i++)
    {
      X509 *cert = x509_from_bytes (g_ptr_array_index (certificates, i));

      if (cert != NULL)
        X509_STORE_add_cert (store, cert);
      X509_free (cert);
    }
  ERR_clear_error ();
  return store;
}

X509_STORE *
ref_signature_trust_new_tsa_store (RefSignatureTrust *self)
{
  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), NULL);
  return self->tsa_certificates->len > 0 ? store_of (self->tsa_certificates) : NULL;
}

gboolean
ref_signature_trust_issued (RefSignatureTrust *self, X509 *leaf)
{
  for (guint i = 0; self != NULL && leaf != NULL && i < self->certificates->len; i++)
    {
      X509 *anchor = x509_from_bytes (g_ptr_array_index (self->certificates, i));
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

typedef struct {
  time_t when;
  STACK_OF (X509_CRL) *crls;
  char *revoked_later; /* a revocation after the checked time, for the message */
} ChainCheck;

static int chain_check_index = -1;

/* Revocation is judged at the checked time: a certificate revoked after it signed
 * (under a trusted time stamp) still made a good signature, and a revocation list
 * issued after that time still speaks for it. */
static int
verify_callback (int ok, X509_STORE_CTX *ctx)
{
  ChainCheck *check = X509_STORE_CTX_get_ex_data (ctx, chain_check_index);
  int error = X509_STORE_CTX_get_error (ctx);

  if (ok || check == NULL)
    return ok;
  if (error == X509_V_ERR_CRL_NOT_YET_VALID)
    return 1;
  if (error == X509_V_ERR_CERT_REVOKED)
    {
      X509 *cert = X509_STORE_CTX_get_current_cert (ctx);

      /* The revocation entry, from the lists given (OpenSSL does not always say which
       * list it used). */
      for (int i = 0; cert != NULL && check->crls != NULL && i < sk_X509_CRL_num (check->crls); i++)
        {
          X509_CRL *crl = sk_X509_CRL_value (check->crls, i);
          X509_REVOKED *revoked = NULL;
          const ASN1_TIME *date;
          struct tm tm;

          if (X509_NAME_cmp (X509_CRL_get_issuer (crl), X509_get_issuer_name (cert)) != 0
              || X509_CRL_get0_by_cert (crl, &revoked, cert) != 1 || revoked == NULL)
            continue;
          date = X509_REVOKED_get0_revocationDate (revoked);
          if (X509_cmp_time (date, &check->when) <= 0)
            return 0;
          if (check->revoked_later == NULL && ASN1_TIME_to_tm (date, &tm))
            check->revoked_later = g_strdup_printf ("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
          return 1;
        }
    }
  return 0;
}

static STACK_OF (X509_CRL) *
crl_stack (GPtrArray *crls)
{
  STACK_OF (X509_CRL) *stack = sk_X509_CRL_new_null ();

  for (guint i = 0; i < crls->len; i++)
    {
      gsize len = 0;
      const unsigned char *p = g_bytes_get_data (g_ptr_array_index (crls, i), &len);
      X509_CRL *crl = d2i_X509_CRL (NULL, &p, (long) len);

      if (crl != NULL)
        sk_X509_CRL_push (stack, crl);
    }
  return stack;
}

RefChainResult
ref_signature_trust_check_chain (RefSignatureTrust *self, X509 *leaf, STACK_OF (X509) * untrusted, GDateTime *when,
                                 char **why)
{
  static gsize index_done = 0;
  X509_STORE *store = NULL;
  X509_STORE_CTX *ctx = NULL;
  STACK_OF (X509_CRL) *crls = NULL;
  ChainCheck check = { (time_t) g_date_time_to_unix (when), NULL, NULL };
  g_autofree char *at = g_date_time_format (when, "%Y-%m-%d %H:%M");
  RefChainResult result = REF_CHAIN_OTHER;
  int error;

  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), REF_CHAIN_OTHER);

  if (g_once_init_enter (&index_done))
    {
      chain_check_index = X509_STORE_CTX_get_ex_new_index (0, NULL, NULL, NULL, NULL);
      g_once_init_leave (&index_done, 1);
    }
  if (self->certificates->len == 0)
    {
      *why = g_strdup (_("no trusted authority is configured"));
      return REF_CHAIN_NO_ANCHOR;
    }
  store = store_of (self->certificates);
  ctx = X509_STORE_CTX_new ();
  if (store == NULL || ctx == NULL || !X509_STORE_CTX_init (ctx, store, leaf, untrusted))
    {
      *why = g_strdup (_("the certificate could not be checked"));
      goto out;
    }
  X509_STORE_CTX_set_ex_data (ctx, chain_check_index, &check);
  X509_STORE_CTX_set_verify_cb (ctx, verify_callback);
  X509_STORE_CTX_set_time (ctx, 0, check.when);
  if (self->crls->len > 0)
    {
      crls = crl_stack (self->crls);
      check.crls = crls;
      X509_STORE_CTX_set0_crls (ctx, crls);
      X509_STORE_CTX_set_flags (ctx, X509_V_FLAG_CRL_CHECK);
    }
  /* A member's certificate, not an authority's, and one for signatures if it
   * restricts its key usage (no purpose check: employee certificates name various
   * extended key usages). */
  if (X509_check_ca (leaf) != 0 || !(X509_get_key_usage (leaf) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
    {
      *why = g_strdup (_("the certificate is not one for signing (it is an authority’s, or its key usage forbids signatures)"));
      result = REF_CHAIN_OTHER;
      goto out;
    }
  if (X509_verify_cert (ctx) == 1)
    {
      result = REF_CHAIN_OK;
      if (check.revoked_later != NULL)
        /* TRANSLATORS: said of a valid approval whose certificate was revoked after it signed */
        *why = g_strdup_printf (_("the certificate was revoked later, on %s"), check.revoked_later);
      goto out;
    }
  error = X509_STORE_CTX_get_error (ctx);
  switch (error)
    {
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      result = REF_CHAIN_NOT_VALID_THEN;
      if (X509_STORE_CTX_get_error_depth (ctx) > 0)
        *why = g_strdup_printf (error == X509_V_ERR_CERT_HAS_EXPIRED
                                    ? _("the certificate of its issuing authority had expired at %s")
                                    : _("the certificate of its issuing authority was not yet valid at %s"),
                                at);
      else
        *why = g_strdup_printf (error == X509_V_ERR_CERT_HAS_EXPIRED ? _("the certificate had expired at %s")
                                                                     : _("the certificate was not yet valid at %s"),
                                at);
      break;
    case X509_V_ERR_CERT_REVOKED:
      result = REF_CHAIN_REVOKED;
      *why = g_strdup_printf (_("the certificate was revoked before %s"), at);
      break;
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
      result = REF_CHAIN_NO_CRL;
      *why = g_strdup_printf (_("its revocation could not be checked: %s"), X509_verify_cert_error_string (error));
      break;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
      result = REF_CHAIN_NO_ANCHOR;
      *why = g_strdup (_("it is not issued by a trusted authority"));
      break;
    default:
      result = REF_CHAIN_OTHER;
      *why = g_strdup_printf (_("the certificate is not accepted: %s"), X509_verify_cert_error_string (error));
    }
out:
  g_free (check.revoked_later);
  X509_STORE_CTX_free (ctx);
  X509_STORE_free (store);
  if (crls != NULL)
    sk_X509_CRL_pop_free (crls, X509_CRL_free);
  ERR_clear_error ();
  return result;
}
