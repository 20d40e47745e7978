/* plot.c -- charts of a run, drawn by gnuplot through a pipe.
 *
 * For each chart capsim computes the data (densities, shares), writes
 * it as CSV beside the images, and sends gnuplot: the terminal and
 * output file, the data as inline datablocks, a few variables, then
 * "load" of the chart's template from plots/.  No temporary files.  A
 * pipe is one-way, so success is judged by gnuplot's exit status (it
 * exits non-zero on the first error when reading a script) and by the
 * images existing afterwards.
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "capsim/plot.h"
#include "capsim/ledger.h"
#include "capsim/output.h"
#include "capsim/study.h"
#include "capsim/stats.h"
#include <gsl/gsl_sort.h>
#include "csv_write.h"

#define GRID 200              /* points of each density curve */

static const char *
gnuplot_path(void)
{
    const char *env = getenv("CAPSIM_GNUPLOT");

    return env && env[0] ? env : GNUPLOT_PATH;
}

int
cap_plot_available(void)
{
    const char *g = gnuplot_path();
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

/* Everything a chart needs: the pipe, where to write, the run and its
 * horizon summary, two scratch arrays of o->trials doubles, and the
 * list of files written. */
typedef struct {
    FILE *gp;                 /* where a chart's data goes: its .data file
                                 between chart_begin and chart_end */
    FILE *pipe;               /* gnuplot */
    int data_failed;          /* a .data file could not be written */
    char stem[CAP_PLOT_NAME - 8]; /* room for ".data" */
    const char *dir;
    const char *templates;
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

/* Draw chart stem from its saved data: for the PNG and then the SVG,
 * forget the previous template's settings (one gnuplot session draws
 * every chart; reset keeps variables and datablocks), set the terminal
 * and output, load the data, then the template.  The same lines redraw
 * a results folder (cap_plot_redraw). */
static void
replay(FILE *gp, const char *dir, const char *templates, const char *stem,
       const char *template)
{
    for (int svg = 0; svg <= 1; svg++) {
        fprintf(gp, "reset\n");
        if (svg)
            fprintf(gp, "set terminal svg size 960,600 dynamic enhanced "
                    "font 'Sans,12' background rgb 'white'\n");
        else
            fprintf(gp, "set terminal pngcairo size 960,600 enhanced "
                    "font 'Sans,11'\n");
        fprintf(gp, "set output '%s/%s.%s'\nload '%s/%s.data'\n"
                "load '%s/%s'\nunset output\n", dir, stem,
                svg ? "svg" : "png", dir, stem, templates, template);
    }
}

/* Begin chart stem: until chart_end(), its variables and datablocks go
 * to plots/STEM.data, which the template is then drawn from. */
static void
chart_begin(plot_ctx *c, const char *stem)
{
    char path[2400];
    FILE *f;

    snprintf(c->stem, sizeof c->stem, "%s", stem);
    snprintf(path, sizeof path, "%s/%s.data", c->dir, stem);
    f = fopen(path, "w");
    if (f == NULL)
        c->data_failed = 1;
    c->gp = f ? f : c->pipe;
}

/* Close the chart's data, draw it from template, and list it in
 * plots/charts.csv so that it can be redrawn. */
static void
chart_end(plot_ctx *c, const char *template)
{
    char name[CAP_PLOT_NAME], path[2400];
    FILE *list;

    if (c->gp != c->pipe && fclose(c->gp) != 0)
        c->data_failed = 1;
    c->gp = c->pipe;
    snprintf(path, sizeof path, "%s/charts.csv", c->dir);
    list = fopen(path, "a");
    if (list == NULL)
        c->data_failed = 1;
    else {
        if (ftell(list) == 0) {
            fputs("chart,template\n", list);
            note_file(c, "charts.csv");
        }
        fprintf(list, "%s,%s\n", c->stem, template);
        if (fclose(list) != 0)
            c->data_failed = 1;
    }
    replay(c->pipe, c->dir, c->templates, c->stem, template);
    snprintf(name, sizeof name, "%s.data", c->stem);
    note_file(c, name);
    snprintf(name, sizeof name, "%s.png", c->stem);
    note_file(c, name);
    snprintf(name, sizeof name, "%s.svg", c->stem);
    note_file(c, name);
}

/* Start gnuplot for charts of sc into dir. */
static int
session_open(plot_ctx *c, const char *dir, const char *templates,
             const cap_scenario *sc, const cap_outcomes *o,
             cap_plot_files *files, cap_diag *diag)
{
    memset(c, 0, sizeof *c);
    c->dir = dir;
    c->templates = templates;
    c->sc = sc;
    c->o = o;
    c->files = files;
    if (strchr(dir, '\'') || strchr(templates, '\'')
        || strchr(sc->name, '\''))
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot plot: a path "
                            "or the scenario name contains a quote");
    c->pipe = popen(gnuplot_path(), "w");
    c->gp = c->pipe;
    if (c->pipe == NULL)
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot start %s",
                            gnuplot_path());
    return CAP_OK;
}

static int
session_close(plot_ctx *c, int status, cap_diag *diag)
{
    int rc;

    if (c->pipe == NULL)
        return status;
    rc = pclose(c->pipe);
    c->pipe = c->gp = NULL;
    if (status == CAP_OK && (rc == -1 || !WIFEXITED(rc)
                             || WEXITSTATUS(rc) != 0))
        status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot failed "
                              "(exit status %d); its messages are above",
                              WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
    if (status == CAP_OK && c->data_failed)
        status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write the "
                              "charts' data in %s", c->dir);
    return status;
}

/* The variables every template may use, and the option names. */
static void
common_variables(plot_ctx *c)
{
    const cap_outcomes *o = c->o;

    fprintf(c->gp, "scenario = '%s'\nyears = %d\ntrials = %zu\n"
            "noptions = %zu\narray option_names[%zu]\n", c->sc->name,
            o->years, o->trials, o->options, o->options);
    for (size_t opt = 0; opt < o->options; opt++)
        fprintf(c->gp, "option_names[%zu] = '%s'\n", opt + 1,
                c->sc->options[opt].name);
}

/* Open a CSV in the plots folder and write its header. */
static FILE *
open_csv(plot_ctx *c, const char *name, const char *header)
{
    char path[2400];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    f = fopen(path, "w");
    if (f != NULL) {
        fputs(header, f);
        note_file(c, name);
    }
    return f;
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
    fprintf(c->gp, "party = '%s'\narray p05[%zu]\narray p95[%zu]\n",
            pname, no, no);
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
        fprintf(c->gp, "party_names[%zu] = '%s'\n", p + 1,
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
    fprintf(c->gp, "party = '%s'\nfloor_p = %.9g\n$curves << EOD\n",
            pname, floor_p);
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
    fprintf(c->gp, "what = '%s'\npanels = %zu\n$fan << EOD\n",
            cost ? "system cost (spend)" : name, panels);
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
            status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                                  "%s/%s", dir, csv_name[k]);
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
    status = session_close(&c, status, diag);
    for (int k = 0; k < N_CSV; k++)
        if (csv[k] && fclose(csv[k]) != 0 && status == CAP_OK)
            status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s",
                                  csv_name[k]);
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
    fprintf(c->gp, "party = '%s'\nkey_name = '%s'\n$sweep << EOD\n",
            cap_ledger_party_name(c->sc, party), base->sweep.keys[0].name);
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
    fprintf(c->gp, "party = '%s'\noption = '%s'\nkey_x = '%s'\n"
            "key_y = '%s'\n$grid << EOD\n",
            cap_ledger_party_name(c->sc, party), c->sc->options[opt].name,
            sw->keys[0].name, sw->keys[1].name);
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
        status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                              "%s/sweep.csv", dir);
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
        if (fclose(csv) != 0 && status == CAP_OK)
            status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                                  "sweep.csv");
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
            status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                                  "%s/tornado_chart.csv", dir);
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
        fprintf(c.gp, "scenario = '%s'\nparty = '%s'\noption = '%s'\n"
                "mid = %.8g\nninputs = %zu\nlongest = %zu\n"
                "$bars << EOD\n", base->name,
                cap_ledger_party_name(base, party),
                base->options[opt].name, t->net_mid[mid] / 1e6,
                t->n_inputs, longest);
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
    if (csv != NULL && fclose(csv) != 0 && status == CAP_OK)
        status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                              "tornado_chart.csv");
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

    for (size_t p = 0; p < np; p++)
        fprintf(csv, ",%s,%s_se", cap_ledger_party_name(sc, p),
                cap_ledger_party_name(sc, p));
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

/* Close a chart's CSV, reporting a failure to write it. */
static int
close_csv(FILE *csv, const char *name, int status, cap_diag *diag)
{
    if (csv != NULL && fclose(csv) != 0 && status == CAP_OK)
        status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s",
                              name);
    return status;
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
            status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                                  "%s/incentives_chart.csv", dir);
    }
    if (status == CAP_OK) {
        for (size_t opt = 0; opt < sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++) {
                value[opt * sys + p] = in->per_event[opt * np + p];
                se[opt * sys + p] = in->se[opt * np + p];
            }
        chart_begin(&c, "incentives");
        fprintf(c.gp, "scenario = '%s'\nservice = '%s'\n", sc->name,
                sc->services[sc->incentives.service].name);
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
            status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                                  "%s/%s", dir, name);
            break;
        }
        chart_begin(&c, stem);
        fprintf(c.gp, "scenario = '%s'\nintervention = '%s'\n", sc->name,
                iv->name);
        party_bars(&c, csv, np, value, se);
        chart_end(&c, "intervention.gp");
        status = close_csv(csv, name, status, diag);
    }
    free(value);
    free(se);
    return session_close(&c, status, diag);
}

int
cap_plot_redraw(const char *results_dir, const char *templates,
                size_t *charts, cap_diag *diag)
{
    char dir[2100], path[2300], line[512];
    FILE *list, *gp;
    plot_ctx c;
    int status = CAP_OK, first = 1;

    memset(&c, 0, sizeof c);
    *charts = 0;
    snprintf(dir, sizeof dir, "%s/plots", results_dir);
    snprintf(path, sizeof path, "%s/charts.csv", dir);
    if (strchr(dir, '\'') || strchr(templates, '\''))
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot plot: a path "
                            "contains a quote");
    list = fopen(path, "r");
    if (list == NULL)
        return cap_diag_set(diag, CAP_EINPUT, path, 0, "cannot read it: "
                            "not a results folder with charts");
    gp = popen(gnuplot_path(), "w");
    if (gp == NULL) {
        fclose(list);
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot start %s",
                            gnuplot_path());
    }
    for (int n = 1; fgets(line, sizeof line, list) != NULL; n++) {
        char *comma = strchr(line, ','), *end = strchr(line, '\n');

        if (end)
            *end = '\0';
        if (first) {
            first = 0;
            if (strcmp(line, "chart,template") != 0) {
                status = cap_diag_set(diag, CAP_EINPUT, path, n, "expected "
                                      "the header 'chart,template'");
                break;
            }
            continue;
        }
        /* Names come from capsim, but the file may have been edited:
         * nothing that could leave the folders or break the quoting. */
        if (comma == NULL || comma == line || comma[1] == '\0'
            || strpbrk(line, "'/\\") != NULL) {
            status = cap_diag_set(diag, CAP_EINPUT, path, n, "expected "
                                  "'chart,template' of plain names");
            break;
        }
        *comma = '\0';
        replay(gp, dir, templates, line, comma + 1);
        (*charts)++;
    }
    fclose(list);
    c.pipe = c.gp = gp;
    c.dir = dir;
    return session_close(&c, status, diag);
}
