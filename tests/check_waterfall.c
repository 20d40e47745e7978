/* check_waterfall.c -- the growth waterfall: its parts add up to the
 * change exactly, a cause the scenario lacks has a part of exactly 0,
 * list growth alone gives the growth of the lists, the parts come from
 * the same futures, and the same bits come on any thread count.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"
#include "capsim/study.h"

#define TRIALS 200
#define YEARS 4

/* One provider paid by results in one option, per head in the other;
 * the causes are added by the tests. */
#define HEAD "[scenario]\nyears = 4\ntrials = 200\nseed = 11\n"
#define BODY                                                             \
    "[tier.all]\nshare = 1\nrelative_risk = 1\n"                         \
    "[frailty]\ncv = 0.8\npersistence = 0.6\n"                           \
    "[service.adm]\nprovider = acute\nrate = 0.15\nunit_cost = 1500\n"   \
    "cost_cv = 1.0\ntariff = 2000\n"                                     \
    "[service.opd]\nprovider = acute\nrate = 1.0\nunit_cost = 100\n"     \
    "cost_cv = 0.7\ntariff = 130\n"                                      \
    "[contract.pbr]\ntype = pbr\nprovider = acute\n"                     \
    "[option.pbr]\ncontracts = pbr\n"                                    \
    "[option.capitation]\ncontracts = cap\n"
#define CAPITATION(extra)                                                \
    "[contract.cap]\ntype = capitation\nprovider = acute\n"              \
    "per_head = 500\n" extra

/* Every cause at once. */
#define EVERY_CAUSE                                                      \
    HEAD BODY CAPITATION("indexation = 0.03\n")                          \
    "[population]\npersons = 4000\ngrowth = 0.02\n"                      \
    "[demand]\ntrend = 0.04\ntrend_sd = 0.01\nshock_sd = 0.05\n"         \
    "[provider.acute]\nfixed_cost = 1e6\nfixed_cost_growth = 0.02\n"     \
    "[intervention.qipp]\ntype = demand_reduction\nservices = adm\n"     \
    "cut = 0.1\ndelivery = 0.6\nstart_year = 2\ncost = 20000\n"          \
    "[behaviour]\nelasticity = 0.5\ndiscretionary.opd = 0.3\n"           \
    "[commissioner]\nbudget = 3e6\nbudget_growth = 0.03\n"

/* List growth alone. */
#define GROWTH_ONLY                                                      \
    HEAD BODY CAPITATION("")                                             \
    "[population]\npersons = 4000\ngrowth = 0.05\n"                      \
    "[provider.acute]\nfixed_cost = 1e6\n"                               \
    "[commissioner]\nbudget = 3e6\n"

static cap_sim_config
config(const cap_scenario *sc, int threads)
{
    cap_sim_config cfg;

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = TRIALS;
    cfg.seed = sc->seed;
    cfg.threads = threads;
    return cfg;
}

static cap_waterfall *
waterfall_of(const cap_scenario *sc, int threads)
{
    cap_sim_config cfg = config(sc, threads);
    cap_waterfall *w = NULL;
    cap_diag d = { "", 0, "" };

    ck_assert_msg(cap_waterfall_run(sc, NULL, &cfg, &w, &d) == CAP_OK,
                  "waterfall: %s", d.message);
    return w;
}

/* Year 1 plus the parts is the last year, to the cent, everywhere. */
static void
assert_adds_up(const cap_waterfall *w)
{
    for (size_t opt = 0; opt < w->options; opt++)
        for (size_t p = 0; p < w->parties; p++)
            for (int m = 0; m < CAP_WF_MEASURES; m++) {
                size_t at = cap_waterfall_at(w, opt, p, (cap_wf_measure) m);
                long long sum = w->start[at];

                for (int c = 0; c < CAP_N_CAUSES; c++)
                    sum += w->part[at * CAP_N_CAUSES + (size_t) c];
                ck_assert_msg(sum == w->end[at], "option %zu party %zu "
                              "measure %d: %lld + parts = %lld, not %lld",
                              opt, p, m, w->start[at], sum, w->end[at]);
            }
}

/* The test: with every cause present, each has a part and the
 * parts add up to the change exactly. */
START_TEST(parts_add_up_to_the_change)
{
    cap_scenario *sc = test_scenario(EVERY_CAUSE);
    cap_waterfall *w = waterfall_of(sc, 2);
    size_t sys = cap_ledger_system(sc);

    ck_assert_uint_eq(w->runs, CAP_N_CAUSES);   /* 7 causes + as written */
    ck_assert_uint_eq(cap_waterfall_runs(sc), CAP_N_CAUSES - 1);
    for (int c = 0; c < CAP_N_CAUSES; c++)
        ck_assert_int_eq(w->present[c], 1);
    assert_adds_up(w);
    /* Each cause moves the system's spend under payment by results but
     * budget growth, which is income. */
    for (int c = 0; c < CAP_CAUSE_FUNDING; c++)
        ck_assert_msg(w->part[cap_waterfall_at(w, 0, sys, CAP_WF_SPEND)
                              * CAP_N_CAUSES + (size_t) c] != 0,
                      "cause %s has no part", cap_cause_name(c));
    /* Budget growth: the commissioner's net only, by exactly the
     * growth of its budget, 3e6 (1.03^3 - 1). */
    ck_assert_int_eq(w->part[cap_waterfall_at(w, 0, 0, CAP_WF_SPEND)
                             * CAP_N_CAUSES + CAP_CAUSE_FUNDING], 0);
    ck_assert(llabs(w->part[cap_waterfall_at(w, 0, 0, CAP_WF_NET)
                            * CAP_N_CAUSES + CAP_CAUSE_FUNDING]
                    - llround(300e6 * (pow(1.03, YEARS - 1) - 1.0))) <= 2);
    cap_waterfall_free(w);
    cap_scenario_free(sc);
}
END_TEST

/* A cause the scenario lacks is not run and its part is exactly 0. */
START_TEST(absent_causes_give_zero)
{
    cap_scenario *sc = test_scenario(GROWTH_ONLY);
    cap_waterfall *w = waterfall_of(sc, 2);

    ck_assert_uint_eq(w->runs, 2);
    for (int c = 0; c < CAP_N_CAUSES; c++)
        ck_assert_int_eq(w->present[c], c == CAP_CAUSE_LIST_GROWTH
                                        || c == CAP_CAUSE_OTHER);
    for (size_t at = 0; at < w->options * w->parties * CAP_WF_MEASURES;
         at++)
        for (int c = CAP_CAUSE_TREND; c < CAP_CAUSE_OTHER; c++)
            ck_assert_int_eq(w->part[at * CAP_N_CAUSES + (size_t) c], 0);
    assert_adds_up(w);
    cap_waterfall_free(w);
    cap_scenario_free(sc);
}
END_TEST

/* The expected amount of run o's (option, party) spend in year, in
 * cents, as the waterfall takes it. */
static long long
cents(const cap_outcomes *o, size_t option, size_t party, int year)
{
    double x[TRIALS], sum = 0.0;

    cap_outcomes_gather(o, option, party, year, CAP_SPEND, x);
    for (size_t i = 0; i < o->trials; i++)
        sum += x[i];
    return llround(100.0 * sum / (double) o->trials);
}

/* With list growth g alone, the commissioner's expected payments by
 * results grow as the lists: (1 + g)^(H-1) over the horizon, within
 * Monte Carlo error (paired over the same futures) and the rounding of
 * the lists to whole people.  The part is exactly the growth of the run
 * as written less that of the same futures without growth. */
START_TEST(list_growth_alone_grows_as_the_lists)
{
    static const cap_setting off = { "population", "growth", 0.0, 0 };
    cap_scenario *sc = test_scenario(GROWTH_ONLY), *flat;
    cap_waterfall *w = waterfall_of(sc, 2);
    cap_sim_config cfg = config(sc, 2);
    cap_outcomes *o = NULL, *o0 = NULL;
    cap_diag d = { "", 0, "" };
    double ratio = pow(1.05, YEARS - 1), a1[TRIALS], aH[TRIALS],
           b1[TRIALS], bH[TRIALS], x[TRIALS], mean, var, part;
    size_t at = cap_waterfall_at(w, 0, 0, CAP_WF_SPEND);

    ck_assert_int_eq(cap_scenario_variant(sc, &off, 1, CAP_PLAN_KEEP,
                                          &flat, &d), CAP_OK);
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    ck_assert_int_eq(cap_sim_run(flat, &cfg, &o0, &d), CAP_OK);
    ck_assert_int_eq(w->part[at * CAP_N_CAUSES + CAP_CAUSE_LIST_GROWTH],
                     (cents(o, 0, 0, YEARS) - cents(o, 0, 0, 1))
                     - (cents(o0, 0, 0, YEARS) - cents(o0, 0, 0, 1)));
    cap_outcomes_gather(o, 0, 0, 1, CAP_SPEND, a1);
    cap_outcomes_gather(o, 0, 0, YEARS, CAP_SPEND, aH);
    cap_outcomes_gather(o0, 0, 0, 1, CAP_SPEND, b1);
    cap_outcomes_gather(o0, 0, 0, YEARS, CAP_SPEND, bH);
    for (size_t i = 0; i < TRIALS; i++)
        x[i] = (aH[i] - a1[i]) - (bH[i] - b1[i]) - (ratio - 1.0) * a1[i];
    test_moments(x, TRIALS, &mean, &var);
    part = (double) w->part[at * CAP_N_CAUSES + CAP_CAUSE_LIST_GROWTH]
           / 100.0;
    ck_assert_msg(fabs(part - (ratio - 1.0) * (double) w->start[at] / 100.0)
                  < 4.0 * sqrt(var / TRIALS) + 2e-4 * ratio
                    * (double) w->end[at] / 100.0 + 0.01,
                  "list growth's part %g, expected %g (se %g)", part,
                  (ratio - 1.0) * (double) w->start[at] / 100.0,
                  sqrt(var / TRIALS));
    cap_outcomes_free(o);
    cap_outcomes_free(o0);
    cap_scenario_free(flat);
    cap_waterfall_free(w);
    cap_scenario_free(sc);
}
END_TEST

/* The same bits on 1 and 2 threads, and when handed the run as
 * written, even one that measured concentration of cost. */
START_TEST(same_bits_on_any_thread_count)
{
    cap_scenario *sc = test_scenario(EVERY_CAUSE);
    cap_waterfall *a = waterfall_of(sc, 1), *b = NULL;
    cap_sim_config cfg = config(sc, 2);
    cap_outcomes *o = NULL;
    cap_diag d = { "", 0, "" };
    size_t n = a->options * a->parties * CAP_WF_MEASURES;

    cfg.concentration_trials = 10;
    ck_assert_int_eq(cap_sim_run(sc, &cfg, &o, &d), CAP_OK);
    ck_assert_int_eq(cap_waterfall_run(sc, o, &cfg, &b, &d), CAP_OK);
    ck_assert_uint_eq(b->runs, a->runs - 1);
    cap_outcomes_free(o);

    ck_assert_mem_eq(a->start, b->start, n * sizeof *a->start);
    ck_assert_mem_eq(a->end, b->end, n * sizeof *a->end);
    ck_assert_mem_eq(a->part, b->part,
                     n * CAP_N_CAUSES * sizeof *a->part);
    cap_waterfall_free(a);
    cap_waterfall_free(b);
    cap_scenario_free(sc);
}
END_TEST

/* One year grows nothing: refused, nothing returned. */
START_TEST(one_year_is_refused)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 1\ntrials = 20\nseed = 3\n" BODY
        CAPITATION("") "[population]\npersons = 500\ngrowth = 0.05\n"
        "[provider.acute]\nfixed_cost = 1e6\n[commissioner]\nbudget = 3e6\n");
    cap_sim_config cfg = config(sc, 1);
    cap_waterfall *w = (cap_waterfall *) 1;
    cap_diag d = { "", 0, "" };

    ck_assert_uint_eq(cap_waterfall_runs(sc), 0);
    ck_assert_int_eq(cap_waterfall_run(sc, NULL, &cfg, &w, &d), CAP_EINPUT);
    ck_assert_ptr_null(w);
    cap_waterfall_free(NULL);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
waterfall_suite(void)
{
    Suite *s = suite_create("waterfall");
    TCase *t = tcase_create("core");

    tcase_set_timeout(t, 120);
    tcase_add_test(t, parts_add_up_to_the_change);
    tcase_add_test(t, absent_causes_give_zero);
    tcase_add_test(t, list_growth_alone_grows_as_the_lists);
    tcase_add_test(t, same_bits_on_any_thread_count);
    tcase_add_test(t, one_year_is_refused);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    return test_run(waterfall_suite());
}
