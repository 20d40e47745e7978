/* sim.c -- the Monte Carlo driver: many trials, every option.
 *
 * Per trial (numbers match the comments in the loop):
 *   1. simulate the trial's demand into this thread's tally -- once,
 *      or once per option when providers' behaviour makes demand
 *      differ by option;
 *   2. settle every option against its tally (the same one for all
 *      options without behaviour: common random numbers), writing the
 *      trial's own rows of the outcome arrays, with what each
 *      intervention did;
 *   3. for the first concentration_trials trials, record how
 *      concentrated cost is among people.
 * Demand comes from the aggregate engine when the run resolves to it
 * (cap_engine_resolve); concentration, which needs people, then comes
 * from the individual engine on the same trial's streams, so
 * concentration.csv is the same whichever engine priced the options.
 * With a fixed scenario each thread sets up its working space once;
 * with uncertain inputs each trial first draws them and builds its own
 * variant of the scenario (population, demand engine and tally
 * included).  Nothing a trial computes depends on another trial, so any
 * thread count gives the same bits.
 *
 * The outcomes a run keeps are in outcomes.c, the measures of
 * concentration in concentration.c and the estimate of the memory a
 * run needs in memory.c.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <omp.h>
#include "capsim/sim.h"
#include "scenario/engine.h"
#include "demand/aggregate.h"
#include "settle/behaviour.h"
#include "demand/demand.h"
#include "sim/inputs.h"
#include "base/rng.h"
#include "capsim/ledger.h"
#include "demand/population.h"
#include "capsim/stats.h"
#include "demand/tally.h"
#include "settle/settle.h"
#include "sim/concentration.h"
#include "sim/outcomes.h"
#include "sim/ranks.h"

/* What a thread needs to simulate trials of one scenario: the
 * scenario (a trial's own variant when inputs are uncertain), its
 * population, the demand engine and the tally. */
typedef struct {
    const cap_scenario *sc;
    cap_scenario *variant;    /* owned, or NULL */
    cap_population *pop;
    cap_demand *d;            /* the individual engine, or with the
                                 aggregate one only for concentration */
    cap_aggregate *a;         /* the aggregate engine, or NULL */
    cap_tally *t;
    double *work;             /* concentration scratch, or NULL */
    double *activity;         /* behaviour's multipliers per option
                                 (cap_behaviour_activity), or NULL */
} world;

static void
world_close(world *w)
{
    free(w->work);
    free(w->activity);
    cap_tally_free(w->t);
    cap_demand_free(w->d);
    cap_aggregate_free(w->a);
    cap_population_free(w->pop);
    cap_scenario_free(w->variant);
    memset(w, 0, sizeof *w);
}

static int
world_open(world *w, const cap_scenario *sc, uint64_t seed, int conc,
           cap_engine engine, cap_diag *diag)
{
    int status;

    w->sc = sc;
    status = cap_population_alloc(sc, &w->pop);
    if (status == CAP_EINPUT)
        return cap_diag_set(diag, status, sc->path, 0, "the population "
                            "exceeds 2^32-1 people");
    if (status != CAP_OK)
        return cap_diag_set(diag, status, "", 0, "out of memory");
    if (engine == CAP_ENGINE_AGGREGATE)
        w->a = cap_aggregate_alloc(sc, w->pop, seed);
    if (engine != CAP_ENGINE_AGGREGATE || conc)
        w->d = cap_demand_alloc(sc, w->pop, seed, conc);
    w->t = cap_tally_alloc(sc, w->pop);
    w->work = conc ? malloc(2 * (size_t) (w->pop->n_ids ? w->pop->n_ids : 1)
                            * sizeof *w->work)
                   : NULL;
    if (sc->behaviour.on)
        w->activity = malloc(sc->n_options * (size_t) sc->years
                             * sc->n_services * sizeof *w->activity);
    if ((w->d == NULL && (engine != CAP_ENGINE_AGGREGATE || conc))
        || (w->a == NULL && engine == CAP_ENGINE_AGGREGATE)
        || w->t == NULL || (conc && w->work == NULL)
        || (sc->behaviour.on
            && (w->activity == NULL
                || cap_behaviour_activity(sc, w->pop, w->activity, NULL)
                   != CAP_OK)))
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory for "
                            "the simulation's working space");
    return CAP_OK;
}

/* A trial's world when inputs are uncertain: draw them (into
 * drawn[n_inputs]), build the variant they give and open it. */
static int
world_open_trial(world *w, const cap_scenario *sc, gsl_rng *r,
                 uint32_t trial, uint64_t seed, int conc, cap_engine engine,
                 double *drawn, cap_diag *diag)
{
    cap_setting *set = malloc(sc->n_inputs * sizeof *set);
    double *work = malloc(sc->n_inputs * sizeof *work);
    int status = set && work ? CAP_OK : CAP_ENOMEM;

    if (status == CAP_OK) {
        cap_inputs_draw(sc, r, trial, work, drawn);
        cap_inputs_settings(sc, drawn, set);
        status = cap_scenario_variant(sc, set, sc->n_inputs, CAP_PLAN_KEEP,
                                      &w->variant, diag);
    }
    if (status == CAP_EINPUT) {
        char was[sizeof diag->message];
        size_t n;

        snprintf(was, sizeof was, "%s", diag->message);
        n = (size_t) snprintf(diag->message, sizeof diag->message,
                              "trial %lu draws", (unsigned long) trial);
        for (size_t i = 0; i < sc->n_inputs && n < sizeof diag->message;
             i++)
            n += (size_t) snprintf(diag->message + n,
                                   sizeof diag->message - n, "%s %s = %.6g",
                                   i ? "," : "", sc->inputs[i].name,
                                   drawn[i]);
        if (n < sizeof diag->message)
            snprintf(diag->message + n, sizeof diag->message - n,
                     ", and then: %.300s", was);
    }
    if (status == CAP_OK)
        status = world_open(w, w->variant, seed, conc, engine, diag);
    else if (status == CAP_ENOMEM)
        cap_diag_set(diag, status, "", 0, "out of memory");
    free(set);
    free(work);
    return status;
}

/* What each intervention did in the trial under option, over the
 * horizon, from the option's tally. */
static void
record_interventions(const world *w, size_t trial, size_t opt,
                     cap_outcomes *o)
{
    for (size_t k = 0; k < o->n_interventions; k++) {
        double *out = o->interventions + cap_outcomes_iv_at(o, trial, opt,
                                                            k, 0);

        for (int f = 0; f < CAP_IV_OUTCOMES; f++)
            out[f] = 0.0;
        for (int year = 1; year <= o->years; year++) {
            for (int f = 0; f < CAP_IV_FIELDS; f++)
                out[f] += cap_tally_intervention(w->t, k, (cap_iv_field) f,
                                                 year);
            out[CAP_IV_PROGRAMME_COST] +=
                cap_tally_programme_cost(w->t, k, year);
        }
    }
}

/* Step 3: concentration of cost among people, and its persistence. */
static void
record_concentration_of_trial(const world *w, size_t trial, cap_outcomes *o)
{
    for (int year = 1; year <= o->years; year++) {
        size_t at = trial * (size_t) o->years + (size_t) (year - 1);

        cap_concentration_record(w->d, w->pop, year, w->work,
                                 o->concentration
                                 + at * CAP_N_CONC_GROUPS);
        o->persistence[at] = cap_concentration_persistence(w->d, w->pop,
                                                           year, w->work);
    }
}

/* Which engine simulates a trial's demand: the one the run resolved to,
 * or the individual engine even when the aggregate one prices the
 * options (concentration needs people). */
typedef enum { DEMAND_RUN_ENGINE, DEMAND_INDIVIDUAL } demand_engine;

/* The trial's demand under option opt into w->t, on the engine which
 * says. */
static void
simulate_demand(world *w, size_t trial, size_t opt, demand_engine which)
{
    const double *activity = w->activity
        ? w->activity + opt * (size_t) w->sc->years * w->sc->n_services
        : NULL;

    if (w->a && which == DEMAND_RUN_ENGINE) {
        cap_aggregate_set_activity(w->a, activity);
        cap_aggregate_simulate(w->a, (uint32_t) trial, w->t);
    } else {
        cap_demand_set_activity(w->d, activity);
        cap_demand_simulate(w->d, (uint32_t) trial, w->t);
    }
}

/* Steps 1-3 of the file's comment for one trial. */
static void
simulate_trial(world *w, size_t trial, int do_conc, cap_outcomes *o)
{
    size_t per_trial = o->options * o->parties * (size_t) o->years;
    size_t base = trial * per_trial;

    /* 3. first when the aggregate engine prices the options: it has no
     * people, so the individual engine draws them (option 0's demand,
     * as below). */
    if (do_conc && w->a) {
        simulate_demand(w, trial, 0, DEMAND_INDIVIDUAL);
        record_concentration_of_trial(w, trial, o);
    }
    /* 1. Demand: once, or with behaviour once per option (the first
     * option's demand is the one concentration describes). */
    for (size_t opt = 0; opt < o->options; opt++) {
        size_t off = base + opt * o->parties * (size_t) o->years;

        if (opt == 0 || w->activity)
            simulate_demand(w, trial, opt, DEMAND_RUN_ENGINE);
        /* 2. Every option on its demand: the same for all options
         * (common random numbers) unless providers' behaviour differs. */
        cap_ledger_settle(w->sc, opt, w->t, o->income + off, o->spend + off);
        record_interventions(w, trial, opt, o);
        if (opt == 0 && do_conc && !w->a)
            record_concentration_of_trial(w, trial, o);
    }
}

int
cap_sim_run(const cap_scenario *sc, const cap_sim_config *cfg,
            cap_outcomes **out, cap_diag *diag)
{
    cap_outcomes *o;
    size_t trials = (size_t) cfg->trials;
    size_t conc = cfg->concentration_trials < cfg->trials
        ? (size_t) cfg->concentration_trials : trials;
    int threads = cfg->threads > 0 ? cfg->threads : omp_get_max_threads();
    int uncertain = sc->n_inputs > 0;
    cap_engine engine;
    int status = CAP_OK;
    size_t first_failure = trials;    /* trials = none */
    size_t lo, hi;                    /* this process's trials */
    long done = 0;
    /* Under MPI only rank 0 shows progress, for all ranks. */
    void (*progress)(long, long, void *) =
        cap_ranks_self() == 0 ? cfg->progress : NULL;

    *out = NULL;
    if (cfg->trials < 1 || cfg->trials > 4294967295L)
        return cap_diag_set(diag, CAP_EINPUT, "", 0,
                            "trials must be from 1 to 2^32-1");
    if (cap_engine_choose(sc, cfg->engine, &engine, diag) != CAP_OK)
        return CAP_EINPUT;
    /* A run that cannot fit is refused before it starts, not killed
     * when the memory runs out.  Under MPI every process holds every
     * trial's outcomes; one short of memory stops them all. */
    {
        double need = cap_sim_memory(sc, cfg);
        double have = cap_sim_memory_available();

        o = NULL;
        if (have > 0.0 && need > have)
            cap_diag_set(diag, CAP_ENOMEM, "", 0, "this run needs about "
                         "%.3g GiB of memory and %.3g GiB is available: "
                         "run fewer trials (each keeps %.3g KiB) or fewer "
                         "threads", need / 1073741824.0,
                         have / 1073741824.0,
                         need / 1024.0 / (double) trials);
        else if ((o = cap_outcomes_alloc(sc, trials, conc)) == NULL)
            cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory for %zu "
                         "trials' outcomes", trials);
    }
    status = cap_ranks_agree(o ? CAP_OK : CAP_ENOMEM, 0, diag);
    if (status != CAP_OK) {
        cap_outcomes_free(o);
        return status;
    }
    /* Under MPI each process runs its own block of the trials, which
     * keep their numbers (and so their random streams). */
    cap_ranks_block(trials, &lo, &hi);

#pragma omp parallel num_threads(threads)
    {
        world w = { 0 };
        cap_diag mine;
        gsl_rng *r = uncertain ? cap_rng_alloc(cfg->seed) : NULL;
        int opened = uncertain
            ? (r ? CAP_OK : cap_diag_set(&mine, CAP_ENOMEM, "", 0,
                                         "out of memory"))
            : world_open(&w, sc, cfg->seed, conc > 0, engine, &mine);

        if (opened != CAP_OK) {
#pragma omp critical(sim_failure)
            if (first_failure > 0) {
                first_failure = 0;
                status = opened;
                *diag = mine;
            }
        }
#pragma omp barrier
#pragma omp for schedule(dynamic, 1)
        for (size_t trial = lo; trial < hi; trial++) {
            size_t failed_at;

            /* After a failure only earlier trials go on, so the one
             * reported is the first that fails, whatever the threads. */
#pragma omp atomic read
            failed_at = first_failure;
            if (trial >= failed_at)
                continue;
            if (uncertain) {
                int s = world_open_trial(&w, sc, r, (uint32_t) trial,
                                         cfg->seed, trial < conc,
                                         engine, o->inputs + trial * o->n_inputs,
                                         &mine);
                if (s != CAP_OK) {
#pragma omp critical(sim_failure)
                    if (trial < first_failure) {
                        *diag = mine;
                        status = s;
#pragma omp atomic write
                        first_failure = trial;
                    }
                    world_close(&w);
                    continue;
                }
            }
            simulate_trial(&w, trial, trial < conc, o);
            if (uncertain)
                world_close(&w);
#pragma omp atomic
            done++;
            if (progress && omp_get_thread_num() == 0) {
                long seen;
#pragma omp atomic read
                seen = done;
                progress(cap_ranks_done(seen, lo, hi, trials), cfg->trials,
                         cfg->progress_user);
            }
        }
        world_close(&w);
        if (r != NULL)
            gsl_rng_free(r);
    }
    /* The first failing trial of any process is every process's; then
     * each process gets every other's trials. */
    status = cap_ranks_agree(status, first_failure, diag);
    if (status == CAP_OK)
        status = cap_ranks_gather(o, diag);
    if (status != CAP_OK) {
        cap_outcomes_free(o);
        return status;
    }
    if (progress)
        progress(cfg->trials, cfg->trials, cfg->progress_user);
    *out = o;
    return CAP_OK;
}
