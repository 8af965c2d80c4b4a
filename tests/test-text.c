/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"

#include <string.h>

/* Plain text of entry @index of block @b. */
static char *
item_plain (const RefText *text, guint b, guint index)
{
  return ref_text_inline_to_plain (ref_text_block_get_item (ref_text_get_block (text, b), index));
}

static char *
cell_plain (const RefText *text, guint b, guint row, guint cell)
{
  RefTextRow *r = ref_text_block_get_row (ref_text_get_block (text, b), row);
  return ref_text_inline_to_plain (ref_text_row_get_cell (r, cell));
}

static RefBlockKind
block_kind (const RefText *text, guint b)
{
  return ref_text_block_get_kind (ref_text_get_block (text, b));
}

static RefTextRun *
run_at (RefTextInline *inl, guint index)
{
  return g_ptr_array_index (inl, index);
}

/* ---- building ---- */

static void
test_new_empty (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  g_autoptr (RefText) from_null = ref_text_new_paragraph (NULL);
  g_autoptr (RefText) from_empty = ref_text_new_paragraph ("");
  g_autofree char *plain = ref_text_to_plain (text);

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 0);
  g_assert_true (ref_text_is_empty (text));
  g_assert_cmpuint (ref_text_get_length (text), ==, 0);
  g_assert_cmpstr (plain, ==, "");
  g_assert_cmpuint (ref_text_get_n_blocks (from_null), ==, 0);
  g_assert_cmpuint (ref_text_get_n_blocks (from_empty), ==, 0);
  /* NULL is an empty text too. */
  g_assert_cmpuint (ref_text_get_n_blocks (NULL), ==, 0);
  g_assert_true (ref_text_is_empty (NULL));
  g_assert_cmpuint (ref_text_get_length (NULL), ==, 0);
}

static void
test_new_paragraph (void)
{
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  RefTextBlock *block;
  RefTextInline *inl;

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 1);
  block = ref_text_get_block (text, 0);
  g_assert_cmpint (ref_text_block_get_kind (block), ==, REF_BLOCK_PARAGRAPH);
  g_assert_cmpuint (ref_text_block_get_n_items (block), ==, 1);
  g_assert_cmpuint (ref_text_block_get_n_rows (block), ==, 0);
  inl = ref_text_block_get_item (block, 0);
  g_assert_cmpuint (inl->len, ==, 1);
  g_assert_cmpstr (run_at (inl, 0)->text, ==, "Godkendt.");
  g_assert_cmpint (run_at (inl, 0)->style, ==, REF_STYLE_NONE);
  g_assert_null (run_at (inl, 0)->href);
  g_assert_false (ref_text_is_empty (text));
}

static void
test_build_blocks (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  RefTextBlock *bullets = ref_text_append_block (text, REF_BLOCK_BULLET_LIST);
  RefTextBlock *numbered = ref_text_append_block (text, REF_BLOCK_NUMBERED_LIST);
  RefTextBlock *table = ref_text_append_block (text, REF_BLOCK_TABLE);
  RefTextRow *header, *row;
  g_autofree char *plain = NULL;

  ref_text_inline_append (ref_text_block_append_item (bullets), "æble", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_block_append_item (bullets), "pære", REF_STYLE_NONE, NULL);
  g_assert_cmpuint (ref_text_block_get_start (numbered), ==, 1);
  ref_text_block_set_start (numbered, 3);
  ref_text_inline_append (ref_text_block_append_item (numbered), "tredje", REF_STYLE_NONE, NULL);
  header = ref_text_block_append_row (table, TRUE);
  ref_text_inline_append (ref_text_row_append_cell (header), "Tema", REF_STYLE_BOLD, NULL);
  ref_text_inline_append (ref_text_row_append_cell (header), "STU", REF_STYLE_BOLD, NULL);
  row = ref_text_block_append_row (table, FALSE);
  ref_text_inline_append (ref_text_row_append_cell (row), "Fysiske rammer", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_row_append_cell (row), "4,0", REF_STYLE_NONE, NULL);

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 3);
  g_assert_cmpint (block_kind (text, 0), ==, REF_BLOCK_BULLET_LIST);
  g_assert_cmpuint (ref_text_block_get_n_items (bullets), ==, 2);
  g_assert_cmpint (block_kind (text, 1), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (ref_text_block_get_start (numbered), ==, 3);
  g_assert_cmpint (block_kind (text, 2), ==, REF_BLOCK_TABLE);
  g_assert_cmpuint (ref_text_block_get_n_items (table), ==, 0);
  g_assert_cmpuint (ref_text_block_get_n_rows (table), ==, 2);
  g_assert_true (ref_text_row_get_header (ref_text_block_get_row (table, 0)));
  g_assert_false (ref_text_row_get_header (ref_text_block_get_row (table, 1)));
  g_assert_cmpuint (ref_text_row_get_n_cells (row), ==, 2);

  plain = ref_text_to_plain (text);
  g_assert_cmpstr (plain, ==, "- æble\n- pære\n\n3. tredje\n\nTema\tSTU\nFysiske rammer\t4,0");
}

/* ---- equality ---- */

static void
test_equal_same_and_copy (void)
{
  g_autoptr (RefText) a = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) b = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) copy = ref_text_copy (a);
  g_autoptr (RefText) other = ref_text_new_paragraph ("Godkendt!");

  g_assert_true (ref_text_equal (a, a));
  g_assert_true (ref_text_equal (a, b));
  g_assert_true (ref_text_equal (a, copy));
  g_assert_false (ref_text_equal (a, other));
}

/* NULL and an empty text print the same: both nothing. */
static void
test_equal_null_and_empty (void)
{
  g_autoptr (RefText) empty = ref_text_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");

  g_assert_true (ref_text_equal (NULL, NULL));
  g_assert_true (ref_text_equal (NULL, empty));
  g_assert_true (ref_text_equal (empty, NULL));
  g_assert_false (ref_text_equal (NULL, text));
  g_assert_false (ref_text_equal (text, NULL));
  g_assert_false (ref_text_equal (text, empty));
}

static void
test_equal_structure_matters (void)
{
  g_autoptr (RefText) para = ref_text_new_paragraph ("a");
  g_autoptr (RefText) bullet = ref_text_new_from_plain ("- a");
  g_autoptr (RefText) numbered1 = ref_text_new_from_plain ("1. a");
  g_autoptr (RefText) numbered3 = ref_text_new_from_plain ("3. a");
  g_autoptr (RefText) one_list = ref_text_new_from_plain ("- a\n- b");
  g_autoptr (RefText) two_paras = ref_text_new_from_plain ("a\n\nb");
  g_autoptr (RefText) one_para = ref_text_new_from_plain ("a\nb");

  g_assert_false (ref_text_equal (para, bullet));
  g_assert_false (ref_text_equal (bullet, numbered1));
  /* The start number of a numbered list is part of the value. */
  g_assert_false (ref_text_equal (numbered1, numbered3));
  g_assert_false (ref_text_equal (bullet, one_list));
  g_assert_false (ref_text_equal (two_paras, one_para));
}

static void
test_equal_styles_and_links (void)
{
  g_autoptr (RefText) plain = ref_text_new_paragraph ("Se bilag");
  g_autoptr (RefText) bold = ref_text_new ();
  g_autoptr (RefText) link = ref_text_new ();
  g_autoptr (RefText) other_link = ref_text_new ();

  ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (bold, REF_BLOCK_PARAGRAPH)),
                          "Se bilag", REF_STYLE_BOLD, NULL);
  ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (link, REF_BLOCK_PARAGRAPH)),
                          "Se bilag", REF_STYLE_NONE, "https://example.org/a");
  ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (other_link, REF_BLOCK_PARAGRAPH)),
                          "Se bilag", REF_STYLE_NONE, "https://example.org/b");
  g_assert_false (ref_text_equal (plain, bold));
  g_assert_false (ref_text_equal (plain, link));
  g_assert_false (ref_text_equal (link, other_link));
}

static void
test_equal_table_header (void)
{
  g_autoptr (RefText) a = ref_text_new ();
  g_autoptr (RefText) b = ref_text_new ();

  ref_text_inline_append (ref_text_row_append_cell (ref_text_block_append_row (ref_text_append_block (a, REF_BLOCK_TABLE), TRUE)),
                          "Tema", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_row_append_cell (ref_text_block_append_row (ref_text_append_block (b, REF_BLOCK_TABLE), FALSE)),
                          "Tema", REF_STYLE_NONE, NULL);
  g_assert_false (ref_text_equal (a, b));
}

/* ---- plain text ---- */

static void
test_plain_null_and_blank (void)
{
  g_autoptr (RefText) from_null = ref_text_new_from_plain (NULL);
  g_autoptr (RefText) from_empty = ref_text_new_from_plain ("");
  g_autoptr (RefText) from_blank = ref_text_new_from_plain ("\n  \n\r\n");

  g_assert_cmpuint (ref_text_get_n_blocks (from_null), ==, 0);
  g_assert_cmpuint (ref_text_get_n_blocks (from_empty), ==, 0);
  g_assert_cmpuint (ref_text_get_n_blocks (from_blank), ==, 0);
}

/* Lines without a blank line between them are one paragraph with line breaks. */
static void
test_plain_paragraph_line_breaks (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Første linje\nanden linje\ntredje linje");
  g_autofree char *item = NULL;
  RefTextInline *inl;

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 1);
  g_assert_cmpint (block_kind (text, 0), ==, REF_BLOCK_PARAGRAPH);
  g_assert_cmpuint (ref_text_block_get_n_items (ref_text_get_block (text, 0)), ==, 1);
  item = item_plain (text, 0, 0);
  g_assert_cmpstr (item, ==, "Første linje\nanden linje\ntredje linje");
  /* The line breaks are merged into one unstyled run. */
  inl = ref_text_block_get_item (ref_text_get_block (text, 0), 0);
  g_assert_cmpuint (inl->len, ==, 1);
}

static void
test_plain_paragraphs (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Første afsnit.\n\nAndet afsnit.\n\n\n\nTredje afsnit.");
  g_autofree char *first = NULL, *third = NULL, *back = NULL;

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 3);
  for (guint b = 0; b < 3; b++)
    g_assert_cmpint (block_kind (text, b), ==, REF_BLOCK_PARAGRAPH);
  first = item_plain (text, 0, 0);
  third = item_plain (text, 2, 0);
  g_assert_cmpstr (first, ==, "Første afsnit.");
  g_assert_cmpstr (third, ==, "Tredje afsnit.");
  /* Several blank lines are one block break. */
  back = ref_text_to_plain (text);
  g_assert_cmpstr (back, ==, "Første afsnit.\n\nAndet afsnit.\n\nTredje afsnit.");
}

static void
test_plain_bullets (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("- æble\n- øl\n* åkande\n• ærter\n  - indrykket");
  g_autofree char *back = ref_text_to_plain (text);
  g_autofree char *first = NULL, *last = NULL;

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 1);
  g_assert_cmpint (block_kind (text, 0), ==, REF_BLOCK_BULLET_LIST);
  g_assert_cmpuint (ref_text_block_get_n_items (ref_text_get_block (text, 0)), ==, 5);
  first = item_plain (text, 0, 0);
  last = item_plain (text, 0, 4);
  g_assert_cmpstr (first, ==, "æble");
  g_assert_cmpstr (last, ==, "indrykket");
  /* Every bullet comes back as "- ". */
  g_assert_cmpstr (back, ==, "- æble\n- øl\n- åkande\n- ærter\n- indrykket");
}

static void
test_plain_numbered (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("1. Indstillingen godkendes\n2. Sagen genoptages");
  g_autofree char *second = item_plain (text, 0, 1);

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 1);
  g_assert_cmpint (block_kind (text, 0), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (ref_text_block_get_start (ref_text_get_block (text, 0)), ==, 1);
  g_assert_cmpuint (ref_text_block_get_n_items (ref_text_get_block (text, 0)), ==, 2);
  g_assert_cmpstr (second, ==, "Sagen genoptages");
}

/* A list continued from an earlier one starts at its first number. */
static void
test_plain_numbered_start (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("3. x\n4. y");
  g_autoptr (RefText) paren = ref_text_new_from_plain ("12) tolv");
  g_autofree char *back = ref_text_to_plain (text);
  g_autofree char *first = item_plain (text, 0, 0);
  g_autofree char *twelve = item_plain (paren, 0, 0);

  g_assert_cmpint (block_kind (text, 0), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (ref_text_block_get_start (ref_text_get_block (text, 0)), ==, 3);
  g_assert_cmpstr (first, ==, "x");
  g_assert_cmpstr (back, ==, "3. x\n4. y");
  g_assert_cmpint (block_kind (paren, 0), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (ref_text_block_get_start (ref_text_get_block (paren, 0)), ==, 12);
  g_assert_cmpstr (twelve, ==, "tolv");
}

/* A year or a number without a following space is not a list entry. */
static void
test_plain_not_a_list (void)
{
  g_autoptr (RefText) year = ref_text_new_from_plain ("2025. Budgetopfølgning");
  g_autoptr (RefText) no_space = ref_text_new_from_plain ("1.januar");
  g_autoptr (RefText) dash = ref_text_new_from_plain ("-ikke en punktopstilling");

  g_assert_cmpint (block_kind (year, 0), ==, REF_BLOCK_PARAGRAPH);
  g_assert_cmpint (block_kind (no_space, 0), ==, REF_BLOCK_PARAGRAPH);
  g_assert_cmpint (block_kind (dash, 0), ==, REF_BLOCK_PARAGRAPH);
}

static void
test_plain_table (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Tema\tSTU\tFGU\nFysiske rammer\t4,0\t3,5");
  RefTextBlock *table;
  g_autofree char *c00 = NULL, *c12 = NULL;

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 1);
  g_assert_cmpint (block_kind (text, 0), ==, REF_BLOCK_TABLE);
  table = ref_text_get_block (text, 0);
  g_assert_cmpuint (ref_text_block_get_n_rows (table), ==, 2);
  g_assert_cmpuint (ref_text_row_get_n_cells (ref_text_block_get_row (table, 0)), ==, 3);
  g_assert_cmpuint (ref_text_row_get_n_cells (ref_text_block_get_row (table, 1)), ==, 3);
  g_assert_false (ref_text_row_get_header (ref_text_block_get_row (table, 0)));
  c00 = cell_plain (text, 0, 0, 0);
  c12 = cell_plain (text, 0, 1, 2);
  g_assert_cmpstr (c00, ==, "Tema");
  g_assert_cmpstr (c12, ==, "3,5");
}

/* Blocks of different kinds follow each other without blank lines. */
static void
test_plain_mixed_blocks (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Indledning:\n- a\n- b\n1. c\n2. d\nx\ty\nAfslutning");
  g_auto (GStrv) items = ref_text_get_list_items (text);
  g_autofree char *last = NULL;

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 5);
  g_assert_cmpint (block_kind (text, 0), ==, REF_BLOCK_PARAGRAPH);
  g_assert_cmpint (block_kind (text, 1), ==, REF_BLOCK_BULLET_LIST);
  g_assert_cmpint (block_kind (text, 2), ==, REF_BLOCK_NUMBERED_LIST);
  g_assert_cmpint (block_kind (text, 3), ==, REF_BLOCK_TABLE);
  g_assert_cmpint (block_kind (text, 4), ==, REF_BLOCK_PARAGRAPH);
  last = item_plain (text, 4, 0);
  g_assert_cmpstr (last, ==, "Afslutning");
  /* The numbered list is preferred over the bullets. */
  g_assert_cmpuint (g_strv_length (items), ==, 2);
  g_assert_cmpstr (items[0], ==, "c");
}

static void
test_plain_crlf (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Linje et\r\nlinje to\r\n\r\n- a\r\n- b\r\n\r\nx\ty\r\n");
  g_autoptr (RefText) unix_text = ref_text_new_from_plain ("Linje et\nlinje to\n\n- a\n- b\n\nx\ty\n");
  g_autofree char *para = NULL, *back = NULL, *cell = NULL;

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 3);
  para = item_plain (text, 0, 0);
  g_assert_cmpstr (para, ==, "Linje et\nlinje to");
  cell = cell_plain (text, 2, 0, 1);
  g_assert_cmpstr (cell, ==, "y");
  back = ref_text_to_plain (text);
  g_assert_null (strchr (back, '\r'));
  g_assert_true (ref_text_equal (text, unix_text));
}

static void
test_plain_round_trip (void)
{
  const char *plains[] = {
    "Godkendt.",
    "Første afsnit\nmed linjeskift\n\n- æble\n- øl\n\n3. tredje\n4. fjerde\n\nTema\tSTU\nFysiske rammer\t4,0",
    "Indstillingen blev godkendt.\n\n1. Ja\n2. Nej",
    "Tom celle\t\tslut",
    "ÆØÅ æøå\n\n- Ærø\n- Østerbro\n- Århus",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plains); i++)
    {
      g_autoptr (RefText) text = ref_text_new_from_plain (plains[i]);
      g_autofree char *back = ref_text_to_plain (text);
      g_autoptr (RefText) again = ref_text_new_from_plain (back);

      g_assert_cmpstr (back, ==, plains[i]);
      g_assert_true (ref_text_equal (text, again));
    }
}

/* A text built block by block survives the plain-text form when it has no styles. */
static void
test_plain_round_trip_built (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  RefTextBlock *numbered;
  g_autofree char *plain = NULL;
  g_autoptr (RefText) back = NULL;

  ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)),
                          "Udvalget anbefaler:", REF_STYLE_NONE, NULL);
  numbered = ref_text_append_block (text, REF_BLOCK_NUMBERED_LIST);
  ref_text_block_set_start (numbered, 5);
  ref_text_inline_append (ref_text_block_append_item (numbered), "at sagen sendes i høring", REF_STYLE_NONE, NULL);
  ref_text_inline_append (ref_text_block_append_item (numbered), "at økonomien følges", REF_STYLE_NONE, NULL);
  plain = ref_text_to_plain (text);
  g_assert_cmpstr (plain, ==, "Udvalget anbefaler:\n\n5. at sagen sendes i høring\n6. at økonomien følges");
  back = ref_text_new_from_plain (plain);
  g_assert_true (ref_text_equal (text, back));
}

/* ---- length, list items, copy ---- */

static void
test_length (void)
{
  g_autoptr (RefText) ascii = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) lines = ref_text_new_from_plain ("ab\ncd");
  g_autoptr (RefText) list = ref_text_new_from_plain ("- ab\n- cd");
  g_autoptr (RefText) table = ref_text_new_from_plain ("ab\tcd\nef\tgh");

  g_assert_cmpuint (ref_text_get_length (ascii), ==, 9);
  /* The line break counts; the list markers and tabs do not. */
  g_assert_cmpuint (ref_text_get_length (lines), ==, 5);
  g_assert_cmpuint (ref_text_get_length (list), ==, 4);
  g_assert_cmpuint (ref_text_get_length (table), ==, 8);
}

/* Length is in bytes: æ, ø and å are two bytes each in UTF-8. */
static void
test_length_danish (void)
{
  g_autoptr (RefText) text = ref_text_new_paragraph ("æøå");
  g_autoptr (RefText) upper = ref_text_new_paragraph ("ÆØÅ");

  g_assert_cmpuint (ref_text_get_length (text), ==, 6);
  g_assert_cmpuint (ref_text_get_length (upper), ==, 6);
  g_assert_false (ref_text_is_empty (text));
}

static void
test_list_items_numbered_first (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("- punkt\n\nIndstilling:\n\n1. at godkende\n2. at afvise\n\n- andet");
  g_auto (GStrv) items = ref_text_get_list_items (text);

  g_assert_cmpuint (g_strv_length (items), ==, 2);
  g_assert_cmpstr (items[0], ==, "at godkende");
  g_assert_cmpstr (items[1], ==, "at afvise");
}

static void
test_list_items_bullets (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Indstilling:\n- at godkende\n- at afvise\n\n- andet");
  g_auto (GStrv) items = ref_text_get_list_items (text);

  /* The first bullet list only. */
  g_assert_cmpuint (g_strv_length (items), ==, 2);
  g_assert_cmpstr (items[0], ==, "at godkende");
  g_assert_cmpstr (items[1], ==, "at afvise");
}

static void
test_list_items_none (void)
{
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_auto (GStrv) items = ref_text_get_list_items (text);
  g_auto (GStrv) from_null = ref_text_get_list_items (NULL);

  g_assert_nonnull (items);
  g_assert_cmpuint (g_strv_length (items), ==, 0);
  g_assert_nonnull (from_null);
  g_assert_cmpuint (g_strv_length (from_null), ==, 0);
}

static void
test_copy (void)
{
  g_autoptr (RefText) text = ref_text_new_from_plain ("Afsnit\n\n3. x\n4. y\n\nTema\tSTU");
  RefTextInline *inl = ref_text_block_get_item (ref_text_get_block (text, 0), 0);
  g_autoptr (RefText) copy = NULL;
  RefTextInline *copied;

  ref_text_inline_append (inl, " med link", REF_STYLE_ITALIC, "https://example.org");
  ref_text_block_append_row (ref_text_get_block (text, 2), TRUE);
  copy = ref_text_copy (text);

  g_assert_true (copy != text);
  g_assert_true (ref_text_equal (text, copy));
  g_assert_cmpuint (ref_text_block_get_start (ref_text_get_block (copy, 1)), ==, 3);
  g_assert_true (ref_text_row_get_header (ref_text_block_get_row (ref_text_get_block (copy, 2), 1)));
  copied = ref_text_block_get_item (ref_text_get_block (copy, 0), 0);
  g_assert_cmpuint (copied->len, ==, 2);
  g_assert_cmpint (run_at (copied, 1)->style, ==, REF_STYLE_ITALIC);
  g_assert_cmpstr (run_at (copied, 1)->href, ==, "https://example.org");
  g_assert_true (run_at (copied, 1) != run_at (inl, 1));

  /* A deep copy: changing it leaves the original. */
  ref_text_inline_append (copied, "!", REF_STYLE_BOLD, NULL);
  ref_text_append_block (copy, REF_BLOCK_PARAGRAPH);
  g_assert_false (ref_text_equal (text, copy));
  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 3);
  g_assert_cmpuint (inl->len, ==, 2);
}

static void
test_copy_empty (void)
{
  g_autoptr (RefText) empty = ref_text_new ();
  g_autoptr (RefText) copy = ref_text_copy (empty);

  g_assert_cmpuint (ref_text_get_n_blocks (copy), ==, 0);
  g_assert_true (ref_text_equal (empty, copy));
}

/* A refcounted value: the boxed copy is another reference, not a new text. */
static void
test_boxed_shares (void)
{
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  RefText *copy = g_boxed_copy (REF_TYPE_TEXT, text);

  g_assert_true (copy == text);
  g_boxed_free (REF_TYPE_TEXT, copy);
  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 1);
}

/* ---- inline runs ---- */

static void
test_inline_merge_same_style (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  RefTextInline *inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));

  ref_text_inline_append (inl, "Social", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, "udvalget ", REF_STYLE_NONE, NULL);
  g_assert_cmpuint (inl->len, ==, 1);
  g_assert_cmpstr (run_at (inl, 0)->text, ==, "Socialudvalget ");
  ref_text_inline_append (inl, "vedtog", REF_STYLE_BOLD | REF_STYLE_ITALIC, NULL);
  ref_text_inline_append (inl, " enstemmigt", REF_STYLE_BOLD | REF_STYLE_ITALIC, NULL);
  g_assert_cmpuint (inl->len, ==, 2);
  g_assert_cmpstr (run_at (inl, 1)->text, ==, "vedtog enstemmigt");
  g_assert_cmpint (run_at (inl, 1)->style, ==, REF_STYLE_BOLD | REF_STYLE_ITALIC);
}

static void
test_inline_no_merge_other_style (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  RefTextInline *inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));
  g_autofree char *plain = NULL;
  g_autoptr (RefText) flat = ref_text_new_paragraph ("Socialudvalget vedtog");

  ref_text_inline_append (inl, "Socialudvalget ", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, "vedtog", REF_STYLE_UNDERLINE, NULL);
  g_assert_cmpuint (inl->len, ==, 2);
  plain = ref_text_inline_to_plain (inl);
  g_assert_cmpstr (plain, ==, "Socialudvalget vedtog");
  /* Same words, other style: another value. */
  g_assert_false (ref_text_equal (text, flat));
}

static void
test_inline_merge_links (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  RefTextInline *inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));

  ref_text_inline_append (inl, "Se ", REF_STYLE_NONE, NULL);
  /* An empty link is no link: merges with the unlinked run. */
  ref_text_inline_append (inl, "bilag ", REF_STYLE_NONE, "");
  g_assert_cmpuint (inl->len, ==, 1);
  ref_text_inline_append (inl, "1", REF_STYLE_NONE, "https://example.org/1");
  ref_text_inline_append (inl, ".pdf", REF_STYLE_NONE, "https://example.org/1");
  g_assert_cmpuint (inl->len, ==, 2);
  g_assert_cmpstr (run_at (inl, 1)->text, ==, "1.pdf");
  ref_text_inline_append (inl, " og 2", REF_STYLE_NONE, "https://example.org/2");
  g_assert_cmpuint (inl->len, ==, 3);
  g_assert_cmpstr (run_at (inl, 0)->text, ==, "Se bilag ");
  g_assert_null (run_at (inl, 0)->href);
  g_assert_cmpstr (run_at (inl, 2)->href, ==, "https://example.org/2");
}

static void
test_inline_empty_ignored (void)
{
  g_autoptr (RefText) text = ref_text_new ();
  RefTextInline *inl = ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH));

  ref_text_inline_append (inl, "", REF_STYLE_BOLD, NULL);
  ref_text_inline_append (inl, NULL, REF_STYLE_BOLD, NULL);
  g_assert_cmpuint (inl->len, ==, 0);
  ref_text_inline_append (inl, "a", REF_STYLE_NONE, NULL);
  ref_text_inline_append (inl, "", REF_STYLE_ITALIC, NULL);
  ref_text_inline_append (inl, "b", REF_STYLE_NONE, NULL);
  g_assert_cmpuint (inl->len, ==, 1);
  g_assert_cmpstr (run_at (inl, 0)->text, ==, "ab");
  g_assert_true (ref_text_is_empty (NULL));
}

static void
test_danish_characters (void)
{
  const char *plain = "Økonomiudvalget på Ærø: Ålborg-sagen\n\n- æ\n- ø\n- å\n\nÆndring\tØkonomi\tÅr";
  g_autoptr (RefText) text = ref_text_new_from_plain (plain);
  g_autofree char *back = ref_text_to_plain (text);
  g_autofree char *para = item_plain (text, 0, 0);
  g_autofree char *cell = cell_plain (text, 2, 0, 2);
  g_auto (GStrv) items = ref_text_get_list_items (text);

  g_assert_cmpuint (ref_text_get_n_blocks (text), ==, 3);
  g_assert_cmpstr (para, ==, "Økonomiudvalget på Ærø: Ålborg-sagen");
  g_assert_cmpstr (cell, ==, "År");
  g_assert_cmpuint (g_strv_length (items), ==, 3);
  g_assert_cmpstr (items[1], ==, "ø");
  g_assert_cmpstr (back, ==, plain);
  g_assert_true (g_utf8_validate (back, -1, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/new-empty", test_new_empty);
  g_test_add_func ("/text/new-paragraph", test_new_paragraph);
  g_test_add_func ("/text/build-blocks", test_build_blocks);
  g_test_add_func ("/text/equal/same-and-copy", test_equal_same_and_copy);
  g_test_add_func ("/text/equal/null-and-empty", test_equal_null_and_empty);
  g_test_add_func ("/text/equal/structure", test_equal_structure_matters);
  g_test_add_func ("/text/equal/styles-and-links", test_equal_styles_and_links);
  g_test_add_func ("/text/equal/table-header", test_equal_table_header);
  g_test_add_func ("/text/plain/null-and-blank", test_plain_null_and_blank);
  g_test_add_func ("/text/plain/paragraph-line-breaks", test_plain_paragraph_line_breaks);
  g_test_add_func ("/text/plain/paragraphs", test_plain_paragraphs);
  g_test_add_func ("/text/plain/bullets", test_plain_bullets);
  g_test_add_func ("/text/plain/numbered", test_plain_numbered);
  g_test_add_func ("/text/plain/numbered-start", test_plain_numbered_start);
  g_test_add_func ("/text/plain/not-a-list", test_plain_not_a_list);
  g_test_add_func ("/text/plain/table", test_plain_table);
  g_test_add_func ("/text/plain/mixed-blocks", test_plain_mixed_blocks);
  g_test_add_func ("/text/plain/crlf", test_plain_crlf);
  g_test_add_func ("/text/plain/round-trip", test_plain_round_trip);
  g_test_add_func ("/text/plain/round-trip-built", test_plain_round_trip_built);
  g_test_add_func ("/text/length", test_length);
  g_test_add_func ("/text/length-danish", test_length_danish);
  g_test_add_func ("/text/list-items/numbered-first", test_list_items_numbered_first);
  g_test_add_func ("/text/list-items/bullets", test_list_items_bullets);
  g_test_add_func ("/text/list-items/none", test_list_items_none);
  g_test_add_func ("/text/copy", test_copy);
  g_test_add_func ("/text/copy-empty", test_copy_empty);
  g_test_add_func ("/text/boxed-shares", test_boxed_shares);
  g_test_add_func ("/text/inline/merge-same-style", test_inline_merge_same_style);
  g_test_add_func ("/text/inline/no-merge-other-style", test_inline_no_merge_other_style);
  g_test_add_func ("/text/inline/merge-links", test_inline_merge_links);
  g_test_add_func ("/text/inline/empty-ignored", test_inline_empty_ignored);
  g_test_add_func ("/text/danish-characters", test_danish_characters);

  return g_test_run ();
}
