/* bench_engines.c -- the demand engines' speed against the cost of their
 * random numbers, on one thread.
 *
 * Usage: bench_engines SCENARIO.ini TRIALS AGGREGATE_TRIALS
 *
 * Prints one line of JSON:
 *   person_years       simulated by each of the first two measurements
 *   individual_seconds cap_demand_simulate over TRIALS trials (demand
 *                      only: no contracts, no ledger)
 *   floor_seconds      the variate-cost floor: a bare loop that draws,
 *                      with the same generator and streams, the same
 *                      variates the individual engine draws for the same
 *                      person-years -- each person's frailty (a gamma,
 *                      and a Poisson when it persists), a Poisson count,
 *                      a uniform per event for its service and a gamma
 *                      cost per service used -- and nothing else
 *   aggregate_seconds  cap_aggregate_simulate over AGGREGATE_TRIALS
 *                      trials, and aggregate_trials
 * The floor is what any engine drawing person by person must pay; the
 * individual engine's ratio to it is the cost of everything else
 * (bookkeeping, tallies, memory traffic).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gsl/gsl_randist.h>
#include "capsim/capsim.h"
#include "demand/aggregate.h"
#include "demand/demand.h"
#include "base/rng.h"
#include "demand/draws.h"

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* The floor for one trial; returns the sum of what it drew, so the
 * compiler cannot drop the draws.  frailty[id] carries a person's
 * frailty between years, as the engine's does. */
static double
floor_trial(const cap_scenario *sc, const cap_population *pop, gsl_rng *r,
            uint32_t trial, const double *tier_rate, const double *cum,
            double *frailty, unsigned *count, cap_tally *t)
{
    double v = sc->frailty_cv * sc->frailty_cv, rho = sc->persistence;
    double sum = 0.0;
    size_t ns = sc->n_services;

    /* The trial's system multipliers, so the counts match the engine's. */
    cap_draw_trial_common(sc, r, trial, t);
    for (int year = 1; year <= sc->years; year++) {
        for (size_t s = 0; s < pop->n_strata; s++) {
            uint32_t n = cap_population_count(pop, year, s);
            uint32_t before = year > 1
                ? cap_population_count(pop, year - 1, s) : 0;
            double base = tier_rate[pop->tier_of[s]]
                          * t->multiplier[year - 1];

            for (uint32_t i = 0; i < n; i++) {
                uint32_t id = pop->first_id[s] + i;
                double theta = 1.0;
                unsigned events;

                cap_rng_seek(r, trial, CAP_STREAM_PERSON, (uint32_t) year,
                             id);
                if (v > 0.0 && (i >= before || rho == 0.0))
                    theta = gsl_ran_gamma(r, 1.0 / v, v);
                else if (v > 0.0)
                    theta = gsl_ran_gamma(
                        r, 1.0 / v + gsl_ran_poisson(
                            r, rho * frailty[id] / ((1.0 - rho) * v)),
                        (1.0 - rho) * v);
                frailty[id] = theta;
                events = gsl_ran_poisson(r, base * theta);
                if (events == 0)
                    continue;
                for (size_t k = 0; k < ns; k++)
                    count[k] = 0;
                for (unsigned e = 0; e < events; e++) {
                    double u = gsl_rng_uniform(r);
                    size_t k = 0;

                    while (u >= cum[k])
                        k++;
                    count[k]++;
                }
                for (size_t k = 0; k < ns; k++) {
                    double c2 = sc->services[k].cost_cv
                                * sc->services[k].cost_cv;

                    if (count[k] > 0)
                        sum += gsl_ran_gamma(r, count[k] / c2,
                                             sc->services[k].unit_cost * c2);
                }
            }
        }
    }
    return sum;
}

int
main(int argc, char **argv)
{
    cap_scenario *sc;
    cap_population *pop;
    cap_diag diag = { "", 0, "" };
    long trials, agg_trials;
    double person_years = 0.0, t0, t_ind, t_floor, t_agg, sink = 0.0;

    if (argc != 4 || (trials = atol(argv[2])) < 1
        || (agg_trials = atol(argv[3])) < 1) {
        fprintf(stderr, "usage: bench_engines SCENARIO.ini TRIALS "
                "AGGREGATE_TRIALS\n");
        return 2;
    }
    if (cap_scenario_load(argv[1], &sc, &diag) != CAP_OK) {
        fprintf(stderr, "bench_engines: %s:%d: %s\n", diag.file, diag.line,
                diag.message);
        return 2;
    }
    if (cap_population_alloc(sc, &pop) != CAP_OK)
        return 1;
    for (int y = 1; y <= sc->years; y++)
        for (size_t s = 0; s < pop->n_strata; s++)
            person_years += cap_population_count(pop, y, s);
    person_years *= (double) trials;

    {
        cap_demand *d = cap_demand_alloc(sc, pop, sc->seed, 0);
        cap_tally *t = cap_tally_alloc(sc, pop);

        if (d == NULL || t == NULL)
            return 1;
        t0 = now();
        for (long i = 0; i < trials; i++) {
            cap_demand_simulate(d, (uint32_t) i, t);
            sink += t->cost[0];
        }
        t_ind = now() - t0;
        cap_demand_free(d);
        cap_tally_free(t);
    }
    {
        gsl_rng *r = cap_rng_alloc(sc->seed);
        double *tier_rate = malloc(sc->n_tiers * sizeof *tier_rate);
        double *cum = malloc(sc->n_services * sizeof *cum);
        double *frailty = malloc(pop->n_ids * sizeof *frailty);
        unsigned *count = malloc(sc->n_services * sizeof *count);
        cap_tally *t = cap_tally_alloc(sc, pop);

        if (!r || !tier_rate || !cum || !frailty || !count || !t)
            return 1;
        cap_event_rates(sc, tier_rate, cum);
        t0 = now();
        for (long i = 0; i < trials; i++)
            sink += floor_trial(sc, pop, r, (uint32_t) i, tier_rate, cum,
                                frailty, count, t);
        t_floor = now() - t0;
        cap_tally_free(t);
        gsl_rng_free(r);
        free(tier_rate);
        free(cum);
        free(frailty);
        free(count);
    }
    {
        cap_aggregate *a = cap_aggregate_alloc(sc, pop, sc->seed);
        cap_tally *t = cap_tally_alloc(sc, pop);

        if (a == NULL || t == NULL)
            return 1;
        t0 = now();
        for (long i = 0; i < agg_trials; i++) {
            cap_aggregate_simulate(a, (uint32_t) i, t);
            sink += t->cost[0];
        }
        t_agg = now() - t0;
        cap_aggregate_free(a);
        cap_tally_free(t);
    }
    printf("{\"person_years\": %.0f, \"individual_seconds\": %.4f, "
           "\"floor_seconds\": %.4f, \"aggregate_trials\": %ld, "
           "\"aggregate_seconds\": %.4f, \"strata\": %zu, \"years\": %d, "
           "\"checksum\": %.6g}\n", person_years, t_ind, t_floor,
           agg_trials, t_agg, pop->n_strata, sc->years, sink);
    cap_population_free(pop);
    cap_scenario_free(sc);
    return 0;
}
