// The levelling step: project the stock (lifecycle.md), take its events
// before backlog spreading, level them (optimization.md "A"), record the run.
#include "pipeline/pipeline.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/paths.hpp"
#include "lifecycle/projection.hpp"
#include "lifecycle/scenario.hpp"
#include "optimize/levelling.hpp"
#include "pipeline/format.hpp"
#include "storage/transaction.hpp"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

namespace shisetsu::pipeline {

using json = nlohmann::json;

namespace {

json level_defaults() { return read_json_file(data_path("optimize/levelling.json")); }

optimize::LevelParameters default_parameters() {
    json j = level_defaults();
    optimize::LevelParameters p;
    p.max_advance = j.at("max_advance").get<int>();
    p.max_deferral = j.at("max_deferral").get<int>();
    p.deferral_penalty = j.at("deferral_penalty").get<double>();
    p.advance_penalty = j.at("advance_penalty").get<double>();
    p.overrun_penalty = j.at("overrun_penalty").get<double>();
    p.condition_weights.clear();
    for (const auto& w : j.at("condition_weights")) p.condition_weights.push_back({w.at("below").get<double>(), w.at("weight").get<double>()});
    return p;
}

} // namespace

LevelStepOutcome run_level(Store& store, const LevelStepRequest& req) {
    lifecycle::Scenario scenario = lifecycle::load_scenario(req.strategy, req.start_year, req.horizon, req.budget_yen);
    std::vector<Building> buildings = store.buildings();
    std::map<std::string, std::optional<double>> condition;
    for (const auto& b : buildings) condition[b.building_id] = b.condition;
    lifecycle::Projection projection = lifecycle::project(buildings, {}, scenario);

    optimize::LevelRequest lr;
    lr.start_year = scenario.start_year;
    lr.horizon = scenario.horizon_years;
    lr.peak = req.peak;
    if (!req.peak) lr.budget_yen = req.budget_yen ? req.budget_yen : scenario.budget_yen;
    lr.parameters = default_parameters();
    if (req.max_advance) lr.parameters.max_advance = *req.max_advance;
    if (req.max_deferral) lr.parameters.max_deferral = *req.max_deferral;
    if (req.deferral_penalty) lr.parameters.deferral_penalty = *req.deferral_penalty;
    if (req.advance_penalty) lr.parameters.advance_penalty = *req.advance_penalty;
    if (req.overrun_penalty) lr.parameters.overrun_penalty = *req.overrun_penalty;
    lr.time_limit_s = req.time_limit_s;
    lr.relative_gap = req.relative_gap.value_or(level_defaults().at("relative_gap").get<double>());
    lr.progress_label = tr("平準化", "levelling");

    // Events of the model: scheduled or backlog, due within the horizon; an
    // overdue event is due in Y0 and keeps its strategy spread.
    std::vector<optimize::LevelEvent> events;
    const int last_year = lr.start_year + lr.horizon - 1;
    for (const auto& b : projection.buildings) {
        int seq = 0;
        for (const auto& e : projection.events_of(b)) {
            if (e.status != lifecycle::EventStatus::scheduled && e.status != lifecycle::EventStatus::backlog) continue;
            if (e.cost_yen <= 0) continue;
            // Overdue, or brought forward for its condition (lifecycle.md "Condition"): due in Y0.
            bool overdue = e.overdue(lr.start_year) || e.condition;
            int due = overdue ? lr.start_year : e.year;
            if (due > last_year) continue;
            events.push_back({b.building_id, seq++, projection.kinds[e.kind], e.cost_yen, std::max(1, e.spread_years), due, overdue,
                              condition[b.building_id]});
        }
    }
    if (!req.instance_path.empty()) write_json_file(req.instance_path, optimize::instance_to_json(events, lr));  // kept even if the solve fails
    optimize::LevelResult result = optimize::level(events, lr);

    LevelStepOutcome outcome;
    outcome.result = optimize::to_json(events, lr, result);
    outcome.result["strategy"] = scenario.strategy;
    outcome.result["buildings"] = static_cast<long>(projection.buildings.size());
    outcome.result["model_size"] = {{"events", static_cast<long>(events.size())}, {"rows", result.rows}, {"cols", result.cols}};
    outcome.result["note"] = tr("before_yen は各事業を予定年度 (積み残しは初年度) に開始した場合の支出です (積み残しの10年按分前)。インフラは対象外です。",
                                "before_yen pays every event from its due year (overdue ones from the first year), before the lifecycle report's 10-year backlog spreading; infrastructure is not levelled.");

    OutputBatch outputs;  // published once the run is recorded
    Transaction transaction(store);
    RunRecord run;
    run.command = req.command_line.empty() ? "level" : req.command_line;
    run.kind = req.peak ? "peak" : "budget";
    run.parameters_json = outcome.result["parameters"].dump();
    run.program_version = program_version();
    outcome.run_id = store.begin_run(run);
    outcome.result["run_id"] = outcome.run_id;
    store.save_result(outcome.run_id, "level", outcome.result.dump());
    json summary = {{"objective_yen", result.objective_yen}, {"bound_yen", result.bound_yen}, {"gap", result.gap},
                    {"status", result.status}, {"time_s", result.time_s}, {"events", static_cast<long>(events.size())}};
    store.finish_run(outcome.run_id, summary.dump());
    if (!req.json_path.empty()) write_json_file(req.json_path, outcome.result);
    transaction.commit();
    outputs.publish();
    return outcome;
}

LevelStepOutcome solve_level_instance(const std::string& instance_path, const LevelStepRequest& req) {
    const json j = read_json_file(instance_path);
    optimize::LevelInstance in;
    try {
        in = optimize::level_instance_from_json(j);
    } catch (const InputError& e) {  // an entry of the file, named by its JSON path
        throw InputError(instance_path + ":" + e.what());
    } catch (const json::exception& e) {
        throw InputError(instance_path + ": " + tr("モデル A のインスタンスとして読めません: ", "not a model A instance: ") + e.what());
    }
    in.request.time_limit_s = req.time_limit_s;
    in.request.relative_gap = req.relative_gap.value_or(level_defaults().at("relative_gap").get<double>());
    in.request.progress_label = tr("平準化", "levelling");
    optimize::LevelResult result = optimize::level(in.events, in.request);
    LevelStepOutcome outcome;
    outcome.result = optimize::to_json(in.events, in.request, result);
    outcome.result["instance"] = std::filesystem::absolute(instance_path).string();
    if (!req.json_path.empty()) write_json_file(req.json_path, outcome.result);
    return outcome;
}

std::string LevelStepOutcome::summary() const {
    const json& r = result;
    std::ostringstream s;
    s << tr("更新時期の平準化 (", "Renewal levelling (") << r.at("mode").get<std::string>() << ", " << r.at("start_year").get<int>() << "–"
      << r.at("start_year").get<int>() + r.at("horizon").get<int>() - 1 << tr(" 年度)\n", ")\n");
    s << "  " << tr("事業数 ", "events ") << r.at("events").size() << tr("、状態 ", ", status ") << r.at("status").get<std::string>()
      << tr("、ギャップ ", ", gap ") << std::fixed << std::setprecision(3) << r.at("gap").get<double>() * 100 << " %"
      << tr("、計算時間 ", ", time ") << std::setprecision(1) << r.at("time_s").get<double>() << " s\n";
    s << "  " << tr("単年度の最大支出: ", "peak year: ") << money_text(r.at("peak_before_yen").get<double>()) << " → "
      << money_text(r.at("peak_after_yen").get<double>()) << "\n";
    if (r.at("mode") == "budget") {
        s << "  ";
        if (!r.at("budget_yen").is_null()) s << tr("予算 ", "budget ") << money_text(r.at("budget_yen").get<double>()) << tr("/年、", "/yr, ");
        s << tr("単年度の最大超過 ", "largest yearly overrun ") << money_text(r.at("max_overrun_yen").get<double>()) << tr("、超過の合計 ", ", total overrun ")
          << money_text(r.at("overrun_yen").get<double>()) << "\n";
    }
    // Each stage's own figures (optimization.md "A").
    for (std::size_t k = 0; k < r.at("stages").size(); ++k) {
        const json& st = r.at("stages")[k];
        std::string name = st.at("name");
        const char* what = name == "max_overrun" ? tr("最大超過", "largest overrun")
                           : name == "peak"      ? tr("ピーク", "peak")
                                                 : tr("超過×M＋ペナルティ", "M × overrun + penalties");
        s << "  " << tr("段階 ", "stage ") << k + 1 << " (" << what << "): " << st.at("status").get<std::string>() << tr("、ギャップ ", ", gap ")
          << std::setprecision(3) << st.at("gap").get<double>() * 100 << " %" << tr("、", ", ") << std::setprecision(1) << st.at("time_s").get<double>() << " s\n";
    }
    s << "  " << tr("前倒し・先送りのペナルティ ", "advance/deferral penalty ") << money_text(r.at("penalty_yen").get<double>())
      << tr("、先送りした積み残し ", ", overdue events deferred ") << r.at("deferred_overdue").size() << tr(" 件\n", "\n");
    return s.str();
}

} // namespace shisetsu::pipeline
