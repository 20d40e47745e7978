/* population.h -- who is registered, in which stratum, in which year.
 *
 * The population is split into strata: each practice's list divided
 * among the risk tiers by their shares (largest remainder, so every
 * practice's total is exact).  Strata are numbered practice-major:
 * stratum = practice * n_tiers + tier.  List sizes follow the scenario's
 * growth rate deterministically; a stratum's people have stable ids
 * first_id[s] .. first_id[s] + capacity[s] - 1, and in year y the first
 * count[y][s] of them are registered (joiners get new ids; when a list
 * shrinks, the highest ids leave).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_POPULATION_H
#define CAPSIM_POPULATION_H

#include <stddef.h>
#include <stdint.h>
#include "capsim/scenario.h"

typedef struct {
    int years;
    size_t n_tiers;
    size_t n_strata;
    size_t *practice_of;      /* [stratum] */
    size_t *tier_of;          /* [stratum] */
    uint32_t *first_id;       /* [stratum] */
    uint32_t *capacity;       /* [stratum]: most people in any year */
    uint32_t *count;          /* [(year - 1) * n_strata + stratum] */
    uint32_t n_ids;           /* total capacity: ids are 0 .. n_ids-1 */
} cap_population;

/* Build the strata of sc.  Returns CAP_OK, CAP_ENOMEM, or CAP_EINPUT
 * when the population would exceed 2^32 - 1 people.  Free with
 * cap_population_free(), which accepts NULL. */
int cap_population_alloc(const cap_scenario *sc, cap_population **out);
void cap_population_free(cap_population *pop);

/* People registered in stratum s in year y (1..H). */
static inline uint32_t
cap_population_count(const cap_population *pop, int year, size_t s)
{
    return pop->count[(size_t) (year - 1) * pop->n_strata + s];
}

#endif /* CAPSIM_POPULATION_H */
