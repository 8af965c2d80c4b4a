/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ref-captions.h"
#include "ref-stats.h"
#include "ref-xml.h"
#include "test-tmp.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "xml", name, NULL);
}

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "socialudvalget-2025-05-06.referat", NULL);
}

static RefMeeting *
load_path (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RefMeeting *meeting = ref_xml_load_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (meeting);
  return meeting;
}

/* load → write → load gives an equal model; writing twice gives identical bytes;
 * the output validates against the schema. */
static void
assert_round_trip (RefMeeting *meeting, const char *name)
{
  g_autoptr (GBytes) first = ref_xml_write_bytes (meeting);
  g_autoptr (GBytes) second = ref_xml_write_bytes (meeting);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) again = NULL;
  g_autoptr (GBytes) third = NULL;
  g_autofree char *where = NULL;

  g_assert_true (g_bytes_equal (first, second));
  ref_xml_validate_bytes (first, name, &error);
  g_assert_no_error (error);

  again = ref_xml_load_bytes (first, name, &error);
  g_assert_no_error (error);
  if (!ref_model_equal (meeting, again, &where))
    g_error ("%s: round trip changed %s", name, where);
  third = ref_xml_write_bytes (again);
  g_assert_true (g_bytes_equal (first, third));
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (again)));
  g_assert_false (ref_history_get_can_undo (ref_meeting_get_history (again)));
}

static void
test_sample_round_trip (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr (RefMeeting) meeting = load_path (path);

  assert_round_trip (meeting, path);
}

static void
test_sample_resource (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) builtin = ref_sample_meeting_new (&error);
  g_autofree char *path = sample_path ();
  g_autoptr (RefMeeting) on_disk = load_path (path);
  g_autofree char *where = NULL;

  g_assert_no_error (error);
  g_assert_true (ref_model_equal (builtin, on_disk, &where));
}

/* The sample is typed faithfully from seed 001: spot-check what the seed says. */
static void
test_sample_content (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) m = ref_sample_meeting_new (&error);
  RefAgendaItem *item;
  g_autoptr (RefParticipant) first = NULL;
  g_autoptr (RefDecision) decision = NULL;
  g_autoptr (GPtrArray) absent = NULL;
  RefVote *vote;
  g_autofree char *start = NULL;
  g_auto (GStrv) points = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Socialudvalget");
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_MINUTES);
  start = g_date_time_format (ref_meeting_get_start (m), "%Y-%m-%d %H:%M");
  g_assert_cmpstr (start, ==, "2025-05-06 13:00");
  g_assert_true (g_str_has_prefix (ref_meeting_get_location (m), "Psykiatrisk Center Ballerup"));
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 10);

  first = g_list_model_get_item (ref_meeting_get_participants (m), 0);
  g_assert_cmpstr (ref_participant_get_name (first), ==, "Maria Lundahl Assov");
  g_assert_cmpstr (ref_participant_get_party (first), ==, "A");

  item = ref_meeting_find_item_by_number (m, 1);
  g_assert_cmpstr (ref_agenda_item_get_case_number (item), ==, "00.05.00-P35-2-24");
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item), ==, "Socialudvalget");
  g_assert_nonnull (ref_agenda_item_find_section (item, REF_SECTION_KIND_SUMMARY));
  g_assert_cmpstr (ref_recommendation_get_by (ref_agenda_item_get_recommendation (item)), ==,
                   "Center for Social og Arbejdsmarked");
  points = ref_text_get_list_items (ref_recommendation_get_text (ref_agenda_item_get_recommendation (item)));
  g_assert_cmpuint (g_strv_length (points), ==, 1);
  g_assert_cmpstr (points[0], ==, "Besøg og rundvisning på Psykiatrisk Center Ballerup tages til efterretning.");

  /* Derived absence reproduces "Afbud Dorte Dahl …, Stine Margrethe Hollendsted …". */
  absent = ref_meeting_compute_absent (m, item);
  g_assert_cmpuint (absent->len, ==, 2);
  g_assert_cmpstr (ref_participant_get_name (g_ptr_array_index (absent, 0)), ==, "Dorte Dahl");

  item = ref_meeting_find_item_by_number (m, 6);
  decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  vote = ref_decision_get_vote (decision);
  g_assert_nonnull (vote);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR), ==, 5);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_AGAINST), ==, 1);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_ABSTAIN), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ref_decision_get_statements (decision)), >=, 2);

  item = ref_meeting_find_item_by_number (m, 10);
  g_assert_cmpint (ref_agenda_item_get_kind (item), ==, REF_ITEM_KIND_SIGNATURE);
}

static void
test_stats_json (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) m = ref_sample_meeting_new (&error);
  g_autofree char *json = ref_meeting_stats_to_json (m);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"items\": 10,"));
  g_assert_nonnull (strstr (json, "\"open_items\": 10,"));
  g_assert_nonnull (strstr (json, "\"closed_items\": 0,"));
  g_assert_nonnull (strstr (json, "\"with_recommendation\": 9,"));
  g_assert_nonnull (strstr (json, "\"with_decision\": 9,"));
  g_assert_nonnull (strstr (json, "\"participants\": 10,"));
  g_assert_nonnull (strstr (json, "\"absent\": 2,"));
  /* The sample records no outcome: the wording gives it (two "Godkendt", seven "Taget til efterretning"). */
  g_assert_nonnull (strstr (json, "\"outcomes\": { \"approved\": 2, \"recommended\": 0, \"noted\": 7, "
                                "\"postponed\": 0, \"rejected\": 0, \"forwarded\": 0, \"unknown\": 0 },"));
}

static void
test_good_fixtures (void)
{
  const char *names[] = { "minimal.referat", "multi-decision.referat", "lists-tables.referat", "attendance.referat" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *rel = g_build_filename ("good", names[i], NULL);
      g_autofree char *path = fixture_path (rel);
      g_autoptr (RefMeeting) meeting = load_path (path);

      assert_round_trip (meeting, path);
    }
}

static void
test_attendance_fixture (void)
{
  g_autofree char *path = fixture_path ("good/attendance.referat");
  g_autoptr (RefMeeting) m = load_path (path);
  g_autofree char *json = ref_meeting_stats_to_json (m);
  gboolean any_substitute = FALSE, any_override = FALSE, any_disqualified = FALSE;
  GListModel *participants = ref_meeting_get_participants (m);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      if (ref_participant_get_substitute_for (p) != NULL)
        {
          any_substitute = TRUE;
          g_assert_true (ref_participant_get_substitute_approved (p));
          g_assert_true (ref_meeting_find_substitute (m, ref_participant_get_substitute_for (p)) == p);
        }
    }
  for (guint i = 0; i < ref_meeting_get_n_items (m); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (m), i);
      any_override |= ref_agenda_item_get_absence_overridden (item);
      any_disqualified |= g_list_model_get_n_items (ref_agenda_item_get_disqualifications (item)) > 0;
    }
  g_assert_true (any_substitute);
  g_assert_true (any_override);
  g_assert_true (any_disqualified);
  g_assert_nonnull (ref_meeting_get_end (m));
  g_assert_null (strstr (json, "\"substitutes\": 0,"));
  g_assert_null (strstr (json, "\"partial_attendance\": 0,"));
  g_assert_null (strstr (json, "\"disqualifications\": 0,"));
}

/* ---- bad files: the table in fixtures/xml/bad/README.md is the specification ---- */

typedef struct {
  char *file;
  char *code;
  int line;
} BadCase;

static GArray *
read_bad_cases (void)
{
  g_autofree char *readme = fixture_path ("bad/README.md");
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  GArray *cases = g_array_new (FALSE, TRUE, sizeof (BadCase));

  g_assert_true (g_file_get_contents (readme, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) cols = NULL;
      BadCase c = { 0 };

      if (!g_str_has_prefix (lines[i], "| `"))
        continue;
      cols = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cols), >=, 5);
      c.file = g_strdup (g_strstrip (cols[1]));
      c.code = g_strdup (g_strstrip (cols[3]));
      g_strdelimit (c.file, "`", ' ');
      g_strdelimit (c.code, "`", ' ');
      g_strstrip (c.file);
      g_strstrip (c.code);
      c.line = g_str_equal (g_strstrip (cols[4]), "-") ? 0 : atoi (cols[4]);
      g_array_append_val (cases, c);
    }
  return cases;
}

static int
error_code_from_name (const char *name)
{
  g_autoptr (GEnumClass) klass = NULL;
  static const char *const names[] = {
    "REF_XML_ERROR_IO",           "REF_XML_ERROR_NOT_WELL_FORMED",      "REF_XML_ERROR_ENCODING",
    "REF_XML_ERROR_WRONG_ROOT",   "REF_XML_ERROR_UNKNOWN_VERSION",      "REF_XML_ERROR_MISSING_ELEMENT",
    "REF_XML_ERROR_UNEXPECTED_ELEMENT", "REF_XML_ERROR_INVALID_VALUE",  "REF_XML_ERROR_INVALID_DATE",
    "REF_XML_ERROR_DUPLICATE_ITEM_NUMBER", "REF_XML_ERROR_DUPLICATE_ID", "REF_XML_ERROR_UNKNOWN_REFERENCE",
    "REF_XML_ERROR_TOO_LARGE",    "REF_XML_ERROR_ENTITY",
  };

  (void) klass;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  g_error ("unknown error code %s in README", name);
  return -1;
}

static void
test_bad_files (void)
{
  g_autoptr (GArray) cases = read_bad_cases ();

  g_assert_cmpuint (cases->len, >=, 15);
  for (guint i = 0; i < cases->len; i++)
    {
      BadCase *c = &g_array_index (cases, BadCase, i);
      g_autofree char *rel = g_build_filename ("bad", c->file, NULL);
      g_autofree char *path = fixture_path (rel);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (RefMeeting) meeting = ref_xml_load_file (file, &error);

      g_autoptr (GError) validate_error = NULL;
      g_autoptr (RefMeeting) validated = ref_xml_load_file_full (file, REF_XML_LOAD_VALIDATE, &validate_error);

      g_test_message ("%s: %s", c->file, error ? error->message : "(no error)");
      g_assert_null (meeting);
      g_assert_error (error, REF_XML_ERROR, error_code_from_name (c->code));
      /* With the schema checking in the same pass, the reader's own diagnosis stands. */
      g_assert_null (validated);
      g_assert_error (validate_error, REF_XML_ERROR, error_code_from_name (c->code));
      g_assert_cmpstr (validate_error->message, ==, error->message);
      /* Every message names the file, and the line where there is one. */
      g_assert_nonnull (strstr (error->message, c->file));
      if (c->line > 0)
        {
          g_autofree char *where = g_strdup_printf (", line %d:", c->line);
          if (strstr (error->message, where) == NULL)
            g_error ("%s: expected line %d in “%s”", c->file, c->line, error->message);
        }
      g_free (c->file);
      g_free (c->code);
    }
}

/* Empty bytes (which may have no data pointer at all) are an empty file. */
static void
test_empty_bytes (void)
{
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_xml_load_bytes (empty, "nothing.referat", &error);

  g_assert_null (meeting);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_NOT_WELL_FORMED);
  g_assert_cmpstr (error->message, ==, "nothing.referat: the file is empty");
}

/* REF_XML_LOAD_VALIDATE: the schema checks what the reader lets pass (an attribute
 * it does not know), in the same pass, for a file and for bytes alike; good files
 * and the writer's output pass. */
static void
test_validate_in_one_pass (void)
{
  static const char *const good[] = { "good/minimal.referat", "good/attendance.referat", "good/lists-tables.referat",
                                      "good/multi-decision.referat" };
  g_autofree char *minimal_path = fixture_path ("good/minimal.referat");
  g_autofree char *minimal = NULL;
  g_autofree char *dir = g_dir_make_tmp ("referent-validate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "extra-attribute.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GString) text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) lenient = NULL;
  g_autoptr (RefMeeting) strict = NULL;
  g_autoptr (RefMeeting) sample = NULL;
  g_autoptr (RefMeeting) reloaded = NULL;
  g_autoptr (GBytes) written = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *p = fixture_path (good[i]);
      g_autoptr (GFile) f = g_file_new_for_path (p);
      g_autoptr (RefMeeting) m = ref_xml_load_file_full (f, REF_XML_LOAD_VALIDATE, &error);

      g_assert_no_error (error);
      g_assert_nonnull (m);
    }

  sample = ref_sample_meeting_new (&error);
  g_assert_no_error (error);
  written = ref_xml_write_bytes (sample);
  reloaded = ref_xml_load_bytes_full (written, "written", REF_XML_LOAD_VALIDATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);

  g_assert_true (g_file_get_contents (minimal_path, &minimal, NULL, NULL));
  text = g_string_new (minimal);
  g_assert_cmpint (g_string_replace (text, "<item number=\"1\">", "<item number=\"1\" colour=\"red\">", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  bytes = g_bytes_new (text->str, text->len);

  lenient = ref_xml_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lenient);

  strict = ref_xml_load_file_full (file, REF_XML_LOAD_VALIDATE, &error);
  g_assert_null (strict);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "extra-attribute.referat does not match the Referent schema: line 13:"));
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);

  strict = ref_xml_load_bytes_full (bytes, "in memory", REF_XML_LOAD_VALIDATE, &error);
  g_assert_null (strict);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "in memory does not match the Referent schema: line 13:"));
  g_clear_error (&error);

  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
}

/* A file is streamed from disk in chunks: what is checked of bytes in memory is
 * checked of a stream too, wherever in the file it is and however the reads split
 * it. */
static void
test_streamed_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "stream.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) sample = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autoptr (RefMeeting) from_bytes = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GString) title = g_string_new (NULL);
  g_autofree char *text = NULL;
  gsize len;
  char *at;
  int line = 1;

  /* Three-byte and two-byte characters across every possible read boundary. */
  g_autofree char *sample_file = sample_path ();

  for (guint i = 0; i < 60000; i++)
    g_string_append (title, i % 3 ? "æ" : "€");
  sample = load_path (sample_file);
  ref_agenda_item_set_title (ref_meeting_find_item_by_number (sample, 3), title->str);
  g_assert_true (ref_xml_save_file (sample, file, &error));
  loaded = ref_xml_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (ref_model_equal (sample, loaded, NULL));
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  from_bytes = ref_xml_load_bytes (bytes, "bytes", &error);
  g_assert_true (ref_model_equal (loaded, from_bytes, NULL));

  /* One byte that is not UTF-8, far into the file: the line is named. */
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  at = strstr (text, "<item number=\"9\"");
  g_assert_nonnull (at);
  at = strstr (at, "<title>") + strlen ("<title>");
  *at = (char) 0xff;
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  g_assert_true (g_file_set_contents (path, text, len, NULL));
  g_clear_object (&loaded);
  loaded = ref_xml_load_file (file, &error);
  g_assert_null (loaded);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_ENCODING);
  {
    g_autofree char *where = g_strdup_printf (", line %d:", line);
    g_assert_nonnull (strstr (error->message, where));
  }
  g_clear_error (&error);

  /* Cut in the middle of a character, then in the middle of the items. */
  at = strstr (text, "æ");
  g_assert_true (g_file_set_contents (path, text, at - text + 1, NULL));
  loaded = ref_xml_load_file (file, &error);
  g_assert_null (loaded);
  g_assert_true (error->code == REF_XML_ERROR_ENCODING || error->code == REF_XML_ERROR_NOT_WELL_FORMED);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, text, len / 2, NULL));
  loaded = ref_xml_load_file (file, &error);
  g_assert_null (loaded);
  g_clear_error (&error);

  /* A document type declaration after a long comment is still found. */
  {
    g_autoptr (GString) doc = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ");
    for (guint i = 0; i < 5000; i++)
      g_string_append (doc, "fyld fyld ");
    g_string_append (doc, "-->\n<!DOCTYPE referat [<!ENTITY a \"b\">]>\n<referat xmlns=\"urn:referent:referat:1\" "
                          "version=\"1.0\">&a;</referat>\n");
    g_assert_true (g_file_set_contents (path, doc->str, doc->len, NULL));
    loaded = ref_xml_load_file (file, &error);
    g_assert_null (loaded);
    g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_ENTITY);
  }
  g_remove (path);
  g_rmdir (dir);
}

/* Bytes that are not UTF-8 (or a NUL) at every position within a run of ASCII, as the
 * reader checks most bytes eight at a time: each is refused, its line named. */
/* A list without entries or a table without cells has no place in the schema. The
 * writer leaves one out (nothing in Referent makes one now, but the case-system
 * import once did), and the reader leaves one out of a file saved back then, so the
 * file opens and is written back valid. */
static void
test_writer_leaves_out_empty_blocks (void)
{
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autoptr (GDateTime) start = g_date_time_new_local (2025, 5, 6, 13, 0, 0);
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Udvalget besluttede:");
  g_autoptr (RefText) only_empty = ref_text_new ();
  g_autoptr (GBytes) written = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autoptr (RefAgendaItem) again = NULL;
  g_autoptr (RefSection) first = NULL;
  g_autoptr (RefSection) second = NULL;
  RefTextBlock *table;

  ref_meeting_set_committee (meeting, "Socialudvalget");
  ref_meeting_set_start (meeting, start);
  ref_agenda_item_set_number (item, 1);
  ref_agenda_item_set_title (item, "Meddelelser");
  ref_meeting_add_item (meeting, item);
  ref_text_append_block (text, REF_BLOCK_NUMBERED_LIST);
  table = ref_text_append_block (text, REF_BLOCK_TABLE);
  ref_text_inline_append (ref_text_row_append_cell (ref_text_block_append_row (table, TRUE)), "År", REF_STYLE_NONE,
                          NULL);
  ref_text_block_append_row (table, FALSE);
  ref_text_append_block (only_empty, REF_BLOCK_TABLE);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_ECONOMY, NULL, only_empty);

  written = ref_xml_write_bytes (meeting);
  g_assert_true (ref_xml_validate_bytes (written, "guard.referat", &error));
  g_assert_no_error (error);
  loaded = ref_xml_load_bytes (written, "guard.referat", &error);
  g_assert_no_error (error);
  again = g_list_model_get_item (ref_meeting_get_items (loaded), 0);
  first = g_list_model_get_item (ref_agenda_item_get_sections (again), 0);
  second = g_list_model_get_item (ref_agenda_item_get_sections (again), 1);
  /* The paragraph and the table's one row with a cell. */
  g_assert_cmpuint (ref_text_get_n_blocks (ref_section_get_text (first)), ==, 2);
  g_assert_cmpuint (ref_text_block_get_n_rows (ref_text_get_block (ref_section_get_text (first), 1)), ==, 1);
  g_assert_cmpuint (ref_text_get_n_blocks (ref_section_get_text (second)), ==, 0);

  /* The file an earlier Referent wrote, with the empty blocks. */
  {
    g_autofree char *path = fixture_path ("good/minimal.referat");
    g_autofree char *minimal = NULL;
    g_autoptr (GString) xml = NULL;
    g_autoptr (GBytes) bytes = NULL;
    g_autoptr (GBytes) rewritten = NULL;
    g_autoptr (RefMeeting) old = NULL;
    g_autoptr (RefAgendaItem) old_item = NULL;
    g_autoptr (RefSection) old_section = NULL;
    RefText *old_text;

    g_assert_true (g_file_get_contents (path, &minimal, NULL, NULL));
    xml = g_string_new (minimal);
    g_assert_cmpuint (g_string_replace (xml, "<title>Meddelelser</title>",
                                        "<title>Meddelelser</title><sections><section kind=\"case\"><text>"
                                        "<p>Udvalget besluttede:</p><ol start=\"20\">\n</ol><ul/>"
                                        "<table><row header=\"true\"><cell>År</cell></row><row>  </row></table>"
                                        "<table><!-- tom --><row/></table></text></section></sections>",
                                        1),
                      ==, 1);
    bytes = g_bytes_new (xml->str, xml->len);
    g_assert_false (ref_xml_validate_bytes (bytes, "old.referat", NULL));
    old = ref_xml_load_bytes (bytes, "old.referat", &error);
    g_assert_no_error (error);
    old_item = g_list_model_get_item (ref_meeting_get_items (old), 0);
    old_section = g_list_model_get_item (ref_agenda_item_get_sections (old_item), 0);
    old_text = ref_section_get_text (old_section);
    g_assert_cmpuint (ref_text_get_n_blocks (old_text), ==, 2);
    g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (old_text, 1)), ==, REF_BLOCK_TABLE);
    g_assert_cmpuint (ref_text_block_get_n_rows (ref_text_get_block (old_text, 1)), ==, 1);
    rewritten = ref_xml_write_bytes (old);
    g_assert_true (ref_xml_validate_bytes (rewritten, "rewritten.referat", &error));
    g_assert_no_error (error);
  }
}

/* The reader takes exactly the links the schema takes, so whatever it loads is
 * written back as a file that validates (found by fuzz-xml-reader: a port that is
 * not a number loaded, and the rewritten file failed `referent-cli validate`). */
static void
test_link_addresses (void)
{
  static const struct {
    const char *href;
    gboolean valid;
    gboolean safe; /* a web or mail address: what the editor, importers and export link */
  } cases[] = {
    { "https://ballerup.dk/borger", TRUE, TRUE },
    { "https://ballerup.dk:8443/x?a=1#b", TRUE, TRUE },
    { "mailto:sekretariat@ballerup.dk", TRUE, TRUE },
    { "HTTP://BALLERUP.DK", TRUE, TRUE },
    { "bilag/1.pdf", TRUE, FALSE },
    { "javascript:alert(1)", TRUE, FALSE },
    { "file:///etc/passwd", TRUE, FALSE },
    { "https://ballerup.dk/æøå", TRUE, TRUE },
    { "https://bal:lerup.dk/pension", FALSE, FALSE },
    { "http://a:b:c", FALSE, FALSE },
    { "https://Item><Caption>X</Caption><![CDATA[", FALSE, FALSE },
    { "%zz", FALSE, FALSE },
  };
  g_autofree char *path = fixture_path ("good/minimal.referat");
  g_autofree char *minimal = NULL;

  g_assert_true (g_file_get_contents (path, &minimal, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (cases[i].href, -1);
      g_autofree char *decision = g_strdup_printf ("<title>Meddelelser</title>\n      <decisions><decision><text>"
                                                   "<p><a href=\"%s\">se</a></p></text></decision></decisions>",
                                                   escaped);
      g_autoptr (GString) xml = g_string_new (minimal);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) schema_error = NULL;
      g_autoptr (RefMeeting) meeting = NULL;

      g_test_message ("%s", cases[i].href);
      g_assert_cmpint (ref_xml_link_is_valid (cases[i].href), ==, cases[i].valid);
      g_assert_cmpint (ref_xml_link_is_safe (cases[i].href), ==, cases[i].safe);
      g_assert_cmpuint (g_string_replace (xml, "<title>Meddelelser</title>", decision, 1), ==, 1);
      bytes = g_bytes_new (xml->str, xml->len);
      /* The schema alone agrees with the check. */
      g_assert_cmpint (ref_xml_validate_bytes (bytes, "link.referat", &schema_error), ==, cases[i].valid);
      meeting = ref_xml_load_bytes (bytes, "link.referat", &error);
      if (cases[i].valid)
        {
          g_autoptr (GBytes) written = NULL;
          g_autoptr (GError) rewrite_error = NULL;

          g_assert_no_error (error);
          written = ref_xml_write_bytes (meeting);
          g_assert_true (ref_xml_validate_bytes (written, "written.referat", &rewrite_error));
        }
      else
        {
          g_assert_null (meeting);
          g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_INVALID_VALUE);
          g_assert_nonnull (strstr (error->message, "link.referat, line 15:"));
        }
    }
}

static void
test_bad_bytes_in_ascii (void)
{
  static const char *const bad[] = { "\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80" };
  g_autofree char *sample_file = sample_path ();
  g_autofree char *text = NULL;
  gsize len;
  const char *at;
  int line = 1;

  g_assert_true (g_file_get_contents (sample_file, &text, &len, NULL));
  at = strstr (text, "<item number=\"3\"");
  g_assert_nonnull (at);
  at = strstr (at, "<title>") + strlen ("<title>");
  for (const char *p = text; p < at; p++)
    line += *p == '\n';

  for (gsize b = 0; b <= G_N_ELEMENTS (bad); b++)
    for (gsize k = 0; k < 17; k++)
      {
        g_autoptr (GString) doc = g_string_new_len (text, at - text);
        g_autoptr (GBytes) bytes = NULL;
        g_autoptr (GError) error = NULL;
        g_autoptr (RefMeeting) loaded = NULL;
        g_autofree char *where = NULL;

        g_string_append_len (doc, "abcdefghijklmnopq", k);
        if (b < G_N_ELEMENTS (bad))
          g_string_append (doc, bad[b]);
        else
          g_string_append_len (doc, "\0", 1);
        g_string_append (doc, at);
        bytes = g_bytes_new (doc->str, doc->len);
        loaded = ref_xml_load_bytes (bytes, "bytes", &error);
        g_assert_null (loaded);
        g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_ENCODING);
        where = g_strdup_printf (", line %d:", line);
        if (strstr (error->message, where) == NULL)
          g_error ("bad byte %" G_GSIZE_FORMAT " after %" G_GSIZE_FORMAT " letters: “%s”", b, k, error->message);
      }
}

static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  FILE *f = fopen (path, "w");
  char block[4096];

  memset (block, 'x', sizeof block);
  fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<referat xmlns=\"urn:referent:referat:1\" version=\"1.0\">"
         "<meeting kind=\"minutes\" edition=\"public\"><committee>", f);
  for (gsize written = 0; written <= REF_XML_MAX_FILE_SIZE; written += sizeof block)
    fwrite (block, 1, sizeof block, f);
  fputs ("</committee></meeting></referat>\n", f);
  fclose (f);

  meeting = ref_xml_load_file (file, &error);
  g_assert_null (meeting);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_TOO_LARGE);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_deep_inline_nesting (void)
{
  g_autoptr (GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<referat xmlns=\"urn:referent:referat:1\" version=\"1.0\">"
                                          "<meeting kind=\"minutes\" edition=\"public\"><committee>U</committee>"
                                          "<start>2025-01-01T10:00</start><remarks><text><p>");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (xml, "<b>");
  g_string_append (xml, "deep");
  for (int i = 0; i < 200; i++)
    g_string_append (xml, "</b>");
  g_string_append (xml, "</p></text></remarks></meeting><participants/><items/></referat>\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&xml));
  meeting = ref_xml_load_bytes (bytes, "deep.referat", &error);
  g_assert_null (meeting);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_TOO_LARGE);
}

static void
test_missing_file (void)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/dir/møde.referat");
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = ref_xml_load_file (file, &error);

  g_assert_null (meeting);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "møde.referat"));
}

/* A model built in code with every feature, control characters and markup-like text. */
static RefMeeting *
build_edge_meeting (void)
{
  RefMeeting *m = ref_meeting_new ();
  g_autoptr (RefParticipant) a = ref_participant_new ();
  g_autoptr (RefParticipant) b = ref_participant_new ();
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefDecision) d1 = ref_decision_new ();
  g_autoptr (RefDecision) d2 = ref_decision_new ();
  g_autoptr (RefStatement) st = ref_statement_new ();
  g_autoptr (RefVote) vote = ref_vote_new (3, 0, -1);
  g_autoptr (RefText) text = ref_text_new ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (2024, 2, 29, 9, 5, 0);
  g_autoptr (GDateTime) day = g_date_time_new_utc (2024, 2, 29, 0, 0, 0);
  g_autoptr (RefText) plain = ref_text_new_from_plain ("Første afsnit\nmed linjeskift\n\n- punkt æ\n- punkt ø\n\n"
                                                       "4. fire\n5. fem\n\nA\tB\n1\t2");
  const char *route[] = { "Udvalget for Læring", "Økonomiudvalget", "Kommunalbestyrelsen", NULL };
  RefTextBlock *block;

  ref_meeting_set_committee (m, "Ældre- & Sundhedsudvalget <ÆSU>");
  ref_meeting_set_organisation (m, "Høje-Taastrup Kommune");
  ref_meeting_set_start (m, start);
  ref_participant_set_name (a, "Åse \"Quote\" Ørsted");
  ref_participant_set_party (a, "Løsgænger");
  ref_participant_set_attendance (a, REF_ATTENDANCE_ABSENT);
  ref_participant_set_notice (a, REF_NOTICE_WITHOUT);
  ref_participant_set_name (b, "Bo Bech");
  ref_participant_set_participant_type (b, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  ref_participant_set_attendance (b, REF_ATTENDANCE_PARTIAL);
  ref_participant_set_substitute_for (b, a);
  ref_participant_add_movement (b, REF_MOVEMENT_KIND_LEFT, 5, TRUE, 18 * 60 + 40);
  ref_meeting_add_participant (m, a);
  ref_meeting_add_participant (m, b);

  block = ref_text_append_block (text, REF_BLOCK_PARAGRAPH);
  {
    RefTextInline *inl = ref_text_block_append_item (block);
    ref_text_inline_append (inl, "Tab\there, bell\a dropped, ", REF_STYLE_NONE, NULL);
    ref_text_inline_append (inl, "fed", REF_STYLE_BOLD | REF_STYLE_ITALIC, NULL);
    ref_text_inline_append (inl, " link", REF_STYLE_NONE, "https://example.org/?a=1&b=2");
  }
  ref_agenda_item_set_number (item, 82);
  ref_agenda_item_set_title (item, "");
  ref_agenda_item_set_closed (item, TRUE);
  ref_agenda_item_set_public_title (item, "Lukket punkt");
  ref_agenda_item_set_case_route (item, route);
  ref_agenda_item_set_case_type (item, REF_CASE_TYPE_ORIENTATION);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_FREE, "Særlig overskrift", text);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, plain);
  ref_decision_set_deciding_body (d1, "Ældre- og Sundhedsudvalget");
  ref_decision_set_date (d1, day);
  ref_decision_set_text (d1, plain);
  ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "A (V)");
  ref_decision_set_vote (d1, vote);
  ref_statement_set_kind (st, REF_STATEMENT_KIND_PROTOCOL);
  ref_statement_set_by (st, "Venstre");
  ref_statement_set_participant (st, b);
  ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (d1)), st);
  ref_decision_set_deciding_body (d2, "Socialudvalget");
  ref_agenda_item_add_decision (item, d1);
  ref_agenda_item_add_decision (item, d2);
  ref_agenda_item_set_absence_overridden (item, TRUE);
  {
    g_autoptr (RefComment) general = ref_comment_new ();
    g_autoptr (RefComment) on_section = ref_comment_new ();
    g_autoptr (RefSection) second = g_list_model_get_item (ref_agenda_item_get_sections (item), 1);
    g_autoptr (GDateTime) when = g_date_time_new_utc (2024, 2, 28, 16, 30, 0);

    ref_comment_set_author (general, "Jens \"JH\" Hansen");
    ref_comment_set_text (general, "Mangler <bilag> & økonomi?");
    ref_comment_set_author (on_section, "Åse");
    ref_comment_set_time (on_section, when);
    ref_comment_set_text (on_section, "Tjek beløbet");
    ref_comment_set_section (on_section, second);
    ref_comment_set_resolved (on_section, TRUE);
    g_autoptr (RefComment) on_decision = ref_comment_new ();
    g_autoptr (RefComment) on_recommendation = ref_comment_new ();
    g_autoptr (RefRecommendation) rec = ref_recommendation_new ();

    g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), general);
    g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), on_section);
    /* Comments on the second decision and on the recommendation. */
    ref_recommendation_set_intro (rec, "indstiller, at");
    ref_agenda_item_set_recommendation (item, rec);
    ref_comment_set_author (on_decision, "Åse");
    ref_comment_set_text (on_decision, "Er det Socialudvalget?");
    ref_comment_set_decision (on_decision, d2);
    ref_comment_set_author (on_recommendation, "Åse");
    ref_comment_set_text (on_recommendation, "Punkt 2 mangler");
    ref_comment_set_recommendation (on_recommendation, TRUE);
    g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), on_decision);
    g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), on_recommendation);
  }
  ref_meeting_add_item (m, item);
  return m;
}

/* The exact escaping, in content, in attributes and in text runs: the writer copies
 * runs of plain bytes at once, and must still treat every special byte as before. */
static void
test_escaping_bytes (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefComment) comment = ref_comment_new ();
  g_autoptr (RefText) text = ref_text_new ();
  g_autoptr (GBytes) bytes = NULL;
  const char *xml;
  RefTextInline *inl;

  ref_participant_set_name (p, "A\"B\tC\rD\001E<F>&G\x7fH æ");
  ref_meeting_add_participant (m, p);
  inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));
  ref_text_inline_append (inl, "a\nb<c\n", REF_STYLE_NONE, "https://x/?q=\"1\"&r=\t");
  ref_agenda_item_set_number (item, 1);
  ref_agenda_item_set_title (item, "Plain title, nothing to escape");
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
  ref_comment_set_author (comment, "x\"y\tz\nw\r\002<&>");
  ref_comment_set_text (comment, "t");
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), comment);
  ref_meeting_add_item (m, item);
  bytes = ref_xml_write_bytes (m);
  xml = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (xml, "<name>A\"B\tC&#13;DE&lt;F&gt;&amp;G\x7fH æ</name>\n"));
  g_assert_nonnull (strstr (xml, "<p><a href=\"https://x/?q=&quot;1&quot;&amp;r=&#9;\">a<br/>b&lt;c<br/></a></p>\n"));
  g_assert_nonnull (strstr (xml, "<comment author=\"x&quot;y&#9;z&#10;w&#13;&lt;&amp;&gt;\">t</comment>\n"));
  g_assert_nonnull (strstr (xml, "    <title>Plain title, nothing to escape</title>\n"));
}

/* Every ASCII byte at every position of a 40-byte string, in content and in an
 * attribute, against the escaping rules spelt out here: the writer looks at sixteen
 * bytes at a time, then eight, and must find a special byte wherever it is. */
static void
test_escaping_every_position (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefComment) comment = ref_comment_new ();

  ref_meeting_add_participant (m, p);
  ref_agenda_item_set_number (item, 1);
  ref_comment_set_text (comment, "t");
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), comment);
  ref_meeting_add_item (m, item);
  for (int c = 1; c < 128; c++)
    for (int at = 0; at < 40; at++)
      {
        char value[41] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
        g_autoptr (GString) content = g_string_new ("<name>");
        g_autoptr (GString) attribute = g_string_new ("<comment author=\"");
        g_autoptr (GBytes) bytes = NULL;

        value[at] = (char) c;
        for (int i = 0; i < 40; i++)
          {
            char b = value[i];

            if (b == '&' || b == '<' || b == '>' || b == '\r')
              {
                const char *ref = b == '&' ? "&amp;" : b == '<' ? "&lt;" : b == '>' ? "&gt;" : "&#13;";
                g_string_append (content, ref);
                g_string_append (attribute, ref);
              }
            else if (b == '"' || b == '\t' || b == '\n')
              {
                g_string_append_c (content, b);
                g_string_append (attribute, b == '"' ? "&quot;" : b == '\t' ? "&#9;" : "&#10;");
              }
            else if ((guchar) b >= 0x20)
              {
                g_string_append_c (content, b);
                g_string_append_c (attribute, b);
              }
          }
        g_string_append (content, "</name>");
        g_string_append (attribute, "\">t</comment>");
        ref_participant_set_name (p, value);
        ref_comment_set_author (comment, value);
        bytes = ref_xml_write_bytes (m);
        g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), content->str));
        g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), attribute->str));
      }
}

static void
test_edge_model_round_trip (void)
{
  g_autoptr (RefMeeting) m = build_edge_meeting ();
  g_autoptr (GBytes) bytes = ref_xml_write_bytes (m);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) again = ref_xml_load_bytes (bytes, "edge", &error);
  g_autoptr (RefAgendaItem) item = NULL;
  g_autoptr (RefSection) section = NULL;
  g_autofree char *plain = NULL;

  g_assert_no_error (error);
  ref_xml_validate_bytes (bytes, "edge", &error);
  g_assert_no_error (error);
  item = g_list_model_get_item (ref_meeting_get_items (again), 0);
  section = g_list_model_get_item (ref_agenda_item_get_sections (item), 0);
  plain = ref_text_to_plain (ref_section_get_text (section));
  /* The control character is dropped, everything else kept. */
  g_assert_cmpstr (plain, ==, "Tab\there, bell dropped, fed link");
  g_assert_cmpstr (ref_meeting_get_committee (again), ==, "Ældre- & Sundhedsudvalget <ÆSU>");
  g_assert_true (ref_agenda_item_get_absence_overridden (item));
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_absence_override (item)), ==, 0);
  /* Comments survive, and a section comment points at the loaded section itself. */
  {
    GListModel *comments = ref_agenda_item_get_comments (item);
    g_autoptr (RefComment) general = g_list_model_get_item (comments, 0);
    g_autoptr (RefComment) on_section = g_list_model_get_item (comments, 1);
    g_autoptr (RefSection) second = g_list_model_get_item (ref_agenda_item_get_sections (item), 1);
    g_autoptr (RefAgendaItem) copy = ref_model_copy (item);
    g_autoptr (RefComment) copied = g_list_model_get_item (ref_agenda_item_get_comments (copy), 1);
    g_autoptr (RefSection) copied_second = g_list_model_get_item (ref_agenda_item_get_sections (copy), 1);

    g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 4);
    g_assert_cmpstr (ref_comment_get_text (general), ==, "Mangler <bilag> & økonomi?");
    g_assert_null (ref_comment_get_section (general));
    g_assert_null (ref_comment_get_time (general));
    g_assert_false (ref_comment_get_resolved (general));
    g_assert_true (ref_comment_get_section (on_section) == second);
    g_assert_true (ref_comment_get_resolved (on_section));
    g_assert_nonnull (ref_comment_get_time (on_section));
    /* A copied item's comment points at the copied section. */
    g_assert_true (ref_comment_get_section (copied) == copied_second);
  }
  /* … and one on a decision at the loaded decision, in a copy at the copied one. */
  {
    GListModel *comments = ref_agenda_item_get_comments (item);
    g_autoptr (RefComment) on_decision = g_list_model_get_item (comments, 2);
    g_autoptr (RefComment) on_recommendation = g_list_model_get_item (comments, 3);
    g_autoptr (RefDecision) d2 = g_list_model_get_item (ref_agenda_item_get_decisions (item), 1);
    g_autoptr (RefAgendaItem) copy = ref_model_copy (item);
    g_autoptr (RefComment) copied = g_list_model_get_item (ref_agenda_item_get_comments (copy), 2);
    g_autoptr (RefDecision) copied_d2 = g_list_model_get_item (ref_agenda_item_get_decisions (copy), 1);

    g_assert_true (ref_comment_get_decision (on_decision) == d2);
    g_assert_null (ref_comment_get_section (on_decision));
    g_assert_false (ref_comment_get_recommendation (on_decision));
    g_assert_true (ref_comment_get_recommendation (on_recommendation));
    g_assert_null (ref_comment_get_decision (on_recommendation));
    g_assert_true (ref_comment_get_decision (copied) == copied_d2);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    "<comment author=\"Åse\" decision=\"2\">Er det Socialudvalget?</comment>"));
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    "recommendation=\"true\">Punkt 2 mangler</comment>"));
  }
  /* Apart from the dropped character, the models are equal. */
  assert_round_trip (again, "edge");
}

/* locked and void are written only when true and read back. */
static void
test_locked_and_void_round_trip (void)
{
  g_autoptr (RefMeeting) m = build_edge_meeting ();
  g_autoptr (RefApproval) kept = ref_approval_new ();
  g_autoptr (RefApproval) voided = ref_approval_new ();
  g_autoptr (GDateTime) when = g_date_time_new_utc (2024, 3, 1, 9, 12, 0);
  g_autoptr (GBytes) plain = ref_xml_write_bytes (m);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RefMeeting) again = NULL;
  g_autoptr (RefApproval) read_kept = NULL, read_voided = NULL;
  g_autoptr (GError) error = NULL;
  const char *text;

  g_assert_null (g_strstr_len (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "locked="));
  ref_meeting_set_locked (m, TRUE);
  ref_approval_set_time (kept, when);
  ref_approval_set_signer (kept, "Anna Andersen");
  ref_approval_set_time (voided, when);
  ref_approval_set_signer (voided, "Bo Bech");
  ref_approval_set_voided (voided, TRUE);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (m)), kept);
  g_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (m)), voided);
  bytes = ref_xml_write_bytes (m);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (text, "<meeting kind=\"minutes\" edition=\"public\" locked=\"true\">"));
  g_assert_nonnull (strstr (text, "time=\"2024-03-01T09:12\" void=\"true\">"));
  g_assert_null (strstr (strstr (text, "void=") + 1, "void="));

  again = ref_xml_load_bytes (bytes, "locked", &error);
  g_assert_no_error (error);
  g_assert_true (ref_meeting_get_locked (again));
  read_kept = g_list_model_get_item (ref_meeting_get_approvals (again), 0);
  read_voided = g_list_model_get_item (ref_meeting_get_approvals (again), 1);
  g_assert_false (ref_approval_get_voided (read_kept));
  g_assert_true (ref_approval_get_voided (read_voided));
  assert_round_trip (again, "locked");
}


/* The outcome of a decision is written only when recorded, read back as recorded,
 * and a file without it (written before the model had one) reads as NONE and is saved
 * again without it: nothing is inferred into the signed content. Readers that need an
 * outcome then go by the wording. */
static void
test_decision_outcome (void)
{
  static const char old_file[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<referat xmlns=\"urn:referent:referat:1\" version=\"1.0\">\n"
      "  <meeting kind=\"minutes\" edition=\"public\">\n"
      "    <committee>Socialudvalget</committee>\n"
      "    <start>2025-05-06T13:00</start>\n"
      "  </meeting>\n"
      "  <participants/>\n"
      "  <items>\n"
      "    <item number=\"1\">\n"
      "      <title>Meddelelser</title>\n"
      "      <decisions>\n"
      "        <decision body=\"Socialudvalget\">\n"
      "          <text><p>Taget til efterretning.</p></text>\n"
      "        </decision>\n"
      "        <decision>\n"
      "          <text><p>Drøftet.</p></text>\n"
      "          <vote for=\"5\" against=\"2\"><outcome>Indstillingen blev dermed godkendt.</outcome></vote>\n"
      "        </decision>\n"
      "      </decisions>\n"
      "    </item>\n"
      "  </items>\n"
      "</referat>\n";
  g_autoptr (GBytes) old_bytes = g_bytes_new_static (old_file, sizeof old_file - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) m = ref_xml_load_bytes (old_bytes, "old", &error);
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GBytes) recorded = NULL;
  g_autoptr (RefMeeting) reread = NULL;
  g_autoptr (RefDecision) first = NULL, second = NULL, reread_first = NULL;
  RefAgendaItem *item;

  g_assert_no_error (error);
  item = ref_meeting_find_item_by_number (m, 1);
  first = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  second = g_list_model_get_item (ref_agenda_item_get_decisions (item), 1);
  g_assert_cmpint (ref_decision_get_outcome (first), ==, REF_DECISION_OUTCOME_NONE);
  g_assert_cmpint (ref_decision_get_outcome (second), ==, REF_DECISION_OUTCOME_NONE);
  /* The fallback: the text, then the vote's outcome line. */
  g_assert_cmpint (ref_caption_outcome_of_decision (first), ==, REF_DECISION_OUTCOME_NOTED);
  g_assert_cmpint (ref_caption_outcome_of_decision (second), ==, REF_DECISION_OUTCOME_APPROVED);
  again = ref_xml_write_bytes (m);
  g_assert_null (g_strstr_len (g_bytes_get_data (again, NULL), g_bytes_get_size (again), "outcome=\""));
  assert_round_trip (m, "old");

  /* Recorded, the model is the authority, even against the wording. */
  ref_decision_set_outcome (first, REF_DECISION_OUTCOME_POSTPONED);
  g_assert_cmpint (ref_caption_outcome_of_decision (first), ==, REF_DECISION_OUTCOME_POSTPONED);
  recorded = ref_xml_write_bytes (m);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (recorded, NULL), g_bytes_get_size (recorded),
                                  "<decision body=\"Socialudvalget\" outcome=\"postponed\">"));
  reread = ref_xml_load_bytes (recorded, "recorded", &error);
  g_assert_no_error (error);
  reread_first = g_list_model_get_item (ref_agenda_item_get_decisions (ref_meeting_find_item_by_number (reread, 1)), 0);
  g_assert_cmpint (ref_decision_get_outcome (reread_first), ==, REF_DECISION_OUTCOME_POSTPONED);
  assert_round_trip (reread, "recorded");

  /* Every outcome has its nick in the file format. */
  for (int o = REF_DECISION_OUTCOME_APPROVED; o <= REF_DECISION_OUTCOME_FORWARDED; o++)
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (RefMeeting) back = NULL;
      g_autoptr (RefDecision) d = NULL;

      ref_decision_set_outcome (first, o);
      bytes = ref_xml_write_bytes (m);
      ref_xml_validate_bytes (bytes, "outcome", &error);
      g_assert_no_error (error);
      back = ref_xml_load_bytes (bytes, "outcome", &error);
      g_assert_no_error (error);
      d = g_list_model_get_item (ref_agenda_item_get_decisions (ref_meeting_find_item_by_number (back, 1)), 0);
      g_assert_cmpint (ref_decision_get_outcome (d), ==, o);
      g_assert_cmpstr (ref_enum_to_nick (REF_TYPE_DECISION_OUTCOME, o), ==, ref_caption_outcome_to_nick (o));
    }
}

/* The language of the minutes: Danish unless the file says otherwise, written only
 * when it is not Danish, validated by the schema; a bad code is an error naming it. */
static void
test_language (void)
{
  static const char bad_file[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<referat xmlns=\"urn:referent:referat:1\" version=\"1.0\">\n"
      "  <meeting kind=\"minutes\" edition=\"public\" language=\"da DK\">\n"
      "    <committee>Socialudvalget</committee>\n"
      "    <start>2025-05-06T13:00</start>\n"
      "  </meeting>\n"
      "  <participants/>\n"
      "  <items/>\n"
      "</referat>\n";
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (GBytes) danish = NULL;
  g_autoptr (GBytes) english = NULL;
  g_autoptr (GBytes) bad = g_bytes_new_static (bad_file, sizeof bad_file - 1);
  g_autoptr (RefMeeting) back = NULL;
  g_autoptr (RefMeeting) broken = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) start = g_date_time_new_utc (2025, 5, 6, 13, 0, 0);

  ref_meeting_set_committee (m, "Socialudvalget");
  ref_meeting_set_start (m, start);
  g_assert_cmpstr (ref_meeting_get_language (m), ==, "");
  danish = ref_xml_write_bytes (m);
  g_assert_null (g_strstr_len (g_bytes_get_data (danish, NULL), g_bytes_get_size (danish), "language="));

  ref_meeting_set_language (m, "en");
  g_assert_cmpstr (ref_meeting_get_language (m), ==, "en");
  english = ref_xml_write_bytes (m);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (english, NULL), g_bytes_get_size (english), " language=\"en\""));
  ref_xml_validate_bytes (english, "english", &error);
  g_assert_no_error (error);
  back = ref_xml_load_bytes (english, "english", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ref_meeting_get_language (back), ==, "en");
  assert_round_trip (back, "english");
  /* Back to Danish: stored as the default. */
  ref_meeting_set_language (back, "DA");
  g_assert_cmpstr (ref_meeting_get_language (back), ==, "");

  broken = ref_xml_load_bytes (bad, "bad-language.referat", &error);
  g_assert_null (broken);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "da DK"));
  g_assert_nonnull (strstr (error->message, "bad-language.referat"));
}

static void
test_save_atomic_with_backup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "møde.referat", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) m = ref_sample_meeting_new (&error);
  g_autoptr (RefMeeting) loaded = NULL;
  g_autofree char *first = NULL, *second = NULL, *old = NULL;

  g_assert_no_error (error);
  ref_meeting_set_location (m, "Rådhuset");
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (m)));
  g_assert_true (ref_xml_save_file (m, file, &error));
  g_assert_no_error (error);
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (m)));
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));

  ref_meeting_set_location (m, "Byrådssalen");
  g_assert_true (ref_xml_save_file (m, file, &error));
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));
  g_assert_true (g_file_get_contents (backup, &old, NULL, NULL));
  g_assert_cmpstr (old, ==, first);
  g_assert_cmpstr (first, !=, second);

  loaded = ref_xml_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ref_meeting_get_location (loaded), ==, "Byrådssalen");

  g_unlink (backup);
  g_unlink (path);
  g_rmdir (dir);
}

/* A location that cannot be written: a read-only directory for normal users, and,
 * since root ignores permissions, a "directory" that is really a file. */
static void
test_save_unwritable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-ro-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) m = ref_sample_meeting_new (&error);
  gboolean as_root = geteuid () == 0;

  g_assert_no_error (error);
  if (as_root)
    {
      g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
      path = g_build_filename (blocker, "x.referat", NULL);
    }
  else
    {
      path = g_build_filename (dir, "x.referat", NULL);
      g_chmod (dir, 0500);
    }
  file = g_file_new_for_path (path);
  ref_meeting_set_location (m, "Rådhuset");
  g_assert_false (ref_xml_save_file (m, file, &error));
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "x.referat"));
  /* The document is still there and still modified. */
  g_assert_true (ref_history_get_modified (ref_meeting_get_history (m)));
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset");
  g_chmod (dir, 0700);
  g_unlink (blocker);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("referent-xml");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/sample/round-trip", test_sample_round_trip);
  g_test_add_func ("/xml/sample/resource", test_sample_resource);
  g_test_add_func ("/xml/sample/content", test_sample_content);
  g_test_add_func ("/xml/stats/sample", test_stats_json);
  g_test_add_func ("/xml/good/round-trip", test_good_fixtures);
  g_test_add_func ("/xml/good/attendance", test_attendance_fixture);
  g_test_add_func ("/xml/bad/fixtures", test_bad_files);
  g_test_add_func ("/xml/validate/one-pass", test_validate_in_one_pass);
  g_test_add_func ("/xml/bad/empty-bytes", test_empty_bytes);
  g_test_add_func ("/xml/bad/too-large", test_too_large);
  g_test_add_func ("/xml/bad/bytes-in-ascii", test_bad_bytes_in_ascii);
  g_test_add_func ("/xml/bad/link-addresses", test_link_addresses);
  g_test_add_func ("/xml/writer-leaves-out-empty-blocks", test_writer_leaves_out_empty_blocks);
  g_test_add_func ("/xml/streamed-file", test_streamed_file);
  g_test_add_func ("/xml/bad/deep-nesting", test_deep_inline_nesting);
  g_test_add_func ("/xml/bad/missing-file", test_missing_file);
  g_test_add_func ("/xml/edge/round-trip", test_edge_model_round_trip);
  g_test_add_func ("/xml/edge/escaping", test_escaping_bytes);
  g_test_add_func ("/xml/edge/escaping-every-position", test_escaping_every_position);
  g_test_add_func ("/xml/locked-and-void", test_locked_and_void_round_trip);
  g_test_add_func ("/xml/decision-outcome", test_decision_outcome);
  g_test_add_func ("/xml/language", test_language);
  g_test_add_func ("/xml/save/atomic-backup", test_save_atomic_with_backup);
  g_test_add_func ("/xml/save/unwritable", test_save_unwritable);

  return ref_test_run_and_clean (tmp_root);
}
