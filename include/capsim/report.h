/* report.h -- report.html: a self-contained page for a board paper.
 *
 * A plain-language summary of each option (each party's expected
 * position, 1-in-20 loss, probability of deficit, who carries the cost
 * risk), the charts, the options table, the scenario as run and the
 * manifest.  Charts are embedded as SVG data; a content security policy
 * forbids the page any network access.
 */
#ifndef CAPSIM_REPORT_H
#define CAPSIM_REPORT_H

#include <stdio.h>
#include "capsim/error.h"
#include "capsim/output.h"
#include "capsim/plot.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"

/* Write the report to f, from the run's outcomes and their horizon
 * summary h.  plots_dir and charts (the files the charts wrote there)
 * may be NULL: no charts.  manifest_path may be NULL.  Returns CAP_OK,
 * or CAP_EIO when a file cannot be read or f written. */
int cap_write_report(FILE *f, const cap_scenario *sc, const cap_outcomes *o,
                     const cap_horizon *h, const char *plots_dir,
                     const cap_plot_files *charts,
                     const char *manifest_path);

#endif /* CAPSIM_REPORT_H */
