/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include <poppler.h>

#include "ref-live-view.h"
#include "ref-pdf-export.h"
#include "ref-phrases.h"
#include "ref-substitute-dialog.h"
#include "ref-text-editor.h"
#include "test-input.h"
#include "test-model-helpers.h"

/* Live meeting mode (issue 18), driven by key presses and clicks through the X
 * server: the meeting clock, next/previous item, "left now" / "arrived now" and what
 * the absence of every item derives from it, standard phrases and their outcome,
 * substitutes on the spot, and undo. */

typedef struct {
  RefMeeting *meeting;
  GtkWindow *window;
  RefLiveView *view;
  GSettings *settings;
  RefParticipant *p[5];
} Fixture;

/* 14:05 on the meeting's day, as the secretary's clock says; tests move it. */
static int clock_minutes = 14 * 60 + 5;

static GDateTime *
test_clock (gpointer data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();

  return g_date_time_new (tz, 2025, 5, 6, clock_minutes / 60, clock_minutes % 60, 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *names[] = { "Anna Andersen", "Bo Bech", "Carla Christensen", "Dan Dahl", "Eva Egholm" };
  const char *parties[] = { "A", "V", "F", "C", "Ø" };
  g_autoptr (GDateTime) start = g_date_time_new_utc (2025, 5, 6, 13, 0, 0);

  if (!ref_input_available ())
    return;
  clock_minutes = 14 * 60 + 5;
  f->meeting = ref_meeting_new ();
  ref_meeting_set_committee (f->meeting, "Socialudvalget");
  ref_meeting_set_start (f->meeting, start);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *title = g_strdup_printf ("Sag nummer %u", i + 1);
      RefAgendaItem *item = ref_test_add_item (f->meeting, i + 1, title);
      g_autoptr (RefRecommendation) rec = ref_recommendation_new ();
      g_autoptr (RefText) text = ref_text_new_from_plain ("at sagen godkendes.");

      ref_recommendation_set_by (rec, "Forvaltningen");
      ref_recommendation_set_intro (rec, "indstiller,");
      ref_recommendation_set_text (rec, text);
      ref_agenda_item_set_recommendation (item, rec);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      f->p[i] = ref_test_add_participant (f->meeting, names[i]);
      ref_participant_set_party (f->p[i], parties[i]);
      ref_participant_set_participant_type (f->p[i], REF_PARTICIPANT_TYPE_MEMBER);
      ref_participant_set_attendance (f->p[i], REF_ATTENDANCE_PRESENT);
    }
  ref_history_clear (ref_meeting_get_history (f->meeting));

  f->settings = g_settings_new ("dk.referent.Referent");
  g_settings_reset (f->settings, REF_PHRASES_KEY);
  f->view = REF_LIVE_VIEW (ref_live_view_new ());
  ref_live_view_set_clock (f->view, test_clock, NULL);
  ref_live_view_set_settings (f->view, f->settings);
  ref_live_view_set_meeting (f->view, f->meeting);
  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1100, 800);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->view));
  ref_input_focus_window (f->window);
  ref_live_view_begin (f->view);
  ref_input_settle (20);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window == NULL)
    return;
  ref_input_close_window (f->window);
  g_clear_object (&f->settings);
  g_clear_object (&f->meeting);
}

/* The first label below @root showing @text. */
static GtkWidget *
ref_test_find_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), text) == 0)
        return c;
      if ((found = ref_test_find_label (c, text)))
        return found;
    }
  return NULL;
}

/* The first button below @root labelled @text. */
static GtkWidget *
ref_test_find_button (GtkWidget *root, const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), text) == 0)
        return c;
      if ((found = ref_test_find_button (c, text)))
        return found;
    }
  return NULL;
}

static RefAgendaItem *
item (Fixture *f, guint number)
{
  return ref_meeting_find_item_by_number (f->meeting, number);
}

static char *
decision_plain (Fixture *f, guint number)
{
  GListModel *decisions = ref_agenda_item_get_decisions (item (f, number));
  g_autoptr (RefDecision) d = NULL;

  if (g_list_model_get_n_items (decisions) == 0)
    return g_strdup ("");
  d = g_list_model_get_item (decisions, 0);
  return ref_decision_get_text (d) ? ref_text_to_plain (ref_decision_get_text (d)) : g_strdup ("");
}

static RefDecision *
first_decision (Fixture *f, guint number)
{
  g_autoptr (RefDecision) d = g_list_model_get_item (ref_agenda_item_get_decisions (item (f, number)), 0);
  return d; /* the item holds it */
}

static gboolean
has_focus (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus == widget || (focus != NULL && gtk_widget_is_ancestor (focus, widget));
}

/* Names of who is absent for item @number, joined by ";". */
static char *
absent_names (Fixture *f, guint number)
{
  g_autoptr (GPtrArray) absent = ref_meeting_compute_absent (f->meeting, item (f, number));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < absent->len; i++)
    g_string_append_printf (out, "%s%s", out->len ? ";" : "", ref_participant_get_name (g_ptr_array_index (absent, i)));
  return g_string_free (out, FALSE);
}

static void
assert_absent (Fixture *f, guint number, const char *expected)
{
  g_autofree char *names = absent_names (f, number);
  g_assert_cmpstr (names, ==, expected);
}

/* Starting: the start time is now; the cursor is in item 1's decision; the clock
 * shows the time and how long the meeting has lasted. */
static void
test_begin (Fixture *f, gconstpointer data)
{
  GtkWidget *editor;
  g_autofree char *start = NULL;

  REQUIRE_INPUT ();
  editor = ref_live_view_get_decision_editor (f->view);
  start = g_date_time_format (ref_meeting_get_start (f->meeting), "%F %R");
  g_assert_cmpstr (start, ==, "2025-05-06 14:05");
  g_assert_true (ref_live_view_get_item (f->view) == item (f, 1));
  g_assert_true (has_focus (editor));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (ref_test_find_label (GTK_WIDGET (f->view), "14:05"))), ==,
                   "14:05");
  clock_minutes += 65;
  ref_live_view_set_clock (f->view, test_clock, NULL);
  g_assert_nonnull (ref_test_find_label (GTK_WIDGET (f->view), "Meeting time 1:05"));

  /* Ending records the end time. */
  ref_live_view_end (f->view);
  g_free (start);
  start = g_date_time_format (ref_meeting_get_end (f->meeting), "%F %R");
  g_assert_cmpstr (start, ==, "2025-05-06 15:10");
}

/* Typing goes into the current item's decision (made for the committee on the
 * meeting's date); Ctrl+Enter goes on, Ctrl+Shift+Enter back. */
static void
test_next_previous (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL, *second = NULL;
  RefDecision *d;

  REQUIRE_INPUT ();
  ref_input_type ("Godkendt med rettelser.");
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (ref_live_view_get_item (f->view) == item (f, 2));
  g_assert_true (has_focus (ref_live_view_get_decision_editor (f->view)));
  ref_input_type ("Udsat.");
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (ref_live_view_get_item (f->view) == item (f, 1));

  first = decision_plain (f, 1);
  second = decision_plain (f, 2);
  g_assert_cmpstr (first, ==, "Godkendt med rettelser.");
  g_assert_cmpstr (second, ==, "Udsat.");
  d = first_decision (f, 1);
  g_assert_cmpstr (ref_decision_get_deciding_body (d), ==, "Socialudvalget");
  g_assert_nonnull (ref_decision_get_date (d));
  /* The editor shows item 1's decision again. */
  {
    g_autoptr (RefText) shown = ref_text_editor_get_text (REF_TEXT_EDITOR (ref_live_view_get_decision_editor (f->view)));
    g_autofree char *plain = ref_text_to_plain (shown);
    g_assert_cmpstr (plain, ==, "Godkendt med rettelser.");
  }
  /* No item past the last. */
  for (int i = 0; i < 12; i++)
    ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (ref_live_view_get_item (f->view) == item (f, 10));
  /* Ctrl+Enter added no item and no line break. */
  g_assert_cmpuint (ref_meeting_get_n_items (f->meeting), ==, 10);
  g_free (first);
  first = decision_plain (f, 1);
  g_assert_null (strchr (first, '\n'));
}

/* Alt+3 inserts the third standard phrase and records its outcome, as one undo step
 * with the text; a click on a phrase does the same. */
static void
test_phrases (Fixture *f, gconstpointer data)
{
  RefHistory *history;
  g_autofree char *text = NULL;
  GtkWidget *button;

  REQUIRE_INPUT ();
  history = ref_meeting_get_history (f->meeting);
  ref_input_key (GDK_KEY_3, GDK_ALT_MASK);
  text = decision_plain (f, 1);
  g_assert_cmpstr (text, ==, "Taget til efterretning.");
  g_assert_cmpint (ref_decision_get_outcome (first_decision (f, 1)), ==, REF_DECISION_OUTCOME_NOTED);
  g_assert_true (ref_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_decisions (item (f, 1))), ==, 0);

  /* After typed text, a phrase comes as a sentence of its own. */
  ref_input_type ("Drøftet.");
  button = ref_test_find_button (GTK_WIDGET (f->view), "1  Godkendt.");
  g_assert_nonnull (button);
  ref_input_click (button);
  g_free (text);
  text = decision_plain (f, 1);
  g_assert_cmpstr (text, ==, "Drøftet. Godkendt.");
  g_assert_cmpint (ref_decision_get_outcome (first_decision (f, 1)), ==, REF_DECISION_OUTCOME_APPROVED);
  g_assert_true (has_focus (ref_live_view_get_decision_editor (f->view)));

  /* "Oversendt til …": the ellipsis is selected and typed over. */
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_7, GDK_ALT_MASK);
  ref_input_type ("Byrådet.");
  g_free (text);
  text = decision_plain (f, 2);
  g_assert_cmpstr (text, ==, "Oversendt til Byrådet.");
  g_assert_cmpint (ref_decision_get_outcome (first_decision (f, 2)), ==, REF_DECISION_OUTCOME_FORWARDED);
}

/* F6 reaches the participants; arrows and Enter record "left now" at the current
 * item; a click records "arrived now"; each item's absence derives; undo takes a
 * movement back. */
static void
test_movements (Fixture *f, gconstpointer data)
{
  GtkWidget *bo;
  RefMovement *m;
  g_autoptr (RefMovement) first = NULL;

  REQUIRE_INPUT ();
  /* Item 3, with something written: Bo leaves during it. */
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  ref_input_type ("Drøftet.");
  clock_minutes = 14 * 60 + 40;
  ref_input_key (GDK_KEY_F6, 0);
  g_assert_true (has_focus (ref_live_view_get_participant_widget (f->view, f->p[0])));
  ref_input_key (GDK_KEY_Right, 0);
  g_assert_true (has_focus (ref_live_view_get_participant_widget (f->view, f->p[1])));
  ref_input_key (GDK_KEY_Return, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ref_participant_get_movements (f->p[1])), ==, 1);
  first = g_list_model_get_item (ref_participant_get_movements (f->p[1]), 0);
  m = first;
  g_assert_cmpint (ref_movement_get_kind (m), ==, REF_MOVEMENT_KIND_LEFT);
  g_assert_cmpuint (ref_movement_get_item (m), ==, 3);
  g_assert_true (ref_movement_get_during (m));
  g_assert_cmpint (ref_movement_get_time (m), ==, 14 * 60 + 40);
  /* Escape goes back to the decision. */
  ref_input_key (GDK_KEY_Escape, 0);
  g_assert_true (has_focus (ref_live_view_get_decision_editor (f->view)));

  /* Item 6, nothing written yet: Bo comes back before it (a click). */
  for (int i = 0; i < 3; i++)
    ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  bo = ref_live_view_get_participant_widget (f->view, f->p[1]);
  g_assert_true (gtk_widget_has_css_class (bo, "ref-live-away"));
  ref_input_click (bo);
  g_assert_false (gtk_widget_has_css_class (bo, "ref-live-away"));
  assert_absent (f, 2, "");
  assert_absent (f, 3, "Bo Bech");
  assert_absent (f, 5, "Bo Bech");
  assert_absent (f, 6, "");

  /* The toast's Undo takes the arrival back. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "live.undo", NULL);
  ref_input_settle (20);
  assert_absent (f, 6, "Bo Bech");
  g_assert_true (gtk_widget_has_css_class (bo, "ref-live-away"));
}

/* Ctrl+Shift+U adds a substitute on the spot: for the member who is away, arriving
 * now. */
static void
test_substitute (Fixture *f, gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  RefSubstituteDialog *dialog = NULL;
  RefParticipant *s;

  REQUIRE_INPUT ();
  ref_participant_set_attendance (f->p[3], REF_ATTENDANCE_ABSENT);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  ref_input_type ("Drøftet.");
  ref_input_key (GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (REF_IS_SUBSTITUTE_DIALOG (w))
        dialog = REF_SUBSTITUTE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  /* Xvfb has no window manager to give the new dialog the keyboard. */
  ref_input_focus_window (GTK_WINDOW (dialog));
  g_assert_true (ref_substitute_dialog_get_member (dialog) == f->p[3]);
  ref_input_type ("Søren Suppleant");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ref_input_key (GDK_KEY_Return, 0);
  g_assert_true (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog))); /* closed */
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  s = ref_meeting_find_participant (f->meeting, "Søren Suppleant");
  g_assert_nonnull (s);
  g_assert_true (ref_participant_get_substitute_for (s) == f->p[3]);
  assert_absent (f, 1, "Dan Dahl;Søren Suppleant");
  assert_absent (f, 2, "Dan Dahl");
  g_assert_nonnull (ref_live_view_get_participant_widget (f->view, s));
  g_assert_true (has_focus (ref_live_view_get_decision_editor (f->view)));
}

/* The text of item @number's pages of the PDF at @path, as pdftotext reads it: from
 * the item's destination to the page before the next item's. */
static char *
item_pdf_text (const char *path, guint number)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) doc_object = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  PopplerDocument *doc = POPPLER_DOCUMENT (doc_object);
  g_autofree char *name = g_strdup_printf ("item-%u", number);
  g_autofree char *next_name = g_strdup_printf ("item-%u", number + 1);
  PopplerDest *dest, *next;
  int first, last;
  g_autofree char *first_arg = NULL, *last_arg = NULL, *out = NULL;
  int status = 0;

  g_assert_no_error (error);
  dest = poppler_document_find_dest (doc, name);
  g_assert_nonnull (dest);
  next = poppler_document_find_dest (doc, next_name);
  first = dest->page_num;
  last = next != NULL ? MAX (first, next->page_num - 1) : poppler_document_get_n_pages (doc);
  poppler_dest_free (dest);
  if (next != NULL)
    poppler_dest_free (next);
  first_arg = g_strdup_printf ("%d", first);
  last_arg = g_strdup_printf ("%d", last);
  {
    const char *argv[] = { "pdftotext", "-f", first_arg, "-l", last_arg, path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                                 &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The "Fraværende:" line of @text without its label, or "" when it has none. */
static char *
away_line (const char *text)
{
  const char *at = strstr (text, "Fraværende:");
  const char *end;

  if (at == NULL)
    return g_strdup ("");
  at += strlen ("Fraværende:");
  end = strchr (at, '\n');
  return g_strstrip (g_strndup (at, end ? (gsize) (end - at) : strlen (at)));
}

static void
on_end_requested (RefLiveView *view, gpointer data)
{
  ref_live_view_end (view);
}

/* Issue 18's "done when": ten items with two departures and a substitute, minuted
 * with the keyboard only; the exported PDF shows the right absence lines per item
 * with no manual edit. */
static void
test_end_to_end (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  RefSubstituteDialog *dialog = NULL;
  const char *expected_away[11] = { NULL };
  RefParticipant *s;

  REQUIRE_INPUT ();
  g_signal_connect (f->view, "end-requested", G_CALLBACK (on_end_requested), NULL);
  /* 1 and 2: standard phrases and typing. */
  ref_input_key (GDK_KEY_1, GDK_ALT_MASK);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  ref_input_type ("Drøftet.");
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  /* 3: Bo Bech leaves before it is dealt with. */
  clock_minutes = 14 * 60 + 20;
  ref_input_key (GDK_KEY_F6, 0);
  ref_input_key (GDK_KEY_Right, 0);
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_key (GDK_KEY_Escape, 0);
  ref_input_key (GDK_KEY_3, GDK_ALT_MASK);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  /* 4 */
  ref_input_key (GDK_KEY_1, GDK_ALT_MASK);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  /* 5: a substitute comes for Bo before it; Carla Christensen leaves during it. */
  clock_minutes = 14 * 60 + 45;
  ref_input_key (GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (REF_IS_SUBSTITUTE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        dialog = REF_SUBSTITUTE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  ref_input_focus_window (GTK_WINDOW (dialog));
  g_assert_true (ref_substitute_dialog_get_member (dialog) == f->p[1]);
  ref_input_type ("Søren Suppleant");
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_focus_window (f->window);
  ref_input_type ("Godkendt med den ændring, at sagen genoptages i juni.");
  clock_minutes = 14 * 60 + 55;
  /* Home goes to the strip's start; the substitute sits beside Bo. */
  ref_input_key (GDK_KEY_F6, 0);
  ref_input_key (GDK_KEY_Home, 0);
  for (int i = 0; i < 3; i++)
    ref_input_key (GDK_KEY_Right, 0);
  g_assert_true (has_focus (ref_live_view_get_participant_widget (f->view, f->p[2])));
  ref_input_key (GDK_KEY_Return, 0);
  ref_input_key (GDK_KEY_Escape, 0);
  ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
  /* 6 to 10 */
  for (guint n = 6; n <= 10; n++)
    {
      ref_input_key (GDK_KEY_1, GDK_ALT_MASK);
      if (n < 10)
        ref_input_key (GDK_KEY_Return, GDK_CONTROL_MASK);
    }
  g_assert_true (ref_live_view_get_item (f->view) == item (f, 10));
  clock_minutes = 15 * 60 + 30;
  gtk_widget_activate_action (GTK_WIDGET (f->view), "live.end-meeting", NULL);
  g_assert_nonnull (ref_meeting_get_end (f->meeting));

  s = ref_meeting_find_participant (f->meeting, "Søren Suppleant");
  g_assert_nonnull (s);
  g_assert_true (ref_participant_get_substitute_for (s) == f->p[1]);
  g_assert_cmpint (ref_decision_get_outcome (first_decision (f, 3)), ==, REF_DECISION_OUTCOME_NOTED);

  /* The PDF's lines, item by item: the substitute is not absent before he came. */
  dir = g_dir_make_tmp ("referent-live-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "referat.pdf", NULL);
  g_assert_true (ref_pdf_export (f->meeting, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  expected_away[3] = expected_away[4] = "Bo Bech (V)";
  /* Carla left during item 5: she was not there for its decision. */
  for (guint n = 5; n <= 10; n++)
    expected_away[n] = "Bo Bech (V), Carla Christensen (F)";
  for (guint n = 1; n <= 10; n++)
    {
      g_autofree char *text = item_pdf_text (pdf, n);
      g_autofree char *away = away_line (text);

      g_test_message ("item %u: Fraværende: %s", n, away);
      g_assert_cmpstr (away, ==, expected_away[n] ? expected_away[n] : "");
    }
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/live/begin", test_begin);
  ADD ("/live/next-previous", test_next_previous);
  ADD ("/live/phrases", test_phrases);
  ADD ("/live/movements", test_movements);
  ADD ("/live/substitute", test_substitute);
  ADD ("/live/end-to-end", test_end_to_end);
#undef ADD

  return g_test_run ();
}
