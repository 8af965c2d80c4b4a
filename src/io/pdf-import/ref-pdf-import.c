/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "ref-file-util.h"
#include "ref-outcome.h"
#include "ref-pdf-import-private.h"

/*
 * The importer uses every signal a PDF gives, strongest first:
 *  1. poppler's text layout and attributes → lines with size, weight, position, and
 *     per cell of a line (ref-pdf-text.c); the outline and the headings of a tagged
 *     PDF's structure tree (ref-pdf-structure.c);
 *  2. page furniture (running headers, footers, page numbers) is recognised as text
 *     repeated at the same place on many pages;
 *  3. the document's own list of its items, the table of contents or else the
 *     outline, is read and each title looked for in the body (ref-pdf-navigation.c);
 *  4. agenda item headings: lines numbered like items in any of the usual forms, set
 *     alike, with increasing numbers, agreeing with that list (ref-pdf-headings.c);
 *  5. what precedes the first item is the header block (ref-pdf-header.c);
 *  6. each item's lines are split at captions into sections, recommendation,
 *     decisions, attachments (ref-pdf-item.c).
 * Words are data: every Danish wording is in ref-pdf-vocabulary.c. Every line is
 * either furniture, table of contents, or ends up in the model; what cannot be placed
 * becomes a warning, and the coverage and confidence figures say how sure the import
 * is, and why not.
 */

G_DEFINE_QUARK (ref-pdf-import-error-quark, ref_pdf_import_error)

struct _RefPdfImport {
  RefMeeting *meeting;
  GPtrArray *warnings;
  GPtrArray *notes;
  GPtrArray *item_headings;
  double confidence;
  double coverage;
  guint n_pages;
};

static void
warning_free (gpointer data)
{
  RefImportWarning *w = data;

  g_free (w->text);
  g_free (w->reason);
  g_free (w);
}

/* ---- document analysis ---- */

static double
dominant_size (Importer *imp, gboolean bold)
{
  g_autoptr (GHashTable) weights = g_hash_table_new (NULL, NULL); /* size×10 → characters */
  GHashTableIter iter;
  gpointer key, value;
  gsize best_weight = 0;
  int best = 0;

  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      gpointer k;

      if (line->role != ROLE_BODY || line->pdf->bold != bold)
        continue;
      k = GINT_TO_POINTER ((int) lround (line->pdf->size * 10) + 1);
      g_hash_table_insert (weights, k,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (weights, k)) + strlen (line->pdf->text)));
    }
  g_hash_table_iter_init (&iter, weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > best_weight)
      {
        best_weight = GPOINTER_TO_SIZE (value);
        best = GPOINTER_TO_INT (key) - 1;
      }
  return best / 10.0;
}

static char *
furniture_key (const char *text)
{
  GString *key = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    g_string_append_c (key, g_ascii_isdigit (*p) ? '#' : *p);
  return g_string_free (key, FALSE);
}

/* A short document repeats its running header too seldom to tell it by repetition:
 * the first line of a page (after the front page), set smaller than the body, that
 * names a committee and a date is one as well. */
static gboolean
is_small_running_header (Importer *imp, guint index)
{
  Line *line = importer_line (imp, index);
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *date = NULL;
  int y, mo, d;

  if (line->pdf->page == 0 || line->pdf->size > imp->body_size - 0.9
      || (index > 0 && importer_line (imp, index - 1)->pdf->page == line->pdf->page))
    return FALSE;
  if (!ref_pdf_vocab_match (REF_VOCAB_RUNNING_HEADER, line->pdf->text, &m))
    return FALSE;
  date = ref_pdf_vocab_group (m, "date");
  return ref_pdf_parse_danish_date (date, &y, &mo, &d, NULL);
}

/* Running headers and footers: text in the top or bottom band of the page that recurs
 * (digits aside) on several pages, and bare page numbers there. */
static void
mark_furniture (Importer *imp)
{
  g_autoptr (GHashTable) pages_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GRegex *page_number = ref_pdf_vocab (REF_VOCAB_PAGE_NUMBER);
  double band = imp->text->page_height * 0.09;
  guint threshold = MAX (2, imp->text->n_pages / 3);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < imp->lines->len; i++)
      {
        Line *line = importer_line (imp, i);
        gboolean in_band = line->pdf->y0 < band || line->pdf->y1 > imp->text->page_height - band;
        g_autofree char *key = NULL;
        guint count;

        if (!in_band)
          continue;
        key = furniture_key (line->pdf->text);
        count = GPOINTER_TO_UINT (g_hash_table_lookup (pages_by_key, key));
        if (pass == 0)
          g_hash_table_insert (pages_by_key, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
        else if (count >= threshold || (imp->text->n_pages > 1 && g_regex_match (page_number, line->pdf->text, 0, NULL))
                 || is_small_running_header (imp, i))
          line->role = ROLE_FURNITURE;
      }
}


/* Text with its white space collapsed: tagged headings and lines compare exactly. */
static char *
spaced (const char *text)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

/* Lines that are headings of the structure tree of a tagged PDF. */
static void
mark_tagged_headings (Importer *imp)
{
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *tagged = imp->text->tagged_headings;

  if (tagged == NULL || tagged->len == 0)
    return;
  for (guint i = 0; i < tagged->len; i++)
    {
      RefPdfTaggedHeading *h = g_ptr_array_index (tagged, i);
      g_hash_table_insert (keys, spaced (h->text), GUINT_TO_POINTER (MAX (h->level, 1)));
    }
  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      g_autofree char *key = NULL;

      if (line->role != ROLE_BODY)
        continue;
      key = spaced (line->pdf->text);
      line->tag_level = GPOINTER_TO_UINT (g_hash_table_lookup (keys, key));
      /* The first line of a wrapped heading. */
      if (line->tag_level == 0 && (line->pdf->bold || line->pdf->size > imp->body_size + 0.4) && strlen (key) >= 10)
        for (guint t = 0; t < tagged->len && line->tag_level == 0; t++)
          {
            RefPdfTaggedHeading *h = g_ptr_array_index (tagged, t);
            g_autofree char *heading_key = spaced (h->text);
            if (g_str_has_prefix (heading_key, key) && heading_key[strlen (key)] == ' ')
              line->tag_level = MAX (h->level, 1);
          }
    }
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* A layout in two columns, captions in a narrow margin column beside the text
 * ("Sagsbeskrivelse ⇥ Lokalplanen giver …", the item number beside the title): the
 * text's lines start at one place right of the margin, and bold labels stand left of
 * it on the baselines of their first lines. Sets imp->text_column_x. */
static void
find_text_column (Importer *imp)
{
  g_autoptr (GHashTable) starts = g_hash_table_new (NULL, NULL); /* x → text lines starting there */
  GHashTableIter iter;
  gpointer key, value;
  guint best_count = 0, labelled = 0, text_lines = 0;
  int best = -1;

  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      gpointer k;

      if (line->role != ROLE_BODY || line->pdf->bold || line->pdf->cells->len != 1)
        continue;
      k = GINT_TO_POINTER ((int) lround (line->pdf->x0) + 1);
      g_hash_table_insert (starts, k, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (starts, k)) + 1));
      text_lines++;
    }
  g_hash_table_iter_init (&iter, starts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best_count)
      {
        best_count = GPOINTER_TO_UINT (value);
        best = GPOINTER_TO_INT (key) - 1;
      }
  if (best < 0 || best_count < text_lines / 2)
    return;
  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      RefPdfCell *label, *text;
      g_autofree char *first = NULL;

      if (line->role != ROLE_BODY || line->pdf->cells->len < 2)
        continue;
      label = &g_array_index (line->pdf->cells, RefPdfCell, 0);
      text = &g_array_index (line->pdf->cells, RefPdfCell, 1);
      first = ref_pdf_line_cell_text (line->pdf, 0);
      if (label->bold && label->x1 < best - 8 && fabs (text->x0 - best) < 6 && has_letter (first))
        labelled++;
    }
  /* The margin holds labels, not just the text's own indents. */
  if (labelled >= 3)
    imp->text_column_x = best;
}

static gboolean
is_signature_title (const char *title)
{
  return ref_pdf_vocab_match (REF_VOCAB_SIGNATURE_TITLE, title, NULL);
}

static gboolean
is_known_attachment (Importer *imp, const char *title)
{
  for (guint i = 0; i < ref_meeting_get_n_items (imp->meeting); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (imp->meeting), i);
      GListModel *attachments = ref_agenda_item_get_attachments (item);

      for (guint a = 0; a < g_list_model_get_n_items (attachments); a++)
        {
          g_autoptr (RefAttachment) att = g_list_model_get_item (attachments, a);
          if (g_str_equal (ref_attachment_get_title (att), title))
            return TRUE;
        }
    }
  return FALSE;
}

/* Pages after the last item that belong to no item: a signature page (its names come
 * from the participant list), or an overview of all attachments that repeats what the
 * items list ("Bilag" opening a page, every entry an attachment of an earlier item).
 * The last item ends before them. */
static guint
find_closing_overview (Importer *imp, ItemHeading *heading, guint start, guint end)
{
  for (guint i = start; i < end; i++)
    {
      Line *line = importer_line (imp, i);
      gboolean first_on_page = TRUE;
      guint entries = 0, known = 0;

      if (line->role != ROLE_BODY || line->pdf->page == importer_line (imp, heading->line)->pdf->page || !line->pdf->bold)
        continue;
      for (guint j = start; j < i; j++)
        if (importer_line (imp, j)->role == ROLE_BODY && importer_line (imp, j)->pdf->page == line->pdf->page)
          first_on_page = FALSE;
      if (!first_on_page)
        continue;
      /* A signature page lists the members from the participant list: derived. */
      if (ref_pdf_vocab_match (REF_VOCAB_CLOSING_PAGE, line->pdf->text, NULL))
        {
          for (guint j = i; j < end; j++)
            importer_line (imp, j)->used = TRUE;
          return i;
        }
      if (!ref_pdf_vocab_match (REF_VOCAB_ATTACHMENT_OVERVIEW, line->pdf->text, NULL))
        continue;
      for (guint j = i + 1; j < end; j++)
        {
          Line *entry = importer_line (imp, j);
          const char *text = entry->pdf->text;

          if (entry->role != ROLE_BODY)
            continue;
          if (g_str_has_prefix (text, "•"))
            text = g_utf8_next_char (text);
          while (*text == ' ' || *text == '\t')
            text++;
          entries++;
          known += is_known_attachment (imp, text);
        }
      if (entries > 0 && known == entries)
        {
          for (guint j = i; j < end; j++)
            importer_line (imp, j)->used = TRUE;
          return i;
        }
    }
  return end;
}

/* The line after which the body of heading @h ends: the next heading with a body of
 * its own (or the case number printed above it). */
static guint
body_end (Importer *imp, GArray *headings, guint h)
{
  for (guint n = h + 1; n < headings->len; n++)
    {
      ItemHeading *next = &g_array_index (headings, ItemHeading, n);
      if (next->toc_only)
        continue;
      return next->case_line != G_MAXUINT ? MIN (next->case_line, next->line) : next->line;
    }
  return imp->lines->len;
}

static void
read_items (Importer *imp, GArray *headings, GCancellable *cancellable, RefPdfImportProgress progress,
            gpointer user_data)
{
  guint last_body = G_MAXUINT;

  for (guint h = 0; h < headings->len; h++)
    if (!g_array_index (headings, ItemHeading, h).toc_only)
      last_body = h;
  for (guint h = 0; h < headings->len; h++)
    {
      ItemHeading *heading = &g_array_index (headings, ItemHeading, h);
      g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
      g_autoptr (GMatchInfo) m = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        return;
      ref_agenda_item_set_number (item, heading->number);
      ref_agenda_item_set_case_number (item, heading->case_number);
      if (ref_pdf_vocab_match (REF_VOCAB_CLOSED_TITLE, heading->title, &m))
        {
          g_autofree char *name = ref_pdf_vocab_group (m, "title");
          ref_agenda_item_set_closed (item, TRUE);
          ref_agenda_item_set_title (item, name ? name : heading->title);
          ref_agenda_item_set_public_title (item, heading->title);
        }
      else
        {
          ref_agenda_item_set_title (item, heading->title);
          ref_agenda_item_set_closed (item, heading->closed || imp->closed_part);
        }
      if (is_signature_title (heading->title))
        ref_agenda_item_set_kind (item, REF_ITEM_KIND_SIGNATURE);

      if (heading->toc_only)
        g_ptr_array_add (imp->item_headings, g_ptr_array_new_with_free_func (g_free));
      else
        {
          guint start = heading->end;
          guint end = body_end (imp, headings, h);

          if (h == last_body)
            end = find_closing_overview (imp, heading, start, end);
          for (guint i = heading->line; i < heading->end; i++)
            importer_line (imp, i)->used = TRUE;
          for (guint i = heading->case_line; i < heading->line; i++)
            importer_line (imp, i)->used = TRUE;
          ref_pdf_read_item_body (imp, item, start, MAX (start, end));
        }
      ref_meeting_add_item (imp->meeting, item);
      if (progress)
        progress (0.5 + 0.5 * (h + 1) / headings->len, user_data);
    }
}

/* Titles in the document's list of items and at the items must agree; the list also
 * says which items are on the closed part of the agenda. Returns how many entries
 * agree; @listed gets how many there are. */
static guint
cross_check_navigation (Importer *imp, guint *listed)
{
  guint agree = 0;

  *listed = 0;
  for (guint i = 0; i < imp->nav->len; i++)
    {
      NavEntry *e = &g_array_index (imp->nav, NavEntry, i);
      RefAgendaItem *item = NULL;
      g_autofree char *want = NULL, *printed = NULL, *title = NULL;
      gboolean complete;

      if (e->level != 0)
        continue;
      (*listed)++;
      if (e->number > 0)
        item = ref_meeting_find_item_by_number (imp->meeting, e->number);
      else if (*listed <= ref_meeting_get_n_items (imp->meeting))
        {
          g_autoptr (RefAgendaItem) nth = g_list_model_get_item (ref_meeting_get_items (imp->meeting), *listed - 1);
          item = nth; /* the store keeps it */
        }
      if (item == NULL)
        {
          importer_warn (imp, 0, e->title,
                         imp->nav_is_outline ? _("The bookmarks list an item that was not found in the text.")
                                             : _("The table of contents lists an item that was not found in the text."));
          continue;
        }
      if (e->closed)
        ref_agenda_item_set_closed (item, TRUE);
      want = ref_pdf_match_key (e->title);
      printed = ref_pdf_match_key (ref_agenda_item_get_closed (item) && *ref_agenda_item_get_public_title (item)
                                       ? ref_agenda_item_get_public_title (item)
                                       : ref_agenda_item_get_title (item));
      title = ref_pdf_match_key (ref_agenda_item_get_title (item));
      if (g_str_equal (want, printed) || g_str_equal (want, title)
          || ((g_str_has_suffix (e->title, "…") || g_str_has_suffix (e->title, "...")) && g_str_has_prefix (printed, want))
          || (ref_pdf_title_matches (printed, want, &complete) && complete))
        agree++;
      else
        importer_warn (imp, 0, e->title,
                       imp->nav_is_outline ? _("The title in the bookmarks differs from the item’s heading.")
                                           : _("The title in the table of contents differs from the item’s heading."));
    }
  return agree;
}

/* Minutes record decisions of the meeting; a document without any, or whose only
 * decisions are of earlier meetings (an agenda quotes them), is an agenda, whatever
 * its title line said or did not say. */
static void
mark_meeting_kind (Importer *imp)
{
  GDateTime *start = ref_meeting_get_start (imp->meeting);
  gboolean any_decision = FALSE;

  for (guint i = 0; i < ref_meeting_get_n_items (imp->meeting); i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (ref_meeting_get_items (imp->meeting), i);
      GListModel *decisions = ref_agenda_item_get_decisions (item);

      for (guint d = 0; d < g_list_model_get_n_items (decisions); d++)
        {
          g_autoptr (RefDecision) decision = g_list_model_get_item (decisions, d);
          GDateTime *date = ref_decision_get_date (decision);

          if (date == NULL || start == NULL
              || g_date_time_get_year (date) * 400 + g_date_time_get_day_of_year (date)
                     >= g_date_time_get_year (start) * 400 + g_date_time_get_day_of_year (start))
            any_decision = TRUE;
        }
    }
  ref_meeting_set_kind (imp->meeting, any_decision ? REF_MEETING_KIND_MINUTES : REF_MEETING_KIND_AGENDA);
}

/* The words of the document, and its hyphenated words ("it-system"), for telling a
 * line-end hyphen that divides a word from one that belongs to it. (A scan, not a
 * regular expression: it runs over every character of the document.) */
static void
build_words (Importer *imp)
{
  imp->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < imp->lines->len; i++)
    {
      const char *p = importer_line (imp, i)->pdf->text;

      while (*p)
        {
          const char *start = p, *end = p;
          glong letters = 0;

          /* Letters, and hyphens between letters. */
          while (*end)
            {
              gunichar c = g_utf8_get_char (end);
              const char *after = g_utf8_next_char (end);

              if (g_unichar_isalpha (c))
                letters++;
              else if (!(c == '-' && letters > 0 && *after && g_unichar_isalpha (g_utf8_get_char (after))))
                break;
              end = after;
            }
          /* A hyphen at the line's end is no part of a word. */
          if (letters > 2 && *end != '-')
            g_hash_table_add (imp->words, g_utf8_strdown (start, end - start));
          p = end > start ? end : g_utf8_next_char (end);
        }
    }
}

/* Why the confidence is lower than the coverage: each reason lowers it and is kept
 * as a note, so that the user (and referent-cli import -v) learns what to check. */
static double
lower_confidence (Importer *imp, double confidence, double factor, const char *reason)
{
  if (factor >= 0.999)
    return confidence;
  g_ptr_array_add (imp->notes, g_strdup (reason));
  return confidence * CLAMP (factor, 0.0, 1.0);
}

static void
compute_confidence (Importer *imp, RefPdfImport *result, guint nav_agree, guint nav_listed)
{
  gsize total = 0, used = 0;
  guint unused_lines = 0;
  double confidence;
  g_autofree char *reason = NULL;

  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      gsize n;

      if (line->role != ROLE_BODY)
        continue;
      n = ref_pdf_text_count_chars (line->pdf->text);
      total += n;
      if (line->used)
        used += n;
      else if (unused_lines++ < 50)
        importer_warn (imp, line->pdf->page + 1, line->pdf->text, _("This text could not be placed in the meeting."));
    }
  result->coverage = total ? (double) used / total : 0.0;

  confidence = result->coverage;
  if (imp->fallback)
    confidence = lower_confidence (imp, confidence, 0.2,
                                   _("No agenda items were recognised: the whole text was imported as one item."));
  if (nav_listed > 0 && nav_agree < nav_listed)
    {
      reason = g_strdup_printf (_("%u of %u items listed by the document were not found as listed."), nav_listed - nav_agree,
                                nav_listed);
      confidence = lower_confidence (imp, confidence, 0.5 + 0.5 * (double) nav_agree / nav_listed, reason);
      g_clear_pointer (&reason, g_free);
    }
  if (imp->captions_unknown > 0)
    {
      reason = g_strdup_printf (_("%u of %u captions in the items are not known; their text was kept as free sections."),
                                imp->captions_unknown, imp->captions);
      confidence = lower_confidence (imp, confidence, 1.0 - 0.5 * (double) imp->captions_unknown / MAX (imp->captions, 1),
                                     reason);
      g_clear_pointer (&reason, g_free);
    }
  if (imp->untitled_parts > 0)
    {
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u passage after a decision was set apart from it and kept without a caption.",
                                             "%u passages after decisions were set apart from them and kept without a caption.",
                                             imp->untitled_parts),
                                imp->untitled_parts);
      confidence = lower_confidence (imp, confidence, 1.0 / (1.0 + 0.1 * imp->untitled_parts), reason);
      g_clear_pointer (&reason, g_free);
    }
  if (imp->long_decisions > 0)
    {
      reason = g_strdup_printf (_("%u of %u decisions are unusually long; check where they end."), imp->long_decisions,
                                imp->decisions);
      confidence = lower_confidence (imp, confidence, 1.0 - 0.5 * (double) imp->long_decisions / MAX (imp->decisions, 1),
                                     reason);
      g_clear_pointer (&reason, g_free);
    }
  if (*ref_meeting_get_committee (imp->meeting) == '\0')
    {
      importer_warn (imp, 1, NULL, _("The committee’s name was not found."));
      confidence = lower_confidence (imp, confidence, 0.8, _("The committee’s name was not found."));
    }
  if (ref_meeting_get_start (imp->meeting) == NULL)
    {
      importer_warn (imp, 1, NULL, _("The meeting date was not found; set it before saving."));
      confidence = lower_confidence (imp, confidence, 0.7, _("The meeting date was not found; set it before saving."));
    }
  if (imp->warnings->len > 0)
    {
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning about text that could not be placed with certainty.",
                                             "%u warnings about text that could not be placed with certainty.",
                                             imp->warnings->len),
                                imp->warnings->len);
      confidence = lower_confidence (imp, confidence, 1.0 / (1.0 + 0.02 * imp->warnings->len), reason);
      g_clear_pointer (&reason, g_free);
    }
  result->confidence = CLAMP (confidence, 0.0, 1.0);
}

/* No item structure was found: everything after the header is one item, so that no
 * text is lost and the user can restructure it. */
static GArray *
fallback_heading (Importer *imp)
{
  GArray *headings = g_array_new (FALSE, TRUE, sizeof (ItemHeading));
  ItemHeading h = { 0 };
  guint first = 0;

  g_array_set_clear_func (headings, item_heading_clear);
  /* The first line that is not the front page's. */
  for (guint i = 0; i < imp->lines->len; i++)
    if (importer_line (imp, i)->role == ROLE_BODY && importer_line (imp, i)->pdf->page > 0)
      {
        first = i;
        break;
      }
  if (first == 0 || importer_line (imp, imp->lines->len - 1)->pdf->page == 0)
    first = 0;
  h.line = first;
  h.end = first;
  h.case_line = G_MAXUINT;
  h.number = 1;
  h.title = g_strdup (_("Imported text"));
  g_array_append_val (headings, h);
  imp->fallback = TRUE;
  return headings;
}

static RefPdfImport *
import_document (PopplerDocument *document, GCancellable *cancellable, RefPdfImportProgress progress,
                 gpointer user_data, const char *name, GError **error)
{
  Importer imp = { 0 };
  g_autoptr (GArray) headings = NULL;
  RefPdfImport *result = NULL;
  gsize n_chars = 0;
  guint nav_agree, nav_listed, first_item = G_MAXUINT;

  imp.text = ref_pdf_text_extract (document, cancellable, NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  imp.lines = g_array_new (FALSE, TRUE, sizeof (Line));
  imp.warnings = g_ptr_array_new_with_free_func (warning_free);
  imp.nav = g_array_new (FALSE, TRUE, sizeof (NavEntry));
  imp.notes = g_ptr_array_new_with_free_func (g_free);
  imp.item_headings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_array_set_clear_func (imp.nav, nav_entry_clear);
  for (guint i = 0; i < imp.text->lines->len; i++)
    {
      Line line = { g_ptr_array_index (imp.text->lines, i), ROLE_BODY, FALSE, 0, 0 };
      g_array_append_val (imp.lines, line);
      n_chars += ref_pdf_text_count_chars (line.pdf->text);
    }
  if (n_chars == 0)
    {
      g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_NO_TEXT,
                   _("“%s” has no text layer (is it a scan?). Only PDFs with text can be imported; "
                     "run it through text recognition (OCR) first."),
                   name);
      goto out;
    }
  if (progress)
    progress (0.4, user_data);

  imp.body_size = dominant_size (&imp, FALSE);
  mark_furniture (&imp);
  find_text_column (&imp);
  for (guint i = 0; i < imp.lines->len; i++)
    if (importer_line (&imp, i)->role == ROLE_BODY)
      imp.right_margin = MAX (imp.right_margin, importer_line (&imp, i)->pdf->x1);
  build_words (&imp);
  imp.meeting = ref_meeting_new ();

  /* The document's own list of items, then where its entries are in the body. A
   * document that has neither a table of contents nor bookmarks may still say in
   * its structure tree which lines are headings. */
  ref_pdf_read_navigation (&imp, imp.lines->len);
  if (imp.nav->len == 0)
    {
      ref_pdf_read_tagged_headings (document, imp.text, cancellable);
      mark_tagged_headings (&imp);
    }
  for (guint i = 0; i < imp.lines->len; i++)
    if (importer_line (&imp, i)->role == ROLE_TOC)
      first_item = i + 1;
  ref_pdf_locate_navigation (&imp, first_item == G_MAXUINT ? 0 : first_item);

  headings = ref_pdf_find_item_headings (&imp);
  if (headings->len == 0)
    {
      g_clear_pointer (&headings, g_array_unref);
      headings = fallback_heading (&imp);
    }
  ref_pdf_add_toc_only_items (&imp, headings);
  imp.heading_size = dominant_size (&imp, TRUE);
  first_item = imp.lines->len;
  for (guint h = 0; h < headings->len; h++)
    {
      ItemHeading *heading = &g_array_index (headings, ItemHeading, h);
      if (!heading->toc_only)
        {
          first_item = heading->case_line != G_MAXUINT ? MIN (heading->case_line, heading->line) : heading->line;
          break;
        }
    }

  ref_pdf_read_header (&imp, first_item);
  ref_pdf_read_running_header (&imp);
  read_items (&imp, headings, cancellable, progress, user_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  nav_agree = cross_check_navigation (&imp, &nav_listed);
  mark_meeting_kind (&imp);
  ref_meeting_record_outcomes (imp.meeting);

  result = g_new0 (RefPdfImport, 1);
  result->n_pages = imp.text->n_pages;
  compute_confidence (&imp, result, nav_agree, nav_listed);
  ref_history_clear (ref_meeting_get_history (imp.meeting));
  result->meeting = g_steal_pointer (&imp.meeting);
  result->warnings = g_steal_pointer (&imp.warnings);
  result->notes = g_steal_pointer (&imp.notes);
  result->item_headings = g_steal_pointer (&imp.item_headings);

out:
  g_clear_object (&imp.meeting);
  g_clear_pointer (&imp.warnings, g_ptr_array_unref);
  g_clear_pointer (&imp.notes, g_ptr_array_unref);
  g_clear_pointer (&imp.lines, g_array_unref);
  g_clear_pointer (&imp.nav, g_array_unref);
  g_clear_pointer (&imp.words, g_hash_table_unref);
  g_clear_pointer (&imp.item_headings, g_ptr_array_unref);
  g_clear_pointer (&imp.text, ref_pdf_text_free);
  return result;
}

RefPdfImport *
ref_pdf_import_bytes (GBytes *bytes, const char *display_name, GCancellable *cancellable,
                      RefPdfImportProgress progress, gpointer user_data, GError **error)
{
  g_autoptr (GError) poppler_error = NULL;
  PopplerDocument *document;
  RefPdfImport *result;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *name = display_name ? display_name : "?";

  g_return_val_if_fail (bytes != NULL, NULL);
  /* The header may follow a little junk, as readers allow; but it must be there. */
  if (len < 5 || g_strstr_len (data, MIN (len, 1024), "%PDF-") == NULL)
    {
      g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_NOT_PDF, _("“%s” is not a PDF file."), name);
      return NULL;
    }
  document = poppler_document_new_from_bytes (bytes, NULL, &poppler_error);
  if (document == NULL)
    {
      if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_ENCRYPTED,
                     _("“%s” is protected by a password and cannot be imported."), name);
      else
        g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_DAMAGED,
                     _("“%s” is a damaged PDF file that cannot be read (%s)."), name,
                     poppler_error ? poppler_error->message : "");
      return NULL;
    }
  if (progress)
    progress (0.05, user_data);
  result = import_document (document, cancellable, progress, user_data, name, error);
  g_object_unref (document);
  return result;
}

RefPdfImport *
ref_pdf_import_file (GFile *file, GCancellable *cancellable, RefPdfImportProgress progress, gpointer user_data,
                     GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  name = g_file_get_basename (file);
  /* Read here, with the checks and the limit, rather than by poppler from the file:
   * only a regular file, and never more than the limit whatever its size claims. */
  bytes = ref_file_read (file, REF_FILE_MAX_PDF, cancellable, &local_error);
  if (bytes == NULL)
    {
      /* Cancelled while reading: the same G_IO_ERROR_CANCELLED as later on. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, REF_PDF_IMPORT_ERROR, REF_PDF_IMPORT_ERROR_IO, _("Could not read “%s”: %s"), name,
                     local_error->message);
      return NULL;
    }
  return ref_pdf_import_bytes (bytes, name, cancellable, progress, user_data, error);
}

void
ref_pdf_import_free (RefPdfImport *import)
{
  if (import == NULL)
    return;
  g_clear_object (&import->meeting);
  g_clear_pointer (&import->warnings, g_ptr_array_unref);
  g_clear_pointer (&import->notes, g_ptr_array_unref);
  g_clear_pointer (&import->item_headings, g_ptr_array_unref);
  g_free (import);
}

RefMeeting *
ref_pdf_import_get_meeting (RefPdfImport *import)
{
  return import->meeting;
}

GPtrArray *
ref_pdf_import_get_warnings (RefPdfImport *import)
{
  return import->warnings;
}

GPtrArray *
ref_pdf_import_get_confidence_notes (RefPdfImport *import)
{
  return import->notes;
}

double
ref_pdf_import_get_confidence (RefPdfImport *import)
{
  return import->confidence;
}

double
ref_pdf_import_get_coverage (RefPdfImport *import)
{
  return import->coverage;
}

guint
ref_pdf_import_get_n_pages (RefPdfImport *import)
{
  return import->n_pages;
}

GPtrArray *
ref_pdf_import_get_item_headings (RefPdfImport *import, guint index)
{
  g_return_val_if_fail (index < import->item_headings->len, NULL);
  return g_ptr_array_index (import->item_headings, index);
}
