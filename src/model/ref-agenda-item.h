/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"
#include "ref-attachment.h"
#include "ref-comment.h"
#include "ref-decision.h"
#include "ref-disqualification.h"
#include "ref-participant.h"
#include "ref-recommendation.h"
#include "ref-section.h"

G_BEGIN_DECLS

/* RefAgendaItem: An agenda item (punkt): number, title, case number, sections, recommendation, decisions. */
#define REF_TYPE_AGENDA_ITEM (ref_agenda_item_get_type ())
G_DECLARE_FINAL_TYPE (RefAgendaItem, ref_agenda_item, REF, AGENDA_ITEM, GObject)

RefAgendaItem *ref_agenda_item_new (void);

guint ref_agenda_item_get_number (RefAgendaItem *self);
void ref_agenda_item_set_number (RefAgendaItem *self, guint number);
const char *ref_agenda_item_get_title (RefAgendaItem *self);
void        ref_agenda_item_set_title (RefAgendaItem *self, const char *title);
const char *ref_agenda_item_get_public_title (RefAgendaItem *self);
void        ref_agenda_item_set_public_title (RefAgendaItem *self, const char *public_title);
const char *ref_agenda_item_get_case_number (RefAgendaItem *self);
void        ref_agenda_item_set_case_number (RefAgendaItem *self, const char *case_number);
gboolean ref_agenda_item_get_closed (RefAgendaItem *self);
void ref_agenda_item_set_closed (RefAgendaItem *self, gboolean closed);
RefItemKind ref_agenda_item_get_kind (RefAgendaItem *self);
void ref_agenda_item_set_kind (RefAgendaItem *self, RefItemKind kind);
gboolean ref_agenda_item_get_supplementary (RefAgendaItem *self);
void ref_agenda_item_set_supplementary (RefAgendaItem *self, gboolean supplementary);
RefCaseType ref_agenda_item_get_case_type (RefAgendaItem *self);
void ref_agenda_item_set_case_type (RefAgendaItem *self, RefCaseType case_type);
const char *ref_agenda_item_get_case_type_label (RefAgendaItem *self);
void        ref_agenda_item_set_case_type_label (RefAgendaItem *self, const char *case_type_label);
const char * const *ref_agenda_item_get_case_route (RefAgendaItem *self);
void ref_agenda_item_set_case_route (RefAgendaItem *self, const char * const *case_route);
const char *ref_agenda_item_get_decided_by (RefAgendaItem *self);
void        ref_agenda_item_set_decided_by (RefAgendaItem *self, const char *decided_by);
GListModel *ref_agenda_item_get_sections (RefAgendaItem *self);
GListModel *ref_agenda_item_get_prior_decisions (RefAgendaItem *self);
RefRecommendation *ref_agenda_item_get_recommendation (RefAgendaItem *self);
void ref_agenda_item_set_recommendation (RefAgendaItem *self, RefRecommendation *recommendation);
GListModel *ref_agenda_item_get_decisions (RefAgendaItem *self);
GListModel *ref_agenda_item_get_disqualifications (RefAgendaItem *self);
gboolean ref_agenda_item_get_absence_overridden (RefAgendaItem *self);
void ref_agenda_item_set_absence_overridden (RefAgendaItem *self, gboolean absence_overridden);
GListModel *ref_agenda_item_get_absence_override (RefAgendaItem *self);
GListModel *ref_agenda_item_get_attachments (RefAgendaItem *self);

GListModel  *ref_agenda_item_get_comments (RefAgendaItem *self);
void         ref_agenda_item_release_content (RefAgendaItem *self);
gboolean     ref_agenda_item_has_decision (RefAgendaItem *self);
RefSection *ref_agenda_item_find_section (RefAgendaItem *self, RefSectionKind kind);
const char *ref_agenda_item_get_printed_title (RefAgendaItem *self, RefEdition edition);
gboolean    ref_agenda_item_is_disqualified (RefAgendaItem *self, RefParticipant *participant,
                                             gboolean *left);
void        ref_agenda_item_add_section (RefAgendaItem *self, RefSectionKind kind,
                                         const char *heading, RefText *text);
void        ref_agenda_item_add_decision (RefAgendaItem *self, RefDecision *decision);

G_END_DECLS
