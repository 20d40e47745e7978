/* check_arrangements.c -- pooled budgets and system risk shares:
 * worked examples of the settlement, their validation, and money
 * conservation with a local authority in a simulation.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* Three providers; a pool for community and social care funded by the
 * commissioner (62%) and the county council; an alliance of acute and
 * community.  Tallies are filled by hand. */
static const char *arr_ini =
    "[scenario]\nyears = 2\ntrials = 2\nseed = 1\n"
    "[population]\npersons = 1000\n"
    "[service.adm]\nprovider = acute\nrate = 0.1\nunit_cost = 1\n"
    "[service.visit]\nprovider = community\nrate = 0.1\nunit_cost = 1\n"
    "[service.package]\nprovider = social_care\nrate = 0.1\n"
    "unit_cost = 1\ntariff = 412.37\n"
    "[provider.acute]\nfixed_cost = 90e6\n"
    "[provider.community]\nfixed_cost = 20e6\n"
    "[provider.social_care]\n"
    "[commissioner]\nbudget = 160e6\n"
    "[local_authority]\nbudget = 25e6\nbudget_growth = 0.02\n"
    "[contract.acute_block]\ntype = block\nprovider = acute\n"
    "amount = 100e6\n"
    "[contract.community_block]\ntype = block\nprovider = community\n"
    "amount = 30e6\n"
    "[contract.care_pbr]\ntype = pbr\nprovider = social_care\n"
    "[pooled_budget.bcf]\nproviders = community, social_care\n"
    "amount = 52e6\ncommissioner_share = 0.62\noverspend_share = 0.5\n"
    "local_authority_cap = 1.5e6\n"
    "[system_risk_share.alliance]\nproviders = acute, community\n"
    "commissioner_share = 0.5\nshare.acute = 0.3\nshare.community = 0.2\n"
    "[option.plain]\ncontracts = acute_block, community_block, care_pbr\n"
    "[option.pooled]\ncontracts = acute_block, community_block, care_pbr\n"
    "pooled_budget = bcf\n"
    "[option.alliance]\n"
    "contracts = acute_block, community_block, care_pbr\n"
    "system_risk_share = alliance\n";

enum { COMM, ACUTE, COMMUNITY, CARE, LA, SYSTEM, PARTIES };

typedef struct {
    cap_scenario *sc;
    cap_population *pop;
    cap_tally *t;
    double income[PARTIES * 2], spend[PARTIES * 2];
} fixture;

static fixture fx;

static void
setup(void)
{
    fx.sc = test_scenario(arr_ini);
    ck_assert_int_eq(cap_population_alloc(fx.sc, &fx.pop), CAP_OK);
    fx.t = cap_tally_alloc(fx.sc, fx.pop);
    ck_assert_uint_eq(cap_ledger_parties(fx.sc), PARTIES);
    ck_assert_str_eq(cap_ledger_party_name(fx.sc, LA), "local_authority");
}

static void
teardown(void)
{
    cap_tally_free(fx.t);
    cap_population_free(fx.pop);
    cap_scenario_free(fx.sc);
}

/* Year-1 activity and variable cost of service k (one stratum). */
static void
set_service(size_t k, double events, double cost)
{
    fx.t->events[k * fx.t->n_strata] = events;
    fx.t->cost[k * fx.t->n_strata] = cost;
}

static void
settle(size_t option)
{
    cap_ledger_settle(fx.sc, option, fx.t, fx.income, fx.spend);
}

#define IN(p) fx.income[(p) * 2]
#define OUT(p) fx.spend[(p) * 2]

/* Money is conserved in year 1: the payers' spend is the providers'
 * income, and the system's net is everybody else's. */
static void
assert_conserved(void)
{
    double paid = OUT(COMM) + OUT(LA);
    double received = IN(ACUTE) + IN(COMMUNITY) + IN(CARE);
    double nets = 0.0;

    ck_assert_double_eq_tol(paid, received, 1e-6);
    for (int p = COMM; p < SYSTEM; p++)
        nets += IN(p) - OUT(p);
    ck_assert_double_eq_tol(IN(SYSTEM) - OUT(SYSTEM), nets, 1e-6);
    ck_assert_double_eq(IN(SYSTEM), 185e6);
}

/* Pool of 52m: the commissioner puts in 0.62 x 52m = 32,240,000 and the
 * council 19,760,000.  The pool pays community's block (30m) and social
 * care's packages at 412.37.
 *  55,000 packages: 22,680,350; pool pays 52,680,350, overspend 680,350,
 *    halved: 340,175 each.  Commissioner: 100m (acute, outside the pool)
 *    + 32,240,000 + 340,175 = 132,580,175; council 20,100,175.
 *  70,000 packages: 28,865,900; overspend 6,865,900, halves 3,432,950,
 *    but the council's part is capped at 1.5m: commissioner carries
 *    5,365,900 (137,605,900 in all), council 21,260,000.
 *  40,000 packages: 16,494,800; underspend 5,505,200 returned in halves:
 *    commissioner 129,487,400, council 17,007,400. */
START_TEST(pooled_budget_splits_the_difference)
{
    set_service(2, 55000, 1.0);
    settle(1);
    ck_assert_double_eq_tol(OUT(COMM), 132580175.0, 1e-6);
    ck_assert_double_eq_tol(OUT(LA), 20100175.0, 1e-6);
    ck_assert_double_eq(IN(LA), 25e6);
    assert_conserved();
    set_service(2, 70000, 1.0);
    settle(1);
    ck_assert_double_eq_tol(OUT(COMM), 137605900.0, 1e-6);
    ck_assert_double_eq_tol(OUT(LA), 21260000.0, 1e-6);
    assert_conserved();
    set_service(2, 40000, 1.0);
    settle(1);
    ck_assert_double_eq_tol(OUT(COMM), 129487400.0, 1e-6);
    ck_assert_double_eq_tol(OUT(LA), 17007400.0, 1e-6);
    assert_conserved();
    /* Without the pool the council pays nothing. */
    settle(0);
    ck_assert_double_eq(OUT(LA), 0.0);
    ck_assert_double_eq_tol(OUT(COMM), 100e6 + 30e6 + 40000 * 412.37,
                            1e-6);
    assert_conserved();
}
END_TEST

/* The council's part of an overspend rises with the overspend until the
 * cap, then stays flat; the commissioner's never falls. */
START_TEST(pooled_budget_cap_is_continuous)
{
    double last_la = -INFINITY, last_comm = -INFINITY;

    for (int n = 50000; n <= 80000; n += 250) {
        set_service(2, n, 1.0);
        settle(1);
        ck_assert_double_ge(OUT(LA), last_la);
        ck_assert_double_ge(OUT(COMM), last_comm);
        ck_assert_double_le(OUT(LA), 19760000.0 + 1.5e6 + 1e-6);
        if (last_la > -INFINITY)
            ck_assert_double_le(OUT(LA) - last_la, 0.5 * 250 * 412.37
                                + 1e-6);
        last_la = OUT(LA);
        last_comm = OUT(COMM);
    }
}
END_TEST

/* Alliance of acute and community around their blocks (100m, 30m).
 * Costs: acute 90m fixed + 14m = 104m (4m over), community 20m + 9m =
 * 29m (1m under): aggregate deviation D = 3m.  The commissioner carries
 * 0.5 D = 1.5m, acute 0.3 D = 0.9m, community 0.2 D = 0.6m:
 *   acute paid 104m - 0.9m = 103.1m, community 29m - 0.6m = 28.4m,
 * so community, though under budget, carries part of acute's overspend. */
START_TEST(system_risk_share_spreads_the_deviation)
{
    set_service(0, 1, 14e6);
    set_service(1, 1, 9e6);
    set_service(2, 1000, 1.0);
    settle(2);
    ck_assert_double_eq_tol(IN(ACUTE), 103.1e6, 1e-6);
    ck_assert_double_eq_tol(IN(COMMUNITY), 28.4e6, 1e-6);
    ck_assert_double_eq_tol(IN(ACUTE) - OUT(ACUTE), -0.9e6, 1e-6);
    ck_assert_double_eq_tol(IN(COMMUNITY) - OUT(COMMUNITY), -0.6e6, 1e-6);
    ck_assert_double_eq_tol(OUT(COMM), 130e6 + 1.5e6 + 412370.0, 1e-6);
    assert_conserved();
    /* Under the plain option each carries its own deviation. */
    settle(0);
    ck_assert_double_eq_tol(IN(ACUTE) - OUT(ACUTE), -4e6, 1e-6);
    ck_assert_double_eq_tol(IN(COMMUNITY) - OUT(COMMUNITY), 1e6, 1e-6);
}
END_TEST

/* A valid start to which each case adds its sections; the comments
 * number its lines. */
#define BASE_INI                                                       \
    "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"          /* 1-4 */   \
    "[population]\npersons = 10\n"                          /* 5-6 */   \
    "[service.s]\nprovider = a\nrate = 0.1\nunit_cost = 1\n" /* 7-10 */  \
    "[provider.a]\n[provider.b]\n"                          /* 11-12 */ \
    "[commissioner]\nbudget = 1\n"                          /* 13-14 */ \
    "[contract.ca]\ntype = block\nprovider = a\namount = 1\n" /* 15-18 */ \
    "[contract.cb]\ntype = block\nprovider = b\namount = 1\n" /* 19-22 */
#define OPTION "[option.o]\ncontracts = ca, cb\n"

/* Pooled budgets and system risk shares that must be refused, at the
 * line given, with the message fragment. */
static const test_error_case bad_arrangements[] = {
    { NULL, BASE_INI "[pooled_budget.p]\nproviders = a\namount = 5\n"
      "commissioner_share = 0.5\n" OPTION,
      NULL, 23, "needs a [local_authority] section" },
    { NULL, BASE_INI "[local_authority]\nbudget = 3\n"
      "[pooled_budget.p]\nproviders = a\namount = 5\n"
      "commissioner_share = 0.5\ncommissioner_cap = 1\n"
      "local_authority_cap = 1\n" OPTION,
      NULL, 25, "not both" },
    { NULL, BASE_INI "[local_authority]\nbudget = 3\n"
      "[pooled_budget.p]\nproviders = a, zed\namount = 5\n"
      "commissioner_share = 0.5\n" OPTION,
      NULL, 26, "no [provider.zed] section" },
    { NULL, BASE_INI "[system_risk_share.s]\n"
      "providers = a, b\ncommissioner_share = 0.4\nshare.a = 0.3\n"
      "share.b = 0.2\n" OPTION,
      NULL, 23, "add to 0.9" },
    { NULL, BASE_INI "[system_risk_share.s]\n"
      "providers = a\ncommissioner_share = 0.5\nshare.a = 0.3\n"
      "share.b = 0.2\n" OPTION,
      NULL, 27, "b is not a member" },
    { NULL, BASE_INI "[system_risk_share.s]\n"
      "providers = a, b\ncommissioner_share = 0.5\nshare.a = 0.5\n" OPTION,
      NULL, 23, "needs key 'share.b'" },
    { NULL, BASE_INI OPTION "pooled_budget = nowhere\n",
      NULL, 25, "no [pooled_budget.nowhere] section" },
};

START_TEST(arrangements_are_validated)
{
    test_error_case_run(&bad_arrangements[_i]);
}
END_TEST

/* In a simulation with a local authority: money conserved every trial,
 * and the four payers' and providers' risk shares add to 1. */
START_TEST(simulation_conserves_money)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 2\nseed = 4477\n"
        "[population]\npersons = 3000\n"
        "[frailty]\ncv = 1.1\npersistence = 0.5\n"
        "[demand]\nshock_sd = 0.08\n"
        "[service.adm]\nprovider = acute\nrate = 0.12\nunit_cost = 1800\n"
        "tariff = 2300\n"
        "[service.care]\nprovider = social_care\nrate = 0.05\n"
        "unit_cost = 4100\ntariff = 4400\n"
        "[provider.acute]\nfixed_cost = 2e5\n[provider.social_care]\n"
        "[commissioner]\nbudget = 1.3e6\n"
        "[local_authority]\nbudget = 7e5\n"
        "[contract.a]\ntype = pbr\nprovider = acute\n"
        "[contract.c]\ntype = pbr\nprovider = social_care\n"
        "[pooled_budget.bcf]\nproviders = social_care\namount = 6.5e5\n"
        "commissioner_share = 0.4\n"
        "[system_risk_share.all]\nproviders = acute, social_care\n"
        "commissioner_share = 0.6\nshare.acute = 0.25\n"
        "share.social_care = 0.15\n"
        "[option.both]\ncontracts = a, c\npooled_budget = bcf\n"
        "system_risk_share = all\n");
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d;
    double x[300], y[300], share[4], mcse[4], total = 0.0;

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = 300;
    cfg.seed = 4477;
    cfg.threads = 1;
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    for (size_t i = 0; i < o->trials; i++) {
        for (int yr = 1; yr <= 2; yr++) {
            double paid = o->spend[cap_outcomes_at(o, i, 0, 0, yr)]
                          + o->spend[cap_outcomes_at(o, i, 0, 3, yr)];
            double got = o->income[cap_outcomes_at(o, i, 0, 1, yr)]
                         + o->income[cap_outcomes_at(o, i, 0, 2, yr)];

            ck_assert_double_eq_tol(paid, got, 1e-6);
        }
    }
    cap_risk_shares(sc, o, 0, CAP_HORIZON, x, y, share, mcse);
    for (int p = 0; p < 4; p++)
        total += share[p];
    ck_assert_double_eq_tol(total, 1.0, 1e-9);
    /* The council carries part of the risk through the pool.  (Under
     * these tariffs, above marginal cost, more activity raises the
     * providers' margins, so their shares may be negative.) */
    ck_assert_double_gt(share[3], 4.0 * mcse[3]);
    ck_assert_double_lt(share[3], 1.0);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
arrangements_suite(void)
{
    Suite *s = suite_create("arrangements");
    TCase *examples = tcase_create("worked examples");
    TCase *checks = tcase_create("validation and simulation");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, pooled_budget_splits_the_difference);
    tcase_add_test(examples, pooled_budget_cap_is_continuous);
    tcase_add_test(examples, system_risk_share_spreads_the_deviation);
    tcase_set_timeout(checks, 30);
    tcase_add_loop_test(checks, arrangements_are_validated, 0,
                        (int) TEST_N_OF(bad_arrangements));
    tcase_add_test(checks, simulation_conserves_money);
    suite_add_tcase(s, examples);
    suite_add_tcase(s, checks);
    return s;
}

int
main(void)
{
    return test_run(arrangements_suite());
}
