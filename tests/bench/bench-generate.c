/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>

#include "meeting-generator.h"
#include "ref-xml.h"

/* bench-generate N SEED OUT.referat: writes the synthetic meeting of the tests
 * (meeting-generator.h) with N items, for benchmarks that time whole processes. */
int
main (int argc, char **argv)
{
  g_autoptr (RefMeeting) meeting = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (argc != 4)
    {
      g_printerr ("usage: bench-generate N SEED OUT.referat\n");
      return 2;
    }
  meeting = ref_test_meeting_generate ((guint) atoi (argv[1]), (guint32) atoi (argv[2]));
  file = g_file_new_for_path (argv[3]);
  if (!ref_xml_save_file (meeting, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
