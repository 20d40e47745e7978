/* load.c -- a scenario from its file, and variants of it.
 *
 * Any numeric key may be written as a distribution ("trend =
 * range(0.01, 0.05)").  Loading registers each such key as an uncertain
 * input, builds the scenario with every input at its median, and keeps
 * the file as read (sc->source).  A variant is that file with some keys
 * set to numbers -- one trial's draws, one sweep point, one end of a
 * tornado bar -- built and validated by exactly the same code as the
 * file itself, so nothing about a variant can be checked less.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/scenario.h"
#include "capsim/dist.h"
#include "scenario/assemble.h"
#include "scenario/ini_doc.h"
#include "base/input_file.h"
#include "base/parse.h"
#include "scenario/load.h"
#include "scenario/scenario_build.h"

/* Sections whose values are about the study, not numbers of the
 * model: never uncertain inputs themselves. */
static int
study_section(const char *section)
{
    return strcmp(section, "sweep") == 0 || strcmp(section, "correlation") == 0
        || strcmp(section, "sensitivity") == 0
        || strcmp(section, "incentives") == 0;
}

/* Shortest text that reads back as exactly v. */
static void
format_number(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.17g", v);
}

/* Register the distributions in work as inputs of sc, replacing each
 * with its median so the builder sees plain numbers. */
static int
register_inputs(cap_ini_doc *work, cap_scenario *sc, cap_diag *diag)
{
    size_t n = 0;

    for (size_t i = 0; i < work->n_entries; i++) {
        cap_ini_entry *e = &work->entries[i];
        cap_dist d;
        cap_diag why;
        char text[40];

        if (study_section(e->section) || !cap_dist_named(e->value))
            continue;
        if (cap_dist_parse(e->value, &d, &why) != CAP_OK)
            return cap_ini_diag(work, diag, CAP_EINPUT, e->line,
                                "[%s] %s = %s: %s", e->section, e->key,
                                e->value, why.message);
        if (n == 0) {
            sc->inputs = calloc(work->n_entries, sizeof *sc->inputs);
            if (sc->inputs == NULL)
                return CAP_ENOMEM;
        }
        sc->inputs[n].dist = d;
        sc->inputs[n].line = e->line;
        sc->inputs[n].section = cap_strdup(e->section);
        sc->inputs[n].key = cap_strdup(e->key);
        sc->inputs[n].name = malloc(strlen(e->section) + strlen(e->key) + 2);
        sc->n_inputs = ++n;
        if (!sc->inputs[n - 1].section || !sc->inputs[n - 1].key
            || !sc->inputs[n - 1].name)
            return CAP_ENOMEM;
        sprintf(sc->inputs[n - 1].name, "%s.%s", e->section, e->key);
        format_number(cap_dist_median(&d), text, sizeof text);
        if (cap_ini_set(work, e->section, e->key, text, 0) != CAP_OK)
            return CAP_ENOMEM;
    }
    return CAP_OK;
}

/* from_doc's variant: a file as read, or a variant of a loaded
 * scenario. */
enum { FROM_FILE = 0, FROM_VARIANT = 1 };

static int from_doc(const cap_ini_doc *doc,
                    const cap_contract_type *const *types, int variant,
                    const cap_scenario *plan, cap_scenario **out,
                    cap_diag *diag);

/* Apply settings to a copy of doc. */
static int
set_values(cap_ini_doc *doc, const cap_setting *set, size_t n_set)
{
    for (size_t i = 0; i < n_set; i++) {
        char text[40];

        format_number(set[i].value, text, sizeof text);
        if (cap_ini_set(doc, set[i].section, set[i].key, text, set[i].line)
            != CAP_OK)
            return CAP_ENOMEM;
    }
    return CAP_OK;
}

/* Every value an input can be drawn as must give a valid scenario.
 * Inversion sampling reaches exactly [Q(u_min), Q(1 - u_min)], so
 * building the scenario with every input at its least, then at its
 * greatest value checks each key's range once and for all (ranges are
 * per key); constraints between keys are checked again per trial. */
static int
check_support(const cap_scenario *sc, const cap_ini_doc *doc,
              cap_diag *diag)
{
    cap_setting *set = malloc(sc->n_inputs * sizeof *set);
    int status = set ? CAP_OK : CAP_ENOMEM;

    for (int end = 0; end < 2 && status == CAP_OK; end++) {
        cap_ini_doc *copy = cap_ini_clone(doc);
        cap_scenario *v = NULL;

        for (size_t i = 0; i < sc->n_inputs; i++) {
            double lo, hi;

            cap_dist_support(&sc->inputs[i].dist, &lo, &hi);
            set[i] = (cap_setting) { sc->inputs[i].section,
                                     sc->inputs[i].key, end ? hi : lo, 0 };
        }
        status = copy ? set_values(copy, set, sc->n_inputs) : CAP_ENOMEM;
        if (status == CAP_OK)
            status = from_doc(copy, sc->contract_types, FROM_VARIANT, sc, &v,
                              diag);
        if (status == CAP_EINPUT) {
            char was[sizeof diag->message];

            snprintf(was, sizeof was, "%s", diag->message);
            snprintf(diag->message, sizeof diag->message,
                     "an uncertain input can reach a value that is not "
                     "allowed; with every input at its %s value: %.400s",
                     end ? "greatest" : "least", was);
        }
        cap_scenario_free(v);
        cap_ini_free(copy);
    }
    free(set);
    return status;
}

/* Build a scenario from doc, which is not changed. */
static int
from_doc(const cap_ini_doc *doc, const cap_contract_type *const *types,
         int variant, const cap_scenario *plan, cap_scenario **out,
         cap_diag *diag)
{
    builder b;
    int status;

    *out = NULL;
    b.diag = diag;
    b.variant = variant;
    b.doc = cap_ini_clone(doc);
    b.sc = calloc(1, sizeof *b.sc);
    if (b.doc == NULL || b.sc == NULL) {
        cap_ini_free(b.doc);
        free(b.sc);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    /* A clone forgets the load's redirects; the build still reads the
     * practices file through them. */
    b.doc->redirect = doc->redirect;
    b.sc->plan = plan;
    b.sc->contract_types = types;
    b.sc->path = cap_strdup(doc->path);
    status = b.sc->path ? CAP_OK : CAP_ENOMEM;
    if (status == CAP_OK)
        status = register_inputs(b.doc, b.sc, diag);
    if (status == CAP_OK)
        status = cap_build_scenario(&b);
    if (status == CAP_OK) {
        /* The source keeps the practices file's bytes as read by this
         * build, so that the variants built from it (and the support
         * check below) never read the file again. */
        b.sc->source = cap_ini_clone(doc);
        if (b.sc->source == NULL)
            status = CAP_ENOMEM;
        else if (b.sc->source->practices == NULL)
            b.sc->source->practices = cap_input_file_ref(b.doc->practices);
        /* The redirects live only as long as the load. */
        if (b.sc->source != NULL)
            b.sc->source->redirect = NULL;
    }
    if (status == CAP_OK && b.sc->n_inputs > 0)
        status = check_support(b.sc, b.sc->source, diag);
    cap_ini_free(b.doc);
    if (status != CAP_OK) {
        if (status == CAP_ENOMEM)
            cap_diag_set(diag, status, doc->path, 0, "out of memory");
        cap_scenario_free(b.sc);
        return status;
    }
    *out = b.sc;
    return CAP_OK;
}

/* Each end of each tornado bar, built as the tornado will build it
 * (the other uncertain inputs at their medians, this one at its low or
 * high value), so that a key the builder does not know or a value it
 * refuses is reported when the file is loaded, not after the tornado's
 * first simulation.  Returns CAP_OK, or the variant's failure with diag
 * at the [sensitivity] line (or the uncertain input's). */
static int
check_sensitivity(const cap_scenario *sc, cap_diag *diag)
{
    const cap_sensitivity *s = &sc->sensitivity;
    cap_setting *set = malloc((sc->n_inputs + 1) * sizeof *set);
    int status = set ? CAP_OK : CAP_ENOMEM;

    for (size_t i = 0; i < s->n_inputs && status == CAP_OK; i++) {
        const cap_sens_input *in = &s->inputs[i];

        for (int end = 0; end < 2 && status == CAP_OK; end++) {
            double value = end ? in->high : in->low;
            cap_scenario *v = NULL;
            size_t n = 0;

            for (size_t k = 0; k < sc->n_inputs; k++)
                if (strcmp(sc->inputs[k].name, in->name) != 0)
                    set[n++] = (cap_setting) {
                        sc->inputs[k].section, sc->inputs[k].key,
                        cap_dist_median(&sc->inputs[k].dist), 0 };
            set[n++] = (cap_setting) { in->section, in->key, value,
                                       in->line };
            status = cap_scenario_variant(sc, set, n, CAP_PLAN_KEEP, &v, diag);
            cap_scenario_free(v);
            if (status == CAP_EINPUT) {
                char why[sizeof diag->message];

                memcpy(why, diag->message, sizeof why);
                cap_ini_diag(sc->source, diag, status, in->line,
                             "[sensitivity] %s = %g (the tornado's %s "
                             "end): %s", in->name, value,
                             end ? "high" : "low", why);
            }
        }
    }
    free(set);
    if (status == CAP_ENOMEM)
        cap_diag_set(diag, status, sc->path, 0, "out of memory");
    return status;
}

int
cap_scenario_load_types(const char *path,
                        const cap_contract_type *const *types,
                        cap_scenario **out, cap_diag *diag)
{
    return cap_scenario_load_types_from(path, NULL, 0, types, out, diag);
}

int
cap_scenario_load_types_from(const char *path,
                             const cap_input_redirect *redirects,
                             size_t n_redirects,
                             const cap_contract_type *const *types,
                             cap_scenario **out, cap_diag *diag)
{
    cap_input_redirect_list redirect = { redirects, n_redirects };
    cap_ini_doc *doc;
    int status;

    *out = NULL;
    status = cap_ini_read_assembled(path, &redirect, &doc, diag);
    if (status != CAP_OK)
        return status;
    status = from_doc(doc, types, FROM_FILE, NULL, out, diag);
    cap_ini_free(doc);
    if (status == CAP_OK && (*out)->sensitivity.n_inputs > 0) {
        status = check_sensitivity(*out, diag);
        if (status != CAP_OK) {
            cap_scenario_free(*out);
            *out = NULL;
        }
    }
    return status;
}

int
cap_scenario_variant(const cap_scenario *base, const cap_setting *set,
                     size_t n_set, cap_plan plan, cap_scenario **out,
                     cap_diag *diag)
{
    cap_ini_doc *doc = cap_ini_clone(base->source);
    int status;

    *out = NULL;
    if (doc == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = set_values(doc, set, n_set);
    if (status == CAP_OK)
        status = from_doc(doc, base->contract_types, FROM_VARIANT,
                          plan == CAP_PLAN_AGAIN ? NULL
                          : base->plan ? base->plan : base, out, diag);
    else
        cap_diag_set(diag, status, "", 0, "out of memory");
    cap_ini_free(doc);
    /* A counterfactual's variants (its trials' draws) stay
     * counterfactual: modes are not in the file, so carry them over. */
    for (size_t k = 0; status == CAP_OK && k < base->n_interventions; k++)
        (*out)->interventions[k].mode = base->interventions[k].mode;
    return status;
}

int
cap_scenario_counterfactual(const cap_scenario *base, size_t k,
                            cap_intervention_mode mode, cap_scenario **out,
                            cap_diag *diag)
{
    int status = cap_scenario_variant(base, NULL, 0, CAP_PLAN_KEEP, out,
                                      diag);

    if (status == CAP_OK)
        (*out)->interventions[k].mode = mode;
    return status;
}

/* One source of sc's list: the file f in its role. */
static void
source_of(const cap_input_file *f, const char *role,
          cap_scenario_source *out)
{
    out->role = role;
    out->path = f->path;
    out->sha256 = f->sha256;
    out->bytes = f->bytes;
    out->size = f->size;
}

size_t
cap_scenario_sources(const cap_scenario *sc, cap_scenario_source *out,
                     size_t max)
{
    const cap_ini_doc *doc = sc->source;
    size_t n = 0;

    if (doc == NULL)
        return 0;
    if (doc->file != NULL && n++ < max)
        source_of(doc->file, "scenario", &out[n - 1]);
    for (size_t i = 0; i < doc->n_bases; i++)
        if (n++ < max)
            source_of(doc->bases[i], "base", &out[n - 1]);
    if (doc->practices != NULL && n++ < max)
        source_of(doc->practices, "practices", &out[n - 1]);
    return n;
}

int
cap_scenario_expand(const cap_scenario *sc, FILE *out)
{
    cap_ini_doc *doc = cap_ini_clone(sc->source);
    const cap_ini_doc *src = sc->source;
    char head[2048];
    size_t len;
    int status = doc ? CAP_OK : CAP_ENOMEM;

    len = (size_t) snprintf(head, sizeof head, "%s as assembled by capsim "
                            "validate --expand,\nfrom %s", src->path,
                            src->path);
    for (size_t k = 0; k < src->n_bases && len < sizeof head; k++)
        len += (size_t) snprintf(head + len, sizeof head - len,
                                 "%s%s", k + 1 < src->n_bases ? ", " : " and ",
                                 src->bases[k]->path);
    if (len < sizeof head)
        snprintf(head + len, sizeof head - len, ".\nEach header and key "
                 "is followed by the file and line where it was written.");
    if (status == CAP_OK && sc->practices_path != NULL) {
        /* Absolute, so that the text loads from wherever it is saved. */
        char *real = realpath(sc->practices_path, NULL);

        status = cap_ini_set(doc, "population", "file",
                             real ? real : sc->practices_path, 0);
        free(real);
    }
    if (status == CAP_OK)
        status = cap_ini_write(doc, head, out);
    cap_ini_free(doc);
    return status;
}

void
cap_scenario_where(const cap_scenario *sc, int pos, const char **path,
                   int *line)
{
    if (sc->source != NULL) {
        cap_ini_where(sc->source, pos, path, line);
        return;
    }
    *path = sc->path;
    *line = pos;
}
