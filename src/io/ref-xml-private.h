/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/* "YYYY-MM-DD" (date_only) or "YYYY-MM-DDTHH:MM", wall clock; NULL when invalid. */
GDateTime *ref_xml_parse_date_time (const char *value, gboolean date_only);

/* The meeting as members approve it (ref-signature.c signs these bytes): the file
 * format without the lock, the reviewers' comments and the approvals themselves. */
GBytes *ref_xml_write_content_bytes (RefMeeting *meeting);

G_END_DECLS
