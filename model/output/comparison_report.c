/* comparison_report.c -- report.html of a comparison: what changed
 * between the files (every key whose value differs, side by side), what
 * that did to each party (expected net per year and the chance of a
 * deficit in the worst year, by scenario, with each difference from the
 * first and its standard error), the recommendation in each scenario,
 * the charts, and the manifest.  The run report's stylesheet and pieces
 * (report_style.c, report_html.c).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "capsim/ledger.h"
#include "output/comparison.h"
#include "output/report_html.h"

/* The table of keys that differ, one column per file. */
static void
put_keys(FILE *f, const cap_comparison_request *rq)
{
    fputs("<h2>What changed between the files</h2>\n", f);
    if (rq->n_keys == 0) {
        fputs("<p>The files set the same keys to the same values.</p>\n",
              f);
        return;
    }
    fputs("<div class=\"scroll\"><table>\n<thead><tr><th class=\"name\">"
          "Key</th>", f);
    for (size_t s = 0; s < rq->n; s++) {
        fprintf(f, "<th class=\"name\">%zu. ", s + 1);
        cap_html_text(f, rq->operand[s]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < rq->n_keys; k++) {
        const cap_cmp_key *key = &rq->keys[k];

        fputs("<tr><td class=\"name\"><code>[", f);
        cap_html_text(f, key->section);
        fputs("] ", f);
        cap_html_text(f, key->key);
        fputs("</code></td>", f);
        for (size_t s = 0; s < rq->n; s++) {
            fputs("<td class=\"value\">", f);
            if (key->value[s] != NULL) {
                fputs("<code>", f);
                cap_html_text(f, key->value[s]);
                fputs("</code>", f);
            } else {
                fputs("<span class=\"muted\">not set</span>", f);
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table></div>\n", f);
}

/* How each scenario's differences were estimated. */
static void
put_pairing(FILE *f, const cap_comparison_request *rq)
{
    fputs("<p>", f);
    for (size_t s = 1; s < rq->n; s++) {
        const cap_cmp_pairing *p = &rq->cmp->pairing[s];

        fprintf(f, "%s%zu against 1: ", s > 1 ? "<br>" : "", s + 1);
        if (p->common_draws)
            fputs("the same demand in every trial (common random numbers), "
                  "so differences are paired trial by trial and precise.",
                  f);
        else
            cap_html_text(f, p->why);
    }
    fputs("</p>\n", f);
}

/* One cell: the figure (per year for money), and for a later scenario
 * its difference from the first with the standard error. */
static void
put_cell(FILE *f, const cap_comparison_request *rq, const cap_cmp_row *r)
{
    const char *cur = rq->points[0].sc->currency;
    int money = r->metric == CAP_CMP_EXPECTED_NET;
    double k = money ? rq->points[r->scenario].sc->years : 1.0;

    fputs("<td class=\"num\">", f);
    if (money)
        cap_html_money(f, r->value.value / k, cur, CAP_MONEY_AUTO);
    else
        cap_html_percent(f, r->value.value);
    if (r->has_diff) {
        cap_estimate d = { r->diff.value / k, r->diff.mcse / k };

        fputs("<br><span class=\"muted\">", f);
        if (money) {
            fputs(d.value >= 0 ? "+" : "", f);
            cap_html_money_se(f, d, cur, CAP_MONEY_AUTO);
        } else {
            /* A minus sign, not a hyphen, as cap_html_money writes. */
            fprintf(f, "%s%.1f points &plusmn; %.1f",
                    d.value < 0 ? "\xe2\x88\x92" : "+",
                    100.0 * fabs(d.value), 100.0 * d.mcse);
        }
        fputs("</span>", f);
    }
    fputs("</td>", f);
}

/* Per party: a row per option, a column per scenario. */
static void
put_parties(FILE *f, const cap_comparison_request *rq)
{
    const cap_scenario *ref = rq->points[0].sc;
    size_t sys = cap_ledger_system(ref);

    fputs("<h2>What that did to each party</h2>\n<p>Expected net per year "
          "(above 0 a surplus) and the chance of a deficit in the worst "
          "year, under each option; under each later scenario, its "
          "difference from the first &plusmn; its Monte Carlo standard "
          "error.</p>\n", f);
    put_pairing(f, rq);
    for (size_t p = 0; p < sys; p++) {
        const char *pn = cap_ledger_party_name(ref, p);

        fputs("<h3>", f);
        cap_html_text(f, cap_ledger_party_label(ref, p));
        fputs("</h3>\n<div class=\"scroll\"><table>\n<thead><tr>"
              "<th class=\"name\">Option</th>", f);
        for (size_t s = 0; s < rq->n; s++) {
            fprintf(f, "<th class=\"name\">%zu. ", s + 1);
            cap_html_text(f, rq->points[s].sc->name);
            fputs("</th>", f);
        }
        fputs("</tr></thead>\n<tbody>\n", f);
        for (size_t opt = 0; opt < ref->n_options; opt++)
            for (int m = 0; m < 3; m += 2) {
                cap_cmp_metric metric = m ? CAP_CMP_PROB_DEFICIT_WORST_YEAR
                                          : CAP_CMP_EXPECTED_NET;

                fputs("<tr><td class=\"name\">", f);
                cap_html_text(f, cap_scenario_option_label(ref, opt));
                fputs(m ? ": P(deficit in the worst year)"
                        : ": expected net per year", f);
                fputs("</td>", f);
                for (size_t s = 0; s < rq->n; s++) {
                    const cap_cmp_row *r = cap_cmp_find_row(
                        rq->cmp, rq->inputs, s, ref->options[opt].name, pn,
                        CAP_HORIZON, metric);

                    if (r)
                        put_cell(f, rq, r);
                    else
                        fputs("<td>&mdash;</td>", f);
                }
                fputs("</tr>\n", f);
            }
        fputs("</tbody>\n</table></div>\n", f);
    }
}

/* The recommendation of each scenario, in its own words. */
static void
put_recommendations(FILE *f, const cap_comparison_request *rq)
{
    fputs("<h2>The recommendation in each scenario</h2>\n<ol>\n", f);
    for (size_t s = 0; s < rq->n; s++) {
        const cap_decision *d = rq->points[s].decision;

        fputs("<li><b>", f);
        cap_html_text(f, rq->points[s].sc->name);
        fputs(":</b> ", f);
        if (d != NULL && d->summary != NULL)
            cap_html_text(f, d->summary);
        else
            fputs("not recomputed: the folder kept no trials.", f);
        fputs("</li>\n", f);
    }
    fputs("</ol>\n", f);
}

static int
put_charts(FILE *f, const char *plots_dir, const cap_plot_files *plots)
{
    int status = CAP_OK;

    if (plots == NULL || plots_dir == NULL)
        return CAP_OK;
    fputs("<h2>Charts</h2>\n<div class=\"charts\">\n", f);
    for (size_t i = 0; i < plots->n && status == CAP_OK; i++) {
        const char *name = plots->name[i];
        size_t len = strlen(name);
        char path[2600];

        if (len < 4 || strcmp(name + len - 4, ".svg") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", plots_dir, name);
        status = cap_html_svg_figure(f, path, plots->caption[i],
                                     plots->caption[i]);
    }
    fputs("</div>\n", f);
    return status;
}

int
cap_write_comparison_report(FILE *f, const cap_comparison_request *rq,
                            const char *plots_dir,
                            const cap_plot_files *plots,
                            const char *record)
{
    int status;

    cap_html_head(f, "Comparison: ", cap_cmp_title(rq->points[0].sc));
    fprintf(f, "<header>\n<h1>Comparison of %zu scenarios</h1>\n"
            "<p class=\"meta\">", rq->n);
    for (size_t s = 0; s < rq->n; s++) {
        fprintf(f, "%s%zu. ", s ? "<br>" : "", s + 1);
        cap_html_text(f, cap_cmp_title(rq->points[s].sc));
        fputs(" (", f);
        cap_html_text(f, rq->operand[s]);
        fputs(")", f);
    }
    fputs("<br>modelled with capsim " PACKAGE_VERSION "</p>\n</header>\n",
          f);
    put_keys(f, rq);
    put_parties(f, rq);
    put_recommendations(f, rq);
    status = put_charts(f, plots_dir, plots);
    if (status == CAP_OK && record != NULL) {
        fputs("<details class=\"appendix\">\n<summary>Appendix: the "
              "manifest's record of the comparison</summary>\n<pre>", f);
        cap_html_text(f, record);
        fputs("</pre>\n</details>\n", f);
    }
    fputs("</body>\n</html>\n", f);
    if (status == CAP_OK && ferror(f))
        status = CAP_EIO;
    return status;
}
