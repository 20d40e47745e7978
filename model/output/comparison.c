/* comparison.c -- the comparison folder: comparison.csv, then the
 * charts, the manifest (which lists every file before it with its
 * checksum) and the report (which shows the manifest), as a run's
 * folder is written (folder.c).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "capsim/ledger.h"
#include "capsim/results.h"
#include "base/csv_write.h"
#include "output/comparison.h"
#include "output/manifest.h"

static void
add_year(cap_csv_writer *w, int year, int horizon)
{
    cap_csv_add_integer(w, year == CAP_HORIZON ? horizon : year);
    cap_csv_add_label(w, year == CAP_HORIZON ? "horizon" : "annual");
}

static int
row_years(const cap_comparison_request *rq, size_t s)
{
    return rq->points[s].sc->years;
}

int
cap_write_comparison(FILE *f, const cap_comparison_request *rq,
                     cap_diag *diag)
{
    const cap_comparison *c = rq->cmp;
    cap_csv_writer w;

    cap_csv_open(&w, f);
    cap_csv_line(&w, "scenario,scenario_name,scenario_label,option,"
                 "option_label,party,party_label,year,period,metric,value,"
                 "mcse,diff,diff_mcse,diff_mcse_independent,pairing,"
                 "common_draws");
    for (size_t i = 0; i < c->n_rows; i++) {
        const cap_cmp_row *r = &c->rows[i];
        const cap_scenario *sc = rq->points[r->scenario].sc;
        const cap_cmp_pairing *pr = &c->pairing[r->scenario];
        const char *label = cap_scenario_label(sc, "scenario");

        cap_csv_add_integer(&w, (long) r->scenario + 1);
        cap_csv_add_text(&w, sc->name);
        cap_csv_add_text(&w, label ? label : sc->name);
        cap_csv_add_text(&w, sc->options[r->option].name);
        cap_csv_add_text(&w, cap_scenario_option_label(sc, r->option));
        cap_csv_add_text(&w, cap_ledger_party_name(sc, r->party));
        cap_csv_add_text(&w, cap_ledger_party_label(sc, r->party));
        add_year(&w, r->year, row_years(rq, r->scenario));
        cap_csv_add_label(&w, cap_cmp_metric_name(r->metric));
        cap_csv_add_number(&w, r->value.value);
        cap_csv_add_number(&w, r->value.mcse);
        if (r->has_diff) {
            cap_csv_add_number(&w, r->diff.value);
            cap_csv_add_number(&w, r->diff.mcse);
            cap_csv_add_number(&w, r->diff_se_independent);
            cap_csv_add_label(&w, pr->paired ? "paired" : "independent");
            cap_csv_add_label(&w, pr->common_draws ? "yes" : "no");
        } else {
            for (int k = 0; k < 3; k++)
                cap_csv_add_number(&w, NAN);
            cap_csv_add_label(&w, r->scenario == 0 ? "reference" : "");
            cap_csv_add_label(&w, r->scenario == 0 ? "reference" : "");
        }
        cap_csv_end_row(&w);
    }
    return cap_csv_finish(&w, diag);
}

static int
cannot_write(const cap_results *res, const char *name, cap_diag *diag)
{
    return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/%s: %s",
                        res->final_path, name, strerror(errno));
}

/* What the manifest records of a comparison: the command, every
 * scenario (from files run or folders gathered) and its inputs, kept
 * in inputs/.  The first scenario's seed, trials and engine stand for
 * all: a comparison runs every file with the same ones, and
 * comparison.csv says where a gathered folder's differ. */
static void
comparison_info(const cap_results *res, const cap_comparison_request *rq,
                const cap_scenario *const *scenarios,
                const cap_manifest_input *inputs, size_t n_inputs,
                cap_manifest_info *info)
{
    const cap_cmp_input *first = &rq->inputs[0];

    memset(info, 0, sizeof *info);
    info->command = "compare";
    info->argc = rq->argc;
    info->argv = rq->argv;
    info->scenarios = scenarios;
    info->n_scenarios = rq->n;
    info->engine = first->engine;
    info->engine_asked = first->engine;
    info->trials = first->trials;
    info->seed = (unsigned long long) first->seed;
    info->no_plots = rq->no_plots;
    info->threads = omp_get_max_threads();
    info->processes = 1;
    info->started = rq->started ? rq->started : cap_results_clock();
    info->inputs = inputs;
    info->n_inputs = n_inputs;
    info->results_dir = res->tmp_path;
}

/* report.html, before the manifest, which lists its checksum: it shows
 * the manifest's record. */
static int
write_report(const cap_results *res, const cap_comparison_request *rq,
             const cap_plot_files *plots, const char *record,
             cap_diag *diag)
{
    char plots_dir[2400];
    FILE *f = cap_results_open(res, "report.html");
    int status;

    if (f == NULL)
        return cannot_write(res, "report.html", diag);
    snprintf(plots_dir, sizeof plots_dir, "%s/plots", res->tmp_path);
    status = cap_write_comparison_report(f, rq, plots ? plots_dir : NULL,
                                         plots, record);
    return cap_results_close(res, f, "report.html", status, errno, diag);
}

/* inputs/, report.html and manifest.ini, after the table and the
 * charts (the first n_out of outputs, which has room for the inputs
 * and the report): the same discipline as a run's folder. */
static int
write_provenance(const cap_results *res, const cap_comparison_request *rq,
                 const cap_plot_files *plots, const char **outputs,
                 size_t n_out, cap_diag *diag)
{
    const cap_scenario **scenarios = calloc(rq->n, sizeof *scenarios);
    cap_manifest_input *inputs = NULL;
    size_t n_inputs = 0;
    cap_manifest_info info;
    char *record = NULL;
    FILE *f;
    int status;

    if (scenarios == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (size_t s = 0; s < rq->n; s++)
        scenarios[s] = rq->inputs[s].sc;
    status = cap_manifest_store_inputs(res, scenarios, rq->n, &inputs,
                                       &n_inputs, diag);
    if (status == CAP_OK) {
        comparison_info(res, rq, scenarios, inputs, n_inputs, &info);
        for (size_t i = 0; i < n_inputs; i++)
            outputs[n_out++] = inputs[i].stored;
        outputs[n_out] = NULL;
        info.outputs = outputs;
        status = cap_manifest_record_text(&info, &record, diag);
    }
    if (status == CAP_OK)
        status = write_report(res, rq, plots, record, diag);
    if (status == CAP_OK) {
        outputs[n_out++] = "report.html";
        outputs[n_out] = NULL;
        f = cap_results_open(res, "manifest.ini");
        if (f == NULL) {
            status = cannot_write(res, "manifest.ini", diag);
        } else {
            info.finished = cap_results_clock();
            status = cap_write_manifest(f, &info);
            status = cap_results_close(res, f, "manifest.ini", status,
                                       errno, diag);
        }
    }
    free(record);
    free(inputs);
    free(scenarios);
    return status;
}

/* The charts into plots/, their files added to outputs. */
static int
draw_charts(const cap_results *res, const cap_comparison_request *rq,
            cap_plot_files *plots, const char **outputs, size_t *n_out,
            char (*paths)[CAP_PLOT_NAME + 8], cap_diag *diag)
{
    const char *tpl = rq->templates_dir ? rq->templates_dir
                                        : cap_results_templates();
    char dir[2300];
    int status = cap_results_mkdir(res, "plots", diag);

    plots->n = 0;
    snprintf(dir, sizeof dir, "%s/plots", res->tmp_path);
    if (status == CAP_OK)
        status = cap_plot_comparison(dir, tpl, rq, plots, diag);
    for (size_t i = 0; status == CAP_OK && i < plots->n; i++) {
        snprintf(paths[i], sizeof paths[i], "plots/%s", plots->name[i]);
        outputs[(*n_out)++] = paths[i];
    }
    return status;
}

int
cap_comparison_fill(const cap_results *res,
                    const cap_comparison_request *rq, cap_diag *diag)
{
    /* Every file written, for the manifest: the table, the charts,
     * the inputs of every scenario, the report and a NULL. */
    size_t max_out = CAP_PLOT_MAX_FILES + 3;
    const char **outputs;
    char (*paths)[CAP_PLOT_NAME + 8] = NULL;
    cap_plot_files *plots = NULL;
    size_t n_out = 0;
    FILE *f;
    int status;

    for (size_t s = 0; s < rq->n; s++)
        max_out += cap_scenario_sources(rq->inputs[s].sc, NULL, 0);
    outputs = malloc(max_out * sizeof *outputs);
    if (outputs == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    f = cap_results_open(res, "comparison.csv");
    if (f == NULL) {
        free(outputs);
        return cannot_write(res, "comparison.csv", diag);
    }
    status = cap_write_comparison(f, rq, diag);
    status = cap_results_close(res, f, "comparison.csv", status, errno,
                               diag);
    outputs[n_out++] = "comparison.csv";
    if (status == CAP_OK && !rq->no_plots && !cap_plot_available()) {
        if (rq->notice != NULL)
            rq->notice("gnuplot not found; plots skipped", rq->notice_user);
    } else if (status == CAP_OK && !rq->no_plots) {
        plots = malloc(sizeof *plots);
        paths = malloc(CAP_PLOT_MAX_FILES * sizeof *paths);
        if (plots == NULL || paths == NULL)
            status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
        else
            status = draw_charts(res, rq, plots, outputs, &n_out, paths,
                                 diag);
    }
    if (status == CAP_OK)
        status = write_provenance(res, rq, plots, outputs, n_out, diag);
    free(plots);
    free(paths);
    free(outputs);
    return status;
}
