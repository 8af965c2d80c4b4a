/* SPDX-License-Identifier: GPL-3.0-or-later */
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
  return ref_test_run_and_clean (state);
}
