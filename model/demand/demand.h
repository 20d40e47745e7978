/* demand.h -- the individual-level demand engine: one trial, all years.
 *
 * For every registered person and year it draws a persistent frailty,
 * a Poisson number of events per service and a gamma cost per event,
 * scaled by the system multiplier (trend and common shock) of the trial,
 * and adds them to a tally.  It knows nothing of contracts.  The model's
 * equations are in docs/model.md.
 *
 * Random numbers: stream (trial, SYSTEM, 0, 0) for the trial's trend
 * and shocks; stream (trial, PERSON, year, id) for person id in year.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_DEMAND_H
#define CAPSIM_DEMAND_H

#include <stdint.h>
#include "capsim/scenario.h"
#include "demand/population.h"
#include "demand/tally.h"

/* Per-thread working memory: a generator and each person's frailty.
 * Allocate once, use for many trials. */
typedef struct cap_demand cap_demand;

/* Returns NULL when out of memory.  sc and pop must outlive it.
 * keep_person_costs: also record each person's annual cost, for
 * concentration statistics (n_ids x years doubles). */
cap_demand *cap_demand_alloc(const cap_scenario *sc,
                             const cap_population *pop, uint64_t seed,
                             int keep_person_costs);
void cap_demand_free(cap_demand *d);

/* Behaviour's activity multipliers, [y][service] (see docs/model.md,
 * section 12), for the trials simulated from now on; NULL (the default)
 * for none.  The array must outlive its use. */
void cap_demand_set_activity(cap_demand *d, const double *activity);

/* Simulate trial (0-based) into t, which is cleared first. */
void cap_demand_simulate(cap_demand *d, uint32_t trial, cap_tally *t);

/* With keep_person_costs: each person's cost in year (1..H) of the last
 * simulated trial, indexed by id; people not registered that year have
 * cost 0 and are excluded through *registered (same indexing, 0 or 1).
 * NULL otherwise. */
const double *cap_demand_person_costs(const cap_demand *d, int year,
                                      const unsigned char **registered);

#endif /* CAPSIM_DEMAND_H */
