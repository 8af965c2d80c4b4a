/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* RFC 3161 time stamps (OpenSSL's TS API; HTTP with libsoup): the trusted time of an
 * approval (XAdES B-T). Private to src/io/signature/. */

/* Asks the time-stamp authority at @url (http or https) for a time stamp over @data
 * (SHA-256 imprint, a nonce, the authority's certificate included) and checks that
 * the reply is granted and is for this request. Blocking; usable from any thread.
 * Returns: (transfer full): the DER time-stamp token, or NULL with
 * REF_SIGNATURE_ERROR_TIMESTAMP set. */
GBytes *ref_timestamp_request (const char *url, const guint8 *data, gsize len, GCancellable *cancellable,
                               GError **error);

typedef enum {
  REF_TIMESTAMP_TRUSTED,   /* a sound token over @data from a trusted authority */
  REF_TIMESTAMP_UNTRUSTED, /* over @data, but its authority is not trusted (or no store) */
  REF_TIMESTAMP_INVALID,   /* damaged, or not over @data */
} RefTimestampResult;

/* Checks @token over @data. @store: the trusted authorities (taken over, may be
 * NULL). @time receives the token's time (also when untrusted), @authority the
 * signing authority's subject, @why a translated reason when not trusted. */
RefTimestampResult ref_timestamp_verify (GBytes *token, const guint8 *data, gsize len, X509_STORE *store,
                                         GDateTime **time, char **authority, char **why);

G_END_DECLS
