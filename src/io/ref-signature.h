/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-model.h"
#include "ref-approval-check.h"
#include "ref-signature-trust.h"

G_BEGIN_DECLS

/*
 * Approval of the minutes by digital signature: a W3C XML-DSig signature (xmlsec on
 * OpenSSL) made with the member's X.509 certificate and key from a PKCS#12 file.
 *
 * What is signed is the meeting's content, built from the model each time: the
 * document ref_xml_write_bytes() gives for the meeting without its approvals, without
 * reviewer comments and with locked cleared. The file's own bytes and whitespace play
 * no part, so re-saving or re-indenting the file keeps approvals valid. In that
 * document the meeting header, the participants and each item carry an Id, and the
 * signature references each of them besides the whole (an enveloped reference), so
 * that verification can name the items that changed. The signing time is a signed
 * ds:Object; certificates are checked at that time.
 *
 * The stored signature (RefApproval:signature) is the ds:Signature element alone,
 * serialised without whitespace-only text; whitespace-only text is also dropped
 * before verifying.
 */

#define REF_SIGNATURE_ERROR (ref_signature_error_quark ())

/**
 * RefSignatureError:
 * @REF_SIGNATURE_ERROR_INIT: the XML security library could not be initialised
 * @REF_SIGNATURE_ERROR_KEY: the PKCS#12 file is unreadable, the password is wrong, it
 *   holds no certificate, or the certificate is not valid at the signing time
 * @REF_SIGNATURE_ERROR_TRUST: a trust anchor file is unreadable or holds no certificate
 * @REF_SIGNATURE_ERROR_FAILED: signing failed in the XML security library
 */
typedef enum {
  REF_SIGNATURE_ERROR_INIT,
  REF_SIGNATURE_ERROR_KEY,
  REF_SIGNATURE_ERROR_TRUST,
  REF_SIGNATURE_ERROR_FAILED,
} RefSignatureError;

GQuark ref_signature_error_quark (void);

/**
 * ref_signature_sign:
 * @meeting: the meeting to approve
 * @pkcs12_path: the approver's certificate and private key (PKCS#12, .p12/.pfx)
 * @password: (nullable): the PKCS#12 password
 * @time: (nullable): the signing time, in the signer's time zone; %NULL for now (local)
 * @error: REF_SIGNATURE_ERROR_KEY, _INIT or _FAILED
 *
 * Signs the content of @meeting and appends the approval to its approvals. The
 * approval's signer is the certificate's common name (or its whole subject when it
 * has none), its participant the participant of that name if there is one, and its
 * time the signing time's wall clock (in @time's zone) to the minute, as the file
 * stores times. Signing
 * locks the meeting; locking and the new approval are one undo step.
 *
 * Returns: (transfer full) (nullable): the new approval, or %NULL with @error set
 *   (then @meeting is unchanged)
 */
RefApproval *ref_signature_sign (RefMeeting  *meeting,
                                 const char  *pkcs12_path,
                                 const char  *password,
                                 GDateTime   *time,
                                 GError     **error);

/**
 * ref_signature_verify:
 * @meeting: the meeting whose content @approval should sign
 * @approval: one of its approvals
 * @trust: (nullable): the trust anchors; with %NULL or none, a sound signature is at
 *   best %REF_APPROVAL_STATUS_UNTRUSTED
 *
 * Checks @approval against the current content of @meeting. Never fails: damaged or
 * foreign input gives %REF_APPROVAL_STATUS_MALFORMED with a message saying why.
 *
 * Returns: (transfer full): the outcome
 */
RefApprovalCheck *ref_signature_verify (RefMeeting        *meeting,
                                        RefApproval       *approval,
                                        RefSignatureTrust *trust);

/* A short translated name of @status: "Valid", "Invalid", "Not trusted" … */
const char *ref_approval_status_label (RefApprovalStatus status);

G_END_DECLS
