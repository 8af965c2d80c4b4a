/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include "ref-signature.h"
#include "ref-signature-private.h"
#include "ref-timestamp.h"

/* A reply is a few kilobytes (a signed structure with the authority's chain). */
#define MAX_REPLY_SIZE (1024 * 1024)
#define REQUEST_TIMEOUT_SECONDS 30

static void
openssl_reason (GString *out)
{
  unsigned long code = ERR_get_error ();
  char buffer[256];

  if (code != 0)
    {
      ERR_error_string_n (code, buffer, sizeof buffer);
      g_string_append_printf (out, " (%s)", buffer);
    }
  ERR_clear_error ();
}

static GBytes *
make_request (const guint8 *data, gsize len, ASN1_INTEGER **nonce_out)
{
  TS_REQ *req = TS_REQ_new ();
  TS_MSG_IMPRINT *imprint = TS_MSG_IMPRINT_new ();
  X509_ALGOR *algorithm = X509_ALGOR_new ();
  ASN1_INTEGER *nonce = ASN1_INTEGER_new ();
  unsigned char digest[32];
  unsigned char random[8];
  BIGNUM *bn = NULL;
  unsigned char *der = NULL;
  int der_len = -1;
  GBytes *result = NULL;

  if (req == NULL || imprint == NULL || algorithm == NULL || nonce == NULL)
    goto out;
  g_assert (len <= G_MAXSIZE);
  if (EVP_Digest (data, len, digest, NULL, EVP_sha256 (), NULL) != 1)
    goto out;
  X509_ALGOR_set0 (algorithm, OBJ_nid2obj (NID_sha256), V_ASN1_NULL, NULL);
  if (!TS_MSG_IMPRINT_set_algo (imprint, algorithm) || !TS_MSG_IMPRINT_set_msg (imprint, digest, sizeof digest))
    goto out;
  /* The nonce ties the reply to this request, so an old reply cannot be replayed. */
  if (RAND_bytes (random, sizeof random) != 1 || (bn = BN_bin2bn (random, sizeof random, NULL)) == NULL
      || BN_to_ASN1_INTEGER (bn, nonce) == NULL)
    goto out;
  if (!TS_REQ_set_version (req, 1) || !TS_REQ_set_msg_imprint (req, imprint) || !TS_REQ_set_nonce (req, nonce)
      || !TS_REQ_set_cert_req (req, 1))
    goto out;
  der_len = i2d_TS_REQ (req, &der);
  if (der_len > 0)
    {
      result = g_bytes_new (der, der_len);
      *nonce_out = g_steal_pointer (&nonce);
    }
out:
  OPENSSL_free (der);
  BN_free (bn);
  ASN1_INTEGER_free (nonce);
  X509_ALGOR_free (algorithm);
  TS_MSG_IMPRINT_free (imprint);
  TS_REQ_free (req);
  return result;
}

static GBytes *
post_request (const char *url, GBytes *request, GCancellable *cancellable, GError **error)
{
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree guint8 *buffer = NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const char *type;
  gsize n_read = 0;
  guint status;

  if (uri == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("“%s” is not the web address (http or https) of a time-stamp authority"), url);
      return NULL;
    }
  session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_SECONDS, "idle-timeout",
                                           REQUEST_TIMEOUT_SECONDS, "user-agent", "Referent/" PACKAGE_VERSION, NULL);
  message = soup_message_new_from_uri ("POST", uri);
  soup_message_set_request_body_from_bytes (message, "application/timestamp-query", request);
  stream = soup_session_send (session, message, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("Could not reach the time-stamp authority %s: %s"), url, local_error->message);
      return NULL;
    }
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("The time-stamp authority %s answered HTTP %u %s"), url, status,
                   soup_message_get_reason_phrase (message));
      return NULL;
    }
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  if (g_strcmp0 (type, "application/timestamp-reply") != 0)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("%s did not answer with a time stamp (content type “%s”)"), url, type ? type : "");
      return NULL;
    }
  buffer = g_malloc (MAX_REPLY_SIZE + 1);
  if (!g_input_stream_read_all (stream, buffer, MAX_REPLY_SIZE + 1, &n_read, cancellable, &local_error))
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("Could not read the answer of the time-stamp authority %s: %s"), url, local_error->message);
      return NULL;
    }
  if (n_read > MAX_REPLY_SIZE)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("The answer of the time-stamp authority %s is larger than %d KiB"), url, MAX_REPLY_SIZE / 1024);
      return NULL;
    }
  return g_bytes_new (buffer, n_read);
}

static gboolean
same_nonce (TS_RESP *response, const ASN1_INTEGER *nonce)
{
  const ASN1_INTEGER *theirs = TS_TST_INFO_get_nonce (TS_RESP_get_tst_info (response));

  return theirs != NULL && ASN1_INTEGER_cmp (theirs, nonce) == 0;
}

/* The reply must be granted and answer this request: the imprint and the nonce. */
static GBytes *
token_of_reply (const char *url, GBytes *reply, const guint8 *data, gsize len, ASN1_INTEGER *nonce, GError **error)
{
  gsize reply_len = 0;
  const unsigned char *p = g_bytes_get_data (reply, &reply_len);
  TS_RESP *response = reply_len < G_MAXINT ? d2i_TS_RESP (NULL, &p, (long) reply_len) : NULL;
  TS_VERIFY_CTX *ctx = NULL;
  PKCS7 *token;
  unsigned char *der = NULL;
  int der_len;
  GBytes *result = NULL;

  if (response == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("The answer of the time-stamp authority %s is not an RFC 3161 time-stamp response"), url);
      goto out;
    }
  if (ASN1_INTEGER_get (TS_STATUS_INFO_get0_status (TS_RESP_get_status_info (response))) > 1
      || (token = TS_RESP_get_token (response)) == NULL)
    {
      g_autoptr (GString) detail = g_string_new (NULL);
      const STACK_OF (ASN1_UTF8STRING) *text = TS_STATUS_INFO_get0_text (TS_RESP_get_status_info (response));

      for (int i = 0; text != NULL && i < sk_ASN1_UTF8STRING_num (text); i++)
        g_string_append_printf (detail, " %.*s", ASN1_STRING_length (sk_ASN1_UTF8STRING_value (text, i)),
                                (const char *) ASN1_STRING_get0_data (sk_ASN1_UTF8STRING_value (text, i)));
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("The time-stamp authority %s refused the request:%s"), url,
                   detail->len ? detail->str : _(" no reason given"));
      goto out;
    }
  ctx = TS_VERIFY_CTX_new ();
  TS_VERIFY_CTX_set_flags (ctx, TS_VFY_VERSION | TS_VFY_DATA);
  TS_VERIFY_CTX_set_data (ctx, BIO_new_mem_buf (data, (int) len));
  if (TS_RESP_verify_response (ctx, response) != 1 || !same_nonce (response, nonce))
    {
      g_autoptr (GString) reason = g_string_new (NULL);

      openssl_reason (reason);
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("The time stamp from %s is not for this signature%s"), url, reason->str);
      goto out;
    }
  der_len = i2d_PKCS7 (token, &der);
  if (der_len > 0)
    result = g_bytes_new (der, der_len);
  OPENSSL_free (der);
out:
  TS_VERIFY_CTX_free (ctx);
  TS_RESP_free (response);
  ERR_clear_error ();
  return result;
}

GBytes *
ref_timestamp_request (const char *url, const guint8 *data, gsize len, GCancellable *cancellable, GError **error)
{
  ASN1_INTEGER *nonce = NULL;
  g_autoptr (GBytes) request = NULL;
  g_autoptr (GBytes) reply = NULL;
  GBytes *token = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (len < G_MAXINT, NULL);

  request = make_request (data, len, &nonce);
  if (request == NULL)
    {
      g_set_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TIMESTAMP,
                   _("Could not make a time-stamp request"));
      ERR_clear_error ();
      return NULL;
    }
  reply = post_request (url, request, cancellable, error);
  if (reply != NULL)
    token = token_of_reply (url, reply, data, len, nonce, error);
  ASN1_INTEGER_free (nonce);
  return token;
}

static char *
signer_subject (PKCS7 *token)
{
  STACK_OF (X509) *signers = PKCS7_get0_signers (token, NULL, 0);
  char *subject = NULL;

  if (signers != NULL && sk_X509_num (signers) > 0)
    subject = ref_cert_name_to_string (X509_get_subject_name (sk_X509_value (signers, 0)));
  sk_X509_free (signers);
  ERR_clear_error ();
  return subject ? subject : g_strdup ("");
}

static GDateTime *
token_time (PKCS7 *token)
{
  TS_TST_INFO *info = PKCS7_to_TS_TST_INFO (token);
  const ASN1_GENERALIZEDTIME *gen = info ? TS_TST_INFO_get_time (info) : NULL;
  struct tm tm;
  GDateTime *time = NULL;

  if (gen != NULL && ASN1_TIME_to_tm (gen, &tm))
    time = g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  TS_TST_INFO_free (info);
  return time;
}

static gboolean
verify_with (PKCS7 *token, const guint8 *data, gsize len, int flags, X509_STORE *store)
{
  TS_VERIFY_CTX *ctx = TS_VERIFY_CTX_new ();
  gboolean ok;

  TS_VERIFY_CTX_set_flags (ctx, flags | TS_VFY_VERSION | TS_VFY_DATA);
  TS_VERIFY_CTX_set_data (ctx, BIO_new_mem_buf (data, (int) len));
  if (store != NULL)
    TS_VERIFY_CTX_set_store (ctx, store); /* the context frees it */
  ok = TS_RESP_verify_token (ctx, token) == 1;
  TS_VERIFY_CTX_free (ctx);
  return ok;
}

RefTimestampResult
ref_timestamp_verify (GBytes *token_der, const guint8 *data, gsize len, X509_STORE *store, GDateTime **time,
                      char **authority, char **why)
{
  gsize der_len = 0;
  const unsigned char *p = g_bytes_get_data (token_der, &der_len);
  PKCS7 *token = der_len > 0 && der_len < G_MAXINT ? d2i_PKCS7 (NULL, &p, (long) der_len) : NULL;
  RefTimestampResult result = REF_TIMESTAMP_INVALID;
  g_autoptr (GString) reason = g_string_new (NULL);

  *time = NULL;
  *authority = NULL;
  *why = NULL;
  if (token == NULL || len >= G_MAXINT || !PKCS7_type_is_signed (token))
    {
      *why = g_strdup (_("the time stamp is damaged"));
      X509_STORE_free (store);
      goto out;
    }
  *time = token_time (token);
  *authority = signer_subject (token);
  /* Over this signature at all? Then: from an authority we trust? */
  if (*time == NULL || !verify_with (token, data, len, 0, NULL))
    {
      *why = g_strdup (_("the time stamp is not over this signature"));
      X509_STORE_free (store);
      goto out;
    }
  if (store == NULL)
    {
      *why = g_strdup_printf (_("the time-stamp authority %s is not trusted"), *authority);
      result = REF_TIMESTAMP_UNTRUSTED;
      goto out;
    }
  if (!verify_with (token, data, len, TS_VFY_SIGNATURE, store))
    {
      openssl_reason (reason);
      *why = g_strdup_printf (_("the time stamp of %s does not verify against the trusted time-stamp authorities%s"),
                              *authority, reason->str);
      result = REF_TIMESTAMP_UNTRUSTED;
      goto out;
    }
  result = REF_TIMESTAMP_TRUSTED;
out:
  PKCS7_free (token);
  ERR_clear_error ();
  return result;
}
