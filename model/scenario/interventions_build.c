/* interventions_build.c -- build a scenario's interventions and its
 * provider behaviour: the [intervention.NAME] and [behaviour] sections.
 *
 * An intervention changes demand: case management cuts the rates of
 * the people it enrols, a demand-reduction scheme cuts a service's rate
 * for everybody.  Either has a cost, paid under each option by the
 * commissioner or by a named provider.  [behaviour] lets providers'
 * discretionary activity answer the contract they hold.  The equations
 * are in docs/model.md (sections 11 and 12); the demand engine applies
 * them and the ledger charges the costs.
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
    char *type;
    char *services;
    char *paid_by;
    char *targeting;
    double start_year;        /* NAN until given */
    double ramp_years;        /* read as a number, checked whole */
    cap_intervention iv;
} iv_keys;

static const key_spec common_spec[] = {
    TEXT("type", 1, iv_keys, type),
    TEXT("services", 1, iv_keys, services),
    TEXT("paid_by", 0, iv_keys, paid_by),
    NUM("start_year", 0, 1, 1000, 0, 0, iv_keys, start_year),
};

static const key_spec case_management_spec[] = {
    NUM("fraction", 1, 0, 1, 1, 0, iv_keys, iv.fraction),
    NUM("capacity", 0, 1, 1e10, 0, 0, iv_keys, iv.capacity),
    TEXT("targeting", 0, iv_keys, targeting),
    NUM("accuracy", 0, 0, 1, 0, 0, iv_keys, iv.accuracy),
    NUM("effect", 1, 0, 1, 0, 1, iv_keys, iv.effect),
    NUM("ramp_years", 0, 0, 100, 0, 0, iv_keys, ramp_years),
    NUM("cost_per_enrolee", 1, 0, 1e9, 0, 0, iv_keys, iv.cost),
};

static const key_spec demand_reduction_spec[] = {
    NUM("cut", 1, 0, 1, 1, 1, iv_keys, iv.cut),
    NUM("delivery", 0, 0, 1, 0, 0, iv_keys, iv.delivery),
    NUM("cost", 0, 0, 1e13, 0, 0, iv_keys, iv.cost),
};

/* "services = a, b" into a calloc'd [service] flag array. */
static int
service_list(builder *b, const char *section, const char *value,
             unsigned char **acts_on)
{
    const cap_scenario *sc = b->sc;
    const cap_ini_entry *e = cap_ini_find(b->doc, section, "services");
    char buf[2048];
    char *items[256];
    int n = cap_parse_list(value, buf, sizeof buf, items, 256);

    if (n < 0)
        return cap_build_fail(b, e->line, "[%s] services: expected a list "
                              "of service names separated by commas",
                              section);
    *acts_on = calloc(sc->n_services, 1);
    if (*acts_on == NULL)
        return CAP_ENOMEM;
    for (int i = 0; i < n; i++) {
        size_t k = 0;

        while (k < sc->n_services && strcmp(sc->services[k].name, items[i]))
            k++;
        if (k == sc->n_services)
            return cap_build_fail(b, e->line, "[%s] services: no "
                                  "[service.%s] section", section, items[i]);
        if ((*acts_on)[k])
            return cap_build_fail(b, e->line, "[%s] services: %s is listed "
                                  "twice", section, items[i]);
        (*acts_on)[k] = 1;
    }
    return CAP_OK;
}

/* "commissioner" or a provider's name. */
static int
payer(builder *b, const cap_ini_entry *e, const char *section, long *out)
{
    if (strcmp(e->value, "commissioner") == 0) {
        *out = CAP_PAID_BY_COMMISSIONER;
        return CAP_OK;
    }
    *out = cap_scenario_find_provider(b->sc, e->value);
    if (*out < 0)
        return cap_build_fail(b, e->line, "[%s] %s = %s: expected "
                              "'commissioner' or a provider's name",
                              section, e->key, e->value);
    return CAP_OK;
}

/* paid_by, then paid_by.OPTION for the options that differ. */
static int
payers(builder *b, const char *section, cap_intervention *iv)
{
    const cap_scenario *sc = b->sc;
    cap_ini_entry *e = cap_ini_find(b->doc, section, "paid_by");
    long fallback = CAP_PAID_BY_COMMISSIONER;
    int status = e ? payer(b, e, section, &fallback) : CAP_OK;

    if (status != CAP_OK)
        return status;
    iv->paid_by = malloc(sc->n_options * sizeof *iv->paid_by);
    if (iv->paid_by == NULL)
        return CAP_ENOMEM;
    for (size_t o = 0; o < sc->n_options; o++) {
        char key[300];

        snprintf(key, sizeof key, "paid_by.%s", sc->options[o].name);
        e = cap_ini_find(b->doc, section, key);
        iv->paid_by[o] = fallback;
        if (e == NULL)
            continue;
        e->used = 1;
        status = payer(b, e, section, &iv->paid_by[o]);
        if (status != CAP_OK)
            return status;
    }
    return CAP_OK;
}

/* The keys only case management has, and their consistency. */
static int
case_management(builder *b, const char *section, iv_keys *k)
{
    int line = cap_ini_section_line(b->doc, section);
    cap_intervention *iv = &k->iv;
    int status;

    iv->capacity = INFINITY;
    iv->accuracy = NAN;
    status = cap_build_keys(b, section, case_management_spec,
                            N_OF(case_management_spec), k);
    if (status != CAP_OK)
        return status;
    if (iv->capacity != floor(iv->capacity))
        return cap_build_fail(b, cap_ini_find(b->doc, section,
                                              "capacity")->line,
                              "[%s] capacity: expected a whole number of "
                              "people", section);
    if (k->ramp_years != floor(k->ramp_years))
        return cap_build_fail(b, cap_ini_find(b->doc, section,
                                              "ramp_years")->line,
                              "[%s] ramp_years: expected a whole number "
                              "of years", section);
    iv->ramp_years = (int) k->ramp_years;
    if (k->targeting == NULL || strcmp(k->targeting, "last_cost") == 0) {
        iv->targeting = CAP_TARGET_LAST_COST;
        if (!isnan(iv->accuracy))
            return cap_build_fail(b, cap_ini_find(b->doc, section,
                                                  "accuracy")->line,
                                  "[%s] accuracy is for targeting = "
                                  "risk_score", section);
    } else if (strcmp(k->targeting, "risk_score") == 0) {
        iv->targeting = CAP_TARGET_RISK_SCORE;
        if (isnan(iv->accuracy))
            return cap_build_fail(b, line, "[%s] targeting = risk_score "
                                  "needs key 'accuracy' (the score's "
                                  "correlation with true frailty)", section);
    } else {
        return cap_build_fail(b, cap_ini_find(b->doc, section,
                                              "targeting")->line,
                              "[%s] targeting = %s: expected last_cost or "
                              "risk_score", section, k->targeting);
    }
    /* Last year's cost needs a last year. */
    if (iv->start_year == 0)
        iv->start_year = iv->targeting == CAP_TARGET_LAST_COST ? 2 : 1;
    if (iv->targeting == CAP_TARGET_LAST_COST && iv->start_year < 2)
        return cap_build_fail(b, cap_ini_find(b->doc, section,
                                              "start_year")->line,
                              "[%s] start_year = 1: targeting by last "
                              "year's cost can start in year 2 at the "
                              "earliest", section);
    return CAP_OK;
}

static int
build_intervention(builder *b, const char *section, const char *name,
                   void *item, void *arg)
{
    cap_intervention *out = item;
    iv_keys k;
    int status;

    (void) arg;
    memset(&k, 0, sizeof k);
    k.start_year = NAN;
    status = cap_build_keys(b, section, common_spec, N_OF(common_spec), &k);
    if (status != CAP_OK)
        return status;
    k.iv.start_year = isnan(k.start_year) ? 0 : (int) k.start_year;
    if (!isnan(k.start_year) && k.start_year != floor(k.start_year))
        return cap_build_fail(b, cap_ini_find(b->doc, section,
                                              "start_year")->line,
                              "[%s] start_year: expected a whole number",
                              section);
    if (strcmp(k.type, "case_management") == 0) {
        k.iv.type = CAP_CASE_MANAGEMENT;
        status = case_management(b, section, &k);
    } else if (strcmp(k.type, "demand_reduction") == 0) {
        k.iv.type = CAP_DEMAND_REDUCTION;
        k.iv.delivery = 1.0;
        if (k.iv.start_year == 0)
            k.iv.start_year = 1;
        status = cap_build_keys(b, section, demand_reduction_spec,
                                N_OF(demand_reduction_spec), &k);
    } else {
        status = cap_build_fail(b, cap_ini_find(b->doc, section, "type")->line,
                                "[%s] type = %s: expected case_management "
                                "or demand_reduction", section, k.type);
    }
    if (status != CAP_OK)
        return status;
    if (k.iv.start_year > b->sc->years) {
        /* The default start (year 2 for targeting by last year's cost)
         * has no line of its own: name the section's. */
        const cap_ini_entry *e = cap_ini_find(b->doc, section, "start_year");

        if (e == NULL)
            return cap_build_fail(b, cap_ini_section_line(b->doc, section),
                                  "[%s] starts in year %d by default, "
                                  "after the horizon (%d year%s): give "
                                  "more years or another start_year",
                                  section, k.iv.start_year, b->sc->years,
                                  b->sc->years == 1 ? "" : "s");
        return cap_build_fail(b, e->line, "[%s] start_year = %d: after the "
                              "horizon (%d years)", section,
                              k.iv.start_year, b->sc->years);
    }
    *out = k.iv;
    out->line = cap_ini_section_line(b->doc, section);
    out->mode = CAP_AS_WRITTEN;
    out->name = cap_strdup(name);
    if (out->name == NULL)
        return CAP_ENOMEM;
    status = service_list(b, section, k.services, &out->acts_on);
    if (status == CAP_OK)
        status = payers(b, section, out);
    return status;
}

typedef struct {
    double elasticity;
} behaviour_keys;

static const key_spec behaviour_spec[] = {
    NUM("elasticity", 1, 0, 10, 0, 0, behaviour_keys, elasticity),
};

static int
build_behaviour(builder *b)
{
    cap_scenario *sc = b->sc;
    behaviour_keys k = { 0 };
    int status;

    if (cap_ini_section_line(b->doc, "behaviour") == 0)
        return CAP_OK;
    status = cap_build_keys(b, "behaviour", behaviour_spec,
                            N_OF(behaviour_spec), &k);
    if (status != CAP_OK)
        return status;
    sc->behaviour.elasticity = k.elasticity;
    sc->behaviour.discretionary = calloc(sc->n_services, sizeof(double));
    if (sc->behaviour.discretionary == NULL)
        return CAP_ENOMEM;
    for (size_t s = 0; s < sc->n_services; s++) {
        char key[300];
        cap_ini_entry *e;
        double *d = &sc->behaviour.discretionary[s];

        snprintf(key, sizeof key, "discretionary.%s", sc->services[s].name);
        e = cap_ini_find(b->doc, "behaviour", key);
        if (e == NULL)
            continue;
        e->used = 1;
        if (cap_parse_double(e->value, d, 0) != 0 || *d < 0.0 || *d > 1.0)
            return cap_build_fail(b, e->line, "[behaviour] %s = %s: must "
                                  "be a number in [0, 1] (the share of the "
                                  "service's rate that is discretionary)",
                                  key, e->value);
        /* Only a response that can change activity makes demand differ
         * by option (and costs a simulation per option). */
        if (*d > 0.0 && k.elasticity > 0.0)
            sc->behaviour.on = 1;
    }
    return CAP_OK;
}

int
cap_build_interventions(builder *b)
{
    static const section_kind interventions = {
        "intervention", sizeof(cap_intervention), NULL, 0,
        build_intervention
    };
    int status = cap_build_sections(b, &interventions,
                                    &b->sc->interventions,
                                    &b->sc->n_interventions, NULL);

    if (status == CAP_OK)
        status = build_behaviour(b);
    return status;
}

void
cap_interventions_release(cap_scenario *sc)
{
    for (size_t i = 0; i < sc->n_interventions; i++) {
        free(sc->interventions[i].name);
        free(sc->interventions[i].acts_on);
        free(sc->interventions[i].paid_by);
    }
    free(sc->interventions);
    free(sc->behaviour.discretionary);
}
