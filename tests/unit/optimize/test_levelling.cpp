// Renewal levelling (optimization.md "A"): windows worked by hand, and
// property tests against brute force on small instances.
#include "core/errors.hpp"
#include "optimize/levelling.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <limits>
#include <random>

using namespace shisetsu;
using namespace shisetsu::optimize;

namespace {

LevelRequest request(int horizon, std::optional<double> budget) {
    LevelRequest r;
    r.start_year = 2026;
    r.horizon = horizon;
    r.budget_yen = budget;
    r.peak = !budget;
    return r;
}

// The two-stage optimum over every schedule that keeps windows and order
// (optimization.md "A"): the least largest yearly overrun (or peak) first,
// then, among the schedules within it, the least M·Σ overrun + penalties
// (or penalties). Returns stage 2's value.
double brute_force(const std::vector<LevelEvent>& events, const LevelRequest& r, bool peak_first, double* stage1 = nullptr) {
    std::vector<std::vector<std::optional<int>>> options;
    for (const auto& e : events) {
        Window w = window_of(e, r);
        std::vector<std::optional<int>> o;
        for (int t = w.first; t <= w.last; ++t) o.push_back(t);
        if (w.later) o.push_back(std::nullopt);
        options.push_back(o);
    }
    std::vector<std::optional<int>> pick(events.size());
    double best_first = std::numeric_limits<double>::infinity(), best = best_first;
    std::function<void(std::size_t)> walk = [&](std::size_t i) {
        if (i == events.size()) {
            LevelCheck c = check_schedule(events, r, pick);
            if (!c.violations.empty()) return;
            double first = 0.0;  // the largest yearly overrun, or the peak
            for (std::size_t y = 0; y < c.cash_yen.size(); ++y)
                first = std::max(first, peak_first ? c.cash_yen[y] : c.cash_yen[y] - *r.budget_yen);
            double second = peak_first ? c.penalty_yen : c.objective_yen;
            if (first < best_first - 1e-6) { best_first = first; best = second; }
            else if (first <= best_first + 1e-6) best = std::min(best, second);
            return;
        }
        for (const auto& t : options[i]) { pick[i] = t; walk(i + 1); }
    };
    walk(0);
    if (stage1) *stage1 = best_first;
    return best;
}

} // namespace

TEST_CASE("windows of optimization.md A, worked by hand", "[optimize][levelling]") {
    auto r = request(40, 1e9);  // 2026 … 2065
    // due 2030, n = 3: [max(2026, 2025), min(2063, 2040)] = [2026, 2040], no later.
    Window w = window_of({"B", 0, "rebuild", 3e8, 3, 2030, false}, r);
    CHECK(w.first == 2026);
    CHECK(w.last == 2040);
    CHECK_FALSE(w.later);
    // due 2060, n = 2: [2055, min(2064, 2070)] = [2055, 2064]; 2070 > 2064 → later allowed.
    w = window_of({"B", 1, "renovation", 1e8, 2, 2060, false}, r);
    CHECK(w.first == 2055);
    CHECK(w.last == 2064);
    CHECK(w.later);
}

TEST_CASE("levelling: hand-worked budget case", "[optimize][levelling]") {
    // Horizon 12 (2026–2037), budget 100 a year. Two one-year events of 150
    // and 100, both due 2027 in different buildings. Within budget only if
    // they are in different years; cheapest: 150 stays, 100 moves ±1 year:
    // advance 2 % × 100 = 2 (to 2026) beats deferral 3 % × 100 = 3; the 150
    // event alone still overruns by 50 → objective 1000 × 50 + 2 = 50,002.
    // Moving the 150 instead costs 3, and the 100 then fits: both overrun 50.
    std::vector<LevelEvent> ev{{"A", 0, "rebuild", 150, 1, 2027, false}, {"B", 0, "rebuild", 100, 1, 2027, false}};
    auto r = request(12, 100.0);
    auto res = level(ev, r);
    CHECK(res.status == "optimal");
    CHECK(res.objective_yen == Approx(50002.0));
    CHECK(res.overrun_yen == Approx(50.0));
    CHECK(res.start_year[0] == 2027);
    CHECK(res.start_year[1] == 2026);
    CHECK(res.peak_before_yen == Approx(250.0));
    CHECK(res.peak_after_yen == Approx(150.0));
}

TEST_CASE("levelling: order within a building and 'later' as +infinity", "[optimize][levelling]") {
    // Horizon 10 (2026–2035). Building A: renovation due 2033 (n 2), rebuild
    // due 2034 (n 3). The rebuild's window is [2029, 2032] and it may be
    // later; it must start ≥ renovation + 2, and if the renovation is later,
    // so is the rebuild.
    std::vector<LevelEvent> ev{{"A", 0, "renovation", 100, 2, 2033, false}, {"A", 1, "rebuild", 300, 3, 2034, false}};
    auto r = request(10, 1000.0);
    auto res = level(ev, r);
    LevelCheck c = check_schedule(ev, r, res.start_year);
    CHECK(c.violations.empty());
    CHECK(res.objective_yen == Approx(brute_force(ev, r, false)));
    // A schedule with the rebuild before the renovation ends is caught.
    CHECK_FALSE(check_schedule(ev, r, {2030, 2031}).violations.empty());
    CHECK_FALSE(check_schedule(ev, r, {std::nullopt, 2032}).violations.empty());
}

TEST_CASE("levelling equals brute force on random small instances (two stages, budget and peak, conditions)", "[optimize][levelling][property]") {
    std::mt19937 rng(2026);
    std::uniform_int_distribution<int> due(2026, 2036), spread(1, 3), cost(1, 20), count(1, 2), health(0, 3);
    const std::optional<double> conditions[] = {std::nullopt, 30.0, 50.0, 80.0};  // w = 1, 2, 1.5, 1
    for (int trial = 0; trial < 30; ++trial) {
        std::vector<LevelEvent> ev;
        for (int b = 0; b < 3; ++b) {
            int k = count(rng), d = due(rng);
            auto h = conditions[health(rng)];
            for (int s = 0; s < k; ++s) {
                int n = spread(rng);
                ev.push_back({"B" + std::to_string(b), s, s ? "rebuild" : "renovation", 10.0 * cost(rng), n, d, d == 2026 && s == 0, h});
                d += n + 2;
            }
        }
        bool peak = trial % 3 == 0;
        auto r = request(12, peak ? std::nullopt : std::optional<double>(60.0));
        r.parameters.max_advance = 2;
        r.parameters.max_deferral = 3;
        if (trial % 2 == 1) {
            // Overdue work and narrow windows: an overrun that cannot be avoided.
            for (auto& e : ev)
                if (e.seq == 0) { e.due_year = 2026; e.overdue = true; }
            r.parameters.max_advance = 0;
            r.parameters.max_deferral = 2;
        }
        INFO("trial " << trial << (peak ? " peak" : " budget"));
        double first = 0.0;
        double expected = brute_force(ev, r, peak, &first);
        auto res = level(ev, r);
        LevelCheck c = check_schedule(ev, r, res.start_year);
        CHECK(c.violations.empty());
        CHECK(res.status == "optimal");
        REQUIRE(res.stages.size() == 2);
        CHECK(res.stages[0].name == (peak ? "peak" : "max_overrun"));
        CHECK(res.stages[0].objective_yen == Approx(first).margin(1e-6));
        CHECK(res.stages[0].status == "optimal");
        CHECK((peak ? res.peak_after_yen : res.max_overrun_yen) == Approx(first).margin(1e-6));
        CHECK(res.objective_yen == Approx(peak ? c.penalty_yen : c.objective_yen));
        CHECK(res.objective_yen == Approx(expected).margin(1e-6));
        CHECK(res.bound_yen <= res.objective_yen + 1e-6);
    }
}

TEST_CASE("levelling: a binding budget's unavoidable overrun is spread evenly, not piled into the first years", "[optimize][levelling]") {
    // Horizon 12, budget 100 a year, windows [due, due + 2] (no advance).
    // Six overdue one-year events of 100, all due 2026: 600 must be paid in
    // 2026–2028 against 300 of budget, so 300 of overrun cannot be avoided.
    // Two a year (200, 200, 200) overruns 100 each year; three, two, one
    // (300, 200, 100) overruns the same 300 in total at less deferral
    // (4 event-years instead of 6), which M·Σ overrun + penalties alone
    // would pick: 200 over in 2026. Stage 1 rules it out.
    std::vector<LevelEvent> ev;
    for (int k = 0; k < 6; ++k) ev.push_back({"B" + std::to_string(k), 0, "renovation", 100.0, 1, 2026, true});
    auto r = request(12, 100.0);
    r.parameters.max_advance = 0;
    r.parameters.max_deferral = 2;
    auto res = level(ev, r);
    CHECK(res.status == "optimal");
    CHECK(res.max_overrun_yen == Approx(100.0));
    CHECK(res.stages[0].objective_yen == Approx(100.0));
    for (int y = 0; y < 3; ++y) CHECK(res.overrun_by_year_yen[static_cast<std::size_t>(y)] == Approx(100.0));
    CHECK(res.overrun_yen == Approx(300.0));
    // Penalty: two deferred one year, two deferred two years: 3 % × 100 × 6.
    CHECK(res.penalty_yen == Approx(18.0));
    CHECK(res.objective_yen == Approx(1000 * 300.0 + 18.0));
}

TEST_CASE("levelling: the deferral penalty is weighted by the building's condition (w table)", "[optimize][levelling]") {
    LevelParameters p;
    CHECK(condition_weight(p, std::nullopt) == 1.0);
    CHECK(condition_weight(p, 39.9) == 2.0);
    CHECK(condition_weight(p, 40.0) == 1.5);
    CHECK(condition_weight(p, 59.9) == 1.5);
    CHECK(condition_weight(p, 60.0) == 1.0);
    // Budget 100, two one-year events of 100 due 2027 in buildings in poor
    // (H 30, α = 6 %) and good (H 80, α = 3 %) condition, no advance: one
    // must wait a year, and it is the one in good condition (3 < 6).
    std::vector<LevelEvent> ev{{"poor", 0, "renovation", 100.0, 1, 2027, false, 30.0}, {"good", 0, "renovation", 100.0, 1, 2027, false, 80.0}};
    auto r = request(12, 100.0);
    r.parameters.max_advance = 0;
    auto res = level(ev, r);
    CHECK(res.status == "optimal");
    CHECK(res.start_year[0] == 2027);
    CHECK(res.start_year[1] == 2028);
    CHECK(res.penalty_yen == Approx(3.0));
    CHECK(deferral_rate(ev[0], r.parameters) == Approx(0.06));
    auto j = to_json(ev, r, res);
    CHECK(j["events"][0]["condition"] == 30.0);
    CHECK(j["events"][0]["deferral_penalty"].get<double>() == Approx(0.06));
    CHECK(j["events"][1]["deferral_penalty"].get<double>() == Approx(0.03));
    CHECK(j["max_overrun_yen"] == 0.0);
    CHECK(j["stages"].size() == 2);
    CHECK(j["stages"][0]["name"] == "max_overrun");
    CHECK(j["stages"][1]["name"] == "penalty");
    for (const auto& st : j["stages"])
        for (const char* key : {"objective_yen", "bound_yen", "gap", "status"}) CHECK(st.contains(key));
}

TEST_CASE("levelling with almost no time: never worse than the events in their due years, a bound of at least 0, a gap of at most 1",
          "[optimize][levelling]") {
    // optimization.md "A": the levelled peak is never above the peak of the
    // events at their due years, however short the time limit. 1,000
    // buildings, two events each, a budget below the yearly need: too many
    // for the stage's LP to finish in its second, so the plan is what the
    // search starts from (it used to be every event at its earliest year,
    // a larger overrun than not levelling at all).
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> due(2026, 2050), spread(1, 3), cost(1, 50);
    std::vector<LevelEvent> ev;
    for (int b = 0; b < 1000; ++b) {
        int d = due(rng);
        for (int s = 0; s < 2; ++s) {
            int n = spread(rng);
            ev.push_back({"B" + std::to_string(b), s, s ? "rebuild" : "renovation", 1e6 * cost(rng), n, d, false, std::nullopt});
            d += n + 5;
        }
    }
    for (const bool peak : {false, true}) {
        INFO((peak ? "peak" : "budget"));
        auto r = request(40, peak ? std::nullopt : std::optional<double>(7.0e8));
        r.time_limit_s = 1e-3;
        auto res = level(ev, r);
        std::vector<std::optional<int>> at_due;
        for (const auto& e : ev) at_due.push_back(e.due_year <= 2065 - e.spread + 1 ? std::optional<int>(e.due_year) : std::nullopt);
        LevelCheck before = check_schedule(ev, r, at_due), after = check_schedule(ev, r, res.start_year);
        REQUIRE(before.violations.empty());
        CHECK(after.violations.empty());
        double first_before = 0.0, first_after = 0.0;
        for (std::size_t y = 0; y < before.cash_yen.size(); ++y) {
            first_before = std::max(first_before, peak ? before.cash_yen[y] : before.cash_yen[y] - *r.budget_yen);
            first_after = std::max(first_after, peak ? after.cash_yen[y] : after.cash_yen[y] - *r.budget_yen);
        }
        CHECK(first_after <= first_before + 1e-6);
        CHECK(res.peak_after_yen <= res.peak_before_yen + 1e-6);
        for (const auto& s : res.stages) {
            INFO(s.name);
            CHECK(s.bound_yen >= 0.0);
            CHECK(s.bound_yen <= s.objective_yen + 1e-6);
            CHECK(s.gap >= 0.0);
            CHECK(s.gap <= 1.0);
        }
    }
}
