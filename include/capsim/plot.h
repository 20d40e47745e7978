/* plot.h -- charts of a run, drawn by gnuplot through a pipe.
 *
 * Each chart is a template in plots/ (plain gnuplot) that draws from
 * datablocks and variables capsim defines before loading it, once for
 * a PNG and once for an SVG.  The data of every chart is also written
 * as CSV beside the images.
 */
#ifndef CAPSIM_PLOT_H
#define CAPSIM_PLOT_H

#include "capsim/error.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"

/* Whether gnuplot can be started (GNUPLOT_PATH, or $CAPSIM_GNUPLOT). */
int cap_plot_available(void);

/* Draw the charts into folder dir (which exists), reading templates
 * from templates_dir.  Returns CAP_OK, or CAP_EPLOT / CAP_EIO with a
 * message in diag. */
int cap_plot_run(const char *dir, const char *templates_dir,
                 const cap_scenario *sc, const cap_outcomes *o,
                 cap_diag *diag);

#endif /* CAPSIM_PLOT_H */
