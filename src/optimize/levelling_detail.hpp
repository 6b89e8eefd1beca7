#pragma once
// Internals of model A's solver (optimization.md "A"; not part of the public
// API): the events as arrays, each stage's objective, its time-indexed MILP,
// and the local search that finds the plans the bounds are measured against.
#include "optimize/levelling.hpp"
#include "optimize/mip.hpp"

#include <chrono>
#include <climits>
#include <functional>
#include <random>
#include <vector>

namespace shisetsu::optimize::detail {

constexpr int kLater = INT_MAX / 4;  // start year "later" (beyond the horizon)

using Clock = std::chrono::steady_clock;

// Model A as arrays. Windows are tightened by the order within each
// building (an event cannot start before its predecessor can end; it cannot
// start so late that a successor which must stay in the horizon has no year).
struct LevelModel {
    int start_year = 0, horizon = 0;
    std::vector<int> first, last;    // window after tightening (empty: first > last)
    std::vector<char> later;         // "later" allowed
    std::vector<int> prev, next;     // neighbour in the same building, −1 = none
    std::vector<int> spread, due;
    std::vector<double> cost, alpha; // C_i, α_i = α·w(H_i)
    double beta = 0.0;
    int max_deferral = 0;
    std::vector<double> budget;      // B_y [H] (0 in mode peak)

    std::size_t size() const noexcept { return cost.size(); }
    double part(std::size_t i) const noexcept { return cost[i] / spread[i]; }
    int end_year() const noexcept { return start_year + horizon; }  // first year past the horizon
    double penalty(std::size_t i, int t) const noexcept;
    int options(std::size_t i) const noexcept { return std::max(0, last[i] - first[i] + 1) + (later[i] ? 1 : 0); }
};

// Throws SolverError(infeasible) when the order and windows leave an event no year.
LevelModel make_model(const std::vector<LevelEvent>& events, const LevelRequest& request);

// What one stage minimises over schedules (a start year per event, or kLater):
//   min_max:  max_y (P_y − B_y), floored at 0 with a budget (stage 1);
//   weighted: Σ_y M·max(0, P_y − B_y) + Σ_i penalty_i, every P_y − B_y ≤ cap (stage 2).
struct StageSpec {
    bool min_max = false;
    bool floor_at_zero = false;       // stage 1 with a budget
    double overrun_weight = 0.0;      // M (stage 2 with a budget), 0 otherwise
    double cap = kInfinity;           // stage 2: P_y − B_y ≤ cap
};

std::vector<double> cash_of(const LevelModel& md, const std::vector<int>& start);
double stage_value(const LevelModel& md, const StageSpec& spec, const std::vector<int>& start);
bool meets_cap(const LevelModel& md, const StageSpec& spec, const std::vector<int>& start);

// A stage as a time-indexed MILP: x_it per event and option (one each), the
// order in the cumulative form Σ_{t≤τ} x_jt ≤ Σ_{t≤τ−n_i} x_it (with it each
// building's schedules form an integral polytope: its rows are differences
// of the cumulative variables), and one cash row per year. Money is scaled
// so that the largest event costs 1,000 (numerics).
struct StageMip {
    MipProblem mip;
    std::vector<int> first_col;       // event i owns columns first_col[i] … first_col[i+1]−1 (window, then later)
    double scale = 1.0;               // MILP units per yen
    int col(const LevelModel& md, std::size_t i, int t) const;
    std::vector<double> encode(const LevelModel& md, const std::vector<int>& start) const;
    std::vector<int> decode(const LevelModel& md, const std::vector<double>& values) const;
};
StageMip stage_mip(const LevelModel& md, const StageSpec& spec);

// A schedule from an LP solution: each event at its option of largest value,
// then the order within each building restored; a building whose order
// cannot be restored keeps its schedule in `fallback`.
std::vector<int> round_lp(const LevelModel& md, const StageMip& sm, const std::vector<double>& values, const std::vector<int>& fallback);
// Whether every event starts within its window (or later where allowed) and
// after its predecessor in the building has ended.
bool is_schedule(const LevelModel& md, const std::vector<int>& start);
// The model with the events that lie within the years [lo, hi] in `start`
// (or later, where allowed) free to move within them, and every other event
// fixed where it is; `free_events` counts the free ones.
LevelModel restricted(const LevelModel& md, const std::vector<int>& start, int lo, int hi, int& free_events);
// Every event as early as its window and order allow (a schedule always exists).
std::vector<int> earliest_schedule(const LevelModel& md);
// Every event in its due year (within its window): the cash "before"
// levelling. Not always a schedule (check is_schedule): a building's events
// may overlap where its order needs them apart.
std::vector<int> due_schedule(const LevelModel& md);

// Stage 1: shifts and exchanges that lower the sorted vector of P_y − B_y
// (largest first), until none is left, `target` is reached or the time is up.
void level_search(const LevelModel& md, std::vector<int>& start, double target, Clock::time_point deadline, std::mt19937& rng);
// Stage 2: shifts, exchanges and a building's best schedule given the others
// that lower the weighted objective and keep every cap.
void penalty_search(const LevelModel& md, const StageSpec& spec, std::vector<int>& start, double target,
                    Clock::time_point deadline, std::mt19937& rng);
// Stage 2: a plan that exceeds a year's cap (an LP rounded) brought within
// the caps by shifts and buildings' best schedules, each yen above a cap
// weighing 1,000 yen of the objective; the plan may still exceed a cap when
// no move is left (check it).
void repair_caps(const LevelModel& md, const StageSpec& spec, std::vector<int>& start, Clock::time_point deadline);
// Without cash rows (penalties only) the buildings are independent: each
// one's best schedule by dynamic programming over its chain of events.
std::vector<int> best_schedules(const LevelModel& md);
// The events of one building from its first (`head`), in order.
std::vector<std::size_t> chain_of(const LevelModel& md, std::size_t head);
// One building's least-cost schedule (dynamic programming over its chain),
// given each event's cost at each start year (kInfinity: not allowed): the
// start years in `pick`, the cost returned (kInfinity when none).
double best_chain(const LevelModel& md, const std::vector<std::size_t>& chain, const std::function<double(std::size_t, int)>& cost_at,
                  std::vector<int>& pick);

} // namespace shisetsu::optimize::detail
