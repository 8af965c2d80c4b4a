/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ref-esdh-private.h"

/*
 * Building the meeting from what a dialect reader found: captioned fields become
 * sections, the recommendation, decisions, who decides; participants are matched by
 * name; attachments are looked up in the bundle. All knowledge of Danish captions is in
 * ref-captions.c.
 */

#define LISTED_ATTACHMENTS "esdh-listed-attachments"

void
esdh_warn (EsdhReader *r, const char *text, const char *format, ...)
{
  RefImportWarning *w = g_new0 (RefImportWarning, 1);
  va_list args;

  va_start (args, format);
  w->reason = g_strdup_vprintf (format, args);
  va_end (args);
  w->text = g_strdup (text ? text : "");
  g_ptr_array_add (r->warnings, w);
}

RefAgendaItem *
esdh_add_item (EsdhReader *r, guint number, const char *title)
{
  RefAgendaItem *item = ref_agenda_item_new ();
  g_autofree char *clean = esdh_clean (title);

  ref_agenda_item_set_number (item, number);
  ref_agenda_item_set_title (item, clean);
  if (clean != NULL && ref_caption_is_signature_item (clean))
    ref_agenda_item_set_kind (item, REF_ITEM_KIND_SIGNATURE);
  g_ptr_array_add (r->items, item);
  return item;
}

/* ---- structured text helpers ---- */

static void
copy_inline (RefTextInline *to, const RefTextInline *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      const RefTextRun *run = g_ptr_array_index (from, i);
      ref_text_inline_append (to, run->text, run->style, run->href);
    }
}

/* Appends the blocks [@first, @end) of @src to @dst. */
static void
append_blocks (RefText *dst, const RefText *src, guint first, guint end)
{
  for (guint b = first; b < MIN (end, ref_text_get_n_blocks (src)); b++)
    {
      RefTextBlock *from = ref_text_get_block (src, b);
      RefTextBlock *to = ref_text_append_block (dst, ref_text_block_get_kind (from));

      ref_text_block_set_start (to, ref_text_block_get_start (from));
      for (guint i = 0; i < ref_text_block_get_n_items (from); i++)
        copy_inline (ref_text_block_append_item (to), ref_text_block_get_item (from, i));
      for (guint r = 0; r < ref_text_block_get_n_rows (from); r++)
        {
          RefTextRow *row = ref_text_block_get_row (from, r);
          RefTextRow *out = ref_text_block_append_row (to, ref_text_row_get_header (row));
          for (guint c = 0; c < ref_text_row_get_n_cells (row); c++)
            copy_inline (ref_text_row_append_cell (out), ref_text_row_get_cell (row, c));
        }
    }
}

/* The plain text of block @index when it is a paragraph, else NULL. */
static char *
paragraph_plain (const RefText *text, guint index)
{
  RefTextBlock *block;

  if (index >= ref_text_get_n_blocks (text))
    return NULL;
  block = ref_text_get_block (text, index);
  if (ref_text_block_get_kind (block) != REF_BLOCK_PARAGRAPH || ref_text_block_get_n_items (block) == 0)
    return NULL;
  return ref_text_inline_to_plain (ref_text_block_get_item (block, 0));
}

/* The lines of @text (paragraph lines, list entries, first cells) as tidy strings. */
static GPtrArray *
text_lines (const RefText *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint b = 0; b < ref_text_get_n_blocks (text); b++)
    {
      RefTextBlock *block = ref_text_get_block (text, b);

      for (guint i = 0; i < ref_text_block_get_n_items (block); i++)
        {
          g_autofree char *plain = ref_text_inline_to_plain (ref_text_block_get_item (block, i));
          g_auto (GStrv) parts = g_strsplit (plain, "\n", -1);
          for (guint p = 0; parts[p] != NULL; p++)
            {
              char *line = esdh_clean (parts[p]);
              if (line != NULL)
                g_ptr_array_add (lines, line);
            }
        }
      for (guint r = 0; r < ref_text_block_get_n_rows (block); r++)
        {
          RefTextRow *row = ref_text_block_get_row (block, r);
          g_autoptr (GString) joined = g_string_new (NULL);
          char *line;

          for (guint c = 0; c < ref_text_row_get_n_cells (row); c++)
            {
              g_autofree char *cell = ref_text_inline_to_plain (ref_text_row_get_cell (row, c));
              if (*cell != '\0')
                g_string_append_printf (joined, "%s%s", joined->len ? " " : "", cell);
            }
          line = esdh_clean (joined->str);
          if (line != NULL)
            g_ptr_array_add (lines, line);
        }
    }
  return lines;
}

/* ---- placing a field ---- */

static void
add_section (RefAgendaItem *item, RefSectionKind kind, const char *heading, RefText *text, guint level)
{
  GListModel *sections = ref_agenda_item_get_sections (item);
  g_autoptr (RefSection) section = NULL;
  const char *standard = ref_section_kind_default_heading (kind);

  /* A known kind keeps its heading only where the export words it differently. */
  if (heading != NULL && (*heading == '\0' || (kind != REF_SECTION_KIND_FREE && g_str_equal (heading, standard))))
    heading = NULL;
  if (kind == REF_SECTION_KIND_FREE && heading == NULL)
    kind = REF_SECTION_KIND_CONTENT;
  ref_agenda_item_add_section (item, kind, heading, text);
  if (level > 1)
    {
      section = g_list_model_get_item (sections, g_list_model_get_n_items (sections) - 1);
      ref_section_set_level (section, level);
    }
}

static void
add_recommendation (RefAgendaItem *item, const RefCaption *caption, RefText *text)
{
  RefRecommendation *recommendation = ref_agenda_item_get_recommendation (item);
  g_autoptr (RefRecommendation) created = NULL;
  g_autoptr (RefText) combined = ref_text_new ();
  g_autofree char *lead = paragraph_plain (text, 0);
  g_autofree char *by = NULL, *intro = NULL, *rest = NULL;
  guint first = 0;

  if (recommendation == NULL)
    {
      created = ref_recommendation_new ();
      recommendation = created;
    }
  else if (ref_recommendation_get_text (recommendation) != NULL)
    append_blocks (combined, ref_recommendation_get_text (recommendation), 0, G_MAXUINT);

  if (caption->body != NULL && *ref_recommendation_get_by (recommendation) == '\0')
    ref_recommendation_set_by (recommendation, caption->body);
  if (caption->intro != NULL && *ref_recommendation_get_intro (recommendation) == '\0')
    ref_recommendation_set_intro (recommendation, caption->intro);

  /* "Center for IT og Digitalisering indstiller, at" opening the text is who
   * recommends and the lead, which the model keeps apart from the points. */
  if (lead != NULL && ref_caption_split_recommendation_lead (lead, &by, &intro, &rest))
    {
      g_autofree char *clean_rest = esdh_clean (rest);

      if (*ref_recommendation_get_by (recommendation) == '\0')
        ref_recommendation_set_by (recommendation, by);
      if (*ref_recommendation_get_intro (recommendation) == '\0')
        ref_recommendation_set_intro (recommendation, intro);
      if (clean_rest != NULL)
        ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (combined, REF_BLOCK_PARAGRAPH)),
                                clean_rest, REF_STYLE_NONE, NULL);
      first = 1;
    }
  append_blocks (combined, text, first, G_MAXUINT);
  ref_recommendation_set_text (recommendation, combined);
  if (created != NULL)
    ref_agenda_item_set_recommendation (item, created);
}

/* The lead of an absence list at the end of a decision ("Følgende deltog ikke i
 * behandlingen af punktet:"): dropped when nobody follows it; when names follow, those
 * participants are marked absent for the item and the text stays. */
static RefText *
take_absence_lead (EsdhReader *r, RefAgendaItem *item, RefText *text)
{
  guint n = ref_text_get_n_blocks (text);
  g_autofree char *last = n > 0 ? paragraph_plain (text, n - 1) : NULL;
  g_autofree char *lead = NULL;
  const char *colon;
  RefText *out;

  if (last == NULL)
    return ref_text_ref (text);
  if (ref_caption_is_absence_lead (last))
    {
      out = ref_text_new ();
      append_blocks (out, text, 0, n - 1);
      return out;
    }
  colon = strchr (last, ':');
  lead = colon ? g_strndup (last, (gsize) (colon - last + 1)) : NULL;
  if (lead != NULL && ref_caption_is_absence_lead (lead))
    {
      g_auto (GStrv) names = g_regex_split_simple ("\\s*(?:\\n|,|;| og )\\s*", colon + 1, 0, 0);
      for (guint i = 0; names[i] != NULL; i++)
        {
          RefParticipant *participant = esdh_find_participant (r, names[i]);
          if (participant != NULL)
            esdh_mark_absent_for_item (r, participant, item);
        }
    }
  return ref_text_ref (text);
}

static gboolean
date_before_meeting (EsdhReader *r, GDateTime *date)
{
  GDateTime *start = ref_meeting_get_start (r->meeting);

  return start != NULL
         && (g_date_time_get_year (date) * 10000 + g_date_time_get_month (date) * 100 + g_date_time_get_day_of_month (date))
                < (g_date_time_get_year (start) * 10000 + g_date_time_get_month (start) * 100
                   + g_date_time_get_day_of_month (start));
}

static void
add_one_decision (EsdhReader *r, RefAgendaItem *item, const char *body, int year, int month, int day,
                  const char *reference, RefText *text)
{
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (GDateTime) date = NULL;

  if (ref_text_is_empty (text))
    return;
  ref_decision_set_deciding_body (decision, body);
  ref_decision_set_text (decision, text);
  ref_caption_record_outcome (decision);
  if (year > 0)
    {
      date = g_date_time_new_utc (year, month, day, 0, 0, 0);
      ref_decision_set_date (decision, date);
    }
  /* A decision of an earlier meeting, quoted in this item ("Beslutning i … den
   * 10-04-2013" in the export of 20-06-2013): not this meeting's decision. */
  if (date != NULL && date_before_meeting (r, date))
    {
      /* Only a quoted decision keeps its item reference ("pkt. 48"); the format has
       * none for this meeting's own. */
      ref_decision_set_reference (decision, reference);
      ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_prior_decisions (item)), decision);
    }
  else
    ref_agenda_item_add_decision (item, decision);
}

/* "18. september 2012: Sagen udsat …": a paragraph opening with a date and a colon
 * starts the decision of that date; case systems keep a decision field's history so.
 * Returns the date's end in @plain (after the colon), or 0. */
static gsize
dated_paragraph (const char *plain, int *year, int *month, int *day)
{
  g_autoptr (GRegex) re = g_regex_new ("^\\s*(\\d{1,2}\\.?\\s*\\p{L}+\\.?\\s+\\d{4}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{4})\\s*:\\s*",
                                       0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *date = NULL;
  int end = 0;

  if (plain == NULL || !g_regex_match (re, plain, 0, &m))
    return 0;
  date = g_match_info_fetch (m, 1);
  if (!ref_caption_parse_date (date, year, month, day) || !g_match_info_fetch_pos (m, 0, NULL, &end))
    return 0;
  return (gsize) end;
}

static void
add_decision (EsdhReader *r, RefAgendaItem *item, const RefCaption *caption, RefText *text)
{
  g_autoptr (RefText) body = take_absence_lead (r, item, text);
  g_autoptr (RefText) chunk = ref_text_new ();
  int year = caption->year, month = caption->month, day = caption->day;

  for (guint b = 0; b < ref_text_get_n_blocks (body); b++)
    {
      g_autofree char *plain = paragraph_plain (body, b);
      int y, m, d;
      gsize end = dated_paragraph (plain, &y, &m, &d);

      if (end == 0)
        {
          append_blocks (chunk, body, b, b + 1);
          continue;
        }
      add_one_decision (r, item, caption->body, year, month, day, caption->reference, chunk);
      ref_text_unref (chunk);
      chunk = ref_text_new ();
      year = y, month = m, day = d;
      if (plain[end] != '\0')
        ref_text_inline_append (ref_text_block_append_item (ref_text_append_block (chunk, REF_BLOCK_PARAGRAPH)),
                                plain + end, REF_STYLE_NONE, NULL);
    }
  add_one_decision (r, item, caption->body, year, month, day, caption->reference, chunk);
}

static void
set_decided_by (RefAgendaItem *item, const RefCaption *caption, RefText *text)
{
  g_autoptr (GPtrArray) lines = text_lines (text);
  g_autoptr (GString) who = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (who, "%s%s", who->len ? ", " : "", (char *) lines->pdata[i]);
  while (who->len > 0 && (who->str[who->len - 1] == '.' || who->str[who->len - 1] == ' '))
    g_string_truncate (who, who->len - 1);
  /* More than a list of bodies: keep it as a section, it explains something. */
  if (who->len == 0 || g_utf8_strlen (who->str, -1) > 200)
    {
      add_section (item, REF_SECTION_KIND_FREE, caption->heading, text, 1);
      return;
    }
  ref_agenda_item_set_decided_by (item, who->str);
}

static void
set_case_route (RefAgendaItem *item, RefText *text)
{
  g_autoptr (GPtrArray) lines = text_lines (text);

  g_ptr_array_add (lines, NULL);
  ref_agenda_item_set_case_route (item, (const char *const *) lines->pdata);
}

/* Attachments named only in text ("Bilag" field): used at the end for items whose
 * export lists no attachment files. */
static void
remember_listed_attachments (RefAgendaItem *item, RefText *text)
{
  GPtrArray *listed = g_object_get_data (G_OBJECT (item), LISTED_ATTACHMENTS);
  g_autoptr (GPtrArray) lines = text_lines (text);

  if (listed == NULL)
    {
      listed = g_ptr_array_new_with_free_func (g_free);
      g_object_set_data_full (G_OBJECT (item), LISTED_ATTACHMENTS, listed, (GDestroyNotify) g_ptr_array_unref);
    }
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (listed, g_strdup (lines->pdata[i]));
}

static void
place (EsdhReader *r, RefAgendaItem *item, const RefCaption *caption, RefText *text, guint level)
{
  switch (caption->role)
    {
    case REF_CAPTION_RECOMMENDATION:
      add_recommendation (item, caption, text);
      break;
    case REF_CAPTION_DECISION:
      add_decision (r, item, caption, text);
      break;
    case REF_CAPTION_DECIDED_BY:
      set_decided_by (item, caption, text);
      break;
    case REF_CAPTION_ATTACHMENTS:
      remember_listed_attachments (item, text);
      break;
    case REF_CAPTION_CASE_ROUTE:
      set_case_route (item, text);
      break;
    case REF_CAPTION_SECTION:
    case REF_CAPTION_FREE:
    default:
      add_section (item, caption->kind, caption->heading, text, level);
      break;
    }
}

static void
classify_field (const char *caption_text, gboolean decision, RefCaption *caption)
{
  ref_caption_classify (caption_text, caption);
  /* The export marks the field as the decision ("IsFeedback", "IsDecision"): trust
   * that over a caption the table does not know. Such a caption may still name the
   * body and the date ("Økonomiudvalget, 2. maj 2017"). */
  if (decision && caption->role != REF_CAPTION_DECISION)
    {
      int year, month, day;

      if (caption->role == REF_CAPTION_FREE && caption->heading != NULL
          && ref_caption_parse_date (caption->heading, &year, &month, &day))
        {
          g_autoptr (GRegex) before_date = g_regex_new ("^(\\p{Lu}[^.;:!?]*?)[,\\s]+(?:den\\s+|d\\.\\s*)?\\d", 0, 0, NULL);
          g_autoptr (GMatchInfo) m = NULL;

          caption->year = year, caption->month = month, caption->day = day;
          if (before_date != NULL && g_regex_match (before_date, caption->heading, 0, &m))
            {
              g_clear_pointer (&caption->body, g_free);
              caption->body = g_match_info_fetch (m, 1);
            }
        }
      caption->role = REF_CAPTION_DECISION;
      caption->kind = REF_SECTION_KIND_FREE;
    }
}

/* Empty, or only the placeholder a case system fills unused fields with. */
static gboolean
is_blank (RefText *text)
{
  g_autofree char *plain = NULL;

  if (text == NULL || ref_text_is_empty (text))
    return TRUE;
  plain = ref_text_to_plain (text);
  return ref_caption_is_placeholder (plain);
}

void
esdh_item_add_text_field (EsdhReader *r, RefAgendaItem *item, const char *caption_text, RefText *text,
                          gboolean decision)
{
  RefCaption caption;

  if (is_blank (text))
    return;
  classify_field (caption_text, decision, &caption);
  place (r, item, &caption, text, 1);
  ref_caption_clear (&caption);
}

void
esdh_item_add_field (EsdhReader *r, RefAgendaItem *item, const char *caption_text, const char *html,
                     gboolean decision)
{
  RefCaption caption;

  if (html == NULL)
    return;
  classify_field (caption_text, decision, &caption);
  if (caption.role == REF_CAPTION_SECTION || caption.role == REF_CAPTION_FREE)
    {
      /* Headings inside a section's HTML start sub-sections, each placed by its own
       * caption (an unknown one stays a free section under its heading). */
      g_autoptr (GPtrArray) segments = esdh_html_to_segments (html);

      for (guint i = 0; i < segments->len; i++)
        {
          EsdhSegment *segment = g_ptr_array_index (segments, i);
          RefCaption sub;

          if (is_blank (segment->text))
            continue;
          if (segment->heading == NULL)
            {
              place (r, item, &caption, segment->text, 1);
              continue;
            }
          ref_caption_classify (segment->heading, &sub);
          place (r, item, &sub, segment->text, 2);
          ref_caption_clear (&sub);
        }
    }
  else
    {
      g_autoptr (RefText) text = esdh_html_to_text (html);

      if (!is_blank (text))
        place (r, item, &caption, text, 1);
    }
  ref_caption_clear (&caption);
}

/* ---- attachments ---- */

static gboolean
has_pdf_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, ".pdf");
}

static EsdhPdfCheck
check_pdf_once (EsdhReader *r, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  gpointer known;

  if (path == NULL)
    return ESDH_PDF_OK;
  known = g_hash_table_lookup (r->checked_files, path);
  if (known != NULL)
    return (EsdhPdfCheck) (GPOINTER_TO_INT (known) - 1);
  {
    EsdhPdfCheck check = esdh_bundle_check_pdf (file);
    g_hash_table_insert (r->checked_files, g_steal_pointer (&path), GINT_TO_POINTER ((int) check + 1));
    return check;
  }
}

void
esdh_item_add_attachment (EsdhReader *r, RefAgendaItem *item, const char *title, const char *path, GFile *base)
{
  g_autoptr (RefAttachment) attachment = ref_attachment_new ();
  g_autofree char *clean_title = esdh_clean (title);
  g_autofree char *clean_path = esdh_clean (path);
  g_autoptr (GFile) file = NULL;
  guint number = ref_agenda_item_get_number (item);
  gboolean inexact = FALSE;

  if (clean_title == NULL && clean_path != NULL)
    {
      const char *slash = strrchr (clean_path, '\\') ? strrchr (clean_path, '\\') : strrchr (clean_path, '/');
      clean_title = g_strdup (slash ? slash + 1 : clean_path);
    }
  if (clean_title == NULL)
    return;
  ref_attachment_set_title (attachment, clean_title);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_attachments (item)), attachment);
  if (clean_path == NULL)
    return;
  r->n_attachments++;
  if (base == NULL)
    base = r->folder;
  if (base == NULL)
    return; /* read from memory: nowhere to look */

  file = esdh_bundle_find (base, clean_path, &inexact);
  if (file == NULL)
    {
      esdh_warn (r, clean_path, _("Item %u: the file of the attachment “%s” is missing from the export"), number,
                 clean_title);
      return;
    }
  r->n_attachments_found++;
  {
    g_autofree char *found = g_file_get_path (file);
    g_autofree char *found_name = g_file_get_basename (file);

    ref_attachment_set_filename (attachment, found);
    if (inexact)
      esdh_warn (r, clean_path,
                 _("Item %u: the export names the file differently from the bundle (case or accents); “%s” was used"),
                 number, found_name);
    if (has_pdf_name (file))
      switch (check_pdf_once (r, file))
        {
        case ESDH_PDF_BLANK:
          esdh_warn (r, found_name,
                     _("Item %u: the attachment “%s” is a blank page, a placeholder for a document that was not "
                       "published"),
                     number, clean_title);
          break;
        case ESDH_PDF_SCAN:
          esdh_warn (r, found_name, _("Item %u: the attachment “%s” is a scan without text"), number, clean_title);
          break;
        case ESDH_PDF_DAMAGED:
          esdh_warn (r, found_name, _("Item %u: the attachment “%s” could not be read as a PDF"), number,
                     clean_title);
          break;
        case ESDH_PDF_OK:
        default:
          break;
        }
  }
}

/* Items whose export lists attachments only in the text of a "Bilag" field get them
 * as attachments without a file. */
static void
add_listed_attachments (EsdhReader *r, RefAgendaItem *item)
{
  GPtrArray *listed = g_object_get_data (G_OBJECT (item), LISTED_ATTACHMENTS);

  if (listed == NULL || g_list_model_get_n_items (ref_agenda_item_get_attachments (item)) > 0)
    return;
  for (guint i = 0; i < listed->len; i++)
    {
      const char *title = listed->pdata[i];
      RefCaption caption;

      /* "Ingen" (none) is no attachment. */
      if (ref_caption_is_none (title) || g_utf8_strlen (title, -1) > 300)
        continue;
      ref_caption_classify (title, &caption);
      if (caption.role == REF_CAPTION_ATTACHMENTS)
        {
          ref_caption_clear (&caption);
          continue;
        }
      ref_caption_clear (&caption);
      esdh_item_add_attachment (r, item, title, NULL, NULL);
    }
}

/* ---- participants ---- */

typedef struct {
  char *name;
  char *party;
  char *role;
} Label;

static void
label_clear (Label *label)
{
  g_free (label->name);
  g_free (label->party);
  g_free (label->role);
}

/* "Doris Børger (A)", "Lolan Ottesen (A) - formand", "Mie Andresen - sekretær",
 * "Kate Svarrer (løsgænger)". */
static void
parse_label (const char *text, Label *label)
{
  g_autofree char *clean = esdh_clean (text);
  g_autoptr (GRegex) with_party = g_regex_new ("^(.+?)\\s*\\(([^()]{1,40})\\)\\s*(?:[-–,]\\s*(.+))?$", 0, 0, NULL);
  g_autoptr (GRegex) with_role = g_regex_new ("^(.+?)\\s+[-–]\\s+(.+)$", 0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;

  memset (label, 0, sizeof *label);
  if (clean == NULL)
    return;
  if (g_regex_match (with_party, clean, 0, &m))
    {
      label->name = g_match_info_fetch (m, 1);
      label->party = g_match_info_fetch (m, 2);
      label->role = g_match_info_fetch (m, 3);
    }
  else
    {
      g_clear_pointer (&m, g_match_info_free);
      if (g_regex_match (with_role, clean, 0, &m))
        {
          label->name = g_match_info_fetch (m, 1);
          label->role = g_match_info_fetch (m, 2);
        }
      else
        label->name = g_steal_pointer (&clean);
    }
  if (label->role != NULL && *label->role == '\0')
    g_clear_pointer (&label->role, g_free);
}

static char *
name_key (const char *name)
{
  g_autofree char *clean = esdh_clean (name);
  g_autofree char *normal = clean ? g_utf8_normalize (clean, -1, G_NORMALIZE_NFC) : NULL;

  return normal ? g_utf8_casefold (normal, -1) : NULL;
}

RefParticipant *
esdh_find_participant (EsdhReader *r, const char *text)
{
  Label label;
  g_autofree char *key = NULL;

  parse_label (text, &label);
  key = name_key (label.name);
  label_clear (&label);
  return key ? g_hash_table_lookup (r->participants, key) : NULL;
}

RefParticipant *
esdh_add_participant (EsdhReader *r, const char *text, const char *party, const char *role, RefAttendance attendance)
{
  Label label;
  g_autofree char *key = NULL;
  g_autofree char *clean_party = esdh_clean (party);
  g_autofree char *clean_role = esdh_clean (role);
  RefParticipant *participant;

  parse_label (text, &label);
  key = name_key (label.name);
  if (key == NULL)
    {
      label_clear (&label);
      return NULL;
    }
  if (clean_party != NULL)
    g_free (label.party), label.party = g_steal_pointer (&clean_party);
  if (clean_role != NULL)
    g_free (label.role), label.role = g_steal_pointer (&clean_role);
  if (label.role != NULL && ref_caption_is_plain_member_role (label.role))
    g_clear_pointer (&label.role, g_free);

  participant = g_hash_table_lookup (r->participants, key);
  if (participant == NULL)
    {
      g_autoptr (RefParticipant) created = ref_participant_new ();

      ref_participant_set_name (created, label.name);
      ref_participant_set_participant_type (created, ref_caption_participant_type_for_role (label.role));
      ref_participant_set_attendance (created, attendance);
      ref_meeting_add_participant (r->meeting, created);
      g_hash_table_insert (r->participants, g_steal_pointer (&key), created);
      participant = created;
    }
  else if (attendance != REF_ATTENDANCE_UNKNOWN)
    ref_participant_set_attendance (participant, attendance);
  if (label.party != NULL && *ref_participant_get_party (participant) == '\0')
    ref_participant_set_party (participant, label.party);
  if (label.role != NULL && *ref_participant_get_role (participant) == '\0')
    ref_participant_set_role (participant, label.role);
  label_clear (&label);
  return participant;
}

void
esdh_mark_absent_for_item (EsdhReader *r, RefParticipant *participant, RefAgendaItem *item)
{
  GPtrArray *items = g_hash_table_lookup (r->absences, participant);

  if (items == NULL)
    {
      items = g_ptr_array_new ();
      g_hash_table_insert (r->absences, participant, items);
    }
  if (!g_ptr_array_find (items, item, NULL))
    g_ptr_array_add (items, item);
}

/* ---- the meeting's own name ---- */

/* Words that only say what kind of meeting or document it is. */
static gboolean
is_kind_word (const char *word)
{
  RefMeetingKind kind;

  return ref_caption_meeting_kind (word, &kind) || g_str_equal (word, "møde") || g_str_equal (word, "udvalgsmøde");
}

void
esdh_meeting_name_remark (EsdhReader *r, const char *name)
{
  g_autofree char *clean = esdh_clean (name);
  g_autofree char *committee = g_utf8_casefold (ref_meeting_get_committee (r->meeting), -1);
  g_auto (GStrv) words = NULL;
  gboolean says_more = FALSE;

  if (clean == NULL || ref_meeting_get_remarks (r->meeting) != NULL)
    return;
  words = g_regex_split_simple ("[^\\p{L}\\p{N}]+", clean, 0, 0);
  /* "Ekstraordinært PUK", "Temamøde om budget": something beyond the committee's
   * name ("PUK", "Økonomiudvalget - dagsorden") and the kind of document. */
  for (guint i = 0; words[i] != NULL && !says_more; i++)
    {
      g_autofree char *word = g_utf8_casefold (words[i], -1);

      if (g_utf8_strlen (word, -1) >= 4 && strstr (committee, word) == NULL && !is_kind_word (word))
        says_more = TRUE;
    }
  if (says_more)
    {
      g_autoptr (RefText) remark = ref_text_new_paragraph (clean);
      ref_meeting_set_remarks (r->meeting, remark);
    }
}

/* ---- a front page in plain text ---- */

static gboolean
looks_like_name (const char *line)
{
  gunichar first = g_utf8_get_char (line);
  gsize len = g_utf8_strlen (line, -1);

  return len >= 3 && len <= 100 && g_unichar_isupper (first) && strchr (line, '\t') == NULL
         && !g_str_has_suffix (line, ".") && !ref_caption_is_contents_heading (line);
}

void
esdh_read_front_page (EsdhReader *r, const char *plain)
{
  g_auto (GStrv) lines = g_regex_split_simple ("\\r\\n|\\r|\\n|\\f", plain ? plain : "", 0, 0);
  RefAttendanceList list = REF_ATTENDANCE_LIST_NONE;
  g_autofree char *list_heading = NULL;
  guint entries = 0, blanks = 0;
  gboolean time_seen = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = esdh_clean (lines[i]);
      RefAttendanceList heading;
      const char *value = NULL;

      if (line == NULL)
        {
          blanks++;
          if (list != REF_ATTENDANCE_LIST_NONE && (entries > 0 || blanks > 3))
            list = REF_ATTENDANCE_LIST_NONE;
          continue;
        }
      blanks = 0;
      /* The table of contents ("1.\tMeddelelser\t3") or its heading ends the front page. */
      if (ref_caption_is_contents_heading (line) || g_regex_match_simple ("^\\d+\\.\\s", lines[i], 0, 0))
        break;

      heading = ref_caption_attendance_list (line);
      if (heading != REF_ATTENDANCE_LIST_NONE)
        {
          list = heading;
          entries = 0;
          g_free (list_heading);
          list_heading = ref_caption_tidy (line);
          continue;
        }
      if (list != REF_ATTENDANCE_LIST_NONE)
        {
          RefParticipant *participant;
          RefAttendance attendance = list == REF_ATTENDANCE_LIST_PRESENT || list == REF_ATTENDANCE_LIST_OFFICIALS
                                         ? REF_ATTENDANCE_PRESENT
                                         : REF_ATTENDANCE_ABSENT;
          const char *role = list == REF_ATTENDANCE_LIST_OFFICIALS
                                     && ref_caption_participant_type_for_role (list_heading) == REF_PARTICIPANT_TYPE_OFFICIAL
                                 ? list_heading
                                 : NULL;

          if (!looks_like_name (line))
            {
              list = REF_ATTENDANCE_LIST_NONE;
              continue;
            }
          participant = esdh_add_participant (r, line, NULL, role, attendance);
          if (participant != NULL)
            {
              if (list == REF_ATTENDANCE_LIST_OFFICIALS)
                ref_participant_set_participant_type (participant, REF_PARTICIPANT_TYPE_OFFICIAL);
              if (list == REF_ATTENDANCE_LIST_ABSENT_WITHOUT)
                ref_participant_set_notice (participant, REF_NOTICE_WITHOUT);
            }
          entries++;
          continue;
        }

      switch (ref_caption_match_label (line, &value))
        {
        case REF_CAPTION_LABEL_PLACE:
          if (*ref_meeting_get_location (r->meeting) == '\0' && *value != '\0')
            ref_meeting_set_location (r->meeting, value);
          continue;
        case REF_CAPTION_LABEL_END:
          {
            int minutes = ref_caption_parse_time (line);
            GDateTime *start = ref_meeting_get_start (r->meeting);
            if (minutes >= 0 && start != NULL && ref_meeting_get_end (r->meeting) == NULL)
              {
                g_autoptr (GDateTime) end = g_date_time_new_utc (
                    g_date_time_get_year (start), g_date_time_get_month (start), g_date_time_get_day_of_month (start),
                    minutes / 60, minutes % 60, 0);
                if (g_date_time_compare (end, start) >= 0)
                  ref_meeting_set_end (r->meeting, end);
              }
          }
          continue;
        case REF_CAPTION_LABEL_NONE:
        case REF_CAPTION_LABEL_CASE_NUMBER:
        case REF_CAPTION_LABEL_DOCUMENT_NUMBER:
        case REF_CAPTION_LABEL_CASE_WORKER:
        default:
          break;
        }

      /* "tirsdag den 4. december 2012, kl. 13:00" and then "i Mødecenter C …". */
      if (!time_seen && ref_caption_parse_time (line) >= 0 && g_strstr_len (line, -1, "kl") != NULL)
        {
          time_seen = TRUE;
          if (lines[i + 1] != NULL && *ref_meeting_get_location (r->meeting) == '\0')
            {
              g_autofree char *next = esdh_clean (lines[i + 1]);
              const char *place = ref_caption_place_line (next);

              if (place != NULL && g_utf8_strlen (place, -1) < 200)
                ref_meeting_set_location (r->meeting, place);
            }
        }
    }
}

/* ---- finishing ---- */

/* By number; items without one (0) last, in the export's order. */
static int
compare_numbers (gconstpointer a, gconstpointer b)
{
  guint na = ref_agenda_item_get_number (*(RefAgendaItem *const *) a);
  guint nb = ref_agenda_item_get_number (*(RefAgendaItem *const *) b);

  na = na ? na : G_MAXUINT;
  nb = nb ? nb : G_MAXUINT;

  return na < nb ? -1 : na > nb;
}

static char *
number_list (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len && i < 40; i++)
    g_string_append_printf (out, "%s%u", i ? ", " : "", ref_agenda_item_get_number (items->pdata[i]));
  if (items->len > 40)
    g_string_append (out, ", …");
  return g_string_free (out, FALSE);
}

static void
sort_and_number (EsdhReader *r)
{
  g_autoptr (GHashTable) used = g_hash_table_new (NULL, NULL);
  gboolean ordered = TRUE;
  guint highest = 0;

  for (guint i = 0; i < r->items->len; i++)
    {
      guint n = ref_agenda_item_get_number (r->items->pdata[i]);
      if (i > 0 && n < ref_agenda_item_get_number (r->items->pdata[i - 1]))
        ordered = FALSE;
      highest = MAX (highest, n);
    }
  if (!ordered)
    {
      g_autofree char *order = number_list (r->items);
      esdh_warn (r, order, _("The export lists the items out of order; they were sorted by number"));
    }
  /* Stable: items with equal numbers keep the export's order. */
  g_ptr_array_sort (r->items, compare_numbers);

  for (guint i = 0; i < r->items->len; i++)
    {
      RefAgendaItem *item = r->items->pdata[i];
      guint n = ref_agenda_item_get_number (item);

      if (n == 0 || g_hash_table_contains (used, GUINT_TO_POINTER (n)))
        {
          guint given = ++highest;

          if (n == 0)
            esdh_warn (r, ref_agenda_item_get_title (item), _("An item has no number in the export; it was given number %u"),
                       given);
          else
            esdh_warn (r, ref_agenda_item_get_title (item),
                       _("Two items have number %u in the export; the second was given number %u"), n, given);
          ref_agenda_item_set_number (item, given);
          n = given;
        }
      g_hash_table_add (used, GUINT_TO_POINTER (n));
    }
  g_ptr_array_sort (r->items, compare_numbers);
  if (r->items->len > 0 && ref_agenda_item_get_number (r->items->pdata[0]) > 1)
    {
      g_autofree char *range = g_strdup_printf ("%u–%u", ref_agenda_item_get_number (r->items->pdata[0]),
                                                ref_agenda_item_get_number (r->items->pdata[r->items->len - 1]));
      esdh_warn (r, range,
                 _("The first item has number %u: the case system numbers items on from earlier meetings, or part "
                   "of the agenda is not in the export; renumber the items if these minutes count from 1"),
                 ref_agenda_item_get_number (r->items->pdata[0]));
    }
}

static void
apply_absences (EsdhReader *r)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, r->absences);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RefParticipant *participant = key;
      GPtrArray *absent = value;
      g_autoptr (GArray) attended = g_array_new (FALSE, FALSE, sizeof (guint));

      if (ref_participant_get_attendance (participant) == REF_ATTENDANCE_ABSENT)
        continue;
      for (guint i = 0; i < r->items->len; i++)
        if (!g_ptr_array_find (absent, r->items->pdata[i], NULL))
          {
            guint n = ref_agenda_item_get_number (r->items->pdata[i]);
            g_array_append_val (attended, n);
          }
      if (attended->len == 0)
        ref_participant_set_attendance (participant, REF_ATTENDANCE_ABSENT);
      else if (attended->len < r->items->len)
        {
          ref_participant_set_attendance (participant, REF_ATTENDANCE_PARTIAL);
          ref_participant_set_attended_items (participant, attended);
        }
    }
}

void
esdh_finish (EsdhReader *r)
{
  sort_and_number (r);
  for (guint i = 0; i < r->items->len; i++)
    {
      RefAgendaItem *item = r->items->pdata[i];

      add_listed_attachments (r, item);
      g_object_set_data (G_OBJECT (item), LISTED_ATTACHMENTS, NULL);
      ref_meeting_add_item (r->meeting, item);
    }
  apply_absences (r);
  ref_history_clear (ref_meeting_get_history (r->meeting));
}
