/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-format.h"

#include <string.h>

#include "ref-captions.h"

static const char *const vote_labels[] = {
  [REF_VOTE_CHOICE_FOR] = "For stemte",
  [REF_VOTE_CHOICE_AGAINST] = "Imod stemte",
  [REF_VOTE_CHOICE_ABSTAIN] = "Undlod af stemme",
};

/* NULL when nothing is recorded for @choice. */
char *
ref_format_vote_line (const RefVote *vote, RefVoteChoice choice)
{
  g_auto (GStrv) names = ref_vote_get_voters (vote, choice);
  int count = ref_vote_get_count (vote, choice);
  GString *line;

  if (count < 0 && names[0] == NULL)
    return NULL;
  line = g_string_new (vote_labels[choice]);
  g_string_append (line, ":");
  if (count >= 0)
    g_string_append_printf (line, " %d", count);
  if (names[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", names);
      g_string_append_printf (line, "%s %s", count >= 0 ? "," : "", joined);
    }
  g_string_append_c (line, '.');
  return g_string_free (line, FALSE);
}

char *
ref_format_statement_lead (RefStatement *statement)
{
  const char *by = ref_statement_get_by (statement);

  if (*by == '\0' && ref_statement_get_participant (statement) != NULL)
    by = ref_participant_get_name (ref_statement_get_participant (statement));
  switch (ref_statement_get_kind (statement))
    {
    case REF_STATEMENT_KIND_MINORITY:
      return g_strdup_printf ("%s ønskede at afgive følgende mindretalsudtalelse:", by);
    case REF_STATEMENT_KIND_PROTOCOL:
      return g_strdup_printf ("%s ønskede at afgive følgende protokolbemærkning:", by);
    case REF_STATEMENT_KIND_REFERRAL:
    case REF_STATEMENT_KIND_OTHER:
    default:
      return NULL;
    }
}

static void
append_normalised (GString *out, const char *text)
{
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
}

static void
new_paragraph (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

char *
ref_format_text_paragraphs (const RefText *text, gboolean with_labels)
{
  GString *out = g_string_new (NULL);

  for (guint b = 0; b < ref_text_get_n_blocks (text); b++)
    {
      RefTextBlock *block = ref_text_get_block (text, b);
      RefBlockKind kind = ref_text_block_get_kind (block);

      if (kind == REF_BLOCK_TABLE)
        {
          for (guint r = 0; r < ref_text_block_get_n_rows (block); r++)
            {
              RefTextRow *row = ref_text_block_get_row (block, r);
              new_paragraph (out);
              for (guint c = 0; c < ref_text_row_get_n_cells (row); c++)
                {
                  g_autofree char *cell = ref_text_inline_to_plain (ref_text_row_get_cell (row, c));
                  if (c > 0)
                    g_string_append_c (out, ' ');
                  append_normalised (out, cell);
                }
            }
          continue;
        }
      for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
        {
          g_autofree char *item = ref_text_inline_to_plain (ref_text_block_get_item (block, i));
          new_paragraph (out);
          if (with_labels && kind == REF_BLOCK_NUMBERED_LIST)
            g_string_append_printf (out, "%u. ", ref_text_block_get_start (block) + i);
          append_normalised (out, item);
        }
    }
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
append_paragraph (GString *out, const char *paragraph)
{
  if (paragraph == NULL || *paragraph == '\0')
    return;
  new_paragraph (out);
  append_normalised (out, paragraph);
}

static void
append_text (GString *out, const RefText *text)
{
  g_autofree char *plain = ref_format_text_paragraphs (text, TRUE);
  g_auto (GStrv) lines = g_strsplit (plain, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    append_paragraph (out, lines[i]);
}

char *
ref_format_decision_plain (RefDecision *decision)
{
  GString *out = g_string_new (NULL);
  RefVote *vote = ref_decision_get_vote (decision);
  GListModel *statements = ref_decision_get_statements (decision);

  if (ref_decision_get_text (decision) != NULL && !ref_text_is_empty (ref_decision_get_text (decision)))
    append_text (out, ref_decision_get_text (decision));
  else if (vote == NULL)
    /* As the PDF prints it: a recorded outcome without text in its standard words
     * (a vote's outcome line already says it). */
    append_paragraph (out, ref_caption_outcome_sentence (ref_decision_get_outcome (decision)));
  if (vote != NULL)
    {
      for (RefVoteChoice c = REF_VOTE_CHOICE_FOR; c <= REF_VOTE_CHOICE_ABSTAIN; c++)
        {
          g_autofree char *line = ref_format_vote_line (vote, c);
          append_paragraph (out, line);
        }
      append_paragraph (out, ref_vote_get_outcome (vote));
    }
  for (guint i = 0; i < g_list_model_get_n_items (statements); i++)
    {
      g_autoptr (RefStatement) st = g_list_model_get_item (statements, i);
      g_autofree char *lead = ref_format_statement_lead (st);

      append_paragraph (out, lead);
      append_text (out, ref_statement_get_text (st));
    }
  append_paragraph (out, ref_decision_get_remark (decision));
  return g_string_free (out, FALSE);
}

char *
ref_format_attended_items (RefParticipant *participant)
{
  GArray *items = ref_participant_get_attended_items (participant);
  GString *out;

  if (items == NULL || items->len == 0)
    return NULL;
  out = g_string_new (items->len == 1 ? "deltog ved punkt " : "deltog ved punkterne ");
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == items->len ? " og " : ", ");
      g_string_append_printf (out, "%u", g_array_index (items, guint, i));
    }
  return g_string_free (out, FALSE);
}

static void
append_movement (GString *out, RefMovement *m, gboolean first)
{
  gboolean left = ref_movement_get_kind (m) == REF_MOVEMENT_KIND_LEFT;
  int time = ref_movement_get_time (m);
  guint item = ref_movement_get_item (m);

  if (!first)
    g_string_append (out, " og ");
  if (left)
    g_string_append (out, first ? "forlod mødet" : "forlod det igen");
  else
    g_string_append (out, first ? "kom til mødet" : "kom tilbage");
  if (time >= 0)
    g_string_append_printf (out, " kl. %02d.%02d", time / 60, time % 60);
  if (item > 0)
    g_string_append_printf (out, " %s punkt %u", ref_movement_get_during (m) ? "under" : "før", item);
}

char *
ref_format_partial_attendance (RefParticipant *participant)
{
  g_autofree char *attended = ref_format_attended_items (participant);
  GListModel *movements = ref_participant_get_movements (participant);
  guint n = g_list_model_get_n_items (movements);
  GString *out;

  if (attended == NULL && n == 0)
    return NULL;
  out = g_string_new (ref_participant_get_name (participant));
  if (attended != NULL)
    g_string_append_printf (out, " %s", attended);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefMovement) m = g_list_model_get_item (movements, i);
      g_string_append_c (out, i == 0 && attended == NULL ? ' ' : ' ');
      append_movement (out, m, i == 0);
    }
  return g_string_free (out, FALSE);
}
