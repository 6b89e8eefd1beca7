#pragma once
// Inside the network library: the Boost.Graph CSR graphs, the rtree and the
// bounded multi-source Dijkstra shared by distances and service areas.
#include "network/graph.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <limits>
#include <utility>
#include <vector>

namespace shisetsu::network {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

// A road segment between two nodes, with its polyline.
struct Edge {
    std::uint32_t source = 0, target = 0;
    double length_m = 0;
    std::uint32_t first_point = 0, point_count = 0;  // into Impl::points
    long long road_id = 0;
    bool forward = true, backward = true;
};

struct Arc {
    double length_m = 0;
    std::uint32_t edge = 0;
};

using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc>;
using BPoint = bg::model::d2::point_xy<double>;
using BSegment = bg::model::segment<BPoint>;
// One straight piece of an edge's polyline: the edge and the offset of the
// piece's first point along it.
using Piece = std::pair<BSegment, std::pair<std::uint32_t, double>>;

constexpr double kUnreached = std::numeric_limits<double>::infinity();

// The perpendicular projection of p onto the segment a–b, clamped to its
// ends: the point and its share t ∈ [0, 1] of the way from a to b.
struct Projection {
    Point at;
    double t = 0;
};
inline Projection project_onto_segment(Point p, Point a, Point b) {
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return {{a.x + t * dx, a.y + t * dy}, t};
}

// A start of a search: a node reached at a distance already travelled.
struct Seed {
    std::uint32_t node = 0;
    double distance_m = 0;
};

struct RoadNetwork::Impl {
    std::vector<Point> nodes;
    std::vector<Point> points;
    std::vector<Edge> edges;
    Graph forward;            // arcs in the direction of travel
    Graph reverse;            // the same arcs reversed (only when directed)
    bool directed = false;    // some edge is one-way
    bgi::rtree<Piece, bgi::rstar<16>> pieces;
    GraphReport report;

    const Graph& towards_seeds() const noexcept { return directed ? reverse : forward; }

    // The point of edge e at `offset` metres from its source, and the part of
    // its polyline between two offsets (for service areas).
    std::vector<Point> polyline_part(std::uint32_t e, double from_m, double to_m) const;

    // Seeds for travel *from* a location (the nodes its edge leads to) and
    // *to* a location (the nodes from which its edge leads to it).
    std::vector<Seed> exits(const Location& at) const;
    std::vector<Seed> entries(const Location& at) const;
    // Along one edge without passing a node; kUnreached when not allowed.
    double along_edge(const Location& from, const Location& to) const;
};

// Bounded multi-source Dijkstra (Boost.Graph): distances from the seeds over
// `graph`, exact up to cutoff_m; beyond it kUnreached or a value > cutoff_m.
// One Search per thread: it keeps its buffers between runs.
class Search {
public:
    explicit Search(std::size_t nodes) : distance_(nodes, kUnreached) {}
    const std::vector<double>& run(const Graph& graph, const std::vector<Seed>& seeds, double cutoff_m);
    // Nodes the last run reached (settled or not).
    const std::vector<std::uint32_t>& touched() const noexcept { return touched_; }
    // The distances of the last run.
    const std::vector<double>& distances() const noexcept { return distance_; }

private:
    std::vector<double> distance_;
    std::vector<std::uint32_t> touched_;
};

// The parts of the network within `budget` of location `at` (a service
// area before buffering), from a search run towards `at` over
// towards_seeds() from its entries with at least that budget: the one search
// serves the OD table and the service areas (network.md "Service areas at
// city size").
std::vector<std::vector<Point>> reachable_parts_from(const RoadNetwork::Impl& g, const Location& at, const Search& search,
                                                     double budget);

} // namespace shisetsu::network
