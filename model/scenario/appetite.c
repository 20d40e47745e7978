/* appetite.c -- the risk appetite: [appetite] says which party decides,
 * [appetite.PARTY] what each party can live with.
 *
 * Without those sections every party gets the defaults below, which
 * the recommendation states in words: an NHS body's annual break-even
 * duty read as "a deficit in any one year no more often than 1 in 10
 * futures" for the commissioner and the local authority, and for each
 * provider "its own reserves ([provider] reserves) exhausted in no more
 * than 1 in 20 futures".  The whole system has no limits of its own.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/ledger.h"
#include "capsim/scenario.h"
#include "scenario/scenario_build.h"

#define DEFAULT_DEFICIT_CHANCE 0.10
#define DEFAULT_EXHAUST_CHANCE 0.05

typedef struct {
    char *decides;
} appetite_keys;

static const key_spec appetite_spec[] = {
    TEXT("decides", 0, appetite_keys, decides),
};

static const key_spec party_spec[] = {
    NUM("max_deficit_chance", 0, 0, 1, 0, 0, cap_party_appetite,
        max_deficit_chance),
    NUM("max_shortfall", 0, 0, 1e15, 0, 0, cap_party_appetite,
        max_shortfall),
    NUM("reserves", 0, 0, 1e15, 0, 0, cap_party_appetite, reserves),
    NUM("max_exhaust_chance", 0, 0, 1, 0, 0, cap_party_appetite,
        max_exhaust_chance),
};

/* The limits party p has when the scenario says nothing about it. */
static cap_party_appetite
default_appetite(const cap_scenario *sc, size_t p)
{
    cap_party_appetite a = { NAN, NAN, NAN, NAN, 0 };

    if (p >= 1 && p <= sc->n_providers) {
        a.reserves = sc->providers[p - 1].reserves;
        a.max_exhaust_chance = DEFAULT_EXHAUST_CHANCE;
    } else if (p != cap_ledger_system(sc)) {
        a.max_deficit_chance = DEFAULT_DEFICIT_CHANCE;
    }
    return a;
}

/* [appetite.NAME]: the party's own limits, replacing the defaults. */
static int
build_party(builder *b, const char *section, const char *name)
{
    cap_scenario *sc = b->sc;
    long p = cap_ledger_find_party(sc, name);
    cap_party_appetite a = { NAN, NAN, NAN, NAN, 0 };
    int status;

    a.line = cap_ini_section_line(b->doc, section);
    if (p < 0 || (size_t) p == cap_ledger_system(sc))
        return cap_build_fail(b, a.line, "[%s]: no party called '%s' "
                              "(expected commissioner, a provider's name "
                              "or local_authority)", section, name);
    status = cap_build_keys(b, section, party_spec, N_OF(party_spec), &a);
    if (status != CAP_OK)
        return status;
    if (!isnan(a.max_exhaust_chance) && isnan(a.reserves)) {
        if (p >= 1 && (size_t) p <= sc->n_providers)
            a.reserves = sc->providers[p - 1].reserves;
        else
            return cap_build_fail(b, cap_ini_find(b->doc, section,
                                  "max_exhaust_chance")->line,
                                  "[%s] max_exhaust_chance: needs "
                                  "reserves, the reserve it applies to",
                                  section);
    }
    if (!isnan(a.reserves) && isnan(a.max_exhaust_chance))
        a.max_exhaust_chance = DEFAULT_EXHAUST_CHANCE;
    sc->appetite.party[p] = a;
    return CAP_OK;
}

int
cap_build_appetite(builder *b)
{
    cap_scenario *sc = b->sc;
    cap_appetite *ap = &sc->appetite;
    appetite_keys k = { 0 };
    int status;

    ap->n_parties = cap_ledger_parties(sc);
    ap->party = calloc(ap->n_parties, sizeof *ap->party);
    if (ap->party == NULL)
        return CAP_ENOMEM;
    for (size_t p = 0; p < ap->n_parties; p++)
        ap->party[p] = default_appetite(sc, p);
    status = cap_build_keys(b, "appetite", appetite_spec,
                            N_OF(appetite_spec), &k);
    if (status == CAP_OK && k.decides != NULL) {
        long p = cap_ledger_find_party(sc, k.decides);

        if (p < 0)
            return cap_build_fail(b, cap_ini_find(b->doc, "appetite",
                                  "decides")->line,
                                  "[appetite] decides = %s: no such party "
                                  "(expected commissioner, a provider's "
                                  "name, local_authority or system)",
                                  k.decides);
        ap->decides = (size_t) p;
    }
    for (size_t i = 0; status == CAP_OK && i < b->doc->n_sections; i++) {
        const char *section = b->doc->sections[i].name;
        const char *name = cap_build_suffix(section, "appetite");

        if (name != NULL)
            status = build_party(b, section, name);
    }
    return status;
}

void
cap_appetite_release(cap_scenario *sc)
{
    free(sc->appetite.party);
}
