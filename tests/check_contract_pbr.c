/* check_contract_pbr.c -- payment by results with a marginal rate,
 * unpaid readmissions and CQUIN, and aligned (blended) payment: worked
 * examples by hand, the published NHS rules, the shape of the payment
 * (continuity, slopes, monotonicity) and the errors in their terms.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* Tariffs: non-elective 2,385.50, elective 412.37 (T_EL).  The fixture's
 * acute trust (provider 0) delivers both; a community provider
 * delivers a third service, which no acute contract may name. */
#define T_EL 412.37

static const char *terms_ini =
    "[scenario]\nyears = 3\ntrials = 2\nseed = 1\n"
    "[population]\npersons = 50000\n"
    "[service.nonelective]\nprovider = acute\nrate = 0.09\n"
    "unit_cost = 2200\ntariff = 2385.5\nreadmission_share = 0.07\n"
    "[service.elective]\nprovider = acute\nrate = 0.1\n"
    "unit_cost = 1300\ntariff = 412.37\n"
    "[service.district_nursing]\nprovider = community\nrate = 0.6\n"
    "unit_cost = 71\ntariff = 88.25\n"
    "[provider.acute]\nfixed_cost = 30e6\n"
    "[provider.community]\nfixed_cost = 2e6\n"
    "[commissioner]\nbudget = 80e6\n"
    "[contract.pbr]\ntype = pbr\nprovider = acute\n"
    /* Marginal rate emergency tariff as from 2010/11: 30% above the
     * baseline. */
    "[contract.mret]\ntype = pbr\nprovider = acute\n"
    "marginal_rate = 0.3\nbaseline.nonelective = 4102\n"
    /* The later 70% rate, baselines on both services, indexed tariffs. */
    "[contract.mret70]\ntype = pbr\nprovider = acute\n"
    "marginal_rate = 0.7\nbaseline.nonelective = 4102\n"
    "baseline.elective = 6500\nindexation = 0.021\n"
    "[contract.no_readm]\ntype = pbr\nprovider = acute\n"
    "pay_readmissions = no\n"
    "[contract.cquin]\ntype = pbr\nprovider = acute\ncquin = 0.025\n"
    "[contract.cquin0]\ntype = pbr\nprovider = acute\ncquin = 0.025\n"
    "cquin_score = 0\n"
    "[contract.all]\ntype = pbr\nprovider = acute\n"
    "marginal_rate = 0.3\nbaseline.nonelective = 4102\n"
    "pay_readmissions = no\ncquin = 0.025\ncquin_score = 0.8\n"
    /* Blended payment for emergency care, 2019/20: fixed + 20% of
     * tariff above or below plan. */
    "[contract.blended]\ntype = aligned\nprovider = acute\n"
    "fixed = 9.8e6\nplan.nonelective = 4102\nrate_above = 0.2\n"
    /* API 2022/23 for elective activity: 75% of unit price both ways,
     * plan grown 4% a year, CQUIN 1.25% of the fixed element. */
    "[contract.api22]\ntype = aligned\nprovider = acute\n"
    "fixed = 31.7e6\nindexation = 0.017\nplan.elective = 6350\n"
    "plan_growth = 0.04\nrate_above = 0.75\ncquin = 0.0125\n"
    "cquin_score = 0.6\n"
    /* API 2022/23 as operated: no clawback below plan. */
    "[contract.api22_op]\ntype = aligned\nprovider = acute\n"
    "fixed = 12.5e6\nplan.elective = 6350\nrate_above = 0.75\n"
    "rate_below = 0\n"
    /* From 2023/24: 100% of unit price. */
    "[contract.api23]\ntype = aligned\nprovider = acute\n"
    "fixed = 2618549.5\nplan.elective = 6350\nrate_above = 1\n"
    "[contract.asym]\ntype = aligned\nprovider = acute\n"
    "fixed = 13.9e6\nplan.nonelective = 4102\nplan.elective = 6350\n"
    "rate_above = 0.35\nrate_below = 0.8\n"
    "[contract.comm]\ntype = block\nprovider = community\namount = 1\n"
    "[option.o]\ncontracts = pbr, comm\n";

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

/* Offset of service k in year y, stratum 0 (all the sums see for a
 * one-practice, one-tier population). */
static size_t
cell(int year, size_t k)
{
    return ((size_t) (year - 1) * fx.t->n_services + k) * fx.t->n_strata;
}

/* Events and readmissions of service k (0 non-elective, 1 elective). */
static void
set_events(int year, size_t k, double events, double readmissions)
{
    fx.t->events[cell(year, k)] = events;
    fx.t->readmissions[cell(year, k)] = readmissions;
}

static double
pay(const char *contract, int year)
{
    return test_bench_pay(&fx, contract, year);
}

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
    set_events(1, 0, 4517, 0);
    set_events(1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("mret", 1), 12640246.86, 1e-6);
    ck_assert_double_eq_tol(pay("pbr", 1), 13333234.61, 1e-6);
    set_events(1, 0, 3877, 0);
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

    set_events(1, 1, 6203, 0);
    set_events(1, 0, 4102, 0);
    at = pay("mret", 1);
    ck_assert_double_eq_tol(at, 12343252.11, 1e-6);
    ck_assert_double_eq_tol(pay("pbr", 1), at, 1e-6);
    set_events(1, 0, 4103, 0);
    ck_assert_double_eq_tol(pay("mret", 1) - at, 715.65, 1e-6);
    set_events(1, 0, 4101, 0);
    ck_assert_double_eq_tol(at - pay("mret", 1), 2385.5, 1e-6);
    set_events(1, 0, 4102 + 1e-6, 0);
    up = pay("mret", 1);
    set_events(1, 0, 4102 - 1e-6, 0);
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
    set_events(2, 0, 4517, 0);
    set_events(2, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("mret70", 2), 13310000.89706, 1e-5);
    set_events(2, 1, 6911, 0);
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
    set_events(1, 0, 4517, 316);
    set_events(1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("no_readm", 1), 12579416.61, 1e-6);
    ck_assert_double_eq_tol(pay("pbr", 1), 13333234.61, 1e-6);
    /* Readmissions of the elective service are withheld alike:
     * 57 x 412.37 = 23,505.09 less. */
    set_events(1, 1, 6203, 57);
    ck_assert_double_eq_tol(pay("no_readm", 1), 12555911.52, 1e-6);
}
END_TEST

/* CQUIN 2.5% at full achievement (the default score):
 * 13,333,234.61 x 1.025 = 13,666,565.47525; with score 0 nothing is
 * added. */
START_TEST(cquin_on_top_of_pbr)
{
    set_events(3, 0, 4517, 0);
    set_events(3, 1, 6203, 0);
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
    set_events(1, 0, 4517, 316);
    set_events(1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("all", 1), 12662383.4892, 1e-5);
    set_events(1, 0, 4517, 500);
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

        set_events(2, 1, 6203, 0);
        for (int i = 0; i <= 300; i++) {
            double p;

            set_events(2, 0, 3800 + 2.37 * i, 211);
            p = pay(names[c], 2);
            ck_assert_msg(p >= prev, "%s falls at %d", names[c], i);
            prev = p;
        }
        prev = INFINITY;
        for (int r = 0; r <= 400; r += 7) {
            double p;

            set_events(2, 0, 4517, r);
            p = pay(names[c], 2);
            ck_assert_msg(p <= prev, "%s rises with readmissions",
                          names[c]);
            prev = p;
        }
    }
}
END_TEST

/* ---- aligned ----------------------------------------------------- */

/* Blended emergency payment 2019/20: fixed 9.8m, plan 4,102, 20% of
 * tariff either way:
 *  4,517 (415 above): 9.8m + 0.2 x 2,385.50 x 415 = 9,997,996.50
 *  3,877 (225 below): 9.8m - 0.2 x 2,385.50 x 225 = 9,692,652.50
 *  4,102 (at plan):   9,800,000.
 * Elective activity has no plan and moves nothing. */
START_TEST(blended_emergency_2019)
{
    set_events(1, 1, 6203, 0);
    set_events(1, 0, 4517, 0);
    ck_assert_double_eq_tol(pay("blended", 1), 9997996.5, 1e-6);
    set_events(1, 0, 3877, 0);
    ck_assert_double_eq_tol(pay("blended", 1), 9692652.5, 1e-6);
    set_events(1, 0, 4102, 0);
    ck_assert_double_eq_tol(pay("blended", 1), 9800000.0, 1e-6);
    set_events(1, 1, 9999, 0);
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
    set_events(2, 0, 4517, 0);
    set_events(2, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32356671.4725, 1e-5);
    set_events(2, 1, 7019, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32609041.9125, 1e-5);
    set_events(2, 1, 6604, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32480691.75, 1e-5);
    set_events(2, 0, 1234, 0);
    ck_assert_double_eq_tol(pay("api22", 2), 32480691.75, 1e-5);
}
END_TEST

/* API 2022/23 as operated, no clawback below plan: fixed 12.5m, plan
 * 6,350; 6,203 admissions: 12,500,000; 6,791 (441 above):
 * 12.5m + 0.75 x 412.37 x 441 = 12,636,391.3775. */
START_TEST(api_2022_without_clawback)
{
    set_events(1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("api22_op", 1), 12500000.0, 1e-6);
    set_events(1, 1, 6791, 0);
    ck_assert_double_eq_tol(pay("api22_op", 1), 12636391.3775, 1e-5);
}
END_TEST

/* From 2023/24 elective activity is paid at 100% of unit price: with
 * the fixed element set at plan x price (6,350 x 412.37 =
 * 2,618,549.50) the payment is pbr on elective activity, whatever it
 * is: 6,203 -> 2,557,931.11; 7,019 -> 2,894,425.03. */
START_TEST(api_2023_is_pbr_on_planned_activity)
{
    set_events(1, 0, 4517, 0);
    set_events(1, 1, 6203, 0);
    ck_assert_double_eq_tol(pay("api23", 1), 2557931.11, 1e-6);
    set_events(1, 1, 7019, 0);
    ck_assert_double_eq_tol(pay("api23", 1), 2894425.03, 1e-6);
    for (int a = 5000; a < 8000; a += 173) {
        set_events(1, 1, a, 0);
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
    set_events(1, 0, 4517, 0);
    set_events(1, 1, 6203, 0);
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

    set_events(1, 1, 6350, 0);
    set_events(1, 0, 4102, 0);
    at = pay("asym", 1);
    ck_assert_double_eq_tol(at, 13.9e6, 1e-6);
    set_events(1, 0, 4103, 0);
    ck_assert_double_eq_tol(pay("asym", 1) - at, 834.925, 1e-6);
    set_events(1, 0, 4101, 0);
    ck_assert_double_eq_tol(at - pay("asym", 1), 1908.4, 1e-6);
    set_events(1, 0, 4102 + 1e-6, 0);
    ck_assert_double_le(fabs(pay("asym", 1) - at), 1e-2);
    set_events(1, 0, 4102 - 1e-6, 0);
    ck_assert_double_le(fabs(pay("asym", 1) - at), 1e-2);
    for (int i = 0; i <= 400; i++) {
        double p;

        set_events(1, 0, 3700 + 2.11 * i, 0);
        set_events(1, 1, 6000 + 1.73 * i, 0);
        p = pay("asym", 1);
        ck_assert_double_ge(p, prev);
        prev = p;
    }
}
END_TEST

/* ---- terms that must be refused ---------------------------------- */

/* A valid scenario to which a bad contract section is appended. */
static const char *base_ini =
    "[scenario]\nyears = 2\ntrials = 2\nseed = 1\n"
    "[population]\npersons = 1000\n"
    "[service.nonelective]\nprovider = acute\nrate = 0.09\n"
    "unit_cost = 2200\ntariff = 2385.5\n"
    "[service.physio]\nprovider = acute\nrate = 0.3\nunit_cost = 40\n"
    "[service.district_nursing]\nprovider = community\nrate = 0.6\n"
    "unit_cost = 71\ntariff = 88.25\n"
    "[provider.acute]\n[provider.community]\n"
    "[commissioner]\nbudget = 80e6\n"
    "[contract.comm]\ntype = block\nprovider = community\namount = 1\n"
    "[option.o]\ncontracts = c, comm\n";

/* Load base_ini + extra; it must fail with a message containing want. */
static void
expect_refused(const char *extra, const char *want)
{
    char text[4096];

    snprintf(text, sizeof text, "%s%s", base_ini, extra);
    test_load_fails(text, -1, want);
}

#define PBR "[contract.c]\ntype = pbr\nprovider = community\n"
#define ALIGNED "[contract.c]\ntype = aligned\nprovider = acute\n"

START_TEST(pbr_terms_refused)
{
    expect_refused(PBR "baseline.district_nursing = 5000\n",
                   "needs key 'marginal_rate'");
    expect_refused(PBR "marginal_rate = 0.3\n",
                   "marginal_rate needs at least one baseline.SERVICE");
    expect_refused(PBR "marginal_rate = 1.3\n",
                   "marginal_rate = 1.3: must be in [0, 1]");
    expect_refused(PBR "marginal_rate = 0.3\nbaseline.nonelective = 80\n",
                   "baseline.nonelective: [service.nonelective] is "
                   "delivered by acute, not by community");
    expect_refused(PBR "marginal_rate = 0.3\nbaseline.nursing = 80\n",
                   "baseline.nursing = 80: no [service.nursing] section");
    expect_refused(PBR "marginal_rate = 0.3\n"
                   "baseline.district_nursing = -3\n",
                   "baseline.district_nursing = -3: must be >= 0");
    expect_refused(PBR "pay_readmissions = maybe\n",
                   "pay_readmissions = maybe: must be yes or no");
    expect_refused(PBR "cquin_score = 0.8\n",
                   "cquin_score needs key 'cquin'");
    expect_refused(PBR "cquin = 1.5\n", "cquin = 1.5: must be in [0, 1]");
    expect_refused(PBR "cquin = 0.02\ncquin_score = 1.01\n",
                   "cquin_score = 1.01: must be in [0, 1]");
    /* A readmission share of 1 would make every event a readmission. */
    expect_refused("[service.x]\nprovider = acute\nrate = 1\n"
                   "unit_cost = 1\nreadmission_share = 1\n" PBR,
                   "readmission_share = 1: must be in [0, 1)");
}
END_TEST

START_TEST(aligned_terms_refused)
{
    expect_refused(ALIGNED "plan.nonelective = 4102\nrate_above = 0.2\n",
                   "needs key 'fixed' (type aligned)");
    expect_refused(ALIGNED "fixed = 9.8e6\nrate_above = 0.2\n",
                   "needs at least one plan.SERVICE key");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n",
                   "needs key 'rate_above'");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.district_nursing = 1\n"
                   "rate_above = 0.2\n",
                   "plan.district_nursing: [service.district_nursing] is "
                   "delivered by community, not by acute");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.physio = 300\n"
                   "rate_above = 0.2\n",
                   "plan.physio: activity away from plan is paid at "
                   "tariff, but [service.physio] has no 'tariff'");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
                   "rate_above = 0.2\nrate_below = -0.1\n",
                   "rate_below = -0.1: must be in [0, 1]");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
                   "rate_above = 1.2\n",
                   "rate_above = 1.2: must be in [0, 1]");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
                   "rate_above = 0.2\nplan_growth = -1\n",
                   "plan_growth = -1: must be in (-1, 1]");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
                   "rate_above = 0.2\ncquin_score = 0.5\n",
                   "cquin_score needs key 'cquin'");
    expect_refused(ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
                   "rate_above = 0.2\nbaseline.nonelective = 4000\n",
                   "unknown key 'baseline.nonelective' for a contract of "
                   "type aligned");
}
END_TEST

/* Services of the provider without a plan need no tariff; the service
 * key readmission_share is read, and is 0 when not given. */
START_TEST(terms_accepted)
{
    char text[4096];
    cap_scenario *sc;

    snprintf(text, sizeof text, "%s%s", base_ini,
             ALIGNED "fixed = 9.8e6\nplan.nonelective = 4102\n"
             "rate_above = 0.2\n");
    sc = test_scenario(text);
    ck_assert_double_eq(sc->services[0].readmission_share, 0.0);
    cap_scenario_free(sc);
    sc = test_scenario(terms_ini);
    ck_assert_double_eq(sc->services[0].readmission_share, 0.07);
    ck_assert_double_eq(sc->services[1].readmission_share, 0.0);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
contract_pbr_suite(void)
{
    Suite *s = suite_create("contract_pbr");
    TCase *pbr = tcase_create("pbr refinements");
    TCase *aligned = tcase_create("aligned");
    TCase *terms = tcase_create("terms");

    tcase_add_checked_fixture(pbr, setup, teardown);
    tcase_add_test(pbr, marginal_rate_above_and_below_baseline);
    tcase_add_test(pbr, marginal_rate_edge_and_continuity);
    tcase_add_test(pbr, marginal_rate_per_service_and_indexed);
    tcase_add_test(pbr, readmissions_unpaid);
    tcase_add_test(pbr, cquin_on_top_of_pbr);
    tcase_add_test(pbr, marginal_rate_on_paid_events_with_cquin);
    tcase_add_test(pbr, pbr_monotone_in_activity);
    tcase_add_checked_fixture(aligned, setup, teardown);
    tcase_add_test(aligned, blended_emergency_2019);
    tcase_add_test(aligned, api_2022_elective);
    tcase_add_test(aligned, api_2022_without_clawback);
    tcase_add_test(aligned, api_2023_is_pbr_on_planned_activity);
    tcase_add_test(aligned, aligned_asymmetric_two_services);
    tcase_add_test(aligned, aligned_shape_at_plan);
    tcase_add_test(terms, pbr_terms_refused);
    tcase_add_test(terms, aligned_terms_refused);
    tcase_add_test(terms, terms_accepted);
    suite_add_tcase(s, pbr);
    suite_add_tcase(s, aligned);
    suite_add_tcase(s, terms);
    return s;
}

int
main(void)
{
    return test_run(contract_pbr_suite());
}
