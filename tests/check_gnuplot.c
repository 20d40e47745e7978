/* check_gnuplot.c -- what may reach gnuplot: the chart-data grammar
 * (every line capsim writes passes, anything that could run a command
 * is refused at its line), and the quoting of names.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "output/gnuplot.h"
#include "testlib.h"

/* Lines of the kinds capsim writes: each must pass alone or, for the
 * datablock, as written. */
static const char *const good[] = {
    "scenario = 'quickstart'\n",
    "scenario = 'it''s'\n",
    "scenario = 'a`touch x`@m'\n",
    "years = 3\n",
    "p05[1] = -0.686825972\n",
    "floor_p = 1e-03\n",
    "x = .5\n",
    "x = -2.\n",
    "x = NaN\n",
    "array option_names[4]\n",
    "option_names[2] = 'capitation'\n",
    "\n",
    "$density << EOD\n0.1 0.2\n\n\nEOD\n",
    "$bars << EOD\n0 \"trend (0.01 to 0.05)\" 0.1 -0.2\nEOD\n",
    "$shares << EOD\noption acute commissioner\npbr 1.61 -0.61\nEOD\n",
};

/* Anything else, each refused at the line given. */
static const struct {
    const char *text;
    int line;
} bad[] = {
    { "system(\"touch x\")\n", 1 },
    { "!touch x\n", 1 },
    { "x = system(\"touch x\")\n", 1 },
    { "load '<touch x'\n", 1 },
    { "set output '|touch x'\n", 1 },
    { "years = 3\nscenario = 'a'; system 'touch x'\n", 2 },
    { "x = `touch x`\n", 1 },
    { "f(x) = x\n", 1 },
    { "x = 0x10\n", 1 },
    { "x = inf\n", 1 },
    { "x = 1e\n", 1 },
    { "x = 'unterminated\n", 1 },
    { "x = 'a' 'b'\n", 1 },
    { "x = 'tab\there'\n", 1 },
    { "x=1\n", 1 },
    { "array x[]\n", 1 },
    { "p05[-1] = 2\n", 1 },
    { "$x << END\n1\nEND\n", 1 },
    { "$x << EOD\n1 2\n", 1 },            /* never ended */
    { "$x << EOD\n1\rsystem\nEOD\n", 2 },
    { "years = 3", 1 },                   /* no end of line */
    { "\n\nGPVAL_X = 1 ; reset\n", 3 },
};

START_TEST(accepts_what_capsim_writes)
{
    cap_diag d = { "", 0, "" };
    const char *t = good[_i];

    ck_assert_msg(cap_gnuplot_send_data(NULL, t, strlen(t), "c.data", &d)
                  == CAP_OK, "refused %s: %s:%d: %s", t, d.file, d.line,
                  d.message);
}
END_TEST

START_TEST(refuses_anything_else_at_its_line)
{
    cap_diag d = { "", 0, "" };
    const char *t = bad[_i].text;

    ck_assert_msg(cap_gnuplot_send_data(NULL, t, strlen(t), "c.data", &d)
                  == CAP_EINPUT, "accepted %s", t);
    ck_assert_str_eq(d.file, "c.data");
    ck_assert_int_eq(d.line, bad[_i].line);
}
END_TEST

START_TEST(refuses_nul_byte)
{
    static const char t[] = "years = 3\nx = 1\0; system 'x'\n";
    cap_diag d = { "", 0, "" };

    ck_assert_int_eq(cap_gnuplot_send_data(NULL, t, sizeof t - 1, "c.data",
                                           &d), CAP_EINPUT);
    ck_assert_int_eq(d.line, 2);
    ck_assert_ptr_nonnull(strstr(d.message, "NUL"));
}
END_TEST

/* A name becomes a string gnuplot reads back as the same text: quotes
 * doubled, and a control character (which could end the line) made
 * harmless. */
START_TEST(quotes_names)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    cap_diag d = { "", 0, "" };

    ck_assert_ptr_nonnull(f);
    fputs("x = ", f);
    cap_gnuplot_quote(f, "it's '; system 'x");
    fputs("\ny = ", f);
    cap_gnuplot_quote(f, "a\nsystem 'x'");
    fputs("\n", f);
    fclose(f);
    ck_assert_str_eq(buf, "x = 'it''s ''; system ''x'\n"
                     "y = 'a?system ''x'''\n");
    ck_assert_int_eq(cap_gnuplot_send_data(NULL, buf, n, "c.data", &d),
                     CAP_OK);
    free(buf);
}
END_TEST

START_TEST(path_with_control_character_refused)
{
    char out[64];
    cap_diag d = { "", 0, "" };

    ck_assert_int_eq(cap_gnuplot_path("a\nb", out, sizeof out, &d),
                     CAP_EINPUT);
    ck_assert_int_eq(cap_gnuplot_path(".", out, sizeof out, &d), CAP_OK);
    ck_assert_int_eq(out[0], '/');
}
END_TEST

static Suite *
gnuplot_suite(void)
{
    Suite *s = suite_create("gnuplot");
    TCase *grammar = tcase_create("grammar");
    TCase *names = tcase_create("names");

    tcase_add_loop_test(grammar, accepts_what_capsim_writes, 0,
                        (int) (sizeof good / sizeof good[0]));
    tcase_add_loop_test(grammar, refuses_anything_else_at_its_line, 0,
                        (int) (sizeof bad / sizeof bad[0]));
    tcase_add_test(grammar, refuses_nul_byte);
    suite_add_tcase(s, grammar);
    tcase_add_test(names, quotes_names);
    tcase_add_test(names, path_with_control_character_refused);
    suite_add_tcase(s, names);
    return s;
}

int
main(void)
{
    return test_run(gnuplot_suite());
}
