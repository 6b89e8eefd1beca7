#pragma once
// Bulk writes of the PostgreSQL backend: rows in COPY text format, copied
// into a staging twin of the table (geometry as WKB bytea), then one
// INSERT … SELECT that builds the PostGIS geometry and, for a keyed table,
// updates the rows already there (as the SQLite backend's upserts do).
#include "core/model.hpp"
#include "storage/pg_handle.hpp"

#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace shisetsu::pg {

// One row in COPY text format, field by field.
class CopyLine {
public:
    CopyLine& add(const std::string& v) { return field(v); }
    CopyLine& add(const char* v) { return field(std::string(v)); }
    CopyLine& add(double v) { return field(number_text(v)); }
    CopyLine& add(long long v) { return field(std::to_string(v)); }
    CopyLine& add(int v) { return field(std::to_string(v)); }
    CopyLine& add(bool v) { return field(std::string(v ? "1" : "0")); }
    CopyLine& add(std::nullopt_t) { return field(std::nullopt); }
    template <typename T>
    CopyLine& add(const std::optional<T>& v) {
        return v ? add(*v) : add(std::nullopt);
    }
    CopyLine& add(const Wkb& bytes) {
        copy_bytes(line_, bytes, first_);
        first_ = false;
        return *this;
    }
    template <typename... Args>
    CopyLine& all(const Args&... args) {
        (add(args), ...);
        return *this;
    }
    std::string done() { return std::move(line_) + '\n'; }

private:
    CopyLine& field(const std::optional<std::string>& v) {
        copy_field(line_, v, first_);
        first_ = false;
        return *this;
    }
    std::string line_;
    bool first_ = true;
};

struct BulkTable {
    const char* table;
    std::vector<std::string> key;                            // conflict target; empty = plain insert
    std::vector<std::string> copied;                         // the COPY's columns, in line order
    std::vector<std::pair<std::string, std::string>> built;  // column → expression over the staged row s
};

// The project's tables written in bulk (the upserted entities, and the
// tables an import replaces whole).
extern const BulkTable kFacilityTable, kBuildingTable, kServiceTable, kDemandTable, kSiteTable, kInfrastructureTable,
    kRoadTable, kServiceAreaTable, kBoundaryTable;

// A key's columns as one text value (a demand unit is keyed by id and year).
std::string key_expression(const BulkTable& t);

class BulkWriter {
public:
    explicit BulkWriter(Connection& db) : db_(db) {}
    // Writes `data` (COPY text lines of t.copied) into t.table.
    void write(const BulkTable& t, const std::string& data);

private:
    Connection& db_;
    std::unordered_set<std::string> staged_;  // staging tables made on this connection
};

} // namespace shisetsu::pg
