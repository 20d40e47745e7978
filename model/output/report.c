/* report.c -- report.html: a self-contained page for a board paper.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "output/report.h"
#include "capsim/ledger.h"
#include "capsim/output.h"
#include "capsim/stats.h"
#include "scenario/ini_doc.h"
#include "base/input_file.h"

/* Text with &, <, > and " escaped. */
static void
put_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: putc(*s, f);
        }
    }
}

/* Money for prose: "1.77 million", "412 thousand", "-3,120". */
static void
put_money(FILE *f, double v)
{
    double a = fabs(v);

    if (a >= 1e6)
        fprintf(f, "%s%.2f million", v < 0 ? "&minus;" : "", a / 1e6);
    else if (a >= 1e4)
        fprintf(f, "%s%.0f thousand", v < 0 ? "&minus;" : "", a / 1e3);
    else
        fprintf(f, "%s%.0f", v < 0 ? "&minus;" : "", a);
}

/* A whole file, escaped, or a note that it could not be read. */
static int
put_file(FILE *f, const char *path)
{
    FILE *in = fopen(path, "r");
    char buf[4096];
    size_t n;

    if (in == NULL)
        return CAP_EIO;
    while ((n = fread(buf, 1, sizeof buf - 1, in)) > 0) {
        buf[n] = '\0';
        put_text(f, buf);
    }
    fclose(in);
    return CAP_OK;
}

/* An SVG file as an <img> with a base64 data URI (RFC 4648). */
static int
put_svg(FILE *f, const char *path, const char *alt)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *in = fopen(path, "rb");
    unsigned char chunk[3];
    size_t n;

    if (in == NULL)
        return CAP_EIO;
    fputs("<figure><img alt=\"", f);
    put_text(f, alt);
    fputs("\" src=\"data:image/svg+xml;base64,", f);
    while ((n = fread(chunk, 1, 3, in)) > 0) {
        unsigned v = (unsigned) chunk[0] << 16
                     | (n > 1 ? (unsigned) chunk[1] << 8 : 0)
                     | (n > 2 ? chunk[2] : 0);

        putc(b64[v >> 18 & 63], f);
        putc(b64[v >> 12 & 63], f);
        putc(n > 1 ? b64[v >> 6 & 63] : '=', f);
        putc(n > 2 ? b64[v & 63] : '=', f);
    }
    fclose(in);
    fputs("\"></figure>\n", f);
    return CAP_OK;
}

static const char *const style =
    "body{font-family:sans-serif;max-width:70em;margin:2em auto;"
    "padding:0 1em;color:#111;line-height:1.45}"
    "table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}"
    "th:first-child,td:first-child,th:nth-child(2),td:nth-child(2)"
    "{text-align:left}"
    "figure{margin:1.5em 0}img{max-width:100%}"
    "pre{background:#f4f4f4;padding:1em;overflow-x:auto;font-size:85%}"
    ".note{color:#444;font-size:90%}";

/* The plain-language summary of one option. */
static void
put_option_summary(FILE *f, const cap_scenario *sc, const cap_outcomes *o,
                   const cap_horizon *h, size_t opt)
{
    size_t sys = cap_ledger_system(sc), np = o->parties;
    double payers = 0.0;

    fputs("<h3>", f);
    put_text(f, sc->options[opt].name);
    fputs("</h3>\n<ul>\n", f);
    for (size_t p = 0; p < sys; p++) {
        const cap_summary *s = &h->s[opt * np + p];

        fputs("<li><b>", f);
        put_text(f, cap_ledger_party_name(sc, p));
        fputs("</b> expects ", f);
        fputs(s->mean.value >= 0 ? "a surplus of " : "a deficit of ", f);
        put_money(f, fabs(s->mean.value));
        fputs(" over the horizon (&plusmn;", f);
        put_money(f, 2.0 * s->mean.mcse);
        fputs("). In 1 future in 20 it ", f);
        if (s->var95.value > 0) {
            fputs("loses more than ", f);
            put_money(f, s->var95.value);
        } else {
            fputs("still ends with a surplus of at least ", f);
            put_money(f, -s->var95.value);
        }
        fprintf(f, "; it ends in deficit in %.1f%% of futures",
                100.0 * s->prob_deficit.value);
        if (!isnan(h->ruin[opt * np + p]))
            fprintf(f, ", and exhausts its reserves in %.1f%%",
                    100.0 * h->ruin[opt * np + p]);
        fprintf(f, ". It carries %.0f%% of the system's cost risk.</li>\n",
                100.0 * h->share[opt * sys + p] + 0.0);
        if (p == 0 || (sc->has_local_authority && p == sc->n_providers + 1))
            payers += h->share[opt * sys + p];
    }
    fprintf(f, "</ul>\n<p>Who carries the risk: the payers %.0f%%, the "
            "providers %.0f%%.", 100.0 * payers + 0.0,
            100.0 * (1.0 - payers) + 0.0);
    if (payers > 1.0 || payers < 0.0)
        fputs(" A share below 0% means that party's position improves as "
              "the system's cost rises (for example when a tariff exceeds "
              "the marginal cost of an event), so the other side carries "
              "more than all of the risk.", f);
    fputs("</p>\n", f);
}

static void
put_table(FILE *f, const cap_scenario *sc, const cap_outcomes *o,
          const cap_horizon *h)
{
    size_t sys = cap_ledger_system(sc), np = o->parties;

    fputs("<table>\n<tr><th>option</th><th>party</th><th>mean net</th>"
          "<th>sd</th><th>1-in-20 loss (VaR 95%)</th>"
          "<th>expected shortfall 95%</th><th>P(deficit)</th>"
          "<th>P(reserves exhausted)</th><th>share of cost risk</th>"
          "</tr>\n", f);
    for (size_t opt = 0; opt < o->options; opt++) {
        for (size_t p = 0; p < sys; p++) {
            const cap_summary *s = &h->s[opt * np + p];
            double ruin = h->ruin[opt * np + p];

            fputs("<tr><td>", f);
            put_text(f, sc->options[opt].name);
            fputs("</td><td>", f);
            put_text(f, cap_ledger_party_name(sc, p));
            fprintf(f, "</td><td>%.0f</td><td>%.0f</td><td>%.0f</td>"
                    "<td>%.0f</td><td>%.3f</td>", s->mean.value,
                    s->sd.value, s->var95.value, s->cvar95.value,
                    s->prob_deficit.value);
            if (isnan(ruin))
                fputs("<td></td>", f);
            else
                fprintf(f, "<td>%.3f</td>", ruin);
            fprintf(f, "<td>%.3f</td></tr>\n",
                    h->share[opt * sys + p] + 0.0);
        }
    }
    fputs("</table>\n", f);
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
            fprintf(f, "%s%s = %.6g", found ? " and at " : "",
                    sw->keys[0].name, x0 + (x1 - x0) * (0.0 - m0) / (m1 - m0));
            found = 1;
        }
    }
    if (!found)
        fputs(in->points[0].h->s[opt * np + p].mean.value >= 0.0
              ? "nowhere in the range swept (always a surplus)"
              : "nowhere in the range swept (always a deficit)", f);
}

static void
put_sweep_summary(FILE *f, const cap_report_input *in)
{
    const cap_scenario *sc = in->points[0].sc;
    const cap_sweep *sw = &in->base->sweep;
    size_t sys = cap_ledger_system(sc);

    fprintf(f, "<p>A sweep of %zu points over ", in->n_points);
    for (size_t k = 0; k < sw->n_keys; k++) {
        fputs(k ? (k + 1 == sw->n_keys ? " and " : ", ") : "", f);
        put_text(f, sw->keys[k].name);
        fprintf(f, " (%.6g to %.6g)", sw->keys[k].lo, sw->keys[k].hi);
    }
    fputs("; every point runs the same simulated futures, so differences "
          "between points are paired. points.csv lists each point's "
          "values; every table has a point column.</p>\n", f);
    if (sw->n_keys != 1)
        return;
    fputs("<p>Where each party breaks even in expectation (its mean net "
          "over the horizon crosses zero):</p>\n<ul>\n", f);
    for (size_t opt = 0; opt < sc->n_options; opt++)
        for (size_t p = 0; p < sys; p++) {
            fputs("<li><b>", f);
            put_text(f, sc->options[opt].name);
            fputs("</b>, ", f);
            put_text(f, cap_ledger_party_name(sc, p));
            fputs(": ", f);
            put_break_even(f, in, opt, p);
            fputs("</li>\n", f);
        }
    fputs("</ul>\n", f);
}

/* The inputs whose swing moves the chart party's mean net most, per
 * option. */
static void
put_tornado_summary(FILE *f, const cap_report_input *in)
{
    const cap_scenario *sc = in->base;
    const cap_tornado *t = in->tornado;
    size_t party = sc->sensitivity.party;

    fputs("<h2>Which inputs matter</h2>\n<p>Each input moved alone from "
          "its low to its high value (the others at their medians): the "
          "largest change in ", f);
    put_text(f, cap_ledger_party_name(sc, party));
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
        put_text(f, sc->options[opt].name);
        fputs("</b>: ", f);
        put_text(f, sc->sensitivity.inputs[best].name);
        fputs(" (a swing of ", f);
        put_money(f, swing);
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

/* A row's mean and two standard errors, as money. */
static void
put_row_money(FILE *f, const cap_iv_row *r)
{
    put_money(f, r->mean);
    fputs(" &plusmn; ", f);
    put_money(f, 2.0 * r->se);
}

/* An intervention's programme-wide results in prose (first option's
 * demand: the same in every option unless providers' behaviour is on). */
static void
put_intervention_prose(FILE *f, const cap_report_input *in, size_t k)
{
    const cap_intervention *iv = &in->base->interventions[k];
    size_t sys = cap_ledger_system(in->base);

    fputs("<p>It cost ", f);
    put_money(f, iv_row(in, k, 0, sys, "programme_cost")->mean);
    fprintf(f, " and avoided %.0f events, whose cost &mdash; the <b>true "
            "saving</b>, from the same futures without it &mdash; was ",
            iv_row(in, k, 0, sys, "avoided_events")->mean);
    put_row_money(f, iv_row(in, k, 0, sys, "true_saving"));
    fputs(".", f);
    if (iv->type == CAP_CASE_MANAGEMENT) {
        fputs(" A before-and-after comparison of the people it enrolled "
              "would have reported a saving of ", f);
        put_money(f, iv_row(in, k, 0, sys, "naive_saving")->mean);
        fputs(", against a true saving among them of ", f);
        put_money(f, iv_row(in, k, 0, sys, "cohort_true_saving")->mean);
        fputs(": the difference, ", f);
        put_money(f, iv_row(in, k, 0, sys, "regression_to_mean")->mean);
        fputs(", is <b>regression to the mean</b>: people picked for "
              "high cost cost less the next year anyway.", f);
    } else {
        const cap_iv_row *gap = iv_row(in, k, 0, sys, "shortfall");

        fputs(" The plan was a saving of ", f);
        put_money(f, iv_row(in, k, 0, sys, "planned_saving")->mean);
        fputs("; the shortfall averaged ", f);
        put_money(f, gap->mean);
        fputs(" and exceeded ", f);
        put_money(f, gap->p95);
        fputs(" in one future in twenty.", f);
    }
    fputs("</p>\n", f);
}

/* What each intervention did and who kept the saving, per option. */
static void
put_interventions(FILE *f, const cap_report_input *in)
{
    const cap_scenario *sc = in->base;
    size_t sys = cap_ledger_system(sc);

    fputs("<h2>What the interventions did</h2>\n", f);
    for (size_t k = 0; k < sc->n_interventions; k++) {
        const cap_intervention *iv = &sc->interventions[k];
        int dr = iv->type == CAP_DEMAND_REDUCTION;

        fputs("<h3>", f);
        put_text(f, iv->name);
        fputs(dr ? " (demand reduction)</h3>\n" : " (case management)"
                                                   "</h3>\n", f);
        put_intervention_prose(f, in, k);
        fputs("<table>\n<tr><th>option</th><th>party</th><th>net return "
              "(with &minus; without)</th>", f);
        fputs(dr ? "<th>cost of the shortfall (as delivered &minus; as "
                   "planned)</th></tr>\n" : "</tr>\n", f);
        for (size_t opt = 0; opt < sc->n_options; opt++)
            for (size_t p = 0; p <= sys; p++) {
                fputs("<tr><td>", f);
                put_text(f, sc->options[opt].name);
                fputs("</td><td>", f);
                put_text(f, cap_ledger_party_name(sc, p));
                fputs("</td><td>", f);
                put_row_money(f, iv_row(in, k, opt, p, "net_return"));
                if (dr) {
                    fputs("</td><td>", f);
                    put_row_money(f, iv_row(in, k, opt, p,
                                            "shortfall_cost"));
                }
                fputs("</td></tr>\n", f);
            }
        fputs("</table>\n", f);
    }
}

int
cap_write_report(FILE *f, const cap_report_input *in)
{
    const cap_scenario *sc = in->base;
    const cap_outcomes *o = in->points[0].o;
    const cap_plot_files *charts = in->charts;
    const char *plots_dir = in->plots_dir;
    int status = CAP_OK;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" "
          "content=\"default-src 'none'; img-src data:; "
          "style-src 'unsafe-inline'\">\n<title>capsim: ", f);
    put_text(f, sc->name);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n"
            "<h1>capsim report: ", style);
    put_text(f, sc->name);
    fprintf(f, "</h1>\n<p>%zu option%s compared on the same %zu "
            "simulated futures of %d year%s (seed %llu). Money is in "
            "the scenario's currency units; figures are over the "
            "whole horizon; &plusmn; is two Monte Carlo standard "
            "errors.", o->options,
            o->options == 1 ? "" : "s", o->trials, o->years,
            o->years == 1 ? "" : "s",
            (unsigned long long) sc->seed);
    if (in->points[0].sc->n_inputs > 0) {
        fputs(" Uncertain inputs, drawn afresh in each future:", f);
        for (size_t k = 0; k < in->points[0].sc->n_inputs; k++) {
            const cap_input *ui = &in->points[0].sc->inputs[k];
            char text[120];

            cap_dist_format(&ui->dist, text, sizeof text);
            fputs(k ? "; " : " ", f);
            put_text(f, ui->name);
            fputs(" ~ ", f);
            put_text(f, text);
        }
        fputs(".", f);
    }
    fputs("</p>\n<h2>Summary</h2>\n", f);
    if (in->n_points > 1)
        put_sweep_summary(f, in);
    else
        for (size_t opt = 0; opt < o->options; opt++)
            put_option_summary(f, in->points[0].sc, o, in->points[0].h, opt);
    if (in->tornado != NULL)
        put_tornado_summary(f, in);
    if (in->iv_rows != NULL)
        put_interventions(f, in);
    fputs("<h2>Charts</h2>\n", f);
    if (charts == NULL || plots_dir == NULL)
        fputs("<p class=\"note\">No charts were drawn for this run."
              "</p>\n", f);
    /* The risk and sensitivity charts first, then the others as drawn. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; charts && plots_dir && i < charts->n
             && status == CAP_OK; i++) {
            const char *name = charts->name[i];
            size_t len = strlen(name);
            int first = strncmp(name, "risk_", 5) == 0
                        || strncmp(name, "tornado", 7) == 0
                        || strncmp(name, "intervention", 12) == 0
                        || strncmp(name, "sweep", 5) == 0;
            char path[2400];

            if (len < 4 || strcmp(name + len - 4, ".svg") != 0
                || first != (pass == 0))
                continue;
            snprintf(path, sizeof path, "%s/%s", plots_dir, name);
            status = put_svg(f, path, name);
        }
    }
    fputs("<h2>Options table</h2>\n", f);
    for (size_t p = 0; p < in->n_points; p++) {
        if (in->n_points > 1) {
            const cap_sweep *sw = &sc->sweep;

            fprintf(f, "<h3>Point %zu: ", p);
            for (size_t k = 0; k < sw->n_keys; k++) {
                fputs(k ? ", " : "", f);
                put_text(f, sw->keys[k].name);
                fprintf(f, " = %.6g", sw->values[p * sw->n_keys + k]);
            }
            fputs("</h3>\n", f);
        }
        put_table(f, in->points[p].sc, in->points[p].o, in->points[p].h);
    }
    fputs("<p class=\"note\">Definitions: docs/outputs.md. Share of "
          "cost risk = &minus;Cov(net, system cost) / Var(system cost)."
          "</p>\n<h2>The scenario as run</h2>\n<pre>", f);
    /* The bytes read at load (without a byte-order mark), not the file
     * as it is now. */
    if (status == CAP_OK)
        put_text(f, sc->source->file->bytes + sc->source->file->text);
    fputs("</pre>\n", f);
    if (in->manifest_path && status == CAP_OK) {
        fputs("<h2>Manifest</h2>\n<pre>", f);
        status = put_file(f, in->manifest_path);
        fputs("</pre>\n", f);
    }
    fputs("</body>\n</html>\n", f);
    if (status == CAP_OK && ferror(f))
        status = CAP_EIO;
    return status;
}
