/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The autosave's writer cache (RefXmlWriteCache): whatever is edited, undone or
 * redone, its fragments joined are byte for byte what the whole writer gives. The
 * attack: long random sequences of edits of every model class on a generated
 * meeting, compared every few steps; and the cache must really reuse what did not
 * change, or it is no faster than the writer. */
#include <string.h>

#include "meeting-generator.h"
#include "ref-xml.h"

typedef struct {
  RefMeeting *meeting;
  GRand *rand;
  guint serial; /* makes every new text distinct */
} Edits;

static guint
pick (Edits *e, guint n)
{
  return n == 0 ? 0 : (guint) g_rand_int_range (e->rand, 0, (gint32) n);
}

/* (transfer full) (nullable) a random element of @list. */
static gpointer
pick_in (Edits *e, GListModel *list)
{
  guint n = g_list_model_get_n_items (list);

  return n == 0 ? NULL : g_list_model_get_item (list, pick (e, n));
}

static RefAgendaItem *
pick_item (Edits *e)
{
  return pick_in (e, ref_meeting_get_items (e->meeting));
}

static RefParticipant *
pick_participant (Edits *e)
{
  return pick_in (e, ref_meeting_get_participants (e->meeting));
}

static char *
new_text (Edits *e, const char *what)
{
  return g_strdup_printf ("%s %u <&> æøå", what, ++e->serial);
}

static RefText *
new_paragraph (Edits *e, const char *what)
{
  g_autofree char *text = new_text (e, what);

  return ref_text_new_paragraph (text);
}

static RefDecision *
new_decision (Edits *e)
{
  RefDecision *d = ref_decision_new ();
  g_autoptr (RefText) text = new_paragraph (e, "Beslutning");

  ref_decision_set_text (d, text);
  ref_decision_set_deciding_body (d, "Økonomiudvalget");
  return d;
}

static RefAgendaItem *
new_item (Edits *e)
{
  RefAgendaItem *item = ref_agenda_item_new ();
  g_autoptr (RefText) text = new_paragraph (e, "Sagsfremstilling");
  g_autoptr (RefDecision) decision = new_decision (e);
  g_autofree char *title = new_text (e, "Nyt punkt");

  ref_agenda_item_set_number (item, ref_meeting_next_item_number (e->meeting));
  ref_agenda_item_set_title (item, title);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
  ref_agenda_item_add_decision (item, decision);
  return item;
}

/* One random edit, through the model's own API (what the editor calls). */
static void
random_edit (Edits *e)
{
  RefHistory *history = ref_meeting_get_history (e->meeting);
  g_autoptr (RefAgendaItem) item = pick_item (e);
  g_autoptr (RefParticipant) participant = pick_participant (e);
  guint what = pick (e, 24);

  if (item == NULL && what < 16)
    what = 16; /* add an item */
  switch (what)
    {
    case 0: /* text of a section */
      {
        g_autoptr (RefSection) s = pick_in (e, ref_agenda_item_get_sections (item));
        g_autoptr (RefText) text = new_paragraph (e, "Afsnit");
        if (s != NULL)
          ref_section_set_text (s, text);
        else
          ref_agenda_item_add_section (item, REF_SECTION_KIND_BACKGROUND, NULL, text);
      }
      break;
    case 1: /* text of a decision */
    case 2:
      {
        g_autoptr (RefDecision) d = pick_in (e, ref_agenda_item_get_decisions (item));
        g_autoptr (RefText) text = new_paragraph (e, "Beslutningstekst");
        if (d != NULL)
          ref_decision_set_text (d, text);
      }
      break;
    case 3: /* the recommendation: its text, or a new one */
      {
        RefRecommendation *rec = ref_agenda_item_get_recommendation (item);
        g_autoptr (RefText) text = new_paragraph (e, "Indstilling");
        if (rec != NULL && pick (e, 3) > 0)
          ref_recommendation_set_text (rec, text);
        else
          {
            g_autoptr (RefRecommendation) fresh = ref_recommendation_new ();
            g_autofree char *intro = new_text (e, "Direktionen indstiller");
            ref_agenda_item_set_recommendation (item, fresh);
            ref_recommendation_set_intro (fresh, intro); /* after attaching: recorded */
            ref_recommendation_set_text (fresh, text);
          }
      }
      break;
    case 4: /* a vote */
      {
        g_autoptr (RefDecision) d = pick_in (e, ref_agenda_item_get_decisions (item));
        if (d != NULL)
          {
            RefVote *vote = ref_vote_new ((int) pick (e, 9), (int) pick (e, 9), (int) pick (e, 3) - 1);
            ref_vote_add_voter (vote, REF_VOTE_CHOICE_AGAINST, "Ø");
            ref_decision_set_vote (d, vote);
            ref_vote_unref (vote);
          }
      }
      break;
    case 5: /* add a decision */
      {
        g_autoptr (RefDecision) d = new_decision (e);
        ref_agenda_item_add_decision (item, d);
      }
      break;
    case 6: /* remove a decision */
      {
        GListModel *decisions = ref_agenda_item_get_decisions (item);
        if (g_list_model_get_n_items (decisions) > 0)
          ref_list_store_remove (G_LIST_STORE (decisions), pick (e, g_list_model_get_n_items (decisions)));
      }
      break;
    case 7: /* a statement by a participant */
      {
        g_autoptr (RefDecision) d = pick_in (e, ref_agenda_item_get_decisions (item));
        if (d != NULL)
          {
            g_autoptr (RefStatement) st = ref_statement_new ();
            g_autoptr (RefText) text = new_paragraph (e, "Protokolbemærkning");
            ref_statement_set_kind (st, REF_STATEMENT_KIND_PROTOCOL);
            ref_statement_set_participant (st, participant);
            ref_statement_set_text (st, text);
            ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (d)), st);
          }
      }
      break;
    case 8: /* a disqualification */
      if (participant != NULL)
        {
          g_autoptr (RefDisqualification) dq = ref_disqualification_new ();
          g_autofree char *reason = new_text (e, "Inhabil");
          ref_disqualification_set_participant (dq, participant);
          ref_disqualification_set_reason (dq, reason);
          ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), dq);
        }
      break;
    case 9: /* an absence override */
      ref_agenda_item_set_absence_overridden (item, TRUE);
      if (participant != NULL)
        ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (item)), participant);
      break;
    case 10: /* the item's own properties */
      {
        g_autofree char *title = new_text (e, "Titel");
        ref_agenda_item_set_title (item, title);
        ref_agenda_item_set_closed (item, pick (e, 2));
      }
      break;
    case 11: /* a comment on a section */
      {
        g_autoptr (RefComment) c = ref_comment_new ();
        g_autoptr (RefSection) s = pick_in (e, ref_agenda_item_get_sections (item));
        g_autofree char *text = new_text (e, "Kommentar");
        ref_comment_set_author (c, "Revisor");
        ref_comment_set_text (c, text);
        ref_comment_set_section (c, s);
        ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), c);
      }
      break;
    case 12: /* a decision moved to another item */
      {
        g_autoptr (RefAgendaItem) other = pick_item (e);
        GListModel *from = ref_agenda_item_get_decisions (item);
        g_autoptr (RefDecision) d = pick_in (e, from);
        if (d != NULL && other != item)
          {
            ref_history_begin_group (history);
            ref_list_store_remove_item (G_LIST_STORE (from), d);
            ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_decisions (other)), d);
            ref_history_end_group (history);
          }
      }
      break;
    case 13: /* the same section shown in two items' comments */
      {
        g_autoptr (RefAgendaItem) other = pick_item (e);
        g_autoptr (RefSection) s = pick_in (e, ref_agenda_item_get_sections (other));
        g_autoptr (RefComment) c = ref_comment_new ();
        ref_comment_set_author (c, "Revisor");
        ref_comment_set_section (c, s);
        ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (item)), c);
        if (s != NULL)
          {
            g_autoptr (RefText) text = new_paragraph (e, "Delt afsnit");
            ref_section_set_text (s, text);
          }
      }
      break;
    case 14: /* remove an item */
      ref_meeting_remove_item (e->meeting, item);
      break;
    case 15: /* move an item */
      {
        guint n = ref_meeting_get_n_items (e->meeting);
        ref_meeting_move_item (e->meeting, pick (e, n), pick (e, n));
      }
      break;
    case 16: /* add an item */
      {
        g_autoptr (RefAgendaItem) fresh = new_item (e);
        ref_meeting_insert_item (e->meeting, pick (e, ref_meeting_get_n_items (e->meeting) + 1), fresh);
      }
      break;
    case 17: /* add a participant */
      {
        g_autoptr (RefParticipant) p = ref_participant_new ();
        g_autofree char *name = new_text (e, "Medlem");
        ref_participant_set_name (p, name);
        ref_participant_set_party (p, "V");
        ref_meeting_add_participant (e->meeting, p);
      }
      break;
    case 18: /* remove a participant */
      if (participant != NULL)
        ref_meeting_remove_participant (e->meeting, participant);
      break;
    case 19: /* rename a participant, or move them in the list */
      if (participant != NULL && pick (e, 2))
        {
          g_autofree char *name = new_text (e, "Navn");
          ref_participant_set_name (participant, name);
        }
      else
        {
          guint n = g_list_model_get_n_items (ref_meeting_get_participants (e->meeting));
          if (n > 0)
            ref_list_store_move (G_LIST_STORE (ref_meeting_get_participants (e->meeting)), pick (e, n), pick (e, n));
        }
      break;
    case 20: /* a movement */
      if (participant != NULL)
        ref_participant_add_movement (participant, pick (e, 2) ? REF_MOVEMENT_KIND_LEFT : REF_MOVEMENT_KIND_ARRIVED,
                                      pick (e, 20) + 1, pick (e, 2), (int) pick (e, 1440));
      break;
    case 21: /* the header */
      {
        g_autofree char *committee = new_text (e, "Udvalg");
        ref_meeting_set_committee (e->meeting, committee);
      }
      break;
    case 22: /* undo, several steps at times (undo of removals among them) */
      for (guint i = pick (e, 4) + 1; i > 0; i--)
        ref_history_undo (history);
      break;
    case 23: /* redo */
      for (guint i = pick (e, 3) + 1; i > 0; i--)
        ref_history_redo (history);
      break;
    default:
      g_assert_not_reached ();
    }
  /* Sometimes as one burst of typing, sometimes as separate steps. */
  if (pick (e, 3) == 0)
    ref_history_seal (history);
}

static GPtrArray *previous_fragments;
static GBytes *previous_bytes;

static void
assert_cache_equals_writer (RefXmlWriteCache *cache, RefMeeting *meeting, guint step)
{
  g_autoptr (GPtrArray) fragments = ref_xml_write_cache_write (cache, meeting);
  g_autoptr (GBytes) cached = ref_xml_fragments_join (fragments);
  g_autoptr (GBytes) whole = ref_xml_write_bytes (meeting);

  /* What the window does to skip identical copies agrees with the bytes. */
  if (previous_fragments != NULL)
    g_assert_cmpint (ref_xml_fragments_equal (fragments, previous_fragments), ==,
                     g_bytes_equal (cached, previous_bytes));
  g_clear_pointer (&previous_fragments, g_ptr_array_unref);
  g_clear_pointer (&previous_bytes, g_bytes_unref);
  previous_fragments = g_ptr_array_ref (fragments);
  previous_bytes = g_bytes_ref (cached);

  if (!g_bytes_equal (cached, whole))
    {
      gsize a, b, at = 0;
      const char *x = g_bytes_get_data (cached, &a), *y = g_bytes_get_data (whole, &b);

      while (at < MIN (a, b) && x[at] == y[at])
        at++;
      g_test_message ("step %u: cached output differs at byte %" G_GSIZE_FORMAT ": …%.80s… vs …%.80s…", step, at,
                      x + MIN (at, a), y + MIN (at, b));
      g_test_fail_printf ("the cache wrote something else than the writer after step %u", step);
    }
}

static void
run_attack (guint32 seed, guint n_items, guint steps)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (n_items, seed);
  g_autoptr (RefXmlWriteCache) cache = ref_xml_write_cache_new ();
  Edits e = { meeting, g_rand_new_with_seed (seed), 0 };

  assert_cache_equals_writer (cache, meeting, 0);
  for (guint step = 1; step <= steps && !g_test_failed (); step++)
    {
      random_edit (&e);
      if (step % 3 == 0 || pick (&e, 4) == 0)
        assert_cache_equals_writer (cache, meeting, step);
    }
  g_rand_free (e.rand);
}

static void
test_attack (void)
{
  guint steps = g_test_slow () ? 20000 : 2500;

  for (guint32 seed = 1; seed <= 4 && !g_test_failed (); seed++)
    run_attack (seed, 12, steps);
}

/* A typed decision of one item costs one item's serialisation, not the meeting's; a
 * change to the participants list costs all of them. */
static void
test_reuses_unchanged_items (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (40, 7);
  g_autoptr (RefXmlWriteCache) cache = ref_xml_write_cache_new ();
  g_autoptr (GPtrArray) first = ref_xml_write_cache_write (cache, meeting);
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GPtrArray) third = NULL;
  g_autoptr (GPtrArray) fourth = NULL;
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), 5);
  g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt med en ændring.");
  g_autoptr (RefParticipant) extra = ref_participant_new ();

  g_assert_cmpuint (ref_xml_write_cache_get_n_written (cache), ==, 40);
  g_assert_cmpuint (first->len, ==, 42); /* head, 40 items, tail */

  second = ref_xml_write_cache_write (cache, meeting);
  g_assert_cmpuint (ref_xml_write_cache_get_n_written (cache), ==, 0);
  for (guint i = 1; i <= 40; i++)
    g_assert_true (g_ptr_array_index (first, i) == g_ptr_array_index (second, i));

  g_assert_nonnull (decision);
  ref_decision_set_text (decision, text);
  ref_meeting_set_committee (meeting, "Teknik- og Miljøudvalget");
  third = ref_xml_write_cache_write (cache, meeting);
  g_assert_cmpuint (ref_xml_write_cache_get_n_written (cache), ==, 1);
  g_assert_false (g_ptr_array_index (third, 6) == g_ptr_array_index (second, 6));
  assert_cache_equals_writer (cache, meeting, 1);

  ref_participant_set_name (extra, "Ny Stedfortræder");
  ref_meeting_add_participant (meeting, extra);
  fourth = ref_xml_write_cache_write (cache, meeting);
  g_assert_cmpuint (ref_xml_write_cache_get_n_written (cache), ==, 40);
}

/* A meeting replaced wholesale (a recovery or a reload) shares nothing with the old
 * one, even when the same cache serves it and addresses are reused. */
static void
test_meeting_replaced (void)
{
  g_autoptr (RefXmlWriteCache) cache = ref_xml_write_cache_new ();

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr (RefMeeting) generated = ref_test_meeting_generate (8, 100 + round);
      g_autoptr (GBytes) bytes = ref_xml_write_bytes (generated);
      g_autoptr (GError) error = NULL;
      g_autoptr (RefMeeting) loaded = ref_xml_load_bytes (bytes, "generated", &error);

      g_assert_no_error (error);
      assert_cache_equals_writer (cache, generated, round);
      assert_cache_equals_writer (cache, loaded, round);
      g_assert_cmpuint (ref_xml_write_cache_get_n_written (cache), ==, 8);
    }
}

/* A change made without recording, on purpose (the export's private copy), is noted. */
static void
test_unrecorded_change_noted (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (4, 3);
  g_autoptr (RefXmlWriteCache) cache = ref_xml_write_cache_new ();
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), 2);

  assert_cache_equals_writer (cache, meeting, 0);
  ref_agenda_item_release_content (item);
  assert_cache_equals_writer (cache, meeting, 1);
}

static GPtrArray *
cut (const char *text, const guint *lengths, guint n)
{
  GPtrArray *fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (fragments, g_bytes_new (text, lengths[i]));
      text += lengths[i];
    }
  return fragments;
}

/* The window compares a new copy with the last one without joining either. */
static void
test_fragments_equal (void)
{
  static const guint a_cuts[] = { 3, 0, 5, 2 }, b_cuts[] = { 1, 9 }, c_cuts[] = { 10 };
  g_autoptr (GPtrArray) a = cut ("0123456789", a_cuts, G_N_ELEMENTS (a_cuts));
  g_autoptr (GPtrArray) b = cut ("0123456789", b_cuts, G_N_ELEMENTS (b_cuts));
  g_autoptr (GPtrArray) c = cut ("0123456x89", c_cuts, G_N_ELEMENTS (c_cuts));
  g_autoptr (GPtrArray) d = cut ("012345678", c_cuts, 0);
  g_autoptr (GPtrArray) same = g_ptr_array_ref (a);

  g_assert_true (ref_xml_fragments_equal (a, b));
  g_assert_true (ref_xml_fragments_equal (b, a));
  g_assert_true (ref_xml_fragments_equal (a, same));
  g_assert_false (ref_xml_fragments_equal (a, c));
  g_assert_false (ref_xml_fragments_equal (c, b));
  g_assert_false (ref_xml_fragments_equal (a, d));
  g_assert_true (ref_xml_fragments_equal (d, d));
}

/* Filling the cache in slices before the first write: every call writes at least one
 * item, the slices end, the first write then serialises nothing, and its output is the
 * writer's. An item edited after the fill is left to the write. */
static void
test_prefill (void)
{
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (30, 11);
  g_autoptr (RefXmlWriteCache) cache = ref_xml_write_cache_new ();
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), 3);
  g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  g_autoptr (RefText) text = ref_text_new_paragraph ("Anbefales over for Byrådet.");
  guint calls = 1;

  /* A deadline already past: one item per call. */
  while (ref_xml_write_cache_prefill (cache, meeting, 0))
    calls++;
  g_assert_cmpuint (calls, ==, 30);
  g_assert_false (ref_xml_write_cache_prefill (cache, meeting, G_MAXINT64));

  first = ref_xml_write_cache_write (cache, meeting);
  g_assert_cmpuint (ref_xml_write_cache_get_n_written (cache), ==, 0);
  assert_cache_equals_writer (cache, meeting, 0);

  g_assert_nonnull (decision);
  ref_decision_set_text (decision, text);
  g_assert_false (ref_xml_write_cache_prefill (cache, meeting, G_MAXINT64));
  second = ref_xml_write_cache_write (cache, meeting);
  g_assert_cmpuint (ref_xml_write_cache_get_n_written (cache), ==, 1);
  assert_cache_equals_writer (cache, meeting, 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/write-cache/attack", test_attack);
  g_test_add_func ("/write-cache/reuses-unchanged-items", test_reuses_unchanged_items);
  g_test_add_func ("/write-cache/meeting-replaced", test_meeting_replaced);
  g_test_add_func ("/write-cache/unrecorded-change-noted", test_unrecorded_change_noted);
  g_test_add_func ("/write-cache/fragments-equal", test_fragments_equal);
  g_test_add_func ("/write-cache/prefill", test_prefill);
  status = g_test_run ();
  g_clear_pointer (&previous_fragments, g_ptr_array_unref);
  g_clear_pointer (&previous_bytes, g_bytes_unref);
  return status;
}
