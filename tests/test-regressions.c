/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Replays every input the fuzzers ever failed on (tests/fixtures/regressions/{xml,pdf,text,esdh})
 * and the whole seed corpus (tests/fuzz/corpus/) through the same property checks the
 * libFuzzer harnesses run (tests/fuzz/fuzz-checks.c), in the normal test suite and its
 * sanitizer build: a fixed bug stays fixed without clang or a fuzzing run. A violated
 * property aborts, which fails the test.
 */
#include <glib.h>

#include "fuzz/fuzz-checks.h"

typedef enum { KIND_XML, KIND_PDF, KIND_TEXT, KIND_ESDH } Kind;

typedef struct {
  Kind kind;
  char *path;
} Input;

static void
input_free (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_free (input);
}

static void
replay (gconstpointer data)
{
  const Input *input = data;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (input->path, &contents, &length, &error));
  g_assert_no_error (error);
  switch (input->kind)
    {
    case KIND_XML:
      ref_fuzz_check_xml ((const guint8 *) contents, length);
      break;
    case KIND_PDF:
      /* Cancelled after 20 s: an input that makes the importer hang fails the test by
       * running into meson's timeout instead of passing. */
      ref_fuzz_check_pdf ((const guint8 *) contents, length, 20000);
      break;
    case KIND_TEXT:
      ref_fuzz_check_text ((const guint8 *) contents, length);
      break;
    case KIND_ESDH:
      ref_fuzz_check_esdh ((const guint8 *) contents, length);
      break;
    }
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* Adds one test per file in @dir (sorted, so the order and names are stable). */
static guint
add_dir (GPtrArray *keep, const char *group, const char *dir_path, const char *kind_name, Kind kind)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      Input *input = g_new0 (Input, 1);
      g_autofree char *test_path = g_strdup_printf ("/%s/%s/%s", group, kind_name, (char *) names->pdata[i]);

      input->kind = kind;
      input->path = g_build_filename (dir_path, names->pdata[i], NULL);
      g_ptr_array_add (keep, input);
      g_test_add_data_func (test_path, input, replay);
    }
  return names->len;
}

int
main (int argc, char **argv)
{
  static const struct {
    const char *name;
    Kind kind;
  } kinds[] = { { "xml", KIND_XML }, { "pdf", KIND_PDF }, { "text", KIND_TEXT }, { "esdh", KIND_ESDH } };
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (input_free);
  guint n_regressions = 0;

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *regressions = g_test_build_filename (G_TEST_DIST, "fixtures", "regressions", kinds[i].name, NULL);
      g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", kinds[i].name, NULL);

      n_regressions += add_dir (inputs, "regression", regressions, kinds[i].name, kinds[i].kind);
      g_assert_cmpuint (add_dir (inputs, "corpus", corpus, kinds[i].name, kinds[i].kind), >, 0);
    }
  g_assert_cmpuint (n_regressions, >, 0);
  return g_test_run ();
}
