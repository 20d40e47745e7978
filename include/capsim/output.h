/* output.h -- a run's results folder: CSV tables and the manifest.
 *
 * Column layouts and every metric are documented in docs/outputs.md.
 * The writers take an open FILE the caller owns; cap_results_* make the
 * folder appear whole or not at all (write into a temporary sibling,
 * then rename).
 */
#ifndef CAPSIM_OUTPUT_H
#define CAPSIM_OUTPUT_H

#include <stdio.h>
#include "capsim/error.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "capsim/stats.h"

/* The rows of one study point (o->point), after the header line when
 * header is set: a sweep writes every point into one file.
 * summary.csv: point,option,party,year,quantity,metric,value,mcse */
int cap_write_summary(FILE *f, const cap_scenario *sc,
                      const cap_outcomes *o, int header);
/* risk_transfer.csv: point,option,year,party,cost_risk_share,mcse */
int cap_write_risk_transfer(FILE *f, const cap_scenario *sc,
                            const cap_outcomes *o, int header);
/* trials.csv: point,trial,option,party,year,income,spend,net */
int cap_write_trials(FILE *f, const cap_scenario *sc,
                     const cap_outcomes *o, int header);
/* concentration.csv: point,year,group,share,mcse */
int cap_write_concentration(FILE *f, const cap_outcomes *o, int header);
/* inputs.csv: point,trial and one column per uncertain input (its
 * "SECTION.KEY"): the values each trial drew. */
int cap_write_inputs(FILE *f, const cap_scenario *sc,
                     const cap_outcomes *o, int header);

/* Each party's share of cost risk under option o in year (1..H, or 0
 * for the whole horizon): -Cov(net, C) / Var(C), C = system cost. */
void cap_risk_shares(const cap_scenario *sc, const cap_outcomes *o,
                     size_t option, int year, double *x_work,
                     double *y_work, double *share, double *mcse);

/* Each party's net over the whole horizon, summarised per option, with
 * its share of cost risk: what the overview, the charts and the report
 * all show, computed once.  Indexing: s and ruin by
 * [option * o->parties + party], share by [option * system + party]
 * (system = cap_ledger_system(sc); the system itself has no share). */
typedef struct {
    cap_summary *s;           /* statistics of net over the horizon */
    double *ruin;             /* P(reserves exhausted); NAN but providers */
    double *share;            /* -Cov(net, C) / Var(C) over the horizon */
    double *share_mcse;
} cap_horizon;

/* Compute it.  Returns CAP_OK with *out owned by the caller
 * (cap_horizon_free, which accepts NULL), or CAP_ENOMEM. */
int cap_horizon_alloc(const cap_scenario *sc, const cap_outcomes *o,
                      cap_horizon **out);
void cap_horizon_free(cap_horizon *h);

/* A results folder being written.  cap_results_begin() refuses an
 * existing final path unless force (CAP_EEXIST), and creates a
 * temporary folder beside it; files go into tmp_path.  commit()
 * renames it into place (replacing the old one when forced); abort()
 * removes it.  Both free nothing else and leave r reusable. */
typedef struct {
    char final_path[1024];
    char tmp_path[2200];
    int force;
} cap_results;

int cap_results_begin(cap_results *r, const char *path, int force,
                      cap_diag *diag);
int cap_results_commit(cap_results *r, cap_diag *diag);
void cap_results_abort(cap_results *r);
/* fopen() a file inside the temporary folder (relative name). */
FILE *cap_results_open(const cap_results *r, const char *name);
/* Make a subfolder inside the temporary folder. */
int cap_results_mkdir(const cap_results *r, const char *name);

#endif /* CAPSIM_OUTPUT_H */
