/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "ref-spell-checker.h"
#include "ref-spell-view.h"
#include "test-input.h"
#include "test-model-helpers.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

/* The spell checking dictionary loads in a worker thread (issue 17): the window's
 * first frame does not wait for it, and once it is loaded what the window shows is
 * checked. Its own program: the dictionary is loaded once per process, so this test
 * must be the first in its process to ask for it. */

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  painted = TRUE;
}

/* While the worker is held, the window opens, paints and shows the item (were the
 * dictionary loaded on the main thread, it would hang here); nothing is underlined
 * yet. Released, the misspelt word gets underlined without anything typed. */
static void
test_window_before_dictionary (void)
{
  const char *content = "Anna Andersen fandt budgettet forkert udrenget.";
  int at = strstr (content, "udrenget") - content;
  g_autoptr (RefMeeting) meeting = ref_meeting_new ();
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph (content);
  RefSpellChecker *checker;
  RefWindow *window;
  GtkWidget *view = NULL;

  REQUIRE_INPUT ();
  ref_test_add_participant (meeting, "Anna Andersen");
  ref_decision_set_text (decision, text);
  ref_agenda_item_add_decision (ref_test_add_item (meeting, 1, "Ny cykelsti"), decision);
  ref_history_clear (ref_meeting_get_history (meeting));

  ref_spell_checker_hold_loading_for_testing (TRUE);
  window = ref_window_new (NULL, meeting, NULL);
  checker = ref_window_get_spell_checker (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (on_after_paint),
                    NULL);
  ref_window_select_item (window, 0);
  REF_INPUT_WAIT_FOR (painted && (view = ref_test_find_text_view_with (GTK_WIDGET (window), "udrenget")) != NULL
                      && gtk_widget_get_mapped (view));
  g_assert_true (painted);
  g_assert_nonnull (view);
  g_assert_true (ref_spell_checker_is_loading (checker));
  g_assert_false (ref_spell_checker_has_dictionary (checker));
  g_assert_true (ref_spell_checker_check_word (checker, "udrenget", -1));
  ref_input_settle (100);
  g_assert_false (ref_spell_view_is_marked (view, at, at + 8));

  ref_spell_checker_hold_loading_for_testing (FALSE);
  REF_INPUT_WAIT_FOR (!ref_spell_checker_is_loading (checker));
  g_assert_false (ref_spell_checker_is_loading (checker));
  if (!ref_spell_checker_has_dictionary (checker))
    {
      ref_test_close_window (window);
      g_test_skip ("hunspell-da is not installed");
      return;
    }
  REF_INPUT_WAIT_FOR (ref_spell_view_is_marked (view, at, at + 8));
  g_assert_true (ref_spell_view_is_marked (view, at, at + 8));
  g_assert_false (ref_spell_view_is_marked (view, 0, at));
  ref_test_close_window (window);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-spell-load");

  /* The window's recovery copies go there, not into the user's state folder. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/spell-load/window-before-dictionary", test_window_before_dictionary);
  return ref_test_run_and_clean (state);
}
