/* behaviour.c -- providers' discretionary activity under each option.
 *
 * Under option o, the rate of service s (delivered by provider p) in
 * year y is scaled by
 *
 *     m_osy = 1 - d_s + d_s exp(epsilon r_osy),
 *     r_osy = (dNet_p / dA_s) / u_s,
 *
 * d_s the discretionary share of the rate, epsilon the elasticity, u_s
 * the marginal (unit) cost of an event, and dNet_p / dA_s the change in
 * the provider's net -- income less cost, after every arrangement of
 * the option -- per extra event of s in year y, at expected activity.
 * So r is the margin an extra event earns, relative to its cost: under
 * payment by results (tariff - u) / u, under a block or capitation -1
 * (the event costs u and earns nothing), under a risk share or shared
 * savings in between.  r = 0 leaves activity as it is.
 *
 * The derivative is a forward difference of the ledger itself on an
 * expected tally: every service's expected events in stratum 0 at unit
 * cost, the expected population by stratum, scores at their means.
 * Per-person detail is absent there (stop-loss excess and pools are
 * empty), so margins under those terms are those below their
 * thresholds.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "settle/behaviour.h"
#include "demand/expect.h"
#include "capsim/ledger.h"
#include "settle/settle.h"
#include "demand/tally.h"

/* The tally of an average year: expected events and cost per service. */
static void
expected_tally(const cap_scenario *sc, const cap_population *pop,
               cap_tally *t)
{
    size_t ns = sc->n_services, nstrata = pop->n_strata;

    cap_tally_clear(t);
    for (int year = 1; year <= sc->years; year++) {
        size_t y = (size_t) (year - 1);

        t->multiplier[y] = cap_expect_multiplier(sc, year);
        for (size_t s = 0; s < nstrata; s++)
            t->persons[y * nstrata + s] = cap_population_count(pop, year, s);
        for (size_t k = 0; k < ns; k++) {
            size_t at = (y * ns + k) * nstrata;
            double n = cap_expect_events(sc, k, year);

            t->events[at] = n;
            t->cost[at] = n * sc->services[k].unit_cost;
            t->readmissions[at] = n * sc->services[k].readmission_share;
        }
        for (size_t k = 0; k < sc->n_scores; k++)
            t->scores[y * sc->n_scores + k] = sc->scores[k].mean;
    }
}

/* Provider p's net in year y (0-based) from a settlement. */
static double
net(const double *income, const double *spend, size_t p, size_t years,
    size_t y)
{
    return income[(p + 1) * years + y] - spend[(p + 1) * years + y];
}

int
cap_behaviour_activity(const cap_scenario *sc, const cap_population *pop,
                       double *activity, double *margin)
{
    size_t ns = sc->n_services, years = (size_t) sc->years;
    size_t cells = cap_ledger_parties(sc) * years;
    cap_tally *t = cap_tally_alloc(sc, pop);
    double *buf = malloc(4 * cells * sizeof *buf);
    double *in0 = buf, *sp0 = buf + cells, *in1 = buf + 2 * cells,
           *sp1 = buf + 3 * cells;

    if (t == NULL || buf == NULL) {
        cap_tally_free(t);
        free(buf);
        return CAP_ENOMEM;
    }
    expected_tally(sc, pop, t);
    for (size_t o = 0; o < sc->n_options; o++) {
        cap_ledger_settle(sc, o, t, in0, sp0);
        for (size_t y = 0; y < years; y++)
            for (size_t k = 0; k < ns; k++) {
                const cap_service *svc = &sc->services[k];
                double d = sc->behaviour.on ? sc->behaviour.discretionary[k]
                                            : 0.0;
                size_t at = (y * ns + k) * pop->n_strata;
                size_t out = (o * years + y) * ns + k;
                double events = t->events[at], cost = t->cost[at];
                double step = fmax(1.0, 1e-3 * events), r;

                t->events[at] += step;
                t->cost[at] += step * svc->unit_cost;
                cap_ledger_settle(sc, o, t, in1, sp1);
                t->events[at] = events;
                t->cost[at] = cost;
                r = (net(in1, sp1, svc->provider, years, y)
                     - net(in0, sp0, svc->provider, years, y))
                    / (step * svc->unit_cost);
                activity[out] = 1.0 - d
                    + d * exp(sc->behaviour.elasticity * r);
                if (margin)
                    margin[out] = r;
            }
    }
    cap_tally_free(t);
    free(buf);
    return CAP_OK;
}
