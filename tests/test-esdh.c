/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Import of case-system (ESDH) exports. The bundles in tests/fixtures/esdh/ are real
 * exports; the expected values below were written by hand from their XML (README in
 * that folder). Every imported meeting must also save with the writer, validate
 * against data/referat.rng and load again with the reader into an equal model.
 * Synthetic inputs built in the tests cover what real exports get wrong.
 */
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ref-esdh-import.h"
#include "ref-xml.h"
#include "test-tmp.h"

/* ---- helpers ---- */

static GFile *
fixture (const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "esdh", relative, NULL);

  return g_file_new_for_path (path);
}

static RefEsdhImport *
import_fixture (const char *relative)
{
  g_autoptr (GFile) file = fixture (relative);
  g_autoptr (GError) error = NULL;
  RefEsdhImport *import = ref_esdh_import_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static RefAgendaItem *
item (RefMeeting *meeting, guint number)
{
  RefAgendaItem *found = ref_meeting_find_item_by_number (meeting, number);

  if (found == NULL)
    g_error ("no item %u", number);
  return found;
}

static void
assert_item (RefMeeting *meeting, guint number, const char *title, const char *case_number, gboolean closed)
{
  RefAgendaItem *it = item (meeting, number);

  g_assert_cmpstr (ref_agenda_item_get_title (it), ==, title);
  g_assert_cmpstr (ref_agenda_item_get_case_number (it), ==, case_number ? case_number : "");
  g_assert_cmpint (ref_agenda_item_get_closed (it), ==, closed);
}

static void
assert_numbers (RefMeeting *meeting, const char *expected)
{
  GListModel *items = ref_meeting_get_items (meeting);
  g_autoptr (GString) numbers = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (RefAgendaItem) it = g_list_model_get_item (items, i);
      g_string_append_printf (numbers, "%s%u", i ? " " : "", ref_agenda_item_get_number (it));
    }
  g_assert_cmpstr (numbers->str, ==, expected);
}

static void
assert_participant (RefMeeting *meeting, const char *name, const char *party, const char *role,
                    RefParticipantType type, RefAttendance attendance)
{
  RefParticipant *p = ref_meeting_find_participant (meeting, name);

  if (p == NULL)
    g_error ("no participant %s", name);
  g_assert_cmpstr (ref_participant_get_party (p), ==, party ? party : "");
  g_assert_cmpstr (ref_participant_get_role (p), ==, role ? role : "");
  g_assert_cmpint (ref_participant_get_participant_type (p), ==, type);
  g_assert_cmpint (ref_participant_get_attendance (p), ==, attendance);
}

/* The sections of @it as "kind[:heading]" joined by " | ". */
static char *
sections_of (RefAgendaItem *it)
{
  GListModel *sections = ref_agenda_item_get_sections (it);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr (RefSection) s = g_list_model_get_item (sections, i);
      const char *heading = ref_section_get_heading (s);

      g_string_append_printf (out, "%s%s%s%s", i ? " | " : "", ref_enum_to_nick (REF_TYPE_SECTION_KIND, ref_section_get_kind (s)),
                              *heading ? ":" : "", heading);
    }
  return g_string_free (out, FALSE);
}

static void
assert_sections (RefMeeting *meeting, guint number, const char *expected)
{
  g_autofree char *actual = sections_of (item (meeting, number));

  g_assert_cmpstr (actual, ==, expected);
}

/* The plain text of section @index of item @number starts with @prefix. */
static void
assert_section_text (RefMeeting *meeting, guint number, guint index, const char *prefix)
{
  g_autoptr (RefSection) s = g_list_model_get_item (ref_agenda_item_get_sections (item (meeting, number)), index);
  g_autofree char *plain = NULL;

  g_assert_nonnull (s);
  plain = ref_text_to_plain (ref_section_get_text (s));
  if (!g_str_has_prefix (plain, prefix))
    g_error ("item %u section %u starts “%.80s”, not “%s”", number, index, plain, prefix);
}

static void
assert_recommendation (RefMeeting *meeting, guint number, const char *by, const char *intro, const char *first_point)
{
  RefRecommendation *r = ref_agenda_item_get_recommendation (item (meeting, number));
  g_auto (GStrv) points = NULL;
  g_autofree char *plain = NULL;

  g_assert_nonnull (r);
  g_assert_cmpstr (ref_recommendation_get_by (r), ==, by ? by : "");
  g_assert_cmpstr (ref_recommendation_get_intro (r), ==, intro ? intro : "");
  points = ref_text_get_list_items (ref_recommendation_get_text (r));
  plain = ref_text_to_plain (ref_recommendation_get_text (r));
  g_assert_true ((points != NULL && points[0] != NULL && g_str_has_prefix (points[0], first_point))
                 || g_str_has_prefix (plain, first_point));
}

static char *
date_string (GDateTime *date)
{
  return date ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("");
}

/* Decisions as "body@date: first 30 characters" joined by " | ". */
static char *
decisions_of (GListModel *decisions)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) d = g_list_model_get_item (decisions, i);
      g_autofree char *date = date_string (ref_decision_get_date (d));
      g_autofree char *plain = ref_text_to_plain (ref_decision_get_text (d));
      g_autofree char *start = g_utf8_substring (plain, 0, MIN (30, g_utf8_strlen (plain, -1)));

      g_string_append_printf (out, "%s%s@%s: %s", i ? " | " : "", ref_decision_get_deciding_body (d), date, start);
    }
  return g_string_free (out, FALSE);
}

static void
assert_decisions (RefMeeting *meeting, guint number, const char *decisions, const char *prior)
{
  g_autofree char *actual = decisions_of (ref_agenda_item_get_decisions (item (meeting, number)));
  g_autofree char *actual_prior = decisions_of (ref_agenda_item_get_prior_decisions (item (meeting, number)));

  g_assert_cmpstr (actual, ==, decisions);
  g_assert_cmpstr (actual_prior, ==, prior);
}

/* Attachment @index of item @number: its title, and the name of the file it points at
 * (NULL: no file, it was missing). */
static void
assert_attachment (RefMeeting *meeting, guint number, guint index, const char *title, const char *file)
{
  g_autoptr (RefAttachment) a = g_list_model_get_item (ref_agenda_item_get_attachments (item (meeting, number)), index);

  g_assert_nonnull (a);
  g_assert_cmpstr (ref_attachment_get_title (a), ==, title);
  if (file == NULL)
    g_assert_cmpstr (ref_attachment_get_filename (a), ==, "");
  else
    {
      g_autofree char *base = g_path_get_basename (ref_attachment_get_filename (a));
      g_assert_cmpstr (base, ==, file);
      g_assert_true (g_path_is_absolute (ref_attachment_get_filename (a)));
      g_assert_true (g_file_test (ref_attachment_get_filename (a), G_FILE_TEST_IS_REGULAR));
    }
}

static guint
n_attachments (RefMeeting *meeting, guint number)
{
  return g_list_model_get_n_items (ref_agenda_item_get_attachments (item (meeting, number)));
}

/* How many notes mention @fragment in their reason or text. */
static guint
count_notes (RefEsdhImport *import, const char *fragment)
{
  GPtrArray *warnings = ref_esdh_import_get_warnings (import);
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    {
      RefImportWarning *w = g_ptr_array_index (warnings, i);
      if (strstr (w->reason, fragment) != NULL || strstr (w->text, fragment) != NULL)
        n++;
    }
  return n;
}

static void
assert_note (RefEsdhImport *import, const char *fragment)
{
  if (count_notes (import, fragment) == 0)
    {
      GPtrArray *warnings = ref_esdh_import_get_warnings (import);
      for (guint i = 0; i < warnings->len; i++)
        g_printerr ("  note: %s: %s\n", ((RefImportWarning *) warnings->pdata[i])->reason,
                    ((RefImportWarning *) warnings->pdata[i])->text);
      g_error ("no import note mentions “%s”", fragment);
    }
}

/* Writer → RelaxNG schema → reader gives the same meeting. */
static void
assert_valid_meeting (RefMeeting *meeting)
{
  g_autoptr (GBytes) written = ref_xml_write_bytes (meeting);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autofree char *where = NULL;

  g_assert_true (ref_xml_validate_bytes (written, "imported", &error));
  g_assert_no_error (error);
  loaded = ref_xml_load_bytes (written, "imported", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  if (!ref_model_equal (meeting, loaded, &where))
    g_error ("the saved import loads differently at %s", where);
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (meeting)));
}

static void
assert_start (RefMeeting *meeting, const char *start, const char *end)
{
  g_autofree char *s = g_date_time_format (ref_meeting_get_start (meeting), "%Y-%m-%d %H:%M");

  g_assert_cmpstr (s, ==, start);
  if (end == NULL)
    g_assert_null (ref_meeting_get_end (meeting));
  else
    {
      g_autofree char *e = g_date_time_format (ref_meeting_get_end (meeting), "%Y-%m-%d %H:%M");
      g_assert_cmpstr (e, ==, end);
    }
}

/* ---- the real bundles ---- */

static void
test_sbsys_ballerup (void)
{
  g_autoptr (RefEsdhImport) import = import_fixture ("sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15");
  RefMeeting *m = ref_esdh_import_get_meeting (import);

  g_assert_cmpstr (ref_esdh_import_get_dialect (import), ==, "SBSYS");
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "KMB IT-udvalget");
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_AGENDA);
  assert_start (m, "2013-05-15 16:30", "2013-05-15 18:00");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Mødecenter A, Lokale 3 på Ballerup Rådhus");

  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 11);
  assert_participant (m, "Doris Børger", "A", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_UNKNOWN);
  assert_participant (m, "Kåre Harder Olesen", "V", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_UNKNOWN);
  assert_participant (m, "Ulrik Falk-Sørensen", "F", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_UNKNOWN);
  assert_participant (m, "Hanne Bahnsen", NULL, NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_UNKNOWN);
  assert_participant (m, "Jytte Møller Christensen", NULL, NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_UNKNOWN);

  assert_numbers (m, "1 2 3 4 5");
  assert_item (m, 1, "Meddelelser", NULL, FALSE);
  assert_item (m, 2, "Oplæg til standard it-arbejdsplads for Kommunalbestyrelsens medlemmer i 2014-2018", NULL, FALSE);
  assert_item (m, 3, "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)", NULL, FALSE);
  assert_item (m, 4, "Regler for indkøb af it-udstyr", NULL, FALSE);
  assert_item (m, 5, "Status på eDagsorden", NULL, FALSE);

  /* Meddelelser has only empty fields. */
  assert_sections (m, 1, "");
  g_assert_null (ref_agenda_item_get_recommendation (item (m, 1)));

  assert_sections (m, 2,
                   "previous | summary | background | case | economy:Økonomiske konsekvenser og finansiering");
  assert_section_text (m, 2, 0, "KMB IT-udvalget den 5. december 2012 Punkt 3");
  assert_section_text (m, 2, 1, "I forbindelse med tiltrædelsen af en ny kommunalbestyrelse pr. 1. januar 2014");
  assert_section_text (m, 2, 3, "Pilottesten skal vise om en it-arbejdsplads");
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item (m, 2)), ==, "KMB IT-udvalget");
  assert_recommendation (m, 2, "Center for IT og Digitalisering", "indstiller, at",
                         "Gennemførelse af pilottest for KMB IT-udvalgets medlemmer");
  /* The empty "Beslutning" field of an agenda gives no decision. */
  assert_decisions (m, 2, "", "");

  assert_sections (m, 3, "summary | background | case | economy:Økonomiske konsekvenser og finansiering");
  assert_section_text (m, 3, 0, "KOMBIT har udpeget en række it-systemer fra KMD");
  assert_recommendation (m, 3, "Center for It og Digitalisering", "indstiller, at",
                         "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt) drøftes.");

  g_assert_cmpuint (n_attachments (m, 2), ==, 0);
  g_assert_cmpuint (n_attachments (m, 3), ==, 1);
  assert_attachment (m, 3, 0, "Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud", "1.pdf");
  g_assert_cmpuint (ref_esdh_import_get_n_attachments (import), ==, 1);
  g_assert_cmpuint (ref_esdh_import_get_n_attachments_found (import), ==, 1);
  g_assert_cmpuint (ref_esdh_import_get_warnings (import)->len, ==, 0);
  assert_valid_meeting (m);
}

static void
test_sbsys_regionh (void)
{
  g_autoptr (RefEsdhImport) import = import_fixture ("sbsys-publication_regionh_forretningsudvalget_2012-09-25/Publication553.xml");
  RefMeeting *m = ref_esdh_import_get_meeting (import);
  g_autofree char *remarks = NULL;
  static const char *const missing[] = { "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13" };

  g_assert_cmpstr (ref_esdh_import_get_dialect (import), ==, "SBSYS");
  /* "FORRETNINGSUDVALGET" in capitals. */
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Forretningsudvalget");
  assert_start (m, "2012-09-25 15:30", "2012-09-25 16:00");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "H2");
  remarks = ref_text_to_plain (ref_meeting_get_remarks (m));
  g_assert_cmpstr (remarks, ==, "Ekstraordinært forretningsudvalgsmøde");
  assert_note (import, "draft publication");

  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 15);
  assert_participant (m, "Vibeke Storm Rasmussen", NULL, NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_UNKNOWN);
  assert_participant (m, "Leila Lindén", NULL, NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_UNKNOWN);

  assert_numbers (m, "1 2 3 4");
  assert_item (m, 1, "2. behandling af forslag til styrelsesvedtægt – nedsættelse af stående udvalg", NULL, FALSE);
  assert_item (m, 2, "Anvendelse af beløb til hospitalsudstyr og patientnære arealer", NULL, FALSE);
  assert_item (m, 3, "Særpublikation og konference om infrastruktur og vækst", NULL, FALSE);
  assert_item (m, 4, "Anmodning fra Hans Toft (C) om offentliggørelse af beslutning truffet af Movias bestyrelse",
               NULL, FALSE);

  /* Upper-case captions: known ones by kind (keeping their wording), unknown ones
   * ("KOMMUNIKATION") as free sections. */
  assert_sections (m, 1,
                   "previous:Punktet behandlet tidligere | summary:Resume | case | free:Kommunikation "
                   "| economy:Økonomiske konsekvenser");
  assert_section_text (m, 1, 0, "Forretningsudvalget den 18. september 2012, sag nr. 10");
  assert_section_text (m, 1, 2, "Baggrund\n\nRegionsrådet har i maj måned besluttet");
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item (m, 1)), ==, "Regionsrådet");
  assert_recommendation (m, 1, "Administrationen", NULL, "at det som bilag vedlagte forslag til styrelsesvedtægt");
  /* The decision field keeps the history of the item: the 18 September decision is an
   * earlier meeting's; the empty "25. september 2012:" gives none. */
  assert_decisions (m, 1, "", "Forretningsudvalget@2012-09-18: Sagen udsat til behandling på ");

  assert_sections (m, 3, "summary:Resume | case | free:Kommunikation | economy:Økonomiske konsekvenser");
  assert_recommendation (m, 3, "Administrationen", NULL, "at regionsrådet tiltræder, at der afholdes en konference");
  /* "Tomt indhold" is the system's placeholder, not a decision. */
  assert_decisions (m, 3, "", "");

  /* 14 enclosures named, 1, 2 and 14 present, and those are blank placeholders. */
  g_assert_cmpuint (n_attachments (m, 1), ==, 6);
  assert_attachment (m, 1, 0, "Mail fra Økonomi- og Indenrigsministeriet med Erhvervs- og Vækstministeriets høringssvar",
                     "1.pdf");
  assert_attachment (m, 1, 1, "Regionsrådsformandens svar til Økonomi- og Indenrigsministeriet", "2.pdf");
  assert_attachment (m, 1, 2, "Revideret forslag til midlertidige bestemmelser i styrelsesvedtægten med korrekturmarkering",
                     NULL);
  g_assert_cmpuint (n_attachments (m, 2), ==, 1);
  assert_attachment (m, 2, 0,
                     "Forslag til anvendelse af rammebeløb på 100 mio. kr. til hospitalsudstyr og patientnære arealer på "
                     "det enkelte bevillingsområde",
                     NULL);
  g_assert_cmpuint (n_attachments (m, 4), ==, 5);
  assert_attachment (m, 4, 4, "Bestyrelsesprotokol fra møde den 16. august 2012 offentliggjort på Movias hjemmeside",
                     "14.pdf");
  g_assert_cmpuint (ref_esdh_import_get_n_attachments (import), ==, 14);
  g_assert_cmpuint (ref_esdh_import_get_n_attachments_found (import), ==, 3);
  g_assert_cmpuint (count_notes (import, "blank page"), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autofree char *path = g_strdup_printf ("Enclosures\\%s.pdf", missing[i]);
      g_assert_cmpuint (count_notes (import, path), ==, 1);
    }
  assert_valid_meeting (m);
}

static void
test_kmd_ballerup (void)
{
  g_autoptr (RefEsdhImport) import = import_fixture ("edoc_ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04");
  RefMeeting *m = ref_esdh_import_get_meeting (import);
  const char *committee = "Sundheds- og Forebyggelsesudvalget";

  g_assert_cmpstr (ref_esdh_import_get_dialect (import), ==, "KMD eDoc");
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, committee);
  /* "Referat endeligt godkendt". */
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_MINUTES);
  assert_start (m, "2012-12-04 13:00", NULL);
  /* Place and participants are only on the front page of the agenda's FullText. */
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Mødecenter C, Lokale 32 på Ballerup Rådhus");
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 8);
  assert_participant (m, "Lolan Ottesen", "A", "formand", REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Grethe Larsen", "A", "næstformand", REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Karl Vilhelm Nielsen", "V", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Per Mortensen", "A", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Mie Helene Andresen", NULL, "Sekretær", REF_PARTICIPANT_TYPE_OFFICIAL, REF_ATTENDANCE_PRESENT);

  /* In the export: 2, 4, 5, 6, 3, 1, 7, 8. */
  assert_numbers (m, "1 2 3 4 5 6 7 8");
  assert_note (import, "2, 4, 5, 6, 3, 1, 7, 8");
  /* Two form feeds, repaired. */
  g_assert_cmpuint (count_notes (import, "form feed"), ==, 2);
  assert_item (m, 1, "Meddelelser", "2011-29298", FALSE);
  assert_item (m, 2, "Bygningsvedligeholdelse 2013 - anlægsbevilling", "2012-28504", FALSE);
  assert_item (m, 3, "Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013", "2012-31114", FALSE);
  assert_item (m, 4, "Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013", "2012-31673", FALSE);
  assert_item (m, 5, "KL's opfølgningsproces vedrørende det nære sundhedsvæsen", "2011-29939", FALSE);
  assert_item (m, 6, "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre", "2012-21786",
               FALSE);
  assert_item (m, 7, "Etablering af aktivitetscenter på Solvej 6 i Ballerup", "2012-28505", FALSE);
  assert_item (m, 8, "Evaluering af rygestopkurser", "2010-3082", FALSE);
  g_assert_cmpint (ref_agenda_item_get_case_type (item (m, 8)), ==, REF_CASE_TYPE_ORIENTATION);
  g_assert_cmpstr (ref_agenda_item_get_case_type_label (item (m, 5)), ==, "Til drøftelse");

  /* Meddelelser: points a–e, interrupted by "Bilag" lists, stay one list. */
  assert_sections (m, 1, "content");
  {
    g_autoptr (RefSection) s = g_list_model_get_item (ref_agenda_item_get_sections (item (m, 1)), 0);
    g_auto (GStrv) points = ref_text_get_list_items (ref_section_get_text (s));
    g_assert_cmpuint (g_strv_length (points), ==, 5);
    g_assert_cmpstr (points[0], ==, "Møder og konferencer");
    g_assert_cmpstr (points[4], ==, "Sundheds- og Forebyggelsesudvalgets aktiviteter 2013 herunder konferencer, "
                                    "studiebesøg m.fl.");
  }
  assert_decisions (m, 1, "Sundheds- og Forebyggelsesudvalget@2012-12-04: Taget til efterretning", "");

  /* The FullText split at its captions. */
  assert_sections (m, 3,
                   "previous | summary | background | case | economy:Økonomiske konsekvenser og finansiering");
  assert_section_text (m, 3, 0, "Kommunalbestyrelsen den 30. januar 2012 Punkt 5");
  assert_section_text (m, 3, 1, "Kvalitetsstandarder for stof- og alkoholmisbrug 2012 foreslås videreført i 2013.");
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item (m, 3)), ==, "Kommunalbestyrelsen");
  {
    const char *const *route = ref_agenda_item_get_case_route (item (m, 3));
    g_assert_nonnull (route);
    g_assert_cmpstr (route[0], ==, committee);
    g_assert_cmpstr (route[1], ==, "Økonomiudvalget");
    g_assert_cmpstr (route[2], ==, "Kommunalbestyrelsen");
    g_assert_null (route[3]);
  }
  assert_recommendation (m, 3, "Center for Social, Sundhed og Beskæftigelse", "indstiller, at",
                         "Kvalitetsstandarder for stof- og alkoholmisbrug 2013 godkendes.");
  assert_decisions (m, 3, "Sundheds- og Forebyggelsesudvalget@2012-12-04: Indstilles til godkendelse", "");

  assert_sections (m, 7, "summary | background | case | economy:Økonomiske konsekvenser og finansiering");
  assert_section_text (m, 7, 0, "Faciliteterne på Solvej 6 i Ballerup ønskes udnyttet");
  assert_recommendation (m, 7, "Center for Ejendomme", "indstiller, at",
                         "Projektbeskrivelsen for etablering af aktivitetscenter på Solvej 6 i Ballerup tages til "
                         "efterretning.");
  {
    g_auto (GStrv) points = ref_text_get_list_items (ref_recommendation_get_text (ref_agenda_item_get_recommendation (item (m, 7))));
    g_assert_cmpuint (g_strv_length (points), ==, 2);
  }
  assert_decisions (m, 7, "Sundheds- og Forebyggelsesudvalget@2012-12-04: Indstillingen godkendt med den", "");

  /* Attachments: nine PDFs present (one a scan), 1543229.PDF missing. */
  g_assert_cmpuint (n_attachments (m, 1), ==, 3);
  assert_attachment (m, 1, 0, "Redegørelse fra Træning og Aktivitet vedrørende Seniorrådets høringssvar", "1548227.PDF");
  assert_attachment (m, 2, 0, "Bygningsliste og prioriteringssystem", "1537646.PDF");
  assert_attachment (m, 5, 0, "KL's proces vedrørende det nære sundhedsvæsen", "1548343.PDF");
  assert_attachment (m, 5, 1, "Det nære sundhedsvæsen - KL", NULL);
  g_assert_cmpuint (n_attachments (m, 8), ==, 0);
  g_assert_cmpuint (ref_esdh_import_get_n_attachments (import), ==, 10);
  g_assert_cmpuint (ref_esdh_import_get_n_attachments_found (import), ==, 9);
  assert_note (import, "1543229.PDF");
  assert_note (import, "scan without text");
  assert_valid_meeting (m);
}

static void
test_fujitsu_middelfart (void)
{
  /* The folder holds two exports; the newer one is imported, with a note. */
  g_autoptr (RefEsdhImport) import = import_fixture ("edoc-fujitsu_middelfart_hennys-testudvalg_2017-05-02");
  g_autoptr (RefEsdhImport) older = import_fixture (
      "edoc-fujitsu_middelfart_hennys-testudvalg_2017-05-02/2017-04-21_12.00.48/41a93779-8b2a-414b-9f87-691e24f8f40a.xml");
  RefMeeting *m = ref_esdh_import_get_meeting (import);

  g_assert_cmpstr (ref_esdh_import_get_dialect (import), ==, "Fujitsu eDoc");
  assert_note (import, "holds 2 exports");
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Hennys testudvalg");
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_AGENDA);
  assert_start (m, "2017-05-02 10:00", "2017-05-02 11:00");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Mødelokale 1, Midtpunkt");

  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 8);
  assert_participant (m, "Hanne Lauritsen", "F", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Allan Buch", "A", "Formand", REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Anni B. Tyrrestrup", "O", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Niels Bebe", "V", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_ABSENT);
  assert_participant (m, "Henny test Posselt", "Løsgænger", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Maja Føns", NULL, NULL, REF_PARTICIPANT_TYPE_GUEST, REF_ATTENDANCE_UNKNOWN);

  assert_numbers (m, "1 2 3 4 5 6");
  assert_item (m, 1, "test", NULL, FALSE);
  assert_item (m, 2, "test tabel", "200906126", FALSE);
  assert_item (m, 3, "Fejloprettet", "2013-003869", FALSE);
  assert_item (m, 4, "Fejloprettet", "2013-000038", FALSE);
  assert_item (m, 5, "Anders' møgsag", "2016-003798", TRUE);
  assert_item (m, 6, "Underskriftsblad", NULL, TRUE);
  g_assert_cmpint (ref_agenda_item_get_kind (item (m, 6)), ==, REF_ITEM_KIND_SIGNATURE);
  g_assert_cmpint (ref_agenda_item_get_kind (item (m, 5)), ==, REF_ITEM_KIND_REGULAR);

  /* Empty presentations are left out; "Høring" is no known caption. */
  assert_sections (m, 1, "");
  assert_sections (m, 3, "summary:Præsentation | case:Sagsbeskrivelse | economy | free:Høring");
  assert_section_text (m, 3, 0, "Udvalget skal drøfte status, politiske beslutninger");
  assert_section_text (m, 3, 1, "På byrådsseminariet den 14. og 15. marts 2013");
  assert_recommendation (m, 3, "Forvaltningen", "foreslår", "At punktet drøftes.");
  assert_sections (m, 4, "summary:Præsentation");
  assert_recommendation (m, 4, "Forvaltningen", "foreslår", "At anlægsregnskabet for de fire anlægsprojekter godkendes.");

  /* Every attachment PDF is missing from the bundle. */
  g_assert_cmpuint (n_attachments (m, 1), ==, 4);
  assert_attachment (m, 1, 0, "TrekantBrand Nyhedsbrev nr. 1-2017.msg", NULL);
  g_assert_cmpuint (n_attachments (m, 5), ==, 8);
  assert_attachment (m, 5, 7, "E-mail", NULL);
  g_assert_cmpuint (ref_esdh_import_get_n_attachments (import), ==, 12);
  g_assert_cmpuint (ref_esdh_import_get_n_attachments_found (import), ==, 0);
  g_assert_cmpuint (count_notes (import, "is missing from the export"), ==, 12);
  assert_note (import, "\\Attachments\\5781888-6174964-1.pdf");
  assert_valid_meeting (m);

  /* The older export: five elements, numbered 2–6, the last item not yet closed. */
  m = ref_esdh_import_get_meeting (older);
  assert_numbers (m, "2 3 4 5 6");
  assert_item (m, 2, "test", NULL, FALSE);
  assert_item (m, 6, "Underskriftsblad", NULL, FALSE);
  assert_valid_meeting (m);
}

static void
test_acadre_syddjurs (void)
{
  g_autoptr (RefEsdhImport) import = import_fixture ("acadre_syddjurs_puk_2013-06-20");
  g_autoptr (RefEsdhImport) direct = import_fixture ("acadre_syddjurs_puk_2013-06-20/Files_1863_3687982/3687981.XML");
  RefMeeting *m = ref_esdh_import_get_meeting (import);
  g_autofree char *remarks = NULL;
  g_autoptr (RefSection) summary = NULL;
  g_autofree char *summary_text = NULL;

  g_assert_cmpstr (ref_esdh_import_get_dialect (import), ==, "Acadre");
  /* The manifest names 3687981.xml; the disk has 3687981.XML. */
  assert_note (import, "3687981.XML");
  /* The agenda edition it names (3686423.xml) is not in the bundle. */
  assert_note (import, "3686423.xml");
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Udvalget for plan, udvikling og kultur (PUK)");
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_MINUTES);
  assert_start (m, "2013-06-20 10:30", "2013-06-20 13:00");
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Kaløvig Kursuscenter, Præstekravevej 46, Følle Strand, 8410 Rønde");
  remarks = ref_text_to_plain (ref_meeting_get_remarks (m));
  g_assert_cmpstr (remarks, ==, "Ekstraordinært PUK");

  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 5);
  assert_participant (m, "Jesper Mathiesen", "A", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Ole Bjerregaard", "V", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Steen Fris", "C", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);

  /* One item, with the running number of the case system. */
  assert_numbers (m, "715");
  assert_note (import, "numbers items on from earlier meetings");
  assert_item (m, 715, "Kulturkommune 2017. Politiske fokusområder", "12/27845", FALSE);
  assert_sections (m, 715,
                   "summary:Resumé | case | economy:Økonomi og organisatoriske konsekvenser "
                   "| free:Supplerende Sagsfremstilling");
  assert_section_text (m, 715, 0, "Kulturafdelingen har i forlængelse af Byrådets beslutning");
  assert_section_text (m, 715, 3, "Der skal arbejdes med konkretisering af planerne");
  /* Emphasis and lists survive. */
  summary = g_list_model_get_item (ref_agenda_item_get_sections (item (m, 715)), 0);
  summary_text = ref_text_to_plain (ref_section_get_text (summary));
  g_assert_nonnull (strstr (summary_text, "Tidsplan:"));
  {
    g_autoptr (RefSection) s = g_list_model_get_item (ref_agenda_item_get_sections (item (m, 715)), 1);
    g_auto (GStrv) points = ref_text_get_list_items (ref_section_get_text (s));
    g_assert_cmpuint (g_strv_length (points), ==, 3);
    g_assert_cmpstr (points[0], ==, "Hvad vil du gerne have opnået i 2017?");
  }
  assert_recommendation (m, 715, "Direktøren", "indstiller, at",
                         "Udvalget for Plan, udvikling og kultur påbegynder arbejdet med formulering");
  /* "Beslutning i … den dd-mm-yyyy" bullets: two earlier meetings, and this one. */
  assert_decisions (m, 715, "Udvalget for plan, udvikling og kultur (PUK)@2013-06-20: Punktet blev drøftet.\n\nSagen g",
                    "Udvalget for plan, udvikling og kultur (PUK)@2013-04-10: Der indkaldes til et ekstraord"
                    " | Udvalget for plan, udvikling og kultur (PUK)@2013-04-24: Punktet genoptages.\n\nTidspunkt");

  g_assert_cmpuint (n_attachments (m, 715), ==, 3);
  assert_attachment (m, 715, 0, "Opsamlingsnotat. Temamøde 20.09.2012", "3525829E1.DOCX");
  assert_attachment (m, 715, 1, "Politik for Kultur og Fritid - Lokalt engagement, Godkendt af byrådet 300409",
                     "2531342E2.DOC");
  assert_attachment (m, 715, 2, "Kulturkommune 2017 - arbejdsoplæg til Udvalget for Plan, Udvikling og Kultur",
                     "3629343E3.DOCX");
  g_assert_cmpuint (ref_esdh_import_get_n_attachments_found (import), ==, 3);
  assert_valid_meeting (m);

  /* The meeting XML on its own gives the same items. */
  g_assert_cmpstr (ref_esdh_import_get_dialect (direct), ==, "Acadre");
  assert_numbers (ref_esdh_import_get_meeting (direct), "715");
  assert_attachment (ref_esdh_import_get_meeting (direct), 715, 2,
                     "Kulturkommune 2017 - arbejdsoplæg til Udvalget for Plan, Udvikling og Kultur", "3629343E3.DOCX");
  assert_valid_meeting (ref_esdh_import_get_meeting (direct));
}

/* Every XML file of every bundle that is an export imports into a valid meeting. */
static void
test_every_export_validates (void)
{
  static const char *const files[] = {
    "sbsys-publication_ballerup_kmb-it-udvalget_2013-05-15/Publication32.xml",
    "sbsys-publication_regionh_forretningsudvalget_2012-09-25/Publication553.xml",
    "edoc_ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04/eDocAgendaPublishing.xml",
    "edoc-fujitsu_middelfart_hennys-testudvalg_2017-05-02/2017-04-21_12.00.48/41a93779-8b2a-414b-9f87-691e24f8f40a.xml",
    "edoc-fujitsu_middelfart_hennys-testudvalg_2017-05-02/2017-04-21_12.24.03/e9117c72-1d79-4fe9-9653-ef7ab6f27187.xml",
    "acadre_syddjurs_puk_2013-06-20/XML_1863.xml",
    "acadre_syddjurs_puk_2013-06-20/Files_1863_3687982/3687981.XML",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (RefEsdhImport) import = import_fixture (files[i]);
      g_autoptr (GFile) file = fixture (files[i]);
      g_autoptr (GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
      g_autoptr (RefEsdhImport) from_memory = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_cmpuint (ref_meeting_get_n_items (ref_esdh_import_get_meeting (import)), >, 0);
      assert_valid_meeting (ref_esdh_import_get_meeting (import));
      /* From memory, with no folder to look in (the manifest needs its folder). */
      from_memory = ref_esdh_import_bytes (bytes, files[i], NULL, NULL, &error);
      if (strstr (files[i], "XML_1863") != NULL)
        g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT);
      else
        {
          g_assert_no_error (error);
          assert_valid_meeting (ref_esdh_import_get_meeting (from_memory));
        }
    }
}

/* ---- synthetic exports: what real ones get wrong ---- */

static RefEsdhImport *
import_string (const char *xml, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (xml, strlen (xml));

  return ref_esdh_import_bytes (bytes, "test.xml", NULL, NULL, error);
}

/* A minimal SBSYS publication with @items (Item elements). */
static char *
sbsys_with_items (const char *items)
{
  return g_strdup_printf ("<Publication><PublicationTypeAsEnum>Final</PublicationTypeAsEnum><Agendas><Agenda>"
                          "<Name>Teknisk Udvalg</Name><Committee><Name>Teknisk Udvalg</Name></Committee>"
                          "<Meeting><When>01-02-2024 17:00:00</When><Where>Rådhuset</Where><Members>"
                          "<MeetingMember><ParticipationStatusAsValue>1</ParticipationStatusAsValue>"
                          "<Name>Anna Hansen (A)</Name></MeetingMember>"
                          "<MeetingMember><ParticipationStatusAsValue>2</ParticipationStatusAsValue>"
                          "<ParticipationNote>Ferie</ParticipationNote><Name>Bo Jensen (V)</Name></MeetingMember>"
                          "<MeetingMember><ParticipationStatusAsValue>1</ParticipationStatusAsValue>"
                          "<Name>Carl Holm (C)</Name></MeetingMember>"
                          "</Members></Meeting><Items>%s</Items></Agenda></Agendas></Publication>",
                          items);
}

static char *
sbsys_item (guint number, const char *caption, const char *fields)
{
  return g_strdup_printf ("<Item><Number>%u</Number><Caption>%s</Caption><IsPublic>True</IsPublic>"
                          "<Case><Number>01.02.03-P20-1-24</Number></Case><Fields>%s</Fields></Item>",
                          number, caption, fields);
}

static char *
sbsys_field (guint index, const char *caption, const char *html, gboolean feedback)
{
  g_autofree char *escaped = g_markup_escape_text (html, -1);

  return g_strdup_printf ("<ItemField><Caption>%s</Caption><Index>%u</Index><IsFeedback>%s</IsFeedback>"
                          "<Content>%s</Content></ItemField>",
                          caption, index, feedback ? "True" : "False", escaped);
}

static void
test_not_an_export (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = import_string ("<?xml version=\"1.0\"?><html><body>Hej</body></html>", &error);
  g_autoptr (GFile) readme = fixture ("README.md");
  g_autoptr (GFile) empty_dir = NULL;
  g_autofree char *dir = g_dir_make_tmp ("esdh-XXXXXX", NULL);

  g_assert_null (import);
  g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT);
  g_assert_nonnull (strstr (error->message, "test.xml"));
  g_assert_nonnull (strstr (error->message, "<html>"));
  g_clear_error (&error);

  import = import_string ("", &error);
  g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT);
  g_clear_error (&error);

  /* Not XML at all. */
  g_assert_false (ref_esdh_import_handles (readme));
  import = ref_esdh_import_file (readme, NULL, NULL, &error);
  g_assert_null (import);
  g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "README.md"));
  g_clear_error (&error);

  /* A folder without an export. */
  empty_dir = g_file_new_for_path (dir);
  g_assert_true (ref_esdh_import_handles (empty_dir));
  import = ref_esdh_import_file (empty_dir, NULL, NULL, &error);
  g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT);
  g_assert_nonnull (strstr (error->message, dir));
  ref_test_remove_tree (dir);
}

static void
test_entities_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = import_string (
      "<!DOCTYPE Publication [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
      "<Publication><Agendas><Agenda><Name>&b;</Name></Agenda></Agendas></Publication>",
      &error);

  g_assert_null (import);
  g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "entities"));
}

/* Form feeds (raw and as references), not well-formed XML, Windows-1252. */
static void
test_repairs (void)
{
  g_autofree char *field = sbsys_field (1, "Sagsfremstilling", "<p>Side 1</p>", FALSE);
  g_autofree char *one = sbsys_item (1, "Første\f punkt", field);
  g_autofree char *xml = sbsys_with_items (one);
  g_autoptr (GString) broken = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = NULL;
  g_autoptr (RefEsdhImport) recovered = NULL;
  g_autoptr (RefEsdhImport) latin = NULL;
  g_autoptr (GBytes) cp1252 = NULL;
  gsize len;
  char *at;

  /* A raw form feed and a "&#12;" reference. */
  at = strstr (xml, "<Where>");
  g_assert_nonnull (at);
  broken = g_string_new (NULL);
  g_string_append_len (broken, xml, at - xml);
  g_string_append (broken, "<Where>Råd&#12;huset</Where>");
  g_string_append (broken, strstr (at, "</Where>") + strlen ("</Where>"));
  import = import_string (broken->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_notes (import, "form feed"), ==, 2);
  assert_note (import, "Line 1");
  assert_item (ref_esdh_import_get_meeting (import), 1, "Første punkt", "01.02.03-P20-1-24", FALSE);
  assert_valid_meeting (ref_esdh_import_get_meeting (import));

  /* Truncated XML: recovered, with a note. */
  g_string_assign (broken, xml);
  g_string_truncate (broken, strstr (xml, "</Items>") - xml);
  recovered = import_string (broken->str, &error);
  g_assert_no_error (error);
  assert_note (recovered, "not well-formed XML");
  g_assert_cmpuint (ref_meeting_get_n_items (ref_esdh_import_get_meeting (recovered)), ==, 1);
  assert_valid_meeting (ref_esdh_import_get_meeting (recovered));

  /* Windows-1252 without a declaration: "Rådhuset" with å as 0xE5. */
  g_string_assign (broken, xml);
  at = strstr (broken->str, "Rådhuset");
  g_string_erase (broken, at - broken->str + 1, 2);
  g_string_insert_c (broken, at - broken->str + 1, (char) 0xE5);
  len = broken->len;
  cp1252 = g_bytes_new (broken->str, len);
  latin = ref_esdh_import_bytes (cp1252, "latin.xml", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_note (latin, "Windows-1252");
  g_assert_cmpstr (ref_meeting_get_location (ref_esdh_import_get_meeting (latin)), ==, "Rådhuset");

  /* Nothing readable at all. */
  g_clear_pointer (&import, ref_esdh_import_free);
  import = import_string ("<<<>>>", &error);
  g_assert_null (import);
  g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "test.xml"));
}

/* Out of order, duplicate and missing numbers; per-item absence; unknown captions. */
static void
test_items_and_fields (void)
{
  g_autofree char *f1 = sbsys_field (1, "Bæredygtighed og klima", "<p>Ingen konsekvenser.</p>", FALSE);
  g_autofree char *f2 = sbsys_field (2, "Indstilling",
                                     "<p>Teknik og Miljø indstiller, at</p><ol><li>planen godkendes</li>"
                                     "<li>sagen sendes i høring</li></ol>",
                                     FALSE);
  g_autofree char *f3 = sbsys_field (3, "Beslutning", "<p>Godkendt.</p><p>Bo Jensen (V) deltog ikke.</p>", TRUE);
  g_autofree char *f4 = sbsys_field (4, "Beslutningen træffes af", "<p>Teknisk Udvalg.</p>", FALSE);
  g_autofree char *fields = g_strconcat (f1, f2, f3, f4, NULL);
  g_autofree char *i3 = sbsys_item (3, "Tredje", fields);
  g_autofree char *i1 = sbsys_item (1, "Første", "");
  g_autofree char *i1b = sbsys_item (1, "Også første", "");
  g_autofree char *i0 = sbsys_item (0, "Uden nummer", "");
  g_autofree char *members = g_strdup ("<Members><ItemMember IsInvited=\"False\"><Name>Carl Holm (C)</Name></ItemMember>"
                                       "</Members>");
  g_autofree char *i2 = NULL;
  g_autofree char *items = NULL;
  g_autofree char *xml = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = NULL;
  RefMeeting *m;
  RefParticipant *carl;
  GArray *attended;

  i2 = sbsys_item (2, "Anden", "");
  /* Carl is not invited to item 2. */
  {
    char *end = strstr (i2, "</Item>");
    g_autofree char *head = g_strndup (i2, end - i2);
    g_free (i2);
    i2 = g_strconcat (head, members, "</Item>", NULL);
  }
  items = g_strconcat (i3, i1, i2, i1b, i0, NULL);
  xml = sbsys_with_items (items);
  import = import_string (xml, &error);
  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);

  assert_numbers (m, "1 2 3 4 5");
  assert_note (import, "3, 1, 2, 1, 0");
  assert_item (m, 1, "Første", "01.02.03-P20-1-24", FALSE);
  assert_item (m, 4, "Også første", "01.02.03-P20-1-24", FALSE);
  assert_item (m, 5, "Uden nummer", "01.02.03-P20-1-24", FALSE);
  assert_note (import, "Two items have number 1");
  assert_note (import, "no number");

  /* The unknown caption is a free section under its own heading. */
  assert_sections (m, 3, "free:Bæredygtighed og klima");
  assert_recommendation (m, 3, "Teknik og Miljø", "indstiller, at", "planen godkendes");
  assert_decisions (m, 3, "@: Godkendt.\n\nBo Jensen (V) delto", "");
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item (m, 3)), ==, "Teknisk Udvalg");

  assert_participant (m, "Anna Hansen", "A", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_PRESENT);
  assert_participant (m, "Bo Jensen", "V", NULL, REF_PARTICIPANT_TYPE_MEMBER, REF_ATTENDANCE_ABSENT);
  g_assert_cmpstr (ref_participant_get_note (ref_meeting_find_participant (m, "Bo Jensen")), ==, "Ferie");
  /* Present for every item but 2. */
  carl = ref_meeting_find_participant (m, "Carl Holm");
  g_assert_cmpint (ref_participant_get_attendance (carl), ==, REF_ATTENDANCE_PARTIAL);
  attended = ref_participant_get_attended_items (carl);
  g_assert_cmpuint (attended->len, ==, 4);
  g_assert_false (ref_meeting_is_present_for_item (m, carl, item (m, 2)));
  g_assert_true (ref_meeting_is_present_for_item (m, carl, item (m, 3)));
  assert_valid_meeting (m);
}

/* Item numbers as written: "Pkt. 7", "-3", and one far too long to be a number. */
static void
test_item_number_text (void)
{
  g_autofree char *items = g_strdup ("<Item><Number>Pkt. 7</Number><Caption>Syv</Caption></Item>"
                                     "<Item><Number>99999999999</Number><Caption>Lang</Caption></Item>"
                                     "<Item><Number>-3</Number><Caption>Tre</Caption></Item>");
  g_autofree char *xml = sbsys_with_items (items);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = import_string (xml, &error);
  RefMeeting *m;

  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);
  assert_numbers (m, "3 7 8");
  assert_item (m, 8, "Lang", NULL, FALSE);
  assert_valid_meeting (m);
}

/* What the HTML fields can hold, and what must not come through. */
static void
test_html_fields (void)
{
  const char *html =
      "<script>alert('x')</script><style>p{color:red}</style>"
      "<p onclick=\"steal()\">Første <b>fed</b> og <i>kursiv</i> og <u>understreget</u> tekst.</p>"
      "<p>&nbsp;</p>"
      "<p>Se <a href=\"javascript:alert(1)\">her</a> og <a href=\"https://example.dk/sag\">sagen</a>"
      " og <a href=\"https://Item><Caption>X</Caption><![CDATA[<p onclick=\">mere</a>.</p>"
      "<ul><li>et</li><li>to<ul><li>to a</li></ul></li></ul>"
      "<ol start=\"3\"><li>tre</li><li>fire</li></ol>"
      "<table><thead><tr><th>År</th><th>Beløb</th></tr></thead>"
      "<tbody><tr><td>2024</td><td>1.000 kr.</td></tr><tr><td></td><td></td></tr></tbody></table>"
      "<p>Linje et<br/><br/>Linje to<br>Linje tre</p>"
      "<h3>Høringssvar</h3><p>Ét svar kom ind.</p>"
      "<iframe src=\"https://evil\"></iframe><form><input value=\"x\"></form>";
  g_autofree char *field = sbsys_field (1, "Sagsfremstilling", html, FALSE);
  g_autofree char *one = sbsys_item (1, "HTML", field);
  g_autofree char *xml = sbsys_with_items (one);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = import_string (xml, &error);
  RefMeeting *m;
  g_autoptr (RefSection) body = NULL;
  g_autoptr (RefSection) sub = NULL;
  RefText *text;
  RefTextInline *first;
  g_autofree char *plain = NULL;
  g_autofree char *all = NULL;

  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);
  /* The <h3> starts a sub-section under its own heading. */
  assert_sections (m, 1, "case | free:Høringssvar");
  body = g_list_model_get_item (ref_agenda_item_get_sections (item (m, 1)), 0);
  sub = g_list_model_get_item (ref_agenda_item_get_sections (item (m, 1)), 1);
  g_assert_cmpuint (ref_section_get_level (sub), ==, 2);
  text = ref_section_get_text (body);
  plain = ref_text_to_plain (text);
  all = g_strdup_printf ("%s\n%s", plain, ref_section_get_heading (sub));
  g_assert_null (strstr (all, "alert"));
  g_assert_null (strstr (all, "color"));
  g_assert_null (strstr (all, "steal"));
  g_assert_null (strstr (all, "evil"));

  /* Blocks: paragraph, paragraph with links, bullet list (nested list flattened),
   * numbered list from 3, table (empty row dropped), three paragraphs. */
  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 7);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (text, 0)), ==, REF_BLOCK_PARAGRAPH);
  first = ref_text_block_get_item (ref_text_get_block (text, 0), 0);
  g_assert_cmpuint (first->len, ==, 7);
  g_assert_cmpstr (((RefTextRun *) first->pdata[1])->text, ==, "fed");
  g_assert_cmpint (((RefTextRun *) first->pdata[1])->style, ==, REF_STYLE_BOLD);
  g_assert_cmpint (((RefTextRun *) first->pdata[3])->style, ==, REF_STYLE_ITALIC);
  g_assert_cmpint (((RefTextRun *) first->pdata[5])->style, ==, REF_STYLE_UNDERLINE);
  {
    RefTextInline *links = ref_text_block_get_item (ref_text_get_block (text, 1), 0);
    g_autofree char *links_plain = ref_text_inline_to_plain (links);
    gboolean safe_link = FALSE;

    /* The third address, cut out of broken markup, is no valid URI: its text stays,
     * its link goes (the file would not validate; found by fuzz-esdh-import). */
    g_assert_cmpstr (links_plain, ==, "Se her og sagen og mere.");
    for (guint i = 0; i < links->len; i++)
      {
        RefTextRun *run = links->pdata[i];
        g_assert_true (run->href == NULL || g_str_equal (run->href, "https://example.dk/sag"));
        safe_link = safe_link || run->href != NULL;
      }
    g_assert_true (safe_link);
  }
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (text, 2)), ==, REF_BLOCK_BULLET_LIST);
  g_assert_cmpuint (ref_text_block_get_n_items (ref_text_get_block (text, 2)), ==, 3);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (text, 3)), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (ref_text_block_get_start (ref_text_get_block (text, 3)), ==, 3);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (text, 4)), ==, REF_BLOCK_TABLE);
  g_assert_cmpuint (ref_text_block_get_n_rows (ref_text_get_block (text, 4)), ==, 2);
  g_assert_true (ref_text_row_get_header (ref_text_block_get_row (ref_text_get_block (text, 4), 0)));
  {
    g_autofree char *last = ref_text_inline_to_plain (ref_text_block_get_item (ref_text_get_block (text, 6), 0));
    g_autofree char *middle = ref_text_inline_to_plain (ref_text_block_get_item (ref_text_get_block (text, 5), 0));
    g_assert_cmpstr (middle, ==, "Linje et");
    g_assert_cmpstr (last, ==, "Linje to\nLinje tre");
  }
  assert_valid_meeting (m);
}

/* eDoc's FullText with the captions run into the text and no line breaks at all. */
static void
test_full_text_without_separators (void)
{
  const char *xml =
      "<Meeting><Committee>Kultur- og Fritidsudvalget</Committee><MeetingDate>10-03-2021 16:00:00</MeetingDate>"
      "<MeetingState>Dagsorden godkendt</MeetingState><MeetingAgendaTypes><MeetingAgendaType>"
      "<AgendaType>Lukket dagsorden</AgendaType><MeetingAgendaItems><MeetingAgendaItem>"
      "<AgendaItemNumber>4</AgendaItemNumber><Document><Title>Tilskud til foreninger</Title></Document>"
      "<FullText>4.\tTilskud til foreningerSagsnr.: 2021-1234Dok.nr.: 2021-5678SammendragForeningerne søger tilskud. "
      "De har søgt før.BaggrundSom i 2020 er puljen på 1 mio. kr.Økonomiske konsekvenser og finansieringPuljen er "
      "afsat.BilagIngenBeslutningen træffes afKultur- og FritidsudvalgetIndstillingKultur og Fritid indstiller, atA)"
      "Tilskuddene godkendes.B)Restbeløbet overføres.Kultur- og Fritidsudvalgets beslutning den 10.03.2021 Punkt 4"
      "Indstillingen godkendt.</FullText></MeetingAgendaItem></MeetingAgendaItems></MeetingAgendaType>"
      "</MeetingAgendaTypes></Meeting>";
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = import_string (xml, &error);
  RefMeeting *m;

  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_AGENDA);
  /* On the closed agenda. */
  assert_item (m, 4, "Tilskud til foreninger", "2021-1234", TRUE);
  assert_sections (m, 4, "summary | background | economy:Økonomiske konsekvenser og finansiering");
  assert_section_text (m, 4, 0, "Foreningerne søger tilskud. De har søgt før.");
  assert_section_text (m, 4, 1, "Som i 2020 er puljen på 1 mio. kr.");
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item (m, 4)), ==, "Kultur- og Fritidsudvalget");
  assert_recommendation (m, 4, "Kultur og Fritid", "indstiller, at", "Tilskuddene godkendes.");
  {
    g_auto (GStrv) points = ref_text_get_list_items (ref_recommendation_get_text (ref_agenda_item_get_recommendation (item (m, 4))));
    g_assert_cmpuint (g_strv_length (points), ==, 2);
    g_assert_cmpstr (points[1], ==, "Restbeløbet overføres.");
  }
  assert_decisions (m, 4, "Kultur- og Fritidsudvalget@2021-03-10: Indstillingen godkendt.", "");
  g_assert_cmpuint (n_attachments (m, 4), ==, 0);
  assert_valid_meeting (m);
}

/* A list marker that no text follows (a control character cut "afsat." into "afs" and
 * "t." before the next caption): kept as written, and no empty list is left behind,
 * which the schema would reject (found by fuzz-esdh-import). Likewise a marker alone
 * between entries of a list. */
static void
test_list_marker_without_text (void)
{
  const char *xml =
      "<Meeting><Committee>Kultur- og Fritidsudvalget</Committee><MeetingDate>10-03-2021 16:00:00</MeetingDate>"
      "<MeetingAgendaTypes><MeetingAgendaType><AgendaType>Lukket dagsorden</AgendaType><MeetingAgendaItems>"
      "<MeetingAgendaItem><AgendaItemNumber>4</AgendaItemNumber><Document><Title>Tilskud</Title></Document>"
      "<FullText>4.\tTilskudSagsnr.: 2021-1234SammendragForeningerne søger.&#xC;1.&#xC;2. Første&#xC;b.&#xC;3. Tredje"
      "Økonomiske konsekvenser og finansieringPuljen er afs&#0;t.BilagIngen"
      "IndstillingKultur og Fritid indstiller, atA)Tilskuddene godkendes.</FullText>"
      "</MeetingAgendaItem></MeetingAgendaItems></MeetingAgendaType></MeetingAgendaTypes></Meeting>";
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = import_string (xml, &error);
  g_autoptr (RefSection) economy = NULL;
  g_autoptr (RefSection) summary = NULL;
  g_autofree char *economy_plain = NULL;
  g_autofree char *summary_plain = NULL;
  RefMeeting *m;

  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);
  assert_sections (m, 4, "summary | economy:Økonomiske konsekvenser og finansiering");
  economy = g_list_model_get_item (ref_agenda_item_get_sections (item (m, 4)), 1);
  economy_plain = ref_text_to_plain (ref_section_get_text (economy));
  g_assert_cmpstr (economy_plain, ==, "Puljen er afs\n\nt.");
  g_assert_cmpuint (ref_text_get_n_blocks (ref_section_get_text (economy)), ==, 2);
  /* "1." alone, then "2. Første": a list from 2; "b." alone; a list from 3. */
  summary = g_list_model_get_item (ref_agenda_item_get_sections (item (m, 4)), 0);
  summary_plain = ref_text_to_plain (ref_section_get_text (summary));
  g_assert_cmpstr (summary_plain, ==, "Foreningerne søger.\n\n1.\n\n2. Første\n\nb.\n\n3. Tredje");
  assert_valid_meeting (m);
}

/* Fujitsu: a decision presentation under an unknown caption that names body and
 * date, absences by participant identifier, the neutral title of a closed item. */
static void
test_fujitsu_decisions_and_absences (void)
{
  const char *xml =
      "<Root xmlns:edoc=\"http://www.fujitsu.dk/agenda/xml/schemas/2009/03/31/\">"
      "<edoc:Committee><edoc:Name>Økonomiudvalget</edoc:Name><edoc:Meeting>"
      "<edoc:MeetingDateTime>02-05-2017 10:00</edoc:MeetingDateTime><edoc:MeetingLocation>Byrådssalen</edoc:MeetingLocation>"
      "<edoc:MeetingParticipants><edoc:MeetingParticipant><edoc:Identifier>p-1</edoc:Identifier>"
      "<edoc:Name>Anna  Hansen</edoc:Name><edoc:RoleInMeeting>Medlem</edoc:RoleInMeeting><edoc:Participate>true</edoc:Participate>"
      "<edoc:PoliticalPartyList>A</edoc:PoliticalPartyList></edoc:MeetingParticipant>"
      "<edoc:MeetingParticipant><edoc:Identifier>p-2</edoc:Identifier><edoc:Name>Mie Sekretær</edoc:Name>"
      "<edoc:Secretary>true</edoc:Secretary><edoc:Participate>true</edoc:Participate></edoc:MeetingParticipant>"
      "</edoc:MeetingParticipants><edoc:Agenda><edoc:Type>Referat</edoc:Type><edoc:AgendaElements>"
      "<edoc:AgendaElement><edoc:AccessIsPublic>false</edoc:AccessIsPublic><edoc:SortOrder>1</edoc:SortOrder>"
      "<edoc:Absences><edoc:Absence><edoc:ParticipantIdentifier>p-1</edoc:ParticipantIdentifier></edoc:Absence></edoc:Absences>"
      "<edoc:HandlingItem><edoc:SerialNo>7</edoc:SerialNo><edoc:Title>Salg af Skolevej 3</edoc:Title>"
      "<edoc:NeutralTitle>Salg af ejendom</edoc:NeutralTitle><edoc:CaseNumber>2017-000123</edoc:CaseNumber>"
      "<edoc:CasePresentations><edoc:CasePresentation><edoc:Title>Forvaltningen foreslår</edoc:Title>"
      "<edoc:Content>&lt;p&gt;At ejendommen sælges.&lt;/p&gt;</edoc:Content><edoc:IsDecision>false</edoc:IsDecision>"
      "</edoc:CasePresentation><edoc:CasePresentation><edoc:Title>Økonomiudvalget, 2. maj 2017</edoc:Title>"
      "<edoc:Content>&lt;p&gt;Godkendt.&lt;/p&gt;</edoc:Content><edoc:IsDecision>true</edoc:IsDecision>"
      "</edoc:CasePresentation></edoc:CasePresentations></edoc:HandlingItem></edoc:AgendaElement>"
      "<edoc:AgendaElement><edoc:AccessIsPublic>true</edoc:AccessIsPublic><edoc:SortOrder>2</edoc:SortOrder>"
      "<edoc:HandlingItem><edoc:SerialNo>8</edoc:SerialNo><edoc:Title>Orientering</edoc:Title></edoc:HandlingItem>"
      "</edoc:AgendaElement></edoc:AgendaElements></edoc:Agenda></edoc:Meeting></edoc:Committee></Root>";
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = import_string (xml, &error);
  RefMeeting *m;
  RefParticipant *anna;

  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_MINUTES);
  assert_item (m, 7, "Salg af Skolevej 3", "2017-000123", TRUE);
  g_assert_cmpstr (ref_agenda_item_get_public_title (item (m, 7)), ==, "Salg af ejendom");
  assert_recommendation (m, 7, "Forvaltningen", "foreslår", "At ejendommen sælges.");
  assert_decisions (m, 7, "Økonomiudvalget@2017-05-02: Godkendt.", "");
  assert_participant (m, "Mie Sekretær", NULL, NULL, REF_PARTICIPANT_TYPE_OFFICIAL, REF_ATTENDANCE_PRESENT);
  anna = ref_meeting_find_participant (m, "Anna Hansen");
  g_assert_cmpint (ref_participant_get_attendance (anna), ==, REF_ATTENDANCE_PARTIAL);
  g_assert_false (ref_meeting_is_present_for_item (m, anna, item (m, 7)));
  g_assert_true (ref_meeting_is_present_for_item (m, anna, item (m, 8)));
  assert_valid_meeting (m);
}

/* ---- bundles on disk: file names, zips ---- */

static void
write_file (const char *dir, const char *relative, const char *contents, gssize len)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, len, &error));
  g_assert_no_error (error);
}

static char *
sbsys_with_enclosures (void)
{
  g_autofree char *item = g_strdup (
      "<Item ID=\"7\"><Number>1</Number><Caption>Bilag</Caption><IsPublic>True</IsPublic><Fields/>"
      "<Enclosures>"
      "<Enclosure><Index>1</Index><Name>Kort over området</Name>"
      "<InstantiationFilePathRelative>Enclosures\\Kort ø.pdf</InstantiationFilePathRelative></Enclosure>"
      "<Enclosure><Index>2</Index><Name>Udenfor</Name>"
      "<InstantiationFilePathRelative>..\\..\\outside.txt</InstantiationFilePathRelative></Enclosure>"
      "<Enclosure><Index>3</Index><Name>Mangler</Name>"
      "<InstantiationFilePathRelative>Enclosures\\mangler.pdf</InstantiationFilePathRelative></Enclosure>"
      "</Enclosures></Item>");

  return sbsys_with_items (item);
}

/* The disk has the file in another case and in NFD ("o" + combining stroke is not
 * a thing; "å" as a + ring is); the export names it in NFC. */
static void
test_file_names (void)
{
  g_autofree char *dir = g_dir_make_tmp ("esdh-XXXXXX", NULL);
  g_autofree char *bundle = g_build_filename (dir, "bundle", NULL);
  g_autofree char *xml = sbsys_with_enclosures ();
  g_autofree char *nfd = g_utf8_normalize ("enclosures/KORT Ø.PDF", -1, G_NORMALIZE_NFD);
  g_autoptr (GFile) folder = g_file_new_for_path (bundle);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = NULL;
  RefMeeting *m;

  write_file (bundle, "Publication1.xml", xml, -1);
  write_file (bundle, nfd, "not really a pdf", -1);
  write_file (dir, "outside.txt", "secret", -1);
  import = ref_esdh_import_file (folder, NULL, NULL, &error);
  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);
  g_assert_cmpuint (n_attachments (m, 1), ==, 3);
  assert_attachment (m, 1, 0, "Kort over området", "KORT Ø.PDF");
  assert_note (import, "case or accents");
  /* A damaged PDF is noted. */
  assert_note (import, "could not be read as a PDF");
  /* Never out of the bundle. */
  assert_attachment (m, 1, 1, "Udenfor", NULL);
  assert_attachment (m, 1, 2, "Mangler", NULL);
  g_assert_cmpuint (ref_esdh_import_get_n_attachments_found (import), ==, 1);
  assert_valid_meeting (m);
  ref_test_remove_tree (dir);
}

typedef struct {
  const char *path;
  const char *contents; /* NULL: a symbolic link to "/etc/passwd" */
} ZipEntry;

static void
write_zip (const char *zip_path, const ZipEntry *entries, guint n)
{
  struct archive *a = archive_write_new ();

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, zip_path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *e = archive_entry_new ();

      archive_entry_set_pathname_utf8 (e, entries[i].path);
      archive_entry_set_perm (e, 0644);
      if (entries[i].contents == NULL)
        {
          archive_entry_set_filetype (e, AE_IFLNK);
          archive_entry_set_symlink (e, "/etc/passwd");
          archive_entry_set_size (e, 0);
          g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
        }
      else
        {
          archive_entry_set_filetype (e, AE_IFREG);
          archive_entry_set_size (e, (la_int64_t) strlen (entries[i].contents));
          g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
          g_assert_cmpint (archive_write_data (a, entries[i].contents, strlen (entries[i].contents)), ==,
                           (la_ssize_t) strlen (entries[i].contents));
        }
      archive_entry_free (e);
    }
  archive_write_close (a);
  archive_write_free (a);
}

static void
test_zip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("esdh-XXXXXX", NULL);
  g_autofree char *zip = g_build_filename (dir, "møde.zip", NULL);
  g_autofree char *unpack = g_build_filename (dir, "unpacked", NULL);
  g_autofree char *escaped = g_build_filename (dir, "evil.txt", NULL);
  g_autofree char *xml = sbsys_with_enclosures ();
  const ZipEntry entries[] = {
    { "export/Publication1.xml", xml },
    { "export/Enclosures/Kort ø.pdf", "%PDF-1.4 not really" },
    { "../evil.txt", "escaped" },
    { "export/link", NULL },
  };
  g_autoptr (GFile) zip_file = g_file_new_for_path (zip);
  g_autoptr (GFile) unpack_dir = g_file_new_for_path (unpack);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = NULL;
  g_autoptr (RefAttachment) attachment = NULL;
  RefMeeting *m;

  write_zip (zip, entries, G_N_ELEMENTS (entries));
  g_assert_true (ref_esdh_import_handles (zip_file));
  import = ref_esdh_import_file (zip_file, unpack_dir, NULL, &error);
  g_assert_no_error (error);
  m = ref_esdh_import_get_meeting (import);
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Teknisk Udvalg");
  assert_attachment (m, 1, 0, "Kort over området", "Kort ø.pdf");
  attachment = g_list_model_get_item (ref_agenda_item_get_attachments (item (m, 1)), 0);
  g_assert_true (g_str_has_prefix (ref_attachment_get_filename (attachment), unpack));
  /* "../evil.txt" and the link were not unpacked. */
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_notes (import, "was not unpacked"), ==, 2);
  assert_note (import, "unpacked into this folder");
  assert_valid_meeting (m);
  ref_test_remove_tree (dir);
}

static void
test_zip_without_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("esdh-XXXXXX", NULL);
  g_autofree char *zip = g_build_filename (dir, "andet.zip", NULL);
  g_autofree char *unpack = g_build_filename (dir, "unpacked", NULL);
  const ZipEntry entries[] = { { "notes.txt", "hello" } };
  g_autoptr (GFile) zip_file = g_file_new_for_path (zip);
  g_autoptr (GFile) unpack_dir = g_file_new_for_path (unpack);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = NULL;

  write_zip (zip, entries, G_N_ELEMENTS (entries));
  import = ref_esdh_import_file (zip_file, unpack_dir, NULL, &error);
  g_assert_null (import);
  g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT);

  /* A damaged zip. */
  g_clear_error (&error);
  write_file (dir, "broken.zip", "PK\003\004 and then nothing", -1);
  {
    g_autofree char *broken = g_build_filename (dir, "broken.zip", NULL);
    g_autoptr (GFile) broken_file = g_file_new_for_path (broken);
    g_autoptr (GFile) unpack2 = g_file_new_build_filename (dir, "unpacked2", NULL);
    g_autoptr (RefEsdhImport) none = ref_esdh_import_file (broken_file, unpack2, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_DAMAGED);
    g_assert_nonnull (strstr (error->message, "broken.zip"));
  }
  ref_test_remove_tree (dir);
}

static void
test_cancelled (void)
{
  g_autoptr (GFile) file = fixture ("edoc_ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = NULL;

  g_cancellable_cancel (cancellable);
  import = ref_esdh_import_file (file, NULL, cancellable, &error);
  g_assert_null (import);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("test-esdh");
  g_autofree char *data_home = g_build_filename (tmp_root, "data", NULL);

  /* Zips unpacked to the default place land in the temporary folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/esdh/bundle/sbsys-ballerup", test_sbsys_ballerup);
  g_test_add_func ("/esdh/bundle/sbsys-regionh", test_sbsys_regionh);
  g_test_add_func ("/esdh/bundle/kmd-edoc-ballerup", test_kmd_ballerup);
  g_test_add_func ("/esdh/bundle/fujitsu-middelfart", test_fujitsu_middelfart);
  g_test_add_func ("/esdh/bundle/acadre-syddjurs", test_acadre_syddjurs);
  g_test_add_func ("/esdh/bundle/every-export-validates", test_every_export_validates);
  g_test_add_func ("/esdh/input/not-an-export", test_not_an_export);
  g_test_add_func ("/esdh/input/entities-refused", test_entities_refused);
  g_test_add_func ("/esdh/input/repairs", test_repairs);
  g_test_add_func ("/esdh/input/items-and-fields", test_items_and_fields);
  g_test_add_func ("/esdh/input/item-number-text", test_item_number_text);
  g_test_add_func ("/esdh/input/html-fields", test_html_fields);
  g_test_add_func ("/esdh/input/full-text-without-separators", test_full_text_without_separators);
  g_test_add_func ("/esdh/input/list-marker-without-text", test_list_marker_without_text);
  g_test_add_func ("/esdh/input/fujitsu-decisions-and-absences", test_fujitsu_decisions_and_absences);
  g_test_add_func ("/esdh/bundle/file-names", test_file_names);
  g_test_add_func ("/esdh/bundle/zip", test_zip);
  g_test_add_func ("/esdh/bundle/zip-without-export", test_zip_without_export);
  g_test_add_func ("/esdh/input/cancelled", test_cancelled);
  return ref_test_run_and_clean (tmp_root);
}
