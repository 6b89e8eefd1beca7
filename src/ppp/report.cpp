#include "ppp/report.hpp"

#include "core/lang.hpp"

#include <chrono>

namespace shisetsu::ppp {

using json = nlohmann::json;

Report screen_all(ProjectSet set, const Defaults& defaults) {
    Report r;
    auto t0 = std::chrono::steady_clock::now();
    r.screenings.reserve(set.projects.size());
    for (const auto& p : set.projects)
        r.screenings.push_back(screen(p.project, defaults.sensitivity_construction_saving, defaults.sensitivity_discount_rate));
    r.screen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.set = std::move(set);
    return r;
}

namespace {

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json lines_json(const Delivery& d) {
    json out = json::object();
    for (const auto& l : d.lines) out[l.key] = l.yen;
    return out;
}

json sensitivity_json(const Sensitivity& s) {
    json percent = json::array(), yen = json::array();
    for (std::size_t i = 0; i < s.construction_saving.size(); ++i) {
        json prow = json::array(), yrow = json::array();
        for (std::size_t j = 0; j < s.discount_rate.size(); ++j) {
            prow.push_back(optional_number(s.percent(i, j)));
            yrow.push_back(s.vfm_yen[i * s.discount_rate.size() + j]);
        }
        percent.push_back(std::move(prow));
        yen.push_back(std::move(yrow));
    }
    // Rows: construction_saving; columns: discount_rate.
    return {{"construction_saving", s.construction_saving},
            {"discount_rate", s.discount_rate},
            {"vfm_percent", std::move(percent)},
            {"vfm_yen", std::move(yen)}};
}

json parameter_table(const Defaults& d) {
    json out = json::array();
    for (const auto& s : d.specs)
        out.push_back({{"name", s.name}, {"symbol", s.symbol}, {"unit", s.unit}, {"label_ja", s.label_ja},
                       {"label_en", s.label_en}, {"default", optional_number(value_of(d.parameters, s.name))},
                       {"min", optional_number(s.min)}, {"max", optional_number(s.max)}});
    return out;
}

} // namespace

json to_json(const Report& report, const Defaults& defaults, const SchemeTable& schemes) {
    json projects = json::array();
    int priority = 0, screened = 0;
    for (std::size_t i = 0; i < report.set.projects.size(); ++i) {
        const auto& pp = report.set.projects[i];
        const Project& p = pp.project;
        const Screening& s = report.screenings[i];
        json candidates = json::array();
        for (const Scheme* c : schemes.candidates(p))
            candidates.push_back({{"key", c->key}, {"name", c->name()}, {"why", c->why()}});
        priority += s.priority ? 1 : 0;
        json entry = {
            {"name", p.name},
            {"id", p.id},
            {"type", p.type},
            {"type_label", schemes.type_label(p.type)},
            {"origin", pp.origin},
            {"construction_cost_yen", p.construction_cost_yen},
            {"annual_om_yen", p.annual_om_yen},
            {"annual_fee_income_yen", p.annual_fee_income_yen},
            {"parameters", to_json(p.parameters)},
            {"total_project_cost_yen", s.total_project_cost_yen},
            {"annual_operating_cost_yen", s.annual_operating_cost_yen},
            {"population_covered", s.population_covered},
            {"priority", s.priority},
            {"priority_reasons", s.priority_reasons},
            {"screened", report.screened(i)},
        };
        if (!report.screened(i)) {
            // 対象外: 基準未満 — listed with its cost and the reason, nothing more.
            projects.push_back(std::move(entry));
            continue;
        }
        ++screened;
        entry.update({
            {"psc_yen", s.psc_yen},
            {"pfi_lcc_yen", s.pfi_lcc_yen},
            {"vfm_yen", s.vfm_yen},
            {"vfm_percent", optional_number(s.vfm_percent)},
            {"cashflows", {{"psc", s.flows.psc.total_yen}, {"pfi", s.flows.pfi.total_yen}}},
            {"cashflow_lines", {{"psc", lines_json(s.flows.psc)}, {"pfi", lines_json(s.flows.pfi)}}},
            {"discount_factors", s.flows.discount_factor},
            {"sensitivity", sensitivity_json(s.sensitivity)},
            {"break_even_construction_saving", optional_number(s.break_even_construction_saving)},
            {"break_even_om_saving", optional_number(s.break_even_om_saving)},
            {"schemes", std::move(candidates)},
        });
        projects.push_back(std::move(entry));
    }
    return {{"kind", "ppp"},
            {"plan", report.set.plan},
            {"parameters", to_json(report.set.common)},
            {"parameter_table", parameter_table(defaults)},
            {"illustrative_defaults", true},
            {"note", tr("パラメータの既定値は例示です。金利・削減率などは市場データや類似事業の実績から設定してください。",
                        "The default parameters are illustrative; set rates and savings from market data and comparable projects.")},
            {"sources", {{"parameters", defaults.source}, {"schemes", schemes.source}}},
            {"projects", std::move(projects)},
            {"summary", {{"projects", report.set.projects.size()}, {"priority", priority}, {"screened", screened},
                         {"below_threshold", static_cast<long>(report.set.projects.size()) - priority}}},
            {"screen_all", report.all},
            {"timing", {{"screen_s", report.screen_s}}}};
}

} // namespace shisetsu::ppp
