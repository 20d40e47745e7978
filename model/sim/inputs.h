/* inputs.h -- drawing a trial's uncertain inputs.
 *
 * Each trial draws every uncertain input once, from the trial's own
 * stream (CAP_STREAM_INPUTS), so the values depend on the seed and the
 * trial alone.  Draws are by inversion through a Gaussian copula:
 * independent normals z, correlated as L z with L the Cholesky factor
 * of sc->input_chol, mapped to u = Phi(L z), clamped into
 * [CAP_DIST_U_MIN, 1 - CAP_DIST_U_MIN], and x = Q(u) of each input's
 * distribution.  Without correlation L is the identity and the inputs
 * are independent.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_INPUTS_H
#define CAPSIM_INPUTS_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "capsim/scenario.h"

/* Write trial's value of each of sc's n_inputs inputs into values;
 * work holds n_inputs doubles. */
void cap_inputs_draw(const cap_scenario *sc, gsl_rng *r, uint32_t trial,
                     double *work, double *values);

/* The settings that give those values (set[n_inputs]). */
void cap_inputs_settings(const cap_scenario *sc, const double *values,
                         cap_setting *set);

#endif /* CAPSIM_INPUTS_H */
