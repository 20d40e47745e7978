/* check_contract_pbr.c -- payment by results, plain and with a
 * marginal rate, unpaid readmissions and CQUIN: worked examples by hand,
 * the published NHS rules, the shape of the payment (continuity, slopes,
 * monotonicity) and the errors in its terms.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* The contracts of tests/data/pbr-terms.ini: tariffs non-elective
 * 2,385.50, elective 412.37; the acute trust (provider 0) delivers
 * both, a community provider a third service. */
TEST_BENCH_FIXTURE("pbr-terms.ini")

/* ---- pbr: plain ------------------------------------------------- */

/* pbr: 4,517 x 2,385.50 + 6,203 x 412.37 = 10,775,303.5 + 2,557,931.11 */
START_TEST(pbr_pays_tariff_times_activity)
{
    test_bench b;

    test_bench_open_fixture(&b, "contract-terms.ini");
    test_bench_service(&b, 2, 0, 4517, 9.1e6);
    test_bench_service(&b, 2, 1, 6203, 7.7e6);
    ck_assert_double_eq_tol(test_bench_pay(&b, "pbr", 2), 13333234.61,
                            1e-6);
    ck_assert_double_eq(test_bench_pay(&b, "pbr", 1), 0.0);
    /* Tariffs uplifted 2.1% a year: 13,333,234.61 x 1.021 in year 2. */
    ck_assert_double_eq_tol(test_bench_pay(&b, "pbr_up", 2),
                            13613232.53681, 1e-5);
    test_bench_close(&b);
}
END_TEST

/* ---- pbr: marginal rate ------------------------------------------ */

/* Baseline 4,102 non-elective admissions, marginal rate 30%:
 *  4,517 admissions: 4,102 + 0.3 x 415 = 4,226.5 paid admissions
 *      x 2,385.50 = 10,082,315.75; elective 6,203 x 412.37 =
 *      2,557,931.11 in full (no baseline): 12,640,246.86.  Plain pbr
 *      pays 0.7 x 415 x 2,385.50 = 692,987.75 more: 13,333,234.61.
 *  3,877 admissions, below the baseline: all at full tariff,
 *      9,248,583.50 + 2,557,931.11 = 11,806,514.61. */
START_TEST(marginal_rate_above_and_below_baseline)
{
    test_bench_events(&fx, 1, 0, 4517, 0);
    test_bench_events(&fx, 1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("mret", 1), 12640246.86, 1e-6);
    ck_assert_double_eq_tol(pay("pbr", 1), 13333234.61, 1e-6);
    test_bench_events(&fx, 1, 0, 3877, 0);
    ck_assert_double_eq_tol(pay("mret", 1), 11806514.61, 1e-6);
    ck_assert_double_eq_tol(pay("pbr", 1), 11806514.61, 1e-6);
}
END_TEST

/* Exactly at the baseline every admission is paid in full:
 * 4,102 x 2,385.50 = 9,785,321 + 2,557,931.11 = 12,343,252.11.  One
 * admission more adds 0.3 x 2,385.50 = 715.65, one fewer takes off the
 * full 2,385.50; a hair either side moves the payment by a hair. */
START_TEST(marginal_rate_edge_and_continuity)
{
    double at, up, down;

    test_bench_events(&fx, 1, 1, 6203, 0);
    test_bench_events(&fx, 1, 0, 4102, 0);
    at = pay("mret", 1);
    ck_assert_double_eq_tol(at, 12343252.11, 1e-6);
    ck_assert_double_eq_tol(pay("pbr", 1), at, 1e-6);
    test_bench_events(&fx, 1, 0, 4103, 0);
    ck_assert_double_eq_tol(pay("mret", 1) - at, 715.65, 1e-6);
    test_bench_events(&fx, 1, 0, 4101, 0);
    ck_assert_double_eq_tol(at - pay("mret", 1), 2385.5, 1e-6);
    test_bench_events(&fx, 1, 0, 4102 + 1e-6, 0);
    up = pay("mret", 1);
    test_bench_events(&fx, 1, 0, 4102 - 1e-6, 0);
    down = pay("mret", 1);
    ck_assert_double_ge(up, at);
    ck_assert_double_le(down, at);
    ck_assert_double_le(up - down, 1e-2);
}
END_TEST

/* Marginal rate 70%, baselines 4,102 (non-elective) and 6,500
 * (elective), tariffs uplifted 2.1%, year 2:
 *  non-elective 4,517: 4,102 + 0.7 x 415 = 4,392.5 x 2,385.50 =
 *      10,478,308.75; elective 6,203 is below its baseline, paid in
 *      full: 2,557,931.11; together 13,036,239.86 x 1.021 =
 *      13,310,000.89706.
 *  elective 6,911 as well: 6,500 + 0.7 x 411 = 6,787.7 x 412.37 =
 *      2,799,043.849; with non-elective 13,277,352.599 x 1.021 =
 *      13,556,177.003579. */
START_TEST(marginal_rate_per_service_and_indexed)
{
    test_bench_events(&fx, 2, 0, 4517, 0);
    test_bench_events(&fx, 2, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("mret70", 2), 13310000.89706, 1e-5);
    test_bench_events(&fx, 2, 1, 6911, 0);
    ck_assert_double_eq_tol(pay("mret70", 2), 13556177.003579, 1e-5);
}
END_TEST

/* ---- pbr: readmissions and CQUIN --------------------------------- */

/* 4,517 non-elective admissions of which 316 are readmissions: with
 * pay_readmissions = no, 4,201 x 2,385.50 = 10,021,485.50 +
 * 2,557,931.11 = 12,579,416.61.  By default readmissions are paid like
 * any admission: 13,333,234.61. */
START_TEST(readmissions_unpaid)
{
    test_bench_events(&fx, 1, 0, 4517, 316);
    test_bench_events(&fx, 1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("no_readm", 1), 12579416.61, 1e-6);
    ck_assert_double_eq_tol(pay("pbr", 1), 13333234.61, 1e-6);
    /* Readmissions of the elective service are withheld alike:
     * 57 x 412.37 = 23,505.09 less. */
    test_bench_events(&fx, 1, 1, 6203, 57);
    ck_assert_double_eq_tol(pay("no_readm", 1), 12555911.52, 1e-6);
}
END_TEST

/* CQUIN 2.5% at full achievement (the default score):
 * 13,333,234.61 x 1.025 = 13,666,565.47525; with score 0 nothing is
 * added. */
START_TEST(cquin_on_top_of_pbr)
{
    test_bench_events(&fx, 3, 0, 4517, 0);
    test_bench_events(&fx, 3, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("cquin", 3), 13666565.47525, 1e-5);
    ck_assert_double_eq_tol(pay("cquin0", 3), 13333234.61, 1e-6);
}
END_TEST

/* All three: baseline 4,102 at 30%, readmissions unpaid, CQUIN 2.5%
 * scored 0.8 (factor 1 + 0.025 x 0.8 = 1.02).
 *  4,517 admissions, 316 readmissions: 4,201 paid events, 99 above the
 *      baseline: 4,102 + 0.3 x 99 = 4,131.7 x 2,385.50 = 9,856,170.35;
 *      + 2,557,931.11 = 12,414,101.46 x 1.02 = 12,662,383.4892.
 *  500 readmissions: 4,017 paid events, below the baseline:
 *      9,582,553.50 + 2,557,931.11 = 12,140,484.61 x 1.02 =
 *      12,383,294.3022. */
START_TEST(marginal_rate_on_paid_events_with_cquin)
{
    test_bench_events(&fx, 1, 0, 4517, 316);
    test_bench_events(&fx, 1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("all", 1), 12662383.4892, 1e-5);
    test_bench_events(&fx, 1, 0, 4517, 500);
    ck_assert_double_eq_tol(pay("all", 1), 12383294.3022, 1e-5);
}
END_TEST

/* The pbr payment never falls when activity rises, readmissions held
 * fixed, and never rises when more of the activity is readmissions. */
START_TEST(pbr_monotone_in_activity)
{
    static const char *const names[] = {
        "pbr", "mret", "mret70", "no_readm", "cquin", "all"
    };

    for (size_t c = 0; c < sizeof names / sizeof names[0]; c++) {
        double prev = -INFINITY;

        test_bench_events(&fx, 2, 1, 6203, 0);
        for (int i = 0; i <= 300; i++) {
            double p;

            test_bench_events(&fx, 2, 0, 3800 + 2.37 * i, 211);
            p = pay(names[c], 2);
            ck_assert_msg(p >= prev, "%s falls at %d", names[c], i);
            prev = p;
        }
        prev = INFINITY;
        for (int r = 0; r <= 400; r += 7) {
            double p;

            test_bench_events(&fx, 2, 0, 4517, r);
            p = pay(names[c], 2);
            ck_assert_msg(p <= prev, "%s rises with readmissions",
                          names[c]);
            prev = p;
        }
    }
}
END_TEST

/* ---- terms that must be refused ---------------------------------- */

/* A pbr contract "c" for the community provider of
 * tests/data/acute-community.ini, to which each case adds its terms. */
#define PBR "[contract.c]\ntype = pbr\nprovider = community\n"

static const test_error_case pbr_refused[] = {
    { "acute-community.ini", PBR "baseline.district_nursing = 5000\n", NULL,
      -1, "needs key 'marginal_rate'" },
    { "acute-community.ini", PBR "marginal_rate = 0.3\n", NULL, -1,
      "marginal_rate needs at least one baseline.SERVICE" },
    { "acute-community.ini", PBR "marginal_rate = 1.3\n", NULL, -1,
      "marginal_rate = 1.3: must be in [0, 1]" },
    { "acute-community.ini", PBR
      "marginal_rate = 0.3\nbaseline.nonelective = 80\n", NULL, -1,
      "baseline.nonelective: [service.nonelective] is "
      "delivered by acute, not by community" },
    { "acute-community.ini", PBR
      "marginal_rate = 0.3\nbaseline.nursing = 80\n", NULL, -1,
      "baseline.nursing = 80: no [service.nursing] section" },
    { "acute-community.ini", PBR "marginal_rate = 0.3\n"
      "baseline.district_nursing = -3\n", NULL, -1,
      "baseline.district_nursing = -3: must be >= 0" },
    { "acute-community.ini", PBR "pay_readmissions = maybe\n", NULL, -1,
      "pay_readmissions = maybe: must be yes or no" },
    { "acute-community.ini", PBR "cquin_score = 0.8\n", NULL, -1,
      "cquin_score needs key 'cquin'" },
    { "acute-community.ini", PBR "cquin = 1.5\n", NULL, -1,
      "cquin = 1.5: must be in [0, 1]" },
    { "acute-community.ini", PBR "cquin = 0.02\ncquin_score = 1.01\n", NULL,
      -1, "cquin_score = 1.01: must be in [0, 1]" },
    /* A readmission share of 1 would make every event a readmission. */
    { "acute-community.ini", "[service.x]\nprovider = acute\nrate = 1\n"
      "unit_cost = 1\nreadmission_share = 1\n" PBR, NULL, -1,
      "readmission_share = 1: must be in [0, 1)" },
};

START_TEST(pbr_terms_refused)
{
    test_error_case_run(&pbr_refused[_i]);
}
END_TEST

static Suite *
contract_pbr_suite(void)
{
    Suite *s = suite_create("contract_pbr");
    TCase *plain = tcase_create("plain pbr");
    TCase *refined = tcase_create("pbr refinements");
    TCase *terms = tcase_create("terms");

    tcase_add_test(plain, pbr_pays_tariff_times_activity);
    suite_add_tcase(s, plain);
    tcase_add_checked_fixture(refined, setup, teardown);
    tcase_add_test(refined, marginal_rate_above_and_below_baseline);
    tcase_add_test(refined, marginal_rate_edge_and_continuity);
    tcase_add_test(refined, marginal_rate_per_service_and_indexed);
    tcase_add_test(refined, readmissions_unpaid);
    tcase_add_test(refined, cquin_on_top_of_pbr);
    tcase_add_test(refined, marginal_rate_on_paid_events_with_cquin);
    tcase_add_test(refined, pbr_monotone_in_activity);
    suite_add_tcase(s, refined);
    tcase_add_loop_test(terms, pbr_terms_refused, 0,
                        (int) TEST_N_OF(pbr_refused));
    suite_add_tcase(s, terms);
    return s;
}

int
main(void)
{
    return test_run(contract_pbr_suite());
}
