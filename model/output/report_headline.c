/* report_headline.c -- the report's tables of options and the
 * recommendation.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include "capsim/ledger.h"
#include "output/report_annual.h"
#include "output/report_headline.h"
#include "output/report_html.h"

/* Per-year columns are shown up to this horizon; beyond it the table
 * would not fit a page, and the CSVs hold them. */
#define MAX_YEAR_COLUMNS 6

/* A loss (positive) as money, or a gain where it is negative: even the
 * bad outcome leaves a surplus. */
static void
put_loss(FILE *f, cap_estimate loss, const char *currency)
{
    if (loss.value > -0.5) {
        cap_html_money(f, loss.value, currency, CAP_MONEY_AUTO);
    } else {
        fputs("<span class=\"gain\">gain ", f);
        cap_html_money(f, -loss.value, currency, CAP_MONEY_AUTO);
        fputs("</span>", f);
    }
}

/* The option's cell, spanning its parties' rows. */
static void
put_option_cell(FILE *f, const cap_scenario *sc, size_t opt, size_t rows,
                int recommended)
{
    fprintf(f, "<td class=\"name\" rowspan=\"%zu\"><b>", rows);
    cap_html_text(f, cap_scenario_option_label(sc, opt));
    fputs("</b>", f);
    if (recommended)
        fputs("<br><span class=\"yes\">Recommended</span>", f);
    fputs("</td>", f);
}

/* The start of an options table: its box (which scrolls sideways on a
 * phone), the table (with id, or none where NULL) and the first two
 * headings; the caller writes the rest of the heading row. */
static void
put_table_start(FILE *f, const char *id)
{
    fputs("<div class=\"scroll\"><table", f);
    if (id != NULL)
        fprintf(f, " id=\"%s\"", id);
    fputs(">\n<thead><tr><th class=\"name\">Option</th>"
          "<th class=\"name\">Party</th>", f);
}

/* The start of party p's row under option opt, whose group has rows
 * rows: the option's cell on its first row, then the party's name;
 * class is the party cell's class. */
static void
put_row_start(FILE *f, const cap_scenario *sc, size_t opt, size_t p,
              size_t rows, int recommended, const char *class)
{
    fputs("<tr>", f);
    if (p == 0)
        put_option_cell(f, sc, opt, rows, recommended);
    fprintf(f, "<td class=\"%s\">", class);
    cap_html_text(f, cap_ledger_party_label(sc, p));
    fputs("</td>", f);
}

void
cap_report_headline(FILE *f, const cap_point *pt, const cap_decision *d,
                    const char *currency)
{
    const cap_scenario *sc = pt->sc;
    size_t sys = cap_ledger_system(sc), np = pt->o->parties;

    put_table_start(f, "headline");
    fputs("<th>Expected net a year</th>"
          "<th>Chance of a deficit in the worst year</th>"
          "<th>Worst year&rsquo;s 1&#8209;in&#8209;20 loss</th>"
          "<th>Share of cost risk</th>", f);
    if (d != NULL)
        fputs("<th class=\"name\">Can accept?</th>", f);
    fputs("</tr></thead>\n", f);
    for (size_t opt = 0; opt < pt->o->options; opt++) {
        int rec = d != NULL && d->recommended == (long) opt;

        fprintf(f, "<tbody class=\"option%s\">\n",
                rec ? " recommended" : "");
        for (size_t p = 0; p < sys; p++) {
            cap_report_annual a;

            cap_report_annual_get(pt, opt, p, &a);
            put_row_start(f, sc, opt, p, sys, rec, "name party");
            fputs("<td>", f);
            cap_html_money(f, a.net_a_year.value, currency, CAP_MONEY_AUTO);
            fputs("</td><td>", f);
            cap_html_percent(f, a.worst_deficit.value);
            fputs("</td><td>", f);
            put_loss(f, a.worst_var95, currency);
            fputs("</td><td>", f);
            cap_html_share(f, a.share);
            fputs("</td>", f);
            if (d != NULL) {
                const char *why = d->why_not[opt * np + p];

                fprintf(f, "<td class=\"name party %s\"",
                        d->acceptable[opt * np + p] ? "yes" : "no");
                if (why != NULL) {
                    fputs(" title=\"", f);
                    cap_html_text(f, why);
                    fputs("\"", f);
                }
                fputs(d->acceptable[opt * np + p] ? ">Yes" : ">No", f);
                /* Within two standard errors of a limit: more trials
                 * could turn the verdict. */
                if (d->borderline[opt * np + p])
                    fputs(" <span class=\"note\" title=\"Close to a limit: "
                          "more trials could change this\">(close)</span>",
                          f);
                fputs("</td>", f);
            }
            fputs("</tr>\n", f);
        }
        fputs("</tbody>\n", f);
    }
    fputs("</table></div>\n", f);
}

void
cap_report_recommendation(FILE *f, const cap_decision *d)
{
    if (d == NULL)
        return;
    /* The summary names the options ruled out and why: no list here. */
    fputs("<div class=\"recommendation\">\n<p id=\"recommendation\">", f);
    cap_html_text(f, d->summary);
    fputs("</p>\n", f);
    if (d->appetite_text != NULL) {
        fputs("<p class=\"note\">", f);
        cap_html_text(f, d->appetite_text);
        fputs("</p>\n", f);
    }
    fputs("</div>\n", f);
}

/* Whether the annual table has a column for each year. */
static int
by_year(const cap_point *pt)
{
    return pt->o->years > 1 && pt->o->years <= MAX_YEAR_COLUMNS;
}

/* The figures of one row of the annual table, each in its cell. */
static void
put_annual_figures(FILE *f, const cap_point *pt, size_t opt, size_t p,
                   const char *currency)
{
    cap_report_annual a;

    cap_report_annual_get(pt, opt, p, &a);
    fputs("<td>", f);
    cap_html_money_se(f, a.net_a_year, currency, CAP_MONEY_AUTO);
    fputs("</td><td>", f);
    cap_html_percent(f, a.any_deficit.value);
    for (int y = 1; by_year(pt) && y <= pt->o->years; y++) {
        fputs("</td><td>", f);
        cap_html_percent(f, cap_report_year_deficit(pt, opt, p, y).value);
    }
    fputs("</td><td>", f);
    put_loss(f, a.worst_var95, currency);
    fputs("</td><td>", f);
    put_loss(f, a.worst_cvar95, currency);
    fputs("</td><td>", f);
    cap_html_percent(f, a.ruin);
    fputs("</td>", f);
}

/* The figures of one row of the horizon's table, each in its cell. */
static void
put_horizon_figures(FILE *f, const cap_point *pt, size_t opt, size_t p,
                    const char *currency)
{
    const cap_summary *s = &pt->h->s[opt * pt->o->parties + p];

    fputs("<td>", f);
    cap_html_money_se(f, s->mean, currency, CAP_MONEY_AUTO);
    fputs("</td><td>", f);
    cap_html_money(f, s->sd.value, currency, CAP_MONEY_AUTO);
    fputs("</td><td>", f);
    put_loss(f, s->var95, currency);
    fputs("</td><td>", f);
    put_loss(f, s->cvar95, currency);
    fputs("</td><td>", f);
    cap_html_percent(f, s->prob_deficit.value);
    fputs("</td>", f);
}

/* The body of a detail table: a group of rows per option, a row per
 * party and the whole system, its figures written by figures. */
static void
put_detail_rows(FILE *f, const cap_point *pt, const char *currency,
                void (*figures)(FILE *, const cap_point *, size_t, size_t,
                                const char *))
{
    size_t np = pt->o->parties;

    for (size_t opt = 0; opt < pt->o->options; opt++) {
        fputs("<tbody class=\"option\">\n", f);
        for (size_t p = 0; p < np; p++) {
            put_row_start(f, pt->sc, opt, p, np, 0, "name");
            figures(f, pt, opt, p, currency);
            fputs("</tr>\n", f);
        }
        fputs("</tbody>\n", f);
    }
    fputs("</table></div>\n", f);
}

void
cap_report_detail(FILE *f, const cap_point *pt, const char *currency)
{
    fputs("<h3>Each year</h3>\n", f);
    put_table_start(f, NULL);
    fputs("<th>Expected net a year</th>"
          "<th>Chance of a deficit in at least one year</th>", f);
    for (int y = 1; by_year(pt) && y <= pt->o->years; y++)
        fprintf(f, "<th>in year %d</th>", y);
    fputs("<th>Worst year&rsquo;s 1&#8209;in&#8209;20 loss</th>"
          "<th>Worst year&rsquo;s expected shortfall</th>"
          "<th>Chance of exhausting reserves</th></tr></thead>\n", f);
    put_detail_rows(f, pt, currency, put_annual_figures);
    fprintf(f, "<h3>Over the %d-year horizon</h3>\n", pt->o->years);
    put_table_start(f, NULL);
    fputs("<th>Expected net</th><th>Standard deviation</th>"
          "<th>1&#8209;in&#8209;20 loss</th><th>Expected shortfall</th>"
          "<th>Chance of ending in deficit</th></tr></thead>\n", f);
    put_detail_rows(f, pt, currency, put_horizon_figures);
}
