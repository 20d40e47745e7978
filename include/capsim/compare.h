/* compare.h -- several scenarios side by side: each party's figures
 * under each option in each scenario, and every scenario's difference
 * from the first, with Monte Carlo standard errors (what 'capsim
 * compare' writes as comparison.csv; docs/comparing.md).
 *
 * Two runs with the same seed and the same number of trials draw trial
 * t from the same random streams (capsim's streams are keyed by seed,
 * trial, purpose, year and index), so their differences can be paired
 * trial by trial.  When the scenarios also share the demand's structure
 * (population, tiers, services, providers, interventions, behaviour,
 * uncertain inputs, years and engine) the demand of every trial is the
 * same in both -- common random numbers -- and only the money moved by
 * the contracts differs, which makes the paired standard error of a
 * difference far smaller than that of two independent runs.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_COMPARE_H
#define CAPSIM_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include "capsim/error.h"
#include "capsim/output.h"
#include "capsim/scenario.h"
#include "capsim/sim.h"
#include "capsim/stats.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The figures compared, per option, party and period. */
typedef enum {
    CAP_CMP_EXPECTED_NET,     /* mean net (a year's, or the horizon's) */
    CAP_CMP_PROB_DEFICIT,     /* P(net < 0) */
    CAP_CMP_PROB_DEFICIT_WORST_YEAR, /* the largest P(deficit) of a
                                        single year (horizon only) */
    CAP_CMP_WORST_YEAR_VAR95, /* the worst year's 1-in-20 loss (horizon
                                 only) */
    CAP_CMP_METRICS
} cap_cmp_metric;

/* The metric's identifier in comparison.csv ("expected_net"...) and its
 * name for people ("expected net").  Static strings. */
CAP_EXPORT
const char *cap_cmp_metric_name(cap_cmp_metric m);
CAP_EXPORT
const char *cap_cmp_metric_label(cap_cmp_metric m);

/* The estimates of one scenario that was not rerun and kept no trials
 * (a results folder's summary.csv): [cap_cmp_cell()], NAN where the
 * folder had no figure. */
typedef struct {
    size_t options, parties;
    int years;
    cap_estimate *cell;
} cap_cmp_table;

/* Index of (option, party, year, metric) in a cap_cmp_table; year
 * 1..years, or CAP_HORIZON (0) for the horizon. */
static inline size_t
cap_cmp_cell(const cap_cmp_table *t, size_t option, size_t party, int year,
             cap_cmp_metric m)
{
    return ((option * t->parties + party) * (size_t) (t->years + 1)
            + (size_t) year) * CAP_CMP_METRICS + (size_t) m;
}

/* The index of the option called name in sc, or -1: options are
 * matched across scenarios by their identifiers.  A lookup, not a
 * failure. */
CAP_EXPORT
long cap_cmp_find_option(const cap_scenario *sc, const char *name);

/* The scenario's title for people: its label, else its name.  The
 * string is sc's. */
CAP_EXPORT
const char *cap_cmp_title(const cap_scenario *sc);

/* One scenario of a comparison: its scenario (for names, labels and
 * keys) and either its outcomes trial by trial (o and its horizon
 * summary h) or, without them, its estimates (table).  Everything is
 * the caller's and is only read. */
typedef struct {
    const cap_scenario *sc;
    const cap_outcomes *o;    /* or NULL */
    const cap_horizon *h;     /* with o */
    const cap_cmp_table *table; /* when o is NULL */
    uint64_t seed;            /* what it ran with */
    long trials;
    const char *engine;       /* the demand engine that ran */
} cap_cmp_input;

/* How a scenario stands to the first. */
typedef struct {
    int paired;               /* differences paired trial by trial: both
                                 have their trials, the same seed and the
                                 same number of trials */
    int common_draws;         /* and the demand's draws are the same in
                                 every trial (common random numbers) */
    char why[512];            /* when not both: why, in words */
} cap_cmp_pairing;

/* One row of comparison.csv: scenario s's figure for (option, party,
 * period, metric), and, for s > 0 where the first scenario has the
 * same option, party and period, the difference s minus first. */
typedef struct {
    size_t scenario, option, party;   /* option and party: indices in
                                         scenario s */
    int year;                 /* 1..H, or CAP_HORIZON */
    cap_cmp_metric metric;
    cap_estimate value;
    int has_diff;
    cap_estimate diff;        /* its mcse: paired or independent, as
                                 pairing[scenario] says */
    double diff_se_independent; /* the standard error the difference
                                   would have from independent runs */
} cap_cmp_row;

/* A comparison. */
typedef struct {
    size_t n_scenarios;
    cap_cmp_pairing *pairing; /* [s]; pairing[0] describes the first
                                 against itself (paired, common) */
    cap_cmp_row *rows;
    size_t n_rows;
} cap_comparison;

/* Compare in[0..n) (n >= 2), the first being the reference.  Returns
 * CAP_OK with *out owned by the caller (cap_comparison_free), or
 * CAP_ENOMEM with diag set and *out NULL. */
CAP_EXPORT
int cap_compare(const cap_cmp_input *in, size_t n, cap_comparison **out,
                cap_diag *diag);
/* Free a comparison.  NULL is a no-op. */
CAP_EXPORT
void cap_comparison_free(cap_comparison *c);

/* Scenario s's row of c for the option and party called option and
 * party, in year (1..H or CAP_HORIZON), metric m; or NULL where it has
 * none.  in is what c was computed from.  The row is c's. */
CAP_EXPORT
const cap_cmp_row *cap_cmp_find_row(const cap_comparison *c,
                                    const cap_cmp_input *in, size_t s,
                                    const char *option, const char *party,
                                    int year, cap_cmp_metric m);

/* Whether b's demand is drawn exactly as a's: the same seed, trials,
 * engine and years, and no key that shapes demand differing between
 * their files (contract terms, options, the commissioner's budget, the
 * appetite and the study sections may differ).  Returns 1 or 0; when 0,
 * why holds the reason in words (the first key found that differs). */
CAP_EXPORT
int cap_compare_common_draws(const cap_cmp_input *a, const cap_cmp_input *b,
                             char *why, size_t n);

/* A key whose value differs between the scenarios' files: its section
 * and key, and its value in each scenario as written (NULL where that
 * file does not set it) with its line (0 where absent). */
typedef struct {
    const char *section, *key;
    const char **value;       /* [n_scenarios]; strings are the scenarios' */
    int *line;                /* [n_scenarios] */
} cap_cmp_key;

/* Every key that differs between the files of sc[0..n), in the order
 * first met (the first file's order, then each later file's new keys).
 * Returns CAP_OK with *keys (and their arrays) owned by the caller
 * (cap_cmp_keys_free) and *n_keys set, or CAP_ENOMEM with diag set. */
CAP_EXPORT
int cap_compare_keys(const cap_scenario *const *sc, size_t n,
                     cap_cmp_key **keys, size_t *n_keys, cap_diag *diag);
/* Free what cap_compare_keys() returned.  NULL is a no-op. */
CAP_EXPORT
void cap_cmp_keys_free(cap_cmp_key *keys, size_t n_keys);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_COMPARE_H */
