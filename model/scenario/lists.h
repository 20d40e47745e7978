/* lists.h -- list sizes: how many people each practice registers in
 * each risk tier and year.
 *
 * One rule, read by the loader (to refuse a population capsim cannot
 * number before any work) and by the demand layer's population (to
 * number the people it simulates):
 *   - a practice's year-1 list is divided among the tiers by their
 *     shares with the largest-remainder method, so the parts are whole
 *     and add up to the list exactly;
 *   - a tier's part in year y is its year-1 part grown at the list
 *     growth rate, rounded to whole people.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_LISTS_H
#define CAPSIM_LISTS_H

#include <stddef.h>
#include "capsim/scenario.h"

/* The most people capsim numbers: person ids are 32 bits. */
#define CAP_LISTS_MAX_IDS 4294967295.0

/* Write into part[0 .. sc->n_tiers - 1] the year-1 people of each tier
 * of a list of total people.  Ties in the remainders go to the earlier
 * tier, so the split is reproducible. */
void cap_lists_apportion(const cap_scenario *sc, double total, double *part);

/* The people of a tier with first_year people in year 1 registered in
 * year (1..sc->years). */
double cap_lists_size(const cap_scenario *sc, double first_year, int year);

/* Whether every stratum's people, each stratum numbered for its
 * largest list over the horizon, fit in CAP_LISTS_MAX_IDS ids.
 * Returns CAP_OK when they do, CAP_EINPUT with *practice set to the
 * practice whose strata pass the limit, or CAP_ENOMEM. */
int cap_lists_check_ids(const cap_scenario *sc, size_t *practice);

#endif /* CAPSIM_LISTS_H */
