#pragma once
// The project schema, one list of versioned steps for both backends
// (overview.md: the same schema on SQLite + SpatiaLite and PostgreSQL +
// PostGIS). Step k brings a database from version k to k + 1; a new database
// runs them all. The SQL is written as SQLite takes it, in a plain subset
// (TEXT, REAL, INTEGER, INTEGER PRIMARY KEY [AUTOINCREMENT], CHECK, DEFAULT,
// REFERENCES, CREATE INDEX, ALTER TABLE … ADD COLUMN) that postgres_sql()
// turns into PostgreSQL; geometry columns are listed beside the SQL because
// each backend adds them its own way. A new version is one more step here.
#include <functional>
#include <string>
#include <vector>

namespace shisetsu::schema {

constexpr int kVersion = 6;
constexpr int kProjectSrid = 6668;  // JGD2011 geographic (inventory.md)

struct GeometryColumn {
    const char* table;
    const char* column;
    const char* type;  // POINT, LINESTRING, MULTIPOLYGON, GEOMETRY
};

struct Step {
    const char* sql;
    std::vector<GeometryColumn> geometry;
};

// Steps 1 … kVersion, in order.
const std::vector<Step>& steps();

// Every table of the project, in the order the steps create them (a table
// comes after the tables it references).
std::vector<std::string> tables();

// Geometry columns of every step, in order.
std::vector<GeometryColumn> geometry_columns();

// One table as a backend stores it: columns in stored order, the primary
// key's columns (copy reads and compares tables whole).
struct TableLayout {
    std::string table;
    std::vector<std::string> columns;
    std::vector<std::string> key;
    bool is_geometry(const std::string& column) const;
    // SELECT of every column in stored order, geometry as `wkb(column)`
    // spells it, ordered by the key (`key_term(column)`: one ORDER BY term).
    std::string select_in_key_order(const std::function<std::string(const std::string&)>& wkb,
                                    const std::function<std::string(const std::string&)>& key_term) const;
};

// A step's SQL as PostgreSQL takes it: REAL → DOUBLE PRECISION, INTEGER →
// BIGINT, AUTOINCREMENT keys → identity columns, WITHOUT ROWID dropped.
std::string postgres_sql(const std::string& sqlite_sql);

} // namespace shisetsu::schema
