/* scenario.c -- build a validated scenario from an INI file.
 *
 * Sections are built in dependency order (providers before the
 * services and contracts that name them, contracts before options),
 * each through a table of its keys with their kind and allowed range.
 * Every key must be consumed by some table: whatever is left over is an
 * unknown key or section, and an error.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/scenario.h"
#include "scenario/aggregate.h"
#include "scenario/contract.h"
#include "scenario/lists.h"
#include "scenario/ini_doc.h"
#include "base/input_file.h"
#include "base/parse.h"
#include "scenario/practices.h"
#include "scenario/scenario_build.h"

/* Fields of sections that are read into locals before they are placed
 * in the scenario. */
typedef struct {
    char *name;
    long years;
    long trials;
    uint64_t seed;
    char *engine;
} scenario_keys;

typedef struct {
    double persons;
    double growth;
    char *file;
} population_keys;

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

static const key_spec scenario_spec[] = {
    TEXT("name", 0, scenario_keys, name),
    WHOLE("years", 1, 1, 200, scenario_keys, years),
    WHOLE("trials", 1, 2, 1e9, scenario_keys, trials),
    { "seed", KEY_SEED, 1, 0, 0, 0, 0, offsetof(scenario_keys, seed) },
    TEXT("engine", 0, scenario_keys, engine),
};

static const key_spec population_spec[] = {
    NUM("persons", 0, 1, 4e9, 0, 0, population_keys, persons),
    NUM("growth", 0, -1, 1, 1, 0, population_keys, growth),
    TEXT("file", 0, population_keys, file),
};

static const key_spec tier_spec[] = {
    NUM("share", 1, 0, 1, 1, 0, cap_tier, share),
    NUM("relative_risk", 1, 0, 1e6, 1, 0, cap_tier, relative_risk),
};

static const key_spec frailty_spec[] = {
    NUM("cv", 0, 0, 10, 0, 0, cap_scenario, frailty_cv),
    NUM("persistence", 0, 0, 1, 0, 1, cap_scenario, persistence),
};

static const key_spec demand_spec[] = {
    NUM("trend", 0, -1, 1, 1, 0, cap_scenario, trend),
    NUM("trend_sd", 0, 0, 1, 0, 0, cap_scenario, trend_sd),
    NUM("shock_sd", 0, 0, 2, 0, 0, cap_scenario, shock_sd),
};

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

int
cap_build_fail(builder *b, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cap_diag_set(b->diag, CAP_EINPUT, b->doc->path, line, "%s", msg);
}

static const char *
range_text(const key_spec *k, char *buf, size_t n)
{
    if (isinf(k->hi))
        snprintf(buf, n, "%s %g", k->lo_open ? ">" : ">=", k->lo);
    else
        snprintf(buf, n, "in %c%g, %g%c", k->lo_open ? '(' : '[', k->lo,
                 k->hi, k->hi_open ? ')' : ']');
    return buf;
}

/* Read the keys of section into base through spec.  Keys the spec does
 * not know are left unused for the caller (or the final check). */
int
cap_build_keys(builder *b, const char *section, const key_spec *spec,
           size_t n_spec, void *base)
{
    for (size_t i = 0; i < n_spec; i++) {
        const key_spec *k = &spec[i];
        cap_ini_entry *e = cap_ini_find(b->doc, section, k->key);
        char *field = (char *) base + k->offset;
        char range[64];
        double v;

        if (e == NULL) {
            if (k->required)
                return cap_build_fail(b, cap_ini_section_line(b->doc, section),
                            "[%s] needs key '%s'", section, k->key);
            continue;
        }
        e->used = 1;
        switch (k->kind) {
        case KEY_TEXT:
            if (e->value[0] == '\0')
                return cap_build_fail(b, e->line, "[%s] %s: value is empty",
                            section, k->key);
            *(char **) (void *) field = e->value;
            continue;
        case KEY_SEED:
            if (cap_parse_u64(e->value, (uint64_t *) (void *) field) != 0)
                return cap_build_fail(b, e->line,
                                      "[%s] seed: '%s' is not a whole "
                                      "number from 0 to 2^64-1",
                                      section, e->value);
            continue;
        case KEY_WHOLE: {
            long lv;

            if (cap_parse_long(e->value, &lv) != 0)
                return cap_build_fail(b, e->line,
                                      "[%s] %s: '%s' is not a whole "
                                      "number",
                                      section, k->key, e->value);
            v = (double) lv;
            if (v < k->lo || v > k->hi)
                return cap_build_fail(b, e->line, "[%s] %s = %s: must be %s",
                            section, k->key, e->value,
                            range_text(k, range, sizeof range));
            *(long *) (void *) field = lv;
            continue;
        }
        case KEY_NUMBER:
            if (cap_parse_double(e->value, &v, 0) != 0)
                return cap_build_fail(b, e->line,
                                      "[%s] %s: '%s' is not a number", section,
                                      k->key, e->value);
            if (v < k->lo || (k->lo_open && v == k->lo) || v > k->hi
                || (k->hi_open && v == k->hi))
                return cap_build_fail(b, e->line, "[%s] %s = %s: must be %s",
                            section, k->key, e->value,
                            range_text(k, range, sizeof range));
            *(double *) (void *) field = v;
            continue;
        }
    }
    return CAP_OK;
}

/* The part of a section name after "prefix.", or NULL. */
const char *
cap_build_suffix(const char *section, const char *prefix)
{
    size_t n = strlen(prefix);

    if (strncmp(section, prefix, n) == 0 && section[n] == '.')
        return section + n + 1;
    return NULL;
}

/* Whether name is usable as a name: letters, digits, '_', '-' and '.',
 * not starting with '.'.  Names end up in CSV cells, file names of
 * charts and gnuplot strings, so nothing that needs quoting there. */
int
cap_build_plain_name(const char *name)
{
    if (name[0] == '\0' || name[0] == '.')
        return 0;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char) *p) && *p != '_' && *p != '-'
            && *p != '.')
            return 0;
    return 1;
}

/* Count sections named "prefix.NAME", checking each NAME. */
int
cap_build_count(builder *b, const char *prefix, size_t *count)
{
    *count = 0;
    for (size_t i = 0; i < b->doc->n_sections; i++) {
        const char *name = cap_build_suffix(b->doc->sections[i].name, prefix);

        if (name == NULL)
            continue;
        if (!cap_build_plain_name(name))
            return cap_build_fail(
                b, b->doc->sections[i].line,
                "[%s]: the name after "
                "'%s.' must be letters, digits, '_', '-' or '.', "
                "not starting with '.'",
                b->doc->sections[i].name, prefix);
        (*count)++;
    }
    return CAP_OK;
}

static int
build_scenario_section(builder *b)
{
    scenario_keys k = { 0 };
    const char *path = b->doc->path;
    const char *base = strrchr(path, '/');
    int status;

    if (cap_ini_section_line(b->doc, "scenario") == 0)
        return cap_build_fail(b, 0, "no [scenario] section");
    status = cap_build_keys(b, "scenario", scenario_spec, N_OF(scenario_spec),
                        &k);
    if (status != CAP_OK)
        return status;
    if (k.name != NULL) {
        b->sc->name = cap_strdup(k.name);
    } else {
        /* Default name: the file's name without folder and extension. */
        char *dot;

        b->sc->name = cap_strdup(base ? base + 1 : path);
        if (b->sc->name && (dot = strrchr(b->sc->name, '.')) != NULL
            && dot != b->sc->name)
            *dot = '\0';
    }
    if (b->sc->name == NULL)
        return CAP_ENOMEM;
    if (!cap_build_plain_name(b->sc->name)) {
        const cap_ini_entry *e = cap_ini_find(b->doc, "scenario", "name");

        return cap_build_fail(b, e ? e->line : cap_ini_section_line(b->doc,
                                                          "scenario"),
                    "[scenario] name = %s: must be letters, digits, '_', "
                    "'-' or '.', not starting with '.' (it names the "
                    "results folder)%s", b->sc->name,
                    e ? "" : "; the file's name was used, so give a name "
                    "key");
    }
    b->sc->years = (int) k.years;
    b->sc->trials = k.trials;
    b->sc->seed = k.seed;
    b->sc->engine = CAP_ENGINE_AUTO;
    if (k.engine != NULL) {
        const cap_ini_entry *e = cap_ini_find(b->doc, "scenario", "engine");
        int engine = cap_engine_parse(k.engine);

        if (engine < 0)
            return cap_build_fail(b, e->line, "[scenario] engine = %s: "
                                  "expected auto, individual or aggregate",
                                  k.engine);
        b->sc->engine = (cap_engine) engine;
        b->sc->engine_line = e->line;
    }
    return CAP_OK;
}

static int
build_providers(builder *b)
{
    cap_scenario *sc = b->sc;
    size_t n, j = 0;
    int status = cap_build_count(b, "provider", &n);

    if (status != CAP_OK)
        return status;
    if (n == 0)
        return cap_build_fail(b, 0,
                              "no [provider.NAME] section: name at least one "
                              "provider");
    if (n > CAP_MAX_PROVIDERS)
        return cap_build_fail(b, 0, "%zu providers: capsim takes at most %d",
                              n, CAP_MAX_PROVIDERS);
    sc->providers = calloc(n, sizeof *sc->providers);
    if (sc->providers == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < b->doc->n_sections; i++) {
        const char *section = b->doc->sections[i].name;
        const char *name = cap_build_suffix(section, "provider");
        cap_provider *p;

        if (name == NULL)
            continue;
        if (strcmp(name, "commissioner") == 0 || strcmp(name, "system") == 0)
            return cap_build_fail(
                b, b->doc->sections[i].line,
                "[%s]: '%s' names a "
                "party of its own; call the provider something "
                "else",
                section, name);
        p = &sc->providers[j++];
        sc->n_providers = j;
        p->name = cap_strdup(name);
        if (p->name == NULL)
            return CAP_ENOMEM;
        status = cap_build_keys(b, section, provider_spec, N_OF(provider_spec),
                            p);
        if (status != CAP_OK)
            return status;
    }
    return CAP_OK;
}

static int
build_tiers(builder *b)
{
    cap_scenario *sc = b->sc;
    size_t n, j = 0;
    double total = 0.0;
    int status = cap_build_count(b, "tier", &n);

    if (status != CAP_OK)
        return status;
    sc->tiers = calloc(n ? n : 1, sizeof *sc->tiers);
    if (sc->tiers == NULL)
        return CAP_ENOMEM;
    if (n == 0) {
        /* No tiers given: everyone in one tier of relative risk 1. */
        sc->tiers[0].name = cap_strdup("all");
        sc->tiers[0].share = 1.0;
        sc->tiers[0].relative_risk = 1.0;
        sc->n_tiers = 1;
        return sc->tiers[0].name ? CAP_OK : CAP_ENOMEM;
    }
    for (size_t i = 0; i < b->doc->n_sections; i++) {
        const char *section = b->doc->sections[i].name;
        const char *name = cap_build_suffix(section, "tier");
        cap_tier *t;

        if (name == NULL)
            continue;
        t = &sc->tiers[j++];
        sc->n_tiers = j;
        t->name = cap_strdup(name);
        if (t->name == NULL)
            return CAP_ENOMEM;
        status = cap_build_keys(b, section, tier_spec, N_OF(tier_spec), t);
        if (status != CAP_OK)
            return status;
        total += t->share;
    }
    if (fabs(total - 1.0) > 1e-9) {
        char first[300];

        snprintf(first, sizeof first, "tier.%s", sc->tiers[0].name);
        return cap_build_fail(b, cap_ini_section_line(b->doc, first),
                    "tier shares add to %.12g, not 1", total);
    }
    return CAP_OK;
}

/* The folder part of path, for resolving data files named in it. */
static char *
folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t) (slash - path) : 1;
    char *d = malloc(n + 1);

    if (d == NULL)
        return NULL;
    if (slash)
        memcpy(d, path, n);
    else
        d[0] = '.';
    d[n] = '\0';
    return d;
}

static int
build_population(builder *b)
{
    cap_scenario *sc = b->sc;
    population_keys k = { 0 };
    int line = cap_ini_section_line(b->doc, "population");
    int status;

    if (line == 0)
        return cap_build_fail(b, 0, "no [population] section");
    status = cap_build_keys(b, "population", population_spec,
                        N_OF(population_spec), &k);
    if (status != CAP_OK)
        return status;
    sc->growth = k.growth;
    if ((k.file == NULL) == (k.persons == 0.0))
        return cap_build_fail(b, line,
                              "[population] needs exactly one of 'persons' "
                              "and 'file'");
    if (k.file == NULL) {
        if (k.persons != floor(k.persons))
            return cap_build_fail(b, cap_ini_find(b->doc, "population",
                                        "persons")->line,
                        "[population] persons: must be a whole number");
        sc->localities = calloc(1, sizeof *sc->localities);
        sc->practices = calloc(1, sizeof *sc->practices);
        if (sc->localities == NULL || sc->practices == NULL)
            return CAP_ENOMEM;
        sc->n_localities = 1;
        sc->n_practices = 1;
        sc->localities[0] = cap_strdup("all");
        sc->practices[0].name = cap_strdup("all");
        sc->practices[0].persons = k.persons;
        if (sc->localities[0] == NULL || sc->practices[0].name == NULL)
            return CAP_ENOMEM;
        return CAP_OK;
    } else {
        char *folder = folder_of(b->doc->path);
        char *path;
        size_t n;

        if (folder == NULL)
            return CAP_ENOMEM;
        n = strlen(folder) + strlen(k.file) + 2;
        path = malloc(n);
        if (path == NULL) {
            free(folder);
            return CAP_ENOMEM;
        }
        if (k.file[0] == '/')
            snprintf(path, n, "%s", k.file);
        else
            snprintf(path, n, "%s/%s", folder, k.file);
        free(folder);
        sc->practices_path = path;
        /* Read the file once: a variant's document carries the bytes
         * its base read (see from_doc in load.c). */
        if (b->doc->practices == NULL
            || strcmp(b->doc->practices->path, path) != 0) {
            cap_input_file *file;

            status = cap_input_file_read(path, &file, b->diag);
            if (status != CAP_OK)
                return status;
            cap_input_file_unref(b->doc->practices);
            b->doc->practices = file;
        }
        return cap_practices_parse(b->doc->practices, sc, b->diag);
    }
}

/* A population of nobody is a mistake, whatever the practices file
 * says. */
static int
check_population_size(builder *b)
{
    if (cap_scenario_persons(b->sc) <= 0.0)
        return cap_build_fail(b, cap_ini_section_line(b->doc, "population"),
                    "[population] has no people");
    return CAP_OK;
}

/* People are numbered with 32 bits, so a list (with its growth over
 * the horizon) of more than 2^32 - 1 people cannot run; say so at the
 * key that sets it, before any work, naming the practice whose list
 * takes the total past the limit.  The strata are built here as a run
 * would build them (a few numbers per practice and tier, not per
 * person), so the check is the run's own. */
static int
check_population_limit(builder *b)
{
    const cap_scenario *sc = b->sc;
    double grow = fmax(1.0, pow(1.0 + sc->growth, sc->years - 1.0));
    size_t p = 0;
    int status = cap_lists_check_ids(sc, &p);
    cap_ini_entry *e;

    if (status != CAP_EINPUT)
        return status;
    e = cap_ini_find(b->doc, "population", "file");
    if (e == NULL) {
        e = cap_ini_find(b->doc, "population", "persons");
        return cap_build_fail(b, e->line, "[population] persons = %s: the "
                              "list grows to about %.0f people by year %d "
                              "(growth %g a year); capsim holds at most "
                              "4294967295 people (2^32-1): model fewer "
                              "people", e->value,
                              sc->practices[0].persons * grow, sc->years,
                              sc->growth);
    }
    return cap_build_fail(b, e->line, "[population] file = %s: the "
                          "practices' lists, grown over %d years at %g a "
                          "year, pass 4294967295 people (2^32-1, the most "
                          "capsim holds) at practice %s (%.0f people in "
                          "year 1): model fewer people or fewer "
                          "practices", e->value, sc->years, sc->growth,
                          sc->practices[p].name,
                          sc->practices[p].persons);
}

static int
build_services(builder *b)
{
    cap_scenario *sc = b->sc;
    size_t n, j = 0;
    int status = cap_build_count(b, "service", &n);

    if (status != CAP_OK)
        return status;
    if (n == 0)
        return cap_build_fail(b, 0,
                              "no [service.NAME] section: name at least one "
                              "service");
    sc->services = calloc(n, sizeof *sc->services);
    if (sc->services == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < b->doc->n_sections; i++) {
        const char *section = b->doc->sections[i].name;
        const char *name = cap_build_suffix(section, "service");
        service_keys k = { 0 };
        long p;

        if (name == NULL)
            continue;
        k.s.tariff = NAN;     /* "not given": only pbr needs it */
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
        sc->services[j++] = k.s;
        sc->n_services = j;
    }
    return CAP_OK;
}

static int
build_commissioner(builder *b)
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
build_contracts(builder *b)
{
    cap_scenario *sc = b->sc;
    size_t n, j = 0;
    int status = cap_build_count(b, "contract", &n);

    if (status != CAP_OK)
        return status;
    if (n == 0)
        return cap_build_fail(b, 0, "no [contract.NAME] section");
    sc->contracts = calloc(n, sizeof *sc->contracts);
    if (sc->contracts == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < b->doc->n_sections; i++) {
        const char *section = b->doc->sections[i].name;
        const char *name = cap_build_suffix(section, "contract");
        cap_contract *c;

        if (name == NULL)
            continue;
        c = &sc->contracts[j++];
        sc->n_contracts = j;
        c->name = cap_strdup(name);
        if (c->name == NULL)
            return CAP_ENOMEM;
        status = build_contract(b, section, c);
        if (status != CAP_OK)
            return status;
    }
    return CAP_OK;
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
build_options(builder *b)
{
    cap_scenario *sc = b->sc;
    contract_name *names;
    size_t n, j = 0;
    int status = cap_build_count(b, "option", &n);

    if (status != CAP_OK)
        return status;
    if (n == 0)
        return cap_build_fail(b, 0,
                              "no [option.NAME] section: name at least one "
                              "option to compare");
    sc->options = calloc(n, sizeof *sc->options);
    names = sort_contracts(sc);
    if (sc->options == NULL || names == NULL) {
        free(names);
        return CAP_ENOMEM;
    }
    for (size_t i = 0; i < b->doc->n_sections && status == CAP_OK; i++) {
        const char *section = b->doc->sections[i].name;
        const char *name = cap_build_suffix(section, "option");
        cap_option *o;

        if (name == NULL)
            continue;
        o = &sc->options[j++];
        sc->n_options = j;
        o->name = cap_strdup(name);
        status = o->name ? build_option(b, section, names, o) : CAP_ENOMEM;
    }
    free(names);
    return status;
}

static const char *const fixed_sections[] = {
    "scenario", "population", "frailty", "demand", "commissioner",
    "local_authority", "correlation", "sweep", "sensitivity", "incentives",
    "behaviour"
};
static const char *const prefixed_sections[] = {
    "tier", "service", "provider", "contract", "option", "pooled_budget",
    "system_risk_share", "intervention"
};

/* Sections that are not one of ours: checked before anything else, so
 * a misspelt section is reported as such, not as what it lacks. */
static int
check_sections(builder *b)
{
    for (size_t i = 0; i < b->doc->n_sections; i++) {
        const char *name = b->doc->sections[i].name;
        int known = 0;

        for (size_t k = 0; k < N_OF(fixed_sections); k++)
            known |= strcmp(name, fixed_sections[k]) == 0;
        for (size_t k = 0; k < N_OF(prefixed_sections); k++)
            known |= cap_build_suffix(name, prefixed_sections[k]) != NULL;
        if (!known)
            return cap_build_fail(b, b->doc->sections[i].line,
                                  "unknown section "
                                  "[%s]",
                                  name);
    }
    return CAP_OK;
}

/* Keys no section's table used. */
static int
check_leftovers(builder *b)
{
    for (size_t i = 0; i < b->doc->n_entries; i++) {
        const cap_ini_entry *e = &b->doc->entries[i];

        if (!e->used)
            return cap_build_fail(b, e->line, "[%s] unknown key '%s'",
                                  e->section, e->key);
    }
    return CAP_OK;
}

/* engine = aggregate needs a scenario without people in it. */
static int
check_engine(builder *b)
{
    char why[256];

    if (b->sc->engine == CAP_ENGINE_AGGREGATE
        && cap_aggregate_unfit(b->sc, why, sizeof why) != NULL)
        return cap_build_fail(b, b->sc->engine_line, "[scenario] engine = "
                              "aggregate: the aggregate engine simulates "
                              "strata, not people, and this scenario has "
                              "%s; use individual or auto", why);
    return CAP_OK;
}

/* Build b->sc (allocated, path set) from b->doc, whose values are all
 * plain: every section in dependency order, then the study sections,
 * then the check that no key was left unread. */
int
cap_build_scenario(builder *b)
{
    int status = check_sections(b);

    if (status == CAP_OK)
        status = build_scenario_section(b);
    if (status == CAP_OK)
        status = build_providers(b);
    if (status == CAP_OK)
        status = build_tiers(b);
    if (status == CAP_OK)
        status = build_population(b);
    if (status == CAP_OK)
        status = check_population_size(b);
    if (status == CAP_OK)
        status = check_population_limit(b);
    if (status == CAP_OK)
        status = cap_build_keys(b, "frailty", frailty_spec,
                                N_OF(frailty_spec), b->sc);
    if (status == CAP_OK)
        status = cap_build_keys(b, "demand", demand_spec, N_OF(demand_spec),
                                b->sc);
    if (status == CAP_OK)
        status = build_services(b);
    if (status == CAP_OK)
        status = build_commissioner(b);
    if (status == CAP_OK)
        status = build_contracts(b);
    if (status == CAP_OK)
        status = collect_thresholds(b);
    if (status == CAP_OK)
        status = cap_build_arrangements(b);
    if (status == CAP_OK)
        status = build_options(b);
    if (status == CAP_OK)
        status = cap_build_interventions(b);
    if (status == CAP_OK)
        status = check_engine(b);
    if (status == CAP_OK)
        status = cap_build_study(b);
    if (status == CAP_OK)
        status = check_leftovers(b);
    return status;
}

/* A "SECTION.KEY" name and its two parts. */
static void
free_key_name(char *name, char *section, char *key)
{
    free(name);
    free(section);
    free(key);
}

void
cap_scenario_free(cap_scenario *sc)
{
    if (sc == NULL)
        return;
    for (size_t i = 0; i < sc->n_localities; i++)
        free(sc->localities[i]);
    for (size_t i = 0; i < sc->n_practices; i++)
        free(sc->practices[i].name);
    for (size_t i = 0; i < sc->n_tiers; i++)
        free(sc->tiers[i].name);
    for (size_t i = 0; i < sc->n_services; i++)
        free(sc->services[i].name);
    for (size_t i = 0; i < sc->n_providers; i++)
        free(sc->providers[i].name);
    for (size_t i = 0; i < sc->n_contracts; i++) {
        cap_contract *c = &sc->contracts[i];

        if (c->type && c->type->release && c->terms)
            c->type->release(c->terms);
        free(c->terms);
        free(c->name);
    }
    for (size_t i = 0; i < sc->n_options; i++) {
        free(sc->options[i].contract_of);
        free(sc->options[i].name);
    }
    free(sc->localities);
    free(sc->practices);
    free(sc->tiers);
    free(sc->services);
    free(sc->providers);
    free(sc->contracts);
    free(sc->options);
    free(sc->excess);
    free(sc->pools);
    free(sc->scores);
    for (size_t i = 0; i < sc->n_pooled_budgets; i++) {
        free(sc->pooled_budgets[i].name);
        free(sc->pooled_budgets[i].member);
    }
    free(sc->pooled_budgets);
    for (size_t i = 0; i < sc->n_system_shares; i++) {
        free(sc->system_shares[i].name);
        free(sc->system_shares[i].member);
        free(sc->system_shares[i].share);
    }
    free(sc->system_shares);
    for (size_t i = 0; i < sc->n_inputs; i++)
        free_key_name(sc->inputs[i].name, sc->inputs[i].section,
                      sc->inputs[i].key);
    free(sc->inputs);
    free(sc->input_chol);
    for (size_t i = 0; i < sc->sweep.n_keys; i++)
        free_key_name(sc->sweep.keys[i].name, sc->sweep.keys[i].section,
                      sc->sweep.keys[i].key);
    free(sc->sweep.keys);
    free(sc->sweep.values);
    for (size_t i = 0; i < sc->sensitivity.n_inputs; i++)
        free_key_name(sc->sensitivity.inputs[i].name,
                      sc->sensitivity.inputs[i].section,
                      sc->sensitivity.inputs[i].key);
    free(sc->sensitivity.inputs);
    cap_interventions_release(sc);
    cap_ini_free(sc->source);
    free(sc->name);
    free(sc->path);
    free(sc->practices_path);
    free(sc);
}

long
cap_scenario_find_tier(const cap_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_tiers; i++)
        if (strcmp(sc->tiers[i].name, name) == 0)
            return (long) i;
    return -1;
}

long
cap_scenario_find_provider(const cap_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_providers; i++)
        if (strcmp(sc->providers[i].name, name) == 0)
            return (long) i;
    return -1;
}

double
cap_scenario_persons(const cap_scenario *sc)
{
    double total = 0.0;

    for (size_t p = 0; p < sc->n_practices; p++)
        total += sc->practices[p].persons;
    return total;
}

double
cap_scenario_budget(const cap_scenario *sc, int year)
{
    return sc->budget * pow(1.0 + sc->budget_growth, year - 1);
}

double
cap_scenario_la_budget(const cap_scenario *sc, int year)
{
    if (!sc->has_local_authority)
        return 0.0;
    return sc->la_budget * pow(1.0 + sc->la_budget_growth, year - 1);
}

double
cap_scenario_fixed_cost(const cap_scenario *sc, size_t p, int year)
{
    const cap_provider *pr = &sc->providers[p];

    return pr->fixed_cost * pow(1.0 + pr->fixed_cost_growth, year - 1);
}
