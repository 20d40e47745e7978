/* check_bases.c -- scenario files that build on another ([scenario]
 * base = FILE): how the files are laid over one another, keys removed
 * by an empty value, every error named at the file and line that wrote
 * the key, data paths found beside the file that names them, and the
 * bases refused (too deep, in a cycle, missing, not a regular file) at
 * the `base =` line that names them.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <check.h>
#include "capsim/scenario.h"
#include "capsim/study.h"
#include "base/input_file.h"
#include "scenario/assemble.h"
#include "scenario/load.h"
#include "scenario/ini_doc.h"
#include "testlib.h"

/* Write text to the file name in the temporary folder; its path is left
 * in path (n bytes). */
static void
write_named(const char *name, const char *text, char *path, size_t n)
{
    FILE *fp;

    snprintf(path, n, "%s/%s", test_tmp_dir(), name);
    fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_ge(fputs(text, fp), 0);
    ck_assert_int_eq(fclose(fp), 0);
}

/* The shipped quickstart.ini's absolute path, in path (n bytes). */
static void
quickstart_path(char *path, size_t n)
{
    char rel[4608];
    char *real;

    snprintf(rel, sizeof rel, "%s/quickstart.ini", test_scenarios_dir());
    real = realpath(rel, NULL);
    ck_assert_ptr_nonnull(real);
    snprintf(path, n, "%s", real);
    free(real);
}

/* Load the file name holding "[scenario]\nbase = quickstart.ini\n" then
 * rest (quickstart.ini named by its absolute path).  Returns the
 * loader's status, with *sc and *d as it left them. */
static int
load_on_quickstart(const char *name, const char *rest, cap_scenario **sc,
                   cap_diag *d, char *path, size_t n)
{
    char qs[4096], text[8192];

    quickstart_path(qs, sizeof qs);
    snprintf(text, sizeof text, "[scenario]\nbase = %s\n%s", qs, rest);
    write_named(name, text, path, n);
    memset(d, 0, sizeof *d);
    return cap_scenario_load(path, sc, d);
}

/* The file and line where doc's key in section was written. */
static int
origin_line(const cap_ini_doc *doc, const char *section, const char *key,
            const char **file)
{
    const cap_ini_entry *e = cap_ini_find(doc, section, key);
    int line;

    ck_assert_msg(e != NULL, "[%s] %s missing", section, key);
    cap_ini_where(doc, e->line, file, &line);
    return line;
}

START_TEST(keys_merged_nearer_file_wins)
{
    char base[4096], top[4096];
    cap_ini_doc *doc = NULL;
    cap_diag d = { "", 0, "" };
    const char *file;
    const char *order[] = { "a", "b", "scenario", "c" };

    write_named("merge-base.ini", "[a]\nx = 1\ny = 2\n[b]\nz = 3\n", base,
                sizeof base);
    write_named("merge-top.ini", "[scenario]\nbase = merge-base.ini\n"
                "[a]\ny = 20\nw = 4\n[c]\nq = 5\n", top, sizeof top);
    ck_assert_int_eq(cap_ini_read_assembled(top, NULL, &doc, &d), CAP_OK);
    /* The base's sections in its order, then the file's new ones. */
    ck_assert_uint_eq(doc->n_sections, 4);
    for (size_t i = 0; i < 4; i++)
        ck_assert_str_eq(doc->sections[i].name, order[i]);
    ck_assert_str_eq(cap_ini_find(doc, "a", "x")->value, "1");
    ck_assert_str_eq(cap_ini_find(doc, "a", "y")->value, "20");
    ck_assert_str_eq(cap_ini_find(doc, "a", "w")->value, "4");
    ck_assert_str_eq(cap_ini_find(doc, "b", "z")->value, "3");
    ck_assert_str_eq(cap_ini_find(doc, "c", "q")->value, "5");
    ck_assert_ptr_null(cap_ini_find(doc, "scenario", "base"));
    /* Each key knows where it was written. */
    ck_assert_int_eq(origin_line(doc, "a", "x", &file), 2);
    ck_assert_str_eq(file, base);
    ck_assert_int_eq(origin_line(doc, "b", "z", &file), 5);
    ck_assert_str_eq(file, base);
    ck_assert_int_eq(origin_line(doc, "a", "y", &file), 4);
    ck_assert_str_eq(file, top);
    ck_assert_int_eq(origin_line(doc, "c", "q", &file), 7);
    ck_assert_str_eq(file, top);
    /* The document holds the base's bytes, and a clone keeps them. */
    ck_assert_uint_eq(doc->n_bases, 1);
    ck_assert_str_eq(doc->bases[0]->path, base);
    {
        cap_ini_doc *c = cap_ini_clone(doc);

        ck_assert_ptr_nonnull(c);
        ck_assert_int_eq(origin_line(c, "b", "z", &file), 5);
        ck_assert_str_eq(file, base);
        cap_ini_free(c);
    }
    cap_ini_free(doc);
    unlink(base);
    unlink(top);
}
END_TEST

START_TEST(empty_value_removes_the_base_key)
{
    char path[4096];
    cap_scenario *sc = NULL;
    cap_diag d;
    cap_scenario_source src[4];

    ck_assert_int_eq(load_on_quickstart("remove.ini",
                                        "description =\nyears = 2\n"
                                        "[population]\ngrowth =\n",
                                        &sc, &d, path, sizeof path),
                     CAP_OK);
    ck_assert_ptr_null(sc->description);       /* removed: none */
    ck_assert_double_eq(sc->growth, 0.0);       /* removed: the default */
    ck_assert_int_eq(sc->years, 2);             /* the file's */
    ck_assert_int_eq(sc->trials, 1000);         /* the base's */
    ck_assert_str_eq(sc->name, "quickstart");
    ck_assert_str_eq(sc->currency, "GBP");
    /* The scenario was read from the file and its base. */
    ck_assert_uint_eq(cap_scenario_sources(sc, src, 4), 2);
    ck_assert_str_eq(src[0].role, "scenario");
    ck_assert_str_eq(src[0].path, path);
    ck_assert_str_eq(src[1].role, "base");
    cap_scenario_free(sc);
    unlink(path);
}
END_TEST

START_TEST(removing_a_required_key_is_refused)
{
    char path[4096];
    cap_scenario *sc = NULL;
    cap_diag d;

    ck_assert_int_eq(load_on_quickstart("noseed.ini", "seed =\n", &sc, &d,
                                        path, sizeof path),
                     CAP_EINPUT);
    ck_assert_ptr_nonnull(strstr(d.message, "needs key 'seed'"));
    unlink(path);
}
END_TEST

/* The shipped quickstart.ini's text with its first old replaced by new
 * (malloc'd; the caller frees it). */
static char *
quickstart_with(const char *old, const char *new)
{
    char qs[4096];
    FILE *fp;
    char *text = calloc(1, 1 << 16), *at, *out;
    size_t n;

    quickstart_path(qs, sizeof qs);
    fp = fopen(qs, "r");
    ck_assert_ptr_nonnull(fp);
    ck_assert_ptr_nonnull(text);
    n = fread(text, 1, (1 << 16) - 1, fp);
    fclose(fp);
    ck_assert_uint_gt(n, 0);
    at = strstr(text, old);
    ck_assert_msg(at != NULL, "quickstart.ini has no '%s'", old);
    out = malloc(n + strlen(new) + 1);
    ck_assert_ptr_nonnull(out);
    sprintf(out, "%.*s%s%s", (int) (at - text), text, new,
            at + strlen(old));
    free(text);
    return out;
}

/* Load top, which builds on err-base.ini holding base_text; check the
 * load fails with status at the file (base or top) and line given. */
static void
fails_at(const char *base_text, const char *top_text, int status,
         int in_base, int line)
{
    char base[4096], top[4096];
    cap_scenario *sc = NULL;
    cap_diag d = { "", 0, "" };

    write_named("err-base.ini", base_text, base, sizeof base);
    write_named("err-top.ini", top_text, top, sizeof top);
    ck_assert_int_eq(cap_scenario_load(top, &sc, &d), status);
    ck_assert_ptr_null(sc);
    ck_assert_str_eq(d.file, in_base ? base : top);
    ck_assert_msg(d.line == line, "%s:%d: %s (expected line %d)", d.file,
                  d.line, d.message, line);
    unlink(base);
    unlink(top);
}

START_TEST(errors_name_the_file_that_wrote_the_key)
{
    const char *top = "[scenario]\nbase = err-base.ini\ntrials = 50\n";
    char *t;

    /* quickstart.ini as the base, with one edit: each problem is at
     * the base's line that holds marker. */
    static const struct {
        const char *old, *new, *marker;
    } in_base[] = {
        { "[demand]\n", "[demand]\nbogus = 1\n", "bogus = 1" },  /* unknown */
        { "years = 3", "years = 0", "years = 0" },                /* range */
        { "trend = 0.03", "trend = range(0.05, 0.01)",            /* input */
          "trend = range" },
        { "[frailty]", "[frailty", "[frailty" },                  /* syntax */
    };

    for (size_t i = 0; i < TEST_N_OF(in_base); i++) {
        t = quickstart_with(in_base[i].old, in_base[i].new);
        fails_at(t, top, CAP_EINPUT, 1, test_line_of(t, in_base[i].marker));
        free(t);
    }
    /* A bad value the file gives over a good base (quickstart.ini as
     * shipped): the file's line. */
    t = quickstart_with("years = 3", "years = 3");
    fails_at(t, "[scenario]\nbase = err-base.ini\n[demand]\n"
             "trend_sd = -1\n", CAP_EINPUT, 0, 4);
    /* An unknown key in the file: the file's line. */
    fails_at(t, "[scenario]\nbase = err-base.ini\nbogus = 2\n", CAP_EINPUT,
             0, 3);
    /* A section the base needs a key in, emptied by the file: the
     * section's header in the file. */
    fails_at(t, "[scenario]\nbase = err-base.ini\n\n[contract.acute_cap]\n"
             "per_head =\n", CAP_EINPUT, 0, 4);
    free(t);
}
END_TEST

/* Load top over err-base.ini holding base_text, then build the points
 * of its sweep: that fails at the file (base or top) and line given. */
static void
sweep_fails_at(const char *base_text, const char *top_text, int in_base,
               int line)
{
    char base[4096], top[4096];
    cap_scenario *sc = NULL;
    cap_point *points = NULL;
    size_t n = 0;
    cap_diag d = { "", 0, "" };

    write_named("sweep-base.ini", base_text, base, sizeof base);
    write_named("sweep-top.ini", top_text, top, sizeof top);
    ck_assert_msg(cap_scenario_load(top, &sc, &d) == CAP_OK, "%s:%d: %s",
                  d.file, d.line, d.message);
    ck_assert_int_eq(cap_points_build(sc, &points, &n, &d), CAP_EINPUT);
    ck_assert_str_eq(d.file, in_base ? base : top);
    ck_assert_msg(d.line == line, "%s:%d: %s (expected line %d)", d.file,
                  d.line, d.message, line);
    cap_points_free(points, n);
    cap_scenario_free(sc);
    unlink(base);
    unlink(top);
}

START_TEST(sweep_values_named_at_the_sweep)
{
    const char *top = "[scenario]\nbase = sweep-base.ini\ntrials = 50\n";
    char *t;

    /* A [sweep] in the base moves a key to a value not allowed: the
     * sweep's line, in the base. */
    t = quickstart_with("[demand]", "[sweep]\n"
                        "contract.acute_cap.per_head = -5, 700\n[demand]");
    sweep_fails_at(t, top, 1, test_line_of(t, "per_head = -5, 700"));
    free(t);
    /* The same [sweep] in the file over the base: the file's line. */
    t = quickstart_with("years = 3", "years = 3");
    sweep_fails_at(t, "[scenario]\nbase = sweep-base.ini\n\n[sweep]\n"
                   "contract.acute_cap.per_head = -5, 700\n", 0, 5);
    free(t);
}
END_TEST

/* A chain of n + 1 files chain0.ini -> chain1.ini -> ... -> chainN.ini,
 * the last with one key; chain0's path left in top. */
static void
write_chain(int n, char *top, size_t size)
{
    char path[4096], name[32], text[128];

    for (int k = 0; k <= n; k++) {
        snprintf(name, sizeof name, "chain%d.ini", k);
        if (k < n)
            snprintf(text, sizeof text, "; link %d\n[scenario]\n"
                     "base = chain%d.ini\n[k%d]\nv = %d\n", k, k + 1, k, k);
        else
            snprintf(text, sizeof text, "[deepest]\nv = %d\n", k);
        write_named(name, text, k == 0 ? top : path, k == 0 ? size
                                                            : sizeof path);
    }
}

START_TEST(eight_bases_deep_is_allowed)
{
    char top[4096];
    cap_ini_doc *doc = NULL;
    cap_diag d = { "", 0, "" };
    const char *file;

    write_chain(CAP_BASES_MAX, top, sizeof top);
    ck_assert_int_eq(cap_ini_read_assembled(top, NULL, &doc, &d), CAP_OK);
    ck_assert_uint_eq(doc->n_bases, CAP_BASES_MAX);
    ck_assert_str_eq(cap_ini_find(doc, "deepest", "v")->value, "8");
    /* Every file's keys are there, each at its own file's line 5. */
    for (int k = 0; k < CAP_BASES_MAX; k++) {
        char section[16], want[32];

        snprintf(section, sizeof section, "k%d", k);
        ck_assert_int_eq(origin_line(doc, section, "v", &file), 5);
        snprintf(want, sizeof want, "/chain%d.ini", k);
        ck_assert_str_eq(file + strlen(file) - strlen(want), want);
    }
    cap_ini_free(doc);
}
END_TEST

/* Loading top fails with status at file:line, the message holding
 * needle, and gives no scenario. */
static void
refused_at(const char *top, int status, const char *file, int line,
           const char *needle)
{
    cap_scenario *sc = NULL;
    cap_diag d = { "", 0, "" };

    ck_assert_int_eq(cap_scenario_load(top, &sc, &d), status);
    ck_assert_ptr_null(sc);
    ck_assert_str_eq(d.file, file);
    ck_assert_int_eq(d.line, line);
    ck_assert_msg(strstr(d.message, needle) != NULL, "'%s' lacks '%s'",
                  d.message, needle);
}

START_TEST(nine_bases_deep_is_refused)
{
    char top[4096], want[4608];

    write_chain(CAP_BASES_MAX + 1, top, sizeof top);
    /* At the `base =` line of the eighth base, which names a ninth. */
    snprintf(want, sizeof want, "%s/chain%d.ini", test_tmp_dir(),
             CAP_BASES_MAX);
    refused_at(top, CAP_EINPUT, want, 3, "at most 8 deep");
}
END_TEST

START_TEST(a_cycle_is_refused)
{
    char a[4096], b[4096];

    /* a -> b -> a, the second written another way. */
    write_named("cycle-a.ini", "[scenario]\nbase = cycle-b.ini\n", a,
                sizeof a);
    write_named("cycle-b.ini", "; b\n\n[scenario]\nbase = ./cycle-a.ini\n",
                b, sizeof b);
    refused_at(a, CAP_EINPUT, b, 4, "a cycle");
    /* A file that builds on itself. */
    write_named("cycle-a.ini", "[scenario]\nname = x\nbase = cycle-a.ini\n",
                a, sizeof a);
    refused_at(a, CAP_EINPUT, a, 3, "a cycle");
    unlink(a);
    unlink(b);
}
END_TEST

START_TEST(a_missing_base_is_refused)
{
    char top[4096];

    write_named("missing.ini", "[scenario]\n\nbase = not-there.ini\n", top,
                sizeof top);
    refused_at(top, CAP_EIO, top, 3, "not-there.ini: cannot open");
    /* An empty base names nothing. */
    write_named("missing.ini", "[scenario]\nbase =\n", top, sizeof top);
    refused_at(top, CAP_EINPUT, top, 2, "value is empty");
    unlink(top);
}
END_TEST

START_TEST(a_folder_as_base_is_refused)
{
    char top[4096], dir[4608];

    snprintf(dir, sizeof dir, "%s/a-folder.ini", test_tmp_dir());
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    write_named("folder.ini", "[scenario]\nbase = a-folder.ini\n", top,
                sizeof top);
    refused_at(top, CAP_EINPUT, top, 2, "not a regular file");
    rmdir(dir);
    unlink(top);
}
END_TEST

/* quickstart.ini as base.ini in the folder sub of the temporary
 * folder, its people in people.csv beside it (rows after the header);
 * the paths are left in dir, base and csv (n bytes each). */
static void
write_base_in_folder(const char *sub, const char *rows, char *dir,
                     char *base, char *csv, size_t n)
{
    char *text = quickstart_with("persons = 30000", "file = people.csv");
    FILE *fp;

    snprintf(dir, n, "%s/%s", test_tmp_dir(), sub);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    snprintf(base, n, "%s/base.ini", dir);
    snprintf(csv, n, "%s/people.csv", dir);
    fp = fopen(base, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    fclose(fp);
    free(text);
    fp = fopen(csv, "w");
    ck_assert_ptr_nonnull(fp);
    fprintf(fp, "practice,locality,persons\n%s", rows);
    fclose(fp);
}

START_TEST(data_path_beside_the_file_that_names_it)
{
    char dir[4608], base[4608], csv[4608], top[4096];
    cap_scenario *sc = NULL, *v = NULL;
    cap_diag d = { "", 0, "" };

    /* The base in a folder of its own beside its practices file; the
     * file building on it one folder up. */
    write_base_in_folder("sub", "p1,north,600\np2,south,400\n", dir, base,
                         csv, sizeof dir);
    /* Named in the base: found beside the base. */
    write_named("beside.ini", "[scenario]\nbase = sub/base.ini\n", top,
                sizeof top);
    ck_assert_msg(cap_scenario_load(top, &sc, &d) == CAP_OK, "%s:%d: %s",
                  d.file, d.line, d.message);
    ck_assert_uint_eq(sc->n_practices, 2);
    ck_assert_str_eq(sc->practices_path, csv);
    /* A variant reads no file again: the base and the practices file
     * may go. */
    unlink(base);
    unlink(csv);
    ck_assert_int_eq(cap_scenario_variant(sc, NULL, 0, CAP_PLAN_KEEP, &v,
                                          &d), CAP_OK);
    ck_assert_uint_eq(v->n_practices, 2);
    cap_scenario_free(v);
    cap_scenario_free(sc);
    rmdir(dir);
    unlink(top);
}
END_TEST

START_TEST(data_path_named_over_a_base_is_the_file_s)
{
    char top[4096], csv[4096];
    cap_scenario *sc = NULL;
    cap_diag d = { "", 0, "" };

    /* quickstart.ini sits elsewhere; the practices file named by the
     * file building on it is beside that file. */
    write_named("people2.csv", "practice,locality,persons\np1,a,700\n", csv,
                sizeof csv);
    ck_assert_int_eq(load_on_quickstart("over.ini", "[population]\n"
                                        "persons =\nfile = people2.csv\n",
                                        &sc, &d, top, sizeof top),
                     CAP_OK);
    ck_assert_str_eq(sc->practices_path, csv);
    ck_assert_double_eq(cap_scenario_persons(sc), 700);
    cap_scenario_free(sc);
    unlink(csv);
    unlink(top);
}
END_TEST

START_TEST(redirects_reach_the_bases_and_their_data)
{
    char dir[4608], base[4608], csv[4608], top[4096];
    char stored[3][4096], sha[3][65];
    cap_input_redirect redirect[3];
    cap_scenario_source src[4];
    cap_scenario *sc = NULL;
    cap_diag d = { "", 0, "" };
    size_t n;
    FILE *fp;

    /* top -> kept/base.ini -> kept/people.csv, loaded once as they
     * are. */
    write_base_in_folder("kept", "p1,north,600\n", dir, base, csv,
                         sizeof dir);
    write_named("redirected.ini", "[scenario]\nbase = kept/base.ini\n", top,
                sizeof top);
    ck_assert_msg(cap_scenario_load(top, &sc, &d) == CAP_OK, "%s:%d: %s",
                  d.file, d.line, d.message);
    n = cap_scenario_sources(sc, src, 4);
    ck_assert_uint_eq(n, 3);
    /* Each file copied, as a results folder keeps it, and the original
     * removed: the load must read the copies. */
    for (size_t i = 0; i < n; i++) {
        char name[32];

        snprintf(name, sizeof name, "stored-%zu", i);
        write_named(name, "", stored[i], sizeof stored[i]);
        fp = fopen(stored[i], "wb");
        ck_assert_ptr_nonnull(fp);
        ck_assert_uint_eq(fwrite(src[i].bytes, 1, src[i].size, fp),
                          src[i].size);
        fclose(fp);
        memcpy(sha[i], src[i].sha256, sizeof sha[i]);
        redirect[i].recorded = src[i].path;
        redirect[i].stored = stored[i];
    }
    unlink(top);
    unlink(base);
    unlink(csv);
    rmdir(dir);
    {
        cap_scenario *again = NULL;
        cap_scenario_source src2[4];

        ck_assert_msg(cap_scenario_load_from(top, redirect, n, &again, &d)
                      == CAP_OK, "%s:%d: %s", d.file, d.line, d.message);
        ck_assert_double_eq(cap_scenario_persons(again), 600);
        ck_assert_uint_eq(cap_scenario_sources(again, src2, 4), 3);
        for (size_t i = 0; i < n; i++) {
            ck_assert_str_eq(src2[i].role, src[i].role);
            ck_assert_str_eq(src2[i].path, src[i].path);
            ck_assert_str_eq(src2[i].sha256, sha[i]);
        }
        cap_scenario_free(again);
    }
    cap_scenario_free(sc);
    for (size_t i = 0; i < n; i++)
        unlink(stored[i]);
}
END_TEST

START_TEST(expanded_text_loads_to_the_same_scenario)
{
    char path[4096], out[4608];
    cap_scenario *sc = NULL, *again = NULL;
    cap_diag d;
    FILE *fp;

    ck_assert_int_eq(load_on_quickstart("expand.ini",
                                        "years = 2\n[demand]\n"
                                        "trend = range(0.01, 0.05)\n",
                                        &sc, &d, path, sizeof path),
                     CAP_OK);
    snprintf(out, sizeof out, "%s/expanded.ini", test_tmp_dir());
    fp = fopen(out, "w");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(cap_scenario_expand(sc, fp), CAP_OK);
    fclose(fp);
    ck_assert_msg(cap_scenario_load(out, &again, &d) == CAP_OK, "%s:%d: %s",
                  d.file, d.line, d.message);
    ck_assert_int_eq(again->years, 2);
    ck_assert_int_eq(again->trials, sc->trials);
    ck_assert_uint_eq(again->n_inputs, 1);
    ck_assert_str_eq(again->inputs[0].name, "demand.trend");
    ck_assert_uint_eq(again->n_services, sc->n_services);
    ck_assert_uint_eq(again->n_options, sc->n_options);
    ck_assert_str_eq(again->description, sc->description);
    cap_scenario_free(again);
    cap_scenario_free(sc);
    unlink(out);
    unlink(path);
}
END_TEST

static Suite *
bases_suite(void)
{
    Suite *s = suite_create("bases");
    TCase *t = tcase_create("bases");

    tcase_add_test(t, keys_merged_nearer_file_wins);
    tcase_add_test(t, empty_value_removes_the_base_key);
    tcase_add_test(t, removing_a_required_key_is_refused);
    tcase_add_test(t, errors_name_the_file_that_wrote_the_key);
    tcase_add_test(t, sweep_values_named_at_the_sweep);
    tcase_add_test(t, eight_bases_deep_is_allowed);
    tcase_add_test(t, nine_bases_deep_is_refused);
    tcase_add_test(t, a_cycle_is_refused);
    tcase_add_test(t, a_missing_base_is_refused);
    tcase_add_test(t, a_folder_as_base_is_refused);
    tcase_add_test(t, data_path_beside_the_file_that_names_it);
    tcase_add_test(t, data_path_named_over_a_base_is_the_file_s);
    tcase_add_test(t, redirects_reach_the_bases_and_their_data);
    tcase_add_test(t, expanded_text_loads_to_the_same_scenario);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    return test_run(bases_suite());
}
