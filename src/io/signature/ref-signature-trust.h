/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* RefSignatureTrust: what a municipality trusts when approvals are checked: the
 * authorities (trust anchors, usually the issuing CA) that an approver's certificate
 * must lead to, the authorities of the time-stamp services whose time is believed,
 * and certificate revocation lists. Read-only once filled, so one object can be used
 * by several threads. */
#define REF_TYPE_SIGNATURE_TRUST (ref_signature_trust_get_type ())
G_DECLARE_FINAL_TYPE (RefSignatureTrust, ref_signature_trust, REF, SIGNATURE_TRUST, GObject)

RefSignatureTrust *ref_signature_trust_new (void);

/* Adds every certificate of the PEM file @pem_path. Errors: REF_SIGNATURE_ERROR_TRUST
 * when the file is unreadable or holds no certificate (then nothing is added). */
gboolean ref_signature_trust_add_file (RefSignatureTrust *self, const char *pem_path, GError **error);

/* Adds the authorities of trusted time-stamp services (RFC 3161), PEM. */
gboolean ref_signature_trust_add_tsa_file (RefSignatureTrust *self, const char *pem_path, GError **error);
/* Adds certificate revocation lists (PEM or DER). With any CRL configured, a
 * member's certificate is valid only if a current CRL of its issuer is configured. */
gboolean ref_signature_trust_add_crl_file (RefSignatureTrust *self, const char *path, GError **error);

guint    ref_signature_trust_get_n_certificates (RefSignatureTrust *self);
guint    ref_signature_trust_get_n_tsa_certificates (RefSignatureTrust *self);
guint    ref_signature_trust_get_n_crls (RefSignatureTrust *self);
/* Returns: (transfer none): the @index-th certificate, DER-encoded */
GBytes  *ref_signature_trust_get_certificate (RefSignatureTrust *self, guint index);

G_END_DECLS
