#pragma once
// The exported layers on the project's PostgreSQL server (`export
// --qgs-source postgis`): the GeoPackage's layers copied into the schema
// `qgis` of the project database, so a QGIS project can read them from the
// server, where every planner sees the same ones.
#include <string>
#include <vector>

namespace shisetsu::exporter {

inline constexpr const char* kPostgisSchema = "qgis";

// Copies `layers` of the GeoPackage into schema `qgis` of the PostgreSQL
// database `db` (replacing the previous copies) through GDAL.
void publish_layers(const std::string& gpkg_path, const std::vector<std::string>& layers, const std::string& db);

// A QGIS datasource (provider "postgres") for one published layer; no
// password (QGIS asks for it or finds it in ~/.pgpass).
std::string postgis_datasource(const std::string& db, const std::string& layer, const std::string& geometry_type);

} // namespace shisetsu::exporter
