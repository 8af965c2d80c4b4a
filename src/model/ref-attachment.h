/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"

G_BEGIN_DECLS

/* RefAttachment: An attachment (bilag) of an item. */
#define REF_TYPE_ATTACHMENT (ref_attachment_get_type ())
G_DECLARE_FINAL_TYPE (RefAttachment, ref_attachment, REF, ATTACHMENT, GObject)

RefAttachment *ref_attachment_new (void);

const char *ref_attachment_get_title (RefAttachment *self);
void        ref_attachment_set_title (RefAttachment *self, const char *title);
const char *ref_attachment_get_filename (RefAttachment *self);
void        ref_attachment_set_filename (RefAttachment *self, const char *filename);
gboolean ref_attachment_get_recommended (RefAttachment *self);
void ref_attachment_set_recommended (RefAttachment *self, gboolean recommended);

/*< custom >*/

G_END_DECLS
