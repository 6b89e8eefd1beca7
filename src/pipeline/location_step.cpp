// Demand and distances for the location and consolidation models
// (optimization.md "B"): the access step's OD table (network.md) when the
// project has one, else straight line × detour factor in the plane-
// rectangular zone of the data. Service parameters and demand weights are
// the access step's own (network/access.hpp), so both speak of the same
// people.
#include "pipeline/pipeline.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/population.hpp"
#include "core/years.hpp"
#include "gisio/geometry.hpp"
#include "network/access.hpp"
#include "network/od.hpp"
#include "network/roads.hpp"

#include "gisio/crs.hpp"

#include <algorithm>
#include <set>

namespace shisetsu::pipeline {

namespace {

std::optional<network::Point> point_of(const Wkb& wkb) {
    auto xy = gis::point_xy(gis::representative_point(wkb));
    if (!xy) return std::nullopt;
    return network::Point{xy->first, xy->second};
}

void to_plane(std::vector<network::Place>& places, const std::string& crs) {
    gis::Transformer t("EPSG:6668", crs);
    std::vector<double> xs, ys;
    for (const auto& p : places) { xs.push_back(p.xy.x); ys.push_back(p.xy.y); }
    t.transform(xs, ys);
    for (std::size_t i = 0; i < places.size(); ++i) places[i].xy = {xs[i], ys[i]};
}

} // namespace

DistanceTable demand_distances(Store& store, const std::vector<Demand>& demand, const std::vector<Destination>& destinations,
                               double cutoff_m, double detour_factor) {
    DistanceTable out;
    out.detour_factor = detour_factor;
    std::set<std::string> wanted;
    for (const auto& d : destinations) wanted.insert(d.id);
    std::set<std::string> origins;
    for (const auto& d : demand)
        if (d.weight > 0) origins.insert(d.demand_id);

    std::set<std::string> measured;  // destinations the access step measured
    if (auto od = store.od(); od && !od->pairs.empty()) {
        for (const auto& p : od->pairs) {
            measured.insert(p.destination_id);
            if (wanted.count(p.destination_id) && origins.count(p.origin_id) && p.distance_m <= cutoff_m)
                out.pairs.push_back({p.origin_id, p.destination_id, p.distance_m});
        }
        out.mode = od->mode;
        if (od->mode != "network") out.detour_factor = od->detour_factor;
    }
    std::vector<network::Place> to_measure;
    for (const auto& d : destinations)
        if (!measured.count(d.id))
            if (auto c = point_of(d.point)) to_measure.push_back({d.id, *c});
    if (to_measure.empty()) return out;
    // A destination the access step did not measure (a new candidate site):
    // straight line × detour factor.
    out.mode = out.mode.empty() ? "straight_line" : (out.mode == "network" ? "mixed" : out.mode);
    std::vector<network::Place> from;
    std::set<std::string> placed;  // a unit of several layers is measured once
    for (const auto& d : demand)
        if (d.weight > 0 && placed.insert(d.demand_id).second)
            if (auto c = point_of(d.geometry)) from.push_back({d.demand_id, *c});
    std::string crs = network::work_crs(store);
    to_plane(from, crs);
    to_plane(to_measure, crs);
    network::OdOptions options;
    options.cutoff_m = cutoff_m;
    options.detour_factor = detour_factor;
    auto od = network::od_by_straight_line(from, to_measure, options);
    for (const auto& p : od.pairs) out.pairs.push_back({p.origin_id, p.destination_id, p.distance_m});
    for (const auto& p : to_measure) out.straight_line_destinations.push_back(p.id);
    return out;
}

optimize::LocationInstance location_instance(Store& store, const std::string& service, std::optional<int> year,
                                             LocationDemand& used) {
    auto services = network::service_parameters(store);
    auto it = std::find_if(services.begin(), services.end(), [&](const Service& s) { return s.key == service; });
    if (it == services.end()) {
        std::string keys;
        for (const auto& s : services) keys += (keys.empty() ? "" : ", ") + s.key;
        throw InputError(std::string(tr("不明な機能: ", "unknown service: ")) + service + tr(" (使える機能: ", " (known: ") + keys + ")");
    }
    std::vector<Destination> destinations;
    for (const auto& f : store.facilities())
        if (std::find(f.services.begin(), f.services.end(), service) != f.services.end() && !f.location.empty())
            destinations.push_back({f.facility_id, f.location});
    for (const auto& s : store.sites())
        if (!s.geometry.empty()) destinations.push_back({s.site_id, s.geometry});
    for (const auto& d : destinations) used.sites.push_back(d.id);
    if (destinations.empty())
        throw InputError(std::string(tr("機能 ", "service ")) + service + tr(" を提供する施設も候補地もありません", ": no facility provides it and there is no candidate site"));
    // Every pair within the access step's cut-off (5 km by default) is usable.
    // One population layer: --year, else the latest not after this fiscal year.
    auto all_demand = store.demand();
    used.population_year = choose_population_year(all_demand, year, current_fiscal_year());
    std::vector<Demand> base;
    for (auto& d : population_layer(std::move(all_demand), used.population_year))
        if (d.weight > 0) base.push_back(std::move(d));
    // Every pair within the access step's cut-off (5 km by default) is usable.
    DistanceTable table = demand_distances(store, base, destinations, 5000.0, 1.3);
    used.distance_mode = table.mode;
    auto cohort = network::demand_weights(base, it->demand_cohort);
    used.cohort = it->demand_cohort;
    used.cohort_source = network::cohort_source_name(cohort.source);
    used.cohort_fallback = cohort.fallback;
    used.capacity = it->capacity;
    std::set<std::string> reached;
    for (const auto& p : table.pairs) reached.insert(p.origin_id);
    std::vector<std::pair<std::string, double>> served;
    for (const auto& w : cohort.weights) {
        if (reached.count(w.first)) served.push_back(w);
        else if (w.second > 0) used.unreachable.push_back(w.first);
    }
    return optimize::make_instance(table.pairs, &served);
}

void attach_project_sites(optimize::LocationInstance& instance, const LocationDemand& used, const std::string& sites_path,
                          optimize::LocationRequest& request) {
    std::vector<optimize::OdEntry> pairs;
    for (std::size_t i = 0; i < instance.origins.size(); ++i)
        for (std::size_t k = instance.first[i]; k < instance.first[i + 1]; ++k) {
            instance.distance_m[k] *= instance.weight[i];  // a constant factor per origin keeps its pairs in order
            pairs.push_back({instance.origins[i], instance.sites[static_cast<std::size_t>(instance.site[k])], instance.distance_m[k], 0});
        }
    const std::set<std::string> reached(instance.sites.begin(), instance.sites.end());
    const std::set<std::string> known(used.sites.begin(), used.sites.end());
    std::vector<optimize::SiteTerms> terms;
    for (auto& t : optimize::read_sites_csv(sites_path, used.capacity))
        if (reached.count(t.site_id) || !known.count(t.site_id)) terms.push_back(std::move(t));
    optimize::attach_sites(instance, pairs, nullptr, terms, {"", "", sites_path, {}}, request);
}

} // namespace shisetsu::pipeline
