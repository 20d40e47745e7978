/* check_demand.c -- the demand engine against the model's analytic
 * moments.  Tolerances are 4 Monte Carlo standard errors, seeds fixed.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <gsl/gsl_cdf.h>
#include "testlib.h"
#include "demand/draws.h"

/* One year, one tier, one service, no frailty, trend or shock. */
static const char *compound_ini =
    "[scenario]\nyears = 1\ntrials = 4000\nseed = 7231\n"
    "[population]\npersons = 2000\n"
    "[service.visit]\nprovider = p\nrate = 0.3\nunit_cost = 412.37\n"
    "cost_cv = 0.85\ntariff = 400\n"
    "[provider.p]\n[commissioner]\nbudget = 1e6\n"
    "[contract.c]\ntype = pbr\nprovider = p\n"
    "[option.o]\ncontracts = c\n";

/* Simulate trials of sc; out[trial * per + k] receives the total cost
 * (k = 0) and events (k = 1) of each year. */
static void
simulate(const cap_scenario *sc, int aggregate, size_t trials, double *cost,
         double *events)
{
    cap_population *pop;
    test_engine d;
    cap_tally *t;
    size_t years = (size_t) sc->years;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    d = test_engine_alloc(sc, pop, sc->seed, aggregate);
    t = cap_tally_alloc(sc, pop);
    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; i < trials; i++) {
        test_engine_simulate(&d, (uint32_t) i, t);
        for (int y = 1; y <= sc->years; y++) {
            double c = 0.0, e = 0.0;

            for (size_t k = 0; k < sc->n_services; k++) {
                c += cap_tally_service_cost(t, k, y);
                e += cap_tally_service_events(t, k, y);
            }
            cost[i * years + (size_t) (y - 1)] = c;
            events[i * years + (size_t) (y - 1)] = e;
        }
    }
    cap_tally_free(t);
    test_engine_free(&d);
    cap_population_free(pop);
}

/* Total cost of n people, each with Poisson(lambda) events of gamma
 * cost (mean mu, cv c), is compound Poisson: its cumulants are
 * kappa_r = n lambda E[X^r], so mean = n lambda mu and variance =
 * n lambda mu^2 (1 + c^2).  The variance's own sampling error uses the
 * fourth cumulant: Var(s^2) ~ kappa4 / T + 2 sigma^4 / (T - 1). */
START_TEST(compound_poisson_gamma_moments)
{
    cap_scenario *sc = test_scenario(compound_ini);
    size_t T = 4000;
    double *cost = malloc(T * sizeof *cost);
    double *events = malloc(T * sizeof *events);
    double n = 2000, lambda = 0.3, mu = 412.37, c = 0.85;
    double a = 1.0 / (c * c), b = mu * c * c;
    double ex2 = b * b * a * (a + 1);
    double ex4 = pow(b, 4) * a * (a + 1) * (a + 2) * (a + 3);
    double mean_exact = n * lambda * mu, var_exact = n * lambda * ex2;
    double k4 = n * lambda * ex4;
    double m, v, se_var;

    simulate(sc, _i, T, cost, events);
    test_moments(cost, T, &m, &v);
    ck_assert_double_le(fabs(m - mean_exact), 4.0 * sqrt(var_exact / T));
    se_var = sqrt(k4 / T + 2.0 * var_exact * var_exact / (T - 1));
    ck_assert_double_le(fabs(v - var_exact), 4.0 * se_var);
    /* The event count alone is Poisson(n lambda). */
    test_moments(events, T, &m, &v);
    ck_assert_double_le(fabs(m - n * lambda), 4.0 * sqrt(n * lambda / T));
    ck_assert_double_le(fabs(v - n * lambda),
                        4.0 * n * lambda * sqrt(2.0 / (T - 1)));
    free(cost);
    free(events);
    cap_scenario_free(sc);
}
END_TEST

/* Two years of one service (rate 2) for a list of persons people that
 * grows at growth a year, with frailty cv and persistence rho. */
static cap_scenario *
frailty_scenario(unsigned seed, double persons, double growth, double cv,
                 double rho)
{
    char ini[600];

    snprintf(ini, sizeof ini,
             "[scenario]\nyears = 2\ntrials = 2\nseed = %u\n"
             "[population]\npersons = %g\ngrowth = %g\n"
             "[frailty]\ncv = %g\npersistence = %g\n"
             "[service.visit]\nprovider = p\nrate = 2\nunit_cost = 10\n"
             "[provider.p]\n[commissioner]\nbudget = 1e6\n"
             "[contract.c]\ntype = block\nprovider = p\namount = 1\n"
             "[option.o]\ncontracts = c\n", seed, persons, growth, cv, rho);
    return test_scenario(ini);
}

/* The sample means and variances of the two years' total events over
 * T trials of a two-year scenario, and their covariance. */
typedef struct {
    double m1, v1, m2, v2, cov;
} year_pair;

static year_pair
two_year_events(const cap_scenario *sc, int aggregate, size_t T)
{
    double *cost = malloc(2 * T * sizeof *cost);
    double *events = malloc(2 * T * sizeof *events);
    double *y1 = malloc(T * sizeof *y1), *y2 = malloc(T * sizeof *y2);
    year_pair p = { 0, 0, 0, 0, 0 };

    simulate(sc, aggregate, T, cost, events);
    for (size_t i = 0; i < T; i++) {
        y1[i] = events[2 * i];
        y2[i] = events[2 * i + 1];
    }
    test_moments(y1, T, &p.m1, &p.v1);
    test_moments(y2, T, &p.m2, &p.v2);
    for (size_t i = 0; i < T; i++)
        p.cov += (y1[i] - p.m1) * (y2[i] - p.m2);
    p.cov /= (double) (T - 1);
    free(cost);
    free(events);
    free(y1);
    free(y2);
    return p;
}

/* Gamma frailty of sd cv with lag-1 correlation rho: a person's counts
 * in two years have Var = lambda + lambda^2 cv^2 and
 * Cov = lambda^2 cv^2 rho, so for n people the totals have
 * Var = n (lambda + lambda^2 cv^2) and Cov = n lambda^2 cv^2 rho. */
START_TEST(frailty_variance_and_persistence)
{
    cap_scenario *sc = frailty_scenario(99173, 500, 0, 0.8, 0.55);
    size_t T = 4000;
    double n = 500, lambda = 2, cv = 0.8, rho = 0.55;
    double var_exact = n * (lambda + lambda * lambda * cv * cv);
    double cov_exact = n * lambda * lambda * cv * cv * rho;
    year_pair p = two_year_events(sc, _i, T);
    double se_cov;

    ck_assert_double_le(fabs(p.m1 - n * lambda), 4.0 * sqrt(var_exact / T));
    ck_assert_double_le(fabs(p.m2 - n * lambda), 4.0 * sqrt(var_exact / T));
    /* Near-normal totals: se(s^2) ~ sigma^2 sqrt(2/T). */
    ck_assert_double_le(fabs(p.v1 - var_exact),
                        4.0 * var_exact * sqrt(2.0 / T));
    ck_assert_double_le(fabs(p.v2 - var_exact),
                        4.0 * var_exact * sqrt(2.0 / T));
    se_cov = sqrt((var_exact * var_exact + cov_exact * cov_exact) / T);
    ck_assert_double_le(fabs(p.cov - cov_exact), 4.0 * se_cov);
    cap_scenario_free(sc);
}
END_TEST

/* When a list grows or shrinks, only the people on it in both years
 * carry their frailty over: for lists of n1 and n2 people, of whom
 * m = min(n1, n2) stay, Var(total_y) = n_y (lambda + lambda^2 cv^2) and
 * Cov = m lambda^2 cv^2 rho.  Joiners draw afresh and leavers take
 * their share of the frailty with them -- in the aggregate engine, the
 * Beta split and the joiners' gamma of docs/model.md, section 14 (a
 * small, very unequal list makes the split's spread matter).  Loop
 * index: engine (bit 0), shrinking list (bit 1). */
START_TEST(frailty_persists_through_list_changes)
{
    int shrink = _i >> 1;
    double lambda = 2, cv = shrink ? 2 : 0.8, rho = 0.6;
    double n1 = shrink ? 40 : 400, n2 = shrink ? 20 : 500;
    double stay = n2 < n1 ? n2 : n1;
    cap_scenario *sc = frailty_scenario(5511, n1, shrink ? -0.5 : 0.25, cv,
                                        rho);
    size_t T = 6000;
    double per = lambda + lambda * lambda * cv * cv;
    double cov_exact = stay * lambda * lambda * cv * cv * rho;
    year_pair p = two_year_events(sc, _i & 1, T);

    ck_assert_double_le(fabs(p.m2 - n2 * lambda), 4.0 * sqrt(n2 * per / T));
    ck_assert_double_le(fabs(p.v2 - n2 * per),
                        4.0 * n2 * per * sqrt(2.0 / T));
    ck_assert_msg(fabs(p.cov - cov_exact)
                  <= 4.0 * sqrt((n1 * per * n2 * per + cov_exact * cov_exact)
                                / T),
                  "engine %d, %s list: cov %g, exact %g", _i & 1,
                  shrink ? "shrinking" : "growing", p.cov, cov_exact);
    cap_scenario_free(sc);
}
END_TEST

/* The aggregate engine's Poisson draw (GSL below 10, Hormann's PTRS
 * above) against the Poisson law: a chi-square test on 40 bins of
 * about equal probability, from 200,000 draws for each mean; the
 * statistic must stay below df + 4 sqrt(2 df). */
START_TEST(poisson_draws_follow_the_law)
{
    const double means[] = { 3.7, 10.0, 57.25, 1234.5, 2.5e5 };
    gsl_rng *r = cap_rng_alloc(4242);
    size_t n = 200000;

    for (size_t m = 0; m < sizeof means / sizeof means[0]; m++) {
        double mu = means[m], edge[41], observed[40] = { 0 }, chi2 = 0.0;
        int bins = 0;

        /* Bin j holds the k with edge[j] < k <= edge[j + 1]: the edges
         * are the 1/40 quantiles, without repeats. */
        edge[0] = -1.0;
        for (int j = 1; j < 40; j++) {
            double q = fmax(edge[bins], 0.0);

            while (gsl_cdf_poisson_P((unsigned) q, mu) < (double) j / 40.0)
                q += 1.0;
            if (q > edge[bins])
                edge[++bins] = q;
        }
        edge[++bins] = INFINITY;
        cap_rng_seek(r, 0, CAP_STREAM_SYSTEM, 0, (uint32_t) m);
        for (size_t i = 0; i < n; i++) {
            double k = cap_poisson(r, mu);
            int j = 0;

            ck_assert_double_eq(k, floor(k));
            while (k > edge[j + 1])
                j++;
            observed[j] += 1.0;
        }
        for (int j = 0; j < bins; j++) {
            double p = (isinf(edge[j + 1]) ? 1.0
                        : gsl_cdf_poisson_P((unsigned) edge[j + 1], mu))
                       - (j ? gsl_cdf_poisson_P((unsigned) edge[j], mu)
                            : 0.0);

            chi2 += pow(observed[j] - n * p, 2) / (n * p);
        }
        ck_assert_msg(chi2 < bins - 1 + 4.0 * sqrt(2.0 * (bins - 1)),
                      "mean %g: chi-square %g on %d bins", mu, chi2, bins);
    }
    gsl_rng_free(r);
}
END_TEST

/* Tier relative risks are normalised so that the population's average
 * rate is the service's rate: tier t's rate is rate x rr_t / sum_s
 * share_s rr_s. */
START_TEST(tiers_keep_the_average_rate)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 1\ntrials = 2\nseed = 4411\n"
        "[population]\npersons = 3000\n"
        "[tier.low]\nshare = 0.7\nrelative_risk = 0.6\n"
        "[tier.high]\nshare = 0.3\nrelative_risk = 2.9\n"
        "[service.visit]\nprovider = p\nrate = 0.45\nunit_cost = 10\n"
        "[provider.p]\n[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = block\nprovider = p\namount = 1\n"
        "[option.o]\ncontracts = c\n");
    cap_population *pop;
    test_engine d;
    cap_tally *t;
    size_t T = 3000;
    double sum_low = 0.0, sum_high = 0.0;
    double mean_rr = 0.7 * 0.6 + 0.3 * 2.9;
    double exp_low = 2100 * 0.45 * 0.6 / mean_rr;
    double exp_high = 900 * 0.45 * 2.9 / mean_rr;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    ck_assert_uint_eq(cap_population_count(pop, 1, 0), 2100);
    ck_assert_uint_eq(cap_population_count(pop, 1, 1), 900);
    d = test_engine_alloc(sc, pop, 77, _i);
    t = cap_tally_alloc(sc, pop);
    for (size_t i = 0; i < T; i++) {
        test_engine_simulate(&d, (uint32_t) i, t);
        sum_low += t->events[0];
        sum_high += t->events[1];
    }
    /* Poisson counts: the mean's standard error is sqrt(mean / T). */
    ck_assert_double_le(fabs(sum_low / T - exp_low),
                        4.0 * sqrt(exp_low / T));
    ck_assert_double_le(fabs(sum_high / T - exp_high),
                        4.0 * sqrt(exp_high / T));
    /* Together: the population average rate. */
    ck_assert_double_le(fabs((sum_low + sum_high) / T - 3000 * 0.45),
                        4.0 * sqrt(3000 * 0.45 / T));
    cap_tally_free(t);
    test_engine_free(&d);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

/* The system multiplier: (1 + g)^(y-1) x shock, g ~ N(trend, trend_sd),
 * shock lognormal of mean 1 and sd shock_sd. */
START_TEST(system_multiplier_moments)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 3\ntrials = 2\nseed = 5\n"
        "[population]\npersons = 1\n"
        "[demand]\ntrend = 0.037\ntrend_sd = 0.012\nshock_sd = 0.061\n"
        "[service.visit]\nprovider = p\nrate = 0.1\nunit_cost = 10\n"
        "[provider.p]\n[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = block\nprovider = p\namount = 1\n"
        "[option.o]\ncontracts = c\n");
    cap_population *pop;
    test_engine d;
    cap_tally *t;
    size_t T = 20000;
    double *m1 = malloc(T * sizeof *m1), *m3 = malloc(T * sizeof *m3);
    double mean, var, g2;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    d = test_engine_alloc(sc, pop, 2024, _i);
    t = cap_tally_alloc(sc, pop);
    for (size_t i = 0; i < T; i++) {
        test_engine_simulate(&d, (uint32_t) i, t);
        m1[i] = t->multiplier[0];
        m3[i] = t->multiplier[2];
    }
    test_moments(m1, T, &mean, &var);
    ck_assert_double_le(fabs(mean - 1.0), 4.0 * 0.061 / sqrt(T));
    ck_assert_double_le(fabs(sqrt(var) - 0.061), 4.0 * 0.061 / sqrt(2.0 * T));
    /* Year 3: E[(1+g)^2] E[shock] = (1 + trend)^2 + trend_sd^2. */
    g2 = 1.037 * 1.037 + 0.012 * 0.012;
    test_moments(m3, T, &mean, &var);
    ck_assert_double_le(fabs(mean - g2), 4.0 * sqrt(var / T));
    free(m1);
    free(m3);
    cap_tally_free(t);
    test_engine_free(&d);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

/* A trial's numbers depend on the seed and trial index only: the same
 * trial simulated fresh, or after other trials, gives the same bits. */
START_TEST(trial_depends_only_on_seed_and_index)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 3\ntrials = 2\nseed = 31337\n"
        "[population]\npersons = 700\ngrowth = 0.05\n"
        "[frailty]\ncv = 1.3\npersistence = 0.7\n"
        "[demand]\ntrend = 0.02\ntrend_sd = 0.01\nshock_sd = 0.05\n"
        "[service.visit]\nprovider = p\nrate = 0.8\nunit_cost = 125.5\n"
        "cost_cv = 1.4\n"
        "[provider.p]\n[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = block\nprovider = p\namount = 1\n"
        "[option.o]\ncontracts = c\n");
    cap_population *pop;
    cap_demand *d1, *d2, *d3;
    cap_tally *a, *b, *c;
    size_t cells;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    d1 = cap_demand_alloc(sc, pop, 31337, 0);
    d2 = cap_demand_alloc(sc, pop, 31337, 1);
    d3 = cap_demand_alloc(sc, pop, 31338, 0);
    a = cap_tally_alloc(sc, pop);
    b = cap_tally_alloc(sc, pop);
    c = cap_tally_alloc(sc, pop);
    cells = 3 * a->n_services * a->n_strata;
    cap_demand_simulate(d1, 9, a);
    cap_demand_simulate(d2, 2, b);
    cap_demand_simulate(d2, 4, b);
    cap_demand_simulate(d2, 9, b);
    ck_assert_int_eq(memcmp(a->cost, b->cost, cells * sizeof *a->cost), 0);
    ck_assert_int_eq(memcmp(a->events, b->events,
                            cells * sizeof *a->events), 0);
    /* Another seed gives another future. */
    cap_demand_simulate(d3, 9, c);
    ck_assert_int_ne(memcmp(a->cost, c->cost, cells * sizeof *a->cost), 0);
    /* List growth: round(700 x 1.05^(y-1)). */
    ck_assert_double_eq(cap_tally_persons(a, 1), 700);
    ck_assert_double_eq(cap_tally_persons(a, 2), 735);
    ck_assert_double_eq(cap_tally_persons(a, 3), 772);
    cap_tally_free(a);
    cap_tally_free(b);
    cap_tally_free(c);
    cap_demand_free(d1);
    cap_demand_free(d2);
    cap_demand_free(d3);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

/* Per-person costs, when kept, add up to the tallies. */
START_TEST(person_costs_add_up)
{
    cap_scenario *sc = test_scenario(compound_ini);
    cap_population *pop;
    cap_demand *d;
    cap_tally *t;
    const unsigned char *reg;
    const double *pc;
    double sum = 0.0;

    test_demand_open(sc, 3, 1, &pop, &d, &t);
    cap_demand_simulate(d, 11, t);
    pc = cap_demand_person_costs(d, 1, &reg);
    for (uint32_t id = 0; id < pop->n_ids; id++) {
        ck_assert_int_eq(reg[id], 1);
        sum += pc[id];
    }
    ck_assert_double_eq_tol(sum, cap_tally_service_cost(t, 0, 1),
                            1e-9 * sum);
    test_demand_close(pop, d, t);
    cap_scenario_free(sc);
}
END_TEST

/* The excess tally is each person's cost above the stop-loss threshold,
 * summed: checked against the per-person costs of the same trial. */
START_TEST(excess_over_stop_loss_adds_up)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 2\nseed = 6151\n"
        "[population]\npersons = 3000\n"
        "[frailty]\ncv = 1.4\npersistence = 0.5\n"
        "[service.adm]\nprovider = p\nrate = 0.3\nunit_cost = 2385.5\n"
        "cost_cv = 1.7\n"
        "[provider.p]\n[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = capitation\nprovider = p\nper_head = 1\n"
        "stop_loss = 7412.5\n"
        "[option.o]\ncontracts = c\n");
    cap_population *pop;
    cap_demand *d;
    cap_tally *t;

    test_demand_open(sc, sc->seed, 1, &pop, &d, &t);
    cap_demand_simulate(d, 5, t);
    for (int y = 1; y <= 2; y++) {
        const double *pc = cap_demand_person_costs(d, y, NULL);
        double want = 0.0;

        for (uint32_t id = 0; id < pop->n_ids; id++)
            if (pc[id] > 7412.5)
                want += pc[id] - 7412.5;
        ck_assert_double_gt(want, 0.0);
        ck_assert_double_eq_tol(cap_tally_excess(t, 0, 7412.5, y), want,
                                1e-9 * want);
    }
    ck_assert(isnan(cap_tally_excess(t, 0, 1000.0, 1)));
    test_demand_close(pop, d, t);
    cap_scenario_free(sc);
}
END_TEST

/* Closed-form expectations.  Trend moments: with a = 1 + trend and
 * s = trend_sd, E[(1+G)^2] = a^2 + s^2, E[(1+G)^4] = a^4 + 6 a^2 s^2
 * + 3 s^4. */
START_TEST(expected_multiplier_moments)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 5\ntrials = 2\nseed = 5\n"
        "[population]\npersons = 10\n"
        "[demand]\ntrend = 0.037\ntrend_sd = 0.021\nshock_sd = 0.3\n"
        "[service.visit]\nprovider = p\nrate = 0.1\nunit_cost = 10\n"
        "[provider.p]\n[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = block\nprovider = p\namount = 1\n"
        "[option.o]\ncontracts = c\n");
    double a = 1.037, s2 = 0.021 * 0.021;

    ck_assert_double_eq(cap_expect_multiplier(sc, 1), 1.0);
    ck_assert_double_eq_tol(cap_expect_multiplier(sc, 3), a * a + s2,
                            1e-13);
    ck_assert_double_eq_tol(cap_expect_multiplier(sc, 5),
                            pow(a, 4) + 6 * a * a * s2 + 3 * s2 * s2,
                            1e-13);
    cap_scenario_free(sc);
}
END_TEST

/* The closed form agrees with the simulation: expected events and
 * provider cost within 4 standard errors of the Monte Carlo means, on a
 * scenario with tiers, frailty, growth and a trend so uncertain that
 * 1 + G can fall below 0 (the truncated integral). */
START_TEST(expectations_match_simulation)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 3\ntrials = 2\nseed = 2718\n"
        "[population]\npersons = 1500\ngrowth = 0.04\n"
        "[tier.a]\nshare = 0.75\nrelative_risk = 0.6\n"
        "[tier.b]\nshare = 0.25\nrelative_risk = 2.3\n"
        "[frailty]\ncv = 0.9\npersistence = 0.5\n"
        "[demand]\ntrend = -0.4\ntrend_sd = 0.35\nshock_sd = 0.1\n"
        "[service.visit]\nprovider = p\nrate = 0.83\nunit_cost = 41.2\n"
        "cost_cv = 1.3\ntariff = 47.5\n"
        "[provider.p]\nfixed_cost = 12345\nfixed_cost_growth = 0.02\n"
        "[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = pbr\nprovider = p\n"
        "[option.o]\ncontracts = c\n");
    size_t T = 6000;
    double *cost = malloc(3 * T * sizeof *cost);
    double *events = malloc(3 * T * sizeof *events);
    double *x = malloc(T * sizeof *x);

    simulate(sc, _i, T, cost, events);
    for (int y = 1; y <= 3; y++) {
        double m, v, want;

        for (size_t i = 0; i < T; i++)
            x[i] = events[i * 3 + (size_t) (y - 1)];
        test_moments(x, T, &m, &v);
        want = cap_expect_events(sc, 0, y);
        ck_assert_msg(fabs(m - want) <= 4.0 * sqrt(v / T),
                      "year %d events: simulated %g, expected %g", y, m,
                      want);
        for (size_t i = 0; i < T; i++)
            x[i] = cost[i * 3 + (size_t) (y - 1)]
                   + cap_scenario_fixed_cost(sc, 0, y);
        test_moments(x, T, &m, &v);
        want = cap_expect_provider_cost(sc, 0, y);
        ck_assert_msg(fabs(m - want) <= 4.0 * sqrt(v / T),
                      "year %d cost: simulated %g, expected %g", y, m,
                      want);
        ck_assert_double_eq_tol(cap_expect_tariff_value(sc, 0, y),
                                47.5 * cap_expect_events(sc, 0, y), 1e-9);
    }
    /* The truncation matters here: 1 + G < 0 has probability 4.4%, and
     * those futures contribute 0, not (1+G)^2, so E[max(0, 1+G)^2] is
     * below the plain second moment 0.6^2 + 0.35^2 = 0.4825. */
    ck_assert_double_lt(cap_expect_multiplier(sc, 3), 0.4825 - 1e-3);
    free(cost);
    free(events);
    free(x);
    cap_scenario_free(sc);
}
END_TEST

static int
descending(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return (x < y) - (x > y);
}

/* A high-risk pool holds, in year 2, the people whose year-1 cost was
 * among the top 3% (ties are improbable with gamma costs), and tallies
 * their year-2 cost; year 1's pool is empty.  Checked against a full
 * sort of the same trial's per-person costs. */
START_TEST(pool_is_last_years_top_fraction)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 2\nseed = 90210\n"
        "[population]\npersons = 4000\n"
        "[tier.a]\nshare = 0.6\nrelative_risk = 1\n"
        "[tier.b]\nshare = 0.4\nrelative_risk = 2\n"
        "[frailty]\ncv = 1.1\npersistence = 0.7\n"
        "[service.adm]\nprovider = p\nrate = 0.9\nunit_cost = 612.5\n"
        "cost_cv = 1.2\n"
        "[provider.p]\n[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = capitation\nprovider = p\nper_head = 1\n"
        "pool_fraction = 0.03\n"
        "[option.o]\ncontracts = c\n");
    cap_population *pop;
    cap_demand *d;
    cap_tally *t;
    const double *c1, *c2;
    double *sorted = malloc(4000 * sizeof *sorted);
    double cut, want_cost = 0.0, members = 0.0;

    test_demand_open(sc, sc->seed, 1, &pop, &d, &t);
    cap_demand_simulate(d, 3, t);
    c1 = cap_demand_person_costs(d, 1, NULL);
    c2 = cap_demand_person_costs(d, 2, NULL);
    memcpy(sorted, c1, 4000 * sizeof *sorted);
    qsort(sorted, 4000, sizeof *sorted, descending);
    cut = sorted[119];                     /* 3% of 4,000 = 120 people */
    ck_assert_double_gt(sorted[119], sorted[120]);
    for (uint32_t id = 0; id < 4000; id++)
        if (c1[id] >= cut)
            want_cost += c2[id];
    for (size_t tier = 0; tier < 2; tier++) {
        ck_assert_double_eq(cap_tally_pool_persons(t, 0, 0.03, tier, 1), 0);
        members += cap_tally_pool_persons(t, 0, 0.03, tier, 2);
    }
    ck_assert_double_eq(members, 120);
    ck_assert_double_eq(cap_tally_pool_cost(t, 0, 0.03, 1), 0);
    ck_assert_double_eq_tol(cap_tally_pool_cost(t, 0, 0.03, 2), want_cost,
                            1e-9 * want_cost);
    /* Regression to the mean: the pool's year-2 cost per head is far
     * below its year-1 cost per head, but above the average. */
    {
        double before = 0.0, mean2 = 0.0;

        for (int i = 0; i < 120; i++)
            before += sorted[i];
        for (uint32_t id = 0; id < 4000; id++)
            mean2 += c2[id] / 4000.0;
        ck_assert_double_lt(want_cost, 0.6 * before);
        ck_assert_double_gt(want_cost / 120.0, 2.0 * mean2);
    }
    free(sorted);
    test_demand_close(pop, d, t);
    cap_scenario_free(sc);
}
END_TEST

/* Readmissions: each event of a service is a readmission with
 * probability q, so E[R] = q E[N] whatever the law of N.  With frailty
 * N is overdispersed; D = R - q N has mean 0 and, given N, variance
 * N q (1 - q), so E[D] = 0 is checked against the sample sd of D.  A
 * service without readmission_share has none, and no cell has more
 * readmissions than events. */
START_TEST(readmissions_are_a_share_of_events)
{
    cap_scenario *sc = test_scenario(
        "[scenario]\nyears = 2\ntrials = 2\nseed = 8117\n"
        "[population]\npersons = 2000\n"
        "[tier.low]\nshare = 0.7\nrelative_risk = 0.6\n"
        "[tier.high]\nshare = 0.3\nrelative_risk = 2.9\n"
        "[frailty]\ncv = 0.9\npersistence = 0.5\n"
        "[service.emergency]\nprovider = p\nrate = 0.31\n"
        "unit_cost = 1590\ncost_cv = 1.2\nreadmission_share = 0.07\n"
        "[service.elective]\nprovider = p\nrate = 0.52\nunit_cost = 738\n"
        "[provider.p]\n[commissioner]\nbudget = 1e6\n"
        "[contract.c]\ntype = block\nprovider = p\namount = 1\n"
        "[option.o]\ncontracts = c\n");
    cap_population *pop;
    test_engine d;
    cap_tally *t;
    size_t T = 3000;
    double q = 0.07;
    double *r = malloc(T * sizeof *r), *dev = malloc(T * sizeof *dev);
    double mean_r, var_r, mean_d, var_d, expect = 2000 * 0.31 * q;
    size_t cells;

    ck_assert_int_eq(cap_population_alloc(sc, &pop), CAP_OK);
    d = test_engine_alloc(sc, pop, sc->seed, _i);
    t = cap_tally_alloc(sc, pop);
    cells = 2 * t->n_services * t->n_strata;
    for (size_t i = 0; i < T; i++) {
        double n;

        test_engine_simulate(&d, (uint32_t) i, t);
        for (size_t c = 0; c < cells; c++) {
            ck_assert_double_le(t->readmissions[c], t->events[c]);
            ck_assert_double_eq(t->readmissions[c],
                                floor(t->readmissions[c]));
        }
        ck_assert_double_eq(cap_tally_service_readmissions(t, 1, 1), 0.0);
        ck_assert_double_eq(cap_tally_service_readmissions(t, 1, 2), 0.0);
        n = cap_tally_service_events(t, 0, 2);
        r[i] = cap_tally_service_readmissions(t, 0, 2);
        dev[i] = r[i] - q * n;
    }
    test_moments(dev, T, &mean_d, &var_d);
    ck_assert_double_le(fabs(mean_d), 4.0 * sqrt(var_d / T));
    /* Year 2 has no trend or shock: E[N] = persons x rate. */
    test_moments(r, T, &mean_r, &var_r);
    ck_assert_double_le(fabs(mean_r - expect), 4.0 * sqrt(var_r / T));
    free(r);
    free(dev);
    cap_tally_free(t);
    test_engine_free(&d);
    cap_population_free(pop);
    cap_scenario_free(sc);
}
END_TEST

/* The scenario of the stream checks below: two tiers, frailty, trend,
 * shock, list growth and two services with gamma costs. */
#define STREAMS_INI(extra)                                              \
    "[scenario]\nyears = 3\ntrials = 2\nseed = 60417\n"                 \
    "[population]\npersons = 1800\ngrowth = 0.02\n"                     \
    "[tier.low]\nshare = 0.75\nrelative_risk = 0.7\n"                   \
    "[tier.high]\nshare = 0.25\nrelative_risk = 2.6\n"                  \
    "[frailty]\ncv = 0.9\npersistence = 0.4\n"                          \
    "[demand]\ntrend = 0.025\ntrend_sd = 0.01\nshock_sd = 0.04\n"       \
    "[service.emergency]\nprovider = p\nrate = 0.31\n"                  \
    "unit_cost = 1590\ncost_cv = 1.2\n" extra                           \
    "[service.elective]\nprovider = p\nrate = 0.52\nunit_cost = 738\n"  \
    "cost_cv = 0.7\n"                                                   \
    "[provider.p]\n[commissioner]\nbudget = 1e6\n"                      \
    "[contract.c]\ntype = block\nprovider = p\namount = 1\n"            \
    "[option.o]\ncontracts = c\n"

/* Readmissions are drawn after everything else of a person-year, so a
 * scenario's events and costs are the same bits with or without them. */
START_TEST(readmissions_leave_events_and_costs_alone)
{
    cap_scenario *sa = test_scenario(STREAMS_INI(""));
    cap_scenario *sb = test_scenario(STREAMS_INI(
                                         "readmission_share = 0.07\n"));
    cap_population *pa, *pb;
    cap_demand *da, *db;
    cap_tally *a, *b;
    size_t cells;
    double readmitted = 0.0;

    ck_assert_int_eq(cap_population_alloc(sa, &pa), CAP_OK);
    ck_assert_int_eq(cap_population_alloc(sb, &pb), CAP_OK);
    da = cap_demand_alloc(sa, pa, sa->seed, 0);
    db = cap_demand_alloc(sb, pb, sb->seed, 0);
    a = cap_tally_alloc(sa, pa);
    b = cap_tally_alloc(sb, pb);
    cells = 3 * a->n_services * a->n_strata;
    for (uint32_t trial = 0; trial < 40; trial += 3) {
        cap_demand_simulate(da, trial, a);
        cap_demand_simulate(db, trial, b);
        ck_assert_int_eq(memcmp(a->events, b->events,
                                cells * sizeof *a->events), 0);
        ck_assert_int_eq(memcmp(a->cost, b->cost,
                                cells * sizeof *a->cost), 0);
        for (int y = 1; y <= 3; y++)
            readmitted += cap_tally_service_readmissions(b, 0, y);
    }
    ck_assert_double_gt(readmitted, 0.0);
    cap_tally_free(a);
    cap_tally_free(b);
    cap_demand_free(da);
    cap_demand_free(db);
    cap_population_free(pa);
    cap_population_free(pb);
    cap_scenario_free(sa);
    cap_scenario_free(sb);
}
END_TEST

/* Trial 12 of that scenario (without readmissions), as simulated
 * before readmissions were added to the demand engine: the event
 * counts are exact, the costs to rounding.  A change in the order or
 * number of draws of a person-year changes them. */
START_TEST(demand_matches_earlier_release)
{
    static const double events[3][2] = {
        { 612, 957 }, { 557, 1023 }, { 630, 985 }
    };
    static const double cost[3][2] = {
        { 906128.3195070714, 697094.75452355342 },
        { 864351.77847024915, 726812.37338553229 },
        { 1027066.8329515052, 721870.00745622744 }
    };
    cap_scenario *sc = test_scenario(STREAMS_INI(""));
    cap_population *pop;
    cap_demand *d;
    cap_tally *t;

    test_demand_open(sc, sc->seed, 0, &pop, &d, &t);
    cap_demand_simulate(d, 12, t);
    for (int y = 1; y <= 3; y++) {
        for (size_t k = 0; k < 2; k++) {
            ck_assert_double_eq(cap_tally_service_events(t, k, y),
                                events[y - 1][k]);
            ck_assert_double_eq_tol(cap_tally_service_cost(t, k, y),
                                    cost[y - 1][k],
                                    1e-12 * cost[y - 1][k]);
        }
    }
    test_demand_close(pop, d, t);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
demand_suite(void)
{
    Suite *s = suite_create("demand");
    TCase *moments = tcase_create("moments");
    TCase *streams = tcase_create("streams");

    tcase_set_timeout(moments, 60);
    tcase_add_loop_test(moments, compound_poisson_gamma_moments, 0, 2);
    tcase_add_loop_test(moments, frailty_variance_and_persistence, 0, 2);
    tcase_add_test(moments, poisson_draws_follow_the_law);
    tcase_add_loop_test(moments, frailty_persists_through_list_changes, 0, 4);
    tcase_add_loop_test(moments, tiers_keep_the_average_rate, 0, 2);
    tcase_add_loop_test(moments, system_multiplier_moments, 0, 2);
    tcase_add_test(moments, expected_multiplier_moments);
    tcase_add_loop_test(moments, expectations_match_simulation, 0, 2);
    tcase_add_test(streams, trial_depends_only_on_seed_and_index);
    tcase_add_test(streams, person_costs_add_up);
    tcase_add_test(streams, excess_over_stop_loss_adds_up);
    tcase_add_test(streams, pool_is_last_years_top_fraction);
    tcase_add_loop_test(moments, readmissions_are_a_share_of_events, 0, 2);
    tcase_add_test(streams, readmissions_leave_events_and_costs_alone);
    tcase_add_test(streams, demand_matches_earlier_release);
    suite_add_tcase(s, moments);
    suite_add_tcase(s, streams);
    return s;
}

int
main(void)
{
    return test_run(demand_suite());
}
