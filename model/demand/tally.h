/* tally.h -- one trial's activity, cost and population, by year.
 *
 * The tally is the only thing the demand engine hands on: contracts and
 * the ledger see demand through it, never through people or random
 * numbers.  Arrays are indexed by year (0-based here: y = year - 1),
 * service and stratum; providers' figures are sums over their services.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_TALLY_H
#define CAPSIM_TALLY_H

#include <stddef.h>
#include "capsim/scenario.h"
#include "demand/population.h"

typedef struct cap_tally {
    const cap_scenario *sc;
    const cap_population *pop;
    size_t n_services;
    size_t n_strata;
    int years;
    double *persons;      /* [y][stratum]: registered people */
    double *events;       /* [y][service][stratum]: activity */
    double *cost;         /* [y][service][stratum]: variable cost */
    double *readmissions; /* [y][service][stratum]: those of the events
                           * that are 30-day readmissions */
    double *multiplier;   /* [y]: system multiplier of all rates */
    size_t n_excess;      /* sc->n_excess */
    double *excess;       /* [y][k]: sum over people of their cost with
                             provider k above threshold k (sc->excess) */
    size_t n_pools;       /* sc->n_pools */
    double *pool_persons; /* [y][k][tier]: members of pool k (sc->pools) */
    double *pool_cost;    /* [y][k]: their cost with the pool's provider */
    size_t n_scores;      /* sc->n_scores */
    double *scores;       /* [y][k]: drawn quality score k (sc->scores) */
    size_t n_interventions; /* sc->n_interventions */
    double *interventions;  /* [y][k][cap_iv_field] */
} cap_tally;

/* Allocate zeroed tallies for sc and pop (both must outlive the tally).
 * Returns NULL when out of memory.  cap_tally_free() accepts NULL. */
cap_tally *cap_tally_alloc(const cap_scenario *sc, const cap_population *pop);
void cap_tally_free(cap_tally *t);
void cap_tally_clear(cap_tally *t);

/* Sums over strata for year (1..H).  Summation order is fixed, so the
 * results are the same bits on every run. */
double cap_tally_persons(const cap_tally *t, int year);
double cap_tally_tier_persons(const cap_tally *t, size_t tier, int year);
double cap_tally_service_events(const cap_tally *t, size_t service, int year);
double cap_tally_service_cost(const cap_tally *t, size_t service, int year);
/* Of the service's events, those that are 30-day readmissions (0 for a
 * service without readmission_share). */
double cap_tally_service_readmissions(const cap_tally *t, size_t service,
                                      int year);

/* A provider's variable cost (its services) and total cost (variable
 * plus fixed) in year; its activity valued at tariff. */
double cap_tally_provider_variable_cost(const cap_tally *t, size_t provider,
                                        int year);
double cap_tally_provider_cost(const cap_tally *t, size_t provider, int year);
double cap_tally_provider_tariff_value(const cap_tally *t, size_t provider,
                                       int year);

/* Sum over people of max(0, cost with provider - threshold) in year:
 * the cost above a per-person stop-loss.  The pair must be one the
 * scenario collected (a contract declared it); NAN otherwise. */
double cap_tally_excess(const cap_tally *t, size_t provider,
                        double threshold, int year);

/* Members of the high-risk pool (provider, fraction) in tier and year,
 * and their cost with the provider.  The pair must be one the scenario
 * collected (a contract declared it); NAN otherwise.  Pools are empty
 * in year 1, which has no last year to choose on. */
double cap_tally_pool_persons(const cap_tally *t, size_t provider,
                              double fraction, size_t tier, int year);
double cap_tally_pool_cost(const cap_tally *t, size_t provider,
                           double fraction, int year);

/* Field f of what intervention k did in year (1..H). */
static inline double
cap_tally_intervention(const cap_tally *t, size_t k, cap_iv_field f,
                       int year)
{
    return t->interventions[((size_t) (year - 1) * t->n_interventions + k)
                            * CAP_IV_FIELDS + f];
}

/* What intervention k cost in year: cost per enrolee x enrolled, or the
 * scheme's annual cost from its start year; 0 when it is switched off
 * (the counterfactual). */
double cap_tally_programme_cost(const cap_tally *t, size_t k, int year);

#endif /* CAPSIM_TALLY_H */
