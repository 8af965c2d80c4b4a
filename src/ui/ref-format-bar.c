/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ref-format-bar.h"
#include "ref-xml.h"
#include "ref-widget-util.h"

struct _RefFormatBar {
  GtkWidget parent_instance;

  GtkToggleButton *bold_button;
  GtkToggleButton *italic_button;
  GtkToggleButton *underline_button;
  GtkToggleButton *bullet_button;
  GtkToggleButton *numbered_button;
  GtkToggleButton *table_button;
  GtkMenuButton *link_button;
  GtkPopover *link_popover;
  GtkEntry *link_entry;
  GtkButton *unlink_button;
  GtkButton *apply_link_button;
  GtkLabel *link_error;
  /* The editor's selection when the address was asked for (insert, bound): the
   * address entry may take the PRIMARY selection, and GtkTextBuffer then drops its
   * own, so the link would go in as text at the cursor instead. */
  GtkTextMark *link_insert;
  GtkTextMark *link_bound;

  RefTextEditor *editor; /* weak */
  gboolean syncing;      /* the toggles are being set from the editor's state */
};

G_DEFINE_FINAL_TYPE (RefFormatBar, ref_format_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows the state at the cursor: what typing will produce, and the current line's block. */
static void
sync_state (RefFormatBar *self)
{
  RefTextEditorBlock block;
  gboolean editable;

  if (self->editor == NULL)
    return;
  block = ref_text_editor_get_block_at_cursor (self->editor);
  editable = gtk_text_view_get_editable (GTK_TEXT_VIEW (self->editor));
  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->bold_button, ref_text_editor_get_style_active (self->editor, REF_STYLE_BOLD));
  gtk_toggle_button_set_active (self->italic_button, ref_text_editor_get_style_active (self->editor, REF_STYLE_ITALIC));
  gtk_toggle_button_set_active (self->underline_button,
                                ref_text_editor_get_style_active (self->editor, REF_STYLE_UNDERLINE));
  gtk_toggle_button_set_active (self->bullet_button, block == REF_TEXT_EDITOR_BLOCK_BULLET);
  gtk_toggle_button_set_active (self->numbered_button, block == REF_TEXT_EDITOR_BLOCK_NUMBERED);
  gtk_toggle_button_set_active (self->table_button, block == REF_TEXT_EDITOR_BLOCK_TABLE);
  self->syncing = FALSE;
  /* Read-only (locked for approval): nothing to format. */
  gtk_widget_set_visible (GTK_WIDGET (self), editable);
}

static void
on_style_toggled (GtkToggleButton *button, RefFormatBar *self)
{
  RefStyle style = button == self->bold_button     ? REF_STYLE_BOLD
                   : button == self->italic_button ? REF_STYLE_ITALIC
                                                   : REF_STYLE_UNDERLINE;

  if (self->syncing || self->editor == NULL)
    return;
  ref_text_editor_toggle_style (self->editor, style);
  sync_state (self);
}

static void
on_block_toggled (GtkToggleButton *button, RefFormatBar *self)
{
  RefTextEditorBlock block = button == self->bullet_button     ? REF_TEXT_EDITOR_BLOCK_BULLET
                             : button == self->numbered_button ? REF_TEXT_EDITOR_BLOCK_NUMBERED
                                                               : REF_TEXT_EDITOR_BLOCK_TABLE;

  if (self->syncing || self->editor == NULL)
    return;
  ref_text_editor_set_block (self->editor, block);
  sync_state (self);
}

static void
forget_link_range (RefFormatBar *self)
{
  GtkTextBuffer *buffer;

  if (self->link_insert == NULL)
    return;
  buffer = gtk_text_mark_get_buffer (self->link_insert);
  if (buffer != NULL)
    {
      gtk_text_buffer_delete_mark (buffer, self->link_insert);
      gtk_text_buffer_delete_mark (buffer, self->link_bound);
    }
  g_clear_object (&self->link_insert);
  g_clear_object (&self->link_bound);
}

/* Selects again what was selected when the popover opened, and forgets it. */
static void
restore_link_range (RefFormatBar *self)
{
  GtkTextBuffer *buffer = self->link_insert ? gtk_text_mark_get_buffer (self->link_insert) : NULL;

  if (buffer != NULL && self->editor != NULL && buffer == gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor)))
    {
      GtkTextIter insert, bound;

      gtk_text_buffer_get_iter_at_mark (buffer, &insert, self->link_insert);
      gtk_text_buffer_get_iter_at_mark (buffer, &bound, self->link_bound);
      gtk_text_buffer_select_range (buffer, &insert, &bound);
    }
  forget_link_range (self);
}

static void
on_link_popover_closed (GtkPopover *popover, RefFormatBar *self)
{
  restore_link_range (self);
}

static void
on_link_popover_show (GtkPopover *popover, RefFormatBar *self)
{
  g_autofree char *href = self->editor ? ref_text_editor_get_link (self->editor) : NULL;

  forget_link_range (self);
  if (self->editor != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
      GtkTextIter insert, bound;

      gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_get_iter_at_mark (buffer, &bound, gtk_text_buffer_get_selection_bound (buffer));
      self->link_insert = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &insert, TRUE));
      self->link_bound = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &bound, TRUE));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), href ? href : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlink_button), href != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_entry));
}

static void
finish_link (RefFormatBar *self, const char *href)
{
  restore_link_range (self);
  gtk_popover_popdown (self->link_popover);
  if (self->editor == NULL)
    return;
  ref_text_editor_set_link (self->editor, href);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* The address typed, as the link will hold it: "www.ballerup.dk" means a web page
 * and "navn@ballerup.dk" a mail address, so they get the scheme a reader's PDF
 * viewer needs. "" (remove the link) when nothing is typed; NULL when the text is no
 * address: it has spaces or no scheme, is not a web or mail address (javascript:,
 * file:), or is not a URI the file format takes. */
static char *
link_address (const char *typed)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));
  g_autofree char *href = NULL;
  gsize scheme_end = strcspn (text, ":/?#@");

  if (*text == '\0')
    return g_strdup ("");
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p))
      return NULL;
  if (text[scheme_end] == ':' && scheme_end > 0)
    href = g_strdup (text);
  else if (strchr (text, '@') != NULL && strchr (text, '/') == NULL)
    href = g_strconcat ("mailto:", text, NULL);
  else if (memchr (text, '.', strcspn (text, "/?#")) != NULL)
    href = g_strconcat ("https://", text, NULL);
  else
    return NULL;
  return ref_xml_link_is_safe (href) ? g_steal_pointer (&href) : NULL;
}

static void
on_link_entry_changed (GtkEditable *entry, RefFormatBar *self)
{
  g_autofree char *href = link_address (gtk_editable_get_text (entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_link_button), href != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->link_error), href == NULL);
  if (href == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
on_apply_link_clicked (GtkButton *button, RefFormatBar *self)
{
  g_autofree char *href = link_address (gtk_editable_get_text (GTK_EDITABLE (self->link_entry)));

  /* Enter on an address that is none keeps the popover open, with the reason shown. */
  if (href == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->link_entry));
      return;
    }
  finish_link (self, href);
}

static void
on_link_entry_activate (GtkEntry *entry, RefFormatBar *self)
{
  on_apply_link_clicked (NULL, self);
}

static void
on_unlink_clicked (GtkButton *button, RefFormatBar *self)
{
  finish_link (self, NULL);
}

void
ref_format_bar_edit_link (RefFormatBar *self)
{
  g_return_if_fail (REF_IS_FORMAT_BAR (self));
  gtk_menu_button_popup (self->link_button);
}

static void
on_request_link (RefTextEditor *editor, RefFormatBar *self)
{
  ref_format_bar_edit_link (self);
}

RefTextEditor *
ref_format_bar_get_editor (RefFormatBar *self)
{
  g_return_val_if_fail (REF_IS_FORMAT_BAR (self), NULL);
  return self->editor;
}

void
ref_format_bar_set_editor (RefFormatBar *self, RefTextEditor *editor)
{
  g_return_if_fail (REF_IS_FORMAT_BAR (self));
  g_return_if_fail (editor == NULL || REF_IS_TEXT_EDITOR (editor));

  if (self->editor == editor)
    return;
  forget_link_range (self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_set_weak_pointer (&self->editor, editor);
  if (editor != NULL)
    {
      g_signal_connect_swapped (editor, "format-changed", G_CALLBACK (sync_state), self);
      g_signal_connect_swapped (editor, "notify::editable", G_CALLBACK (sync_state), self);
      g_signal_connect (editor, "request-link", G_CALLBACK (on_request_link), self);
      sync_state (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

static void
ref_format_bar_dispose (GObject *object)
{
  RefFormatBar *self = REF_FORMAT_BAR (object);

  forget_link_range (self);
  ref_format_bar_set_editor (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_FORMAT_BAR);
  ref_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (ref_format_bar_parent_class)->dispose (object);
}

static void
ref_format_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, REF_FORMAT_BAR (object)->editor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_format_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_EDITOR:
      ref_format_bar_set_editor (REF_FORMAT_BAR (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_format_bar_class_init (RefFormatBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_format_bar_dispose;
  object_class->get_property = ref_format_bar_get_property;
  object_class->set_property = ref_format_bar_set_property;

  properties[PROP_EDITOR] = g_param_spec_object ("editor", NULL, NULL, REF_TYPE_TEXT_EDITOR,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-format-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, bold_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, italic_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, underline_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, bullet_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, numbered_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, table_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, link_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, link_popover);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, link_entry);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, unlink_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, apply_link_button);
  gtk_widget_class_bind_template_child (widget_class, RefFormatBar, link_error);
  gtk_widget_class_bind_template_callback (widget_class, on_style_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_block_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_link_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_link_popover_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_link_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_unlink_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_link_entry_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
ref_format_bar_init (RefFormatBar *self)
{
  static gboolean icons_added;

  /* The application adds its resource icons itself; a window without one (the
   * tests) needs the table and link icons too. */
  if (!icons_added && gdk_display_get_default () != NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

      if (!gtk_icon_theme_has_icon (theme, "ref-table-symbolic"))
        gtk_icon_theme_add_resource_path (theme, "/dk/referent/Referent/icons");
      icons_added = TRUE;
    }
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  /* Enter in the address applies it. */
  g_signal_connect (self->link_entry, "activate", G_CALLBACK (on_link_entry_activate), self);
}

GtkWidget *
ref_format_bar_new (void)
{
  return g_object_new (REF_TYPE_FORMAT_BAR, NULL);
}
