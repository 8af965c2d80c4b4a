/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The vocabulary table of Danish captions (src/io/ref-captions.c). */
#include "ref-captions.h"

static void
assert_caption (const char *text, RefCaptionRole role, RefSectionKind kind, const char *heading, const char *body,
                const char *date)
{
  RefCaption c;
  g_autofree char *actual_date = NULL;

  ref_caption_classify (text, &c);
  if (c.role != role || c.kind != kind)
    g_error ("“%s”: role %d kind %d, expected role %d kind %d", text, c.role, c.kind, role, kind);
  g_assert_cmpstr (c.heading, ==, heading);
  g_assert_cmpstr (c.body, ==, body);
  actual_date = c.year ? g_strdup_printf ("%04d-%02d-%02d", c.year, c.month, c.day) : NULL;
  g_assert_cmpstr (actual_date, ==, date);
  ref_caption_clear (&c);
}

static void
test_sections (void)
{
  assert_caption ("Sammendrag", REF_CAPTION_SECTION, REF_SECTION_KIND_SUMMARY, "Sammendrag", NULL, NULL);
  assert_caption ("RESUME", REF_CAPTION_SECTION, REF_SECTION_KIND_SUMMARY, "Resume", NULL, NULL);
  assert_caption ("Resumé:", REF_CAPTION_SECTION, REF_SECTION_KIND_SUMMARY, "Resumé", NULL, NULL);
  assert_caption ("Præsentation", REF_CAPTION_SECTION, REF_SECTION_KIND_SUMMARY, "Præsentation", NULL, NULL);
  assert_caption ("Baggrund", REF_CAPTION_SECTION, REF_SECTION_KIND_BACKGROUND, "Baggrund", NULL, NULL);
  assert_caption ("SAGSFREMSTILLING", REF_CAPTION_SECTION, REF_SECTION_KIND_CASE, "Sagsfremstilling", NULL, NULL);
  assert_caption ("Sagsbeskrivelse", REF_CAPTION_SECTION, REF_SECTION_KIND_CASE, "Sagsbeskrivelse", NULL, NULL);
  assert_caption ("Økonomiske konsekvenser og finansiering", REF_CAPTION_SECTION, REF_SECTION_KIND_ECONOMY,
                  "Økonomiske konsekvenser og finansiering", NULL, NULL);
  assert_caption ("ØKONOMISKE KONSEKVENSER", REF_CAPTION_SECTION, REF_SECTION_KIND_ECONOMY, "Økonomiske konsekvenser",
                  NULL, NULL);
  assert_caption ("Økonomi og organisatoriske konsekvenser", REF_CAPTION_SECTION, REF_SECTION_KIND_ECONOMY,
                  "Økonomi og organisatoriske konsekvenser", NULL, NULL);
  assert_caption ("Tidligere behandling", REF_CAPTION_SECTION, REF_SECTION_KIND_PREVIOUS, "Tidligere behandling", NULL,
                  NULL);
  assert_caption ("PUNKTET BEHANDLET TIDLIGERE", REF_CAPTION_SECTION, REF_SECTION_KIND_PREVIOUS,
                  "Punktet behandlet tidligere", NULL, NULL);
  assert_caption ("Beslutningstemaer", REF_CAPTION_SECTION, REF_SECTION_KIND_DECISION_THEME, "Beslutningstemaer", NULL,
                  NULL);
  /* Unknown captions are free sections under their own heading. */
  assert_caption ("KOMMUNIKATION", REF_CAPTION_FREE, REF_SECTION_KIND_FREE, "Kommunikation", NULL, NULL);
  assert_caption ("Høring", REF_CAPTION_FREE, REF_SECTION_KIND_FREE, "Høring", NULL, NULL);
  assert_caption ("Supplerende Sagsfremstilling", REF_CAPTION_FREE, REF_SECTION_KIND_FREE,
                  "Supplerende Sagsfremstilling", NULL, NULL);
  /* Short capitals are abbreviations, not shouting. */
  assert_caption ("PUK", REF_CAPTION_FREE, REF_SECTION_KIND_FREE, "PUK", NULL, NULL);
}

static void
test_recommendations_and_decisions (void)
{
  RefCaption c;

  assert_caption ("Indstilling", REF_CAPTION_RECOMMENDATION, REF_SECTION_KIND_FREE, "Indstilling", NULL, NULL);
  assert_caption ("Indstillinger", REF_CAPTION_RECOMMENDATION, REF_SECTION_KIND_FREE, "Indstillinger", NULL, NULL);
  assert_caption ("ADMINISTRATIONENS INDSTILLING", REF_CAPTION_RECOMMENDATION, REF_SECTION_KIND_FREE,
                  "Administrationens indstilling", "Administrationen", NULL);
  ref_caption_classify ("Forvaltningen foreslår", &c);
  g_assert_cmpint (c.role, ==, REF_CAPTION_RECOMMENDATION);
  g_assert_cmpstr (c.body, ==, "Forvaltningen");
  g_assert_cmpstr (c.intro, ==, "foreslår");
  ref_caption_clear (&c);

  assert_caption ("Beslutning", REF_CAPTION_DECISION, REF_SECTION_KIND_FREE, "Beslutning", NULL, NULL);
  assert_caption ("FORRETNINGSUDVALGETS BESLUTNING", REF_CAPTION_DECISION, REF_SECTION_KIND_FREE,
                  "Forretningsudvalgets beslutning", "Forretningsudvalget", NULL);
  assert_caption ("Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013", REF_CAPTION_DECISION,
                  REF_SECTION_KIND_FREE, "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013",
                  "Udvalget for plan, udvikling og kultur (PUK)", "2013-04-10");
  ref_caption_classify ("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2", &c);
  g_assert_cmpint (c.role, ==, REF_CAPTION_DECISION);
  g_assert_cmpstr (c.body, ==, "Sundheds- og Forebyggelsesudvalget");
  g_assert_cmpstr (c.reference, ==, "Punkt 2");
  g_assert_cmpint (c.year, ==, 2012);
  ref_caption_clear (&c);
  assert_caption ("Beslutning fra Økonomiudvalget, den 5. maj 2021", REF_CAPTION_DECISION, REF_SECTION_KIND_FREE,
                  "Beslutning fra Økonomiudvalget, den 5. maj 2021", "Økonomiudvalget", "2021-05-05");
  assert_caption ("Beslutning Økonomiudvalget den 12-03-2020", REF_CAPTION_DECISION, REF_SECTION_KIND_FREE,
                  "Beslutning Økonomiudvalget den 12-03-2020", "Økonomiudvalget", "2020-03-12");
  assert_caption ("Beslutning Godkendt", REF_CAPTION_FREE, REF_SECTION_KIND_FREE, "Beslutning Godkendt", NULL, NULL);
  /* "Økonomi…" is the economy section, but not in a committee's name. */
  assert_caption ("Økonomiudvalgets beslutning", REF_CAPTION_DECISION, REF_SECTION_KIND_FREE,
                  "Økonomiudvalgets beslutning", "Økonomiudvalget", NULL);

  assert_caption ("Beslutningen træffes af", REF_CAPTION_DECIDED_BY, REF_SECTION_KIND_FREE, "Beslutningen træffes af",
                  NULL, NULL);
  assert_caption ("SAGEN AFGØRES AF", REF_CAPTION_DECIDED_BY, REF_SECTION_KIND_FREE, "Sagen afgøres af", NULL, NULL);
  assert_caption ("Bilag", REF_CAPTION_ATTACHMENTS, REF_SECTION_KIND_FREE, "Bilag", NULL, NULL);
  assert_caption ("Sagsgang", REF_CAPTION_CASE_ROUTE, REF_SECTION_KIND_FREE, "Sagsgang", NULL, NULL);

  /* A sentence is no caption. */
  assert_caption ("Sagen blev drøftet, og udvalgets beslutning følger.", REF_CAPTION_FREE, REF_SECTION_KIND_FREE,
                  "Sagen blev drøftet, og udvalgets beslutning følger.", NULL, NULL);
}

static void
test_recommendation_lead (void)
{
  g_autofree char *by = NULL, *intro = NULL, *rest = NULL;
  g_autofree char *by2 = NULL, *intro2 = NULL, *rest2 = NULL;

  g_assert_true (ref_caption_split_recommendation_lead ("Center for IT og Digitalisering indstiller, at", &by, &intro,
                                                        &rest));
  g_assert_cmpstr (by, ==, "Center for IT og Digitalisering");
  g_assert_cmpstr (intro, ==, "indstiller, at");
  g_assert_cmpstr (rest, ==, "");
  g_assert_true (ref_caption_split_recommendation_lead ("Direktøren indstiller, at udvalget godkender planen.", &by2,
                                                        &intro2, &rest2));
  g_assert_cmpstr (by2, ==, "Direktøren");
  g_assert_cmpstr (rest2, ==, "udvalget godkender planen.");
  g_assert_false (ref_caption_split_recommendation_lead ("at det godkendes", NULL, NULL, NULL));
}

static void
test_dates_and_times (void)
{
  int y = 0, m = 0, d = 0;

  g_assert_true (ref_caption_parse_date ("04.12.2012", &y, &m, &d));
  g_assert_cmpint (y * 10000 + m * 100 + d, ==, 20121204);
  g_assert_true (ref_caption_parse_date ("2013-06-20 10:30", &y, &m, &d));
  g_assert_cmpint (y * 10000 + m * 100 + d, ==, 20130620);
  g_assert_true (ref_caption_parse_date ("tirsdag den 4. dec. 2012, kl. 13:00", &y, &m, &d));
  g_assert_cmpint (y * 10000 + m * 100 + d, ==, 20121204);
  g_assert_false (ref_caption_parse_date ("31-02-2020", &y, &m, &d));
  g_assert_false (ref_caption_parse_date ("4. smørrebrød 2012", &y, &m, &d));
  g_assert_cmpint (ref_caption_parse_time ("kl. 16.30"), ==, 16 * 60 + 30);
  g_assert_cmpint (ref_caption_parse_time ("Torsdag den 20.06.2013 Kl. 10:30"), ==, 10 * 60 + 30);
  /* A date's "20.06" is no time. */
  g_assert_cmpint (ref_caption_parse_time ("den 20.06.2013"), ==, -1);
}

static void
test_words (void)
{
  RefMeetingKind kind;
  gboolean closed = FALSE;

  g_assert_true (ref_caption_meeting_kind ("Referat endeligt godkendt", &kind));
  g_assert_cmpint (kind, ==, REF_MEETING_KIND_MINUTES);
  g_assert_true (ref_caption_meeting_kind ("Åben dagsorden", &kind));
  g_assert_cmpint (kind, ==, REF_MEETING_KIND_AGENDA);
  g_assert_false (ref_caption_meeting_kind ("Oprettet", &kind));
  g_assert_true (ref_caption_access_closed ("Lukket dagsorden", &closed) && closed);
  g_assert_true (ref_caption_access_closed ("Fortrolig publicering", &closed) && closed);
  g_assert_true (ref_caption_access_closed ("Åben", &closed) && !closed);
  g_assert_cmpint (ref_caption_case_type ("Til godkendelse"), ==, REF_CASE_TYPE_DECISION);
  g_assert_cmpint (ref_caption_case_type ("Til orientering"), ==, REF_CASE_TYPE_ORIENTATION);
  g_assert_cmpint (ref_caption_case_type ("Til drøftelse"), ==, REF_CASE_TYPE_DISCUSSION);
  g_assert_true (ref_caption_is_signature_item ("Underskriftsblad"));
  g_assert_false (ref_caption_is_signature_item ("Godkendelse af dagsorden"));
  g_assert_true (ref_caption_is_draft ("Draft"));
  g_assert_false (ref_caption_is_draft ("Final"));
  g_assert_true (ref_caption_is_placeholder ("Tomt indhold"));
  g_assert_false (ref_caption_is_placeholder ("Ingen."));
  g_assert_cmpint (ref_caption_attendance_list ("Tilstede"), ==, REF_ATTENDANCE_LIST_PRESENT);
  g_assert_cmpint (ref_caption_attendance_list ("Afbud/Fraværende"), ==, REF_ATTENDANCE_LIST_ABSENT);
  g_assert_cmpint (ref_caption_attendance_list ("Sekretær"), ==, REF_ATTENDANCE_LIST_OFFICIALS);
  g_assert_true (ref_caption_is_plain_member_role ("Medlem"));
  g_assert_false (ref_caption_is_plain_member_role ("Formand"));
  g_assert_cmpint (ref_caption_participant_type_for_role ("Sekretær"), ==, REF_PARTICIPANT_TYPE_OFFICIAL);
  g_assert_cmpint (ref_caption_participant_type_for_role ("1. suppleant"), ==, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  g_assert_true (ref_caption_is_absence_lead ("Følgende deltog ikke i behandlingen af punktet:"));
}

static void
test_item_lines (void)
{
  g_assert_true (ref_caption_is_previous_treatment ("Sundheds- og Forebyggelsesudvalget den 30. maj 2012 Punkt 7"));
  g_assert_true (ref_caption_is_previous_treatment ("Kommunalbestyrelsen den 30. januar 2012 Punkt 5"));
  g_assert_false (ref_caption_is_previous_treatment ("Sagen blev behandlet i maj."));
  g_assert_true (ref_caption_is_attachment_reference ("2012-200782 - Bygningsliste og prioriteringssystem"));
  g_assert_true (ref_caption_is_attachment_reference ("Bilag 2: Notat"));
  g_assert_true (ref_caption_is_attachment_reference ("Ingen"));
  g_assert_false (ref_caption_is_attachment_reference ("c. Konference den 10. december 2012"));
  g_assert_true (ref_caption_is_none ("Ingen bilag."));
  g_assert_cmpstr (ref_caption_place_line ("i Mødecenter C, Lokale 32"), ==, "Mødecenter C, Lokale 32");
  g_assert_null (ref_caption_place_line ("Tilstede"));
}

static void
test_labels (void)
{
  const char *value = NULL;

  g_assert_cmpint (ref_caption_match_label ("Sagsnr.: 2012-28504", &value), ==, REF_CAPTION_LABEL_CASE_NUMBER);
  g_assert_cmpstr (value, ==, "2012-28504");
  g_assert_cmpint (ref_caption_match_label ("Dok.nr.: 2012-203438", &value), ==, REF_CAPTION_LABEL_DOCUMENT_NUMBER);
  g_assert_cmpint (ref_caption_match_label ("Mødested: Rådhuset", &value), ==, REF_CAPTION_LABEL_PLACE);
  g_assert_cmpstr (value, ==, "Rådhuset");
  g_assert_cmpint (ref_caption_match_label ("Sagen er ny", &value), ==, REF_CAPTION_LABEL_NONE);
}

/* The standard decision phrases and the outcome they state; the first phrase in the
 * text decides, and a refusal is never read as its verb. */
static void
test_decision_outcomes (void)
{
  static const struct {
    const char *text;
    RefCaptionOutcome outcome;
  } cases[] = {
    { "Godkendt.", REF_CAPTION_OUTCOME_APPROVED },
    { "Indstillingen godkendt.", REF_CAPTION_OUTCOME_APPROVED },
    { "INDSTILLINGEN BLEV DERMED GODKENDT.", REF_CAPTION_OUTCOME_APPROVED },
    { "Godkendt, idet sagen oversendes til Økonomiudvalget.", REF_CAPTION_OUTCOME_APPROVED },
    { "Tiltrådt.", REF_CAPTION_OUTCOME_APPROVED },
    { "Anbefales.", REF_CAPTION_OUTCOME_RECOMMENDED },
    { "Indstillingen anbefales godkendt over for Økonomiudvalget.", REF_CAPTION_OUTCOME_RECOMMENDED },
    { "Taget til efterretning.", REF_CAPTION_OUTCOME_NOTED },
    { "Udvalget tog orienteringen til efterretning.", REF_CAPTION_OUTCOME_NOTED },
    { "Udsat.", REF_CAPTION_OUTCOME_POSTPONED },
    { "Sagen udsættes til næste møde.", REF_CAPTION_OUTCOME_POSTPONED },
    { "Forkastet.", REF_CAPTION_OUTCOME_REJECTED },
    { "Ikke godkendt.", REF_CAPTION_OUTCOME_REJECTED },
    { "Indstillingen blev ikke godkendt.", REF_CAPTION_OUTCOME_REJECTED },
    { "Udvalget godkendte ikke indstillingen.", REF_CAPTION_OUTCOME_REJECTED },
    { "Oversendt til Kommunalbestyrelsen.", REF_CAPTION_OUTCOME_FORWARDED },
    /* Words that only contain a phrase say nothing. */
    { "Indsatsen for socialt udsatte borgere drøftet.", REF_CAPTION_OUTCOME_NONE },
    { "Drøftet.", REF_CAPTION_OUTCOME_NONE },
    { "", REF_CAPTION_OUTCOME_NONE },
  };
  RefCaptionOutcome outcome;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    if (ref_caption_decision_outcome (cases[i].text) != cases[i].outcome)
      g_error ("“%s”: outcome %d, expected %d", cases[i].text, ref_caption_decision_outcome (cases[i].text),
               cases[i].outcome);
  g_assert_cmpint (ref_caption_decision_outcome (NULL), ==, REF_CAPTION_OUTCOME_NONE);
  g_assert_cmpstr (ref_caption_outcome_to_nick (REF_CAPTION_OUTCOME_NOTED), ==, "noted");
  g_assert_null (ref_caption_outcome_to_nick (REF_CAPTION_OUTCOME_NONE));
  g_assert_true (ref_caption_outcome_from_nick ("forwarded", &outcome));
  g_assert_cmpint (outcome, ==, REF_CAPTION_OUTCOME_FORWARDED);
  g_assert_false (ref_caption_outcome_from_nick ("maybe", &outcome));

  /* The sentence printed for an outcome without text states that outcome. */
  g_assert_null (ref_caption_outcome_sentence (REF_CAPTION_OUTCOME_NONE));
  for (int o = REF_CAPTION_OUTCOME_APPROVED; o < REF_CAPTION_N_OUTCOMES; o++)
    g_assert_cmpint (ref_caption_decision_outcome (ref_caption_outcome_sentence (o)), ==, o);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/captions/sections", test_sections);
  g_test_add_func ("/captions/recommendations-and-decisions", test_recommendations_and_decisions);
  g_test_add_func ("/captions/recommendation-lead", test_recommendation_lead);
  g_test_add_func ("/captions/dates-and-times", test_dates_and_times);
  g_test_add_func ("/captions/words", test_words);
  g_test_add_func ("/captions/labels", test_labels);
  g_test_add_func ("/captions/item-lines", test_item_lines);
  g_test_add_func ("/captions/decision-outcomes", test_decision_outcomes);
  return g_test_run ();
}
