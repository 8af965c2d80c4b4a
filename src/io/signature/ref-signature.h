/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-model.h"
#include "ref-approval-check.h"
#include "ref-signature-trust.h"

G_BEGIN_DECLS

/*
 * Approval of the minutes by digital signature: XAdES (ETSI EN 319 132-1) baseline
 * B-B, and B-T when a time-stamp authority adds an RFC 3161 time stamp, made with
 * xmlsec on OpenSSL from the member's certificate and key in a PKCS#12 file.
 *
 * What is signed is the meeting's content, built from the model each time: the
 * document ref_xml_write_bytes() gives for the meeting without its approvals,
 * without reviewer comments and with locked cleared (see ref_signature_content()).
 * The signature has one enveloped reference to that whole content, one to its signed
 * properties (signing time, the signing certificate's digest, the member the approval
 * is for as the claimed role "urn:referent:participant:ID", commitment "proof of
 * approval"), and one to a list of the digests of the header, the participants and
 * each item, which lets a verifier say which items changed. Every fact shown about an
 * approval (who, when, which certificate, valid or not) comes from the signed
 * properties and the certificate whose key verified the signature.
 *
 * See data/FORMAT.md, "Approvals", for the exact rules.
 */

#define REF_SIGNATURE_ERROR (ref_signature_error_quark ())

/**
 * RefSignatureError:
 * @REF_SIGNATURE_ERROR_INIT: the XML security library could not be initialised
 * @REF_SIGNATURE_ERROR_KEY: the PKCS#12 file is unreadable, the password is wrong, it
 *   holds no certificate, or the certificate is not valid at the signing time
 * @REF_SIGNATURE_ERROR_TRUST: a trust anchor or CRL file is unreadable or holds none
 * @REF_SIGNATURE_ERROR_FAILED: signing failed in the XML security library
 * @REF_SIGNATURE_ERROR_TIMESTAMP: the time-stamp authority could not be reached or
 *   its answer is not a time stamp for this signature
 * @REF_SIGNATURE_ERROR_PARTICIPANT: the certificate is not that of a member whose
 *   approval the minutes need
 * @REF_SIGNATURE_ERROR_ALREADY_APPROVED: the member has already approved
 * @REF_SIGNATURE_ERROR_CHANGED: the minutes changed while they were being signed
 * @REF_SIGNATURE_ERROR_NOT_SIGNATURE: a document given to attach holds no approval
 *   of these minutes
 */
typedef enum {
  REF_SIGNATURE_ERROR_INIT,
  REF_SIGNATURE_ERROR_KEY,
  REF_SIGNATURE_ERROR_TRUST,
  REF_SIGNATURE_ERROR_FAILED,
  REF_SIGNATURE_ERROR_TIMESTAMP,
  REF_SIGNATURE_ERROR_PARTICIPANT,
  REF_SIGNATURE_ERROR_ALREADY_APPROVED,
  REF_SIGNATURE_ERROR_CHANGED,
  REF_SIGNATURE_ERROR_NOT_SIGNATURE,
} RefSignatureError;

GQuark ref_signature_error_quark (void);

/**
 * RefSignOptions:
 * @pkcs12_path: the approver's certificate and private key (PKCS#12, .p12/.pfx)
 * @password: (nullable): the PKCS#12 password
 * @time: (nullable): the claimed signing time, in the signer's time zone; %NULL: now
 * @participant: (nullable): whom the approval is for, a participant's id ("p3") or
 *   name; %NULL: the participant whose recorded certificate or name matches the
 *   certificate
 * @tsa_url: (nullable): an RFC 3161 time-stamp authority; %NULL: no time stamp
 * @cancellable: (nullable): cancels the request to the time-stamp authority
 */
typedef struct {
  const char *pkcs12_path;
  const char *password;
  GDateTime *time;
  const char *participant;
  const char *tsa_url;
  GCancellable *cancellable;
} RefSignOptions;

/**
 * ref_signature_sign_with_options:
 * @meeting: the meeting to approve
 * @options: what to sign with
 * @error: a #RefSignatureError
 *
 * Signs the content of @meeting and appends the approval. The certificate must be
 * valid at the signing time and be that of a member whose approval the minutes need
 * (see ref_participant_approves_minutes()): the one recorded for the member
 * (ref_participant_get_certificate()) or, when none is recorded, one whose common
 * name is the member's name. Signing locks the meeting; locking and the new approval
 * are one undo step. Blocks while the time-stamp authority answers.
 *
 * Returns: (transfer full) (nullable): the new approval, or %NULL with @error set
 *   (then @meeting is unchanged)
 */
RefApproval *ref_signature_sign_with_options (RefMeeting *meeting, const RefSignOptions *options, GError **error);

/* The same without a time stamp, for the member named in the certificate. */
RefApproval *ref_signature_sign (RefMeeting *meeting, const char *pkcs12_path, const char *password,
                                 GDateTime *time, GError **error);

/* ---- in two steps, for signing and verifying off the main thread ---- */

/* RefSignatureSnapshot: what signing and verifying need of a meeting, copied on the
 * thread that owns the meeting, so that the work can run in another thread. */
typedef struct _RefSignatureSnapshot RefSignatureSnapshot;

RefSignatureSnapshot *ref_signature_snapshot_new (RefMeeting *meeting);
/* The same, enough to verify (but not to sign): without approvals it is quick. */
RefSignatureSnapshot *ref_signature_snapshot_new_for_verifying (RefMeeting *meeting);
void                  ref_signature_snapshot_free (RefSignatureSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefSignatureSnapshot, ref_signature_snapshot_free)

/* RefSignature: a signature made from a snapshot, not yet added to the meeting. */
typedef struct _RefSignature RefSignature;
void ref_signature_free (RefSignature *signature);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefSignature, ref_signature_free)

/* Signs the snapshot's content (any thread). */
RefSignature *ref_signature_snapshot_sign (RefSignatureSnapshot *snapshot, const RefSignOptions *options,
                                           GError **error);
/* Adds @signature to @meeting (the thread that owns it), locking the meeting in the
 * same undo step. Fails with REF_SIGNATURE_ERROR_CHANGED when the meeting's content is
 * no longer that of the snapshot the signature was made from. */
RefApproval  *ref_signature_add (RefMeeting *meeting, RefSignatureSnapshot *snapshot, RefSignature *signature,
                                 GError **error);

/**
 * ref_signature_snapshot_verify:
 * @snapshot: the meeting as it was when the snapshot was taken
 * @trust: (nullable): what is trusted; with %NULL or no authorities, a sound
 *   signature is at best %REF_APPROVAL_STATUS_UNTRUSTED
 * @cancellable: (nullable): stops between approvals
 *
 * Checks every approval (any thread). Each member counts once and each certificate
 * counts once: only the first sound, trusted approval of a member, with a
 * certificate that matches the member, is %REF_APPROVAL_STATUS_VALID; other sound
 * ones are %REF_APPROVAL_STATUS_NOT_COUNTED. Never fails: damaged or foreign input
 * gives %REF_APPROVAL_STATUS_MALFORMED with a message saying why.
 *
 * Returns: (transfer full) (element-type RefApprovalCheck): one per approval, in order
 */
GPtrArray *ref_signature_snapshot_verify (RefSignatureSnapshot *snapshot, RefSignatureTrust *trust,
                                          GCancellable *cancellable);

/* The same for @meeting as it is now (on its thread). */
GPtrArray        *ref_signature_verify_all (RefMeeting *meeting, RefSignatureTrust *trust);
/* The check of one of @meeting's approvals (the others are checked too, for counting). */
RefApprovalCheck *ref_signature_verify (RefMeeting *meeting, RefApproval *approval, RefSignatureTrust *trust);

/* The members whose approval counts (VALID checks), each once. */
guint ref_signature_count_approved (GPtrArray *checks);

/* ---- the signed document, for other tools ---- */

/* The content the members approve: the document a signature's whole-content reference
 * covers, to be signed by another XAdES tool and attached with ref_signature_attach(). */
GBytes      *ref_signature_content (RefMeeting *meeting);
/* The content with @approval's signature in place: a standalone XAdES-signed
 * document that any XAdES verifier can check. */
GBytes      *ref_signature_signed_content (RefMeeting *meeting, RefApproval *approval, GError **error);
/* Adds the approval in @signed_document, made by another XAdES tool over
 * ref_signature_content(): its content must be the meeting's, and its signature an
 * approval as FORMAT.md describes (it is checked like any other afterwards). */
RefApproval *ref_signature_attach (RefMeeting *meeting, GBytes *signed_document, GError **error);

/* A short translated name of @status: "Valid", "Invalid", "Not trusted" … */
const char *ref_approval_status_label (RefApprovalStatus status);

G_END_DECLS
