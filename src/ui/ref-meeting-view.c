/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ref-date-button.h"
#include "ref-meeting-view.h"
#include "ref-read-only.h"
#include "ref-scroll-guard.h"
#include "ref-text-editor.h"
#include "ref-text-field.h"
#include "ref-ui-resources.h"

/* The meeting header editor. Fields are bound to the model both ways, so an edit
 * here is an edit of the meeting (recorded for undo), and undo or any other change
 * of the model shows here at once. Date and times are the exception: one model
 * value (a wall-clock GDateTime in the UTC zone) is edited by three controls, so
 * they are synchronised by hand. */
struct _RefMeetingView {
  GtkWidget parent_instance;

  gboolean participants_bound; /* the rows are made when the view is first shown */

  GtkWidget *scroller;
  GtkWidget *content;
  AdwEntryRow *committee_row;
  AdwEntryRow *organisation_row;
  AdwComboRow *kind_row;
  AdwComboRow *edition_row;
  AdwComboRow *language_row;
  RefDateButton *date_button;
  GtkSpinButton *start_hour;
  GtkSpinButton *start_minute;
  GtkSpinButton *end_hour;
  GtkSpinButton *end_minute;
  AdwEntryRow *location_row;
  RefTextField *remarks_field;
  RefTextEditor *remarks_editor; /* the field's */
  GtkListBox *participant_list;

  RefMeeting *meeting;
  GPtrArray *bindings;
  gboolean showing_times; /* the time controls are being set from the model */
  gboolean start_unset;
  gboolean end_unset;
  gboolean locked; /* the minutes are locked for approval */
};

G_DEFINE_FINAL_TYPE (RefMeetingView, ref_meeting_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEETING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Data keys of a participant row's parts. */
#define ROW_NAME "ref-name-row"
#define ROW_UP "ref-up-button"
#define ROW_DOWN "ref-down-button"
#define ROW_REMOVE "ref-remove-button"

static GListStore *
participant_store (RefMeetingView *self)
{
  return G_LIST_STORE (ref_meeting_get_participants (self->meeting));
}

/* Combo rows list the values of an enum in declaration order. */
static gboolean
enum_to_position (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
position_to_enum (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  guint position = g_value_get_uint (from);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to, (int) position);
  return TRUE;
}

static GBinding *
bind_enum_to_combo (gpointer object, const char *property, AdwComboRow *row)
{
  return g_object_bind_property_full (object, property, row, "selected", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                                      enum_to_position, position_to_enum, NULL, NULL);
}

/* The language row offers the two languages Referent checks: Danish (the default,
 * "" or "da…") and English ("en…"). Another language set in the file is shown as
 * with no row selected, and is kept until one is chosen. */
static gboolean
language_to_position (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  const char *language = g_value_get_string (from);

  if (language == NULL || *language == '\0' || g_str_has_prefix (language, "da"))
    g_value_set_uint (to, 0);
  else if (g_str_has_prefix (language, "en"))
    g_value_set_uint (to, 1);
  else
    g_value_set_uint (to, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static gboolean
position_to_language (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  guint position = g_value_get_uint (from);

  if (position == 0)
    g_value_set_string (to, REF_MEETING_DEFAULT_LANGUAGE);
  else if (position == 1)
    g_value_set_string (to, "en");
  else
    return FALSE;
  return TRUE;
}

/* ---- Date and times ---------------------------------------------------------- */

/* The model's convention: wall-clock time in a UTC GDateTime, never converted. */
static void
meeting_day (RefMeetingView *self, int *year, int *month, int *day)
{
  GDateTime *start = ref_meeting_get_start (self->meeting);

  if (start != NULL)
    g_date_time_get_ymd (start, year, month, day);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_date_time_get_ymd (now, year, month, day);
    }
}

static void
set_time_spins (GtkSpinButton *hour, GtkSpinButton *minute, GDateTime *time)
{
  gtk_spin_button_set_value (hour, time ? g_date_time_get_hour (time) : 0);
  gtk_spin_button_set_value (minute, time ? g_date_time_get_minute (time) : 0);
}

/* Clearing the end time needs one, and unlocked minutes. */
static void
update_clear_end_time (RefMeetingView *self)
{
  GDateTime *end = self->meeting ? ref_meeting_get_end (self->meeting) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.clear-end-time", end != NULL && !self->locked);
}

static void
show_times (RefMeetingView *self)
{
  GDateTime *start = self->meeting ? ref_meeting_get_start (self->meeting) : NULL;
  GDateTime *end = self->meeting ? ref_meeting_get_end (self->meeting) : NULL;

  self->showing_times = TRUE;
  self->start_unset = start == NULL;
  self->end_unset = end == NULL;
  set_time_spins (self->start_hour, self->start_minute, start);
  /* An unset end starts from the start time when the user steps it. */
  set_time_spins (self->end_hour, self->end_minute, end ? end : start);
  if (start != NULL)
    {
      g_autoptr (GDateTime) day = g_date_time_new_utc (g_date_time_get_year (start), g_date_time_get_month (start),
                                                       g_date_time_get_day_of_month (start), 0, 0, 0);
      ref_date_button_set_date (self->date_button, day);
    }
  else
    ref_date_button_set_date (self->date_button, NULL);
  update_clear_end_time (self);
  self->showing_times = FALSE;
}

static void
on_meeting_time_changed (RefMeeting *meeting, GParamSpec *pspec, RefMeetingView *self)
{
  show_times (self);
}

static gboolean
on_time_output (GtkSpinButton *spin, RefMeetingView *self)
{
  gboolean unset = (spin == self->start_hour || spin == self->start_minute) ? self->start_unset : self->end_unset;
  g_autofree char *text = unset ? g_strdup ("--") : g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* "--" (an unset time) and an emptied field keep the value instead of being an error. */
static int
on_time_input (GtkSpinButton *spin, double *new_value, RefMeetingView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0' && !g_str_equal (text, "--"))
    return FALSE;
  *new_value = gtk_spin_button_get_value (spin);
  return TRUE;
}

static void
on_start_time_changed (GtkSpinButton *spin, RefMeetingView *self)
{
  g_autoptr (GDateTime) start = NULL;
  int year, month, day;

  if (self->showing_times || self->meeting == NULL)
    return;
  meeting_day (self, &year, &month, &day);
  start = g_date_time_new_utc (year, month, day, gtk_spin_button_get_value_as_int (self->start_hour),
                               gtk_spin_button_get_value_as_int (self->start_minute), 0);
  ref_meeting_set_start (self->meeting, start);
}

/* The end is on the meeting's day. */
static void
on_end_time_changed (GtkSpinButton *spin, RefMeetingView *self)
{
  g_autoptr (GDateTime) end = NULL;
  int year, month, day;

  if (self->showing_times || self->meeting == NULL)
    return;
  meeting_day (self, &year, &month, &day);
  end = g_date_time_new_utc (year, month, day, gtk_spin_button_get_value_as_int (self->end_hour),
                             gtk_spin_button_get_value_as_int (self->end_minute), 0);
  ref_meeting_set_end (self->meeting, end);
}

/* The date picked on the calendar (the same picker as a decision's date). A new date
 * keeps the start and end times; both move in one undo step, as both go when the
 * date is cleared. */
static void
on_date_changed (RefDateButton *button, GParamSpec *pspec, RefMeetingView *self)
{
  RefHistory *history;
  GDateTime *start, *end;
  GDateTime *picked = ref_date_button_get_date (button);
  g_autoptr (GDateTime) new_start = NULL;
  g_autoptr (GDateTime) new_end = NULL;
  int year, month, day;

  if (self->showing_times || self->meeting == NULL)
    return;
  if (picked == NULL)
    {
      history = ref_meeting_get_history (self->meeting);
      ref_history_begin_group (history);
      ref_meeting_set_start (self->meeting, NULL);
      ref_meeting_set_end (self->meeting, NULL);
      ref_history_end_group (history);
      return;
    }
  g_date_time_get_ymd (picked, &year, &month, &day);
  start = ref_meeting_get_start (self->meeting);
  end = ref_meeting_get_end (self->meeting);
  new_start = g_date_time_new_utc (year, month, day, start ? g_date_time_get_hour (start) : 0,
                                   start ? g_date_time_get_minute (start) : 0, 0);
  if (end != NULL)
    new_end = g_date_time_new_utc (year, month, day, g_date_time_get_hour (end), g_date_time_get_minute (end), 0);

  history = ref_meeting_get_history (self->meeting);
  ref_history_begin_group (history);
  ref_meeting_set_start (self->meeting, new_start);
  if (new_end != NULL)
    ref_meeting_set_end (self->meeting, new_end);
  ref_history_end_group (history);
}

static void
clear_end_time_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefMeetingView *self = REF_MEETING_VIEW (widget);

  if (self->meeting != NULL)
    ref_meeting_set_end (self->meeting, NULL);
}

/* ---- Item numbers ------------------------------------------------------------ */

static gboolean
parse_number (const char **p, guint *number)
{
  char *end = NULL;
  guint64 value;

  while (g_ascii_isspace (**p))
    (*p)++;
  if (!g_ascii_isdigit (**p))
    return FALSE;
  value = g_ascii_strtoull (*p, &end, 10);
  if (value == 0 || value > 9999)
    return FALSE;
  *number = (guint) value;
  *p = end;
  while (g_ascii_isspace (**p))
    (*p)++;
  return TRUE;
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

GArray *
ref_meeting_view_parse_item_numbers (const char *text)
{
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) parts = g_strsplit_set (text ? text : "", ",;", -1);
  guint kept = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);
      guint first, last;

      if (*p == '\0')
        continue;
      if (!parse_number (&p, &first))
        return NULL;
      last = first;
      if (*p == '-' || g_str_has_prefix (p, "–"))
        {
          p += *p == '-' ? 1 : strlen ("–");
          if (!parse_number (&p, &last) || last < first)
            return NULL;
        }
      if (*p != '\0')
        return NULL;
      for (guint n = first; n <= last; n++)
        g_array_append_val (numbers, n);
    }
  g_array_sort (numbers, compare_uint);
  for (guint i = 0; i < numbers->len; i++)
    if (kept == 0 || g_array_index (numbers, guint, i) != g_array_index (numbers, guint, kept - 1))
      g_array_index (numbers, guint, kept++) = g_array_index (numbers, guint, i);
  g_array_set_size (numbers, kept);
  return g_steal_pointer (&numbers);
}

char *
ref_meeting_view_format_item_numbers (GArray *numbers)
{
  GString *out = g_string_new (NULL);
  guint n = numbers ? numbers->len : 0;

  for (guint i = 0; i < n;)
    {
      guint first = g_array_index (numbers, guint, i);
      guint j = i;

      while (j + 1 < n && g_array_index (numbers, guint, j + 1) == g_array_index (numbers, guint, j) + 1)
        j++;
      if (out->len > 0)
        g_string_append (out, ", ");
      /* Runs of three or more read better as a range. */
      if (j - i >= 2)
        g_string_append_printf (out, "%u–%u", first, g_array_index (numbers, guint, j));
      else
        {
          g_string_append_printf (out, "%u", first);
          j = i;
        }
      i = j + 1;
    }
  return g_string_free (out, FALSE);
}

/* ---- Participant rows -------------------------------------------------------- */

static void
set_accessible_label (gpointer widget, const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
show_participant_title (AdwExpanderRow *row, RefParticipant *participant)
{
  g_autofree char *text = *ref_participant_get_name (participant) ? ref_participant_format (participant, FALSE)
                                                                   : g_strdup (_("Unnamed participant"));
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
  set_accessible_label (row, text);
}

static void
on_participant_named (RefParticipant *participant, GParamSpec *pspec, AdwExpanderRow *row)
{
  show_participant_title (row, participant);
}

static gboolean
role_to_subtitle (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_take_string (to, g_markup_escape_text (g_value_get_string (from) ? g_value_get_string (from) : "", -1));
  return TRUE;
}

static gboolean
attendance_is (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == GPOINTER_TO_INT (user_data));
  return TRUE;
}

/* Only the toggle that becomes active sets the attendance; the one it replaces
 * deactivates without a change of its own. */
static gboolean
active_to_attendance (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  if (!g_value_get_boolean (from))
    return FALSE;
  g_value_set_enum (to, GPOINTER_TO_INT (user_data));
  return TRUE;
}

static gboolean
notice_to_active (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == REF_NOTICE_WITHOUT);
  return TRUE;
}

static gboolean
active_to_notice (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_enum (to, g_value_get_boolean (from) ? REF_NOTICE_WITHOUT : REF_NOTICE_WITH);
  return TRUE;
}

static gboolean
items_to_text (GBinding *binding, const GValue *from, GValue *to, gpointer row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_value_take_string (to, ref_meeting_view_format_item_numbers (g_value_get_boxed (from)));
  return TRUE;
}

/* While the text is not a list of numbers the model keeps its last good value. */
static gboolean
text_to_items (GBinding *binding, const GValue *from, GValue *to, gpointer row)
{
  g_autoptr (GArray) numbers = ref_meeting_view_parse_item_numbers (g_value_get_string (from));

  if (numbers == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_value_take_boxed (to, numbers->len > 0 ? g_steal_pointer (&numbers) : NULL);
  return TRUE;
}

static GtkWidget *
bound_entry_row (RefParticipant *participant, const char *property, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  set_accessible_label (row, title);
  g_object_bind_property (participant, property, row, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  return row;
}

static GtkWidget *
attendance_toggle (RefParticipant *participant, RefAttendance attendance, const char *label, const char *tooltip,
                   GtkWidget *group)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  set_accessible_label (button, label);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
  g_object_bind_property_full (participant, "attendance", button, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               attendance_is, active_to_attendance, GINT_TO_POINTER (attendance), NULL);
  return button;
}

static GtkWidget *
attendance_group (RefParticipant *participant)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *present, *absent, *partial;

  present = attendance_toggle (participant, REF_ATTENDANCE_PRESENT, _("Present"), _("Present for the whole meeting"), NULL);
  /* TRANSLATORS: attendance toggle: sent apologies and stayed away (Danish "Afbud") */
  absent = attendance_toggle (participant, REF_ATTENDANCE_ABSENT, _("Absent"), _("Absent (sent apologies)"), present);
  partial = attendance_toggle (participant, REF_ATTENDANCE_PARTIAL, _("Partial"), _("Present for some items only"), present);
  gtk_box_append (GTK_BOX (box), present);
  gtk_box_append (GTK_BOX (box), absent);
  gtk_box_append (GTK_BOX (box), partial);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendance"), -1);
  return box;
}

static GtkWidget *
type_row (RefParticipant *participant)
{
  const char *types[] = { _("Committee member"), _("Official"), _("Substitute"), _("Guest"), NULL };
  g_autoptr (GtkStringList) model = gtk_string_list_new (types);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Type"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  set_accessible_label (row, _("Participant type"));
  bind_enum_to_combo (participant, "participant-type", ADW_COMBO_ROW (row));
  return row;
}

static GtkWidget *
notice_row (RefParticipant *participant)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Without notice"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Absent without sending apologies"));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  set_accessible_label (check, _("Absent without notice"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_bind_property_full (participant, "notice", check, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               notice_to_active, active_to_notice, NULL, NULL);
  g_object_bind_property_full (participant, "attendance", row, "visible", G_BINDING_SYNC_CREATE, attendance_is, NULL,
                               GINT_TO_POINTER (REF_ATTENDANCE_ABSENT), NULL);
  return row;
}

static GtkWidget *
attended_items_row (RefParticipant *participant)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Attended items"));
  gtk_widget_set_tooltip_text (row, _("Item numbers separated by commas, for example 1, 3, 5-7"));
  set_accessible_label (row, _("Attended items"));
  g_object_bind_property_full (participant, "attended-items", row, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               items_to_text, text_to_items, row, NULL);
  g_object_bind_property_full (participant, "attendance", row, "visible", G_BINDING_SYNC_CREATE, attendance_is, NULL,
                               GINT_TO_POINTER (REF_ATTENDANCE_PARTIAL), NULL);
  return row;
}

static gboolean
text_to_fingerprint (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  GtkWidget *row = data;
  g_autofree char *fingerprint = ref_participant_normalize_fingerprint (g_value_get_string (from));

  /* Half-typed or pasted with the wrong length: shown as wrong, not stored. */
  if (fingerprint == NULL)
    {
      gtk_widget_add_css_class (row, "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (row, "error");
  g_value_take_string (to, g_steal_pointer (&fingerprint));
  return TRUE;
}

/* The certificate a member approves with, when its name is not the member's (a
 * pseudonym certificate, a changed name): the SHA-256 fingerprint that Approvals
 * shows. With one recorded, only that certificate counts for the member. */
static GtkWidget *
certificate_row (RefParticipant *participant)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Approval certificate (SHA-256)"));
  gtk_widget_set_tooltip_text (row, _("The fingerprint of the certificate this member approves with, when the "
                                      "certificate is not in the member’s name; empty to match by name"));
  set_accessible_label (row, _("Approval certificate (SHA-256)"));
  g_object_bind_property_full (participant, "certificate", row, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               NULL, text_to_fingerprint, row, NULL);
  return row;
}

/* The position target of these buttons is kept current by update_participant_rows(). */
static GtkWidget *
icon_button (const char *icon_name, const char *action_name, const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", 0);
  gtk_widget_set_tooltip_text (button, label);
  set_accessible_label (button, label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
arrange_row (GtkWidget *participant_row)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *up = icon_button ("go-up-symbolic", "meeting.move-participant-up", _("Move Up"));
  GtkWidget *down = icon_button ("go-down-symbolic", "meeting.move-participant-down", _("Move Down"));
  GtkWidget *remove = icon_button ("user-trash-symbolic", "meeting.remove-participant", _("Remove Participant"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Order in the list"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Alt+Up and Alt+Down move the participant"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data (G_OBJECT (participant_row), ROW_UP, up);
  g_object_set_data (G_OBJECT (participant_row), ROW_DOWN, down);
  g_object_set_data (G_OBJECT (participant_row), ROW_REMOVE, remove);
  return row;
}

/* A participant: "Name (party)" with the role below it and the attendance toggles
 * always in view; the details and the order buttons expand. Bindings and handlers
 * end with the row. */
static GtkWidget *
create_participant_row (gpointer item, gpointer user_data)
{
  RefParticipant *participant = REF_PARTICIPANT (item);
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *name = bound_entry_row (participant, "name", _("Name"));

  show_participant_title (row, participant);
  g_signal_connect_object (participant, "notify::name", G_CALLBACK (on_participant_named), row, 0);
  g_signal_connect_object (participant, "notify::party", G_CALLBACK (on_participant_named), row, 0);
  g_object_bind_property_full (participant, "role", row, "subtitle", G_BINDING_SYNC_CREATE, role_to_subtitle, NULL, NULL,
                               NULL);
  adw_expander_row_add_action (row, attendance_group (participant));

  g_object_set_data (G_OBJECT (row), ROW_NAME, name);
  adw_expander_row_add_row (row, name);
  adw_expander_row_add_row (row, bound_entry_row (participant, "party", _("Party")));
  adw_expander_row_add_row (row, bound_entry_row (participant, "role", _("Role")));
  adw_expander_row_add_row (row, type_row (participant));
  adw_expander_row_add_row (row, notice_row (participant));
  adw_expander_row_add_row (row, attended_items_row (participant));
  adw_expander_row_add_row (row, certificate_row (participant));
  adw_expander_row_add_row (row, arrange_row (GTK_WIDGET (row)));
  return GTK_WIDGET (row);
}

static void
update_participant_rows (RefMeetingView *self)
{
  guint n = self->meeting ? g_list_model_get_n_items (ref_meeting_get_participants (self->meeting)) : 0;

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->participant_list, (int) i);
      GtkWidget *up, *down, *remove;

      if (row == NULL)
        break;
      up = g_object_get_data (G_OBJECT (row), ROW_UP);
      down = g_object_get_data (G_OBJECT (row), ROW_DOWN);
      remove = g_object_get_data (G_OBJECT (row), ROW_REMOVE);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (up), "u", i);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (down), "u", i);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < n);
    }
}

static void apply_lock (RefMeetingView *self);

static void
on_participants_changed (GListModel *list, guint position, guint removed, guint added, RefMeetingView *self)
{
  update_participant_rows (self);
  apply_lock (self);
}

static void bind_participants (RefMeetingView *self);

static AdwExpanderRow *
participant_row_at (RefMeetingView *self, guint position)
{
  GtkListBoxRow *row;

  bind_participants (self);
  row = gtk_list_box_get_row_at_index (self->participant_list, (int) position);

  return row ? ADW_EXPANDER_ROW (row) : NULL;
}

/* ---- Participant actions ----------------------------------------------------- */

static void
add_participant_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefMeetingView *self = REF_MEETING_VIEW (widget);
  g_autoptr (RefParticipant) participant = NULL;
  AdwExpanderRow *row;
  guint n;

  if (self->meeting == NULL)
    return;
  participant = ref_participant_new ();
  ref_participant_set_attendance (participant, REF_ATTENDANCE_PRESENT);
  ref_meeting_add_participant (self->meeting, participant);
  n = g_list_model_get_n_items (ref_meeting_get_participants (self->meeting));
  row = participant_row_at (self, n - 1);
  if (row == NULL)
    return;
  adw_expander_row_set_expanded (row, TRUE);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), ROW_NAME));
}

static void
remove_participant_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefMeetingView *self = REF_MEETING_VIEW (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autoptr (RefParticipant) participant = NULL;
  AdwExpanderRow *next;
  guint n;

  if (self->meeting == NULL)
    return;
  participant = g_list_model_get_item (ref_meeting_get_participants (self->meeting), position);
  if (participant == NULL)
    return;
  ref_meeting_remove_participant (self->meeting, participant);
  /* The focused button went with its row; keep the keyboard user in the list. */
  n = g_list_model_get_n_items (ref_meeting_get_participants (self->meeting));
  next = n > 0 ? participant_row_at (self, MIN (position, n - 1)) : NULL;
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else
    gtk_widget_child_focus (self->content, GTK_DIR_TAB_FORWARD);
}

/* Moving re-creates the row, so its expansion and the focus are carried over. */
static void
move_participant (RefMeetingView *self, guint from, int delta)
{
  guint n, to;
  AdwExpanderRow *row;
  gboolean expanded;
  GtkWidget *focus;

  if (self->meeting == NULL)
    return;
  n = g_list_model_get_n_items (ref_meeting_get_participants (self->meeting));
  if (from >= n || (delta < 0 && from == 0) || (delta > 0 && from + 1 >= n))
    return;
  to = delta < 0 ? from - 1 : from + 1;
  row = participant_row_at (self, from);
  expanded = row && adw_expander_row_get_expanded (row);
  ref_list_store_move (participant_store (self), from, to);

  row = participant_row_at (self, to);
  if (row == NULL)
    return;
  adw_expander_row_set_expanded (row, expanded);
  focus = g_object_get_data (G_OBJECT (row), delta < 0 ? ROW_UP : ROW_DOWN);
  if (!expanded || !gtk_widget_get_sensitive (focus))
    focus = GTK_WIDGET (row);
  gtk_widget_grab_focus (focus);
}

static void
move_participant_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_participant (REF_MEETING_VIEW (widget), g_variant_get_uint32 (parameter),
                    g_str_equal (action_name, "meeting.move-participant-up") ? -1 : 1);
}

/* Alt+Up / Alt+Down move the participant whose row holds the focus. */
static gboolean
move_focused_participant (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  RefMeetingView *self = REF_MEETING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int position;

  if (self->locked)
    return FALSE;
  while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (self->participant_list))
    focus = gtk_widget_get_parent (focus);
  if (focus == NULL || !GTK_IS_LIST_BOX_ROW (focus))
    return FALSE;
  position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus));
  if (position < 0)
    return FALSE;
  move_participant (self, (guint) position, g_variant_get_int32 (args));
  return TRUE;
}

/* ---- Locking ----------------------------------------------------------------- */

/* Everything here is signed content: while locked it is read, not edited. */
static void
apply_lock (RefMeetingView *self)
{
  static const char *const content_actions[] = {
    "meeting.remove-participant", "meeting.move-participant-up", "meeting.move-participant-down",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (content_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), content_actions[i], !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-participant", self->meeting != NULL && !self->locked);
  update_clear_end_time (self);
  ref_read_only_apply (self->content, self->locked);
}

gboolean
ref_meeting_view_get_locked (RefMeetingView *self)
{
  g_return_val_if_fail (REF_IS_MEETING_VIEW (self), FALSE);
  return self->locked;
}

void
ref_meeting_view_set_locked (RefMeetingView *self, gboolean locked)
{
  g_return_if_fail (REF_IS_MEETING_VIEW (self));
  locked = !!locked;
  if (self->locked == locked)
    return;
  self->locked = locked;
  apply_lock (self);
}

/* ---- Meeting ----------------------------------------------------------------- */

RefMeeting *
ref_meeting_view_get_meeting (RefMeetingView *self)
{
  g_return_val_if_fail (REF_IS_MEETING_VIEW (self), NULL);
  return self->meeting;
}

/* The participants' rows (each an expander with a dozen widgets) are made when the
 * view is first shown or asked for its list, not when the window opens on an item. */
static void
bind_participants (RefMeetingView *self)
{
  if (self->participants_bound || self->meeting == NULL)
    return;
  self->participants_bound = TRUE;
  gtk_list_box_bind_model (self->participant_list, ref_meeting_get_participants (self->meeting),
                           create_participant_row, self, NULL);
  /* After the list box's own handler, so that the rows exist. */
  g_signal_connect (ref_meeting_get_participants (self->meeting), "items-changed",
                    G_CALLBACK (on_participants_changed), self);
  update_participant_rows (self);
  apply_lock (self);
}

static void
on_map (GtkWidget *widget, gpointer data)
{
  bind_participants (REF_MEETING_VIEW (widget));
}

GtkWidget *
ref_meeting_view_get_participant_list (RefMeetingView *self)
{
  g_return_val_if_fail (REF_IS_MEETING_VIEW (self), NULL);
  bind_participants (self);
  return GTK_WIDGET (self->participant_list);
}

void
ref_meeting_view_focus_committee (RefMeetingView *self)
{
  g_return_if_fail (REF_IS_MEETING_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->committee_row));
}

static void
bind_text (RefMeetingView *self, const char *property, AdwEntryRow *row)
{
  g_ptr_array_add (self->bindings, g_object_bind_property (self->meeting, property, row, "text",
                                                           G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
}

static void
clear_fields (RefMeetingView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->committee_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), "");
  ref_text_editor_set_text (self->remarks_editor, NULL);
}

void
ref_meeting_view_set_meeting (RefMeetingView *self, RefMeeting *meeting)
{
  g_return_if_fail (REF_IS_MEETING_VIEW (self));
  g_return_if_fail (meeting == NULL || REF_IS_MEETING (meeting));

  if (self->meeting == meeting)
    return;
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  if (self->meeting != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->meeting, self);
      g_signal_handlers_disconnect_by_data (ref_meeting_get_participants (self->meeting), self);
    }
  gtk_list_box_bind_model (self->participant_list, NULL, NULL, NULL, NULL);
  self->participants_bound = FALSE;
  g_set_object (&self->meeting, meeting);

  if (meeting != NULL)
    {
      bind_text (self, "committee", self->committee_row);
      bind_text (self, "organisation", self->organisation_row);
      bind_text (self, "location", self->location_row);
      g_ptr_array_add (self->bindings, bind_enum_to_combo (meeting, "kind", self->kind_row));
      g_ptr_array_add (self->bindings, bind_enum_to_combo (meeting, "edition", self->edition_row));
      g_ptr_array_add (self->bindings, g_object_bind_property_full (meeting, "language", self->language_row, "selected",
                                                                    G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                                                                    language_to_position, position_to_language, NULL,
                                                                    NULL));
      ref_text_editor_set_history (self->remarks_editor, ref_meeting_get_history (meeting));
      g_ptr_array_add (self->bindings, g_object_bind_property (meeting, "remarks", self->remarks_editor, "text",
                                                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
      g_signal_connect (meeting, "notify::start", G_CALLBACK (on_meeting_time_changed), self);
      g_signal_connect (meeting, "notify::end", G_CALLBACK (on_meeting_time_changed), self);
    }
  else
    clear_fields (self);

  show_times (self);
  gtk_widget_set_sensitive (self->content, meeting != NULL);
  apply_lock (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    bind_participants (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING]);
}

static void
ref_meeting_view_dispose (GObject *object)
{
  RefMeetingView *self = REF_MEETING_VIEW (object);

  ref_meeting_view_set_meeting (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_MEETING_VIEW);
  G_OBJECT_CLASS (ref_meeting_view_parent_class)->dispose (object);
}

static void
ref_meeting_view_finalize (GObject *object)
{
  RefMeetingView *self = REF_MEETING_VIEW (object);

  g_ptr_array_unref (self->bindings);
  G_OBJECT_CLASS (ref_meeting_view_parent_class)->finalize (object);
}

static void
ref_meeting_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MEETING:
      g_value_set_object (value, REF_MEETING_VIEW (object)->meeting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_meeting_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MEETING:
      ref_meeting_view_set_meeting (REF_MEETING_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_meeting_view_class_init (RefMeetingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The template is in the static library's resources: referencing the generated
   * getter keeps the object that registers them, also where RefWindow is not used. */
  (void) ref_ui_get_resource ();

  object_class->dispose = ref_meeting_view_dispose;
  object_class->finalize = ref_meeting_view_finalize;
  object_class->get_property = ref_meeting_view_get_property;
  object_class->set_property = ref_meeting_view_set_property;

  properties[PROP_MEETING] = g_param_spec_object ("meeting", NULL, NULL, REF_TYPE_MEETING,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-meeting-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, content);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, committee_row);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, edition_row);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, language_row);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, date_button);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, start_hour);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, start_minute);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, end_hour);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, end_minute);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, location_row);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, remarks_field);
  gtk_widget_class_bind_template_child (widget_class, RefMeetingView, participant_list);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output);
  gtk_widget_class_bind_template_callback (widget_class, on_time_input);
  gtk_widget_class_bind_template_callback (widget_class, on_start_time_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_end_time_changed);

  gtk_widget_class_install_action (widget_class, "meeting.add-participant", NULL, add_participant_activated);
  gtk_widget_class_install_action (widget_class, "meeting.remove-participant", "u", remove_participant_activated);
  gtk_widget_class_install_action (widget_class, "meeting.move-participant-up", "u", move_participant_activated);
  gtk_widget_class_install_action (widget_class, "meeting.move-participant-down", "u", move_participant_activated);
  gtk_widget_class_install_action (widget_class, "meeting.clear-end-time", NULL, clear_end_time_activated);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_focused_participant, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_focused_participant, "i", 1);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_meeting_view_init (RefMeetingView *self)
{
  self->bindings = g_ptr_array_new ();
  g_type_ensure (REF_TYPE_TEXT_EDITOR);
  g_type_ensure (REF_TYPE_TEXT_FIELD);
  g_type_ensure (REF_TYPE_DATE_BUTTON);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self->date_button, "notify::date", G_CALLBACK (on_date_changed), self);
  self->remarks_editor = ref_text_field_get_editor (self->remarks_field);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remarks_editor), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remarks"), -1);
  /* The times sit on a scrolled page: the wheel scrolls it, it does not set them. */
  ref_scroll_guard_attach (GTK_WIDGET (self->start_hour));
  ref_scroll_guard_attach (GTK_WIDGET (self->start_minute));
  ref_scroll_guard_attach (GTK_WIDGET (self->end_hour));
  ref_scroll_guard_attach (GTK_WIDGET (self->end_minute));
  show_times (self);
  gtk_widget_set_sensitive (self->content, FALSE);
  apply_lock (self);
}

GtkWidget *
ref_meeting_view_new (void)
{
  return g_object_new (REF_TYPE_MEETING_VIEW, NULL);
}
