/* money.h -- money and numbers written for people: thousands grouped,
 * the currency's symbol, millions where the figure is large (internal).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_BASE_MONEY_H
#define CAPSIM_BASE_MONEY_H

#include <stddef.h>

/* How cap_money_text() writes an amount. */
typedef enum {
    CAP_MONEY_UNITS,          /* whole units, grouped: "£1,783,350" */
    CAP_MONEY_MILLIONS,       /* millions, 3 significant figures:
                                 "£1.78m" */
    CAP_MONEY_AUTO            /* millions from 1e6 in size, else units */
} cap_money_style;

/* The symbol of an ISO 4217 code: "£" for GBP, "€" for EUR, "$" for
 * USD, "" for NULL (no currency); any other code is returned as it is
 * (the caller writes it with a space, "CHF 1,200").  Never NULL; the
 * string is static or code itself. */
const char *cap_currency_symbol(const char *code);

/* v in currency (an ISO code or NULL) in style, into buf of size n
 * (64 bytes always suffice); a negative amount starts with "-".
 * Returns buf.  NAN is written "n/a". */
char *cap_money_text(char *buf, size_t n, double v, const char *currency,
                     cap_money_style style);

/* v with decimals digits after the point and its thousands grouped
 * with commas ("1,783,350.5"), into buf of size n (64 bytes suffice).
 * Returns buf.  NAN is written "n/a". */
char *cap_number_text(char *buf, size_t n, double v, int decimals);

#endif /* CAPSIM_BASE_MONEY_H */
