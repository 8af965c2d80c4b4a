/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the .referat reader, and load → write → load equality. */
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
  ref_fuzz_check_xml (data, size);
  return 0;
}
