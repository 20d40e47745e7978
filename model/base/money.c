/* money.c -- money and numbers written for people (see money.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/money.h"

const char *
cap_currency_symbol(const char *code)
{
    if (code == NULL)
        return "";
    if (strcmp(code, "GBP") == 0)
        return "\xc2\xa3";
    if (strcmp(code, "EUR") == 0)
        return "\xe2\x82\xac";
    if (strcmp(code, "USD") == 0)
        return "$";
    return code;
}

char *
cap_number_text(char *buf, size_t n, double v, int decimals)
{
    char digits[64];
    const char *point;
    size_t lead, out = 0;

    if (n == 0)
        return buf;
    if (isnan(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    /* Round first, so that "-0" never appears: -0.4 is "0". */
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    if (v < 0 && strspn(digits, "0.") != strlen(digits) && out + 1 < n)
        buf[out++] = '-';
    point = strchr(digits, '.');
    lead = point ? (size_t) (point - digits) : strlen(digits);
    for (size_t i = 0; digits[i] != '\0' && out + 1 < n; i++) {
        if (i > 0 && i < lead && (lead - i) % 3 == 0) {
            buf[out++] = ',';
            if (out + 1 >= n)
                break;
        }
        buf[out++] = digits[i];
    }
    buf[out] = '\0';
    return buf;
}

char *
cap_money_text(char *buf, size_t n, double v, const char *currency,
               cap_money_style style)
{
    const char *symbol = cap_currency_symbol(currency);
    /* A code of letters ("CHF") is set apart from the figure. */
    const char *gap = isalpha((unsigned char) symbol[0]) ? " " : "";
    int millions = style == CAP_MONEY_MILLIONS
                   || (style == CAP_MONEY_AUTO && fabs(v) >= 1e6);
    char figure[64];

    if (isnan(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    if (millions) {
        double m = fabs(v) / 1e6;
        /* Three significant figures: 1.78m, 17.8m, 178m. */
        int decimals = m >= 100 ? 0 : m >= 10 ? 1 : 2;

        cap_number_text(figure, sizeof figure, m, decimals);
        strncat(figure, "m", sizeof figure - strlen(figure) - 1);
    } else {
        cap_number_text(figure, sizeof figure, fabs(v), 0);
    }
    snprintf(buf, n, "%s%s%s%s",
             v < 0 && strspn(figure, "0.,m") != strlen(figure) ? "-" : "",
             symbol, gap, figure);
    return buf;
}
