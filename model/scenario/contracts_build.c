/* contracts_build.c -- build the parties and what they agree: the
 * [provider.NAME], [service.NAME], [commissioner], [contract.NAME] and
 * [option.NAME] sections of a scenario file.
 *
 * Providers come first (services and contracts name them), contracts
 * before the options that combine them.  Each contract's own keys are
 * read by its type (scenario/contract.h), and the tallies the contracts
 * need (excess thresholds, pools, scores) are gathered once all are
 * built.
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
#include "scenario/contract.h"
#include "base/parse.h"
#include "scenario/ini_doc.h"
#include "scenario/scenario_build.h"

/* Fields of sections that are read into locals before they are placed
 * in the scenario. */
typedef struct {
    char *provider;
    cap_service s;
} service_keys;

typedef struct {
    char *contracts;
} option_keys;

typedef struct {
    char *type;
    char *provider;
} contract_keys;

static const key_spec service_spec[] = {
    TEXT("provider", 1, service_keys, provider),
    NUM("rate", 1, 0, 1e3, 0, 0, service_keys, s.rate),
    NUM("unit_cost", 1, 0, 1e9, 0, 0, service_keys, s.unit_cost),
    NUM("cost_cv", 0, 0, 20, 0, 0, service_keys, s.cost_cv),
    NUM("tariff", 0, 0, 1e9, 0, 0, service_keys, s.tariff),
    NUM("readmission_share", 0, 0, 1, 0, 1, service_keys,
        s.readmission_share),
};

static const key_spec provider_spec[] = {
    NUM("fixed_cost", 0, 0, 1e13, 0, 0, cap_provider, fixed_cost),
    NUM("fixed_cost_growth", 0, -1, 1, 1, 0, cap_provider,
        fixed_cost_growth),
    NUM("reserves", 0, 0, 1e13, 0, 0, cap_provider, reserves),
};

static const key_spec commissioner_spec[] = {
    NUM("budget", 1, 0, 1e13, 0, 0, cap_scenario, budget),
    NUM("budget_growth", 0, -1, 1, 1, 0, cap_scenario, budget_growth),
};

static const key_spec contract_spec[] = {
    TEXT("type", 1, contract_keys, type),
    TEXT("provider", 1, contract_keys, provider),
};

static const key_spec option_spec[] = {
    TEXT("contracts", 1, option_keys, contracts),
};

static int
build_provider(builder *b, const char *section, const char *name,
               void *item, void *arg)
{
    cap_provider *p = item;

    (void) arg;
    if (strcmp(name, "commissioner") == 0 || strcmp(name, "system") == 0)
        return cap_build_fail(b, cap_ini_section_line(b->doc, section),
                              "[%s]: '%s' names a party of its own; call "
                              "the provider something else", section, name);
    p->name = cap_strdup(name);
    if (p->name == NULL)
        return CAP_ENOMEM;
    return cap_build_keys(b, section, provider_spec, N_OF(provider_spec), p);
}

int
cap_build_providers(builder *b)
{
    static const section_kind providers = {
        "provider", sizeof(cap_provider),
        "no [provider.NAME] section: name at least one provider",
        CAP_MAX_PROVIDERS, build_provider
    };

    return cap_build_sections(b, &providers, &b->sc->providers,
                              &b->sc->n_providers, NULL);
}

static int
build_service(builder *b, const char *section, const char *name, void *item,
              void *arg)
{
    cap_scenario *sc = b->sc;
    service_keys k = { 0 };
    long p;
    int status;

    (void) arg;
    k.s.tariff = NAN;         /* "not given": only pbr needs it */
    status = cap_build_keys(b, section, service_spec, N_OF(service_spec),
                            &k);
    if (status != CAP_OK)
        return status;
    p = cap_scenario_find_provider(sc, k.provider);
    if (p < 0)
        return cap_build_fail(
            b, cap_ini_find(b->doc, section, "provider")->line,
            "[%s] provider = %s: no [provider.%s] section", section,
            k.provider, k.provider);
    k.s.provider = (size_t) p;
    k.s.name = cap_strdup(name);
    if (k.s.name == NULL)
        return CAP_ENOMEM;
    *(cap_service *) item = k.s;
    return CAP_OK;
}

int
cap_build_services(builder *b)
{
    static const section_kind services = {
        "service", sizeof(cap_service),
        "no [service.NAME] section: name at least one service", 0,
        build_service
    };

    return cap_build_sections(b, &services, &b->sc->services,
                              &b->sc->n_services, NULL);
}

int
cap_build_commissioner(builder *b)
{
    if (cap_ini_section_line(b->doc, "commissioner") == 0)
        return cap_build_fail(b, 0, "no [commissioner] section");
    return cap_build_keys(b, "commissioner", commissioner_spec,
                      N_OF(commissioner_spec), b->sc);
}

static int
build_contract(builder *b, const char *section, cap_contract *c)
{
    cap_scenario *sc = b->sc;
    contract_keys k = { 0 };
    char msg[400];
    long p;
    int status = cap_build_keys(b, section, contract_spec, N_OF(contract_spec),
                            &k);

    if (status != CAP_OK)
        return status;
    c->type = NULL;
    for (size_t i = 0; sc->contract_types[i] != NULL; i++)
        if (strcmp(sc->contract_types[i]->name, k.type) == 0)
            c->type = sc->contract_types[i];
    if (c->type == NULL) {
        char names[256] = "";

        for (size_t i = 0; sc->contract_types[i] != NULL; i++) {
            strncat(names, i ? ", " : "", sizeof names - strlen(names) - 1);
            strncat(names, sc->contract_types[i]->name,
                    sizeof names - strlen(names) - 1);
        }
        return cap_build_fail(b, cap_ini_find(b->doc, section, "type")->line,
                    "[%s] type = %s: unknown contract type (known: %s)",
                    section, k.type, names);
    }
    p = cap_scenario_find_provider(sc, k.provider);
    if (p < 0)
        return cap_build_fail(b,
                              cap_ini_find(b->doc, section, "provider")->line,
                              "[%s] provider = %s: no [provider.%s] section",
                              section, k.provider, k.provider);
    c->provider = (size_t) p;
    c->terms = calloc(1, c->type->terms_size);
    if (c->terms == NULL)
        return CAP_ENOMEM;
    if (c->type->init)
        c->type->init(c->terms, sc);
    /* The section's own keys only: a scan of the whole file for each
     * contract would make many contracts take quadratic time. */
    for (cap_ini_entry *e = cap_ini_next_in(b->doc, section, NULL); e;
         e = cap_ini_next_in(b->doc, section, e)) {
        if (e->used)
            continue;
        msg[0] = '\0';
        status = c->type->set(c->terms, sc, e->key, e->value, msg,
                              sizeof msg);
        if (status == CAP_CONTRACT_UNKNOWN_KEY)
            return cap_build_fail(b, e->line,
                                  "[%s] unknown key '%s' for a contract "
                                  "of type %s",
                                  section, e->key, c->type->name);
        if (status != CAP_OK)
            return cap_build_fail(b, e->line, "[%s] %s = %s: %s", section,
                                  e->key, e->value, msg);
        e->used = 1;
    }
    msg[0] = '\0';
    status = c->type->finish(c->terms, sc, c->provider, msg, sizeof msg);
    if (status != CAP_OK)
        return cap_build_fail(b, cap_ini_section_line(b->doc, section),
                              "[%s] %s", section, msg);
    return CAP_OK;
}

static int
build_named_contract(builder *b, const char *section, const char *name,
                     void *item, void *arg)
{
    cap_contract *c = item;

    (void) arg;
    c->name = cap_strdup(name);
    if (c->name == NULL)
        return CAP_ENOMEM;
    return build_contract(b, section, c);
}

/* Gather the distinct (provider, threshold) and (provider, fraction)
 * pairs that contracts need tallied per person. */
static int
collect_thresholds(builder *b)
{
    cap_scenario *sc = b->sc;

    for (size_t i = 0; i < sc->n_contracts; i++) {
        cap_contract *c = &sc->contracts[i];
        double t[CAP_MAX_THRESHOLDS];
        double mean, sd;
        size_t n;

        c->score_index = -1;
        if (c->type->score != NULL && c->type->score(c->terms, &mean, &sd)) {
            cap_score_spec *grown = realloc(sc->scores, (sc->n_scores + 1)
                                                        * sizeof *grown);

            if (grown == NULL)
                return CAP_ENOMEM;
            sc->scores = grown;
            sc->scores[sc->n_scores].mean = mean;
            sc->scores[sc->n_scores].sd = sd;
            c->score_index = (long) sc->n_scores++;
        }
        if (c->type->pools != NULL) {
            n = c->type->pools(c->terms, t, CAP_MAX_THRESHOLDS);
            for (size_t k = 0; k < n; k++) {
                size_t j = 0;
                cap_pool_spec *grown;

                while (j < sc->n_pools && !(sc->pools[j].provider
                                            == c->provider
                                            && sc->pools[j].fraction
                                               == t[k]))
                    j++;
                if (j < sc->n_pools)
                    continue;
                grown = realloc(sc->pools, (sc->n_pools + 1)
                                           * sizeof *grown);
                if (grown == NULL)
                    return CAP_ENOMEM;
                sc->pools = grown;
                sc->pools[sc->n_pools].provider = c->provider;
                sc->pools[sc->n_pools].fraction = t[k];
                sc->n_pools++;
            }
        }
        if (c->type->thresholds == NULL)
            continue;
        n = c->type->thresholds(c->terms, t, CAP_MAX_THRESHOLDS);
        for (size_t k = 0; k < n; k++) {
            size_t j = 0;
            cap_excess_spec *grown;

            while (j < sc->n_excess && !(sc->excess[j].provider
                                         == c->provider
                                         && sc->excess[j].threshold == t[k]))
                j++;
            if (j < sc->n_excess)
                continue;
            grown = realloc(sc->excess, (sc->n_excess + 1) * sizeof *grown);
            if (grown == NULL)
                return CAP_ENOMEM;
            sc->excess = grown;
            sc->excess[sc->n_excess].provider = c->provider;
            sc->excess[sc->n_excess].threshold = t[k];
            sc->n_excess++;
        }
    }
    return CAP_OK;
}

int
cap_build_contracts(builder *b)
{
    static const section_kind contracts = {
        "contract", sizeof(cap_contract), "no [contract.NAME] section", 0,
        build_named_contract
    };
    int status = cap_build_sections(b, &contracts, &b->sc->contracts,
                                    &b->sc->n_contracts, NULL);

    return status == CAP_OK ? collect_thresholds(b) : status;
}

/* The contracts sorted by name, for find_contract(): options name
 * contracts, and a scan for each would make many options and contracts
 * take quadratic time.  Contract names are unique (each is a section's
 * name). */
typedef struct {
    const char *name;
    size_t index;
} contract_name;

static int
compare_contract_names(const void *a, const void *b)
{
    return strcmp(((const contract_name *) a)->name,
                  ((const contract_name *) b)->name);
}

/* sc's contracts sorted by name, or NULL when out of memory; the
 * caller frees it. */
static contract_name *
sort_contracts(const cap_scenario *sc)
{
    contract_name *names = malloc((sc->n_contracts + 1) * sizeof *names);

    if (names == NULL)
        return NULL;
    for (size_t i = 0; i < sc->n_contracts; i++)
        names[i] = (contract_name) { sc->contracts[i].name, i };
    qsort(names, sc->n_contracts, sizeof *names, compare_contract_names);
    return names;
}

/* The index of the contract called name, or -1. */
static long
find_contract(const cap_scenario *sc, const contract_name *names,
              const char *name)
{
    contract_name key = { name, 0 };
    const contract_name *hit = bsearch(&key, names, sc->n_contracts,
                                       sizeof *names,
                                       compare_contract_names);

    return hit ? (long) hit->index : -1;
}

static int
build_option(builder *b, const char *section, const contract_name *names,
             cap_option *o)
{
    cap_scenario *sc = b->sc;
    option_keys k = { 0 };
    char buf[1024];
    char *items[256];
    cap_ini_entry *e;
    int n, status;

    status = cap_build_keys(b, section, option_spec, N_OF(option_spec), &k);
    if (status != CAP_OK)
        return status;
    e = cap_ini_find(b->doc, section, "contracts");
    n = cap_parse_list(k.contracts, buf, sizeof buf, items, 256);
    if (n < 0)
        return cap_build_fail(b, e->line, "[%s] contracts: expected a list of "
                    "contract names separated by commas", section);
    o->contract_of = malloc(sc->n_providers * sizeof *o->contract_of);
    if (o->contract_of == NULL)
        return CAP_ENOMEM;
    for (size_t p = 0; p < sc->n_providers; p++)
        o->contract_of[p] = (size_t) -1;
    for (int i = 0; i < n; i++) {
        long c = find_contract(sc, names, items[i]);
        size_t p;

        if (c < 0)
            return cap_build_fail(b, e->line,
                                  "[%s] contracts: no [contract.%s] "
                                  "section",
                                  section, items[i]);
        p = sc->contracts[c].provider;
        if (o->contract_of[p] != (size_t) -1)
            return cap_build_fail(
                b, e->line,
                "[%s] contracts: provider %s has two "
                "contracts (%s and %s); give it one per option",
                section, sc->providers[p].name,
                sc->contracts[o->contract_of[p]].name, items[i]);
        o->contract_of[p] = (size_t) c;
    }
    for (size_t p = 0; p < sc->n_providers; p++)
        if (o->contract_of[p] == (size_t) -1)
            return cap_build_fail(b, e->line, "[%s] contracts: provider %s "
                                  "has no contract in this option", section,
                                  sc->providers[p].name);
    return cap_build_option_arrangements(b, section, o);
}

static int
build_named_option(builder *b, const char *section, const char *name,
                   void *item, void *names)
{
    cap_option *o = item;

    o->name = cap_strdup(name);
    return o->name ? build_option(b, section, names, o) : CAP_ENOMEM;
}

int
cap_build_options(builder *b)
{
    static const section_kind options = {
        "option", sizeof(cap_option),
        "no [option.NAME] section: name at least one option to compare", 0,
        build_named_option
    };
    contract_name *names = sort_contracts(b->sc);
    int status;

    if (names == NULL)
        return CAP_ENOMEM;
    status = cap_build_sections(b, &options, &b->sc->options,
                                &b->sc->n_options, names);
    free(names);
    return status;
}
