/* rerun.c -- running a variant of a scenario again (see rerun.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stddef.h>
#include "study/rerun.h"

/* The rest of a rerun once variant v was built with status: run it
 * when cfg is given (cap_sim_run leaves *o NULL when it fails), then
 * hand it over in *keep or free it. */
static int
run_and_release(cap_scenario *v, int status, const cap_sim_config *cfg,
                cap_outcomes **o, cap_scenario **keep, cap_diag *diag)
{
    if (o != NULL)
        *o = NULL;
    if (status == CAP_OK && cfg != NULL)
        status = cap_sim_run(v, cfg, o, diag);
    if (keep != NULL && status == CAP_OK) {
        *keep = v;
        return CAP_OK;
    }
    if (keep != NULL)
        *keep = NULL;
    cap_scenario_free(v);
    return status;
}

int
cap_rerun_variant(const cap_scenario *base, const cap_setting *set,
                  size_t n_set, cap_plan plan, const cap_sim_config *cfg,
                  cap_outcomes **o, cap_scenario **keep, cap_diag *diag)
{
    cap_scenario *v = NULL;
    int status = cap_scenario_variant(base, set, n_set, plan, &v, diag);

    return run_and_release(v, status, cfg, o, keep, diag);
}

int
cap_rerun_counterfactual(const cap_scenario *base, size_t k,
                         cap_intervention_mode mode,
                         const cap_sim_config *cfg, cap_outcomes **o,
                         cap_diag *diag)
{
    cap_scenario *v = NULL;
    int status = cap_scenario_counterfactual(base, k, mode, &v, diag);

    return run_and_release(v, status, cfg, o, NULL, diag);
}
