/* compare.c -- capsim compare FILE...: several scenarios side by side
 * in one comparison folder.
 *
 * Every operand is checked before anything runs: each scenario file is
 * loaded and validated (a [sweep] is refused: its points are many
 * scenarios), each results folder is read back, --option must name an
 * option of the first, and the comparison folder must be one capsim
 * may write.  Only then are the scenario files run, one after another,
 * each with the command's --trials, --seed, --engine and --threads as
 * 'capsim run' would; the same seed gives runs that share their demand
 * common random numbers (capsim/compare.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/capsim.h"
#include "capsim/results.h"
#include "scenario/engine.h"
#include "scenario/ini_doc.h"
#include "output/comparison.h"
#include "sim/ranks.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "cli/options.h"
#include "cli/signals.h"

/* Everything a comparison holds, freed by release(). */
typedef struct {
    size_t n;
    cap_point *points;        /* [n] */
    cap_cmp_table **tables;   /* [n] */
    cap_cmp_input *inputs;    /* [n] */
    char (*engine)[32];       /* [n] */
    int *run;                 /* [n]: a scenario file, to be run */
    cap_comparison *cmp;
    cap_cmp_key *keys;
    size_t n_keys;
    cap_results res;
    cap_diag diag;
} comparison;

static void
release(comparison *c)
{
    for (size_t s = 0; c->points && s < c->n; s++) {
        cap_scenario *sc = c->points[s].owned;

        cap_outcomes_free(c->points[s].o);
        cap_horizon_free(c->points[s].h);
        cap_decision_free(c->points[s].decision);
        cap_scenario_free(sc);
        cap_cmp_table_free(c->tables[s]);
    }
    free(c->points);
    free(c->tables);
    free(c->inputs);
    free(c->engine);
    free(c->run);
    cap_comparison_free(c->cmp);
    cap_cmp_keys_free(c->keys, c->n_keys);
}

static void
print_notice(const char *message, void *user)
{
    (void) user;
    fprintf(stderr, "capsim: %s\n", message);
}

/* Load the scenario file path into c's scenario s, checked as a run
 * checks it, without running it. */
static int
load_file(const run_options *opt, comparison *c, size_t s, const char *path)
{
    cap_point *pt = &c->points[s];
    cap_scenario *sc = NULL;
    cap_engine engine;
    int status = cap_scenario_load(path, &sc, &c->diag);

    if (status != CAP_OK)
        return status;
    pt->sc = sc;
    pt->owned = sc;
    if (sc->sweep.design != CAP_DESIGN_NONE)
        return cap_diag_set(&c->diag, CAP_EINPUT, sc->path,
                            cap_ini_section_line(sc->source, "sweep"),
                            "a scenario with [sweep] is many scenarios: "
                            "compare its points' own files, or run the "
                            "sweep with 'capsim run'");
    status = cap_engine_choose(sc, opt->engine, &engine, &c->diag);
    if (status != CAP_OK)
        return status;
    snprintf(c->engine[s], sizeof c->engine[s], "%s",
             cap_engine_name(engine));
    c->run[s] = 1;
    c->inputs[s].sc = sc;
    c->inputs[s].seed = opt->seed_given ? opt->seed : sc->seed;
    c->inputs[s].trials = opt->trials ? opt->trials : sc->trials;
    c->inputs[s].engine = c->engine[s];
    return CAP_OK;
}

/* The index of the option charted across the scenarios: --option, else
 * the first scenario's recommended (or closest) option; -1 when it has
 * none to give yet (it is chosen after the run). */
static int
chosen_option(const run_options *opt, comparison *c, long *option)
{
    const cap_scenario *sc = c->points[0].sc;

    *option = -1;
    if (opt->option == NULL)
        return CAP_OK;
    *option = cap_cmp_find_option(sc, opt->option);
    if (*option < 0)
        return cap_diag_set(&c->diag, CAP_EINPUT, sc->path,
                            0, "--option %s: the first scenario has no "
                            "option of that name", opt->option);
    return CAP_OK;
}

/* The default folder: results/compare-NAME1-NAME2... */
static void
default_out(const comparison *c, char *out, size_t n)
{
    size_t len = (size_t) snprintf(out, n, "results/compare");

    for (size_t s = 0; s < c->n && len < n; s++)
        len += (size_t) snprintf(out + len, n - len, "-%s",
                                 c->points[s].sc->name);
}

/* Check every operand and begin the folder; nothing runs before. */
static int
prepare(const run_options *opt, comparison *c, long *option)
{
    const char *inputs[CAP_RESULTS_INPUTS + 1];
    size_t n_in = 0;
    char out[1100];
    int status = CAP_OK;

    for (size_t s = 0; s < c->n && status == CAP_OK; s++) {
        const char *path = opt->operands[s];

        if (cap_comparison_is_folder(path))
            status = cap_comparison_gather(path, &c->points[s],
                                           &c->tables[s], &c->inputs[s],
                                           c->engine[s],
                                           sizeof c->engine[s], &c->diag);
        else
            status = load_file(opt, c, s, path);
    }
    if (status == CAP_OK)
        status = chosen_option(opt, c, option);
    /* Should one rank fail to read an operand, all stop with its
     * message. */
    status = cap_ranks_agree(status, 0, &c->diag);
    if (status != CAP_OK)
        return status;
    if (opt->out)
        snprintf(out, sizeof out, "%s", opt->out);
    else
        default_out(c, out, sizeof out);
    /* --force never replaces a folder holding one of the inputs. */
    for (size_t s = 0; s < c->n && n_in < CAP_RESULTS_INPUTS; s++)
        inputs[n_in++] = c->points[s].sc->path;
    inputs[n_in] = NULL;
    /* Under mpirun every rank runs the scenarios (each its share of the
     * trials) and rank 0 alone writes, as for 'capsim run'. */
    if (cap_ranks_self() == 0) {
        cap_signals_hold(opt->signals);
        status = cap_results_begin(&c->res, out, opt->force, inputs,
                                   &c->diag);
        cap_signals_release(opt->signals, c->res.tmp_path,
                            c->res.final_path);
    }
    return cap_ranks_agree(status, 0, &c->diag);
}

/* Run scenario s as 'capsim run' would. */
static int
run_one(const run_options *opt, comparison *c, size_t s)
{
    cap_point *pt = &c->points[s];
    cap_sim_config cfg;
    int status;

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = c->inputs[s].trials;
    cfg.seed = c->inputs[s].seed;
    cfg.threads = opt->threads;
    cfg.engine = opt->engine;
    cfg.concentration_trials = cap_sim_concentration_trials(pt->sc);
    if (!opt->quiet)
        fprintf(stderr, "capsim: scenario %zu of %zu: %s (%ld trials, seed "
                "%llu)\n", s + 1, c->n, pt->sc->name, cfg.trials,
                (unsigned long long) cfg.seed);
    status = cap_point_run(pt, 0, &cfg, &c->diag);
    c->inputs[s].o = pt->o;
    c->inputs[s].h = pt->h;
    return status;
}

/* What the terminal is told: where each scenario's differences stand. */
static void
print_pairing(const comparison *c)
{
    for (size_t s = 1; s < c->n; s++) {
        const cap_cmp_pairing *p = &c->cmp->pairing[s];

        if (p->common_draws)
            printf("%s against %s: common random numbers, differences "
                   "paired\n", c->points[s].sc->name,
                   c->points[0].sc->name);
        else
            printf("%s against %s: %s\n", c->points[s].sc->name,
                   c->points[0].sc->name, p->why);
    }
}

int
cli_compare(const run_options *opt)
{
    comparison c;
    cap_comparison_request rq;
    long option = -1;
    int status;

    memset(&c, 0, sizeof c);
    memset(&rq, 0, sizeof rq);
    if (opt->n_operands < 2)
        return cli_usage_error("%s", "compare: expected at least two "
                               "scenario FILEs or results DIRs");
    c.n = (size_t) opt->n_operands;
    c.points = calloc(c.n, sizeof *c.points);
    c.tables = calloc(c.n, sizeof *c.tables);
    c.inputs = calloc(c.n, sizeof *c.inputs);
    c.engine = calloc(c.n, sizeof *c.engine);
    c.run = calloc(c.n, sizeof *c.run);
    if (!c.points || !c.tables || !c.inputs || !c.engine || !c.run) {
        release(&c);
        fprintf(stderr, "capsim: out of memory\n");
        return EXIT_RUNTIME;
    }
    rq.started = cap_results_clock();
    status = prepare(opt, &c, &option);
    if (status != CAP_OK) {
        cli_report(&c.diag);
        release(&c);
        return cli_exit_for_load(status);
    }
    for (size_t s = 0; s < c.n && status == CAP_OK; s++)
        if (c.run[s])
            status = run_one(opt, &c, s);
    if (status == CAP_OK)
        status = cap_compare(c.inputs, c.n, &c.cmp, &c.diag);
    if (status == CAP_OK) {
        const cap_scenario **scs = malloc(c.n * sizeof *scs);

        for (size_t s = 0; scs && s < c.n; s++)
            scs[s] = c.points[s].sc;
        status = scs ? cap_compare_keys((const cap_scenario *const *) scs,
                                        c.n, &c.keys, &c.n_keys, &c.diag)
                     : cap_diag_set(&c.diag, CAP_ENOMEM, "", 0,
                                    "out of memory");
        free(scs);
    }
    if (status == CAP_OK && option < 0 && c.points[0].decision != NULL)
        option = c.points[0].decision->closest;
    rq.n = c.n;
    rq.operand = (const char *const *) opt->operands;
    rq.points = c.points;
    rq.inputs = c.inputs;
    rq.cmp = c.cmp;
    rq.keys = c.keys;
    rq.n_keys = c.n_keys;
    rq.option = option;
    rq.no_plots = opt->no_plots;
    rq.argc = opt->argc;
    rq.argv = opt->argv;
    rq.notice = print_notice;
    if (cap_ranks_self() == 0) {
        if (status == CAP_OK)
            status = cap_comparison_fill(&c.res, &rq, &c.diag);
        cap_signals_hold(opt->signals);
        if (status == CAP_OK)
            status = cap_results_commit(&c.res, &c.diag);
        else
            cap_results_abort(&c.res);
        cap_signals_release(opt->signals, NULL, NULL);
    }
    if (cap_ranks_self() != 0) {
        /* main() gives every rank rank 0's exit status. */
    } else if (status != CAP_OK) {
        cli_report(&c.diag);
    } else if (!opt->quiet) {
        print_pairing(&c);
        printf("comparison in %s\n", c.res.final_path);
    }
    release(&c);
    return status == CAP_OK ? EXIT_SUCCESS : cli_exit_for(status);
}
