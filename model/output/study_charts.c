/* study_charts.c -- the charts of a study: sweep curves and
 * heatmaps, tornado diagrams of a sensitivity analysis, and the bars
 * of incentives and interventions, each with its CSV beside the images.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "output/plot.h"
#include "capsim/ledger.h"
#include "capsim/study.h"
#include "base/csv_write.h"
#include "output/chart.h"

/* A sweep over one key: each party's mean net against the key, a line
 * per option with a band of two standard errors. */
static void
plot_sweep_curves(plot_ctx *c, const cap_scenario *base,
                  const cap_point *pts, size_t n, size_t party)
{
    const cap_outcomes *o = c->o;
    char stem[CAP_PLOT_NAME];

    snprintf(stem, sizeof stem, "sweep_net_%s",
             cap_ledger_party_name(c->sc, party));
    cap_chart_begin(c, stem);
    cap_chart_common_variables(c);
    cap_chart_put_text(c->gp, "party", cap_ledger_party_name(c->sc, party));
    cap_chart_put_text(c->gp, "key_name", base->sweep.keys[0].name);
    fprintf(c->gp, "$sweep << EOD\n");
    for (size_t opt = 0; opt < o->options; opt++) {
        for (size_t i = 0; i < n; i++) {
            const cap_summary *s = &pts[i].h->s[opt * o->parties + party];

            fprintf(c->gp, "%.10g %.8g %.8g %.8g\n", base->sweep.values[i],
                    s->mean.value / 1e6,
                    (s->mean.value - 2.0 * s->mean.mcse) / 1e6,
                    (s->mean.value + 2.0 * s->mean.mcse) / 1e6);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "sweep.gp");
}

/* A grid over two keys: a map of each party's mean net per option. */
static void
plot_heatmap(plot_ctx *c, const cap_scenario *base, const cap_point *pts,
             size_t n, size_t opt, size_t party)
{
    const cap_sweep *sw = &base->sweep;
    char stem[CAP_PLOT_NAME];

    snprintf(stem, sizeof stem, "heatmap_%s_%s", c->sc->options[opt].name,
             cap_ledger_party_name(c->sc, party));
    cap_chart_begin(c, stem);
    cap_chart_common_variables(c);
    cap_chart_put_text(c->gp, "party", cap_ledger_party_name(c->sc, party));
    cap_chart_put_text(c->gp, "option", c->sc->options[opt].name);
    cap_chart_put_text(c->gp, "key_x", sw->keys[0].name);
    cap_chart_put_text(c->gp, "key_y", sw->keys[1].name);
    fprintf(c->gp, "$grid << EOD\n");
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && sw->values[i * 2] != sw->values[(i - 1) * 2])
            fprintf(c->gp, "\n");
        fprintf(c->gp, "%.10g %.10g %.8g\n", sw->values[i * 2],
                sw->values[i * 2 + 1],
                pts[i].h->s[opt * c->o->parties + party].mean.value
                / 1e6);
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "heatmap.gp");
}

int
cap_plot_sweep(const char *dir, const char *templates,
               const cap_scenario *base, const cap_point *pts, size_t n,
               cap_plot_files *files, cap_diag *diag)
{
    const cap_scenario *sc = pts[0].sc;
    const cap_sweep *sw = &base->sweep;
    size_t sys = cap_ledger_system(sc), np = pts[0].o->parties;
    plot_ctx c;
    FILE *csv;
    int status;

    status = cap_chart_open(&c, dir, templates, sc, pts[0].o, files, diag);
    csv = status == CAP_OK ? cap_chart_open_csv(&c, "sweep.csv", "point")
                           : NULL;
    if (status == CAP_OK && csv == NULL)
        status = cap_chart_csv_fault("sweep.csv", diag);
    if (csv != NULL) {
        for (size_t k = 0; k < sw->n_keys; k++) {
            cap_csv_sep(csv);
            cap_csv_text(csv, sw->keys[k].name);
        }
        fputs(",option,party,mean_net,mean_net_mcse,cost_risk_share,"
              "cost_risk_share_mcse\n", csv);
        for (size_t i = 0; i < n; i++)
            for (size_t opt = 0; opt < sc->n_options; opt++)
                for (size_t p = 0; p < sys; p++) {
                    const cap_horizon *h = pts[i].h;

                    cap_csv_integer(csv, (long) i);
                    for (size_t k = 0; k < sw->n_keys; k++) {
                        cap_csv_sep(csv);
                        cap_csv_number(csv, sw->values[i * sw->n_keys + k]);
                    }
                    cap_csv_sep(csv);
                    cap_csv_text(csv, sc->options[opt].name);
                    cap_csv_sep(csv);
                    cap_csv_text(csv, cap_ledger_party_name(sc, p));
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->s[opt * np + p].mean.value);
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->s[opt * np + p].mean.mcse);
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->share[opt * sys + p]);
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->share_mcse[opt * sys + p]);
                    cap_csv_end(csv);
                }
        status = cap_chart_close_csv(csv, "sweep.csv", status, diag);
    }
    if (status == CAP_OK && sw->n_keys == 1)
        for (size_t p = 0; p < sys; p++)
            plot_sweep_curves(&c, base, pts, n, p);
    if (status == CAP_OK && sw->n_keys == 2 && sw->design == CAP_DESIGN_GRID)
        for (size_t opt = 0; opt < sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++)
                plot_heatmap(&c, base, pts, n, opt, p);
    return cap_chart_close(&c, status, diag);
}

/* Order of a tornado's bars: by |swing|, smallest first (drawn at the
 * bottom). */
typedef struct {
    double swing;
    size_t input;
} bar;

static int
bar_order(const void *a, const void *b)
{
    const bar *x = a, *y = b;

    if (x->swing != y->swing)
        return x->swing < y->swing ? -1 : 1;
    return x->input < y->input ? 1 : x->input > y->input ? -1 : 0;
}

int
cap_plot_tornado(const char *dir, const char *templates,
                 const cap_scenario *base, const cap_tornado *t,
                 cap_plot_files *files, cap_diag *diag)
{
    size_t party = base->sensitivity.party;
    bar *bars = malloc((t->n_inputs + 1) * sizeof *bars);
    plot_ctx c;
    FILE *csv = NULL;
    int status;

    if (bars == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = cap_chart_open(&c, dir, templates, base, NULL, files, diag);
    if (status == CAP_OK) {
        csv = cap_chart_open_csv(&c, "tornado_chart.csv", "option,party,"
                                 "input,low_value,high_value,"
                                 "change_at_low,change_at_high\n");
        if (csv == NULL)
            status = cap_chart_csv_fault("tornado_chart.csv", diag);
    }
    for (size_t opt = 0; opt < t->options && status == CAP_OK; opt++) {
        size_t mid = opt * t->parties + party;
        char stem[CAP_PLOT_NAME];

        for (size_t i = 0; i < t->n_inputs; i++) {
            size_t at = i * t->options * t->parties + mid;

            bars[i].swing = fabs(t->net_high[at] - t->net_low[at]);
            bars[i].input = i;
        }
        qsort(bars, t->n_inputs, sizeof *bars, bar_order);
        for (size_t r = t->n_inputs; r-- > 0;) {
            size_t i = bars[r].input;
            size_t at = i * t->options * t->parties + mid;

            cap_csv_text(csv, base->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, cap_ledger_party_name(base, party));
            cap_csv_sep(csv);
            cap_csv_text(csv, base->sensitivity.inputs[i].name);
            cap_csv_sep(csv);
            cap_csv_number(csv, base->sensitivity.inputs[i].low);
            cap_csv_sep(csv);
            cap_csv_number(csv, base->sensitivity.inputs[i].high);
            cap_csv_sep(csv);
            cap_csv_number(csv, t->net_low[at] - t->net_mid[mid]);
            cap_csv_sep(csv);
            cap_csv_number(csv, t->net_high[at] - t->net_mid[mid]);
            cap_csv_end(csv);
        }
        snprintf(stem, sizeof stem, "tornado_%s", base->options[opt].name);
        size_t longest = 0;

        for (size_t i = 0; i < t->n_inputs; i++) {
            char label[300];
            int len = snprintf(label, sizeof label, "%s (%.4g to %.4g)",
                               base->sensitivity.inputs[i].name,
                               base->sensitivity.inputs[i].low,
                               base->sensitivity.inputs[i].high);

            if (len > 0 && (size_t) len > longest)
                longest = (size_t) len;
        }
        cap_chart_begin(&c, stem);
        cap_chart_put_text(c.gp, "scenario", base->name);
        cap_chart_put_text(c.gp, "party", cap_ledger_party_name(base, party));
        cap_chart_put_text(c.gp, "option", base->options[opt].name);
        fprintf(c.gp, "mid = %.8g\nninputs = %zu\nlongest = %zu\n"
                "$bars << EOD\n", t->net_mid[mid] / 1e6, t->n_inputs,
                longest);
        for (size_t r = 0; r < t->n_inputs; r++) {
            size_t i = bars[r].input;
            size_t at = i * t->options * t->parties + mid;

            fprintf(c.gp, "%zu \"%s (%.4g to %.4g)\" %.8g %.8g\n", r,
                    base->sensitivity.inputs[i].name,
                    base->sensitivity.inputs[i].low,
                    base->sensitivity.inputs[i].high,
                    (t->net_low[at] - t->net_mid[mid]) / 1e6,
                    (t->net_high[at] - t->net_mid[mid]) / 1e6);
        }
        fprintf(c.gp, "EOD\n");
        cap_chart_end(&c, "tornado.gp");
    }
    status = cap_chart_close_csv(csv, "tornado_chart.csv", status, diag);
    free(bars);
    return cap_chart_close(&c, status, diag);
}

/* Bars per option and party: the datablock $gains (a header row, then
 * per option each of the first np parties' value and two standard
 * errors) into the chart's data, and value and se into csv (already
 * headed "option"). */
static void
party_bars(plot_ctx *c, FILE *csv, size_t np, const double *value,
           const double *se)
{
    const cap_scenario *sc = c->sc;

    for (size_t p = 0; p < np; p++) {
        char se_name[CAP_PLOT_NAME];

        snprintf(se_name, sizeof se_name, "%s_se",
                 cap_ledger_party_name(sc, p));
        cap_csv_sep(csv);
        cap_csv_text(csv, cap_ledger_party_name(sc, p));
        cap_csv_sep(csv);
        cap_csv_text(csv, se_name);
    }
    cap_csv_end(csv);
    fprintf(c->gp, "nparties = %zu\nnoptions = %zu\n$gains << EOD\noption",
            np, sc->n_options);
    for (size_t p = 0; p < np; p++)
        fprintf(c->gp, " %s %s_se", cap_ledger_party_name(sc, p),
                cap_ledger_party_name(sc, p));
    fprintf(c->gp, "\n");
    for (size_t opt = 0; opt < sc->n_options; opt++) {
        fprintf(c->gp, "%s", sc->options[opt].name);
        cap_csv_text(csv, sc->options[opt].name);
        for (size_t p = 0; p < np; p++) {
            size_t at = opt * np + p;

            fprintf(c->gp, " %.6g %.6g", value[at], 2.0 * se[at]);
            fprintf(csv, ",%.6g,%.6g", value[at], se[at]);
        }
        fprintf(c->gp, "\n");
        cap_csv_end(csv);
    }
    fprintf(c->gp, "EOD\n");
}

int
cap_plot_incentives(const char *dir, const char *templates,
                    const cap_scenario *sc, const cap_incentives *in,
                    cap_plot_files *files, cap_diag *diag)
{
    size_t sys = cap_ledger_system(sc), np = in->parties;
    double *value = malloc(sc->n_options * sys * sizeof *value);
    double *se = malloc(sc->n_options * sys * sizeof *se);
    plot_ctx c;
    FILE *csv = NULL;
    int status = cap_chart_open(&c, dir, templates, sc, NULL, files, diag);

    if (status == CAP_OK && (value == NULL || se == NULL))
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    if (status == CAP_OK) {
        csv = cap_chart_open_csv(&c, "incentives_chart.csv", "option");
        if (csv == NULL)
            status = cap_chart_csv_fault("incentives_chart.csv", diag);
    }
    if (status == CAP_OK) {
        for (size_t opt = 0; opt < sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++) {
                value[opt * sys + p] = in->per_event[opt * np + p];
                se[opt * sys + p] = in->se[opt * np + p];
            }
        cap_chart_begin(&c, "incentives");
        cap_chart_put_text(c.gp, "scenario", sc->name);
        cap_chart_put_text(c.gp, "service",
                           sc->services[sc->incentives.service].name);
        party_bars(&c, csv, sys, value, se);
        cap_chart_end(&c, "incentives.gp");
    }
    status = cap_chart_close_csv(csv, "incentives_chart.csv", status, diag);
    free(value);
    free(se);
    return cap_chart_close(&c, status, diag);
}

int
cap_plot_interventions(const char *dir, const char *templates,
                       const cap_scenario *sc, const cap_iv_row *rows,
                       size_t n_rows, cap_plot_files *files, cap_diag *diag)
{
    size_t np = cap_ledger_parties(sc);
    double *value = calloc(sc->n_options * np, sizeof *value);
    double *se = calloc(sc->n_options * np, sizeof *se);
    plot_ctx c;
    int status = cap_chart_open(&c, dir, templates, sc, NULL, files, diag);

    if (status == CAP_OK && (value == NULL || se == NULL))
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (size_t k = 0; k < sc->n_interventions && status == CAP_OK; k++) {
        const cap_intervention *iv = &sc->interventions[k];
        char stem[CAP_PLOT_NAME], name[CAP_PLOT_NAME + 8];
        FILE *csv;

        for (size_t i = 0; i < n_rows; i++)
            if (rows[i].intervention == k
                && strcmp(rows[i].measure, "net_return") == 0) {
                value[rows[i].option * np + rows[i].party] = rows[i].mean;
                se[rows[i].option * np + rows[i].party] = rows[i].se;
            }
        snprintf(stem, sizeof stem, "intervention_%s", iv->name);
        snprintf(name, sizeof name, "%s.csv", stem);
        csv = cap_chart_open_csv(&c, name, "option");
        if (csv == NULL) {
            status = cap_chart_csv_fault(name, diag);
            break;
        }
        cap_chart_begin(&c, stem);
        cap_chart_put_text(c.gp, "scenario", sc->name);
        cap_chart_put_text(c.gp, "intervention", iv->name);
        party_bars(&c, csv, np, value, se);
        cap_chart_end(&c, "intervention.gp");
        status = cap_chart_close_csv(csv, name, status, diag);
    }
    free(value);
    free(se);
    return cap_chart_close(&c, status, diag);
}
