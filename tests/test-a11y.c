/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "ref-archive-preferences-page.h"
#include "ref-preferences-window.h"
#include "ref-case-history-panel.h"
#include "ref-item-view.h"
#include "ref-meeting-view.h"
#include "ref-pdf-import.h"
#include "ref-search-window.h"
#include "ref-window.h"
#include "ref-xml.h"
#include "test-certs.h"
#include "test-tmp.h"
#include "test-ui-helpers.h"

/* Accessibility of the window with the sample meeting: every control has an accessible
 * name, and the keyboard reaches every control.
 *
 * Reading the names back. GTK 4.8 has no public getter for accessible properties
 * (gtk_accessible_get_at_context () and friends came later), but it has the testing API
 * of gtktestatcontext.h: gtk_test_accessible_has_property (), _check_property () and
 * _has_relation () read what a widget has told its AT context. They need GTK's "test"
 * accessibility backend, so main () sets GTK_A11Y=test (the ui suite's environment says
 * "none", under which widgets get no AT context at all and nothing can be read).
 *
 * What counts as a name is what GTK 4.8 gives a screen reader: gtk_at_context_get_name ()
 * joins the LABEL property and the names of the LABELLED_BY relation, and nothing else.
 * A tooltip becomes the DESCRIPTION, not the name, and GTK 4.8 computes no name from a
 * widget's content: a button whose only text is a GtkLabel inside a custom child is read
 * as "GtkButton". The usual ways of getting a name all end up in one of the two:
 * gtk_button_set_label () and gtk_check_button_set_label () set LABEL; a GtkMenuButton's
 * label labels its inner button (LABELLED_BY); an AdwEntryRow, AdwActionRow or
 * AdwComboRow is LABELLED_BY its title, and so is the activatable widget of an
 * AdwActionRow; gtk_label_set_mnemonic_widget () makes the target LABELLED_BY the label;
 * <accessibility><property name="label"> in a .ui file and gtk_accessible_update_property ()
 * set LABEL.
 *
 * Composite controls (menu button, drop-down, spin button, entries, split button, combo
 * row) are checked as one control: their inner widgets are the toolkit's. A GtkMenuButton
 * is named by its own LABEL or by its label. (GTK 4.8 does not pass a menu button's
 * accessible label on to the inner toggle button that takes the focus; an icon-only menu
 * button's focused part is therefore unnamed whatever the application does, short of
 * reaching into the menu button's internal child.)
 *
 * Controls already reported as unnamed are listed in known_unnamed[]: they mark the test
 * incomplete instead of failing it (meson counts a TAP "TODO" as a pass; the KNOWN lines
 * are in the test log).
 *
 * Keyboard: the focus is moved through the whole window with gtk_widget_child_focus ()
 * (what Tab and Ctrl+Tab do; Tab inside a text view inserts a tab, Ctrl+Tab leaves it),
 * and every shown, sensitive control must receive it, itself or through its inner
 * widget. A list view counts once (its rows are reached with the arrow keys).
 */

typedef struct {
  GPtrArray *controls;    /* GtkWidget *, the controls found */
  GPtrArray *unnamed;     /* char *, descriptions of controls without a name */
  guint n_problems;       /* what fails the test */
  guint n_known;          /* the gaps of known_unnamed[] that are still there */
} Audit;

/* Controls known to lack a name, reported to be fixed in the widgets' code. A control
 * listed here does not fail the test; the test is marked incomplete (TAP "TODO"), so
 * the gap stays visible in every run. An entry that no longer matches fails the test:
 * delete it once its control is fixed. @what is the start of describe ()'s text. */
static const struct {
  const char *where;
  const char *what;
} known_unnamed[] = {
  /* None left; entries look like { "item page", "RefWindow: GtkButton id=…" }. */
  { NULL, NULL },
};

static void
audit_init (Audit *audit)
{
  audit->controls = g_ptr_array_new ();
  audit->unnamed = g_ptr_array_new_with_free_func (g_free);
  audit->n_problems = audit->n_known = 0;
}

/* One line of the TAP output per finding ("# " lines), so that one run lists all. */
static void
problem (Audit *audit, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (Audit *audit, const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("FAIL: %s", text);
  audit->n_problems++;
}

static void
audit_finish (Audit *audit)
{
  if (audit->n_problems > 0)
    g_test_fail_printf ("%u accessibility problems, listed above", audit->n_problems);
  else if (audit->n_known > 0)
    g_test_incomplete_printf ("%u known controls without an accessible name, listed above", audit->n_known);
  g_clear_pointer (&audit->controls, g_ptr_array_unref);
  g_clear_pointer (&audit->unnamed, g_ptr_array_unref);
}

/* The widgets whose accessible name matters: what the user operates. */
static gboolean
is_control (GtkWidget *w)
{
  return GTK_IS_BUTTON (w)           /* GtkButton, GtkToggleButton, GtkLinkButton */
      || GTK_IS_MENU_BUTTON (w)
      || GTK_IS_SWITCH (w)
      || GTK_IS_CHECK_BUTTON (w)
      || GTK_IS_DROP_DOWN (w)
      || GTK_IS_SCALE (w)
      || GTK_IS_EDITABLE (w)         /* GtkEntry, GtkSearchEntry, GtkSpinButton, GtkText, AdwEntryRow */
      || GTK_IS_TEXT_VIEW (w)        /* RefTextEditor */
      || GTK_IS_LIST_VIEW (w)
      || GTK_IS_COLUMN_VIEW (w)
      || GTK_IS_GRID_VIEW (w)
      || ADW_IS_COMBO_ROW (w)
      || ADW_IS_SPLIT_BUTTON (w)
      /* a row that does something when activated is a button to the user */
      || (GTK_IS_LIST_BOX_ROW (w) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (w))
          && gtk_widget_get_focusable (w));
}

/* Controls made of inner widgets that are the toolkit's business, checked as a whole. */
static gboolean
is_composite (GtkWidget *w)
{
  return GTK_IS_MENU_BUTTON (w)
      || GTK_IS_DROP_DOWN (w)
      || GTK_IS_SPIN_BUTTON (w)
      || GTK_IS_ENTRY (w)
      || GTK_IS_SEARCH_ENTRY (w)
      || GTK_IS_PASSWORD_ENTRY (w)
      || ADW_IS_SPLIT_BUTTON (w)
      || ADW_IS_COMBO_ROW (w);
}

/* Widgets that are hidden from assistive technologies: GTK's own parts (the GtkText
 * inside an entry, the +/− of a spin button). */
static gboolean
is_presentational (GtkWidget *w)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w));

  return role == GTK_ACCESSIBLE_ROLE_NONE || role == GTK_ACCESSIBLE_ROLE_PRESENTATION;
}

/* The LABEL property of @w, if set and not blank. */
static char *
label_property (GtkWidget *w)
{
  GtkAccessible *a = GTK_ACCESSIBLE (w);
  char *label;

  if (!gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  /* _check_property () returns NULL when the value equals the one given, else the value. */
  label = gtk_test_accessible_check_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  if (label != NULL && *g_strstrip (label) == '\0')
    g_clear_pointer (&label, g_free);
  return label;
}

static void
collect_widgets (GPtrArray *all, GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      g_ptr_array_add (all, c);
      collect_widgets (all, c);
    }
}

/* The accessible name GTK 4.8 gives @w (see the top of the file): its LABEL, or the
 * LABEL of the widget it is labelled by. That widget is found among the widgets of the
 * same window by asking whether the relation is exactly it: the testing API compares
 * values but does not return them. NULL when there is no name. */
static char *
accessible_name (GtkWidget *w)
{
  GtkAccessible *a = GTK_ACCESSIBLE (w);
  g_autoptr (GPtrArray) all = NULL;
  char *name;

  if ((name = label_property (w)))
    return name;
  if (!gtk_test_accessible_has_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return NULL;
  all = g_ptr_array_new ();
  collect_widgets (all, GTK_WIDGET (gtk_widget_get_root (w)));
  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *target = g_ptr_array_index (all, i);
      g_autofree char *differs = gtk_test_accessible_check_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY, target, NULL);

      /* An icon-only button is labelled by its image, which has no label: no name. */
      if (differs == NULL)
        return label_property (target);
    }
  /* Labelled by several widgets, or by one outside the window: not resolved here. */
  g_test_message ("%s: labelled by widgets the test cannot resolve; counted as named", G_OBJECT_TYPE_NAME (w));
  return g_strdup ("?");
}

static gboolean
has_accessible_name (GtkWidget *w)
{
  g_autofree char *name = accessible_name (w);

  /* A menu button's label names its inner toggle button, the part that takes focus. */
  if (name == NULL && GTK_IS_MENU_BUTTON (w) && gtk_widget_get_first_child (w))
    name = accessible_name (gtk_widget_get_first_child (w));
  return name != NULL;
}

/* Where a control is, for a human: its template, id, action, icon, tooltip, row. */
static char *
describe (GtkWidget *w)
{
  GString *s = g_string_new (NULL);
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));
  const char *tooltip = gtk_widget_get_tooltip_text (w);

  for (GtkWidget *p = gtk_widget_get_parent (w); p; p = gtk_widget_get_parent (p))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (p), "Ref"))
      {
        g_string_append_printf (s, "%s: ", G_OBJECT_TYPE_NAME (p));
        break;
      }
  g_string_append (s, G_OBJECT_TYPE_NAME (w));
  if (id && g_strcmp0 (id, G_OBJECT_TYPE_NAME (w)) != 0)
    g_string_append_printf (s, " id=%s", id);
  if (GTK_IS_ACTIONABLE (w) && gtk_actionable_get_action_name (GTK_ACTIONABLE (w)))
    g_string_append_printf (s, " action=%s", gtk_actionable_get_action_name (GTK_ACTIONABLE (w)));
  if (GTK_IS_BUTTON (w) && gtk_button_get_icon_name (GTK_BUTTON (w)))
    g_string_append_printf (s, " icon=%s", gtk_button_get_icon_name (GTK_BUTTON (w)));
  if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (w)))
    g_string_append_printf (s, " icon=%s", gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (w)));
  if (tooltip)
    g_string_append_printf (s, " tooltip=\"%s\"", tooltip);
  for (GtkWidget *p = gtk_widget_get_parent (w); p; p = gtk_widget_get_parent (p))
    if (ADW_IS_PREFERENCES_ROW (p))
      {
        g_string_append_printf (s, " in row \"%s\"", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (p)));
        break;
      }
  /* Text the user sees inside it, which GTK 4.8 does not turn into a name. */
  if (GTK_IS_BUTTON (w) && gtk_button_get_child (GTK_BUTTON (w)) && !gtk_button_get_label (GTK_BUTTON (w)))
    {
      GtkWidget *c = gtk_button_get_child (GTK_BUTTON (w));
      GtkWidget *label = GTK_IS_LABEL (c) ? c : NULL;

      for (GtkWidget *d = gtk_widget_get_first_child (c); d && !label; d = gtk_widget_get_next_sibling (d))
        if (GTK_IS_LABEL (d))
          label = d;
      if (label)
        g_string_append_printf (s, " shows \"%s\"", gtk_label_get_text (GTK_LABEL (label)));
    }
  return g_string_free (s, FALSE);
}

/* Collects the shown controls under @root and checks their names. A widget counts as
 * shown when it and its ancestors are visible; popovers that are not open are not. */
static void
audit_names (Audit *audit, GtkWidget *root)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
        continue;
      if (GTK_IS_NATIVE (w) && !gtk_widget_get_mapped (w))
        continue;
      if (is_control (w) && !is_presentational (w))
        {
          g_ptr_array_add (audit->controls, w);
          if (!has_accessible_name (w))
            g_ptr_array_add (audit->unnamed, describe (w));
          if (is_composite (w))
            continue;
        }
      audit_names (audit, w);
    }
}

static gboolean
is_inside (GtkWidget *w, GtkWidget *ancestor)
{
  return w == ancestor || gtk_widget_is_ancestor (w, ancestor);
}

/* Moves the focus forward through @root until it comes back, collecting where it went. */
static GPtrArray *
tab_through (GtkWidget *root)
{
  GtkRoot *window = gtk_widget_get_root (root);
  GPtrArray *reached = g_ptr_array_new ();
  GtkWidget *first = NULL;

  gtk_root_set_focus (window, NULL);
  for (int i = 0; i < 5000; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
        {
          /* The end of the chain: like GtkWindow, start over from the top. */
          gtk_root_set_focus (window, NULL);
          if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
            break;
        }
      focus = gtk_root_get_focus (window);
      if (focus == NULL || focus == first)
        break;
      if (first == NULL)
        first = focus;
      g_ptr_array_add (reached, focus);
    }
  return reached;
}

/* Every shown, sensitive control under @root receives the keyboard focus. */
static void
check_keyboard (Audit *audit, GtkWidget *root)
{
  g_autoptr (GPtrArray) reached = tab_through (root);

  for (guint i = 0; i < audit->controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (audit->controls, i);
      gboolean got_focus = FALSE;

      if (!gtk_widget_get_mapped (control) || !gtk_widget_is_sensitive (control) || !is_inside (control, root))
        continue;
      /* The title bar's minimize, maximize and close buttons are deliberately not
       * focusable in GTK: the window manager's shortcuts do their work. */
      if (gtk_widget_get_ancestor (control, GTK_TYPE_WINDOW_CONTROLS))
        continue;
      for (guint j = 0; j < reached->len && !got_focus; j++)
        got_focus = is_inside (g_ptr_array_index (reached, j), control);
      if (!got_focus)
        {
          g_autofree char *what = describe (control);
          problem (audit, "the keyboard does not reach %s (focusable %d, can-focus %d)", what,
                   gtk_widget_get_focusable (control), gtk_widget_get_can_focus (control));
        }
    }
  g_test_message ("%s: %u focus stops", G_OBJECT_TYPE_NAME (root), reached->len);
}

static void
check_names (Audit *audit, const char *where)
{
  g_test_message ("%s: %u controls", where, audit->controls->len);
  g_assert_cmpuint (audit->controls->len, >, 0);
  for (guint i = 0; i < audit->unnamed->len; i++)
    {
      const char *what = g_ptr_array_index (audit->unnamed, i);
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (known_unnamed) && !known; k++)
        known = known_unnamed[k].where && g_str_equal (known_unnamed[k].where, where)
                && g_str_has_prefix (what, known_unnamed[k].what);
      if (known)
        {
          g_test_message ("KNOWN: %s: no accessible name: %s", where, what);
          audit->n_known++;
        }
      else
        problem (audit, "%s: no accessible name: %s", where, what);
    }
  /* A known gap that is gone has been fixed: its entry must go too. */
  for (guint k = 0; k < G_N_ELEMENTS (known_unnamed); k++)
    {
      gboolean found = FALSE;

      if (known_unnamed[k].where == NULL || !g_str_equal (known_unnamed[k].where, where))
        continue;
      for (guint i = 0; i < audit->unnamed->len && !found; i++)
        found = g_str_has_prefix (g_ptr_array_index (audit->unnamed, i), known_unnamed[k].what);
      if (!found)
        problem (audit, "%s: \"%s\" has a name now: remove it from known_unnamed[]", where, known_unnamed[k].what);
    }
}

/* Fills every part of the window that is empty in the sample, so that its controls exist:
 * a comment, an attachment, a vote, import notes, a review problem. */
static void
fill_window (RefWindow *window)
{
  RefMeeting *meeting = ref_window_get_meeting (window);
  RefItemView *view = REF_ITEM_VIEW (ref_window_get_item_view (window));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "pdf", "ballerup-2025-referat.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new ();
  g_autoptr (GPtrArray) notes = g_ptr_array_new ();
  RefImportWarning a = { 3, (char *) "Tids- og handleplan", (char *) "This text could not be placed in the meeting." };
  RefAgendaItem *item7 = ref_meeting_find_item_by_number (meeting, 7);
  g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item7), 0);

  g_ptr_array_add (warnings, &a);
  ref_window_show_import_notes (window, warnings, 0.99, 0.9);
  g_ptr_array_add (notes, (char *) "1 of 12 captions in the items are not known; their text was kept as free sections.");
  ref_window_show_import_confidence_notes (window, notes);
  ref_decision_set_text (decision, NULL);
  ref_window_refresh_review (window);
  g_assert_cmpuint (ref_window_get_n_review_problems (window), >, 0);

  ref_window_select_item (window, 0);
  ref_test_iterate ();
  ref_item_view_add_attachment_file (view, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.add-section", "s", "economy"));
  ref_test_iterate ();
}

/* The item page: header bars, agenda list, the item with its sections, recommendation,
 * decisions, absence, attachments; the import notes panel. */
static void
test_item_page (void)
{
  RefWindow *window = ref_test_open_sample ();
  Audit audit;

  fill_window (window);
  g_assert_false (ref_window_get_showing_meeting (window));
  audit_init (&audit);
  audit_names (&audit, GTK_WIDGET (window));
  check_names (&audit, "item page");
  check_keyboard (&audit, GTK_WIDGET (window));
  audit_finish (&audit);
  ref_test_close_window (window);
}

/* The meeting details page: header fields, participants, attendance. */
static void
test_meeting_page (void)
{
  RefWindow *window = ref_test_open_sample ();
  Audit audit;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-meeting", NULL));
  ref_test_iterate ();
  g_assert_true (ref_window_get_showing_meeting (window));
  audit_init (&audit);
  audit_names (&audit, GTK_WIDGET (window));
  check_names (&audit, "meeting page");
  check_keyboard (&audit, GTK_WIDGET (window));
  audit_finish (&audit);
  ref_test_close_window (window);
}

/* The review popover, open, with a problem listed. */
static void
test_review_popover (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkMenuButton *button;
  GtkWidget *popover;
  Audit audit;

  fill_window (window);
  button = GTK_MENU_BUTTON (ref_test_find_by_id (GTK_WIDGET (window), "review_button"));
  gtk_menu_button_popup (button);
  ref_test_iterate ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_mapped (popover));
  audit_init (&audit);
  audit_names (&audit, popover);
  check_names (&audit, "review popover");
  check_keyboard (&audit, popover);
  audit_finish (&audit);
  gtk_menu_button_popdown (button);
  ref_test_close_window (window);
}


/* The approvals panel, open, with an approval whose item changed (so that its rows
 * leading to items exist), expanded, and a trusted authority. */
static void
test_approvals_popover (void)
{
  RefWindow *window = ref_test_open_sample ();
  RefMeeting *meeting = ref_window_get_meeting (window);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "certs", NULL);
  g_autofree char *ca = NULL;
  g_autofree char *p12 = NULL;
  g_autoptr (GError) error = NULL;
  GtkMenuButton *button;
  GtkWidget *popover;
  GtkListBoxRow *row;
  GtkWidget *dialog;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  Audit audit;

  g_mkdir_with_parents (dir, 0700);
  ca = ref_test_make_authority (dir, "ca", "Referent Test CA", 5);
  p12 = ref_test_make_member (dir, "member", "Johan Müller", "ca");
  g_assert_true (ref_window_add_trust_anchor (window, ca, &error));
  g_assert_true (ref_window_approve_with_file (window, p12, REF_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  ref_meeting_set_locked (meeting, FALSE);
  ref_agenda_item_set_title (ref_meeting_find_item_by_number (meeting, 3), "Ændret");
  ref_meeting_set_locked (meeting, TRUE);
  ref_test_iterate ();
  ref_window_wait_for_approvals (window);

  button = GTK_MENU_BUTTON (ref_test_find_by_id (GTK_WIDGET (window), "approvals_button"));
  gtk_menu_button_popup (button);
  ref_test_iterate ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_mapped (popover));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (ref_window_get_approvals_list (window)), 0);
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  ref_test_iterate ();
  audit_init (&audit);
  audit_names (&audit, popover);
  check_names (&audit, "approvals popover");
  check_keyboard (&audit, popover);
  audit_finish (&audit);
  gtk_menu_button_popdown (button);
  ref_test_iterate ();

  /* The question before unlocking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  ref_test_iterate ();
  dialog = GTK_WIDGET (ref_test_find_message_dialog (NULL));
  g_assert_nonnull (dialog);
  audit_init (&audit);
  audit_names (&audit, dialog);
  check_names (&audit, "unlock dialog");
  check_keyboard (&audit, dialog);
  audit_finish (&audit);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ref_test_iterate ();
  g_settings_reset (settings, "trust-anchors");
  ref_test_close_window (window);
}

/* The window that compares with an earlier version. */
static void
test_comparison_window (void)
{
  RefWindow *window = ref_test_open_sample ();
  g_autoptr (RefMeeting) earlier = ref_sample_meeting_new (NULL);
  GtkWindow *changes;
  Audit audit;

  ref_meeting_set_location (ref_window_get_meeting (window), "Rådhuset");
  changes = ref_window_show_comparison (window, earlier, "i går.referat");
  ref_test_iterate ();
  audit_init (&audit);
  audit_names (&audit, GTK_WIDGET (changes));
  check_names (&audit, "comparison window");
  check_keyboard (&audit, GTK_WIDGET (changes));
  audit_finish (&audit);
  gtk_window_destroy (changes);
  ref_test_close_window (window);
}

/* The archive: the search window with every filter chip set (so that each shows its
 * clear button), the case-history panel and the archive's preferences page. */
static void
test_archive_windows (void)
{
  RefSearchWindow *search = ref_search_window_new (NULL);
  RefWindow *window = ref_test_open_sample ();
  GtkWidget *preferences = ref_preferences_window_new (NULL);
  GtkWidget *page;
  GtkMenuButton *button;
  GtkWidget *popover;
  Audit audit;

  g_object_set (search, "committee", "Socialudvalget", "from", "2024-01-01", "to", "2024-12-31", "case-number",
                "00.01.10-P35-3-24", "kind", "decision", "outcome", "approved", NULL);
  gtk_window_present (GTK_WINDOW (search));
  ref_test_iterate ();
  audit_init (&audit);
  audit_names (&audit, GTK_WIDGET (search));
  check_names (&audit, "search window");
  check_keyboard (&audit, GTK_WIDGET (search));
  audit_finish (&audit);
  gtk_window_destroy (GTK_WINDOW (search));

  /* The application's action the panel offers without an archive (the window has no
   * application here). */
  {
    g_autoptr (GSimpleActionGroup) app_actions = g_simple_action_group_new ();
    g_autoptr (GSimpleAction) preferences_action = g_simple_action_new ("archive-preferences", NULL);

    g_action_map_add_action (G_ACTION_MAP (app_actions), G_ACTION (preferences_action));
    gtk_widget_insert_action_group (GTK_WIDGET (window), "app", G_ACTION_GROUP (app_actions));
  }
  button = GTK_MENU_BUTTON (ref_test_find_by_id (GTK_WIDGET (window), "case_history_button"));
  gtk_menu_button_popup (button);
  ref_test_iterate ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_mapped (popover));
  audit_init (&audit);
  audit_names (&audit, popover);
  check_names (&audit, "case history popover");
  check_keyboard (&audit, popover);
  audit_finish (&audit);
  gtk_menu_button_popdown (button);
  ref_test_close_window (window);

  /* As app.archive-preferences shows it: the Preferences window at its archive page. */
  ref_preferences_window_show_page (REF_PREFERENCES_WINDOW (preferences), "archive");
  page = ref_preferences_window_get_archive_page (REF_PREFERENCES_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
  ref_test_iterate ();
  audit_init (&audit);
  audit_names (&audit, page);
  check_names (&audit, "archive preferences");
  check_keyboard (&audit, page);
  audit_finish (&audit);
  gtk_window_destroy (GTK_WINDOW (preferences));
  ref_test_iterate ();
}

/* The dialogs the window asks with: go to item, unsaved changes. */
static void
test_dialogs (void)
{
  RefWindow *window = ref_test_open_sample ();
  GtkWidget *dialog;
  Audit audit;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-item", NULL));
  ref_test_iterate ();
  dialog = GTK_WIDGET (ref_test_find_message_dialog (NULL));
  g_assert_nonnull (dialog);
  audit_init (&audit);
  audit_names (&audit, dialog);
  check_names (&audit, "go-to-item dialog");
  check_keyboard (&audit, dialog);
  audit_finish (&audit);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ref_test_iterate ();

  ref_meeting_set_location (ref_window_get_meeting (window), "Et andet sted");
  gtk_window_close (GTK_WINDOW (window));
  ref_test_iterate ();
  dialog = GTK_WIDGET (ref_test_find_message_dialog (NULL));
  g_assert_nonnull (dialog);
  audit_init (&audit);
  audit_names (&audit, dialog);
  check_names (&audit, "unsaved-changes dialog");
  check_keyboard (&audit, dialog);
  audit_finish (&audit);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ref_test_iterate ();
  ref_test_close_window (window);
}

int
main (int argc, char **argv)
{
  g_autofree char *state = ref_test_make_tmp_root ("referent-a11y");

  /* GTK's test accessibility backend records what widgets tell assistive technologies. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/a11y/item-page", test_item_page);
  g_test_add_func ("/a11y/meeting-page", test_meeting_page);
  g_test_add_func ("/a11y/review-popover", test_review_popover);
  g_test_add_func ("/a11y/approvals-popover", test_approvals_popover);
  g_test_add_func ("/a11y/comparison-window", test_comparison_window);
  g_test_add_func ("/a11y/dialogs", test_dialogs);
  g_test_add_func ("/a11y/archive-windows", test_archive_windows);

  return ref_test_run_and_clean (state);
}
