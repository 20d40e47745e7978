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
 *   readmissions       each event of service s is a 30-day readmission
 *                      with probability q_s (readmission_share),
 *                      independently: R_is ~ Binomial(N_is, q_s).
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "capsim/demand.h"
#include "capsim/rng.h"
#include "capsim/stats.h"

struct cap_demand {
    const cap_scenario *sc;
    const cap_population *pop;
    gsl_rng *r;
    double *frailty;          /* [id] this year's (then last year's) */
    double *tier_rate;        /* [tier]: sum of rates x R_tier */
    double *service_cum;      /* [service]: cumulative share of events */
    unsigned *count;          /* [service]: one person's events */
    double *provider_cost;    /* [provider]: one person's cost, for the
                                 per-person excess tallies */
    double *pool_last;        /* [pool][id]: cost with the pool's provider
                                 last year (0: none, or not registered) */
    double *pool_this;        /* [pool][id]: the same, this year */
    unsigned char *pool_member; /* [pool][id]: in the pool this year */
    double *select_work;      /* [id]: scratch for choosing pools */
    double *person_cost;      /* [y][id] when kept, else NULL */
    unsigned char *registered;/* [y][id] when kept */
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
    free(d);
}

cap_demand *
cap_demand_alloc(const cap_scenario *sc, const cap_population *pop,
                 uint64_t seed, int keep_person_costs)
{
    cap_demand *d = calloc(1, sizeof *d);
    double mean_rr = 0.0, total_rate = 0.0, cum = 0.0;
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
    if (!d->r || !d->frailty || !d->tier_rate || !d->service_cum
        || !d->count || !d->provider_cost) {
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
    for (size_t t = 0; t < sc->n_tiers; t++)
        mean_rr += sc->tiers[t].share * sc->tiers[t].relative_risk;
    for (size_t k = 0; k < ns; k++)
        total_rate += sc->services[k].rate;
    for (size_t t = 0; t < sc->n_tiers; t++)
        d->tier_rate[t] = total_rate * sc->tiers[t].relative_risk / mean_rr;
    for (size_t k = 0; k < ns; k++) {
        cum += total_rate > 0.0 ? sc->services[k].rate / total_rate : 0.0;
        d->service_cum[k] = cum;
    }
    d->service_cum[ns - 1] = 1.0;   /* no event may fall past the end */
    return d;
}

/* Step 1: the trial's system multipliers, from its SYSTEM stream. */
static void
draw_multipliers(cap_demand *d, uint32_t trial, double *m)
{
    const cap_scenario *sc = d->sc;
    double s2 = log1p(sc->shock_sd * sc->shock_sd);
    double s = sqrt(s2);
    double growth;

    cap_rng_seek(d->r, trial, CAP_STREAM_SYSTEM, 0, 0);
    growth = 1.0 + sc->trend + sc->trend_sd * gsl_ran_ugaussian(d->r);
    if (growth < 0.0)
        growth = 0.0;
    for (int y = 0; y < sc->years; y++) {
        double shock = exp(s * gsl_ran_ugaussian(d->r) - 0.5 * s2);

        m[y] = pow(growth, y) * shock;
    }
}

/* Step 1b: each drawn quality score, for each year, on its own stream
 * (trial, SCORE, year, k): Beta with the spec's mean m and sd s, i.e.
 * shape parameters m n and (1 - m) n with n = m (1 - m) / s^2 - 1. */
static void
draw_scores(cap_demand *d, uint32_t trial, double *scores)
{
    const cap_scenario *sc = d->sc;

    for (int year = 1; year <= sc->years; year++) {
        for (size_t k = 0; k < sc->n_scores; k++) {
            double m = sc->scores[k].mean, s = sc->scores[k].sd;
            double n = m * (1.0 - m) / (s * s) - 1.0;

            cap_rng_seek(d->r, trial, CAP_STREAM_SCORE, (uint32_t) year,
                         (uint32_t) k);
            scores[(size_t) (year - 1) * sc->n_scores + k] =
                gsl_ran_beta(d->r, m * n, (1.0 - m) * n);
        }
    }
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
 * draw each service's cost; add both to the stratum's tallies (ev, co
 * point at service 0 of the stratum) and each provider's part to
 * d->provider_cost.  Returns the person's total cost. */
static double
draw_costs(cap_demand *d, unsigned events, double *ev, double *co,
           size_t nstrata)
{
    const cap_scenario *sc = d->sc;
    size_t ns = sc->n_services;
    double total = 0.0;

    memset(d->count, 0, ns * sizeof *d->count);
    for (unsigned e = 0; e < events; e++) {
        double u = gsl_rng_uniform(d->r);
        size_t k = 0;

        while (u >= d->service_cum[k])
            k++;
        d->count[k]++;
    }
    for (size_t k = 0; k < ns; k++) {
        const cap_service *svc = &sc->services[k];
        double c2 = svc->cost_cv * svc->cost_cv;
        double cost;

        if (d->count[k] == 0)
            continue;
        if (c2 > 0.0)
            cost = gsl_ran_gamma(d->r, d->count[k] / c2,
                                 svc->unit_cost * c2);
        else
            cost = d->count[k] * svc->unit_cost;
        ev[k * nstrata] += d->count[k];
        co[k * nstrata] += cost;
        total += cost;
        d->provider_cost[svc->provider] += cost;
    }
    return total;
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

/* At the start of a year (after the first): choose each pool's members,
 * the top fraction of last year's registered people by their cost with
 * the pool's provider.  Ties at the cut are taken in id order; people
 * with no cost last year are never chosen, so a pool may hold fewer
 * than the fraction when few people used the provider. */
static void
choose_pools(cap_demand *d, int year)
{
    const cap_scenario *sc = d->sc;
    const cap_population *pop = d->pop;
    size_t n_ids = pop->n_ids, last_n = 0;

    for (size_t s = 0; s < pop->n_strata; s++)
        last_n += cap_population_count(pop, year - 1, s);
    for (size_t k = 0; k < sc->n_pools; k++) {
        const double *last = d->pool_last + k * n_ids;
        unsigned char *member = d->pool_member + k * n_ids;
        size_t want = cap_stats_top_count(sc->pools[k].fraction, last_n);
        size_t above = 0, m = 0;
        double cut;

        memset(member, 0, n_ids);
        if (want == 0)
            continue;
        /* Last year's registered people, in id order. */
        for (size_t s = 0; s < pop->n_strata; s++) {
            uint32_t n = cap_population_count(pop, year - 1, s);

            for (uint32_t i = 0; i < n; i++)
                d->select_work[m++] = last[pop->first_id[s] + i];
        }
        cut = cap_stats_kth_largest(d->select_work, m, want);
        for (uint32_t id = 0; id < n_ids; id++)
            above += last[id] > cut;
        for (uint32_t id = 0; id < n_ids; id++) {
            if (last[id] > cut) {
                member[id] = 1;
            } else if (last[id] == cut && cut > 0.0 && above < want) {
                member[id] = 1;
                above++;
            }
        }
    }
}

/* At the end of a year: this year's pool costs become last year's. */
static void
end_year(cap_demand *d)
{
    size_t cells = d->sc->n_pools * (size_t) d->pop->n_ids;

    if (cells == 0)
        return;
    memcpy(d->pool_last, d->pool_this, cells * sizeof *d->pool_last);
    memset(d->pool_this, 0, cells * sizeof *d->pool_this);
}

void
cap_demand_simulate(cap_demand *d, uint32_t trial, cap_tally *t)
{
    const cap_scenario *sc = d->sc;
    const cap_population *pop = d->pop;
    size_t ns = sc->n_services;
    size_t nstrata = pop->n_strata;
    double cv = sc->frailty_cv, rho = sc->persistence;

    cap_tally_clear(t);
    draw_multipliers(d, trial, t->multiplier);
    draw_scores(d, trial, t->scores);
    if (d->registered)
        memset(d->registered, 0, (size_t) sc->years * pop->n_ids);
    if (sc->n_pools) {
        size_t cells = sc->n_pools * (size_t) pop->n_ids;

        memset(d->pool_this, 0, cells * sizeof *d->pool_this);
        memset(d->pool_member, 0, cells);
    }
    for (int year = 1; year <= sc->years; year++) {
        double m = t->multiplier[year - 1];
        size_t y = (size_t) (year - 1);
        double *pcost = d->person_cost ? d->person_cost + y * pop->n_ids
                                       : NULL;

        if (year > 1 && sc->n_pools)
            choose_pools(d, year);

        for (size_t s = 0; s < nstrata; s++) {
            uint32_t n = cap_population_count(pop, year, s);
            uint32_t before = year > 1 ? cap_population_count(pop, year - 1,
                                                              s) : 0;
            double base = d->tier_rate[pop->tier_of[s]] * m;
            double *ev = t->events + y * ns * nstrata + s;
            double *co = t->cost + y * ns * nstrata + s;
            double *re = t->readmissions + y * ns * nstrata + s;

            t->persons[y * nstrata + s] = (double) n;
            for (uint32_t i = 0; i < n; i++) {
                uint32_t id = pop->first_id[s] + i;
                double theta, person_total;
                unsigned events;

                /* Steps 2-5 for one person-year, on its own stream. */
                cap_rng_seek(d->r, trial, CAP_STREAM_PERSON,
                             (uint32_t) year, id);
                theta = draw_frailty(d->r, cv, rho, d->frailty[id],
                                     i >= before);
                d->frailty[id] = theta;
                if (d->registered)
                    d->registered[y * pop->n_ids + id] = 1;
                events = gsl_ran_poisson(d->r, base * theta);
                memset(d->provider_cost, 0,
                       sc->n_providers * sizeof *d->provider_cost);
                person_total = events ? draw_costs(d, events, ev, co,
                                                   nstrata) : 0.0;
                account_person(d, t, y, id, pop->tier_of[s]);
                if (pcost)
                    pcost[id] = person_total;
                /* Step 6, readmissions, comes after every other draw of
                 * the person-year, and draws nothing for a service
                 * without them, so adding readmissions to a scenario
                 * leaves its events and costs as they were.  d->count
                 * holds this person's counts only if it had events. */
                for (size_t k = 0; events > 0 && k < ns; k++) {
                    double q = sc->services[k].readmission_share;

                    if (d->count[k] > 0 && q > 0.0)
                        re[k * nstrata] += gsl_ran_binomial(d->r, q,
                                                            d->count[k]);
                }
            }
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
