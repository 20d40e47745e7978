/* design.h -- the numerics of study designs (internal to capsim):
 * points that fill the unit cube for a sweep, and the Cholesky factor
 * that correlates uncertain inputs.
 *
 * They live in base/ because the scenario loader needs them: a sweep's
 * points are part of a loaded scenario, and a [correlation] section
 * that cannot hold together is refused when the file is read.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_DESIGN_H
#define CAPSIM_DESIGN_H

#include <stddef.h>
#include <stdint.h>

/* n points of a Latin hypercube in [0,1)^d into u[n d] (coordinate k
 * of point i at u[i d + k]): in each dimension the points fall one in
 * each of n equal strata, in an order shuffled independently per
 * dimension, from the design stream of seed (base/rng.h).  Returns
 * CAP_OK, or CAP_ENOMEM with u unfinished. */
int cap_design_lhs(size_t n, size_t d, uint64_t seed, double *u);

/* The first n points of the d-dimensional Sobol sequence (1 <= d <=
 * 40) into u[n d], laid out as for cap_design_lhs.  Returns CAP_OK, or
 * CAP_ENOMEM. */
int cap_design_sobol(size_t n, size_t d, double *u);

/* The lower Cholesky factor L (a = L L^T) of the symmetric n x n
 * matrix a (row-major; only its lower triangle is read) into the lower
 * triangle of lower[n n], whose upper triangle is left as it was.
 * Returns CAP_OK, CAP_EINPUT when a is not positive definite (lower
 * unchanged), or CAP_ENOMEM. */
int cap_design_cholesky(const double *a, size_t n, double *lower);

#endif /* CAPSIM_DESIGN_H */
