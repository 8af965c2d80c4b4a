/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefSpellChecker: spell checking while typing, with enchant-2 (hunspell's Danish
 * dictionary by default). One checker serves one document: it has the document's
 * language, knows the meeting's participants' names and accepts them, and never
 * checks words with digits (case numbers, dates, amounts).
 *
 * RefSpellView (ref-spell-view.h) attaches a checker to the widgets.
 */
#define REF_TYPE_SPELL_CHECKER (ref_spell_checker_get_type ())
G_DECLARE_FINAL_TYPE (RefSpellChecker, ref_spell_checker, REF, SPELL_CHECKER, GObject)

RefSpellChecker *ref_spell_checker_new (void);

/* The document language ("da", "en" …; NULL or "" is Danish). */
const char *ref_spell_checker_get_language (RefSpellChecker *self);
void        ref_spell_checker_set_language (RefSpellChecker *self, const char *language);
/* Whether the dictionary for the language is loaded (FALSE: nothing is marked). The
 * first checker of a language loads it in a worker thread; meanwhile this is FALSE
 * and ref_spell_checker_is_loading() (the "loading" property) TRUE; when it is loaded, "changed" is
 * emitted. Only when loading is done does FALSE mean that none is installed. */
gboolean    ref_spell_checker_has_dictionary (RefSpellChecker *self);
gboolean    ref_spell_checker_is_loading (RefSpellChecker *self);
/* Blocks until the language's dictionary is loaded (at once when it is); returns
 * ref_spell_checker_has_dictionary(). For command-line tools and tests: a window
 * waits for "changed" instead. */
gboolean    ref_spell_checker_wait_for_dictionary (RefSpellChecker *self);
/* Tests: while held, loading in the worker waits (ref_spell_checker_wait_for_dictionary
 * too), so that a test can see the window before the dictionary is there. */
void        ref_spell_checker_hold_loading_for_testing (gboolean hold);

gboolean    ref_spell_checker_get_enabled (RefSpellChecker *self);
void        ref_spell_checker_set_enabled (RefSpellChecker *self, gboolean enabled);

/* Takes the language and the participants' names from @meeting (nullable), and
 * follows their changes. */
void        ref_spell_checker_set_meeting (RefSpellChecker *self, RefMeeting *meeting);

/* @word: UTF-8, @length bytes or -1. TRUE when the word is correct or not checked. */
gboolean    ref_spell_checker_check_word (RefSpellChecker *self, const char *word, gssize length);
/* Returns: (transfer full): up to @max suggestions, best first. */
GStrv       ref_spell_checker_get_suggestions (RefSpellChecker *self, const char *word, guint max);
/* Adds @word to the user's personal dictionary (kept by enchant for all documents). */
void        ref_spell_checker_add_word (RefSpellChecker *self, const char *word);
/* Accepts @word in this document for the rest of the session. */
void        ref_spell_checker_ignore_word (RefSpellChecker *self, const char *word);

/* Emitted as "changed" when what is correct changed (language, names, a word added
 * or ignored, checking switched): checked widgets check everything again. */

G_END_DECLS
