/* report.c -- report.html: a self-contained page for a board paper.
 *
 * The page reads from the top as a board paper does: title, purpose,
 * date and what was modelled; the options at a glance and the
 * recommendation (on the first screen); what the sweep, tornado or
 * interventions add; the charts, each with its reading; the detail
 * tables; a glossary; and, collapsed and left out of print, the
 * scenario as run and the manifest's checksums.  The tables and the
 * charts are written by report_headline.c and report_charts.c.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "output/report.h"
#include "output/report_charts.h"
#include "output/report_headline.h"
#include "output/report_html.h"
#include "output/report_style.h"
#include "output/report_waterfall.h"
#include "capsim/ledger.h"
#include "capsim/output.h"
#include "capsim/results.h"
#include "capsim/stats.h"
#include "scenario/ini_doc.h"
#include "base/input_file.h"

/* A count in words up to twelve, else in figures: "four", or "Four"
 * when it begins a sentence (capital). */
static void
put_count(FILE *f, size_t n, int capital)
{
    static const char *const words[] = {
        "no", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve"
    };
    char buf[64];

    if (n < sizeof words / sizeof *words) {
        putc(capital ? words[n][0] - 'a' + 'A' : words[n][0], f);
        fputs(words[n] + 1, f);
    }
    else
        fputs(cap_number_text(buf, sizeof buf, (double) n, 0), f);
}

/* The list "a, b and c" of the options' names. */
static void
put_option_list(FILE *f, const cap_scenario *sc)
{
    for (size_t i = 0; i < sc->n_options; i++) {
        fputs(i == 0 ? "" : i + 1 == sc->n_options ? " and " : ", ", f);
        cap_html_text(f, cap_scenario_option_label(sc, i));
    }
}

/* The date the run began (SOURCE_DATE_EPOCH when set, the recorded
 * one when reproduced), in words: "3 December 2026". */
static void
put_date(FILE *f, time_t started)
{
    static const char *const months[] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    };
    time_t now = started ? started : cap_results_clock();
    struct tm tm;

    if (gmtime_r(&now, &tm) != NULL)
        fprintf(f, "%d %s %d", tm.tm_mday, months[tm.tm_mon],
                tm.tm_year + 1900);
}

/* The scenario in one paragraph: its own description where it gives
 * one, else what was modelled, made from the scenario. */
static void
put_description(FILE *f, const cap_scenario *sc, const cap_outcomes *o)
{
    const char *given = sc->description;
    double persons = 0.0;
    char buf[64];

    fputs("<p class=\"description\">", f);
    if (given != NULL) {
        cap_html_text(f, given);
        fputs(" ", f);
    } else {
        for (size_t i = 0; i < sc->n_practices; i++)
            persons += sc->practices[i].persons;
        fprintf(f, "A population of %s people over %d year%s, cared for "
                "by ", cap_number_text(buf, sizeof buf, persons, 0),
                sc->years, sc->years == 1 ? "" : "s");
        for (size_t p = 1; p <= sc->n_providers; p++) {
            fputs(p == 1 ? "" : p == sc->n_providers ? " and " : ", ", f);
            cap_html_text(f, cap_ledger_party_label(sc, p));
        }
        fputs(sc->has_local_authority ? ", with the local authority's "
              "social care. " : ". ", f);
        put_count(f, sc->n_options, 1);
        fputs(sc->n_options == 1 ? " way of paying is" : " ways of paying "
              "are", f);
        fputs(" compared: ", f);
        put_option_list(f, sc);
        fputs(". ", f);
    }
    fprintf(f, "Every option is priced on the same %s simulated futures, "
            "so the differences between them are not chance.",
            cap_number_text(buf, sizeof buf, (double) o->trials, 0));
    if (sc->n_inputs > 0) {
        fputs(" Uncertain inputs, drawn afresh in each future:", f);
        for (size_t k = 0; k < sc->n_inputs; k++) {
            const cap_input *ui = &sc->inputs[k];
            char text[120];

            cap_dist_format(&ui->dist, text, sizeof text);
            fputs(k ? "; " : " ", f);
            cap_html_text(f, ui->name);
            fputs(" ~ ", f);
            cap_html_text(f, text);
        }
        fputs(".", f);
    }
    fputs("</p>\n", f);
}

/* The title block: title, purpose, date. */
static void
put_title(FILE *f, const cap_scenario *sc, time_t started)
{
    const char *title = cap_scenario_label(sc, "scenario");

    fputs("<header>\n<h1>", f);
    cap_html_text(f, title != NULL ? title : sc->name);
    fputs("</h1>\n<p class=\"meta\"><b>Purpose:</b> to choose how to pay "
          "for care, by what each party can expect each year, how often "
          "it would be in deficit and who carries the risk of rising "
          "costs.<br>", f);
    put_date(f, started);
    fputs(" &middot; modelled with capsim " PACKAGE_VERSION
          "</p>\n</header>\n", f);
}

/* Along a one-key sweep, where party p's expected net under option opt
 * crosses zero, by linear interpolation between neighbouring points. */
static void
put_break_even(FILE *f, const cap_report_input *in, size_t opt, size_t p)
{
    const cap_sweep *sw = &in->base->sweep;
    size_t np = in->points[0].o->parties;
    int found = 0;

    for (size_t i = 0; i + 1 < in->n_points; i++) {
        double m0 = in->points[i].h->s[opt * np + p].mean.value;
        double m1 = in->points[i + 1].h->s[opt * np + p].mean.value;
        double x0 = sw->values[i], x1 = sw->values[i + 1];

        if ((m0 < 0.0) != (m1 < 0.0) && m1 != m0) {
            fprintf(f, "%s%.4g", found ? " and at " : "at ",
                    x0 + (x1 - x0) * (0.0 - m0) / (m1 - m0));
            found = 1;
        }
    }
    if (!found)
        fputs(in->points[0].h->s[opt * np + p].mean.value >= 0.0
              ? "nowhere in the range swept (always a surplus)"
              : "nowhere in the range swept (always a deficit)", f);
}

/* A sweep point's values: "acute_cap.per_head = 700". */
static void
put_point_values(FILE *f, const cap_sweep *sw, size_t point)
{
    for (size_t k = 0; k < sw->n_keys; k++) {
        fputs(k ? ", " : "", f);
        cap_html_text(f, sw->keys[k].name);
        fprintf(f, " = %.6g", sw->values[point * sw->n_keys + k]);
    }
}

/* What a sweep found: its keys, where each party breaks even along a
 * one-key sweep, and the option recommended at each point. */
static void
put_sweep_summary(FILE *f, const cap_report_input *in)
{
    const cap_scenario *sc = in->points[0].sc;
    const cap_sweep *sw = &in->base->sweep;
    size_t sys = cap_ledger_system(sc);

    fprintf(f, "<p>A sweep of %zu points over ", in->n_points);
    for (size_t k = 0; k < sw->n_keys; k++) {
        fputs(k ? (k + 1 == sw->n_keys ? " and " : ", ") : "", f);
        cap_html_text(f, sw->keys[k].name);
        fprintf(f, " (%.6g to %.6g)", sw->keys[k].lo, sw->keys[k].hi);
    }
    fputs("; every point runs the same simulated futures, so differences "
          "between points are paired.</p>\n", f);
    if (sw->n_keys == 1) {
        fputs("<p>Where each party breaks even in expectation (its "
              "expected net over the horizon crosses zero) as ", f);
        cap_html_text(f, sw->keys[0].name);
        fputs(" varies:</p>\n<ul>\n", f);
        for (size_t opt = 0; opt < sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++) {
                fputs("<li><b>", f);
                cap_html_text(f, cap_scenario_option_label(sc, opt));
                fputs("</b>, ", f);
                cap_html_text(f, cap_ledger_party_label(sc, p));
                fputs(": ", f);
                put_break_even(f, in, opt, p);
                fputs("</li>\n", f);
            }
        fputs("</ul>\n", f);
    }
    if (in->points[0].decision == NULL)
        return;
    /* Points numbered as in points.csv and every table's point column. */
    fputs("<div class=\"scroll\"><table id=\"headline\">\n<thead><tr>"
          "<th>Point</th>", f);
    for (size_t k = 0; k < sw->n_keys; k++) {
        fputs("<th>", f);
        cap_html_text(f, sw->keys[k].name);
        fputs("</th>", f);
    }
    fputs("<th class=\"name\">Recommended option</th></tr></thead>\n"
          "<tbody>\n", f);
    for (size_t i = 0; i < in->n_points; i++) {
        const cap_decision *d = in->points[i].decision;

        fprintf(f, "<tr><td>%zu</td>", i);
        for (size_t k = 0; k < sw->n_keys; k++)
            fprintf(f, "<td>%.6g</td>", sw->values[i * sw->n_keys + k]);
        fputs("<td class=\"name\">", f);
        if (d == NULL || d->recommended < 0)
            fputs("none every party accepts", f);
        else
            cap_html_text(f, cap_scenario_option_label(
                                 sc, (size_t) d->recommended));
        fputs(d != NULL && d->recommended >= 0 && !d->clear
              ? " (not clear at this precision)" : "", f);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

/* The inputs whose swing moves the chart party's mean net most, per
 * option. */
static void
put_tornado_summary(FILE *f, const cap_report_input *in,
                    const char *currency)
{
    const cap_scenario *sc = in->base;
    const cap_tornado *t = in->tornado;
    size_t party = sc->sensitivity.party;

    fputs("<h2>Which inputs matter</h2>\n<p>Each input moved alone from "
          "its low to its high value (the others at their medians): the "
          "largest change in the ", f);
    cap_html_text(f, cap_ledger_party_label(sc, party));
    fputs("'s expected net over the horizon.</p>\n<ul>\n", f);
    for (size_t opt = 0; opt < t->options; opt++) {
        size_t best = 0;
        double swing = -1.0;

        for (size_t i = 0; i < t->n_inputs; i++) {
            size_t at = (i * t->options + opt) * t->parties + party;
            double s = fabs(t->net_high[at] - t->net_low[at]);

            if (s > swing) {
                swing = s;
                best = i;
            }
        }
        fputs("<li><b>", f);
        cap_html_text(f, cap_scenario_option_label(sc, opt));
        fputs("</b>: ", f);
        cap_html_text(f, sc->sensitivity.inputs[best].name);
        fputs(" (a swing of ", f);
        cap_html_money(f, swing, currency, CAP_MONEY_AUTO);
        fputs(")</li>\n", f);
    }
    fputs("</ul>\n", f);
}

/* The row of intervention k, option, party and measure, or NULL. */
static const cap_iv_row *
iv_row(const cap_report_input *in, size_t k, size_t opt, size_t party,
       const char *measure)
{
    for (size_t i = 0; i < in->n_iv_rows; i++) {
        const cap_iv_row *r = &in->iv_rows[i];

        if (r->intervention == k && r->option == opt && r->party == party
            && strcmp(r->measure, measure) == 0)
            return r;
    }
    return NULL;
}

/* A row's mean as money, with its standard error where not zero. */
static void
put_row_money(FILE *f, const cap_iv_row *r, const char *currency)
{
    cap_estimate e;

    e.value = r->mean;
    e.mcse = r->se;
    cap_html_money_se(f, e, currency, CAP_MONEY_AUTO);
}

/* The mean of a row as money. */
static void
put_row_mean(FILE *f, const cap_iv_row *r, const char *currency)
{
    cap_html_money(f, r->mean, currency, CAP_MONEY_AUTO);
}

/* An intervention's programme-wide results in prose (first option's
 * demand: the same in every option unless providers' behaviour is on). */
static void
put_intervention_prose(FILE *f, const cap_report_input *in, size_t k,
                       const char *cur)
{
    const cap_intervention *iv = &in->base->interventions[k];
    size_t sys = cap_ledger_system(in->base);
    char buf[64];

    fputs("<p>It cost ", f);
    put_row_mean(f, iv_row(in, k, 0, sys, "programme_cost"), cur);
    fprintf(f, " and avoided %s events, whose cost &mdash; the <b>true "
            "saving</b>, from the same futures without it &mdash; was ",
            cap_number_text(buf, sizeof buf,
                            iv_row(in, k, 0, sys, "avoided_events")->mean,
                            0));
    put_row_money(f, iv_row(in, k, 0, sys, "true_saving"), cur);
    fputs(".", f);
    if (iv->type == CAP_CASE_MANAGEMENT) {
        fputs(" A before-and-after comparison of the people it enrolled "
              "would have reported a saving of ", f);
        put_row_mean(f, iv_row(in, k, 0, sys, "naive_saving"), cur);
        fputs(", against a true saving among them of ", f);
        put_row_mean(f, iv_row(in, k, 0, sys, "cohort_true_saving"), cur);
        fputs(": the difference, ", f);
        put_row_mean(f, iv_row(in, k, 0, sys, "regression_to_mean"), cur);
        fputs(", is <b>regression to the mean</b>: people picked for "
              "high cost cost less the next year anyway.", f);
    } else {
        const cap_iv_row *gap = iv_row(in, k, 0, sys, "shortfall");

        fputs(" The plan was a saving of ", f);
        put_row_mean(f, iv_row(in, k, 0, sys, "planned_saving"), cur);
        fputs("; the shortfall averaged ", f);
        put_row_mean(f, gap, cur);
        fputs(" and exceeded ", f);
        cap_html_money(f, gap->p95, cur, CAP_MONEY_AUTO);
        fputs(" in one future in twenty.", f);
    }
    fputs("</p>\n", f);
}

/* What each intervention did and who kept the saving, per option. */
static void
put_interventions(FILE *f, const cap_report_input *in, const char *cur)
{
    const cap_scenario *sc = in->base;
    size_t sys = cap_ledger_system(sc);

    fputs("<h2>What the interventions did</h2>\n", f);
    for (size_t k = 0; k < sc->n_interventions; k++) {
        const cap_intervention *iv = &sc->interventions[k];
        char section[256];
        const char *label;
        int dr = iv->type == CAP_DEMAND_REDUCTION;

        snprintf(section, sizeof section, "intervention.%s", iv->name);
        label = cap_scenario_label(sc, section);
        fputs("<h3>", f);
        cap_html_text(f, label != NULL ? label : iv->name);
        fputs(dr ? " (demand reduction)</h3>\n" : " (case management)"
                                                   "</h3>\n", f);
        put_intervention_prose(f, in, k, cur);
        fputs("<div class=\"scroll\"><table>\n<thead><tr>"
              "<th class=\"name\">Option</th><th class=\"name\">Party</th>"
              "<th>Net return (with &minus; without)</th>", f);
        fputs(dr ? "<th>Cost of the shortfall (as delivered &minus; as "
                   "planned)</th></tr></thead>\n" : "</tr></thead>\n", f);
        for (size_t opt = 0; opt < sc->n_options; opt++) {
            fputs("<tbody class=\"option\">\n", f);
            for (size_t p = 0; p <= sys; p++) {
                fputs("<tr><td class=\"name\">", f);
                cap_html_text(f, p == 0 ? cap_scenario_option_label(sc, opt)
                                        : "");
                fputs("</td><td class=\"name\">", f);
                cap_html_text(f, cap_ledger_party_label(sc, p));
                fputs("</td><td>", f);
                put_row_money(f, iv_row(in, k, opt, p, "net_return"), cur);
                if (dr) {
                    fputs("</td><td>", f);
                    put_row_money(f, iv_row(in, k, opt, p,
                                            "shortfall_cost"), cur);
                }
                fputs("</td></tr>\n", f);
            }
            fputs("</tbody>\n", f);
        }
        fputs("</table></div>\n", f);
    }
}

/* The detail tables, one set per point. */
static void
put_detail(FILE *f, const cap_report_input *in, const char *currency)
{
    fputs("<h2>The figures in detail</h2>\n", f);
    for (size_t p = 0; p < in->n_points; p++) {
        if (in->n_points > 1) {
            fprintf(f, "<h3>Point %zu: ", p);
            put_point_values(f, &in->base->sweep, p);
            fputs("</h3>\n", f);
        }
        cap_report_detail(f, &in->points[p], currency);
    }
}

static const char *const glossary =
    "<h2>What the terms mean</h2>\n<dl class=\"glossary\">\n"
    "<dt>Net</dt><dd>A party's income less its spending: positive is a "
    "surplus, negative a deficit.</dd>\n"
    "<dt>Expected net a year</dt><dd>The average net over the simulated "
    "futures, per year of the horizon.</dd>\n"
    "<dt>Chance of a deficit in the worst year</dt><dd>For each year, the "
    "share of futures in which the party ends that year in deficit; the "
    "largest of these over the years. NHS bodies have a duty to break even "
    "every year, so this is the figure a board is held to.</dd>\n"
    "<dt>1-in-20 loss</dt><dd>The loss exceeded in one future in twenty "
    "(value at risk at 95%). The worst year&rsquo;s is that of each "
    "future&rsquo;s worst year. A &ldquo;gain&rdquo; means that even then "
    "the party ends in surplus.</dd>\n"
    "<dt>Expected shortfall</dt><dd>The average loss in the worst one "
    "future in twenty.</dd>\n"
    "<dt>Share of cost risk</dt><dd>How much of an unexpected rise in the "
    "whole system&rsquo;s cost lands on the party (minus the covariance "
    "of its net with the system&rsquo;s cost, over the variance of that "
    "cost). Above 100% or below 0% when a price moves more than the cost "
    "it pays for.</dd>\n"
    "<dt>Chance of exhausting reserves</dt><dd>The share of futures in "
    "which the party&rsquo;s accumulated deficit exceeds its reserves at "
    "some year-end.</dd>\n"
    "<dt>&plusmn;</dt><dd>The Monte Carlo standard error: how far the "
    "figure might move with another set of simulated futures. Not shown "
    "where it is zero (a fixed payment).</dd>\n"
    "<dt>Simulated futures</dt><dd>Possible years ahead, each drawn at "
    "random from the scenario&rsquo;s assumptions about demand and "
    "cost.</dd>\n</dl>\n";

/* The scenario as run and the manifest, collapsed and not printed. */
static int
put_appendix(FILE *f, const cap_report_input *in)
{
    const cap_scenario *sc = in->base;
    int status = CAP_OK;

    fputs("<details class=\"appendix\">\n<summary>Appendix: the scenario "
          "as run and the checksums of every file</summary>\n"
          "<h3>The scenario file</h3>\n<pre>", f);
    /* The bytes read at load (without a byte-order mark), not the file
     * as it is now. */
    cap_html_text(f, sc->source->file->bytes + sc->source->file->text);
    fputs("</pre>\n", f);
    /* What manifest.ini records of the run and the checksums of the
     * files written before this report: not the threads, the folder or
     * the times, so that a rerun gives the same report. */
    if (in->record != NULL) {
        fputs("<h3>The run as recorded in manifest.ini</h3>\n<pre>", f);
        cap_html_text(f, in->record);
        fputs("</pre>\n", f);
    }
    fputs("</details>\n", f);
    return status;
}

int
cap_write_report(FILE *f, const cap_report_input *in)
{
    const cap_scenario *sc = in->base;
    const cap_point *first = &in->points[0];
    const char *currency = sc->currency;
    const char *title = cap_scenario_label(sc, "scenario");
    int status;

    cap_html_head(f, title != NULL ? title : sc->name, "");
    put_title(f, first->sc, in->started);
    put_description(f, first->sc, first->o);
    if (in->n_points > 1) {
        fputs("<h2>What the sweep found</h2>\n", f);
        put_sweep_summary(f, in);
    } else {
        const cap_decision *d = first->decision;

        fputs("<h2>The options at a glance</h2>\n", f);
        cap_report_headline(f, first, d, currency);
        cap_report_recommendation(f, d);
    }
    if (in->tornado != NULL)
        put_tornado_summary(f, in, currency);
    if (in->iv_rows != NULL)
        put_interventions(f, in, currency);
    cap_report_waterfall(f, in, currency);
    fputs("<h2>Charts</h2>\n", f);
    status = cap_report_charts(f, in, currency);
    put_detail(f, in, currency);
    fputs(glossary, f);
    if (status == CAP_OK)
        status = put_appendix(f, in);
    fputs("</body>\n</html>\n", f);
    if (status == CAP_OK && ferror(f))
        status = CAP_EIO;
    return status;
}
