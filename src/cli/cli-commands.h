/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Subcommands of referent-cli that live in their own files. Each takes the
 * subcommand's arguments (argv[0] is the subcommand) and returns the exit status. */
int cli_usage_error (const char *command, const char *message);
int cli_import (int argc, char **argv);
int cli_diff (int argc, char **argv);
int cli_sign (int argc, char **argv);
int cli_verify (int argc, char **argv);
