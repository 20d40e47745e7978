/* run_charts.c -- the charts of one run: each party's net
 * distribution, who carries the cost risk, risk and return, exceedance
 * curves, fan charts over the years and the Lorenz curves of cost
 * among people, each with its CSV beside the images.
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
#include "output/plot.h"
#include "capsim/ledger.h"
#include "capsim/stats.h"
#include <gsl/gsl_sort.h>
#include "base/csv_write.h"
#include "base/kde.h"
#include "base/money.h"
#include "output/chart.h"

#define GRID 200              /* points of each density curve */

/* An option whose spread of net is under this fraction of the axis is
 * drawn as a line at its median, not a density: a fixed payment's
 * spike would otherwise set the height of the chart and flatten every
 * curve that matters. */
#define NARROW_SHARE (1.0 / 60.0)

/* Write "Label: fixed at £0.81m" (or "about £0.81m" where the spread
 * is small but not nil) into buf for a narrow option's marker. */
static void
fixed_text(const cap_scenario *sc, size_t opt, const double *sorted,
           size_t n, char *buf, size_t size)
{
    double med = cap_stats_quantile_sorted(sorted, n, 0.5);
    char money[64];

    cap_money_text(money, sizeof money, med, sc->currency,
                   CAP_MONEY_MILLIONS);
    snprintf(buf, size, "%s: %s %s", cap_scenario_option_label(sc, opt),
             sorted[0] == sorted[n - 1] ? "fixed at" : "about", money);
}

/* 1. The density of one party's net over the horizon, per option; an
 * option with (almost) no spread is a labelled vertical line. */
static int
plot_net_density(plot_ctx *c, FILE *csv, size_t party)
{
    const cap_scenario *sc = c->sc;
    const cap_outcomes *o = c->o;
    size_t no = o->options;
    double lo = INFINITY, hi = -INFINITY, scale = 1e6, top = 0.0;
    double g[GRID];
    double *dens = malloc(no * GRID * sizeof *dens);
    double *tail = malloc(3 * no * sizeof *tail);    /* p05, p50, p95 */
    char *marker = calloc(no, 160);
    const char *pname = cap_ledger_party_name(sc, party);
    char stem[CAP_PLOT_NAME], fixed_list[CAP_PLOT_CAPTION] = "";

    if (dens == NULL || tail == NULL || marker == NULL) {
        free(dens);
        free(tail);
        free(marker);
        return CAP_ENOMEM;
    }
    for (size_t opt = 0; opt < no; opt++) {
        cap_outcomes_gather(o, opt, party, CAP_HORIZON, CAP_NET, c->x);
        for (size_t i = 0; i < o->trials; i++) {
            lo = c->x[i] < lo ? c->x[i] : lo;
            hi = c->x[i] > hi ? c->x[i] : hi;
        }
    }
    cap_chart_density_grid(lo, hi, g, GRID);
    lo = g[0];
    hi = g[GRID - 1];
    for (size_t opt = 0; opt < no; opt++) {
        cap_outcomes_gather(o, opt, party, CAP_HORIZON, CAP_NET, c->x);
        /* The narrowest curve drawn is 1/150 of the axis. */
        cap_kde_estimate(c->x, o->trials, c->w, g, GRID, (hi - lo) / 150.0,
                         dens + opt * GRID);
        /* That leaves c->w sorted: the 5%, 50% and 95% points. */
        tail[3 * opt] = cap_stats_quantile_sorted(c->w, o->trials, 0.05);
        tail[3 * opt + 1] = cap_stats_quantile_sorted(c->w, o->trials, 0.5);
        tail[3 * opt + 2] = cap_stats_quantile_sorted(c->w, o->trials,
                                                      0.95);
        if (tail[3 * opt + 2] - tail[3 * opt] < (hi - lo) * NARROW_SHARE) {
            size_t len = strlen(fixed_list);

            fixed_text(sc, opt, c->w, o->trials, marker + opt * 160, 160);
            snprintf(fixed_list + len, sizeof fixed_list - len, "%s%s",
                     len ? "; " : "", marker + opt * 160);
        } else {
            for (int k = 0; k < GRID; k++)
                top = fmax(top, dens[opt * GRID + k] * scale);
        }
        for (int k = 0; k < GRID; k++) {
            cap_csv_text(csv, sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, pname);
            cap_csv_sep(csv);
            cap_csv_number(csv, g[k]);
            cap_csv_sep(csv);
            cap_csv_number(csv, dens[opt * GRID + k]);
            cap_csv_end(csv);
        }
    }
    if (top <= 0.0)
        top = 1.0;            /* every option fixed: lines of one height */
    snprintf(stem, sizeof stem, "net_%s", pname);
    cap_chart_begin(c, stem);
    cap_chart_caption(c, "How %s's net over %d year%s is spread under "
                      "each option: a curve further right means more "
                      "surplus, a narrower one more certainty%s%s.",
                      cap_ledger_party_label(sc, party), o->years,
                      o->years == 1 ? "" : "s",
                      fixed_list[0] ? "; lines mark options with (almost) "
                      "no spread: " : "", fixed_list);
    cap_chart_common_variables(c);
    cap_chart_put_text(c->gp, "party", cap_ledger_party_label(sc, party));
    fprintf(c->gp, "top = %.9g\narray p05[%zu]\narray p95[%zu]\n"
            "array fixed_at[%zu]\narray fixed_text[%zu]\n", top, no, no,
            no, no);
    for (size_t opt = 0; opt < no; opt++) {
        int fixed = marker[opt * 160] != '\0';

        fprintf(c->gp, "p05[%zu] = %.9g\np95[%zu] = %.9g\n", opt + 1,
                tail[3 * opt] / scale, opt + 1, tail[3 * opt + 2] / scale);
        if (fixed)
            fprintf(c->gp, "fixed_at[%zu] = %.9g\n", opt + 1,
                    tail[3 * opt + 1] / scale);
        else
            fprintf(c->gp, "fixed_at[%zu] = NaN\n", opt + 1);
        cap_chart_put_text_at(c->gp, "fixed_text", opt + 1,
                              marker + opt * 160);
    }
    /* A fixed option's block is its line: from the foot to near the
     * top of the tallest curve, so it shares the option's colour, dash
     * and key entry. */
    fprintf(c->gp, "$density << EOD\n");
    for (size_t opt = 0; opt < no; opt++) {
        if (marker[opt * 160] != '\0')
            fprintf(c->gp, "%.9g 0\n%.9g %.9g\n",
                    tail[3 * opt + 1] / scale, tail[3 * opt + 1] / scale,
                    top * 0.92);
        else
            for (int k = 0; k < GRID; k++)
                fprintf(c->gp, "%.9g %.9g\n", g[k] / scale,
                        dens[opt * GRID + k] * scale);
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "net_distribution.gp");
    free(dens);
    free(tail);
    free(marker);
    return CAP_OK;
}

/* 2. Who carries the cost risk: stacked shares per option, each
 * share's percentage written on its bar. */
static int
plot_risk_transfer(plot_ctx *c, FILE *csv)
{
    const cap_scenario *sc = c->sc;
    const cap_outcomes *o = c->o;
    size_t sys = cap_ledger_system(sc);
    const double *share = c->h->share;

    fputs("option", csv);
    for (size_t p = 0; p < sys; p++) {
        cap_csv_sep(csv);
        cap_csv_text(csv, cap_ledger_party_name(sc, p));
    }
    cap_csv_end(csv);
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_csv_text(csv, sc->options[opt].name);
        for (size_t p = 0; p < sys; p++) {
            cap_csv_sep(csv);
            cap_csv_number(csv, share[opt * sys + p]);
        }
        cap_csv_end(csv);
    }
    cap_chart_begin(c, "risk_transfer");
    cap_chart_caption(c, "The share of the system's cost risk (how much of "
                      "a rise in the cost of care lands on each party) "
                      "carried by each party under each option; the "
                      "shares add to 100%%.");
    cap_chart_common_variables(c);
    fprintf(c->gp, "nshared = %zu\n$shares << EOD\n", sys);
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_chart_put_data_text(c->gp, cap_scenario_option_label(sc, opt));
        for (size_t p = 0; p < sys; p++) {
            double v = share[opt * sys + p];

            fprintf(c->gp, " %.6f", isnan(v) ? 0.0 : v);
        }
        fprintf(c->gp, "\n");
    }
    /* Each segment's label at its middle: gnuplot stacks positive
     * shares up from 0 and negative ones down from 0. */
    fprintf(c->gp, "EOD\n$values << EOD\n");
    for (size_t opt = 0; opt < o->options; opt++) {
        double up = 0.0, down = 0.0;

        for (size_t p = 0; p < sys; p++) {
            double v = share[opt * sys + p];
            double *base = v < 0 ? &down : &up;

            if (isnan(v))
                continue;
            if (fabs(v) >= 0.04)
                fprintf(c->gp, "%zu %.6f \"%.0f%%\"\n", opt,
                        *base + v / 2.0, 100.0 * v);
            *base += v;
        }
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "risk_transfer.gp");
    return CAP_OK;
}

/* Where the option numbers of the risk-return chart go: next to each
 * point, moved round it until no label sits on another or on a point.
 * Coordinates are fractions of the plotted ranges. */
typedef struct {
    double x, y;              /* the point */
    double lx, ly;            /* its label */
} rr_label;

static void
place_labels(rr_label *l, size_t n, double xspan, double yspan)
{
    /* A digit is about 1.3% of the plot's width and 3% of its height;
     * the candidates ring the point, nearest first, right before left. */
    static const double dx[] = { 1, 1, -1, -1, 0, 0, 1.6, -1.6 };
    static const double dy[] = { 0.7, -0.7, 0.7, -0.7, 1.1, -1.1, 0, 0 };
    const double w = 0.022 * xspan, h = 0.04 * yspan;
    const size_t nc = sizeof dx / sizeof dx[0];

    for (size_t i = 0; i < n; i++) {
        size_t fewest = (size_t) -1;

        for (int ring = 1; ring <= 4 && fewest != 0; ring++)
            for (size_t k = 0; k < nc && fewest != 0; k++) {
                double lx = l[i].x + dx[k] * ring * w;
                double ly = l[i].y + dy[k] * ring * h;
                size_t clashes = 0;

                for (size_t j = 0; j < n; j++) {
                    clashes += fabs(l[j].x - lx) < w * 0.7
                               && fabs(l[j].y - ly) < h * 0.7;
                    if (j < i)
                        clashes += fabs(l[j].lx - lx) < w
                                   && fabs(l[j].ly - ly) < h;
                }
                if (clashes < fewest) {
                    fewest = clashes;
                    l[i].lx = lx;
                    l[i].ly = ly;
                }
            }
    }
}

/* 3. Risk and return: for each party, each option as a point of
 * expected annual net against the worst year's 1-in-20 loss -- the
 * annual duty a finance director is held to -- numbered by option. */
static int
plot_risk_return(plot_ctx *c, FILE *csv)
{
    const cap_scenario *sc = c->sc;
    const cap_outcomes *o = c->o;
    const cap_horizon *h = c->h;
    size_t sys = cap_ledger_system(sc), n = sys * o->options;
    double years = (double) o->years;
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    rr_label *l = malloc(n * sizeof *l);

    if (l == NULL)
        return CAP_ENOMEM;
    for (size_t p = 0; p < sys; p++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            size_t at = opt * o->parties + p;
            const cap_summary *s = &h->s[at];
            rr_label *e = &l[p * o->options + opt];

            e->x = h->worst[at].var95.value / 1e6;
            e->y = s->mean.value / years / 1e6;
            xlo = fmin(xlo, e->x);
            xhi = fmax(xhi, e->x);
            ylo = fmin(ylo, e->y);
            yhi = fmax(yhi, e->y);
            cap_csv_text(csv, sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, cap_ledger_party_name(sc, p));
            cap_csv_sep(csv);
            cap_csv_number(csv, s->mean.value);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->mean.mcse);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->cvar95.value);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->cvar95.mcse);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->mean.value / years);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->mean.mcse / years);
            cap_csv_sep(csv);
            cap_csv_number(csv, h->worst[at].var95.value);
            cap_csv_sep(csv);
            cap_csv_number(csv, h->worst[at].var95.mcse);
            cap_csv_end(csv);
        }
    }
    /* The template pads each range by 8% a side, as here. */
    place_labels(l, n, (xhi - xlo) * 1.16 + 1e-9, (yhi - ylo) * 1.16 + 1e-9);
    cap_chart_begin(c, "risk_return");
    cap_chart_caption(c, "Each option as a point per party: expected net "
                      "per year (up is better) against the loss in the "
                      "worst year that one future in twenty exceeds "
                      "(left is safer); numbers are options.");
    cap_chart_common_variables(c);
    fprintf(c->gp, "nshared = %zu\n$points << EOD\n", sys);
    for (size_t p = 0; p < sys; p++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            const rr_label *e = &l[p * o->options + opt];

            fprintf(c->gp, "%.9g %.9g %.9g %.9g %zu\n", e->x, e->y, e->lx,
                    e->ly, opt + 1);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "risk_return.gp");
    free(l);
    return CAP_OK;
}

/* Exceedance probabilities of the curve: from 1 down to 1/1000 evenly
 * on a log scale, so the tail gets as many points as the body. */
#define EXCEED_POINTS 120

/* 4. Exceedance curve of one party: P(loss over the horizon > x), one
 * line per option.  Loss = -net. */
static int
plot_exceedance(plot_ctx *c, FILE *csv, size_t party)
{
    const cap_outcomes *o = c->o;
    const char *pname = cap_ledger_party_name(c->sc, party);
    size_t n = o->trials;
    double floor_p = 1.0 / (double) n > 1e-3 ? 1.0 / (double) n : 1e-3;
    double *loss = malloc(o->options * EXCEED_POINTS * sizeof *loss);
    double prob[EXCEED_POINTS];
    char stem[CAP_PLOT_NAME];

    if (loss == NULL)
        return CAP_ENOMEM;
    for (int k = 0; k < EXCEED_POINTS; k++)
        prob[k] = pow(floor_p, (double) k / (EXCEED_POINTS - 1));
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_outcomes_gather(o, opt, party, CAP_HORIZON, CAP_NET, c->x);
        for (size_t i = 0; i < n; i++)
            c->x[i] = -c->x[i];
        memcpy(c->w, c->x, n * sizeof *c->w);
        gsl_sort(c->w, 1, n);
        for (int k = 0; k < EXCEED_POINTS; k++) {
            double v = cap_stats_quantile_sorted(c->w, n, 1.0 - prob[k]);

            loss[opt * EXCEED_POINTS + k] = v;
            cap_csv_text(csv, c->sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, pname);
            cap_csv_sep(csv);
            cap_csv_number(csv, v);
            cap_csv_sep(csv);
            cap_csv_number(csv, prob[k]);
            cap_csv_end(csv);
        }
    }
    snprintf(stem, sizeof stem, "exceedance_%s", pname);
    cap_chart_begin(c, stem);
    cap_chart_caption(c, "For each option, the chance that %s loses more "
                      "than a given amount over %d year%s; where a line "
                      "crosses \"1 in 20\" is the loss exceeded in one "
                      "future in twenty.", cap_ledger_party_label(c->sc,
                                                                  party),
                      o->years, o->years == 1 ? "" : "s");
    cap_chart_common_variables(c);
    cap_chart_put_text(c->gp, "party", cap_ledger_party_label(c->sc, party));
    fprintf(c->gp, "floor_p = %.9g\n$curves << EOD\n", floor_p);
    for (size_t opt = 0; opt < o->options; opt++) {
        for (int k = 0; k < EXCEED_POINTS; k++)
            fprintf(c->gp, "%.9g %.9g\n",
                    loss[opt * EXCEED_POINTS + k] / 1e6, prob[k]);
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "exceedance.gp");
    free(loss);
    return CAP_OK;
}

/* 5. Fan chart of a quantity over the years: median, 50% and 90% bands
 * per year, one panel per option (party < parties: that party's net;
 * otherwise the system's cost, the same under every option). */
static int
plot_fan(plot_ctx *c, FILE *csv, size_t party)
{
    const cap_outcomes *o = c->o;
    int cost = party >= cap_ledger_system(c->sc);
    size_t who = cost ? cap_ledger_system(c->sc) : party;
    size_t panels = cost ? 1 : o->options;
    const char *name = cost ? "system_cost"
                            : cap_ledger_party_name(c->sc, party);
    size_t cells = panels * (size_t) o->years * 5;
    double *q = malloc(cells * sizeof *q);
    static const double level[5] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
    char stem[CAP_PLOT_NAME];

    if (q == NULL)
        return CAP_ENOMEM;
    for (size_t opt = 0; opt < panels; opt++) {
        for (int y = 1; y <= o->years; y++) {
            double *row = q + (opt * (size_t) o->years + (size_t) (y - 1)) * 5;

            cap_outcomes_gather(o, opt, who, y, cost ? CAP_SPEND : CAP_NET,
                                c->w);
            gsl_sort(c->w, 1, o->trials);
            cap_csv_text(csv, cost ? "all" : c->sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, name);
            fprintf(csv, ",%d", y);
            for (int k = 0; k < 5; k++) {
                row[k] = cap_stats_quantile_sorted(c->w, o->trials,
                                                   level[k]);
                cap_csv_sep(csv);
                cap_csv_number(csv, row[k]);
            }
            cap_csv_end(csv);
        }
    }
    snprintf(stem, sizeof stem, "fan_%s", name);
    cap_chart_begin(c, stem);
    if (cost)
        cap_chart_caption(c, "The system's cost of care year by year: the "
                          "middle line is the median future, the bands "
                          "hold the middle half and nine futures in ten.");
    else
        cap_chart_caption(c, "%s's net year by year under each option: the "
                          "middle line is the median future, the bands "
                          "hold the middle half and nine futures in ten.",
                          cap_ledger_party_label(c->sc, party));
    cap_chart_common_variables(c);
    if (cost)
        cap_chart_put_text(c->gp, "what", "cost of care (spend)");
    else {
        char what[200];

        snprintf(what, sizeof what, "net of %s",
                 cap_ledger_party_label(c->sc, party));
        cap_chart_put_text(c->gp, "what", what);
    }
    fprintf(c->gp, "panels = %zu\n$fan << EOD\n", panels);
    for (size_t opt = 0; opt < panels; opt++) {
        for (int y = 1; y <= o->years; y++) {
            const double *row = q + (opt * (size_t) o->years
                                     + (size_t) (y - 1)) * 5;

            fprintf(c->gp, "%d %.9g %.9g %.9g %.9g %.9g\n", y,
                    row[0] / 1e6, row[1] / 1e6, row[2] / 1e6,
                    row[3] / 1e6, row[4] / 1e6);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    cap_chart_end(c, "fan.gp");
    free(q);
    return CAP_OK;
}

static int
file_exists(const char *dir, const char *stem, const char *ext)
{
    char path[1400];
    struct stat st;

    snprintf(path, sizeof path, "%s/%s.%s", dir, stem, ext);
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* 6. Lorenz curves of cost among people, one per year: the share of
 * cost held by the least costly fraction p of people, at the points the
 * concentration groups give (bottom 50%, and 1 - top 20, 10, 5, 1%),
 * averaged over the trials that record concentration. */
static int
plot_lorenz(plot_ctx *c, FILE *csv)
{
    static const double pop_share[] = { 0, 0.5, 0.8, 0.9, 0.95, 0.99, 1 };
    /* Which concentration group gives each point (-1: the ends). */
    static const int group[] = { -1, 4, 3, 2, 1, 0, -1 };
    const cap_outcomes *o = c->o;
    size_t n = o->conc_trials, years = (size_t) o->years;

    cap_chart_begin(c, "lorenz");
    cap_chart_caption(c, "How concentrated the cost of care is among "
                      "people, one curve per year: the further a curve "
                      "sags below the diagonal, the more of the cost a "
                      "few people account for.");
    cap_chart_common_variables(c);
    fprintf(c->gp, "$lorenz << EOD\n");
    for (size_t y = 0; y < years; y++) {
        for (size_t k = 0; k < sizeof pop_share / sizeof pop_share[0];
             k++) {
            double share = pop_share[k];

            if (group[k] >= 0) {
                double sum = 0.0;

                for (size_t i = 0; i < n; i++)
                    sum += o->concentration[(i * years + y)
                                            * CAP_N_CONC_GROUPS
                                            + (size_t) group[k]];
                /* bottom50 is the share itself; topF leaves 1 - it. */
                share = group[k] == 4 ? sum / (double) n
                                      : 1.0 - sum / (double) n;
            }
            fprintf(c->gp, "%.4g %.9g\n", pop_share[k], share);
            fprintf(csv, "%zu,%.4g,", y + 1, pop_share[k]);
            cap_csv_number(csv, share);
            cap_csv_end(csv);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\nconc_trials = %zu\n", n);
    cap_chart_end(c, "lorenz.gp");
    return CAP_OK;
}

/* The CSVs beside the charts, in the order opened. */
enum { CSV_DENSITY, CSV_SHARES, CSV_RISK_RETURN, CSV_EXCEEDANCE, CSV_FAN,
       CSV_LORENZ, N_CSV };

int
cap_plot_run(const char *dir, const char *templates, const cap_scenario *sc,
             const cap_outcomes *o, const cap_horizon *h,
             cap_plot_files *files, cap_diag *diag)
{
    static const char *const csv_name[N_CSV] = {
        "net_density.csv", "risk_shares.csv", "risk_return.csv",
        "exceedance.csv", "fan.csv", "lorenz.csv"
    };
    static const char *const csv_header[N_CSV] = {
        "option,party,net,density\n", "",
        "option,party,mean_net,mean_net_mcse,cvar95,cvar95_mcse,"
        "annual_mean_net,annual_mean_net_mcse,worst_year_var95,"
        "worst_year_var95_mcse\n",
        "option,party,loss,prob_exceed\n",
        "option,party,year,p05,p25,p50,p75,p95\n",
        "year,population_share,cost_share\n"
    };
    FILE *csv[N_CSV] = { NULL };
    plot_ctx c;
    size_t sys = cap_ledger_system(sc);
    int status;

    status = cap_chart_open(&c, dir, templates, sc, o, files, diag);
    c.h = h;
    c.x = malloc(o->trials * sizeof *c.x);
    c.w = malloc(o->trials * sizeof *c.w);
    if (status == CAP_OK && (c.x == NULL || c.w == NULL))
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (int k = 0; k < N_CSV && status == CAP_OK; k++) {
        csv[k] = cap_chart_open_csv(&c, csv_name[k], csv_header[k]);
        if (csv[k] == NULL)
            status = cap_chart_csv_fault(csv_name[k], diag);
    }
    for (size_t p = 0; p < sys && status == CAP_OK; p++)
        status = plot_net_density(&c, csv[CSV_DENSITY], p);
    if (status == CAP_OK)
        status = plot_risk_transfer(&c, csv[CSV_SHARES]);
    if (status == CAP_OK)
        status = plot_risk_return(&c, csv[CSV_RISK_RETURN]);
    for (size_t p = 0; p < sys && status == CAP_OK; p++)
        status = plot_exceedance(&c, csv[CSV_EXCEEDANCE], p);
    for (size_t p = 0; p <= sys && status == CAP_OK; p++)
        status = plot_fan(&c, csv[CSV_FAN], p);
    if (status == CAP_OK && o->conc_trials > 0)
        status = plot_lorenz(&c, csv[CSV_LORENZ]);
    /* A file that could not be written explains gnuplot's failure to
     * write its images, so it is reported first. */
    for (int k = 0; k < N_CSV; k++)
        status = cap_chart_close_csv(csv[k], csv_name[k], status, diag);
    status = cap_chart_close(&c, status, diag);
    if (status == CAP_OK && (!file_exists(dir, "risk_transfer", "png")
                             || !file_exists(dir, "fan_system_cost",
                                             "svg")))
        status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot wrote no "
                              "charts");
    free(c.x);
    free(c.w);
    return status;
}
