/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "ref-live-view.h"
#include "ref-preview.h"
#include "ref-recovery.h"
#include "ref-spell-checker.h"
#include "ref-spell-view.h"
#include "test-input.h"
#include "test-model-helpers.h"
#include "test-ui-helpers.h"

/* Writing during the meeting in the window (issue 18), with real keys: Ctrl+Shift+M
 * starts and ends live mode (start and end time), the list follows the item being
 * minuted, what is typed is in the recovery copy, the preview pane (F9) follows
 * the selection, and the fields of the item are spell checked. */

typedef struct {
  RefMeeting *meeting;
  RefWindow *window;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  /* Dated today, so that starting live mode records the start time. */
  g_autoptr (GDateTime) start = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 0, 0, 0);
  static const char *const titles[] = { "Godkendelse af dagsorden", "Budgetopfølgning", "Ny cykelsti", "Eventuelt" };

  if (!ref_input_available ())
    return;
  f->meeting = ref_meeting_new ();
  ref_meeting_set_committee (f->meeting, "Teknik- og Miljøudvalget");
  ref_meeting_set_start (f->meeting, start);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    ref_test_add_item (f->meeting, i + 1, titles[i]);
  ref_participant_set_participant_type (ref_test_add_participant (f->meeting, "Anna Andersen"),
                                        REF_PARTICIPANT_TYPE_MEMBER);
  ref_history_clear (ref_meeting_get_history (f->meeting));
  f->window = ref_window_new (NULL, f->meeting, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  ref_input_focus_window (GTK_WINDOW (f->window));
  ref_input_settle (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window == NULL)
    return;
  ref_test_close_window (f->window);
  ref_input_settle (20);
  g_clear_object (&f->meeting);
}

#define SKIP_WITHOUT_X11(f)                                                                                       \
  G_STMT_START                                                                                                    \
  {                                                                                                               \
    if ((f)->window == NULL)                                                                                      \
      {                                                                                                           \
        g_test_skip ("needs an X11 display with the XTEST extension");                                          \
        return;                                                                                                   \
      }                                                                                                           \
  }                                                                                                               \
  G_STMT_END

static RefAgendaItem *
selected_item (Fixture *f)
{
  GtkListView *list = GTK_LIST_VIEW (ref_window_get_item_list (f->window));

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list)));
}

static char *
decision_text (RefAgendaItem *item)
{
  g_autoptr (RefDecision) d = NULL;

  if (g_list_model_get_n_items (ref_agenda_item_get_decisions (item)) == 0)
    return g_strdup ("");
  d = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);
  return ref_decision_get_text (d) ? ref_text_to_plain (ref_decision_get_text (d)) : g_strdup ("");
}

/* Ctrl+Shift+M starts: the start time is recorded and the cursor is in the first
 * item's decision; typing, Ctrl+Enter and Alt+1 minute two items; the list follows;
 * the recovery copy has what was typed; Ctrl+Shift+M ends and records the end time. */
static void
test_live_mode (Fixture *f, gconstpointer data)
{
  GtkWidget *live;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  RefMeeting *recovered = NULL;

  SKIP_WITHOUT_X11 (f);
  live = ref_window_get_live_view (f->window);
  g_assert_null (ref_meeting_get_end (f->meeting));
  ref_input_key (GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  REF_INPUT_WAIT_FOR (ref_window_get_live_mode (f->window));
  g_assert_true (ref_window_get_live_mode (f->window));
  g_assert_true (gtk_widget_get_mapped (live));
  g_assert_cmpint (g_date_time_get_hour (ref_meeting_get_start (f->meeting)) * 60
                       + g_date_time_get_minute (ref_meeting_get_start (f->meeting)),
                   >, 0);
  g_assert_true (ref_live_view_get_item (REF_LIVE_VIEW (live)) == selected_item (f));

  ref_input_type ("Godkendt med en rettelse.");
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (ref_live_view_get_item (REF_LIVE_VIEW (live)) == ref_meeting_find_item_by_number (f->meeting, 2));
  g_assert_true (selected_item (f) == ref_meeting_find_item_by_number (f->meeting, 2));
  ref_input_key (GDK_KEY_3, GDK_ALT_MASK);
  first = decision_text (ref_meeting_find_item_by_number (f->meeting, 1));
  second = decision_text (ref_meeting_find_item_by_number (f->meeting, 2));
  g_assert_cmpstr (first, ==, "Godkendt med en rettelse.");
  g_assert_cmpstr (second, ==, "Taget til efterretning.");
  /* Ctrl+Enter in live mode went to the next item; it added none. */
  g_assert_cmpuint (ref_meeting_get_n_items (f->meeting), ==, 4);

  /* Nothing typed in live mode is lost: the recovery copy has it. */
  g_assert_true (ref_window_autosave_now (f->window, &error));
  g_assert_no_error (error);
  entries = ref_recovery_list ();
  for (guint i = 0; i < entries->len; i++)
    {
      RefRecoveryEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->id, ref_window_get_recovery_id (f->window)) == 0)
        recovered = ref_recovery_load (entry, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (recovered);
  {
    g_autofree char *again = decision_text (ref_meeting_find_item_by_number (recovered, 1));
    g_assert_cmpstr (again, ==, "Godkendt med en rettelse.");
  }
  g_object_unref (recovered);

  ref_input_key (GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  REF_INPUT_WAIT_FOR (!ref_window_get_live_mode (f->window));
  g_assert_false (ref_window_get_live_mode (f->window));
  g_assert_nonnull (ref_meeting_get_end (f->meeting));
  g_assert_false (gtk_widget_get_mapped (live));
  /* The normal view shows the item minuted last. */
  g_assert_true (selected_item (f) == ref_meeting_find_item_by_number (f->meeting, 2));
}

/* F9 shows the preview; it shows the selected item and follows the selection. */
static void
test_preview_pane (Fixture *f, gconstpointer data)
{
  RefPreview *preview;
  g_autofree char *text = NULL;

  SKIP_WITHOUT_X11 (f);
  preview = REF_PREVIEW (ref_window_get_preview (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  gtk_widget_grab_focus (ref_window_get_item_list (f->window));
  ref_input_key (GDK_KEY_F9, 0);
  REF_INPUT_WAIT_FOR (ref_window_get_preview_shown (f->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (preview)));
  ref_window_select_item (f->window, 2);
  for (int i = 0; i < 600 && (ref_preview_is_busy (preview) || ref_preview_get_item (preview) == NULL); i++)
    ref_input_settle (20);
  g_assert_false (ref_preview_is_busy (preview));
  text = ref_preview_get_shown_text (preview);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Ny cykelsti"));
  g_assert_null (strstr (text, "Budgetopfølgning"));
  ref_input_key (GDK_KEY_F9, 0);
  REF_INPUT_WAIT_FOR (!ref_window_get_preview_shown (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
}

/* The item's texts are spell checked in the window, with the meeting's names. */
static void
test_spell_checked (Fixture *f, gconstpointer data)
{
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Anna Andersen fandt budgettet forkert udrenget.");
  RefAgendaItem *item = ref_meeting_find_item_by_number (f->meeting, 3);
  GtkWidget *view;
  const char *content = "Anna Andersen fandt budgettet forkert udrenget.";
  int at = strstr (content, "udrenget") - content;

  SKIP_WITHOUT_X11 (f);
  if (!ref_spell_checker_wait_for_dictionary (ref_window_get_spell_checker (f->window)))
    {
      g_test_skip ("hunspell-da is not installed");
      return;
    }
  ref_decision_set_text (d, text);
  ref_agenda_item_add_decision (item, d);
  ref_window_select_item (f->window, 2);
  REF_INPUT_WAIT_FOR ((view = ref_test_find_text_view_with (GTK_WIDGET (f->window), "udrenget")) != NULL
                      && ref_spell_view_get_checker (view) != NULL
                      && ref_spell_view_is_marked (view, at, at + 8));
  g_assert_nonnull (view);
  g_assert_true (ref_spell_view_get_checker (view) == ref_window_get_spell_checker (f->window));
  g_assert_true (ref_spell_view_is_marked (view, at, at + 8));
  /* The participant's name and the correct words are not. */
  g_assert_false (ref_spell_view_is_marked (view, 0, at));
}

/* Renders @window to a PNG at @path. */
static void
render_window (GtkWidget *window, const char *path)
{
  GtkNative *native = GTK_NATIVE (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Live mode as the README shows it: a committee of five, item 3 being minuted, one
 * member gone. With REFERENT_SCREENSHOT_DIR set it is saved as live-mode.png. */
static void
test_screenshot (Fixture *f, gconstpointer data)
{
  static const char *const names[] = { "Anna Andersen", "Bo Bech", "Carla Christensen", "Dan Dahl", "Eva Egholm" };
  static const char *const parties[] = { "A", "V", "F", "C", "Ø" };
  const char *dir = g_getenv ("REFERENT_SCREENSHOT_DIR");
  GtkWidget *live;
  RefParticipant *bo = NULL;

  SKIP_WITHOUT_X11 (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      /* Anna Andersen is the fixture's. */
      RefParticipant *p = ref_meeting_find_participant (f->meeting, names[i]);

      if (p == NULL)
        p = ref_test_add_participant (f->meeting, names[i]);

      ref_participant_set_party (p, parties[i]);
      ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_MEMBER);
      ref_participant_set_attendance (p, REF_ATTENDANCE_PRESENT);
      if (i == 1)
        bo = p;
    }
  {
    RefAgendaItem *item = ref_meeting_find_item_by_number (f->meeting, 3);
    g_autoptr (RefRecommendation) rec = ref_recommendation_new ();
    g_autoptr (RefText) text = ref_text_new_from_plain (
        "at projektet for en ny cykelsti langs Havnevej godkendes,\nat der gives en anlægsbevilling på 4,2 mio. kr.");

    ref_agenda_item_set_case_number (item, "05.01.00-P20-3-24");
    ref_recommendation_set_by (rec, "Teknik og Miljø");
    ref_recommendation_set_intro (rec, "indstiller,");
    ref_recommendation_set_text (rec, text);
    ref_agenda_item_set_recommendation (item, rec);
  }
  ref_input_key (GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  REF_INPUT_WAIT_FOR (ref_window_get_live_mode (f->window));
  live = ref_window_get_live_view (f->window);
  ref_input_key (GDK_KEY_2, GDK_ALT_MASK);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_3, GDK_ALT_MASK);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  /* Bo Bech leaves before item 3. */
  ref_input_key (GDK_KEY_F6, 0);
  ref_input_key (GDK_KEY_Home, 0);
  ref_input_key (GDK_KEY_Right, 0);
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_key (GDK_KEY_Escape, 0);
  g_assert_true (gtk_widget_has_css_class (ref_live_view_get_participant_widget (REF_LIVE_VIEW (live), bo),
                                           "ref-live-away"));
  gtk_widget_grab_focus (ref_live_view_get_decision_editor (REF_LIVE_VIEW (live)));
  ref_input_type ("Anbefales med den bemærkning, at ");
  ref_input_settle (300);
  g_assert_true (ref_live_view_get_item (REF_LIVE_VIEW (live)) == ref_meeting_find_item_by_number (f->meeting, 3));
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "live-mode.png", NULL);

      /* The toasts ("The meeting started", "Bo Bech left") go, one after the other. */
      ref_input_settle (9000);

      render_window (GTK_WIDGET (f->window), path);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *state = g_dir_make_tmp ("referent-live-window-XXXXXX", NULL);

  /* The recovery copies go there, not into the user's state folder. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/live-window/live-mode", test_live_mode);
  ADD ("/live-window/preview-pane", test_preview_pane);
  ADD ("/live-window/spell-checked", test_spell_checked);
  ADD ("/live-window/screenshot", test_screenshot);
#undef ADD

  return g_test_run ();
}
