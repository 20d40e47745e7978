/* engine.c -- which demand engine a scenario gets, and why not the other.
 *
 * The aggregate engine (aggregate.c) simulates strata, not people, so it
 * cannot price what depends on a person: a per-person stop-loss, a
 * high-risk pool, case management that enrols people.  Whether a
 * scenario has any of these is a fact about the scenario, known when it
 * is loaded, so the choice lives with the scenario, before any demand is
 * simulated; the loader reads [scenario] engine with cap_engine_parse().
 * Declared in demand/aggregate.h.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include "scenario/engine.h"

const char *
cap_engine_name(cap_engine e)
{
    switch (e) {
    case CAP_ENGINE_AUTO: return "auto";
    case CAP_ENGINE_INDIVIDUAL: return "individual";
    case CAP_ENGINE_AGGREGATE: return "aggregate";
    default: return "default";
    }
}

int
cap_engine_parse(const char *name)
{
    for (int e = CAP_ENGINE_AUTO; e <= CAP_ENGINE_AGGREGATE; e++)
        if (strcmp(name, cap_engine_name((cap_engine) e)) == 0)
            return e;
    return -1;
}

const char *
cap_aggregate_unfit(const cap_scenario *sc, char *buf, size_t size)
{
    if (sc->n_excess > 0) {
        snprintf(buf, size, "a per-person stop-loss (threshold %g with "
                 "provider %s)", sc->excess[0].threshold,
                 sc->providers[sc->excess[0].provider].name);
        return buf;
    }
    if (sc->n_pools > 0) {
        snprintf(buf, size, "a high-risk pool (the top %g of provider %s's "
                 "patients)", sc->pools[0].fraction,
                 sc->providers[sc->pools[0].provider].name);
        return buf;
    }
    for (size_t j = 0; j < sc->n_interventions; j++) {
        if (sc->interventions[j].type == CAP_CASE_MANAGEMENT) {
            snprintf(buf, size, "case management ([intervention.%s] "
                     "enrols people)", sc->interventions[j].name);
            return buf;
        }
    }
    return NULL;
}

int
cap_engine_resolve(const cap_scenario *sc, cap_engine asked)
{
    char why[256];
    int fits = cap_aggregate_unfit(sc, why, sizeof why) == NULL;
    cap_engine e = asked == CAP_ENGINE_DEFAULT ? sc->engine : asked;

    if (e == CAP_ENGINE_AGGREGATE)
        return fits ? CAP_ENGINE_AGGREGATE : -1;
    if (e == CAP_ENGINE_INDIVIDUAL)
        return CAP_ENGINE_INDIVIDUAL;
    return fits ? CAP_ENGINE_AGGREGATE : CAP_ENGINE_INDIVIDUAL;
}

int
cap_engine_choose(const cap_scenario *sc, cap_engine asked,
                  cap_engine *engine, cap_diag *diag)
{
    char why[256];
    int e = cap_engine_resolve(sc, asked);

    if (e >= 0) {
        *engine = (cap_engine) e;
        return CAP_OK;
    }
    return cap_diag_set(diag, CAP_EINPUT, sc->path, 0, "the aggregate "
                        "engine simulates strata, not people, and this "
                        "scenario has %s; use individual or auto",
                        cap_aggregate_unfit(sc, why, sizeof why));
}
