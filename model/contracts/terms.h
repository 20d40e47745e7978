/* terms.h -- reading contract terms from scenario values (internal).
 *
 * Helpers for the set() functions of contract types: each parses value,
 * checks its range and, on failure, writes the reason into msg and
 * returns CAP_EINPUT.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CONTRACT_TERMS_H
#define CAPSIM_CONTRACT_TERMS_H

#include <stddef.h>
#include "scenario/contract.h"
#include "capsim/scenario.h"

/* A finite number in [lo, hi] (lo excluded when lo_open). */
int cap_terms_number(const char *value, double lo, double hi, int lo_open,
                     double *out, char *msg, size_t msglen);

/* How a key of a contract type's terms is read: its kind, where its
 * value goes (offset in the terms struct) and, for numbers, the range
 * of cap_terms_number().  A set() function lists its plain keys in a
 * table and reads them with cap_terms_read(); keys that need more than
 * one value checked alone (targets, bands, tables) stay in code. */
typedef enum {
    CAP_TERM_NUMBER,          /* a double in [lo, hi] (lo_open: (lo, hi]) */
    CAP_TERM_YES_NO,          /* "yes" (1) or "no" (0), into an int */
    CAP_TERM_BASIS,           /* "cost" or "activity" (cap_terms_basis) */
    CAP_TERM_SERVICES         /* "PREFIX.SERVICE": a per-service number
                                 (cap_terms_service_number) into a
                                 double * field; key is "PREFIX." */
} cap_term_kind;

typedef struct {
    const char *key;
    cap_term_kind kind;
    double lo, hi;
    int lo_open;
    size_t offset;            /* of the field in the terms struct */
} cap_term_spec;

#define CAP_TERM_NUM(k, lo, hi, lo_open, type, field)                  \
    { k, CAP_TERM_NUMBER, lo, hi, lo_open, offsetof(type, field) }
#define CAP_TERM_YESNO(k, type, field)                                 \
    { k, CAP_TERM_YES_NO, 0, 0, 0, offsetof(type, field) }
#define CAP_TERM_BASIS_OF(k, type, field)                              \
    { k, CAP_TERM_BASIS, 0, 0, 0, offsetof(type, field) }
#define CAP_TERM_PER_SERVICE(prefix, type, field)                      \
    { prefix, CAP_TERM_SERVICES, 0, 0, 0, offsetof(type, field) }

#define CAP_TERMS_N(a) (sizeof(a) / sizeof((a)[0]))

/* Read key = value into terms through the table spec[0..n): CAP_OK, or
 * CAP_EINPUT / CAP_ENOMEM with the reason in msg, or
 * CAP_CONTRACT_UNKNOWN_KEY when no entry names key (terms untouched).
 * sc is needed for per-service keys. */
int cap_terms_read(const cap_term_spec *spec, size_t n, void *terms,
                   const cap_scenario *sc, const char *key,
                   const char *value, char *msg, size_t msglen);

/* Band list "edge:share, edge:share, ..., inf:share": edges are
 * fractions of the target, > 0 and increasing, the last one inf;
 * shares in [0, 1].  Writes at most max bands; returns CAP_OK with *n
 * set, or CAP_EINPUT. */
int cap_terms_bands(const char *value, double *edge, double *share,
                    size_t max, size_t *n, char *msg, size_t msglen);

/* Point list "x:y, x:y, ...": x finite, >= 0 and strictly increasing;
 * y in [ylo, yhi].  For tables looked up by interpolation; xname and
 * yname name x and y in messages.  Writes at most max points; returns
 * CAP_OK with *n set, or CAP_EINPUT. */
int cap_terms_points(const char *value, const char *xname,
                     const char *yname, double *x, double *y, size_t max,
                     double ylo, double yhi, size_t *n, char *msg,
                     size_t msglen);

/* Check that every service of provider has a tariff; otherwise write
 * "<why>, but [service.S] has no 'tariff'" into msg and return
 * CAP_EINPUT. */
int cap_terms_require_tariffs(const cap_scenario *sc, size_t provider,
                              const char *why, char *msg, size_t msglen);

/* What a contract with a target compares with it: the provider's total
 * cost (fixed plus variable) or its activity valued at tariff. */
typedef enum { CAP_BASIS_COST, CAP_BASIS_ACTIVITY } cap_terms_basis;

/* "cost" or "activity". */
int cap_terms_basis_parse(const char *value, cap_terms_basis *out,
                          char *msg, size_t msglen);

/* With basis activity, every service of provider needs a tariff (as
 * cap_terms_require_tariffs); with basis cost, always CAP_OK. */
int cap_terms_basis_check(cap_terms_basis basis, const cap_scenario *sc,
                          size_t provider, char *msg, size_t msglen);

/* The basis of the provider and year of in.  Pure, as pay() must be. */
double cap_terms_basis_value(cap_terms_basis basis,
                             const cap_settle_input *in);

/* Most years a per-year target can hold (the years key's limit). */
#define CAP_TERMS_MAX_YEARS 200

/* A target (or benchmark) price: a number, indexed each year, or
 * "auto": the model's expected basis in each year (closed form, see
 * expect.h) times (1 + margin).  Plain data, no allocation. */
typedef struct {
    double amount;            /* NAN until given */
    double indexation;
    int automatic;            /* "auto" */
    double margin;            /* NAN unless given */
    double by_year[CAP_TERMS_MAX_YEARS]; /* with auto, set by finish */
} cap_terms_target;

void cap_terms_target_init(cap_terms_target *t);

/* Take key `name` (number or "auto"), "indexation" or "margin".
 * Returns CAP_OK, CAP_EINPUT, or CAP_CONTRACT_UNKNOWN_KEY for any other
 * key. */
int cap_terms_target_set(cap_terms_target *t, const char *name,
                         const char *key, const char *value, char *msg,
                         size_t msglen);

/* After all keys: check that the target was given (as `name`), that
 * margin goes only with auto and indexation only with a number, and
 * for auto compute each year's expected basis of provider. */
int cap_terms_target_finish(cap_terms_target *t, const char *name,
                            const cap_scenario *sc, size_t provider,
                            cap_terms_basis basis, char *msg,
                            size_t msglen);

/* The target in year (1..H). */
double cap_terms_target_year(const cap_terms_target *t, int year);
/* A per-service number, for a key "PREFIX.SERVICE" (SERVICE given in
 * service): SERVICE must name a [service.SERVICE] section and value be
 * a finite number >= 0.  *values ([service], NAN where no key was
 * given) is allocated on the first call, and the terms that hold it
 * free it in their release().  Which provider the service belongs to
 * is checked later, by cap_terms_services_of(). */
int cap_terms_service_number(const cap_scenario *sc, const char *service,
                             const char *value, double **values, char *msg,
                             size_t msglen);

/* Check that every service with a value in values (NULL: none) is one
 * of provider's; otherwise write "prefix.S: [service.S] is delivered by
 * P, not by Q" into msg and return CAP_EINPUT. */
int cap_terms_services_of(const cap_scenario *sc, size_t provider,
                          const double *values, const char *prefix,
                          char *msg, size_t msglen);

/* A quality score in [0, 1]: fixed, or drawn for each trial and year
 * from a Beta law of mean `score` and sd `sd` (sd > 0).  A Beta law of
 * mean m needs sd^2 < m (1 - m). */
int cap_terms_score_check(double score, double sd, const char *name,
                          char *msg, size_t msglen);

/* The score in force: the drawn one when in has it, else fixed. */
double cap_terms_score_of(double fixed, const cap_settle_input *in);

/* A quality incentive (CQUIN): a fraction `cquin` of a contract's
 * value paid on top of it, scaled by the achievement `cquin_score`,
 * fixed or (with `cquin_score_sd`) drawn for each trial and year.
 * rate and score are in [0, 1]; NAN until given; sd 0 = fixed. */
typedef struct {
    double rate;
    double score;
    double sd;
} cap_terms_cquin;

void cap_terms_cquin_init(cap_terms_cquin *q);

/* Take key if it is "cquin", "cquin_score" or "cquin_score_sd":
 * CAP_OK or CAP_EINPUT; CAP_CONTRACT_UNKNOWN_KEY for any other key. */
int cap_terms_cquin_set(cap_terms_cquin *q, const char *key,
                        const char *value, char *msg, size_t msglen);

/* After all keys: a score without cquin is an error; otherwise set the
 * defaults (no cquin: rate 0; no score: full achievement, 1). */
int cap_terms_cquin_finish(cap_terms_cquin *q, char *msg, size_t msglen);

/* The factor on the value the incentive is paid on: 1 + rate x score
 * (exactly 1 without cquin), with the score drawn for in's trial and
 * year when the contract draws one.  Only after cap_terms_cquin_finish(). */
double cap_terms_cquin_factor(const cap_terms_cquin *q,
                              const cap_settle_input *in);

/* For a contract type's score hook: 1 with mean and sd when the score
 * is drawn, else 0. */
int cap_terms_cquin_drawn(const cap_terms_cquin *q, double *mean,
                          double *sd);

#endif /* CAPSIM_CONTRACT_TERMS_H */
