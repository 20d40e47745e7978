/* tally.c -- one trial's activity, cost and population, by year.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "demand/tally.h"

cap_tally *
cap_tally_alloc(const cap_scenario *sc, const cap_population *pop)
{
    cap_tally *t = calloc(1, sizeof *t);
    size_t y = (size_t) sc->years;
    size_t cells;

    if (t == NULL)
        return NULL;
    t->sc = sc;
    t->pop = pop;
    t->n_services = sc->n_services;
    t->n_strata = pop->n_strata;
    t->years = sc->years;
    cells = y * t->n_services * t->n_strata;
    t->persons = calloc(y * t->n_strata, sizeof *t->persons);
    t->events = calloc(cells, sizeof *t->events);
    t->cost = calloc(cells, sizeof *t->cost);
    t->readmissions = calloc(cells, sizeof *t->readmissions);
    t->multiplier = calloc(y, sizeof *t->multiplier);
    t->n_excess = sc->n_excess;
    t->excess = calloc(y * (t->n_excess ? t->n_excess : 1),
                       sizeof *t->excess);
    t->n_pools = sc->n_pools;
    t->pool_persons = calloc(y * (t->n_pools ? t->n_pools : 1)
                             * sc->n_tiers, sizeof *t->pool_persons);
    t->pool_cost = calloc(y * (t->n_pools ? t->n_pools : 1),
                          sizeof *t->pool_cost);
    t->n_scores = sc->n_scores;
    t->scores = calloc(y * (t->n_scores ? t->n_scores : 1),
                       sizeof *t->scores);
    t->n_interventions = sc->n_interventions;
    t->interventions = calloc(y * (t->n_interventions ? t->n_interventions
                                                       : 1) * CAP_IV_FIELDS,
                              sizeof *t->interventions);
    if (!t->interventions || !t->scores || !t->persons || !t->events || !t->cost
        || !t->multiplier
        || !t->excess || !t->pool_persons || !t->pool_cost
        || !t->readmissions) {
        cap_tally_free(t);
        return NULL;
    }
    return t;
}

void
cap_tally_free(cap_tally *t)
{
    if (t == NULL)
        return;
    free(t->persons);
    free(t->events);
    free(t->cost);
    free(t->readmissions);
    free(t->multiplier);
    free(t->excess);
    free(t->pool_persons);
    free(t->pool_cost);
    free(t->scores);
    free(t->interventions);
    free(t);
}

void
cap_tally_clear(cap_tally *t)
{
    size_t y = (size_t) t->years;
    size_t cells = y * t->n_services * t->n_strata;

    memset(t->persons, 0, y * t->n_strata * sizeof *t->persons);
    memset(t->events, 0, cells * sizeof *t->events);
    memset(t->cost, 0, cells * sizeof *t->cost);
    memset(t->readmissions, 0, cells * sizeof *t->readmissions);
    memset(t->multiplier, 0, y * sizeof *t->multiplier);
    memset(t->excess, 0, y * t->n_excess * sizeof *t->excess);
    memset(t->pool_persons, 0, y * t->n_pools * t->sc->n_tiers
                               * sizeof *t->pool_persons);
    memset(t->pool_cost, 0, y * t->n_pools * sizeof *t->pool_cost);
    memset(t->scores, 0, y * t->n_scores * sizeof *t->scores);
    memset(t->interventions, 0, y * t->n_interventions * CAP_IV_FIELDS
                                * sizeof *t->interventions);
}

double
cap_tally_programme_cost(const cap_tally *t, size_t k, int year)
{
    const cap_intervention *iv = &t->sc->interventions[k];

    if (iv->mode == CAP_SWITCHED_OFF)
        return 0.0;
    if (iv->type == CAP_CASE_MANAGEMENT)
        return iv->cost * cap_tally_intervention(t, k, CAP_IV_ENROLLED,
                                                 year);
    return year >= iv->start_year ? iv->cost : 0.0;
}

/* Offset of (year, service, stratum 0) in events, cost and
 * readmissions. */
static size_t
row(const cap_tally *t, size_t service, int year)
{
    return ((size_t) (year - 1) * t->n_services + service) * t->n_strata;
}

double
cap_tally_persons(const cap_tally *t, int year)
{
    const double *p = t->persons + (size_t) (year - 1) * t->n_strata;
    double sum = 0.0;

    for (size_t s = 0; s < t->n_strata; s++)
        sum += p[s];
    return sum;
}

double
cap_tally_tier_persons(const cap_tally *t, size_t tier, int year)
{
    const double *p = t->persons + (size_t) (year - 1) * t->n_strata;
    double sum = 0.0;

    for (size_t s = 0; s < t->n_strata; s++)
        if (t->pop->tier_of[s] == tier)
            sum += p[s];
    return sum;
}

static double
sum_row(const double *x, size_t n)
{
    double sum = 0.0;

    for (size_t s = 0; s < n; s++)
        sum += x[s];
    return sum;
}

double
cap_tally_service_events(const cap_tally *t, size_t service, int year)
{
    return sum_row(t->events + row(t, service, year), t->n_strata);
}

double
cap_tally_service_cost(const cap_tally *t, size_t service, int year)
{
    return sum_row(t->cost + row(t, service, year), t->n_strata);
}

double
cap_tally_service_readmissions(const cap_tally *t, size_t service, int year)
{
    return sum_row(t->readmissions + row(t, service, year), t->n_strata);
}

double
cap_tally_provider_variable_cost(const cap_tally *t, size_t provider,
                                 int year)
{
    double sum = 0.0;

    for (size_t k = 0; k < t->n_services; k++)
        if (t->sc->services[k].provider == provider)
            sum += cap_tally_service_cost(t, k, year);
    return sum;
}

double
cap_tally_provider_cost(const cap_tally *t, size_t provider, int year)
{
    return cap_scenario_fixed_cost(t->sc, provider, year)
           + cap_tally_provider_variable_cost(t, provider, year);
}

double
cap_tally_provider_tariff_value(const cap_tally *t, size_t provider,
                                int year)
{
    double sum = 0.0;

    for (size_t k = 0; k < t->n_services; k++) {
        const cap_service *s = &t->sc->services[k];

        if (s->provider == provider && s->tariff > 0.0)
            sum += s->tariff * cap_tally_service_events(t, k, year);
    }
    return sum;
}

double
cap_tally_excess(const cap_tally *t, size_t provider, double threshold,
                 int year)
{
    for (size_t k = 0; k < t->n_excess; k++) {
        const cap_excess_spec *e = &t->sc->excess[k];

        if (e->provider == provider && e->threshold == threshold)
            return t->excess[(size_t) (year - 1) * t->n_excess + k];
    }
    return NAN;
}

/* Index of pool (provider, fraction), or n_pools. */
static size_t
pool_index(const cap_tally *t, size_t provider, double fraction)
{
    size_t k = 0;

    while (k < t->n_pools && !(t->sc->pools[k].provider == provider
                               && t->sc->pools[k].fraction == fraction))
        k++;
    return k;
}

double
cap_tally_pool_persons(const cap_tally *t, size_t provider, double fraction,
                       size_t tier, int year)
{
    size_t k = pool_index(t, provider, fraction);

    if (k == t->n_pools)
        return NAN;
    return t->pool_persons[((size_t) (year - 1) * t->n_pools + k)
                           * t->sc->n_tiers + tier];
}

double
cap_tally_pool_cost(const cap_tally *t, size_t provider, double fraction,
                    int year)
{
    size_t k = pool_index(t, provider, fraction);

    if (k == t->n_pools)
        return NAN;
    return t->pool_cost[(size_t) (year - 1) * t->n_pools + k];
}
