/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <poppler.h>
#include <stdio.h>

#include "meeting-generator.h"
#include "ref-pdf-export.h"

/* Benchmark (suite "bench", not part of `make test`): one unbroken word of 10 KB,
 * 100 KB and 1 MB in a decision (issue 13: line breaking was quadratic in the word's
 * length). The export time over that of the same meeting without the word should
 * grow tenfold per step, not a hundredfold. Each figure is the best of two runs;
 * there are no timing assertions. (The export against pdftocairo is
 * bench-export.py, whole process against whole process.) */

#define LONG_WORD_RUNS 2

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
count_pages (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  int n_pages;

  if (doc == NULL)
    g_error ("%s: %s", path, error->message);
  n_pages = poppler_document_get_n_pages (doc);
  g_object_unref (doc);
  return n_pages;
}


static RefMeeting *
meeting_with_word (gsize length)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  RefMeeting *meeting = ref_test_meeting_generate (1, 2025);
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), 0);
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (GString) word = g_string_sized_new (length + 1);
  g_autoptr (RefText) text = NULL;

  for (gsize i = 0; i < length; i++)
    g_string_append_c (word, alphabet[(i * 7 + i / 13) % (sizeof alphabet - 1)]);
  text = ref_text_new_from_plain (word->str);
  ref_decision_set_text (decision, text);
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_decisions (item)), decision);
  return meeting;
}

static double
best_export (RefMeeting *meeting, const char *pdf, int runs)
{
  g_autoptr (GError) error = NULL;
  double best = G_MAXDOUBLE;

  for (int run = 0; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!ref_pdf_export (meeting, pdf, NULL, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      best = MIN (best, seconds_since (start));
    }
  return best;
}

static void
bench_long_words (const char *pdf)
{
  static const gsize lengths[] = { 10 * 1000, 100 * 1000, 1000 * 1000 };
  g_autoptr (RefMeeting) plain = meeting_with_word (10);
  double base = best_export (plain, pdf, LONG_WORD_RUNS);
  double previous = 0;

  printf ("\none unbroken word in a decision (time over the same meeting without it, %.3f s):\n", base);
  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr (RefMeeting) meeting = meeting_with_word (lengths[i]);
      double t = best_export (meeting, pdf, LONG_WORD_RUNS) - base;

      printf ("  %7" G_GSIZE_FORMAT " bytes: %.3f s, %d pages, %.2f µs per byte", lengths[i], t, count_pages (pdf),
              1e6 * t / lengths[i]);
      if (previous > 0)
        printf (", %.1f× the previous (10× longer; linear 10×, quadratic 100×)", t / previous);
      printf ("\n");
      previous = t;
    }
}

int
main (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("referent-bench-XXXXXX", &error);
  g_autofree char *pdf = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);
  pdf = g_build_filename (dir, "bench.pdf", NULL);
  bench_long_words (pdf);
  g_unlink (pdf);
  g_rmdir (dir);
  return 0;
}
