/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>
#include "test-certs.h"
#include "test-tmp.h"

/* Runs the real referent-cli binary (path from the REFERENT_CLI environment
 * variable that meson sets) and checks its output and exit status. */

typedef struct {
  char *out;
  char *err;
  int status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REFERENT_CLI"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_nonnull (g_ptr_array_index (argv, 0));
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
data_path (const char *first, ...)
{
  return g_test_build_filename (G_TEST_DIST, "..", first, NULL);
}

static void
test_stats_sample (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);

  run_cli (&run, "stats", sample, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"items\": 10,"));
  g_assert_nonnull (strstr (run.out, "\"with_recommendation\": 9,"));
  g_assert_nonnull (strstr (run.out, "\"with_decision\": 9,"));
  g_assert_nonnull (strstr (run.out, "\"participants\": 10,"));
  g_assert_nonnull (strstr (run.out, "\"absent\": 2,"));
  g_assert_nonnull (strstr (run.out, "\"substitutes\": 0,"));
  g_assert_nonnull (strstr (run.out, "\"partial_attendance\": 0,"));
  g_assert_nonnull (strstr (run.out, "\"disqualifications\": 0,"));
}

/* Issue 9: stats report substitutes, disqualifications and partial attendance. */
static void
test_stats_attendance (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *path = data_path ("tests/fixtures/xml/good/attendance.referat", NULL);

  run_cli (&run, "stats", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "\"substitutes\": 0,"));
  g_assert_null (strstr (run.out, "\"partial_attendance\": 0,"));
  g_assert_null (strstr (run.out, "\"disqualifications\": 0,"));
}

static void
test_validate_good (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *minimal = data_path ("tests/fixtures/xml/good/minimal.referat", NULL);

  run_cli (&run, "validate", sample, minimal, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "valid (10 items, 10 participants)"));
  g_assert_nonnull (strstr (run.out, "valid (1 item, 1 participant)"));
}

static void
test_validate_bad (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *bad = data_path ("tests/fixtures/xml/bad/invalid-date-feb30.referat", NULL);
  g_autofree char *good = data_path ("tests/fixtures/xml/good/minimal.referat", NULL);

  /* One bad file among good ones fails the run, and every file is reported. */
  run_cli (&run, "validate", good, bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "invalid-date-feb30.referat, line 5:"));
  g_assert_nonnull (strstr (run.out, "minimal.referat: valid"));
}

static void
test_usage (void)
{
  g_auto (Run) none = { 0 };
  g_auto (Run) unknown = { 0 };
  g_auto (Run) help = { 0 };
  g_auto (Run) missing = { 0 };

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
  run_cli (&help, "help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "validate"));
  g_assert_nonnull (strstr (help.out, "stats"));
  run_cli (&missing, "stats", "/nonexistent.referat", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "nonexistent.referat"));
}

static void
test_import (void)
{
  g_auto (Run) one = { 0 };
  g_auto (Run) many = { 0 };
  g_auto (Run) validate = { 0 };
  g_auto (Run) bad = { 0 };
  g_autofree char *pdf = data_path ("tests/fixtures/pdf/ballerup-2025-referat.pdf", NULL);
  g_autofree char *pdf2 = data_path ("tests/fixtures/pdf/hedensted-2021-referat.pdf", NULL);
  g_autofree char *readme = data_path ("tests/fixtures/pdf/README.md", NULL);
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "ballerup.referat", NULL);
  g_autofree char *outdir = g_build_filename (dir, "batch", NULL);
  g_autofree char *out2 = g_build_filename (outdir, "hedensted-2021-referat.referat", NULL);

  run_cli (&one, "import", pdf, "-o", out, NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_nonnull (strstr (one.out, "10 items, 100.0 % of the text"));
  run_cli (&validate, "validate", out, NULL);
  g_assert_cmpint (validate.status, ==, 0);

  /* Several files go into a folder, in parallel. */
  run_cli (&many, "import", pdf, pdf2, "-o", outdir, NULL);
  g_assert_cmpint (many.status, ==, 0);
  g_assert_true (g_file_test (out2, G_FILE_TEST_EXISTS));

  /* Not a PDF: a clear error, exit status 1. */
  run_cli (&bad, "import", readme, "-o", out, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "README.md"));
  ref_test_remove_tree (dir);
}

/* Case-system exports: the XML file, the bundle folder, a zip of it. */
static void
test_import_esdh (void)
{
  g_auto (Run) xml = { 0 };
  g_auto (Run) folder = { 0 };
  g_auto (Run) zip = { 0 };
  g_auto (Run) zip_default = { 0 };
  g_auto (Run) many = { 0 };
  g_auto (Run) validate = { 0 };
  g_auto (Run) foreign = { 0 };
  g_autofree char *regionh = data_path ("tests/fixtures/esdh/sbsys-publication_regionh_forretningsudvalget_2012-09-25/"
                                        "Publication553.xml",
                                        NULL);
  g_autofree char *edoc = data_path ("tests/fixtures/esdh/edoc_ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04",
                                     NULL);
  g_autofree char *zip_path = data_path ("tests/fixtures/esdh/sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15.zip",
                                         NULL);
  g_autofree char *pdf = data_path ("tests/fixtures/pdf/ballerup-2025-referat.pdf", NULL);
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-XXXXXX", NULL);
  g_autofree char *out_xml = g_build_filename (dir, "regionh.referat", NULL);
  g_autofree char *out_folder = g_build_filename (dir, "edoc.referat", NULL);
  g_autofree char *out_zip = g_build_filename (dir, "zip.referat", NULL);
  g_autofree char *out_default = g_build_filename (dir, "zip-default.referat", NULL);
  g_autofree char *unpack = g_build_filename (dir, "unpacked", NULL);
  g_autofree char *unpacked_pdf = g_build_filename (unpack, "sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15",
                                                    "sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15", "Enclosures",
                                                    "1.pdf", NULL);
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);
  g_autofree char *default_pdf = g_build_filename (data_home, "referent", "imports",
                                                   "sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15",
                                                   "sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15", "Enclosures",
                                                   "1.pdf", NULL);
  g_autofree char *outdir = g_build_filename (dir, "batch", NULL);
  g_autofree char *batch_edoc = g_build_filename (outdir, "edoc_ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.referat",
                                                  NULL);
  g_autofree char *batch_pdf = g_build_filename (outdir, "ballerup-2025-referat.referat", NULL);
  g_autofree char *foreign_path = g_build_filename (dir, "andet.xml", NULL);
  g_autofree char *saved = NULL;

  /* The export's XML file. */
  run_cli (&xml, "import", regionh, "-o", out_xml, NULL);
  g_assert_cmpint (xml.status, ==, 0);
  g_assert_nonnull (strstr (xml.out, "SBSYS export, 4 items, 15 participants, 3 of 14 attachment files found"));
  run_cli (&validate, "validate", out_xml, NULL);
  g_assert_cmpint (validate.status, ==, 0);

  /* The bundle folder; -v lists the notes. */
  run_cli (&folder, "import", edoc, "-o", out_folder, "-v", NULL);
  g_assert_cmpint (folder.status, ==, 0);
  g_assert_nonnull (strstr (folder.out, "KMD eDoc export, 8 items, 8 participants, 9 of 10 attachment files found"));
  g_assert_nonnull (strstr (folder.err, "form feed"));
  g_assert_nonnull (strstr (folder.err, "1543229.PDF"));

  /* A zip, unpacked where asked; the attachment points there. */
  run_cli (&zip, "import", zip_path, "-o", out_zip, "--unpack-to", unpack, NULL);
  g_assert_cmpint (zip.status, ==, 0);
  g_assert_nonnull (strstr (zip.out, "SBSYS export, 5 items, 11 participants, 1 of 1 attachment files found"));
  g_assert_true (g_file_test (unpacked_pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (out_zip, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, unpacked_pdf));

  /* Without --unpack-to: a folder of its own under the user's data folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  run_cli (&zip_default, "import", zip_path, "-o", out_default, NULL);
  g_unsetenv ("XDG_DATA_HOME");
  g_assert_cmpint (zip_default.status, ==, 0);
  g_assert_true (g_file_test (default_pdf, G_FILE_TEST_IS_REGULAR));

  /* Exports and PDFs together into a folder. */
  run_cli (&many, "import", edoc, pdf, "-o", outdir, NULL);
  g_assert_cmpint (many.status, ==, 0);
  g_assert_true (g_file_test (batch_edoc, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (batch_pdf, G_FILE_TEST_IS_REGULAR));

  /* XML that is no known export: a clear error naming the file, exit status 1. */
  g_assert_true (g_file_set_contents (foreign_path, "<?xml version=\"1.0\"?><noget/>", -1, NULL));
  run_cli (&foreign, "import", foreign_path, "-o", out_xml, NULL);
  g_assert_cmpint (foreign.status, ==, 1);
  g_assert_nonnull (strstr (foreign.err, "andet.xml"));
  g_assert_nonnull (strstr (foreign.err, "not a meeting export"));
  ref_test_remove_tree (dir);
}

static void
test_diff (void)
{
  g_auto (Run) same = { 0 };
  g_auto (Run) differ = { 0 };
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *minimal = data_path ("tests/fixtures/xml/good/minimal.referat", NULL);

  run_cli (&same, "diff", sample, sample, NULL);
  g_assert_cmpint (same.status, ==, 0);
  g_assert_cmpstr (same.out, ==, "");
  run_cli (&differ, "diff", minimal, sample, NULL);
  g_assert_cmpint (differ.status, ==, 1);
  g_assert_nonnull (strstr (differ.out, "Item 10, Punkt: added"));
}

static void
test_sign_verify (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-sign-XXXXXX", NULL);
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *path = g_build_filename (dir, "møde.referat", NULL);
  g_autofree char *ca = ref_test_make_authority (dir, "ca", "Referent Test CA", 5);
  g_autofree char *contents = NULL;
  g_auto (Run) none = { 0 };
  g_auto (Run) valid = { 0 };
  g_auto (Run) untrusted = { 0 };
  g_auto (Run) changed = { 0 };
  g_auto (Run) exported = { 0 };
  g_auto (Run) bad_trust = { 0 };
  g_auto (Run) wrong = { 0 };
  char *item, *title;

  g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  run_cli (&none, "verify", path, "--trust", ca, NULL);
  g_assert_cmpint (none.status, ==, 1);
  g_assert_nonnull (strstr (none.err, "no approvals"));

  for (guint i = 0; ref_test_member_names[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("member%u", i);
      g_autofree char *p12 = ref_test_make_member (dir, name, ref_test_member_names[i], "ca");
      g_auto (Run) run = { 0 };

      /* The password from the environment or the command line. */
      if (i == 0)
        {
          g_setenv ("REFERENT_PKCS12_PASSWORD", REF_TEST_PASSWORD, TRUE);
          run_cli (&run, "sign", path, "--pkcs12", p12, NULL);
          g_unsetenv ("REFERENT_PKCS12_PASSWORD");
        }
      else
        run_cli (&run, "sign", path, "--pkcs12", p12, "--password", REF_TEST_PASSWORD, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, ref_test_member_names[i]));
      /* Only the first signature locks the minutes. */
      g_assert_true ((strstr (run.out, "locked") != NULL) == (i == 0));
      if (i == 0)
        {
          run_cli (&wrong, "sign", path, "--pkcs12", p12, "--password", "forkert", NULL);
          g_assert_cmpint (wrong.status, ==, 1);
          g_assert_nonnull (strstr (wrong.err, "password"));
        }
    }

  run_cli (&valid, "verify", path, "--trust", ca, NULL);
  g_assert_cmpint (valid.status, ==, 0);
  g_assert_nonnull (strstr (valid.out, "Valid: "));
  g_assert_null (strstr (valid.out, "Invalid"));
  g_assert_nonnull (strstr (valid.out, "CN=Johan Müller"));
  run_cli (&untrusted, "verify", path, NULL);
  g_assert_cmpint (untrusted.status, ==, 1);
  g_assert_nonnull (strstr (untrusted.out, "Not trusted: "));

  /* The signature page of the exported PDF shows the approvals as valid only with the
   * trust anchor given to export. */
  {
    g_autofree char *pdf = g_build_filename (dir, "godkendt.pdf", NULL);
    g_autofree char *text = NULL;
    const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };

    run_cli (&exported, "export", path, "-o", pdf, "--trust", ca, NULL);
    g_assert_cmpint (exported.status, ==, 0);
    g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, NULL, NULL));
    g_assert_nonnull (strstr (text, "gyldig digital signatur"));
    run_cli (&bad_trust, "export", path, "-o", pdf, "--trust", path, NULL);
    g_assert_cmpint (bad_trust.status, ==, 1);
  }

  /* One letter of item 3's title changes: every approval is invalid and names it. */
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  item = strstr (contents, "<item number=\"3\"");
  g_assert_nonnull (item);
  title = strstr (item, "<title>") + strlen ("<title>");
  *title = *title == 'X' ? 'Y' : 'X';
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  run_cli (&changed, "verify", path, "--trust", ca, NULL);
  g_assert_cmpint (changed.status, ==, 1);
  g_assert_nonnull (strstr (changed.out, "Invalid: "));
  g_assert_nonnull (strstr (changed.out, "Content changed after signing: Item 3: X"));
  g_assert_null (strstr (changed.out, "Valid: "));
  ref_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/stats/sample", test_stats_sample);
  g_test_add_func ("/cli/stats/attendance", test_stats_attendance);
  g_test_add_func ("/cli/validate/good", test_validate_good);
  g_test_add_func ("/cli/validate/bad", test_validate_bad);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/import/esdh", test_import_esdh);
  g_test_add_func ("/cli/diff", test_diff);
  g_test_add_func ("/cli/sign-verify", test_sign_verify);

  return g_test_run ();
}
