/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* RefSignatureTrust: the certificates (trust anchors, usually the issuing CA) that an
 * approver's certificate must lead to for an approval to count as valid. */
#define REF_TYPE_SIGNATURE_TRUST (ref_signature_trust_get_type ())
G_DECLARE_FINAL_TYPE (RefSignatureTrust, ref_signature_trust, REF, SIGNATURE_TRUST, GObject)

RefSignatureTrust *ref_signature_trust_new (void);

/* Adds every certificate of the PEM file @pem_path. Errors: REF_SIGNATURE_ERROR_TRUST
 * when the file is unreadable or holds no certificate (then nothing is added). */
gboolean ref_signature_trust_add_file (RefSignatureTrust *self, const char *pem_path, GError **error);

guint    ref_signature_trust_get_n_certificates (RefSignatureTrust *self);
/* Returns: (transfer none): the @index-th certificate, DER-encoded */
GBytes  *ref_signature_trust_get_certificate (RefSignatureTrust *self, guint index);

G_END_DECLS
