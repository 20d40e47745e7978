/* rerun.h -- running a variant of a scenario again: build it, run it,
 * keep what the study needs and free the rest (internal).
 *
 * The tornado, the counterfactuals, the incentives and the points of a
 * sweep all run a scenario changed in one way; these are the one place
 * that builds such a variant and owns it until it is freed.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_RERUN_H
#define CAPSIM_RERUN_H

#include "capsim/scenario.h"
#include "capsim/sim.h"

/* The variant of base with set[0..n_set) applied (cap_scenario_variant,
 * plan as there), run with cfg into *o; cfg NULL builds it without
 * running it (o is then unused and may be NULL).  The variant is handed
 * to the caller in *keep, who frees it with cap_scenario_free(), or
 * freed here when keep is NULL.  Returns CAP_OK, or the status of the
 * build or run that failed with diag set; then *o and *keep are NULL
 * and nothing is left to free. */
int cap_rerun_variant(const cap_scenario *base, const cap_setting *set,
                      size_t n_set, cap_plan plan, const cap_sim_config *cfg,
                      cap_outcomes **o, cap_scenario **keep,
                      cap_diag *diag);

/* Base run with cfg into *o with intervention k in mode
 * (cap_scenario_counterfactual); the counterfactual scenario is freed
 * here.  Returns as cap_rerun_variant(). */
int cap_rerun_counterfactual(const cap_scenario *base, size_t k,
                             cap_intervention_mode mode,
                             const cap_sim_config *cfg, cap_outcomes **o,
                             cap_diag *diag);

#endif /* CAPSIM_RERUN_H */
