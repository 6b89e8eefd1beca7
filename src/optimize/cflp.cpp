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
//    (Clp, warm started from the previous basis), improved by closing sites;
// 3. reduced-cost fixing: a site whose flip pushes L to the plan's value is fixed;
// 4. split demand: best-first Lagrangian branch and bound on the sites, each
//    node warm started from its parent's multipliers, the leaves solved
//    exactly by the LP; single source: the reduced MILP (binary x over the
//    sites left free) for CBC with the plan as cut-off. The split relaxation
//    bounds the single-source model from below, so its bound and fixing hold.
#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/progress.hpp"
#include "optimize/lagrangian.hpp"
#include "optimize/location_detail.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_map>

namespace shisetsu::optimize::detail {

namespace {

constexpr double kProveTolerance = 1e-9;  // relative: a bound this close to the plan proves it

// The instance as the solver sees it: pairs by origin in ascending cost (the
// instance's order) and by site; effective capacities.
struct Cflp {
    std::size_t m = 0, n = 0;
    std::vector<double> w, f, Q;
    double demand = 0.0;
    int p = 0;                                 // 0 = any number of sites
    std::vector<signed char> base;             // -1 free, 1 required
    // Pairs by origin (a subset of the instance's pairs, same order).
    std::vector<std::size_t> first{0};
    std::vector<int> site;
    std::vector<double> cost;
    std::vector<std::size_t> instance_pair;    // index into the instance's pairs
    bool single_source = false;
    double step_target = 0.0;                  // a stand-in for the plan's value while there is none
    std::vector<int> origin;                   // origin of each pair
    std::vector<int> instance_origin;          // the instance's index of each origin (those with demand)

    bool proves(double bound, double upper) const {
        return bound >= upper - kProveTolerance * std::max(1.0, std::abs(upper));
    }
};

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

// min Σ v_j·y_j subject to Σ Q_j·y_j ≥ demand, [Σ y_j = p], y_j = state_j
// where fixed. With equal capacities (the usual case) the cheapest sites in
// the number the cover needs are the answer; otherwise a depth-first search
// with the linear bound, which after kNodeLimit nodes gives up for the linear
// relaxation itself (a fractional y: still a lower bound, and the subgradient
// stays the one of the value returned).
class CoverKnapsack {
public:
    explicit CoverKnapsack(const Cflp& c) : c_(c) {
        equal_capacity_ = std::all_of(c.Q.begin(), c.Q.end(), [&](double q) { return q == c.Q.front(); });
    }

    // +inf when no y meets the cover (and p) under these fixings.
    double solve(const std::vector<double>& v, const std::vector<signed char>& state, std::vector<double>& y) {
        y.assign(c_.n, 0.0);
        double base = 0.0, cap = 0.0;
        int open = 0;
        items_.clear();
        for (std::size_t j = 0; j < c_.n; ++j) {
            if (state[j] == 1) { y[j] = 1; base += v[j]; cap += c_.Q[j]; ++open; }
            else if (state[j] == -1) items_.push_back(static_cast<int>(j));
        }
        need_ = c_.demand - cap;
        eps_ = 1e-9 * std::max(1.0, c_.demand);
        v_ = &v;
        if (c_.p > 0) {
            int count = c_.p - open;
            if (count < 0 || count > static_cast<int>(items_.size())) return kUnreachable;
            return base + (equal_capacity_ ? cheapest(count, y) : choose_count(count, y));
        }
        // Any number of sites: every free site with v ≤ 0 pays for itself.
        std::vector<int> rest;
        for (int j : items_) {
            auto s = static_cast<std::size_t>(j);
            if (v[s] <= 0) { y[s] = 1; base += v[s]; need_ -= c_.Q[s]; }
            else if (c_.Q[s] > 0) rest.push_back(j);
        }
        if (need_ <= eps_) return base;
        items_ = std::move(rest);
        if (equal_capacity_) {
            auto count = static_cast<int>(std::ceil(need_ / c_.Q.front() - 1e-9));
            if (count > static_cast<int>(items_.size())) return kUnreachable;
            return base + cheapest(count, y);
        }
        return base + cover_any(y);
    }

private:
    static constexpr long kNodeLimit = 20000;
    const Cflp& c_;
    bool equal_capacity_ = false;
    const std::vector<double>* v_ = nullptr;
    std::vector<int> items_;
    std::vector<char> pick_, best_pick_;
    std::vector<double> prefix_, scratch_;
    double need_ = 0.0, eps_ = 0.0, best_ = kUnreachable;
    long nodes_ = 0;

    double v(std::size_t t) const { return (*v_)[static_cast<std::size_t>(items_[t])]; }
    double q(std::size_t t) const { return c_.Q[static_cast<std::size_t>(items_[t])]; }

    // Equal capacities: `count` of the free sites, the cheapest (the cover
    // holds by the count alone).
    double cheapest(int count, std::vector<double>& y) {
        if (count * c_.Q.front() < need_ - eps_) return kUnreachable;
        auto nth = items_.begin() + count;
        std::nth_element(items_.begin(), nth, items_.end(), [&](int a, int b) { return (*v_)[static_cast<std::size_t>(a)] < (*v_)[static_cast<std::size_t>(b)]; });
        double sum = 0.0;
        for (auto it = items_.begin(); it != nth; ++it) { y[static_cast<std::size_t>(*it)] = 1; sum += (*v_)[static_cast<std::size_t>(*it)]; }
        return sum;
    }

    // Unequal capacities, any number: by v/Q, depth first.
    double cover_any(std::vector<double>& y) {
        std::sort(items_.begin(), items_.end(), [&](int a, int b) {
            return (*v_)[static_cast<std::size_t>(a)] * c_.Q[static_cast<std::size_t>(b)] < (*v_)[static_cast<std::size_t>(b)] * c_.Q[static_cast<std::size_t>(a)];
        });
        if (linear_bound(0, need_) == kUnreachable) return kUnreachable;
        nodes_ = 0;
        best_ = kUnreachable;
        pick_.assign(items_.size(), 0);
        best_pick_.clear();
        cover(0, need_, 0.0);
        if (nodes_ <= kNodeLimit) {
            for (std::size_t t = 0; t < best_pick_.size(); ++t)
                if (best_pick_[t]) y[static_cast<std::size_t>(items_[t])] = 1;
            return best_;
        }
        // The linear relaxation: whole sites by v/Q, the last one in part.
        double need = need_, sum = 0.0;
        for (std::size_t t = 0; t < items_.size() && need > eps_; ++t) {
            double share = std::min(1.0, need / q(t));
            y[static_cast<std::size_t>(items_[t])] = share;
            sum += share * v(t);
            need -= share * q(t);
        }
        return sum;
    }

    double linear_bound(std::size_t from, double need) const {
        double lb = 0.0;
        for (std::size_t t = from; t < items_.size() && need > eps_; ++t) {
            if (q(t) >= need) { lb += v(t) * need / q(t); need = 0; }
            else { lb += v(t); need -= q(t); }
        }
        return need > eps_ ? kUnreachable : lb;
    }

    void cover(std::size_t t, double need, double cost) {
        if (need <= eps_) {
            if (cost < best_) { best_ = cost; best_pick_ = pick_; }
            return;
        }
        if (t >= items_.size() || ++nodes_ > kNodeLimit) return;
        double lb = linear_bound(t, need);
        if (lb == kUnreachable || (best_ < kUnreachable && cost + lb >= best_ - 1e-12 * std::abs(best_))) return;
        pick_[t] = 1;
        cover(t + 1, need - q(t), cost + v(t));
        pick_[t] = 0;
        cover(t + 1, need, cost);
    }

    // Unequal capacities, exactly `count` free sites: by v, depth first, the
    // bound the next cheapest ones; cut short, the `count` cheapest (the
    // cover ignored: a lower bound).
    double choose_count(int count, std::vector<double>& y) {
        std::sort(items_.begin(), items_.end(), [&](int a, int b) { return (*v_)[static_cast<std::size_t>(a)] < (*v_)[static_cast<std::size_t>(b)]; });
        prefix_.assign(items_.size() + 1, 0.0);
        for (std::size_t t = 0; t < items_.size(); ++t) prefix_[t + 1] = prefix_[t] + v(t);
        nodes_ = 0;
        best_ = kUnreachable;
        pick_.assign(items_.size(), 0);
        best_pick_.clear();
        choose(0, count, need_, 0.0);
        if (nodes_ > kNodeLimit) {
            for (int t = 0; t < count; ++t) y[static_cast<std::size_t>(items_[static_cast<std::size_t>(t)])] = 1;
            return prefix_[static_cast<std::size_t>(count)];
        }
        if (best_pick_.empty()) return kUnreachable;
        for (std::size_t t = 0; t < best_pick_.size(); ++t)
            if (best_pick_[t]) y[static_cast<std::size_t>(items_[t])] = 1;
        return best_;
    }

    void choose(std::size_t t, int left, double need, double cost) {
        if (left == 0) {
            if (need <= eps_ && cost < best_) { best_ = cost; best_pick_ = pick_; }
            return;
        }
        if (items_.size() - t < static_cast<std::size_t>(left) || ++nodes_ > kNodeLimit) return;
        double lb = prefix_[t + static_cast<std::size_t>(left)] - prefix_[t];
        if (best_ < kUnreachable && cost + lb >= best_ - 1e-12 * std::abs(best_)) return;
        // Can `left` of the remaining sites still cover the need?
        scratch_.clear();
        for (std::size_t s = t; s < items_.size(); ++s) scratch_.push_back(q(s));
        std::nth_element(scratch_.begin(), scratch_.begin() + (left - 1), scratch_.end(), std::greater<>());
        double most = 0.0;
        for (int s = 0; s < left; ++s) most += scratch_[static_cast<std::size_t>(s)];
        if (most < need - eps_) return;
        pick_[t] = 1;
        choose(t + 1, left - 1, need - q(t), cost + v(t));
        pick_[t] = 0;
        choose(t + 1, left, need, cost);
    }
};

// L(λ) for one set of fixings: the sites' knapsacks, the cover knapsack, the
// subgradient of the relaxed demand rows.
class Relaxation {
public:
    explicit Relaxation(const Cflp& c) : value(c.n), c_(c), knapsack_(c), bucket_(c.n) {}

    std::vector<double> value;   // v_j(λ) of the last evaluation
    std::vector<double> chosen;  // y of the last evaluation (fractional only when the knapsack search was cut short)

    double evaluate(const std::vector<double>& lambda, const std::vector<signed char>& state, std::vector<double>& g) {
        double sum = site_values(lambda, state);
        double K = knapsack_.solve(value, state, chosen);
        std::fill(g.begin(), g.end(), 1.0);
        for (std::size_t j = 0; j < c_.n; ++j)
            if (chosen[j] > 0)
                for (const auto& it : bucket_[j]) g[static_cast<std::size_t>(it.origin)] -= chosen[j] * it.x;
        return sum + K;
    }

    // v_j(λ) of every site not closed in `state` (into `value`); returns Σ λ_i.
    double site_values(const std::vector<double>& lambda, const std::vector<signed char>& state) {
        for (auto& b : bucket_) b.clear();
        double sum = 0.0;
        for (std::size_t i = 0; i < c_.m; ++i) {
            sum += lambda[i];
            for (std::size_t k = c_.first[i]; k < c_.first[i + 1] && c_.cost[k] < lambda[i]; ++k) {
                auto j = static_cast<std::size_t>(c_.site[k]);
                if (state[j] != 0) bucket_[j].push_back({static_cast<int>(i), c_.cost[k] - lambda[i], c_.w[i], 0.0, 0.0});
            }
        }
        for (std::size_t j = 0; j < c_.n; ++j)
            value[j] = state[j] == 0 ? kUnreachable : c_.f[j] + site_knapsack(bucket_[j], c_.Q[j]);
        return sum;
    }

    // The cover knapsack with the last values and other fixings (reduced-cost fixing).
    double knapsack(const std::vector<double>& v, const std::vector<signed char>& state) {
        std::vector<double> ignored;
        return knapsack_.solve(v, state, ignored);
    }

private:
    struct Item {
        int origin;
        double r;       // c_ij − λ_i < 0
        double w;       // w_i
        double x;       // share taken
        double ratio;   // r / w
    };
    const Cflp& c_;
    CoverKnapsack knapsack_;
    std::vector<std::vector<Item>> bucket_;

    // min Σ r·x, Σ w·x ≤ Q, 0 ≤ x ≤ 1 over items with r < 0: by r/w, the
    // last one split. The items in ratio order are found by selection
    // (quickselect on the ratio, weighing the parts), not a full sort.
    static double site_knapsack(std::vector<Item>& items, double Q) {
        double total = 0.0;
        for (const auto& it : items) total += it.w;
        double value = 0.0;
        if (total <= Q) {
            for (auto& it : items) { it.x = 1.0; value += it.r; }
            return value;
        }
        for (auto& it : items) {
            it.x = 0.0;
            it.ratio = it.w > 0 ? it.r / it.w : -kUnreachable;
        }
        // items[0, lo) are taken whole, items[hi, end) left out; the split item lies in [lo, hi).
        auto lo = items.begin(), hi = items.end();
        double left = Q;
        while (lo < hi && left > 0) {
            double pivot = (lo + (hi - lo) / 2)->ratio;
            auto mid1 = std::partition(lo, hi, [&](const Item& it) { return it.ratio < pivot; });
            auto mid2 = std::partition(mid1, hi, [&](const Item& it) { return it.ratio == pivot; });
            double below = 0.0;
            for (auto it = lo; it != mid1; ++it) below += it->w;
            if (below > left) { hi = mid1; continue; }
            for (auto it = lo; it != mid1; ++it) it->x = 1.0;
            left -= below;
            for (auto it = mid1; it != mid2 && left > 0; ++it) {
                it->x = it->w <= left ? 1.0 : left / it->w;
                left -= it->x * it->w;
            }
            lo = mid2;
        }
        for (const auto& it : items) value += it.x * it.r;
        return value;
    }
};

// The split assignment of a set of open sites: the transportation LP over
// their pairs only, solved by Clp. (A fresh small LP per plan is measured
// faster than one LP over every pair warm started from the last basis:
// about 12 against 30 ms on capb's 100 × 1000.)
class Transport {
public:
    explicit Transport(const Cflp& c) : c_(c) {}

    // Σ c·x of the cheapest split assignment to the open sites (nullopt:
    // none); x per pair in `shares`, the demand rows' duals in `duals`.
    std::optional<double> solve(const std::vector<char>& open) {
        ++solves;
        std::vector<int> column(c_.site.size(), -1);
        MipProblem lp;
        for (std::size_t k = 0; k < c_.site.size(); ++k)
            if (open[static_cast<std::size_t>(c_.site[k])]) column[k] = lp.add_col(0.0, 1.0, c_.cost[k], false);
        std::vector<int> idx;
        std::vector<double> val;
        std::vector<std::vector<std::pair<int, double>>> by_site(c_.n);
        for (std::size_t i = 0; i < c_.m; ++i) {
            idx.clear(); val.clear();
            for (std::size_t k = c_.first[i]; k < c_.first[i + 1]; ++k) {
                if (column[k] < 0) continue;
                idx.push_back(column[k]);
                val.push_back(1.0);
                by_site[static_cast<std::size_t>(c_.site[k])].emplace_back(column[k], c_.w[i]);
            }
            if (idx.empty()) return std::nullopt;  // i reaches no open site
            lp.add_row(idx, val, 1.0, 1.0);
        }
        for (std::size_t j = 0; j < c_.n; ++j) {
            if (!open[j]) continue;
            idx.clear(); val.clear();
            for (const auto& [k, wi] : by_site[j]) { idx.push_back(k); val.push_back(wi); }
            lp.add_row(idx, val, -kInfinity, c_.Q[j]);
        }
        LpModel model(lp);
        if (model.solve() != MipStatus::optimal) return std::nullopt;
        auto x = model.values();
        double cost = 0.0;
        shares.assign(c_.site.size(), 0.0);
        for (std::size_t k = 0; k < c_.site.size(); ++k)
            if (column[k] >= 0) {
                shares[k] = x[static_cast<std::size_t>(column[k])];
                cost += c_.cost[k] * shares[k];
            }
        auto d = model.row_duals();
        duals.resize(c_.m);
        for (std::size_t i = 0; i < c_.m; ++i) duals[i] = std::max(0.0, d[i]);
        return cost;
    }
    std::vector<double> shares;  // of the last solve, per pair
    std::vector<double> duals;   // of the last solve, per origin: a good start for λ
    long solves = 0;

private:
    const Cflp& c_;
};

// One origin to one site: the origins with the fewest and most different
// options first (regret), each to its cheapest open site with room left,
// then single moves to a cheaper site with room while any helps. A plan for
// the single-source model, not always the cheapest for these sites.
std::optional<double> assign_single_source(const Cflp& c, const std::vector<char>& open, std::vector<double>& x) {
    x.assign(c.site.size(), 0.0);
    std::vector<std::pair<double, int>> order;
    for (std::size_t i = 0; i < c.m; ++i) {
        double c1 = kUnreachable, c2 = kUnreachable;
        for (std::size_t k = c.first[i]; k < c.first[i + 1]; ++k) {
            if (!open[static_cast<std::size_t>(c.site[k])]) continue;
            if (c1 == kUnreachable) c1 = c.cost[k];
            else { c2 = c.cost[k]; break; }
        }
        if (c1 == kUnreachable) return std::nullopt;
        order.emplace_back(c2 == kUnreachable ? -kUnreachable : -(c2 - c1) * std::max(c.w[i], 1e-9), static_cast<int>(i));
    }
    std::sort(order.begin(), order.end());
    std::vector<double> left = c.Q;
    std::vector<std::size_t> at(c.m);
    for (const auto& [regret, io] : order) {
        auto i = static_cast<std::size_t>(io);
        std::size_t chosen = c.first[i + 1];
        for (std::size_t k = c.first[i]; k < c.first[i + 1]; ++k) {
            auto j = static_cast<std::size_t>(c.site[k]);
            if (open[j] && left[j] >= c.w[i] - 1e-9) { chosen = k; break; }
        }
        if (chosen == c.first[i + 1]) return std::nullopt;
        at[i] = chosen;
        left[static_cast<std::size_t>(c.site[chosen])] -= c.w[i];
    }
    for (bool moved = true; moved;) {
        moved = false;
        for (std::size_t i = 0; i < c.m; ++i)
            for (std::size_t k = c.first[i]; k < at[i]; ++k) {
                auto j = static_cast<std::size_t>(c.site[k]);
                if (open[j] && left[j] >= c.w[i] - 1e-9) {
                    left[static_cast<std::size_t>(c.site[at[i]])] += c.w[i];
                    left[j] -= c.w[i];
                    at[i] = k;
                    moved = true;
                    break;
                }
            }
    }
    double cost = 0.0;
    for (std::size_t i = 0; i < c.m; ++i) {
        x[at[i]] = 1.0;
        cost += c.cost[at[i]];
    }
    return cost;
}

// A set of open sites with its assignment.
struct Plan {
    double value = kUnreachable;
    std::vector<char> open;
    std::vector<double> x;       // per Cflp pair
    std::vector<double> duals;   // the transportation LP's demand-row duals (split demand)
};

// The best plan found. Plans come from the relaxation's sites (each set
// evaluated once): split demand assigned by the transportation LP, single
// source by assign_single_source; a plan better than the best is improved
// by local search.
class Incumbent {
public:
    Incumbent(const Cflp& c, Transport& t) : c_(c), transport_(t), estimate_(c) {}

    Plan best;
    double value() const { return best.value; }

    // Evaluates a set of open sites (must meet required and p); returns its
    // cost before any local search, which runs (with `search`) when the plan
    // is better than the best.
    double consider(std::vector<char> y, bool search = true) {
        std::string key(y.begin(), y.end());
        if (auto it = seen_.find(key); it != seen_.end()) return it->second;
        Plan plan = evaluate(std::move(y));
        seen_.emplace(std::move(key), plan.value);
        double first = plan.value;
        if (search && plan.value < best.value) improve(plan);
        if (plan.value < best.value) best = std::move(plan);
        return first;
    }

    // A plan found elsewhere (the single-source MILP), its value recomputed.
    void replace(const std::vector<char>& y, const std::vector<double>& shares) {
        Plan p;
        p.value = 0.0;
        for (std::size_t j = 0; j < c_.n; ++j) if (y[j]) p.value += c_.f[j];
        for (std::size_t k = 0; k < c_.site.size(); ++k) p.value += c_.cost[k] * shares[k];
        p.open = y;
        p.x = shares;
        best = std::move(p);
    }

private:
    const Cflp& c_;
    Transport& transport_;
    Relaxation estimate_;           // what opening a site would save, at a plan's duals
    std::unordered_map<std::string, double> seen_;

    Plan evaluate(std::vector<char> y) {
        Plan p;
        double cap = 0.0;
        for (std::size_t j = 0; j < c_.n; ++j) if (y[j]) cap += c_.Q[j];
        if (cap < c_.demand * (1 - 1e-12)) return p;
        auto t = c_.single_source ? assign_single_source(c_, y, p.x) : transport_.solve(y);
        if (!t) return p;
        p.value = *t;
        if (!c_.single_source) {
            p.x = transport_.shares;
            p.duals = transport_.duals;
        }
        // A site the assignment leaves empty closes (without --p).
        if (c_.p == 0) {
            std::vector<double> used(c_.n, 0.0);
            for (std::size_t k = 0; k < c_.site.size(); ++k) used[static_cast<std::size_t>(c_.site[k])] += p.x[k];
            for (std::size_t j = 0; j < c_.n; ++j)
                if (y[j] && used[j] <= 1e-12 && c_.base[j] != 1 && c_.f[j] > 0) y[j] = 0;
        }
        for (std::size_t j = 0; j < c_.n; ++j) if (y[j]) p.value += c_.f[j];
        p.open = std::move(y);
        return p;
    }

    // Replaces `plan` by the neighbour `y` when that costs less.
    bool try_move(Plan& plan, std::vector<char> y) {
        std::string key(y.begin(), y.end());
        if (seen_.count(key)) return false;
        Plan other = evaluate(std::move(y));
        seen_.emplace(std::move(key), other.value);
        if (other.value >= plan.value) return false;
        plan = std::move(other);
        return true;
    }

    // Local search, first improvement, while a move lowers the cost (not
    // with --p, which fixes the number): close a site, least used first;
    // else open one of the few whose Lagrangian value at the plan's duals,
    // f_j + min Σ (c_ij − u_i)·x_ij within Q_j, promises most; else swap
    // one of those for an open site.
    void improve(Plan& plan) {
        if (c_.p > 0) return;
        constexpr std::size_t kOpenTries = 3;
        for (bool better = true; better && plan.value < kUnreachable;) {
            better = false;
            std::vector<double> used(c_.n, 0.0);
            for (std::size_t k = 0; k < c_.site.size(); ++k)
                used[static_cast<std::size_t>(c_.site[k])] += plan.x[k] * c_.w[static_cast<std::size_t>(c_.origin[k])];
            std::vector<std::pair<double, int>> out;
            for (std::size_t j = 0; j < c_.n; ++j)
                if (plan.open[j] && c_.base[j] != 1) out.emplace_back(used[j] / std::max(c_.Q[j], 1e-12), static_cast<int>(j));
            std::sort(out.begin(), out.end());
            for (const auto& [u, j] : out) {
                std::vector<char> y = plan.open;
                y[static_cast<std::size_t>(j)] = 0;
                if ((better = try_move(plan, std::move(y)))) break;
            }
            if (better || plan.duals.empty()) continue;
            std::vector<signed char> closed(c_.n);
            for (std::size_t j = 0; j < c_.n; ++j) closed[j] = plan.open[j] ? 0 : -1;
            estimate_.site_values(plan.duals, closed);
            std::vector<std::pair<double, int>> in;
            for (std::size_t j = 0; j < c_.n; ++j)
                if (!plan.open[j] && estimate_.value[j] < 0) in.emplace_back(estimate_.value[j], static_cast<int>(j));
            std::sort(in.begin(), in.end());
            if (in.size() > kOpenTries) in.resize(kOpenTries);
            for (const auto& [v, j] : in) {
                std::vector<char> y = plan.open;
                y[static_cast<std::size_t>(j)] = 1;
                if ((better = try_move(plan, std::move(y)))) break;
            }
            for (std::size_t t = 0; t < out.size() && !better; ++t)
                for (const auto& [v, j] : in) {
                    std::vector<char> y = plan.open;
                    y[static_cast<std::size_t>(j)] = 1;
                    y[static_cast<std::size_t>(out[t].second)] = 0;
                    if ((better = try_move(plan, std::move(y)))) break;
                }
        }
    }
};

// The search's state on stderr: incumbent, bound, gap; the bar is the time
// against the limit, or else the share of the root's gap closed.
class SearchProgress {
public:
    SearchProgress(const std::string& label, double limit_s)
        : bar_(label.empty() || quiet() ? std::optional<Progress>() : std::optional<Progress>(std::in_place, label, 1000)), limit_s_(limit_s),
          t0_(std::chrono::steady_clock::now()) {}
    void show(double incumbent, double bound, long nodes) {
        if (!bar_) return;
        double gap = incumbent < kUnreachable ? relative_gap(incumbent, bound) : 1.0;
        if (gap0_ < 0 && incumbent < kUnreachable && nodes > 0) gap0_ = std::max(gap, 1e-12);  // the gap the root leaves
        double done = limit_s_ > 0 ? seconds_since(t0_) / limit_s_ : (gap0_ > 0 ? 1.0 - gap / gap0_ : 0.0);
        char note[160];
        std::snprintf(note, sizeof note, "%s %.10g  %s %.10g  %s %.4f %%  %s %ld", tr("暫定解", "incumbent"), incumbent,
                      tr("下界", "bound"), bound, tr("ギャップ", "gap"), gap * 100, tr("ノード", "nodes"), nodes);
        bar_->update(static_cast<std::size_t>(std::clamp(done, 0.0, 1.0) * 1000), note);
    }

private:
    std::optional<Progress> bar_;
    double limit_s_, gap0_ = -1.0;
    std::chrono::steady_clock::time_point t0_;
};

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
    SearchProgress* progress = nullptr;  // shown while the root works

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
                if (progress) progress->show(inc_.value(), std::max(node.bound, best_bound), 0);
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
                          const std::string& progress_label, LocationResult& r) {
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
    opt.progress_label = progress_label;
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
    SearchProgress progress(req.progress_label, req.time_limit_s);
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
    progress.show(inc.value(), std::min(inc.value(), root.bound), 1);

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
            progress.show(inc.value(), std::min(least, solver.floor), nodes);
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
            bound = std::max(bound, single_source_milp(c, root.state, inc, left_s, req.progress_label, r));
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
