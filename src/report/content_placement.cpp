// Section 4 of outputs.md, the placement plan: the consolidation result, its
// maps and tables.
#include "report/content_builder.hpp"

#include "report/maps.hpp"
#include "report/render.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace shisetsu::report::sections {

using nlohmann::json;

// 4. Placement plan.
void Builder::placement() {
    section("s4.title", "placement");
    if (options_.kind == DocumentKind::placement_plan) paragraph(t_["plan.intro"]);
    web_map();
    if (d_.consolidate) consolidation();
    else not_run("consolidate", "s4.consolidate_not_run");
    if (d_.access) access();
    else not_run("access", "s4.access_not_run");
}

void Builder::consolidation() {
    const json& c = d_.consolidate->json;
    std::vector<PlanSite> sites;
    for (const auto& s : c.value("sites", json::array())) {
        PlanSite p{string_of(s, "id"), string_of(s, "name"), string_of(s, "action"), keys_of(s, "services_before"),
                   keys_of(s, "services_after"), keys_of(s, "other_services"), number(s, "floor_area_before_m2"),
                   number(s, "floor_area_after_m2"), number(s, "cost_before_yen"), number(s, "cost_after_yen"),
                   number(s, "construction_cost_yen"), 0};
        sites.push_back(std::move(p));
    }
    // Sorted by action, then id; the changed sites that stay in use are numbered.
    std::stable_sort(sites.begin(), sites.end(), [](const PlanSite& a, const PlanSite& b) {
        return std::pair(action_rank(a.action), a.id) < std::pair(action_rank(b.action), b.id);
    });
    int numbered = 0;
    for (auto& s : sites)
        if (s.action != "keep" && s.action != "close") s.number = ++numbered;
    std::vector<std::string> service_keys;
    std::map<std::string, const json*> service_json;
    const json& services = c.contains("services") && c["services"].is_array() ? c["services"] : empty_array();
    for (const auto& s : services) {  // kept by reference: service_json points into it
        service_keys.push_back(string_of(s, "key"));
        service_json[service_keys.back()] = &s;
    }

    // What the plan does, in money and floor area, for the services in the model.
    const json totals = c.value("totals", json::object());
    double area_before = 0, area_after = 0, cost_before = 0, cost_after = 0;
    long sites_before = 0, sites_after = 0;
    for (const auto& s : sites) {
        area_before += s.area_before_m2;
        area_after += s.area_after_m2;
        cost_before += s.cost_before_yen;
        cost_after += s.cost_after_yen;
        sites_before += !s.before.empty();
        sites_after += !s.after.empty();
    }
    area_before = number(totals, "floor_area_before_m2", area_before);
    area_after = number(totals, "floor_area_after_m2", area_after);
    cost_before = number(totals, "cost_before_yen", cost_before);
    cost_after = number(totals, "cost_after_yen", cost_after);
    sites_before = static_cast<long>(number(totals, "sites_before", static_cast<double>(sites_before)));
    sites_after = static_cast<long>(number(totals, "sites_after", static_cast<double>(sites_after)));
    const json scenario = c.value("scenario", json::object());
    const json parameters = c.value("parameters", json::object());
    const std::string horizon = grouped(number(scenario, "horizon", 40));
    paragraph(t_.format("s4.consolidate", {{"count", grouped(service_keys.size())},
                                           {"services", services_text(service_keys)},
                                           {"horizon", horizon},
                                           {"sites_before", grouped(sites_before)},
                                           {"sites_after", grouped(sites_after)},
                                           {"area_before", area(area_before)},
                                           {"area_after", area(area_after)},
                                           {"cost_before", money(cost_before)},
                                           {"cost_after", money(cost_after)}}));
    const double lambda = number(parameters, "lambda");
    const std::string basis = string_of(c, "cost_basis") == "present_value"
                                  ? t_.format("basis.present_value", {{"rate", percent(number(parameters, "discount_rate"), 1)}})
                                  : t_["basis.nominal"];
    solver_table("model.consolidate", c,
                 lambda > 0 ? t_.format("objective.consolidate.travel", {{"lambda", grouped(lambda, 2)}, {"basis", basis}})
                            : t_.format("objective.consolidate.cost", {{"horizon", horizon},
                                                                      {"basis", basis},
                                                                      {"sigma", grouped(number(parameters, "sigma", 0.1), 2)},
                                                                      {"money", money(number(c, "objective_yen"))}}));

    plan_maps(sites);
    service_maps(sites, service_keys, service_json);
    plan_tables(sites, service_keys, sites_before, sites_after, area_before, area_after, cost_before, cost_after);
}

// Before and after, every site of the model by its action.
void Builder::plan_maps(const std::vector<PlanSite>& sites) {
    static const std::vector<std::string> actions = {"keep", "close", "convert", "new_complex", "new"};
    MapSpec before = base_map(), after = base_map();
    before.legend_title = t_["map.before.legend"];
    after.legend_title = t_["map.after.legend"];
    std::map<std::string, long> count;
    std::vector<MapMark> changes;
    for (const auto& s : sites) {
        ++count[s.action];
        auto xy = facility_xy(s.id);
        if (!xy) continue;
        if (!s.before.empty())
            before.marks.push_back({xy->first, xy->second, 4.5, {"", hex_colour("#3B5B7A"), LegendEntry::Mark::circle}});
        ActionStyle st = action_style(s.action);
        MapMark mark{xy->first, xy->second, st.size, {"", st.colour, st.mark}};
        if (s.action == "keep") after.marks.push_back(mark);
        else changes.push_back(mark);  // drawn on top of the kept sites
        if (s.number > 0) after.labels.push_back({xy->first, xy->second, st.size, std::to_string(s.number)});
    }
    after.marks.insert(after.marks.end(), changes.begin(), changes.end());
    before.legend.push_back({t_["action.existing"], hex_colour("#3B5B7A"), LegendEntry::Mark::circle});
    for (const auto& a : actions) {
        ActionStyle st = action_style(a);
        after.legend.push_back({action_label(a) + " (" + grouped(count[a]) + ")", st.colour, st.mark});
    }
    if (!after.labels.empty()) after.note = t_["map.number_note"] + "\n" + after.note;
    figure(t_["f.plan_before"], map_height(before, kTextWidthPt), [before](cairo_t* cr, double w, double h) { draw_map(cr, w, h, before); });
    figure(t_["f.plan_after"], map_height(after, kTextWidthPt), [after](cairo_t* cr, double w, double h) { draw_map(cr, w, h, after); });
}

// One map a service (small multiples): the sites hosting it after the
// plan, those that stop, and the service areas the access step stored.
void Builder::service_maps(const std::vector<PlanSite>& sites, const std::vector<std::string>& keys,
                  const std::map<std::string, const json*>& service_json) {
    if (keys.empty()) return;
    const Rgb area_colour = hex_colour("#0072B2"), host = hex_colour("#08306B"), added = hex_colour("#E69F00"),
              dropped = hex_colour("#8C8C8C");
    MapGrid grid;
    grid.columns = keys.size() == 1 ? 1 : 2;
    bool any_area = false;
    for (const auto& key : keys) {
        MapSpec panel = base_map();
        const json& sj = *service_json.at(key);
        const json b = sj.value("before", json::object()), af = sj.value("after", json::object());
        panel.title = capitalised(t_.format("map.service.title", {{"service", d_.service_name(key)},
                                                      {"before", has_number(b, "coverage") ? percent(number(b, "coverage")) : "—"},
                                                      {"after", has_number(af, "coverage") ? percent(number(af, "coverage")) : "—"}}));
        std::set<std::string> hosts;
        std::vector<MapMark> kept, stopped, started;
        for (const auto& s : sites) {
            const bool was = std::find(s.before.begin(), s.before.end(), key) != s.before.end();
            const bool is = std::find(s.after.begin(), s.after.end(), key) != s.after.end();
            if (!was && !is) continue;
            auto xy = facility_xy(s.id);
            if (!xy) continue;
            if (is) hosts.insert(s.id);
            if (was && is) kept.push_back({xy->first, xy->second, 4.5, {"", host, LegendEntry::Mark::circle}});
            else if (was) stopped.push_back({xy->first, xy->second, 3.5, {"", dropped, LegendEntry::Mark::cross}});
            else {
                started.push_back({xy->first, xy->second, 6, {"", added, LegendEntry::Mark::square}});
                if (s.number > 0) panel.labels.push_back({xy->first, xy->second, 6, std::to_string(s.number)});
            }
        }
        if (projector_)
            for (std::size_t i = 0; i < d_.service_areas.size(); ++i)
                if (const auto& sa = d_.service_areas[i]; sa.service_key == key && hosts.contains(sa.site_id))
                    panel.areas.push_back({service_area_shape(i), area_colour, 0.18});
        any_area = any_area || !panel.areas.empty();
        for (auto* group : {&stopped, &kept, &started}) panel.marks.insert(panel.marks.end(), group->begin(), group->end());
        grid.panels.push_back(std::move(panel));
    }
    grid.legend = {{t_["map.service.kept"], host, LegendEntry::Mark::circle},
                   {t_["map.service.added"], added, LegendEntry::Mark::square},
                   {t_["map.service.stopped"], dropped, LegendEntry::Mark::cross}};
    if (any_area) grid.legend.push_back({t_["map.service.area"], area_colour, LegendEntry::Mark::area});
    if (d_.roads.empty()) grid.legend.push_back({t_["map.no_roads"], {0.6, 0.6, 0.6}, LegendEntry::Mark::line});
    const bool after_plan = d_.access && static_cast<long long>(number(d_.access->json, "plan_run_id", -1)) == d_.consolidate->run_id;
    grid.note = !d_.access   ? t_["map.service.no_access"]
                : !any_area  ? t_["map.service.no_areas"]
                : after_plan ? t_.format("map.service.areas_after", {{"run", std::to_string(d_.access->run_id)}})
                             : t_.format("map.service.areas_before", {{"run", std::to_string(d_.access->run_id)}});
    if (!base_map().note.empty()) grid.note += " " + base_map().note;
    const double grid_h = map_grid_height(grid, kTextWidthPt);
    figure(t_.format("f.service_maps", {{"count", grouped(keys.size())}}), grid_h,
           [grid = std::move(grid)](cairo_t* cr, double w, double h) { draw_map_grid(cr, w, h, grid); });
}

void Builder::plan_tables(const std::vector<PlanSite>& sites, const std::vector<std::string>& service_keys, long sites_before,
                 long sites_after, double area_before, double area_after, double cost_before, double cost_after) {
    // Counts, floor area and cost by action.
    Table by_action{t_["t.actions.title"], t_["t.actions.sheet"],
                    {t_["col.action"], t_["col.sites"], area_header("col.floor_before_short"), area_header("col.floor_after_short"),
                     money_header("col.cost_before_short"), money_header("col.cost_after_short")},
                    {1.4, 0.8, 1.4, 1.4, 1.4, 1.4}, {}, true};
    static const std::vector<std::string> actions = {"keep", "close", "convert", "new_complex", "new"};
    for (const auto& a : actions) {
        long n = 0;
        double ab = 0, aa = 0, cb = 0, ca = 0;
        for (const auto& s : sites)
            if (s.action == a) { ++n; ab += s.area_before_m2; aa += s.area_after_m2; cb += s.cost_before_yen; ca += s.cost_after_yen; }
        by_action.rows.push_back({text_cell(action_label(a)), number_cell(n), area_cell(ab), area_cell(aa), money_cell(cb), money_cell(ca)});
    }
    double ab = 0, aa = 0, cb = 0, ca = 0;
    for (const auto& s : sites) { ab += s.area_before_m2; aa += s.area_after_m2; cb += s.cost_before_yen; ca += s.cost_after_yen; }
    by_action.rows.push_back({text_cell(t_["row.total"]), number_cell(sites.size()), area_cell(ab), area_cell(aa), money_cell(cb), money_cell(ca)});
    table(std::move(by_action));

    Table totals{t_["t.plan_totals.title"], t_["t.plan_totals.sheet"],
                 {t_["col.indicator"], t_["col.before"], t_["col.after"], t_["col.change"]}, {3, 1.3, 1.3, 1.3}, {}, false};
    totals.rows.push_back({text_cell(t_["row.sites_open"]), number_cell(sites_before), number_cell(sites_after),
                           number_cell(sites_after - sites_before)});
    totals.rows.push_back({text_cell(area_header("col.floor_area")), area_cell(area_before), area_cell(area_after), area_cell(area_after - area_before)});
    totals.rows.push_back({text_cell(money_header("col.cost")), money_cell(cost_before), money_cell(cost_after), money_cell(cost_after - cost_before)});
    table(std::move(totals));
    double all_area = 0;
    for (const auto& b : d_.buildings) all_area += b.floor_area_m2;
    note(t_.format("s4.scope", {{"count", grouped(service_keys.size())},
                                {"services", services_text(service_keys)},
                                {"facilities", grouped(d_.facilities.size())},
                                {"self", d_.words.self},
                                {"area", area(all_area)}}));

    // Closures, grouped by what the sites offered: one row a group.
    std::map<std::string, std::vector<const PlanSite*>> closed;
    std::vector<std::string> group_order;
    for (const auto& s : sites)
        if (s.action == "close") {
            const std::string group = services_text(s.before);
            if (!closed.contains(group)) group_order.push_back(group);
            closed[group].push_back(&s);
        }
    if (!closed.empty()) {
        Table t{t_["t.closures.title"], t_["t.closures.sheet"],
                {t_["col.services_before"], t_["col.sites"], t_["col.floor_before_m2"], t_["col.closed_sites"]},
                {1.3, 0.6, 0.9, 6.2}, {}, false};
        for (const auto& group : group_order) {
            std::string names;
            double a = 0;
            for (const auto* s : closed[group]) {
                names += (names.empty() ? "" : t_["list.separator"]) + (s->name.empty() ? s->id : s->name);
                a += s->area_before_m2;
            }
            t.rows.push_back({text_cell(group), number_cell(closed[group].size()), number_cell(a), text_cell(names)});
        }
        table(std::move(t));
    }

    // The sites that stay in use with other services, or are new: one row each.
    Table changes{t_["t.changes.title"], t_["t.changes.sheet"],
                  {t_["col.no"], t_["col.id"], t_["col.site"], t_["col.action"], t_["col.services_before"], t_["col.services_after"],
                   t_["col.other_uses"], t_["col.floor_change"], money_header("col.construction_short")},
                  {16, 28, 126, 27, 48, 90, 48, 58, 34}, {}, false};  // pt at 7 pt type: one line a site mostly
    changes.dense = true;
    for (const auto& s : sites) {
        if (s.number == 0) continue;
        changes.rows.push_back({number_cell(s.number), text_cell(s.id), text_cell(s.name.empty() ? s.id : s.name), text_cell(action_label(s.action)),
                                text_cell(services_text(s.before)), text_cell(services_text(s.after)),
                                text_cell(s.other.empty() ? "—" : services_text(s.other)),
                                text_cell(grouped(s.area_before_m2) + " → " + grouped(s.area_after_m2)),
                                money_cell(s.construction_yen)});
    }
    if (changes.rows.empty() && closed.empty()) note(t_["s4.no_changes"]);
    else if (!changes.rows.empty()) table(std::move(changes));

    // Every site, in the workbook.
    Table all{t_["t.sites.title"], t_["t.sites.sheet"],
              {t_["col.id"], t_["col.site"], t_["col.action"], t_["col.services_before"], t_["col.services_after"], t_["col.other_uses"],
               t_["col.floor_before_m2"], t_["col.floor_after_m2"], money_header("col.cost_before_short"),
               money_header("col.cost_after_short"), money_header("col.construction_short")},
              {}, {}, false};
    all.workbook_only = true;
    for (const auto& s : sites)
        all.rows.push_back({text_cell(s.id), text_cell(s.name), text_cell(action_label(s.action)), text_cell(services_text(s.before)),
                            text_cell(services_text(s.after)), text_cell(s.other.empty() ? "—" : services_text(s.other)),
                            number_cell(s.area_before_m2), number_cell(s.area_after_m2), money_cell(s.cost_before_yen),
                            money_cell(s.cost_after_yen), money_cell(s.construction_yen)});
    table(std::move(all));
    note(t_.format("s4.full_list", {{"count", grouped(sites.size())}, {"workbook", options_.workbook_file}, {"sheet", t_["t.sites.sheet"]}}));
}

} // namespace shisetsu::report::sections
