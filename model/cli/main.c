/* main.c -- the capsim command: validate and run scenario files.
 *
 * Exit status: 0 success; 1 a runtime failure (out of memory, a file
 * could not be written, gnuplot failed); 2 bad usage or bad input
 * (including a results folder that exists without --force, or that
 * --force may not replace); 128 + the signal's number when SIGINT,
 * SIGTERM or SIGHUP stopped a run (model/cli/signals.h).  Only this file
 * and the signal thread print or exit; the library reports through
 * status codes.
 *
 * Built with MPI and started by mpirun, every rank runs the command:
 * all simulate (each its share of the trials, model/sim/ranks.h), rank 0
 * alone writes, prints, validates and draws, and every rank exits with
 * rank 0's status.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>
#include <omp.h>
#include "capsim/capsim.h"
#include "scenario/aggregate.h"
#include "output/manifest.h"
#include "output/plot.h"
#include "output/report.h"
#include "base/parse.h"
#include "sim/ranks.h"
#include "cli/signals.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

typedef struct {
    const char *file;
    const char *out;
    long trials;              /* 0: the scenario's */
    int seed_given;
    uint64_t seed;
    int threads;
    cap_engine engine;        /* DEFAULT: the scenario's */
    int force, no_plots, keep_trials, quiet;
    cap_signals *signals;     /* removes the temporary folder on a signal */
} run_options;

/* The options of run and tornado, which share them. */
static const char run_options_help[] =
    "  -o, --out DIR       results folder (default: results/NAME, NAME "
    "from\n"
    "                      the scenario)\n"
    "  -n, --trials N      number of trials (default: the scenario's)\n"
    "  -s, --seed S        random seed (default: the scenario's)\n"
    "  -j, --threads T     threads (default: all cores); results are the\n"
    "                      same bits for any T\n"
    "  -e, --engine E      demand engine: auto, individual or aggregate\n"
    "                      (default: the scenario's engine key, else "
    "auto)\n"
    "  -f, --force         replace an existing results folder: one that "
    "is empty\n"
    "                      or holds only what its capsim manifest.ini "
    "lists,\n"
    "                      and no input of the run\n"
    "      --no-plots      do not draw charts\n"
    "      --keep-trials   also write every trial's outcomes (trials.csv) "
    "and\n"
    "                      uncertain inputs drawn (inputs.csv)\n"
    "  -q, --quiet         no progress and no summary table\n";

/* Where the manual, the examples and the documentation are, which
 * every help ends with. */
static void
print_see_also(FILE *out)
{
    fprintf(out, "\nThe manual: 'man capsim'; scenario files: 'man 5 "
            "capsim-scenario'.\nExample scenarios: %s/scenarios\n"
            "Documentation: %s\n", CAPSIM_DATADIR, CAPSIM_DOCDIR);
}

/* The help of command (run, tornado, plot or validate), or the
 * overview when command is NULL or not one of them. */
static void
print_help(FILE *out, const char *command)
{
    const char *c = command ? command : "";

    if (strcmp(c, "run") == 0 || strcmp(c, "tornado") == 0) {
        fprintf(out, "Usage: capsim %s [OPTIONS] FILE\n", c);
        if (c[0] == 'r')
            fputs("Simulate the scenario FILE (once, or once per point "
                  "of its [sweep]) and\nwrite a results folder: "
                  "summary.csv, risk_transfer.csv, concentration.csv,\n"
                  "manifest.ini, report.html and plots/ (points.csv for "
                  "a sweep;\ninterventions.csv when the scenario has "
                  "[intervention.NAME] sections).\nThe folder is written "
                  "completely or not at all.\n", out);
        else
            fputs("Run the scenario FILE with its uncertain inputs drawn, "
                  "then move each input\nalone to its low and high value "
                  "(its 10th and 90th percentiles, or its\n"
                  "[sensitivity] range); adds tornado.csv, importance.csv "
                  "and tornado charts\nto the results folder.\n", out);
        fputs("\nOptions:\n", out);
        fputs(run_options_help, out);
        fputs("  -h, --help          show this help and exit\n"
              "\nOn SIGINT, SIGTERM or SIGHUP the run stops and writes "
              "nothing.\n"
              "Exit status: 0 success, 1 runtime failure, 2 bad usage "
              "or input,\n129, 130, 143 stopped by SIGHUP, SIGINT, "
              "SIGTERM.\n", out);
        fprintf(out, "Example:\n  capsim %s %s/scenarios/%s \\\n"
                "      --out results/example\n", c, CAPSIM_DATADIR,
                c[0] == 'r' ? "quickstart.ini" : "uncertain-growth.ini");
#ifdef HAVE_MPI
        fputs("\nBuilt with MPI: 'mpirun -np N capsim run FILE' shares "
              "the trials among N\nprocesses and writes the same results "
              "as one process.\n", out);
#endif
    } else if (strcmp(c, "plot") == 0) {
        fputs("Usage: capsim plot DIR\n"
              "Redraw every chart of the results folder DIR (PNG and SVG "
              "in DIR/plots) from\nthe data it saved, with the current "
              "chart templates ($CAPSIM_PLOTS_DIR,\nelse the installed "
              "ones).  Needs gnuplot ($CAPSIM_GNUPLOT, else gnuplot).\n"
              "\nOptions:\n"
              "  -h, --help          show this help and exit\n"
              "\nExit status: 0 success, 1 runtime failure (gnuplot "
              "missing or failed),\n2 bad usage or not a results "
              "folder.\n", out);
    } else if (strcmp(c, "validate") == 0) {
        fputs("Usage: capsim validate FILE\n"
              "Check the scenario FILE, and every point of its [sweep], "
              "without simulating:\nprint what it describes, or its first "
              "problem as 'capsim: FILE:LINE: message'.\n"
              "Also checked: the population stays within 2^32-1 people, "
              "each [sensitivity] end\nis a value its key can take, and "
              "the sweep's points fit in memory together\n(with the "
              "scenario's trials, on every core).\n"
              "\nOptions:\n"
              "  -h, --help          show this help and exit\n"
              "\nExit status: 0 valid, 2 bad usage or input.\n", out);
    } else {
        fputs("Usage: capsim COMMAND [OPTIONS] FILE\n"
              "Monte Carlo simulation of capitation and accountable-care "
              "contracts:\n"
              "who carries the financial risk under each payment "
              "option.\n"
              "\n"
              "Commands:\n"
              "  run FILE        simulate the scenario FILE (once, or once "
              "per point of\n"
              "                  its [sweep]) and write a results folder\n"
              "  tornado FILE    run FILE with its uncertain inputs drawn, "
              "then move\n"
              "                  each input alone to its low and high "
              "value; adds\n"
              "                  tornado.csv, importance.csv and tornado "
              "charts\n"
              "  plot DIR        redraw every chart of the results folder "
              "DIR from the\n"
              "                  data it saved, with the current "
              "templates\n"
              "  validate FILE   check FILE and report its first problem, "
              "if any\n"
              "\n"
              "Options for run and tornado:\n", out);
        fputs(run_options_help, out);
        fputs("\n"
              "  -h, --help          show this help, or with a COMMAND "
              "that command's,\n"
              "                      and exit\n"
              "  -V, --version       show the version and exit\n"
              "\n"
              "The results folder holds summary.csv, risk_transfer.csv,\n"
              "concentration.csv, manifest.ini, report.html and plots/ "
              "(points.csv for a\nsweep; interventions.csv when the "
              "scenario has [intervention.NAME]\nsections, from reruns of "
              "the same futures without each); it is written\ncompletely "
              "or not at all.  Any numeric key may be a distribution, "
              "e.g.\ntrend = range(0.01, 0.05), drawn once per trial.\n"
              "Exit status: 0 success, 1 runtime failure, 2 bad usage or "
              "input.\n", out);
#ifdef HAVE_MPI
        fputs("\nBuilt with MPI: 'mpirun -np N capsim run FILE' shares "
              "the trials among N\nprocesses (each with --threads T "
              "threads) and writes the same results as\none process; see "
              "cluster.md in the documentation.\n", out);
#endif
    }
    print_see_also(out);
}

/* --version in the GNU form. */
static void
print_version(FILE *out)
{
    fprintf(out, "capsim (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
    fputs("Copyright (C) 2026 the capsim authors\n"
          "License GPLv3+: GNU GPL version 3 or later "
          "<https://gnu.org/licenses/gpl.html>.\n"
          "This is free software: you are free to change and redistribute "
          "it.\n"
          "There is NO WARRANTY, to the extent permitted by law.\n", out);
#ifdef HAVE_MPI
    fputs("built with MPI\n", out);
#endif
}

static int
usage_error(const char *fmt, const char *arg)
{
    /* Under mpirun every rank finds the same fault; rank 0 says so. */
    if (cap_ranks_self() != 0)
        return EXIT_USAGE;
    fputs("capsim: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'capsim --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Print a diagnostic as "capsim: FILE:LINE: message". */
static void
report(const cap_diag *d)
{
    /* Under mpirun the ranks agree on every failure; rank 0 says so. */
    if (cap_ranks_self() != 0)
        return;
    if (d->file[0] && d->line > 0)
        fprintf(stderr, "capsim: %s:%d: %s\n", d->file, d->line,
                d->message);
    else if (d->file[0])
        fprintf(stderr, "capsim: %s: %s\n", d->file, d->message);
    else
        fprintf(stderr, "capsim: %s\n", d->message);
}

static int
exit_for(int status)
{
    return status == CAP_EINPUT || status == CAP_EEXIST ? EXIT_USAGE
                                                        : EXIT_RUNTIME;
}

/* A scenario that cannot be loaded is bad input, even when the cause is
 * a file that cannot be opened; only running out of memory is not. */
static int
exit_for_load(int status)
{
    return status == CAP_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

/* Progress on a terminal: trials done, rate, time left; at most four
 * updates a second. */
typedef struct {
    struct timespec start, last;
    int finished;             /* the final line has been printed */
} progress_state;

static double
seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double) (b->tv_sec - a->tv_sec)
           + 1e-9 * (double) (b->tv_nsec - a->tv_nsec);
}

static void
show_progress(long done, long total, void *user)
{
    progress_state *p = user;
    struct timespec now;
    double elapsed, rate;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (p->finished
        || (done < total && seconds_between(&p->last, &now) < 0.25))
        return;
    p->last = now;
    elapsed = seconds_between(&p->start, &now);
    rate = elapsed > 0.0 ? (double) done / elapsed : 0.0;
    fprintf(stderr, "\rcapsim: %ld/%ld trials (%3.0f%%), %.1f trials/s, "
            "%.0f s left   ", done, total, 100.0 * (double) done
            / (double) total, rate,
            rate > 0.0 ? (double) (total - done) / rate : 0.0);
    if (done == total) {
        fputc('\n', stderr);
        p->finished = 1;
    }
}

/* The templates folder: $CAPSIM_PLOTS_DIR, the installed one, or the
 * source tree's (for running from a build folder). */
static const char *
templates_dir(void)
{
    const char *env = getenv("CAPSIM_PLOTS_DIR");
    struct stat st;

    if (env && env[0])
        return env;
    if (stat(CAPSIM_DATADIR "/plots/risk_transfer.gp", &st) == 0)
        return CAPSIM_DATADIR "/plots";
    return CAPSIM_SRCDIR "/plots";
}

/* A few lines a finance director reads first: per option and party,
 * the expected net over the horizon, the 1-in-20 loss and the share of
 * cost risk. */
static void
print_overview(const cap_scenario *sc, const cap_outcomes *o,
               const cap_horizon *h)
{
    size_t sys = cap_ledger_system(sc);

    printf("%-14s %-14s %16s %16s %9s %11s\n", "option", "party",
           "mean net", "1-in-20 loss", "P(deficit)", "risk share");
    for (size_t opt = 0; opt < o->options; opt++) {
        for (size_t p = 0; p < sys; p++) {
            const cap_summary *s = &h->s[opt * o->parties + p];

            /* + 0.0 turns a negative zero into "0.000". */
            printf("%-14.14s %-14.14s %16.0f %16.0f %9.3f %11.3f\n",
                   sc->options[opt].name, cap_ledger_party_name(sc, p),
                   s->mean.value, s->var95.value, s->prob_deficit.value,
                   round(h->share[opt * sys + p] * 1000.0) / 1000.0 + 0.0);
        }
    }
    printf("(net summed over %d years; loss = VaR 95%%; risk share = "
           "-Cov(net, cost)/Var(cost))\n", o->years);
}

/* The time manifest.ini records: SOURCE_DATE_EPOCH (seconds since
 * 1970) when it is set, the reproducible-builds convention, so that two
 * runs can be compared file for file, the manifest and report included;
 * the clock otherwise. */
static time_t
run_time(void)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    uint64_t t;

    /* Up to the end of year 9999, for four-digit years. */
    if (env != NULL && cap_parse_u64(env, &t) == 0 && t <= 253402300799u
        && (uint64_t) (time_t) t == t)
        return (time_t) t;
    return time(NULL);
}

/* manifest.ini, last: it holds every other output's checksum. */
static int
write_manifest(const cap_results *res, const cap_scenario *sc,
               cap_manifest_info *info, const char *const *outputs,
               cap_diag *diag)
{
    FILE *f = cap_results_open(res, "manifest.ini");
    int status;

    if (f == NULL)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/"
                            "manifest.ini: %s", res->final_path,
                            strerror(errno));
    info->outputs = outputs;
    info->results_dir = res->tmp_path;
    info->finished = run_time();
    status = cap_write_manifest(f, sc, info);
    /* The files that cannot carry a checksum here, so that the manifest
     * lists every file capsim wrote (--force replaces nothing else). */
    if (status == CAP_OK)
        fprintf(f, "\n[other_outputs]\n; written with or after this "
                "list, so without a checksum\nmanifest.ini = this file\n"
                "report.html = shows this manifest\n");
    return cap_results_close(res, f, "manifest.ini", status, errno, diag);
}

/* What a command computed: the points it ran (one, or a sweep's) and,
 * for a tornado, the tornado. */
typedef struct {
    const cap_scenario *base;
    cap_point *points;
    size_t n_points;
    const cap_tornado *tornado;
    const cap_incentives *incentives;
    const cap_iv_row *iv_rows;    /* interventions.csv, or NULL */
    size_t n_iv_rows;
} run_data;

/* report.html, after the manifest, which it shows (so the manifest
 * cannot list the report's checksum). */
static int
write_report(const cap_results *res, const run_data *rd,
             const cap_plot_files *plots, cap_diag *diag)
{
    char plots_dir[2400], manifest[2400];
    FILE *f = cap_results_open(res, "report.html");
    cap_report_input in;
    int status;

    if (f == NULL)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/"
                            "report.html: %s", res->final_path,
                            strerror(errno));
    snprintf(plots_dir, sizeof plots_dir, "%s/plots", res->tmp_path);
    snprintf(manifest, sizeof manifest, "%s/manifest.ini", res->tmp_path);
    in.base = rd->base;
    in.points = rd->points;
    in.n_points = rd->n_points;
    in.tornado = rd->tornado;
    in.plots_dir = plots ? plots_dir : NULL;
    in.charts = plots;
    in.manifest_path = manifest;
    in.iv_rows = rd->iv_rows;
    in.n_iv_rows = rd->n_iv_rows;
    status = cap_write_report(f, &in);
    return cap_results_close(res, f, "report.html", status, errno, diag);
}

/* The tables of the results folder, in order. */
enum { T_SUMMARY, T_RISK, T_CONC, T_TRIALS, T_INPUTS, T_POINTS, T_TORNADO,
       T_IMPORTANCE, T_INCENTIVES, T_INTERVENTIONS, N_TABLES };
static const char *const table_name[N_TABLES] = {
    "summary.csv", "risk_transfer.csv", "concentration.csv", "trials.csv",
    "inputs.csv", "points.csv", "tornado.csv", "importance.csv",
    "incentives.csv", "interventions.csv"
};

static int
table_wanted(int t, const run_data *rd, const run_options *opt)
{
    const cap_scenario *first = rd->points[0].sc;

    switch (t) {
    case T_TRIALS: return opt->keep_trials;
    case T_INPUTS: return opt->keep_trials && first->n_inputs > 0;
    case T_POINTS: return rd->base->sweep.design != CAP_DESIGN_NONE;
    case T_TORNADO: return rd->tornado != NULL;
    case T_IMPORTANCE: return rd->tornado != NULL && first->n_inputs > 0;
    case T_INCENTIVES: return rd->incentives != NULL;
    case T_INTERVENTIONS: return rd->iv_rows != NULL;
    default: return 1;
    }
}

/* Write table t: the per-point tables hold every point's rows. */
static int
write_table(FILE *f, int t, const run_data *rd)
{
    int status = CAP_OK;

    switch (t) {
    case T_POINTS: return cap_write_points(f, rd->base);
    case T_TORNADO: return cap_write_tornado(f, rd->base, rd->tornado);
    case T_IMPORTANCE:
        return cap_write_importance(f, rd->points[0].sc, rd->points[0].o);
    case T_INCENTIVES:
        return cap_write_incentives(f, rd->base, rd->incentives);
    case T_INTERVENTIONS:
        return cap_write_interventions(f, rd->base, rd->iv_rows,
                                       rd->n_iv_rows);
    }
    for (size_t i = 0; i < rd->n_points && status == CAP_OK; i++) {
        const cap_scenario *sc = rd->points[i].sc;
        const cap_outcomes *o = rd->points[i].o;

        switch (t) {
        case T_SUMMARY: status = cap_write_summary(f, sc, o, i == 0); break;
        case T_RISK: status = cap_write_risk_transfer(f, sc, o, i == 0);
            break;
        case T_CONC: status = cap_write_concentration(f, o, i == 0); break;
        case T_TRIALS: status = cap_write_trials(f, sc, o, i == 0); break;
        default: status = cap_write_inputs(f, sc, o, i == 0); break;
        }
    }
    return status;
}

/* Draw the charts into plots/: a single point's run charts (and a
 * tornado's), or a sweep's curves and maps. */
static int
draw_charts(const cap_results *res, const run_data *rd,
            cap_plot_files *plots, cap_diag *diag)
{
    char dir[2300];
    int status = cap_results_mkdir(res, "plots");

    plots->n = 0;
    if (status != CAP_OK)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/plots: "
                            "%s", res->final_path, strerror(errno));
    snprintf(dir, sizeof dir, "%s/plots", res->tmp_path);
    if (rd->n_points > 1)
        return cap_plot_sweep(dir, templates_dir(), rd->base, rd->points,
                              rd->n_points, plots, diag);
    status = cap_plot_run(dir, templates_dir(), rd->points[0].sc,
                          rd->points[0].o, rd->points[0].h, plots, diag);
    if (status == CAP_OK && rd->tornado != NULL)
        status = cap_plot_tornado(dir, templates_dir(), rd->base,
                                  rd->tornado, plots, diag);
    if (status == CAP_OK && rd->incentives != NULL)
        status = cap_plot_incentives(dir, templates_dir(), rd->base,
                                     rd->incentives, plots, diag);
    if (status == CAP_OK && rd->iv_rows != NULL)
        status = cap_plot_interventions(dir, templates_dir(), rd->base,
                                        rd->iv_rows, rd->n_iv_rows, plots,
                                        diag);
    return status;
}

/* Write the tables, plots, manifest and report into the temporary
 * folder. */
static int
write_results(const cap_results *res, const run_data *rd,
              const run_options *opt, cap_manifest_info *info,
              cap_diag *diag)
{
    /* Every file written, for the manifest. */
    const size_t max_out = N_TABLES + CAP_PLOT_MAX_FILES;
    const char *outputs[N_TABLES + CAP_PLOT_MAX_FILES + 1];
    char (*plot_paths)[CAP_PLOT_NAME + 8] = NULL;
    cap_plot_files *plots = NULL;
    size_t n_out = 0;
    int status = CAP_OK;

    for (int t = 0; t < N_TABLES && status == CAP_OK; t++) {
        FILE *f;

        if (!table_wanted(t, rd, opt))
            continue;
        f = cap_results_open(res, table_name[t]);
        if (f == NULL)
            return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/%s: "
                                "%s", res->final_path, table_name[t],
                                strerror(errno));
        status = write_table(f, t, rd);
        status = cap_results_close(res, f, table_name[t], status, errno,
                                   diag);
        if (status != CAP_OK)
            return status;
        outputs[n_out++] = table_name[t];
    }
    if (!opt->no_plots) {
        if (!cap_plot_available()) {
            fprintf(stderr, "capsim: gnuplot not found; plots skipped\n");
        } else {
            plots = malloc(sizeof *plots);
            plot_paths = malloc(CAP_PLOT_MAX_FILES * sizeof *plot_paths);
            if (plots == NULL || plot_paths == NULL) {
                free(plots);
                free(plot_paths);
                return cap_diag_set(diag, CAP_ENOMEM, "", 0,
                                    "out of memory");
            }
            status = draw_charts(res, rd, plots, diag);
            for (size_t i = 0; status == CAP_OK && i < plots->n
                 && n_out < max_out; i++) {
                snprintf(plot_paths[i], sizeof plot_paths[i], "plots/%s",
                         plots->name[i]);
                outputs[n_out++] = plot_paths[i];
            }
        }
    }
    if (status == CAP_OK) {
        outputs[n_out] = NULL;
        status = write_manifest(res, rd->base, info, outputs, diag);
    }
    if (status == CAP_OK)
        status = write_report(res, rd, plots, diag);
    free(plots);
    free(plot_paths);
    return status;
}

/* The values of point p's swept keys, "a = 1, b = 2", into buf. */
static void
point_label(const cap_scenario *base, size_t p, char *buf, size_t size)
{
    const cap_sweep *sw = &base->sweep;
    size_t n = 0;

    buf[0] = '\0';
    for (size_t k = 0; k < sw->n_keys && n < size; k++)
        n += (size_t) snprintf(buf + n, size - n, "%s%s = %g",
                               k ? ", " : "", sw->keys[k].name,
                               sw->values[p * sw->n_keys + k]);
}

/* What run and tornado share: the scenario, its results folder being
 * written, the simulation's settings, and what they computed. */
typedef struct {
    cap_scenario *sc;
    cap_results res;
    cap_diag diag;
    cap_sim_config cfg;
    cap_manifest_info info;
    progress_state prog;
    run_data rd;
} command_state;

/* Load FILE and open its results folder: the start of every command
 * that writes one.  Returns 0 or the exit status. */
static int
begin(const run_options *opt, command_state *cs)
{
    cap_diag *diag = &cs->diag;
    char out[1100];
    int status;
    cap_engine engine;

    memset(cs, 0, sizeof *cs);
    status = cap_scenario_load(opt->file, &cs->sc, diag);
    /* Under mpirun each rank reads the scenario itself; should one
     * fail to, all stop with its message. */
    status = cap_ranks_agree(status, 0, diag);
    if (status != CAP_OK) {
        report(diag);
        cap_scenario_free(cs->sc);
        cs->sc = NULL;
        return exit_for_load(status);
    }
    /* Before the results folder is begun, so a refusal writes nothing. */
    if (cap_engine_choose(cs->sc, opt->engine, &engine, diag) != CAP_OK) {
        report(diag);
        cap_scenario_free(cs->sc);
        cs->sc = NULL;
        return EXIT_USAGE;
    }
    if (opt->out)
        snprintf(out, sizeof out, "%s", opt->out);
    else
        snprintf(out, sizeof out, "results/%s", cs->sc->name);
    /* Rank 0 alone writes the folder, so it alone may refuse to. */
    if (cap_ranks_self() == 0) {
        /* --force never replaces a folder that holds an input. */
        const char *inputs[] = { cs->sc->path, cs->sc->practices_path,
                                 NULL };

        cap_signals_hold(opt->signals);
        status = cap_results_begin(&cs->res, out, opt->force, inputs,
                                   diag);
        cap_signals_release(opt->signals, cs->res.tmp_path,
                            cs->res.final_path);
    }
    status = cap_ranks_agree(status, 0, diag);
    if (status != CAP_OK) {
        report(diag);
        cap_scenario_free(cs->sc);
        cs->sc = NULL;
        return exit_for(status);
    }
    cs->rd.base = cs->sc;
    cs->cfg.trials = opt->trials ? opt->trials : cs->sc->trials;
    cs->cfg.seed = opt->seed_given ? opt->seed : cs->sc->seed;
    cs->cfg.threads = opt->threads;
    cs->cfg.engine = opt->engine;
    cs->info.engine = cap_engine_name(engine);
    cs->cfg.concentration_trials = cap_sim_concentration_trials(cs->sc);
    if (!opt->quiet && isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &cs->prog.start);
        cs->prog.last = cs->prog.start;
        cs->cfg.progress = show_progress;
        cs->cfg.progress_user = &cs->prog;
    }
    cs->info.trials = cs->cfg.trials;
    cs->info.seed = (unsigned long long) cs->cfg.seed;
    cs->info.threads = opt->threads ? opt->threads : omp_get_max_threads();
    cs->info.started = run_time();
    return 0;
}

/* Finish a command: write, commit or abort, report; then free what
 * the command held. */
static int
finish(const run_options *opt, command_state *cs, int status)
{
    run_data *rd = &cs->rd;

    /* Rank 0 alone writes; the other ranks hold the same results and
     * discard them, and main() gives them rank 0's exit status. */
    if (cap_ranks_self() == 0) {
        if (status == CAP_OK)
            status = write_results(&cs->res, rd, opt, &cs->info,
                                   &cs->diag);
        cap_signals_hold(opt->signals);
        if (status == CAP_OK)
            status = cap_results_commit(&cs->res, &cs->diag);
        else
            cap_results_abort(&cs->res);
        cap_signals_release(opt->signals, NULL, NULL);
    }
    if (status != CAP_OK) {
        report(&cs->diag);
    } else if (!opt->quiet) {
        for (size_t p = 0; p < rd->n_points; p++) {
            if (rd->n_points > 1) {
                char label[512];

                point_label(rd->base, p, label, sizeof label);
                printf("%spoint %zu: %s\n", p ? "\n" : "", p, label);
            }
            print_overview(rd->points[p].sc, rd->points[p].o,
                           rd->points[p].h);
        }
        printf("results in %s\n", cs->res.final_path);
    }
    cap_points_free(rd->points, rd->n_points);
    cap_scenario_free(cs->sc);
    return status == CAP_OK ? EXIT_SUCCESS : exit_for(status);
}

/* A plain line per sweep point or tornado run (beside the progress bar
 * on a terminal), unless quiet. */
static void
announce(const run_options *opt, const char *what, size_t k, size_t n,
         const char *detail)
{
    if (!opt->quiet && n > 1)
        fprintf(stderr, "capsim: %s %zu/%zu: %s\n", what, k, n, detail);
}

/* Each intervention's counterfactual runs (the same futures without
 * it), and the rows of interventions.csv they give. */
static int
run_counterfactuals(const run_options *opt, command_state *cs,
                    cap_counterfactuals **cf, cap_iv_row **rows)
{
    const cap_scenario *sc = cs->sc;
    cap_sim_config quiet = cs->cfg;
    int status;

    quiet.progress = NULL;
    if (!opt->quiet)
        fprintf(stderr, "capsim: the same futures without each "
                "intervention (%zu more runs)\n",
                cap_counterfactual_runs(sc));
    status = cap_counterfactuals_run(sc, &quiet, cf, &cs->diag);
    if (status == CAP_OK)
        status = cap_interventions_rows(sc, cs->rd.points[0].o, *cf, rows,
                                        &cs->rd.n_iv_rows);
    if (status == CAP_ENOMEM)
        cap_diag_set(&cs->diag, status, "", 0, "out of memory");
    return status;
}

static int
command_run(const run_options *opt)
{
    command_state cs;
    cap_incentives *incentives = NULL;
    cap_counterfactuals *counterfactuals = NULL;
    cap_iv_row *iv_rows = NULL;
    int code = begin(opt, &cs), status;

    if (code != 0)
        return code;
    status = cap_points_build(cs.sc, &cs.rd.points, &cs.rd.n_points,
                              &cs.diag);
    /* The whole sweep's memory, before its first point.  Under MPI
     * each process holds every point's outcomes and checks its own
     * machine; one short of memory stops them all. */
    if (status == CAP_OK)
        status = cap_ranks_agree(
            cap_points_memory_check(cs.sc, cs.rd.points, cs.rd.n_points,
                                    &cs.cfg, 0.0, &cs.diag), 0, &cs.diag);
    if (status == CAP_OK && cs.sc->incentives.service >= 0
        && cs.rd.n_points > 1)
        status = cap_diag_set(&cs.diag, CAP_EINPUT, cs.sc->path,
                              cs.sc->incentives.line, "[incentives] does "
                              "not combine with [sweep]");
    for (size_t p = 0; p < cs.rd.n_points && status == CAP_OK; p++) {
        char label[512];

        point_label(cs.sc, p, label, sizeof label);
        announce(opt, "point", p + 1, cs.rd.n_points, label);
        cs.prog.finished = 0;
        status = cap_point_run(&cs.rd.points[p], p, &cs.cfg, &cs.diag);
    }
    /* Who gains from prevention: the same futures with less demand. */
    if (status == CAP_OK && cs.sc->incentives.service >= 0) {
        cap_sim_config quiet = cs.cfg;

        quiet.progress = NULL;
        status = cap_incentives_run(cs.sc, cs.rd.points[0].o, &quiet,
                                    &incentives, &cs.diag);
    }
    cs.rd.incentives = incentives;
    if (status == CAP_OK && cs.sc->n_interventions > 0
        && cs.sc->sweep.design == CAP_DESIGN_NONE)
        status = run_counterfactuals(opt, &cs, &counterfactuals, &iv_rows);
    cs.rd.iv_rows = iv_rows;
    code = finish(opt, &cs, status);
    cap_incentives_free(incentives);
    cap_counterfactuals_free(counterfactuals);
    free(iv_rows);
    return code;
}

static void
tornado_step(size_t run, size_t runs, const char *what, void *user)
{
    announce(user, "tornado run", run, runs, what);
}

static int
command_tornado(const run_options *opt)
{
    command_state cs;
    cap_tornado *t = NULL;
    int code = begin(opt, &cs), status = CAP_OK;

    if (code != 0)
        return code;
    if (cs.sc->sweep.design != CAP_DESIGN_NONE)
        status = cap_diag_set(&cs.diag, CAP_EINPUT, cs.sc->path, 0, "a "
                              "tornado moves inputs one at a time; remove "
                              "[sweep] or run the sweep with 'capsim run'");
    else if (cs.sc->sensitivity.n_inputs == 0)
        status = cap_diag_set(&cs.diag, CAP_EINPUT, cs.sc->path, 0,
                              "nothing to move: write inputs as "
                              "distributions or list them in [sensitivity] "
                              "(SECTION.KEY = low, high)");
    /* The run with every input drawn, then the tornado's runs. */
    if (status == CAP_OK)
        status = cap_points_build(cs.sc, &cs.rd.points, &cs.rd.n_points,
                                  &cs.diag);
    if (status == CAP_OK) {
        announce(opt, "step", 1, 2, "every uncertain input drawn in each "
                 "trial");
        status = cap_point_run(&cs.rd.points[0], 0, &cs.cfg, &cs.diag);
    }
    if (status == CAP_OK) {
        cap_sim_config quiet = cs.cfg;

        quiet.progress = NULL;
        announce(opt, "step", 2, 2, "the tornado: one input at a time");
        status = cap_tornado_run(cs.sc, &quiet, tornado_step, (void *) opt,
                                 &t, &cs.diag);
    }
    cs.rd.tornado = t;
    code = finish(opt, &cs, status);
    cap_tornado_free(t);
    return code;
}

static int
command_plot(const char *dir)
{
    cap_diag diag = { "", 0, "" };
    size_t charts;
    int status;

    if (!cap_plot_available()) {
        fprintf(stderr, "capsim: gnuplot not found\n");
        return EXIT_RUNTIME;
    }
    status = cap_plot_redraw(dir, templates_dir(), &charts, &diag);
    if (status != CAP_OK) {
        report(&diag);
        return exit_for(status);
    }
    printf("%s: %zu chart%s redrawn (PNG and SVG) in %s/plots\n", dir,
           charts, charts == 1 ? "" : "s", dir);
    return EXIT_SUCCESS;
}

static int
command_validate(const char *file)
{
    cap_scenario *sc = NULL;
    cap_diag diag = { "", 0, "" };
    cap_point *points = NULL;
    size_t n_points = 0;
    int status = cap_scenario_load(file, &sc, &diag);

    /* Every sweep point is checked too, as a run would, and the
     * sweep's memory, for the scenario's trials on every core. */
    if (status == CAP_OK)
        status = cap_points_build(sc, &points, &n_points, &diag);
    if (status == CAP_OK) {
        cap_sim_config cfg = { 0 };

        cfg.trials = sc->trials;
        cfg.engine = sc->engine;
        cfg.concentration_trials = cap_sim_concentration_trials(sc);
        status = cap_points_memory_check(sc, points, n_points, &cfg, 0.0,
                                         &diag);
    }
    cap_points_free(points, n_points);
    if (status != CAP_OK) {
        report(&diag);
        cap_scenario_free(sc);
        return exit_for_load(status);
    }
    printf("%s: ok: scenario %s, %.0f people in %zu practice%s, %zu "
           "service%s, %zu provider%s, %zu option%s, %d year%s, %ld "
           "trials\n", file, sc->name, cap_scenario_persons(sc), sc->n_practices,
           sc->n_practices == 1 ? "" : "s", sc->n_services,
           sc->n_services == 1 ? "" : "s", sc->n_providers,
           sc->n_providers == 1 ? "" : "s", sc->n_options,
           sc->n_options == 1 ? "" : "s", sc->years,
           sc->years == 1 ? "" : "s", sc->trials);
    {
        char why[256];
        const char *unfit = cap_aggregate_unfit(sc, why, sizeof why);

        /* The loader refuses engine = aggregate where it cannot run. */
        if (sc->engine == CAP_ENGINE_INDIVIDUAL)
            printf("  engine individual\n");
        else if (unfit)
            printf("  engine auto: individual, as the scenario has %s\n",
                   unfit);
        else
            printf("  engine %s: aggregate\n", cap_engine_name(sc->engine));
    }
    for (size_t k = 0; k < sc->n_inputs; k++) {
        char text[120];

        cap_dist_format(&sc->inputs[k].dist, text, sizeof text);
        printf("  uncertain input %s ~ %s\n", sc->inputs[k].name, text);
    }
    if (sc->sweep.design != CAP_DESIGN_NONE)
        printf("  sweep of %zu points over %zu key%s, each point valid\n",
               n_points, sc->sweep.n_keys, sc->sweep.n_keys == 1 ? "" : "s");
    cap_scenario_free(sc);
    return EXIT_SUCCESS;
}

enum { OPT_NO_PLOTS = CHAR_MAX + 1, OPT_KEEP_TRIALS };

static const struct option longopts[] = {
    { "out", required_argument, NULL, 'o' },
    { "trials", required_argument, NULL, 'n' },
    { "seed", required_argument, NULL, 's' },
    { "threads", required_argument, NULL, 'j' },
    { "engine", required_argument, NULL, 'e' },
    { "force", no_argument, NULL, 'f' },
    { "no-plots", no_argument, NULL, OPT_NO_PLOTS },
    { "keep-trials", no_argument, NULL, OPT_KEEP_TRIALS },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

/* Flush stdout and fail if it could not be written (capsim >/dev/full
 * must not exit 0). */
static int
close_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "capsim: write error on standard output\n");
        return code ? code : EXIT_RUNTIME;
    }
    return code;
}

static const char shortopts[] = ":o:n:s:j:e:fqhV";

/* --help and --version win over the rest of the line, whatever it
 * holds, and --help with a command shows that command's help: a first
 * pass of getopt finds them (it moves the command after the options).
 * Returns the exit status when either was asked for, else -1, with
 * getopt reset for the real pass. */
static int
help_or_version(int argc, char **argv)
{
    int c, asked = 0;

    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1)
        if ((c == 'h' || c == 'V') && asked == 0)
            asked = c;
    if (asked != 0 && cap_ranks_self() == 0) {
        if (asked == 'h')
            print_help(stdout, optind < argc ? argv[optind] : NULL);
        else
            print_version(stdout);
    }
    optind = 0;               /* GNU getopt: start again */
    return asked != 0 ? close_stdout(EXIT_SUCCESS) : -1;
}

/* Commands that only read and draw run once, on rank 0; the other
 * ranks wait for its exit status (main()). */
static int
on_rank0(int (*command)(const char *), const char *arg)
{
    return cap_ranks_self() == 0 ? command(arg) : EXIT_SUCCESS;
}

/* The command line's command; returns the exit status. */
static int
command_line(int argc, char **argv, cap_signals *signals)
{
    run_options opt;
    const char *command;
    int c;

    memset(&opt, 0, sizeof opt);
    opt.signals = signals;
    opterr = 0;               /* we print getopt's complaints ourselves */
    c = help_or_version(argc, argv);
    if (c >= 0)
        return c;
    /* GNU getopt moves the command and the file after the options, so
     * options may stand anywhere on the line. */
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL))
           != -1) {
        long v;

        switch (c) {
        case 'o': opt.out = optarg; break;
        case 'n':
            if (cap_parse_long(optarg, &v) != 0 || v < 2 || v > 1000000000L)
                return usage_error("--trials: '%s' is not a whole number "
                                   "from 2 to 10^9", optarg);
            opt.trials = v;
            break;
        case 's':
            if (cap_parse_u64(optarg, &opt.seed) != 0)
                return usage_error("--seed: '%s' is not a whole number "
                                   "from 0 to 2^64-1", optarg);
            opt.seed_given = 1;
            break;
        case 'j':
            if (cap_parse_long(optarg, &v) != 0 || v < 1 || v > 1024)
                return usage_error("--threads: '%s' is not a whole number "
                                   "from 1 to 1024", optarg);
            opt.threads = (int) v;
            break;
        case 'e':
            if (cap_engine_parse(optarg) < 0)
                return usage_error("--engine: '%s' is not auto, individual "
                                   "or aggregate", optarg);
            opt.engine = (cap_engine) cap_engine_parse(optarg);
            break;
        case 'f': opt.force = 1; break;
        case 'q': opt.quiet = 1; break;
        case OPT_NO_PLOTS: opt.no_plots = 1; break;
        case OPT_KEEP_TRIALS: opt.keep_trials = 1; break;
        case ':':
            return usage_error("option '%s' needs a value",
                               argv[optind - 1]);
        default:
            return usage_error("unrecognized option '%s'",
                               argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("%s", "missing command (run, tornado, plot or "
                           "validate)");
    command = argv[optind++];
    if (strcmp(command, "run") != 0 && strcmp(command, "validate") != 0
        && strcmp(command, "tornado") != 0 && strcmp(command, "plot") != 0)
        return usage_error("unknown command '%s' (run, tornado, plot or "
                           "validate)", command);
    if (strcmp(command, "plot") == 0) {
        if (optind != argc - 1)
            return usage_error("%s: expected exactly one results DIR",
                               command);
        return close_stdout(on_rank0(command_plot, argv[optind]));
    }
    if (optind != argc - 1)
        return usage_error("%s: expected exactly one scenario FILE",
                           command);
    opt.file = argv[optind];
    /* Only rank 0 tells of its progress and prints the summary. */
    if (cap_ranks_self() != 0)
        opt.quiet = 1;
    if (strcmp(command, "run") == 0)
        return close_stdout(command_run(&opt));
    if (strcmp(command, "tornado") == 0)
        return close_stdout(command_tornado(&opt));
    return close_stdout(on_rank0(command_validate, opt.file));
}

int
main(int argc, char **argv)
{
    cap_diag diag = { "", 0, "" };
    cap_signals signals;
    int code;

    gsl_set_error_handler_off();
    /* First, before MPI or OpenMP start a thread that would not have
     * the signals blocked.  Without the thread, the signals keep their
     * default actions: a run still writes its folder whole or not at
     * all, but an interrupted one leaves its temporary folder for the
     * next run to remove. */
    cap_signals_start(&signals);
    if (cap_ranks_init(&argc, &argv, &diag) != CAP_OK) {
        report(&diag);
        return EXIT_RUNTIME;
    }
    code = command_line(argc, argv, &signals);
    /* The ranks agree on every verdict they share; this gives them the
     * rest of rank 0's: writing the results, validate and plot. */
    code = cap_ranks_share(code);
    cap_ranks_finish();
    return code;
}
