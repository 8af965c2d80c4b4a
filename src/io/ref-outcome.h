/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/* Records on every decision of @meeting (its own and the quoted earlier ones) that
 * has no outcome recorded the outcome its wording states (ref-captions.h): what an
 * importer does with minutes as they were published. Kept apart from ref-captions.h
 * so that readers with a vocabulary of their own (the PDF import) can call it. */
void ref_meeting_record_outcomes (RefMeeting *meeting);

G_END_DECLS
