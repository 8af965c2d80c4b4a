/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "ref-read-only.h"

/* Set on a widget whose editable or sensitive flag ref_read_only_apply() cleared. */
#define READ_ONLY_MARK "ref-read-only-mark"

static gboolean
is_content_control (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || GTK_IS_SWITCH (w) || GTK_IS_CHECK_BUTTON (w)
         || GTK_IS_DROP_DOWN (w) || GTK_IS_SPIN_BUTTON (w) || GTK_IS_SCALE (w) || GTK_IS_CALENDAR (w)
         || ADW_IS_COMBO_ROW (w);
}

static gboolean
is_marked (GtkWidget *w)
{
  return g_object_get_data (G_OBJECT (w), READ_ONLY_MARK) != NULL;
}

static void
set_mark (GtkWidget *w, gboolean mark)
{
  g_object_set_data (G_OBJECT (w), READ_ONLY_MARK, mark ? GINT_TO_POINTER (1) : NULL);
}

/* Clears @w's boolean @property ("editable" of a text view or editable, or
 * "sensitive") for read-only, and afterwards sets it again only where this cleared it. */
static void
apply_flag (GtkWidget *w, const char *property, gboolean read_only)
{
  gboolean value = FALSE;

  g_object_get (w, property, &value, NULL);
  if (read_only && value)
    {
      g_object_set (w, property, FALSE, NULL);
      set_mark (w, TRUE);
    }
  else if (!read_only && is_marked (w))
    {
      g_object_set (w, property, TRUE, NULL);
      set_mark (w, FALSE);
    }
}

static gboolean
has_action (GtkWidget *w)
{
  return GTK_IS_ACTIONABLE (w) && gtk_actionable_get_action_name (GTK_ACTIONABLE (w)) != NULL;
}

void
ref_read_only_apply (GtkWidget *root, gboolean read_only)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_TEXT_VIEW (root) || (GTK_IS_EDITABLE (root) && !GTK_IS_SPIN_BUTTON (root)))
    apply_flag (root, "editable", read_only);
  else if (has_action (root))
    ; /* its action decides */
  else if (is_content_control (root))
    apply_flag (root, "sensitive", read_only);
  else
    for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
      ref_read_only_apply (c, read_only);
}
