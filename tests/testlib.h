/* testlib.h -- helpers shared by the Check suites: scenarios from text. */
#ifndef CAPSIM_TESTLIB_H
#define CAPSIM_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "capsim/capsim.h"

/* Load a scenario from INI text (written to a temporary file, removed
 * again); fails the test on any error, printing the diagnostic. */
static inline cap_scenario *
test_scenario(const char *text)
{
    char path[] = "/tmp/capsim-test-XXXXXX.ini";
    int fd = mkstemps(path, 4);
    FILE *f;
    cap_scenario *sc = NULL;
    cap_diag d = { "", 0, "" };
    int status;

    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    status = cap_scenario_load(path, &sc, &d);
    unlink(path);
    ck_assert_msg(status == CAP_OK, "scenario: %s:%d: %s", d.file, d.line,
                  d.message);
    return sc;
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

#endif /* CAPSIM_TESTLIB_H */
