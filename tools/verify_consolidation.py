#!/usr/bin/python3
"""Independent check of model B (optimization.md "B"): rebuilds the model from
an instance file written by `shisetsu consolidate --instance-out`, exactly as
the spec writes it (x_ijs for every pair within L, no aggregation; demand
points with a `year` — a plan's demand_years — have their coverage and
capacity rows per year), solves it
with HiGHS through SciPy, and compares with a result file (`--json`).

    /usr/bin/python3 tools/verify_consolidation.py INSTANCE.json [RESULT.json] [--time-limit S]

The objective has every term of revision 2: c_js z_js less the co-location
saving, v_js (1 − z_js) for each existing service (vacate_cost_yen), e_j (1 −
y_j), λ × travel; pinned hosts have z_js = 1.

Prints the HiGHS objective and, with RESULT.json, checks that
  - the result's plan meets every constraint of the model,
  - its objective recomputed here equals the reported objective_yen,
  - and (when both are proven optimal) HiGHS finds the same optimum.
Exit status 0 when everything agrees, 1 otherwise. Shares no code with shisetsu.
"""
import json
import sys

import numpy as np
from scipy.optimize import LinearConstraint, Bounds, milp
from scipy.sparse import coo_matrix

from verify_common import compare


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Model:
    def __init__(self):
        self.c, self.lb, self.ub, self.integ = [], [], [], []
        self.rows, self.cols, self.vals, self.rlo, self.rhi = [], [], [], [], []
        self.offset = 0.0

    def var(self, cost, lo=0.0, hi=1.0, integer=True):
        self.c.append(cost)
        self.lb.append(lo)
        self.ub.append(hi)
        self.integ.append(1 if integer else 0)
        return len(self.c) - 1

    def row(self, terms, lo, hi):
        r = len(self.rlo)
        for k, v in terms:
            self.rows.append(r)
            self.cols.append(k)
            self.vals.append(v)
        self.rlo.append(lo)
        self.rhi.append(hi)


def build(inst):
    p = inst["parameters"]
    sigma, lam, L = p["sigma"], p["lambda"], p["assignment_cutoff_m"]
    services = [s["key"] for s in inst["services"]]
    svc = {s["key"]: s for s in inst["services"]}
    m = Model()
    y, z, u, mm = {}, {}, {}, {}
    for site in inst["sites"]:
        j = site["id"]
        e = site["closing_cost_yen"]
        # e_j (1 - y_j)
        m.offset += e
        y[j] = m.var(-e, 1.0 if site["keep"] else 0.0, 1.0)
        for s, h in site["hosts"].items():
            # c_js z_js, and v_js (1 − z_js) for an existing service; z_js = 1 when pinned
            v = h.get("vacate_cost_yen", 0.0) if h["existing"] else 0.0
            m.offset += v
            z[j, s] = m.var(h["cost_yen"] - v, 1.0 if h.get("pinned") else 0.0, 1.0)
            u[j, s] = m.var(-sigma * h["cost_yen"], integer=False)
            m.row([(z[j, s], 1), (y[j], -1)], -np.inf, 0)
            m.row([(u[j, s], 1), (z[j, s], -1)], -np.inf, 0)
        mm[j] = m.var(0.0)
        m.row([(mm[j], 2)] + [(z[j, s], -1) for s in site["hosts"]], -np.inf, 0)
        for s in site["hosts"]:
            m.row([(u[j, s], 1), (mm[j], -1)], -np.inf, 0)
        if site["max_floor_area_m2"] is not None:
            m.row([(z[j, s], h["area_m2"]) for s, h in site["hosts"].items()] + [(y[j], -site["max_floor_area_m2"])], -np.inf, 0)
        for a, b in inst["incompatible"]:
            if (j, a) in z and (j, b) in z:
                m.row([(z[j, a], 1), (z[j, b], 1)], -np.inf, 1)
        if p.get("close_empty_sites") and not site["keep"]:
            m.row([(y[j], 1)] + [(z[j, s], -1) for s in site["hosts"]], -np.inf, 0)
    if p["floor_area_target"] is not None:
        m.row([(z[k], h["area_m2"]) for site in inst["sites"] for k, h in ((((site["id"], s)), h) for s, h in site["hosts"].items())],
              -np.inf, (1 - p["floor_area_target"]) * p["current_floor_area_m2"])
    weights = {d["id"]: d["weights"] for d in inst["demand"]}
    # Population year of each point (plan demand_years): coverage and
    # capacity hold in each year on its own.
    year = {d["id"]: d.get("year") for d in inst["demand"]}
    years = sorted({y for y in year.values()}, key=lambda v: (v is not None, v))
    near = {}
    for i, j, dist in inst["distances"]:
        if dist <= L:
            near.setdefault(i, []).append((j, dist))
    x = {}
    cover = {(s, yr): [] for s in services for yr in years}
    load_ = {}
    for i, w in weights.items():
        for s in services:
            wi = w.get(s, 0.0)
            terms = []
            for j, dist in near.get(i, []):
                if (j, s) not in z:
                    continue
                k = m.var(lam * wi * dist, integer=False)
                x[i, j, s] = k
                terms.append((k, 1))
                m.row([(k, 1), (z[j, s], -1)], -np.inf, 0)
                if dist <= svc[s]["catchment_m"]:
                    cover[s, year[i]].append((k, wi))
                load_.setdefault((j, s, year[i]), []).append((k, wi))
            # λ w L (1 − Σ x)
            m.offset += lam * wi * L
            for k, _ in terms:
                m.c[k] -= lam * wi * L
            if terms:
                m.row(terms, -np.inf, 1)
    for s in services:
        target = svc[s]["coverage_target"]
        for yr in years:
            total = sum(w.get(s, 0.0) for i, w in weights.items() if year[i] == yr)
            if target > 0 and total > 0:
                m.row(cover[s, yr], target * total, np.inf)
        cap = svc[s]["capacity"]
        if cap is not None:
            for (j, s2, _), terms in load_.items():
                if s2 == s:
                    m.row(terms + [(z[j, s], -cap)], -np.inf, 0)
    return m, y, z


def solve(m, time_limit):
    n = len(m.c)
    A = coo_matrix((m.vals, (m.rows, m.cols)), shape=(len(m.rlo), n)).tocsr()
    res = milp(np.array(m.c), constraints=LinearConstraint(A, m.rlo, m.rhi), integrality=np.array(m.integ),
               bounds=Bounds(m.lb, m.ub), options={"time_limit": time_limit, "mip_rel_gap": 1e-9, "disp": False})
    return res


def plan_objective(inst, plan):
    """The spec's objective for a plan given as {site: (open, [services])}, λ = 0 part
    plus travel to the nearest open hosting site (the model's optimum for x when
    nothing limits capacity)."""
    p = inst["parameters"]
    sigma, lam, L = p["sigma"], p["lambda"], p["assignment_cutoff_m"]
    total = 0.0
    for site in inst["sites"]:
        is_open, hosted = plan[site["id"]]
        complex_ = len(hosted) >= 2
        for s in hosted:
            total += site["hosts"][s]["cost_yen"] * (1 - (sigma if complex_ else 0.0))
        for s, h in site["hosts"].items():
            if h["existing"] and s not in hosted:
                total += h.get("vacate_cost_yen", 0.0)  # the vacated space demolished
        if not is_open:
            total += site["closing_cost_yen"]
    if lam > 0:
        for d in inst["demand"]:
            for s, w in d["weights"].items():
                best = L
                for i, j, dist in inst["distances"]:
                    if i == d["id"] and dist <= L and s in plan[j][1]:
                        best = min(best, dist)
                total += lam * w * best
    return total


def plan_problems(inst, plan):
    p = inst["parameters"]
    out = []
    area_total = 0.0
    for site in inst["sites"]:
        is_open, hosted = plan[site["id"]]
        if site["keep"] and not is_open:
            out.append(site["id"] + ": keep site closed")
        if hosted and not is_open:
            out.append(site["id"] + ": hosts while closed")
        if p.get("close_empty_sites") and not site["keep"] and is_open and not hosted:
            out.append(site["id"] + ": open and empty")
        area = sum(site["hosts"][s]["area_m2"] for s in hosted if s in site["hosts"])
        if any(s not in site["hosts"] for s in hosted):
            out.append(site["id"] + ": hosts a service it may not host")
        if site["max_floor_area_m2"] is not None and area > site["max_floor_area_m2"] + 1e-6:
            out.append(site["id"] + ": floor area above its maximum")
        for a, b in inst["incompatible"]:
            if a in hosted and b in hosted:
                out.append(site["id"] + ": incompatible services")
        for s, h in site["hosts"].items():
            if h.get("pinned") and s not in hosted:
                out.append(site["id"] + ": pinned service " + s + " left")
        area_total += area
    if p["floor_area_target"] is not None and area_total > (1 - p["floor_area_target"]) * p["current_floor_area_m2"] + 1e-6:
        out.append("floor-area target exceeded")
    L = p["assignment_cutoff_m"]
    for svc in inst["services"]:
        s = svc["key"]
        if svc["capacity"] is not None:
            continue  # coverage with capacities depends on the assignment; not checked here
        covered = {}
        total = {}
        reach = {}
        for i, j, dist in inst["distances"]:
            if dist <= min(L, svc["catchment_m"]) and s in plan[j][1]:
                reach[i] = True
        for d in inst["demand"]:
            w = d["weights"].get(s, 0.0)
            yr = d.get("year")
            total[yr] = total.get(yr, 0.0) + w
            if reach.get(d["id"]):
                covered[yr] = covered.get(yr, 0.0) + w
        for yr, t in total.items():
            c = covered.get(yr, 0.0)
            if t > 0 and c + 1e-9 * t < svc["coverage_target"] * t:
                out.append("%s%s: coverage %.4f below target %.4f" % (s, "" if yr is None else " (%d)" % yr, c / t, svc["coverage_target"]))
    return out


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    time_limit = 300.0
    if "--time-limit" in argv:
        time_limit = float(argv[argv.index("--time-limit") + 1])
        args = [a for a in args if a != argv[argv.index("--time-limit") + 1]]
    inst = load(args[0])
    m, y, z = build(inst)
    res = solve(m, time_limit)
    ok = True
    if res.x is None:
        print("HiGHS: no plan (%s)" % res.message)
        highs_obj = None
    else:
        highs_obj = res.fun + m.offset
        bound = getattr(res, "mip_dual_bound", None)
        print("HiGHS: objective %.2f bound %s status %d (%s)" % (highs_obj, "%.2f" % (bound + m.offset) if bound is not None else "-",
                                                                 res.status, res.message))
    if len(args) > 1:
        result = load(args[1])
        plan = {s["id"]: (s["open"], list(s["services"])) for s in result["sites"]}
        for site in inst["sites"]:
            plan.setdefault(site["id"], (False, []))  # unused candidate sites are left out of the result
        problems = plan_problems(inst, plan)
        for q in problems:
            print("violated:", q)
        ok = ok and not problems
        recomputed = plan_objective(inst, plan)
        ok = compare(result["objective_yen"], recomputed, result["status"], highs_obj, res.status == 0) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
