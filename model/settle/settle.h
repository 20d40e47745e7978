/* settle.h -- settling an option against one trial's tally (internal to
 * capsim): what each party of capsim/ledger.h is paid and spends.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_SETTLE_H
#define CAPSIM_SETTLE_H

#include <stddef.h>
#include "capsim/ledger.h"
#include "capsim/scenario.h"
#include "demand/tally.h"

/* Settle option o against the tallies of one trial: fill income and
 * spend, each [party * years + (year - 1)], parties numbered as in
 * capsim/ledger.h.  Cannot fail. */
void cap_ledger_settle(const cap_scenario *sc, size_t option,
                       const cap_tally *t, double *income, double *spend);

#endif /* CAPSIM_SETTLE_H */
