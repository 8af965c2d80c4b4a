/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "ref-preview.h"
#include "test-model-helpers.h"

/* The PDF preview pane (issue 18): it shows the exported pages of the selected item,
 * follows the selection, catches up with edits after a pause, and never makes the
 * edit wait for the export. */

typedef struct {
  RefMeeting *meeting;
  RefAgendaItem *items[3];
  GtkWindow *window;
  RefPreview *preview;
} Fixture;

static void
wait_until_idle (Fixture *f)
{
  for (int i = 0; i < 3000 && ref_preview_is_busy (f->preview); i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  g_assert_false (ref_preview_is_busy (f->preview));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const char *const titles[] = { "Godkendelse af dagsorden", "Budget for skolerne 2026",
                                        "Ny cykelsti langs Havnevej" };
  g_autoptr (GDateTime) start = g_date_time_new_utc (2026, 3, 10, 16, 0, 0);

  f->meeting = ref_meeting_new ();
  ref_meeting_set_committee (f->meeting, "Børne- og Skoleudvalget");
  ref_meeting_set_start (f->meeting, start);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (RefDecision) d = ref_decision_new ();
      g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");

      f->items[i] = ref_test_add_item (f->meeting, i + 1, titles[i]);
      ref_decision_set_text (d, text);
      ref_agenda_item_add_decision (f->items[i], d);
    }
  ref_history_clear (ref_meeting_get_history (f->meeting));

  f->preview = REF_PREVIEW (ref_preview_new ());
  ref_preview_set_meeting (f->preview, f->meeting);
  ref_preview_set_item (f->preview, f->items[1]);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 500, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->preview));
  gtk_window_present (f->window);
  wait_until_idle (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->meeting);
}

static gboolean
shown_has (Fixture *f, const char *needle)
{
  g_autofree char *text = ref_preview_get_shown_text (f->preview);

  return text != NULL && strstr (text, needle) != NULL;
}

/* The selected item's pages, and only its pages; selecting another item shows its. */
static void
test_follows_item (Fixture *f, gconstpointer data)
{
  GArray *pages = ref_preview_get_shown_pages (f->preview);

  g_assert_nonnull (pages);
  g_assert_cmpuint (pages->len, >=, 1);
  g_assert_true (shown_has (f, "Budget for skolerne 2026"));
  g_assert_false (shown_has (f, "Ny cykelsti langs Havnevej"));

  ref_preview_set_item (f->preview, f->items[2]);
  wait_until_idle (f);
  g_assert_true (shown_has (f, "Ny cykelsti langs Havnevej"));
  g_assert_false (shown_has (f, "Budget for skolerne 2026"));
}

/* An edit returns at once; after the pause the preview shows it, from the export. */
static void
test_follows_edits (Fixture *f, gconstpointer data)
{
  g_autoptr (RefDecision) d = g_list_model_get_item (ref_agenda_item_get_decisions (f->items[1]), 0);
  g_autoptr (RefText) text = ref_text_new_paragraph ("Udsat til næste møde.");
  gint64 before = g_get_monotonic_time ();

  ref_decision_set_text (d, text);
  /* No export ran in the edit, nor right after it. */
  g_assert_cmpint (g_get_monotonic_time () - before, <, 16700);
  g_assert_true (ref_preview_is_busy (f->preview));
  g_assert_false (shown_has (f, "Udsat til næste møde."));
  wait_until_idle (f);
  g_assert_true (shown_has (f, "Udsat til næste møde."));

  /* A second edit, in another item: the next snapshot writes that item anew and keeps
   * the first one's text as edited. */
  {
    g_autoptr (RefDecision) other = g_list_model_get_item (ref_agenda_item_get_decisions (f->items[2]), 0);
    g_autoptr (RefText) again = ref_text_new_paragraph ("Oversendt til Økonomiudvalget.");

    g_assert_nonnull (other);
    ref_decision_set_text (other, again);
    wait_until_idle (f);
    ref_preview_set_item (f->preview, f->items[2]);
    wait_until_idle (f);
    g_assert_true (shown_has (f, "Oversendt til Økonomiudvalget."));
    ref_preview_set_item (f->preview, f->items[1]);
    wait_until_idle (f);
    g_assert_true (shown_has (f, "Udsat til næste møde."));
  }
}

/* Hidden, the pane does no work; shown again, it catches up. */
static void
test_hidden_is_idle (Fixture *f, gconstpointer data)
{
  g_autoptr (RefDecision) d = g_list_model_get_item (ref_agenda_item_get_decisions (f->items[1]), 0);
  g_autoptr (RefText) text = ref_text_new_paragraph ("Taget til efterretning.");

  gtk_widget_set_visible (GTK_WIDGET (f->preview), FALSE);
  ref_decision_set_text (d, text);
  g_assert_false (ref_preview_is_busy (f->preview));
  gtk_widget_set_visible (GTK_WIDGET (f->preview), TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  wait_until_idle (f);
  g_assert_true (shown_has (f, "Taget til efterretning."));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/preview/follows-item", test_follows_item);
  ADD ("/preview/follows-edits", test_follows_edits);
  ADD ("/preview/hidden-is-idle", test_hidden_is_idle);
#undef ADD

  return g_test_run ();
}
