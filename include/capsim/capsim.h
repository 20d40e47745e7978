/* capsim.h -- the whole public interface of libcapsim.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CAPSIM_H
#define CAPSIM_CAPSIM_H

#include "capsim/error.h"
#include "capsim/rng.h"
#include "capsim/scenario.h"
#include "capsim/population.h"
#include "capsim/tally.h"
#include "capsim/demand.h"
#include "capsim/aggregate.h"
#include "capsim/behaviour.h"
#include "capsim/contract.h"
#include "capsim/ledger.h"
#include "capsim/stats.h"
#include "capsim/dist.h"
#include "capsim/inputs.h"
#include "capsim/sim.h"
#include "capsim/output.h"
#include "capsim/study.h"
#include "capsim/plot.h"
#include "capsim/sha256.h"
#include "capsim/manifest.h"
#include "capsim/expect.h"
#include "capsim/report.h"

#endif /* CAPSIM_CAPSIM_H */
