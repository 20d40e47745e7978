/* check_interventions.c -- case management, demand reduction and
 * provider behaviour: cuts with the law they claim, counterfactuals on
 * the same streams, regression to the mean, costs on their payer,
 * located errors.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"

/* One provider, two services; the acute trust is paid by results in
 * one option and per head in the other. */
#define SCENARIO "[scenario]\nyears = 3\ntrials = 200\nseed = 7\n"
#define HEAD(engine) SCENARIO "engine = " engine "\n"
#define BASE_INI SCENARIO BASE_BODY
#define BASE_BODY                                                        \
    "[population]\npersons = 4000\n"                                     \
    "[tier.all]\nshare = 1\nrelative_risk = 1\n"                         \
    "[frailty]\ncv = 1.0\npersistence = 0.6\n"                           \
    "[service.adm]\nprovider = acute\nrate = 0.15\nunit_cost = 1500\n"   \
    "cost_cv = 1.0\ntariff = 2000\n"                                     \
    "[service.opd]\nprovider = acute\nrate = 1.0\nunit_cost = 100\n"     \
    "cost_cv = 0.7\ntariff = 130\n"                                      \
    "[provider.acute]\nfixed_cost = 1e6\n"                               \
    "[commissioner]\nbudget = 3e6\n"                                     \
    "[contract.pbr]\ntype = pbr\nprovider = acute\n"                     \
    "[contract.cap]\ntype = capitation\nprovider = acute\n"              \
    "per_head = 500\n"                                                   \
    "[option.pbr]\ncontracts = pbr\n"                                    \
    "[option.capitation]\ncontracts = cap\n"
#define BASE_LINES 39         /* lines of BASE_INI */

#define CASE_MANAGEMENT(effect, extra)                                   \
    "[intervention.cm]\ntype = case_management\nservices = adm\n"       \
    "fraction = 0.05\neffect = " effect "\ncost_per_enrolee = 800\n"     \
    "paid_by = commissioner\npaid_by.capitation = acute\n" extra

/* Intervention k switched off (or as planned), run. */
static cap_outcomes *
run_mode(const cap_scenario *sc, size_t k, cap_intervention_mode mode,
         long trials)
{
    cap_scenario *v;
    cap_diag d = { "", 0, "" };
    cap_outcomes *o;

    ck_assert_int_eq(cap_scenario_counterfactual(sc, k, mode, &v, &d),
                     CAP_OK);
    o = test_sim_run(v, 2, trials);
    cap_scenario_free(v);
    return o;
}

/* Field f of intervention k over the horizon, per trial, into x. */
static void
iv_field(const cap_outcomes *o, size_t opt, size_t k, int f, double *x)
{
    for (size_t i = 0; i < o->trials; i++)
        x[i] = o->interventions[cap_outcomes_iv_at(o, i, opt, k, f)];
}

/* A party's spend over the horizon, per trial, into x. */
static void
spend(const cap_outcomes *o, size_t opt, size_t party, double *x)
{
    cap_outcomes_gather(o, opt, party, CAP_HORIZON, CAP_SPEND, x);
}

static double
mean_of(const double *x, size_t n, double *se)
{
    double m, v;

    test_moments(x, n, &m, &v);
    *se = sqrt(v / (double) n);
    return m;
}

/* The test: with no effect at all, nothing is saved -- not one
 * event, not one pound -- while the before-and-after comparison of the
 * enrolled still shows a large "saving": regression to the mean. */
START_TEST(no_effect_saves_nothing_but_looks_as_if_it_did)
{
    cap_scenario *sc = test_scenario(BASE_INI CASE_MANAGEMENT("0", ""));
    cap_outcomes *o = test_sim_run(sc, 2, 200);
    cap_outcomes *off = run_mode(sc, 0, CAP_SWITCHED_OFF, 200);
    double x[200], y[200], z[200], with[200], without[200], se, naive,
           before;
    size_t sys = cap_ledger_system(sc);

    iv_field(o, 0, 0, CAP_IV_AVOIDED_EVENTS, x);
    iv_field(o, 0, 0, CAP_IV_AVOIDED_COST, y);
    for (size_t i = 0; i < 200; i++) {
        ck_assert_double_eq(x[i], 0.0);
        ck_assert_double_eq(y[i], 0.0);
    }
    /* The system's cost of care is the same without the programme:
     * only its cost separates the runs. */
    iv_field(o, 0, 0, CAP_IV_PROGRAMME_COST, z);
    spend(o, 0, sys, with);
    spend(off, 0, sys, without);
    for (size_t i = 0; i < 200; i++)
        ck_assert_double_eq_tol(with[i] - z[i], without[i],
                                1e-9 * without[i]);
    iv_field(o, 0, 0, CAP_IV_COHORT_BEFORE, x);
    iv_field(o, 0, 0, CAP_IV_COHORT_AFTER, y);
    before = mean_of(x, 200, &se);
    for (size_t i = 0; i < 200; i++)
        x[i] -= y[i];
    naive = mean_of(x, 200, &se);
    ck_assert_msg(naive > 10.0 * se && naive > 0.3 * before,
                  "naive saving %g (se %g) of a cohort costing %g before",
                  naive, se, before);
    cap_outcomes_free(o);
    cap_outcomes_free(off);
    cap_scenario_free(sc);
}
END_TEST

/* sc with its intervention 0 switched off gives bare's providers' spend
 * to the bit, and the cost the intervention removes in each trial is
 * the difference in the system's cost of care between sc and the
 * switched-off run; saved[100] gets that cost, over 100 trials. */
static void
check_switched_off(const cap_scenario *sc, const cap_scenario *bare,
                   double *saved)
{
    cap_outcomes *o = test_sim_run(sc, 2, 100);
    cap_outcomes *b = test_sim_run(bare, 2, 100);
    cap_outcomes *off = run_mode(sc, 0, CAP_SWITCHED_OFF, 100);
    double cost[100], with[100], without[100];
    size_t sys = cap_ledger_system(sc);

    for (size_t opt = 0; opt < 2; opt++) {
        spend(off, opt, 1, without);
        spend(b, opt, 1, with);
        for (size_t i = 0; i < 100; i++)
            ck_assert_double_eq(without[i], with[i]);
    }
    iv_field(o, 0, 0, CAP_IV_AVOIDED_COST, saved);
    iv_field(o, 0, 0, CAP_IV_PROGRAMME_COST, cost);
    spend(o, 0, sys, with);
    spend(off, 0, sys, without);
    for (size_t i = 0; i < 100; i++)
        ck_assert_double_eq_tol(without[i] - (with[i] - cost[i]), saved[i],
                                1e-9 * without[i]);
    cap_outcomes_free(o);
    cap_outcomes_free(b);
    cap_outcomes_free(off);
}

/* sc's income, spend and interventions' measures are the same bits on
 * 1 and 2 threads. */
static void
check_same_bits(const cap_scenario *sc, long trials)
{
    cap_outcomes *a = test_sim_run(sc, 1, trials);
    cap_outcomes *b = test_sim_run(sc, 2, trials);
    size_t cells = (size_t) trials * a->options * a->parties
                   * (size_t) a->years;
    size_t iv = (size_t) trials * a->options * a->n_interventions
                * CAP_IV_OUTCOMES;

    ck_assert_int_eq(memcmp(a->income, b->income, cells * sizeof(double)),
                     0);
    ck_assert_int_eq(memcmp(a->spend, b->spend, cells * sizeof(double)), 0);
    ck_assert_int_eq(memcmp(a->interventions, b->interventions,
                            iv * sizeof(double)), 0);
    cap_outcomes_free(a);
    cap_outcomes_free(b);
}

/* Switched off, an intervention leaves every draw as it was: the
 * providers' costs are those of the scenario without it, to the bit;
 * and the cost it removes is exactly the difference in the system's
 * cost of care between the runs. */
START_TEST(switched_off_is_the_scenario_without_it)
{
    cap_scenario *sc = test_scenario(BASE_INI CASE_MANAGEMENT("0.3", ""));
    /* Case management needs people, so sc runs on the individual
     * engine; so must the scenario without it. */
    cap_scenario *bare = test_scenario(HEAD("individual") BASE_BODY);
    double saved[100], se;

    check_switched_off(sc, bare, saved);
    ck_assert_msg(mean_of(saved, 100, &se) > 4.0 * se, "nothing saved");
    cap_scenario_free(sc);
    cap_scenario_free(bare);
}
END_TEST

/* A demand reduction removes cut x delivery of its service's events
 * from its start year: the expected events avoided are that share of
 * the closed-form expected events (4 standard errors); the shortfall
 * against plan is (1 - delivery) of the planned saving; delivered in
 * full, it saves what was planned. */
START_TEST(demand_reduction_removes_its_share_of_events)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[intervention.qipp]\ntype = demand_reduction\n"
        "services = adm\ncut = 0.2\ndelivery = 0.5\nstart_year = 2\n"
        "cost = 10000\n");
    cap_outcomes *o = test_sim_run(sc, 2, 400);
    cap_outcomes *full = run_mode(sc, 0, CAP_AS_PLANNED, 400);
    double x[400], planned[400], got[400], m, se, expected = 0.0;

    for (int y = 2; y <= 3; y++)
        expected += cap_expect_events(sc, 0, y);
    iv_field(o, 0, 0, CAP_IV_AVOIDED_EVENTS, x);
    m = mean_of(x, 400, &se);
    ck_assert_msg(fabs(m - 0.1 * expected) < 4.0 * se,
                  "avoided %g +/- %g, expected %g", m, se, 0.1 * expected);
    iv_field(o, 0, 0, CAP_IV_PLANNED_COST, planned);
    iv_field(o, 0, 0, CAP_IV_AVOIDED_COST, got);
    for (size_t i = 0; i < 400; i++)
        x[i] = planned[i] - got[i] - 0.5 * planned[i];
    m = mean_of(x, 400, &se);
    ck_assert_msg(fabs(m) < 4.0 * se, "shortfall off by %g +/- %g", m, se);
    iv_field(full, 0, 0, CAP_IV_AVOIDED_COST, got);
    iv_field(full, 0, 0, CAP_IV_PLANNED_COST, planned);
    for (size_t i = 0; i < 400; i++)
        x[i] = got[i] - planned[i];
    m = mean_of(x, 400, &se);
    ck_assert_msg(fabs(m) < 4.0 * se, "as planned: %g +/- %g", m, se);
    iv_field(o, 0, 0, CAP_IV_PROGRAMME_COST, x);
    ck_assert_double_eq(x[0], 20000.0);           /* years 2 and 3 */
    cap_outcomes_free(o);
    cap_outcomes_free(full);
    cap_scenario_free(sc);
}
END_TEST

/* A risk score with accuracy 0 enrols a random sample: its enrolees
 * avoid effect x (enrolled / listed) of the expected events.  Capacity
 * caps the enrolment exactly; a perfect score finds people who use
 * far more care. */
START_TEST(targeting_follows_the_score_and_capacity)
{
    cap_scenario *blind = test_scenario(
        BASE_INI CASE_MANAGEMENT("0.4", "targeting = risk_score\n"
                                        "accuracy = 0\ncapacity = 150\n"));
    cap_scenario *sharp = test_scenario(
        BASE_INI CASE_MANAGEMENT("0.4", "targeting = risk_score\n"
                                        "accuracy = 1\ncapacity = 150\n"));
    cap_outcomes *a = test_sim_run(blind, 2, 400);
    cap_outcomes *b = test_sim_run(sharp, 2, 400);
    double x[400], m, se, expected = 0.0, sharp_mean, sharp_se;

    ck_assert_int_eq(blind->interventions[0].start_year, 1);
    for (int y = 1; y <= 3; y++)
        expected += cap_expect_events(blind, 0, y);
    iv_field(a, 0, 0, CAP_IV_ENROLLED, x);
    ck_assert_double_eq(x[0], 3 * 150.0);        /* 200 wanted, 150 fit */
    iv_field(a, 0, 0, CAP_IV_AVOIDED_EVENTS, x);
    m = mean_of(x, 400, &se);
    ck_assert_msg(fabs(m - 0.4 * 150.0 / 4000.0 * expected) < 4.0 * se,
                  "random enrolment avoided %g +/- %g, expected %g", m, se,
                  0.4 * 150.0 / 4000.0 * expected);
    iv_field(b, 0, 0, CAP_IV_AVOIDED_EVENTS, x);
    sharp_mean = mean_of(x, 400, &sharp_se);
    ck_assert_msg(sharp_mean > 2.0 * m, "perfect score avoided %g, random "
                  "%g", sharp_mean, m);
    cap_outcomes_free(a);
    cap_outcomes_free(b);
    cap_scenario_free(blind);
    cap_scenario_free(sharp);
}
END_TEST

/* Avoided events of intervention 0 in year, summed over trials, with
 * the engine alone. */
static double
avoided_in_year(const cap_scenario *sc, int year, uint32_t trials)
{
    cap_population *pop;
    cap_demand *d;
    cap_tally *t;
    double sum = 0.0;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    d = cap_demand_alloc(sc, pop, sc->seed, 0);
    t = cap_tally_alloc(sc, pop);
    for (uint32_t i = 0; i < trials; i++) {
        cap_demand_simulate(d, i, t);
        ck_assert_double_eq(cap_tally_intervention(t, 0, CAP_IV_ENROLLED, 1),
                            0.0);
        sum += cap_tally_intervention(t, 0, CAP_IV_AVOIDED_EVENTS, year);
    }
    cap_tally_free(t);
    cap_demand_free(d);
    cap_population_free(pop);
    return sum;
}

/* Ramp-up over 2 years halves the effect in the programme's first
 * year.  The year-2 enrolees are the same with and without the ramp
 * (chosen on year 1, before any effect), and an event is removed when
 * its uniform falls below the chance, so the ramped run removes a
 * Binomial(n, 1/2) subset of the n events the full effect removes. */
START_TEST(ramp_up_halves_the_first_year)
{
    cap_scenario *full = test_scenario(BASE_INI CASE_MANAGEMENT("0.5", ""));
    cap_scenario *ramp = test_scenario(
        BASE_INI CASE_MANAGEMENT("0.5", "ramp_years = 2\n"));
    double n = avoided_in_year(full, 2, 300);
    double half = avoided_in_year(ramp, 2, 300);

    ck_assert_msg(n > 100.0, "only %g events avoided", n);
    ck_assert_msg(fabs(half / n - 0.5) < 4.0 * sqrt(0.25 / n),
                  "ramped year 2 removed %g of %g", half, n);
    cap_scenario_free(full);
    cap_scenario_free(ramp);
}
END_TEST

/* Who pays: under capitation the acute trust funds the programme and
 * keeps every saving, so the commissioner's net is untouched and the
 * trust's moves by saving - cost; in every option the parties' net
 * returns add up to the system's, which is saving - cost. */
START_TEST(programme_cost_falls_on_its_payer)
{
    cap_scenario *sc = test_scenario(BASE_INI CASE_MANAGEMENT("0.3", ""));
    cap_outcomes *o = test_sim_run(sc, 2, 100);
    cap_outcomes *off = run_mode(sc, 0, CAP_SWITCHED_OFF, 100);
    double x[100], y[100], saved[100], cost[100], sys_off[100];
    double with[100], without[100];
    size_t sys = cap_ledger_system(sc);

    iv_field(o, 1, 0, CAP_IV_AVOIDED_COST, saved);
    iv_field(o, 1, 0, CAP_IV_PROGRAMME_COST, cost);
    spend(off, 1, sys, sys_off);
    spend(o, 1, 0, with);
    spend(off, 1, 0, without);
    for (size_t i = 0; i < 100; i++)
        ck_assert_double_eq(with[i], without[i]);
    spend(o, 1, 1, with);
    spend(off, 1, 1, without);
    for (size_t i = 0; i < 100; i++)
        ck_assert_double_eq_tol(without[i] - with[i], saved[i] - cost[i],
                                1e-9 * sys_off[i]);
    for (size_t opt = 0; opt < 2; opt++) {
        double total[100] = { 0 };

        for (size_t p = 0; p < sys; p++) {
            cap_outcomes_paired_net(off, o, opt, p, x, y);
            for (size_t i = 0; i < 100; i++)
                total[i] += y[i];
        }
        cap_outcomes_paired_net(off, o, opt, sys, x, y);
        iv_field(o, opt, 0, CAP_IV_AVOIDED_COST, saved);
        iv_field(o, opt, 0, CAP_IV_PROGRAMME_COST, cost);
        for (size_t i = 0; i < 100; i++) {
            ck_assert_double_eq_tol(total[i], y[i], 1e-3);
            ck_assert_double_eq_tol(y[i], saved[i] - cost[i], 1e-3);
        }
    }
    cap_outcomes_free(o);
    cap_outcomes_free(off);
    cap_scenario_free(sc);
}
END_TEST

/* Behaviour: the marginal margin is (tariff - cost) / cost per event
 * under payment by results and -1 under capitation; the multiplier is
 * 1 - d + d exp(epsilon r); and simulated activity is that multiple of
 * the expected events, for m above 1 (extra events) and below
 * (thinning), within 4 standard errors. */
START_TEST(behaviour_follows_the_marginal_margin)
{
    cap_scenario *sc = test_scenario(
        BASE_INI "[behaviour]\nelasticity = 2\ndiscretionary.opd = 0.5\n");
    cap_population *pop;
    double act[2 * 3 * 2], margin[2 * 3 * 2];
    test_engine d;
    cap_tally *t;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    ck_assert_int_eq(cap_behaviour_activity(sc, pop, act, margin), CAP_OK);
    for (size_t y = 0; y < 3; y++) {
        /* [option][year][service]; services adm, opd. */
        ck_assert_double_eq_tol(margin[(0 * 3 + y) * 2 + 0], 500.0 / 1500,
                                1e-9);
        ck_assert_double_eq_tol(margin[(0 * 3 + y) * 2 + 1], 0.3, 1e-9);
        ck_assert_double_eq_tol(margin[(1 * 3 + y) * 2 + 1], -1.0, 1e-9);
        ck_assert_double_eq(act[(0 * 3 + y) * 2 + 0], 1.0);
        ck_assert_double_eq_tol(act[(0 * 3 + y) * 2 + 1],
                                0.5 + 0.5 * exp(0.6), 1e-9);
        ck_assert_double_eq_tol(act[(1 * 3 + y) * 2 + 1],
                                0.5 + 0.5 * exp(-2.0), 1e-9);
    }
    d = test_engine_alloc(sc, pop, sc->seed, _i);
    t = cap_tally_alloc(sc, pop);
    for (size_t opt = 0; opt < 2; opt++) {
        double x[300], m, se, want = 0.0;

        test_engine_set_activity(&d, act + opt * 3 * 2);
        for (uint32_t i = 0; i < 300; i++) {
            test_engine_simulate(&d, i, t);
            x[i] = 0.0;
            for (int y = 1; y <= 3; y++)
                x[i] += cap_tally_service_events(t, 1, y);
        }
        for (int y = 1; y <= 3; y++)
            want += act[(opt * 3 + (size_t) (y - 1)) * 2 + 1]
                    * cap_expect_events(sc, 1, y);
        m = mean_of(x, 300, &se);
        ck_assert_msg(fabs(m - want) < 4.0 * se, "engine %d, option %zu: %g +/- "
                      "%g outpatient events, expected %g", _i, opt, m, se, want);
    }
    cap_tally_free(t);
    test_engine_free(&d);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

/* On the aggregate engine too, a switched-off demand reduction leaves
 * the scenario without it as it was, to the bit, and the cost it
 * removes is the difference in the system's cost of care; with
 * behaviour and an uncertain delivery as well, any thread count gives
 * the same bits. */
START_TEST(aggregate_cuts_keep_common_numbers)
{
    cap_scenario *sc = test_scenario(
        HEAD("aggregate") BASE_BODY "[intervention.qipp]\n"
        "type = demand_reduction\nservices = adm, opd\ncut = 0.1\n"
        "delivery = 0.7\ncost = 1000\n");
    cap_scenario *bare = test_scenario(HEAD("aggregate") BASE_BODY);
    cap_scenario *busy = test_scenario(
        HEAD("aggregate") BASE_BODY "[intervention.qipp]\n"
        "type = demand_reduction\nservices = opd\ncut = 0.1\n"
        "delivery = beta(0.6, 0.2)\n"
        "[behaviour]\nelasticity = 0.5\ndiscretionary.opd = 0.3\n");
    double saved[100];

    check_switched_off(sc, bare, saved);
    for (size_t i = 0; i < 100; i++)
        ck_assert_double_gt(saved[i], 0.0);
    check_same_bits(busy, 60);
    cap_scenario_free(sc);
    cap_scenario_free(bare);
    cap_scenario_free(busy);
}
END_TEST

/* Interventions, scores, behaviour and an uncertain effect together:
 * the same bits on 1 and 2 threads. */
START_TEST(same_bits_on_any_thread_count)
{
    cap_scenario *sc = test_scenario(
        BASE_INI CASE_MANAGEMENT("beta(0.2, 0.1)",
                                 "targeting = risk_score\naccuracy = 0.7\n")
        "[intervention.qipp]\ntype = demand_reduction\nservices = opd\n"
        "cut = 0.1\ndelivery = beta(0.6, 0.2)\n"
        "[behaviour]\nelasticity = 0.5\ndiscretionary.opd = 0.3\n");
    check_same_bits(sc, 60);
    cap_scenario_free(sc);
}
END_TEST

/* Bad interventions and behaviour, each refused at its line (counted
 * from the end of BASE_INI; -1: any line) with the message fragment. */
static const test_error_case bad_interventions[] = {
    { NULL,
      BASE_INI "[intervention.x]\ntype = vaccination\nservices = adm\n",
      NULL, BASE_LINES + 2, "expected case_management" },
    { NULL,
      BASE_INI "[intervention.x]\ntype = demand_reduction\n"
      "services = adm, dentistry\ncut = 0.1\n",
      NULL, BASE_LINES + 3, "no [service.dentistry]" },
    { NULL,
      BASE_INI "[intervention.x]\ntype = demand_reduction\n"
      "services = adm\ncut = 1.5\n",
      NULL, BASE_LINES + 4, "cut = 1.5" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("0.1", "start_year = 1\n"),
      NULL, -1, "year 2 at the earliest" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("0.1", "targeting = risk_score\n"),
      NULL, BASE_LINES + 1, "needs key 'accuracy'" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("0.1", "accuracy = 0.5\n"),
      NULL, BASE_LINES + 9, "accuracy is for targeting = risk_score" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("0.1", "paid_by.pbr = gp\n"),
      NULL, BASE_LINES + 9, "expected 'commissioner' or a provider" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("0.1", "cut = 0.1\n"),
      NULL, BASE_LINES + 9, "unknown key 'cut'" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("0.1", "ramp_years = 1.5\n"),
      NULL, BASE_LINES + 9, "whole number" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("normal(0.1, 0.1)", ""),
      NULL, BASE_LINES + 5, "not allowed" },
    { NULL,
      BASE_INI CASE_MANAGEMENT("0.1", "capacity = 10.5\n"),
      NULL, BASE_LINES + 9, "whole number of people" },
    { NULL,
      BASE_INI "[intervention.x]\ntype = demand_reduction\n"
      "services = adm, adm\ncut = 0.1\n",
      NULL, BASE_LINES + 3, "adm is listed twice" },
    { NULL,
      BASE_INI "[behaviour]\nelasticity = 1\n" "discretionary.opd = 2\n",
      NULL, BASE_LINES + 3, "must be a number in" },
    { NULL,
      BASE_INI "[behaviour]\ndiscretionary.opd = 0.2\n",
      NULL, BASE_LINES + 1, "needs key 'elasticity'" },
};

START_TEST(bad_interventions_are_located)
{
    test_error_case_run(&bad_interventions[_i]);
}
END_TEST

static Suite *
interventions_suite(void)
{
    Suite *s = suite_create("interventions");
    TCase *t = tcase_create("core");

    tcase_set_timeout(t, 120);
    tcase_add_test(t, no_effect_saves_nothing_but_looks_as_if_it_did);
    tcase_add_test(t, switched_off_is_the_scenario_without_it);
    tcase_add_test(t, demand_reduction_removes_its_share_of_events);
    tcase_add_test(t, targeting_follows_the_score_and_capacity);
    tcase_add_test(t, ramp_up_halves_the_first_year);
    tcase_add_test(t, programme_cost_falls_on_its_payer);
    tcase_add_loop_test(t, behaviour_follows_the_marginal_margin, 0, 2);
    tcase_add_test(t, same_bits_on_any_thread_count);
    tcase_add_test(t, aggregate_cuts_keep_common_numbers);
    tcase_add_loop_test(t, bad_interventions_are_located, 0,
                        (int) TEST_N_OF(bad_interventions));
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    return test_run(interventions_suite());
}
