/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The whole document model: include this from the io layer, the UI and the tests. */
#include "ref-agenda-item.h"
#include "ref-approval.h"
#include "ref-attachment.h"
#include "ref-comment.h"
#include "ref-decision.h"
#include "ref-disqualification.h"
#include "ref-enum-types.h"
#include "ref-enums.h"
#include "ref-history.h"
#include "ref-meeting.h"
#include "ref-meeting-live.h"
#include "ref-model-util.h"
#include "ref-movement.h"
#include "ref-participant.h"
#include "ref-recommendation.h"
#include "ref-section.h"
#include "ref-statement.h"
#include "ref-text.h"
#include "ref-vote.h"
