/* report.h -- report.html: a self-contained page for a board paper.
 *
 * A plain-language summary of each option (each party's expected
 * position, 1-in-20 loss, probability of deficit, who carries the cost
 * risk), the charts, the options table, the scenario as run and the
 * manifest.  Charts are embedded as SVG data; a content security policy
 * forbids the page any network access.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_H
#define CAPSIM_REPORT_H

#include <stdio.h>
#include <time.h>
#include "capsim/error.h"
#include "capsim/output.h"
#include "output/plot.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "capsim/study.h"

/* What the report shows: the points run (one, or a sweep's), and a
 * tornado or NULL.  plots_dir and charts (the files the charts wrote
 * there) may be NULL: no charts.  record (the manifest's record of the
 * run, the same on any threads, processes and folder) may be NULL. */
typedef struct {
    const cap_scenario *base;
    const cap_point *points;
    size_t n_points;
    const cap_tornado *tornado;
    const char *plots_dir;
    const cap_plot_files *charts;
    const char *record;
    time_t started;              /* the date shown: when the run began */
    const cap_iv_row *iv_rows;   /* interventions.csv's rows, or NULL */
    size_t n_iv_rows;
    const cap_waterfall *waterfall; /* the growth waterfall, or NULL */
} cap_report_input;

/* Write the report to f.  A single point opens with the plain-language
 * summary of each option; a sweep with where each party breaks even
 * along a one-key sweep; a tornado adds the inputs that matter most;
 * interventions add what each really saved, what a before-and-after
 * evaluation would have claimed, and each party's net return.
 * Returns CAP_OK, or CAP_EIO when a file cannot be read or f written. */
int cap_write_report(FILE *f, const cap_report_input *in);

#endif /* CAPSIM_REPORT_H */
