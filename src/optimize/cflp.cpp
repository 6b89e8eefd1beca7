// Capacitated location with fixed costs (optimization.md, "Capacitated
// location with fixed costs"; issue 20):
//   min Σ_j f_j·y_j + Σ_ij c_ij·x_ij
//   Σ_j x_ij = 1, Σ_i w_i·x_ij ≤ Q_j·y_j, x_ij ≤ y_j, [Σ_j y_j = p], required y_j = 1,
// x_ij ∈ [0, 1] (split demand) or {0, 1} (--single-source). Exact, in the way
// of the p-median solver (pmedian.cpp):
// 1. the strong formulation (x_ij ≤ y_j and the aggregate capacity cover
//    Σ_j Q_j·y_j ≥ Σ_i w_i) with the demand rows relaxed (λ_i ≥ 0):
//      L(λ) = Σ_i λ_i + min { Σ_j v_j(λ)·y_j : cover, [p], fixings },
//      v_j(λ) = f_j + min { Σ_i (c_ij − λ_i)·x_ij : Σ_i w_i·x_ij ≤ Q_j, 0 ≤ x ≤ 1 },
//    a continuous knapsack per site and one small 0-1 cover knapsack over
//    the sites, solved exactly (Beasley 1988; Görtz & Klose 2012), maximised
//    by the shared subgradient search (lagrangian.hpp);
// 2. plans: the relaxation's sites, their assignment the transportation LP
//    (Clp, a fresh LP over the open sites' pairs), improved by closing sites;
// 3. reduced-cost fixing: a site whose flip pushes L to the plan's value is fixed;
// 4. split demand: best-first Lagrangian branch and bound on the sites, each
//    node warm started from its parent's multipliers, the leaves solved
//    exactly by the LP; single source: the reduced MILP (binary x over the
//    sites left free) for CBC with the plan as cut-off. The split relaxation
//    bounds the single-source model from below, so its bound and fixing hold.
//
// This file: the instance as the solver sees it, the node evaluation and the
// search (root, branch and bound, the single-source MILP), and the textbook
// model for comparison. L(λ) is in cflp_relaxation.cpp, the plans and their
// local search in cflp_plans.cpp, what they share in cflp_detail.hpp.
#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/cflp_detail.hpp"
#include "optimize/lagrangian.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>

namespace shisetsu::optimize::detail {

using namespace cflp;

namespace {

// Origins without demand have nothing to serve and stay out of the model.
Cflp prepare(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    Cflp c;
    c.n = in.sites.size();
    for (std::size_t i = 0; i < in.origins.size(); ++i)
        if (in.weight[i] > 0) {
            c.instance_origin.push_back(static_cast<int>(i));
            c.w.push_back(in.weight[i]);
        }
    c.m = c.w.size();
    c.f = req.fixed_cost;
    c.Q = req.capacity;
    c.p = req.p;
    c.single_source = req.single_source;
    c.base.assign(c.n, -1);
    for (std::size_t j = 0; j < c.n; ++j)
        if (required[j]) c.base[j] = 1;
    std::vector<double> reachable(c.n, 0.0);
    for (std::size_t i = 0; i < c.m; ++i) {
        c.demand += c.w[i];
        const auto io = static_cast<std::size_t>(c.instance_origin[i]);
        for (std::size_t k = in.first[io]; k < in.first[io + 1]; ++k) {
            auto j = static_cast<std::size_t>(in.site[k]);
            // Single source: a site that cannot hold all of i's demand cannot serve i.
            if (c.single_source && c.w[i] > c.Q[j] * (1 + 1e-12)) continue;
            c.site.push_back(static_cast<int>(j));
            c.cost.push_back(in.distance_m[k]);
            c.instance_pair.push_back(k);
            reachable[j] += c.w[i];
        }
        if (c.site.size() == c.first.back())
            throw SolverError(std::string(tr("cflp: 需要点 ", "cflp: origin ")) + in.origins[io] +
                                  tr(" を受け持てる施設がありません", " has no site that can serve it"),
                              true);
        c.first.push_back(c.site.size());
    }
    // Capacity beyond the demand a site can reach is of no use: the tighter
    // Q_j strengthens the aggregate cover without changing the model.
    for (std::size_t j = 0; j < c.n; ++j) c.Q[j] = std::min(c.Q[j], reachable[j]);
    c.origin.resize(c.site.size());
    for (std::size_t i = 0; i < c.m; ++i) {
        for (std::size_t k = c.first[i]; k < c.first[i + 1]; ++k) c.origin[k] = static_cast<int>(i);
        c.step_target += c.cost[c.first[i + 1] - 1];
    }
    for (double fj : c.f) c.step_target += fj;
    return c;
}

std::string money(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// The search's state on the solvers' progress bar: incumbent (none yet:
// not shown), bound, gap and nodes.
void show(SolveProgress& progress, double incumbent, double bound, long nodes) {
    progress.report(incumbent < kUnreachable ? std::optional<double>(incumbent) : std::nullopt, bound);
    progress.nodes(nodes);
}

// One subproblem of the branch and bound: sites fixed open or closed.
struct Node {
    std::vector<signed char> state;  // -1 free, 0 closed, 1 open
    std::vector<double> lambda;
    double bound = -kUnreachable;
};

// Node evaluation: the Lagrangian dual under the node's fixings (warm started
// from its λ), plans from the relaxation, reduced-cost fixing. Returns the
// free site to branch on, or -1 when the node is done (pruned or solved).
class NodeSolver {
public:
    NodeSolver(const Cflp& c, Incumbent& inc) : c_(c), inc_(inc), relax_(c) {}

    double floor = kUnreachable;  // least bound of the nodes closed by their bound (≤ their true value)
    int iterations = 0;
    SolveProgress* progress = nullptr;  // shown while the root works

    int evaluate(Node& node, const SubgradientSettings& settings) {
        int free = static_cast<int>(std::count(node.state.begin(), node.state.end(), -1));
        if (free == 0) return leaf(node);
        std::vector<double> best_value;
        std::vector<double> best_chosen;
        double best_bound = -kUnreachable;
        std::vector<double> average(c_.n, 0.0);
        int counted = 0;
        double target = inc_.value() < kUnreachable ? inc_.value() : c_.step_target;
        auto outcome = subgradient_ascent(
            node.lambda, target, settings,
            [&](const std::vector<double>& lambda, std::vector<double>& g) {
                double L = relax_.evaluate(lambda, node.state, g);
                // A moving average of the relaxation's y, recent iterations weighing most.
                double a = counted == 0 ? 1.0 : 0.1;
                for (std::size_t j = 0; j < c_.n; ++j) average[j] += a * (relax_.chosen[j] - average[j]);
                ++counted;
                return L;
            },
            [&](double L) { best_value = relax_.value; best_chosen = relax_.chosen; best_bound = L; },
            // Plans along the way without local search (measured: the search
            // costs more LPs than it saves nodes), at the end with it.
            [&]() {
                try_plan(relax_.chosen, false);
                if (progress) show(*progress, inc_.value(), std::max(node.bound, best_bound), 0);
                return std::min(inc_.value(), c_.step_target);
            },
            [&](double b, double u) { return c_.proves(b, u); });
        iterations += outcome.iterations;
        node.lambda = std::move(outcome.lambda);
        if (best_chosen.empty()) {  // no y meets the cover under these fixings
            node.bound = kUnreachable;
            return -1;
        }
        node.bound = std::max(node.bound, outcome.bound);
        try_plan(best_chosen, true);
        if (close_by_bound(node)) return -1;

        // Reduced-cost fixing at the best multipliers: flip one free site and
        // solve the cover knapsack again; if that bound reaches the plan, the
        // site keeps its relaxed state.
        const double sum = std::accumulate(node.lambda.begin(), node.lambda.end(), 0.0);
        std::vector<signed char> trial = node.state;
        int pick = -1;
        double pick_score = -1.0;
        for (std::size_t j = 0; j < c_.n; ++j) {
            if (node.state[j] != -1) continue;
            const bool in = best_chosen[j] > 0.5;
            trial[j] = in ? 0 : 1;
            double flipped = sum + relax_.knapsack(best_value, trial);
            trial[j] = -1;
            if (c_.proves(flipped, inc_.value())) {
                node.state[j] = in ? 1 : 0;
                trial[j] = node.state[j];
                floor = std::min(floor, flipped);
                continue;
            }
            // Branch where the relaxation wavers most; between steady sites,
            // where a flip costs most (its other child is likely pruned).
            double a = average[j];
            double score = std::min(a, 1.0 - a) + 1e-12 * std::min(flipped - node.bound, 1e12) / (1.0 + std::abs(node.bound));
            if (score > pick_score) { pick_score = score; pick = static_cast<int>(j); }
        }
        if (pick < 0) {
            for (std::size_t j = 0; j < c_.n; ++j)
                if (node.state[j] == -1) { pick = static_cast<int>(j); break; }
            if (pick < 0) return leaf(node);
        }
        return pick;
    }

    // The node's relaxed sites as a plan: required sites added; with p, only
    // when the count is right. `search`: a local search when it beats the best.
    void try_plan(const std::vector<double>& relaxed, bool search) {
        std::vector<char> y(c_.n);
        for (std::size_t j = 0; j < c_.n; ++j) y[j] = relaxed[j] > 0 || c_.base[j] == 1;
        if (c_.p > 0 && std::count(y.begin(), y.end(), 1) != c_.p) return;
        inc_.consider(std::move(y), search);
    }

private:
    const Cflp& c_;
    Incumbent& inc_;
    Relaxation relax_;

    bool close_by_bound(const Node& node) {
        if (!c_.proves(node.bound, inc_.value())) return false;
        floor = std::min(floor, node.bound);
        return true;
    }

    // Every site fixed: the LP gives the node's exact value.
    int leaf(Node& node) {
        std::vector<char> y(c_.n);
        for (std::size_t j = 0; j < c_.n; ++j) y[j] = node.state[j] == 1;
        if (c_.p > 0 && std::count(y.begin(), y.end(), 1) != c_.p) { node.bound = kUnreachable; return -1; }
        double v = inc_.consider(y);
        if (!c_.single_source) node.bound = v;  // split demand: exact; single source: left to the MILP
        return -1;
    }
};

// Single source, the sites left free by the root: the strong formulation
// with binary x for CBC, the plan as start and cut-off. Returns CBC's bound
// (the plan's value when nothing better exists); a better plan replaces the
// incumbent.
double single_source_milp(const Cflp& c, const std::vector<signed char>& state, Incumbent& inc, double time_limit_s,
                          SolveProgress& progress, LocationResult& r) {
    MipProblem mip;
    std::vector<int> y(c.n, -1), x(c.site.size(), -1);
    for (std::size_t j = 0; j < c.n; ++j)
        if (state[j] != 0) y[j] = mip.add_col(state[j] == 1 ? 1.0 : 0.0, 1.0, c.f[j], true);
    std::vector<std::vector<std::pair<int, double>>> by_site(c.n);
    std::vector<int> idx;
    std::vector<double> val;
    for (std::size_t i = 0; i < c.m; ++i) {
        idx.clear(); val.clear();
        for (std::size_t k = c.first[i]; k < c.first[i + 1]; ++k) {
            auto j = static_cast<std::size_t>(c.site[k]);
            if (y[j] < 0) continue;
            x[k] = mip.add_col(0.0, 1.0, c.cost[k], true);
            idx.push_back(x[k]); val.push_back(1.0);
            by_site[j].emplace_back(x[k], c.w[i]);
            if (state[j] == -1) mip.add_row({{x[k], 1.0}, {y[j], -1.0}}, -kInfinity, 0.0);  // x_ij ≤ y_j
        }
        if (idx.empty()) return inc.value();  // i cannot be served: nothing better than the plan
        mip.add_row(idx, val, 1.0, 1.0);
    }
    idx.clear(); val.clear();
    std::vector<int> cover_idx, count_idx;
    std::vector<double> cover_val, count_val;
    for (std::size_t j = 0; j < c.n; ++j) {
        if (y[j] < 0) continue;
        idx.clear(); val.clear();
        for (const auto& [col, wi] : by_site[j]) { idx.push_back(col); val.push_back(wi); }
        idx.push_back(y[j]); val.push_back(-c.Q[j]);
        mip.add_row(idx, val, -kInfinity, 0.0);
        cover_idx.push_back(y[j]); cover_val.push_back(c.Q[j]);
        count_idx.push_back(y[j]); count_val.push_back(1.0);
    }
    mip.add_row(cover_idx, cover_val, c.demand, kInfinity);
    if (c.p > 0) mip.add_row(count_idx, count_val, c.p, c.p);
    r.milp_rows = mip.rows();
    r.milp_cols = mip.cols();

    MipOptions opt;
    opt.time_limit_s = time_limit_s;
    opt.progress = &progress;  // the search's bar goes on with CBC's figures
    if (inc.value() < kUnreachable) {
        std::vector<double> start(static_cast<std::size_t>(mip.cols()), 0.0);
        bool inside = true;
        for (std::size_t j = 0; j < c.n; ++j) {
            if (!inc.best.open[j]) continue;
            if (y[j] < 0) inside = false;
            else start[static_cast<std::size_t>(y[j])] = 1.0;
        }
        for (std::size_t k = 0; k < c.site.size(); ++k)
            if (inc.best.x[k] > 0.5) {
                if (x[k] < 0) inside = false;
                else start[static_cast<std::size_t>(x[k])] = 1.0;
            }
        if (inside) opt.start = std::move(start);
        else opt.cutoff = inc.value();
    }
    MipSolution sol = solve_mip(mip, opt);
    if (sol.has_plan() && sol.objective < inc.value()) {
        std::vector<char> open(c.n, 0);
        std::vector<double> shares(c.site.size(), 0.0);
        for (std::size_t j = 0; j < c.n; ++j) open[j] = y[j] >= 0 && sol.values[static_cast<std::size_t>(y[j])] > 0.5;
        for (std::size_t k = 0; k < c.site.size(); ++k) shares[k] = x[k] >= 0 && sol.values[static_cast<std::size_t>(x[k])] > 0.5 ? 1.0 : 0.0;
        inc.replace(open, shares);
    }
    if (sol.status == MipStatus::infeasible) return inc.value();  // nothing better than the plan
    return std::min(sol.bound, inc.value());
}

} // namespace

LocationResult solve_cflp(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    auto t0 = std::chrono::steady_clock::now();
    const Cflp c = prepare(in, req, required);
    LocationResult r;
    r.method = c.single_source ? "lagrangian+reduced_milp" : "lagrangian+branch_and_bound";
    {
        double cap = 0.0;
        for (double q : c.Q) cap += q;
        if (cap < c.demand * (1 - 1e-12))
            throw SolverError(std::string(tr("cflp: 施設の容量の合計 ", "cflp: the sites' total usable capacity ")) + money(cap) +
                                  tr(" が需要の合計 ", " is less than the total demand ") + money(c.demand) + tr(" に足りません", ""),
                              true);
    }
    SolveProgress progress(req.progress_label, req.time_limit_s);
    Transport transport(c);
    Incumbent inc(c, transport);

    // A first plan: every site open (without --p), or the p largest.
    std::vector<double> lambda(c.m);
    {
        std::vector<char> y(c.n, 0);
        if (c.p == 0) std::fill(y.begin(), y.end(), 1);
        else {
            std::vector<int> order(c.n);
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                auto sa = static_cast<std::size_t>(a), sb = static_cast<std::size_t>(b);
                return std::pair(c.base[sa] != 1, -c.Q[sa]) < std::pair(c.base[sb] != 1, -c.Q[sb]);
            });
            for (int t = 0; t < c.p && t < static_cast<int>(c.n); ++t) y[static_cast<std::size_t>(order[static_cast<std::size_t>(t)])] = 1;
        }
        // Split demand with every site open: no plan means none exists, and
        // the LP's duals of the demand rows are a good first λ.
        bool all_open_split = c.p == 0 && !c.single_source;
        double v = inc.consider(y, false);  // no local search: the Lagrangian's plans improve on it soon, at less cost
        if (all_open_split && v == kUnreachable)
            throw SolverError(tr("cflp: すべての施設を開設しても需要を割り当てきれません (容量不足)",
                                 "cflp: even with every site open the demand cannot be assigned within the capacities"),
                              true);
        if (all_open_split) lambda = transport.duals;
        else
            for (std::size_t i = 0; i < c.m; ++i) lambda[i] = c.cost[c.first[i]];
    }
    r.heuristic_objective = inc.value();
    r.heuristic_s = seconds_since(t0);

    // Root: the Lagrangian dual, plans along the way, reduced-cost fixing.
    auto t1 = std::chrono::steady_clock::now();
    NodeSolver solver(c, inc);
    solver.progress = &progress;
    Node root{c.base, lambda, -kUnreachable};
    SubgradientSettings root_settings;
    // Settings measured on capb and capc (the hardest): at the root, halving
    // θ after 10 idle iterations; below it, a longer patience (20) for fewer nodes.
    root_settings.theta = 2.0;
    root_settings.patience = 10;
    root_settings.max_iterations = 5000;
    root_settings.min_theta = 1e-4;
    root_settings.primal_every = 20;
    root_settings.time_budget_s = req.time_limit_s > 0 ? std::max(0.2, 0.25 * req.time_limit_s) : 30.0;
    int pick = solver.evaluate(root, root_settings);
    r.lagrangian_bound = root.bound;
    r.lagrangian_iterations = solver.iterations;
    r.lagrangian_s = seconds_since(t1);
    for (std::size_t j = 0; j < c.n; ++j) {
        if (c.base[j] == 1) continue;
        r.fixed_open += root.state[j] == 1;
        r.fixed_closed += root.state[j] == 0;
    }
    show(progress, inc.value(), std::min(inc.value(), root.bound), 1);

    double bound = root.bound;
    auto t2 = std::chrono::steady_clock::now();
    if (pick >= 0 && !c.single_source) {
        // Best-first Lagrangian branch and bound: the least bound is explored
        // next, so the reported bound (the least bound left) rises steadily.
        std::vector<Node> heap;
        auto by_bound = [](const Node& a, const Node& b) { return a.bound > b.bound; };
        auto push_children = [&](Node&& node, int site) {
            Node closed = node, opened = std::move(node);
            closed.state[static_cast<std::size_t>(site)] = 0;
            opened.state[static_cast<std::size_t>(site)] = 1;
            heap.push_back(std::move(closed));
            std::push_heap(heap.begin(), heap.end(), by_bound);
            heap.push_back(std::move(opened));
            std::push_heap(heap.begin(), heap.end(), by_bound);
        };
        push_children(std::move(root), pick);
        SubgradientSettings child;
        child.theta = 2.0;
        child.patience = 20;
        child.max_iterations = 200;
        child.min_theta = 1e-4;
        child.primal_every = 0;  // one plan per node, at its end: most plans along the way are seen already or worse
        bool complete = true;
        long nodes = 1;
        while (!heap.empty()) {
            if (req.time_limit_s > 0 && seconds_since(t0) > req.time_limit_s) { complete = false; break; }
            std::pop_heap(heap.begin(), heap.end(), by_bound);
            Node node = std::move(heap.back());
            heap.pop_back();
            if (c.proves(node.bound, inc.value())) { solver.floor = std::min(solver.floor, node.bound); continue; }
            ++nodes;
            int site = solver.evaluate(node, child);
            if (site >= 0) push_children(std::move(node), site);
            double least = heap.empty() ? inc.value() : std::min(inc.value(), heap.front().bound);
            show(progress, inc.value(), std::min(least, solver.floor), nodes);
        }
        r.bb_nodes = nodes;
        bound = inc.value();
        if (!complete)
            for (const auto& nd : heap) bound = std::min(bound, nd.bound);
        bound = std::min(bound, solver.floor);
    } else if (c.single_source) {
        bound = std::min(root.bound, inc.value());
        if (!c.proves(bound, inc.value())) {
            double left_s = req.time_limit_s > 0 ? std::max(0.1, req.time_limit_s - seconds_since(t0)) : 0.0;
            progress.stage(tr("単一割当 MILP", "single-source MILP"));
            progress.report(inc.value() < kUnreachable ? std::optional<double>(inc.value()) : std::nullopt, bound);
            bound = std::max(bound, single_source_milp(c, root.state, inc, left_s, progress, r));
        }
    } else {
        bound = std::min(solver.floor, inc.value());
    }
    r.milp_s = seconds_since(t2);
    r.lagrangian_iterations = solver.iterations;

    if (inc.value() == kUnreachable)
        throw SolverError(tr("cflp: 実行可能な配置がありません", "cflp: no feasible plan"), true);
    r.objective = inc.value();
    r.bound = std::min(bound, inc.value());
    for (std::size_t j = 0; j < c.n; ++j)
        if (inc.best.open[j]) r.open.push_back(static_cast<int>(j));
    for (std::size_t i = 0; i < c.m; ++i)
        for (std::size_t k = c.first[i]; k < c.first[i + 1]; ++k)
            if (inc.best.x[k] > 1e-9) r.shares.push_back({c.instance_origin[i], c.site[k], inc.best.x[k]});
    r.status = relative_gap(r.objective, r.bound) <= kProveTolerance ? "optimal" : "feasible";
    return r;
}

double cflp_split_cost(const LocationInstance& in, const LocationRequest& req, const std::vector<int>& open) {
    LocationRequest split = req;
    split.single_source = false;
    split.p = 0;
    std::vector<char> is_open(in.sites.size(), 0);
    for (int j : open) is_open[static_cast<std::size_t>(j)] = 1;
    try {
        const Cflp c = prepare(in, split, std::vector<char>(in.sites.size(), 0));
        Transport transport(c);
        auto t = transport.solve(is_open);
        if (!t) return kUnreachable;
        double cost = *t;
        for (int j : open) cost += req.fixed_cost[static_cast<std::size_t>(j)];
        return cost;
    } catch (const SolverError&) {
        return kUnreachable;  // an origin without any listed site
    }
}

// The plain model for comparison (`--method textbook`): y binary, x for
// every listed pair (binary with single source), Σ_j x_ij = 1,
// Σ_i w_i·x_ij ≤ Q_j·y_j, [Σ y = p] over the origins with demand — neither x_ij ≤ y_j nor the cover; CBC alone.
LocationResult solve_cflp_textbook(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    const std::size_t m = in.origins.size(), n = in.sites.size();
    MipProblem mip;
    std::vector<int> y(n);
    for (std::size_t j = 0; j < n; ++j) y[j] = mip.add_col(required[j] ? 1.0 : 0.0, 1.0, req.fixed_cost[j], true);
    std::vector<int> x(in.pair_count(), -1);
    std::vector<std::vector<std::pair<int, double>>> by_site(n);
    std::vector<int> idx;
    std::vector<double> val;
    for (std::size_t i = 0; i < m; ++i) {
        if (in.weight[i] <= 0) continue;  // nothing to serve
        idx.clear(); val.clear();
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k) {
            x[k] = mip.add_col(0.0, 1.0, in.distance_m[k], req.single_source);
            idx.push_back(x[k]); val.push_back(1.0);
            by_site[static_cast<std::size_t>(in.site[k])].emplace_back(x[k], in.weight[i]);
        }
        mip.add_row(idx, val, 1.0, 1.0);
    }
    for (std::size_t j = 0; j < n; ++j) {
        idx.clear(); val.clear();
        for (const auto& [col, wi] : by_site[j]) { idx.push_back(col); val.push_back(wi); }
        idx.push_back(y[j]); val.push_back(-req.capacity[j]);
        mip.add_row(idx, val, -kInfinity, 0.0);
    }
    if (req.p > 0) {
        std::vector<double> ones(n, 1.0);
        mip.add_row(y, ones, req.p, req.p);
    }
    MipOptions opt;
    opt.time_limit_s = req.time_limit_s;
    opt.progress_label = req.progress_label;
    MipSolution sol = solve_mip(mip, opt);
    LocationResult r;
    r.method = "textbook_milp";
    r.milp_rows = mip.rows();
    r.milp_cols = mip.cols();
    r.milp_s = sol.time_s;
    if (sol.status == MipStatus::infeasible) throw SolverError(tr("cflp: 実行可能な配置がありません", "cflp: no feasible plan"), true);
    if (!sol.has_plan()) throw SolverError(tr("cflp: 制限時間内に配置が見つかりませんでした", "cflp: no plan found within the time limit"));
    for (std::size_t j = 0; j < n; ++j)
        if (sol.values[static_cast<std::size_t>(y[j])] > 0.5) r.open.push_back(static_cast<int>(j));
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
            if (x[k] >= 0 && sol.values[static_cast<std::size_t>(x[k])] > 1e-9)
                r.shares.push_back({static_cast<int>(i), in.site[k], sol.values[static_cast<std::size_t>(x[k])]});
    r.objective = sol.objective;
    r.bound = sol.bound;
    r.status = status_name(sol.status);
    return r;
}

} // namespace shisetsu::optimize::detail
