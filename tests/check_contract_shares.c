/* check_contract_shares.c -- risk_share with asymmetric bands, cap and
 * collar, and the statutory risk corridor: worked examples by hand, the
 * shape of each payment rule, key checks, and a short simulation.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* One provider, fixed cost 9.3m in every year, two services with
 * tariffs.  The tallies are filled by hand, so payments can be worked
 * exactly.  All risk_share contracts have target 41.3m, so in year 1
 * 1% = 413,000, 3% = 1,239,000, 6% = 2,478,000 of it. */
static const char *terms_ini =
    "[scenario]\nyears = 3\ntrials = 2\nseed = 1\n"
    "[population]\npersons = 50000\n"
    "[tier.well]\nshare = 0.8\nrelative_risk = 0.4\n"
    "[tier.complex]\nshare = 0.2\nrelative_risk = 3.4\n"
    "[service.nonelective]\nprovider = acute\nrate = 0.09\n"
    "unit_cost = 2200\ntariff = 2385.5\n"
    "[service.elective]\nprovider = acute\nrate = 0.1\n"
    "unit_cost = 1300\ntariff = 412.37\n"
    "[provider.acute]\nfixed_cost = 9.3e6\n"
    "[commissioner]\nbudget = 80e6\n"
    /* asymmetric, no limits */
    "[contract.open]\ntype = risk_share\nprovider = acute\n"
    "target = 41.3e6\ngain_bands = 0.01:0, inf:0.5\n"
    "loss_bands = 0.03:0, 0.06:0.4, inf:0.75\n"
    /* the same, capped at 4% and collared at 2.5% of target */
    "[contract.limited]\ntype = risk_share\nprovider = acute\n"
    "target = 41.3e6\nloss_bands = 0.03:0, 0.06:0.4, inf:0.75\n"
    "cap = 0.04\ncollar = 0.025\ngain_bands = 0.01:0, inf:0.5\n"
    /* bands for both sides, and the same bands given side by side */
    "[contract.sym]\ntype = risk_share\nprovider = acute\n"
    "target = 41.3e6\nbands = 0.03:0, 0.06:0.4, inf:0.75\n"
    "[contract.sides]\ntype = risk_share\nprovider = acute\n"
    "target = 41.3e6\ngain_bands = 0.03:0, 0.06:0.4, inf:0.75\n"
    "loss_bands = 0.03:0, 0.06:0.4, inf:0.75\n"
    /* symmetric bands with a cap and a collar, indexed 2.5% a year */
    "[contract.capped]\ntype = risk_share\nprovider = acute\n"
    "target = 41.3e6\nindexation = 0.025\n"
    "bands = 0.02:0, 0.05:0.5, inf:1\ncap = 0.03\ncollar = 0.015\n"
    /* the example in docs/scenario-format.md */
    "[contract.doc_cap]\ntype = risk_share\nprovider = acute\n"
    "target = 57e6\nbands = 0.02:0, 0.05:0.5, inf:1\ncap = 0.03\n"
    /* the statutory corridor: every key but target at its default */
    "[contract.aca]\ntype = corridor\nprovider = acute\n"
    "target = 23618430\n"
    /* a corridor with every key given */
    "[contract.corr_act]\ntype = corridor\nprovider = acute\n"
    "target = 3.1e6\nindexation = 0.027\nbasis = activity\n"
    "inner = 0.025\nouter = 0.1\ninner_share = 0.35\n"
    "outer_share = 0.9\n"
    "[option.o]\ncontracts = open\n";

#define FIXED 9.3e6

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
 * which the tallies' sums see like any other). */
static void
set_service(int year, size_t k, double events, double cost)
{
    test_bench_service(&fx, year, k, events, cost);
}

/* Make the provider's total cost in year equal cost: the fixed 9.3m
 * plus variable cost on the first service. */
static void
set_cost(int year, double cost)
{
    set_service(year, 0, 1, cost - FIXED);
}

static double
pay(const char *contract, int year)
{
    return test_bench_pay(&fx, contract, year);
}

/* The payment in year 1 when the provider's cost is cost. */
static double
pay_at(const char *contract, double cost)
{
    set_cost(1, cost);
    return pay(contract, 1);
}

/* -- risk_share: asymmetric bands ---------------------------------- */

/* "open": target X = 41.3m; loss_bands 3%:0, 6%:0.4, inf:0.75 above the
 * target, gain_bands 1%:0, inf:0.5 below it.
 *  D = +1,887,650: 0.4 x (1,887,650 - 1,239,000) = 0.4 x 648,650
 *                  = 259,460           -> 41,559,460
 *  D = -1,887,650: the same deviation below: 0.5 x (1,887,650 -
 *                  413,000) = 737,325  -> 41.3m - 737,325 = 40,562,675
 *  D = +3,612,340: 0.4 x 1,239,000 + 0.75 x (3,612,340 - 2,478,000)
 *                  = 495,600 + 850,755 = 1,346,355 -> 42,646,355
 *  D = -3,187,430: 0.5 x (3,187,430 - 413,000) = 1,387,215
 *                  -> 39,912,785
 * Band edges: D = +1,239,000 (3%) and D = -413,000 (1%) are the
 * provider's alone -> 41.3m; D = +2,478,000 (6%): 0.4 x 1,239,000 =
 * 495,600 -> 41,795,600. */
START_TEST(asymmetric_bands)
{
    const double x = 41.3e6;

    ck_assert_double_eq_tol(pay_at("open", x + 1887650), 41559460.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x - 1887650), 40562675.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x + 3612340), 42646355.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x - 3187430), 39912785.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x + 1239000), x, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x - 413000), x, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x + 2478000), 41795600.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("open", x), x, 1e-6);
}
END_TEST

/* "limited": the bands of "open" with cap 4% (1,652,000) and collar
 * 2.5% (1,032,500) of 41.3m.
 *  D = +3,612,340: banded 1,346,355 < cap   -> 42,646,355 (as open)
 *  D = +6,123,450: banded 495,600 + 0.75 x 3,645,450 = 3,229,687.5 >
 *                  cap                      -> 41.3m + 1,652,000
 *                                              = 42,952,000
 *  The cap starts to bind where 495,600 + 0.75 (D - 2,478,000) =
 *  1,652,000: D = 2,478,000 + 1,156,400 / 0.75 = 4,019,866.67.
 *  D = -1,234,560: banded -0.5 x 821,560 = -410,780, inside the collar
 *                                           -> 40,889,220
 *  D = -3,187,430: banded -1,387,215 < -collar -> 41.3m - 1,032,500
 *                                              = 40,267,500
 *  The collar starts to bind where 0.5 (|D| - 413,000) = 1,032,500:
 *  |D| = 2,478,000. */
START_TEST(cap_and_collar)
{
    const double x = 41.3e6;
    const double cap_at = 2478000.0 + 1156400.0 / 0.75;

    ck_assert_double_eq_tol(pay_at("limited", x + 3612340), 42646355.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x + 6123450), 42952000.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x + cap_at), 42952000.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x + cap_at - 1000),
                            42952000.0 - 750.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 1234560), 40889220.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 3187430), 40267500.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 2478000), 40267500.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("limited", x - 2477000), 40268000.0,
                            1e-6);
    /* Far beyond either limit the payment stays at it. */
    ck_assert_double_eq_tol(pay_at("limited", 4 * x), 42952000.0, 1e-6);
    ck_assert_double_eq_tol(pay_at("limited", FIXED), 40267500.0, 1e-6);
}
END_TEST

/* "capped": symmetric bands 2%:0, 5%:0.5, inf:1 of 41.3m (826,000,
 * 2,065,000), cap 3% (1,239,000), collar 1.5% (619,500).
 *  D = +3,456,780: 0.5 x 1,239,000 + 1 x 1,391,780 = 2,011,280 > cap
 *                  -> 41.3m + 1,239,000 = 42,539,000
 *  D = -1,543,210: -0.5 x 717,210 = -358,605 -> 40,941,395
 *  D = -2,987,650: -619,500 - 922,650 = -1,542,150 < -collar
 *                  -> 41.3m - 619,500 = 40,680,500
 * Year 2: X = 41.3m x 1.025 = 42,332,500, cap 3% of it = 1,269,975:
 * a cost of 60m pays 43,602,475; a cost of exactly X pays X.
 * "doc_cap" (docs/scenario-format.md): target 57m, the same bands, cap
 * 3% = 1.71m: a cost of 61m gives 0.855m + 1.15m = 2.005m, capped
 * -> 58.71m; a cost of 53m gives -2.005m, not collared -> 54.995m. */
START_TEST(cap_and_collar_with_bands)
{
    const double x = 41.3e6;

    ck_assert_double_eq_tol(pay_at("capped", x + 3456780), 42539000.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("capped", x - 1543210), 40941395.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("capped", x - 2987650), 40680500.0,
                            1e-6);
    ck_assert_double_eq_tol(pay_at("doc_cap", 61e6), 58.71e6, 1e-6);
    ck_assert_double_eq_tol(pay_at("doc_cap", 53e6), 54.995e6, 1e-6);
    set_cost(2, 60e6);
    ck_assert_double_eq_tol(pay("capped", 2), 43602475.0, 1e-6);
    set_cost(2, 42332500.0);
    ck_assert_double_eq_tol(pay("capped", 2), 42332500.0, 1e-6);
}
END_TEST

/* bands = B is gain_bands = B with loss_bands = B: the same bits at
 * every cost, and the sides are alike (odd about the target). */
START_TEST(bands_set_both_sides)
{
    const double x = 41.3e6;

    for (int i = -300; i <= 300; i++) {
        double d = i * 23456.7;
        double up = pay_at("sym", x + d);

        ck_assert_double_eq(pay_at("sides", x + d), up);
        ck_assert_double_eq_tol(pay_at("sym", x - d) - x, x - up, 1e-6);
    }
}
END_TEST

/* Continuous and nondecreasing in cost, with every kink of "limited"
 * (the target, both sides' band edges, where the cap and the collar
 * begin to bind) checked from both sides. */
START_TEST(risk_share_shape)
{
    const double x = 41.3e6;
    const double kink[] = {
        0.0, -413000.0, -2478000.0, 1239000.0, 2478000.0,
        2478000.0 + 1156400.0 / 0.75
    };
    const char *names[] = { "open", "limited", "capped" };
    double prev = -INFINITY;

    for (size_t c = 0; c < 3; c++) {
        prev = -INFINITY;
        for (int i = -450; i <= 450; i++) {
            double v = pay_at(names[c], x + i * 14567.8);

            ck_assert_msg(v >= prev, "%s falls at step %d", names[c], i);
            prev = v;
        }
    }
    for (size_t k = 0; k < sizeof kink / sizeof kink[0]; k++) {
        double below = pay_at("limited", x + kink[k] - 0.01);
        double above = pay_at("limited", x + kink[k] + 0.01);

        ck_assert_double_ge(above - below, 0.0);
        ck_assert_double_le(above - below, 0.02);
    }
}
END_TEST

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
    set_service(2, 1, 300, 77.0);
    set_service(2, 0, 1400, 1e9);
    ck_assert_double_eq_tol(pay("corr_act", 2), 3253741.475, 1e-6);
    set_service(2, 0, 1500, 1.0);
    ck_assert_double_eq_tol(pay("corr_act", 2), 3447174.025, 1e-6);
    set_service(2, 0, 1200, 1.0);
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

/* A valid scenario without contracts; a test appends one contract
 * section named "c" and its own keys. */
#define BASE_INI                                                       \
    "[scenario]\nyears = 2\ntrials = 2\nseed = 7\n"                    \
    "[population]\npersons = 1200\n"                                   \
    "[service.visit]\nprovider = acute\nrate = 0.7\nunit_cost = 83\n"  \
    "[provider.acute]\n"                                               \
    "[commissioner]\nbudget = 9e4\n"                                   \
    "[option.o]\ncontracts = c\n"

/* The 1-based line of text on which needle starts. */
static int
line_of(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    int line = 1;

    ck_assert_ptr_nonnull(at);
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Loading text must fail on line at (0: the contract's section header)
 * with a message containing needle. */
static void
expect_fail(const char *text, const char *at, const char *needle)
{
    test_load_fails(text, line_of(text, at), needle);
}

START_TEST(bands_and_side_bands_clash)
{
    static const char a[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\nbands = 0.02:0, inf:1\n"
        "loss_bands = 0.03:0, inf:0.7\n";
    static const char b[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\ngain_bands = 0.03:0, inf:0.7\n"
        "bands = 0.02:0, inf:1\n";

    expect_fail(a, "loss_bands", "[contract.c] loss_bands = 0.03:0, "
                "inf:0.7: give either 'bands' (both sides) or "
                "'gain_bands' and 'loss_bands', not both");
    expect_fail(b, "bands = 0.02", "[contract.c] bands = 0.02:0, inf:1: "
                "give either");
}
END_TEST

START_TEST(side_bands_need_both)
{
    static const char gain[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\ngain_bands = 0.03:0, inf:0.7\n";
    static const char loss[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\nloss_bands = 0.03:0, inf:0.7\n";
    static const char none[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\ncap = 0.1\n";

    expect_fail(gain, "[contract.c]", "has 'gain_bands' but no "
                "'loss_bands': give both, or 'bands' for both sides");
    expect_fail(loss, "[contract.c]", "has 'loss_bands' but no "
                "'gain_bands'");
    expect_fail(none, "[contract.c]", "needs key 'bands', or both "
                "'gain_bands' and 'loss_bands' (type risk_share)");
}
END_TEST

START_TEST(side_bands_are_checked)
{
    static const char text[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\ngain_bands = 0.03:0, inf:0.7\n"
        "loss_bands = 0.05:0, 0.04:0.5, inf:1\n";

    expect_fail(text, "loss_bands", "band 2: edges must be > 0 and "
                "increasing");
}
END_TEST

START_TEST(cap_and_collar_positive)
{
    static const char cap[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\nbands = 0.02:0, inf:1\ncap = 0\n";
    static const char collar[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\nbands = 0.02:0, inf:1\ncollar = -0.015\n";
    static const char word[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\nbands = 0.02:0, inf:1\ncap = none\n";

    expect_fail(cap, "cap = 0", "[contract.c] cap = 0: must be > 0");
    expect_fail(collar, "collar", "collar = -0.015: must be > 0");
    expect_fail(word, "cap = none", "cap = none: not a number");
}
END_TEST

START_TEST(corridor_keys_checked)
{
    static const char no_target[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n";
    static const char crossed[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n"
        "target = 6e4\nouter = 0.05\ninner = 0.08\n";
    static const char outer_low[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n"
        "target = 6e4\nouter = 0.02\n";
    static const char share_high[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n"
        "target = 6e4\ninner_share = 1.2\n";
    static const char inner_zero[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n"
        "target = 6e4\ninner = 0\n";
    static const char tariff[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n"
        "target = 6e4\nbasis = activity\n";
    static const char bands[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n"
        "target = 6e4\nbands = 0.02:0, inf:1\n";

    expect_fail(no_target, "[contract.c]",
                "needs key 'target' (a number, or auto)");
    expect_fail(crossed, "[contract.c]",
                "inner (0.08) must be less than outer (0.05)");
    expect_fail(outer_low, "[contract.c]",
                "inner (0.03) must be less than outer (0.02)");
    expect_fail(share_high, "inner_share",
                "inner_share = 1.2: must be in [0, 1]");
    expect_fail(inner_zero, "inner = 0", "inner = 0: must be > 0");
    expect_fail(tariff, "[contract.c]", "basis = activity values activity "
                "at tariff, but [service.visit] has no 'tariff'");
    expect_fail(bands, "bands", "unknown key 'bands' for a contract of "
                "type corridor");
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

/* margin goes with auto, indexation with a number. */
START_TEST(auto_target_keys_checked)
{
    static const char margin[] = BASE_INI
        "[contract.c]\ntype = risk_share\nprovider = acute\n"
        "target = 6e4\nmargin = 0.01\nbands = 0.02:0, inf:1\n";
    static const char indexed[] = BASE_INI
        "[contract.c]\ntype = corridor\nprovider = acute\n"
        "target = auto\nindexation = 0.02\n";

    expect_fail(margin, "[contract.c]", "margin goes with target = auto");
    expect_fail(indexed, "[contract.c]", "already grows");
}
END_TEST

/* -- a simulation with both types ---------------------------------- */

/* Two providers with exact costs (no cost_cv, no fixed cost) and
 * tariffs equal to unit costs, so that pbr passes cost through.
 *   passthrough: pbr for both: the providers carry no cost risk;
 *   block:       blocks for both: they carry all of their own;
 *   shared:      a statutory corridor for acute and an asymmetric,
 *                capped and collared risk share for community, each
 *                targeted near the expected cost, with indexation near
 *                the expected growth (list 1.3% + trend 3%). */
static const char *sim_ini =
    "[scenario]\nyears = 3\ntrials = 50\nseed = 20240611\n"
    "[population]\npersons = 4000\ngrowth = 0.013\n"
    "[tier.a]\nshare = 0.85\nrelative_risk = 0.7\n"
    "[tier.b]\nshare = 0.15\nrelative_risk = 2.7\n"
    "[frailty]\ncv = 1.2\npersistence = 0.6\n"
    "[demand]\ntrend = 0.03\ntrend_sd = 0.02\nshock_sd = 0.07\n"
    "[service.ae]\nprovider = acute\nrate = 0.31\nunit_cost = 148\n"
    "tariff = 148\n"
    "[service.adm]\nprovider = acute\nrate = 0.11\nunit_cost = 1590\n"
    "tariff = 1590\n"
    "[service.visit]\nprovider = community\nrate = 1.7\n"
    "unit_cost = 61.5\ntariff = 61.5\n"
    "[provider.acute]\nreserves = 2e5\n"
    "[provider.community]\nreserves = 1e5\n"
    "[commissioner]\nbudget = 1.31e6\nbudget_growth = 0.02\n"
    "[contract.a_pbr]\ntype = pbr\nprovider = acute\n"
    "[contract.c_pbr]\ntype = pbr\nprovider = community\n"
    "[contract.a_block]\ntype = block\nprovider = acute\n"
    "amount = 883e3\nindexation = 0.043\n"
    "[contract.c_block]\ntype = block\nprovider = community\n"
    "amount = 418e3\nindexation = 0.043\n"
    "[contract.a_corr]\ntype = corridor\nprovider = acute\n"
    "target = 883e3\nindexation = 0.043\n"
    "[contract.c_share]\ntype = risk_share\nprovider = community\n"
    "target = 418e3\nindexation = 0.043\n"
    "gain_bands = 0.02:0, inf:0.5\n"
    "loss_bands = 0.02:0, 0.06:0.5, inf:0.8\n"
    "cap = 0.05\ncollar = 0.04\n"
    "[option.passthrough]\ncontracts = a_pbr, c_pbr\n"
    "[option.block]\ncontracts = a_block, c_block\n"
    "[option.shared]\ncontracts = a_corr, c_share\n";

#define SIM_TRIALS 50

/* Every payment leaves the commissioner and reaches a provider, under
 * both new types as under the old; and each provider's share of cost
 * risk under the shared option lies strictly between its share under
 * pass-through (0) and under a block (all of its own cost). */
START_TEST(simulated_shares)
{
    cap_scenario *sc = test_scenario(sim_ini);
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d;
    double x[SIM_TRIALS], y[SIM_TRIALS];
    double pass[3], block[3], shared[3], mcse[3], bmcse[3];

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = SIM_TRIALS;
    cfg.seed = sc->seed;
    cfg.threads = 1;          /* no thread pool for valgrind to flag */
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    ck_assert_uint_eq(o->trials, SIM_TRIALS);
    for (size_t i = 0; i < o->trials; i++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            for (int yr = 1; yr <= o->years; yr++) {
                size_t c = cap_outcomes_at(o, i, opt, 0, yr);
                double paid = 0.0;

                for (size_t p = 1; p <= 2; p++)
                    paid += o->income[cap_outcomes_at(o, i, opt, p, yr)];
                ck_assert_double_eq(o->spend[c], paid);
                ck_assert(paid > 0.0);
            }
        }
    }
    for (int yr = 0; yr <= o->years; yr++) {
        cap_risk_shares(sc, o, 0, yr, x, y, pass, mcse);
        cap_risk_shares(sc, o, 1, yr, x, y, block, bmcse);
        cap_risk_shares(sc, o, 2, yr, x, y, shared, mcse);
        for (size_t p = 1; p <= 2; p++) {
            ck_assert_double_eq_tol(pass[p], 0.0, 1e-9);
            ck_assert_msg(shared[p] > pass[p] + 3.0 * mcse[p]
                          && shared[p] < block[p] - 3.0 * mcse[p],
                          "year %d, provider %zu: share %g (mcse %g) not "
                          "between 0 and %g", yr, p, shared[p], mcse[p],
                          block[p]);
        }
        ck_assert_double_gt(shared[1] + shared[2], 0.0);
        ck_assert_double_lt(shared[1] + shared[2], 1.0);
    }
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
shares_suite(void)
{
    Suite *s = suite_create("contract shares");
    TCase *examples = tcase_create("worked examples");
    TCase *keys = tcase_create("keys");
    TCase *sim = tcase_create("simulation");

    tcase_add_checked_fixture(examples, setup, teardown);
    tcase_add_test(examples, asymmetric_bands);
    tcase_add_test(examples, cap_and_collar);
    tcase_add_test(examples, cap_and_collar_with_bands);
    tcase_add_test(examples, bands_set_both_sides);
    tcase_add_test(examples, risk_share_shape);
    tcase_add_test(examples, corridor_published_shape);
    tcase_add_test(examples, corridor_custom_terms);
    tcase_add_test(examples, corridor_shape);
    tcase_add_test(keys, bands_and_side_bands_clash);
    tcase_add_test(keys, side_bands_need_both);
    tcase_add_test(keys, side_bands_are_checked);
    tcase_add_test(keys, cap_and_collar_positive);
    tcase_add_test(keys, corridor_keys_checked);
    tcase_add_test(keys, auto_target_is_expected_basis);
    tcase_add_test(keys, auto_target_keys_checked);
    tcase_add_test(sim, simulated_shares);
    suite_add_tcase(s, examples);
    suite_add_tcase(s, keys);
    suite_add_tcase(s, sim);
    return s;
}

int
main(void)
{
    return test_run(shares_suite());
}
