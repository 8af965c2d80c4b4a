/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"

G_BEGIN_DECLS

/* RefMovement: A movement of a participant during the meeting: left or arrived, before or during an item and/or at a time of day. */
#define REF_TYPE_MOVEMENT (ref_movement_get_type ())
G_DECLARE_FINAL_TYPE (RefMovement, ref_movement, REF, MOVEMENT, GObject)

RefMovement *ref_movement_new (void);

RefMovementKind ref_movement_get_kind (RefMovement *self);
void ref_movement_set_kind (RefMovement *self, RefMovementKind kind);
guint ref_movement_get_item (RefMovement *self);
void ref_movement_set_item (RefMovement *self, guint item);
gboolean ref_movement_get_during (RefMovement *self);
void ref_movement_set_during (RefMovement *self, gboolean during);
int ref_movement_get_time (RefMovement *self);
void ref_movement_set_time (RefMovement *self, int time);

/*< custom >*/

G_END_DECLS
