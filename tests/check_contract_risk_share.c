/* check_contract_risk_share.c -- the risk_share contract: banded
 * sharing of the deviation from a target, on cost or on activity, with
 * asymmetric bands, a cap and a collar: worked examples by hand, the
 * shape of the payment, the checks of its keys, and a short simulation.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* tests/data/shares-terms.ini: provider 0's fixed cost is 9.3m in every
 * year. */
#define FIXED 9.3e6

TEST_BENCH_FIXTURE("shares-terms.ini")

/* A second bench on tests/data/contract-terms.ini, whose fixed cost of
 * 30m grows 1% a year, for the examples on cost and on activity. */
static test_bench terms;

static void
terms_setup(void)
{
    test_bench_open_fixture(&terms, "contract-terms.ini");
}

static void
terms_teardown(void)
{
    test_bench_close(&terms);
}

static double
pay_terms(const char *contract, int year)
{
    return test_bench_pay(&terms, contract, year);
}

/* -- risk_share on cost and on activity ----------------------------- */

/* risk_share on cost, target 57m (2% = 1.14m, 5% = 2.85m), year 1,
 * fixed cost 30m:
 *  cost 61m: deviation 4m = 0 x 1.14m + 0.5 x 1.71m + 1 x 1.15m
 *            -> 57m + 2.005m = 59.005m
 *  cost 55.3m: deviation -1.7m -> 57m - 0.5 x 0.56m = 56.72m
 *  cost 57.9m: deviation 0.9m, inside the provider's 2% -> 57m */
START_TEST(risk_share_bands_on_cost)
{
    test_bench_service(&terms, 1, 0, 1, 31e6 - 7e6);
    test_bench_service(&terms, 1, 1, 1, 7e6);
    ck_assert_double_eq_tol(pay_terms("share", 1), 59005000.0, 1e-6);
    test_bench_service(&terms, 1, 0, 1, 25.3e6 - 7e6);
    ck_assert_double_eq_tol(pay_terms("share", 1), 56720000.0, 1e-6);
    test_bench_service(&terms, 1, 0, 1, 27.9e6 - 7e6);
    ck_assert_double_eq_tol(pay_terms("share", 1), 57000000.0, 1e-6);
}
END_TEST

/* Fixed cost grows 1% a year: in year 2 it is 30.3m, so a variable
 * cost of 26.7m is exactly on target. */
START_TEST(risk_share_sees_fixed_cost_growth)
{
    test_bench_service(&terms, 2, 0, 1, 26.7e6);
    ck_assert_double_eq_tol(pay_terms("share", 2), 57e6, 1e-6);
}
END_TEST

/* risk_share on activity at tariff, target 12m, bands 10%:0.25,
 * inf:0.75: activity 5,000 x 2,385.50 + 3,000 x 412.37 = 13,164,610;
 * the deviation 1,164,610 is inside the first band (1.2m), so the
 * commissioner pays 0.25 x 1,164,610 = 291,152.5 over the target. */
START_TEST(risk_share_bands_on_activity)
{
    test_bench_service(&terms, 1, 0, 5000, 1.0);
    test_bench_service(&terms, 1, 1, 3000, 1.0);
    ck_assert_double_eq_tol(pay_terms("share_act", 1), 12291152.5, 1e-6);
    /* 6,000 NE: activity 14,313,000 + 1,237,110 = 15,550,110,
     * deviation 3,550,110: 0.25 x 1.2m + 0.75 x 2,350,110 =
     * 2,062,582.5 */
    test_bench_service(&terms, 1, 0, 6000, 1.0);
    ck_assert_double_eq_tol(pay_terms("share_act", 1), 14062582.5, 1e-6);
}
END_TEST

/* -- risk_share: asymmetric bands ---------------------------------- */

/* "open": target X = 41.3m; loss_bands 3%:0, 6%:0.4, inf:0.75 above the
 * target, gain_bands 1%:0, inf:0.5 below it.
 *  D = +1,887,650: 0.4 x (1,887,650 - 1,239,000) = 0.4 x 648,650
 *                  = 259,460           -> 41,559,460
 *  D = -1,887,650: the same deviation below: 0.5 x (1,887,650 -
 *                  413,000) = 737,325  -> 41.3m - 737,325 = 40,562,675
 *  D = +3,612,340: 0.4 x 1,239,000 + 0.75 x (3,612,340 - 2,478,000)
 *                  = 495,600 + 850,755 = 1,346,355 -> 42,646,355
 *  D = -3,187,430: 0.5 x (3,187,430 - 413,000) = 1,387,215
 *                  -> 39,912,785
 * Band edges: D = +1,239,000 (3%) and D = -413,000 (1%) are the
 * provider's alone -> 41.3m; D = +2,478,000 (6%): 0.4 x 1,239,000 =
 * 495,600 -> 41,795,600. */
START_TEST(asymmetric_bands)
{
    const double x = 41.3e6;

    ck_assert_double_eq_tol(pay_at("open", x + 1887650), 41559460.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x - 1887650), 40562675.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x + 3612340), 42646355.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x - 3187430), 39912785.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x + 1239000), x, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x - 413000), x, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x + 2478000), 41795600.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x), x, 1e-6);
}
END_TEST

/* "limited": the bands of "open" with cap 4% (1,652,000) and collar
 * 2.5% (1,032,500) of 41.3m.
 *  D = +3,612,340: banded 1,346,355 < cap   -> 42,646,355 (as open)
 *  D = +6,123,450: banded 495,600 + 0.75 x 3,645,450 = 3,229,687.5 >
 *                  cap                      -> 41.3m + 1,652,000
 *                                              = 42,952,000
 *  The cap starts to bind where 495,600 + 0.75 (D - 2,478,000) =
 *  1,652,000: D = 2,478,000 + 1,156,400 / 0.75 = 4,019,866.67.
 *  D = -1,234,560: banded -0.5 x 821,560 = -410,780, inside the collar
 *                                           -> 40,889,220
 *  D = -3,187,430: banded -1,387,215 < -collar -> 41.3m - 1,032,500
 *                                              = 40,267,500
 *  The collar starts to bind where 0.5 (|D| - 413,000) = 1,032,500:
 *  |D| = 2,478,000. */
START_TEST(cap_and_collar)
{
    const double x = 41.3e6;
    const double cap_at = 2478000.0 + 1156400.0 / 0.75;

    ck_assert_double_eq_tol(pay_at("limited", x + 3612340), 42646355.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x + 6123450), 42952000.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x + cap_at), 42952000.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x + cap_at - 1000),
                            42952000.0 - 750.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 1234560), 40889220.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 3187430), 40267500.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 2478000), 40267500.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 2477000), 40268000.0,
                            1e-6);
    /* Far beyond either limit the payment stays at it. */
    ck_assert_double_eq_tol(pay_at("limited", 4 * x), 42952000.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("limited", FIXED), 40267500.0, 1e-6);
}
END_TEST

/* "capped": symmetric bands 2%:0, 5%:0.5, inf:1 of 41.3m (826,000,
 * 2,065,000), cap 3% (1,239,000), collar 1.5% (619,500).
 *  D = +3,456,780: 0.5 x 1,239,000 + 1 x 1,391,780 = 2,011,280 > cap
 *                  -> 41.3m + 1,239,000 = 42,539,000
 *  D = -1,543,210: -0.5 x 717,210 = -358,605 -> 40,941,395
 *  D = -2,987,650: -619,500 - 922,650 = -1,542,150 < -collar
 *                  -> 41.3m - 619,500 = 40,680,500
 * Year 2: X = 41.3m x 1.025 = 42,332,500, cap 3% of it = 1,269,975:
 * a cost of 60m pays 43,602,475; a cost of exactly X pays X.
 * "doc_cap" (docs/scenario-format.md): target 57m, the same bands, cap
 * 3% = 1.71m: a cost of 61m gives 0.855m + 1.15m = 2.005m, capped
 * -> 58.71m; a cost of 53m gives -2.005m, not collared -> 54.995m. */
START_TEST(cap_and_collar_with_bands)
{
    const double x = 41.3e6;

    ck_assert_double_eq_tol(pay_at("capped", x + 3456780), 42539000.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("capped", x - 1543210), 40941395.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("capped", x - 2987650), 40680500.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("doc_cap", 61e6), 58.71e6, 1e-6);
    ck_assert_double_eq_tol(pay_at("doc_cap", 53e6), 54.995e6, 1e-6);
    test_bench_total_cost(&fx, 2, 60e6);
    ck_assert_double_eq_tol(pay("capped", 2), 43602475.0, 1e-6);
    test_bench_total_cost(&fx, 2, 42332500.0);
    ck_assert_double_eq_tol(pay("capped", 2), 42332500.0, 1e-6);
}
END_TEST

/* bands = B is gain_bands = B with loss_bands = B: the same bits at
 * every cost, and the sides are alike (odd about the target). */
START_TEST(bands_set_both_sides)
{
    const double x = 41.3e6;

    for (int i = -300; i <= 300; i++) {
        double d = i * 23456.7;
        double up = pay_at("sym", x + d);

        ck_assert_double_eq(pay_at("sides", x + d), up);
        ck_assert_double_eq_tol(pay_at("sym", x - d) - x, x - up, 1e-6);
    }
}
END_TEST

/* Continuous and nondecreasing in cost, with every kink of "limited"
 * (the target, both sides' band edges, where the cap and the collar
 * begin to bind) checked from both sides. */
START_TEST(risk_share_shape)
{
    const double x = 41.3e6;
    const double kink[] = {
        0.0, -413000.0, -2478000.0, 1239000.0, 2478000.0,
        2478000.0 + 1156400.0 / 0.75
    };
    const char *names[] = { "open", "limited", "capped" };
    double prev = -INFINITY;

    for (size_t c = 0; c < 3; c++) {
        prev = -INFINITY;
        for (int i = -450; i <= 450; i++) {
            double v = pay_at(names[c], x + i * 14567.8);

            ck_assert_msg(v >= prev, "%s falls at step %d", names[c], i);
            prev = v;
        }
    }
    for (size_t k = 0; k < sizeof kink / sizeof kink[0]; k++) {
        double below = pay_at("limited", x + kink[k] - 0.01);
        double above = pay_at("limited", x + kink[k] + 0.01);

        ck_assert_double_ge(above - below, 0.0);
        ck_assert_double_le(above - below, 0.02);
    }
}
END_TEST

/* -- key checks ---------------------------------------------------- */

/* Each case appends a risk_share contract "c" to
 * tests/data/one-service.ini; the error is expected at the line of the
 * marker. */
#define RISK_SHARE "[contract.c]\ntype = risk_share\nprovider = acute\n"

static const test_error_case keys_refused[] = {
    /* bands and side bands clash */
    { "one-service.ini", RISK_SHARE "target = 6e4\nbands = 0.02:0, inf:1\n"
      "loss_bands = 0.03:0, inf:0.7\n",
      "loss_bands", 0, "[contract.c] loss_bands = 0.03:0, inf:0.7: give "
      "either 'bands' (both sides) or 'gain_bands' and 'loss_bands', "
      "not both" },
    { "one-service.ini", RISK_SHARE "target = 6e4\n"
      "gain_bands = 0.03:0, inf:0.7\nbands = 0.02:0, inf:1\n",
      "bands = 0.02", 0, "[contract.c] bands = 0.02:0, inf:1: give either" },
    /* side bands need both */
    { "one-service.ini", RISK_SHARE "target = 6e4\n"
      "gain_bands = 0.03:0, inf:0.7\n",
      "[contract.c]", 0, "has 'gain_bands' but no 'loss_bands': give both, "
      "or 'bands' for both sides" },
    { "one-service.ini", RISK_SHARE "target = 6e4\n"
      "loss_bands = 0.03:0, inf:0.7\n",
      "[contract.c]", 0, "has 'loss_bands' but no 'gain_bands'" },
    { "one-service.ini", RISK_SHARE "target = 6e4\ncap = 0.1\n",
      "[contract.c]", 0, "needs key 'bands', or both 'gain_bands' and "
      "'loss_bands' (type risk_share)" },
    /* side bands are checked */
    { "one-service.ini", RISK_SHARE "target = 6e4\n"
      "gain_bands = 0.03:0, inf:0.7\nloss_bands = 0.05:0, 0.04:0.5, inf:1\n",
      "loss_bands", 0, "band 2: edges must be > 0 and increasing" },
    /* cap and collar are positive */
    { "one-service.ini", RISK_SHARE "target = 6e4\nbands = 0.02:0, inf:1\n"
      "cap = 0\n", "cap = 0", 0, "[contract.c] cap = 0: must be > 0" },
    { "one-service.ini", RISK_SHARE "target = 6e4\nbands = 0.02:0, inf:1\n"
      "collar = -0.015\n", "collar", 0, "collar = -0.015: must be > 0" },
    { "one-service.ini", RISK_SHARE "target = 6e4\nbands = 0.02:0, inf:1\n"
      "cap = none\n", "cap = none", 0, "cap = none: not a number" },
};

START_TEST(risk_share_keys_checked)
{
    test_error_case_run(&keys_refused[_i]);
}
END_TEST

/* -- a simulation with both types ---------------------------------- */

/* The two providers of tests/data/two-providers.ini, with exact costs
 * (no cost_cv, no fixed cost) and tariffs equal to unit costs, so that
 * pbr passes cost through.
 *   passthrough: pbr for both: the providers carry no cost risk;
 *   block:       blocks for both: they carry all of their own;
 *   shared:      a statutory corridor for acute and an asymmetric,
 *                capped and collared risk share for community, each
 *                targeted near the expected cost, with indexation near
 *                the expected growth (list 1.3% + trend 3%). */
static const char *sim_ini =
    "[scenario]\nyears = 3\ntrials = 50\nseed = 20240611\n"
    "[commissioner]\nbudget = 1.31e6\nbudget_growth = 0.02\n"
    "[contract.a_pbr]\ntype = pbr\nprovider = acute\n"
    "[contract.c_pbr]\ntype = pbr\nprovider = community\n"
    "[contract.a_block]\ntype = block\nprovider = acute\n"
    "amount = 883e3\nindexation = 0.043\n"
    "[contract.c_block]\ntype = block\nprovider = community\n"
    "amount = 418e3\nindexation = 0.043\n"
    "[contract.a_corr]\ntype = corridor\nprovider = acute\n"
    "target = 883e3\nindexation = 0.043\n"
    "[contract.c_share]\ntype = risk_share\nprovider = community\n"
    "target = 418e3\nindexation = 0.043\n"
    "gain_bands = 0.02:0, inf:0.5\n"
    "loss_bands = 0.02:0, 0.06:0.5, inf:0.8\n"
    "cap = 0.05\ncollar = 0.04\n"
    "[option.passthrough]\ncontracts = a_pbr, c_pbr\n"
    "[option.block]\ncontracts = a_block, c_block\n"
    "[option.shared]\ncontracts = a_corr, c_share\n";

/* The scenario of sim_ini on tests/data/two-providers.ini; the caller
 * frees it. */
static cap_scenario *
sim_scenario(void)
{
    return test_fixture_scenario("two-providers.ini", sim_ini);
}

#define SIM_TRIALS 50

/* Every payment leaves the commissioner and reaches a provider, under
 * both new types as under the old; and each provider's share of cost
 * risk under the shared option lies strictly between its share under
 * pass-through (0) and under a block (all of its own cost). */
START_TEST(simulated_shares)
{
    cap_scenario *sc = sim_scenario();
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d;
    double x[SIM_TRIALS], y[SIM_TRIALS];
    double pass[3], block[3], shared[3], mcse[3], bmcse[3];

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = SIM_TRIALS;
    cfg.seed = sc->seed;
    cfg.threads = 1;          /* no thread pool for valgrind to flag */
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    ck_assert_uint_eq(o->trials, SIM_TRIALS);
    for (size_t i = 0; i < o->trials; i++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            for (int yr = 1; yr <= o->years; yr++) {
                size_t c = cap_outcomes_at(o, i, opt, 0, yr);
                double paid = 0.0;

                for (size_t p = 1; p <= 2; p++)
                    paid += o->income[cap_outcomes_at(o, i, opt, p, yr)];
                ck_assert_double_eq(o->spend[c], paid);
                ck_assert(paid > 0.0);
            }
        }
    }
    for (int yr = 0; yr <= o->years; yr++) {
        cap_risk_shares(sc, o, 0, yr, x, y, pass, mcse);
        cap_risk_shares(sc, o, 1, yr, x, y, block, bmcse);
        cap_risk_shares(sc, o, 2, yr, x, y, shared, mcse);
        for (size_t p = 1; p <= 2; p++) {
            ck_assert_double_eq_tol(pass[p], 0.0, 1e-9);
            ck_assert_msg(shared[p] > pass[p] + 3.0 * mcse[p]
                          && shared[p] < block[p] - 3.0 * mcse[p],
                          "year %d, provider %zu: share %g (mcse %g) not "
                          "between 0 and %g", yr, p, shared[p], mcse[p],
                          block[p]);
        }
        ck_assert_double_gt(shared[1] + shared[2], 0.0);
        ck_assert_double_lt(shared[1] + shared[2], 1.0);
    }
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
risk_share_suite(void)
{
    Suite *s = suite_create("contract_risk_share");
    TCase *basics = tcase_create("cost and activity");
    TCase *examples = tcase_create("worked examples");
    TCase *keys = tcase_create("keys");
    TCase *sim = tcase_create("simulation");

    tcase_add_checked_fixture(basics, terms_setup, terms_teardown);
    tcase_add_test(basics, risk_share_bands_on_cost);
    tcase_add_test(basics, risk_share_sees_fixed_cost_growth);
    tcase_add_test(basics, risk_share_bands_on_activity);
    suite_add_tcase(s, basics);
    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, asymmetric_bands);
    tcase_add_test(examples, cap_and_collar);
    tcase_add_test(examples, cap_and_collar_with_bands);
    tcase_add_test(examples, bands_set_both_sides);
    tcase_add_test(examples, risk_share_shape);
    suite_add_tcase(s, examples);
    tcase_add_loop_test(keys, risk_share_keys_checked, 0,
                        (int) TEST_N_OF(keys_refused));
    suite_add_tcase(s, keys);
    tcase_add_test(sim, simulated_shares);
    suite_add_tcase(s, sim);
    return s;
}

int
main(void)
{
    return test_run(risk_share_suite());
}
