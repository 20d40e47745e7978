/* options.c -- the capsim command line: getopt's options, the help of
 * each command, --version, and the check of what the line holds.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scenario/engine.h"
#include "capsim/sim.h"
#include "base/parse.h"
#include "sim/ranks.h"
#include "cli/console.h"
#include "cli/options.h"

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
    "      --no-waterfall  do not split the growth into its causes\n"
    "                      (waterfall.csv: one more run per cause)\n"
    "      --keep-trials   also write every trial's outcomes (trials.csv) "
    "and\n"
    "                      uncertain inputs drawn (inputs.csv)\n"
    "      --horizon       print the table of figures over the whole "
    "horizon\n"
    "                      (net summed over the years) instead of the "
    "annual one\n"
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

/* The help of command (run, tornado, plot, validate, verify or
 * reproduce), or the overview when command is NULL or not one of
 * them. */
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
    } else if (strcmp(c, "compare") == 0) {
        fputs("Usage: capsim compare [OPTIONS] FILE|DIR FILE|DIR...\n"
              "Run each scenario FILE (or read the results folder DIR of "
              "an earlier run,\nwithout running it again) and write one "
              "comparison folder: comparison.csv\n(every figure with its "
              "standard error, and each scenario's difference from\nthe "
              "first), charts, manifest.ini and report.html, which opens "
              "with the keys\nthat differ between the files.  Scenarios "
              "that share their demand and seed\nare compared on common "
              "random numbers, so their differences are paired.\n"
              "The folder is written completely or not at all; "
              "docs/comparing.md explains it.\n", out);
        fputs("\nOptions:\n", out);
        fputs(run_options_help, out);
        fputs("      --option NAME   the option whose net distributions "
              "are charted across\n                      the scenarios "
              "(default: the first's recommended)\n"
              "                      (--keep-trials and --horizon do "
              "nothing here)\n"
              "  -h, --help          show this help and exit\n"
              "\nDefault folder: results/compare-NAME1-NAME2...\n"
              "Exit status: 0 success, 1 runtime failure, 2 bad usage "
              "or input (nothing\nis run or written then).\n", out);
        fprintf(out, "Example:\n  capsim compare %s/scenarios/county.ini "
                "\\\n      %s/scenarios/county-next-round.ini\n",
                CAPSIM_DATADIR, CAPSIM_DATADIR);
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
    } else if (strcmp(c, "verify") == 0) {
        fputs("Usage: capsim verify DIR\n"
              "Check every file of the results folder DIR against its "
              "manifest.ini, without\nrerunning: print 'differs', "
              "'missing' or 'extra' and the name of each file\nthat was "
              "changed, removed or added (inputs/ included).\n"
              "\nOptions:\n"
              "  -h, --help          show this help and exit\n"
              "\nExit status: 0 every file matches, 1 a file differs, is "
              "missing or is extra,\n2 DIR is not a results folder or its "
              "manifest is damaged.\n", out);
    } else if (strcmp(c, "reproduce") == 0) {
        fputs("Usage: capsim reproduce [OPTIONS] DIR\n"
              "Rerun the command recorded in DIR/manifest.ini (run, a "
              "sweep, or tornado) from\nthe files kept in DIR/inputs, "
              "with the recorded seed, trials, engine and flags,\nand "
              "compare every output with the recorded checksums: a "
              "verdict per file\n(same, differs, missing, extra).  "
              "Before the rerun, says where this capsim's\nversion, "
              "commit or libraries differ from the recorded ones.\n"
              "\nOptions:\n"
              "  -o, --out NEW       keep the rerun in NEW (default: a "
              "temporary folder,\n"
              "                      removed afterwards)\n"
              "  -j, --threads T     threads (default: all cores); the "
              "results do not change\n"
              "  -f, --force         replace NEW if capsim wrote it\n"
              "  -q, --quiet         no progress\n"
              "  -h, --help          show this help and exit\n"
              "\nExit status: 0 every file the same, 1 a file differs, is "
              "missing or is extra\n(or the rerun failed), 2 DIR is not "
              "a results folder or its manifest is damaged.\n", out);
#ifdef HAVE_MPI
        fputs("\nBuilt with MPI: 'mpirun -np N capsim reproduce DIR' "
              "shares the trials among N\nprocesses.\n", out);
#endif
    } else if (strcmp(c, "validate") == 0) {
        fputs("Usage: capsim validate [--expand] FILE\n"
              "Check the scenario FILE, and every point of its [sweep], "
              "without simulating:\nprint what it describes, or its first "
              "problem as 'capsim: FILE:LINE: message'\n(in the file that "
              "wrote the key: FILE itself or a base it builds on).\n"
              "Also checked: the population stays within 2^32-1 people, "
              "each [sensitivity] end\nis a value its key can take, and "
              "the sweep's points fit in memory together\n(with the "
              "scenario's trials, on every core).\n"
              "\nOptions:\n"
              "      --expand        print the scenario as assembled from "
              "FILE and the files\n"
              "                      it builds on ([scenario] base), as "
              "one scenario file\n"
              "                      naming where each key was written\n"
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
              "  compare FILE|DIR FILE|DIR...\n"
              "                  run each scenario FILE (or read the "
              "results folder DIR)\n"
              "                  and write one comparison folder: each "
              "scenario's\n"
              "                  difference from the first\n"
              "  plot DIR        redraw every chart of the results folder "
              "DIR from the\n"
              "                  data it saved, with the current "
              "templates\n"
              "  validate FILE   check FILE and report its first problem, "
              "if any\n"
              "  verify DIR      check every file of the results folder DIR "
              "against its\n"
              "                  manifest (exit 1 naming what differs)\n"
              "  reproduce DIR   rerun DIR's recorded command from "
              "DIR/inputs and compare\n"
              "                  every output with the recorded "
              "checksums\n"
              "\n"
              "Options for run, tornado and compare:\n", out);
        fputs(run_options_help, out);
        fputs("\n"
              "  -h, --help          show this help, or with a COMMAND "
              "that command's,\n"
              "                      and exit\n"
              "  -V, --version       show the version and exit\n"
              "\n"
              "The results folder holds summary.csv, risk_transfer.csv,\n"
              "concentration.csv, inputs/ (the files the scenario was "
              "read from),\nmanifest.ini, report.html and plots/ "
              "(points.csv for a sweep;\ninterventions.csv when the "
              "scenario has [intervention.NAME] sections,\nfrom reruns of "
              "the same futures without each); it is written completely\n"
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

int
cli_usage_error(const char *fmt, const char *arg)
{
    /* Under mpirun every rank finds the same fault; rank 0 says so. */
    if (cap_ranks_self() != 0)
        return EXIT_USAGE;
    fputs("capsim: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'capsim --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

enum { OPT_NO_PLOTS = CHAR_MAX + 1, OPT_KEEP_TRIALS, OPT_HORIZON,
       OPT_EXPAND, OPT_OPTION, OPT_NO_WATERFALL };

static const struct option longopts[] = {
    { "out", required_argument, NULL, 'o' },
    { "trials", required_argument, NULL, 'n' },
    { "seed", required_argument, NULL, 's' },
    { "threads", required_argument, NULL, 'j' },
    { "engine", required_argument, NULL, 'e' },
    { "force", no_argument, NULL, 'f' },
    { "no-plots", no_argument, NULL, OPT_NO_PLOTS },
    { "no-waterfall", no_argument, NULL, OPT_NO_WATERFALL },
    { "keep-trials", no_argument, NULL, OPT_KEEP_TRIALS },
    { "horizon", no_argument, NULL, OPT_HORIZON },
    { "expand", no_argument, NULL, OPT_EXPAND },
    { "option", required_argument, NULL, OPT_OPTION },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

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
    return asked != 0 ? cli_close_stdout(EXIT_SUCCESS) : -1;
}

/* The commands, and what each takes after its options. */
static const struct {
    const char *name;
    const char *operand;      /* for the complaint of a wrong count */
    int many;                 /* several operands (compare) */
} commands[] = {
    { "run", "scenario FILE", 0 },
    { "tornado", "scenario FILE", 0 },
    { "plot", "results DIR", 0 },
    { "validate", "scenario FILE", 0 },
    { "compare", "scenario FILE or results DIR", 1 },
    { "verify", "results DIR", 0 },
    { "reproduce", "results DIR", 0 },
};

/* The command and its operands, after the options: -1, or the exit
 * status of a line that does not name one. */
static int
command_and_operand(int argc, char **argv, run_options *opt)
{
    const char *command;
    size_t c = 0, n = sizeof commands / sizeof commands[0];
    int operands;

    if (optind >= argc)
        return cli_usage_error("%s", "missing command (run, tornado, "
                               "compare, plot, validate, verify or "
                               "reproduce)");
    command = argv[optind++];
    while (c < n && strcmp(command, commands[c].name) != 0)
        c++;
    if (c == n)
        return cli_usage_error("unknown command '%s' (run, tornado, "
                               "compare, plot, validate, verify or "
                               "reproduce)", command);
    operands = argc - optind;
    if (commands[c].many ? operands < 1 : operands != 1) {
        char what[96];

        snprintf(what, sizeof what, "%s: expected %s %s", command,
                 commands[c].many ? "at least one" : "exactly one",
                 commands[c].operand);
        return cli_usage_error("%s", what);
    }
    opt->command = command;
    opt->file = argv[optind];
    opt->operands = argv + optind;
    opt->n_operands = operands;
    return -1;
}

int
cli_options_parse(int argc, char **argv, run_options *opt)
{
    int c;

    memset(opt, 0, sizeof *opt);
    opt->argc = argc;
    opt->argv = argv;
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
        case 'o': opt->out = optarg; break;
        case 'n':
            if (cap_parse_long(optarg, &v) != 0 || v < 2 || v > 1000000000L)
                return cli_usage_error("--trials: '%s' is not a whole "
                                       "number from 2 to 10^9", optarg);
            opt->trials = v;
            break;
        case 's':
            if (cap_parse_u64(optarg, &opt->seed) != 0)
                return cli_usage_error("--seed: '%s' is not a whole number "
                                       "from 0 to 2^64-1", optarg);
            opt->seed_given = 1;
            break;
        case 'j':
            if (cap_parse_long(optarg, &v) != 0 || v < 1 || v > 1024)
                return cli_usage_error("--threads: '%s' is not a whole "
                                       "number from 1 to 1024", optarg);
            opt->threads = (int) v;
            break;
        case 'e':
            if (cap_engine_parse(optarg) < 0)
                return cli_usage_error("--engine: '%s' is not auto, "
                                       "individual or aggregate", optarg);
            opt->engine = (cap_engine) cap_engine_parse(optarg);
            break;
        case 'f': opt->force = CAP_REPLACE_OURS; break;
        case 'q': opt->quiet = 1; break;
        case OPT_NO_PLOTS: opt->no_plots = 1; break;
        case OPT_NO_WATERFALL: opt->no_waterfall = 1; break;
        case OPT_KEEP_TRIALS: opt->keep_trials = 1; break;
        case OPT_HORIZON: opt->horizon = 1; break;
        case OPT_EXPAND: opt->expand = 1; break;
        case OPT_OPTION: opt->option = optarg; break;
        case ':':
            return cli_usage_error("option '%s' needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error("unrecognized option '%s'",
                                   argv[optind - 1]);
        }
    }
    return command_and_operand(argc, argv, opt);
}
