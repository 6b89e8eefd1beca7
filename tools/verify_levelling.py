#!/usr/bin/python3
"""Independent check of model A (optimization.md "A", revision 2): rebuilds
both stages from an instance file written by `shisetsu level --instance-out`,
with the plain (aggregated) order constraint t_j ≥ t_i + n_i written on year
variables, solves them with HiGHS through SciPy, and compares with a result
(`--json`).

    /usr/bin/python3 tools/verify_levelling.py INSTANCE.json [RESULT.json] [--time-limit S]

Stage 1: the largest yearly overrun max_y s_y (mode budget) or the peak
max_y P_y (mode peak). Stage 2, with every overrun at most the result's
stage-1 value (every year's cash at most its peak): M·Σ s_y + penalties (mode
budget) or the penalties (mode peak). The deferral penalty of an event is
α·w(H) with w from the instance's condition_weights and the building's
condition H. Mode penalty has stage 2 only (no cash rows).

Checks that the result's schedule keeps every window and order, that its
stage values and objective recomputed here equal the reported ones, that
every per-event deferral_penalty is α·w(H), and that HiGHS agrees with each
stage: its plan is never better than the result's bound and its bound never
above the result's objective (when both are proven, the same optimum within
their gaps). Exit 0 when all agree. Shares no code with shisetsu.
"""
import json
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from verify_common import compare_intervals


def window(e, inst):
    p = inst["parameters"]
    y0, h = inst["start_year"], inst["horizon"]
    first = max(y0, e["due_year"] - p["max_advance"])
    last = min(y0 + h - e["spread"], e["due_year"] + p["max_deferral"])
    later = e["due_year"] + p["max_deferral"] > y0 + h - e["spread"]
    return first, last, later


def weight(h, table):
    """w(H): the first row with H < below, 1 otherwise or unknown."""
    if h is None:
        return 1.0
    for row in table:
        if h < row["below"]:
            return row["weight"]
    return 1.0


def alpha(e, inst):
    p = inst["parameters"]
    return p["deferral_penalty"] * weight(e.get("condition"), p.get("condition_weights", []))


def penalty(e, t, inst):
    p = inst["parameters"]
    if t is None:
        return e["cost_yen"] * alpha(e, inst) * p["max_deferral"]
    return e["cost_yen"] * (alpha(e, inst) * max(t - e["due_year"], 0) + p["advance_penalty"] * max(e["due_year"] - t, 0))


def evaluate(inst, starts):
    """Stage-1 value, stage-2 objective, violations and yearly cash of a schedule (None = later)."""
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
        pen += penalty(e, t, inst)
        if t is not None:
            for y in range(t, t + e["spread"]):
                if y0 <= y < y0 + h:
                    cash[y - y0] += e["cost_yen"] / e["spread"]
    mode = inst["mode"]
    if mode == "budget":
        over = [max(0.0, c - b) for c, b in zip(cash, inst["budget_by_year_yen"])]
        return max(over), inst["parameters"]["overrun_penalty"] * sum(over) + pen, problems, cash
    if mode == "peak":
        return max(cash), pen, problems, cash
    return None, pen, problems, cash


def solve(inst, stage, cap, time_limit):
    """One stage with binaries x_it (t in the window, or later) and the order
    written on the start years T = Σ t·x_t, "later" counted as a year past
    every window: T_j − T_i ≥ n_i·(1 − later_i)."""
    p = inst["parameters"]
    y0, h = inst["start_year"], inst["horizon"]
    mode = inst["mode"]
    events = inst["events"]
    scale = 1e-6  # millions of yen inside the model
    c, rows, rcols, vals, lo, hi = [], [], [], [], [], []
    ub = []

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
        if later:
            opts.append((None, len(c) + len(opts)))
        for t, _ in opts:
            c.append(0.0 if stage == 1 else penalty(e, t, inst) * scale)
            ub.append(1.0)
        options.append(opts)
        row([(k, 1.0) for _, k in opts], 1.0, 1.0)
    n_x = len(c)
    for k in range(1, len(events)):
        a, b = events[k - 1], events[k]
        if a["building_id"] != b["building_id"]:
            continue
        terms = [(col, (t if t is not None else big_year)) for t, col in options[k]]
        terms += [(col, -(t if t is not None else big_year) + (a["spread"] if t is None else 0)) for t, col in options[k - 1]]
        row(terms, a["spread"], np.inf)
    budget = inst["budget_by_year_yen"] if mode == "budget" else [0.0] * h
    extra = []
    if stage == 1:
        extra = [len(c)]
        c.append(1.0)  # s_max (or the peak)
        ub.append(np.inf)
    elif mode == "budget":
        for y in range(h):
            extra.append(len(c))
            c.append(p["overrun_penalty"])  # s_y, already in millions of yen
            ub.append(cap * scale)
    if stage == 1 or mode != "penalty":
        for y in range(h):
            terms = []
            for e, opts in zip(events, options):
                for t, col in opts:
                    if t is not None and t <= y0 + y < t + e["spread"]:
                        terms.append((col, e["cost_yen"] / e["spread"] * scale))
            if stage == 1:
                terms.append((extra[0], -1.0))
                row(terms, -np.inf, budget[y] * scale)
            elif mode == "budget":
                terms.append((extra[y], -1.0))
                row(terms, -np.inf, budget[y] * scale)
            else:  # peak, stage 2: every year's cash at most the peak
                row(terms, -np.inf, cap * scale)
    n = len(c)
    integrality = np.array([1] * n_x + [0] * (n - n_x))
    A = coo_matrix((vals, (rows, rcols)), shape=(len(lo), n)).tocsr()
    res = milp(np.array(c), constraints=LinearConstraint(A, lo, hi), integrality=integrality,
               bounds=Bounds(np.zeros(n), np.array(ub)), options={"time_limit": time_limit, "mip_rel_gap": 1e-9, "disp": False})
    starts = None
    if res.x is not None:
        starts = [max(opts, key=lambda o: res.x[o[1]])[0] for opts in options]
    bound = getattr(res, "mip_dual_bound", None)
    bound = bound / scale if bound is not None else None
    return res, starts, bound


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
    result = None
    if len(args) > 1:
        with open(args[1], encoding="utf-8") as f:
            result = json.load(f)
    ok = True
    mode = inst["mode"]
    stages = [1, 2] if mode in ("budget", "peak") else [2]
    cap = None
    if result is not None:
        starts = [e["start_year"] for e in result["events"]]
        first, second, problems, _ = evaluate(inst, starts)
        for q in problems:
            print("violated:", q)
        ok = ok and not problems
        for e_inst, e_res in zip(inst["events"], result["events"]):
            if abs(alpha(e_inst, inst) - e_res["deferral_penalty"]) > 1e-12:
                print("MISMATCH: %s#%d deferral_penalty %.6f, expected %.6f" % (e_inst["building_id"], e_inst["seq"], e_res["deferral_penalty"], alpha(e_inst, inst)))
                ok = False
        if mode in ("budget", "peak"):
            cap = result["stages"][0]["objective_yen"]
            if abs(first - cap) > 1e-6 * max(1.0, abs(cap)):
                print("MISMATCH: stage 1 value recomputed %.2f, reported %.2f" % (first, cap))
                ok = False
            if mode == "budget" and abs(result["max_overrun_yen"] - first) > 1e-6 * max(1.0, first):
                print("MISMATCH: max_overrun_yen %.2f, recomputed %.2f" % (result["max_overrun_yen"], first))
                ok = False
    for stage in stages:
        if stage == 2 and mode in ("budget", "peak") and cap is None:
            break  # stage 2 needs the result's stage-1 value
        res, starts, bound = solve(inst, stage, cap, time_limit)
        name = "stage %d" % stage
        if starts is None:
            # No plan in the time limit: its bound must still not exceed the result's plan.
            print("HiGHS %s: no schedule in the time limit, bound %s (%s)" % (name, "%.2f" % bound if bound is not None else "-", res.message))
            if result is not None and bound is not None:
                mine = result["stages"][stages.index(stage)]
                if bound > mine["objective_yen"] + 1e-6 * max(1.0, abs(mine["objective_yen"])):
                    print("MISMATCH: the result's plan (%.2f) is below HiGHS's bound %.2f" % (mine["objective_yen"], bound))
                    ok = False
            continue
        f1, f2, problems, _ = evaluate(inst, starts)
        value = f1 if stage == 1 else f2
        if stage == 1:
            value = max(value, 0.0) if mode == "budget" else value
        for q in problems:
            print("HiGHS %s schedule violates:" % name, q)
            ok = False
        highs_optimal = res.status == 0
        print("HiGHS %s: objective %.2f, bound %s (status %d: %s)" % (name, value, "%.2f" % bound if bound is not None else "-", res.status, res.message))
        if result is not None:
            mine = result["stages"][stages.index(stage)] if "stages" in result else result
            if stage == stages[-1]:
                if abs(mine["objective_yen"] - result["objective_yen"]) > 1e-6 * max(1.0, abs(result["objective_yen"])):
                    print("MISMATCH: the last stage's objective differs from objective_yen")
                    ok = False
                ok = compare_intervals(name, result["objective_yen"], f2_recomputed(inst, result), result["bound_yen"], result["status"],
                                       value, bound if bound is not None else -np.inf, highs_optimal) and ok
            else:
                ok = compare_intervals(name, mine["objective_yen"], mine["objective_yen"], mine["bound_yen"], mine["status"],
                                       value, bound if bound is not None else -np.inf, highs_optimal) and ok
    return 0 if ok else 1


def f2_recomputed(inst, result):
    starts = [e["start_year"] for e in result["events"]]
    return evaluate(inst, starts)[1]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
