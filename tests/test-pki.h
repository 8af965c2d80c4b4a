/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A test PKI made with OpenSSL's API at test time (no private key is committed):
 * authorities, members' certificates with any validity period and any name (so that
 * a test can play a dishonest member with a look-alike authority), PKCS#12 files,
 * revocation lists, and an RFC 3161 time-stamp authority served over loopback HTTP,
 * whose clock a test can set. */

#include <gio/gio.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#define TEST_PKI_PASSWORD "hemmelig"

typedef enum {
  TEST_PKI_AUTHORITY,
  TEST_PKI_MEMBER,
  TEST_PKI_TSA,
} TestPkiKind;

typedef struct {
  EVP_PKEY *key;
  X509 *cert;
} TestId;

static inline void
test_id_free (TestId *id)
{
  if (id == NULL)
    return;
  EVP_PKEY_free (id->key);
  X509_free (id->cert);
  g_free (id);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestId, test_id_free)

static inline EVP_PKEY *
test_pki_new_key (gboolean ec)
{
  EVP_PKEY *key = ec ? EVP_EC_gen ("P-256") : EVP_RSA_gen (2048);
  g_assert_nonnull (key);
  return key;
}

static inline void
test_pki_add_ext (X509 *cert, X509 *issuer, int nid, const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *ext;

  X509V3_set_ctx (&ctx, issuer, cert, NULL, NULL, 0);
  ext = X509V3_EXT_conf_nid (NULL, &ctx, nid, value);
  g_assert_nonnull (ext);
  X509_add_ext (cert, ext, -1);
  X509_EXTENSION_free (ext);
}

/* A certificate for @cn ("/O=Testkommune" added), valid from @from to @to, signed by
 * @issuer (NULL: self-signed). @key: NULL makes a new RSA key. */
static inline TestId *
test_pki_make (TestId *issuer, const char *cn, const char *organisation, GDateTime *from, GDateTime *to,
               TestPkiKind kind, EVP_PKEY *key)
{
  TestId *id = g_new0 (TestId, 1);
  X509_NAME *name;
  BIGNUM *serial = BN_new ();

  id->key = key ? key : test_pki_new_key (FALSE);
  id->cert = X509_new ();
  X509_set_version (id->cert, 2);
  BN_rand (serial, 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER (serial, X509_get_serialNumber (id->cert));
  BN_free (serial);
  ASN1_TIME_set (X509_getm_notBefore (id->cert), (time_t) g_date_time_to_unix (from));
  ASN1_TIME_set (X509_getm_notAfter (id->cert), (time_t) g_date_time_to_unix (to));
  X509_set_pubkey (id->cert, id->key);
  name = X509_get_subject_name (id->cert);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) cn, -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_UTF8, (const unsigned char *) organisation, -1, -1, 0);
  X509_set_issuer_name (id->cert, issuer ? X509_get_subject_name (issuer->cert) : name);
  switch (kind)
    {
    case TEST_PKI_AUTHORITY:
      test_pki_add_ext (id->cert, issuer ? issuer->cert : id->cert, NID_basic_constraints, "critical,CA:TRUE");
      test_pki_add_ext (id->cert, issuer ? issuer->cert : id->cert, NID_key_usage, "critical,keyCertSign,cRLSign");
      test_pki_add_ext (id->cert, issuer ? issuer->cert : id->cert, NID_subject_key_identifier, "hash");
      break;
    case TEST_PKI_MEMBER:
      test_pki_add_ext (id->cert, issuer ? issuer->cert : id->cert, NID_key_usage,
                        "critical,digitalSignature,nonRepudiation");
      break;
    case TEST_PKI_TSA:
      test_pki_add_ext (id->cert, issuer ? issuer->cert : id->cert, NID_key_usage, "critical,digitalSignature");
      test_pki_add_ext (id->cert, issuer ? issuer->cert : id->cert, NID_ext_key_usage, "critical,timeStamping");
      break;
    }
  g_assert_true (X509_sign (id->cert, issuer ? issuer->key : id->key, EVP_sha256 ()) > 0);
  return id;
}

static inline GDateTime *
test_pki_date (int year, int month, int day)
{
  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

/* Valid from a year ago to a year ahead. */
static inline TestId *
test_pki_current (TestId *issuer, const char *cn, TestPkiKind kind)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) from = g_date_time_add_years (now, -1);
  g_autoptr (GDateTime) to = g_date_time_add_years (now, 1);

  return test_pki_make (issuer, cn, kind == TEST_PKI_AUTHORITY ? "Referent test" : "Testkommune", from, to, kind,
                        NULL);
}

static inline char *
test_pki_write_pem (TestId *id, const char *dir, const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pem", NULL);
  char *path = g_build_filename (dir, file, NULL);
  BIO *bio = BIO_new_file (path, "w");

  g_assert_nonnull (bio);
  PEM_write_bio_X509 (bio, id->cert);
  BIO_free (bio);
  return path;
}

/* NAME.p12 with @id's key and certificate and the @chain (may be NULL) behind it. */
static inline char *
test_pki_write_p12 (TestId *id, TestId *chain, const char *dir, const char *name)
{
  g_autofree char *file = g_strconcat (name, ".p12", NULL);
  char *path = g_build_filename (dir, file, NULL);
  STACK_OF (X509) *ca = NULL;
  PKCS12 *p12;
  BIO *bio;

  if (chain != NULL)
    {
      ca = sk_X509_new_null ();
      sk_X509_push (ca, chain->cert);
    }
  p12 = PKCS12_create (TEST_PKI_PASSWORD, name, id->key, id->cert, ca, 0, 0, 0, 0, 0);
  g_assert_nonnull (p12);
  bio = BIO_new_file (path, "wb");
  i2d_PKCS12_bio (bio, p12);
  BIO_free (bio);
  PKCS12_free (p12);
  sk_X509_free (ca);
  return path;
}

/* A CRL of @ca listing @revoked (NULL-terminated) revoked at @when, issued at
 * @issued and valid for 30 days; written as NAME.crl (PEM). */
static inline char *
test_pki_write_crl (TestId *ca, X509 **revoked, GDateTime *when, GDateTime *issued, const char *dir, const char *name)
{
  g_autofree char *file = g_strconcat (name, ".crl", NULL);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr (GDateTime) next = g_date_time_add_days (issued, 30);
  X509_CRL *crl = X509_CRL_new ();
  ASN1_TIME *t = ASN1_TIME_new ();
  BIO *bio;

  X509_CRL_set_version (crl, 1);
  X509_CRL_set_issuer_name (crl, X509_get_subject_name (ca->cert));
  ASN1_TIME_set (t, (time_t) g_date_time_to_unix (issued));
  X509_CRL_set1_lastUpdate (crl, t);
  ASN1_TIME_set (t, (time_t) g_date_time_to_unix (next));
  X509_CRL_set1_nextUpdate (crl, t);
  for (guint i = 0; revoked != NULL && revoked[i] != NULL; i++)
    {
      X509_REVOKED *r = X509_REVOKED_new ();
      ASN1_TIME_set (t, (time_t) g_date_time_to_unix (when));
      X509_REVOKED_set_serialNumber (r, X509_get_serialNumber (revoked[i]));
      X509_REVOKED_set_revocationDate (r, t);
      X509_CRL_add0_revoked (crl, r);
    }
  X509_CRL_sort (crl);
  g_assert_true (X509_CRL_sign (crl, ca->key, EVP_sha256 ()) > 0);
  bio = BIO_new_file (path, "w");
  PEM_write_bio_X509_CRL (bio, crl);
  BIO_free (bio);
  ASN1_TIME_free (t);
  X509_CRL_free (crl);
  return path;
}

/* ---- a time-stamp authority on loopback ---- */

typedef enum {
  TEST_TSA_GRANT,
  TEST_TSA_HTTP_ERROR,
  TEST_TSA_GARBAGE,
  TEST_TSA_OTHER_IMPRINT, /* answers with a time stamp of other data */
} TestTsaMode;

typedef struct {
  TestId *id;
  GDateTime *clock; /* NULL: now */
  TestTsaMode mode;
  guint requests;
  GThread *thread;
  GSocket *listener;
  GCancellable *stop;
  char *url;
} TestTsa;

static inline int
test_tsa_time_cb (TS_RESP_CTX *ctx, void *data, long *sec, long *usec)
{
  TestTsa *tsa = data;

  *sec = tsa->clock ? (long) g_date_time_to_unix (tsa->clock) : (long) (g_get_real_time () / G_USEC_PER_SEC);
  *usec = 0;
  return 1;
}

static inline GBytes *
test_tsa_reply (TestTsa *tsa, GBytes *request)
{
  TS_RESP_CTX *ctx = TS_RESP_CTX_new ();
  ASN1_OBJECT *policy = OBJ_txt2obj ("1.3.6.1.4.1.99999.1", 1);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (request, &len);
  BIO *in, *out = BIO_new (BIO_s_mem ());
  TS_RESP *response;
  unsigned char *der = NULL;
  int der_len;
  GBytes *result;

  if (tsa->mode == TEST_TSA_OTHER_IMPRINT)
    {
      /* The same request over other data. */
      const unsigned char *p = data;
      TS_REQ *req = d2i_TS_REQ (NULL, &p, (long) len);
      unsigned char other[32] = { 1, 2, 3 };
      unsigned char *req_der = NULL;
      int req_len;

      TS_MSG_IMPRINT_set_msg (TS_REQ_get_msg_imprint (req), other, sizeof other);
      req_len = i2d_TS_REQ (req, &req_der);
      in = BIO_new_mem_buf (req_der, req_len);
      TS_REQ_free (req);
      TS_RESP_CTX_set_signer_cert (ctx, tsa->id->cert);
      TS_RESP_CTX_set_signer_key (ctx, tsa->id->key);
      TS_RESP_CTX_set_def_policy (ctx, policy);
      TS_RESP_CTX_add_md (ctx, EVP_sha256 ());
      TS_RESP_CTX_set_time_cb (ctx, test_tsa_time_cb, tsa);
      response = TS_RESP_create_response (ctx, in);
      BIO_free (in);
      OPENSSL_free (req_der);
    }
  else
    {
      in = BIO_new_mem_buf (data, (int) len);
      TS_RESP_CTX_set_signer_cert (ctx, tsa->id->cert);
      TS_RESP_CTX_set_signer_key (ctx, tsa->id->key);
      TS_RESP_CTX_set_def_policy (ctx, policy);
      TS_RESP_CTX_add_md (ctx, EVP_sha256 ());
      TS_RESP_CTX_set_time_cb (ctx, test_tsa_time_cb, tsa);
      response = TS_RESP_create_response (ctx, in);
      BIO_free (in);
    }
  g_assert_nonnull (response);
  der_len = i2d_TS_RESP (response, &der);
  result = g_bytes_new (der, der_len);
  OPENSSL_free (der);
  TS_RESP_free (response);
  BIO_free (out);
  ASN1_OBJECT_free (policy);
  TS_RESP_CTX_free (ctx);
  return result;
}

/* One HTTP/1.1 request on @connection: headers up to the blank line, a body of
 * Content-Length bytes; the answer closes the connection. Plain GSocket, so that the
 * test authority needs no server library (libsoup 3.2's server leaks its sockets). */
static inline void
test_tsa_serve (TestTsa *tsa, GSocket *connection)
{
  g_autoptr (GString) request = g_string_new (NULL);
  char buffer[4096];
  gsize header_end = 0, content_length = 0;
  g_autoptr (GBytes) reply = NULL;
  g_autofree char *head = NULL;

  g_socket_set_timeout (connection, 10);
  for (;;)
    {
      gssize n = g_socket_receive (connection, buffer, sizeof buffer, NULL, NULL);
      const char *end;

      if (n <= 0)
        return;
      g_string_append_len (request, buffer, n);
      if (header_end == 0 && (end = strstr (request->str, "\r\n\r\n")) != NULL)
        {
          const char *length = strstr (request->str, "Content-Length:");

          header_end = end - request->str + 4;
          content_length = length != NULL && length < end ? g_ascii_strtoull (length + 15, NULL, 10) : 0;
        }
      if (header_end != 0 && request->len >= header_end + content_length)
        break;
    }
  tsa->requests++;
  if (tsa->mode == TEST_TSA_HTTP_ERROR)
    head = g_strdup ("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  else
    {
      g_autoptr (GBytes) query = g_bytes_new (request->str + header_end, content_length);

      reply = tsa->mode == TEST_TSA_GARBAGE ? g_bytes_new_static ("nonsense", 8) : test_tsa_reply (tsa, query);
      head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                              g_bytes_get_size (reply));
    }
  g_socket_send (connection, head, strlen (head), NULL, NULL);
  if (reply != NULL)
    g_socket_send (connection, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL, NULL);
  g_socket_shutdown (connection, FALSE, TRUE, NULL);
}

static inline gpointer
test_tsa_thread (gpointer data)
{
  TestTsa *tsa = data;

  for (;;)
    {
      g_autoptr (GSocket) connection = g_socket_accept (tsa->listener, tsa->stop, NULL);

      if (connection == NULL)
        break;
      test_tsa_serve (tsa, connection);
      g_socket_close (connection, NULL);
    }
  return NULL;
}

/* Starts a TSA that signs with @id (a certificate with timeStamping usage) at the
 * time @clock (NULL: the real time), listening on loopback. */
static inline TestTsa *
test_tsa_start (TestId *id, GDateTime *clock)
{
  TestTsa *tsa = g_new0 (TestTsa, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  tsa->id = id;
  tsa->clock = clock ? g_date_time_ref (clock) : NULL;
  tsa->stop = g_cancellable_new ();
  tsa->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (tsa->listener, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (tsa->listener, &error));
  bound = g_socket_get_local_address (tsa->listener, &error);
  g_assert_no_error (error);
  tsa->url = g_strdup_printf ("http://127.0.0.1:%u/",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  tsa->thread = g_thread_new ("test-tsa", test_tsa_thread, tsa);
  return tsa;
}

static inline void
test_tsa_stop (TestTsa *tsa)
{
  g_cancellable_cancel (tsa->stop);
  g_thread_join (tsa->thread);
  g_socket_close (tsa->listener, NULL);
  g_clear_object (&tsa->listener);
  g_clear_object (&tsa->stop);
  g_clear_pointer (&tsa->clock, g_date_time_unref);
  g_free (tsa->url);
  g_free (tsa);
}
