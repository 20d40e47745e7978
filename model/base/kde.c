/* kde.c -- kernel density estimates of a sample: a Gaussian kernel
 * with Silverman's rule-of-thumb bandwidth (kde.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "capsim/stats.h"
#include "base/kde.h"

double
cap_kde_silverman(const double *x, size_t n, double *sorted)
{
    cap_summary s;
    double iqr, spread;

    cap_stats_summarise(x, n, sorted, &s);
    iqr = (s.quantile[4].value - s.quantile[2].value) / 1.34;
    spread = iqr > 0.0 && iqr < s.sd.value ? iqr : s.sd.value;
    return 0.9 * spread * pow((double) n, -0.2);
}

void
cap_kde_gaussian(const double *x, size_t n, double h, const double *grid,
                 size_t m, double *dens)
{
    for (size_t k = 0; k < m; k++) {
        double sum = 0.0;

        for (size_t i = 0; i < n; i++) {
            double z = (grid[k] - x[i]) / h;

            if (fabs(z) < 8.0)
                sum += exp(-0.5 * z * z);
        }
        dens[k] = sum / ((double) n * h * sqrt(2.0 * M_PI));
    }
}

double
cap_kde_estimate(const double *x, size_t n, double *sorted,
                 const double *grid, size_t m, double min_width,
                 double *dens)
{
    double h = cap_kde_silverman(x, n, sorted);

    /* No spread (or a NaN from it): a spike that still shows. */
    if (!(h > min_width))
        h = min_width;
    cap_kde_gaussian(sorted, n, h, grid, m, dens);
    return h;
}
