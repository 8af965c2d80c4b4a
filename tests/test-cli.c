/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
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
  /* The sample records no outcome: the wording gives it (two "Godkendt", seven "Taget til efterretning"). */
  g_assert_nonnull (strstr (run.out, "\"outcomes\": { \"approved\": 2, \"recommended\": 0, \"noted\": 7, "
                                "\"postponed\": 0, \"rejected\": 0, \"forwarded\": 0, \"unknown\": 0 },"));
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

/* What only the schema forbids (an attribute the reader passes over) fails too. */
static void
test_validate_schema (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *good = data_path ("tests/fixtures/xml/good/minimal.referat", NULL);
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-validate-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "extra.referat", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GString) changed = NULL;

  g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
  changed = g_string_new (text);
  g_string_replace (changed, "<meeting kind=", "<meeting secret=\"1\" kind=", 1);
  g_assert_true (g_file_set_contents (bad, changed->str, -1, NULL));
  run_cli (&run, "validate", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "extra.referat does not match the Referent schema: line 3:"));
  g_assert_null (strstr (run.out, "valid"));
  g_assert_no_errno (g_remove (bad));
  g_assert_no_errno (g_rmdir (dir));
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
  {
    /* The summaries line up, also after arguments with "…" (3 bytes, one column). */
    const char *summaries[] = { "Check that", "Import agenda", "Export the minutes", "Add an approval",
                                "Search the indexed", "Show this help" };
    glong column = -1;

    for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
      {
        const char *at = strstr (help.out, summaries[i]);
        const char *line;

        g_assert_nonnull (at);
        for (line = at; line > help.out && line[-1] != '\n'; line--)
          ;
        if (column < 0)
          column = g_utf8_pointer_to_offset (line, at);
        g_assert_cmpint (g_utf8_pointer_to_offset (line, at), ==, column);
      }
  }
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

/* A signed copy of the sample meeting in @dir, signed by the members named, with a
 * test authority "ca" there. Returns the path of the copy. */
static char *
signed_sample (const char *dir, guint n_signers)
{
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);
  char *path = g_build_filename (dir, "møde.referat", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_free (ref_test_make_authority (dir, "ca", "Referent Test CA", 5));
  for (guint i = 0; i < n_signers; i++)
    {
      g_autofree char *name = g_strdup_printf ("member%u", i);
      g_autofree char *p12 = ref_test_make_member (dir, name, ref_test_member_names[i], "ca");
      g_auto (Run) run = { 0 };

      run_cli (&run, "sign", path, "--pkcs12", p12, "--password", REF_TEST_PASSWORD, NULL);
      g_assert_cmpint (run.status, ==, 0);
    }
  return path;
}

static guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Issue 13.4: three members signing the same file at the same moment all keep their
 * approval. */
static void
test_sign_concurrent (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-concurrent-XXXXXX", NULL);
  g_autofree char *path = signed_sample (dir, 0);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  GPid pids[3];
  g_autofree char *contents = NULL;
  g_auto (Run) verify = { 0 };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("member%u", i);
      g_autofree char *p12 = ref_test_make_member (dir, name, ref_test_member_names[i], "ca");
      const char *argv[] = { g_getenv ("REFERENT_CLI"), "sign", path, "--pkcs12", p12, "--password",
                             REF_TEST_PASSWORD, NULL };
      g_autoptr (GError) error = NULL;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                    NULL, NULL, &pids[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 3; i++)
    {
      int status = 0;
      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_spawn_close_pid (pids[i]);
    }
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpuint (count_occurrences (contents, "<approval "), ==, 3);
  run_cli (&verify, "verify", path, "--trust", ca, NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_nonnull (strstr (verify.out, "3 of 7 members present have approved"));
  /* No lock file is left behind. */
  {
    g_autofree char *lock = g_build_filename (dir, ".møde.referat.lock", NULL);
    g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  }
  ref_test_remove_tree (dir);
}

/* Issue 13.1: one member's approval copied five times under other members' refs and
 * names: verify does not call them valid, exits 1, and counts one member. */
static void
test_sign_copied_approval (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-copied-XXXXXX", NULL);
  g_autofree char *path = signed_sample (dir, 1);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *approval = NULL;
  g_autoptr (GString) forged = NULL;
  g_auto (Run) verify = { 0 };
  const char *start, *end;
  const char *others[] = { "Johan Müller", "Lolan Marianne Ottesen", "Kate Svarrer", "Per Mortensen",
                           "André Amingsø" };

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  start = strstr (contents, "    <approval ");
  end = strstr (start, "</approval>\n") + strlen ("</approval>\n");
  approval = g_strndup (start, end - start);
  forged = g_string_new_len (contents, end - contents);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *ref = g_strdup_printf ("ref=\"p%u\"", i + 2);
      g_auto (GStrv) parts = g_strsplit (approval, "ref=\"p1\"", 2);
      g_autofree char *copy = g_strjoinv (ref, parts);
      g_auto (GStrv) named = g_strsplit (copy, "Maria Lundahl Assov", 2);
      g_autofree char *renamed = g_strjoinv (others[i], named);

      g_string_append (forged, renamed);
    }
  g_string_append (forged, end);
  g_assert_true (g_file_set_contents (path, forged->str, -1, NULL));

  run_cli (&verify, "verify", path, "--trust", ca, NULL);
  g_assert_cmpint (verify.status, ==, 1);
  g_assert_cmpuint (count_occurrences (verify.out, "Valid: "), ==, 1);
  g_assert_cmpuint (count_occurrences (verify.out, "Invalid: "), ==, 5);
  g_assert_cmpuint (count_occurrences (verify.out, "CN=Maria Lundahl Assov"), ==, 6);
  g_assert_null (strstr (verify.out, "CN=Johan"));
  g_assert_nonnull (strstr (verify.out, "1 of 7 members present have approved"));
  ref_test_remove_tree (dir);
}

/* A revocation list made by `openssl ca`: the revoked member's approval is not valid. */
static void
test_verify_crl (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-crl-XXXXXX", NULL);
  g_autofree char *path = signed_sample (dir, 2);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *cnf = g_build_filename (dir, "ca.cnf", NULL);
  g_autofree char *index = g_build_filename (dir, "index.txt", NULL);
  g_autofree char *number = g_build_filename (dir, "crlnumber", NULL);
  g_autofree char *crl = g_build_filename (dir, "ca.crl", NULL);
  g_auto (Run) verify = { 0 };

  g_assert_true (g_file_set_contents (cnf,
                                      "[ca]\ndefault_ca = test\n[test]\ndatabase = index.txt\n"
                                      "crlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (index, "", -1, NULL));
  g_assert_true (g_file_set_contents (number, "01\n", -1, NULL));
  ref_test_openssl (dir, "ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-revoke",
                    "member0.pem", NULL);
  ref_test_openssl (dir, "ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-gencrl", "-out",
                    "ca.crl", NULL);
  run_cli (&verify, "verify", path, "--trust", ca, "--crl", crl, NULL);
  g_assert_cmpint (verify.status, ==, 1);
  g_assert_nonnull (strstr (verify.out, "is revoked"));
  g_assert_nonnull (strstr (verify.out, "1 of 7 members present have approved"));
  ref_test_remove_tree (dir);
}

/* B-T from the command line, with a time-stamp authority made by `openssl ts`
 * behind a loopback HTTP responder (tests/tsa-responder.py). */
static void
test_sign_tsa (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-tsa-XXXXXX", NULL);
  g_autofree char *path = signed_sample (dir, 0);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *tsa_ca = NULL;
  g_autofree char *cnf = g_build_filename (dir, "tsa.cnf", NULL);
  g_autofree char *ext = g_build_filename (dir, "tsa.ext", NULL);
  g_autofree char *serial = g_build_filename (dir, "tsaserial", NULL);
  g_autofree char *responder = g_test_build_filename (G_TEST_DIST, "tsa-responder.py", NULL);
  g_autofree char *p12 = ref_test_make_member (dir, "member0", ref_test_member_names[0], "ca");
  const char *argv[] = { "python3", responder, dir, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GIOChannel) channel = NULL;
  g_autofree char *url = NULL;
  g_auto (Run) sign = { 0 };
  g_auto (Run) verify = { 0 };
  g_auto (Run) untrusted_time = { 0 };
  GPid pid;
  int out_fd;

  tsa_ca = ref_test_make_authority (dir, "tsa-ca", "Test Time CA", 5);
  g_assert_true (g_file_set_contents (ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                                           "extendedKeyUsage=critical,timeStamping\n", -1, NULL));
  ref_test_openssl (dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr", "-subj",
                    "/CN=Test TSA/O=Referent test", NULL);
  ref_test_openssl (dir, "x509", "-req", "-in", "tsa.csr", "-CA", "tsa-ca.pem", "-CAkey", "tsa-ca.key",
                    "-CAcreateserial", "-out", "tsa.pem", "-days", "5", "-extfile", "tsa.ext", NULL);
  g_assert_true (g_file_set_contents (serial, "01\n", -1, NULL));
  g_assert_true (g_file_set_contents (cnf,
                                      "[tsa]\ndefault_tsa = tsa1\n[tsa1]\nserial = ./tsaserial\n"
                                      "signer_cert = ./tsa.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\n"
                                      "default_policy = 1.2.3.4.1\ndigests = sha256, sha384, sha512\n"
                                      "accuracy = secs:1\ness_cert_id_alg = sha256\n",
                                      -1, NULL));
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &pid, NULL,
                                           &out_fd, NULL, &error));
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_assert_cmpint (g_io_channel_read_line (channel, &url, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
  g_strstrip (url);

  run_cli (&sign, "sign", path, "--pkcs12", p12, "--password", REF_TEST_PASSWORD, "--tsa", url, NULL);
  if (sign.status != 0)
    g_error ("sign --tsa: %s", sign.err);
  g_assert_nonnull (strstr (sign.out, "Time-stamped by"));
  run_cli (&verify, "verify", path, "--trust", ca, "--tsa-trust", tsa_ca, NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_nonnull (strstr (verify.out, "time stamp: "));
  g_assert_nonnull (strstr (verify.out, "CN=Test TSA"));
  /* Without the time authority trusted the approval is still valid (checked now),
   * and the time stamp is not shown as trusted. */
  run_cli (&untrusted_time, "verify", path, "--trust", ca, NULL);
  g_assert_cmpint (untrusted_time.status, ==, 0);
  g_assert_null (strstr (untrusted_time.out, "time stamp: "));

  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  ref_test_remove_tree (dir);
}

/* The signed document for other XAdES tools, and attaching an approval from one. */
static void
test_content_attach (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-content-XXXXXX", NULL);
  g_autofree char *path = signed_sample (dir, 1);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *signed_xml = g_build_filename (dir, "signed.xml", NULL);
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.referat", NULL);
  g_autofree char *contents = NULL;
  g_auto (Run) content = { 0 };
  g_auto (Run) exported = { 0 };
  g_auto (Run) attach = { 0 };
  g_auto (Run) again = { 0 };
  g_auto (Run) verify = { 0 };
  g_auto (Run) missing = { 0 };

  run_cli (&content, "content", path, NULL);
  g_assert_cmpint (content.status, ==, 0);
  g_assert_true (g_str_has_prefix (content.out, "<?xml"));
  g_assert_null (strstr (content.out, "<approvals>"));
  run_cli (&exported, "content", path, "--approval", "1", "-o", signed_xml, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  run_cli (&missing, "content", path, "--approval", "2", NULL);
  g_assert_cmpint (missing.status, ==, 2);

  g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (fresh, contents, -1, NULL));
  run_cli (&attach, "attach", fresh, signed_xml, NULL);
  g_assert_cmpint (attach.status, ==, 0);
  g_assert_nonnull (strstr (attach.out, "Maria Lundahl Assov"));
  run_cli (&verify, "verify", fresh, "--trust", ca, NULL);
  g_assert_cmpint (verify.status, ==, 0);
  /* The minutes changed since: refused. */
  run_cli (&again, "attach", path, sample, NULL);
  g_assert_cmpint (again.status, ==, 1);
  ref_test_remove_tree (dir);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static char *
copy_to (const char *source, const char *dir, const char *name)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  return path;
}

/* Issue 13: `export m.referat -o m.referat` wrote a PDF over the minutes. Refused by
 * any name (the same path, a symbolic link, a hard link), as is writing over a trust
 * anchor; the files are untouched. */
static void
test_export_refuses_input (void)
{
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-same-XXXXXX", NULL);
  g_autofree char *minutes = copy_to (sample, dir, "møde.referat");
  g_autofree char *sym = g_build_filename (dir, "møde.pdf", NULL);
  g_autofree char *hard = g_build_filename (dir, "hård.pdf", NULL);
  g_autofree char *ca = ref_test_make_authority (dir, "ca", "Referent Test CA", 5);
  g_autoptr (GBytes) original = read_bytes (minutes);
  g_autoptr (GBytes) original_ca = read_bytes (ca);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GBytes) after_ca = NULL;
  const char *outputs[] = { minutes, sym, hard };

  g_assert_cmpint (symlink ("møde.referat", sym), ==, 0);
  g_assert_cmpint (link (minutes, hard), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_auto (Run) run = { 0 };

      run_cli (&run, "export", minutes, "-o", outputs[i], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, outputs[i]));
      g_assert_nonnull (strstr (run.err, "made from"));
    }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, "export", minutes, "--trust", ca, "-o", ca, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, ca));
  }
  after = read_bytes (minutes);
  g_assert_true (g_bytes_equal (after, original));
  after_ca = read_bytes (ca);
  g_assert_true (g_bytes_equal (after_ca, original_ca));
  g_assert_true (g_file_test (sym, G_FILE_TEST_IS_SYMLINK));
  ref_test_remove_tree (dir);
}

/* `import -o` never writes over one of the PDFs it imports, and two inputs of the
 * same name never go to the same output, where one would replace the other. */
static void
test_import_refuses_input (void)
{
  g_autofree char *fixture = data_path ("tests/fixtures/pdf/ballerup-2025-referat.pdf", NULL);
  g_autofree char *fixture2 = data_path ("tests/fixtures/pdf/hedensted-2021-referat.pdf", NULL);
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-same-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a", NULL);
  g_autofree char *b = g_build_filename (dir, "b", NULL);
  g_autofree char *pdf = copy_to (fixture, dir, "dagsorden.pdf");
  g_autofree char *link_path = g_build_filename (dir, "genvej.referat", NULL);
  g_autofree char *pdf_a = NULL;
  g_autofree char *pdf_b = NULL;
  g_autofree char *outdir = g_build_filename (dir, "ud", NULL);
  g_autoptr (GBytes) original = read_bytes (pdf);
  g_autoptr (GBytes) after = NULL;
  g_auto (Run) same = { 0 };
  g_auto (Run) linked = { 0 };
  g_auto (Run) twice = { 0 };

  run_cli (&same, "import", pdf, "-o", pdf, NULL);
  g_assert_cmpint (same.status, ==, 1);
  g_assert_nonnull (strstr (same.err, "being imported"));
  g_assert_cmpint (symlink ("dagsorden.pdf", link_path), ==, 0);
  run_cli (&linked, "import", pdf, "-o", link_path, NULL);
  g_assert_cmpint (linked.status, ==, 1);
  g_assert_nonnull (strstr (linked.err, "being imported"));
  after = read_bytes (pdf);
  g_assert_true (g_bytes_equal (after, original));
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));

  g_assert_cmpint (g_mkdir (a, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (b, 0755), ==, 0);
  pdf_a = copy_to (fixture, a, "referat.pdf");
  pdf_b = copy_to (fixture2, b, "referat.pdf");
  run_cli (&twice, "import", pdf_a, pdf_b, "-o", outdir, NULL);
  g_assert_cmpint (twice.status, ==, 1);
  g_assert_nonnull (strstr (twice.err, "different folders"));
  g_assert_false (g_file_test (outdir, G_FILE_TEST_EXISTS));
  ref_test_remove_tree (dir);
}

/* A device or a named pipe given as a file is refused at once with its name. */
static void
test_special_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-special-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "rør.referat", NULL);
  g_autofree char *out = g_build_filename (dir, "ud.referat", NULL);
  g_auto (Run) zero = { 0 };
  g_auto (Run) pipe = { 0 };
  g_auto (Run) import = { 0 };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  run_cli (&zero, "validate", "/dev/zero", NULL);
  g_assert_cmpint (zero.status, ==, 1);
  g_assert_nonnull (strstr (zero.err, "/dev/zero"));
  g_assert_nonnull (strstr (zero.err, "device"));
  run_cli (&pipe, "stats", fifo, NULL);
  g_assert_cmpint (pipe.status, ==, 1);
  g_assert_nonnull (strstr (pipe.err, "pipe"));
  run_cli (&import, "import", "/dev/zero", "-o", out, NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_nonnull (strstr (import.err, "device"));
  ref_test_remove_tree (dir);
}

/* index and search: an archive with the sample and a file that is not minutes; the
 * index goes to the cache folder, never into the archive. */
static void
test_index_search (void)
{
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *bad = data_path ("tests/fixtures/xml/bad/invalid-date-feb30.referat", NULL);
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-archive-XXXXXX", NULL);
  g_autofree char *archive = g_build_filename (dir, "arkiv", NULL);
  g_autofree char *year = g_build_filename (archive, "2025", NULL);
  g_autofree char *copy = g_build_filename (year, "socialudvalget-2025-05-06.referat", NULL);
  g_autofree char *broken = g_build_filename (archive, "broken.referat", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *old_cache = g_strdup (g_getenv ("XDG_CACHE_HOME"));
  g_autofree char *contents = NULL;
  gsize length;
  g_auto (Run) first = { 0 };
  g_auto (Run) again = { 0 };
  g_auto (Run) found = { 0 };
  g_auto (Run) json = { 0 };
  g_auto (Run) filters = { 0 };
  g_auto (Run) nothing = { 0 };
  g_auto (Run) closed = { 0 };
  g_auto (Run) unindexed = { 0 };
  g_auto (Run) bad_date = { 0 };

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_assert_cmpint (g_mkdir_with_parents (year, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (bad, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (broken, contents, (gssize) length, NULL));

  run_cli (&first, "index", archive, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "1 meeting, 10 items (2 read, 0 unchanged, 0 removed)"));
  g_assert_nonnull (strstr (first.out, cache));
  g_assert_nonnull (strstr (first.err, "Not indexed: broken.referat: "));
  run_cli (&again, "index", "-q", archive, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "");

  /* Without --archive: the folder indexed last. An inflected form finds the item and
   * the matched words are marked. */
  run_cli (&found, "search", "tilsynene", NULL);
  g_assert_cmpint (found.status, ==, 0);
  g_assert_nonnull (strstr (found.out, "Socialudvalget 06-05-2025, item 4: Skærpet tilsyn for Stokholtbuen\n"));
  g_assert_nonnull (strstr (found.out, "00.01.10-P35-3-24 · Noted · "));
  g_assert_nonnull (strstr (found.out, "[tilsyn]"));

  run_cli (&json, "search", "--json", "--archive", archive, "\"skærpet tilsyn\"", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"item\" : 4,"));
  g_assert_nonnull (strstr (json.out, "\"outcome\" : \"noted\","));
  g_assert_nonnull (strstr (json.out, "\"highlights\" : ["));
  g_assert_nonnull (strstr (json.out, copy));

  run_cli (&filters, "search", "--committee", "socialudvalget", "--from", "01-05-2025", "--to", "2025-05-31", "--case",
           "00.22.00-A26-1-24", "--outcome", "approved", "--json", NULL);
  g_assert_cmpint (filters.status, ==, 0);
  g_assert_nonnull (strstr (filters.out, "\"item\" : 6,"));
  g_assert_nonnull (strstr (filters.out, "\"item\" : 8,"));
  g_assert_null (strstr (filters.out, "\"item\" : 7,")); /* taken to notice, not approved */

  run_cli (&nothing, "search", "--to", "2024-12-31", "tilsyn", NULL);
  g_assert_cmpint (nothing.status, ==, 1);
  g_assert_nonnull (strstr (nothing.err, "Nothing found"));
  run_cli (&closed, "search", "--closed", "tilsyn", NULL);
  g_assert_cmpint (closed.status, ==, 2);
  g_assert_nonnull (strstr (closed.err, "internal index"));
  run_cli (&bad_date, "search", "--from", "2025-02-30", "tilsyn", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_nonnull (strstr (bad_date.err, "2025-02-30"));
  run_cli (&unindexed, "search", "--archive", empty, "tilsyn", NULL);
  g_assert_cmpint (unindexed.status, ==, 1);
  g_assert_nonnull (strstr (unindexed.err, "referent-cli index"));

  /* Nothing was written into the archive. */
  {
    g_autoptr (GDir) d = g_dir_open (archive, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  if (old_cache != NULL)
    g_setenv ("XDG_CACHE_HOME", old_cache, TRUE);
  else
    g_unsetenv ("XDG_CACHE_HOME");
  ref_test_remove_tree (dir);
}

/* The commands that need the heavier libraries run as helper programs: each is
 * reached (its own usage error, not "unknown command" or "not installed"). */
static void
test_helpers_reached (void)
{
  const char *commands[] = { "export", "sign", "verify", "content", "attach", "index", "search" };

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (Run) run = { 0 };
      g_autofree char *prefix = g_strdup_printf ("referent-cli %s: ", commands[i]);

      run_cli (&run, commands[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, prefix));
      g_assert_null (strstr (run.err, "unknown command"));
      g_assert_null (strstr (run.err, "not installed"));
    }
}

/* A helper program that is not there: a clear message naming it, not a crash; the
 * commands referent-cli runs itself still work. */
static void
test_helper_missing (void)
{
  g_auto (Run) sign = { 0 };
  g_auto (Run) search = { 0 };
  g_auto (Run) import = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-helpers-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.referat", NULL);
  g_autofree char *pdf = data_path ("tests/fixtures/pdf/ballerup-2025-referat.pdf", NULL);
  g_autofree char *sample = data_path ("data/samples/socialudvalget-2025-05-06.referat", NULL);

  g_setenv ("REFERENT_CLI_HELPER_DIR", dir, TRUE);
  run_cli (&sign, "sign", sample, NULL);
  run_cli (&search, "search", "budget", NULL);
  run_cli (&import, "import", pdf, "-o", out, NULL);
  g_unsetenv ("REFERENT_CLI_HELPER_DIR");

  g_assert_cmpint (sign.status, ==, 1);
  g_assert_nonnull (strstr (sign.err, "referent-cli sign: this command is not installed"));
  g_assert_nonnull (strstr (sign.err, "referent-cli-sign"));
  g_assert_cmpint (search.status, ==, 1);
  g_assert_nonnull (strstr (search.err, "referent-cli-archive"));
  g_assert_cmpint (import.status, ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  ref_test_remove_tree (dir);
}

/* The zip reader is a module loaded only for zips: without it a zip gives a clear
 * error naming it, and PDFs and bundle folders import as before. */
static void
test_zip_module_missing (void)
{
  g_auto (Run) zip = { 0 };
  g_auto (Run) pdf = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("referent-cli-modules-XXXXXX", NULL);
  g_autofree char *unpack = g_build_filename (dir, "unpacked", NULL);
  g_autofree char *out_zip = g_build_filename (dir, "zip.referat", NULL);
  g_autofree char *out_pdf = g_build_filename (dir, "pdf.referat", NULL);
  g_autofree char *zip_path = data_path ("tests/fixtures/esdh/sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15.zip",
                                         NULL);
  g_autofree char *pdf_path = data_path ("tests/fixtures/pdf/ballerup-2025-referat.pdf", NULL);

  g_setenv ("REFERENT_MODULE_DIR", dir, TRUE);
  run_cli (&zip, "import", zip_path, "-o", out_zip, "--unpack-to", unpack, NULL);
  run_cli (&pdf, "import", pdf_path, "-o", out_pdf, NULL);
  g_unsetenv ("REFERENT_MODULE_DIR");

  g_assert_cmpint (zip.status, ==, 1);
  g_assert_nonnull (strstr (zip.err, "zip reader could not be loaded"));
  g_assert_nonnull (strstr (zip.err, "referent-esdh-zip"));
  g_assert_false (g_file_test (out_zip, G_FILE_TEST_EXISTS));
  g_assert_cmpint (pdf.status, ==, 0);
  g_assert_true (g_file_test (out_pdf, G_FILE_TEST_IS_REGULAR));
  ref_test_remove_tree (dir);
}

/* Start-up: import is most runs, and most of a small import is loading libraries.
 * referent-cli itself must not link what only the helpers use. */
static void
test_light_linking (void)
{
  const char *heavy[] = { "libxmlsec1", "libcrypto", "libsoup", "libsqlite3", "libqpdf", "libpango", "libjson-glib",
                          "libarchive" };
  g_autofree char *readelf = g_find_program_in_path ("readelf");
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  if (readelf == NULL)
    {
      g_test_skip ("readelf (binutils) is not installed");
      return;
    }
  {
    const char *argv[] = { readelf, "-d", g_getenv ("REFERENT_CLI"), NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &wait_status, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "libpoppler-glib"));
  for (gsize i = 0; i < G_N_ELEMENTS (heavy); i++)
    if (strstr (out, heavy[i]) != NULL)
      g_error ("referent-cli links %s, which only its helper programs and modules need", heavy[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/stats/sample", test_stats_sample);
  g_test_add_func ("/cli/stats/attendance", test_stats_attendance);
  g_test_add_func ("/cli/validate/good", test_validate_good);
  g_test_add_func ("/cli/validate/bad", test_validate_bad);
  g_test_add_func ("/cli/validate/schema", test_validate_schema);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/import/esdh", test_import_esdh);
  g_test_add_func ("/cli/diff", test_diff);
  g_test_add_func ("/cli/sign-verify", test_sign_verify);
  g_test_add_func ("/cli/sign/concurrent", test_sign_concurrent);
  g_test_add_func ("/cli/sign/copied-approval", test_sign_copied_approval);
  g_test_add_func ("/cli/sign/tsa", test_sign_tsa);
  g_test_add_func ("/cli/verify/crl", test_verify_crl);
  g_test_add_func ("/cli/content-attach", test_content_attach);
  g_test_add_func ("/cli/export-refuses-input", test_export_refuses_input);
  g_test_add_func ("/cli/import-refuses-input", test_import_refuses_input);
  g_test_add_func ("/cli/special-files", test_special_files);
  g_test_add_func ("/cli/index-search", test_index_search);
  g_test_add_func ("/cli/helpers/reached", test_helpers_reached);
  g_test_add_func ("/cli/helpers/missing", test_helper_missing);
  g_test_add_func ("/cli/helpers/zip-module-missing", test_zip_module_missing);
  g_test_add_func ("/cli/helpers/light-linking", test_light_linking);

  return g_test_run ();
}
