#include "ppp/projects.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace shisetsu::ppp {

using json = nlohmann::json;

namespace {

// A non-negative amount of money in a stored plan; nullopt (with a problem) otherwise.
std::optional<double> amount(const json& obj, const char* key, bool required, const std::string& file,
                             const std::string& where, std::vector<InputProblem>& problems) {
    std::string column = where + "/" + key;
    if (!obj.contains(key) || obj[key].is_null()) {
        if (required) problems.push_back({file, 0, column, tr("必須の項目がありません (円)", "required field is missing (yen)")});
        return std::nullopt;
    }
    if (!obj[key].is_number() || !std::isfinite(obj[key].get<double>()) || obj[key].get<double>() < 0.0) {
        problems.push_back({file, 0, column, std::string(tr("0 以上の金額 (円) が必要です: ", "expected an amount in yen ≥ 0: ")) +
                                                 obj[key].dump()});
        return std::nullopt;
    }
    return obj[key].get<double>();
}

json money(bool nullable) {
    return {{"type", nullable ? json::array({"number", "null"}) : json("number")}, {"minimum", 0}};
}

// ppp.md "Command and JSON": a projects file, and a {"parameters": …} file.
schema::Schema projects_schema(const Defaults& defaults, const SchemeTable& schemes) {
    json types = json::array();
    for (const auto& [type, labels] : schemes.type_labels) types.push_back(type);
    json project = {{"type", "object"}, {"additionalProperties", false},
                    {"required", {"name", "construction_cost_yen", "annual_om_yen"}},
                    {"properties", {{"id", {{"type", {"string", "number"}}}},
                                    {"name", {{"type", "string"}}},
                                    {"type", {{"enum", types}}},
                                    {"construction_cost_yen", money(false)},
                                    {"annual_om_yen", money(false)},
                                    {"annual_fee_income_yen", money(true)},
                                    {"parameters", {{"$ref", "#/$defs/parameters"}}}}}};
    // Any parameter may also be set directly on a project.
    const json parameters = parameters_schema(defaults);
    for (const auto& [name, p] : parameters["properties"].items()) project["properties"][name] = p;
    return schema::Schema({{"type", "object"}, {"additionalProperties", false}, {"required", {"projects"}},
                           {"patternProperties", {{"^_", true}}},
                           {"properties", {{"name", {{"type", "string"}}}, {"source", {{"type", "string"}}},
                                           {"note", {{"type", "string"}}},
                                           {"parameters", {{"$ref", "#/$defs/parameters"}}},
                                           {"projects", {{"type", "array"}, {"items", project}}}}},
                           {"$defs", {{"parameters", parameters_schema(defaults)}}}},
                          "ppp projects");
}

schema::Schema parameters_file_schema(const Defaults& defaults) {
    return schema::Schema({{"type", "object"}, {"additionalProperties", false}, {"required", {"parameters"}},
                           {"patternProperties", {{"^_", true}}},
                           {"properties", {{"source", {{"type", "string"}}}, {"note", {{"type", "string"}}},
                                           {"parameters", parameters_schema(defaults)}}}},
                          "ppp parameters file");
}

} // namespace

PlanRules load_plan_rules() { return load_plan_rules(data_path("ppp/plan.json")); }

PlanRules load_plan_rules(const std::string& path) {
    json doc = read_json_file(path);
    PlanRules r;
    try {
        r.source = doc.value("source", std::string());
        r.consolidation_actions = doc.at("consolidation_actions").get<std::map<std::string, std::string>>();
        r.lifecycle_kinds = doc.at("lifecycle_kinds").get<std::map<std::string, std::string>>();
        r.lifecycle_statuses = doc.at("lifecycle_statuses").get<std::vector<std::string>>();
        r.lifecycle_window_years = doc.at("lifecycle_window_years").get<int>();
        r.group_window_years = doc.at("group_window_years").get<int>();
        r.om_yen_per_m2 = doc.at("om_yen_per_m2").get<double>();
    } catch (const json::exception& e) {
        throw InputError(path + ": " + tr("読めません: ", "cannot be read: ") + e.what());
    }
    if (r.lifecycle_window_years < 1 || r.group_window_years < 1 || r.om_yen_per_m2 < 0.0)
        throw InputError(path + ": " + tr("年数は 1 以上、単価は 0 以上にしてください",
                                          "the windows must be ≥ 1 year and the unit cost ≥ 0"));
    return r;
}

Parameters read_parameters_file(const std::string& path, const Defaults& defaults, Parameters base) {
    json doc = read_json_file(path);
    parameters_file_schema(defaults).validate(doc, path);
    std::vector<InputProblem> problems;
    apply_overrides(base, doc["parameters"], defaults, path, "/parameters", problems);
    if (!problems.empty()) throw InputError(std::move(problems));
    return base;
}

ProjectSet read_projects_file(const std::string& path, const Defaults& defaults, const SchemeTable& schemes,
                              Parameters base) {
    return parse_projects(read_json_file(path), path, defaults, schemes, std::move(base));
}

void check_projects(nlohmann::json& doc, const std::string& file, const Defaults& defaults, const SchemeTable& schemes,
                    std::vector<InputProblem>& problems) {
    projects_schema(defaults, schemes).check(doc, file, {}, problems);
}

ProjectSet parse_projects(const json& input, const std::string& file, const Defaults& defaults, const SchemeTable& schemes,
                          Parameters base) {
    json doc = input;
    projects_schema(defaults, schemes).validate(doc, file);
    // Checked whole: what follows only reads.
    ProjectSet set;
    set.plan = {{"kind", "file"}, {"path", file}};
    std::vector<InputProblem> problems;
    set.common = std::move(base);
    if (doc.contains("parameters")) apply_overrides(set.common, doc["parameters"], defaults, file, "/parameters", problems);
    std::size_t index = 0;
    for (const auto& p : doc["projects"]) {
        std::size_t i = index++;
        PlannedProject pp;
        Project& x = pp.project;
        x.name = p["name"].get<std::string>();
        if (p.contains("id")) x.id = p["id"].is_string() ? p["id"].get<std::string>() : p["id"].dump();
        if (p.contains("type")) x.type = p["type"].get<std::string>();
        x.construction_cost_yen = p["construction_cost_yen"].get<double>();
        x.annual_om_yen = p["annual_om_yen"].get<double>();
        x.annual_fee_income_yen = p.contains("annual_fee_income_yen") && p["annual_fee_income_yen"].is_number()
                                      ? p["annual_fee_income_yen"].get<double>() : 0.0;
        x.parameters = set.common;
        const std::string where = schema::pointer("/projects", i);
        if (p.contains("parameters")) apply_overrides(x.parameters, p["parameters"], defaults, file, where + "/parameters", problems);
        json direct = json::object();
        for (const auto& [k, v] : p.items())
            if (is_parameter(k)) direct[k] = v;
        apply_overrides(x.parameters, direct, defaults, file, where, problems);
        pp.origin = {{"source", "file"}, {"index", i}};
        set.projects.push_back(std::move(pp));
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    return set;
}

ProjectSet projects_from_consolidation(const json& document, long long run_id, const PlanRules& rules,
                                       const Parameters& base) {
    ProjectSet set;
    set.common = base;
    set.plan = {{"kind", "consolidation"}, {"run_id", run_id}, {"om_yen_per_m2", rules.om_yen_per_m2}};
    const std::string file = std::string(tr("統廃合の結果 (run ", "consolidation result (run ")) + std::to_string(run_id) + ")";
    std::vector<InputProblem> problems;
    if (!document.is_object() || !document.contains("sites") || !document["sites"].is_array())
        throw InputError({{file, 0, "sites", tr("\"sites\" (配列) がありません", "\"sites\" (an array) is missing")}});
    std::size_t index = 0;
    long without_works = 0;
    for (const auto& site : document["sites"]) {
        std::size_t i = index++;
        std::string action = site.is_object() && site.contains("action") && site["action"].is_string()
                                 ? site["action"].get<std::string>() : std::string();
        auto type = rules.consolidation_actions.find(action);
        if (type == rules.consolidation_actions.end()) continue;  // keep / close: nothing to build
        PlannedProject pp;
        Project& x = pp.project;
        x.type = type->second;
        x.id = site.contains("id") && site["id"].is_string() ? site["id"].get<std::string>() : std::string();
        x.name = site.contains("name") && site["name"].is_string() ? site["name"].get<std::string>() : x.id;
        const std::string where = schema::pointer("/sites", i);
        const std::size_t problems_before = problems.size();
        bool is_convert = action == "convert";
        auto c = amount(site, "construction_cost_yen", !is_convert, file, where, problems);
        if (c && *c <= 0.0) {
            ++without_works;  // services moved into existing space: nothing to build or procure
            continue;
        }
        if (is_convert && !c) continue;
        std::optional<double> area;
        if (site.contains("floor_area_after_m2") && site["floor_area_after_m2"].is_number())
            area = site["floor_area_after_m2"].get<double>();
        std::optional<double> o;
        std::string om_basis = "plan";
        if (site.contains("annual_om_yen") && !site["annual_om_yen"].is_null()) {
            o = amount(site, "annual_om_yen", true, file, where, problems);
        } else if (area && *area >= 0.0) {
            o = *area * rules.om_yen_per_m2;
            om_basis = "per_m2_default";
        } else {
            problems.push_back({file, 0, where + "/annual_om_yen",
                                tr("必須の項目がありません (annual_om_yen か floor_area_after_m2)",
                                   "required field is missing (annual_om_yen or floor_area_after_m2)")});
        }
        auto u = amount(site, "annual_fee_income_yen", false, file, where, problems);
        for (std::size_t k = problems_before; k < problems.size(); ++k) problems[k].message += " (" + x.name + ")";
        x.construction_cost_yen = c.value_or(0.0);
        x.annual_om_yen = o.value_or(0.0);
        x.annual_fee_income_yen = u.value_or(0.0);
        x.parameters = base;
        pp.origin = {{"source", "consolidation"}, {"run_id", run_id}, {"site_id", x.id}, {"action", action},
                     {"om_basis", om_basis}};
        if (area) pp.origin["floor_area_after_m2"] = *area;
        if (site.contains("services_after")) pp.origin["services_after"] = site["services_after"];
        set.projects.push_back(std::move(pp));
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    set.plan["sites_without_works"] = without_works;
    return set;
}

ProjectSet projects_from_lifecycle(const StoredLifecycle& run, const std::vector<Facility>& facilities,
                                   const std::vector<Building>& buildings, const PlanRules& rules,
                                   const SchemeTable& schemes, const Parameters& base) {
    ProjectSet set;
    set.common = base;
    const int first_year = run.start_year, last_year = run.start_year + rules.lifecycle_window_years - 1;
    set.plan = {{"kind", "lifecycle"}, {"run_id", run.run_id}, {"strategy", run.strategy},
                {"start_year", run.start_year}, {"horizon", run.horizon},
                {"screened_years", {first_year, last_year}}, {"group_window_years", rules.group_window_years},
                {"om_yen_per_m2", rules.om_yen_per_m2}};

    std::unordered_map<std::string, const Facility*> facility_by_id;
    for (const auto& f : facilities) facility_by_id[f.facility_id] = &f;
    std::unordered_map<std::string, const Building*> building_by_id;
    std::unordered_map<std::string, double> facility_area;
    for (const auto& b : buildings) {
        building_by_id[b.building_id] = &b;
        facility_area[b.facility_id] += b.floor_area_m2;
    }

    // Events still to do within the screened years; a backlog event is due now.
    struct Due {
        std::string building_id;
        int year;
        double cost_yen;
    };
    std::map<std::pair<std::string, std::string>, std::vector<Due>> by_owner;  // (facility, type) → events
    for (const auto& e : run.events) {
        auto type = rules.lifecycle_kinds.find(e.kind);
        if (type == rules.lifecycle_kinds.end() || !e.year || e.cost_yen <= 0.0) continue;
        if (std::find(rules.lifecycle_statuses.begin(), rules.lifecycle_statuses.end(), e.status) ==
            rules.lifecycle_statuses.end())
            continue;
        int due = std::max(*e.year, first_year);
        if (due > last_year) continue;
        auto b = building_by_id.find(e.building_id);
        // A facility row without separate buildings has the facility's id as its building id.
        std::string owner = b != building_by_id.end() ? b->second->facility_id : e.building_id;
        by_owner[{owner, type->second}].push_back({e.building_id, due, e.cost_yen});
    }

    for (auto& [key, events] : by_owner) {
        const auto& [facility_id, type] = key;
        std::stable_sort(events.begin(), events.end(), [](const Due& a, const Due& b) { return a.year < b.year; });
        const Facility* facility = facility_by_id.contains(facility_id) ? facility_by_id[facility_id] : nullptr;
        std::size_t start = 0;
        while (start < events.size()) {
            // One project: the works due within group_window_years of the first.
            std::size_t end = start;
            while (end < events.size() && events[end].year < events[start].year + rules.group_window_years) ++end;
            PlannedProject pp;
            Project& x = pp.project;
            std::set<std::string> ids;
            double area = 0.0;
            for (std::size_t k = start; k < end; ++k) {
                x.construction_cost_yen += events[k].cost_yen;
                if (ids.insert(events[k].building_id).second) {
                    auto b = building_by_id.find(events[k].building_id);
                    if (b != building_by_id.end()) area += b->second->floor_area_m2;
                }
            }
            int y0 = events[start].year, y1 = events[end - 1].year;
            x.type = type;
            x.id = facility_id + ":" + type + ":" + std::to_string(y0);
            std::string years = std::to_string(y0) + (y1 != y0 ? "–" + std::to_string(y1) : "");
            x.name = (facility && !facility->name.empty() ? facility->name : facility_id) + " " + schemes.type_label(type) +
                     " (" + years + tr(" 年度)", ")");
            // The facility's O&M and fees, in proportion to the floor area concerned.
            double total_area = facility_area.contains(facility_id) ? facility_area[facility_id] : 0.0;
            double share = total_area > 0.0 ? std::min(1.0, area / total_area) : 1.0;
            std::string om_basis;
            if (facility && facility->operating_cost_yen) {
                x.annual_om_yen = *facility->operating_cost_yen * share;
                om_basis = "facility_operating_cost";
            } else {
                x.annual_om_yen = area * rules.om_yen_per_m2;
                om_basis = "per_m2_default";
            }
            if (facility && facility->revenue_yen) x.annual_fee_income_yen = *facility->revenue_yen * share;
            x.parameters = base;
            pp.origin = {{"source", "lifecycle"}, {"run_id", run.run_id}, {"facility_id", facility_id},
                         {"building_ids", std::vector<std::string>(ids.begin(), ids.end())},
                         {"first_year", y0}, {"last_year", y1}, {"floor_area_m2", area},
                         {"floor_area_share", share}, {"om_basis", om_basis},
                         // The parts of the name, so a report in another language can build it again.
                         {"facility_name", facility && !facility->name.empty() ? facility->name : facility_id}};
            set.projects.push_back(std::move(pp));
            start = end;
        }
    }
    return set;
}

} // namespace shisetsu::ppp
