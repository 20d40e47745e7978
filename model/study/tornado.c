/* tornado.c -- one-at-a-time sensitivity, and rank-correlation
 * importance from a run with uncertain inputs.
 *
 * The tornado moves each input alone while every other uncertain input
 * stands at its median; all its runs share the seed, so the two ends of
 * a bar are paired trial by trial and the standard error of their
 * difference is that of the paired differences.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_statistics_double.h>
#include "capsim/study.h"
#include "capsim/dist.h"
#include "capsim/ledger.h"
#include "base/csv_write.h"
#include "study/rerun.h"

void
cap_tornado_free(cap_tornado *t)
{
    if (t == NULL)
        return;
    free(t->net_mid);
    free(t->share_mid);
    free(t->net_low);
    free(t->net_high);
    free(t->net_se);
    free(t->share_low);
    free(t->share_high);
    free(t->share_se);
    free(t);
}

static cap_tornado *
tornado_alloc(size_t inputs, size_t options, size_t parties)
{
    cap_tornado *t = calloc(1, sizeof *t);
    size_t mid = options * parties, all = inputs * mid + 1;

    if (t == NULL)
        return NULL;
    t->n_inputs = inputs;
    t->options = options;
    t->parties = parties;
    t->net_mid = malloc(mid * sizeof(double));
    t->share_mid = malloc(mid * sizeof(double));
    t->net_low = malloc(all * sizeof(double));
    t->net_high = malloc(all * sizeof(double));
    t->net_se = malloc(all * sizeof(double));
    t->share_low = malloc(all * sizeof(double));
    t->share_high = malloc(all * sizeof(double));
    t->share_se = malloc(all * sizeof(double));
    if (!t->net_mid || !t->share_mid || !t->net_low || !t->net_high
        || !t->net_se || !t->share_low || !t->share_high || !t->share_se) {
        cap_tornado_free(t);
        return NULL;
    }
    return t;
}

/* Simulate base with the uncertain inputs at their medians except
 * input `moved` (of base->sensitivity) at value; moved = SIZE_MAX moves
 * none. */
static int
run_at(const cap_scenario *base, size_t moved, double value,
       const cap_sim_config *cfg, cap_outcomes **o, cap_diag *diag)
{
    const cap_sensitivity *s = &base->sensitivity;
    cap_setting *set = malloc((base->n_inputs + 1) * sizeof *set);
    size_t n = 0;
    int status;

    if (set == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (size_t i = 0; i < base->n_inputs; i++)
        if (moved == SIZE_MAX
            || strcmp(base->inputs[i].name, s->inputs[moved].name) != 0)
            set[n++] = (cap_setting) { base->inputs[i].section,
                                       base->inputs[i].key,
                                       cap_dist_median(&base->inputs[i].dist),
                                       0 };
    if (moved != SIZE_MAX)
        set[n++] = (cap_setting) { s->inputs[moved].section,
                                   s->inputs[moved].key, value,
                                   s->inputs[moved].line };
    status = cap_rerun_variant(base, set, n, CAP_PLAN_KEEP, cfg, o, NULL,
                               diag);
    free(set);
    return status;
}

/* Mean net over the horizon of every (option, party), and each
 * option's shares of cost risk, into net[] and share[] at offset. */
static void
metrics(const cap_scenario *sc, const cap_outcomes *o, double *x,
        double *y, double *net, double *share, double *share_se)
{
    size_t sys = cap_ledger_system(sc);

    for (size_t opt = 0; opt < o->options; opt++) {
        double *sh = share + opt * o->parties;

        for (size_t p = 0; p < o->parties; p++) {
            cap_outcomes_gather(o, opt, p, CAP_HORIZON, CAP_NET, x);
            net[opt * o->parties + p] = gsl_stats_mean(x, 1, o->trials);
        }
        cap_risk_shares(sc, o, opt, CAP_HORIZON, x, y, sh,
                        share_se + opt * o->parties);
        sh[sys] = NAN;        /* the system carries all cost by definition */
        share_se[opt * o->parties + sys] = NAN;
    }
}

int
cap_tornado_run(const cap_scenario *base, const cap_sim_config *cfg,
                void (*step)(size_t, size_t, const char *, void *),
                void *user, cap_tornado **out, cap_diag *diag)
{
    const cap_sensitivity *s = &base->sensitivity;
    size_t parties = cap_ledger_parties(base), per = base->n_options * parties;
    size_t runs = 2 * s->n_inputs + 1;
    cap_tornado *t = tornado_alloc(s->n_inputs, base->n_options, parties);
    double *x = malloc((size_t) cfg->trials * sizeof *x);
    double *y = malloc((size_t) cfg->trials * sizeof *y);
    double *share_se_lo = malloc(per * sizeof *share_se_lo);
    cap_outcomes *lo = NULL, *hi = NULL;
    int status = CAP_OK;

    *out = NULL;
    if (!t || !x || !y || !share_se_lo)
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    if (status == CAP_OK && step)
        step(1, runs, "every input at its median", user);
    if (status == CAP_OK)
        status = run_at(base, SIZE_MAX, 0.0, cfg, &lo, diag);
    if (status == CAP_OK)
        metrics(base, lo, x, y, t->net_mid, t->share_mid, share_se_lo);
    cap_outcomes_free(lo);
    lo = NULL;
    for (size_t i = 0; i < s->n_inputs && status == CAP_OK; i++) {
        size_t at = i * per;
        char what[300];

        if (step) {
            snprintf(what, sizeof what, "%s = %g", s->inputs[i].name,
                     s->inputs[i].low);
            step(2 + 2 * i, runs, what, user);
        }
        status = run_at(base, i, s->inputs[i].low, cfg, &lo, diag);
        if (status == CAP_OK && step) {
            snprintf(what, sizeof what, "%s = %g", s->inputs[i].name,
                     s->inputs[i].high);
            step(3 + 2 * i, runs, what, user);
        }
        if (status == CAP_OK)
            status = run_at(base, i, s->inputs[i].high, cfg, &hi, diag);
        if (status == CAP_OK) {
            metrics(base, lo, x, y, t->net_low + at, t->share_low + at,
                    share_se_lo);
            metrics(base, hi, x, y, t->net_high + at, t->share_high + at,
                    t->share_se + at);
            /* The shares' errors are combined as if independent: an
             * upper bound, since common random numbers correlate the
             * two ends positively. */
            for (size_t k = 0; k < per; k++)
                t->share_se[at + k] = hypot(t->share_se[at + k],
                                            share_se_lo[k]);
            for (size_t opt = 0; opt < lo->options; opt++)
                for (size_t p = 0; p < lo->parties; p++)
                    t->net_se[at + opt * lo->parties + p] =
                        cap_outcomes_paired_net(lo, hi, opt, p, x, y).mcse;
        }
        cap_outcomes_free(lo);
        cap_outcomes_free(hi);
        lo = hi = NULL;
    }
    free(x);
    free(y);
    free(share_se_lo);
    if (status != CAP_OK) {
        cap_tornado_free(t);
        return status;
    }
    *out = t;
    return CAP_OK;
}

/* high - low, or 0 when the two differ by rounding alone (by less
 * than 1e-12 of their size), as a fixed payment's share of cost risk,
 * 1 at both ends but for the last bit, does. */
static double
swing(double low, double high)
{
    double d = high - low;

    return fabs(d) <= 1e-12 * fmax(fabs(low), fabs(high)) ? 0.0 : d;
}

static void
tornado_row(cap_csv_writer *w, const cap_scenario *sc, size_t opt, size_t p,
            const char *metric, const cap_sens_input *in, double mid,
            double low, double high, double se)
{
    cap_csv_add_integer(w, 0);    /* point: a tornado has no sweep */
    cap_csv_add_text(w, sc->options[opt].name);
    cap_csv_add_text(w, cap_ledger_party_name(sc, p));
    cap_csv_add_label(w, metric);
    cap_csv_add_text(w, in->name);
    cap_csv_add_number(w, in->low);
    cap_csv_add_number(w, in->high);
    cap_csv_add_number(w, mid);
    cap_csv_add_number(w, low);
    cap_csv_add_number(w, high);
    cap_csv_add_number(w, swing(low, high));
    cap_csv_add_number(w, se);
    cap_csv_end_row(w);
}

int
cap_write_tornado(FILE *f, const cap_scenario *base, const cap_tornado *t,
                  cap_diag *diag)
{
    size_t sys = cap_ledger_system(base);
    cap_csv_writer w;

    cap_csv_open(&w, f);
    cap_csv_line(&w, "point,option,party,metric,input,low_value,high_value,"
                     "mid,at_low,at_high,swing,swing_se");
    for (size_t opt = 0; opt < t->options; opt++) {
        for (size_t p = 0; p < t->parties; p++) {
            size_t c = opt * t->parties + p;

            for (size_t i = 0; i < t->n_inputs; i++) {
                size_t at = i * t->options * t->parties + c;
                const cap_sens_input *in = &base->sensitivity.inputs[i];

                tornado_row(&w, base, opt, p, "mean_net", in, t->net_mid[c],
                            t->net_low[at], t->net_high[at], t->net_se[at]);
                if (p != sys)
                    tornado_row(&w, base, opt, p, "cost_risk_share", in,
                                t->share_mid[c], t->share_low[at],
                                t->share_high[at], t->share_se[at]);
            }
        }
    }
    return cap_csv_finish(&w, diag);
}

int
cap_write_importance(FILE *f, const cap_scenario *sc, const cap_outcomes *o,
                     cap_diag *diag)
{
    size_t n = o->trials;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    double *work = malloc(2 * n * sizeof *work);
    cap_csv_writer w;
    int status = CAP_ENOMEM;

    if (x && y && work) {
        cap_csv_open(&w, f);
        cap_csv_line(&w, "point,option,party,input,rank_correlation,lo95,"
                         "hi95");
        for (size_t opt = 0; opt < o->options; opt++) {
            for (size_t p = 0; p < o->parties; p++) {
                cap_outcomes_gather(o, opt, p, CAP_HORIZON, CAP_NET, y);
                for (size_t k = 0; k < o->n_inputs; k++) {
                    double r, z, half = 1.96 / sqrt((double) n - 3.0);

                    for (size_t i = 0; i < n; i++)
                        x[i] = o->inputs[i * o->n_inputs + k];
                    r = gsl_stats_spearman(x, 1, y, 1, n, work);
                    z = atanh(r > 0.999999 ? 0.999999
                              : r < -0.999999 ? -0.999999 : r);
                    cap_csv_add_integer(&w, (long) o->point);
                    cap_csv_add_text(&w, sc->options[opt].name);
                    cap_csv_add_text(&w, cap_ledger_party_name(sc, p));
                    cap_csv_add_text(&w, sc->inputs[k].name);
                    cap_csv_add_number(&w, isnan(r) ? 0.0 : r);
                    cap_csv_add_number(&w, isnan(r) ? NAN : tanh(z - half));
                    cap_csv_add_number(&w, isnan(r) ? NAN : tanh(z + half));
                    cap_csv_end_row(&w);
                }
            }
        }
        status = cap_csv_finish(&w, diag);
    } else {
        cap_diag_set(diag, status, "", 0, "out of memory");
    }
    free(x);
    free(y);
    free(work);
    return status;
}
