/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-case-history-panel.h"
#include "ref-diff.h"
#include "ref-import-notes.h"
#include "ref-file-lock.h"
#include "ref-format.h"
#include "ref-item-row.h"
#include "ref-item-view.h"
#include "ref-live-view.h"
#include "ref-meeting-view.h"
#include "ref-pdf-export.h"
#include "ref-pdf-import.h"
#include "ref-preview.h"
#include "ref-recovery.h"
#include "ref-review-panel.h"
#include "ref-search-bar.h"
#include "ref-settings.h"
#include "ref-signature.h"
#include "ref-spell-checker.h"
#include "ref-spell-view.h"
#include "ref-ui-resources.h"
#include "ref-window.h"
#include "ref-xml.h"

struct _RefWindow {
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  AdwClamp *sidebar_clamp;
  GtkWidget *content;
  AdwWindowTitle *window_title;
  GtkListView *item_list;
  RefItemView *item_view;
  GtkStack *content_stack;
  RefMeetingView *meeting_view;
  RefLiveView *live_view;
  RefPreview *preview;
  AdwWindowTitle *content_title;
  GtkMenuButton *review_button;
  GtkPopover *review_popover;
  RefReviewPanel *review_panel;
  RefSearchBar *search_bar;
  RefImportNotes *import_notes;
  GtkMenuButton *case_history_button;
  GtkPopover *case_history_popover;
  RefCaseHistoryPanel *case_history_panel;
  GtkRevealer *lock_revealer;
  GtkLabel *lock_label;
  GtkPopover *approvals_popover;
  GtkWidget *lock_button;
  GtkWidget *approve_button;
  GtkLabel *approvals_summary;
  GtkListBox *approvals_list;
  GtkListBox *trust_list;
  GPtrArray *approval_checks;     /* RefApprovalCheck *, one per approval, in the meeting's order */
  guint approvals_refresh_source; /* re-verification after the approvals or the lock changed */
  guint verify_open_source;       /* the first verification, once the window is up */
  GCancellable *verify_cancellable; /* the verification running in a thread */
  gboolean verify_report;           /* say in a toast what the running verification finds */
  gboolean verify_all_valid_toast;  /* … and say so when every approval holds */
  gboolean verified;                /* approval_checks are for the meeting as it is */
  GCancellable *sign_cancellable;   /* an approval being signed (the time stamp may take a while) */
  char *etag;                       /* of the file when loaded or last saved */
  GFileMonitor *monitor;            /* notices when another program changes the file */

  RefMeeting *meeting;
  GFile *file;
  GtkSingleSelection *selection;
  GSettings *settings; /* NULL when the schema is not installed */
  gboolean close_confirmed;
  RefEdition export_edition;

  gboolean live;                 /* live meeting mode */
  RefSpellChecker *spell_checker;
  guint spell_attach_source;     /* attaching the checker to the fields just made */

  char *recovery_id;      /* this window's recovery copy */
  guint autosave_source;
  GBytes *last_autosave;  /* what the recovery copy holds, to skip identical writes */
  guint64 autosaved_changes; /* the history's change count the copy is current at */
  gint64 pending_since;      /* when the history first had changes the copy lacks */
};

G_DEFINE_FINAL_TYPE (RefWindow, ref_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MEETING,
  PROP_FILE,
  PROP_LIVE_MODE,
  PROP_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (RefWindow *self)
{
  GDateTime *start = ref_meeting_get_start (self->meeting);
  g_autofree char *date = start ? g_date_time_format (start, "%d-%m-%Y") : NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  const char *committee = ref_meeting_get_committee (self->meeting);

  title = g_strdup_printf ("%s%s%s", *committee ? committee : _("New Meeting"), date ? " " : "", date ? date : "");
  if (self->file != NULL)
    name = g_file_get_basename (self->file);
  else
    name = g_strdup (*committee ? _("Not saved") : _("New meeting"));
  subtitle = ref_history_get_modified (ref_meeting_get_history (self->meeting)) ? g_strconcat ("• ", name, NULL)
                                                                                : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* What changes the agenda's structure; not while the minutes are locked for approval. */
static const char *const structure_actions[] = {
  "win.add-item",     "win.delete-item", "win.duplicate-item",
  "win.move-item-up", "win.move-item-down", "win.renumber",
};

/* Undo stays available while locked: nothing can be edited then, so the step it
 * undoes is the locking (or the approval that locked) itself. */
static void
update_actions (RefWindow *self)
{
  RefHistory *history = ref_meeting_get_history (self->meeting);
  gboolean locked = ref_meeting_get_locked (self->meeting);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", ref_history_get_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", ref_history_get_can_redo (history));
  for (gsize i = 0; i < G_N_ELEMENTS (structure_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), structure_actions[i], !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock-for-approval", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", locked);
}

static void
on_history_notify (RefHistory *history, GParamSpec *pspec, RefWindow *self)
{
  update_actions (self);
  update_title (self);
}

static void
on_meeting_notify (RefMeeting *meeting, GParamSpec *pspec, RefWindow *self)
{
  update_title (self);
}

static void
show_item_page (RefWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "item");
  adw_window_title_set_title (self->content_title, _("Agenda Item"));
}

/* ---- writing during the meeting: live mode, preview, spell checking ---- */

static void select_item_object (RefWindow *self, RefAgendaItem *item);

static gboolean
attach_spell_checker (gpointer data)
{
  RefWindow *self = data;

  self->spell_attach_source = 0;
  /* Every title and text field of what is shown; fields made later (a new
   * decision) get it when they take the focus. */
  ref_spell_view_attach_tree (GTK_WIDGET (self->item_view), self->spell_checker);
  ref_spell_view_attach_tree (GTK_WIDGET (self->meeting_view), self->spell_checker);
  ref_spell_view_attach_tree (ref_live_view_get_decision_editor (self->live_view), self->spell_checker);
  return G_SOURCE_REMOVE;
}

static void
schedule_spell_attach (RefWindow *self)
{
  if (self->spell_checker != NULL && self->spell_attach_source == 0)
    self->spell_attach_source = g_idle_add (attach_spell_checker, self);
}

static void
on_focus_widget (GtkWindow *window, GParamSpec *pspec, RefWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *field = focus;

  if (focus == NULL || self->spell_checker == NULL)
    return;
  /* The text inside an entry has the focus; the entry (or entry row) is the field. */
  if (GTK_IS_TEXT (focus))
    {
      field = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
      if (field == NULL)
        field = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
    }
  if (field != NULL && ref_spell_view_get_checker (field) == NULL
      && (gtk_widget_is_ancestor (field, GTK_WIDGET (self->item_view))
          || gtk_widget_is_ancestor (field, GTK_WIDGET (self->meeting_view))
          || gtk_widget_is_ancestor (field, GTK_WIDGET (self->live_view))))
    ref_spell_view_attach_tree (field, self->spell_checker);
}

gboolean
ref_window_get_live_mode (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return self->live;
}

void
ref_window_set_live_mode (RefWindow *self, gboolean live)
{
  RefAgendaItem *item;

  g_return_if_fail (REF_IS_WINDOW (self));

  live = !!live;
  if (self->live == live)
    return;
  if (live && ref_meeting_get_locked (self->meeting))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The minutes are locked for approval: unlock them to write")));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_MODE]);
      return;
    }
  self->live = live;
  item = gtk_single_selection_get_selected_item (self->selection);
  if (live)
    {
      if (item != NULL)
        ref_live_view_set_item (self->live_view, item);
      gtk_stack_set_visible_child_name (self->content_stack, "live");
      adw_window_title_set_title (self->content_title, _("Live Meeting"));
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      /* Sets the start time, and puts the cursor in the decision. */
      ref_live_view_begin (self->live_view);
    }
  else
    {
      ref_live_view_end (self->live_view);
      select_item_object (self, ref_live_view_get_item (self->live_view));
      show_item_page (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_MODE]);
}

static void
on_live_item (RefLiveView *view, GParamSpec *pspec, RefWindow *self)
{
  RefAgendaItem *item = ref_live_view_get_item (view);

  if (self->live && item != NULL && item != gtk_single_selection_get_selected_item (self->selection))
    select_item_object (self, item);
}

static void
on_live_end_requested (RefLiveView *view, RefWindow *self)
{
  ref_window_set_live_mode (self, FALSE);
}

gboolean
ref_window_get_preview_shown (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  /* Also asked while the window is being taken apart. */
  return self->preview != NULL && gtk_widget_get_visible (GTK_WIDGET (self->preview));
}

void
ref_window_set_preview_shown (RefWindow *self, gboolean shown)
{
  g_return_if_fail (REF_IS_WINDOW (self));

  shown = !!shown;
  if (self->preview == NULL || gtk_widget_get_visible (GTK_WIDGET (self->preview)) == shown)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->preview), shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
}

GtkWidget *
ref_window_get_live_view (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->live_view);
}

GtkWidget *
ref_window_get_preview (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->preview);
}

RefSpellChecker *
ref_window_get_spell_checker (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return self->spell_checker;
}

static void
setup_live_mode (RefWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Before the field with the focus sees the key: a text view takes Ctrl+Shift+M
   * for itself. Also in a window without the application's accelerators. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (shortcuts, "ref-live-mode-shortcuts");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.live-mode")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F9, 0),
                                                          gtk_named_action_new ("win.preview")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->spell_checker = ref_spell_checker_new ();
  ref_spell_checker_set_meeting (self->spell_checker, self->meeting);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "spell-checking", self->spell_checker, "enabled", G_SETTINGS_BIND_GET);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget), self);

  ref_live_view_set_settings (self->live_view, self->settings);
  ref_live_view_set_meeting (self->live_view, self->meeting);
  g_signal_connect_object (self->live_view, "notify::item", G_CALLBACK (on_live_item), self, 0);
  g_signal_connect_object (self->live_view, "end-requested", G_CALLBACK (on_live_end_requested), self, 0);
  ref_preview_set_meeting (self->preview, self->meeting);
}

static void
on_selection_changed (GtkSingleSelection *selection, GParamSpec *pspec, RefWindow *self)
{
  RefAgendaItem *item = gtk_single_selection_get_selected_item (selection);

  ref_item_view_set_item (self->item_view, item);
  ref_preview_set_item (self->preview, item);
  if (self->live)
    {
      /* In live mode the list follows the item being minuted, and the reverse. */
      if (item != NULL)
        ref_live_view_set_item (self->live_view, item);
    }
  else if (pspec != NULL)
    show_item_page (self);
  schedule_spell_attach (self);
}

static void
show_meeting_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->content_stack, "meeting");
  adw_window_title_set_title (self->content_title, _("Meeting Details"));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  ref_meeting_view_focus_committee (self->meeting_view);
}

gboolean
ref_window_get_showing_meeting (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "meeting");
}

GtkWidget *
ref_window_get_meeting_view (RefWindow *self)
{
  return GTK_WIDGET (self->meeting_view);
}

static void
on_item_activated (GtkListView *list, guint position, RefWindow *self)
{
  show_item_page (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void select_item_object (RefWindow *self, RefAgendaItem *item);

/* Drops @item where @target is, as one undoable move. */
void
ref_window_move_item_to (RefWindow *self, RefAgendaItem *item, RefAgendaItem *target)
{
  guint from, to;

  g_return_if_fail (REF_IS_WINDOW (self));
  if (ref_meeting_get_locked (self->meeting))
    return;
  if (item == target || !ref_meeting_find_item_position (self->meeting, item, &from)
      || !ref_meeting_find_item_position (self->meeting, target, &to))
    return;
  g_object_ref (item);
  ref_meeting_move_item (self->meeting, from, to);
  select_item_object (self, item);
  g_object_unref (item);
}

/* Side by side, the sidebar keeps its width (a long committee name in its title
 * must not widen it); folded, it is the whole window. */
static void
on_folded_changed (AdwLeaflet *leaflet, GParamSpec *pspec, RefWindow *self)
{
  int width = adw_leaflet_get_folded (leaflet) ? 100000 : 340;

  adw_clamp_set_maximum_size (self->sidebar_clamp, width);
  adw_clamp_set_tightening_threshold (self->sidebar_clamp, width);
}

/* Folded, the list is a page of its own: one click on an item opens it, as on a
 * phone. Side by side, a click only selects (the item shows next to the list). */
static void
on_row_released (GtkGestureClick *gesture, int n_press, double x, double y, RefItemRow *row)
{
  RefWindow *self = REF_WINDOW (gtk_widget_get_root (GTK_WIDGET (row)));
  RefAgendaItem *item = ref_item_row_get_item (row);

  if (n_press != 1 || item == NULL || !adw_leaflet_get_folded (self->leaflet))
    return;
  select_item_object (self, item);
  show_item_page (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, RefItemRow *row)
{
  RefAgendaItem *item = ref_item_row_get_item (row);

  return item ? gdk_content_provider_new_typed (REF_TYPE_AGENDA_ITEM, item) : NULL;
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, RefItemRow *row)
{
  RefWindow *self = REF_WINDOW (gtk_widget_get_root (GTK_WIDGET (row)));
  RefAgendaItem *dragged = g_value_get_object (value);

  if (dragged == NULL || ref_item_row_get_item (row) == NULL)
    return FALSE;
  ref_window_move_item_to (self, dragged, ref_item_row_get_item (row));
  return TRUE;
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *row = ref_item_row_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (REF_TYPE_AGENDA_ITEM, GDK_ACTION_MOVE);
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "released", G_CALLBACK (on_row_released), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  /* Drag an item onto another to put it there (the keyboard way: Alt+Up/Down). */
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  ref_item_row_set_item (REF_ITEM_ROW (gtk_list_item_get_child (list_item)), gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  ref_item_row_set_item (REF_ITEM_ROW (gtk_list_item_get_child (list_item)), NULL);
}

void
ref_window_show_error (RefWindow *self, const char *heading, const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (RefWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Removes every row (GTK 4.8 has no gtk_list_box_remove_all). */
static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/* ---- autosave ---- */

/* Writes the recovery copy when there are unsaved changes that it does not hold yet;
 * removes it when everything is saved. */
gboolean
ref_window_autosave_now (RefWindow *self, GError **error)
{
  RefHistory *history;
  g_autoptr (GBytes) bytes = NULL;
  guint64 changes;

  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  history = ref_meeting_get_history (self->meeting);
  changes = ref_history_get_change_count (history);
  if (!ref_history_get_modified (history))
    {
      if (self->last_autosave != NULL)
        {
          ref_recovery_remove (self->recovery_id);
          g_clear_pointer (&self->last_autosave, g_bytes_unref);
        }
      self->autosaved_changes = changes;
      self->pending_since = 0;
      return TRUE;
    }
  /* Written once: the same bytes are compared with the copy and written to it. */
  bytes = ref_xml_write_bytes (self->meeting);
  if (self->last_autosave == NULL || !g_bytes_equal (bytes, self->last_autosave))
    {
      if (!ref_recovery_save_bytes (self->recovery_id, self->meeting, self->file, bytes, error))
        return FALSE;
      g_clear_pointer (&self->last_autosave, g_bytes_unref);
      self->last_autosave = g_steal_pointer (&bytes);
    }
  self->autosaved_changes = changes;
  self->pending_since = 0;
  return TRUE;
}

/* Every few seconds. Writing the copy of a large meeting takes longer than a frame, so
 * a tick does nothing when the copy is current and waits while the user is typing
 * (ref_recovery_autosave_decide), but never more than half a minute. */
static gboolean
autosave_tick (gpointer data)
{
  RefWindow *self = data;
  RefHistory *history = ref_meeting_get_history (self->meeting);
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  guint64 changes = ref_history_get_change_count (history);

  if (changes != self->autosaved_changes && self->pending_since == 0)
    self->pending_since = now;
  switch (ref_recovery_autosave_decide (changes, self->autosaved_changes, self->pending_since,
                                        ref_history_get_last_change_time (history), now))
    {
    case REF_AUTOSAVE_NOTHING:
    case REF_AUTOSAVE_POSTPONE:
      break;
    case REF_AUTOSAVE_WRITE:
      if (!ref_window_autosave_now (self, &error))
        g_warning ("Could not write the recovery copy: %s", error->message);
      break;
    }
  return G_SOURCE_CONTINUE;
}

const char *
ref_window_get_recovery_id (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return self->recovery_id;
}

void
ref_window_set_recovery_id (RefWindow *self, const char *id)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  g_free (self->recovery_id);
  self->recovery_id = g_strdup (id);
}

/* ---- saving ---- */

static void watch_file (RefWindow *self);

/* Saves under the file's lock. To the window's own file, what another program saved
 * there meanwhile is read first: approvals and comments are merged, changed minutes
 * stop the save (unless @flags overwrite). */
static gboolean
save_shared (RefWindow *self, GFile *file, RefXmlSaveFlags flags, GError **error)
{
  gboolean own = self->file != NULL && g_file_equal (file, self->file);
  g_autofree char *etag = NULL;
  guint merged = 0;

  if (!ref_xml_save_file_shared (self->meeting, file, own ? self->etag : NULL, flags, &etag, &merged, error))
    return FALSE;
  g_free (self->etag);
  self->etag = g_steal_pointer (&etag);
  if (merged > 0)
    {
      g_autofree char *text = g_strdup_printf (
          ngettext ("%u approval or comment saved by someone else meanwhile was kept",
                    "%u approvals or comments saved by others meanwhile were kept", merged),
          merged);
      toast (self, text);
    }
  return TRUE;
}

static gboolean
saved_to (RefWindow *self, GFile *file)
{
  /* Saved: the recovery copy has done its job. */
  ref_recovery_remove (self->recovery_id);
  g_clear_pointer (&self->last_autosave, g_bytes_unref);
  ref_window_set_file (self, file);
  if (self->settings != NULL)
    {
      g_autoptr (GFile) parent = g_file_get_parent (file);
      g_autofree char *uri = parent ? g_file_get_uri (parent) : NULL;
      if (uri)
        g_settings_set_string (self->settings, "last-folder", uri);
    }
  update_title (self);
  return TRUE;
}

gboolean
ref_window_save_to (RefWindow *self, GFile *file, GError **error)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);

  return save_shared (self, file, REF_XML_SAVE_NONE, error) && saved_to (self, file);
}

gboolean
ref_window_save_overwriting (RefWindow *self, GError **error)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);

  return save_shared (self, self->file, REF_XML_SAVE_OVERWRITE, error) && saved_to (self, self->file);
}

RefWindow *
ref_window_reload (RefWindow *self, GError **error)
{
  g_autoptr (RefMeeting) meeting = NULL;
  RefWindow *window;

  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->file != NULL, NULL);

  if ((meeting = ref_xml_load_file (self->file, error)) == NULL)
    return NULL;
  window = ref_window_new (REF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), meeting, self->file);
  gtk_window_present (GTK_WINDOW (window));
  /* What was unsaved here is dropped on purpose: no recovery copy, no question. */
  ref_recovery_remove (self->recovery_id);
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
  return window;
}

static void
on_changed_on_disk_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (g_str_equal (response, "overwrite"))
    {
      if (ref_window_save_overwriting (self, &error))
        toast (self, _("Saved"));
      else
        ref_window_show_error (self, _("Could not save"), error->message);
    }
  else if (g_str_equal (response, "reload"))
    {
      if (ref_window_reload (self, &error) == NULL)
        ref_window_show_error (self, _("Could not reload"), error->message);
    }
}

/* The minutes on disk were changed by someone else: overwriting would throw their
 * change away (and void approvals of it), so the user decides. */
static void
ask_changed_on_disk (RefWindow *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *body = g_strdup_printf (
      _("Someone else saved other minutes to “%s” since you opened it. Reload to see their version (your unsaved "
        "changes are lost), or save yours over it. Approvals and comments saved there are kept either way."),
      name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_WINDOW (self), _("The File Was Changed by Someone Else"), body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reload", _("_Reload"), "overwrite",
                                    _("_Save Mine"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_on_disk_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_or_report (RefWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;

  if (!ref_window_save_to (self, file, &error))
    {
      /* The meeting stays in memory, unchanged and still marked as modified. */
      if (g_error_matches (error, REF_XML_ERROR, REF_XML_ERROR_CHANGED_ON_DISK))
        ask_changed_on_disk (self);
      else
        ref_window_show_error (self, _("Could not save"), error->message);
      return FALSE;
    }
  toast (self, _("Saved"));
  return TRUE;
}

/* ---- another program changes the file ---- */

static void
on_reload_from_toast (AdwToast *toast_widget, RefWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (ref_window_reload (self, &error) == NULL)
    ref_window_show_error (self, _("Could not reload"), error->message);
}

/* Someone saved the file (a member signing with referent-cli, another window): their
 * approvals and comments are taken in at once when the minutes are the same; other
 * changes are offered for reloading. */
static void
on_file_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event, RefWindow *self)
{
  g_autofree char *etag = NULL;
  g_autoptr (RefMeeting) theirs = NULL;
  g_autoptr (GBytes) their_content = NULL;
  g_autoptr (GBytes) our_content = NULL;
  RefHistory *history = ref_meeting_get_history (self->meeting);
  gboolean was_modified;
  guint merged;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED
      && event != G_FILE_MONITOR_EVENT_RENAMED && event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;
  etag = ref_file_get_etag (self->file);
  if (etag == NULL || g_strcmp0 (etag, self->etag) == 0)
    return;
  if ((theirs = ref_xml_load_file (self->file, NULL)) == NULL)
    return; /* half written or damaged: the next save decides */
  their_content = ref_signature_content (theirs);
  our_content = ref_signature_content (self->meeting);
  if (!g_bytes_equal (their_content, our_content))
    {
      AdwToast *note = adw_toast_new (_("Someone else changed this file"));

      adw_toast_set_button_label (note, _("_Reload"));
      adw_toast_set_timeout (note, 0);
      g_signal_connect_object (note, "button-clicked", G_CALLBACK (on_reload_from_toast), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, note);
      return;
    }
  was_modified = ref_history_get_modified (history);
  ref_history_seal (history);
  merged = ref_meeting_merge_concurrent (self->meeting, theirs);
  ref_history_seal (history);
  /* Now the same as the file: nothing to save if nothing was before. */
  if (!was_modified || merged == 0)
    {
      g_free (self->etag);
      self->etag = g_steal_pointer (&etag);
      if (!was_modified)
        ref_history_mark_clean (history);
    }
  if (merged > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u approval or comment was added by someone else",
                                                         "%u approvals or comments were added by others", merged),
                                               merged);
      toast (self, text);
    }
}

static void
watch_file (RefWindow *self)
{
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->file == NULL)
    return;
  if (self->etag == NULL)
    self->etag = ref_file_get_etag (self->file);
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_file_changed), self, 0);
}

static gboolean destroy_later (gpointer data);

static GtkFileFilter *
referat_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Meeting minutes (.referat)"));
  gtk_file_filter_add_mime_type (filter, REF_XML_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "referat");
  return filter;
}

static void
set_initial_folder (RefWindow *self, GtkFileChooser *chooser)
{
  g_autofree char *uri = self->settings ? g_settings_get_string (self->settings, "last-folder") : NULL;

  if (uri && *uri)
    {
      g_autoptr (GFile) folder = g_file_new_for_uri (uri);
      gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }
}

static void
on_save_as_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      /* Add the extension when the user did not type one. */
      if (path && !g_str_has_suffix (path, REF_XML_EXTENSION))
        {
          g_autofree char *with = g_strconcat (path, REF_XML_EXTENSION, NULL);
          g_autoptr (GFile) named = g_file_new_for_path (with);
          saved = save_or_report (self, named);
        }
      else
        saved = save_or_report (self, file);
    }
  /* Closing after "Save" in the unsaved-changes prompt: only once the meeting is
   * safely written. A cancelled or failed save keeps the window, and the next close
   * asks again. */
  if (self->close_confirmed)
    {
      if (saved)
        g_idle_add (destroy_later, g_object_ref (self));
      else
        self->close_confirmed = FALSE;
    }
  g_object_unref (dialog);
}

static void
save_as_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Save Meeting"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = referat_filter ();
  g_autofree char *name = NULL;
  GDateTime *start = ref_meeting_get_start (self->meeting);
  g_autofree char *day = start ? g_date_time_format (start, "%Y-%m-%d") : g_strdup ("");

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  name = g_strdup_printf ("%s %s%s", ref_meeting_get_committee (self->meeting), day, REF_XML_EXTENSION);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), g_strstrip (name));
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  if (self->file == NULL)
    save_as_activated (widget, "win.save-as", NULL);
  else
    save_or_report (self, self->file);
}

static void
on_open_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      ref_application_open_file (REF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file);
    }
  g_object_unref (dialog);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Open Meeting"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = referat_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- export ---- */

typedef struct {
  RefWindow *window;
  char *path;
} ExportJob;

static RefSignatureTrust *load_trust (RefWindow *self);

static void
on_export_open (AdwToast *toast_widget, gpointer user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (toast_widget), "uri");

  g_app_info_launch_default_for_uri (uri, NULL, NULL);
}

static void
on_export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ExportJob *job = user_data;
  g_autoptr (GError) error = NULL;

  if (ref_pdf_export_finish (result, &error))
    {
      AdwToast *done = adw_toast_new (_("PDF exported"));
      g_autoptr (GFile) file = g_file_new_for_path (job->path);

      adw_toast_set_button_label (done, _("_Open"));
      g_object_set_data_full (G_OBJECT (done), "uri", g_file_get_uri (file), g_free);
      g_signal_connect (done, "button-clicked", G_CALLBACK (on_export_open), NULL);
      adw_toast_overlay_add_toast (job->window->toast_overlay, done);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ref_window_show_error (job->window, _("Could not export the PDF"), error->message);
  g_object_unref (job->window);
  g_free (job->path);
  g_free (job);
}

/* Exports in a worker thread; a toast offers to open the PDF when it is done. */
void
ref_window_export_to (RefWindow *self, GFile *file, RefEdition edition)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  RefPdfExportOptions options;
  g_autoptr (RefSignatureTrust) trust = NULL;
  g_autofree char *source = NULL;
  const char *sources[2] = { NULL, NULL };

  g_return_if_fail (REF_IS_WINDOW (self));
  trust = load_trust (self);
  ref_pdf_export_options_init (&options);
  options.edition = edition;
  options.trust = trust; /* the export keeps a reference of its own */
  /* Exporting over the open minutes (the file chooser only asks "Replace?") is refused. */
  source = self->file != NULL ? g_file_get_path (self->file) : NULL;
  sources[0] = source;
  options.sources = sources; /* copied by the export */
  job->window = g_object_ref (self);
  job->path = g_file_get_path (file);
  ref_pdf_export_async (self->meeting, job->path, &options, NULL, NULL, NULL, on_export_done, job);
  toast (self, _("Exporting…"));
}

static void
on_export_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      ref_window_export_to (self, file, self->export_edition);
    }
  g_object_unref (dialog);
}

static void
choose_export_file (RefWindow *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Export PDF"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  GDateTime *start = ref_meeting_get_start (self->meeting);
  g_autofree char *day = start ? g_date_time_format (start, "%Y-%m-%d") : g_strdup ("");
  /* The internal edition must not be mistaken for the one to publish. */
  g_autofree char *name = g_strdup_printf ("%s %s%s.pdf", ref_meeting_get_committee (self->meeting), day,
                                           self->export_edition == REF_EDITION_INTERNAL ? " (intern)" : "");

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_edition_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  if (g_str_equal (response, "cancel"))
    return;
  self->export_edition = g_str_equal (response, "internal") ? REF_EDITION_INTERNAL : REF_EDITION_PUBLIC;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "export-edition", response);
  choose_export_file (self);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), _("Which Edition?"),
      _("The public edition shows closed items only by their title. The internal edition prints everything and "
        "marks the closed items.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "internal", _("_Internal"), "public", _("_Public"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "public", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, self->export_edition == REF_EDITION_INTERNAL ? "internal" : "public");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_edition_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- editing ---- */

static RefAgendaItem *selected_item (RefWindow *self, guint *store_position);
static void select_item_object (RefWindow *self, RefAgendaItem *item);

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_history_undo (ref_meeting_get_history (REF_WINDOW (widget)->meeting));
}

static void
redo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_history_redo (ref_meeting_get_history (REF_WINDOW (widget)->meeting));
}

static void
add_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  guint position;
  guint n = ref_meeting_get_n_items (self->meeting);

  /* After the selected item, numbered after the highest number in use. */
  selected_item (self, &position);
  position = position == GTK_INVALID_LIST_POSITION ? n : position + 1;
  ref_agenda_item_set_number (item, ref_meeting_next_item_number (self->meeting));
  ref_meeting_insert_item (self->meeting, position, item);
  select_item_object (self, item);
  show_item_page (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  /* A new item is written from its title down. */
  ref_item_view_focus_title (self->item_view);
}

/* The list may be filtered by a search: positions in the selection are not positions
 * in the meeting, so items are found and selected as objects. */
static RefAgendaItem *
selected_item (RefWindow *self, guint *store_position)
{
  RefAgendaItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || !ref_meeting_find_item_position (self->meeting, item, store_position))
    {
      *store_position = GTK_INVALID_LIST_POSITION;
      return NULL;
    }
  return item;
}

static gboolean
select_in_list (RefWindow *self, RefAgendaItem *item)
{
  GListModel *shown = gtk_single_selection_get_model (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (RefAgendaItem) candidate = g_list_model_get_item (shown, i);
      if (candidate == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
select_item_object (RefWindow *self, RefAgendaItem *item)
{
  if (item == NULL || select_in_list (self, item))
    return;
  /* Hidden by the search: end the search so that it shows. */
  ref_search_bar_set_query (self->search_bar, "");
  select_in_list (self, item);
}

static void
select_store_position (RefWindow *self, guint position)
{
  g_autoptr (RefAgendaItem) item = NULL;

  if (position >= ref_meeting_get_n_items (self->meeting))
    return;
  item = g_list_model_get_item (ref_meeting_get_items (self->meeting), position);
  select_item_object (self, item);
}

/* ---- find ---- */

static void
find_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  ref_search_bar_start (self->search_bar);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
ref_window_find (RefWindow *self, const char *text)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  g_object_set (self->search_bar, "search-mode-enabled", TRUE, NULL);
  ref_search_bar_set_query (self->search_bar, text);
}

guint
ref_window_get_n_shown_items (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), 0);
  return g_list_model_get_n_items (gtk_single_selection_get_model (self->selection));
}

static void
on_undo_toast (AdwToast *toast_widget, RefWindow *self)
{
  ref_history_undo (ref_meeting_get_history (self->meeting));
}

static void
delete_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  guint position;
  RefAgendaItem *item = selected_item (self, &position);
  g_autofree char *text = NULL;
  AdwToast *undo;

  if (item == NULL)
    return;
  /* TRANSLATORS: toast after deleting an agenda item, "Item 4 deleted" */
  text = g_strdup_printf (_("Item %u deleted"), ref_agenda_item_get_number (item));
  ref_meeting_remove_item (self->meeting, item);
  if (ref_meeting_get_n_items (self->meeting) > 0)
    select_store_position (self, MIN (position, ref_meeting_get_n_items (self->meeting) - 1));
  undo = adw_toast_new (text);
  adw_toast_set_button_label (undo, _("_Undo"));
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (on_undo_toast), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void
duplicate_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  guint position;
  RefAgendaItem *item = selected_item (self, &position);
  g_autoptr (RefAgendaItem) copy = NULL;

  if (item == NULL)
    return;
  copy = ref_model_copy (item);
  ref_agenda_item_set_number (copy, ref_meeting_next_item_number (self->meeting));
  ref_meeting_insert_item (self->meeting, position + 1, copy);
  select_item_object (self, copy);
}

static void
move_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  guint position;
  RefAgendaItem *item = selected_item (self, &position);
  gboolean up = g_str_equal (action_name, "win.move-item-up");
  guint n = ref_meeting_get_n_items (self->meeting);

  if (item == NULL || (up && position == 0) || (!up && position + 1 >= n))
    return;
  g_object_ref (item);
  ref_meeting_move_item (self->meeting, position, up ? position - 1 : position + 1);
  select_item_object (self, item);
  g_object_unref (item);
}

/* Numbers the items in their order, from the first item's number (so running
 * numbers such as 82, 83 … stay running). */
static void
renumber_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  g_autoptr (RefAgendaItem) first = NULL;

  if (ref_meeting_get_n_items (self->meeting) == 0)
    return;
  first = g_list_model_get_item (ref_meeting_get_items (self->meeting), 0);
  ref_meeting_renumber_items (self->meeting, MAX (1, ref_agenda_item_get_number (first)));
}

static void
go_to_number (RefWindow *self, guint number)
{
  RefAgendaItem *item = ref_meeting_find_item_by_number (self->meeting, number);
  guint position;

  if (item != NULL && ref_meeting_find_item_position (self->meeting, item, &position))
    {
      select_item_object (self, item);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("There is no item %u"), number);
      toast (self, text);
    }
}

static void
on_go_to_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  guint64 number;

  if (g_str_equal (response, "go")
      && g_ascii_string_to_unsigned (gtk_editable_get_text (entry), 10, 1, G_MAXUINT, &number, NULL))
    go_to_number (self, (guint) number);
}

static AdwMessageDialog *
open_go_to_dialog (RefWindow *self, const char *initial)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Go to Item"), NULL));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Item number"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "go", _("_Go"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "go", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "go");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_go_to_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  if (initial != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), initial);
      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
    }
  return dialog;
}

static void
go_to_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_go_to_dialog (REF_WINDOW (widget), NULL);
}

/* Typing a number in the agenda list starts "go to item" with that digit, so a
 * secretary can jump to item 14 by typing 1, 4, Enter. */
static gboolean
on_item_list_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                  RefWindow *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char digit[2] = { 0 };

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || c == 0 || !g_unichar_isdigit (c)
      || g_unichar_digit_value (c) < 0)
    return FALSE;
  digit[0] = (char) ('0' + g_unichar_digit_value (c));
  open_go_to_dialog (self, digit);
  return TRUE;
}

static void
go_to_number_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  go_to_number (REF_WINDOW (widget), g_variant_get_uint32 (parameter));
}

/* ---- compare ---- */

static char *
change_markup (RefDiffEntry *e)
{
  switch (e->kind)
    {
    case REF_DIFF_ADDED:
      return ref_diff_mark_words_markup ("", e->new_text);
    case REF_DIFF_REMOVED:
      return ref_diff_mark_words_markup (e->old_text, "");
    case REF_DIFF_CHANGED:
    default:
      return ref_diff_mark_words_markup (e->old_text, e->new_text);
    }
}

/* A window listing what changed from @other (the older version) to this meeting. */
GtkWindow *
ref_window_show_comparison (RefWindow *self, RefMeeting *other, const char *other_name)
{
  g_autoptr (GPtrArray) entries = ref_diff_meetings (other, self->meeting);
  AdwWindow *window = ADW_WINDOW (adw_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *title = g_strdup_printf (_("Changes since %s"), other_name);

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 600);
  gtk_window_set_title (GTK_WINDOW (window), title);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changes"), -1);
  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      RefDiffEntry *e = g_ptr_array_index (entries, i);
      GtkWidget *list_row = gtk_list_box_row_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *where = gtk_label_new (NULL);
      GtkWidget *what = gtk_label_new (NULL);
      g_autofree char *place = e->item ? g_strdup_printf (_("Item %u"), e->item) : g_strdup (_("Meeting"));
      g_autofree char *heading = g_strdup_printf ("%s · %s · %s", place, e->field,
                                                  e->kind == REF_DIFF_ADDED     ? _("added")
                                                  : e->kind == REF_DIFF_REMOVED ? _("removed")
                                                                                : _("changed"));
      g_autofree char *markup = change_markup (e);

      gtk_label_set_text (GTK_LABEL (where), heading);
      gtk_widget_add_css_class (where, "heading");
      gtk_label_set_xalign (GTK_LABEL (where), 0);
      gtk_label_set_markup (GTK_LABEL (what), markup);
      gtk_label_set_wrap (GTK_LABEL (what), TRUE);
      gtk_label_set_xalign (GTK_LABEL (what), 0);
      gtk_label_set_selectable (GTK_LABEL (what), TRUE);
      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_margin_end (row, 12);
      gtk_widget_set_margin_top (row, 8);
      gtk_widget_set_margin_bottom (row, 8);
      gtk_box_append (GTK_BOX (row), where);
      gtk_box_append (GTK_BOX (row), what);
      /* A change is read, not activated; a screen reader reads its place and text. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), row);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      where, what, NULL, -1);
      gtk_list_box_append (GTK_LIST_BOX (list), list_row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (window, box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
on_compare_response (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GError) error = NULL;
      g_autoptr (RefMeeting) other = ref_xml_load_file (file, &error);
      g_autofree char *name = g_file_get_basename (file);

      if (other == NULL)
        ref_window_show_error (self, _("Could not open the file"), error->message);
      else
        ref_window_show_comparison (self, other, name);
    }
  g_object_unref (dialog);
}

static void
compare_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Compare With an Earlier Version"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = referat_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_compare_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- review ---- */

static void
on_review_problem_activated (RefReviewPanel *panel, RefAgendaItem *item, RefWindow *self)
{
  gtk_popover_popdown (self->review_popover);
  if (item != NULL)
    {
      select_item_object (self, item);
      show_item_page (self);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-meeting", NULL);
}

void
ref_window_refresh_review (RefWindow *self)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_review_panel_refresh (self->review_panel);
}

guint
ref_window_get_n_review_problems (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), 0);
  return ref_review_panel_get_n_problems (self->review_panel);
}

void
ref_window_activate_review_problem (RefWindow *self, guint index)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_review_panel_activate_problem (self->review_panel, index);
}

/* The case history of the selected item, looked up when the panel opens. */
static void
on_case_history_show (GtkPopover *popover, RefWindow *self)
{
  guint position;

  ref_case_history_panel_set_item (self->case_history_panel, self->meeting, selected_item (self, &position),
                                   self->file);
}

static void
case_history_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  show_item_page (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_menu_button_popup (self->case_history_button);
}

/* Opens the review panel (Ctrl+Shift+R). */
static void
review_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_menu_button_popup (REF_WINDOW (widget)->review_button);
}

/* ---- approval ---- */

static char **
trust_anchor_paths (RefWindow *self)
{
  return self->settings ? g_settings_get_strv (self->settings, "trust-anchors") : g_new0 (char *, 1);
}

static void
add_trust_files (RefWindow *self, RefSignatureTrust *trust, const char *key,
                 gboolean (*add) (RefSignatureTrust *, const char *, GError **))
{
  g_auto (GStrv) paths = self->settings ? g_settings_get_strv (self->settings, key) : g_new0 (char *, 1);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!add (trust, paths[i], &error))
        g_debug ("%s: %s skipped: %s", key, paths[i], error->message);
    }
}

/* What the settings trust: authorities, time-stamp authorities, revocation lists.
 * One unreadable file does not stop the others: the list of trusted authorities says
 * which one failed. (transfer full) */
static RefSignatureTrust *
load_trust (RefWindow *self)
{
  RefSignatureTrust *trust = ref_signature_trust_new ();

  add_trust_files (self, trust, "trust-anchors", ref_signature_trust_add_file);
  add_trust_files (self, trust, "tsa-trust-anchors", ref_signature_trust_add_tsa_file);
  add_trust_files (self, trust, "crl-files", ref_signature_trust_add_crl_file);
  return trust;
}

/* Members (and substitutes) who did not stay away: who is expected to approve. */
static guint
count_approving_members (RefMeeting *meeting)
{
  GListModel *participants = ref_meeting_get_participants (meeting);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);

      n += ref_participant_approves_minutes (p);
    }
  return n;
}

/* Approvals that are not void. */
static guint
count_standing_approvals (RefMeeting *meeting)
{
  GListModel *approvals = ref_meeting_get_approvals (meeting);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (approvals); i++)
    {
      g_autoptr (RefApproval) approval = g_list_model_get_item (approvals, i);
      n += !ref_approval_get_voided (approval);
    }
  return n;
}

static void
update_lock_strip (RefWindow *self)
{
  gboolean locked = ref_meeting_get_locked (self->meeting);
  guint n_members = count_approving_members (self->meeting);
  /* Only verified approvals count, each member and each certificate once: what the
   * approval record outside the signature says counts for nothing. */
  guint n_approved = ref_signature_count_approved (self->approval_checks);
  g_autofree char *text = NULL;

  if (!self->verified && count_standing_approvals (self->meeting) > 0)
    text = g_strdup (_("Locked for approval · checking the approvals…"));
  else if (n_members > 0)
    /* TRANSLATORS: the strip above locked minutes: "Locked for approval · 2 of 5 members have approved" */
    text = g_strdup_printf (ngettext ("Locked for approval · %u of %u member has approved",
                                      "Locked for approval · %u of %u members have approved", n_members),
                            n_approved, n_members);
  else
    {
      /* No members listed: count every valid approval. */
      n_approved = 0;
      for (guint i = 0; i < self->approval_checks->len; i++)
        n_approved += ref_approval_check_get_status (g_ptr_array_index (self->approval_checks, i))
                      == REF_APPROVAL_STATUS_VALID;
      text = g_strdup_printf (ngettext ("Locked for approval · %u approval", "Locked for approval · %u approvals",
                                        n_approved),
                              n_approved);
    }
  gtk_label_set_label (self->lock_label, text);
  gtk_revealer_set_reveal_child (self->lock_revealer, locked);
}

static const char *
status_icon (RefApprovalStatus status)
{
  switch (status)
    {
    case REF_APPROVAL_STATUS_VALID:
      return "emblem-ok-symbolic";
    case REF_APPROVAL_STATUS_UNTRUSTED:
    case REF_APPROVAL_STATUS_NOT_COUNTED:
      return "dialog-warning-symbolic";
    case REF_APPROVAL_STATUS_VOID:
      return "action-unavailable-symbolic";
    case REF_APPROVAL_STATUS_INVALID:
    case REF_APPROVAL_STATUS_MALFORMED:
    default:
      return "dialog-error-symbolic";
    }
}

static const char *
status_style (RefApprovalStatus status)
{
  switch (status)
    {
    case REF_APPROVAL_STATUS_VALID:
      return "success";
    case REF_APPROVAL_STATUS_UNTRUSTED:
    case REF_APPROVAL_STATUS_NOT_COUNTED:
      return "warning";
    case REF_APPROVAL_STATUS_VOID:
      return "dim-label";
    case REF_APPROVAL_STATUS_INVALID:
    case REF_APPROVAL_STATUS_MALFORMED:
    default:
      return "error";
    }
}

/* A label for reading, not operating: selectable text in a row that is not activated. */
static GtkWidget *
detail_label (const char *text, gboolean selectable)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* A natural width no wider than the panel: the popover sizes its height for the
   * natural width, and a long fingerprint on one line left the panel too short. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  return label;
}

static GtkWidget *
details_row (RefApproval *approval, RefApprovalCheck *check)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *subject = ref_approval_check_get_subject (check);
  const char *issuer = ref_approval_check_get_issuer (check);
  const char *fingerprint = ref_approval_check_get_fingerprint (check);
  const char *const *changed = ref_approval_check_get_changed (check);
  GtkWidget *message = detail_label (ref_approval_check_get_message (check), TRUE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), message);
  if (subject && *subject)
    {
      /* TRANSLATORS: the certificate's subject, "Certificate: CN=Anna Holm,O=Testkommune" */
      g_autofree char *text = g_strdup_printf (_("Certificate: %s"), subject);
      gtk_box_append (GTK_BOX (box), detail_label (text, TRUE));
    }
  if (issuer && *issuer)
    {
      g_autofree char *text = g_strdup_printf (_("Issued by: %s"), issuer);
      gtk_box_append (GTK_BOX (box), detail_label (text, TRUE));
    }
  if (fingerprint && *fingerprint)
    {
      GtkWidget *heading = detail_label (_("Fingerprint (SHA-256)"), FALSE);
      GtkWidget *value = detail_label (fingerprint, TRUE);

      gtk_widget_add_css_class (heading, "dim-label");
      gtk_widget_add_css_class (value, "ref-fingerprint");
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), value);
    }
  if (changed != NULL && changed[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) changed);
      g_autofree char *text = g_strdup_printf (_("Changed since approval: %s"), list);
      gtk_box_append (GTK_BOX (box), detail_label (text, TRUE));
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, message, NULL, -1);
  return row;
}

static void go_to_number (RefWindow *self, guint number);

static void
on_changed_item_activated (AdwActionRow *row, RefWindow *self)
{
  gtk_popover_popdown (self->approvals_popover);
  go_to_number (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "item-number")));
}

/* One row per item that changed after an approval, leading to the item (like the
 * review panel's rows). */
static GtkWidget *
changed_item_row (RefWindow *self, guint number)
{
  GtkWidget *row = adw_action_row_new ();
  RefAgendaItem *item = ref_meeting_find_item_by_number (self->meeting, number);
  /* TRANSLATORS: a row leading to an agenda item that changed after approval, "Go to item 3" */
  g_autofree char *title = g_strdup_printf (_("Go to item %u"), number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (item != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (ref_agenda_item_get_title (item), -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "item-number", GUINT_TO_POINTER (number));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_changed_item_activated), self, 0);
  return row;
}

static GtkWidget *
approval_row (RefWindow *self, RefApproval *approval, RefApprovalCheck *check)
{
  GtkWidget *row = adw_expander_row_new ();
  RefApprovalStatus status = ref_approval_check_get_status (check);
  GDateTime *time = ref_approval_check_get_signing_time (check);
  const char *signer = ref_approval_check_get_signer (check);
  const char *member = ref_approval_check_get_participant_name (check);
  g_autofree char *named = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (status));
  GArray *items = ref_approval_check_get_changed_items (check);

  /* Who signed is the certificate that verified; the record's own name (outside the
   * signature) is shown only as a claim, when nothing verified. */
  if (*signer == '\0')
    named = *ref_approval_get_signer (approval)
                /* TRANSLATORS: an approval whose signature could not be read, with the name its record gives */
                ? g_strdup_printf (_("Unknown signer (claims to be %s)"), ref_approval_get_signer (approval))
                : g_strdup (_("Unknown signer"));
  else if (*member && !g_str_equal (member, signer))
    /* TRANSLATORS: "Maria Hansen, for Johan Müller": who signed, for which member */
    named = g_strdup_printf (_("%s, for %s"), signer, member);
  else
    named = g_strdup (signer);
  escaped = g_markup_escape_text (named, -1);
  /* A voided approval is a record, not an approval: struck through and dimmed. */
  title = status == REF_APPROVAL_STATUS_VOID ? g_strdup_printf ("<s>%s</s>", escaped) : g_steal_pointer (&escaped);
  time = time ? time : ref_approval_get_time (approval);
  if (time != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (time);
      when = g_date_time_format (local, "%x %H:%M");
    }
  subtitle = when ? g_strdup_printf ("%s · %s", ref_approval_status_label (status), when)
                  : g_strdup (ref_approval_status_label (status));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, status_style (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ref_approval_status_label (status), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  if (status == REF_APPROVAL_STATUS_VOID)
    gtk_widget_add_css_class (row, "ref-approval-void");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), details_row (approval, check));
  if (status == REF_APPROVAL_STATUS_INVALID && items != NULL)
    for (guint i = 0; i < items->len; i++)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), changed_item_row (self, g_array_index (items, guint, i)));
  return row;
}

/* How many approvals that still count (not voided) are not valid. */
static guint
count_bad (GPtrArray *checks)
{
  guint n_bad = 0;

  for (guint i = 0; i < checks->len; i++)
    {
      RefApprovalStatus status = ref_approval_check_get_status (g_ptr_array_index (checks, i));
      n_bad += status != REF_APPROVAL_STATUS_VALID && status != REF_APPROVAL_STATUS_VOID;
    }
  return n_bad;
}

/* Lists the outcome of a verification. */
static void
show_checks (RefWindow *self, GPtrArray *checks)
{
  GListModel *approvals = ref_meeting_get_approvals (self->meeting);
  guint n = MIN (checks->len, g_list_model_get_n_items (approvals));
  guint n_bad = count_bad (checks), n_valid = 0;
  g_autofree char *summary = NULL;

  clear_list (self->approvals_list);
  g_ptr_array_set_size (self->approval_checks, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefApproval) approval = g_list_model_get_item (approvals, i);
      RefApprovalCheck *check = g_ptr_array_index (checks, i);

      g_ptr_array_add (self->approval_checks, g_object_ref (check));
      n_valid += ref_approval_check_get_status (check) == REF_APPROVAL_STATUS_VALID;
      gtk_list_box_append (self->approvals_list, approval_row (self, approval, check));
    }
  self->verified = TRUE;
  if (n == 0)
    summary = g_strdup (ref_meeting_get_locked (self->meeting)
                            ? _("Locked for approval. No one has approved yet.")
                            : _("No approvals yet. Lock the minutes when they are final, then members approve them."));
  else if (n_bad == 0)
    summary = g_strdup_printf (ngettext ("%u valid approval", "%u valid approvals", n_valid), n_valid);
  else
    /* TRANSLATORS: the approvals panel's heading, "1 of 3 approvals is not valid" */
    summary = g_strdup_printf (ngettext ("%u of %u approvals is not valid", "%u of %u approvals are not valid", n),
                               n_bad, n);
  gtk_label_set_label (self->approvals_summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->approvals_list), n > 0);
  update_lock_strip (self);
}

typedef struct {
  RefSignatureSnapshot *snapshot;
  RefSignatureTrust *trust;
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  ref_signature_snapshot_free (job->snapshot);
  g_clear_object (&job->trust);
  g_free (job);
}

static void
verify_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  VerifyJob *job = data;

  g_task_return_pointer (task, ref_signature_snapshot_verify (job->snapshot, job->trust, cancellable),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
  RefWindow *self = REF_WINDOW (source);
  g_autoptr (GPtrArray) checks = g_task_propagate_pointer (G_TASK (result), NULL);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  guint n_bad;

  /* A newer verification replaced this one, or the window is going. */
  if (checks == NULL || g_cancellable_is_cancelled (cancellable) || cancellable != self->verify_cancellable)
    return;
  g_clear_object (&self->verify_cancellable);
  show_checks (self, checks);
  n_bad = count_bad (checks);
  if (self->verify_report && n_bad > 0)
    {
      g_autofree char *text = g_strdup_printf (
          ngettext ("%u approval is not valid: see Approvals", "%u approvals are not valid: see Approvals", n_bad),
          n_bad);
      toast (self, text);
    }
  else if (self->verify_all_valid_toast && n_bad == 0 && count_standing_approvals (self->meeting) > 0)
    toast (self, _("Every approval is valid"));
  self->verify_report = FALSE;
  self->verify_all_valid_toast = FALSE;
}

/* Checks every approval against the meeting as it is now, in a thread (a large
 * meeting takes a moment), and lists the outcome when done. A verification still
 * running is replaced. */
static void
start_verification (RefWindow *self, gboolean report, gboolean all_valid_toast)
{
  VerifyJob *job = g_new0 (VerifyJob, 1);
  g_autoptr (GTask) task = NULL;

  g_clear_handle_id (&self->approvals_refresh_source, g_source_remove);
  if (self->verify_cancellable != NULL)
    g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  self->verify_cancellable = g_cancellable_new ();
  self->verify_report |= report;
  self->verify_all_valid_toast |= all_valid_toast;
  self->verified = FALSE;
  /* What is shown until then is not for the meeting as it is. */
  g_ptr_array_set_size (self->approval_checks, 0);
  update_lock_strip (self);
  job->snapshot = ref_signature_snapshot_new_for_verifying (self->meeting);
  job->trust = load_trust (self);
  task = g_task_new (self, self->verify_cancellable, on_verified, NULL);
  g_task_set_source_tag (task, start_verification);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  g_task_run_in_thread (task, verify_in_thread);
}

void
ref_window_verify_approvals (RefWindow *self)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  start_verification (self, FALSE, FALSE);
}

gboolean
ref_window_get_verifying (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return self->verify_cancellable != NULL;
}

guint
ref_window_wait_for_approvals (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), 0);

  if (self->approvals_refresh_source != 0 || self->verify_open_source != 0)
    {
      g_clear_handle_id (&self->verify_open_source, g_source_remove);
      start_verification (self, FALSE, FALSE);
    }
  while (self->verify_cancellable != NULL)
    g_main_context_iteration (NULL, TRUE);
  return count_bad (self->approval_checks);
}

/* Verifies, and says so in a toast when an approval does not hold. */
static void
verify_and_report (RefWindow *self)
{
  start_verification (self, TRUE, FALSE);
}

RefApprovalCheck *
ref_window_get_approval_check (RefWindow *self, guint index)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return index < self->approval_checks->len ? g_ptr_array_index (self->approval_checks, index) : NULL;
}

GtkWidget *
ref_window_get_approvals_list (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->approvals_list);
}

static gboolean
refresh_approvals_idle (gpointer data)
{
  RefWindow *self = data;

  self->approvals_refresh_source = 0;
  start_verification (self, FALSE, FALSE);
  return G_SOURCE_REMOVE;
}

/* Locking, unlocking, undo and redo change the approvals in several steps: verify
 * once they are done. */
static void
schedule_approvals_refresh (RefWindow *self)
{
  self->verified = FALSE;
  if (self->approvals_refresh_source == 0)
    self->approvals_refresh_source = g_idle_add (refresh_approvals_idle, self);
}

static void
on_approvals_changed (GListModel *list, guint position, guint removed, guint added, RefWindow *self)
{
  schedule_approvals_refresh (self);
}

static void
update_lock_state (RefWindow *self)
{
  gboolean locked = ref_meeting_get_locked (self->meeting);

  /* The next step is the suggested one: locking while the minutes are open (the
   * panel says to lock first), approving once they are locked. */
  if (locked)
    {
      gtk_widget_remove_css_class (self->lock_button, "suggested-action");
      gtk_widget_add_css_class (self->approve_button, "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (self->approve_button, "suggested-action");
      gtk_widget_add_css_class (self->lock_button, "suggested-action");
    }
  ref_item_view_set_locked (self->item_view, locked);
  ref_meeting_view_set_locked (self->meeting_view, locked);
  update_actions (self);
  update_lock_strip (self);
}

static void
on_locked_changed (RefMeeting *meeting, GParamSpec *pspec, RefWindow *self)
{
  update_lock_state (self);
  schedule_approvals_refresh (self);
}

static void
on_approvals_show (GtkPopover *popover, RefWindow *self)
{
  if (!self->verified && self->verify_cancellable == NULL)
    start_verification (self, FALSE, FALSE);
}

static void
lock_for_approval_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  RefHistory *history = ref_meeting_get_history (self->meeting);

  if (ref_meeting_get_locked (self->meeting))
    return;
  /* A step of its own, not merged with an unlock just before. */
  ref_history_seal (history);
  ref_meeting_set_locked (self->meeting, TRUE);
  ref_history_seal (history);
}

static void
unlock_now (RefWindow *self)
{
  ref_history_seal (ref_meeting_get_history (self->meeting));
  ref_meeting_unlock (self->meeting);
  ref_history_seal (ref_meeting_get_history (self->meeting));
  start_verification (self, FALSE, FALSE);
  toast (self, _("Unlocked for editing"));
}

static void
on_unlock_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  if (g_str_equal (response, "unlock"))
    unlock_now (self);
}

static void
unlock_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  guint n = count_standing_approvals (self->meeting);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (!ref_meeting_get_locked (self->meeting))
    return;
  if (n == 0)
    {
      unlock_now (self);
      return;
    }
  heading = g_strdup_printf (ngettext ("Unlock and Void %u Approval?", "Unlock and Void %u Approvals?", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), heading,
      _("The minutes can then be edited again. The approvals given so far stay listed, marked as void, and the "
        "members will have to approve again.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "unlock", _("_Unlock"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "unlock", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unlock_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean save_shared (RefWindow *self, GFile *file, RefXmlSaveFlags flags, GError **error);

static char *
tsa_url (RefWindow *self)
{
  g_autofree char *url = self->settings ? g_settings_get_string (self->settings, "tsa-url") : NULL;
  return url && *url ? g_steal_pointer (&url) : NULL;
}

/* An approval is a record: once made, it goes to the file at once (under the file's
 * lock, keeping what other members signed meanwhile). */
static void
approved (RefWindow *self, RefApproval *approval)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  /* TRANSLATORS: toast after signing, "Approved by Anna Holm" */
  text = g_strdup_printf (_("Approved by %s"), ref_approval_get_signer (approval));
  toast (self, text);
  if (self->file != NULL && !save_shared (self, self->file, REF_XML_SAVE_NONE, &error))
    ref_window_show_error (self, _("The approval is made but not saved"), error->message);
  verify_and_report (self);
}

/* Signs with the PKCS#12 file at @pkcs12_path, as Approve… does once it has the file
 * and the password, with the time-stamp authority of the settings; blocks while it
 * answers. On failure the meeting is unchanged. */
gboolean
ref_window_approve_with_file (RefWindow *self, const char *pkcs12_path, const char *password, GError **error)
{
  g_autoptr (RefApproval) approval = NULL;
  g_autofree char *url = NULL;
  RefSignOptions options = { 0 };

  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (pkcs12_path != NULL, FALSE);

  url = tsa_url (self);
  options.pkcs12_path = pkcs12_path;
  options.password = password;
  options.tsa_url = url;
  ref_history_seal (ref_meeting_get_history (self->meeting));
  approval = ref_signature_sign_with_options (self->meeting, &options, error);
  if (approval == NULL)
    return FALSE;
  ref_history_seal (ref_meeting_get_history (self->meeting));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-certificate", pkcs12_path);
  approved (self, approval);
  return TRUE;
}

typedef struct {
  RefSignatureSnapshot *snapshot;
  char *path;
  char *password;
  char *tsa_url;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  ref_signature_snapshot_free (job->snapshot);
  g_free (job->path);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->tsa_url);
  g_free (job);
}

static void
sign_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SignJob *job = data;
  RefSignOptions options = { .pkcs12_path = job->path, .password = job->password, .tsa_url = job->tsa_url,
                             .cancellable = cancellable };
  GError *error = NULL;
  RefSignature *signature = ref_signature_snapshot_sign (job->snapshot, &options, &error);

  if (signature == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, signature, (GDestroyNotify) ref_signature_free);
}

static void ask_password (RefWindow *self, const char *path, const char *problem);

static void
on_signed (GObject *source, GAsyncResult *result, gpointer data)
{
  RefWindow *self = REF_WINDOW (source);
  SignJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (RefSignature) signature = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (RefApproval) approval = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sign_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.approve", TRUE);
  if (signature != NULL)
    {
      ref_history_seal (ref_meeting_get_history (self->meeting));
      approval = ref_signature_add (self->meeting, job->snapshot, signature, &error);
      ref_history_seal (ref_meeting_get_history (self->meeting));
    }
  if (approval == NULL)
    {
      if (g_error_matches (error, REF_SIGNATURE_ERROR, REF_SIGNATURE_ERROR_KEY))
        /* Most likely a mistyped password: ask again, saying why. */
        ask_password (self, job->path, error->message);
      else
        ref_window_show_error (self, _("Could not approve"), error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-certificate", job->path);
  approved (self, approval);
}

/* Signs in a thread: the time-stamp authority may take a while to answer, and the
 * window stays responsive meanwhile. */
static void
approve_in_background (RefWindow *self, const char *path, const char *password)
{
  SignJob *job = g_new0 (SignJob, 1);
  g_autoptr (GTask) task = NULL;

  if (self->sign_cancellable != NULL)
    return;
  self->sign_cancellable = g_cancellable_new ();
  job->snapshot = ref_signature_snapshot_new (self->meeting);
  job->path = g_strdup (path);
  job->password = g_strdup (password);
  job->tsa_url = tsa_url (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.approve", FALSE);
  toast (self, job->tsa_url ? _("Signing and asking for a time stamp…") : _("Signing…"));
  task = g_task_new (self, self->sign_cancellable, on_signed, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) sign_job_free);
  g_task_run_in_thread (task, sign_in_thread);
}

gboolean
ref_window_get_approving (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return self->sign_cancellable != NULL;
}

static void
on_password_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  /* Take the keyboard focus off the password row before the dialog closes. Closed by
   * Enter with the focus still in the row, and with the accessibility layer on (as on
   * every desktop), the row's text field outlives the row and a libadwaita 1.2 handler
   * then runs on the freed row: the crash on Enter. A click on the button had moved
   * the focus already. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  if (!g_str_equal (response, "approve"))
    return;
  approve_in_background (self, path, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
ask_password (RefWindow *self, const char *path, const char *problem)
{
  g_autofree char *name = g_path_get_basename (path);
  /* TRANSLATORS: %s is the certificate file's name */
  g_autofree char *body = g_strdup_printf (_("Enter the password of your certificate %s. Approving locks the minutes."),
                                           name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Approve the Minutes"), body));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Password"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Certificate password"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  gtk_box_append (GTK_BOX (box), list);
  if (problem != NULL)
    {
      GtkWidget *label = detail_label (problem, TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
    }
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "approve", _("_Approve"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "approve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "approve");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
ref_window_ask_certificate_password (RefWindow *self, const char *pkcs12_path)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  g_return_if_fail (pkcs12_path != NULL);
  ask_password (self, pkcs12_path, NULL);
}

static void
on_certificate_chosen (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        ask_password (self, path, NULL);
    }
  g_object_unref (dialog);
}

static void
approve_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Choose Your Certificate"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *last = self->settings ? g_settings_get_string (self->settings, "last-certificate") : NULL;

  gtk_popover_popdown (self->approvals_popover);
  gtk_file_filter_set_name (filter, _("Certificates (.p12, .pfx)"));
  gtk_file_filter_add_suffix (filter, "p12");
  gtk_file_filter_add_suffix (filter, "pfx");
  gtk_file_filter_add_mime_type (filter, "application/x-pkcs12");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (last != NULL && *last && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      g_autoptr (GFile) file = g_file_new_for_path (last);
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_certificate_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
verify_approvals_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_verification (REF_WINDOW (widget), TRUE, TRUE);
}

/* ---- trusted authorities ---- */

static void
rebuild_trust_list (RefWindow *self)
{
  g_auto (GStrv) paths = trust_anchor_paths (self);

  clear_list (self->trust_list);
  if (paths[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None: no approval can count as valid"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->trust_list, row);
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autoptr (RefSignatureTrust) probe = ref_signature_trust_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *where = g_markup_escape_text (paths[i], -1);
      /* TRANSLATORS: the remove button of a trusted authority, "Remove ca.pem" */
      g_autofree char *label = g_strdup_printf (_("Remove %s"), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (!ref_signature_trust_add_file (probe, paths[i], &error))
        {
          g_autofree char *problem = g_markup_escape_text (error->message, -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem);
          gtk_widget_add_css_class (row, "error");
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-trust-anchor");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (paths[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->trust_list, row);
    }
}

static void
on_trust_anchors_changed (GSettings *settings, const char *key, RefWindow *self)
{
  rebuild_trust_list (self);
  schedule_approvals_refresh (self);
}

/* Adds the authority certificate(s) of the PEM file @pem_path to the trusted ones and
 * verifies again. Fails, changing nothing, when the file holds no certificate. */
gboolean
ref_window_add_trust_anchor (RefWindow *self, const char *pem_path, GError **error)
{
  g_autoptr (RefSignatureTrust) probe = ref_signature_trust_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) paths = NULL;
  g_auto (GStrv) updated = NULL;

  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (pem_path != NULL, FALSE);

  if (!ref_signature_trust_add_file (probe, pem_path, error))
    return FALSE;
  if (self->settings == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The settings are not installed, so trusted authorities cannot be kept"));
      return FALSE;
    }
  paths = trust_anchor_paths (self);
  if (!g_strv_contains ((const char *const *) paths, pem_path))
    {
      g_strv_builder_addv (builder, (const char **) paths);
      g_strv_builder_add (builder, pem_path);
      updated = g_strv_builder_end (builder);
      /* on_trust_anchors_changed rebuilds the list */
      g_settings_set_strv (self->settings, "trust-anchors", (const char *const *) updated);
    }
  else
    rebuild_trust_list (self); /* the file may read differently now */
  verify_and_report (self);
  return TRUE;
}

void
ref_window_remove_trust_anchor (RefWindow *self, const char *pem_path)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) paths = NULL;
  g_auto (GStrv) updated = NULL;

  g_return_if_fail (REF_IS_WINDOW (self));
  if (self->settings == NULL)
    return;
  paths = trust_anchor_paths (self);
  for (guint i = 0; paths[i] != NULL; i++)
    if (g_strcmp0 (paths[i], pem_path) != 0)
      g_strv_builder_add (builder, paths[i]);
  updated = g_strv_builder_end (builder);
  /* on_trust_anchors_changed rebuilds the list */
  g_settings_set_strv (self->settings, "trust-anchors", (const char *const *) updated);
  ref_window_verify_approvals (self);
}

static void
remove_trust_anchor_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ref_window_remove_trust_anchor (REF_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_trust_anchor_chosen (GtkNativeDialog *dialog, int response, RefWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;

      if (path != NULL && !ref_window_add_trust_anchor (self, path, &error))
        ref_window_show_error (self, _("Could not add the authority"), error->message);
    }
  g_object_unref (dialog);
}

static void
add_trust_anchor_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Add Trusted Authority"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_popover_popdown (self->approvals_popover);
  gtk_file_filter_set_name (filter, _("Certificates (.pem, .crt)"));
  gtk_file_filter_add_suffix (filter, "pem");
  gtk_file_filter_add_suffix (filter, "crt");
  gtk_file_filter_add_suffix (filter, "cer");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_trust_anchor_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
verify_on_open (gpointer data)
{
  RefWindow *self = data;

  self->verify_open_source = 0;
  verify_and_report (self); /* reports nothing when there are no approvals */
  return G_SOURCE_REMOVE;
}

/* ---- import notes ---- */

/* Shows what the importer could not place with certainty. */
void
ref_window_show_import_notes (RefWindow *self, GPtrArray *warnings, double coverage, double confidence)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_import_notes_show (self->import_notes, warnings, coverage, confidence);
}

void
ref_window_show_import_notes_summary (RefWindow *self, GPtrArray *warnings, const char *summary)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_import_notes_show_summary (self->import_notes, warnings, summary);
}

GtkWidget *
ref_window_get_import_notes (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->import_notes);
}

void
ref_window_show_import_confidence_notes (RefWindow *self, GPtrArray *notes)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_import_notes_show_confidence_notes (self->import_notes, notes);
}

static void
show_list_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefWindow *self = REF_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- closing ---- */

/* The dialog is transient for the window and still finishing its response: destroy
 * the window only once the dialog is done. */
static gboolean
destroy_later (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog, const char *response, RefWindow *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      /* The user chose to throw the changes away: so is the recovery copy. */
      ref_recovery_remove (self->recovery_id);
      g_idle_add (destroy_later, g_object_ref (self));
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_confirmed = TRUE;
      if (self->file != NULL)
        {
          g_autoptr (GError) error = NULL;
          if (ref_window_save_to (self, self->file, &error))
            g_idle_add (destroy_later, g_object_ref (self));
          else
            {
              self->close_confirmed = FALSE;
              ref_window_show_error (self, _("Could not save"), error->message);
            }
        }
      else
        save_as_activated (GTK_WIDGET (self), "win.save-as", NULL);
    }
}

static gboolean
ref_window_close_request (GtkWindow *window)
{
  RefWindow *self = REF_WINDOW (window);
  AdwMessageDialog *dialog;

  if (self->settings != NULL)
    {
      int width, height;
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  if (self->close_confirmed || !ref_history_get_modified (ref_meeting_get_history (self->meeting)))
    return GTK_WINDOW_CLASS (ref_window_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"),
                                                       _("The meeting has unsaved changes. Changes that are not saved are lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- object ---- */

RefMeeting *
ref_window_get_meeting (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return self->meeting;
}

GFile *
ref_window_get_file (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return self->file;
}

/* Opened and saved meetings go to the desktop's recent files. */
static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };

  data.display_name = NULL;
  data.mime_type = (char *) REF_XML_MIME_TYPE;
  data.app_name = (char *) "Referent";
  data.app_exec = (char *) "referent %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

void
ref_window_set_file (RefWindow *self, GFile *file)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file != NULL)
    add_to_recent (file);
  if (self->file == file || (self->file && file && g_file_equal (self->file, file)))
    return;
  g_set_object (&self->file, file);
  /* What is on disk now is what the window has: the base for noticing changes. */
  g_clear_pointer (&self->etag, g_free);
  watch_file (self);
  /* Also reached from g_object_new(), after constructed(), when the template is ready. */
  if (self->meeting != NULL && self->window_title != NULL)
    update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

GtkWidget *
ref_window_get_item_view (RefWindow *self)
{
  return GTK_WIDGET (self->item_view);
}

GtkWidget *
ref_window_get_item_list (RefWindow *self)
{
  return GTK_WIDGET (self->item_list);
}

void
ref_window_select_item (RefWindow *self, guint position)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  select_store_position (self, position);
}

static void
ref_window_constructed (GObject *object)
{
  RefWindow *self = REF_WINDOW (object);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (ref_window_parent_class)->constructed (object);

  g_assert (self->meeting != NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (gtk_filter_list_model_new (
      g_object_ref (ref_meeting_get_items (self->meeting)), g_object_ref (ref_search_bar_get_filter (self->search_bar)))));
  ref_review_panel_set_meeting (self->review_panel, self->meeting);
  g_signal_connect (self->review_panel, "problem-activated", G_CALLBACK (on_review_problem_activated), self);
  g_signal_connect (self->case_history_popover, "show", G_CALLBACK (on_case_history_show), self);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->item_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->item_list, GTK_SELECTION_MODEL (self->selection));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    gtk_event_controller_set_name (keys, "ref-go-to-keys");
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_item_list_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->item_list), keys);
  }
  g_signal_connect (self->item_list, "activate", G_CALLBACK (on_item_activated), self);
  g_signal_connect (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed), self);
  on_folded_changed (self->leaflet, NULL, self);

  g_signal_connect_object (ref_meeting_get_history (self->meeting), "notify", G_CALLBACK (on_history_notify), self, 0);
  g_signal_connect_object (self->meeting, "notify", G_CALLBACK (on_meeting_notify), self, 0);
  g_signal_connect_object (self->meeting, "notify::locked", G_CALLBACK (on_locked_changed), self, 0);
  g_signal_connect_object (ref_meeting_get_approvals (self->meeting), "items-changed", G_CALLBACK (on_approvals_changed),
                           self, 0);
  g_signal_connect (self->approvals_popover, "show", G_CALLBACK (on_approvals_show), self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::trust-anchors", G_CALLBACK (on_trust_anchors_changed), self, 0);
  ref_meeting_view_set_meeting (self->meeting_view, self->meeting);
  ref_item_view_set_meeting (self->item_view, self->meeting);
  setup_live_mode (self);
  on_selection_changed (self->selection, NULL, self);
  update_lock_state (self);
  update_title (self);
  rebuild_trust_list (self);
  /* Verified once the window is up, with a toast for an approval that does not hold. */
  self->verify_open_source = g_idle_add (verify_on_open, self);

  if (self->settings != NULL)
    {
      g_autofree char *edition = g_settings_get_string (self->settings, "export-edition");
      self->export_edition = g_str_equal (edition, "internal") ? REF_EDITION_INTERNAL : REF_EDITION_PUBLIC;
    }
  self->recovery_id = self->recovery_id ? self->recovery_id : ref_recovery_new_id ();
  self->autosave_source = g_timeout_add_seconds (self->settings ? g_settings_get_uint (self->settings, "autosave-interval") : 5,
                                                 autosave_tick, self);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

static void
ref_window_dispose (GObject *object)
{
  RefWindow *self = REF_WINDOW (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->spell_attach_source, g_source_remove);
  g_clear_handle_id (&self->approvals_refresh_source, g_source_remove);
  g_clear_handle_id (&self->verify_open_source, g_source_remove);
  if (self->verify_cancellable != NULL)
    g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  if (self->sign_cancellable != NULL)
    g_cancellable_cancel (self->sign_cancellable);
  g_clear_object (&self->sign_cancellable);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  /* A window that goes away with nothing unsaved leaves no recovery copy. */
  if (self->meeting != NULL && self->recovery_id != NULL
      && (!ref_history_get_modified (ref_meeting_get_history (self->meeting)) || self->close_confirmed))
    ref_recovery_remove (self->recovery_id);
  if (self->item_view)
    {
      ref_item_view_set_item (self->item_view, NULL);
      ref_item_view_set_meeting (self->item_view, NULL);
    }
  if (self->meeting_view)
    ref_meeting_view_set_meeting (self->meeting_view, NULL);
  if (self->live_view)
    ref_live_view_set_meeting (self->live_view, NULL);
  if (self->preview)
    ref_preview_set_meeting (self->preview, NULL);
  if (self->spell_checker != NULL)
    ref_spell_checker_set_meeting (self->spell_checker, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_WINDOW);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (ref_window_parent_class)->dispose (object);
}

static void
ref_window_finalize (GObject *object)
{
  RefWindow *self = REF_WINDOW (object);

  g_clear_object (&self->meeting);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->spell_checker);
  g_clear_pointer (&self->last_autosave, g_bytes_unref);
  g_clear_pointer (&self->approval_checks, g_ptr_array_unref);
  g_free (self->recovery_id);
  g_free (self->etag);
  G_OBJECT_CLASS (ref_window_parent_class)->finalize (object);
}

static void
ref_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefWindow *self = REF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MEETING:
      g_value_set_object (value, self->meeting);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_LIVE_MODE:
      g_value_set_boolean (value, self->live);
      break;
    case PROP_PREVIEW:
      g_value_set_boolean (value, ref_window_get_preview_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefWindow *self = REF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MEETING:
      self->meeting = g_value_dup_object (value);
      break;
    case PROP_FILE:
      ref_window_set_file (self, g_value_get_object (value));
      break;
    case PROP_LIVE_MODE:
      ref_window_set_live_mode (self, g_value_get_boolean (value));
      break;
    case PROP_PREVIEW:
      ref_window_set_preview_shown (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_window_class_init (RefWindowClass *klass)
{
  /* The UI resources live in a static library: referencing the generated getter
   * keeps the object that registers them. */
  (void) ref_ui_get_resource ();

  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ref_window_constructed;
  object_class->dispose = ref_window_dispose;
  object_class->finalize = ref_window_finalize;
  object_class->get_property = ref_window_get_property;
  object_class->set_property = ref_window_set_property;
  window_class->close_request = ref_window_close_request;

  properties[PROP_MEETING] = g_param_spec_object ("meeting", NULL, NULL, REF_TYPE_MEETING,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE_MODE] = g_param_spec_boolean ("live-mode", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREVIEW] = g_param_spec_boolean ("preview", NULL, NULL, FALSE,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RefWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, sidebar_clamp);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, item_view);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, import_notes);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, review_popover);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, review_panel);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_activated);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, meeting_view);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, live_view);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, preview);
  /* Stateful toggles: the header's buttons and the menu show them checked. */
  gtk_widget_class_install_property_action (widget_class, "win.live-mode", "live-mode");
  gtk_widget_class_install_property_action (widget_class, "win.preview", "preview");
  gtk_widget_class_bind_template_child (widget_class, RefWindow, content_title);
  gtk_widget_class_install_action (widget_class, "win.show-meeting", NULL, show_meeting_activated);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.add-item", NULL, add_item_activated);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-item", NULL, delete_item_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate-item", NULL, duplicate_item_activated);
  gtk_widget_class_install_action (widget_class, "win.move-item-up", NULL, move_item_activated);
  gtk_widget_class_install_action (widget_class, "win.move-item-down", NULL, move_item_activated);
  gtk_widget_class_install_action (widget_class, "win.renumber", NULL, renumber_activated);
  gtk_widget_class_install_action (widget_class, "win.go-to-item", NULL, go_to_item_activated);
  gtk_widget_class_install_action (widget_class, "win.go-to-number", "u", go_to_number_activated);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, case_history_button);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, case_history_popover);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, case_history_panel);
  gtk_widget_class_install_action (widget_class, "win.case-history", NULL, case_history_activated);

  gtk_widget_class_bind_template_child (widget_class, RefWindow, lock_revealer);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, lock_label);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, approvals_popover);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, approve_button);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, approvals_summary);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, approvals_list);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, trust_list);
  gtk_widget_class_install_action (widget_class, "win.lock-for-approval", NULL, lock_for_approval_activated);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "win.approve", NULL, approve_activated);
  gtk_widget_class_install_action (widget_class, "win.verify-approvals", NULL, verify_approvals_activated);
  gtk_widget_class_install_action (widget_class, "win.add-trust-anchor", NULL, add_trust_anchor_activated);
  gtk_widget_class_install_action (widget_class, "win.remove-trust-anchor", "s", remove_trust_anchor_activated);
}

static void
ref_window_init (RefWindow *self)
{
  /* Unknown until the first tick: a document that starts unsaved (an import, a
   * restored copy) gets its copy at once. */
  self->autosaved_changes = G_MAXUINT64;
  g_type_ensure (REF_TYPE_ITEM_VIEW);
  g_type_ensure (REF_TYPE_MEETING_VIEW);
  g_type_ensure (REF_TYPE_LIVE_VIEW);
  g_type_ensure (REF_TYPE_PREVIEW);
  g_type_ensure (REF_TYPE_IMPORT_NOTES);
  g_type_ensure (REF_TYPE_REVIEW_PANEL);
  g_type_ensure (REF_TYPE_SEARCH_BAR);
  g_type_ensure (REF_TYPE_CASE_HISTORY_PANEL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = ref_settings_new ();
  self->approval_checks = g_ptr_array_new_with_free_func (g_object_unref);
}

RefWindow *
ref_window_new (RefApplication *app, RefMeeting *meeting, GFile *file)
{
  return g_object_new (REF_TYPE_WINDOW, "application", app, "meeting", meeting, "file", file, NULL);
}
