/* expect.h -- expected activity and cost under the model, in closed
 * form.
 *
 * Contracts that set a target or benchmark "auto" use these: the
 * expectation of a provider's cost or of its activity at tariff in a
 * year, over every random element of the model (trend, shocks,
 * frailty, event counts and costs).  docs/model.md gives the algebra.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_EXPECT_H
#define CAPSIM_EXPECT_H

#include <stddef.h>
#include "capsim/scenario.h"

/* E[M_y]: the expected system multiplier of all rates in year (1..H). */
double cap_expect_multiplier(const cap_scenario *sc, int year);

/* Expected events of service k in year, over the whole population. */
double cap_expect_events(const cap_scenario *sc, size_t service, int year);

/* Expected total cost (fixed plus variable) of provider p in year. */
double cap_expect_provider_cost(const cap_scenario *sc, size_t provider,
                                int year);

/* Expected activity of provider p in year valued at tariff (services
 * without a tariff count 0). */
double cap_expect_tariff_value(const cap_scenario *sc, size_t provider,
                               int year);

#endif /* CAPSIM_EXPECT_H */
