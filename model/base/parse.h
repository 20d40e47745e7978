/* parse.h -- strict conversions of scenario values (internal).
 *
 * Each returns 0 on success and -1 when the whole of s is not a value
 * of the kind: no leading or trailing junk, no empty strings.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_PARSE_H
#define CAPSIM_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* A finite decimal number, optionally with an exponent (30e6, -0.5,
 * .25); with allow_inf, "inf" too.  Hexadecimal numbers, "infinity",
 * "nan" and any other spelling strtod would take are refused. */
int cap_parse_double(const char *s, double *out, int allow_inf);
/* The length of the decimal number ([+-]digits[.digits][e[+-]digits])
 * at the start of s, or 0 when s does not start with one. */
size_t cap_decimal_span(const char *s);

int cap_parse_long(const char *s, long *out);
int cap_parse_u64(const char *s, uint64_t *out);

/* Split a comma-separated list into at most max trimmed items written
 * into buf (NUL-separated, buf of bufsize); items[i] point into buf.
 * Returns the number of items, or -1 if there are too many, one is
 * empty, or buf is too small. */
int cap_parse_list(const char *s, char *buf, size_t bufsize,
                   char **items, int max);

/* 1 if s holds a control character (below 0x20, a newline among them,
 * or DEL), else 0: text that must not reach a path or a gnuplot
 * string. */
int cap_has_control(const char *s);

/* malloc'd copy of s, or NULL. */
char *cap_strdup(const char *s);

#endif /* CAPSIM_PARSE_H */
