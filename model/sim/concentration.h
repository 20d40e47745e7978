/* concentration.h -- concentration of cost among the people of one
 * trial (internal to capsim; the groups are in capsim/sim.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CONCENTRATION_H
#define CAPSIM_CONCENTRATION_H

#include "demand/demand.h"
#include "demand/population.h"

/* The share of year's cost held by each concentration group
 * (cap_conc_fraction) among the people registered in year, from the
 * individual engine d, into out[CAP_N_CONC_GROUPS] (0 when no one is
 * registered or nothing was spent).  work holds 2 pop->n_ids doubles
 * of scratch. */
void cap_concentration_record(const cap_demand *d,
                              const cap_population *pop, int year,
                              double *work, double *out);

/* Of the people in the top 5% by cost in year - 1 who are still
 * registered in year, the share who are in the top 5% again: how
 * persistent high cost is (1 = the same people every year).  Returns
 * NAN in year 1 or when no one qualifies.  work holds pop->n_ids
 * doubles of scratch. */
double cap_concentration_persistence(const cap_demand *d,
                                     const cap_population *pop, int year,
                                     double *work);

#endif /* CAPSIM_CONCENTRATION_H */
