/* chart.h -- the plumbing the charts share (internal to capsim): a
 * gnuplot session, a chart's data, and the CSVs beside the images.
 *
 * A chart is drawn in three steps: cap_chart_begin(), then variables
 * and datablocks written to c->gp, then cap_chart_end() with the name
 * of its template, which saves the data as plots/STEM.data, draws it
 * and lists it in plots/charts.csv.  A chart's failure is remembered
 * in the context, not returned, so the next chart still runs and
 * cap_chart_close() reports the first failure.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CHART_H
#define CAPSIM_CHART_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include "capsim/error.h"
#include "capsim/output.h"
#include "output/plot.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "output/gnuplot.h"

/* Everything a chart needs: gnuplot, where to write, the run and its
 * horizon summary, two scratch arrays of o->trials doubles, and the
 * list of files written. */
typedef struct {
    FILE *gp;                 /* the chart's data (a memory stream),
                                 from cap_chart_begin to cap_chart_end */
    char *data;               /* its bytes, owned by the stream */
    size_t data_len;
    cap_gnuplot session;
    int open;                 /* session started */
    int status;               /* the first failure of a chart */
    cap_diag fault;           /* and its diagnostic */
    char stem[CAP_PLOT_NAME - 8]; /* room for ".data" */
    char caption[CAP_PLOT_CAPTION]; /* what the chart shows, in words */
    char dir[PATH_MAX];       /* absolute: see gnuplot.h */
    char templates[PATH_MAX];
    const cap_scenario *sc;
    const cap_outcomes *o;
    const cap_horizon *h;
    double *x, *w;
    cap_plot_files *files;
} plot_ctx;

/* Start gnuplot for charts of sc and o (either may be NULL for charts
 * that do not use them) into the folder dir, with the templates in the
 * folder templates; files (or NULL) lists what is written.  Returns
 * CAP_OK, or an error with diag set; close the context either way. */
int cap_chart_open(plot_ctx *c, const char *dir, const char *templates,
                   const cap_scenario *sc, const cap_outcomes *o,
                   cap_plot_files *files, cap_diag *diag);

/* Close gnuplot; the first failure wins: the caller's status, then a
 * chart's (a file that could not be written comes before gnuplot's
 * complaint about it), then gnuplot's.  Returns that status, with diag
 * set when it is not CAP_OK. */
int cap_chart_close(plot_ctx *c, int status, cap_diag *diag);

/* Begin chart stem: until cap_chart_end(), its variables and
 * datablocks go to c->gp (memory), then to plots/STEM.data and to
 * gnuplot. */
void cap_chart_begin(plot_ctx *c, const char *stem);

/* End the chart: save its data as plots/STEM.data, draw it from
 * template (a file name in the templates folder), and list it in
 * plots/charts.csv so that it can be redrawn. */
void cap_chart_end(plot_ctx *c, const char *template);

/* The variables every run chart's template may use: those of
 * cap_chart_names(), and years and trials; needs c->sc and c->o. */
void cap_chart_common_variables(plot_ctx *c);

/* The names and colours a template may use, from c->sc alone:
 * scenario (its title), money (the unit of money axes: "£m", "CHF m",
 * or "millions" without a currency), noptions, option_names[] (labels),
 * option_colours[], nparties (the ledger's parties, the whole system
 * last), party_names[] and party_colours[]. */
void cap_chart_names(plot_ctx *c);

/* The colour of option (from 0) and of ledger party of sc, the same in
 * every chart: the Okabe-Ito palette, which stays distinct under the
 * common colour vision deficiencies; the whole system is black.
 * Returns a static "#RRGGBB". */
/* The x grid of a density chart of values from lo to hi: n points
 * evenly spaced over [lo, hi] widened by 8% of its width (and a little
 * more, so that equal ends still make an axis), into g.  Cannot fail. */
void cap_chart_density_grid(double lo, double hi, double *g, int n);

const char *cap_chart_option_colour(size_t option);
const char *cap_chart_party_colour(const cap_scenario *sc, size_t party);

/* The unit of a money axis for sc, into buf of size n: "£m" with a
 * currency, "millions" without.  Returns buf. */
char *cap_chart_money_unit(const cap_scenario *sc, char *buf, size_t n);

/* A sentence saying what the chart begun last shows (printf-style);
 * cap_chart_end() lists it in charts.csv and beside the images. */
void cap_chart_caption(plot_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A swept or varied key SECTION.KEY of sc for people, into buf of size
 * n: the section's label where given, else its name in words, then
 * the key in words ("Acute cap: per head").  Returns buf. */
char *cap_chart_key_label(const cap_scenario *sc, const char *section,
                          const char *key, char *buf, size_t n);

/* A text variable of a chart's data: NAME = 'VALUE'. */
void cap_chart_put_text(FILE *f, const char *name, const char *value);

/* An element of a text array: NAME[INDEX] = 'VALUE' (from 1). */
void cap_chart_put_text_at(FILE *f, const char *name, size_t index,
                           const char *value);

/* A text field of a datablock line: "VALUE", any double quote in it
 * written as a single quote and any control character as a space. */
void cap_chart_put_data_text(FILE *f, const char *value);

/* Open the CSV name in the plots folder, write its header and list it.
 * Returns the stream (the caller closes it with cap_chart_close_csv),
 * or NULL with errno set. */
FILE *cap_chart_open_csv(plot_ctx *c, const char *name,
                         const char *header);

/* A CSV of the plots folder that could not be written: sets diag to
 * its name and the system's reason (errno as the failing call left
 * it).  Returns CAP_EIO. */
int cap_chart_csv_fault(const char *name, cap_diag *diag);

/* Close a chart's CSV (NULL: never opened), reporting a failure to
 * write it when status is CAP_OK.  Returns the status. */
int cap_chart_close_csv(FILE *csv, const char *name, int status,
                        cap_diag *diag);

#endif /* CAPSIM_CHART_H */
