/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/* Problems to fix before the minutes go out for approval. */
typedef enum {
  REF_REVIEW_NO_COMMITTEE,
  REF_REVIEW_NO_DATE,
  REF_REVIEW_DUPLICATE_NUMBER,
  REF_REVIEW_UNKNOWN_ATTENDANCE,
  REF_REVIEW_NO_DECISION,
  REF_REVIEW_EMPTY_RECOMMENDATION,
  REF_REVIEW_DECISION_WITHOUT_BODY,
  REF_REVIEW_EMPTY_SECTION,
  REF_REVIEW_CLOSED_WITH_TEXT,
  REF_REVIEW_UNRESOLVED_COMMENT,
} RefReviewKind;

typedef struct {
  RefReviewKind kind;
  RefAgendaItem *item;          /* nullable: the item to go to */
  RefParticipant *participant;  /* nullable */
  char *message;                /* translated, says what and where */
} RefReviewProblem;

/* (element-type RefReviewProblem): header problems first, then item by item. */
GPtrArray *ref_review_check (RefMeeting *meeting);

G_END_DECLS
