// The lifecycle step: load the stock from the project database, project it
// under the chosen strategy (and each strategy compared with it), record
// the run and its results, write the files. The events go to the database
// and the JSON file one building at a time (lifecycle.md "Output"), so the
// command's memory stays a small multiple of the stock's.
#include "pipeline/pipeline.hpp"

#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "lifecycle/comparison.hpp"
#include "lifecycle/facility_figures.hpp"
#include "lifecycle/output.hpp"
#include "lifecycle/priority.hpp"
#include "lifecycle/projection.hpp"
#include "lifecycle/scenario.hpp"
#include "pipeline/format.hpp"
#include "storage/transaction.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

namespace shisetsu::pipeline {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The run's totals and years as the store keeps them.
StoredLifecycleTotals stored_totals(long long run_id, const lifecycle::Projection& p) {
    StoredLifecycleTotals t;
    t.run_id = run_id;
    t.strategy = p.scenario.strategy;
    t.start_year = p.start_year();
    t.horizon = p.horizon();
    t.total_yen = p.horizon_total_yen;
    t.annual_average_yen = p.annual_average_yen;
    t.budget_yen = p.scenario.budget_yen;
    for (std::size_t i = 0; i < p.total_yen.size(); ++i) {
        json by_kind = json::object(), by_category = json::object();
        for (std::size_t k = 0; k < p.kinds.size(); ++k) by_kind[p.kinds[k]] = p.by_kind(i, k);
        for (std::size_t c = 0; c < p.categories.size(); ++c) by_category[p.categories[c]] = p.by_category(i, c);
        t.years.push_back({p.year(i), p.total_yen[i], p.backlog_yen[i], by_kind.dump(), by_category.dump()});
    }
    return t;
}

// The strategies of --compare other than the one projected, each once.
std::vector<std::string> compared_strategies(const std::string& list, const std::string& main) {
    std::vector<std::string> out;
    for (const auto& s : text::split_list(list, ","))
        if (!s.empty() && s != main && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    return out;
}


// The per-facility figures the GIS export maps (lifecycle/facility_figures.hpp),
// as JSON text written without a tree (a stock of 100,000 facilities).
std::string facility_figures_json(const lifecycle::Projection& p, const std::vector<Building>& buildings,
                                  const std::vector<lifecycle::PriorityEntry>& priority) {
    std::string out = "{";
    for (const auto& f : lifecycle::facility_figures(p, buildings, priority)) {
        json next = nullptr;
        if (f.next_event) {
            const lifecycle::Event& e = p.events[*f.next_event];
            next = {{"kind", p.kinds[e.kind]}, {"year", f.next_start_year}, {"cost_yen", e.cost_yen}};
        }
        const json one = {{"cost_yen", f.cost_yen}, {"residual_value_yen", f.residual_value_yen},
                          {"rank", f.rank ? json(*f.rank) : json(nullptr)}, {"next", std::move(next)}};
        out += (out.size() > 1 ? "," : "") + json(f.facility_id).dump() + ":" + one.dump();
    }
    return out + "}";
}

} // namespace

std::string strategy_label(const json& side) {
    const std::string label = side.value(language() == Lang::ja ? "label_ja" : "label_en", std::string());
    return label.empty() ? side.value("strategy", std::string()) : label;
}

std::vector<std::string> comparison_sentences(const json& comparison) {
    std::vector<std::string> out;
    if (!comparison.is_object() || !comparison.contains("strategies")) return out;
    std::map<std::string, const json*> side;
    for (const auto& s : comparison.at("strategies")) side[s.at("strategy").get<std::string>()] = &s;
    for (const auto& d : comparison.value("differences", json::array())) {
        const json& a = *side.at(d.at("strategy").get<std::string>());
        const json& b = *side.at(d.at("against").get<std::string>());
        const double diff = d.at("net_difference_yen").get<double>();
        std::ostringstream pct;
        pct << std::fixed << std::setprecision(1) << std::fabs(d.at("net_difference_share").get<double>()) * 100 << " %";
        std::ostringstream s;
        // lifecycle.md "Output": the direction in words, on the net cost;
        // beside it the horizon totals and the equivalent annual costs.
        if (language() == Lang::ja) {
            s << strategy_label(a) << "の方が" << strategy_label(b) << "より正味 " << money_text(std::fabs(diff)) << " (" << pct.str()
              << ") " << (diff < 0 ? "少ない" : diff > 0 ? "多い" : "同じ") << " (" << comparison.at("horizon").get<int>()
              << " 年間の総額 " << money_text(a.at("total_yen").get<double>()) << " 対 " << money_text(b.at("total_yen").get<double>())
              << "、等価年間費用 " << money_text(a.at("equivalent_annual_cost_yen").get<double>()) << "/年 対 "
              << money_text(b.at("equivalent_annual_cost_yen").get<double>()) << "/年)";
        } else {
            s << strategy_label(a) << (diff == 0 ? " costs the same as " : " costs ")
              << (diff == 0 ? "" : money_text(std::fabs(diff)) + " (" + pct.str() + ")" + (diff < 0 ? " less than " : " more than "))
              << strategy_label(b) << ", net of residual value (" << comparison.at("horizon").get<int>() << "-year totals "
              << money_text(a.at("total_yen").get<double>()) << " vs " << money_text(b.at("total_yen").get<double>())
              << "; equivalent annual cost " << money_text(a.at("equivalent_annual_cost_yen").get<double>()) << " vs "
              << money_text(b.at("equivalent_annual_cost_yen").get<double>()) << " a year)";
        }
        out.push_back(s.str());
        // The equivalent annual cost pointing the other way: what each measures.
        if (lifecycle::eac_points_other_way(d)) {
            const bool higher = d.at("eac_difference_yen").get<double>() > 0;
            const int horizon = comparison.at("horizon").get<int>();
            out.push_back(language() == Lang::ja
                              ? "  等価年間費用では逆に" + strategy_label(a) + "の方が" + (higher ? "高い" : "低い") +
                                    ": 建物一周期 (建替えから次の建替えまで) の費用 ÷ 周期の年数で、いまの築年数によらない値。今後 " +
                                    std::to_string(horizon) + " 年の予算の比較は正味費用"
                              : "  On the equivalent annual cost " + strategy_label(a) + (higher ? " costs more" : " costs less") +
                                    ": one cycle's cost (rebuild to rebuild) over its length, whatever the buildings' age today; "
                                    "the next " + std::to_string(horizon) + " years' budgets compare on the net cost");
        }
    }
    return out;
}

LifecycleOutcome run_lifecycle(Store& store, const LifecycleRequest& req) {
    LifecycleOutcome outcome;
    auto t0 = Clock::now();
    lifecycle::Scenario scenario = lifecycle::load_scenario(req.strategy, req.start_year, req.horizon, req.budget_yen);
    // Every compared strategy is checked before anything is projected.
    std::vector<lifecycle::Scenario> others;
    for (const auto& key : compared_strategies(req.compare_with, scenario.strategy))
        // Same years, horizon and budget, so the projections are comparable.
        others.push_back(lifecycle::load_scenario(key, scenario.start_year, scenario.horizon_years, scenario.budget_yen));
    std::vector<Building> buildings = store.buildings();
    std::vector<InfraAsset> assets = store.infrastructure();
    double load_s = seconds_since(t0);

    auto t1 = Clock::now();
    lifecycle::Projection projection = lifecycle::project(buildings, assets, scenario);
    double project_s = seconds_since(t1);
    json compared_s = json::array();

    std::optional<lifecycle::Comparison> comparison;
    if (!others.empty()) {
        std::vector<lifecycle::ComparedProjection> sides{lifecycle::summarize(projection)};
        for (const auto& other : others) {
            // Summarized and dropped one at a time.
            auto t = Clock::now();
            sides.push_back(lifecycle::summarize(lifecycle::project(buildings, assets, other)));
            compared_s.push_back({{"strategy", other.strategy}, {"project_s", seconds_since(t)}});
        }
        comparison = lifecycle::compare(std::move(sides));
        outcome.comparison = lifecycle::to_json(*comparison);
    }
    const auto priority = lifecycle::priority_ranking(projection);
    const std::string facilities = facility_figures_json(projection, buildings, priority);
    buildings.clear();
    buildings.shrink_to_fit();
    outcome.projection = lifecycle::summary_json(projection);
    for (const auto& b : projection.buildings)
        if (b.category >= 0) {
            ++outcome.buildings;
            outcome.floor_area_m2 += b.floor_area_m2;
        }
    outcome.without_category = static_cast<long>(projection.uncategorized.size());
    outcome.prioritized = static_cast<long>(priority.size());

    // Record the run and keep its results for the report, levelling and PPP.
    // The files are written before the run is committed and published after
    // it: a run is recorded only when its outputs are complete, and a failed
    // output leaves no run behind for ppp or report to pick up.
    auto t2 = Clock::now();
    OutputBatch outputs;
    Transaction transaction(store);
    RunRecord run;
    run.command = req.command_line.empty() ? "lifecycle" : req.command_line;
    run.kind = scenario.strategy;
    if (!scenario.scenario_file.empty()) {
        run.input_path = std::filesystem::absolute(scenario.scenario_file).string();
        run.input_sha256 = sha256_file(scenario.scenario_file);
    }
    json parameters = outcome.projection.value("parameters", json::object());
    parameters["compare_with"] = req.compare_with;
    run.parameters_json = parameters.dump();
    run.program_version = program_version();
    outcome.run_id = store.begin_run(run);
    {
        std::size_t b = 0, k = 0;
        std::string strategy;
        store.save_lifecycle(stored_totals(outcome.run_id, projection), [&](StoredLifecycleEvent& out) {
            while (b < projection.buildings.size() && k >= projection.buildings[b].event_count) { ++b; k = 0; }
            if (b >= projection.buildings.size()) return false;
            const auto& building = projection.buildings[b];
            if (k == 0) {
                const lifecycle::Strategy* s = projection.strategy_of(building);
                strategy = s ? s->key : "none";
            }
            const lifecycle::Event& e = projection.events[building.first_event + k++];
            out.building_id = building.building_id;
            out.strategy = strategy;
            out.kind = projection.kinds[e.kind];
            out.year = e.year;
            out.cost_yen = e.cost_yen;
            out.spread = e.spread_years;
            out.status = lifecycle::status_name(e.status);
            return true;
        });
    }
    // What the report and the export read back: the summary, the priority
    // ranking (個別施設計画) and the comparison of strategies.
    {
        std::ostringstream doc;
        doc << "{\"summary\":" << outcome.projection.dump() << ",\"comparison\":" << outcome.comparison.dump()
            << ",\"facilities\":" << facilities << ",\"priority\":[";
        for (std::size_t i = 0; i < priority.size(); ++i)
            doc << (i ? "," : "") << lifecycle::priority_entry_json(projection, priority[i]).dump();
        doc << "]}";
        store.save_result(outcome.run_id, "lifecycle", doc.str());
    }
    json summary = {{"total_yen", projection.horizon_total_yen},
                    {"annual_average_yen", projection.annual_average_yen},
                    {"residual_value_yen", projection.residual_value_yen},
                    {"net_yen", projection.net_yen()},
                    {"buildings", outcome.buildings},
                    {"without_category", outcome.without_category},
                    {"without_condition", projection.without_condition},
                    {"timing", {{"load_s", load_s}, {"project_s", project_s}, {"compared", compared_s},
                                {"save_s", seconds_since(t2)}}}};
    store.finish_run(outcome.run_id, summary.dump());

    if (!req.json_path.empty()) {
        OutputFile file(req.json_path);
        json extra = {{"run_id", outcome.run_id}};
        if (comparison) extra["comparison"] = outcome.comparison;
        lifecycle::write_json(file.stream(), projection, priority, extra);
        file.commit();
    }
    // Each table only where the user named it: --csv never overwrites a
    // file beside it that was not asked for.
    if (!req.csv_path.empty()) lifecycle::write_years_csv(projection, req.csv_path);
    if (!req.events_csv_path.empty()) lifecycle::write_events_csv(projection, req.events_csv_path);
    if (!req.xlsx_path.empty()) {
        if (comparison) lifecycle::write_xlsx(projection, *comparison, req.xlsx_path);
        else lifecycle::write_xlsx(projection, req.xlsx_path);
    }
    transaction.commit();
    outputs.publish();
    return outcome;
}

std::string LifecycleOutcome::summary() const {
    const json& p = projection;
    std::ostringstream s;
    int horizon = p.at("horizon").get<int>();
    int start = p.at("start_year").get<int>();
    std::string label = p.at("strategy").get<std::string>();
    if (comparison.is_object())
        for (const auto& side : comparison.at("strategies"))
            if (side.at("strategy") == label) label = strategy_label(side);
    s << tr("更新費用の推計 (", "Renewal cost projection (") << label << ", " << start << "–" << start + horizon - 1
      << tr(" 年度)\n", ")\n");
    s << "  " << buildings << tr(" 棟, 延床面積 ", " buildings, floor area ") << std::fixed << std::setprecision(0)
      << floor_area_m2 << " m²\n";
    s << "  " << horizon << tr(" 年間の総額 ", "-year total ") << money_text(p.at("total_yen").get<double>())
      << tr("、年平均 ", ", annual average ") << money_text(p.at("annual_average_yen").get<double>()) << "\n";
    s << "  " << tr("期間末 (", "residual value at the end of FY") << start + horizon - 1
      << tr(" 年度末) の残存価値 ", ": ") << money_text(p.at("residual_value_yen").get<double>())
      << tr("、正味費用 ", ", net cost ") << money_text(p.at("net_yen").get<double>()) << "\n";
    if (!p.at("budget_yen").is_null()) {
        double budget = p.at("budget_yen").get<double>();
        s << "  " << tr("年間予算 ", "annual budget ") << money_text(budget) << tr(" に対し ", ": ") << std::setprecision(2)
          << p.at("annual_average_yen").get<double>() / budget << tr(" 倍\n", "× the budget\n");
    }
    s << "  " << tr("健全度: 緊急 (D 評価または健全度 ", "condition: urgent (a part rated D or 健全度 below ")
      << std::setprecision(0) << p.at("parameters").at("urgent_condition").get<double>() << tr(" 未満) ", ") ")
      << p.at("urgent").get<long>() << tr(" 棟、", " buildings, ") << tr("未調査 ", "no survey ")
      << p.at("without_condition").get<long>() << tr(" 棟 (築年数のみで推計)、", " (age rules alone), ")
      << tr("当初 ", "works in the first ") << p.at("parameters").at("priority_years").get<int>()
      << tr(" 年間に工事のある ", " years ranked for ") << prioritized << tr(" 棟に優先順位\n", " buildings\n");
    if (comparison.is_object()) {
        s << "  " << tr("比較 (正味費用 = 総額 − 期間末の残存価値):\n", "comparison (net cost = total − residual value at the end):\n");
        for (const auto& side : comparison.at("strategies"))
            s << "    " << strategy_label(side) << tr(": 総額 ", ": total ") << money_text(side.at("total_yen").get<double>())
              << tr("、残存価値 ", ", residual ") << money_text(side.at("residual_value_yen").get<double>())
              << tr("、正味 ", ", net ") << money_text(side.at("net_yen").get<double>()) << tr("、等価年間費用 ", ", EAC ")
              << money_text(side.at("equivalent_annual_cost_yen").get<double>()) << tr("/年\n", " a year\n");
        for (const auto& sentence : comparison_sentences(comparison)) s << "    " << sentence << "\n";
    }
    if (without_category > 0)
        s << "  " << tr("注意: 分類のない ", "note: ") << without_category
          << tr(" 棟は推計から除きました\n", " buildings without a category were left out\n");
    return s.str();
}

} // namespace shisetsu::pipeline
