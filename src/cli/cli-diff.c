/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "ref-diff.h"
#include "ref-xml.h"

/* referent-cli diff A.referat B.referat: what changed from A to B. Exit status as
 * diff(1): 0 when equal, 1 when different, 2 on errors. */
int
cli_diff (int argc, char **argv)
{
  g_autoptr (GFile) fa = NULL, fb = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefMeeting) a = NULL, b = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  if (argc != 3)
    return cli_usage_error ("diff", _("expected two .referat files"));
  fa = g_file_new_for_commandline_arg (argv[1]);
  fb = g_file_new_for_commandline_arg (argv[2]);
  if ((a = ref_xml_load_file (fa, &error)) == NULL || (b = ref_xml_load_file (fb, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  entries = ref_diff_meetings (a, b);
  for (guint i = 0; i < entries->len; i++)
    {
      RefDiffEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *where = e->item ? g_strdup_printf (_("Item %u"), e->item) : g_strdup (_("Meeting"));

      switch (e->kind)
        {
        case REF_DIFF_ADDED:
          g_print ("%s, %s: %s\n+ %s\n", where, e->field, _("added"), e->new_text);
          break;
        case REF_DIFF_REMOVED:
          g_print ("%s, %s: %s\n- %s\n", where, e->field, _("removed"), e->old_text);
          break;
        case REF_DIFF_CHANGED:
        default:
          {
            g_autofree char *marked = ref_diff_mark_words (e->old_text, e->new_text);
            g_print ("%s, %s: %s\n~ %s\n", where, e->field, _("changed"), marked);
          }
          break;
        }
    }
  return entries->len == 0 ? 0 : 1;
}
