/* incentives.c -- who gains from prevention: the change in each
 * party's net per avoided event, by a finite difference on common
 * random numbers.
 *
 * The cut scenario is a variant with one service's rate lowered by a
 * small fraction, its contracts as planned on the uncut one, run on the
 * same seed: each trial's people, shocks and costs are drawn from the
 * same streams, so the difference in a party's net is mostly the
 * avoided events and little noise.  Dividing by the expected number of
 * events avoided (closed form) gives the value of one avoided event to
 * each party -- negative to a provider paid per event above its marginal
 * cost, positive to one paid per head.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include "capsim/study.h"
#include "demand/expect.h"
#include "capsim/ledger.h"
#include "base/csv_write.h"
#include "study/rerun.h"

void
cap_incentives_free(cap_incentives *in)
{
    if (in == NULL)
        return;
    free(in->per_event);
    free(in->se);
    free(in);
}

/* Expected events of service k over the horizon. */
static double
horizon_events(const cap_scenario *sc, size_t k)
{
    double sum = 0.0;

    for (int y = 1; y <= sc->years; y++)
        sum += cap_expect_events(sc, k, y);
    return sum;
}

int
cap_incentives_run(const cap_scenario *sc, const cap_outcomes *o,
                   const cap_sim_config *cfg, cap_incentives **out,
                   cap_diag *diag)
{
    size_t k = (size_t) sc->incentives.service;
    cap_setting cut = { "service", NULL, 0.0, sc->incentives.line };
    char section[200];
    cap_scenario *v = NULL;
    cap_outcomes *oc = NULL;
    cap_incentives *in = calloc(1, sizeof *in);
    double *x = malloc(o->trials * sizeof *x);
    double *y = malloc(o->trials * sizeof *y);
    int status = in && x && y ? CAP_OK : CAP_ENOMEM;

    *out = NULL;
    snprintf(section, sizeof section, "service.%s", sc->services[k].name);
    cut.section = section;
    cut.key = "rate";
    cut.value = sc->services[k].rate * (1.0 - sc->incentives.step);
    if (status == CAP_OK) {
        in->options = o->options;
        in->parties = o->parties;
        in->per_event = malloc(o->options * o->parties * sizeof(double));
        in->se = malloc(o->options * o->parties * sizeof(double));
        if (in->per_event == NULL || in->se == NULL)
            status = CAP_ENOMEM;
    }
    if (status == CAP_OK)
        status = cap_rerun_variant(sc, &cut, 1, CAP_PLAN_KEEP, cfg, &oc, &v,
                                   diag);
    if (status == CAP_OK) {
        in->avoided = horizon_events(sc, k) - horizon_events(v, k);
        for (size_t opt = 0; opt < o->options; opt++)
            for (size_t p = 0; p < o->parties; p++) {
                size_t at = opt * o->parties + p;
                cap_estimate e = cap_outcomes_paired_net(o, oc, opt, p, x, y);

                in->per_event[at] = e.value / in->avoided;
                in->se[at] = e.mcse / in->avoided;
            }
    }
    cap_outcomes_free(oc);
    cap_scenario_free(v);
    free(x);
    free(y);
    if (status != CAP_OK) {
        if (status == CAP_ENOMEM)
            cap_diag_set(diag, status, "", 0, "out of memory");
        cap_incentives_free(in);
        return status;
    }
    *out = in;
    return CAP_OK;
}

int
cap_write_incentives(FILE *f, const cap_scenario *sc,
                     const cap_incentives *in, cap_diag *diag)
{
    size_t sys = cap_ledger_system(sc);
    cap_csv_writer w;

    cap_csv_open(&w, f);
    cap_csv_line(&w, "point,option,party,service,step,avoided_events,"
                     "net_change_per_avoided_event,se");
    for (size_t opt = 0; opt < in->options; opt++)
        for (size_t p = 0; p <= sys; p++) {
            cap_csv_add_integer(&w, 0);   /* point: runs have no sweep */
            cap_csv_add_text(&w, sc->options[opt].name);
            cap_csv_add_text(&w, cap_ledger_party_name(sc, p));
            cap_csv_add_text(&w, sc->services[sc->incentives.service].name);
            cap_csv_add_number(&w, sc->incentives.step);
            cap_csv_add_number(&w, in->avoided);
            cap_csv_add_number(&w, in->per_event[opt * in->parties + p]);
            cap_csv_add_number(&w, in->se[opt * in->parties + p]);
            cap_csv_end_row(&w);
        }
    return cap_csv_finish(&w, diag);
}
