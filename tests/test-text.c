/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"

static void
test_plain_round_trip (void)
{
  const char *plain = "Første afsnit\nmed linjeskift\n\n- æble\n- øl\n\n3. tredje\n4. fjerde\n\nTema\tSTU\nFysiske rammer\t4,0";
  g_autoptr (RefText) text = ref_text_new_from_plain (plain);
  g_autofree char *back = ref_text_to_plain (text);

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 4);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (text, 1)), ==, REF_BLOCK_BULLET_LIST);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (text, 2)), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (ref_text_block_get_start (ref_text_get_block (text, 2)), ==, 3);
  g_assert_cmpint (ref_text_block_get_kind (ref_text_get_block (text, 3)), ==, REF_BLOCK_TABLE);
  g_assert_cmpuint (ref_text_block_get_n_rows (ref_text_get_block (text, 3)), ==, 2);
  g_assert_cmpstr (back, ==, plain);
}

static void
test_mixed_and_crlf (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Indledning:\r\n- a\r\n- b\r\nAfslutning");
  g_auto (GStrv) items = ref_text_get_list_items (text);

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 3);
  g_assert_cmpuint (g_strv_length (items), ==, 2);
  g_assert_cmpstr (items[1], ==, "b");
}

static void
test_equal_and_empty (void)
{
  g_autoptr (RefText) a = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) b = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) empty = ref_text_new ();
  g_autoptr (RefText) copy = ref_text_copy (a);

  g_assert_true (ref_text_equal (a, b));
  g_assert_true (ref_text_equal (a, copy));
  g_assert_true (ref_text_equal (NULL, empty));
  g_assert_false (ref_text_equal (a, empty));
  g_assert_true (ref_text_is_empty (empty));
  g_assert_true (ref_text_is_empty (NULL));
  g_assert_cmpuint (ref_text_get_length (a), ==, 9);
}

static void
test_run_merging_and_styles (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  RefTextInline *inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));
  g_autoptr (RefText) other = NULL;

  ref_text_inline_append (inl, "Social", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, "udvalget ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, "vedtog", REF_STYLE_BOLD, NULL);
  ref_text_inline_append (inl, "", REF_STYLE_ITALIC, NULL);
  ref_text_inline_append (inl, " link", REF_STYLE_NONE, "https://example.org");
  g_assert_cmpuint (inl->len, ==, 3);
  g_assert_cmpstr (((RefTextRun *) g_ptr_array_index (inl, 0))->text, ==, "Socialudvalget ");

  /* Same text, other style: not equal. */
  other = ref_text_new ();
  inl = ref_text_block_append_item (ref_text_append_block (other, REF_BLOCK_PARAGRAPH));
  ref_text_inline_append (inl, "Socialudvalget vedtog link", REF_STYLE_NONE, NULL);
  g_assert_false (ref_text_equal (text, other));
}

static void
test_vote (void)
{
  g_autoptr (RefVote) a = ref_vote_new (5, 1, -1);
  g_autoptr (RefVote) b = ref_vote_new (5, 1, -1);
  g_auto (GStrv) against = NULL;

  ref_vote_add_voter (a, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
  ref_vote_add_voter (a, REF_VOTE_CHOICE_AGAINST, "Kate Svarrer (løsgænger)");
  ref_vote_set_outcome (a, "Indstillingen blev dermed godkendt.");
  g_assert_false (ref_vote_equal (a, b));
  ref_vote_add_voter (b, REF_VOTE_CHOICE_FOR, "Maria Assov (A)");
  ref_vote_add_voter (b, REF_VOTE_CHOICE_AGAINST, "Kate Svarrer (løsgænger)");
  ref_vote_set_outcome (b, "Indstillingen blev dermed godkendt.");
  g_assert_true (ref_vote_equal (a, b));
  against = ref_vote_get_voters (a, REF_VOTE_CHOICE_AGAINST);
  g_assert_cmpuint (g_strv_length (against), ==, 1);
  g_assert_cmpint (ref_vote_get_count (a, REF_VOTE_CHOICE_ABSTAIN), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/plain-round-trip", test_plain_round_trip);
  g_test_add_func ("/text/mixed-and-crlf", test_mixed_and_crlf);
  g_test_add_func ("/text/equal-and-empty", test_equal_and_empty);
  g_test_add_func ("/text/runs-and-styles", test_run_merging_and_styles);
  g_test_add_func ("/text/vote", test_vote);

  return g_test_run ();
}
