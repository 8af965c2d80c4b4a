/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-captions.h"
#include "ref-phrases-page.h"
#include "ref-ui-resources.h"
#include "ref-phrases.h"

struct _RefPhrasesPage {
  AdwPreferencesPage parent_instance;

  GtkListBox *list;
  GtkSwitch *spell_switch;

  GSettings *settings;
  GPtrArray *phrases;   /* RefPhrase, as shown */
  GPtrArray *chosen;    /* per phrase: the outcome was chosen, not read from the wording */
  gboolean saving;      /* our own write: do not rebuild the rows under the cursor */
};

G_DEFINE_FINAL_TYPE (RefPhrasesPage, ref_phrases_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The outcomes in the order the drop-down lists them; its position is the value. */
static const RefDecisionOutcome outcome_order[] = {
  REF_DECISION_OUTCOME_NONE,      REF_DECISION_OUTCOME_APPROVED, REF_DECISION_OUTCOME_RECOMMENDED,
  REF_DECISION_OUTCOME_NOTED,     REF_DECISION_OUTCOME_POSTPONED, REF_DECISION_OUTCOME_REJECTED,
  REF_DECISION_OUTCOME_FORWARDED,
};

static void rebuild (RefPhrasesPage *self);

static void
save (RefPhrasesPage *self)
{
  if (self->settings == NULL)
    return;
  self->saving = TRUE;
  ref_phrases_save (self->settings, self->phrases);
  self->saving = FALSE;
}

static guint
row_index (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "ref-phrase-index"));
}

static void
set_outcome_selection (GtkDropDown *drop_down, RefDecisionOutcome outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_order); i++)
    if (outcome_order[i] == outcome)
      gtk_drop_down_set_selected (drop_down, i);
}

static void
on_text_changed (GtkEditable *editable, RefPhrasesPage *self)
{
  guint i = row_index (GTK_WIDGET (editable));
  RefPhrase *phrase = g_ptr_array_index (self->phrases, i);

  g_free (phrase->text);
  phrase->text = g_strdup (gtk_editable_get_text (editable));
  /* A new phrase states its outcome in its wording until one is chosen. */
  if (!GPOINTER_TO_INT (g_ptr_array_index (self->chosen, i)))
    {
      GtkDropDown *drop_down = g_object_get_data (G_OBJECT (editable), "ref-outcome-drop-down");

      phrase->outcome = ref_caption_decision_outcome (phrase->text);
      g_signal_handlers_block_matched (drop_down, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      set_outcome_selection (drop_down, phrase->outcome);
      g_signal_handlers_unblock_matched (drop_down, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
  save (self);
}

static void
on_outcome_selected (GtkDropDown *drop_down, GParamSpec *pspec, RefPhrasesPage *self)
{
  guint i = row_index (GTK_WIDGET (drop_down));
  RefPhrase *phrase = g_ptr_array_index (self->phrases, i);
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected >= G_N_ELEMENTS (outcome_order))
    return;
  phrase->outcome = outcome_order[selected];
  self->chosen->pdata[i] = GINT_TO_POINTER (TRUE);
  save (self);
}

static void
on_remove_clicked (GtkButton *button, RefPhrasesPage *self)
{
  guint i = row_index (GTK_WIDGET (button));

  g_ptr_array_remove_index (self->phrases, i);
  g_ptr_array_remove_index (self->chosen, i);
  save (self);
  rebuild (self);
}

static void
on_move_up_clicked (GtkButton *button, RefPhrasesPage *self)
{
  guint i = row_index (GTK_WIDGET (button));
  gpointer tmp;

  if (i == 0)
    return;
  tmp = self->phrases->pdata[i - 1];
  self->phrases->pdata[i - 1] = self->phrases->pdata[i];
  self->phrases->pdata[i] = tmp;
  tmp = self->chosen->pdata[i - 1];
  self->chosen->pdata[i - 1] = self->chosen->pdata[i];
  self->chosen->pdata[i] = tmp;
  save (self);
  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (ref_phrases_page_get_row (self, i - 1)));
}

static GtkWidget *
icon_button (const char *icon, const char *tooltip, guint index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "ref-phrase-index", GUINT_TO_POINTER (index));
  return button;
}

static GtkWidget *
phrase_row (RefPhrasesPage *self, guint i)
{
  RefPhrase *phrase = g_ptr_array_index (self->phrases, i);
  GtkWidget *row = adw_entry_row_new ();
  g_autoptr (GtkStringList) outcomes = gtk_string_list_new (NULL);
  GtkWidget *drop_down;
  GtkWidget *button;
  g_autofree char *title = i < REF_PHRASES_N_SHORTCUTS
                               /* TRANSLATORS: a standard phrase's row; %u is its number and key */
                               ? g_strdup_printf (_("Phrase %u · Alt+%u"), i + 1, i + 1)
                               : g_strdup_printf (_("Phrase %u"), i + 1);

  for (guint k = 0; k < G_N_ELEMENTS (outcome_order); k++)
    gtk_string_list_append (outcomes, ref_phrase_outcome_label (outcome_order[k]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), phrase->text);
  g_object_set_data (G_OBJECT (row), "ref-phrase-index", GUINT_TO_POINTER (i));

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&outcomes)), NULL);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, _("What the phrase decides"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the phrase decides"), -1);
  g_object_set_data (G_OBJECT (drop_down), "ref-phrase-index", GUINT_TO_POINTER (i));
  set_outcome_selection (GTK_DROP_DOWN (drop_down), phrase->outcome);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_outcome_selected), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), drop_down);
  g_object_set_data (G_OBJECT (row), "ref-outcome-drop-down", drop_down);

  button = icon_button ("go-up-symbolic", _("Move Up"), i);
  gtk_widget_set_sensitive (button, i > 0);
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_up_clicked), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  button = icon_button ("user-trash-symbolic", _("Remove Phrase"), i);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  g_signal_connect (row, "changed", G_CALLBACK (on_text_changed), self);
  return row;
}

static void
rebuild (RefPhrasesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->phrases->len; i++)
    gtk_list_box_append (self->list, phrase_row (self, i));
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->phrases->len > 0);
}

static void
reload (RefPhrasesPage *self)
{
  g_clear_pointer (&self->phrases, g_ptr_array_unref);
  self->phrases = ref_phrases_load (self->settings);
  g_ptr_array_set_size (self->chosen, 0);
  /* Phrases already saved keep the outcome they have, even if their wording says
   * another. */
  for (guint i = 0; i < self->phrases->len; i++)
    g_ptr_array_add (self->chosen, GINT_TO_POINTER (TRUE));
  rebuild (self);
}

static void
on_settings_changed (GSettings *settings, const char *key, RefPhrasesPage *self)
{
  if (!self->saving)
    reload (self);
}

static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefPhrasesPage *self = REF_PHRASES_PAGE (widget);

  g_ptr_array_add (self->phrases, ref_phrase_new ("", REF_DECISION_OUTCOME_NONE));
  g_ptr_array_add (self->chosen, GINT_TO_POINTER (FALSE));
  save (self);
  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (ref_phrases_page_get_row (self, self->phrases->len - 1)));
}

static void
restore_defaults_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefPhrasesPage *self = REF_PHRASES_PAGE (widget);

  if (self->settings == NULL)
    return;
  self->saving = TRUE;
  g_settings_reset (self->settings, REF_PHRASES_KEY);
  self->saving = FALSE;
  reload (self);
}

AdwEntryRow *
ref_phrases_page_get_row (RefPhrasesPage *self, guint index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (REF_IS_PHRASES_PAGE (self), NULL);
  row = gtk_list_box_get_row_at_index (self->list, (int) index);
  return row ? ADW_ENTRY_ROW (row) : NULL;
}

static void
ref_phrases_page_constructed (GObject *object)
{
  RefPhrasesPage *self = REF_PHRASES_PAGE (object);

  G_OBJECT_CLASS (ref_phrases_page_parent_class)->constructed (object);
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "spell-checking", self->spell_switch, "active", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect (self->settings, "changed::" REF_PHRASES_KEY, G_CALLBACK (on_settings_changed), self);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  reload (self);
}

static void
ref_phrases_page_dispose (GObject *object)
{
  RefPhrasesPage *self = REF_PHRASES_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ref_phrases_page_parent_class)->dispose (object);
}

static void
ref_phrases_page_finalize (GObject *object)
{
  RefPhrasesPage *self = REF_PHRASES_PAGE (object);

  g_clear_pointer (&self->phrases, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  G_OBJECT_CLASS (ref_phrases_page_parent_class)->finalize (object);
}

static void
ref_phrases_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefPhrasesPage *self = REF_PHRASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_phrases_page_class_init (RefPhrasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ref_phrases_page_constructed;
  object_class->dispose = ref_phrases_page_dispose;
  object_class->finalize = ref_phrases_page_finalize;
  object_class->set_property = ref_phrases_page_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template is in the static library's resources: referencing the generated
   * getter keeps the object that registers them. */
  (void) ref_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-phrases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RefPhrasesPage, list);
  gtk_widget_class_bind_template_child (widget_class, RefPhrasesPage, spell_switch);
  gtk_widget_class_install_action (widget_class, "phrases.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "phrases.restore-defaults", NULL, restore_defaults_activated);
}

static void
ref_phrases_page_init (RefPhrasesPage *self)
{
  self->chosen = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ref_phrases_page_new (GSettings *settings)
{
  return g_object_new (REF_TYPE_PHRASES_PAGE, "settings", settings, NULL);
}
