#pragma once
// Service areas (network.md "What it computes"): for a site, the network
// reachable within a service's catchment, buffered and dissolved into a
// polygon through GEOS; a circle of catchment ÷ detour without a network.
#include "network/graph.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shisetsu::network {

struct AreaJob {
    std::string site_id;
    std::string service_key;
    Point xy;                  // work CRS
    double catchment_m = 0;
    // The reachable network, when the OD table's search already found it
    // (od.hpp: OdOptions::area_catchments); else searched here.
    std::optional<std::vector<std::vector<Point>>> parts;
};

// Polygons in EPSG:6668. `network` null: straight-line mode. A site farther
// than max_snap from every road, or whose access leg alone exceeds the
// catchment, gets no area.
std::vector<ServiceArea> service_areas(const RoadNetwork* network, const std::vector<AreaJob>& jobs,
                                       const std::string& work_crs, double buffer_m, double max_snap_m,
                                       double detour_factor, unsigned threads = 0);

// The reachable parts of the network as polylines in the work CRS (the
// network part of a service area, before buffering).
std::vector<std::vector<Point>> reachable_parts(const RoadNetwork& network, Point site, double catchment_m,
                                                double max_snap_m);

} // namespace shisetsu::network
