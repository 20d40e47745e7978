/* check_sim.c -- the driver and what it reports: money conservation,
 * risk-transfer limits, and the same bits for any thread count.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <gsl/gsl_cdf.h>
#include "testlib.h"

/* The two providers of tests/data/two-providers.ini, so that
 * conservation and shares are tested across parties; options chosen
 * for known risk-transfer limits:
 *   passthrough: pbr at tariff = unit cost, exact costs, no fixed cost:
 *                payments equal cost, so the commissioner carries all;
 *   capitated:   both providers capitated: payments do not depend on
 *                cost, so the providers carry all;
 *   mixed:       a risk share and a block. */
static const char *sim_ini =
    "[scenario]\nyears = 3\ntrials = 400\nseed = 8675309\n"
    "[commissioner]\nbudget = 1.2e6\nbudget_growth = 0.02\n"
    "[contract.a_pbr]\ntype = pbr\nprovider = acute\n"
    "[contract.c_pbr]\ntype = pbr\nprovider = community\n"
    "[contract.a_cap]\ntype = capitation\nprovider = acute\n"
    "per_head = 220\nweight.b = 2.1\n"
    "[contract.c_cap]\ntype = capitation\nprovider = community\n"
    "per_head = 105\n"
    "[contract.a_share]\ntype = risk_share\nprovider = acute\n"
    "target = 880e3\nbands = 0.03:0, 0.08:0.5, inf:0.8\n"
    "[contract.c_block]\ntype = block\nprovider = community\n"
    "amount = 420e3\n"
    "[contract.a_cap_sl]\ntype = capitation\nprovider = acute\n"
    "per_head = 220\nweight.b = 2.1\nstop_loss = 3000\n"
    "stop_loss_share = 0.9\n"
    "[contract.a_cap_prop]\ntype = capitation\nprovider = acute\n"
    "per_head = 220\nweight.b = 2.1\nproportional = 0.3\n"
    "[contract.a_cap_pool]\ntype = capitation\nprovider = acute\n"
    "per_head = 220\nweight.b = 2.1\npool_fraction = 0.02\n"
    "[option.passthrough]\ncontracts = a_pbr, c_pbr\n"
    "[option.capitated]\ncontracts = a_cap, c_cap\n"
    "[option.mixed]\ncontracts = a_share, c_block\n"
    "[option.stop_loss]\ncontracts = a_cap_sl, c_cap\n"
    "[option.proportional]\ncontracts = a_cap_prop, c_cap\n"
    "[option.pool]\ncontracts = a_cap_pool, c_cap\n";

/* The scenario of sim_ini on tests/data/two-providers.ini; the caller
 * frees it. */
static cap_scenario *
sim_scenario(void)
{
    return test_fixture_scenario("two-providers.ini", sim_ini);
}

static cap_outcomes *
run(const cap_scenario *sc, int threads, long trials)
{
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d;

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = trials;
    cfg.seed = sc->seed;
    cfg.threads = threads;
    cfg.concentration_trials = 5;
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    return o;
}

/* Every payment leaves the commissioner and reaches a provider: in
 * every trial, option and year the commissioner's spend equals the
 * providers' income, and the system's net is the sum of the others'. */
START_TEST(money_is_conserved)
{
    cap_scenario *sc = sim_scenario();
    cap_outcomes *o = run(sc, 2, 400);

    for (size_t i = 0; i < o->trials; i++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            for (int y = 1; y <= o->years; y++) {
                size_t c = cap_outcomes_at(o, i, opt, 0, y);
                size_t s = cap_outcomes_at(o, i, opt, 3, y);
                double paid = 0.0, nets = 0.0, cost = 0.0;

                for (size_t p = 1; p <= 2; p++) {
                    size_t at = cap_outcomes_at(o, i, opt, p, y);

                    paid += o->income[at];
                    cost += o->spend[at];
                    nets += o->income[at] - o->spend[at];
                }
                ck_assert_double_eq(o->spend[c], paid);
                ck_assert_double_eq(o->spend[s], cost);
                ck_assert_double_eq_tol(o->income[s] - o->spend[s],
                                        o->income[c] - o->spend[c] + nets,
                                        1e-7);
            }
        }
    }
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* Pass-through gives the commissioner share 1, capitation gives the
 * providers share 1, and the shares always add to 1. */
START_TEST(risk_transfer_limits)
{
    cap_scenario *sc = sim_scenario();
    cap_outcomes *o = run(sc, 2, 400);
    double x[400], y[400], share[3], mcse[3];

    ck_assert_uint_eq(o->options, 6);

    for (int year = 0; year <= 3; year++) {
        cap_risk_shares(sc, o, 0, year, x, y, share, mcse);
        ck_assert_double_eq_tol(share[0], 1.0, 1e-9);
        ck_assert_double_eq_tol(share[1] + share[2], 0.0, 1e-9);
        cap_risk_shares(sc, o, 1, year, x, y, share, mcse);
        ck_assert_double_eq_tol(share[0], 0.0, 1e-9);
        ck_assert_double_eq_tol(share[1] + share[2], 1.0, 1e-9);
        for (size_t opt = 0; opt < o->options; opt++) {
            cap_risk_shares(sc, o, opt, year, x, y, share, mcse);
            ck_assert_double_eq_tol(share[0] + share[1] + share[2], 1.0,
                                    1e-9);
        }
    }
    /* Stop-loss and proportional sharing take risk back from the
     * capitated acute provider: its share falls below plain
     * capitation's, and by exactly 0.3 of it for proportional sharing
     * (the acute's net becomes 0.7 of what it was, plus a constant). */
    {
        double cap_acute, sl_acute, prop_acute;

        cap_risk_shares(sc, o, 1, CAP_HORIZON, x, y, share, mcse);
        cap_acute = share[1];
        cap_risk_shares(sc, o, 3, CAP_HORIZON, x, y, share, mcse);
        sl_acute = share[1];
        ck_assert_double_lt(sl_acute, cap_acute - 4.0 * mcse[1]);
        ck_assert_double_gt(sl_acute, 0.0);
        cap_risk_shares(sc, o, 4, CAP_HORIZON, x, y, share, mcse);
        prop_acute = share[1];
        ck_assert_double_eq_tol(prop_acute, 0.7 * cap_acute, 1e-9);
        /* The high-risk pool takes the persistent heavy users' cost. */
        cap_risk_shares(sc, o, 5, CAP_HORIZON, x, y, share, mcse);
        ck_assert_double_lt(share[1], cap_acute - 4.0 * mcse[1]);
    }
    /* Mixed: the commissioner carries some but not all of the risk. */
    cap_risk_shares(sc, o, 2, CAP_HORIZON, x, y, share, mcse);
    ck_assert_double_gt(share[0], 4.0 * mcse[0]);
    ck_assert_double_lt(share[0], 1.0 - 4.0 * mcse[0]);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* Write the summary to memory. */
static char *
summary_bytes(const cap_scenario *sc, const cap_outcomes *o, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    cap_diag d = { "", 0, "" };

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cap_write_summary(f, sc, o, CAP_HEADER_WRITE, &d),
                     CAP_OK);
    fclose(f);
    return buf;
}

/* One thread or two: the same bits in every outcome and table. */
START_TEST(threads_give_the_same_bits)
{
    cap_scenario *sc = sim_scenario();
    cap_outcomes *a = run(sc, 1, 97);
    cap_outcomes *b = run(sc, 2, 97);
    cap_outcomes *c = run(sc, 3, 97);
    size_t cells = 97 * a->options * a->parties * (size_t) a->years;
    size_t la, lb;
    char *sa, *sb;

    ck_assert_int_eq(memcmp(a->income, b->income, cells * sizeof(double)),
                     0);
    ck_assert_int_eq(memcmp(a->spend, b->spend, cells * sizeof(double)), 0);
    ck_assert_int_eq(memcmp(a->spend, c->spend, cells * sizeof(double)), 0);
    ck_assert_int_eq(memcmp(a->concentration, b->concentration,
                            5 * 3 * CAP_N_CONC_GROUPS * sizeof(double)), 0);
    sa = summary_bytes(sc, a, &la);
    sb = summary_bytes(sc, b, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert_int_eq(memcmp(sa, sb, la), 0);
    free(sa);
    free(sb);
    cap_outcomes_free(a);
    cap_outcomes_free(b);
    cap_outcomes_free(c);
    cap_scenario_free(sc);
}
END_TEST

/* A trial's outcome does not depend on how many trials run: the first
 * 50 trials of a 50-trial run equal those of a 97-trial run. */
START_TEST(trials_are_independent_of_run_length)
{
    cap_scenario *sc = sim_scenario();
    cap_outcomes *a = run(sc, 2, 50);
    cap_outcomes *b = run(sc, 2, 97);
    size_t cells = 50 * a->options * a->parties * (size_t) a->years;

    ck_assert_int_eq(memcmp(a->spend, b->spend, cells * sizeof(double)), 0);
    cap_outcomes_free(a);
    cap_outcomes_free(b);
    cap_scenario_free(sc);
}
END_TEST

/* Common random numbers: every option sees the same system cost in
 * each trial. */
START_TEST(options_share_the_same_demand)
{
    cap_scenario *sc = sim_scenario();
    cap_outcomes *o = run(sc, 2, 60);

    for (size_t i = 0; i < o->trials; i++)
        for (int y = 1; y <= 3; y++)
            for (size_t opt = 1; opt < o->options; opt++)
                ck_assert_double_eq(
                    o->spend[cap_outcomes_at(o, i, opt, 3, y)],
                    o->spend[cap_outcomes_at(o, i, 0, 3, y)]);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* Risk transfer orders as theory says: the more of the payment is fixed
 * in advance, the more of the cost risk the provider carries.  One
 * provider, tariffs above marginal cost:
 *   pbr:        pays per event; more demand raises the provider's
 *               margin, so its share is below 0;
 *   aligned:    a fixed element plus 20% of tariff away from plan;
 *   risk_share: a target at expected cost; the provider keeps the
 *               first 5% either way and half of the rest;
 *   capitation: nothing depends on demand: share 1.
 * The order between aligned and risk_share depends on the terms: with
 * tight bands (2%, then half to 5%, then all to the commissioner) the
 * risk share hands back more than a 20% blended payment does. */
START_TEST(risk_transfer_orders_as_theory_says)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 300\nseed = 1812\n"
        "[population]\npersons = 6000\n"
        "[frailty]\ncv = 1.0\npersistence = 0.6\n"
        "[demand]\ntrend = 0.03\ntrend_sd = 0.02\nshock_sd = 0.06\n"
        "[service.adm]\nprovider = acute\nrate = 0.11\n"
        "unit_cost = 1590\ncost_cv = 1.1\ntariff = 2385.5\n"
        "[service.op]\nprovider = acute\nrate = 1.2\nunit_cost = 95\n"
        "cost_cv = 0.6\ntariff = 140\n"
        "[provider.acute]\nfixed_cost = 1.1e6\n"
    "[commissioner]\nbudget = 3e6\n"
        "[contract.pbr]\ntype = pbr\nprovider = acute\n"
        "[contract.aligned]\ntype = aligned\nprovider = acute\n"
        "fixed = 2.6e6\nplan.adm = 660\nplan.op = 7200\n"
        "rate_above = 0.2\n"
        "[contract.share]\ntype = risk_share\nprovider = acute\n"
        "target = auto\nbands = 0.05:0, inf:0.5\n"
        "[contract.tight]\ntype = risk_share\nprovider = acute\n"
        "target = auto\nbands = 0.02:0, 0.05:0.5, inf:1\n"
        "[contract.cap]\ntype = capitation\nprovider = acute\n"
        "per_head = 430\n"
        "[option.pbr]\ncontracts = pbr\n"
        "[option.aligned]\ncontracts = aligned\n"
        "[option.risk_share]\ncontracts = share\n"
        "[option.capitation]\ncontracts = cap\n"
        "[option.tight]\ncontracts = tight\n");
    cap_outcomes *o = run(sc, 2, 300);
    double x[300], y[300], share[2], mcse[2], acute[5], se[5];

    for (size_t opt = 0; opt < 5; opt++) {
        cap_risk_shares(sc, o, opt, CAP_HORIZON, x, y, share, mcse);
        acute[opt] = share[1];
        se[opt] = mcse[1];
    }
    ck_assert_double_lt(acute[0], 0.0);
    for (int k = 0; k < 3; k++)
        ck_assert_msg(acute[k] + 4.0 * (se[k] + se[k + 1]) < acute[k + 1],
                      "option %d: %g (+/- %g) not below option %d: %g",
                      k, acute[k], se[k], k + 1, acute[k + 1]);
    ck_assert_double_eq_tol(acute[3], 1.0, 1e-9);
    ck_assert_double_lt(acute[4] + 4.0 * (se[4] + se[1]), acute[1]);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* Persistence of high cost follows the frailty's persistence: with
 * frailty that barely changes, more of a year's top 5% stay there than
 * with frailty drawn afresh each year (same random numbers for both).
 * The five concentration trials give five paired differences of the
 * share that stays; their mean must exceed zero by Student's one-sided
 * 0.1% point with 4 degrees of freedom (7.17) times its standard error,
 * the trials' own spread over sqrt(5), not a hand-set margin. */
START_TEST(high_cost_persists_with_frailty)
{
    cap_scenario *sc = sim_scenario(), *fresh, *sticky;
    cap_setting lo = { "frailty", "persistence", 0.0, 0 };
    cap_setting hi = { "frailty", "persistence", 0.95, 0 };
    cap_diag d = { "", 0, "" };
    cap_outcomes *a, *b;
    double gain[5], stay_b = 0.0, m, v, t;

    ck_assert_int_eq(cap_scenario_variant(sc, &lo, 1, CAP_PLAN_AGAIN,
                                          &fresh, &d), CAP_OK);
    ck_assert_int_eq(cap_scenario_variant(sc, &hi, 1, CAP_PLAN_AGAIN,
                                          &sticky, &d), CAP_OK);
    a = run(fresh, 2, 20);
    b = run(sticky, 2, 20);
    for (size_t i = 0; i < 5; i++) {
        ck_assert(isnan(a->persistence[i * 3]));
        gain[i] = b->persistence[i * 3 + 2] - a->persistence[i * 3 + 2];
        stay_b = fmax(stay_b, b->persistence[i * 3 + 2]);
    }
    test_moments(gain, 5, &m, &v);
    t = gsl_cdf_tdist_Qinv(0.001, 4.0);
    ck_assert_msg(m > t * sqrt(v / 5.0), "persistence gains %g (se %g), "
                  "needed above %g se", m, sqrt(v / 5.0), t);
    ck_assert_double_lt(stay_b, 1.0);
    cap_outcomes_free(a);
    cap_outcomes_free(b);
    cap_scenario_free(fresh);
    cap_scenario_free(sticky);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
sim_suite(void)
{
    Suite *s = suite_create("sim");
    TCase *ledger = tcase_create("ledger");
    TCase *repro = tcase_create("reproducibility");

    tcase_set_timeout(ledger, 30);
    tcase_set_timeout(repro, 30);
    tcase_add_test(ledger, money_is_conserved);
    tcase_add_test(ledger, risk_transfer_limits);
    tcase_add_test(ledger, risk_transfer_orders_as_theory_says);
    tcase_add_test(repro, threads_give_the_same_bits);
    tcase_add_test(repro, trials_are_independent_of_run_length);
    tcase_add_test(repro, options_share_the_same_demand);
    tcase_add_test(repro, high_cost_persists_with_frailty);
    suite_add_tcase(s, ledger);
    suite_add_tcase(s, repro);
    return s;
}

int
main(void)
{
    return test_run(sim_suite());
}
