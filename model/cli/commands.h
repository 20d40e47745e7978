/* commands.h -- the commands of capsim, each given the command line's
 * options and returning the exit status (internal to the command).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CLI_COMMANDS_H
#define CAPSIM_CLI_COMMANDS_H

#include <time.h>
#include "capsim/scenario.h"
#include "cli/options.h"

/* What a rerun of a recorded command (capsim reproduce) changes of run
 * and tornado: the scenario's files are read from their stored copies,
 * the folder records the recorded start as its start (and the report
 * shows it), and no summary is printed.  Only read during the call. */
typedef struct {
    const cap_input_redirect *redirects;
    size_t n_redirects;
    time_t started;           /* 0: now */
} cli_rerun;

/* capsim run FILE: simulate the scenario (each point of its sweep; its
 * incentives and interventions) and write its results folder. */
int cli_run(const run_options *opt);
/* capsim tornado FILE: the run with every uncertain input drawn, then
 * each input alone at its low and high value; writes the folder. */
int cli_tornado(const run_options *opt);
/* The same two commands as a rerun (rerun may be NULL: as above).
 * Return the exit status; under MPI every rank calls them. */
int cli_run_from(const run_options *opt, const cli_rerun *rerun);
int cli_tornado_from(const run_options *opt, const cli_rerun *rerun);
/* capsim plot DIR: redraw the charts of a results folder. */
int cli_plot(const char *dir);
/* capsim validate [--expand] FILE: check the scenario without
 * simulating (and print it as assembled from its bases). */
int cli_validate(const run_options *opt);
/* capsim compare FILE...: run each scenario (or gather each results
 * folder) and write one comparison folder. */
int cli_compare(const run_options *opt);
/* capsim verify DIR: check every file of a results folder against its
 * manifest. */
int cli_verify(const char *dir);
/* capsim reproduce DIR: rerun a results folder from its inputs/ and
 * compare every output with the recorded checksums. */
int cli_reproduce(const run_options *opt);

#endif /* CAPSIM_CLI_COMMANDS_H */
