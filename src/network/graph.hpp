#pragma once
// The road graph (network.md "Network", "Snapping and distance"): nodes are
// line end points and shared vertices after rounding to 1 cm; a two-way road
// is two directed arcs of an immutable Boost.Graph CSR graph; points snap to
// the nearest point of the nearest segment through a Boost.Geometry rtree.
// Boost headers stay in graph_impl.hpp, inside the library.
#include "network/profile.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace shisetsu::network {

// A position in the work CRS (metres, plane-rectangular).
struct Point {
    double x = 0, y = 0;
};

// A road line in work-CRS coordinates, with its use under the chosen profile.
struct Line {
    std::vector<Point> points;
    RoadUse use;
    long long road_id = 0;
};

// What building the graph kept and what it dropped (network.md: nodes not
// connected to the largest component are reported and, by default, dropped).
struct GraphReport {
    long long lines_excluded = 0;     // excluded by the profile
    long long lines_degenerate = 0;   // fewer than two distinct points
    long long components = 0;
    long long nodes = 0, edges = 0;   // kept
    long long nodes_dropped = 0, edges_dropped = 0;
    double length_m = 0;              // kept, each road once
    double length_dropped_m = 0;
    double dropped_length_share() const noexcept {
        return length_m + length_dropped_m > 0 ? length_dropped_m / (length_m + length_dropped_m) : 0.0;
    }
};

// Where a point meets the network: the nearest point of the nearest edge.
struct Location {
    bool reachable = false;    // within max_snap of an edge
    std::uint32_t edge = 0;    // edge index
    double offset_m = 0;       // along the edge from its source node
    double access_m = 0;       // straight line from the point to the snapped point
    Point snapped;
};

class RoadNetwork {
public:
    struct Impl;

    // Lines whose use is empty are left out; `keep_largest` drops what is not
    // connected to the largest component (strongly connected when some road
    // is one-way under the profile).
    static RoadNetwork build(const std::vector<Line>& lines, bool keep_largest = true);

    RoadNetwork(RoadNetwork&&) noexcept;
    RoadNetwork& operator=(RoadNetwork&&) noexcept;
    ~RoadNetwork();

    const GraphReport& report() const noexcept;
    std::size_t node_count() const noexcept;
    std::size_t edge_count() const noexcept;

    // Snaps to the nearest edge; unreachable beyond max_snap_m.
    Location snap(Point p, double max_snap_m) const;

    // Shortest distance from one snapped location to another along the
    // network, without the access legs; nullopt if there is no path.
    std::optional<double> network_distance(const Location& from, const Location& to) const;
    // Access leg + network + access leg (network.md "Snapping and distance").
    std::optional<double> distance(const Location& from, const Location& to) const;

    const Impl& impl() const noexcept { return *impl_; }

private:
    explicit RoadNetwork(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace shisetsu::network
