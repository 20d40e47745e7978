/* outcomes.h -- the allocation of a run's outcomes (internal to
 * capsim; the rest of cap_outcomes is in capsim/sim.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_OUTCOMES_H
#define CAPSIM_OUTCOMES_H

#include <stddef.h>
#include "capsim/scenario.h"
#include "capsim/sim.h"

/* Outcomes of sc for trials trials, of which the first conc_trials
 * record concentration: every array allocated, none filled.  Returns
 * them (the caller frees them with cap_outcomes_free), or NULL when
 * memory runs out. */
cap_outcomes *cap_outcomes_alloc(const cap_scenario *sc, size_t trials,
                                 size_t conc_trials);

#endif /* CAPSIM_OUTCOMES_H */
