/* capsim.h -- the public interface of libcapsim, all of it.
 *
 * A program loads a scenario (capsim/scenario.h), runs its trials
 * (capsim/sim.h), reads the outcomes by party (capsim/ledger.h) and
 * summarises them (capsim/stats.h), runs the studies of a scenario --
 * sweep points, tornado, incentives, counterfactuals (capsim/study.h) --
 * and writes a results folder, whole or not at all
 * (capsim/results.h; its tables one by one: capsim/output.h).  Link
 * with `pkg-config --cflags --libs capsim`.
 *
 * Errors: every function that can fail returns a status of
 * capsim/error.h (CAP_OK, or a CAP_E* code) and takes a cap_diag *diag
 * as its last argument, which it fills on failure with the message to
 * show.  The one exception is cap_results_open, an fopen() of the
 * results folder: NULL with errno set.  Functions that cannot fail
 * return their value; a lookup that finds nothing
 * (cap_scenario_find_tier: -1) is an answer, not a failure.
 *
 * Objects: an object is made by a function of one shape,
 * `int cap_X_alloc(..., cap_X **out, cap_diag *diag)` or a load or run
 * of the same shape (cap_scenario_load, cap_sim_run, cap_tornado_run
 * ...): it returns CAP_OK with *out the caller's, or a status with *out
 * NULL and nothing to free.  Arrays come the same way with their count
 * (cap_points_build, cap_interventions_rows).  Each is released by its
 * cap_X_free(), which accepts NULL.  cap_results_begin fills a struct
 * the caller owns (it holds no memory) and is ended by commit or
 * abort.  Arguments that choose between ways of doing a thing are named
 * enums (cap_plan, cap_header, cap_replace), and the whole horizon,
 * where a year is asked for, is CAP_HORIZON.
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
#include "capsim/compare.h"
#include "capsim/results.h"

#endif /* CAPSIM_CAPSIM_H */
