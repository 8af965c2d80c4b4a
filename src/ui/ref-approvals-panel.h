/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-approval-check.h"
#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefApprovalsPanel: the digital approvals of the minutes. It lists every approval as
 * verified against the meeting as it is now (in a thread), locks and unlocks the
 * minutes, approves them with the user's certificate (signing in a thread, as the
 * time-stamp authority may take a while) and keeps the list of trusted authorities.
 *
 * The window owns the file: an approval just made is announced with ::approved, for
 * the window to save it at once. Transient feedback goes out as ::toast, a changed
 * item to go to as ::item-activated. ::status is the line the window shows above
 * locked minutes ("Locked for approval · 2 of 5 members have approved").
 */
#define REF_TYPE_APPROVALS_PANEL (ref_approvals_panel_get_type ())
G_DECLARE_FINAL_TYPE (RefApprovalsPanel, ref_approvals_panel, REF, APPROVALS_PANEL, GtkWidget)

GtkWidget        *ref_approvals_panel_new (void);
/* NULL lets go of the meeting, stopping any verification or signing under way. */
void              ref_approvals_panel_set_meeting (RefApprovalsPanel *self, RefMeeting *meeting);
const char       *ref_approvals_panel_get_status (RefApprovalsPanel *self);

/* Verifies every approval in a thread and lists the outcome; with @report, says in a
 * toast when an approval does not hold, with @all_valid_toast also when all do. */
void              ref_approvals_panel_verify (RefApprovalsPanel *self, gboolean report, gboolean all_valid_toast);
/* Runs the main loop until the verification (running or due) is done; returns how
 * many approvals that still count (not voided) are not valid. */
guint             ref_approvals_panel_wait (RefApprovalsPanel *self);
gboolean          ref_approvals_panel_get_verifying (RefApprovalsPanel *self);
gboolean          ref_approvals_panel_get_approving (RefApprovalsPanel *self);
/* (transfer none) (nullable) */
RefApprovalCheck *ref_approvals_panel_get_check (RefApprovalsPanel *self, guint index);
/* The list of approvals: an AdwExpanderRow per approval. (transfer none) */
GtkWidget        *ref_approvals_panel_get_list (RefApprovalsPanel *self);

void              ref_approvals_panel_lock (RefApprovalsPanel *self);
/* Asks first when approvals would be voided. */
void              ref_approvals_panel_unlock (RefApprovalsPanel *self);
/* Approve…: the certificate file, then its password. */
void              ref_approvals_panel_choose_certificate (RefApprovalsPanel *self);
void              ref_approvals_panel_ask_password (RefApprovalsPanel *self, const char *pkcs12_path);
/* Signs at once, blocking while the time-stamp authority answers. */
gboolean          ref_approvals_panel_approve_with_file (RefApprovalsPanel *self, const char *pkcs12_path,
                                                         const char *password, GError **error);

void              ref_approvals_panel_choose_trust_anchor (RefApprovalsPanel *self);
gboolean          ref_approvals_panel_add_trust_anchor (RefApprovalsPanel *self, const char *pem_path,
                                                        GError **error);
void              ref_approvals_panel_remove_trust_anchor (RefApprovalsPanel *self, const char *pem_path);

G_END_DECLS
