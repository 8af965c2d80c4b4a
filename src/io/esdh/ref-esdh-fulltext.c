/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-esdh-private.h"

#include <string.h>

/*
 * An item's whole text as one plain string, as KMD eDoc exports it in <FullText>:
 * "2.\tTitel", "Sagsnr.: …", then each caption followed by its text. Captions stand on
 * lines of their own in some exports and run straight into the text in others
 * ("SammendragDet årlige bygningssyn…", "…Punkt 2Indstillingen godkendt"), so runs are
 * split first; then each line that is a known caption starts a part. An unknown
 * caption cannot be told from a short paragraph in plain text: it stays text of the
 * part before it, so nothing is lost.
 */

typedef struct {
  char *caption;   /* NULL: text before the first caption */
  GString *lines;  /* the part's text, '\n' separated */
  gboolean attachments;
} Part;

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->caption);
  g_string_free (part->lines, TRUE);
  g_free (part);
}

/* Where in @line a caption starts that runs into the text after it; the caption's
 * length in @len. A caption is glued when the text after it starts with a capital or
 * a digit without a space, and it does not continue a word before it. */
static const char *
find_glued_caption (const char *line, gsize *len)
{
  const char *const *captions = ref_caption_glued_captions ();
  const char *const *labels = ref_caption_glued_labels ();

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar before = p > line ? g_utf8_get_char (g_utf8_prev_char (p)) : 0;

      if (!g_unichar_isupper (c) || (before != 0 && g_unichar_isupper (before)))
        continue;
      /* "2012-28504Dok.nr.:" — a label run into the value before it. */
      for (guint i = 0; p > line && labels[i] != NULL; i++)
        if (g_str_has_prefix (p, labels[i]) && before != ' ')
          {
            *len = 0;
            return p;
          }
      for (guint i = 0; captions[i] != NULL; i++)
        {
          gsize n = strlen (captions[i]);
          gunichar after;

          if (strncmp (p, captions[i], n) != 0)
            continue;
          after = g_utf8_get_char (p + n);
          if (p[n] != '\0' && (g_unichar_isupper (after) || g_unichar_isdigit (after)))
            {
              *len = n;
              return p;
            }
          break;
        }
    }
  return NULL;
}

/* A decision caption inside a line, after the end of a sentence and run into the
 * decision's text: "…overføres.Kultur- og Fritidsudvalgets beslutning den 10.03.2021
 * Punkt 4Indstillingen godkendt." The caption's start and length in @start and @len. */
static gboolean
find_glued_decision (const char *line, gsize *start, gsize *len)
{
  g_autoptr (GRegex) re = g_regex_new (
      "(?:^|(?<=[.!?:]))\\s*((?:\\p{Lu}[^.;:!?\\n]{0,100}?s\\s)?(?i:beslutning(?:er)?)"
      "(?:\\s(?i:i|fra)\\s[^.;:!?\\n]{1,100}?)?"
      "(?:,?\\s(?i:den|d\\.)\\s(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{4}|\\d{1,2}\\.\\s\\p{L}+\\s\\d{4}))?"
      "(?:,?\\s(?i:punkt|pkt\\.?)\\s?\\d+)?)(?=\\p{Lu}|\\d|$)",
      0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;

  if (re == NULL || !g_regex_match (re, line, 0, &m))
    return FALSE;
  do
    {
      int from = 0, to = 0;
      g_autofree char *caption = g_match_info_fetch (m, 1);
      RefCaption c;
      gboolean decision;

      /* "Beslutning" alone on its line is an ordinary caption. */
      if (caption == NULL || !g_match_info_fetch_pos (m, 1, &from, &to) || (from == 0 && line[to] == '\0'))
        continue;
      ref_caption_classify (caption, &c);
      decision = c.role == REF_CAPTION_DECISION;
      ref_caption_clear (&c);
      if (decision)
        {
          *start = (gsize) from;
          *len = (gsize) (to - from);
          return TRUE;
        }
    }
  while (g_match_info_next (m, NULL));
  return FALSE;
}

/* Splits @line before list markers run into the text before them ("…, atA)Forslaget
 * godkendes.B)Restbeløbet …") and adds the pieces to @lines. (Cut by hand:
 * g_regex_split () handles the empty matches of a lookahead badly.) */
static void
add_split_at_markers (GPtrArray *lines, const char *line)
{
  g_autoptr (GRegex) re = g_regex_new ("(?<=[\\p{Ll}.!?:,;])(?=(?:[A-Za-z]|\\d{1,2})\\)\\s?\\p{Lu})", 0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  const char *from = line;

  if (re != NULL && *line != '\0' && g_regex_match (re, line, 0, &m))
    do
      {
        int at = 0;

        if (g_match_info_fetch_pos (m, 0, &at, NULL) && line + at > from)
          {
            g_ptr_array_add (lines, g_strndup (from, (gsize) (line + at - from)));
            from = line + at;
          }
      }
    while (g_match_info_next (m, NULL));
  /* Blank lines stay too: they separate paragraphs. */
  g_ptr_array_add (lines, g_strdup (from));
}

/* @plain split into lines, with captions run into their text put on lines of their own. */
static GPtrArray *
split_lines (const char *plain)
{
  g_auto (GStrv) raw = g_regex_split_simple ("\\r\\n|\\r|\\n|\\f|\\v", plain, 0, 0);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; raw[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
      const char *rest = raw[i];
      gsize guard = 0;

      while (*rest != '\0' && guard++ < 1000)
        {
          gsize start = 0, len = 0, decision_len = 0;
          const char *at = find_glued_caption (rest, &len);

          /* A decision caption comes first when it starts earlier. */
          if (find_glued_decision (rest, &start, &decision_len) && (at == NULL || rest + start < at))
            {
              if (start > 0)
                g_ptr_array_add (pieces, g_strndup (rest, start));
              g_ptr_array_add (pieces, g_strndup (rest + start, decision_len));
              rest += start + decision_len;
              continue;
            }
          if (at == NULL)
            break;
          if (at > rest)
            g_ptr_array_add (pieces, g_strndup (rest, (gsize) (at - rest)));
          if (len > 0)
            g_ptr_array_add (pieces, g_strndup (at, len));
          rest = at + len;
          if (len == 0)
            {
              /* A label: the rest of the line is its value (and what runs on). */
              gsize dummy;
              const char *next = find_glued_caption (g_utf8_next_char (at), &dummy);

              if (next == NULL)
                break;
              g_ptr_array_add (pieces, g_strndup (at, (gsize) (next - at)));
              rest = next;
            }
        }
      g_ptr_array_add (pieces, g_strdup (rest));
      for (guint p = 0; p < pieces->len; p++)
        add_split_at_markers (lines, pieces->pdata[p]);
    }
  return lines;
}

/* A line of an attachment list, or the title of one of the item's attachments. */
static gboolean
is_attachment_line (RefAgendaItem *item, const char *line)
{
  GListModel *attachments = ref_agenda_item_get_attachments (item);

  if (ref_caption_is_attachment_reference (line))
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr (RefAttachment) a = g_list_model_get_item (attachments, i);
      if (g_strcmp0 (ref_attachment_get_title (a), line) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
place_part (EsdhReader *r, RefAgendaItem *item, Part *part)
{
  g_autoptr (RefText) text = esdh_plain_to_text (part->lines->str);
  g_autofree char *plain = NULL;

  if (ref_text_is_empty (text))
    return;
  if (part->caption != NULL)
    {
      esdh_item_add_text_field (r, item, part->caption, text, FALSE);
      return;
    }
  plain = ref_text_to_plain (text);
  g_strstrip (plain);
  /* Text before the first caption: where the item was dealt with before, or content. */
  esdh_item_add_text_field (r, item,
                            ref_caption_is_previous_treatment (plain)
                                ? ref_section_kind_default_heading (REF_SECTION_KIND_PREVIOUS)
                                : NULL,
                            text, FALSE);
}

void
esdh_item_read_full_text (EsdhReader *r, RefAgendaItem *item, const char *plain)
{
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  Part *current = NULL, *before_attachments = NULL;
  gboolean title_seen = FALSE, in_header = TRUE;

  if (plain == NULL)
    return;
  lines = split_lines (plain);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *line = esdh_clean (lines->pdata[i]);
      const char *value = NULL;
      RefCaption caption;

      if (line == NULL)
        {
          if (current != NULL)
            g_string_append_c (current->lines, '\n');
          continue;
        }
      /* "2.\tTitel": the item's own number and title. */
      if (!title_seen && current == NULL && g_regex_match_simple ("^\\d+\\.\\s", lines->pdata[i], 0, 0))
        {
          title_seen = TRUE;
          continue;
        }
      title_seen = TRUE;
      if (in_header)
        switch (ref_caption_match_label (line, &value))
          {
          case REF_CAPTION_LABEL_CASE_NUMBER:
            if (*ref_agenda_item_get_case_number (item) == '\0' && *value != '\0')
              ref_agenda_item_set_case_number (item, value);
            continue;
          case REF_CAPTION_LABEL_DOCUMENT_NUMBER:
          case REF_CAPTION_LABEL_CASE_WORKER:
            continue;
          case REF_CAPTION_LABEL_NONE:
          case REF_CAPTION_LABEL_PLACE:
          case REF_CAPTION_LABEL_END:
          default:
            break;
          }

      ref_caption_classify (line, &caption);
      if (caption.role != REF_CAPTION_FREE)
        {
          in_header = FALSE;
          if (caption.role == REF_CAPTION_ATTACHMENTS && (current == NULL || !current->attachments))
            before_attachments = current;
          current = g_new0 (Part, 1);
          current->caption = g_strdup (line);
          current->lines = g_string_new (NULL);
          current->attachments = caption.role == REF_CAPTION_ATTACHMENTS;
          g_ptr_array_add (parts, current);
          ref_caption_clear (&caption);
          continue;
        }
      ref_caption_clear (&caption);

      /* Text that is no attachment after a "Bilag" list continues the part before it
       * (a "Meddelelser" item lists attachments under each of its points). */
      if (current != NULL && current->attachments && !is_attachment_line (item, line))
        {
          if (before_attachments != NULL)
            current = before_attachments;
          else
            {
              current = g_new0 (Part, 1);
              current->lines = g_string_new (NULL);
              g_ptr_array_add (parts, current);
            }
          g_string_append_c (current->lines, '\n');
        }
      if (current == NULL)
        {
          current = g_new0 (Part, 1);
          current->lines = g_string_new (NULL);
          g_ptr_array_add (parts, current);
        }
      in_header = FALSE;
      g_string_append (current->lines, line);
      g_string_append_c (current->lines, '\n');
    }
  for (guint i = 0; i < parts->len; i++)
    place_part (r, item, g_ptr_array_index (parts, i));
}
