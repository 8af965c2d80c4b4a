/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "ref-signature.h"
#include "ref-xml.h"

/* The password may come from the environment so that it is not on the command line,
 * where other users of the machine can see it (ps). */
#define PASSWORD_VARIABLE "REFERENT_PKCS12_PASSWORD"

/* referent-cli sign FILE --pkcs12 CERT.p12 [--password PW]: adds the approval of the
 * certificate's holder and saves FILE. Signing locks the meeting (a note says so):
 * approvals are of locked minutes, and unlocking voids them. */
int
cli_sign (int argc, char **argv)
{
  g_autofree char *pkcs12 = NULL;
  g_autofree char *password = NULL;
  const GOptionEntry entries[] = {
    { "pkcs12", 0, 0, G_OPTION_ARG_FILENAME, &pkcs12, N_("The approver’s certificate and key (PKCS#12)"), N_("FILE") },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password,
      N_("The PKCS#12 password (or set REFERENT_PKCS12_PASSWORD)"), N_("PASSWORD") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.referat — approve the minutes with a digital signature"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (RefApproval) approval = NULL;
  g_autofree char *when = NULL;
  gboolean was_locked;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("sign", error->message);
  if (argc != 2)
    return cli_usage_error ("sign", _("expected exactly one .referat file"));
  if (pkcs12 == NULL)
    return cli_usage_error ("sign", _("no certificate given (--pkcs12 CERT.p12)"));
  if (password == NULL)
    password = g_strdup (g_getenv (PASSWORD_VARIABLE));

  file = g_file_new_for_commandline_arg (argv[1]);
  meeting = cli_load_meeting (argv[1]);
  if (meeting == NULL)
    return 1;
  was_locked = ref_meeting_get_locked (meeting);
  approval = ref_signature_sign (meeting, pkcs12, password, NULL, &error);
  if (approval == NULL || !ref_xml_save_file (meeting, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  when = g_date_time_format (ref_approval_get_time (approval), "%Y-%m-%d %H:%M");
  /* TRANSLATORS: "FILE: approved by NAME at 2025-05-07 09:12" */
  g_print (_("%s: approved by %s at %s\n"), argv[1], ref_approval_get_signer (approval), when);
  if (!was_locked)
    g_print (_("Note: the minutes are now locked for approval; unlocking them voids the approvals.\n"));
  return 0;
}

static void
print_check (RefApproval *approval, RefApprovalCheck *check)
{
  RefApprovalStatus status = ref_approval_check_get_status (check);
  GDateTime *time = ref_approval_check_get_signing_time (check);
  g_autofree char *when = NULL;
  const char *subject = ref_approval_check_get_subject (check);
  const char *fingerprint = ref_approval_check_get_fingerprint (check);

  if (time == NULL)
    time = ref_approval_get_time (approval);
  when = time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
  /* TRANSLATORS: "Valid: SUBJECT, TIME, SHA-256 FINGERPRINT" */
  g_print (_("%s: %s, %s, SHA-256 %s\n"), ref_approval_status_label (status),
           *subject ? subject : ref_approval_get_signer (approval), when, *fingerprint ? fingerprint : "?");
  if (status != REF_APPROVAL_STATUS_VALID)
    g_print ("  %s\n", ref_approval_check_get_message (check));
}

/* referent-cli verify FILE [--trust CA.pem]…: checks every approval. Exit status 0
 * when there is at least one approval that counts and all that count (those not
 * voided) are valid; 1 otherwise. */
int
cli_verify (int argc, char **argv)
{
  g_auto (GStrv) trust_files = NULL;
  const GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust_files,
      N_("Certificates of the trusted authorities (PEM); may be repeated"), N_("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.referat — check the approvals of the minutes"));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  GListModel *approvals;
  guint n, counted = 0;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("verify", error->message);
  if (argc != 2)
    return cli_usage_error ("verify", _("expected exactly one .referat file"));
  if (!cli_load_trust (trust, trust_files))
    return 1;

  meeting = cli_load_meeting (argv[1]);
  if (meeting == NULL)
    return 1;
  approvals = ref_meeting_get_approvals (meeting);
  n = g_list_model_get_n_items (approvals);
  if (n == 0)
    {
      g_printerr (_("%s: the minutes have no approvals\n"), argv[1]);
      return 1;
    }
  if (ref_signature_trust_get_n_certificates (trust) == 0)
    g_printerr (_("No trusted authority given (--trust CA.pem): approvals can at best be “not trusted”.\n"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefApproval) approval = g_list_model_get_item (approvals, i);
      g_autoptr (RefApprovalCheck) check = ref_signature_verify (meeting, approval, trust);
      RefApprovalStatus result = ref_approval_check_get_status (check);

      print_check (approval, check);
      if (result == REF_APPROVAL_STATUS_VOID)
        continue;
      counted++;
      if (result != REF_APPROVAL_STATUS_VALID)
        status = 1;
    }
  if (counted == 0)
    {
      g_printerr (_("%s: every approval was voided when the minutes were unlocked\n"), argv[1]);
      status = 1;
    }
  return status;
}
