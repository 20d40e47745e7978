/* commands.c -- the commands of capsim: run and tornado simulate a
 * scenario and have the library write its results folder; plot redraws
 * a folder's charts; validate checks a scenario without simulating.
 * reproduce (reproduce.c) reruns run and tornado through cli_run_from()
 * and cli_tornado_from().
 *
 * Exit status: 0 success; 1 a runtime failure (out of memory, a file
 * could not be written, gnuplot failed); 2 bad usage or bad input
 * (including a results folder that exists without --force, or that
 * --force may not replace); 128 + the signal's number when SIGINT,
 * SIGTERM or SIGHUP stopped a run (model/cli/signals.h).  Only the
 * command (model/cli/) and its signal thread print or exit; the library
 * reports through status codes.
 *
 * Built with MPI and started by mpirun, every rank runs the command:
 * all simulate (each its share of the trials, model/sim/ranks.h), rank 0
 * alone writes, prints, validates and draws, and every rank exits with
 * rank 0's status.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "capsim/capsim.h"
#include "capsim/results.h"
#include "scenario/engine.h"
#include "scenario/ini_doc.h"
#include "scenario/load.h"
#include "output/plot.h"
#include "sim/ranks.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "cli/options.h"
#include "cli/signals.h"
#include "cli/summary.h"

/* What run and tornado share: the scenario, its results folder being
 * written, the simulation's settings, the points run and what else the
 * command computed, for the folder. */
typedef struct {
    cap_scenario *sc;
    cap_results res;
    cap_diag diag;
    cap_sim_config cfg;
    cli_progress prog;
    cap_point *points;
    size_t n_points;
    cap_results_request what;
} command_state;

/* What the results folder lacks, said as the command says everything. */
static void
print_notice(const char *message, void *user)
{
    (void) user;
    fprintf(stderr, "capsim: %s\n", message);
}

/* A command that stops before its run: say why, free the scenario and
 * return code, the exit status. */
static int
give_up(command_state *cs, int code)
{
    cli_report(&cs->diag);
    cap_scenario_free(cs->sc);
    cs->sc = NULL;
    return code;
}

/* Load FILE (from the stored copies rerun names, when not NULL) and open
 * its results folder: the start of every command that writes one.
 * Returns 0 or the exit status. */
static int
begin(const run_options *opt, const cli_rerun *rerun, command_state *cs)
{
    cap_diag *diag = &cs->diag;
    char out[1100];
    int status;
    cap_engine engine;

    memset(cs, 0, sizeof *cs);
    if (rerun != NULL)
        status = cap_scenario_load_from(opt->file, rerun->redirects,
                                        rerun->n_redirects, &cs->sc, diag);
    else
        status = cap_scenario_load(opt->file, &cs->sc, diag);
    /* Under mpirun each rank reads the scenario itself; should one
     * fail to, all stop with its message. */
    status = cap_ranks_agree(status, 0, diag);
    if (status != CAP_OK) {
        return give_up(cs, cli_exit_for_load(status));
    }
    /* Before the results folder is begun, so a refusal writes nothing. */
    if (cap_engine_choose(cs->sc, opt->engine, &engine, diag) != CAP_OK) {
        return give_up(cs, EXIT_USAGE);
    }
    if (opt->out)
        snprintf(out, sizeof out, "%s", opt->out);
    else
        snprintf(out, sizeof out, "results/%s", cs->sc->name);
    /* Rank 0 alone writes the folder, so it alone may refuse to; it
     * does so before the run, which a folder it may not write would
     * waste. */
    if (cap_ranks_self() == 0) {
        cap_signals_hold(opt->signals);
        status = cap_results_start(&cs->res, out, cs->sc, opt->force, diag);
        cap_signals_release(opt->signals, cs->res.tmp_path,
                            cs->res.final_path);
    }
    status = cap_ranks_agree(status, 0, diag);
    if (status != CAP_OK) {
        return give_up(cs, cli_exit_for(status));
    }
    cs->cfg.trials = opt->trials ? opt->trials : cs->sc->trials;
    cs->cfg.seed = opt->seed_given ? opt->seed : cs->sc->seed;
    cs->cfg.threads = opt->threads;
    cs->cfg.engine = opt->engine;
    cs->cfg.concentration_trials = cap_sim_concentration_trials(cs->sc);
    /* A bar on a terminal; a line per 10% in a log. */
    if (!opt->quiet)
        cli_progress_start(&cs->prog, &cs->cfg, isatty(STDERR_FILENO));
    /* What the folder is to hold; the command adds what it computes. */
    cs->what.scenario = cs->sc;
    cs->what.config = &cs->cfg;
    cs->what.started = rerun != NULL && rerun->started != 0
                       ? rerun->started : cap_results_clock();
    cs->what.command = opt->command;
    cs->what.argc = opt->argc;
    cs->what.argv = opt->argv;
    cs->what.keep_trials = opt->keep_trials;
    cs->what.no_plots = opt->no_plots;
    cs->what.force = opt->force;
    cs->what.notice = print_notice;
    return 0;
}

/* Finish a command: have the library write the folder, commit or
 * abort it, report (a rerun's caller says what it found instead of the
 * summary); then free what the command held. */
static int
finish(const run_options *opt, const cli_rerun *rerun, command_state *cs,
       int status)
{
    /* Rank 0 alone writes; the other ranks hold the same results and
     * discard them, and main() gives them rank 0's exit status. */
    if (cap_ranks_self() == 0) {
        cs->what.points = cs->points;
        cs->what.n_points = cs->n_points;
        if (status == CAP_OK)
            status = cap_results_fill(&cs->res, &cs->what, &cs->diag);
        cap_signals_hold(opt->signals);
        if (status == CAP_OK)
            status = cap_results_commit(&cs->res, &cs->diag);
        else
            cap_results_abort(&cs->res);
        cap_signals_release(opt->signals, NULL, NULL);
    }
    if (status != CAP_OK) {
        cli_report(&cs->diag);
    } else if (!opt->quiet && rerun == NULL) {
        cli_print_summary(cs->sc, cs->points, cs->n_points,
                          opt->horizon ? CLI_HORIZON : CLI_ANNUAL);
        printf("results in %s\n", cs->res.final_path);
    }
    cap_points_free(cs->points, cs->n_points);
    cap_scenario_free(cs->sc);
    return status == CAP_OK ? EXIT_SUCCESS : cli_exit_for(status);
}

/* Each intervention's counterfactual runs (the same futures without
 * it), and the rows of interventions.csv they give. */
static int
run_counterfactuals(const run_options *opt, command_state *cs,
                    cap_counterfactuals **cf, cap_iv_row **rows)
{
    const cap_scenario *sc = cs->sc;
    size_t runs = cap_counterfactual_runs(sc);
    int status;

    if (!opt->quiet)
        fprintf(stderr, "capsim: the same futures without each "
                "intervention (%zu more run%s)\n", runs,
                runs == 1 ? "" : "s");
    cli_progress_stage(&cs->prog, "counterfactuals", (long) runs);
    status = cap_counterfactuals_run(sc, &cs->cfg, cf, &cs->diag);
    if (status != CAP_OK)
        return status;
    cli_progress_end(&cs->prog, cs->cfg.trials);
    return cap_interventions_rows(sc, cs->points[0].o, *cf, rows,
                                  &cs->what.n_iv_rows, &cs->diag);
}

int
cli_run(const run_options *opt)
{
    return cli_run_from(opt, NULL);
}

int
cli_run_from(const run_options *opt, const cli_rerun *rerun)
{
    command_state cs;
    cap_incentives *incentives = NULL;
    cap_counterfactuals *counterfactuals = NULL;
    cap_iv_row *iv_rows = NULL;
    cap_waterfall *waterfall = NULL;
    int code = begin(opt, rerun, &cs), status;

    if (code != 0)
        return code;
    status = cap_points_build(cs.sc, &cs.points, &cs.n_points,
                              &cs.diag);
    /* The whole sweep's memory, before its first point.  Under MPI
     * each process holds every point's outcomes and checks its own
     * machine; one short of memory stops them all. */
    if (status == CAP_OK)
        status = cap_ranks_agree(
            cap_points_memory_check(cs.sc, cs.points, cs.n_points,
                                    &cs.cfg, 0.0, &cs.diag), 0, &cs.diag);
    if (status == CAP_OK && cs.sc->incentives.service >= 0
        && cs.n_points > 1)
        /* At the file and line that wrote [incentives], which may be
         * a base's. */
        status = cap_ini_diag(cs.sc->source, &cs.diag, CAP_EINPUT,
                              cs.sc->incentives.line, "[incentives] does "
                              "not combine with [sweep]");
    /* A sweep's progress is over all its points. */
    cli_progress_stage(&cs.prog, cs.n_points > 1 ? "sweep" : NULL,
                       (long) cs.n_points);
    for (size_t p = 0; p < cs.n_points && status == CAP_OK; p++) {
        char label[512], what[64];

        if (cs.n_points > 1) {
            cli_point_label(cs.sc, p, label, sizeof label);
            snprintf(what, sizeof what, "point %zu (%zu of %zu)",
                     cli_point_number(p), p + 1, cs.n_points);
            cli_announce(&cs.prog, opt->quiet, what, label);
        }
        cli_progress_run(&cs.prog, (long) p);
        status = cap_point_run(&cs.points[p], p, &cs.cfg, &cs.diag);
    }
    if (status == CAP_OK)
        cli_progress_end(&cs.prog, cs.cfg.trials);
    /* Who gains from prevention: the same futures with less demand. */
    if (status == CAP_OK && cs.sc->incentives.service >= 0) {
        cli_progress_stage(&cs.prog, "fewer events", 1);
        status = cap_incentives_run(cs.sc, cs.points[0].o, &cs.cfg,
                                    &incentives, &cs.diag);
        if (status == CAP_OK)
            cli_progress_end(&cs.prog, cs.cfg.trials);
    }
    cs.what.incentives = incentives;
    if (status == CAP_OK && cs.sc->n_interventions > 0
        && cs.sc->sweep.design == CAP_DESIGN_NONE)
        status = run_counterfactuals(opt, &cs, &counterfactuals, &iv_rows);
    cs.what.iv_rows = iv_rows;
    /* Why spending grows: the same futures with its causes switched on
     * one at a time (a run of one point over more than a year). */
    if (status == CAP_OK && cs.n_points == 1 && cs.sc->years > 1
        && !opt->no_waterfall) {
        size_t runs = cap_waterfall_runs(cs.sc);

        if (!opt->quiet && runs > 0)
            fprintf(stderr, "capsim: why spending grows: the same futures "
                    "with its causes switched on in turn (%zu more run%s; "
                    "--no-waterfall skips them)\n", runs,
                    runs == 1 ? "" : "s");
        if (runs > 0)
            cli_progress_stage(&cs.prog, "waterfall", (long) runs);
        status = cap_waterfall_run(cs.sc, cs.points[0].o, &cs.cfg,
                                   &waterfall, &cs.diag);
        if (status == CAP_OK)
            cli_progress_end(&cs.prog, cs.cfg.trials);
    }
    cs.what.waterfall = waterfall;
    code = finish(opt, rerun, &cs, status);
    cap_incentives_free(incentives);
    cap_counterfactuals_free(counterfactuals);
    cap_iv_rows_free(iv_rows);
    cap_waterfall_free(waterfall);
    return code;
}

/* What the tornado's step callback needs. */
typedef struct {
    const run_options *opt;
    cli_progress *prog;
} tornado_watch;

/* Each tornado run: a line, and the progress moved on to it. */
static void
tornado_step(size_t run, size_t runs, const char *detail, void *user)
{
    tornado_watch *w = user;
    char what[64];

    snprintf(what, sizeof what, "tornado run %zu/%zu", run, runs);
    cli_announce(w->prog, w->opt->quiet, what, detail);
    w->prog->runs = (long) runs;
    cli_progress_run(w->prog, (long) run - 1);
}

int
cli_tornado(const run_options *opt)
{
    return cli_tornado_from(opt, NULL);
}

int
cli_tornado_from(const run_options *opt, const cli_rerun *rerun)
{
    command_state cs;
    cap_tornado *t = NULL;
    int code = begin(opt, rerun, &cs), status = CAP_OK;

    if (code != 0)
        return code;
    if (cs.sc->sweep.design != CAP_DESIGN_NONE)
        status = cap_diag_set(&cs.diag, CAP_EINPUT, cs.sc->path, 0, "a "
                              "tornado moves inputs one at a time; remove "
                              "[sweep] or run the sweep with 'capsim run'");
    else if (cs.sc->sensitivity.n_inputs == 0)
        status = cap_diag_set(&cs.diag, CAP_EINPUT, cs.sc->path, 0,
                              "nothing to move: write inputs as "
                              "distributions or list them in [sensitivity] "
                              "(SECTION.KEY = low, high)");
    /* The run with every input drawn, then the tornado's runs. */
    if (status == CAP_OK)
        status = cap_points_build(cs.sc, &cs.points, &cs.n_points,
                                  &cs.diag);
    if (status == CAP_OK) {
        cli_announce(&cs.prog, opt->quiet, "step 1/2", "every uncertain "
                     "input drawn in each trial");
        cli_progress_stage(&cs.prog, NULL, 1);
        status = cap_point_run(&cs.points[0], 0, &cs.cfg, &cs.diag);
    }
    if (status == CAP_OK) {
        tornado_watch watch = { opt, &cs.prog };

        cli_progress_end(&cs.prog, cs.cfg.trials);
        cli_announce(&cs.prog, opt->quiet, "step 2/2", "the tornado: one "
                     "input at a time");
        cli_progress_stage(&cs.prog, "tornado",
                           2 * (long) cs.sc->sensitivity.n_inputs + 1);
        status = cap_tornado_run(cs.sc, &cs.cfg, tornado_step, &watch, &t,
                                 &cs.diag);
        if (status == CAP_OK)
            cli_progress_end(&cs.prog, cs.cfg.trials);
    }
    cs.what.tornado = t;
    code = finish(opt, rerun, &cs, status);
    cap_tornado_free(t);
    return code;
}

int
cli_plot(const char *dir)
{
    cap_diag diag = { "", 0, "" };
    size_t charts;
    int status;

    if (!cap_plot_available()) {
        fprintf(stderr, "capsim: gnuplot not found\n");
        return EXIT_RUNTIME;
    }
    status = cap_plot_redraw(dir, cap_results_templates(), &charts, &diag);
    if (status != CAP_OK) {
        cli_report(&diag);
        return cli_exit_for(status);
    }
    printf("%s: %zu chart%s redrawn (PNG and SVG) in %s/plots\n", dir,
           charts, charts == 1 ? "" : "s", dir);
    return EXIT_SUCCESS;
}

int
cli_validate(const run_options *opt)
{
    const char *file = opt->file;
    cap_scenario *sc = NULL;
    cap_diag diag = { "", 0, "" };
    cap_point *points = NULL;
    size_t n_points = 0;
    int status = cap_scenario_load(file, &sc, &diag);

    /* Every sweep point is checked too, as a run would, and the
     * sweep's memory, for the scenario's trials on every core. */
    if (status == CAP_OK)
        status = cap_points_build(sc, &points, &n_points, &diag);
    if (status == CAP_OK) {
        cap_sim_config cfg = { 0 };

        cfg.trials = sc->trials;
        cfg.engine = sc->engine;
        cfg.concentration_trials = cap_sim_concentration_trials(sc);
        status = cap_points_memory_check(sc, points, n_points, &cfg, 0.0,
                                         &diag);
    }
    cap_points_free(points, n_points);
    if (status != CAP_OK) {
        cli_report(&diag);
        cap_scenario_free(sc);
        return cli_exit_for_load(status);
    }
    if (opt->expand) {
        /* Only the text, so that it can be saved and loaded itself. */
        status = cap_scenario_expand(sc, stdout);
        cap_scenario_free(sc);
        if (status != CAP_OK)
            fprintf(stderr, "capsim: cannot write the scenario: %s\n",
                    cap_strerror(status));
        return status == CAP_OK ? EXIT_SUCCESS : EXIT_RUNTIME;
    }
    printf("%s: ok: scenario %s, %.0f people in %zu practice%s, %zu "
           "service%s, %zu provider%s, %zu option%s, %d year%s, %ld "
           "trials\n", file, sc->name, cap_scenario_persons(sc),
           sc->n_practices,
           sc->n_practices == 1 ? "" : "s", sc->n_services,
           sc->n_services == 1 ? "" : "s", sc->n_providers,
           sc->n_providers == 1 ? "" : "s", sc->n_options,
           sc->n_options == 1 ? "" : "s", sc->years,
           sc->years == 1 ? "" : "s", sc->trials);
    {
        char why[256];
        const char *unfit = cap_aggregate_unfit(sc, why, sizeof why);

        /* The loader refuses engine = aggregate where it cannot run. */
        if (sc->engine == CAP_ENGINE_INDIVIDUAL)
            printf("  engine individual\n");
        else if (unfit)
            printf("  engine auto: individual, as the scenario has %s\n",
                   unfit);
        else
            printf("  engine %s: aggregate\n", cap_engine_name(sc->engine));
    }
    for (size_t k = 0; k < sc->n_inputs; k++) {
        char text[120];

        cap_dist_format(&sc->inputs[k].dist, text, sizeof text);
        printf("  uncertain input %s ~ %s\n", sc->inputs[k].name, text);
    }
    if (sc->sweep.design != CAP_DESIGN_NONE)
        printf("  sweep of %zu points over %zu key%s, each point valid\n",
               n_points, sc->sweep.n_keys, sc->sweep.n_keys == 1 ? "" : "s");
    cap_scenario_free(sc);
    return EXIT_SUCCESS;
}
