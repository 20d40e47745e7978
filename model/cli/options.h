/* options.h -- the capsim command line: its options, its help and
 * --version, and the complaints about a line it cannot use (internal
 * to the command).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CLI_OPTIONS_H
#define CAPSIM_CLI_OPTIONS_H

#include <stdint.h>
#include "capsim/output.h"
#include "capsim/sim.h"
#include "cli/signals.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* What the line asked for: the command, its operand and the options
 * of run and tornado. */
typedef struct {
    const char *command;      /* run, tornado, plot, validate, compare,
                                 verify or reproduce */
    const char *file;         /* the first operand: the scenario FILE,
                                 or the DIR of plot, verify, reproduce */
    char *const *operands;    /* every operand (compare's FILE...) */
    int n_operands;
    int argc;                 /* the whole command line, as given, for */
    char *const *argv;        /*   the manifest to record */
    int expand;               /* validate --expand: print the scenario
                                 as assembled from its bases */
    const char *out;
    long trials;              /* 0: the scenario's */
    int seed_given;
    uint64_t seed;
    int threads;
    cap_engine engine;        /* DEFAULT: the scenario's */
    cap_replace force;        /* --force: CAP_REPLACE_OURS */
    int no_plots, keep_trials, quiet;
    int no_waterfall;         /* --no-waterfall: no growth waterfall */
    int horizon;              /* --horizon: the horizon's table */
    const char *option;       /* compare --option: the option charted */
    cap_signals *signals;     /* removes the temporary folder on a signal */
} run_options;

/* Read the command line into *opt (cleared first).  Returns -1 when a
 * command is to run (opt->command and opt->file set); otherwise the
 * exit status, having printed the help or the version (0) or what is
 * wrong with the line (EXIT_USAGE, on rank 0 only). */
int cli_options_parse(int argc, char **argv, run_options *opt);

/* Print "capsim: " fmt (with arg) and a hint at --help to stderr, on
 * rank 0 only.  Returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

#endif /* CAPSIM_CLI_OPTIONS_H */
