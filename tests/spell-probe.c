/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * spell-probe LANGUAGE WORD…: asks Referent's spell checker (enchant-2, as the app
 * uses it) about each word and prints one line per word: "ok WORD", or "bad WORD"
 * followed by up to three suggestions. Exits 2 when no dictionary serves LANGUAGE.
 * It waits for the dictionary, which the app loads in a worker thread.
 *
 * check-flatpak-dictionaries.py runs it with XDG_DATA_DIRS pointing at the
 * dictionaries the Flatpak manifest installs, to show that the app finds them there.
 */
#include "config.h"

#include <stdio.h>

#include "ref-spell-checker.h"

int
main (int argc, char **argv)
{
  g_autoptr (RefSpellChecker) checker = NULL;

  if (argc < 2)
    {
      fprintf (stderr, "usage: spell-probe LANGUAGE WORD…\n");
      return 1;
    }
  checker = ref_spell_checker_new ();
  ref_spell_checker_set_language (checker, argv[1]);
  if (!ref_spell_checker_wait_for_dictionary (checker))
    {
      fprintf (stderr, "spell-probe: no dictionary for %s\n", argv[1]);
      return 2;
    }
  for (int i = 2; i < argc; i++)
    {
      if (ref_spell_checker_check_word (checker, argv[i], -1))
        {
          printf ("ok %s\n", argv[i]);
          continue;
        }
      g_auto (GStrv) suggestions = ref_spell_checker_get_suggestions (checker, argv[i], 3);
      g_autofree char *joined = g_strjoinv (" ", suggestions);
      printf ("bad %s %s\n", argv[i], joined);
    }
  return 0;
}
