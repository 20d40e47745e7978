/* aggregate.c -- the aggregate demand engine: one trial, all years,
 * stratum by stratum (aggregate.h; docs/model.md, section 14).
 *
 * For stratum s with n_y people registered in year y (the first n_y of
 * its ids), S_y is the sum of their frailties.  Given S_y everything the
 * tally holds is drawn from its exact law:
 *
 *   events     N_sk ~ Poisson(rate_k R_tier M_y S_y), independently by
 *              service k (the sum of the people's Poisson counts)
 *   cost       Gamma(N_sk / c^2, u c^2): the sum of N_sk gamma costs
 *   readmitted Binomial(N_sk, q_k)
 *
 * and S_y itself is a Markov chain that needs no person:
 *
 *   year 1     S = Gamma(n a, v), a = 1 / v, v = cv^2 (n marginals)
 *   later      the m = min(n_y, n_y-1) people who stay hold
 *              K = S_y-1 x Beta(m a, (n_y-1 - m) a) of last year's sum
 *              (all of it when nobody leaves); then
 *              J ~ Poisson(rho K / ((1 - rho) v)),
 *              S_y = Gamma(m a + J, (1 - rho) v) + Gamma((n_y - m) a, v)
 *
 * because a sum of Poissons is Poisson and gammas of one scale add.  The
 * Beta split is exact because, given the chain's past, the stayers'
 * share of a sum is that of exchangeable gamma variables (section 14
 * proves it); lists only ever grow or only shrink within a trial, so the
 * newest ids -- those that leave -- are never a mix of cohorts.
 *
 * Behaviour and demand reduction act on events without looking at
 * people: extra events are Poisson((m_k - 1) rate_k R M S) and each
 * event is removed by the first cause that takes it, so the removed
 * counts are successive binomials and the kept cost a Beta share of
 * the drawn cost (as in demand.c, with the same chances).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "demand/aggregate.h"
#include "base/rng.h"
#include "demand/draws.h"

/* Counts beyond this are drawn in pieces: GSL's binomial takes an
 * unsigned int. */
#define PIECE 1073741824.0

struct cap_aggregate {
    const cap_scenario *sc;
    const cap_population *pop;
    gsl_rng *r;               /* the stratum streams */
    gsl_rng *rc;              /* behaviour's and the cuts' streams */
    double *tier_rate;        /* [tier]: all events' rate x R_tier */
    double *service_cum;      /* [service]: cumulative share of events */
    double *frailty_sum;      /* [stratum]: last year's S */
    double *count;            /* [service]: the stratum's events */
    double *service_cost;     /* [service]: their cost */
    const double *activity;   /* [y][service] behaviour, or NULL */
    double *chance;           /* [cause]: of removing one event */
    double *removed;          /* [cause]: events of one service removed */
};

void
cap_aggregate_free(cap_aggregate *a)
{
    if (a == NULL)
        return;
    if (a->r)
        gsl_rng_free(a->r);
    if (a->rc)
        gsl_rng_free(a->rc);
    free(a->tier_rate);
    free(a->service_cum);
    free(a->frailty_sum);
    free(a->count);
    free(a->service_cost);
    free(a->chance);
    free(a->removed);
    free(a);
}

cap_aggregate *
cap_aggregate_alloc(const cap_scenario *sc, const cap_population *pop,
                    uint64_t seed)
{
    cap_aggregate *a = calloc(1, sizeof *a);
    size_t ns = sc->n_services, nc = 1 + sc->n_interventions;

    if (a == NULL)
        return NULL;
    a->sc = sc;
    a->pop = pop;
    a->r = cap_rng_alloc(seed);
    a->rc = cap_rng_alloc(seed);
    a->tier_rate = malloc(sc->n_tiers * sizeof *a->tier_rate);
    a->service_cum = malloc(ns * sizeof *a->service_cum);
    a->frailty_sum = calloc(pop->n_strata + 1, sizeof *a->frailty_sum);
    a->count = malloc(ns * sizeof *a->count);
    a->service_cost = malloc(ns * sizeof *a->service_cost);
    a->chance = malloc(nc * sizeof *a->chance);
    a->removed = malloc(nc * sizeof *a->removed);
    if (!a->r || !a->rc || !a->tier_rate || !a->service_cum
        || !a->frailty_sum || !a->count || !a->service_cost || !a->chance
        || !a->removed) {
        cap_aggregate_free(a);
        return NULL;
    }
    cap_event_rates(sc, a->tier_rate, a->service_cum);
    return a;
}

void
cap_aggregate_set_activity(cap_aggregate *a, const double *activity)
{
    a->activity = activity;
}

/* Binomial(n, p), in pieces when n is too large for one draw. */
static double
binomial_count(gsl_rng *r, double p, double n)
{
    double k = 0.0;

    if (p <= 0.0 || n <= 0.0)
        return 0.0;
    for (; n > PIECE; n -= PIECE)
        k += gsl_ran_binomial(r, p, (unsigned) PIECE);
    return k + gsl_ran_binomial(r, p, (unsigned) n);
}

/* This year's frailty sum of a stratum that held `before` people with
 * frailty sum `last` last year and holds n now (the chain in the file's
 * comment). */
static double
next_frailty_sum(gsl_rng *r, const cap_scenario *sc, double last,
                 uint32_t before, uint32_t n)
{
    double v = sc->frailty_cv * sc->frailty_cv, rho = sc->persistence, a;
    uint32_t stay = n < before ? n : before, join = n - stay;
    double sum = 0.0;

    if (v == 0.0)
        return (double) n;
    a = 1.0 / v;
    if (stay > 0 && rho > 0.0) {
        double kept = before > n
            ? last * gsl_ran_beta(r, stay * a, (before - stay) * a) : last;
        double jumps = cap_poisson(r, rho * kept / ((1.0 - rho) * v));

        sum = gsl_ran_gamma(r, stay * a + jumps, (1.0 - rho) * v);
    } else {
        join = n;           /* no persistence: everybody draws afresh */
    }
    if (join > 0)
        sum += gsl_ran_gamma(r, join * a, v);
    return sum;
}

/* The cuts of one stratum-year, service by service, from stream
 * (trial, THINNING, year, s): each cause that reaches the service
 * removes a binomial share of the events the causes before it left;
 * the kept cost is a Beta share of the drawn cost, and the removed cost
 * is shared among the causes by further Beta splits -- the law of the
 * sums of the events' gamma costs each cause removed. */
static void
apply_cuts(cap_aggregate *a, cap_tally *t, cap_unit_draws *u)
{
    const cap_scenario *sc = a->sc;
    size_t nc = 1 + sc->n_interventions, y = (size_t) (u->year - 1);

    for (size_t k = 0; k < sc->n_services; k++) {
        const cap_service *svc = &sc->services[k];
        double left = a->count[k], gone = 0.0, gone_cost;

        if (left <= 0.0 || !cap_cut_reach(u, k, a->service_cost[k], t))
            continue;
        for (size_t c = 0; c < nc; c++) {
            a->removed[c] = binomial_count(a->rc, a->chance[c], left);
            left -= a->removed[c];
            gone += a->removed[c];
        }
        if (gone == 0.0)
            continue;
        gone_cost = a->service_cost[k];
        a->service_cost[k] = cap_kept_cost(a->rc, svc, gone_cost, left, gone);
        gone_cost -= a->service_cost[k];
        a->count[k] = left;
        for (size_t c = 1; c < nc; c++) {
            double share;

            if (a->removed[c] == 0.0)
                continue;
            gone -= a->removed[c];
            share = cap_kept_cost(a->rc, svc, gone_cost, a->removed[c], gone);
            gone_cost -= share;
            cap_iv_add(t, y, c - 1, CAP_IV_AVOIDED_EVENTS, a->removed[c]);
            cap_iv_add(t, y, c - 1, CAP_IV_AVOIDED_COST, share);
        }
    }
}

/* One stratum-year into the tally, on stream (trial, STRATUM, year, s). */
static void
simulate_stratum(cap_aggregate *a, cap_tally *t, uint32_t trial, int year,
                 size_t s, double multiplier)
{
    const cap_scenario *sc = a->sc;
    const cap_population *pop = a->pop;
    size_t ns = sc->n_services, nstrata = pop->n_strata;
    size_t at = (size_t) (year - 1) * ns * nstrata + s;
    uint32_t n = cap_population_count(pop, year, s);
    uint32_t before = year > 1 ? cap_population_count(pop, year - 1, s) : 0;
    cap_unit_draws u = { sc, a->rc, a->activity, NULL, 0, trial, year,
                         (uint32_t) s, a->chance, 0 };
    double rate;

    t->persons[(size_t) (year - 1) * nstrata + s] = (double) n;
    cap_rng_seek(a->r, trial, CAP_STREAM_STRATUM, (uint32_t) year,
                 (uint32_t) s);
    a->frailty_sum[s] = next_frailty_sum(a->r, sc, a->frailty_sum[s],
                                         before, n);
    rate = a->tier_rate[pop->tier_of[s]] * multiplier * a->frailty_sum[s];
    for (size_t k = 0; k < ns; k++) {
        double share = cap_service_share(a->service_cum, k);

        a->count[k] = cap_poisson(a->r, share * rate);
        a->service_cost[k] = cap_gamma_sum(a->r, &sc->services[k],
                                           a->count[k]);
    }
    if (a->activity)
        cap_draw_discretionary(&u, a->service_cum, cap_poisson, rate,
                               a->count, a->service_cost);
    apply_cuts(a, t, &u);
    for (size_t k = 0; k < ns; k++) {
        t->events[at + k * nstrata] = a->count[k];
        t->cost[at + k * nstrata] = a->service_cost[k];
        /* Readmissions last, as in demand.c. */
        t->readmissions[at + k * nstrata] = binomial_count(
            a->r, sc->services[k].readmission_share, a->count[k]);
    }
}

void
cap_aggregate_simulate(cap_aggregate *a, uint32_t trial, cap_tally *t)
{
    const cap_scenario *sc = a->sc;

    cap_tally_clear(t);
    cap_draw_trial_common(sc, a->r, trial, t);
    for (int year = 1; year <= sc->years; year++)
        for (size_t s = 0; s < a->pop->n_strata; s++)
            simulate_stratum(a, t, trial, year, s,
                             t->multiplier[year - 1]);
}
