#pragma once
// Small geometry helpers over WKB, through OGR/GEOS.
#include "core/model.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shisetsu::gis {

Wkb point_wkb(double x, double y);
// Axis-aligned rectangle as a polygon (a mesh cell).
Wkb rectangle_wkb(double west, double south, double east, double north);
// x, y of a point geometry; nullopt for anything else or empty input.
std::optional<std::pair<double, double>> point_xy(const Wkb& wkb);
// A point inside a (multi)polygon (GEOS point-on-surface), or the point itself.
Wkb representative_point(const Wkb& wkb);
// x, y of the centroid of any geometry (a polygon unit is represented by
// its centroid, network.md); nullopt for empty or unreadable input.
std::optional<std::pair<double, double>> centroid_xy(const Wkb& wkb);
// Polygon → multipolygon; other types unchanged.
Wkb to_multi_polygon(const Wkb& wkb);
bool is_polygonal(const std::string& geometry_type) noexcept;

// A geometry's vertices as paths, for drawing: every ring of every polygon
// (draw with the even-odd rule), every line, or one path with the point(s);
// Z and M dropped. `kind` is the highest dimension met. Empty input gives an
// empty shape; GisError when OGR cannot read the WKB.
struct Paths {
    enum class Kind { empty, point, line, polygon } kind = Kind::empty;
    std::vector<std::vector<std::pair<double, double>>> paths;
};
Paths geometry_paths(const Wkb& wkb);

// The geometry as a GeoJSON geometry object in its own coordinates (a web
// map's longitude, latitude), simplified within `tolerance` in those units
// by GEOS keeping its topology (0: as it is), with `decimals` places.
// GisError when OGR cannot read the WKB.
std::string geojson_geometry(const Wkb& wkb, double tolerance = 0, int decimals = 6);

} // namespace shisetsu::gis
