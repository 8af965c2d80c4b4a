/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ref-format-bar.h"
#include "ref-text-field.h"
#include "ref-widget-util.h"

struct _RefTextField {
  GtkWidget parent_instance;

  RefFormatBar *format_bar;
  GtkFrame *frame;
  RefTextEditor *editor;
};

G_DEFINE_FINAL_TYPE (RefTextField, ref_text_field, GTK_TYPE_WIDGET)

static void
ref_text_field_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REF_TYPE_TEXT_FIELD);
  ref_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (ref_text_field_parent_class)->dispose (object);
}

static void
ref_text_field_class_init (RefTextFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_text_field_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-text-field.ui");
  gtk_widget_class_bind_template_child (widget_class, RefTextField, format_bar);
  gtk_widget_class_bind_template_child (widget_class, RefTextField, frame);
  gtk_widget_class_bind_template_child (widget_class, RefTextField, editor);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ref_text_field_init (RefTextField *self)
{
  g_type_ensure (REF_TYPE_FORMAT_BAR);
  g_type_ensure (REF_TYPE_TEXT_EDITOR);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  ref_format_bar_set_editor (self->format_bar, self->editor);
}

GtkWidget *
ref_text_field_new (void)
{
  return g_object_new (REF_TYPE_TEXT_FIELD, NULL);
}

RefTextEditor *
ref_text_field_get_editor (RefTextField *self)
{
  g_return_val_if_fail (REF_IS_TEXT_FIELD (self), NULL);
  return self->editor;
}

GtkWidget *
ref_text_field_get_format_bar (RefTextField *self)
{
  g_return_val_if_fail (REF_IS_TEXT_FIELD (self), NULL);
  return GTK_WIDGET (self->format_bar);
}

GBinding *
ref_text_field_bind (RefTextField *self, gpointer object, const char *property, const char *label)
{
  GBinding *binding;

  g_return_val_if_fail (REF_IS_TEXT_FIELD (self), NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  binding = g_object_bind_property (object, property, self->editor, "text",
                                    G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  ref_text_editor_set_history (self->editor, ref_history_for_object (object));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return binding;
}

GtkWidget *
ref_text_field_new_bound (gpointer object, const char *property, const char *label)
{
  RefTextField *self = REF_TEXT_FIELD (ref_text_field_new ());

  ref_text_field_bind (self, object, property, label);
  return GTK_WIDGET (self);
}
