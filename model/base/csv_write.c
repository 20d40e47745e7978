/* csv_write.c -- writing CSV fields (see csv_write.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <string.h>
#include "base/csv_write.h"

int
cap_csv_formula_like(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void
cap_csv_text(FILE *f, const char *s)
{
    /* A spreadsheet opening the file would evaluate "=...", "+...",
     * "-..." or "@..." as a formula (CSV injection); a leading quote
     * makes it show the text instead (OWASP's advice).  Numbers never
     * come through here, so a negative number is untouched. */
    const char *lead = cap_csv_formula_like(s) ? "'" : "";

    if (strpbrk(s, ",\"\r\n") != NULL) {
        fprintf(f, "\"%s", lead);
        for (; *s; s++) {
            if (*s == '"')
                putc('"', f);
            putc(*s, f);
        }
        putc('"', f);
    } else {
        fputs(lead, f);
        fputs(s, f);
    }
}

void
cap_csv_number(FILE *f, double v)
{
    if (isnan(v))
        return;
    if (v == 0.0)
        v = 0.0;              /* no "-0" in the tables */
    fprintf(f, "%.12g", v);
}

void
cap_csv_integer(FILE *f, long v)
{
    fprintf(f, "%ld", v);
}

void
cap_csv_sep(FILE *f)
{
    putc(',', f);
}

void
cap_csv_end(FILE *f)
{
    putc('\n', f);
}
