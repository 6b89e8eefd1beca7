// Model A as arrays, each stage's objective and its time-indexed MILP
// (optimization.md "A").
#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/levelling_detail.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace shisetsu::optimize::detail {

double LevelModel::penalty(std::size_t i, int t) const noexcept {
    if (t == kLater) return cost[i] * alpha[i] * max_deferral;
    return cost[i] * (alpha[i] * std::max(t - due[i], 0) + beta * std::max(due[i] - t, 0));
}

LevelModel make_model(const std::vector<LevelEvent>& events, const LevelRequest& r) {
    LevelModel md;
    const auto& p = r.parameters;
    md.start_year = r.start_year;
    md.horizon = r.horizon;
    md.beta = p.advance_penalty;
    md.max_deferral = p.max_deferral;
    const std::size_t m = events.size();
    md.prev.assign(m, -1);
    md.next.assign(m, -1);
    for (std::size_t i = 0; i < m; ++i) {
        const auto& e = events[i];
        if (e.spread < 1 || !(e.cost_yen >= 0))
            throw InputError(e.building_id + ": " + tr("事業の期間・費用が不正です", "invalid event spread or cost"));
        Window w = window_of(e, r);
        md.first.push_back(w.first);
        md.last.push_back(w.last);
        md.later.push_back(w.later ? 1 : 0);
        md.spread.push_back(e.spread);
        md.due.push_back(e.due_year);
        md.cost.push_back(e.cost_yen);
        md.alpha.push_back(deferral_rate(e, p));
        if (i > 0 && events[i - 1].building_id == e.building_id) {
            md.prev[i] = static_cast<int>(i - 1);
            md.next[i - 1] = static_cast<int>(i);
        }
    }
    // Tighten the windows along each building's order until nothing changes.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < m; ++i) {
            int j = md.next[i];
            if (j < 0) continue;
            auto J = static_cast<std::size_t>(j);
            bool i_in = md.first[i] <= md.last[i], j_in = md.first[J] <= md.last[J];
            // j starts no earlier than i can end; if i must be later, so must j.
            int lo = i_in ? md.first[i] + md.spread[i] : md.last[J] + 1;
            if (md.first[J] < lo && j_in) { md.first[J] = std::min(lo, md.last[J] + 1); changed = true; }
            // If j must stay in the horizon, so must i, and early enough.
            if (!md.later[J]) {
                if (md.later[i]) { md.later[i] = 0; changed = true; }
                int hi = j_in ? md.last[J] - md.spread[i] : md.first[i] - 1;
                if (md.last[i] > hi) { md.last[i] = std::max(hi, md.first[i] - 1); changed = true; }
            }
        }
    }
    for (std::size_t i = 0; i < m; ++i)
        if (md.options(i) == 0)
            throw SolverError(tr("平準化: 棟内の順序と時期の範囲をすべて満たす計画がありません (前倒し・先送りの上限を広げてください)",
                                 "levelling: no schedule meets every building's order within the windows (widen max advance / deferral)"),
                              true);
    md.budget.assign(static_cast<std::size_t>(r.horizon), 0.0);
    if (!r.peak) {
        for (int y = 0; y < r.horizon; ++y) {
            auto k = static_cast<std::size_t>(y);
            md.budget[k] = !r.budget_by_year.empty() ? r.budget_by_year[k] : r.budget_yen.value_or(0.0);
        }
    }
    return md;
}

std::vector<double> cash_of(const LevelModel& md, const std::vector<int>& start) {
    std::vector<double> cash(static_cast<std::size_t>(md.horizon), 0.0);
    for (std::size_t i = 0; i < md.size(); ++i) {
        if (start[i] == kLater) continue;
        for (int y = start[i]; y < start[i] + md.spread[i] && y < md.end_year(); ++y)
            cash[static_cast<std::size_t>(y - md.start_year)] += md.part(i);
    }
    return cash;
}

double stage_value(const LevelModel& md, const StageSpec& spec, const std::vector<int>& start) {
    auto cash = cash_of(md, start);
    if (spec.min_max) {
        double worst = spec.floor_at_zero ? 0.0 : -kInfinity;
        for (std::size_t y = 0; y < cash.size(); ++y) worst = std::max(worst, cash[y] - md.budget[y]);
        return worst;
    }
    double v = 0.0;
    if (spec.overrun_weight > 0)
        for (std::size_t y = 0; y < cash.size(); ++y) v += spec.overrun_weight * std::max(0.0, cash[y] - md.budget[y]);
    for (std::size_t i = 0; i < md.size(); ++i) v += md.penalty(i, start[i]);
    return v;
}

bool meets_cap(const LevelModel& md, const StageSpec& spec, const std::vector<int>& start) {
    if (spec.min_max || spec.cap >= kInfinity) return true;
    auto cash = cash_of(md, start);
    for (std::size_t y = 0; y < cash.size(); ++y)
        if (cash[y] - md.budget[y] > spec.cap + 1e-6 * std::max(1.0, std::abs(spec.cap))) return false;
    return true;
}

int StageMip::col(const LevelModel& md, std::size_t i, int t) const {
    if (t == kLater) return first_col[i + 1] - 1;
    return first_col[i] + (t - md.first[i]);
}

std::vector<double> StageMip::encode(const LevelModel& md, const std::vector<int>& start) const {
    std::vector<double> x(static_cast<std::size_t>(mip.cols()), 0.0);
    for (std::size_t i = 0; i < md.size(); ++i) x[static_cast<std::size_t>(col(md, i, start[i]))] = 1.0;
    return x;
}

std::vector<int> StageMip::decode(const LevelModel& md, const std::vector<double>& values) const {
    std::vector<int> start(md.size(), kLater);
    for (std::size_t i = 0; i < md.size(); ++i)
        for (int t = md.first[i]; t <= md.last[i]; ++t)
            if (values[static_cast<std::size_t>(col(md, i, t))] > 0.5) start[i] = t;
    return start;
}

StageMip stage_mip(const LevelModel& md, const StageSpec& spec) {
    StageMip sm;
    auto& mip = sm.mip;
    double largest = 1.0;
    for (double c : md.cost) largest = std::max(largest, c);
    sm.scale = 1000.0 / largest;
    const std::size_t m = md.size();
    const int H = md.horizon;
    for (std::size_t i = 0; i < m; ++i) {
        sm.first_col.push_back(mip.cols());
        double w = spec.min_max ? 0.0 : sm.scale;
        for (int t = md.first[i]; t <= md.last[i]; ++t) mip.add_binary(md.penalty(i, t) * w);
        if (md.later[i]) mip.add_binary(md.penalty(i, kLater) * w);
    }
    sm.first_col.push_back(mip.cols());
    std::vector<int> idx;
    std::vector<double> val;
    for (std::size_t i = 0; i < m; ++i) {  // one option per event
        idx.clear();
        val.clear();
        for (int c = sm.first_col[i]; c < sm.first_col[i + 1]; ++c) { idx.push_back(c); val.push_back(1.0); }
        mip.add_row(idx, val, 1.0, 1.0);
    }
    // Order: j (next in the building) started by τ ⇒ i started by τ − n_i.
    for (std::size_t i = 0; i < m; ++i) {
        if (md.next[i] < 0) continue;
        auto j = static_cast<std::size_t>(md.next[i]);
        for (int tau = md.first[j]; tau <= md.last[j]; ++tau) {
            if (md.last[i] <= tau - md.spread[i] && !md.later[i]) continue;  // i surely started by then
            idx.clear();
            val.clear();
            for (int t = md.first[j]; t <= tau; ++t) { idx.push_back(sm.col(md, j, t)); val.push_back(1.0); }
            for (int t = md.first[i]; t <= std::min(tau - md.spread[i], md.last[i]); ++t) { idx.push_back(sm.col(md, i, t)); val.push_back(-1.0); }
            mip.add_row(idx, val, -kInfinity, 0.0);
        }
    }
    // Cash per year.
    const bool cash_rows = spec.min_max || spec.overrun_weight > 0 || spec.cap < kInfinity;
    if (!cash_rows) return sm;
    int z = -1;
    std::vector<int> s(static_cast<std::size_t>(H), -1);
    if (spec.min_max) z = mip.add_col(0.0, kInfinity, 1.0, false);
    else if (spec.overrun_weight > 0)
        for (int y = 0; y < H; ++y)
            s[static_cast<std::size_t>(y)] = mip.add_col(0.0, spec.cap < kInfinity ? spec.cap * sm.scale : kInfinity, spec.overrun_weight, false);
    std::vector<std::vector<std::pair<int, double>>> rows(static_cast<std::size_t>(H));
    for (std::size_t i = 0; i < m; ++i)
        for (int t = md.first[i]; t <= md.last[i]; ++t)
            for (int y = t; y < t + md.spread[i] && y < md.end_year(); ++y)
                rows[static_cast<std::size_t>(y - md.start_year)].emplace_back(sm.col(md, i, t), md.part(i) * sm.scale);
    for (int y = 0; y < H; ++y) {
        auto k = static_cast<std::size_t>(y);
        idx.clear();
        val.clear();
        for (const auto& [c, v] : rows[k]) { idx.push_back(c); val.push_back(v); }
        double rhs = md.budget[k] * sm.scale;
        if (z >= 0) { idx.push_back(z); val.push_back(-1.0); }
        else if (s[k] >= 0) { idx.push_back(s[k]); val.push_back(-1.0); }
        else rhs += spec.cap * sm.scale;
        mip.add_row(idx, val, -kInfinity, rhs);
    }
    return sm;
}

std::vector<std::size_t> chain_of(const LevelModel& md, std::size_t head) {
    std::vector<std::size_t> chain;
    for (int k = static_cast<int>(head); k >= 0; k = md.next[static_cast<std::size_t>(k)]) chain.push_back(static_cast<std::size_t>(k));
    return chain;
}

namespace {

// Whether event b may start at tb right after a at ta.
bool follows(const LevelModel& md, std::size_t a, int ta, int tb) {
    if (ta == kLater) return tb == kLater;
    return tb == kLater || tb >= ta + md.spread[a];
}

} // namespace

std::vector<int> earliest_schedule(const LevelModel& md) {
    std::vector<int> start(md.size(), kLater);
    for (std::size_t i = 0; i < md.size(); ++i)
        if (md.first[i] <= md.last[i]) start[i] = md.first[i];
    return start;
}

std::vector<int> due_schedule(const LevelModel& md) {
    std::vector<int> start(md.size(), kLater);
    for (std::size_t i = 0; i < md.size(); ++i)
        if (md.first[i] <= md.last[i]) start[i] = std::clamp(md.due[i], md.first[i], md.last[i]);
    return start;
}

std::vector<int> round_lp(const LevelModel& md, const StageMip& sm, const std::vector<double>& values, const std::vector<int>& fallback) {
    std::vector<int> start = fallback;
    for (std::size_t head = 0; head < md.size(); ++head) {
        if (md.prev[head] >= 0) continue;
        auto chain = chain_of(md, head);
        std::vector<int> pick;
        for (std::size_t i : chain) {
            int best = md.first[i] <= md.last[i] ? md.first[i] : kLater;
            double best_v = -1.0;
            for (int t = md.first[i]; t <= md.last[i]; ++t) {
                double v = values[static_cast<std::size_t>(sm.col(md, i, t))];
                if (v > best_v + 1e-9) { best_v = v; best = t; }
            }
            if (md.later[i] && values[static_cast<std::size_t>(sm.col(md, i, kLater))] > best_v + 1e-9) best = kLater;
            pick.push_back(best);
        }
        // Restore the order going forward; an event that no longer fits goes later if it may.
        bool ok = true;
        for (std::size_t k = 0; k < chain.size() && ok; ++k) {
            std::size_t i = chain[k];
            if (k > 0 && !follows(md, chain[k - 1], pick[k - 1], pick[k])) {
                if (pick[k - 1] == kLater) {
                    ok = md.later[i] != 0;
                    pick[k] = kLater;
                } else {
                    int t = pick[k - 1] + md.spread[chain[k - 1]];
                    if (t <= md.last[i]) pick[k] = std::max(t, md.first[i]);
                    else if (md.later[i]) pick[k] = kLater;
                    else ok = false;
                }
            }
        }
        for (std::size_t k = 0; k < chain.size() && ok; ++k)
            if (pick[k] != kLater && (pick[k] < md.first[chain[k]] || pick[k] > md.last[chain[k]])) ok = false;
        if (ok)
            for (std::size_t k = 0; k < chain.size(); ++k) start[chain[k]] = pick[k];
    }
    return start;
}

bool is_schedule(const LevelModel& md, const std::vector<int>& start) {
    for (std::size_t i = 0; i < md.size(); ++i) {
        int t = start[i];
        if (t == kLater ? !md.later[i] : (t < md.first[i] || t > md.last[i])) return false;
        if (md.prev[i] >= 0 && !follows(md, static_cast<std::size_t>(md.prev[i]), start[static_cast<std::size_t>(md.prev[i])], t)) return false;
    }
    return true;
}

LevelModel restricted(const LevelModel& md, const std::vector<int>& start, int lo, int hi, int& free_events) {
    LevelModel sub = md;
    free_events = 0;
    for (std::size_t i = 0; i < md.size(); ++i) {
        int t = start[i];
        bool free = t == kLater ? md.later[i] != 0 : (t >= lo && t + md.spread[i] - 1 <= hi);
        free_events += free;
        if (free) {
            sub.first[i] = std::max(md.first[i], lo);
            sub.last[i] = std::min(md.last[i], hi - md.spread[i] + 1);
        } else if (t == kLater) {
            sub.first[i] = 1;
            sub.last[i] = 0;
        } else {
            sub.first[i] = sub.last[i] = t;
            sub.later[i] = 0;
        }
    }
    return sub;
}

double best_chain(const LevelModel& md, const std::vector<std::size_t>& chain, const std::function<double(std::size_t, int)>& cost_at,
                  std::vector<int>& pick) {
    // opts[k]: the start years of chain[k] (kLater last); cost[k][o] the least
    // cost of chain[0..k] with chain[k] at opts[k][o], from[k][o] its predecessor's option.
    std::vector<std::vector<int>> opts(chain.size());
    std::vector<std::vector<double>> cost(chain.size());
    std::vector<std::vector<int>> from(chain.size());
    for (std::size_t k = 0; k < chain.size(); ++k) {
        std::size_t i = chain[k];
        for (int t = md.first[i]; t <= md.last[i]; ++t) opts[k].push_back(t);
        if (md.later[i]) opts[k].push_back(kLater);
        cost[k].assign(opts[k].size(), kInfinity);
        from[k].assign(opts[k].size(), -1);
        for (std::size_t o = 0; o < opts[k].size(); ++o) {
            double own = cost_at(i, opts[k][o]);
            if (own >= kInfinity) continue;
            if (k == 0) { cost[k][o] = own; continue; }
            for (std::size_t q = 0; q < opts[k - 1].size(); ++q)
                if (cost[k - 1][q] < kInfinity && follows(md, chain[k - 1], opts[k - 1][q], opts[k][o]) && cost[k - 1][q] + own < cost[k][o]) {
                    cost[k][o] = cost[k - 1][q] + own;
                    from[k][o] = static_cast<int>(q);
                }
        }
    }
    std::size_t K = chain.size() - 1;
    auto o = static_cast<std::size_t>(std::min_element(cost[K].begin(), cost[K].end()) - cost[K].begin());
    double best = cost[K][o];
    pick.assign(chain.size(), kLater);
    if (best >= kInfinity) return best;
    for (std::size_t k = K + 1; k-- > 0;) {
        pick[k] = opts[k][o];
        if (k > 0) o = static_cast<std::size_t>(from[k][o]);
    }
    return best;
}

std::vector<int> best_schedules(const LevelModel& md) {
    std::vector<int> start(md.size(), kLater);
    std::vector<int> pick;
    for (std::size_t head = 0; head < md.size(); ++head) {
        if (md.prev[head] >= 0) continue;
        auto chain = chain_of(md, head);
        best_chain(md, chain, [&](std::size_t i, int t) { return md.penalty(i, t); }, pick);
        for (std::size_t k = 0; k < chain.size(); ++k) start[chain[k]] = pick[k];
    }
    return start;
}

} // namespace shisetsu::optimize::detail
