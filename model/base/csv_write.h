/* csv_write.h -- writing CSV rows and fields (internal).
 *
 * A cap_csv_writer writes a table row by row: the caller adds fields
 * and ends rows, the writer places the commas, the quoting and the line
 * ends, and remembers a failed write until cap_csv_close reports it.
 * The single-field functions at the end write one piece each; the
 * caller then places separators itself.
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
#include "capsim/error.h"

/* A table being written to f.  Fill it with cap_csv_open; it owns
 * nothing (the caller opens and closes f). */
typedef struct cap_csv_writer {
    FILE *f;
    size_t fields;            /* fields so far in the current row */
    int failed;               /* a write failed: sticky until close */
    int error;                /* errno when the failure was first seen */
} cap_csv_writer;

/* Start writing a table to f, at the start of a row. */
void cap_csv_open(cap_csv_writer *w, FILE *f);
/* A whole line written as is, such as a header of fixed names; only at
 * the start of a row. */
void cap_csv_line(cap_csv_writer *w, const char *line);
/* One field of the current row, after a comma unless it is the first:
 * text quoted as cap_csv_text() does; a label (one of the program's own
 * names, never from the user) as is; numbers as cap_csv_number() and
 * cap_csv_integer(). */
void cap_csv_add_text(cap_csv_writer *w, const char *s);
void cap_csv_add_label(cap_csv_writer *w, const char *s);
void cap_csv_add_number(cap_csv_writer *w, double v);
void cap_csv_add_integer(cap_csv_writer *w, long v);
/* End the current row (a line break); the next field starts a row. */
void cap_csv_end_row(cap_csv_writer *w);
/* Returns 0 when every write since cap_csv_open succeeded, -1 when one
 * failed (however many did).  f stays open. */
int cap_csv_close(cap_csv_writer *w);
/* cap_csv_close for a table writer: CAP_OK, or CAP_EIO with diag
 * "cannot write the table: REASON" and errno set to the first failed
 * write's (recorded when it was seen, since later calls may change
 * errno), for a caller that names the file. */
int cap_csv_finish(cap_csv_writer *w, cap_diag *diag);

/* Single fields.  Write the text s as one field: quoted when it holds a
 * comma, a quote or a line break, and with a ' before it when it is
 * formula-like. */
void cap_csv_text(FILE *f, const char *s);
/* Whether text s starts like a spreadsheet formula (1) or not (0). */
int cap_csv_formula_like(const char *s);
void cap_csv_number(FILE *f, double v);
void cap_csv_integer(FILE *f, long v);
/* The separator before the next field, and the end of a row. */
void cap_csv_sep(FILE *f);
void cap_csv_end(FILE *f);

#endif /* CAPSIM_CSV_WRITE_H */
