#include "optimize/mip.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/progress.hpp"

#include <Cbc_C_Interface.h>
#include <ClpSimplex.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>

namespace shisetsu::optimize {

int MipProblem::add_col(double lower, double upper, double cost, bool integer) {
    col_lower.push_back(lower);
    col_upper.push_back(upper);
    objective.push_back(cost);
    is_integer.push_back(integer ? 1 : 0);
    return cols() - 1;
}

void MipProblem::add_row(std::span<const int> index, std::span<const double> value, double lower, double upper) {
    row_index.insert(row_index.end(), index.begin(), index.end());
    row_value.insert(row_value.end(), value.begin(), value.end());
    row_start.push_back(static_cast<int>(row_index.size()));
    row_lower.push_back(lower);
    row_upper.push_back(upper);
}

void MipProblem::add_row(std::initializer_list<std::pair<int, double>> entries, double lower, double upper) {
    for (const auto& [i, v] : entries) {
        row_index.push_back(i);
        row_value.push_back(v);
    }
    row_start.push_back(static_cast<int>(row_index.size()));
    row_lower.push_back(lower);
    row_upper.push_back(upper);
}

struct SolveProgress::State {
    std::mutex mutex;
    std::optional<double> best, bound;
    std::optional<long> nodes;
    std::string stage;
    std::jthread thread;
};

namespace {
std::string progress_note(const std::string& stage, std::optional<double> best, std::optional<double> bound,
                          std::optional<long> nodes) {
    char buf[160];
    std::string s = stage.empty() ? "" : stage + " ";
    if (best) { std::snprintf(buf, sizeof buf, "%.6g", *best); s += tr("暫定解 ", "best ") + std::string(buf); }
    if (bound) { std::snprintf(buf, sizeof buf, "%.6g", *bound); s += (best ? tr("、下界 ", ", bound ") : tr("下界 ", "bound ")) + std::string(buf); }
    if (best && bound) {
        std::snprintf(buf, sizeof buf, "%.4f %%", relative_gap(*best, std::min(*best, *bound)) * 100);
        s += tr("、ギャップ ", ", gap ") + std::string(buf);
    }
    if (nodes) s += tr("、ノード ", ", nodes ") + std::to_string(*nodes);
    return s;
}
} // namespace

SolveProgress::SolveProgress(const std::string& label, double limit_s) : state_(std::make_unique<State>()) {
    if (label.empty() || quiet()) return;
    State* st = state_.get();
    st->thread = std::jthread([st, label, limit_s](std::stop_token stop) {
        auto total = static_cast<std::size_t>(limit_s > 0 ? limit_s * 10 : 600);
        Progress bar(label, total);
        auto t0 = std::chrono::steady_clock::now();
        while (!stop.stop_requested()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::string note;
            {
                std::lock_guard lock(st->mutex);
                note = progress_note(st->stage, st->best, st->bound, st->nodes);
            }
            bar.update(std::min(total, static_cast<std::size_t>(s * 10)), note);
        }
        bar.finish();
    });
}

SolveProgress::~SolveProgress() {
    if (state_->thread.joinable()) {
        state_->thread.request_stop();
        state_->thread.join();
    }
}

void SolveProgress::report(std::optional<double> best, std::optional<double> bound) {
    std::lock_guard lock(state_->mutex);
    if (best) state_->best = best;
    if (bound) state_->bound = bound;
}

void SolveProgress::nodes(long count) {
    std::lock_guard lock(state_->mutex);
    state_->nodes = count;
}

void SolveProgress::stage(const std::string& name) {
    std::lock_guard lock(state_->mutex);
    state_->stage = name;
    state_->best.reset();
    state_->bound.reset();
    state_->nodes.reset();
}

double relative_gap(double objective, double bound) noexcept {
    double g = (objective - bound) / std::max(std::abs(objective), 1e-9);
    return g < 1e-12 ? 0.0 : g;
}

bool plan_is_feasible(const MipProblem& p, const std::vector<double>& x) {
    if (x.size() != static_cast<std::size_t>(p.cols())) return false;
    for (std::size_t j = 0; j < x.size(); ++j) {
        if (x[j] < p.col_lower[j] - 1e-6 || x[j] > p.col_upper[j] + 1e-6) return false;
        if (p.is_integer[j] && std::abs(x[j] - std::round(x[j])) > 1e-6) return false;
    }
    for (int r = 0; r < p.rows(); ++r) {
        double a = 0.0;
        for (int k = p.row_start[static_cast<std::size_t>(r)]; k < p.row_start[static_cast<std::size_t>(r) + 1]; ++k)
            a += p.row_value[static_cast<std::size_t>(k)] * x[static_cast<std::size_t>(p.row_index[static_cast<std::size_t>(k)])];
        double tol = 1e-6 * std::max(1.0, std::abs(a));
        if (a < p.row_lower[static_cast<std::size_t>(r)] - tol || a > p.row_upper[static_cast<std::size_t>(r)] + tol) return false;
    }
    return true;
}

const char* status_name(MipStatus status) noexcept {
    switch (status) {
    case MipStatus::optimal: return "optimal";
    case MipStatus::feasible: return "feasible";
    case MipStatus::infeasible: return "infeasible";
    case MipStatus::no_solution: return "time_limit";
    }
    return "unknown";
}

namespace {

// Full precision for CBC's text parameters (std::to_string keeps 6 decimals).
std::string number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// The CBC model handle (STYLE.md 4): owned, not copyable, freed once.
class CbcHandle {
public:
    CbcHandle() : model_(Cbc_newModel()) {
        if (!model_) throw SolverError("CBC: cannot create a model");
    }
    ~CbcHandle() { if (model_) Cbc_deleteModel(model_); }
    CbcHandle(const CbcHandle&) = delete;
    CbcHandle& operator=(const CbcHandle&) = delete;
    CbcHandle(CbcHandle&& other) noexcept : model_(std::exchange(other.model_, nullptr)) {}
    CbcHandle& operator=(CbcHandle&& other) noexcept {
        if (this != &other) {
            if (model_) Cbc_deleteModel(model_);
            model_ = std::exchange(other.model_, nullptr);
        }
        return *this;
    }
    Cbc_Model* get() const noexcept { return model_; }

private:
    Cbc_Model* model_ = nullptr;
};

// The row-wise matrix by column, as CBC and Clp load it.
struct ColumnMatrix {
    std::vector<CoinBigIndex> start;
    std::vector<int> index;
    std::vector<double> value;
};

ColumnMatrix by_column(const MipProblem& p) {
    const int n = p.cols(), m = p.rows();
    ColumnMatrix c;
    c.start.assign(static_cast<std::size_t>(n) + 1, 0);
    for (int idx : p.row_index) ++c.start[static_cast<std::size_t>(idx) + 1];
    for (int j = 0; j < n; ++j) c.start[static_cast<std::size_t>(j) + 1] += c.start[static_cast<std::size_t>(j)];
    c.index.resize(p.row_index.size());
    c.value.resize(p.row_index.size());
    std::vector<CoinBigIndex> fill(c.start.begin(), c.start.end() - 1);
    for (int r = 0; r < m; ++r)
        for (int k = p.row_start[static_cast<std::size_t>(r)]; k < p.row_start[static_cast<std::size_t>(r) + 1]; ++k) {
            auto col = static_cast<std::size_t>(p.row_index[static_cast<std::size_t>(k)]);
            auto at = static_cast<std::size_t>(fill[col]++);
            c.index[at] = r;
            c.value[at] = p.row_value[static_cast<std::size_t>(k)];
        }
    return c;
}

} // namespace

namespace {

void load(ClpSimplex& lp, const MipProblem& p) {
    ColumnMatrix c = by_column(p);
    lp.setLogLevel(0);
    lp.loadProblem(p.cols(), p.rows(), c.start.data(), c.index.data(), c.value.data(), p.col_lower.data(), p.col_upper.data(),
                   p.objective.data(), p.row_lower.data(), p.row_upper.data());
}

void first_solve(ClpSimplex& lp, LpMethod method) {
    if (method == LpMethod::barrier) {
        ClpSolve how;
        how.setSolveType(ClpSolve::useBarrier);  // with crossover
        lp.initialSolve(how);
        if (!lp.isProvenOptimal() && !lp.isProvenPrimalInfeasible() && !lp.hitMaximumIterations()) lp.dual();
    } else {
        lp.dual();
    }
}

} // namespace

LpSolution solve_lp(const MipProblem& p, double time_limit_s, LpMethod method) {
    const int n = p.cols(), m = p.rows();
    ClpSimplex lp;
    load(lp, p);
    if (time_limit_s > 0) lp.setMaximumSeconds(time_limit_s);
    first_solve(lp, method);
    LpSolution out;
    out.optimal = lp.isProvenOptimal();
    out.infeasible = lp.isProvenPrimalInfeasible();
    if (!out.optimal) return out;
    out.objective = lp.objectiveValue() + p.objective_offset;
    out.values.assign(lp.primalColumnSolution(), lp.primalColumnSolution() + n);
    out.row_duals.assign(lp.dualRowSolution(), lp.dualRowSolution() + m);
    out.reduced_costs.assign(lp.dualColumnSolution(), lp.dualColumnSolution() + n);
    return out;
}

DiveResult dive_choices(const MipProblem& p, std::span<const int> group_start, const DiveOptions& options) {
    const auto t0 = std::chrono::steady_clock::now();
    auto seconds_left = [&] {
        if (options.time_limit_s <= 0) return 1e9;
        return options.time_limit_s - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    DiveResult out;
    if (group_start.empty()) return out;
    ClpSimplex lp;
    load(lp, p);
    if (options.time_limit_s > 0) lp.setMaximumSeconds(options.time_limit_s);
    first_solve(lp, LpMethod::barrier);
    out.root.optimal = lp.isProvenOptimal();
    out.root.infeasible = lp.isProvenPrimalInfeasible();
    if (!out.root.optimal) return out;
    out.root.objective = lp.objectiveValue() + p.objective_offset;
    out.root.values.assign(lp.primalColumnSolution(), lp.primalColumnSolution() + p.cols());
    lp.setMaximumSeconds(-1.0);  // Clp counts from its first solve: the dive keeps its own time
    const std::size_t groups = group_start.size() - 1;
    constexpr double kIntegral = 1e-6;
    // Per group: the column it sat at (integral) in the last solve, for how many solves in a row, fixed.
    std::vector<int> last(groups, -1), since(groups, 0);
    std::vector<char> fixed(groups, 0);
    std::vector<double> upper(p.col_upper);  // with the forbidden columns at 0
    auto fix = [&](std::size_t g, int at) {
        for (int c = group_start[g]; c < group_start[g + 1]; ++c)
            if (c == at) lp.setColumnLower(c, 1.0);
            else lp.setColumnUpper(c, 0.0);
    };
    auto unfix = [&](std::size_t g) {
        for (int c = group_start[g]; c < group_start[g + 1]; ++c) {
            lp.setColumnLower(c, p.col_lower[static_cast<std::size_t>(c)]);
            lp.setColumnUpper(c, upper[static_cast<std::size_t>(c)]);
        }
    };
    auto resolve = [&] {
        if (seconds_left() <= 0) return false;
        lp.dual();
        return lp.isProvenOptimal();
    };
    std::vector<std::size_t> stable;
    for (;;) {
        const double* x = lp.primalColumnSolution();
        stable.clear();
        std::size_t pick = groups;
        int pick_col = -1;
        double pick_value = -1.0;
        for (std::size_t g = 0; g < groups; ++g) {
            if (fixed[g]) continue;
            int top = -1;
            double top_value = -1.0;
            for (int c = group_start[g]; c < group_start[g + 1]; ++c)
                if (x[c] > top_value) { top_value = x[c]; top = c; }
            if (top_value < 1.0 - kIntegral) {
                since[g] = 0;
                last[g] = -1;
                if (top_value > pick_value) { pick_value = top_value; pick = g; pick_col = top; }
                continue;
            }
            since[g] = top == last[g] ? since[g] + 1 : 1;
            last[g] = top;
            if (since[g] >= options.stable_after && group_start[g + 1] - group_start[g] > 1) stable.push_back(g);
        }
        if (pick == groups) break;  // every group integral
        // The stable groups keep the current LP optimum feasible; the pick may not.
        for (std::size_t g : stable) { fix(g, last[g]); fixed[g] = 1; }
        fix(pick, pick_col);
        ++out.fixes;
        if (resolve()) { fixed[pick] = 1; continue; }
        if (seconds_left() <= 0) return out;
        ++out.backtracks;
        upper[static_cast<std::size_t>(pick_col)] = 0.0;
        unfix(pick);
        if (resolve()) continue;
        for (std::size_t g : stable) { unfix(g); fixed[g] = 0; since[g] = 0; }
        if (!resolve()) return out;
    }
    out.found = true;
    out.objective = lp.objectiveValue() + p.objective_offset;
    out.values.assign(lp.primalColumnSolution(), lp.primalColumnSolution() + p.cols());
    for (int g = 0; g + 1 < static_cast<int>(group_start.size()); ++g)  // exact 0/1 in the groups
        for (int c = group_start[static_cast<std::size_t>(g)]; c < group_start[static_cast<std::size_t>(g) + 1]; ++c)
            out.values[static_cast<std::size_t>(c)] = std::round(out.values[static_cast<std::size_t>(c)]);
    return out;
}

// The Clp model handle (STYLE.md 4).
struct LpModel::Impl {
    ClpSimplex model;
    double offset = 0.0;
    int cols = 0, rows = 0;
};

LpModel::LpModel(const MipProblem& p) : impl_(std::make_unique<Impl>()) {
    ColumnMatrix c = by_column(p);
    impl_->offset = p.objective_offset;
    impl_->cols = p.cols();
    impl_->rows = p.rows();
    impl_->model.loadProblem(p.cols(), p.rows(), c.start.data(), c.index.data(), c.value.data(), p.col_lower.data(),
                    p.col_upper.data(), p.objective.data(), p.row_lower.data(), p.row_upper.data());
    impl_->model.setLogLevel(0);
}

LpModel::~LpModel() = default;
LpModel::LpModel(LpModel&&) noexcept = default;
LpModel& LpModel::operator=(LpModel&&) noexcept = default;

void LpModel::set_col_upper(std::span<const double> upper) {
    if (static_cast<int>(upper.size()) != impl_->cols) throw SolverError("Clp: column bounds of the wrong size");
    impl_->model.chgColumnUpper(upper.data());
}

void LpModel::set_row_upper(std::span<const double> upper) {
    if (static_cast<int>(upper.size()) != impl_->rows) throw SolverError("Clp: row bounds of the wrong size");
    impl_->model.chgRowUpper(upper.data());
}

MipStatus LpModel::solve() {
    // The dual simplex, from the slack basis at first and from the last basis
    // after a change of bounds (which keeps it dual feasible). Without
    // presolve: on the transportation LPs of the location models Clp's
    // initialSolve (presolve, then a choice of algorithm) took 6 times as long.
    impl_->model.dual(0);
    if (impl_->model.isProvenOptimal()) return MipStatus::optimal;
    if (impl_->model.isProvenPrimalInfeasible()) return MipStatus::infeasible;
    // Numerical trouble: once more, Clp's own way.
    impl_->model.initialSolve();
    if (impl_->model.isProvenOptimal()) return MipStatus::optimal;
    if (impl_->model.isProvenPrimalInfeasible()) return MipStatus::infeasible;
    throw SolverError("Clp: the LP was abandoned (numerical trouble)");
}

double LpModel::objective() const { return impl_->model.objectiveValue() + impl_->offset; }

std::span<const double> LpModel::values() const {
    return {impl_->model.primalColumnSolution(), static_cast<std::size_t>(impl_->cols)};
}

std::span<const double> LpModel::row_duals() const {
    return {impl_->model.dualRowSolution(), static_cast<std::size_t>(impl_->rows)};
}

MipSolution solve_mip(const MipProblem& p, const MipOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    const int n = p.cols(), m = p.rows();

    // CBC loads by column.
    ColumnMatrix c = by_column(p);
    CbcHandle model;
    Cbc_loadProblem(model.get(), n, m, c.start.data(), c.index.data(), c.value.data(), p.col_lower.data(),
                    p.col_upper.data(), p.objective.data(), p.row_lower.data(), p.row_upper.data());
    for (int j = 0; j < n; ++j)
        if (p.is_integer[static_cast<std::size_t>(j)]) Cbc_setInteger(model.get(), j);
    Cbc_setLogLevel(model.get(), 0);
    Cbc_setParameter(model.get(), "log", "0");
    Cbc_setParameter(model.get(), "slog", "0");
    Cbc_setParameter(model.get(), "timeMode", "elapsed");  // wall clock, as the user counts
    if (options.time_limit_s > 0) Cbc_setParameter(model.get(), "sec", number_text(options.time_limit_s).c_str());
    if (options.relative_gap > 0) Cbc_setParameter(model.get(), "ratio", number_text(options.relative_gap).c_str());
    if (options.cutoff) Cbc_setParameter(model.get(), "cutoff", number_text(*options.cutoff - p.objective_offset).c_str());
    for (const auto& [k, v] : options.cbc_parameters) Cbc_setParameter(model.get(), k.c_str(), v.c_str());
    // A starting plan enters as a cut-off, not through CBC's MIP start
    // (which, with preprocessing, fails on column names: "Illegal index"):
    // CBC then only looks for better plans, and the start is kept here.
    std::optional<double> start_objective;
    if (!options.start.empty() && plan_is_feasible(p, options.start)) {
        double obj = p.objective_offset;
        for (int j = 0; j < n; ++j) obj += p.objective[static_cast<std::size_t>(j)] * options.start[static_cast<std::size_t>(j)];
        start_objective = obj;
        double cut = options.cutoff ? std::min(*options.cutoff, obj) : obj;
        Cbc_setParameter(model.get(), "cutoff", number_text(cut - p.objective_offset).c_str());
    }
    int rc = 0;
    {
        std::optional<SolveProgress> own;
        SolveProgress* progress = options.progress;
        if (!progress) progress = &own.emplace(options.progress_label, options.time_limit_s);
        // An outer solve's bar shows its own figures (its units may differ from this problem's).
        if (start_objective && !options.progress) progress->report(start_objective, std::nullopt);
        rc = Cbc_solve(model.get());
    }
    MipSolution out;
    out.time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (Cbc_isAbandoned(model.get()) || rc < 0) throw SolverError("CBC: the solve was abandoned (numerical trouble)");

    const double* best = Cbc_bestSolution(model.get());
    // A pure LP: CBC keeps the optimum as the column solution, not as an incumbent.
    if (!best && Cbc_isProvenOptimal(model.get()) && std::none_of(p.is_integer.begin(), p.is_integer.end(), [](char c) { return c != 0; }))
        best = Cbc_getColSolution(model.get());
    bool has_plan = best != nullptr;
    bool untrusted = false;
    // A plan that breaks a bound, a row or integrality (CBC 2.10.8 with its
    // preprocessing off returned binaries at 0.9967): neither it nor CBC's
    // bound is used.
    if (has_plan && !plan_is_feasible(p, std::vector<double>(best, best + n))) has_plan = false, untrusted = true;
    if (has_plan) {
        out.values.assign(best, best + n);
        out.objective = Cbc_getObjValue(model.get()) + p.objective_offset;
        // Recompute from the plan: CBC's value carries its own tolerances.
        double obj = p.objective_offset;
        for (int j = 0; j < n; ++j) obj += p.objective[static_cast<std::size_t>(j)] * out.values[static_cast<std::size_t>(j)];
        out.objective = obj;
    }
    bool proven_infeasible = Cbc_isProvenInfeasible(model.get()) ||
                             (!has_plan && Cbc_isProvenOptimal(model.get()));  // optimal without a plan: cutoff pruned everything
    double bound = untrusted ? -kInfinity : Cbc_getBestPossibleObjValue(model.get()) + p.objective_offset;
    if (untrusted) proven_infeasible = false;
    if (has_plan) {
        if (Cbc_isProvenOptimal(model.get())) {
            // CBC proved the plan optimal within the requested gap (with its
            // own tiny absolute tolerance, or the objective's integrality).
            double proven = options.relative_gap > 0 ? out.objective - std::abs(out.objective) * options.relative_gap : out.objective;
            out.bound = std::min(out.objective, std::max(bound, proven));
        } else {
            out.bound = std::min(bound, out.objective);
        }
        if (options.integral_objective) out.bound = std::min(out.objective, std::ceil(out.bound - 1e-6));
        out.status = relative_gap(out.objective, out.bound) <= 1e-9 ? MipStatus::optimal : MipStatus::feasible;
    } else if (proven_infeasible) {
        out.status = MipStatus::infeasible;
        out.bound = kInfinity;
    } else {
        out.status = MipStatus::no_solution;
        out.bound = options.integral_objective ? std::ceil(bound - 1e-6) : bound;
    }
    if (start_objective && (!out.has_plan() || out.objective > *start_objective)) {
        // CBC found nothing better than the start: the start is the plan, and
        // "nothing better exists" (infeasible under the cut-off) proves it.
        double bound_now = out.status == MipStatus::infeasible ? *start_objective : std::min(out.bound, *start_objective);
        out.values = options.start;
        out.objective = *start_objective;
        out.bound = bound_now;
        if (options.integral_objective) out.bound = std::min(out.objective, std::ceil(out.bound - 1e-6));
        out.status = relative_gap(out.objective, out.bound) <= 1e-9 ? MipStatus::optimal : MipStatus::feasible;
    }
    return out;
}

} // namespace shisetsu::optimize
