/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ref-format.h"
#include "ref-pdf-import-private.h"

/* The body of one agenda item: headings split it into parts (sections, the
 * recommendation, decisions, attachments, "Beslutningen træffes af" …); lines are
 * grouped into paragraphs, list entries and table rows by position. */

typedef enum {
  PARA_TEXT,
  PARA_BULLET,
  PARA_NUMBERED,
  PARA_ROW,
} ParaKind;

typedef struct {
  gsize start, end;
  char *href;
} ParaLink;

typedef struct {
  ParaKind kind;
  guint number; /* numbered entries */
  char *text;
  gboolean bold;
  guint page;
  GArray *links; /* ParaLink, byte spans of text; NULL if none */
} Para;

static void
para_link_clear (gpointer data)
{
  g_free (((ParaLink *) data)->href);
}

static void
para_clear (gpointer data)
{
  Para *p = data;

  g_free (p->text);
  g_clear_pointer (&p->links, g_array_unref);
}

/* Copies @line's link spans into @para, where the line's text from byte @from on was
 * placed at byte @at. */
static void
para_add_links (Para *para, RefPdfLine *line, gsize from, gsize at)
{
  for (guint i = 0; line->links && i < line->links->len; i++)
    {
      RefPdfLink *link = g_ptr_array_index (line->links, i);
      ParaLink pl;

      if (link->end <= from)
        continue;
      if (para->links == NULL)
        {
          para->links = g_array_new (FALSE, FALSE, sizeof (ParaLink));
          g_array_set_clear_func (para->links, para_link_clear);
        }
      pl.start = at + (link->start > from ? link->start - from : 0);
      pl.end = at + link->end - from;
      pl.href = g_strdup (link->href);
      /* A link wrapped over two lines is one link. */
      if (para->links->len > 0)
        {
          ParaLink *last = &g_array_index (para->links, ParaLink, para->links->len - 1);
          if (g_str_equal (last->href, pl.href) && pl.start <= last->end + 1)
            {
              last->end = pl.end;
              g_free (pl.href);
              continue;
            }
        }
      g_array_append_val (para->links, pl);
    }
}

/* Appends @p's text to @inl, as runs split at its links. */
static void
append_para_runs (RefTextInline *inl, Para *p, RefStyle style)
{
  gsize pos = 0, len = strlen (p->text);

  for (guint i = 0; p->links && i < p->links->len; i++)
    {
      ParaLink *l = &g_array_index (p->links, ParaLink, i);
      g_autofree char *before = NULL, *linked = NULL;

      if (l->start < pos || l->end > len)
        continue;
      before = g_strndup (p->text + pos, l->start - pos);
      linked = g_strndup (p->text + l->start, l->end - l->start);
      ref_text_inline_append (inl, before, style, NULL);
      ref_text_inline_append (inl, linked, style, l->href);
      pos = l->end;
    }
  ref_text_inline_append (inl, p->text + pos, style, NULL);
}

typedef enum {
  PART_PREAMBLE,
  PART_SECTION,
  PART_CONTENT_HEADING,
  PART_RECOMMENDATION,
  PART_DECISION,
  PART_PRIOR_DECISION,
  PART_ATTACHMENTS,
  PART_DECIDED_BY,
  PART_CASE_ROUTE,
  PART_HISTORY,  /* "Sagsforløb": earlier decisions, or a route */
  PART_UNTITLED, /* text after a decision ended, under no caption */
} PartKind;

typedef struct {
  Importer *imp;
  RefAgendaItem *item;
  PartKind kind;
  GArray *lines; /* guint line indices of the current part */
  RefSection *section;
  RefRecommendation *recommendation;
  RefDecision *decision;
  GPtrArray *headings;
  GString *absence;
  guint absence_page;
  GPtrArray *absent_found; /* RefParticipant*: named in the item's absence lines */
  gboolean any_absence_line;
  RefCaption caption;      /* of the current part */
  Line *first_line;        /* the current part's first line of text */
} ItemReader;

/* ---- line classification ---- */

static gboolean
match_list_marker (const char *text, ParaKind *kind, guint *number, const char **rest)
{
  const char *p = text;

  if (g_str_has_prefix (p, "•") || g_str_has_prefix (p, "▪") || g_str_has_prefix (p, "◦") || g_str_has_prefix (p, "·"))
    {
      p = g_utf8_next_char (p);
      while (*p == ' ' || *p == '\t')
        p++;
      *kind = PARA_BULLET;
      *rest = p;
      return TRUE;
    }
  if ((p[0] == '-' || g_str_has_prefix (p, "–")) && (p[p[0] == '-' ? 1 : 3] == ' ' || p[p[0] == '-' ? 1 : 3] == '\t'))
    {
      p = p[0] == '-' ? p + 2 : p + 4;
      *kind = PARA_BULLET;
      *rest = p;
      return TRUE;
    }
  if (g_ascii_isdigit (*p))
    {
      char *end;
      guint64 n = g_ascii_strtoull (p, &end, 10);
      if (end - p <= 2 && (*end == '.' || *end == ')') && (end[1] == ' ' || end[1] == '\t') && n > 0)
        {
          p = end + 1;
          while (*p == ' ' || *p == '\t')
            p++;
          /* "1. januar 2025 …" is a date, not a list entry. */
          if (ref_pdf_vocab_match (REF_VOCAB_MONTH_START, p, NULL))
            return FALSE;
          *kind = PARA_NUMBERED;
          *number = (guint) n;
          *rest = p;
          return TRUE;
        }
    }
  return FALSE;
}

/* A caption that stands for itself, in any type: the vocabulary knows it and it
 * names no one (a line "Direktionen indstiller, at" in body type is the text of a
 * recommendation, not its caption). */
static gboolean
is_plain_caption (const char *text, RefCaption *caption)
{
  if (!ref_pdf_caption_parse (text, caption))
    return FALSE;
  if (caption->named)
    {
      ref_pdf_caption_clear (caption);
      return FALSE;
    }
  return TRUE;
}

/* Headings inside an item: set as headings (bold and larger than the body, bold
 * and a known caption, a numbered sub-heading, or a heading of the structure tree),
 * or a known caption alone on its line in any type ("INDSTILLING", "Beslutning");
 * short, not a list entry or a table row. Bold body-size lines that are not known
 * headings ("Tilsynet:") are emphasised paragraphs. */
static gboolean
is_part_heading (Importer *imp, Line *line)
{
  ParaKind kind;
  guint number;
  const char *rest;
  const char *text = line->pdf->text;
  RefCaption caption;
  gboolean known;

  if (line->skip > 0 || strchr (text, '\t') || g_utf8_strlen (text, -1) > 160)
    return FALSE;
  if (match_list_marker (text, &kind, &number, &rest))
    return FALSE;
  if (line->pdf->bold)
    {
      if (line->pdf->size > imp->body_size + 0.4 || line->tag_level > 0
          || ref_pdf_vocab_match (REF_VOCAB_SUB_NUMBER, text, NULL))
        return TRUE;
      known = ref_pdf_caption_parse (text, &caption);
      ref_pdf_caption_clear (&caption);
      return known;
    }
  if (line->tag_level > 0)
    return TRUE;
  /* In body type: a known caption, short, capitalised and not a sentence. */
  if (g_utf8_strlen (text, -1) > 60 || g_str_has_suffix (text, ".") || g_unichar_islower (g_utf8_get_char (text)))
    return FALSE;
  known = is_plain_caption (text, &caption);
  ref_pdf_caption_clear (&caption);
  return known;
}

/* "Indstilling: Direktionen indstiller, at …", "Beslutning: Godkendt.": a caption
 * at the start of a line, followed by its text. Returns the bytes the caption takes
 * (with the colon and the space after it), or 0. */
static gsize
inline_caption (Line *line, RefCaption *caption)
{
  const char *text = line->pdf->text;
  const char *colon = strchr (text, ':');
  g_autofree char *head = NULL;
  gsize len;

  if (colon == NULL || colon - text > 60 || colon[1] != ' ' || strchr (text, '\t') != NULL)
    return 0;
  len = colon + 1 - text;
  /* Set in bold as far as the colon, or a caption the vocabulary knows. */
  head = g_strndup (text, len);
  if (line->pdf->bold_prefix + 1 >= len && line->pdf->bold_prefix < strlen (text))
    {
      if (!ref_pdf_caption_parse (head, caption))
        return 0;
    }
  else if (!is_plain_caption (head, caption))
    return 0;
  while (text[len] == ' ')
    len++;
  if (text[len] == '\0')
    {
      ref_pdf_caption_clear (caption);
      return 0;
    }
  return len;
}

/* In a layout with a margin column (imp->text_column_x): a bold label left of the
 * text column on the line's baseline, "Sagsbeskrivelse ⇥ Lokalplanen giver …", or
 * the rest of one wrapped onto a line of its own ("finansiering"). Returns the bytes
 * up to the text (all of the line when it holds only the label) and the label in
 * @label; 0 when the line has none. */
static gsize
margin_caption (Importer *imp, Line *line, char **label)
{
  RefPdfCell *first;
  g_autofree char *text = NULL;
  ParaKind kind;
  guint number;
  const char *rest;

  *label = NULL;
  if (imp->text_column_x <= 0 || line->pdf->cells->len == 0)
    return 0;
  first = &g_array_index (line->pdf->cells, RefPdfCell, 0);
  if (!first->bold || first->x1 > imp->text_column_x - 8)
    return 0;
  text = ref_pdf_line_cell_text (line->pdf, 0);
  if (*text == '\0' || match_list_marker (text, &kind, &number, &rest) || !g_unichar_isalpha (g_utf8_get_char (text)))
    return 0;
  if (line->pdf->cells->len == 1)
    {
      *label = g_steal_pointer (&text);
      return strlen (line->pdf->text);
    }
  if (fabs (g_array_index (line->pdf->cells, RefPdfCell, 1).x0 - imp->text_column_x) > 6)
    return 0;
  *label = g_steal_pointer (&text);
  return g_array_index (line->pdf->cells, RefPdfCell, 1).start;
}

/* Whether @line goes on with cells of the table row that @row starts (@prev is the
 * line above): it stands close below, has nothing in the first column, and each of
 * its cells lines up with a later cell of the row ("Anbefales … med den ændring, at"
 * / "stien langs Vesterå anlægges med belysning."). */
static gboolean
continues_row (Line *row, Line *prev, Line *line)
{
  GArray *cells, *more = line->pdf->cells;
  double step;

  if (row == NULL || prev == NULL || row->pdf->cells->len < 2)
    return FALSE;
  cells = row->pdf->cells;
  step = line->pdf->y0 - prev->pdf->y0;
  if (line->pdf->page != prev->pdf->page || step <= 0 || step > 1.55 * MAX (line->pdf->size, 6.0))
    return FALSE;
  if (fabs (g_array_index (more, RefPdfCell, 0).x0 - g_array_index (cells, RefPdfCell, 0).x0) < 3)
    return FALSE;
  for (guint c = 0; c < more->len; c++)
    {
      gboolean aligned = FALSE;
      for (guint k = 1; k < cells->len && !aligned; k++)
        aligned = fabs (g_array_index (more, RefPdfCell, c).x0 - g_array_index (cells, RefPdfCell, k).x0) < 3;
      if (!aligned)
        return FALSE;
    }
  return TRUE;
}

/* Adds the cells of @line to the row @text ("a\tb\tc"), each to the cell of @row
 * it stands under. */
static void
append_to_row (GString *text, Line *row, Line *line)
{
  g_auto (GStrv) cells = g_strsplit (text->str, "\t", -1);
  guint n = g_strv_length (cells);

  for (guint c = 0; c < line->pdf->cells->len; c++)
    {
      g_autofree char *piece = ref_pdf_line_cell_text (line->pdf, c);
      for (guint k = 1; k < row->pdf->cells->len && k < n; k++)
        if (fabs (g_array_index (line->pdf->cells, RefPdfCell, c).x0 - g_array_index (row->pdf->cells, RefPdfCell, k).x0) < 3)
          {
            char *joined = g_strconcat (cells[k], " ", piece, NULL);
            g_free (cells[k]);
            cells[k] = joined;
            break;
          }
    }
  g_string_truncate (text, 0);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (text, "%s%s", k ? "\t" : "", cells[k]);
}

/* ---- paragraphs ---- */

/* Joins @next to @para, which ends with a line break. A trailing hyphen either
 * divides a word (a soft hyphen always does; before a lower-case continuation it
 * does unless the hyphenated form is how the document spells the word elsewhere)
 * or belongs to it: "IPS-indsatsen", "GPS-registrering" (capitals before it),
 * "Sundheds- og Omsorgsudvalget" (a suspended compound). */
static void
join_line (Importer *imp, GString *para, const char *next, gboolean soft)
{
  gsize len = para->len;

  if (len > 1 && para->str[len - 1] == '-' && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (para->str + len - 1))))
    {
      const char *word_start = para->str + len - 1;
      g_autofree char *first = NULL, *second = NULL, *hyphenated = NULL, *lower = NULL;
      const char *end = next;
      gunichar before = g_utf8_get_char (g_utf8_prev_char (para->str + len - 1));

      while (word_start > para->str && !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (word_start))))
        word_start = g_utf8_prev_char (word_start);
      while (*end && g_unichar_isalpha (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      first = g_strndup (word_start, para->str + len - word_start);
      second = g_strndup (next, end - next);
      hyphenated = g_strconcat (first, second, NULL);
      lower = g_utf8_strdown (hyphenated, -1);
      if (ref_pdf_vocab_match (REF_VOCAB_SUSPENDED_COMPOUND, second, NULL))
        g_string_append_c (para, ' ');
      else if (soft
               || (*second && g_unichar_islower (g_utf8_get_char (second)) && !g_unichar_isupper (before)
                   && !g_hash_table_contains (imp->words, lower)))
        g_string_truncate (para, len - 1);
      g_string_append (para, next);
      return;
    }
  /* "nedlægge/" + "omkonvertere": a line broken after a slash joins without a space. */
  if (len > 0 && para->str[len - 1] != '/')
    g_string_append_c (para, ' ');
  g_string_append (para, next);
}

/* A line ending in ".", ":", "!" or "?" ends a sentence, except after a number:
 * "den 4." and "… 3. Hverdagens praksis, 4." are ordinals that wrapped. */
static gboolean
ends_sentence (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || strchr (".:!?", text[len - 1]) == NULL)
    return FALSE;
  return !(text[len - 1] == '.' && len >= 2 && g_ascii_isdigit (text[len - 2]));
}

static gboolean
starts_vote_line (const char *text)
{
  return ref_pdf_vocab_match (REF_VOCAB_VOTE_LINE, text, NULL);
}

/* Groups lines into paragraphs, list entries and table rows. A paragraph ends at a
 * gap wider than the line spacing, at a list marker or table row, and at a page
 * break after a sentence end; a list entry continues on indented lines. */
/* "… den 1. april1." followed by an indented line: text extraction glued the next list
 * entry's number to the end of the line above ("seed 002 style"). Returns the number
 * and cuts it off @text, or returns 0. */
static guint
take_glued_number (GString *text, Line *line, Line *next)
{
  GRegex *re = ref_pdf_regex ("[[:alpha:]\\)](\\d{1,2})\\.$", 0);
  g_autoptr (GMatchInfo) m = NULL;
  int start;

  if (next == NULL || next->pdf->page != line->pdf->page || next->pdf->x0 < line->pdf->x0 + 6
      || next->pdf->y0 - line->pdf->y0 > 1.55 * MAX (line->pdf->size, 6.0)
      || !g_regex_match (re, text->str, 0, &m))
    return 0;
  {
    g_autofree char *digits = g_match_info_fetch (m, 1);
    g_match_info_fetch_pos (m, 1, &start, NULL);
    g_string_truncate (text, start);
    return ref_pdf_parse_number (digits, 99);
  }
}

/* The weight of what is left of @line: after an inline caption in bold, the text. */
static gboolean
line_bold (Line *line)
{
  return line->skip > 0 ? line->pdf->bold_prefix >= strlen (line->pdf->text) : line->pdf->bold;
}

static gboolean
is_punctuation (const char *text)
{
  return *text != '\0' && strspn (text, ".,;:)") == strlen (text);
}

static GArray *
build_paras (Importer *imp, GArray *indices)
{
  GArray *paras = g_array_new (FALSE, TRUE, sizeof (Para));
  GString *current = NULL;
  Para para = { 0 };
  Line *prev = NULL;
  Line *row_line = NULL; /* the first line of the current table row */
  double list_x = 0;
  g_autofree char *marker_text = NULL; /* "1. " of the current list entry */
  guint glued = 0;

  g_array_set_clear_func (paras, para_clear);
  for (guint k = 0; k <= indices->len; k++)
    {
      Line *line = k < indices->len ? importer_line (imp, g_array_index (indices, guint, k)) : NULL;
      ParaKind kind = PARA_TEXT;
      guint number = 0;
      const char *rest = NULL;
      gboolean marker = FALSE, row = FALSE, breaks = TRUE;

      if (line != NULL)
        {
          const char *text = LINE_TEXT (line);

          marker = match_list_marker (text, &kind, &number, &rest);
          /* The number this entry lost to the line above. */
          if (!marker && current != NULL && prev != NULL && (glued = take_glued_number (current, prev, line)) > 0)
            {
              marker = TRUE;
              kind = PARA_NUMBERED;
              number = glued;
              rest = text;
            }
          /* "… jf. lov om socialtilsyn §" / "6. Socialtilsynet har …": a number that a
           * line wrap put at a line start is not a list entry when the line above
           * runs on without a break or a sentence end. */
          if (marker && prev != NULL && current != NULL && para.kind == PARA_TEXT && line->pdf->page == prev->pdf->page
              && line->pdf->y0 - prev->pdf->y0 <= 1.55 * MAX (line->pdf->size, 6.0) && !ends_sentence (prev->pdf->text)
              && fabs (line->pdf->x0 - prev->pdf->x0) < 2.0)
            marker = FALSE;
          /* The rest of a table cell that wrapped goes into that cell. */
          if (current != NULL && para.kind == PARA_ROW && line->skip == 0 && continues_row (row_line, prev, line))
            {
              append_to_row (current, row_line, line);
              line->used = TRUE;
              prev = line;
              continue;
            }
          row = !marker && strchr (text, '\t') != NULL;
          if (prev != NULL && current != NULL && !marker && !row && para.kind != PARA_ROW)
            {
              double step = line->pdf->y0 - prev->pdf->y0;
              double size = MAX (line->pdf->size, 6.0);

              if (line->pdf->page == prev->pdf->page)
                breaks = step > 1.55 * size || step < 0;
              else
                breaks = ends_sentence (prev->pdf->text);
              /* List entries continue only on lines indented past the marker. A
               * "1. …" line whose sentence wraps flush left was a paragraph that
               * happens to begin with a number. */
              if (!breaks && (para.kind == PARA_BULLET || para.kind == PARA_NUMBERED) && line->pdf->x0 < list_x + 2)
                {
                  if (para.kind == PARA_NUMBERED && marker_text != NULL && !ends_sentence (prev->pdf->text))
                    {
                      g_string_prepend (current, marker_text);
                      for (guint l = 0; para.links && l < para.links->len; l++)
                        {
                          g_array_index (para.links, ParaLink, l).start += strlen (marker_text);
                          g_array_index (para.links, ParaLink, l).end += strlen (marker_text);
                        }
                      para.kind = PARA_TEXT;
                    }
                  else
                    breaks = TRUE;
                }
              if (!breaks && line_bold (line) != para.bold && para.kind == PARA_TEXT)
                breaks = TRUE;
              /* Each line of a vote record is a statement of its own, however tightly
               * it is set. */
              if (!breaks && starts_vote_line (text))
                breaks = TRUE;
              /* A full stop that wrapped onto a line of its own ends the paragraph
               * above; it is no paragraph. */
              if (is_punctuation (text) && line->pdf->page == prev->pdf->page)
                breaks = FALSE;
            }
        }
      if (breaks && current != NULL)
        {
          para.text = g_string_free (current, FALSE);
          g_array_append_val (paras, para);
          current = NULL;
        }
      if (line == NULL)
        break;
      line->used = TRUE;
      if (current == NULL)
        {
          para = (Para){ 0 };
          para.kind = marker ? kind : row ? PARA_ROW : PARA_TEXT;
          para.number = number;
          para.bold = line_bold (line);
          para.page = line->pdf->page + 1;
          current = g_string_new (marker ? rest : LINE_TEXT (line));
          list_x = line->pdf->x0;
          row_line = para.kind == PARA_ROW && line->skip == 0 ? line : NULL;
          g_free (marker_text);
          marker_text = marker ? g_strndup (LINE_TEXT (line), rest - LINE_TEXT (line)) : NULL;
          para_add_links (&para, line->pdf, line->skip + (marker ? (gsize) (rest - LINE_TEXT (line)) : 0), 0);
        }
      else if (is_punctuation (LINE_TEXT (line)))
        g_string_append (current, LINE_TEXT (line));
      else
        {
          join_line (imp, current, LINE_TEXT (line), prev->pdf->soft_hyphen);
          para_add_links (&para, line->pdf, line->skip, current->len - strlen (LINE_TEXT (line)));
        }
      prev = line;
    }
  return paras;
}

static RefText *
paras_to_text (GArray *paras, guint first)
{
  RefText *text = ref_text_new ();
  RefTextBlock *block = NULL;
  ParaKind block_kind = PARA_TEXT;

  for (guint i = first; i < paras->len; i++)
    {
      Para *p = &g_array_index (paras, Para, i);
      RefStyle style = p->bold ? REF_STYLE_BOLD : REF_STYLE_NONE;

      if (p->kind == PARA_TEXT)
        {
          block = ref_text_append_block (text, REF_BLOCK_PARAGRAPH);
          append_para_runs (ref_text_block_append_item (block), p, style);
          block = NULL;
          continue;
        }
      if (block == NULL || block_kind != p->kind)
        {
          block = ref_text_append_block (text, p->kind == PARA_BULLET     ? REF_BLOCK_BULLET_LIST
                                               : p->kind == PARA_NUMBERED ? REF_BLOCK_NUMBERED_LIST
                                                                          : REF_BLOCK_TABLE);
          block_kind = p->kind;
          if (p->kind == PARA_NUMBERED)
            ref_text_block_set_start (block, p->number);
        }
      if (p->kind == PARA_ROW)
        {
          g_auto (GStrv) cells = g_strsplit (p->text, "\t", -1);
          RefTextRow *row = ref_text_block_append_row (block, p->bold && ref_text_block_get_n_rows (block) == 0);
          for (guint c = 0; cells[c]; c++)
            ref_text_inline_append (ref_text_row_append_cell (row), cells[c], REF_STYLE_NONE, NULL);
        }
      else
        append_para_runs (ref_text_block_append_item (block), p, REF_STYLE_NONE);
    }
  return text;
}

/* ---- parts ---- */

/* Removes ", og", ";", " samt" … that join the points of a run-in list. */
static void
strip_point_separators (GString *point)
{
  static const char *const separators[] = { ",", ";", " og", " samt", " eller", NULL };
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      while (point->len > 0 && point->str[point->len - 1] == ' ')
        g_string_truncate (point, point->len - 1);
      for (guint i = 0; separators[i]; i++)
        if (g_str_has_suffix (point->str, separators[i]))
          {
            g_string_truncate (point, point->len - strlen (separators[i]));
            again = TRUE;
          }
    }
}

/* "at 1) … godkendes, 2) …, og 3) …": numbered points run together in a paragraph.
 * Returns the points, and the text before the first one in @lead; NULL unless the
 * paragraph counts 1), 2) … in order. */
static GPtrArray *
split_inline_points (const char *text, char **lead)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autoptr (GArray) marks = g_array_new (FALSE, FALSE, sizeof (int)); /* marker start, text start */
  GPtrArray *points;
  guint expect = 1;

  *lead = NULL;
  g_regex_match (ref_pdf_vocab (REF_VOCAB_INLINE_POINTS), text, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *n = g_match_info_fetch_named (m, "n");
      int start, end;

      if (ref_pdf_parse_number (n, 99) != expect)
        continue;
      g_match_info_fetch_pos (m, 0, &start, &end);
      g_array_append_val (marks, start);
      g_array_append_val (marks, end);
      expect++;
    }
  if (expect < 3)
    return NULL;
  points = g_ptr_array_new_with_free_func (g_free);
  *lead = g_strstrip (g_strndup (text, g_array_index (marks, int, 0)));
  for (guint i = 0; i < marks->len; i += 2)
    {
      int from = g_array_index (marks, int, i + 1);
      int to = i + 2 < marks->len ? g_array_index (marks, int, i + 2) : (int) strlen (text);
      GString *point = g_string_new_len (text + from, to - from);

      strip_point_separators (point);
      g_ptr_array_add (points, g_string_free (point, FALSE));
    }
  return points;
}

/* Paragraphs of a numbered list made of @points, followed by @rest[first…]. */
static GArray *
paras_with_points (GPtrArray *points, const char *lead, GArray *rest, guint first)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Para));

  g_array_set_clear_func (out, para_clear);
  if (lead != NULL && *lead)
    {
      Para p = { PARA_TEXT, 0, g_strdup (lead), FALSE, 0, NULL };
      g_array_append_val (out, p);
    }
  for (guint i = 0; i < points->len; i++)
    {
      Para p = { PARA_NUMBERED, i + 1, g_strdup (g_ptr_array_index (points, i)), FALSE, 0, NULL };
      g_array_append_val (out, p);
    }
  for (guint i = first; i < rest->len; i++)
    {
      Para p = g_array_index (rest, Para, i);
      p.text = g_strdup (p.text);
      p.links = NULL;
      g_array_append_val (out, p);
    }
  return out;
}

/* The recommendation: who recommends ("Direktionen indstiller, at", from the caption
 * or the first paragraph), the lead, and the points as a list, also where they run
 * on in one paragraph ("at 1) …, 2) …"). */
static void
read_recommendation (ItemReader *r, GArray *paras)
{
  g_autoptr (RefText) text = NULL;
  g_autoptr (GArray) rebuilt = NULL;
  guint first = 0;

  if (paras->len > 0 && g_array_index (paras, Para, 0).kind == PARA_TEXT)
    {
      const char *p0 = g_array_index (paras, Para, 0).text;
      g_autoptr (GMatchInfo) m = NULL;
      g_autoptr (GPtrArray) points = NULL;
      g_autofree char *lead = NULL;

      if (*ref_recommendation_get_by (r->recommendation) == '\0' && ref_pdf_vocab_match (REF_VOCAB_RECOMMENDS, p0, &m))
        {
          g_autofree char *by = ref_pdf_vocab_group (m, "body"), *intro = ref_pdf_vocab_group (m, "intro");
          g_autofree char *rest = ref_pdf_vocab_group (m, "rest");

          ref_recommendation_set_by (r->recommendation, by);
          if (rest == NULL)
            {
              ref_recommendation_set_intro (r->recommendation, intro);
              first = 1;
            }
          else if ((points = split_inline_points (rest, &lead)) != NULL && *lead == '\0')
            {
              /* "Direktionen indstiller, at 1) …, 2) …" */
              ref_recommendation_set_intro (r->recommendation, intro);
              rebuilt = paras_with_points (points, NULL, paras, 1);
            }
          else
            g_clear_pointer (&points, g_ptr_array_unref);
        }
      if (rebuilt == NULL && first == 0 && (points = split_inline_points (p0, &lead)) != NULL)
        rebuilt = paras_with_points (points, lead, paras, 1);
    }
  text = rebuilt ? paras_to_text (rebuilt, 0) : paras_to_text (paras, first);
  ref_recommendation_set_text (r->recommendation, text);
}

static RefVote *
ensure_vote (RefDecision *decision)
{
  if (ref_decision_get_vote (decision) == NULL)
    {
      g_autoptr (RefVote) vote = ref_vote_new (-1, -1, -1);
      ref_decision_set_vote (decision, vote);
    }
  return ref_decision_get_vote (decision);
}

/* "For stemte: 5, A (A), B (B)." → adds to the vote record. */
static gboolean
read_vote_line (RefDecision *decision, const char *text, RefVote **building)
{
  static const struct {
    RefVocabPattern pattern;
    RefVoteChoice choice;
  } forms[] = {
    { REF_VOCAB_VOTE_FOR, REF_VOTE_CHOICE_FOR },
    { REF_VOCAB_VOTE_AGAINST, REF_VOTE_CHOICE_AGAINST },
    { REF_VOCAB_VOTE_ABSTAIN, REF_VOTE_CHOICE_ABSTAIN },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr (GMatchInfo) m = NULL;

      if (ref_pdf_vocab_match (forms[i].pattern, text, &m))
        {
          g_autofree char *count = ref_pdf_vocab_group (m, "count"), *names = g_match_info_fetch_named (m, "names");
          RefVote *old = *building ? *building : ensure_vote (decision);
          int counts[3];
          g_autoptr (RefVote) vote = NULL;

          /* RefVote is an immutable value: rebuild it with the new line added. */
          for (RefVoteChoice c = 0; c < 3; c++)
            counts[c] = ref_vote_get_count (old, c);
          counts[forms[i].choice] = count ? (int) ref_pdf_parse_number (count, 9999) : -1;
          vote = ref_vote_new (counts[0], counts[1], counts[2]);
          for (guint v = 0; v < ref_vote_get_n_voters (old); v++)
            {
              RefVoteChoice c;
              const char *name = ref_vote_get_voter (old, v, &c);
              ref_vote_add_voter (vote, c, name);
            }
          {
            g_auto (GStrv) parts = g_strsplit (names ? names : "", ", ", -1);
            for (guint p = 0; parts[p]; p++)
              if (*g_strstrip (parts[p]))
                ref_vote_add_voter (vote, forms[i].choice, parts[p]);
          }
          ref_vote_set_outcome (vote, ref_vote_get_outcome (old));
          ref_decision_set_vote (decision, vote);
          *building = ref_decision_get_vote (decision);
          return TRUE;
        }
    }
  return FALSE;
}

/* Equal after white space is collapsed. */
static gboolean
same_words (const char *a, const char *b)
{
  g_auto (GStrv) wa = g_strsplit_set (a, " \t\n", -1);
  g_auto (GStrv) wb = g_strsplit_set (b, " \t\n", -1);
  guint i = 0, j = 0;

  for (;;)
    {
      while (wa[i] && *wa[i] == '\0')
        i++;
      while (wb[j] && *wb[j] == '\0')
        j++;
      if (wa[i] == NULL || wb[j] == NULL)
        return wa[i] == NULL && wb[j] == NULL;
      if (!g_str_equal (wa[i], wb[j]))
        return FALSE;
      i++;
      j++;
    }
}

/* Whether the vote line @text, read into a vote record, is printed back in the same
 * words. Minutes are a record: a line that the record would reword ("Undlod at
 * stemme: Ø (1)", "For stemte: 6 (A, V, C og F)") stays text as printed. */
static gboolean
vote_line_reads_back (const char *text)
{
  g_autoptr (RefDecision) scratch = ref_decision_new ();
  RefVote *vote = NULL;

  if (!read_vote_line (scratch, text, &vote))
    return TRUE; /* not a vote line: nothing to reword */
  for (RefVoteChoice c = REF_VOTE_CHOICE_FOR; c <= REF_VOTE_CHOICE_ABSTAIN; c++)
    {
      g_autofree char *line = ref_format_vote_line (vote, c);
      if (line != NULL)
        return same_words (line, text);
    }
  return FALSE;
}

/* The statement a lead sentence (@m, a match of REF_VOCAB_STATEMENT_LEAD) opens;
 * NULL when the record would word the lead otherwise ("X ønskede følgende ført til
 * protokol:"): then it stays text, as printed. */
static RefStatement *
statement_from_lead (GMatchInfo *m, const char *text)
{
  g_autofree char *by = ref_pdf_vocab_group (m, "by"), *what = ref_pdf_vocab_group (m, "what");
  g_autoptr (RefStatement) st = ref_statement_new ();
  g_autofree char *lead = NULL;

  ref_statement_set_kind (st, g_str_has_prefix (what, "mindretal") ? REF_STATEMENT_KIND_MINORITY
                                                                    : REF_STATEMENT_KIND_PROTOCOL);
  ref_statement_set_by (st, by);
  lead = ref_format_statement_lead (st);
  return lead != NULL && same_words (lead, text) ? g_steal_pointer (&st) : NULL;
}

static void
append_paragraph (RefText *text, const char *paragraph)
{
  ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)), paragraph,
                          REF_STYLE_NONE, NULL);
}

/* A decision's paragraphs: text, then possibly a vote record and its outcome, then
 * statements ("X ønskede at afgive følgende mindretalsudtalelse:" and the quoted
 * paragraphs; "X benyttede standsningsretten …"). */
static void
read_decision (ItemReader *r, GArray *paras)
{
  GRegex *outcome = ref_pdf_vocab (REF_VOCAB_VOTE_OUTCOME);
  GRegex *statement_lead = ref_pdf_vocab (REF_VOCAB_STATEMENT_LEAD);
  GRegex *named_action = ref_pdf_vocab (REF_VOCAB_NAMED_ACTION);
  g_autoptr (RefText) text = ref_text_new ();
  guint words = 0;
  RefVote *vote = NULL;
  RefStatement *statement = NULL; /* the statement paragraphs are going to */
  g_autoptr (RefText) statement_text = NULL;
  gboolean structured = FALSE, votes_as_printed = FALSE;

  /* One vote line that the record would reword keeps all of them as printed, in
   * their order. */
  for (guint i = 0; i < paras->len && !votes_as_printed; i++)
    if (g_array_index (paras, Para, i).kind == PARA_TEXT && !vote_line_reads_back (g_array_index (paras, Para, i).text))
      votes_as_printed = TRUE;

  for (guint i = 0; i < paras->len; i++)
    {
      Para *p = &g_array_index (paras, Para, i);
      g_autoptr (GMatchInfo) m = NULL;
      g_autoptr (RefStatement) opened = NULL;

      if (p->kind == PARA_TEXT && !votes_as_printed && read_vote_line (r->decision, p->text, &vote))
        {
          structured = TRUE;
          continue;
        }
      if (vote != NULL && statement == NULL && g_regex_match (outcome, p->text, 0, NULL))
        {
          g_autoptr (RefVote) copy = ref_vote_new (ref_vote_get_count (vote, 0), ref_vote_get_count (vote, 1),
                                                    ref_vote_get_count (vote, 2));
          for (guint v = 0; v < ref_vote_get_n_voters (vote); v++)
            {
              RefVoteChoice c;
              const char *name = ref_vote_get_voter (vote, v, &c);
              ref_vote_add_voter (copy, c, name);
            }
          ref_vote_set_outcome (copy, p->text);
          ref_decision_set_vote (r->decision, copy);
          vote = ref_decision_get_vote (r->decision);
          continue;
        }
      words += ref_pdf_text_count_chars (p->text) / 6;
      if (g_regex_match (statement_lead, p->text, 0, &m) && (opened = statement_from_lead (m, p->text)) != NULL)
        {
          if (statement != NULL)
            ref_statement_set_text (statement, statement_text);
          g_clear_pointer (&statement_text, ref_text_unref);
          ref_statement_set_participant (opened, ref_pdf_match_participant (r->imp->meeting, ref_statement_get_by (opened)));
          ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (r->decision)), opened);
          statement = opened;
          statement_text = ref_text_new ();
          structured = TRUE;
          continue;
        }
      g_clear_pointer (&m, g_match_info_free);
      /* After a vote or statement, a sentence led by a name is a statement of its
       * own: a referral (standsningsret) or another request. */
      if (structured && g_regex_match (named_action, p->text, 0, &m))
        {
          g_autofree char *by = ref_pdf_vocab_group (m, "by");
          g_autoptr (RefStatement) st = ref_statement_new ();
          gboolean referral = ref_pdf_vocab_match (REF_VOCAB_REFERRAL, p->text, NULL);

          if (statement != NULL)
            ref_statement_set_text (statement, statement_text);
          g_clear_pointer (&statement_text, ref_text_unref);
          ref_statement_set_kind (st, referral ? REF_STATEMENT_KIND_REFERRAL : REF_STATEMENT_KIND_OTHER);
          ref_statement_set_by (st, by);
          ref_statement_set_participant (st, ref_pdf_match_participant (r->imp->meeting, by));
          ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (r->decision)), st);
          statement = st;
          statement_text = ref_text_new ();
          append_paragraph (statement_text, p->text);
          continue;
        }
      if (statement != NULL)
        append_paragraph (statement_text, p->text);
      else
        {
          g_autoptr (GArray) one = g_array_new (FALSE, TRUE, sizeof (Para));
          g_autoptr (RefText) piece = NULL;
          g_array_append_vals (one, p, 1);
          piece = paras_to_text (one, 0);
          g_array_set_size (one, 0); /* the Para's text belongs to @paras */
          /* Merge into the decision text, keeping list entries together. */
          for (guint b = 0; b < ref_text_get_n_blocks (piece); b++)
            {
              RefTextBlock *src = ref_text_get_block (piece, b);
              RefTextBlock *dst = NULL;
              guint nb = ref_text_get_n_blocks (text);
              if (nb > 0 && ref_text_block_get_kind (ref_text_get_block (text, nb - 1)) == ref_text_block_get_kind (src)
                  && ref_text_block_get_kind (src) != REF_BLOCK_PARAGRAPH)
                dst = ref_text_get_block (text, nb - 1);
              else
                {
                  dst = ref_text_append_block (text, ref_text_block_get_kind (src));
                  ref_text_block_set_start (dst, ref_text_block_get_start (src));
                }
              if (ref_text_block_get_kind (src) == REF_BLOCK_TABLE)
                {
                  for (guint rr = 0; rr < ref_text_block_get_n_rows (src); rr++)
                    {
                      RefTextRow *srow = ref_text_block_get_row (src, rr);
                      RefTextRow *drow = ref_text_block_append_row (dst, ref_text_row_get_header (srow));
                      for (guint c = 0; c < ref_text_row_get_n_cells (srow); c++)
                        {
                          g_autofree char *cell = ref_text_inline_to_plain (ref_text_row_get_cell (srow, c));
                          ref_text_inline_append (ref_text_row_append_cell (drow), cell, REF_STYLE_NONE, NULL);
                        }
                    }
                }
              else
                for (guint it = 0; it < ref_text_block_get_n_items (src); it++)
                  {
                    RefTextInline *inl = ref_text_block_get_item (src, it);
                    RefTextInline *d = ref_text_block_append_item (dst);
                    for (guint rn = 0; rn < inl->len; rn++)
                      {
                        RefTextRun *run = g_ptr_array_index (inl, rn);
                        ref_text_inline_append (d, run->text, run->style, run->href);
                      }
                  }
            }
        }
    }
  if (statement != NULL)
    ref_statement_set_text (statement, statement_text);
  ref_decision_set_text (r->decision, text);
  /* A decision is a few sentences; one that runs on for pages has probably taken
   * in text that is not its own. */
  r->imp->decisions++;
  if (words > 150)
    r->imp->long_decisions++;
}

/* Which column of a table's header row says what: -1 when none does. */
static int
decision_column (GStrv header, RefVocabPattern pattern)
{
  for (guint c = 0; header[c]; c++)
    {
      g_autofree char *cell = g_strstrip (g_strdup (header[c]));
      if (ref_pdf_vocab_match (pattern, cell, NULL))
        return (int) c;
    }
  return -1;
}

/* The decisions of every meeting as a table, one row each ("Udvalg | Dato |
 * Beslutning"): a decision per row, with body and date from their columns. What
 * follows the table belongs to the last one. Returns FALSE, taking nothing, when
 * the part does not start with such a table. */
static gboolean
read_decision_table (ItemReader *r, GArray *paras)
{
  g_auto (GStrv) header = NULL;
  int body_col, date_col, text_col;
  guint rows = 0;
  RefDecision *first = r->decision;

  if (paras->len < 2 || g_array_index (paras, Para, 0).kind != PARA_ROW)
    return FALSE;
  header = g_strsplit (g_array_index (paras, Para, 0).text, "\t", -1);
  body_col = decision_column (header, REF_VOCAB_DECISION_COLUMN_BODY);
  date_col = decision_column (header, REF_VOCAB_DECISION_COLUMN_DATE);
  text_col = decision_column (header, REF_VOCAB_DECISION_COLUMN_TEXT);
  if (text_col < 0 || (body_col < 0 && date_col < 0) || g_array_index (paras, Para, 1).kind != PARA_ROW)
    return FALSE;

  for (guint i = 1; i < paras->len && g_array_index (paras, Para, i).kind == PARA_ROW; i++)
    rows = i;
  for (guint i = 1; i <= rows; i++)
    {
      g_auto (GStrv) cells = g_strsplit (g_array_index (paras, Para, i).text, "\t", -1);
      guint n = g_strv_length (cells);
      g_autoptr (GArray) own = g_array_new (FALSE, TRUE, sizeof (Para));
      g_autoptr (RefDecision) decision = i == 1 ? g_object_ref (first) : ref_decision_new ();
      Para text = { PARA_TEXT, 0, (guint) text_col < n ? g_strstrip (cells[text_col]) : (char *) "", FALSE,
                    g_array_index (paras, Para, i).page, NULL };
      int y, mo, d;

      if (body_col >= 0 && (guint) body_col < n && *g_strstrip (cells[body_col]))
        ref_decision_set_deciding_body (decision, cells[body_col]);
      if (date_col >= 0 && (guint) date_col < n && ref_pdf_parse_danish_date (cells[date_col], &y, &mo, &d, NULL))
        {
          g_autoptr (GDateTime) dt = ref_pdf_date_time (y, mo, d, 0);
          ref_decision_set_date (decision, dt);
        }
      g_array_append_val (own, text);
      /* (The Paras' texts belong to @paras and @cells.) */
      if (i == rows)
        g_array_append_vals (own, &g_array_index (paras, Para, rows + 1), paras->len - rows - 1);
      r->decision = decision;
      read_decision (r, own);
      ref_agenda_item_add_decision (r->item, decision);
      g_array_set_size (own, 0);
    }
  r->decision = first;
  return TRUE;
}

/* One attachment per line: a line continues the one above only when that one ran to
 * the right margin (a wrapped title). */
static GArray *
attachment_entries (Importer *imp, GArray *indices)
{
  g_autoptr (GArray) single = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *paras = g_array_new (FALSE, TRUE, sizeof (Para));
  Line *prev = NULL;

  g_array_set_clear_func (paras, para_clear);
  for (guint k = 0; k <= indices->len; k++)
    {
      Line *line = k < indices->len ? importer_line (imp, g_array_index (indices, guint, k)) : NULL;
      gboolean wrapped = line && prev && line->pdf->page == prev->pdf->page && prev->pdf->x1 > imp->right_margin - 30;

      if (!wrapped && single->len > 0)
        {
          g_autoptr (GArray) one = build_paras (imp, single);
          if (one->len > 0)
            {
              Para p = g_array_index (one, Para, 0);
              GString *all = g_string_new (p.text);
              for (guint i = 1; i < one->len; i++)
                g_string_append_printf (all, " %s", g_array_index (one, Para, i).text);
              p.text = g_string_free (all, FALSE);
              p.links = NULL;
              g_array_append_val (paras, p);
            }
          g_array_set_size (single, 0);
        }
      if (line == NULL)
        break;
      g_array_append_val (single, g_array_index (indices, guint, k));
      prev = line;
    }
  return paras;
}

static void
read_attachments (ItemReader *r, GArray *paras)
{
  GRegex *count = ref_pdf_vocab (REF_VOCAB_ATTACHMENT_COUNT);
  GRegex *recommended = ref_pdf_vocab (REF_VOCAB_ATTACHMENT_RECOMMENDED);
  GRegex *file = ref_pdf_vocab (REF_VOCAB_ATTACHMENT_FILE);

  for (guint i = 0; i < paras->len; i++)
    {
      Para *p = &g_array_index (paras, Para, i);
      g_autoptr (RefAttachment) a = NULL;
      g_autofree char *title = NULL;

      /* "4 bilag, heraf 3 anbefales" is derived from the list itself. */
      if (g_regex_match (count, p->text, 0, NULL))
        continue;
      a = ref_attachment_new ();
      if (g_regex_match (recommended, p->text, 0, NULL))
        {
          ref_attachment_set_recommended (a, TRUE);
          title = g_regex_replace_literal (recommended, p->text, -1, 0, "", 0, NULL);
        }
      else
        title = g_strdup (p->text);
      ref_attachment_set_title (a, title);
      if (g_regex_match (file, title, 0, NULL))
        ref_attachment_set_filename (a, title);
      ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_attachments (r->item)), a);
    }
}

static void
add_prior_decision (ItemReader *r, const char *body, const char *date, const char *reference, RefText *text)
{
  g_autoptr (RefDecision) d = ref_decision_new ();
  int y, mo, day;

  ref_decision_set_deciding_body (d, body);
  ref_decision_set_reference (d, reference);
  if (date != NULL && ref_pdf_parse_danish_date (date, &y, &mo, &day, NULL))
    {
      g_autoptr (GDateTime) dt = ref_pdf_date_time (y, mo, day, 0);
      ref_decision_set_date (d, dt);
    }
  ref_decision_set_text (d, text);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_prior_decisions (r->item)), d);
}

/* "Beslutning fra Udvalget for Læring, 7. juni 2021, pkt. 48": a decision of another
 * body quoted in the case. */
static void
read_prior_decision (ItemReader *r, GArray *paras)
{
  g_autoptr (RefText) text = paras_to_text (paras, 0);

  add_prior_decision (r, r->caption.body, r->caption.date, r->caption.reference, text);
}

/* A "Sagsgang": the bodies a case goes through, one line ("Økonomiudvalget,
 * Byrådet", "ØU → BY"). NULL when the text is sentences, not a route. */
static GStrv
route_of (GArray *paras)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; i < paras->len; i++)
    {
      const char *text = g_array_index (paras, Para, i).text;
      g_auto (GStrv) bodies = NULL;

      if (g_utf8_strlen (text, -1) > 200)
        return NULL;
      bodies = g_regex_split (ref_pdf_vocab (REF_VOCAB_ROUTE_SEPARATOR), text, 0);
      for (guint b = 0; bodies[b]; b++)
        {
          g_auto (GStrv) words = NULL;

          g_strstrip (bodies[b]);
          if (*bodies[b] == '\0')
            continue;
          /* A body's name: capitalised, a few words, no digits, no sentence. */
          words = g_strsplit (bodies[b], " ", 8);
          if (!g_unichar_isupper (g_utf8_get_char (bodies[b])) || strpbrk (bodies[b], "0123456789:.") != NULL
              || g_strv_length (words) > 7)
            return NULL;
          g_strv_builder_add (builder, bodies[b]);
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static void
add_section (ItemReader *r, RefSectionKind kind, const char *heading, RefText *text)
{
  g_autoptr (RefSection) section = ref_section_new ();

  ref_section_set_kind (section, kind);
  if (heading != NULL && (kind == REF_SECTION_KIND_FREE || g_strcmp0 (heading, ref_section_kind_default_heading (kind)) != 0))
    ref_section_set_heading (section, heading);
  ref_section_set_text (section, text);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_sections (r->item)), section);
}

/* "Sagsforløb": the decisions of earlier meetings, one per paragraph
 * ("Økonomiudvalget, 19.05.2020, pkt. 12: Orienteret."), become prior decisions with
 * body, date and reference; a route becomes the case route; anything else stays a
 * section. */
static void
read_history (ItemReader *r, const char *heading, GArray *paras)
{
  g_autoptr (GArray) before = g_array_new (FALSE, TRUE, sizeof (Para));
  g_autoptr (RefText) text = NULL;
  g_autofree char *body = NULL, *date = NULL, *reference = NULL;
  g_auto (GStrv) route = NULL;
  guint entries = 0;

  for (guint i = 0; i <= paras->len; i++)
    {
      Para *p = i < paras->len ? &g_array_index (paras, Para, i) : NULL;
      g_autoptr (GMatchInfo) m = NULL;

      if (p != NULL && (p->kind != PARA_TEXT || !ref_pdf_vocab_match (REF_VOCAB_HISTORY_ENTRY, p->text, &m)))
        {
          /* More text of the entry above. */
          if (text != NULL)
            {
              g_autoptr (GArray) one = g_array_new (FALSE, TRUE, sizeof (Para));
              g_autoptr (RefText) more = NULL;
              g_autofree char *plain = NULL;

              g_array_append_vals (one, p, 1);
              more = paras_to_text (one, 0);
              g_array_set_size (one, 0);
              plain = ref_text_to_plain (more);
              ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)), plain,
                                      REF_STYLE_NONE, NULL);
            }
          else
            g_array_append_vals (before, p, 1);
          continue;
        }
      if (text != NULL)
        add_prior_decision (r, body, date, reference, text);
      g_clear_pointer (&text, ref_text_unref);
      g_clear_pointer (&body, g_free);
      g_clear_pointer (&date, g_free);
      g_clear_pointer (&reference, g_free);
      if (p == NULL)
        break;
      body = ref_pdf_vocab_group (m, "body");
      date = ref_pdf_vocab_group (m, "date");
      reference = ref_pdf_vocab_group (m, "ref");
      {
        g_autofree char *said = ref_pdf_vocab_group (m, "text");
        text = ref_text_new ();
        ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)), said,
                                REF_STYLE_NONE, NULL);
      }
      entries++;
    }
  if (before->len == 0)
    {
      g_array_set_size (before, 0);
      return;
    }
  if (entries == 0 && (route = route_of (before)) != NULL)
    ref_agenda_item_set_case_route (r->item, (const char *const *) route);
  else
    {
      g_autoptr (RefText) rest = paras_to_text (before, 0);
      add_section (r, REF_SECTION_KIND_PREVIOUS, heading, rest);
    }
  /* The Para texts belong to @paras. */
  g_array_set_size (before, 0);
}

/* One attendance line of an item: "Afbud Dorte Dahl (…), Stine …", "Fraværende:
 * Birgit Jakobsen", "Fraværende uden afbud: X", "X deltog som stedfortræder for Y",
 * "X erklærede sig inhabil og forlod mødet under behandlingen af punktet.
 * Begrundelse: …". */
static void
read_absence (ItemReader *r)
{
  GRegex *label = ref_pdf_vocab (REF_VOCAB_ABSENCE_LABEL);
  GRegex *substitute = ref_pdf_vocab (REF_VOCAB_ITEM_SUBSTITUTE);
  GRegex *disqualified = ref_pdf_vocab (REF_VOCAB_DISQUALIFIED);
  g_autoptr (GMatchInfo) m = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autofree char *list = NULL;

  if (g_regex_match (substitute, r->absence->str, 0, &m))
    {
      g_autofree char *who = ref_pdf_vocab_group (m, "who"), *whom = ref_pdf_vocab_group (m, "whom");
      RefParticipant *s = ref_pdf_match_participant (r->imp->meeting, who);
      RefParticipant *a = ref_pdf_match_participant (r->imp->meeting, whom);

      /* Stated on every item; the meeting-level record is what the model keeps. */
      if (s != NULL && a != NULL && ref_participant_get_substitute_for (s) == NULL)
        ref_participant_set_substitute_for (s, a);
      g_string_truncate (r->absence, 0);
      return;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (disqualified, r->absence->str, 0, &m))
    {
      g_autofree char *who = ref_pdf_vocab_group (m, "who"), *how = g_match_info_fetch_named (m, "how");
      g_autofree char *why = ref_pdf_vocab_group (m, "why");
      RefParticipant *p = ref_pdf_match_participant (r->imp->meeting, who);

      if (p != NULL)
        {
          g_autoptr (RefDisqualification) d = ref_disqualification_new ();
          ref_disqualification_set_participant (d, p);
          ref_disqualification_set_left (d, how != NULL && strstr (how, "forlod") != NULL);
          ref_disqualification_set_reason (d, why);
          ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (r->item)), d);
        }
      g_string_truncate (r->absence, 0);
      return;
    }

  r->any_absence_line = TRUE;
  list = g_regex_replace_literal (label, r->absence->str, -1, 0, "", 0, NULL);
  names = ref_pdf_split_names (list);
  for (guint i = 0; i < names->len; i++)
    {
      RefParticipant *p = ref_pdf_match_participant (r->imp->meeting, g_ptr_array_index (names, i));
      if (p == NULL)
        {
          g_autoptr (RefParticipant) added = ref_participant_new ();
          g_autofree char *name = g_strdup (g_ptr_array_index (names, i));
          char *paren = strchr (name, '(');
          if (paren)
            *paren = '\0';
          ref_participant_set_name (added, g_strstrip (name));
          ref_participant_set_attendance (added, REF_ATTENDANCE_PRESENT);
          ref_meeting_add_participant (r->imp->meeting, added);
          importer_warn (r->imp, r->absence_page, g_ptr_array_index (names, i),
                         _("Someone absent for an item was not in the list of participants; they were added."));
          p = added;
        }
      if (!g_ptr_array_find (r->absent_found, p, NULL))
        g_ptr_array_add (r->absent_found, p);
    }
  g_string_truncate (r->absence, 0);
}

/* The names of all the item's absence lines, compared with the absence derived from
 * the meeting's attendance: only a difference is recorded, as an override. */
static void
settle_absence (ItemReader *r)
{
  g_autoptr (GPtrArray) derived = NULL;
  gboolean same;

  if (!r->any_absence_line)
    return;
  derived = ref_meeting_compute_absent (r->imp->meeting, r->item);
  same = derived->len == r->absent_found->len;
  for (guint i = 0; same && i < r->absent_found->len; i++)
    same = g_ptr_array_find (derived, g_ptr_array_index (r->absent_found, i), NULL);
  if (!same)
    {
      ref_agenda_item_set_absence_overridden (r->item, TRUE);
      for (guint i = 0; i < r->absent_found->len; i++)
        ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (r->item)),
                               g_ptr_array_index (r->absent_found, i));
    }
}

static void
finish_part (ItemReader *r, const char *heading)
{
  g_autoptr (GArray) paras = build_paras (r->imp, r->lines);

  switch (r->kind)
    {
    case PART_PREAMBLE:
    case PART_UNTITLED:
      if (paras->len == 0)
        break;
      /* Text right under the title, before any heading (Meddelelser), or text after a
       * decision that is not the decision's. */
      {
        g_autoptr (RefText) text = paras_to_text (paras, 0);
        ref_agenda_item_add_section (r->item, REF_SECTION_KIND_FREE, NULL, text);
        if (r->kind == PART_UNTITLED)
          r->imp->untitled_parts++;
      }
      break;
    case PART_CONTENT_HEADING:
    case PART_SECTION:
      {
        g_autoptr (RefText) text = paras_to_text (paras, 0);
        ref_section_set_text (r->section, text);
        ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_sections (r->item)), r->section);
      }
      break;
    case PART_RECOMMENDATION:
      read_recommendation (r, paras);
      ref_agenda_item_set_recommendation (r->item, r->recommendation);
      break;
    case PART_DECISION:
      if (read_decision_table (r, paras))
        break;
      read_decision (r, paras);
      ref_agenda_item_add_decision (r->item, r->decision);
      break;
    case PART_PRIOR_DECISION:
      read_prior_decision (r, paras);
      break;
    case PART_ATTACHMENTS:
      {
        g_autoptr (GArray) entries = attachment_entries (r->imp, r->lines);
        read_attachments (r, entries);
      }
      break;
    case PART_DECIDED_BY:
      {
        GString *who = g_string_new (NULL);
        for (guint i = 0; i < paras->len; i++)
          g_string_append_printf (who, "%s%s", i ? " " : "", g_array_index (paras, Para, i).text);
        ref_agenda_item_set_decided_by (r->item, who->str);
        g_string_free (who, TRUE);
      }
      break;
    case PART_CASE_ROUTE:
      {
        g_auto (GStrv) route = route_of (paras);
        if (route != NULL)
          ref_agenda_item_set_case_route (r->item, (const char *const *) route);
        else if (paras->len > 0)
          {
            /* Sentences about the case's way, not a list of bodies. */
            g_autoptr (RefText) text = paras_to_text (paras, 0);
            add_section (r, REF_SECTION_KIND_FREE, heading, text);
          }
      }
      break;
    case PART_HISTORY:
      read_history (r, heading, paras);
      break;
    default:
      break;
    }
  g_clear_object (&r->section);
  g_clear_object (&r->recommendation);
  g_clear_object (&r->decision);
  ref_pdf_caption_clear (&r->caption);
  r->first_line = NULL;
  g_array_set_size (r->lines, 0);
}

/* Starts the part a caption introduces. @caption (may be NULL) is what the
 * vocabulary made of it, taken over by the reader. */
static void
start_part (ItemReader *r, const char *heading, Line *line, RefCaption *caption)
{
  double heading_size = r->imp->heading_size > 0 ? r->imp->heading_size : line->pdf->size;
  RefSectionKind kind = REF_SECTION_KIND_FREE;
  int y, mo, d;

  g_ptr_array_add (r->headings, g_strdup (heading));
  if (caption != NULL)
    {
      r->caption = *caption;
      memset (caption, 0, sizeof *caption);
    }
  else if (!ref_pdf_caption_parse (heading, &r->caption))
    r->imp->captions_unknown++;
  r->imp->captions++;

  switch (r->caption.role)
    {
    case REF_CAPTION_PRIOR_DECISION:
      r->kind = PART_PRIOR_DECISION;
      return;
    case REF_CAPTION_DECIDED_BY:
      r->kind = PART_DECIDED_BY;
      return;
    case REF_CAPTION_DECISION:
      r->kind = PART_DECISION;
      r->decision = ref_decision_new ();
      if (r->caption.body != NULL)
        ref_decision_set_deciding_body (r->decision, r->caption.body);
      if (r->caption.date != NULL && ref_pdf_parse_danish_date (r->caption.date, &y, &mo, &d, NULL))
        {
          g_autoptr (GDateTime) dt = ref_pdf_date_time (y, mo, d, 0);
          ref_decision_set_date (r->decision, dt);
        }
      return;
    case REF_CAPTION_RECOMMENDATION:
      r->kind = PART_RECOMMENDATION;
      r->recommendation = ref_recommendation_new ();
      if (r->caption.intro != NULL)
        {
          ref_recommendation_set_by (r->recommendation, r->caption.body);
          ref_recommendation_set_intro (r->recommendation, r->caption.intro);
        }
      return;
    case REF_CAPTION_ATTACHMENTS:
      r->kind = PART_ATTACHMENTS;
      return;
    case REF_CAPTION_CASE_ROUTE:
      r->kind = PART_CASE_ROUTE;
      return;
    case REF_CAPTION_HISTORY:
      r->kind = PART_HISTORY;
      return;
    case REF_CAPTION_SECTION:
      kind = r->caption.section;
      break;
    case REF_CAPTION_NONE:
    default:
      break;
    }

  r->kind = PART_SECTION;
  r->section = ref_section_new ();
  ref_section_set_kind (r->section, kind);
  /* Keep the printed heading unless it is exactly the standard one. */
  if (kind == REF_SECTION_KIND_FREE || g_strcmp0 (heading, ref_section_kind_default_heading (kind)) != 0)
    ref_section_set_heading (r->section, heading);
  if (line->pdf->size < heading_size - 0.4)
    ref_section_set_level (r->section, 2);
}

/* The caption of the part just started went on in the next line ("Økonomiske
 * konsekvenser og" / "finansiering"): the part starts again under the whole
 * caption, which the vocabulary may know where its first line alone was not. The
 * part's lines so far stay. */
static void
restart_part (ItemReader *r, const char *heading, Line *line)
{
  if (r->caption.role == REF_CAPTION_NONE)
    r->imp->captions_unknown--;
  r->imp->captions--;
  g_ptr_array_remove_index (r->headings, r->headings->len - 1);
  g_clear_object (&r->section);
  g_clear_object (&r->recommendation);
  g_clear_object (&r->decision);
  ref_pdf_caption_clear (&r->caption);
  start_part (r, heading, line, NULL);
}

static gboolean
starts_absence (const char *text)
{
  return ref_pdf_vocab_match (REF_VOCAB_ABSENCE_LINE, text, NULL);
}

static gboolean
is_known_caption (const char *text)
{
  RefCaption caption;
  gboolean known = ref_pdf_caption_parse (text, &caption);

  ref_pdf_caption_clear (&caption);
  return known;
}

/* A decision ends where its caption's part would, or earlier: at a block of another
 * kind than the decision's own text (another size or style, a table), which is
 * text the decision does not own. */
static gboolean
ends_decision (ItemReader *r, Line *line)
{
  Line *first = r->first_line;
  ParaKind kind;
  guint number;
  const char *rest;

  if (r->kind != PART_DECISION || first == NULL || line == first)
    return FALSE;
  if (starts_vote_line (LINE_TEXT (line)) || match_list_marker (LINE_TEXT (line), &kind, &number, &rest))
    return FALSE;
  /* The rest of a cell of the table above. */
  if (r->lines->len > 0)
    {
      Line *prev = importer_line (r->imp, g_array_index (r->lines, guint, r->lines->len - 1));
      Line *row = NULL;
      for (guint k = r->lines->len; k > 0 && row == NULL; k--)
        {
          Line *l = importer_line (r->imp, g_array_index (r->lines, guint, k - 1));
          if (l->skip == 0 && l->pdf->cells->len > 1)
            row = l;
        }
      if (continues_row (row, prev, line))
        return FALSE;
    }
  return fabs (line->pdf->size - first->pdf->size) > 0.6 || line->pdf->italic != first->pdf->italic
         || (strchr (LINE_TEXT (line), '\t') != NULL) != (strchr (LINE_TEXT (first), '\t') != NULL);
}

/* Lines among the items that belong to the meeting, not to the item they follow:
 * "Mødet sluttede kl. 20.10" after the last item, and the headings of the agenda's
 * parts ("Lukket dagsorden"), after which the items are closed. */
static gboolean
is_meeting_furniture (Importer *imp, Line *line)
{
  const char *text = line->pdf->text;

  if (g_utf8_strlen (text, -1) > 60)
    return FALSE;
  if (ref_pdf_vocab_match (REF_VOCAB_MEETING_ENDED, text, NULL))
    {
      ref_pdf_read_meeting_end (imp, text);
      return TRUE;
    }
  if ((line->pdf->bold || line->pdf->size > imp->body_size + 0.9) && ref_pdf_vocab_match (REF_VOCAB_TOC_PART, text, NULL)
      && !is_known_caption (text))
    {
      imp->closed_part = ref_pdf_vocab_match (REF_VOCAB_TOC_CLOSED_PART, text, NULL);
      return TRUE;
    }
  return FALSE;
}

void
ref_pdf_read_item_body (Importer *imp, RefAgendaItem *item, guint first, guint last)
{
  ItemReader r = { 0 };
  Line *prev = NULL;
  Line *heading_line = NULL;
  Line *margin_line = NULL; /* the last line with a caption in the margin column */
  g_autofree char *heading = NULL;

  r.imp = imp;
  r.item = item;
  r.kind = PART_PREAMBLE;
  r.lines = g_array_new (FALSE, FALSE, sizeof (guint));
  r.headings = g_ptr_array_new_with_free_func (g_free);
  r.absence = g_string_new (NULL);
  r.absent_found = g_ptr_array_new ();

  for (guint i = first; i < last; i++)
    {
      Line *line = importer_line (imp, i);
      RefCaption caption = { 0 };
      gsize skip;

      if (line->role != ROLE_BODY)
        continue;
      line->skip = 0;
      if (is_meeting_furniture (imp, line))
        {
          line->used = TRUE;
          continue;
        }
      /* An absence line runs to the end of its paragraph. */
      if (r.absence->len > 0)
        {
          if (prev && line->pdf->page == prev->pdf->page && line->pdf->y0 - prev->pdf->y0 < 1.55 * line->pdf->size
              && !is_part_heading (imp, line) && !starts_absence (line->pdf->text) && inline_caption (line, &caption) == 0)
            {
              g_string_append_c (r.absence, ' ');
              g_string_append (r.absence, line->pdf->text);
              line->used = TRUE;
              prev = line;
              continue;
            }
          ref_pdf_caption_clear (&caption);
          read_absence (&r);
        }
      if (starts_absence (line->pdf->text) && !is_part_heading (imp, line))
        {
          g_string_assign (r.absence, line->pdf->text);
          r.absence_page = line->pdf->page + 1;
          line->used = TRUE;
          prev = line;
          continue;
        }
      /* "Sagsbeskrivelse ⇥ Lokalplanen giver …": the caption in the margin column
       * starts a part (or goes on with the caption of the line above); the rest of
       * the line is text. */
      {
        g_autofree char *label = NULL;

        if ((skip = margin_caption (imp, line, &label)) > 0)
          {
            RefPdfCell *cell = &g_array_index (line->pdf->cells, RefPdfCell, 0);
            RefPdfCell *above = margin_line ? &g_array_index (margin_line->pdf->cells, RefPdfCell, 0) : NULL;

            g_autofree char *joined = heading ? g_strconcat (heading, " ", label, NULL) : NULL;

            /* Wrapped: right below an unknown caption, and no caption of its own unless
             * the two lines make a known one. */
            if (above != NULL && heading != NULL && margin_line->pdf->page == line->pdf->page && fabs (above->x0 - cell->x0) < 2
                && line->pdf->y0 - margin_line->pdf->y0 < 1.6 * line->pdf->size && !is_known_caption (heading)
                && (!is_known_caption (label) || is_known_caption (joined)))
              {
                g_free (heading);
                heading = g_steal_pointer (&joined);
                restart_part (&r, heading, line);
              }
            else
              {
                finish_part (&r, heading);
                g_free (heading);
                heading = g_steal_pointer (&label);
                start_part (&r, heading, line, NULL);
              }
            heading_line = NULL;
            margin_line = line;
            line->used = TRUE;
            if (line->pdf->text[skip] != '\0')
              {
                line->skip = skip;
                if (r.first_line == NULL)
                  r.first_line = line;
                g_array_append_val (r.lines, i);
              }
            prev = line;
            continue;
          }
      }
      /* "Indstilling: …": the caption starts a part, the rest of the line is its
       * first text. */
      if ((skip = inline_caption (line, &caption)) > 0)
        {
          finish_part (&r, heading);
          g_free (heading);
          heading = g_strdup (caption.text);
          heading_line = NULL;
          start_part (&r, caption.text, line, &caption);
          line->skip = skip;
          r.first_line = line;
          g_array_append_val (r.lines, i);
          prev = line;
          continue;
        }
      if (is_part_heading (imp, line))
        {
          /* A heading wrapped onto a second line set the same way, right below. */
          if (prev != NULL && heading != NULL && r.lines->len == 0 && prev->pdf->bold && line->pdf->page == prev->pdf->page
              && fabs (prev->pdf->size - line->pdf->size) < 0.3 && line->pdf->y0 - prev->pdf->y0 < 1.6 * line->pdf->size
              && !is_known_caption (heading) && !is_known_caption (line->pdf->text))
            {
              char *joined = g_strconcat (heading, " ", line->pdf->text, NULL);
              g_free (heading);
              heading = joined;
              restart_part (&r, heading, heading_line);
              line->used = TRUE;
              prev = line;
              continue;
            }
          /* A section heading with no text of its own, followed by a smaller heading,
           * groups the sections below it ("Indhold", "Sagsfremstilling" over
           * "Sammendrag", "Baggrund" …). */
          if (r.kind == PART_SECTION && r.lines->len == 0 && heading_line != NULL
              && line->pdf->size < heading_line->pdf->size - 0.3)
            {
              ref_section_set_kind (r.section, REF_SECTION_KIND_CONTENT);
              ref_section_set_heading (r.section, g_str_equal (heading, ref_section_kind_default_heading (REF_SECTION_KIND_CONTENT))
                                                      ? NULL
                                                      : heading);
              ref_section_set_level (r.section, 1);
            }
          finish_part (&r, heading);
          g_free (heading);
          heading = g_strdup (line->pdf->text);
          heading_line = line;
          line->used = TRUE;
          start_part (&r, heading, line, NULL);
          prev = line;
          continue;
        }
      if (ends_decision (&r, line))
        {
          finish_part (&r, heading);
          r.kind = PART_UNTITLED;
        }
      if (r.first_line == NULL)
        r.first_line = line;
      g_array_append_val (r.lines, i);
      prev = line;
    }
  if (r.absence->len > 0)
    read_absence (&r);
  finish_part (&r, heading);
  settle_absence (&r);
  g_ptr_array_unref (r.absent_found);

  g_ptr_array_add (imp->item_headings, g_steal_pointer (&r.headings));
  g_array_unref (r.lines);
  g_string_free (r.absence, TRUE);
}
