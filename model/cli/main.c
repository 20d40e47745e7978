/* main.c -- capsim's main(): read the command line, run its command,
 * exit with its status (the commands are in commands.c, the options in
 * options.c, its diagnostics and progress in console.c, the summary
 * table in summary.c).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "capsim/error.h"
#include "sim/ranks.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "cli/options.h"
#include "cli/signals.h"

/* Commands that only read and draw run once, on rank 0; the other
 * ranks wait for its exit status (main()). */
static int
on_rank0(int (*command)(const char *), const char *arg)
{
    return cap_ranks_self() == 0 ? command(arg) : EXIT_SUCCESS;
}

/* The command line's command; returns the exit status.  given is argv
 * as it was before getopt reordered it, for the manifest. */
static int
command_line(int argc, char **argv, char *const *given,
             cap_signals *signals)
{
    run_options opt;
    int code = cli_options_parse(argc, argv, &opt);

    if (code >= 0)
        return code;
    opt.argv = given;
    opt.signals = signals;
    if (strcmp(opt.command, "plot") == 0)
        return cli_close_stdout(on_rank0(cli_plot, opt.file));
    /* Only rank 0 tells of its progress and prints the summary. */
    if (cap_ranks_self() != 0)
        opt.quiet = 1;
    if (strcmp(opt.command, "run") == 0)
        return cli_close_stdout(cli_run(&opt));
    if (strcmp(opt.command, "tornado") == 0)
        return cli_close_stdout(cli_tornado(&opt));
    if (strcmp(opt.command, "compare") == 0)
        return cli_close_stdout(cli_compare(&opt));
    if (strcmp(opt.command, "reproduce") == 0)
        return cli_close_stdout(cli_reproduce(&opt));
    if (strcmp(opt.command, "verify") == 0)
        return cli_close_stdout(on_rank0(cli_verify, opt.file));
    /* validate reads and checks only. */
    return cli_close_stdout(cap_ranks_self() == 0 ? cli_validate(&opt)
                                                  : EXIT_SUCCESS);
}

int
main(int argc, char **argv)
{
    cap_diag diag = { "", 0, "" };
    cap_signals signals;
    char **given;
    int code;

    gsl_set_error_handler_off();
    /* First, before MPI or OpenMP start a thread that would not have
     * the signals blocked.  Without the thread, the signals keep their
     * default actions: a run still writes its folder whole or not at
     * all, but an interrupted one leaves its temporary folder for the
     * next run to remove. */
    cap_signals_start(&signals);
    if (cap_ranks_init(&argc, &argv, &diag) != CAP_OK) {
        cli_report(&diag);
        return EXIT_RUNTIME;
    }
    given = malloc(((size_t) argc + 1) * sizeof *given);
    if (given == NULL) {
        fputs("capsim: out of memory\n", stderr);
        cap_ranks_finish();
        return EXIT_RUNTIME;
    }
    memcpy(given, argv, ((size_t) argc + 1) * sizeof *given);
    code = command_line(argc, argv, given, &signals);
    free(given);
    /* The ranks agree on every verdict they share; this gives them the
     * rest of rank 0's: writing the results, validate and plot. */
    code = cap_ranks_share(code);
    cap_ranks_finish();
    return code;
}
