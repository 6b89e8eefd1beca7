#include "network/graph_impl.hpp"

#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace shisetsu::network {

namespace {

double length(const Point& a, const Point& b) { return std::hypot(b.x - a.x, b.y - a.y); }

// Two lines meet where they share a coordinate after rounding to 1 cm
// (network.md "Network").
struct Key {
    long long x, y;
    bool operator==(const Key&) const = default;
};
struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept {
        return std::hash<long long>()(k.x * 1000003LL ^ k.y);
    }
};
Key key_of(const Point& p) { return {std::llround(p.x * 100.0), std::llround(p.y * 100.0)}; }

struct StopSearch {};

// Stops the search once the nearest unsettled node lies beyond the cut-off;
// records every node it touches so the next run resets only those.
class BoundedVisitor : public boost::default_dijkstra_visitor {
public:
    BoundedVisitor(const std::vector<double>& distance, double cutoff_m, std::vector<std::uint32_t>& touched)
        : distance_(&distance), cutoff_m_(cutoff_m), touched_(&touched) {}
    void discover_vertex(std::size_t v, const Graph&) const { touched_->push_back(static_cast<std::uint32_t>(v)); }
    void examine_vertex(std::size_t v, const Graph&) const {
        if ((*distance_)[v] > cutoff_m_) throw StopSearch{};
    }

private:
    const std::vector<double>* distance_;
    double cutoff_m_;
    std::vector<std::uint32_t>* touched_;
};

Graph make_graph(const std::vector<Edge>& edges, std::size_t node_count, bool reversed) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
    std::vector<Arc> arcs;
    ends.reserve(edges.size() * 2);
    arcs.reserve(edges.size() * 2);
    for (std::uint32_t e = 0; e < edges.size(); ++e) {
        const Edge& edge = edges[e];
        auto add = [&](std::uint32_t from, std::uint32_t to) {
            if (reversed) std::swap(from, to);
            ends.emplace_back(from, to);
            arcs.push_back({edge.length_m, e});
        };
        if (edge.forward) add(edge.source, edge.target);
        if (edge.backward) add(edge.target, edge.source);
    }
    return Graph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), arcs.begin(), node_count);
}

// Splits usable lines at their nodes: end points and vertices that occur more
// than once (in two lines, or twice in one).
void split_lines(const std::vector<Line>& lines, RoadNetwork::Impl& g) {
    std::unordered_map<Key, std::uint32_t, KeyHash> count;
    std::vector<std::vector<Point>> cleaned(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (!line.use.usable()) {
            ++g.report.lines_excluded;
            continue;
        }
        auto& pts = cleaned[i];
        for (const Point& p : line.points)
            if (pts.empty() || !(key_of(pts.back()) == key_of(p))) pts.push_back(p);
        if (pts.size() < 2) {
            ++g.report.lines_degenerate;
            pts.clear();
            continue;
        }
        for (std::size_t k = 0; k < pts.size(); ++k) count[key_of(pts[k])] += (k == 0 || k + 1 == pts.size()) ? 2 : 1;
    }
    std::unordered_map<Key, std::uint32_t, KeyHash> node_of;
    auto node = [&](const Point& p) {
        auto [it, added] = node_of.try_emplace(key_of(p), static_cast<std::uint32_t>(g.nodes.size()));
        if (added) g.nodes.push_back(p);
        return it->second;
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& pts = cleaned[i];
        if (pts.empty()) continue;
        std::size_t start = 0;
        for (std::size_t k = 1; k < pts.size(); ++k) {
            if (count[key_of(pts[k])] < 2) continue;
            Edge e;
            e.source = node(pts[start]);
            e.target = node(pts[k]);
            e.first_point = static_cast<std::uint32_t>(g.points.size());
            // The polyline ends exactly on its nodes' coordinates.
            g.points.push_back(g.nodes[e.source]);
            for (std::size_t m = start + 1; m < k; ++m) g.points.push_back(pts[m]);
            g.points.push_back(g.nodes[e.target]);
            e.point_count = static_cast<std::uint32_t>(g.points.size() - e.first_point);
            for (std::uint32_t m = e.first_point + 1; m < g.points.size(); ++m)
                e.length_m += length(g.points[m - 1], g.points[m]);
            e.road_id = lines[i].road_id;
            e.forward = lines[i].use.forward;
            e.backward = lines[i].use.backward;
            g.edges.push_back(e);
            start = k;
        }
    }
}

// Keeps the largest component: connected, or strongly connected when some
// edge is one-way (a node you can reach but not leave is no use to anyone).
void keep_largest_component(RoadNetwork::Impl& g) {
    const std::size_t n = g.nodes.size();
    std::vector<std::size_t> component(n);
    std::size_t components = 0;
    if (g.directed) {
        Graph graph = make_graph(g.edges, n, false);
        components = boost::strong_components(
            graph, boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, graph)));
    } else {
        std::vector<std::size_t> rank(n), parent(n);
        auto rank_map = boost::make_iterator_property_map(rank.begin(), boost::identity_property_map());
        auto parent_map = boost::make_iterator_property_map(parent.begin(), boost::identity_property_map());
        boost::disjoint_sets<decltype(rank_map), decltype(parent_map)> sets(rank_map, parent_map);
        for (std::size_t v = 0; v < n; ++v) sets.make_set(v);
        for (const Edge& e : g.edges) sets.union_set(e.source, e.target);
        std::unordered_map<std::size_t, std::size_t> number;
        for (std::size_t v = 0; v < n; ++v) {
            auto [it, added] = number.try_emplace(sets.find_set(v), number.size());
            component[v] = it->second;
        }
        components = number.size();
    }
    g.report.components = static_cast<long long>(components);
    if (components <= 1) return;
    std::vector<std::size_t> size(components, 0);
    for (std::size_t c : component) ++size[c];
    const std::size_t largest = static_cast<std::size_t>(std::max_element(size.begin(), size.end()) - size.begin());

    std::vector<std::uint32_t> renumber(n, UINT32_MAX);
    std::vector<Point> nodes;
    for (std::size_t v = 0; v < n; ++v)
        if (component[v] == largest) {
            renumber[v] = static_cast<std::uint32_t>(nodes.size());
            nodes.push_back(g.nodes[v]);
        }
    g.report.nodes_dropped = static_cast<long long>(n - nodes.size());
    std::vector<Edge> edges;
    std::vector<Point> points;
    for (const Edge& e : g.edges) {
        if (renumber[e.source] == UINT32_MAX || renumber[e.target] == UINT32_MAX) {
            ++g.report.edges_dropped;
            g.report.length_dropped_m += e.length_m;
            continue;
        }
        Edge kept = e;
        kept.source = renumber[e.source];
        kept.target = renumber[e.target];
        kept.first_point = static_cast<std::uint32_t>(points.size());
        points.insert(points.end(), g.points.begin() + e.first_point,
                      g.points.begin() + e.first_point + e.point_count);
        edges.push_back(kept);
    }
    g.nodes = std::move(nodes);
    g.edges = std::move(edges);
    g.points = std::move(points);
}

} // namespace

const std::vector<double>& Search::run(const Graph& graph, const std::vector<Seed>& seeds, double cutoff_m) {
    for (std::uint32_t v : touched_) distance_[v] = kUnreached;
    touched_.clear();
    // A node may be a seed twice (both ends of a loop edge): keep the nearer.
    std::vector<std::size_t> sources;
    for (const Seed& s : seeds) {
        if (distance_[s.node] == kUnreached) sources.push_back(s.node);
        distance_[s.node] = std::min(distance_[s.node], s.distance_m);
    }
    if (sources.empty()) return distance_;
    auto index = get(boost::vertex_index, graph);
    boost::two_bit_color_map<decltype(index)> color(num_vertices(graph), index);
    BoundedVisitor visitor(distance_, cutoff_m, touched_);
    try {
        boost::dijkstra_shortest_paths_no_init(
            graph, sources.begin(), sources.end(), boost::dummy_property_map(),
            boost::make_iterator_property_map(distance_.begin(), index), get(&Arc::length_m, graph), index,
            std::less<double>(), boost::closed_plus<double>(kUnreached), 0.0, visitor, color);
    } catch (const StopSearch&) {
    }
    return distance_;
}

std::vector<Point> RoadNetwork::Impl::polyline_part(std::uint32_t e, double from_m, double to_m) const {
    const Edge& edge = edges[e];
    std::vector<Point> out;
    double at = 0;
    for (std::uint32_t k = 1; k < edge.point_count; ++k) {
        const Point& a = points[edge.first_point + k - 1];
        const Point& b = points[edge.first_point + k];
        double len = length(a, b);
        double s0 = std::max(from_m, at), s1 = std::min(to_m, at + len);
        if (s1 >= s0 && len > 0) {
            auto lerp = [&](double s) {
                double t = (s - at) / len;
                return Point{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
            };
            Point p0 = lerp(s0);
            if (out.empty() || out.back().x != p0.x || out.back().y != p0.y) out.push_back(p0);
            out.push_back(lerp(s1));
        }
        at += len;
    }
    return out;
}

std::vector<Seed> RoadNetwork::Impl::exits(const Location& at) const {
    const Edge& e = edges[at.edge];
    std::vector<Seed> out;
    if (e.backward) out.push_back({e.source, at.offset_m});
    if (e.forward) out.push_back({e.target, e.length_m - at.offset_m});
    return out;
}

std::vector<Seed> RoadNetwork::Impl::entries(const Location& at) const {
    const Edge& e = edges[at.edge];
    std::vector<Seed> out;
    if (e.forward) out.push_back({e.source, at.offset_m});
    if (e.backward) out.push_back({e.target, e.length_m - at.offset_m});
    return out;
}

double RoadNetwork::Impl::along_edge(const Location& from, const Location& to) const {
    if (from.edge != to.edge) return kUnreached;
    const Edge& e = edges[from.edge];
    if (to.offset_m >= from.offset_m && e.forward) return to.offset_m - from.offset_m;
    if (to.offset_m <= from.offset_m && e.backward) return from.offset_m - to.offset_m;
    return kUnreached;
}

RoadNetwork RoadNetwork::build(const std::vector<Line>& lines, bool keep_largest) {
    auto g = std::make_unique<Impl>();
    split_lines(lines, *g);
    g->directed = std::any_of(g->edges.begin(), g->edges.end(), [](const Edge& e) { return !e.forward || !e.backward; });
    const long long nodes_before = static_cast<long long>(g->nodes.size());
    if (keep_largest) keep_largest_component(*g);
    else g->report.components = -1;  // not computed
    g->report.nodes = static_cast<long long>(g->nodes.size());
    g->report.nodes_dropped = nodes_before - g->report.nodes;
    g->report.edges = static_cast<long long>(g->edges.size());
    for (const Edge& e : g->edges) g->report.length_m += e.length_m;

    g->forward = make_graph(g->edges, g->nodes.size(), false);
    if (g->directed) g->reverse = make_graph(g->edges, g->nodes.size(), true);

    std::vector<Piece> pieces;
    pieces.reserve(g->points.size());
    for (std::uint32_t e = 0; e < g->edges.size(); ++e) {
        const Edge& edge = g->edges[e];
        double at = 0;
        for (std::uint32_t k = 1; k < edge.point_count; ++k) {
            const Point& a = g->points[edge.first_point + k - 1];
            const Point& b = g->points[edge.first_point + k];
            pieces.push_back({BSegment(BPoint(a.x, a.y), BPoint(b.x, b.y)), {e, at}});
            at += length(a, b);
        }
    }
    g->pieces = bgi::rtree<Piece, bgi::rstar<16>>(pieces);  // packed bulk load
    return RoadNetwork(std::move(g));
}

RoadNetwork::RoadNetwork(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RoadNetwork::RoadNetwork(RoadNetwork&&) noexcept = default;
RoadNetwork& RoadNetwork::operator=(RoadNetwork&&) noexcept = default;
RoadNetwork::~RoadNetwork() = default;

const GraphReport& RoadNetwork::report() const noexcept { return impl_->report; }
std::size_t RoadNetwork::node_count() const noexcept { return impl_->nodes.size(); }
std::size_t RoadNetwork::edge_count() const noexcept { return impl_->edges.size(); }

Location RoadNetwork::snap(Point p, double max_snap_m) const {
    Location loc;
    std::vector<Piece> nearest;
    impl_->pieces.query(bgi::nearest(BPoint(p.x, p.y), 1), std::back_inserter(nearest));
    if (nearest.empty()) return loc;
    // Perpendicular projection onto the piece, clamped to its ends.
    const auto& seg = nearest.front().first;
    const Point a{bg::get<0, 0>(seg), bg::get<0, 1>(seg)}, b{bg::get<1, 0>(seg), bg::get<1, 1>(seg)};
    const Projection on = project_onto_segment(p, a, b);
    loc.snapped = on.at;
    loc.access_m = length(p, loc.snapped);
    loc.edge = nearest.front().second.first;
    loc.offset_m = std::min(nearest.front().second.second + on.t * length(a, b), impl_->edges[loc.edge].length_m);
    loc.reachable = loc.access_m <= max_snap_m;
    return loc;
}

std::optional<double> RoadNetwork::network_distance(const Location& from, const Location& to) const {
    if (!from.reachable || !to.reachable) return std::nullopt;
    Search search(impl_->nodes.size());
    const auto& d = search.run(impl_->forward, impl_->exits(from), kUnreached);
    double best = impl_->along_edge(from, to);
    for (const Seed& s : impl_->entries(to)) best = std::min(best, d[s.node] + s.distance_m);
    if (best == kUnreached) return std::nullopt;
    return best;
}

std::optional<double> RoadNetwork::distance(const Location& from, const Location& to) const {
    auto n = network_distance(from, to);
    if (!n) return std::nullopt;
    return from.access_m + *n + to.access_m;
}

} // namespace shisetsu::network
