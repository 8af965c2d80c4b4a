/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "ref-model.h"
#include "ref-recovery.h"
#include "ref-xml.h"
#include "test-tmp.h"

static void
test_save_list_load_remove (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  g_autoptr (GFile) original = g_file_new_for_path ("/home/sekretær/Socialudvalget.referat");
  g_autofree char *id = ref_recovery_new_id ();
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (RefMeeting) restored = NULL;
  RefRecoveryEntry *entry;
  g_autofree char *uri = g_file_get_uri (original);

  g_assert_no_error (error);
  ref_meeting_set_location (meeting, "Ændret under mødet");
  g_assert_true (ref_recovery_save (id, meeting, original, &error));
  g_assert_no_error (error);

  entries = ref_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->id, ==, id);
  g_assert_cmpstr (entry->original, ==, uri);
  g_assert_cmpstr (entry->title, ==, "Socialudvalget 06-05-2025");

  restored = ref_recovery_load (entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ref_meeting_get_location (restored), ==, "Ændret under mødet");
  /* Restored work counts as unsaved, without a bogus undo step. */
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (restored)));
  g_assert_false (ref_history_get_can_undo (ref_meeting_get_history (restored)));

  ref_recovery_remove (id);
  after = ref_recovery_list ();
  g_assert_cmpuint (after->len, ==, 0);
}

/* A key file without its copy (a crash between the two writes is impossible, but a
 * user may delete files) is not offered. */
static void
test_orphan_key_file_skipped (void)
{
  g_autofree char *dir = ref_recovery_dir ();
  g_autofree char *info = g_build_filename (dir, "orphan.ini", NULL);
  g_autoptr (GPtrArray) entries = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (info, "[Recovery]\ntime=2026-11-23T10:00:00Z\ntitle=X\n", -1, NULL));
  entries = ref_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 0);
  g_unlink (info);
}

/* The autosave policy: nothing when the copy is current; while the user types (a
 * change less than two seconds ago) it waits, but never more than thirty seconds
 * after the first change the copy lacks; otherwise it writes. */
static void
test_autosave_decide (void)
{
  const gint64 s = G_USEC_PER_SEC, t = 1000 * G_USEC_PER_SEC;

  g_assert_cmpint (ref_recovery_autosave_decide (7, 7, 0, t - 10 * s, t), ==, REF_AUTOSAVE_NOTHING);
  g_assert_cmpint (ref_recovery_autosave_decide (7, 7, t - 5 * s, t, t), ==, REF_AUTOSAVE_NOTHING);
  /* Typing: the last change half a second ago, the first pending one 5 s ago. */
  g_assert_cmpint (ref_recovery_autosave_decide (9, 7, t - 5 * s, t - s / 2, t), ==, REF_AUTOSAVE_POSTPONE);
  /* A pause of three seconds: written. */
  g_assert_cmpint (ref_recovery_autosave_decide (9, 7, t - 5 * s, t - 3 * s, t), ==, REF_AUTOSAVE_WRITE);
  /* Typing without a pause for 30 s: written anyway. */
  g_assert_cmpint (ref_recovery_autosave_decide (400, 7, t - 30 * s, t - s / 10, t), ==, REF_AUTOSAVE_WRITE);
  /* Nothing known about when the changes began: written. */
  g_assert_cmpint (ref_recovery_autosave_decide (9, 7, 0, t - s / 2, t), ==, REF_AUTOSAVE_WRITE);
  /* Undo back to the saved count is still the same document as the copy: nothing. */
  g_assert_cmpint (ref_recovery_autosave_decide (8, 8, t - 5 * s, t - 4 * s, t), ==, REF_AUTOSAVE_NOTHING);
}

/* The history counts every change, undo and redo: the autosave's "is the copy current". */
static void
test_change_count (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  RefHistory *history = ref_meeting_get_history (meeting);
  guint64 before = ref_history_get_change_count (history);
  gint64 t0 = g_get_monotonic_time ();

  g_assert_no_error (error);
  ref_meeting_set_location (meeting, "Byrådssalen");
  g_assert_cmpuint (ref_history_get_change_count (history), ==, before + 1);
  g_assert_cmpint (ref_history_get_last_change_time (history), >=, t0);
  ref_history_undo (history);
  g_assert_cmpuint (ref_history_get_change_count (history), ==, before + 2);
  ref_history_redo (history);
  g_assert_cmpuint (ref_history_get_change_count (history), ==, before + 3);
}

/* A large meeting's copy (what the autosave writes with the fast writer) is complete
 * and loads back to the same meeting: 300 items whose texts hold every character the
 * writer escapes, at every position within sixteen bytes. */
static void
test_large_copy_complete (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_sample_meeting_new (&error);
  g_autoptr (RefAgendaItem) model = NULL;
  g_autofree char *id = ref_recovery_new_id ();
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (RefMeeting) restored = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autoptr (GBytes) again = NULL;
  static const char specials[] = "&<>\"\t\r\n\001";

  g_assert_no_error (error);
  model = g_list_model_get_item (ref_meeting_get_items (meeting), 0);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (RefAgendaItem) item = ref_model_copy (model);
      g_autoptr (GString) line = g_string_new ("Budgettet for 2026 i Økonomiudvalget ");
      g_autoptr (RefText) text = NULL;

      g_string_insert_c (line, i % 16, specials[i % (sizeof specials - 1)]);
      text = ref_text_new_paragraph (line->str);
      ref_agenda_item_set_number (item, 100 + i);
      ref_agenda_item_set_title (item, line->str);
      ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
      ref_meeting_add_item (meeting, item);
    }
  written = ref_xml_write_bytes (meeting);
  g_assert_true (ref_recovery_save (id, meeting, NULL, &error));
  g_assert_no_error (error);

  entries = ref_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 1);
  restored = ref_recovery_load (g_ptr_array_index (entries, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ref_meeting_get_n_items (restored), ==, ref_meeting_get_n_items (meeting));
  /* Everything came back: written again, the same bytes. */
  again = ref_xml_write_bytes (restored);
  g_assert_true (g_bytes_equal (written, again));
  ref_xml_validate_bytes (written, "copy", &error);
  g_assert_no_error (error);
  ref_recovery_remove (id);
}

/* ---- the writer thread ---- */

typedef struct {
  guint reports;
  GError *error; /* the first error reported */
} Reports;

static void
count_report (const GError *error, gpointer data)
{
  Reports *r = data;

  r->reports++;
  if (error != NULL && r->error == NULL)
    r->error = g_error_copy (error);
}

/* Reports come from idle callbacks on this (the main) thread; a report that never
 * comes fails the test after ten seconds rather than hanging it. */
static void
wait_for_reports (Reports *r, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (r->reports < n && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (r->reports, ==, n);
}

/* (transfer full) @text cut in three fragments, as the writer cache hands them over. */
static GPtrArray *
fragments_of (const char *text)
{
  GPtrArray *fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize len = strlen (text), third = len / 3;

  g_ptr_array_add (fragments, g_bytes_new (text, third));
  g_ptr_array_add (fragments, g_bytes_new (text + third, third));
  g_ptr_array_add (fragments, g_bytes_new (text + 2 * third, len - 2 * third));
  return fragments;
}

static char *
copy_path (const char *id)
{
  g_autofree char *dir = ref_recovery_dir ();
  g_autofree char *name = g_strconcat (id, REF_XML_EXTENSION, NULL);

  return g_build_filename (dir, name, NULL);
}

static char *
info_path (const char *id)
{
  g_autofree char *dir = ref_recovery_dir ();
  g_autofree char *name = g_strconcat (id, ".ini", NULL);

  return g_build_filename (dir, name, NULL);
}

static void
assert_copy_holds (const char *id, const char *expected)
{
  g_autofree char *path = copy_path (id);
  g_autofree char *info = info_path (id);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_true (g_file_test (info, G_FILE_TEST_IS_REGULAR));
}

static void
assert_no_copy (const char *id)
{
  g_autofree char *path = copy_path (id);
  g_autofree char *info = info_path (id);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));
}

/* A queued copy lands, joined from its fragments, with its key file, and the report
 * comes on the main thread. */
static void
test_writer_write_lands (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autofree char *id = ref_recovery_new_id ();
  g_autoptr (GPtrArray) fragments = fragments_of ("<referat>første udgave</referat>\n");
  Reports r = { 0 };

  ref_meeting_set_committee (meeting, "Socialudvalget");
  ref_recovery_save_queued (id, meeting, NULL, fragments, count_report, &r, NULL);
  wait_for_reports (&r, 1);
  g_assert_null (r.error);
  assert_copy_holds (id, "<referat>første udgave</referat>\n");
  ref_recovery_remove (id);
  assert_no_copy (id);
}

/* Latest wins: a copy queued while an older one for the same window still waits
 * replaces it; the older one is reported (without an error) and never written. */
static void
test_writer_latest_wins (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autofree char *id = ref_recovery_new_id ();
  g_autofree char *other = ref_recovery_new_id ();
  g_autoptr (GPtrArray) one = fragments_of ("one: the older copy\n");
  g_autoptr (GPtrArray) two = fragments_of ("two: the newer copy\n");
  g_autoptr (GPtrArray) three = fragments_of ("another window's copy\n");
  Reports older = { 0 }, newer = { 0 }, elsewhere = { 0 };

  ref_recovery_writer_set_paused (TRUE);
  ref_recovery_save_queued (id, meeting, NULL, one, count_report, &older, NULL);
  ref_recovery_save_queued (other, meeting, NULL, three, count_report, &elsewhere, NULL);
  ref_recovery_save_queued (id, meeting, NULL, two, count_report, &newer, NULL);
  /* Superseded while the writer could not have started it. */
  wait_for_reports (&older, 1);
  g_assert_null (older.error);
  g_assert_cmpuint (newer.reports, ==, 0);
  assert_no_copy (id);

  ref_recovery_writer_set_paused (FALSE);
  ref_recovery_flush ();
  wait_for_reports (&newer, 1);
  wait_for_reports (&elsewhere, 1);
  g_assert_null (newer.error);
  assert_copy_holds (id, "two: the newer copy\n");
  /* Only copies for the same id replace each other. */
  assert_copy_holds (other, "another window's copy\n");
  g_assert_cmpuint (older.reports, ==, 1);
  ref_recovery_remove (id);
  ref_recovery_remove (other);
}

/* The ordering attack: a clean save removes the copy while a write is still queued, or
 * being written. Neither may bring it back afterwards (it would be offered at the next
 * start as unsaved work). */
static void
test_writer_remove_after_queued_write (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autofree char *id = ref_recovery_new_id ();
  g_autoptr (GPtrArray) small = fragments_of ("a copy that must not survive\n");
  g_autoptr (GPtrArray) large = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *chunk = g_strnfill (1 << 20, 'x');
  Reports queued = { 0 }, flight = { 0 };

  /* Queued, not started. */
  ref_recovery_writer_set_paused (TRUE);
  ref_recovery_save_queued (id, meeting, NULL, small, count_report, &queued, NULL);
  ref_recovery_remove (id);
  ref_recovery_writer_set_paused (FALSE);
  ref_recovery_flush ();
  wait_for_reports (&queued, 1);
  assert_no_copy (id);

  /* Being written (24 MB, synced: it takes a while), or about to be: either way the
   * removal comes after it. */
  for (guint i = 0; i < 24; i++)
    g_ptr_array_add (large, g_bytes_new_static (chunk, 1 << 20));
  for (guint round = 0; round < 3; round++)
    {
      ref_recovery_save_queued (id, meeting, NULL, large, count_report, &flight, NULL);
      if (round > 0)
        g_usleep (1000 * round);
      ref_recovery_remove (id);
      assert_no_copy (id);
      ref_recovery_flush ();
      assert_no_copy (id);
    }
  wait_for_reports (&flight, 3);
  g_assert_null (flight.error);
  ref_recovery_flush ();
  /* No temporary file left behind either. */
  {
    g_autofree char *dir = ref_recovery_dir ();
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, id));
  }
}

/* Closing waits for the queue: after ref_recovery_flush every queued copy is on disk. */
static void
test_writer_drain (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Reports r = { 0 };

  ref_recovery_writer_set_paused (TRUE);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *text = g_strdup_printf ("copy %u\n", i);
      g_autoptr (GPtrArray) fragments = fragments_of (text);

      g_ptr_array_add (ids, ref_recovery_new_id ());
      ref_recovery_save_queued (g_ptr_array_index (ids, i), meeting, NULL, fragments, count_report, &r, NULL);
    }
  ref_recovery_writer_set_paused (FALSE);
  ref_recovery_flush ();
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("copy %u\n", i);
      assert_copy_holds (g_ptr_array_index (ids, i), text);
    }
  wait_for_reports (&r, 8);
  g_assert_null (r.error);
  for (guint i = 0; i < ids->len; i++)
    ref_recovery_remove (g_ptr_array_index (ids, i));
}

/* An unwritable state folder (a file where the folder should be): the error comes back
 * to the caller, waited for or reported on the main thread, and nothing crashes. */
static void
test_writer_error_reported (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autofree char *id = ref_recovery_new_id ();
  g_autofree char *dir = ref_recovery_dir ();
  g_autofree char *aside = g_strconcat (dir, ".aside", NULL);
  g_autoptr (GPtrArray) fragments = fragments_of ("never written\n");
  g_autoptr (GError) error = NULL;
  gboolean moved = g_rename (dir, aside) == 0;
  Reports r = { 0 };

  g_assert_true (g_file_set_contents (dir, "in the way", -1, NULL));
  g_assert_false (ref_recovery_save_fragments (id, meeting, NULL, fragments, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("%s", error->message);

  ref_recovery_save_queued (id, meeting, NULL, fragments, count_report, &r, NULL);
  wait_for_reports (&r, 1);
  g_assert_nonnull (r.error);
  g_assert_true (r.error->domain == G_IO_ERROR);
  g_clear_error (&r.error);
  ref_recovery_remove (id);

  g_assert_cmpint (g_unlink (dir), ==, 0);
  if (moved)
    g_assert_cmpint (g_rename (aside, dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-recovery");

  /* Before anything asks GLib for the state folder. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recovery/save-list-load-remove", test_save_list_load_remove);
  g_test_add_func ("/recovery/orphan-key-file", test_orphan_key_file_skipped);
  g_test_add_func ("/recovery/autosave-decide", test_autosave_decide);
  g_test_add_func ("/recovery/change-count", test_change_count);
  g_test_add_func ("/recovery/large-copy-complete", test_large_copy_complete);
  g_test_add_func ("/recovery/writer/write-lands", test_writer_write_lands);
  g_test_add_func ("/recovery/writer/latest-wins", test_writer_latest_wins);
  g_test_add_func ("/recovery/writer/remove-after-queued-write", test_writer_remove_after_queued_write);
  g_test_add_func ("/recovery/writer/drain", test_writer_drain);
  g_test_add_func ("/recovery/writer/error-reported", test_writer_error_reported);
  return ref_test_run_and_clean (state);
}
