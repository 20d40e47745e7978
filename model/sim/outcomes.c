/* outcomes.c -- what a run keeps of every trial (cap_outcomes): its
 * allocation, and the ways the rest of capsim reads it: a quantity per
 * trial, the paired difference of two runs and the chance of ruin.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_statistics_double.h>
#include "capsim/sim.h"
#include "capsim/ledger.h"
#include "sim/outcomes.h"

cap_outcomes *
cap_outcomes_alloc(const cap_scenario *sc, size_t trials,
                   size_t conc_trials)
{
    cap_outcomes *o = calloc(1, sizeof *o);
    size_t cells;

    if (o == NULL)
        return NULL;
    o->trials = trials;
    o->options = sc->n_options;
    o->parties = cap_ledger_parties(sc);
    o->years = sc->years;
    o->conc_trials = conc_trials;
    o->n_inputs = sc->n_inputs;
    o->inputs = malloc((trials * sc->n_inputs + 1) * sizeof *o->inputs);
    cells = trials * o->options * o->parties * (size_t) o->years;
    o->income = malloc(cells * sizeof *o->income);
    o->spend = malloc(cells * sizeof *o->spend);
    o->concentration = malloc((conc_trials ? conc_trials : 1)
                              * (size_t) o->years * CAP_N_CONC_GROUPS
                              * sizeof *o->concentration);
    o->persistence = malloc((conc_trials ? conc_trials : 1)
                            * (size_t) o->years * sizeof *o->persistence);
    o->n_interventions = sc->n_interventions;
    o->interventions = malloc((trials * o->options * sc->n_interventions
                               * CAP_IV_OUTCOMES + 1)
                              * sizeof *o->interventions);
    if (!o->income || !o->spend || !o->concentration || !o->persistence
        || !o->inputs || !o->interventions) {
        cap_outcomes_free(o);
        return NULL;
    }
    return o;
}

void
cap_outcomes_free(cap_outcomes *o)
{
    if (o == NULL)
        return;
    free(o->income);
    free(o->spend);
    free(o->concentration);
    free(o->persistence);
    free(o->inputs);
    free(o->interventions);
    free(o);
}

void
cap_outcomes_gather(const cap_outcomes *o, size_t option, size_t party,
                    int year, cap_quantity q, double *x)
{
    int whole = year == CAP_HORIZON;
    int first = whole ? 1 : year, last = whole ? o->years : year;

    for (size_t i = 0; i < o->trials; i++) {
        double sum = 0.0;

        for (int y = first; y <= last; y++) {
            size_t at = cap_outcomes_at(o, i, option, party, y);

            sum += q == CAP_INCOME ? o->income[at]
                 : q == CAP_SPEND ? o->spend[at]
                 : o->income[at] - o->spend[at];
        }
        x[i] = sum;
    }
}

cap_estimate
cap_outcomes_paired_net(const cap_outcomes *a, const cap_outcomes *b,
                        size_t option, size_t party, double *x, double *y)
{
    cap_estimate e;

    cap_outcomes_gather(a, option, party, CAP_HORIZON, CAP_NET, x);
    cap_outcomes_gather(b, option, party, CAP_HORIZON, CAP_NET, y);
    for (size_t i = 0; i < a->trials; i++)
        y[i] -= x[i];
    e.value = gsl_stats_mean(y, 1, a->trials);
    e.mcse = gsl_stats_sd(y, 1, a->trials) / sqrt((double) a->trials);
    return e;
}

double
cap_outcomes_prob_ruin(const cap_outcomes *o, size_t option, size_t party,
                       int last, double reserves)
{
    size_t ruined = 0;

    for (size_t i = 0; i < o->trials; i++) {
        double cum = 0.0;
        int hit = 0;

        for (int y = 1; y <= last; y++) {
            size_t at = cap_outcomes_at(o, i, option, party, y);

            cum += o->income[at] - o->spend[at];
            hit |= cum < -reserves;
        }
        ruined += (size_t) hit;
    }
    return (double) ruined / (double) o->trials;
}
