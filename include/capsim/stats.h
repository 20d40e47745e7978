/* stats.h -- summary statistics of Monte Carlo samples, with errors.
 *
 * Every estimate comes with its Monte Carlo standard error (mcse), so
 * a reader can tell a real difference from noise.  Definitions:
 *
 * - quantile q of a sample: linear interpolation between order
 *   statistics at h = (n - 1) q (Hyndman and Fan's type 7, as
 *   gsl_stats_quantile_from_sorted_data);
 * - value at risk at level a of a net position X, as a loss:
 *   VaR_a = -quantile(X, 1 - a);
 * - expected shortfall (CVaR) at level a, as a loss: minus the mean of
 *   the worst fraction 1 - a of outcomes, counting the boundary order
 *   statistic fractionally (Acerbi and Tasche 2002):
 *   ES_a = -(sum_{i<=floor(m)} x_(i) + (m - floor(m)) x_(floor(m)+1)) / m,
 *   m = n (1 - a).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_STATS_H
#define CAPSIM_STATS_H

#include <stddef.h>
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    double value;
    double mcse;              /* NAN where none applies */
} cap_estimate;

/* Quantile levels reported, and their names ("p01" ...). */
#define CAP_N_QUANTILES 7
CAP_EXPORT extern const double cap_quantile_levels[CAP_N_QUANTILES];
CAP_EXPORT extern const char *const cap_quantile_names[CAP_N_QUANTILES];

typedef struct {
    size_t n;
    cap_estimate mean;
    cap_estimate sd;
    cap_estimate quantile[CAP_N_QUANTILES];
    cap_estimate var95, cvar95, var99, cvar99;
    cap_estimate prob_deficit;   /* P(x < 0) */
} cap_summary;

/* Summarise x[0..n) (n >= 2); work holds n doubles of scratch and is
 * left sorted.  x is not changed. */
CAP_EXPORT
void cap_stats_summarise(const double *x, size_t n, double *work,
                         cap_summary *s);

/* Quantile q in [0,1] of sorted[0..n), type 7. */
CAP_EXPORT
double cap_stats_quantile_sorted(const double *sorted, size_t n, double q);

/* Mcse of that quantile, from the order statistics bracketing a 68%
 * binomial interval around n q (half its width). */
CAP_EXPORT
double cap_stats_quantile_mcse(const double *sorted, size_t n, double q);

/* Expected shortfall at level a of sorted[0..n) as a loss (see top),
 * with its mcse.  When m = n (1 - a) < 1 the worst value alone is the
 * estimate, and its mcse divides by max(m, 1) so that it stays
 * finite. */
CAP_EXPORT
cap_estimate cap_stats_shortfall_sorted(const double *sorted, size_t n,
                                        double a);

/* Proportion of x[0..n) below bound, with binomial mcse. */
CAP_EXPORT
cap_estimate cap_stats_prob_below(const double *x, size_t n, double bound);

/* Slope b of the least-squares line y = a + b x, with a
 * heteroscedasticity-consistent (HC0) standard error.  NAN when x has
 * no variance. */
CAP_EXPORT
cap_estimate cap_stats_slope(const double *x, const double *y, size_t n);

/* Share of the total held by the top fraction f of values (f > 0):
 * the ceil(f n) largest, at least one; or, for f < 0, by the
 * floor(-f n) smallest.  0 for f == 0.  Counts within a relative 1e-9
 * of a whole number are taken as that number, so "top 7%" of 100 values
 * is 7 of them despite rounding in 0.07 x 100.  work holds n doubles
 * (an O(n) selection reorders it).  x must be >= 0 with a positive
 * sum. */
CAP_EXPORT
double cap_stats_concentration(const double *x, size_t n, double f,
                               double *work);

/* How many values make up the top fraction f of n: ceil(f n) with the
 * same snapping as above, at least 1 (for f > 0, n > 0) and at most n;
 * 0 for f <= 0 or n == 0. */
CAP_EXPORT
size_t cap_stats_top_count(double f, size_t n);

/* The k-th largest of work[0..n) (1 <= k <= n), by an O(n) selection
 * that reorders work. */
CAP_EXPORT
double cap_stats_kth_largest(double *work, size_t n, size_t k);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_STATS_H */
