/* check_study.c -- uncertain inputs, sweeps and tornadoes: draws that
 * match their laws, sweeps on common random numbers, located errors.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <gsl/gsl_statistics_double.h>
#include "testlib.h"

/* One provider, small population; a capitation contract whose price
 * does not touch demand, and a risk share with an "auto" target. */
#define BASE_INI                                                         \
    "[scenario]\nyears = 2\ntrials = 200\nseed = 42\n"                 \
    "[population]\npersons = 1500\n"                                     \
    "[tier.all]\nshare = 1\nrelative_risk = 1\n"                         \
    "[frailty]\ncv = 0.8\npersistence = 0.5\n"                           \
    "[service.adm]\nprovider = acute\nrate = 0.2\nunit_cost = 1000\n"    \
    "tariff = 1100\n"                                                    \
    "[provider.acute]\nfixed_cost = 1e5\n"                               \
    "[commissioner]\nbudget = 5e5\n"                                     \
    "[contract.cap]\ntype = capitation\nprovider = acute\n"              \
    "per_head = 250\n"                                                   \
    "[contract.share]\ntype = risk_share\nprovider = acute\n"            \
    "target = auto\nbands = 0.05:0, inf:0.5\n"                           \
    "[option.capitation]\ncontracts = cap\n"                             \
    "[option.risk_share]\ncontracts = share\n"
#define BASE_LINES 34        /* lines of BASE_INI */

/* Each trial's draw of range(lo, hi) lies below lo one time in ten and
 * above hi one time in ten (4 binomial standard errors). */
START_TEST(range_puts_ten_percent_outside_each_end)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[demand]\ntrend = range(0.01, 0.05)\n");
    cap_outcomes *o;
    long n = 4000, below = 0, above = 0;
    double se = sqrt(0.1 * 0.9 / (double) n);

    ck_assert_uint_eq(sc->n_inputs, 1);
    ck_assert_str_eq(sc->inputs[0].name, "demand.trend");
    ck_assert_double_eq_tol(sc->trend, 0.03, 1e-15);   /* the median */
    o = test_sim_run(sc, 2, n);
    ck_assert_uint_eq(o->n_inputs, 1);
    for (long i = 0; i < n; i++) {
        below += o->inputs[i] < 0.01;
        above += o->inputs[i] > 0.05;
    }
    ck_assert_msg(fabs((double) below / (double) n - 0.1) < 4 * se,
                  "below lo: %ld of %ld", below, n);
    ck_assert_msg(fabs((double) above / (double) n - 0.1) < 4 * se,
                  "above hi: %ld of %ld", above, n);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* The drawn input reaches the model: trials that draw a higher trend
 * have a higher system cost (rank correlation clearly positive), and
 * the same draws and outcomes come out for 1 and 2 threads. */
START_TEST(drawn_inputs_drive_the_trial_and_are_thread_independent)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[demand]\ntrend = uniform(-0.2, 0.4)\n");
    cap_outcomes *a = test_sim_run(sc, 1, 300), *b = test_sim_run(sc, 2, 300);
    size_t cells = 300 * a->options * a->parties * (size_t) a->years;
    double cost[300], trend[300], work[600];

    ck_assert_mem_eq(a->inputs, b->inputs, 300 * sizeof(double));
    ck_assert_mem_eq(a->income, b->income, cells * sizeof(double));
    ck_assert_mem_eq(a->spend, b->spend, cells * sizeof(double));
    cap_outcomes_gather(a, 0, cap_ledger_system(sc), 2, CAP_SPEND, cost);
    memcpy(trend, a->inputs, sizeof trend);
    ck_assert_double_gt(gsl_stats_spearman(trend, 1, cost, 1, 300, work),
                        0.8);
    cap_outcomes_free(a);
    cap_outcomes_free(b);
    cap_scenario_free(sc);
}
END_TEST

/* A rank correlation given in [correlation] comes out of the draws,
 * within 4 standard errors ((1 - r^2) / sqrt(n) for Spearman's r). */
START_TEST(correlation_is_the_rank_correlation_asked)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[demand]\ntrend = normal(0.03, 0.01)\n"
        "shock_sd = gamma(0.05, 0.01)\n"
        "[correlation]\ndemand.trend ~ demand.shock_sd = 0.6\n");
    long n = 3000;
    cap_outcomes *o = test_sim_run(sc, 2, n);
    double *x = malloc((size_t) n * sizeof *x);
    double *y = malloc((size_t) n * sizeof *y);
    double *w = malloc(2 * (size_t) n * sizeof *w), r;

    for (long i = 0; i < n; i++) {
        x[i] = o->inputs[2 * i];
        y[i] = o->inputs[2 * i + 1];
    }
    r = gsl_stats_spearman(x, 1, y, 1, (size_t) n, w);
    ck_assert_msg(fabs(r - 0.6) < 4 * (1 - 0.36) / sqrt((double) n),
                  "rank correlation %g", r);
    free(x);
    free(y);
    free(w);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* A distribution that can leave a key's allowed range is refused at
 * load, at its line, whatever the seed. */
START_TEST(inputs_that_can_leave_the_range_are_refused)
{
    test_load_fails(BASE_INI "[demand]\nshock_sd = normal(0.05, 0.02)\n",
                    BASE_LINES + 2, "least value");
    test_load_fails(BASE_INI "[demand]\ntrend = normal(0.03, 0)\n",
                    BASE_LINES + 2, "sd > 0");
    test_load_fails(BASE_INI "[demand]\ntrend = normal(0.03\n",
                    BASE_LINES + 2, "normal");
    test_load_fails(BASE_INI "[correlation]\ndemand.trend ~ x.y = 0.5\n",
                    -1, "uncertain input");
}
END_TEST

/* A grid of 3 x 2 points over two contract keys: 6 points, in order
 * (first key slowest), and since neither key touches demand, the
 * system's cost is the same bits at every point. */
START_TEST(grid_sweep_shares_random_numbers)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[sweep]\ncontract.cap.per_head = 200, 250, 300\n"
        "contract.share.margin = -0.02..0.02 step 0.04\n");
    cap_point *pts;
    size_t n;
    cap_diag d = { "", 0, "" };
    cap_sim_config cfg;
    size_t sys = cap_ledger_system(sc);
    double first[100], other[100];

    ck_assert_int_eq(cap_points_build(sc, &pts, &n, &d), CAP_OK);
    ck_assert_uint_eq(n, 6);
    ck_assert_double_eq(sc->sweep.values[0], 200);
    ck_assert_double_eq(sc->sweep.values[1], -0.02);
    ck_assert_double_eq(sc->sweep.values[3], 0.02);
    ck_assert_double_eq(sc->sweep.values[4], 250);
    memset(&cfg, 0, sizeof cfg);
    cfg.trials = 100;
    cfg.seed = sc->seed;
    for (size_t p = 0; p < n; p++) {
        ck_assert_int_eq(cap_point_run(&pts[p], p, &cfg, &d), CAP_OK);
        ck_assert_uint_eq(pts[p].o->point, p);
    }
    cap_outcomes_gather(pts[0].o, 0, sys, CAP_HORIZON, CAP_SPEND, first);
    for (size_t p = 1; p < n; p++) {
        cap_outcomes_gather(pts[p].o, 0, sys, CAP_HORIZON, CAP_SPEND, other);
        ck_assert_mem_eq(first, other, sizeof first);
    }
    /* ... while the swept price moves the provider's income. */
    ck_assert_double_gt(pts[5].h->s[1].mean.value,
                        pts[0].h->s[1].mean.value);
    cap_points_free(pts, n);
    cap_scenario_free(sc);
}
END_TEST

/* Sampled designs: a Latin hypercube puts one point in each of N equal
 * strata of every key; Sobol points stay inside the ranges. */
START_TEST(sampled_designs_cover_the_ranges)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[sweep]\ndesign = lhs\npoints = 8\n"
        "contract.cap.per_head = 200..280\nfrailty.cv = 0..0.08\n");
    int seen[2][8] = { { 0 } };

    ck_assert_uint_eq(sc->sweep.n_points, 8);
    for (size_t p = 0; p < 8; p++) {
        int a = (int) ((sc->sweep.values[2 * p] - 200) / 10);
        int b = (int) (sc->sweep.values[2 * p + 1] / 0.01);

        ck_assert(a >= 0 && a < 8 && b >= 0 && b < 8);
        seen[0][a]++;
        seen[1][b]++;
    }
    for (int k = 0; k < 8; k++)
        ck_assert(seen[0][k] == 1 && seen[1][k] == 1);
    cap_scenario_free(sc);
    sc = test_scenario(BASE_INI "[sweep]\ndesign = sobol\npoints = 16\n"
                       "contract.cap.per_head = 200..280\n");
    for (size_t p = 0; p < 16; p++)
        ck_assert(sc->sweep.values[p] >= 200 && sc->sweep.values[p] <= 280);
    cap_scenario_free(sc);
}
END_TEST

START_TEST(sweep_errors_are_located)
{
    test_load_fails(BASE_INI "[sweep]\ncontract.cap.per_head = 200..300\n",
                    -1, "step");
    test_load_fails(BASE_INI "[sweep]\ndesign = lhs\n"
                    "contract.cap.per_head = 1, 2\n", -1, "points");
    test_load_fails(BASE_INI "[sweep]\nnowhere.key = 1, 2\n",
                    BASE_LINES + 2, "SECTION.KEY");
    test_load_fails(BASE_INI "[sweep]\ncontract.cap.per_head = 2, 1\n",
                    BASE_LINES + 2, "increase");
}
END_TEST

/* A swept value the key cannot take is reported at the sweep's line. */
START_TEST(bad_sweep_value_is_reported_at_the_sweep_line)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[sweep]\ncontract.cap.per_head = -5, 10\n");
    cap_point *pts;
    size_t n;
    cap_diag d = { "", 0, "" };

    ck_assert_int_eq(cap_points_build(sc, &pts, &n, &d), CAP_EINPUT);
    ck_assert_int_eq(d.line, BASE_LINES + 2);
    ck_assert_ptr_nonnull(strstr(d.message, "per_head"));
    cap_scenario_free(sc);
}
END_TEST

/* The payment of the risk share in year 2 under scenario sc, on the
 * bench's (empty) tally: it moves with the contract's target alone. */
static double
share_pay(const test_bench *b, const cap_scenario *sc)
{
    const cap_contract *c = &sc->contracts[1];
    cap_settle_input in = { sc, b->t, c->provider, 2, 0, 0 };

    ck_assert_str_eq(c->name, "share");
    return cap_contract_pay(c, &in);
}

/* Trial draws do not renegotiate an "auto" target: a variant that is
 * not replanned keeps the target planned at the median, a replanned
 * one (a sweep point) sets it anew. */
START_TEST(auto_targets_are_planned_on_the_median)
{
    test_bench b;
    cap_setting set = { "demand", "trend", 0.2, 0 };
    cap_scenario *kept, *replanned;
    cap_diag d = { "", 0, "" };

    test_bench_open(&b, BASE_INI "[demand]\ntrend = uniform(0, 0.2)\n");
    ck_assert_int_eq(cap_scenario_variant(b.sc, &set, 1, CAP_PLAN_KEEP,
                                          &kept, &d), CAP_OK);
    ck_assert_int_eq(cap_scenario_variant(b.sc, &set, 1, CAP_PLAN_AGAIN,
                                          &replanned, &d), CAP_OK);
    ck_assert_uint_eq(kept->n_inputs, 0);
    ck_assert_double_eq(kept->trend, 0.2);
    ck_assert_double_eq(share_pay(&b, kept), share_pay(&b, b.sc));
    ck_assert_double_gt(share_pay(&b, replanned), share_pay(&b, kept));
    cap_scenario_free(kept);
    cap_scenario_free(replanned);
    test_bench_close(&b);
}
END_TEST

/* Of two uncertain inputs, the trend over a wide range moves the
 * capitated provider's net a lot; the commissioner's budget does not
 * touch it at all (common random numbers make its swing exactly 0),
 * and moves the commissioner's net by exactly two years of the budget's
 * 10%-90% range. */
START_TEST(tornado_ranks_the_dominant_input_first)
{
    cap_scenario *sc;
    cap_sim_config cfg;
    cap_tornado *t = NULL;
    cap_diag d = { "", 0, "" };
    size_t per, acute = 1, comm = 0;
    double trend_swing;

    sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 200\nseed = 42\n"
        "[population]\npersons = 1500\n"
        "[tier.all]\nshare = 1\nrelative_risk = 1\n"
        "[service.adm]\nprovider = acute\nrate = 0.2\nunit_cost = 1000\n"
        "[provider.acute]\nfixed_cost = 1e5\n"
        "[commissioner]\nbudget = uniform(4e5, 6e5)\n"
        "[demand]\ntrend = uniform(0, 0.3)\n"
        "[contract.cap]\ntype = capitation\nprovider = acute\n"
        "per_head = 250\n"
        "[option.capitation]\ncontracts = cap\n");
    ck_assert_uint_eq(sc->sensitivity.n_inputs, 2);
    ck_assert_str_eq(sc->sensitivity.inputs[1].name, "demand.trend");
    ck_assert_double_eq_tol(sc->sensitivity.inputs[1].low, 0.03, 1e-12);
    ck_assert_double_eq_tol(sc->sensitivity.inputs[1].high, 0.27, 1e-12);
    memset(&cfg, 0, sizeof cfg);
    cfg.trials = 100;
    cfg.seed = sc->seed;
    ck_assert_int_eq(cap_tornado_run(sc, &cfg, NULL, NULL, &t, &d), CAP_OK);
    per = t->options * t->parties;
    trend_swing = t->net_high[per + acute] - t->net_low[per + acute];
    ck_assert_double_lt(trend_swing, -10 * t->net_se[per + acute]);
    ck_assert_double_eq(t->net_high[acute], t->net_low[acute]);
    ck_assert_double_eq_tol(t->net_high[comm] - t->net_low[comm],
                            2 * (5.8e5 - 4.2e5), 1e-6);
    cap_tornado_free(t);
    cap_scenario_free(sc);
}
END_TEST

/* Who gains from prevention: under payment by results the provider
 * loses tariff - unit cost per avoided admission and the commissioner
 * saves the tariff; under capitation the provider gains the unit cost
 * and the commissioner nothing.  Each within 4 standard errors. */
START_TEST(prevention_pays_the_party_that_bears_the_cost)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 200\nseed = 7\n"
        "[population]\npersons = 3000\n"
        "[frailty]\ncv = 0.8\npersistence = 0.5\n"
        "[service.adm]\nprovider = acute\nrate = 0.2\nunit_cost = 1000\n"
        "cost_cv = 0.5\ntariff = 1400\n"
        "[provider.acute]\nfixed_cost = 1e5\n"
        "[commissioner]\nbudget = 1e6\n"
        "[contract.pbr]\ntype = pbr\nprovider = acute\n"
        "[contract.cap]\ntype = capitation\nprovider = acute\n"
        "per_head = 250\n"
        "[option.pbr]\ncontracts = pbr\n"
        "[option.capitation]\ncontracts = cap\n"
        "[incentives]\nservice = adm\nstep = 0.05\n");
    cap_outcomes *o = test_sim_run(sc, 2, 300);
    cap_sim_config cfg;
    cap_incentives *in = NULL;
    cap_diag d = { "", 0, "" };
    const double want[2][2] = { { 1400, -400 }, { 0, 1000 } };

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = 300;
    cfg.seed = sc->seed;
    ck_assert_int_eq(cap_incentives_run(sc, o, &cfg, &in, &d), CAP_OK);
    /* 5% of 0.2 x 3000 people x 2 years (no trend or growth). */
    ck_assert_double_eq_tol(in->avoided, 60.0, 1e-9);
    for (size_t opt = 0; opt < 2; opt++)
        for (size_t p = 0; p < 2; p++) {
            double got = in->per_event[opt * in->parties + p];
            double se = in->se[opt * in->parties + p];

            ck_assert_msg(fabs(got - want[opt][p]) <= 4 * se + 1e-9,
                          "option %zu party %zu: %g per event, want %g "
                          "(se %g)", opt, p, got, want[opt][p], se);
        }
    cap_incentives_free(in);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
study_suite(void)
{
    Suite *s = suite_create("study");
    TCase *t = tcase_create("core");

    tcase_set_timeout(t, 120);
    tcase_add_test(t, range_puts_ten_percent_outside_each_end);
    tcase_add_test(t, drawn_inputs_drive_the_trial_and_are_thread_independent);
    tcase_add_test(t, correlation_is_the_rank_correlation_asked);
    tcase_add_test(t, inputs_that_can_leave_the_range_are_refused);
    tcase_add_test(t, grid_sweep_shares_random_numbers);
    tcase_add_test(t, sampled_designs_cover_the_ranges);
    tcase_add_test(t, sweep_errors_are_located);
    tcase_add_test(t, bad_sweep_value_is_reported_at_the_sweep_line);
    tcase_add_test(t, auto_targets_are_planned_on_the_median);
    tcase_add_test(t, tornado_ranks_the_dominant_input_first);
    tcase_add_test(t, prevention_pays_the_party_that_bears_the_cost);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    return test_run(study_suite());
}
