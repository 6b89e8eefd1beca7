#include "report/data.hpp"

#include "storage/settings.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/years.hpp"
#include "gisio/crs.hpp"

#include <fstream>

namespace shisetsu::report {

namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) return nlohmann::json::object();
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
        return nlohmann::json::object();
    }
}

std::optional<ResultDoc> result_of(Store& store, const std::string& kind) {
    auto r = store.latest_result(kind);
    if (!r) return std::nullopt;
    try {
        return ResultDoc{r->run_id, nlohmann::json::parse(r->document)};
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::string label(const std::map<std::string, std::string>& names, const std::string& key) {
    auto it = names.find(key);
    return it == names.end() ? key : it->second;
}

// A consolidation or PPP run's result document with its kind; nullopt for
// any other run, or when the run saved none or it is not JSON.
std::optional<std::pair<std::string, nlohmann::json>> result_json(Store& store, long long run_id) {
    auto r = store.result(run_id);
    if (!r || (r->kind != "consolidate" && r->kind != "ppp")) return std::nullopt;
    try {
        return std::pair{r->kind, nlohmann::json::parse(r->document)};
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

// The plans to compare, each with the latest PPP/PFI screening of its own
// projects (ppp.json's plan.run_id names the consolidation run it screened).
std::vector<PlanDoc> plans_of(Store& store, const std::vector<RunRecord>& runs, const std::vector<long long>& asked) {
    std::map<long long, PlanDoc> all;
    std::map<long long, ResultDoc> screening;  // by consolidation run
    // The run log says how a run was started (consolidate, run: consolidate
    // from a run file); its saved result says what it is.
    for (const auto& run : runs) {  // oldest first: a later screening replaces an earlier one
        auto result = result_json(store, run.run_id);
        if (!result || !result->second.is_object()) continue;
        auto& [kind, doc] = *result;
        if (kind == "consolidate") {
            all[run.run_id] = PlanDoc{run.run_id, doc.value("name", std::string()), std::move(doc), std::nullopt};
        } else if (kind == "ppp") {
            const nlohmann::json plan = doc.value("plan", nlohmann::json::object());
            if (plan.is_object() && plan.value("kind", std::string()) == "consolidation" && plan.contains("run_id") &&
                plan["run_id"].is_number_integer())
                screening[plan["run_id"].get<long long>()] = ResultDoc{run.run_id, std::move(doc)};
        }
    }
    std::vector<PlanDoc> out;
    if (asked.empty()) {
        for (auto it = all.rbegin(); it != all.rend(); ++it) out.push_back(it->second);
    } else {
        std::vector<std::string> unknown;
        for (long long id : asked) {
            auto it = all.find(id);
            if (it == all.end()) unknown.push_back(std::to_string(id));
            else out.push_back(it->second);
        }
        if (!unknown.empty()) {
            std::string known;
            for (const auto& [id, plan] : all) known += (known.empty() ? "" : ", ") + std::to_string(id);
            std::string list;
            for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
            throw InputError("--plans: " + list +
                             tr(" は統廃合 (consolidate) の実行ではありません。統廃合の実行: ",
                                " is no consolidation (consolidate) run of the project; its consolidation runs: ") +
                             (known.empty() ? tr("なし", "none") : known));
        }
    }
    for (auto& plan : out)
        if (auto it = screening.find(plan.run_id); it != screening.end()) plan.ppp = it->second;
    return out;
}

} // namespace

std::string ReportData::category_name(const std::string& key) const { return label(category_names, key); }
std::string ReportData::kind_name(const std::string& key) const { return label(kind_names, key); }
std::string ReportData::strategy_name(const std::string& key) const { return label(strategy_names, key); }
std::string ReportData::service_name(const std::string& key) const { return label(service_names, key); }

const StoredLifecycleTotals* ReportData::latest_lifecycle(const std::string& strategy) const {
    for (auto it = lifecycle.rbegin(); it != lifecycle.rend(); ++it)
        if (it->strategy == strategy) return &*it;
    return nullptr;
}

ReportData gather(Store& store, const std::vector<long long>& plan_runs) {
    ReportData d;
    const bool ja = language() == Lang::ja;
    d.facilities = store.facilities();
    d.buildings = store.buildings();
    d.boundaries = store.boundaries();
    d.roads = store.roads();
    d.service_areas = store.service_areas();
    d.demand = store.demand();
    d.od = store.od();
    d.sites = store.sites();
    d.runs = store.runs();
    d.lifecycle = store.lifecycle_totals();
    d.access = result_of(store, "access");
    d.level = result_of(store, "level");
    d.consolidate = result_of(store, "consolidate");
    d.ppp = result_of(store, "ppp");
    d.plans = plans_of(store, d.runs, plan_runs);
    d.lifecycle_result = result_of(store, "lifecycle");
    if (d.lifecycle_result)
        if (auto run = store.lifecycle_run(d.lifecycle_result->run_id)) d.lifecycle_events = std::move(run->events);

    // Ages at the start of the latest projection, so the report and the
    // renewal charts speak of the same year; else this fiscal year.
    d.base_year = d.lifecycle.empty() ? current_fiscal_year() : d.lifecycle.back().start_year;
    if (auto crs = store.meta("work_crs")) d.work_crs = *crs;
    if (d.work_crs.empty()) {
        if (auto e = store.extent()) d.work_crs = gis::plane_rectangular_zone(((*e)[0] + (*e)[2]) / 2, ((*e)[1] + (*e)[3]) / 2);
    }
    const ProjectSettings settings = load_settings(store);
    d.ward_name = settings.display_name();
    if (d.ward_name.empty() && !d.boundaries.empty()) d.ward_name = d.boundaries.front().name;
    d.words = settings.words();

    for (const auto& c : read_json(data_path("lifecycle/unit_costs.json")).value("categories", nlohmann::json::array())) {
        auto key = c.value("key", std::string());
        d.category_keys.push_back(key);
        d.category_names[key] = c.value(ja ? "name_ja" : "name_en", key);
    }
    auto strategies = read_json(data_path("lifecycle/strategies.json"));
    const nlohmann::json kinds = strategies.value("kinds", nlohmann::json::object());
    for (const auto& [key, names] : kinds.items())
        d.kind_names[key] = names.value(ja ? "ja" : "en", key);
    for (const auto& s : strategies.value("strategies", nlohmann::json::array()))
        d.strategy_names[s.value("key", std::string())] = s.value(ja ? "label_ja" : "label_en", s.value("key", std::string()));
    const nlohmann::json services = read_json(data_path("services.json"));
    for (const auto& [key, service] : services.items()) {
        if (!service.is_object()) continue;
        if (service.contains("coverage_target") && service["coverage_target"].is_number())
            d.coverage_targets[key] = service["coverage_target"].get<double>();
        d.service_names[key] = text_for_kind(service.contains(ja ? "name" : "name_en") ? service[ja ? "name" : "name_en"]
                                                                                       : nlohmann::json(key), settings.kind, key);
    }
    // The project's own names are Japanese (inventory.md), so they replace
    // the defaults only in the Japanese report.
    for (const auto& s : store.services()) {
        if (s.coverage_target) d.coverage_targets[s.key] = *s.coverage_target;
        if (ja && !s.name.empty()) d.service_names[s.key] = s.name;
        else if (!d.service_names.contains(s.key)) d.service_names[s.key] = s.name.empty() ? s.key : s.name;
    }
    return d;
}

} // namespace shisetsu::report
