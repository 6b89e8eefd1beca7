// The interactive map of the HTML pages (outputs.md "Interactive maps in the
// HTML"): facilities by age and by plan action, service areas and the demand
// mesh's distance to the nearest provider before and after the plan, with
// popups. The data go to the page as JSON; reports/webmap.js draws them
// with the inlined Leaflet. The PDF keeps the static maps.
#include "report/content_builder.hpp"

#include "gisio/geometry.hpp"
#include "network/access.hpp"

#include <cstdio>

namespace shisetsu::report::sections {

using nlohmann::json;

namespace {

std::string css(const Rgb& c) {
    char out[8];
    std::snprintf(out, sizeof out, "#%02x%02x%02x", static_cast<int>(c.r * 255 + 0.5), static_cast<int>(c.g * 255 + 0.5),
                  static_cast<int>(c.b * 255 + 0.5));
    return out;
}

// About 1 m at Japan's latitudes: the map's lines are simplified within it.
constexpr double kSimplifyDegrees = 1e-5;

// `cache` keeps each geometry of the project's data (by its address: they
// live as long as the report) as written the first time.
json feature(const Wkb& geometry, json properties, GeometryCache* cache = nullptr) {
    auto write = [&] { return json::parse(gis::geojson_geometry(geometry, kSimplifyDegrees)); };
    json written;
    if (cache) {
        auto [it, added] = cache->try_emplace(&geometry);
        if (added) it->second = write();
        written = it->second;
    } else {
        written = write();
    }
    return {{"type", "Feature"}, {"geometry", std::move(written)}, {"properties", std::move(properties)}};
}

json layer(const std::string& name, bool show) {
    return {{"name", name}, {"show", show}, {"features", {{"type", "FeatureCollection"}, {"features", json::array()}}},
            {"legend", json::array()}};
}

void add(json& l, json f) { l["features"]["features"].push_back(std::move(f)); }

// Distance classes of the mesh layers, in shares of the catchment.
struct DistanceClass {
    double up_to;  // × catchment
    const char* colour;
};
const DistanceClass kDistanceClasses[] = {{0.5, "#1a9850"}, {1.0, "#91cf60"}, {1.5, "#fee08b"}, {2.0, "#fc8d59"}, {1e300, "#d73027"}};
const char* kNoProvider = "#7f7f7f";

} // namespace

void Builder::web_map() {
    if (options_.shared && options_.shared->web_map) {
        add_web_map(*options_.shared->web_map);
        return;
    }
    std::string made = web_map_data();
    if (options_.shared) options_.shared->web_map = made;
    add_web_map(made);
}

void Builder::add_web_map(const std::string& data) {
    if (data.empty()) return;  // nothing located
    Block b{Block::Kind::web_map, data, {}, {}, {}};
    b.figure.title = t_["wm.title"];
    b.html_only = true;
    blocks_->push_back(std::move(b));
    note(t_["wm.note"]);
    blocks_->back().html_only = true;
}

std::string Builder::web_map_data() const {
    // A mesh cell is a feature of every service's layers before and after,
    // a kept site's area of both: each geometry is written once.
    GeometryCache geometries;
    json data{{"layers", json::array()}};
    double west = 180, south = 90, east = -180, north = -90;
    auto extend = [&](double x, double y) {
        west = std::min(west, x), east = std::max(east, x), south = std::min(south, y), north = std::max(north, y);
    };

    // The boundary, under everything, for orientation (there is no tile layer).
    json boundary = layer(t_["wm.layer.boundary"], true);
    for (const auto& b : d_.boundaries)
        if (!b.geometry.empty())
            add(boundary, feature(b.geometry, {{"colour", "#555555"}, {"opacity", 0.03}, {"weight", 1.5}, {"popup", {b.name}}}, &geometries));
    data["layers"].push_back(std::move(boundary));

    // Facilities by the age of their main building.
    json by_age = layer(t_["wm.layer.age"], true);
    for (std::size_t i = 0; i < age_classes().size(); ++i)
        by_age["legend"].push_back({css(age_classes()[i].colour), age_class_label(t_, i)});
    for (const auto& f : d_.facilities) {
        auto xy = gis::point_xy(f.location);
        if (!xy) continue;
        extend(xy->first, xy->second);
        auto main = main_building_.find(f.facility_id);
        json popup{f.name, t_.format("wm.popup.id", {{"id", f.facility_id}}), category_label(f.category)};
        std::string colour = "#bbbbbb";
        if (main != main_building_.end() && main->second) {
            const Building& b = *main->second;
            colour = css(age_classes()[age_class_of(age_of(b))].colour);
            popup.push_back(t_.format("wm.popup.age", {{"age", std::to_string(age_of(b))}, {"year", year_text(b.year_built)}}));
            popup.push_back(t_.format("wm.popup.area", {{"area", grouped(b.floor_area_m2)}}));
        }
        add(by_age, feature(f.location, {{"id", f.facility_id}, {"name", f.name}, {"colour", colour}, {"popup", popup}}, &geometries));
    }
    data["layers"].push_back(std::move(by_age));

    if (d_.consolidate) plan_layers(data, geometries);
    if (west > east) return "";  // nothing located
    data["bounds"] = {{south, west}, {north, east}};
    return data.dump();
}

// The plan's sites by action, and per service its areas and the mesh's
// distance to the nearest provider before and after: both from the
// project's OD table through network::service_stats, so before and after
// are measured alike.
void Builder::plan_layers(json& data, GeometryCache& geometries) const {
    const json& c = d_.consolidate->json;
    json by_action = layer(t_["wm.layer.action"], false);
    for (const char* a : {"keep", "close", "convert", "new_complex", "new"})
        by_action["legend"].push_back({css(action_style(a).colour), action_label(a)});
    std::map<std::string, std::set<std::string>> before, after;  // service → sites
    std::map<std::string, std::string> site_name;
    for (const auto& s : c.value("sites", json::array())) {
        const std::string id = string_of(s, "id");
        site_name[id] = string_of(s, "name");
        for (const auto& k : keys_of(s, "services_before")) before[k].insert(id);
        for (const auto& k : keys_of(s, "services_after")) after[k].insert(id);
        const Wkb* where = nullptr;
        if (auto f = facility_by_id_.find(id); f != facility_by_id_.end() && !f->second->location.empty()) where = &f->second->location;
        for (const auto& site : d_.sites)
            if (!where && site.site_id == id && !site.geometry.empty()) where = &site.geometry;
        if (!where) continue;
        const std::string action = string_of(s, "action");
        json popup{site_name[id], action_label(action),
                   t_.format("wm.popup.services", {{"before", services_text(keys_of(s, "services_before"))},
                                                   {"after", services_text(keys_of(s, "services_after"))}}),
                   t_.format("wm.popup.floor", {{"before", grouped(number(s, "floor_area_before_m2"))},
                                                {"after", grouped(number(s, "floor_area_after_m2"))}}),
                   t_.format("wm.popup.cost", {{"before", money(number(s, "cost_before_yen"))},
                                               {"after", money(number(s, "cost_after_yen"))}})};
        Wkb point = gis::representative_point(*where);
        add(by_action, feature(point, {{"id", id}, {"name", site_name[id]}, {"colour", css(action_style(action).colour)},
                                       {"radius", 6}, {"popup", popup}}));
    }
    data["layers"].push_back(std::move(by_action));

    std::map<std::string, const Demand*> cell;
    for (const auto& dm : d_.demand) cell.emplace(dm.demand_id, &dm);
    std::map<std::string, network::PlanNearest> nearest;
    if (d_.od)
        for (auto& n : network::plan_nearest(*d_.od, c)) nearest[n.service_key] = std::move(n);

    for (const auto& s : c.value("services", json::array())) {
        const std::string key = string_of(s, "key"), name = service_label(s);
        const double catchment = number(s, "catchment_m");
        for (const bool planned : {false, true}) {
            const auto& providers = planned ? after[key] : before[key];
            const std::string when = t_[planned ? "series.after" : "series.before"];
            json areas = layer(t_.format("wm.layer.areas", {{"service", name}, {"when", when}}), false);
            areas["legend"].push_back({planned ? "#0072B2" : "#9E9E9E", t_.format("wm.legend.area", {{"catchment", metres(catchment)}})});
            for (const auto& sa : d_.service_areas)
                if (sa.service_key == key && providers.contains(sa.site_id) && !sa.geometry.empty())
                    add(areas, feature(sa.geometry, {{"colour", planned ? "#0072B2" : "#9E9E9E"}, {"opacity", 0.25}, {"weight", 0.5},
                                                     {"popup", {site_name[sa.site_id], t_.format("wm.popup.area_of", {{"service", name},
                                                                                                                    {"catchment", metres(sa.distance_m)}})}}}, &geometries));
            data["layers"].push_back(std::move(areas));

            auto found = nearest.find(key);
            if (found == nearest.end()) continue;
            json mesh = layer(t_.format("wm.layer.mesh", {{"service", name}, {"when", when}}), false);
            double from = 0;
            for (const auto& k : kDistanceClasses) {
                mesh["legend"].push_back({k.colour, k.up_to > 1e299 ? t_.format("wm.legend.over", {{"from", metres(from * catchment)}})
                                                                    : t_.format("wm.legend.upto", {{"to", metres(k.up_to * catchment)}})});
                from = k.up_to;
            }
            mesh["legend"].push_back({kNoProvider, t_["wm.legend.none"]});
            for (const auto& n : planned ? found->second.after : found->second.before) {
                auto it = cell.find(n.origin_id);
                if (it == cell.end() || it->second->geometry.empty()) continue;
                std::string colour = kNoProvider;
                json popup{t_.format("wm.popup.cell", {{"id", n.origin_id}}), name};
                if (!n.facility_id.empty()) {
                    for (const auto& k : kDistanceClasses)
                        if (n.distance_m <= k.up_to * catchment) { colour = k.colour; break; }
                    auto nm = site_name.find(n.facility_id);
                    popup.push_back(t_.format("wm.popup.nearest", {{"name", nm == site_name.end() ? n.facility_id : nm->second},
                                                                   {"distance", metres(n.distance_m)}}));
                    popup.push_back(t_[n.distance_m <= catchment ? "wm.popup.covered" : "wm.popup.uncovered"]);
                } else {
                    popup.push_back(t_["wm.legend.none"]);
                }
                add(mesh, feature(it->second->geometry, {{"id", n.origin_id}, {"colour", colour}, {"opacity", 0.55}, {"weight", 0.3},
                                                         {"stroke", "#666666"}, {"distance_m", n.facility_id.empty() ? json() : json(n.distance_m)},
                                                         {"popup", popup}}, &geometries));
            }
            data["layers"].push_back(std::move(mesh));
        }
    }
}

} // namespace shisetsu::report::sections
