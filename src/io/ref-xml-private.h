/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "YYYY-MM-DD" (date_only) or "YYYY-MM-DDTHH:MM", wall clock; NULL when invalid. */
GDateTime *ref_xml_parse_date_time (const char *value, gboolean date_only);

G_END_DECLS
