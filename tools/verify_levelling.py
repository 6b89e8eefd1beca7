#!/usr/bin/python3
"""Independent check of model A (optimization.md "A"): rebuilds the model from
an instance file written by `shisetsu level --instance-out`, with the plain
(aggregated) order constraint t_j ≥ t_i + n_i written on year variables,
solves it with HiGHS through SciPy, and compares with a result (`--json`).

    /usr/bin/python3 tools/verify_levelling.py INSTANCE.json [RESULT.json] [--time-limit S]

Mode budget only (mode peak is two-phase; its schedule is still checked).
Checks that the result's schedule keeps every window and order, that its
objective recomputed here equals objective_yen, and, when both are proven
optimal, that HiGHS finds the same optimum. Exit 0 when all agree.
Shares no code with shisetsu.
"""
import json
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from verify_common import compare


def window(e, inst):
    p = inst["parameters"]
    y0, h = inst["start_year"], inst["horizon"]
    first = max(y0, e["due_year"] - p["max_advance"])
    last = min(y0 + h - e["spread"], e["due_year"] + p["max_deferral"])
    later = e["due_year"] + p["max_deferral"] > y0 + h - e["spread"]
    return first, last, later


def penalty(e, t, p):
    if t is None:
        return e["cost_yen"] * p["deferral_penalty"] * p["max_deferral"]
    return e["cost_yen"] * (p["deferral_penalty"] * max(t - e["due_year"], 0) + p["advance_penalty"] * max(e["due_year"] - t, 0))


def evaluate(inst, starts):
    """Objective, violations and yearly cash of a schedule (None = later)."""
    p = inst["parameters"]
    y0, h = inst["start_year"], inst["horizon"]
    cash = [0.0] * h
    pen = 0.0
    problems = []
    events = inst["events"]
    for k, (e, t) in enumerate(zip(events, starts)):
        first, last, later = window(e, inst)
        if t is None and not later:
            problems.append("%s#%d: later not allowed" % (e["building_id"], e["seq"]))
        if t is not None and not first <= t <= last:
            problems.append("%s#%d: outside its window" % (e["building_id"], e["seq"]))
        if k > 0 and events[k - 1]["building_id"] == e["building_id"]:
            prev = starts[k - 1]
            if prev is None and t is not None:
                problems.append("%s#%d: after a later event" % (e["building_id"], e["seq"]))
            if prev is not None and t is not None and t < prev + events[k - 1]["spread"]:
                problems.append("%s#%d: overlaps its predecessor" % (e["building_id"], e["seq"]))
        pen += penalty(e, t, p)
        if t is not None:
            for y in range(t, t + e["spread"]):
                if y0 <= y < y0 + h:
                    cash[y - y0] += e["cost_yen"] / e["spread"]
    overrun = 0.0
    if inst["mode"] == "budget":
        overrun = sum(max(0.0, c - b) for c, b in zip(cash, inst["budget_by_year_yen"]))
    return p["overrun_penalty"] * overrun + pen, problems, cash


def solve(inst, time_limit):
    """Model A with binaries x_it (t in the window, or later) and the order
    written on the start years T = Σ t·x_t, "later" counted as a year past
    every window: T_j − T_i ≥ n_i·(1 − later_i)."""
    p = inst["parameters"]
    y0, h = inst["start_year"], inst["horizon"]
    events = inst["events"]
    scale = 1e-6  # millions of yen inside the model
    c, cols = [], []
    rows, rcols, vals, lo, hi = [], [], [], [], []

    def row(terms, l, u):
        r = len(lo)
        for k, v in terms:
            rows.append(r)
            rcols.append(k)
            vals.append(v)
        lo.append(l)
        hi.append(u)

    options = []
    big_year = y0 + h + p["max_deferral"] + 100
    for e in events:
        first, last, later = window(e, inst)
        opts = [(t, len(c) + k) for k, t in enumerate(range(first, last + 1))]
        for t, _ in opts:
            c.append(penalty(e, t, p) * scale)
        if later:
            opts.append((None, len(c)))
            c.append(penalty(e, None, p) * scale)
        options.append(opts)
        row([(k, 1.0) for _, k in opts], 1.0, 1.0)
    n_x = len(c)
    slack = []
    if inst["mode"] == "budget":
        for y in range(h):
            slack.append(len(c))
            c.append(p["overrun_penalty"])  # s_y is in millions of yen already
    for k in range(1, len(events)):
        a, b = events[k - 1], events[k]
        if a["building_id"] != b["building_id"]:
            continue
        # T_b − T_a ≥ n_a·(1 − later_a), with T = Σ t·x and later counted as
        # big_year: an event after a later one is later too (T_b ≥ big_year).
        terms = [(col, (t if t is not None else big_year)) for t, col in options[k]]
        terms += [(col, -(t if t is not None else big_year) + (a["spread"] if t is None else 0)) for t, col in options[k - 1]]
        row(terms, a["spread"], np.inf)
    if inst["mode"] == "budget":
        for y in range(h):
            terms = []
            for e, opts in zip(events, options):
                for t, col in opts:
                    if t is not None and t <= y0 + y < t + e["spread"]:
                        terms.append((col, e["cost_yen"] / e["spread"] * scale))
            terms.append((slack[y], -1.0))
            row(terms, -np.inf, inst["budget_by_year_yen"][y] * scale)
    n = len(c)
    integrality = np.array([1] * n_x + [0] * (n - n_x))
    ub = np.array([1.0] * n_x + [np.inf] * (n - n_x))
    A = coo_matrix((vals, (rows, rcols)), shape=(len(lo), n)).tocsr()
    res = milp(np.array(c), constraints=LinearConstraint(A, lo, hi), integrality=integrality,
               bounds=Bounds(np.zeros(n), ub), options={"time_limit": time_limit, "mip_rel_gap": 1e-9, "disp": False})
    starts = None
    if res.x is not None:
        starts = []
        for opts in options:
            chosen = max(opts, key=lambda o: res.x[o[1]])
            starts.append(chosen[0])
    return res, starts, scale


def main(argv):
    time_limit = 300.0
    args = []
    k = 1
    while k < len(argv):
        if argv[k] == "--time-limit":
            time_limit = float(argv[k + 1])
            k += 2
            continue
        args.append(argv[k])
        k += 1
    with open(args[0], encoding="utf-8") as f:
        inst = json.load(f)
    ok = True
    highs_obj = None
    if inst["mode"] == "budget":
        res, starts, scale = solve(inst, time_limit)
        if starts is None:
            print("HiGHS: no schedule (%s)" % res.message)
        else:
            highs_obj, problems, _ = evaluate(inst, starts)
            print("HiGHS: objective %.2f (status %d: %s)" % (highs_obj, res.status, res.message))
            for q in problems:
                print("HiGHS schedule violates:", q)
                ok = False
    if len(args) > 1:
        with open(args[1], encoding="utf-8") as f:
            result = json.load(f)
        starts = [e["start_year"] for e in result["events"]]
        obj, problems, cash = evaluate(inst, starts)
        for q in problems:
            print("violated:", q)
        ok = ok and not problems
        if inst["mode"] == "peak":  # mode peak reports the penalty with the peak fixed
            obj = sum(penalty(e, t, inst["parameters"]) for e, t in zip(inst["events"], starts))
        ok = compare(result["objective_yen"], obj, result["status"], highs_obj, highs_obj is not None and res.status == 0) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
