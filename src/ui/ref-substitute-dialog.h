/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ref-model.h"

G_BEGIN_DECLS

/* RefSubstituteDialog: who stands in for whom, asked in the middle of a meeting: the
 * substitute's name and party, the member (the first member away at @item is
 * proposed) and whether that member leaves now (proposed when present). The caller
 * records it on "response" "add". */
#define REF_TYPE_SUBSTITUTE_DIALOG (ref_substitute_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RefSubstituteDialog, ref_substitute_dialog, REF, SUBSTITUTE_DIALOG, AdwMessageDialog)

RefSubstituteDialog *ref_substitute_dialog_new (GtkWindow *parent, RefMeeting *meeting, RefAgendaItem *item);

const char     *ref_substitute_dialog_get_name (RefSubstituteDialog *self);
const char     *ref_substitute_dialog_get_party (RefSubstituteDialog *self);
/* (transfer none) (nullable) */
RefParticipant *ref_substitute_dialog_get_member (RefSubstituteDialog *self);
gboolean        ref_substitute_dialog_get_member_leaves (RefSubstituteDialog *self);

G_END_DECLS
