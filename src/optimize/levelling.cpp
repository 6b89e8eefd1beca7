// Renewal levelling (optimization.md "A") in two stages, each proven against
// its own bound:
//  1. the largest yearly overrun (mode peak: the peak), min max_y (P_y − B_y);
//  2. with every overrun at most that: M·Σ overrun + Σ penalties.
// Each stage is the time-indexed MILP of levelling_model.cpp. Its bound is
// the LP relaxation — which is also the Lagrangian bound of the yearly cash
// rows, because with the order in cumulative form each building's schedules
// form an integral polytope (a building's subproblem is a shortest path, and
// relaxing the cash rows gains nothing over the LP; the LP is solved by
// Clp's barrier). What separates a plan from the bound is how finely the
// events can be packed into the years, so the plans come from the LP rounded
// and a local search (levelling_search.cpp); in stage 2 with a cap, from a
// dive on the LP of the years after those at the cap (replan_tail); then CBC
// on windows of years (stage 2) and on the whole model with the best plan as
// cut-off. Objectives are recomputed from the plan.
#include "optimize/levelling.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/levelling_detail.hpp"
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
    double alpha = deferral_rate(e, p);
    if (!t) return e.cost_yen * alpha * p.max_deferral;
    return e.cost_yen * (alpha * std::max(*t - e.due_year, 0) + p.advance_penalty * std::max(e.due_year - *t, 0));
}

void add_cash(std::vector<double>& cash, const LevelEvent& e, std::optional<int> t, const LevelRequest& r) {
    if (!t) return;
    for (int y = *t; y < *t + e.spread; ++y)
        if (y >= r.start_year && y < r.start_year + r.horizon) cash[static_cast<std::size_t>(y - r.start_year)] += e.cost_yen / e.spread;
}

} // namespace

double condition_weight(const LevelParameters& p, std::optional<double> condition) {
    if (!condition) return 1.0;
    for (const auto& row : p.condition_weights)
        if (*condition < row.below) return row.weight;
    return 1.0;
}

double deferral_rate(const LevelEvent& e, const LevelParameters& p) { return p.deferral_penalty * condition_weight(p, e.condition); }

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

namespace {

using namespace detail;

struct StageOutcome {
    std::vector<int> start;
    LevelStage figures;
    long rows = 0, cols = 0;
};

double seconds_left(Clock::time_point deadline) { return std::chrono::duration<double>(deadline - Clock::now()).count(); }

// The windows of years (latest first) whose events CBC re-plans together in
// stage 2, each with the others fixed: the last years are where the total
// overrun is decided (what can move beyond the horizon or into the years
// under budget), the earlier ones trade penalties.
std::vector<std::pair<int, int>> windows(const LevelModel& md) {
    const int width = 14, step = 10;
    std::vector<std::pair<int, int>> out;
    for (int hi = md.end_year() - 1;; hi -= step) {
        int lo = std::max(md.start_year, hi - width + 1);
        out.emplace_back(lo, hi);
        if (lo == md.start_year) break;
    }
    return out;
}

// A plan as the MILP's start: the options, and z or the s_y at the plan's values.
std::vector<double> start_of(const LevelModel& md, const StageSpec& spec, const StageMip& sm, const std::vector<int>& start) {
    auto x = sm.encode(md, start);
    auto extra = static_cast<std::size_t>(sm.first_col.back());
    if (spec.min_max) {
        x[extra] = stage_value(md, spec, start) * sm.scale;
    } else if (spec.overrun_weight > 0) {
        auto cash = cash_of(md, start);
        for (std::size_t y = 0; y < cash.size(); ++y) x[extra + y] = std::max(0.0, (cash[y] - md.budget[y]) * sm.scale);
    }
    return x;
}

// CBC on the events that lie within [lo, hi] (or later), the others fixed.
bool improve_window(const LevelModel& md, const StageSpec& spec, std::vector<int>& start, int lo, int hi, double seconds,
                    SolveProgress& progress) {
    int free_events = 0;
    LevelModel sub = restricted(md, start, lo, hi, free_events);
    if (free_events < 2) return false;
    StageMip sm = stage_mip(sub, spec);
    MipOptions o;
    o.time_limit_s = seconds;
    o.start = start_of(sub, spec, sm, start);
    o.progress = &progress;
    MipSolution sol = solve_mip(sm.mip, o);
    if (!sol.has_plan()) return false;
    auto next = sm.decode(sub, sol.values);
    if (next == start || stage_value(md, spec, next) >= stage_value(md, spec, start)) return false;
    start = next;
    return true;
}

// Yearly cash of an LP solution.
std::vector<double> lp_cash(const LevelModel& md, const StageMip& sm, const std::vector<double>& values) {
    std::vector<double> cash(static_cast<std::size_t>(md.horizon), 0.0);
    for (std::size_t i = 0; i < md.size(); ++i)
        for (int t = md.first[i]; t <= md.last[i]; ++t) {
            double x = values[static_cast<std::size_t>(sm.col(md, i, t))];
            for (int y = t; y < t + md.spread[i] && y < md.end_year(); ++y) cash[static_cast<std::size_t>(y - md.start_year)] += x * md.part(i);
        }
    return cash;
}

// Stage 2 (with a cap): the years at the cap from the start of the horizon
// carry the backlog, packed by stage 1 as tightly as the cap allows; what
// stage 2 can still gain lies after them — which events go beyond the
// horizon and how exactly the later years fill their budgets — and a local
// search from stage 1's plan does not reach it (on 2,000 generated buildings
// it stopped at 0.41 %: moving an event out of the last year at the cap only
// pays together with deferring others beyond the horizon). So the events
// from the last of those years on are planned again from the LP of that
// tail, the others kept where `plan` has them: a dive on the tail's LP (few
// events are fractional, and the LP keeps the years filled as it fixes
// them), and the LP rounded with the caps restored; each searched, the
// better kept. `cash` is the whole stage's LP cash per year.
bool replan_tail(const LevelModel& md, const StageSpec& spec, const std::vector<double>& cash, std::vector<int>& plan, double target,
                 Clock::time_point deadline, std::mt19937& rng) {
    int y = 0;
    while (y < md.horizon) {
        auto k = static_cast<std::size_t>(y);
        double allowed = md.budget[k] + spec.cap;
        if (allowed - cash[k] > 1e-3 * std::abs(allowed)) break;
        ++y;
    }
    if (y == 0 || y >= md.horizon) return false;  // no block at the cap, or all of it: the whole stage's LP was rounded already
    int free_events = 0;
    LevelModel tail = restricted(md, plan, md.start_year + y - 1, md.end_year() - 1, free_events);
    if (free_events < 2) return false;
    StageMip sm = stage_mip(tail, spec);
    DiveOptions o;
    o.time_limit_s = std::max(1.0, seconds_left(deadline));
    DiveResult dive = dive_choices(sm.mip, std::span<const int>(sm.first_col), o);
    // Two plans: the dive's, and the LP rounded with the caps restored.
    std::vector<std::vector<int>> plans;
    if (dive.found) plans.push_back(sm.decode(tail, dive.values));
    if (dive.root.optimal) {
        plans.push_back(round_lp(tail, sm, dive.root.values, plan));
        if (!meets_cap(md, spec, plans.back())) repair_caps(md, spec, plans.back(), deadline);
    }
    bool improved = false;
    for (auto& next : plans) {
        if (!is_schedule(md, next) || !meets_cap(md, spec, next)) continue;
        if (improved && stage_value(md, spec, plan) <= target) break;
        penalty_search(md, spec, next, target, deadline, rng);
        if (stage_value(md, spec, next) < stage_value(md, spec, plan)) {
            plan = std::move(next);
            improved = true;
        }
    }
    return improved;
}

// One stage: the LP bound, then plans until one is within `tolerance` of it
// or the stage's time is up.
StageOutcome solve_stage(const LevelModel& md, const StageSpec& spec, const std::string& name, std::vector<int> hint, double tolerance,
                         Clock::time_point deadline, SolveProgress& progress, std::mt19937& rng) {
    auto t0 = Clock::now();
    StageOutcome out;
    StageMip sm = stage_mip(md, spec);
    out.rows = sm.mip.rows();
    out.cols = sm.mip.cols();
    // Clp's barrier is several times faster than its dual simplex on the large
    // models (2,000 generated buildings, 44,000 columns: 1.1 s against 2–5 s
    // per stage), as fast on the small ones, whose dual simplex vertex the
    // sample ward's plans were tuned on.
    const LpMethod method = sm.mip.cols() > 30000 ? LpMethod::barrier : LpMethod::dual_simplex;
    LpSolution lp = solve_lp(sm.mip, std::max(1.0, seconds_left(deadline)), method);
    if (lp.infeasible)
        throw SolverError(tr("平準化: 棟内の順序と時期の範囲をすべて満たす計画がありません (前倒し・先送りの上限を広げてください)",
                             "levelling: no schedule meets every building's order within the windows (widen max advance / deferral)"),
                          true);
    // Every term of either stage is ≥ 0 (overruns, the peak, penalties): 0
    // bounds a stage whose LP did not finish in time.
    double bound = lp.optimal ? lp.objective / sm.scale : 0.0;
    progress.report(std::nullopt, bound);
    auto value = [&](const std::vector<int>& s) { return stage_value(md, spec, s); };
    auto proven = [&](double v) { return v <= bound || relative_gap(v, bound) <= tolerance; };
    // Plans to start from: the given one (stage 1's for stage 2), the LP rounded, the earliest.
    std::vector<int> best = hint.empty() ? earliest_schedule(md) : std::move(hint);
    // The events in their due years, where that is a schedule within the
    // caps: a levelled plan is never worse than not levelling, however
    // little time the search has (5,000 buildings in 5 s had raised the
    // largest overrun from 1.50 to 1.95 兆円).
    if (auto due = due_schedule(md); is_schedule(md, due) && meets_cap(md, spec, due) && value(due) < value(best)) best = std::move(due);
    if (lp.optimal) {
        auto rounded = round_lp(md, sm, lp.values, best);
        if (is_schedule(md, rounded) && meets_cap(md, spec, rounded) && value(rounded) < value(best)) best = std::move(rounded);
    }
    progress.report(value(best), std::nullopt);
    auto share = [&](double part) { return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, seconds_left(deadline)) * part)); };
    double target = bound + tolerance * std::abs(bound);
    if (!spec.min_max && spec.cap < kInfinity && lp.optimal && !proven(value(best)) &&
        replan_tail(md, spec, lp_cash(md, sm, lp.values), best, target, share(0.4), rng))
        progress.report(value(best), std::nullopt);
    if (!proven(value(best))) {
        if (spec.min_max) level_search(md, best, target, share(0.6), rng);
        else penalty_search(md, spec, best, target, share(0.4), rng);
        progress.report(value(best), std::nullopt);
    }
    if (spec.min_max) {
        // The exchanges draw their shifts at random: search again while that helps.
        for (int idle = 0; idle < 3 && !proven(value(best)) && seconds_left(deadline) > 0.2;) {
            double before = value(best);
            level_search(md, best, target, share(0.5), rng);
            idle = value(best) < before - 1e-6 * std::abs(before) ? 0 : idle + 1;
        }
        progress.report(value(best), std::nullopt);
    } else {
        for (auto [lo, hi] : windows(md)) {
            double left = seconds_left(deadline);
            if (left < 0.5 || proven(value(best))) break;
            if (improve_window(md, spec, best, lo, hi, std::min(left * 0.3, 5.0), progress)) {
                penalty_search(md, spec, best, target, share(0.2), rng);
                progress.report(value(best), std::nullopt);
            }
        }
    }
    if (!proven(value(best)) && seconds_left(deadline) > 0.2) {
        // The whole stage with CBC: the best plan as cut-off; a better plan or a higher bound.
        MipOptions o;
        o.time_limit_s = std::max(0.2, seconds_left(deadline));
        o.start = start_of(md, spec, sm, best);
        o.relative_gap = tolerance;
        o.progress = &progress;
        MipSolution sol = solve_mip(sm.mip, o);
        if (sol.has_plan()) {
            auto plan = sm.decode(md, sol.values);
            if (meets_cap(md, spec, plan) && value(plan) < value(best)) best = plan;
            bound = std::max(bound, sol.status == MipStatus::optimal ? std::min(value(best), sol.bound / sm.scale) : sol.bound / sm.scale);
        }
    }
    double v = value(best);
    bound = std::min(bound, v);
    out.figures.name = name;
    out.figures.objective_yen = v;
    out.figures.bound_yen = bound;
    out.figures.gap = relative_gap(v, bound);
    out.figures.status = proven(v) ? "optimal" : "feasible";
    out.figures.time_s = std::chrono::duration<double>(Clock::now() - t0).count();
    out.start = std::move(best);
    progress.report(v, bound);
    return out;
}

} // namespace

LevelResult level(const std::vector<LevelEvent>& events, const LevelRequest& r) {
    auto t0 = Clock::now();
    const int H = r.horizon;
    const std::size_t m = events.size();
    LevelModel md = make_model(events, r);
    const auto deadline = r.time_limit_s > 0 ? t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(r.time_limit_s))
                                             : Clock::time_point::max();
    SolveProgress progress(r.progress_label, r.time_limit_s);
    std::mt19937 rng(2026);
    LevelResult out;
    std::vector<int> start;
    if (has_budget(r) || r.peak) {
        // Stage 1: the largest yearly overrun (or the peak), with up to 40 % of the time.
        StageSpec one;
        one.min_max = true;
        one.floor_at_zero = !r.peak;
        progress.stage("1/2");
        auto first_deadline = deadline == Clock::time_point::max() ? deadline
                                                                   : t0 + std::chrono::duration_cast<Clock::duration>((deadline - t0) * 0.4);
        StageOutcome s1 = solve_stage(md, one, r.peak ? "peak" : "max_overrun", {}, r.relative_gap, first_deadline, progress, rng);
        out.stages.push_back(s1.figures);
        // Stage 2: every overrun (every year's cash) at most stage 1's.
        StageSpec two;
        two.overrun_weight = r.peak ? 0.0 : r.parameters.overrun_penalty;
        two.cap = s1.figures.objective_yen;
        if (r.peak) {
            two.cap = 0.0;
            md.budget.assign(static_cast<std::size_t>(H), s1.figures.objective_yen);
        }
        progress.stage("2/2");
        StageOutcome s2 = solve_stage(md, two, "penalty", s1.start, r.relative_gap, deadline, progress, rng);
        out.stages.push_back(s2.figures);
        out.rows = s2.rows;
        out.cols = s2.cols;
        start = std::move(s2.start);
    } else {
        // Penalties only: the buildings are independent, each one's best schedule is exact.
        start = best_schedules(md);
        StageSpec only;
        double v = stage_value(md, only, start);
        out.stages.push_back({"penalty", v, v, 0.0, "optimal", std::chrono::duration<double>(Clock::now() - t0).count()});
    }

    out.start_year.assign(m, std::nullopt);
    for (std::size_t i = 0; i < m; ++i)
        if (start[i] != kLater) out.start_year[i] = start[i];
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
        for (int y = 0; y < H; ++y) {
            auto k = static_cast<std::size_t>(y);
            out.overrun_by_year_yen[k] = std::max(0.0, after.cash_yen[k] - budget_of(r, y));
            out.max_overrun_yen = std::max(out.max_overrun_yen, out.overrun_by_year_yen[k]);
        }
    // The last stage's figures are the result's; optimal only when every stage is proven.
    const LevelStage& last = out.stages.back();
    out.objective_yen = r.peak ? after.penalty_yen : after.objective_yen;
    out.bound_yen = std::min(out.objective_yen, last.bound_yen);
    out.gap = relative_gap(out.objective_yen, out.bound_yen);
    out.status = std::all_of(out.stages.begin(), out.stages.end(), [](const LevelStage& s) { return s.status == "optimal"; }) ? "optimal" : "feasible";
    out.time_s = std::chrono::duration<double>(Clock::now() - t0).count();
    return out;
}

namespace {

nlohmann::json parameters_json(const LevelParameters& p) {
    nlohmann::json weights = nlohmann::json::array();
    for (const auto& w : p.condition_weights) weights.push_back({{"below", w.below}, {"weight", w.weight}});
    return {{"max_advance", p.max_advance}, {"max_deferral", p.max_deferral}, {"deferral_penalty", p.deferral_penalty},
            {"advance_penalty", p.advance_penalty}, {"overrun_penalty", p.overrun_penalty}, {"condition_weights", weights}};
}

} // namespace

nlohmann::json to_json(const std::vector<LevelEvent>& events, const LevelRequest& r, const LevelResult& res) {
    using json = nlohmann::json;
    const auto& p = r.parameters;
    json years = json::array();
    for (int y = 0; y < r.horizon; ++y) {
        json row = {{"year", r.start_year + y}, {"before_yen", res.before_yen[static_cast<std::size_t>(y)]},
                    {"after_yen", res.after_yen[static_cast<std::size_t>(y)]}};
        if (has_budget(r)) {
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
                  {"spread", e.spread}, {"overdue", e.overdue}, {"condition", e.condition ? json(*e.condition) : json(nullptr)},
                  {"deferral_penalty", deferral_rate(e, p)}};
        ev.push_back(j);
        if (e.overdue && (!res.start_year[i] || *res.start_year[i] > e.due_year)) risk.push_back(j);
    }
    json stages = json::array();
    for (const auto& st : res.stages)
        stages.push_back({{"name", st.name}, {"objective_yen", st.objective_yen}, {"bound_yen", st.bound_yen}, {"gap", st.gap},
                          {"status", st.status}, {"time_s", st.time_s}});
    return {{"start_year", r.start_year}, {"horizon", r.horizon},
            {"budget_yen", r.peak || !r.budget_yen ? json(nullptr) : json(*r.budget_yen)},
            {"mode", r.peak ? "peak" : (has_budget(r) ? "budget" : "penalty")},
            {"parameters", parameters_json(p)},
            {"relative_gap", r.relative_gap},
            {"max_overrun_yen", res.max_overrun_yen},
            {"objective_yen", res.objective_yen}, {"bound_yen", res.bound_yen}, {"gap", res.gap},
            {"status", res.status}, {"stages", stages}, {"peak_before_yen", res.peak_before_yen}, {"peak_after_yen", res.peak_after_yen},
            {"penalty_yen", res.penalty_yen}, {"overrun_yen", res.overrun_yen}, {"time_s", res.time_s},
            {"years", years}, {"events", ev}, {"deferred_overdue", risk}};
}

nlohmann::json instance_to_json(const std::vector<LevelEvent>& events, const LevelRequest& r) {
    using json = nlohmann::json;
    json budgets = json::array();
    if (has_budget(r))
        for (int y = 0; y < r.horizon; ++y) budgets.push_back(budget_of(r, y));
    json ev = json::array();
    for (const auto& e : events)
        ev.push_back({{"building_id", e.building_id}, {"seq", e.seq}, {"kind", e.kind}, {"cost_yen", e.cost_yen},
                      {"spread", e.spread}, {"due_year", e.due_year}, {"overdue", e.overdue},
                      {"condition", e.condition ? json(*e.condition) : json(nullptr)}});
    return {{"model", "levelling"}, {"start_year", r.start_year}, {"horizon", r.horizon},
            {"mode", r.peak ? "peak" : (has_budget(r) ? "budget" : "penalty")},
            {"budget_by_year_yen", has_budget(r) ? budgets : json(nullptr)},
            {"parameters", parameters_json(r.parameters)},
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
    if (p.contains("condition_weights")) {
        r.parameters.condition_weights.clear();
        for (std::size_t k = 0; const auto& w : p.at("condition_weights")) {
            try {
                r.parameters.condition_weights.push_back({w.at("below").get<double>(), w.at("weight").get<double>()});
            } catch (const nlohmann::json::exception& x) {
                throw InputError("/parameters/condition_weights/" + std::to_string(k) + ": " + x.what());
            }
            ++k;
        }
    }
    for (std::size_t k = 0; const auto& e : j.at("events")) {
        try {
            LevelEvent ev{e.at("building_id").get<std::string>(), e.at("seq").get<int>(), e.at("kind").get<std::string>(),
                          e.at("cost_yen").get<double>(), e.at("spread").get<int>(), e.at("due_year").get<int>(),
                          e.at("overdue").get<bool>(), std::nullopt};
            if (e.contains("condition") && !e.at("condition").is_null()) ev.condition = e.at("condition").get<double>();
            in.events.push_back(ev);
        } catch (const nlohmann::json::exception& x) {
            throw InputError("/events/" + std::to_string(k) + ": " + x.what());
        }
        ++k;
    }
    return in;
}

} // namespace shisetsu::optimize
