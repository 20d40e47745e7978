/* plot.c -- charts of a run, drawn by gnuplot through a pipe.
 *
 * For each chart capsim computes the data (densities, shares), writes
 * it as CSV beside the images and as plots/CHART.data (a few variables
 * and inline datablocks), and sends gnuplot that data, checked, then
 * the terminal, the output file and "load" of the chart's template
 * from the templates folder.  A redraw sends the saved data the same
 * way: a results folder only ever gives gnuplot data (gnuplot.h).  A
 * pipe is one-way, so success is judged by gnuplot's exit status (it
 * exits non-zero on the first error when reading a script) and by the
 * images existing afterwards.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output/plot.h"
#include "capsim/ledger.h"
#include "capsim/output.h"
#include "capsim/study.h"
#include "capsim/stats.h"
#include <gsl/gsl_sort.h>
#include "base/csv_write.h"
#include "output/gnuplot.h"

#define GRID 200              /* points of each density curve */
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

/* Gaussian kernel density of x[0..n) at grid points g, Silverman's
 * rule-of-thumb bandwidth 0.9 min(sd, IQR/1.34) n^(-1/5).  A sample
 * with no spread (a fixed payment) gets a narrow spike of width
 * `floor_width` so that it still shows. */
static void
density(const double *x, size_t n, double *sorted, const double *g,
        double *dens, double floor_width)
{
    cap_summary s;
    double iqr, spread, h;

    cap_stats_summarise(x, n, sorted, &s);
    iqr = (s.quantile[4].value - s.quantile[2].value) / 1.34;
    spread = iqr > 0.0 && iqr < s.sd.value ? iqr : s.sd.value;
    h = 0.9 * spread * pow((double) n, -0.2);
    if (!(h > floor_width))
        h = floor_width;
    for (int k = 0; k < GRID; k++) {
        double sum = 0.0;

        for (size_t i = 0; i < n; i++) {
            double z = (g[k] - sorted[i]) / h;

            if (fabs(z) < 8.0)
                sum += exp(-0.5 * z * z);
        }
        dens[k] = sum / ((double) n * h * sqrt(2.0 * M_PI));
    }
}

/* Everything a chart needs: gnuplot, where to write, the run and its
 * horizon summary, two scratch arrays of o->trials doubles, and the
 * list of files written. */
typedef struct {
    FILE *gp;                 /* the chart's data, between chart_begin
                                 and chart_end (a memory stream) */
    char *data;               /* its bytes, owned by the stream */
    size_t data_len;
    cap_gnuplot session;
    int open;                 /* session started */
    int status;               /* the first failure of a chart */
    cap_diag fault;           /* and its diagnostic */
    char stem[CAP_PLOT_NAME - 8]; /* room for ".data" */
    char dir[PATH_MAX];       /* absolute: see gnuplot.h */
    char templates[PATH_MAX];
    const cap_scenario *sc;
    const cap_outcomes *o;
    const cap_horizon *h;
    double *x, *w;
    cap_plot_files *files;
} plot_ctx;

/* Remember a file written into the plots folder. */
static void
note_file(plot_ctx *c, const char *name)
{
    if (c->files->n < CAP_PLOT_MAX_FILES)
        snprintf(c->files->name[c->files->n++], sizeof c->files->name[0],
                 "%s", name);
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
static void
put_text(FILE *f, const char *name, const char *value)
{
    fprintf(f, "%s = ", name);
    cap_gnuplot_quote(f, value);
    putc('\n', f);
}

/* An element of a text array: NAME[INDEX] = 'VALUE' (from 1). */
static void
put_text_at(FILE *f, const char *name, size_t index, const char *value)
{
    fprintf(f, "%s[%zu] = ", name, index);
    cap_gnuplot_quote(f, value);
    putc('\n', f);
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

/* Begin chart stem: until chart_end(), its variables and datablocks go
 * to memory, then to plots/STEM.data and to gnuplot. */
static void
chart_begin(plot_ctx *c, const char *stem)
{
    snprintf(c->stem, sizeof c->stem, "%s", stem);
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
static void
chart_end(plot_ctx *c, const char *template)
{
    char name[CAP_PLOT_NAME], line[2 * CAP_PLOT_NAME];
    char path[PATH_MAX + 16];

    if (c->gp == NULL)
        return;
    fclose(c->gp);            /* a memory stream: sets data, data_len */
    c->gp = NULL;
    snprintf(path, sizeof path, "%s/charts.csv", c->dir);
    if (access(path, F_OK) != 0) {
        save_file(c, "charts.csv", "chart,template\n", 15, "w");
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
    snprintf(line, sizeof line, "%s,%s\n", c->stem, template);
    save_file(c, "charts.csv", line, strlen(line), "a");
    snprintf(name, sizeof name, "%s.png", c->stem);
    note_file(c, name);
    snprintf(name, sizeof name, "%s.svg", c->stem);
    note_file(c, name);
}

/* Start gnuplot for charts of sc into dir, with the templates in the
 * folder templates. */
static int
session_open(plot_ctx *c, const char *dir, const char *templates,
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
static int
session_close(plot_ctx *c, int status, cap_diag *diag)
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

/* The variables every template may use, and the option names. */
static void
common_variables(plot_ctx *c)
{
    const cap_outcomes *o = c->o;

    put_text(c->gp, "scenario", c->sc->name);
    fprintf(c->gp, "years = %d\ntrials = %zu\nnoptions = %zu\n"
            "array option_names[%zu]\n", o->years, o->trials, o->options,
            o->options);
    for (size_t opt = 0; opt < o->options; opt++)
        put_text_at(c->gp, "option_names", opt + 1,
                    c->sc->options[opt].name);
}

/* Open a CSV in the plots folder and write its header. */
static FILE *
open_csv(plot_ctx *c, const char *name, const char *header)
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
static int
csv_fault(const char *name, cap_diag *diag)
{
    return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write plots/%s: %s",
                        name, strerror(errno));
}

/* Close a chart's CSV (NULL: never opened), reporting a failure to
 * write it when nothing failed before.  Returns the status. */
static int
close_csv(FILE *csv, const char *name, int status, cap_diag *diag)
{
    if (csv != NULL && fclose(csv) != 0 && status == CAP_OK)
        status = csv_fault(name, diag);
    return status;
}

/* 1. The density of one party's net over the horizon, per option. */
static int
plot_net_density(plot_ctx *c, FILE *csv, size_t party)
{
    const cap_outcomes *o = c->o;
    size_t no = o->options;
    double lo = INFINITY, hi = -INFINITY, scale = 1e6;
    double g[GRID];
    double *dens = malloc(no * GRID * sizeof *dens);
    double *tail = malloc(2 * no * sizeof *tail);    /* p05, p95 */
    const char *pname = cap_ledger_party_name(c->sc, party);
    char stem[CAP_PLOT_NAME];

    if (dens == NULL || tail == NULL) {
        free(dens);
        free(tail);
        return CAP_ENOMEM;
    }
    for (size_t opt = 0; opt < no; opt++) {
        cap_outcomes_gather(o, opt, party, 0, CAP_NET, c->x);
        for (size_t i = 0; i < o->trials; i++) {
            lo = c->x[i] < lo ? c->x[i] : lo;
            hi = c->x[i] > hi ? c->x[i] : hi;
        }
    }
    {
        double pad = (hi - lo) * 0.08 + 1e-3 * (fabs(lo) + fabs(hi)) + 1.0;

        lo -= pad;
        hi += pad;
    }
    for (int k = 0; k < GRID; k++)
        g[k] = lo + (hi - lo) * k / (GRID - 1);
    for (size_t opt = 0; opt < no; opt++) {
        cap_outcomes_gather(o, opt, party, 0, CAP_NET, c->x);
        density(c->x, o->trials, c->w, g, dens + opt * GRID,
                (hi - lo) / 150.0);
        /* density() leaves c->w sorted: the 5% and 95% points. */
        tail[2 * opt] = cap_stats_quantile_sorted(c->w, o->trials, 0.05);
        tail[2 * opt + 1] = cap_stats_quantile_sorted(c->w, o->trials,
                                                      0.95);
        for (int k = 0; k < GRID; k++) {
            cap_csv_text(csv, c->sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, pname);
            cap_csv_sep(csv);
            cap_csv_number(csv, g[k]);
            cap_csv_sep(csv);
            cap_csv_number(csv, dens[opt * GRID + k]);
            cap_csv_end(csv);
        }
    }
    snprintf(stem, sizeof stem, "net_%s", pname);
    chart_begin(c, stem);
    common_variables(c);
    put_text(c->gp, "party", pname);
    fprintf(c->gp, "array p05[%zu]\narray p95[%zu]\n", no, no);
    for (size_t opt = 0; opt < no; opt++)
        fprintf(c->gp, "p05[%zu] = %.9g\np95[%zu] = %.9g\n", opt + 1,
                tail[2 * opt] / scale, opt + 1,
                tail[2 * opt + 1] / scale);
    fprintf(c->gp, "$density << EOD\n");
    for (size_t opt = 0; opt < no; opt++) {
        for (int k = 0; k < GRID; k++)
            fprintf(c->gp, "%.9g %.9g\n", g[k] / scale,
                    dens[opt * GRID + k] * scale);
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    chart_end(c, "net_distribution.gp");
    free(dens);
    free(tail);
    return CAP_OK;
}

/* 2. Who carries the cost risk: stacked shares per option. */
static int
plot_risk_transfer(plot_ctx *c, FILE *csv)
{
    const cap_scenario *sc = c->sc;
    const cap_outcomes *o = c->o;
    size_t sys = cap_ledger_system(sc);
    const double *share = c->h->share;

    fputs("option", csv);
    for (size_t p = 0; p < sys; p++) {
        cap_csv_sep(csv);
        cap_csv_text(csv, cap_ledger_party_name(sc, p));
    }
    cap_csv_end(csv);
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_csv_text(csv, sc->options[opt].name);
        for (size_t p = 0; p < sys; p++) {
            cap_csv_sep(csv);
            cap_csv_number(csv, share[opt * sys + p]);
        }
        cap_csv_end(csv);
    }
    chart_begin(c, "risk_transfer");
    common_variables(c);
    fprintf(c->gp, "nparties = %zu\n$shares << EOD\noption", sys);
    for (size_t p = 0; p < sys; p++)
        fprintf(c->gp, " %s", cap_ledger_party_name(sc, p));
    fprintf(c->gp, "\n");
    for (size_t opt = 0; opt < o->options; opt++) {
        fprintf(c->gp, "%s", sc->options[opt].name);
        for (size_t p = 0; p < sys; p++) {
            double v = share[opt * sys + p];

            fprintf(c->gp, " %.6f", isnan(v) ? 0.0 : v);
        }
        fprintf(c->gp, "\n");
    }
    fprintf(c->gp, "EOD\n");
    chart_end(c, "risk_transfer.gp");
    return CAP_OK;
}

/* 3. Risk and return: for each party, each option as a point of
 * expected net against expected shortfall at 95% (both over the
 * horizon): the frontier a finance director chooses on. */
static int
plot_risk_return(plot_ctx *c, FILE *csv)
{
    const cap_scenario *sc = c->sc;
    const cap_outcomes *o = c->o;
    size_t sys = cap_ledger_system(sc);

    for (size_t p = 0; p < sys; p++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            const cap_summary *s = &c->h->s[opt * o->parties + p];

            cap_csv_text(csv, sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, cap_ledger_party_name(sc, p));
            cap_csv_sep(csv);
            cap_csv_number(csv, s->mean.value);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->mean.mcse);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->cvar95.value);
            cap_csv_sep(csv);
            cap_csv_number(csv, s->cvar95.mcse);
            cap_csv_end(csv);
        }
    }
    chart_begin(c, "risk_return");
    common_variables(c);
    fprintf(c->gp, "nparties = %zu\narray party_names[%zu]\n", sys, sys);
    for (size_t p = 0; p < sys; p++)
        put_text_at(c->gp, "party_names", p + 1,
                    cap_ledger_party_name(sc, p));
    fprintf(c->gp, "$points << EOD\n");
    for (size_t p = 0; p < sys; p++) {
        for (size_t opt = 0; opt < o->options; opt++) {
            const cap_summary *s = &c->h->s[opt * o->parties + p];

            fprintf(c->gp, "%.9g %.9g %s\n", s->cvar95.value / 1e6,
                    s->mean.value / 1e6, sc->options[opt].name);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    chart_end(c, "risk_return.gp");
    return CAP_OK;
}

/* Exceedance probabilities of the curve: from 1 down to 1/1000 evenly
 * on a log scale, so the tail gets as many points as the body. */
#define EXCEED_POINTS 120

/* 4. Exceedance curve of one party: P(loss over the horizon > x), one
 * line per option.  Loss = -net. */
static int
plot_exceedance(plot_ctx *c, FILE *csv, size_t party)
{
    const cap_outcomes *o = c->o;
    const char *pname = cap_ledger_party_name(c->sc, party);
    size_t n = o->trials;
    double floor_p = 1.0 / (double) n > 1e-3 ? 1.0 / (double) n : 1e-3;
    double *loss = malloc(o->options * EXCEED_POINTS * sizeof *loss);
    double prob[EXCEED_POINTS];
    char stem[CAP_PLOT_NAME];

    if (loss == NULL)
        return CAP_ENOMEM;
    for (int k = 0; k < EXCEED_POINTS; k++)
        prob[k] = pow(floor_p, (double) k / (EXCEED_POINTS - 1));
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_outcomes_gather(o, opt, party, 0, CAP_NET, c->x);
        for (size_t i = 0; i < n; i++)
            c->x[i] = -c->x[i];
        memcpy(c->w, c->x, n * sizeof *c->w);
        gsl_sort(c->w, 1, n);
        for (int k = 0; k < EXCEED_POINTS; k++) {
            double v = cap_stats_quantile_sorted(c->w, n, 1.0 - prob[k]);

            loss[opt * EXCEED_POINTS + k] = v;
            cap_csv_text(csv, c->sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, pname);
            cap_csv_sep(csv);
            cap_csv_number(csv, v);
            cap_csv_sep(csv);
            cap_csv_number(csv, prob[k]);
            cap_csv_end(csv);
        }
    }
    snprintf(stem, sizeof stem, "exceedance_%s", pname);
    chart_begin(c, stem);
    common_variables(c);
    put_text(c->gp, "party", pname);
    fprintf(c->gp, "floor_p = %.9g\n$curves << EOD\n", floor_p);
    for (size_t opt = 0; opt < o->options; opt++) {
        for (int k = 0; k < EXCEED_POINTS; k++)
            fprintf(c->gp, "%.9g %.9g\n",
                    loss[opt * EXCEED_POINTS + k] / 1e6, prob[k]);
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    chart_end(c, "exceedance.gp");
    free(loss);
    return CAP_OK;
}

/* 5. Fan chart of a quantity over the years: median, 50% and 90% bands
 * per year, one panel per option (party < parties: that party's net;
 * otherwise the system's cost, the same under every option). */
static int
plot_fan(plot_ctx *c, FILE *csv, size_t party)
{
    const cap_outcomes *o = c->o;
    int cost = party >= cap_ledger_system(c->sc);
    size_t who = cost ? cap_ledger_system(c->sc) : party;
    size_t panels = cost ? 1 : o->options;
    const char *name = cost ? "system_cost"
                            : cap_ledger_party_name(c->sc, party);
    size_t cells = panels * (size_t) o->years * 5;
    double *q = malloc(cells * sizeof *q);
    static const double level[5] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
    char stem[CAP_PLOT_NAME];

    if (q == NULL)
        return CAP_ENOMEM;
    for (size_t opt = 0; opt < panels; opt++) {
        for (int y = 1; y <= o->years; y++) {
            double *row = q + (opt * (size_t) o->years + (size_t) (y - 1)) * 5;

            cap_outcomes_gather(o, opt, who, y, cost ? CAP_SPEND : CAP_NET,
                                c->w);
            gsl_sort(c->w, 1, o->trials);
            cap_csv_text(csv, cost ? "all" : c->sc->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, name);
            fprintf(csv, ",%d", y);
            for (int k = 0; k < 5; k++) {
                row[k] = cap_stats_quantile_sorted(c->w, o->trials,
                                                   level[k]);
                cap_csv_sep(csv);
                cap_csv_number(csv, row[k]);
            }
            cap_csv_end(csv);
        }
    }
    snprintf(stem, sizeof stem, "fan_%s", name);
    chart_begin(c, stem);
    common_variables(c);
    put_text(c->gp, "what", cost ? "system cost (spend)" : name);
    fprintf(c->gp, "panels = %zu\n$fan << EOD\n", panels);
    for (size_t opt = 0; opt < panels; opt++) {
        for (int y = 1; y <= o->years; y++) {
            const double *row = q + (opt * (size_t) o->years
                                     + (size_t) (y - 1)) * 5;

            fprintf(c->gp, "%d %.9g %.9g %.9g %.9g %.9g\n", y,
                    row[0] / 1e6, row[1] / 1e6, row[2] / 1e6,
                    row[3] / 1e6, row[4] / 1e6);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    chart_end(c, "fan.gp");
    free(q);
    return CAP_OK;
}

static int
file_exists(const char *dir, const char *stem, const char *ext)
{
    char path[1400];
    struct stat st;

    snprintf(path, sizeof path, "%s/%s.%s", dir, stem, ext);
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* 6. Lorenz curves of cost among people, one per year: the share of
 * cost held by the least costly fraction p of people, at the points the
 * concentration groups give (bottom 50%, and 1 - top 20, 10, 5, 1%),
 * averaged over the trials that record concentration. */
static int
plot_lorenz(plot_ctx *c, FILE *csv)
{
    static const double pop_share[] = { 0, 0.5, 0.8, 0.9, 0.95, 0.99, 1 };
    /* Which concentration group gives each point (-1: the ends). */
    static const int group[] = { -1, 4, 3, 2, 1, 0, -1 };
    const cap_outcomes *o = c->o;
    size_t n = o->conc_trials, years = (size_t) o->years;

    chart_begin(c, "lorenz");
    common_variables(c);
    fprintf(c->gp, "$lorenz << EOD\n");
    for (size_t y = 0; y < years; y++) {
        for (size_t k = 0; k < sizeof pop_share / sizeof pop_share[0];
             k++) {
            double share = pop_share[k];

            if (group[k] >= 0) {
                double sum = 0.0;

                for (size_t i = 0; i < n; i++)
                    sum += o->concentration[(i * years + y)
                                            * CAP_N_CONC_GROUPS
                                            + (size_t) group[k]];
                /* bottom50 is the share itself; topF leaves 1 - it. */
                share = group[k] == 4 ? sum / (double) n
                                      : 1.0 - sum / (double) n;
            }
            fprintf(c->gp, "%.4g %.9g\n", pop_share[k], share);
            fprintf(csv, "%zu,%.4g,", y + 1, pop_share[k]);
            cap_csv_number(csv, share);
            cap_csv_end(csv);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\nconc_trials = %zu\n", n);
    chart_end(c, "lorenz.gp");
    return CAP_OK;
}

/* The CSVs beside the charts, in the order opened. */
enum { CSV_DENSITY, CSV_SHARES, CSV_RISK_RETURN, CSV_EXCEEDANCE, CSV_FAN,
       CSV_LORENZ, N_CSV };

int
cap_plot_run(const char *dir, const char *templates, const cap_scenario *sc,
             const cap_outcomes *o, const cap_horizon *h,
             cap_plot_files *files, cap_diag *diag)
{
    static const char *const csv_name[N_CSV] = {
        "net_density.csv", "risk_shares.csv", "risk_return.csv",
        "exceedance.csv", "fan.csv", "lorenz.csv"
    };
    static const char *const csv_header[N_CSV] = {
        "option,party,net,density\n", "",
        "option,party,mean_net,mean_net_mcse,cvar95,cvar95_mcse\n",
        "option,party,loss,prob_exceed\n",
        "option,party,year,p05,p25,p50,p75,p95\n",
        "year,population_share,cost_share\n"
    };
    FILE *csv[N_CSV] = { NULL };
    plot_ctx c;
    size_t sys = cap_ledger_system(sc);
    int status;

    status = session_open(&c, dir, templates, sc, o, files, diag);
    c.h = h;
    c.x = malloc(o->trials * sizeof *c.x);
    c.w = malloc(o->trials * sizeof *c.w);
    if (status == CAP_OK && (c.x == NULL || c.w == NULL))
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (int k = 0; k < N_CSV && status == CAP_OK; k++) {
        csv[k] = open_csv(&c, csv_name[k], csv_header[k]);
        if (csv[k] == NULL)
            status = csv_fault(csv_name[k], diag);
    }
    for (size_t p = 0; p < sys && status == CAP_OK; p++)
        status = plot_net_density(&c, csv[CSV_DENSITY], p);
    if (status == CAP_OK)
        status = plot_risk_transfer(&c, csv[CSV_SHARES]);
    if (status == CAP_OK)
        status = plot_risk_return(&c, csv[CSV_RISK_RETURN]);
    for (size_t p = 0; p < sys && status == CAP_OK; p++)
        status = plot_exceedance(&c, csv[CSV_EXCEEDANCE], p);
    for (size_t p = 0; p <= sys && status == CAP_OK; p++)
        status = plot_fan(&c, csv[CSV_FAN], p);
    if (status == CAP_OK && o->conc_trials > 0)
        status = plot_lorenz(&c, csv[CSV_LORENZ]);
    /* A file that could not be written explains gnuplot's failure to
     * write its images, so it is reported first. */
    for (int k = 0; k < N_CSV; k++)
        status = close_csv(csv[k], csv_name[k], status, diag);
    status = session_close(&c, status, diag);
    if (status == CAP_OK && (!file_exists(dir, "risk_transfer", "png")
                             || !file_exists(dir, "fan_system_cost",
                                             "svg")))
        status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot wrote no "
                              "charts");
    free(c.x);
    free(c.w);
    return status;
}

/* A sweep over one key: each party's mean net against the key, a line
 * per option with a band of two standard errors. */
static void
plot_sweep_curves(plot_ctx *c, const cap_scenario *base,
                  const cap_point *pts, size_t n, size_t party)
{
    const cap_outcomes *o = c->o;
    char stem[CAP_PLOT_NAME];

    snprintf(stem, sizeof stem, "sweep_net_%s",
             cap_ledger_party_name(c->sc, party));
    chart_begin(c, stem);
    common_variables(c);
    put_text(c->gp, "party", cap_ledger_party_name(c->sc, party));
    put_text(c->gp, "key_name", base->sweep.keys[0].name);
    fprintf(c->gp, "$sweep << EOD\n");
    for (size_t opt = 0; opt < o->options; opt++) {
        for (size_t i = 0; i < n; i++) {
            const cap_summary *s = &pts[i].h->s[opt * o->parties + party];

            fprintf(c->gp, "%.10g %.8g %.8g %.8g\n", base->sweep.values[i],
                    s->mean.value / 1e6,
                    (s->mean.value - 2.0 * s->mean.mcse) / 1e6,
                    (s->mean.value + 2.0 * s->mean.mcse) / 1e6);
        }
        fprintf(c->gp, "\n\n");
    }
    fprintf(c->gp, "EOD\n");
    chart_end(c, "sweep.gp");
}

/* A grid over two keys: a map of each party's mean net per option. */
static void
plot_heatmap(plot_ctx *c, const cap_scenario *base, const cap_point *pts,
             size_t n, size_t opt, size_t party)
{
    const cap_sweep *sw = &base->sweep;
    char stem[CAP_PLOT_NAME];

    snprintf(stem, sizeof stem, "heatmap_%s_%s", c->sc->options[opt].name,
             cap_ledger_party_name(c->sc, party));
    chart_begin(c, stem);
    common_variables(c);
    put_text(c->gp, "party", cap_ledger_party_name(c->sc, party));
    put_text(c->gp, "option", c->sc->options[opt].name);
    put_text(c->gp, "key_x", sw->keys[0].name);
    put_text(c->gp, "key_y", sw->keys[1].name);
    fprintf(c->gp, "$grid << EOD\n");
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && sw->values[i * 2] != sw->values[(i - 1) * 2])
            fprintf(c->gp, "\n");
        fprintf(c->gp, "%.10g %.10g %.8g\n", sw->values[i * 2],
                sw->values[i * 2 + 1],
                pts[i].h->s[opt * c->o->parties + party].mean.value
                / 1e6);
    }
    fprintf(c->gp, "EOD\n");
    chart_end(c, "heatmap.gp");
}

int
cap_plot_sweep(const char *dir, const char *templates,
               const cap_scenario *base, const cap_point *pts, size_t n,
               cap_plot_files *files, cap_diag *diag)
{
    const cap_scenario *sc = pts[0].sc;
    const cap_sweep *sw = &base->sweep;
    size_t sys = cap_ledger_system(sc), np = pts[0].o->parties;
    plot_ctx c;
    FILE *csv;
    int status;

    status = session_open(&c, dir, templates, sc, pts[0].o, files, diag);
    csv = status == CAP_OK ? open_csv(&c, "sweep.csv", "point") : NULL;
    if (status == CAP_OK && csv == NULL)
        status = csv_fault("sweep.csv", diag);
    if (csv != NULL) {
        for (size_t k = 0; k < sw->n_keys; k++) {
            cap_csv_sep(csv);
            cap_csv_text(csv, sw->keys[k].name);
        }
        fputs(",option,party,mean_net,mean_net_mcse,cost_risk_share,"
              "cost_risk_share_mcse\n", csv);
        for (size_t i = 0; i < n; i++)
            for (size_t opt = 0; opt < sc->n_options; opt++)
                for (size_t p = 0; p < sys; p++) {
                    const cap_horizon *h = pts[i].h;

                    cap_csv_integer(csv, (long) i);
                    for (size_t k = 0; k < sw->n_keys; k++) {
                        cap_csv_sep(csv);
                        cap_csv_number(csv, sw->values[i * sw->n_keys + k]);
                    }
                    cap_csv_sep(csv);
                    cap_csv_text(csv, sc->options[opt].name);
                    cap_csv_sep(csv);
                    cap_csv_text(csv, cap_ledger_party_name(sc, p));
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->s[opt * np + p].mean.value);
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->s[opt * np + p].mean.mcse);
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->share[opt * sys + p]);
                    cap_csv_sep(csv);
                    cap_csv_number(csv, h->share_mcse[opt * sys + p]);
                    cap_csv_end(csv);
                }
        status = close_csv(csv, "sweep.csv", status, diag);
    }
    if (status == CAP_OK && sw->n_keys == 1)
        for (size_t p = 0; p < sys; p++)
            plot_sweep_curves(&c, base, pts, n, p);
    if (status == CAP_OK && sw->n_keys == 2 && sw->design == CAP_DESIGN_GRID)
        for (size_t opt = 0; opt < sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++)
                plot_heatmap(&c, base, pts, n, opt, p);
    return session_close(&c, status, diag);
}

/* Order of a tornado's bars: by |swing|, smallest first (drawn at the
 * bottom). */
typedef struct {
    double swing;
    size_t input;
} bar;

static int
bar_order(const void *a, const void *b)
{
    const bar *x = a, *y = b;

    if (x->swing != y->swing)
        return x->swing < y->swing ? -1 : 1;
    return x->input < y->input ? 1 : x->input > y->input ? -1 : 0;
}

int
cap_plot_tornado(const char *dir, const char *templates,
                 const cap_scenario *base, const cap_tornado *t,
                 cap_plot_files *files, cap_diag *diag)
{
    size_t party = base->sensitivity.party;
    bar *bars = malloc((t->n_inputs + 1) * sizeof *bars);
    plot_ctx c;
    FILE *csv = NULL;
    int status;

    if (bars == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = session_open(&c, dir, templates, base, NULL, files, diag);
    if (status == CAP_OK) {
        csv = open_csv(&c, "tornado_chart.csv", "option,party,input,"
                       "low_value,high_value,change_at_low,change_at_high\n");
        if (csv == NULL)
            status = csv_fault("tornado_chart.csv", diag);
    }
    for (size_t opt = 0; opt < t->options && status == CAP_OK; opt++) {
        size_t mid = opt * t->parties + party;
        char stem[CAP_PLOT_NAME];

        for (size_t i = 0; i < t->n_inputs; i++) {
            size_t at = i * t->options * t->parties + mid;

            bars[i].swing = fabs(t->net_high[at] - t->net_low[at]);
            bars[i].input = i;
        }
        qsort(bars, t->n_inputs, sizeof *bars, bar_order);
        for (size_t r = t->n_inputs; r-- > 0;) {
            size_t i = bars[r].input;
            size_t at = i * t->options * t->parties + mid;

            cap_csv_text(csv, base->options[opt].name);
            cap_csv_sep(csv);
            cap_csv_text(csv, cap_ledger_party_name(base, party));
            cap_csv_sep(csv);
            cap_csv_text(csv, base->sensitivity.inputs[i].name);
            cap_csv_sep(csv);
            cap_csv_number(csv, base->sensitivity.inputs[i].low);
            cap_csv_sep(csv);
            cap_csv_number(csv, base->sensitivity.inputs[i].high);
            cap_csv_sep(csv);
            cap_csv_number(csv, t->net_low[at] - t->net_mid[mid]);
            cap_csv_sep(csv);
            cap_csv_number(csv, t->net_high[at] - t->net_mid[mid]);
            cap_csv_end(csv);
        }
        snprintf(stem, sizeof stem, "tornado_%s", base->options[opt].name);
        size_t longest = 0;

        for (size_t i = 0; i < t->n_inputs; i++) {
            char label[300];
            int len = snprintf(label, sizeof label, "%s (%.4g to %.4g)",
                               base->sensitivity.inputs[i].name,
                               base->sensitivity.inputs[i].low,
                               base->sensitivity.inputs[i].high);

            if (len > 0 && (size_t) len > longest)
                longest = (size_t) len;
        }
        chart_begin(&c, stem);
        put_text(c.gp, "scenario", base->name);
        put_text(c.gp, "party", cap_ledger_party_name(base, party));
        put_text(c.gp, "option", base->options[opt].name);
        fprintf(c.gp, "mid = %.8g\nninputs = %zu\nlongest = %zu\n"
                "$bars << EOD\n", t->net_mid[mid] / 1e6, t->n_inputs,
                longest);
        for (size_t r = 0; r < t->n_inputs; r++) {
            size_t i = bars[r].input;
            size_t at = i * t->options * t->parties + mid;

            fprintf(c.gp, "%zu \"%s (%.4g to %.4g)\" %.8g %.8g\n", r,
                    base->sensitivity.inputs[i].name,
                    base->sensitivity.inputs[i].low,
                    base->sensitivity.inputs[i].high,
                    (t->net_low[at] - t->net_mid[mid]) / 1e6,
                    (t->net_high[at] - t->net_mid[mid]) / 1e6);
        }
        fprintf(c.gp, "EOD\n");
        chart_end(&c, "tornado.gp");
    }
    status = close_csv(csv, "tornado_chart.csv", status, diag);
    free(bars);
    return session_close(&c, status, diag);
}

/* Bars per option and party: the datablock $gains (a header row, then
 * per option each of the first np parties' value and two standard
 * errors) into the chart's data, and value and se into csv (already
 * headed "option"). */
static void
party_bars(plot_ctx *c, FILE *csv, size_t np, const double *value,
           const double *se)
{
    const cap_scenario *sc = c->sc;

    for (size_t p = 0; p < np; p++) {
        char se_name[CAP_PLOT_NAME];

        snprintf(se_name, sizeof se_name, "%s_se",
                 cap_ledger_party_name(sc, p));
        cap_csv_sep(csv);
        cap_csv_text(csv, cap_ledger_party_name(sc, p));
        cap_csv_sep(csv);
        cap_csv_text(csv, se_name);
    }
    cap_csv_end(csv);
    fprintf(c->gp, "nparties = %zu\nnoptions = %zu\n$gains << EOD\noption",
            np, sc->n_options);
    for (size_t p = 0; p < np; p++)
        fprintf(c->gp, " %s %s_se", cap_ledger_party_name(sc, p),
                cap_ledger_party_name(sc, p));
    fprintf(c->gp, "\n");
    for (size_t opt = 0; opt < sc->n_options; opt++) {
        fprintf(c->gp, "%s", sc->options[opt].name);
        cap_csv_text(csv, sc->options[opt].name);
        for (size_t p = 0; p < np; p++) {
            size_t at = opt * np + p;

            fprintf(c->gp, " %.6g %.6g", value[at], 2.0 * se[at]);
            fprintf(csv, ",%.6g,%.6g", value[at], se[at]);
        }
        fprintf(c->gp, "\n");
        cap_csv_end(csv);
    }
    fprintf(c->gp, "EOD\n");
}

int
cap_plot_incentives(const char *dir, const char *templates,
                    const cap_scenario *sc, const cap_incentives *in,
                    cap_plot_files *files, cap_diag *diag)
{
    size_t sys = cap_ledger_system(sc), np = in->parties;
    double *value = malloc(sc->n_options * sys * sizeof *value);
    double *se = malloc(sc->n_options * sys * sizeof *se);
    plot_ctx c;
    FILE *csv = NULL;
    int status = session_open(&c, dir, templates, sc, NULL, files, diag);

    if (status == CAP_OK && (value == NULL || se == NULL))
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    if (status == CAP_OK) {
        csv = open_csv(&c, "incentives_chart.csv", "option");
        if (csv == NULL)
            status = csv_fault("incentives_chart.csv", diag);
    }
    if (status == CAP_OK) {
        for (size_t opt = 0; opt < sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++) {
                value[opt * sys + p] = in->per_event[opt * np + p];
                se[opt * sys + p] = in->se[opt * np + p];
            }
        chart_begin(&c, "incentives");
        put_text(c.gp, "scenario", sc->name);
        put_text(c.gp, "service", sc->services[sc->incentives.service].name);
        party_bars(&c, csv, sys, value, se);
        chart_end(&c, "incentives.gp");
    }
    status = close_csv(csv, "incentives_chart.csv", status, diag);
    free(value);
    free(se);
    return session_close(&c, status, diag);
}

int
cap_plot_interventions(const char *dir, const char *templates,
                       const cap_scenario *sc, const cap_iv_row *rows,
                       size_t n_rows, cap_plot_files *files, cap_diag *diag)
{
    size_t np = cap_ledger_parties(sc);
    double *value = calloc(sc->n_options * np, sizeof *value);
    double *se = calloc(sc->n_options * np, sizeof *se);
    plot_ctx c;
    int status = session_open(&c, dir, templates, sc, NULL, files, diag);

    if (status == CAP_OK && (value == NULL || se == NULL))
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (size_t k = 0; k < sc->n_interventions && status == CAP_OK; k++) {
        const cap_intervention *iv = &sc->interventions[k];
        char stem[CAP_PLOT_NAME], name[CAP_PLOT_NAME + 8];
        FILE *csv;

        for (size_t i = 0; i < n_rows; i++)
            if (rows[i].intervention == k
                && strcmp(rows[i].measure, "net_return") == 0) {
                value[rows[i].option * np + rows[i].party] = rows[i].mean;
                se[rows[i].option * np + rows[i].party] = rows[i].se;
            }
        snprintf(stem, sizeof stem, "intervention_%s", iv->name);
        snprintf(name, sizeof name, "%s.csv", stem);
        csv = open_csv(&c, name, "option");
        if (csv == NULL) {
            status = csv_fault(name, diag);
            break;
        }
        chart_begin(&c, stem);
        put_text(c.gp, "scenario", sc->name);
        put_text(c.gp, "intervention", iv->name);
        party_bars(&c, csv, np, value, se);
        chart_end(&c, "intervention.gp");
        status = close_csv(csv, name, status, diag);
    }
    free(value);
    free(se);
    return session_close(&c, status, diag);
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
            if (strcmp(line, "chart,template") != 0)
                return cap_diag_set(diag, CAP_EINPUT, path, ln, "expected "
                                    "the header 'chart,template'");
            continue;
        }
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
        status = session_open(&c, dir, templates, NULL, NULL, NULL, diag);
    for (size_t k = 0; k < n && status == CAP_OK; k++) {
        char name[CAP_PLOT_NAME + 8];

        snprintf(name, sizeof name, "%s.data", ch[k].stem);
        status = draw(&c, ch[k].stem, ch[k].template, ch[k].data,
                      ch[k].n, name, diag);
        if (status == CAP_OK)
            (*charts)++;
    }
    if (c.open)
        status = session_close(&c, status, diag);
    for (size_t k = 0; k < n; k++)
        free(ch[k].data);
    free(ch);
    free(list);
    return status;
}
