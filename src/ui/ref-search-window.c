/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ref-application.h"
#include "ref-archive-service.h"
#include "ref-search-window.h"

/* Hits per page; "Show More" asks for as many again. */
#define PAGE_SIZE 20

struct _RefSearchWindow {
  AdwWindow parent_instance;

  GtkSearchEntry *search_entry;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkStack *results_stack;
  GtkListBox *results_list;
  GtkButton *more_button;
  AdwStatusPage *error_page;
  GtkWidget *access_chip;
  GtkMenuButton *committee_button;
  GtkMenuButton *dates_button;
  GtkMenuButton *case_button;
  GtkMenuButton *kind_button;
  GtkMenuButton *outcome_button;
  GtkMenuButton *access_button;
  GtkWidget *committee_clear;
  GtkWidget *dates_clear;
  GtkWidget *case_clear;
  GtkWidget *kind_clear;
  GtkWidget *outcome_clear;
  GtkWidget *access_clear;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkEntry *case_entry;

  RefArchiveService *service;
  GCancellable *cancellable; /* the search running */
  guint limit;
  char *committee, *from, *to, *case_number, *kind, *outcome, *access;
};

G_DEFINE_FINAL_TYPE (RefSearchWindow, ref_search_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_COMMITTEE,
  PROP_FROM,
  PROP_TO,
  PROP_CASE_NUMBER,
  PROP_KIND,
  PROP_OUTCOME,
  PROP_ACCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OPEN_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char **
filter_field (RefSearchWindow *self, guint prop_id)
{
  switch (prop_id)
    {
    case PROP_COMMITTEE:
      return &self->committee;
    case PROP_FROM:
      return &self->from;
    case PROP_TO:
      return &self->to;
    case PROP_CASE_NUMBER:
      return &self->case_number;
    case PROP_KIND:
      return &self->kind;
    case PROP_OUTCOME:
      return &self->outcome;
    case PROP_ACCESS:
      return &self->access;
    default:
      return NULL;
    }
}

/* ---- labels of the chips ---- */

static const struct {
  const char *nick;
  const char *label;
} kind_labels[] = {
  { "decision", N_("For decision") },
  { "orientation", N_("For information") },
  { "discussion", N_("For discussion") },
  { "signature", N_("Signature page") },
};

static const char *
kind_label (const char *nick)
{
  for (gsize i = 0; nick != NULL && i < G_N_ELEMENTS (kind_labels); i++)
    if (g_str_equal (nick, kind_labels[i].nick))
      return _(kind_labels[i].label);
  return nick;
}

static char *
display_date (const char *iso)
{
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup (iso ? iso : "");
  return g_strdup_printf ("%02d-%02d-%04d", day, month, year);
}

static void
show_chip (GtkMenuButton *button, GtkWidget *clear, const char *value, const char *empty_label)
{
  gtk_menu_button_set_label (button, value ? value : empty_label);
  gtk_widget_set_visible (clear, value != NULL);
  if (value != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (button), "chip-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "chip-active");
}

static void
update_chips (RefSearchWindow *self)
{
  g_autofree char *from = self->from ? display_date (self->from) : NULL;
  g_autofree char *to = self->to ? display_date (self->to) : NULL;
  g_autofree char *dates = NULL;

  if (from && to)
    /* TRANSLATORS: a date range, "01-01-2024 – 31-12-2024" */
    dates = g_strdup_printf (_("%s – %s"), from, to);
  else if (from)
    /* TRANSLATORS: meetings on or after a date */
    dates = g_strdup_printf (_("From %s"), from);
  else if (to)
    /* TRANSLATORS: meetings on or before a date */
    dates = g_strdup_printf (_("Until %s"), to);
  show_chip (self->committee_button, self->committee_clear, self->committee, _("Committee"));
  show_chip (self->dates_button, self->dates_clear, dates, _("Dates"));
  show_chip (self->case_button, self->case_clear, self->case_number, _("Case Number"));
  show_chip (self->kind_button, self->kind_clear, self->kind ? kind_label (self->kind) : NULL, _("Kind"));
  show_chip (self->outcome_button, self->outcome_clear,
             self->outcome ? ref_archive_outcome_label (self->outcome) : NULL, _("Decision"));
  show_chip (self->access_button, self->access_clear,
             self->access == NULL             ? NULL
             : g_str_equal (self->access, "closed") ? _("Closed items")
                                                    : _("Open items"),
             _("Open and Closed"));
}

/* ---- results ---- */

static void
clear_results (RefSearchWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
}

static GtkWidget *
label_new (const char *text, gboolean markup, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A result: the title, where and when with what outcome, and the passage with the
 * matched words in bold. */
static GtkWidget *
result_row (RefArchiveHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *date = display_date (ref_archive_hit_get_date (hit));
  g_autoptr (GString) facts = g_string_new (NULL);
  g_autofree char *snippet = ref_archive_hit_get_snippet_markup (hit);
  const char *outcome = ref_archive_hit_get_outcome (hit);
  const char *kind = ref_archive_hit_get_kind (hit);
  g_autofree char *accessible = NULL;

  /* TRANSLATORS: "Socialudvalget · 06-05-2025 · item 4" */
  g_string_append_printf (facts, _("%s · %s · item %u"), ref_archive_hit_get_committee (hit), date,
                          ref_archive_hit_get_number (hit));
  if (ref_archive_hit_get_case_number (hit) != NULL)
    g_string_append_printf (facts, " · %s", ref_archive_hit_get_case_number (hit));
  if (kind != NULL)
    g_string_append_printf (facts, " · %s", kind_label (kind));
  if (outcome != NULL)
    g_string_append_printf (facts, " · %s", ref_archive_outcome_label (outcome));
  if (ref_archive_hit_get_closed (hit))
    g_string_append_printf (facts, " · %s", _("Closed"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), label_new (ref_archive_hit_get_title (hit), FALSE, "heading"));
  gtk_box_append (GTK_BOX (box), label_new (facts->str, FALSE, "dim-label"));
  if (*snippet)
    gtk_box_append (GTK_BOX (box), label_new (snippet, TRUE, NULL));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  accessible = g_strdup_printf ("%s, %s", ref_archive_hit_get_title (hit), facts->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (row), "ref-hit", g_object_ref (hit), g_object_unref);
  return row;
}

static gboolean
any_filter (RefSearchWindow *self)
{
  return self->committee || self->from || self->to || self->case_number || self->kind || self->outcome
         || self->access;
}

static void
show_error (RefSearchWindow *self, const GError *error)
{
  if (g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_NO_INDEX) && self->service != NULL
      && ref_archive_service_get_folder (self->service) == NULL)
    {
      gtk_stack_set_visible_child_name (self->results_stack, "no-archive");
      return;
    }
  if (g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_NO_INDEX)
      || g_error_matches (error, REF_ARCHIVE_ERROR, REF_ARCHIVE_ERROR_DAMAGED))
    {
      adw_status_page_set_title (self->error_page, _("The Archive Is Being Indexed"));
      adw_status_page_set_description (self->error_page,
                                       _("The search can start as soon as the index is ready."));
      /* A damaged index is built anew. */
      ref_archive_service_update (self->service);
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("Cannot Search"));
      adw_status_page_set_description (self->error_page, error->message);
    }
  gtk_stack_set_visible_child_name (self->results_stack, "error");
}

static void
on_searched (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (RefSearchWindow) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = ref_archive_service_search_finish (REF_ARCHIVE_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  clear_results (self);
  if (hits == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results_list, result_row (g_ptr_array_index (hits, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), hits->len >= self->limit);
  gtk_stack_set_visible_child_name (self->results_stack, hits->len > 0 ? "results" : "empty");
}

static void
run_search (RefSearchWindow *self)
{
  g_autoptr (RefArchiveQuery) query = ref_archive_query_new ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *match = ref_archive_query_to_match (text);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (ref_archive_service_get_folder (self->service) == NULL)
    {
      gtk_stack_set_visible_child_name (self->results_stack, "no-archive");
      return;
    }
  if (match == NULL && !any_filter (self))
    {
      clear_results (self);
      gtk_stack_set_visible_child_name (self->results_stack, "start");
      return;
    }
  ref_archive_query_set (&query->text, text);
  ref_archive_query_set (&query->committee, self->committee);
  ref_archive_query_set (&query->from, self->from);
  ref_archive_query_set (&query->to, self->to);
  ref_archive_query_set (&query->case_number, self->case_number);
  ref_archive_query_set (&query->kind, self->kind);
  ref_archive_query_set (&query->outcome, self->outcome);
  query->access = self->access == NULL                 ? REF_ARCHIVE_ACCESS_ANY
                  : g_str_equal (self->access, "closed") ? REF_ARCHIVE_ACCESS_CLOSED
                                                         : REF_ARCHIVE_ACCESS_OPEN;
  query->limit = self->limit;
  self->cancellable = g_cancellable_new ();
  ref_archive_service_search_async (self->service, query, self->cancellable, on_searched, g_object_ref (self));
}

static void
new_search (RefSearchWindow *self)
{
  self->limit = PAGE_SIZE;
  run_search (self);
}

static void
on_search_changed (GtkSearchEntry *entry, RefSearchWindow *self)
{
  new_search (self);
}

static void
open_row (RefSearchWindow *self, GtkListBoxRow *row)
{
  RefArchiveHit *hit = g_object_get_data (G_OBJECT (row), "ref-hit");
  g_autoptr (GFile) file = NULL;

  if (hit == NULL)
    return;
  file = g_file_new_for_path (ref_archive_hit_get_path (hit));
  g_signal_emit (self, signals[SIGNAL_OPEN_ITEM], 0, file, ref_archive_hit_get_number (hit));
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, RefSearchWindow *self)
{
  open_row (self, row);
}

/* Enter in the search field opens the best result. */
static void
on_search_activate (GtkSearchEntry *entry, RefSearchWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->results_stack), "results"))
    open_row (self, first);
}

static void
on_stop_search (GtkSearchEntry *entry, RefSearchWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
more_clicked (GtkButton *button, RefSearchWindow *self)
{
  self->limit += PAGE_SIZE;
  run_search (self);
}

static void
open_item_default (RefSearchWindow *self, GFile *file, guint number)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (REF_IS_APPLICATION (app))
    ref_application_open_item (REF_APPLICATION (app), file, number);
}

/* ---- filters ---- */

static void
set_filter (RefSearchWindow *self, guint prop_id, const char *value)
{
  char **field = filter_field (self, prop_id);
  const char *v = value && *value ? value : NULL;

  if (g_strcmp0 (*field, v) == 0)
    return;
  g_free (*field);
  *field = g_strdup (v);
  update_chips (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  new_search (self);
}

static void
clear_filter_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefSearchWindow *self = REF_SEARCH_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (g_str_equal (name, "dates"))
    {
      g_object_freeze_notify (G_OBJECT (self));
      set_filter (self, PROP_FROM, NULL);
      set_filter (self, PROP_TO, NULL);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }
  for (guint i = PROP_COMMITTEE; i < N_PROPS; i++)
    if (g_str_equal (name, g_param_spec_get_name (properties[i])))
      set_filter (self, i, NULL);
}

/* The dates typed in the popover, as people write them; a date that is none is
 * marked, and nothing changes until both are right. */
static void
apply_dates (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefSearchWindow *self = REF_SEARCH_WINDOW (widget);
  GtkEntry *entries[] = { self->from_entry, self->to_entry };
  char *dates[2] = { NULL, NULL };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entries[i]));

      gtk_widget_remove_css_class (GTK_WIDGET (entries[i]), "error");
      if (*text == '\0')
        continue;
      dates[i] = ref_archive_parse_date (text, NULL);
      if (dates[i] == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (entries[i]), "error");
          ok = FALSE;
        }
    }
  if (ok)
    {
      g_object_freeze_notify (G_OBJECT (self));
      set_filter (self, PROP_FROM, dates[0]);
      set_filter (self, PROP_TO, dates[1]);
      g_object_thaw_notify (G_OBJECT (self));
      gtk_menu_button_popdown (self->dates_button);
    }
  g_free (dates[0]);
  g_free (dates[1]);
}

static void
apply_case (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RefSearchWindow *self = REF_SEARCH_WINDOW (widget);

  set_filter (self, PROP_CASE_NUMBER, gtk_editable_get_text (GTK_EDITABLE (self->case_entry)));
  gtk_menu_button_popdown (self->case_button);
}

static void
on_dates_activate (GtkEntry *entry, RefSearchWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "search.apply-dates", NULL);
}

static void
on_case_activate (GtkEntry *entry, RefSearchWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "search.apply-case", NULL);
}

/* The committees of the archive, as a menu of choices. */
static void
update_committees (RefSearchWindow *self)
{
  const char *const *committees = ref_archive_service_get_committees (self->service);
  g_autoptr (GMenu) menu = g_menu_new ();

  for (guint i = 0; committees != NULL && committees[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (committees[i], NULL);

      g_menu_item_set_action_and_target (item, "search.committee", "s", committees[i]);
      g_menu_append_item (menu, item);
    }
  if (committees == NULL || committees[0] == NULL)
    g_menu_append (menu, _("No committees indexed yet"), "search.none");
  gtk_menu_button_set_menu_model (self->committee_button, G_MENU_MODEL (menu));
}

static void
update_progress (RefSearchWindow *self)
{
  gboolean updating = ref_archive_service_get_updating (self->service);

  gtk_revealer_set_reveal_child (self->progress_revealer, updating);
  gtk_label_set_text (self->progress_label, ref_archive_service_get_status (self->service));
  gtk_progress_bar_set_fraction (self->progress_bar, ref_archive_service_get_fraction (self->service));
  gtk_widget_set_visible (self->access_chip, ref_archive_service_get_internal (self->service));
}

static void
on_service_notify (RefArchiveService *service, GParamSpec *pspec, RefSearchWindow *self)
{
  update_progress (self);
  if (g_str_equal (pspec->name, "committees"))
    update_committees (self);
  else if (g_str_equal (pspec->name, "folder") || g_str_equal (pspec->name, "internal"))
    {
      if (self->access != NULL && !ref_archive_service_get_internal (service))
        set_filter (self, PROP_ACCESS, NULL);
      new_search (self);
    }
}

static void
on_service_updated (RefArchiveService *service, RefSearchWindow *self)
{
  run_search (self);
}

/* ---- public ---- */

void
ref_search_window_set_text (RefSearchWindow *self, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* At once, not after the typing delay. */
  new_search (self);
}

gboolean
ref_search_window_get_searching (RefSearchWindow *self)
{
  return self->cancellable != NULL;
}

guint
ref_search_window_get_n_results (RefSearchWindow *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->results_list)); c; c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

GtkWidget *
ref_search_window_get_result_row (RefSearchWindow *self, guint index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->results_list, (int) index));
}

const char *
ref_search_window_get_page (RefSearchWindow *self)
{
  return gtk_stack_get_visible_child_name (self->results_stack);
}

/* ---- the object ---- */

static void
ref_search_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefSearchWindow *self = REF_SEARCH_WINDOW (object);
  char **field = filter_field (self, prop_id);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  /* Property actions want a string: "" for no filter. */
  g_value_set_string (value, *field ? *field : "");
}

static void
ref_search_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefSearchWindow *self = REF_SEARCH_WINDOW (object);

  if (filter_field (self, prop_id) == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  set_filter (self, prop_id, g_value_get_string (value));
}

static void
ref_search_window_dispose (GObject *object)
{
  RefSearchWindow *self = REF_SEARCH_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  self->service = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), REF_TYPE_SEARCH_WINDOW);
  G_OBJECT_CLASS (ref_search_window_parent_class)->dispose (object);
}

static void
ref_search_window_finalize (GObject *object)
{
  RefSearchWindow *self = REF_SEARCH_WINDOW (object);

  for (guint i = PROP_COMMITTEE; i < N_PROPS; i++)
    g_free (*filter_field (self, i));
  G_OBJECT_CLASS (ref_search_window_parent_class)->finalize (object);
}

static void
ref_search_window_class_init (RefSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *const names[] = { NULL, "committee", "from", "to", "case-number", "kind", "outcome", "access" };

  object_class->get_property = ref_search_window_get_property;
  object_class->set_property = ref_search_window_set_property;
  object_class->dispose = ref_search_window_dispose;
  object_class->finalize = ref_search_window_finalize;

  for (guint i = PROP_COMMITTEE; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, "",
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* @file, @number: the result activated. The default opens the meeting at the item
   * in the application's window for the file. */
  signals[SIGNAL_OPEN_ITEM] = g_signal_new_class_handler ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                          G_CALLBACK (open_item_default), NULL, NULL, NULL,
                                                          G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-search-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, more_button);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, access_chip);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, committee_button);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, dates_button);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, case_button);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, kind_button);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, outcome_button);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, access_button);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, committee_clear);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, dates_clear);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, case_clear);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, kind_clear);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, outcome_clear);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, access_clear);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, RefSearchWindow, case_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_dates_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activate);

  gtk_widget_class_install_property_action (widget_class, "search.committee", "committee");
  gtk_widget_class_install_property_action (widget_class, "search.kind", "kind");
  gtk_widget_class_install_property_action (widget_class, "search.outcome", "outcome");
  gtk_widget_class_install_property_action (widget_class, "search.access", "access");
  gtk_widget_class_install_action (widget_class, "search.clear-filter", "s", clear_filter_activated);
  gtk_widget_class_install_action (widget_class, "search.apply-dates", NULL, apply_dates);
  gtk_widget_class_install_action (widget_class, "search.apply-case", NULL, apply_case);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ref_search_window_init (RefSearchWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->limit = PAGE_SIZE;
  self->service = ref_archive_service_get_default ();
  g_signal_connect_object (self->service, "notify", G_CALLBACK (on_service_notify), self, 0);
  g_signal_connect_object (self->service, "updated", G_CALLBACK (on_service_updated), self, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_chips (self);
  update_committees (self);
  update_progress (self);
  if (ref_archive_service_get_folder (self->service) == NULL)
    gtk_stack_set_visible_child_name (self->results_stack, "no-archive");
  /* What changed in the archive since it was last indexed. */
  ref_archive_service_update (self->service);
}

RefSearchWindow *
ref_search_window_new (GtkApplication *app)
{
  return g_object_new (REF_TYPE_SEARCH_WINDOW, "application", app, NULL);
}
