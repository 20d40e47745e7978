/* waterfall_chart.c -- the growth waterfall's charts: for one option,
 * each party's expected spend in year 1, the part of each cause in its
 * change, and its expected spend in the last year (plots/waterfall.gp),
 * with the bars' data in plots/waterfall_chart.csv.
 *
 * Spend is what a board reads as "why do we spend more": the
 * commissioner's payments, a provider's costs, the system's cost.  The
 * net's waterfall, budget growth included, is in waterfall.csv and the
 * report.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include "output/plot.h"
#include "capsim/ledger.h"
#include "capsim/study.h"
#include "base/csv_write.h"
#include "output/chart.h"

/* Okabe-Ito: a rise vermillion, a fall bluish green, the years blue. */
#define RISE 0xD55E00
#define FALL 0x009E73
#define LEVEL 0x0072B2

/* One bar of a chart: the datablock's row (index, "label", bottom, top,
 * colour, "amount" with decimals digits after the point) and the CSV's
 * (option,party,step,cause,bottom,top), in units (money / scale in the
 * chart). */
static void
bar(FILE *gp, FILE *csv, const char *option, const char *party, int step,
    const char *cause, const char *label, double bottom, double top,
    int colour, double amount, double scale, int decimals, size_t index)
{
    fprintf(gp, "%zu ", index);
    cap_chart_put_data_text(gp, label);
    fprintf(gp, colour == LEVEL ? " %.6g %.6g %d \"%.*f\"\n"
                                : " %.6g %.6g %d \"%+.*f\"\n",
            bottom / scale, top / scale, colour, decimals, amount / scale);
    cap_csv_text(csv, option);
    cap_csv_sep(csv);
    cap_csv_text(csv, party);
    cap_csv_sep(csv);
    cap_csv_integer(csv, step);
    cap_csv_sep(csv);
    cap_csv_text(csv, cause);
    cap_csv_sep(csv);
    cap_csv_number(csv, bottom);
    cap_csv_sep(csv);
    cap_csv_number(csv, top);
    cap_csv_end(csv);
}

/* The chart of party's spend under option. */
static void
party_chart(plot_ctx *c, FILE *csv, const cap_waterfall *w, size_t option,
            size_t party)
{
    const cap_scenario *sc = c->sc;
    const char *name = cap_ledger_party_name(sc, party);
    const char *opt = sc->options[option].name;
    size_t at = cap_waterfall_at(w, option, party, CAP_WF_SPEND);
    double level = (double) w->start[at] / 100.0, lo = level, hi = level;
    double scale = 1e6, bottom;
    char stem[CAP_PLOT_NAME], last[32];
    size_t index = 0;
    /* Tenths of a million for a county, hundredths for a smaller
     * system, so that a part of a few percent still reads. */
    int decimals = fabs(level) >= 100.0 * scale ? 1 : 2;

    for (int k = 0; k < CAP_N_CAUSES; k++) {
        level += (double) w->part[at * CAP_N_CAUSES + (size_t) k] / 100.0;
        lo = fmin(lo, level);
        hi = fmax(hi, level);
    }
    /* The axis does not start at 0: the parts would not show. */
    bottom = lo - 0.6 * fmax(hi - lo, 1e-3 * fabs(hi) + 1.0);
    snprintf(stem, sizeof stem, "waterfall_%s", name);
    snprintf(last, sizeof last, "Year %d", w->last_year);
    cap_chart_begin(c, stem);
    cap_chart_caption(c, "Under %s, why %s's expected spend changes from "
                      "year 1 to year %d: each bar is one cause's part "
                      "(orange a rise, green a fall), found by switching the "
                      "causes on one at a time on the same futures; the "
                      "axis does not start at zero.",
                      cap_scenario_option_label(sc, option),
                      cap_ledger_party_label(sc, party), w->last_year);
    cap_chart_names(c);
    cap_chart_put_text(c->gp, "option", cap_scenario_option_label(sc,
                                                                  option));
    cap_chart_put_text(c->gp, "party", cap_ledger_party_label(sc, party));
    fprintf(c->gp, "last_year = %d\nylow = %.6g\nyhigh = %.6g\n",
            w->last_year, bottom / scale,
            (hi + 0.25 * (hi - lo) + 1e-3 * fabs(hi) + 1.0) / scale);
    fprintf(c->gp, "$steps << EOD\n");
    level = (double) w->start[at] / 100.0;
    bar(c->gp, csv, opt, name, 0, "start", "Year 1", bottom, level, LEVEL,
        level, scale, decimals, index++);
    for (int k = 0; k < CAP_N_CAUSES; k++) {
        double part = (double) w->part[at * CAP_N_CAUSES + (size_t) k]
                      / 100.0;

        /* A cause the scenario lacks, or one that does not touch this
         * party's spend (budget growth): no bar.  Other always has one. */
        if (part == 0.0 && k != CAP_CAUSE_OTHER)
            continue;
        bar(c->gp, csv, opt, name, k + 1, cap_cause_name((cap_cause) k),
            cap_cause_label((cap_cause) k), level, level + part,
            part < 0 ? FALL : RISE, part, scale, decimals, index++);
        level += part;
    }
    bar(c->gp, csv, opt, name, CAP_N_CAUSES + 1, "end", last, bottom,
        (double) w->end[at] / 100.0, LEVEL, (double) w->end[at] / 100.0,
        scale, decimals, index++);
    fprintf(c->gp, "EOD\nnsteps = %zu\n", index);
    cap_chart_end(c, "waterfall.gp");
}

int
cap_plot_waterfall(const char *dir, const char *templates,
                   const cap_scenario *sc, const cap_waterfall *w,
                   size_t option, cap_plot_files *files, cap_diag *diag)
{
    static const char name[] = "waterfall_chart.csv";
    plot_ctx c;
    FILE *csv = NULL;
    int status = cap_chart_open(&c, dir, templates, sc, NULL, files, diag);

    if (status == CAP_OK) {
        csv = cap_chart_open_csv(&c, name, "option,party,step,cause,"
                                 "bottom,top");
        if (csv == NULL)
            status = cap_chart_csv_fault(name, diag);
    }
    for (size_t p = 0; p < w->parties && status == CAP_OK; p++)
        party_chart(&c, csv, w, option, p);
    status = cap_chart_close_csv(csv, name, status, diag);
    return cap_chart_close(&c, status, diag);
}
