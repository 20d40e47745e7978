/* shared_savings.c -- fee for service plus a year-end reconciliation
 * against a benchmark, as in the US Medicare Shared Savings Program
 * (42 CFR part 425).
 *
 *   S_y = sum over the provider's services s of tariff_s x N_sy
 *         (the population's fee-for-service spend, paid as it happens)
 *   B_y = benchmark x (1 + indexation)^(y-1), or with benchmark = auto
 *         the model's expected activity at tariff x (1 + margin)
 *   M_y = min_savings_rate, or by_size: msr_table interpolated at the
 *         people registered in year y
 *   L_y = min_loss_rate (default M_y)
 *
 *   shared savings  G_y = min(sharing_rate x quality_score x (B_y - S_y),
 *                             savings_cap x B_y)
 *                         if B_y - S_y >= M_y x B_y, else 0
 *   shared losses   R_y = min(loss_sharing_rate x (S_y - B_y),
 *                             loss_cap x B_y)
 *                         if two_sided and S_y - B_y >= L_y x B_y, else 0
 *
 *   payment_y = S_y + G_y - R_y
 *
 * Signs: the payment is positive from commissioner to provider; G is a
 * bonus the commissioner pays, R a repayment the provider makes, both
 * >= 0.  Sharing is "first dollar": once savings (losses) reach the
 * threshold, all of them are shared, not only the part above it, so the
 * payment jumps at the thresholds -- deliberately, as in the program.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "scenario/contract.h"
#include "demand/tally.h"
#include "contracts/terms.h"

#define MAX_MSR_POINTS 32

typedef struct {
    cap_terms_target benchmark; /* a number, indexed, or auto */
    int msr_by_size;          /* min_savings_rate = by_size */
    double msr;               /* fraction of B; NAN until given */
    size_t n_points;          /* msr_table; 0 until given */
    double msr_persons[MAX_MSR_POINTS];
    double msr_rate[MAX_MSR_POINTS];
    double sharing_rate;      /* NAN until given */
    double quality_score;     /* fixed, or the mean of a drawn score */
    double quality_score_sd;  /* > 0: drawn for each trial and year */
    double savings_cap;       /* fraction of B; NAN until given */
    int two_sided;
    double mlr;               /* fraction of B; NAN: the year's MSR */
    double loss_sharing_rate; /* NAN until given */
    double loss_cap;          /* fraction of B; NAN until given */
} shared_savings_terms;

static void
shared_savings_init(void *terms, const cap_scenario *sc)
{
    shared_savings_terms *s = terms;

    (void) sc;
    cap_terms_target_init(&s->benchmark);
    s->msr_by_size = 0;
    s->msr = NAN;
    s->n_points = 0;
    s->sharing_rate = NAN;
    s->quality_score = 1.0;
    s->quality_score_sd = 0.0;
    s->savings_cap = NAN;
    s->two_sided = 0;
    s->mlr = NAN;
    s->loss_sharing_rate = NAN;
    s->loss_cap = NAN;
}

/* The keys read alone; the benchmark, min_savings_rate and msr_table
 * are read in code (each takes more than a number). */
static const cap_term_spec shared_savings_keys[] = {
    CAP_TERM_NUM("sharing_rate", 0, 1, 0, shared_savings_terms,
                 sharing_rate),
    CAP_TERM_NUM("quality_score", 0, 1, 0, shared_savings_terms,
                 quality_score),
    CAP_TERM_NUM("quality_score_sd", 0, 0.5, 1, shared_savings_terms,
                 quality_score_sd),
    CAP_TERM_NUM("savings_cap", 0, 1, 0, shared_savings_terms, savings_cap),
    CAP_TERM_YESNO("two_sided", shared_savings_terms, two_sided),
    CAP_TERM_NUM("min_loss_rate", 0, 1, 0, shared_savings_terms, mlr),
    CAP_TERM_NUM("loss_sharing_rate", 0, 1, 0, shared_savings_terms,
                 loss_sharing_rate),
    CAP_TERM_NUM("loss_cap", 0, 1, 0, shared_savings_terms, loss_cap),
};

static int
shared_savings_set(void *terms, const cap_scenario *sc, const char *key,
                   const char *value, char *msg, size_t msglen)
{
    shared_savings_terms *s = terms;
    int status = cap_terms_target_set(&s->benchmark, "benchmark", key,
                                      value, msg, msglen);

    if (status != CAP_CONTRACT_UNKNOWN_KEY)
        return status;
    if (strcmp(key, "min_savings_rate") == 0) {
        s->msr_by_size = strcmp(value, "by_size") == 0;
        if (s->msr_by_size) {
            s->msr = 0.0;     /* given; the table decides */
            return CAP_OK;
        }
        if (cap_terms_number(value, 0, 1, 0, &s->msr, msg, msglen)
            != CAP_OK) {
            snprintf(msg, msglen, "must be a number in [0, 1] or by_size");
            return CAP_EINPUT;
        }
        return CAP_OK;
    }
    if (strcmp(key, "msr_table") == 0)
        return cap_terms_points(value, "persons", "rate", s->msr_persons,
                                s->msr_rate, MAX_MSR_POINTS, 0, 1,
                                &s->n_points, msg, msglen);
    return cap_terms_read(shared_savings_keys,
                          CAP_TERMS_N(shared_savings_keys), terms, sc, key,
                          value, msg, msglen);
}

static int
needs(const char *key, char *msg, size_t msglen)
{
    snprintf(msg, msglen, "needs key '%s' (type shared_savings)", key);
    return CAP_EINPUT;
}

/* Keys are checked here, not in set(), because they may come in any
 * order: a loss key before two_sided, msr_table before
 * min_savings_rate.  A key that would be ignored is an error, so that
 * no one believes a term is in force when it is not. */
static int
shared_savings_finish(void *terms, const cap_scenario *sc, size_t provider,
                      char *msg, size_t msglen)
{
    shared_savings_terms *s = terms;
    /* auto: the expected fee-for-service spend, activity at tariff. */
    int status = cap_terms_target_finish(&s->benchmark, "benchmark", sc,
                                         provider, CAP_BASIS_ACTIVITY, msg,
                                         msglen);

    if (status != CAP_OK)
        return status;
    if (isnan(s->msr))
        return needs("min_savings_rate", msg, msglen);
    if (s->msr_by_size && s->n_points == 0) {
        snprintf(msg, msglen, "min_savings_rate = by_size needs key "
                 "'msr_table' (persons:rate, ...)");
        return CAP_EINPUT;
    }
    if (!s->msr_by_size && s->n_points > 0) {
        snprintf(msg, msglen, "msr_table is used only with "
                 "min_savings_rate = by_size");
        return CAP_EINPUT;
    }
    if (isnan(s->sharing_rate))
        return needs("sharing_rate", msg, msglen);
    if (isnan(s->savings_cap))
        return needs("savings_cap", msg, msglen);
    if (s->two_sided) {
        if (isnan(s->loss_sharing_rate))
            return needs("loss_sharing_rate", msg, msglen);
        if (isnan(s->loss_cap))
            return needs("loss_cap", msg, msglen);
    } else if (!isnan(s->mlr) || !isnan(s->loss_sharing_rate)
               || !isnan(s->loss_cap)) {
        snprintf(msg, msglen, "min_loss_rate, loss_sharing_rate and "
                 "loss_cap need two_sided = yes");
        return CAP_EINPUT;
    }
    if (cap_terms_score_check(s->quality_score, s->quality_score_sd,
                              "quality_score", msg, msglen) != CAP_OK)
        return CAP_EINPUT;
    return cap_terms_require_tariffs(sc, provider, "type shared_savings "
                                     "pays tariffs", msg, msglen);
}

/* The year's benchmark.  Every use of B goes through here, so another
 * way of setting it (from expected spend, say) changes one function. */
static double
benchmark_of(const shared_savings_terms *s, const cap_settle_input *in)
{
    return cap_terms_target_year(&s->benchmark, in->year);
}

/* y at x on the broken line through the points (x increasing), flat
 * beyond the first and last points. */
static double
interpolate(double x, const double *xs, const double *ys, size_t n)
{
    size_t k = 1;

    if (x <= xs[0])
        return ys[0];
    if (x >= xs[n - 1])
        return ys[n - 1];
    while (xs[k] < x)
        k++;
    return ys[k - 1] + (ys[k] - ys[k - 1]) * (x - xs[k - 1])
                       / (xs[k] - xs[k - 1]);
}

/* The minimum savings rate of the year: in the program it falls with
 * the number of assigned beneficiaries, because a small population's
 * spend strays further from its benchmark by chance alone. */
static double
msr_of(const shared_savings_terms *s, const cap_settle_input *in)
{
    if (!s->msr_by_size)
        return s->msr;
    return interpolate(cap_tally_persons(in->tally, in->year),
                       s->msr_persons, s->msr_rate, s->n_points);
}

static double
shared_savings_pay(const void *terms, const cap_settle_input *in)
{
    const shared_savings_terms *s = terms;
    double spend = cap_tally_provider_tariff_value(in->tally, in->provider,
                                                   in->year);
    double bench = benchmark_of(s, in);
    double msr = msr_of(s, in);
    double savings = bench - spend;
    double gain = 0.0, repay = 0.0;

    if (savings >= msr * bench) {
        gain = s->sharing_rate * cap_terms_score_of(s->quality_score, in)
               * savings;
        if (gain > s->savings_cap * bench)
            gain = s->savings_cap * bench;
    }
    if (s->two_sided) {
        double mlr = isnan(s->mlr) ? msr : s->mlr;
        double losses = -savings;

        if (losses >= mlr * bench) {
            repay = s->loss_sharing_rate * losses;
            if (repay > s->loss_cap * bench)
                repay = s->loss_cap * bench;
        }
    }
    return spend + gain - repay;
}

static int
shared_savings_score(const void *terms, double *mean, double *sd)
{
    const shared_savings_terms *s = terms;

    if (!(s->quality_score_sd > 0.0))
        return 0;
    *mean = s->quality_score;
    *sd = s->quality_score_sd;
    return 1;
}

const cap_contract_type cap_contract_shared_savings = {
    .name = "shared_savings",
    .terms_size = sizeof(shared_savings_terms),
    .init = shared_savings_init,
    .set = shared_savings_set,
    .finish = shared_savings_finish,
    .pay = shared_savings_pay,
    .score = shared_savings_score
};
