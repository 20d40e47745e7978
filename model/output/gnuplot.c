/* gnuplot.c -- a gnuplot process that is given data, never commands
 * from outside capsim (the rules are in gnuplot.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "output/gnuplot.h"
#include "base/parse.h"

extern char **environ;

const char *
cap_gnuplot_program(void)
{
    const char *env = getenv("CAPSIM_GNUPLOT");

    return env && env[0] ? env : GNUPLOT_PATH;
}

int
cap_gnuplot_open(cap_gnuplot *g, cap_diag *diag)
{
    int fd[2];
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t block, pending, none, defaults;
    char *argv[2];
    int rc;

    memset(g, 0, sizeof *g);
    g->pid = -1;
    /* Block SIGPIPE in this thread for the session (and remember whether
     * one was pending already, so that close consumes only ours). */
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, &g->old_mask);
    sigpending(&pending);
    g->sigpipe_was_pending = sigismember(&pending, SIGPIPE) == 1;
    g->messages = tmpfile();
    if (g->messages == NULL) {
        int e = errno;

        pthread_sigmask(SIG_SETMASK, &g->old_mask, NULL);
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot start %s: "
                            "no temporary file for its messages: %s",
                            cap_gnuplot_program(), strerror(e));
    }
    if (pipe(fd) != 0) {
        int e = errno;

        fclose(g->messages);
        g->messages = NULL;
        pthread_sigmask(SIG_SETMASK, &g->old_mask, NULL);
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot start %s: %s",
                            cap_gnuplot_program(), strerror(e));
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(g->messages),
                                     STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(g->messages),
                                     STDERR_FILENO);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    /* gnuplot starts with no signal blocked and the usual actions for
     * those capsim blocks or ignores while it runs; but SIGINT and
     * SIGHUP stay ignored when capsim was started with them ignored
     * (nohup, a background job). */
    posix_spawnattr_init(&attr);
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGXFSZ);
    {
        static const int inherited[] = { SIGINT, SIGHUP };

        for (size_t i = 0; i < 2; i++) {
            struct sigaction now;

            if (sigaction(inherited[i], NULL, &now) != 0
                || now.sa_handler != SIG_IGN)
                sigaddset(&defaults, inherited[i]);
        }
    }
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK
                                    | POSIX_SPAWN_SETSIGDEF);
    argv[0] = (char *) cap_gnuplot_program();
    argv[1] = NULL;
    /* No shell: the program's name is a program, not a command line. */
    rc = posix_spawnp(&g->pid, argv[0], &fa, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[0]);
    if (rc != 0) {
        close(fd[1]);
        g->pid = -1;
        fclose(g->messages);
        g->messages = NULL;
        pthread_sigmask(SIG_SETMASK, &g->old_mask, NULL);
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot start %s: %s",
                            argv[0], strerror(rc));
    }
    g->in = fdopen(fd[1], "w");
    if (g->in == NULL) {
        close(fd[1]);
        return cap_gnuplot_close(g, cap_diag_set(diag, CAP_EPLOT, "", 0,
                                                 "cannot write to %s",
                                                 argv[0]), diag);
    }
    return CAP_OK;
}

/* The first line gnuplot wrote that names a fault (one with "line N:"
 * or "error"), else its first non-blank line, into out; and how many
 * non-blank lines it wrote.  Blank-padded lines are trimmed. */
static size_t
first_message(FILE *f, char *out, size_t n)
{
    char line[512];
    size_t lines = 0;
    int best = 0;             /* 2: names a fault; 1: any line */

    out[0] = '\0';
    if (f == NULL || fseek(f, 0, SEEK_SET) != 0)
        return 0;
    while (fgets(line, sizeof line, f) != NULL) {
        char *s = line, *e;
        int rank;

        while (*s && isspace((unsigned char) *s))
            s++;
        e = s + strlen(s);
        while (e > s && isspace((unsigned char) e[-1]))
            *--e = '\0';
        /* gnuplot points at the fault with a line of spaces and '^'. */
        if (*s == '\0' || strcmp(s, "^") == 0)
            continue;
        lines++;
        rank = strstr(s, " line ") || strstr(s, "rror") ? 2 : 1;
        if (rank > best) {
            best = rank;
            snprintf(out, n, "%s", s);
        }
    }
    return lines;
}

int
cap_gnuplot_close(cap_gnuplot *g, int status, cap_diag *diag)
{
    int rc = 0, write_failed = 0;
    sigset_t pending;

    if (g->in != NULL) {
        write_failed = fclose(g->in) != 0;
        g->in = NULL;
    }
    if (g->pid > 0) {
        while (waitpid(g->pid, &rc, 0) < 0 && errno == EINTR)
            ;
        g->pid = -1;
        if (status == CAP_OK && (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0
                                 || write_failed)) {
            char first[400];
            size_t more = first_message(g->messages, first, sizeof first);

            if (first[0])
                status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot "
                                      "failed: %s%s", first, more > 1
                                      ? " (and more messages)" : "");
            else if (WIFSIGNALED(rc))
                status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot "
                                      "was killed by signal %d",
                                      WTERMSIG(rc));
            else
                status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot "
                                      "failed (exit status %d)",
                                      WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
        }
    }
    if (g->messages != NULL) {
        fclose(g->messages);
        g->messages = NULL;
    }
    /* Consume a SIGPIPE raised by writing to a gnuplot that had died,
     * then give the caller back its mask. */
    sigpending(&pending);
    if (!g->sigpipe_was_pending && sigismember(&pending, SIGPIPE) == 1) {
        sigset_t only;
        struct timespec zero = { 0, 0 };

        sigemptyset(&only);
        sigaddset(&only, SIGPIPE);
        sigtimedwait(&only, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &g->old_mask, NULL);
    return status;
}

void
cap_gnuplot_quote(FILE *f, const char *s)
{
    putc('\'', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char) *s;

        if (ch == '\'')
            fputs("''", f);
        else
            putc(ch < 0x20 || ch == 0x7f ? '?' : ch, f);
    }
    putc('\'', f);
}

int
cap_gnuplot_path(const char *path, char *out, size_t n, cap_diag *diag)
{
    char *real;

    if (cap_has_control(path))
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "a path with a "
                            "control character cannot be given to "
                            "gnuplot");
    real = realpath(path, NULL);
    if (real == NULL)
        return cap_diag_set(diag, CAP_EIO, path, 0, "%s", strerror(errno));
    if (strlen(real) >= n || cap_has_control(real) || real[0] != '/') {
        free(real);
        return cap_diag_set(diag, CAP_EIO, path, 0, "cannot give this "
                            "path to gnuplot (too long, or a control "
                            "character)");
    }
    memcpy(out, real, strlen(real) + 1);
    free(real);
    return CAP_OK;
}

/* The data grammar, one line at a time.  Each scanner takes *p at the
 * start of a token and returns 1 with *p past it, or 0. */

static int
scan_name(const char **p)
{
    const char *s = *p;

    if (!(isalpha((unsigned char) *s) || *s == '_'))
        return 0;
    while (isalnum((unsigned char) *s) || *s == '_')
        s++;
    *p = s;
    return 1;
}

static int
scan_digits(const char **p)
{
    const char *s = *p;

    while (isdigit((unsigned char) *s))
        s++;
    if (s == *p)
        return 0;
    *p = s;
    return 1;
}

/* A decimal number: [-]digits[.digits][e[+-]digits], or [-].digits...;
 * or NaN.  No hex, no inf, nothing gnuplot would read as a name. */
static int
scan_number(const char **p)
{
    const char *s = *p;
    int mantissa = 0;

    if (strncmp(s, "NaN", 3) == 0) {
        *p = s + 3;
        return 1;
    }
    if (*s == '-')
        s++;
    mantissa |= scan_digits(&s);
    if (*s == '.') {
        s++;
        mantissa |= scan_digits(&s);
    }
    if (!mantissa)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!scan_digits(&s))
            return 0;
    }
    *p = s;
    return 1;
}

/* 'TEXT' with quotes doubled and no control character. */
static int
scan_text(const char **p)
{
    const char *s = *p;

    if (*s++ != '\'')
        return 0;
    for (;;) {
        if (*s == '\0' || (unsigned char) *s < 0x20 || *s == 0x7f)
            return 0;
        if (*s == '\'') {
            if (s[1] != '\'')
                break;
            s++;
        }
        s++;
    }
    *p = s + 1;
    return 1;
}

static int
scan_literal(const char **p, const char *lit)
{
    size_t n = strlen(lit);

    if (strncmp(*p, lit, n) != 0)
        return 0;
    *p += n;
    return 1;
}

/* NAME or NAME[INDEX], then " = ", then a number or a text. */
static int
is_assignment(const char *s)
{
    if (!scan_name(&s))
        return 0;
    if (*s == '[' && !(s++, scan_digits(&s) && scan_literal(&s, "]")))
        return 0;
    if (!scan_literal(&s, " = "))
        return 0;
    if (!(scan_number(&s) || scan_text(&s)))
        return 0;
    return *s == '\0';
}

static int
is_array(const char *s)
{
    return scan_literal(&s, "array ") && scan_name(&s)
           && scan_literal(&s, "[") && scan_digits(&s)
           && scan_literal(&s, "]") && *s == '\0';
}

static int
is_block_start(const char *s)
{
    return scan_literal(&s, "$") && scan_name(&s)
           && scan_literal(&s, " << EOD") && *s == '\0';
}

/* A data line: printable text (UTF-8 names allowed), not the end. */
static int
is_block_line(const char *s)
{
    if (strcmp(s, "EOD") == 0)
        return 0;
    return !cap_has_control(s);
}

int
cap_gnuplot_send_data(cap_gnuplot *g, const char *data, size_t n,
                      const char *name, cap_diag *diag)
{
    const char *at = data, *end = data + n;
    int line = 0, in_block = 0, block_line = 0;
    char buf[4096];

    /* Check everything first: nothing is sent from a file with a fault. */
    while (at < end) {
        const char *nl = memchr(at, '\n', (size_t) (end - at));
        size_t len = nl ? (size_t) (nl - at) : (size_t) (end - at);
        int ok;

        line++;
        if (nl == NULL)
            return cap_diag_set(diag, CAP_EINPUT, name, line, "the last "
                                "line has no end");
        if (len >= sizeof buf)
            return cap_diag_set(diag, CAP_EINPUT, name, line, "line too "
                                "long for chart data");
        memcpy(buf, at, len);
        buf[len] = '\0';
        if (memchr(buf, '\0', len) != NULL)
            return cap_diag_set(diag, CAP_EINPUT, name, line, "NUL byte");
        if (in_block) {
            if (strcmp(buf, "EOD") == 0)
                in_block = 0;
            ok = !in_block || is_block_line(buf);
        } else if (is_block_start(buf)) {
            in_block = 1;
            block_line = line;
            ok = 1;
        } else {
            ok = buf[0] == '\0' || is_assignment(buf) || is_array(buf);
        }
        if (!ok)
            return cap_diag_set(diag, CAP_EINPUT, name, line, "not chart "
                                "data (a variable, an array or a data "
                                "block as capsim writes them)");
        at = nl + 1;
    }
    if (in_block)
        return cap_diag_set(diag, CAP_EINPUT, name, block_line, "data "
                            "block not ended by EOD");
    if (g != NULL)
        fwrite(data, 1, n, g->in);
    return CAP_OK;
}

void
cap_gnuplot_draw(cap_gnuplot *g, const char *dir, const char *stem,
                 const char *template_path)
{
    /* Both images from one data: reset forgets the previous template's
     * settings and keeps variables and data blocks. */
    for (int svg = 0; svg <= 1; svg++) {
        char out[PATH_MAX + 128];

        fputs("reset\n", g->in);
        if (svg)
            fputs("set terminal svg size 960,600 dynamic enhanced "
                  "font 'Sans,12' background rgb 'white'\n", g->in);
        else
            fputs("set terminal pngcairo size 960,600 enhanced "
                  "font 'Sans,11'\n", g->in);
        snprintf(out, sizeof out, "%s/%s.%s", dir, stem,
                 svg ? "svg" : "png");
        fputs("set output ", g->in);
        cap_gnuplot_quote(g->in, out);
        fputs("\nload ", g->in);
        cap_gnuplot_quote(g->in, template_path);
        fputs("\nunset output\n", g->in);
    }
}
