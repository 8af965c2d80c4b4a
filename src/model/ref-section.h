/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-text.h"
#include "ref-vote.h"

G_BEGIN_DECLS

/* RefSection: A section of an agenda item: a heading of a known kind or a free heading, and structured text. */
#define REF_TYPE_SECTION (ref_section_get_type ())
G_DECLARE_FINAL_TYPE (RefSection, ref_section, REF, SECTION, GObject)

RefSection *ref_section_new (void);

RefSectionKind ref_section_get_kind (RefSection *self);
void ref_section_set_kind (RefSection *self, RefSectionKind kind);
const char *ref_section_get_heading (RefSection *self);
void        ref_section_set_heading (RefSection *self, const char *heading);
guint ref_section_get_level (RefSection *self);
void ref_section_set_level (RefSection *self, guint level);
RefText *ref_section_get_text (RefSection *self);
void ref_section_set_text (RefSection *self, RefText *text);

const char *ref_section_get_display_heading (RefSection *self);

G_END_DECLS
