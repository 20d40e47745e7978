/* report_waterfall.c -- the report's section on the growth waterfall
 * (report_waterfall.h): for the recommended option (or, none being
 * acceptable, the closest), a table per measure whose rows are year 1,
 * each cause's part and the last year, and whose columns are the
 * parties, with a paragraph saying how the parts were found.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include "capsim/ledger.h"
#include "output/report_html.h"
#include "output/report_waterfall.h"

/* One row of a table: its label, then each party's amount (cents). */
static void
put_row(FILE *f, const cap_waterfall *w, size_t opt, cap_wf_measure m,
        const char *label, int cause, int end, const char *currency)
{
    fputs("<tr><th scope=\"row\">", f);
    cap_html_text(f, label);
    fputs("</th>", f);
    for (size_t p = 0; p < w->parties; p++) {
        size_t at = cap_waterfall_at(w, opt, p, m);
        long long cents = cause >= 0 ? w->part[at * CAP_N_CAUSES
                                               + (size_t) cause]
                          : end ? w->end[at] : w->start[at];

        fputs("<td>", f);
        cap_html_money(f, (double) cents / 100.0, currency, CAP_MONEY_AUTO);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* The table of measure m under option opt. */
static void
put_table(FILE *f, const cap_scenario *sc, const cap_waterfall *w,
          size_t opt, cap_wf_measure m, const char *currency)
{
    char last[32];

    snprintf(last, sizeof last, "Year %d", w->last_year);
    fprintf(f, "<table>\n<caption>Expected %s in the year</caption>\n"
            "<thead><tr><th></th>", m == CAP_WF_SPEND ? "spend" : "net");
    for (size_t p = 0; p < w->parties; p++) {
        fputs("<th scope=\"col\">", f);
        cap_html_text(f, cap_ledger_party_label(sc, p));
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    put_row(f, w, opt, m, "Year 1", -1, 0, currency);
    for (int c = 0; c < CAP_N_CAUSES; c++)
        if (w->present[c])
            put_row(f, w, opt, m, cap_cause_label((cap_cause) c), c, 0,
                    currency);
    put_row(f, w, opt, m, last, -1, 1, currency);
    fputs("</tbody>\n</table>\n", f);
}

void
cap_report_waterfall(FILE *f, const cap_report_input *in,
                     const char *currency)
{
    const cap_waterfall *w = in->waterfall;
    const cap_scenario *sc = in->base;
    const cap_decision *d = in->points[0].decision;
    size_t opt = d != NULL && d->closest >= 0 ? (size_t) d->closest : 0;

    if (w == NULL)
        return;
    fputs("<h2>Why spending grows</h2>\n<p>Under ", f);
    cap_html_text(f, cap_scenario_option_label(sc, opt));
    fprintf(f, ", each party's expected spend and net in year 1 and in "
            "year %d, and the part each cause plays in the change. The "
            "parts come from runs of the same futures with the causes "
            "switched on one at a time, in the order of the rows, from a "
            "run with all of them off: a cause's part is the growth it "
            "adds to those above it, so a cause further down also carries "
            "its interaction with them. <i>Other</i> is the growth left "
            "with every cause off: the sampling noise of the years' draws "
            "and what the contracts do by themselves over time. The parts "
            "add up to the change exactly; a cause the scenario does not "
            "have is left out. waterfall.csv holds every option, and "
            "plots/waterfall_PARTY.png draws each party's spend.</p>\n",
            w->last_year);
    put_table(f, sc, w, opt, CAP_WF_SPEND, currency);
    put_table(f, sc, w, opt, CAP_WF_NET, currency);
}
