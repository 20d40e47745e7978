/* waterfall.c -- waterfall.csv: the growth waterfall of a run, one row
 * per option, party, measure and step (capsim/study.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include "capsim/study.h"
#include "capsim/ledger.h"
#include "base/csv_write.h"

static const char *const measure_names[CAP_WF_MEASURES] = { "spend", "net" };

/* One row: its step (0 = start) and cause, label and amount in cents
 * (written in units: %.12g keeps the cents of amounts below 10^10). */
static void
row(cap_csv_writer *w, const cap_scenario *sc, size_t opt, size_t party,
    int m, int step, const char *cause, const char *label, long long cents)
{
    cap_csv_add_integer(w, 0);   /* point: a waterfall has no sweep */
    cap_csv_add_text(w, sc->options[opt].name);
    cap_csv_add_text(w, cap_ledger_party_name(sc, party));
    cap_csv_add_text(w, measure_names[m]);
    cap_csv_add_integer(w, step);
    cap_csv_add_text(w, cause);
    cap_csv_add_label(w, label);
    cap_csv_add_number(w, (double) cents / 100.0);
    cap_csv_end_row(w);
}

int
cap_write_waterfall(FILE *f, const cap_scenario *sc, const cap_waterfall *w,
                    cap_diag *diag)
{
    cap_csv_writer csv;
    char last[32];

    snprintf(last, sizeof last, "Year %d", w->last_year);
    cap_csv_open(&csv, f);
    cap_csv_line(&csv, "point,option,party,measure,step,cause,label,"
                       "amount");
    for (size_t opt = 0; opt < w->options; opt++)
        for (size_t p = 0; p < w->parties; p++)
            for (int m = 0; m < CAP_WF_MEASURES; m++) {
                size_t at = cap_waterfall_at(w, opt, p, (cap_wf_measure) m);

                row(&csv, sc, opt, p, m, 0, "start", "Year 1",
                    w->start[at]);
                for (int c = 0; c < CAP_N_CAUSES; c++)
                    row(&csv, sc, opt, p, m, c + 1,
                        cap_cause_name((cap_cause) c),
                        cap_cause_label((cap_cause) c),
                        w->part[at * CAP_N_CAUSES + (size_t) c]);
                row(&csv, sc, opt, p, m, CAP_N_CAUSES + 1, "end", last,
                    w->end[at]);
            }
    return cap_csv_finish(&csv, diag);
}
