/* check_kde.c -- the kernel density estimate: closed forms (one point
 * gives the kernel, two points the average of two kernels), Silverman's
 * bandwidth, scale invariance, a sample with no spread, and a large
 * normal sample against the density it estimates.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "base/kde.h"

/* The normal density with mean mu and sd s at x. */
static double
normal_pdf(double x, double mu, double s)
{
    double z = (x - mu) / s;

    return exp(-0.5 * z * z) / (s * sqrt(2.0 * M_PI));
}

/* m points evenly from lo to hi. */
static void
fill_grid(double *g, size_t m, double lo, double hi)
{
    for (size_t k = 0; k < m; k++)
        g[k] = lo + (hi - lo) * (double) k / (double) (m - 1);
}

/* The trapezoid rule over an even grid. */
static double
integral(const double *g, const double *f, size_t m)
{
    double sum = 0.0;

    for (size_t k = 1; k < m; k++)
        sum += 0.5 * (f[k] + f[k - 1]) * (g[k] - g[k - 1]);
    return sum;
}

START_TEST(one_point_gives_the_kernel)
{
    double x = 2.5, h = 0.4, g[41], d[41];

    fill_grid(g, 41, 0.5, 4.5);
    cap_kde_gaussian(&x, 1, h, g, 41, d);
    for (size_t k = 0; k < 41; k++)
        ck_assert_double_eq_tol(d[k], normal_pdf(g[k], x, h), 1e-15);
}
END_TEST

START_TEST(two_points_give_the_average_of_two_kernels)
{
    double x[2] = { -1.0, 0.75 }, h = 0.6, g[61], d[61];

    fill_grid(g, 61, -3.0, 3.0);
    cap_kde_gaussian(x, 2, h, g, 61, d);
    for (size_t k = 0; k < 61; k++)
        ck_assert_double_eq_tol(d[k], 0.5 * normal_pdf(g[k], x[0], h)
                                + 0.5 * normal_pdf(g[k], x[1], h), 1e-15);
}
END_TEST

START_TEST(points_far_away_are_left_out)
{
    /* Beyond 8 bandwidths a point adds nothing, not a denormal tail. */
    double x = 0.0, g[2] = { 8.5, -9.0 }, d[2];

    cap_kde_gaussian(&x, 1, 1.0, g, 2, d);
    ck_assert_double_eq(d[0], 0.0);
    ck_assert_double_eq(d[1], 0.0);
}
END_TEST

START_TEST(silverman_bandwidth_by_hand)
{
    /* 1..5: sd = sqrt(2.5), IQR = 4 - 2 = 2 (type-7 quantiles), so
     * IQR/1.34 = 1.4925 < sd = 1.5811 and h = 0.9 (2/1.34) 5^(-1/5). */
    double x[5] = { 3, 1, 5, 2, 4 }, sorted[5];
    double h = cap_kde_silverman(x, 5, sorted);

    ck_assert_double_eq_tol(h, 0.9 * (2.0 / 1.34) * pow(5.0, -0.2), 1e-12);
    for (int i = 0; i < 5; i++)
        ck_assert_double_eq(sorted[i], i + 1.0);
    ck_assert_double_eq(x[0], 3.0);   /* the input is left alone */
    /* Most values equal: IQR 0, so the sd gives the width. */
    {
        double y[6] = { 0, 0, 0, 0, 0, 6 }, s[6], sd = sqrt(6.0);

        ck_assert_double_eq_tol(cap_kde_silverman(y, 6, s),
                                0.9 * sd * pow(6.0, -0.2), 1e-12);
    }
}
END_TEST

START_TEST(no_spread_gives_a_spike_of_the_least_width)
{
    /* A fixed payment: every value the same.  The estimate is the
     * kernel of width min_width at that value, as the charts draw it. */
    double x[50], sorted[50], g[81], d[81], h;

    for (int i = 0; i < 50; i++)
        x[i] = 1e6;
    fill_grid(g, 81, 1e6 - 400.0, 1e6 + 400.0);
    h = cap_kde_estimate(x, 50, sorted, g, 81, 100.0, d);
    ck_assert_double_eq(h, 100.0);
    for (size_t k = 0; k < 81; k++)
        ck_assert_double_eq_tol(d[k], normal_pdf(g[k], 1e6, 100.0),
                                1e-15);
    ck_assert_double_eq_tol(integral(g, d, 81), 1.0, 1e-3);
}
END_TEST

START_TEST(least_width_only_when_narrower)
{
    double x[5] = { 1, 2, 3, 4, 5 }, sorted[5], g[1] = { 3.0 }, d[1];
    double silverman = cap_kde_silverman(x, 5, sorted);

    ck_assert_double_eq(cap_kde_estimate(x, 5, sorted, g, 1, 1e-3, d),
                        silverman);
    ck_assert_double_eq(cap_kde_estimate(x, 5, sorted, g, 1, 10.0, d),
                        10.0);
}
END_TEST

START_TEST(scaling_the_sample_scales_the_density)
{
    /* For y = a x + b the estimate is f_y(a t + b) = f_x(t) / a: the
     * bandwidth scales with the data, so the shape is the same. */
    enum { N = 500, M = 50 };
    const double a = 2.5e5, b = -3e6;
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    double *s = malloc(N * sizeof *s);
    double g[M], gy[M], dx[M], dy[M], hx, hy;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

    ck_assert(x && y && s && r);
    gsl_rng_set(r, 7);
    for (int i = 0; i < N; i++) {
        x[i] = gsl_ran_gamma(r, 2.0, 1.0);
        y[i] = a * x[i] + b;
    }
    fill_grid(g, M, -1.0, 10.0);
    for (int k = 0; k < M; k++)
        gy[k] = a * g[k] + b;
    hx = cap_kde_estimate(x, N, s, g, M, 1e-9, dx);
    hy = cap_kde_estimate(y, N, s, gy, M, 1e-9 * a, dy);
    ck_assert_double_eq_tol(hy / a, hx, 1e-9 * hx);
    for (int k = 0; k < M; k++)
        ck_assert_double_eq_tol(dy[k] * a, dx[k], 1e-9 + 1e-7 * dx[k]);
    gsl_rng_free(r);
    free(x);
    free(y);
    free(s);
}
END_TEST

START_TEST(normal_sample_estimates_the_normal_density)
{
    /* With n draws of N(0,1) and a Gaussian kernel of width h, the
     * estimate at t has mean exactly the N(0, 1 + h^2) density (the
     * kernel smooths the normal into a wider one: the bias), and
     * variance about f(t) R(K) / (n h) with R(K) = 1 / (2 sqrt(pi)).
     * So it is checked against the smoothed density within 5 standard
     * deviations, and against N(0,1) itself within that plus the bias
     * h^2/2 |f''(t)|. */
    enum { N = 100000, M = 241 };
    double *x = malloc(N * sizeof *x), *s = malloc(N * sizeof *s);
    double g[M], d[M], h;
    static const double at[] = { -2.0, -1.0, 0.0, 0.5, 1.5 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

    ck_assert(x && s && r);
    gsl_rng_set(r, 20260);
    for (int i = 0; i < N; i++)
        x[i] = gsl_ran_gaussian(r, 1.0);
    fill_grid(g, M, -6.0, 6.0);
    h = cap_kde_estimate(x, N, s, g, M, 1e-6, d);
    /* Silverman's width for a normal sample: about 0.9 n^(-1/5). */
    ck_assert_double_eq_tol(h, 0.9 * pow((double) N, -0.2), 0.01);
    ck_assert_double_eq_tol(integral(g, d, M), 1.0, 1e-3);
    for (size_t j = 0; j < sizeof at / sizeof at[0]; j++) {
        double t = at[j], est;
        double f = normal_pdf(t, 0.0, 1.0);
        double smooth = normal_pdf(t, 0.0, sqrt(1.0 + h * h));
        double sd = sqrt(f / (2.0 * sqrt(M_PI)) / ((double) N * h));
        double bias = 0.5 * h * h * fabs(t * t - 1.0) * f;

        cap_kde_gaussian(s, N, h, &t, 1, &est);
        ck_assert_double_eq_tol(est, smooth, 5.0 * sd);
        ck_assert_double_eq_tol(est, f, 5.0 * sd + 1.1 * bias);
    }
    gsl_rng_free(r);
    free(x);
    free(s);
}
END_TEST

static Suite *
kde_suite(void)
{
    Suite *s = suite_create("kde");
    TCase *exact = tcase_create("closed forms");
    TCase *width = tcase_create("bandwidth");
    TCase *sample = tcase_create("samples");

    tcase_add_test(exact, one_point_gives_the_kernel);
    tcase_add_test(exact, two_points_give_the_average_of_two_kernels);
    tcase_add_test(exact, points_far_away_are_left_out);
    suite_add_tcase(s, exact);
    tcase_add_test(width, silverman_bandwidth_by_hand);
    tcase_add_test(width, no_spread_gives_a_spike_of_the_least_width);
    tcase_add_test(width, least_width_only_when_narrower);
    suite_add_tcase(s, width);
    tcase_add_test(sample, scaling_the_sample_scales_the_density);
    tcase_add_test(sample, normal_sample_estimates_the_normal_density);
    tcase_set_timeout(sample, 60);
    suite_add_tcase(s, sample);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(kde_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
