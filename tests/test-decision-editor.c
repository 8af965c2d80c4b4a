/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ref-date-button.h"
#include "ref-decision-editor.h"
#include "ref-i18n.h"
#include "ref-item-view.h"
#include "ref-statement-editor.h"
#include "ref-text-field.h"
#include "ref-vote-editor.h"
#include "test-input.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

/* The decision editor in the window, driven as a secretary drives it: key presses,
 * clicks and the mouse wheel through the X server (tests/test-input.h). */

static RefDecisionEditor *
open_decision (RefWindow *window, guint item_position)
{
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  GtkWidget *editor;

  ref_window_select_item (window, item_position);
  ref_test_iterate ();
  editor = ref_item_view_get_decision_widget (view, 0);
  g_assert_nonnull (editor);
  return REF_DECISION_EDITOR (editor);
}

static void
wait_for_layout (void)
{
  for (int i = 0; i < 10; i++)
    {
      g_usleep (20000);
      ref_test_iterate ();
    }
}

/* Scrolls the item page so that @widget is in the middle of it. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t p;

  wait_for_layout ();
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &p));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - gtk_adjustment_get_page_size (adj) / 2);
  wait_for_layout ();
}

/* Everything the sample's item 6 decision holds is on screen: the vote with its
 * voters and outcome, the minority statement, the referral and the other statement. */
static void
test_shows_everything (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefDecisionEditor *editor = open_decision (window, 5);
  RefDecision *decision = ref_decision_editor_get_decision (editor);
  GtkWidget *vote = ref_decision_editor_get_vote_editor (editor);
  GPtrArray *statements = ref_decision_editor_get_statement_editors (editor);
  AdwPreferencesRow *row;

  g_assert_nonnull (ref_decision_get_vote (decision));
  row = ADW_PREFERENCES_ROW (ref_test_find_widget (vote, ADW_TYPE_ACTION_ROW, "Kate Svarrer (løsgænger)"));
  g_assert_nonnull (row);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (row), "ref-choice"))), ==,
                    REF_VOTE_CHOICE_AGAINST);
  g_assert_nonnull (ref_test_find_widget (vote, ADW_TYPE_ACTION_ROW, "André Amingsø (D)"));
  {
    GtkEditable *outcome = GTK_EDITABLE (GTK_WIDGET (gtk_widget_get_template_child (vote, REF_TYPE_VOTE_EDITOR, "outcome_row")));
    g_assert_cmpstr (gtk_editable_get_text (outcome), ==, "Indstillingen blev dermed godkendt.");
  }
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                       GTK_SPIN_BUTTON (ref_vote_editor_get_count_spin (REF_VOTE_EDITOR (vote), REF_VOTE_CHOICE_FOR))),
                   ==, 5);
  g_assert_cmpuint (statements->len, ==, 3);
  {
    RefStatementEditor *minority = g_ptr_array_index (statements, 0);
    GtkDropDown *kind = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (minority), REF_TYPE_STATEMENT_EDITOR,
                                                                      "kind_drop_down"));
    AdwComboRow *who = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (minority), REF_TYPE_STATEMENT_EDITOR,
                                                                     "participant_row"));
    GtkStringObject *name = adw_combo_row_get_selected_item (who);

    g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, REF_STATEMENT_KIND_MINORITY);
    g_assert_cmpstr (gtk_string_object_get_string (name), ==, "Kate Svarrer (Løsgænger)");
  }
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (
                        g_ptr_array_index (statements, 1), REF_TYPE_STATEMENT_EDITOR, "kind_drop_down"))),
                    ==, REF_STATEMENT_KIND_REFERRAL);
  ref_test_close_window (window);
}

static RefWindow *
open_for_input (void)
{
  RefWindow *window = ref_test_open_sample_in_app ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 980);
  ref_input_focus_window (GTK_WINDOW (window));
  wait_for_layout ();
  return window;
}

static GtkWidget *
vote_child (RefDecisionEditor *editor, const char *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (ref_decision_editor_get_vote_editor (editor), REF_TYPE_VOTE_EDITOR, id));
}

static GtkDropDown *
voter_choice (RefDecisionEditor *editor, const char *name)
{
  GtkWidget *row = ref_test_find_widget (ref_decision_editor_get_vote_editor (editor), ADW_TYPE_ACTION_ROW, name);

  g_assert_nonnull (row);
  return GTK_DROP_DOWN (g_object_get_data (G_OBJECT (row), "ref-choice"));
}

/* Opens a drop-down (or combo row) by a click and clicks the entry called @label. */
static void
choose (GtkWidget *drop_down, const char *label)
{
  GtkWidget *entry;

  scroll_to (drop_down);
  REF_INPUT_CLICK_UNTIL (drop_down, (entry = ref_test_find_label (drop_down, label)) != NULL);
  g_assert_nonnull (entry);
  wait_for_layout ();
  ref_input_click (entry);
  wait_for_layout ();
}

/* The outcome line and the voters, edited with the keyboard and the mouse. */
static void
test_vote_by_hand (void)
{
  RefWindow *window;
  RefDecisionEditor *editor;
  RefDecision *decision;
  RefVote *vote;
  GtkWidget *outcome, *add;

  REQUIRE_INPUT ();
  window = open_for_input ();
  editor = open_decision (window, 5);
  decision = ref_decision_editor_get_decision (editor);

  outcome = vote_child (editor, "outcome_row");
  scroll_to (outcome);
  ref_input_click (outcome);
  ref_input_key (GDK_KEY_End, 0);
  ref_input_type (" Vedtaget");
  vote = ref_decision_get_vote (decision);
  g_assert_cmpstr (ref_vote_get_outcome (vote), ==, "Indstillingen blev dermed godkendt. Vedtaget");

  /* A voter typed by name counts as voting for; the count follows the names. */
  add = vote_child (editor, "add_voter_row");
  scroll_to (add);
  ref_input_click (add);
  ref_input_type ("Anna Holm (V)\n");
  wait_for_layout ();
  vote = ref_decision_get_vote (decision);
  g_assert_cmpuint (ref_vote_get_n_voters (vote), ==, 8);
  g_assert_cmpstr (ref_vote_get_voter (vote, 7, NULL), ==, "Anna Holm (V)");
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR), ==, 6);

  /* She voted against. */
  choose (GTK_WIDGET (voter_choice (editor, "Anna Holm (V)")), "Against");
  vote = ref_decision_get_vote (decision);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR), ==, 5);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_AGAINST), ==, 2);

  /* Removed again with her row's button; Ctrl+Z brings her back, on screen too. */
  {
    GtkWidget *row = ref_test_find_widget (ref_decision_editor_get_vote_editor (editor), ADW_TYPE_ACTION_ROW,
                                           "Anna Holm (V)");
    GtkWidget *remove = ref_test_find_tooltip (row, "Remove Voter");

    g_assert_nonnull (remove);
    scroll_to (remove);
    ref_input_click (remove);
    wait_for_layout ();
  }
  vote = ref_decision_get_vote (decision);
  g_assert_cmpuint (ref_vote_get_n_voters (vote), ==, 7);
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_AGAINST), ==, 1);
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  g_assert_cmpuint (ref_vote_get_n_voters (ref_decision_get_vote (decision)), ==, 8);
  g_assert_nonnull (ref_test_find_widget (ref_decision_editor_get_vote_editor (editor), ADW_TYPE_ACTION_ROW,
                                          "Anna Holm (V)"));
  ref_test_close_window (window);
}

/* The members present, chosen from the participants: all of them at once here. */
static void
test_voters_from_participants (void)
{
  RefWindow *window;
  RefDecisionEditor *editor;
  RefDecision *decision;
  RefVote *vote;
  GtkWidget *button, *entry;

  REQUIRE_INPUT ();
  window = open_for_input ();
  editor = open_decision (window, 6); /* item 7: a decision without a vote */
  decision = ref_decision_editor_get_decision (editor);
  g_assert_null (ref_decision_get_vote (decision));
  button = vote_child (editor, "participants_button");
  scroll_to (button);
  REF_INPUT_CLICK_UNTIL (button, (entry = ref_test_find_label (button, "Johan Müller (A)")) != NULL);
  g_assert_nonnull (entry);
  wait_for_layout ();
  /* Officials do not vote. */
  g_assert_null (ref_test_find_label (button, "Jannik Karoli Plum Nielsen"));
  ref_input_click (entry);
  REF_INPUT_WAIT_FOR (ref_decision_get_vote (decision) != NULL);
  vote = ref_decision_get_vote (decision);
  g_assert_nonnull (vote);
  g_assert_cmpstr (ref_vote_get_voter (vote, 0, NULL), ==, "Johan Müller (A)");
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR), ==, 1);

  REF_INPUT_WAIT_FOR (ref_test_find_label (button, "Johan Müller (A)") == NULL);
  REF_INPUT_CLICK_UNTIL (button, (entry = ref_test_find_label (button, "Add Everyone Left as Voting For")) != NULL);
  g_assert_nonnull (entry);
  wait_for_layout ();
  ref_input_click (entry);
  REF_INPUT_WAIT_FOR (ref_vote_get_n_voters (ref_decision_get_vote (decision)) == 7);
  vote = ref_decision_get_vote (decision);
  g_assert_cmpuint (ref_vote_get_n_voters (vote), ==, 7); /* the sample's seven members */
  g_assert_cmpint (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR), ==, 7);
  ref_test_close_window (window);
}

/* Turning the mouse wheel over a vote count scrolls the page and leaves the vote. */
static void
test_wheel_scrolls_page (void)
{
  RefWindow *window;
  RefDecisionEditor *editor;
  RefDecision *decision;
  GtkWidget *spin, *scrolled;
  GtkAdjustment *adj;
  double before;

  REQUIRE_INPUT ();
  window = open_for_input ();
  editor = open_decision (window, 5);
  decision = ref_decision_editor_get_decision (editor);
  spin = ref_vote_editor_get_count_spin (REF_VOTE_EDITOR (ref_decision_editor_get_vote_editor (editor)),
                                         REF_VOTE_CHOICE_FOR);
  scroll_to (spin);
  scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  before = gtk_adjustment_get_value (adj);
  ref_input_wheel (spin, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 5);
  g_assert_cmpint (ref_vote_get_count (ref_decision_get_vote (decision), REF_VOTE_CHOICE_FOR), ==, 5);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, before);
  /* Up again, too. */
  before = gtk_adjustment_get_value (adj);
  ref_input_wheel (spin, -1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), <, before);
  g_assert_cmpint (ref_vote_get_count (ref_decision_get_vote (decision), REF_VOTE_CHOICE_FOR), ==, 5);
  ref_test_close_window (window);
}

/* A count raised with the Up key and undone with Ctrl+Z shows the model's value. */
static void
test_undo_shows_count (void)
{
  RefWindow *window;
  RefDecisionEditor *editor;
  RefDecision *decision;
  GtkWidget *spin, *text = NULL;

  REQUIRE_INPUT ();
  window = open_for_input ();
  editor = open_decision (window, 5);
  decision = ref_decision_editor_get_decision (editor);
  spin = ref_vote_editor_get_count_spin (REF_VOTE_EDITOR (ref_decision_editor_get_vote_editor (editor)),
                                         REF_VOTE_CHOICE_AGAINST);
  for (GtkWidget *c = gtk_widget_get_first_child (spin); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TEXT (c))
      text = c;
  g_assert_nonnull (text);
  scroll_to (spin);
  ref_input_click (text);
  ref_input_key (GDK_KEY_Up, 0);
  g_assert_cmpint (ref_vote_get_count (ref_decision_get_vote (decision), REF_VOTE_CHOICE_AGAINST), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 2);
  ref_history_seal (ref_meeting_get_history (ref_window_get_meeting (window)));
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  g_assert_cmpint (ref_vote_get_count (ref_decision_get_vote (decision), REF_VOTE_CHOICE_AGAINST), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 1);
  ref_test_close_window (window);
}

/* Alt+3 in a decision's text, outside live mode too, inserts the third standard
 * phrase ("Taget til efterretning.") and records its outcome; one Ctrl+Z takes both
 * back. */
static void
test_phrase_key (void)
{
  RefWindow *window;
  RefDecisionEditor *editor;
  RefDecision *decision;
  GtkWidget *view;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  RefDecisionOutcome outcome;

  REQUIRE_INPUT ();
  window = open_for_input ();
  editor = open_decision (window, 0);
  decision = ref_decision_editor_get_decision (editor);
  outcome = ref_decision_get_outcome (decision);
  before = ref_text_to_plain (ref_decision_get_text (decision));
  view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), REF_TYPE_DECISION_EDITOR, "text_field"));
  view = GTK_WIDGET (ref_text_field_get_editor (REF_TEXT_FIELD (view)));
  scroll_to (view);
  ref_input_click (view);
  ref_input_key (GDK_KEY_End, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_3, GDK_ALT_MASK);
  wait_for_layout ();
  after = ref_text_to_plain (ref_decision_get_text (decision));
  /* The sample's decision says "Taget til efterretning" without a full stop. */
  g_assert_null (strstr (before, "Taget til efterretning."));
  g_assert_nonnull (strstr (after, "Taget til efterretning."));
  g_assert_cmpint (ref_decision_get_outcome (decision), ==, REF_DECISION_OUTCOME_NOTED);
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  undone = ref_text_to_plain (ref_decision_get_text (decision));
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (ref_decision_get_outcome (decision), ==, outcome);
  ref_test_close_window (window);
}

/* The decision date is picked on a calendar, like the meeting's. */
static void
test_date_on_calendar (void)
{
  RefWindow *window;
  RefDecisionEditor *editor;
  RefDecision *decision;
  RefDateButton *date;
  GtkWidget *day;
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();

  REQUIRE_INPUT ();
  window = open_for_input ();
  editor = open_decision (window, 5);
  decision = ref_decision_editor_get_decision (editor);
  g_assert_null (ref_decision_get_date (decision));
  date = REF_DATE_BUTTON (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), REF_TYPE_DECISION_EDITOR, "date_button")));
  scroll_to (GTK_WIDGET (date));
  REF_INPUT_CLICK_UNTIL (gtk_widget_get_first_child (GTK_WIDGET (date)),
                         gtk_widget_get_mapped (ref_date_button_get_calendar (date)));
  wait_for_layout ();
  day = ref_test_find_label (ref_date_button_get_calendar (date), "15");
  g_assert_nonnull (day);
  ref_input_click (day);
  wait_for_layout ();
  g_assert_nonnull (ref_decision_get_date (decision));
  g_assert_cmpint (g_date_time_get_day_of_month (ref_decision_get_date (decision)), ==, 15);
  g_assert_cmpint (g_date_time_get_month (ref_decision_get_date (decision)), ==, g_date_time_get_month (today));
  g_assert_false (gtk_widget_get_mapped (ref_date_button_get_calendar (date)));
  ref_test_close_window (window);
}

/* A minority statement added from the menu, written, and its author chosen. */
static void
test_add_statement (void)
{
  RefWindow *window;
  RefDecisionEditor *editor;
  RefDecision *decision;
  GListModel *statements;
  GtkWidget *button, *entry;
  g_autoptr (RefStatement) added = NULL;
  RefStatementEditor *statement_editor;
  g_autofree char *plain = NULL;

  REQUIRE_INPUT ();
  window = open_for_input ();
  editor = open_decision (window, 6);
  decision = ref_decision_editor_get_decision (editor);
  statements = ref_decision_get_statements (decision);
  g_assert_cmpuint (g_list_model_get_n_items (statements), ==, 0);
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), REF_TYPE_DECISION_EDITOR, "add_statement_button"));
  scroll_to (button);
  REF_INPUT_CLICK_UNTIL (button, (entry = ref_test_find_label (button, "Minority Statement")) != NULL);
  g_assert_nonnull (entry);
  wait_for_layout ();
  ref_input_click (entry);
  REF_INPUT_WAIT_FOR (g_list_model_get_n_items (statements) == 1);
  wait_for_layout ();
  g_assert_cmpuint (g_list_model_get_n_items (statements), ==, 1);
  added = g_list_model_get_item (statements, 0);
  g_assert_cmpint (ref_statement_get_kind (added), ==, REF_STATEMENT_KIND_MINORITY);
  /* The keyboard is in the new statement's text. */
  ref_input_type ("Vi er imod forslaget.");
  plain = ref_text_to_plain (ref_statement_get_text (added));
  g_assert_cmpstr (plain, ==, "Vi er imod forslaget.");

  statement_editor = g_ptr_array_index (ref_decision_editor_get_statement_editors (editor), 0);
  choose (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (statement_editor), REF_TYPE_STATEMENT_EDITOR, "participant_row")),
          "Kate Svarrer (Løsgænger)");
  g_assert_nonnull (ref_statement_get_participant (added));
  g_assert_cmpstr (ref_participant_get_name (ref_statement_get_participant (added)), ==, "Kate Svarrer");

  choose (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (statement_editor), REF_TYPE_STATEMENT_EDITOR, "kind_drop_down")),
          "Referral (standsningsret)");
  g_assert_cmpint (ref_statement_get_kind (added), ==, REF_STATEMENT_KIND_REFERRAL);
  ref_test_close_window (window);
}

/* "Add Decision" sits right under the decisions; a new decision is the committee's,
 * on the meeting's day, and the keyboard is in its text. Its trash button deletes it. */
static void
test_add_and_delete_decision (void)
{
  RefWindow *window;
  RefItemView *view;
  GListModel *decisions;
  GtkWidget *decisions_box, *add;
  g_autoptr (RefDecision) added = NULL;
  RefDecisionEditor *editor;
  g_autofree char *plain = NULL;

  REQUIRE_INPUT ();
  window = open_for_input ();
  view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  editor = open_decision (window, 5);
  decisions = ref_agenda_item_get_decisions (ref_item_view_get_item (view));
  decisions_box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), REF_TYPE_ITEM_VIEW, "decisions_box"));
  add = gtk_widget_get_next_sibling (decisions_box);
  g_assert_true (GTK_IS_BUTTON (add));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add)), ==, "view.add-decision");
  scroll_to (add);
  ref_input_click (add);
  wait_for_layout ();
  g_assert_cmpuint (g_list_model_get_n_items (decisions), ==, 2);
  added = g_list_model_get_item (decisions, 1);
  g_assert_cmpstr (ref_decision_get_deciding_body (added), ==, "Socialudvalget");
  g_assert_nonnull (ref_decision_get_date (added));
  g_assert_cmpint (g_date_time_get_day_of_month (ref_decision_get_date (added)), ==, 6);
  g_assert_cmpint (g_date_time_get_month (ref_decision_get_date (added)), ==, 5);
  ref_input_type ("Sagen blev udsat.");
  plain = ref_text_to_plain (ref_decision_get_text (added));
  g_assert_cmpstr (plain, ==, "Sagen blev udsat.");

  editor = REF_DECISION_EDITOR (ref_item_view_get_decision_widget (view, 1));
  scroll_to (GTK_WIDGET (editor));
  ref_input_click (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), REF_TYPE_DECISION_EDITOR, "delete_button")));
  wait_for_layout ();
  g_assert_cmpuint (g_list_model_get_n_items (decisions), ==, 1);
  ref_input_key (GDK_KEY_z, GDK_CONTROL_MASK);
  wait_for_layout ();
  g_assert_cmpuint (g_list_model_get_n_items (decisions), ==, 2);
  ref_test_close_window (window);
}

/* The window with the decision editor in view, and a text field with its toolbar,
 * render; with REFERENT_SCREENSHOT_DIR set they are saved as PNGs for the README. */
static void
test_renders (void)
{
  RefWindow *window = ref_test_open_sample ();
  const char *dir = g_getenv ("REFERENT_SCREENSHOT_DIR");
  g_autofree char *decision_png = dir ? g_build_filename (dir, "decision-editor.png", NULL) : NULL;
  RefDecisionEditor *editor;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 860);
  wait_for_layout ();
  editor = open_decision (window, 5);
  /* The sample's decision of item 6 holds votes and statements; with its body, date
   * and text it shows every part of the editor. */
  {
    RefAgendaItem *item = ref_item_view_get_item (REF_ITEM_VIEW (ref_window_get_item_view (window)));
    g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
    g_autoptr (GDateTime) day = g_date_time_new_utc (2025, 5, 6, 0, 0, 0);
    g_autoptr (RefText) text = ref_text_new_from_plain ("Indstillingen godkendt.");

    ref_decision_set_deciding_body (decision, "Socialudvalget");
    ref_decision_set_date (decision, day);
    ref_decision_set_text (decision, text);
  }
  /* The editor's top a little below the page's top. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    graphene_point_t p;

    wait_for_layout ();
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (editor), scrolled, &GRAPHENE_POINT_INIT (0, 0), &p));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - 12);
    wait_for_layout ();
  }
  ref_test_render_native (GTK_WIDGET (window), decision_png);
  ref_test_close_window (window);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-decision-editor");

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", state, TRUE);
  /* Screenshots for the README are taken in the language asked for (LANGUAGE). */
  if (g_getenv ("REFERENT_SCREENSHOT_DIR") != NULL)
    ref_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/decision-editor/shows-everything", test_shows_everything);
  g_test_add_func ("/decision-editor/vote-by-hand", test_vote_by_hand);
  g_test_add_func ("/decision-editor/voters-from-participants", test_voters_from_participants);
  g_test_add_func ("/decision-editor/wheel-scrolls-page", test_wheel_scrolls_page);
  g_test_add_func ("/decision-editor/undo-shows-count", test_undo_shows_count);
  g_test_add_func ("/decision-editor/phrase-key", test_phrase_key);
  g_test_add_func ("/decision-editor/date-on-calendar", test_date_on_calendar);
  g_test_add_func ("/decision-editor/add-statement", test_add_statement);
  g_test_add_func ("/decision-editor/add-and-delete-decision", test_add_and_delete_decision);
  g_test_add_func ("/decision-editor/renders", test_renders);
  return ref_test_run_and_clean (state);
}
