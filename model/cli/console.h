/* console.h -- what the capsim command shows on standard error: its
 * diagnostics, the progress of its runs and the plain lines of a
 * study's steps (internal to the command; the summary on stdout is
 * summary.h's).
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

/* Progress of the command's simulations, on stderr: on a terminal a
 * bar redrawn in place (the share done and the time left; at most four
 * updates a second); otherwise a line each time another 10% is done,
 * with the time elapsed and the time left, so that a log shows how far
 * a long run got.  A stage is one step of the command ("the run", "the
 * counterfactuals", "the sweep"...) that makes one or more runs of the
 * same trials; its progress is over all of them.
 * cli_progress_start() points cfg's progress callback at p, which must
 * outlive every run made with cfg (or a copy of it). */
typedef struct {
    struct timespec start, last;  /* the stage's start; last bar drawn */
    int on_terminal;          /* a bar in place, else a line per 10% */
    const char *stage;        /* "counterfactuals"..., NULL: the run */
    long runs;                /* runs the stage makes */
    long run;                 /* runs of the stage finished */
    long last_done;           /* trials done at the last report */
    int tenths;               /* tenths of the stage told as lines */
    int finished;             /* the stage's 100% has been shown */
    int drawn;                /* width of the bar on screen, or 0 */
    int active;               /* cli_progress_start() was called */
} cli_progress;
void cli_progress_start(cli_progress *p, cap_sim_config *cfg,
                        int on_terminal);
/* Begin a stage of runs runs (at least 1) called stage (a static
 * string, or NULL for the command's main run). */
void cli_progress_stage(cli_progress *p, const char *stage, long runs);
/* Run number k (from 0) of the stage is about to start: for stages
 * whose runs the command makes one at a time.  Where a library call
 * makes them, a run's start is seen when the trials done fall. */
void cli_progress_run(cli_progress *p, long k);
/* End the stage: show its 100% if a run's last report was missed. */
void cli_progress_end(cli_progress *p, long trials);

/* The values of point p's swept keys, "a = 1, b = 2", into buf. */
void cli_point_label(const cap_scenario *base, size_t p, char *buf,
                     size_t size);

/* "capsim: WHAT: DETAIL" on stderr, a plain line per sweep point or
 * tornado run (WHAT says which, e.g. "tornado run 3/9"), unless quiet;
 * on a terminal it first wipes p's bar, which comes back below it. */
void cli_announce(cli_progress *p, int quiet, const char *what,
                  const char *detail);

/* The number point p (from 0 in the command's order) has in every
 * output: the point column of the CSVs, the tables on stdout and the
 * lines on stderr. */
size_t cli_point_number(size_t p);

#endif /* CAPSIM_CLI_CONSOLE_H */
