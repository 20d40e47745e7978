/* csv_write.c -- writing CSV rows and fields (see csv_write.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
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

void
cap_csv_open(cap_csv_writer *w, FILE *f)
{
    w->f = f;
    w->fields = 0;
    w->failed = ferror(f) != 0;
    w->error = w->failed ? EIO : 0;
}

/* Note a failure the stream's error flag shows, keeping the errno of
 * the first (the write that failed set it; later calls may not). */
static void
note_failure(cap_csv_writer *w)
{
    if (ferror(w->f) && !w->failed) {
        w->failed = 1;
        w->error = errno != 0 ? errno : EIO;
    }
}

void
cap_csv_line(cap_csv_writer *w, const char *line)
{
    fputs(line, w->f);
    cap_csv_end(w->f);
    note_failure(w);
}

/* The comma before every field but a row's first. */
static void
next_field(cap_csv_writer *w)
{
    if (w->fields++ > 0)
        cap_csv_sep(w->f);
}

void
cap_csv_add_text(cap_csv_writer *w, const char *s)
{
    next_field(w);
    cap_csv_text(w->f, s);
}

void
cap_csv_add_label(cap_csv_writer *w, const char *s)
{
    next_field(w);
    fputs(s, w->f);
}

void
cap_csv_add_number(cap_csv_writer *w, double v)
{
    next_field(w);
    cap_csv_number(w->f, v);
}

void
cap_csv_add_integer(cap_csv_writer *w, long v)
{
    next_field(w);
    cap_csv_integer(w->f, v);
}

void
cap_csv_end_row(cap_csv_writer *w)
{
    cap_csv_end(w->f);
    w->fields = 0;
    /* A stream's error flag stays set once raised; noting it here keeps
     * the failure even if the caller clears the flag before closing. */
    note_failure(w);
}

int
cap_csv_close(cap_csv_writer *w)
{
    return w->failed || ferror(w->f) ? -1 : 0;
}

int
cap_csv_finish(cap_csv_writer *w, cap_diag *diag)
{
    int e;

    note_failure(w);
    if (cap_csv_close(w) == 0)
        return CAP_OK;
    e = w->error != 0 ? w->error : EIO;
    cap_diag_set(diag, CAP_EIO, "", 0, "cannot write the table: %s",
                 strerror(e));
    errno = e;
    return CAP_EIO;
}
