/* folder.c -- what goes into a results folder, and in which order:
 * the tables, the charts, the inputs (inputs/), the report (which shows
 * the manifest's record of the run and the checksums of every file
 * before it), then the manifest (which lists every file with its
 * checksum).  The interface and an example are in capsim/results.h.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <omp.h>
#include "scenario/engine.h"
#include "output/manifest.h"
#include "output/names.h"
#include "output/xlsx.h"
#include "capsim/output.h"
#include "output/plot.h"
#include "output/report.h"
#include "capsim/results.h"
#include "base/parse.h"
#include "sim/ranks.h"

const char *
cap_results_templates(void)
{
    const char *env = getenv("CAPSIM_PLOTS_DIR");

    return env && env[0] ? env : CAPSIM_DATADIR "/plots";
}

time_t
cap_results_clock(void)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    uint64_t t;

    /* Up to the end of year 9999, for four-digit years. */
    if (env != NULL && cap_parse_u64(env, &t) == 0 && t <= 253402300799u
        && (uint64_t) (time_t) t == t)
        return (time_t) t;
    return time(NULL);
}

static int
cannot_write(const cap_results *res, const char *name, cap_diag *diag)
{
    return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/%s: %s",
                        res->final_path, name, strerror(errno));
}

/* The tables of the results folder, in order. */
enum { T_SUMMARY, T_RISK, T_CONC, T_TRIALS, T_INPUTS, T_POINTS, T_TORNADO,
       T_IMPORTANCE, T_INCENTIVES, T_INTERVENTIONS, T_DECISION, T_NAMES,
       T_WATERFALL, N_TABLES };
static const char *const table_name[N_TABLES] = {
    "summary.csv", "risk_transfer.csv", "concentration.csv", "trials.csv",
    "inputs.csv", "points.csv", "tornado.csv", "importance.csv",
    "incentives.csv", "interventions.csv", "decision.csv", "names.csv",
    "waterfall.csv"
};

static int
table_wanted(int t, const cap_results_request *rq)
{
    const cap_scenario *first = rq->points[0].sc;

    switch (t) {
    case T_TRIALS: return rq->keep_trials;
    case T_INPUTS: return rq->keep_trials && first->n_inputs > 0;
    case T_POINTS: return rq->scenario->sweep.design != CAP_DESIGN_NONE;
    case T_TORNADO: return rq->tornado != NULL;
    case T_IMPORTANCE: return rq->tornado != NULL && first->n_inputs > 0;
    case T_INCENTIVES: return rq->incentives != NULL;
    case T_INTERVENTIONS: return rq->iv_rows != NULL;
    case T_DECISION: return rq->points[0].decision != NULL;
    case T_WATERFALL: return rq->waterfall != NULL;
    default: return 1;
    }
}

/* Write table t: the per-point tables hold every point's rows. */
static int
write_table(FILE *f, int t, const cap_results_request *rq, cap_diag *diag)
{
    int status = CAP_OK;

    switch (t) {
    case T_POINTS: return cap_write_points(f, rq->scenario, diag);
    case T_TORNADO: return cap_write_tornado(f, rq->scenario, rq->tornado,
                                             diag);
    case T_IMPORTANCE:
        return cap_write_importance(f, rq->points[0].sc, rq->points[0].o,
                                    diag);
    case T_INCENTIVES:
        return cap_write_incentives(f, rq->scenario, rq->incentives, diag);
    case T_INTERVENTIONS:
        return cap_write_interventions(f, rq->scenario, rq->iv_rows,
                                       rq->n_iv_rows, diag);
    case T_DECISION:
        return cap_write_decision(f, rq->points, rq->n_points, diag);
    case T_NAMES: return cap_write_names(f, rq->scenario, diag);
    case T_WATERFALL:
        return cap_write_waterfall(f, rq->scenario, rq->waterfall, diag);
    }
    for (size_t i = 0; i < rq->n_points && status == CAP_OK; i++) {
        const cap_scenario *sc = rq->points[i].sc;
        const cap_outcomes *o = rq->points[i].o;
        cap_header hd = i == 0 ? CAP_HEADER_WRITE : CAP_HEADER_SKIP;

        switch (t) {
        case T_SUMMARY: status = cap_write_summary(f, sc, o, hd, diag);
            break;
        case T_RISK: status = cap_write_risk_transfer(f, sc, o, hd, diag);
            break;
        case T_CONC: status = cap_write_concentration(f, o, hd, diag);
            break;
        case T_TRIALS: status = cap_write_trials(f, sc, o, hd, diag); break;
        default: status = cap_write_inputs(f, sc, o, hd, diag); break;
        }
    }
    return status;
}

/* Write the tables wanted, adding their names to outputs. */
static int
write_tables(const cap_results *res, const cap_results_request *rq,
             const char **outputs, size_t *n_out, cap_diag *diag)
{
    for (int t = 0; t < N_TABLES; t++) {
        FILE *f;
        int status;

        if (!table_wanted(t, rq))
            continue;
        f = cap_results_open(res, table_name[t]);
        if (f == NULL)
            return cannot_write(res, table_name[t], diag);
        status = write_table(f, t, rq, diag);
        status = cap_results_close(res, f, table_name[t], status, errno,
                                   diag);
        if (status != CAP_OK)
            return status;
        outputs[(*n_out)++] = table_name[t];
    }
    return CAP_OK;
}

/* The creation time stored in results.xlsx.  The workbook, like the
 * tables, must be the same bytes for the same scenario, seed and trials
 * (on any number of threads or processes), so its time is fixed: the
 * start of 1980, the date its zip entries carry, unless
 * SOURCE_DATE_EPOCH sets the run's clock, which it then shows.  When
 * the run really happened is the manifest's. */
static time_t
workbook_time(const cap_results_request *rq)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");

    if (env == NULL || env[0] == '\0')
        return (time_t) 315532800;    /* 1980-01-01T00:00:00Z */
    return rq->started ? rq->started : cap_results_clock();
}

/* results.xlsx: the headline and the tables written so far (the first
 * n_out of outputs), added to outputs.  Without libxlsxwriter, a notice
 * and no workbook. */
static int
write_workbook(const cap_results *res, const cap_results_request *rq,
               const char **outputs, size_t *n_out, cap_diag *diag)
{
    static const char name[] = "results.xlsx";
    const char *tables[N_TABLES + 1];
    char path[2400];
    cap_xlsx_input in;
    int status;

    if (!cap_xlsx_available()) {
        if (rq->notice != NULL)
            rq->notice("built without libxlsxwriter; results.xlsx not "
                       "written", rq->notice_user);
        return CAP_OK;
    }
    for (size_t i = 0; i < *n_out; i++)
        tables[i] = outputs[i];
    tables[*n_out] = NULL;
    memset(&in, 0, sizeof in);
    in.scenario = rq->scenario;
    in.points = rq->points;
    in.n_points = rq->n_points;
    in.dir = res->tmp_path;
    in.tables = tables;
    in.created = workbook_time(rq);
    in.notice = rq->notice;
    in.notice_user = rq->notice_user;
    snprintf(path, sizeof path, "%s/%s", res->tmp_path, name);
    status = cap_write_xlsx(path, &in, diag);
    if (status != CAP_OK)
        return status;
    outputs[(*n_out)++] = name;
    return CAP_OK;
}

/* Draw the charts into plots/: a single point's run charts (and a
 * tornado's, the incentives' and the interventions'), or a sweep's
 * curves and maps; then the waterfall's.  *shown is how many of the
 * files listed the report shows: all but the waterfall's, whose report
 * section is a table (a board paper has four pages). */
static int
draw_charts(const cap_results *res, const cap_results_request *rq,
            cap_plot_files *plots, size_t *shown, cap_diag *diag)
{
    const char *tpl = rq->templates_dir ? rq->templates_dir
                                        : cap_results_templates();
    const cap_scenario *base = rq->scenario;
    const cap_point *first = &rq->points[0];
    char dir[2300];
    int status;

    plots->n = 0;
    *shown = 0;
    status = cap_results_mkdir(res, "plots", diag);
    if (status != CAP_OK)
        return status;
    snprintf(dir, sizeof dir, "%s/plots", res->tmp_path);
    if (rq->n_points > 1) {
        status = cap_plot_sweep(dir, tpl, base, rq->points, rq->n_points,
                                plots, diag);
        *shown = plots->n;
        return status;
    }
    status = cap_plot_run(dir, tpl, first->sc, first->o, first->h, plots,
                          diag);
    if (status == CAP_OK && rq->tornado != NULL)
        status = cap_plot_tornado(dir, tpl, base, rq->tornado, plots, diag);
    if (status == CAP_OK && rq->incentives != NULL)
        status = cap_plot_incentives(dir, tpl, base, rq->incentives, plots,
                                     diag);
    if (status == CAP_OK && rq->iv_rows != NULL)
        status = cap_plot_interventions(dir, tpl, base, rq->iv_rows,
                                        rq->n_iv_rows, plots, diag);
    *shown = plots->n;
    if (status == CAP_OK && rq->waterfall != NULL)
        status = cap_plot_waterfall(dir, tpl, base, rq->waterfall,
                                    first->decision != NULL
                                    && first->decision->closest >= 0
                                    ? (size_t) first->decision->closest : 0,
                                    plots, diag);
    return status;
}

/* The manifest's account of the run: what was simulated and how, and
 * the files it was read from (kept in inputs/). */
static int
run_info(const cap_results *res, const cap_results_request *rq,
         const cap_manifest_input *inputs, size_t n_inputs,
         cap_manifest_info *info, cap_diag *diag)
{
    const cap_sim_config *cfg = rq->config;
    cap_engine engine;
    int status = cap_engine_choose(rq->scenario, cfg->engine, &engine,
                                   diag);

    memset(info, 0, sizeof *info);
    info->command = rq->command ? rq->command : "run";
    info->argc = rq->argv ? rq->argc : 0;
    info->argv = rq->argv;
    info->scenarios = &rq->scenario;
    info->n_scenarios = 1;
    info->engine = cap_engine_name(engine);
    info->engine_asked = cap_engine_name(cfg->engine);
    info->trials = cfg->trials;
    info->seed = (unsigned long long) cfg->seed;
    info->keep_trials = rq->keep_trials;
    info->no_plots = rq->no_plots;
    info->waterfall = rq->waterfall != NULL;
    info->threads = cfg->threads ? cfg->threads : omp_get_max_threads();
    info->processes = cap_ranks_count();
    info->started = rq->started ? rq->started : cap_results_clock();
    info->inputs = inputs;
    info->n_inputs = n_inputs;
    info->results_dir = res->tmp_path;
    return status;
}

/* manifest.ini, last: it holds every other output's checksum. */
static int
write_manifest(const cap_results *res, cap_manifest_info *info,
               cap_diag *diag)
{
    FILE *f = cap_results_open(res, "manifest.ini");
    int status;

    if (f == NULL)
        return cannot_write(res, "manifest.ini", diag);
    info->finished = cap_results_clock();
    status = cap_write_manifest(f, info);
    return cap_results_close(res, f, "manifest.ini", status, errno, diag);
}

/* report.html, before the manifest: it shows the manifest's record,
 * which holds nothing that varies with the threads, the processes, the
 * folder or the time the run finished, so that the report is the same
 * bytes wherever the run is repeated, and the manifest lists its
 * checksum. */
static int
write_report(const cap_results *res, const cap_results_request *rq,
             cap_plot_files *plots, size_t shown, const char *record,
             time_t started, cap_diag *diag)
{
    char plots_dir[2400];
    FILE *f = cap_results_open(res, "report.html");
    cap_report_input in;
    int status;

    if (f == NULL)
        return cannot_write(res, "report.html", diag);
    snprintf(plots_dir, sizeof plots_dir, "%s/plots", res->tmp_path);
    memset(&in, 0, sizeof in);
    in.base = rq->scenario;
    in.points = rq->points;
    in.n_points = rq->n_points;
    in.tornado = rq->tornado;
    in.plots_dir = plots ? plots_dir : NULL;
    if (plots != NULL)
        plots->n = shown;     /* outputs already lists them all */
    in.charts = plots;
    in.record = record;
    in.started = started;
    in.iv_rows = rq->iv_rows;
    in.n_iv_rows = rq->n_iv_rows;
    in.waterfall = rq->waterfall;
    status = cap_write_report(f, &in);
    return cap_results_close(res, f, "report.html", status, errno, diag);
}

/* The inputs, the report and the manifest, after the tables and the
 * charts (the first n_out of outputs, which has room for the inputs and
 * the report; the report shows the first `shown` charts of plots). */
static int
write_provenance(const cap_results *res, const cap_results_request *rq,
                 cap_plot_files *plots, size_t shown, const char **outputs,
                 size_t n_out, cap_diag *diag)
{
    cap_manifest_input *inputs = NULL;
    size_t n_inputs = 0;
    cap_manifest_info info;
    char *record = NULL;
    int status = cap_manifest_store_inputs(res, &rq->scenario, 1, &inputs,
                                           &n_inputs, diag);

    if (status == CAP_OK)
        status = run_info(res, rq, inputs, n_inputs, &info, diag);
    for (size_t i = 0; status == CAP_OK && i < n_inputs; i++)
        outputs[n_out++] = inputs[i].stored;
    outputs[n_out] = NULL;
    info.outputs = outputs;
    if (status == CAP_OK)
        status = cap_manifest_record_text(&info, &record, diag);
    if (status == CAP_OK)
        status = write_report(res, rq, plots, shown, record, info.started,
                              diag);
    if (status == CAP_OK) {
        outputs[n_out++] = "report.html";
        outputs[n_out] = NULL;
        status = write_manifest(res, &info, diag);
    }
    free(record);
    free(inputs);
    return status;
}

int
cap_results_fill(const cap_results *res, const cap_results_request *rq,
                 cap_diag *diag)
{
    /* Every file written, for the manifest: the tables, the workbook,
     * the charts, then room for the inputs and the report. */
    const size_t max_out = N_TABLES + 1 + CAP_PLOT_MAX_FILES;
    const char **outputs = NULL;
    char (*plot_paths)[CAP_PLOT_NAME + 8] = NULL;
    cap_plot_files *plots = NULL;
    size_t n_out = 0, shown = 0;
    int status;

    if (rq->scenario == NULL || rq->points == NULL || rq->n_points == 0
        || rq->config == NULL)
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "a results folder "
                            "needs a scenario, its run points and their "
                            "settings");
    outputs = malloc((max_out + 2 + cap_scenario_sources(rq->scenario,
                                                         NULL, 0))
                     * sizeof *outputs);
    if (outputs == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = write_tables(res, rq, outputs, &n_out, diag);
    if (status == CAP_OK)
        status = write_workbook(res, rq, outputs, &n_out, diag);
    if (status == CAP_OK && !rq->no_plots && !cap_plot_available()) {
        if (rq->notice != NULL)
            rq->notice("gnuplot not found; plots skipped", rq->notice_user);
    } else if (status == CAP_OK && !rq->no_plots) {
        plots = malloc(sizeof *plots);
        plot_paths = malloc(CAP_PLOT_MAX_FILES * sizeof *plot_paths);
        if (plots == NULL || plot_paths == NULL)
            status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
        else
            status = draw_charts(res, rq, plots, &shown, diag);
        for (size_t i = 0; status == CAP_OK && i < plots->n
             && n_out < max_out; i++) {
            snprintf(plot_paths[i], sizeof plot_paths[i], "plots/%s",
                     plots->name[i]);
            outputs[n_out++] = plot_paths[i];
        }
    }
    if (status == CAP_OK)
        status = write_provenance(res, rq, plots, shown, outputs, n_out,
                                  diag);
    free(plots);
    free(plot_paths);
    free(outputs);
    return status;
}

int
cap_results_start(cap_results *r, const char *dir, const cap_scenario *sc,
                  cap_replace force, cap_diag *diag)
{
    /* force never replaces a folder that holds an input: the scenario,
     * its bases, its practices CSV. */
    cap_scenario_source src[CAP_RESULTS_INPUTS];
    const char *inputs[CAP_RESULTS_INPUTS + 1];
    size_t n = cap_scenario_sources(sc, src, CAP_RESULTS_INPUTS);

    if (n > CAP_RESULTS_INPUTS)
        n = CAP_RESULTS_INPUTS;
    for (size_t i = 0; i < n; i++)
        inputs[i] = src[i].path;
    inputs[n] = NULL;
    return cap_results_begin(r, dir, force, inputs, diag);
}

int
cap_results_write(const char *dir, const cap_results_request *what,
                  cap_diag *diag)
{
    cap_results *res;
    int status;

    if (what->scenario == NULL)
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "a results folder "
                            "needs a scenario");
    /* A few kilobytes of paths: on the heap, not the caller's stack. */
    res = malloc(sizeof *res);
    if (res == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = cap_results_start(res, dir, what->scenario, what->force, diag);
    if (status != CAP_OK) {
        free(res);
        return status;
    }
    status = cap_results_fill(res, what, diag);
    if (status == CAP_OK)
        status = cap_results_commit(res, diag);
    else
        cap_results_abort(res);
    free(res);
    return status;
}
