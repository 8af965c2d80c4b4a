/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-read-only.h"
#include "ref-scroll-guard.h"
#include "ref-vote-editor.h"
#include "ref-widget-util.h"

struct _RefVoteEditor {
  GtkWidget parent_instance;

  GtkListBox *list;
  AdwActionRow *counts_row;
  GtkSpinButton *for_spin;
  GtkSpinButton *against_spin;
  GtkSpinButton *abstain_spin;
  AdwEntryRow *add_voter_row;
  GtkMenuButton *participants_button;
  AdwEntryRow *outcome_row;

  RefDecision *decision;
  RefMeeting *meeting;  /* not owned: the window holds it */
  RefAgendaItem *item;  /* not owned */
  GPtrArray *voter_rows; /* the rows between the counts and the add row, in order */
  guint rebuild_source;
  GMenu *participants_menu;
  gboolean syncing; /* widgets are being set from the model */
  gboolean locked;
};

G_DEFINE_FINAL_TYPE (RefVoteEditor, ref_vote_editor, GTK_TYPE_WIDGET)

/* The choices as the drop-downs list them, in RefVoteChoice order. */
static const char *const choice_labels[] = { N_("For"), N_("Against"), N_("Abstained") };

/* ---- a vote being edited ---- */

typedef struct {
  int counts[3];
  GPtrArray *names; /* char * */
  GArray *choices;  /* RefVoteChoice */
  char *outcome;
} Draft;

static void
draft_init (Draft *d, const RefVote *vote)
{
  d->names = g_ptr_array_new_with_free_func (g_free);
  d->choices = g_array_new (FALSE, FALSE, sizeof (RefVoteChoice));
  for (int c = 0; c < 3; c++)
    d->counts[c] = vote ? ref_vote_get_count (vote, c) : -1;
  for (guint i = 0; vote && i < ref_vote_get_n_voters (vote); i++)
    {
      RefVoteChoice choice;
      const char *name = ref_vote_get_voter (vote, i, &choice);

      g_ptr_array_add (d->names, g_strdup (name));
      g_array_append_val (d->choices, choice);
    }
  d->outcome = g_strdup (vote ? ref_vote_get_outcome (vote) : "");
}

static void
draft_clear (Draft *d)
{
  g_ptr_array_unref (d->names);
  g_array_unref (d->choices);
  g_free (d->outcome);
}

static int
draft_tally (const Draft *d, RefVoteChoice choice)
{
  int n = 0;

  for (guint i = 0; i < d->choices->len; i++)
    n += g_array_index (d->choices, RefVoteChoice, i) == choice;
  return n;
}

/* After the voters changed: a count that agreed with the named voters (or was not
 * recorded) follows them; one typed differently by hand stays. */
static void
draft_follow_voters (Draft *d, const int old_tally[3])
{
  for (int c = 0; c < 3; c++)
    {
      int tally = draft_tally (d, c);

      if (d->counts[c] == old_tally[c] || (d->counts[c] < 0 && tally > 0))
        d->counts[c] = tally > 0 || d->counts[c] >= 0 ? tally : -1;
    }
}

/* (transfer full) (nullable): no counts, voters or outcome is no vote at all. */
static RefVote *
draft_to_vote (const Draft *d)
{
  RefVote *vote;

  if (d->counts[0] <= 0 && d->counts[1] <= 0 && d->counts[2] <= 0 && d->names->len == 0 && *d->outcome == '\0')
    return NULL;
  vote = ref_vote_new (d->counts[0], d->counts[1], d->counts[2]);
  for (guint i = 0; i < d->names->len; i++)
    ref_vote_add_voter (vote, g_array_index (d->choices, RefVoteChoice, i), g_ptr_array_index (d->names, i));
  ref_vote_set_outcome (vote, d->outcome);
  return vote;
}

/* Typing the outcome merges into one undo step, as typing does everywhere; adding,
 * removing or changing a voter and stepping a count are steps of their own, even in
 * quick succession (they are all changes of the one "vote" property). */
static void
commit (RefVoteEditor *self, const Draft *d, gboolean own_step)
{
  g_autoptr (RefVote) vote = draft_to_vote (d);
  RefHistory *history = own_step ? ref_history_for_object (self->decision) : NULL;

  if (self->decision == NULL)
    return;
  if (history != NULL)
    ref_history_seal (history);
  ref_decision_set_vote (self->decision, vote);
  if (history != NULL)
    ref_history_seal (history);
}

/* ---- voters ---- */

static void schedule_rebuild (RefVoteEditor *self);

static void
on_voter_choice (GtkDropDown *drop_down, GParamSpec *pspec, RefVoteEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "ref-voter-index"));
  guint choice = gtk_drop_down_get_selected (drop_down);
  int tally[3];
  Draft d;

  if (self->syncing || self->decision == NULL || choice > REF_VOTE_CHOICE_ABSTAIN)
    return;
  draft_init (&d, ref_decision_get_vote (self->decision));
  if (index < d.choices->len && g_array_index (d.choices, RefVoteChoice, index) != choice)
    {
      for (int c = 0; c < 3; c++)
        tally[c] = draft_tally (&d, c);
      g_array_index (d.choices, RefVoteChoice, index) = choice;
      draft_follow_voters (&d, tally);
      commit (self, &d, TRUE);
    }
  draft_clear (&d);
}

static void
on_remove_voter (GtkButton *button, RefVoteEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ref-voter-index"));
  int tally[3];
  Draft d;

  if (self->decision == NULL)
    return;
  draft_init (&d, ref_decision_get_vote (self->decision));
  if (index < d.names->len)
    {
      for (int c = 0; c < 3; c++)
        tally[c] = draft_tally (&d, c);
      g_ptr_array_remove_index (d.names, index);
      g_array_remove_index (d.choices, index);
      draft_follow_voters (&d, tally);
      commit (self, &d, TRUE);
    }
  draft_clear (&d);
}

static GtkWidget *
voter_row (RefVoteEditor *self, const char *name, RefVoteChoice choice, guint index)
{
  GtkWidget *row = adw_action_row_new ();
  const char *labels[G_N_ELEMENTS (choice_labels) + 1] = { NULL };
  GtkWidget *drop_down;
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* TRANSLATORS: accessible name of a voter's choice, "How Johan Müller (A) voted" */
  g_autofree char *how = g_strdup_printf (_("How %s voted"), name);
  /* TRANSLATORS: the remove button of a voter, "Remove Johan Müller (A)" */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);

  for (gsize i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    labels[i] = _(choice_labels[i]);
  drop_down = gtk_drop_down_new_from_strings (labels);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), choice);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, how, -1);
  g_object_set_data (G_OBJECT (drop_down), "ref-voter-index", GUINT_TO_POINTER (index));
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_voter_choice), self);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Voter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "ref-voter-index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_voter), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "ref-choice", drop_down);
  return row;
}

static void
rebuild_voters (RefVoteEditor *self)
{
  RefVote *vote = self->decision ? ref_decision_get_vote (self->decision) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean focus_lost = FALSE;

  for (guint i = 0; i < self->voter_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->voter_rows, i);

      focus_lost |= focus != NULL && gtk_widget_is_ancestor (focus, row);
      gtk_list_box_remove (self->list, row);
    }
  g_ptr_array_set_size (self->voter_rows, 0);
  for (guint i = 0; vote != NULL && i < ref_vote_get_n_voters (vote); i++)
    {
      RefVoteChoice choice;
      const char *name = ref_vote_get_voter (vote, i, &choice);
      GtkWidget *row = voter_row (self, name, choice, i);

      gtk_list_box_insert (self->list, row, (int) i + 1);
      g_ptr_array_add (self->voter_rows, row);
    }
  /* A removed row had the focus: keep the keyboard in the vote. */
  if (focus_lost)
    gtk_widget_grab_focus (GTK_WIDGET (self->add_voter_row));
  if (self->locked)
    ref_read_only_apply (GTK_WIDGET (self), TRUE);
}

static gboolean
rebuild_idle (gpointer data)
{
  RefVoteEditor *self = data;

  self->rebuild_source = 0;
  rebuild_voters (self);
  return G_SOURCE_REMOVE;
}

/* From idle: the change usually comes from a row's own button or drop-down. */
static void
schedule_rebuild (RefVoteEditor *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle, self);
}

/* Whether the rows show the voters of @vote, names in order. */
static gboolean
rows_match (RefVoteEditor *self, const RefVote *vote)
{
  guint n = vote ? ref_vote_get_n_voters (vote) : 0;

  if (n != self->voter_rows->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (self->voter_rows, i);
      if (g_strcmp0 (adw_preferences_row_get_title (row), ref_vote_get_voter (vote, i, NULL)) != 0)
        return FALSE;
    }
  return TRUE;
}

void
ref_vote_editor_add_voter (RefVoteEditor *self, const char *name, RefVoteChoice choice)
{
  g_autofree char *stripped = NULL;
  int tally[3];
  Draft d;

  g_return_if_fail (REF_IS_VOTE_EDITOR (self));
  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (self->decision == NULL || *stripped == '\0')
    return;
  draft_init (&d, ref_decision_get_vote (self->decision));
  for (int c = 0; c < 3; c++)
    tally[c] = draft_tally (&d, c);
  g_ptr_array_add (d.names, g_steal_pointer (&stripped));
  g_array_append_val (d.choices, choice);
  draft_follow_voters (&d, tally);
  commit (self, &d, TRUE);
  draft_clear (&d);
}

static void
on_add_voter_apply (AdwEntryRow *row, RefVoteEditor *self)
{
  ref_vote_editor_add_voter (self, gtk_editable_get_text (GTK_EDITABLE (row)), REF_VOTE_CHOICE_FOR);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* ---- choosing voters from the participants ---- */

/* The members and substitutes present for the item who have not voted yet, by the
 * name the minutes print ("Johan Müller (A)"). (transfer full) */
static GPtrArray *
eligible_voters (RefVoteEditor *self)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) absent = NULL;
  GListModel *participants;
  RefVote *vote = self->decision ? ref_decision_get_vote (self->decision) : NULL;

  if (self->meeting == NULL)
    return names;
  participants = ref_meeting_get_participants (self->meeting);
  absent = self->item ? ref_meeting_compute_absent (self->meeting, self->item) : g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *name = NULL;
      gboolean voted = FALSE;

      if (!ref_participant_approves_minutes (p) || g_ptr_array_find (absent, p, NULL))
        continue;
      name = ref_participant_format (p, FALSE);
      for (guint v = 0; vote != NULL && v < ref_vote_get_n_voters (vote) && !voted; v++)
        {
          const char *voter = ref_vote_get_voter (vote, v, NULL);
          voted = g_str_equal (voter, name) || g_str_equal (voter, ref_participant_get_name (p));
        }
      if (!voted)
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  return names;
}

static void
add_voter_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_vote_editor_add_voter (REF_VOTE_EDITOR (widget), g_variant_get_string (parameter, NULL), REF_VOTE_CHOICE_FOR);
}

/* Everyone present who has not voted yet, voting for: the usual case, after which the
 * secretary changes the few who voted against or abstained. One undo step. */
static void
add_present_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefVoteEditor *self = REF_VOTE_EDITOR (widget);
  g_autoptr (GPtrArray) names = eligible_voters (self);
  RefVoteChoice choice = REF_VOTE_CHOICE_FOR;
  int tally[3];
  Draft d;

  if (self->decision == NULL || names->len == 0)
    return;
  draft_init (&d, ref_decision_get_vote (self->decision));
  for (int c = 0; c < 3; c++)
    tally[c] = draft_tally (&d, c);
  for (guint i = 0; i < names->len; i++)
    {
      g_ptr_array_add (d.names, g_strdup (g_ptr_array_index (names, i)));
      g_array_append_val (d.choices, choice);
    }
  draft_follow_voters (&d, tally);
  commit (self, &d, TRUE);
  draft_clear (&d);
}

/* The participants menu lists who may still be added. Kept as one model that is
 * refilled, not replaced: a menu button whose popover is swapped while it opens may
 * not open at all. */
static void
refill_participants_menu (RefVoteEditor *self)
{
  g_autoptr (GPtrArray) names = eligible_voters (self);
  g_autoptr (GMenu) people = g_menu_new ();
  g_autoptr (GMenu) all = g_menu_new ();

  g_menu_remove_all (self->participants_menu);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (g_ptr_array_index (names, i), NULL);
      g_menu_item_set_action_and_target_value (item, "vote.add-voter", g_variant_new_string (g_ptr_array_index (names, i)));
      g_menu_append_item (people, item);
    }
  if (names->len == 0)
    {
      g_autoptr (GMenuItem) none = g_menu_item_new (_("Every member present has voted"), "vote.nothing");
      g_menu_append_item (people, none);
    }
  g_menu_append_section (self->participants_menu, _("Members Present"), G_MENU_MODEL (people));
  if (names->len > 0)
    {
      g_menu_append (all, _("Add Everyone Left as Voting For"), "vote.add-present");
      g_menu_append_section (self->participants_menu, NULL, G_MENU_MODEL (all));
    }
}

/* Attendance may have changed since: fill it again as it opens. */
static void
on_participants_popover_show (GtkPopover *popover, RefVoteEditor *self)
{
  refill_participants_menu (self);
}

/* ---- counts and outcome ---- */

static GtkSpinButton *
count_spin (RefVoteEditor *self, RefVoteChoice choice)
{
  GtkSpinButton *spins[] = { self->for_spin, self->against_spin, self->abstain_spin };

  return spins[choice];
}

GtkWidget *
ref_vote_editor_get_count_spin (RefVoteEditor *self, RefVoteChoice choice)
{
  g_return_val_if_fail (REF_IS_VOTE_EDITOR (self) && choice <= REF_VOTE_CHOICE_ABSTAIN, NULL);
  return GTK_WIDGET (count_spin (self, choice));
}

static void
on_count_changed (GtkSpinButton *spin, RefVoteEditor *self)
{
  Draft d;

  if (self->syncing || self->decision == NULL)
    return;
  draft_init (&d, ref_decision_get_vote (self->decision));
  for (int c = 0; c < 3; c++)
    if (count_spin (self, c) == spin)
      d.counts[c] = gtk_spin_button_get_value_as_int (spin);
  commit (self, &d, TRUE);
  draft_clear (&d);
}

static void
on_outcome_changed (GtkEditable *editable, RefVoteEditor *self)
{
  Draft d;

  if (self->syncing || self->decision == NULL)
    return;
  draft_init (&d, ref_decision_get_vote (self->decision));
  g_free (d.outcome);
  d.outcome = g_strdup (gtk_editable_get_text (editable));
  commit (self, &d, FALSE);
  draft_clear (&d);
}

/* The model's vote, shown: after every edit, and after undo and redo. */
static void
show_vote (RefVoteEditor *self)
{
  RefVote *vote = self->decision ? ref_decision_get_vote (self->decision) : NULL;
  const char *outcome = vote ? ref_vote_get_outcome (vote) : "";

  self->syncing = TRUE;
  for (int c = 0; c < 3; c++)
    {
      int count = vote ? ref_vote_get_count (vote, c) : -1;
      gtk_spin_button_set_value (count_spin (self, c), MAX (count, 0));
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->outcome_row)), outcome) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->outcome_row), outcome);
  if (rows_match (self, vote))
    for (guint i = 0; i < self->voter_rows->len; i++)
      {
        RefVoteChoice choice;
        GtkDropDown *drop_down = g_object_get_data (g_ptr_array_index (self->voter_rows, i), "ref-choice");

        ref_vote_get_voter (vote, i, &choice);
        gtk_drop_down_set_selected (drop_down, choice);
      }
  else
    schedule_rebuild (self);
  self->syncing = FALSE;
  refill_participants_menu (self);
}

void
ref_vote_editor_set_decision (RefVoteEditor *self, RefDecision *decision, RefMeeting *meeting, RefAgendaItem *item)
{
  g_return_if_fail (REF_IS_VOTE_EDITOR (self));

  if (self->decision != NULL)
    g_signal_handlers_disconnect_by_data (self->decision, self);
  g_set_object (&self->decision, decision);
  self->meeting = meeting;
  self->item = item;
  if (decision != NULL)
    g_signal_connect_swapped (decision, "notify::vote", G_CALLBACK (show_vote), self);
  show_vote (self);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  rebuild_voters (self);
}

void
ref_vote_editor_set_locked (RefVoteEditor *self, gboolean locked)
{
  g_return_if_fail (REF_IS_VOTE_EDITOR (self));
  self->locked = locked;
  ref_read_only_apply (GTK_WIDGET (self), locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vote.add-voter", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vote.add-present", !locked);
}

static void
ref_vote_editor_dispose (GObject *object)
{
  RefVoteEditor *self = REF_VOTE_EDITOR (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->decision != NULL)
    g_signal_handlers_disconnect_by_data (self->decision, self);
  g_clear_object (&self->decision);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_VOTE_EDITOR);
  ref_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (ref_vote_editor_parent_class)->dispose (object);
}

static void
ref_vote_editor_finalize (GObject *object)
{
  g_ptr_array_unref (REF_VOTE_EDITOR (object)->voter_rows);
  g_clear_object (&REF_VOTE_EDITOR (object)->participants_menu);
  G_OBJECT_CLASS (ref_vote_editor_parent_class)->finalize (object);
}

static void
ref_vote_editor_class_init (RefVoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_vote_editor_dispose;
  object_class->finalize = ref_vote_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-vote-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, list);
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, counts_row);
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, for_spin);
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, against_spin);
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, abstain_spin);
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, add_voter_row);
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, participants_button);
  gtk_widget_class_bind_template_child (widget_class, RefVoteEditor, outcome_row);
  gtk_widget_class_bind_template_callback (widget_class, on_count_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_voter_apply);
  gtk_widget_class_install_action (widget_class, "vote.add-voter", "s", add_voter_activated);
  gtk_widget_class_install_action (widget_class, "vote.add-present", NULL, add_present_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_vote_editor_init (RefVoteEditor *self)
{
  self->voter_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  for (int c = 0; c < 3; c++)
    ref_scroll_guard_attach (GTK_WIDGET (count_spin (self, c)));
  self->participants_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->participants_button, G_MENU_MODEL (self->participants_menu));
  if (0) g_signal_connect (gtk_menu_button_get_popover (self->participants_button), "show",
                    G_CALLBACK (on_participants_popover_show), self);
}

GtkWidget *
ref_vote_editor_new (void)
{
  return g_object_new (REF_TYPE_VOTE_EDITOR, NULL);
}
