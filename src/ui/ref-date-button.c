/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-date-button.h"
#include "ref-widget-util.h"

struct _RefDateButton {
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkPopover *popover;
  GtkCalendar *calendar;
  GtkButton *clear_button;

  GDateTime *date;
  gboolean syncing; /* the calendar is being set to the date */
};

G_DEFINE_FINAL_TYPE (RefDateButton, ref_date_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_date (RefDateButton *self)
{
  if (self->date != NULL)
    {
      /* TRANSLATORS: g_date_time_format() format of the meeting date: "Tuesday, May 6, 2025" */
      g_autofree char *label = g_date_time_format (self->date, _("%A, %B %-d, %Y"));
      /* The calendar works in local time; noon keeps the day whatever the zone. */
      g_autoptr (GDateTime) noon = g_date_time_new_local (g_date_time_get_year (self->date),
                                                          g_date_time_get_month (self->date),
                                                          g_date_time_get_day_of_month (self->date), 12, 0, 0);

      gtk_menu_button_set_label (self->button, label);
      self->syncing = TRUE;
      gtk_calendar_select_day (self->calendar, noon);
      self->syncing = FALSE;
    }
  else
    gtk_menu_button_set_label (self->button, _("No Date"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), self->date != NULL);
}

GDateTime *
ref_date_button_get_date (RefDateButton *self)
{
  g_return_val_if_fail (REF_IS_DATE_BUTTON (self), NULL);
  return self->date;
}

void
ref_date_button_set_date (RefDateButton *self, GDateTime *date)
{
  g_return_if_fail (REF_IS_DATE_BUTTON (self));

  if (self->date == date || (self->date && date && g_date_time_equal (self->date, date)))
    return;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date ? g_date_time_ref (date) : NULL;
  show_date (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/* Month and year navigation does not select a day: this is a real pick. */
static void
on_day_selected (GtkCalendar *calendar, RefDateButton *self)
{
  g_autoptr (GDateTime) picked = NULL;
  g_autoptr (GDateTime) day = NULL;
  int year, month, d;

  if (self->syncing)
    return;
  picked = gtk_calendar_get_date (calendar);
  g_date_time_get_ymd (picked, &year, &month, &d);
  day = g_date_time_new_utc (year, month, d, 0, 0, 0);
  ref_date_button_set_date (self, day);
  gtk_popover_popdown (self->popover);
}

static void
on_clear_clicked (GtkButton *button, RefDateButton *self)
{
  ref_date_button_set_date (self, NULL);
  gtk_popover_popdown (self->popover);
}

GtkWidget *
ref_date_button_get_calendar (RefDateButton *self)
{
  g_return_val_if_fail (REF_IS_DATE_BUTTON (self), NULL);
  return GTK_WIDGET (self->calendar);
}

void
ref_date_button_popup (RefDateButton *self)
{
  g_return_if_fail (REF_IS_DATE_BUTTON (self));
  gtk_menu_button_popup (self->button);
}

static gboolean
ref_date_button_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (REF_DATE_BUTTON (widget)->button));
}

static void
ref_date_button_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REF_TYPE_DATE_BUTTON);
  ref_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (ref_date_button_parent_class)->dispose (object);
}

static void
ref_date_button_finalize (GObject *object)
{
  g_clear_pointer (&REF_DATE_BUTTON (object)->date, g_date_time_unref);
  G_OBJECT_CLASS (ref_date_button_parent_class)->finalize (object);
}

static void
ref_date_button_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, REF_DATE_BUTTON (object)->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_date_button_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DATE:
      ref_date_button_set_date (REF_DATE_BUTTON (object), g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_date_button_class_init (RefDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_date_button_dispose;
  object_class->finalize = ref_date_button_finalize;
  object_class->get_property = ref_date_button_get_property;
  object_class->set_property = ref_date_button_set_property;
  widget_class->grab_focus = ref_date_button_grab_focus;

  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-date-button.ui");
  gtk_widget_class_bind_template_child (widget_class, RefDateButton, button);
  gtk_widget_class_bind_template_child (widget_class, RefDateButton, popover);
  gtk_widget_class_bind_template_child (widget_class, RefDateButton, calendar);
  gtk_widget_class_bind_template_child (widget_class, RefDateButton, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_date_button_init (RefDateButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_date (self);
}

GtkWidget *
ref_date_button_new (void)
{
  return g_object_new (REF_TYPE_DATE_BUTTON, NULL);
}
