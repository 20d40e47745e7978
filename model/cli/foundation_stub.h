/* foundation_stub.h -- temporary stand-ins until the shared names land.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CLI_FOUNDATION_STUB_H
#define CAPSIM_CLI_FOUNDATION_STUB_H
#define CLI_FOUNDATION_STUB 1
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "capsim/ledger.h"
#include "capsim/scenario.h"

typedef enum { CAP_MONEY_UNITS, CAP_MONEY_MILLIONS, CAP_MONEY_AUTO } cap_money_style;

static inline char *
cap_number_text(char *buf, size_t n, double v, int decimals)
{
    char raw[64], *dot;
    size_t len, digits, o = 0;
    const char *s = raw;

    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    dot = strchr(raw, '.');
    digits = dot ? (size_t) (dot - raw) : strlen(raw);
    len = 0;
    if (v < 0 && strspn(raw, "0.") != strlen(raw))
        buf[o++] = '-';
    for (size_t i = 0; i < digits; i++) {
        if (i && (digits - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = s[i];
    }
    strcpy(buf + o, raw + digits);
    (void) len; (void) n;
    return buf;
}
static inline const char *
cap_currency_symbol(const char *code)
{
    return code == NULL ? "" : strcmp(code, "GBP") == 0 ? "\xc2\xa3" : code;
}
static inline char *
cap_money_text(char *buf, size_t n, double v, const char *currency,
               cap_money_style style)
{
    char num[64];
    (void) style;
    cap_number_text(num, sizeof num, fabs(v), 0);
    snprintf(buf, n, "%s%s%s", v <= -0.5 ? "-" : "", cap_currency_symbol(currency), num);
    return buf;
}
static inline const char *
cap_scenario_option_label(const cap_scenario *sc, size_t option)
{
    if (strcmp(sc->options[option].name, "risk_share") == 0)
        return "Risk share around a target, banded at 2% and 5%";
    return sc->options[option].name;
}
static inline const char *
cap_ledger_party_label(const cap_scenario *sc, size_t party)
{
    if (party == 0) return "Commissioner";
    if (strcmp(cap_ledger_party_name(sc, party), "acute") == 0)
        return "Royal County Hospital NHS Foundation Trust";
    return cap_ledger_party_name(sc, party);
}
typedef struct {
    size_t decider; int *acceptable; char **why_not; long recommended;
    long runner_up; int clear; char *summary;
} cap_decision;
#define STUB_CURRENCY(sc) ((void) (sc), (const char *) NULL)
#endif
