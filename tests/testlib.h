/* testlib.h -- helpers shared by the Check suites: scenarios from text.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_TESTLIB_H
#define CAPSIM_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "capsim/capsim.h"
/* The suites test the model's internals too. */
#include "base/rng.h"
#include "base/sha256.h"
#include "scenario/population.h"
#include "scenario/tally.h"
#include "demand/demand.h"
#include "scenario/aggregate.h"
#include "demand/expect.h"
#include "scenario/contract.h"
#include "settle/behaviour.h"
#include "settle/settle.h"
#include "sim/inputs.h"
#include "output/manifest.h"
#include "output/plot.h"
#include "output/report.h"

/* Load a scenario from INI text through a temporary file (removed
 * again).  Returns the loader's status, with *sc and *d as it left
 * them. */
static inline int
test_load(const char *text, cap_scenario **sc, cap_diag *d)
{
    char path[] = "/tmp/capsim-test-XXXXXX.ini";
    int fd = mkstemps(path, 4);
    FILE *f;
    int status;

    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    *sc = NULL;
    status = cap_scenario_load(path, sc, d);
    unlink(path);
    return status;
}

/* The folder of the shipped scenarios. */
static inline const char *
test_scenarios_dir(void)
{
    const char *d = getenv("CAPSIM_SCENARIOS");

    return d && d[0] ? d : "scenarios";
}

/* Load the shipped scenario NAME (e.g. "county.ini"); fails the test on
 * any error. */
static inline cap_scenario *
test_shipped_scenario(const char *name)
{
    char path[1024];
    cap_scenario *sc = NULL;
    cap_diag d = { "", 0, "" };

    snprintf(path, sizeof path, "%s/%s", test_scenarios_dir(), name);
    ck_assert_msg(cap_scenario_load(path, &sc, &d) == CAP_OK, "%s:%d: %s",
                  d.file, d.line, d.message);
    return sc;
}

/* Load a scenario from INI text; fails the test on any error, printing
 * the diagnostic. */
static inline cap_scenario *
test_scenario(const char *text)
{
    cap_scenario *sc;
    cap_diag d = { "", 0, "" };
    int status = test_load(text, &sc, &d);

    ck_assert_msg(status == CAP_OK, "scenario: %s:%d: %s", d.file, d.line,
                  d.message);
    return sc;
}

/* Loading text must fail as bad input, leaving no scenario, with needle
 * in the message and, when line >= 0, at that line. */
static inline void
test_load_fails(const char *text, int line, const char *needle)
{
    cap_scenario *sc;
    cap_diag d = { "", 0, "" };
    int status = test_load(text, &sc, &d);

    ck_assert_msg(status == CAP_EINPUT, "status %d, not bad input (%s)",
                  status, d.message);
    ck_assert_ptr_null(sc);
    ck_assert_msg(strstr(d.message, needle) != NULL,
                  "message '%s' lacks '%s'", d.message, needle);
    if (line >= 0)
        ck_assert_msg(d.line == line, "line %d, expected %d: %s", d.line,
                      line, d.message);
}

/* Run sc for trials on threads (0: OpenMP's default) with its own
 * seed, on the engine given (DEFAULT: the scenario's); fails the test
 * on any error. */
static inline cap_outcomes *
test_sim_run_on(const cap_scenario *sc, int threads, long trials,
                cap_engine engine)
{
    cap_sim_config cfg;
    cap_outcomes *o = NULL;
    cap_diag d = { "", 0, "" };
    int status;

    memset(&cfg, 0, sizeof cfg);
    cfg.trials = trials;
    cfg.seed = sc->seed;
    cfg.threads = threads;
    cfg.engine = engine;
    status = cap_sim_run(sc, &cfg, &o, &d);
    ck_assert_msg(status == CAP_OK, "run: %s", d.message);
    return o;
}

static inline cap_outcomes *
test_sim_run(const cap_scenario *sc, int threads, long trials)
{
    return test_sim_run_on(sc, threads, trials, CAP_ENGINE_DEFAULT);
}

/* A test bench for contracts: a scenario with its population and
 * zeroed tallies, which a test fills by hand to work payments out. */
typedef struct {
    cap_scenario *sc;
    cap_population *pop;
    cap_tally *t;
} test_bench;

static inline void
test_bench_open(test_bench *b, const char *ini)
{
    b->sc = test_scenario(ini);
    ck_assert_int_eq(cap_population_alloc(b->sc, &b->pop), CAP_OK);
    b->t = cap_tally_alloc(b->sc, b->pop);
    ck_assert_ptr_nonnull(b->t);
}

static inline void
test_bench_close(test_bench *b)
{
    cap_tally_free(b->t);
    cap_population_free(b->pop);
    cap_scenario_free(b->sc);
}

/* Activity and variable cost of service k in year (stratum 0, which
 * the tallies' sums see like any other). */
static inline void
test_bench_service(test_bench *b, int year, size_t k, double events,
                   double cost)
{
    size_t at = ((size_t) (year - 1) * b->t->n_services + k)
                * b->t->n_strata;

    b->t->events[at] = events;
    b->t->cost[at] = cost;
}

/* The payment in year under the contract called name, to its own
 * provider, with its fixed quality score. */
static inline double
test_bench_pay(const test_bench *b, const char *name, int year)
{
    for (size_t i = 0; i < b->sc->n_contracts; i++) {
        const cap_contract *c = &b->sc->contracts[i];

        if (strcmp(c->name, name) == 0) {
            cap_settle_input in = { b->sc, b->t, c->provider, year, 0, 0 };

            return cap_contract_pay(c, &in);
        }
    }
    ck_abort_msg("no contract %s", name);
    return 0.0;
}

/* Sample mean and variance (n - 1) of x[0..n). */
static inline void
test_moments(const double *x, size_t n, double *mean, double *var)
{
    double m = 0.0, v = 0.0;

    for (size_t i = 0; i < n; i++)
        m += x[i];
    m /= (double) n;
    for (size_t i = 0; i < n; i++)
        v += (x[i] - m) * (x[i] - m);
    *mean = m;
    *var = v / (double) (n - 1);
}

/* Run a suite, returning EXIT_SUCCESS only if nothing failed. */
static inline int
test_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Either demand engine behind one interface, for the properties that
 * hold for both: engine 0 is the individual one, 1 the aggregate one
 * (Check's loop tests pass _i). */
typedef struct {
    cap_demand *d;
    cap_aggregate *a;
} test_engine;

static inline test_engine
test_engine_alloc(const cap_scenario *sc, const cap_population *pop,
                  uint64_t seed, int aggregate)
{
    test_engine e = { NULL, NULL };

    if (aggregate)
        e.a = cap_aggregate_alloc(sc, pop, seed);
    else
        e.d = cap_demand_alloc(sc, pop, seed, 0);
    ck_assert_msg(e.a || e.d, "out of memory for the demand engine");
    return e;
}

static inline void
test_engine_simulate(test_engine *e, uint32_t trial, cap_tally *t)
{
    if (e->a)
        cap_aggregate_simulate(e->a, trial, t);
    else
        cap_demand_simulate(e->d, trial, t);
}

static inline void
test_engine_set_activity(test_engine *e, const double *activity)
{
    if (e->a)
        cap_aggregate_set_activity(e->a, activity);
    else
        cap_demand_set_activity(e->d, activity);
}

static inline void
test_engine_free(test_engine *e)
{
    cap_demand_free(e->d);
    cap_aggregate_free(e->a);
}

#endif /* CAPSIM_TESTLIB_H */
