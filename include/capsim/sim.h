/* sim.h -- the Monte Carlo driver: many trials, every option.
 *
 * For each trial: (1) simulate demand into a tally, (2) settle every
 * option's contracts against that same tally (common random numbers),
 * (3) record each party's income and spend per year.  Trials run in
 * parallel under OpenMP; each writes only its own rows, so the outcome
 * arrays -- and everything computed from them -- are the same bits for
 * any number of threads.  In a program built with MPI that has started
 * it, each process of MPI_COMM_WORLD runs a contiguous block of the
 * trials and then every process receives every trial's rows, so all
 * hold the same bits as one process would (all must call cap_sim_run
 * together).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_SIM_H
#define CAPSIM_SIM_H

#include <stddef.h>
#include <stdint.h>
#include "capsim/scenario.h"
#include "capsim/stats.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Concentration groups: top 1, 5, 10, 20 percent and the bottom half
 * of people ranked by annual cost. */
#define CAP_N_CONC_GROUPS 5
CAP_EXPORT extern const double cap_conc_fraction[CAP_N_CONC_GROUPS];
CAP_EXPORT extern const char *const cap_conc_names[CAP_N_CONC_GROUPS];

typedef struct {
    long trials;              /* > 0 */
    uint64_t seed;
    int threads;              /* 0: OpenMP's default */
    long concentration_trials;/* trials (the first ones) that record
                                 concentration of cost; 0 = none */
    cap_engine engine;        /* DEFAULT: the scenario's [scenario] engine */
    /* Called now and then from the master thread; may be NULL. */
    void (*progress)(long done, long total, void *user);
    void *progress_user;
} cap_sim_config;

typedef struct {
    size_t point;     /* the study point these trials belong to (0..) */
    size_t trials, options, parties;
    int years;
    double *income;   /* [((trial * options + o) * parties + p) * years + y] */
    double *spend;    /* same layout */
    size_t conc_trials;
    double *concentration; /* [(trial * years + y) * GROUPS + g] */
    double *persistence;   /* [trial * years + y]: share of the previous
                              year's top 5% by cost still in the top 5%
                              (NAN in year 1) */
    size_t n_inputs;
    double *inputs;   /* [trial * n_inputs + k]: uncertain inputs drawn */
    size_t n_interventions;
    double *interventions; /* [cap_outcomes_iv_at()]: what intervention k
                              did over the horizon under the option */
} cap_outcomes;

/* Fields of cap_outcomes.interventions: cap_iv_field (capsim/scenario.h),
 * summed over the years, then the programme's cost. */
#define CAP_IV_PROGRAMME_COST CAP_IV_FIELDS
#define CAP_IV_OUTCOMES (CAP_IV_FIELDS + 1)

/* How many trials (the first ones) a run of sc should measure
 * concentration of cost on: 100, or fewer for a large population --
 * as many as hold about 10 million person-years, at least 1.  The
 * shares of a large population's top percentiles vary little from
 * trial to trial, and the measurement needs people, which the
 * aggregate engine then draws on the individual one. */
CAP_EXPORT
long cap_sim_concentration_trials(const cap_scenario *sc);

/* The memory a run of sc with cfg needs, in bytes, estimated from its
 * largest arrays: the outcomes every trial keeps (income and spend per
 * option, party and year; inputs; interventions; concentration) and
 * each thread's working space (the population, and on the individual
 * engine a few numbers per person). */
CAP_EXPORT
double cap_sim_memory(const cap_scenario *sc, const cap_sim_config *cfg);

/* The part of cap_sim_memory() that the run's outcomes keep after it
 * ends (the rest is working space, freed when it ends), in bytes: what
 * each point of a sweep holds until the results are written. */
CAP_EXPORT
double cap_sim_memory_kept(const cap_scenario *sc, const cap_sim_config *cfg);

/* The memory this machine has available for a run, in bytes
 * (MemAvailable, else the physical memory); 0 when unknown. */
CAP_EXPORT
double cap_sim_memory_available(void);

/* Run the simulation.  Returns CAP_OK with *out owned by the caller
 * (cap_outcomes_free), or CAP_ENOMEM / CAP_EINPUT with diag filled.
 * A run whose cap_sim_memory() exceeds the memory available is refused
 * with CAP_ENOMEM before any trial starts. */
CAP_EXPORT
int cap_sim_run(const cap_scenario *sc, const cap_sim_config *cfg,
                cap_outcomes **out, cap_diag *diag);
/* Free outcomes and the arrays they own.  NULL is a no-op. */
CAP_EXPORT
void cap_outcomes_free(cap_outcomes *o);

/* What cap_outcomes_gather() collects. */
typedef enum { CAP_INCOME, CAP_SPEND, CAP_NET } cap_quantity;

/* The year that stands for the whole horizon (years 1..H summed) where
 * a function takes a year: cap_outcomes_gather(), cap_risk_shares(). */
#define CAP_HORIZON 0

/* Fill x[trial] with quantity q of (option, party) in year (1..H), or
 * summed over the horizon when year is CAP_HORIZON. */
CAP_EXPORT
void cap_outcomes_gather(const cap_outcomes *o, size_t option,
                         size_t party, int year, cap_quantity q, double *x);

/* Two runs on the same trials (and seed), a and b: the mean over
 * trials of b's net minus a's net over the horizon for (option, party),
 * with its paired standard error.  x and y hold a->trials doubles. */
CAP_EXPORT
cap_estimate cap_outcomes_paired_net(const cap_outcomes *a,
                                     const cap_outcomes *b, size_t option,
                                     size_t party, double *x, double *y);

/* Probability that party's cumulative net falls below -reserves at
 * some year end up to year last (1..H), over the trials. */
CAP_EXPORT
double cap_outcomes_prob_ruin(const cap_outcomes *o, size_t option,
                              size_t party, int last, double reserves);

/* Index into income/spend; year is 1..H. */
static inline size_t
cap_outcomes_at(const cap_outcomes *o, size_t trial, size_t option,
                size_t party, int year)
{
    return ((trial * o->options + option) * o->parties + party)
           * (size_t) o->years + (size_t) (year - 1);
}

/* Index into interventions: field f (0..CAP_IV_OUTCOMES-1) of
 * intervention k under option in trial. */
static inline size_t
cap_outcomes_iv_at(const cap_outcomes *o, size_t trial, size_t option,
                   size_t k, int f)
{
    return ((trial * o->options + option) * o->n_interventions + k)
           * CAP_IV_OUTCOMES + (size_t) f;
}

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_SIM_H */
