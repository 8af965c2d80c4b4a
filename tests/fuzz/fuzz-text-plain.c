/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the structured-text parser (ref_text_new_from_plain) and its
 * round trip through ref_text_to_plain. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-checks.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  ref_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  ref_fuzz_check_text (data, size);
  return 0;
}
