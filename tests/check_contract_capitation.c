/* check_contract_capitation.c -- the capitation contract: weighted
 * heads, indexation, risk shared back (proportional and stop-loss) and
 * the high-risk pool paid at cost: worked examples by hand.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

TEST_BENCH_FIXTURE("contract-terms.ini")

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
    test_bench_service(&fx, 1, 0, 1, 20.4e6);
    test_bench_service(&fx, 1, 1, 1, 11.3e6);
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

static Suite *
capitation_suite(void)
{
    Suite *s = suite_create("contract_capitation");
    TCase *examples = tcase_create("worked examples");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, capitation_pays_weighted_heads);
    tcase_add_test(examples, capitation_shares_risk_back);
    tcase_add_test(examples, capitation_pays_the_pool_at_cost);
    suite_add_tcase(s, examples);
    return s;
}

int
main(void)
{
    return test_run(capitation_suite());
}
