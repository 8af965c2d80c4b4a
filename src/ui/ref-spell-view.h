/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ref-spell-checker.h"

G_BEGIN_DECLS

/*
 * Spell checking attached to a widget: a GtkTextView (RefTextEditor and every other
 * multi-line field) or a single-line GtkEditable (GtkEntry, AdwEntryRow: titles).
 *
 * Edits mark the words they touch; an idle callback of low priority checks marked
 * words in slices of a few milliseconds, so typing never waits for the dictionary.
 * The word being typed is left alone until the cursor leaves it. Misspelt words are
 * underlined (drawn by the text view from ref_spell_view_foreach_marked, an error
 * underline attribute in an entry); the context menu offers suggestions, "Add to
 * Dictionary" and "Ignore".
 */

/* The misspelt words of a checked text view from @from to @to, in order. A text view
 * gets no tag for them (a tag splits the text's runs for Pango and GTK): the view
 * draws them itself, as RefTextEditor does. *@drawn is the view's to keep what it
 * measured for the word (NULL at first); the spell view frees it with g_free when
 * the word is no longer marked. */
typedef void (*RefSpellMarkFunc) (const GtkTextIter *start, const GtkTextIter *end, gpointer *drawn,
                                  gpointer data);
void ref_spell_view_foreach_marked (GtkWidget *widget, const GtkTextIter *from, const GtkTextIter *to,
                                    RefSpellMarkFunc func, gpointer data);

/* Before a change from @from to @to (equal for an insertion): frees what the view
 * keeps for the words it touches (from @from to @to, ends included) and for the
 * nearest word on each side of it. */
void ref_spell_view_forget_drawn (GtkWidget *widget, const GtkTextIter *from, const GtkTextIter *to);

/* Checks @widget with @checker until the widget is destroyed or detached; attaching
 * again replaces the checker. */
void      ref_spell_view_attach (GtkWidget *widget, RefSpellChecker *checker);
void      ref_spell_view_detach (GtkWidget *widget);
/* Attaches @checker to every text field below @root (text views, entries and entry
 * rows; not search, password or number fields, nor those with the CSS class
 * "ref-no-spell-check"). Returns how many fields it checks. */
guint     ref_spell_view_attach_tree (GtkWidget *root, RefSpellChecker *checker);
/* (transfer none) (nullable) */
RefSpellChecker *ref_spell_view_get_checker (GtkWidget *widget);
/* Checks everything still marked in @widget now (tests, benchmarks, screenshots). */
void      ref_spell_view_check_now (GtkWidget *widget);
/* Whether the text of @widget has misspelt words marked between byte offsets
 * [@start, @end) of its text (-1: to the end). For tests. */
gboolean  ref_spell_view_is_marked (GtkWidget *widget, int start, int end);

G_END_DECLS
