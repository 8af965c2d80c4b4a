/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Test certificates for approvals, made at test time with the openssl command so that
 * no private key is ever committed: an authority (self-signed CA) and members whose
 * certificates it issued, each as a PKCS#12 file protected by REF_TEST_PASSWORD.
 * RSA 2048; members' certificates are valid for five days. Files are made in @dir. */

#define REF_TEST_PASSWORD "hemmelig"

/* Three committee members of the sample meeting (data/samples/), who sign in the tests
 * (NULL-terminated). */
static const char *const ref_test_member_names[] = { "Maria Lundahl Assov", "Johan Müller", "Lolan Marianne Ottesen",
                                                     NULL };

static inline void
ref_test_openssl (const char *dir, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "openssl");
  g_ptr_array_add (argv, (gpointer) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("openssl: %s", error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", first, err);
}

/* Makes NAME.key and NAME.pem, valid for @days days; returns the path of NAME.pem. */
static inline char *
ref_test_make_authority (const char *dir, const char *name, const char *cn, guint days)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *subject = g_strdup_printf ("/CN=%s/O=Referent test", cn);
  g_autofree char *valid = g_strdup_printf ("%u", days);

  ref_test_openssl (dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", pem, "-days", valid,
                    "-subj", subject, "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign", NULL);
  return g_build_filename (dir, pem, NULL);
}

/* Makes NAME.p12 for common name @cn, issued by the authority called @authority;
 * returns its path. */
static inline char *
ref_test_make_member (const char *dir, const char *name, const char *cn, const char *authority)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *csr = g_strconcat (name, ".csr", NULL);
  g_autofree char *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *p12 = g_strconcat (name, ".p12", NULL);
  g_autofree char *ca_cert = g_strconcat (authority, ".pem", NULL);
  g_autofree char *ca_key = g_strconcat (authority, ".key", NULL);
  g_autofree char *subject = g_strdup_printf ("/CN=%s/O=Testkommune", cn);

  ref_test_openssl (dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", subject, "-utf8",
                    NULL);
  ref_test_openssl (dir, "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial", "-out", pem,
                    "-days", "5", NULL);
  ref_test_openssl (dir, "pkcs12", "-export", "-in", pem, "-inkey", key, "-out", p12, "-passout",
                    "pass:" REF_TEST_PASSWORD, NULL);
  return g_build_filename (dir, p12, NULL);
}
