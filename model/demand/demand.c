/* demand.c -- the individual-level demand engine: one trial, all years.
 *
 * The equations (docs/model.md gives them in full):
 *
 *   system multiplier  M_y = max(0, 1 + g)^(y-1) * e_y,
 *                      g ~ Normal(trend, trend_sd) once a trial,
 *                      e_y = exp(s z_y - s^2/2), s^2 = log(1 + shock_sd^2)
 *   frailty            theta ~ Gamma(shape 1/cv^2, scale cv^2) (mean 1,
 *                      sd cv), made persistent by the Poisson-gamma
 *                      AR(1) of Pitt, Chatfield and Walker (2002):
 *                      n ~ Poisson(rho theta_{y-1} / ((1 - rho) cv^2)),
 *                      theta_y ~ Gamma(1/cv^2 + n, (1 - rho) cv^2),
 *                      whose marginal stays Gamma(1/cv^2, cv^2) and
 *                      whose lag-1 correlation is rho.
 *   events             N_is ~ Poisson(rate_s * R_tier * theta * M_y),
 *                      R_tier = rr_tier / sum_t share_t rr_t, drawn as
 *                      one Poisson total over services split among them
 *                      multinomially (the same joint law, one draw for
 *                      the many people with no event)
 *   cost               the sum of N gamma costs of mean u and cv c is
 *                      Gamma(N / c^2, u c^2): one draw per service.
 *   excess             for each (provider p, threshold T) a contract
 *                      declared: sum over people of max(0, cost_ip - T),
 *                      for per-person stop-loss (no random numbers).
 *   pools              for each (provider p, fraction f) a contract
 *                      declared: from year 2, the top f of last year's
 *                      people by cost with p form a high-risk pool;
 *                      tally its members by tier and their cost.
 *   behaviour          with [behaviour], service s's rate is scaled by
 *                      the option's activity multiplier m_s: extra
 *                      events Poisson((m_s - 1) lambda_is) when m_s > 1,
 *                      from stream (trial, BEHAVIOUR, year, id); when
 *                      m_s < 1, a cut of 1 - m_s as below.
 *   cuts               case management (for enrolees) and demand
 *                      reduction (for all) remove each event of the
 *                      services they act on with their chance, one
 *                      uniform per event and cause from stream (trial,
 *                      THINNING, year, id); thinning a Poisson count is
 *                      the same law as cutting its rate.  The kept
 *                      events' cost is the drawn cost x Beta(kept / c^2,
 *                      removed / c^2) -- exactly the law of the sum of
 *                      the kept gamma costs given their total.  The
 *                      person's own stream is untouched, so a run with an
 *                      intervention switched off draws the same people,
 *                      frailties, events and costs (docs/model.md, 11).
 *   readmissions       each event of service s is a 30-day readmission
 *                      with probability q_s (readmission_share),
 *                      independently: R_is ~ Binomial(N_is, q_s), on the
 *                      events kept.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "demand/demand.h"
#include "base/rng.h"
#include "capsim/stats.h"
#include "demand/draws.h"

struct cap_demand {
    const cap_scenario *sc;
    const cap_population *pop;
    gsl_rng *r;
    double *frailty;          /* [id] this year's (then last year's) */
    double *tier_rate;        /* [tier]: sum of rates x R_tier */
    double *service_cum;      /* [service]: cumulative share of events */
    double *count;            /* [service]: one person's events */
    double *provider_cost;    /* [provider]: one person's cost, for the
                                 per-person excess tallies */
    double *pool_last;        /* [pool][id]: cost with the pool's provider
                                 last year (0: none, or not registered) */
    double *pool_this;        /* [pool][id]: the same, this year */
    unsigned char *pool_member; /* [pool][id]: in the pool this year */
    double *select_work;      /* [id]: scratch for choosing pools */
    double *person_cost;      /* [y][id] when kept, else NULL */
    unsigned char *registered;/* [y][id] when kept */
    double *service_cost;     /* [service]: one person's cost */
    /* Interventions and behaviour (NULL when the scenario has none). */
    gsl_rng *rc;              /* the cut, extra-event and score streams */
    const double *activity;   /* [y][service]: behaviour's multipliers */
    size_t n_causes;          /* 1 (behaviour) + interventions */
    double *chance;           /* [cause]: of removing one event */
    unsigned *removed;        /* [cause][service]: events removed */
    double *removed_cost;     /* [intervention]: a person's cost removed */
    double *cost_last;        /* [id]: last year's cost (0: not
                                 registered last year) */
    double *cost_this;        /* [id]: this year's */
    double *rank_value;       /* [intervention][id]: predicted risk */
    unsigned char *enrolled;  /* [intervention][id]: this year */
    unsigned char *was_enrolled; /* [intervention][id]: last year */
};

void
cap_demand_free(cap_demand *d)
{
    if (d == NULL)
        return;
    if (d->r)
        gsl_rng_free(d->r);
    free(d->frailty);
    free(d->tier_rate);
    free(d->service_cum);
    free(d->count);
    free(d->provider_cost);
    free(d->pool_last);
    free(d->pool_this);
    free(d->pool_member);
    free(d->select_work);
    free(d->person_cost);
    free(d->registered);
    free(d->service_cost);
    if (d->rc)
        gsl_rng_free(d->rc);
    free(d->chance);
    free(d->removed);
    free(d->removed_cost);
    free(d->cost_last);
    free(d->cost_this);
    free(d->rank_value);
    free(d->enrolled);
    free(d->was_enrolled);
    free(d);
}

/* The working space of interventions and behaviour. */
static int
alloc_cuts(cap_demand *d, uint64_t seed)
{
    const cap_scenario *sc = d->sc;
    size_t n_iv = sc->n_interventions, n_ids = d->pop->n_ids + 1;

    if (n_iv == 0 && !sc->behaviour.on)
        return 0;
    d->n_causes = 1 + n_iv;
    d->rc = cap_rng_alloc(seed);
    d->chance = malloc(d->n_causes * sizeof *d->chance);
    d->removed = malloc(d->n_causes * sc->n_services * sizeof *d->removed);
    d->removed_cost = malloc((n_iv + 1) * sizeof *d->removed_cost);
    d->cost_last = calloc(n_ids, sizeof *d->cost_last);
    d->cost_this = calloc(n_ids, sizeof *d->cost_this);
    d->rank_value = malloc((n_iv + 1) * n_ids * sizeof *d->rank_value);
    d->enrolled = calloc((n_iv + 1) * n_ids, 1);
    d->was_enrolled = calloc((n_iv + 1) * n_ids, 1);
    if (d->select_work == NULL)
        d->select_work = malloc(n_ids * sizeof *d->select_work);
    return !d->rc || !d->chance || !d->removed || !d->removed_cost
           || !d->cost_last || !d->cost_this || !d->rank_value
           || !d->enrolled || !d->was_enrolled || !d->select_work ? -1 : 0;
}

cap_demand *
cap_demand_alloc(const cap_scenario *sc, const cap_population *pop,
                 uint64_t seed, int keep_person_costs)
{
    cap_demand *d = calloc(1, sizeof *d);
    size_t ns = sc->n_services;

    if (d == NULL)
        return NULL;
    d->sc = sc;
    d->pop = pop;
    d->r = cap_rng_alloc(seed);
    d->frailty = malloc((pop->n_ids ? pop->n_ids : 1) * sizeof *d->frailty);
    d->tier_rate = malloc(sc->n_tiers * sizeof *d->tier_rate);
    d->service_cum = malloc(ns * sizeof *d->service_cum);
    d->count = malloc(ns * sizeof *d->count);
    d->provider_cost = malloc(sc->n_providers * sizeof *d->provider_cost);
    d->service_cost = malloc(ns * sizeof *d->service_cost);
    if (!d->r || !d->frailty || !d->tier_rate || !d->service_cum
        || !d->count || !d->provider_cost || !d->service_cost) {
        cap_demand_free(d);
        return NULL;
    }
    if (sc->n_pools) {
        size_t cells = sc->n_pools * (size_t) pop->n_ids;

        d->pool_last = calloc(cells, sizeof *d->pool_last);
        d->pool_this = calloc(cells, sizeof *d->pool_this);
        d->pool_member = calloc(cells, 1);
        d->select_work = malloc(pop->n_ids * sizeof *d->select_work);
        if (!d->pool_last || !d->pool_this || !d->pool_member
            || !d->select_work) {
            cap_demand_free(d);
            return NULL;
        }
    }
    if (keep_person_costs) {
        size_t cells = (size_t) sc->years * pop->n_ids;

        d->person_cost = calloc(cells ? cells : 1, sizeof *d->person_cost);
        d->registered = calloc(cells ? cells : 1, 1);
        if (!d->person_cost || !d->registered) {
            cap_demand_free(d);
            return NULL;
        }
    }
    if (alloc_cuts(d, seed) != 0) {
        cap_demand_free(d);
        return NULL;
    }
    cap_event_rates(sc, d->tier_rate, d->service_cum);
    return d;
}

/* Step 2: a person's frailty this year.  new_person: not registered
 * last year (or year 1), so drawn from the stationary law. */
static double
draw_frailty(gsl_rng *r, double cv, double rho, double last, int new_person)
{
    double v = cv * cv;

    if (cv == 0.0)
        return 1.0;
    if (new_person || rho == 0.0)
        return gsl_ran_gamma(r, 1.0 / v, v);
    return gsl_ran_gamma(r, 1.0 / v + (double) gsl_ran_poisson(
                             r, rho * last / ((1.0 - rho) * v)),
                         (1.0 - rho) * v);
}

/* Steps 3-4 for a person with events: split them among services and
 * draw each service's cost into d->count and d->service_cost. */
static void
draw_costs(cap_demand *d, unsigned events)
{
    const cap_scenario *sc = d->sc;
    size_t ns = sc->n_services;

    for (unsigned e = 0; e < events; e++) {
        double u = gsl_rng_uniform(d->r);
        size_t k = 0;

        while (u >= d->service_cum[k])
            k++;
        d->count[k]++;
    }
    for (size_t k = 0; k < ns; k++)
        if (d->count[k] > 0)
            d->service_cost[k] = cap_gamma_sum(d->r, &sc->services[k],
                                               d->count[k]);
}

/* GSL's Poisson, the individual engine's count draw. */
static double
poisson_count(gsl_rng *r, double mu)
{
    return gsl_ran_poisson(r, mu);
}

/* The cuts (see the file's comment) for one person-year: first every
 * uniform, service by service, so the numbers each event sees do not
 * depend on what was removed; then, service by service, the kept cost.
 * Removed events and cost go to the interventions that removed them
 * (cost pro rata to events); d->removed_cost[j] is the person's cost
 * removed by intervention j. */
static void
apply_cuts(cap_demand *d, cap_tally *t, cap_unit_draws *u)
{
    const cap_scenario *sc = d->sc;
    size_t ns = sc->n_services, nc = d->n_causes;
    size_t y = (size_t) (u->year - 1);

    memset(d->removed, 0, nc * ns * sizeof *d->removed);
    memset(d->removed_cost, 0, sc->n_interventions
                               * sizeof *d->removed_cost);
    for (size_t k = 0; k < ns; k++) {
        if (d->count[k] == 0
            || !cap_cut_reach(u, k, d->service_cost[k], t))
            continue;
        for (unsigned e = 0; e < d->count[k]; e++) {
            int gone = 0;

            for (size_t c = 0; c < nc; c++) {
                double x;

                if (d->chance[c] < 0.0)
                    continue;
                x = gsl_rng_uniform(d->rc);
                if (!gone && x < d->chance[c]) {
                    d->removed[c * ns + k]++;
                    gone = 1;
                }
            }
        }
    }
    for (size_t k = 0; u->sought && k < ns; k++) {
        unsigned n = (unsigned) d->count[k], gone = 0, kept;
        double kept_cost, gone_cost;

        for (size_t c = 0; c < nc; c++)
            gone += d->removed[c * ns + k];
        if (gone == 0)
            continue;
        kept = n - gone;
        kept_cost = cap_kept_cost(d->rc, &sc->services[k],
                                  d->service_cost[k], kept, gone);
        gone_cost = d->service_cost[k] - kept_cost;
        for (size_t c = 1; c < nc; c++) {
            unsigned r = d->removed[c * ns + k];
            double share = gone_cost * r / gone;

            if (r == 0)
                continue;
            cap_iv_add(t, y, c - 1, CAP_IV_AVOIDED_EVENTS, r);
            cap_iv_add(t, y, c - 1, CAP_IV_AVOIDED_COST, share);
            d->removed_cost[c - 1] += share;
        }
        d->count[k] = kept;
        d->service_cost[k] = kept_cost;
    }
}

/* Case management's record of one person-year: enrolment, and for the
 * newly enrolled who were registered last year, the before-and-after
 * comparison an evaluation without a control group would make. */
static void
record_enrolment(cap_demand *d, cap_tally *t, size_t y, uint32_t id,
                 int was_registered, double cost)
{
    const cap_scenario *sc = d->sc;
    size_t n_ids = d->pop->n_ids + 1;

    for (size_t j = 0; j < sc->n_interventions; j++) {
        if (!d->enrolled[j * n_ids + id])
            continue;
        cap_iv_add(t, y, j, CAP_IV_ENROLLED, 1.0);
        if (d->was_enrolled[j * n_ids + id] || !was_registered)
            continue;
        cap_iv_add(t, y, j, CAP_IV_COHORT, 1.0);
        cap_iv_add(t, y, j, CAP_IV_COHORT_BEFORE, d->cost_last[id]);
        cap_iv_add(t, y, j, CAP_IV_COHORT_AFTER, cost);
        cap_iv_add(t, y, j, CAP_IV_COHORT_AVOIDED, d->removed_cost[j]);
    }
}

/* Step 5, no random numbers: the per-person tallies contracts declared.
 * Each person's cost above each stop-loss threshold; for each high-risk
 * pool, whether the person is in it this year (chosen at the start of
 * the year on last year's cost) and, for next year's choice, the
 * person's cost with the pool's provider. */
static void
account_person(cap_demand *d, cap_tally *t, size_t y, uint32_t id,
               size_t tier)
{
    const cap_scenario *sc = d->sc;
    size_t n_ids = d->pop->n_ids;

    for (size_t k = 0; k < sc->n_excess; k++) {
        double over = d->provider_cost[sc->excess[k].provider]
                      - sc->excess[k].threshold;

        if (over > 0.0)
            t->excess[y * sc->n_excess + k] += over;
    }
    for (size_t k = 0; k < sc->n_pools; k++) {
        double cost = d->provider_cost[sc->pools[k].provider];

        d->pool_this[k * n_ids + id] = cost;
        if (d->pool_member[k * n_ids + id]) {
            t->pool_persons[(y * sc->n_pools + k) * sc->n_tiers + tier]
                += 1.0;
            t->pool_cost[y * sc->n_pools + k] += cost;
        }
    }
}

/* Mark in member[id] the want people registered in year with the
 * greatest value[id]; ties at the cut are taken in id order, and with
 * positive_only a value of 0 or less is never taken (so fewer may be
 * marked).  select_work holds pop->n_ids doubles. */
static void
mark_top(cap_demand *d, int year, const double *value, size_t want,
         int positive_only, unsigned char *member)
{
    const cap_population *pop = d->pop;
    size_t m = 0, above = 0;
    double cut;

    memset(member, 0, pop->n_ids);
    for (size_t s = 0; s < pop->n_strata; s++) {
        uint32_t n = cap_population_count(pop, year, s);

        for (uint32_t i = 0; i < n; i++)
            d->select_work[m++] = value[pop->first_id[s] + i];
    }
    if (want > m)
        want = m;
    if (want == 0)
        return;
    cut = cap_stats_kth_largest(d->select_work, m, want);
    for (size_t s = 0; s < pop->n_strata; s++) {
        uint32_t n = cap_population_count(pop, year, s);

        for (uint32_t i = 0; i < n; i++)
            above += value[pop->first_id[s] + i] > cut;
    }
    for (size_t s = 0; s < pop->n_strata; s++) {
        uint32_t n = cap_population_count(pop, year, s);

        for (uint32_t i = 0; i < n; i++) {
            uint32_t id = pop->first_id[s] + i;

            if (value[id] > cut) {
                member[id] = 1;
            } else if (value[id] == cut && above < want
                       && (cut > 0.0 || !positive_only)) {
                member[id] = 1;
                above++;
            }
        }
    }
}

/* At the start of a year (after the first): choose each pool's members,
 * the top fraction of last year's registered people by their cost with
 * the pool's provider.  People with no cost last year are never chosen,
 * so a pool may hold fewer than the fraction when few people used the
 * provider. */
static void
choose_pools(cap_demand *d, int year)
{
    const cap_scenario *sc = d->sc;
    const cap_population *pop = d->pop;
    size_t n_ids = pop->n_ids, last_n = 0;

    for (size_t s = 0; s < pop->n_strata; s++)
        last_n += cap_population_count(pop, year - 1, s);
    for (size_t k = 0; k < sc->n_pools; k++)
        mark_top(d, year - 1, d->pool_last + k * n_ids,
                 cap_stats_top_count(sc->pools[k].fraction, last_n), 1,
                 d->pool_member + k * n_ids);
}

/* A person's risk score for case management targeting = risk_score:
 *   a (theta - 1) / cv + sqrt(1 - a^2) z,   z ~ Normal(0, 1),
 * whose correlation with this year's frailty theta (mean 1, sd cv) is
 * the accuracy a.  theta is drawn exactly as the person's own stream
 * will draw it in this year, from the same numbers. */
static void
risk_scores(cap_demand *d, uint32_t trial, int year)
{
    const cap_scenario *sc = d->sc;
    const cap_population *pop = d->pop;
    size_t n_ids = pop->n_ids + 1;
    double cv = sc->frailty_cv;

    for (size_t s = 0; s < pop->n_strata; s++) {
        uint32_t n = cap_population_count(pop, year, s);
        uint32_t before = year > 1 ? cap_population_count(pop, year - 1, s)
                                   : 0;

        for (uint32_t i = 0; i < n; i++) {
            uint32_t id = pop->first_id[s] + i;
            double theta, z;

            cap_rng_seek(d->r, trial, CAP_STREAM_PERSON, (uint32_t) year, id);
            theta = draw_frailty(d->r, cv, sc->persistence, d->frailty[id],
                                 i >= before);
            cap_rng_seek(d->rc, trial, CAP_STREAM_TARGETING, (uint32_t) year,
                         id);
            for (size_t j = 0; j < sc->n_interventions; j++) {
                const cap_intervention *iv = &sc->interventions[j];
                double a = iv->accuracy;

                if (iv->type != CAP_CASE_MANAGEMENT
                    || iv->targeting != CAP_TARGET_RISK_SCORE)
                    continue;
                z = gsl_ran_ugaussian(d->rc);
                d->rank_value[j * n_ids + id] =
                    (cv > 0.0 ? a * (theta - 1.0) / cv : 0.0)
                    + sqrt(1.0 - a * a) * z;
            }
        }
    }
}

/* At the start of a year: each case-management programme enrols the
 * top fraction of this year's list by predicted risk, up to its
 * capacity.  Last year's enrolment is kept for the cohort records. */
static void
enrol(cap_demand *d, uint32_t trial, int year)
{
    const cap_scenario *sc = d->sc;
    const cap_population *pop = d->pop;
    size_t n_ids = pop->n_ids + 1, listed = 0;
    int scored = 0;

    for (size_t s = 0; s < pop->n_strata; s++)
        listed += cap_population_count(pop, year, s);
    for (size_t j = 0; j < sc->n_interventions; j++) {
        const cap_intervention *iv = &sc->interventions[j];

        memcpy(d->was_enrolled + j * n_ids, d->enrolled + j * n_ids, n_ids);
        memset(d->enrolled + j * n_ids, 0, n_ids);
        if (iv->type != CAP_CASE_MANAGEMENT || year < iv->start_year)
            continue;
        if (iv->targeting == CAP_TARGET_RISK_SCORE && !scored) {
            risk_scores(d, trial, year);
            scored = 1;
        }
        {
            size_t want = cap_stats_top_count(iv->fraction, listed);
            const double *value = iv->targeting == CAP_TARGET_RISK_SCORE
                ? d->rank_value + j * n_ids : d->cost_last;

            if ((double) want > iv->capacity)
                want = (size_t) iv->capacity;
            mark_top(d, year, value, want,
                     iv->targeting == CAP_TARGET_LAST_COST,
                     d->enrolled + j * n_ids);
        }
    }
}

/* At the end of a year: this year's costs become last year's. */
static void
end_year(cap_demand *d)
{
    size_t cells = d->sc->n_pools * (size_t) d->pop->n_ids;

    if (cells > 0) {
        memcpy(d->pool_last, d->pool_this, cells * sizeof *d->pool_last);
        memset(d->pool_this, 0, cells * sizeof *d->pool_this);
    }
    if (d->cost_this) {
        double *swap = d->cost_last;

        d->cost_last = d->cost_this;
        d->cost_this = swap;
        memset(d->cost_this, 0, (d->pop->n_ids + 1) * sizeof *d->cost_this);
    }
}

/* Steps 2-6 for one person-year, on its own streams: person id, the
 * i-th of stratum s, new to the list this year when new_person.
 * base is the stratum's rate of events before frailty. */
static void
simulate_person(cap_demand *d, cap_tally *t, uint32_t trial, int year,
                size_t s, uint32_t id, int new_person, double base)
{
    const cap_scenario *sc = d->sc;
    size_t ns = sc->n_services, nstrata = d->pop->n_strata;
    size_t y = (size_t) (year - 1);
    size_t at = y * ns * nstrata + s;
    cap_unit_draws u = { sc, d->rc, d->activity,
                         d->enrolled ? d->enrolled + id : NULL,
                         d->pop->n_ids + 1, trial, year, id, d->chance, 0 };
    double theta, total = 0.0;
    unsigned events;
    int any;

    cap_rng_seek(d->r, trial, CAP_STREAM_PERSON, (uint32_t) year, id);
    theta = draw_frailty(d->r, sc->frailty_cv, sc->persistence,
                         d->frailty[id], new_person);
    d->frailty[id] = theta;
    if (d->registered)
        d->registered[y * d->pop->n_ids + id] = 1;
    events = gsl_ran_poisson(d->r, base * theta);
    memset(d->provider_cost, 0, sc->n_providers * sizeof *d->provider_cost);
    /* Most people have no event in a year: without behaviour's extra
     * events they need no service arrays and no cuts. */
    any = events > 0 || d->activity != NULL;
    if (any) {
        memset(d->count, 0, ns * sizeof *d->count);
        memset(d->service_cost, 0, ns * sizeof *d->service_cost);
    }
    if (events > 0)
        draw_costs(d, events);
    if (d->activity)
        cap_draw_discretionary(&u, d->service_cum, poisson_count,
                               base * theta, d->count, d->service_cost);
    if (d->rc && any)
        apply_cuts(d, t, &u);
    else if (d->rc)
        memset(d->removed_cost, 0, sc->n_interventions
                                   * sizeof *d->removed_cost);
    for (size_t k = 0; any && k < ns; k++) {
        if (d->count[k] == 0)
            continue;
        t->events[at + k * nstrata] += d->count[k];
        t->cost[at + k * nstrata] += d->service_cost[k];
        total += d->service_cost[k];
        d->provider_cost[sc->services[k].provider] += d->service_cost[k];
    }
    account_person(d, t, y, id, d->pop->tier_of[s]);
    if (d->person_cost)
        d->person_cost[y * d->pop->n_ids + id] = total;
    if (d->rc) {
        record_enrolment(d, t, y, id, year > 1 && !new_person, total);
        d->cost_this[id] = total;
    }
    /* Step 6, readmissions, comes after every other draw of the
     * person-year, and draws nothing for a service without them, so
     * adding readmissions to a scenario leaves its events and costs as
     * they were. */
    for (size_t k = 0; any && k < ns; k++) {
        double q = sc->services[k].readmission_share;

        if (d->count[k] > 0 && q > 0.0)
            t->readmissions[at + k * nstrata] +=
                gsl_ran_binomial(d->r, q, d->count[k]);
    }
}

void
cap_demand_set_activity(cap_demand *d, const double *activity)
{
    d->activity = activity;
}

void
cap_demand_simulate(cap_demand *d, uint32_t trial, cap_tally *t)
{
    const cap_scenario *sc = d->sc;
    const cap_population *pop = d->pop;
    size_t nstrata = pop->n_strata;

    cap_tally_clear(t);
    cap_draw_trial_common(sc, d->r, trial, t);
    if (d->registered)
        memset(d->registered, 0, (size_t) sc->years * pop->n_ids);
    if (sc->n_pools) {
        size_t cells = sc->n_pools * (size_t) pop->n_ids;

        memset(d->pool_this, 0, cells * sizeof *d->pool_this);
        memset(d->pool_member, 0, cells);
    }
    if (d->rc) {
        size_t cells = (sc->n_interventions + 1) * (pop->n_ids + 1);

        memset(d->cost_last, 0, (pop->n_ids + 1) * sizeof *d->cost_last);
        memset(d->cost_this, 0, (pop->n_ids + 1) * sizeof *d->cost_this);
        memset(d->enrolled, 0, cells);
    }
    for (int year = 1; year <= sc->years; year++) {
        double m = t->multiplier[year - 1];

        if (year > 1 && sc->n_pools)
            choose_pools(d, year);
        if (sc->n_interventions)
            enrol(d, trial, year);
        for (size_t s = 0; s < nstrata; s++) {
            uint32_t n = cap_population_count(pop, year, s);
            uint32_t before = year > 1 ? cap_population_count(pop, year - 1,
                                                              s) : 0;
            double base = d->tier_rate[pop->tier_of[s]] * m;

            t->persons[(size_t) (year - 1) * nstrata + s] = (double) n;
            for (uint32_t i = 0; i < n; i++)
                simulate_person(d, t, trial, year, s, pop->first_id[s] + i,
                                i >= before, base);
        }
        end_year(d);
    }
}

const double *
cap_demand_person_costs(const cap_demand *d, int year,
                        const unsigned char **registered)
{
    size_t off = (size_t) (year - 1) * d->pop->n_ids;

    if (d->person_cost == NULL) {
        if (registered)
            *registered = NULL;
        return NULL;
    }
    if (registered)
        *registered = d->registered + off;
    return d->person_cost + off;
}
