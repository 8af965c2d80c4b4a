/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <poppler.h>
#include <stdio.h>

/* The least a program that reads PDFs through poppler-glib costs to start: linked
 * against poppler-glib alone (and what it pulls in: GObject, GIO, cairo), it prints
 * poppler's version and exits. bench-import times it beside `referent-cli --version`
 * and `pdftotext -v`, so the start-up part of the whole-process ratio is measured,
 * not guessed. */
int
main (void)
{
  printf ("poppler %s\n", poppler_get_version ());
  return 0;
}
