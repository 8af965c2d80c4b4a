/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-item-row.h"

/* A row of the agenda list: number, title, case number, a lock for closed items and
 * a status badge (decided / no decision yet) that follows the item's decisions. */
struct _RefItemRow {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *number_label;
  GtkLabel *title_label;
  GtkLabel *case_label;
  GtkWidget *closed_icon;
  GtkLabel *badge;

  RefAgendaItem *item;
  GPtrArray *bindings;
  GPtrArray *watched; /* decisions whose changes update the badge */
};

G_DEFINE_FINAL_TYPE (RefItemRow, ref_item_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_badge (RefItemRow *self);

static void
on_decision_changed (GObject *decision, GParamSpec *pspec, RefItemRow *self)
{
  update_badge (self);
}

static void
unwatch_decisions (RefItemRow *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch_decisions (RefItemRow *self)
{
  GListModel *decisions;

  unwatch_decisions (self);
  if (self->item == NULL)
    return;
  decisions = ref_agenda_item_get_decisions (self->item);
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) d = g_list_model_get_item (decisions, i);
      g_signal_connect (d, "notify", G_CALLBACK (on_decision_changed), self);
      g_ptr_array_add (self->watched, g_object_ref (d));
    }
}

static void
update_badge (RefItemRow *self)
{
  gboolean decided = self->item && ref_agenda_item_has_decision (self->item);

  gtk_label_set_label (self->badge, ref_item_row_get_status (self));
  if (decided)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->badge), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "warning");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->badge), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "success");
    }
}

static void
on_decisions_changed (GListModel *list, guint position, guint removed, guint added, RefItemRow *self)
{
  watch_decisions (self);
  update_badge (self);
}

static gboolean
number_to_string (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from)));
  return TRUE;
}

static gboolean
title_or_placeholder (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  const char *title = g_value_get_string (from);

  g_value_set_string (to, title && *title ? title : _("Untitled item"));
  return TRUE;
}

const char *
ref_item_row_get_status (RefItemRow *self)
{
  g_return_val_if_fail (REF_IS_ITEM_ROW (self), NULL);
  return self->item && ref_agenda_item_has_decision (self->item) ? _("Decided") : _("No decision");
}

RefAgendaItem *
ref_item_row_get_item (RefItemRow *self)
{
  g_return_val_if_fail (REF_IS_ITEM_ROW (self), NULL);
  return self->item;
}

void
ref_item_row_set_item (RefItemRow *self, RefAgendaItem *item)
{
  g_return_if_fail (REF_IS_ITEM_ROW (self));

  if (self->item == item)
    return;
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  unwatch_decisions (self);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (ref_agenda_item_get_decisions (self->item), self);
  g_set_object (&self->item, item);

  if (item != NULL)
    {
      g_ptr_array_add (self->bindings, g_object_bind_property_full (item, "number", self->number_label, "label",
                                                                    G_BINDING_SYNC_CREATE, number_to_string, NULL,
                                                                    NULL, NULL));
      g_ptr_array_add (self->bindings, g_object_bind_property_full (item, "title", self->title_label, "label",
                                                                    G_BINDING_SYNC_CREATE, title_or_placeholder,
                                                                    NULL, NULL, NULL));
      /* The sidebar shows one line of the title (a wrapped label costs GTK 4.8 a
       * height-for-width search per row, for the 200 rows a list view makes at once);
       * the whole title is the tooltip. */
      g_ptr_array_add (self->bindings, g_object_bind_property (item, "title", self->title_label, "tooltip-text",
                                                               G_BINDING_SYNC_CREATE));
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (item, "case-number", self->case_label, "label", G_BINDING_SYNC_CREATE));
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (item, "closed", self->closed_icon, "visible", G_BINDING_SYNC_CREATE));
      g_signal_connect (ref_agenda_item_get_decisions (item), "items-changed", G_CALLBACK (on_decisions_changed), self);
      watch_decisions (self);
    }
  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
ref_item_row_dispose (GObject *object)
{
  RefItemRow *self = REF_ITEM_ROW (object);

  ref_item_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_ITEM_ROW);
  G_OBJECT_CLASS (ref_item_row_parent_class)->dispose (object);
}

static void
ref_item_row_finalize (GObject *object)
{
  RefItemRow *self = REF_ITEM_ROW (object);

  g_ptr_array_unref (self->bindings);
  g_ptr_array_unref (self->watched);
  G_OBJECT_CLASS (ref_item_row_parent_class)->finalize (object);
}

static void
ref_item_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, REF_ITEM_ROW (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_item_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      ref_item_row_set_item (REF_ITEM_ROW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_item_row_class_init (RefItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_item_row_dispose;
  object_class->finalize = ref_item_row_finalize;
  object_class->get_property = ref_item_row_get_property;
  object_class->set_property = ref_item_row_set_property;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, REF_TYPE_AGENDA_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RefItemRow, box);
  gtk_widget_class_bind_template_child (widget_class, RefItemRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, RefItemRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RefItemRow, case_label);
  gtk_widget_class_bind_template_child (widget_class, RefItemRow, closed_icon);
  gtk_widget_class_bind_template_child (widget_class, RefItemRow, badge);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_item_row_init (RefItemRow *self)
{
  self->bindings = g_ptr_array_new ();
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ref_item_row_new (void)
{
  return g_object_new (REF_TYPE_ITEM_ROW, NULL);
}
