/* plot.h -- charts of a run, drawn by gnuplot through a pipe.
 *
 * Each chart is a template in plots/ (plain gnuplot) that draws from
 * datablocks and variables capsim saves beside the images as
 * CHART.data, loaded before the template, once for a PNG and once for
 * an SVG; cap_plot_redraw() replays them.  The data of every chart is
 * also written as CSV beside the images.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_PLOT_H
#define CAPSIM_PLOT_H

#include "capsim/error.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "capsim/output.h"
#include "capsim/study.h"

/* Whether gnuplot can be started (GNUPLOT_PATH, or $CAPSIM_GNUPLOT). */
int cap_plot_available(void);

/* The files a run of the charts wrote, named relative to its folder,
 * and for each image (.png, .svg) a sentence saying what its chart
 * shows (for alt text and a caption; "" for the other files).  The
 * same sentence is the caption column of plots/charts.csv. */
#define CAP_PLOT_MAX_FILES 256
#define CAP_PLOT_NAME 96
#define CAP_PLOT_CAPTION 320
typedef struct {
    size_t n;
    char name[CAP_PLOT_MAX_FILES][CAP_PLOT_NAME];
    char caption[CAP_PLOT_MAX_FILES][CAP_PLOT_CAPTION];
} cap_plot_files;

/* Draw the charts of outcomes o, whose horizon summary is h, into
 * folder dir (which exists), reading templates from templates_dir, and
 * list the files written in files (which the
 * caller owns).  Returns CAP_OK, or CAP_EPLOT / CAP_EIO / CAP_ENOMEM
 * with a message in diag.  The charts: each party's net distribution,
 * who carries the cost risk, risk and return, each party's exceedance
 * curve, and fan charts of each party's net and of system cost. */
int cap_plot_run(const char *dir, const char *templates_dir,
                 const cap_scenario *sc, const cap_outcomes *o,
                 const cap_horizon *h, cap_plot_files *files,
                 cap_diag *diag);

/* The charts of a sweep (points[0..n) of base's sweep), added to
 * files: with one key, each party's mean net against it, a line per
 * option with a band of two standard errors (sweep_net_PARTY); with two
 * keys on a grid, a map per option and party (heatmap_OPTION_PARTY).
 * The data of both is plots/sweep.csv. */
int cap_plot_sweep(const char *dir, const char *templates_dir,
                   const cap_scenario *base, const cap_point *points,
                   size_t n, cap_plot_files *files, cap_diag *diag);

/* A tornado chart per option (tornado_OPTION), added to files: the
 * change in the chart party's mean net as each input moves to its low
 * and its high value, largest swing on top; data in
 * plots/tornado_chart.csv. */
int cap_plot_tornado(const char *dir, const char *templates_dir,
                     const cap_scenario *base, const cap_tornado *t,
                     cap_plot_files *files, cap_diag *diag);

/* Redraw every chart of the results folder results_dir from the data
 * its run saved (plots/charts.csv lists each chart and its template;
 * plots/CHART.data holds its variables and datablocks), with the
 * templates in templates_dir -- so an edited template can be tried
 * without rerunning.  *charts is the number redrawn.  Returns CAP_OK,
 * CAP_EINPUT (not a results folder with charts), or CAP_EPLOT. */
int cap_plot_redraw(const char *results_dir, const char *templates_dir,
                    size_t *charts, cap_diag *diag);

/* "Who gains from prevention" (incentives), added to files: per option,
 * each party's change in net per avoided event, with two standard
 * errors; data in plots/incentives_chart.csv. */
int cap_plot_incentives(const char *dir, const char *templates_dir,
                        const cap_scenario *sc, const cap_incentives *in,
                        cap_plot_files *files, cap_diag *diag);

/* Who gains from each intervention: per option, each party's net
 * return (its net with the intervention less without, over the
 * horizon) with two standard errors, from the net_return rows of
 * interventions.csv; chart and data plots/intervention_NAME. */
int cap_plot_interventions(const char *dir, const char *templates_dir,
                           const cap_scenario *sc, const cap_iv_row *rows,
                           size_t n_rows, cap_plot_files *files,
                           cap_diag *diag);

/* The growth waterfall's charts (plots/waterfall.gp): for option, one
 * per party, its expected spend in year 1, each cause's part of the
 * change and its expected spend in the last year; data in
 * plots/waterfall_chart.csv.  Returns as cap_plot_run(). */
int cap_plot_waterfall(const char *dir, const char *templates,
                       const cap_scenario *sc, const cap_waterfall *w,
                       size_t option, cap_plot_files *files, cap_diag *diag);

#endif /* CAPSIM_PLOT_H */
