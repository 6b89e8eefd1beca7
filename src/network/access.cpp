#include "network/access.hpp"

#include "storage/settings.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/paths.hpp"
#include "core/population.hpp"
#include "core/progress.hpp"
#include "core/years.hpp"
#include "core/text.hpp"
#include "gisio/crs.hpp"
#include "gisio/geometry.hpp"
#include "network/graph_impl.hpp"
#include "network/roads.hpp"
#include "network/service_area.hpp"
#include "storage/transaction.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace shisetsu::network {

using json = nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A polygon unit is represented by its centroid (network.md "Command").
std::optional<Point> centroid(const Wkb& wkb) {
    auto c = gis::centroid_xy(wkb);
    if (!c) return std::nullopt;
    return Point{c->first, c->second};
}

void to_work_crs(std::vector<Place>& places, const std::string& crs) {
    gis::Transformer t("EPSG:6668", crs);
    std::vector<double> xs, ys;
    for (const auto& p : places) {
        xs.push_back(p.xy.x);
        ys.push_back(p.xy.y);
    }
    t.transform(xs, ys);
    for (std::size_t i = 0; i < places.size(); ++i) places[i].xy = {xs[i], ys[i]};
}

std::optional<double> opt_number(const json& j, const char* key) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    return j.at(key).get<double>();
}

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

// Providers of each service of the latest consolidation plan after it, if
// any. Services outside the plan's model are left out: the plan does not
// change who provides them.
std::optional<std::pair<long long, std::map<std::string, std::set<std::string>>>> plan_providers(Store& store) {
    auto plan = store.latest_result("consolidate");
    if (!plan) return std::nullopt;
    json doc = json::parse(plan->document, nullptr, false);
    if (doc.is_discarded() || !doc.contains("sites")) return std::nullopt;
    std::map<std::string, std::set<std::string>> providers;
    for (const auto& svc : doc.value("services", json::array()))
        if (svc.contains("key")) providers[svc.at("key").get<std::string>()];  // planned, even if no site keeps it
    for (const auto& site : doc.at("sites")) {
        if (!site.value("open", true)) continue;
        const json& services = site.contains("services_after") ? site.at("services_after") : site.value("services", json::array());
        for (const auto& s : services)
            if (auto it = providers.find(s.get<std::string>()); it != providers.end()) it->second.insert(site.at("id").get<std::string>());
    }
    return std::pair{plan->run_id, providers};
}

} // namespace

std::vector<Service> service_parameters(Store& store) {
    json defaults = read_json_file(data_path("services.json"));
    const auto kind = load_settings(store).kind;  // 区民活動施設 in a ward, 市民活動施設 in a city
    std::map<std::string, Service> by_key;
    for (const auto& [key, d] : defaults.items()) {
        if (key.front() == '_') continue;
        Service s;
        s.key = key;
        s.name = text_for_kind(d.contains(language() == Lang::en ? "name_en" : "name") ? d[language() == Lang::en ? "name_en" : "name"]
                                                                                      : json(key), kind, key);
        s.catchment_m = opt_number(d, "catchment_m");
        s.coverage_target = opt_number(d, "coverage_target");
        s.standard_floor_area_m2 = opt_number(d, "standard_floor_area_m2");
        s.capacity = opt_number(d, "capacity");
        s.demand_cohort = d.value("demand_cohort", std::string("total"));
        by_key[key] = s;
    }
    for (const auto& imported : store.services()) {
        Service& s = by_key[imported.key];
        s.key = imported.key;
        if (!imported.name.empty()) s.name = imported.name;
        if (imported.catchment_m) s.catchment_m = imported.catchment_m;
        if (imported.coverage_target) s.coverage_target = imported.coverage_target;
        if (imported.standard_floor_area_m2) s.standard_floor_area_m2 = imported.standard_floor_area_m2;
        if (imported.capacity) s.capacity = imported.capacity;
        if (!imported.demand_cohort.empty()) s.demand_cohort = imported.demand_cohort;
        if (!imported.compatible.empty()) s.compatible = imported.compatible;
        s.extra_json = imported.extra_json;
    }
    std::vector<Service> out;
    for (auto& [key, s] : by_key) {
        if (s.demand_cohort.empty()) s.demand_cohort = "total";
        if (s.name.empty()) s.name = key;
        out.push_back(std::move(s));
    }
    return out;
}

std::map<std::string, std::string> service_aliases(Store& store) {
    json defaults = read_json_file(data_path("services.json"));
    const auto kind = load_settings(store).kind;
    std::map<std::string, std::string> out;
    for (const auto& [key, d] : defaults.items()) {
        if (key.front() == '_') continue;
        for (const char* field : {"name", "name_en"})
            if (d.contains(field))
                if (std::string name = text_for_kind(d[field], kind, key); name != key) out.emplace(name, key);
    }
    for (const auto& imported : store.services())
        if (!imported.name.empty() && imported.name != imported.key) out[imported.name] = imported.key;
    return out;
}

std::string service_label(const Service& service) { return service.name.empty() ? service.key : service.name; }

json ServiceStats::to_json(bool with_nearest) const {
    auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    json j = {{"providers", providers},  {"demand", demand},       {"covered", covered},
              {"coverage", coverage},    {"beyond_cutoff", beyond_cutoff},
              {"mean_m", opt(mean_m)},   {"median_m", opt(median_m)}, {"p95_m", opt(p95_m)}};
    if (with_nearest) {
        json rows = json::array();
        for (const auto& n : nearest)
            rows.push_back({{"origin_id", n.origin_id},
                            {"facility_id", n.facility_id.empty() ? json(nullptr) : json(n.facility_id)},
                            {"distance_m", n.facility_id.empty() ? json(nullptr) : json(n.distance_m)}});
        j["nearest"] = rows;
    }
    return j;
}

ServiceStats service_stats(const std::vector<std::pair<std::string, double>>& weights,
                           const std::map<std::string, std::vector<std::pair<std::string, double>>>& pairs_of,
                           const std::set<std::string>& providers, double catchment_m) {
    ServiceStats st;
    st.providers = static_cast<long>(providers.size());
    std::vector<std::pair<double, double>> reached;  // distance, people
    double unreached = 0, weighted_sum = 0;
    for (const auto& [origin, people] : weights) {
        Nearest n{origin, "", 0};
        if (auto it = pairs_of.find(origin); it != pairs_of.end())
            for (const auto& [dest, d] : it->second)
                if (providers.contains(dest) && (n.facility_id.empty() || d < n.distance_m ||
                                                 (d == n.distance_m && dest < n.facility_id))) {
                    n.facility_id = dest;
                    n.distance_m = d;
                }
        st.demand += people;
        if (n.facility_id.empty()) {
            unreached += people;
        } else {
            reached.emplace_back(n.distance_m, people);
            weighted_sum += n.distance_m * people;
            if (n.distance_m <= catchment_m) st.covered += people;
        }
        st.nearest.push_back(std::move(n));
    }
    if (st.demand <= 0) return st;
    st.coverage = st.covered / st.demand;
    st.beyond_cutoff = unreached / st.demand;
    const double reached_people = st.demand - unreached;
    if (reached_people > 0) st.mean_m = weighted_sum / reached_people;
    std::sort(reached.begin(), reached.end());
    auto quantile = [&](double q) -> std::optional<double> {
        double cumulative = 0;
        for (const auto& [d, people] : reached) {
            cumulative += people;
            if (cumulative >= q * st.demand * (1 - 1e-12)) return d;
        }
        return std::nullopt;
    };
    st.median_m = quantile(0.5);
    st.p95_m = quantile(0.95);
    return st;
}

std::string AccessOutcome::summary() const {
    std::ostringstream out;
    const json& r = result;
    const bool network = r.at("mode") == "network";
    out << tr("距離の算定: ", "distances: ")
        << (network ? std::string(tr("道路網 (", "road network (")) + r.at("profile").get<std::string>() + ")"
                    : std::string(tr("直線距離 × 迂回係数 ", "straight line × detour factor ")) +
                          fixed(r.at("detour_factor").get<double>(), 2) +
                          tr(" (道路網が取り込まれていません)", " (no road network imported)"))
        << "\n";
    if (!r.at("population_year").is_null())
        out << "  " << tr("人口: ", "population: ") << r.at("population_year").get<int>() << tr(" 年", "") << "\n";
    out << "  " << tr("需要地点 ", "origins ") << r.at("origins").get<long>() << tr(" / 施設・用地 ", ", destinations ")
        << r.at("destinations").get<long>() << tr(" / 距離 ", ", pairs within ") << fixed(r.at("cutoff_m").get<double>(), 0)
        << tr(" m 以内の組 ", " m: ") << r.at("pairs").get<long>() << "\n";
    if (!r.at("unreachable").empty())
        out << "  " << tr("道路から遠く到達できない地点: ", "points too far from any road: ") << r.at("unreachable").size()
            << "\n";
    for (const auto& s : r.at("services")) {
        const json& b = s.at("before");
        out << "  " << s.at("name").get<std::string>() << ": " << tr("誘致距離 ", "catchment ")
            << fixed(s.at("catchment_m").get<double>(), 0) << " m " << tr("以内の人口 ", "covers ")
            << fixed(b.at("coverage").get<double>() * 100, 1) << " %";
        if (s.value("cohort_fallback", false))
            out << tr(" (年齢別人口がないため総人口で計算)", " (no age groups in the population data: total used)");
        if (!b.at("median_m").is_null())
            out << tr("、中央値 ", ", median ") << fixed(b.at("median_m").get<double>(), 0) << " m";
        if (s.contains("after") && !s.at("after").is_null())
            out << tr(" → 計画後 ", " → after the plan ") << fixed(s.at("after").at("coverage").get<double>() * 100, 1)
                << " %";
        out << "\n";
    }
    return out.str();
}

AccessOutcome run_access(Store& store, const AccessRequest& req) {
    const auto t_start = Clock::now();
    if (req.cutoff_m <= 0) throw UsageError(tr("--cutoff は正の距離 (m) です", "--cutoff must be a positive distance (m)"));
    if (req.detour_factor < 1)
        throw UsageError(tr("迂回係数は 1 以上です", "the detour factor must be at least 1"));
    const Profile profile = load_profile(req.profile);
    auto services = service_parameters(store);
    if (!req.service.empty() &&
        std::none_of(services.begin(), services.end(), [&](const Service& s) { return s.key == req.service; })) {
        std::string known;
        for (const auto& s : services) known += (known.empty() ? "" : ", ") + s.key;
        throw UsageError(std::string(tr("不明な機能です: ", "unknown service: ")) + req.service + " (" + known + ")");
    }
    if (!req.service.empty())
        services.erase(std::remove_if(services.begin(), services.end(),
                                      [&](const Service& s) { return s.key != req.service; }),
                       services.end());
    const std::string crs = work_crs(store);

    // Statistics: the demand units of one population layer inside the study
    // area. Origins of the OD table: the units of every layer, so that a plan
    // over several years (demand_years) finds all its distances.
    auto t0 = Clock::now();
    std::vector<Place> origins;
    std::vector<Demand> demand;
    auto all_demand = store.demand();
    const int year = choose_population_year(all_demand, req.year, current_fiscal_year());
    const auto years = population_years(all_demand);
    std::map<std::string, std::size_t> origin_at;
    for (auto& d : all_demand) {
        if (d.weight <= 0) continue;
        auto c = centroid(d.geometry);
        if (!c) continue;
        auto [it, added] = origin_at.try_emplace(d.demand_id, origins.size());
        if (added) origins.push_back({d.demand_id, *c});
        else if (d.year == year) origins[it->second].xy = *c;  // the chosen layer's shape wins
        if (d.year == year) demand.push_back(std::move(d));
    }
    if (demand.empty())
        throw InputError(tr("需要 (人口) がありません。先に population を取り込んでください",
                            "no demand: import population first"));
    // Destinations: every facility and candidate site. The project keeps the
    // whole table for the optimizer; --service narrows what is reported.
    std::vector<Place> destinations;
    std::map<std::string, std::set<std::string>> providers;  // service → facility ids
    std::set<std::string> selected;                          // destinations reported
    for (const auto& f : store.facilities()) {
        auto c = centroid(f.location);
        if (!c) continue;
        destinations.push_back({f.facility_id, *c});
        for (const auto& s : f.services) providers[s].insert(f.facility_id);
        if (req.service.empty() ||
            std::find(f.services.begin(), f.services.end(), req.service) != f.services.end())
            selected.insert(f.facility_id);
    }
    for (const auto& s : store.sites())
        if (auto c = centroid(s.geometry)) {
            destinations.push_back({s.site_id, *c});
            if (req.service.empty()) selected.insert(s.site_id);
        }
    if (selected.empty())
        throw InputError(req.service.empty()
                             ? tr("位置を持つ施設がありません", "no facility has a location")
                             : std::string(tr("この機能を提供する施設がありません: ", "no facility provides ")) + req.service);
    to_work_crs(origins, crs);
    to_work_crs(destinations, crs);

    OdOptions options;
    options.cutoff_m = req.cutoff_m;
    options.max_snap_m = req.max_snap_m;
    options.detour_factor = req.detour_factor;
    options.threads = req.threads;
    // Service areas: each provider's reach within its service's catchment,
    // found by the OD table's own search from that provider — today's
    // providers and, once a plan exists, the sites that take a service on in
    // it, so that the plan's maps show every site it keeps or adds.
    const auto plan = plan_providers(store);
    std::vector<AreaJob> jobs;
    std::vector<std::pair<std::size_t, std::size_t>> job_at;  // (destination, catchment k)
    if (req.service_areas) {
        std::map<std::string, std::size_t> index;
        for (std::size_t k = 0; k < destinations.size(); ++k) index.emplace(destinations[k].id, k);
        options.area_catchments.resize(destinations.size());
        for (const auto& s : services) {
            if (!s.catchment_m) continue;
            std::set<std::string> hosts;
            if (auto p = providers.find(s.key); p != providers.end()) hosts = p->second;  // not [], which would list every service as provided
            if (plan)
                if (auto p = plan->second.find(s.key); p != plan->second.end()) hosts.insert(p->second.begin(), p->second.end());
            for (const auto& id : hosts) {
                auto found = index.find(id);
                if (found == index.end()) continue;  // a planned site without a location
                const std::size_t k = found->second;
                job_at.emplace_back(k, options.area_catchments[k].size());
                options.area_catchments[k].push_back(*s.catchment_m);
                jobs.push_back({id, s.key, destinations[k].xy, *s.catchment_m, std::nullopt});
            }
        }
    }
    const auto roads = store.roads();
    const double load_s = seconds_since(t0);

    std::optional<RoadNetwork> network;
    double build_s = 0;
    OdMatrix od;
    if (!roads.empty()) {
        t0 = Clock::now();
        network.emplace(RoadNetwork::build(road_lines(roads, profile, crs)));
        build_s = seconds_since(t0);
        od = od_by_network(*network, origins, destinations, options);
    } else {
        od = od_by_straight_line(origins, destinations, options);
    }

    RunRecord run;
    run.command = "access";
    run.kind = req.service.empty() ? "all" : req.service;
    run.parameters_json = json({{"command_line", req.command_line}, {"cutoff_m", req.cutoff_m}, {"population_year", year},
                                {"profile", profile.name}, {"max_snap_m", req.max_snap_m},
                                {"detour_factor", req.detour_factor}, {"buffer_m", req.buffer_m}})
                              .dump();
    run.program_version = program_version();

    // Per-service statistics, before and after the latest plan.
    std::map<std::string, std::vector<std::pair<std::string, double>>> pairs_of;
    for (const auto& p : od.pairs) pairs_of[p.origin_id].emplace_back(p.destination_id, p.distance_m);
    json services_json = json::array();
    for (const auto& s : services) {
        // Services without a catchment (housing, waste…) are not judged by access.
        if (!s.catchment_m) continue;
        if (!providers.contains(s.key) && !(plan && plan->second.contains(s.key))) continue;
        const auto cohort = demand_weights(demand, s.demand_cohort);
        const auto& weights = cohort.weights;
        const double catchment = *s.catchment_m;
        auto before = service_stats(weights, pairs_of, providers[s.key], catchment);
        json entry = {{"key", s.key},
                      {"name", service_label(s)},
                      {"catchment_m", catchment},
                      {"demand_cohort", s.demand_cohort},
                      {"cohort_source", cohort_source_name(cohort.source)},
                      {"cohort_fallback", cohort.fallback},
                      {"before", before.to_json(true)},
                      {"after", nullptr}};
        if (plan) {
            // A service outside the plan keeps today's providers.
            auto planned = plan->second.find(s.key);
            auto after = service_stats(weights, pairs_of, planned != plan->second.end() ? planned->second : providers[s.key], catchment);
            entry["after"] = after.to_json(false);
        }
        services_json.push_back(entry);
    }

    // Service areas: polygons around the reachable network the OD searches
    // found (or, when they ran per origin, from a search of their own).
    t0 = Clock::now();
    std::vector<ServiceArea> areas;
    if (req.service_areas) {
        if (!od.area_parts.empty())
            for (std::size_t i = 0; i < jobs.size(); ++i) {
                auto& found = od.area_parts[job_at[i].first];
                jobs[i].parts = job_at[i].second < found.size() ? std::move(found[job_at[i].second])
                                                                 : std::vector<std::vector<Point>>{};  // site off the network
            }
        areas = service_areas(network ? &*network : nullptr, jobs, crs, req.buffer_m, req.max_snap_m,
                              req.detour_factor, req.threads);
    }
    const double areas_s = seconds_since(t0);

    json unreachable = json::array();
    for (const auto& u : od.unsnapped)
        unreachable.push_back({{"id", u.id}, {"kind", u.origin ? "origin" : "destination"},
                               {"snap_distance_m", u.snap_distance_m}});
    json network_json = nullptr;
    if (network) {
        const auto& g = network->report();
        network_json = {{"roads", roads.size()},
                        {"nodes", g.nodes},
                        {"edges", g.edges},
                        {"length_km", g.length_m / 1000},
                        {"components", g.components},
                        {"nodes_dropped", g.nodes_dropped},
                        {"dropped_length_share", g.dropped_length_share()},
                        {"lines_excluded_by_profile", g.lines_excluded}};
    }
    AccessOutcome outcome;
    json& r = outcome.result;
    r = {{"mode", od.mode},
         {"profile", network ? json(profile.name) : json(nullptr)},
         {"detour_factor", network ? json(nullptr) : json(req.detour_factor)},
         {"cutoff_m", req.cutoff_m},
         {"max_snap_m", req.max_snap_m},
         {"work_crs", crs},
         {"network", network_json},
         {"population_year", year == 0 ? json(nullptr) : json(year)},
         {"population_years", years},
         {"origins", demand.size()},
         {"od_origins", origins.size()},
         {"destinations", selected.size()},
         {"pairs", std::count_if(od.pairs.begin(), od.pairs.end(),
                                 [&](const OdPair& p) { return selected.contains(p.destination_id); })},
         {"stored_pairs", od.pairs.size()},
         {"searched_from", od.searched_from.empty() ? json(nullptr) : json(od.searched_from)},
         {"unreachable", unreachable},
         {"plan_run_id", plan ? json(plan->first) : json(nullptr)},
         {"services", services_json},
         {"service_areas", areas.size()},
         {"buffer_m", req.buffer_m}};

    OutputBatch outputs;  // published once the run is recorded
    Transaction transaction(store);
    outcome.run_id = store.begin_run(run);
    r["run_id"] = outcome.run_id;
    OdTable table;
    table.run_id = outcome.run_id;
    table.mode = od.mode;
    table.profile = network ? profile.name : "";
    table.detour_factor = req.detour_factor;
    table.cutoff_m = req.cutoff_m;
    table.pairs = od.pairs;
    store.replace_od(table);
    if (req.service_areas) store.replace_service_areas(areas);
    r["timing_s"] = {{"load", load_s},         {"graph_build", build_s}, {"snap", od.snap_s},
                     {"search", od.search_s},  {"service_areas", areas_s},
                     {"total", seconds_since(t_start)}};
    store.save_result(outcome.run_id, "access", r.dump());
    json summary = r;
    for (auto& s : summary["services"]) s["before"].erase("nearest");
    store.finish_run(outcome.run_id, summary.dump());

    if (!req.od_out.empty()) {
        OutputFile file(req.od_out);
        std::ostream& out = file.stream();
        out << "origin_id,destination_id,distance_m\n";
        char buf[32];
        for (const auto& p : od.pairs) {
            if (!selected.contains(p.destination_id)) continue;
            std::snprintf(buf, sizeof buf, "%.1f", p.distance_m);
            out << text::csv_field(p.origin_id) << ',' << text::csv_field(p.destination_id) << ',' << buf << '\n';
        }
        file.commit();
    }
    if (!req.json_path.empty()) write_json_file(req.json_path, r);
    transaction.commit();
    outputs.publish();
    return outcome;
}

std::vector<PlanNearest> plan_nearest(const OdTable& od, const nlohmann::json& plan) {
    std::map<std::string, std::vector<std::pair<std::string, double>>> pairs_of;
    for (const auto& p : od.pairs) pairs_of[p.origin_id].emplace_back(p.destination_id, p.distance_m);
    std::vector<std::pair<std::string, double>> weights;  // nearest does not depend on the people
    for (const auto& [origin, pairs] : pairs_of) weights.emplace_back(origin, 1.0);
    std::map<std::string, std::set<std::string>> before, after;
    for (const auto& s : plan.value("sites", nlohmann::json::array())) {
        const std::string id = s.value("id", std::string());
        for (auto* side : {&before, &after})
            for (const auto& k : s.value(side == &before ? "services_before" : "services_after", nlohmann::json::array()))
                if (k.is_string()) (*side)[k.get<std::string>()].insert(id);
    }
    std::vector<PlanNearest> out;
    for (const auto& s : plan.value("services", nlohmann::json::array())) {
        PlanNearest n;
        n.service_key = s.value("key", std::string());
        n.catchment_m = s.value("catchment_m", 0.0);
        n.before = service_stats(weights, pairs_of, before[n.service_key], n.catchment_m).nearest;
        n.after = service_stats(weights, pairs_of, after[n.service_key], n.catchment_m).nearest;
        out.push_back(std::move(n));
    }
    return out;
}

} // namespace shisetsu::network
