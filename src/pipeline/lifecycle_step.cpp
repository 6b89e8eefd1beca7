// The lifecycle step: load the stock from the project database, project it
// (lifecycle.md), record the run and its results, write the files.
#include "pipeline/pipeline.hpp"

#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "lifecycle/comparison.hpp"
#include "lifecycle/output.hpp"
#include "lifecycle/projection.hpp"
#include "lifecycle/scenario.hpp"
#include "pipeline/format.hpp"
#include "storage/transaction.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace shisetsu::pipeline {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// sibling_path("out/lc.csv", "-events") → "out/lc-events.csv"
std::string sibling_path(const std::string& path, const std::string& suffix) {
    std::filesystem::path p(path);
    return (p.parent_path() / (p.stem().string() + suffix + p.extension().string())).string();
}

} // namespace

LifecycleOutcome run_lifecycle(Store& store, const LifecycleRequest& req) {
    LifecycleOutcome outcome;
    auto t0 = Clock::now();
    lifecycle::Scenario scenario = lifecycle::load_scenario(req.strategy, req.start_year, req.horizon, req.budget_yen);
    std::vector<Building> buildings = store.buildings();
    std::vector<InfraAsset> assets = store.infrastructure();
    double load_s = seconds_since(t0);

    auto t1 = Clock::now();
    lifecycle::Projection projection = lifecycle::project(buildings, assets, scenario);
    double project_s = seconds_since(t1);

    std::optional<lifecycle::Comparison> comparison;
    if (!req.compare_with.empty()) {
        // Same years, horizon and budget, so the two are comparable.
        lifecycle::Scenario base = lifecycle::load_scenario(req.compare_with, scenario.start_year,
                                                            scenario.horizon_years, scenario.budget_yen);
        comparison = lifecycle::compare(lifecycle::project(buildings, assets, base), projection);
        outcome.comparison = lifecycle::to_json(*comparison);
    }
    outcome.projection = lifecycle::to_json(projection);
    for (const auto& b : projection.buildings)
        if (b.category >= 0) {
            ++outcome.buildings;
            outcome.floor_area_m2 += b.floor_area_m2;
        }
    outcome.without_category = static_cast<long>(projection.uncategorized.size());

    // Record the run and keep its results for the report and levelling.
    auto t2 = Clock::now();
    Transaction transaction(store);
    RunRecord run;
    run.command = req.command_line.empty() ? "lifecycle" : req.command_line;
    run.kind = outcome.projection.at("strategy").get<std::string>();
    if (!scenario.scenario_file.empty()) {
        run.input_path = std::filesystem::absolute(scenario.scenario_file).string();
        run.input_sha256 = sha256_file(scenario.scenario_file);
    }
    json parameters = outcome.projection.value("parameters", json::object());
    parameters["compare_with"] = req.compare_with;
    run.parameters_json = parameters.dump();
    run.program_version = program_version();
    outcome.run_id = store.begin_run(run);
    store.save_lifecycle(outcome.run_id, outcome.projection);
    json summary = {{"total_yen", projection.horizon_total_yen},
                    {"annual_average_yen", projection.annual_average_yen},
                    {"buildings", outcome.buildings},
                    {"without_category", outcome.without_category},
                    {"timing", {{"load_s", load_s}, {"project_s", project_s}, {"save_s", seconds_since(t2)}}}};
    store.finish_run(outcome.run_id, summary.dump());
    transaction.commit();

    if (!req.json_path.empty()) {
        json out = outcome.projection;
        if (comparison) out["comparison"] = outcome.comparison;
        out["run_id"] = outcome.run_id;
        write_json_file(req.json_path, out);
    }
    if (!req.csv_path.empty() || !req.events_csv_path.empty()) {
        // The two tables travel together; a missing name is made beside the other.
        std::string years = req.csv_path.empty() ? sibling_path(req.events_csv_path, "-years") : req.csv_path;
        std::string events = req.events_csv_path.empty() ? sibling_path(years, "-events") : req.events_csv_path;
        lifecycle::write_csv(projection, years, events);
    }
    if (!req.xlsx_path.empty()) {
        if (comparison) lifecycle::write_xlsx(projection, *comparison, req.xlsx_path);
        else lifecycle::write_xlsx(projection, req.xlsx_path);
    }
    return outcome;
}

std::string LifecycleOutcome::summary() const {
    const json& p = projection;
    std::ostringstream s;
    int horizon = p.at("horizon").get<int>();
    int start = p.at("start_year").get<int>();
    s << tr("更新費用の推計 (", "Renewal cost projection (") << p.at("strategy").get<std::string>() << ", " << start << "–"
      << start + horizon - 1 << tr(" 年度)\n", ")\n");
    s << "  " << buildings << tr(" 棟, 延床面積 ", " buildings, floor area ") << std::fixed << std::setprecision(0)
      << floor_area_m2 << " m²\n";
    s << "  " << horizon << tr(" 年間の総額 ", "-year total ") << money_text(p.at("total_yen").get<double>())
      << tr("、年平均 ", ", annual average ") << money_text(p.at("annual_average_yen").get<double>()) << "\n";
    if (!p.at("budget_yen").is_null()) {
        double budget = p.at("budget_yen").get<double>();
        s << "  " << tr("年間予算 ", "annual budget ") << money_text(budget) << tr(" に対し ", ": ") << std::setprecision(2)
          << p.at("annual_average_yen").get<double>() / budget << tr(" 倍\n", "× the budget\n");
    }
    if (!comparison.is_null()) {
        double diff = comparison.at("difference_yen").get<double>();
        s << "  " << tr("比較 (", "vs ") << comparison.at("base").at("strategy").get<std::string>()
          << tr(") との差: ", ": difference ") << money_text(diff) << "\n";
    }
    if (without_category > 0)
        s << "  " << tr("注意: 分類のない ", "note: ") << without_category
          << tr(" 棟は推計から除きました\n", " buildings without a category were left out\n");
    return s.str();
}

} // namespace shisetsu::pipeline
