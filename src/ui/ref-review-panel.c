/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ref-review-panel.h"
#include "ref-review.h"
#include "ref-widget-util.h"

struct _RefReviewPanel {
  GtkWidget parent_instance;

  GtkLabel *summary;
  GtkListBox *list;

  RefMeeting *meeting;  /* not owned */
  GPtrArray *problems;  /* RefReviewProblem *, as listed */
};

G_DEFINE_FINAL_TYPE (RefReviewPanel, ref_review_panel, GTK_TYPE_WIDGET)

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Removes every row (GTK 4.8 has no gtk_list_box_remove_all). */
static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

void
ref_review_panel_refresh (RefReviewPanel *self)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (REF_IS_REVIEW_PANEL (self));
  clear_list (self->list);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  if (self->meeting == NULL)
    return;
  self->problems = ref_review_check (self->meeting);
  if (self->problems->len == 0)
    summary = g_strdup (_("Nothing to fix: the minutes are ready for approval."));
  else
    summary = g_strdup_printf (ngettext ("%u thing to fix before approval", "%u things to fix before approval",
                                         self->problems->len),
                               self->problems->len);
  gtk_label_set_label (self->summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->problems->len > 0);
  for (guint i = 0; i < self->problems->len; i++)
    {
      RefReviewProblem *problem = g_ptr_array_index (self->problems, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->list, row);
    }
}

guint
ref_review_panel_get_n_problems (RefReviewPanel *self)
{
  g_return_val_if_fail (REF_IS_REVIEW_PANEL (self), 0);
  return self->problems ? self->problems->len : 0;
}

void
ref_review_panel_activate_problem (RefReviewPanel *self, guint index)
{
  RefReviewProblem *problem;

  g_return_if_fail (REF_IS_REVIEW_PANEL (self));
  if (self->problems == NULL || index >= self->problems->len)
    return;
  problem = g_ptr_array_index (self->problems, index);
  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, problem->item);
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, RefReviewPanel *self)
{
  ref_review_panel_activate_problem (self, (guint) gtk_list_box_row_get_index (row));
}

void
ref_review_panel_set_meeting (RefReviewPanel *self, RefMeeting *meeting)
{
  g_return_if_fail (REF_IS_REVIEW_PANEL (self));
  self->meeting = meeting;
  clear_list (self->list);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
}

/* Shown (its popover opened): the meeting as it is now. */
static void
ref_review_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ref_review_panel_parent_class)->map (widget);
  ref_review_panel_refresh (REF_REVIEW_PANEL (widget));
}

static void
ref_review_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REF_TYPE_REVIEW_PANEL);
  ref_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (ref_review_panel_parent_class)->dispose (object);
}

static void
ref_review_panel_finalize (GObject *object)
{
  g_clear_pointer (&REF_REVIEW_PANEL (object)->problems, g_ptr_array_unref);
  G_OBJECT_CLASS (ref_review_panel_parent_class)->finalize (object);
}

static void
ref_review_panel_class_init (RefReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_review_panel_dispose;
  object_class->finalize = ref_review_panel_finalize;
  widget_class->map = ref_review_panel_map;

  /* The item to go to, or NULL for the meeting's header. */
  signals[PROBLEM_ACTIVATED] = g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                             NULL, NULL, G_TYPE_NONE, 1, REF_TYPE_AGENDA_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RefReviewPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, RefReviewPanel, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_review_panel_init (RefReviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ref_review_panel_new (void)
{
  return g_object_new (REF_TYPE_REVIEW_PANEL, NULL);
}
