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

/* manifest.ini: the run's manifest for the first scenario (the same
 * writer as a run's), then what a comparison adds: the command, and for
 * every scenario what it was run with and the checksum of every file
 * it was read from.  One function, so the manifest can change in one
 * place. */
static int
write_manifest(const cap_results *res, const cap_comparison_request *rq,
               const char *const *outputs, cap_diag *diag)
{
    const cap_cmp_input *first = &rq->inputs[0];
    cap_manifest_info info;
    FILE *f = cap_results_open(res, "manifest.ini");
    int status;

    if (f == NULL)
        return cannot_write(res, "manifest.ini", diag);
    memset(&info, 0, sizeof info);
    info.engine = first->engine;
    info.trials = first->trials;
    info.seed = (unsigned long long) first->seed;
    info.threads = omp_get_max_threads();
    info.started = rq->started ? rq->started : cap_results_clock();
    info.finished = cap_results_clock();
    info.outputs = outputs;
    info.results_dir = res->tmp_path;
    status = cap_write_manifest(f, rq->points[0].sc, &info);
    if (status == CAP_OK) {
        fprintf(f, "\n[compare]\ncommand =");
        for (int i = 0; i < rq->argc; i++)
            fprintf(f, " %s", rq->argv[i]);
        fprintf(f, "\nscenarios = %zu\n", rq->n);
        for (size_t s = 0; s < rq->n; s++) {
            const cap_cmp_input *in = &rq->inputs[s];
            cap_scenario_source src[16];
            size_t ns = cap_scenario_sources(in->sc, src, 16);

            fprintf(f, "\n[compare.%zu]\ngiven = %s\nscenario_name = %s\n"
                    "%s\nseed = %llu\ntrials = %ld\nengine = %s\n", s + 1,
                    rq->operand[s], in->sc->name,
                    rq->points[s].o == NULL && in->table != NULL
                    ? "source = results folder (summary.csv)"
                    : cap_comparison_is_folder(rq->operand[s])
                    ? "source = results folder (trials.csv)"
                    : "source = run", (unsigned long long) in->seed,
                    in->trials, in->engine);
            for (size_t k = 0; k < ns && k < 16; k++)
                fprintf(f, "%s = %s\n%s_sha256 = %s\n", src[k].role,
                        src[k].path, src[k].role, src[k].sha256);
        }
        fprintf(f, "\n[other_outputs]\n; written with or after this "
                "list, so without a checksum\nmanifest.ini = this file\n"
                "report.html = shows this manifest\n");
    }
    return cap_results_close(res, f, "manifest.ini", status, errno, diag);
}

static int
write_report(const cap_results *res, const cap_comparison_request *rq,
             const cap_plot_files *plots, cap_diag *diag)
{
    char plots_dir[2400], manifest[2400];
    FILE *f = cap_results_open(res, "report.html");
    int status;

    if (f == NULL)
        return cannot_write(res, "report.html", diag);
    snprintf(plots_dir, sizeof plots_dir, "%s/plots", res->tmp_path);
    snprintf(manifest, sizeof manifest, "%s/manifest.ini", res->tmp_path);
    status = cap_write_comparison_report(f, rq, plots ? plots_dir : NULL,
                                         plots, manifest);
    return cap_results_close(res, f, "report.html", status, errno, diag);
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
    const char *outputs[CAP_PLOT_MAX_FILES + 2];
    char (*paths)[CAP_PLOT_NAME + 8] = NULL;
    cap_plot_files *plots = NULL;
    size_t n_out = 0;
    FILE *f = cap_results_open(res, "comparison.csv");
    int status;

    if (f == NULL)
        return cannot_write(res, "comparison.csv", diag);
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
    if (status == CAP_OK) {
        outputs[n_out] = NULL;
        status = write_manifest(res, rq, outputs, diag);
    }
    if (status == CAP_OK)
        status = write_report(res, rq, plots, diag);
    free(plots);
    free(paths);
    return status;
}
