#pragma once
// The origin–destination table (network.md "What it computes"): every pair
// within the cut-off, on the network (one bounded multi-source search per
// destination or per origin, whichever are fewer, on all cores) or as the
// straight line × detour factor when there is no network.
#include "network/graph.hpp"
#include "storage/store.hpp"

#include <string>
#include <vector>

namespace shisetsu::network {

// A demand point or a facility/site, in the work CRS.
struct Place {
    std::string id;
    Point xy;
};

struct OdOptions {
    double cutoff_m = 5000;
    double max_snap_m = 500;
    double detour_factor = 1.3;
    unsigned threads = 0;        // 0: every core
    // Service areas from the same searches: for destination k, the
    // catchments whose reachable network is wanted (network.md "Service areas
    // at city size"). Used when the search runs per destination.
    std::vector<std::vector<double>> area_catchments;
};

// A point farther than max_snap from every road.
struct Unsnapped {
    std::string id;
    bool origin = true;
    double snap_distance_m = 0;
};

struct OdMatrix {
    std::string mode;                  // "network" or "straight_line"
    std::vector<OdPair> pairs;         // sorted by origin, then destination
    std::vector<Unsnapped> unsnapped;  // network mode only
    std::string searched_from;         // "destinations" or "origins"
    // [destination][k]: the network within area_catchments[destination][k]
    // (empty when the search ran per origin: no search per destination).
    std::vector<std::vector<std::vector<std::vector<Point>>>> area_parts;
    long long searches = 0;
    double snap_s = 0, search_s = 0;
};

OdMatrix od_by_network(const RoadNetwork& network, const std::vector<Place>& origins,
                       const std::vector<Place>& destinations, const OdOptions& options);

OdMatrix od_by_straight_line(const std::vector<Place>& origins, const std::vector<Place>& destinations,
                             const OdOptions& options);

} // namespace shisetsu::network
