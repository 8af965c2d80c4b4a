/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ref-format.h"
#include "ref-model.h"
#include "ref-search-bar.h"
#include "ref-widget-util.h"

struct _RefSearchBar {
  GtkWidget parent_instance;

  GtkSearchBar *search_bar;
  GtkSearchEntry *entry;

  GtkCustomFilter *filter;
};

G_DEFINE_FINAL_TYPE (RefSearchBar, ref_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
append_text (GString *out, const RefText *text)
{
  g_autofree char *plain = text ? ref_text_to_plain (text) : NULL;

  if (plain)
    g_string_append_printf (out, "\n%s", plain);
}

/* Everything of an item that the search looks in. */
static char *
item_search_text (RefAgendaItem *item)
{
  GString *out = g_string_new (NULL);
  GListModel *list = ref_agenda_item_get_sections (item);
  RefRecommendation *rec = ref_agenda_item_get_recommendation (item);

  g_string_append_printf (out, "%u %s\n%s", ref_agenda_item_get_number (item), ref_agenda_item_get_title (item),
                          ref_agenda_item_get_case_number (item));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (list, i);
      g_string_append_printf (out, "\n%s", ref_section_get_display_heading (section));
      append_text (out, ref_section_get_text (section));
    }
  if (rec != NULL)
    {
      g_string_append_printf (out, "\n%s %s", ref_recommendation_get_by (rec), ref_recommendation_get_intro (rec));
      append_text (out, ref_recommendation_get_text (rec));
    }
  list = ref_agenda_item_get_decisions (item);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RefDecision) d = g_list_model_get_item (list, i);
      g_autofree char *plain = ref_format_decision_plain (d);
      g_string_append_printf (out, "\n%s\n%s", ref_decision_get_deciding_body (d), plain);
    }
  return g_string_free (out, FALSE);
}

static gboolean
filter_item (gpointer object, gpointer user_data)
{
  RefSearchBar *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *needle = NULL;
  g_autofree char *text = NULL;
  g_autofree char *haystack = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  needle = g_utf8_casefold (query, -1);
  text = item_search_text (object);
  haystack = g_utf8_casefold (text, -1);
  return strstr (haystack, needle) != NULL;
}

static void
on_search_changed (GtkSearchEntry *entry, RefSearchBar *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GtkFilter *
ref_search_bar_get_filter (RefSearchBar *self)
{
  g_return_val_if_fail (REF_IS_SEARCH_BAR (self), NULL);
  return GTK_FILTER (self->filter);
}

void
ref_search_bar_set_query (RefSearchBar *self, const char *query)
{
  g_return_if_fail (REF_IS_SEARCH_BAR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), query ? query : "");
  /* At once, not after the entry's typing delay. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
ref_search_bar_start (RefSearchBar *self)
{
  g_return_if_fail (REF_IS_SEARCH_BAR (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
ref_search_bar_dispose (GObject *object)
{
  RefSearchBar *self = REF_SEARCH_BAR (object);

  /* The agenda's filter model may outlive the bar: it then shows everything. */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_SEARCH_BAR);
  ref_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (ref_search_bar_parent_class)->dispose (object);
}

static void
ref_search_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefSearchBar *self = REF_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_search_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefSearchBar *self = REF_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_changed (GtkSearchBar *bar, GParamSpec *pspec, RefSearchBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

static void
ref_search_bar_class_init (RefSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_search_bar_dispose;
  object_class->get_property = ref_search_bar_get_property;
  object_class->set_property = ref_search_bar_set_property;

  properties[PROP_SEARCH_MODE_ENABLED]
      = g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RefSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RefSearchBar, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_search_bar_init (RefSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_changed), self);
}

GtkWidget *
ref_search_bar_new (void)
{
  return g_object_new (REF_TYPE_SEARCH_BAR, NULL);
}
