/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the PDF importer on poppler's reading of mutated PDFs. A watchdog
 * cancels the import after REF_FUZZ_PDF_CANCEL_MS (default 4000 ms); the importer must
 * then stop promptly, and libFuzzer's -timeout (10 s in run-fuzzers.sh) reports any
 * input that runs longer, inside poppler or not. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-checks.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint cancel_after_ms = 4000;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const char *env = g_getenv ("REF_FUZZ_PDF_CANCEL_MS");

  if (env != NULL)
    cancel_after_ms = (guint) strtoul (env, NULL, 10);
  ref_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  ref_fuzz_check_pdf (data, size, cancel_after_ms);
  return 0;
}
