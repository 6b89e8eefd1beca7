// Section 5 of outputs.md: the PPP/PFI screening.
#include "report/content_builder.hpp"

#include <algorithm>
#include <cmath>

namespace shisetsu::report::sections {

using nlohmann::json;

// 5. PPP/PFI screening.
void Builder::ppp() {
    section("s5.title", "ppp");
    if (!d_.ppp) {
        not_run("ppp", "s5.not_run");
        return;
    }
    const json& p = d_.ppp->json;
    const json projects = p.value("projects", json::array());
    const json summary = p.value("summary", json::object());
    auto screened = [](const json& pr) { return pr.value("screened", true); };
    // ppp.md "What a review board reads": which projects, from which run;
    // each project its own decision (no sum of VFM).
    paragraph(t_.format("s5.intro", {{"projects", grouped(projects.size())},
                                     {"priority", grouped(number(summary, "priority"))},
                                     {"screened", grouped(static_cast<double>(std::count_if(projects.begin(), projects.end(), screened)))}}));
    const json plan = p.value("plan", json::object());
    const std::string kind = string_of(plan, "kind");
    if (kind == "consolidation")
        note(t_.format("s5.source.consolidation", {{"run", grouped(number(plan, "run_id"))}}));
    else if (kind == "lifecycle") {
        const json years = plan.value("screened_years", json::array());
        const std::string strategy = string_of(plan, "strategy");
        note(t_.format("s5.source.lifecycle", {{"run", grouped(number(plan, "run_id"))},
                                               {"strategy", d_.strategy_names.contains(strategy) ? d_.strategy_names.at(strategy) : strategy},
                                               {"from", years.size() == 2 ? year_text(years[0].get<int>()) : ""},
                                               {"to", years.size() == 2 ? year_text(years[1].get<int>()) : ""}}));
    } else if (kind == "file")
        note(t_.format("s5.source.file", {{"file", string_of(plan, "path")}}));
    if (plan.contains("fallback_from"))
        note(t_.format("s5.fallback", {{"run", grouped(number(plan["fallback_from"], "run_id"))}}));
    const json common = p.value("parameters", json::object());
    if (common.contains("population") && common["population"].is_number())
        note(t_.format("s5.population", {{"population", grouped(common["population"].get<double>())},
                                         {"source", t_[string_of(p, "population_source") == "settings" ? "ppp.population.settings"
                                                                                                        : "ppp.population.parameters"]},
                                         {"threshold", grouped(number(common, "population_threshold"))}}));
    else
        note(t_.format("s5.population_unset", {{"threshold", grouped(number(common, "population_threshold"))}}));
    // The screening's own note is in the language it ran in; say it in the report's.
    if (p.value("illustrative_defaults", false)) note(t_["s5.illustrative"]);
    if (number(plan, "sites_without_works") > 0)
        note(t_.format("s5.without_works", {{"sites", grouped(number(plan, "sites_without_works"))}}));
    // A name the program built (facility + kind of works + years) in the report's language.
    auto name_of = [&](const json& pr) {
        const json origin = pr.value("origin", json::object());
        if (string_of(origin, "source") != "lifecycle" || !origin.contains("facility_name")) return string_of(pr, "name");
        const std::string type_key = "ppp.type." + string_of(pr, "type");
        const int y0 = static_cast<int>(number(origin, "first_year")), y1 = static_cast<int>(number(origin, "last_year"));
        return string_of(origin, "facility_name") + " " + (t_.has(type_key) ? t_[type_key] : string_of(pr, "type")) + " (" +
               year_text(y0) + (y1 != y0 ? "–" + year_text(y1) : "") + ")";
    };
    auto saving = [&](const json& pr, const char* key) {
        return pr.contains(key) && pr[key].is_number() ? text_cell(percent(pr[key].get<double>(), 1)) : text_cell(t_["ppp.none"]);
    };
    Table vfm{t_["t.vfm.title"], t_["t.vfm.sheet"],
              {t_["col.project"], money_header("col.construction"), money_header("col.psc"), money_header("col.pfi_lcc"),
               money_header("col.vfm"), t_["col.vfm_percent"], t_["col.break_even_c"], t_["col.break_even_o"], t_["col.priority"]},
              {2.4, 1.0, 1.0, 1.0, 1.0, 0.8, 0.9, 0.9, 1.6}, {}, false};
    Table below{t_["t.below.title"], t_["t.below.sheet"],
                {t_["col.project"], money_header("col.construction"), money_header("col.total_cost"), money_header("col.annual_cost"),
                 t_["col.reason"]},
                {2.6, 1.1, 1.1, 1.1, 2.2}, {}, false};
    for (const auto& pr : projects) {
        if (!screened(pr)) {
            below.rows.push_back({text_cell(name_of(pr)), money_cell(number(pr, "construction_cost_yen")),
                                  money_cell(number(pr, "total_project_cost_yen")), money_cell(number(pr, "annual_operating_cost_yen")),
                                  text_cell(pr.value("population_covered", true) ? t_["ppp.below.cost"] : t_["ppp.below.population"])});
            continue;
        }
        std::string reasons;
        for (const auto& r : pr.value("priority_reasons", json::array()))
            if (r.is_string()) {
                const std::string key = "ppp.reason." + r.get<std::string>();
                reasons += (reasons.empty() ? "" : t_["list.separator"]) + (t_.has(key) ? t_[key] : r.get<std::string>());
            }
        std::string flag = pr.value("priority", false) ? t_["yes"] : t_["no"];
        vfm.rows.push_back({text_cell(name_of(pr)), money_cell(number(pr, "construction_cost_yen")),
                            money_cell(number(pr, "psc_yen")), money_cell(number(pr, "pfi_lcc_yen")), money_cell(number(pr, "vfm_yen")),
                            pr.contains("vfm_percent") && pr["vfm_percent"].is_number() ? number_cell(pr["vfm_percent"].get<double>(), 1) : text_cell("—"),
                            saving(pr, "break_even_construction_saving"), saving(pr, "break_even_om_saving"),
                            text_cell(reasons.empty() ? flag : flag + " — " + reasons)});
    }
    if (!vfm.rows.empty()) {
        table(std::move(vfm));
        note(t_["s5.break_even_note"]);
    } else {
        paragraph(t_["s5.none_screened"]);
    }
    if (!below.rows.empty()) table(std::move(below));

    if (p.contains("parameter_table") && p["parameter_table"].is_array()) {
        Table params{t_["t.ppp_params.title"], t_["t.ppp_params.sheet"],
                     {t_["col.parameter"], t_["col.value"], t_["col.unit"], t_["col.range"]}, {3.5, 1.2, 1, 1.6}, {}, false};
        const json& common = p.value("parameters", json::object());
        for (const auto& row : p["parameter_table"]) {
            std::string name = string_of(row, "name");
            const json& v = common.contains(name) ? common[name] : row.value("default", json());
            auto num = [](const json& x) { return x.is_number() ? grouped(x.get<double>(), std::fabs(x.get<double>()) < 10 ? 3 : 0) : std::string("—"); };
            const std::string unit = string_of(row, "unit"), unit_key = "unit." + unit;
            const json lo = row.value("min", json()), hi = row.value("max", json());
            params.rows.push_back({text_cell(string_of(row, ja() ? "label_ja" : "label_en")),
                                   v.is_number() ? Cell{num(v), v.get<double>(), {}} : text_cell("—"),
                                   text_cell(t_.has(unit_key) ? t_[unit_key] : unit),
                                   text_cell(hi.is_number() ? num(lo) + " – " + num(hi)
                                             : lo.is_number() ? t_.format("range.at_least", {{"min", num(lo)}}) : "—")});
        }
        table(std::move(params));
    }
    // Sensitivity of the first screened project, priority ones first.
    const json* chosen = nullptr;
    for (const auto& pr : projects)
        if (screened(pr) && pr.value("priority", false)) { chosen = &pr; break; }
    for (const auto& pr : projects)
        if (!chosen && screened(pr)) chosen = &pr;
    if (chosen && chosen->contains("sensitivity")) {
        const json& s = (*chosen)["sensitivity"];
        const json rates = s.value("discount_rate", json::array()), savings = s.value("construction_saving", json::array());
        Table sens{t_.format("t.sensitivity.title", {{"project", name_of(*chosen)}}), t_["t.sensitivity.sheet"],
                   {t_["col.saving_vs_rate"]}, {2}, {}, false};
        for (const auto& r : rates) {
            sens.columns.push_back(percent(r.get<double>(), 1));
            sens.widths.push_back(1);
        }
        const json pct = s.value("vfm_percent", json::array());
        for (std::size_t i = 0; i < savings.size() && i < pct.size(); ++i) {
            std::vector<Cell> row{text_cell(percent(savings[i].get<double>(), 0))};
            for (const auto& v : pct[i]) row.push_back(v.is_number() ? number_cell(v.get<double>(), 1) : text_cell("—"));
            sens.rows.push_back(std::move(row));
        }
        table(std::move(sens));
        note(t_["s5.sensitivity_note"]);
    }
}

} // namespace shisetsu::report::sections
