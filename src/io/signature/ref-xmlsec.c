/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/base64.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>

#include "ref-model-util.h"
#include "ref-signature.h"
#include "ref-signature-private.h"

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

void
ref_xmlsec_forget_error (void)
{
  g_private_replace (&first_xmlsec_error, NULL);
}

const char *
ref_xmlsec_error_message (void)
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

  xmlInitParser ();
  xmlSubstituteEntitiesDefault (substitute);
  if (xmlSecInit () < 0)
    goto out;
  if (xmlSecCheckVersion () != 1)
    goto out;
  if (xmlSecCryptoAppInit (NULL) < 0 || xmlSecCryptoInit () < 0)
    goto out;
  xmlSecErrorsSetCallback (keep_xmlsec_error);
  /* Base64 on one line (xmlsec wants some limit): no line breaks inside values. */
  xmlSecBase64SetDefaultLineSize (1 << 24);
  ok = TRUE;
out:
  xmlSubstituteEntitiesDefault (substitute);
  xmlLoadExtDtdDefaultValue = load_ext_dtd;
  return ok;
}

/* Once per process. xmlSecShutdown() is never called: the library stays usable for
 * as long as the process runs, and the application may use libxml2 elsewhere. */
gboolean
ref_xmlsec_ensure (GError **error)
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

/* ---- certificates ---- */

static char *
valid_utf8 (char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);
      g_free (text);
      return valid;
    }
  return text;
}

char *
ref_cert_name_to_string (const X509_NAME *name)
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
  return valid_utf8 (result);
}

char *
ref_cert_common_name (X509 *cert)
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

char *
ref_cert_fingerprint (X509 *cert)
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

const EVP_MD *
ref_digest_for_algorithm (const char *algorithm)
{
  if (g_strcmp0 (algorithm, REF_ALG_SHA256) == 0)
    return EVP_sha256 ();
  if (g_strcmp0 (algorithm, REF_ALG_SHA384) == 0)
    return EVP_sha384 ();
  if (g_strcmp0 (algorithm, REF_ALG_SHA512) == 0)
    return EVP_sha512 ();
  return NULL;
}

GBytes *
ref_cert_digest (X509 *cert, const char *algorithm)
{
  const EVP_MD *md = ref_digest_for_algorithm (algorithm);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;

  if (md == NULL || !X509_digest (cert, md, digest, &len))
    return NULL;
  return g_bytes_new (digest, len);
}

X509 *
ref_cert_from_base64 (const char *text)
{
  g_autofree char *clean = g_strdup (text);
  g_autofree guchar *der = NULL;
  gsize len = 0;
  const unsigned char *p;
  X509 *cert;

  /* g_base64_decode skips nothing but ignores invalid characters; white space
   * between the lines of a certificate is usual. */
  der = g_base64_decode (g_strstrip (clean), &len);
  p = der;
  cert = len > 0 && len < G_MAXINT ? d2i_X509 (NULL, &p, (long) len) : NULL;
  /* Trailing garbage after the certificate is not a certificate. */
  if (cert != NULL && p != der + len)
    g_clear_pointer (&cert, X509_free);
  ERR_clear_error ();
  return cert;
}

static char *
normalise_name (const char *name)
{
  g_autofree char *nfc = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (nfc ? nfc : "", -1);
  /* NFKC has made no-break spaces plain ones. */
  g_auto (GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i])
      g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

gboolean
ref_names_match (const char *a, const char *b)
{
  g_autofree char *na = normalise_name (a);
  g_autofree char *nb = normalise_name (b);

  return *na != '\0' && g_str_equal (na, nb);
}
