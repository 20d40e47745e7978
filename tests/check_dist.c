/* check_dist.c -- unit tests for capsim/dist.h: parsing, quantiles,
 * moments, and draws by inversion.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "capsim/dist.h"
#include "testlib.h"

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

/* z such that Phi(z) = 0.9, for range(lo, hi). */
#define Z90 1.2815515655446004

/* Parse text, which must be a valid distribution. */
static cap_dist
parsed(const char *text)
{
    cap_dist d;
    cap_diag why = { "", 0, "unset" };
    int r = cap_dist_parse(text, &d, &why);

    ck_assert_msg(cap_dist_named(text), "'%s' not named", text);
    ck_assert_msg(r == CAP_OK, "'%s' gave %d: %s", text, r, why.message);
    ck_assert_str_eq(why.message, "unset");
    return d;
}

/* u on a grid over (0, 1) with the two ends inversion can reach. */
static double
grid_u(int i, int n)
{
    if (i == 0)
        return CAP_DIST_U_MIN;
    if (i == n)
        return 1.0 - CAP_DIST_U_MIN;
    return (double) i / n;
}

/* ---- parsing --------------------------------------------------------- */

START_TEST(parse_each_kind)
{
    static const struct {
        const char *text;
        cap_dist_kind kind;
        int n;
        double arg[3];
    } cases[] = {
        { "normal(0.03, 0.01)", CAP_DIST_NORMAL, 2, { 0.03, 0.01, 0 } },
        { "  lognormal( 1.2 ,1.5 )  ", CAP_DIST_LOGNORMAL, 2,
          { 1.2, 1.5, 0 } },
        { "gamma(4.5e3,1500)", CAP_DIST_GAMMA, 2, { 4500.0, 1500.0, 0 } },
        { "beta(0.3, 0.1)", CAP_DIST_BETA, 2, { 0.3, 0.1, 0 } },
        { "uniform(-1, 2.5)", CAP_DIST_UNIFORM, 2, { -1.0, 2.5, 0 } },
        { "triangular(0, 0.25, 1)", CAP_DIST_TRIANGULAR, 3,
          { 0.0, 0.25, 1.0 } },
        { "range(0.01, 0.05)", CAP_DIST_RANGE, 2, { 0.01, 0.05, 0 } },
        { "normal (-7, 2)", CAP_DIST_NORMAL, 2, { -7.0, 2.0, 0 } },
        { "\tnormal(\t+1e-3,\t.5)\n", CAP_DIST_NORMAL, 2, { 1e-3, 0.5, 0 } },
        { "triangular(0, 0, 1)", CAP_DIST_TRIANGULAR, 3, { 0, 0, 1 } },
        { "triangular(0, 1, 1)", CAP_DIST_TRIANGULAR, 3, { 0, 1, 1 } }
    };

    for (size_t i = 0; i < N_OF(cases); i++) {
        cap_dist d = parsed(cases[i].text);

        ck_assert_int_eq(d.kind, cases[i].kind);
        ck_assert_int_eq(d.n_args, cases[i].n);
        for (int j = 0; j < cases[i].n; j++)
            ck_assert_double_eq(d.arg[j], cases[i].arg[j]);
    }
}
END_TEST

/* Plain numbers and words are not named distributions: parsing one
 * fails with a reason and leaves d alone. */
START_TEST(parse_not_a_distribution)
{
    static const char *texts[] = {
        "0.03", "-2.5e6", "abc", "", "   ", "auto", "inf", "Normal(1, 2)",
        "NORMAL(1, 2)", "normalx(1, 2)", "normal", "normal 1, 2", "(1, 2)",
        "-normal(1, 2)", "range", "beta[0.3, 0.1]", "gamma_2(1, 1)",
        "1 normal(1, 2)"
    };

    for (size_t i = 0; i < N_OF(texts); i++) {
        cap_dist d = { CAP_DIST_RANGE, 77, { 1.5, 2.5, 3.5 } };
        cap_diag why = { "", 0, "" };

        ck_assert_msg(!cap_dist_named(texts[i]),
                      "'%s' taken as a distribution", texts[i]);
        ck_assert_int_eq(cap_dist_parse(texts[i], &d, &why), CAP_EINPUT);
        ck_assert_str_ne(why.message, "");
        ck_assert_int_eq(d.n_args, 77);
        ck_assert_double_eq(d.arg[0], 1.5);
    }
}
END_TEST

/* Each failure gives CAP_EINPUT, leaves d alone, and says why. */
static void
assert_fails(const char *text, const char *needle)
{
    cap_dist d = { CAP_DIST_RANGE, 77, { 1.5, 2.5, 3.5 } };
    cap_diag diag = { "x", 1, "" };
    const char *why = diag.message;
    int r = cap_dist_parse(text, &d, &diag);

    ck_assert_msg(cap_dist_named(text), "'%s' not named", text);
    ck_assert_msg(r == CAP_EINPUT, "'%s' gave %d, not CAP_EINPUT", text, r);
    ck_assert_str_eq(diag.file, "");
    ck_assert_int_eq(diag.line, 0);
    ck_assert_msg(why[0] != '\0', "'%s': no reason", text);
    ck_assert_msg(strchr(why, '\n') == NULL, "'%s': two lines", text);
    ck_assert_msg(strstr(why, needle) != NULL, "'%s': '%s' lacks '%s'",
                  text, why, needle);
    ck_assert_int_eq(d.n_args, 77);
}

START_TEST(parse_malformed)
{
    assert_fails("normal(1)", "normal takes 2 numbers (m, sd), not 1");
    assert_fails("triangular(0, 1)",
                 "triangular takes 3 numbers (lo, mode, hi), not 2");
    assert_fails("uniform(1, 2, 3)", "uniform takes 2 numbers (lo, hi), "
                 "not 3");
    assert_fails("range(1, 2, 3, 4, 5)", "not 5");
    assert_fails("normal()", "not 0");
    assert_fails("normal( )", "not 0");
    assert_fails("normal(a, 1)", "'a' is not a number");
    assert_fails("normal(1, sd)", "'sd' is not a number");
    assert_fails("beta(30%, 0.1)", "expected ',' or ')'");
    assert_fails("normal(1 2)", "expected ',' or ')'");
    assert_fails("normal(1,, 2)", "a number is missing before ','");
    assert_fails("normal(1, 2,)", "a number is missing before ')'");
    assert_fails("normal(1, 2", "missing ')'");
    assert_fails("normal(1, ", "missing ')'");
    assert_fails("normal(", "missing ')'");
    assert_fails("normal(1, 2) x", "junk after ')'");
    assert_fails("normal(1, 2))", "junk after ')'");
    assert_fails("normal(1, 2)(3)", "junk after ')'");
    /* Numbers are decimals, as documented: strtod's other forms are
     * not numbers here. */
    assert_fails("normal(1, inf)", "'inf' is not a number");
    assert_fails("normal(nan, 1)", "'nan' is not a number");
    assert_fails("normal(1, INFINITY)", "'INFINITY' is not a number");
    assert_fails("uniform(0x10, 0x20)", "'0x10' is not a number");
    assert_fails("uniform(1, 0x1p4)", "'0x1p4' is not a number");
    assert_fails("normal(1e999, 1)", "not a finite number");
    assert_fails("normal(1e-999, 1)", "not a finite number");
}
END_TEST

START_TEST(parse_invalid_parameters)
{
    assert_fails("normal(0, 0)", "normal(m, sd) needs sd > 0");
    assert_fails("normal(0.03, -0.01)", "normal(m, sd) needs sd > 0");
    assert_fails("lognormal(0, 1.5)", "needs median > 0");
    assert_fails("lognormal(-1, 1.5)", "needs median > 0");
    assert_fails("lognormal(1, 1)", "needs gsd > 1");
    assert_fails("lognormal(1, 0.5)", "needs gsd > 1");
    assert_fails("gamma(0, 1)", "gamma(mean, sd) needs mean > 0");
    assert_fails("gamma(-3, 1)", "gamma(mean, sd) needs mean > 0");
    assert_fails("gamma(3, 0)", "gamma(mean, sd) needs sd > 0");
    assert_fails("gamma(3, -1)", "gamma(mean, sd) needs sd > 0");
    assert_fails("beta(0, 0.1)", "beta(mean, sd) needs 0 < mean < 1");
    assert_fails("beta(1, 0.1)", "beta(mean, sd) needs 0 < mean < 1");
    assert_fails("beta(-0.2, 0.1)", "beta(mean, sd) needs 0 < mean < 1");
    assert_fails("beta(1.5, 0.1)", "beta(mean, sd) needs 0 < mean < 1");
    assert_fails("beta(0.3, 0)", "beta(mean, sd) needs sd > 0");
    /* sd^2 = mean (1 - mean) exactly, and beyond. */
    assert_fails("beta(0.5, 0.5)", "beta(mean, sd) needs sd^2 < mean(1 - mean)");
    assert_fails("beta(0.1, 0.31)", "needs sd^2 < mean(1 - mean)");
    assert_fails("uniform(1, 1)", "uniform(lo, hi) needs lo < hi");
    assert_fails("uniform(2, 1)", "uniform(lo, hi) needs lo < hi");
    assert_fails("triangular(0, 2, 1)", "needs lo <= mode <= hi");
    assert_fails("triangular(0, -1, 1)", "needs lo <= mode <= hi");
    assert_fails("triangular(1, 1, 1)", "triangular(lo, mode, hi) needs "
                 "lo < hi");
    assert_fails("triangular(2, 1, 0)", "needs lo < hi");
    assert_fails("range(0.05, 0.01)", "range(lo, hi) needs lo < hi");
    assert_fails("range(1, 1)", "range(lo, hi) needs lo < hi");

    /* Beyond what the quantile function can be trusted with. */
    assert_fails("gamma(1000, 3)", "sd >= mean/316");
    assert_fails("gamma(1, 101)", "sd <= 100 mean");
    assert_fails("beta(0.5, 0.0004)", "sd >= sqrt(mean(1 - mean))/1000");
    assert_fails("beta(0.5, 0.49999)", "sd too large");
    assert_fails("beta(0.00001, 0.003)", "sd too large");
    /* Valid numbers, but beyond doubles. */
    assert_fails("lognormal(1, 1e100)", "overflows");
    assert_fails("uniform(-1e308, 1e308)", "overflows");
    assert_fails("normal(1e308, 1e308)", "overflows");
}
END_TEST

/* Just inside the limits above. */
START_TEST(parse_limits_inside)
{
    parsed("gamma(1000, 3.17)");
    parsed("gamma(1, 99)");
    parsed("beta(0.5, 0.0005)");
    parsed("beta(0.5, 0.4999)");
    parsed("lognormal(1, 1e10)");
    parsed("uniform(-1e307, 1e307)");
}
END_TEST

/* diag may be NULL. */
START_TEST(parse_reason_buffer)
{
    cap_dist d;

    ck_assert_int_eq(cap_dist_parse("normal(0, 0)", &d, NULL), CAP_EINPUT);
    ck_assert_int_eq(cap_dist_parse("normal(0, 1)", &d, NULL), CAP_OK);
    ck_assert_int_eq(cap_dist_parse("0.5", &d, NULL), CAP_EINPUT);
}
END_TEST

/* ---- quantiles at known points --------------------------------------- */

START_TEST(quantile_normal)
{
    cap_dist d = parsed("normal(0.03, 0.01)");

    ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.975),
                            0.03 + 1.959964 * 0.01, 1e-6 * 0.01);
    ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.025),
                            0.03 - 1.959964 * 0.01, 1e-6 * 0.01);
    ck_assert_double_eq(cap_dist_quantile(&d, 0.5), 0.03);
    for (int i = 0; i <= 100; i++) {
        double u = grid_u(i, 100);

        ck_assert_double_eq_tol(cap_dist_quantile(&d, u),
                                0.03 + gsl_cdf_gaussian_Pinv(u, 0.01),
                                1e-15);
    }
}
END_TEST

/* range(lo, hi) puts 10% below lo and 10% above hi. */
START_TEST(quantile_range)
{
    static const double ends[][2] = {
        { 0.01, 0.05 }, { -250.0, 1750.0 }, { 3.7e6, 4.1e6 }
    };

    for (size_t i = 0; i < N_OF(ends); i++) {
        cap_dist d = { CAP_DIST_RANGE, 2, { ends[i][0], ends[i][1], 0 } };
        double w = ends[i][1] - ends[i][0];

        ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.1), ends[i][0],
                                1e-9 * w);
        ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.9), ends[i][1],
                                1e-9 * w);
        ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.5),
                                0.5 * (ends[i][0] + ends[i][1]), 1e-12 * w);
        ck_assert_double_eq_tol(cap_dist_sd(&d), w / (2.0 * Z90),
                                1e-14 * w);
        /* It is the normal law of that mean and sd. */
        ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.975),
                                cap_dist_mean(&d) + 1.959964
                                * cap_dist_sd(&d), 1e-6 * w);
    }
}
END_TEST

START_TEST(quantile_uniform)
{
    cap_dist d = parsed("uniform(-1, 3)");

    ck_assert_double_eq(cap_dist_quantile(&d, 0.25), 0.0);
    ck_assert_double_eq(cap_dist_quantile(&d, 0.5), 1.0);
    for (int i = 0; i <= 64; i++) {
        double u = grid_u(i, 64);

        ck_assert_double_eq_tol(cap_dist_quantile(&d, u), -1.0 + 4.0 * u,
                                1e-15);
    }
}
END_TEST

/* triangular(2, 3, 7): width 5, F(mode) = 1/5; F(x) = (x - 2)^2 / 5
 * below the mode and 1 - (7 - x)^2 / 20 above it. */
static double
tri_cdf(double x)
{
    return x <= 3.0 ? (x - 2.0) * (x - 2.0) / 5.0
                    : 1.0 - (7.0 - x) * (7.0 - x) / 20.0;
}

START_TEST(quantile_triangular)
{
    cap_dist d = parsed("triangular(2, 3, 7)");
    cap_dist left = parsed("triangular(0, 0, 1)");
    cap_dist right = parsed("triangular(0, 1, 1)");

    ck_assert_double_eq_tol(cap_dist_quantile(&d, tri_cdf(3.0)), 3.0,
                            1e-14);
    ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.05), 2.5, 1e-14);
    ck_assert_double_eq_tol(cap_dist_quantile(&d, 0.6), 7.0 - sqrt(8.0),
                            1e-14);
    for (int i = 0; i <= 200; i++) {
        double u = grid_u(i, 200);

        ck_assert_double_eq_tol(tri_cdf(cap_dist_quantile(&d, u)), u,
                                1e-14);
        /* Mode at an end: F(x) = 1 - (1 - x)^2 and x^2. */
        ck_assert_double_eq_tol(cap_dist_quantile(&left, u),
                                1.0 - sqrt(1.0 - u), 1e-15);
        ck_assert_double_eq_tol(cap_dist_quantile(&right, u), sqrt(u),
                                1e-15);
    }
}
END_TEST

START_TEST(quantile_lognormal)
{
    cap_dist d = parsed("lognormal(1.2, 1.5)");

    ck_assert_double_eq(cap_dist_quantile(&d, 0.5), 1.2);
    /* One sd of log X up: median x gsd. */
    ck_assert_double_eq_tol(cap_dist_quantile(&d, gsl_cdf_ugaussian_P(1.0)),
                            1.2 * 1.5, 1e-12);
    ck_assert_double_eq_tol(cap_dist_quantile(&d, gsl_cdf_ugaussian_P(-2.0)),
                            1.2 / (1.5 * 1.5), 1e-12);
    for (int i = 0; i <= 100; i++) {
        double u = grid_u(i, 100);
        double want = gsl_cdf_lognormal_Pinv(u, log(1.2), log(1.5));

        ck_assert_double_eq_tol(cap_dist_quantile(&d, u) / want, 1.0,
                                1e-13);
    }
}
END_TEST

/* Against GSL's own inverses, where those are reliable (shape 1 to
 * 100, u within [0.01, 0.99]). */
START_TEST(quantile_gamma_beta_vs_gsl)
{
    static const double us[] = { 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99 };
    static const double gam[][2] = { { 2, 2 }, { 3, 1.5 }, { 100, 10 } };
    static const double bet[][2] = { { 0.3, 0.1 }, { 0.9, 0.05 },
                                     { 0.5, 0.1 } };

    for (size_t i = 0; i < N_OF(gam); i++) {
        cap_dist d = { CAP_DIST_GAMMA, 2, { gam[i][0], gam[i][1], 0 } };
        double shape = (gam[i][0] / gam[i][1]) * (gam[i][0] / gam[i][1]);
        double scale = gam[i][1] * gam[i][1] / gam[i][0];

        for (size_t j = 0; j < N_OF(us); j++) {
            double want = gsl_cdf_gamma_Pinv(us[j], shape, scale);

            ck_assert_double_eq_tol(cap_dist_quantile(&d, us[j]) / want,
                                    1.0, 1e-9);
        }
    }
    for (size_t i = 0; i < N_OF(bet); i++) {
        cap_dist d = { CAP_DIST_BETA, 2, { bet[i][0], bet[i][1], 0 } };
        double m = bet[i][0], s = bet[i][1];
        double k = m * (1 - m) / (s * s) - 1;

        for (size_t j = 0; j < N_OF(us); j++) {
            double want = gsl_cdf_beta_Pinv(us[j], m * k, (1 - m) * k);

            ck_assert_double_eq_tol(cap_dist_quantile(&d, us[j]) / want,
                                    1.0, 1e-9);
        }
    }
}
END_TEST

/* Closed forms: gamma of shape 1 is exponential, Q(u) = -mean ln(1 - u);
 * Beta(1, 3) has Q(u) = 1 - (1 - u)^(1/3) (mean 1/4, variance 3/80). */
START_TEST(quantile_closed_forms)
{
    cap_dist ex = parsed("gamma(2, 2)");
    cap_dist b13 = { CAP_DIST_BETA, 2, { 0.25, sqrt(3.0 / 80.0), 0 } };

    for (int i = 0; i <= 100; i++) {
        double u = grid_u(i, 100);

        ck_assert_double_eq_tol(cap_dist_quantile(&ex, u)
                                / (-2.0 * log1p(-u)), 1.0, 1e-12);
        ck_assert_double_eq_tol(cap_dist_quantile(&b13, u)
                                / -expm1(log1p(-u) / 3.0), 1.0, 1e-11);
    }
}
END_TEST

/* Where GSL's inverses fail (small and large shapes, far tails), check
 * that x = Q(u) solves the CDF equation in the tail u is in, F(x) = u
 * or S(x) = 1 - u: the residual r must be below f(x) times 1e-11 x (1e-11
 * min(x, 1 - x) for the beta, plus rounding of x), allowing for the
 * accuracy e of GSL's CDF itself, e times the tail probability: about
 * 1e-13 relative, but only about 1e-11 for gamma shapes near 1e4 and
 * 1e-7 near 1e5, the largest parse() allows. */
START_TEST(quantile_solves_cdf)
{
    static const double gam[][3] = {
        { 1, 10, 1e-13 }, { 1, 2, 1e-13 }, { 2, 2, 1e-13 },
        { 3, 1.5, 1e-13 }, { 100, 10, 1e-13 }, { 1e-3, 2e-3, 1e-13 },
        { 100, 1, 1e-10 }, { 5e4, 1e3, 1e-10 }, { 316, 1, 1e-6 }
    };
    static const double bet[][3] = {
        { 0.3, 0.1, 1e-13 }, { 0.05, 0.2, 1e-13 }, { 0.5, 0.45, 1e-13 },
        { 0.9, 0.05, 1e-13 }, { 0.02, 0.1, 1e-13 },
        { 0.001, 0.0005, 1e-13 }, { 0.999, 0.0005, 1e-13 },
        { 0.12, 0.001, 1e-10 }
    };

    for (size_t i = 0; i < N_OF(gam); i++) {
        cap_dist d = { CAP_DIST_GAMMA, 2, { gam[i][0], gam[i][1], 0 } };
        double r0 = gam[i][0] / gam[i][1];
        double shape = r0 * r0, scale = gam[i][1] * (gam[i][1] / gam[i][0]);

        for (int j = 0; j <= 40; j++) {
            double u = grid_u(j, 40), x = cap_dist_quantile(&d, u), r;

            ck_assert(isfinite(x) && x >= 0.0);
            if (x < DBL_MIN) {
                /* Underflowed: the true quantile is below DBL_MIN. */
                ck_assert(gsl_cdf_gamma_P(DBL_MIN, shape, scale) >= u);
                continue;
            }
            r = u <= 0.5 ? gsl_cdf_gamma_P(x, shape, scale) - u
                         : (1.0 - u) - gsl_cdf_gamma_Q(x, shape, scale);
            ck_assert_msg(fabs(r) <= gsl_ran_gamma_pdf(x, shape, scale)
                          * (1e-11 + 2.0 * DBL_EPSILON) * x
                          + gam[i][2] * fmin(u, 1.0 - u),
                          "gamma(%g, %g) at u = %g: x = %.17g, r = %g",
                          gam[i][0], gam[i][1], u, x, r);
        }
    }
    for (size_t i = 0; i < N_OF(bet); i++) {
        cap_dist d = { CAP_DIST_BETA, 2, { bet[i][0], bet[i][1], 0 } };
        double m = bet[i][0], s = bet[i][1];
        double k = m * (1 - m) / (s * s) - 1, a = m * k, b = (1 - m) * k;

        for (int j = 0; j <= 40; j++) {
            double u = grid_u(j, 40), x = cap_dist_quantile(&d, u), r;

            ck_assert(x >= 0.0 && x <= 1.0);
            if (x < DBL_MIN) {
                ck_assert(gsl_cdf_beta_P(DBL_MIN, a, b) >= u);
                continue;
            }
            if (x == 1.0) {
                /* Above the last double below 1, to within rounding. */
                ck_assert(gsl_cdf_beta_Q(1.0 - DBL_EPSILON / 2, a, b)
                          >= (1.0 - u) * (1.0 - 1e-9));
                continue;
            }
            r = u <= 0.5 ? gsl_cdf_beta_P(x, a, b) - u
                         : (1.0 - u) - gsl_cdf_beta_Q(x, a, b);
            ck_assert_msg(fabs(r) <= gsl_ran_beta_pdf(x, a, b)
                          * (1e-11 * fmin(x, 1.0 - x) + DBL_EPSILON)
                          + bet[i][2] * fmin(u, 1.0 - u),
                          "beta(%g, %g) at u = %g: x = %.17g, r = %g",
                          m, s, u, x, r);
        }
    }
}
END_TEST

/* u is clamped into [U_MIN, 1 - U_MIN]; Q never decreases; NaN stays
 * NaN. */
START_TEST(quantile_clamped_and_monotone)
{
    static const char *texts[] = {
        "normal(0.03, 0.01)", "lognormal(1, 1.5)", "gamma(3, 1.5)",
        "gamma(1, 5)", "beta(0.3, 0.1)", "beta(0.5, 0.45)",
        "uniform(-1, 3)", "triangular(2, 3, 7)", "range(0.01, 0.05)"
    };

    for (size_t i = 0; i < N_OF(texts); i++) {
        cap_dist d = parsed(texts[i]);
        double lo = cap_dist_quantile(&d, CAP_DIST_U_MIN);
        double hi = cap_dist_quantile(&d, 1.0 - CAP_DIST_U_MIN);
        double last = -HUGE_VAL;

        ck_assert_double_eq(cap_dist_quantile(&d, 0.0), lo);
        ck_assert_double_eq(cap_dist_quantile(&d, -3.0), lo);
        ck_assert_double_eq(cap_dist_quantile(&d, CAP_DIST_U_MIN / 2), lo);
        ck_assert_double_eq(cap_dist_quantile(&d, 1.0), hi);
        ck_assert_double_eq(cap_dist_quantile(&d, 7.0), hi);
        ck_assert(isnan(cap_dist_quantile(&d, NAN)));
        for (int j = 0; j <= 2000; j++) {
            double x = cap_dist_quantile(&d, grid_u(j, 2000));

            ck_assert_msg(x >= last, "%s: Q falls at u = %g", texts[i],
                          grid_u(j, 2000));
            last = x;
        }
    }
}
END_TEST

/* ---- moments, median, support ---------------------------------------- */

START_TEST(moments_closed_forms)
{
    cap_dist ln = parsed("lognormal(2, 1.5)");
    cap_dist un = parsed("uniform(-1, 3)");
    cap_dist tr = parsed("triangular(2, 3, 7)");
    cap_dist ra = parsed("range(0.01, 0.05)");
    cap_dist no = parsed("normal(0.03, 0.01)");
    cap_dist ga = parsed("gamma(3, 1.5)");
    cap_dist be = parsed("beta(0.3, 0.1)");
    cap_dist ex = parsed("gamma(2, 2)");
    cap_dist sym = parsed("beta(0.5, 0.1)");
    double s = log(1.5), mean_ln = 2.0 * exp(s * s / 2.0);

    ck_assert_double_eq_tol(cap_dist_mean(&ln) / mean_ln, 1.0, 1e-14);
    ck_assert_double_eq_tol(cap_dist_sd(&ln)
                            / (mean_ln * sqrt(exp(s * s) - 1.0)), 1.0,
                            1e-13);
    ck_assert_double_eq(cap_dist_median(&ln), 2.0);

    ck_assert_double_eq_tol(cap_dist_mean(&un), 1.0, 1e-15);
    ck_assert_double_eq_tol(cap_dist_sd(&un), 4.0 / sqrt(12.0), 1e-15);
    ck_assert_double_eq_tol(cap_dist_median(&un), 1.0, 1e-15);

    /* (2 + 3 + 7) / 3; (4 + 9 + 49 - 6 - 14 - 21) / 18 = 21 / 18. */
    ck_assert_double_eq_tol(cap_dist_mean(&tr), 4.0, 1e-14);
    ck_assert_double_eq_tol(cap_dist_sd(&tr), sqrt(21.0 / 18.0), 1e-14);
    ck_assert_double_eq_tol(cap_dist_median(&tr), 7.0 - sqrt(10.0), 1e-14);

    ck_assert_double_eq_tol(cap_dist_mean(&ra), 0.03, 1e-16);
    ck_assert_double_eq_tol(cap_dist_sd(&ra), 0.04 / (2.0 * Z90), 1e-16);
    ck_assert_double_eq_tol(cap_dist_median(&ra), 0.03, 1e-16);

    ck_assert_double_eq(cap_dist_mean(&no), 0.03);
    ck_assert_double_eq(cap_dist_sd(&no), 0.01);
    ck_assert_double_eq(cap_dist_median(&no), 0.03);

    /* gamma and beta keep the mean and sd they were written with, and
     * their medians are GSL's (an exponential's is mean ln 2, a
     * symmetric beta's 1/2). */
    ck_assert_double_eq(cap_dist_mean(&ga), 3.0);
    ck_assert_double_eq(cap_dist_sd(&ga), 1.5);
    ck_assert_double_eq_tol(cap_dist_median(&ga),
                            gsl_cdf_gamma_Pinv(0.5, 4.0, 0.75), 1e-9);
    ck_assert_double_eq_tol(cap_dist_median(&ex), 2.0 * log(2.0), 1e-13);
    ck_assert_double_eq(cap_dist_mean(&be), 0.3);
    ck_assert_double_eq(cap_dist_sd(&be), 0.1);
    ck_assert_double_eq_tol(cap_dist_median(&be),
                            gsl_cdf_beta_Pinv(0.5, 6.0, 14.0), 1e-9);
    ck_assert_double_eq_tol(cap_dist_median(&sym), 0.5, 1e-14);
}
END_TEST

/* support() is (Q(U_MIN), Q(1 - U_MIN)) and holds every value. */
START_TEST(support_bounds)
{
    static const char *texts[] = {
        "normal(0.03, 0.01)", "lognormal(1, 1.5)", "gamma(3, 1.5)",
        "gamma(1, 5)", "beta(0.3, 0.1)", "uniform(-1, 3)",
        "triangular(2, 3, 7)", "range(0.01, 0.05)"
    };
    cap_dist no = parsed("normal(0.03, 0.01)");
    cap_dist un = parsed("uniform(-1, 3)");
    cap_dist ga = parsed("gamma(3, 1.5)");
    cap_dist be = parsed("beta(0.3, 0.1)");
    double lo, hi;

    /* Normal: finite, symmetric about m, at z = -+Phi^-1(U_MIN), about
     * 6.36 sd. */
    cap_dist_support(&no, &lo, &hi);
    ck_assert(isfinite(lo) && isfinite(hi));
    ck_assert_double_eq_tol(lo + hi, 2.0 * 0.03, 1e-15);
    ck_assert_double_eq_tol((hi - 0.03) / 0.01,
                            -gsl_cdf_ugaussian_Pinv(CAP_DIST_U_MIN), 1e-12);
    ck_assert_double_gt((hi - 0.03) / 0.01, 6.3);

    cap_dist_support(&un, &lo, &hi);
    ck_assert_double_gt(lo, -1.0);
    ck_assert_double_lt(hi, 3.0);
    ck_assert_double_lt(lo, -1.0 + 1e-9);
    ck_assert_double_gt(hi, 3.0 - 1e-9);

    cap_dist_support(&ga, &lo, &hi);
    ck_assert_double_gt(lo, 0.0);
    ck_assert(isfinite(hi) && hi > 3.0 + 6.0 * 1.5);

    cap_dist_support(&be, &lo, &hi);
    ck_assert(lo > 0.0 && hi < 1.0);

    for (size_t i = 0; i < N_OF(texts); i++) {
        cap_dist d = parsed(texts[i]);

        cap_dist_support(&d, &lo, &hi);
        ck_assert_double_eq(lo, cap_dist_quantile(&d, CAP_DIST_U_MIN));
        ck_assert_double_eq(hi, cap_dist_quantile(&d, 1 - CAP_DIST_U_MIN));
        ck_assert_double_lt(lo, hi);
        for (int j = 1; j < 1000; j++) {
            double x = cap_dist_quantile(&d, j / 1000.0);

            ck_assert(x >= lo && x <= hi);
        }
    }
}
END_TEST

/* ---- draws by inversion ---------------------------------------------- */

static const char *const sampled[] = {
    "normal(0.03, 0.01)", "lognormal(1, 1.5)", "gamma(3, 1.5)",
    "beta(0.3, 0.1)", "uniform(-1, 3)", "triangular(2, 3, 7)",
    "range(0.01, 0.05)"
};

/* N draws x = Q(u), u uniform on (0, 1).  The sample mean must be
 * within 4 standard errors sd / sqrt(N) of the mean, and the sample
 * variance within 4 of its own, sqrt((m4 - s^4) / N) with m4 the
 * sample's fourth central moment (Cramer 1946, sec. 27.4).  The loop
 * index picks the distribution. */
START_TEST(draws_match_moments)
{
    enum { N = 200000 };
    cap_dist d = parsed(sampled[_i]);
    double *x = malloc(N * sizeof *x);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double mean = 0.0, ss = 0.0, s4 = 0.0, var, se_var;
    double mu = cap_dist_mean(&d), sigma = cap_dist_sd(&d);

    ck_assert_ptr_nonnull(x);
    gsl_rng_set(r, 20240 + (unsigned long) _i);
    for (int i = 0; i < N; i++) {
        x[i] = cap_dist_quantile(&d, gsl_rng_uniform_pos(r));
        mean += x[i];
    }
    mean /= N;
    for (int i = 0; i < N; i++) {
        double dev = x[i] - mean;

        ss += dev * dev;
        s4 += dev * dev * dev * dev;
    }
    var = ss / (N - 1);
    se_var = sqrt((s4 / N - var * var) / N);
    ck_assert_msg(fabs(mean - mu) <= 4.0 * sigma / sqrt(N),
                  "%s: mean %g, expected %g +- %g", sampled[_i], mean, mu,
                  4.0 * sigma / sqrt(N));
    ck_assert_msg(fabs(var - sigma * sigma) <= 4.0 * se_var,
                  "%s: variance %g, expected %g +- %g", sampled[_i], var,
                  sigma * sigma, 4.0 * se_var);
    gsl_rng_free(r);
    free(x);
}
END_TEST

/* range(lo, hi): 10% of draws below lo and 10% above hi, each within 4
 * binomial standard errors. */
START_TEST(draws_range_tails)
{
    enum { N = 200000 };
    cap_dist d = parsed("range(0.01, 0.05)");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double se = sqrt(0.1 * 0.9 / N);
    int below = 0, above = 0;

    gsl_rng_set(r, 9001);
    for (int i = 0; i < N; i++) {
        double x = cap_dist_quantile(&d, gsl_rng_uniform_pos(r));

        below += x < 0.01;
        above += x > 0.05;
    }
    ck_assert_double_le(fabs((double) below / N - 0.1), 4.0 * se);
    ck_assert_double_le(fabs((double) above / N - 0.1), 4.0 * se);
    gsl_rng_free(r);
}
END_TEST

/* ---- format, names --------------------------------------------------- */

START_TEST(format_round_trip)
{
    static const char *texts[] = {
        "normal(0.03, 0.01)", "lognormal(1.2, 1.5)", "gamma(4500, 1500)",
        "beta(0.3, 0.1)", "uniform(-1, 2.5)", "triangular(0, 0.25, 1)",
        "range(0.01, 0.05)", "normal(-1.5e+07, 250000)"
    };
    char buf[100], again[100];

    for (size_t i = 0; i < N_OF(texts); i++) {
        cap_dist d = parsed(texts[i]), e;
        int n = cap_dist_format(&d, buf, sizeof buf);

        ck_assert_str_eq(buf, texts[i]);
        ck_assert_int_eq(n, (int) strlen(texts[i]));
        e = parsed(buf);
        ck_assert_int_eq(e.kind, d.kind);
        ck_assert_int_eq(e.n_args, d.n_args);
        for (int j = 0; j < d.n_args; j++)
            ck_assert_double_eq(e.arg[j], d.arg[j]);
        cap_dist_format(&e, again, sizeof again);
        ck_assert_str_eq(again, buf);
    }
    /* Differently spaced input comes back in the one form. */
    {
        cap_dist d = parsed(" normal (  3e-2 ,1e-2)");

        cap_dist_format(&d, buf, sizeof buf);
        ck_assert_str_eq(buf, "normal(0.03, 0.01)");
        /* Truncated like snprintf, with the full length returned. */
        ck_assert_int_eq(cap_dist_format(&d, buf, 5), 18);
        ck_assert_str_eq(buf, "norm");
    }
}
END_TEST

START_TEST(names)
{
    static const char *want[] = {
        "normal", "lognormal", "gamma", "beta", "uniform", "triangular",
        "range"
    };

    for (int k = CAP_DIST_NORMAL; k <= CAP_DIST_RANGE; k++)
        ck_assert_str_eq(cap_dist_name((cap_dist_kind) k), want[k]);
    ck_assert_str_eq(cap_dist_name((cap_dist_kind) 99), "?");
    ck_assert_str_eq(cap_dist_name((cap_dist_kind) -1), "?");
}
END_TEST

static Suite *
dist_suite(void)
{
    Suite *s = suite_create("dist");
    TCase *parse = tcase_create("parse");
    TCase *quant = tcase_create("quantile");
    TCase *mom = tcase_create("moments");
    TCase *draws = tcase_create("draws");
    TCase *fmt = tcase_create("format");

    tcase_add_test(parse, parse_each_kind);
    tcase_add_test(parse, parse_not_a_distribution);
    tcase_add_test(parse, parse_malformed);
    tcase_add_test(parse, parse_invalid_parameters);
    tcase_add_test(parse, parse_limits_inside);
    tcase_add_test(parse, parse_reason_buffer);
    suite_add_tcase(s, parse);

    tcase_add_test(quant, quantile_normal);
    tcase_add_test(quant, quantile_range);
    tcase_add_test(quant, quantile_uniform);
    tcase_add_test(quant, quantile_triangular);
    tcase_add_test(quant, quantile_lognormal);
    tcase_add_test(quant, quantile_gamma_beta_vs_gsl);
    tcase_add_test(quant, quantile_closed_forms);
    tcase_add_test(quant, quantile_solves_cdf);
    tcase_add_test(quant, quantile_clamped_and_monotone);
    suite_add_tcase(s, quant);

    tcase_add_test(mom, moments_closed_forms);
    tcase_add_test(mom, support_bounds);
    suite_add_tcase(s, mom);

    /* Generous for sanitizer builds; about 0.1 s each otherwise. */
    tcase_set_timeout(draws, 60);
    tcase_add_loop_test(draws, draws_match_moments, 0, (int) N_OF(sampled));
    tcase_add_test(draws, draws_range_tails);
    suite_add_tcase(s, draws);

    tcase_add_test(fmt, format_round_trip);
    tcase_add_test(fmt, names);
    suite_add_tcase(s, fmt);
    return s;
}

int
main(void)
{
    return test_run(dist_suite());
}
