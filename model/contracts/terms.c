/* terms.c -- reading contract terms from scenario values.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/error.h"
#include "demand/tally.h"
#include "base/parse.h"
#include "demand/expect.h"
#include "contracts/terms.h"

int
cap_terms_number(const char *value, double lo, double hi, int lo_open,
                 double *out, char *msg, size_t msglen)
{
    double v;

    if (cap_parse_double(value, &v, 0) != 0) {
        snprintf(msg, msglen, "not a number");
        return CAP_EINPUT;
    }
    if (v < lo || (lo_open && v == lo) || v > hi) {
        if (hi < 1e15)
            snprintf(msg, msglen, "must be in %c%g, %g]",
                     lo_open ? '(' : '[', lo, hi);
        else
            snprintf(msg, msglen, "must be %s %g", lo_open ? ">" : ">=", lo);
        return CAP_EINPUT;
    }
    *out = v;
    return CAP_OK;
}

/* value as one of two words: *which = 0 for first, 1 for second;
 * otherwise "must be FIRST or SECOND" in msg and CAP_EINPUT. */
static int
one_of_two(const char *value, const char *first, const char *second,
           int *which, char *msg, size_t msglen)
{
    if (strcmp(value, first) == 0 || strcmp(value, second) == 0) {
        *which = strcmp(value, second) == 0;
        return CAP_OK;
    }
    snprintf(msg, msglen, "must be %s or %s", first, second);
    return CAP_EINPUT;
}

/* "yes" (1) or "no" (0) into *out. */
static int
yes_no(const char *value, int *out, char *msg, size_t msglen)
{
    int no;
    int status = one_of_two(value, "yes", "no", &no, msg, msglen);

    if (status == CAP_OK)
        *out = !no;
    return status;
}

int
cap_terms_read(const cap_term_spec *spec, size_t n, void *terms,
               const cap_scenario *sc, const char *key, const char *value,
               char *msg, size_t msglen)
{
    for (size_t i = 0; i < n; i++) {
        const cap_term_spec *k = &spec[i];
        char *field = (char *) terms + k->offset;

        if (k->kind == CAP_TERM_SERVICES) {
            size_t len = strlen(k->key);

            if (strncmp(key, k->key, len) == 0)
                return cap_terms_service_number(sc, key + len, value,
                                                (double **) (void *) field,
                                                msg, msglen);
            continue;
        }
        if (strcmp(key, k->key) != 0)
            continue;
        switch (k->kind) {
        case CAP_TERM_NUMBER:
            return cap_terms_number(value, k->lo, k->hi, k->lo_open,
                                    (double *) (void *) field, msg, msglen);
        case CAP_TERM_YES_NO:
            return yes_no(value, (int *) (void *) field, msg, msglen);
        case CAP_TERM_BASIS:
            return cap_terms_basis_parse(value,
                                         (cap_terms_basis *) (void *) field,
                                         msg, msglen);
        case CAP_TERM_SERVICES:
            break;
        }
    }
    return CAP_CONTRACT_UNKNOWN_KEY;
}

int
cap_terms_bands(const char *value, double *edge, double *share, size_t max,
                size_t *n, char *msg, size_t msglen)
{
    char buf[512];
    char *items[64];
    int count = cap_parse_list(value, buf, sizeof buf, items,
                               max < 64 ? (int) max : 64);

    if (count <= 0) {
        snprintf(msg, msglen, "expected bands as edge:share, separated by "
                 "commas (at most %zu)", max);
        return CAP_EINPUT;
    }
    for (int i = 0; i < count; i++) {
        char *colon = strchr(items[i], ':');

        if (colon == NULL) {
            snprintf(msg, msglen, "band '%s' is not edge:share", items[i]);
            return CAP_EINPUT;
        }
        *colon = '\0';
        if (cap_parse_double(items[i], &edge[i], 1) != 0
            || cap_parse_double(colon + 1, &share[i], 0) != 0) {
            snprintf(msg, msglen, "band %d: edge and share must be numbers",
                     i + 1);
            return CAP_EINPUT;
        }
        if (edge[i] <= (i ? edge[i - 1] : 0.0)) {
            snprintf(msg, msglen, "band %d: edges must be > 0 and "
                     "increasing", i + 1);
            return CAP_EINPUT;
        }
        if (share[i] < 0.0 || share[i] > 1.0) {
            snprintf(msg, msglen, "band %d: share must be in [0, 1]", i + 1);
            return CAP_EINPUT;
        }
    }
    if (!isinf(edge[count - 1])) {
        snprintf(msg, msglen, "the last band's edge must be inf, so every "
                 "deviation falls in a band");
        return CAP_EINPUT;
    }
    *n = (size_t) count;
    return CAP_OK;
}

int
cap_terms_points(const char *value, const char *xname, const char *yname,
                 double *x, double *y, size_t max, double ylo, double yhi,
                 size_t *n, char *msg, size_t msglen)
{
    char buf[512];
    char *items[64];
    int count = cap_parse_list(value, buf, sizeof buf, items,
                               max < 64 ? (int) max : 64);

    if (count <= 0) {
        snprintf(msg, msglen, "expected points as %s:%s, separated by "
                 "commas (at most %zu)", xname, yname, max);
        return CAP_EINPUT;
    }
    for (int i = 0; i < count; i++) {
        char *colon = strchr(items[i], ':');

        if (colon == NULL) {
            snprintf(msg, msglen, "point '%s' is not %s:%s", items[i],
                     xname, yname);
            return CAP_EINPUT;
        }
        *colon = '\0';
        if (cap_parse_double(items[i], &x[i], 0) != 0
            || cap_parse_double(colon + 1, &y[i], 0) != 0) {
            snprintf(msg, msglen, "point %d: %s and %s must be numbers",
                     i + 1, xname, yname);
            return CAP_EINPUT;
        }
        if (x[i] < 0.0 || (i > 0 && x[i] <= x[i - 1])) {
            snprintf(msg, msglen, "point %d: %s must be >= 0 and "
                     "increasing", i + 1, xname);
            return CAP_EINPUT;
        }
        if (y[i] < ylo || y[i] > yhi) {
            snprintf(msg, msglen, "point %d: %s must be in [%g, %g]",
                     i + 1, yname, ylo, yhi);
            return CAP_EINPUT;
        }
    }
    *n = (size_t) count;
    return CAP_OK;
}

int
cap_terms_require_tariffs(const cap_scenario *sc, size_t provider,
                          const char *why, char *msg, size_t msglen)
{
    for (size_t k = 0; k < sc->n_services; k++) {
        const cap_service *s = &sc->services[k];

        if (s->provider == provider && isnan(s->tariff)) {
            snprintf(msg, msglen, "%s, but [service.%s] has no 'tariff'",
                     why, s->name);
            return CAP_EINPUT;
        }
    }
    return CAP_OK;
}

int
cap_terms_basis_parse(const char *value, cap_terms_basis *out, char *msg,
                      size_t msglen)
{
    int activity;
    int status = one_of_two(value, "cost", "activity", &activity, msg,
                            msglen);

    if (status == CAP_OK)
        *out = activity ? CAP_BASIS_ACTIVITY : CAP_BASIS_COST;
    return status;
}

int
cap_terms_basis_check(cap_terms_basis basis, const cap_scenario *sc,
                      size_t provider, char *msg, size_t msglen)
{
    if (basis != CAP_BASIS_ACTIVITY)
        return CAP_OK;
    return cap_terms_require_tariffs(sc, provider, "basis = activity "
                                     "values activity at tariff", msg,
                                     msglen);
}

double
cap_terms_basis_value(cap_terms_basis basis, const cap_settle_input *in)
{
    return basis == CAP_BASIS_COST
           ? cap_tally_provider_cost(in->tally, in->provider, in->year)
           : cap_tally_provider_tariff_value(in->tally, in->provider,
                                             in->year);
}

void
cap_terms_target_init(cap_terms_target *t)
{
    t->amount = NAN;
    t->indexation = 0.0;
    t->automatic = 0;
    t->margin = NAN;
}

static const cap_term_spec target_keys[] = {
    CAP_TERM_NUM("indexation", -1, 1, 1, cap_terms_target, indexation),
    CAP_TERM_NUM("margin", -0.5, 0.5, 0, cap_terms_target, margin),
};

int
cap_terms_target_set(cap_terms_target *t, const char *name, const char *key,
                     const char *value, char *msg, size_t msglen)
{
    if (strcmp(key, name) == 0) {
        if (strcmp(value, "auto") == 0) {
            t->automatic = 1;
            return CAP_OK;
        }
        return cap_terms_number(value, 0, INFINITY, 1, &t->amount, msg,
                                msglen);
    }
    return cap_terms_read(target_keys, CAP_TERMS_N(target_keys), t, NULL,
                          key, value, msg, msglen);
}

int
cap_terms_target_finish(cap_terms_target *t, const char *name,
                        const cap_scenario *sc, size_t provider,
                        cap_terms_basis basis, char *msg, size_t msglen)
{
    if (!t->automatic && isnan(t->amount)) {
        snprintf(msg, msglen, "needs key '%s' (a number, or auto)", name);
        return CAP_EINPUT;
    }
    if (!t->automatic && !isnan(t->margin)) {
        snprintf(msg, msglen, "margin goes with %s = auto", name);
        return CAP_EINPUT;
    }
    if (t->automatic && t->indexation != 0.0) {
        snprintf(msg, msglen, "%s = auto already grows with expected "
                 "demand; indexation goes with a number", name);
        return CAP_EINPUT;
    }
    if (!t->automatic)
        return CAP_OK;
    if (sc->plan != NULL)
        sc = sc->plan;        /* signed on the planning assumptions */
    for (int y = 1; y <= sc->years && y <= CAP_TERMS_MAX_YEARS; y++) {
        double e = basis == CAP_BASIS_COST
            ? cap_expect_provider_cost(sc, provider, y)
            : cap_expect_tariff_value(sc, provider, y);

        t->by_year[y - 1] = e * (1.0 + (isnan(t->margin) ? 0.0
                                                          : t->margin));
        if (!(t->by_year[y - 1] > 0.0)) {
            snprintf(msg, msglen, "%s = auto: the expected basis in year "
                     "%d is not positive", name, y);
            return CAP_EINPUT;
        }
    }
    return CAP_OK;
}

double
cap_terms_target_year(const cap_terms_target *t, int year)
{
    if (t->automatic)
        return t->by_year[year - 1];
    return t->amount * pow(1.0 + t->indexation, year - 1);
}

int
cap_terms_service_number(const cap_scenario *sc, const char *service,
                         const char *value, double **values, char *msg,
                         size_t msglen)
{
    size_t k = 0;

    while (k < sc->n_services && strcmp(sc->services[k].name, service) != 0)
        k++;
    if (k == sc->n_services) {
        snprintf(msg, msglen, "no [service.%s] section", service);
        return CAP_EINPUT;
    }
    if (*values == NULL) {
        *values = malloc(sc->n_services * sizeof **values);
        if (*values == NULL) {
            snprintf(msg, msglen, "out of memory");
            return CAP_ENOMEM;
        }
        for (size_t i = 0; i < sc->n_services; i++)
            (*values)[i] = NAN;
    }
    return cap_terms_number(value, 0, INFINITY, 0, &(*values)[k], msg,
                            msglen);
}

int
cap_terms_services_of(const cap_scenario *sc, size_t provider,
                      const double *values, const char *prefix, char *msg,
                      size_t msglen)
{
    if (values == NULL)
        return CAP_OK;
    for (size_t k = 0; k < sc->n_services; k++) {
        const cap_service *s = &sc->services[k];

        if (!isnan(values[k]) && s->provider != provider) {
            snprintf(msg, msglen, "%s.%s: [service.%s] is delivered by "
                     "%s, not by %s", prefix, s->name, s->name,
                     sc->providers[s->provider].name,
                     sc->providers[provider].name);
            return CAP_EINPUT;
        }
    }
    return CAP_OK;
}

void
cap_terms_cquin_init(cap_terms_cquin *q)
{
    q->rate = NAN;
    q->score = NAN;
    q->sd = 0.0;
}

static const cap_term_spec cquin_keys[] = {
    CAP_TERM_NUM("cquin", 0, 1, 0, cap_terms_cquin, rate),
    CAP_TERM_NUM("cquin_score", 0, 1, 0, cap_terms_cquin, score),
    CAP_TERM_NUM("cquin_score_sd", 0, 0.5, 1, cap_terms_cquin, sd),
};

int
cap_terms_cquin_set(cap_terms_cquin *q, const char *key, const char *value,
                    char *msg, size_t msglen)
{
    return cap_terms_read(cquin_keys, CAP_TERMS_N(cquin_keys), q, NULL, key,
                          value, msg, msglen);
}

int
cap_terms_cquin_finish(cap_terms_cquin *q, char *msg, size_t msglen)
{
    if (isnan(q->rate) && !isnan(q->score)) {
        snprintf(msg, msglen, "cquin_score needs key 'cquin' (the "
                 "incentive it scores)");
        return CAP_EINPUT;
    }
    if (isnan(q->rate) && q->sd > 0.0) {
        snprintf(msg, msglen, "cquin_score_sd needs key 'cquin' (the "
                 "incentive it scores)");
        return CAP_EINPUT;
    }
    if (isnan(q->rate))
        q->rate = 0.0;
    if (isnan(q->score))
        q->score = 1.0;
    return cap_terms_score_check(q->score, q->sd, "cquin_score", msg,
                                 msglen);
}

double
cap_terms_cquin_factor(const cap_terms_cquin *q, const cap_settle_input *in)
{
    return 1.0 + q->rate * cap_terms_score_of(q->score, in);
}

int
cap_terms_cquin_drawn(const cap_terms_cquin *q, double *mean, double *sd)
{
    if (!(q->sd > 0.0))
        return 0;
    *mean = q->score;
    *sd = q->sd;
    return 1;
}

int
cap_terms_score_check(double score, double sd, const char *name, char *msg,
                      size_t msglen)
{
    if (sd > 0.0 && !(sd * sd < score * (1.0 - score))) {
        snprintf(msg, msglen, "%s_sd = %g: a score of mean %g can have an "
                 "sd of at most %g (sd^2 < mean (1 - mean))", name, sd,
                 score, sqrt(score * (1.0 - score)));
        return CAP_EINPUT;
    }
    return CAP_OK;
}

double
cap_terms_score_of(double fixed, const cap_settle_input *in)
{
    return in->has_score ? in->score : fixed;
}
