/* check_scenarios.c -- every shipped scenario loads, runs, and conserves
 * money in every option, trial and year; and the risk-transfer
 * properties the shipped scenarios are built to show hold.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <dirent.h>
#include <math.h>
#include "testlib.h"

/* Payers' spend (commissioner and local authority) equals the
 * providers' income, and the system's net is the sum of the others',
 * in every option, trial and year: to rounding, relative 1e-12.  What
 * the commissioner spends on interventions leaves the parties (it pays
 * the programme's staff), so with interventions the first identity is
 * checked over the horizon, less those costs. */
START_TEST(every_shipped_scenario_conserves_money)
{
    DIR *dir = opendir(test_scenarios_dir());
    struct dirent *e;
    int seen = 0;

    ck_assert_ptr_nonnull(dir);
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        cap_scenario *sc;
        cap_outcomes *o;
        size_t np, la, sys;

        if (len < 5 || strcmp(e->d_name + len - 4, ".ini") != 0)
            continue;
        sc = test_shipped_scenario(e->d_name);
        /* The county (and its next round) has 600,000 people: 2
         * trials suffice here. */
        o = test_sim_run(sc, 0, strncmp(e->d_name, "county", 6) == 0 ? 2
                                                                     : 12);
        np = sc->n_providers;
        la = np + 1;
        sys = cap_ledger_system(sc);
        for (size_t i = 0; i < o->trials; i++) {
            for (size_t opt = 0; opt < o->options; opt++) {
                double paid_h = 0.0, got_h = 0.0;

                for (size_t k = 0; k < sc->n_interventions; k++)
                    if (sc->interventions[k].paid_by[opt]
                        == CAP_PAID_BY_COMMISSIONER)
                        paid_h -= o->interventions[cap_outcomes_iv_at(
                            o, i, opt, k, CAP_IV_PROGRAMME_COST)];
                for (int y = 1; y <= o->years; y++) {
                    double paid = o->spend[cap_outcomes_at(o, i, opt, 0, y)];
                    double got = 0.0, nets = 0.0, sys_net;

                    if (sc->has_local_authority)
                        paid += o->spend[cap_outcomes_at(o, i, opt, la, y)];
                    for (size_t p = 1; p <= np; p++)
                        got += o->income[cap_outcomes_at(o, i, opt, p, y)];
                    for (size_t p = 0; p < sys; p++) {
                        size_t at = cap_outcomes_at(o, i, opt, p, y);

                        nets += o->income[at] - o->spend[at];
                    }
                    sys_net = o->income[cap_outcomes_at(o, i, opt, sys, y)]
                              - o->spend[cap_outcomes_at(o, i, opt, sys, y)];
                    paid_h += paid;
                    got_h += got;
                    ck_assert_msg(sc->n_interventions > 0
                                  || fabs(paid - got) <= 1e-12 * fabs(got),
                                  "%s option %s: paid %.17g, received "
                                  "%.17g", e->d_name, sc->options[opt].name,
                                  paid, got);
                    ck_assert_msg(fabs(sys_net - nets)
                                  <= 1e-12 * fabs(got) + 1e-6,
                                  "%s option %s: system net %.17g, sum "
                                  "%.17g", e->d_name, sc->options[opt].name,
                                  sys_net, nets);
                }
                ck_assert_msg(fabs(paid_h - got_h) <= 1e-12 * fabs(got_h),
                              "%s option %s: over the horizon paid %.17g "
                              "(less interventions), received %.17g",
                              e->d_name, sc->options[opt].name, paid_h,
                              got_h);
            }
        }
        cap_outcomes_free(o);
        cap_scenario_free(sc);
        seen++;
    }
    closedir(dir);
    ck_assert_int_ge(seen, 5);
}
END_TEST

/* Under a system risk share over blocks, each party's net is minus its
 * agreed share of the system's deviation from the blocks, so its share
 * of cost risk is exactly the agreed share. */
START_TEST(system_share_transfers_the_agreed_shares)
{
    cap_scenario *sc = test_shipped_scenario("system_risk_share.ini");
    cap_outcomes *o = test_sim_run(sc, 0, 40);
    double x[40], y[40], share[4], mcse[4];
    const cap_system_share *ss = &sc->system_shares[0];
    long opt = -1;

    for (size_t i = 0; i < sc->n_options; i++)
        if (sc->options[i].system_share == 0)
            opt = (long) i;
    ck_assert_int_ge(opt, 0);
    for (int year = 0; year <= o->years; year++) {
        cap_risk_shares(sc, o, (size_t) opt, year, x, y, share, mcse);
        ck_assert_double_eq_tol(share[0], ss->commissioner_share, 1e-9);
        for (size_t p = 0; p < sc->n_providers; p++)
            ck_assert_double_eq_tol(share[p + 1], ss->share[p], 1e-9);
    }
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* Pooling social care with community services takes risk off the
 * council, and capping its liability takes more. */
START_TEST(pooling_moves_risk_off_the_council)
{
    cap_scenario *sc = test_shipped_scenario("pooled_budget.ini");
    cap_outcomes *o = test_sim_run(sc, 0, 150);
    double x[150], y[150], share[5], mcse[5], la[3], la_se[3];
    size_t ila = sc->n_providers + 1;

    ck_assert_uint_eq(sc->n_options, 3);
    for (size_t opt = 0; opt < 3; opt++) {
        cap_risk_shares(sc, o, opt, CAP_HORIZON, x, y, share, mcse);
        la[opt] = share[ila];
        la_se[opt] = mcse[ila];
    }
    ck_assert_double_lt(la[1] + 4.0 * la_se[1], la[0]);
    ck_assert_double_lt(la[2], la[1]);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* The county is calibrated so that the top 5% of people carry about
 * half of each year's cost; high cost persists from year to year, but
 * far from wholly: most of one year's top 5% are not in the next
 * year's. */
START_TEST(county_cost_is_concentrated_but_not_persistent)
{
    cap_scenario *sc = test_shipped_scenario("county.ini");
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d;
    size_t years = (size_t) sc->years;

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = 2;
    cfg.seed = sc->seed;
    cfg.concentration_trials = 2;
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    for (size_t i = 0; i < 2; i++) {
        for (size_t y = 0; y < years; y++) {
            double top5 = o->concentration[(i * years + y)
                                           * CAP_N_CONC_GROUPS + 1];
            double stay = o->persistence[i * years + y];

            ck_assert_msg(top5 > 0.40 && top5 < 0.60, "top 5%%: %g", top5);
            if (y == 0)
                ck_assert(isnan(stay));
            else
                ck_assert_msg(stay > 0.05 && stay < 0.6,
                              "persistence %g in year %zu", stay, y + 1);
        }
    }
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
scenarios_suite(void)
{
    Suite *s = suite_create("scenarios");
    TCase *tc = tcase_create("shipped");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_shipped_scenario_conserves_money);
    tcase_add_test(tc, system_share_transfers_the_agreed_shares);
    tcase_add_test(tc, pooling_moves_risk_off_the_council);
    tcase_add_test(tc, county_cost_is_concentrated_but_not_persistent);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return test_run(scenarios_suite());
}
