#!/usr/bin/env python3
"""run.py -- capsim's benchmark: one table, measured in one run.

`make bench` runs it on scenarios/county.ini (about 600,000 people, five
years, four options).  It measures, on this machine and in this order:

1. bench_engines (tests/bench/bench_engines.c), on one thread: the
   individual engine's demand alone, the variate-cost floor (the same
   variates drawn by a bare loop with the same generator), and the
   aggregate engine's demand alone;
2. the NumPy implementation of the same individual-level model
   (numpy_model.py), its time and the mean and sd of the system's cost;
3. full `capsim run`s (every option, the ledger, every output but the
   charts): the individual engine on a few trials, on 1 and 2 threads;
   the aggregate engine on the scenario's full 10,000 trials on 2
   threads and on fewer on 1; each run's wall time and peak memory
   (the child's maximum resident set, from wait4);
4. agreement: the system's cost over the horizon, mean and sd, of the
   individual run against the aggregate run and against NumPy, in
   combined standard errors (from summary.csv's mcse and NumPy's se).

The full individual run at 10,000 trials would take hours; its time is
the measured time per trial times 10,000 and the table says so.
Every timing but NumPy's and the long individual run's is the fastest
of three repeats: on a shared or virtual machine a repeat can lose the
CPU for a while, and the fastest is the one least disturbed.
Options let a quick run use fewer trials (--quick).

Copyright (C) 2026 the capsim authors.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import csv
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time


def numpy_python():
    """An interpreter that can import numpy (Debian's python3-numpy lives
    with /usr/bin/python3, which need not be first on PATH)."""
    for exe in (sys.executable, shutil.which("python3"), "/usr/bin/python3"):
        if exe and subprocess.run([exe, "-c", "import numpy"],
                                  stderr=subprocess.DEVNULL).returncode == 0:
            return exe
    return None


REPEATS = 3


def timed(cmd, repeats=1):
    """Run cmd repeats times; return (the fastest wall seconds, the
    largest peak resident memory in MiB)."""
    best, mem = float("inf"), 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        best = min(best, time.perf_counter() - start)
        mem = max(mem, usage.ru_maxrss / 1024.0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("bench: failed: " + " ".join(cmd))
    return best, mem


def system_cost(folder):
    """Mean and sd of the system's spend over the horizon, each with its
    Monte Carlo standard error, from a run's summary.csv (first option:
    the system's cost is the same under every option)."""
    got = {}
    with open(os.path.join(folder, "summary.csv")) as f:
        for row in csv.DictReader(f):
            if (row["party"] == "system" and row["period"] == "horizon"
                    and row["quantity"] == "spend"
                    and row["metric"] in ("mean", "sd")
                    and row["metric"] not in got):
                got[row["metric"]] = (float(row["value"]), float(row["mcse"]))
    return got["mean"], got["sd"]


def z(a, b):
    """|a - b| in combined standard errors; a and b are (value, se)."""
    se = math.hypot(a[1], b[1])
    return abs(a[0] - b[0]) / se if se > 0 else 0.0


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return "%s, %d cores, %.0f GiB, %s %s" % (
        cpu, os.cpu_count(), mem, platform.system(), platform.release())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capsim", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--numpy-model", required=True)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--quick", action="store_true",
                    help="fewer trials everywhere (a smoke test)")
    a = ap.parse_args()
    q = a.quick
    n_floor, n_numpy = (2, 3) if q else (6, 30)
    n_ind = 8 if q else 60          # full individual run, 2 threads
    n_ind1 = 4 if q else 10         # on 1 and 2 threads, for scaling
    n_agg, n_agg1 = (1000, 500) if q else (10000, 2000)
    out = tempfile.mkdtemp(prefix="capsim-bench-")
    rows = []

    def row(what, value, note=""):
        rows.append((what, value, note))

    try:
        # 1. Engines alone, one thread.
        r = None
        for _ in range(REPEATS):
            got = json.loads(subprocess.run(
                [a.bench, a.scenario, str(n_floor), str(n_agg1)],
                check=True, capture_output=True, text=True).stdout)
            r = got if r is None else {
                k: min(v, got[k]) if k.endswith("_seconds") else v
                for k, v in r.items()}
        py = r["person_years"]
        ind_rate = py / r["individual_seconds"]
        floor_rate = py / r["floor_seconds"]
        per_trial_py = py / n_floor
        row("individual engine, demand only (1 core)",
            "%.2fM person-years/s" % (ind_rate / 1e6),
            "%d trials of %.2fM person-years" % (n_floor, per_trial_py / 1e6))
        row("variate-cost floor (1 core)",
            "%.2fM person-years/s" % (floor_rate / 1e6),
            "same variates, same generator, bare loop")
        row("individual engine / floor, time",
            "%.2fx" % (r["individual_seconds"] / r["floor_seconds"]), "")
        row("aggregate engine, demand only (1 core)",
            "%.2f ms/trial" % (1e3 * r["aggregate_seconds"]
                               / r["aggregate_trials"]),
            "%d strata x %d years; %.0fM person-years/s equivalent" % (
                r["strata"], r["years"], per_trial_py * r["aggregate_trials"]
                / r["aggregate_seconds"] / 1e6))

        # 2. NumPy.
        npy = numpy_python()
        if npy is None:
            row("NumPy implementation", "not run", "no python3 with numpy")
            numpy = None
        else:
            numpy = json.loads(subprocess.run(
                [npy, a.numpy_model, a.scenario, "--trials", str(n_numpy)],
                check=True, capture_output=True, text=True).stdout)
            np_rate = numpy["person_years"] / numpy["seconds"]
            row("NumPy, vectorised over people (1 core)",
                "%.2fM person-years/s" % (np_rate / 1e6),
                "%d trials, %.1f s/trial" % (
                    numpy["trials"], numpy["seconds"] / numpy["trials"]))
            row("individual engine / NumPy, speed-up",
                "%.1fx" % (ind_rate / np_rate), "demand only, 1 core each")
            row("aggregate engine / NumPy, speed-up",
                "%.0fx" % (numpy["seconds"] / numpy["trials"]
                           / (r["aggregate_seconds"]
                              / r["aggregate_trials"])),
                "demand only, 1 core each, per trial")

        # 3. Full runs.
        def run(name, engine, trials, threads, repeats=REPEATS):
            folder = os.path.join(out, name)
            wall, mem = timed([a.capsim, "run", a.scenario, "-q",
                               "--no-plots", "-f", "-o", folder,
                               "-e", engine, "-n", str(trials),
                               "-j", str(threads)], repeats)
            return wall, mem, folder

        i2, i2_mem, ind_folder = run("ind2", "individual", n_ind, 2, 1)
        i1, _, _ = run("ind1", "individual", n_ind1, 1)
        i2s, _, _ = run("ind2s", "individual", n_ind1, 2)
        g2, g2_mem, agg_folder = run("agg2", "aggregate", n_agg, 2)
        g1, _, _ = run("agg1", "aggregate", n_agg1, 1)
        g2s, _, _ = run("agg2s", "aggregate", n_agg1, 2)
        row("full run, individual engine, 2 threads",
            "%.1f s per 1,000 trials" % (1e3 * i2 / n_ind),
            "measured on %d trials; 10,000 trials = %.0f min" % (
                n_ind, 1e4 * i2 / n_ind / 60))
        row("full run, aggregate engine, 2 threads",
            "%.1f s for %d trials" % (g2, n_agg), "every option and output "
            "but the charts")
        row("threads: individual, 1 -> 2", "%.2fx" % (i1 / i2s),
            "%d trials: %.1f s -> %.1f s" % (n_ind1, i1, i2s))
        row("threads: aggregate, 1 -> 2", "%.2fx" % (g1 / g2s),
            "%d trials: %.1f s -> %.1f s" % (n_agg1, g1, g2s))
        row("peak memory, aggregate run", "%.0f MiB" % g2_mem,
            "%d trials, 2 threads" % n_agg)
        row("peak memory, individual run", "%.0f MiB" % i2_mem,
            "%d trials, 2 threads" % n_ind)

        # 4. Agreement on the system's cost over the horizon.
        im, isd = system_cost(ind_folder)
        am, asd = system_cost(agg_folder)
        row("agreement, aggregate vs individual",
            "mean z %.2f, sd z %.2f" % (z(im, am), z(isd, asd)),
            "means %.4gm vs %.4gm, sds %.4gm vs %.4gm" % (
                am[0] / 1e6, im[0] / 1e6, asd[0] / 1e6, isd[0] / 1e6))
        if numpy is not None:
            n = numpy["trials"]
            nm = (numpy["mean"], numpy["se"])
            nsd = (numpy["sd"], numpy["sd"] / math.sqrt(2.0 * (n - 1)))
            row("agreement, NumPy vs individual",
                "mean z %.2f, sd z %.2f" % (z(im, nm), z(isd, nsd)),
                "means %.4gm vs %.4gm, sds %.4gm vs %.4gm" % (
                    nm[0] / 1e6, im[0] / 1e6, nsd[0] / 1e6, isd[0] / 1e6))
    finally:
        shutil.rmtree(out, ignore_errors=True)

    print("capsim benchmark: %s" % os.path.basename(a.scenario))
    print("machine: %s" % machine())
    print()
    print("| measure | value | how |")
    print("|---|---|---|")
    for what, value, note in rows:
        print("| %s | %s | %s |" % (what, value, note))


if __name__ == "__main__":
    main()
