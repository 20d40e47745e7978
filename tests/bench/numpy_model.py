#!/usr/bin/python3
"""numpy_model.py -- capsim's individual-level demand model in NumPy.

A benchmark reference for capsim's individual engine (model/demand/demand.c).  It
implements the same model in law as docs/model.md sections 1-5 --
population and list growth, the system multiplier, gamma frailty made
persistent by the Pitt-Chatfield-Walker Poisson-gamma AR(1), Poisson
events and gamma costs -- with NumPy's own generator, so its random
numbers differ from capsim's but its results have the same distribution.
It exists to compare speed (person-years per second) and agreement (the
mean and sd of the system's cost over the horizon) with the C engine.

It is written as a competent analyst would write it: deliberately
vectorised over people (one array operation per year and service, no
Python loop over persons).  Only what scenarios/county.ini uses is
supported; interventions, behaviour and uncertain inputs are refused.

Usage: tests/bench/numpy_model.py SCENARIO.ini --trials N [--seed S]
Prints one line of JSON: trials, person_years, seconds (the simulation
only), and the mean, sd and se of the per-trial horizon system cost.
Runs with Debian's /usr/bin/python3 and python3-numpy, nothing else.

Copyright (C) 2026 the capsim authors.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import configparser
import csv
import json
import math
import os
import sys
import time

import numpy as np

# Keys read from the sections that determine the system's cost.  tariff,
# readmission_share and reserves may be present: they change payments or
# counts of readmissions, never cost.
KEYS = {
    "scenario": {"name", "years", "trials", "seed"},
    "population": {"file", "persons", "growth"},
    "tier": {"share", "relative_risk"},
    "frailty": {"cv", "persistence"},
    "demand": {"trend", "trend_sd", "shock_sd"},
    "service": {"provider", "rate", "unit_cost", "cost_cv",
                "readmission_share", "tariff"},
    "provider": {"fixed_cost", "fixed_cost_growth", "reserves"},
}
# Sections that only decide who pays: they cannot change the system's cost.
PAYMENT_ONLY = {"commissioner", "contract", "option"}


def fail(msg):
    print("numpy_model.py: " + msg, file=sys.stderr)
    sys.exit(2)


def read_scenario(path):
    ini = configparser.ConfigParser(inline_comment_prefixes=(";", "#"),
                                    interpolation=None)
    ini.optionxform = str                     # keys are case-sensitive
    try:
        with open(path, encoding="utf-8-sig") as f:
            ini.read_file(f)
    except (OSError, configparser.Error) as e:
        fail("%s: %s" % (path, e))

    sc = {"tiers": [], "services": [], "providers": {}}
    for name in ini.sections():
        kind = name.split(".", 1)[0]
        if kind in ("intervention", "behaviour"):
            fail("%s: [%s]: interventions and behaviour are out of scope"
                 % (path, name))
        if kind in PAYMENT_ONLY:
            continue
        if kind not in KEYS or ("." in name) != (kind in ("tier", "service",
                                                          "provider")):
            fail("%s: [%s]: section not supported" % (path, name))
        for key, value in ini[name].items():
            if "(" in value:
                fail("%s: [%s] %s = %s: uncertain inputs (distributions) "
                     "are out of scope" % (path, name, key, value))
            if key not in KEYS[kind]:
                fail("%s: [%s] %s: key not supported" % (path, name, key))

    def num(section, key, default=None):
        if not ini.has_option(section, key):
            if default is None:
                fail("%s: [%s] %s is required" % (path, section, key))
            return default
        try:
            return float(ini[section][key])
        except ValueError:
            fail("%s: [%s] %s: not a number" % (path, section, key))

    sc["years"] = int(num("scenario", "years"))
    seed = ini.get("scenario", "seed", fallback="0")
    if not seed.isdigit():
        fail("%s: [scenario] seed: decimal digits only" % path)
    sc["seed"] = int(seed)
    pop = ini["population"] if ini.has_section("population") else {}
    if ("file" in pop) == ("persons" in pop):
        fail("%s: [population] needs exactly one of file and persons" % path)
    if "persons" in pop:
        sc["practices"] = [int(num("population", "persons"))]
    else:
        csv_path = os.path.join(os.path.dirname(path), pop["file"])
        try:
            with open(csv_path, newline="", encoding="utf-8-sig") as f:
                sc["practices"] = [int(float(row["persons"]))
                                   for row in csv.DictReader(f)]
        except (OSError, KeyError, ValueError) as e:
            fail("%s: cannot read the practices' persons: %r" % (csv_path, e))
    sc["growth"] = num("population", "growth", 0.0)

    for name in ini.sections():
        kind, _, label = name.partition(".")
        if kind == "tier":
            sc["tiers"].append((num(name, "share"),
                                num(name, "relative_risk")))
        elif kind == "provider":
            sc["providers"][label] = (num(name, "fixed_cost", 0.0),
                                      num(name, "fixed_cost_growth", 0.0))
        elif kind == "service":
            sc["services"].append((ini[name].get("provider"),
                                   num(name, "rate"), num(name, "unit_cost"),
                                   num(name, "cost_cv", 0.0)))
    if not sc["tiers"]:
        sc["tiers"] = [(1.0, 1.0)]
    if not sc["services"]:
        fail("%s: no [service.*] section" % path)
    for svc in sc["services"]:
        if svc[0] not in sc["providers"]:
            fail("%s: a service's provider %r has no [provider.*] section"
                 % (path, svc[0]))
    sc["cv"] = num("frailty", "cv", 0.0)
    sc["rho"] = num("frailty", "persistence", 0.0)
    for key in ("trend", "trend_sd", "shock_sd"):
        sc[key] = num("demand", key, 0.0)
    return sc


def apportion(total, shares):
    """Largest-remainder split of a list among tiers (ties: earlier tier)."""
    part = [math.floor(total * s) for s in shares]
    while sum(part) < total:
        rem = [total * s - p for s, p in zip(shares, part)]
        part[rem.index(max(rem))] += 1
    return part


def build_population(sc):
    """People in an order where year y's registered list is a prefix.

    Returns (R of each person's tier, per person; N[y] people registered
    in year y).  Person i of a stratum is registered in the years with
    n(y) > i; list sizes change monotonically, so sorting people by how
    many years they are registered (most first) puts year y's list first:
    joiners after those already there, leavers after those who stay.
    """
    H, g = sc["years"], sc["growth"]
    shares = [s for s, _ in sc["tiers"]]
    rr = np.array([r for _, r in sc["tiers"]])
    R = rr / np.dot(shares, rr)
    tier_parts, years_in = [], []
    for persons in sc["practices"]:
        for t, n1 in enumerate(apportion(persons, shares)):
            n = np.array([math.floor(n1 * (1.0 + g) ** y + 0.5)
                          for y in range(H)], dtype=np.int64)
            i = np.arange(n.max())
            tier_parts.append(np.full(i.size, t))
            years_in.append((n[None, :] > i[:, None]).sum(axis=1))
    tier = np.concatenate(tier_parts)
    years_in = np.concatenate(years_in)
    order = np.argsort(-years_in, kind="stable")
    tier = tier[order]
    years_in = years_in[order]
    if g >= 0:      # registered in year y (0-based): joined by then
        reg = years_in[:, None] >= H - np.arange(H)[None, :]
    else:           # registered in year y: not left yet
        reg = years_in[:, None] >= 1 + np.arange(H)[None, :]
    N = reg.sum(axis=0)
    assert all(reg[:N[y], y].all() for y in range(H))
    return R[tier], N


def simulate(sc, R_person, N, trials, seed):
    """Each trial's system cost over the horizon (an array of trials)."""
    H = sc["years"]
    rng = np.random.Generator(np.random.PCG64(seed))
    rate = np.array([s[1] for s in sc["services"]])
    unit = np.array([s[2] for s in sc["services"]])
    c2 = np.array([s[3] for s in sc["services"]]) ** 2
    # Fixed costs do not vary between trials: sum them once.
    fixed = sum(f * (1.0 + fg) ** y for f, fg in sc["providers"].values()
                for y in range(H))
    cv, rho = sc["cv"], sc["rho"]
    v = cv * cv
    s2 = math.log1p(sc["shock_sd"] ** 2)
    years = np.arange(H)

    theta = np.ones(N.max())            # this year's frailty of each person
    total = np.empty(trials)
    for k in range(trials):
        # Section 2: the system multiplier M_y of every year.
        growth = max(0.0, 1.0 + rng.normal(sc["trend"], sc["trend_sd"]))
        shock = np.exp(math.sqrt(s2) * rng.standard_normal(H) - 0.5 * s2)
        M = growth ** years * shock
        cost = fixed
        for y in range(H):
            n = N[y]
            stay = min(n, N[y - 1]) if y > 0 else 0
            # Section 3: frailty.  Those registered last year move by the
            # Poisson-gamma AR(1); those new to the list draw the marginal.
            if cv > 0:
                if stay > 0 and rho > 0:
                    m = rng.poisson(theta[:stay] * (rho / ((1.0 - rho) * v)))
                    theta[:stay] = rng.gamma(1.0 / v + m, (1.0 - rho) * v)
                    theta[stay:n] = rng.gamma(1.0 / v, v, n - stay)
                else:
                    theta[:n] = rng.gamma(1.0 / v, v, n)
            # Each person's rate multiplier R_t theta M_y.
            mu = R_person[:n] * theta[:n] * M[y]
            for s in range(rate.size):
                # Section 4: every person's events of service s.
                events = rng.poisson(rate[s] * mu)
                # Section 5: a person's cost of the service is one gamma
                # draw (the sum of N gamma costs), for people with N > 0.
                if c2[s] == 0.0:
                    cost += unit[s] * events.sum()
                    continue
                count = events[events > 0]
                cost += rng.gamma(count / c2[s], unit[s] * c2[s]).sum()
        total[k] = cost
    return total


def main():
    ap = argparse.ArgumentParser(
        description="capsim's individual-level demand model in NumPy "
                    "(benchmark reference)")
    ap.add_argument("scenario")
    ap.add_argument("--trials", type=int, required=True)
    ap.add_argument("--seed", type=int,
                    help="random seed (default: the scenario's)")
    args = ap.parse_args()
    if args.trials < 2:
        fail("--trials must be at least 2")
    sc = read_scenario(args.scenario)
    seed = sc["seed"] if args.seed is None else args.seed
    R_person, N = build_population(sc)

    start = time.perf_counter()
    total = simulate(sc, R_person, N, args.trials, seed)
    seconds = time.perf_counter() - start

    sd = float(np.std(total, ddof=1))
    print(json.dumps({"trials": args.trials,
                      "person_years": int(N.sum()) * args.trials,
                      "seconds": seconds, "mean": float(np.mean(total)),
                      "sd": sd, "se": sd / math.sqrt(args.trials)}))


if __name__ == "__main__":
    main()
