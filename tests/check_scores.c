/* check_scores.c -- quality scores drawn for each trial and year: their
 * law, their use by the contracts that pay on them, their validation,
 * and what they change in a simulation.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* One provider paid by results with a CQUIN of 2.5% on an achievement
 * drawn with mean 0.8 and sd 0.12 (option drawn), or fixed at 0.8
 * (option fixed). */
static const char *scores_ini =
    "[scenario]\nyears = 3\ntrials = 2\nseed = 2016\n"
    "[population]\npersons = 2000\n"
    "[service.adm]\nprovider = acute\nrate = 0.3\nunit_cost = 1590\n"
    "cost_cv = 0.9\ntariff = 2385.5\n"
    "[provider.acute]\n[commissioner]\nbudget = 2e6\n"
    "[contract.drawn]\ntype = pbr\nprovider = acute\ncquin = 0.025\n"
    "cquin_score = 0.8\ncquin_score_sd = 0.12\n"
    "[contract.fixed]\ntype = pbr\nprovider = acute\ncquin = 0.025\n"
    "cquin_score = 0.8\n"
    "[option.drawn]\ncontracts = drawn\n"
    "[option.fixed]\ncontracts = fixed\n";

/* The drawn score is Beta with the given mean and sd: checked within 4
 * standard errors over 4,000 trials, in each year; the fixed contract
 * asks for no draw. */
START_TEST(drawn_score_has_its_law)
{
    cap_scenario *sc = test_scenario(scores_ini);
    cap_population *pop;
    cap_demand *d;
    cap_tally *t;
    size_t T = 4000;
    double *x = malloc(T * sizeof *x);

    ck_assert_uint_eq(sc->n_scores, 1);
    ck_assert_int_eq(sc->contracts[0].score_index, 0);
    ck_assert_int_eq(sc->contracts[1].score_index, -1);
    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    d = cap_demand_alloc(sc, pop, sc->seed, 0);
    t = cap_tally_alloc(sc, pop);
    for (int y = 1; y <= 3; y++) {
        double m, v;

        for (size_t i = 0; i < T; i++) {
            cap_demand_simulate(d, (uint32_t) i, t);
            x[i] = t->scores[y - 1];
            ck_assert(x[i] > 0.0 && x[i] < 1.0);
        }
        test_moments(x, T, &m, &v);
        ck_assert_double_le(fabs(m - 0.8), 4.0 * 0.12 / sqrt(T));
        ck_assert_double_le(fabs(sqrt(v) - 0.12), 4.0 * 0.12 / sqrt(2.0 * T));
    }
    free(x);
    cap_tally_free(t);
    cap_demand_free(d);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

/* The contract pays on the drawn score when the ledger passes one:
 * 412 admissions at 2,385.50 = 982,826; with a score of 0.6 the CQUIN
 * is 2.5% x 0.6 = 1.5%: 997,568.39; without a drawn score, the fixed
 * 0.8: 2%, 1,002,482.52. */
START_TEST(contract_pays_on_the_drawn_score)
{
    cap_scenario *sc = test_scenario(scores_ini);
    cap_population *pop;
    cap_tally *t;
    cap_settle_input in;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    t = cap_tally_alloc(sc, pop);
    t->events[0] = 412;
    memset(&in, 0, sizeof in);
    in.sc = sc;
    in.tally = t;
    in.year = 1;
    in.has_score = 1;
    in.score = 0.6;
    ck_assert_double_eq_tol(cap_contract_pay(&sc->contracts[0], &in),
                            997568.39, 1e-6);
    in.has_score = 0;
    ck_assert_double_eq_tol(cap_contract_pay(&sc->contracts[0], &in),
                            1002482.52, 1e-6);
    cap_tally_free(t);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

#define HEAD_S                                                         \
    "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"                    \
    "[population]\npersons = 10\n"                                     \
    "[service.s]\nprovider = a\nrate = 0.1\nunit_cost = 1\n"           \
    "tariff = 2\n[provider.a]\n[commissioner]\nbudget = 1\n"           \
    "[option.o]\ncontracts = c\n[contract.c]\nprovider = a\n"

/* A Beta law of mean m has sd below sqrt(m (1 - m)); a drawn score
 * needs the incentive it scores. */
START_TEST(drawn_scores_are_validated)
{
    EXPECT_FAIL_ANYWHERE(HEAD_S "type = pbr\ncquin = 0.025\n"
                         "cquin_score = 0.9\ncquin_score_sd = 0.31\n",
                         "at most 0.3");
    EXPECT_FAIL_ANYWHERE(HEAD_S "type = pbr\ncquin_score_sd = 0.1\n",
                         "cquin_score_sd needs key 'cquin'");
    EXPECT_FAIL_ANYWHERE(HEAD_S "type = shared_savings\nbenchmark = 5\n"
                         "min_savings_rate = 0.02\nsharing_rate = 0.5\n"
                         "savings_cap = 0.1\nquality_score = 0.95\n"
                         "quality_score_sd = 0.25\n",
                         "quality_score_sd = 0.25");
}
END_TEST

/* In a simulation the drawn score leaves the expected payment where the
 * fixed score puts it and adds its own spread to the commissioner's
 * position.  Both contracts pay the tariff value V of the year's
 * activity times 1 + cquin x score, so the paired difference is
 * D = cquin (S - 0.8) V, with S the drawn score (mean 0.8, sd 0.12)
 * independent of V: E D = 0 and Var D = cquin^2 0.12^2 E[V^2] (about
 * 2.5% x 0.12 x 1.43m, some 4,300, for its sd).  E[V^2] is taken from
 * the fixed option's payments of the same trials (V = pay / 1.02), and
 * each check allows 4 standard errors of its estimate: the mean's
 * sqrt(Var D / T), the variance's sqrt((m4 - Var D^2) / T). */
START_TEST(drawn_score_adds_spread_not_bias)
{
    cap_scenario *sc = test_scenario(scores_ini);
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d;
    size_t T = 2000;
    double *diff = malloc(T * sizeof *diff);
    double m, v, v2 = 0.0, m4 = 0.0, expected;

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = (long) T;
    cfg.seed = sc->seed;
    cfg.threads = 2;
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    for (size_t i = 0; i < T; i++) {
        double fixed = o->spend[cap_outcomes_at(o, i, 1, 0, 2)];
        double value = fixed / (1.0 + 0.025 * 0.8);

        diff[i] = o->spend[cap_outcomes_at(o, i, 0, 0, 2)] - fixed;
        v2 += value * value / (double) T;
    }
    test_moments(diff, T, &m, &v);
    for (size_t i = 0; i < T; i++)
        m4 += pow(diff[i] - m, 4) / (double) T;
    expected = 0.025 * 0.025 * 0.12 * 0.12 * v2;
    ck_assert_double_le(fabs(m), 4.0 * sqrt(v / T));
    ck_assert_msg(fabs(v - expected) <= 4.0 * sqrt((m4 - v * v) / T),
                  "sd of the difference %g, expected %g", sqrt(v),
                  sqrt(expected));
    printf("drawn score: sd of the difference %.1f, expected %.1f\n",
           sqrt(v), sqrt(expected));
    free(diff);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
scores_suite(void)
{
    Suite *s = suite_create("scores");
    TCase *tc = tcase_create("scores");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, drawn_score_has_its_law);
    tcase_add_test(tc, contract_pays_on_the_drawn_score);
    tcase_add_test(tc, drawn_scores_are_validated);
    tcase_add_test(tc, drawn_score_adds_spread_not_bias);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return test_run(scores_suite());
}
