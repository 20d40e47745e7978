/* results.h -- a whole results folder from a run, in one call: what
 * 'capsim run' and 'capsim tornado' write.
 *
 * The folder holds the tables (summary.csv, risk_transfer.csv,
 * concentration.csv; trials.csv and inputs.csv when asked for;
 * points.csv for a sweep, tornado.csv and importance.csv for a
 * tornado, incentives.csv, interventions.csv, waterfall.csv), the
 * charts in plots/ (unless not wanted, or gnuplot cannot be started),
 * inputs/ (the bytes of every file the scenario was read from),
 * report.html (which shows the manifest's record of the run) and
 * manifest.ini (the command, the build, and the checksum of every file
 * above and of itself; docs/outputs.md).  It appears whole or not at
 * all: everything is written
 * into a temporary folder beside it, which is renamed into place
 * (cap_results_begin/commit in capsim/output.h).
 *
 * Running a scenario and writing its folder, from C:
 *
 *     cap_scenario *sc = NULL;
 *     cap_point *points = NULL;
 *     size_t n = 0;
 *     cap_diag diag = { "", 0, "" };
 *     cap_sim_config cfg = { 0 };
 *     cap_results_request what = { 0 };
 *     int status = cap_scenario_load("quickstart.ini", &sc, &diag);
 *
 *     if (status == CAP_OK)
 *         status = cap_points_build(sc, &points, &n, &diag);
 *     if (status == CAP_OK) {
 *         cfg.trials = sc->trials;
 *         cfg.seed = sc->seed;
 *         cfg.concentration_trials = cap_sim_concentration_trials(sc);
 *     }
 *     for (size_t p = 0; p < n && status == CAP_OK; p++)
 *         status = cap_point_run(&points[p], p, &cfg, &diag);
 *     what.scenario = sc;
 *     what.points = points;
 *     what.n_points = n;
 *     what.config = &cfg;
 *     if (status == CAP_OK)
 *         status = cap_results_write("results/quickstart", &what, &diag);
 *     if (status != CAP_OK)
 *         fprintf(stderr, "%s\n", diag.message);
 *     cap_points_free(points, n);
 *     cap_scenario_free(sc);
 *
 * A sweep is the same code (cap_points_build makes one point per
 * setting); a tornado, the incentives and the interventions are run
 * with the calls of capsim/study.h and handed over in the request.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_RESULTS_H
#define CAPSIM_RESULTS_H

#include <time.h>
#include "capsim/error.h"
#include "capsim/output.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "capsim/study.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a results folder is written from, and how.  Everything it
 * points to stays the caller's and is only read; it must outlive the
 * call.  A request set to { 0 } but for the first four fields writes
 * what 'capsim run FILE' writes. */
typedef struct {
    /* The run. */
    const cap_scenario *scenario;     /* as loaded: a sweep's base */
    const cap_point *points;          /* n_points >= 1, each run */
    size_t n_points;
    const cap_sim_config *config;     /* what the points ran with (for
                                         the manifest; its progress
                                         callback is not called) */
    const cap_tornado *tornado;       /* tornado.csv, importance.csv and
                                         the tornado charts; or NULL */
    const cap_incentives *incentives; /* incentives.csv; or NULL */
    const cap_iv_row *iv_rows;        /* interventions.csv; or NULL */
    size_t n_iv_rows;
    time_t started;                   /* when the run began; 0: now
                                         (cap_results_clock()) */
    /* What to write. */
    int keep_trials;                  /* also trials.csv and inputs.csv */
    int no_plots;                     /* no charts (no plots/ folder) */
    cap_replace force;                /* CAP_REPLACE_OURS: replace an
                                         existing folder capsim wrote
                                         (see cap_results_begin) */
    const char *templates_dir;        /* chart templates; NULL:
                                         cap_results_templates() */
    /* Told, when not NULL, of what the folder lacks and why (now only
     * "gnuplot not found; plots skipped"); message is a sentence
     * without a final full stop, valid during the call. */
    void (*notice)(const char *message, void *user);
    void *notice_user;
    /* For the manifest, which records them: the command that made the
     * folder ("run" or "tornado"; NULL: "run"), and the whole command
     * line as given (argv[0] included; argv NULL: none recorded).  The
     * strings stay the caller's. */
    const char *command;
    int argc;
    char *const *argv;
    /* The growth waterfall (cap_waterfall_run) of a single point with
     * more than one year: waterfall.csv, its charts and the report's
     * section "Why spending grows"; or NULL, none. */
    const cap_waterfall *waterfall;
} cap_results_request;

/* Write the results folder dir from what: begin it (refusing dir as
 * cap_results_begin does, the scenario's files being the run's inputs
 * that force never replaces), write it, then commit it.  Returns CAP_OK
 * with the folder in place; or, with nothing of the folder written and
 * any old folder left as it was, CAP_EINPUT / CAP_EEXIST (dir may not
 * be written), CAP_EIO (a file could not be written or renamed),
 * CAP_EPLOT (gnuplot failed) or CAP_ENOMEM, diag set. */
CAP_EXPORT
int cap_results_write(const char *dir, const cap_results_request *what,
                      cap_diag *diag);

/* The same in two steps, for a program that begins the folder before
 * a long run (so that a folder it may not write stops it before it
 * starts) or that hands the temporary folder to a signal handler:
 * cap_results_start() is cap_results_begin() with sc's files as the
 * inputs; cap_results_fill() writes what into r's temporary folder,
 * and the caller then commits or aborts r (capsim/output.h).  Both
 * return CAP_OK or a status as cap_results_write(), diag set. */
CAP_EXPORT
int cap_results_start(cap_results *r, const char *dir,
                      const cap_scenario *sc, cap_replace force,
                      cap_diag *diag);
CAP_EXPORT
int cap_results_fill(const cap_results *r, const cap_results_request *what,
                     cap_diag *diag);

/* The chart templates: $CAPSIM_PLOTS_DIR when it is set and not empty,
 * else the installed ones (DATADIR/capsim/plots).  A static string or
 * the environment's; never NULL. */
CAP_EXPORT
const char *cap_results_templates(void);

/* The time a manifest records: $SOURCE_DATE_EPOCH (seconds since 1970)
 * when it is set and valid, the reproducible-builds convention, so that
 * two runs can be compared file for file; the clock otherwise. */
CAP_EXPORT
time_t cap_results_clock(void);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_RESULTS_H */
