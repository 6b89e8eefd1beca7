// The capacitated location solver's plans (optimization.md, "Capacitated
// location with fixed costs"): the split assignment of a set of open sites
// by the transportation LP, the single-source assignment by regret, and the
// best plan found with its local search.
#include "optimize/cflp_detail.hpp"

#include <algorithm>
#include <utility>

namespace shisetsu::optimize::detail::cflp {

namespace {

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

} // namespace

std::optional<double> Transport::solve(const std::vector<char>& open) {
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

double Incumbent::consider(std::vector<char> y, bool search) {
    std::string key(y.begin(), y.end());
    if (auto it = seen_.find(key); it != seen_.end()) return it->second;
    Plan plan = evaluate(std::move(y));
    seen_.emplace(std::move(key), plan.value);
    double first = plan.value;
    if (search && plan.value < best.value) improve(plan);
    if (plan.value < best.value) best = std::move(plan);
    return first;
}

void Incumbent::replace(const std::vector<char>& y, const std::vector<double>& shares) {
    Plan p;
    p.value = 0.0;
    for (std::size_t j = 0; j < c_.n; ++j) if (y[j]) p.value += c_.f[j];
    for (std::size_t k = 0; k < c_.site.size(); ++k) p.value += c_.cost[k] * shares[k];
    p.open = y;
    p.x = shares;
    best = std::move(p);
}

Plan Incumbent::evaluate(std::vector<char> y) {
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
bool Incumbent::try_move(Plan& plan, std::vector<char> y) {
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
void Incumbent::improve(Plan& plan) {
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

} // namespace shisetsu::optimize::detail::cflp
