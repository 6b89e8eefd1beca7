#pragma once
// Real line layers (network.md "Real line layers", revision 2). Road layers
// made for maps cross without a shared vertex and stop a metre short of the
// road they meet. survey_layer() measures that; node_layer() gives every
// crossing of two ground-level lines a shared vertex (the crossing points come
// from Boost.Geometry, segment by segment through its rtree) and joins each line end that touches nothing to the
// nearest line within snap_m (and bridges cut by the map's clipping across
// their gap). Lines stay one per input line: the graph splits
// them at shared vertices (graph.hpp), so a road keeps its attributes.
#include "network/graph.hpp"

#include <string>
#include <vector>

namespace shisetsu::network {

// One line of a layer in the work CRS, with its level: 0 on the ground,
// else a bridge (> 0), a tunnel (< 0) or an explicit layer; and its road
// class (highway, OpenMapTiles class …).
struct LayerLine {
    std::vector<Point> points;
    int level = 0;
    std::string road_class;
};

struct NodingOptions {
    double snap_m = 2.0;               // join a line end to the nearest line within this
    // A bridge cut where the map was clipped (the water under it lies outside
    // the mapped area) is joined across its gap: two ends of bridges of one
    // class and level that still touch nothing, facing each other within
    // bridge_gap_angle_deg, at most bridge_gap_m apart. 0 turns it off.
    double bridge_gap_m = 0.0;
    double bridge_gap_angle_deg = 20.0;
};

// Where two lines touch or cross at a point that is not a vertex of both
// (what the graph would not connect).
struct LayerSurvey {
    long long lines = 0;
    long long degenerate = 0;              // fewer than two distinct vertices at 1 cm
    long long line_ends = 0;               // of the other lines, two each
    long long dangling_ends = 0;           // ends within 1 cm of no other line
    long long crossings_without_node = 0;  // ground-level lines meeting off a shared vertex
    long long level_crossings = 0;         // crossings with a bridge or tunnel (kept apart)
    double dangling_share() const noexcept {
        return line_ends > 0 ? static_cast<double>(dangling_ends) / static_cast<double>(line_ends) : 0.0;
    }
};

struct NodingResult {
    // One per input line, in order; empty for a degenerate line (dropped).
    std::vector<std::vector<Point>> lines;
    LayerSurvey before;
    long long crossings_noded = 0;   // points where two lines were given a shared vertex
    long long ends_joined = 0;       // dangling ends joined to a line within snap_m
    long long bridge_gaps_joined = 0;
};

LayerSurvey survey_layer(const std::vector<LayerLine>& lines);

// A line end joins another line of its own level anywhere along it, and a
// line of another level (a bridge's approach, a tunnel mouth) only at that
// line's end.
NodingResult node_layer(const std::vector<LayerLine>& lines, const NodingOptions& options);

} // namespace shisetsu::network
