/* comparison_gather.c -- a scenario of a comparison read back from the
 * results folder of an earlier 'capsim run', instead of being run
 * again: its manifest says which scenario, seed, trials and engine ran;
 * trials.csv (written with --keep-trials) gives every trial's figures,
 * so that differences can be paired; without it, summary.csv gives the
 * estimates alone.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "capsim/ledger.h"
#include "base/parse.h"
#include "output/comparison.h"
#include "output/verify.h"

#define MAX_FIELDS 12

int
cap_comparison_is_folder(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void
cap_cmp_table_free(cap_cmp_table *t)
{
    if (t == NULL)
        return;
    free(t->cell);
    free(t);
}

/* Split a CSV line of capsim's own tables (identifiers and numbers,
 * never quoted) at its commas, in place.  Returns the number of
 * fields. */
static int
split_fields(char *line, char **field, int max)
{
    int n = 0;
    size_t len = strlen(line);

    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    field[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == ',') {
            *p = '\0';
            field[n++] = p + 1;
        }
    return n;
}

/* What the manifest of a run's folder says. */
typedef struct {
    cap_manifest_doc *m;
    cap_manifest_inputs inputs;   /* its files, kept in DIR/inputs */
    char engine[32];
    unsigned long long seed;
    long trials;
} run_record;

static void
run_record_free(run_record *rec)
{
    cap_manifest_inputs_free(&rec->inputs);
    cap_manifest_doc_free(rec->m);
    rec->m = NULL;
}

/* Read DIR's manifest (whole, by its own checksum) into rec: a run's
 * or a tornado's, with its seed, trials, engine and inputs. */
static int
read_manifest(const char *dir, run_record *rec, cap_diag *diag)
{
    const char *command, *seed, *trials, *engine;
    int status, line = 0;

    memset(rec, 0, sizeof *rec);
    status = cap_manifest_read(dir, &rec->m, diag);
    if (status != CAP_OK)
        return status;
    command = cap_manifest_get(rec->m, "run", "command", &line);
    seed = cap_manifest_get(rec->m, "run", "seed", NULL);
    trials = cap_manifest_get(rec->m, "run", "trials", NULL);
    engine = cap_manifest_get(rec->m, "run", "engine", NULL);
    if (command != NULL && strcmp(command, "run") != 0
        && strcmp(command, "tornado") != 0)
        return cap_diag_set(diag, CAP_EINPUT, rec->m->path, line, "made "
                            "by 'capsim %s', not a run: compare the "
                            "scenario files or run folders it came from",
                            command);
    if (command == NULL || seed == NULL || trials == NULL || engine == NULL
        || (rec->trials = strtol(trials, NULL, 10)) < 2)
        return cap_diag_set(diag, CAP_EINPUT, rec->m->path, 0, "the "
                            "manifest does not say which scenario ran, "
                            "with which seed, trials and engine");
    rec->seed = strtoull(seed, NULL, 10);
    snprintf(rec->engine, sizeof rec->engine, "%s", engine);
    return cap_manifest_inputs_read(rec->m, dir, &rec->inputs, diag);
}

/* The scenario the run was read from, as it was then: from the copies
 * the folder kept in inputs/, whatever has happened to the files. */
static int
load_recorded(const run_record *rec, cap_point *pt, cap_diag *diag)
{
    cap_scenario *sc = NULL;
    cap_diag inner = { "", 0, "" };
    int status;

    status = cap_scenario_load_from(rec->inputs.scenario,
                                    rec->inputs.redirects, rec->inputs.n,
                                    &sc, &inner);
    if (status != CAP_OK)
        return cap_diag_set(diag, CAP_EINPUT, rec->m->path, 0, "the "
                            "scenario this folder was run from cannot be "
                            "read again from its inputs: %s%s%s",
                            inner.file, inner.file[0] ? ": " : "",
                            inner.message);
    if (sc->sweep.design != CAP_DESIGN_NONE) {
        cap_scenario_free(sc);
        return cap_diag_set(diag, CAP_EINPUT, rec->m->path, 0, "a sweep's "
                            "folder cannot be compared: its points are "
                            "many scenarios");
    }
    pt->sc = sc;
    pt->owned = sc;
    return CAP_OK;
}

/* Every trial's income and spend from trials.csv into a new o. */
static int
read_trials(FILE *f, const char *path, const cap_scenario *sc, long trials,
            cap_outcomes **out, cap_diag *diag)
{
    cap_outcomes *o = calloc(1, sizeof *o);
    char line[2048], *fld[MAX_FIELDS];
    size_t cells, filled = 0;
    int n = 1;

    *out = NULL;
    if (o == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    o->trials = (size_t) trials;
    o->options = sc->n_options;
    o->parties = cap_ledger_parties(sc);
    o->years = sc->years;
    cells = o->trials * o->options * o->parties * (size_t) o->years;
    o->income = malloc(cells * sizeof *o->income);
    o->spend = malloc(cells * sizeof *o->spend);
    if (o->income == NULL || o->spend == NULL) {
        cap_outcomes_free(o);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    if (fgets(line, sizeof line, f) == NULL
        || strncmp(line, "point,trial,option,party,year,period,income,"
                   "spend", 49)
           != 0) {
        cap_outcomes_free(o);
        return cap_diag_set(diag, CAP_EINPUT, path, 1, "not capsim's "
                            "trials.csv");
    }
    while (fgets(line, sizeof line, f) != NULL) {
        long trial, opt, party, year;

        n++;
        if (split_fields(line, fld, MAX_FIELDS) < 8
            || (trial = strtol(fld[1], NULL, 10)) < 0 || trial >= trials
            || (opt = cap_cmp_find_option(sc, fld[2])) < 0
            || (party = cap_ledger_find_party(sc, fld[3])) < 0
            || (year = strtol(fld[4], NULL, 10)) < 1 || year > sc->years
            || strcmp(fld[0], "0") != 0) {
            cap_outcomes_free(o);
            return cap_diag_set(diag, CAP_EINPUT, path, n, "a row this "
                                "scenario's run cannot have written");
        }
        {
            size_t at = cap_outcomes_at(o, (size_t) trial, (size_t) opt,
                                        (size_t) party, (int) year);

            o->income[at] = strtod(fld[6], NULL);
            o->spend[at] = strtod(fld[7], NULL);
            filled++;
        }
    }
    if (filled != cells) {
        cap_outcomes_free(o);
        return cap_diag_set(diag, CAP_EINPUT, path, n, "%zu rows, where "
                            "the run wrote %zu", filled, cells);
    }
    *out = o;
    return CAP_OK;
}

/* The metric of comparison a row of summary.csv gives, or -1. */
static int
summary_metric(const char *period, const char *metric)
{
    int horizon = strcmp(period, "horizon") == 0;

    if (strcmp(metric, "mean") == 0)
        return CAP_CMP_EXPECTED_NET;
    if (strcmp(metric, "prob_deficit") == 0)
        return CAP_CMP_PROB_DEFICIT;
    if (horizon && strcmp(metric, "prob_deficit_worst_year") == 0)
        return CAP_CMP_PROB_DEFICIT_WORST_YEAR;
    if (horizon && strcmp(metric, "worst_year_var95") == 0)
        return CAP_CMP_WORST_YEAR_VAR95;
    return -1;
}

/* The estimates of summary.csv into a new table. */
static int
read_summary(FILE *f, const char *path, const cap_scenario *sc,
             cap_cmp_table **out, cap_diag *diag)
{
    cap_cmp_table *t = calloc(1, sizeof *t);
    char line[2048], *fld[MAX_FIELDS];
    size_t cells;
    int n = 1;

    *out = NULL;
    if (t == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    t->options = sc->n_options;
    t->parties = cap_ledger_parties(sc);
    t->years = sc->years;
    cells = t->options * t->parties * (size_t) (t->years + 1)
            * CAP_CMP_METRICS;
    t->cell = malloc(cells * sizeof *t->cell);
    if (t->cell == NULL) {
        cap_cmp_table_free(t);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    for (size_t i = 0; i < cells; i++)
        t->cell[i].value = t->cell[i].mcse = NAN;
    if (fgets(line, sizeof line, f) == NULL
        || strncmp(line, "point,option,party,year,period,quantity,metric,"
                   "value,mcse", 56) != 0) {
        cap_cmp_table_free(t);
        return cap_diag_set(diag, CAP_EINPUT, path, 1, "not capsim's "
                            "summary.csv");
    }
    while (fgets(line, sizeof line, f) != NULL) {
        long opt, party, year;
        int m;

        n++;
        if (split_fields(line, fld, MAX_FIELDS) < 9
            || strcmp(fld[5], "net") != 0
            || (m = summary_metric(fld[4], fld[6])) < 0)
            continue;
        opt = cap_cmp_find_option(sc, fld[1]);
        party = cap_ledger_find_party(sc, fld[2]);
        year = strcmp(fld[4], "horizon") == 0 ? CAP_HORIZON
                                               : strtol(fld[3], NULL, 10);
        if (opt < 0 || party < 0 || year < 0 || year > sc->years) {
            cap_cmp_table_free(t);
            return cap_diag_set(diag, CAP_EINPUT, path, n, "a row this "
                                "scenario's run cannot have written");
        }
        t->cell[cap_cmp_cell(t, (size_t) opt, (size_t) party, (int) year,
                             (cap_cmp_metric) m)] =
            (cap_estimate) { strtod(fld[7], NULL), strtod(fld[8], NULL) };
    }
    *out = t;
    return CAP_OK;
}

/* Open DIR/name for reading, or NULL. */
static FILE *
open_in(const char *dir, const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    return fopen(path, "r");
}

int
cap_comparison_gather(const char *dir, cap_point *pt, cap_cmp_table **table,
                      cap_cmp_input *in, char *engine, size_t engine_size,
                      cap_diag *diag)
{
    run_record rec;
    char path[1200];
    FILE *f;
    int status = read_manifest(dir, &rec, diag);

    memset(pt, 0, sizeof *pt);
    memset(in, 0, sizeof *in);
    *table = NULL;
    if (status == CAP_OK && (f = open_in(dir, "points.csv", path,
                                         sizeof path)) != NULL) {
        fclose(f);
        run_record_free(&rec);
        return cap_diag_set(diag, CAP_EINPUT, path, 0, "a sweep's folder "
                            "cannot be compared: its points are many "
                            "scenarios");
    }
    if (status == CAP_OK)
        status = load_recorded(&rec, pt, diag);
    if (status != CAP_OK) {
        run_record_free(&rec);
        return status;
    }
    if ((f = open_in(dir, "trials.csv", path, sizeof path)) != NULL) {
        status = read_trials(f, path, pt->sc, rec.trials, &pt->o, diag);
        fclose(f);
        if (status == CAP_OK)
            status = cap_horizon_alloc(pt->sc, pt->o, &pt->h, diag);
        if (status == CAP_OK)
            status = cap_decide(pt->sc, pt->o, pt->h, &pt->decision, diag);
    } else if ((f = open_in(dir, "summary.csv", path, sizeof path))
               != NULL) {
        status = read_summary(f, path, pt->sc, table, diag);
        fclose(f);
    } else {
        status = cap_diag_set(diag, CAP_EINPUT, dir, 0, "a results folder "
                              "without summary.csv or trials.csv");
    }
    snprintf(engine, engine_size, "%s", rec.engine);
    in->sc = pt->sc;
    in->o = pt->o;
    in->h = pt->h;
    in->table = *table;
    in->seed = (uint64_t) rec.seed;
    in->trials = rec.trials;
    in->engine = engine;
    run_record_free(&rec);
    return status;
}
