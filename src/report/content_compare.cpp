// Alternatives side by side (outputs.md "What planners compare and
// present"): every consolidation plan compared (its 40-year cost, floor
// area, sites by action, coverage and median distance per service, projects
// and their PPP/PFI screening) and the renewal strategies' totals.
#include "report/content_builder.hpp"

#include "report/render.hpp"

#include <cmath>

namespace shisetsu::report::sections {

using nlohmann::json;

namespace {

// A site of a plan that is built or converted at a cost: a project the
// PPP/PFI screening looks at (ppp.md "Projects").
bool is_project(const json& site) {
    const std::string action = string_of(site, "action");
    return (action == "new" || action == "new_complex" || action == "convert") && number(site, "construction_cost_yen") > 0;
}

long count_projects(const json& plan) {
    long n = 0;
    for (const auto& s : plan.value("sites", json::array())) n += is_project(s);
    return n;
}

long count_action(const json& plan, std::initializer_list<const char*> actions) {
    long n = 0;
    for (const auto& s : plan.value("sites", json::array()))
        for (const char* a : actions) n += string_of(s, "action") == a;
    return n;
}

} // namespace

std::string Builder::plan_label(const PlanDoc& plan) const {
    return plan.name.empty() ? t_.format("cmp.unnamed", {{"run", std::to_string(plan.run_id)}}) : plan.name;
}

// The PPP/PFI screening of one project of a plan, in a few words.
std::string Builder::screening_text(const PlanDoc& plan, const std::string& site_id) const {
    if (!plan.ppp) return t_["cmp.screen.not_run"];
    for (const auto& pr : plan.ppp->json.value("projects", json::array())) {
        if (string_of(pr, "id") != site_id) continue;
        if (!pr.value("screened", true)) return t_["cmp.screen.below"];
        const std::string vfm = has_number(pr, "vfm_percent") ? grouped(number(pr, "vfm_percent"), 1) + " %" : "—";
        return t_.format(pr.value("priority", false) ? "cmp.screen.priority" : "cmp.screen.screened", {{"vfm", vfm}});
    }
    return "—";
}

void Builder::compare_plans() {
    section("cmp.title", "compare");
    paragraph(t_["cmp.intro"]);
    // A missing consolidation is listed once, by the placement plan.
    if (d_.plans.empty()) note(t_["cmp.not_run"]);
    else plans_side_by_side();
    strategies_side_by_side();
}

void Builder::plans_side_by_side() {
    // Like for like: the plans are priced over their own scenario; say so
    // when they differ (optimization.md B, "Costs like for like").
    std::set<std::string> scenarios;
    for (const auto& p : d_.plans) {
        const json sc = p.json.value("scenario", json::object());
        scenarios.insert(t_.format("cmp.scenario", {{"strategy", d_.strategy_name(string_of(sc, "strategy"))},
                                                    {"from", year_text(static_cast<int>(number(sc, "start_year")))},
                                                    {"horizon", grouped(number(sc, "horizon"))}}));
    }
    std::string scenario_list;
    for (const auto& s : scenarios) scenario_list += (scenario_list.empty() ? "" : t_["list.separator"]) + s;
    paragraph(t_.format(scenarios.size() == 1 ? "cmp.plans.same" : "cmp.plans.differ",
                        {{"count", grouped(d_.plans.size())}, {"scenario", scenario_list}}));

    Table plans{t_["cmp.t.plans.title"], t_["cmp.t.plans.sheet"],
                {t_["cmp.col.plan"], t_["cmp.col.run"], money_header("col.cost_before_short"), money_header("col.cost_after_short"),
                 area_header("col.floor_before_short"), area_header("col.floor_after_short"), t_["action.keep"],
                 t_["action.convert"], t_["action.close"], t_["cmp.col.new"], t_["cmp.col.projects"], t_["cmp.col.screened"]},
                {1.8, 0.6, 1.1, 1.1, 1.0, 1.0, 0.6, 0.6, 0.6, 0.7, 0.6, 1.4}, {}, false};
    plans.dense = true;
    HBarChart cost, floor;
    Series cost_before{t_["series.before"], hex_colour("#9E9E9E"), {}}, cost_after{t_["series.after"], hex_colour("#0072B2"), {}};
    Series floor_before = cost_before, floor_after = cost_after;
    for (const auto& p : d_.plans) {
        const json totals = p.json.value("totals", json::object());
        const long projects = count_projects(p.json);
        std::string screened = t_["cmp.screen.not_run"];
        if (p.ppp) {
            long n = 0, priority = 0;
            for (const auto& pr : p.ppp->json.value("projects", json::array())) {
                n += pr.value("screened", true);
                priority += pr.value("screened", true) && pr.value("priority", false);
            }
            screened = t_.format("cmp.screened", {{"screened", grouped(n)}, {"priority", grouped(priority)},
                                                  {"run", std::to_string(p.ppp->run_id)}});
        }
        plans.rows.push_back({text_cell(plan_label(p)), number_cell(static_cast<double>(p.run_id)),
                              money_cell(number(totals, "cost_before_yen")), money_cell(number(totals, "cost_after_yen")),
                              area_cell(number(totals, "floor_area_before_m2")), area_cell(number(totals, "floor_area_after_m2")),
                              number_cell(count_action(p.json, {"keep"})), number_cell(count_action(p.json, {"convert"})),
                              number_cell(count_action(p.json, {"close"})), number_cell(count_action(p.json, {"new", "new_complex"})),
                              number_cell(projects), text_cell(screened)});
        cost.groups.push_back(plan_label(p));
        floor.groups.push_back(plan_label(p));
        cost_before.values.push_back(number(totals, "cost_before_yen"));
        cost_after.values.push_back(number(totals, "cost_after_yen"));
        floor_before.values.push_back(number(totals, "floor_area_before_m2"));
        floor_after.values.push_back(number(totals, "floor_area_after_m2"));
    }
    cost.series = {cost_before, cost_after};
    cost.value_text = [u = units_](double v) { return u.money(v); };
    cost.tick_text = [u = units_](double v) { return u.money(v, 0); };
    floor.series = {floor_before, floor_after};
    floor.value_text = [u = units_](double v) { return u.area(v); };
    floor.tick_text = [u = units_](double v) { return u.area(v); };
    figure(t_["cmp.f.cost"], hbar_chart_height(cost), [cost](cairo_t* cr, double w, double h) { draw_hbar_chart(cr, w, h, cost); });
    figure(t_["cmp.f.floor"], hbar_chart_height(floor), [floor](cairo_t* cr, double w, double h) { draw_hbar_chart(cr, w, h, floor); });
    table(std::move(plans));
    note(t_["cmp.plans.note"]);

    // Coverage and median distance per service, plan by plan.
    Table levels{t_["cmp.t.services.title"], t_["cmp.t.services.sheet"],
                 {t_["col.service"], t_["cmp.col.plan"], t_["col.coverage_before"], t_["col.coverage_after"], t_["cmp.col.target"],
                  t_["cmp.col.median_before"], t_["cmp.col.median_after"], t_["cmp.col.providers_after"]},
                 {1.8, 1.6, 1.0, 1.0, 0.9, 1.0, 1.0, 0.8}, {}, false};
    std::vector<std::string> keys;  // services in the order the plans first name them
    for (const auto& p : d_.plans)
        for (const auto& s : p.json.value("services", json::array()))
            if (std::find(keys.begin(), keys.end(), string_of(s, "key")) == keys.end()) keys.push_back(string_of(s, "key"));
    for (const auto& key : keys)
        for (const auto& p : d_.plans)
            for (const auto& s : p.json.value("services", json::array())) {
                if (string_of(s, "key") != key) continue;
                const json b = s.value("before", json::object()), a = s.value("after", json::object());
                levels.rows.push_back({text_cell(service_label(s)), text_cell(plan_label(p)), percent_cell(number(b, "coverage")),
                                       percent_cell(number(a, "coverage")),
                                       has_number(s, "coverage_target") ? percent_cell(number(s, "coverage_target")) : text_cell("—"),
                                       optional_number_cell(b, "median_m"), optional_number_cell(a, "median_m"),
                                       optional_number_cell(a, "providers")});
            }
    table(std::move(levels));

    // The projects of every plan and what the PPP/PFI screening said of them.
    Table projects{t_["cmp.t.projects.title"], t_["cmp.t.projects.sheet"],
                   {t_["cmp.col.plan"], t_["col.facility"], t_["col.action"], money_header("cmp.col.construction"),
                    t_["cmp.col.screening"]},
                   {1.6, 2.4, 0.9, 1.1, 1.6}, {}, false};
    for (const auto& p : d_.plans)
        for (const auto& s : p.json.value("sites", json::array())) {
            if (!is_project(s)) continue;
            projects.rows.push_back({text_cell(plan_label(p)), text_cell(string_of(s, "name")), text_cell(action_label(string_of(s, "action"))),
                                     money_cell(number(s, "construction_cost_yen")), text_cell(screening_text(p, string_of(s, "id")))});
        }
    if (!projects.rows.empty()) table(std::move(projects));
}

// The strategies over the same years (lifecycle.md "Output"): from the latest
// lifecycle run's comparison, which prices them all alike.
void Builder::strategies_side_by_side() {
    const json cmp = d_.lifecycle_result ? d_.lifecycle_result->json.value("comparison", json::object()) : json::object();
    if (!cmp.is_object() || cmp.value("strategies", json::array()).empty()) {
        note(t_["cmp.strategies.not_run"]);
        return;
    }
    subsection(t_.format("cmp.strategies.title", {{"horizon", grouped(number(cmp, "horizon"))},
                                                   {"from", year_text(static_cast<int>(number(cmp, "start_year")))}}));
    Table t{t_["cmp.t.strategies.title"], t_["cmp.t.strategies.sheet"],
            {t_["col.strategy"], money_header("col.total"), money_header("col.net"), money_header("col.average"), money_header("col.eac")},
            {2.4, 1.2, 1.4, 1.1, 1.2}, {}, false};
    // 単純更新, 従来型, 長寿命化型 in that order, then any other.
    std::vector<json> strategies(cmp["strategies"].begin(), cmp["strategies"].end());
    static const std::vector<std::string> order = {"standard", "conventional", "life_extension"};
    auto rank = [](const json& st) { return std::find(order.begin(), order.end(), string_of(st, "strategy")) - order.begin(); };
    std::stable_sort(strategies.begin(), strategies.end(), [&](const json& a, const json& b) { return rank(a) < rank(b); });
    for (const auto& st : strategies)
        t.rows.push_back({text_cell(d_.strategy_name(string_of(st, "strategy"))), money_cell(number(st, "total_yen")),
                          has_number(st, "net_yen") ? money_cell(number(st, "net_yen")) : text_cell("—"),
                          money_cell(number(st, "annual_average_yen")),
                          has_number(st, "equivalent_annual_cost_yen") ? money_cell(number(st, "equivalent_annual_cost_yen")) : text_cell("—")});
    table(std::move(t));
}

} // namespace shisetsu::report::sections
