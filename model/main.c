/* main.c -- the capsim command: validate and run scenario files.
 *
 * Exit status: 0 success; 1 a runtime failure (out of memory, a file
 * could not be written, gnuplot failed); 2 bad usage or bad input
 * (including a results folder that exists without --force).  Only this
 * file prints or exits; the library reports through status codes.
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
#include "parse.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* Trials that record concentration of cost among people (the first
 * ones): enough for its mean to three figures, cheap beside the run. */
#define CONCENTRATION_TRIALS 100

typedef struct {
    const char *file;
    const char *out;
    long trials;              /* 0: the scenario's */
    int seed_given;
    uint64_t seed;
    int threads;
    int force, no_plots, keep_trials, quiet;
} run_options;

static void
print_help(FILE *out)
{
    fputs("Usage: capsim COMMAND [OPTIONS] FILE\n"
          "Monte Carlo simulation of capitation and accountable-care "
          "contracts:\n"
          "who carries the financial risk under each payment option.\n"
          "\n"
          "Commands:\n"
          "  run FILE        simulate the scenario FILE and write a "
          "results folder\n"
          "  validate FILE   check FILE and report its first problem, "
          "if any\n"
          "\n"
          "Options for run:\n"
          "  -o, --out DIR       results folder (default: results/NAME, "
          "NAME from\n"
          "                      the scenario)\n"
          "  -n, --trials N      number of trials (default: the "
          "scenario's)\n"
          "  -s, --seed S        random seed (default: the scenario's)\n"
          "  -j, --threads T     threads (default: all cores); results "
          "are the\n"
          "                      same bits for any T\n"
          "  -f, --force         replace an existing results folder\n"
          "      --no-plots      do not draw charts\n"
          "      --keep-trials   also write every trial's outcomes "
          "(trials.csv)\n"
          "  -q, --quiet         no progress and no summary table\n"
          "\n"
          "  -h, --help          show this help and exit\n"
          "  -V, --version       show the version and exit\n"
          "\n"
          "The results folder holds summary.csv, risk_transfer.csv,\n"
          "concentration.csv, manifest.ini, report.html and plots/; it "
          "is written\ncompletely or not at all.  Exit status: 0 success, "
          "1 runtime failure,\n2 bad usage or input.  Scenario keys: "
          "docs/scenario-format.md.\n", out);
}

static int
usage_error(const char *fmt, const char *arg)
{
    fputs("capsim: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'capsim --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Print a diagnostic as "capsim: FILE:LINE: message". */
static void
report(const cap_diag *d)
{
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
               const cap_horizon *h, const char *dir)
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
           "-Cov(net, cost)/Var(cost))\nresults in %s\n", o->years, dir);
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
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                            "manifest.ini: %s", strerror(errno));
    info->outputs = outputs;
    info->results_dir = res->tmp_path;
    info->finished = time(NULL);
    status = cap_write_manifest(f, sc, info);
    if (fclose(f) != 0 && status == CAP_OK)
        status = CAP_EIO;
    if (status != CAP_OK)
        return cap_diag_set(diag, status, "", 0, "cannot write "
                            "manifest.ini");
    return CAP_OK;
}

/* report.html, after the manifest, which it shows (so the manifest
 * cannot list the report's checksum). */
static int
write_report(const cap_results *res, const cap_scenario *sc,
             const cap_outcomes *o, const cap_horizon *h,
             const cap_plot_files *plots, cap_diag *diag)
{
    char plots_dir[2400], manifest[2400];
    FILE *f = cap_results_open(res, "report.html");
    int status;

    if (f == NULL)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write "
                            "report.html: %s", strerror(errno));
    snprintf(plots_dir, sizeof plots_dir, "%s/plots", res->tmp_path);
    snprintf(manifest, sizeof manifest, "%s/manifest.ini", res->tmp_path);
    status = cap_write_report(f, sc, o, h, plots ? plots_dir : NULL, plots,
                              manifest);
    if (fclose(f) != 0 && status == CAP_OK)
        status = CAP_EIO;
    if (status != CAP_OK)
        return cap_diag_set(diag, status, "", 0, "cannot write "
                            "report.html: %s", cap_strerror(status));
    return CAP_OK;
}

/* Write the tables, plots, manifest and report into the temporary
 * folder. */
static int
write_results(const cap_results *res, const cap_scenario *sc,
              const cap_outcomes *o, const cap_horizon *h,
              const run_options *opt, cap_manifest_info *info,
              cap_diag *diag)
{
    static const char *names[] = {
        "summary.csv", "risk_transfer.csv", "concentration.csv",
        "trials.csv", NULL
    };
    /* Every file written, for the manifest. */
    const size_t max_out = 8 + CAP_PLOT_MAX_FILES;
    const char *outputs[8 + CAP_PLOT_MAX_FILES + 1];
    char (*plot_paths)[CAP_PLOT_NAME + 8] = NULL;
    cap_plot_files *plots = NULL;
    size_t n_out = 0;
    int status = CAP_OK;

    for (size_t i = 0; names[i] != NULL && status == CAP_OK; i++) {
        FILE *f;

        if (i == 3 && !opt->keep_trials)
            continue;
        f = cap_results_open(res, names[i]);
        if (f == NULL)
            return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s: %s",
                                names[i], strerror(errno));
        switch (i) {
        case 0: status = cap_write_summary(f, sc, o); break;
        case 1: status = cap_write_risk_transfer(f, sc, o); break;
        case 2: status = cap_write_concentration(f, o); break;
        default: status = cap_write_trials(f, sc, o); break;
        }
        if (fclose(f) != 0 && status == CAP_OK)
            status = CAP_EIO;
        if (status != CAP_OK)
            return cap_diag_set(diag, status, "", 0, "cannot write %s: %s",
                                names[i], cap_strerror(status));
        outputs[n_out++] = names[i];
    }
    if (!opt->no_plots) {
        if (!cap_plot_available()) {
            fprintf(stderr, "capsim: gnuplot not found; plots skipped\n");
        } else {
            char dir[2300];

            plots = malloc(sizeof *plots);
            plot_paths = malloc(CAP_PLOT_MAX_FILES * sizeof *plot_paths);
            if (plots == NULL || plot_paths == NULL) {
                free(plots);
                free(plot_paths);
                return cap_diag_set(diag, CAP_ENOMEM, "", 0,
                                    "out of memory");
            }
            status = cap_results_mkdir(res, "plots");
            if (status != CAP_OK)
                status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot "
                                      "create the plots folder");
            snprintf(dir, sizeof dir, "%s/plots", res->tmp_path);
            if (status == CAP_OK)
                status = cap_plot_run(dir, templates_dir(), sc, o, h,
                                      plots, diag);
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
        status = write_manifest(res, sc, info, outputs, diag);
    }
    if (status == CAP_OK)
        status = write_report(res, sc, o, h, plots, diag);
    free(plots);
    free(plot_paths);
    return status;
}

static int
command_run(const run_options *opt)
{
    cap_scenario *sc = NULL;
    cap_outcomes *o = NULL;
    cap_horizon *h = NULL;
    cap_results res;
    cap_diag diag = { "", 0, "" };
    cap_sim_config cfg;
    cap_manifest_info info;
    progress_state prog;
    char out[1100];
    int status;

    status = cap_scenario_load(opt->file, &sc, &diag);
    if (status != CAP_OK) {
        report(&diag);
        return exit_for_load(status);
    }
    if (opt->out)
        snprintf(out, sizeof out, "%s", opt->out);
    else
        snprintf(out, sizeof out, "results/%s", sc->name);
    status = cap_results_begin(&res, out, opt->force, &diag);
    if (status != CAP_OK) {
        report(&diag);
        cap_scenario_free(sc);
        return exit_for(status);
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.trials = opt->trials ? opt->trials : sc->trials;
    cfg.seed = opt->seed_given ? opt->seed : sc->seed;
    cfg.threads = opt->threads;
    cfg.concentration_trials = CONCENTRATION_TRIALS;
    if (!opt->quiet && isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &prog.start);
        prog.last = prog.start;
        prog.finished = 0;
        cfg.progress = show_progress;
        cfg.progress_user = &prog;
    }
    memset(&info, 0, sizeof info);
    info.trials = cfg.trials;
    info.seed = (unsigned long long) cfg.seed;
    info.threads = opt->threads ? opt->threads : omp_get_max_threads();
    info.started = time(NULL);
    status = cap_sim_run(sc, &cfg, &o, &diag);
    if (status == CAP_OK && cap_horizon_alloc(sc, o, &h) != CAP_OK)
        status = cap_diag_set(&diag, CAP_ENOMEM, "", 0, "out of memory");
    if (status == CAP_OK)
        status = write_results(&res, sc, o, h, opt, &info, &diag);
    if (status == CAP_OK)
        status = cap_results_commit(&res, &diag);
    else
        cap_results_abort(&res);
    if (status != CAP_OK) {
        report(&diag);
    } else if (!opt->quiet) {
        print_overview(sc, o, h, out);
    }
    cap_horizon_free(h);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
    return status == CAP_OK ? EXIT_SUCCESS : exit_for(status);
}

static int
command_validate(const char *file)
{
    cap_scenario *sc = NULL;
    cap_diag diag = { "", 0, "" };
    int status = cap_scenario_load(file, &sc, &diag);
    double persons = 0.0;

    if (status != CAP_OK) {
        report(&diag);
        return exit_for_load(status);
    }
    for (size_t i = 0; i < sc->n_practices; i++)
        persons += sc->practices[i].persons;
    printf("%s: ok: scenario %s, %.0f people in %zu practice%s, %zu "
           "service%s, %zu provider%s, %zu option%s, %d year%s, %ld "
           "trials\n", file, sc->name, persons, sc->n_practices,
           sc->n_practices == 1 ? "" : "s", sc->n_services,
           sc->n_services == 1 ? "" : "s", sc->n_providers,
           sc->n_providers == 1 ? "" : "s", sc->n_options,
           sc->n_options == 1 ? "" : "s", sc->years,
           sc->years == 1 ? "" : "s", sc->trials);
    cap_scenario_free(sc);
    return EXIT_SUCCESS;
}

enum { OPT_NO_PLOTS = CHAR_MAX + 1, OPT_KEEP_TRIALS };

static const struct option longopts[] = {
    { "out", required_argument, NULL, 'o' },
    { "trials", required_argument, NULL, 'n' },
    { "seed", required_argument, NULL, 's' },
    { "threads", required_argument, NULL, 'j' },
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

int
main(int argc, char **argv)
{
    run_options opt;
    const char *command;
    int c;

    gsl_set_error_handler_off();
    memset(&opt, 0, sizeof opt);
    opterr = 0;               /* we print getopt's complaints ourselves */
    /* GNU getopt moves the command and the file after the options, so
     * options may stand anywhere on the line. */
    while ((c = getopt_long(argc, argv, ":o:n:s:j:fqhV", longopts, NULL))
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
        case 'f': opt.force = 1; break;
        case 'q': opt.quiet = 1; break;
        case OPT_NO_PLOTS: opt.no_plots = 1; break;
        case OPT_KEEP_TRIALS: opt.keep_trials = 1; break;
        case 'h':
            print_help(stdout);
            return close_stdout(EXIT_SUCCESS);
        case 'V':
            printf("%s\n", PACKAGE_STRING);
            return close_stdout(EXIT_SUCCESS);
        case ':':
            return usage_error("option '%s' needs a value",
                               argv[optind - 1]);
        default:
            return usage_error("unrecognized option '%s'",
                               argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("%s", "missing command (run or validate)");
    command = argv[optind++];
    if (strcmp(command, "run") != 0 && strcmp(command, "validate") != 0)
        return usage_error("unknown command '%s' (run or validate)",
                           command);
    if (optind != argc - 1)
        return usage_error("%s: expected exactly one scenario FILE",
                           command);
    opt.file = argv[optind];
    if (strcmp(command, "run") == 0)
        return close_stdout(command_run(&opt));
    return close_stdout(command_validate(opt.file));
}
