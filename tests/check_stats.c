/* check_stats.c -- unit tests for capsim/stats.h, worked by hand.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "capsim/stats.h"
#include "testlib.h"

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

/* Six claims margins; sorted they are
 * 18.09, 91.62, 256.84, 412.37, 527.93, 733.51, so n - 1 = 5. */
static const double six[] = {
    412.37, 18.09, 733.51, 256.84, 91.62, 527.93
};

/* Thirty net positions: the three worst are -412.37, -318.06 and
 * -201.44; the rest lie above them. */
static const double thirty[] = {
    -187.23, 344.81, -318.06, 17.82, 139.02, -61.08, 251.97, 92.18,
    -12.60, 389.52, 48.06, -412.37, 170.45, -98.47, 219.60, 4.19,
    301.05, 63.71, -33.75, 121.37, -201.44, 276.38, 156.88, -152.91,
    29.33, 204.73, 77.95, 183.29, 238.14, 108.64
};

/* x[i] = -(i + 1): the net values -1, -2, ..., -100, sorted ascending
 * as -100, ..., -1. */
static void
fill_minus_1_to_100(double *sorted)
{
    for (int i = 0; i < 100; i++)
        sorted[i] = -100.0 + i;
}

/* Sum of the k largest (top) or smallest (!top) by a full sort. */
static double
share_by_sort(const double *x, size_t n, size_t k, int top)
{
    double *s = malloc(n * sizeof *s);
    double total = 0.0, part = 0.0;

    ck_assert_ptr_nonnull(s);
    memcpy(s, x, n * sizeof *s);
    gsl_sort(s, 1, n);
    for (size_t i = 0; i < n; i++)
        total += s[i];
    for (size_t i = 0; i < k; i++)
        part += top ? s[n - 1 - i] : s[i];
    free(s);
    return part / total;
}

/* ---- quantiles ------------------------------------------------------ */

/* Type 7 by hand, h = 5 q:
 *   q = 0.05: h = 0.25, 18.09 + 0.25 (91.62 - 18.09) = 36.4725
 *   q = 0.30: h = 1.5,  (91.62 + 256.84) / 2 = 174.23
 *   q = 0.50: h = 2.5,  (256.84 + 412.37) / 2 = 334.605
 *   q = 0.90: h = 4.5,  (527.93 + 733.51) / 2 = 630.72
 *   q = 0.99: h = 4.95, 527.93 + 0.95 (733.51 - 527.93) = 723.231 */
START_TEST(quantile_type7_by_hand)
{
    double s[6];

    memcpy(s, six, sizeof s);
    gsl_sort(s, 1, 6);
    ck_assert_double_eq_tol(cap_stats_quantile_sorted(s, 6, 0.05),
                            36.4725, 1e-10);
    ck_assert_double_eq_tol(cap_stats_quantile_sorted(s, 6, 0.30),
                            174.23, 1e-10);
    ck_assert_double_eq_tol(cap_stats_quantile_sorted(s, 6, 0.50),
                            334.605, 1e-10);
    ck_assert_double_eq_tol(cap_stats_quantile_sorted(s, 6, 0.90),
                            630.72, 1e-10);
    ck_assert_double_eq_tol(cap_stats_quantile_sorted(s, 6, 0.99),
                            723.231, 1e-10);
    ck_assert_double_eq(cap_stats_quantile_sorted(s, 6, 0.0), 18.09);
    ck_assert_double_eq(cap_stats_quantile_sorted(s, 6, 1.0), 733.51);
    /* h = 1 falls on an order statistic exactly. */
    ck_assert_double_eq(cap_stats_quantile_sorted(s, 6, 0.2), 91.62);
}
END_TEST

START_TEST(quantile_agrees_with_gsl)
{
    double s[30];

    memcpy(s, thirty, sizeof s);
    gsl_sort(s, 1, 30);
    for (int j = 0; j <= 200; j++) {
        double q = j / 200.0;

        ck_assert_double_eq_tol(cap_stats_quantile_sorted(s, 30, q),
            gsl_stats_quantile_from_sorted_data(s, 1, 30, q), 1e-9);
    }
    for (int j = 0; j < CAP_N_QUANTILES; j++) {
        double q = cap_quantile_levels[j];

        ck_assert_double_eq_tol(cap_stats_quantile_sorted(s, 30, q),
            gsl_stats_quantile_from_sorted_data(s, 1, 30, q), 1e-9);
    }
}
END_TEST

START_TEST(quantile_single_value)
{
    const double one = -412.37;

    ck_assert_double_eq(cap_stats_quantile_sorted(&one, 1, 0.0), one);
    ck_assert_double_eq(cap_stats_quantile_sorted(&one, 1, 0.37), one);
    ck_assert_double_eq(cap_stats_quantile_sorted(&one, 1, 1.0), one);
}
END_TEST

START_TEST(quantile_levels_and_names)
{
    static const char *names[] = {
        "p01", "p05", "p25", "p50", "p75", "p95", "p99"
    };
    static const double levels[] = {
        0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99
    };

    for (int j = 0; j < CAP_N_QUANTILES; j++) {
        ck_assert_double_eq(cap_quantile_levels[j], levels[j]);
        ck_assert_str_eq(cap_quantile_names[j], names[j]);
    }
}
END_TEST

/* Sorted -100..-1 (x_(i) = i - 100, 0-based):
 *   q = 0.50: n q = 50, sigma = 5, indices 45 and 55: (10) / 2 = 5;
 *   q = 0.05: n q = 5, sigma = 2.1794, indices floor 2.82 = 2 and
 *             ceil 7.18 = 8: (8 - 2) / 2 = 3;
 *   q = 0.01: n q = 1, sigma = 0.99499, indices 0 and 2: 1. */
START_TEST(quantile_mcse_by_hand)
{
    double s[100];

    fill_minus_1_to_100(s);
    ck_assert_double_eq_tol(cap_stats_quantile_mcse(s, 100, 0.50), 5.0,
                            1e-12);
    ck_assert_double_eq_tol(cap_stats_quantile_mcse(s, 100, 0.05), 3.0,
                            1e-12);
    ck_assert_double_eq_tol(cap_stats_quantile_mcse(s, 100, 0.01), 1.0,
                            1e-12);
}
END_TEST

/* n = 6, q = 0.05: n q = 0.3, sigma = 0.53385; n q - sigma < 0 clamps
 * to index 0, ceil(0.834) = 1: (91.62 - 18.09) / 2 = 36.765.  q = 1:
 * sigma = 0, index 6 clamps to 5: 0. */
START_TEST(quantile_mcse_clamps)
{
    double s[6];

    memcpy(s, six, sizeof s);
    gsl_sort(s, 1, 6);
    ck_assert_double_eq_tol(cap_stats_quantile_mcse(s, 6, 0.05), 36.765,
                            1e-10);
    ck_assert_double_eq(cap_stats_quantile_mcse(s, 6, 1.0), 0.0);
    ck_assert_double_eq(cap_stats_quantile_mcse(s, 6, 0.0), 0.0);
}
END_TEST

/* ---- VaR and expected shortfall ------------------------------------ */

/* Net values -1..-100, a = 0.95: m = 5, ES = (100+99+98+97+96)/5 = 98;
 * VaR = -Q(0.05), h = 4.95: -(-96 + 0.95) = 95.05.  The tail -100..-96
 * has variance 2.5, so mcse = sqrt((2.5 + 0.95 * 2.95^2) / 5).
 * a = 0.99: m = 1, ES = 100; VaR = -(-100 + 0.99) = 99.01;
 * mcse = sqrt(0.99 * 0.99^2 / 1). */
START_TEST(shortfall_1_to_100)
{
    double s[100];
    cap_estimate es;

    fill_minus_1_to_100(s);
    es = cap_stats_shortfall_sorted(s, 100, 0.95);
    ck_assert_double_eq_tol(es.value, 98.0, 1e-10);
    ck_assert_double_eq_tol(es.mcse, sqrt((2.5 + 0.95 * 2.95 * 2.95) / 5),
                            1e-10);
    ck_assert_double_eq_tol(-cap_stats_quantile_sorted(s, 100, 0.05),
                            95.05, 1e-10);

    es = cap_stats_shortfall_sorted(s, 100, 0.99);
    ck_assert_double_eq_tol(es.value, 100.0, 1e-10);
    ck_assert_double_eq_tol(es.mcse, 0.99 * sqrt(0.99), 1e-10);

    /* a = 0.9: m = 10 although 100 (1 - 0.9) = 9.999999999999998;
     * ES = (100 + ... + 91) / 10 = 95.5. */
    es = cap_stats_shortfall_sorted(s, 100, 0.9);
    ck_assert_double_eq_tol(es.value, 95.5, 1e-10);
}
END_TEST

/* n = 30, a = 0.95: m = 1.5, so the worst value counts fully and the
 * second worst half:
 *   ES = (412.37 + 0.5 * 318.06) / 1.5 = 571.40 / 1.5 = 380.9333...
 * VaR = -Q(0.05), h = 1.45: -(-318.06 + 0.45 * 116.62) = 265.581.
 * The tail is one value (s_t^2 = 0): mcse = sqrt(0.95 gap^2 / 1.5),
 * gap = 380.9333... - 265.581. */
START_TEST(shortfall_fractional_m)
{
    double s[30];
    cap_estimate es;
    double gap = 571.40 / 1.5 - 265.581;

    memcpy(s, thirty, sizeof s);
    gsl_sort(s, 1, 30);
    ck_assert_double_eq_tol(-cap_stats_quantile_sorted(s, 30, 0.05),
                            265.581, 1e-10);
    es = cap_stats_shortfall_sorted(s, 30, 0.95);
    ck_assert_double_eq_tol(es.value, 571.40 / 1.5, 1e-10);
    ck_assert_double_eq_tol(es.mcse, sqrt(0.95 * gap * gap / 1.5), 1e-9);

    /* a = 0.9: m = 3, ES = (412.37 + 318.06 + 201.44) / 3. */
    es = cap_stats_shortfall_sorted(s, 30, 0.9);
    ck_assert_double_eq_tol(es.value, 931.87 / 3.0, 1e-10);
}
END_TEST

/* m = 30 (1 - 0.99) = 0.3 < 1: the worst outcome alone. */
START_TEST(shortfall_m_below_one)
{
    double s[30];
    cap_estimate es;

    memcpy(s, thirty, sizeof s);
    gsl_sort(s, 1, 30);
    es = cap_stats_shortfall_sorted(s, 30, 0.99);
    ck_assert_double_eq(es.value, 412.37);
    ck_assert(isfinite(es.mcse));
    ck_assert_double_ge(es.mcse, 0.0);
}
END_TEST

/* a = 0: the whole sample, ES = -mean = -(2040.36 / 6) = -340.06. */
START_TEST(shortfall_whole_sample)
{
    double s[6];
    cap_estimate es;

    memcpy(s, six, sizeof s);
    gsl_sort(s, 1, 6);
    es = cap_stats_shortfall_sorted(s, 6, 0.0);
    ck_assert_double_eq_tol(es.value, -340.06, 1e-10);
}
END_TEST

/* ---- probability below a bound ------------------------------------- */

/* Below 0: -18.09, -733.51, -0.01 (0.0 itself is not below): 3 / 7.
 * Below 100: those and 0.0 and 91.62: 5 / 7. */
START_TEST(prob_below_by_hand)
{
    static const double x[] = {
        412.37, -18.09, 0.0, -733.51, 256.84, -0.01, 91.62
    };
    cap_estimate p = cap_stats_prob_below(x, 7, 0.0);

    ck_assert_double_eq_tol(p.value, 3.0 / 7.0, 1e-15);
    ck_assert_double_eq_tol(p.mcse, sqrt(3.0 / 7 * 4.0 / 7 / 7), 1e-15);
    p = cap_stats_prob_below(x, 7, 100.0);
    ck_assert_double_eq_tol(p.value, 5.0 / 7.0, 1e-15);
    p = cap_stats_prob_below(x, 7, -1000.0);
    ck_assert_double_eq(p.value, 0.0);
    ck_assert_double_eq(p.mcse, 0.0);
}
END_TEST

/* ---- slope ----------------------------------------------------------- */

START_TEST(slope_exact_line)
{
    static const double x[] = { 1.73, 4.19, 9.02, 12.66, 15.31, -3.48 };
    double y[6], ny[6];
    cap_estimate b;

    for (int i = 0; i < 6; i++) {
        y[i] = 2.385 * x[i] - 7.0;
        ny[i] = -x[i];
    }
    b = cap_stats_slope(x, y, 6);
    ck_assert_double_eq_tol(b.value, 2.385, 1e-12);
    ck_assert_double_lt(b.mcse, 1e-12);
    b = cap_stats_slope(x, ny, 6);
    ck_assert_double_eq_tol(b.value, -1.0, 1e-12);
    ck_assert_double_lt(b.mcse, 1e-12);
}
END_TEST

/* x = 1..4, y = 2.1, 3.9, 6.3, 7.7: xbar = 2.5, ybar = 5, Sxx = 5,
 * Sxy = 1.5*2.9 + 0.5*1.1 + 0.5*1.3 + 1.5*2.7 = 9.6, b = 1.92;
 * e = -0.02, -0.14, 0.34, -0.18;
 * sum dx^2 e^2 = 2.25*0.0004 + 0.25*0.0196 + 0.25*0.1156
 *              + 2.25*0.0324 = 0.1076, se^2 = 0.1076 / 25 = 0.004304. */
START_TEST(slope_hc0_by_hand)
{
    static const double x[] = { 1.0, 2.0, 3.0, 4.0 };
    static const double y[] = { 2.1, 3.9, 6.3, 7.7 };
    cap_estimate b = cap_stats_slope(x, y, 4);

    ck_assert_double_eq_tol(b.value, 1.92, 1e-12);
    ck_assert_double_eq_tol(b.mcse, sqrt(0.004304), 1e-12);
}
END_TEST

START_TEST(slope_constant_x_is_nan)
{
    static const double x[] = { 412.37, 412.37, 412.37 };
    static const double y[] = { 1.5, -2.25, 7.0 };
    cap_estimate b = cap_stats_slope(x, y, 3);

    ck_assert(isnan(b.value));
    ck_assert(isnan(b.mcse));
    b = cap_stats_slope(x, y, 1);
    ck_assert(isnan(b.value));
}
END_TEST

/* A constant response -- a fixed payment -- has slope exactly 0 with no
 * error, not rounding noise: 0.1 x 7 does not sum back to 7 x 0.1. */
START_TEST(slope_constant_y_is_zero)
{
    double x[7], y[7];
    cap_estimate b;

    for (int i = 0; i < 7; i++) {
        x[i] = 7.91e8 + 2.385e6 * i * i;
        y[i] = -4.12e8 + 0.1;
    }
    b = cap_stats_slope(x, y, 7);
    ck_assert(b.value == 0.0 && !signbit(b.value));
    ck_assert(b.mcse == 0.0);
}
END_TEST

/* Centred sums keep the slope right far from the origin, where the
 * one-pass Sxx = sum x^2 - n xbar^2 loses every digit. */
START_TEST(slope_far_from_origin)
{
    double x[50], y[50];
    cap_estimate b;

    for (int i = 0; i < 50; i++) {
        x[i] = 1.0e8 + 0.37 * i;
        y[i] = -0.614 * (x[i] - 1.0e8) + 3.2;
    }
    b = cap_stats_slope(x, y, 50);
    ck_assert_double_eq_tol(b.value, -0.614, 1e-6);
}
END_TEST

/* ---- summary --------------------------------------------------------- */

/* Mean 2040.36 / 6 = 340.06; squared deviations sum to 367639.4584,
 * so s^2 = 73527.89168.  All positive, so no deficit. */
START_TEST(summarise_by_hand)
{
    double work[6];
    cap_summary s;

    cap_stats_summarise(six, 6, work, &s);
    ck_assert_uint_eq(s.n, 6);
    ck_assert_double_eq_tol(s.mean.value, 340.06, 1e-10);
    ck_assert_double_eq_tol(s.sd.value * s.sd.value, 73527.89168, 1e-7);
    ck_assert_double_eq_tol(s.mean.mcse, s.sd.value / sqrt(6.0), 1e-12);
    ck_assert_double_eq_tol(s.quantile[3].value, 334.605, 1e-10);
    ck_assert_double_eq(s.prob_deficit.value, 0.0);
    /* x untouched, work sorted. */
    ck_assert_double_eq(six[0], 412.37);
    for (int i = 1; i < 6; i++)
        ck_assert_double_le(work[i - 1], work[i]);
}
END_TEST

/* A constant sample (a fixed payment) is exactly its value, with no
 * spread: 0.1 a thousand times sums to 100.0000000000014, which once
 * gave a mean off by an ulp and an sd and mcse of rounding noise. */
START_TEST(summarise_constant_is_exact)
{
    enum { N = 1000 };
    double x[N], work[N];
    cap_summary s;

    for (int i = 0; i < N; i++)
        x[i] = 0.1;
    cap_stats_summarise(x, N, work, &s);
    ck_assert(s.mean.value == 0.1);
    ck_assert(s.mean.mcse == 0.0);
    ck_assert(s.sd.value == 0.0);
    ck_assert(s.sd.mcse == 0.0);
    ck_assert(s.cvar95.value == -0.1 && s.cvar95.mcse == 0.0);
    ck_assert(s.cvar99.value == -0.1 && s.cvar99.mcse == 0.0);
    for (int j = 0; j < CAP_N_QUANTILES; j++)
        ck_assert(s.quantile[j].value == 0.1 && s.quantile[j].mcse == 0.0);
}
END_TEST

/* A loss that is the cost less a fixed sum moves one for one with the
 * cost: a slope of 1 whose standard error is 0, not rounding noise. */
START_TEST(slope_pass_through_has_zero_se)
{
    enum { N = 500 };
    double x[N], y[N];
    cap_estimate b;

    for (int i = 0; i < N; i++) {
        x[i] = 2.3e7 + 1e5 * sin(0.37 * i) + 0.1 * i;
        y[i] = x[i] - 2.1e7;
    }
    b = cap_stats_slope(x, y, N);
    ck_assert_double_eq_tol(b.value, 1.0, 1e-12);
    ck_assert(b.mcse == 0.0);
}
END_TEST

/* Net values -1..-100 (given unsorted): VaR and ES as worked above. */
START_TEST(summarise_risk_measures)
{
    double x[100], work[100];
    cap_summary s;

    for (int i = 0; i < 100; i++)
        x[i] = -(double) ((i * 37) % 100 + 1);
    cap_stats_summarise(x, 100, work, &s);
    ck_assert_double_eq_tol(s.var95.value, 95.05, 1e-10);
    ck_assert_double_eq_tol(s.var95.mcse, 3.0, 1e-12);
    ck_assert_double_eq_tol(s.var99.value, 99.01, 1e-10);
    ck_assert_double_eq_tol(s.var99.mcse, 1.0, 1e-12);
    ck_assert_double_eq_tol(s.cvar95.value, 98.0, 1e-10);
    ck_assert_double_eq_tol(s.cvar99.value, 100.0, 1e-10);
    ck_assert_double_eq_tol(s.var95.value, -s.quantile[1].value, 1e-12);
    ck_assert_double_eq_tol(s.var99.value, -s.quantile[0].value, 1e-12);
    ck_assert_double_eq_tol(s.quantile[3].value, -50.5, 1e-10);
    ck_assert_double_eq_tol(s.quantile[3].mcse, 5.0, 1e-12);
    ck_assert_double_eq(s.prob_deficit.value, 1.0);
    ck_assert_double_eq(s.prob_deficit.mcse, 0.0);
    ck_assert_double_eq_tol(s.mean.value, -50.5, 1e-10);
}
END_TEST

/* 20,000 draws of N(3.7, 2.1^2): estimates within 4 mcse of the
 * truth, and the mcse of the mean within 5% of 2.1 / sqrt(20000). */
START_TEST(summarise_normal_sample)
{
    enum { N = 20000 };
    const double mu = 3.7, sigma = 2.1;
    double *x = malloc(N * sizeof *x);
    double *work = malloc(N * sizeof *work);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double z05 = gsl_cdf_ugaussian_Pinv(0.05);
    cap_summary s;

    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(work);
    gsl_rng_set(r, 41237);
    for (int i = 0; i < N; i++)
        x[i] = mu + gsl_ran_gaussian(r, sigma);
    cap_stats_summarise(x, N, work, &s);

    ck_assert_double_le(fabs(s.mean.value - mu), 4 * s.mean.mcse);
    ck_assert_double_le(fabs(s.sd.value - sigma), 4 * s.sd.mcse);
    ck_assert_double_le(fabs(s.quantile[3].value - mu),
                        4 * s.quantile[3].mcse);
    ck_assert_double_eq_tol(s.mean.mcse / (sigma / sqrt(N)), 1.0, 0.05);
    /* Normal theory: se(s) = sigma / sqrt(2 n); se(median) =
     * sigma sqrt(pi / (2 n)). */
    ck_assert_double_eq_tol(s.sd.mcse / (sigma / sqrt(2.0 * N)), 1.0,
                            0.10);
    ck_assert_double_eq_tol(s.quantile[3].mcse
                            / (sigma * sqrt(M_PI / (2.0 * N))), 1.0, 0.25);

    /* VaR95 = -(mu + z05 sigma); ES95 = -(mu - sigma phi(z05) / 0.05);
     * P(X < 0) = Phi(-mu / sigma). */
    ck_assert_double_le(fabs(s.var95.value + (mu + z05 * sigma)),
                        4 * s.var95.mcse);
    ck_assert_double_le(fabs(s.cvar95.value
                             + (mu - sigma * gsl_ran_ugaussian_pdf(z05)
                                / 0.05)),
                        4 * s.cvar95.mcse);
    ck_assert_double_le(fabs(s.prob_deficit.value
                             - gsl_cdf_ugaussian_P(-mu / sigma)),
                        4 * s.prob_deficit.mcse);

    /* The quantiles are GSL's, from the sorted copy. */
    for (int j = 0; j < CAP_N_QUANTILES; j++)
        ck_assert_double_eq_tol(s.quantile[j].value,
            gsl_stats_quantile_from_sorted_data(work, 1, N,
                                                cap_quantile_levels[j]),
            1e-12);
    gsl_rng_free(r);
    free(work);
    free(x);
}
END_TEST

/* Calibration: over 200 replicate samples of 2000 gamma(1.7, 412.37)
 * margins, the spread of each estimate matches its average mcse to
 * within 20% (with 200 replicates an sd is itself known to ~5%). */
START_TEST(summarise_mcse_calibrated)
{
    enum { R = 200, N = 2000, K = 4 };
    double *x = malloc(N * sizeof *x);
    double *work = malloc(N * sizeof *work);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double est[K][R], mcse[K] = { 0.0 };
    cap_summary s;

    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(work);
    gsl_rng_set(r, 73);
    for (int rep = 0; rep < R; rep++) {
        for (int i = 0; i < N; i++)
            x[i] = 700.0 - gsl_ran_gamma(r, 1.7, 412.37);
        cap_stats_summarise(x, N, work, &s);
        est[0][rep] = s.mean.value;
        est[1][rep] = s.sd.value;
        est[2][rep] = s.quantile[3].value;
        est[3][rep] = s.cvar95.value;
        mcse[0] += s.mean.mcse / R;
        mcse[1] += s.sd.mcse / R;
        mcse[2] += s.quantile[3].mcse / R;
        mcse[3] += s.cvar95.mcse / R;
    }
    for (int k = 0; k < K; k++)
        ck_assert_msg(fabs(gsl_stats_sd(est[k], 1, R) / mcse[k] - 1.0)
                      < 0.20, "estimate %d: spread %g, mcse %g", k,
                      gsl_stats_sd(est[k], 1, R), mcse[k]);
    gsl_rng_free(r);
    free(work);
    free(x);
}
END_TEST

/* ---- concentration --------------------------------------------------- */

/* 1..10, total 55: top 10% = {10}; top 25% = ceil 2.5 = 3 values,
 * 10+9+8 = 27; bottom 50% = 1+...+5 = 15; bottom 5% = floor 0.5 = none;
 * top 1% = at least one value. */
START_TEST(concentration_1_to_10)
{
    double x[10], work[10];

    for (int i = 0; i < 10; i++)
        x[i] = (double) ((i * 3) % 10 + 1);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 10, 0.1, work),
                            10.0 / 55, 1e-15);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 10, 0.25, work),
                            27.0 / 55, 1e-15);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 10, -0.5, work),
                            15.0 / 55, 1e-15);
    ck_assert_double_eq(cap_stats_concentration(x, 10, -0.05, work), 0.0);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 10, 0.01, work),
                            10.0 / 55, 1e-15);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 10, 1.0, work),
                            1.0, 1e-15);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 10, -1.0, work),
                            1.0, 1e-15);
}
END_TEST

/* Total 2104.54.  Top 25% of 8 = 2 values: 733.51 + 527.93 = 1261.44;
 * bottom 50% = 4 values: 0 + 18.09 + 64.18 + 91.62 = 173.89. */
START_TEST(concentration_by_hand)
{
    static const double x[] = {
        412.37, 18.09, 733.51, 256.84, 91.62, 527.93, 0.0, 64.18
    };
    double work[8];

    ck_assert_double_eq_tol(cap_stats_concentration(x, 8, 0.25, work),
                            1261.44 / 2104.54, 1e-14);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 8, -0.5, work),
                            173.89 / 2104.54, 1e-14);
}
END_TEST

/* Ties: {5.5, 2.25, 5.5, 5.5, 2.25}, total 21: the 2 largest are 11,
 * the 2 smallest 4.5, whichever equal values are picked. */
START_TEST(concentration_ties)
{
    static const double x[] = { 5.5, 2.25, 5.5, 5.5, 2.25 };
    double work[5];

    ck_assert_double_eq_tol(cap_stats_concentration(x, 5, 0.4, work),
                            11.0 / 21, 1e-15);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 5, -0.4, work),
                            4.5 / 21, 1e-15);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 5, -0.6, work),
                            10.0 / 21, 1e-15);
}
END_TEST

/* 100 * 0.07 = 7.000000000000001 in doubles, but the top 7% of 100
 * values is 7 of them: 94 + ... + 100 = 679 of 5050.  Likewise
 * 100 * 0.29 = 28.999999999999996, yet the bottom 29% is 1..29 = 435. */
START_TEST(concentration_rounding)
{
    double x[100], work[100];

    for (int i = 0; i < 100; i++)
        x[i] = (double) (100 - i);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 100, 0.07, work),
                            679.0 / 5050, 1e-15);
    ck_assert_double_eq_tol(cap_stats_concentration(x, 100, -0.29, work),
                            435.0 / 5050, 1e-15);
}
END_TEST

/* Property: selection agrees with a full sort on 1,000 gamma values;
 * the loop index is the seed. */
START_TEST(concentration_matches_sort)
{
    enum { N = 1000 };
    static const double fs[] = { 0.01, 0.05, 0.2, -0.5, 0.5, -0.013 };
    double x[N], work[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

    gsl_rng_set(r, (unsigned long) _i + 1);
    for (int i = 0; i < N; i++)
        x[i] = gsl_ran_gamma(r, 0.6, 412.37);
    for (size_t j = 0; j < N_OF(fs); j++) {
        double f = fs[j];
        size_t k = f > 0 ? (size_t) ceil(f * N - 1e-9)
                         : (size_t) floor(-f * N + 1e-9);
        double want = share_by_sort(x, N, k, f > 0);

        ck_assert_double_eq_tol(cap_stats_concentration(x, N, f, work),
                                want, 1e-12);
    }
    gsl_rng_free(r);
}
END_TEST

/* 600,000 values with only seven distinct ones (many ties), in
 * ascending order: the top 1% is 6,000 copies of 6 * 1.37. */
START_TEST(concentration_large_ties)
{
    enum { N = 600000 };
    double *x = malloc(N * sizeof *x);
    double *work = malloc(N * sizeof *work);
    double total = 0.0;

    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(work);
    for (int i = 0; i < N; i++) {
        x[i] = 1.37 * (double) ((7 * i) / N);
        total += x[i];
    }
    ck_assert_double_eq_tol(cap_stats_concentration(x, N, 0.01, work),
                            6000 * (6 * 1.37) / total, 1e-12);
    ck_assert_double_eq_tol(cap_stats_concentration(x, N, -0.2, work),
                            share_by_sort(x, N, N / 5, 0), 1e-12);
    free(work);
    free(x);
}
END_TEST

static Suite *
stats_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *quant = tcase_create("quantiles");
    TCase *risk = tcase_create("risk");
    TCase *slope = tcase_create("slope");
    TCase *summ = tcase_create("summary");
    TCase *conc = tcase_create("concentration");

    tcase_add_test(quant, quantile_type7_by_hand);
    tcase_add_test(quant, quantile_agrees_with_gsl);
    tcase_add_test(quant, quantile_single_value);
    tcase_add_test(quant, quantile_levels_and_names);
    tcase_add_test(quant, quantile_mcse_by_hand);
    tcase_add_test(quant, quantile_mcse_clamps);
    suite_add_tcase(s, quant);

    tcase_add_test(risk, shortfall_1_to_100);
    tcase_add_test(risk, shortfall_fractional_m);
    tcase_add_test(risk, shortfall_m_below_one);
    tcase_add_test(risk, shortfall_whole_sample);
    tcase_add_test(risk, prob_below_by_hand);
    suite_add_tcase(s, risk);

    tcase_add_test(slope, slope_exact_line);
    tcase_add_test(slope, slope_hc0_by_hand);
    tcase_add_test(slope, slope_constant_x_is_nan);
    tcase_add_test(slope, slope_constant_y_is_zero);
    tcase_add_test(slope, slope_far_from_origin);
    tcase_add_test(slope, slope_pass_through_has_zero_se);
    suite_add_tcase(s, slope);

    tcase_add_test(summ, summarise_by_hand);
    tcase_add_test(summ, summarise_constant_is_exact);
    tcase_add_test(summ, summarise_risk_measures);
    tcase_add_test(summ, summarise_normal_sample);
    tcase_add_test(summ, summarise_mcse_calibrated);
    suite_add_tcase(s, summ);

    tcase_add_test(conc, concentration_1_to_10);
    tcase_add_test(conc, concentration_by_hand);
    tcase_add_test(conc, concentration_ties);
    tcase_add_test(conc, concentration_rounding);
    tcase_add_loop_test(conc, concentration_matches_sort, 0, 8);
    tcase_add_test(conc, concentration_large_ties);
    suite_add_tcase(s, conc);
    return s;
}

int
main(void)
{
    return test_run(stats_suite());
}
