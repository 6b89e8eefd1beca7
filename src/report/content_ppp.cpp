// Section 5 of outputs.md: the PPP/PFI screening.
#include "report/content_builder.hpp"

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
    paragraph(t_.format("s5.intro", {{"projects", grouped(projects.size())},
                                     {"priority", grouped(number(summary, "priority"))},
                                     {"vfm", money(number(summary, "vfm_total_yen"))}}));
    // The screening's own note is in the language it ran in; say it in the report's.
    if (p.value("illustrative_defaults", false)) note(t_["s5.illustrative"]);
    const json plan = p.value("plan", json::object());
    if (number(plan, "sites_without_works") > 0)
        note(t_.format("s5.without_works", {{"sites", grouped(number(plan, "sites_without_works"))}}));
    Table vfm{t_["t.vfm.title"], t_["t.vfm.sheet"],
              {t_["col.project"], money_header("col.construction"), money_header("col.psc"), money_header("col.pfi_lcc"),
               money_header("col.vfm"), t_["col.vfm_percent"], t_["col.priority"]},
              {2.6, 1.1, 1.1, 1.1, 1.1, 0.9, 1.8}, {}, false};
    for (const auto& pr : projects) {
        std::string reasons;
        for (const auto& r : pr.value("priority_reasons", json::array()))
            if (r.is_string()) {
                const std::string key = "ppp.reason." + r.get<std::string>();
                reasons += (reasons.empty() ? "" : t_["list.separator"]) + (t_.has(key) ? t_[key] : r.get<std::string>());
            }
        std::string flag = pr.value("priority", false) ? t_["yes"] : t_["no"];
        vfm.rows.push_back({text_cell(string_of(pr, "name")), money_cell(number(pr, "construction_cost_yen")),
                            money_cell(number(pr, "psc_yen")), money_cell(number(pr, "pfi_lcc_yen")), money_cell(number(pr, "vfm_yen")),
                            pr.contains("vfm_percent") && pr["vfm_percent"].is_number() ? number_cell(pr["vfm_percent"].get<double>(), 1) : text_cell("—"),
                            text_cell(reasons.empty() ? flag : flag + " — " + reasons)});
    }
    table(std::move(vfm));

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
    // Sensitivity of the first priority project (or the first project).
    const json* chosen = nullptr;
    for (const auto& pr : projects)
        if (pr.value("priority", false)) { chosen = &pr; break; }
    if (!chosen && !projects.empty()) chosen = &projects[0];
    if (chosen && chosen->contains("sensitivity")) {
        const json& s = (*chosen)["sensitivity"];
        const json rates = s.value("discount_rate", json::array()), savings = s.value("construction_saving", json::array());
        Table sens{t_.format("t.sensitivity.title", {{"project", string_of(*chosen, "name")}}), t_["t.sensitivity.sheet"],
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
