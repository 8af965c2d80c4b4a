/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the case-system (ESDH) importer on bytes as an export's XML. One
 * harness for every dialect: the entry point recognises the dialect from the content,
 * so mutations of each seed reach its reader, the HTML fields, eDoc's FullText
 * splitting and the repairs of broken XML alike. */
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
  ref_fuzz_check_esdh (data, size);
  return 0;
}
