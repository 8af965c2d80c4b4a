/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * RefPreview: the minutes as they will be published, in a side pane. The PDF is
 * exported (the public edition, exactly as "Export PDF" makes it) and its pages of
 * the selected item rendered with poppler, all in a worker thread from a snapshot
 * of the meeting, so typing never waits: the snapshot is taken a moment after the
 * last edit (and only while the pane is shown), and a newer edit makes the running
 * export's result stale rather than blocking anything.
 */
#define REF_TYPE_PREVIEW (ref_preview_get_type ())
G_DECLARE_FINAL_TYPE (RefPreview, ref_preview, REF, PREVIEW, AdwBin)

/* After the last edit, how long the preview waits before exporting again. */
#define REF_PREVIEW_DELAY_MS 600

GtkWidget     *ref_preview_new (void);

void           ref_preview_set_meeting (RefPreview *self, RefMeeting *meeting);
RefMeeting    *ref_preview_get_meeting (RefPreview *self);
/* The item whose pages are shown (nullable: the front page). */
void           ref_preview_set_item (RefPreview *self, RefAgendaItem *item);
RefAgendaItem *ref_preview_get_item (RefPreview *self);

/* Exports and renders now rather than after the delay (tests, the toggle). */
void           ref_preview_refresh (RefPreview *self);
/* Whether an export or rendering is running or waiting. */
gboolean       ref_preview_is_busy (RefPreview *self);
/* The pages shown: their number in the PDF (0-based), in order. For tests. */
GArray        *ref_preview_get_shown_pages (RefPreview *self);
/* The text of the shown pages, as poppler reads it from the PDF (transfer full). For
 * tests. */
char          *ref_preview_get_shown_text (RefPreview *self);

G_END_DECLS
