/* decision_table.c -- decision.csv: which options each party accepts,
 * and the recommendation, at every point of a run.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include "capsim/ledger.h"
#include "capsim/study.h"
#include "base/csv_write.h"

int
cap_write_decision(FILE *f, const cap_point *points, size_t n,
                   cap_diag *diag)
{
    cap_csv_writer w;

    cap_csv_open(&w, f);
    cap_csv_line(&w, "point,option,party,decides,acceptable,borderline,"
                 "recommended,closest,net_vs_chosen,mcse,reason");
    for (size_t i = 0; i < n; i++) {
        const cap_decision *d = points[i].decision;
        const cap_scenario *sc = points[i].sc;

        for (size_t opt = 0; opt < d->options; opt++)
            for (size_t p = 0; p < d->parties; p++) {
                size_t at = opt * d->parties + p;
                const char *why = d->why_not[at];

                cap_csv_add_integer(&w, (long) i);
                cap_csv_add_text(&w, sc->options[opt].name);
                cap_csv_add_text(&w, cap_ledger_party_name(sc, p));
                cap_csv_add_integer(&w, p == d->decider);
                cap_csv_add_integer(&w, d->acceptable[at]);
                cap_csv_add_integer(&w, d->borderline[at]);
                cap_csv_add_integer(&w, (long) opt == d->recommended);
                cap_csv_add_integer(&w, (long) opt == d->closest);
                cap_csv_add_number(&w, d->versus[opt].value);
                cap_csv_add_number(&w, d->versus[opt].mcse);
                cap_csv_add_text(&w, why != NULL ? why : "");
                cap_csv_end_row(&w);
            }
    }
    return cap_csv_finish(&w, diag);
}
