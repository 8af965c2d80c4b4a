/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ref-approvals-panel.h"
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
#include "ref-window-private.h"
#include "ref-xml.h"


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

void
_ref_window_show_item_page (RefWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "item");
  adw_window_title_set_title (self->content_title, _("Agenda Item"));
}

/* ---- writing during the meeting: live mode, preview, spell checking ---- */


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
      _ref_window_select_item_object (self, ref_live_view_get_item (self->live_view));
      _ref_window_show_item_page (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_MODE]);
}

static void
on_live_item (RefLiveView *view, GParamSpec *pspec, RefWindow *self)
{
  RefAgendaItem *item = ref_live_view_get_item (view);

  if (self->live && item != NULL && item != gtk_single_selection_get_selected_item (self->selection))
    _ref_window_select_item_object (self, item);
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
    _ref_window_show_item_page (self);
  schedule_spell_attach (self);
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
  _ref_window_show_item_page (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}


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
  _ref_window_select_item_object (self, item);
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
  _ref_window_select_item_object (self, item);
  _ref_window_show_item_page (self);
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

void
_ref_window_toast (RefWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- autosave ---- */

/* The writer thread's report on a queued copy, back on the main thread. */
static void
autosave_written (const GError *error, gpointer data)
{
  RefWindow *self = data;

  if (error == NULL)
    return;
  g_warning ("Could not write the recovery copy: %s", error->message);
  /* Not current after all: the next tick tries again. */
  g_clear_pointer (&self->last_autosave, g_ptr_array_unref);
  self->autosaved_changes = G_MAXUINT64;
}

/* Brings the recovery copy up to date: written when there are unsaved changes that it
 * does not hold yet, removed when everything is saved. Only the changed items are
 * serialised (RefXmlWriteCache); the disk write runs in the recovery writer's thread,
 * waited for when @wait, else reported later (autosave_written). */
static gboolean
autosave (RefWindow *self, gboolean wait, GError **error)
{
  RefHistory *history = ref_meeting_get_history (self->meeting);
  guint64 changes = ref_history_get_change_count (history);
  g_autoptr (GPtrArray) fragments = NULL;

  if (!ref_history_get_modified (history))
    {
      if (self->last_autosave != NULL)
        {
          ref_recovery_remove (self->recovery_id);
          g_clear_pointer (&self->last_autosave, g_ptr_array_unref);
        }
      self->autosaved_changes = changes;
      self->pending_since = 0;
      return TRUE;
    }
  if (self->write_cache == NULL)
    self->write_cache = ref_xml_write_cache_new ();
  fragments = ref_xml_write_cache_write (self->write_cache, self->meeting);
  if (self->last_autosave == NULL || !ref_xml_fragments_equal (fragments, self->last_autosave))
    {
      if (wait)
        {
          if (!ref_recovery_save_fragments (self->recovery_id, self->meeting, self->file, fragments, error))
            return FALSE;
        }
      else
        ref_recovery_save_queued (self->recovery_id, self->meeting, self->file, fragments, autosave_written,
                                  g_object_ref (self), g_object_unref);
      g_clear_pointer (&self->last_autosave, g_ptr_array_unref);
      self->last_autosave = g_steal_pointer (&fragments);
    }
  self->autosaved_changes = changes;
  self->pending_since = 0;
  return TRUE;
}

/* Once the meeting has changes, the cache gets every item's fragment in slices of idle
 * time, so that the autosave, when it comes, serialises only what was edited: the
 * first copy of a 500-item meeting would otherwise take 20 ms of the main thread in
 * the middle of typing (its 30-second limit). Viewing a meeting costs nothing.
 *
 * The fill starts with the first change, that is while the user types, and nothing
 * hurries it (the copy is due within half a minute): a slice of 2 ms, then a pause of
 * 12 ms, so that it never fills the time between a keystroke and its frame. An idle
 * source that stayed ready ran slice after slice until the frame was due: 16 ms of
 * work after the first keystroke in a meeting. */
#define PREFILL_SLICE_USEC 2000
#define PREFILL_PAUSE_MS 12

static gboolean
prefill_step (gpointer data)
{
  RefWindow *self = data;

  if (self->write_cache == NULL)
    self->write_cache = ref_xml_write_cache_new ();
  if (ref_xml_write_cache_prefill (self->write_cache, self->meeting, g_get_monotonic_time () + PREFILL_SLICE_USEC))
    {
      self->prefill_source = g_timeout_add_full (G_PRIORITY_LOW, PREFILL_PAUSE_MS, prefill_step, self, NULL);
      return G_SOURCE_REMOVE;
    }
  self->prefilled_revision = ref_history_get_revision (ref_meeting_get_history (self->meeting));
  self->prefill_source = 0;
  return G_SOURCE_REMOVE;
}

/* An edit inside an item leaves the fill as it is (the copy writes that item anew);
 * only a change that may concern every item (the history's revision) asks for it
 * again, so a keystroke schedules nothing. */
static void
on_history_changed (RefHistory *history, RefWindow *self)
{
  if (self->prefill_source == 0 && ref_history_get_modified (history)
      && ref_history_get_revision (history) != self->prefilled_revision)
    self->prefill_source = g_timeout_add_full (G_PRIORITY_LOW, PREFILL_PAUSE_MS, prefill_step, self, NULL);
}

/* Writes the recovery copy when there are unsaved changes that it does not hold yet;
 * removes it when everything is saved. Returns when the copy is on disk. */
gboolean
ref_window_autosave_now (RefWindow *self, GError **error)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return autosave (self, TRUE, error);
}

/* Every few seconds. A tick does nothing when the copy is current and waits while the
 * user is typing (ref_recovery_autosave_decide), but never more than half a minute.
 * It never waits for the disk: the copy is queued for the writer thread. */
static gboolean
autosave_tick (gpointer data)
{
  RefWindow *self = data;
  RefHistory *history = ref_meeting_get_history (self->meeting);
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
      autosave (self, FALSE, NULL);
      break;
    }
  return G_SOURCE_CONTINUE;
}

gboolean
ref_window_get_autosave_prefill_pending (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return self->prefill_source != 0;
}

guint
ref_window_get_autosave_n_written (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), 0);
  return self->write_cache != NULL ? ref_xml_write_cache_get_n_written (self->write_cache) : 0;
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
      _ref_window_toast (self, text);
    }
  return TRUE;
}

static gboolean
saved_to (RefWindow *self, GFile *file)
{
  /* Saved: the recovery copy has done its job. */
  ref_recovery_remove (self->recovery_id);
  g_clear_pointer (&self->last_autosave, g_ptr_array_unref);
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
        _ref_window_toast (self, _("Saved"));
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

gboolean
_ref_window_save_or_report (RefWindow *self, GFile *file)
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
  _ref_window_toast (self, _("Saved"));
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
      _ref_window_toast (self, text);
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


GtkFileFilter *
_ref_window_referat_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Meeting minutes (.referat)"));
  gtk_file_filter_add_mime_type (filter, REF_XML_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "referat");
  return filter;
}

void
_ref_window_set_initial_folder (RefWindow *self, GtkFileChooser *chooser)
{
  g_autofree char *uri = self->settings ? g_settings_get_string (self->settings, "last-folder") : NULL;

  if (uri && *uri)
    {
      g_autoptr (GFile) folder = g_file_new_for_uri (uri);
      gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }
}

/* ---- export ---- */

typedef struct {
  RefWindow *window;
  char *path;
} ExportJob;


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
  trust = ref_settings_load_trust (self->settings);
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
  _ref_window_toast (self, _("Exporting…"));
}

/* ---- editing ---- */


/* ---- the sidebar, given its items a few at a time ----
 *
 * GTK 4.8's list view makes and binds a row for up to 200 items at once, before the
 * first frame: 0.1 s of processor time for 200 rows, in a window that shows 20. So
 * the list starts with a screenful, and each frame after the first adds some more
 * until it holds every item; anything that needs the whole list (selecting an item,
 * counting the items shown) completes it at once. */

#define LIST_FIRST_ITEMS 32
#define LIST_ITEMS_PER_FRAME 24

static void
stop_growing_list (RefWindow *self)
{
  if (self->grow_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->item_list), self->grow_tick);
      self->grow_tick = 0;
    }
}

static void
complete_list (RefWindow *self)
{
  stop_growing_list (self);
  if (self->list_slice != NULL && gtk_slice_list_model_get_size (self->list_slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->list_slice, G_MAXUINT);
}

static gboolean
grow_list_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  RefWindow *self = data;
  guint size = gtk_slice_list_model_get_size (self->list_slice);
  guint all = g_list_model_get_n_items (gtk_slice_list_model_get_model (self->list_slice));

  /* The first tick comes before the first frame is drawn: wait for the next. */
  if (self->list_first_frame < 0)
    self->list_first_frame = gdk_frame_clock_get_frame_counter (clock);
  if (gdk_frame_clock_get_frame_counter (clock) == self->list_first_frame)
    return G_SOURCE_CONTINUE;
  /* Past the rows GTK makes at most, the rest costs nothing: give it all. */
  if (size + LIST_ITEMS_PER_FRAME >= all || size >= 256)
    {
      self->grow_tick = 0;
      gtk_slice_list_model_set_size (self->list_slice, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->list_slice, size + LIST_ITEMS_PER_FRAME);
  return G_SOURCE_CONTINUE;
}

/* The list may be filtered by a search: positions in the selection are not positions
 * in the meeting, so items are found and selected as objects. */
RefAgendaItem *
_ref_window_selected_item (RefWindow *self, guint *store_position)
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

  complete_list (self);

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

void
_ref_window_select_item_object (RefWindow *self, RefAgendaItem *item)
{
  if (item == NULL || select_in_list (self, item))
    return;
  /* Hidden by the search: end the search so that it shows. */
  ref_search_bar_set_query (self->search_bar, "");
  select_in_list (self, item);
}

void
_ref_window_select_store_position (RefWindow *self, guint position)
{
  g_autoptr (RefAgendaItem) item = NULL;

  if (position >= ref_meeting_get_n_items (self->meeting))
    return;
  item = g_list_model_get_item (ref_meeting_get_items (self->meeting), position);
  _ref_window_select_item_object (self, item);
}

/* ---- find ---- */

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
  complete_list (self);
  return g_list_model_get_n_items (gtk_single_selection_get_model (self->selection));
}

void
_ref_window_go_to_number (RefWindow *self, guint number)
{
  RefAgendaItem *item = ref_meeting_find_item_by_number (self->meeting, number);
  guint position;

  if (item != NULL && ref_meeting_find_item_position (self->meeting, item, &position))
    {
      _ref_window_select_item_object (self, item);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("There is no item %u"), number);
      _ref_window_toast (self, text);
    }
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
  _ref_window_open_go_to_dialog (self, digit);
  return TRUE;
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

/* ---- review ---- */

static void
on_review_problem_activated (RefReviewPanel *panel, RefAgendaItem *item, RefWindow *self)
{
  gtk_popover_popdown (self->review_popover);
  if (item != NULL)
    {
      _ref_window_select_item_object (self, item);
      _ref_window_show_item_page (self);
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

  ref_case_history_panel_set_item (self->case_history_panel, self->meeting, _ref_window_selected_item (self, &position),
                                   self->file);
}

/* ---- approval ---- */

static void
on_approvals_toast (RefApprovalsPanel *panel, const char *text, RefWindow *self)
{
  _ref_window_toast (self, text);
}

static void
on_changed_item_activated (RefApprovalsPanel *panel, guint number, RefWindow *self)
{
  _ref_window_go_to_number (self, number);
}

/* An approval is a record: once made, it goes to the file at once (under the file's
 * lock, keeping what other members signed meanwhile). */
static void
on_approved (RefApprovalsPanel *panel, RefApproval *approval, RefWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->file != NULL && !save_shared (self, self->file, REF_XML_SAVE_NONE, &error))
    ref_window_show_error (self, _("The approval is made but not saved"), error->message);
}

static void
on_approving_changed (RefApprovalsPanel *panel, GParamSpec *pspec, RefWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.approve", !ref_approvals_panel_get_approving (panel));
}

static void
update_lock_state (RefWindow *self)
{
  gboolean locked = ref_meeting_get_locked (self->meeting);

  ref_item_view_set_locked (self->item_view, locked);
  ref_meeting_view_set_locked (self->meeting_view, locked);
  update_actions (self);
  gtk_revealer_set_reveal_child (self->lock_revealer, locked);
}

static void
on_locked_changed (RefMeeting *meeting, GParamSpec *pspec, RefWindow *self)
{
  update_lock_state (self);
}

void
ref_window_verify_approvals (RefWindow *self)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_approvals_panel_verify (self->approvals_panel, FALSE, FALSE);
}

gboolean
ref_window_get_verifying (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return ref_approvals_panel_get_verifying (self->approvals_panel);
}

guint
ref_window_wait_for_approvals (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), 0);

  if (self->verify_open_source != 0)
    {
      g_clear_handle_id (&self->verify_open_source, g_source_remove);
      ref_approvals_panel_verify (self->approvals_panel, FALSE, FALSE);
    }
  return ref_approvals_panel_wait (self->approvals_panel);
}

RefApprovalCheck *
ref_window_get_approval_check (RefWindow *self, guint index)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return ref_approvals_panel_get_check (self->approvals_panel, index);
}

GtkWidget *
ref_window_get_approvals_list (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return ref_approvals_panel_get_list (self->approvals_panel);
}

GtkWidget *
ref_window_get_approvals_panel (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->approvals_panel);
}

gboolean
ref_window_approve_with_file (RefWindow *self, const char *pkcs12_path, const char *password, GError **error)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return ref_approvals_panel_approve_with_file (self->approvals_panel, pkcs12_path, password, error);
}

gboolean
ref_window_get_approving (RefWindow *self)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return ref_approvals_panel_get_approving (self->approvals_panel);
}

void
ref_window_ask_certificate_password (RefWindow *self, const char *pkcs12_path)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_approvals_panel_ask_password (self->approvals_panel, pkcs12_path);
}

gboolean
ref_window_add_trust_anchor (RefWindow *self, const char *pem_path, GError **error)
{
  g_return_val_if_fail (REF_IS_WINDOW (self), FALSE);
  return ref_approvals_panel_add_trust_anchor (self->approvals_panel, pem_path, error);
}

void
ref_window_remove_trust_anchor (RefWindow *self, const char *pem_path)
{
  g_return_if_fail (REF_IS_WINDOW (self));
  ref_approvals_panel_remove_trust_anchor (self->approvals_panel, pem_path);
}

/* Verified once the window is up, with a toast for an approval that does not hold
 * (nothing is said when there are none). */
static gboolean
verify_on_open (gpointer data)
{
  RefWindow *self = data;

  self->verify_open_source = 0;
  ref_approvals_panel_verify (self->approvals_panel, TRUE, FALSE);
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

/* ---- closing ---- */

/* The dialog is transient for the window and still finishing its response: destroy
 * the window only once the dialog is done. */
gboolean
_ref_window_destroy_later (gpointer data)
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
      g_idle_add (_ref_window_destroy_later, g_object_ref (self));
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_confirmed = TRUE;
      if (self->file != NULL)
        {
          g_autoptr (GError) error = NULL;
          if (ref_window_save_to (self, self->file, &error))
            g_idle_add (_ref_window_destroy_later, g_object_ref (self));
          else
            {
              self->close_confirmed = FALSE;
              ref_window_show_error (self, _("Could not save"), error->message);
            }
        }
      else
        gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
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
  _ref_window_select_store_position (self, position);
}

static void
ref_window_constructed (GObject *object)
{
  RefWindow *self = REF_WINDOW (object);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (ref_window_parent_class)->constructed (object);

  g_assert (self->meeting != NULL);
  self->list_slice = gtk_slice_list_model_new (
      G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (ref_meeting_get_items (self->meeting)),
                                               g_object_ref (ref_search_bar_get_filter (self->search_bar)))),
      0, LIST_FIRST_ITEMS);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->list_slice)));
  self->list_first_frame = -1;
  if (g_list_model_get_n_items (gtk_slice_list_model_get_model (self->list_slice)) > LIST_FIRST_ITEMS)
    self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->item_list), grow_list_tick, self, NULL);
  else
    gtk_slice_list_model_set_size (self->list_slice, G_MAXUINT);
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
  g_signal_connect_object (ref_meeting_get_history (self->meeting), "changed", G_CALLBACK (on_history_changed), self, 0);
  g_signal_connect_object (self->meeting, "notify", G_CALLBACK (on_meeting_notify), self, 0);
  g_signal_connect_object (self->meeting, "notify::locked", G_CALLBACK (on_locked_changed), self, 0);
  ref_approvals_panel_set_meeting (self->approvals_panel, self->meeting);
  g_object_bind_property (self->approvals_panel, "status", self->lock_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->approvals_panel, "toast", G_CALLBACK (on_approvals_toast), self, 0);
  g_signal_connect_object (self->approvals_panel, "item-activated", G_CALLBACK (on_changed_item_activated), self, 0);
  g_signal_connect_object (self->approvals_panel, "approved", G_CALLBACK (on_approved), self, 0);
  g_signal_connect_object (self->approvals_panel, "notify::approving", G_CALLBACK (on_approving_changed), self, 0);
  ref_meeting_view_set_meeting (self->meeting_view, self->meeting);
  ref_item_view_set_meeting (self->item_view, self->meeting);
  setup_live_mode (self);
  on_selection_changed (self->selection, NULL, self);
  update_lock_state (self);
  update_title (self);
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
  g_clear_handle_id (&self->prefill_source, g_source_remove);
  g_clear_handle_id (&self->spell_attach_source, g_source_remove);
  g_clear_handle_id (&self->verify_open_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  /* No copy lost, and none still being written while the window goes away. */
  ref_recovery_flush ();
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
  if (self->approvals_panel)
    ref_approvals_panel_set_meeting (self->approvals_panel, NULL);
  if (self->live_view)
    ref_live_view_set_meeting (self->live_view, NULL);
  if (self->preview)
    ref_preview_set_meeting (self->preview, NULL);
  if (self->spell_checker != NULL)
    ref_spell_checker_set_meeting (self->spell_checker, NULL);
  /* Not complete_list (): giving a list that is going away all its items would make
   * GTK build its rows first (200 rows, 0.16 G instructions for a 500-item meeting). */
  stop_growing_list (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list_slice);
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
  g_clear_pointer (&self->last_autosave, g_ptr_array_unref);
  g_clear_pointer (&self->write_cache, ref_xml_write_cache_free);
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
  _ref_window_class_actions_init (widget_class);
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
  gtk_widget_class_bind_template_child (widget_class, RefWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, meeting_view);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, live_view);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, preview);
  /* Stateful toggles: the header's buttons and the menu show them checked. */
  gtk_widget_class_install_property_action (widget_class, "win.live-mode", "live-mode");
  gtk_widget_class_install_property_action (widget_class, "win.preview", "preview");
  gtk_widget_class_bind_template_child (widget_class, RefWindow, content_title);

  gtk_widget_class_bind_template_child (widget_class, RefWindow, case_history_button);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, case_history_popover);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, case_history_panel);

  gtk_widget_class_bind_template_child (widget_class, RefWindow, lock_revealer);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, lock_label);
  gtk_widget_class_bind_template_child (widget_class, RefWindow, approvals_panel);
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
  g_type_ensure (REF_TYPE_APPROVALS_PANEL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = ref_settings_new ();
}

RefWindow *
ref_window_new (RefApplication *app, RefMeeting *meeting, GFile *file)
{
  return g_object_new (REF_TYPE_WINDOW, "application", app, "meeting", meeting, "file", file, NULL);
}
