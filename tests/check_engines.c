/* check_engines.c -- the aggregate engine against the individual one.
 *
 * Both draw from the same law (docs/model.md, section 14), so on every
 * shipped scenario the aggregate engine can price, every summary mean
 * -- each option's and party's income, spend and net in each year and
 * over the horizon -- agrees within z* combined Monte Carlo standard
 * errors, and every sd within z* combined standard errors of an sd.
 * A scenario makes K such comparisons (a few hundred), so z* is Sidak's
 * threshold for K two-sided tests at a family-wise false-alarm rate of
 * 1 in 1,000 per scenario: each test is run at 1 - (1 - 0.001)^(1/K),
 * about 4.6 standard errors for K = 300 (a fixed 4 would raise a false
 * alarm on one change of streams in ten).  The comparisons are
 * correlated (a year and the horizon share trials), which makes Sidak's
 * threshold conservative, never lax.
 * The two runs share only their system multipliers and scores, so the
 * errors are combined as if independent (a bound: the shared
 * multipliers make the two means closer, not further apart).
 * Also: which engine a scenario gets, and the errors when it cannot
 * have the one it asks for.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include "testlib.h"

/* The shipped scenarios the aggregate engine prices (the others rank
 * people: case-management.ini), with the county left to the benchmark
 * (tests/bench), which runs it at full size. */
static const char *const shipped[] = {
    "quickstart.ini", "aco.ini", "pooled_budget.ini",
    "system_risk_share.ini", "uncertain-growth.ini", "sweep-capitation.ini"
};

/* Trials for a scenario: about 15 million person-years of the
 * individual engine, 100 to 400. */
static long
trials_for(const cap_scenario *sc)
{
    double n = 1.5e7 / (cap_scenario_persons(sc) * sc->years);
    return n < 100 ? 100 : n > 400 ? 400 : (long) n;
}

/* The sd of a sample's sd, by the delta method: Var(s^2) ~ (m4 - s^4)
 * / n, so se(s) ~ sqrt((m4 - s^4) / n) / (2 s). */
static double
se_of_sd(const double *x, size_t n, double mean, double sd)
{
    double m4 = 0.0;

    for (size_t i = 0; i < n; i++)
        m4 += pow(x[i] - mean, 4);
    m4 /= (double) n;
    return sd > 0.0 ? sqrt(fmax(m4 - pow(sd, 4), 0.0) / n) / (2.0 * sd)
                    : 0.0;
}

/* The family-wise false-alarm rate of one scenario's comparisons. */
#define FAMILY_ALPHA 0.001

/* Sidak's two-sided threshold for k tests at family-wise rate alpha:
 * each test at 1 - (1 - alpha)^(1/k), computed without cancellation. */
static double
sidak_z(double alpha, size_t k)
{
    double each = -expm1(log1p(-alpha) / (double) k);

    return gsl_cdf_ugaussian_Qinv(each / 2.0);
}

/* Compare quantity q of (option, party, year) between the runs, each of
 * mean and sd within z_max; returns the larger of the two z-scores, and
 * 0 for a quantity both engines make certain (which must then be
 * equal). */
static double
compare(const char *name, const cap_outcomes *a, const cap_outcomes *b,
        size_t opt, size_t party, int year, cap_quantity q, double z_max,
        double *x, double *y)
{
    size_t na = a->trials, nb = b->trials;
    double ma, mb, sa, sb, z_mean, z_sd, se_sd;

    cap_outcomes_gather(a, opt, party, year, q, x);
    cap_outcomes_gather(b, opt, party, year, q, y);
    ma = gsl_stats_mean(x, 1, na);
    mb = gsl_stats_mean(y, 1, nb);
    sa = gsl_stats_sd_m(x, 1, na, ma);
    sb = gsl_stats_sd_m(y, 1, nb, mb);
    if (sa == 0.0 && sb == 0.0) {
        ck_assert_msg(fabs(ma - mb) <= 1e-9 * fabs(ma), "%s: option %zu "
                      "party %zu year %d: certain %.17g and %.17g differ",
                      name, opt, party, year, ma, mb);
        return 0.0;
    }
    z_mean = fabs(ma - mb) / sqrt(sa * sa / na + sb * sb / nb);
    se_sd = hypot(se_of_sd(x, na, ma, sa), se_of_sd(y, nb, mb, sb));
    z_sd = se_sd > 0.0 ? fabs(sa - sb) / se_sd : 0.0;
    ck_assert_msg(z_mean < z_max && z_sd < z_max, "%s: option %zu party "
                  "%zu year %d quantity %d: means %g and %g (z %.2f), sds "
                  "%g and %g (z %.2f), threshold %.2f", name, opt, party,
                  year, (int) q, ma, mb, z_mean, sa, sb, z_sd, z_max);
    return fmax(z_mean, z_sd);
}

START_TEST(engines_agree_on_shipped_scenarios)
{
    const char *name = shipped[_i];
    cap_scenario *sc = test_shipped_scenario(name);
    long n = trials_for(sc);
    /* Four times as many aggregate trials: they are cheap, and the
     * individual engine's error then dominates the comparison. */
    cap_outcomes *ind = test_sim_run_on(sc, 0, n, CAP_ENGINE_INDIVIDUAL);
    cap_outcomes *agg = test_sim_run_on(sc, 0, 4 * n, CAP_ENGINE_AGGREGATE);
    double *x = malloc((size_t) (4 * n) * sizeof *x);
    double *y = malloc((size_t) (4 * n) * sizeof *y);
    /* Each quantity is compared twice: its mean and its sd. */
    size_t quantities = ind->options * ind->parties
                        * (size_t) (ind->years + 1)
                        * (size_t) (CAP_NET - CAP_INCOME + 1);
    double z_max = sidak_z(FAMILY_ALPHA, 2 * quantities);
    double worst = 0.0;
    size_t compared = 0;

    ck_assert_int_eq(cap_engine_resolve(sc, CAP_ENGINE_DEFAULT),
                     CAP_ENGINE_AGGREGATE);
    for (size_t opt = 0; opt < ind->options; opt++)
        for (size_t p = 0; p < ind->parties; p++)
            for (int year = 0; year <= ind->years; year++)
                for (int q = CAP_INCOME; q <= CAP_NET; q++) {
                    worst = fmax(worst, compare(name, ind, agg, opt, p, year,
                                                (cap_quantity) q, z_max, x,
                                                y));
                    compared++;
                }
    ck_assert_uint_eq(compared, quantities);
    printf("%s: %ld and %ld trials, %zu quantities, largest z %.2f "
           "(threshold %.2f)\n", name, n, 4 * n, compared, worst, z_max);
    free(x);
    free(y);
    cap_outcomes_free(ind);
    cap_outcomes_free(agg);
    cap_scenario_free(sc);
}
END_TEST

/* auto picks the aggregate engine unless the scenario ranks people;
 * asking for it then is an error, located at the key or named by the
 * run. */
START_TEST(engine_choice_and_its_errors)
{
#define BODY                                                            \
    "[population]\npersons = 100\n"                                     \
    "[service.visit]\nprovider = p\nrate = 1\nunit_cost = 10\ntariff = 12\n" \
    "[provider.p]\n[commissioner]\nbudget = 1e6\n"
#define OPTION "[option.o]\ncontracts = c\n"
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 2\nseed = 1\n" BODY
        "[contract.c]\ntype = pbr\nprovider = p\n" OPTION);
    cap_scenario *stop = test_scenario(
        "[scenario]\nyears = 2\ntrials = 2\nseed = 1\n" BODY
        "[contract.c]\ntype = capitation\nprovider = p\nper_head = 10\n"
        "stop_loss = 500\n" OPTION);
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d = { "", 0, "" };

    ck_assert_int_eq(sc->engine, CAP_ENGINE_AUTO);
    ck_assert_int_eq(cap_engine_resolve(sc, CAP_ENGINE_DEFAULT),
                     CAP_ENGINE_AGGREGATE);
    ck_assert_int_eq(cap_engine_resolve(sc, CAP_ENGINE_INDIVIDUAL),
                     CAP_ENGINE_INDIVIDUAL);
    ck_assert_int_eq(cap_engine_resolve(stop, CAP_ENGINE_DEFAULT),
                     CAP_ENGINE_INDIVIDUAL);
    ck_assert_int_eq(cap_engine_resolve(stop, CAP_ENGINE_AGGREGATE), -1);
    memset(&cfg, 0, sizeof cfg);
    cfg.trials = 2;
    cfg.engine = CAP_ENGINE_AGGREGATE;
    ck_assert_int_eq(cap_sim_run(stop, &cfg, &o, &d), CAP_EINPUT);
    ck_assert_ptr_null(o);
    ck_assert_ptr_nonnull(strstr(d.message, "stop-loss"));
    test_load_fails("[scenario]\nyears = 2\ntrials = 2\nseed = 1\n"
                    "engine = fast\n" BODY
                    "[contract.c]\ntype = pbr\nprovider = p\n" OPTION,
                    5, "expected auto, individual or aggregate");
    test_load_fails("[scenario]\nyears = 2\ntrials = 2\nseed = 1\n"
                    "engine = aggregate\n" BODY
                    "[contract.c]\ntype = capitation\nprovider = p\n"
                    "per_head = 10\nstop_loss = 500\n" OPTION,
                    5, "per-person stop-loss");
    cap_scenario_free(sc);
    cap_scenario_free(stop);
#undef BODY
#undef OPTION
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("engines");
    TCase *t = tcase_create("core");

    tcase_set_timeout(t, 600);
    tcase_add_loop_test(t, engines_agree_on_shipped_scenarios, 0,
                        (int) (sizeof shipped / sizeof shipped[0]));
    tcase_add_test(t, engine_choice_and_its_errors);
    suite_add_tcase(s, t);
    return test_run(s);
}
