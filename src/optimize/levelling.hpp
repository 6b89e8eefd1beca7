#pragma once
// Renewal levelling, optimization.md "A": choose the start year of every
// renewal event within its window (or "later", beyond the horizon), keeping
// the order within each building. With a budget, in two stages: the largest
// yearly overrun first, then (with every overrun at most that) M × the total
// overrun plus the condition-weighted deferral and the advance penalties; in
// mode `peak` the lowest peak first, then the penalties.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace shisetsu::optimize {

struct LevelEvent {
    std::string building_id;
    int seq = 0;               // order within the building
    std::string kind;
    double cost_yen = 0.0;     // C_i
    int spread = 1;            // n_i
    int due_year = 0;          // d_i (Y0 for an overdue event)
    bool overdue = false;
    std::optional<double> condition = std::nullopt;  // 健全度 H of the building (lifecycle.md "Condition"), if known
};

// One row of the condition weight table w(H) (data/optimize/levelling.json):
// w = weight for H < below, the first row that matches; 1 otherwise or unknown.
struct ConditionWeight {
    double below = 0.0;
    double weight = 1.0;
};

struct LevelParameters {
    int max_advance = 5;             // a
    int max_deferral = 10;           // f
    double deferral_penalty = 0.03;  // α per year
    double advance_penalty = 0.02;   // β per year
    double overrun_penalty = 1000;   // M
    std::vector<ConditionWeight> condition_weights{{40.0, 2.0}, {60.0, 1.5}};  // w(H)
};

// w(H_i) and the event's deferral penalty per year α_i = α·w(H_i).
double condition_weight(const LevelParameters& p, std::optional<double> condition);
double deferral_rate(const LevelEvent& e, const LevelParameters& p);

struct LevelRequest {
    int start_year = 0;              // Y0
    int horizon = 40;                // H
    std::optional<double> budget_yen;        // B_y, the same every year (mode budget)
    std::vector<double> budget_by_year;      // optional B_y per year [H]; overrides budget_yen
    bool peak = false;               // mode peak (no budget)
    LevelParameters parameters;
    double time_limit_s = 0.0;       // 0 = none (shared by both stages)
    double relative_gap = 0.0;       // a stage is proven when its gap is at most this
    std::string progress_label;
};

// One stage of the solve (optimization.md "A": each reports its own figures).
// Stage 1: the largest yearly overrun (budget) or the peak (mode peak), yen.
// Stage 2: M·Σ overrun + penalties (budget) or the penalties (peak), yen.
struct LevelStage {
    std::string name;                // max_overrun | peak | penalty
    double objective_yen = 0.0, bound_yen = 0.0, gap = 0.0;
    std::string status;              // optimal | feasible
    double time_s = 0.0;
};

struct LevelResult {
    std::vector<std::optional<int>> start_year;  // per event; nullopt = later
    std::vector<double> before_yen, after_yen;   // per year [H]
    std::vector<double> overrun_by_year_yen;     // s_y [H]
    double objective_yen = 0.0, bound_yen = 0.0, gap = 0.0;
    std::string status;
    double peak_before_yen = 0.0, peak_after_yen = 0.0;
    double penalty_yen = 0.0, overrun_yen = 0.0;
    double max_overrun_yen = 0.0;                // max_y s_y
    double time_s = 0.0;
    long rows = 0, cols = 0;
    std::vector<LevelStage> stages;              // the last one gives objective/bound/gap/status
};

// Events whose due year is beyond the horizon must be left out by the
// caller; events of one building must be given in seq order. Throws
// SolverError(infeasible) when the order and windows cannot be met.
LevelResult level(const std::vector<LevelEvent>& events, const LevelRequest& request);

// The window W_i and whether "later" is allowed (optimization.md "A").
struct Window {
    int first = 0, last = -1;  // empty when last < first
    bool later = false;
};
Window window_of(const LevelEvent& e, const LevelRequest& request);

// Objective parts recomputed from a schedule (for checks and reports).
struct LevelCheck {
    std::vector<double> cash_yen;   // per year
    double overrun_yen = 0.0, penalty_yen = 0.0, objective_yen = 0.0, peak_yen = 0.0;
    std::vector<std::string> violations;  // windows, order
};
LevelCheck check_schedule(const std::vector<LevelEvent>& events, const LevelRequest& request,
                          const std::vector<std::optional<int>>& start_year);

// optimization.md "A" JSON.
nlohmann::json to_json(const std::vector<LevelEvent>& events, const LevelRequest& request, const LevelResult& result);

// The instance of model A that is solved (`level --instance-out`): Y0, H,
// mode, budget per year, parameters and every event with its building, seq,
// kind, cost, spread, due year and overdue flag — enough to rebuild the model
// and solve it with any other solver — and back (`level --instance`).
struct LevelInstance {
    std::vector<LevelEvent> events;
    LevelRequest request;
};
nlohmann::json instance_to_json(const std::vector<LevelEvent>& events, const LevelRequest& request);
LevelInstance level_instance_from_json(const nlohmann::json& j);

} // namespace shisetsu::optimize
