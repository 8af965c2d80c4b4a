/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-approvals-panel.h"
#include "ref-case-history-panel.h"
#include "ref-import-notes.h"
#include "ref-item-view.h"
#include "ref-live-view.h"
#include "ref-preview.h"
#include "ref-spell-checker.h"
#include "ref-meeting-view.h"
#include "ref-review-panel.h"
#include "ref-xml.h"
#include "ref-search-bar.h"
#include "ref-window.h"

G_BEGIN_DECLS

/* Shared by ref-window.c (the window and its state) and ref-window-actions.c (what
 * its actions do); nothing else includes this. */

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
  RefApprovalsPanel *approvals_panel;
  guint verify_open_source;       /* the first verification, once the window is up */
  char *etag;                       /* of the file when loaded or last saved */
  GFileMonitor *monitor;            /* notices when another program changes the file */

  RefMeeting *meeting;
  GFile *file;
  GtkSingleSelection *selection;
  GtkSliceListModel *list_slice; /* what the sidebar has been given so far */
  guint grow_tick;               /* the tick callback giving it the rest */
  gint64 list_first_frame;       /* the frame of the first tick */
  GSettings *settings; /* NULL when the schema is not installed */
  gboolean close_confirmed;
  RefEdition export_edition;

  char *recovery_id;      /* this window's recovery copy */
  guint autosave_source;
  gboolean live;                 /* live meeting mode */
  RefSpellChecker *spell_checker;
  guint spell_attach_source;     /* attaching the checker to the fields just made */

  /* The recovery copy's fragments (ref_xml_write_cache_write): what it holds or is
   * about to, to skip identical writes. */
  GPtrArray *last_autosave;
  RefXmlWriteCache *write_cache; /* re-serialises only the items that changed */
  guint prefill_source;          /* timeout: the next slice filling write_cache after a change */
  guint64 prefilled_revision;    /* the history's revision when the fill last completed */
  guint64 autosaved_changes; /* the history's change count the copy is current at */
  gint64 pending_since;      /* when the history first had changes the copy lacks */
};

void           _ref_window_class_actions_init (GtkWidgetClass *widget_class);

void           _ref_window_toast (RefWindow *self, const char *text);
void           _ref_window_show_item_page (RefWindow *self);
/* (transfer none) (nullable): the item selected in the list; its position in the
 * meeting's store in @store_position. */
RefAgendaItem *_ref_window_selected_item (RefWindow *self, guint *store_position);
void           _ref_window_select_item_object (RefWindow *self, RefAgendaItem *item);
void           _ref_window_select_store_position (RefWindow *self, guint position);
void           _ref_window_go_to_number (RefWindow *self, guint number);
/* Go to Item…, with @initial typed into it (a digit typed in the list). */
AdwMessageDialog *_ref_window_open_go_to_dialog (RefWindow *self, const char *initial);
/* Saves to @file, saying in a toast or a dialog how it went. */
gboolean       _ref_window_save_or_report (RefWindow *self, GFile *file);
/* (transfer full) */
GtkFileFilter *_ref_window_referat_filter (void);
void           _ref_window_set_initial_folder (RefWindow *self, GtkFileChooser *chooser);
/* An idle callback destroying the window it holds a reference to. */
gboolean       _ref_window_destroy_later (gpointer data);

G_END_DECLS
