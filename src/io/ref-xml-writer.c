/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ref-core-resources.h"
#include "ref-file-lock.h"
#include "ref-file-util.h"
#include "ref-xml.h"
#include "ref-xml-private.h"

/* The writer produces canonical output by construction: fixed element order, fixed
 * attribute order, two-space indentation between elements and none inside inline
 * content (where whitespace is significant). Participants get ids p1, p2, … by
 * position, so saving the same model twice gives the same bytes. */

typedef struct {
  GString *out;
  GHashTable *ids; /* RefParticipant → "pN" */
  gboolean content_only; /* the approved content: no lock, comments or approvals */
  GArray *parts;         /* (nullable) RefXmlPart: where each part was written */
} Writer;

static void
part_begin (Writer *w, RefXmlPartKind kind, guint number)
{
  RefXmlPart part = { kind, number, w->out->len, 0 };

  if (w->parts != NULL)
    g_array_append_val (w->parts, part);
}

static void
part_end (Writer *w)
{
  if (w->parts != NULL && w->parts->len > 0)
    g_array_index (w->parts, RefXmlPart, w->parts->len - 1).end = w->out->len;
}

/* Speed matters here: the window's autosave serialises the whole meeting on the
 * main thread. The writer appends a great many short pieces, and GLib 2.74's
 * g_string_append_len is a call with checks for overlapping input each time, so
 * put() copies straight into the GString while it has room; tags are put together
 * without printf, and text is escaped in runs (skip_plain) rather than byte by byte.
 * A 500-item meeting (6.7 MB) went from 286 M instructions to 47 M (callgrind,
 * tests/bench/bench-write.c). */
static inline void
put (GString *out, const char *text, gsize len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, (gssize) len);
}

static inline void
put_str (GString *out, const char *text)
{
  put (out, text, strlen (text));
}

static inline void
put_c (GString *out, char c)
{
  if (G_LIKELY (out->len + 1 < out->allocated_len))
    {
      out->str[out->len++] = c;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_c (out, c);
}

/* Where escaped text goes: element content, an attribute value, or the text of a
 * run, where a line end is a line break. */
typedef enum {
  ESCAPE_CONTENT,
  ESCAPE_ATTRIBUTE,
  ESCAPE_RUN,
  N_ESCAPE_MODES
} EscapeMode;

/* What a byte becomes: NULL when it stays as it is. XML 1.0 cannot carry most C0
 * control characters; they can only come from pasted or imported text and carry no
 * meaning in minutes, so they are dropped (""). */
static const char *
escape_for (guchar c, EscapeMode mode)
{
  switch (c)
    {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return mode == ESCAPE_ATTRIBUTE ? "&quot;" : NULL;
    case '\r':
      return "&#13;";
    case '\t':
      return mode == ESCAPE_ATTRIBUTE ? "&#9;" : NULL;
    case '\n':
      return mode == ESCAPE_ATTRIBUTE ? "&#10;" : mode == ESCAPE_RUN ? "<br/>" : NULL;
    default:
      return c < 0x20 ? "" : NULL;
    }
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether one of the eight bytes of @x may need escaping: a control character, or
 * one of & " < >. The classic "has a zero byte" test on @x with the bytes sought
 * turned into zeros; '<' and '>' differ in one bit, as do '"' and '&', so two tests
 * find the four. False positives are fine (the bytes are then looked at one by one);
 * bytes of multi-byte UTF-8 have their high bit set and never match. */
static inline gboolean
may_need_escaping (guint64 x)
{
  guint64 angle = (x | (ONES * 0x02)) ^ (ONES * 0x3e);
  guint64 amp = (x | (ONES * 0x04)) ^ (ONES * 0x26);

  return ((((x - ONES * 0x20) & ~x) | ((angle - ONES) & ~angle) | ((amp - ONES) & ~amp)) & HIGHS) != 0;
}

/* The first byte from @p on that may need escaping (a control character or one of
 * & " < >), or one a little before it; @end when there is none. Sixteen bytes at a
 * time with SSE2 (every x86-64 has it), else eight. */
static inline const char *
skip_plain (const char *p, const char *end)
{
  guint64 word;

#ifdef __SSE2__
  const __m128i controls = _mm_set1_epi8 (0x1f), amp = _mm_set1_epi8 ('&'), quot = _mm_set1_epi8 ('"');
  const __m128i lt = _mm_set1_epi8 ('<'), gt = _mm_set1_epi8 ('>');

  while (p + 16 <= end)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (const void *) p);
      /* Unsigned x <= 0x1f: max (x, 0x1f) == 0x1f. */
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (_mm_max_epu8 (x, controls), controls),
                                                _mm_cmpeq_epi8 (x, amp)),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (x, quot),
                                                _mm_or_si128 (_mm_cmpeq_epi8 (x, lt), _mm_cmpeq_epi8 (x, gt))));
      int mask = _mm_movemask_epi8 (hit);

      if (mask != 0)
        return p + g_bit_nth_lsf ((gulong) mask, -1);
      p += 16;
    }
#endif
  while (p + 8 <= end && (memcpy (&word, p, 8), !may_need_escaping (word)))
    p += 8;
  return p;
}

/* Bytes [@text, @text + @len), escaped: runs of bytes that need nothing (nearly all
 * text) are found many bytes at a time and copied at once. */
static void
append_escaped_len (GString *out, const char *text, gsize len, EscapeMode mode)
{
  /* Whether a byte needs escaping, dropping or a line break, by mode. */
  static guint8 special[N_ESCAPE_MODES][256];
  static gsize ready;
  const char *run = text, *end = text + len;

  if (g_once_init_enter (&ready))
    {
      for (guint c = 0; c < 256; c++)
        for (EscapeMode m = 0; m < N_ESCAPE_MODES; m++)
          special[m][c] = escape_for ((guchar) c, m) != NULL;
      g_once_init_leave (&ready, 1);
    }
  for (const char *p = text; (p = skip_plain (p, end)) < end; p++)
    {
      if (G_LIKELY (!special[mode][(guchar) *p]))
        continue;
      put (out, run, p - run);
      put_str (out, escape_for ((guchar) *p, mode));
      run = p + 1;
    }
  put (out, run, end - run);
}

static void
append_escaped (GString *out, const char *text, gboolean attribute)
{
  if (text != NULL)
    append_escaped_len (out, text, strlen (text), attribute ? ESCAPE_ATTRIBUTE : ESCAPE_CONTENT);
}

static void
indent (Writer *w, guint depth)
{
  static const char spaces[] = "                                        ";

  while (depth > 0)
    {
      guint n = MIN (depth, (sizeof spaces - 1) / 2);

      put (w->out, spaces, 2 * n);
      depth -= n;
    }
}

/* <name attr="v" …> with attributes as NULL-terminated name/value pairs; NULL values
 * are skipped. */
static void
open_tag_v (Writer *w, guint depth, const char *name, gboolean empty, va_list args)
{
  const char *attr;

  indent (w, depth);
  put_c (w->out, '<');
  put_str (w->out, name);
  while ((attr = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      if (value == NULL)
        continue;
      put_c (w->out, ' ');
      put_str (w->out, attr);
      put (w->out, "=\"", 2);
      append_escaped (w->out, value, TRUE);
      put_c (w->out, '"');
    }
  if (empty)
    put (w->out, "/>\n", 3);
  else
    put (w->out, ">\n", 2);
}

G_GNUC_NULL_TERMINATED
static void
open_tag (Writer *w, guint depth, const char *name, ...)
{
  va_list args;

  va_start (args, name);
  open_tag_v (w, depth, name, FALSE, args);
  va_end (args);
}

G_GNUC_NULL_TERMINATED
static void
empty_tag (Writer *w, guint depth, const char *name, ...)
{
  va_list args;

  va_start (args, name);
  open_tag_v (w, depth, name, TRUE, args);
  va_end (args);
}

static void
close_tag (Writer *w, guint depth, const char *name)
{
  indent (w, depth);
  put (w->out, "</", 2);
  put_str (w->out, name);
  put (w->out, ">\n", 2);
}

/* <name>text</name>, omitted when @text is empty. */
static void
string_element (Writer *w, guint depth, const char *name, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  indent (w, depth);
  put_c (w->out, '<');
  put_str (w->out, name);
  put_c (w->out, '>');
  append_escaped (w->out, text, FALSE);
  put (w->out, "</", 2);
  put_str (w->out, name);
  put (w->out, ">\n", 2);
}

static const char *
bool_str (gboolean value)
{
  return value ? "true" : "false";
}

static char *
format_date_time (GDateTime *dt, gboolean date_only)
{
  if (dt == NULL)
    return NULL;
  /* Not g_date_time_format's %Y, which does not pad years before 1000 to the four
   * digits the reader (and the schema) require. */
  if (date_only)
    return g_strdup_printf ("%04d-%02d-%02d", g_date_time_get_year (dt), g_date_time_get_month (dt),
                            g_date_time_get_day_of_month (dt));
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt), g_date_time_get_minute (dt));
}

static char *
format_time (int minutes)
{
  return minutes < 0 ? NULL : g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

static const char *
nick (GType type, int value)
{
  return ref_enum_to_nick (type, value);
}

/* ---- structured text ---- */

static void
write_runs (Writer *w, const RefTextInline *inl)
{
  for (guint i = 0; i < inl->len; i++)
    {
      const RefTextRun *run = g_ptr_array_index (inl, i);

      if (run->href)
        {
          g_string_append (w->out, "<a href=\"");
          append_escaped (w->out, run->href, TRUE);
          g_string_append (w->out, "\">");
        }
      if (run->style & REF_STYLE_BOLD)
        g_string_append (w->out, "<b>");
      if (run->style & REF_STYLE_ITALIC)
        g_string_append (w->out, "<i>");
      if (run->style & REF_STYLE_UNDERLINE)
        g_string_append (w->out, "<u>");
      /* A line end in a run is a line break (<br/>). */
      if (run->text != NULL)
        append_escaped_len (w->out, run->text, strlen (run->text), ESCAPE_RUN);
      if (run->style & REF_STYLE_UNDERLINE)
        g_string_append (w->out, "</u>");
      if (run->style & REF_STYLE_ITALIC)
        g_string_append (w->out, "</i>");
      if (run->style & REF_STYLE_BOLD)
        g_string_append (w->out, "</b>");
      if (run->href)
        g_string_append (w->out, "</a>");
    }
}

static void
inline_element (Writer *w, guint depth, const char *open, const char *name, const RefTextInline *inl)
{
  indent (w, depth);
  put_str (w->out, open);
  write_runs (w, inl);
  put (w->out, "</", 2);
  put_str (w->out, name);
  put (w->out, ">\n", 2);
}

/* A list without entries, a table without cells: the schema has no place for them
 * (the reader leaves them out of older files), so the writer leaves them out too
 * rather than write a file that does not validate. Nothing in Referent makes one now;
 * this is the last guard. */
static gboolean
block_is_empty (RefTextBlock *block)
{
  switch (ref_text_block_get_kind (block))
    {
    case REF_BLOCK_BULLET_LIST:
    case REF_BLOCK_NUMBERED_LIST:
      return ref_text_block_get_n_items (block) == 0;
    case REF_BLOCK_TABLE:
      for (guint r = 0; r < ref_text_block_get_n_rows (block); r++)
        if (ref_text_row_get_n_cells (ref_text_block_get_row (block, r)) > 0)
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
write_text (Writer *w, guint depth, const RefText *text)
{
  guint n = ref_text_get_n_blocks (text);
  guint first = 0;

  /* Nearly always the first block: what is written starts there. */
  while (first < n && block_is_empty (ref_text_get_block (text, first)))
    first++;
  if (first == n)
    {
      indent (w, depth);
      g_string_append (w->out, "<text/>\n");
      return;
    }
  open_tag (w, depth, "text", NULL);
  for (guint b = first; b < n; b++)
    {
      RefTextBlock *block = ref_text_get_block (text, b);

      if (block_is_empty (block))
        continue;
      switch (ref_text_block_get_kind (block))
        {
        case REF_BLOCK_PARAGRAPH:
          for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
            inline_element (w, depth + 1, "<p>", "p", ref_text_block_get_item (block, i));
          break;
        case REF_BLOCK_BULLET_LIST:
        case REF_BLOCK_NUMBERED_LIST:
          {
            gboolean numbered = ref_text_block_get_kind (block) == REF_BLOCK_NUMBERED_LIST;
            g_autofree char *start = NULL;

            if (numbered && ref_text_block_get_start (block) != 1)
              start = g_strdup_printf ("%u", ref_text_block_get_start (block));
            open_tag (w, depth + 1, numbered ? "ol" : "ul", "start", start, NULL);
            for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
              inline_element (w, depth + 2, "<li>", "li", ref_text_block_get_item (block, i));
            close_tag (w, depth + 1, numbered ? "ol" : "ul");
          }
          break;
        case REF_BLOCK_TABLE:
          open_tag (w, depth + 1, "table", NULL);
          for (guint r = 0; r < ref_text_block_get_n_rows (block); r++)
            {
              RefTextRow *row = ref_text_block_get_row (block, r);

              if (ref_text_row_get_n_cells (row) == 0)
                continue;
              open_tag (w, depth + 2, "row", "header", ref_text_row_get_header (row) ? "true" : NULL, NULL);
              for (guint c = 0; c < ref_text_row_get_n_cells (row); c++)
                inline_element (w, depth + 3, "<cell>", "cell", ref_text_row_get_cell (row, c));
              close_tag (w, depth + 2, "row");
            }
          close_tag (w, depth + 1, "table");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  close_tag (w, depth, "text");
}

static void
write_optional_text (Writer *w, guint depth, const RefText *text)
{
  if (text != NULL && ref_text_get_n_blocks (text) > 0)
    write_text (w, depth, text);
}

static const char *
participant_id (Writer *w, RefParticipant *participant)
{
  return participant ? g_hash_table_lookup (w->ids, participant) : NULL;
}

/* ---- meeting parts ---- */

static void
write_meeting_header (Writer *w, RefMeeting *m)
{
  g_autofree char *start = format_date_time (ref_meeting_get_start (m), FALSE);
  g_autofree char *end = format_date_time (ref_meeting_get_end (m), FALSE);

  open_tag (w, 1, "meeting", "kind", nick (REF_TYPE_MEETING_KIND, ref_meeting_get_kind (m)), "edition",
            nick (REF_TYPE_EDITION, ref_meeting_get_edition (m)), "locked",
            ref_meeting_get_locked (m) && !w->content_only ? "true" : NULL, "language",
            *ref_meeting_get_language (m) ? ref_meeting_get_language (m) : NULL,
            NULL);
  string_element (w, 2, "organisation", ref_meeting_get_organisation (m));
  indent (w, 2);
  g_string_append (w->out, "<committee>");
  append_escaped (w->out, ref_meeting_get_committee (m), FALSE);
  g_string_append (w->out, "</committee>\n");
  /* A meeting always has a start; a new, undated one is written as today's date
   * would be wrong, so the model is expected to carry one. Fall back to the epoch
   * of the format rather than writing an invalid file. */
  string_element (w, 2, "start", start ? start : "1970-01-01T00:00");
  string_element (w, 2, "end", end);
  string_element (w, 2, "location", ref_meeting_get_location (m));
  if (ref_meeting_get_remarks (m) && ref_text_get_n_blocks (ref_meeting_get_remarks (m)) > 0)
    {
      open_tag (w, 2, "remarks", NULL);
      write_text (w, 3, ref_meeting_get_remarks (m));
      close_tag (w, 2, "remarks");
    }
  close_tag (w, 1, "meeting");
}

static void
write_participant (Writer *w, RefParticipant *p)
{
  GArray *attended = ref_participant_get_attended_items (p);
  GListModel *movements = ref_participant_get_movements (p);
  RefAttendance attendance = ref_participant_get_attendance (p);

  open_tag (w, 2, "participant", "id", participant_id (w, p), "type",
            nick (REF_TYPE_PARTICIPANT_TYPE, ref_participant_get_participant_type (p)), "attendance",
            nick (REF_TYPE_ATTENDANCE, attendance), "notice",
            (attendance == REF_ATTENDANCE_ABSENT && ref_participant_get_notice (p) != REF_NOTICE_WITH)
                ? nick (REF_TYPE_NOTICE, ref_participant_get_notice (p))
                : NULL,
            NULL);
  indent (w, 3);
  g_string_append (w->out, "<name>");
  append_escaped (w->out, ref_participant_get_name (p), FALSE);
  g_string_append (w->out, "</name>\n");
  string_element (w, 3, "party", ref_participant_get_party (p));
  string_element (w, 3, "role", ref_participant_get_role (p));
  if (participant_id (w, ref_participant_get_substitute_for (p)) != NULL)
    empty_tag (w, 3, "substitute-for", "ref", participant_id (w, ref_participant_get_substitute_for (p)),
               "approved", ref_participant_get_substitute_approved (p) ? "true" : NULL, NULL);
  if (attended != NULL && attended->len > 0)
    {
      g_autoptr (GString) numbers = g_string_new (NULL);
      for (guint i = 0; i < attended->len; i++)
        g_string_append_printf (numbers, "%s%u", i ? " " : "", g_array_index (attended, guint, i));
      string_element (w, 3, "attended-items", numbers->str);
    }
  for (guint i = 0; i < g_list_model_get_n_items (movements); i++)
    {
      g_autoptr (RefMovement) m = g_list_model_get_item (movements, i);
      g_autofree char *item = ref_movement_get_item (m) ? g_strdup_printf ("%u", ref_movement_get_item (m)) : NULL;
      g_autofree char *time = format_time (ref_movement_get_time (m));

      empty_tag (w, 3, "movement", "kind", nick (REF_TYPE_MOVEMENT_KIND, ref_movement_get_kind (m)), "item", item,
                 "during", ref_movement_get_during (m) ? "true" : NULL, "time", time, NULL);
    }
  string_element (w, 3, "note", ref_participant_get_note (p));
  {
    g_autofree char *fingerprint = ref_participant_normalize_fingerprint (ref_participant_get_certificate (p));
    if (fingerprint != NULL && *fingerprint)
      empty_tag (w, 3, "certificate", "sha256", fingerprint, NULL);
  }
  close_tag (w, 2, "participant");
}

static void
write_decision (Writer *w, guint depth, RefDecision *d)
{
  g_autofree char *date = format_date_time (ref_decision_get_date (d), TRUE);
  RefVote *vote = ref_decision_get_vote (d);
  GListModel *statements = ref_decision_get_statements (d);

  open_tag (w, depth, "decision", "body", *ref_decision_get_deciding_body (d) ? ref_decision_get_deciding_body (d) : NULL,
            "date", date, "reference", *ref_decision_get_reference (d) ? ref_decision_get_reference (d) : NULL,
            "outcome",
            ref_decision_get_outcome (d) != REF_DECISION_OUTCOME_NONE
                ? nick (REF_TYPE_DECISION_OUTCOME, ref_decision_get_outcome (d))
                : NULL,
            NULL);
  write_optional_text (w, depth + 1, ref_decision_get_text (d));
  if (vote != NULL)
    {
      g_autofree char *n_for = NULL, *n_against = NULL, *n_abstain = NULL;

      if (ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR) >= 0)
        n_for = g_strdup_printf ("%d", ref_vote_get_count (vote, REF_VOTE_CHOICE_FOR));
      if (ref_vote_get_count (vote, REF_VOTE_CHOICE_AGAINST) >= 0)
        n_against = g_strdup_printf ("%d", ref_vote_get_count (vote, REF_VOTE_CHOICE_AGAINST));
      if (ref_vote_get_count (vote, REF_VOTE_CHOICE_ABSTAIN) >= 0)
        n_abstain = g_strdup_printf ("%d", ref_vote_get_count (vote, REF_VOTE_CHOICE_ABSTAIN));
      open_tag (w, depth + 1, "vote", "for", n_for, "against", n_against, "abstain", n_abstain, NULL);
      for (guint i = 0; i < ref_vote_get_n_voters (vote); i++)
        {
          RefVoteChoice choice;
          const char *name = ref_vote_get_voter (vote, i, &choice);

          indent (w, depth + 2);
          g_string_append_printf (w->out, "<voter choice=\"%s\">", nick (REF_TYPE_VOTE_CHOICE, choice));
          append_escaped (w->out, name, FALSE);
          g_string_append (w->out, "</voter>\n");
        }
      string_element (w, depth + 2, "outcome", ref_vote_get_outcome (vote));
      close_tag (w, depth + 1, "vote");
    }
  for (guint i = 0; i < g_list_model_get_n_items (statements); i++)
    {
      g_autoptr (RefStatement) st = g_list_model_get_item (statements, i);
      const char *by = ref_statement_get_by (st);

      open_tag (w, depth + 1, "statement", "kind", nick (REF_TYPE_STATEMENT_KIND, ref_statement_get_kind (st)),
                "ref", participant_id (w, ref_statement_get_participant (st)), "by", *by ? by : NULL, NULL);
      write_text (w, depth + 2, ref_statement_get_text (st));
      close_tag (w, depth + 1, "statement");
    }
  string_element (w, depth + 1, "remark", ref_decision_get_remark (d));
  close_tag (w, depth, "decision");
}

static void
write_decisions (Writer *w, const char *container, GListModel *decisions)
{
  guint n = g_list_model_get_n_items (decisions);

  if (n == 0)
    return;
  open_tag (w, 3, container, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefDecision) d = g_list_model_get_item (decisions, i);
      write_decision (w, 4, d);
    }
  close_tag (w, 3, container);
}

/* Reviewer comments: kept in the file for the next reader, never printed. A comment
 * on a section or a decision refers to it by its 1-based position within the item;
 * one on the recommendation says so. */
static void
write_comments (Writer *w, RefAgendaItem *item)
{
  GListModel *comments = ref_agenda_item_get_comments (item);
  GListModel *sections = ref_agenda_item_get_sections (item);
  GListModel *decisions = ref_agenda_item_get_decisions (item);
  guint n = g_list_model_get_n_items (comments);

  if (n == 0 || w->content_only)
    return;
  open_tag (w, 3, "comments", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefComment) c = g_list_model_get_item (comments, i);
      GDateTime *time = ref_comment_get_time (c);
      g_autofree char *when = time ? format_date_time (time, FALSE) : NULL;
      g_autofree char *section = NULL;
      g_autofree char *decision = NULL;
      RefSection *target = ref_comment_get_section (c);
      RefDecision *decided = ref_comment_get_decision (c);
      gboolean recommendation = ref_comment_get_recommendation (c) && ref_agenda_item_get_recommendation (item) != NULL;
      guint position;

      if (target != NULL && g_list_store_find (G_LIST_STORE (sections), target, &position))
        section = g_strdup_printf ("%u", position + 1);
      else if (decided != NULL && g_list_store_find (G_LIST_STORE (decisions), decided, &position))
        decision = g_strdup_printf ("%u", position + 1);
      indent (w, 4);
      g_string_append (w->out, "<comment author=\"");
      append_escaped (w->out, ref_comment_get_author (c), TRUE);
      g_string_append_c (w->out, '"');
      if (when != NULL)
        g_string_append_printf (w->out, " time=\"%s\"", when);
      if (section != NULL)
        g_string_append_printf (w->out, " section=\"%s\"", section);
      else if (decision != NULL)
        g_string_append_printf (w->out, " decision=\"%s\"", decision);
      else if (recommendation)
        g_string_append (w->out, " recommendation=\"true\"");
      if (ref_comment_get_resolved (c))
        g_string_append (w->out, " resolved=\"true\"");
      g_string_append_c (w->out, '>');
      append_escaped (w->out, ref_comment_get_text (c), FALSE);
      g_string_append (w->out, "</comment>\n");
    }
  close_tag (w, 3, "comments");
}

static void
write_item (Writer *w, RefAgendaItem *item)
{
  g_autofree char *number = g_strdup_printf ("%u", ref_agenda_item_get_number (item));
  const char *const *route = ref_agenda_item_get_case_route (item);
  GListModel *list;
  RefRecommendation *rec = ref_agenda_item_get_recommendation (item);
  guint n;

  open_tag (w, 2, "item", "number", number, "closed", bool_str (ref_agenda_item_get_closed (item)), "kind",
            nick (REF_TYPE_ITEM_KIND, ref_agenda_item_get_kind (item)), "supplementary",
            ref_agenda_item_get_supplementary (item) ? "true" : NULL, "case-type",
            ref_agenda_item_get_case_type (item) != REF_CASE_TYPE_NONE
                ? nick (REF_TYPE_CASE_TYPE, ref_agenda_item_get_case_type (item))
                : NULL,
            NULL);
  indent (w, 3);
  g_string_append (w->out, "<title>");
  append_escaped (w->out, ref_agenda_item_get_title (item), FALSE);
  g_string_append (w->out, "</title>\n");
  string_element (w, 3, "public-title", ref_agenda_item_get_public_title (item));
  string_element (w, 3, "case-number", ref_agenda_item_get_case_number (item));
  string_element (w, 3, "case-type-label", ref_agenda_item_get_case_type_label (item));
  if (route != NULL && route[0] != NULL)
    {
      open_tag (w, 3, "case-route", NULL);
      for (guint i = 0; route[i] != NULL; i++)
        string_element (w, 4, "body", route[i]);
      close_tag (w, 3, "case-route");
    }
  string_element (w, 3, "decided-by", ref_agenda_item_get_decided_by (item));

  list = ref_agenda_item_get_sections (item);
  if ((n = g_list_model_get_n_items (list)) > 0)
    {
      open_tag (w, 3, "sections", NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (RefSection) s = g_list_model_get_item (list, i);
          g_autofree char *level = ref_section_get_level (s) != 1 ? g_strdup_printf ("%u", ref_section_get_level (s)) : NULL;
          const char *heading = ref_section_get_heading (s);

          open_tag (w, 4, "section", "kind", nick (REF_TYPE_SECTION_KIND, ref_section_get_kind (s)), "heading",
                    (*heading || ref_section_get_kind (s) == REF_SECTION_KIND_FREE) ? heading : NULL, "level", level,
                    NULL);
          write_text (w, 5, ref_section_get_text (s));
          close_tag (w, 4, "section");
        }
      close_tag (w, 3, "sections");
    }
  write_decisions (w, "prior-decisions", ref_agenda_item_get_prior_decisions (item));
  if (rec != NULL)
    {
      const char *by = ref_recommendation_get_by (rec);
      open_tag (w, 3, "recommendation", "by", *by ? by : NULL, NULL);
      string_element (w, 4, "intro", ref_recommendation_get_intro (rec));
      write_text (w, 4, ref_recommendation_get_text (rec));
      close_tag (w, 3, "recommendation");
    }
  write_decisions (w, "decisions", ref_agenda_item_get_decisions (item));

  list = ref_agenda_item_get_disqualifications (item);
  if ((n = g_list_model_get_n_items (list)) > 0)
    {
      open_tag (w, 3, "disqualifications", NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (RefDisqualification) d = g_list_model_get_item (list, i);
          const char *reason = ref_disqualification_get_reason (d);
          const char *id = participant_id (w, ref_disqualification_get_participant (d));

          if (id == NULL)
            continue; /* the participant was removed: nothing to refer to */
          if (*reason)
            {
              open_tag (w, 4, "disqualified", "ref", id, "left", ref_disqualification_get_left (d) ? NULL : "false", NULL);
              string_element (w, 5, "reason", reason);
              close_tag (w, 4, "disqualified");
            }
          else
            empty_tag (w, 4, "disqualified", "ref", id, "left", ref_disqualification_get_left (d) ? NULL : "false",
                       NULL);
        }
      close_tag (w, 3, "disqualifications");
    }
  if (ref_agenda_item_get_absence_overridden (item))
    {
      list = ref_agenda_item_get_absence_override (item);
      n = g_list_model_get_n_items (list);
      if (n == 0)
        empty_tag (w, 3, "absence", "override", "true", NULL);
      else
        {
          open_tag (w, 3, "absence", "override", "true", NULL);
          for (guint i = 0; i < n; i++)
            {
              g_autoptr (RefParticipant) p = g_list_model_get_item (list, i);
              if (participant_id (w, p))
                empty_tag (w, 4, "absent", "ref", participant_id (w, p), NULL);
            }
          close_tag (w, 3, "absence");
        }
    }
  list = ref_agenda_item_get_attachments (item);
  if ((n = g_list_model_get_n_items (list)) > 0)
    {
      open_tag (w, 3, "attachments", NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (RefAttachment) a = g_list_model_get_item (list, i);
          const char *file = ref_attachment_get_filename (a);

          indent (w, 4);
          g_string_append (w->out, "<attachment");
          if (ref_attachment_get_recommended (a))
            g_string_append (w->out, " recommended=\"true\"");
          if (*file)
            {
              g_string_append (w->out, " file=\"");
              append_escaped (w->out, file, TRUE);
              g_string_append_c (w->out, '"');
            }
          g_string_append_c (w->out, '>');
          append_escaped (w->out, ref_attachment_get_title (a), FALSE);
          g_string_append (w->out, "</attachment>\n");
        }
      close_tag (w, 3, "attachments");
    }
  write_comments (w, item);
  close_tag (w, 2, "item");
}

static void
write_approvals (Writer *w, GListModel *approvals)
{
  guint n = g_list_model_get_n_items (approvals);

  if (n == 0 || w->content_only)
    return;
  open_tag (w, 1, "approvals", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefApproval) a = g_list_model_get_item (approvals, i);
      g_autofree char *time = format_date_time (ref_approval_get_time (a), FALSE);
      const char *signature = ref_approval_get_signature (a);

      open_tag (w, 2, "approval", "ref", participant_id (w, ref_approval_get_participant (a)), "time", time, "void",
                ref_approval_get_voided (a) ? "true" : NULL, NULL);
      indent (w, 3);
      g_string_append (w->out, "<signer>");
      append_escaped (w->out, ref_approval_get_signer (a), FALSE);
      g_string_append (w->out, "</signer>\n");
      if (*signature)
        {
          /* Stored verbatim: it is XML that was parsed or produced by the signer. */
          indent (w, 3);
          g_string_append (w->out, signature);
          g_string_append_c (w->out, '\n');
        }
      close_tag (w, 2, "approval");
    }
  close_tag (w, 1, "approvals");
}

static void
write_participant_cb (Writer *w, gpointer participant)
{
  write_participant (w, participant);
}

static void
write_item_cb (Writer *w, gpointer item)
{
  part_begin (w, REF_XML_PART_ITEM, ref_agenda_item_get_number (item));
  write_item (w, item);
  part_end (w);
}

/* A container the format always has (empty when the list is). */
static void
write_required_list (Writer *w, const char *name, GListModel *list, void (*write_one) (Writer *, gpointer))
{
  guint n = g_list_model_get_n_items (list);

  if (n == 0)
    {
      empty_tag (w, 1, name, NULL);
      return;
    }
  open_tag (w, 1, name, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (list, i);
      write_one (w, object);
    }
  close_tag (w, 1, name);
}

static void
writer_init (Writer *w, RefMeeting *meeting, gboolean content_only, GArray *parts)
{
  GListModel *list = ref_meeting_get_participants (meeting);
  guint n = g_list_model_get_n_items (list);

  *w = (Writer){ .content_only = content_only, .parts = parts };
  w->ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (list, i);
      g_hash_table_insert (w->ids, p, ref_xml_participant_id (i));
    }
}

/* Everything before the first item: the declaration, the header, the participants and
 * the opening of the items (or all of them, when there are none). */
static void
write_head (Writer *w, RefMeeting *meeting)
{
  g_string_append (w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (w->out, "<referat xmlns=\"%s\" version=\"%s\">\n", REF_XML_NAMESPACE, REF_XML_VERSION);
  part_begin (w, REF_XML_PART_HEADER, 0);
  write_meeting_header (w, meeting);
  part_end (w);

  part_begin (w, REF_XML_PART_PARTICIPANTS, 0);
  write_required_list (w, "participants", ref_meeting_get_participants (meeting), write_participant_cb);
  part_end (w);
}

/* Everything after the last item. */
static void
write_tail (Writer *w, RefMeeting *meeting)
{
  write_approvals (w, ref_meeting_get_approvals (meeting));
  g_string_append (w->out, "</referat>\n");
}

static GBytes *
write_bytes (RefMeeting *meeting, gboolean content_only, GArray *parts)
{
  Writer w;

  writer_init (&w, meeting, content_only, parts);
  w.out = g_string_new (NULL);
  write_head (&w, meeting);
  write_required_list (&w, "items", ref_meeting_get_items (meeting), write_item_cb);
  write_tail (&w, meeting);
  g_hash_table_unref (w.ids);
  return g_string_free_to_bytes (w.out);
}

/* ---- the autosave's cache ---- */

/* An item's element depends on nothing but the item's own subtree and the
 * participants' ids (p1, p2, … by position), so a fragment written at one revision of
 * the item (ref_history_get_item_revision) stays right while that revision and the
 * list of participants stay the same. Anything else that changes bumps the history's
 * revision (ref_history_get_revision), and then every fragment is written anew. */
typedef struct {
  guint64 revision;
  GBytes *fragment;
} CachedItem;

struct _RefXmlWriteCache {
  RefMeeting *meeting; /* not a reference: only compared */
  guint64 revision;
  GPtrArray *participants; /* not references: only compared */
  GHashTable *items;       /* RefAgendaItem (not a reference) → CachedItem */
  guint n_written;
};

static void
cached_item_free (gpointer data)
{
  CachedItem *cached = data;

  g_bytes_unref (cached->fragment);
  g_free (cached);
}

static GHashTable *
cached_items_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, cached_item_free);
}

RefXmlWriteCache *
ref_xml_write_cache_new (void)
{
  RefXmlWriteCache *cache = g_new0 (RefXmlWriteCache, 1);

  cache->participants = g_ptr_array_new ();
  cache->items = cached_items_new ();
  return cache;
}

void
ref_xml_write_cache_free (RefXmlWriteCache *cache)
{
  if (cache == NULL)
    return;
  g_ptr_array_unref (cache->participants);
  g_hash_table_unref (cache->items);
  g_free (cache);
}

guint
ref_xml_write_cache_get_n_written (RefXmlWriteCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);
  return cache->n_written;
}

/* Whether the cached fragments were written for this meeting, at this revision, with
 * these participant ids; remembers the ones now. */
static gboolean
cache_still_valid (RefXmlWriteCache *cache, RefMeeting *meeting)
{
  GListModel *list = ref_meeting_get_participants (meeting);
  guint n = g_list_model_get_n_items (list);
  guint64 revision = ref_history_get_revision (ref_meeting_get_history (meeting));
  gboolean valid = cache->meeting == meeting && cache->revision == revision && cache->participants->len == n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) p = g_list_model_get_item (list, i);

      if (valid && g_ptr_array_index (cache->participants, i) != (gpointer) p)
        valid = FALSE;
    }
  if (!valid)
    {
      g_ptr_array_set_size (cache->participants, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (GObject) p = g_list_model_get_item (list, i);
          g_ptr_array_add (cache->participants, p);
        }
    }
  cache->meeting = meeting;
  cache->revision = revision;
  return valid;
}

static GBytes *
take_fragment (Writer *w)
{
  GBytes *bytes = g_string_free_to_bytes (w->out);

  w->out = NULL;
  return bytes;
}

GPtrArray *
ref_xml_write_cache_write (RefXmlWriteCache *cache, RefMeeting *meeting)
{
  GPtrArray *fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GListModel *items = ref_meeting_get_items (meeting);
  guint n = g_list_model_get_n_items (items);
  GHashTable *current = cached_items_new ();
  Writer w;

  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);

  if (!cache_still_valid (cache, meeting))
    g_hash_table_remove_all (cache->items);
  cache->n_written = 0;
  writer_init (&w, meeting, FALSE, NULL);

  w.out = g_string_new (NULL);
  write_head (&w, meeting);
  if (n == 0)
    empty_tag (&w, 1, "items", NULL);
  else
    open_tag (&w, 1, "items", NULL);
  g_ptr_array_add (fragments, take_fragment (&w));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      guint64 revision = ref_history_get_item_revision (item);
      CachedItem *cached = g_hash_table_lookup (current, item);

      if (cached == NULL && revision != 0)
        {
          gpointer key, value;

          if (g_hash_table_steal_extended (cache->items, item, &key, &value))
            {
              cached = value;
              if (cached->revision != revision)
                g_clear_pointer (&cached, cached_item_free);
            }
        }
      if (cached == NULL)
        {
          /* Never attached (revision 0): written every time, kept under the 0 that
           * never matches. */
          cached = g_new0 (CachedItem, 1);
          cached->revision = revision;
          w.out = g_string_sized_new (4096);
          write_item (&w, item);
          cached->fragment = take_fragment (&w);
          cache->n_written++;
        }
      if (!g_hash_table_contains (current, item))
        g_hash_table_insert (current, item, cached);
      g_ptr_array_add (fragments, g_bytes_ref (cached->fragment));
    }

  w.out = g_string_new (NULL);
  if (n > 0)
    close_tag (&w, 1, "items");
  write_tail (&w, meeting);
  g_ptr_array_add (fragments, take_fragment (&w));
  g_hash_table_unref (w.ids);

  /* Items no longer in the meeting are forgotten. */
  g_hash_table_unref (cache->items);
  cache->items = current;
  return fragments;
}

gboolean
ref_xml_write_cache_prefill (RefXmlWriteCache *cache, RefMeeting *meeting, gint64 deadline)
{
  GListModel *items;
  guint n;
  Writer w;
  gboolean started = FALSE, more = FALSE;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (REF_IS_MEETING (meeting), FALSE);

  if (!cache_still_valid (cache, meeting))
    g_hash_table_remove_all (cache->items);
  items = ref_meeting_get_items (meeting);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (items, i);
      guint64 revision = ref_history_get_item_revision (item);
      CachedItem *cached;

      /* Only items never written: a stale one is being edited, and the next write
       * takes it as it is then. */
      if (revision == 0 || g_hash_table_contains (cache->items, item))
        continue;
      if (started && g_get_monotonic_time () >= deadline)
        {
          more = TRUE;
          break;
        }
      if (!started)
        writer_init (&w, meeting, FALSE, NULL);
      started = TRUE;
      cached = g_new0 (CachedItem, 1);
      cached->revision = revision;
      w.out = g_string_sized_new (4096);
      write_item (&w, item);
      cached->fragment = take_fragment (&w);
      g_hash_table_insert (cache->items, item, cached);
    }
  if (started)
    g_hash_table_unref (w.ids);
  return more;
}

gboolean
ref_xml_fragments_equal (GPtrArray *a, GPtrArray *b)
{
  gsize size_a = 0, size_b = 0;
  guint i = 0, j = 0;
  gsize at_a = 0, at_b = 0;

  for (guint k = 0; k < a->len; k++)
    size_a += g_bytes_get_size (g_ptr_array_index (a, k));
  for (guint k = 0; k < b->len; k++)
    size_b += g_bytes_get_size (g_ptr_array_index (b, k));
  if (size_a != size_b)
    return FALSE;
  /* Walks both lists at once, whatever their cuts; an unchanged item's fragment is the
   * very same GBytes in both, and is skipped without reading it. */
  while (i < a->len && j < b->len)
    {
      GBytes *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, j);
      gsize len_x, len_y, n;
      const char *px = g_bytes_get_data (x, &len_x), *py = g_bytes_get_data (y, &len_y);

      if (x == y && at_a == 0 && at_b == 0)
        {
          i++, j++;
          continue;
        }
      n = MIN (len_x - at_a, len_y - at_b);
      if (n > 0 && memcmp (px + at_a, py + at_b, n) != 0)
        return FALSE;
      at_a += n;
      at_b += n;
      if (at_a == len_x)
        i++, at_a = 0;
      if (at_b == len_y)
        j++, at_b = 0;
    }
  return TRUE;
}

GBytes *
ref_xml_fragments_join (GPtrArray *fragments)
{
  gsize size = 0;
  guint8 *data, *at;

  if (fragments->len == 1)
    return g_bytes_ref (g_ptr_array_index (fragments, 0));
  for (guint i = 0; i < fragments->len; i++)
    size += g_bytes_get_size (g_ptr_array_index (fragments, i));
  at = data = g_malloc (size + 1);
  for (guint i = 0; i < fragments->len; i++)
    {
      gsize len;
      gconstpointer part = g_bytes_get_data (g_ptr_array_index (fragments, i), &len);

      if (len > 0)
        memcpy (at, part, len);
      at += len;
    }
  return g_bytes_new_take (data, size);
}

GBytes *
ref_xml_write_bytes (RefMeeting *meeting)
{
  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  return write_bytes (meeting, FALSE, NULL);
}

char *
ref_xml_participant_id (guint index)
{
  return g_strdup_printf ("p%u", index + 1);
}

GBytes *
ref_xml_write_content_bytes (RefMeeting *meeting)
{
  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  return write_bytes (meeting, TRUE, NULL);
}

GBytes *
ref_xml_write_content_parts (RefMeeting *meeting, GArray **parts)
{
  g_return_val_if_fail (REF_IS_MEETING (meeting), NULL);
  *parts = g_array_new (FALSE, FALSE, sizeof (RefXmlPart));
  return write_bytes (meeting, TRUE, *parts);
}

/* The file to replace when saving to @file: for a local symbolic link, the file it
 * points to, so that the link stays and the target gets the new version, atomically
 * and with a backup beside it that keeps its permissions. (Given the link, GIO
 * truncates the target and rewrites it in place, and makes the backup from the link's
 * own mode: 0777 less the umask.) */
static GFile *
file_to_replace (GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *target = NULL;

  if (path == NULL)
    return g_object_ref (file);
  target = ref_file_resolve_links (path, error);
  return target != NULL ? g_file_new_for_path (target) : NULL;
}

/* Writes @bytes through a replace stream of @named (through a symbolic link: of the
 * file it points to, see file_to_replace ()). On any failure the replacement is
 * abandoned by closing the stream with a cancelled GCancellable, which makes GIO drop
 * its temporary file and leave the old file as it was. (g_file_replace_contents does
 * not: after a failed write it still closes normally and so renames the partly written
 * temporary file over the old one, which a full disk turns into a truncated file.) */
static gboolean
replace_file_contents (GFile *named, GBytes *bytes, GError **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GFile) file = file_to_replace (named, error);
  gboolean existed;

  if (file == NULL)
    return FALSE;
  existed = g_file_query_exists (file, NULL);
  stream = g_file_replace (file, NULL, TRUE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, NULL, error))
    {
      g_autoptr (GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      /* A file that did not exist before is written in place: remove the partial one. */
      if (!existed)
        g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  /* Closing syncs the temporary file to disk and only then renames it over the old
   * one, so a crash at any moment leaves either the old or the new version. */
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

gboolean
ref_xml_save_file (RefMeeting *meeting, GFile *file, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (REF_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Always the whole writer, never the autosave's RefXmlWriteCache: this is the user's
   * document, and a fresh serialisation cannot carry a stale fragment into it, should
   * some change ever escape the history's revisions. A save is explicit and rare, so
   * its 10 ms for a 500-item meeting do not matter. */
  bytes = ref_xml_write_bytes (meeting);
  /* The previous version is kept as "name~". */
  if (!replace_file_contents (file, bytes, &local_error))
    {
      name = g_file_get_parse_name (file);
      g_set_error (error, REF_XML_ERROR, REF_XML_ERROR_IO, _("Could not save “%s”: %s"), name,
                   local_error->message);
      return FALSE;
    }
  ref_history_mark_clean (ref_meeting_get_history (meeting));
  return TRUE;
}

/* The resources live in a static library: referencing the generated getter makes the
 * linker keep the object whose constructor registers them. */
static GBytes *
core_resource_lookup (const char *path, GError **error)
{
  (void) ref_core_get_resource ();
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

RefMeeting *
ref_sample_meeting_new (GError **error)
{
  g_autoptr (GBytes) bytes = core_resource_lookup (REF_SAMPLE_RESOURCE, error);

  if (bytes == NULL)
    return NULL;
  return ref_xml_load_bytes (bytes, _("sample meeting"), error);
}

static void
collect_validity_error (void *data, const xmlError *err)
{
  GString *messages = data;

  if (messages->len == 0)
    g_string_append_printf (messages, "line %d: %s", err->line, err->message ? err->message : "");
}

static void
schema_free (gpointer schema)
{
  xmlRelaxNGFree (schema);
}

/* Compiling the schema takes about 2 ms, more than checking a small file: each thread
 * keeps its own compiled copy (libxml2 does not promise that validations in several
 * threads may share one). */
static GPrivate thread_schema = G_PRIVATE_INIT (schema_free);

xmlRelaxNG *
ref_xml_schema_get (GError **error)
{
  xmlRelaxNG *schema = g_private_get (&thread_schema);
  g_autoptr (GBytes) schema_bytes = NULL;
  xmlRelaxNGParserCtxt *pctxt;

  if (schema != NULL)
    return schema;
  schema_bytes = core_resource_lookup ("/dk/referent/Referent/referat.rng", error);
  if (schema_bytes == NULL)
    return NULL;
  pctxt = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (schema_bytes, NULL), (int) g_bytes_get_size (schema_bytes));
  schema = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);
  g_assert (schema != NULL); /* compiled in and checked by the tests */
  g_private_set (&thread_schema, schema);
  return schema;
}

gboolean
ref_xml_validate_bytes (GBytes *bytes, const char *display_name, GError **error)
{
  g_autoptr (GString) messages = g_string_new (NULL);
  xmlRelaxNG *schema;
  xmlRelaxNGValidCtxt *vctxt;
  xmlDoc *doc;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  int result;

  schema = ref_xml_schema_get (error);
  if (schema == NULL)
    return FALSE;

  doc = xmlReadMemory (data, (int) len, display_name, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  if (doc == NULL)
    {
      g_set_error (error, REF_XML_ERROR, REF_XML_ERROR_NOT_WELL_FORMED, _("%s: the file is not well-formed XML"),
                   display_name);
      return FALSE;
    }
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, (xmlStructuredErrorFunc) collect_validity_error, messages);
  result = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlFreeDoc (doc);

  if (result != 0)
    {
      g_set_error (error, REF_XML_ERROR, REF_XML_ERROR_INVALID_VALUE, _("%s does not match the Referent schema: %s"),
                   display_name, messages->str);
      return FALSE;
    }
  return TRUE;
}

/* ---- saving a file others change too ---- */

/* How long a save waits for another process (a member signing, say). */
#define SAVE_LOCK_TIMEOUT_MS 10000

gboolean
ref_xml_save_file_shared (RefMeeting *meeting, GFile *file, const char *etag, RefXmlSaveFlags flags,
                          char **new_etag, guint *n_merged, GError **error)
{
  g_autoptr (RefFileLock) lock = NULL;
  g_autofree char *current = NULL;
  guint merged = 0;

  g_return_val_if_fail (REF_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((lock = ref_file_lock_acquire (file, SAVE_LOCK_TIMEOUT_MS, NULL, error)) == NULL)
    return FALSE;
  current = ref_file_get_etag (file);
  if (etag != NULL && current != NULL && g_strcmp0 (etag, current) != 0)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (RefMeeting) theirs = ref_xml_load_file (file, &local_error);
      g_autoptr (GBytes) their_content = theirs ? ref_xml_write_content_bytes (theirs) : NULL;
      g_autoptr (GBytes) our_content = ref_xml_write_content_bytes (meeting);
      g_autofree char *name = g_file_get_parse_name (file);

      if (their_content != NULL && !g_bytes_equal (their_content, our_content) && !(flags & REF_XML_SAVE_OVERWRITE))
        {
          g_set_error (error, REF_XML_ERROR, REF_XML_ERROR_CHANGED_ON_DISK,
                       _("“%s” was changed by another program since it was opened"), name);
          return FALSE;
        }
      /* What others added alongside is kept; a file that no longer reads is simply
       * replaced (its backup stays as "name~"). */
      if (theirs != NULL)
        merged = ref_meeting_merge_concurrent (meeting, theirs);
    }
  if (!ref_xml_save_file (meeting, file, error))
    return FALSE;
  if (new_etag != NULL)
    *new_etag = ref_file_get_etag (file);
  if (n_merged != NULL)
    *n_merged = merged;
  return TRUE;
}
