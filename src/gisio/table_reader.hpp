#pragma once
// Reads any table or vector layer GDAL can open (CSV, XLSX, ODS, GeoJSON,
// GPKG, Shapefile, FlatGeobuf, …) as rows of text cells plus an optional
// geometry in the project CRS. Encoding detection for text files and CRS
// handling live here; what the cells mean is the importer's business.
#include "core/model.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::gis {

struct ReadOptions {
    std::string path;
    std::string layer;                        // empty: the first layer
    std::string encoding;                     // empty: detect (UTF-8 or CP932)
    std::string source_crs;                   // empty: the file's own, else default_crs
    std::string default_crs = "EPSG:6668";    // for data that carries no CRS
    std::string target_crs = "EPSG:6668";     // the project CRS
};

struct TableRow {
    long row = 0;                                     // row number as the user sees it
    std::vector<std::optional<std::string>> values;  // one per column; nullopt = empty
    Wkb geometry;                                     // in the target CRS; empty if none
    std::string geometry_type;                        // OGR name, e.g. "POINT", "MULTIPOLYGON"
    std::string geometry_problem;                     // set when the geometry is unusable
    bool geometry_repaired = false;                   // made valid through GEOS
};

class TableReader {
public:
    explicit TableReader(const ReadOptions& options);
    ~TableReader();
    TableReader(const TableReader&) = delete;
    TableReader& operator=(const TableReader&) = delete;

    const std::vector<std::string>& columns() const noexcept;
    const std::string& encoding() const noexcept;    // "UTF-8", "CP932", or "" for binary formats
    const std::string& source_crs() const noexcept;  // CRS the geometries were read in
    bool tabular() const noexcept;                   // spreadsheet-like: row 1 is the header
    long long feature_count();
    bool next(TableRow& row);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Layer names of a dataset (for --layer help and errors).
std::vector<std::string> layer_names(const std::string& path);

} // namespace shisetsu::gis
