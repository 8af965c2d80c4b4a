/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-esdh-private.h"
#include "ref-xml.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/*
 * HTML fields of an export → RefText. The case systems store what their editors
 * produced: Word paste with spans and "&nbsp;" paragraphs, lists, tables, now and then
 * a script or an event handler. libxml2's HTML parser builds the tree; this file
 * walks it and keeps what the model can hold: paragraphs with line breaks, bullet and
 * numbered lists, tables, bold/italic/underline and safe links. Nested lists are
 * flattened and blocks inside list entries or table cells become line breaks, because
 * RefText has neither. Inline text is collected in scratch RefTextInlines first, so
 * that empty paragraphs, entries and tables never reach the text.
 */

/* Elements whose content is never text of the minutes. */
static const char *const dropped_elements[] = {
  "script", "style", "head", "title", "meta", "link", "noscript", "template", "iframe", "frame", "frameset",
  "object", "embed", "applet", "param", "svg", "math", "canvas", "audio", "video", "source", "track", "img",
  "map", "area", "form", "input", "select", "option", "textarea", "button", "datalist", "xml", NULL,
};

/* Elements that end the paragraph before and after them. */
static const char *const block_elements[] = {
  "p", "div", "center", "blockquote", "address", "section", "article", "header", "footer", "main", "aside",
  "nav", "figure", "figcaption", "dl", "dt", "dd", "pre", "fieldset", "details", "summary", "caption",
  "legend", "body", "html", NULL,
};

typedef struct {
  gboolean header;
  GPtrArray *cells; /* RefTextInline* (scratch) */
} ScratchRow;

typedef struct {
  GPtrArray *segments;   /* EsdhSegment* */
  RefText *text;         /* the last segment's text */
  gboolean flat;         /* headings become bold paragraphs, no new segments */

  RefStyle style;
  const char *href;

  RefTextInline *para;   /* the open paragraph (scratch), or NULL */

  GPtrArray *list;       /* scratch entries of the open list, or NULL */
  RefBlockKind list_kind;
  guint list_start;
  RefTextInline *entry;  /* the open entry (an element of list), or NULL */

  GPtrArray *rows;       /* ScratchRow* of the open table, or NULL */
  gboolean in_thead;
  ScratchRow *row;
  RefTextInline *cell;   /* the open cell (an element of row->cells), or NULL */

  GString *heading;      /* text of an open <h1>…<h6>, or NULL */
  guint depth;
} Builder;

/* Deeper nesting is flattened: it only comes from broken or hostile markup, and the
 * walk is recursive. */
#define MAX_DEPTH 200

static void walk (Builder *b, xmlNode *node);

static gboolean
in_list (const char *name, const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
scratch_run_free (gpointer data)
{
  RefTextRun *run = data;

  g_free (run->text);
  g_free (run->href);
  g_free (run);
}

static RefTextInline *
scratch_inline_new (void)
{
  return g_ptr_array_new_with_free_func (scratch_run_free);
}

static void
scratch_row_free (gpointer data)
{
  ScratchRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

void
esdh_segment_free (gpointer data)
{
  EsdhSegment *segment = data;

  g_free (segment->heading);
  g_clear_pointer (&segment->text, ref_text_unref);
  g_free (segment);
}

/* ---- inline text ---- */

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xA0 || c == 0x202F || c == 0x2007 || c == 0xFEFF;
}

static gboolean
ends_in_space (RefTextInline *inl)
{
  RefTextRun *last;
  gsize len;

  if (inl->len == 0)
    return TRUE; /* nothing yet: leading space is dropped */
  last = g_ptr_array_index (inl, inl->len - 1);
  len = strlen (last->text);
  return len == 0 || last->text[len - 1] == ' ' || last->text[len - 1] == '\n';
}

static void
append_run (RefTextInline *inl, const char *text, RefStyle style, const char *href)
{
  RefTextRun *last = inl->len ? g_ptr_array_index (inl, inl->len - 1) : NULL;

  if (*text == '\0')
    return;
  if (last != NULL && last->style == style && g_strcmp0 (last->href, href) == 0)
    {
      char *joined = g_strconcat (last->text, text, NULL);
      g_free (last->text);
      last->text = joined;
      return;
    }
  last = g_new0 (RefTextRun, 1);
  last->text = g_strdup (text);
  last->style = style;
  last->href = g_strdup (href);
  g_ptr_array_add (inl, last);
}

/* Appends @text with its white space collapsed to single spaces; control characters
 * are dropped. */
static void
append_collapsed (RefTextInline *inl, const char *text, RefStyle style, const char *href)
{
  GString *out = g_string_new (NULL);
  gboolean space = ends_in_space (inl);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
        }
      else if (!g_unichar_iscntrl (c) && g_unichar_validate (c))
        {
          g_string_append_unichar (out, c);
          space = FALSE;
        }
    }
  append_run (inl, out->str, style, href);
  g_string_free (out, TRUE);
}

/* Drops trailing spaces (and, with @breaks, trailing line breaks) of @inl. */
static void
trim_end (RefTextInline *inl, gboolean breaks)
{
  while (inl->len > 0)
    {
      RefTextRun *last = g_ptr_array_index (inl, inl->len - 1);
      gsize len = strlen (last->text);

      while (len > 0 && (last->text[len - 1] == ' ' || (breaks && last->text[len - 1] == '\n')))
        last->text[--len] = '\0';
      if (len > 0)
        return;
      g_ptr_array_remove_index (inl, inl->len - 1);
    }
}

static void
trim_start (RefTextInline *inl)
{
  while (inl->len > 0)
    {
      RefTextRun *first = g_ptr_array_index (inl, 0);
      const char *p = first->text;

      while (*p == ' ' || *p == '\n')
        p++;
      if (*p != '\0')
        {
          memmove (first->text, p, strlen (p) + 1);
          return;
        }
      g_ptr_array_remove_index (inl, 0);
    }
}

static void
line_break (RefTextInline *inl)
{
  trim_end (inl, FALSE);
  append_run (inl, "\n", REF_STYLE_NONE, NULL);
}

/* Copies the runs of @from to the model's @to. */
static void
copy_runs (RefTextInline *to, RefTextInline *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      RefTextRun *run = g_ptr_array_index (from, i);
      ref_text_inline_append (to, run->text, run->style, run->href);
    }
}

/* Finishes a scratch inline: trimmed at both ends; TRUE when something is left. */
static gboolean
finish_inline (RefTextInline *inl)
{
  trim_end (inl, TRUE);
  trim_start (inl);
  return inl->len > 0;
}

/* ---- blocks ---- */

/* Emits @inl as one paragraph or, where it holds an empty line ("<br><br>"), as
 * several. */
static void
emit_paragraphs (RefText *text, RefTextInline *inl)
{
  g_autoptr (GPtrArray) part = scratch_inline_new ();

  for (guint i = 0; i < inl->len; i++)
    {
      RefTextRun *run = g_ptr_array_index (inl, i);
      g_auto (GStrv) pieces = g_strsplit (run->text, "\n\n", -1);

      for (guint p = 0; pieces[p] != NULL; p++)
        {
          if (p > 0 && finish_inline (part))
            {
              copy_runs (ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)), part);
              g_ptr_array_set_size (part, 0);
            }
          append_run (part, pieces[p], run->style, run->href);
        }
    }
  if (finish_inline (part))
    copy_runs (ref_text_block_append_item (ref_text_append_block (text, REF_BLOCK_PARAGRAPH)), part);
}

static void
end_paragraph (Builder *b)
{
  if (b->para == NULL)
    return;
  emit_paragraphs (b->text, b->para);
  g_clear_pointer (&b->para, g_ptr_array_unref);
}

static void
new_segment (Builder *b, const char *heading)
{
  EsdhSegment *segment = g_new0 (EsdhSegment, 1);

  segment->heading = g_strdup (heading);
  segment->text = ref_text_new ();
  g_ptr_array_add (b->segments, segment);
  b->text = segment->text;
}

/* Where inline text goes now. */
static RefTextInline *
target (Builder *b)
{
  if (b->cell != NULL)
    return b->cell;
  if (b->entry != NULL)
    return b->entry;
  if (b->list != NULL && b->rows == NULL)
    {
      /* Text between the entries of a list: an entry of its own. */
      b->entry = scratch_inline_new ();
      g_ptr_array_add (b->list, b->entry);
      return b->entry;
    }
  if (b->para == NULL)
    b->para = scratch_inline_new ();
  return b->para;
}

static gboolean
in_container (Builder *b)
{
  return b->cell != NULL || b->entry != NULL;
}

/* A block inside a list entry or a table cell: a line break from what came before. */
static void
container_break (Builder *b)
{
  RefTextInline *inl = target (b);

  trim_end (inl, FALSE);
  if (inl->len > 0 && !g_str_has_suffix (((RefTextRun *) g_ptr_array_index (inl, inl->len - 1))->text, "\n"))
    line_break (inl);
}

static void
walk_children (Builder *b, xmlNode *node)
{
  if (b->depth >= MAX_DEPTH)
    {
      /* Too deep: the rest as plain text. */
      xmlChar *content = xmlNodeGetContent (node);
      g_autofree char *valid = content ? g_utf8_make_valid ((const char *) content, -1) : NULL;

      if (valid != NULL)
        append_collapsed (target (b), valid, b->style, b->href);
      xmlFree (content);
      return;
    }
  b->depth++;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    walk (b, c);
  b->depth--;
}

static void
walk_list (Builder *b, xmlNode *node, RefBlockKind kind)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *start = NULL;
  RefTextBlock *block = NULL;

  if (b->cell != NULL || b->rows != NULL)
    {
      /* A list in a table: its entries become lines of the cell. */
      container_break (b);
      walk_children (b, node);
      return;
    }
  if (b->list != NULL)
    {
      /* A list inside a list: its entries continue the outer list. */
      b->entry = NULL;
      walk_children (b, node);
      b->entry = NULL;
      return;
    }

  end_paragraph (b);
  b->list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  b->list_kind = kind;
  start = esdh_attr (node, "start");
  b->list_start = 1;
  if (start != NULL)
    {
      guint64 value = g_ascii_strtoull (start, NULL, 10);
      if (value >= 1 && value <= 999999)
        b->list_start = (guint) value;
    }
  walk_children (b, node);
  b->entry = NULL;
  entries = g_steal_pointer (&b->list);

  for (guint i = 0; i < entries->len; i++)
    {
      RefTextInline *entry = g_ptr_array_index (entries, i);

      if (!finish_inline (entry))
        continue;
      if (block == NULL)
        {
          block = ref_text_append_block (b->text, kind);
          if (kind == REF_BLOCK_NUMBERED_LIST)
            ref_text_block_set_start (block, b->list_start);
        }
      copy_runs (ref_text_block_append_item (block), entry);
    }
}

/* A block element: its own line in a table cell or list entry, else its own paragraph. */
static void
walk_block (Builder *b, xmlNode *node)
{
  if (in_container (b))
    container_break (b);
  else
    end_paragraph (b);
  walk_children (b, node);
  if (!in_container (b))
    end_paragraph (b);
}

static void
walk_list_entry (Builder *b, xmlNode *node)
{
  if (b->list == NULL || b->cell != NULL)
    {
      /* An entry in a table cell, or outside any list: its own line or paragraph. */
      walk_block (b, node);
      return;
    }
  b->entry = scratch_inline_new ();
  g_ptr_array_add (b->list, b->entry);
  walk_children (b, node);
  b->entry = NULL;
}

/* Tables of one cell are layout, not data: their text becomes paragraphs. */
static void
emit_table (Builder *b, GPtrArray *rows)
{
  guint columns = 0, n_rows = 0, n_cells = 0;
  RefTextBlock *block;

  for (guint r = 0; r < rows->len; r++)
    {
      ScratchRow *row = g_ptr_array_index (rows, r);
      gboolean any = FALSE;

      for (guint c = 0; c < row->cells->len; c++)
        if (finish_inline (g_ptr_array_index (row->cells, c)))
          any = TRUE, n_cells++;
      if (any)
        {
          n_rows++;
          columns = MAX (columns, row->cells->len);
        }
    }
  if (n_rows == 0)
    return;
  if (n_cells == 1)
    {
      for (guint r = 0; r < rows->len; r++)
        {
          ScratchRow *row = g_ptr_array_index (rows, r);
          for (guint c = 0; c < row->cells->len; c++)
            emit_paragraphs (b->text, g_ptr_array_index (row->cells, c));
        }
      return;
    }
  block = ref_text_append_block (b->text, REF_BLOCK_TABLE);
  for (guint r = 0; r < rows->len; r++)
    {
      ScratchRow *row = g_ptr_array_index (rows, r);
      RefTextRow *out;
      gboolean any = FALSE;

      for (guint c = 0; c < row->cells->len; c++)
        any = any || ((RefTextInline *) g_ptr_array_index (row->cells, c))->len > 0;
      if (!any)
        continue;
      out = ref_text_block_append_row (block, row->header);
      for (guint c = 0; c < columns; c++)
        {
          RefTextInline *cell = ref_text_row_append_cell (out);
          if (c < row->cells->len)
            copy_runs (cell, g_ptr_array_index (row->cells, c));
        }
    }
}

static void
walk_table (Builder *b, xmlNode *node)
{
  g_autoptr (GPtrArray) rows = NULL;

  if (b->rows != NULL || in_container (b))
    {
      /* A table inside a table or a list entry: its text as lines. */
      container_break (b);
      walk_children (b, node);
      return;
    }
  end_paragraph (b);
  b->rows = g_ptr_array_new_with_free_func (scratch_row_free);
  walk_children (b, node);
  end_paragraph (b); /* text that stood between the rows */
  rows = g_steal_pointer (&b->rows);
  b->row = NULL;
  b->cell = NULL;
  emit_table (b, rows);
}

static void
walk_row (Builder *b, xmlNode *node)
{
  ScratchRow *row;
  gboolean all_th = TRUE, any_cell = FALSE;

  if (b->rows == NULL || b->cell != NULL)
    {
      container_break (b);
      walk_children (b, node);
      return;
    }
  row = g_new0 (ScratchRow, 1);
  row->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (b->rows, row);
  b->row = row;
  walk_children (b, node);
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && (esdh_is (c, "td") || esdh_is (c, "th")))
      {
        any_cell = TRUE;
        all_th = all_th && esdh_is (c, "th");
      }
  row->header = b->in_thead || (any_cell && all_th);
  b->row = NULL;
}

static void
walk_cell (Builder *b, xmlNode *node)
{
  if (b->rows == NULL || b->row == NULL || b->cell != NULL)
    {
      /* A cell outside a row: a line of its own. */
      if (in_container (b))
        container_break (b);
      walk_children (b, node);
      return;
    }
  b->cell = scratch_inline_new ();
  g_ptr_array_add (b->row->cells, b->cell);
  walk_children (b, node);
  b->cell = NULL;
}

static void
walk_heading (Builder *b, xmlNode *node)
{
  g_autofree char *heading = NULL;

  if (b->flat || in_container (b) || b->rows != NULL || b->list != NULL || b->heading != NULL)
    {
      RefStyle saved = b->style;

      if (!in_container (b) && b->heading == NULL)
        end_paragraph (b);
      else if (b->heading == NULL)
        container_break (b);
      b->style |= REF_STYLE_BOLD;
      walk_children (b, node);
      b->style = saved;
      if (!in_container (b) && b->heading == NULL)
        end_paragraph (b);
      return;
    }
  end_paragraph (b);
  b->heading = g_string_new (NULL);
  walk_children (b, node);
  heading = esdh_clean (b->heading->str);
  g_string_free (b->heading, TRUE);
  b->heading = NULL;
  if (heading != NULL)
    new_segment (b, heading);
}

static gboolean
style_says (const char *style, const char *property, const char *const *values)
{
  g_autofree char *lower = g_ascii_strdown (style, -1);
  const char *p = strstr (lower, property);

  if (p == NULL)
    return FALSE;
  p += strlen (property);
  while (*p == ' ' || *p == ':')
    p++;
  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_has_prefix (p, values[i]))
      return TRUE;
  return FALSE;
}

static RefStyle
inline_style (xmlNode *node)
{
  static const char *const bold[] = { "bold", "bolder", "600", "700", "800", "900", NULL };
  static const char *const italic[] = { "italic", "oblique", NULL };
  static const char *const underline[] = { "underline", NULL };
  const char *name = (const char *) node->name;
  g_autofree char *css = NULL;
  RefStyle style = REF_STYLE_NONE;

  if (in_list (name, (const char *const[]) { "b", "strong", NULL }))
    style |= REF_STYLE_BOLD;
  if (in_list (name, (const char *const[]) { "i", "em", "cite", "dfn", "var", NULL }))
    style |= REF_STYLE_ITALIC;
  if (in_list (name, (const char *const[]) { "u", "ins", NULL }))
    style |= REF_STYLE_UNDERLINE;
  css = esdh_attr (node, "style");
  if (css != NULL)
    {
      if (style_says (css, "font-weight", bold))
        style |= REF_STYLE_BOLD;
      if (style_says (css, "font-style", italic))
        style |= REF_STYLE_ITALIC;
      if (style_says (css, "text-decoration", underline))
        style |= REF_STYLE_UNDERLINE;
    }
  return style;
}

/* Only links a reader can follow safely (ref_xml_link_is_safe): no javascript:, data:
 * or file: targets, and nothing the file format could not hold. */
static char *
safe_href (xmlNode *node)
{
  g_autofree char *href = esdh_attr (node, "href");

  return ref_xml_link_is_safe (href) ? g_steal_pointer (&href) : NULL;
}

static void
walk_element (Builder *b, xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (in_list (name, dropped_elements))
    return;
  if (g_ascii_strcasecmp (name, "br") == 0)
    {
      if (b->heading != NULL)
        g_string_append_c (b->heading, ' ');
      else
        line_break (target (b));
      return;
    }
  if (b->heading != NULL)
    {
      walk_children (b, node);
      g_string_append_c (b->heading, ' ');
      return;
    }
  if (g_ascii_strcasecmp (name, "hr") == 0)
    {
      if (!in_container (b))
        end_paragraph (b);
      return;
    }
  if (strlen (name) == 2 && g_ascii_tolower (name[0]) == 'h' && name[1] >= '1' && name[1] <= '6')
    {
      walk_heading (b, node);
      return;
    }
  if (in_list (name, (const char *const[]) { "ul", "menu", "dir", NULL }))
    {
      walk_list (b, node, REF_BLOCK_BULLET_LIST);
      return;
    }
  if (g_ascii_strcasecmp (name, "ol") == 0)
    {
      walk_list (b, node, REF_BLOCK_NUMBERED_LIST);
      return;
    }
  if (g_ascii_strcasecmp (name, "li") == 0)
    {
      walk_list_entry (b, node);
      return;
    }
  if (g_ascii_strcasecmp (name, "table") == 0)
    {
      walk_table (b, node);
      return;
    }
  if (g_ascii_strcasecmp (name, "thead") == 0 && b->rows != NULL && b->cell == NULL)
    {
      b->in_thead = TRUE;
      walk_children (b, node);
      b->in_thead = FALSE;
      return;
    }
  if (g_ascii_strcasecmp (name, "tr") == 0)
    {
      walk_row (b, node);
      return;
    }
  if (g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0)
    {
      walk_cell (b, node);
      return;
    }
  if (in_list (name, block_elements))
    {
      walk_block (b, node);
      return;
    }

  /* Inline: b, i, u, span, font, a, and anything unknown. */
  {
    RefStyle saved_style = b->style;
    const char *saved_href = b->href;
    g_autofree char *href = NULL;

    b->style |= inline_style (node);
    if (g_ascii_strcasecmp (name, "a") == 0 && (href = safe_href (node)) != NULL)
      b->href = href;
    walk_children (b, node);
    b->style = saved_style;
    b->href = saved_href;
  }
}

static void
walk (Builder *b, xmlNode *node)
{
  switch (node->type)
    {
    case XML_ELEMENT_NODE:
      walk_element (b, node);
      break;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content == NULL)
        break;
      {
        g_autofree char *content = g_utf8_make_valid ((const char *) node->content, -1);

        if (b->heading != NULL)
          g_string_append (b->heading, content);
        else
          {
            /* White space alone between blocks opens no paragraph. */
            gboolean blank = TRUE;
            for (const char *p = content; *p && blank; p = g_utf8_next_char (p))
              blank = is_space (g_utf8_get_char (p));
            if (!blank || b->para != NULL || in_container (b))
              append_collapsed (target (b), content, b->style, b->href);
          }
      }
      break;
    case XML_ENTITY_REF_NODE:
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
    default:
      break;
    }
}

/* A heading with nothing under it stays as a bold paragraph of the segment before. */
static void
fold_empty_segments (GPtrArray *segments)
{
  for (guint i = segments->len; i-- > 1;)
    {
      EsdhSegment *segment = g_ptr_array_index (segments, i);
      EsdhSegment *previous = g_ptr_array_index (segments, i - 1);

      if (!ref_text_is_empty (segment->text))
        continue;
      ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (previous->text, REF_BLOCK_PARAGRAPH)),
                              segment->heading, REF_STYLE_BOLD, NULL);
      g_ptr_array_remove_index (segments, i);
    }
}

static gboolean
looks_like_html (const char *text)
{
  return strchr (text, '<') != NULL || strchr (text, '&') != NULL;
}

static GPtrArray *
convert (const char *html, gboolean flat)
{
  Builder b = { 0 };
  htmlDocPtr doc = NULL;
  xmlNode *root;

  b.segments = g_ptr_array_new_with_free_func (esdh_segment_free);
  b.flat = flat;
  new_segment (&b, NULL);
  if (html == NULL || *html == '\0')
    return b.segments;
  if (!looks_like_html (html))
    {
      g_clear_pointer (&((EsdhSegment *) b.segments->pdata[0])->text, ref_text_unref);
      ((EsdhSegment *) b.segments->pdata[0])->text = esdh_plain_to_text (html);
      return b.segments;
    }

  /* No network, no error output; the HTML parser never fails on bad markup. The
   * implied <html><body> stays: without it libxml2 2.9 nests whatever follows a
   * leading <script> inside the script, which is then dropped with it. */
  doc = htmlReadMemory (html, (int) MIN (strlen (html), (gsize) G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                            | HTML_PARSE_COMPACT);
  root = doc ? (xmlNode *) doc : NULL;
  if (root != NULL)
    walk_children (&b, root);
  end_paragraph (&b);
  g_clear_pointer (&b.para, g_ptr_array_unref);
  if (doc != NULL)
    xmlFreeDoc (doc);
  fold_empty_segments (b.segments);
  return b.segments;
}

GPtrArray *
esdh_html_to_segments (const char *html)
{
  return convert (html, FALSE);
}

RefText *
esdh_html_to_text (const char *html)
{
  g_autoptr (GPtrArray) segments = convert (html, TRUE);
  EsdhSegment *first = g_ptr_array_index (segments, 0);

  return ref_text_ref (first->text);
}

/* ---- plain text ---- */

char *
esdh_clean (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c) || g_unichar_iscntrl (c))
        space = out->len > 0;
      else if (g_unichar_validate (c))
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* "A)", "b.", "2)", "•", "-": a list marker at the start of a line, followed by a
 * capital or a digit ("A)Forslaget" run together as plain-text exports write it, or
 * after a space). On a match @number is the entry's number (letters count from a = 1;
 * 0 for bullets) and @rest the text after the marker (empty for a marker alone). */
static gboolean
list_marker (const char *text, guint *number, const char **rest)
{
  const char *p = text;
  gunichar next;

  if (g_ascii_isalpha (p[0]) && (p[1] == ')' || p[1] == '.'))
    {
      /* "A.P. Møller" is no list: a full stop needs a space or the end after it. */
      if (p[1] == '.' && p[2] != ' ' && p[2] != '\0')
        return FALSE;
      *number = (guint) (g_ascii_tolower (p[0]) - 'a' + 1);
      p += 2;
    }
  else if (g_ascii_isdigit (p[0]))
    {
      guint n = 0, digits = 0;

      while (g_ascii_isdigit (*p) && digits < 3)
        n = n * 10 + (guint) (*p++ - '0'), digits++;
      if ((*p != ')' && *p != '.') || n == 0 || (*p == '.' && p[1] != ' ' && p[1] != '\0'))
        return FALSE;
      *number = n;
      p++;
    }
  else if (g_str_has_prefix (p, "•") || g_str_has_prefix (p, "–") || (p[0] == '-' && p[1] == ' ')
           || (p[0] == '*' && p[1] == ' '))
    {
      *number = 0;
      p = g_utf8_next_char (p);
    }
  else
    return FALSE;
  while (*p == ' ')
    p++;
  next = g_utf8_get_char (p);
  if (*p != '\0' && !g_unichar_isupper (next) && !g_unichar_isdigit (next))
    return FALSE;
  *rest = p;
  return TRUE;
}

static gboolean
is_blank_line (const char *line)
{
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!is_space (c) && !g_unichar_iscntrl (c))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  RefText *text;
  GString *open;      /* the paragraph or entry being collected, or NULL */
  gboolean open_entry;
  RefTextBlock *list; /* the list entries go to; NULL when the last block is no list */
  gboolean numbered;
  guint number;       /* the open entry's number (0: a bullet) */
  char *marker;       /* the open entry's marker as written ("t.", "•") */
} PlainBuilder;

static void
plain_flush (PlainBuilder *b)
{
  g_autofree char *marker = g_steal_pointer (&b->marker);

  if (b->open == NULL)
    return;
  if (b->open_entry && b->open->len > 0)
    {
      /* The list opens with its first entry that has text, so no list stays empty. */
      gboolean numbered = b->number > 0;

      if (b->list == NULL || numbered != b->numbered)
        {
          b->list = ref_text_append_block (b->text, numbered ? REF_BLOCK_NUMBERED_LIST : REF_BLOCK_BULLET_LIST);
          b->numbered = numbered;
          if (numbered)
            ref_text_block_set_start (b->list, b->number);
        }
      ref_text_inline_append (ref_text_block_append_item (b->list), b->open->str, REF_STYLE_NONE, NULL);
    }
  else if (b->open_entry && marker != NULL)
    {
      /* A marker that no text followed ("t." before the next heading) is kept as
       * written, as a paragraph of its own. */
      ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (b->text, REF_BLOCK_PARAGRAPH)),
                              marker, REF_STYLE_NONE, NULL);
      b->list = NULL;
    }
  else if (b->open->len > 0)
    ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (b->text, REF_BLOCK_PARAGRAPH)),
                            b->open->str, REF_STYLE_NONE, NULL);
  g_string_free (b->open, TRUE);
  b->open = NULL;
}

static void
plain_start_entry (PlainBuilder *b, const char *line, const char *rest, guint number)
{
  plain_flush (b);
  b->number = number;
  b->marker = g_strstrip (g_strndup (line, (gsize) (rest - line)));
  b->open = g_string_new (NULL);
  b->open_entry = TRUE;
}

/* Plain text, line by line: a blank line ends a paragraph; a line that opens with a
 * list marker starts a list entry (a marker on a line of its own takes the next line);
 * a line that goes on in lower case was wrapped and joins with a space, any other
 * line is a line break. */
RefText *
esdh_plain_to_text (const char *plain)
{
  PlainBuilder b = { 0 };
  g_autofree char *normal = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean blank_before = TRUE;

  b.text = ref_text_new ();
  if (plain == NULL)
    return b.text;
  /* CR-LF and lone CR line ends; a form feed is a page break. */
  normal = g_strdup (plain);
  for (char *p = normal; *p; p++)
    if (*p == '\r' || *p == '\f' || *p == '\v')
      *p = (p[0] == '\r' && p[1] == '\n') ? ' ' : '\n';
  lines = g_strsplit (normal, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = NULL;
      guint number;
      const char *rest;

      if (is_blank_line (lines[i]))
        {
          /* A marker alone waits for its text across blank lines. */
          if (b.open != NULL && !(b.open_entry && b.open->len == 0))
            plain_flush (&b);
          blank_before = TRUE;
          continue;
        }
      line = esdh_clean (lines[i]);
      if (list_marker (line, &number, &rest))
        {
          plain_start_entry (&b, line, rest, number);
          g_string_append (b.open, rest);
          blank_before = FALSE;
          continue;
        }
      if (b.open != NULL && (!blank_before || b.open->len == 0))
        {
          if (b.open->len > 0)
            g_string_append_c (b.open, g_unichar_islower (g_utf8_get_char (line)) ? ' ' : '\n');
          g_string_append (b.open, line);
        }
      else
        {
          plain_flush (&b);
          b.list = NULL;
          b.open = g_string_new (line);
          b.open_entry = FALSE;
        }
      blank_before = FALSE;
    }
  plain_flush (&b);
  return b.text;
}
