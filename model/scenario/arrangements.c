/* arrangements.c -- build the option-level arrangements of a scenario:
 * the local authority, pooled budgets and system risk shares.
 *
 * A contract pays one provider; an arrangement spans several parties
 * and is settled by the ledger after the contracts.  An option names at
 * most one of each kind (keys pooled_budget and system_risk_share).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/scenario.h"
#include "base/parse.h"
#include "scenario/scenario_build.h"

typedef struct {
    double budget;
    double budget_growth;
} la_keys;

typedef struct {
    char *providers;
    cap_pooled_budget p;
} pooled_keys;

typedef struct {
    char *providers;
    double commissioner_share;
} system_keys;

static const key_spec la_spec[] = {
    NUM("budget", 1, 0, 1e13, 0, 0, la_keys, budget),
    NUM("budget_growth", 0, -1, 1, 1, 0, la_keys, budget_growth),
};

static const key_spec pooled_spec[] = {
    TEXT("providers", 1, pooled_keys, providers),
    NUM("amount", 1, 0, 1e13, 0, 0, pooled_keys, p.amount),
    NUM("indexation", 0, -1, 1, 1, 0, pooled_keys, p.indexation),
    NUM("commissioner_share", 1, 0, 1, 0, 0, pooled_keys,
        p.commissioner_share),
    NUM("overspend_share", 0, 0, 1, 0, 0, pooled_keys, p.overspend_share),
    NUM("commissioner_cap", 0, 0, 1e13, 0, 0, pooled_keys,
        p.commissioner_cap),
    NUM("local_authority_cap", 0, 0, 1e13, 0, 0, pooled_keys,
        p.local_authority_cap),
};

static const key_spec system_spec[] = {
    TEXT("providers", 1, system_keys, providers),
    NUM("commissioner_share", 1, 0, 1, 0, 0, system_keys,
        commissioner_share),
};

/* Read "providers = a, b" of section into a calloc'd [provider] flag
 * array. */
static int
member_list(builder *b, const char *section, const char *value,
            unsigned char **member)
{
    const cap_scenario *sc = b->sc;
    const cap_ini_entry *e = cap_ini_find(b->doc, section, "providers");
    char buf[1024];
    char *items[CAP_MAX_PROVIDERS + 1];
    int n = cap_parse_list(value, buf, sizeof buf, items,
                           CAP_MAX_PROVIDERS);

    if (n < 0)
        return cap_build_fail(b, e->line, "[%s] providers: expected a list "
                              "of provider names separated by commas",
                              section);
    *member = calloc(sc->n_providers, 1);
    if (*member == NULL)
        return CAP_ENOMEM;
    for (int i = 0; i < n; i++) {
        long p = cap_scenario_find_provider(sc, items[i]);

        if (p < 0)
            return cap_build_fail(b, e->line, "[%s] providers: no "
                                  "[provider.%s] section", section,
                                  items[i]);
        if ((*member)[p])
            return cap_build_fail(b, e->line, "[%s] providers: %s is "
                                  "listed twice", section, items[i]);
        (*member)[p] = 1;
    }
    return CAP_OK;
}

static int
build_local_authority(builder *b)
{
    la_keys k = { 0, 0 };
    int status;

    if (cap_ini_section_line(b->doc, "local_authority") == 0)
        return CAP_OK;
    status = cap_build_keys(b, "local_authority", la_spec, N_OF(la_spec),
                            &k);
    if (status != CAP_OK)
        return status;
    b->sc->has_local_authority = 1;
    b->sc->la_budget = k.budget;
    b->sc->la_budget_growth = k.budget_growth;
    return CAP_OK;
}

static int
build_pooled_budget(builder *b, const char *section, cap_pooled_budget *out)
{
    pooled_keys k;
    int line = cap_ini_section_line(b->doc, section);
    int status;

    memset(&k, 0, sizeof k);
    k.p.overspend_share = NAN;
    k.p.commissioner_cap = NAN;
    k.p.local_authority_cap = NAN;
    status = cap_build_keys(b, section, pooled_spec, N_OF(pooled_spec), &k);
    if (status != CAP_OK)
        return status;
    if (!b->sc->has_local_authority)
        return cap_build_fail(b, line, "[%s]: a pooled budget needs a "
                              "[local_authority] section (its other "
                              "contributor)", section);
    if (!isnan(k.p.commissioner_cap) && !isnan(k.p.local_authority_cap))
        return cap_build_fail(b, line, "[%s]: cap one contributor's "
                              "liability, not both (the rest of an "
                              "overspend must fall on the other)", section);
    status = member_list(b, section, k.providers, &out->member);
    if (status != CAP_OK)
        return status;
    out->amount = k.p.amount;
    out->indexation = k.p.indexation;
    out->commissioner_share = k.p.commissioner_share;
    out->overspend_share = isnan(k.p.overspend_share)
        ? k.p.commissioner_share : k.p.overspend_share;
    out->commissioner_cap = isnan(k.p.commissioner_cap)
        ? INFINITY : k.p.commissioner_cap;
    out->local_authority_cap = isnan(k.p.local_authority_cap)
        ? INFINITY : k.p.local_authority_cap;
    return CAP_OK;
}

static int
build_system_share(builder *b, const char *section, cap_system_share *out)
{
    const cap_scenario *sc = b->sc;
    system_keys k = { NULL, 0 };
    int line = cap_ini_section_line(b->doc, section);
    double total;
    int status;

    status = cap_build_keys(b, section, system_spec, N_OF(system_spec), &k);
    if (status != CAP_OK)
        return status;
    status = member_list(b, section, k.providers, &out->member);
    if (status != CAP_OK)
        return status;
    out->commissioner_share = k.commissioner_share;
    out->share = calloc(sc->n_providers, sizeof *out->share);
    if (out->share == NULL)
        return CAP_ENOMEM;
    total = k.commissioner_share;
    for (size_t p = 0; p < sc->n_providers; p++) {
        char key[300];
        cap_ini_entry *e;

        snprintf(key, sizeof key, "share.%s", sc->providers[p].name);
        e = cap_ini_find(b->doc, section, key);
        if (e == NULL) {
            if (out->member[p])
                return cap_build_fail(b, line, "[%s] needs key '%s' (each "
                                      "member's share)", section, key);
            continue;
        }
        e->used = 1;
        if (!out->member[p])
            return cap_build_fail(b, e->line, "[%s] %s: %s is not a "
                                  "member (see providers)", section, key,
                                  sc->providers[p].name);
        if (cap_parse_double(e->value, &out->share[p], 0) != 0
            || out->share[p] < 0.0 || out->share[p] > 1.0)
            return cap_build_fail(b, e->line, "[%s] %s = %s: must be a "
                                  "number in [0, 1]", section, key,
                                  e->value);
        total += out->share[p];
    }
    if (fabs(total - 1.0) > 1e-9)
        return cap_build_fail(b, line, "[%s]: commissioner_share and the "
                              "members' shares add to %.12g, not 1",
                              section, total);
    return CAP_OK;
}

/* Name an item, then build it from its section: the two kinds of
 * arrangement as cap_build_sections() builds them. */
static int
build_named_pooled_budget(builder *b, const char *section,
                          const char *name, void *item, void *arg)
{
    cap_pooled_budget *pb = item;

    (void) arg;
    pb->name = cap_strdup(name);
    return pb->name ? build_pooled_budget(b, section, pb) : CAP_ENOMEM;
}

static int
build_named_system_share(builder *b, const char *section, const char *name,
                         void *item, void *arg)
{
    cap_system_share *ss = item;

    (void) arg;
    ss->name = cap_strdup(name);
    return ss->name ? build_system_share(b, section, ss) : CAP_ENOMEM;
}

int
cap_build_arrangements(builder *b)
{
    static const section_kind pooled_budgets = {
        "pooled_budget", sizeof(cap_pooled_budget), NULL, 0,
        build_named_pooled_budget
    };
    static const section_kind system_shares = {
        "system_risk_share", sizeof(cap_system_share), NULL, 0,
        build_named_system_share
    };
    cap_scenario *sc = b->sc;
    int status = build_local_authority(b);

    if (status == CAP_OK)
        status = cap_build_sections(b, &pooled_budgets, &sc->pooled_budgets,
                                    &sc->n_pooled_budgets, NULL);
    if (status == CAP_OK)
        status = cap_build_sections(b, &system_shares, &sc->system_shares,
                                    &sc->n_system_shares, NULL);
    return status;
}

int
cap_build_option_arrangements(builder *b, const char *section,
                              cap_option *o)
{
    const cap_scenario *sc = b->sc;
    cap_ini_entry *e;

    o->pooled_budget = -1;
    o->system_share = -1;
    e = cap_ini_find(b->doc, section, "pooled_budget");
    if (e != NULL) {
        e->used = 1;
        for (size_t i = 0; i < sc->n_pooled_budgets; i++)
            if (strcmp(sc->pooled_budgets[i].name, e->value) == 0)
                o->pooled_budget = (long) i;
        if (o->pooled_budget < 0)
            return cap_build_fail(b, e->line, "[%s] pooled_budget = %s: no "
                                  "[pooled_budget.%s] section", section,
                                  e->value, e->value);
    }
    e = cap_ini_find(b->doc, section, "system_risk_share");
    if (e != NULL) {
        e->used = 1;
        for (size_t i = 0; i < sc->n_system_shares; i++)
            if (strcmp(sc->system_shares[i].name, e->value) == 0)
                o->system_share = (long) i;
        if (o->system_share < 0)
            return cap_build_fail(b, e->line, "[%s] system_risk_share = %s: "
                                  "no [system_risk_share.%s] section",
                                  section, e->value, e->value);
    }
    return CAP_OK;
}
