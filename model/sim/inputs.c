/* inputs.c -- drawing a trial's uncertain inputs (see inputs.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <gsl/gsl_cdf.h>
#include "sim/inputs.h"
#include "capsim/dist.h"
#include "base/rng.h"

void
cap_inputs_draw(const cap_scenario *sc, gsl_rng *r, uint32_t trial,
                double *work, double *values)
{
    size_t n = sc->n_inputs;

    cap_rng_seek(r, trial, CAP_STREAM_INPUTS, 0, 0);
    for (size_t i = 0; i < n; i++)
        work[i] = gsl_cdf_ugaussian_Pinv(gsl_rng_uniform_pos(r));
    for (size_t i = 0; i < n; i++) {
        double z = work[i], u;

        if (sc->input_chol != NULL) {
            z = 0.0;
            for (size_t j = 0; j <= i; j++)
                z += sc->input_chol[i * n + j] * work[j];
        }
        u = gsl_cdf_ugaussian_P(z);
        if (u < CAP_DIST_U_MIN)
            u = CAP_DIST_U_MIN;
        if (u > 1.0 - CAP_DIST_U_MIN)
            u = 1.0 - CAP_DIST_U_MIN;
        values[i] = cap_dist_quantile(&sc->inputs[i].dist, u);
    }
}

void
cap_inputs_settings(const cap_scenario *sc, const double *values,
                    cap_setting *set)
{
    for (size_t i = 0; i < sc->n_inputs; i++)
        set[i] = (cap_setting) { sc->inputs[i].section, sc->inputs[i].key,
                                 values[i], 0 };
}
