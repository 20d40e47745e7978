/* output.h -- a run's results folder: CSV tables and the manifest.
 *
 * Column layouts and every metric are documented in docs/outputs.md.
 * The writers take an open FILE the caller owns; cap_results_* make the
 * folder appear whole or not at all (write into a temporary sibling,
 * then rename).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_OUTPUT_H
#define CAPSIM_OUTPUT_H

#include <stdio.h>
#include <sys/types.h>
#include "capsim/error.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "capsim/stats.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether a table writer begins with the header line: a sweep writes
 * every point into one file, the header before the first point only. */
typedef enum { CAP_HEADER_SKIP, CAP_HEADER_WRITE } cap_header;

/* The rows of one study point (o->point), after the header line when
 * header is CAP_HEADER_WRITE.  Each returns CAP_OK; or CAP_ENOMEM
 * ("out of memory") or CAP_EIO ("cannot write the table: REASON",
 * errno left as the failed write set it) with diag set, the rows
 * written so far left in f.
 * summary.csv: point,option,party,year,quantity,metric,value,mcse */
CAP_EXPORT
int cap_write_summary(FILE *f, const cap_scenario *sc,
                      const cap_outcomes *o, cap_header header,
                      cap_diag *diag);
/* risk_transfer.csv: point,option,year,party,cost_risk_share,mcse */
CAP_EXPORT
int cap_write_risk_transfer(FILE *f, const cap_scenario *sc,
                            const cap_outcomes *o, cap_header header,
                            cap_diag *diag);
/* trials.csv: point,trial,option,party,year,income,spend,net */
CAP_EXPORT
int cap_write_trials(FILE *f, const cap_scenario *sc,
                     const cap_outcomes *o, cap_header header,
                     cap_diag *diag);
/* concentration.csv: point,year,group,share,mcse */
CAP_EXPORT
int cap_write_concentration(FILE *f, const cap_outcomes *o,
                            cap_header header, cap_diag *diag);
/* inputs.csv: point,trial and one column per uncertain input (its
 * "SECTION.KEY"): the values each trial drew. */
CAP_EXPORT
int cap_write_inputs(FILE *f, const cap_scenario *sc,
                     const cap_outcomes *o, cap_header header,
                     cap_diag *diag);

/* Each party's share of cost risk under option o in year (1..H, or
 * CAP_HORIZON for the whole horizon): -Cov(net, C) / Var(C), C =
 * system cost. */
CAP_EXPORT
void cap_risk_shares(const cap_scenario *sc, const cap_outcomes *o,
                     size_t option, int year, double *x_work,
                     double *y_work, double *share, double *mcse);

/* Each party's position per option, computed once for the overview,
 * the charts, the report and the recommendation: the annual figures a
 * board is held to (an NHS body's duty is to break even every year)
 * beside the figures over the whole horizon.  Indexing: s, worst,
 * any_deficit, worst_deficit and ruin by [option * o->parties + party];
 * year_deficit by [(option * o->parties + party) * years + year - 1];
 * share by [option * system + party] (system = cap_ledger_system(sc);
 * the system itself has no share). */
typedef struct {
    int years;                /* the horizon H */
    cap_summary *s;           /* statistics of net over the horizon */
    cap_summary *worst;       /* statistics of each trial's worst year's
                                 net (its minimum over the years):
                                 var95 is the worst year's 1-in-20 loss,
                                 cvar95 its expected shortfall */
    cap_estimate *any_deficit;   /* P(net < 0 in at least one year) */
    cap_estimate *year_deficit;  /* P(net < 0 in the year) */
    cap_estimate *worst_deficit; /* the largest year_deficit over the
                                    years: what "P(deficit in a year)"
                                    means in the headline */
    double *ruin;             /* P(cumulative net below -reserves at some
                                 year end), for the party's reserve in
                                 sc->appetite (a provider's own reserves
                                 by default); NAN where it has none */
    double *share;            /* -Cov(net, C) / Var(C) over the horizon */
    double *share_mcse;
} cap_horizon;

/* Compute it.  Returns CAP_OK with *out owned by the caller
 * (cap_horizon_free, which accepts NULL), or CAP_ENOMEM with diag set
 * and *out NULL. */
CAP_EXPORT
int cap_horizon_alloc(const cap_scenario *sc, const cap_outcomes *o,
                      cap_horizon **out, cap_diag *diag);
/* Free a horizon summary and its arrays.  NULL is a no-op. */
CAP_EXPORT
void cap_horizon_free(cap_horizon *h);

/* A results folder being written.  cap_results_begin() refuses a path
 * that cannot be a folder of its own (empty, '.', '..', a control
 * character, a symbolic link, an existing file: CAP_EINPUT) and an
 * existing folder with CAP_REPLACE_NEVER (CAP_EEXIST); with
 * CAP_REPLACE_OURS (the command's --force), it replaces
 * only an empty folder or a capsim results folder (a manifest.ini
 * written by capsim, and nothing it does not list), and never one that
 * holds any of inputs (CAP_EEXIST, naming what would be lost).  It
 * removes the temporary folders of killed runs to the same parent that
 * a marker proves capsim's, then creates a temporary folder beside the
 * final one; files go into tmp_path.  commit() checks the final path
 * again and renames the temporary folder into place (replacing the old
 * one, of which it removes only the files its manifest lists); abort()
 * removes it.  Both free nothing else and leave r reusable. */
#define CAP_RESULTS_INPUTS 12
typedef enum { CAP_REPLACE_NEVER, CAP_REPLACE_OURS } cap_replace;
typedef struct {
    char final_path[1024];
    char tmp_path[2200];
    cap_replace force;
    size_t n_inputs;          /* the run's input files, resolved */
    char input_real[CAP_RESULTS_INPUTS][1024];
    char input_given[CAP_RESULTS_INPUTS][512];
    dev_t input_dev[CAP_RESULTS_INPUTS];
    ino_t input_ino[CAP_RESULTS_INPUTS];
} cap_results;

/* r is the caller's (on its stack, say) and filled here; it owns no
 * memory, so there is nothing to free: commit or abort it.
 * inputs: the run's input files, NULL-terminated (up to
 * CAP_RESULTS_INPUTS are kept); may be NULL.  Returns CAP_OK, or
 * CAP_EINPUT / CAP_EEXIST / CAP_EIO with diag set, nothing created. */
CAP_EXPORT
int cap_results_begin(cap_results *r, const char *path, cap_replace force,
                      const char *const *inputs, cap_diag *diag);
/* Returns CAP_OK with the folder in place; or, with the temporary
 * folder removed and any old folder left as it was, CAP_EEXIST /
 * CAP_EINPUT (the final path may no longer be replaced: it appeared
 * without force, became a link or a file, or gained a file capsim did
 * not write) or CAP_EIO (a rename failed), diag set. */
CAP_EXPORT
int cap_results_commit(cap_results *r, cap_diag *diag);
/* Remove the temporary folder, if any.  Cannot fail. */
CAP_EXPORT
void cap_results_abort(cap_results *r);
/* fopen() a file inside the temporary folder (relative name); NULL
 * with errno set on failure. */
CAP_EXPORT
FILE *cap_results_open(const cap_results *r, const char *name);
/* Close f, the file name of the folder opened by cap_results_open, and
 * check that everything written to it reached the disk.  status is the
 * writer's result and saved_errno the errno it left.  Returns CAP_OK;
 * or CAP_EIO with diag "cannot write FOLDER/NAME: REASON", the system's
 * reason given once; or the writer's other status.  f is closed in
 * every case. */
CAP_EXPORT
int cap_results_close(const cap_results *r, FILE *f, const char *name,
                      int status, int saved_errno, cap_diag *diag);
/* Make the subfolder name inside the temporary folder.  Returns CAP_OK;
 * or CAP_EIO with diag "cannot write FOLDER/NAME: REASON". */
CAP_EXPORT
int cap_results_mkdir(const cap_results *r, const char *name,
                      cap_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_OUTPUT_H */
