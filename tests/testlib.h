/* testlib.h -- the one harness of the Check suites: temporary files,
 * fixtures under tests/data, scenarios from text, expected load errors
 * (one at a time or from a table), contract test benches and the
 * suite runner.
 *
 * A test program includes <config.h> (which turns on the POSIX and GNU
 * declarations used here) and then this header, and runs its suite with
 * test_run(), which makes the folder for its temporary files and removes
 * it, with whatever failed tests left in it, when the suite ends.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_TESTLIB_H
#define CAPSIM_TESTLIB_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "capsim/capsim.h"
/* The suites test the model's internals too. */
#include "base/rng.h"
#include "base/sha256.h"
#include "demand/population.h"
#include "demand/tally.h"
#include "demand/demand.h"
#include "scenario/engine.h"
#include "demand/aggregate.h"
#include "demand/expect.h"
#include "scenario/contract.h"
#include "settle/behaviour.h"
#include "settle/settle.h"
#include "sim/inputs.h"
#include "output/manifest.h"
#include "output/plot.h"
#include "output/report.h"

/* -- temporary files ----------------------------------------------- */

/* The folder of this run's temporary files: empty until test_run() (or
 * the first test_tmp_dir()) makes it.  One buffer a program; Check's
 * forked tests inherit it from the runner. */
static inline char *
test_tmp_dir_buffer(void)
{
    static char dir[4096];

    return dir;
}

/* The folder for temporary files, $TMPDIR/capsim-test-XXXXXX (TMPDIR
 * defaulting to /tmp), made on the first call; aborts the program when
 * it cannot be made. */
static inline const char *
test_tmp_dir(void)
{
    char *dir = test_tmp_dir_buffer();

    if (dir[0] == '\0') {
        const char *base = getenv("TMPDIR");

        if (base == NULL || base[0] == '\0')
            base = "/tmp";
        snprintf(dir, 4096, "%s/capsim-test-XXXXXX", base);
        if (mkdtemp(dir) == NULL) {
            perror("mkdtemp");
            abort();
        }
    }
    return dir;
}

/* Remove the temporary folder and the files in it, if it was made. */
static inline void
test_tmp_dir_remove(void)
{
    char *dir = test_tmp_dir_buffer();
    DIR *d;
    struct dirent *e;

    if (dir[0] == '\0' || (d = opendir(dir)) == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[8192];

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
    dir[0] = '\0';
}

/* Write n bytes of data to a new file in the temporary folder whose name
 * starts with prefix.  Returns its path (malloc'd); the caller unlinks
 * and frees it.  Fails the test when the file cannot be written. */
static inline char *
test_write_temp_bytes(const char *prefix, const void *data, size_t n)
{
    const char *dir = test_tmp_dir();
    size_t len = strlen(dir) + strlen(prefix) + 16;
    char *path = malloc(len);
    FILE *fp;
    int fd;

    ck_assert_ptr_nonnull(path);
    snprintf(path, len, "%s/%sXXXXXX", dir, prefix);
    fd = mkstemp(path);
    ck_assert_msg(fd >= 0, "cannot make a file in %s", dir);
    fp = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(data, 1, n, fp), n);
    ck_assert_int_eq(fclose(fp), 0);
    return path;
}

/* The same for a string. */
static inline char *
test_write_temp(const char *prefix, const char *text)
{
    return test_write_temp_bytes(prefix, text, strlen(text));
}

/* The last component of path. */
static inline const char *
test_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* -- fixtures under tests/data ------------------------------------- */

/* The path of tests/data/name in the source tree: under $srcdir, which
 * make check exports (tests run from the build tree, and in make
 * distcheck the two differ), else the current folder (a test run by
 * hand from the top of an in-tree build). */
static inline void
test_data_path(const char *name, char *path, size_t n)
{
    const char *src = getenv("srcdir");

    if (src == NULL || src[0] == '\0')
        src = ".";
    snprintf(path, n, "%s/tests/data/%s", src, name);
}

/* The text of fixture name followed by override (NULL: nothing), as a
 * malloc'd string the caller frees.  Fails the test when the fixture
 * cannot be read. */
static inline char *
test_fixture(const char *name, const char *override)
{
    char path[4096];
    FILE *fp;
    long size;
    size_t extra = override ? strlen(override) : 0;
    char *text;

    test_data_path(name, path, sizeof path);
    fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open fixture %s", path);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    size = ftell(fp);
    ck_assert_int_ge(size, 0);
    rewind(fp);
    text = malloc((size_t) size + extra + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(fread(text, 1, (size_t) size, fp), (size_t) size);
    fclose(fp);
    memcpy(text + size, override ? override : "", extra);
    text[(size_t) size + extra] = '\0';
    return text;
}

/* -- loading scenarios --------------------------------------------- */

/* Load a scenario from INI text through a temporary file whose name
 * starts with prefix (removed again); when path is not NULL the file's
 * path is left there (n bytes).  Returns the loader's status, with *sc
 * and *d as it left them. */
static inline int
test_load_named(const char *prefix, const char *text, cap_scenario **sc,
                cap_diag *d, char *path, size_t n)
{
    char *file = test_write_temp(prefix, text);
    int status;

    if (path != NULL)
        snprintf(path, n, "%s", file);
    memset(d, 0, sizeof *d);
    *sc = NULL;
    status = cap_scenario_load(file, sc, d);
    unlink(file);
    free(file);
    return status;
}

static inline int
test_load(const char *text, cap_scenario **sc, cap_diag *d)
{
    return test_load_named("scen-", text, sc, d, NULL, 0);
}

/* The line (from 1) of the nth occurrence (from 1) of marker in text;
 * fails the test when the marker does not occur that often. */
static inline int
test_line_of_nth(const char *text, const char *marker, int nth)
{
    const char *at = text;
    int line = 1;

    for (int k = 0; k < nth; k++) {
        at = strstr(k ? at + 1 : at, marker);
        ck_assert_msg(at != NULL, "marker '%s' not in the text", marker);
    }
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

static inline int
test_line_of(const char *text, const char *marker)
{
    return test_line_of_nth(text, marker, 1);
}

/* Loading text must fail with status, in the scenario file itself, with
 * needle in the message and, when line >= 0, at that line; no scenario
 * may be left. */
static inline void
test_load_fails_with(const char *text, int status, int line,
                     const char *needle)
{
    cap_scenario dummy;
    cap_scenario *sc = &dummy;
    cap_diag d;
    char path[4096];
    int st = test_load_named("bad-", text, &sc, &d, path, sizeof path);

    ck_assert_msg(st == status, "status %d, expected %d (%s)", st, status,
                  d.message);
    ck_assert_ptr_null(sc);
    ck_assert_str_eq(d.file, path);
    ck_assert_msg(strstr(d.message, needle) != NULL,
                  "message '%s' lacks '%s'", d.message, needle);
    if (line >= 0)
        ck_assert_msg(d.line == line, "line %d, expected %d: %s", d.line,
                      line, d.message);
}

/* The same for bad input (CAP_EINPUT), the usual case. */
static inline void
test_load_fails(const char *text, int line, const char *needle)
{
    test_load_fails_with(text, CAP_EINPUT, line, needle);
}

/* Load text and expect it refused at line with needle in the message;
 * the shape of most error tests. */
#define EXPECT_FAIL(text, line, needle) test_load_fails(text, line, needle)

/* The same at whatever line. */
#define EXPECT_FAIL_ANYWHERE(text, needle) test_load_fails(text, -1, needle)

/* One row of a table of load errors, run by test_error_case_run() from a
 * loop test: the scenario is fixture (a file under tests/data; NULL for
 * none) followed by text; the error is expected at the first line
 * holding marker (NULL: at line, -1 for any line) with needle in the
 * message. */
typedef struct {
    const char *fixture;
    const char *text;
    const char *marker;
    int line;
    const char *needle;
} test_error_case;

/* Run one row: fails the test unless the scenario is refused as the row
 * says (a loop test passes its row, c = &table[_i]). */
static inline void
test_error_case_run(const test_error_case *c)
{
    char *text = c->fixture ? test_fixture(c->fixture, c->text)
                            : strdup(c->text);

    ck_assert_ptr_nonnull(text);
    test_load_fails(text, c->marker ? test_line_of(text, c->marker)
                                    : c->line, c->needle);
    free(text);
}

/* Number of elements of an array. */
#define TEST_N_OF(a) (sizeof (a) / sizeof (a)[0])

/* The folder of the shipped scenarios: $CAPSIM_SCENARIOS, which make
 * check exports, else scenarios/ under $srcdir (or the current
 * folder). */
static inline const char *
test_scenarios_dir(void)
{
    const char *d = getenv("CAPSIM_SCENARIOS");
    const char *src = getenv("srcdir");
    static char path[4096];

    if (d && d[0])
        return d;
    snprintf(path, sizeof path, "%s/scenarios",
             src && src[0] ? src : ".");
    return path;
}

/* Load the shipped scenario NAME (e.g. "county.ini"); fails the test on
 * any error. */
static inline cap_scenario *
test_shipped_scenario(const char *name)
{
    char path[4608];
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

/* Load fixture name followed by override (NULL: nothing); fails the
 * test on any error.  The caller frees the scenario. */
static inline cap_scenario *
test_fixture_scenario(const char *name, const char *override)
{
    char *text = test_fixture(name, override);
    cap_scenario *sc = test_scenario(text);

    free(text);
    return sc;
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

/* The same with the scenario fixture name (under tests/data). */
static inline void
test_bench_open_fixture(test_bench *b, const char *name)
{
    char *text = test_fixture(name, NULL);

    test_bench_open(b, text);
    free(text);
}

static inline void
test_bench_close(test_bench *b)
{
    cap_tally_free(b->t);
    cap_population_free(b->pop);
    cap_scenario_free(b->sc);
}

/* Define the contract test bench fx of a suite, the checked fixture
 * setup() and teardown() that open it on the scenario fixture name
 * (under tests/data) and close it; pay(contract, year), the payment
 * test_bench_pay() works out on it; and pay_at(contract, cost), the
 * payment in year 1 when provider 0's total cost is cost. */
#define TEST_BENCH_FIXTURE(name)                                       \
    static test_bench fx;                                              \
    static void setup(void) { test_bench_open_fixture(&fx, name); }    \
    static void teardown(void) { test_bench_close(&fx); }              \
    static inline double pay(const char *contract, int year)           \
    {                                                                  \
        return test_bench_pay(&fx, contract, year);                    \
    }                                                                  \
    static inline double pay_at(const char *contract, double cost)     \
    {                                                                  \
        test_bench_total_cost(&fx, 1, cost);                           \
        return pay(contract, 1);                                       \
    }

/* The offset in the tallies of service k in year, stratum 0 (which the
 * tallies' sums see like any other). */
static inline size_t
test_bench_cell(const test_bench *b, int year, size_t k)
{
    return ((size_t) (year - 1) * b->t->n_services + k) * b->t->n_strata;
}

/* Activity and variable cost of service k in year (stratum 0). */
static inline void
test_bench_service(test_bench *b, int year, size_t k, double events,
                   double cost)
{
    b->t->events[test_bench_cell(b, year, k)] = events;
    b->t->cost[test_bench_cell(b, year, k)] = cost;
}

/* Make provider 0's total cost in year equal cost: its fixed cost of
 * the year plus variable cost on service 0, which it must deliver. */
static inline void
test_bench_total_cost(test_bench *b, int year, double cost)
{
    test_bench_service(b, year, 0, 1,
                       cost - cap_scenario_fixed_cost(b->sc, 0, year));
}

/* Events and readmissions of service k in year (stratum 0). */
static inline void
test_bench_events(test_bench *b, int year, size_t k, double events,
                  double readmissions)
{
    b->t->events[test_bench_cell(b, year, k)] = events;
    b->t->readmissions[test_bench_cell(b, year, k)] = readmissions;
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

/* Run a suite, returning EXIT_SUCCESS only if nothing failed.  The
 * temporary folder is made first, so that every forked test shares it,
 * and removed with its contents at the end. */
static inline int
test_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    test_tmp_dir();
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    test_tmp_dir_remove();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* The population of sc, an individual demand engine with seed (keeping
 * each person's cost when record is 1) and tallies, for tests that
 * simulate trials by hand; fails the test when any cannot be made.  The
 * caller frees them with test_demand_close(). */
static inline void
test_demand_open(const cap_scenario *sc, uint64_t seed, int record,
                 cap_population **pop, cap_demand **d, cap_tally **t)
{
    ck_assert_int_eq(cap_population_alloc(sc, pop), CAP_OK);
    *d = cap_demand_alloc(sc, *pop, seed, record);
    ck_assert_ptr_nonnull(*d);
    *t = cap_tally_alloc(sc, *pop);
    ck_assert_ptr_nonnull(*t);
}

/* Free what test_demand_open() made (each may be NULL). */
static inline void
test_demand_close(cap_population *pop, cap_demand *d, cap_tally *t)
{
    cap_tally_free(t);
    cap_demand_free(d);
    cap_population_free(pop);
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
