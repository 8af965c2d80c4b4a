/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ref-model.h"

G_BEGIN_DECLS

/*
 * The conventional Danish wording of what the model stores as typed data, shared by
 * the PDF export, the importer's checks and the CLI, so that all agree:
 * "For stemte: 5, A (A), B (B).", "X ønskede at afgive følgende mindretalsudtalelse:".
 */
char *ref_format_vote_line (const RefVote *vote, RefVoteChoice choice);
/* The statement's lead sentence, or NULL for kinds that have none (the text says it). */
char *ref_format_statement_lead (RefStatement *statement);
/* A decision as plain paragraphs joined by "\n": text, vote lines, outcome, statements,
 * remark. */
char *ref_format_decision_plain (RefDecision *decision);
/* Whitespace-normalised paragraphs of @text joined by "\n"; list entries keep their
 * label ("1. …", "• " is dropped). */
char *ref_format_text_paragraphs (const RefText *text, gboolean with_labels);

/* "deltog ved punkterne 82, 88 og 89" for a participant present only for some items;
 * NULL when that does not apply. */
char *ref_format_attended_items (RefParticipant *participant);

/* The partial attendance of @participant as the header's "Fraværende" field says it:
 * "Birgit Jakobsen deltog ved punkterne 82, 88 og 89", "Bo Bech forlod mødet kl.
 * 18.40 under punkt 2 og kom tilbage før punkt 8". NULL when present throughout. */
char *ref_format_partial_attendance (RefParticipant *participant);

G_END_DECLS
