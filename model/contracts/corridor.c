/* corridor.c -- a statutory risk corridor: a target price whose
 * deviations beyond a threshold are shared, in two tiers, alike both
 * ways.
 *
 *   X_y       = target x (1 + indexation)^(y-1)         the year's target
 *   D_y       = B_y - X_y                                the deviation
 *   part_y    = sign(D_y) x [ inner_share x (min(|D_y|, outer X_y)
 *                                            - inner X_y)^+
 *                           + outer_share x (|D_y| - outer X_y)^+ ]
 *   payment_y = X_y + part_y
 *
 * with (z)^+ = max(0, z).  B_y is the provider's total cost (fixed +
 * variable; "cost") or its activity at tariff ("activity").  The
 * provider carries deviations up to inner x X_y alone; the commissioner
 * pays inner_share of an overspend between inner and outer and
 * outer_share of what lies beyond outer, and recovers the mirror
 * amounts of an underspend.  The defaults are the US Affordable Care Act
 * corridors (section 1342, 42 U.S.C. 18062(b)): inner 3%, outer 8%,
 * shares 50% and 80%, so above 108% of target the payer adds 2.5% of
 * the target plus 80% of the cost over 108%.  The statute's clause
 * (b)(1)(A) reads "50 percent of the target amount in excess of 103
 * percent"; like the rest of the section and its mirror (b)(2)(A), we
 * take it as 50% of the costs in excess of 103% of the target.
 *
 * This is banded sharing with bands inner:0, outer:inner_share,
 * inf:outer_share, so the payment is continuous, nondecreasing in B_y
 * and odd about the target: part(-D) = -part(D).
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

typedef struct {
    cap_terms_target target; /* a number, indexed, or auto */
    cap_terms_basis basis;
    double inner, outer;      /* thresholds, fractions of X_y */
    double inner_share;       /* commissioner's, between inner and outer */
    double outer_share;       /* commissioner's, beyond outer */
} corridor_terms;

static void
corridor_init(void *terms, const cap_scenario *sc)
{
    corridor_terms *c = terms;

    (void) sc;
    cap_terms_target_init(&c->target);
    c->basis = CAP_BASIS_COST;
    c->inner = 0.03;
    c->outer = 0.08;
    c->inner_share = 0.5;
    c->outer_share = 0.8;
}

static const cap_term_spec corridor_keys[] = {
    CAP_TERM_BASIS_OF("basis", corridor_terms, basis),
    CAP_TERM_NUM("inner", 0, INFINITY, 1, corridor_terms, inner),
    CAP_TERM_NUM("outer", 0, INFINITY, 1, corridor_terms, outer),
    CAP_TERM_NUM("inner_share", 0, 1, 0, corridor_terms, inner_share),
    CAP_TERM_NUM("outer_share", 0, 1, 0, corridor_terms, outer_share),
};

static int
corridor_set(void *terms, const cap_scenario *sc, const char *key,
             const char *value, char *msg, size_t msglen)
{
    corridor_terms *c = terms;
    int status = cap_terms_target_set(&c->target, "target", key, value,
                                      msg, msglen);

    if (status != CAP_CONTRACT_UNKNOWN_KEY)
        return status;
    return cap_terms_read(corridor_keys, CAP_TERMS_N(corridor_keys), terms,
                          sc, key, value, msg, msglen);
}

static int
corridor_finish(void *terms, const cap_scenario *sc, size_t provider,
                char *msg, size_t msglen)
{
    corridor_terms *c = terms;
    int status = cap_terms_target_finish(&c->target, "target", sc,
                                         provider, c->basis, msg, msglen);

    if (status != CAP_OK)
        return status;
    /* Checked here, not in set(), because either key may come first and
     * either may be left at its default. */
    if (!(c->inner < c->outer)) {
        snprintf(msg, msglen, "inner (%g) must be less than outer (%g) "
                 "(type corridor)", c->inner, c->outer);
        return CAP_EINPUT;
    }
    return cap_terms_basis_check(c->basis, sc, provider, msg, msglen);
}

/* The year's target X_y: the one place the target is read. */
static double
year_target(const corridor_terms *c, const cap_settle_input *in)
{
    return cap_terms_target_year(&c->target, in->year);
}

static double
corridor_pay(const void *terms, const cap_settle_input *in)
{
    const corridor_terms *c = terms;
    double target = year_target(c, in);
    double edge[3] = { c->inner * target, c->outer * target, INFINITY };
    double share[3] = { 0.0, c->inner_share, c->outer_share };

    return target + cap_banded_share(cap_terms_basis_value(c->basis, in)
                                     - target, edge, share, 3);
}

const cap_contract_type cap_contract_corridor = {
    .name = "corridor",
    .terms_size = sizeof(corridor_terms),
    .init = corridor_init,
    .set = corridor_set,
    .finish = corridor_finish,
    .pay = corridor_pay
};
