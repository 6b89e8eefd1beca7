#include "pipeline/pipeline.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "lifecycle/scenario.hpp"
#include "export/export.hpp"
#include "network/access.hpp"
#include "network/roads.hpp"
#include "pipeline/checks.hpp"
#include "pipeline/format.hpp"
#include "report/report.hpp"
#include "storage/settings.hpp"
#include "storage/transaction.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace shisetsu::pipeline {

namespace fs = std::filesystem;
using json = nlohmann::json;

inventory::CategoryVocabulary category_vocabulary() {
    return {[](const std::string& text) { return lifecycle::category_key(text); }, lifecycle::accepted_categories()};
}

inventory::ImportReport import_file(Store& store, const inventory::ImportRequest& request) {
    if (request.kind == inventory::Kind::roads) return network::import_roads(store, request);
    return inventory::import_file(store, request, category_vocabulary());
}

namespace {

std::string resolve(const std::string& base, const std::string& path) {
    if (path.empty() || fs::path(path).is_absolute()) return path;
    return (fs::path(base) / path).string();
}

// The config's database: a file beside the outputs, or a PostgreSQL URL as written.
std::string database_path(const std::string& out_dir, const std::string& db) {
    return is_postgres(db) ? db : resolve(out_dir, db);
}

std::string config_error(const std::string& step, const std::string& what) {
    return std::string(tr("設定ファイル: ", "config: ")) + step + ": " + what;
}

template <typename T>
std::optional<T> optional_field(const json& j, const char* key, const std::string& where) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    try {
        return j[key].get<T>();
    } catch (const json::exception&) {
        throw InputError(config_error(where, std::string(key) + tr(" の型が違います", " has the wrong type")));
    }
}

// A number, or {"file": F, "key": K} reading K from the JSON file F.
std::optional<double> number_or_reference(const json& j, const char* key, const std::string& base,
                                          const std::string& where) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    const auto& v = j[key];
    if (v.is_number()) return v.get<double>();
    if (v.is_object() && v.contains("file") && v.contains("key")) {
        std::string file = resolve(base, v["file"].get<std::string>());
        json referenced = read_json_file(file);
        std::string k = v["key"].get<std::string>();
        if (!referenced.contains(k) || !referenced[k].is_number())
            throw InputError(file + ": " + k + tr(" (数値) がありません", " (a number) is missing"));
        return referenced[k].get<double>();
    }
    throw InputError(config_error(where, std::string(key) + tr(" は数値か {\"file\", \"key\"} です", " must be a number or {\"file\", \"key\"}")));
}

} // namespace

json run_config(const json& input, const std::string& base_dir, std::ostream& log, const std::string& config_file) {
    // Checked whole, every step and the files it names, before the first
    // step runs (overview.md "Configuration files are checked like data").
    json config = input;
    {
        const std::string file = config_file.empty() ? std::string(tr("設定ファイル", "config")) : config_file;
        std::unique_ptr<Store> existing;
        if (config.is_object() && config.contains("database") && config["database"].is_string() &&
            !config.value("replace_database", false)) {
            const std::string out = config.contains("output_dir") && config["output_dir"].is_string()
                                        ? resolve(base_dir, config["output_dir"].get<std::string>()) : base_dir;
            const std::string path = database_path(out, config["database"].get<std::string>());
            if (project_exists(path)) existing = open_store(path, OpenMode::existing);
        }
        check_run_config(config, file, base_dir, existing.get());
    }
    std::string out_dir = resolve(base_dir, config.value("output_dir", std::string(".")));
    fs::create_directories(out_dir);
    std::string db = database_path(out_dir, config["database"].get<std::string>());
    if (config.value("replace_database", false) && project_exists(db)) {
        // A shared database is not ours to throw away.
        if (is_postgres(db))
            throw InputError(config_error("replace_database", tr("PostgreSQL のプロジェクトは置き換えられません (SQLite ファイルのみ)",
                                                                 "works on SQLite files only, not on a PostgreSQL project")));
        fs::remove(db);
    }
    std::unique_ptr<Store> store = project_exists(db) ? open_store(db, OpenMode::existing) : open_store(db, OpenMode::create);

    json records = json::array();
    int index = 0;
    for (const auto& step : config["steps"]) {
        ++index;
        std::string name = step.value("step", std::string());
        std::string where = "steps[" + std::to_string(index - 1) + "] (" + name + ")";
        json record = {{"step", name}};
        const auto step_started = std::chrono::steady_clock::now();
        if (name == "settings") {
            Transaction transaction(*store);
            for (const char* key : {"code", "name", "name_en", "prefecture", "kind", "population"})
                if (step.contains(key))
                    set_setting(*store, key, step[key].is_string() ? step[key].get<std::string>() : step[key].dump());
            if (auto budget = number_or_reference(step, "budget_yen", base_dir, where)) {
                std::ostringstream text;
                text.precision(15);
                text << *budget;
                set_setting(*store, "budget_yen", text.str());
            }
            transaction.commit();
            const ProjectSettings settings = load_settings(*store);
            record["name"] = settings.name.value_or("");
            record["code"] = settings.code.value_or("");
        } else if (name == "import") {
            inventory::ImportRequest req;
            req.kind = inventory::parse_kind(step.value("kind", std::string()));
            req.path = resolve(base_dir, step.value("file", std::string()));
            req.layer = step.value("layer", std::string());
            req.mapping_path = resolve(base_dir, step.value("mapping", std::string()));
            req.encoding = step.value("encoding", std::string());
            req.crs = step.value("crs", std::string());
            req.skip_invalid = step.value("skip_invalid", false);
            req.area_share = step.value("area_share", false);
            if (step.contains("node")) req.node = step["node"].get<bool>();
            req.year = optional_field<int>(step, "year", where);
            req.command_line = "run: import " + std::string(inventory::kind_name(req.kind));
            auto report = import_file(*store, req);
            log << report.summary();
            record["report"] = report.to_json();
        } else if (name == "lifecycle") {
            LifecycleRequest req;
            req.strategy = step.value("strategy", std::string("standard"));
            if (req.strategy.ends_with(".json")) req.strategy = resolve(base_dir, req.strategy);
            req.start_year = optional_field<int>(step, "start_year", where);
            req.horizon = optional_field<int>(step, "horizon", where);
            req.budget_yen = number_or_reference(step, "budget_yen", base_dir, where);
            for (std::string other : text::split_list(step.value("compare_with", std::string()), ",")) {
                if (other.ends_with(".json")) other = resolve(base_dir, other);
                req.compare_with += (req.compare_with.empty() ? "" : ",") + other;
            }
            req.json_path = resolve(out_dir, step.value("json", std::string()));
            req.csv_path = resolve(out_dir, step.value("csv", std::string()));
            req.events_csv_path = resolve(out_dir, step.value("events_csv", std::string()));
            req.xlsx_path = resolve(out_dir, step.value("xlsx", std::string()));
            req.command_line = "run: lifecycle " + req.strategy;
            auto outcome = run_lifecycle(*store, req);
            log << outcome.summary();
            json p = outcome.projection;
            record["run_id"] = outcome.run_id;
            record["strategy"] = p["strategy"];
            record["total_yen"] = p["total_yen"];
            record["annual_average_yen"] = p["annual_average_yen"];
            record["budget_yen"] = p["budget_yen"];
            record["residual_value_yen"] = p["residual_value_yen"];
            record["net_yen"] = p["net_yen"];
            record["without_condition"] = p["without_condition"];
            record["urgent"] = p["urgent"];
            record["urgent_condition"] = p["parameters"]["urgent_condition"];
            record["floor_area_m2"] = outcome.floor_area_m2;
            record["buildings"] = outcome.buildings;
            if (!outcome.comparison.is_null()) record["comparison"] = outcome.comparison;
            json files = json::object();
            for (const auto& [k, v] : {std::pair{"json", req.json_path}, {"csv", req.csv_path},
                                       {"events_csv", req.events_csv_path}, {"xlsx", req.xlsx_path}})
                if (!v.empty()) files[k] = v;
            record["files"] = files;
        } else if (name == "access") {
            network::AccessRequest req;
            req.service = step.value("service", std::string());
            if (auto v = optional_field<double>(step, "cutoff_m", where)) req.cutoff_m = *v;
            req.profile = step.value("profile", std::string("walk"));
            if (req.profile.ends_with(".json")) req.profile = resolve(base_dir, req.profile);
            if (auto v = optional_field<double>(step, "max_snap_m", where)) req.max_snap_m = *v;
            if (auto v = optional_field<double>(step, "detour_factor", where)) req.detour_factor = *v;
            if (auto v = optional_field<double>(step, "buffer_m", where)) req.buffer_m = *v;
            req.service_areas = step.value("service_areas", true);
            req.year = optional_field<int>(step, "year", where);
            req.json_path = resolve(out_dir, step.value("json", std::string()));
            req.od_out = resolve(out_dir, step.value("od_out", std::string()));
            req.command_line = "run: access";
            auto outcome = network::run_access(*store, req);
            log << outcome.summary();
            const json& r = outcome.result;
            record["run_id"] = outcome.run_id;
            record["mode"] = r["mode"];
            record["detour_factor"] = r["detour_factor"];
            record["pairs"] = r["pairs"];
            json coverage = json::array();
            for (const auto& sv : r["services"])
                coverage.push_back({{"key", sv["key"]}, {"name", sv["name"]}, {"catchment_m", sv["catchment_m"]},
                                    {"coverage", sv["before"]["coverage"]}, {"median_m", sv["before"]["median_m"]}});
            record["services"] = coverage;
            json files = json::object();
            if (!req.json_path.empty()) files["json"] = req.json_path;
            if (!req.od_out.empty()) files["od_csv"] = req.od_out;
            record["files"] = files;
        } else if (name == "level") {
            LevelStepRequest req;
            req.strategy = step.value("strategy", std::string("standard"));
            if (req.strategy.ends_with(".json")) req.strategy = resolve(base_dir, req.strategy);
            req.start_year = optional_field<int>(step, "start_year", where);
            req.horizon = optional_field<int>(step, "horizon", where);
            req.budget_yen = number_or_reference(step, "budget_yen", base_dir, where);
            req.peak = step.value("peak", false);
            req.max_advance = optional_field<int>(step, "max_advance", where);
            req.max_deferral = optional_field<int>(step, "max_deferral", where);
            if (auto v = optional_field<double>(step, "time_limit_s", where)) req.time_limit_s = *v;
            if (auto v = optional_field<double>(step, "gap", where)) req.relative_gap = *v;
            req.json_path = resolve(out_dir, step.value("json", std::string()));
            req.command_line = "run: level";
            auto outcome = run_level(*store, req);
            log << outcome.summary();
            const json& r = outcome.result;
            record["run_id"] = outcome.run_id;
            for (const char* k : {"mode", "budget_yen", "objective_yen", "bound_yen", "gap", "status", "peak_before_yen",
                                  "peak_after_yen", "penalty_yen", "overrun_yen", "time_s"})
                record[k] = r[k];
            record["events"] = r["events"].size();
            record["deferred_overdue"] = r["deferred_overdue"].size();
            if (!req.json_path.empty()) record["files"] = {{"json", req.json_path}};
        } else if (name == "consolidate") {
            ConsolidateRequest req;
            req.config_path = resolve(base_dir, step.value("config", std::string()));
            req.name = step.value("name", std::string());
            if (auto v = optional_field<double>(step, "time_limit_s", where)) req.time_limit_s = *v;
            req.json_path = resolve(out_dir, step.value("json", std::string()));
            req.instance_path = resolve(out_dir, step.value("instance_out", std::string()));
            req.year = optional_field<int>(step, "year", where);
            req.command_line = "run: consolidate";
            auto outcome = run_consolidate(*store, req);
            log << outcome.summary();
            const json& r = outcome.result;
            record["run_id"] = outcome.run_id;
            for (const char* k : {"objective_yen", "bound_yen", "gap", "status", "time_s", "distance_mode", "totals"}) record[k] = r[k];
            json services = json::array();
            for (const auto& sv : r["services"])
                services.push_back({{"key", sv["key"]}, {"name", sv["name"]}, {"coverage_target", sv["coverage_target"]},
                                    {"before", sv["before"]["coverage"]}, {"after", sv["after"]["coverage"]}});
            record["services"] = services;
            std::map<std::string, int> actions;
            for (const auto& site : r["sites"]) ++actions[site["action"].get<std::string>()];
            record["actions"] = actions;
            json files = json::object();
            if (!req.instance_path.empty()) files["instance"] = req.instance_path;
            if (!req.json_path.empty()) files["json"] = req.json_path;
            record["files"] = files;
        } else if (name == "ppp") {
            PppRequest req;
            if (auto v = optional_field<long long>(step, "plan", where)) req.plan_run_id = *v;
            req.projects_path = resolve(base_dir, step.value("projects", std::string()));
            req.parameters_path = resolve(base_dir, step.value("parameters_file", std::string()));
            if (step.contains("parameters")) req.parameters = step["parameters"];
            req.all = step.value("all", false);
            req.json_path = resolve(out_dir, step.value("json", std::string()));
            req.csv_path = resolve(out_dir, step.value("csv", std::string()));
            req.command_line = "run: ppp";
            auto outcome = run_ppp(store.get(), req);
            log << outcome.summary(false);
            const json& d = outcome.document;
            int positive = 0;
            for (const auto& p : d["projects"])
                if (p.value("screened", true)) positive += p["vfm_yen"].get<double>() > 0.0 ? 1 : 0;
            record["run_id"] = outcome.run_id;
            record["plan"] = d["plan"];
            record["projects"] = d["summary"]["projects"];
            record["priority"] = d["summary"]["priority"];
            record["screened"] = d["summary"]["screened"];
            record["positive_vfm"] = positive;
            json files = json::object();
            if (!req.json_path.empty()) files["json"] = req.json_path;
            if (!req.csv_path.empty()) files["csv"] = req.csv_path;
            record["files"] = files;
        } else if (name == "export") {
            exporter::ExportRequest req;
            req.gpkg_path = resolve(out_dir, step.value("gpkg", std::string("shisetsu.gpkg")));
            req.qgs_path = resolve(out_dir, step.value("qgs", std::string()));
            const std::string csv = step.value("csv", std::string());
            req.csv_path = csv == "-" ? csv : resolve(out_dir, csv);
            if (auto v = optional_field<int>(step, "year", where)) req.reference_year = *v;
            req.command_line = "run: export";
            auto outcome = exporter::run_export(*store, req);
            log << outcome.summary();
            json layers = json::array();
            for (const auto& l : outcome.layers) layers.push_back({{"name", l.name}, {"features", l.features}});
            record["layers"] = layers;
            json files = {{"gpkg", outcome.gpkg_path}};
            if (!outcome.qgs_path.empty()) files["qgs"] = outcome.qgs_path;
            if (!outcome.csv_path.empty()) files["csv"] = outcome.csv_path;
            record["files"] = files;
        } else if (name == "report") {
            report::ReportRequest req;
            req.out_dir = resolve(out_dir, step.value("out", std::string(".")));
            req.base_name = step.value("name", std::string("report"));
            req.plan_name = step.value("plan_name", std::string("placement-plan"));
            auto outcome = report::write_report(*store, req);
            log << outcome.summary();
            record["pages"] = outcome.pages;
            record["seconds"] = outcome.seconds;
            record["missing_steps"] = outcome.missing_steps;
            record["files"] = {{"pdf", outcome.pdf_path}, {"html", outcome.html_path}, {"xlsx", outcome.xlsx_path},
                               {"plan_pdf", outcome.plan_pdf_path}, {"plan_html", outcome.plan_html_path},
                               {"cards_pdf", outcome.cards_pdf_path}};
            record["card_pages"] = outcome.card_pages;
        } else {
            throw std::logic_error("run config: step not in data/schema/run.json: " + name);
        }
        record["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - step_started).count();
        records.push_back(record);
    }
    return json({{"database", database_label(db)}, {"output_dir", out_dir}, {"steps", records}});
}

json run_demo(const std::string& out_dir, std::ostream& out, const std::string& database) {
    json config = read_json_file(data_path("demo.json"));
    config["output_dir"] = fs::absolute(out_dir).string();
    if (!database.empty()) config["database"] = is_postgres(database) ? database : fs::absolute(database).string();
    config["replace_database"] = !is_postgres(config["database"].get<std::string>());

    std::ostringstream log;
    json result = run_config(config, data_dir(), log, data_path("demo.json"));

    // The lifecycle step with the most strategies compared carries the
    // comparison; the standard one the MIC figure of the 総合管理計画.
    const json* standard = nullptr;
    const json* compared = nullptr;
    for (const auto& s : result["steps"]) {
        if (s["step"] != "lifecycle") continue;
        if (s["strategy"] == "standard" && !standard) standard = &s;
        if (s.contains("comparison") &&
            (!compared || s["comparison"]["strategies"].size() > (*compared)["comparison"]["strategies"].size()))
            compared = &s;
    }
    out << tr("■ shisetsu デモ: ", "■ shisetsu demo: ") << config.value("name", std::string()) << "\n";
    if (standard) {
        out << tr("  対象: ", "  Stock: ") << (*standard)["buildings"].get<long>() << tr(" 棟, 延床面積 ", " buildings, floor area ")
            << area_text((*standard)["floor_area_m2"].get<double>()) << "\n";
        if (compared) {
            // lifecycle.md "Output": the three strategies named by what they
            // are, the direction of each difference in words, on the net cost.
            const json& c = (*compared)["comparison"];
            const int start = c["start_year"].get<int>(), horizon = c["horizon"].get<int>();
            out << tr("  更新費用 (", "  Renewal cost (") << start << "–" << start + horizon - 1
                << tr(" 年度、正味費用 = 総額 − 期間末の残存価値):", ", net cost = total − residual value at the end):") << "\n";
            for (const auto& side : c["strategies"]) {
                out << "    " << strategy_label(side) << tr(": 総額 ", ": total ")
                    << money_text(side["total_yen"].get<double>()) << tr("、年平均 ", ", annual average ")
                    << money_text(side["annual_average_yen"].get<double>()) << tr("、残存価値 ", ", residual ")
                    << money_text(side["residual_value_yen"].get<double>()) << tr("、正味 ", ", net ")
                    << money_text(side["net_yen"].get<double>()) << "\n";
            }
            for (const auto& sentence : comparison_sentences(c)) out << "    " << sentence << "\n";
        } else {
            out << tr("  単純更新 (総務省方式): ", "  Simple renewal (MIC): ") << money_text((*standard)["total_yen"].get<double>())
                << "\n";
        }
        out << tr("  健全度: 緊急 ", "  Condition: urgent ") << (*standard)["urgent"].get<long>()
            << tr(" 棟 (D 評価または健全度 ", " buildings (a part rated D or 健全度 below ") << std::fixed << std::setprecision(0)
            << (*standard)["urgent_condition"].get<double>()
            << tr(" 未満: 次の工事を前倒し)、未調査 ", ": next work brought forward), no survey ")
            << (*standard)["without_condition"].get<long>() << tr(" 棟", " buildings") << "\n";
        if (!(*standard)["budget_yen"].is_null()) {
            double budget = (*standard)["budget_yen"].get<double>();
            out << tr("  過去5年平均の投資額 (例示値): ", "  Past five-year average investment (illustrative): ") << money_text(budget)
                << tr("/年 — 単純更新はその ", "/yr — standard needs ") << std::fixed << std::setprecision(2)
                << (*standard)["annual_average_yen"].get<double>() / budget << tr(" 倍", "×") << "\n";
        }
    }
    const json* roads = nullptr;
    for (const auto& s : result["steps"])
        if (s["step"] == "import" && s["report"]["kind"] == "roads") roads = &s["report"]["details"];
    for (const auto& s : result["steps"]) {
        if (s["step"] != "access") continue;
        // Say how distances were taken, and what the road layer needed: once,
        // from the first run (a later one, after the plan, draws its areas).
        if (s["mode"] == "network") {
            out << tr("  施設までの距離: 道路網で計測", "  Distances to facilities: along the road network");
            if (roads) {
                const json& l = (*roads)["layer"];
                out << " (" << (*roads)["roads"].get<long>() << tr(" 本の線", " lines");
                if (l["noded"].get<bool>())
                    out << tr("、交差 ", ", ") << l["crossings_noded"].get<long>() << tr(" か所に節点を置き端 ", " crossings noded and ")
                        << l["ends_joined"].get<long>() << tr(" か所をつなぐ", " line ends joined");
                out << tr("; 最大の連結成分に延長の ", "; the largest component holds ") << std::fixed << std::setprecision(1)
                    << (*roads)["walk_graph"]["largest_component_length_share"].get<double>() * 100
                    << tr(" %)", " % of the length)");
            }
            out << "\n";
        } else {
            out << tr("  施設までの距離: 直線距離 × 迂回係数 ", "  Distances to facilities: straight line × detour factor ")
                << std::fixed << std::setprecision(1) << s["detour_factor"].get<double>()
                << tr(" (道路網が取り込まれていません)", " (no road network imported)") << "\n";
        }
        for (const auto& sv : s["services"]) {
            static const std::set<std::string> shown = {"community_hall", "library", "children_centre", "elderly_centre"};
            if (!shown.contains(sv["key"].get<std::string>()) || sv["catchment_m"].is_null()) continue;
            out << "    " << sv["name"].get<std::string>() << tr(": 誘致距離 ", ": within ") << std::setprecision(0)
                << sv["catchment_m"].get<double>() << tr(" m 以内の人口 ", " m of ") << std::setprecision(1)
                << sv["coverage"].get<double>() * 100 << tr(" %", " % of residents") << "\n";
        }
        break;
    }
    for (const auto& s : result["steps"]) {
        if (s["step"] == "level") {
            out << tr("  更新時期の平準化 (予算 ", "  Levelled renewal schedule (budget ") << money_text(s["budget_yen"].get<double>())
                << tr("/年): 単年度の最大 ", "/yr): peak year ") << money_text(s["peak_before_yen"].get<double>()) << " → "
                << money_text(s["peak_after_yen"].get<double>()) << tr("、予算超過の合計 ", ", total overrun ")
                << money_text(s["overrun_yen"].get<double>()) << " (" << s["status"].get<std::string>() << tr("、ギャップ ", ", gap ")
                << std::fixed << std::setprecision(3) << s["gap"].get<double>() * 100 << " %)\n";
        } else if (s["step"] == "consolidate") {
            const json& t = s["totals"];
            out << tr("  集約化・複合化: 施設 ", "  Consolidation: sites ") << t["sites_before"].get<int>() << " → " << t["sites_after"].get<int>()
                << tr("、期間中の費用 ", ", cost over the horizon ") << money_text(t["cost_before_yen"].get<double>()) << " → "
                << money_text(t["cost_after_yen"].get<double>()) << " (" << s["status"].get<std::string>() << tr("、ギャップ ", ", gap ")
                << std::fixed << std::setprecision(3) << s["gap"].get<double>() * 100 << tr(" %、", " %, ") << std::setprecision(1)
                << s["time_s"].get<double>() << " s)\n";
            for (const auto& sv : s["services"])
                out << "    " << sv["name"].get<std::string>() << tr(": 充足率 ", ": coverage ") << std::setprecision(1)
                    << sv["before"].get<double>() * 100 << " % → " << sv["after"].get<double>() * 100 << tr(" % (目標 ", " % (target ")
                    << sv["coverage_target"].get<double>() * 100 << " %)\n";
        }
    }
    for (const auto& s : result["steps"]) {
        if (s["step"] != "ppp") continue;
        const json& plan = s["plan"];
        out << tr("  PPP/PFI 簡易検討: ", "  PPP/PFI screening: ");
        if (plan["kind"] == "lifecycle")
            out << plan["strategy"].get<std::string>() << " " << plan["screened_years"][0] << "–" << plan["screened_years"][1]
                << tr(" 年度の建替え・大規模改修 ", " rebuilds and large renovations: ");
        else if (plan["kind"] == "consolidation")
            out << tr("統廃合計画の新設・複合化 ", "new sites and complexes of the consolidation plan: ");
        out << s["projects"] << tr(" 事業、優先的検討の対象 ", " projects, ") << s["priority"]
            << tr(" 事業、VFM がプラス ", " subject to priority consideration, positive VFM for ") << s["positive_vfm"]
            << tr(" 事業 (パラメータは例示値)", " (illustrative parameters)") << "\n";
    }
    out << tr("  出力先: ", "  Output: ") << result["output_dir"].get<std::string>() << "\n";
    for (const auto& s : result["steps"])
        if (s.contains("files"))
            for (const auto& [k, v] : s["files"].items()) out << "    " << fs::path(v.get<std::string>()).filename().string() << "\n";
    out << tr("  データベース: ", "  Database: ") << result["database"].get<std::string>() << "\n";
    return result;
}

} // namespace shisetsu::pipeline
