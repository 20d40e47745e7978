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
#include "base/money.h"
#include "output/chart.h"

/* Things sorted by a value, ties by index: sweep points in order of a
 * key (lines drawn left to right whatever the design's order; a sampled
 * design is not sorted), a tornado's inputs by their swing. */
typedef struct {
    double x;
    size_t point;             /* the point, or the input */
} by_key;

static int
by_key_order(const void *a, const void *b)
{
    const by_key *u = a, *v = b;

    if (u->x != v->x)
        return u->x < v->x ? -1 : 1;
    return u->point < v->point ? -1 : u->point > v->point;
}

/* The points of a sweep sorted by key k: a new array the caller frees,
 * or NULL when out of memory. */
static by_key *
sort_by_key(const cap_sweep *sw, size_t n, size_t k)
{
    by_key *order = malloc(n * sizeof *order);

    if (order == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        order[i].x = sw->values[i * sw->n_keys + k];
        order[i].point = i;
    }
    qsort(order, n, sizeof *order, by_key_order);
    return order;
}

/* A number for a chart's label: 4 significant figures, thousands
 * grouped from 1,000 ("1,250", "683.5", "0.035"). */
static char *
short_number(char *buf, size_t n, double v)
{
    if (fabs(v) >= 1000.0)
        return cap_number_text(buf, n, v, 0);
    snprintf(buf, n, "%.4g", v);
    return buf;
}

/* How a key's values are shown on an axis: in millions where they are
 * that large (a fixed cost of 8,200,000 reads "8.2"), else as they
 * are.  Returns the divisor. */
static double
key_scale(const cap_sweep_key *key)
{
    return fmax(fabs(key->lo), fabs(key->hi)) >= 1e5 ? 1e6 : 1.0;
}

/* The key in words, with ", millions" where key_scale() divides. */
static char *
axis_key_label(const cap_scenario *base, const cap_sweep_key *key,
               char *buf, size_t n)
{
    size_t len;

    cap_chart_key_label(base, key->section, key->key, buf, n);
    len = strlen(buf);
    if (key_scale(key) > 1.0)
        snprintf(buf + len, n - len, ", millions");
    return buf;
}

/* A sweep over one key: each party's mean net against the key, a line
 * per option with a band of two standard errors, and each option's
 * break-even (where the mean crosses 0, by linear interpolation between
 * points) marked and labelled. */
static void
plot_sweep_curves(plot_ctx *c, const cap_scenario *base,
                  const cap_point *pts, size_t n, size_t party,
                  const by_key *order)
{
    const cap_outcomes *o = c->o;
    const cap_sweep_key *key = &base->sweep.keys[0];
    char stem[CAP_PLOT_NAME], key_label[200], found[CAP_PLOT_CAPTION] = "";
    size_t len = 0;

    double scale = key_scale(key);

    axis_key_label(base, key, key_label, sizeof key_label);
    snprintf(stem, sizeof stem, "sweep_net_%s",
             cap_ledger_party_name(c->sc, party));
    cap_chart_begin(c, stem);
    cap_chart_common_variables(c);
    cap_chart_put_text(c->gp, "party", cap_ledger_party_label(c->sc, party));
    cap_chart_put_text(c->gp, "key_name", key_label);
    fprintf(c->gp, "$sweep << EOD\n");
    for (size_t opt = 0; opt < o->options; opt++) {
        for (size_t r = 0; r < n; r++) {
            const cap_summary *s
                = &pts[order[r].point].h->s[opt * o->parties + party];

            fprintf(c->gp, "%.10g %.8g %.8g %.8g\n", order[r].x / scale,
                    s->mean.value / 1e6,
                    (s->mean.value - 2.0 * s->mean.mcse) / 1e6,
                    (s->mean.value + 2.0 * s->mean.mcse) / 1e6);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n$breakeven << EOD\n");
    for (size_t opt = 0; opt < o->options; opt++) {
        for (size_t r = 0; r + 1 < n; r++) {
            double y0 = pts[order[r].point].h->s[opt * o->parties
                                                 + party].mean.value;
            double y1 = pts[order[r + 1].point].h->s[opt * o->parties
                                                     + party].mean.value;
            double x;
            char num[64];

            /* A crossing, counted once where a point sits on 0. */
            if (!((y0 < 0 && y1 >= 0) || (y0 > 0 && y1 <= 0))
                || (y1 == 0 && r + 2 < n))
                continue;
            x = order[r].x + (order[r + 1].x - order[r].x) * y0 / (y0 - y1);
            short_number(num, sizeof num, x);
            fprintf(c->gp, "%.10g %zu ", x / scale, opt + 1);
            cap_chart_put_data_text(c->gp, num);
            fputc('\n', c->gp);
            if (len + 1 < sizeof found)
                len += (size_t) snprintf(found + len, sizeof found - len,
                                         "%s %s under %s", len ? ";" : "",
                                         num,
                                         cap_scenario_option_label(c->sc,
                                                                   opt));
            if (len >= sizeof found)
                len = sizeof found - 1;
        }
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_caption(c, "%s's expected net over %d year%s as %s varies, "
                      "one line per option with a band of two standard "
                      "errors; %s%s.", cap_ledger_party_label(c->sc, party),
                      o->years, o->years == 1 ? "" : "s", key_label,
                      found[0] ? "it breaks even at" : "it does not break "
                      "even in the range swept", found);
    cap_chart_end(c, "sweep.gp");
}

/* Points of each smooth curve of a scatter. */
#define SMOOTH_POINTS 41

/* A scatter smoother (locally weighted linear regression, Cleveland's
 * LOWESS without its robustness steps): at each of SMOOTH_POINTS
 * values across x[0..n) (sorted), a straight line fitted to the
 * nearest three quarters of the points, weighted by the tricube of
 * their distance; written to f as "x y" lines in the scale given. */
static void
put_smooth(FILE *f, const double *x, const double *y, size_t n,
           double xscale, double *dist)
{
    size_t q = (3 * n + 3) / 4;

    if (q < 3)
        q = n;
    for (int g = 0; g < SMOOTH_POINTS; g++) {
        double at = x[0] + (x[n - 1] - x[0]) * g / (SMOOTH_POINTS - 1);
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, reach, fit;

        for (size_t i = 0; i < n; i++)
            dist[i] = fabs(x[i] - at);
        /* The q-th smallest distance, by selection on a copy. */
        for (size_t i = 0; i < q; i++)
            for (size_t j = i + 1; j < n; j++)
                if (dist[j] < dist[i]) {
                    double t = dist[i];

                    dist[i] = dist[j];
                    dist[j] = t;
                }
        reach = dist[q - 1] * 1.0001 + 1e-12 * (fabs(at) + 1.0);
        for (size_t i = 0; i < n; i++) {
            double u = fabs(x[i] - at) / reach;
            double w = u < 1.0 ? pow(1.0 - u * u * u, 3.0) : 0.0;

            sw += w;
            sx += w * x[i];
            sy += w * y[i];
            sxx += w * x[i] * x[i];
            sxy += w * x[i] * y[i];
        }
        {
            double var = sxx * sw - sx * sx;

            fit = fabs(var) > 1e-12 * sxx * sw
                  ? (sy * sxx - sx * sxy + at * (sw * sxy - sx * sy)) / var
                  : sy / sw;
        }
        fprintf(f, "%.10g %.8g\n", at / xscale, fit);
    }
}

/* A sampled design (or a grid of three keys or more): each party's mean
 * net against each swept key in turn, one panel per key, the points of
 * each option and a smooth through them. */
static int
plot_sweep_scatter(plot_ctx *c, const cap_scenario *base,
                   const cap_point *pts, size_t n, size_t party,
                   by_key *const *order)
{
    const cap_outcomes *o = c->o;
    const cap_sweep *sw = &base->sweep;
    char stem[CAP_PLOT_NAME], list[CAP_PLOT_CAPTION] = "";
    double *x = malloc(3 * n * sizeof *x), *y = x + n, *dist = x + 2 * n;
    size_t len = 0;

    if (x == NULL)
        return CAP_ENOMEM;
    snprintf(stem, sizeof stem, "sweep_net_%s",
             cap_ledger_party_name(c->sc, party));
    cap_chart_begin(c, stem);
    cap_chart_common_variables(c);
    cap_chart_put_text(c->gp, "party", cap_ledger_party_label(c->sc, party));
    fprintf(c->gp, "nkeys = %zu\narray key_names[%zu]\n", sw->n_keys,
            sw->n_keys);
    for (size_t k = 0; k < sw->n_keys; k++) {
        char label[200];

        axis_key_label(base, &sw->keys[k], label, sizeof label);
        cap_chart_put_text_at(c->gp, "key_names", k + 1, label);
        cap_chart_key_label(base, sw->keys[k].section, sw->keys[k].key,
                            label, sizeof label);
        if (len + 1 < sizeof list)
            len += (size_t) snprintf(list + len, sizeof list - len, "%s%s",
                                     k == 0 ? "" : k + 1 == sw->n_keys
                                     ? " and " : ", ", label);
        if (len >= sizeof list)
            len = sizeof list - 1;
    }
    /* Block (k * options + opt) * 2 holds the points, the next one the
     * smooth. */
    fprintf(c->gp, "$points << EOD\n");
    for (size_t k = 0; k < sw->n_keys; k++) {
        double scale = key_scale(&sw->keys[k]);

        for (size_t opt = 0; opt < o->options; opt++) {
            for (size_t r = 0; r < n; r++) {
                x[r] = order[k][r].x;
                y[r] = pts[order[k][r].point].h->s[opt * o->parties
                                                   + party].mean.value
                       / 1e6;
                fprintf(c->gp, "%.10g %.8g\n", x[r] / scale, y[r]);
            }
            fprintf(c->gp, "\n\n");
            put_smooth(c->gp, x, y, n, scale, dist);
            fprintf(c->gp, "\n\n");
        }
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_caption(c, "%s's expected net over %d year%s at each of the "
                      "%zu sampled points, against %s in turn, with a "
                      "smooth line per option; the other keys vary too, "
                      "so the scatter round a line shows their effect.",
                      cap_ledger_party_label(c->sc, party), o->years,
                      o->years == 1 ? "" : "s", n, list);
    cap_chart_end(c, "sweep_scatter.gp");
    free(x);
    return CAP_OK;
}

/* A grid over two keys: a map of each party's mean net per option. */
static void
plot_heatmap(plot_ctx *c, const cap_scenario *base, const cap_point *pts,
             size_t n, size_t opt, size_t party)
{
    const cap_sweep *sw = &base->sweep;
    char stem[CAP_PLOT_NAME], kx[200], ky[200];
    double sx = key_scale(&sw->keys[0]), sy = key_scale(&sw->keys[1]);

    axis_key_label(base, &sw->keys[0], kx, sizeof kx);
    axis_key_label(base, &sw->keys[1], ky, sizeof ky);
    snprintf(stem, sizeof stem, "heatmap_%s_%s", c->sc->options[opt].name,
             cap_ledger_party_name(c->sc, party));
    cap_chart_begin(c, stem);
    cap_chart_caption(c, "A map of %s's expected net over %d year%s under "
                      "%s as %s and %s vary; the black line, where drawn, "
                      "is break-even.", cap_ledger_party_label(c->sc, party),
                      c->o->years, c->o->years == 1 ? "" : "s",
                      cap_scenario_option_label(c->sc, opt), kx, ky);
    cap_chart_common_variables(c);
    cap_chart_put_text(c->gp, "party", cap_ledger_party_label(c->sc, party));
    cap_chart_put_text(c->gp, "option", cap_scenario_option_label(c->sc,
                                                                  opt));
    cap_chart_put_text(c->gp, "key_x", kx);
    cap_chart_put_text(c->gp, "key_y", ky);
    fprintf(c->gp, "$grid << EOD\n");
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && sw->values[i * 2] != sw->values[(i - 1) * 2])
            fprintf(c->gp, "\n");
        fprintf(c->gp, "%.10g %.10g %.8g\n", sw->values[i * 2] / sx,
                sw->values[i * 2 + 1] / sy,
                pts[i].h->s[opt * c->o->parties + party].mean.value
                / 1e6);
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "heatmap.gp");
}

/* The sweep's charts: curves over one key, maps over a grid of two,
 * else a scatter against each key. */
static int
plot_sweep_charts(plot_ctx *c, const cap_scenario *base,
                  const cap_point *pts, size_t n, cap_diag *diag)
{
    const cap_sweep *sw = &base->sweep;
    size_t sys = cap_ledger_system(c->sc);
    by_key **order;
    int status = CAP_OK;

    if (sw->n_keys == 2 && sw->design == CAP_DESIGN_GRID) {
        for (size_t opt = 0; opt < c->sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++)
                plot_heatmap(c, base, pts, n, opt, p);
        return CAP_OK;
    }
    order = calloc(sw->n_keys, sizeof *order);
    for (size_t k = 0; order != NULL && k < sw->n_keys; k++)
        if ((order[k] = sort_by_key(sw, n, k)) == NULL)
            status = CAP_ENOMEM;
    if (order == NULL || status != CAP_OK)
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (size_t p = 0; p < sys && status == CAP_OK; p++) {
        if (sw->n_keys == 1)
            plot_sweep_curves(c, base, pts, n, p, order[0]);
        else if (plot_sweep_scatter(c, base, pts, n, p, order) != CAP_OK)
            status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of "
                                  "memory");
    }
    for (size_t k = 0; order != NULL && k < sw->n_keys; k++)
        free(order[k]);
    free(order);
    return status;
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
    if (status == CAP_OK)
        status = plot_sweep_charts(&c, base, pts, n, diag);
    return cap_chart_close(&c, status, diag);
}

/* The label of tornado input i of base: "Demand: trend (0.01 to 0.05)". */
static char *
tornado_label(const cap_scenario *base, size_t i, char *buf, size_t n)
{
    const cap_sens_input *in = &base->sensitivity.inputs[i];
    char words[200], lo[64], hi[64];

    cap_chart_key_label(base, in->section, in->key, words, sizeof words);
    snprintf(buf, n, "%s (%s to %s)", words,
             short_number(lo, sizeof lo, in->low),
             short_number(hi, sizeof hi, in->high));
    return buf;
}

/* One option's tornado: a panel per party (the whole system aside),
 * each with its bars ordered by that party's swing, largest on top;
 * rows of tornado_chart.csv in the same order. */
static void
plot_tornado_option(plot_ctx *c, FILE *csv, const cap_scenario *base,
                    const cap_tornado *t, size_t opt, by_key *bars)
{
    size_t sys = cap_ledger_system(base), longest = 0;
    char stem[CAP_PLOT_NAME], label[400];

    for (size_t i = 0; i < t->n_inputs; i++) {
        size_t len = strlen(tornado_label(base, i, label, sizeof label));

        longest = len > longest ? len : longest;
    }
    snprintf(stem, sizeof stem, "tornado_%s", base->options[opt].name);
    cap_chart_begin(c, stem);
    cap_chart_caption(c, "Under %s, how far each party's expected net "
                      "moves when one input at a time goes to its low or "
                      "its high value, the others held at their medians; "
                      "the longest bars are the inputs that matter most.",
                      cap_scenario_option_label(base, opt));
    cap_chart_names(c);
    cap_chart_put_text(c->gp, "option", cap_scenario_option_label(base,
                                                                  opt));
    fprintf(c->gp, "nshared = %zu\nninputs = %zu\nlongest = %zu\n"
            "array mid[%zu]\n", sys, t->n_inputs, longest, sys);
    for (size_t p = 0; p < sys; p++) {
        char money[64];

        cap_chart_put_text_at(c->gp, "mid", p + 1,
                              cap_money_text(money, sizeof money,
                                             t->net_mid[opt * t->parties
                                                        + p],
                                             base->currency,
                                             CAP_MONEY_MILLIONS));
    }
    fprintf(c->gp, "$bars << EOD\n");
    for (size_t p = 0; p < sys; p++) {
        size_t mid = opt * t->parties + p;

        /* Largest swing first, ties in the inputs' order. */
        for (size_t i = 0; i < t->n_inputs; i++) {
            size_t at = i * t->options * t->parties + mid;

            bars[i].x = -fabs(t->net_high[at] - t->net_low[at]);
            bars[i].point = i;
        }
        qsort(bars, t->n_inputs, sizeof *bars, by_key_order);
        for (size_t r = 0; r < t->n_inputs; r++) {
            size_t i = bars[r].point;
            size_t at = i * t->options * t->parties + mid;

            cap_csv_text(csv, base->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, cap_ledger_party_name(base, p));
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
        /* Row 0, at the foot, is the smallest swing. */
        for (size_t r = t->n_inputs; r-- > 0;) {
            size_t i = bars[r].point;
            size_t at = i * t->options * t->parties + mid;

            fprintf(c->gp, "%zu ", t->n_inputs - 1 - r);
            cap_chart_put_data_text(c->gp, tornado_label(base, i, label,
                                                         sizeof label));
            fprintf(c->gp, " %.8g %.8g\n",
                    (t->net_low[at] - t->net_mid[mid]) / 1e6,
                    (t->net_high[at] - t->net_mid[mid]) / 1e6);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "tornado.gp");
}

int
cap_plot_tornado(const char *dir, const char *templates,
                 const cap_scenario *base, const cap_tornado *t,
                 cap_plot_files *files, cap_diag *diag)
{
    by_key *bars = malloc((t->n_inputs + 1) * sizeof *bars);
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
    for (size_t opt = 0; opt < t->options && status == CAP_OK; opt++)
        plot_tornado_option(&c, csv, base, t, opt, bars);
    status = cap_chart_close_csv(csv, "tornado_chart.csv", status, diag);
    free(bars);
    return cap_chart_close(&c, status, diag);
}

/* Bars per option and party: the datablock $gains (per option its
 * label, then each of the first np parties' value and two standard
 * errors, divided by scale) and nbars = np into the chart's data, with
 * the names and colours of cap_chart_names(); value and se into csv
 * (already headed "option"). */
static void
party_bars(plot_ctx *c, FILE *csv, size_t np, const double *value,
           const double *se, double scale)
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
    cap_chart_names(c);
    fprintf(c->gp, "nbars = %zu\n$gains << EOD\n", np);
    for (size_t opt = 0; opt < sc->n_options; opt++) {
        cap_chart_put_data_text(c->gp, cap_scenario_option_label(sc, opt));
        cap_csv_text(csv, sc->options[opt].name);
        for (size_t p = 0; p < np; p++) {
            size_t at = opt * np + p;

            fprintf(c->gp, " %.6g %.6g", value[at] / scale,
                    2.0 * se[at] / scale);
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
        cap_chart_caption(&c, "Under each option, how much each party's "
                          "net over the horizon changes when one %s "
                          "event is avoided: a party with a tall bar gains "
                          "from prevention.",
                          sc->services[sc->incentives.service].name);
        cap_chart_put_text(c.gp, "service",
                           sc->services[sc->incentives.service].name);
        cap_chart_put_text(c.gp, "unit", sc->currency
                           ? cap_currency_symbol(sc->currency)
                           : "currency units");
        party_bars(&c, csv, sys, value, se, 1.0);
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
        {
            char section[300];
            const char *label;

            snprintf(section, sizeof section, "intervention.%s", iv->name);
            label = cap_scenario_label(sc, section);
            cap_chart_caption(&c, "Under each option, each party's net "
                              "return from %s over the horizon (its net "
                              "with the intervention less without, the "
                              "programme's cost included).",
                              label ? label : iv->name);
            cap_chart_put_text(c.gp, "intervention", label ? label
                                                           : iv->name);
        }
        party_bars(&c, csv, np, value, se, 1e6);
        cap_chart_end(&c, "intervention.gp");
        status = cap_chart_close_csv(csv, name, status, diag);
    }
    free(value);
    free(se);
    return cap_chart_close(&c, status, diag);
}
