/* report_charts.c -- the report's charts, each with alt text and a
 * reading.
 *
 * The reading is one sentence a board member can take from the chart
 * without reading its axes: which option is best or worst for whom, by
 * how much.  It comes from the same figures the chart draws.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "capsim/error.h"
#include "capsim/ledger.h"
#include "output/report_annual.h"
#include "output/report_charts.h"
#include "output/report_html.h"

#define TEXT 1024

/* What a chart is about: its kind (the name up to the party or option)
 * and the party and option it is of, or -1. */
typedef struct {
    const char *kind;
    long party, option;
} chart_subject;

/* The party whose identifier is s, or -1. */
static long
party_named(const cap_scenario *sc, const char *s)
{
    for (size_t p = 0; p < cap_ledger_parties(sc); p++)
        if (strcmp(cap_ledger_party_name(sc, p), s) == 0)
            return (long) p;
    return -1;
}

/* The option whose identifier is s, or whose identifier and "_" begin
 * s (then *rest is what follows); or -1. */
static long
option_named(const cap_scenario *sc, const char *s, const char **rest)
{
    for (size_t i = 0; i < sc->n_options; i++) {
        size_t n = strlen(sc->options[i].name);

        if (strncmp(sc->options[i].name, s, n) == 0
            && (s[n] == '\0' || (rest != NULL && s[n] == '_'))) {
            if (rest != NULL)
                *rest = s[n] ? s + n + 1 : s + n;
            return (long) i;
        }
    }
    return -1;
}

/* Split a chart's name (without ".svg") into its subject. */
static chart_subject
subject_of(const cap_scenario *sc, const char *name)
{
    static const char *const kinds[] = {
        "net_", "exceedance_", "fan_", "sweep_net_", "heatmap_",
        "tornado_", "intervention_"
    };
    chart_subject c = { name, -1, -1 };

    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        size_t n = strlen(kinds[k]);
        const char *rest = name + n;

        if (strncmp(name, kinds[k], n) != 0)
            continue;
        if (strcmp(kinds[k], "heatmap_") == 0) {
            c.option = option_named(sc, rest, &rest);
            c.party = party_named(sc, rest);
        } else if (strcmp(kinds[k], "tornado_") == 0) {
            c.option = option_named(sc, rest, NULL);
        } else {
            c.party = party_named(sc, rest);
        }
        /* "fan_system_cost" is no party's fan: a kind of its own. */
        if (c.party >= 0 || c.option >= 0) {
            c.kind = kinds[k];
            break;
        }
    }
    return c;
}

/* The options under which the party's value(i) is largest and least. */
static void
extremes(const cap_point *pt, size_t party,
         double (*value)(const cap_point *, size_t, size_t),
         size_t *hi, size_t *lo)
{
    *hi = *lo = 0;
    for (size_t i = 1; i < pt->o->options; i++) {
        if (value(pt, i, party) > value(pt, *hi, party))
            *hi = i;
        if (value(pt, i, party) < value(pt, *lo, party))
            *lo = i;
    }
}

static double
mean_net(const cap_point *pt, size_t opt, size_t party)
{
    return pt->h->s[opt * pt->o->parties + party].mean.value;
}

static double
horizon_var95(const cap_point *pt, size_t opt, size_t party)
{
    return pt->h->s[opt * pt->o->parties + party].var95.value;
}

static double
worst_deficit(const cap_point *pt, size_t opt, size_t party)
{
    cap_report_annual a;

    cap_report_annual_get(pt, opt, party, &a);
    return a.worst_deficit.value;
}

/* The providers' combined share of the cost risk under option opt. */
static double
providers_share(const cap_point *pt, size_t opt, size_t unused)
{
    size_t sys = cap_ledger_system(pt->sc);
    double s = 0.0;

    (void) unused;
    for (size_t p = 1; p <= pt->sc->n_providers; p++)
        s += pt->h->share[opt * sys + p];
    return s;
}

/* The party's name for people, or "" when the chart is of none. */
static const char *
party_label(const cap_scenario *sc, const chart_subject *c)
{
    return c->party >= 0 ? cap_ledger_party_label(sc, (size_t) c->party)
                         : "";
}

/* Money for a sentence (plain text, a hyphen for minus). */
static const char *
money(char *buf, size_t n, double v, const char *currency)
{
    return cap_money_text(buf, n, v, currency, CAP_MONEY_AUTO);
}

/* A loss (positive) for a sentence: "a loss of £2.71m", or "a gain of
 * £863,201" where it is negative. */
static const char *
loss_text(char *buf, size_t n, double loss, const char *currency)
{
    char amount[64];

    snprintf(buf, n, "a %s of %s", loss < 0.0 ? "gain" : "loss",
             money(amount, sizeof amount, fabs(loss), currency));
    return buf;
}

/* The alt text and reading of a chart of a single run's point pt;
 * returns 0 (and writes nothing) for a chart of another kind. */
static int
read_run_chart(const cap_point *pt, const chart_subject *c,
               const char *currency, char *alt, char *reading)
{
    const cap_scenario *sc = pt->sc;
    const char *party = party_label(sc, c);
    char a[96], b[96];
    size_t hi, lo;
    int years = pt->o->years;

    if (strcmp(c->kind, "net_") == 0 && c->party >= 0) {
        extremes(pt, (size_t) c->party, mean_net, &hi, &lo);
        snprintf(alt, TEXT, "How the %s's net over the %d-year horizon is "
                 "spread across the simulated futures, one curve or marker "
                 "per option.", party, years);
        snprintf(reading, TEXT, "The %s expects most under %s (%s over %d "
                 "years) and least under %s (%s); the wider a curve, the "
                 "less certain the outcome.", party,
                 cap_scenario_option_label(sc, hi),
                 money(a, sizeof a, mean_net(pt, hi, (size_t) c->party),
                       currency), years,
                 cap_scenario_option_label(sc, lo),
                 money(b, sizeof b, mean_net(pt, lo, (size_t) c->party),
                       currency));
    } else if (strcmp(c->kind, "exceedance_") == 0 && c->party >= 0) {
        extremes(pt, (size_t) c->party, horizon_var95, &hi, &lo);
        snprintf(alt, TEXT, "The chance that the %s's loss over the "
                 "horizon exceeds each amount, one line per option, with "
                 "the 1-in-20 and 1-in-100 levels marked.", party);
        snprintf(reading, TEXT, "In one future in 20 the %s's result over "
                 "the horizon is worse than %s under %s, and worse than %s "
                 "under %s.", party,
                 loss_text(a, sizeof a, horizon_var95(pt, hi,
                                                      (size_t) c->party),
                           currency),
                 cap_scenario_option_label(sc, hi),
                 loss_text(b, sizeof b, horizon_var95(pt, lo,
                                                      (size_t) c->party),
                           currency),
                 cap_scenario_option_label(sc, lo));
    } else if (strcmp(c->kind, "fan_") == 0 && c->party >= 0) {
        extremes(pt, (size_t) c->party, worst_deficit, &hi, &lo);
        snprintf(alt, TEXT, "The %s's net in each year of the horizon: "
                 "the median and the bands that hold the middle half and "
                 "nine in ten of the futures, per option.", party);
        snprintf(reading, TEXT, "Below zero is a deficit in that year: "
                 "the %s's chance of one in its worst year is %.0f%% under "
                 "%s and %.0f%% under %s.", party,
                 100.0 * worst_deficit(pt, hi, (size_t) c->party),
                 cap_scenario_option_label(sc, hi),
                 100.0 * worst_deficit(pt, lo, (size_t) c->party),
                 cap_scenario_option_label(sc, lo));
    } else if (strcmp(c->kind, "risk_transfer") == 0
               && sc->n_providers > 0) {
        extremes(pt, 0, providers_share, &hi, &lo);
        snprintf(alt, TEXT, "Bars of each party's share of the system's "
                 "cost risk under each option.");
        snprintf(reading, TEXT, "The providers carry most of the cost "
                 "risk under %s (%.0f%%) and least under %s (%.0f%%); the "
                 "payers carry the rest.",
                 cap_scenario_option_label(sc, hi),
                 100.0 * providers_share(pt, hi, 0),
                 cap_scenario_option_label(sc, lo),
                 100.0 * providers_share(pt, lo, 0));
    } else if (strcmp(c->kind, "risk_return") == 0) {
        extremes(pt, 0, mean_net, &hi, &lo);
        snprintf(alt, TEXT, "Each option placed by each party's expected "
                 "net against its risk of loss.");
        snprintf(reading, TEXT, "Higher is a better expected net and "
                 "further left a smaller loss in a bad year; the %s's "
                 "expected net is best under %s.",
                 cap_ledger_party_label(sc, 0),
                 cap_scenario_option_label(sc, hi));
    } else if (strcmp(c->kind, "fan_system_cost") == 0) {
        snprintf(alt, TEXT, "The whole system's cost in each year: the "
                 "median and the bands that hold the middle half and nine "
                 "in ten of the futures.");
        snprintf(reading, TEXT, "How far the cost of care could drift from "
                 "its expected path, year by year, whichever option pays "
                 "for it.");
    } else if (strcmp(c->kind, "lorenz") == 0) {
        snprintf(alt, TEXT, "The share of cost against the share of "
                 "people, sorted from the least to the most costly.");
        snprintf(reading, TEXT, "The further the curve bows below the "
                 "diagonal, the more of the cost a few people account "
                 "for: the risk a capitated provider must pool.");
    } else {
        return 0;
    }
    return 1;
}

/* The alt text and reading of a sweep, tornado or intervention chart,
 * or of a chart not known here (which charts.csv may caption). */
static void
read_study_chart(const cap_report_input *in, const chart_subject *c,
                 const char *currency, char *alt, char *reading)
{
    const cap_scenario *sc = in->base;
    const char *party = party_label(sc, c);
    const char *option = c->option >= 0
                         ? cap_scenario_option_label(sc, (size_t) c->option)
                         : "";
    char a[64];

    if (strcmp(c->kind, "sweep_net_") == 0 && sc->sweep.n_keys > 0) {
        snprintf(alt, TEXT, "The %s's expected net over the horizon "
                 "against %s, one line per option with a band of two "
                 "standard errors.", party, sc->sweep.keys[0].name);
        snprintf(reading, TEXT, "Where a line crosses zero the %s breaks "
                 "even under that option; above zero it gains.", party);
    } else if (strcmp(c->kind, "heatmap_") == 0) {
        snprintf(alt, TEXT, "A map of the %s's expected net under %s "
                 "across the two swept values.", party, option);
        snprintf(reading, TEXT, "The colour shows the %s's expected net "
                 "under %s at each combination swept; the zero contour "
                 "is where it breaks even.", party, option);
    } else if (strcmp(c->kind, "tornado_") == 0 && in->tornado != NULL
               && c->option >= 0) {
        const cap_tornado *t = in->tornado;
        size_t best = 0, p = sc->sensitivity.party;
        double swing = -1.0;

        for (size_t i = 0; i < t->n_inputs; i++) {
            size_t at = (i * t->options + (size_t) c->option)
                        * t->parties + p;
            double s = fabs(t->net_high[at] - t->net_low[at]);

            if (s > swing) {
                swing = s;
                best = i;
            }
        }
        snprintf(alt, TEXT, "Under %s, how far each uncertain input moves "
                 "the %s's expected net between its low and high value, "
                 "the largest on top.", option,
                 cap_ledger_party_label(sc, p));
        snprintf(reading, TEXT, "Under %s, %s matters most to the %s: it "
                 "moves its expected net by %s.", option,
                 sc->sensitivity.inputs[best].name,
                 cap_ledger_party_label(sc, p),
                 money(a, sizeof a, swing, currency));
    } else if (strcmp(c->kind, "intervention_") == 0) {
        snprintf(alt, TEXT, "Each party's net return from the "
                 "intervention under each option.");
        snprintf(reading, TEXT, "Who keeps the saving: a bar above zero is "
                 "a party better off with the intervention than without.");
    } else {
        snprintf(alt, TEXT, "A chart of this run's results.");
        snprintf(reading, TEXT, "%s", "");
    }
}

/* Field col of the CSV line (quotes and doubled quotes understood) into
 * out; returns whether the line has it. */
static int
csv_field(const char *line, size_t col, char *out, size_t n)
{
    size_t k = 0, len = 0;
    int quoted = 0;

    for (const char *s = line; ; s++) {
        if (*s == '\0' || *s == '\n' || *s == '\r'
            || (*s == ',' && !quoted)) {
            if (k == col) {
                out[len < n ? len : n - 1] = '\0';
                return 1;
            }
            if (*s != ',')
                return 0;
            k++;
            continue;
        }
        if (*s == '"') {
            if (quoted && s[1] == '"')
                s++;
            else {
                quoted = !quoted;
                continue;
            }
        }
        if (k == col && len + 1 < n)
            out[len++] = *s;
    }
}

/* The caption of chart (its name without ".svg") in the charts.csv of
 * dir, when that file has a caption column, into out (""; otherwise). */
static void
listed_caption(const char *dir, const char *chart, char *out, size_t n)
{
    char path[2400], line[4096], field[256];
    size_t name_col = 0, caption_col = 0;
    int found = 0;
    FILE *in;

    out[0] = '\0';
    snprintf(path, sizeof path, "%s/charts.csv", dir);
    if ((in = fopen(path, "r")) == NULL)
        return;
    if (fgets(line, sizeof line, in) != NULL)
        for (size_t k = 0; csv_field(line, k, field, sizeof field); k++) {
            if (strcmp(field, "chart") == 0)
                name_col = k;
            if (strcmp(field, "caption") == 0) {
                caption_col = k;
                found = 1;
            }
        }
    while (found && fgets(line, sizeof line, in) != NULL)
        if (csv_field(line, name_col, field, sizeof field)
            && strcmp(field, chart) == 0) {
            csv_field(line, caption_col, out, n);
            break;
        }
    fclose(in);
}

/* Whether a chart goes in the first group: risk and sensitivity. */
static int
comes_first(const char *name)
{
    return strncmp(name, "risk_", 5) == 0 || strncmp(name, "tornado", 7) == 0
           || strncmp(name, "intervention", 12) == 0
           || strncmp(name, "sweep", 5) == 0;
}

int
cap_report_charts(FILE *f, const cap_report_input *in, const char *currency)
{
    const cap_plot_files *charts = in->charts;
    int status = CAP_OK, shown = 0;

    if (charts == NULL || in->plots_dir == NULL) {
        fputs("<p class=\"note\">No charts were drawn for this run."
              "</p>\n", f);
        return CAP_OK;
    }
    fputs("<div class=\"charts\">\n", f);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < charts->n && status == CAP_OK; i++) {
            const char *name = charts->name[i];
            size_t len = strlen(name);
            char path[2400], chart[CAP_PLOT_NAME], alt[TEXT], reading[TEXT];
            chart_subject c;

            if (len < 4 || strcmp(name + len - 4, ".svg") != 0
                || comes_first(name) != (pass == 0))
                continue;
            snprintf(chart, sizeof chart, "%.*s", (int) (len - 4), name);
            c = subject_of(in->base, chart);
            if (in->n_points > 1
                || !read_run_chart(&in->points[0], &c, currency, alt,
                                   reading))
                read_study_chart(in, &c, currency, alt, reading);
            listed_caption(in->plots_dir, chart, path, sizeof path);
            if (path[0] != '\0')
                snprintf(reading, sizeof reading, "%s", path);
            snprintf(path, sizeof path, "%s/%s", in->plots_dir, name);
            status = cap_html_svg_figure(f, path, alt, reading);
            shown++;
        }
    }
    fputs("</div>\n", f);
    if (shown == 0)
        fputs("<p class=\"note\">No charts were drawn for this run."
              "</p>\n", f);
    return status;
}
