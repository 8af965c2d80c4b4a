/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Resource limits: very large and hostile inputs are handled with bounded memory and
 * time, or refused with a clear error. The figures (seconds, peak memory) are printed
 * with g_test_message; the assertions are generous bounds that only a runaway (a
 * quadratic algorithm, an expansion bomb) breaks, so the test is not timing-fragile.
 */
#include <string.h>
#include <sys/resource.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "meeting-generator.h"
#include "ref-pdf-export.h"
#include "ref-pdf-import.h"
#include "ref-xml.h"
#include "test-tmp.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* Peak resident memory of this process so far, in MiB. */
static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* A 50 MB .referat loads, completely, and memory stays within a small multiple of it. */
static void
test_large_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-limits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "stor.referat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  guint n_items = 3800;
  gint64 start;
  double seconds, rss_before, rss_after;
  gsize size;

  meeting = ref_test_meeting_generate (n_items, 50);
  bytes = ref_xml_write_bytes (meeting);
  size = g_bytes_get_size (bytes);
  g_assert_cmpuint (size, >=, 50 * 1000 * 1000);
  g_assert_cmpuint (size, <, REF_XML_MAX_FILE_SIZE);
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), size, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  rss_before = peak_rss_mib ();
  start = g_get_monotonic_time ();
  loaded = ref_xml_load_file (file, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  rss_after = peak_rss_mib ();
  g_assert_no_error (error);
  g_assert_cmpuint (ref_meeting_get_n_items (loaded), ==, n_items);
  g_assert_true (ref_model_equal (meeting, loaded, NULL));
  g_test_message ("%.1f MB with %u items loaded in %.2f s; peak memory %.0f MiB (was %.0f MiB)", size / 1e6,
                  n_items, seconds, rss_after, rss_before);
  if (!UNDER_ASAN)
    g_assert_cmpfloat (rss_after, <, 2048.0);
  ref_test_remove_tree (dir);
}

/* An item whose decision is 1 MB of text: saves, loads and exports. */
static void
test_huge_decision (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-limits-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "beslutning.pdf", NULL);
  g_autoptr (RefMeeting) meeting = ref_test_meeting_generate (2, 11);
  g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (meeting), 0);
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (GString) plain = g_string_new (NULL);
  g_autoptr (RefText) text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RefMeeting) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GObject) document = NULL;
  gint64 start;
  guint paragraph = 0;

  while (plain->len < 1024 * 1024)
    g_string_append_printf (plain,
                            "Afsnit %u. Udvalget godkendte indstillingen med de ændringer, der fremgik af "
                            "drøftelsen, og bad forvaltningen om at følge op på økonomien i næste kvartal.\n\n",
                            ++paragraph);
  text = ref_text_new_from_plain (plain->str);
  ref_decision_set_deciding_body (decision, "Økonomiudvalget");
  ref_decision_set_text (decision, text);
  g_list_store_append (G_LIST_STORE (ref_agenda_item_get_decisions (item)), decision);

  start = g_get_monotonic_time ();
  bytes = ref_xml_write_bytes (meeting);
  loaded = ref_xml_load_bytes (bytes, "beslutning.referat", &error);
  g_assert_no_error (error);
  g_assert_true (ref_model_equal (meeting, loaded, NULL));
  g_test_message ("1 MB decision: write + load %.2f s", (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  g_assert_true (ref_pdf_export (loaded, pdf_path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (pdf_path, NULL, NULL);
  document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("1 MB decision exported in %.2f s: %d pages", (g_get_monotonic_time () - start) / 1e6,
                  poppler_document_get_n_pages (POPPLER_DOCUMENT (document)));
  /* About 7,000 paragraphs of two lines: hundreds of pages, all of them there. */
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (document)), >, 200);
  ref_test_remove_tree (dir);
}

static GBytes *
make_referat (const char *prolog, const char *body)
{
  char *data = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s"
                                "<referat xmlns=\"urn:referent:referat:1\" version=\"1.0\">%s</referat>\n",
                                prolog, body);
  return g_bytes_new_take (data, strlen (data));
}

/* 100,000 nested elements: refused with a clear error, without exhausting the stack. */
static void
test_deep_elements (void)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  const guint depth = 100000;

  for (guint i = 0; i < depth; i++)
    g_string_append (body, "<meeting>");
  for (guint i = 0; i < depth; i++)
    g_string_append (body, "</meeting>");
  bytes = make_referat ("", body->str);
  meeting = ref_xml_load_bytes (bytes, "dyb.referat", &error);
  g_assert_null (meeting);
  g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "dyb.referat, line 2"));
  g_assert_nonnull (strstr (error->message, "256"));
  g_test_message ("deep nesting: %s", error->message);
}

/* Entity bombs and external entities: refused before any expansion. */
static void
test_entities (void)
{
  static const char *const prologs[] = {
    /* billion laughs */
    "<!DOCTYPE referat [<!ENTITY a \"hahahahahahahahahaha\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>\n",
    /* external entity (would read a local file) */
    "<!DOCTYPE referat [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n",
    /* external DTD over the network */
    "<!DOCTYPE referat SYSTEM \"http://example.invalid/referat.dtd\">\n",
    /* parameter entities */
    "<!DOCTYPE referat [<!ENTITY % p \"<!ENTITY q 'x'>\"> %p;]>\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prologs); i++)
    {
      g_autoptr (GBytes) bytes = make_referat (prologs[i], "<meeting committee=\"&i;&x;\"/>");
      g_autoptr (GError) error = NULL;
      g_autoptr (RefMeeting) meeting = NULL;
      gint64 start = g_get_monotonic_time ();

      meeting = ref_xml_load_bytes (bytes, "bombe.referat", &error);
      g_assert_null (meeting);
      g_assert_error (error, REF_XML_ERROR, REF_XML_ERROR_ENTITY);
      g_assert_nonnull (strstr (error->message, "bombe.referat"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
}

/* A 2,000-page PDF (each page a little text, as a long agenda with appendices has). */
static void
write_long_pdf (const char *path, guint n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "Liberation Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (guint page = 1; page <= n_pages; page++)
    {
      char line[128];

      cairo_set_font_size (cr, 14);
      g_snprintf (line, sizeof line, "%u. Bilag %u til Økonomiudvalget", page, page);
      cairo_move_to (cr, 70, 90);
      cairo_show_text (cr, line);
      cairo_set_font_size (cr, 10);
      for (guint l = 0; l < 12; l++)
        {
          g_snprintf (line, sizeof line, "Linje %u på side %u: budgetopfølgning og anlægsoversigt for området.", l + 1, page);
          cairo_move_to (cr, 70, 130 + 16 * l);
          cairo_show_text (cr, line);
        }
      cairo_move_to (cr, 290, 800);
      g_snprintf (line, sizeof line, "Side %u", page);
      cairo_show_text (cr, line);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
count_progress (double fraction, gpointer user_data)
{
  guint *calls = user_data;

  (void) fraction;
  (*calls)++;
}

/* Thread: cancels @cancellable 200 ms after it starts. */
static gpointer
cancel_after (gpointer cancellable)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (cancellable);
  return NULL;
}

static void
test_long_pdf (void)
{
  g_autofree char *dir = g_dir_make_tmp ("referent-limits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lang.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefPdfImport) import = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (RefPdfImport) cancelled = NULL;
  GThread *canceller;
  const guint n_pages = 2000;
  guint progress_calls = 0;
  gint64 start;
  double seconds;

  write_long_pdf (path, n_pages);

  start = g_get_monotonic_time ();
  import = ref_pdf_import_file (file, NULL, count_progress, &progress_calls, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  /* Not minutes: either refused with a clear error or imported with what structure
   * there is; either way it ends, and every page was read. */
  if (import == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == REF_PDF_IMPORT_ERROR);
      g_test_message ("2,000 pages: refused after %.1f s: %s", seconds, error->message);
    }
  else
    {
      g_assert_cmpuint (ref_pdf_import_get_n_pages (import), ==, n_pages);
      g_test_message ("2,000 pages imported in %.1f s (%u items); peak memory %.0f MiB", seconds,
                      ref_meeting_get_n_items (ref_pdf_import_get_meeting (import)), peak_rss_mib ());
    }
  g_assert_cmpuint (progress_calls, >=, n_pages / 10);
  if (!UNDER_ASAN)
    g_assert_cmpfloat (peak_rss_mib (), <, 2048.0);

  /* Cancelling a long import ends it promptly. */
  canceller = g_thread_new ("cancel", cancel_after, cancellable);
  start = g_get_monotonic_time ();
  g_clear_error (&error);
  cancelled = ref_pdf_import_file (file, cancellable, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_thread_join (canceller);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("cancelled after %.2f s", seconds);
  ref_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp_root = ref_test_make_tmp_root ("referent-test-limits");

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/limits/xml/50-mb-file", test_large_file);
  g_test_add_func ("/limits/xml/1-mb-decision", test_huge_decision);
  g_test_add_func ("/limits/xml/deep-elements", test_deep_elements);
  g_test_add_func ("/limits/xml/entities", test_entities);
  g_test_add_func ("/limits/pdf/2000-pages", test_long_pdf);
  return ref_test_run_and_clean (tmp_root);
}
