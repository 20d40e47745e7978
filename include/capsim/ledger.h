/* ledger.h -- each party's income, spend and net in each year.
 *
 * Parties are numbered: 0 the commissioner, 1..P the providers in
 * scenario order, then the local authority when the scenario has one,
 * and last the whole system.  Sign conventions (all money per year, in
 * currency units):
 *
 *   commissioner    income = budget     spend = payments to providers,
 *                                        its part of any pooled budget,
 *                                        and interventions it pays for
 *   provider        income = payments   spend = fixed + variable cost,
 *                                        and interventions it pays for
 *   local authority income = its budget spend = its part of the pool
 *   system          income = budgets    spend = all providers' costs
 *                                        and all interventions' costs
 *   every party     net = income - spend (positive: surplus)
 *
 * Money is conserved: the commissioner's and local authority's spend
 * equals the providers' income, so the system's net is the sum of the
 * other parties' nets.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_LEDGER_H
#define CAPSIM_LEDGER_H

#include <stddef.h>
#include "capsim/scenario.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Number of parties: providers + 2, + 1 with a local authority. */
CAP_EXPORT
size_t cap_ledger_parties(const cap_scenario *sc);

/* Index of the system party; the commissioner is 0. */
CAP_EXPORT
size_t cap_ledger_system(const cap_scenario *sc);

/* Name of party i ("commissioner", the provider's name,
 * "local_authority", "system"). */
CAP_EXPORT
const char *cap_ledger_party_name(const cap_scenario *sc, size_t party);

/* Party i's name for people: the label of its section where given,
 * else "Commissioner", the provider's identifier, "Local authority" or
 * "Whole system".  Never NULL; the string belongs to sc or is static. */
CAP_EXPORT
const char *cap_ledger_party_label(const cap_scenario *sc, size_t party);

/* The party called name (cap_ledger_party_name()), or -1. */
CAP_EXPORT
long cap_ledger_find_party(const cap_scenario *sc, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_LEDGER_H */
