// Renewal levelling (optimization.md "A") as a time-indexed MILP:
// x_it = 1 when event i starts in year t (t ∈ W_i, plus "later" where
// allowed), one start per event; the order within a building in the strong
// (cumulative) form Σ_{t≤τ} x_jt ≤ Σ_{t≤τ−n_i} x_it for every τ, which also
// makes an event after a "later" one later; yearly cash P_y; budget rows
// P_y − s_y ≤ B_y. Money enters the model in millions of yen (numerics) and
// is scaled back; the objective is recomputed from the plan.
#include "optimize/levelling.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/mip.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace shisetsu::optimize {

namespace {


double budget_of(const LevelRequest& r, int y_index) {
    if (!r.budget_by_year.empty()) return r.budget_by_year[static_cast<std::size_t>(y_index)];
    return r.budget_yen.value_or(kInfinity);
}

bool has_budget(const LevelRequest& r) { return !r.peak && (!r.budget_by_year.empty() || r.budget_yen); }

double event_penalty(const LevelEvent& e, const LevelParameters& p, std::optional<int> t) {
    if (!t) return e.cost_yen * p.deferral_penalty * p.max_deferral;
    return e.cost_yen * (p.deferral_penalty * std::max(*t - e.due_year, 0) + p.advance_penalty * std::max(e.due_year - *t, 0));
}

void add_cash(std::vector<double>& cash, const LevelEvent& e, std::optional<int> t, const LevelRequest& r) {
    if (!t) return;
    for (int y = *t; y < *t + e.spread; ++y)
        if (y >= r.start_year && y < r.start_year + r.horizon) cash[static_cast<std::size_t>(y - r.start_year)] += e.cost_yen / e.spread;
}

} // namespace

Window window_of(const LevelEvent& e, const LevelRequest& r) {
    const auto& p = r.parameters;
    Window w;
    w.first = std::max(r.start_year, e.due_year - p.max_advance);
    w.last = std::min(r.start_year + r.horizon - e.spread, e.due_year + p.max_deferral);
    w.later = e.due_year + p.max_deferral > r.start_year + r.horizon - e.spread;
    return w;
}

LevelCheck check_schedule(const std::vector<LevelEvent>& events, const LevelRequest& r,
                          const std::vector<std::optional<int>>& start) {
    LevelCheck c;
    c.cash_yen.assign(static_cast<std::size_t>(r.horizon), 0.0);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        Window w = window_of(e, r);
        if (start[i] ? (*start[i] < w.first || *start[i] > w.last) : !w.later)
            c.violations.push_back(e.building_id + "#" + std::to_string(e.seq) + ": outside its window");
        if (i > 0 && events[i - 1].building_id == e.building_id) {
            const auto& prev = start[i - 1];
            if (!prev && start[i]) c.violations.push_back(e.building_id + "#" + std::to_string(e.seq) + ": starts after a later event");
            if (prev && start[i] && *start[i] < *prev + events[i - 1].spread)
                c.violations.push_back(e.building_id + "#" + std::to_string(e.seq) + ": overlaps the previous event");
        }
        add_cash(c.cash_yen, e, start[i], r);
        c.penalty_yen += event_penalty(e, r.parameters, start[i]);
    }
    for (int y = 0; y < r.horizon; ++y) {
        double cash = c.cash_yen[static_cast<std::size_t>(y)];
        c.peak_yen = std::max(c.peak_yen, cash);
        if (has_budget(r)) c.overrun_yen += std::max(0.0, cash - budget_of(r, y));
    }
    c.objective_yen = r.parameters.overrun_penalty * c.overrun_yen + c.penalty_yen;
    return c;
}

LevelResult level(const std::vector<LevelEvent>& events, const LevelRequest& r) {
    auto t0 = std::chrono::steady_clock::now();
    const auto& par = r.parameters;
    const int H = r.horizon, Y0 = r.start_year;
    const std::size_t m = events.size();
    LevelResult out;
    // Money is scaled so that the largest event costs 1,000 inside the MILP (numerics).
    double largest = 1.0;
    for (const auto& e : events) largest = std::max(largest, e.cost_yen);
    const double kScale = 1000.0 / largest;

    // Columns x_it: per event, its window years then "later".
    MipProblem mip;
    std::vector<Window> win(m);
    std::vector<int> first_col(m), later_col(m, -1);
    std::vector<double> dummy;
    for (std::size_t i = 0; i < m; ++i) {
        const auto& e = events[i];
        if (e.spread < 1 || e.cost_yen < 0) throw InputError(e.building_id + ": " + tr("事業の期間・費用が不正です", "invalid event spread or cost"));
        win[i] = window_of(e, r);
        first_col[i] = mip.cols();
        // Mode peak, phase 1: the peak alone; the penalties come in phase 2.
        double weight = r.peak ? 0.0 : kScale;
        for (int t = win[i].first; t <= win[i].last; ++t) mip.add_binary(event_penalty(e, par, t) * weight);
        if (win[i].later) later_col[i] = mip.add_binary(event_penalty(e, par, std::nullopt) * weight);
        if (mip.cols() == first_col[i])
            throw SolverError(e.building_id + " (" + e.kind + "): " + tr("開始できる年度がありません", "no year in which it can start"), true);
    }
    auto col = [&](std::size_t i, int t) { return first_col[i] + (t - win[i].first); };
    const int n_x = mip.cols();

    // Peak variable (mode peak) or overrun slack s_y (budget).
    int z = -1;
    std::vector<int> s(static_cast<std::size_t>(H), -1);
    if (r.peak) z = mip.add_col(0.0, kInfinity, 1.0, false);
    else if (has_budget(r))
        for (int y = 0; y < H; ++y) s[static_cast<std::size_t>(y)] = mip.add_col(0.0, kInfinity, par.overrun_penalty, false);

    std::vector<int> idx;
    std::vector<double> val;
    // One start per event.
    for (std::size_t i = 0; i < m; ++i) {
        idx.clear(); val.clear();
        int last = later_col[i] >= 0 ? later_col[i] : col(i, win[i].last);
        for (int c = first_col[i]; c <= last; ++c) { idx.push_back(c); val.push_back(1.0); }
        mip.add_row(idx, val, 1.0, 1.0);
    }
    // Order: j (next in the building) started by τ ⇒ i started by τ − n_i.
    for (std::size_t j = 1; j < m; ++j) {
        std::size_t i = j - 1;
        if (events[i].building_id != events[j].building_id) continue;
        for (int tau = win[j].first; tau <= win[j].last; ++tau) {
            idx.clear(); val.clear();
            for (int t = win[j].first; t <= tau; ++t) { idx.push_back(col(j, t)); val.push_back(1.0); }
            for (int t = win[i].first; t <= std::min(tau - events[i].spread, win[i].last); ++t) { idx.push_back(col(i, t)); val.push_back(-1.0); }
            // Redundant when i surely started by then (its whole window ends before).
            if (win[i].last <= tau - events[i].spread && later_col[i] < 0) continue;
            mip.add_row(idx, val, -kInfinity, 0.0);
        }
    }
    // Cash per year.
    if (z >= 0 || has_budget(r)) {
        std::vector<std::vector<std::pair<int, double>>> cash(static_cast<std::size_t>(H));
        for (std::size_t i = 0; i < m; ++i) {
            const auto& e = events[i];
            for (int t = win[i].first; t <= win[i].last; ++t)
                for (int y = t; y < t + e.spread && y < Y0 + H; ++y)
                    cash[static_cast<std::size_t>(y - Y0)].emplace_back(col(i, t), e.cost_yen / e.spread * kScale);
        }
        for (int y = 0; y < H; ++y) {
            idx.clear(); val.clear();
            for (const auto& [c, v] : cash[static_cast<std::size_t>(y)]) { idx.push_back(c); val.push_back(v); }
            if (z >= 0) { idx.push_back(z); val.push_back(-1.0); mip.add_row(idx, val, -kInfinity, 0.0); }
            else { idx.push_back(s[static_cast<std::size_t>(y)]); val.push_back(-1.0); mip.add_row(idx, val, -kInfinity, budget_of(r, y) * kScale); }
        }
    }
    out.rows = mip.rows();
    out.cols = mip.cols();

    // Start: a greedy plan, then re-insertion passes. Events in due order
    // (a building's events keep their order); each takes the option (a year
    // of its window, or later) that adds least to M·overrun (or to the peak)
    // plus its penalty, given the cash placed so far and its neighbours.
    std::vector<double> start;
    {
        std::vector<std::optional<int>> t(m);
        std::vector<double> cash(static_cast<std::size_t>(H), 0.0);
        auto place = [&](std::size_t i, std::optional<int> when, double sign) {
            if (!when) return;
            for (int y = *when; y < *when + events[i].spread && y < Y0 + H; ++y) cash[static_cast<std::size_t>(y - Y0)] += sign * events[i].cost_yen / events[i].spread;
        };
        auto increment = [&](std::size_t i, std::optional<int> when) {
            double add = event_penalty(events[i], par, when);
            if (!when) return add;
            double part = events[i].cost_yen / events[i].spread;
            for (int y = *when; y < *when + events[i].spread && y < Y0 + H; ++y) {
                double before = cash[static_cast<std::size_t>(y - Y0)];
                if (has_budget(r)) {
                    double b = budget_of(r, y - Y0);
                    add += par.overrun_penalty * (std::max(0.0, before + part - b) - std::max(0.0, before - b));
                } else if (r.peak) {
                    add += 1e-6 * (before + part) * part;  // spread out: a square-like pressure on full years
                }
            }
            return add;
        };
        auto same = [&](std::size_t a, std::size_t b) { return events[a].building_id == events[b].building_id; };
        auto best_option = [&](std::size_t i) -> std::optional<std::optional<int>> {
            int lo = win[i].first, hi = win[i].last;
            bool later_ok = win[i].later;
            if (i > 0 && same(i - 1, i)) {
                if (!t[i - 1]) { lo = hi + 1; }  // after a later event: later too
                else lo = std::max(lo, *t[i - 1] + events[i - 1].spread);
            }
            if (i + 1 < m && same(i, i + 1)) {
                if (t[i + 1]) { hi = std::min(hi, *t[i + 1] - events[i].spread); later_ok = false; }
            }
            std::optional<std::optional<int>> best;
            double best_cost = kInfinity;
            for (int y = lo; y <= hi; ++y) {
                double c = increment(i, y);
                if (c < best_cost - 1e-9) { best_cost = c; best = std::optional<int>(y); }
            }
            if (later_ok && increment(i, std::nullopt) < best_cost - 1e-9) best = std::optional<int>(std::nullopt);
            return best;
        };
        std::vector<std::size_t> order(m);
        for (std::size_t i = 0; i < m; ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return events[a].due_year < events[b].due_year; });
        // First pass in building order so that a building's events see their predecessor.
        std::vector<char> placed(m, 0);
        bool ok = true;
        for (std::size_t k = 0; k < m && ok; ++k) {
            std::size_t i = order[k];
            // Predecessors first (due years ascend within a building, so they already are).
            auto opt = best_option(i);
            if (!opt) { ok = false; break; }
            t[i] = *opt;
            placed[i] = 1;
            place(i, t[i], 1.0);
        }
        for (int pass = 0; ok && pass < 3; ++pass) {
            bool moved = false;
            for (std::size_t k = 0; k < m; ++k) {
                std::size_t i = order[k];
                place(i, t[i], -1.0);
                double now = increment(i, t[i]);
                auto opt = best_option(i);
                if (opt && increment(i, *opt) < now - 1e-6 * (1 + std::abs(now))) { t[i] = *opt; moved = true; }
                place(i, t[i], 1.0);
            }
            if (!moved) break;
        }
        if (ok && check_schedule(events, r, t).violations.empty()) {
            start.assign(static_cast<std::size_t>(mip.cols()), 0.0);
            for (std::size_t i = 0; i < m; ++i) start[static_cast<std::size_t>(t[i] ? col(i, *t[i]) : later_col[i])] = 1.0;
            LevelCheck c = check_schedule(events, r, t);
            if (z >= 0) start[static_cast<std::size_t>(z)] = c.peak_yen * kScale;
            else if (has_budget(r))
                for (int y = 0; y < H; ++y)
                    start[static_cast<std::size_t>(s[static_cast<std::size_t>(y)])] = std::max(0.0, c.cash_yen[static_cast<std::size_t>(y)] - budget_of(r, y)) * kScale;
        }
    }

    auto remaining = [&] {
        if (r.time_limit_s <= 0) return 0.0;
        return std::max(0.5, r.time_limit_s - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    };
    MipOptions opt;
    opt.relative_gap = r.relative_gap;
    opt.progress_label = r.progress_label;
    opt.start = start;
    opt.time_limit_s = r.peak && r.time_limit_s > 0 ? remaining() / 2 : remaining();
    MipSolution sol = solve_mip(mip, opt);
    if (sol.status == MipStatus::infeasible)
        throw SolverError(tr("平準化: 棟内の順序と時期の範囲をすべて満たす計画がありません (前倒し・先送りの上限を広げてください)",
                             "levelling: no schedule meets every building's order within the windows (widen max advance / deferral)"), true);
    if (!sol.has_plan()) throw SolverError(tr("平準化: 制限時間内に計画が見つかりませんでした", "levelling: no schedule found within the time limit"));

    if (r.peak) {
        // Phase 2: the peak fixed at the best found, minimise the penalty.
        double peak = sol.objective;
        out.peak_bound_yen = sol.bound / kScale;
        MipProblem second = mip;
        second.objective.assign(second.objective.size(), 0.0);
        second.objective_offset = 0.0;
        for (std::size_t i = 0; i < m; ++i) {
            for (int t = win[i].first; t <= win[i].last; ++t) second.objective[static_cast<std::size_t>(col(i, t))] = event_penalty(events[i], par, t) * kScale;
            if (later_col[i] >= 0) second.objective[static_cast<std::size_t>(later_col[i])] = event_penalty(events[i], par, std::nullopt) * kScale;
        }
        second.col_upper[static_cast<std::size_t>(z)] = peak * (1 + 1e-9) + 1e-9;
        MipOptions opt2 = opt;
        opt2.start = sol.values;
        opt2.time_limit_s = remaining();
        MipSolution sol2 = solve_mip(second, opt2);
        if (sol2.has_plan()) {
            // Phase 1's result stays valid if phase 2 found nothing better.
            sol2.status = (sol.status == MipStatus::optimal && sol2.status == MipStatus::optimal) ? MipStatus::optimal : MipStatus::feasible;
            sol = sol2;
        } else {
            double pen = 0.0;
            for (int c = 0; c < n_x; ++c) pen += second.objective[static_cast<std::size_t>(c)] * sol.values[static_cast<std::size_t>(c)];
            sol.objective = pen;
            sol.bound = 0.0;
            sol.status = MipStatus::feasible;
        }
    }

    out.start_year.assign(m, std::nullopt);
    for (std::size_t i = 0; i < m; ++i)
        for (int t = win[i].first; t <= win[i].last; ++t)
            if (sol.values[static_cast<std::size_t>(col(i, t))] > 0.5) out.start_year[i] = t;
    std::vector<std::optional<int>> due(m);
    for (std::size_t i = 0; i < m; ++i) due[i] = events[i].due_year;
    LevelCheck before = check_schedule(events, r, due);
    LevelCheck after = check_schedule(events, r, out.start_year);
    out.before_yen = before.cash_yen;
    out.after_yen = after.cash_yen;
    out.peak_before_yen = before.peak_yen;
    out.peak_after_yen = after.peak_yen;
    out.penalty_yen = after.penalty_yen;
    out.overrun_yen = after.overrun_yen;
    out.overrun_by_year_yen.assign(static_cast<std::size_t>(H), 0.0);
    if (has_budget(r))
        for (int y = 0; y < H; ++y) out.overrun_by_year_yen[static_cast<std::size_t>(y)] = std::max(0.0, after.cash_yen[static_cast<std::size_t>(y)] - budget_of(r, y));
    // Objective recomputed from the plan (mode peak: the penalty with the peak fixed).
    out.objective_yen = r.peak ? after.penalty_yen : after.objective_yen;
    out.bound_yen = std::min(out.objective_yen, sol.bound / kScale);
    out.gap = relative_gap(out.objective_yen, out.bound_yen);
    out.status = sol.status == MipStatus::optimal && out.gap <= 1e-6 ? "optimal" : "feasible";
    if (out.status == "optimal") out.gap = std::max(0.0, out.gap);
    out.time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

nlohmann::json to_json(const std::vector<LevelEvent>& events, const LevelRequest& r, const LevelResult& res) {
    using json = nlohmann::json;
    const auto& p = r.parameters;
    json years = json::array();
    for (int y = 0; y < r.horizon; ++y) {
        json row = {{"year", r.start_year + y}, {"before_yen", res.before_yen[static_cast<std::size_t>(y)]},
                    {"after_yen", res.after_yen[static_cast<std::size_t>(y)]}};
        if (!r.peak && (r.budget_yen || !r.budget_by_year.empty())) {
            row["budget_yen"] = budget_of(r, y);
            row["overrun_yen"] = res.overrun_by_year_yen[static_cast<std::size_t>(y)];
        }
        years.push_back(row);
    }
    json ev = json::array(), risk = json::array();
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        json j = {{"building_id", e.building_id}, {"seq", e.seq}, {"kind", e.kind}, {"due_year", e.due_year},
                  {"start_year", res.start_year[i] ? json(*res.start_year[i]) : json(nullptr)}, {"cost_yen", e.cost_yen},
                  {"spread", e.spread}, {"overdue", e.overdue}};
        ev.push_back(j);
        if (e.overdue && (!res.start_year[i] || *res.start_year[i] > e.due_year)) risk.push_back(j);
    }
    json out = {{"start_year", r.start_year}, {"horizon", r.horizon},
                {"budget_yen", r.peak || !r.budget_yen ? json(nullptr) : json(*r.budget_yen)},
                {"mode", r.peak ? "peak" : (r.budget_yen || !r.budget_by_year.empty() ? "budget" : "penalty")},
                {"parameters", {{"max_advance", p.max_advance}, {"max_deferral", p.max_deferral},
                                {"deferral_penalty", p.deferral_penalty}, {"advance_penalty", p.advance_penalty},
                                {"overrun_penalty", p.overrun_penalty}}},
                {"objective_yen", res.objective_yen}, {"bound_yen", res.bound_yen}, {"gap", res.gap},
                {"status", res.status}, {"peak_before_yen", res.peak_before_yen}, {"peak_after_yen", res.peak_after_yen},
                {"penalty_yen", res.penalty_yen}, {"overrun_yen", res.overrun_yen}, {"time_s", res.time_s},
                {"years", years}, {"events", ev}, {"deferred_overdue", risk}};
    if (res.peak_bound_yen) out["peak_bound_yen"] = *res.peak_bound_yen;
    return out;
}

nlohmann::json instance_to_json(const std::vector<LevelEvent>& events, const LevelRequest& r) {
    using json = nlohmann::json;
    const auto& p = r.parameters;
    json budgets = json::array();
    if (has_budget(r))
        for (int y = 0; y < r.horizon; ++y) budgets.push_back(budget_of(r, y));
    json ev = json::array();
    for (const auto& e : events)
        ev.push_back({{"building_id", e.building_id}, {"seq", e.seq}, {"kind", e.kind}, {"cost_yen", e.cost_yen},
                      {"spread", e.spread}, {"due_year", e.due_year}, {"overdue", e.overdue}});
    return {{"model", "levelling"}, {"start_year", r.start_year}, {"horizon", r.horizon},
            {"mode", r.peak ? "peak" : (has_budget(r) ? "budget" : "penalty")},
            {"budget_by_year_yen", has_budget(r) ? budgets : json(nullptr)},
            {"parameters", {{"max_advance", p.max_advance}, {"max_deferral", p.max_deferral},
                            {"deferral_penalty", p.deferral_penalty}, {"advance_penalty", p.advance_penalty},
                            {"overrun_penalty", p.overrun_penalty}}},
            {"events", ev}};
}

LevelInstance level_instance_from_json(const nlohmann::json& j) {
    LevelInstance in;
    auto& r = in.request;
    r.start_year = j.at("start_year").get<int>();
    r.horizon = j.at("horizon").get<int>();
    std::string mode = j.at("mode").get<std::string>();
    r.peak = mode == "peak";
    if (mode == "budget") {
        r.budget_by_year = j.at("budget_by_year_yen").get<std::vector<double>>();
        if (static_cast<int>(r.budget_by_year.size()) != r.horizon)
            throw InputError(std::string("budget_by_year_yen: ") + tr("期間の年数と同じ数の値が必要です", "needs one value per year of the horizon"));
    }
    const auto& p = j.at("parameters");
    r.parameters.max_advance = p.at("max_advance").get<int>();
    r.parameters.max_deferral = p.at("max_deferral").get<int>();
    r.parameters.deferral_penalty = p.at("deferral_penalty").get<double>();
    r.parameters.advance_penalty = p.at("advance_penalty").get<double>();
    r.parameters.overrun_penalty = p.at("overrun_penalty").get<double>();
    for (std::size_t k = 0; const auto& e : j.at("events")) {
        try {
            in.events.push_back({e.at("building_id").get<std::string>(), e.at("seq").get<int>(), e.at("kind").get<std::string>(),
                                 e.at("cost_yen").get<double>(), e.at("spread").get<int>(), e.at("due_year").get<int>(),
                                 e.at("overdue").get<bool>()});
        } catch (const nlohmann::json::exception& x) {
            throw InputError("/events/" + std::to_string(k) + ": " + x.what());
        }
        ++k;
    }
    return in;
}

} // namespace shisetsu::optimize
