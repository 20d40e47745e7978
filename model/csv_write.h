/* csv_write.h -- writing CSV fields (internal).
 *
 * Text goes through libcsv's csv_fwrite when it needs quoting; numbers
 * are written with 12 significant digits ("%.12g"), which keeps pounds
 * exact up to 10^10 and prints the same bits the same way every run.
 * NAN is written as an empty field.
 */
#ifndef CAPSIM_CSV_WRITE_H
#define CAPSIM_CSV_WRITE_H

#include <stdio.h>

void cap_csv_text(FILE *f, const char *s);
void cap_csv_number(FILE *f, double v);
void cap_csv_integer(FILE *f, long v);
/* The separator before the next field, and the end of a row. */
void cap_csv_sep(FILE *f);
void cap_csv_end(FILE *f);

#endif /* CAPSIM_CSV_WRITE_H */
