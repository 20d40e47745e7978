/* risk_share.c -- a target with banded sharing of the deviation.
 *
 *   X_y       = target x (1 + indexation)^(y-1)         the year's target
 *   D_y       = B_y - X_y                                the deviation
 *   S_y       = sign(D_y) x sum over the bands k of the side D_y is on
 *               of share_k x (the part of |D_y| inside band k)
 *   payment_y = X_y + clamp(S_y, -collar x X_y, +cap x X_y)
 *
 * B_y is the provider's total cost (fixed + variable; "cost") or its
 * activity valued at tariff ("activity").  Band edges are fractions of
 * X_y.  loss_bands apply when D_y > 0 (the provider overspends; a
 * band's share is the commissioner's part of the overspend), gain_bands
 * when D_y < 0 (the underspend; a band's share is the commissioner's
 * part of it, which it recovers).  bands sets both sides alike: with
 * "0.02:0, 0.05:0.5, inf:1" the provider carries the first 2% either
 * way, half of the next 3%, and nothing beyond 5%.  cap is the most the
 * commissioner pays above X_y, collar the most it recovers below X_y,
 * both as fractions of X_y (default: no limit).
 *
 * The payment is continuous and nondecreasing in B_y: each side's
 * banded part is, and both are 0 at D_y = 0, so S_y is too; clamping to
 * a fixed interval keeps both properties.  A larger basis therefore
 * never lowers the payment, and no small change of basis makes it jump.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "scenario/contract.h"
#include "contracts/terms.h"

#define MAX_BANDS 16

/* Which of the band keys were given. */
enum { GAVE_BANDS = 1, GAVE_GAIN = 2, GAVE_LOSS = 4 };

typedef struct {
    size_t n;                 /* 0 until given */
    double edge[MAX_BANDS];   /* fractions of the target */
    double share[MAX_BANDS];  /* commissioner's share in the band */
} band_list;

typedef struct {
    cap_terms_target target; /* a number, indexed, or auto */
    cap_terms_basis basis;
    unsigned gave;            /* GAVE_* bits */
    band_list gain;           /* basis below the target */
    band_list loss;           /* basis above the target */
    double cap;               /* fraction of X_y; INFINITY: none */
    double collar;            /* fraction of X_y; INFINITY: none */
} risk_share_terms;

static void
risk_share_init(void *terms, const cap_scenario *sc)
{
    risk_share_terms *r = terms;

    (void) sc;
    cap_terms_target_init(&r->target);
    r->basis = CAP_BASIS_COST;
    r->gave = 0;
    r->gain.n = 0;
    r->loss.n = 0;
    r->cap = INFINITY;
    r->collar = INFINITY;
}

/* bands, gain_bands or loss_bands.  bands fills both sides, so it
 * excludes the other two whichever comes first in the file. */
static int
set_bands(risk_share_terms *r, unsigned which, const char *value,
          char *msg, size_t msglen)
{
    band_list *b = which == GAVE_GAIN ? &r->gain : &r->loss;
    int status;

    if ((which == GAVE_BANDS && (r->gave & (GAVE_GAIN | GAVE_LOSS)))
        || (which != GAVE_BANDS && (r->gave & GAVE_BANDS))) {
        snprintf(msg, msglen, "give either 'bands' (both sides) or "
                 "'gain_bands' and 'loss_bands', not both");
        return CAP_EINPUT;
    }
    status = cap_terms_bands(value, b->edge, b->share, MAX_BANDS, &b->n,
                             msg, msglen);
    if (status != CAP_OK)
        return status;
    if (which == GAVE_BANDS)
        r->gain = r->loss;
    r->gave |= which;
    return CAP_OK;
}

static const cap_term_spec risk_share_keys[] = {
    CAP_TERM_NUM("cap", 0, INFINITY, 1, risk_share_terms, cap),
    CAP_TERM_NUM("collar", 0, INFINITY, 1, risk_share_terms, collar),
    CAP_TERM_BASIS_OF("basis", risk_share_terms, basis),
};

static int
risk_share_set(void *terms, const cap_scenario *sc, const char *key,
               const char *value, char *msg, size_t msglen)
{
    risk_share_terms *r = terms;
    int status = cap_terms_target_set(&r->target, "target", key, value,
                                      msg, msglen);

    if (status != CAP_CONTRACT_UNKNOWN_KEY)
        return status;
    if (strcmp(key, "bands") == 0)
        return set_bands(r, GAVE_BANDS, value, msg, msglen);
    if (strcmp(key, "gain_bands") == 0)
        return set_bands(r, GAVE_GAIN, value, msg, msglen);
    if (strcmp(key, "loss_bands") == 0)
        return set_bands(r, GAVE_LOSS, value, msg, msglen);
    return cap_terms_read(risk_share_keys, CAP_TERMS_N(risk_share_keys),
                          terms, sc, key, value, msg, msglen);
}

static int
risk_share_finish(void *terms, const cap_scenario *sc, size_t provider,
                  char *msg, size_t msglen)
{
    risk_share_terms *r = terms;
    int status = cap_terms_target_finish(&r->target, "target", sc,
                                         provider, r->basis, msg, msglen);

    if (status != CAP_OK)
        return status;
    if (r->gave == 0) {
        snprintf(msg, msglen, "needs key 'bands', or both 'gain_bands' "
                 "and 'loss_bands' (type risk_share)");
        return CAP_EINPUT;
    }
    if (r->gave == GAVE_GAIN || r->gave == GAVE_LOSS) {
        snprintf(msg, msglen, "has '%s' but no '%s': give both, or "
                 "'bands' for both sides (type risk_share)",
                 r->gave == GAVE_GAIN ? "gain_bands" : "loss_bands",
                 r->gave == GAVE_GAIN ? "loss_bands" : "gain_bands");
        return CAP_EINPUT;
    }
    return cap_terms_basis_check(r->basis, sc, provider, msg, msglen);
}

/* The year's target X_y.  Every use of the target goes through here, so
 * that another way of setting it changes only this function. */
static double
year_target(const risk_share_terms *r, const cap_settle_input *in)
{
    return cap_terms_target_year(&r->target, in->year);
}

/* The commissioner's part of deviation under one side's bands, whose
 * edges are fractions of target. */
static double
banded(const band_list *b, double deviation, double target)
{
    double edge[MAX_BANDS];

    for (size_t k = 0; k < b->n; k++)
        edge[k] = b->edge[k] * target;
    return cap_banded_share(deviation, edge, b->share, b->n);
}

static double
risk_share_pay(const void *terms, const cap_settle_input *in)
{
    const risk_share_terms *r = terms;
    double target = year_target(r, in);
    double deviation = cap_terms_basis_value(r->basis, in) - target;
    double part = banded(deviation > 0.0 ? &r->loss : &r->gain, deviation,
                         target);

    /* Comparisons rather than fmin/fmax, which would turn a NaN part
     * into the limit and hide it. */
    if (part > r->cap * target)
        part = r->cap * target;
    if (part < -r->collar * target)
        part = -r->collar * target;
    return target + part;
}

const cap_contract_type cap_contract_risk_share = {
    .name = "risk_share",
    .terms_size = sizeof(risk_share_terms),
    .init = risk_share_init,
    .set = risk_share_set,
    .finish = risk_share_finish,
    .pay = risk_share_pay
};
