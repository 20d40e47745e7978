/* check_contract_aligned.c -- aligned (blended) payment: a fixed
 * element plus a rate of tariff for activity above or below plan, as in
 * the NHS blended payment of 2019/20 and the aligned payment and
 * incentive of 2022/23 and 2023/24: worked examples by hand, the shape
 * of the payment at the plan, and the errors in its terms.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* Tariffs of tests/data/pbr-terms.ini: non-elective 2,385.50, elective
 * 412.37 (T_EL), both delivered by the acute trust (provider 0). */
#define T_EL 412.37

TEST_BENCH_FIXTURE("pbr-terms.ini")

/* ---- aligned ----------------------------------------------------- */

/* Blended emergency payment 2019/20: fixed 9.8m, plan 4,102, 20% of
 * tariff either way:
 *  4,517 (415 above): 9.8m + 0.2 x 2,385.50 x 415 = 9,997,996.50
 *  3,877 (225 below): 9.8m - 0.2 x 2,385.50 x 225 = 9,692,652.50
 *  4,102 (at plan):   9,800,000.
 * Elective activity has no plan and moves nothing. */
START_TEST(blended_emergency_2019)
{
    test_bench_events(&fx, 1, 1, 6203, 0);
    test_bench_events(&fx, 1, 0, 4517, 0);
    ck_assert_double_eq_tol(pay("blended", 1), 9997996.5, 1e-6);
    test_bench_events(&fx, 1, 0, 3877, 0);
    ck_assert_double_eq_tol(pay("blended", 1), 9692652.5, 1e-6);
    test_bench_events(&fx, 1, 0, 4102, 0);
    ck_assert_double_eq_tol(pay("blended", 1), 9800000.0, 1e-6);
    test_bench_events(&fx, 1, 1, 9999, 0);
    ck_assert_double_eq_tol(pay("blended", 1), 9800000.0, 1e-6);
}
END_TEST

/* API 2022/23, year 2: fixed 31.7m x 1.017 = 32,238,900, with CQUIN
 * 1.25% scored 0.6: x 1.0075 = 32,480,691.75; plan 6,350 x 1.04 =
 * 6,604 elective admissions; 75% of 412.37 either way:
 *  6,203 (401 below): - 0.75 x 412.37 x 401 = -124,020.2775
 *      -> 32,356,671.4725
 *  7,019 (415 above): + 0.75 x 412.37 x 415 = 128,350.1625
 *      -> 32,609,041.9125
 * Non-elective activity has no plan and moves nothing. */
START_TEST(api_2022_elective)
{
    test_bench_events(&fx, 2, 0, 4517, 0);
    test_bench_events(&fx, 2, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32356671.4725, 1e-5);
    test_bench_events(&fx, 2, 1, 7019, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32609041.9125, 1e-5);
    test_bench_events(&fx, 2, 1, 6604, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32480691.75, 1e-5);
    test_bench_events(&fx, 2, 0, 1234, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32480691.75, 1e-5);
}
END_TEST

/* API 2022/23 as operated, no clawback below plan: fixed 12.5m, plan
 * 6,350; 6,203 admissions: 12,500,000; 6,791 (441 above):
 * 12.5m + 0.75 x 412.37 x 441 = 12,636,391.3775. */
START_TEST(api_2022_without_clawback)
{
    test_bench_events(&fx, 1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("api22_op", 1), 12500000.0, 1e-6);
    test_bench_events(&fx, 1, 1, 6791, 0);
    ck_assert_double_eq_tol(pay("api22_op", 1), 12636391.3775, 1e-5);
}
END_TEST

/* From 2023/24 elective activity is paid at 100% of unit price: with
 * the fixed element set at plan x price (6,350 x 412.37 =
 * 2,618,549.50) the payment is pbr on elective activity, whatever it
 * is: 6,203 -> 2,557,931.11; 7,019 -> 2,894,425.03. */
START_TEST(api_2023_is_pbr_on_planned_activity)
{
    test_bench_events(&fx, 1, 0, 4517, 0);
    test_bench_events(&fx, 1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("api23", 1), 2557931.11, 1e-6);
    test_bench_events(&fx, 1, 1, 7019, 0);
    ck_assert_double_eq_tol(pay("api23", 1), 2894425.03, 1e-6);
    for (int a = 5000; a < 8000; a += 173) {
        test_bench_events(&fx, 1, 1, a, 0);
        ck_assert_double_eq_tol(pay("api23", 1), T_EL * a, 1e-6);
    }
}
END_TEST

/* Asymmetric rates, two planned services: fixed 13.9m, 35% above plan,
 * 80% below.  Non-elective 4,517 (415 above plan 4,102) and elective
 * 6,203 (147 below plan 6,350):
 *   13.9m + 0.35 x 2,385.50 x 415 - 0.8 x 412.37 x 147
 *   = 13.9m + 346,493.875 - 48,494.712 = 14,197,999.163. */
START_TEST(aligned_asymmetric_two_services)
{
    test_bench_events(&fx, 1, 0, 4517, 0);
    test_bench_events(&fx, 1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("asym", 1), 14197999.163, 1e-5);
}
END_TEST

/* At the plan the payment is the fixed element; it is continuous
 * there, with slope rate_above x tariff above it and rate_below x
 * tariff below (0.35 x 2,385.50 = 834.925 and 0.8 x 2,385.50 =
 * 1,908.40 an admission), and never falls as activity rises. */
START_TEST(aligned_shape_at_plan)
{
    double at, prev = -INFINITY;

    test_bench_events(&fx, 1, 1, 6350, 0);
    test_bench_events(&fx, 1, 0, 4102, 0);
    at = pay("asym", 1);
    ck_assert_double_eq_tol(at, 13.9e6, 1e-6);
    test_bench_events(&fx, 1, 0, 4103, 0);
    ck_assert_double_eq_tol(pay("asym", 1) - at, 834.925, 1e-6);
    test_bench_events(&fx, 1, 0, 4101, 0);
    ck_assert_double_eq_tol(at - pay("asym", 1), 1908.4, 1e-6);
    test_bench_events(&fx, 1, 0, 4102 + 1e-6, 0);
    ck_assert_double_le(fabs(pay("asym", 1) - at), 1e-2);
    test_bench_events(&fx, 1, 0, 4102 - 1e-6, 0);
    ck_assert_double_le(fabs(pay("asym", 1) - at), 1e-2);
    for (int i = 0; i <= 400; i++) {
        double p;

        test_bench_events(&fx, 1, 0, 3700 + 2.11 * i, 0);
        test_bench_events(&fx, 1, 1, 6000 + 1.73 * i, 0);
        p = pay("asym", 1);
        ck_assert_double_ge(p, prev);
        prev = p;
    }
}
END_TEST

/* ---- terms that must be refused ---------------------------------- */

/* An aligned contract "c" for the acute trust of
 * tests/data/acute-community.ini, to which each case adds its terms. */
#define ALIGNED "[contract.c]\ntype = aligned\nprovider = acute\n"

static const test_error_case aligned_refused[] = {
    { "acute-community.ini", ALIGNED
      "plan.nonelective = 4102\nrate_above = 0.2\n", NULL, -1,
      "needs key 'fixed' (type aligned)" },
    { "acute-community.ini", ALIGNED "fixed = 9.8e6\nrate_above = 0.2\n", NULL,
      -1, "needs at least one plan.SERVICE key" },
    { "acute-community.ini", ALIGNED
      "fixed = 9.8e6\nplan.nonelective = 4102\n", NULL, -1,
      "needs key 'rate_above'" },
    { "acute-community.ini", ALIGNED
      "fixed = 9.8e6\nplan.district_nursing = 1\nrate_above = 0.2\n", NULL,
      -1, "plan.district_nursing: [service.district_nursing] is "
      "delivered by community, not by acute" },
    { "acute-community.ini", ALIGNED "fixed = 9.8e6\nplan.physio = 300\n"
      "rate_above = 0.2\n", NULL, -1,
      "plan.physio: activity away from plan is paid at "
      "tariff, but [service.physio] has no 'tariff'" },
    { "acute-community.ini", ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
      "rate_above = 0.2\nrate_below = -0.1\n", NULL, -1,
      "rate_below = -0.1: must be in [0, 1]" },
    { "acute-community.ini", ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
      "rate_above = 1.2\n", NULL, -1, "rate_above = 1.2: must be in [0, 1]" },
    { "acute-community.ini", ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
      "rate_above = 0.2\nplan_growth = -1\n", NULL, -1,
      "plan_growth = -1: must be in (-1, 1]" },
    { "acute-community.ini", ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
      "rate_above = 0.2\ncquin_score = 0.5\n", NULL, -1,
      "cquin_score needs key 'cquin'" },
    { "acute-community.ini", ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
      "rate_above = 0.2\nbaseline.nonelective = 4000\n", NULL, -1,
      "unknown key 'baseline.nonelective' for a contract of type aligned" },
};

START_TEST(aligned_terms_refused)
{
    test_error_case_run(&aligned_refused[_i]);
}
END_TEST

static Suite *
contract_aligned_suite(void)
{
    Suite *s = suite_create("contract_aligned");
    TCase *examples = tcase_create("worked examples");
    TCase *terms = tcase_create("terms");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, blended_emergency_2019);
    tcase_add_test(examples, api_2022_elective);
    tcase_add_test(examples, api_2022_without_clawback);
    tcase_add_test(examples, api_2023_is_pbr_on_planned_activity);
    tcase_add_test(examples, aligned_asymmetric_two_services);
    tcase_add_test(examples, aligned_shape_at_plan);
    suite_add_tcase(s, examples);
    tcase_add_loop_test(terms, aligned_terms_refused, 0,
                        (int) TEST_N_OF(aligned_refused));
    suite_add_tcase(s, terms);
    return s;
}

int
main(void)
{
    return test_run(contract_aligned_suite());
}
