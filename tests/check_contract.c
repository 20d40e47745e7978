/* check_contract.c -- what the contract types share: the registry's
 * banded sharing (continuity, monotonicity, symmetry), targets set to
 * auto from the model's expectations, and the service terms the types
 * read.  Each type has its own suite, check_contract_TYPE.c.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* -- banded sharing -------------------------------------------------- */

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

/* -- target = auto -------------------------------------------------- */

/* target = auto is the model's expected basis in each year (closed
 * form, expect.h), times (1 + margin): with 1,200 people at 0.7 events
 * of 83 a year and no fixed cost, 69,720 in every year; with margin
 * 0.015, 70,765.80.  The payment at exactly that cost is the target. */
START_TEST(auto_target_is_expected_basis)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 2\nseed = 7\n"
        "[population]\npersons = 1200\n"
        "[service.visit]\nprovider = acute\nrate = 0.7\nunit_cost = 83\n"
        "tariff = 97.5\n"
        "[provider.acute]\n[commissioner]\nbudget = 9e4\n"
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = auto\nmargin = 0.015\nbands = 0.02:0, inf:1\n"
        "[contract.k]\ntype = corridor\nprovider = acute\n"
        "target = auto\nbasis = activity\n"
        "[option.o]\ncontracts = c\n");
    cap_population *pop;
    cap_tally *t;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    t = cap_tally_alloc(sc, pop);
    for (int year = 1; year <= 2; year++) {
        cap_settle_input in = { sc, t, 0, year, 0, 0.0 };
        size_t at = (size_t) (year - 1) * t->n_services * t->n_strata;

        /* Cost exactly on the auto target: paid the target. */
        t->cost[at] = 70765.8;
        ck_assert_double_eq_tol(cap_contract_pay(&sc->contracts[0], &in),
                                70765.8, 1e-6);
        /* Activity on the corridor's auto target, 840 x 97.5 = 81,900:
         * paid 81,900; 10% above it, the statutory 2.5% + 80% of 2%. */
        t->events[at] = 840;
        ck_assert_double_eq_tol(cap_contract_pay(&sc->contracts[1], &in),
                                81900.0, 1e-6);
        t->events[at] = 924;
        ck_assert_double_eq_tol(cap_contract_pay(&sc->contracts[1], &in),
                                81900.0 + 0.025 * 81900.0
                                + 0.8 * 0.02 * 81900.0, 1e-6);
    }
    cap_tally_free(t);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

/* margin goes with auto, indexation with a number: each case appends
 * contract "c" to tests/data/one-service.ini. */
static const test_error_case auto_refused[] = {
    { "one-service.ini", "[contract.c]\ntype = risk_share\nprovider = acute\n"
      "target = 6e4\nmargin = 0.01\nbands = 0.02:0, inf:1\n",
      "[contract.c]", 0, "margin goes with target = auto" },
    { "one-service.ini", "[contract.c]\ntype = corridor\nprovider = acute\n"
      "target = auto\nindexation = 0.02\n",
      "[contract.c]", 0, "already grows" },
};

START_TEST(auto_target_keys_checked)
{
    test_error_case_run(&auto_refused[_i]);
}
END_TEST

/* -- service terms --------------------------------------------------- */

/* Services of the provider without a plan need no tariff; the service
 * key readmission_share is read, and is 0 when not given. */
START_TEST(terms_accepted)
{
    cap_scenario *sc;

    sc = test_fixture_scenario("acute-community.ini",
                               "[contract.c]\ntype = aligned\n"
                               "provider = acute\nfixed = 9.8e6\n"
                               "plan.nonelective = 4102\n"
                               "rate_above = 0.2\n");
    ck_assert_double_eq(sc->services[0].readmission_share, 0.0);
    cap_scenario_free(sc);
    sc = test_fixture_scenario("pbr-terms.ini", NULL);
    ck_assert_double_eq(sc->services[0].readmission_share, 0.07);
    ck_assert_double_eq(sc->services[1].readmission_share, 0.0);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
contract_suite(void)
{
    Suite *s = suite_create("contract");
    TCase *shape = tcase_create("banded sharing");
    TCase *target = tcase_create("target = auto");
    TCase *terms = tcase_create("service terms");

    tcase_add_test(shape, banded_share_shape);
    suite_add_tcase(s, shape);
    tcase_add_test(target, auto_target_is_expected_basis);
    tcase_add_loop_test(target, auto_target_keys_checked, 0,
                        (int) TEST_N_OF(auto_refused));
    suite_add_tcase(s, target);
    tcase_add_test(terms, terms_accepted);
    suite_add_tcase(s, terms);
    return s;
}

int
main(void)
{
    return test_run(contract_suite());
}
