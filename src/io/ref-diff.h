/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/* What changed between two versions of a meeting (the agenda and the minutes,
 * yesterday's draft and today's). Items are matched by number. */
typedef enum {
  REF_DIFF_ADDED,
  REF_DIFF_REMOVED,
  REF_DIFF_CHANGED,
} RefDiffKind;

typedef struct {
  RefDiffKind kind;
  guint item;      /* item number; 0 for the meeting header and participants */
  char *field;     /* "Titel", "Beslutning 1", "Sagsfremstilling", "Mødested" … */
  char *old_text;  /* NULL when added */
  char *new_text;  /* NULL when removed */
} RefDiffEntry;

/* (element-type RefDiffEntry) in document order. */
GPtrArray *ref_diff_meetings (RefMeeting *old_meeting, RefMeeting *new_meeting);
/* The words of @old_text and @new_text with the differences marked: "[-old-]{+new+}"
 * for terminals and files. */
char      *ref_diff_mark_words (const char *old_text, const char *new_text);

/* The same as Pango markup: removed words struck through in red, added words in
 * green, everything escaped. */
char      *ref_diff_mark_words_markup (const char *old_text, const char *new_text);

G_END_DECLS
