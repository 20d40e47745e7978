/* scenario.c -- build a validated scenario from an INI file.
 *
 * Sections are built in dependency order (providers before the
 * services and contracts that name them, contracts before options),
 * each through a table of its keys with their kind and allowed range.
 * Every key must be consumed by some table: whatever is left over is an
 * unknown key or section, and an error.  This file builds the core
 * sections (scenario, tiers, population, frailty, demand) and runs the
 * whole build; contracts_build.c builds the parties and contracts,
 * builder.c holds the machinery every builder shares.
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
#include "scenario/engine.h"
#include "scenario/contract.h"
#include "scenario/lists.h"
#include "scenario/ini_doc.h"
#include "base/input_file.h"
#include "base/parse.h"
#include "scenario/practices.h"
#include "scenario/assemble.h"
#include "scenario/scenario_build.h"

/* Fields of sections that are read into locals before they are placed
 * in the scenario. */
typedef struct {
    char *name;
    long years;
    long trials;
    uint64_t seed;
    char *engine;
    char *currency;
    char *description;
} scenario_keys;

typedef struct {
    double persons;
    double growth;
    char *file;
} population_keys;

static const key_spec scenario_spec[] = {
    TEXT("name", 0, scenario_keys, name),
    WHOLE("years", 1, 1, 200, scenario_keys, years),
    WHOLE("trials", 1, 2, 1e9, scenario_keys, trials),
    { "seed", KEY_SEED, 1, 0, 0, 0, 0, offsetof(scenario_keys, seed) },
    TEXT("engine", 0, scenario_keys, engine),
    TEXT("currency", 0, scenario_keys, currency),
    TEXT("description", 0, scenario_keys, description),
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
    return cap_build_description(b, k.currency, k.description);
}

static int
build_tier(builder *b, const char *section, const char *name, void *item,
           void *arg)
{
    cap_tier *t = item;

    (void) arg;
    t->name = cap_strdup(name);
    if (t->name == NULL)
        return CAP_ENOMEM;
    return cap_build_keys(b, section, tier_spec, N_OF(tier_spec), t);
}

static int
build_tiers(builder *b)
{
    static const section_kind tiers = {
        "tier", sizeof(cap_tier), NULL, 0, build_tier
    };
    cap_scenario *sc = b->sc;
    double total = 0.0;
    int status = cap_build_sections(b, &tiers, &sc->tiers, &sc->n_tiers,
                                    NULL);

    if (status != CAP_OK)
        return status;
    if (sc->n_tiers == 0) {
        /* No tiers given: everyone in one tier of relative risk 1. */
        sc->tiers = calloc(1, sizeof *sc->tiers);
        if (sc->tiers == NULL)
            return CAP_ENOMEM;
        sc->tiers[0].name = cap_strdup("all");
        sc->tiers[0].share = 1.0;
        sc->tiers[0].relative_risk = 1.0;
        sc->n_tiers = 1;
        return sc->tiers[0].name ? CAP_OK : CAP_ENOMEM;
    }
    for (size_t i = 0; i < sc->n_tiers; i++)
        total += sc->tiers[i].share;
    if (fabs(total - 1.0) > 1e-9) {
        char first[300];

        snprintf(first, sizeof first, "tier.%s", sc->tiers[0].name);
        return cap_build_fail(b, cap_ini_section_line(b->doc, first),
                    "tier shares add to %.12g, not 1", total);
    }
    return CAP_OK;
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
        /* Named from the folder of the file that wrote the key (the
         * scenario file or a base). */
        const cap_ini_entry *e = cap_ini_find(b->doc, "population", "file");
        char *path = cap_ini_path_at(b->doc, e->line, k.file);

        if (path == NULL)
            return CAP_ENOMEM;
        sc->practices_path = path;
        /* Read the file once: a variant's document carries the bytes
         * its base read (see from_doc in load.c). */
        if (b->doc->practices == NULL
            || strcmp(b->doc->practices->path, path) != 0) {
            cap_input_file *file;

            status = cap_ini_open_input(b->doc, path, &file, b->diag);
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

static const char *const fixed_sections[] = {
    "scenario", "population", "frailty", "demand", "commissioner",
    "local_authority", "correlation", "sweep", "sensitivity", "incentives",
    "behaviour", "appetite"
};
static const char *const prefixed_sections[] = {
    "tier", "service", "provider", "contract", "option", "pooled_budget",
    "system_risk_share", "intervention", "appetite"
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

    /* Labels first: sections that check their own keys (contracts) then
     * find them already read. */
    if (status == CAP_OK)
        status = cap_build_labels(b);
    if (status == CAP_OK)
        status = build_scenario_section(b);
    if (status == CAP_OK)
        status = cap_build_providers(b);
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
        status = cap_build_services(b);
    if (status == CAP_OK)
        status = cap_build_commissioner(b);
    if (status == CAP_OK)
        status = cap_build_contracts(b);
    if (status == CAP_OK)
        status = cap_build_arrangements(b);
    if (status == CAP_OK)
        status = cap_build_options(b);
    if (status == CAP_OK)
        status = cap_build_interventions(b);
    if (status == CAP_OK)
        status = check_engine(b);
    if (status == CAP_OK)
        status = cap_build_study(b);
    if (status == CAP_OK)
        status = cap_build_appetite(b);
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
    cap_labels_release(sc);
    cap_appetite_release(sc);
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
