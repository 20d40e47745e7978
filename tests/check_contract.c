/* check_contract.c -- contract payments: worked examples by hand, and
 * the shape of banded sharing (continuity, monotonicity, symmetry).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* One provider with two services; every contract type on it.  The
 * tallies are filled by hand, so payments can be worked exactly. */
static const char *terms_ini =
    "[scenario]\nyears = 3\ntrials = 2\nseed = 1\n"
    "[population]\npersons = 50000\n"
    "[tier.well]\nshare = 0.8\nrelative_risk = 0.4\n"
    "[tier.complex]\nshare = 0.2\nrelative_risk = 3.4\n"
    "[service.nonelective]\nprovider = acute\nrate = 0.09\n"
    "unit_cost = 2200\ntariff = 2385.5\n"
    "[service.elective]\nprovider = acute\nrate = 0.1\n"
    "unit_cost = 1300\ntariff = 412.37\n"
    "[provider.acute]\nfixed_cost = 30e6\nfixed_cost_growth = 0.01\n"
    "[commissioner]\nbudget = 80e6\n"
    "[contract.pbr]\ntype = pbr\nprovider = acute\n"
    "[contract.pbr_up]\ntype = pbr\nprovider = acute\n"
    "indexation = 0.021\n"
    "[contract.block]\ntype = block\nprovider = acute\namount = 57e6\n"
    "indexation = 0.02\n"
    "[contract.cap]\ntype = capitation\nprovider = acute\n"
    "per_head = 1150\nweight.well = 0.8\nweight.complex = 2.3\n"
    "indexation = 0.031\n"
    "[contract.cap_shared]\ntype = capitation\nprovider = acute\n"
    "per_head = 1150\nweight.well = 0.8\nweight.complex = 2.3\n"
    "proportional = 0.15\nstop_loss = 25000\nstop_loss_share = 0.9\n"
    "[contract.cap_pool]\ntype = capitation\nprovider = acute\n"
    "per_head = 1150\nweight.well = 0.8\nweight.complex = 2.3\n"
    "pool_fraction = 0.01\n"
    "[contract.share]\ntype = risk_share\nprovider = acute\n"
    "target = 57e6\nbasis = cost\nbands = 0.02:0, 0.05:0.5, inf:1\n"
    "[contract.share_act]\ntype = risk_share\nprovider = acute\n"
    "target = 12e6\nbasis = activity\nbands = 0.1:0.25, inf:0.75\n"
    "[option.o]\ncontracts = pbr\n";

static test_bench fx;

static void
setup(void)
{
    test_bench_open(&fx, terms_ini);
}

static void
teardown(void)
{
    test_bench_close(&fx);
}

/* Put activity and variable cost of service k in year y (stratum 0,
 * which is all the tallies' sums see for a one-practice population's
 * first tier). */
static void
set_service(int year, size_t k, double events, double cost)
{
    test_bench_service(&fx, year, k, events, cost);
}

static double
pay(const char *contract, int year)
{
    return test_bench_pay(&fx, contract, year);
}

/* pbr: 4,517 x 2,385.50 + 6,203 x 412.37 = 10,775,303.5 + 2,557,931.11 */
START_TEST(pbr_pays_tariff_times_activity)
{
    set_service(2, 0, 4517, 9.1e6);
    set_service(2, 1, 6203, 7.7e6);
    ck_assert_double_eq_tol(pay("pbr", 2), 13333234.61, 1e-6);
    ck_assert_double_eq(pay("pbr", 1), 0.0);
    /* Tariffs uplifted 2.1% a year: 13,333,234.61 x 1.021 in year 2. */
    ck_assert_double_eq_tol(pay("pbr_up", 2), 13613232.53681, 1e-5);
}
END_TEST

/* block: 57m x 1.02^2 = 59,302,800 in year 3, whatever the activity. */
START_TEST(block_pays_indexed_amount)
{
    set_service(3, 0, 9999, 1e9);
    ck_assert_double_eq_tol(pay("block", 1), 57e6, 1e-6);
    ck_assert_double_eq_tol(pay("block", 3), 59302800.0, 1e-6);
}
END_TEST

/* capitation: year 1 has 40,000 well and 10,000 complex people:
 * 1,150 x (0.8 x 40,000 + 2.3 x 10,000) = 63,250,000; year 2 is
 * uplifted by 3.1%: 65,210,750. */
START_TEST(capitation_pays_weighted_heads)
{
    fx.t->persons[0] = 40000;
    fx.t->persons[1] = 10000;
    fx.t->persons[2] = 40000;
    fx.t->persons[3] = 10000;
    ck_assert_double_eq_tol(pay("cap", 1), 63250000.0, 1e-6);
    ck_assert_double_eq_tol(pay("cap", 2), 65210750.0, 1e-6);
}
END_TEST

/* capitation with both refinements, year 1: capitation 63,250,000 as
 * above; provider cost 30m fixed + 31.7m variable = 61.7m; 0.15 of the
 * cost replaces 0.15 of the capitation:
 *   0.85 x 63,250,000 + 0.15 x 61,700,000 = 53,762,500 + 9,255,000
 * and people's cost above 25,000 each adds up to 4,123,700, of which
 * the commissioner pays 0.9: 3,711,330.  Total 66,728,830. */
START_TEST(capitation_shares_risk_back)
{
    size_t k;

    fx.t->persons[0] = 40000;
    fx.t->persons[1] = 10000;
    set_service(1, 0, 1, 20.4e6);
    set_service(1, 1, 1, 11.3e6);
    ck_assert_uint_eq(fx.sc->n_excess, 1);
    ck_assert_double_eq(fx.sc->excess[0].threshold, 25000);
    k = 0;
    fx.t->excess[0 * fx.t->n_excess + k] = 4123700;
    ck_assert_double_eq_tol(pay("cap_shared", 1), 66728830.0, 1e-6);
    /* Without excess, only the proportional part remains. */
    fx.t->excess[0] = 0.0;
    ck_assert_double_eq_tol(pay("cap_shared", 1), 63017500.0, 1e-6);
}
END_TEST

/* High-risk pool, year 2: 40,000 well and 10,000 complex people, of
 * whom 120 well and 380 complex are in the pool, with a year-2 cost of
 * 9,876,543.21.  Capitation on the others:
 *   1,150 x (0.8 x 39,880 + 2.3 x 9,620) = 1,150 x 54,030 = 62,134,500
 * plus the pool at cost: 72,011,043.21. */
START_TEST(capitation_pays_the_pool_at_cost)
{
    cap_tally *t = fx.t;
    size_t k = 0;

    ck_assert_uint_eq(fx.sc->n_pools, 1);
    t->persons[2] = 40000;
    t->persons[3] = 10000;
    t->pool_persons[(1 * t->n_pools + k) * 2 + 0] = 120;
    t->pool_persons[(1 * t->n_pools + k) * 2 + 1] = 380;
    t->pool_cost[1 * t->n_pools + k] = 9876543.21;
    ck_assert_double_eq_tol(pay("cap_pool", 2), 72011043.21, 1e-6);
}
END_TEST

/* risk_share on cost, target 57m (2% = 1.14m, 5% = 2.85m), year 1,
 * fixed cost 30m:
 *  cost 61m: deviation 4m = 0 x 1.14m + 0.5 x 1.71m + 1 x 1.15m
 *            -> 57m + 2.005m = 59.005m
 *  cost 55.3m: deviation -1.7m -> 57m - 0.5 x 0.56m = 56.72m
 *  cost 57.9m: deviation 0.9m, inside the provider's 2% -> 57m */
START_TEST(risk_share_bands_on_cost)
{
    set_service(1, 0, 1, 31e6 - 7e6);
    set_service(1, 1, 1, 7e6);
    ck_assert_double_eq_tol(pay("share", 1), 59005000.0, 1e-6);
    set_service(1, 0, 1, 25.3e6 - 7e6);
    ck_assert_double_eq_tol(pay("share", 1), 56720000.0, 1e-6);
    set_service(1, 0, 1, 27.9e6 - 7e6);
    ck_assert_double_eq_tol(pay("share", 1), 57000000.0, 1e-6);
}
END_TEST

/* Fixed cost grows 1% a year: in year 2 it is 30.3m, so a variable
 * cost of 26.7m is exactly on target. */
START_TEST(risk_share_sees_fixed_cost_growth)
{
    set_service(2, 0, 1, 26.7e6);
    ck_assert_double_eq_tol(pay("share", 2), 57e6, 1e-6);
}
END_TEST

/* risk_share on activity at tariff, target 12m, bands 10%:0.25,
 * inf:0.75: activity 5,000 x 2,385.50 + 3,000 x 412.37 = 13,164,610;
 * the deviation 1,164,610 is inside the first band (1.2m), so the
 * commissioner pays 0.25 x 1,164,610 = 291,152.5 over the target. */
START_TEST(risk_share_bands_on_activity)
{
    set_service(1, 0, 5000, 1.0);
    set_service(1, 1, 3000, 1.0);
    ck_assert_double_eq_tol(pay("share_act", 1), 12291152.5, 1e-6);
    /* 6,000 NE: activity 14,313,000 + 1,237,110 = 15,550,110,
     * deviation 3,550,110: 0.25 x 1.2m + 0.75 x 2,350,110 =
     * 2,062,582.5 */
    set_service(1, 0, 6000, 1.0);
    ck_assert_double_eq_tol(pay("share_act", 1), 14062582.5, 1e-6);
}
END_TEST

static const double edge[] = { 1.14e6, 2.85e6, INFINITY };
static const double share[] = { 0.0, 0.5, 1.0 };

/* Banded sharing is odd (gains and losses alike), continuous at the
 * band edges, and nondecreasing: a larger overspend never lowers the
 * commissioner's part. */
START_TEST(banded_share_shape)
{
    double prev = -INFINITY;

    for (int i = -400; i <= 400; i++) {
        double dev = i * 12345.6;
        double v = cap_banded_share(dev, edge, share, 3);

        ck_assert_double_ge(v, prev);
        ck_assert_double_eq_tol(cap_banded_share(-dev, edge, share, 3), -v,
                                1e-9);
        prev = v;
    }
    for (int k = 0; k < 2; k++) {
        double below = cap_banded_share(edge[k] - 1e-3, edge, share, 3);
        double above = cap_banded_share(edge[k] + 1e-3, edge, share, 3);

        ck_assert_double_le(above - below, 2e-3);
        ck_assert_double_ge(above - below, 0.0);
    }
    /* Slope inside each band is that band's share. */
    ck_assert_double_eq_tol(cap_banded_share(2e6 + 1000, edge, share, 3)
                            - cap_banded_share(2e6, edge, share, 3),
                            500.0, 1e-6);
    ck_assert_double_eq_tol(cap_banded_share(5e6 + 1000, edge, share, 3)
                            - cap_banded_share(5e6, edge, share, 3),
                            1000.0, 1e-6);
}
END_TEST

static Suite *
contract_suite(void)
{
    Suite *s = suite_create("contract");
    TCase *examples = tcase_create("worked examples");
    TCase *shape = tcase_create("shape");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, pbr_pays_tariff_times_activity);
    tcase_add_test(examples, block_pays_indexed_amount);
    tcase_add_test(examples, capitation_pays_weighted_heads);
    tcase_add_test(examples, capitation_shares_risk_back);
    tcase_add_test(examples, capitation_pays_the_pool_at_cost);
    tcase_add_test(examples, risk_share_bands_on_cost);
    tcase_add_test(examples, risk_share_sees_fixed_cost_growth);
    tcase_add_test(examples, risk_share_bands_on_activity);
    tcase_add_test(shape, banded_share_shape);
    suite_add_tcase(s, examples);
    suite_add_tcase(s, shape);
    return s;
}

int
main(void)
{
    return test_run(contract_suite());
}
