// p-median, exact and fast (optimization.md "B", presets; issue 5 item 4):
// 1. a plan from greedy + vertex substitution (Whitaker's fast interchange);
// 2. a Lagrangian bound (assignment constraints relaxed, subgradient);
// 3. Lagrangian reduced-cost fixing of sites: a site whose opening (closing)
//    pushes the bound to the plan's value is fixed closed (open);
// 4. the rest as a MILP in the sparse radius form (one row per origin and
//    distinct distance, a site appears once per origin), truncated where a
//    fixed-open site or the (free − p' + 1)-th nearest free site lies, solved
//    by CBC with the plan's value as cut-off.
// The bound stays true: optimum ≥ min(plan, bound of the reduced MILP).
#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/lagrangian.hpp"
#include "optimize/location_detail.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <utility>

namespace shisetsu::optimize::detail {

namespace {

// Nearest and second-nearest open site of every origin.
struct Nearest {
    std::vector<int> site1, site2;
    std::vector<double> d1, d2;
};

void update_nearest(const LocationInstance& in, const std::vector<char>& is_open, Nearest& n) {
    std::size_t m = in.origins.size();
    n.site1.assign(m, -1); n.site2.assign(m, -1);
    n.d1.assign(m, kUnreachable); n.d2.assign(m, kUnreachable);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k) {
            int j = in.site[k];
            if (!is_open[static_cast<std::size_t>(j)]) continue;
            if (n.site1[i] < 0) { n.site1[i] = j; n.d1[i] = in.distance_m[k]; }
            else { n.site2[i] = j; n.d2[i] = in.distance_m[k]; break; }
        }
}

// A large finite stand-in for "cannot be served", so sums stay comparable.
double penalty_distance(const LocationInstance& in) {
    double dmax = 0.0;
    for (double d : in.distance_m) dmax = std::max(dmax, d);
    return (dmax + 1.0) * 1e3;
}

} // namespace

std::vector<char> pmedian_heuristic(const LocationInstance& in, const SiteColumns& cols, int p,
                                    const std::vector<char>& required) {
    const std::size_t m = in.origins.size(), n = in.sites.size();
    const double big = penalty_distance(in);
    std::vector<char> is_open(required);
    int open_count = static_cast<int>(std::count(is_open.begin(), is_open.end(), 1));
    auto cap = [&](double d) { return d == kUnreachable ? big : d; };

    // Greedy: add the site that saves most, until p are open.
    std::vector<double> cur(m);
    {
        Nearest nn;
        update_nearest(in, is_open, nn);
        for (std::size_t i = 0; i < m; ++i) cur[i] = cap(nn.d1[i]);
    }
    while (open_count < p) {
        int best = -1;
        double best_gain = -1.0;
        for (std::size_t j = 0; j < n; ++j) {
            if (is_open[j]) continue;
            double gain = 0.0;
            for (std::size_t k = cols.first[j]; k < cols.first[j + 1]; ++k) {
                auto i = static_cast<std::size_t>(cols.origin[k]);
                if (cols.distance_m[k] < cur[i]) gain += in.weight[i] * (cur[i] - cols.distance_m[k]);
            }
            if (gain > best_gain) { best_gain = gain; best = static_cast<int>(j); }
        }
        is_open[static_cast<std::size_t>(best)] = 1;
        ++open_count;
        for (std::size_t k = cols.first[static_cast<std::size_t>(best)]; k < cols.first[static_cast<std::size_t>(best) + 1]; ++k) {
            auto i = static_cast<std::size_t>(cols.origin[k]);
            cur[i] = std::min(cur[i], cols.distance_m[k]);
        }
    }

    return pmedian_interchange(in, cols, std::move(is_open), required);
}

std::vector<char> pmedian_interchange(const LocationInstance& in, const SiteColumns& cols, std::vector<char> is_open,
                                      const std::vector<char>& required) {
    const std::size_t m = in.origins.size(), n = in.sites.size();
    const double big = penalty_distance(in);
    auto cap = [&](double d) { return d == kUnreachable ? big : d; };
    // Vertex substitution, best improvement per pass. For a swap (in a, out r)
    // the change is G(a) + E(a, r) with G(a) = Σ_i w·min(0, d_ia − d1_i) and
    // E(a, r) = Σ_{i: nearest = r} w·(min(d2_i, d_ia) − min(d1_i, d_ia)).
    Nearest nn;
    std::vector<double> base(n), extra(n, 0.0);
    std::vector<int> touched;
    for (int pass = 0; pass < 10000; ++pass) {
        update_nearest(in, is_open, nn);
        std::fill(base.begin(), base.end(), 0.0);
        for (std::size_t i = 0; i < m; ++i)
            if (nn.site1[i] >= 0) base[static_cast<std::size_t>(nn.site1[i])] += in.weight[i] * (cap(nn.d2[i]) - cap(nn.d1[i]));
        double best_delta = -1e-9 * (1.0 + std::accumulate(in.weight.begin(), in.weight.end(), 0.0));
        int best_in = -1, best_out = -1;
        for (std::size_t a = 0; a < n; ++a) {
            if (is_open[a]) continue;
            double gain = 0.0;
            touched.clear();
            for (std::size_t k = cols.first[a]; k < cols.first[a + 1]; ++k) {
                auto i = static_cast<std::size_t>(cols.origin[k]);
                double d = cols.distance_m[k], d1 = cap(nn.d1[i]), d2 = cap(nn.d2[i]);
                if (d < d1) gain += in.weight[i] * (d - d1);
                int r = nn.site1[i];
                if (r < 0) continue;
                double e = in.weight[i] * ((std::min(d2, d) - std::min(d1, d)) - (d2 - d1));
                if (e != 0.0) {
                    if (extra[static_cast<std::size_t>(r)] == 0.0) touched.push_back(r);
                    extra[static_cast<std::size_t>(r)] += e;
                    if (extra[static_cast<std::size_t>(r)] == 0.0) extra[static_cast<std::size_t>(r)] = 1e-300;
                }
            }
            for (std::size_t r = 0; r < n; ++r) {
                if (!is_open[r] || required[r]) continue;
                double delta = gain + base[r] + extra[r];
                if (delta < best_delta) { best_delta = delta; best_in = static_cast<int>(a); best_out = static_cast<int>(r); }
            }
            for (int r : touched) extra[static_cast<std::size_t>(r)] = 0.0;
        }
        if (best_in < 0) break;
        is_open[static_cast<std::size_t>(best_in)] = 1;
        is_open[static_cast<std::size_t>(best_out)] = 0;
    }
    return is_open;
}

namespace {

struct LagrangianResult {
    double bound = -kUnreachable;
    std::vector<double> rho;        // per site, at the best multipliers
    std::vector<char> chosen;       // the sites picked at the best multipliers
    double rho_p = 0.0, rho_next = 0.0;  // p-th smallest free ρ among chosen / (p'+1)-th
    int iterations = 0;
};

// L(λ) = Σ_i λ_i + Σ_{j∈S} ρ_j, ρ_j = Σ_i min(0, w_i d_ij − λ_i), S = the
// required sites and the p − |R| other sites with the smallest ρ.
// `primal` turns the relaxation's sites into a plan and returns its cost; it
// is called now and then (every 100 iterations while the bound
// improves) so that a better plan lowers `upper`, which both steers the step
// and ends the search as soon as the bound meets it.
LagrangianResult lagrangian(const LocationInstance& in, const SiteColumns& cols, int p, const std::vector<char>& required,
                            double upper, const Nearest& start, bool integral, double time_budget_s,
                            const std::function<double(const std::vector<char>&)>& primal) {
    const std::size_t m = in.origins.size(), n = in.sites.size();
    std::vector<double> lambda(m, 0.0);
    for (std::size_t i = 0; i < m; ++i)
        lambda[i] = in.weight[i] * (start.d1[i] == kUnreachable ? 0.0 : start.d1[i]);
    int free_p = p - static_cast<int>(std::count(required.begin(), required.end(), 1));
    LagrangianResult best;
    std::vector<double> rho(n);
    std::vector<int> order;
    std::vector<char> chosen(n);
    double rho_p = 0.0;
    std::vector<int>::iterator nth;
    auto evaluate = [&](const std::vector<double>& lambda_now, std::vector<double>& g) {
        double L = std::accumulate(lambda_now.begin(), lambda_now.end(), 0.0);
        for (std::size_t j = 0; j < n; ++j) {
            double r = 0.0;
            for (std::size_t k = cols.first[j]; k < cols.first[j + 1]; ++k) {
                auto i = static_cast<std::size_t>(cols.origin[k]);
                double c = in.weight[i] * cols.distance_m[k] - lambda_now[i];
                if (c < 0) r += c;
            }
            rho[j] = r;
        }
        order.clear();
        for (std::size_t j = 0; j < n; ++j)
            if (!required[j]) order.push_back(static_cast<int>(j));
        nth = order.begin() + std::min<std::ptrdiff_t>(free_p, static_cast<std::ptrdiff_t>(order.size()));
        std::nth_element(order.begin(), nth, order.end(), [&](int a, int b) { return rho[static_cast<std::size_t>(a)] < rho[static_cast<std::size_t>(b)]; });
        std::fill(chosen.begin(), chosen.end(), 0);
        for (std::size_t j = 0; j < n; ++j)
            if (required[j]) { chosen[j] = 1; L += rho[j]; }
        rho_p = -kUnreachable;
        for (auto o = order.begin(); o != nth; ++o) {
            chosen[static_cast<std::size_t>(*o)] = 1;
            L += rho[static_cast<std::size_t>(*o)];
            rho_p = std::max(rho_p, rho[static_cast<std::size_t>(*o)]);
        }
        // Subgradient of the relaxed Σ_j x_ij ≥ 1: 1 − Σ_{j∈S} [w d_ij < λ_i].
        std::fill(g.begin(), g.end(), 1.0);
        for (std::size_t j = 0; j < n; ++j) {
            if (!chosen[j]) continue;
            for (std::size_t k = cols.first[j]; k < cols.first[j + 1]; ++k) {
                auto i = static_cast<std::size_t>(cols.origin[k]);
                if (in.weight[i] * cols.distance_m[k] < lambda_now[i]) g[i] -= 1.0;
            }
        }
        return L;
    };
    auto on_better = [&](double L) {
        best.bound = L;
        best.rho = rho;
        best.chosen = chosen;
        best.rho_p = rho_p;
        double next = kUnreachable;
        for (auto o = nth; o != order.end(); ++o) next = std::min(next, rho[static_cast<std::size_t>(*o)]);
        best.rho_next = next;
    };
    SubgradientSettings settings;
    settings.theta = 2.0;
    settings.patience = 30;
    settings.min_theta = 1e-5;
    settings.max_iterations = 50000;
    settings.time_budget_s = time_budget_s;
    settings.primal_every = primal ? 100 : 0;  // the Lagrangian heuristic, while the bound improves
    auto outcome = subgradient_ascent(
        std::move(lambda), upper, settings, evaluate, on_better, [&]() { return primal(best.chosen); },
        [&](double bound, double u) { return (integral ? std::ceil(bound - 1e-6) : bound) >= u - 1e-9 * std::abs(u); });
    best.iterations = outcome.iterations;
    return best;
}

} // namespace


namespace {

// Lagrangian branch and bound for small p (few sites to choose, where the
// LP gap needs branching and CBC's node LPs are slow): each node fixes some
// sites open or closed; its bound is the Lagrangian dual (subgradient, warm
// started from the parent), with reduced-cost fixing inside the node; the
// relaxation's sites give plans. Depth first; on a time limit the bound is
// the least bound of the nodes left.
struct BranchAndBound {
    const LocationInstance& in;
    std::vector<int> sites;                 // free sites of the root (global indices)
    std::vector<std::vector<int>> col_origin;  // per free site: origins within reach
    std::vector<std::vector<double>> col_cost; // w_i·d_ij
    std::vector<char> base_open;            // sites fixed open at the root (global)
    int p_free = 0;
    bool integral = false;
    double upper = 0.0;
    std::vector<char> best_plan;            // global open flags
    long nodes = 0;

    struct Node {
        std::vector<signed char> state;     // per local site: -1 free, 0 closed, 1 open
        std::vector<double> lambda;
        double bound = 0.0;
    };

    double round_bound(double b) const { return integral ? std::ceil(b - 1e-6) : b; }
    bool prunes(double b) const { return round_bound(b) >= upper - 1e-9 * std::abs(upper); }

    void try_plan(const std::vector<signed char>& state, const std::vector<char>& chosen_local) {
        std::vector<char> plan = base_open;
        for (std::size_t k = 0; k < sites.size(); ++k)
            if (state[k] == 1 || chosen_local[k]) plan[static_cast<std::size_t>(sites[k])] = 1;
        double c = pmedian_cost(in, plan);
        if (c < upper) { upper = c; best_plan = plan; }
    }

    // Evaluates the node (bound, multipliers), fixes by reduced cost; returns
    // the local site to branch on, or -1 when the node is done (pruned or leaf).
    int evaluate(Node& node, const std::vector<double>& fixed_rho, int iterations) {
        const std::size_t m = in.origins.size(), n = sites.size();
        int open_count = 0, free_count = 0;
        for (auto st : node.state) { open_count += st == 1; free_count += st == -1; }
        int need = p_free - open_count;
        if (need < 0 || need > free_count) { node.bound = kUnreachable; return -1; }
        std::vector<double> rho(n);
        std::vector<int> order;
        std::vector<char> chosen(n), best_chosen;
        std::vector<double> best_rho;
        double best_p = 0, best_next = 0, rp = 0, rn = 0;
        auto evaluate = [&](const std::vector<double>& lambda, std::vector<double>& g) {
            double L = 0.0;
            for (std::size_t i = 0; i < m; ++i) L += lambda[i];
            // Origins served by a root-open site contribute through fixed_rho.
            for (std::size_t i = 0; i < m; ++i) {
                double c = fixed_rho[i] - lambda[i];
                if (c < 0) L += c;
            }
            for (std::size_t k = 0; k < n; ++k) {
                if (node.state[k] == 0) { rho[k] = 0; continue; }
                double r = 0.0;
                for (std::size_t t = 0; t < col_origin[k].size(); ++t) {
                    double c = col_cost[k][t] - lambda[static_cast<std::size_t>(col_origin[k][t])];
                    if (c < 0) r += c;
                }
                rho[k] = r;
            }
            order.clear();
            std::fill(chosen.begin(), chosen.end(), 0);
            for (std::size_t k = 0; k < n; ++k) {
                if (node.state[k] == 1) { chosen[k] = 1; L += rho[k]; }
                else if (node.state[k] == -1) order.push_back(static_cast<int>(k));
            }
            auto nth = order.begin() + need;
            std::nth_element(order.begin(), nth, order.end(), [&](int a, int b) { return rho[static_cast<std::size_t>(a)] < rho[static_cast<std::size_t>(b)]; });
            rp = -kUnreachable;
            rn = kUnreachable;
            for (auto o = order.begin(); o != nth; ++o) { chosen[static_cast<std::size_t>(*o)] = 1; L += rho[static_cast<std::size_t>(*o)]; rp = std::max(rp, rho[static_cast<std::size_t>(*o)]); }
            for (auto o = nth; o != order.end(); ++o) rn = std::min(rn, rho[static_cast<std::size_t>(*o)]);
            // Subgradient; an origin's fixed-open service counts as one more site.
            std::fill(g.begin(), g.end(), 1.0);
            for (std::size_t i = 0; i < m; ++i) if (fixed_rho[i] < lambda[i]) g[i] -= 1.0;
            for (std::size_t k = 0; k < n; ++k) {
                if (!chosen[k]) continue;
                for (std::size_t t = 0; t < col_origin[k].size(); ++t)
                    if (col_cost[k][t] < lambda[static_cast<std::size_t>(col_origin[k][t])]) g[static_cast<std::size_t>(col_origin[k][t])] -= 1.0;
            }
            return L;
        };
        SubgradientSettings settings;
        settings.theta = 1.0;
        settings.patience = 8;
        settings.min_theta = 0.0;
        settings.max_iterations = iterations;
        settings.primal_every = 10;
        settings.primal_when_improved = false;
        settings.primal_at_start = true;
        auto outcome = subgradient_ascent(
            node.lambda, upper, settings, evaluate,
            [&](double) { best_rho = rho; best_chosen = chosen; best_p = rp; best_next = rn; },
            [&]() { try_plan(node.state, chosen); return upper; },
            [&](double b, double) { return prunes(b); });
        const double best = outcome.bound;
        std::vector<double> best_lambda = std::move(outcome.lambda);
        node.lambda = best_lambda;
        node.bound = std::max(node.bound, best);
        try_plan(node.state, best_chosen);
        if (prunes(node.bound)) return -1;
        // Reduced-cost fixing at the best multipliers.
        for (std::size_t k = 0; k < n; ++k) {
            if (node.state[k] != -1) continue;
            double b = best_chosen[k] ? best - best_rho[k] + best_next : best + best_rho[k] - best_p;
            if (prunes(b)) node.state[k] = best_chosen[k] ? 1 : 0;
        }
        open_count = 0; free_count = 0;
        for (auto st : node.state) { open_count += st == 1; free_count += st == -1; }
        need = p_free - open_count;
        if (need < 0 || need > free_count) return -1;
        if (need == 0 || need == free_count) {
            std::vector<char> all(n, 0);
            for (std::size_t k = 0; k < n; ++k) all[k] = node.state[k] == -1 && need > 0;
            try_plan(node.state, all);
            return -1;
        }
        // Branch on the chosen free site with the most negative ρ (most "wanted").
        int pick = -1;
        for (std::size_t k = 0; k < n; ++k)
            if (node.state[k] == -1 && best_chosen[k] && (pick < 0 || best_rho[k] < best_rho[static_cast<std::size_t>(pick)])) pick = static_cast<int>(k);
        if (pick < 0)
            for (std::size_t k = 0; k < n; ++k) if (node.state[k] == -1) { pick = static_cast<int>(k); break; }
        return pick;
    }
};

} // namespace

LocationResult solve_pmedian_fast(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    auto t0 = std::chrono::steady_clock::now();
    const std::size_t m = in.origins.size(), n = in.sites.size();
    const int p = req.p;
    const bool integral = integral_costs(in);
    SiteColumns cols = columns_of(in);

    LocationResult r;
    r.method = "heuristic+lagrangian+reduced_milp";
    std::vector<char> plan = pmedian_heuristic(in, cols, p, required);
    double upper = pmedian_cost(in, plan);
    r.heuristic_objective = upper;
    r.heuristic_s = seconds_since(t0);
    auto finish_with_plan = [&](double bound) {
        r.objective = upper;
        r.bound = std::min(upper, bound);
        r.open.clear();
        for (std::size_t j = 0; j < n; ++j)
            if (plan[j]) r.open.push_back(static_cast<int>(j));
        r.status = relative_gap(r.objective, r.bound) <= 1e-9 ? "optimal" : "feasible";
        return r;
    };
    if (upper == kUnreachable) {
        // The heuristic could not serve everyone: leave it to the MILP.
        upper = 1e300;
    }

    Nearest start;
    update_nearest(in, plan, start);
    double budget = req.time_limit_s > 0 ? std::max(0.2, 0.25 * req.time_limit_s) : 30.0;
    auto t1 = std::chrono::steady_clock::now();
    // Lagrangian heuristic: the relaxation's sites, improved by substitution.
    auto lagrangian_heuristic = [&](const std::vector<char>& chosen) {
        std::vector<char> other = pmedian_interchange(in, cols, chosen, required);
        double cost = pmedian_cost(in, other);
        if (cost < upper) {
            upper = cost;
            plan = other;
        }
        return upper;
    };
    LagrangianResult lr = lagrangian(in, cols, p, required, upper < 1e300 ? upper : 1e12, start, integral, budget, lagrangian_heuristic);
    double lower = integral ? std::ceil(lr.bound - 1e-6) : lr.bound;
    r.lagrangian_bound = lr.bound;
    r.lagrangian_s = seconds_since(t1);
    r.lagrangian_iterations = lr.iterations;
    if (!lr.chosen.empty()) lagrangian_heuristic(lr.chosen);
    auto proves = [&](double b) { return b >= upper - 1e-9 * std::abs(upper); };
    if (upper < 1e300 && proves(lower)) return finish_with_plan(upper);

    // Reduced-cost fixing at the best multipliers.
    std::vector<signed char> fixed(n, -1);  // -1 free, 0 closed, 1 open
    int free_p = p;
    if (!lr.rho.empty()) {
        for (std::size_t j = 0; j < n; ++j) {
            if (required[j]) { fixed[j] = 1; continue; }
            double b = lr.chosen[j] ? lr.bound - lr.rho[j] + lr.rho_next   // j closed
                                    : lr.bound + lr.rho[j] - lr.rho_p;     // j open
            if (integral) b = std::ceil(b - 1e-6);
            if (upper < 1e300 && proves(b)) fixed[j] = lr.chosen[j] ? 1 : 0;
        }
    } else {
        for (std::size_t j = 0; j < n; ++j) if (required[j]) fixed[j] = 1;
    }
    for (std::size_t j = 0; j < n; ++j) {
        if (fixed[j] == 1) { ++r.fixed_open; --free_p; }
        if (fixed[j] == 0) ++r.fixed_closed;
    }
    r.fixed_open -= static_cast<long>(std::count(required.begin(), required.end(), 1));
    long free_sites = static_cast<long>(n) - r.fixed_closed - r.fixed_open - static_cast<long>(std::count(required.begin(), required.end(), 1));
    if (free_p < 0 || free_p > free_sites) return finish_with_plan(upper);  // nothing better exists

    if (free_p <= 10) {
        // Few sites left to choose: Lagrangian branch and bound.
        auto t_bb = std::chrono::steady_clock::now();
        BranchAndBound bb{in, {}, {}, {}, std::vector<char>(n, 0), free_p, integral, upper, plan, 0};
        std::vector<double> fixed_cost(m, kUnreachable);  // w·d to the nearest root-open site
        for (std::size_t j = 0; j < n; ++j) if (fixed[j] == 1) bb.base_open[j] = 1;
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
                if (fixed[static_cast<std::size_t>(in.site[k])] == 1) { fixed_cost[i] = in.weight[i] * in.distance_m[k]; break; }
        std::vector<int> local(n, -1);
        for (std::size_t j = 0; j < n; ++j)
            if (fixed[j] == -1) { local[j] = static_cast<int>(bb.sites.size()); bb.sites.push_back(static_cast<int>(j)); }
        bb.col_origin.resize(bb.sites.size());
        bb.col_cost.resize(bb.sites.size());
        for (std::size_t k = 0; k < bb.sites.size(); ++k) {
            auto j = static_cast<std::size_t>(bb.sites[k]);
            for (std::size_t t = cols.first[j]; t < cols.first[j + 1]; ++t) {
                auto i = static_cast<std::size_t>(cols.origin[t]);
                double c = in.weight[i] * cols.distance_m[t];
                if (c < fixed_cost[i]) { bb.col_origin[k].push_back(static_cast<int>(i)); bb.col_cost[k].push_back(c); }
            }
        }
        // Multipliers start from the root's plan distances.
        Nearest near;
        update_nearest(in, plan, near);
        std::vector<double> fixed_rho(m);
        for (std::size_t i = 0; i < m; ++i) fixed_rho[i] = fixed_cost[i] == kUnreachable ? 1e300 : fixed_cost[i];
        // Best-first: the least bound is explored next, so the reported bound
        // (the least bound left) rises steadily when time runs out.
        std::vector<BranchAndBound::Node> stack;
        auto by_bound = [](const BranchAndBound::Node& a, const BranchAndBound::Node& b) { return a.bound > b.bound; };
        BranchAndBound::Node root{std::vector<signed char>(bb.sites.size(), -1), std::vector<double>(m), lower};
        for (std::size_t i = 0; i < m; ++i) root.lambda[i] = in.weight[i] * (near.d1[i] == kUnreachable ? 0.0 : near.d1[i]);
        stack.push_back(std::move(root));
        std::push_heap(stack.begin(), stack.end(), by_bound);
        double budget_s = req.time_limit_s > 0 ? req.time_limit_s - seconds_since(t0) : 1e18;
        bool complete = true;
        while (!stack.empty()) {
            if (seconds_since(t_bb) > budget_s) { complete = false; break; }
            std::pop_heap(stack.begin(), stack.end(), by_bound);
            BranchAndBound::Node node = std::move(stack.back());
            stack.pop_back();
            if (bb.prunes(node.bound)) continue;
            ++bb.nodes;
            int pick = bb.evaluate(node, fixed_rho, bb.nodes == 1 ? 600 : 120);
            if (pick < 0) continue;
            BranchAndBound::Node closed = node, opened = std::move(node);
            closed.state[static_cast<std::size_t>(pick)] = 0;
            opened.state[static_cast<std::size_t>(pick)] = 1;
            stack.push_back(std::move(closed));
            std::push_heap(stack.begin(), stack.end(), by_bound);
            stack.push_back(std::move(opened));
            std::push_heap(stack.begin(), stack.end(), by_bound);
        }
        r.method = "heuristic+lagrangian+lagrangian_branch_and_bound";
        r.milp_rows = 0;
        r.milp_cols = static_cast<long>(bb.sites.size());
        r.milp_s = seconds_since(t_bb);
        if (bb.upper >= 1e300) {
            if (complete)
                throw SolverError(tr("p-median: 実行可能な配置がありません (どの p 箇所でも割り当てられない需要点が残ります)",
                                     "p-median: no feasible plan (some origin stays unserved with any p sites)"), true);
            throw SolverError(tr("p-median: 制限時間内に配置が見つかりませんでした", "p-median: no plan found within the time limit"));
        }
        plan = bb.best_plan;
        upper = bb.upper;
        double left = upper;
        if (!complete) {
            left = upper;
            for (const auto& nd : stack) left = std::min(left, bb.round_bound(nd.bound));
        }
        r.bb_nodes = bb.nodes;
        return finish_with_plan(std::max(lower, std::min(upper, left)));
    }

    // The sparse radius MILP over the free sites.
    MipProblem mip;
    std::vector<int> y(n, -1);
    for (std::size_t j = 0; j < n; ++j)
        if (fixed[j] == -1) y[j] = mip.add_binary(0.0);
    std::vector<int> idx;
    std::vector<double> val;
    bool impossible = false;
    for (std::size_t i = 0; i < m && !impossible; ++i) {
        if (in.weight[i] <= 0) continue;
        // Pairs of i among usable sites, ascending; stop at the first fixed-open
        // one or once free − p' + 1 free sites were seen (one of them is open).
        std::vector<std::pair<double, int>> levels;  // (distance, y column or -1 for fixed open)
        long free_seen = 0;
        bool capped = false;
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k) {
            auto j = static_cast<std::size_t>(in.site[k]);
            if (fixed[j] == 0) continue;
            if (fixed[j] == 1) { levels.emplace_back(in.distance_m[k], -1); capped = true; break; }
            levels.emplace_back(in.distance_m[k], y[j]);
            if (++free_seen >= free_sites - free_p + 1) { capped = true; break; }
        }
        if (levels.empty()) { impossible = true; break; }
        // Distinct distances D^1 < … < D^K; w^k = "an open site within D^k".
        // cost_i = w_i·(D^K − Σ_{k<K} (D^{k+1} − D^k)·w^k);
        // w^k ≤ w^{k−1} + Σ_{j at level k} y_j; the last level must be reached.
        double dK = levels.back().first;
        mip.objective_offset += in.weight[i] * dK;
        int prev_w = -1;
        std::size_t a = 0;
        while (a < levels.size()) {
            std::size_t b = a;
            bool has_fixed_open = false;
            idx.clear(); val.clear();
            while (b < levels.size() && levels[b].first == levels[a].first) {
                if (levels[b].second < 0) has_fixed_open = true;
                else { idx.push_back(levels[b].second); val.push_back(-1.0); }
                ++b;
            }
            bool last = b == levels.size();
            if (prev_w >= 0) { idx.push_back(prev_w); val.push_back(-1.0); }
            if (last) {
                if (!has_fixed_open) {
                    // Σ y + w^{K−1} ≥ 1 (reached for sure only when capped by a fixed-open site)
                    for (auto& v : val) v = 1.0;
                    if (!idx.empty()) mip.add_row(idx, val, 1.0, kInfinity);
                    else impossible = true;
                    (void)capped;
                }
            } else {
                double next = levels[b].first;
                int w = mip.add_col(0.0, 1.0, -in.weight[i] * (next - levels[a].first), false);
                if (has_fixed_open) {
                    // cannot happen before the last level (the scan stops there)
                }
                idx.push_back(w); val.push_back(1.0);
                mip.add_row(idx, val, -kInfinity, 0.0);
                prev_w = w;
            }
            a = b;
        }
    }
    if (impossible) {
        if (upper < 1e300) return finish_with_plan(upper);
        throw SolverError(tr("p-median: 割り当てられない需要点があります (実行可能な配置がありません)",
                             "p-median: some origin cannot be served by any allowed site (no feasible plan)"), true);
    }
    idx.clear(); val.clear();
    for (std::size_t j = 0; j < n; ++j)
        if (y[j] >= 0) { idx.push_back(y[j]); val.push_back(1.0); }
    if (!idx.empty()) mip.add_row(idx, val, free_p, free_p);
    r.milp_rows = mip.rows();
    r.milp_cols = mip.cols();

    MipOptions opt;
    opt.integral_objective = integral;
    opt.progress_label = req.progress_label;
    // The radius form's LP equals the Lagrangian bound; CBC's cuts and
    // heuristics rarely help here and cost time (measured on pmed6: 7.0 s → 1.9 s).
    opt.cbc_parameters = {{"cuts", "off"}, {"heuristics", "off"}};
    if (req.time_limit_s > 0) opt.time_limit_s = std::max(0.1, req.time_limit_s - seconds_since(t0));
    if (upper < 1e300) opt.cutoff = integral ? upper - 0.5 : upper * (1 - 1e-12);  // only better plans are of interest
    MipSolution sol = solve_mip(mip, opt);
    r.milp_s = sol.time_s;
    if (sol.has_plan() && sol.objective < upper) {
        upper = sol.objective;
        for (std::size_t j = 0; j < n; ++j) plan[j] = fixed[j] == 1 || (y[j] >= 0 && sol.values[static_cast<std::size_t>(y[j])] > 0.5);
        upper = pmedian_cost(in, plan);  // recomputed from the plan
    }
    if (upper >= 1e300) {
        if (sol.status == MipStatus::infeasible)
            throw SolverError(tr("p-median: 実行可能な配置がありません (どの p 箇所でも割り当てられない需要点が残ります)",
                                 "p-median: no feasible plan (some origin stays unserved with any p sites)"), true);
        throw SolverError(tr("p-median: 制限時間内に配置が見つかりませんでした", "p-median: no plan found within the time limit"));
    }
    double milp_bound = sol.status == MipStatus::infeasible ? kUnreachable : sol.bound;
    r.method += sol.status == MipStatus::infeasible ? " (milp: nothing better)" : "";
    return finish_with_plan(std::max(lower, std::min(upper, milp_bound)));
}

// The textbook model (ReVelle & Swain 1970): x_ij ≤ y_j, Σ_j x_ij = 1,
// Σ_j y_j = p, min Σ w_i d_ij x_ij — optionally with capacities
// Σ_i w_i x_ij ≤ Q_j y_j. CBC alone, for comparison and capacitated cases.
LocationResult solve_pmedian_textbook(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    const std::size_t m = in.origins.size(), n = in.sites.size();
    MipProblem mip;
    std::vector<int> y(n);
    for (std::size_t j = 0; j < n; ++j) y[j] = mip.add_col(required[j] ? 1.0 : 0.0, 1.0, 0.0, true);
    std::vector<int> x(in.pair_count(), -1);
    for (std::size_t i = 0; i < m; ++i) {
        if (in.weight[i] <= 0) continue;
        std::vector<int> idx;
        std::vector<double> val;
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k) {
            x[k] = mip.add_col(0.0, 1.0, in.weight[i] * in.distance_m[k], false);
            idx.push_back(x[k]); val.push_back(1.0);
            mip.add_row({{x[k], 1.0}, {y[static_cast<std::size_t>(in.site[k])], -1.0}}, -kInfinity, 0.0);
        }
        if (idx.empty()) throw SolverError(std::string(tr("p-median: 需要点 ", "p-median: origin ")) + in.origins[i] + tr(" に使える組がありません", " has no usable pair"), true);
        mip.add_row(idx, val, 1.0, 1.0);
    }
    {
        std::vector<int> idx(y);
        std::vector<double> val(n, 1.0);
        mip.add_row(idx, val, req.p, req.p);
    }
    if (!req.capacity.empty()) {
        std::vector<std::vector<std::pair<int, double>>> by_site(n);
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
                if (x[k] >= 0) by_site[static_cast<std::size_t>(in.site[k])].emplace_back(x[k], in.weight[i]);
        for (std::size_t j = 0; j < n; ++j) {
            std::vector<int> idx;
            std::vector<double> val;
            for (const auto& [c, w] : by_site[j]) { idx.push_back(c); val.push_back(w); }
            idx.push_back(y[j]); val.push_back(-req.capacity[j]);
            mip.add_row(idx, val, -kInfinity, 0.0);
        }
    }
    MipOptions opt;
    opt.time_limit_s = req.time_limit_s;
    opt.integral_objective = integral_costs(in);
    opt.progress_label = req.progress_label;
    MipSolution sol = solve_mip(mip, opt);
    LocationResult r;
    r.method = req.capacity.empty() ? "textbook_milp" : "textbook_milp_capacitated";
    r.milp_rows = mip.rows();
    r.milp_cols = mip.cols();
    if (sol.status == MipStatus::infeasible)
        throw SolverError(tr("p-median: 実行可能な配置がありません", "p-median: no feasible plan"), true);
    if (!sol.has_plan()) throw SolverError(tr("p-median: 制限時間内に配置が見つかりませんでした", "p-median: no plan found within the time limit"));
    for (std::size_t j = 0; j < n; ++j)
        if (sol.values[static_cast<std::size_t>(y[j])] > 0.5) r.open.push_back(static_cast<int>(j));
    r.objective = sol.objective;
    r.bound = sol.bound;
    r.status = status_name(sol.status);
    if (!req.capacity.empty()) {
        // With capacities an origin may not go to its nearest site: report the model's assignment.
        for (std::size_t i = 0; i < m; ++i) {
            int best = -1;
            double share = 0.0;
            for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
                if (x[k] >= 0 && sol.values[static_cast<std::size_t>(x[k])] > share) { share = sol.values[static_cast<std::size_t>(x[k])]; best = in.site[k]; }
            if (best >= 0) r.assignment.emplace_back(static_cast<int>(i), best);
        }
    }
    return r;
}

} // namespace shisetsu::optimize::detail
