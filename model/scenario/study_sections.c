/* study_sections.c -- the study around a scenario, as its file gives
 * it: correlation between uncertain inputs ([correlation]), a sweep's
 * points ([sweep]), a tornado's inputs ([sensitivity]) and
 * [incentives].  The numerics behind them (Latin hypercube and Sobol
 * points, the Cholesky factor) are in base/design.c.
 *
 * Keys of these sections name other keys as "SECTION.KEY".  Both parts
 * may hold dots ([contract.acute_cap] has them, and so do keys such as
 * share.acute), so a name is split at the longest section of the file
 * it starts with.
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
#include "capsim/dist.h"
#include "capsim/ledger.h"
#include "scenario/ini_doc.h"
#include "base/design.h"
#include "base/parse.h"
#include "scenario/scenario_build.h"

/* Most points a sweep may have, and most keys it may sweep (Sobol
 * sequences in GSL go to 40 dimensions). */
#define MAX_POINTS 10000
#define MAX_SWEEP_KEYS 40
#define MAX_LIST 256

int
cap_build_split_name(const cap_ini_doc *doc, const char *name,
                     char **section, char **key)
{
    size_t best = 0;

    for (size_t i = 0; i < doc->n_sections; i++) {
        size_t n = strlen(doc->sections[i].name);

        if (n > best && strncmp(name, doc->sections[i].name, n) == 0
            && name[n] == '.' && name[n + 1] != '\0')
            best = n;
    }
    if (best == 0)
        return -1;
    *section = malloc(best + 1);
    *key = cap_strdup(name + best + 1);
    if (*section == NULL || *key == NULL) {
        free(*section);
        free(*key);
        *section = *key = NULL;
        return -1;
    }
    memcpy(*section, name, best);
    (*section)[best] = '\0';
    return 0;
}

static long
find_input(const cap_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_inputs; i++)
        if (strcmp(sc->inputs[i].name, name) == 0)
            return (long) i;
    return -1;
}

static char *
trimmed_copy(const char *s, size_t n)
{
    char *t;

    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    t = malloc(n + 1);
    if (t != NULL) {
        memcpy(t, s, n);
        t[n] = '\0';
    }
    return t;
}

/* [correlation]: "A ~ B = r", r the rank (Spearman) correlation of two
 * uncertain inputs.  The inputs are joined by a Gaussian copula, whose
 * normal correlation rho gives rank correlation (6/pi) asin(rho/2), so
 * rho = 2 sin(pi r / 6) reproduces r exactly. */
static int
build_correlation(builder *b)
{
    cap_scenario *sc = b->sc;
    size_t n = sc->n_inputs;
    int any = 0, status = CAP_OK;
    double *m;                /* the correlations, n x n row-major */

    for (size_t i = 0; i < b->doc->n_entries; i++)
        any |= strcmp(b->doc->entries[i].section, "correlation") == 0;
    if (!any)
        return CAP_OK;
    if (n < 2 && b->variant) {
        for (size_t i = 0; i < b->doc->n_entries; i++)
            if (strcmp(b->doc->entries[i].section, "correlation") == 0)
                b->doc->entries[i].used = 1;
        return CAP_OK;
    }
    if (n < 2)
        return cap_build_fail(b, cap_ini_section_line(b->doc, "correlation"),
                              "[correlation] needs at least two uncertain "
                              "inputs (keys written as distributions)");
    m = calloc(n * n, sizeof *m);
    if (m == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < n; i++)
        m[i * n + i] = 1.0;
    for (size_t i = 0; i < b->doc->n_entries && status == CAP_OK; i++) {
        cap_ini_entry *e = &b->doc->entries[i];
        const char *tilde;
        char *left, *right;
        long a, c;
        double r;

        if (strcmp(e->section, "correlation") != 0)
            continue;
        e->used = 1;
        tilde = strchr(e->key, '~');
        if (tilde == NULL) {
            status = cap_build_fail(b, e->line, "[correlation] %s: write "
                                    "'SECTION.KEY ~ SECTION.KEY = r'", e->key);
            break;
        }
        left = trimmed_copy(e->key, (size_t) (tilde - e->key));
        right = trimmed_copy(tilde + 1, strlen(tilde + 1));
        if (left == NULL || right == NULL) {
            free(left);
            free(right);
            status = CAP_ENOMEM;
            break;
        }
        a = find_input(sc, left);
        c = find_input(sc, right);
        if ((a < 0 || c < 0) && b->variant)
            ;                 /* fixed in this variant: no longer drawn */
        else if (a < 0 || c < 0)
            status = cap_build_fail(b, e->line, "[correlation] %s is not an "
                                    "uncertain input (a key written as a "
                                    "distribution)", a < 0 ? left : right);
        else if (a == c)
            status = cap_build_fail(b, e->line, "[correlation] %s: an input "
                                    "with itself", e->key);
        else if (cap_parse_double(e->value, &r, 0) != 0 || !(r > -1.0)
                 || !(r < 1.0))
            status = cap_build_fail(b, e->line, "[correlation] %s = %s: must "
                                    "be a rank correlation in (-1, 1)",
                                    e->key, e->value);
        else if (m[(size_t) a * n + (size_t) c] != 0.0)
            status = cap_build_fail(b, e->line, "[correlation] %s and %s are "
                                    "given twice", left, right);
        else {
            double rho = 2.0 * sin(M_PI * r / 6.0);

            m[(size_t) a * n + (size_t) c] = rho;
            m[(size_t) c * n + (size_t) a] = rho;
        }
        free(left);
        free(right);
    }
    if (status == CAP_OK) {
        sc->input_chol = calloc(n * n, sizeof *sc->input_chol);
        if (sc->input_chol == NULL)
            status = CAP_ENOMEM;
    }
    if (status == CAP_OK)
        status = cap_design_cholesky(m, n, sc->input_chol);
    if (status == CAP_EINPUT)
        status = cap_build_fail(b, cap_ini_section_line(b->doc,
                                                        "correlation"),
                                "[correlation]: these correlations cannot "
                                "hold together (the matrix is not "
                                "positive definite)");
    free(m);
    return status;
}

/* The values of one swept key: "v1, v2, ..." or "lo..hi step s" (grid),
 * "lo..hi" (sampled designs).  A list is written into values (at most
 * MAX_LIST) with *n; a range only sets lo, hi and *n = 0. */
static int
sweep_values(builder *b, const cap_ini_entry *e, cap_design design,
             double *values, size_t *n, double *lo, double *hi)
{
    const char *dots = strstr(e->value, "..");

    *n = 0;
    if (dots != NULL) {
        char *head = trimmed_copy(e->value, (size_t) (dots - e->value));
        const char *step_at = strstr(dots + 2, "step");
        char *tail = trimmed_copy(dots + 2, step_at
                                  ? (size_t) (step_at - dots - 2)
                                  : strlen(dots + 2));
        double step = 0.0;
        int bad = head == NULL || tail == NULL
            || cap_parse_double(head, lo, 0) != 0
            || cap_parse_double(tail, hi, 0) != 0 || !(*lo < *hi);

        free(head);
        free(tail);
        if (!bad && step_at != NULL) {
            char *s = trimmed_copy(step_at + 4, strlen(step_at + 4));

            bad = s == NULL || cap_parse_double(s, &step, 0) != 0
                  || !(step > 0.0);
            free(s);
        }
        if (bad)
            return cap_build_fail(b, e->line, "[sweep] %s = %s: write "
                                  "'lo..hi step s' (lo < hi, s > 0), 'lo..hi' "
                                  "or a list of values", e->key, e->value);
        if (design != CAP_DESIGN_GRID) {
            if (step_at != NULL)
                return cap_build_fail(b, e->line, "[sweep] %s: a sampled "
                                      "design takes 'lo..hi' without a step",
                                      e->key);
            return CAP_OK;
        }
        if (step_at == NULL)
            return cap_build_fail(b, e->line, "[sweep] %s = %s: a grid needs "
                                  "'lo..hi step s' or a list of values",
                                  e->key, e->value);
        /* Points lo + i s up to hi, forgiving rounding at the top. */
        for (double k = 0.0;; k += 1.0) {
            double v = *lo + k * step;

            if (v > *hi + 1e-9 * step)
                break;
            if (*n == MAX_LIST)
                return cap_build_fail(b, e->line, "[sweep] %s: more than %d "
                                      "values", e->key, MAX_LIST);
            values[(*n)++] = v > *hi ? *hi : v;
        }
        return CAP_OK;
    } else {
        char buf[4096];
        char *items[MAX_LIST];
        int count = cap_parse_list(e->value, buf, sizeof buf, items, MAX_LIST);

        if (design != CAP_DESIGN_GRID)
            return cap_build_fail(b, e->line, "[sweep] %s: a sampled design "
                                  "takes a range 'lo..hi'", e->key);
        if (count < 1)
            return cap_build_fail(b, e->line, "[sweep] %s = %s: expected a "
                                  "list of at most %d numbers or "
                                  "'lo..hi step s'", e->key, e->value,
                                  MAX_LIST);
        for (int i = 0; i < count; i++) {
            if (cap_parse_double(items[i], &values[i], 0) != 0)
                return cap_build_fail(b, e->line, "[sweep] %s: '%s' is not "
                                      "a number", e->key, items[i]);
            if (i > 0 && !(values[i] > values[i - 1]))
                return cap_build_fail(b, e->line, "[sweep] %s: values must "
                                      "increase", e->key);
        }
        *n = (size_t) count;
        *lo = values[0];
        *hi = values[count - 1];
        return CAP_OK;
    }
}

/* Name a key of another section: split it and check the section. */
static int
target_key(builder *b, const char *owner, const cap_ini_entry *e,
           char **section, char **key)
{
    if (cap_build_split_name(b->doc, e->key, section, key) != 0)
        return cap_build_fail(b, e->line, "[%s] %s: not SECTION.KEY of a "
                              "section in this file", owner, e->key);
    if (strcmp(*section, "sweep") == 0 || strcmp(*section, "sensitivity") == 0
        || strcmp(*section, "correlation") == 0 || strcmp(*section, "scenario")
        == 0) {
        free(*section);
        free(*key);
        *section = *key = NULL;
        return cap_build_fail(b, e->line, "[%s] %s: that key cannot be "
                              "varied", owner, e->key);
    }
    return CAP_OK;
}

static int
build_sweep(builder *b)
{
    cap_sweep *sw = &b->sc->sweep;
    cap_ini_entry *design = cap_ini_find(b->doc, "sweep", "design");
    cap_ini_entry *points = cap_ini_find(b->doc, "sweep", "points");
    double (*list)[MAX_LIST] = NULL;
    size_t *count = NULL;
    int status = CAP_OK;

    if (cap_ini_section_line(b->doc, "sweep") == 0)
        return CAP_OK;
    sw->design = CAP_DESIGN_GRID;
    if (design != NULL) {
        design->used = 1;
        if (strcmp(design->value, "grid") == 0)
            sw->design = CAP_DESIGN_GRID;
        else if (strcmp(design->value, "lhs") == 0)
            sw->design = CAP_DESIGN_LHS;
        else if (strcmp(design->value, "sobol") == 0)
            sw->design = CAP_DESIGN_SOBOL;
        else
            return cap_build_fail(b, design->line, "[sweep] design = %s: "
                                  "must be grid, lhs or sobol",
                                  design->value);
    }
    if (points != NULL) {
        long n;

        points->used = 1;
        if (sw->design == CAP_DESIGN_GRID)
            return cap_build_fail(b, points->line, "[sweep] points goes with "
                                  "design = lhs or sobol (a grid has every "
                                  "combination)");
        if (cap_parse_long(points->value, &n) != 0 || n < 2
            || n > MAX_POINTS)
            return cap_build_fail(b, points->line, "[sweep] points = %s: "
                                  "must be a whole number from 2 to %d",
                                  points->value, MAX_POINTS);
        sw->n_points = (size_t) n;
    } else if (sw->design != CAP_DESIGN_GRID)
        return cap_build_fail(b, design->line, "[sweep] design = %s needs "
                              "'points'", design->value);

    sw->keys = calloc(MAX_SWEEP_KEYS, sizeof *sw->keys);
    list = malloc(MAX_SWEEP_KEYS * sizeof *list);
    count = calloc(MAX_SWEEP_KEYS, sizeof *count);
    if (sw->keys == NULL || list == NULL || count == NULL)
        status = CAP_ENOMEM;
    for (size_t i = 0; i < b->doc->n_entries && status == CAP_OK; i++) {
        cap_ini_entry *e = &b->doc->entries[i];
        cap_sweep_key *k = &sw->keys[sw->n_keys];

        if (strcmp(e->section, "sweep") != 0 || e == design || e == points)
            continue;
        e->used = 1;
        if (sw->n_keys == MAX_SWEEP_KEYS) {
            status = cap_build_fail(b, e->line, "[sweep]: at most %d keys",
                                    MAX_SWEEP_KEYS);
            break;
        }
        status = target_key(b, "sweep", e, &k->section, &k->key);
        if (status != CAP_OK)
            break;
        sw->n_keys++;
        k->line = e->line;
        k->name = cap_strdup(e->key);
        if (k->name == NULL)
            status = CAP_ENOMEM;
        else
            status = sweep_values(b, e, sw->design, list[sw->n_keys - 1],
                                  &count[sw->n_keys - 1], &k->lo, &k->hi);
    }
    if (status == CAP_OK && sw->n_keys == 0)
        status = cap_build_fail(b, cap_ini_section_line(b->doc, "sweep"),
                                "[sweep] names no key to sweep "
                                "(SECTION.KEY = values)");
    if (status == CAP_OK && sw->design == CAP_DESIGN_GRID) {
        double total = 1.0;

        for (size_t k = 0; k < sw->n_keys; k++)
            total *= (double) count[k];
        if (total > MAX_POINTS)
            status = cap_build_fail(b, cap_ini_section_line(b->doc, "sweep"),
                                    "[sweep]: the grid has %.0f points; at "
                                    "most %d", total, MAX_POINTS);
        else
            sw->n_points = (size_t) total;
    }
    if (status == CAP_OK) {
        sw->values = malloc(sw->n_points * sw->n_keys * sizeof *sw->values);
        if (sw->values == NULL)
            status = CAP_ENOMEM;
    }
    if (status == CAP_OK && sw->design == CAP_DESIGN_GRID) {
        /* The first key changes slowest, like nested loops in the
         * order the keys are written. */
        for (size_t p = 0; p < sw->n_points; p++) {
            size_t rest = p;

            for (size_t k = sw->n_keys; k-- > 0;) {
                sw->values[p * sw->n_keys + k] = list[k][rest % count[k]];
                rest /= count[k];
            }
        }
    } else if (status == CAP_OK) {
        /* Points in the unit cube, then scaled to each key's range. */
        size_t d = sw->n_keys;

        status = sw->design == CAP_DESIGN_LHS
            ? cap_design_lhs(sw->n_points, d, b->sc->seed, sw->values)
            : cap_design_sobol(sw->n_points, d, sw->values);
        for (size_t i = 0; i < sw->n_points && status == CAP_OK; i++)
            for (size_t k = 0; k < d; k++)
                sw->values[i * d + k] = sw->keys[k].lo
                    + sw->values[i * d + k]
                      * (sw->keys[k].hi - sw->keys[k].lo);
    }
    free(list);
    free(count);
    return status;
}

static int
add_sens_input(cap_sensitivity *s, const char *name, const char *section,
               const char *key, int line, double low, double high)
{
    cap_sens_input *in = &s->inputs[s->n_inputs++];

    in->name = cap_strdup(name);
    in->section = cap_strdup(section);
    in->key = cap_strdup(key);
    in->line = line;
    in->low = low;
    in->high = high;
    return in->name && in->section && in->key ? CAP_OK : CAP_ENOMEM;
}

/* [sensitivity]: the tornado's percentiles and party, and inputs with
 * explicit ends ("SECTION.KEY = low, high").  Every uncertain input not
 * listed is moved to its percentiles. */
static int
build_sensitivity(builder *b)
{
    static const char *const own[] = { "low_percentile", "high_percentile",
                                       "party" };
    cap_scenario *sc = b->sc;
    cap_sensitivity *s = &sc->sensitivity;
    int status = CAP_OK;

    s->low_percentile = 0.10;
    s->high_percentile = 0.90;
    s->party = 1;             /* the first provider */
    s->inputs = calloc(b->doc->n_entries + sc->n_inputs + 1,
                       sizeof *s->inputs);
    if (s->inputs == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < b->doc->n_entries && status == CAP_OK; i++) {
        cap_ini_entry *e = &b->doc->entries[i];
        int which = -1;

        if (strcmp(e->section, "sensitivity") != 0)
            continue;
        e->used = 1;
        for (int k = 0; k < 3; k++)
            if (strcmp(e->key, own[k]) == 0)
                which = k;
        if (which == 0 || which == 1) {
            double *p = which ? &s->high_percentile : &s->low_percentile;

            if (cap_parse_double(e->value, p, 0) != 0 || !(*p > 0.0)
                || !(*p < 1.0))
                status = cap_build_fail(b, e->line, "[sensitivity] %s = %s: "
                                        "must be in (0, 1)", e->key, e->value);
        } else if (which == 2) {
            long party = cap_ledger_find_party(sc, e->value);

            if (party < 0)
                status = cap_build_fail(b, e->line, "[sensitivity] party = "
                                        "%s: not a party of this scenario",
                                        e->value);
            else
                s->party = (size_t) party;
        } else {
            char buf[256], *items[3], *section = NULL, *key = NULL;
            double lo, hi;

            status = target_key(b, "sensitivity", e, &section, &key);
            if (status != CAP_OK)
                break;
            if (cap_parse_list(e->value, buf, sizeof buf, items, 3) != 2
                || cap_parse_double(items[0], &lo, 0) != 0
                || cap_parse_double(items[1], &hi, 0) != 0 || lo == hi)
                status = cap_build_fail(b, e->line, "[sensitivity] %s = %s: "
                                        "write the low and the high value, "
                                        "'low, high'", e->key, e->value);
            else
                status = add_sens_input(s, e->key, section, key, e->line, lo,
                                        hi);
            free(section);
            free(key);
        }
    }
    if (status == CAP_OK && !(s->low_percentile < s->high_percentile))
        status = cap_build_fail(b, cap_ini_section_line(b->doc,
                                                        "sensitivity"),
                                "[sensitivity]: low_percentile must be below "
                                "high_percentile");
    for (size_t i = 0; i < sc->n_inputs && status == CAP_OK; i++) {
        const cap_input *in = &sc->inputs[i];
        int listed = 0;

        for (size_t j = 0; j < s->n_inputs; j++)
            listed |= strcmp(s->inputs[j].name, in->name) == 0;
        if (!listed)
            status = add_sens_input(
                s, in->name, in->section, in->key, in->line,
                cap_dist_quantile(&in->dist, s->low_percentile),
                cap_dist_quantile(&in->dist, s->high_percentile));
    }
    return status;
}

/* [incentives]: the service whose rate is cut, and by how much. */
static int
build_incentives(builder *b)
{
    cap_scenario *sc = b->sc;
    cap_incentives_spec *in = &sc->incentives;
    int line = cap_ini_section_line(b->doc, "incentives");
    cap_ini_entry *service = cap_ini_find(b->doc, "incentives", "service");
    cap_ini_entry *step = cap_ini_find(b->doc, "incentives", "step");
    char name[300];

    in->service = -1;
    in->step = 0.05;
    in->line = line;
    if (line == 0)
        return CAP_OK;
    if (service == NULL)
        return cap_build_fail(b, line, "[incentives] needs key 'service' "
                              "(the service whose rate prevention cuts)");
    service->used = 1;
    for (size_t k = 0; k < sc->n_services; k++)
        if (strcmp(sc->services[k].name, service->value) == 0)
            in->service = (long) k;
    if (in->service < 0)
        return cap_build_fail(b, service->line, "[incentives] service = %s: "
                              "no [service.%s] section", service->value,
                              service->value);
    snprintf(name, sizeof name, "service.%s.rate", service->value);
    if (find_input(sc, name) >= 0)
        return cap_build_fail(b, service->line, "[incentives] service = %s: "
                              "its rate is uncertain; the cut needs a fixed "
                              "rate", service->value);
    if (step != NULL) {
        step->used = 1;
        if (cap_parse_double(step->value, &in->step, 0) != 0
            || !(in->step > 0.0) || in->step > 0.5)
            return cap_build_fail(b, step->line, "[incentives] step = %s: "
                                  "must be in (0, 0.5]", step->value);
    }
    return CAP_OK;
}

int
cap_build_study(builder *b)
{
    int status = build_correlation(b);

    if (status == CAP_OK)
        status = build_sweep(b);
    if (status == CAP_OK)
        status = build_sensitivity(b);
    if (status == CAP_OK)
        status = build_incentives(b);
    return status;
}
