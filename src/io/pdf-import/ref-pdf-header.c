/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ref-pdf-import-private.h"

/*
 * The header block before the first item: organisation, committee, kind, date and
 * times, place, participants and attendance, remarks. Labels and values come as
 * table rows ("Mødedato\tTirsdag d. 06. maj 2025 kl. 13:00"), on one line
 * ("Dato: 12. marts 2024"), or with the value under the label ("MØDEDATO" /
 * "2. juni 2020 kl. 13.00-15.00"); a cover page may be set in two columns, whose
 * lines share baselines, so the cells of each line are read column by column.
 */

typedef struct {
  char *text;
  double x0, x1, y0, y1;
  double size;
  gboolean bold;
  guint page;
  RefHeaderField row_field; /* a table row "Label\tValue": the label's field */
  char *row_value;
  Line *line;              /* the line it comes from, marked used when placed */
} Fragment;

static void
fragment_clear (gpointer data)
{
  Fragment *f = data;

  g_free (f->text);
  g_free (f->row_value);
}

/* ---- participants ---- */

/* "Hanne Berg (A), formand", "Johan Müller (A) (1. viceborgmester)", "Dorte Dahl
 * (centerchef …) (Afbud)", "Line Kjær (A) - Deltog": one participant. */
static RefParticipant *
participant_from_entry (const char *entry, const char *role)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *text = g_strdup (entry);
  g_autofree char *name = NULL;
  RefParticipant *p = ref_participant_new ();
  const char *open;

  ref_participant_set_attendance (p, REF_ATTENDANCE_PRESENT);
  if (ref_pdf_vocab_match (REF_VOCAB_ATTENDANCE_SUFFIX, text, &m))
    {
      g_autofree char *what = ref_pdf_vocab_group (m, "what");
      g_autofree char *folded = g_utf8_casefold (what, -1);
      char *who = ref_pdf_vocab_group (m, "name");

      /* (The match refers to @text: take the name before replacing it.) */
      g_free (text);
      text = who;
      if (strstr (folded, "ikke") != NULL
          || !(g_str_equal (folded, "deltog") || g_str_equal (folded, "til stede") || g_str_equal (folded, "mødt")))
        ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
    }
  name = ref_pdf_strip_parentheses (text);
  ref_participant_set_name (p, name);
  /* Each top-level "(…)" is a party, a role or the absence mark. */
  open = strchr (text, '(');
  while (open != NULL)
    {
      const char *close = open + 1;
      int depth = 1;
      g_autofree char *inner = NULL;

      while (*close && depth > 0)
        {
          depth += *close == '(' ? 1 : *close == ')' ? -1 : 0;
          close++;
        }
      inner = g_strndup (open + 1, MAX (close - open - 2, 0));
      g_strstrip (inner);
      if (ref_pdf_vocab_match (REF_VOCAB_ABSENT_MARK, inner, NULL))
        ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
      else if (ref_pdf_vocab_match (REF_VOCAB_PARTY, inner, NULL) && *ref_participant_get_party (p) == '\0')
        ref_participant_set_party (p, inner);
      else if (*ref_participant_get_role (p) == '\0')
        ref_participant_set_role (p, inner);
      open = strchr (close, '(');
    }
  if (role != NULL && *ref_participant_get_role (p) == '\0')
    ref_participant_set_role (p, role);
  if (*ref_participant_get_party (p) == '\0'
      && ref_pdf_vocab_match (REF_VOCAB_OFFICIAL_ROLE, ref_participant_get_role (p), NULL))
    ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_OFFICIAL);
  return p;
}

static gboolean read_movements (Importer *imp, const char *entry);

static gboolean
is_role (const char *piece)
{
  return ref_pdf_vocab_match (REF_VOCAB_MEMBER_ROLE, piece, NULL)
         || (g_unichar_islower (g_utf8_get_char (piece)) && strchr (piece, '(') == NULL);
}

/* "Anders Bæk (A) mødte som stedfortræder for Gitte Lund": a substitute, standing
 * in for a member listed before. */
static RefParticipant *
substitute_from_entry (Importer *imp, const char *entry)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *standin = NULL, *absent = NULL;
  RefParticipant *p, *member;

  if (!ref_pdf_vocab_match (REF_VOCAB_SUBSTITUTE_ENTRY, entry, &m))
    return NULL;
  standin = ref_pdf_vocab_group (m, "standin");
  absent = ref_pdf_vocab_group (m, "absent");
  p = participant_from_entry (standin, NULL);
  ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  member = ref_pdf_match_participant (imp->meeting, absent);
  if (member != NULL)
    {
      ref_participant_set_substitute_for (p, member);
      ref_participant_set_attendance (member, REF_ATTENDANCE_ABSENT);
    }
  return p;
}

/* A list of participants: entries one per line ('\n') or separated by commas; a role
 * after a comma ("Anne Holm (A), formand") belongs to the entry before it. A line may
 * also say that someone listed above left or came later. */
static void
add_participants (Importer *imp, const char *list, RefParticipantType type, gboolean absent)
{
  g_auto (GStrv) lines = g_strsplit (list, "\n", -1);

  for (guint l = 0; lines[l]; l++)
    {
      g_autoptr (GPtrArray) pieces = NULL;

      if (read_movements (imp, lines[l]))
        continue;
      pieces = ref_pdf_split_names (lines[l]);
      for (guint i = 0; i < pieces->len; i++)
        {
          const char *entry = g_ptr_array_index (pieces, i);
          const char *role = NULL;
          g_autoptr (RefParticipant) p = NULL;

          if (is_role (entry) && i > 0)
            continue; /* taken with the entry before */
          if (i + 1 < pieces->len && is_role (g_ptr_array_index (pieces, i + 1)))
            role = g_ptr_array_index (pieces, i + 1);
          p = substitute_from_entry (imp, entry);
          if (p == NULL)
            p = participant_from_entry (entry, role);
          if (*ref_participant_get_name (p) == '\0')
            continue;
          if (type != REF_PARTICIPANT_TYPE_MEMBER)
            ref_participant_set_participant_type (p, type);
          if (absent)
            ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
          ref_meeting_add_participant (imp->meeting, p);
        }
    }
}

static GArray *
parse_item_numbers (const char *text)
{
  GRegex *number = ref_pdf_regex ("\\d{1,4}", 0);
  g_autoptr (GMatchInfo) m = NULL;
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  g_regex_match (number, text, 0, &m);
  while (g_match_info_matches (m))
    {
      g_autofree char *n = g_match_info_fetch (m, 0);
      guint value = ref_pdf_parse_number (n, 9999);
      if (value > 0)
        g_array_append_val (numbers, value);
      g_match_info_next (m, NULL);
    }
  return numbers;
}

/* "forlod mødet kl. 18.40 før punkt 5", "kom tilbage under punkt 8": one movement. */
static gboolean
read_movement_phrase (const char *phrase, RefMovementKind *kind, guint *item, gboolean *during, int *time)
{
  g_autoptr (GMatchInfo) m = NULL;

  if (!ref_pdf_vocab_match (REF_VOCAB_MOVEMENT, phrase, &m))
    return FALSE;
  {
    g_autofree char *verb = g_match_info_fetch_named (m, "verb"), *t = ref_pdf_vocab_group (m, "time");
    g_autofree char *when = ref_pdf_vocab_group (m, "when"), *n = ref_pdf_vocab_group (m, "item");

    *kind = g_str_has_prefix (verb, "forlod") ? REF_MOVEMENT_KIND_LEFT : REF_MOVEMENT_KIND_ARRIVED;
    *time = t ? ref_pdf_parse_time (t) : -1;
    *item = ref_pdf_parse_number (n, 9999);
    /* "før punkt 5", "fra punkt 3": before the item; "under", "i": while it was dealt with. */
    *during = when != NULL && !g_str_equal (when, "før") && !g_str_has_prefix (when, "fra");
  }
  return *time >= 0 || *item > 0;
}

/* "Finn Grøn forlod mødet kl. 18.40 før punkt 5 og kom tilbage kl. 19.55 før punkt 8" */
static gboolean
read_movements (Importer *imp, const char *entry)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *name = NULL, *rest = NULL;
  g_auto (GStrv) phrases = NULL;
  RefParticipant *p;

  if (!ref_pdf_vocab_match (REF_VOCAB_MOVEMENTS, entry, &m))
    return FALSE;
  name = ref_pdf_vocab_group (m, "name");
  rest = ref_pdf_vocab_group (m, "rest");
  p = ref_pdf_match_participant (imp->meeting, name);
  if (p == NULL)
    return FALSE;
  phrases = g_strsplit (rest, " og ", -1);
  for (guint i = 0; phrases[i]; i++)
    {
      RefMovementKind kind;
      guint item;
      gboolean during;
      int time;

      if (!read_movement_phrase (g_strstrip (phrases[i]), &kind, &item, &during, &time))
        return FALSE;
    }
  ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL);
  for (guint i = 0; phrases[i]; i++)
    {
      RefMovementKind kind;
      guint item;
      gboolean during;
      int time;

      read_movement_phrase (phrases[i], &kind, &item, &during, &time);
      ref_participant_add_movement (p, kind, item, during, time);
    }
  return TRUE;
}

/* A sentence on someone's partial attendance: "X deltog ved punkterne 82, 88 og
 * 89", "X deltog til kl. 18.40 i punkt 2", movements ("X forlod mødet …", "X deltog
 * fra punkt 3"). FALSE when @value is none, or names no one known. */
static gboolean
read_partial_attendance (Importer *imp, const char *value, guint page)
{
  g_autoptr (GMatchInfo) m = NULL;

  if (ref_pdf_vocab_match (REF_VOCAB_ATTENDED_ITEMS, value, &m))
    {
      g_autofree char *name = ref_pdf_vocab_group (m, "name"), *items = ref_pdf_vocab_group (m, "items");
      RefParticipant *p = ref_pdf_match_participant (imp->meeting, name);
      g_autoptr (GArray) numbers = parse_item_numbers (items);

      if (p == NULL)
        {
          importer_warn (imp, page, value, _("The absent person is not among the participants."));
          return TRUE;
        }
      ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL);
      ref_participant_set_attended_items (p, numbers);
      return TRUE;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (ref_pdf_vocab_match (REF_VOCAB_ATTENDED_UNTIL, value, &m))
    {
      g_autofree char *name = ref_pdf_vocab_group (m, "name"), *time = ref_pdf_vocab_group (m, "time");
      g_autofree char *item = ref_pdf_vocab_group (m, "item");
      RefParticipant *p = ref_pdf_match_participant (imp->meeting, name);

      if (p != NULL)
        {
          ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL);
          ref_participant_add_movement (p, REF_MOVEMENT_KIND_LEFT, ref_pdf_parse_number (item, 9999), TRUE,
                                        ref_pdf_parse_time (time));
          return TRUE;
        }
    }
  return read_movements (imp, value);
}

/* One entry of the header's "Fraværende": "X", "X deltog ved punkterne 82, 88 og
 * 89", "X deltog til kl. 18.40 i punkt 2", "X (V) - Y (V) mødte som stedfortræder",
 * "X uden afbud", movements. */
static void
read_absent_entry (Importer *imp, const char *value, guint page, gboolean without_notice)
{
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GMatchInfo) m = NULL;

  if (read_partial_attendance (imp, value, page))
    return;
  if (ref_pdf_vocab_match (REF_VOCAB_SUBSTITUTE_HEADER, value, &m))
    {
      g_autofree char *absent = ref_pdf_vocab_group (m, "absent"), *standin = ref_pdf_vocab_group (m, "standin");
      RefParticipant *a = ref_pdf_match_participant (imp->meeting, absent);
      RefParticipant *s = ref_pdf_match_participant (imp->meeting, standin);

      if (a != NULL)
        ref_participant_set_attendance (a, REF_ATTENDANCE_ABSENT);
      if (s == NULL)
        {
          add_participants (imp, standin, REF_PARTICIPANT_TYPE_MEMBER, FALSE);
          s = ref_pdf_match_participant (imp->meeting, standin);
        }
      if (s != NULL)
        {
          ref_participant_set_participant_type (s, REF_PARTICIPANT_TYPE_SUBSTITUTE);
          ref_participant_set_substitute_for (s, a);
        }
      return;
    }

  parts = ref_pdf_split_names (value);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *entry = g_ptr_array_index (parts, i);
      gboolean without = without_notice || strstr (entry, "uden afbud") != NULL;
      g_autofree char *name = g_regex_replace_literal (ref_pdf_vocab (REF_VOCAB_WITHOUT_NOTICE), entry, -1, 0, "", 0, NULL);
      RefParticipant *p = ref_pdf_match_participant (imp->meeting, name);

      if (is_role (entry) && i > 0)
        continue;
      if (p == NULL)
        {
          /* Listed only as absent: still a participant of the meeting. */
          add_participants (imp, name, REF_PARTICIPANT_TYPE_MEMBER, FALSE);
          p = ref_pdf_match_participant (imp->meeting, name);
        }
      if (p != NULL)
        {
          ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
          ref_participant_set_notice (p, without ? REF_NOTICE_WITHOUT : REF_NOTICE_WITH);
        }
    }
}

/* Entries of the header's "Fraværende" field are separated by ";" or lines. */
static void
read_absent_field (Importer *imp, const char *value, guint page, gboolean without_notice)
{
  g_auto (GStrv) entries = g_regex_split_simple ("[;\\n]", value, 0, 0);

  for (guint i = 0; entries[i]; i++)
    if (*g_strstrip (entries[i]))
      read_absent_entry (imp, entries[i], page, without_notice);
}

/* ---- date and time ---- */

static void
set_meeting_date (Importer *imp, int y, int mo, int d, int minutes)
{
  GDateTime *old = ref_meeting_get_start (imp->meeting);
  g_autoptr (GDateTime) dt = NULL;

  if (minutes < 0 && old != NULL)
    minutes = g_date_time_get_hour (old) * 60 + g_date_time_get_minute (old);
  dt = ref_pdf_date_time (y, mo, d, minutes);
  ref_meeting_set_start (imp->meeting, dt);
}

static void
set_meeting_time (Importer *imp, int minutes, gboolean end)
{
  GDateTime *start = ref_meeting_get_start (imp->meeting);
  g_autoptr (GDateTime) dt = NULL;

  if (minutes < 0 || start == NULL)
    return;
  dt = ref_pdf_date_time (g_date_time_get_year (start), g_date_time_get_month (start),
                          g_date_time_get_day_of_month (start), minutes);
  if (end)
    {
      /* An end before the start is not an end (the reader would refuse it). */
      if (g_date_time_compare (dt, start) > 0)
        ref_meeting_set_end (imp->meeting, dt);
    }
  else
    ref_meeting_set_start (imp->meeting, dt);
}

void
ref_pdf_read_meeting_end (Importer *imp, const char *text)
{
  set_meeting_time (imp, ref_pdf_parse_time (text), TRUE);
}

/* "13:00", "kl. 13.00-15.00", "16:00 - 18:15": the start, and the end after a dash. */
static void
read_times (Importer *imp, const char *text)
{
  g_autoptr (GMatchInfo) m = NULL;
  int start_end;

  if (!ref_pdf_vocab_match (REF_VOCAB_TIME, text, &m))
    return;
  set_meeting_time (imp, ref_pdf_parse_time (text), FALSE);
  g_match_info_fetch_pos (m, 0, NULL, &start_end);
  {
    const char *rest = text + start_end;
    while (*rest == ' ')
      rest++;
    if (g_str_has_prefix (rest, "-") || g_str_has_prefix (rest, "–") || g_str_has_prefix (rest, "til "))
      set_meeting_time (imp, ref_pdf_parse_time (rest), TRUE);
  }
}

/* A date, and the times after it: "Tirsdag den 2. juni 2020 - kl. 13:00",
 * "04.12.2023 17:00", "2. juni 2020 kl. 13.00-15.00". */
static gboolean
read_date_and_times (Importer *imp, const char *text)
{
  int y, mo, d;
  gsize end;

  if (!ref_pdf_parse_danish_date (text, &y, &mo, &d, &end))
    return FALSE;
  set_meeting_date (imp, y, mo, d, -1);
  read_times (imp, text + end);
  return TRUE;
}

/* "REFERAT Socialudvalget d. 06-05-2025", "Referat – Byrådet", "Åbent referat",
 * "DAGSORDEN". */
static gboolean
read_title_line (Importer *imp, const char *text, gboolean *committee_next)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *kind = NULL, *rest = NULL;

  if (!ref_pdf_vocab_match (REF_VOCAB_TITLE_LINE, text, &m))
    return FALSE;
  kind = g_match_info_fetch_named (m, "kind");
  rest = ref_pdf_vocab_group (m, "rest");
  ref_meeting_set_kind (imp->meeting, g_ascii_strncasecmp (kind, "Dagsorden", 9) == 0
                                              || g_ascii_strncasecmp (kind, "Tillægsdagsorden", 9) == 0
                                          ? REF_MEETING_KIND_AGENDA
                                          : REF_MEETING_KIND_MINUTES);
  if (rest != NULL)
    {
      g_autofree char *committee = g_regex_replace_literal (ref_pdf_vocab (REF_VOCAB_TITLE_DATE_TAIL), rest, -1, 0, "", 0, NULL);
      int y, mo, d;

      if (ref_meeting_get_start (imp->meeting) == NULL && ref_pdf_parse_danish_date (rest, &y, &mo, &d, NULL))
        read_date_and_times (imp, rest);
      g_strstrip (committee);
      if (*committee && *ref_meeting_get_committee (imp->meeting) == '\0')
        ref_meeting_set_committee (imp->meeting, committee);
    }
  *committee_next = *ref_meeting_get_committee (imp->meeting) == '\0';
  return TRUE;
}

/* ---- the header block ---- */

/* A value of the field being read, where it stands: a list of members may be set in
 * columns, to be read down each column in turn. */
typedef struct {
  double x, y;
  char *text;
} Piece;

static void
piece_clear (gpointer data)
{
  g_free (((Piece *) data)->text);
}

typedef struct {
  Importer *imp;
  RefHeaderField field;
  GString *value;
  GArray *pieces;  /* Piece: the value's lines as they stand, unless one wrapped */
  gboolean wrapped;
  double value_x;  /* where values of the field start: continuation lines align there */
  gboolean below;  /* the label stood alone: its value follows under it */
  Fragment *last;  /* the last fragment taken into the field */
  double field_right; /* the rightmost extent of the field's lines */
  guint page;
  gboolean committee_next;
} HeaderReader;

static int
compare_pieces (gconstpointer a, gconstpointer b)
{
  const Piece *pa = a, *pb = b;

  if (fabs (pa->x - pb->x) > 1)
    return pa->x < pb->x ? -1 : 1;
  return pa->y < pb->y ? -1 : pa->y > pb->y;
}

/* A list of people set in columns ("Ida Kronborg (A), formand ⇥ Tove Skaarup (F)")
 * reads down the left column, then the next: the value is rebuilt in that order.
 * Lines that wrapped, or a single column, stay as they came. */
static void
read_columns_in_order (HeaderReader *r)
{
  g_autoptr (GArray) columns = g_array_new (FALSE, FALSE, sizeof (double));

  if (r->wrapped || r->pieces->len < 2)
    return;
  for (guint i = 0; i < r->pieces->len; i++)
    {
      Piece *p = &g_array_index (r->pieces, Piece, i);
      gboolean known = FALSE;

      for (guint c = 0; c < columns->len && !known; c++)
        if (fabs (g_array_index (columns, double, c) - p->x) < 30)
          {
            p->x = g_array_index (columns, double, c);
            known = TRUE;
          }
      if (!known)
        g_array_append_val (columns, p->x);
    }
  if (columns->len < 2)
    return;
  g_array_sort (r->pieces, compare_pieces);
  g_string_truncate (r->value, 0);
  for (guint i = 0; i < r->pieces->len; i++)
    g_string_append_printf (r->value, "%s%s", i ? "\n" : "", g_array_index (r->pieces, Piece, i).text);
}

static void
flush_field (HeaderReader *r)
{
  Importer *imp = r->imp;
  const char *value;

  if (r->field == REF_FIELD_PARTICIPANTS || r->field == REF_FIELD_PRESENT || r->field == REF_FIELD_ABSENT
      || r->field == REF_FIELD_OFFICIALS)
    read_columns_in_order (r);
  value = g_strstrip (r->value->str);

  switch (r->field)
    {
    case REF_FIELD_DATE:
      if (!read_date_and_times (imp, value) && *value)
        importer_warn (imp, r->page, value, _("The meeting date could not be read."));
      break;
    case REF_FIELD_TIME:
      read_times (imp, value);
      break;
    case REF_FIELD_END_TIME:
    case REF_FIELD_END:
      set_meeting_time (imp, ref_pdf_parse_time (value), TRUE);
      break;
    case REF_FIELD_PLACE:
      if (*value)
        {
          g_autofree char *place = g_strdelimit (g_strdup (value), "\n\t", ' ');
          ref_meeting_set_location (imp->meeting, place);
        }
      break;
    case REF_FIELD_COMMITTEE:
      if (*value)
        {
          ref_meeting_set_committee (imp->meeting, value);
          r->committee_next = FALSE;
        }
      break;
    case REF_FIELD_PARTICIPANTS:
    case REF_FIELD_PRESENT:
      add_participants (imp, value, REF_PARTICIPANT_TYPE_MEMBER, FALSE);
      break;
    case REF_FIELD_OFFICIALS:
      add_participants (imp, value, REF_PARTICIPANT_TYPE_OFFICIAL, FALSE);
      break;
    case REF_FIELD_ABSENT:
    case REF_FIELD_ABSENT_WITHOUT_NOTICE:
      read_absent_field (imp, value, r->page, r->field == REF_FIELD_ABSENT_WITHOUT_NOTICE);
      break;
    case REF_FIELD_REMARKS:
      if (*value)
        {
          g_autoptr (RefText) remarks = ref_text_new_from_plain (value);
          ref_meeting_set_remarks (imp->meeting, remarks);
        }
      break;
    case REF_FIELD_NONE:
    default:
      break;
    }
  r->field = REF_FIELD_NONE;
  r->last = NULL;
  g_string_truncate (r->value, 0);
  g_array_set_size (r->pieces, 0);
  r->wrapped = FALSE;
}

static void
add_piece (HeaderReader *r, double x, double y, const char *text)
{
  Piece p = { x, y, g_strdup (text) };

  g_array_append_val (r->pieces, p);
}

static void
start_field (HeaderReader *r, RefHeaderField field, const char *value, double value_x, gboolean below, Fragment *f)
{
  flush_field (r);
  /* Fields follow the title: the committee is not the line after it. */
  r->committee_next = FALSE;
  r->field = field;
  g_string_assign (r->value, value);
  r->value_x = value_x;
  r->below = below;
  r->last = f;
  r->field_right = f->x1;
  r->page = f->page + 1;
  f->line->used = TRUE;
  if (*value)
    add_piece (r, value_x, f->y0, value);
}

/* Whether the text of @f is the rest of the line @last, wrapped at the margin: @last
 * ends in a comma, or the field's lines reach out to the margin and the first word
 * of @f would not have fitted after @last. */
static gboolean
wrapped_onto (HeaderReader *r, Fragment *last, Fragment *f)
{
  glong chars = g_utf8_strlen (f->text, -1);
  const char *space = strchr (f->text, ' ');
  glong first_word = space ? g_utf8_strlen (f->text, space - f->text) : chars;
  double word_width = chars > 0 ? (f->x1 - f->x0) * (first_word + 1) / chars : 0;

  if (g_str_has_suffix (last->text, ","))
    return TRUE;
  /* A line that closes an entry ("… (A)", "…, næstformand") starts no wrap. */
  if (g_str_has_suffix (last->text, ")"))
    return FALSE;
  {
    const char *comma = strrchr (last->text, ',');
    g_autofree char *piece = g_strstrip (g_strdup (comma ? comma + 1 : last->text));
    if (ref_pdf_vocab_match (REF_VOCAB_MEMBER_ROLE, piece, NULL))
      return FALSE;
  }
  return r->field_right > 0.7 * r->imp->text->page_width && last->x1 + word_width > r->field_right - 5;
}

/* Whether @f goes on with the field being read: under its value, close below the
 * line before, or the rest of a line that wrapped at the margin. */
static gboolean
continues_field (HeaderReader *r, Fragment *f)
{
  Fragment *last = r->last;

  if (r->field == REF_FIELD_NONE || last == NULL || f->page != last->page || f->row_field != REF_FIELD_NONE)
    return FALSE;
  if (f->y0 - last->y1 > 1.6 * MAX (f->size, last->size))
    return FALSE;
  return f->x0 > r->value_x - 2 || (f->x0 <= last->x0 + 2 && wrapped_onto (r, last, f));
}

static void
take_fragment (HeaderReader *r, Fragment *f)
{
  Importer *imp = r->imp;
  const char *rest = NULL;
  RefHeaderField field;

  if (f->row_field != REF_FIELD_NONE)
    {
      start_field (r, f->row_field, f->row_value, f->x0 + 20, FALSE, f);
      return;
    }
  /* "Mødet sluttede kl. 20.35", also where it stands among the remarks. */
  if (ref_pdf_vocab_match (REF_VOCAB_MEETING_ENDED, f->text, NULL))
    {
      set_meeting_time (imp, ref_pdf_parse_time (f->text), TRUE);
      f->line->used = TRUE;
      return;
    }
  field = ref_pdf_header_label (f->text, &rest);
  if (field != REF_FIELD_NONE)
    {
      start_field (r, field, rest, *rest ? f->x0 + 20 : f->x0 - 2, *rest == '\0', f);
      return;
    }
  if (continues_field (r, f))
    {
      gboolean wrapped = wrapped_onto (r, r->last, f);
      if (r->value->len > 0)
        g_string_append_c (r->value, r->field == REF_FIELD_REMARKS || !wrapped ? '\n' : ' ');
      g_string_append (r->value, f->text);
      add_piece (r, f->x0, f->y0, f->text);
      r->wrapped |= wrapped && r->value->len > strlen (f->text);
      r->last = f;
      r->field_right = MAX (r->field_right, f->x1);
      f->line->used = TRUE;
      return;
    }
  flush_field (r);

  /* "Jens Bro (V) deltog fra punkt 3.": a line of its own about someone listed. */
  if (g_utf8_strlen (f->text, -1) < 160 && read_partial_attendance (imp, f->text, f->page + 1))
    {
      f->line->used = TRUE;
      return;
    }
  /* Referent's own exports say which edition they are. */
  if (ref_pdf_vocab_match (REF_VOCAB_EDITION, f->text, NULL))
    {
      ref_meeting_set_edition (imp->meeting, g_str_has_prefix (f->text, "Intern") ? REF_EDITION_INTERNAL : REF_EDITION_PUBLIC);
      f->line->used = TRUE;
      return;
    }
  if (read_title_line (imp, f->text, &r->committee_next))
    {
      f->line->used = TRUE;
      return;
    }
  if (ref_pdf_vocab_match (REF_VOCAB_ORGANISATION, f->text, NULL) && *ref_meeting_get_organisation (imp->meeting) == '\0')
    {
      ref_meeting_set_organisation (imp->meeting, f->text);
      f->line->used = TRUE;
      return;
    }
  /* A date standing alone: "Tirsdag den 2. juni 2020 - kl. 13:00". */
  if (ref_meeting_get_start (imp->meeting) == NULL && g_utf8_strlen (f->text, -1) < 80 && read_date_and_times (imp, f->text))
    {
      f->line->used = TRUE;
      return;
    }
  /* A large bold line that is not the title or the municipality is the committee
   * (Hedensted puts it above the title, Høje-Taastrup below); right under a title
   * that names none, a large line in any weight. */
  if ((f->bold || r->committee_next) && f->size > imp->body_size + 1
      && (*ref_meeting_get_committee (imp->meeting) == '\0' || r->committee_next))
    {
      ref_meeting_set_committee (imp->meeting, f->text);
      r->committee_next = FALSE;
      f->line->used = TRUE;
    }
}

/* Whether cell @c of @line is a label alone ("Mødedato"); its field in @field. */
static gboolean
is_label_cell (RefPdfLine *line, guint c, RefHeaderField *field)
{
  g_autofree char *text = ref_pdf_line_cell_text (line, c);
  const char *value = NULL;

  *field = ref_pdf_header_label (text, &value);
  return *field != REF_FIELD_NONE && *value == '\0';
}

/* A table row with two label-value pairs ("Udvalg ⇥ Økonomiudvalget ⇥ Mødedato ⇥
 * 22.08.2022"): a row fragment for each pair. FALSE, adding nothing, when the row
 * is not one. */
static gboolean
add_label_pairs (GArray *fragments, Line *line)
{
  GArray *cells = line->pdf->cells;
  RefHeaderField field;

  if (cells->len < 4 || !is_label_cell (line->pdf, 2, &field))
    return FALSE;
  for (guint c = 0; c + 1 < cells->len; c += 2)
    {
      RefPdfCell *label = &g_array_index (cells, RefPdfCell, c), *value = &g_array_index (cells, RefPdfCell, c + 1);
      Fragment f = { ref_pdf_line_cell_text (line->pdf, c), label->x0, value->x1, line->pdf->y0, line->pdf->y1,
                     value->size, label->bold, line->pdf->page, REF_FIELD_NONE, NULL, line };

      if (!is_label_cell (line->pdf, c, &f.row_field))
        {
          fragment_clear (&f);
          break;
        }
      f.row_value = ref_pdf_line_cell_text (line->pdf, c + 1);
      /* Continuation lines align with the value's cell. */
      f.x0 = value->x0 - 20;
      g_array_append_val (fragments, f);
    }
  return TRUE;
}

/* The fragments of the header lines: one per line, or one per cell. A line whose
 * first cell is a label is a table row. */
static GArray *
header_fragments (Importer *imp, guint end)
{
  GArray *fragments = g_array_new (FALSE, TRUE, sizeof (Fragment));

  g_array_set_clear_func (fragments, fragment_clear);
  for (guint i = 0; i < end; i++)
    {
      Line *line = importer_line (imp, i);
      guint n_cells = line->pdf->cells ? line->pdf->cells->len : 1;
      g_autofree char *first = NULL;
      const char *value = NULL;
      RefHeaderField field;

      if (line->role != ROLE_BODY)
        continue;
      first = ref_pdf_line_cell_text (line->pdf, 0);
      field = n_cells > 1 ? ref_pdf_header_label (first, &value) : REF_FIELD_NONE;
      if (field != REF_FIELD_NONE && *value == '\0' && add_label_pairs (fragments, line))
        continue;
      if (field != REF_FIELD_NONE && *value == '\0')
        {
          Fragment f = { g_strdup (line->pdf->text), line->pdf->x0, line->pdf->x1, line->pdf->y0, line->pdf->y1,
                         line->pdf->size, line->pdf->bold, line->pdf->page, field, NULL, line };
          const char *tab = strchr (line->pdf->text, '\t');
          gboolean people = field == REF_FIELD_PARTICIPANTS || field == REF_FIELD_PRESENT || field == REF_FIELD_ABSENT
                            || field == REF_FIELD_OFFICIALS;

          /* People in columns: each cell is an entry of its own. */
          if (people && n_cells > 2)
            f.row_value = ref_pdf_line_cell_text (line->pdf, 1);
          else
            f.row_value = g_strdelimit (g_strdup (tab + 1), "\t", ' ');
          /* Continuation lines align with the value's cell. */
          f.x0 = g_array_index (line->pdf->cells, RefPdfCell, 1).x0 - 20;
          g_array_append_val (fragments, f);
          for (guint c = 2; people && c < n_cells; c++)
            {
              RefPdfCell *cell = &g_array_index (line->pdf->cells, RefPdfCell, c);
              Fragment more = { ref_pdf_line_cell_text (line->pdf, c), cell->x0, cell->x1, line->pdf->y0, line->pdf->y1,
                                cell->size, cell->bold, line->pdf->page, REF_FIELD_NONE, NULL, line };
              g_array_append_val (fragments, more);
            }
          continue;
        }
      for (guint c = 0; c < n_cells; c++)
        {
          RefPdfCell *cell = line->pdf->cells && c < line->pdf->cells->len ? &g_array_index (line->pdf->cells, RefPdfCell, c) : NULL;
          Fragment f = { ref_pdf_line_cell_text (line->pdf, c),
                         cell ? cell->x0 : line->pdf->x0,
                         cell ? cell->x1 : line->pdf->x1,
                         line->pdf->y0,
                         line->pdf->y1,
                         cell ? cell->size : line->pdf->size,
                         cell ? cell->bold : line->pdf->bold,
                         line->pdf->page,
                         REF_FIELD_NONE,
                         NULL,
                         line };
          if (n_cells == 1)
            {
              g_free (f.text);
              f.text = g_strdup (line->pdf->text);
            }
          if (*f.text)
            g_array_append_val (fragments, f);
          else
            fragment_clear (&f);
        }
    }
  return fragments;
}

/* Where a second column of a cover page starts: fragments standing right of the
 * middle of the page that are not values of a label on their left. 0 when the
 * header is in one column. */
static double
second_column (Importer *imp, GArray *fragments)
{
  double middle = imp->text->page_width * 0.45, split = G_MAXDOUBLE;
  guint n = 0;

  guint labels = 0;

  for (guint i = 0; i < fragments->len; i++)
    {
      Fragment *f = &g_array_index (fragments, Fragment, i);
      const char *rest;

      if (f->row_field == REF_FIELD_NONE && f->x0 > middle && f->page == 0)
        {
          split = MIN (split, f->x0 - 1);
          n++;
          labels += ref_pdf_header_label (f->text, &rest) != REF_FIELD_NONE
                    || ref_pdf_vocab_match (REF_VOCAB_TITLE_LINE, f->text, NULL);
        }
    }
  /* A column of its own starts with a label (or the title): names right of a list of
   * names are more of the list. */
  return n >= 2 && labels > 0 ? split : 0;
}

void
ref_pdf_read_header (Importer *imp, guint end)
{
  g_autoptr (GArray) fragments = header_fragments (imp, end);
  HeaderReader r = { .imp = imp, .field = REF_FIELD_NONE, .value = g_string_new (NULL) };
  double split = second_column (imp, fragments);

  r.pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  g_array_set_clear_func (r.pieces, piece_clear);

  /* The left column (or the only one), then the right one. */
  for (int column = 0; column < (split > 0 ? 2 : 1); column++)
    {
      for (guint i = 0; i < fragments->len; i++)
        {
          Fragment *f = &g_array_index (fragments, Fragment, i);
          gboolean right = split > 0 && f->page == 0 && f->x0 >= split;

          if (right != (column == 1))
            continue;
          take_fragment (&r, f);
        }
      flush_field (&r);
    }
  g_string_free (r.value, TRUE);
  g_array_unref (r.pieces);
}

/* "Socialudvalget d. 06-05-2025", "Udvalget for Social Omsorg, 6. september 2021",
 * "Socialudvalget\t05-05-2021": the running header names committee and date, which
 * is all a document without a front page tells. */
void
ref_pdf_read_running_header (Importer *imp)
{
  for (guint i = 0; i < imp->lines->len; i++)
    {
      Line *line = importer_line (imp, i);
      g_autoptr (GMatchInfo) m = NULL;
      int y, mo, d;

      if (line->role != ROLE_FURNITURE || line->pdf->y0 > imp->text->page_height / 2)
        continue;
      if (ref_pdf_vocab_match (REF_VOCAB_RUNNING_HEADER, line->pdf->text, &m))
        {
          g_autofree char *committee = ref_pdf_vocab_group (m, "committee"), *date = ref_pdf_vocab_group (m, "date");

          if (committee == NULL || !ref_pdf_parse_danish_date (date, &y, &mo, &d, NULL))
            continue;
          if (*ref_meeting_get_committee (imp->meeting) == '\0')
            ref_meeting_set_committee (imp->meeting, committee);
          if (ref_meeting_get_start (imp->meeting) == NULL)
            set_meeting_date (imp, y, mo, d, -1);
          return;
        }
    }
}
