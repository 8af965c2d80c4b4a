/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "ref-pdf-export.h"
#include "ref-preview.h"
#include "ref-ui-resources.h"
#include "ref-xml.h"

/* At most this many pages of one item are shown: a long item's first pages say how
 * it will look; the rest is in the exported file. */
#define MAX_PAGES 6
/* Pages are rendered this wide (pixels at scale 1) and scaled by the display. */
#define PAGE_WIDTH 560

struct _RefPreview {
  AdwBin parent_instance;

  GtkStack *stack;
  GtkBox *pages_box;
  GtkLabel *status_label;
  GtkSpinner *spinner;
  GtkScrolledWindow *scroller;

  RefMeeting *meeting;
  RefAgendaItem *item;
  char *tmp_dir;
  guint delay_source;
  gboolean stale;        /* the meeting changed since the last export was started */
  gboolean item_changed; /* the item changed since the last rendering was started */
  GTask *running;        /* the one worker task, or NULL */
  GCancellable *cancellable;
  PopplerDocument *document; /* the last export; only ever used by one worker at a time */
  /* The snapshot of the meeting writes only the items changed since the last one. */
  RefXmlWriteCache *write_cache;
  GArray *shown_pages;
  char *shown_text;
};

G_DEFINE_FINAL_TYPE (RefPreview, ref_preview, ADW_TYPE_BIN)

/* ---- the worker ---- */

typedef struct {
  /* The meeting written out on the main thread (ref_xml_write_cache_write), joined and
   * read here; NULL: render from @document as it is. */
  GPtrArray *snapshot;
  char *path;
  PopplerDocument *document;
  guint item_number; /* 0: the front page */
  guint next_number; /* the item after it, 0: none */
  int scale;
  /* results */
  GPtrArray *images; /* GBytes of B8G8R8A8 premultiplied pixels */
  GArray *sizes;     /* int width, height and stride of each image */
  GArray *pages;
  char *text;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->snapshot, g_ptr_array_unref);
  g_free (job->path);
  g_clear_object (&job->document);
  g_clear_pointer (&job->images, g_ptr_array_unref);
  g_clear_pointer (&job->sizes, g_array_unref);
  g_clear_pointer (&job->pages, g_array_unref);
  g_free (job->text);
  g_free (job);
}

static int
dest_page (PopplerDocument *document, const char *name)
{
  PopplerDest *dest = poppler_document_find_dest (document, name);
  int page = -1;

  if (dest != NULL)
    {
      page = dest->page_num - 1;
      poppler_dest_free (dest);
    }
  return page;
}

/* The item's pages: from its destination to the page before the next item's (each
 * item starts on a page of its own), at most MAX_PAGES. No item: the front page. */
static void
item_pages (PopplerDocument *document, guint number, guint next_number, int *first, int *last)
{
  int n = poppler_document_get_n_pages (document);
  g_autofree char *name = g_strdup_printf ("item-%u", number);
  g_autofree char *next_name = g_strdup_printf ("item-%u", next_number);
  int next;

  *first = number > 0 ? dest_page (document, name) : -1;
  if (*first < 0)
    {
      *first = 0;
      *last = 0;
      return;
    }
  next = next_number > 0 ? dest_page (document, next_name) : -1;
  if (next < 0)
    next = n;
  *last = MAX (*first, next - 1);
  *last = MIN (*last, MIN (n - 1, *first + MAX_PAGES - 1));
}

static void
render_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr (GError) error = NULL;
  int first, last;

  if (job->snapshot != NULL)
    {
      g_autoptr (GBytes) bytes = ref_xml_fragments_join (job->snapshot);
      g_autoptr (RefMeeting) copy = ref_xml_load_bytes (bytes, _("Preview"), &error);
      RefPdfExportOptions options;
      g_autofree char *uri = NULL;

      if (copy == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      ref_pdf_export_options_init (&options);
      if (!ref_pdf_export (copy, job->path, &options, NULL, NULL, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      uri = g_filename_to_uri (job->path, NULL, NULL);
      g_clear_object (&job->document);
      job->document = poppler_document_new_from_file (uri, NULL, &error);
      if (job->document == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  if (job->document == NULL || g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }

  item_pages (job->document, job->item_number, job->next_number, &first, &last);
  job->images = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  job->sizes = g_array_new (FALSE, FALSE, sizeof (int));
  job->pages = g_array_new (FALSE, FALSE, sizeof (int));
  {
    g_autoptr (GString) text = g_string_new (NULL);

    for (int p = first; p <= last && !g_cancellable_is_cancelled (cancellable); p++)
      {
        PopplerPage *page = poppler_document_get_page (job->document, p);
        double w, h, zoom;
        int width, height, stride;
        cairo_surface_t *surface;
        cairo_t *cr;
        g_autofree char *page_text = NULL;

        if (page == NULL)
          continue;
        poppler_page_get_size (page, &w, &h);
        zoom = (double) PAGE_WIDTH * job->scale / w;
        width = (int) (w * zoom + 0.5);
        height = (int) (h * zoom + 0.5);
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
        cr = cairo_create (surface);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_paint (cr);
        cairo_scale (cr, zoom, zoom);
        poppler_page_render_for_printing (page, cr);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        g_ptr_array_add (job->images,
                         g_bytes_new (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height));
        stride = cairo_image_surface_get_stride (surface);
        g_array_append_val (job->sizes, width);
        g_array_append_val (job->sizes, height);
        g_array_append_val (job->sizes, stride);
        cairo_surface_destroy (surface);
        g_array_append_val (job->pages, p);
        page_text = poppler_page_get_text (page);
        g_string_append (text, page_text ? page_text : "");
        g_string_append_c (text, '\f');
        g_object_unref (page);
      }
    job->text = g_string_free (g_steal_pointer (&text), FALSE);
  }
  g_task_return_boolean (task, TRUE);
}

/* ---- the pane ---- */

static void start_job (RefPreview *self);

static void
show_status (RefPreview *self, const char *text, gboolean busy)
{
  gtk_label_set_label (self->status_label, text);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
show_pages (RefPreview *self, Job *job)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
  for (guint i = 0; i < job->images->len; i++)
    {
      int width = g_array_index (job->sizes, int, 3 * i);
      int height = g_array_index (job->sizes, int, 3 * i + 1);
      int stride = g_array_index (job->sizes, int, 3 * i + 2);
      g_autoptr (GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT,
                                                               g_ptr_array_index (job->images, i), stride);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      /* TRANSLATORS: accessible name of a page of the preview */
      g_autofree char *name = g_strdup_printf (_("Page %d"), g_array_index (job->pages, int, i) + 1);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_size_request (picture, -1, 120);
      gtk_widget_add_css_class (picture, "ref-preview-page");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (self->pages_box, picture);
    }
  g_clear_pointer (&self->shown_pages, g_array_unref);
  self->shown_pages = g_array_ref (job->pages);
  g_free (self->shown_text);
  self->shown_text = g_strdup (job->text);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "pages");
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  RefPreview *self = REF_PREVIEW (source);
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->running);
  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, REF_PDF_EXPORT_ERROR, REF_PDF_EXPORT_ERROR_CANCELLED))
        {
          /* TRANSLATORS: %s says why the preview could not be made */
          g_autofree char *text = g_strdup_printf (_("No preview: %s"), error->message);

          show_status (self, text, FALSE);
        }
    }
  else
    {
      g_set_object (&self->document, job->document);
      if (!self->stale && !self->item_changed)
        show_pages (self, job);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && (self->stale || self->item_changed))
    start_job (self);
}

static guint
next_item_number (RefPreview *self)
{
  guint position;
  g_autoptr (RefAgendaItem) next = NULL;

  if (self->item == NULL || !ref_meeting_find_item_position (self->meeting, self->item, &position))
    return 0;
  next = g_list_model_get_item (ref_meeting_get_items (self->meeting), position + 1);
  return next != NULL ? ref_agenda_item_get_number (next) : 0;
}

static void
start_job (RefPreview *self)
{
  Job *job;
  GTask *task;

  g_clear_handle_id (&self->delay_source, g_source_remove);
  if (self->meeting == NULL)
    {
      show_status (self, _("No meeting"), FALSE);
      return;
    }
  /* One worker at a time: it owns the document while it runs. A newer request
   * waits for it and starts when it is done. */
  if (self->running != NULL)
    return;
  if (!self->stale && !self->item_changed)
    return;
  if (self->tmp_dir == NULL)
    {
      g_autoptr (GError) error = NULL;

      self->tmp_dir = g_dir_make_tmp ("referent-preview-XXXXXX", &error);
      if (self->tmp_dir == NULL)
        {
          show_status (self, error->message, FALSE);
          return;
        }
    }
  job = g_new0 (Job, 1);
  if (self->stale || self->document == NULL)
    {
      if (self->write_cache == NULL)
        self->write_cache = ref_xml_write_cache_new ();
      job->snapshot = ref_xml_write_cache_write (self->write_cache, self->meeting);
    }
  job->path = g_build_filename (self->tmp_dir, "preview.pdf", NULL);
  job->document = self->document ? g_object_ref (self->document) : NULL;
  job->item_number = self->item ? ref_agenda_item_get_number (self->item) : 0;
  job->next_number = next_item_number (self);
  job->scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  self->stale = FALSE;
  self->item_changed = FALSE;
  if (gtk_stack_get_visible_child_name (self->stack) != NULL
      && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "status"))
    show_status (self, _("Preparing the preview…"), TRUE);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->running = task;
  g_task_run_in_thread (task, render_job);
}

static gboolean
delay_done (gpointer data)
{
  RefPreview *self = data;

  self->delay_source = 0;
  start_job (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (RefPreview *self, guint delay_ms)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->delay_source, g_source_remove);
  self->delay_source = g_timeout_add (delay_ms, delay_done, self);
}

static void
on_history_changed (RefHistory *history, RefPreview *self)
{
  self->stale = TRUE;
  /* Typing goes on: wait for a pause, then export in the background. */
  schedule (self, REF_PREVIEW_DELAY_MS);
}

void
ref_preview_set_meeting (RefPreview *self, RefMeeting *meeting)
{
  g_return_if_fail (REF_IS_PREVIEW (self));
  g_return_if_fail (meeting == NULL || REF_IS_MEETING (meeting));

  if (self->meeting == meeting)
    return;
  if (self->meeting != NULL)
    g_signal_handlers_disconnect_by_data (ref_meeting_get_history (self->meeting), self);
  g_set_object (&self->meeting, meeting);
  g_clear_object (&self->item);
  if (meeting != NULL)
    g_signal_connect (ref_meeting_get_history (meeting), "changed", G_CALLBACK (on_history_changed), self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->stale = TRUE;
  schedule (self, 0);
}

RefMeeting *
ref_preview_get_meeting (RefPreview *self)
{
  g_return_val_if_fail (REF_IS_PREVIEW (self), NULL);
  return self->meeting;
}

void
ref_preview_set_item (RefPreview *self, RefAgendaItem *item)
{
  g_return_if_fail (REF_IS_PREVIEW (self));
  g_return_if_fail (item == NULL || REF_IS_AGENDA_ITEM (item));

  if (self->item == item)
    return;
  g_set_object (&self->item, item);
  self->item_changed = TRUE;
  /* Following the selection needs no new export: render at once. */
  schedule (self, 0);
}

RefAgendaItem *
ref_preview_get_item (RefPreview *self)
{
  g_return_val_if_fail (REF_IS_PREVIEW (self), NULL);
  return self->item;
}

void
ref_preview_refresh (RefPreview *self)
{
  g_return_if_fail (REF_IS_PREVIEW (self));
  self->stale = TRUE;
  start_job (self);
}

gboolean
ref_preview_is_busy (RefPreview *self)
{
  g_return_val_if_fail (REF_IS_PREVIEW (self), FALSE);
  return self->running != NULL || self->delay_source != 0;
}

GArray *
ref_preview_get_shown_pages (RefPreview *self)
{
  g_return_val_if_fail (REF_IS_PREVIEW (self), NULL);
  return self->shown_pages;
}

char *
ref_preview_get_shown_text (RefPreview *self)
{
  g_return_val_if_fail (REF_IS_PREVIEW (self), NULL);
  return g_strdup (self->shown_text);
}

/* ---- GObject ---- */

static void
ref_preview_map (GtkWidget *widget)
{
  RefPreview *self = REF_PREVIEW (widget);

  GTK_WIDGET_CLASS (ref_preview_parent_class)->map (widget);
  /* Hidden, the pane did no work; shown, it catches up. */
  if (self->stale || self->item_changed || self->document == NULL)
    {
      self->stale = self->stale || self->document == NULL;
      schedule (self, 0);
    }
}

static void
ref_preview_unmap (GtkWidget *widget)
{
  RefPreview *self = REF_PREVIEW (widget);

  g_clear_handle_id (&self->delay_source, g_source_remove);
  GTK_WIDGET_CLASS (ref_preview_parent_class)->unmap (widget);
}

static void
ref_preview_dispose (GObject *object)
{
  RefPreview *self = REF_PREVIEW (object);

  g_clear_handle_id (&self->delay_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->meeting != NULL)
    g_signal_handlers_disconnect_by_data (ref_meeting_get_history (self->meeting), self);
  g_clear_object (&self->meeting);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (ref_preview_parent_class)->dispose (object);
}

static void
ref_preview_finalize (GObject *object)
{
  RefPreview *self = REF_PREVIEW (object);

  /* The running task holds a reference to the pane: finalizing means it is done. */
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  if (self->tmp_dir != NULL)
    {
      g_autofree char *pdf = g_build_filename (self->tmp_dir, "preview.pdf", NULL);

      g_unlink (pdf);
      g_rmdir (self->tmp_dir);
      g_free (self->tmp_dir);
    }
  g_clear_pointer (&self->shown_pages, g_array_unref);
  g_clear_pointer (&self->write_cache, ref_xml_write_cache_free);
  g_free (self->shown_text);
  G_OBJECT_CLASS (ref_preview_parent_class)->finalize (object);
}

static void
ref_preview_class_init (RefPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ref_preview_dispose;
  object_class->finalize = ref_preview_finalize;
  widget_class->map = ref_preview_map;
  widget_class->unmap = ref_preview_unmap;

  (void) ref_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/referent/Referent/ui/ref-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, RefPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, RefPreview, pages_box);
  gtk_widget_class_bind_template_child (widget_class, RefPreview, status_label);
  gtk_widget_class_bind_template_child (widget_class, RefPreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, RefPreview, scroller);
  gtk_widget_class_set_css_name (widget_class, "ref-preview");
}

static void
ref_preview_init (RefPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stale = TRUE;
}

GtkWidget *
ref_preview_new (void)
{
  return g_object_new (REF_TYPE_PREVIEW, NULL);
}
