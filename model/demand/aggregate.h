/* aggregate.h -- the aggregate demand engine: strata, not people.
 *
 * The people of a stratum (a practice's list in one risk tier) are
 * exchangeable, and the model's laws compose: the events of n people
 * are Poisson with the sum of their rates, the cost of N events is one
 * gamma, and the sum of the stratum's frailties follows a Markov chain
 * of its own whose steps are a Poisson and two gamma draws (the
 * Poisson-gamma AR(1) of docs/model.md, section 3, summed).  So the
 * tally of a trial -- events, costs, readmissions, by year, service and
 * stratum -- can be drawn from its exact law with a few draws per
 * stratum and year, however many people the stratum holds.  Equations
 * and proofs: docs/model.md, section 14.
 *
 * What the engine cannot give is a person: a per-person stop-loss, a
 * high-risk pool and case-management targeting rank people, so a
 * scenario with any of them runs on the individual engine
 * (cap_engine_resolve, scenario/engine.h).  Concentration of cost among people is always
 * measured on the individual engine (sim.c).
 *
 * Random numbers: stream (trial, SYSTEM, 0, 0) and the SCORE streams as
 * the individual engine (so a trial's multipliers and scores are the
 * same in both); stream (trial, STRATUM, year, s) for stratum s's
 * frailty, events, costs and readmissions; (trial, BEHAVIOUR, year, s)
 * and (trial, THINNING, year, s) for extra and removed events.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_AGGREGATE_H
#define CAPSIM_AGGREGATE_H

#include <stdint.h>
#include "capsim/scenario.h"
#include "demand/population.h"
#include "demand/tally.h"

typedef struct cap_aggregate cap_aggregate;

/* Working memory for one thread; NULL when out of memory.  sc and pop
 * must outlive it; sc must pass cap_aggregate_unfit(). */
cap_aggregate *cap_aggregate_alloc(const cap_scenario *sc,
                                   const cap_population *pop,
                                   uint64_t seed);
void cap_aggregate_free(cap_aggregate *a);

/* As cap_demand_set_activity(): behaviour's multipliers, or NULL. */
void cap_aggregate_set_activity(cap_aggregate *a, const double *activity);

/* Simulate trial (0-based) into t, which is cleared first. */
void cap_aggregate_simulate(cap_aggregate *a, uint32_t trial, cap_tally *t);

#endif /* CAPSIM_AGGREGATE_H */
