/* gnuplot.h -- a gnuplot process that is given data, never commands
 * from outside capsim.
 *
 * gnuplot is a programming language: it runs shell commands through
 * system(), backquotes, "load '<cmd'" and "set output '|cmd'".  A results
 * folder may be shared, edited and redrawn by someone else, so nothing
 * read from it, and no path or name a user chose, may reach gnuplot as
 * code.  The rules kept here:
 *
 *   - gnuplot is started without a shell; its messages go to an unlinked
 *     temporary file and are summarised in one line on failure;
 *   - every path given to gnuplot is absolute (so never starts with '<'
 *     or '|'), has no control characters, and is written as a
 *     single-quoted string, in which gnuplot expands nothing;
 *   - every name is a single-quoted string with quotes doubled;
 *   - a chart's data (plots/CHART.data) is checked line by line against
 *     the small grammar capsim writes (cap_gnuplot_send_data) before it
 *     is passed on, at the first drawing and at every redraw.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAP_GNUPLOT_H
#define CAP_GNUPLOT_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include "capsim/error.h"

typedef struct {
    FILE *in;                 /* gnuplot's standard input */
    FILE *messages;           /* its stdout and stderr (unlinked file) */
    pid_t pid;
    sigset_t old_mask;        /* the caller's signal mask, restored */
    int sigpipe_was_pending;
} cap_gnuplot;

/* The gnuplot program: $CAPSIM_GNUPLOT, else the one configure found.
 * Never NULL. */
const char *cap_gnuplot_program(void);

/* Start gnuplot.  While the session is open, SIGPIPE is blocked in the
 * calling thread, so a gnuplot that dies early shows as a write error
 * rather than killing capsim.  Returns CAP_OK, or CAP_EPLOT with diag
 * set when it cannot be started (g is then closed). */
int cap_gnuplot_open(cap_gnuplot *g, cap_diag *diag);

/* Finish the session: close gnuplot's input, wait for it and restore
 * the signal mask.  Returns status when it is not CAP_OK (the caller's
 * earlier failure wins); else CAP_EPLOT with diag set to one line (the
 * first message gnuplot gave, and how many more) when gnuplot failed;
 * else CAP_OK.  Accepts a session that failed to open. */
int cap_gnuplot_close(cap_gnuplot *g, int status, cap_diag *diag);

/* Write s to f as a gnuplot single-quoted string: quotes doubled, and
 * any control character (which no name may hold) as '?'. */
void cap_gnuplot_quote(FILE *f, const char *s);

/* Resolve path (which must exist) to an absolute path with no symbolic
 * links into out[0..n).  Returns CAP_OK; CAP_EIO when it cannot be
 * resolved or is too long; CAP_EINPUT when it holds a control
 * character.  diag names the path. */
int cap_gnuplot_path(const char *path, char *out, size_t n, cap_diag *diag);

/* Check a chart's data, data[0..n) read from the file `name` (for
 * messages), and send it to gnuplot.  Accepted lines, and nothing else:
 *
 *     NAME = NUMBER            NAME = 'TEXT'
 *     array NAME[COUNT]        NAME[INDEX] = NUMBER | 'TEXT'
 *     $NAME << EOD             (then data lines, then) EOD
 *     an empty line
 *
 * NAME is letters, digits and '_' (not first a digit); NUMBER a decimal
 * number or NaN; TEXT has its quotes doubled; a data line is printable
 * text.  Returns CAP_OK, or CAP_EINPUT with diag set to name:LINE and
 * the fault, having sent nothing.  With g NULL, only checks. */
int cap_gnuplot_send_data(cap_gnuplot *g, const char *data, size_t n,
                          const char *name, cap_diag *diag);

/* Draw one chart as STEM.png and STEM.svg in the folder dir (absolute,
 * from cap_gnuplot_path) with the template at template_path (likewise),
 * after its data was sent.  gnuplot's failures show at close. */
void cap_gnuplot_draw(cap_gnuplot *g, const char *dir, const char *stem,
                      const char *template_path);

#endif /* CAP_GNUPLOT_H */
