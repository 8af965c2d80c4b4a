/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/* The figures `referent-cli stats` prints, as a JSON object (pretty-printed). */
char *ref_meeting_stats_to_json (RefMeeting *meeting);

G_END_DECLS
