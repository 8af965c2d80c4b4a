/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-checks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ref-esdh-import.h"
#include "ref-pdf-import.h"
#include "ref-text.h"
#include "ref-xml.h"

/* A violated property: print it and abort(). (g_error() would raise SIGTRAP, which
 * libFuzzer does not catch, so the input would not be saved.) */
G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
static void
fuzz_fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fputs ("\n*** fuzz check failed: ", stderr);
  vfprintf (stderr, format, args);
  fputs ("\n", stderr);
  va_end (args);
  fflush (stderr);
  abort ();
}

/* Criticals and errors from any library end the run with abort(), for the same reason. */
static GLogWriterOutput
fatal_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  GLogWriterOutput result;

  /* Poppler reports every syntax error of a mutated PDF as an info message: printing
   * thousands of them per second would slow the fuzzer down for nothing. */
  if (level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  result = g_log_writer_standard_streams (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      fflush (stderr);
      abort ();
    }
  return result;
}

void
ref_fuzz_init (void)
{
  g_log_set_writer_func (fatal_writer, NULL, NULL);
}

/* ---- .referat reader ---- */

static char *stream_path;

static void
remove_stream_file (void)
{
  if (stream_path != NULL)
    g_unlink (stream_path);
}

/* A file is streamed from disk, bytes in memory are not: the same input must give the
 * same meeting or the same kind of error either way. */
static void
check_file_agrees (GBytes *bytes, RefMeeting *from_bytes, const GError *bytes_error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) from_file = NULL;
  g_autofree char *where = NULL;

  /* A file of this process's own: two fuzzers, or a fuzzer and test-regressions,
   * run at once would otherwise read each other's input. */
  if (stream_path == NULL)
    {
      int fd = g_file_open_tmp ("referent-fuzz-stream-XXXXXX.referat", &stream_path, NULL);

      if (fd < 0)
        return;
      close (fd);
      atexit (remove_stream_file);
    }
  if (!g_file_set_contents (stream_path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
    return;
  file = g_file_new_for_path (stream_path);
  from_file = ref_xml_load_file (file, &error);
  if ((from_file == NULL) != (from_bytes == NULL))
    fuzz_fail ("from a file the load %s, from memory it %s (%s)", from_file ? "succeeded" : "failed",
               from_bytes ? "succeeded" : "failed", error ? error->message : bytes_error->message);
  if (from_file == NULL && error->code != bytes_error->code)
    fuzz_fail ("from a file the error is “%s”, from memory “%s”", error->message, bytes_error->message);
  if (from_file != NULL && !ref_model_equal (from_file, from_bytes, &where))
    fuzz_fail ("from a file the meeting differs at %s", where ? where : "?");
}

void
ref_fuzz_check_xml (const guint8 *data, gsize size)
{
  /* A copy of exactly @size bytes, with no terminating NUL: GBytes promise none. */
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (RefMeeting) again = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autoptr (GBytes) rewritten = NULL;
  g_autofree char *where = NULL;

  meeting = ref_xml_load_bytes (bytes, "fuzz.referat", &error);
  check_file_agrees (bytes, meeting, error);
  if (meeting == NULL)
    {
      if (error == NULL || error->domain != REF_XML_ERROR || error->code < REF_XML_ERROR_IO
          || error->code > REF_XML_ERROR_ENTITY || error->message == NULL || *error->message == '\0')
        fuzz_fail ("load failed without a proper REF_XML_ERROR");
      return;
    }
  if (error != NULL)
    fuzz_fail ("load succeeded but set an error: %s", error->message);

  written = ref_xml_write_bytes (meeting);
  again = ref_xml_load_bytes (written, "rewritten.referat", &error);
  if (again == NULL)
    fuzz_fail ("a loaded meeting, written again, does not load: %s\n--- written:\n%.*s", error->message,
             (int) MIN (g_bytes_get_size (written), 4000), (const char *) g_bytes_get_data (written, NULL));
  if (!ref_model_equal (meeting, again, &where))
    fuzz_fail ("load → write → load changed the model at %s", where ? where : "?");
  rewritten = ref_xml_write_bytes (again);
  if (!g_bytes_equal (written, rewritten))
    fuzz_fail ("writing the reloaded meeting gives different bytes (the writer is not canonical)");
  /* Whatever the reader accepts, the writer turns into a file the schema accepts (the
   * streaming schema check, as `referent-cli validate` runs it). */
  g_clear_object (&again);
  again = ref_xml_load_bytes_full (written, "rewritten.referat", REF_XML_LOAD_VALIDATE, &error);
  if (again == NULL)
    fuzz_fail ("the writer's output does not match the schema: %s\n--- written:\n%.*s", error->message,
               (int) MIN (g_bytes_get_size (written), 4000), (const char *) g_bytes_get_data (written, NULL));
}

/* ---- PDF importer ---- */

/* One watchdog thread for the whole process cancels the armed cancellable when its
 * deadline passes: the importer must then return promptly (libFuzzer's -timeout
 * catches it if it does not). */
static GMutex watchdog_lock;
static GCond watchdog_cond;
static GCancellable *watchdog_target;
static gint64 watchdog_deadline;
static GThread *watchdog_thread;

static gpointer
watchdog_main (gpointer unused)
{
  g_mutex_lock (&watchdog_lock);
  for (;;)
    {
      if (watchdog_target == NULL)
        g_cond_wait (&watchdog_cond, &watchdog_lock);
      else if (!g_cond_wait_until (&watchdog_cond, &watchdog_lock, watchdog_deadline) && watchdog_target != NULL
               && g_get_monotonic_time () >= watchdog_deadline)
        {
          g_cancellable_cancel (watchdog_target);
          g_clear_object (&watchdog_target);
        }
    }
  g_mutex_unlock (&watchdog_lock);
  return NULL;
}

static void
watchdog_arm (GCancellable *cancellable, guint ms)
{
  g_mutex_lock (&watchdog_lock);
  if (watchdog_thread == NULL)
    watchdog_thread = g_thread_new ("fuzz-watchdog", watchdog_main, NULL);
  g_set_object (&watchdog_target, cancellable);
  watchdog_deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  g_cond_signal (&watchdog_cond);
  g_mutex_unlock (&watchdog_lock);
}

static void
watchdog_disarm (void)
{
  g_mutex_lock (&watchdog_lock);
  g_clear_object (&watchdog_target);
  g_cond_signal (&watchdog_cond);
  g_mutex_unlock (&watchdog_lock);
}

static gboolean
is_fraction (double value)
{
  return isfinite (value) && value >= 0.0 && value <= 1.0;
}

static void
progress_cb (double fraction, gpointer user_data)
{
  double *last = user_data;

  if (!is_fraction (fraction) || fraction < *last)
    fuzz_fail ("progress went from %g to %g", *last, fraction);
  *last = fraction;
}

void
ref_fuzz_check_pdf (const guint8 *data, gsize size, guint cancel_after_ms)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RefPdfImport) import = NULL;
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (RefMeeting) reloaded = NULL;
  RefMeeting *meeting;
  GPtrArray *warnings;
  double last_progress = 0.0;
  guint n_items;

  if (cancel_after_ms > 0)
    watchdog_arm (cancellable, cancel_after_ms);
  import = ref_pdf_import_bytes (bytes, "fuzz.pdf", cancellable, progress_cb, &last_progress, &error);
  if (cancel_after_ms > 0)
    watchdog_disarm ();

  if (import == NULL)
    {
      if (error == NULL || error->message == NULL || *error->message == '\0')
        fuzz_fail ("import failed without an error message");
      if (error->domain != REF_PDF_IMPORT_ERROR && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fuzz_fail ("import failed with an unexpected error domain: %s", error->message);
      return;
    }
  if (error != NULL)
    fuzz_fail ("import succeeded but set an error: %s", error->message);

  meeting = ref_pdf_import_get_meeting (import);
  warnings = ref_pdf_import_get_warnings (import);
  if (meeting == NULL || warnings == NULL || ref_pdf_import_get_n_pages (import) == 0)
    fuzz_fail ("an import result without a meeting, warnings or pages");
  if (!is_fraction (ref_pdf_import_get_coverage (import)) || !is_fraction (ref_pdf_import_get_confidence (import)))
    fuzz_fail ("coverage %g or confidence %g outside 0..1", ref_pdf_import_get_coverage (import),
             ref_pdf_import_get_confidence (import));
  for (guint i = 0; i < warnings->len; i++)
    {
      const RefImportWarning *w = g_ptr_array_index (warnings, i);
      if (w->text == NULL || w->reason == NULL || w->page > ref_pdf_import_get_n_pages (import))
        fuzz_fail ("warning %u is incomplete or names page %u of %u", i, w->page, ref_pdf_import_get_n_pages (import));
    }
  n_items = g_list_model_get_n_items (ref_meeting_get_items (meeting));
  for (guint i = 0; i < n_items; i++)
    if (ref_pdf_import_get_item_headings (import, i) == NULL)
      fuzz_fail ("item %u has no heading list", i);

  /* What was imported can be saved, and the saved file loads. */
  saved = ref_xml_write_bytes (meeting);
  reloaded = ref_xml_load_bytes (saved, "imported.referat", &error);
  if (reloaded == NULL)
    fuzz_fail ("the imported meeting, saved, does not load: %s", error->message);
}

/* ---- case-system exports ---- */

void
ref_fuzz_check_esdh (const guint8 *data, gsize size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (RefEsdhImport) import = ref_esdh_import_bytes (bytes, "fuzz.xml", NULL, NULL, &error);
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (RefMeeting) reloaded = NULL;
  g_autofree char *where = NULL;
  RefMeeting *meeting;
  GPtrArray *warnings;

  if (import == NULL)
    {
      if (error == NULL || error->domain != REF_ESDH_IMPORT_ERROR || error->message == NULL || *error->message == '\0')
        fuzz_fail ("import failed without a proper REF_ESDH_IMPORT_ERROR");
      return;
    }
  if (error != NULL)
    fuzz_fail ("import succeeded but set an error: %s", error->message);
  meeting = ref_esdh_import_get_meeting (import);
  warnings = ref_esdh_import_get_warnings (import);
  if (meeting == NULL || warnings == NULL || ref_esdh_import_get_dialect (import) == NULL)
    fuzz_fail ("an import result without a meeting, notes or dialect");
  for (guint i = 0; i < warnings->len; i++)
    {
      const RefImportWarning *w = g_ptr_array_index (warnings, i);
      if (w->text == NULL || w->reason == NULL || *w->reason == '\0' || !g_utf8_validate (w->text, -1, NULL)
          || !g_utf8_validate (w->reason, -1, NULL))
        fuzz_fail ("note %u is incomplete or not UTF-8", i);
    }
  if (ref_meeting_get_start (meeting) == NULL)
    fuzz_fail ("the imported meeting has no start");
  if (ref_esdh_import_get_n_attachments_found (import) > ref_esdh_import_get_n_attachments (import))
    fuzz_fail ("more attachment files found than named");

  /* What was imported saves as a valid file that loads into the same meeting. */
  saved = ref_xml_write_bytes (meeting);
  if (!ref_xml_validate_bytes (saved, "imported.referat", &error))
    fuzz_fail ("the imported meeting, saved, does not validate: %s\n--- saved:\n%.*s", error->message,
               (int) MIN (g_bytes_get_size (saved), 4000), (const char *) g_bytes_get_data (saved, NULL));
  reloaded = ref_xml_load_bytes (saved, "imported.referat", &error);
  if (reloaded == NULL)
    fuzz_fail ("the imported meeting, saved, does not load: %s", error->message);
  if (!ref_model_equal (meeting, reloaded, &where))
    fuzz_fail ("the imported meeting loads back differently at %s", where ? where : "?");
}

/* ---- structured text from plain text ---- */

void
ref_fuzz_check_text (const guint8 *data, gsize size)
{
  g_autofree char *plain = g_strndup ((const char *) data, size);
  g_autoptr (RefText) first = ref_text_new_from_plain (plain);
  g_autofree char *printed = ref_text_to_plain (first);
  g_autoptr (RefText) second = ref_text_new_from_plain (printed);
  g_autofree char *reprinted = ref_text_to_plain (second);
  g_autoptr (RefText) copy = ref_text_copy (first);
  g_auto (GStrv) items = ref_text_get_list_items (first);

  if (!ref_text_equal (first, second))
    fuzz_fail ("plain → text → plain → text is not equal\n--- printed:\n%s", printed);
  if (g_strcmp0 (printed, reprinted) != 0)
    fuzz_fail ("printing the reparsed text differs\n--- first:\n%s\n--- second:\n%s", printed, reprinted);
  if (!ref_text_equal (first, copy))
    fuzz_fail ("ref_text_copy is not equal to its source");
  if (ref_text_is_empty (first) != (ref_text_get_length (second) == 0))
    fuzz_fail ("emptiness changed in the round trip");
  (void) items;
}
