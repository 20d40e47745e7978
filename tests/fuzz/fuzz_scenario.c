/* fuzz_scenario.c -- libFuzzer harness: the bytes are a scenario file.
 *
 * Whatever the bytes, cap_scenario_load() must return a scenario or an
 * error with a message, never crash, read out of bounds, overflow or
 * leak (the sanitizers watch).  A loaded scenario is also turned into
 * its sweep's points, since each point is a variant built like a file
 * and the fuzzer can reach keys only a variant exercises; only small
 * sweeps, so that one input stays well under libFuzzer's timeout.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include "capsim/scenario.h"
#include "capsim/study.h"
#include "fuzz_file.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file_write("scenario.ini", data, size);
    cap_scenario *sc = NULL;
    cap_diag diag;

    if (path == NULL)
        abort();              /* not the input's fault: stop loudly */
    if (cap_scenario_load(path, &sc, &diag) == CAP_OK
        && sc->sweep.n_points <= 8) {
        cap_point *points = NULL;
        size_t n = 0;

        if (cap_points_build(sc, &points, &n, &diag) == CAP_OK)
            cap_points_free(points, n);
    }
    cap_scenario_free(sc);
    return 0;
}
