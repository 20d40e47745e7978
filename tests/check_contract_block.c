/* check_contract_block.c -- the block contract: a fixed amount,
 * indexed, whatever the activity.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

TEST_BENCH_FIXTURE("contract-terms.ini")

/* block: 57m x 1.02^2 = 59,302,800 in year 3, whatever the activity. */
START_TEST(block_pays_indexed_amount)
{
    test_bench_service(&fx, 3, 0, 9999, 1e9);
    ck_assert_double_eq_tol(pay("block", 1), 57e6, 1e-6);
    ck_assert_double_eq_tol(pay("block", 3), 59302800.0, 1e-6);
}
END_TEST

static Suite *
block_suite(void)
{
    Suite *s = suite_create("contract_block");
    TCase *examples = tcase_create("worked examples");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, block_pays_indexed_amount);
    suite_add_tcase(s, examples);
    return s;
}

int
main(void)
{
    return test_run(block_suite());
}
