/* capsim.h -- the public interface of libcapsim, all of it.
 *
 * A program loads a scenario (capsim/scenario.h), runs its trials
 * (capsim/sim.h), reads the outcomes by party (capsim/ledger.h) and
 * summarises them (capsim/stats.h), runs the studies of a scenario --
 * sweep points, tornado, incentives, counterfactuals (capsim/study.h) --
 * and writes a results folder, whole or not at all
 * (capsim/results.h; its tables one by one: capsim/output.h).  Every function that
 * can fail returns a status of capsim/error.h.  Link with
 * `pkg-config --cflags --libs capsim`.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CAPSIM_H
#define CAPSIM_CAPSIM_H

#include "capsim/export.h"
#include "capsim/error.h"
#include "capsim/dist.h"
#include "capsim/scenario.h"
#include "capsim/stats.h"
#include "capsim/ledger.h"
#include "capsim/sim.h"
#include "capsim/output.h"
#include "capsim/study.h"
#include "capsim/results.h"

#endif /* CAPSIM_CAPSIM_H */
