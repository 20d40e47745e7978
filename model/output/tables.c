/* tables.c -- the CSV tables of a run: summary, risk transfer, trials,
 * concentration.  Layouts and metric definitions: docs/outputs.md.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "capsim/output.h"
#include "capsim/ledger.h"
#include "capsim/stats.h"
#include "base/csv_write.h"

#define N_QUANTITIES 3
static const char *const quantity_name[N_QUANTITIES] = {
    "income", "spend", "net"      /* in the order of cap_quantity */
};

/* P(cumulative net falls below -reserves at some year end up to year
 * last), with its binomial mcse. */
static cap_estimate
prob_ruin(const cap_outcomes *o, size_t option, size_t party, int last,
          double reserves)
{
    cap_estimate e;

    e.value = cap_outcomes_prob_ruin(o, option, party, last, reserves);
    e.mcse = sqrt(e.value * (1.0 - e.value) / (double) o->trials);
    return e;
}

/* The year fields of a row: year, the last year it covers (an
 * integer, so that spreadsheets and data frames read the column as
 * numbers), and period, "annual" for that year alone or "horizon" for
 * years 1 to H summed (year CAP_HORIZON, written as year H). */
static void
add_year(cap_csv_writer *w, int year, int horizon)
{
    cap_csv_add_integer(w, year == CAP_HORIZON ? horizon : year);
    cap_csv_add_label(w, year == CAP_HORIZON ? "horizon" : "annual");
}

static void
row(cap_csv_writer *w, const cap_outcomes *o, const char *option,
    const char *party, int year, const char *quantity, const char *metric,
    cap_estimate e)
{
    cap_csv_add_integer(w, (long) o->point);
    cap_csv_add_text(w, option);
    cap_csv_add_text(w, party);
    add_year(w, year, o->years);
    cap_csv_add_label(w, quantity);
    cap_csv_add_label(w, metric);
    cap_csv_add_number(w, e.value);
    cap_csv_add_number(w, e.mcse);
    cap_csv_end_row(w);
}

/* The reserve party p must not exhaust (its appetite's, a provider's
 * own reserves by default), or NAN where it has none. */
static double
reserve_of(const cap_scenario *sc, size_t p)
{
    return p < sc->appetite.n_parties ? sc->appetite.party[p].reserves
                                      : NAN;
}

/* The rows of net: the summary's statistics s of year (or the
 * horizon), then P(ruin) where the party has a reserve, and on the
 * horizon's rows the annual duty from h (cell i): P(deficit in at least
 * one year), the largest P(deficit) of a single year, and the worst
 * year's 1-in-20 loss and expected shortfall. */
static void
net_rows(cap_csv_writer *w, const cap_scenario *sc, const cap_outcomes *o,
         const cap_horizon *h, size_t opt, size_t p, int year,
         const cap_summary *s)
{
    const char *on = sc->options[opt].name;
    const char *pn = cap_ledger_party_name(sc, p);
    size_t i = opt * o->parties + p;
    double reserves = reserve_of(sc, p);

    row(w, o, on, pn, year, "net", "var95", s->var95);
    row(w, o, on, pn, year, "net", "cvar95", s->cvar95);
    row(w, o, on, pn, year, "net", "var99", s->var99);
    row(w, o, on, pn, year, "net", "cvar99", s->cvar99);
    row(w, o, on, pn, year, "net", "prob_deficit", s->prob_deficit);
    if (!isnan(reserves))
        row(w, o, on, pn, year, "net", "prob_ruin",
            prob_ruin(o, opt, p, year == CAP_HORIZON ? o->years : year,
                      reserves));
    if (year != CAP_HORIZON)
        return;
    row(w, o, on, pn, year, "net", "prob_deficit_any_year",
        h->any_deficit[i]);
    row(w, o, on, pn, year, "net", "prob_deficit_worst_year",
        h->worst_deficit[i]);
    row(w, o, on, pn, year, "net", "worst_year_var95", h->worst[i].var95);
    row(w, o, on, pn, year, "net", "worst_year_cvar95",
        h->worst[i].cvar95);
}

int
cap_write_summary(FILE *f, const cap_scenario *sc, const cap_outcomes *o,
                  cap_header header, cap_diag *diag)
{
    double *x = malloc(o->trials * sizeof *x);
    double *work = malloc(o->trials * sizeof *work);
    cap_horizon *h = NULL;
    cap_csv_writer w;
    cap_summary s;

    /* The annual duty's figures, as the overview and report have them. */
    if (x == NULL || work == NULL
        || cap_horizon_alloc(sc, o, &h, diag) != CAP_OK) {
        free(x);
        free(work);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    cap_csv_open(&w, f);
    if (header == CAP_HEADER_WRITE)
        cap_csv_line(&w, "point,option,party,year,period,quantity,metric,"
                         "value,mcse");
    for (size_t opt = 0; opt < o->options; opt++) {
        const char *oname = sc->options[opt].name;

        for (size_t p = 0; p < o->parties; p++) {
            const char *pname = cap_ledger_party_name(sc, p);

            for (int year = 1; year <= o->years + 1; year++) {
                int y = year <= o->years ? year : CAP_HORIZON;

                for (int q = 0; q < N_QUANTITIES; q++) {
                    const char *qn = quantity_name[q];

                    cap_outcomes_gather(o, opt, p, y, (cap_quantity) q,
                                        x);
                    cap_stats_summarise(x, o->trials, work, &s);
                    row(&w, o, oname, pname, y, qn, "mean", s.mean);
                    row(&w, o, oname, pname, y, qn, "sd", s.sd);
                    for (int k = 0; k < CAP_N_QUANTILES; k++)
                        row(&w, o, oname, pname, y, qn,
                            cap_quantile_names[k], s.quantile[k]);
                    if (q == CAP_NET)
                        net_rows(&w, sc, o, h, opt, p, y, &s);
                }
            }
        }
    }
    free(x);
    free(work);
    cap_horizon_free(h);
    return cap_csv_finish(&w, diag);
}

int
cap_write_risk_transfer(FILE *f, const cap_scenario *sc,
                        const cap_outcomes *o, cap_header header,
                        cap_diag *diag)
{
    size_t sys = cap_ledger_system(sc);
    double *x = malloc(o->trials * sizeof *x);
    double *y = malloc(o->trials * sizeof *y);
    double *share = malloc(sys * sizeof *share);
    double *mcse = malloc(sys * sizeof *mcse);
    cap_csv_writer w;
    int status = CAP_ENOMEM;

    if (x && y && share && mcse) {
        cap_csv_open(&w, f);
        if (header == CAP_HEADER_WRITE)
            cap_csv_line(&w, "point,option,year,period,party,cost_risk_share,"
                             "mcse");
        for (size_t opt = 0; opt < o->options; opt++) {
            for (int year = 1; year <= o->years + 1; year++) {
                int yr = year <= o->years ? year : CAP_HORIZON;

                cap_risk_shares(sc, o, opt, yr, x, y, share, mcse);
                for (size_t p = 0; p < sys; p++) {
                    cap_csv_add_integer(&w, (long) o->point);
                    cap_csv_add_text(&w, sc->options[opt].name);
                    add_year(&w, yr, o->years);
                    cap_csv_add_text(&w, cap_ledger_party_name(sc, p));
                    cap_csv_add_number(&w, share[p]);
                    cap_csv_add_number(&w, mcse[p]);
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
    free(share);
    free(mcse);
    return status;
}

int
cap_write_trials(FILE *f, const cap_scenario *sc, const cap_outcomes *o,
                 cap_header header, cap_diag *diag)
{
    cap_csv_writer w;

    cap_csv_open(&w, f);
    if (header == CAP_HEADER_WRITE)
        cap_csv_line(&w, "point,trial,option,party,year,period,income,"
                         "spend,net");
    for (size_t i = 0; i < o->trials; i++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            for (size_t p = 0; p < o->parties; p++) {
                for (int y = 1; y <= o->years; y++) {
                    size_t at = cap_outcomes_at(o, i, opt, p, y);

                    cap_csv_add_integer(&w, (long) o->point);
                    cap_csv_add_integer(&w, (long) i);
                    cap_csv_add_text(&w, sc->options[opt].name);
                    cap_csv_add_text(&w, cap_ledger_party_name(sc, p));
                    add_year(&w, y, o->years);
                    cap_csv_add_number(&w, o->income[at]);
                    cap_csv_add_number(&w, o->spend[at]);
                    cap_csv_add_number(&w, o->income[at] - o->spend[at]);
                    cap_csv_end_row(&w);
                }
            }
        }
    }
    return cap_csv_finish(&w, diag);
}

/* Mean and mcse over trials of x[(i * stride) + offset], i < n,
 * skipping NANs; NAN when none. */
static cap_estimate
mean_over_trials(const double *x, size_t n, size_t stride, size_t offset)
{
    cap_estimate e = { NAN, NAN };
    double sum = 0.0, ss = 0.0;
    size_t m = 0;

    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i * stride + offset])) {
            sum += x[i * stride + offset];
            m++;
        }
    if (m == 0)
        return e;
    e.value = sum / (double) m;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i * stride + offset])) {
            double dev = x[i * stride + offset] - e.value;

            ss += dev * dev;
        }
    e.mcse = m > 1 ? sqrt(ss / (double) (m - 1) / (double) m) : NAN;
    return e;
}

static void
concentration_row(cap_csv_writer *w, size_t point, int year,
                  const char *group, cap_estimate e)
{
    cap_csv_add_integer(w, (long) point);
    add_year(w, year, 0);
    cap_csv_add_label(w, group);
    cap_csv_add_number(w, e.value);
    cap_csv_add_number(w, e.mcse);
    cap_csv_end_row(w);
}

int
cap_write_concentration(FILE *f, const cap_outcomes *o,
                        cap_header header, cap_diag *diag)
{
    size_t n = o->conc_trials, years = (size_t) o->years;
    cap_csv_writer w;

    cap_csv_open(&w, f);
    if (header == CAP_HEADER_WRITE)
        cap_csv_line(&w, "point,year,period,group,share,mcse");
    for (size_t y = 0; y < years && n > 0; y++) {
        for (size_t g = 0; g < CAP_N_CONC_GROUPS; g++)
            concentration_row(&w, o->point, (int) y + 1, cap_conc_names[g],
                              mean_over_trials(o->concentration, n,
                                               years * CAP_N_CONC_GROUPS,
                                               y * CAP_N_CONC_GROUPS + g));
        if (y > 0)
            concentration_row(&w, o->point, (int) y + 1, "top5_stay",
                              mean_over_trials(o->persistence, n, years, y));
    }
    return cap_csv_finish(&w, diag);
}

int
cap_write_inputs(FILE *f, const cap_scenario *sc, const cap_outcomes *o,
                 cap_header header, cap_diag *diag)
{
    cap_csv_writer w;

    cap_csv_open(&w, f);
    if (header == CAP_HEADER_WRITE) {
        cap_csv_add_label(&w, "point");
        cap_csv_add_label(&w, "trial");
        for (size_t k = 0; k < o->n_inputs; k++)
            cap_csv_add_text(&w, sc->inputs[k].name);
        cap_csv_end_row(&w);
    }
    for (size_t i = 0; i < o->trials; i++) {
        cap_csv_add_integer(&w, (long) o->point);
        cap_csv_add_integer(&w, (long) i);
        for (size_t k = 0; k < o->n_inputs; k++)
            cap_csv_add_number(&w, o->inputs[i * o->n_inputs + k]);
        cap_csv_end_row(&w);
    }
    return cap_csv_finish(&w, diag);
}

