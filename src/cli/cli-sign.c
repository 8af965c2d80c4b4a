/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli-commands.h"
#include "ref-file-lock.h"
#include "ref-signature.h"
#include "ref-xml.h"

/* The password may come from the environment so that it is not on the command line,
 * where other users of the machine can see it (ps). */
#define PASSWORD_VARIABLE "REFERENT_PKCS12_PASSWORD"
/* Members may sign at the same moment: each waits for the others this long. */
#define LOCK_TIMEOUT_MS 60000

/* Runs @change on the meeting in @path under the file's lock: loaded after the lock
 * is taken, so that what others saved meanwhile is kept, and saved before it is
 * released. */
typedef gboolean (*Change) (RefMeeting *meeting, gpointer data, GError **error);

static int
change_under_lock (const char *path, Change change, gpointer data)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefFileLock) lock = ref_file_lock_acquire (file, LOCK_TIMEOUT_MS, NULL, &error);
  g_autoptr (RefMeeting) meeting = NULL;

  if (lock == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if ((meeting = cli_load_meeting (path)) == NULL)
    return 1;
  if (!change (meeting, data, &error) || !ref_xml_save_file (meeting, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

typedef struct {
  RefSignOptions options;
  const char *path;
} SignJob;

static gboolean
sign_change (RefMeeting *meeting, gpointer data, GError **error)
{
  SignJob *job = data;
  gboolean was_locked = ref_meeting_get_locked (meeting);
  g_autoptr (RefApproval) approval = ref_signature_sign_with_options (meeting, &job->options, error);
  g_autofree char *when = NULL;

  if (approval == NULL)
    return FALSE;
  when = g_date_time_format (ref_approval_get_time (approval), "%Y-%m-%d %H:%M");
  /* TRANSLATORS: "FILE: approved by NAME at 2025-05-07 09:12" */
  g_print (_("%s: approved by %s at %s\n"), job->path, ref_approval_get_signer (approval), when);
  if (job->options.tsa_url != NULL)
    g_print (_("Time-stamped by %s\n"), job->options.tsa_url);
  if (!was_locked)
    g_print (_("Note: the minutes are now locked for approval; unlocking them voids the approvals.\n"));
  return TRUE;
}

/* referent-cli sign FILE --pkcs12 CERT.p12 [--password PW] [--as MEMBER] [--tsa URL]:
 * adds the approval of the certificate's holder and saves FILE, under its lock so
 * that members signing at once all keep their approval. */
int
cli_sign (int argc, char **argv)
{
  g_autofree char *pkcs12 = NULL;
  g_autofree char *password = NULL;
  g_autofree char *as = NULL;
  g_autofree char *tsa = NULL;
  const GOptionEntry entries[] = {
    { "pkcs12", 0, 0, G_OPTION_ARG_FILENAME, &pkcs12, N_("The approver’s certificate and key (PKCS#12)"), N_("FILE") },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password,
      N_("The PKCS#12 password (or set REFERENT_PKCS12_PASSWORD)"), N_("PASSWORD") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as,
      N_("The member approving (name or id), when the certificate bears another name"), N_("MEMBER") },
    { "tsa", 0, 0, G_OPTION_ARG_STRING, &tsa, N_("Add a trusted time stamp from this time-stamp authority (RFC 3161)"),
      N_("URL") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.referat — approve the minutes with a digital signature"));
  g_autoptr (GError) error = NULL;
  SignJob job = { { 0 } };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("sign", error->message);
  if (argc != 2)
    return cli_usage_error ("sign", _("expected exactly one .referat file"));
  if (pkcs12 == NULL)
    return cli_usage_error ("sign", _("no certificate given (--pkcs12 CERT.p12)"));
  if (password == NULL)
    password = g_strdup (g_getenv (PASSWORD_VARIABLE));
  job.options.pkcs12_path = pkcs12;
  job.options.password = password;
  job.options.participant = as;
  job.options.tsa_url = tsa;
  job.path = argv[1];
  return change_under_lock (argv[1], sign_change, &job);
}

/* ---- verify ---- */

static void
print_check (RefApprovalCheck *check)
{
  RefApprovalStatus status = ref_approval_check_get_status (check);
  GDateTime *time = ref_approval_check_get_signing_time (check);
  GDateTime *stamped = ref_approval_check_get_timestamp_time (check);
  g_autofree char *when = NULL;
  const char *subject = ref_approval_check_get_subject (check);
  const char *fingerprint = ref_approval_check_get_fingerprint (check);
  const char *member = ref_approval_check_get_participant_name (check);

  if (time != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (time);
      when = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }
  /* TRANSLATORS: "Valid: SUBJECT, TIME, SHA-256 FINGERPRINT"; every part from the
   * certificate that verified the signature */
  g_print (_("%s: %s, %s, SHA-256 %s\n"), ref_approval_status_label (status), *subject ? subject : "?",
           when ? when : "?", *fingerprint ? fingerprint : "?");
  if (*member)
    /* TRANSLATORS: the member an approval is signed for */
    g_print (_("  for: %s\n"), member);
  if (stamped != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (stamped);
      g_autofree char *at = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
      g_print (_("  time stamp: %s by %s\n"), at, ref_approval_check_get_timestamp_authority (check));
    }
  if (status != REF_APPROVAL_STATUS_VALID)
    g_print ("  %s\n", ref_approval_check_get_message (check));
}

static gboolean
load_files (RefSignatureTrust *trust, char **files, gboolean (*add) (RefSignatureTrust *, const char *, GError **))
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!add (trust, files[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* referent-cli verify FILE [--trust CA.pem]… [--tsa-trust TSA-CA.pem]… [--crl F]…:
 * checks every approval. Exit status 0 when there is at least one approval and every
 * approval not voided is valid; 1 otherwise. */
int
cli_verify (int argc, char **argv)
{
  g_auto (GStrv) trust_files = NULL;
  g_auto (GStrv) tsa_files = NULL;
  g_auto (GStrv) crl_files = NULL;
  const GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust_files,
      N_("Certificates of the trusted authorities (PEM); may be repeated"), N_("FILE") },
    { "tsa-trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &tsa_files,
      N_("Certificates of trusted time-stamp authorities (PEM); may be repeated"), N_("FILE") },
    { "crl", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &crl_files,
      N_("Certificate revocation lists (PEM or DER); may be repeated"), N_("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.referat — check the approvals of the minutes"));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  g_autoptr (GPtrArray) checks = NULL;
  GListModel *participants;
  guint needed = 0, standing = 0, approved;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("verify", error->message);
  if (argc != 2)
    return cli_usage_error ("verify", _("expected exactly one .referat file"));
  if (!cli_load_trust (trust, trust_files) || !load_files (trust, tsa_files, ref_signature_trust_add_tsa_file)
      || !load_files (trust, crl_files, ref_signature_trust_add_crl_file))
    return 1;

  meeting = cli_load_meeting (argv[1]);
  if (meeting == NULL)
    return 1;
  if (g_list_model_get_n_items (ref_meeting_get_approvals (meeting)) == 0)
    {
      g_printerr (_("%s: the minutes have no approvals\n"), argv[1]);
      return 1;
    }
  if (ref_signature_trust_get_n_certificates (trust) == 0)
    g_printerr (_("No trusted authority given (--trust CA.pem): approvals can at best be “not trusted”.\n"));
  checks = ref_signature_verify_all (meeting, trust);
  for (guint i = 0; i < checks->len; i++)
    {
      RefApprovalCheck *check = g_ptr_array_index (checks, i);
      RefApprovalStatus result = ref_approval_check_get_status (check);

      print_check (check);
      if (result == REF_APPROVAL_STATUS_VOID)
        continue;
      standing++;
      if (result != REF_APPROVAL_STATUS_VALID)
        status = 1;
    }
  participants = ref_meeting_get_participants (meeting);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      needed += ref_participant_approves_minutes (p);
    }
  approved = ref_signature_count_approved (checks);
  /* TRANSLATORS: "3 of 7 members present have approved" */
  g_print (ngettext ("%u of %u member present has approved\n", "%u of %u members present have approved\n", needed),
           approved, needed);
  if (standing == 0)
    {
      g_printerr (_("%s: every approval was voided when the minutes were unlocked\n"), argv[1]);
      status = 1;
    }
  return status;
}

/* ---- the signed content, for other tools ---- */

static gboolean
write_output (const char *output, GBytes *bytes, GError **error)
{
  if (output == NULL || g_str_equal (output, "-"))
    {
      fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
      return fflush (stdout) == 0;
    }
  return g_file_set_contents (output, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), error);
}

/* referent-cli content FILE [-o OUT.xml] [--approval N]: the content members approve,
 * for signing with another XAdES tool; with --approval, the N-th approval's signature
 * in place, for checking with another XAdES verifier. */
int
cli_content (int argc, char **argv)
{
  g_autofree char *output = NULL;
  int index = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (default: standard output)"), N_("FILE") },
    { "approval", 0, 0, G_OPTION_ARG_INT, &index, N_("With the N-th approval’s signature (1 is the first)"), N_("N") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.referat — the content the members approve, as XML"));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("content", error->message);
  if (argc != 2)
    return cli_usage_error ("content", _("expected exactly one .referat file"));
  if ((meeting = cli_load_meeting (argv[1])) == NULL)
    return 1;
  if (index == 0)
    bytes = ref_signature_content (meeting);
  else
    {
      GListModel *approvals = ref_meeting_get_approvals (meeting);
      g_autoptr (RefApproval) approval = NULL;

      if (index < 0 || (guint) index > g_list_model_get_n_items (approvals))
        return cli_usage_error ("content", _("there is no approval of that number"));
      approval = g_list_model_get_item (approvals, (guint) index - 1);
      bytes = ref_signature_signed_content (meeting, approval, &error);
    }
  if (bytes == NULL || !write_output (output, bytes, &error))
    {
      g_printerr ("%s\n", error ? error->message : "");
      return 1;
    }
  return 0;
}

typedef struct {
  GBytes *signed_document;
  const char *path;
} AttachJob;

static gboolean
attach_change (RefMeeting *meeting, gpointer data, GError **error)
{
  AttachJob *job = data;
  g_autoptr (RefApproval) approval = ref_signature_attach (meeting, job->signed_document, error);

  if (approval == NULL)
    return FALSE;
  /* TRANSLATORS: "FILE: added the approval signed by NAME" */
  g_print (_("%s: added the approval signed by %s\n"), job->path, ref_approval_get_signer (approval));
  return TRUE;
}

/* referent-cli attach FILE SIGNED.xml: adds an approval made with another XAdES tool
 * over the output of `content`. */
int
cli_attach (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.referat SIGNED.xml — add an approval signed elsewhere"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) signed_file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  AttachJob job;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("attach", error->message);
  if (argc != 3)
    return cli_usage_error ("attach", _("expected a .referat file and a signed XML document"));
  signed_file = g_file_new_for_commandline_arg (argv[2]);
  if ((bytes = g_file_load_bytes (signed_file, NULL, NULL, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  job.signed_document = bytes;
  job.path = argv[1];
  return change_under_lock (argv[1], attach_change, &job);
}
