/* lists.c -- list sizes by practice, tier and year (see lists.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "capsim/error.h"
#include "scenario/lists.h"

void
cap_lists_apportion(const cap_scenario *sc, double total, double *part)
{
    double given = 0.0;
    size_t n = sc->n_tiers;

    for (size_t t = 0; t < n; t++) {
        part[t] = floor(total * sc->tiers[t].share);
        given += part[t];
    }
    while (given < total) {
        size_t best = 0;
        double best_rem = -1.0;

        for (size_t t = 0; t < n; t++) {
            double rem = total * sc->tiers[t].share - part[t];

            if (rem > best_rem) {
                best_rem = rem;
                best = t;
            }
        }
        part[best] += 1.0;
        given += 1.0;
    }
}

double
cap_lists_size(const cap_scenario *sc, double first_year, int year)
{
    return floor(first_year * pow(1.0 + sc->growth, (double) (year - 1))
                 + 0.5);
}

int
cap_lists_check_ids(const cap_scenario *sc, size_t *practice)
{
    double *part = malloc(sc->n_tiers * sizeof *part);
    double ids = 0.0;

    if (part == NULL)
        return CAP_ENOMEM;
    for (size_t p = 0; p < sc->n_practices; p++) {
        cap_lists_apportion(sc, sc->practices[p].persons, part);
        for (size_t t = 0; t < sc->n_tiers; t++) {
            double most = 0.0;

            for (int y = 1; y <= sc->years; y++)
                most = fmax(most, cap_lists_size(sc, part[t], y));
            ids += most;
            if (ids > CAP_LISTS_MAX_IDS) {
                free(part);
                *practice = p;
                return CAP_EINPUT;
            }
        }
    }
    free(part);
    return CAP_OK;
}
