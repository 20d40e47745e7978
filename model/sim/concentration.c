/* concentration.c -- how concentrated cost is among people: the share
 * of a year's cost held by the costliest 1, 5, 10 and 20% and by the
 * cheapest half, and how persistent high cost is from year to year;
 * and how many trials record it.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include "capsim/sim.h"
#include "demand/demand.h"
#include "demand/population.h"
#include "capsim/stats.h"
#include "sim/concentration.h"

const double cap_conc_fraction[CAP_N_CONC_GROUPS] = {
    0.01, 0.05, 0.10, 0.20, -0.50
};
const char *const cap_conc_names[CAP_N_CONC_GROUPS] = {
    "top1", "top5", "top10", "top20", "bottom50"
};

long
cap_sim_concentration_trials(const cap_scenario *sc)
{
    double persons = cap_scenario_persons(sc), trials;

    trials = ceil(1e7 / (persons * sc->years + 1.0));
    return trials > 100.0 ? 100 : trials < 1.0 ? 1 : (long) trials;
}

/* Copy the year's cost of each person registered in year into work
 * (pop->n_ids doubles), returning how many; *cost and *registered are
 * the engine's arrays for the year, indexed by id. */
static size_t
registered_costs(const cap_demand *d, const cap_population *pop, int year,
                 const double **cost, const unsigned char **registered,
                 double *work)
{
    size_t n = 0;

    *cost = cap_demand_person_costs(d, year, registered);
    for (uint32_t id = 0; id < pop->n_ids; id++)
        if ((*registered)[id])
            work[n++] = (*cost)[id];
    return n;
}

void
cap_concentration_record(const cap_demand *d, const cap_population *pop,
                         int year, double *work, double *out)
{
    const unsigned char *registered;
    const double *cost;
    size_t n = registered_costs(d, pop, year, &cost, &registered, work);
    double total = 0.0;

    for (size_t i = 0; i < n; i++)
        total += work[i];
    for (int g = 0; g < CAP_N_CONC_GROUPS; g++) {
        /* work is reordered by each call but keeps the same values. */
        out[g] = total > 0.0 && n > 0
            ? cap_stats_concentration(work, n, cap_conc_fraction[g],
                                      work + n)
            : 0.0;
    }
}

/* The cost at or above which a registered person is in the top 5% of
 * year's cost, or NAN when no one is registered; work holds pop->n_ids
 * doubles. */
static double
top5_cut(const cap_demand *d, const cap_population *pop, int year,
         const double **cost, const unsigned char **registered,
         double *work)
{
    size_t n = registered_costs(d, pop, year, cost, registered, work);

    return n ? cap_stats_kth_largest(work, n, cap_stats_top_count(0.05, n))
             : NAN;
}

double
cap_concentration_persistence(const cap_demand *d,
                              const cap_population *pop, int year,
                              double *work)
{
    const unsigned char *was_reg, *is_reg;
    const double *before, *now;
    double cut_before, cut_now;
    size_t stayed = 0, kept = 0;

    if (year < 2)
        return NAN;
    cut_before = top5_cut(d, pop, year - 1, &before, &was_reg, work);
    cut_now = top5_cut(d, pop, year, &now, &is_reg, work);
    if (isnan(cut_before) || isnan(cut_now))
        return NAN;
    for (uint32_t id = 0; id < pop->n_ids; id++) {
        if (was_reg[id] && is_reg[id] && before[id] >= cut_before
            && before[id] > 0.0) {
            kept++;
            stayed += now[id] >= cut_now && now[id] > 0.0;
        }
    }
    return kept ? (double) stayed / (double) kept : NAN;
}
