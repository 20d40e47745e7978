/* csv_write.h -- writing CSV fields (internal).
 *
 * Text is quoted (quotes doubled) when it needs to be; numbers
 * are written with 12 significant digits ("%.12g"), which keeps pounds
 * exact up to 10^10 and prints the same bits the same way every run.
 * NAN is written as an empty field.  Text that a spreadsheet would
 * take for a formula (starting with =, +, -, @, tab or carriage return)
 * is written with a ' before it, so it shows as the text it is.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CSV_WRITE_H
#define CAPSIM_CSV_WRITE_H

#include <stdio.h>

/* Write the text s as one field: quoted when it holds a comma, a quote
 * or a line break, and with a ' before it when it is formula-like. */
void cap_csv_text(FILE *f, const char *s);
/* Whether text s starts like a spreadsheet formula (1) or not (0). */
int cap_csv_formula_like(const char *s);
void cap_csv_number(FILE *f, double v);
void cap_csv_integer(FILE *f, long v);
/* The separator before the next field, and the end of a row. */
void cap_csv_sep(FILE *f);
void cap_csv_end(FILE *f);

#endif /* CAPSIM_CSV_WRITE_H */
