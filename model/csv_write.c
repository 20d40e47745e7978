/* csv_write.c -- writing CSV fields. */
#include <config.h>
#include <math.h>
#include <string.h>
#include <csv.h>
#include "csv_write.h"

void
cap_csv_text(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") != NULL)
        csv_fwrite(f, s, strlen(s));
    else
        fputs(s, f);
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
