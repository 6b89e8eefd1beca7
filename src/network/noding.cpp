#include "network/noding.hpp"

#include "network/graph_impl.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace shisetsu::network {

namespace {

// Two lines meet where they share a coordinate after rounding to 1 cm
// (network.md "Network"); the same tolerance says what touches.
constexpr double kTouchM = 0.01;

using BLine = bg::model::linestring<BPoint>;
using BBox = bg::model::box<BPoint>;
using SegmentValue = std::pair<BSegment, std::pair<std::uint32_t, std::uint32_t>>;  // line, segment

struct Key {
    long long x, y;
    bool operator==(const Key&) const = default;
};
struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept { return std::hash<long long>()(k.x * 1000003LL ^ k.y); }
};
Key key_of(const Point& p) { return {std::llround(p.x * 100.0), std::llround(p.y * 100.0)}; }
double length(const Point& a, const Point& b) { return std::hypot(b.x - a.x, b.y - a.y); }

// Where two lines meet off a vertex they share (the graph would not connect
// them there).
struct Crossing {
    std::uint32_t a = 0, b = 0;
    Point at;
    bool level = false;  // a bridge or tunnel is one of the two: kept apart
};

struct Layer {
    std::vector<std::vector<Point>> points;  // consecutive duplicates removed; empty = degenerate
    std::vector<int> level;
    bgi::rtree<SegmentValue, bgi::rstar<16>> segments;
    std::vector<Crossing> crossings;
    LayerSurvey survey;
};

// The vertex of a line within 1 cm of p, if any.
std::optional<Point> vertex_near(const std::vector<Point>& line, const Point& p) {
    for (const auto& v : line)
        if (length(v, p) <= kTouchM) return v;
    return std::nullopt;
}

bool ends_at(const std::vector<Point>& line, const Point& p) {
    return length(line.front(), p) <= kTouchM || length(line.back(), p) <= kTouchM;
}

Layer prepare(const std::vector<LayerLine>& lines) {
    Layer layer;
    layer.points.resize(lines.size());
    layer.level.resize(lines.size());
    std::vector<SegmentValue> segments;
    for (std::uint32_t i = 0; i < lines.size(); ++i) {
        layer.level[i] = lines[i].level;
        auto& pts = layer.points[i];
        for (const auto& p : lines[i].points)
            if (pts.empty() || !(key_of(pts.back()) == key_of(p))) pts.push_back(p);
        if (pts.size() < 2) {
            pts.clear();
            ++layer.survey.degenerate;
            continue;
        }
        ++layer.survey.lines;
        for (std::uint32_t k = 1; k < pts.size(); ++k)
            segments.push_back({BSegment(BPoint(pts[k - 1].x, pts[k - 1].y), BPoint(pts[k].x, pts[k].y)), {i, k - 1}});
    }
    layer.segments = bgi::rtree<SegmentValue, bgi::rstar<16>>(segments.begin(), segments.end());

    // Crossings segment by segment (Boost.Geometry): two segments of different
    // lines that meet where neither has an end shared with the other. Pairs
    // meeting at a shared vertex are what the graph connects already.
    std::vector<Crossing> found;
    std::vector<SegmentValue> near;
    bg::model::multi_point<BPoint> meet;
    for (const auto& [segment, where] : segments) {
        const std::uint32_t a = where.first;
        near.clear();
        layer.segments.query(bgi::intersects(bg::return_envelope<BBox>(segment)), std::back_inserter(near));
        const Key a0 = key_of({bg::get<0, 0>(segment), bg::get<0, 1>(segment)}), a1 = key_of({bg::get<1, 0>(segment), bg::get<1, 1>(segment)});
        for (const auto& [other, other_where] : near) {
            const std::uint32_t b = other_where.first;
            if (b <= a) continue;
            const Key b0 = key_of({bg::get<0, 0>(other), bg::get<0, 1>(other)}), b1 = key_of({bg::get<1, 0>(other), bg::get<1, 1>(other)});
            if (a0 == b0 || a0 == b1 || a1 == b0 || a1 == b1 || !bg::intersects(segment, other)) continue;
            BLine sa{segment.first, segment.second}, sb{other.first, other.second};
            meet.clear();
            bg::intersection(sa, sb, meet);
            for (const auto& p : meet) {
                const Point at{bg::get<0>(p), bg::get<1>(p)};
                // A bridge or tunnel crossing a road is no junction; one
                // ending on a road (or a road ending on it) is.
                const bool level = (layer.level[a] != 0 || layer.level[b] != 0) && !ends_at(layer.points[a], at) &&
                                   !ends_at(layer.points[b], at);
                found.push_back({a, b, at, level});
            }
        }
    }
    // One crossing per pair of lines and point (a point on a vertex of one
    // line is found from both of its segments).
    auto order = [](const Crossing& x, const Crossing& y) {
        const Key kx = key_of(x.at), ky = key_of(y.at);
        return std::tie(x.a, x.b, kx.x, kx.y) < std::tie(y.a, y.b, ky.x, ky.y);
    };
    std::sort(found.begin(), found.end(), order);
    for (std::size_t i = 0; i < found.size(); ++i) {
        const Crossing& c = found[i];
        if (i > 0 && found[i - 1].a == c.a && found[i - 1].b == c.b && key_of(found[i - 1].at) == key_of(c.at)) continue;
        ++(c.level ? layer.survey.level_crossings : layer.survey.crossings_without_node);
        layer.crossings.push_back(c);
    }

    // Ends that touch no other line (a closed line's ends touch each other).
    for (std::uint32_t i = 0; i < lines.size(); ++i) {
        const auto& pts = layer.points[i];
        if (pts.empty()) continue;
        layer.survey.line_ends += 2;
        if (key_of(pts.front()) == key_of(pts.back())) continue;
        for (const Point& p : {pts.front(), pts.back()}) {
            BBox around(BPoint(p.x - kTouchM, p.y - kTouchM), BPoint(p.x + kTouchM, p.y + kTouchM));
            bool touches = false;
            for (auto it = layer.segments.qbegin(bgi::intersects(around)); it != layer.segments.qend() && !touches; ++it) {
                if (it->second.first == i) continue;
                const Point s0{bg::get<0, 0>(it->first), bg::get<0, 1>(it->first)};
                const Point s1{bg::get<1, 0>(it->first), bg::get<1, 1>(it->first)};
                touches = length(project_onto_segment(p, s0, s1).at, p) <= kTouchM;
            }
            if (!touches) ++layer.survey.dangling_ends;
        }
    }
    return layer;
}

} // namespace

LayerSurvey survey_layer(const std::vector<LayerLine>& lines) { return prepare(lines).survey; }

NodingResult node_layer(const std::vector<LayerLine>& lines, const NodingOptions& options) {
    const double snap_m = options.snap_m;
    Layer layer = prepare(lines);
    NodingResult out;
    out.before = layer.survey;
    const auto& pts = layer.points;

    // Points to add to each line, by segment and position along it.
    struct Insert {
        std::uint32_t segment;
        double t;
        Point at;
    };
    std::vector<std::vector<Insert>> inserts(lines.size());
    // Occurrences of each 1 cm key among every line's vertices, inserted
    // points and joined ends: an end seen twice is connected.
    std::unordered_map<Key, int, KeyHash> occurrences;
    for (const auto& line : pts)
        for (const auto& p : line) ++occurrences[key_of(p)];
    auto add_vertex = [&](std::uint32_t line, const Point& p) {
        const auto& v = pts[line];
        if (std::any_of(v.begin(), v.end(), [&](const Point& q) { return key_of(q) == key_of(p); })) return;
        for (const auto& ins : inserts[line])
            if (key_of(ins.at) == key_of(p)) return;
        std::uint32_t best = 0;
        double best_d = HUGE_VAL, best_t = 0;
        for (std::uint32_t k = 1; k < v.size(); ++k) {
            auto on = project_onto_segment(p, v[k - 1], v[k]);
            double d = length(on.at, p);
            if (d < best_d) best_d = d, best = k - 1, best_t = on.t;
        }
        inserts[line].push_back({best, best_t, p});
        ++occurrences[key_of(p)];
    };

    // 1. Crossings of ground-level lines: one shared vertex, at a vertex one
    // of the two already has when there is one within 1 cm.
    for (const auto& c : layer.crossings) {
        if (c.level) continue;
        Point at = vertex_near(pts[c.a], c.at).value_or(vertex_near(pts[c.b], c.at).value_or(c.at));
        add_vertex(c.a, at);
        add_vertex(c.b, at);
        ++out.crossings_noded;
    }

    // 2. Ends that meet nothing, joined to the nearest line within snap_m.
    std::vector<std::optional<Point>> extend_front(lines.size()), extend_back(lines.size());
    for (std::uint32_t a = 0; a < lines.size(); ++a) {
        if (pts[a].empty()) continue;
        for (int end = 0; end < 2; ++end) {
            const Point p = end == 0 ? pts[a].front() : pts[a].back();
            if (occurrences[key_of(p)] >= 2) continue;
            BBox around(BPoint(p.x - snap_m, p.y - snap_m), BPoint(p.x + snap_m, p.y + snap_m));
            std::optional<std::tuple<double, std::uint32_t, std::uint32_t>> best;  // distance, line, segment
            Point target;
            for (auto it = layer.segments.qbegin(bgi::intersects(around)); it != layer.segments.qend(); ++it) {
                const std::uint32_t b = it->second.first, k = it->second.second;
                if (b == a) continue;
                const Point s0{bg::get<0, 0>(it->first), bg::get<0, 1>(it->first)};
                const Point s1{bg::get<1, 0>(it->first), bg::get<1, 1>(it->first)};
                std::optional<Point> q;
                if (layer.level[b] == layer.level[a]) {
                    q = project_onto_segment(p, s0, s1).at;
                } else {
                    // Another level only where that line ends.
                    if (k == 0) q = s0;
                    if (k + 2 == pts[b].size() && (!q || length(s1, p) < length(*q, p))) q = s1;
                }
                if (!q) continue;
                const double d = length(*q, p);
                if (d > snap_m) continue;
                auto candidate = std::make_tuple(d, b, k);
                if (!best || candidate < *best) best = candidate, target = *q;
            }
            if (!best) continue;
            const std::uint32_t b = std::get<1>(*best);
            target = vertex_near(pts[b], target).value_or(target);
            add_vertex(b, target);
            (end == 0 ? extend_front : extend_back)[a] = target;
            ++occurrences[key_of(target)];
            ++occurrences[key_of(p)];
            ++out.ends_joined;
        }
    }

    // 3. Bridges cut by the map's clipping: pairs of bridge ends that still
    // touch nothing, of one class and level, facing each other across at most
    // bridge_gap_m; the nearest pairs first, each end once.
    if (options.bridge_gap_m > 0) {
        struct BridgeEnd {
            std::uint32_t line;
            int end;
            Point at, outward;  // outward: unit direction leaving the line at this end
        };
        std::vector<BridgeEnd> ends;
        for (std::uint32_t a = 0; a < lines.size(); ++a) {
            if (pts[a].empty() || layer.level[a] <= 0) continue;
            for (int end = 0; end < 2; ++end) {
                if ((end == 0 ? extend_front : extend_back)[a]) continue;
                const Point p = end == 0 ? pts[a].front() : pts[a].back();
                const Point q = end == 0 ? pts[a][1] : pts[a][pts[a].size() - 2];
                if (occurrences[key_of(p)] >= 2) continue;
                const double len = length(p, q);
                ends.push_back({a, end, p, {(p.x - q.x) / len, (p.y - q.y) / len}});
            }
        }
        const double cos_max = std::cos(options.bridge_gap_angle_deg * M_PI / 180.0);
        std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
        for (std::size_t i = 0; i < ends.size(); ++i)
            for (std::size_t k = i + 1; k < ends.size(); ++k) {
                const BridgeEnd &e = ends[i], &f = ends[k];
                if (e.line == f.line || layer.level[e.line] != layer.level[f.line] ||
                    lines[e.line].road_class != lines[f.line].road_class)
                    continue;
                const double gap = length(e.at, f.at);
                if (gap > options.bridge_gap_m || gap <= kTouchM) continue;
                const Point u{(f.at.x - e.at.x) / gap, (f.at.y - e.at.y) / gap};
                if (e.outward.x * u.x + e.outward.y * u.y < cos_max || -(f.outward.x * u.x + f.outward.y * u.y) < cos_max) continue;
                pairs.emplace_back(gap, i, k);
            }
        std::sort(pairs.begin(), pairs.end());
        std::vector<char> used(ends.size(), 0);
        for (const auto& [gap, i, k] : pairs) {
            if (used[i] || used[k]) continue;
            used[i] = used[k] = 1;
            const BridgeEnd &e = ends[i], &f = ends[k];
            (e.end == 0 ? extend_front : extend_back)[e.line] = f.at;
            ++occurrences[key_of(f.at)];
            ++out.bridge_gaps_joined;
        }
    }

    // 4. The lines with their new vertices.
    out.lines.resize(lines.size());
    for (std::uint32_t i = 0; i < lines.size(); ++i) {
        if (pts[i].empty()) continue;
        auto& ins = inserts[i];
        std::sort(ins.begin(), ins.end(), [](const Insert& x, const Insert& y) { return std::tie(x.segment, x.t) < std::tie(y.segment, y.t); });
        std::vector<Point> line;
        auto push = [&](const Point& p) {
            if (line.empty() || !(key_of(line.back()) == key_of(p))) line.push_back(p);
        };
        if (extend_front[i]) push(*extend_front[i]);
        std::size_t next = 0;
        for (std::uint32_t k = 0; k < pts[i].size(); ++k) {
            push(pts[i][k]);
            for (; next < ins.size() && ins[next].segment == k; ++next) push(ins[next].at);
        }
        if (extend_back[i]) push(*extend_back[i]);
        out.lines[i] = std::move(line);
    }
    return out;
}

} // namespace shisetsu::network
