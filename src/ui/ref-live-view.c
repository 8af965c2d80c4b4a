/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-live-view.h"
#include "ref-ui-resources.h"
#include "ref-phrases.h"
#include "ref-substitute-dialog.h"
#include "ref-text-editor.h"

struct _RefLiveView {
  AdwBin parent_instance;

  AdwToastOverlay *toasts;
  GtkLabel *clock_label;
  GtkLabel *elapsed_label;
  GtkLabel *position_label;
  GtkLabel *number_label;
  GtkLabel *title_label;
  GtkExpander *recommendation_expander;
  GtkLabel *recommendation_label;
  GtkDropDown *outcome_drop_down;
  GtkFlowBox *phrase_box;
  RefTextEditor *decision_editor;
  GtkFlowBox *participant_box;

  RefMeeting *meeting;
  RefAgendaItem *item;
  RefDecision *decision; /* the current item's first decision, when it has one */
  GPtrArray *participants; /* RefParticipant whose changes are watched */
  GSettings *settings;
  GPtrArray *phrases;
  RefLiveClockFunc clock;
  gpointer clock_data;
  guint clock_source;
  gboolean syncing; /* the editor is being set from the model, or the reverse */
};

G_DEFINE_FINAL_TYPE (RefLiveView, ref_live_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MEETING,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_END_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh_participants (RefLiveView *self);
static void rebuild_participants (RefLiveView *self);
static void bind_decision (RefLiveView *self, gboolean show);

/* ---- time ---- */

static GDateTime *
local_now (RefLiveView *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_date_time_new_now_local ();
}

/* The model keeps wall-clock times (the file format has no zone), as UTC values. */
static GDateTime *
wall_clock (GDateTime *local)
{
  return g_date_time_new_utc (g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), g_date_time_get_hour (local),
                              g_date_time_get_minute (local), 0);
}

static gboolean
same_day (GDateTime *a, GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) && g_date_time_get_month (a) == g_date_time_get_month (b)
         && g_date_time_get_day_of_month (a) == g_date_time_get_day_of_month (b);
}

static gboolean
update_clock (gpointer data)
{
  RefLiveView *self = data;
  g_autoptr (GDateTime) now = local_now (self);
  g_autoptr (GDateTime) wall = wall_clock (now);
  g_autofree char *clock = g_date_time_format (now, "%H:%M");
  GDateTime *start = self->meeting ? ref_meeting_get_start (self->meeting) : NULL;

  gtk_label_set_label (self->clock_label, clock);
  if (start != NULL && same_day (start, wall) && g_date_time_compare (wall, start) >= 0)
    {
      GTimeSpan span = g_date_time_difference (wall, start) / G_TIME_SPAN_MINUTE;
      /* TRANSLATORS: how long the meeting has lasted, hours:minutes */
      g_autofree char *elapsed = g_strdup_printf (_("Meeting time %d:%02d"), (int) (span / 60), (int) (span % 60));

      gtk_label_set_label (self->elapsed_label, elapsed);
    }
  else
    gtk_label_set_label (self->elapsed_label, "");
  return G_SOURCE_CONTINUE;
}

static void
toast (RefLiveView *self, const char *text, gboolean undo)
{
  AdwToast *t = adw_toast_new (text);

  if (undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "live.undo");
    }
  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toasts, t);
}

/* ---- the current item ---- */

static guint
item_position (RefLiveView *self)
{
  guint position = 0;

  if (self->meeting == NULL || self->item == NULL || !ref_meeting_find_item_position (self->meeting, self->item, &position))
    return G_MAXUINT;
  return position;
}

static void
update_navigation (RefLiveView *self)
{
  guint n = self->meeting ? ref_meeting_get_n_items (self->meeting) : 0;
  guint position = item_position (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.previous-item", position != G_MAXUINT && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.next-item", position != G_MAXUINT && position + 1 < n);
  if (position != G_MAXUINT)
    {
      /* TRANSLATORS: the current agenda item's place in the agenda */
      g_autofree char *text = g_strdup_printf (_("Item %u of %u"), position + 1, n);
      gtk_label_set_label (self->position_label, text);
    }
  else
    gtk_label_set_label (self->position_label, "");
}

static void
update_item_labels (RefLiveView *self)
{
  RefRecommendation *recommendation = self->item ? ref_agenda_item_get_recommendation (self->item) : NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (self->item == NULL)
    {
      gtk_label_set_label (self->number_label, "");
      gtk_label_set_label (self->title_label, _("The meeting has no agenda items"));
      gtk_label_set_label (self->recommendation_label, "");
      return;
    }
  {
    const char *case_number = ref_agenda_item_get_case_number (self->item);
    /* TRANSLATORS: the item's number, then its case number when it has one */
    g_autofree char *number = *case_number ? g_strdup_printf (_("Item %u · %s"), ref_agenda_item_get_number (self->item),
                                                              case_number)
                                           : g_strdup_printf (_("Item %u"), ref_agenda_item_get_number (self->item));
    gtk_label_set_label (self->number_label, number);
  }
  gtk_label_set_label (self->title_label, ref_agenda_item_get_title (self->item));

  if (recommendation != NULL)
    {
      const char *by = ref_recommendation_get_by (recommendation);
      const char *intro = ref_recommendation_get_intro (recommendation);
      RefText *body = ref_recommendation_get_text (recommendation);

      if (*by || *intro)
        g_string_append_printf (text, "%s%s%s\n", by, *by && *intro ? " " : "", intro);
      if (body != NULL)
        {
          g_autofree char *plain = ref_text_to_plain (body);
          g_string_append (text, plain);
        }
    }
  g_strstrip (text->str);
  gtk_label_set_label (self->recommendation_label, *text->str ? text->str : _("No recommendation for this item."));
  gtk_widget_set_opacity (GTK_WIDGET (self->recommendation_label), *text->str ? 1.0 : 0.55);
}

static void
on_item_notify (RefAgendaItem *item, GParamSpec *pspec, RefLiveView *self)
{
  update_item_labels (self);
}

static void
on_decisions_changed (GListModel *decisions, guint position, guint removed, guint added, RefLiveView *self)
{
  /* Made here while typing: the editor already shows it. */
  bind_decision (self, !self->syncing);
}

static void
unwatch_item (RefLiveView *self)
{
  if (self->item == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->item, self);
  g_signal_handlers_disconnect_by_data (ref_agenda_item_get_decisions (self->item), self);
  g_clear_object (&self->item);
}

void
ref_live_view_set_item (RefLiveView *self, RefAgendaItem *item)
{
  g_return_if_fail (REF_IS_LIVE_VIEW (self));
  g_return_if_fail (item == NULL || REF_IS_AGENDA_ITEM (item));

  if (self->item == item)
    return;
  unwatch_item (self);
  if (item != NULL)
    {
      self->item = g_object_ref (item);
      g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
      g_signal_connect (ref_agenda_item_get_decisions (item), "items-changed", G_CALLBACK (on_decisions_changed), self);
    }
  /* What is typed for the next item is an undo step of its own. */
  if (self->meeting != NULL)
    ref_history_seal (ref_meeting_get_history (self->meeting));
  update_item_labels (self);
  update_navigation (self);
  bind_decision (self, TRUE);
  refresh_participants (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

RefAgendaItem *
ref_live_view_get_item (RefLiveView *self)
{
  g_return_val_if_fail (REF_IS_LIVE_VIEW (self), NULL);
  return self->item;
}

/* ---- the decision ---- */

static void
show_decision (RefLiveView *self)
{
  RefText *text = self->decision ? ref_decision_get_text (self->decision) : NULL;
  g_autoptr (RefText) shown = ref_text_editor_get_text (self->decision_editor);

  self->syncing = TRUE;
  if (!ref_text_equal (text, shown))
    ref_text_editor_set_text (self->decision_editor, text);
  gtk_drop_down_set_selected (self->outcome_drop_down,
                              self->decision ? (guint) ref_decision_get_outcome (self->decision)
                                             : REF_DECISION_OUTCOME_NONE);
  self->syncing = FALSE;
}

static void
on_decision_notify (RefDecision *decision, GParamSpec *pspec, RefLiveView *self)
{
  /* Undo, redo, or another view: show what the model has. */
  if (!self->syncing)
    show_decision (self);
}

static void
bind_decision (RefLiveView *self, gboolean show)
{
  g_autoptr (RefDecision) first = NULL;

  if (self->item != NULL && g_list_model_get_n_items (ref_agenda_item_get_decisions (self->item)) > 0)
    first = g_list_model_get_item (ref_agenda_item_get_decisions (self->item), 0);
  if (first != self->decision)
    {
      if (self->decision != NULL)
        g_signal_handlers_disconnect_by_data (self->decision, self);
      g_set_object (&self->decision, first);
      if (self->decision != NULL)
        {
          g_signal_connect (self->decision, "notify::text", G_CALLBACK (on_decision_notify), self);
          g_signal_connect (self->decision, "notify::outcome", G_CALLBACK (on_decision_notify), self);
        }
    }
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->decision_editor), self->item != NULL);
  if (show)
    show_decision (self);
}

/* The item's decision, made (the committee's, on the meeting's date) when the first
 * word of it is written. */
static RefDecision *
ensure_decision (RefLiveView *self)
{
  if (self->decision == NULL && self->item != NULL && self->meeting != NULL)
    {
      gboolean syncing = self->syncing;

      self->syncing = TRUE;
      ref_meeting_add_decision (self->meeting, self->item);
      bind_decision (self, FALSE);
      self->syncing = syncing;
    }
  return self->decision;
}

static void
on_editor_text (RefTextEditor *editor, GParamSpec *pspec, RefLiveView *self)
{
  g_autoptr (RefText) text = NULL;
  RefHistory *history;

  if (self->syncing || self->meeting == NULL || self->item == NULL)
    return;
  text = ref_text_editor_get_text (editor);
  if (self->decision == NULL && ref_text_is_empty (text))
    return;
  history = ref_meeting_get_history (self->meeting);
  self->syncing = TRUE;
  if (self->decision == NULL)
    {
      /* Making the decision and its first letter are one step to undo. */
      ref_history_begin_group (history);
      ensure_decision (self);
      ref_decision_set_text (self->decision, text);
      ref_history_end_group (history);
    }
  else
    ref_decision_set_text (self->decision, text);
  self->syncing = FALSE;
}

static void
on_outcome_selected (GtkDropDown *drop_down, GParamSpec *pspec, RefLiveView *self)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  RefHistory *history;

  if (self->syncing || self->meeting == NULL || self->item == NULL || selected > REF_DECISION_OUTCOME_FORWARDED)
    return;
  if (self->decision == NULL && selected == REF_DECISION_OUTCOME_NONE)
    return;
  history = ref_meeting_get_history (self->meeting);
  ref_history_begin_group (history);
  ensure_decision (self);
  self->syncing = TRUE;
  ref_decision_set_outcome (self->decision, (RefDecisionOutcome) selected);
  self->syncing = FALSE;
  ref_history_end_group (history);
}

/* ---- standard phrases ---- */

static void
insert_phrase (RefLiveView *self, guint index)
{
  RefHistory *history;

  if (self->phrases == NULL || index >= self->phrases->len || self->item == NULL || self->meeting == NULL)
    return;
  history = ref_meeting_get_history (self->meeting);
  ref_history_seal (history);
  ref_history_begin_group (history);
  ensure_decision (self);
  ref_phrase_insert (g_ptr_array_index (self->phrases, index), GTK_TEXT_VIEW (self->decision_editor), self->decision);
  ref_history_end_group (history);
  gtk_widget_grab_focus (GTK_WIDGET (self->decision_editor));
}

static void
on_phrase_clicked (GtkButton *button, RefLiveView *self)
{
  insert_phrase (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ref-phrase-index")));
}

static void
rebuild_phrases (RefLiveView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->phrase_box))) != NULL)
    gtk_flow_box_remove (self->phrase_box, child);
  g_clear_pointer (&self->phrases, g_ptr_array_unref);
  self->phrases = ref_phrases_load (self->settings);
  for (guint i = 0; i < self->phrases->len; i++)
    {
      RefPhrase *phrase = g_ptr_array_index (self->phrases, i);
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button;

      if (*phrase->text == '\0')
        continue;
      label = i < REF_PHRASES_N_SHORTCUTS ? g_strdup_printf ("%u  %s", i + 1, phrase->text) : g_strdup (phrase->text);
      /* TRANSLATORS: tooltip of a standard phrase: its key, then what it decides */
      tooltip = i < REF_PHRASES_N_SHORTCUTS
                    ? g_strdup_printf (_("Alt+%u · %s"), i + 1, ref_phrase_outcome_label (phrase->outcome))
                    : g_strdup (ref_phrase_outcome_label (phrase->outcome));
      button = gtk_button_new_with_label (label);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_add_css_class (button, "ref-live-phrase");
      g_object_set_data (G_OBJECT (button), "ref-phrase-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_phrase_clicked), self);
      gtk_flow_box_append (self->phrase_box, button);
      /* The flow box child need not take focus: the button is what is used. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->phrase_box), self->phrases->len > 0);
}

static void
on_phrases_changed (GSettings *settings, const char *key, RefLiveView *self)
{
  rebuild_phrases (self);
}

void
ref_live_view_set_settings (RefLiveView *self, GSettings *settings)
{
  g_return_if_fail (REF_IS_LIVE_VIEW (self));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect (settings, "changed::" REF_PHRASES_KEY, G_CALLBACK (on_phrases_changed), self);
  rebuild_phrases (self);
}

/* ---- participants ---- */

static RefParticipant *
child_participant (GtkFlowBoxChild *child)
{
  return g_object_get_data (G_OBJECT (child), "ref-participant");
}

static gboolean
present_now (RefLiveView *self, RefParticipant *p)
{
  if (self->item != NULL)
    return ref_meeting_is_present_for_item (self->meeting, p, self->item);
  return ref_participant_get_attendance (p) != REF_ATTENDANCE_ABSENT;
}

static void
refresh_child (RefLiveView *self, GtkFlowBoxChild *child)
{
  RefParticipant *p = child_participant (child);
  GtkLabel *name = g_object_get_data (G_OBJECT (child), "ref-name-label");
  GtkLabel *state = g_object_get_data (G_OBJECT (child), "ref-state-label");
  g_autofree char *label = ref_participant_format (p, FALSE);
  gboolean present = present_now (self, p);
  g_autofree char *accessible = NULL;
  g_autofree char *tooltip = NULL;

  gtk_label_set_label (name, label);
  gtk_label_set_label (state, present ? _("present") : _("away"));
  if (present)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (child), "ref-live-away");
      /* TRANSLATORS: %s is a participant */
      tooltip = g_strdup_printf (_("Record that %s leaves now"), ref_participant_get_name (p));
      accessible = g_strdup_printf (_("%s, present. Activate to record that they leave now."), label);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (child), "ref-live-away");
      tooltip = g_strdup_printf (_("Record that %s arrives now"), ref_participant_get_name (p));
      accessible = g_strdup_printf (_("%s, away. Activate to record that they arrive now."), label);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (child), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
refresh_participants (RefLiveView *self)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->participant_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_FLOW_BOX_CHILD (c) && child_participant (GTK_FLOW_BOX_CHILD (c)) != NULL)
      refresh_child (self, GTK_FLOW_BOX_CHILD (c));
}

static void
on_participant_changed (gpointer instance, gpointer unused, RefLiveView *self)
{
  refresh_participants (self);
}

static void
on_movements_changed (GListModel *movements, guint position, guint removed, guint added, RefLiveView *self)
{
  refresh_participants (self);
}

static void
unwatch_participants (RefLiveView *self)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      RefParticipant *p = g_ptr_array_index (self->participants, i);

      g_signal_handlers_disconnect_by_data (p, self);
      g_signal_handlers_disconnect_by_data (ref_participant_get_movements (p), self);
    }
  g_ptr_array_set_size (self->participants, 0);
}

static GtkWidget *
participant_child (RefParticipant *p)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state, "ref-live-state");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), state);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_widget_add_css_class (child, "ref-live-participant");
  g_object_set_data_full (G_OBJECT (child), "ref-participant", g_object_ref (p), g_object_unref);
  g_object_set_data (G_OBJECT (child), "ref-name-label", name);
  g_object_set_data (G_OBJECT (child), "ref-state-label", state);
  return child;
}

static void
rebuild_participants (RefLiveView *self)
{
  GListModel *participants;
  GtkWidget *child;

  unwatch_participants (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->participant_box))) != NULL)
    gtk_flow_box_remove (self->participant_box, child);
  if (self->meeting == NULL)
    return;
  participants = ref_meeting_get_participants (self->meeting);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);

      g_ptr_array_add (self->participants, g_object_ref (p));
      g_signal_connect (p, "notify", G_CALLBACK (on_participant_changed), self);
      g_signal_connect (ref_participant_get_movements (p), "items-changed", G_CALLBACK (on_movements_changed), self);
      gtk_flow_box_append (self->participant_box, participant_child (p));
    }
  refresh_participants (self);
}

static void
on_participants_changed (GListModel *list, guint position, guint removed, guint added, RefLiveView *self)
{
  rebuild_participants (self);
}

/* Before the item when nothing of its decision is written yet, during it after. */
static gboolean
during_current_item (RefLiveView *self)
{
  RefText *text = self->decision ? ref_decision_get_text (self->decision) : NULL;

  return text != NULL && !ref_text_is_empty (text);
}

static void
record_movement (RefLiveView *self, RefParticipant *p)
{
  gboolean leaves = present_now (self, p);
  gboolean during = during_current_item (self);
  g_autoptr (GDateTime) now = local_now (self);
  g_autofree char *clock = g_date_time_format (now, "%H.%M");
  g_autofree char *message = NULL;
  guint number = ref_agenda_item_get_number (self->item);

  ref_meeting_record_movement (self->meeting, p, leaves ? REF_MOVEMENT_KIND_LEFT : REF_MOVEMENT_KIND_ARRIVED,
                               self->item, during, ref_meeting_time_of_day (now));
  /* TRANSLATORS: "Anna Hansen left during item 4 at 14.05" */
  if (leaves)
    message = during ? g_strdup_printf (_("%s left during item %u at %s"), ref_participant_get_name (p), number, clock)
                     : g_strdup_printf (_("%s left before item %u at %s"), ref_participant_get_name (p), number, clock);
  else
    message = during ? g_strdup_printf (_("%s arrived during item %u at %s"), ref_participant_get_name (p), number, clock)
                     : g_strdup_printf (_("%s arrived before item %u at %s"), ref_participant_get_name (p), number, clock);
  toast (self, message, TRUE);
}

static void
on_participant_activated (GtkFlowBox *box, GtkFlowBoxChild *child, RefLiveView *self)
{
  RefParticipant *p = child_participant (child);

  if (p == NULL || self->item == NULL || self->meeting == NULL)
    return;
  record_movement (self, p);
}

static gboolean
on_participants_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                     RefLiveView *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->decision_editor));
      return TRUE;
    }
  return FALSE;
}

GtkWidget *
ref_live_view_get_participant_widget (RefLiveView *self, RefParticipant *participant)
{
  g_return_val_if_fail (REF_IS_LIVE_VIEW (self), NULL);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->participant_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_FLOW_BOX_CHILD (c) && child_participant (GTK_FLOW_BOX_CHILD (c)) == participant)
      return c;
  return NULL;
}

/* ---- substitutes ---- */

static void
on_substitute_response (RefSubstituteDialog *dialog, const char *response, RefLiveView *self)
{
  g_autofree char *name = NULL;
  RefParticipant *member;
  RefHistory *history;
  g_autoptr (GDateTime) now = NULL;
  guint position;
  gboolean from_start;
  int time;

  if (g_strcmp0 (response, "add") != 0 || self->meeting == NULL)
    return;
  member = ref_substitute_dialog_get_member (dialog);
  name = g_strstrip (g_strdup (ref_substitute_dialog_get_name (dialog)));
  if (member == NULL || *name == '\0')
    return;
  now = local_now (self);
  time = ref_meeting_time_of_day (now);
  position = item_position (self);
  /* At the first item with nothing written yet, the substitute is there from the
   * start; later, they arrive now. */
  from_start = position == 0 && !during_current_item (self);
  history = ref_meeting_get_history (self->meeting);
  ref_history_begin_group (history);
  if (ref_substitute_dialog_get_member_leaves (dialog) && self->item != NULL)
    ref_meeting_record_movement (self->meeting, member, REF_MOVEMENT_KIND_LEFT, self->item,
                                 during_current_item (self), time);
  ref_meeting_add_substitute (self->meeting, name, ref_substitute_dialog_get_party (dialog), member,
                              from_start ? NULL : self->item, during_current_item (self), time);
  ref_history_end_group (history);
  {
    /* TRANSLATORS: "Sofie Jensen stands in for Anna Hansen" */
    g_autofree char *message = g_strdup_printf (_("%s stands in for %s"), name, ref_participant_get_name (member));
    toast (self, message, TRUE);
  }
  gtk_widget_grab_focus (GTK_WIDGET (self->decision_editor));
}

/* ---- actions ---- */

static void
go_to_position (RefLiveView *self, guint position)
{
  g_autoptr (RefAgendaItem) item = NULL;

  if (self->meeting == NULL || position >= ref_meeting_get_n_items (self->meeting))
    return;
  item = g_list_model_get_item (ref_meeting_get_items (self->meeting), position);
  ref_live_view_set_item (self, item);
  gtk_widget_grab_focus (GTK_WIDGET (self->decision_editor));
}

static void
next_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefLiveView *self = REF_LIVE_VIEW (widget);
  guint position = item_position (self);

  if (position != G_MAXUINT)
    go_to_position (self, position + 1);
}

static void
previous_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefLiveView *self = REF_LIVE_VIEW (widget);
  guint position = item_position (self);

  if (position != G_MAXUINT && position > 0)
    go_to_position (self, position - 1);
}

static void
insert_phrase_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  insert_phrase (REF_LIVE_VIEW (widget), g_variant_get_uint32 (parameter));
}

static void
focus_participants_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefLiveView *self = REF_LIVE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* F6 goes between the decision and the participants. Into the list through its
   * own focus handling, so that the arrow keys go on from there. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->participant_box)))
    gtk_widget_grab_focus (GTK_WIDGET (self->decision_editor));
  else
    gtk_widget_child_focus (GTK_WIDGET (self->participant_box), GTK_DIR_TAB_FORWARD);
}

static void
add_substitute_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefLiveView *self = REF_LIVE_VIEW (widget);
  RefSubstituteDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->meeting == NULL)
    return;
  dialog = ref_substitute_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->meeting, self->item);
  g_signal_connect (dialog, "response", G_CALLBACK (on_substitute_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_meeting_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_END_REQUESTED], 0);
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefLiveView *self = REF_LIVE_VIEW (widget);

  if (self->meeting != NULL)
    ref_history_undo (ref_meeting_get_history (self->meeting));
}

/* ---- beginning and end ---- */

void
ref_live_view_begin (RefLiveView *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) wall = NULL;
  GDateTime *start;
  g_autofree char *clock = NULL;

  g_return_if_fail (REF_IS_LIVE_VIEW (self));
  if (self->meeting == NULL)
    return;
  now = local_now (self);
  wall = wall_clock (now);
  clock = g_date_time_format (now, "%H.%M");
  start = ref_meeting_get_start (self->meeting);
  if (ref_meeting_get_end (self->meeting) != NULL)
    {
      /* Back to a meeting that had ended: it goes on. */
      ref_meeting_set_end (self->meeting, NULL);
      toast (self, _("The meeting goes on: its end time is cleared"), TRUE);
    }
  else if (g_object_get_data (G_OBJECT (self->meeting), "ref-live-started") == NULL)
    {
      if (start == NULL || same_day (start, wall))
        {
          g_autofree char *message = g_strdup_printf (_("The meeting started at %s"), clock);

          ref_meeting_set_start (self->meeting, wall);
          toast (self, message, TRUE);
        }
      else
        toast (self, _("The meeting is not dated today: its start time is left as it is"), FALSE);
    }
  /* Leaving live mode for a moment and coming back does not start the meeting
   * again. */
  g_object_set_data (G_OBJECT (self->meeting), "ref-live-started", GINT_TO_POINTER (TRUE));
  if (self->item == NULL && ref_meeting_get_n_items (self->meeting) > 0)
    go_to_position (self, 0);
  update_clock (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->decision_editor));
}

void
ref_live_view_end (RefLiveView *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) wall = NULL;
  GDateTime *start;

  g_return_if_fail (REF_IS_LIVE_VIEW (self));
  if (self->meeting == NULL)
    return;
  now = local_now (self);
  wall = wall_clock (now);
  start = ref_meeting_get_start (self->meeting);
  if (start == NULL || (same_day (start, wall) && g_date_time_compare (wall, start) >= 0))
    {
      ref_history_seal (ref_meeting_get_history (self->meeting));
      ref_meeting_set_end (self->meeting, wall);
    }
}

/* ---- meeting ---- */

static void
on_items_changed (GListModel *items, guint position, guint removed, guint added, RefLiveView *self)
{
  guint current;

  /* The current item was deleted (or its creation undone): go on at its place. */
  if (self->item != NULL && !ref_meeting_find_item_position (self->meeting, self->item, &current))
    {
      guint n = ref_meeting_get_n_items (self->meeting);

      if (n == 0)
        ref_live_view_set_item (self, NULL);
      else
        go_to_position (self, MIN (position, n - 1));
    }
  update_navigation (self);
}

static void
on_meeting_notify (RefMeeting *meeting, GParamSpec *pspec, RefLiveView *self)
{
  update_clock (self);
}

void
ref_live_view_set_meeting (RefLiveView *self, RefMeeting *meeting)
{
  g_return_if_fail (REF_IS_LIVE_VIEW (self));
  g_return_if_fail (meeting == NULL || REF_IS_MEETING (meeting));

  if (self->meeting == meeting)
    return;
  ref_live_view_set_item (self, NULL);
  if (self->meeting != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->meeting, self);
      g_signal_handlers_disconnect_by_data (ref_meeting_get_items (self->meeting), self);
      g_signal_handlers_disconnect_by_data (ref_meeting_get_participants (self->meeting), self);
    }
  g_set_object (&self->meeting, meeting);
  if (meeting != NULL)
    {
      g_signal_connect (meeting, "notify::start", G_CALLBACK (on_meeting_notify), self);
      g_signal_connect (ref_meeting_get_items (meeting), "items-changed", G_CALLBACK (on_items_changed), self);
      g_signal_connect (ref_meeting_get_participants (meeting), "items-changed", G_CALLBACK (on_participants_changed),
                        self);
    }
  rebuild_participants (self);
  if (meeting != NULL && ref_meeting_get_n_items (meeting) > 0)
    go_to_position (self, 0);
  update_item_labels (self);
  update_navigation (self);
  update_clock (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING]);
}

RefMeeting *
ref_live_view_get_meeting (RefLiveView *self)
{
  g_return_val_if_fail (REF_IS_LIVE_VIEW (self), NULL);
  return self->meeting;
}

void
ref_live_view_set_clock (RefLiveView *self, RefLiveClockFunc clock, gpointer user_data)
{
  g_return_if_fail (REF_IS_LIVE_VIEW (self));
  self->clock = clock;
  self->clock_data = user_data;
  update_clock (self);
}

GtkWidget *
ref_live_view_get_decision_editor (RefLiveView *self)
{
  g_return_val_if_fail (REF_IS_LIVE_VIEW (self), NULL);
  return GTK_WIDGET (self->decision_editor);
}

/* ---- GObject ---- */

static void
ref_live_view_map (GtkWidget *widget)
{
  RefLiveView *self = REF_LIVE_VIEW (widget);

  GTK_WIDGET_CLASS (ref_live_view_parent_class)->map (widget);
  update_clock (self);
  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (1, update_clock, self);
}

static void
ref_live_view_unmap (GtkWidget *widget)
{
  RefLiveView *self = REF_LIVE_VIEW (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  GTK_WIDGET_CLASS (ref_live_view_parent_class)->unmap (widget);
}

static void
ref_live_view_dispose (GObject *object)
{
  RefLiveView *self = REF_LIVE_VIEW (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->decision != NULL)
    g_signal_handlers_disconnect_by_data (self->decision, self);
  g_clear_object (&self->decision);
  unwatch_item (self);
  unwatch_participants (self);
  if (self->meeting != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->meeting, self);
      g_signal_handlers_disconnect_by_data (ref_meeting_get_items (self->meeting), self);
      g_signal_handlers_disconnect_by_data (ref_meeting_get_participants (self->meeting), self);
    }
  g_clear_object (&self->meeting);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ref_live_view_parent_class)->dispose (object);
}

static void
ref_live_view_finalize (GObject *object)
{
  RefLiveView *self = REF_LIVE_VIEW (object);

  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->phrases, g_ptr_array_unref);
  G_OBJECT_CLASS (ref_live_view_parent_class)->finalize (object);
}

static void
ref_live_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefLiveView *self = REF_LIVE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MEETING:
      g_value_set_object (value, self->meeting);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_live_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefLiveView *self = REF_LIVE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MEETING:
      ref_live_view_set_meeting (self, g_value_get_object (value));
      break;
    case PROP_ITEM:
      ref_live_view_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_shortcut (GtkShortcutController *controller, guint keyval, GdkModifierType modifiers, const char *action,
              GVariant *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
ref_live_view_class_init (RefLiveViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_live_view_dispose;
  object_class->finalize = ref_live_view_finalize;
  object_class->get_property = ref_live_view_get_property;
  object_class->set_property = ref_live_view_set_property;
  widget_class->map = ref_live_view_map;
  widget_class->unmap = ref_live_view_unmap;

  properties[PROP_MEETING] = g_param_spec_object ("meeting", NULL, NULL, REF_TYPE_MEETING,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, REF_TYPE_AGENDA_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RefLiveView::end-requested:
   *
   * "End Meeting" was chosen: the window leaves live mode (and calls
   * ref_live_view_end()).
   */
  signals[SIGNAL_END_REQUESTED] = g_signal_new ("end-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (REF_TYPE_TEXT_EDITOR);
  /* The template is in the static library's resources: referencing the generated
   * getter keeps the object that registers them. */
  (void) ref_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-live-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, toasts);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, clock_label);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, position_label);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, number_label);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, recommendation_expander);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, recommendation_label);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, outcome_drop_down);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, phrase_box);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, decision_editor);
  gtk_widget_class_bind_template_child (widget_class, RefLiveView, participant_box);

  gtk_widget_class_install_action (widget_class, "live.next-item", NULL, next_item_activated);
  gtk_widget_class_install_action (widget_class, "live.previous-item", NULL, previous_item_activated);
  gtk_widget_class_install_action (widget_class, "live.insert-phrase", "u", insert_phrase_activated);
  gtk_widget_class_install_action (widget_class, "live.focus-participants", NULL, focus_participants_activated);
  gtk_widget_class_install_action (widget_class, "live.add-substitute", NULL, add_substitute_activated);
  gtk_widget_class_install_action (widget_class, "live.end-meeting", NULL, end_meeting_activated);
  gtk_widget_class_install_action (widget_class, "live.undo", NULL, undo_activated);
  gtk_widget_class_set_css_name (widget_class, "ref-live-view");
}

static void
ref_live_view_init (RefLiveView *self)
{
  GtkShortcutController *shortcuts;
  GtkEventController *keys;
  g_autoptr (GtkStringList) outcomes = gtk_string_list_new (NULL);

  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int o = REF_DECISION_OUTCOME_NONE; o <= REF_DECISION_OUTCOME_FORWARDED; o++)
    gtk_string_list_append (outcomes, ref_phrase_outcome_label (o));
  gtk_drop_down_set_model (self->outcome_drop_down, G_LIST_MODEL (outcomes));
  g_signal_connect (self->outcome_drop_down, "notify::selected", G_CALLBACK (on_outcome_selected), self);
  g_signal_connect (self->decision_editor, "notify::text", G_CALLBACK (on_editor_text), self);
  g_signal_connect (self->participant_box, "child-activated", G_CALLBACK (on_participant_activated), self);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->decision_editor), FALSE);

  /* Before the widget with the focus sees the key: the decision field would take
   * Ctrl+Enter and Alt+digits as typing, and the window's Ctrl+Enter adds an item. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (shortcuts), "ref-live-shortcuts");
  add_shortcut (shortcuts, GDK_KEY_Return, GDK_CONTROL_MASK, "live.next-item", NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "live.next-item", NULL);
  add_shortcut (shortcuts, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "live.previous-item", NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Enter, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "live.previous-item", NULL);
  add_shortcut (shortcuts, GDK_KEY_F6, 0, "live.focus-participants", NULL);
  add_shortcut (shortcuts, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "live.add-substitute", NULL);
  for (guint i = 0; i < REF_PHRASES_N_SHORTCUTS; i++)
    {
      add_shortcut (shortcuts, GDK_KEY_1 + i, GDK_ALT_MASK, "live.insert-phrase", g_variant_new_uint32 (i));
      add_shortcut (shortcuts, GDK_KEY_KP_1 + i, GDK_ALT_MASK, "live.insert-phrase", g_variant_new_uint32 (i));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (shortcuts));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_participants_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->participant_box), keys);

  update_navigation (self);
  update_item_labels (self);
}

GtkWidget *
ref_live_view_new (void)
{
  return g_object_new (REF_TYPE_LIVE_VIEW, NULL);
}
