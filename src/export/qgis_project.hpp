#pragma once
// A QGIS project (.qgs) over the exported GeoPackage: layers grouped, styled
// from gis/*.qml, labelled, zoomed to the ward, with a relative path.
#include <array>
#include <string>
#include <vector>

namespace shisetsu::exporter {

struct ProjectLayer {
    std::string name;            // table in the GeoPackage (and gis/<name>.qml)
    std::string title;           // shown in the layer tree
    std::string geometry_type;   // Point, LineString, MultiPolygon
    std::string style;           // gis/<style>.qml
};

struct ProjectLayers {
    std::string gpkg_path;
    std::string work_crs;        // the project's map CRS (plane-rectangular zone)
    std::string title;
    std::vector<ProjectLayer> layers;
    std::array<double, 4> extent{};  // lon/lat: west, south, east, north
    std::string postgis_db;      // non-empty: layers from the server (postgis_layers.hpp), not the file
};

void write_qgis_project(const std::string& path, const ProjectLayers& project);

// A QML style in the current language: Japanese as kept in gis/, English
// through gis/strings_en.json (aliases, category labels, legend texts).
std::string localise_style(const std::string& qml);
// gis/<style>.qml in the current language.
std::string read_style(const std::string& style);

} // namespace shisetsu::exporter
