#pragma once
// Just enough WKB to draw: points, lines and polygons as lists of paths
// (rings or lines), in the order they come (private to the report module).
#include "core/model.hpp"

#include <utility>
#include <vector>

namespace shisetsu::report {

struct Shape {
    enum class Kind { empty, point, line, polygon } kind = Kind::empty;
    // Every ring of every polygon (draw with the even-odd rule), every line,
    // or one path with the point(s).
    std::vector<std::vector<std::pair<double, double>>> paths;
};

// Throws GisError on malformed input; an empty blob is an empty shape.
Shape parse_wkb(const Wkb& wkb);

} // namespace shisetsu::report
