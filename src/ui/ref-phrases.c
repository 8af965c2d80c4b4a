/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ref-phrases.h"

#define ELLIPSIS "\xe2\x80\xa6" /* … */

RefPhrase *
ref_phrase_new (const char *text, RefDecisionOutcome outcome)
{
  RefPhrase *phrase = g_new0 (RefPhrase, 1);

  phrase->text = g_strdup (text ? text : "");
  phrase->outcome = outcome;
  return phrase;
}

void
ref_phrase_free (RefPhrase *phrase)
{
  if (phrase == NULL)
    return;
  g_free (phrase->text);
  g_free (phrase);
}

GPtrArray *
ref_phrases_load (GSettings *settings)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_phrase_free);
  g_autoptr (GVariant) value = NULL;
  GVariantIter iter;
  const char *text, *nick;

  if (settings == NULL)
    return phrases;
  value = g_settings_get_value (settings, REF_PHRASES_KEY);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &text, &nick))
    {
      int outcome = REF_DECISION_OUTCOME_NONE;

      if (!ref_enum_from_nick (REF_TYPE_DECISION_OUTCOME, nick, &outcome))
        outcome = REF_DECISION_OUTCOME_NONE;
      g_ptr_array_add (phrases, ref_phrase_new (text, outcome));
    }
  return phrases;
}

void
ref_phrases_save (GSettings *settings, GPtrArray *phrases)
{
  GVariantBuilder builder;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < phrases->len; i++)
    {
      RefPhrase *phrase = g_ptr_array_index (phrases, i);

      g_variant_builder_add (&builder, "(ss)", phrase->text,
                             ref_enum_to_nick (REF_TYPE_DECISION_OUTCOME, phrase->outcome));
    }
  g_settings_set_value (settings, REF_PHRASES_KEY, g_variant_builder_end (&builder));
}

void
ref_phrase_insert (const RefPhrase *phrase, GtkTextView *view, RefDecision *decision)
{
  GtkTextBuffer *buffer;
  RefHistory *history;
  GtkTextIter at, before;
  GtkTextMark *start_mark;
  g_autofree char *text = NULL;
  gboolean separate;

  g_return_if_fail (phrase != NULL);
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (decision == NULL || REF_IS_DECISION (decision));

  if (!gtk_text_view_get_editable (view))
    return;
  buffer = gtk_text_view_get_buffer (view);
  history = decision ? ref_history_for_object (decision) : NULL;
  if (history != NULL)
    {
      ref_history_seal (history);
      ref_history_begin_group (history);
    }

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
  before = at;
  /* A phrase is a sentence of its own: after a word, a space first. */
  separate = !gtk_text_iter_starts_line (&at) && gtk_text_iter_backward_char (&before)
             && !g_unichar_isspace (gtk_text_iter_get_char (&before));
  text = g_strconcat (separate ? " " : "", phrase->text, NULL);
  start_mark = gtk_text_buffer_create_mark (buffer, NULL, &at, TRUE);
  gtk_text_buffer_insert_interactive (buffer, &at, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);

  if (decision != NULL && phrase->outcome != REF_DECISION_OUTCOME_NONE)
    ref_decision_set_outcome (decision, phrase->outcome);
  if (history != NULL)
    {
      ref_history_end_group (history);
      ref_history_seal (history);
    }

  /* "Oversendt til …": the body is typed over the ellipsis. */
  if (strstr (phrase->text, ELLIPSIS) != NULL)
    {
      GtkTextIter start, end, match_start, match_end;

      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, gtk_text_buffer_get_insert (buffer));
      if (gtk_text_iter_backward_search (&end, ELLIPSIS, GTK_TEXT_SEARCH_TEXT_ONLY, &match_start, &match_end, &start))
        gtk_text_buffer_select_range (buffer, &match_start, &match_end);
    }
  gtk_text_buffer_delete_mark (buffer, start_mark);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

const char *
ref_phrase_outcome_label (RefDecisionOutcome outcome)
{
  switch (outcome)
    {
    case REF_DECISION_OUTCOME_APPROVED:
      return _("Approved");
    case REF_DECISION_OUTCOME_RECOMMENDED:
      return _("Recommended");
    case REF_DECISION_OUTCOME_NOTED:
      return _("Noted");
    case REF_DECISION_OUTCOME_POSTPONED:
      return _("Postponed");
    case REF_DECISION_OUTCOME_REJECTED:
      return _("Rejected");
    case REF_DECISION_OUTCOME_FORWARDED:
      return _("Forwarded");
    case REF_DECISION_OUTCOME_NONE:
    default:
      return _("No outcome");
    }
}
