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
#include "capsim/stats.h"
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

/* Send the terminal and output lines for one image. */
static void
terminal(FILE *gp, const char *dir, const char *stem, int svg)
{
    if (svg)
        fprintf(gp, "set terminal svg size 960,600 dynamic enhanced "
                "font 'Sans,12' background rgb 'white'\n");
    else
        fprintf(gp, "set terminal pngcairo size 960,600 enhanced "
                "font 'Sans,11'\n");
    fprintf(gp, "set output '%s/%s.%s'\n", dir, stem, svg ? "svg" : "png");
}

/* The density chart of one party: data to CSV (append) and gnuplot. */
static int
plot_party(FILE *gp, FILE *csv, const char *dir, const char *templates,
           const cap_scenario *sc, const cap_outcomes *o, size_t party,
           double *x, double *sorted)
{
    size_t no = o->options;
    double lo = INFINITY, hi = -INFINITY, scale = 1e6;
    double g[GRID];
    double *dens = malloc(no * GRID * sizeof *dens);
    const char *pname = cap_ledger_party_name(sc, party);
    char stem[300];

    if (dens == NULL)
        return CAP_ENOMEM;
    for (size_t opt = 0; opt < no; opt++) {
        cap_outcomes_gather(o, opt, party, 0, CAP_NET, x);
        for (size_t i = 0; i < o->trials; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
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
        cap_outcomes_gather(o, opt, party, 0, CAP_NET, x);
        density(x, o->trials, sorted, g, dens + opt * GRID,
                (hi - lo) / 150.0);
        for (int k = 0; k < GRID; k++) {
            cap_csv_text(csv, sc->options[opt].name);
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
    for (int svg = 0; svg <= 1; svg++) {
        terminal(gp, dir, stem, svg);
        fprintf(gp, "party = '%s'\nscenario = '%s'\nyears = %d\n"
                "trials = %zu\nnoptions = %zu\narray option_names[%zu]\n",
                pname, sc->name, o->years, o->trials, no, no);
        for (size_t opt = 0; opt < no; opt++)
            fprintf(gp, "option_names[%zu] = '%s'\n", opt + 1,
                    sc->options[opt].name);
        fprintf(gp, "$density << EOD\n");
        for (size_t opt = 0; opt < no; opt++) {
            for (int k = 0; k < GRID; k++)
                fprintf(gp, "%.9g %.9g\n", g[k] / scale,
                        dens[opt * GRID + k] * scale);
            fprintf(gp, "\n\n");
        }
        fprintf(gp, "EOD\nload '%s/net_distribution.gp'\nunset output\n",
                templates);
    }
    free(dens);
    return CAP_OK;
}

static int
plot_risk_transfer(FILE *gp, FILE *csv, const char *dir,
                   const char *templates, const cap_scenario *sc,
                   const cap_outcomes *o, double *x, double *y)
{
    size_t sys = cap_ledger_system(sc);
    double *share = malloc(o->options * sys * sizeof *share);
    double *mcse = malloc(sys * sizeof *mcse);

    if (share == NULL || mcse == NULL) {
        free(share);
        free(mcse);
        return CAP_ENOMEM;
    }
    fputs("option", csv);
    for (size_t p = 0; p < sys; p++) {
        cap_csv_sep(csv);
        cap_csv_text(csv, cap_ledger_party_name(sc, p));
    }
    cap_csv_end(csv);
    for (size_t opt = 0; opt < o->options; opt++) {
        cap_risk_shares(sc, o, opt, 0, x, y, share + opt * sys, mcse);
        cap_csv_text(csv, sc->options[opt].name);
        for (size_t p = 0; p < sys; p++) {
            cap_csv_sep(csv);
            cap_csv_number(csv, share[opt * sys + p]);
        }
        cap_csv_end(csv);
    }
    for (int svg = 0; svg <= 1; svg++) {
        terminal(gp, dir, "risk_transfer", svg);
        fprintf(gp, "scenario = '%s'\nyears = %d\nnparties = %zu\n"
                "noptions = %zu\n$shares << EOD\noption", sc->name,
                o->years, sys, o->options);
        for (size_t p = 0; p < sys; p++)
            fprintf(gp, " %s", cap_ledger_party_name(sc, p));
        fprintf(gp, "\n");
        for (size_t opt = 0; opt < o->options; opt++) {
            fprintf(gp, "%s", sc->options[opt].name);
            for (size_t p = 0; p < sys; p++) {
                double v = share[opt * sys + p];

                fprintf(gp, " %.6f", isnan(v) ? 0.0 : v);
            }
            fprintf(gp, "\n");
        }
        fprintf(gp, "EOD\nload '%s/risk_transfer.gp'\nunset output\n",
                templates);
    }
    free(share);
    free(mcse);
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

int
cap_plot_run(const char *dir, const char *templates, const cap_scenario *sc,
             const cap_outcomes *o, cap_diag *diag)
{
    char path[1400];
    FILE *gp, *dens_csv, *share_csv;
    double *x = malloc(o->trials * sizeof *x);
    double *w = malloc(o->trials * sizeof *w);
    int status = CAP_OK, rc;

    if (strchr(dir, '\'') || strchr(templates, '\'')
        || strchr(sc->name, '\'')) {
        free(x);
        free(w);
        return cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot plot: a path "
                            "or the scenario name contains a quote");
    }
    if (x == NULL || w == NULL) {
        free(x);
        free(w);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    snprintf(path, sizeof path, "%s/net_density.csv", dir);
    dens_csv = fopen(path, "w");
    snprintf(path, sizeof path, "%s/risk_shares.csv", dir);
    share_csv = fopen(path, "w");
    gp = popen(gnuplot_path(), "w");
    if (dens_csv == NULL || share_csv == NULL || gp == NULL) {
        status = cap_diag_set(diag, CAP_EPLOT, "", 0, "cannot start %s or "
                              "write in %s", gnuplot_path(), dir);
    } else {
        fputs("option,party,net,density\n", dens_csv);
        for (size_t p = 0; p < cap_ledger_system(sc) && status == CAP_OK;
             p++)
            status = plot_party(gp, dens_csv, dir, templates, sc, o, p, x,
                                w);
        if (status == CAP_OK)
            status = plot_risk_transfer(gp, share_csv, dir, templates, sc,
                                        o, x, w);
    }
    if (gp != NULL) {
        rc = pclose(gp);
        if (status == CAP_OK && (rc == -1 || !WIFEXITED(rc)
                                 || WEXITSTATUS(rc) != 0))
            status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot failed "
                                  "(exit status %d); its messages are "
                                  "above", WIFEXITED(rc) ?
                                  WEXITSTATUS(rc) : -1);
    }
    if (dens_csv && fclose(dens_csv) != 0 && status == CAP_OK)
        status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s",
                              "net_density.csv");
    if (share_csv && fclose(share_csv) != 0 && status == CAP_OK)
        status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s",
                              "risk_shares.csv");
    if (status == CAP_OK && (!file_exists(dir, "risk_transfer", "png")
                             || !file_exists(dir, "risk_transfer", "svg")))
        status = cap_diag_set(diag, CAP_EPLOT, "", 0, "gnuplot wrote no "
                              "risk_transfer chart");
    free(x);
    free(w);
    return status;
}
