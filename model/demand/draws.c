/* draws.c -- what both demand engines draw in the same way (draws.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include "demand/draws.h"
#include "base/rng.h"

/* The system multipliers M_y = max(0, 1 + g)^(y-1) e_y, with g ~
 * Normal(trend, trend_sd) once a trial and e_y = exp(s z_y - s^2/2),
 * s^2 = log(1 + shock_sd^2); then each drawn quality score, a Beta with
 * the spec's mean m and sd s: shape parameters m n and (1 - m) n with
 * n = m (1 - m) / s^2 - 1. */
void
cap_draw_trial_common(const cap_scenario *sc, gsl_rng *r, uint32_t trial,
                      cap_tally *t)
{
    double s2 = log1p(sc->shock_sd * sc->shock_sd);
    double s = sqrt(s2);
    double growth;

    cap_rng_seek(r, trial, CAP_STREAM_SYSTEM, 0, 0);
    growth = 1.0 + sc->trend + sc->trend_sd * gsl_ran_ugaussian(r);
    if (growth < 0.0)
        growth = 0.0;
    for (int y = 0; y < sc->years; y++) {
        double shock = exp(s * gsl_ran_ugaussian(r) - 0.5 * s2);

        t->multiplier[y] = pow(growth, y) * shock;
    }
    for (int year = 1; year <= sc->years; year++) {
        for (size_t k = 0; k < sc->n_scores; k++) {
            double m = sc->scores[k].mean, sd = sc->scores[k].sd;
            double n = m * (1.0 - m) / (sd * sd) - 1.0;

            cap_rng_seek(r, trial, CAP_STREAM_SCORE, (uint32_t) year,
                         (uint32_t) k);
            t->scores[(size_t) (year - 1) * sc->n_scores + k] =
                gsl_ran_beta(r, m * n, (1.0 - m) * n);
        }
    }
}

void
cap_event_rates(const cap_scenario *sc, double *tier_rate,
                double *service_cum)
{
    double mean_rr = 0.0, total_rate = 0.0, cum = 0.0;
    size_t ns = sc->n_services;

    for (size_t t = 0; t < sc->n_tiers; t++)
        mean_rr += sc->tiers[t].share * sc->tiers[t].relative_risk;
    for (size_t k = 0; k < ns; k++)
        total_rate += sc->services[k].rate;
    for (size_t t = 0; t < sc->n_tiers; t++)
        tier_rate[t] = total_rate * sc->tiers[t].relative_risk / mean_rr;
    for (size_t k = 0; k < ns; k++) {
        cum += total_rate > 0.0 ? sc->services[k].rate / total_rate : 0.0;
        service_cum[k] = cum;
    }
    service_cum[ns - 1] = 1.0;   /* no event may fall past the end */
}

double
cap_gamma_sum(gsl_rng *r, const cap_service *svc, double n)
{
    double c2 = svc->cost_cv * svc->cost_cv;

    if (n <= 0.0)
        return 0.0;
    return c2 > 0.0 ? gsl_ran_gamma(r, n / c2, svc->unit_cost * c2)
                    : n * svc->unit_cost;
}

/* Hormann's PTRS for mu >= 10: a candidate k from the transformed
 * uniform, accepted at once in the squeeze region (most draws) or by
 * comparing log densities. */
static double
poisson_ptrs(gsl_rng *r, double mu)
{
    double slam = sqrt(mu), loglam = log(mu);
    double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
    double log_inv_alpha = log(1.1239 + 1.1328 / (b - 3.4));
    double v_r = 0.9277 - 3.6224 / (b - 2.0);

    for (;;) {
        double u = gsl_rng_uniform_pos(r) - 0.5, v = gsl_rng_uniform(r);
        double us = 0.5 - fabs(u);
        double k = floor((2.0 * a / us + b) * u + mu + 0.43);

        if (us >= 0.07 && v <= v_r)
            return k;
        if (k < 0.0 || (us < 0.013 && v > us))
            continue;
        if (log(v) + log_inv_alpha - log(a / (us * us) + b)
            <= -mu + k * loglam - gsl_sf_lngamma(k + 1.0))
            return k;
    }
}

double
cap_poisson(gsl_rng *r, double mu)
{
    const double piece = 1073741824.0;
    double n = 0.0;

    for (; mu > piece; mu -= piece)
        n += poisson_ptrs(r, piece);
    return n + (mu < 10.0 ? (double) gsl_ran_poisson(r, mu)
                          : poisson_ptrs(r, mu));
}

double
cap_kept_cost(gsl_rng *r, const cap_service *svc, double cost, double kept,
              double gone)
{
    double c2 = svc->cost_cv * svc->cost_cv;

    if (gone <= 0.0)
        return cost;
    if (kept <= 0.0)
        return 0.0;
    return c2 > 0.0 ? cost * gsl_ran_beta(r, kept / c2, gone / c2)
                    : kept * svc->unit_cost;
}

double
cap_cause_chance(const cap_scenario *sc, const double *activity, size_t c,
                 size_t k, int year, int enrolled)
{
    const cap_intervention *iv;
    double ramp;

    if (c == 0) {
        double m = activity
            ? activity[(size_t) (year - 1) * sc->n_services + k] : 1.0;

        return m < 1.0 ? 1.0 - m : -1.0;
    }
    iv = &sc->interventions[c - 1];
    if (!iv->acts_on[k] || year < iv->start_year)
        return -1.0;
    if (iv->type == CAP_CASE_MANAGEMENT && !enrolled)
        return -1.0;
    if (iv->mode == CAP_SWITCHED_OFF)
        return 0.0;
    if (iv->type == CAP_DEMAND_REDUCTION)
        return iv->cut * (iv->mode == CAP_AS_PLANNED ? 1.0 : iv->delivery);
    ramp = iv->ramp_years > 0
        ? (double) (year - iv->start_year + 1) / iv->ramp_years : 1.0;
    return iv->effect * (ramp < 1.0 ? ramp : 1.0);
}

void
cap_draw_discretionary(const cap_unit_draws *u, const double *service_cum,
                       cap_count_draw draw, double rate, double *count,
                       double *cost)
{
    const cap_scenario *sc = u->sc;
    const double *m = u->activity + (size_t) (u->year - 1) * sc->n_services;
    int sought = 0;

    for (size_t k = 0; k < sc->n_services; k++) {
        double share = cap_service_share(service_cum, k);
        double extra;

        if (m[k] <= 1.0)
            continue;
        if (!sought) {
            cap_rng_seek(u->r, u->trial, CAP_STREAM_BEHAVIOUR,
                         (uint32_t) u->year, u->unit);
            sought = 1;
        }
        extra = draw(u->r, (m[k] - 1.0) * share * rate);
        count[k] += extra;
        cost[k] += cap_gamma_sum(u->r, &sc->services[k], extra);
    }
}

int
cap_cut_reach(cap_unit_draws *u, size_t k, double cost, cap_tally *t)
{
    const cap_scenario *sc = u->sc;
    size_t nc = 1 + sc->n_interventions, y = (size_t) (u->year - 1);
    int reached = 0;

    for (size_t c = 0; c < nc; c++) {
        int enrolled = c > 0 && u->enrolled
                       && u->enrolled[(c - 1) * u->stride];

        u->chance[c] = cap_cause_chance(sc, u->activity, c, k, u->year,
                                        enrolled);
        reached |= u->chance[c] >= 0.0;
        if (c > 0 && u->chance[c] >= 0.0
            && sc->interventions[c - 1].type == CAP_DEMAND_REDUCTION)
            cap_iv_add(t, y, c - 1, CAP_IV_PLANNED_COST,
                       sc->interventions[c - 1].cut * cost);
    }
    if (reached && !u->sought) {
        cap_rng_seek(u->r, u->trial, CAP_STREAM_THINNING, (uint32_t) u->year,
                     u->unit);
        u->sought = 1;
    }
    return reached;
}
