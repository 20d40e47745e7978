/* builder.c -- the machinery every scenario builder shares: located
 * errors, keys read through tables of key_spec, section names, and
 * the loop that builds every [prefix.NAME] section into an array
 * (scenario_build.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/scenario.h"
#include "base/parse.h"
#include "scenario/ini_doc.h"
#include "scenario/scenario_build.h"

int
cap_build_fail(builder *b, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cap_ini_diag(b->doc, b->diag, CAP_EINPUT, line, "%s", msg);
}

static const char *
range_text(const key_spec *k, char *buf, size_t n)
{
    if (isinf(k->hi))
        snprintf(buf, n, "%s %g", k->lo_open ? ">" : ">=", k->lo);
    else
        snprintf(buf, n, "in %c%g, %g%c", k->lo_open ? '(' : '[', k->lo,
                 k->hi, k->hi_open ? ')' : ']');
    return buf;
}

/* Read the keys of section into base through spec.  Keys the spec does
 * not know are left unused for the caller (or the final check). */
int
cap_build_keys(builder *b, const char *section, const key_spec *spec,
           size_t n_spec, void *base)
{
    for (size_t i = 0; i < n_spec; i++) {
        const key_spec *k = &spec[i];
        cap_ini_entry *e = cap_ini_find(b->doc, section, k->key);
        char *field = (char *) base + k->offset;
        char range[64];
        double v;

        if (e == NULL) {
            if (k->required)
                return cap_build_fail(b, cap_ini_section_line(b->doc, section),
                            "[%s] needs key '%s'", section, k->key);
            continue;
        }
        e->used = 1;
        switch (k->kind) {
        case KEY_TEXT:
            if (e->value[0] == '\0')
                return cap_build_fail(b, e->line, "[%s] %s: value is empty",
                            section, k->key);
            *(char **) (void *) field = e->value;
            continue;
        case KEY_SEED:
            if (cap_parse_u64(e->value, (uint64_t *) (void *) field) != 0)
                return cap_build_fail(b, e->line,
                                      "[%s] seed: '%s' is not a whole "
                                      "number from 0 to 2^64-1",
                                      section, e->value);
            continue;
        case KEY_WHOLE: {
            long lv;

            if (cap_parse_long(e->value, &lv) != 0)
                return cap_build_fail(b, e->line,
                                      "[%s] %s: '%s' is not a whole "
                                      "number",
                                      section, k->key, e->value);
            v = (double) lv;
            if (v < k->lo || v > k->hi)
                return cap_build_fail(b, e->line, "[%s] %s = %s: must be %s",
                            section, k->key, e->value,
                            range_text(k, range, sizeof range));
            *(long *) (void *) field = lv;
            continue;
        }
        case KEY_NUMBER:
            if (cap_parse_double(e->value, &v, 0) != 0)
                return cap_build_fail(b, e->line,
                                      "[%s] %s: '%s' is not a number", section,
                                      k->key, e->value);
            if (v < k->lo || (k->lo_open && v == k->lo) || v > k->hi
                || (k->hi_open && v == k->hi))
                return cap_build_fail(b, e->line, "[%s] %s = %s: must be %s",
                            section, k->key, e->value,
                            range_text(k, range, sizeof range));
            *(double *) (void *) field = v;
            continue;
        }
    }
    return CAP_OK;
}

/* The part of a section name after "prefix.", or NULL. */
const char *
cap_build_suffix(const char *section, const char *prefix)
{
    size_t n = strlen(prefix);

    if (strncmp(section, prefix, n) == 0 && section[n] == '.')
        return section + n + 1;
    return NULL;
}

/* Whether name is usable as a name: letters, digits, '_', '-' and '.',
 * not starting with '.'.  Names end up in CSV cells, file names of
 * charts and gnuplot strings, so nothing that needs quoting there. */
int
cap_build_plain_name(const char *name)
{
    if (name[0] == '\0' || name[0] == '.')
        return 0;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char) *p) && *p != '_' && *p != '-'
            && *p != '.')
            return 0;
    return 1;
}

/* Count sections named "prefix.NAME", checking each NAME. */
int
cap_build_count(builder *b, const char *prefix, size_t *count)
{
    *count = 0;
    for (size_t i = 0; i < b->doc->n_sections; i++) {
        const char *name = cap_build_suffix(b->doc->sections[i].name, prefix);

        if (name == NULL)
            continue;
        if (!cap_build_plain_name(name))
            return cap_build_fail(
                b, b->doc->sections[i].line,
                "[%s]: the name after "
                "'%s.' must be letters, digits, '_', '-' or '.', "
                "not starting with '.'",
                b->doc->sections[i].name, prefix);
        (*count)++;
    }
    return CAP_OK;
}

/* Build every [prefix.NAME] section of the file, in its order, into a
 * new array: see scenario_build.h. */
int
cap_build_sections(builder *b, const section_kind *kind, void *items,
                   size_t *n_built, void *arg)
{
    void *array;
    size_t n, j = 0;
    int status = cap_build_count(b, kind->prefix, &n);

    if (status != CAP_OK)
        return status;
    if (n == 0 && kind->none != NULL)
        return cap_build_fail(b, 0, "%s", kind->none);
    if (kind->most > 0 && n > kind->most)
        return cap_build_fail(b, 0, "%zu %ss: capsim takes at most %zu", n,
                              kind->prefix, kind->most);
    if (n == 0)
        return CAP_OK;
    array = calloc(n, kind->size);
    if (array == NULL)
        return CAP_ENOMEM;
    /* items is the address of the caller's typed pointer (T **). */
    memcpy(items, &array, sizeof array);
    for (size_t i = 0; i < b->doc->n_sections && status == CAP_OK; i++) {
        const char *section = b->doc->sections[i].name;
        const char *name = cap_build_suffix(section, kind->prefix);

        if (name == NULL)
            continue;
        /* Counted before it is built, so that cap_scenario_free()
         * frees what a failure leaves half built. */
        *n_built = ++j;
        status = kind->build(b, section, name,
                             (char *) array + (j - 1) * kind->size, arg);
    }
    return status;
}
