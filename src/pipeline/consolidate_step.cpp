// The consolidation step: build model B's instance from the project
// (facilities and their buildings' lifecycle costs, candidate sites, demand,
// distances), solve it, describe the plan per site and per service, record
// the run. The result's names are read by the access and PPP steps.
#include "pipeline/pipeline.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/paths.hpp"
#include "core/population.hpp"
#include "lifecycle/projection.hpp"
#include "lifecycle/scenario.hpp"
#include "network/access.hpp"
#include "optimize/consolidation.hpp"
#include "pipeline/checks.hpp"
#include "pipeline/format.hpp"
#include "storage/transaction.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace shisetsu::pipeline {

using json = nlohmann::json;

namespace {


template <typename T>
std::optional<T> opt(const json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<T>();
}

// What a site does under the plan (the names the PPP step reads).
std::string action_of(bool existing, bool open, const std::vector<std::string>& before, const std::vector<std::string>& after) {
    if (!existing) return after.size() >= 2 ? "new_complex" : "new";
    if (!open) return "close";
    if (after == before) return "keep";
    bool added = std::any_of(after.begin(), after.end(), [&](const std::string& s) { return std::find(before.begin(), before.end(), s) == before.end(); });
    return added && after.size() >= 2 ? "new_complex" : "convert";
}

// The plan's pins ([[site, service], …]): z_js = 1. The schema has checked
// that the ids exist in the project; a site outside the model (no building
// in use, no service of the plan) or one that may not host the service is
// named here, every one in one run.
void pin_services(const json& cfg, const std::string& file, optimize::ConsolidationInstance& in) {
    if (!cfg.contains("pin")) return;
    std::vector<InputProblem> problems;
    for (std::size_t k = 0; k < cfg["pin"].size(); ++k) {
        const std::string site_id = cfg["pin"][k][0].get<std::string>(), key = cfg["pin"][k][1].get<std::string>();
        const std::string at = "/pin/" + std::to_string(k);
        auto site = std::find_if(in.sites.begin(), in.sites.end(), [&](const optimize::ConsolidationSite& x) { return x.id == site_id; });
        auto svc = std::find_if(in.services.begin(), in.services.end(), [&](const optimize::ConsolidationService& x) { return x.key == key; });
        if (svc == in.services.end()) {
            problems.push_back({file, 0, at + "/1", key + tr(": 計画の機能ではありません", ": not a service of the plan")});
            continue;
        }
        if (site == in.sites.end()) {
            problems.push_back({file, 0, at + "/0", site_id + tr(": 計画の対象外の施設です (使用中の建物がないか、計画の機能を提供していません)",
                                                              ": not a site of the plan (no building in use, or no service of the plan)")});
            continue;
        }
        const int s = static_cast<int>(svc - in.services.begin());
        auto host = std::find_if(site->hosts.begin(), site->hosts.end(), [&](const optimize::HostOption& h) { return h.service == s; });
        if (host == site->hosts.end()) {
            problems.push_back({file, 0, at, site_id + tr(" はこの機能を受け入れられません: ", " may not host ") + key +
                                                 tr(" (min_floor_area_for_new_services_m2)", " (min_floor_area_for_new_services_m2)")});
            continue;
        }
        host->pinned = true;
    }
    if (!problems.empty()) throw InputError(std::move(problems));
}

} // namespace

ConsolidateOutcome run_consolidate(Store& store, const ConsolidateRequest& req) {
    const std::string& file = req.config_path;
    json cfg = read_json_file(file);
    // Services and their parameters: the project's (access step) overridden by the plan.
    auto known = network::service_parameters(store);
    {
        // Every problem of the plan at once, ids included (data/schema/plan.json),
        // before anything is computed; service names become keys.
        std::vector<InputProblem> problems;
        check_plan(cfg, file, project_context(store), problems);
        if (!problems.empty()) throw InputError(std::move(problems));
    }

    optimize::ConsolidationInstance in;
    std::vector<char> target_current;  // coverage_target "current": today's coverage of the service
    std::vector<double> standard_area;
    std::vector<std::string> service_names, demand_cohorts;
    for (const auto& entry : cfg["services"]) {
        std::string key = entry.is_string() ? entry.get<std::string>() : entry.value("key", std::string());
        auto it = std::find_if(known.begin(), known.end(), [&](const Service& s) { return s.key == key; });
        if (it == known.end()) throw InputError(file + ": " + tr("不明な機能: ", "unknown service: ") + key);
        optimize::ConsolidationService svc;
        svc.key = key;
        svc.catchment_m = it->catchment_m.value_or(1000.0);
        svc.coverage_target = it->coverage_target.value_or(0.0);
        svc.capacity = it->capacity;
        double area = it->standard_floor_area_m2.value_or(0.0);
        bool current = false;
        if (entry.is_object()) {
            if (auto v = opt<double>(entry, "catchment_m")) svc.catchment_m = *v;
            if (entry.contains("coverage_target") && entry["coverage_target"].is_string()) current = true;  // "current" (checked by the schema)
            else if (auto v = opt<double>(entry, "coverage_target")) svc.coverage_target = *v;
            if (auto v = opt<double>(entry, "capacity")) svc.capacity = v;
            if (auto v = opt<double>(entry, "standard_floor_area_m2")) area = *v;
        }
        if (!(area > 0)) throw InputError(file + ": " + key + tr(": 標準延床面積が必要です", ": a standard floor area is required"));
        in.services.push_back(svc);
        target_current.push_back(current);
        standard_area.push_back(area);
        service_names.push_back(network::service_label(*it));
        demand_cohorts.push_back(it->demand_cohort);
    }
    const std::size_t S = in.services.size();
    auto service_index = [&](const std::string& key) -> int {
        for (std::size_t s = 0; s < S; ++s) if (in.services[s].key == key) return static_cast<int>(s);
        return -1;
    };
    in.sigma = cfg.value("sigma", 0.10);
    in.lambda = cfg.value("lambda", 0.0);
    in.floor_area_target = opt<double>(cfg, "floor_area_target");
    double largest_catchment = 0.0;
    for (const auto& s : in.services) largest_catchment = std::max(largest_catchment, s.catchment_m);
    in.assignment_cutoff_m = opt<double>(cfg, "assignment_cutoff_m").value_or(3.0 * largest_catchment);
    for (const auto& pair : cfg.value("incompatible", json::array())) {
        int a = service_index(pair.at(0).get<std::string>()), b = service_index(pair.at(1).get<std::string>());
        if (a >= 0 && b >= 0) in.incompatible.emplace_back(a, b);
    }
    in.close_empty_sites = cfg.value("close_empty_sites", false);
    const double land_value_per_m2 = cfg.value("land_value_yen_per_m2", 0.0);
    const double closing_fixed_yen = cfg.value("closing_fixed_cost_yen", 0.0);  // e_j = fixed − V_j
    const std::optional<double> floor_ratio = opt<double>(cfg, "default_floor_area_ratio");
    // Which existing facilities may take services they do not host today
    // (become complexes): those with at least this floor area (0 = all).
    const double min_area_for_new = cfg.value("min_floor_area_for_new_services_m2", 0.0);
    std::set<std::string> keep_ids;
    for (const auto& k : cfg.value("keep", json::array())) keep_ids.insert(k.get<std::string>());

    // Lifecycle cost of each facility's buildings over the horizon (k_j).
    lifecycle::Scenario scenario = lifecycle::load_scenario(cfg.value("strategy", std::string("standard")), opt<int>(cfg, "start_year"),
                                                            opt<int>(cfg, "horizon"));
    const int H = scenario.horizon_years;
    // Nominal yen, or present value at Y0 when a discount rate is set
    // (optimization.md "B"): renewal cash and O&M discounted year by year;
    // new construction, demolition and land value fall in Y0.
    // (At rate 0 both helpers give the nominal figures.)
    const std::optional<double> discount_rate = opt<double>(cfg, "discount_rate");
    const double rate = discount_rate.value_or(0.0);
    const double om_years = lifecycle::annuity_factor(H, rate);
    const double at_end = std::pow(1.0 + rate, -H);  // a value at Y0 + H, at Y0
    std::vector<Building> buildings = store.buildings();
    lifecycle::Projection projection = lifecycle::project(buildings, {}, scenario);
    std::map<std::string, double> renewal_yen, residual_yen, floor_m2;
    std::map<std::string, std::string> building_facility;
    for (const auto& b : buildings) building_facility[b.building_id] = b.facility_id;
    for (const auto& b : projection.buildings) {
        const std::string& f = building_facility[b.building_id];
        if (b.status != "in_use") continue;
        floor_m2[f] += b.floor_area_m2;
        residual_yen[f] += b.residual_value_yen;  // lifecycle/residual.hpp, at Y0 + H
        for (const auto& e : projection.events_of(b))
            renewal_yen[f] += lifecycle::discounted_in_horizon_yen(e, scenario.start_year, H, rate);
    }

    // New space (g_s per m², optimization.md "B"): built in Y0 at the
    // category's rebuild unit cost, then priced like kept space — the events
    // of the scenario's cycle that fall within the horizon (a building built
    // in Y0, projected by the same engine), O&M per m² of the facilities that
    // provide the service today, less its residual value at Y0 + H.
    std::vector<Facility> facilities = store.facilities();
    std::vector<double> new_unit_yen(S), new_om_per_m2(S), rebuild_per_m2(S), new_events_per_m2(S), new_residual_per_m2(S);
    std::vector<std::string> new_category(S);
    for (std::size_t s = 0; s < S; ++s) {
        std::map<std::string, int> categories;
        double om = 0.0, area = 0.0;
        for (const auto& f : facilities) {
            if (std::find(f.services.begin(), f.services.end(), in.services[s].key) == f.services.end()) continue;
            if (!f.category.empty()) ++categories[f.category];
            if (f.operating_cost_yen && floor_m2[f.facility_id] > 0) { om += *f.operating_cost_yen; area += floor_m2[f.facility_id]; }
        }
        std::string cat = "other";
        int most = 0;
        for (const auto& [c, n] : categories) if (n > most) { most = n; cat = c; }
        if (cfg.contains("new_space_category") && cfg["new_space_category"].contains(in.services[s].key))
            cat = cfg["new_space_category"][in.services[s].key].get<std::string>();
        const auto* cc = scenario.find_category(cat);
        if (!cc) throw InputError(file + ": " + tr("不明な分類: ", "unknown category: ") + cat);
        new_category[s] = cat;
        rebuild_per_m2[s] = cc->rebuild_yen_per_m2;
        new_om_per_m2[s] = area > 0 ? om / area : 0.0;
    }
    {
        // One square metre of each service's new space, built in Y0 to the
        // standard the scenario's strategy asks (the first eligible structure).
        std::vector<Building> fresh(S);
        for (std::size_t s = 0; s < S; ++s) {
            fresh[s].building_id = "new:" + in.services[s].key;
            fresh[s].floor_area_m2 = 1.0;
            fresh[s].year_built = scenario.start_year;
            fresh[s].structure = scenario.eligible_structures.empty() ? "RC" : scenario.eligible_structures.front();
            fresh[s].category = new_category[s];
        }
        lifecycle::Projection np = lifecycle::project(fresh, {}, scenario);
        for (std::size_t s = 0; s < S; ++s) {
            for (const auto& e : np.events_of(np.buildings[s])) new_events_per_m2[s] += lifecycle::discounted_in_horizon_yen(e, scenario.start_year, H, rate);
            new_residual_per_m2[s] = np.buildings[s].residual_value_yen;
            new_unit_yen[s] = rebuild_per_m2[s] + new_events_per_m2[s] + new_om_per_m2[s] * om_years - new_residual_per_m2[s] * at_end;
        }
    }

    // Sites: facilities providing a service of the model, then candidate sites.
    struct SiteInfo {
        std::string name;
        bool existing = false;
        double floor_area_m2 = 0.0;       // of the whole facility
        double om_per_m2 = 0.0;           // annual
        std::vector<std::string> other_services;
    };
    std::vector<SiteInfo> info;
    std::vector<Destination> destinations;
    double current_area = 0.0;
    for (const auto& f : facilities) {
        std::vector<int> hosted;
        std::vector<std::string> other;
        for (const auto& s : f.services) {
            int k = service_index(s);
            if (k >= 0) hosted.push_back(k);
            else other.push_back(s);
        }
        if (hosted.empty() || f.location.empty()) continue;
        double area = floor_m2[f.facility_id];
        if (area <= 0) continue;  // no building in use: nothing to keep or close
        optimize::ConsolidationSite site;
        site.id = f.facility_id;
        // A facility that also houses services outside the model stays in use.
        site.keep = keep_ids.count(f.facility_id) > 0 || !other.empty();
        double om = f.operating_cost_yen.value_or(0.0);
        // optimization.md "B": k_j = (renewal events + O&M − residual value at Y0 + H) ÷ floor area
        double k_per_m2 = (renewal_yen[f.facility_id] + om * om_years - residual_yen[f.facility_id] * at_end) / area;
        double share = area / static_cast<double>(f.services.size());    // a_js for s ∈ E_j
        for (std::size_t s = 0; s < S; ++s) {
            bool existing = std::find(hosted.begin(), hosted.end(), static_cast<int>(s)) != hosted.end();
            if (!existing && area < min_area_for_new) continue;
            double a = existing ? share : standard_area[s];
            optimize::HostOption h{static_cast<int>(s), a, existing ? a * k_per_m2 : a * new_unit_yen[s], existing};
            if (existing) h.vacate_cost_yen = scenario.demolition_yen_per_m2 * a;  // v_js: the vacated space demolished (Y0)
            site.hosts.push_back(h);
            if (existing) current_area += a;
        }
        double land = f.land_owned.value_or(false) && f.site_area_m2 ? *f.site_area_m2 * land_value_per_m2 : 0.0;
        site.closing_cost_yen = closing_fixed_yen - land;  // e_j = fixed − V_j (its space is demolished through v_js)
        if (floor_ratio && f.site_area_m2) {
            // The model services' room: the site's allowance less the other services' space, never below today's.
            double model_area = 0.0;
            for (const auto& h : site.hosts) if (h.existing) model_area += h.area_m2;
            site.max_floor_area_m2 = std::max(model_area, *f.site_area_m2 * *floor_ratio - share * static_cast<double>(other.size()));
        }
        in.sites.push_back(site);
        info.push_back({f.name, true, area, area > 0 ? om / area : 0.0, other});
        destinations.push_back({f.facility_id, f.location});
    }
    for (const auto& cs : store.sites()) {
        if (cs.geometry.empty()) continue;
        optimize::ConsolidationSite site;
        site.id = cs.site_id;
        site.keep = keep_ids.count(cs.site_id) > 0;
        for (std::size_t s = 0; s < S; ++s) site.hosts.push_back({static_cast<int>(s), standard_area[s], standard_area[s] * new_unit_yen[s], false});
        if (cs.area_m2 && cs.max_floor_area_ratio) site.max_floor_area_m2 = *cs.area_m2 * *cs.max_floor_area_ratio;
        in.sites.push_back(site);
        info.push_back({cs.name, false, 0.0, 0.0, {}});
        destinations.push_back({cs.site_id, cs.geometry});
    }
    if (in.sites.empty()) throw InputError(tr("計画の機能を提供する施設も候補地もありません", "no facility or candidate site for the plan's services"));
    in.current_floor_area_m2 = current_area;
    pin_services(cfg, file, in);

    // Demand and distances: one population layer (--year, else the latest not
    // after the start year), or each year of the plan's demand_years, where
    // coverage must hold in every one (a place in 2020 and in 2040 is two
    // demand points, "ID@YEAR").
    std::vector<Demand> all_demand = store.demand();
    std::vector<int> plan_years;
    if (req.year) {
        plan_years = {choose_population_year(all_demand, req.year, scenario.start_year)};
    } else if (cfg.contains("demand_years")) {
        for (std::size_t k = 0; k < cfg["demand_years"].size(); ++k) {
            const int y = cfg["demand_years"][k].get<int>();
            if (std::find(plan_years.begin(), plan_years.end(), y) != plan_years.end())
                throw InputError(std::vector<InputProblem>{{file, 0, "/demand_years/" + std::to_string(k),
                                                            tr("年が重複しています: ", "year listed twice: ") + std::to_string(y)}});
            try {
                choose_population_year(all_demand, y, scenario.start_year);
            } catch (const InputError& e) {
                throw InputError(std::vector<InputProblem>{{file, 0, "/demand_years/" + std::to_string(k), e.what()}});
            }
            plan_years.push_back(y);
        }
        std::sort(plan_years.begin(), plan_years.end());
    } else {
        plan_years = {choose_population_year(all_demand, std::nullopt, scenario.start_year)};
    }
    const bool by_year = plan_years.size() > 1;
    std::vector<Demand> plan_demand;                               // every row of the plan's years
    std::map<std::string, std::vector<int>> points_of;             // demand id → its points
    std::vector<std::vector<network::DemandWeights>> cohorts(plan_years.size());  // [year][service]
    for (std::size_t g = 0; g < plan_years.size(); ++g) {
        std::vector<Demand> layer;
        for (auto& d : population_layer(all_demand, plan_years[g]))
            if (d.weight > 0) layer.push_back(std::move(d));
        for (std::size_t s = 0; s < S; ++s) cohorts[g].push_back(network::demand_weights(layer, demand_cohorts[s]));
        for (std::size_t i = 0; i < layer.size(); ++i) {
            const int point = static_cast<int>(in.demand_ids.size());
            in.demand_ids.push_back(by_year ? layer[i].demand_id + "@" + std::to_string(plan_years[g]) : layer[i].demand_id);
            if (by_year) in.demand_years.push_back(plan_years[g]);
            std::vector<double> w(S);
            for (std::size_t s = 0; s < S; ++s) w[s] = cohorts[g][s].weights[i].second;
            in.weights.push_back(std::move(w));
            points_of[layer[i].demand_id].push_back(point);
        }
        plan_demand.insert(plan_demand.end(), std::make_move_iterator(layer.begin()), std::make_move_iterator(layer.end()));
    }
    if (in.demand_ids.empty()) throw InputError(tr("需要 (人口) がありません。先に population を取り込んでください", "no demand: import population first"));
    DistanceTable table = demand_distances(store, plan_demand, destinations, in.assignment_cutoff_m, 1.3);
    {
        std::map<std::string, int> site_at;
        for (std::size_t j = 0; j < in.sites.size(); ++j) site_at[in.sites[j].id] = static_cast<int>(j);
        for (const auto& p : table.pairs) {
            auto a = points_of.find(p.origin_id);
            auto b = site_at.find(p.destination_id);
            if (a != points_of.end() && b != site_at.end() && p.distance_m <= in.assignment_cutoff_m)
                for (int point : a->second) in.distances.push_back({point, b->second, p.distance_m});
        }
    }
    // coverage_target "current": today's coverage of the service, as the
    // model counts it (less 1e-12 so that today's plan stays feasible after rounding).
    {
        auto today = optimize::current_coverage(in);
        for (std::size_t s = 0; s < S; ++s)
            if (target_current[s]) in.services[s].coverage_target = std::max(0.0, today[s] - 1e-12);
    }
    optimize::ConsolidationOptions options;
    options.time_limit_s = req.time_limit_s.value_or(cfg.value("time_limit_s", 60.0));
    options.progress_label = tr("統廃合", "consolidation");
    optimize::order_as_written(in);
    json instance_json = optimize::to_json(in);
    json& parameters = instance_json["parameters"];
    parameters["discount_rate"] = discount_rate ? json(*discount_rate) : json(nullptr);
    parameters["cost_basis"] = discount_rate ? "present_value" : "nominal";
    // How the coefficients were priced (the instance alone defines the model; these say where its numbers come from).
    parameters["strategy"] = scenario.strategy;
    parameters["start_year"] = scenario.start_year;
    parameters["horizon"] = H;
    parameters["demolition_yen_per_m2"] = scenario.demolition_yen_per_m2;
    parameters["land_value_yen_per_m2"] = land_value_per_m2;
    parameters["closing_fixed_cost_yen"] = closing_fixed_yen;
    parameters["min_floor_area_for_new_services_m2"] = min_area_for_new;
    parameters["default_floor_area_ratio"] = floor_ratio ? json(*floor_ratio) : json(nullptr);
    {
        json current = json::array();
        for (std::size_t s = 0; s < S; ++s)
            if (target_current[s]) current.push_back(in.services[s].key);
        parameters["coverage_target_current"] = current;
    }
    if (!req.instance_path.empty()) write_json_file(req.instance_path, instance_json);  // written before solving: kept even when infeasible
    optimize::ConsolidationResult res = optimize::solve_consolidation(in, options);

    // The plan per site.
    json sites = json::array();
    double cost_before = 0.0, cost_after = 0.0, area_before = 0.0, area_after = 0.0, construction = 0.0, demolition = 0.0;
    int open_before = 0, open_after = 0;
    std::map<std::string, std::set<std::string>> providers_before, providers_after;
    for (std::size_t j = 0; j < in.sites.size(); ++j) {
        const auto& site = in.sites[j];
        const auto& inf = info[j];
        bool open = res.plan.open[j];
        std::vector<std::string> before, after;
        double fa_before = 0, fa_after = 0, c_before = 0, new_area_cost = 0, om_after = 0;
        // The site's part of the objective: its services after the plan, or its closing.
        double c_after = optimize::site_cost_yen(site, res.plan.hosts[j], open, in.sigma);
        double vacated = optimize::vacate_cost_yen(site, res.plan.hosts[j]);
        int hosted = 0;
        for (const auto& h : site.hosts) hosted += res.plan.hosts[j][static_cast<std::size_t>(h.service)] != 0;
        bool complex = hosted >= 2;
        for (const auto& h : site.hosts) {
            auto s = static_cast<std::size_t>(h.service);
            const std::string& key = in.services[s].key;
            if (h.existing) {
                before.push_back(key);
                fa_before += h.area_m2;
                c_before += h.cost_yen;
                providers_before[key].insert(site.id);
            }
            if (res.plan.hosts[j][s]) {
                after.push_back(key);
                fa_after += h.area_m2;
                providers_after[key].insert(site.id);
                if (!h.existing) new_area_cost += h.area_m2 * rebuild_per_m2[s];
                double om = h.existing ? h.area_m2 * inf.om_per_m2 : h.area_m2 * new_om_per_m2[s];
                om_after += om * (1 - (complex ? in.sigma : 0.0));
            }
        }
        if (!inf.existing && !open) continue;  // an unused candidate site: not part of the plan
        std::string action = action_of(inf.existing, open, before, after);
        open_before += inf.existing;
        open_after += open;
        cost_before += c_before;
        cost_after += c_after;
        area_before += fa_before;
        area_after += fa_after;
        construction += new_area_cost;
        demolition += vacated;
        sites.push_back({{"id", site.id}, {"name", inf.name}, {"open", open}, {"services", after}, {"action", action},
                         {"services_before", before}, {"services_after", after},
                         {"floor_area_before_m2", fa_before}, {"floor_area_after_m2", fa_after},
                         {"cost_before_yen", c_before}, {"cost_after_yen", c_after},
                         {"construction_cost_yen", new_area_cost}, {"vacate_cost_yen", vacated}, {"annual_om_yen", om_after},
                         {"closing_cost_yen", site.closing_cost_yen}, {"other_services", inf.other_services}});
    }

    // Per service and population year: coverage and distances before and
    // after (nearest site hosting it); `before`/`after` are the first year's.
    std::map<std::string, std::vector<std::pair<std::string, double>>> pairs_of;
    for (const auto& d : in.distances)
        pairs_of[in.demand_ids[static_cast<std::size_t>(d.demand)]].emplace_back(in.sites[static_cast<std::size_t>(d.site)].id, d.distance_m);
    json services = json::array();
    for (std::size_t s = 0; s < S; ++s) {
        json per_year = json::array();
        bool fallback = false;
        for (std::size_t g = 0; g < plan_years.size(); ++g) {
            std::vector<std::pair<std::string, double>> w;
            for (std::size_t i = 0; i < in.demand_ids.size(); ++i)
                if (!by_year || in.demand_years[i] == plan_years[g]) w.emplace_back(in.demand_ids[i], in.weights[i][s]);
            auto b = network::service_stats(w, pairs_of, providers_before[in.services[s].key], in.services[s].catchment_m);
            auto a = network::service_stats(w, pairs_of, providers_after[in.services[s].key], in.services[s].catchment_m);
            fallback = fallback || cohorts[g][s].fallback;
            per_year.push_back({{"year", plan_years[g] == 0 ? json(nullptr) : json(plan_years[g])},
                               {"cohort_source", network::cohort_source_name(cohorts[g][s].source)},
                               {"cohort_fallback", cohorts[g][s].fallback},
                               {"before", b.to_json(false)}, {"after", a.to_json(false)}});
        }
        services.push_back({{"key", in.services[s].key}, {"name", service_names[s]}, {"catchment_m", in.services[s].catchment_m},
                            {"coverage_target", in.services[s].coverage_target}, {"coverage_target_current", target_current[s] != 0},
                            {"demand_cohort", demand_cohorts[s]},
                            {"cohort_source", per_year[0]["cohort_source"]}, {"cohort_fallback", fallback},
                            {"new_space_category", new_category[s]},
                            {"new_space_yen_per_m2", {{"construction", rebuild_per_m2[s]}, {"renewal_in_horizon", new_events_per_m2[s]},
                                                      {"om_per_year", new_om_per_m2[s]}, {"residual_at_end", new_residual_per_m2[s]},
                                                      {"total", new_unit_yen[s]}}},
                            {"before", per_year[0]["before"]}, {"after", per_year[0]["after"]}, {"years", per_year}});
    }

    ConsolidateOutcome outcome;
    json& r = outcome.result;
    r = {{"model", "consolidation"}, {"name", req.name}, {"objective_yen", res.objective_yen}, {"bound_yen", res.bound_yen}, {"gap", res.gap},
         {"status", res.status}, {"time_s", res.time_s}, {"distance_mode", table.mode},
         {"demand_years", plan_years},
         {"detour_factor", table.detour_factor}, {"sites", sites}, {"services", services},
         {"totals", {{"sites_before", open_before}, {"sites_after", open_after},
                     {"floor_area_before_m2", area_before}, {"floor_area_after_m2", area_after},
                     {"cost_before_yen", cost_before}, {"cost_after_yen", cost_after},
                     {"construction_cost_yen", construction}, {"vacate_cost_yen", demolition}}},
         {"parameters", instance_json["parameters"]},
         {"cost_basis", discount_rate ? "present_value" : "nominal"},
         {"scenario", {{"strategy", scenario.strategy}, {"start_year", scenario.start_year}, {"horizon", H},
                       {"demolition_yen_per_m2", scenario.demolition_yen_per_m2}, {"land_value_yen_per_m2", land_value_per_m2}}},
         {"model_size", {{"rows", res.rows}, {"cols", res.cols}, {"sites", static_cast<long>(in.sites.size())},
                         {"demand", static_cast<long>(in.demand_ids.size())}, {"pairs", static_cast<long>(in.distances.size())}}}};
    if (!table.straight_line_destinations.empty()) r["straight_line_destinations"] = table.straight_line_destinations;
    if (!res.plan.assignment.empty()) {
        json a = json::array();
        for (const auto& x : res.plan.assignment)
            a.push_back({in.demand_ids[static_cast<std::size_t>(x.demand)], in.sites[static_cast<std::size_t>(x.site)].id,
                         in.services[static_cast<std::size_t>(x.service)].key, x.share});
        r["assignment"] = a;
    }

    OutputBatch outputs;  // published once the run is recorded
    Transaction transaction(store);
    RunRecord run;
    run.command = req.command_line.empty() ? "consolidate" : req.command_line;
    run.kind = "consolidate";
    run.input_path = std::filesystem::absolute(file).string();
    json run_parameters = r["parameters"];
    run_parameters["name"] = req.name;
    run.parameters_json = run_parameters.dump();
    run.program_version = program_version();
    outcome.run_id = store.begin_run(run);
    r["run_id"] = outcome.run_id;
    store.save_result(outcome.run_id, "consolidate", r.dump());
    store.finish_run(outcome.run_id, json({{"objective_yen", res.objective_yen}, {"bound_yen", res.bound_yen}, {"gap", res.gap},
                                           {"status", res.status}, {"time_s", res.time_s}}).dump());
    if (!req.json_path.empty()) write_json_file(req.json_path, r);
    transaction.commit();
    outputs.publish();
    return outcome;
}

json solve_consolidation_instance(const std::string& instance_path, const ConsolidateRequest& req) {
    json j = read_json_file(instance_path);
    optimize::ConsolidationInstance in;
    try {
        in = optimize::instance_from_json(j);
    } catch (const InputError& e) {  // an entry of the file, named by its JSON path
        throw InputError(instance_path + ":" + e.what());
    } catch (const json::exception& e) {
        throw InputError(instance_path + ": " + tr("モデル B のインスタンスとして読めません: ", "not a model B instance: ") + e.what());
    }
    optimize::ConsolidationOptions options;
    options.time_limit_s = req.time_limit_s.value_or(60.0);
    options.progress_label = tr("統廃合", "consolidation");
    auto res = optimize::solve_consolidation(in, options);
    json sites = json::array();
    for (std::size_t k = 0; k < in.sites.size(); ++k) {
        json services = json::array();
        for (std::size_t s = 0; s < in.services.size(); ++s)
            if (res.plan.hosts[k][s]) services.push_back(in.services[s].key);
        sites.push_back({{"id", in.sites[k].id}, {"open", res.plan.open[k] != 0}, {"services", services}});
    }
    json coverage = json::array();
    for (std::size_t s = 0; s < in.services.size(); ++s)
        coverage.push_back({{"key", in.services[s].key}, {"coverage", res.coverage[s]}, {"coverage_target", in.services[s].coverage_target}});
    json r = {{"model", "consolidation"}, {"instance", std::filesystem::absolute(instance_path).string()},
              {"objective_yen", res.objective_yen}, {"bound_yen", res.bound_yen}, {"gap", res.gap}, {"status", res.status},
              {"time_s", res.time_s}, {"sites", sites}, {"services", coverage},
              {"model_size", {{"rows", res.rows}, {"cols", res.cols}}}};
    if (!req.json_path.empty()) write_json_file(req.json_path, r);
    return r;
}

std::string ConsolidateOutcome::summary() const {
    const json& r = result;
    std::ostringstream s;
    const json& t = r.at("totals");
    s << tr("統廃合・複合化の計画 (", "Consolidation and co-location plan (") << r.at("status").get<std::string>() << tr("、ギャップ ", ", gap ")
      << std::fixed << std::setprecision(3) << r.at("gap").get<double>() * 100 << " %" << tr("、計算時間 ", ", time ") << std::setprecision(1)
      << r.at("time_s").get<double>() << " s)\n";
    s << "  " << tr("施設数 ", "sites ") << t.at("sites_before").get<int>() << " → " << t.at("sites_after").get<int>()
      << tr("、延床面積 ", ", floor area ") << area_text(t.at("floor_area_before_m2").get<double>()) << " → "
      << area_text(t.at("floor_area_after_m2").get<double>()) << "\n";
    s << "  " << tr("期間中の費用 ", "cost over the horizon ") << money_text(t.at("cost_before_yen").get<double>()) << " → "
      << money_text(t.at("cost_after_yen").get<double>()) << tr(" (新築・増築 ", " (new construction ")
      << money_text(t.at("construction_cost_yen").get<double>()) << ")";
    if (r.value("cost_basis", std::string()) == "present_value")
        s << tr(" — 現在価値 (割引率 ", " — present value (discount rate ") << std::setprecision(2)
          << r.at("parameters").at("discount_rate").get<double>() * 100 << " %)";
    s << "\n";
    std::map<std::string, int> actions;
    for (const auto& site : r.at("sites")) ++actions[site.at("action").get<std::string>()];
    s << "  ";
    for (const auto& [a, n] : actions) s << a << " " << n << "  ";
    s << "\n";
    for (const auto& svc : r.at("services")) {
        auto cov = [](const json& j) { return j.at("coverage").get<double>() * 100; };
        s << "  " << svc.at("name").get<std::string>() << tr(": 充足率 ", ": coverage ") << std::setprecision(1);
        const json& years = svc.at("years");
        for (std::size_t g = 0; g < years.size(); ++g) {
            if (years.size() > 1) s << (g ? ", " : "") << years[g].at("year").get<int>() << tr(" 年 ", " ");
            s << cov(years[g].at("before")) << " % → " << cov(years[g].at("after")) << " %";
        }
        s << tr(" (目標 ", " (target ") << svc.at("coverage_target").get<double>() * 100 << " %)";
        if (svc.at("cohort_fallback").get<bool>()) s << tr(" — 年齢別人口がないため総人口で計算", " — no age groups in the population: total used");
        s << "\n";
    }
    s << "  " << tr("距離: ", "distances: ") << (r.at("distance_mode") == "network" ? tr("道路網", "road network")
                                                                                     : tr("直線距離 × 迂回係数", "straight line × detour factor"))
      << "\n";
    return s.str();
}

} // namespace shisetsu::pipeline
