/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ref-culling-box.h"
#include "ref-decision-editor.h"
#include "ref-item-view.h"
#include "ref-read-only.h"
#include "ref-scroll-guard.h"
#include "ref-settings.h"
#include "ref-text-editor.h"
#include "ref-text-field.h"

/* The editor pane of one agenda item. Every field is bound to the model both ways,
 * so an edit here is an edit of the meeting (recorded for undo), and undo or any
 * other change of the model shows here at once. */
typedef enum {
  REBUILD_SECTIONS = 1 << 0,
  REBUILD_DECISIONS = 1 << 1,
  REBUILD_ATTACHMENTS = 1 << 2,
  REBUILD_COMMENTS = 1 << 4,
  REBUILD_ABSENCE = 1 << 3,
} RebuildPart;

struct _RefItemView {
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *scrolled;
  GtkLabel *heading_label;
  AdwEntryRow *title_row;
  AdwEntryRow *case_row;
  AdwEntryRow *decided_by_row;
  GtkSwitch *closed_switch;
  GtkSwitch *signature_switch;
  GtkBox *sections_box;
  GtkBox *recommendation_box;
  GtkBox *decisions_box;
  GtkBox *attachments_box;
  GtkBox *comments_box;
  GtkBox *absence_box;
  RefMeeting *meeting; /* for the participants and the derived absence */
  guint rebuild_source;
  guint pending; /* RebuildPart flags */
  gboolean focus_new_decision;
  GtkSpinButton *number_spin;
  GtkMenuButton *add_section_button;
  gboolean locked; /* the minutes are locked for approval: nothing here edits them */
  GSettings *settings; /* the author's name; NULL without the schema */

  RefAgendaItem *item;
  GPtrArray *bindings;   /* bindings of the static fields */
  GPtrArray *decision_editors;
};

G_DEFINE_FINAL_TYPE (RefItemView, ref_item_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

static GtkWidget *
heading (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
icon_button (const char *icon, const char *tooltip, const char *action, guint index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (index));
  return button;
}

/* A section's heading line: the heading (editable for a free heading) and buttons to
 * move or delete the section. */
static GtkWidget *
section_header (RefSection *section, guint index, guint n)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  const char *title = ref_section_get_display_heading (section);
  GtkWidget *up, *down;

  if (ref_section_get_kind (section) == REF_SECTION_KIND_FREE)
    {
      GtkWidget *entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Heading"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Section heading"), -1);
      g_object_bind_property (section, "heading", entry, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_widget_add_css_class (entry, "heading");
      gtk_box_append (GTK_BOX (row), entry);
    }
  else
    {
      GtkWidget *label = heading (title, ref_section_get_level (section) > 1 ? "heading" : "title-4");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
    }
  up = icon_button ("go-up-symbolic", _("Move Section Up"), "view.section-up", index);
  down = icon_button ("go-down-symbolic", _("Move Section Down"), "view.section-down", index);
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < n);
  gtk_box_append (GTK_BOX (row), up);
  gtk_box_append (GTK_BOX (row), down);
  gtk_box_append (GTK_BOX (row), icon_button ("user-trash-symbolic", _("Delete Section"), "view.section-delete", index));
  return row;
}

static void
rebuild_sections (RefItemView *self)
{
  GListModel *sections;
  guint n;

  clear_box (self->sections_box);
  if (self->item == NULL)
    return;
  sections = ref_agenda_item_get_sections (self->item);
  n = g_list_model_get_n_items (sections);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (sections, i);
      const char *title = ref_section_get_display_heading (section);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_box_append (GTK_BOX (box), section_header (section, i, n));
      /* A grouping heading ("Indhold") has no text of its own. */
      if (ref_section_get_kind (section) != REF_SECTION_KIND_CONTENT || !ref_text_is_empty (ref_section_get_text (section)))
        gtk_box_append (GTK_BOX (box), ref_text_field_new_bound (section, "text", *title ? title : _("Text")));
      gtk_box_append (self->sections_box, box);
    }
}

static void
section_move_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  GListStore *store;
  gboolean up = g_str_equal (action_name, "view.section-up");
  guint n;

  if (self->item == NULL)
    return;
  store = G_LIST_STORE (ref_agenda_item_get_sections (self->item));
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (index >= n || (up && index == 0) || (!up && index + 1 >= n))
    return;
  ref_list_store_move (store, index, up ? index - 1 : index + 1);
}

static void
section_delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  GListStore *store;

  if (self->item == NULL)
    return;
  store = G_LIST_STORE (ref_agenda_item_get_sections (self->item));
  if (index < g_list_model_get_n_items (G_LIST_MODEL (store)))
    ref_list_store_remove (store, index); /* undoable, like every edit */
}

/* Adds a section of the kind named by the parameter's nick ("summary", "free" …). */
static void
section_add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  int kind;
  g_autoptr (RefText) empty = ref_text_new ();

  if (self->item == NULL || !ref_enum_from_nick (REF_TYPE_SECTION_KIND, g_variant_get_string (parameter, NULL), &kind))
    return;
  ref_agenda_item_add_section (self->item, kind, NULL, empty);
}

static GMenuModel *
add_section_menu (void)
{
  GMenu *menu = g_menu_new ();
  static const RefSectionKind kinds[] = {
    REF_SECTION_KIND_SUMMARY,  REF_SECTION_KIND_BACKGROUND, REF_SECTION_KIND_CASE,
    REF_SECTION_KIND_ECONOMY,  REF_SECTION_KIND_DECISION_THEME, REF_SECTION_KIND_PREVIOUS,
    REF_SECTION_KIND_FURTHER,  REF_SECTION_KIND_ATTENDANCE_NOTE,
  };
  GMenu *free_section = g_menu_new ();

  /* The standard headings are printed in Danish whatever the desktop's language:
   * they are document text, so the menu shows them as they will be printed. */
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (ref_section_kind_default_heading (kinds[i]), NULL);
      g_menu_item_set_action_and_target_value (item, "view.add-section",
                                               g_variant_new_string (ref_enum_to_nick (REF_TYPE_SECTION_KIND, kinds[i])));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr (GMenuItem) item = g_menu_item_new (_("Other Heading"), NULL);
    g_menu_item_set_action_and_target_value (item, "view.add-section", g_variant_new_string ("free"));
    g_menu_append_item (free_section, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (free_section));
  g_object_unref (free_section);
  return G_MENU_MODEL (menu);
}

static void
rebuild_recommendation (RefItemView *self)
{
  RefRecommendation *rec;
  GtkWidget *by, *intro;

  clear_box (self->recommendation_box);
  if (self->item == NULL)
    return;
  gtk_box_append (self->recommendation_box, heading (_("Recommendation"), "title-3"));
  rec = ref_agenda_item_get_recommendation (self->item);
  if (rec == NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Add Recommendation"));
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "view.add-recommendation");
      gtk_box_append (self->recommendation_box, button);
      return;
    }
  by = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (by), _("Recommended by"));
  g_object_bind_property (rec, "by", by, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  /* "Center for Social og Arbejdsmarked indstiller, at": printed on one line with the
   * recommender, before the points. */
  intro = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (intro), _("Lead-in, e.g. “indstiller, at”"));
  gtk_widget_set_name (intro, "recommendation-intro");
  g_object_bind_property (rec, "intro", intro, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  {
    GtkWidget *list = gtk_list_box_new ();
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    gtk_list_box_append (GTK_LIST_BOX (list), by);
    gtk_list_box_append (GTK_LIST_BOX (list), intro);
    gtk_box_append (self->recommendation_box, list);
  }
  gtk_box_append (self->recommendation_box, ref_text_field_new_bound (rec, "text", _("Recommendation")));
}

static void
rebuild_decisions (RefItemView *self)
{
  GListModel *decisions;

  clear_box (self->decisions_box);
  g_ptr_array_set_size (self->decision_editors, 0);
  if (self->item == NULL)
    return;
  decisions = ref_agenda_item_get_decisions (self->item);
  if (g_list_model_get_n_items (decisions) == 0)
    gtk_box_append (self->decisions_box, heading (_("Decision"), "title-3"));
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) d = g_list_model_get_item (decisions, i);
      GtkWidget *editor = ref_decision_editor_new (d, self->item, self->meeting);

      if (i > 0)
        gtk_box_append (self->decisions_box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (self->decisions_box, editor);
      g_ptr_array_add (self->decision_editors, editor);
    }
}

/* ---- absence for this item ---- */

static void rebuild_absence (RefItemView *self);

static void
on_override_switch (GtkSwitch *sw, GParamSpec *pspec, RefItemView *self)
{
  gboolean active = gtk_switch_get_active (sw);
  GListStore *override;
  g_autoptr (GPtrArray) derived = NULL;

  if (self->item == NULL || self->meeting == NULL || active == ref_agenda_item_get_absence_overridden (self->item))
    return;
  override = G_LIST_STORE (ref_agenda_item_get_absence_override (self->item));
  ref_history_begin_group (ref_meeting_get_history (self->meeting));
  if (active)
    {
      /* Start from what was derived, so the secretary only corrects the difference. */
      derived = ref_meeting_compute_absent (self->meeting, self->item);
      for (guint i = 0; i < derived->len; i++)
        ref_list_store_append (override, g_ptr_array_index (derived, i));
    }
  else
    while (g_list_model_get_n_items (G_LIST_MODEL (override)) > 0)
      ref_list_store_remove (override, 0);
  ref_agenda_item_set_absence_overridden (self->item, active);
  ref_history_end_group (ref_meeting_get_history (self->meeting));
}

static void
on_absent_toggled (GtkCheckButton *check, RefItemView *self)
{
  RefParticipant *p = g_object_get_data (G_OBJECT (check), "participant");
  GListStore *override;
  guint position;

  if (self->item == NULL)
    return;
  override = G_LIST_STORE (ref_agenda_item_get_absence_override (self->item));
  if (gtk_check_button_get_active (check) && !g_list_store_find (override, p, NULL))
    ref_list_store_append (override, p);
  else if (!gtk_check_button_get_active (check) && g_list_store_find (override, p, &position))
    ref_list_store_remove (override, position);
}

static void
rebuild_absence (RefItemView *self)
{
  GtkWidget *list, *row, *sw;
  g_autoptr (GPtrArray) absent = NULL;
  GString *names;
  GListModel *participants;

  clear_box (self->absence_box);
  if (self->item == NULL || self->meeting == NULL)
    return;
  gtk_box_append (self->absence_box, heading (_("Absent for This Item"), "title-3"));
  absent = ref_meeting_compute_absent (self->meeting, self->item);
  names = g_string_new (NULL);
  for (guint i = 0; i < absent->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", ref_participant_get_name (g_ptr_array_index (absent, i)));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names->len ? names->str : _("Nobody"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ref_agenda_item_get_absence_overridden (self->item)
                                                         ? _("Set by hand for this item")
                                                         : _("From the meeting’s attendance"));
  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), ref_agenda_item_get_absence_overridden (self->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Set absence by hand"), -1);
  gtk_widget_set_tooltip_text (sw, _("Set absence by hand"));
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_override_switch), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_string_free (names, TRUE);

  if (ref_agenda_item_get_absence_overridden (self->item))
    {
      participants = ref_meeting_get_participants (self->meeting);
      for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
        {
          g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
          GtkWidget *prow = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (prow), ref_participant_get_name (p));
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_list_store_find (G_LIST_STORE (ref_agenda_item_get_absence_override (self->item)), p, NULL));
          g_object_set_data (G_OBJECT (check), "participant", p);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, ref_participant_get_name (p), -1);
          g_signal_connect (check, "toggled", G_CALLBACK (on_absent_toggled), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (prow), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (prow), check);
          gtk_list_box_append (GTK_LIST_BOX (list), prow);
        }
    }
  gtk_box_append (self->absence_box, list);
}

static void rebuild_sections (RefItemView *self);
static void rebuild_decisions (RefItemView *self);
static void apply_lock (RefItemView *self);
static void rebuild_attachments (RefItemView *self);
static void rebuild_comments (RefItemView *self);

static gboolean
rebuild_idle (gpointer data)
{
  RefItemView *self = data;
  guint pending = self->pending;

  self->rebuild_source = 0;
  self->pending = 0;
  if (pending & REBUILD_SECTIONS)
    rebuild_sections (self);
  if (pending & REBUILD_DECISIONS)
    rebuild_decisions (self);
  if (pending & REBUILD_ATTACHMENTS)
    rebuild_attachments (self);
  if (pending & REBUILD_COMMENTS)
    rebuild_comments (self);
  if (pending & REBUILD_ABSENCE)
    rebuild_absence (self);
  apply_lock (self);
  if (self->focus_new_decision && self->decision_editors->len > 0)
    ref_decision_editor_focus (g_ptr_array_index (self->decision_editors, self->decision_editors->len - 1));
  self->focus_new_decision = FALSE;
  return G_SOURCE_REMOVE;
}

/* Repeated parts are rebuilt from idle: a change usually comes from one of their own
 * widgets (a delete button, the absence switch), which must not be destroyed while it
 * is still emitting its signal. */
static void
schedule_rebuild (RefItemView *self, RebuildPart parts)
{
  self->pending |= parts;
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle, self);
}

static void
schedule_absence_rebuild (RefItemView *self)
{
  schedule_rebuild (self, REBUILD_ABSENCE);
}

void
ref_item_view_set_meeting (RefItemView *self, RefMeeting *meeting)
{
  g_return_if_fail (REF_IS_ITEM_VIEW (self));
  /* Not owned: the window holds the meeting for as long as the view lives. */
  self->meeting = meeting;
  rebuild_absence (self);
}

/* ---- attachments ---- */

static GtkWidget *
attachment_row (RefAttachment *attachment, guint index)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *recommended = gtk_check_button_new_with_label (_("Recommended"));
  const char *file = ref_attachment_get_filename (attachment);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *file ? file : _("Attachment"));
  g_object_bind_property (attachment, "title", row, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (attachment, "recommended", recommended, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_widget_set_tooltip_text (recommended, _("Marked ANBEFALES: recommended reading"));
  gtk_widget_set_valign (recommended, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), recommended);
  if (*file)
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon_button ("document-open-symbolic", _("Open Attachment"),
                                                                "view.attachment-open", index));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon_button ("user-trash-symbolic", _("Remove Attachment"),
                                                              "view.attachment-delete", index));
  return row;
}

static void
rebuild_attachments (RefItemView *self)
{
  GListModel *attachments;
  GtkWidget *list;
  GtkWidget *add;

  clear_box (self->attachments_box);
  if (self->item == NULL)
    return;
  gtk_box_append (self->attachments_box, heading (_("Attachments"), "title-3"));
  attachments = ref_agenda_item_get_attachments (self->item);
  if (g_list_model_get_n_items (attachments) > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
        {
          g_autoptr (RefAttachment) a = g_list_model_get_item (attachments, i);
          gtk_list_box_append (GTK_LIST_BOX (list), attachment_row (a, i));
        }
      gtk_box_append (self->attachments_box, list);
    }
  add = gtk_button_new_with_label (_("Add Attachment…"));
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "view.add-attachment");
  gtk_box_append (self->attachments_box, add);
}

static void
on_attachments_changed (GListModel *list, guint position, guint removed, guint added, RefItemView *self)
{
  schedule_rebuild (self, REBUILD_ATTACHMENTS);
}

/* The title defaults to the file's name without its extension, as minutes list them. */
void
ref_item_view_add_attachment_file (RefItemView *self, GFile *file)
{
  g_autoptr (RefAttachment) attachment = ref_attachment_new ();
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  char *dot = strrchr (name, '.');

  g_return_if_fail (REF_IS_ITEM_VIEW (self) && self->item != NULL);
  if (dot != NULL && dot != name)
    *dot = '\0';
  ref_attachment_set_title (attachment, name);
  ref_attachment_set_filename (attachment, path);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_attachments (self->item)), attachment);
}

static void
on_attachment_chosen (GtkNativeDialog *dialog, int response, RefItemView *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->item != NULL)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          ref_item_view_add_attachment_file (self, file);
        }
    }
  g_object_unref (dialog);
}

static void
add_attachment_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Add Attachments"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_attachment_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
attachment_delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  GListStore *store;
  guint index = g_variant_get_uint32 (parameter);

  if (self->item == NULL)
    return;
  store = G_LIST_STORE (ref_agenda_item_get_attachments (self->item));
  if (index < g_list_model_get_n_items (G_LIST_MODEL (store)))
    ref_list_store_remove (store, index);
}

static void
attachment_open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  g_autoptr (RefAttachment) attachment = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *list;

  if (self->item == NULL)
    return;
  list = ref_agenda_item_get_attachments (self->item);
  if (g_variant_get_uint32 (parameter) >= g_list_model_get_n_items (list))
    return;
  attachment = g_list_model_get_item (list, g_variant_get_uint32 (parameter));
  file = g_file_new_for_path (ref_attachment_get_filename (attachment));
  uri = g_file_get_uri (file);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open %s: %s", uri, error->message);
}

/* ---- reviewer comments ---- */

/* What a comment is about, as its row and the target menu name it. (transfer full)
 * (nullable): NULL for the whole item, or a part it no longer has. */
static char *
comment_target_label (RefAgendaItem *item, RefComment *comment)
{
  RefSection *section = ref_comment_get_section (comment);
  RefDecision *decision = ref_comment_get_decision (comment);
  guint position;

  if (section != NULL && g_list_store_find (G_LIST_STORE (ref_agenda_item_get_sections (item)), section, &position))
    return g_strdup (ref_section_get_display_heading (section));
  if (decision != NULL && g_list_store_find (G_LIST_STORE (ref_agenda_item_get_decisions (item)), decision, &position))
    return *ref_decision_get_deciding_body (decision)
               ? g_strdup_printf (_("Decision of %s"), ref_decision_get_deciding_body (decision))
               /* TRANSLATORS: the second decision of an item, when it names no deciding body */
               : g_strdup_printf (_("Decision %u"), position + 1);
  if (ref_comment_get_recommendation (comment) && ref_agenda_item_get_recommendation (item) != NULL)
    return g_strdup (_("Recommendation"));
  return NULL;
}

static GtkWidget *
comment_row (RefAgendaItem *item, RefComment *comment, guint index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *resolved = gtk_check_button_new_with_label (_("Resolved"));
  GDateTime *time = ref_comment_get_time (comment);
  g_autofree char *target = comment_target_label (item, comment);
  g_autoptr (GString) subtitle = g_string_new (ref_comment_get_author (comment));

  if (time != NULL)
    {
      /* TRANSLATORS: date and time of a comment, see g_date_time_format() */
      g_autofree char *when = g_date_time_format (time, _("%e %b %Y %H:%M"));
      g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", g_strstrip (when));
    }
  if (target != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", target);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ref_comment_get_text (comment));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_object_bind_property (comment, "resolved", resolved, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_widget_set_valign (resolved, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), resolved);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("user-trash-symbolic", _("Delete Comment"),
                                                                "view.comment-delete", index));
  if (ref_comment_get_resolved (comment))
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* Adds a comment about @target: a RefSection, the item's RefRecommendation, one of
 * its RefDecisions, or NULL for the whole item. The author is the user's name. */
void
ref_item_view_add_comment_on (RefItemView *self, const char *text, gpointer target)
{
  g_autoptr (RefComment) comment = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *author = NULL;

  g_return_if_fail (REF_IS_ITEM_VIEW (self) && self->item != NULL);
  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped == '\0')
    return;
  comment = ref_comment_new ();
  now = g_date_time_new_now_local ();
  author = ref_settings_dup_author_name (self->settings);
  ref_comment_set_author (comment, author);
  ref_comment_set_time (comment, now);
  ref_comment_set_text (comment, stripped);
  if (REF_IS_SECTION (target))
    ref_comment_set_section (comment, target);
  else if (REF_IS_DECISION (target))
    ref_comment_set_decision (comment, target);
  else if (REF_IS_RECOMMENDATION (target))
    ref_comment_set_recommendation (comment, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_comments (self->item)), comment);
}

void
ref_item_view_add_comment (RefItemView *self, const char *text, RefSection *section)
{
  ref_item_view_add_comment_on (self, text, section);
}

static void
on_comment_apply (AdwEntryRow *row, RefItemView *self)
{
  GtkDropDown *choice = g_object_get_data (G_OBJECT (row), "ref-target-choice");
  GPtrArray *targets = g_object_get_data (G_OBJECT (row), "ref-targets");
  guint chosen = choice ? gtk_drop_down_get_selected (choice) : 0;

  if (self->item == NULL)
    return;
  /* Choice 0 is the whole item; then the item's parts in order. */
  ref_item_view_add_comment_on (self, gtk_editable_get_text (GTK_EDITABLE (row)),
                                chosen > 0 && chosen < targets->len + 1 ? g_ptr_array_index (targets, chosen - 1) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* The parts of the item a comment can be about: the sections, the recommendation,
 * the decisions; with their names for the menu. */
static GtkWidget *
comment_target_choice (RefItemView *self, GPtrArray *targets)
{
  GListModel *sections = ref_agenda_item_get_sections (self->item);
  GListModel *decisions = ref_agenda_item_get_decisions (self->item);
  RefRecommendation *rec = ref_agenda_item_get_recommendation (self->item);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;
  GtkWidget *choice;

  g_strv_builder_add (names, _("Whole item"));
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (sections, i);
      g_strv_builder_add (names, ref_section_get_display_heading (section));
      g_ptr_array_add (targets, g_object_ref (section));
    }
  if (rec != NULL)
    {
      g_strv_builder_add (names, _("Recommendation"));
      g_ptr_array_add (targets, g_object_ref (rec));
    }
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (decisions, i);
      g_autofree char *name = *ref_decision_get_deciding_body (decision)
                                  ? g_strdup_printf (_("Decision of %s"), ref_decision_get_deciding_body (decision))
                                  : g_strdup_printf (_("Decision %u"), i + 1);
      g_strv_builder_add (names, name);
      g_ptr_array_add (targets, g_object_ref (decision));
    }
  strv = g_strv_builder_end (names);
  choice = gtk_drop_down_new_from_strings ((const char *const *) strv);
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (choice, _("What the comment is about"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the comment is about"),
                                  -1);
  return choice;
}

static void
rebuild_comments (RefItemView *self)
{
  GListModel *comments;
  GtkWidget *list;
  GtkWidget *entry;
  GtkWidget *note;
  GtkWidget *choice;
  GPtrArray *targets;
  g_autofree char *author = NULL;
  g_autofree char *signed_as = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean was_typing = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->comments_box));

  /* The row being typed in is about to go: the focus leaves it first (a focused
   * entry row that goes away is what crashed the approval dialog) and moves to the
   * new row, so that the secretary can type the next comment straight away. */
  if (was_typing)
    gtk_root_set_focus (root, NULL);
  clear_box (self->comments_box);
  if (self->item == NULL)
    return;
  gtk_box_append (self->comments_box, heading (_("Comments"), "title-3"));
  author = ref_settings_dup_author_name (self->settings);
  if (*author != '\0')
    /* TRANSLATORS: %s is the user's name, as written on new comments */
    signed_as = g_strdup_printf (_("Notes between secretary and reviewers, saved with the minutes but never printed. "
                                   "Yours are signed “%s” (Preferences, Ctrl+,)."),
                                 author);
  else
    signed_as = g_strdup (_("Notes between secretary and reviewers, saved with the minutes but never printed. "
                            "Set your name in Preferences (Ctrl+,) so that yours show who wrote them."));
  note = gtk_label_new (signed_as);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (self->comments_box, note);
  comments = ref_agenda_item_get_comments (self->item);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < g_list_model_get_n_items (comments); i++)
    {
      g_autoptr (RefComment) c = g_list_model_get_item (comments, i);
      gtk_list_box_append (GTK_LIST_BOX (list), comment_row (self->item, c, i));
    }
  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Add a comment"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  g_signal_connect (entry, "apply", G_CALLBACK (on_comment_apply), self);
  g_signal_connect (entry, "entry-activated", G_CALLBACK (on_comment_apply), self);
  gtk_widget_set_name (entry, "add-comment-row");
  targets = g_ptr_array_new_with_free_func (g_object_unref);
  choice = comment_target_choice (self, targets);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), choice);
  g_object_set_data (G_OBJECT (entry), "ref-target-choice", choice);
  g_object_set_data_full (G_OBJECT (entry), "ref-targets", targets, (GDestroyNotify) g_ptr_array_unref);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  gtk_box_append (self->comments_box, list);
  if (was_typing)
    gtk_widget_grab_focus (entry);
}

static void
on_comments_changed (GListModel *list, guint position, guint removed, guint added, RefItemView *self)
{
  schedule_rebuild (self, REBUILD_COMMENTS);
}

static void
comment_delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  GListStore *store;
  guint index = g_variant_get_uint32 (parameter);

  if (self->item == NULL)
    return;
  store = G_LIST_STORE (ref_agenda_item_get_comments (self->item));
  if (index < g_list_model_get_n_items (G_LIST_MODEL (store)))
    ref_list_store_remove (store, index);
}

static void
update_heading (RefItemView *self)
{
  g_autofree char *text = NULL;

  if (self->item == NULL)
    return;
  /* TRANSLATORS: agenda item heading, "Item 4: Title" */
  text = g_strdup_printf (_("Item %u: %s"), ref_agenda_item_get_number (self->item), ref_agenda_item_get_title (self->item));
  gtk_label_set_label (self->heading_label, text);
}

static void
on_item_notify (RefAgendaItem *item, GParamSpec *pspec, RefItemView *self)
{
  if (g_str_equal (pspec->name, "recommendation"))
    rebuild_recommendation (self);
  else if (g_str_equal (pspec->name, "number") || g_str_equal (pspec->name, "title"))
    update_heading (self);
  else if (g_str_equal (pspec->name, "absence-overridden"))
    schedule_absence_rebuild (self); /* also after undo */
}

static void
on_sections_changed (GListModel *list, guint position, guint removed, guint added, RefItemView *self)
{
  schedule_rebuild (self, REBUILD_SECTIONS);
}

static void
on_decisions_changed (GListModel *list, guint position, guint removed, guint added, RefItemView *self)
{
  schedule_rebuild (self, REBUILD_DECISIONS);
}

static gboolean
kind_to_signature (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == REF_ITEM_KIND_SIGNATURE);
  return TRUE;
}

static gboolean
signature_to_kind (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_enum (to, g_value_get_boolean (from) ? REF_ITEM_KIND_SIGNATURE : REF_ITEM_KIND_REGULAR);
  return TRUE;
}

static gboolean
uint_to_double (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_double (to, g_value_get_uint (from));
  return TRUE;
}

static gboolean
double_to_uint (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_uint (to, (guint) MAX (1, g_value_get_double (from)));
  return TRUE;
}

RefAgendaItem *
ref_item_view_get_item (RefItemView *self)
{
  g_return_val_if_fail (REF_IS_ITEM_VIEW (self), NULL);
  return self->item;
}

GtkWidget *
ref_item_view_get_decision_editor (RefItemView *self, guint index)
{
  g_return_val_if_fail (REF_IS_ITEM_VIEW (self), NULL);
  if (index >= self->decision_editors->len)
    return NULL;
  return GTK_WIDGET (ref_decision_editor_get_text_editor (g_ptr_array_index (self->decision_editors, index)));
}

void
ref_item_view_focus_title (RefItemView *self)
{
  g_return_if_fail (REF_IS_ITEM_VIEW (self));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

GtkWidget *
ref_item_view_get_decision_widget (RefItemView *self, guint index)
{
  g_return_val_if_fail (REF_IS_ITEM_VIEW (self), NULL);
  return index < self->decision_editors->len ? g_ptr_array_index (self->decision_editors, index) : NULL;
}

void
ref_item_view_set_item (RefItemView *self, RefAgendaItem *item)
{
  g_return_if_fail (REF_IS_ITEM_VIEW (self));

  if (self->item == item)
    return;
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  if (self->item != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->item, self);
      g_signal_handlers_disconnect_by_data (ref_agenda_item_get_sections (self->item), self);
      g_signal_handlers_disconnect_by_data (ref_agenda_item_get_decisions (self->item), self);
      g_signal_handlers_disconnect_by_data (ref_agenda_item_get_attachments (self->item), self);
      g_signal_handlers_disconnect_by_data (ref_agenda_item_get_comments (self->item), self);
    }
  g_set_object (&self->item, item);

  gtk_stack_set_visible_child_name (self->stack, item ? "item" : "empty");
  if (item != NULL)
    {
      g_ptr_array_add (self->bindings, g_object_bind_property (item, "title", self->title_row, "text",
                                                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
      g_ptr_array_add (self->bindings, g_object_bind_property (item, "case-number", self->case_row, "text",
                                                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
      g_ptr_array_add (self->bindings, g_object_bind_property_full (item, "number", self->number_spin, "value",
                                                                    G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                                                                    uint_to_double, double_to_uint, NULL, NULL));
      g_signal_connect (ref_agenda_item_get_attachments (item), "items-changed", G_CALLBACK (on_attachments_changed), self);
      g_signal_connect (ref_agenda_item_get_comments (item), "items-changed", G_CALLBACK (on_comments_changed), self);
      g_ptr_array_add (self->bindings, g_object_bind_property (item, "closed", self->closed_switch, "active",
                                                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
      g_ptr_array_add (self->bindings, g_object_bind_property (item, "decided-by", self->decided_by_row, "text",
                                                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL));
      g_ptr_array_add (self->bindings, g_object_bind_property_full (item, "kind", self->signature_switch, "active",
                                                                    G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                                                                    kind_to_signature, signature_to_kind, NULL, NULL));
      g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
      g_signal_connect (ref_agenda_item_get_sections (item), "items-changed", G_CALLBACK (on_sections_changed), self);
      g_signal_connect (ref_agenda_item_get_decisions (item), "items-changed", G_CALLBACK (on_decisions_changed), self);
    }
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  self->pending = 0;
  /* Another item starts at its top, not where the last one was scrolled to. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  update_heading (self);
  rebuild_sections (self);
  rebuild_recommendation (self);
  rebuild_decisions (self);
  rebuild_attachments (self);
  rebuild_comments (self);
  rebuild_absence (self);
  apply_lock (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* The parts that are the signed content. Comments are not (reviewers go on commenting
 * while members approve), and opening an attachment only reads it. */
static void
apply_lock (RefItemView *self)
{
  static const char *const content_actions[] = {
    "view.add-attachment", "view.attachment-delete", "view.add-decision", "view.add-recommendation",
    "view.add-section",    "view.section-up",        "view.section-down", "view.section-delete",
  };
  GtkWidget *parts[] = {
    GTK_WIDGET (self->title_row),       GTK_WIDGET (self->case_row),           GTK_WIDGET (self->number_spin),
    GTK_WIDGET (self->closed_switch),   GTK_WIDGET (self->add_section_button), GTK_WIDGET (self->sections_box),
    GTK_WIDGET (self->decided_by_row),  GTK_WIDGET (self->signature_switch),
    GTK_WIDGET (self->recommendation_box), GTK_WIDGET (self->decisions_box),   GTK_WIDGET (self->absence_box),
    GTK_WIDGET (self->attachments_box),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (content_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), content_actions[i], !self->locked);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    ref_read_only_apply (parts[i], self->locked);
  /* They rebuild parts of themselves (voters, statements) and must keep the state. */
  for (guint i = 0; i < self->decision_editors->len; i++)
    ref_decision_editor_set_locked (g_ptr_array_index (self->decision_editors, i), self->locked);
}

gboolean
ref_item_view_get_locked (RefItemView *self)
{
  g_return_val_if_fail (REF_IS_ITEM_VIEW (self), FALSE);
  return self->locked;
}

void
ref_item_view_set_locked (RefItemView *self, gboolean locked)
{
  g_return_if_fail (REF_IS_ITEM_VIEW (self));
  locked = !!locked;
  if (self->locked == locked)
    return;
  self->locked = locked;
  apply_lock (self);
}

/* A new, empty decision; where several committees decide, the secretary names the
 * deciding body in its row. */
static void
add_decision_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  g_autoptr (RefDecision) decision = NULL;

  if (self->item == NULL)
    return;
  decision = ref_decision_new ();
  /* Usually the meeting's committee deciding on the day: the item's "Beslutningen
   * træffes af" where it names the body. */
  if (*ref_agenda_item_get_decided_by (self->item))
    ref_decision_set_deciding_body (decision, ref_agenda_item_get_decided_by (self->item));
  else if (self->meeting != NULL)
    ref_decision_set_deciding_body (decision, ref_meeting_get_committee (self->meeting));
  if (self->meeting != NULL && ref_meeting_get_start (self->meeting) != NULL)
    {
      GDateTime *start = ref_meeting_get_start (self->meeting);
      g_autoptr (GDateTime) day = g_date_time_new_utc (g_date_time_get_year (start), g_date_time_get_month (start),
                                                       g_date_time_get_day_of_month (start), 0, 0, 0);
      ref_decision_set_date (decision, day);
    }
  self->focus_new_decision = TRUE; /* once its editor exists */
  ref_agenda_item_add_decision (self->item, decision);
}

static void
add_recommendation_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefItemView *self = REF_ITEM_VIEW (widget);
  g_autoptr (RefRecommendation) rec = NULL;

  if (self->item == NULL || ref_agenda_item_get_recommendation (self->item) != NULL)
    return;
  rec = ref_recommendation_new ();
  ref_recommendation_set_intro (rec, REF_RECOMMENDATION_STANDARD_INTRO);
  ref_agenda_item_set_recommendation (self->item, rec);
}

static void
ref_item_view_dispose (GObject *object)
{
  RefItemView *self = REF_ITEM_VIEW (object);

  ref_item_view_set_item (self, NULL);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_ITEM_VIEW);
  G_OBJECT_CLASS (ref_item_view_parent_class)->dispose (object);
}

static void
ref_item_view_finalize (GObject *object)
{
  RefItemView *self = REF_ITEM_VIEW (object);

  g_ptr_array_unref (self->bindings);
  g_ptr_array_unref (self->decision_editors);
  G_OBJECT_CLASS (ref_item_view_parent_class)->finalize (object);
}

static void
ref_item_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, REF_ITEM_VIEW (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_item_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      ref_item_view_set_item (REF_ITEM_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_item_view_class_init (RefItemViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_item_view_dispose;
  object_class->finalize = ref_item_view_finalize;
  object_class->get_property = ref_item_view_get_property;
  object_class->set_property = ref_item_view_set_property;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, REF_TYPE_AGENDA_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-item-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RefItemView, stack);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, title_row);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, case_row);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, closed_switch);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, decided_by_row);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, signature_switch);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, recommendation_box);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, decisions_box);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, add_section_button);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, comments_box);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, absence_box);
  gtk_widget_class_bind_template_child (widget_class, RefItemView, number_spin);
  gtk_widget_class_install_action (widget_class, "view.add-attachment", NULL, add_attachment_activated);
  gtk_widget_class_install_action (widget_class, "view.attachment-delete", "u", attachment_delete_activated);
  gtk_widget_class_install_action (widget_class, "view.attachment-open", "u", attachment_open_activated);
  gtk_widget_class_install_action (widget_class, "view.comment-delete", "u", comment_delete_activated);
  gtk_widget_class_install_action (widget_class, "view.add-decision", NULL, add_decision_activated);
  gtk_widget_class_install_action (widget_class, "view.add-recommendation", NULL, add_recommendation_activated);
  gtk_widget_class_install_action (widget_class, "view.add-section", "s", section_add_activated);
  gtk_widget_class_install_action (widget_class, "view.section-up", "u", section_move_activated);
  gtk_widget_class_install_action (widget_class, "view.section-down", "u", section_move_activated);
  gtk_widget_class_install_action (widget_class, "view.section-delete", "u", section_delete_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ref_item_view_init (RefItemView *self)
{
  self->bindings = g_ptr_array_new ();
  self->decision_editors = g_ptr_array_new ();
  self->settings = ref_settings_new ();
  /* A new name in Preferences shows in the hint at once. */
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::author-name", G_CALLBACK (rebuild_comments), self);
  g_type_ensure (REF_TYPE_TEXT_EDITOR);
  g_type_ensure (REF_TYPE_CULLING_BOX);
  gtk_widget_init_template (GTK_WIDGET (self));
  ref_scroll_guard_attach (GTK_WIDGET (self->number_spin));
  {
    g_autoptr (GMenuModel) menu = add_section_menu ();
    gtk_menu_button_set_menu_model (self->add_section_button, menu);
  }
}

GtkWidget *
ref_item_view_new (void)
{
  return g_object_new (REF_TYPE_ITEM_VIEW, NULL);
}
