#pragma once
// A mixed-integer linear program as plain vectors, and one call that solves
// it with COIN-OR CBC. No CBC header leaks out of mip.cpp (STYLE.md 7): the
// models of this module build a MipProblem and read a MipSolution.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace shisetsu::optimize {

constexpr double kInfinity = 1e30;

struct MipProblem {
    // Columns.
    std::vector<double> col_lower, col_upper, objective;
    std::vector<char> is_integer;
    // Rows, compressed by row: row r holds entries [row_start[r], row_start[r+1]).
    std::vector<int> row_start{0};
    std::vector<int> row_index;
    std::vector<double> row_value;
    std::vector<double> row_lower, row_upper;
    double objective_offset = 0.0;  // constant added to every objective value (minimize)

    int add_col(double lower, double upper, double cost, bool integer);
    int add_binary(double cost) { return add_col(0.0, 1.0, cost, true); }
    void add_row(std::span<const int> index, std::span<const double> value, double lower, double upper);
    void add_row(std::initializer_list<std::pair<int, double>> entries, double lower, double upper);
    int cols() const noexcept { return static_cast<int>(objective.size()); }
    int rows() const noexcept { return static_cast<int>(row_lower.size()); }
    std::size_t nonzeros() const noexcept { return row_index.size(); }
};

// A long solve's progress bar on stderr (core/progress): the elapsed time
// against the limit, and the best plan, best bound and gap known so far.
// report() may be called from any thread; the bar is drawn by its own thread,
// on a terminal only and not with --quiet.
class SolveProgress {
public:
    SolveProgress(const std::string& label, double time_limit_s);
    ~SolveProgress();
    SolveProgress(const SolveProgress&) = delete;
    SolveProgress& operator=(const SolveProgress&) = delete;
    void report(std::optional<double> best, std::optional<double> bound);
    void nodes(long count);                // a search's branch-and-bound nodes, shown after the gap
    void stage(const std::string& name);   // shown before the figures (e.g. "1/2")

private:
    struct State;
    std::unique_ptr<State> state_;
};

struct MipOptions {
    double time_limit_s = 0.0;        // 0 = none
    double relative_gap = 0.0;        // stop when (obj − bound)/|obj| ≤ this
    std::vector<double> start;        // a feasible plan to start from (optional)
    std::optional<double> cutoff;     // only plans with objective (incl. offset) below this are wanted
    bool integral_objective = false;  // every plan's objective is an integer: round the bound up
    std::vector<std::pair<std::string, std::string>> cbc_parameters;  // e.g. {"cuts", "off"}
    std::string progress_label;       // shown on stderr while CBC works (tty only)
    SolveProgress* progress = nullptr;  // or an outer solve's bar (then progress_label is not used)
};

enum class MipStatus {
    optimal,       // proven within the requested gap
    feasible,      // stopped (time) with a plan
    infeasible,    // proven: no plan (or none better than the cutoff)
    no_solution,   // stopped (time) without a plan
};

struct MipSolution {
    MipStatus status = MipStatus::no_solution;
    double objective = 0.0;           // incl. offset; meaningful with a plan
    double bound = 0.0;               // best proven lower bound, incl. offset
    std::vector<double> values;       // column values of the best plan
    double time_s = 0.0;
    bool has_plan() const noexcept { return status == MipStatus::optimal || status == MipStatus::feasible; }
};

// Solves `problem` (minimize) with CBC. Throws SolverError if CBC fails.
MipSolution solve_mip(const MipProblem& problem, const MipOptions& options = {});

// The LP relaxation of a problem (integrality dropped), solved by Clp: the
// value, the column values, the row duals and the reduced costs (minimize;
// a dual of a ≤ row is ≤ 0). `barrier`: Clp's interior point method with its
// presolve, then crossover to a vertex (a basic solution, as the dual simplex
// gives) — on the large, degenerate time-indexed models several times faster;
// the dual simplex finishes what the barrier leaves unproven.
enum class LpMethod { dual_simplex, barrier };
struct LpSolution {
    bool optimal = false;             // proven optimal
    bool infeasible = false;          // proven infeasible
    double objective = 0.0;           // incl. offset
    std::vector<double> values, row_duals, reduced_costs;
};
LpSolution solve_lp(const MipProblem& problem, double time_limit_s = 0.0, LpMethod method = LpMethod::dual_simplex);

// A plan from the LP relaxation by diving, for a problem whose binary
// columns come in choice groups (one column of each group is 1, by a row of
// the problem): group g holds the columns group_start[g] … group_start[g+1]−1;
// columns past group_start.back() stay continuous. From the LP optimum
// (barrier), the most decided fractional group is fixed at its largest
// column and the LP solved again by the dual simplex from the last basis,
// until every group is integral; a group that has stayed integral at the
// same column for `stable_after` solves in a row is fixed there too (without
// that, each fix makes another group fractional and the dive visits nearly
// every group). A fix that leaves no feasible LP is taken back and the
// column forbidden instead.
struct DiveOptions {
    double time_limit_s = 0.0;        // 0 = none
    int stable_after = 10;
};
struct DiveResult {
    LpSolution root;                  // the LP relaxation (values only) where the dive started
    bool found = false;               // a plan with every group integral
    double objective = 0.0;           // incl. offset
    std::vector<double> values;
    int fixes = 0, backtracks = 0;
};
DiveResult dive_choices(const MipProblem& problem, std::span<const int> group_start, const DiveOptions& options = {});

// The continuous relaxation of a MipProblem kept alive in COIN-OR Clp, for
// many solves of one LP that differ only in bounds (a transportation problem
// with sites opened and closed): each solve() starts the dual simplex from the
// last basis. Integrality marks are ignored.
class LpModel {
public:
    explicit LpModel(const MipProblem& problem);
    ~LpModel();
    LpModel(const LpModel&) = delete;
    LpModel& operator=(const LpModel&) = delete;
    LpModel(LpModel&&) noexcept;
    LpModel& operator=(LpModel&&) noexcept;

    // Whole arrays (one value per column / row), as Clp takes them.
    void set_col_upper(std::span<const double> upper);
    void set_row_upper(std::span<const double> upper);
    // optimal / infeasible; throws SolverError if Clp gives up.
    MipStatus solve();
    double objective() const;               // incl. the problem's offset
    std::span<const double> values() const; // column values of the last optimum
    std::span<const double> row_duals() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether a plan meets every bound, row and integrality of the problem (tolerance 1e-6).
bool plan_is_feasible(const MipProblem& problem, const std::vector<double>& values);

// Relative gap as reported everywhere: (objective − bound) / max(|objective|, 1e-9), ≥ 0.
double relative_gap(double objective, double bound) noexcept;

// Status text of the JSON outputs: optimal / feasible / infeasible / time_limit.
const char* status_name(MipStatus status) noexcept;

} // namespace shisetsu::optimize
