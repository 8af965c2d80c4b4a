/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * Standard decision phrases ("Godkendt.", "Taget til efterretning." …): the wording
 * a committee uses for its usual decisions, each with the outcome it states. They
 * live in the settings (the decision-phrases key, Danish by default) and are edited
 * in Preferences (RefPhrasesPage); live meeting mode and the decision editor insert
 * them with Alt+1 … Alt+9 or a click.
 */
typedef struct {
  char *text;
  RefDecisionOutcome outcome;
} RefPhrase;

#define REF_PHRASES_KEY "decision-phrases"
/* Alt+1 … Alt+9 */
#define REF_PHRASES_N_SHORTCUTS 9

RefPhrase *ref_phrase_new (const char *text, RefDecisionOutcome outcome);
void       ref_phrase_free (RefPhrase *phrase);

/* @settings: (nullable): the application's settings; NULL gives no phrases.
 * Returns: (transfer full) (element-type RefPhrase): the phrases in order; entries with
 * an outcome this version does not know keep their text, with no outcome. */
GPtrArray *ref_phrases_load (GSettings *settings);
/* @phrases: (element-type RefPhrase) */
void       ref_phrases_save (GSettings *settings, GPtrArray *phrases);

/* Inserts @phrase at the cursor of @view (over the selection), apart from the word
 * before it, and records its outcome on @decision (when not NULL) in the same undo
 * step as the text. A "…" in the phrase is left selected, to be typed over. */
void       ref_phrase_insert (const RefPhrase *phrase, GtkTextView *view, RefDecision *decision);

/* The outcome's name for the user ("Approved", "Noted" …, translated). */
const char *ref_phrase_outcome_label (RefDecisionOutcome outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefPhrase, ref_phrase_free)

G_END_DECLS
