/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ref-approvals-panel.h"
#include "ref-settings.h"
#include "ref-signature.h"
#include "ref-widget-util.h"

struct _RefApprovalsPanel {
  GtkWidget parent_instance;

  GtkWidget *lock_button;
  GtkWidget *approve_button;
  GtkLabel *approvals_summary;
  GtkListBox *approvals_list;
  GtkListBox *trust_list;

  RefMeeting *meeting;
  GSettings *settings;            /* NULL when the schema is not installed */
  char *status;                   /* the line above locked minutes */
  GPtrArray *approval_checks;     /* RefApprovalCheck *, one per approval, in the meeting's order */
  guint approvals_refresh_source; /* re-verification after the approvals or the lock changed */
  GCancellable *verify_cancellable; /* the verification running in a thread */
  gboolean verify_report;           /* say in a toast what the running verification finds */
  gboolean verify_all_valid_toast;  /* … and say so when every approval holds */
  gboolean verified;                /* approval_checks are for the meeting as it is */
  GCancellable *sign_cancellable;   /* an approval being signed (the time stamp may take a while) */
};

G_DEFINE_FINAL_TYPE (RefApprovalsPanel, ref_approvals_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_APPROVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOAST,
  ITEM_ACTIVATED,
  APPROVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (RefApprovalsPanel *self, const char *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* The window the panel is in (through its popover), for dialogs. */
static GtkWindow *
parent_window (RefApprovalsPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (RefApprovalsPanel *self, const char *heading, const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Closes the popover the panel is shown in, before a dialog or a jump elsewhere. */
static void
popdown (RefApprovalsPanel *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Removes every row (GTK 4.8 has no gtk_list_box_remove_all). */
static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}


static char **
trust_anchor_paths (RefApprovalsPanel *self)
{
  return self->settings ? g_settings_get_strv (self->settings, "trust-anchors") : g_new0 (char *, 1);
}

/* Members (and substitutes) who did not stay away: who is expected to approve. */
static guint
count_approving_members (RefMeeting *meeting)
{
  GListModel *participants = ref_meeting_get_participants (meeting);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);

      n += ref_participant_approves_minutes (p);
    }
  return n;
}

/* Approvals that are not void. */
static guint
count_standing_approvals (RefMeeting *meeting)
{
  GListModel *approvals = ref_meeting_get_approvals (meeting);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (approvals); i++)
    {
      g_autoptr (RefApproval) approval = g_list_model_get_item (approvals, i);
      n += !ref_approval_get_voided (approval);
    }
  return n;
}

static void
update_lock_strip (RefApprovalsPanel *self)
{
  guint n_members = count_approving_members (self->meeting);
  /* Only verified approvals count, each member and each certificate once: what the
   * approval record outside the signature says counts for nothing. */
  guint n_approved = ref_signature_count_approved (self->approval_checks);
  g_autofree char *text = NULL;

  if (!self->verified && count_standing_approvals (self->meeting) > 0)
    text = g_strdup (_("Locked for approval · checking the approvals…"));
  else if (n_members > 0)
    /* TRANSLATORS: the strip above locked minutes: "Locked for approval · 2 of 5 members have approved" */
    text = g_strdup_printf (ngettext ("Locked for approval · %u of %u member has approved",
                                      "Locked for approval · %u of %u members have approved", n_members),
                            n_approved, n_members);
  else
    {
      /* No members listed: count every valid approval. */
      n_approved = 0;
      for (guint i = 0; i < self->approval_checks->len; i++)
        n_approved += ref_approval_check_get_status (g_ptr_array_index (self->approval_checks, i))
                      == REF_APPROVAL_STATUS_VALID;
      text = g_strdup_printf (ngettext ("Locked for approval · %u approval", "Locked for approval · %u approvals",
                                        n_approved),
                              n_approved);
    }
  if (g_strcmp0 (text, self->status) != 0)
    {
      g_free (self->status);
      self->status = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

static const char *
status_icon (RefApprovalStatus status)
{
  switch (status)
    {
    case REF_APPROVAL_STATUS_VALID:
      return "emblem-ok-symbolic";
    case REF_APPROVAL_STATUS_UNTRUSTED:
    case REF_APPROVAL_STATUS_NOT_COUNTED:
      return "dialog-warning-symbolic";
    case REF_APPROVAL_STATUS_VOID:
      return "action-unavailable-symbolic";
    case REF_APPROVAL_STATUS_INVALID:
    case REF_APPROVAL_STATUS_MALFORMED:
    default:
      return "dialog-error-symbolic";
    }
}

static const char *
status_style (RefApprovalStatus status)
{
  switch (status)
    {
    case REF_APPROVAL_STATUS_VALID:
      return "success";
    case REF_APPROVAL_STATUS_UNTRUSTED:
    case REF_APPROVAL_STATUS_NOT_COUNTED:
      return "warning";
    case REF_APPROVAL_STATUS_VOID:
      return "dim-label";
    case REF_APPROVAL_STATUS_INVALID:
    case REF_APPROVAL_STATUS_MALFORMED:
    default:
      return "error";
    }
}

/* A label for reading, not operating: selectable text in a row that is not activated. */
static GtkWidget *
detail_label (const char *text, gboolean selectable)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* A natural width no wider than the panel: the popover sizes its height for the
   * natural width, and a long fingerprint on one line left the panel too short. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  return label;
}

static GtkWidget *
details_row (RefApproval *approval, RefApprovalCheck *check)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *subject = ref_approval_check_get_subject (check);
  const char *issuer = ref_approval_check_get_issuer (check);
  const char *fingerprint = ref_approval_check_get_fingerprint (check);
  const char *const *changed = ref_approval_check_get_changed (check);
  GtkWidget *message = detail_label (ref_approval_check_get_message (check), TRUE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), message);
  if (subject && *subject)
    {
      /* TRANSLATORS: the certificate's subject, "Certificate: CN=Anna Holm,O=Testkommune" */
      g_autofree char *text = g_strdup_printf (_("Certificate: %s"), subject);
      gtk_box_append (GTK_BOX (box), detail_label (text, TRUE));
    }
  if (issuer && *issuer)
    {
      g_autofree char *text = g_strdup_printf (_("Issued by: %s"), issuer);
      gtk_box_append (GTK_BOX (box), detail_label (text, TRUE));
    }
  if (fingerprint && *fingerprint)
    {
      GtkWidget *heading = detail_label (_("Fingerprint (SHA-256)"), FALSE);
      GtkWidget *value = detail_label (fingerprint, TRUE);

      gtk_widget_add_css_class (heading, "dim-label");
      gtk_widget_add_css_class (value, "ref-fingerprint");
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), value);
    }
  if (changed != NULL && changed[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) changed);
      g_autofree char *text = g_strdup_printf (_("Changed since approval: %s"), list);
      gtk_box_append (GTK_BOX (box), detail_label (text, TRUE));
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, message, NULL, -1);
  return row;
}

static void
on_changed_item_activated (AdwActionRow *row, RefApprovalsPanel *self)
{
  popdown (self);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "item-number")));
}

/* One row per item that changed after an approval, leading to the item (like the
 * review panel's rows). */
static GtkWidget *
changed_item_row (RefApprovalsPanel *self, guint number)
{
  GtkWidget *row = adw_action_row_new ();
  RefAgendaItem *item = ref_meeting_find_item_by_number (self->meeting, number);
  /* TRANSLATORS: a row leading to an agenda item that changed after approval, "Go to item 3" */
  g_autofree char *title = g_strdup_printf (_("Go to item %u"), number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (item != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (ref_agenda_item_get_title (item), -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "item-number", GUINT_TO_POINTER (number));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_changed_item_activated), self, 0);
  return row;
}

static GtkWidget *
approval_row (RefApprovalsPanel *self, RefApproval *approval, RefApprovalCheck *check)
{
  GtkWidget *row = adw_expander_row_new ();
  RefApprovalStatus status = ref_approval_check_get_status (check);
  GDateTime *time = ref_approval_check_get_signing_time (check);
  const char *signer = ref_approval_check_get_signer (check);
  const char *member = ref_approval_check_get_participant_name (check);
  g_autofree char *named = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (status));
  GArray *items = ref_approval_check_get_changed_items (check);

  /* Who signed is the certificate that verified; the record's own name (outside the
   * signature) is shown only as a claim, when nothing verified. */
  if (*signer == '\0')
    named = *ref_approval_get_signer (approval)
                /* TRANSLATORS: an approval whose signature could not be read, with the name its record gives */
                ? g_strdup_printf (_("Unknown signer (claims to be %s)"), ref_approval_get_signer (approval))
                : g_strdup (_("Unknown signer"));
  else if (*member && !g_str_equal (member, signer))
    /* TRANSLATORS: "Maria Hansen, for Johan Müller": who signed, for which member */
    named = g_strdup_printf (_("%s, for %s"), signer, member);
  else
    named = g_strdup (signer);
  escaped = g_markup_escape_text (named, -1);
  /* A voided approval is a record, not an approval: struck through and dimmed. */
  title = status == REF_APPROVAL_STATUS_VOID ? g_strdup_printf ("<s>%s</s>", escaped) : g_steal_pointer (&escaped);
  time = time ? time : ref_approval_get_time (approval);
  if (time != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (time);
      when = g_date_time_format (local, "%x %H:%M");
    }
  subtitle = when ? g_strdup_printf ("%s · %s", ref_approval_status_label (status), when)
                  : g_strdup (ref_approval_status_label (status));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, status_style (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ref_approval_status_label (status), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  if (status == REF_APPROVAL_STATUS_VOID)
    gtk_widget_add_css_class (row, "ref-approval-void");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), details_row (approval, check));
  if (status == REF_APPROVAL_STATUS_INVALID && items != NULL)
    for (guint i = 0; i < items->len; i++)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), changed_item_row (self, g_array_index (items, guint, i)));
  return row;
}

/* How many approvals that still count (not voided) are not valid. */
static guint
count_bad (GPtrArray *checks)
{
  guint n_bad = 0;

  for (guint i = 0; i < checks->len; i++)
    {
      RefApprovalStatus status = ref_approval_check_get_status (g_ptr_array_index (checks, i));
      n_bad += status != REF_APPROVAL_STATUS_VALID && status != REF_APPROVAL_STATUS_VOID;
    }
  return n_bad;
}

/* Lists the outcome of a verification. */
static void
show_checks (RefApprovalsPanel *self, GPtrArray *checks)
{
  GListModel *approvals = ref_meeting_get_approvals (self->meeting);
  guint n = MIN (checks->len, g_list_model_get_n_items (approvals));
  guint n_bad = count_bad (checks), n_valid = 0;
  g_autofree char *summary = NULL;

  clear_list (self->approvals_list);
  g_ptr_array_set_size (self->approval_checks, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefApproval) approval = g_list_model_get_item (approvals, i);
      RefApprovalCheck *check = g_ptr_array_index (checks, i);

      g_ptr_array_add (self->approval_checks, g_object_ref (check));
      n_valid += ref_approval_check_get_status (check) == REF_APPROVAL_STATUS_VALID;
      gtk_list_box_append (self->approvals_list, approval_row (self, approval, check));
    }
  self->verified = TRUE;
  if (n == 0)
    summary = g_strdup (ref_meeting_get_locked (self->meeting)
                            ? _("Locked for approval. No one has approved yet.")
                            : _("No approvals yet. Lock the minutes when they are final, then members approve them."));
  else if (n_bad == 0)
    summary = g_strdup_printf (ngettext ("%u valid approval", "%u valid approvals", n_valid), n_valid);
  else
    /* TRANSLATORS: the approvals panel's heading, "1 of 3 approvals is not valid" */
    summary = g_strdup_printf (ngettext ("%u of %u approvals is not valid", "%u of %u approvals are not valid", n),
                               n_bad, n);
  gtk_label_set_label (self->approvals_summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->approvals_list), n > 0);
  update_lock_strip (self);
}

typedef struct {
  RefSignatureSnapshot *snapshot;
  RefSignatureTrust *trust;
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  ref_signature_snapshot_free (job->snapshot);
  g_clear_object (&job->trust);
  g_free (job);
}

static void
verify_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  VerifyJob *job = data;

  g_task_return_pointer (task, ref_signature_snapshot_verify (job->snapshot, job->trust, cancellable),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
  RefApprovalsPanel *self = REF_APPROVALS_PANEL (source);
  g_autoptr (GPtrArray) checks = g_task_propagate_pointer (G_TASK (result), NULL);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  guint n_bad;

  /* A newer verification replaced this one, or the window is going. */
  if (checks == NULL || g_cancellable_is_cancelled (cancellable) || cancellable != self->verify_cancellable)
    return;
  g_clear_object (&self->verify_cancellable);
  show_checks (self, checks);
  n_bad = count_bad (checks);
  if (self->verify_report && n_bad > 0)
    {
      g_autofree char *text = g_strdup_printf (
          ngettext ("%u approval is not valid: see Approvals", "%u approvals are not valid: see Approvals", n_bad),
          n_bad);
      toast (self, text);
    }
  else if (self->verify_all_valid_toast && n_bad == 0 && count_standing_approvals (self->meeting) > 0)
    toast (self, _("Every approval is valid"));
  self->verify_report = FALSE;
  self->verify_all_valid_toast = FALSE;
}

/* Checks every approval against the meeting as it is now, in a thread (a large
 * meeting takes a moment), and lists the outcome when done. A verification still
 * running is replaced. */
static void
start_verification (RefApprovalsPanel *self, gboolean report, gboolean all_valid_toast)
{
  VerifyJob *job;
  g_autoptr (GTask) task = NULL;

  g_clear_handle_id (&self->approvals_refresh_source, g_source_remove);
  if (self->meeting == NULL)
    return;
  job = g_new0 (VerifyJob, 1);
  if (self->verify_cancellable != NULL)
    g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  self->verify_cancellable = g_cancellable_new ();
  self->verify_report |= report;
  self->verify_all_valid_toast |= all_valid_toast;
  self->verified = FALSE;
  /* What is shown until then is not for the meeting as it is. */
  g_ptr_array_set_size (self->approval_checks, 0);
  update_lock_strip (self);
  job->snapshot = ref_signature_snapshot_new_for_verifying (self->meeting);
  job->trust = ref_settings_load_trust (self->settings);
  task = g_task_new (self, self->verify_cancellable, on_verified, NULL);
  g_task_set_source_tag (task, start_verification);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  g_task_run_in_thread (task, verify_in_thread);
}

void
ref_approvals_panel_verify (RefApprovalsPanel *self, gboolean report, gboolean all_valid_toast)
{
  g_return_if_fail (REF_IS_APPROVALS_PANEL (self));
  start_verification (self, report, all_valid_toast);
}

gboolean
ref_approvals_panel_get_verifying (RefApprovalsPanel *self)
{
  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), FALSE);
  return self->verify_cancellable != NULL;
}

guint
ref_approvals_panel_wait (RefApprovalsPanel *self)
{
  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), 0);

  if (self->approvals_refresh_source != 0)
    start_verification (self, FALSE, FALSE);
  while (self->verify_cancellable != NULL)
    g_main_context_iteration (NULL, TRUE);
  return count_bad (self->approval_checks);
}

/* Verifies, and says so in a toast when an approval does not hold. */
static void
verify_and_report (RefApprovalsPanel *self)
{
  start_verification (self, TRUE, FALSE);
}

RefApprovalCheck *
ref_approvals_panel_get_check (RefApprovalsPanel *self, guint index)
{
  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), NULL);
  return index < self->approval_checks->len ? g_ptr_array_index (self->approval_checks, index) : NULL;
}

GtkWidget *
ref_approvals_panel_get_list (RefApprovalsPanel *self)
{
  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), NULL);
  return GTK_WIDGET (self->approvals_list);
}

static gboolean
refresh_approvals_idle (gpointer data)
{
  RefApprovalsPanel *self = data;

  self->approvals_refresh_source = 0;
  start_verification (self, FALSE, FALSE);
  return G_SOURCE_REMOVE;
}

/* Locking, unlocking, undo and redo change the approvals in several steps: verify
 * once they are done. */
static void
schedule_approvals_refresh (RefApprovalsPanel *self)
{
  self->verified = FALSE;
  if (self->meeting != NULL && self->approvals_refresh_source == 0)
    self->approvals_refresh_source = g_idle_add (refresh_approvals_idle, self);
}

static void
on_approvals_changed (GListModel *list, guint position, guint removed, guint added, RefApprovalsPanel *self)
{
  schedule_approvals_refresh (self);
}

static void
update_lock_state (RefApprovalsPanel *self)
{
  gboolean locked = ref_meeting_get_locked (self->meeting);

  /* The next step is the suggested one: locking while the minutes are open (the
   * panel says to lock first), approving once they are locked. */
  if (locked)
    {
      gtk_widget_remove_css_class (self->lock_button, "suggested-action");
      gtk_widget_add_css_class (self->approve_button, "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (self->approve_button, "suggested-action");
      gtk_widget_add_css_class (self->lock_button, "suggested-action");
    }
  update_lock_strip (self);
}

static void
on_locked_changed (RefMeeting *meeting, GParamSpec *pspec, RefApprovalsPanel *self)
{
  update_lock_state (self);
  schedule_approvals_refresh (self);
}

/* Shown (the popover opened): verified if what it lists is not for the meeting as it is. */
static void
ref_approvals_panel_map (GtkWidget *widget)
{
  RefApprovalsPanel *self = REF_APPROVALS_PANEL (widget);

  GTK_WIDGET_CLASS (ref_approvals_panel_parent_class)->map (widget);
  if (self->meeting != NULL && !self->verified && self->verify_cancellable == NULL)
    start_verification (self, FALSE, FALSE);
}

void
ref_approvals_panel_lock (RefApprovalsPanel *self)
{
  RefHistory *history;

  g_return_if_fail (REF_IS_APPROVALS_PANEL (self));
  g_return_if_fail (self->meeting != NULL);
  history = ref_meeting_get_history (self->meeting);
  if (ref_meeting_get_locked (self->meeting))
    return;
  /* A step of its own, not merged with an unlock just before. */
  ref_history_seal (history);
  ref_meeting_set_locked (self->meeting, TRUE);
  ref_history_seal (history);
}

static void
unlock_now (RefApprovalsPanel *self)
{
  ref_history_seal (ref_meeting_get_history (self->meeting));
  ref_meeting_unlock (self->meeting);
  ref_history_seal (ref_meeting_get_history (self->meeting));
  start_verification (self, FALSE, FALSE);
  toast (self, _("Unlocked for editing"));
}

static void
on_unlock_response (AdwMessageDialog *dialog, const char *response, RefApprovalsPanel *self)
{
  if (g_str_equal (response, "unlock"))
    unlock_now (self);
}

void
ref_approvals_panel_unlock (RefApprovalsPanel *self)
{
  guint n;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  g_return_if_fail (REF_IS_APPROVALS_PANEL (self));
  g_return_if_fail (self->meeting != NULL);
  n = count_standing_approvals (self->meeting);
  if (!ref_meeting_get_locked (self->meeting))
    return;
  if (n == 0)
    {
      unlock_now (self);
      return;
    }
  heading = g_strdup_printf (ngettext ("Unlock and Void %u Approval?", "Unlock and Void %u Approvals?", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      parent_window (self), heading,
      _("The minutes can then be edited again. The approvals given so far stay listed, marked as void, and the "
        "members will have to approve again.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "unlock", _("_Unlock"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "unlock", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unlock_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
tsa_url (RefApprovalsPanel *self)
{
  g_autofree char *url = self->settings ? g_settings_get_string (self->settings, "tsa-url") : NULL;
  return url && *url ? g_steal_pointer (&url) : NULL;
}

/* An approval is a record: once made, it goes to the file at once (under the file's
 * lock, keeping what other members signed meanwhile). */
static void
approved (RefApprovalsPanel *self, RefApproval *approval)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: toast after signing, "Approved by Anna Holm" */
  text = g_strdup_printf (_("Approved by %s"), ref_approval_get_signer (approval));
  toast (self, text);
  /* The window saves it (it owns the file). */
  g_signal_emit (self, signals[APPROVED], 0, approval);
  verify_and_report (self);
}

/* Signs with the PKCS#12 file at @pkcs12_path, as Approve… does once it has the file
 * and the password, with the time-stamp authority of the settings; blocks while it
 * answers. On failure the meeting is unchanged. */
gboolean
ref_approvals_panel_approve_with_file (RefApprovalsPanel *self, const char *pkcs12_path, const char *password,
                                       GError **error)
{
  g_autoptr (RefApproval) approval = NULL;
  g_autofree char *url = NULL;
  RefSignOptions options = { 0 };

  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), FALSE);
  g_return_val_if_fail (pkcs12_path != NULL, FALSE);
  g_return_val_if_fail (self->meeting != NULL, FALSE);

  url = tsa_url (self);
  options.pkcs12_path = pkcs12_path;
  options.password = password;
  options.tsa_url = url;
  ref_history_seal (ref_meeting_get_history (self->meeting));
  approval = ref_signature_sign_with_options (self->meeting, &options, error);
  if (approval == NULL)
    return FALSE;
  ref_history_seal (ref_meeting_get_history (self->meeting));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-certificate", pkcs12_path);
  approved (self, approval);
  return TRUE;
}

typedef struct {
  RefSignatureSnapshot *snapshot;
  char *path;
  char *password;
  char *tsa_url;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  ref_signature_snapshot_free (job->snapshot);
  g_free (job->path);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->tsa_url);
  g_free (job);
}

static void
sign_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SignJob *job = data;
  RefSignOptions options = { .pkcs12_path = job->path, .password = job->password, .tsa_url = job->tsa_url,
                             .cancellable = cancellable };
  GError *error = NULL;
  RefSignature *signature = ref_signature_snapshot_sign (job->snapshot, &options, &error);

  if (signature == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, signature, (GDestroyNotify) ref_signature_free);
}

static void ask_password (RefApprovalsPanel *self, const char *path, const char *problem);

static void
on_signed (GObject *source, GAsyncResult *result, gpointer data)
{
  RefApprovalsPanel *self = REF_APPROVALS_PANEL (source);
  SignJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefSignature) signature = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (RefApproval) approval = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sign_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROVING]);
  if (signature != NULL)
    {
      ref_history_seal (ref_meeting_get_history (self->meeting));
      approval = ref_signature_add (self->meeting, job->snapshot, signature, &error);
      ref_history_seal (ref_meeting_get_history (self->meeting));
    }
  if (approval == NULL)
    {
      if (g_error_matches (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY))
        /* Most likely a mistyped password: ask again, saying why. */
        ask_password (self, job->path, error->message);
      else
        show_error (self, _("Could not approve"), error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-certificate", job->path);
  approved (self, approval);
}

/* Signs in a thread: the time-stamp authority may take a while to answer, and the
 * window stays responsive meanwhile. */
static void
approve_in_background (RefApprovalsPanel *self, const char *path, const char *password)
{
  SignJob *job;
  g_autoptr (GTask) task = NULL;

  if (self->sign_cancellable != NULL || self->meeting == NULL)
    return;
  job = g_new0 (SignJob, 1);
  self->sign_cancellable = g_cancellable_new ();
  job->snapshot = ref_signature_snapshot_new (self->meeting);
  job->path = g_strdup (path);
  job->password = g_strdup (password);
  job->tsa_url = tsa_url (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROVING]);
  toast (self, job->tsa_url ? _("Signing and asking for a time stamp…") : _("Signing…"));
  task = g_task_new (self, self->sign_cancellable, on_signed, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) sign_job_free);
  g_task_run_in_thread (task, sign_in_thread);
}

gboolean
ref_approvals_panel_get_approving (RefApprovalsPanel *self)
{
  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), FALSE);
  return self->sign_cancellable != NULL;
}

static void
on_password_response (AdwMessageDialog *dialog, const char *response, RefApprovalsPanel *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  /* Take the keyboard focus off the password row before the dialog closes. Closed by
   * Enter with the focus still in the row, and with the accessibility layer on (as on
   * every desktop), the row's text field outlives the row and a libadwaita 1.2 handler
   * then runs on the freed row: the crash on Enter. A click on the button had moved
   * the focus already. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  if (!g_str_equal (response, "approve"))
    return;
  approve_in_background (self, path, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
ask_password (RefApprovalsPanel *self, const char *path, const char *problem)
{
  g_autofree char *name = g_path_get_basename (path);
  /* TRANSLATORS: %s is the certificate file's name */
  g_autofree char *body = g_strdup_printf (_("Enter the password of your certificate %s. Approving locks the minutes."),
                                           name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Approve the Minutes"), body));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Password"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Certificate password"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  gtk_box_append (GTK_BOX (box), list);
  if (problem != NULL)
    {
      GtkWidget *label = detail_label (problem, TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
    }
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "approve", _("_Approve"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "approve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "approve");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
ref_approvals_panel_ask_password (RefApprovalsPanel *self, const char *pkcs12_path)
{
  g_return_if_fail (REF_IS_APPROVALS_PANEL (self));
  g_return_if_fail (pkcs12_path != NULL);
  ask_password (self, pkcs12_path, NULL);
}

static void
on_certificate_chosen (GtkNativeDialog *dialog, int response, RefApprovalsPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        ask_password (self, path, NULL);
    }
  g_object_unref (dialog);
}

void
ref_approvals_panel_choose_certificate (RefApprovalsPanel *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Choose Your Certificate"), parent_window (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *last = self->settings ? g_settings_get_string (self->settings, "last-certificate") : NULL;

  popdown (self);
  gtk_file_filter_set_name (filter, _("Certificates (.p12, .pfx)"));
  gtk_file_filter_add_suffix (filter, "p12");
  gtk_file_filter_add_suffix (filter, "pfx");
  gtk_file_filter_add_mime_type (filter, "application/x-pkcs12");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (last != NULL && *last && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      g_autoptr (GFile) file = g_file_new_for_path (last);
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_certificate_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- trusted authorities ---- */

static void
rebuild_trust_list (RefApprovalsPanel *self)
{
  g_auto (GStrv) paths = trust_anchor_paths (self);

  clear_list (self->trust_list);
  if (paths[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None: no approval can count as valid"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->trust_list, row);
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autoptr (RefSignatureTrust) probe = ref_signature_trust_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *where = g_markup_escape_text (paths[i], -1);
      /* TRANSLATORS: the remove button of a trusted authority, "Remove ca.pem" */
      g_autofree char *label = g_strdup_printf (_("Remove %s"), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (!ref_signature_trust_add_file (probe, paths[i], &error))
        {
          g_autofree char *problem = g_markup_escape_text (error->message, -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem);
          gtk_widget_add_css_class (row, "error");
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-trust-anchor");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (paths[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->trust_list, row);
    }
}

static void
on_trust_anchors_changed (GSettings *settings, const char *key, RefApprovalsPanel *self)
{
  rebuild_trust_list (self);
  schedule_approvals_refresh (self);
}

/* Adds the authority certificate(s) of the PEM file @pem_path to the trusted ones and
 * verifies again. Fails, changing nothing, when the file holds no certificate. */
gboolean
ref_approvals_panel_add_trust_anchor (RefApprovalsPanel *self, const char *pem_path, GError **error)
{
  g_autoptr (RefSignatureTrust) probe = ref_signature_trust_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) paths = NULL;
  g_auto (GStrv) updated = NULL;

  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), FALSE);
  g_return_val_if_fail (pem_path != NULL, FALSE);

  if (!ref_signature_trust_add_file (probe, pem_path, error))
    return FALSE;
  if (self->settings == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The settings are not installed, so trusted authorities cannot be kept"));
      return FALSE;
    }
  paths = trust_anchor_paths (self);
  if (!g_strv_contains ((const char *const *) paths, pem_path))
    {
      g_strv_builder_addv (builder, (const char **) paths);
      g_strv_builder_add (builder, pem_path);
      updated = g_strv_builder_end (builder);
      /* on_trust_anchors_changed rebuilds the list */
      g_settings_set_strv (self->settings, "trust-anchors", (const char *const *) updated);
    }
  else
    rebuild_trust_list (self); /* the file may read differently now */
  verify_and_report (self);
  return TRUE;
}

void
ref_approvals_panel_remove_trust_anchor (RefApprovalsPanel *self, const char *pem_path)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) paths = NULL;
  g_auto (GStrv) updated = NULL;

  g_return_if_fail (REF_IS_APPROVALS_PANEL (self));
  if (self->settings == NULL)
    return;
  paths = trust_anchor_paths (self);
  for (guint i = 0; paths[i] != NULL; i++)
    if (g_strcmp0 (paths[i], pem_path) != 0)
      g_strv_builder_add (builder, paths[i]);
  updated = g_strv_builder_end (builder);
  /* on_trust_anchors_changed rebuilds the list */
  g_settings_set_strv (self->settings, "trust-anchors", (const char *const *) updated);
  start_verification (self, FALSE, FALSE);
}

static void
on_trust_anchor_chosen (GtkNativeDialog *dialog, int response, RefApprovalsPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;

      if (path != NULL && !ref_approvals_panel_add_trust_anchor (self, path, &error))
        show_error (self, _("Could not add the authority"), error->message);
    }
  g_object_unref (dialog);
}

void
ref_approvals_panel_choose_trust_anchor (RefApprovalsPanel *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Add Trusted Authority"), parent_window (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  popdown (self);
  gtk_file_filter_set_name (filter, _("Certificates (.pem, .crt)"));
  gtk_file_filter_add_suffix (filter, "pem");
  gtk_file_filter_add_suffix (filter, "crt");
  gtk_file_filter_add_suffix (filter, "cer");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_trust_anchor_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}


/* ---- object ---- */

/* Stops what runs for the meeting: a verification or a signature under way, one due. */
static void
stop_work (RefApprovalsPanel *self)
{
  g_clear_handle_id (&self->approvals_refresh_source, g_source_remove);
  if (self->verify_cancellable != NULL)
    g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  if (self->sign_cancellable != NULL)
    g_cancellable_cancel (self->sign_cancellable);
  g_clear_object (&self->sign_cancellable);
}

void
ref_approvals_panel_set_meeting (RefApprovalsPanel *self, RefMeeting *meeting)
{
  g_return_if_fail (REF_IS_APPROVALS_PANEL (self));
  g_return_if_fail (meeting == NULL || REF_IS_MEETING (meeting));

  if (self->meeting == meeting)
    return;
  stop_work (self);
  if (self->meeting != NULL)
    {
      g_signal_handlers_disconnect_by_data (ref_meeting_get_approvals (self->meeting), self);
      g_signal_handlers_disconnect_by_data (self->meeting, self);
    }
  g_set_object (&self->meeting, meeting);
  g_ptr_array_set_size (self->approval_checks, 0);
  self->verified = FALSE;
  if (meeting == NULL)
    return;
  g_signal_connect_object (ref_meeting_get_approvals (meeting), "items-changed", G_CALLBACK (on_approvals_changed),
                           self, 0);
  g_signal_connect_object (meeting, "notify::locked", G_CALLBACK (on_locked_changed), self, 0);
  update_lock_state (self);
  rebuild_trust_list (self);
}

const char *
ref_approvals_panel_get_status (RefApprovalsPanel *self)
{
  g_return_val_if_fail (REF_IS_APPROVALS_PANEL (self), NULL);
  return self->status;
}

static void
ref_approvals_panel_dispose (GObject *object)
{
  RefApprovalsPanel *self = REF_APPROVALS_PANEL (object);

  ref_approvals_panel_set_meeting (self, NULL);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_APPROVALS_PANEL);
  ref_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (ref_approvals_panel_parent_class)->dispose (object);
}

static void
ref_approvals_panel_finalize (GObject *object)
{
  RefApprovalsPanel *self = REF_APPROVALS_PANEL (object);

  g_clear_pointer (&self->approval_checks, g_ptr_array_unref);
  g_free (self->status);
  G_OBJECT_CLASS (ref_approvals_panel_parent_class)->finalize (object);
}

static void
ref_approvals_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefApprovalsPanel *self = REF_APPROVALS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_APPROVING:
      g_value_set_boolean (value, self->sign_cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_approvals_panel_class_init (RefApprovalsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_approvals_panel_dispose;
  object_class->finalize = ref_approvals_panel_finalize;
  object_class->get_property = ref_approvals_panel_get_property;
  widget_class->map = ref_approvals_panel_map;

  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPROVING] = g_param_spec_boolean ("approving", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The number of an item that changed after an approval, to go to. */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* An approval was just added to the meeting: it is a record, to be saved at once. */
  signals[APPROVED] = g_signal_new ("approved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, REF_TYPE_APPROVAL);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-approvals-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RefApprovalsPanel, lock_button);
  gtk_widget_class_bind_template_child (widget_class, RefApprovalsPanel, approve_button);
  gtk_widget_class_bind_template_child (widget_class, RefApprovalsPanel, approvals_summary);
  gtk_widget_class_bind_template_child (widget_class, RefApprovalsPanel, approvals_list);
  gtk_widget_class_bind_template_child (widget_class, RefApprovalsPanel, trust_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_approvals_panel_init (RefApprovalsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->approval_checks = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = ref_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::trust-anchors", G_CALLBACK (on_trust_anchors_changed), self, 0);
}

GtkWidget *
ref_approvals_panel_new (void)
{
  return g_object_new (REF_TYPE_APPROVALS_PANEL, NULL);
}
