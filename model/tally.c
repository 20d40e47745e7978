/* tally.c -- one trial's activity, cost and population, by year. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/tally.h"

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
    if (!t->persons || !t->events || !t->cost || !t->readmissions
        || !t->multiplier) {
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
