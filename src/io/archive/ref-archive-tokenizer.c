/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <libstemmer.h>
#include <string.h>

#include "ref-archive-private.h"

/*
 * The index's FTS5 tokenizer. Stemming happens inside the tokenizer, for the text
 * indexed and for the words of a query alike, rather than by storing stemmed copies of
 * the text: FTS5 then keeps the original text with each token's place in it, so its
 * snippets and highlights show the words as written ("beslutningerne"), not their
 * stems ("beslutning"), and phrase queries keep their word order.
 *
 * A word is a run of letters, digits and combining marks; everything else separates
 * words ("IPS-indsatsen" is "ips" and "indsatsen"). A word is folded to lower case,
 * composed (NFC) when it carries a combining mark, and stemmed; digits are left as
 * they are. Words longer than MAX_WORD_BYTES (pasted hashes, not words) are skipped.
 * Prefix queries ("beslut*") are folded but not stemmed: a prefix is not a word.
 */

#define MAX_WORD_BYTES 160

/* Stems kept per tokenizer; more distinct words than this start the cache afresh. */
#define MAX_CACHED_STEMS 100000

/* Neither the stemmer nor the cache is thread-safe: one tokenizer per connection (and
 * so per thread), as FTS5 makes them. */
typedef struct {
  struct sb_stemmer *stemmer;
  GHashTable *stems;
} DanishTokenizer;

static void
danish_tokenizer_free (DanishTokenizer *tokenizer)
{
  sb_stemmer_delete (tokenizer->stemmer);
  g_clear_pointer (&tokenizer->stems, g_hash_table_unref);
  g_free (tokenizer);
}

static DanishTokenizer *
danish_tokenizer_new (void)
{
  DanishTokenizer *tokenizer = g_new0 (DanishTokenizer, 1);

  tokenizer->stemmer = sb_stemmer_new ("danish", "UTF_8");
  tokenizer->stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (tokenizer->stemmer == NULL)
    {
      danish_tokenizer_free (tokenizer);
      return NULL;
    }
  return tokenizer;
}

static int
danish_create (void *context, const char **argv, int argc, Fts5Tokenizer **out)
{
  DanishTokenizer *tokenizer = danish_tokenizer_new ();

  if (tokenizer == NULL)
    return SQLITE_ERROR;
  *out = (Fts5Tokenizer *) tokenizer;
  return SQLITE_OK;
}

static void
danish_delete (Fts5Tokenizer *fts_tokenizer)
{
  danish_tokenizer_free ((DanishTokenizer *) fts_tokenizer);
}

static inline gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK;
}

/* The character at @p (of at most @max bytes) and the byte after it; an invalid byte
 * is a separator of its own. */
static inline gunichar
next_char (const char *p, gssize max, const char **after)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    {
      *after = p + 1;
      return (guchar) *p;
    }
  c = g_utf8_get_char_validated (p, max);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *after = p + 1;
      return ' ';
    }
  *after = g_utf8_next_char (p);
  return c;
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || is_mark (c);
}

typedef int (*TokenFunc) (void *context, int flags, const char *token, int n_token, int start, int end);

/* Snippets and highlights only need to know where each word is: the same words, found
 * without folding or stemming them. */
static gboolean
is_too_long (const char *word, const char *end)
{
  gsize len = 0;

  /* Exactly as tokenize() decides it: by the folded length. */
  for (const char *p = word, *after; p < end; p = after)
    {
      gunichar c = next_char (p, end - p, &after);

      if (len + 6 > MAX_WORD_BYTES)
        return TRUE;
      len += c < 0x80 ? 1 : (gsize) g_unichar_to_utf8 (g_unichar_tolower (c), NULL);
    }
  return FALSE;
}

static int
tokenize_places (const char *text, int n_text, void *context, TokenFunc emit)
{
  const char *p = text, *end = text + n_text, *after;

  while (p < end)
    {
      const char *start;
      int rc;

      /* ASCII, most of Danish text, without decoding. */
      if ((guchar) *p < 0x80 && !g_ascii_isalnum (*p))
        {
          p++;
          continue;
        }
      if (!is_word_char (next_char (p, end - p, &after)))
        {
          p = after;
          continue;
        }
      start = p;
      while (p < end)
        {
          if ((guchar) *p < 0x80)
            {
              if (!g_ascii_isalnum (*p))
                break;
              p++;
            }
          else if (is_word_char (next_char (p, end - p, &after)))
            p = after;
          else
            break;
        }
      /* Folding makes a word at most half as long again: only long ones need counting. */
      if (p - start > MAX_WORD_BYTES / 2 && is_too_long (start, p))
        continue;
      rc = emit (context, 0, start, (int) (p - start), (int) (start - text), (int) (p - text));
      if (rc != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

/* The stem of @word (@len bytes, folded): from the cache, or stemmed and cached. Words
 * repeat (a few thousand make most of any text), and stemming is most of the cost of
 * indexing. */
static const char *
stem_word (DanishTokenizer *tokenizer, const char *word, int len, int *stem_len)
{
  char *cached = g_hash_table_lookup (tokenizer->stems, word);
  const sb_symbol *stemmed;

  if (cached != NULL)
    {
      *stem_len = (int) strlen (cached);
      return cached;
    }
  stemmed = sb_stemmer_stem (tokenizer->stemmer, (const sb_symbol *) word, len);
  if (stemmed == NULL)
    return NULL;
  *stem_len = sb_stemmer_length (tokenizer->stemmer);
  if (g_hash_table_size (tokenizer->stems) >= MAX_CACHED_STEMS)
    g_hash_table_remove_all (tokenizer->stems);
  cached = g_strndup ((const char *) stemmed, *stem_len);
  g_hash_table_insert (tokenizer->stems, g_strndup (word, len), cached);
  return cached;
}

/* Words of documents indexed by this thread since ref_archive_take_document_words(). */
static _Thread_local guint document_words;

guint
ref_archive_take_document_words (void)
{
  guint n = document_words;

  document_words = 0;
  return n;
}

/* Calls @emit for each word of @text, folded, and stemmed unless @tokenizer is NULL;
 * adds the words to @n_words. */
static int
tokenize (DanishTokenizer *tokenizer, const char *text, int n_text, void *context, TokenFunc emit, guint *n_words)
{
  const char *p = text, *end = text + n_text, *after;

  while (p < end)
    {
      const char *start = p;
      char word[MAX_WORD_BYTES + 8];
      gsize len = 0;
      gboolean too_long = FALSE, marks = FALSE, letters = FALSE;
      const char *token;
      int n_token;
      int rc;

      /* ASCII, most of Danish text, without decoding. */
      if ((guchar) *p < 0x80 && !g_ascii_isalnum (*p))
        {
          p++;
          continue;
        }
      if (!is_word_char (next_char (p, end - p, &after)))
        {
          p = after;
          continue;
        }
      while (p < end)
        {
          gunichar c;

          if ((guchar) *p < 0x80)
            {
              if (!g_ascii_isalnum (*p))
                break;
              letters |= g_ascii_isalpha (*p);
              if (len + 6 <= MAX_WORD_BYTES)
                word[len++] = g_ascii_tolower (*p);
              else
                too_long = TRUE;
              p++;
              continue;
            }
          c = next_char (p, end - p, &after);
          if (!is_word_char (c))
            break;
          marks |= is_mark (c);
          letters |= g_unichar_isalpha (c);
          if (len + 6 <= MAX_WORD_BYTES)
            len += g_unichar_to_utf8 (g_unichar_tolower (c), word + len);
          else
            too_long = TRUE;
          p = after;
        }
      if (too_long)
        continue;
      word[len] = '\0';
      token = word;
      n_token = (int) len;

      {
        g_autofree char *composed = marks ? g_utf8_normalize (word, len, G_NORMALIZE_NFC) : NULL;

        if (composed != NULL)
          {
            token = composed;
            n_token = (int) strlen (composed);
          }
        /* Snowball's Danish algorithm leaves words of three letters or fewer alone. */
        if (tokenizer != NULL && letters && g_utf8_strlen (token, n_token) > 3)
          {
            token = stem_word (tokenizer, token, n_token, &n_token);
            if (token == NULL)
              return SQLITE_NOMEM;
          }
        rc = emit (context, 0, token, n_token, (int) (start - text), (int) (p - text));
      }
      if (rc != SQLITE_OK)
        return rc;
      (*n_words)++;
    }
  return SQLITE_OK;
}

static int
danish_tokenize (Fts5Tokenizer *fts_tokenizer, void *context, int flags, const char *text, int n_text,
                 int (*emit) (void *, int, const char *, int, int, int))
{
  DanishTokenizer *tokenizer = (DanishTokenizer *) fts_tokenizer;
  gboolean prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;

  guint n_words = 0;
  int rc;

  if (flags == FTS5_TOKENIZE_AUX)
    return tokenize_places (text, n_text, context, emit);
  rc = tokenize (prefix ? NULL : tokenizer, text, n_text, context, emit, &n_words);
  /* The length of a document, counted as FTS5 counts it, for ranking (BM25). */
  if (flags == FTS5_TOKENIZE_DOCUMENT)
    document_words += n_words;
  return rc;
}

fts5_api *
ref_archive_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return api;
}

gboolean
ref_archive_register_tokenizer (sqlite3 *db, GError **error)
{
  static fts5_tokenizer danish = { danish_create, danish_delete, danish_tokenize };
  fts5_api *api = ref_archive_fts5_api (db);

  if (api == NULL || api->xCreateTokenizer (api, REF_ARCHIVE_TOKENIZER, NULL, &danish, NULL) != SQLITE_OK)
    {
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DATABASE,
                   _("SQLite has no full-text search (FTS5) or the Danish stemmer is missing"));
      return FALSE;
    }
  return TRUE;
}

static int
collect_word (void *context, int flags, const char *token, int n_token, int start, int end)
{
  g_ptr_array_add (context, g_strndup (token, n_token));
  return SQLITE_OK;
}

GPtrArray *
ref_archive_split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  if (text != NULL)
    tokenize_places (text, (int) strlen (text), words, collect_word);
  return words;
}

static int
collect_stem (void *context, int flags, const char *token, int n_token, int start, int end)
{
  GHashTable *seen = context;

  g_hash_table_add (seen, g_strndup (token, n_token));
  return SQLITE_OK;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
ref_archive_stem_words (const char *text)
{
  DanishTokenizer *tokenizer = danish_tokenizer_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *stems = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  if (text != NULL && tokenizer != NULL)
    {
      guint n_words = 0;
      tokenize (tokenizer, text, (int) strlen (text), seen, collect_stem, &n_words);
    }
  if (tokenizer != NULL)
    danish_tokenizer_free (tokenizer);
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (stems, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (stems, compare_strings);
  return stems;
}
