/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <string.h>

#include "ref-signature.h"
#include "ref-xml.h"
#include "test-certs.h"
#include "test-tmp.h"

/* A test authority with three members, and a second authority with one member whose
 * approvals are sound but not trusted (see test-certs.h). */

static char *tmp_root;
static char *dir;
static char *ca_pem;
static char *other_ca_pem;
static char *member_p12[3];
static char *stranger_p12;

static void
make_certificates (void)
{
  dir = g_dir_make_tmp ("referent-sign-XXXXXX", NULL);
  ca_pem = ref_test_make_authority (dir, "ca", "Referent Test CA", 5);
  other_ca_pem = ref_test_make_authority (dir, "other-ca", "Other CA", 5);
  for (guint i = 0; i < G_N_ELEMENTS (member_p12); i++)
    {
      g_autofree char *name = g_strdup_printf ("member%u", i + 1);
      member_p12[i] = ref_test_make_member (dir, name, ref_test_member_names[i], "ca");
    }
  stranger_p12 = ref_test_make_member (dir, "stranger", "Kate Svarrer", "other-ca");
}

static RefSignatureTrust *
trust_ca (void)
{
  g_autoptr (GError) error = NULL;
  RefSignatureTrust *trust = ref_signature_trust_new ();

  ref_signature_trust_add_file (trust, ca_pem, &error);
  g_assert_no_error (error);
  return trust;
}

static RefMeeting *
sample (void)
{
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_sample_meeting_new (&error);

  g_assert_no_error (error);
  return meeting;
}

static RefApproval *
approval_at (RefMeeting *meeting, guint i)
{
  return g_list_model_get_item (ref_meeting_get_approvals (meeting), i);
}

static guint
n_approvals (RefMeeting *meeting)
{
  return g_list_model_get_n_items (ref_meeting_get_approvals (meeting));
}

static void
sign_all (RefMeeting *meeting)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_p12); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RefApproval) approval = ref_signature_sign (meeting, member_p12[i], REF_TEST_PASSWORD, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (approval);
    }
}

static RefApprovalCheck *
check_at (RefMeeting *meeting, guint i, RefSignatureTrust *trust)
{
  g_autoptr (RefApproval) approval = approval_at (meeting, i);
  return ref_signature_verify (meeting, approval, trust);
}

static void
assert_all_status (RefMeeting *meeting, RefSignatureTrust *trust, RefApprovalStatus status)
{
  for (guint i = 0; i < n_approvals (meeting); i++)
    {
      g_autoptr (RefApprovalCheck) check = check_at (meeting, i, trust);

      if (ref_approval_check_get_status (check) != status)
        g_error ("approval %u: status %d, expected %d: %s", i, ref_approval_check_get_status (check), status,
                 ref_approval_check_get_message (check));
    }
}

/* ---- tests ---- */

static void
test_sign_three_valid (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();

  g_assert_false (ref_meeting_get_locked (meeting));
  sign_all (meeting);
  g_assert_true (ref_meeting_get_locked (meeting));
  g_assert_cmpuint (n_approvals (meeting), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RefApproval) approval = approval_at (meeting, i);
      g_autoptr (RefApprovalCheck) check = ref_signature_verify (meeting, approval, trust);
      const char *signature = ref_approval_get_signature (approval);
      g_autofree char *cn = g_strdup_printf ("CN=%s", ref_test_member_names[i]);

      g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_VALID);
      g_assert_cmpstr (ref_approval_get_signer (approval), ==, ref_test_member_names[i]);
      g_assert_nonnull (ref_approval_get_participant (approval));
      g_assert_cmpstr (ref_participant_get_name (ref_approval_get_participant (approval)), ==,
                       ref_test_member_names[i]);
      g_assert_nonnull (strstr (ref_approval_check_get_subject (check), cn));
      g_assert_nonnull (strstr (ref_approval_check_get_issuer (check), "CN=Referent Test CA"));
      g_assert_cmpuint (strlen (ref_approval_check_get_fingerprint (check)), ==, 95);
      g_assert_true (g_regex_match_simple ("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", ref_approval_check_get_fingerprint (check), 0, 0));
      g_assert_nonnull (ref_approval_check_get_signing_time (check));
      g_assert_null (ref_approval_check_get_changed (check));
      g_assert_true (g_str_has_prefix (signature, "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""));
      /* Stored without whitespace between elements. */
      g_assert_null (strstr (signature, ">\n"));
      g_assert_null (strstr (signature, "> "));
    }
}

static void
test_sign_time_and_undo (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr (GDateTime) when = g_date_time_new_now (zone);
  g_autoptr (GDateTime) wall = g_date_time_new_utc (g_date_time_get_year (when), g_date_time_get_month (when),
                                                    g_date_time_get_day_of_month (when), g_date_time_get_hour (when),
                                                    g_date_time_get_minute (when), 0);
  g_autoptr (RefApproval) approval = ref_signature_sign (meeting, member_p12[0], REF_TEST_PASSWORD, when, &error);
  g_autoptr (RefApprovalCheck) check = NULL;
  RefHistory *history = ref_meeting_get_history (meeting);

  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_VALID);
  g_assert_true (g_date_time_equal (ref_approval_get_time (approval), wall));
  g_assert_cmpint (g_date_time_to_unix (ref_approval_check_get_signing_time (check)), ==, g_date_time_to_unix (when));

  /* Signing and locking are one step. */
  g_assert_cmpuint (ref_history_get_undo_depth (history), ==, 1);
  g_assert_true (ref_history_undo (history));
  g_assert_false (ref_meeting_get_locked (meeting));
  g_assert_cmpuint (n_approvals (meeting), ==, 0);
}

static void
test_changed_decision (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  RefAgendaItem *item;
  g_autoptr (RefDecision) decision = NULL;
  g_autofree char *plain = NULL;
  g_autoptr (RefText) text = NULL;
  g_autofree char *expected = NULL;

  sign_all (meeting);
  item = ref_meeting_find_item_by_number (meeting, 3);
  g_assert_nonnull (item);
  decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  g_assert_nonnull (decision);
  plain = ref_text_to_plain (ref_decision_get_text (decision));
  g_assert_cmpuint (strlen (plain), >, 3);
  plain[1] = plain[1] == 'x' ? 'y' : 'x';
  text = ref_text_new_from_plain (plain);
  ref_decision_set_text (decision, text);
  expected = g_strdup_printf ("Item 3: %s", ref_agenda_item_get_title (item));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RefApprovalCheck) check = check_at (meeting, i, trust);
      const char *const *changed = ref_approval_check_get_changed (check);
      GArray *items = ref_approval_check_get_changed_items (check);

      g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_INVALID);
      g_assert_nonnull (changed);
      g_assert_cmpuint (g_strv_length ((char **) changed), ==, 1);
      g_assert_cmpstr (changed[0], ==, expected);
      g_assert_nonnull (items);
      g_assert_cmpuint (items->len, ==, 1);
      g_assert_cmpuint (g_array_index (items, guint, 0), ==, 3);
      g_assert_nonnull (strstr (ref_approval_check_get_message (check), expected));
    }
}

static void
test_header_and_items_added_removed (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefAgendaItem) added = ref_agenda_item_new ();
  RefAgendaItem *removed;
  g_autoptr (RefApprovalCheck) check = NULL;
  const char *const *changed;
  GArray *items;

  sign_all (meeting);
  ref_meeting_set_location (meeting, "Rådhuset");
  removed = ref_meeting_find_item_by_number (meeting, 2);
  ref_meeting_remove_item (meeting, removed);
  ref_agenda_item_set_number (added, 99);
  ref_agenda_item_set_title (added, "Eventuelt");
  ref_meeting_add_item (meeting, added);

  check = check_at (meeting, 0, trust);
  changed = ref_approval_check_get_changed (check);
  items = ref_approval_check_get_changed_items (check);
  g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_INVALID);
  g_assert_cmpuint (g_strv_length ((char **) changed), ==, 3);
  g_assert_cmpstr (changed[0], ==, "Meeting header");
  g_assert_cmpstr (changed[1], ==, "Item 2 (removed)");
  g_assert_cmpstr (changed[2], ==, "Item 99: Eventuelt (added)");
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (g_array_index (items, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (items, guint, 1), ==, 99);
}

/* Comments and the lock are not part of the approved minutes. */
static void
test_comments_and_lock_not_signed (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (RefComment) comment = ref_comment_new ();
  RefAgendaItem *item;

  sign_all (meeting);
  item = ref_meeting_find_item_by_number (meeting, 1);
  ref_comment_set_text (comment, "Stavefejl?");
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), comment);
  ref_meeting_set_locked (meeting, FALSE);
  assert_all_status (meeting, trust, REF_APPROVAL_STATUS_VALID);
}

static void
test_other_authority_untrusted (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = ref_signature_sign (meeting, stranger_p12, REF_TEST_PASSWORD, NULL, &error);
  g_autoptr (RefApprovalCheck) check = NULL;
  g_autoptr (RefApprovalCheck) no_trust = NULL;
  g_autoptr (RefApprovalCheck) own = NULL;
  g_autoptr (RefSignatureTrust) other = ref_signature_trust_new ();

  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_UNTRUSTED);
  g_assert_nonnull (strstr (ref_approval_check_get_message (check), "CN=Kate Svarrer"));
  g_assert_nonnull (strstr (ref_approval_check_get_issuer (check), "CN=Other CA"));
  /* Without anchors, even a sound signature is at best untrusted. */
  no_trust = ref_signature_verify (meeting, approval, NULL);
  g_assert_cmpint (ref_approval_check_get_status (no_trust), ==, REF_APPROVAL_STATUS_UNTRUSTED);
  /* With its own authority as anchor it is valid. */
  ref_signature_trust_add_file (other, other_ca_pem, &error);
  g_assert_no_error (error);
  own = ref_signature_verify (meeting, approval, other);
  g_assert_cmpint (ref_approval_check_get_status (own), ==, REF_APPROVAL_STATUS_VALID);
}

/* A certificate really issued by a trusted authority that does not verify at the
 * signing time (here: the authority's own certificate had expired by then) is not
 * trusted, and the message says so instead of blaming an untrusted issuer. */
static void
test_trusted_authority_expired (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *short_ca = NULL;
  g_autofree char *member = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr (RefApproval) approval = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;

  /* An authority valid for one day that issues a member certificate for five. */
  short_ca = ref_test_make_authority (dir, "short-ca", "Short CA", 1);
  member = ref_test_make_member (dir, "short-member", "Per Mortensen", "short-ca");
  g_assert_true (ref_signature_trust_add_file (trust, short_ca, &error));
  g_assert_no_error (error);

  approval = ref_signature_sign (meeting, member, REF_TEST_PASSWORD, later, &error);
  g_assert_no_error (error);
  check = ref_signature_verify (meeting, approval, trust);
  g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_UNTRUSTED);
  g_assert_nonnull (strstr (ref_approval_check_get_message (check), "from a trusted authority did not verify"));
  g_assert_nonnull (strstr (ref_approval_check_get_message (check), "CN=Per Mortensen"));
  g_assert_null (strstr (ref_approval_check_get_message (check), "not issued by a trusted authority"));
}

static RefApprovalCheck *
verify_text (RefMeeting *meeting, const char *signature)
{
  g_autoptr (RefApproval) approval = ref_approval_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  ref_approval_set_time (approval, now);
  ref_approval_set_signature (approval, signature);
  return ref_signature_verify (meeting, approval, NULL);
}

static void
assert_malformed (RefMeeting *meeting, const char *signature, const char *words)
{
  g_autoptr (RefApprovalCheck) check = verify_text (meeting, signature);

  g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_MALFORMED);
  if (strstr (ref_approval_check_get_message (check), words) == NULL)
    g_error ("message “%s” lacks “%s”", ref_approval_check_get_message (check), words);
}

static char *
replace_once (const char *text, const char *old, const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static void
test_malformed_signatures (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefApproval) approval = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *truncated = NULL, *forged = NULL, *partial = NULL, *no_cert = NULL, *external = NULL;
  const char *good;
  const char *value;
  g_autoptr (RefApprovalCheck) check = NULL;
  gsize len;

  approval = ref_signature_sign (meeting, member_p12[0], REF_TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  good = ref_approval_get_signature (approval);
  len = strlen (good);

  truncated = g_strndup (good, len / 2);
  assert_malformed (meeting, truncated, "truncated");
  assert_malformed (meeting, "", "no signature");
  assert_malformed (meeting, "not XML at all", "not an XML signature");
  assert_malformed (meeting, "<p xmlns=\"urn:referent:referat:1\">Godkendt</p>", "instead of ds:Signature");
  assert_malformed (meeting, "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", "declaration");
  assert_malformed (meeting, "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>", "certificate");

  /* A forged value: a changed letter of SignatureValue. */
  value = strstr (good, "<ds:SignatureValue>") + strlen ("<ds:SignatureValue>");
  forged = g_strdup (good);
  forged[value - good + 5] = forged[value - good + 5] == 'A' ? 'B' : 'A';
  check = verify_text (meeting, forged);
  g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_INVALID);
  g_assert_nonnull (strstr (ref_approval_check_get_message (check), "forged"));
  g_clear_object (&check);

  /* A signature of only part of the meeting is not an approval. */
  partial = replace_once (good, "URI=\"\"", "URI=\"#item-1\"");
  assert_malformed (meeting, partial, "not a Referent approval");
  external = replace_once (good, "URI=\"#meeting\"", "URI=\"http://example.org/\"");
  assert_malformed (meeting, external, "no part of a meeting");
  no_cert = replace_once (good, "<ds:X509Certificate>", "<ds:X509Certificate>AAAA");
  assert_malformed (meeting, no_cert, "certificate");

  /* Every truncation: a clear status, never a crash. */
  for (gsize cut = 0; cut < len; cut += 37)
    {
      g_autofree char *piece = g_strndup (good, cut);
      g_autoptr (RefApprovalCheck) c = verify_text (meeting, piece);

      g_assert_cmpint (ref_approval_check_get_status (c), ==, REF_APPROVAL_STATUS_MALFORMED);
      g_assert_cmpstr (ref_approval_check_get_message (c), !=, "");
    }
}

static void
test_approval_time_changed (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = ref_signature_sign (meeting, member_p12[1], REF_TEST_PASSWORD, NULL, &error);
  g_autoptr (GDateTime) later = NULL;
  g_autoptr (RefApprovalCheck) check = NULL;

  g_assert_no_error (error);
  later = g_date_time_add_days (ref_approval_get_time (approval), 1);
  ref_approval_set_time (approval, later);
  check = ref_signature_verify (meeting, approval, trust);
  g_assert_cmpint (ref_approval_check_get_status (check), ==, REF_APPROVAL_STATUS_INVALID);
  g_assert_cmpstr (ref_approval_check_get_changed (check)[0], ==, "Approval time");
}

static RefMeeting *
load (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_xml_load_file (file, &error);

  g_assert_no_error (error);
  return meeting;
}

static void
test_save_load_reindent (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autofree char *path = g_build_filename (dir, "saved.referat", NULL);
  g_autofree char *reindented = g_build_filename (dir, "reindented.referat", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autoptr (RefMeeting) again = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *approvals;
  g_auto (GStrv) pieces = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *rebuilt = NULL;

  sign_all (meeting);
  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  ref_xml_validate_bytes (bytes, path, &error);
  g_assert_no_error (error);

  loaded = load (path);
  g_assert_true (ref_meeting_get_locked (loaded));
  assert_all_status (loaded, trust, REF_APPROVAL_STATUS_VALID);

  /* Re-indent every signature, as a pretty-printer would. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  approvals = strstr (contents, "<approvals>");
  g_assert_nonnull (approvals);
  pieces = g_strsplit (approvals, "><", -1);
  spread = g_strjoinv (">\n        <", pieces);
  *approvals = '\0';
  rebuilt = g_strconcat (contents, spread, NULL);
  g_assert_true (g_file_set_contents (reindented, rebuilt, -1, NULL));
  again = load (reindented);
  assert_all_status (again, trust, REF_APPROVAL_STATUS_VALID);
}

static void
test_xmllint_format (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  g_autofree char *path = g_build_filename (dir, "lint.referat", NULL);
  g_autofree char *formatted = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) again = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char *argv[] = { "xmllint", "--format", path, NULL };
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  int status = 0;

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed");
      return;
    }
  sign_all (meeting);
  g_assert_true (ref_xml_save_file (meeting, file, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &formatted, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  bytes = g_bytes_new_take (formatted, strlen (formatted));
  formatted = NULL;
  again = ref_xml_load_bytes (bytes, "formatted", &error);
  g_assert_no_error (error);
  /* xmllint also indents inside paragraphs that hold only markup, where whitespace is
   * text: such items really changed. Exactly those are named, and only if none did is
   * the approval valid. */
  for (guint i = 0; i < n_approvals (again); i++)
    {
      g_autoptr (RefApprovalCheck) check = check_at (again, i, trust);
      GArray *changed = ref_approval_check_get_changed_items (check);
      guint n_changed = 0;

      for (guint k = 0; k < ref_meeting_get_n_items (meeting); k++)
        {
          g_autoptr (RefAgendaItem) before = g_list_model_get_item (ref_meeting_get_items (meeting), k);
          guint number = ref_agenda_item_get_number (before);
          gboolean reported = FALSE;

          for (guint j = 0; changed != NULL && j < changed->len; j++)
            reported |= g_array_index (changed, guint, j) == number;
          g_assert_cmpint (reported, ==, !ref_model_equal (before, ref_meeting_find_item_by_number (again, number), NULL));
          n_changed += reported;
        }
      g_assert_cmpint (ref_approval_check_get_status (check), ==,
                       n_changed ? REF_APPROVAL_STATUS_INVALID : REF_APPROVAL_STATUS_VALID);
    }
}

static void
test_unlock_voids (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefSignatureTrust) trust = trust_ca ();
  RefHistory *history = ref_meeting_get_history (meeting);

  sign_all (meeting);
  ref_history_clear (history);
  ref_meeting_unlock (meeting);
  g_assert_false (ref_meeting_get_locked (meeting));
  assert_all_status (meeting, trust, REF_APPROVAL_STATUS_VOID);
  {
    g_autoptr (RefApprovalCheck) check = check_at (meeting, 0, trust);
    g_assert_cmpuint (strlen (ref_approval_check_get_fingerprint (check)), ==, 95);
    g_assert_nonnull (strstr (ref_approval_check_get_message (check), "unlocked"));
  }
  g_assert_true (ref_history_undo (history));
  g_assert_true (ref_meeting_get_locked (meeting));
  assert_all_status (meeting, trust, REF_APPROVAL_STATUS_VALID);
}

static void
test_key_errors (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RefApproval) approval = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing.p12", NULL);

  approval = ref_signature_sign (meeting, member_p12[0], "forkert", NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_assert_nonnull (strstr (error->message, member_p12[0]));
  g_assert_null (approval);
  g_clear_error (&error);
  approval = ref_signature_sign (meeting, missing, REF_TEST_PASSWORD, NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_clear_error (&error);
  approval = ref_signature_sign (meeting, ca_pem, REF_TEST_PASSWORD, NULL, &error);
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY);
  g_assert_cmpuint (n_approvals (meeting), ==, 0);
  g_assert_false (ref_meeting_get_locked (meeting));
}

static void
test_trust_files (void)
{
  g_autoptr (RefSignatureTrust) trust = ref_signature_trust_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing.pem", NULL);
  g_autofree char *bundle = g_build_filename (dir, "bundle.pem", NULL);
  g_autofree char *a = NULL, *b = NULL, *both = NULL;

  g_assert_false (ref_signature_trust_add_file (trust, missing, &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST);
  g_clear_error (&error);
  g_assert_false (ref_signature_trust_add_file (trust, member_p12[0], &error));
  g_assert_error (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_TRUST);
  g_clear_error (&error);
  g_assert_cmpuint (ref_signature_trust_get_n_certificates (trust), ==, 0);

  g_assert_true (g_file_get_contents (ca_pem, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (other_ca_pem, &b, NULL, NULL));
  both = g_strconcat (a, b, NULL);
  g_assert_true (g_file_set_contents (bundle, both, -1, NULL));
  g_assert_true (ref_signature_trust_add_file (trust, bundle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ref_signature_trust_get_n_certificates (trust), ==, 2);
}

/* Initialising xmlsec must leave the XML reader as safe as it was. */
static int substitute_before, load_dtd_before;

static void
test_reader_safety_kept (void)
{
  g_autoptr (RefMeeting) meeting = sample ();
  g_autoptr (RefApprovalCheck) check = verify_text (meeting, "x");
  int substitute = xmlSubstituteEntitiesDefault (0);
  g_autoptr (GBytes) doctype = g_bytes_new_static ("<!DOCTYPE referat [<!ENTITY a \"b\">]><referat/>", 45);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) refused = NULL;

  /* Verifying (above) initialised xmlsec; the reader must still refuse entities. */
  g_assert_nonnull (check);
  xmlSubstituteEntitiesDefault (substitute);
  g_assert_cmpint (substitute, ==, substitute_before);
  g_assert_cmpint (xmlLoadExtDtdDefaultValue, ==, load_dtd_before);
  refused = ref_xml_load_bytes (doctype, "doctype", &error);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_ENTITY);
}

int
main (int argc, char **argv)
{
  int status;

  tmp_root = ref_test_make_tmp_root ("referent-test-signature");
  substitute_before = xmlSubstituteEntitiesDefault (0);
  xmlSubstituteEntitiesDefault (substitute_before);
  load_dtd_before = xmlLoadExtDtdDefaultValue;
  g_test_init (&argc, &argv, NULL);
  make_certificates ();

  g_test_add_func ("/signature/reader-safety", test_reader_safety_kept);
  g_test_add_func ("/signature/sign-three", test_sign_three_valid);
  g_test_add_func ("/signature/time-and-undo", test_sign_time_and_undo);
  g_test_add_func ("/signature/changed-decision", test_changed_decision);
  g_test_add_func ("/signature/header-added-removed", test_header_and_items_added_removed);
  g_test_add_func ("/signature/comments-and-lock", test_comments_and_lock_not_signed);
  g_test_add_func ("/signature/untrusted", test_other_authority_untrusted);
  g_test_add_func ("/signature/trusted-authority-expired", test_trusted_authority_expired);
  g_test_add_func ("/signature/malformed", test_malformed_signatures);
  g_test_add_func ("/signature/approval-time", test_approval_time_changed);
  g_test_add_func ("/signature/save-load-reindent", test_save_load_reindent);
  g_test_add_func ("/signature/xmllint-format", test_xmllint_format);
  g_test_add_func ("/signature/unlock", test_unlock_voids);
  g_test_add_func ("/signature/key-errors", test_key_errors);
  g_test_add_func ("/signature/trust-files", test_trust_files);

  status = ref_test_run_and_clean (tmp_root);
  g_free (tmp_root);
  return status;
}
