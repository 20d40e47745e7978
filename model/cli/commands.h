/* commands.h -- the commands of capsim, each given the command line's
 * options and returning the exit status (internal to the command).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CLI_COMMANDS_H
#define CAPSIM_CLI_COMMANDS_H

#include "cli/options.h"

/* capsim run FILE: simulate the scenario (each point of its sweep; its
 * incentives and interventions) and write its results folder. */
int cli_run(const run_options *opt);
/* capsim tornado FILE: the run with every uncertain input drawn, then
 * each input alone at its low and high value; writes the folder. */
int cli_tornado(const run_options *opt);
/* capsim plot DIR: redraw the charts of a results folder. */
int cli_plot(const char *dir);
/* capsim validate FILE: check the scenario without simulating. */
int cli_validate(const char *file);

#endif /* CAPSIM_CLI_COMMANDS_H */
