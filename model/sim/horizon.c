/* horizon.c -- what a run's outcomes say, year by year and over the
 * whole horizon.
 *
 * Each party's net summarised per option -- its worst year, its chance
 * of a deficit in each year and in any year, and its net over the
 * horizon -- its chance of exhausting its reserves, and each party's
 * share of cost risk:
 * computed once from the outcomes, for the overview, the tables, the
 * charts, the report and the studies (sweeps and tornadoes) alike.
 * These are statistics of outcomes, not output, so they sit with the
 * simulation's results; the tables only write them.  Declared in
 * capsim/output.h.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "capsim/output.h"
#include "capsim/ledger.h"
#include "capsim/stats.h"

void
cap_risk_shares(const cap_scenario *sc, const cap_outcomes *o,
                size_t option, int year, double *x_work, double *y_work,
                double *share, double *mcse)
{
    size_t sys = cap_ledger_system(sc);

    cap_outcomes_gather(o, option, sys, year, CAP_SPEND, x_work);
    for (size_t p = 0; p < sys; p++) {
        cap_estimate b;

        cap_outcomes_gather(o, option, p, year, CAP_NET, y_work);
        for (size_t i = 0; i < o->trials; i++)
            y_work[i] = -y_work[i];
        b = cap_stats_slope(x_work, y_work, o->trials);
        share[p] = b.value;
        mcse[p] = b.mcse;
    }
}

void
cap_horizon_free(cap_horizon *h)
{
    if (h == NULL)
        return;
    free(h->s);
    free(h->worst);
    free(h->any_deficit);
    free(h->year_deficit);
    free(h->worst_deficit);
    free(h->ruin);
    free(h->share);
    free(h->share_mcse);
    free(h);
}

/* The annual figures of (option, party): its worst year's statistics
 * and its chances of a deficit, from x and y (o->trials doubles each of
 * scratch) and w (as many more). */
static void
annual_figures(const cap_outcomes *o, size_t opt, size_t p, double *x,
               double *y, double *w, cap_horizon *h)
{
    size_t at = opt * o->parties + p, n = o->trials;
    cap_estimate *year = h->year_deficit + at * (size_t) o->years;

    for (size_t i = 0; i < n; i++)
        x[i] = INFINITY;
    h->worst_deficit[at] = (cap_estimate) { 0.0, 0.0 };
    for (int yr = 1; yr <= o->years; yr++) {
        cap_outcomes_gather(o, opt, p, yr, CAP_NET, y);
        year[yr - 1] = cap_stats_prob_below(y, n, 0.0);
        if (year[yr - 1].value > h->worst_deficit[at].value)
            h->worst_deficit[at] = year[yr - 1];
        for (size_t i = 0; i < n; i++)
            x[i] = y[i] < x[i] ? y[i] : x[i];
    }
    cap_stats_summarise(x, n, w, &h->worst[at]);
    /* A deficit in some year is a worst year below zero. */
    h->any_deficit[at] = h->worst[at].prob_deficit;
}

int
cap_horizon_alloc(const cap_scenario *sc, const cap_outcomes *o,
                  cap_horizon **out, cap_diag *diag)
{
    size_t sys = cap_ledger_system(sc), np = o->parties;
    size_t cells = o->options * np;
    cap_horizon *h = calloc(1, sizeof *h);
    double *x = malloc(o->trials * sizeof *x);
    double *y = malloc(o->trials * sizeof *y);
    double *w = malloc(o->trials * sizeof *w);

    *out = NULL;
    if (h != NULL) {
        h->years = o->years;
        h->s = malloc(cells * sizeof *h->s);
        h->worst = malloc(cells * sizeof *h->worst);
        h->any_deficit = malloc(cells * sizeof *h->any_deficit);
        h->year_deficit = malloc(cells * (size_t) o->years
                                 * sizeof *h->year_deficit);
        h->worst_deficit = malloc(cells * sizeof *h->worst_deficit);
        h->ruin = malloc(cells * sizeof *h->ruin);
        h->share = malloc(o->options * sys * sizeof *h->share);
        h->share_mcse = malloc(o->options * sys * sizeof *h->share_mcse);
    }
    if (!h || !x || !y || !w || !h->s || !h->worst || !h->any_deficit
        || !h->year_deficit || !h->worst_deficit || !h->ruin || !h->share
        || !h->share_mcse) {
        free(x);
        free(y);
        free(w);
        cap_horizon_free(h);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_risk_shares(sc, o, opt, CAP_HORIZON, x, w,
                        h->share + opt * sys, h->share_mcse + opt * sys);
        for (size_t p = 0; p < np; p++) {
            double reserves = p < sc->appetite.n_parties
                              ? sc->appetite.party[p].reserves : NAN;

            cap_outcomes_gather(o, opt, p, CAP_HORIZON, CAP_NET, x);
            cap_stats_summarise(x, o->trials, w, &h->s[opt * np + p]);
            annual_figures(o, opt, p, x, y, w, h);
            h->ruin[opt * np + p] = isnan(reserves) ? NAN
                : cap_outcomes_prob_ruin(o, opt, p, o->years, reserves);
        }
    }
    free(x);
    free(y);
    free(w);
    *out = h;
    return CAP_OK;
}
