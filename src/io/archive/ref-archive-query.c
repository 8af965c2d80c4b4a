/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ref-archive-private.h"
#include "ref-archive-query.h"
#include "ref-captions.h"

/* ---- the query ---- */

G_DEFINE_BOXED_TYPE (RefArchiveQuery, ref_archive_query, ref_archive_query_copy, ref_archive_query_free)

RefArchiveQuery *
ref_archive_query_new (void)
{
  return g_new0 (RefArchiveQuery, 1);
}

RefArchiveQuery *
ref_archive_query_copy (const RefArchiveQuery *query)
{
  RefArchiveQuery *copy = g_new0 (RefArchiveQuery, 1);

  copy->text = g_strdup (query->text);
  copy->committee = g_strdup (query->committee);
  copy->from = g_strdup (query->from);
  copy->to = g_strdup (query->to);
  copy->case_number = g_strdup (query->case_number);
  copy->kind = g_strdup (query->kind);
  copy->outcome = g_strdup (query->outcome);
  copy->access = query->access;
  copy->limit = query->limit;
  copy->offset = query->offset;
  return copy;
}

void
ref_archive_query_free (RefArchiveQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_free (query->committee);
  g_free (query->from);
  g_free (query->to);
  g_free (query->case_number);
  g_free (query->kind);
  g_free (query->outcome);
  g_free (query);
}

void
ref_archive_query_set (char **field, const char *value)
{
  g_autofree char *copy = value ? g_strstrip (g_strdup (value)) : NULL;

  g_free (*field);
  *field = copy && *copy ? g_steal_pointer (&copy) : NULL;
}

char *
ref_archive_parse_date (const char *text, GError **error)
{
  int year = 0, month = 0, day = 0;

  if (text == NULL || !ref_caption_parse_date (text, &year, &month, &day) || year < 1 || year > 9999
      || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY,
                   _("“%s” is not a date; write it as 2024-05-07 or 07-05-2024"), text ? text : "");
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* ---- from what people type to FTS5 ---- */

typedef struct {
  char *text;
  gboolean negated;
  gboolean prefix;
  gboolean or_before; /* "OR" stood between this and the term before */
} Term;

static void
term_free (Term *term)
{
  g_free (term->text);
  g_free (term);
}

static gboolean
has_word_char (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static GPtrArray *
parse_terms (const char *text)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  const char *p = text;
  gboolean or_pending = FALSE, not_pending = FALSE;

  while (p != NULL && *p)
    {
      gboolean negated = FALSE, prefix = FALSE, phrase = FALSE;
      const char *start, *end;
      g_autofree char *word = NULL;

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (*p == '-' && p[1] != '\0' && !g_unichar_isspace (g_utf8_get_char (p + 1)))
        {
          negated = TRUE;
          p++;
        }
      if (*p == '"')
        {
          phrase = TRUE;
          start = ++p;
          end = strchr (start, '"');
          if (end == NULL)
            end = start + strlen (start);
          p = *end ? end + 1 : end;
          if (*p == '*')
            {
              prefix = TRUE;
              p++;
            }
        }
      else
        {
          start = p;
          while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          end = p;
        }
      word = g_strndup (start, end - start);
      if (!phrase && !negated && g_str_equal (word, "OR"))
        {
          or_pending = terms->len > 0;
          continue;
        }
      /* AND is what words do anyway; NOT before a word is its "-". */
      if (!phrase && !negated && g_str_equal (word, "AND"))
        continue;
      if (!phrase && !negated && g_str_equal (word, "NOT"))
        {
          not_pending = TRUE;
          continue;
        }
      negated |= not_pending;
      not_pending = FALSE;
      if (!phrase)
        {
          gsize len = strlen (word);

          while (len > 0 && word[len - 1] == '*')
            {
              word[--len] = '\0';
              prefix = TRUE;
            }
        }
      if (!has_word_char (word))
        continue;
      {
        Term *term = g_new0 (Term, 1);

        term->text = g_steal_pointer (&word);
        term->negated = negated;
        term->prefix = prefix;
        term->or_before = or_pending && !negated;
        or_pending = FALSE;
        g_ptr_array_add (terms, term);
      }
    }
  return terms;
}

/* A term as an FTS5 string: in double quotes, which make everything in it words for
 * the tokenizer, never syntax. */
static void
append_term (GString *out, const Term *term)
{
  g_string_append_c (out, '"');
  for (const char *p = term->text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  if (term->prefix)
    g_string_append (out, " *");
}

/* The FTS5 expression, and its terms in the order FTS5 numbers its phrases. */
static char *
build_match (const char *text, GPtrArray **phrases_out)
{
  g_autoptr (GPtrArray) terms = parse_terms (text);
  g_autoptr (GPtrArray) phrases = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  gboolean any = FALSE;

  /* (a) AND (b OR c) … NOT d NOT e: OR binds the terms it stands between. */
  for (guint i = 0; i < terms->len; i++)
    {
      Term *term = g_ptr_array_index (terms, i);

      if (term->negated)
        continue;
      if (term->or_before && any)
        {
          g_string_truncate (out, out->len - 1); /* reopen the group */
          g_string_append (out, " OR ");
        }
      else
        g_string_append (out, any ? " AND (" : "(");
      append_term (out, term);
      g_string_append_c (out, ')');
      g_ptr_array_add (phrases, term);
      any = TRUE;
    }
  if (!any)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  for (guint i = 0; i < terms->len; i++)
    {
      Term *term = g_ptr_array_index (terms, i);

      if (!term->negated)
        continue;
      g_string_append (out, " NOT ");
      append_term (out, term);
      g_ptr_array_add (phrases, term);
    }
  if (phrases_out != NULL)
    {
      /* The terms are owned by @terms: hand over copies. */
      *phrases_out = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
      for (guint i = 0; i < phrases->len; i++)
        {
          Term *copy = g_memdup2 (g_ptr_array_index (phrases, i), sizeof (Term));

          copy->text = g_strdup (copy->text);
          g_ptr_array_add (*phrases_out, copy);
        }
    }
  return g_string_free (out, FALSE);
}

/* For ranking: the match with each phrase of several words that is not part of an OR
 * given as its words, one by one (FTS5 then only finds the items with every word,
 * and the rank function tells where they follow each other, for less than FTS5's
 * matching of phrases costs); NULL when no phrase is split. @parts gets, per phrase
 * of @phrases (FTS5's order), how many of FTS5's phrases it became. */
static char *
build_split_match (GPtrArray *phrases, int *parts)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean any = FALSE, split = FALSE;

  for (guint i = 0; i < phrases->len; i++)
    {
      Term *term = g_ptr_array_index (phrases, i);
      Term *next = i + 1 < phrases->len ? g_ptr_array_index (phrases, i + 1) : NULL;
      gboolean joined = term->or_before && any, next_joined = next != NULL && !next->negated && next->or_before;
      g_autoptr (GPtrArray) words = NULL;

      parts[i] = 1;
      if (term->negated)
        {
          g_string_append (out, " NOT ");
          append_term (out, term);
          continue;
        }
      if (joined)
        {
          g_string_truncate (out, out->len - 1);
          g_string_append (out, " OR ");
        }
      else
        g_string_append (out, any ? " AND (" : "(");
      if (!joined && !next_joined && !term->prefix)
        words = ref_archive_split_words (term->text);
      if (words != NULL && words->len >= 2)
        {
          for (guint w = 0; w < words->len; w++)
            {
              Term word = { g_ptr_array_index (words, w), FALSE, FALSE, FALSE };

              g_string_append (out, w > 0 ? " AND " : "");
              append_term (out, &word);
            }
          parts[i] = (int) words->len;
          split = TRUE;
        }
      else
        append_term (out, term);
      g_string_append_c (out, ')');
      any = TRUE;
    }
  return split ? g_strdup (out->str) : NULL;
}

char *
ref_archive_query_to_match (const char *text)
{
  return build_match (text, NULL);
}

/* ---- hits ---- */

struct _RefArchiveHit {
  GObject parent_instance;

  char *path;
  char *committee;
  char *date;
  guint number;
  char *title;
  char *case_number;
  gboolean closed;
  char *kind;
  char *outcome;
  double score;
  char *snippet;
  GArray *highlights; /* guint pairs */
};

G_DEFINE_FINAL_TYPE (RefArchiveHit, ref_archive_hit, G_TYPE_OBJECT)

static void
ref_archive_hit_finalize (GObject *object)
{
  RefArchiveHit *self = REF_ARCHIVE_HIT (object);

  g_free (self->path);
  g_free (self->committee);
  g_free (self->date);
  g_free (self->title);
  g_free (self->case_number);
  g_free (self->kind);
  g_free (self->outcome);
  g_free (self->snippet);
  g_array_unref (self->highlights);
  G_OBJECT_CLASS (ref_archive_hit_parent_class)->finalize (object);
}

static void
ref_archive_hit_class_init (RefArchiveHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ref_archive_hit_finalize;
}

static void
ref_archive_hit_init (RefArchiveHit *self)
{
  self->highlights = g_array_new (FALSE, FALSE, sizeof (guint));
}

const char *
ref_archive_hit_get_path (RefArchiveHit *self)
{
  return self->path;
}

const char *
ref_archive_hit_get_committee (RefArchiveHit *self)
{
  return self->committee;
}

const char *
ref_archive_hit_get_date (RefArchiveHit *self)
{
  return self->date;
}

guint
ref_archive_hit_get_number (RefArchiveHit *self)
{
  return self->number;
}

const char *
ref_archive_hit_get_title (RefArchiveHit *self)
{
  return self->title;
}

const char *
ref_archive_hit_get_case_number (RefArchiveHit *self)
{
  return self->case_number;
}

gboolean
ref_archive_hit_get_closed (RefArchiveHit *self)
{
  return self->closed;
}

const char *
ref_archive_hit_get_kind (RefArchiveHit *self)
{
  return self->kind;
}

const char *
ref_archive_hit_get_outcome (RefArchiveHit *self)
{
  return self->outcome;
}

double
ref_archive_hit_get_score (RefArchiveHit *self)
{
  return self->score;
}

const char *
ref_archive_hit_get_snippet (RefArchiveHit *self)
{
  return self->snippet;
}

const guint *
ref_archive_hit_get_highlights (RefArchiveHit *self, guint *n_pairs)
{
  *n_pairs = self->highlights->len / 2;
  return (const guint *) (gpointer) self->highlights->data;
}

char *
ref_archive_hit_get_snippet_markup (RefArchiveHit *self)
{
  GString *out = g_string_new (NULL);
  guint at = 0;

  for (guint i = 0; i + 1 < self->highlights->len; i += 2)
    {
      guint start = g_array_index (self->highlights, guint, i);
      guint end = g_array_index (self->highlights, guint, i + 1);
      g_autofree char *before = g_markup_escape_text (self->snippet + at, start - at);
      g_autofree char *word = g_markup_escape_text (self->snippet + start, end - start);

      g_string_append_printf (out, "%s<b>%s</b>", before, word);
      at = end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (self->snippet + at, -1);
    g_string_append (out, rest);
  }
  return g_string_free (out, FALSE);
}

/* The markers FTS5 puts around matched words: control characters, which XML 1.0 does
 * not allow in a .referat file, so they can never be part of the text. */
#define MARK_START "\x02"
#define MARK_END "\x03"

static void
set_snippet (RefArchiveHit *hit, const char *marked)
{
  GString *out = g_string_new (NULL);

  for (const char *p = marked ? marked : ""; *p; p++)
    {
      if (*p == MARK_START[0] || *p == MARK_END[0])
        {
          guint offset = (guint) out->len;
          g_array_append_val (hit->highlights, offset);
          continue;
        }
      /* Line breaks between paragraphs read as spaces in one line of context. */
      g_string_append_c (out, *p == '\n' ? ' ' : *p);
    }
  if (hit->highlights->len % 2 == 1)
    g_array_set_size (hit->highlights, hit->highlights->len - 1);
  hit->snippet = g_string_free (out, FALSE);
}

/* Without words to show in context, a snippet is the beginning of the decision, cut
 * at a word. */
#define PLAIN_SNIPPET_CHARS 160

static char *
cut_at_word (const char *text)
{
  g_autofree char *head = NULL;
  const char *end;
  const char *space;

  if (text == NULL || g_utf8_strlen (text, -1) <= PLAIN_SNIPPET_CHARS)
    return g_strdup (text);
  end = g_utf8_offset_to_pointer (text, PLAIN_SNIPPET_CHARS);
  space = g_utf8_strrchr (text, end - text, ' ');
  if (space != NULL && space > text)
    end = space;
  head = g_strndup (text, end - text);
  return g_strconcat (head, "…", NULL);
}

/* ---- searching ---- */

static const char *const kinds[] = { "decision", "orientation", "discussion", "signature", NULL };

/* The filters of a query, checked and in the form the index keeps them. */
typedef struct {
  char *committee_key;
  char *from;
  char *to;
  char *case_key;
  gboolean case_prefix;
  const char *kind;
  const char *outcome;
  int closed; /* -1 any */
  gboolean any;
} Filters;

static void
filters_clear (Filters *f)
{
  g_free (f->committee_key);
  g_free (f->from);
  g_free (f->to);
  g_free (f->case_key);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Filters, filters_clear)

static gboolean
resolve_filters (RefArchiveIndex *index, const RefArchiveQuery *query, Filters *f, GError **error)
{
  RefCaptionOutcome outcome;

  f->closed = -1;
  if (query->committee != NULL)
    f->committee_key = ref_archive_text_key (query->committee);
  if (query->from != NULL && (f->from = ref_archive_parse_date (query->from, error)) == NULL)
    return FALSE;
  if (query->to != NULL && (f->to = ref_archive_parse_date (query->to, error)) == NULL)
    return FALSE;
  if (query->case_number != NULL && (f->case_key = ref_archive_case_key (query->case_number)) != NULL)
    {
      gsize len = strlen (f->case_key);

      if (len > 1 && f->case_key[len - 1] == '*')
        {
          f->case_key[len - 1] = '\0';
          f->case_prefix = TRUE;
        }
    }
  if (query->kind != NULL)
    {
      if (!g_strv_contains (kinds, query->kind))
        {
          g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY,
                       _("“%s” is not a kind of item; use decision, orientation, discussion or signature"),
                       query->kind);
          return FALSE;
        }
      f->kind = query->kind;
    }
  if (query->outcome != NULL)
    {
      if (!ref_caption_outcome_from_nick (query->outcome, &outcome))
        {
          g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY,
                       _("“%s” is not an outcome; use approved, recommended, noted, postponed, rejected or forwarded"),
                       query->outcome);
          return FALSE;
        }
      f->outcome = ref_caption_outcome_to_nick (outcome);
    }
  if (query->access == REF_ARCHIVE_ACCESS_CLOSED && ref_archive_index_get_edition (index) == REF_EDITION_PUBLIC)
    {
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY,
                   _("The public index has no closed items; closed items are only in an internal index"));
      return FALSE;
    }
  if (query->access != REF_ARCHIVE_ACCESS_ANY)
    f->closed = query->access == REF_ARCHIVE_ACCESS_CLOSED;
  f->any = f->committee_key || f->from || f->to || f->case_key || f->kind || f->outcome || f->closed >= 0;
  return TRUE;
}

/* The filters as SQL conditions on the items table "i", their values in @values. */
static void
append_filters (const Filters *f, GString *sql, GPtrArray *values)
{
  if (f->committee_key != NULL)
    {
      g_string_append (sql, " AND i.committee_key = ?");
      g_ptr_array_add (values, g_strdup (f->committee_key));
    }
  if (f->from != NULL)
    {
      g_string_append (sql, " AND i.date >= ?");
      g_ptr_array_add (values, g_strdup (f->from));
    }
  if (f->to != NULL)
    {
      g_string_append (sql, " AND i.date <= ?");
      g_ptr_array_add (values, g_strdup (f->to));
    }
  if (f->case_key != NULL)
    {
      if (f->case_prefix)
        g_string_append_printf (sql, " AND substr(i.case_key, 1, %" G_GSIZE_FORMAT ") = ?", strlen (f->case_key));
      else
        g_string_append (sql, " AND i.case_key = ?");
      g_ptr_array_add (values, g_strdup (f->case_key));
    }
  if (f->kind != NULL)
    {
      g_string_append (sql, g_str_equal (f->kind, "signature") ? " AND i.item_kind = ?" : " AND i.case_type = ?");
      g_ptr_array_add (values, g_strdup (f->kind));
    }
  if (f->outcome != NULL)
    {
      g_string_append (sql, " AND i.outcome = ?");
      g_ptr_array_add (values, g_strdup (f->outcome));
    }
  if (f->closed >= 0)
    g_string_append (sql, f->closed ? " AND i.closed = 1" : " AND i.closed = 0");
}

#define HIT_COLUMNS                                                                                                    \
  "f.path, i.committee, i.date, i.number, i.title, i.case_number, i.closed,"                                         \
  " CASE WHEN i.item_kind = 'signature' THEN 'signature' ELSE i.case_type END, i.outcome"

static RefArchiveHit *
read_hit (RefArchiveIndex *index, sqlite3_stmt *stmt, gboolean plain)
{
  RefArchiveHit *hit = g_object_new (REF_TYPE_ARCHIVE_HIT, NULL);

  hit->path = g_build_filename (ref_archive_index_get_folder (index), (const char *) sqlite3_column_text (stmt, 0), NULL);
  hit->committee = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  hit->date = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  hit->number = (guint) sqlite3_column_int64 (stmt, 3);
  hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  hit->case_number = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  hit->closed = sqlite3_column_int (stmt, 6) != 0;
  hit->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  hit->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  if (plain)
    {
      g_autofree char *cut = cut_at_word ((const char *) sqlite3_column_text (stmt, 9));
      set_snippet (hit, cut);
    }
  else
    set_snippet (hit, (const char *) sqlite3_column_text (stmt, 9));
  return hit;
}

static int
check_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static gboolean
search_failed (RefArchiveIndex *self, int rc, GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    ref_archive_index_set_error (self, rc, error);
  return FALSE;
}

/* Filters only: the items they give, newest first, each with the beginning of its
 * decision. */
static gboolean
list_filtered (RefArchiveIndex *self, const RefArchiveQuery *query, const Filters *filters, GPtrArray *hits,
               GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT " HIT_COLUMNS ","
                                          " (SELECT substr(decision, 1, " G_STRINGIFY (PLAIN_SNIPPET_CHARS) " + 1)"
                                          "  FROM items_fts WHERE rowid = i.id)"
                                          " FROM items i JOIN files f ON f.id = i.file_id WHERE 1");
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  append_filters (filters, sql, values);
  g_string_append_printf (sql, " ORDER BY i.date DESC, i.committee, i.number LIMIT %u OFFSET %u",
                          query->limit ? query->limit : 50, query->offset);
  rc = sqlite3_prepare_v2 (ref_archive_index_get_db (self), sql->str, -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < values->len; i++)
    rc = sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (hits, read_hit (self, stmt, TRUE));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || ref_archive_index_set_error (self, rc, error);
}

/* How many items contain @term, counted up to @enough: a query of its own, which reads
 * only the term's list of items (FTS5's bm25() counts through xQueryPhrase, several
 * times slower), and stops where more would not change the term's rarity. */
static int
term_doc_count (sqlite3 *db, const Term *term, gint64 enough, gint64 *count)
{
  g_autoptr (GString) match = g_string_new (NULL);
  Term positive = *term;
  sqlite3_stmt *stmt = NULL;
  int rc;

  positive.negated = FALSE;
  append_term (match, &positive);
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ?1 LIMIT ?2)", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, enough);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *count = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
has_prefix_term (GPtrArray *phrases)
{
  for (guint i = 0; i < phrases->len; i++)
    if (((Term *) g_ptr_array_index (phrases, i))->prefix)
      return TRUE;
  return FALSE;
}

/* The snippets of the items @ids, by id. FTS5 reads a query's prefixes afresh for
 * each statement run, so a query with a prefix gets them in one pass over its matches
 * (snippets made only for the items wanted); other queries item by item. */
static GHashTable *
snippets_for (RefArchiveIndex *self, const char *match, gboolean one_pass, GArray *ids, int *rc)
{
  sqlite3 *db = ref_archive_index_get_db (self);
  GHashTable *snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt = NULL;
  gint64 low = G_MAXINT64, high = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      g_hash_table_add (wanted, id);
      low = MIN (low, *id);
      high = MAX (high, *id);
    }
  *rc = SQLITE_OK;
  if (ids->len == 0)
    return snippets;
  if (one_pass)
    {
      *rc = sqlite3_prepare_v2 (db,
                                "SELECT rowid, CASE WHEN referent_wanted(?2, rowid)"
                                " THEN snippet(items_fts, -1, char(2), char(3), '…', 24) END"
                                " FROM items_fts WHERE items_fts MATCH ?1 AND rowid BETWEEN ?3 AND ?4",
                                -1, &stmt, NULL);
      if (*rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
          sqlite3_bind_pointer (stmt, 2, wanted, "referent_wanted", NULL);
          sqlite3_bind_int64 (stmt, 3, low);
          sqlite3_bind_int64 (stmt, 4, high);
        }
      while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          *rc = SQLITE_OK;
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            g_hash_table_insert (snippets, g_memdup2 (&id, sizeof id),
                                 g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      if (*rc == SQLITE_DONE)
        *rc = SQLITE_OK;
      sqlite3_finalize (stmt);
      return snippets;
    }
  *rc = sqlite3_prepare_v2 (db,
                            "SELECT snippet(items_fts, -1, char(2), char(3), '…', 24) FROM items_fts"
                            " WHERE items_fts MATCH ?1 AND rowid = ?2",
                            -1, &stmt, NULL);
  for (guint i = 0; *rc == SQLITE_OK && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      *rc = sqlite3_step (stmt);
      if (*rc == SQLITE_ROW)
        g_hash_table_insert (snippets, g_memdup2 (&id, sizeof id), g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      *rc = *rc == SQLITE_ROW || *rc == SQLITE_DONE ? SQLITE_OK : *rc;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return snippets;
}

/* Words: first the best items by BM25 among those the filters let through (the rank
 * function keeps what scoring needs of each match, from memory, and the best are
 * picked in C; how rare each word is gets counted only where the matches leave it
 * open), then what each of them shows, with its snippet: snippets cost, so only for
 * the items shown. */
static gboolean
rank_matches (RefArchiveIndex *self, const RefArchiveQuery *query, const Filters *filters, const char *match,
              GPtrArray *phrases, GPtrArray *hits, GCancellable *cancellable, GError **error)
{
  sqlite3 *db = ref_archive_index_get_db (self);
  RefArchiveRows *rows = ref_archive_index_get_rows (self, error);
  g_autoptr (RefArchiveRanking) ranking = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GHashTable) snippets = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_autofree int *parts = g_new (int, MAX (1, phrases->len));
  g_autofree char *split_match = NULL;

  if (rows == NULL)
    return FALSE;
  split_match = build_split_match (phrases, parts);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_clear_pointer (&ranking, ref_archive_ranking_free);
      ranking = ref_archive_ranking_new (rows, filters->committee_key, filters->from, filters->to, filters->case_key,
                                         filters->case_prefix, filters->kind, filters->outcome, filters->closed);
      ref_archive_ranking_set_phrases (ranking, (int) phrases->len, phrases->len == 1);
      for (guint i = 0; split_match != NULL && i < phrases->len; i++)
        if (parts[i] > 1)
          ref_archive_ranking_split_phrase (ranking, (int) i, parts[i]);
      rc = sqlite3_prepare_v2 (db,
                               "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1 AND referent_rank(items_fts, ?2)",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, split_match != NULL ? split_match : match, -1, SQLITE_STATIC);
          sqlite3_bind_pointer (stmt, 2, ranking, "referent_ranking", NULL);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (rc != SQLITE_DONE)
        return search_failed (self, rc == SQLITE_ROW ? SQLITE_INTERNAL : rc, cancellable, error);
      if (!ref_archive_ranking_phrases_differ (ranking))
        break;
      /* FTS5 made other phrases of the words than expected: as FTS5 reads the query. */
      g_debug ("“%s”: ranked with the phrases as FTS5 matches them", match);
      g_clear_pointer (&split_match, g_free);
    }

  rc = SQLITE_OK;
  for (guint i = 0; rc == SQLITE_OK && i < phrases->len; i++)
    {
      gint64 enough = 0, count = 0;

      if (ref_archive_ranking_needs_doc_count (ranking, (int) i, &enough))
        {
          rc = term_doc_count (db, g_ptr_array_index (phrases, i), enough, &count);
          ref_archive_ranking_set_doc_count (ranking, (int) i, count);
        }
    }
  if (rc != SQLITE_OK)
    return search_failed (self, rc, cancellable, error);
  ref_archive_ranking_take_best (ranking, query->offset, query->limit ? query->limit : 50, ids, scores);

  rc = SQLITE_OK;
  snippets = snippets_for (self, match, has_prefix_term (phrases), ids, &rc);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT " HIT_COLUMNS ", NULL FROM items i JOIN files f ON f.id = i.file_id"
                             " WHERE i.id = ?1",
                             -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          RefArchiveHit *hit = read_hit (self, stmt, TRUE);

          g_clear_pointer (&hit->snippet, g_free);
          g_array_set_size (hit->highlights, 0);
          set_snippet (hit, g_hash_table_lookup (snippets, &id));
          hit->score = g_array_index (scores, double, i);
          g_ptr_array_add (hits, hit);
        }
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc; /* DONE: gone meanwhile */
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return search_failed (self, rc, cancellable, error);
  return TRUE;
}

GPtrArray *
ref_archive_index_search (RefArchiveIndex *self, const RefArchiveQuery *query, GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (GPtrArray) phrases = NULL;
  g_autofree char *match = query->text ? build_match (query->text, &phrases) : NULL;
  g_autoptr (GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (Filters) filters = { 0 };
  sqlite3 *db = ref_archive_index_get_db (self);
  gboolean ok;

  if (!resolve_filters (self, query, &filters, error))
    return NULL;
  if (match == NULL && !filters.any)
    {
      g_set_error (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_QUERY,
                   query->text != NULL && *query->text
                       ? _("Nothing to search for: the search needs a word that is not excluded")
                       : _("Nothing to search for: give words to find or a filter"));
      return NULL;
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, check_cancelled, cancellable);
  ok = match != NULL ? rank_matches (self, query, &filters, match, phrases, hits, cancellable, error)
                     : list_filtered (self, query, &filters, hits, error);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  return ok ? g_steal_pointer (&hits) : NULL;
}
