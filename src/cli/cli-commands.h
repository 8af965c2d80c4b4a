/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Subcommands of referent-cli that live in their own files. Each takes the
 * subcommand's arguments (argv[0] is the subcommand) and returns the exit status. */
#include "ref-model.h"
#include "ref-signature-trust.h"

typedef int (*CliCommandFunc) (int argc, char **argv);

/* A command a helper program runs (see referent-cli.c). */
typedef struct {
  const char *name;
  CliCommandFunc func;
} CliCommand;

int cli_usage_error (const char *command, const char *message);
/* Loads the .referat file named by @arg; on failure prints why and returns NULL. */
RefMeeting *cli_load_meeting (const char *arg);
/* Adds the certificates of every PEM file in @files (may be NULL) to @trust; on
 * failure prints why and returns FALSE. */
gboolean cli_load_trust (RefSignatureTrust *trust, char **files);
/* The main () of a helper program: runs the one of @commands that argv[1] names. */
int cli_helper_main (const CliCommand *commands, gsize n_commands, int argc, char **argv);

int cli_import (int argc, char **argv);
int cli_diff (int argc, char **argv);
int cli_export (int argc, char **argv);
int cli_sign (int argc, char **argv);
int cli_verify (int argc, char **argv);
int cli_content (int argc, char **argv);
int cli_attach (int argc, char **argv);
int cli_index (int argc, char **argv);
int cli_search (int argc, char **argv);
