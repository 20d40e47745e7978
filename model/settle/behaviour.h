/* behaviour.h -- providers' discretionary activity under each option.
 *
 * With a [behaviour] section, part of each service's rate is
 * discretionary -- elective work, outpatient follow-ups -- and the
 * provider supplies more of it when the contract it holds pays more
 * than the marginal cost of an event, less when it pays less.  The
 * multipliers here scale each service's rate under each option; the
 * demand engine applies them (cap_demand_set_activity), so demand then
 * differs by option, still on the same streams.  Equations:
 * docs/model.md, section 12.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_BEHAVIOUR_H
#define CAPSIM_BEHAVIOUR_H

#include "capsim/scenario.h"
#include "demand/population.h"

/* Fill activity[(option * years + y) * n_services + service] with the
 * rate multiplier m_osy (1 where nothing is discretionary), and
 * margin, if not NULL, with r_osy in the same layout.  Returns CAP_OK
 * or CAP_ENOMEM. */
int cap_behaviour_activity(const cap_scenario *sc, const cap_population *pop,
                           double *activity, double *margin);

#endif /* CAPSIM_BEHAVIOUR_H */
