/* population.c -- strata, list sizes and person ids by year.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "capsim/error.h"
#include "demand/population.h"
#include "scenario/lists.h"

void
cap_population_free(cap_population *pop)
{
    if (pop == NULL)
        return;
    free(pop->practice_of);
    free(pop->tier_of);
    free(pop->first_id);
    free(pop->capacity);
    free(pop->count);
    free(pop);
}

int
cap_population_alloc(const cap_scenario *sc, cap_population **out)
{
    cap_population *pop;
    size_t ns = sc->n_practices * sc->n_tiers;
    size_t years = (size_t) sc->years;
    double *part = NULL;
    double ids = 0.0;

    *out = NULL;
    pop = calloc(1, sizeof *pop);
    if (pop == NULL)
        return CAP_ENOMEM;
    pop->years = sc->years;
    pop->n_tiers = sc->n_tiers;
    pop->n_strata = ns;
    pop->practice_of = malloc(ns * sizeof *pop->practice_of);
    pop->tier_of = malloc(ns * sizeof *pop->tier_of);
    pop->first_id = malloc(ns * sizeof *pop->first_id);
    pop->capacity = malloc(ns * sizeof *pop->capacity);
    pop->count = malloc(ns * years * sizeof *pop->count);
    part = malloc(sc->n_tiers * sizeof *part);
    if (!pop->practice_of || !pop->tier_of || !pop->first_id
        || !pop->capacity || !pop->count || !part) {
        free(part);
        cap_population_free(pop);
        return CAP_ENOMEM;
    }
    for (size_t p = 0; p < sc->n_practices; p++) {
        cap_lists_apportion(sc, sc->practices[p].persons, part);
        for (size_t t = 0; t < sc->n_tiers; t++) {
            size_t s = p * sc->n_tiers + t;
            double most = 0.0;

            pop->practice_of[s] = p;
            pop->tier_of[s] = t;
            for (size_t y = 0; y < years; y++) {
                double n = cap_lists_size(sc, part[t], (int) y + 1);

                pop->count[y * ns + s] = (uint32_t) n;
                if (n > most)
                    most = n;
            }
            if (ids + most > CAP_LISTS_MAX_IDS) {
                free(part);
                cap_population_free(pop);
                return CAP_EINPUT;
            }
            pop->first_id[s] = (uint32_t) ids;
            pop->capacity[s] = (uint32_t) most;
            ids += most;
        }
    }
    pop->n_ids = (uint32_t) ids;
    free(part);
    *out = pop;
    return CAP_OK;
}
