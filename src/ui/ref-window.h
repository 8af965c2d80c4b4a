/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-application.h"
#include "ref-approval-check.h"
#include "ref-model.h"

G_BEGIN_DECLS

#define REF_TYPE_WINDOW (ref_window_get_type ())
G_DECLARE_FINAL_TYPE (RefWindow, ref_window, REF, WINDOW, AdwApplicationWindow)

RefWindow  *ref_window_new (RefApplication *app, RefMeeting *meeting, GFile *file);
RefMeeting *ref_window_get_meeting (RefWindow *self);
GFile      *ref_window_get_file (RefWindow *self);
void        ref_window_set_file (RefWindow *self, GFile *file);
void        ref_window_select_item (RefWindow *self, guint position);
GtkWidget  *ref_window_get_item_view (RefWindow *self);
GtkWidget  *ref_window_get_item_list (RefWindow *self);
void        ref_window_show_error (RefWindow *self, const char *heading, const char *message);
/* Saves to @file. To the window's own file, under its lock and keeping approvals and
 * comments another program saved meanwhile; REF_XML_ERROR_CHANGED_ON_DISK (nothing
 * written) when the minutes there were changed. */
gboolean    ref_window_save_to (RefWindow *self, GFile *file, GError **error);
/* Saves over such a change (approvals and comments made there are kept). */
gboolean    ref_window_save_overwriting (RefWindow *self, GError **error);
/* Replaces the window's meeting by the file as it is on disk now (a new window). */
RefWindow  *ref_window_reload (RefWindow *self, GError **error);

/* Recovery copy of unsaved work (also written every few seconds by a timer). */
gboolean    ref_window_autosave_now (RefWindow *self, GError **error);
/* How many agenda items the last recovery copy serialised anew (the others were
 * written before, in idle time or by an earlier copy). */
guint       ref_window_get_autosave_n_written (RefWindow *self);
/* Whether the items are still being serialised ahead of the next copy (in slices). */
gboolean    ref_window_get_autosave_prefill_pending (RefWindow *self);
const char *ref_window_get_recovery_id (RefWindow *self);
void        ref_window_set_recovery_id (RefWindow *self, const char *id);

/* @warnings: (element-type RefImportWarning) the import's notes for the user. */
void        ref_window_show_import_notes (RefWindow *self, GPtrArray *warnings, double coverage, double confidence);
/* The same, under a summary line the importer wrote. */
void        ref_window_show_import_notes_summary (RefWindow *self, GPtrArray *warnings, const char *summary);
void        ref_window_show_import_confidence_notes (RefWindow *self, GPtrArray *notes);

/* Shows only the items whose texts contain @text (case-insensitive). */
void        ref_window_find (RefWindow *self, const char *text);
guint       ref_window_get_n_shown_items (RefWindow *self);

GtkWidget  *ref_window_get_meeting_view (RefWindow *self);
gboolean    ref_window_get_showing_meeting (RefWindow *self);

void        ref_window_export_to (RefWindow *self, GFile *file, RefEdition edition);

/* What dropping a dragged agenda row onto another does. */
void        ref_window_move_item_to (RefWindow *self, RefAgendaItem *item, RefAgendaItem *target);

/* The review panel: problems to fix before approval, each leading to its place. */
void        ref_window_refresh_review (RefWindow *self);
guint       ref_window_get_n_review_problems (RefWindow *self);
void        ref_window_activate_review_problem (RefWindow *self, guint index);
/* The import notes panel (RefImportNotes). */
GtkWidget  *ref_window_get_import_notes (RefWindow *self);

/* Opens a window listing what changed from @other (an earlier version) to this one. */
GtkWindow  *ref_window_show_comparison (RefWindow *self, RefMeeting *other, const char *other_name);

/* Approval. Approve… ends in ref_window_approve_with_file() once it has the
 * certificate and the password; it locks the meeting (REF_SIGNATURE_ERROR_KEY for a
 * wrong password or an unreadable file, then nothing changed). */
gboolean    ref_window_approve_with_file (RefWindow *self, const char *pkcs12_path, const char *password,
                                          GError **error);
/* The step of Approve… after the certificate file is chosen: the password dialog. */
void        ref_window_ask_certificate_password (RefWindow *self, const char *pkcs12_path);
/* Verifies every approval against the meeting as it is, with the trusted authorities
 * of the settings, in a thread, and lists the outcome in the approvals panel when
 * done. */
void        ref_window_verify_approvals (RefWindow *self);
/* Runs the main loop until the verification (started or due) is done; returns how
 * many approvals that still count (not voided) are not valid. For tests. */
guint       ref_window_wait_for_approvals (RefWindow *self);
/* Whether approvals are being verified in the background right now. */
gboolean    ref_window_get_verifying (RefWindow *self);
/* Whether an approval is being signed in the background (Approve… after the password). */
gboolean    ref_window_get_approving (RefWindow *self);
/* (transfer none) (nullable): the outcome for the @index-th approval, as last verified */
RefApprovalCheck *ref_window_get_approval_check (RefWindow *self, guint index);
/* The approvals panel's list: an AdwExpanderRow per approval. */
GtkWidget  *ref_window_get_approvals_list (RefWindow *self);
/* The approvals panel (RefApprovalsPanel) in the Approvals popover. */
GtkWidget  *ref_window_get_approvals_panel (RefWindow *self);
/* Trusted authorities (the trust-anchors setting). */
gboolean    ref_window_add_trust_anchor (RefWindow *self, const char *pem_path, GError **error);
void        ref_window_remove_trust_anchor (RefWindow *self, const char *pem_path);

/* Live meeting mode (win.live-mode, Ctrl+Shift+M): entering records the start
 * time, leaving the end time (RefLiveView). */
gboolean    ref_window_get_live_mode (RefWindow *self);
void        ref_window_set_live_mode (RefWindow *self, gboolean live);
GtkWidget  *ref_window_get_live_view (RefWindow *self);
/* The PDF preview pane (win.preview, F9). */
gboolean    ref_window_get_preview_shown (RefWindow *self);
void        ref_window_set_preview_shown (RefWindow *self, gboolean shown);
GtkWidget  *ref_window_get_preview (RefWindow *self);
/* The window's spell checker: the meeting's language and names. (transfer none) */
typedef struct _RefSpellChecker RefSpellChecker;
RefSpellChecker *ref_window_get_spell_checker (RefWindow *self);

G_END_DECLS
