// The capacitated location solver's Lagrangian bound (optimization.md,
// "Capacitated location with fixed costs"): with the demand rows relaxed,
// L(λ) = Σ_i λ_i + min { Σ_j v_j(λ)·y_j : cover, [p], fixings }, a
// continuous knapsack per site for v_j(λ) and one 0-1 cover knapsack over the
// sites, each solved exactly (the search over them is in cflp.cpp).
#include "optimize/cflp_detail.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace shisetsu::optimize::detail::cflp {

CoverKnapsack::CoverKnapsack(const Cflp& c) : c_(c) {
    equal_capacity_ = std::all_of(c.Q.begin(), c.Q.end(), [&](double q) { return q == c.Q.front(); });
}

double CoverKnapsack::solve(const std::vector<double>& v, const std::vector<signed char>& state, std::vector<double>& y) {
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

// Equal capacities: `count` of the free sites, the cheapest (the cover
// holds by the count alone).
double CoverKnapsack::cheapest(int count, std::vector<double>& y) {
    if (count * c_.Q.front() < need_ - eps_) return kUnreachable;
    auto nth = items_.begin() + count;
    std::nth_element(items_.begin(), nth, items_.end(), [&](int a, int b) { return (*v_)[static_cast<std::size_t>(a)] < (*v_)[static_cast<std::size_t>(b)]; });
    double sum = 0.0;
    for (auto it = items_.begin(); it != nth; ++it) { y[static_cast<std::size_t>(*it)] = 1; sum += (*v_)[static_cast<std::size_t>(*it)]; }
    return sum;
}

// Unequal capacities, any number: by v/Q, depth first.
double CoverKnapsack::cover_any(std::vector<double>& y) {
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

double CoverKnapsack::linear_bound(std::size_t from, double need) const {
    double lb = 0.0;
    for (std::size_t t = from; t < items_.size() && need > eps_; ++t) {
        if (q(t) >= need) { lb += v(t) * need / q(t); need = 0; }
        else { lb += v(t); need -= q(t); }
    }
    return need > eps_ ? kUnreachable : lb;
}

void CoverKnapsack::cover(std::size_t t, double need, double cost) {
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
double CoverKnapsack::choose_count(int count, std::vector<double>& y) {
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

void CoverKnapsack::choose(std::size_t t, int left, double need, double cost) {
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

double Relaxation::evaluate(const std::vector<double>& lambda, const std::vector<signed char>& state, std::vector<double>& g) {
    double sum = site_values(lambda, state);
    double K = knapsack_.solve(value, state, chosen);
    std::fill(g.begin(), g.end(), 1.0);
    for (std::size_t j = 0; j < c_.n; ++j)
        if (chosen[j] > 0)
            for (const auto& it : bucket_[j]) g[static_cast<std::size_t>(it.origin)] -= chosen[j] * it.x;
    return sum + K;
}

double Relaxation::site_values(const std::vector<double>& lambda, const std::vector<signed char>& state) {
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

double Relaxation::knapsack(const std::vector<double>& v, const std::vector<signed char>& state) {
    std::vector<double> ignored;
    return knapsack_.solve(v, state, ignored);
}

// min Σ r·x, Σ w·x ≤ Q, 0 ≤ x ≤ 1 over items with r < 0: by r/w, the
// last one split. The items in ratio order are found by selection
// (quickselect on the ratio, weighing the parts), not a full sort.
double Relaxation::site_knapsack(std::vector<Item>& items, double Q) {
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

} // namespace shisetsu::optimize::detail::cflp
