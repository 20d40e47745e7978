/* check_inidoc.c -- the scenario file's lookups take time in proportion
 * to the file, not to its square.
 *
 * `capsim validate` looks up every key of every section; when each
 * lookup scanned the whole file, a scenario of 20,000 options took
 * half a minute.  Timing is not checked here (it varies from machine
 * to machine); what is checked is the work: the names a lookup
 * compares (cap_ini_probes) stay a small constant per lookup however
 * large the file, and a section's keys are visited without visiting
 * the others'.  `make bench-validate` measures the times.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "scenario/ini_doc.h"
#include "testlib.h"

/* A file of n sections [option.oI], each with keys contracts and
 * weight, written to a temporary file and read.  The caller frees the
 * document. */
static cap_ini_doc *
read_options(size_t n)
{
    size_t cap = 64 + 64 * n, len;
    char *text = malloc(cap);
    char *path;
    cap_ini_doc *doc = NULL;
    cap_diag d;

    ck_assert_ptr_nonnull(text);
    len = (size_t) snprintf(text, cap, "[scenario]\nname = big\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t) snprintf(text + len, cap - len,
                                 "[option.o%zu]\ncontracts = c%zu\n"
                                 "weight = %zu\n", i, i % 4, i);
    ck_assert_uint_lt(len, cap);
    path = test_write_temp("inidoc-", text);
    free(text);
    ck_assert_int_eq(cap_ini_read(path, &doc, &d), CAP_OK);
    unlink(path);
    free(path);
    return doc;
}

/* Names compared per lookup, over every section and key of a file of
 * n options, each looked up once after reading it (a present key, a
 * missing one, the section's line). */
static double
probes_per_lookup(size_t n)
{
    cap_ini_doc *doc = read_options(n);
    size_t before = cap_ini_probes(doc), lookups = 0, probes;
    char section[64];

    for (size_t i = 0; i < n; i++) {
        cap_ini_entry *e;

        snprintf(section, sizeof section, "option.o%zu", i);
        ck_assert_int_eq(cap_ini_section_line(doc, section),
                         (int) (3 * i + 3));
        e = cap_ini_find(doc, section, "weight");
        ck_assert_ptr_nonnull(e);
        ck_assert_int_eq(atoi(e->value), (int) i);
        ck_assert_ptr_null(cap_ini_find(doc, section, "missing"));
        lookups += 3;
    }
    probes = cap_ini_probes(doc) - before;
    cap_ini_free(doc);
    return (double) probes / (double) lookups;
}

/* A scan would compare about half the file per lookup: thousands of
 * names here.  A hash table compares about one, at any size. */
START_TEST(lookups_constant_per_key)
{
    double small = probes_per_lookup(2500), large = probes_per_lookup(20000);

    ck_assert_double_le(small, 3.0);
    ck_assert_double_le(large, 3.0);
    /* Not growing with the file: 8 times the keys, about the same work
     * per lookup. */
    ck_assert_double_le(large, 1.5 * small + 0.5);
}
END_TEST

/* Reading a file checks each key and section against those before it
 * (a duplicate is an error): that too must not scan. */
START_TEST(reading_constant_per_key)
{
    cap_ini_doc *doc = read_options(20000);
    size_t keys = doc->n_entries + doc->n_sections;

    ck_assert_double_le((double) cap_ini_probes(doc), 3.0 * (double) keys);
    cap_ini_free(doc);
}
END_TEST

/* A section's keys, in file order, and a key set afterwards; other
 * sections' keys are not visited. */
START_TEST(section_keys_in_order)
{
    cap_ini_doc *doc = read_options(1000);
    cap_ini_entry *e;
    const char *want[] = { "contracts", "weight", "added" };
    size_t k = 0;

    ck_assert_int_eq(cap_ini_set(doc, "option.o500", "added", "1", 0),
                     CAP_OK);
    ck_assert_int_eq(cap_ini_set(doc, "option.o501", "added", "2", 0),
                     CAP_OK);
    for (e = cap_ini_next_in(doc, "option.o500", NULL); e;
         e = cap_ini_next_in(doc, "option.o500", e)) {
        ck_assert_uint_lt(k, 3);
        ck_assert_str_eq(e->section, "option.o500");
        ck_assert_str_eq(e->key, want[k]);
        k++;
    }
    ck_assert_uint_eq(k, 3);
    ck_assert_ptr_null(cap_ini_next_in(doc, "no.such", NULL));
    /* A copy answers the same. */
    {
        cap_ini_doc *c = cap_ini_clone(doc);

        ck_assert_ptr_nonnull(c);
        e = cap_ini_find(c, "option.o501", "added");
        ck_assert_ptr_nonnull(e);
        ck_assert_str_eq(e->value, "2");
        ck_assert_int_eq(cap_ini_section_line(c, "option.o999"), 3 * 999 + 3);
        cap_ini_free(c);
    }
    cap_ini_free(doc);
}
END_TEST

static Suite *
inidoc_suite(void)
{
    Suite *s = suite_create("inidoc");
    TCase *t = tcase_create("lookups");

    tcase_set_timeout(t, 60);
    tcase_add_test(t, lookups_constant_per_key);
    tcase_add_test(t, reading_constant_per_key);
    tcase_add_test(t, section_keys_in_order);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    return test_run(inidoc_suite());
}
