/* parties.c -- who the parties of a scenario are, and their names.
 *
 * The parties follow from the scenario alone: 0 the commissioner, 1..P
 * the providers in scenario order, then the local authority when the
 * scenario has one, and last the whole system.  The loader names them
 * (a [sensitivity] or [incentives] party), demand's behaviour counts
 * them and the ledger settles them, so they are numbered here, where
 * the scenario is, not in the ledger.  Declared in capsim/ledger.h.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "capsim/ledger.h"

size_t
cap_ledger_parties(const cap_scenario *sc)
{
    return sc->n_providers + 2 + (size_t) sc->has_local_authority;
}

size_t
cap_ledger_system(const cap_scenario *sc)
{
    return sc->n_providers + 1 + (size_t) sc->has_local_authority;
}

const char *
cap_ledger_party_name(const cap_scenario *sc, size_t party)
{
    if (party == 0)
        return "commissioner";
    if (party <= sc->n_providers)
        return sc->providers[party - 1].name;
    if (sc->has_local_authority && party == sc->n_providers + 1)
        return "local_authority";
    return "system";
}

long
cap_ledger_find_party(const cap_scenario *sc, const char *name)
{
    for (size_t p = 0; p < cap_ledger_parties(sc); p++)
        if (strcmp(cap_ledger_party_name(sc, p), name) == 0)
            return (long) p;
    return -1;
}

const char *
cap_ledger_party_label(const cap_scenario *sc, size_t party)
{
    const char *label;
    char section[512];

    if (party == 0)
        return (label = cap_scenario_label(sc, "commissioner")) != NULL
               ? label : "Commissioner";
    if (party <= sc->n_providers) {
        const char *name = sc->providers[party - 1].name;

        snprintf(section, sizeof section, "provider.%s", name);
        return (label = cap_scenario_label(sc, section)) != NULL
               ? label : name;
    }
    if (sc->has_local_authority && party == sc->n_providers + 1)
        return (label = cap_scenario_label(sc, "local_authority")) != NULL
               ? label : "Local authority";
    return "Whole system";
}
