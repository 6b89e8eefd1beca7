// Section 1 of outputs.md: the summary — stock, ageing, seismic code and condition.
#include "report/content_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace shisetsu::report::sections {

using nlohmann::json;

// 1. Summary.
void Builder::summary() {
    section("s1.title", "summary");
    if (d_.buildings.empty() && d_.facilities.empty()) {
        not_run("import", "s1.no_inventory");
        return;
    }
    const double all = total_area();
    const double p30 = area_share([&](const Building& b) { return age_of(b) >= 30; });
    const double p40 = area_share([&](const Building& b) { return age_of(b) >= 40; });
    const double p60 = area_share([&](const Building& b) { return age_of(b) >= 60; });
    const double old_code = area_share([](const Building& b) { return b.seismic == "not_retrofitted"; });
    std::string findings = t_.format("s1.findings.stock", {{"facilities", grouped(d_.facilities.size())},
                                                          {"buildings", grouped(d_.buildings.size())},
                                                          {"area", area(all)},
                                                          {"year", year_text(d_.base_year)},
                                                          {"p30", percent(p30)},
                                                          {"p40", percent(p40)},
                                                          {"p60", percent(p60)},
                                                          {"seismic", percent(old_code)}});
    if (const auto* s = d_.latest_lifecycle("standard")) {
        findings += t_.format("s1.findings.renewal", {{"horizon", std::to_string(s->horizon)},
                                                      {"total", money(s->total_yen)},
                                                      {"average", money(s->annual_average_yen)}});
        if (s->budget_yen && *s->budget_yen > 0)
            findings += t_.format("s1.findings.budget", {{"budget", money(*s->budget_yen)},
                                                         {"ratio", grouped(s->annual_average_yen / *s->budget_yen, 2)}});
        const json* cmp = nullptr;
        if (d_.lifecycle_result && d_.lifecycle_result->json.value("comparison", json()).is_object())
            cmp = &d_.lifecycle_result->json["comparison"];
        if (cmp && cmp->contains("differences") && !(*cmp)["differences"].empty()) {
            // lifecycle.md "Output": the direction in words, on the net cost.
            std::string sentences;
            for (const auto& d : (*cmp)["differences"]) {
                const double diff = number(d, "net_difference_yen");
                sentences += (sentences.empty() ? "" : t_["list.separator"]) +
                             t_.format(diff < 0   ? "s1.findings.direction.less"
                                       : diff > 0 ? "s1.findings.direction.more"
                                                  : "s1.findings.direction.equal",
                                       {{"a", d_.strategy_name(string_of(d, "strategy"))},
                                        {"b", d_.strategy_name(string_of(d, "against"))},
                                        {"amount", money(std::fabs(diff))},
                                        {"share", percent(std::fabs(number(d, "net_difference_share")))}});
            }
            findings += t_.format("s1.findings.net", {{"sentences", sentences}});
        } else if (const auto* e = d_.latest_lifecycle("life_extension")) {
            double diff = s->total_yen - e->total_yen;
            findings += t_.format(diff >= 0 ? "s1.findings.saving" : "s1.findings.dearer",
                                  {{"amount", money(std::fabs(diff))}, {"share", percent(std::fabs(diff) / s->total_yen)}});
        }
    }
    if (d_.lifecycle_result && d_.lifecycle_result->json.contains("summary")) {
        const json& ls = d_.lifecycle_result->json["summary"];
        findings += t_.format("s1.findings.condition",
                              {{"count", grouped(number(ls, "urgent"))},
                               {"urgent", grouped(number(ls.value("parameters", json::object()), "urgent_condition", 40))},
                               {"unknown", grouped(number(ls, "without_condition"))}});
    }
    if (d_.access) {
        const json& services = d_.access->json.contains("services") ? d_.access->json["services"] : empty_array();
        const json* worst = nullptr;
        for (const auto& s : services)
            if (s.contains("before") && s["before"].is_object() && has_number(s, "catchment_m") &&
                (!worst || number(s["before"], "coverage") < number((*worst)["before"], "coverage")))
                worst = &s;
        if (worst)
            findings += t_.format("s1.findings.access", {{"service", service_label(*worst)},
                                                         {"catchment", metres(number(*worst, "catchment_m"))},
                                                         {"coverage", percent(number((*worst)["before"], "coverage"))}});
    }
    paragraph(findings);

    // By category.
    Table by_category{t_["t.category.title"], t_["t.category.sheet"],
                      {t_["col.category"], t_["col.facilities"], t_["col.buildings"], area_header("col.floor_area"),
                       t_["col.share"], t_["col.mean_age"]},
                      {3.2, 1, 1, 1.3, 1, 1.1}, {}, true};
    std::map<std::string, std::string> category_of;
    for (const auto& f : d_.facilities) category_of[f.facility_id] = f.category;
    for (const auto& key : categories_present()) {
        long facilities = std::count_if(d_.facilities.begin(), d_.facilities.end(), [&](const Facility& f) { return f.category == key; });
        long buildings = 0;
        double a = 0, age_area = 0;
        for (const auto& b : d_.buildings)
            if (category_of[b.facility_id] == key) {
                ++buildings;
                a += b.floor_area_m2;
                age_area += b.floor_area_m2 * age_of(b);
            }
        by_category.rows.push_back({text_cell(category_label(key)), number_cell(facilities), number_cell(buildings),
                                    area_cell(a), percent_cell(all > 0 ? a / all : 0),
                                    a > 0 ? number_cell(age_area / a, 1) : text_cell("—")});
    }
    double age_all = 0;
    for (const auto& b : d_.buildings) age_all += b.floor_area_m2 * age_of(b);
    by_category.rows.push_back({text_cell(t_["row.total"]), number_cell(d_.facilities.size()), number_cell(d_.buildings.size()),
                                area_cell(all), percent_cell(all > 0 ? 1 : 0), all > 0 ? number_cell(age_all / all, 1) : text_cell("—")});
    table(std::move(by_category));

    // Ageing, seismic code and condition.
    Table ageing{t_["t.ageing.title"], t_["t.ageing.sheet"], {t_["col.indicator"], t_["col.buildings"], area_header("col.floor_area"), t_["col.share"]},
                 {4, 1, 1.3, 1}, {}, false};
    auto row = [&](const std::string& label, const std::function<bool(const Building&)>& pred) {
        long n = 0;
        double a = 0;
        for (const auto& b : d_.buildings)
            if (pred(b)) { ++n; a += b.floor_area_m2; }
        ageing.rows.push_back({text_cell(label), number_cell(n), area_cell(a), percent_cell(all > 0 ? a / all : 0)});
    };
    row(t_["row.aged30"], [&](const Building& b) { return age_of(b) >= 30; });
    row(t_["row.aged40"], [&](const Building& b) { return age_of(b) >= 40; });
    row(t_["row.aged60"], [&](const Building& b) { return age_of(b) >= 60; });
    row(t_["row.old_code"], [](const Building& b) { return b.year_built <= 1981; });
    row(t_["row.not_retrofitted"], [](const Building& b) { return b.seismic == "not_retrofitted"; });
    row(t_["row.seismic_unknown"], [](const Building& b) { return b.seismic == "unknown" && b.year_built <= 1981; });
    table(std::move(ageing));

    Table condition{t_["t.condition.title"], t_["t.condition.sheet"], {t_["col.condition"], t_["col.buildings"], area_header("col.floor_area"), t_["col.share"]},
                    {4, 1, 1.3, 1}, {}, false};
    struct Band { const char* key; double lo, hi; };
    const Band bands[] = {{"cond.a", 75, 101}, {"cond.b", 50, 75}, {"cond.c", 25, 50}, {"cond.d", -1, 25}};
    for (const auto& band : bands) {
        long n = 0;
        double a = 0;
        for (const auto& b : d_.buildings)
            if (b.condition && *b.condition >= band.lo && *b.condition < band.hi) { ++n; a += b.floor_area_m2; }
        condition.rows.push_back({text_cell(t_[band.key]), number_cell(n), area_cell(a), percent_cell(all > 0 ? a / all : 0)});
    }
    long unknown = 0;
    double unknown_area = 0;
    for (const auto& b : d_.buildings)
        if (!b.condition) { ++unknown; unknown_area += b.floor_area_m2; }
    condition.rows.push_back({text_cell(t_["cond.unknown"]), number_cell(unknown), area_cell(unknown_area), percent_cell(all > 0 ? unknown_area / all : 0)});
    table(std::move(condition));
}

} // namespace shisetsu::report::sections
