/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "meeting-generator.h"
#include "ref-item-view.h"
#include "ref-spell-checker.h"
#include "ref-spell-view.h"
#include "ref-text-editor.h"
#include "ref-window.h"
#include "test-render.h"

/* Editor benchmark (figures only, no timing assertions): how long a 500-item meeting
 * takes from "open" to a window with its agenda list populated, and what one
 * keystroke costs: from the key to the model, plus the frame that shows it (layout and
 * paint), five rounds of 200 keys, in a decision editor and in a section of 5,000
 * words, with Danish spell checking on in every text field of the item. Typing
 * starts once the field has the focus and the page has scrolled to it, as after a
 * click (those frames are timed and printed apart). A keystroke's figure is the time
 * from the key to its frame painted, less the time the main loop sat blocked in poll
 * (ref_test_poll_blocked_usec: waiting for the display's next tick, or with nothing
 * to do): that is the display's pace, not work. Work between the key and the frame
 * counts (GtkTextView validates a changed paragraph in an idle callback before the
 * frame). Target: every keystroke within one frame (16.7 ms), in five of five
 * rounds. */

#define ROUNDS 5
#define KEYS 200
#define FRAME_MS (1000.0 / 60.0)

typedef struct {
  gint64 frame_start;
  double frame_ms; /* the last completed frame's layout + paint */
  guint frames;
  gint64 painted_at;      /* when the last frame was painted */
  gint64 blocked_at_paint; /* ref_test_poll_blocked_usec then */
  gint64 laid_out_at;     /* when the last frame's layout phase ended (after GTK's handlers) */
  gint64 blocked_at_start; /* ref_test_poll_blocked_usec at the last frame's start */
  gint64 frame_start_seen; /* the last painted frame's start */
} FrameWatch;

/* BENCH_PHASES=1: where the worst key of each round spent its time. */
typedef struct {
  double cost, insert, before_frame, layout, paint;
  int index;
} KeyPhases;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Processor time of this thread (GTK's main thread: the cairo renderer draws here
 * too), which a busy machine does not inflate the way it does wall-clock time. */
static double
cpu_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_before_paint (GdkFrameClock *clock, FrameWatch *watch)
{
  if (watch->frame_start == 0)
    {
      watch->frame_start = g_get_monotonic_time ();
      watch->blocked_at_start = ref_test_poll_blocked_usec;
      /* A frame without a layout phase lays out nothing. */
      watch->laid_out_at = watch->frame_start;
    }
}

static void
on_layout (GdkFrameClock *clock, FrameWatch *watch)
{
  watch->laid_out_at = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, FrameWatch *watch)
{
  watch->painted_at = g_get_monotonic_time ();
  watch->blocked_at_paint = ref_test_poll_blocked_usec;
  watch->frame_start_seen = watch->frame_start;
  if (watch->frame_start != 0)
    watch->frame_ms = (watch->painted_at - watch->frame_start) / 1e3;
  watch->frame_start = 0;
  watch->frames++;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop (blocking, so that waiting costs no processor time) until a
 * frame has been painted after the key, or 100 ms passed: nothing needed drawing. */
static double
wait_for_frame (FrameWatch *watch)
{
  guint before = watch->frames;
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (100, on_timeout, &timed_out);

  watch->frame_ms = 0;
  while (watch->frames == before && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return watch->frames == before ? 0 : watch->frame_ms;
}

/* Gives the editor the focus as a click would, and runs the main loop for 300 ms:
 * the page scrolls smoothly to an editor that takes the focus (GTK animates it over
 * 200 ms). Those frames follow the click, not a key, so they are timed apart: returns
 * the worst of them in ms. A person's first key comes well after them. */
static double
focus_and_settle (GtkWidget *editor, FrameWatch *watch)
{
  double worst = 0;
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  gtk_widget_grab_focus (editor);
  while (g_get_monotonic_time () < until)
    worst = MAX (worst, wait_for_frame (watch));
  return worst;
}

/* One round: @keys keystrokes into @editor at its cursor. Returns the worst
 * keystroke in ms; adds every keystroke to *total. */
static double
type_round (GtkWidget *editor, FrameWatch *watch, double *total, double *cpu_worst, KeyPhases *phases)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  double worst = 0;

  *cpu_worst = 0;
  for (int i = 0; i < KEYS; i++)
    {
      gint64 t0 = g_get_monotonic_time (), b0 = ref_test_poll_blocked_usec;
      double c0 = cpu_now (), cost;
      guint frames = watch->frames;
      gint64 inserted;

      gtk_text_buffer_insert_interactive_at_cursor (buffer, i % 7 == 6 ? " " : "x", -1, TRUE);
      inserted = g_get_monotonic_time ();
      wait_for_frame (watch);
      if (watch->frames > frames)
        /* From the key to its frame painted, less the time the loop sat waiting. */
        cost = ((watch->painted_at - t0) - (watch->blocked_at_paint - b0)) / 1e3;
      else
        cost = (g_get_monotonic_time () - t0 - (ref_test_poll_blocked_usec - b0)) / 1e3;
      /* Processor time from the key to the frame painted (the main loop's idle
       * polling in between costs next to nothing). */
      *cpu_worst = MAX (*cpu_worst, (cpu_now () - c0) * 1e3);
      *total += cost;
      if (cost > worst && watch->frames > frames)
        *phases = (KeyPhases) { cost, (inserted - t0) / 1e3,
                                ((watch->frame_start_seen - inserted) - (watch->blocked_at_start - b0)) / 1e3,
                                (watch->laid_out_at - watch->frame_start_seen) / 1e3,
                                (watch->painted_at - watch->laid_out_at) / 1e3, i };
      worst = MAX (worst, cost);
    }
  return worst;
}

static void
find_largest_editor (GtkWidget *widget, GtkWidget **best, int *best_len)
{
  if (REF_IS_TEXT_EDITOR (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      int len = gtk_text_buffer_get_char_count (buffer);
      if (len > *best_len)
        *best = widget, *best_len = len;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_largest_editor (child, best, best_len);
}

static void
report (const char *what, const double *worst, const double *cpu_worst, double total, const KeyPhases *phases)
{
  guint met = 0, cpu_met = 0;

  if (g_getenv ("BENCH_PHASES") != NULL)
    for (int r = 0; r < ROUNDS; r++)
      printf ("# %s, round %d: worst key #%d %.2f ms = insert %.2f + before the frame %.2f + layout %.2f + "
              "snapshot and paint %.2f\n",
              what, r + 1, phases[r].index, phases[r].cost, phases[r].insert, phases[r].before_frame,
              phases[r].layout, phases[r].paint);

  printf ("# keystroke in %s: mean %.2f ms; worst per round", what, total / (ROUNDS * KEYS));
  for (int r = 0; r < ROUNDS; r++)
    {
      printf (" %.2f", worst[r]);
      met += worst[r] < FRAME_MS;
      cpu_met += cpu_worst[r] < FRAME_MS;
    }
  printf (" ms (processor time");
  for (int r = 0; r < ROUNDS; r++)
    printf (" %.2f", cpu_worst[r]);
  printf (" ms); within one frame (16.7 ms) in %u of %d rounds by the clock (%u by processor time): %s\n", met, ROUNDS,
          cpu_met, met == ROUNDS ? "target met" : "target NOT MET");
}

int
main (int argc, char **argv)
{
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (GString) words = g_string_new (NULL);
  g_autoptr (RefText) long_text = NULL;
  g_autoptr (RefAgendaItem) long_item = NULL;
  FrameWatch watch = { 0 };
  RefWindow *window;
  RefItemView *view;
  GtkListView *list;
  GdkFrameClock *clock;
  double start, shown, total = 0, worst[ROUNDS], cpu_worst[ROUNDS], focus_worst = 0;
  KeyPhases phases[ROUNDS] = { 0 };
  GtkWidget *editor, *section_editor = NULL;
  int section_len = 0;
  guint n_items;
  g_autoptr (RefSpellChecker) checker = ref_spell_checker_new ();
  double checked;
  guint n_checked;
  const char *vocabulary[] = { "Udvalget", "godkendte", "indstillingen", "om", "budgettet", "for", "2026", "og",
                               "forvaltningen", "orienterede", "om", "sagens", "baggrund", "samt", "økonomi." };

  gtk_init ();
  adw_init ();
  /* The application's own stylesheet, as AdwApplication loads it for the app. */
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/dk/referent/Referent/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  ref_test_poll_timer_install ();

  n_items = g_getenv ("BENCH_ITEMS") ? (guint) atoi (g_getenv ("BENCH_ITEMS")) : 500;
  meeting = ref_test_meeting_generate (n_items, 42);
  /* Item 250 gets a section of 5,000 words in paragraphs of 120 (a blank line between
   * them: a single line end would be a line break inside one paragraph, which
   * GtkTextView lays out as one block of 35,000 characters on every keystroke). */
  for (int i = 0; i < 5000; i++)
    g_string_append_printf (words, "%s%s", i ? (i % 120 == 0 ? "\n\n" : " ") : "", vocabulary[i % G_N_ELEMENTS (vocabulary)]);
  long_text = ref_text_new_from_plain (words->str);
  long_item = g_list_model_get_item (ref_meeting_get_items (meeting), n_items / 2);
  if (g_list_model_get_n_items (ref_agenda_item_get_sections (long_item)) > 0)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (ref_agenda_item_get_sections (long_item), 0);
      ref_section_set_text (section, long_text);
    }

  start = now ();
  window = ref_window_new (NULL, meeting, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until_idle ();
  list = GTK_LIST_VIEW (ref_window_get_item_list (window));
  /* Populated: the list's model holds every item (the sidebar gets them a few per
   * frame after the first) and rows are realised. */
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) != ref_meeting_get_n_items (meeting))
    g_main_context_iteration (NULL, TRUE);
  g_assert (gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL);
  shown = now () - start;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  /* The frame starts at "before-paint", which every frame emits first. Not at the
   * first "update", "layout" or "paint" handler of ours: GTK connected its own
   * handlers to those phases earlier, so ours ran after GTK had laid out (and, in a
   * frame with nothing to lay out, after it had drawn), leaving that work uncounted. */
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &watch);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &watch);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), &watch);

  view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  ref_spell_checker_set_meeting (checker, meeting);
  /* Typing is timed with the dictionaries loaded (they load in a worker thread). */
  ref_spell_checker_wait_for_dictionary (checker);
  ref_spell_checker_wait_for_dictionary (ref_window_get_spell_checker (window));
  /* BENCH_SPELL=0: the same without spell checking, to compare. */
  ref_spell_checker_set_enabled (checker, g_strcmp0 (g_getenv ("BENCH_SPELL"), "0") != 0);
  printf ("# editor benchmark (%u items)\n", n_items);
  printf ("# open to window with populated list: %.3f s\n", shown);
  printf ("# spell checking: %s\n", !ref_spell_checker_get_enabled (checker)        ? "off (BENCH_SPELL=0)"
                                    : ref_spell_checker_has_dictionary (checker) ? "on, Danish (hunspell-da)"
                                                                                 : "NO Danish dictionary installed");

  /* A decision editor: a fresh item each round (BENCH_SECTION_ONLY skips it, for
   * profiling the other part). */
  for (int r = 0; r < (g_getenv ("BENCH_SECTION_ONLY") ? 0 : ROUNDS); r++)
    {
      ref_window_select_item (window, 100 + r * 20);
      iterate_until_idle ();
      editor = ref_item_view_get_decision_editor (view, 0);
      if (editor == NULL)
        {
          gtk_widget_activate_action (GTK_WIDGET (view), "view.add-decision", NULL);
          iterate_until_idle ();
          editor = ref_item_view_get_decision_editor (view, 0);
        }
      ref_spell_view_attach_tree (GTK_WIDGET (view), checker);
      iterate_until_idle ();
      focus_worst = MAX (focus_worst, focus_and_settle (editor, &watch));
      worst[r] = type_round (editor, &watch, &total, &cpu_worst[r], &phases[r]);
    }
  if (!g_getenv ("BENCH_SECTION_ONLY"))
    {
      printf ("# clicking into the decision editor (the page scrolls to it): worst frame %.2f ms\n", focus_worst);
      report ("a decision editor", worst, cpu_worst, total, phases);
    }

  /* The middle of a section of 5,000 words. */
  ref_window_select_item (window, n_items / 2);
  iterate_until_idle ();
  find_largest_editor (GTK_WIDGET (view), &section_editor, &section_len);
  g_assert (section_editor != NULL && section_len > 20000);
  start = now ();
  n_checked = ref_spell_view_attach_tree (GTK_WIDGET (view), checker);
  iterate_until_idle ();
  checked = now () - start;
  printf ("# spell checking the item with the 5,000-word section (%u fields), in idle slices: %.3f s\n", n_checked,
          checked);
  total = 0;
  focus_worst = 0;
  for (int r = 0; r < ROUNDS; r++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (section_editor));
      GtkTextIter middle;

      gtk_text_buffer_get_iter_at_offset (buffer, &middle, gtk_text_buffer_get_char_count (buffer) / 2);
      gtk_text_buffer_place_cursor (buffer, &middle);
      focus_worst = MAX (focus_worst, focus_and_settle (section_editor, &watch));
      worst[r] = type_round (section_editor, &watch, &total, &cpu_worst[r], &phases[r]);
    }
  printf ("# clicking into the middle of the section (the page scrolls to the cursor): worst frame %.2f ms\n",
          focus_worst);
  report ("a section of 5,000 words", worst, cpu_worst, total, phases);

  printf ("1..1\nok 1 bench-ui\n");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
