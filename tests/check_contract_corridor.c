/* check_contract_corridor.c -- the risk corridor: the statutory shape
 * of 42 U.S.C. 18062(b) by default, or any inner and outer thresholds
 * and shares, on cost or on activity: worked examples by hand, the shape
 * of the payment and the checks of its keys.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

TEST_BENCH_FIXTURE("shares-terms.ini")

/* -- corridor ------------------------------------------------------ */

/* The published shape (42 U.S.C. 18062(b)), target X = 23,618,430 and
 * the defaults inner 3%, outer 8%, shares 0.5 and 0.8:
 *  cost 100% of X = 23,618,430: inside the corridor -> X
 *  cost 105% = 24,799,351.50: D = 5% of X; the commissioner pays 50% of
 *       the 2% from 3% to 5%: 1% of X = 236,184.30 -> 23,854,614.30
 *       (the provider's net is -4% of X)
 *  cost 110% = 25,980,273: 50% of 5% + 80% of the 2% over 8% =
 *       2.5% + 1.6% = 4.1% of X = 968,355.63 -> 24,586,785.63
 *  cost 90% = 21,256,587: the mirror: the provider pays back 4.1% of X
 *       -> 23,618,430 - 968,355.63 = 22,650,074.37 (its net is
 *       22,650,074.37 - 21,256,587 = +1,393,487.37, 5.9% of X)
 * and the thresholds: 103% (24,326,982.90) and 97% pay X; 108%
 * (25,507,904.40) pays X + 2.5% of X = 24,208,890.75; 92% pays
 * X - 2.5% of X = 23,027,969.25. */
START_TEST(corridor_published_shape)
{
    const double x = 23618430.0;

    ck_assert_double_eq_tol(pay_at("aca", x), x, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 1.05 * x), 23854614.30, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 1.10 * x), 24586785.63, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 0.90 * x), 22650074.37, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 0.90 * x) - 0.90 * x,
                            1393487.37, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 24326982.90), x, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 0.97 * x), x, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 25507904.40), 24208890.75, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 0.92 * x), 23027969.25, 1e-6);
}
END_TEST

/* "corr_act", year 2: X = 3.1m x 1.027 = 3,183,700; inner 2.5% =
 * 79,592.50, outer 10% = 318,370; shares 0.35 and 0.9; basis activity
 * at tariff (2,385.50 and 412.37), whatever the cost.
 *  1,400 x 2,385.50 + 300 x 412.37 = 3,339,700 + 123,711 = 3,463,411:
 *     D = 279,711: 0.35 x (279,711 - 79,592.50) = 70,041.475
 *     -> 3,253,741.475
 *  1,500 x 2,385.50 + 123,711 = 3,701,961: D = 518,261:
 *     0.35 x 238,777.50 + 0.9 x 199,891 = 83,572.125 + 179,901.9
 *     = 263,474.025 -> 3,447,174.025
 *  1,200 x 2,385.50 + 123,711 = 2,986,311: D = -197,389:
 *     -0.35 x (197,389 - 79,592.50) = -41,228.775 -> 3,142,471.225 */
START_TEST(corridor_custom_terms)
{
    test_bench_service(&fx, 2, 1, 300, 77.0);
    test_bench_service(&fx, 2, 0, 1400, 1e9);
    ck_assert_double_eq_tol(pay("corr_act", 2), 3253741.475, 1e-6);
    test_bench_service(&fx, 2, 0, 1500, 1.0);
    ck_assert_double_eq_tol(pay("corr_act", 2), 3447174.025, 1e-6);
    test_bench_service(&fx, 2, 0, 1200, 1.0);
    ck_assert_double_eq_tol(pay("corr_act", 2), 3142471.225, 1e-6);
}
END_TEST

/* Continuous at +-inner and +-outer, odd about the target, nondecreasing
 * in cost, and with slope 0, 0.5 and 0.8 in the three bands. */
START_TEST(corridor_shape)
{
    const double x = 23618430.0;
    const double edge[] = { 0.03 * x, 0.08 * x, -0.03 * x, -0.08 * x };
    double prev = -INFINITY;

    for (size_t k = 0; k < 4; k++) {
        double below = pay_at("aca", x + edge[k] - 0.01);
        double above = pay_at("aca", x + edge[k] + 0.01);

        ck_assert_double_ge(above - below, 0.0);
        ck_assert_double_le(above - below, 0.02);
    }
    for (int i = -500; i <= 500; i++) {
        double d = i * 6789.1;
        double up = pay_at("aca", x + d);

        ck_assert_double_ge(up, prev);
        ck_assert_double_eq_tol(pay_at("aca", x - d) - x, x - up, 1e-6);
        prev = up;
    }
    ck_assert_double_eq_tol(pay_at("aca", x + 400000) - pay_at("aca", x),
                            0.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 1.05 * x + 1000)
                            - pay_at("aca", 1.05 * x), 500.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("aca", 1.2 * x + 1000)
                            - pay_at("aca", 1.2 * x), 800.0, 1e-6);
}
END_TEST

/* -- key checks ---------------------------------------------------- */

/* Each case appends a corridor contract "c" to
 * tests/data/one-service.ini; the error is expected at the line of the
 * marker. */
#define CORRIDOR "[contract.c]\ntype = corridor\nprovider = acute\n"

static const test_error_case keys_refused[] = {
    { "one-service.ini", CORRIDOR, "[contract.c]", 0,
      "needs key 'target' (a number, or auto)" },
    { "one-service.ini", CORRIDOR "target = 6e4\nouter = 0.05\ninner = 0.08\n",
      "[contract.c]", 0, "inner (0.08) must be less than outer (0.05)" },
    { "one-service.ini", CORRIDOR "target = 6e4\nouter = 0.02\n",
      "[contract.c]", 0, "inner (0.03) must be less than outer (0.02)" },
    { "one-service.ini", CORRIDOR "target = 6e4\ninner_share = 1.2\n",
      "inner_share", 0, "inner_share = 1.2: must be in [0, 1]" },
    { "one-service.ini", CORRIDOR "target = 6e4\ninner = 0\n",
      "inner = 0", 0, "inner = 0: must be > 0" },
    { "one-service.ini", CORRIDOR "target = 6e4\nbasis = activity\n",
      "[contract.c]", 0, "basis = activity values activity at tariff, "
      "but [service.visit] has no 'tariff'" },
    { "one-service.ini", CORRIDOR "target = 6e4\nbands = 0.02:0, inf:1\n",
      "bands", 0, "unknown key 'bands' for a contract of type corridor" },
};

START_TEST(corridor_keys_checked)
{
    test_error_case_run(&keys_refused[_i]);
}
END_TEST

static Suite *
corridor_suite(void)
{
    Suite *s = suite_create("contract_corridor");
    TCase *examples = tcase_create("worked examples");
    TCase *keys = tcase_create("keys");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, corridor_published_shape);
    tcase_add_test(examples, corridor_custom_terms);
    tcase_add_test(examples, corridor_shape);
    suite_add_tcase(s, examples);
    tcase_add_loop_test(keys, corridor_keys_checked, 0,
                        (int) TEST_N_OF(keys_refused));
    suite_add_tcase(s, keys);
    return s;
}

int
main(void)
{
    return test_run(corridor_suite());
}
