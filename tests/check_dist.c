/* check_dist.c -- distributions of uncertain inputs: parsing, known
 * quantiles, and draws by inversion that match their parameters within
 * Monte Carlo error. */
#include <config.h>
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include "testlib.h"

#define N_DRAWS 200000

static cap_dist
parse_ok(const char *text)
{
    cap_dist d;
    char why[200] = "";

    ck_assert_msg(cap_dist_parse(text, &d, why, sizeof why) == 0,
                  "%s: %s", text, why);
    return d;
}

static void
parse_bad(const char *text, const char *needle)
{
    cap_dist d;
    char why[200] = "";

    ck_assert_msg(cap_dist_parse(text, &d, why, sizeof why) == -1,
                  "%s was accepted", text);
    ck_assert_msg(strstr(why, needle) != NULL, "%s: '%s' lacks '%s'",
                  text, why, needle);
}

START_TEST(parses_each_form)
{
    cap_dist d = parse_ok("normal(0.03, 0.01)");

    ck_assert_int_eq(d.kind, CAP_DIST_NORMAL);
    ck_assert_double_eq(d.arg[1], 0.01);
    ck_assert_int_eq(parse_ok(" lognormal(1600,1.08) ").kind,
                     CAP_DIST_LOGNORMAL);
    ck_assert_int_eq(parse_ok("gamma(5e-2, 0.02)").kind, CAP_DIST_GAMMA);
    ck_assert_int_eq(parse_ok("beta(0.3, 0.1)").kind, CAP_DIST_BETA);
    ck_assert_int_eq(parse_ok("uniform(-1, 2)").kind, CAP_DIST_UNIFORM);
    d = parse_ok("triangular(1, 2, 5)");
    ck_assert_int_eq(d.kind, CAP_DIST_TRIANGULAR);
    ck_assert_int_eq(d.n_args, 3);
    ck_assert_int_eq(parse_ok("range(0.01, 0.05)").kind, CAP_DIST_RANGE);
}
END_TEST

START_TEST(plain_values_are_not_distributions)
{
    cap_dist d;
    char why[100];

    ck_assert_int_eq(cap_dist_parse("0.03", &d, why, sizeof why), 1);
    ck_assert_int_eq(cap_dist_parse("auto", &d, why, sizeof why), 1);
    ck_assert_int_eq(cap_dist_parse("0.02:0, inf:1", &d, why, sizeof why),
                     1);
}
END_TEST

START_TEST(bad_forms_say_why)
{
    parse_bad("normal(0.03, 0)", "sd");
    parse_bad("normal(0.03)", "2");
    parse_bad("normal(0.03, x)", "");
    parse_bad("normal(0.03, 0.01", "");
    parse_bad("normal(0.03, 0.01) x", "");
    parse_bad("lognormal(0, 1.1)", "median");
    parse_bad("lognormal(5, 1)", "gsd");
    parse_bad("gamma(-1, 1)", "mean");
    parse_bad("beta(0.5, 0.6)", "sd");
    parse_bad("beta(1.5, 0.1)", "mean");
    parse_bad("uniform(2, 1)", "lo");
    parse_bad("triangular(1, 6, 5)", "mode");
    parse_bad("triangular(1, 5)", "3");
    parse_bad("range(3, 3)", "lo");
}
END_TEST

/* Known points of each quantile function. */
START_TEST(quantiles_at_known_points)
{
    cap_dist n = parse_ok("normal(10, 2)"), r = parse_ok("range(0.01, 0.05)");
    cap_dist u = parse_ok("uniform(2, 6)"), t = parse_ok("triangular(0, 1, 4)");
    cap_dist l = parse_ok("lognormal(1600, 1.08)");
    cap_dist g = parse_ok("gamma(0.05, 0.02)"), b = parse_ok("beta(0.3, 0.1)");
    double k = 0.3 * 0.7 / 0.01 - 1;

    ck_assert_double_eq_tol(cap_dist_quantile(&n, 0.975), 10 + 2 * 1.959964,
                            1e-5);
    ck_assert_double_eq_tol(cap_dist_quantile(&r, 0.1), 0.01, 1e-12);
    ck_assert_double_eq_tol(cap_dist_quantile(&r, 0.9), 0.05, 1e-12);
    ck_assert_double_eq_tol(cap_dist_quantile(&u, 0.25), 3, 1e-12);
    /* F(mode) = (mode - lo) / (hi - lo) = 1/4. */
    ck_assert_double_eq_tol(cap_dist_quantile(&t, 0.25), 1, 1e-12);
    ck_assert_double_eq_tol(cap_dist_quantile(&l, 0.5), 1600, 1e-9);
    ck_assert_double_eq_tol(cap_dist_quantile(&g, 0.7),
                            gsl_cdf_gamma_Pinv(0.7, 6.25, 0.008), 1e-9);
    ck_assert_double_eq_tol(cap_dist_quantile(&b, 0.2),
                            gsl_cdf_beta_Pinv(0.2, 0.3 * k, 0.7 * k), 1e-9);
}
END_TEST

/* Draws by inversion have the distribution's mean and variance, within
 * 4 Monte Carlo standard errors (the variance's from the sample's
 * fourth central moment). */
static void
check_draws(const char *text)
{
    cap_dist d = parse_ok(text);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *x = malloc(N_DRAWS * sizeof *x);
    double mean, var, m4 = 0.0, want_sd = cap_dist_sd(&d);

    ck_assert_ptr_nonnull(x);
    gsl_rng_set(r, 20261123);
    for (size_t i = 0; i < N_DRAWS; i++)
        x[i] = cap_dist_quantile(&d, gsl_rng_uniform_pos(r));
    test_moments(x, N_DRAWS, &mean, &var);
    for (size_t i = 0; i < N_DRAWS; i++)
        m4 += pow(x[i] - mean, 4) / N_DRAWS;
    ck_assert_msg(fabs(mean - cap_dist_mean(&d))
                  < 4 * sqrt(var / N_DRAWS), "%s: mean %g, want %g", text,
                  mean, cap_dist_mean(&d));
    ck_assert_msg(fabs(var - want_sd * want_sd)
                  < 4 * sqrt((m4 - var * var) / N_DRAWS),
                  "%s: variance %g, want %g", text, var, want_sd * want_sd);
    free(x);
    gsl_rng_free(r);
}

START_TEST(draws_match_their_parameters)
{
    static const char *const forms[] = {
        "normal(0.03, 0.01)", "lognormal(1600, 1.08)", "gamma(0.05, 0.02)",
        "beta(0.3, 0.1)", "uniform(-1, 2)", "triangular(1, 2, 5)",
        "range(0.01, 0.05)"
    };

    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        check_draws(forms[i]);
}
END_TEST

/* The analytic moments against closed forms. */
START_TEST(moments_in_closed_form)
{
    cap_dist l = parse_ok("lognormal(1600, 1.08)");
    cap_dist r = parse_ok("range(0.01, 0.05)");
    cap_dist t = parse_ok("triangular(1, 2, 6)");
    double s = log(1.08);

    ck_assert_double_eq_tol(cap_dist_mean(&l), 1600 * exp(s * s / 2), 1e-9);
    ck_assert_double_eq_tol(cap_dist_median(&r), 0.03, 1e-15);
    ck_assert_double_eq_tol(cap_dist_sd(&r),
                            0.02 / gsl_cdf_ugaussian_Pinv(0.9), 1e-15);
    ck_assert_double_eq_tol(cap_dist_mean(&t), 3, 1e-12);
}
END_TEST

/* The reachable values: finite, inside a bounded law's support. */
START_TEST(support_is_what_inversion_reaches)
{
    cap_dist n = parse_ok("normal(5, 1)"), u = parse_ok("uniform(2, 3)");
    cap_dist g = parse_ok("gamma(1, 3)");
    double lo, hi;

    cap_dist_support(&n, &lo, &hi);
    ck_assert(isfinite(lo) && isfinite(hi));
    ck_assert_double_eq_tol(5 - lo, hi - 5, 1e-9);
    ck_assert_double_eq(lo, cap_dist_quantile(&n, CAP_DIST_U_MIN));
    cap_dist_support(&u, &lo, &hi);
    ck_assert(lo >= 2 && hi <= 3);
    cap_dist_support(&g, &lo, &hi);
    ck_assert(lo > 0 && isfinite(hi));
}
END_TEST

/* Writing a distribution back gives text that parses to the same. */
START_TEST(format_round_trips)
{
    cap_dist d = parse_ok("triangular(1, 2.5, 7)"), e;
    char text[100], why[100];

    cap_dist_format(&d, text, sizeof text);
    ck_assert_int_eq(cap_dist_parse(text, &e, why, sizeof why), 0);
    ck_assert_int_eq(e.kind, d.kind);
    ck_assert_mem_eq(e.arg, d.arg, sizeof d.arg);
}
END_TEST

static Suite *
dist_suite(void)
{
    Suite *s = suite_create("dist");
    TCase *t = tcase_create("core");

    tcase_add_test(t, parses_each_form);
    tcase_add_test(t, plain_values_are_not_distributions);
    tcase_add_test(t, bad_forms_say_why);
    tcase_add_test(t, quantiles_at_known_points);
    tcase_add_test(t, draws_match_their_parameters);
    tcase_add_test(t, moments_in_closed_form);
    tcase_add_test(t, support_is_what_inversion_reaches);
    tcase_add_test(t, format_round_trips);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    return test_run(dist_suite());
}
