/* horizon.c -- what a run's outcomes say over the whole horizon.
 *
 * Each party's net over the horizon summarised per option, its chance of
 * exhausting its reserves, and each party's share of cost risk:
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
    free(h->ruin);
    free(h->share);
    free(h->share_mcse);
    free(h);
}

int
cap_horizon_alloc(const cap_scenario *sc, const cap_outcomes *o,
                  cap_horizon **out, cap_diag *diag)
{
    size_t sys = cap_ledger_system(sc), np = o->parties;
    cap_horizon *h = calloc(1, sizeof *h);
    double *x = malloc(o->trials * sizeof *x);
    double *w = malloc(o->trials * sizeof *w);

    *out = NULL;
    if (h != NULL) {
        h->s = malloc(o->options * np * sizeof *h->s);
        h->ruin = malloc(o->options * np * sizeof *h->ruin);
        h->share = malloc(o->options * sys * sizeof *h->share);
        h->share_mcse = malloc(o->options * sys * sizeof *h->share_mcse);
    }
    if (!h || !x || !w || !h->s || !h->ruin || !h->share
        || !h->share_mcse) {
        free(x);
        free(w);
        cap_horizon_free(h);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_risk_shares(sc, o, opt, CAP_HORIZON, x, w,
                        h->share + opt * sys, h->share_mcse + opt * sys);
        for (size_t p = 0; p < np; p++) {
            cap_outcomes_gather(o, opt, p, CAP_HORIZON, CAP_NET, x);
            cap_stats_summarise(x, o->trials, w, &h->s[opt * np + p]);
            h->ruin[opt * np + p] = p >= 1 && p <= sc->n_providers
                ? cap_outcomes_prob_ruin(o, opt, p, o->years,
                                         sc->providers[p - 1].reserves)
                : NAN;
        }
    }
    free(x);
    free(w);
    *out = h;
    return CAP_OK;
}
