/* console.h -- what the capsim command shows on the terminal: its
 * diagnostics, the progress bar, the overview table and the plain
 * lines of a study's steps (internal to the command).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CLI_CONSOLE_H
#define CAPSIM_CLI_CONSOLE_H

#include <stdio.h>
#include <time.h>
#include "capsim/error.h"
#include "capsim/output.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"

/* Print a diagnostic as "capsim: FILE:LINE: message", on rank 0 only. */
void cli_report(const cap_diag *d);

/* The exit status of a failure with status: EXIT_USAGE for bad input
 * or a results folder that may not be written, else EXIT_RUNTIME. */
int cli_exit_for(int status);
/* The same for a scenario that could not be loaded: bad input, even
 * when its file cannot be opened; only running out of memory is not. */
int cli_exit_for_load(int status);

/* Flush stdout; returns code, or EXIT_RUNTIME (when code is 0) with a
 * message when stdout could not be written (capsim >/dev/full must not
 * exit 0). */
int cli_close_stdout(int code);

/* Progress on a terminal: trials done, rate, time left; at most four
 * updates a second.  cli_progress_start() points cfg's progress
 * callback at p, which must outlive the run. */
typedef struct {
    struct timespec start, last;
    int finished;             /* the final line has been printed */
} cli_progress;
void cli_progress_start(cli_progress *p, cap_sim_config *cfg);

/* The overview on stdout: per option and party, the expected net over
 * the horizon, the 1-in-20 loss and the share of cost risk. */
void cli_print_overview(const cap_scenario *sc, const cap_outcomes *o,
                        const cap_horizon *h);

/* The values of point p's swept keys, "a = 1, b = 2", into buf. */
void cli_point_label(const cap_scenario *base, size_t p, char *buf,
                     size_t size);

/* "capsim: WHAT K/N: DETAIL" on stderr, a plain line per sweep point or
 * tornado run (beside the progress bar), unless quiet or n is 1. */
void cli_announce(int quiet, const char *what, size_t k, size_t n,
                  const char *detail);

#endif /* CAPSIM_CLI_CONSOLE_H */
