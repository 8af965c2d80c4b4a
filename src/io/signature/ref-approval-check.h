/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * RefApprovalStatus:
 * @REF_APPROVAL_STATUS_VALID: the signature is sound, made by a certificate that
 *   leads to a trust anchor at the checked time, the content is unchanged since
 *   signing, and it counts as the approval of the member it names
 * @REF_APPROVAL_STATUS_INVALID: the content changed after signing, or the signature
 *   value is forged or damaged
 * @REF_APPROVAL_STATUS_UNTRUSTED: cryptographically valid, but the certificate does
 *   not lead to a trust anchor (or was not valid at the signing time)
 * @REF_APPROVAL_STATUS_MALFORMED: the signature is missing, truncated or not an
 *   XML-DSig signature of the kind Referent makes
 * @REF_APPROVAL_STATUS_VOID: voided by unlocking the meeting; kept as a record
 * @REF_APPROVAL_STATUS_NOT_COUNTED: sound and trusted, but not the approval of a
 *   member whose approval the minutes need: the certificate does not match the member
 *   it names, the participant is not a member present, or the member or certificate
 *   has approved already
 */
typedef enum {
  REF_APPROVAL_STATUS_VALID,
  REF_APPROVAL_STATUS_INVALID,
  REF_APPROVAL_STATUS_UNTRUSTED,
  REF_APPROVAL_STATUS_MALFORMED,
  REF_APPROVAL_STATUS_VOID,
  REF_APPROVAL_STATUS_NOT_COUNTED,
} RefApprovalStatus;

G_END_DECLS

#include "ref-io-enum-types.h" /* REF_TYPE_APPROVAL_STATUS */

G_BEGIN_DECLS

/* RefApprovalCheck: the outcome of verifying one approval (ref_signature_verify()).
 * Its properties are set when it is made and never change. */
#define REF_TYPE_APPROVAL_CHECK (ref_approval_check_get_type ())
G_DECLARE_FINAL_TYPE (RefApprovalCheck, ref_approval_check, REF, APPROVAL_CHECK, GObject)

RefApprovalStatus ref_approval_check_get_status (RefApprovalCheck *self);
/* The signer certificate's subject and issuer (RFC 2253, "CN=…,O=…"); "" when the
 * signature holds no readable certificate. */
const char       *ref_approval_check_get_subject (RefApprovalCheck *self);
const char       *ref_approval_check_get_issuer (RefApprovalCheck *self);
/* SHA-256 of the DER certificate as "AB:CD:…" (95 characters); "" when unknown. */
const char       *ref_approval_check_get_fingerprint (RefApprovalCheck *self);
/* (nullable): the signed signing time, as the signer claims it */
GDateTime        *ref_approval_check_get_signing_time (RefApprovalCheck *self);
/* (nullable): the time of a trusted time stamp over the signature */
GDateTime        *ref_approval_check_get_timestamp_time (RefApprovalCheck *self);
/* The time-stamp authority's subject; "" without a time stamp */
const char       *ref_approval_check_get_timestamp_authority (RefApprovalCheck *self);
/* The participant id the signature names ("p3"), and that participant's name in the
 * signed content; "" when unknown. */
const char       *ref_approval_check_get_participant_id (RefApprovalCheck *self);
const char       *ref_approval_check_get_participant_name (RefApprovalCheck *self);
/* The certificate's common name (or subject): who signed; "" when unknown. */
const char       *ref_approval_check_get_signer (RefApprovalCheck *self);
/* (nullable): the parts that changed after signing, for people: "Item 3: Budget 2025",
 * "Meeting header", "Participants" … */
const char *const *ref_approval_check_get_changed (RefApprovalCheck *self);
/* (element-type guint) (nullable): the numbers of the changed, added or removed items */
GArray           *ref_approval_check_get_changed_items (RefApprovalCheck *self);
/* A translated one-line explanation of the status. */
const char       *ref_approval_check_get_message (RefApprovalCheck *self);

G_END_DECLS
