/* parse.c -- strict conversions of scenario values.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/parse.h"

size_t
cap_decimal_span(const char *s)
{
    size_t i = 0, digits = 0;

    if (s[i] == '+' || s[i] == '-')
        i++;
    while (isdigit((unsigned char) s[i])) {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char) s[i])) {
            i++;
            digits++;
        }
    }
    if (digits == 0)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;

        if (s[j] == '+' || s[j] == '-')
            j++;
        if (isdigit((unsigned char) s[j])) {
            while (isdigit((unsigned char) s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

int
cap_parse_double(const char *s, double *out, int allow_inf)
{
    size_t span, len;
    double v;

    while (isspace((unsigned char) *s))
        s++;
    len = strlen(s);
    while (len > 0 && isspace((unsigned char) s[len - 1]))
        len--;
    if (len == 0)
        return -1;
    /* "inf" exactly, where allowed; strtod's other spellings (INF,
     * infinity, nan) and its hexadecimal forms (0x10, 0x1p-4) are not
     * the decimals the documentation promises, so they are refused
     * before strtod can read them. */
    if (len == 3 && strncmp(s, "inf", 3) == 0) {
        if (!allow_inf)
            return -1;
        *out = INFINITY;
        return 0;
    }
    span = cap_decimal_span(s);
    if (span == 0 || span != len)
        return -1;
    errno = 0;
    v = strtod(s, NULL);
    if (errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int
cap_parse_long(const char *s, long *out)
{
    double v;

    /* Through strtod so that "2e3" is accepted for 2000, as users of
     * scientific tools expect; the value must be a whole number. */
    if (cap_parse_double(s, &v, 0) != 0)
        return -1;
    if (v != floor(v) || fabs(v) > 9.0e15)
        return -1;
    *out = (long) v;
    return 0;
}

int
cap_parse_u64(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    while (isspace((unsigned char) *s))
        s++;
    if (!isdigit((unsigned char) *s))
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno == ERANGE)
        return -1;
    while (isspace((unsigned char) *end))
        end++;
    if (*end != '\0')
        return -1;
    *out = (uint64_t) v;
    return 0;
}

int
cap_parse_list(const char *s, char *buf, size_t bufsize, char **items,
               int max)
{
    size_t len = strlen(s);
    int n = 0;
    char *p;

    if (len + 1 > bufsize)
        return -1;
    memcpy(buf, s, len + 1);
    p = buf;
    for (;;) {
        char *comma = strchr(p, ',');
        char *end = comma ? comma : p + strlen(p);
        char *start = p;

        while (start < end && isspace((unsigned char) *start))
            start++;
        while (end > start && isspace((unsigned char) end[-1]))
            end--;
        if (end == start || n == max)
            return -1;
        items[n++] = start;
        if (comma == NULL) {
            *end = '\0';
            break;
        }
        *end = '\0';
        p = comma + 1;
    }
    return n;
}

int
cap_has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char) *s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

char *
cap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);

    if (d != NULL)
        memcpy(d, s, n);
    return d;
}
