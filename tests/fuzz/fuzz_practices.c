/* fuzz_practices.c -- libFuzzer harness: the bytes are a practices CSV.
 *
 * A fixed small scenario names the file (practice, locality, persons);
 * whatever its bytes, loading must give a scenario or an error with a
 * message, and never crash, read out of bounds, overflow or leak.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/scenario.h"
#include "fuzz_file.h"

/* The quick-start scenario with its population read from a file. */
static const char scenario[] =
    "[scenario]\nname = fuzz\nyears = 2\ntrials = 10\nseed = 1\n"
    "[population]\nfile = practices.csv\ngrowth = 0.01\n"
    "[tier.well]\nshare = 0.8\nrelative_risk = 0.4\n"
    "[tier.complex]\nshare = 0.2\nrelative_risk = 3.4\n"
    "[frailty]\ncv = 1.0\npersistence = 0.6\n"
    "[demand]\ntrend = 0.03\ntrend_sd = 0.01\nshock_sd = 0.05\n"
    "[service.nonelective]\nprovider = acute\nrate = 0.10\n"
    "unit_cost = 1600\ncost_cv = 1.1\ntariff = 2600\n"
    "[provider.acute]\nfixed_cost = 8.2e6\nreserves = 1.5e6\n"
    "[commissioner]\nbudget = 21.6e6\nbudget_growth = 0.03\n"
    "[contract.acute_pbr]\ntype = pbr\nprovider = acute\n"
    "[contract.acute_cap]\ntype = capitation\nprovider = acute\n"
    "per_head = 700\nindexation = 0.035\n"
    "[option.pbr]\ncontracts = acute_pbr\n"
    "[option.cap]\ncontracts = acute_cap\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    cap_scenario *sc = NULL;
    cap_diag diag;

    /* Written for every input too: cheap, and nothing between inputs
     * can change it. */
    if (fuzz_file_write("practices.csv", data, size) == NULL
        || (path = fuzz_file_write("scenario.ini",
                                   (const uint8_t *) scenario,
                                   strlen(scenario))) == NULL)
        abort();              /* not the input's fault: stop loudly */
    cap_scenario_load(path, &sc, &diag);
    cap_scenario_free(sc);
    return 0;
}
