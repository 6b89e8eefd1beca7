#pragma once
// Internals of the capacitated location solver (optimization.md, "Capacitated
// location with fixed costs"; not part of the public API): the instance as
// the solver sees it, the Lagrangian relaxation (cflp_relaxation.cpp) and the
// plans with their assignment and local search (cflp_plans.cpp). The search
// that drives them is in cflp.cpp. In a namespace of their own: the names are
// the solver's, not the module's.
#include "optimize/location_detail.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace shisetsu::optimize::detail::cflp {

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

// min Σ v_j·y_j subject to Σ Q_j·y_j ≥ demand, [Σ y_j = p], y_j = state_j
// where fixed. With equal capacities (the usual case) the cheapest sites in
// the number the cover needs are the answer; otherwise a depth-first search
// with the linear bound, which after kNodeLimit nodes gives up for the linear
// relaxation itself (a fractional y: still a lower bound, and the subgradient
// stays the one of the value returned).
class CoverKnapsack {
public:
    explicit CoverKnapsack(const Cflp& c);

    // +inf when no y meets the cover (and p) under these fixings.
    double solve(const std::vector<double>& v, const std::vector<signed char>& state, std::vector<double>& y);

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

    double cheapest(int count, std::vector<double>& y);
    double cover_any(std::vector<double>& y);
    double linear_bound(std::size_t from, double need) const;
    void cover(std::size_t t, double need, double cost);
    double choose_count(int count, std::vector<double>& y);
    void choose(std::size_t t, int left, double need, double cost);
};

// L(λ) for one set of fixings: the sites' knapsacks, the cover knapsack, the
// subgradient of the relaxed demand rows.
class Relaxation {
public:
    explicit Relaxation(const Cflp& c) : value(c.n), c_(c), knapsack_(c), bucket_(c.n) {}

    std::vector<double> value;   // v_j(λ) of the last evaluation
    std::vector<double> chosen;  // y of the last evaluation (fractional only when the knapsack search was cut short)

    double evaluate(const std::vector<double>& lambda, const std::vector<signed char>& state, std::vector<double>& g);

    // v_j(λ) of every site not closed in `state` (into `value`); returns Σ λ_i.
    double site_values(const std::vector<double>& lambda, const std::vector<signed char>& state);

    // The cover knapsack with the last values and other fixings (reduced-cost fixing).
    double knapsack(const std::vector<double>& v, const std::vector<signed char>& state);

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

    static double site_knapsack(std::vector<Item>& items, double Q);
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
    std::optional<double> solve(const std::vector<char>& open);

    std::vector<double> shares;  // of the last solve, per pair
    std::vector<double> duals;   // of the last solve, per origin: a good start for λ
    long solves = 0;

private:
    const Cflp& c_;
};

// A set of open sites with its assignment.
struct Plan {
    double value = kUnreachable;
    std::vector<char> open;
    std::vector<double> x;       // per Cflp pair
    std::vector<double> duals;   // the transportation LP's demand-row duals (split demand)
};

// The best plan found. Plans come from the relaxation's sites (each set
// evaluated once): split demand assigned by the transportation LP, single
// source by assign_single_source (cflp_plans.cpp); a plan better than the
// best is improved by local search.
class Incumbent {
public:
    Incumbent(const Cflp& c, Transport& t) : c_(c), transport_(t), estimate_(c) {}

    Plan best;
    double value() const { return best.value; }

    // Evaluates a set of open sites (must meet required and p); returns its
    // cost before any local search, which runs (with `search`) when the plan
    // is better than the best.
    double consider(std::vector<char> y, bool search = true);

    // A plan found elsewhere (the single-source MILP), its value recomputed.
    void replace(const std::vector<char>& y, const std::vector<double>& shares);

private:
    const Cflp& c_;
    Transport& transport_;
    Relaxation estimate_;           // what opening a site would save, at a plan's duals
    std::unordered_map<std::string, double> seen_;

    Plan evaluate(std::vector<char> y);
    bool try_move(Plan& plan, std::vector<char> y);
    void improve(Plan& plan);
};

} // namespace shisetsu::optimize::detail::cflp
