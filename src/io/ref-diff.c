/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-diff.h"

#include <string.h>

#include "ref-captions.h"
#include "ref-format.h"

/* Field names are the document's own (Danish) labels: the diff is about the
 * document's content. */

static void
entry_free (gpointer data)
{
  RefDiffEntry *e = data;

  g_free (e->field);
  g_free (e->old_text);
  g_free (e->new_text);
  g_free (e);
}

static void
add (GPtrArray *out, RefDiffKind kind, guint item, const char *field, const char *old_text, const char *new_text)
{
  RefDiffEntry *e = g_new0 (RefDiffEntry, 1);

  e->kind = kind;
  e->item = item;
  e->field = g_strdup (field);
  e->old_text = g_strdup (old_text);
  e->new_text = g_strdup (new_text);
  g_ptr_array_add (out, e);
}

static void
compare (GPtrArray *out, guint item, const char *field, const char *a, const char *b)
{
  a = a ? a : "";
  b = b ? b : "";
  if (g_str_equal (a, b))
    return;
  if (*a == '\0')
    add (out, REF_DIFF_ADDED, item, field, NULL, b);
  else if (*b == '\0')
    add (out, REF_DIFF_REMOVED, item, field, a, NULL);
  else
    add (out, REF_DIFF_CHANGED, item, field, a, b);
}

static char *
text_of (const RefText *text)
{
  return ref_format_text_paragraphs (text, TRUE);
}

static char *
recommendation_of (RefAgendaItem *item)
{
  RefRecommendation *rec = ref_agenda_item_get_recommendation (item);
  g_autofree char *text = NULL;

  if (rec == NULL)
    return g_strdup ("");
  text = text_of (ref_recommendation_get_text (rec));
  return g_strstrip (g_strdup_printf ("%s %s\n%s", ref_recommendation_get_by (rec), ref_recommendation_get_intro (rec), text));
}

static char *
attachments_of (RefAgendaItem *item)
{
  GListModel *list = ref_agenda_item_get_attachments (item);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RefAttachment) a = g_list_model_get_item (list, i);
      g_string_append_printf (out, "%s%s", out->len ? "\n" : "", ref_attachment_get_title (a));
    }
  return g_string_free (out, FALSE);
}

/* The @k-th section (0-based) headed @heading, or NULL. */
static RefSection *
nth_section (GListModel *list, const char *heading, guint k)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RefSection) s = g_list_model_get_item (list, i);
      if (g_str_equal (ref_section_get_display_heading (s), heading) && k-- == 0)
        return g_steal_pointer (&s);
    }
  return NULL;
}

static guint
count_before (GListModel *list, guint index, const char *heading)
{
  guint k = 0;

  for (guint i = 0; i < index; i++)
    {
      g_autoptr (RefSection) s = g_list_model_get_item (list, i);
      k += g_str_equal (ref_section_get_display_heading (s), heading);
    }
  return k;
}

/* Sections are matched by heading and, where a heading occurs more than once, by
 * which occurrence it is; reported in the order of the newer version. */
static void
compare_sections (GPtrArray *out, guint number, RefAgendaItem *a, RefAgendaItem *b)
{
  GListModel *la = ref_agenda_item_get_sections (a), *lb = ref_agenda_item_get_sections (b);

  for (guint i = 0; i < g_list_model_get_n_items (lb); i++)
    {
      g_autoptr (RefSection) sb = g_list_model_get_item (lb, i);
      const char *heading = ref_section_get_display_heading (sb);
      g_autoptr (RefSection) sa = nth_section (la, heading, count_before (lb, i, heading));
      g_autofree char *new_text = text_of (ref_section_get_text (sb));
      g_autofree char *old_text = sa ? text_of (ref_section_get_text (sa)) : NULL;

      if (sa == NULL)
        add (out, REF_DIFF_ADDED, number, *heading ? heading : "Tekst", NULL, new_text);
      else
        compare (out, number, *heading ? heading : "Tekst", old_text, new_text);
    }
  for (guint j = 0; j < g_list_model_get_n_items (la); j++)
    {
      g_autoptr (RefSection) sa = g_list_model_get_item (la, j);
      const char *heading = ref_section_get_display_heading (sa);
      g_autoptr (RefSection) sb = nth_section (lb, heading, count_before (la, j, heading));

      if (sb == NULL)
        {
          g_autofree char *old_text = text_of (ref_section_get_text (sa));
          add (out, REF_DIFF_REMOVED, number, *heading ? heading : "Tekst", old_text, NULL);
        }
    }
}

static void
compare_decisions (GPtrArray *out, guint number, RefAgendaItem *a, RefAgendaItem *b)
{
  GListModel *la = ref_agenda_item_get_decisions (a), *lb = ref_agenda_item_get_decisions (b);
  guint n = MAX (g_list_model_get_n_items (la), g_list_model_get_n_items (lb));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefDecision) da = i < g_list_model_get_n_items (la) ? g_list_model_get_item (la, i) : NULL;
      g_autoptr (RefDecision) db = i < g_list_model_get_n_items (lb) ? g_list_model_get_item (lb, i) : NULL;
      g_autofree char *ta = da ? ref_format_decision_plain (da) : NULL;
      g_autofree char *tb = db ? ref_format_decision_plain (db) : NULL;
      g_autofree char *field = g_strdup_printf ("Beslutning %u", i + 1);

      compare (out, number, field, ta, tb);
      /* What was decided, when recorded: a changed outcome is a change of the
       * minutes even where the wording stayed. */
      if (da != NULL && db != NULL && ref_decision_get_outcome (da) != ref_decision_get_outcome (db))
        {
          g_autofree char *outcome_field = g_strdup_printf ("Beslutning %u, udfald", i + 1);

          compare (out, number, outcome_field, ref_caption_outcome_sentence (ref_decision_get_outcome (da)),
                   ref_caption_outcome_sentence (ref_decision_get_outcome (db)));
        }
    }
}

static void
compare_items (GPtrArray *out, RefAgendaItem *a, RefAgendaItem *b)
{
  guint number = ref_agenda_item_get_number (b);
  g_autofree char *ra = recommendation_of (a), *rb = recommendation_of (b);
  g_autofree char *aa = attachments_of (a), *ab = attachments_of (b);

  compare (out, number, "Titel", ref_agenda_item_get_title (a), ref_agenda_item_get_title (b));
  compare (out, number, "Sagsnummer", ref_agenda_item_get_case_number (a), ref_agenda_item_get_case_number (b));
  compare (out, number, "Lukket", ref_agenda_item_get_closed (a) ? "ja" : "nej", ref_agenda_item_get_closed (b) ? "ja" : "nej");
  compare_sections (out, number, a, b);
  compare (out, number, "Indstilling", ra, rb);
  compare_decisions (out, number, a, b);
  compare (out, number, "Bilag", aa, ab);
}

static char *
participant_line (RefParticipant *p)
{
  g_autofree char *name = ref_participant_format (p, TRUE);
  return g_strdup_printf ("%s: %s", name, ref_enum_to_nick (REF_TYPE_ATTENDANCE, ref_participant_get_attendance (p)));
}

static void
compare_participants (GPtrArray *out, RefMeeting *a, RefMeeting *b)
{
  GListModel *la = ref_meeting_get_participants (a), *lb = ref_meeting_get_participants (b);

  for (guint i = 0; i < g_list_model_get_n_items (lb); i++)
    {
      g_autoptr (RefParticipant) pb = g_list_model_get_item (lb, i);
      RefParticipant *pa = ref_meeting_find_participant (a, ref_participant_get_name (pb));
      g_autofree char *nb = participant_line (pb);
      g_autofree char *na = pa ? participant_line (pa) : NULL;

      compare (out, 0, "Mødedeltager", na, nb);
    }
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr (RefParticipant) pa = g_list_model_get_item (la, i);
      if (ref_meeting_find_participant (b, ref_participant_get_name (pa)) == NULL)
        {
          g_autofree char *na = participant_line (pa);
          add (out, REF_DIFF_REMOVED, 0, "Mødedeltager", na, NULL);
        }
    }
}

static char *
when (RefMeeting *m)
{
  GDateTime *start = ref_meeting_get_start (m);
  return start ? g_date_time_format (start, "%d-%m-%Y %H:%M") : g_strdup ("");
}

GPtrArray *
ref_diff_meetings (RefMeeting *old_meeting, RefMeeting *new_meeting)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (entry_free);
  g_autofree char *wa = when (old_meeting), *wb = when (new_meeting);
  GListModel *la = ref_meeting_get_items (old_meeting), *lb = ref_meeting_get_items (new_meeting);

  compare (out, 0, "Udvalg", ref_meeting_get_committee (old_meeting), ref_meeting_get_committee (new_meeting));
  compare (out, 0, "Mødedato", wa, wb);
  compare (out, 0, "Mødested", ref_meeting_get_location (old_meeting), ref_meeting_get_location (new_meeting));
  compare (out, 0, "Type", ref_enum_to_nick (REF_TYPE_MEETING_KIND, ref_meeting_get_kind (old_meeting)),
           ref_enum_to_nick (REF_TYPE_MEETING_KIND, ref_meeting_get_kind (new_meeting)));
  compare_participants (out, old_meeting, new_meeting);

  for (guint i = 0; i < g_list_model_get_n_items (lb); i++)
    {
      g_autoptr (RefAgendaItem) b = g_list_model_get_item (lb, i);
      RefAgendaItem *a = ref_meeting_find_item_by_number (old_meeting, ref_agenda_item_get_number (b));

      if (a == NULL)
        add (out, REF_DIFF_ADDED, ref_agenda_item_get_number (b), "Punkt", NULL, ref_agenda_item_get_title (b));
      else
        compare_items (out, a, b);
    }
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr (RefAgendaItem) a = g_list_model_get_item (la, i);
      if (ref_meeting_find_item_by_number (new_meeting, ref_agenda_item_get_number (a)) == NULL)
        add (out, REF_DIFF_REMOVED, ref_agenda_item_get_number (a), "Punkt", ref_agenda_item_get_title (a), NULL);
    }
  return out;
}

/* Word-level longest common subsequence; texts of more than a few thousand words are
 * shown as one replacement rather than compared word by word. */
char *
ref_diff_mark_words (const char *old_text, const char *new_text)
{
  g_auto (GStrv) a = g_strsplit_set (old_text ? old_text : "", " \n", -1);
  g_auto (GStrv) b = g_strsplit_set (new_text ? new_text : "", " \n", -1);
  guint na = g_strv_length (a), nb = g_strv_length (b);
  GString *out = g_string_new (NULL);
  g_autofree guint *lcs = NULL;
  guint i = 0, j = 0;

  if ((guint64) na * nb > 4000000)
    {
      g_string_printf (out, "[-%s-]{+%s+}", old_text ? old_text : "", new_text ? new_text : "");
      return g_string_free (out, FALSE);
    }
  lcs = g_new0 (guint, (gsize) (na + 1) * (nb + 1));
#define L(x, y) lcs[(gsize) (x) * (nb + 1) + (y)]
  for (guint x = na; x-- > 0;)
    for (guint y = nb; y-- > 0;)
      L (x, y) = g_str_equal (a[x], b[y]) ? L (x + 1, y + 1) + 1 : MAX (L (x + 1, y), L (x, y + 1));
  while (i < na || j < nb)
    {
      if (i < na && j < nb && g_str_equal (a[i], b[j]))
        {
          g_string_append_printf (out, "%s%s", out->len ? " " : "", a[i]);
          i++, j++;
        }
      else if (i < na && (j == nb || L (i + 1, j) >= L (i, j + 1)))
        {
          /* Removals before insertions, as diffs conventionally read. */
          g_string_append_printf (out, "%s[-%s-]", out->len ? " " : "", a[i]);
          i++;
        }
      else
        {
          g_string_append_printf (out, "%s{+%s+}", out->len ? " " : "", b[j]);
          j++;
        }
    }
#undef L
  return g_string_free (out, FALSE);
}

char *
ref_diff_mark_words_markup (const char *old_text, const char *new_text)
{
  g_autofree char *marked = ref_diff_mark_words (old_text, new_text);
  g_auto (GStrv) words = g_strsplit (marked, " ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];
      gsize len = strlen (w);
      g_autofree char *inner = NULL;
      g_autofree char *escaped = NULL;

      if (i > 0)
        g_string_append_c (out, ' ');
      if (len >= 4 && g_str_has_prefix (w, "[-") && g_str_has_suffix (w, "-]"))
        {
          inner = g_strndup (w + 2, len - 4);
          escaped = g_markup_escape_text (inner, -1);
          g_string_append_printf (out, "<span strikethrough=\"true\" foreground=\"#c01c28\">%s</span>", escaped);
        }
      else if (len >= 4 && g_str_has_prefix (w, "{+") && g_str_has_suffix (w, "+}"))
        {
          inner = g_strndup (w + 2, len - 4);
          escaped = g_markup_escape_text (inner, -1);
          g_string_append_printf (out, "<span foreground=\"#26a269\" weight=\"bold\">%s</span>", escaped);
        }
      else
        {
          escaped = g_markup_escape_text (w, -1);
          g_string_append (out, escaped);
        }
    }
  return g_string_free (out, FALSE);
}
