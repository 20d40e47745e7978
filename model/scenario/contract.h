/* contract.h -- contract types: how a commissioner pays a provider.
 *
 * A contract turns one year's tallies into one number: what the
 * commissioner pays the provider that year (positive: commissioner to
 * provider).  Every contract function is pure -- no random numbers, no
 * I/O, no allocation -- so all options of a scenario are settled on the
 * same simulated demand (common random numbers).
 *
 * Adding a contract type is one new file in model/contracts/ defining a
 * cap_contract_type, and one entry in the table in model/contracts/registry.c.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CONTRACT_H
#define CAPSIM_CONTRACT_H

#include <stddef.h>
#include "capsim/scenario.h"

struct cap_tally;

/* Most per-person thresholds one contract may declare. */
#define CAP_MAX_THRESHOLDS 4

/* Returned by a type's set() for a key it does not know. */
#define CAP_CONTRACT_UNKNOWN_KEY (-1)

/* What a contract sees when it settles a year. */
typedef struct {
    const cap_scenario *sc;
    const struct cap_tally *tally; /* demand/tally.h */
    size_t provider;          /* the provider paid */
    int year;                 /* 1..H */
    int has_score;            /* the contract's quality score was drawn */
    double score;             /* for this trial and year (with has_score) */
} cap_settle_input;

typedef struct cap_contract_type {
    const char *name;         /* the value of "type =" */
    size_t terms_size;        /* bytes of the type's terms struct */
    /* Set defaults in zeroed terms. */
    void (*init)(void *terms, const cap_scenario *sc);
    /* Take one key of the contract's section.  Returns CAP_OK,
     * CAP_CONTRACT_UNKNOWN_KEY, or CAP_EINPUT with a message in msg. */
    int (*set)(void *terms, const cap_scenario *sc, const char *key,
               const char *value, char *msg, size_t msglen);
    /* After all keys: check required keys and consistency for a
     * contract with provider.  Returns CAP_OK or CAP_EINPUT with a
     * message. */
    int (*finish)(void *terms, const cap_scenario *sc, size_t provider,
                  char *msg, size_t msglen);
    /* The year's payment, commissioner to provider. */
    double (*pay)(const void *terms, const cap_settle_input *in);
    /* Free what terms own (not terms itself); may be NULL. */
    void (*release)(void *terms);
    /* Per-person thresholds the demand engine must tally for this
     * contract: each person's annual cost with the contract's provider
     * above each threshold, summed over people (see
     * cap_tally_excess()).  Writes at most max thresholds into out and
     * returns how many.  May be NULL: none. */
    size_t (*thresholds)(const void *terms, double *out, size_t max);
    /* High-risk pools the demand engine must form for this contract's
     * provider: the top fraction of people by last year's cost with the
     * provider (see cap_tally_pool_cost()).  Writes at most max
     * fractions into out and returns how many.  May be NULL: none. */
    size_t (*pools)(const void *terms, double *out, size_t max);
    /* Whether the contract's quality score is drawn for each trial and
     * year rather than fixed: if so, write its mean and sd and return
     * 1.  The demand engine draws it (Beta) on its own stream and the
     * ledger passes it in cap_settle_input.  May be NULL: fixed. */
    int (*score)(const void *terms, double *mean, double *sd);
} cap_contract_type;

typedef struct cap_contract {
    char *name;
    const cap_contract_type *type;
    size_t provider;
    void *terms;              /* type->terms_size bytes, owned */
    long score_index;         /* into cap_scenario.scores, or -1 */
} cap_contract;

/* The type named name, or NULL.  The names, NULL-terminated, for
 * messages and docs: */
const cap_contract_type *cap_contract_type_find(const char *name);
extern const cap_contract_type *const cap_contract_types[];

/* Payment under contract c in the year and for the tallies of in. */
double cap_contract_pay(const cap_contract *c, const cap_settle_input *in);

/* Banded sharing of a deviation, as in risk-share agreements.  Band k
 * covers |deviation| from edge[k-1] to edge[k] (edge[-1] = 0, edges in
 * money, increasing, the last may be INFINITY) and the commissioner
 * carries share[k] of the part of the deviation inside it.  Returns the
 * commissioner's part, with the sign of deviation: gains and losses are
 * treated alike.  Continuous and nondecreasing in deviation. */
double cap_banded_share(double deviation, const double *edge,
                        const double *share, size_t n_bands);

#endif /* CAPSIM_CONTRACT_H */
