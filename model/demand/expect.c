/* expect.c -- expected activity and cost under the model, in closed form.
 *
 * Frailty has mean 1 and the shock e_y has mean 1, and both are
 * independent of the trend G ~ Normal(trend, trend_sd), so
 *
 *   E[N_sy] = rate_s x E[M_y] x sum over strata of n_y(stratum) R_tier
 *   E[M_y]  = E[max(0, 1 + G)^(y-1)]
 *
 * For the trend moment we integrate (1 + g)^k against the normal density
 * over 1 + g > 0 (GSL's QAGIU); when the normal puts no mass below -1
 * that is the binomial sum of normal moments
 *   sum_j C(k, j) (1 + trend)^(k-j) trend_sd^j (j - 1)!!  (j even),
 * which is what the integral returns.  Costs: E[cost per event] =
 * unit_cost, whatever its spread.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include "demand/expect.h"
#include "demand/population.h"

typedef struct {
    double mu, sd;
    int k;
} trend_moment;

static double
integrand(double g, void *params)
{
    const trend_moment *m = params;
    double z = (g - m->mu) / m->sd;

    return pow(1.0 + g, m->k) * exp(-0.5 * z * z)
           / (m->sd * sqrt(2.0 * M_PI));
}

/* E[(1 + G)^k] by the binomial sum of normal moments. */
static double
binomial_moment(double mu, double sd, int k)
{
    double sum = 0.0;

    for (int j = 0; j <= k; j += 2)
        sum += gsl_sf_choose((unsigned) k, (unsigned) j)
               * pow(1.0 + mu, k - j) * pow(sd, j)
               * gsl_sf_doublefact((unsigned) (j > 0 ? j - 1 : 0));
    return sum;
}

double
cap_expect_multiplier(const cap_scenario *sc, int year)
{
    int k = year - 1;
    double mu = sc->trend, sd = sc->trend_sd;

    if (k == 0)
        return 1.0;
    if (sd == 0.0)
        return pow(fmax(0.0, 1.0 + mu), k);
    /* No visible mass below -1 (1 + trend more than 12 sd above 0): the
     * truncation cannot matter in double precision. */
    if (1.0 + mu > 12.0 * sd)
        return binomial_moment(mu, sd, k);
    {
        gsl_integration_workspace *w = gsl_integration_workspace_alloc(200);
        trend_moment m = { mu, sd, k };
        gsl_function f = { integrand, &m };
        double result = NAN, err;

        if (w != NULL) {
            if (gsl_integration_qagiu(&f, -1.0, 0.0, 1e-12, 200, w,
                                      &result, &err) != 0)
                result = NAN;
            gsl_integration_workspace_free(w);
        }
        return result;
    }
}

/* sum over strata of people x R_tier in year: the population's
 * risk-weighted size. */
static double
weighted_persons(const cap_scenario *sc, int year)
{
    cap_population *pop;
    double mean_rr = 0.0, sum = 0.0;

    for (size_t t = 0; t < sc->n_tiers; t++)
        mean_rr += sc->tiers[t].share * sc->tiers[t].relative_risk;
    if (cap_population_alloc(sc, &pop) != CAP_OK)
        return NAN;
    for (size_t s = 0; s < pop->n_strata; s++)
        sum += cap_population_count(pop, year, s)
               * sc->tiers[pop->tier_of[s]].relative_risk / mean_rr;
    cap_population_free(pop);
    return sum;
}

double
cap_expect_events(const cap_scenario *sc, size_t service, int year)
{
    return sc->services[service].rate * cap_expect_multiplier(sc, year)
           * weighted_persons(sc, year);
}

double
cap_expect_provider_cost(const cap_scenario *sc, size_t provider, int year)
{
    double sum = cap_scenario_fixed_cost(sc, provider, year);

    for (size_t k = 0; k < sc->n_services; k++)
        if (sc->services[k].provider == provider)
            sum += sc->services[k].unit_cost
                   * cap_expect_events(sc, k, year);
    return sum;
}

double
cap_expect_tariff_value(const cap_scenario *sc, size_t provider, int year)
{
    double sum = 0.0;

    for (size_t k = 0; k < sc->n_services; k++) {
        const cap_service *s = &sc->services[k];

        if (s->provider == provider && s->tariff > 0.0)
            sum += s->tariff * cap_expect_events(sc, k, year);
    }
    return sum;
}
