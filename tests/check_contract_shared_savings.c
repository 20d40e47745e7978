/* check_contract_shared_savings.c -- the shared_savings contract: worked
 * examples by hand, its thresholds, caps and minimum-savings-rate table,
 * the shape of the reconciliation, its checks, and money conservation
 * over simulated trials.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* tests/data/savings-terms.ini: one provider (an ACO) with two services.
 * Activity is paid at 2,385.50 an admission and 61.37 a visit, so the
 * fee-for-service spend of a admissions and b visits is
 * S = 2,385.50 a + 61.37 b.  Every contract has the benchmark
 * B = 41,372,650 in year 1.  MSR_TABLE is the published table of
 * minimum savings rates by size that contract "sized" uses. */
#define MSR_TABLE "5000:0.039, 6000:0.036, 7000:0.034, 8000:0.032, " \
    "9000:0.031, 10000:0.030, 15000:0.027, 20000:0.025, 50000:0.022, " \
    "60000:0.020"

TEST_BENCH_FIXTURE("savings-terms.ini")

/* a admissions and b visits in year y (stratum 0). */
static void
set_activity(int year, double a, double b)
{
    cap_tally *t = fx.t;
    size_t at = (size_t) (year - 1) * t->n_services * t->n_strata;

    t->events[at] = a;
    t->events[at + t->n_strata] = b;
}

/* The people registered in year y, all in stratum 0. */
static void
set_persons(int year, double persons)
{
    fx.t->persons[(size_t) (year - 1) * fx.t->n_strata] = persons;
}

/* Fee-for-service spend of the year, as the tallies value it. */
static double
spend(int year)
{
    return cap_tally_provider_tariff_value(fx.t, 0, year);
}

/* one: MSR x B = 0.025 x 41,372,650 = 1,034,316.25, so savings count
 * from a spend of 40,338,333.75 down.
 *  12,357 admissions + 176,971 visits: S = 29,477,623.50 +
 *    10,860,710.27 = 40,338,333.77; savings 1,034,316.23 are 2 cents
 *    short of the MSR: payment = S = 40,338,333.77.
 *  12,535 admissions + 170,052 visits: S = 29,902,242.50 +
 *    10,436,091.24 = 40,338,333.74; savings 1,034,316.26 reach the MSR
 *    and are shared from the first dollar: 0.46 x 1,034,316.26 =
 *    475,785.4796, payment 40,814,119.2196.
 * Spend 3 cents lower, payment 475,785.45 higher: the discontinuity of
 * first-dollar sharing, 0.46 x the MSR in money. */
START_TEST(one_sided_msr_threshold)
{
    double below, above;

    set_activity(1, 12357, 176971);
    ck_assert_double_eq_tol(spend(1), 40338333.77, 1e-6);
    below = pay("one", 1);
    ck_assert_double_eq_tol(below, 40338333.77, 1e-6);
    set_activity(1, 12535, 170052);
    ck_assert_double_eq_tol(spend(1), 40338333.74, 1e-6);
    above = pay("one", 1);
    ck_assert_double_eq_tol(above, 40814119.2196, 1e-6);
    ck_assert_double_eq_tol(above - below, 475785.4496, 1e-6);
    /* The jump is the whole shared MSR, not a rounding of it. */
    ck_assert_double_ge(above - below, 0.46 * 1034316.25 - 0.1);
}
END_TEST

/* one, savings well inside the sharing range and then past the cap
 * (10% of B = 4,137,265, reached when 0.46 x savings does, at savings
 * of 8,994,054.35):
 *  11,000 + 150,000: S = 26,240,500 + 9,205,500 = 35,446,000; savings
 *    5,926,650; 0.46 x = 2,726,259 under the cap: payment 38,172,259.
 *  10,000 + 120,000: S = 23,855,000 + 7,364,400 = 31,219,400; savings
 *    10,153,250; 0.46 x = 4,670,495 over the cap: payment 31,219,400 +
 *    4,137,265 = 35,356,665.
 *  13,000 + 190,000: S = 31,011,500 + 11,660,300 = 42,671,800, over
 *    the benchmark; one-sided, so the payment is S. */
START_TEST(one_sided_sharing_and_cap)
{
    set_activity(1, 11000, 150000);
    ck_assert_double_eq_tol(pay("one", 1), 38172259.0, 1e-6);
    set_activity(1, 10000, 120000);
    ck_assert_double_eq_tol(pay("one", 1), 35356665.0, 1e-6);
    set_activity(1, 13000, 190000);
    ck_assert_double_eq_tol(pay("one", 1), 42671800.0, 1e-6);
}
END_TEST

/* one in year 2: B = 41,372,650 x 1.023 = 42,324,220.95, cap
 * 4,232,422.095.  S = 35,446,000: savings 6,878,220.95, 0.46 x =
 * 3,163,981.637: payment 38,609,981.637.  In year 3 the same activity
 * meets B = 41,372,650 x 1.023^2 = 43,297,678.03185: savings
 * 7,851,678.03185, 0.46 x = 3,611,771.894651 (still under the cap of
 * 4,329,767.803185): payment 39,057,771.894651. */
START_TEST(one_sided_benchmark_indexed)
{
    set_activity(2, 11000, 150000);
    ck_assert_double_eq_tol(pay("one", 2), 38609981.637, 1e-6);
    set_activity(3, 11000, 150000);
    ck_assert_double_eq_tol(pay("one", 3), 39057771.894651, 1e-6);
}
END_TEST

/* sized: MSR interpolated in the published table.  14,686 admissions +
 * 80,441 visits: S = 35,033,453 + 4,936,664.17 = 39,970,117.17,
 * savings 1,402,532.83 (3.38999999% of B).
 *   persons  MSR                                   MSR x B       shared?
 *    4,000   3.9% (flat below the first point)     1,613,533.35  no
 *    5,500   3.9 + (3.6 - 3.9) x 0.5   = 3.75%     1,551,474.375 no
 *    7,000   3.4% (a point)                        1,406,670.10  no
 *    7,100   3.4 + (3.2 - 3.4) x 0.1   = 3.38%     1,398,395.57  yes
 *   12,000   3.0 + (2.7 - 3.0) x 0.4   = 2.88%     1,191,532.32  yes
 *   75,000   2.0% (flat beyond the last point)       827,453     yes
 * Shared: 0.5 x 1,402,532.83 = 701,266.415, payment 40,671,383.585. */
START_TEST(msr_interpolated_by_size)
{
    static const struct {
        double persons;
        double payment;
    } cases[] = {
        { 4000, 39970117.17 },
        { 5500, 39970117.17 },
        { 7000, 39970117.17 },
        { 7100, 40671383.585 },
        { 12000, 40671383.585 },
        { 75000, 40671383.585 }
    };

    set_activity(1, 14686, 80441);
    ck_assert_double_eq_tol(spend(1), 39970117.17, 1e-6);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_persons(1, cases[i].persons);
        ck_assert_msg(fabs(pay("sized", 1) - cases[i].payment) < 1e-6,
                      "%g persons: payment %.6f, expected %.6f",
                      cases[i].persons, pay("sized", 1), cases[i].payment);
    }
}
END_TEST

/* sized, a cent either side of the interpolated MSR: at 5,500 people
 * savings of 3.75% of B + 0.01 = 1,551,474.385 are shared (payment
 * S + 775,737.1925) and savings of 1,551,474.365 are not (payment S);
 * at 12,000 people the same at 2.88% of B = 1,191,532.32.  Spend is
 * put exactly where it is wanted with visits only, in fractional
 * numbers: b = S / 61.37. */
START_TEST(msr_interpolated_exact_edges)
{
    static const double persons[] = { 5500, 12000 };
    static const double rate[] = { 0.0375, 0.0288 };

    for (size_t i = 0; i < 2; i++) {
        double bench = 41372650.0, edge = bench - rate[i] * bench;

        set_persons(1, persons[i]);
        set_activity(1, 0, (edge - 0.01) / 61.37);
        ck_assert_double_eq_tol(pay("sized", 1),
                                edge - 0.01 + 0.5 * (rate[i] * bench
                                                     + 0.01), 1e-5);
        set_activity(1, 0, (edge + 0.01) / 61.37);
        ck_assert_double_eq_tol(pay("sized", 1), edge + 0.01, 1e-5);
    }
}
END_TEST

/* two: MSR = MLR = 2% of B = 827,453; losses count from a spend of
 * 42,200,103 up.
 *  12,761 + 191,604: S = 30,441,365.50 + 11,758,737.48 =
 *    42,200,102.98; losses 827,452.98 under the MLR: payment = S.
 *  12,583 + 198,523: S = 30,016,746.50 + 12,183,356.51 =
 *    42,200,103.01; losses 827,453.01 reach the MLR and are shared from
 *    the first dollar: the provider repays 0.4 x 827,453.01 =
 *    330,981.204, payment 41,869,121.806 -- 330,981.174 less for 3
 *    cents more spend.
 *  13,000 + 190,000: S = 42,671,800, losses 1,299,150, repays
 *    519,660: payment 42,152,140.
 *  15,000 + 260,000: S = 35,782,500 + 15,956,200 = 51,738,700, losses
 *    10,366,050; 0.4 x = 4,146,420 over the loss cap 4,137,265:
 *    payment 51,738,700 - 4,137,265 = 47,601,435.
 *  11,000 + 150,000: S = 35,446,000, savings 5,926,650 over the MSR;
 *    0.6 x = 3,555,990 under the cap 6,205,897.5: payment 39,001,990.
 *  12,357 + 176,971: S = 40,338,333.77, savings 1,034,316.23 (2.5%,
 *    over the MSR): payment + 0.6 x = 40,958,923.508. */
START_TEST(two_sided_losses)
{
    double under, over;

    set_activity(1, 12761, 191604);
    under = pay("two", 1);
    ck_assert_double_eq_tol(under, 42200102.98, 1e-6);
    set_activity(1, 12583, 198523);
    over = pay("two", 1);
    ck_assert_double_eq_tol(over, 41869121.806, 1e-6);
    ck_assert_double_eq_tol(under - over, 330981.174, 1e-6);
    set_activity(1, 13000, 190000);
    ck_assert_double_eq_tol(pay("two", 1), 42152140.0, 1e-6);
    set_activity(1, 15000, 260000);
    ck_assert_double_eq_tol(pay("two", 1), 47601435.0, 1e-6);
    set_activity(1, 11000, 150000);
    ck_assert_double_eq_tol(pay("two", 1), 39001990.0, 1e-6);
    set_activity(1, 12357, 176971);
    ck_assert_double_eq_tol(pay("two", 1), 40958923.508, 1e-6);
}
END_TEST

/* two_mlr: its own MLR of 3.5% (1,448,042.75) keeps losses of
 * 1,299,150 unshared (payment S = 42,671,800), while a loss of
 * 10,366,050 is still capped at 4,137,265 (payment 47,601,435).  Its
 * MSR stays 2%: savings of 1,034,316.23 are shared as in two. */
START_TEST(two_sided_own_mlr)
{
    set_activity(1, 13000, 190000);
    ck_assert_double_eq_tol(pay("two_mlr", 1), 42671800.0, 1e-6);
    set_activity(1, 15000, 260000);
    ck_assert_double_eq_tol(pay("two_mlr", 1), 47601435.0, 1e-6);
    set_activity(1, 12357, 176971);
    ck_assert_double_eq_tol(pay("two_mlr", 1), 40958923.508, 1e-6);
}
END_TEST

/* Sweeping spend from 50% to 150% of B: the reconciliation
 * (payment - S) never rises with spend; the payment never falls with
 * spend except where spend crosses a threshold (at most once each for
 * the MSR and the MLR), where it drops by the first-dollar share. */
static void
sweep(const char *contract, double msr, double mlr)
{
    double bench = 41372650.0;
    double prev_s = 0.0, prev_pay = 0.0, prev_r = 0.0;
    int drops = 0;

    /* The step, 0.0251% of B, puts no spend exactly on a threshold,
     * where rounding would decide which side it falls. */
    for (int i = 0; i <= 4000; i++) {
        double s, p, r;

        set_activity(1, 0, (0.5 + i * 0.000251) * bench / 61.37);
        s = spend(1);
        p = pay(contract, 1);
        r = p - s;
        if (i > 0) {
            ck_assert_msg(r <= prev_r + 1e-6, "%s: reconciliation rises "
                          "from %.2f to %.2f at spend %.2f", contract,
                          prev_r, r, s);
            if (p < prev_pay - 1e-6) {
                int at_msr = prev_s <= bench - msr * bench
                             && s > bench - msr * bench;
                int at_mlr = prev_s < bench + mlr * bench
                             && s >= bench + mlr * bench;

                ck_assert_msg(at_msr || at_mlr, "%s: payment falls at "
                              "spend %.2f, not at a threshold", contract,
                              s);
                drops++;
            }
        }
        prev_s = s;
        prev_pay = p;
        prev_r = r;
    }
    ck_assert_int_eq(drops, mlr < INFINITY ? 2 : 1);
}

START_TEST(reconciliation_monotone_between_thresholds)
{
    set_persons(1, 25000);
    sweep("one", 0.025, INFINITY);
    sweep("two", 0.02, 0.02);
    sweep("two_mlr", 0.02, 0.035);
    /* 25,000 persons: 2.5 + (2.2 - 2.5) x 5,000 / 30,000 = 2.45% */
    sweep("sized", 0.0245, INFINITY);
}
END_TEST

/* Between the thresholds and below the caps the payment's slope in
 * spend is 1 - the share: 0.54 (one), 0.4 (two, savings), 0.6 (two,
 * losses), 1 where capped. */
START_TEST(slopes)
{
    double p0, p1;

    set_activity(1, 11000, 150000);
    p0 = pay("one", 1);
    set_activity(1, 11000, 150000 + 1000 / 61.37);
    p1 = pay("one", 1);
    ck_assert_double_eq_tol(p1 - p0, 540.0, 1e-6);
    p0 = pay("two", 1);
    set_activity(1, 11000, 150000);
    p1 = pay("two", 1);
    ck_assert_double_eq_tol(p0 - p1, 400.0, 1e-6);
    set_activity(1, 13000, 190000);
    p0 = pay("two", 1);
    set_activity(1, 13000, 190000 + 1000 / 61.37);
    p1 = pay("two", 1);
    ck_assert_double_eq_tol(p1 - p0, 600.0, 1e-6);
    set_activity(1, 15000, 260000);
    p0 = pay("two", 1);
    set_activity(1, 15000, 260000 + 1000 / 61.37);
    p1 = pay("two", 1);
    ck_assert_double_eq_tol(p1 - p0, 1000.0, 1e-6);
}
END_TEST

/* Checks of the terms: each bad section gives its message. */
#define BASE_S \
    "[scenario]\nyears = 2\ntrials = 2\nseed = 1\n" \
    "[population]\npersons = 6000\n" \
    "[service.visit]\nprovider = aco\nrate = 4.1\nunit_cost = 70\n" \
    "tariff = 61.37\n" \
    "[provider.aco]\n[commissioner]\nbudget = 1e6\n" \
    "[option.o]\ncontracts = c\n" \
    "[contract.c]\ntype = shared_savings\nprovider = aco\n"
#define GOOD_S BASE_S "benchmark = 1.5e6\nmin_savings_rate = 0.02\n" \
    "sharing_rate = 0.5\nsavings_cap = 0.1\n"

/* Each case is a contract "c" with bad terms; it must be refused with
 * its message, at whatever line. */
static const test_error_case terms_refused[] = {
    { NULL, BASE_S "min_savings_rate = 0.02\nsharing_rate = 0.5\n"
      "savings_cap = 0.1\n", NULL, -1,
      "[contract.c] needs key 'benchmark' (a number, or auto)" },
    { NULL, BASE_S "benchmark = 1.5e6\nsharing_rate = 0.5\n"
      "savings_cap = 0.1\n", NULL, -1, "needs key 'min_savings_rate'" },
    { NULL, BASE_S "benchmark = auto\nindexation = 0.03\n"
      "min_savings_rate = 0.02\nsharing_rate = 0.5\nsavings_cap = 0.1\n",
      NULL, -1, "already grows" },
    { NULL, BASE_S "benchmark = 1.5e6\nmin_savings_rate = 0.02\n"
      "savings_cap = 0.1\n", NULL, -1, "needs key 'sharing_rate'" },
    { NULL, BASE_S "benchmark = 1.5e6\nmin_savings_rate = 0.02\n"
      "sharing_rate = 0.5\n", NULL, -1, "needs key 'savings_cap'" },
    { NULL, GOOD_S "quality_score = 1.2\n", NULL, -1,
      "[contract.c] quality_score = 1.2: must be in [0, 1]" },
    { NULL, BASE_S "benchmark = 0\nmin_savings_rate = 0.02\n"
      "sharing_rate = 0.5\nsavings_cap = 0.1\n", NULL, -1,
      "benchmark = 0: must be > 0" },
    { NULL, BASE_S "benchmark = 1.5e6\nmin_savings_rate = small\n"
      "sharing_rate = 0.5\nsavings_cap = 0.1\n", NULL, -1,
      "min_savings_rate = small: must be a number in [0, 1] or by_size" },
    { NULL, BASE_S "benchmark = 1.5e6\nmin_savings_rate = by_size\n"
      "sharing_rate = 0.5\nsavings_cap = 0.1\n", NULL, -1,
      "min_savings_rate = by_size needs key 'msr_table'" },
    { NULL, GOOD_S "msr_table = 5000:0.039\n", NULL, -1,
      "msr_table is used only with min_savings_rate = by_size" },
    { NULL, GOOD_S "msr_table = 6000:0.036, 5000:0.039\n", NULL, -1,
      "point 2: persons must be >= 0 and increasing" },
    { NULL, GOOD_S "msr_table = 5000:3.9\n", NULL, -1,
      "point 1: rate must be in [0, 1]" },
    { NULL, GOOD_S "msr_table = 5000\n", NULL, -1,
      "point '5000' is not persons:rate" },
    { NULL, GOOD_S "two_sided = maybe\n", NULL, -1,
      "two_sided = maybe: must be yes or no" },
    { NULL, GOOD_S "two_sided = yes\nloss_cap = 0.1\n", NULL, -1,
      "needs key 'loss_sharing_rate'" },
    { NULL, GOOD_S "two_sided = yes\nloss_sharing_rate = 0.4\n", NULL, -1,
      "needs key 'loss_cap'" },
    { NULL, GOOD_S "loss_sharing_rate = 0.4\n", NULL, -1,
      "min_loss_rate, loss_sharing_rate and loss_cap need "
      "two_sided = yes" },
    { NULL, GOOD_S "min_loss_rate = 0.02\ntwo_sided = no\n", NULL, -1,
      "need two_sided = yes" },
    { NULL, GOOD_S "target = 1e6\n", NULL, -1,
      "unknown key 'target' for a contract of type shared_savings" },
    { NULL, BASE_S "benchmark = 1.5e6\nmin_savings_rate = 0.02\n"
      "sharing_rate = 0.5\nsavings_cap = 0.1\n"
      "[service.admission]\nprovider = aco\nrate = 0.1\nunit_cost = 2000\n",
      NULL, -1, "type shared_savings pays tariffs, but "
      "[service.admission] has no 'tariff'" },
};

START_TEST(terms_accepted)
{
    cap_scenario_free(test_scenario(GOOD_S));
}
END_TEST

START_TEST(terms_checked)
{
    test_error_case_run(&terms_refused[_i]);
}
END_TEST

/* Conservation and the reconciliation rule over simulated trials: a
 * small ACO (3,000 people, so spend strays a few percent from the
 * benchmark) under plain pbr and three shared-savings contracts.  In
 * every trial and year the commissioner pays exactly what the provider
 * receives, and each option's payment is the pbr payment S (the same
 * demand: common random numbers) plus the reconciliation worked out
 * again here from S. */
static const char *sim_ini =
    "[scenario]\nyears = 3\ntrials = 120\nseed = 20240611\n"
    "[population]\npersons = 3000\n"
    "[frailty]\ncv = 1.5\npersistence = 0.5\n"
    "[demand]\ntrend = 0.02\ntrend_sd = 0.02\nshock_sd = 0.06\n"
    "[service.admission]\nprovider = aco\nrate = 0.12\n"
    "unit_cost = 2100\ncost_cv = 1.0\ntariff = 2385.5\n"
    "[service.visit]\nprovider = aco\nrate = 4.1\nunit_cost = 58\n"
    "tariff = 61.37\n"
    "[provider.aco]\nfixed_cost = 1.5e5\n"
    "[commissioner]\nbudget = 1.7e6\n"
    "[contract.pbr]\ntype = pbr\nprovider = aco\n"
    "[contract.one]\ntype = shared_savings\nprovider = aco\n"
    "benchmark = 1.62e6\nindexation = 0.02\n"
    "min_savings_rate = by_size\nmsr_table = " MSR_TABLE "\n"
    "sharing_rate = 0.5\nsavings_cap = 0.1\n"
    "[contract.two]\ntype = shared_savings\nprovider = aco\n"
    "benchmark = 1.62e6\nindexation = 0.02\n"
    "min_savings_rate = 0.02\ntwo_sided = yes\nsharing_rate = 0.6\n"
    "quality_score = 0.85\nsavings_cap = 0.15\n"
    "loss_sharing_rate = 0.4\nloss_cap = 0.1\n"
    "[contract.tight]\ntype = shared_savings\nprovider = aco\n"
    "benchmark = 1.62e6\nindexation = 0.02\n"
    "min_savings_rate = 0\ntwo_sided = yes\nsharing_rate = 0.5\n"
    "savings_cap = 0.02\nloss_sharing_rate = 0.5\nloss_cap = 0.02\n"
    "[option.pbr]\ncontracts = pbr\n"
    "[option.one]\ncontracts = one\n"
    "[option.two]\ncontracts = two\n"
    "[option.tight]\ncontracts = tight\n";

/* The reconciliation, written out again independently of the code
 * under test. */
static double
expected_payment(double s, double bench, double msr, double mlr,
                 double share, double cap, double loss_share,
                 double loss_cap)
{
    double r = 0.0;

    if (bench - s >= msr * bench)
        r = fmin(share * (bench - s), cap * bench);
    if (s - bench >= mlr * bench)
        r = -fmin(loss_share * (s - bench), loss_cap * bench);
    return s + r;
}

START_TEST(conservation_over_trials)
{
    cap_scenario *sc = test_scenario(sim_ini);
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d;
    int gains[4] = { 0 }, losses[4] = { 0 };

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = 120;
    cfg.seed = sc->seed;
    /* One thread: libgomp keeps a pool of threads alive until exit,
     * which valgrind reports as possibly lost.  That results do not
     * depend on the thread count is check_sim's to test. */
    cfg.threads = 1;
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    for (size_t i = 0; i < o->trials; i++) {
        for (int y = 1; y <= o->years; y++) {
            double s = o->income[cap_outcomes_at(o, i, 0, 1, y)];
            double bench = 1.62e6 * pow(1.02, y - 1);
            double want[4];

            want[0] = s;
            /* 3,000 people: below the table, so the MSR is 3.9% */
            want[1] = expected_payment(s, bench, 0.039, INFINITY, 0.5,
                                       0.1, 0, 0);
            want[2] = expected_payment(s, bench, 0.02, 0.02, 0.6 * 0.85,
                                       0.15, 0.4, 0.1);
            want[3] = expected_payment(s, bench, 0, 0, 0.5, 0.02, 0.5,
                                       0.02);
            for (size_t opt = 0; opt < 4; opt++) {
                size_t c = cap_outcomes_at(o, i, opt, 0, y);
                size_t p = cap_outcomes_at(o, i, opt, 1, y);

                ck_assert_double_eq(o->spend[c], o->income[p]);
                ck_assert_double_eq_tol(o->income[p], want[opt], 1e-6);
                gains[opt] += o->income[p] > s;
                losses[opt] += o->income[p] < s;
            }
        }
    }
    /* The trials reach both sides of the thresholds, so the rule above
     * was exercised, not only the dead band. */
    ck_assert_int_gt(gains[1], 0);
    ck_assert_int_eq(losses[1], 0);
    ck_assert_int_gt(gains[2], 0);
    ck_assert_int_gt(losses[2], 0);
    ck_assert_int_gt(gains[3], 0);
    ck_assert_int_gt(losses[3], 0);
    ck_assert_int_lt(gains[2] + losses[2], 3 * 120);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* The shipped scenarios/aco.ini: its one-sided contract's MSR at its
 * 25,000 people is 2.5 + (2.2 - 2.5) x 5,000 / 30,000 = 2.45% of the
 * benchmark of 212.7m, i.e. 5,211,150.  Savings of 5,210,000 (spend
 * 207,490,000) are not shared; savings of 5,212,000 (spend
 * 207,488,000) are, at 50%: payment 207,488,000 + 2,606,000 =
 * 210,094,000.  Spend is put on physician visits (tariff 230) alone. */
START_TEST(shipped_aco_scenario)
{
    cap_scenario *sc = test_shipped_scenario("aco.ini");
    cap_population *pop = NULL;
    cap_tally *t;
    const cap_contract *one = NULL;
    size_t visit = 0;

    ck_assert_uint_eq(sc->n_options, 3);
    for (size_t i = 0; i < sc->n_contracts; i++)
        if (strcmp(sc->contracts[i].name, "one_sided") == 0)
            one = &sc->contracts[i];
    ck_assert_ptr_nonnull(one);
    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    t = cap_tally_alloc(sc, pop);
    ck_assert_ptr_nonnull(t);
    while (visit < sc->n_services
           && strcmp(sc->services[visit].name, "physician") != 0)
        visit++;
    ck_assert_uint_lt(visit, sc->n_services);
    t->persons[0] = 25000;
    {
        cap_settle_input in = { sc, t, 0, 1, 0, 0.0 };
        double *ev = t->events + visit * t->n_strata;

        *ev = 207490000.0 / 230.0;
        ck_assert_double_eq_tol(cap_contract_pay(one, &in), 207490000.0,
                                1e-5);
        *ev = 207488000.0 / 230.0;
        ck_assert_double_eq_tol(cap_contract_pay(one, &in), 210094000.0,
                                1e-5);
    }
    cap_tally_free(t);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
savings_suite(void)
{
    Suite *s = suite_create("contract_savings");
    TCase *examples = tcase_create("worked examples");
    TCase *shape = tcase_create("shape");
    TCase *checks = tcase_create("checks");
    TCase *sim = tcase_create("simulation");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, one_sided_msr_threshold);
    tcase_add_test(examples, one_sided_sharing_and_cap);
    tcase_add_test(examples, one_sided_benchmark_indexed);
    tcase_add_test(examples, msr_interpolated_by_size);
    tcase_add_test(examples, msr_interpolated_exact_edges);
    tcase_add_test(examples, two_sided_losses);
    tcase_add_test(examples, two_sided_own_mlr);
    tcase_add_checked_fixture(shape, setup, teardown);
    tcase_add_test(shape, reconciliation_monotone_between_thresholds);
    tcase_add_test(shape, slopes);
    tcase_add_test(checks, terms_accepted);
    tcase_add_loop_test(checks, terms_checked, 0,
                        (int) TEST_N_OF(terms_refused));
    tcase_add_test(checks, shipped_aco_scenario);
    tcase_add_test(sim, conservation_over_trials);
    suite_add_tcase(s, examples);
    suite_add_tcase(s, shape);
    suite_add_tcase(s, checks);
    suite_add_tcase(s, sim);
    return s;
}

int
main(void)
{
    return test_run(savings_suite());
}
