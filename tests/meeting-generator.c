/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "meeting-generator.h"

#include <string.h>

/* Words of ordinary Danish committee prose, and a few very long compounds that a
 * narrow table column has to break inside. */
static const char *const words[] = {
  "kommunen", "borgerne", "udvalget", "indsatsen", "administrationen", "vurderer", "at", "der", "er",
  "behov", "for", "en", "styrket", "sammenhæng", "mellem", "social-", "og", "sundhedsområdet", "med",
  "fokus", "på", "kvalitet", "økonomi", "tilbuddet", "medarbejderne", "opfølgning", "handleplan",
  "tilsynet", "budget", "2025", "i", "forhold", "til", "målgruppen", "de", "pladser", "samarbejdet",
  "Region", "Hovedstaden", "beskæftigelse", "uddannelse", "løntimer", "praksis", "dokumentation",
  "ledelse", "trivsel", "sagsbehandlingen", "kvalitetsmodellen", "lovgivningen", "servicelovens",
  "§", "107", "bosteder", "afdelingen", "den", "videre", "proces", "forventes", "afsluttet", "inden",
  "udgangen", "af", "året", "Økonomiudvalget", "Kommunalbestyrelsen", "høring", "høringssvar",
  "ældre", "børn", "unge", "familier", "frivillighed", "nærledelse", "kompetenceløft", "IPS-indsatsen",
  "mio.", "kr.", "pct.", "jf.", "bl.a.", "herunder", "samlet", "set", "vil", "blive", "fremlagt",
};

static const char *const long_words[] = {
  "beskæftigelsesindsatsens", "kvalitetsudviklingsprojektet", "døgnbehandlingstilbuddenes",
  "sagsbehandlingsfristerne", "handicapsagsbarometeret",
};

static const char *const parties[] = { "A", "V", "F", "Ø", "C", "D", "Løsgænger" };

typedef struct {
  GRand *rand;
  guint closed_item; /* 0, or the number of the closed item being generated */
} Gen;

static const char *
pick (Gen *g, const char *const *list, gsize n)
{
  return list[g_rand_int_range (g->rand, 0, (int) n)];
}

static char *
sentence (Gen *g, guint n_words, gboolean capital)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, pick (g, words, G_N_ELEMENTS (words)));
    }
  if (g->closed_item > 0)
    g_string_append_printf (out, " %s%u", REF_TEST_CLOSED_MARKER, g->closed_item);
  if (capital && out->len > 0 && g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}

static void
append_paragraph (Gen *g, RefText *text, guint n_words)
{
  RefTextInline *inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));
  g_autofree char *a = sentence (g, n_words / 3 + 1, TRUE);
  g_autofree char *b = sentence (g, 3, FALSE);
  g_autofree char *c = sentence (g, n_words / 2 + 1, FALSE);

  ref_text_inline_append (inl, a, REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, " ", REF_STYLE_NONE, NULL);
  switch (g_rand_int_range (g->rand, 0, 5))
    {
    case 0:
      ref_text_inline_append (inl, b, REF_STYLE_BOLD, NULL);
      break;
    case 1:
      ref_text_inline_append (inl, b, REF_STYLE_ITALIC, NULL);
      break;
    case 2:
      ref_text_inline_append (inl, b, REF_STYLE_UNDERLINE, NULL);
      break;
    case 3:
      ref_text_inline_append (inl, "https://ballerup.dk/politik/dagsordener-og-referater", REF_STYLE_NONE,
                              "https://ballerup.dk/politik/dagsordener-og-referater");
      break;
    default:
      ref_text_inline_append (inl, b, REF_STYLE_NONE, NULL);
      break;
    }
  ref_text_inline_append (inl, " ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, c, REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, ".", REF_STYLE_NONE, NULL);
}

static void
append_list (Gen *g, RefText *text, gboolean numbered)
{
  RefTextBlock *block = ref_text_append_block (text, numbered ? REF_BLOCK_NUMBERED_LIST : REF_BLOCK_BULLET_LIST);
  guint n = g_rand_int_range (g->rand, 2, 7);

  if (numbered)
    ref_text_block_set_start (block, g_rand_boolean (g->rand) ? 1 : 7);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = sentence (g, g_rand_int_range (g->rand, 3, 30), TRUE);

      ref_text_inline_append (ref_text_block_append_item (block), s, REF_STYLE_NONE, NULL);
    }
}

static void
append_table (Gen *g, RefText *text)
{
  RefTextBlock *block = ref_text_append_block (text, REF_BLOCK_TABLE);
  guint n_cols = g_rand_int_range (g->rand, 2, 6);
  guint n_rows = g_rand_int_range (g->rand, 3, 9);

  for (guint r = 0; r < n_rows; r++)
    {
      RefTextRow *row = ref_text_block_append_row (block, r == 0);

      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *s = NULL;

          if (r == 0)
            s = sentence (g, g_rand_int_range (g->rand, 1, 3), TRUE);
          else if (c == 0 && g_rand_int_range (g->rand, 0, 4) == 0)
            s = g_strdup (pick (g, long_words, G_N_ELEMENTS (long_words)));
          else if (c > 0 && g_rand_boolean (g->rand))
            s = g_strdup_printf ("%d,%d", g_rand_int_range (g->rand, 0, 900), g_rand_int_range (g->rand, 0, 10));
          else
            s = sentence (g, g_rand_int_range (g->rand, 1, 14), TRUE);
          if (g->closed_item > 0 && strstr (s, REF_TEST_CLOSED_MARKER) == NULL)
            {
              char *marked = g_strdup_printf ("%s %s%u", s, REF_TEST_CLOSED_MARKER, g->closed_item);

              g_free (s);
              s = marked;
            }
          ref_text_inline_append (ref_text_row_append_cell (row), s, REF_STYLE_NONE, NULL);
        }
    }
}

static RefText *
section_text (Gen *g)
{
  RefText *text = ref_text_new ();
  guint n_paragraphs = g_rand_int_range (g->rand, 1, 6);

  for (guint p = 0; p < n_paragraphs; p++)
    {
      append_paragraph (g, text, g_rand_int_range (g->rand, 15, 110));
      switch (g_rand_int_range (g->rand, 0, 9))
        {
        case 0:
          append_list (g, text, FALSE);
          break;
        case 1:
          append_list (g, text, TRUE);
          break;
        case 2:
          append_table (g, text);
          break;
        default:
          break;
        }
    }
  return text;
}

static char *
item_title (Gen *g, guint number)
{
  guint n_words = number % 5 == 3 ? g_rand_int_range (g->rand, 18, 30) : g_rand_int_range (g->rand, 2, 8);

  return sentence (g, n_words, TRUE);
}

static RefParticipant *
add_participant (RefMeeting *meeting, const char *name, const char *party, const char *role,
                 RefParticipantType type, RefAttendance attendance)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();

  ref_participant_set_name (p, name);
  ref_participant_set_party (p, party);
  ref_participant_set_role (p, role);
  ref_participant_set_participant_type (p, type);
  ref_participant_set_attendance (p, attendance);
  ref_meeting_add_participant (meeting, p);
  return p; /* the meeting holds a reference */
}

static void
add_participants (RefMeeting *meeting)
{
  static const char *const names[] = {
    "Maria Lundahl Assov", "Johan Müller", "Lolan Marianne Ottesen", "Kate Svarrer",
    "Per Mortensen", "André Amingsø", "Miasser Hawwa",
  };
  RefParticipant *absent_member = NULL;
  RefParticipant *p;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      p = add_participant (meeting, names[i], parties[i], i == 1 ? "formand" : NULL, REF_PARTICIPANT_TYPE_MEMBER,
                           i == 4 ? REF_ATTENDANCE_ABSENT : REF_ATTENDANCE_PRESENT);
      if (i == 4)
        absent_member = p;
      if (i == 6)
        ref_participant_add_movement (p, REF_MOVEMENT_KIND_LEFT, 3, TRUE, 15 * 60 + 10);
    }
  p = add_participant (meeting, "Søren Ærø Åberg", "A", NULL, REF_PARTICIPANT_TYPE_SUBSTITUTE,
                       REF_ATTENDANCE_PRESENT);
  ref_participant_set_substitute_for (p, absent_member);
  add_participant (meeting, "Jannik Karoli Plum Nielsen", NULL, "direktør", REF_PARTICIPANT_TYPE_OFFICIAL,
                   REF_ATTENDANCE_PRESENT);
  p = add_participant (meeting, "Dorte Dahl", NULL, "centerchef", REF_PARTICIPANT_TYPE_OFFICIAL,
                       REF_ATTENDANCE_ABSENT);
  ref_participant_set_notice (p, REF_NOTICE_WITHOUT);
}

static RefParticipant *
participant_at (RefMeeting *meeting, guint index)
{
  RefParticipant *p = g_list_model_get_item (ref_meeting_get_participants (meeting), index);

  g_object_unref (p); /* the meeting holds a reference */
  return p;
}

static RefDecision *
make_decision (Gen *g, RefMeeting *meeting, guint number)
{
  RefDecision *decision = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new ();
  g_autoptr (GDateTime) date = g_date_time_new_local (2025, 5, 6, 0, 0, 0);

  append_paragraph (g, text, g_rand_int_range (g->rand, 3, 30));
  ref_decision_set_text (decision, text);
  if (number % 2 == 0)
    {
      ref_decision_set_deciding_body (decision, "Socialudvalget");
      ref_decision_set_date (decision, date);
    }
  if (number % 3 == 0)
    {
      g_autoptr (RefVote) vote = ref_vote_new (4, 1, 1);
      g_autoptr (RefStatement) minority = ref_statement_new ();
      g_autoptr (RefText) minority_text = ref_text_new ();

      ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
      ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Johan Müller (V)");
      ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Lolan Ottesen (F)");
      ref_vote_add_voter (vote, REF_VOTE_CHOICE_FOR, "Søren Ærø Åberg (A)");
      ref_vote_add_voter (vote, REF_VOTE_CHOICE_AGAINST, "Kate Svarrer (Ø)");
      ref_vote_add_voter (vote, REF_VOTE_CHOICE_ABSTAIN, "André Amingsø (D)");
      ref_vote_set_outcome (vote, "Indstillingen blev dermed godkendt.");
      ref_decision_set_vote (decision, vote);

      ref_statement_set_kind (minority, REF_STATEMENT_KIND_MINORITY);
      ref_statement_set_participant (minority, participant_at (meeting, 3));
      ref_statement_set_by (minority, "Kate Svarrer (Ø)");
      append_paragraph (g, minority_text, g_rand_int_range (g->rand, 10, 60));
      ref_statement_set_text (minority, minority_text);
      g_list_store_append (G_LIST_STORE (ref_decision_get_statements (decision)), minority);
    }
  if (number % 6 == 0)
    {
      g_autoptr (RefStatement) protocol = ref_statement_new ();
      g_autoptr (RefText) protocol_text = ref_text_new ();

      ref_statement_set_kind (protocol, REF_STATEMENT_KIND_PROTOCOL);
      ref_statement_set_participant (protocol, participant_at (meeting, 5));
      append_paragraph (g, protocol_text, g_rand_int_range (g->rand, 10, 30));
      ref_statement_set_text (protocol, protocol_text);
      g_list_store_append (G_LIST_STORE (ref_decision_get_statements (decision)), protocol);
    }
  return decision;
}

static void
add_item (Gen *g, RefMeeting *meeting, guint number)
{
  static const RefSectionKind kinds[] = {
    REF_SECTION_KIND_SUMMARY, REF_SECTION_KIND_BACKGROUND, REF_SECTION_KIND_CASE,
    REF_SECTION_KIND_FREE, REF_SECTION_KIND_ECONOMY, REF_SECTION_KIND_FURTHER,
  };
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefRecommendation) recommendation = ref_recommendation_new ();
  g_autoptr (RefText) points = ref_text_new ();
  g_autoptr (RefDecision) decision = NULL;
  g_autofree char *case_number = g_strdup_printf ("00.01.%02u-P35-%u-25", number % 100, number);
  gboolean closed = number % 7 == 4;
  guint n_sections = g_rand_int_range (g->rand, 3, 7);
  RefTextBlock *list;

  g->closed_item = closed ? number : 0;
  ref_agenda_item_set_number (item, number);
  {
    g_autofree char *title = item_title (g, number);
    ref_agenda_item_set_title (item, title);
  }
  ref_agenda_item_set_case_number (item, case_number);
  ref_agenda_item_set_closed (item, closed);
  if (closed && number % 2 == 0)
    ref_agenda_item_set_public_title (item, "Lukket punkt: personalesag");
  ref_agenda_item_set_decided_by (item, "Socialudvalget");

  for (guint s = 0; s < n_sections; s++)
    {
      g_autoptr (RefText) text = section_text (g);
      RefSectionKind kind = kinds[s % G_N_ELEMENTS (kinds)];
      g_autofree char *heading = kind == REF_SECTION_KIND_FREE ? sentence (g, 3, TRUE) : NULL;

      ref_agenda_item_add_section (item, kind, heading, text);
      if (s == 3 && number % 4 == 1)
        {
          GListModel *sections = ref_agenda_item_get_sections (item);
          g_autoptr (RefSection) last = g_list_model_get_item (sections, g_list_model_get_n_items (sections) - 1);

          ref_section_set_level (last, 2);
        }
    }

  if (number % 6 == 5)
    {
      g_autoptr (RefDecision) prior = make_decision (g, meeting, 1);
      g_autoptr (GDateTime) date = g_date_time_new_local (2024, 11, 12, 0, 0, 0);

      ref_decision_set_deciding_body (prior, "Økonomiudvalget");
      ref_decision_set_date (prior, date);
      ref_decision_set_reference (prior, "pkt. 12");
      g_list_store_append (G_LIST_STORE (ref_agenda_item_get_prior_decisions (item)), prior);
    }

  ref_recommendation_set_by (recommendation, "Center for Social og Arbejdsmarked");
  ref_recommendation_set_intro (recommendation, "indstiller, at");
  list = ref_text_append_block (points, REF_BLOCK_NUMBERED_LIST);
  for (guint i = 0, n = g_rand_int_range (g->rand, 1, 4); i < n; i++)
    {
      g_autofree char *s = sentence (g, g_rand_int_range (g->rand, 5, 25), TRUE);

      ref_text_inline_append (ref_text_block_append_item (list), s, REF_STYLE_NONE, NULL);
    }
  ref_recommendation_set_text (recommendation, points);
  ref_agenda_item_set_recommendation (item, recommendation);

  decision = make_decision (g, meeting, number);
  ref_agenda_item_add_decision (item, decision);

  if (number % 9 == 2)
    {
      g_autoptr (RefDisqualification) d = ref_disqualification_new ();

      ref_disqualification_set_participant (d, participant_at (meeting, 2));
      ref_disqualification_set_left (d, TRUE);
      ref_disqualification_set_reason (d, "Nært familiemedlem er ansat på tilbuddet");
      g_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), d);
    }

  for (guint i = 0, n = g_rand_int_range (g->rand, 0, 4); i < n; i++)
    {
      g_autoptr (RefAttachment) a = ref_attachment_new ();
      g_autofree char *title = sentence (g, g_rand_int_range (g->rand, 2, 12), TRUE);

      ref_attachment_set_title (a, title);
      ref_attachment_set_recommended (a, i == 0);
      g_list_store_append (G_LIST_STORE (ref_agenda_item_get_attachments (item)), a);
    }
  g->closed_item = 0;
  ref_meeting_add_item (meeting, item);
}

RefMeeting *
ref_test_meeting_generate (guint n_items, guint32 seed)
{
  RefMeeting *meeting = ref_meeting_new ();
  g_autoptr (GDateTime) start = g_date_time_new_local (2025, 5, 6, 13, 0, 0);
  g_autoptr (GDateTime) end = g_date_time_new_local (2025, 5, 6, 16, 30, 0);
  Gen g = { g_rand_new_with_seed (seed), 0 };

  ref_meeting_set_kind (meeting, REF_MEETING_KIND_MINUTES);
  ref_meeting_set_organisation (meeting, "Ballerup Kommune");
  ref_meeting_set_committee (meeting, "Socialudvalget");
  ref_meeting_set_start (meeting, start);
  ref_meeting_set_end (meeting, end);
  ref_meeting_set_location (meeting, "Rådhuset, mødelokale 1, Hold-An Vej 7, 2750 Ballerup");
  add_participants (meeting);
  for (guint i = 1; i <= n_items; i++)
    add_item (&g, meeting, i);
  g_rand_free (g.rand);
  return meeting;
}
