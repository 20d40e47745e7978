/* interventions.c -- what each intervention really did, what a naive
 * evaluation would have said, and who kept the saving.
 *
 * Each intervention is run again switched off, on the same seed: every
 * person, frailty, event and cost is drawn again from the same streams,
 * so the run with the intervention differs from the run without it
 * only in the events the intervention removed and in its cost.  Per
 * trial and option:
 *
 *   true saving        the cost of the events it removed (the engine
 *                      counts them as it removes them; with one
 *                      intervention this is exactly the difference in
 *                      system cost between the two runs)
 *   naive saving       the newly enrolled cohort's cost in the year
 *                      before enrolment less its cost in the year of
 *                      enrolment: a before-and-after evaluation with no
 *                      control group
 *   regression to the mean   naive saving - the true saving in that
 *                      cohort: what the naive evaluation credits to the
 *                      programme that would have happened anyway (with
 *                      the trend, which works the other way)
 *   net return         each party's net with the intervention less its
 *                      net without (programme cost included)
 *   shortfall cost     a demand reduction: each party's net as
 *                      delivered less its net had the cut been
 *                      delivered in full
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "capsim/study.h"
#include "capsim/ledger.h"
#include "capsim/stats.h"
#include "base/csv_write.h"
#include "study/rerun.h"

void
cap_counterfactuals_free(cap_counterfactuals *cf)
{
    if (cf == NULL)
        return;
    for (size_t k = 0; k < cf->n; k++) {
        cap_outcomes_free(cf->without[k]);
        cap_outcomes_free(cf->planned[k]);
    }
    free(cf->without);
    free(cf->planned);
    free(cf);
}

/* A demand reduction is also run as planned (its cut in full). */
static int
has_planned_run(const cap_intervention *iv)
{
    return iv->type == CAP_DEMAND_REDUCTION;
}

size_t
cap_counterfactual_runs(const cap_scenario *sc)
{
    size_t runs = sc->n_interventions;

    for (size_t k = 0; k < sc->n_interventions; k++)
        runs += (size_t) has_planned_run(&sc->interventions[k]);
    return runs;
}

int
cap_counterfactuals_run(const cap_scenario *sc, const cap_sim_config *cfg,
                        cap_counterfactuals **out, cap_diag *diag)
{
    cap_counterfactuals *cf = calloc(1, sizeof *cf);
    cap_sim_config plain = *cfg;
    int status = CAP_OK;

    *out = NULL;
    plain.concentration_trials = 0;
    if (cf != NULL) {
        cf->without = calloc(sc->n_interventions + 1, sizeof *cf->without);
        cf->planned = calloc(sc->n_interventions + 1, sizeof *cf->planned);
    }
    if (cf == NULL || cf->without == NULL || cf->planned == NULL) {
        cap_counterfactuals_free(cf);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    cf->n = sc->n_interventions;
    for (size_t k = 0; k < cf->n && status == CAP_OK; k++) {
        status = cap_rerun_counterfactual(sc, k, CAP_SWITCHED_OFF, &plain,
                                          &cf->without[k], diag);
        if (status == CAP_OK && has_planned_run(&sc->interventions[k]))
            status = cap_rerun_counterfactual(sc, k, CAP_AS_PLANNED, &plain,
                                              &cf->planned[k], diag);
    }
    if (status != CAP_OK) {
        cap_counterfactuals_free(cf);
        return status;
    }
    *out = cf;
    return CAP_OK;
}

/* The row's statistics of x[0..n) across trials; work: n doubles. */
static void
describe(cap_iv_row *row, const double *x, size_t n, double *work)
{
    row->mean = gsl_stats_mean(x, 1, n);
    row->se = n > 1 ? gsl_stats_sd_m(x, 1, n, row->mean) / sqrt((double) n)
                    : NAN;
    memcpy(work, x, n * sizeof *x);
    gsl_sort(work, 1, n);
    row->p5 = cap_stats_quantile_sorted(work, n, 0.05);
    row->p95 = cap_stats_quantile_sorted(work, n, 0.95);
}

/* The programme-wide measures, in the order written: name and how a
 * trial's value comes from its fields (f - g, or f alone when g < 0). */
typedef struct {
    const char *measure;
    int f, g;
    int case_management_only, demand_reduction_only;
} programme_measure;

static const programme_measure programme_measures[] = {
    { "enrolled_person_years", CAP_IV_ENROLLED, -1, 1, 0 },
    { "programme_cost", CAP_IV_PROGRAMME_COST, -1, 0, 0 },
    { "avoided_events", CAP_IV_AVOIDED_EVENTS, -1, 0, 0 },
    { "true_saving", CAP_IV_AVOIDED_COST, -1, 0, 0 },
    { "cohort_people", CAP_IV_COHORT, -1, 1, 0 },
    { "naive_saving", CAP_IV_COHORT_BEFORE, CAP_IV_COHORT_AFTER, 1, 0 },
    { "cohort_true_saving", CAP_IV_COHORT_AVOIDED, -1, 1, 0 },
    { "planned_saving", CAP_IV_PLANNED_COST, -1, 0, 1 },
    { "shortfall", CAP_IV_PLANNED_COST, CAP_IV_AVOIDED_COST, 0, 1 },
};

/* A trial's value of field f of intervention k under option. */
static double
field(const cap_outcomes *o, size_t trial, size_t opt, size_t k, int f)
{
    return o->interventions[cap_outcomes_iv_at(o, trial, opt, k, f)];
}

/* Rows of intervention k under option opt, appended at rows + *n. */
static void
rows_of(const cap_scenario *sc, const cap_outcomes *o,
        const cap_counterfactuals *cf, size_t k, size_t opt,
        cap_iv_row *rows, size_t *n, double *x, double *y, double *work)
{
    const cap_intervention *iv = &sc->interventions[k];
    size_t sys = cap_ledger_system(sc), trials = o->trials;
    int cm = iv->type == CAP_CASE_MANAGEMENT;

    for (size_t m = 0; m < sizeof programme_measures
                              / sizeof programme_measures[0]; m++) {
        const programme_measure *pm = &programme_measures[m];
        cap_iv_row *row;

        if ((pm->case_management_only && !cm)
            || (pm->demand_reduction_only && cm))
            continue;
        row = &rows[(*n)++];
        for (size_t i = 0; i < trials; i++)
            x[i] = field(o, i, opt, k, pm->f)
                   - (pm->g >= 0 ? field(o, i, opt, k, pm->g) : 0.0);
        *row = (cap_iv_row) { k, opt, sys, pm->measure, 0, 0, 0, 0 };
        describe(row, x, trials, work);
    }
    /* Regression to the mean: naive less the cohort's true saving. */
    if (cm) {
        cap_iv_row *row = &rows[(*n)++];

        for (size_t i = 0; i < trials; i++)
            x[i] = field(o, i, opt, k, CAP_IV_COHORT_BEFORE)
                   - field(o, i, opt, k, CAP_IV_COHORT_AFTER)
                   - field(o, i, opt, k, CAP_IV_COHORT_AVOIDED);
        *row = (cap_iv_row) { k, opt, sys, "regression_to_mean", 0, 0, 0,
                              0 };
        describe(row, x, trials, work);
    }
    for (size_t p = 0; p <= sys; p++) {
        cap_iv_row *row = &rows[(*n)++];

        cap_outcomes_paired_net(cf->without[k], o, opt, p, x, y);
        *row = (cap_iv_row) { k, opt, p, "net_return", 0, 0, 0, 0 };
        describe(row, y, trials, work);
        if (cf->planned[k] == NULL)
            continue;
        row = &rows[(*n)++];
        cap_outcomes_paired_net(cf->planned[k], o, opt, p, x, y);
        *row = (cap_iv_row) { k, opt, p, "shortfall_cost", 0, 0, 0, 0 };
        describe(row, y, trials, work);
    }
}

int
cap_interventions_rows(const cap_scenario *sc, const cap_outcomes *o,
                       const cap_counterfactuals *cf, cap_iv_row **rows,
                       size_t *n, cap_diag *diag)
{
    size_t per = sizeof programme_measures / sizeof programme_measures[0]
                 + 1 + 2 * o->parties;
    size_t cap = cf->n * o->options * per;
    double *x = malloc(3 * o->trials * sizeof *x);

    *n = 0;
    *rows = malloc((cap ? cap : 1) * sizeof **rows);
    if (x == NULL || *rows == NULL) {
        free(x);
        free(*rows);
        *rows = NULL;
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    for (size_t k = 0; k < cf->n; k++)
        for (size_t opt = 0; opt < o->options; opt++)
            rows_of(sc, o, cf, k, opt, *rows, n, x, x + o->trials,
                    x + 2 * o->trials);
    free(x);
    return CAP_OK;
}

void
cap_iv_rows_free(cap_iv_row *rows)
{
    free(rows);
}

int
cap_write_interventions(FILE *f, const cap_scenario *sc,
                        const cap_iv_row *rows, size_t n, cap_diag *diag)
{
    cap_csv_writer w;

    cap_csv_open(&w, f);
    cap_csv_line(&w, "point,intervention,type,option,party,measure,mean,se,"
                     "p5,p95");
    for (size_t i = 0; i < n; i++) {
        const cap_iv_row *r = &rows[i];
        const cap_intervention *iv = &sc->interventions[r->intervention];

        cap_csv_add_integer(&w, 0);   /* point: runs have no sweep */
        cap_csv_add_text(&w, iv->name);
        cap_csv_add_text(&w, iv->type == CAP_CASE_MANAGEMENT
                                 ? "case_management" : "demand_reduction");
        cap_csv_add_text(&w, sc->options[r->option].name);
        cap_csv_add_text(&w, cap_ledger_party_name(sc, r->party));
        cap_csv_add_text(&w, r->measure);
        cap_csv_add_number(&w, r->mean);
        cap_csv_add_number(&w, r->se);
        cap_csv_add_number(&w, r->p5);
        cap_csv_add_number(&w, r->p95);
        cap_csv_end_row(&w);
    }
    return cap_csv_finish(&w, diag);
}
