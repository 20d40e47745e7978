/* chart.c -- the plumbing every chart shares: a gnuplot session,
 * a chart's data gathered in memory and saved as plots/CHART.data,
 * the CSVs beside the images, and the redraw of a results folder.
 *
 * For each chart capsim computes the data (densities, shares), writes
 * it as CSV beside the images and as plots/CHART.data (a few variables
 * and inline datablocks), and sends gnuplot that data, checked, then
 * the terminal, the output file and "load" of the chart's template
 * from the templates folder.  A redraw sends the saved data the same
 * way: a results folder only ever gives gnuplot data (gnuplot.h).  A
 * pipe is one-way, so success is judged by gnuplot's exit status (it
 * exits non-zero on the first error when reading a script) and by the
 * images existing afterwards.  The charts themselves are drawn in
 * run_charts.c and study_charts.c.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output/plot.h"
#include "output/chart.h"
#include "output/gnuplot.h"
#include "capsim/ledger.h"
#include "base/money.h"

/* plots/charts.csv: each chart, its template and what it shows; a
 * folder from an earlier capsim has no caption column. */
#define CHARTS_HEADER "chart,template,caption"
#define CHARTS_HEADER_OLD "chart,template"

/* The largest chart data a redraw reads (capsim writes far less). */
#define CHART_DATA_MAX ((size_t) 64 << 20)

int
cap_plot_available(void)
{
    const char *g = cap_gnuplot_program();
    const char *path;
    char buf[4096];

    if (strchr(g, '/') != NULL)
        return access(g, X_OK) == 0;
    path = getenv("PATH");
    if (path == NULL)
        return 0;
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t) (colon - path) : strlen(path);

        snprintf(buf, sizeof buf, "%.*s/%s", (int) n, path, g);
        if (access(buf, X_OK) == 0)
            return 1;
        path += n + (colon ? 1 : 0);
    }
    return 0;
}

/* Remember a file written into the plots folder, and what it shows
 * (caption: a sentence for an image, else ""). */
static void
note_file_caption(plot_ctx *c, const char *name, const char *caption)
{
    if (c->files != NULL && c->files->n < CAP_PLOT_MAX_FILES) {
        snprintf(c->files->caption[c->files->n], sizeof c->files->caption[0],
                 "%s", caption);
        snprintf(c->files->name[c->files->n++], sizeof c->files->name[0],
                 "%s", name);
    }
}

static void
note_file(plot_ctx *c, const char *name)
{
    note_file_caption(c, name, "");
}

/* Remember the first failure of the charts: a file that could not be
 * written (named, with the system's reason) or bad data. */
static void
chart_fault(plot_ctx *c, int status, const char *file, const char *why)
{
    if (c->status != CAP_OK)
        return;
    c->status = cap_diag_set(&c->fault, status, "", 0, "cannot write "
                             "plots/%s: %s", file, why);
}

/* A text variable of a chart's data: NAME = 'VALUE'. */
void
cap_chart_put_text(FILE *f, const char *name, const char *value)
{
    fprintf(f, "%s = ", name);
    cap_gnuplot_quote(f, value);
    putc('\n', f);
}

/* An element of a text array: NAME[INDEX] = 'VALUE' (from 1). */
void
cap_chart_put_text_at(FILE *f, const char *name, size_t index,
                      const char *value)
{
    fprintf(f, "%s[%zu] = ", name, index);
    cap_gnuplot_quote(f, value);
    putc('\n', f);
}

/* A text field of a datablock line: "TEXT", any double quote in it
 * (which gnuplot cannot read inside one) written as a single quote. */
void
cap_chart_put_data_text(FILE *f, const char *s)
{
    putc('"', f);
    for (; *s; s++)
        putc(*s == '"' ? '\'' : (unsigned char) *s < 0x20 ? ' ' : *s, f);
    putc('"', f);
}

/* The palette of every chart (Okabe and Ito, "Color universal design",
 * 2008): eight colours that stay apart under the common colour vision
 * deficiencies and in greyscale print by their lightness.  Options take
 * them in this order; parties in their own order (so that the two
 * commonest parties, the commissioner and the first provider, are the
 * strongest pair); the whole system is always black.  Yellow comes
 * last: it is faint on white. */
static const char *const option_palette[] = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
    "#000000", "#F0E442"
};
static const char *const party_palette[] = {
    "#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
    "#F0E442"
};
#define N_OPTION_COLOURS (sizeof option_palette / sizeof option_palette[0])
#define N_PARTY_COLOURS (sizeof party_palette / sizeof party_palette[0])

const char *
cap_chart_option_colour(size_t option)
{
    return option_palette[option % N_OPTION_COLOURS];
}

const char *
cap_chart_party_colour(const cap_scenario *sc, size_t party)
{
    if (party >= cap_ledger_system(sc))
        return "#000000";
    return party_palette[party % N_PARTY_COLOURS];
}

char *
cap_chart_money_unit(const cap_scenario *sc, char *buf, size_t n)
{
    const char *sym = cap_currency_symbol(sc->currency);

    if (sym[0] == '\0')
        snprintf(buf, n, "millions");
    else if (isalpha((unsigned char) sym[0]))
        snprintf(buf, n, "%s m", sym);     /* a code: "CHF m" */
    else
        snprintf(buf, n, "%sm", sym);
    return buf;
}

/* Append the identifier id to buf (of size n, holding len bytes) in
 * words: '_' as a space. */
static size_t
append_words(char *buf, size_t n, size_t len, const char *id)
{
    for (; *id && len + 1 < n; id++)
        buf[len++] = *id == '_' ? ' ' : *id;
    buf[len] = '\0';
    return len;
}

char *
cap_chart_key_label(const cap_scenario *sc, const char *section,
                    const char *key, char *buf, size_t n)
{
    const char *label = cap_scenario_label(sc, section);
    const char *dot = strchr(section, '.');
    size_t len;

    if (n == 0)
        return buf;
    if (label != NULL) {
        snprintf(buf, n, "%s", label);
        len = strlen(buf);
    } else {
        /* [contract.acute_cap] is "Acute cap"; [demand] is "Demand". */
        len = append_words(buf, n, 0, dot ? dot + 1 : section);
        buf[0] = (char) toupper((unsigned char) buf[0]);
    }
    if (len + 2 < n) {
        memcpy(buf + len, ": ", 3);
        len += 2;
    }
    append_words(buf, n, len, key);
    return buf;
}

void
cap_chart_caption(plot_ctx *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->caption, sizeof c->caption, fmt, ap);
    va_end(ap);
}

/* Whether a chart or template name is a plain file name: printable, no
 * '/', '\\' or quote, not starting with '.'. */
static int
plain_name(const char *s)
{
    if (s[0] == '\0' || s[0] == '.')
        return 0;
    for (; *s; s++)
        if ((unsigned char) *s < 0x20 || *s == 0x7f || *s == '/'
            || *s == '\\' || *s == '\'' || *s == '"')
            return 0;
    return 1;
}

/* Send a chart's data to gnuplot and draw it from its template (a
 * plain name in the templates folder).  The same call redraws a
 * results folder (cap_plot_redraw), so a chart is always drawn from
 * data that has passed cap_gnuplot_send_data's check. */
static int
draw(plot_ctx *c, const char *stem, const char *template,
     const char *data, size_t n, const char *data_name, cap_diag *diag)
{
    char path[2 * PATH_MAX];
    int status;

    if (!plain_name(stem) || !plain_name(template))
        return cap_diag_set(diag, CAP_EINPUT, data_name, 0, "not a plain "
                            "chart or template name");
    snprintf(path, sizeof path, "%s/%s", c->templates, template);
    if (access(path, R_OK) != 0)
        return cap_diag_set(diag, CAP_EINPUT, data_name, 0, "no chart "
                            "template %s in %s", template, c->templates);
    status = cap_gnuplot_send_data(&c->session, data, n, data_name, diag);
    if (status == CAP_OK)
        cap_gnuplot_draw(&c->session, c->dir, stem, path);
    return status;
}

/* Begin chart stem: until cap_chart_end(), its variables and datablocks go
 * to memory, then to plots/STEM.data and to gnuplot. */
void
cap_chart_begin(plot_ctx *c, const char *stem)
{
    snprintf(c->stem, sizeof c->stem, "%s", stem);
    c->caption[0] = '\0';
    c->data = NULL;
    c->data_len = 0;
    c->gp = open_memstream(&c->data, &c->data_len);
    if (c->gp == NULL) {
        chart_fault(c, CAP_ENOMEM, stem, "out of memory");
        c->gp = fopen("/dev/null", "w");
    }
}

/* Write bytes to the file name in the plots folder, or record why not. */
static void
save_file(plot_ctx *c, const char *name, const char *bytes, size_t n,
          const char *mode)
{
    char path[2 * PATH_MAX];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    f = fopen(path, mode);
    if (f == NULL) {
        chart_fault(c, CAP_EIO, name, strerror(errno));
        return;
    }
    if (fwrite(bytes, 1, n, f) != n) {
        chart_fault(c, CAP_EIO, name, strerror(errno));
        fclose(f);
        return;
    }
    if (fclose(f) != 0)
        chart_fault(c, CAP_EIO, name, strerror(errno));
}

/* End the chart: save its data as plots/STEM.data, draw it from
 * template, and list it in plots/charts.csv so that it can be
 * redrawn. */
void
cap_chart_end(plot_ctx *c, const char *template)
{
    char name[CAP_PLOT_NAME], line[2 * CAP_PLOT_NAME + 2 * CAP_PLOT_CAPTION];
    char path[PATH_MAX + 16];
    size_t len;

    if (c->gp == NULL)
        return;
    fclose(c->gp);            /* a memory stream: sets data, data_len */
    c->gp = NULL;
    snprintf(path, sizeof path, "%s/charts.csv", c->dir);
    if (access(path, F_OK) != 0) {
        save_file(c, "charts.csv", CHARTS_HEADER "\n",
                  strlen(CHARTS_HEADER) + 1, "w");
        note_file(c, "charts.csv");
    }
    snprintf(name, sizeof name, "%s.data", c->stem);
    if (c->data != NULL) {
        save_file(c, name, c->data, c->data_len, "w");
        note_file(c, name);
        if (c->status == CAP_OK)
            c->status = draw(c, c->stem, template, c->data, c->data_len,
                             name, &c->fault);
    }
    free(c->data);
    c->data = NULL;
    /* The caption is a quoted CSV field, its quotes doubled and any
     * control character (which none should hold) a space. */
    len = (size_t) snprintf(line, sizeof line, "%s,%s,\"", c->stem,
                            template);
    for (const char *s = c->caption; *s && len + 4 < sizeof line; s++) {
        if (*s == '"')
            line[len++] = '"';
        line[len++] = (unsigned char) *s < 0x20 ? ' ' : *s;
    }
    memcpy(line + len, "\"\n", 3);
    save_file(c, "charts.csv", line, strlen(line), "a");
    snprintf(name, sizeof name, "%s.png", c->stem);
    note_file_caption(c, name, c->caption);
    snprintf(name, sizeof name, "%s.svg", c->stem);
    note_file_caption(c, name, c->caption);
}

/* Start gnuplot for charts of sc into dir, with the templates in the
 * folder templates. */
int
cap_chart_open(plot_ctx *c, const char *dir, const char *templates,
               const cap_scenario *sc, const cap_outcomes *o,
               cap_plot_files *files, cap_diag *diag)
{
    int status;

    memset(c, 0, sizeof *c);
    c->sc = sc;
    c->o = o;
    c->files = files;
    status = cap_gnuplot_path(dir, c->dir, sizeof c->dir, diag);
    if (status == CAP_OK)
        status = cap_gnuplot_path(templates, c->templates,
                                  sizeof c->templates, diag);
    if (status == CAP_OK)
        status = cap_gnuplot_open(&c->session, diag);
    c->open = status == CAP_OK;
    return status;
}

/* Close gnuplot; the first failure wins: the caller's, then a chart's
 * (a file that could not be written comes before gnuplot's complaint
 * about it), then gnuplot's. */
int
cap_chart_close(plot_ctx *c, int status, cap_diag *diag)
{
    if (status == CAP_OK && c->status != CAP_OK) {
        *diag = c->fault;
        status = c->status;
    }
    if (c->open)
        status = cap_gnuplot_close(&c->session, status, diag);
    c->open = 0;
    return status;
}

/* The names and colours every template may use, from the scenario. */
void
cap_chart_names(plot_ctx *c)
{
    const cap_scenario *sc = c->sc;
    const char *title = cap_scenario_label(sc, "scenario");
    size_t np = cap_ledger_parties(sc);
    char unit[32];

    cap_chart_put_text(c->gp, "scenario", title ? title : sc->name);
    cap_chart_put_text(c->gp, "money", cap_chart_money_unit(sc, unit,
                                                            sizeof unit));
    fprintf(c->gp, "noptions = %zu\narray option_names[%zu]\n"
            "array option_colours[%zu]\n", sc->n_options, sc->n_options,
            sc->n_options);
    for (size_t opt = 0; opt < sc->n_options; opt++) {
        cap_chart_put_text_at(c->gp, "option_names", opt + 1,
                              cap_scenario_option_label(sc, opt));
        cap_chart_put_text_at(c->gp, "option_colours", opt + 1,
                              cap_chart_option_colour(opt));
    }
    fprintf(c->gp, "nparties = %zu\narray party_names[%zu]\n"
            "array party_colours[%zu]\n", np, np, np);
    for (size_t p = 0; p < np; p++) {
        cap_chart_put_text_at(c->gp, "party_names", p + 1,
                              cap_ledger_party_label(sc, p));
        cap_chart_put_text_at(c->gp, "party_colours", p + 1,
                              cap_chart_party_colour(sc, p));
    }
}

/* The variables every run chart's template may use. */
void
cap_chart_common_variables(plot_ctx *c)
{
    cap_chart_names(c);
    fprintf(c->gp, "years = %d\ntrials = %zu\n", c->o->years,
            c->o->trials);
}

/* Open a CSV in the plots folder and write its header. */
FILE *
cap_chart_open_csv(plot_ctx *c, const char *name, const char *header)
{
    char path[2 * PATH_MAX];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    f = fopen(path, "w");
    if (f != NULL) {
        fputs(header, f);
        note_file(c, name);
    }
    return f;
}

/* A CSV of the plots folder that could not be written: its name, and
 * the system's reason (errno as the failing call left it). */
int
cap_chart_csv_fault(const char *name, cap_diag *diag)
{
    return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write plots/%s: %s",
                        name, strerror(errno));
}

/* Close a chart's CSV (NULL: never opened), reporting a failure to
 * write it when nothing failed before.  Returns the status. */
int
cap_chart_close_csv(FILE *csv, const char *name, int status,
                    cap_diag *diag)
{
    if (csv != NULL && fclose(csv) != 0 && status == CAP_OK)
        status = cap_chart_csv_fault(name, diag);
    return status;
}

/* Read the regular file path, of at most max bytes, into a new buffer
 * (*bytes, which the caller frees; NUL-terminated).  A FIFO, a device
 * or a folder is refused without blocking.  Returns CAP_OK, CAP_EINPUT
 * (not a regular file, too large), CAP_EIO or CAP_ENOMEM, with diag. */
static int
read_data_file(const char *path, size_t max, char **bytes, size_t *n,
               cap_diag *diag)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    char *buf;
    size_t got = 0;

    *bytes = NULL;
    *n = 0;
    if (fd < 0)
        return cap_diag_set(diag, errno == ENOENT ? CAP_EINPUT : CAP_EIO,
                            path, 0, "%s", strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return cap_diag_set(diag, CAP_EINPUT, path, 0, "not a regular "
                            "file");
    }
    if ((uintmax_t) st.st_size > max) {
        close(fd);
        return cap_diag_set(diag, CAP_EINPUT, path, 0, "larger than "
                            "capsim writes (%zu bytes at most)", max);
    }
    buf = malloc((size_t) st.st_size + 1);
    if (buf == NULL) {
        close(fd);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    while (got < (size_t) st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t) st.st_size - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t) r;
    }
    close(fd);
    buf[got] = '\0';
    *bytes = buf;
    *n = got;
    return CAP_OK;
}

/* One chart of a results folder to redraw. */
typedef struct {
    char stem[CAP_PLOT_NAME];
    char template[CAP_PLOT_NAME];
    char *data;
    size_t n;
} saved_chart;

/* Cut the caption from a line of charts.csv, "chart,template,CAPTION"
 * with CAPTION a quoted CSV field.  Returns 1 with line ending at the
 * template, or 0 when the line does not end in one such field. */
static int
drop_caption(char *line)
{
    char *q = strchr(line, '"');
    const char *s;

    if (q == NULL || q == line || q[-1] != ',')
        return 0;
    for (s = q + 1; *s; s++)
        if (*s == '"') {
            if (s[1] != '"')
                break;
            s++;
        }
    if (*s != '"' || s[1] != '\0')
        return 0;
    q[-1] = '\0';
    return 1;
}

/* Parse plots/charts.csv (bytes, named path) into charts, each with its
 * data read and checked; and check that the images a redraw replaces
 * are regular files or absent (never a link to a file elsewhere). */
static int
read_charts(const char *dir, const char *path, char *list,
            saved_chart **charts, size_t *n, cap_diag *diag)
{
    char *line = list, *next;
    int status = CAP_OK;

    *charts = NULL;
    *n = 0;
    for (int ln = 1; status == CAP_OK && *line; ln++, line = next) {
        char *comma, file[2 * PATH_MAX];
        saved_chart *ch, *grown;
        struct stat st;
        size_t len;

        next = strchr(line, '\n');
        if (next == NULL)
            return cap_diag_set(diag, CAP_EINPUT, path, ln, "the last line "
                                "has no end");
        *next++ = '\0';
        if (ln == 1) {
            /* An earlier capsim's chart data lacks the names and colours
             * today's templates draw with: say so, rather than let
             * gnuplot fail on an undefined variable. */
            if (strcmp(line, CHARTS_HEADER_OLD) == 0)
                return cap_diag_set(diag, CAP_EINPUT, path, ln, "charts "
                                    "saved by an earlier capsim, without "
                                    "the colours and labels the current "
                                    "templates use; run the scenario "
                                    "again to draw them");
            if (strcmp(line, CHARTS_HEADER) != 0)
                return cap_diag_set(diag, CAP_EINPUT, path, ln, "expected "
                                    "the header '" CHARTS_HEADER "'");
            continue;
        }
        /* The caption is only read by people: a redraw checks that it is
         * one quoted field and drops it. */
        if (!drop_caption(line))
            return cap_diag_set(diag, CAP_EINPUT, path, ln, "expected "
                                "'chart,template,\"caption\"'");
        /* Names come from capsim, but the file may have been edited:
         * nothing that could leave the folder or break the quoting. */
        comma = strchr(line, ',');
        len = strlen(line);
        if (comma == NULL || strchr(comma + 1, ',') != NULL
            || len < 4 || strcmp(line + len - 3, ".gp") != 0
            || (size_t) (comma - line) >= CAP_PLOT_NAME - 8
            || len - (size_t) (comma - line) >= CAP_PLOT_NAME)
            return cap_diag_set(diag, CAP_EINPUT, path, ln, "expected "
                                "'chart,template' of plain names");
        *comma = '\0';
        if (!plain_name(line) || !plain_name(comma + 1))
            return cap_diag_set(diag, CAP_EINPUT, path, ln, "expected "
                                "'chart,template' of plain names");
        grown = realloc(*charts, (*n + 1) * sizeof *grown);
        if (grown == NULL)
            return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
        *charts = grown;
        ch = &grown[(*n)++];
        memset(ch, 0, sizeof *ch);
        snprintf(ch->stem, sizeof ch->stem, "%s", line);
        snprintf(ch->template, sizeof ch->template, "%s", comma + 1);
        for (int k = 0; k < 2 && status == CAP_OK; k++) {
            snprintf(file, sizeof file, "%s/%s.%s", dir, ch->stem,
                     k ? "svg" : "png");
            if (lstat(file, &st) == 0 && !S_ISREG(st.st_mode))
                status = cap_diag_set(diag, CAP_EINPUT, file, 0, "not a "
                                      "regular file; a redraw replaces "
                                      "only the images capsim drew");
        }
        snprintf(file, sizeof file, "%s/%s.data", dir, ch->stem);
        if (status == CAP_OK)
            status = read_data_file(file, CHART_DATA_MAX, &ch->data,
                                    &ch->n, diag);
        if (status == CAP_OK)
            status = cap_gnuplot_send_data(NULL, ch->data, ch->n, file,
                                           diag);
    }
    return status;
}

int
cap_plot_redraw(const char *results_dir, const char *templates,
                size_t *charts, cap_diag *diag)
{
    char dir[PATH_MAX], path[PATH_MAX + 16];
    char *list = NULL;
    size_t n_list, n = 0;
    saved_chart *ch = NULL;
    plot_ctx c;
    int status;

    memset(&c, 0, sizeof c);
    *charts = 0;
    snprintf(dir, sizeof dir, "%s/plots", results_dir);
    snprintf(path, sizeof path, "%s/charts.csv", dir);
    status = read_data_file(path, CHART_DATA_MAX, &list, &n_list, diag);
    if (status == CAP_OK && strlen(list) != n_list)
        status = cap_diag_set(diag, CAP_EINPUT, path, 0, "NUL byte");
    /* Every chart's data is read and checked before gnuplot starts, so
     * a folder with one bad file redraws nothing. */
    if (status == CAP_OK)
        status = read_charts(dir, path, list, &ch, &n, diag);
    if (status == CAP_OK)
        status = cap_chart_open(&c, dir, templates, NULL, NULL, NULL, diag);
    for (size_t k = 0; k < n && status == CAP_OK; k++) {
        char name[CAP_PLOT_NAME + 8];

        snprintf(name, sizeof name, "%s.data", ch[k].stem);
        status = draw(&c, ch[k].stem, ch[k].template, ch[k].data,
                      ch[k].n, name, diag);
        if (status == CAP_OK)
            (*charts)++;
    }
    if (c.open)
        status = cap_chart_close(&c, status, diag);
    for (size_t k = 0; k < n; k++)
        free(ch[k].data);
    free(ch);
    free(list);
    return status;
}

void
cap_chart_density_grid(double lo, double hi, double *g, int n)
{
    double pad = (hi - lo) * 0.08 + 1e-3 * (fabs(lo) + fabs(hi)) + 1.0;

    lo -= pad;
    hi += pad;
    for (int k = 0; k < n; k++)
        g[k] = lo + (hi - lo) * k / (n - 1);
}
