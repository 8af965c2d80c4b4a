/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "ref-phrases-page.h"
#include "ref-phrases.h"
#include "test-input.h"

/* The standard phrases in Preferences (issue 18): Danish by default, edited in place
 * with the keyboard and the mouse, saved in the settings as they are edited. */

typedef struct {
  GSettings *settings;
  GtkWindow *window;
  RefPhrasesPage *page;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  if (!ref_input_available ())
    return;
  f->settings = g_settings_new ("dk.referent.Referent");
  g_settings_reset (f->settings, REF_PHRASES_KEY);
  f->window = GTK_WINDOW (adw_preferences_window_new ());
  gtk_window_set_default_size (f->window, 900, 900);
  f->page = REF_PHRASES_PAGE (ref_phrases_page_new (f->settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (f->page));
  ref_input_focus_window (f->window);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window == NULL)
    return;
  ref_input_close_window (f->window);
  g_clear_object (&f->settings);
}

static GtkWidget *
find_type (GtkWidget *root, GType type, guint skip)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        {
          if (skip == 0)
            return c;
          skip--;
        }
      if ((found = find_type (c, type, skip)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_tooltip (GtkWidget *root, const char *tooltip)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (c), tooltip) == 0)
        return c;
      if ((found = find_tooltip (c, tooltip)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), text) == 0)
        return c;
      if ((found = find_label (c, text)))
        return found;
    }
  return NULL;
}

static GPtrArray *
saved (Fixture *f)
{
  return ref_phrases_load (f->settings);
}

static RefPhrase *
saved_at (GPtrArray *phrases, guint i)
{
  g_assert_cmpuint (i, <, phrases->len);
  return g_ptr_array_index (phrases, i);
}

/* The defaults: Danish, each with its outcome. */
static void
test_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) phrases = NULL;

  REQUIRE_INPUT ();
  phrases = saved (f);
  g_assert_cmpuint (phrases->len, ==, 7);
  g_assert_cmpstr (saved_at (phrases, 0)->text, ==, "Godkendt.");
  g_assert_cmpint (saved_at (phrases, 0)->outcome, ==, REF_DECISION_OUTCOME_APPROVED);
  g_assert_cmpstr (saved_at (phrases, 2)->text, ==, "Taget til efterretning.");
  g_assert_cmpint (saved_at (phrases, 2)->outcome, ==, REF_DECISION_OUTCOME_NOTED);
  g_assert_cmpstr (saved_at (phrases, 3)->text, ==, "Anbefales over for Økonomiudvalget og Byrådet.");
  g_assert_cmpint (saved_at (phrases, 3)->outcome, ==, REF_DECISION_OUTCOME_RECOMMENDED);
  g_assert_cmpint (saved_at (phrases, 6)->outcome, ==, REF_DECISION_OUTCOME_FORWARDED);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ref_phrases_page_get_row (f->page, 4))), ==, "Udsat.");
  g_assert_nonnull (find_label (GTK_WIDGET (f->page), "Phrase 1 · Alt+1"));
}

/* Editing a phrase in place saves it; a new phrase gets the outcome its wording
 * states until one is chosen; choosing one with the mouse saves it. */
static void
test_edit_and_add (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) phrases = NULL;
  AdwEntryRow *row;
  GtkWidget *drop_down, *choice;

  REQUIRE_INPUT ();
  row = ref_phrases_page_get_row (f->page, 0);
  ref_input_click (GTK_WIDGET (row));
  ref_input_key (GDK_KEY_End, 0);
  ref_input_key (GDK_KEY_BackSpace, 0);
  ref_input_type (" uden bemærkninger.");
  phrases = saved (f);
  g_assert_cmpstr (saved_at (phrases, 0)->text, ==, "Godkendt uden bemærkninger.");
  g_assert_cmpint (saved_at (phrases, 0)->outcome, ==, REF_DECISION_OUTCOME_APPROVED);

  ref_input_click (find_label (GTK_WIDGET (f->page), "_Add Phrase"));
  row = ref_phrases_page_get_row (f->page, 7);
  g_assert_nonnull (row);
  ref_input_type ("Sagen udsættes.");
  g_clear_pointer (&phrases, g_ptr_array_unref);
  phrases = saved (f);
  g_assert_cmpuint (phrases->len, ==, 8);
  g_assert_cmpstr (saved_at (phrases, 7)->text, ==, "Sagen udsættes.");
  g_assert_cmpint (saved_at (phrases, 7)->outcome, ==, REF_DECISION_OUTCOME_POSTPONED);

  /* The outcome chosen from the list stays, whatever is typed after. */
  drop_down = find_type (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN, 0);
  ref_input_click (drop_down);
  choice = find_label (GTK_WIDGET (gtk_widget_get_last_child (drop_down)), "Rejected");
  g_assert_nonnull (choice);
  ref_input_click (choice);
  g_clear_pointer (&phrases, g_ptr_array_unref);
  phrases = saved (f);
  g_assert_cmpint (saved_at (phrases, 7)->outcome, ==, REF_DECISION_OUTCOME_REJECTED);
  ref_input_click (GTK_WIDGET (row));
  ref_input_key (GDK_KEY_End, 0);
  ref_input_type (" Godkendt.");
  g_clear_pointer (&phrases, g_ptr_array_unref);
  phrases = saved (f);
  g_assert_cmpint (saved_at (phrases, 7)->outcome, ==, REF_DECISION_OUTCOME_REJECTED);
}

/* Remove, move up, and restore the defaults, by clicks. */
static void
test_remove_move_restore (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) phrases = NULL;

  REQUIRE_INPUT ();
  ref_input_click (find_tooltip (GTK_WIDGET (ref_phrases_page_get_row (f->page, 0)), "Remove Phrase"));
  phrases = saved (f);
  g_assert_cmpuint (phrases->len, ==, 6);
  g_assert_cmpstr (saved_at (phrases, 0)->text, ==, "Indstillingen blev godkendt.");

  ref_input_click (find_tooltip (GTK_WIDGET (ref_phrases_page_get_row (f->page, 3)), "Move Up"));
  g_clear_pointer (&phrases, g_ptr_array_unref);
  phrases = saved (f);
  g_assert_cmpstr (saved_at (phrases, 2)->text, ==, "Udsat.");
  g_assert_cmpstr (saved_at (phrases, 3)->text, ==, "Anbefales over for Økonomiudvalget og Byrådet.");

  ref_input_click (find_label (GTK_WIDGET (f->page), "_Restore Defaults"));
  g_clear_pointer (&phrases, g_ptr_array_unref);
  phrases = saved (f);
  g_assert_cmpuint (phrases->len, ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ref_phrases_page_get_row (f->page, 0))), ==, "Godkendt.");
}

/* The spelling switch is the setting. */
static void
test_spelling_switch (Fixture *f, gconstpointer data)
{
  REQUIRE_INPUT ();
  g_assert_true (g_settings_get_boolean (f->settings, "spell-checking"));
  ref_input_click (find_type (GTK_WIDGET (f->page), GTK_TYPE_SWITCH, 0));
  g_assert_false (g_settings_get_boolean (f->settings, "spell-checking"));
  g_settings_reset (f->settings, "spell-checking");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/phrases/defaults", test_defaults);
  ADD ("/phrases/edit-and-add", test_edit_and_add);
  ADD ("/phrases/remove-move-restore", test_remove_move_restore);
  ADD ("/phrases/spelling-switch", test_spelling_switch);
#undef ADD

  return g_test_run ();
}
