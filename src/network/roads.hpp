#pragma once
// Road lines in and out of the project database: `shisetsu import DB roads
// FILE` (OSM .osm/.osm.pbf through GDAL's OSM driver, 基盤地図情報 road centre
// lines, any line layer) and the graph built from the stored lines.
#include "inventory/importer.hpp"
#include "network/graph.hpp"
#include "network/profile.hpp"
#include "storage/store.hpp"

#include <string>
#include <vector>

namespace shisetsu::network {

// Replaces the project's road network with the lines of one file, in one
// transaction; reports what a `walk` graph of it keeps and drops.
inventory::ImportReport import_roads(Store& store, const inventory::ImportRequest& request);

// The work CRS distances are measured in: the project's, else the
// plane-rectangular zone of what the project holds.
std::string work_crs(Store& store);

// Stored roads as lines in the work CRS with their use under `profile`.
std::vector<Line> road_lines(const std::vector<Road>& roads, const Profile& profile, const std::string& work_crs);

// Vertices of a LINESTRING / MULTILINESTRING WKB (parts one after another).
std::vector<std::vector<Point>> line_parts(const Wkb& wkb);

} // namespace shisetsu::network
