/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "ref-file-util.h"
#include "ref-signature.h"
#include "ref-signature-trust.h"

struct _RefSignatureTrust {
  GObject parent_instance;

  GPtrArray *certificates; /* GBytes, DER */
};

G_DEFINE_FINAL_TYPE (RefSignatureTrust, ref_signature_trust, G_TYPE_OBJECT)

static void
ref_signature_trust_finalize (GObject *object)
{
  RefSignatureTrust *self = REF_SIGNATURE_TRUST (object);

  g_clear_pointer (&self->certificates, g_ptr_array_unref);

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

gboolean
ref_signature_trust_add_file (RefSignatureTrust *self, const char *pem_path, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  const char *contents;
  gsize length = 0;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  BIO *bio;
  X509 *cert;

  g_return_val_if_fail (REF_IS_SIGNATURE_TRUST (self), FALSE);
  g_return_val_if_fail (pem_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = ref_file_read_path (pem_path, REF_FILE_MAX_CERTIFICATES, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST,
                   _("Could not read the trusted certificates “%s”: %s"), pem_path, local_error->message);
      return FALSE;
    }
  contents = g_bytes_get_data (bytes, &length);
  if (length > G_MAXINT)
    length = G_MAXINT;
  /* A PEM file may hold a whole chain or several authorities; read them all. */
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
                   _("“%s” holds no certificate in PEM format (“-----BEGIN CERTIFICATE-----”)"), pem_path);
      return FALSE;
    }
  g_ptr_array_extend_and_steal (self->certificates, g_steal_pointer (&found));
  return TRUE;
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
