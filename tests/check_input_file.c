/* check_input_file.c -- unit tests for the strict number parser
 * (parse.h) and the captured input files (input_file.h): decimals only,
 * UTF-8 only, the checksum of the bytes read.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "capsim/error.h"
#include "base/input_file.h"
#include "base/parse.h"
#include "testlib.h"

START_TEST(decimals_accepted)
{
    static const struct { const char *s; double v; } ok[] = {
        { "0.03", 0.03 }, { " 1600 ", 1600 }, { "8.2e6", 8.2e6 },
        { "-2.5E-3", -2.5e-3 }, { "+.5", 0.5 }, { "7.", 7.0 },
    };

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = -1;

        ck_assert_msg(cap_parse_double(ok[i].s, &v, 0) == 0, "'%s' refused",
                      ok[i].s);
        ck_assert_msg(v == ok[i].v, "'%s' read as %g", ok[i].s, v);
    }
}
END_TEST

START_TEST(other_strtod_forms_refused)
{
    static const char *const bad[] = {
        "0x10", "0X1p-4", "0x1p4", "inf", "INF", "-inf", "infinity", "nan",
        "NAN(1)", "1e", "e5", ".", "-", "1e999", "1,000", "5 0", "",
    };
    double v = 42;
    long l = 42;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(cap_parse_double(bad[i], &v, 0) != 0, "'%s' accepted",
                      bad[i]);
        ck_assert_msg(cap_parse_long(bad[i], &l) != 0, "'%s' accepted as "
                      "a whole number", bad[i]);
    }
    ck_assert(v == 42 && l == 42);
    /* "inf" exactly, and only where allowed. */
    ck_assert(cap_parse_double("inf", &v, 1) == 0 && isinf(v) && v > 0);
    ck_assert(cap_parse_double("INF", &v, 1) != 0);
    ck_assert(cap_parse_double("infinity", &v, 1) != 0);
    ck_assert(cap_parse_double("0x10", &v, 1) != 0);
}
END_TEST

/* Write n bytes to a temporary file and read it back; returns the
 * status, with diag filled. */
static int
read_bytes(const char *bytes, size_t n, cap_input_file **f, cap_diag *diag)
{
    char *path = test_write_temp_bytes("input-", bytes, n);
    int status = cap_input_file_read(path, f, diag);

    unlink(path);
    free(path);
    return status;
}

START_TEST(utf8_bom_skipped_and_hashed)
{
    cap_input_file *f;
    cap_diag d;

    ck_assert_int_eq(read_bytes("\xEF\xBB\xBF" "abc", 6, &f, &d), CAP_OK);
    ck_assert_uint_eq(f->size, 6);
    ck_assert_uint_eq(f->text, 3);
    ck_assert_str_eq(f->bytes + f->text, "abc");
    cap_input_file_unref(f);
    ck_assert_int_eq(read_bytes("abc", 3, &f, &d), CAP_OK);
    ck_assert_uint_eq(f->text, 0);
    /* FIPS 180-4's "abc". */
    ck_assert_str_eq(f->sha256, "ba7816bf8f01cfea414140de5dae2223"
                                "b00361a396177a9cb410ff61f20015ad");
    ck_assert_ptr_eq(cap_input_file_ref(f), f);
    cap_input_file_unref(f);
    cap_input_file_unref(f);
}
END_TEST

START_TEST(not_utf8_refused_at_its_line)
{
    static const struct {
        const char *bytes;
        size_t n;
        int line;
        const char *msg;
    } bad[] = {
        { "a\nb\nc\0d\n", 8, 3, "NUL byte" },
        { "a\n\xE9t\xE9\n", 5, 2, "not valid UTF-8" },
        { "a\n\xC0\xAF\n", 5, 2, "not valid UTF-8" },
        { "\xED\xA0\x80", 3, 1, "not valid UTF-8" },
        { "\xF4\x90\x80\x80", 4, 1, "not valid UTF-8" },
        { "ab\xE2\x82", 4, 1, "not valid UTF-8" },
        { "\xFF\xFE[\0s\0", 6, 1, "saved as UTF-16" },
        { "[\0s\0]\0", 6, 1, "saved as UTF-16" },
        { "\0[\0s", 4, 1, "saved as UTF-16" },
        { "\xFF\xFE\0\0[\0\0\0", 8, 1, "saved as UTF-32" },
        { "\0\0\0[", 4, 1, "saved as UTF-32" },
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cap_input_file *f = (cap_input_file *) &f;
        cap_diag d;

        ck_assert_int_eq(read_bytes(bad[i].bytes, bad[i].n, &f, &d),
                         CAP_EINPUT);
        ck_assert_ptr_null(f);
        ck_assert_msg(d.line == bad[i].line, "case %zu: line %d, not %d",
                      i, d.line, bad[i].line);
        ck_assert_msg(strstr(d.message, bad[i].msg) != NULL,
                      "case %zu: '%s' lacks '%s'", i, d.message, bad[i].msg);
    }
}
END_TEST

START_TEST(special_files_refused)
{
    cap_input_file *f;
    cap_diag d;

    ck_assert_int_eq(cap_input_file_read(test_tmp_dir(), &f, &d), CAP_EINPUT);
    ck_assert_ptr_null(f);
    ck_assert(strstr(d.message, "not a regular file") != NULL);
    ck_assert_int_eq(cap_input_file_read("/dev/null", &f, &d), CAP_EINPUT);
    ck_assert(strstr(d.message, "a device") != NULL);
    ck_assert_int_eq(cap_input_file_read("/nonexistent/x.ini", &f, &d),
                     CAP_EIO);
}
END_TEST

static Suite *
input_file_suite(void)
{
    Suite *s = suite_create("input_file");
    TCase *numbers = tcase_create("numbers");
    TCase *files = tcase_create("files");

    tcase_add_test(numbers, decimals_accepted);
    tcase_add_test(numbers, other_strtod_forms_refused);
    suite_add_tcase(s, numbers);
    tcase_add_test(files, utf8_bom_skipped_and_hashed);
    tcase_add_test(files, not_utf8_refused_at_its_line);
    tcase_add_test(files, special_files_refused);
    suite_add_tcase(s, files);
    return s;
}

int
main(void)
{
    return test_run(input_file_suite());
}
