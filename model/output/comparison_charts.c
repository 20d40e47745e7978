/* comparison_charts.c -- the charts of a comparison: per party, the
 * expected net per year and the chance of a deficit in the worst year
 * under each option, a bar per scenario with its error bar
 * (compare_bars.gp); who carries the cost risk under the chosen option
 * in each scenario (risk_transfer.gp's stacked shares, a bar per
 * scenario); and, per party, the spread of the chosen option's net in
 * each scenario (net_distribution.gp, a curve per scenario).
 *
 * Colours follow the scenarios (the Okabe-Ito palette of chart.c), and
 * every name shown is a label, not an identifier.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/ledger.h"
#include "base/csv_write.h"
#include "base/kde.h"
#include "base/money.h"
#include "output/chart.h"
#include "output/comparison.h"

#define GRID 200

/* The scenarios as the series of a chart: their names (numbered, since
 * two may share a title) and colours, as the templates' option_names
 * and option_colours (net_distribution.gp, risk_transfer.gp) and
 * scenario_names and scenario_colours (compare_bars.gp). */
static void
put_scenarios(plot_ctx *c, const cap_comparison_request *rq)
{
    fprintf(c->gp, "nscenarios = %zu\nnoptions = %zu\n"
            "array scenario_names[%zu]\narray scenario_colours[%zu]\n"
            "array option_names[%zu]\narray option_colours[%zu]\n", rq->n,
            rq->n, rq->n, rq->n, rq->n, rq->n);
    for (size_t s = 0; s < rq->n; s++) {
        char name[200];

        const char *title = cap_cmp_title(rq->points[s].sc);
        int shared = 0;

        /* Two scenarios of one title are told apart by their names. */
        for (size_t t = 0; t < rq->n; t++)
            shared |= t != s
                      && strcmp(title, cap_cmp_title(rq->points[t].sc)) == 0;
        if (shared)
            snprintf(name, sizeof name, "%zu. %s (%s)", s + 1, title,
                     rq->points[s].sc->name);
        else
            snprintf(name, sizeof name, "%zu. %s", s + 1, title);
        cap_chart_put_text_at(c->gp, "scenario_names", s + 1, name);
        cap_chart_put_text_at(c->gp, "option_names", s + 1, name);
        cap_chart_put_text_at(c->gp, "scenario_colours", s + 1,
                              cap_chart_option_colour(s));
        cap_chart_put_text_at(c->gp, "option_colours", s + 1,
                              cap_chart_option_colour(s));
    }
}

/* Scenario s's horizon row for the first scenario's option opt and
 * party, metric m, or NULL. */
static const cap_cmp_row *
find_row(const cap_comparison_request *rq, size_t s, size_t opt,
         size_t party, cap_cmp_metric m)
{
    const cap_scenario *ref = rq->points[0].sc;

    return cap_cmp_find_row(rq->cmp, rq->inputs, s, ref->options[opt].name,
                            cap_ledger_party_name(ref, party), CAP_HORIZON,
                            m);
}

/* A party's bars: the expected net per year (percent 0) or P(deficit in
 * the worst year) (percent 1), per option of the first scenario. */
static void
plot_bars(plot_ctx *c, const cap_comparison_request *rq, size_t party,
          int percent, FILE *csv)
{
    const cap_scenario *ref = rq->points[0].sc;
    const char *pn = cap_ledger_party_name(ref, party);
    const char *pl = cap_ledger_party_label(ref, party);
    cap_cmp_metric m = percent ? CAP_CMP_PROB_DEFICIT_WORST_YEAR
                               : CAP_CMP_EXPECTED_NET;
    char stem[CAP_PLOT_NAME], text[300], unit[32];

    snprintf(stem, sizeof stem, "compare_%s_%s",
             percent ? "deficit" : "net", pn);
    cap_chart_begin(c, stem);
    if (percent)
        cap_chart_caption(c, "The chance that %s is in deficit in its "
                          "worst year, under each option, a bar per "
                          "scenario; error bars are 95%% Monte Carlo "
                          "intervals.", pl);
    else
        cap_chart_caption(c, "What %s can expect each year on average "
                          "(net, above 0 a surplus) under each option, a "
                          "bar per scenario; error bars are 95%% Monte "
                          "Carlo intervals.", pl);
    snprintf(text, sizeof text, "%s: %s by scenario", pl,
             percent ? "chance of a deficit in the worst year"
                     : "expected net per year");
    cap_chart_put_text(c->gp, "title_text", text);
    snprintf(text, sizeof text, "%s", percent ? "P(deficit in the worst "
             "year)" : "expected net per year, ");
    if (!percent)
        strncat(text, cap_chart_money_unit(ref, unit, sizeof unit),
                sizeof text - strlen(text) - 1);
    cap_chart_put_text(c->gp, "ylabel_text", text);
    fprintf(c->gp, "percent = %d\n", percent);
    put_scenarios(c, rq);
    /* Bars stand on 0, so the axis holds 0 and every error bar. */
    {
        double lo = 0.0, hi = 0.0, scale = percent ? 100.0 : 1.0, pad;

        for (size_t opt = 0; opt < ref->n_options; opt++)
            for (size_t s = 0; s < rq->n; s++) {
                const cap_cmp_row *r = find_row(rq, s, opt, party, m);
                double k = percent ? 1.0 : 1e6 * rq->points[s].sc->years;
                double se = r && !isnan(r->value.mcse) ? r->value.mcse : 0;

                if (r == NULL || isnan(r->value.value))
                    continue;
                lo = fmin(lo, scale * (r->value.value - 1.96 * se) / k);
                hi = fmax(hi, scale * (r->value.value + 1.96 * se) / k);
            }
        pad = 0.06 * (hi - lo) + (hi == lo ? 1.0 : 0.0);
        fprintf(c->gp, "ymin = %.9g\nymax = %.9g\n", lo < 0 ? lo - pad : 0.0,
                hi > 0 ? hi + pad : 0.0);
    }
    fprintf(c->gp, "$bars << EOD\n");
    for (size_t opt = 0; opt < ref->n_options; opt++) {
        cap_chart_put_data_text(c->gp, cap_scenario_option_label(ref, opt));
        for (size_t s = 0; s < rq->n; s++) {
            const cap_cmp_row *r = find_row(rq, s, opt, party, m);
            double k = percent ? 1.0 : 1e6 * rq->points[s].sc->years;
            double v = r ? r->value.value / k : NAN;
            double se = r && !isnan(r->value.mcse) ? r->value.mcse / k
                                                    : 0.0;

            fprintf(c->gp, " %.9g %.9g", v, se);
            cap_csv_text(csv, rq->points[s].sc->name);
            fprintf(csv, ",%zu,", s + 1);
            cap_csv_text(csv, ref->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, pn);
            fprintf(csv, ",%s,", cap_cmp_metric_name(m));
            cap_csv_number(csv, r ? r->value.value : NAN);
            cap_csv_sep(csv);
            cap_csv_number(csv, r ? r->value.mcse : NAN);
            cap_csv_end(csv);
        }
        fprintf(c->gp, "\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "compare_bars.gp");
}

/* Who carries the cost risk under option opt, a bar per scenario
 * (scenarios kept trial by trial only, else nothing). */
static void
plot_shares(plot_ctx *c, const cap_comparison_request *rq, size_t opt)
{
    const cap_scenario *ref = rq->points[0].sc;
    size_t sys = cap_ledger_system(ref);
    char title[300];

    for (size_t s = 0; s < rq->n; s++)
        if (rq->points[s].h == NULL
            || cap_ledger_system(rq->points[s].sc) != sys)
            return;
    cap_chart_begin(c, "compare_risk");
    cap_chart_caption(c, "The share of the system's cost risk carried by "
                      "each party under %s, a bar per scenario; the shares "
                      "add to 100%%.", cap_scenario_option_label(ref, opt));
    cap_chart_names(c);
    snprintf(title, sizeof title, "%s, by scenario",
             cap_scenario_option_label(ref, opt));
    cap_chart_put_text(c->gp, "scenario", title);
    fprintf(c->gp, "years = %d\nnshared = %zu\n", ref->years, sys);
    put_scenarios(c, rq);
    fprintf(c->gp, "$shares << EOD\n");
    for (size_t s = 0; s < rq->n; s++) {
        const cap_scenario *sc = rq->points[s].sc;
        long o = cap_cmp_find_option(sc, ref->options[opt].name);
        char name[120];

        snprintf(name, sizeof name, "%zu. %s", s + 1, sc->name);
        cap_chart_put_data_text(c->gp, name);
        for (size_t p = 0; p < sys; p++) {
            double v = o < 0 ? NAN
                       : rq->points[s].h->share[(size_t) o * sys + p];

            fprintf(c->gp, " %.6f", isnan(v) ? 0.0 : v);
        }
        fprintf(c->gp, "\n");
    }
    fprintf(c->gp, "EOD\n$values << EOD\nEOD\n");
    cap_chart_end(c, "risk_transfer.gp");
}

/* The spread of party's net over the horizon under option opt, a curve
 * per scenario kept trial by trial; a scenario with (almost) no spread
 * is a line at its median. */
static int
plot_spread(plot_ctx *c, const cap_comparison_request *rq, size_t opt,
            size_t party)
{
    const cap_scenario *ref = rq->points[0].sc;
    size_t n = rq->n, most = 0;
    double lo = INFINITY, hi = -INFINITY, top = 0.0, g[GRID];
    double *dens = malloc(n * GRID * sizeof *dens);
    double *mark = malloc(3 * n * sizeof *mark);
    long *o = malloc(n * sizeof *o);
    char stem[CAP_PLOT_NAME], unit[32];
    int status = CAP_OK;

    for (size_t s = 0; s < n && o; s++) {
        const cap_scenario *sc = rq->points[s].sc;

        o[s] = cap_cmp_find_option(sc, ref->options[opt].name);
        if (rq->points[s].o == NULL || o[s] < 0
            || cap_ledger_find_party(sc, cap_ledger_party_name(ref, party))
               != (long) party)
            status = CAP_EINPUT;      /* not drawn: nothing to compare */
        else if (rq->points[s].o->trials > most)
            most = rq->points[s].o->trials;
    }
    if (dens == NULL || mark == NULL || o == NULL || status != CAP_OK) {
        free(dens);
        free(mark);
        free(o);
        return status == CAP_EINPUT ? CAP_OK : CAP_ENOMEM;
    }
    for (size_t s = 0; s < n; s++) {
        const cap_outcomes *out = rq->points[s].o;

        cap_outcomes_gather(out, (size_t) o[s], party, CAP_HORIZON, CAP_NET,
                            c->x);
        for (size_t t = 0; t < out->trials; t++) {
            lo = fmin(lo, c->x[t]);
            hi = fmax(hi, c->x[t]);
        }
    }
    cap_chart_density_grid(lo, hi, g, GRID);
    lo = g[0];
    hi = g[GRID - 1];
    for (size_t s = 0; s < n; s++) {
        const cap_outcomes *out = rq->points[s].o;

        cap_outcomes_gather(out, (size_t) o[s], party, CAP_HORIZON, CAP_NET,
                            c->x);
        cap_kde_estimate(c->x, out->trials, c->w, g, GRID,
                         (hi - lo) / 150.0, dens + s * GRID);
        mark[3 * s] = cap_stats_quantile_sorted(c->w, out->trials, 0.05);
        mark[3 * s + 1] = cap_stats_quantile_sorted(c->w, out->trials, 0.5);
        mark[3 * s + 2] = cap_stats_quantile_sorted(c->w, out->trials,
                                                    0.95);
        if (mark[3 * s + 2] - mark[3 * s] >= (hi - lo) / 60.0)
            for (int k = 0; k < GRID; k++)
                top = fmax(top, dens[s * GRID + k] * 1e6);
    }
    if (top <= 0.0)
        top = 1.0;
    snprintf(stem, sizeof stem, "compare_spread_%s",
             cap_ledger_party_name(ref, party));
    cap_chart_begin(c, stem);
    cap_chart_caption(c, "How %s's net over %d years is spread under %s in "
                      "each scenario: a curve further right means more "
                      "surplus, a narrower one more certainty.",
                      cap_ledger_party_label(ref, party), ref->years,
                      cap_scenario_option_label(ref, opt));
    {
        char title[300];

        snprintf(title, sizeof title, "%s, by scenario",
                 cap_scenario_option_label(ref, opt));
        cap_chart_put_text(c->gp, "scenario", title);
    }
    cap_chart_put_text(c->gp, "money", cap_chart_money_unit(ref, unit,
                                                            sizeof unit));
    cap_chart_put_text(c->gp, "party", cap_ledger_party_label(ref, party));
    fprintf(c->gp, "years = %d\ntrials = %zu\ntop = %.9g\n", ref->years,
            most, top);
    put_scenarios(c, rq);
    cap_chart_put_text(c->gp, "series", "scenario");
    fprintf(c->gp, "array p05[%zu]\narray p95[%zu]\narray fixed_at[%zu]\n"
            "array fixed_text[%zu]\n", n, n, n, n);
    for (size_t s = 0; s < n; s++) {
        int fixed = mark[3 * s + 2] - mark[3 * s] < (hi - lo) / 60.0;
        char money[64], text[120];

        cap_money_text(money, sizeof money, mark[3 * s + 1], ref->currency,
                       CAP_MONEY_MILLIONS);
        snprintf(text, sizeof text, "%zu: about %s", s + 1, money);
        fprintf(c->gp, "p05[%zu] = %.9g\np95[%zu] = %.9g\n", s + 1,
                mark[3 * s] / 1e6, s + 1, mark[3 * s + 2] / 1e6);
        if (fixed)
            fprintf(c->gp, "fixed_at[%zu] = %.9g\n", s + 1,
                    mark[3 * s + 1] / 1e6);
        else
            fprintf(c->gp, "fixed_at[%zu] = NaN\n", s + 1);
        cap_chart_put_text_at(c->gp, "fixed_text", s + 1, fixed ? text
                                                                : "");
    }
    fprintf(c->gp, "$density << EOD\n");
    for (size_t s = 0; s < n; s++) {
        if (mark[3 * s + 2] - mark[3 * s] < (hi - lo) / 60.0)
            fprintf(c->gp, "%.9g 0\n%.9g %.9g\n", mark[3 * s + 1] / 1e6,
                    mark[3 * s + 1] / 1e6, top * 0.92);
        else
            for (int k = 0; k < GRID; k++)
                fprintf(c->gp, "%.9g %.9g\n", g[k] / 1e6,
                        dens[s * GRID + k] * 1e6);
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "net_distribution.gp");
    free(dens);
    free(mark);
    free(o);
    return CAP_OK;
}

int
cap_plot_comparison(const char *dir, const char *templates,
                    const cap_comparison_request *rq,
                    cap_plot_files *files, cap_diag *diag)
{
    const cap_scenario *ref = rq->points[0].sc;
    size_t sys = cap_ledger_system(ref), most = 2;
    plot_ctx c;
    FILE *csv = NULL;
    int status;

    for (size_t s = 0; s < rq->n; s++)
        if (rq->points[s].o && rq->points[s].o->trials > most)
            most = rq->points[s].o->trials;
    status = cap_chart_open(&c, dir, templates, ref, rq->points[0].o, files,
                            diag);
    c.x = malloc(most * sizeof *c.x);
    c.w = malloc(most * sizeof *c.w);
    if (status == CAP_OK && (c.x == NULL || c.w == NULL))
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    if (status == CAP_OK) {
        csv = cap_chart_open_csv(&c, "compare_bars.csv", "scenario_name,"
                                 "scenario,option,party,metric,value,"
                                 "mcse\n");
        if (csv == NULL)
            status = cap_chart_csv_fault("compare_bars.csv", diag);
    }
    for (size_t p = 0; p < sys && status == CAP_OK; p++) {
        plot_bars(&c, rq, p, 0, csv);
        plot_bars(&c, rq, p, 1, csv);
    }
    if (status == CAP_OK && rq->option >= 0)
        plot_shares(&c, rq, (size_t) rq->option);
    for (size_t p = 0; p < sys && status == CAP_OK && rq->option >= 0; p++)
        status = plot_spread(&c, rq, (size_t) rq->option, p);
    if (status == CAP_ENOMEM)
        cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = cap_chart_close_csv(csv, "compare_bars.csv", status, diag);
    status = cap_chart_close(&c, status, diag);
    free(c.x);
    free(c.w);
    return status;
}
