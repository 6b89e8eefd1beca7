// Section 4 of outputs.md, accessibility: coverage and distance per service.
#include "report/content_builder.hpp"

#include "report/charts.hpp"
#include "report/maps.hpp"
#include "report/render.hpp"

#include <cmath>
#include <map>
#include <set>

namespace shisetsu::report::sections {

using nlohmann::json;

void Builder::access() {
    const json& a = d_.access->json;
    const bool network = string_of(a, "mode") == "network";
    paragraph(network ? t_.format("s4.access.network", {{"profile", string_of(a, "profile")}})
                      : t_.format("s4.access.straight", {{"detour", grouped(number(a, "detour_factor", 1.3), 1)}}));
    HBarChart chart;
    Series before{t_["series.before"], hex_colour("#9E9E9E"), {}}, after{t_["series.after"], hex_colour("#0072B2"), {}};
    bool any_after = false;
    Table table_{t_["t.access.title"], t_["t.access.sheet"],
                 {t_["col.service"], t_["col.catchment"], t_["col.providers"], t_["col.coverage_before"], t_["col.coverage_after"],
                  t_["col.mean"], t_["col.median"], t_["col.p95"]},
                 {2.4, 1, 0.9, 1.1, 1.1, 1, 1, 1}, {}, false};
    const json& services = a.contains("services") ? a["services"] : empty_array();
    // Coverage after the plan: the access run's own when it ran after a
    // plan, else the consolidation result's per-service figures.
    std::map<std::string, json> plan_after;
    if (d_.consolidate && d_.consolidate->json.contains("services"))
        for (const auto& s : d_.consolidate->json["services"])
            if (s.contains("after") && s["after"].is_object()) plan_after[string_of(s, "key")] = s["after"];
    const json* worst = nullptr;
    for (const auto& s : services) {
        const json& b = s.value("before", json::object());
        auto planned = plan_after.find(string_of(s, "key"));
        const json af = s.contains("after") && s["after"].is_object() ? s["after"]
                        : planned != plan_after.end()                 ? planned->second
                                                                      : json();
        const bool has_after = af.is_object();
        std::string name = service_label(s);
        if (has_number(s, "catchment_m")) {
            chart.groups.push_back(capitalised(name));
            before.values.push_back(number(b, "coverage") * 100);
            after.values.push_back(has_after ? number(af, "coverage") * 100 : NAN);
            any_after = any_after || has_after;
            auto target = d_.coverage_targets.find(string_of(s, "key"));
            chart.targets.push_back(target == d_.coverage_targets.end() ? NAN : target->second * 100);
            if (!worst || number(b, "coverage") < number((*worst)["before"], "coverage")) worst = &s;
        }
        table_.rows.push_back({text_cell(name), has_number(s, "catchment_m") ? number_cell(number(s, "catchment_m")) : text_cell("—"),
                               optional_number_cell(b, "providers"),
                               b.contains("coverage") && has_number(s, "catchment_m") ? percent_cell(number(b, "coverage")) : text_cell("—"),
                               has_after ? percent_cell(number(af, "coverage")) : text_cell("—"),
                               optional_number_cell(has_after ? af : b, "mean_m"), optional_number_cell(has_after ? af : b, "median_m"),
                               optional_number_cell(has_after ? af : b, "p95_m")});
    }
    chart.series.push_back(before);
    if (any_after) chart.series.push_back(after);
    chart.target_label = t_["series.target"];
    chart.max_value = 100;
    chart.value_text = [](double v) { return grouped(v, 1) + " %"; };
    chart.tick_text = [](double v) { return grouped(v) + " %"; };
    figure(t_["f.coverage"], hbar_chart_height(chart), [chart](cairo_t* cr, double w, double h) { draw_hbar_chart(cr, w, h, chart); });
    table(std::move(table_));
    if (!any_after) note(t_["s4.access.no_plan"]);

    // Without a plan, the service areas of the service with the lowest
    // coverage, where a plan matters most (with one, every service of the
    // plan has its map above).
    if (worst && !d_.consolidate) {
        const std::string key = string_of(*worst, "key");
        MapSpec map = base_map();
        map.legend_title = t_.format("map.areas.legend", {{"service", service_label(*worst)}});
        const Rgb area_colour = hex_colour("#0072B2");
        std::set<std::string> sites;
        if (projector_)
            for (std::size_t i = 0; i < d_.service_areas.size(); ++i)
                if (const auto& sa = d_.service_areas[i]; sa.service_key == key) {
                    map.areas.push_back({service_area_shape(i), area_colour, 0.22});
                    sites.insert(sa.site_id);
                }
        for (const auto& id : sites)
            if (auto xy = facility_xy(id)) map.marks.push_back({xy->first, xy->second, 5, {"", hex_colour("#08306B"), LegendEntry::Mark::circle}});
        map.legend.push_back({t_.format("map.areas.area", {{"catchment", metres(number(*worst, "catchment_m"))}}), area_colour, LegendEntry::Mark::area});
        map.legend.push_back({t_["map.areas.site"], hex_colour("#08306B"), LegendEntry::Mark::circle});
        if (d_.roads.empty()) map.legend.push_back({t_["map.no_roads"], {0.6, 0.6, 0.6}, LegendEntry::Mark::line});
        const double areas_h = map_height(map, kTextWidthPt);
        figure(t_.format("f.areas", {{"service", service_label(*worst)}, {"coverage", percent(number((*worst)["before"], "coverage"))}}), areas_h,
               [map](cairo_t* cr, double w, double h) { draw_map(cr, w, h, map); });
    }
}

} // namespace shisetsu::report::sections
