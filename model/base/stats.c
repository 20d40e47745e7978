/* stats.c -- summary statistics of Monte Carlo samples, with their mcse.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <assert.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "capsim/stats.h"

const double cap_quantile_levels[CAP_N_QUANTILES] = {
    0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99
};

const char *const cap_quantile_names[CAP_N_QUANTILES] = {
    "p01", "p05", "p25", "p50", "p75", "p95", "p99"
};

/* A count computed as a product of a double and n, such as n (1 - a)
 * or f n, carries rounding error: 100 * 0.07 is 7.000000000000001, and
 * 100 * (1 - 0.9) is 9.999999999999998.  Before taking floor() or
 * ceil() of such a product, snap it to the nearest integer when it is
 * within a relative 1e-9 of one, so that "7% of 100" means 7. */
static double
snap_count(double v)
{
    double r = nearbyint(v);

    if (fabs(v - r) <= 1e-9 * fmax(1.0, fabs(v)))
        return r;
    return v;
}

/* Index in [0, n-1] nearest to the real position v (already rounded by
 * the caller); clamping in double avoids converting a negative value
 * to size_t. */
static size_t
clamp_index(double v, size_t n)
{
    if (!(v > 0.0))
        return 0;
    if (v >= (double) (n - 1))
        return n - 1;
    return (size_t) v;
}

/* Whether x[0..n) holds one value only. */
static int
constant(const double *x, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (x[i] != x[0])
            return 0;
    return 1;
}

/* Type 7 of Hyndman and Fan (1996), as R's default and GSL's
 * gsl_stats_quantile_from_sorted_data: with h = (n - 1) q,
 *   Q(q) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)),
 * 0-based.  The form a + d (b - a) returns a exactly when a == b. */
double
cap_stats_quantile_sorted(const double *sorted, size_t n, double q)
{
    double h, lo;
    size_t i;

    assert(n >= 1);
    if (n == 1 || q <= 0.0)
        return sorted[0];
    if (q >= 1.0)
        return sorted[n - 1];
    h = (double) (n - 1) * q;
    lo = floor(h);
    i = (size_t) lo;
    if (i >= n - 1)
        return sorted[n - 1];
    return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

/* The number of observations below the true q-quantile is
 * Binomial(n, q), with sd sigma = sqrt(n q (1 - q)).  The order
 * statistics at positions n q -/+ sigma (rounded outwards, 0-based,
 * clamped to the sample) bracket a ~68% interval for the quantile, so
 * half its width estimates one standard error (the distribution-free
 * interval of e.g. Hahn and Meeker 1991, sec. 5.2). */
double
cap_stats_quantile_mcse(const double *sorted, size_t n, double q)
{
    double np = (double) n * q;
    double sigma = sqrt(np * (1.0 - q));
    size_t lo, hi;

    assert(n >= 1);
    lo = clamp_index(floor(snap_count(np - sigma)), n);
    hi = clamp_index(ceil(snap_count(np + sigma)), n);
    return (sorted[hi] - sorted[lo]) / 2.0;
}

/* Expected shortfall as a loss (Acerbi and Tasche 2002), m = n (1 - a):
 *   ES = -(sum_{i < floor m} x_(i) + (m - floor m) x_(floor m)) / m,
 * 0-based; when m < 1 the worst outcome alone, ES = -x_(0).
 *
 * Its mcse is an approximation by the delta method, the variance of the
 * tail-mean estimator of Manistre and Hancock (2005, "Variance of the
 * CTE estimator", NAAJ 9(2)); see also Yamai and Yoshiba (2002):
 *   Var(ES) ~ (s_t^2 + a (ES - VaR)^2) / m,
 * where s_t^2 is the sample variance of the floor(m) (at least 1)
 * smallest values (0 for a single value), and VaR = -Q(1 - a).  The
 * first term is the noise of the tail mean; the second that of where
 * the tail starts.  When m < 1 the divisor is taken as 1: the estimate
 * rests on a single observation and no better error is available. */
cap_estimate
cap_stats_shortfall_sorted(const double *sorted, size_t n, double a)
{
    cap_estimate es;
    double m = snap_count((double) n * (1.0 - a));
    double var, tail_mean, ss, gap;
    size_t k, t;

    assert(n >= 1);
    if (m < 1.0) {
        es.value = -sorted[0];
        k = 1;
    } else {
        double sum = 0.0;

        k = (size_t) floor(m);
        if (k > n)
            k = n;
        for (size_t i = 0; i < k; i++)
            sum += sorted[i];
        if (k < n)
            sum += (m - (double) k) * sorted[k];
        es.value = -sum / m;
    }
    /* A tail of one value (the boundary one included) is that value,
     * exactly, with no noise; the sum above can be off by an ulp. */
    if (constant(sorted, k < n ? k + 1 : n)) {
        es.value = -sorted[0];
        es.mcse = 0.0;
        return es;
    }

    /* Two-pass sample variance of the t tail values. */
    t = k;
    tail_mean = 0.0;
    for (size_t i = 0; i < t; i++)
        tail_mean += sorted[i];
    tail_mean /= (double) t;
    ss = 0.0;
    for (size_t i = 0; i < t; i++)
        ss += (sorted[i] - tail_mean) * (sorted[i] - tail_mean);
    var = t > 1 ? ss / (double) (t - 1) : 0.0;

    gap = es.value + cap_stats_quantile_sorted(sorted, n, 1.0 - a);
    es.mcse = sqrt((var + a * gap * gap) / fmax(m, 1.0));
    return es;
}

/* p = #{x_i < bound} / n, with the binomial mcse sqrt(p (1 - p) / n). */
cap_estimate
cap_stats_prob_below(const double *x, size_t n, double bound)
{
    cap_estimate p;
    size_t count = 0;

    if (n == 0) {
        p.value = NAN;
        p.mcse = NAN;
        return p;
    }
    for (size_t i = 0; i < n; i++)
        if (x[i] < bound)
            count++;
    p.value = (double) count / (double) n;
    p.mcse = sqrt(p.value * (1.0 - p.value) / (double) n);
    return p;
}

/* OLS slope b = Sxy / Sxx with centred sums, and White's (1980) HC0
 * standard error: with residuals e_i = (y_i - ybar) - b (x_i - xbar),
 *   se(b)^2 = sum (x_i - xbar)^2 e_i^2 / Sxx^2.
 * Means are taken first and the sums centred (two passes), which keeps
 * the cancellation of the one-pass formula out of Sxx.  Constant x is
 * detected by comparison, not by Sxx == 0: the computed mean of equal
 * values can be off by an ulp, leaving a tiny spurious Sxx. */
cap_estimate
cap_stats_slope(const double *x, const double *y, size_t n)
{
    cap_estimate b;
    double xbar = 0.0, ybar = 0.0, sxx = 0.0, sxy = 0.0, meat = 0.0;
    double syy = 0.0, see = 0.0;
    int varies = 0, y_varies = 0;

    b.value = NAN;
    b.mcse = NAN;
    if (n < 2)
        return b;
    for (size_t i = 0; i < n; i++) {
        xbar += x[i];
        ybar += y[i];
        if (x[i] != x[0])
            varies = 1;
        if (y[i] != y[0])
            y_varies = 1;
    }
    if (!varies)
        return b;
    /* A constant y (a fixed payment) has slope exactly 0; computed, it
     * would come out as rounding noise such as 1e-28. */
    if (!y_varies) {
        b.value = 0.0;
        b.mcse = 0.0;
        return b;
    }
    xbar /= (double) n;
    ybar /= (double) n;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - xbar;

        sxx += dx * dx;
        sxy += dx * (y[i] - ybar);
    }
    if (sxx == 0.0)
        return b;
    b.value = sxy / sxx;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - xbar;
        double dy = y[i] - ybar;
        double e = dy - b.value * dx;

        meat += dx * dx * e * e;
        syy += dy * dy;
        see += e * e;
    }
    /* y an exact linear function of x (a provider that bears every
     * cost above a fixed payment) leaves residuals of rounding error
     * alone: below 1e-9 of y's spread they are taken as 0, so the
     * standard error is 0 rather than noise such as 1e-15. */
    b.mcse = see <= 1e-18 * syy ? 0.0 : sqrt(meat) / sxx;
    return b;
}

/* Reorder a[0..n) so that a[0..k) <= a[k..n), for 0 < k < n
 * (Hoare's 1961 FIND, i.e. quickselect), in expected O(n) time.  The
 * partition is three-way (Dijkstra's Dutch flag) so that runs of equal
 * values, common in claims data, cannot make it quadratic; the pivot
 * position comes from a fixed xorshift generator, so the result is
 * reproducible and no input order is systematically bad. */
static void
select_split(double *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    unsigned long long state = 0x9e3779b97f4a7c15ULL;

    while (hi - lo > 1) {
        size_t lt = lo, i = lo, gt = hi;
        double p, tmp;

        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        p = a[lo + (size_t) (state % (hi - lo))];

        /* Invariant: a[lo..lt) < p, a[lt..i) == p, a[gt..hi) > p. */
        while (i < gt) {
            if (a[i] < p) {
                tmp = a[lt];
                a[lt] = a[i];
                a[i] = tmp;
                lt++;
                i++;
            } else if (a[i] > p) {
                gt--;
                tmp = a[gt];
                a[gt] = a[i];
                a[i] = tmp;
            } else {
                i++;
            }
        }
        /* [lt, gt) holds the pivot, so every pass shrinks [lo, hi);
         * a split at lt or gt is already in place. */
        if (k < lt)
            hi = lt;
        else if (k > gt)
            lo = gt;
        else
            return;
    }
}

size_t
cap_stats_top_count(double f, size_t n)
{
    double kd = ceil(snap_count(f * (double) n));

    if (n == 0 || f <= 0.0)
        return 0;
    return kd < 1.0 ? 1 : (kd >= (double) n ? n : (size_t) kd);
}

double
cap_stats_kth_largest(double *work, size_t n, size_t k)
{
    double least;

    if (k < n)
        select_split(work, n, n - k);
    least = work[n - k];
    for (size_t i = n - k + 1; i < n; i++)
        if (work[i] < least)
            least = work[i];
    return least;
}

/* Top share (f > 0): S_k / S with k = ceil(f n), 1 <= k <= n, where
 * S_k is the sum of the k largest values and S the total; bottom share
 * (f < 0): the same with the k = floor(-f n) smallest.  S_k does not
 * depend on how ties are split, so a selection, O(n), serves in place
 * of a full sort.  f == 0 gives 0 (no values). */
double
cap_stats_concentration(const double *x, size_t n, double f,
                        double *work)
{
    double total = 0.0, part = 0.0, kd;
    size_t k;

    for (size_t i = 0; i < n; i++)
        total += x[i];
    if (f == 0.0 || n == 0)
        return 0.0;
    memcpy(work, x, n * sizeof *work);

    if (f > 0.0) {
        k = cap_stats_top_count(f, n);
        if (k < n)
            select_split(work, n, n - k);
        for (size_t i = n - k; i < n; i++)
            part += work[i];
    } else {
        kd = floor(snap_count(-f * (double) n));
        k = kd < 0.0 ? 0 : (kd >= (double) n ? n : (size_t) kd);
        if (k > 0 && k < n)
            select_split(work, n, k);
        for (size_t i = 0; i < k; i++)
            part += work[i];
    }
    return part / total;
}

/* Everything in cap_summary, from one sort of a copy of x.  Sums run in
 * array order in plain loops, so a summary is reproducible bit for bit.
 *
 * mcse of the sd by the delta method: with m4 = sum (x_i - xbar)^4 / n,
 * Var(s^2) ~ (m4 - s^4) / n (Cramer 1946, sec. 27.4), and
 * se(s) = se(s^2) / (2 s); for normal data this is s / sqrt(2 n). */
void
cap_stats_summarise(const double *x, size_t n, double *work,
                    cap_summary *s)
{
    double sum = 0.0, ss = 0.0, s4 = 0.0, mean, var, sd, var_s2;

    assert(n >= 2);
    s->n = n;

    for (size_t i = 0; i < n; i++)
        sum += x[i];
    mean = sum / (double) n;
    /* A quantity that is the same in every trial (a fixed payment) has
     * that value as its mean and a spread of exactly 0; the sum above
     * can be off by an ulp, which would show as a spurious sd and mcse
     * such as 3.49e-09. */
    if (constant(x, n))
        mean = x[0];
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - mean;
        double d2 = d * d;

        ss += d2;
        s4 += d2 * d2;
    }
    var = ss / (double) (n - 1);
    sd = sqrt(var);
    var_s2 = (s4 / (double) n - var * var) / (double) n;

    s->mean.value = mean;
    s->mean.mcse = sd / sqrt((double) n);
    s->sd.value = sd;
    /* m4 < s^4 can happen in small samples (s^2 has divisor n - 1). */
    s->sd.mcse = sd > 0.0 ? sqrt(fmax(var_s2, 0.0)) / (2.0 * sd) : 0.0;

    memcpy(work, x, n * sizeof *work);
    gsl_sort(work, 1, n);
    for (int j = 0; j < CAP_N_QUANTILES; j++) {
        double q = cap_quantile_levels[j];

        s->quantile[j].value = cap_stats_quantile_sorted(work, n, q);
        s->quantile[j].mcse = cap_stats_quantile_mcse(work, n, q);
    }

    /* VaR_a = -Q(1 - a), as a loss. */
    s->var95.value = -cap_stats_quantile_sorted(work, n, 0.05);
    s->var95.mcse = cap_stats_quantile_mcse(work, n, 0.05);
    s->var99.value = -cap_stats_quantile_sorted(work, n, 0.01);
    s->var99.mcse = cap_stats_quantile_mcse(work, n, 0.01);
    s->cvar95 = cap_stats_shortfall_sorted(work, n, 0.95);
    s->cvar99 = cap_stats_shortfall_sorted(work, n, 0.99);
    s->prob_deficit = cap_stats_prob_below(x, n, 0.0);
}
