/* draws.h -- what both demand engines draw, and how, in the same way.
 *
 * The individual engine (demand.c) draws person by person; the
 * aggregate engine (aggregate.c) draws stratum by stratum.  Both start
 * a trial from the same system multipliers and quality scores, split
 * events among services by the same shares, cost them with the same
 * gamma sums and remove them with the same chances, so the two can
 * differ only in how they add people up (docs/model.md, sections 2-5,
 * 11 and 14).  Behaviour's extra events and the start of each
 * service's cuts are drawn here for both, for a person or a stratum
 * alike (cap_unit_draws); only how the cuts remove events differs --
 * one uniform per event and cause for a person, binomial counts for a
 * stratum.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_DRAWS_H
#define CAPSIM_DRAWS_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "capsim/scenario.h"
#include "demand/tally.h"

/* The trial's system multipliers (stream (trial, SYSTEM, 0, 0)) and
 * drawn quality scores (streams (trial, SCORE, year, k)) into t. */
void cap_draw_trial_common(const cap_scenario *sc, gsl_rng *r,
                           uint32_t trial, cap_tally *t);

/* tier_rate[tier]: the rate of all events before frailty and the
 * system multiplier, sum_s rate_s x R_tier; service_cum[service]: the
 * cumulative share of events of the services up to it (the last is
 * exactly 1). */
void cap_event_rates(const cap_scenario *sc, double *tier_rate,
                     double *service_cum);

/* Service k's share of all events, from the cumulative shares of
 * cap_event_rates(). */
static inline double
cap_service_share(const double *service_cum, size_t k)
{
    return service_cum[k] - (k ? service_cum[k - 1] : 0.0);
}

/* The cost of n events of svc: Gamma(n / c^2, u c^2), the sum of n
 * independent gamma costs of mean u and cv c (n u when c = 0). */
double cap_gamma_sum(gsl_rng *r, const cap_service *svc, double n);

/* Of events whose drawn cost is cost, the cost of the kept ones when
 * gone of them are removed: cost x Beta(kept / c^2, gone / c^2), the
 * law of the kept events' gamma sum given the total (kept u when
 * c = 0, 0 when none is kept).  Draws only when both are positive. */
double cap_kept_cost(gsl_rng *r, const cap_service *svc, double cost,
                     double kept, double gone);

/* A Poisson(mu) count for any mu >= 0, as a double: GSL's draw below
 * 10, above it the transformed rejection with squeeze of Hormann (1993,
 * "PTRS", Insurance: Mathematics and Economics 12:39), exact and about
 * two uniforms a draw whatever mu -- a stratum's counts run to tens of
 * thousands, where GSL's recursion costs several gamma draws -- and
 * means beyond 2^30 in pieces (a sum of Poissons is Poisson). */
double cap_poisson(gsl_rng *r, double mu);

/* The chance that cause c removes one event of service k in year:
 * cause 0 is behaviour's lower activity (activity[y][service], NULL
 * for none), cause 1 + j intervention j.  enrolled says whether the
 * person is enrolled in intervention j when it is case management.
 * Negative when the cause does not reach the event (no number is
 * drawn for it); 0 when it reaches it but is switched off, so the
 * draws stay aligned with the run where it is on. */
double cap_cause_chance(const cap_scenario *sc, const double *activity,
                        size_t c, size_t k, int year, int enrolled);

/* One unit-year's draws beyond its own stream -- behaviour's extra
 * events and the cuts -- for a person (the individual engine) or a
 * stratum (the aggregate engine).  The engine fills it before each
 * unit-year; the draws below read it and set chance and sought. */
typedef struct cap_unit_draws {
    const cap_scenario *sc;
    gsl_rng *r;                /* the behaviour and thinning streams */
    const double *activity;    /* [y][service] behaviour, or NULL */
    const unsigned char *enrolled; /* the unit's enrolment in intervention
                                  j at enrolled[j x stride], or NULL:
                                  enrolled in none */
    size_t stride;
    uint32_t trial;
    int year;
    uint32_t unit;             /* the person's id or the stratum */
    double *chance;            /* [cause]: of removing one event of the
                                  service at hand (cap_cut_reach) */
    int sought;                /* the thinning stream is sought: clear it
                                  before the unit-year's first service */
} cap_unit_draws;

/* How a count of events of mean mu is drawn: the individual engine
 * uses GSL's Poisson, the aggregate engine cap_poisson. */
typedef double (*cap_count_draw)(gsl_rng *r, double mu);

/* Behaviour, m > 1: Poisson((m_k - 1) x share_k x rate) extra events of
 * each service k whose multiplier m_k exceeds 1, added to count[k],
 * with their gamma cost added to cost[k].  rate is the unit's rate of
 * all events; service_cum is from cap_event_rates().  Seeks u->r to
 * stream (trial, BEHAVIOUR, year, unit) before the first draw, and
 * draws nothing when no multiplier exceeds 1.  u->activity must not be
 * NULL. */
void cap_draw_discretionary(const cap_unit_draws *u,
                            const double *service_cum, cap_count_draw draw,
                            double rate, double *count, double *cost);

/* The start of the cuts of service k for the unit-year: each cause's
 * chance into u->chance (cap_cause_chance), and each demand reduction
 * that reaches the service adds its planned cut of cost, the service's
 * drawn cost, to t.  Returns 1 when some cause reaches the service,
 * after seeking u->r to stream (trial, THINNING, year, unit) on the
 * unit-year's first such service (u->sought); 0 when none does. */
int cap_cut_reach(cap_unit_draws *u, size_t k, double cost, cap_tally *t);

/* Add v to field f of intervention j in year (0-based y). */
static inline void
cap_iv_add(cap_tally *t, size_t y, size_t j, cap_iv_field f, double v)
{
    t->interventions[(y * t->n_interventions + j) * CAP_IV_FIELDS + f] += v;
}

#endif /* CAPSIM_DRAWS_H */
