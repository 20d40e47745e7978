/* study.h -- the runs a command makes of one scenario: the points of a
 * sweep, the two ends of each tornado bar.
 *
 * Every run of a study uses the same seed, so trial i of every point
 * draws the same random numbers (common random numbers): differences
 * between points are paired, and curves across a sweep are smooth.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_STUDY_H
#define CAPSIM_STUDY_H

#include <stdio.h>
#include "capsim/output.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which options each party can live with, given the scenario's risk
 * appetite (cap_appetite), and the option the deciding party should
 * take.  Indexing: acceptable and why_not by [option * parties +
 * party]. */
typedef struct {
    size_t options, parties;
    size_t decider;           /* the party that decides */
    int *acceptable;          /* 1: within every limit of the party's
                                 appetite (a party with no limits
                                 accepts everything), else 0 */
    char **why_not;           /* the limits breached, in words ("its
                                 chance of a deficit in year 3 is 36.9%,
                                 above its appetite of 10%"), or NULL
                                 where acceptable */
    int *borderline;          /* 1 where a figure tested lies within
                                 1.96 standard errors of its limit: the
                                 verdict could change with more trials */
    long recommended;         /* the acceptable option with the best
                                 expected net for the decider, or -1
                                 when no option is acceptable to all */
    long runner_up;           /* the next best acceptable option, or -1 */
    long closest;             /* recommended; or, when no option is
                                 acceptable, the one the fewest parties
                                 reject (the decider's expected net
                                 breaking ties) */
    cap_estimate margin;      /* the decider's expected net per year
                                 under recommended minus runner_up,
                                 paired over the trials, with its
                                 standard error; NAN without both */
    cap_estimate *versus;     /* [option]: the decider's expected net
                                 per year under the option minus under
                                 the recommended (or closest) option,
                                 paired, with its standard error; 0 for
                                 that option itself */
    int clear;                /* whether |margin| exceeds 1.96 standard
                                 errors: the run settles the choice */
    double trials_to_settle;  /* trials that would make it clear (about
                                 1.96^2 se^2 n / margin^2); 0 when clear,
                                 INFINITY when the margin is 0 */
    char *summary;            /* the recommendation and its reasons in
                                 words, one paragraph of plain text */
    char *appetite_text;      /* the appetite applied, in words, saying
                                 which limits are defaults */
} cap_decision;

/* Decide on sc's options from a run's outcomes o and figures h, with
 * money written in sc's currency.  Returns CAP_OK with *out owned by
 * the caller (cap_decision_free), or CAP_ENOMEM with diag set. */
CAP_EXPORT
int cap_decide(const cap_scenario *sc, const cap_outcomes *o,
               const cap_horizon *h, cap_decision **out, cap_diag *diag);

/* Free a decision and its strings.  NULL is a no-op. */
CAP_EXPORT
void cap_decision_free(cap_decision *d);


/* One point of a study and, once run, its outcomes. */
typedef struct {
    const cap_scenario *sc;   /* the point's scenario */
    cap_scenario *owned;      /* sc when it is a variant, else NULL */
    cap_outcomes *o;
    cap_horizon *h;
    cap_decision *decision;   /* which option, at this point */
} cap_point;

/* decision.csv: for every point, option and party, whether the option
 * is acceptable to the party, whether that verdict is close to a limit,
 * whether the option is recommended (or, none being acceptable, the
 * closest), the decider's paired difference from it and the reasons.
 * Returns CAP_OK or CAP_EIO with diag set. */
CAP_EXPORT
int cap_write_decision(FILE *f, const cap_point *points, size_t n,
                       cap_diag *diag);

/* The points of base's sweep, each a validated variant (contracts with
 * "auto" terms are planned anew at each point); without a sweep, one
 * point that is base itself.  Returns CAP_OK with *points (free with
 * cap_points_free) and *n, or fails with diag naming the sweep line. */
CAP_EXPORT
int cap_points_build(const cap_scenario *base, cap_point **points,
                     size_t *n, cap_diag *diag);

/* Simulate point number index (its outcomes are labelled with it),
 * summarise it and decide on its options, into pt->o, pt->h and
 * pt->decision (which the point owns).
 * Returns CAP_OK, or the run's status with diag set. */
CAP_EXPORT
int cap_point_run(cap_point *pt, size_t index, const cap_sim_config *cfg,
                  cap_diag *diag);

/* Free the n points, the variants and outcomes they own, and the
 * array.  NULL is a no-op. */
CAP_EXPORT
void cap_points_free(cap_point *points, size_t n);

/* Whether the n points of base's sweep, run with cfg, fit in the memory
 * available (cap_sim_memory_available(); avail > 0 overrides it, for
 * tests): each point keeps its outcomes until the results are written
 * and one point runs at a time, so a sweep needs the points' outcomes
 * together plus the largest point's working space.  Checked before the
 * first point runs, so that a sweep that cannot finish does not start.
 * Returns CAP_OK (also when the memory available is unknown, or there
 * is no sweep), or CAP_EINPUT with diag naming the [sweep] section's
 * line, the memory needed and available, and what to cut. */
CAP_EXPORT
int cap_points_memory_check(const cap_scenario *base, const cap_point *points,
                            size_t n, const cap_sim_config *cfg,
                            double avail, cap_diag *diag);

/* points.csv: point and each swept key's value. */
CAP_EXPORT
int cap_write_points(FILE *f, const cap_scenario *base, cap_diag *diag);

/* A tornado: each input of base->sensitivity moved alone to its low and
 * its high value, every other uncertain input held at its median, the
 * contracts as planned on base.  For each option and party, the mean
 * net over the horizon; for each option and party but the system, the
 * share of cost risk.  Indexing: [(input * options + option) * parties
 * + party] and, for the centre, [option * parties + party]. */
typedef struct {
    size_t n_inputs, options, parties;
    double *net_mid;          /* every input at its median */
    double *share_mid;
    double *net_low, *net_high, *net_se;      /* se of high - low */
    double *share_low, *share_high, *share_se;
} cap_tornado;

/* Run it: 2 n_inputs + 1 simulations of cfg->trials trials.  step, when
 * not NULL, is told before each run what it is.  Returns CAP_OK with
 * *out owned by the caller (cap_tornado_free); or a run's status
 * (CAP_EINPUT, CAP_ENOMEM ...) with diag set and *out NULL. */
CAP_EXPORT
int cap_tornado_run(const cap_scenario *base, const cap_sim_config *cfg,
                    void (*step)(size_t run, size_t runs, const char *what,
                                 void *user),
                    void *user, cap_tornado **out, cap_diag *diag);
/* Free a tornado and its arrays.  NULL is a no-op. */
CAP_EXPORT
void cap_tornado_free(cap_tornado *t);

/* tornado.csv: option,party,metric,input,low_value,high_value,mid,
 * at_low,at_high,swing,swing_se (swing = at_high - at_low; metric
 * mean_net or cost_risk_share), inputs in the order of
 * base->sensitivity. */
CAP_EXPORT
int cap_write_tornado(FILE *f, const cap_scenario *base,
                      const cap_tornado *t, cap_diag *diag);

/* importance.csv: option,party,input,rank_correlation,lo95,hi95 -- the
 * Spearman correlation, over the trials of a run with uncertain inputs,
 * between each input's draw and each party's net over the horizon,
 * with a 95% interval from Fisher's z. */
CAP_EXPORT
int cap_write_importance(FILE *f, const cap_scenario *sc,
                         const cap_outcomes *o, cap_diag *diag);

/* Who gains from prevention ([incentives]): the same futures with the
 * service's rate cut by step (contracts as planned on the uncut
 * scenario), against base outcomes o of the same seed and trials.  For
 * each option and party, the change in mean net over the horizon per
 * avoided event, [option * parties + party], with its standard error
 * (paired trials); avoided is the expected number of events avoided
 * over the horizon. */
typedef struct {
    size_t options, parties;
    double avoided;
    double *per_event;
    double *se;
} cap_incentives;

/* Returns CAP_OK with *out owned by the caller (cap_incentives_free);
 * or a run's status with diag set and *out NULL. */
CAP_EXPORT
int cap_incentives_run(const cap_scenario *sc, const cap_outcomes *o,
                       const cap_sim_config *cfg, cap_incentives **out,
                       cap_diag *diag);
/* Free the incentives and their arrays.  NULL is a no-op. */
CAP_EXPORT
void cap_incentives_free(cap_incentives *in);

/* incentives.csv: option,party,service,step,avoided_events,
 * net_change_per_avoided_event,se. */
CAP_EXPORT
int cap_write_incentives(FILE *f, const cap_scenario *sc,
                         const cap_incentives *in, cap_diag *diag);

/* Interventions' counterfactuals: for each intervention the same trials
 * (same seed, same draws) with it switched off, and for a demand
 * reduction also with its cut delivered in full.  The difference from
 * the run as written is the intervention's doing, person by person. */
typedef struct {
    size_t n;                 /* sc->n_interventions */
    cap_outcomes **without;   /* [k] */
    cap_outcomes **planned;   /* [k]: NULL for case management */
} cap_counterfactuals;

/* Returns CAP_OK with *out owned by the caller
 * (cap_counterfactuals_free); or a run's status with diag set and *out
 * NULL. */
CAP_EXPORT
int cap_counterfactuals_run(const cap_scenario *sc,
                            const cap_sim_config *cfg,
                            cap_counterfactuals **out, cap_diag *diag);
/* Free the counterfactuals and every run's outcomes they hold.  NULL
 * is a no-op. */
CAP_EXPORT
void cap_counterfactuals_free(cap_counterfactuals *cf);

/* How many runs cap_counterfactuals_run() makes for sc. */
CAP_EXPORT
size_t cap_counterfactual_runs(const cap_scenario *sc);

/* One row of interventions.csv: a measure of intervention k under
 * option for party (a ledger index; programme-wide measures are the
 * system's), over the horizon, across trials: mean, its standard
 * error, and the 5th and 95th percentiles. */
typedef struct {
    size_t intervention, option, party;
    const char *measure;
    double mean, se, p5, p95;
} cap_iv_row;

/* Every row, in the order written: per intervention and option, the
 * programme-wide measures then each party's.  Returns CAP_OK with the
 * *n rows in *rows, which the caller frees with cap_iv_rows_free(); or
 * CAP_ENOMEM with diag set, *rows NULL and *n 0. */
CAP_EXPORT
int cap_interventions_rows(const cap_scenario *sc, const cap_outcomes *o,
                           const cap_counterfactuals *cf, cap_iv_row **rows,
                           size_t *n, cap_diag *diag);
/* Free rows made by cap_interventions_rows().  NULL is a no-op. */
CAP_EXPORT
void cap_iv_rows_free(cap_iv_row *rows);

/* interventions.csv: intervention,type,option,party,measure,mean,se,p5,
 * p95 (measures: docs/outputs.md). */
CAP_EXPORT
int cap_write_interventions(FILE *f, const cap_scenario *sc,
                            const cap_iv_row *rows, size_t n,
                            cap_diag *diag);

/* A growth waterfall: for each option and party, the change in expected
 * spend and in expected net from year 1 to the last year, split into
 * its causes.  The causes are switched on one at a time, in the order
 * of cap_cause, from a run of the same futures (same seed, same
 * streams) with all of them off; each cause's part is the change in
 * the growth it adds, and "other" is the growth left with every cause
 * off.  Expected values are rounded to the cent before the parts are
 * taken, so year 1 + the parts = the last year exactly, in cents.
 * docs/model.md, section 15, says which key belongs to which cause. */
typedef enum {
    CAP_CAUSE_LIST_GROWTH,    /* [population] growth */
    CAP_CAUSE_TREND,          /* [demand] trend and trend_sd */
    CAP_CAUSE_SHOCKS,         /* [demand] shock_sd */
    CAP_CAUSE_INTERVENTIONS,  /* every [intervention.NAME] */
    CAP_CAUSE_BEHAVIOUR,      /* [behaviour] elasticity */
    CAP_CAUSE_PRICES,         /* contracts' indexation, providers'
                                 fixed_cost_growth */
    CAP_CAUSE_FUNDING,        /* budget_growth of the commissioner and
                                 the local authority, pooled budgets'
                                 indexation */
    CAP_CAUSE_OTHER,          /* what no cause explains */
    CAP_N_CAUSES
} cap_cause;

/* The measures a waterfall splits. */
typedef enum { CAP_WF_SPEND, CAP_WF_NET, CAP_WF_MEASURES } cap_wf_measure;

/* Amounts are whole cents (hundredths of the currency's unit).
 * Indexing: start and end by [cap_waterfall_at(w, option, party,
 * measure)], part by [that * CAP_N_CAUSES + cause]. */
typedef struct {
    size_t options, parties;
    int last_year;            /* H > 1 */
    int present[CAP_N_CAUSES];/* 1: the scenario has the cause (other
                                 always); an absent cause's part is 0 */
    size_t runs;              /* the simulations the waterfall made */
    long long *start;         /* expected amount in year 1 */
    long long *end;           /* expected amount in the last year */
    long long *part;          /* each cause's part of end - start */
} cap_waterfall;

/* Index of (option, party, measure) into start and end. */
static inline size_t
cap_waterfall_at(const cap_waterfall *w, size_t option, size_t party,
                 cap_wf_measure m)
{
    return (option * w->parties + party) * CAP_WF_MEASURES + (size_t) m;
}

/* The cause's identifier ("list_growth", ..., "other") and its name for
 * people ("List growth", ...).  Static strings; NULL out of range. */
CAP_EXPORT
const char *cap_cause_name(cap_cause cause);
CAP_EXPORT
const char *cap_cause_label(cap_cause cause);

/* How many simulations cap_waterfall_run() makes for sc when given the
 * run as written: one per cause sc has (the state just before that
 * cause is switched on); 0 when sc has none or a horizon of one year. */
CAP_EXPORT
size_t cap_waterfall_runs(const cap_scenario *sc);

/* Run the waterfall of sc with cfg.  o is sc's run as written with cfg
 * (the outcomes of its point), or NULL to have it run here too (one
 * more run).  Every state runs with cfg, concentration of cost not
 * measured (which changes no outcome), so on the same futures.  Returns
 * CAP_OK with *out owned by the caller (cap_waterfall_free); CAP_EINPUT
 * when sc has a horizon of one year (nothing grows) or a sweep; or a
 * run's status (CAP_ENOMEM ...) with diag set and *out NULL.  o is only
 * read. */
CAP_EXPORT
int cap_waterfall_run(const cap_scenario *sc, const cap_outcomes *o,
                      const cap_sim_config *cfg, cap_waterfall **out,
                      cap_diag *diag);
/* Free a waterfall and its arrays.  NULL is a no-op. */
CAP_EXPORT
void cap_waterfall_free(cap_waterfall *w);

/* waterfall.csv (written by the output layer): point,option,party,
 * measure,step,cause,label,amount -- per option, party and measure the
 * year-1 amount (cause "start"), each cause's part in the waterfall's
 * order, then the last year's amount (cause "end"); amounts to the
 * cent.  Returns CAP_OK or CAP_EIO with diag set. */
CAP_EXPORT
int cap_write_waterfall(FILE *f, const cap_scenario *sc,
                        const cap_waterfall *w, cap_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_STUDY_H */
