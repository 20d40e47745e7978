/* design.c -- the numerics of study designs: Latin hypercube and Sobol
 * points in the unit cube, and the Cholesky factor of a correlation
 * matrix (design.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include "capsim/error.h"
#include "base/rng.h"
#include "base/design.h"

int
cap_design_lhs(size_t n, size_t d, uint64_t seed, double *u)
{
    size_t *perm = malloc(n * sizeof *perm);
    gsl_rng *r = cap_rng_alloc(seed);

    if (perm == NULL || r == NULL) {
        free(perm);
        if (r)
            gsl_rng_free(r);
        return CAP_ENOMEM;
    }
    cap_rng_seek(r, 0, CAP_STREAM_DESIGN, 0, 0);
    for (size_t k = 0; k < d; k++) {
        for (size_t i = 0; i < n; i++)
            perm[i] = i;
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = gsl_rng_uniform_int(r, i + 1), t = perm[i];

            perm[i] = perm[j];
            perm[j] = t;
        }
        for (size_t i = 0; i < n; i++)
            u[i * d + k] = ((double) perm[i] + gsl_rng_uniform(r))
                           / (double) n;
    }
    free(perm);
    gsl_rng_free(r);
    return CAP_OK;
}

int
cap_design_sobol(size_t n, size_t d, double *u)
{
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned) d);

    if (q == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < n; i++)
        gsl_qrng_get(q, u + i * d);
    gsl_qrng_free(q);
    return CAP_OK;
}

int
cap_design_cholesky(const double *a, size_t n, double *lower)
{
    gsl_matrix *m = gsl_matrix_alloc(n, n);
    gsl_error_handler_t *old;
    int bad;

    if (m == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            gsl_matrix_set(m, i, j, a[i * n + j]);
    /* Not positive definite is an answer here, not an error to abort
     * on: GSL's handler is off while it is found out. */
    old = gsl_set_error_handler_off();
    bad = gsl_linalg_cholesky_decomp1(m);
    gsl_set_error_handler(old);
    if (!bad)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j <= i; j++)
                lower[i * n + j] = gsl_matrix_get(m, i, j);
    gsl_matrix_free(m);
    return bad ? CAP_EINPUT : CAP_OK;
}
