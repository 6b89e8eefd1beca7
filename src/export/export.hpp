#pragma once
// `shisetsu export`: the project as one styled GeoPackage for QGIS, a QGIS
// project beside it, and the facility list as the 自治体標準オープンデータセット
// 公共施設一覧 CSV (outputs.md "GIS export").
#include "storage/store.hpp"

#include <string>
#include <vector>

namespace shisetsu::exporter {

struct ExportRequest {
    std::string gpkg_path;
    std::string qgs_path;          // empty: no project
    std::string csv_path;          // empty: <gpkg stem>_公共施設一覧.csv beside it; "-": none
    int reference_year = 0;        // ages are counted to this fiscal year; 0: the current one
    std::string command_line;
    // --qgs-source postgis: the project's PostgreSQL database; the layers are
    // copied into its schema `qgis` and the QGIS project reads them there.
    std::string postgis_db;
};

struct ExportedLayer {
    std::string name;              // table name in the GeoPackage
    std::string title;             // display name (current language)
    std::string geometry_type;     // Point, MultiPolygon, …
    long long features = 0;
};

struct ExportOutcome {
    std::vector<ExportedLayer> layers;
    std::string gpkg_path, qgs_path, csv_path;
    std::string summary() const;
};

ExportOutcome run_export(Store& store, const ExportRequest& request);

} // namespace shisetsu::exporter
