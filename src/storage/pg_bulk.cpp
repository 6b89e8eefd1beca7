#include "storage/pg_bulk.hpp"

#include "storage/schema.hpp"

#include <algorithm>

namespace shisetsu::pg {

namespace {

std::string geometry(const char* column, bool multi) {
    std::string g = std::string("ST_GeomFromWKB(s.") + column + ", " + std::to_string(schema::kProjectSrid) + ")";
    return multi ? "ST_Multi(" + g + ")" : g;
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
    return out;
}

} // namespace

const BulkTable kFacilityTable{"facility", {"facility_id"},
    {"facility_id", "name", "category", "services", "address", "site_area_m2", "land_owned", "annual_users",
     "operating_cost_yen", "revenue_yen", "management", "district", "extra", "content_hash", "run_id", "geom",
     "site_geom"},
    {{"geom", geometry("geom", false)}, {"site_geom", geometry("site_geom", true)}}};
const BulkTable kBuildingTable{"building", {"building_id"},
    {"building_id", "facility_id", "name", "floor_area_m2", "year_built", "structure", "floors", "seismic",
     "last_renovation_year", "concrete_strength", "condition", "life_extension", "status", "demolish_year", "extra",
     "part_ratings", "content_hash", "run_id"},
    {}};
const BulkTable kServiceTable{"service", {"service_key"},
    {"service_key", "name", "catchment_m", "coverage_target", "standard_floor_area_m2", "capacity", "demand_cohort",
     "compatible", "extra", "content_hash", "run_id"},
    {}};
const BulkTable kDemandTable{"demand", {"demand_id", "year"},
    {"demand_id", "year", "kind", "total", "age_0_14", "age_15_64", "age_65_over", "age_bands", "weight", "extra",
     "content_hash", "run_id", "geom"},
    {{"geom", geometry("geom", false)}, {"centroid", "ST_Centroid(" + geometry("geom", false) + ")"}}};
const BulkTable kSiteTable{"site", {"site_id"},
    {"site_id", "name", "area_m2", "max_floor_area_ratio", "land_value_yen", "extra", "content_hash", "run_id",
     "geom"},
    {{"geom", geometry("geom", false)}}};
const BulkTable kInfrastructureTable{"infrastructure", {"asset_id"},
    {"asset_id", "asset_type", "name", "quantity", "year_built", "unit_cost_yen", "method", "extra",
     "content_hash", "run_id"},
    {}};
const BulkTable kRoadTable{"road", {},
    {"road_id", "highway", "name", "osm_id", "oneway", "access", "foot", "length_m", "run_id", "geom"},
    {{"geom", geometry("geom", false)}}};
const BulkTable kServiceAreaTable{"service_area", {},
    {"site_id", "service_key", "distance_m", "mode", "run_id", "geom"},
    {{"geom", geometry("geom", true)}}};
const BulkTable kBoundaryTable{"boundary", {},
    {"boundary_id", "name", "code", "run_id", "geom"},
    {{"geom", geometry("geom", true)}}};

std::string key_expression(const BulkTable& t) {
    std::vector<std::string> parts;
    for (const auto& k : t.key) parts.push_back(k + "::text");
    return joined(parts, " || chr(31) || ");
}

void BulkWriter::write(const BulkTable& t, const std::string& data) {
    if (data.empty()) return;
    const std::string stage = std::string("stage_") + t.table;
    if (staged_.insert(t.table).second) {
        db_.exec("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + t.table + ")");
        for (const auto& g : schema::geometry_columns())
            if (std::string(g.table) == t.table)
                db_.exec("ALTER TABLE " + stage + " ALTER COLUMN " + g.column + " TYPE bytea USING NULL");
    }
    auto is_built = [&](const std::string& c) {
        return std::any_of(t.built.begin(), t.built.end(), [&](const auto& b) { return b.first == c; });
    };
    std::vector<std::string> target, select;
    for (const auto& c : t.copied) {
        if (is_built(c)) continue;
        target.push_back(c);
        select.push_back("s." + c);
    }
    for (const auto& [column, expression] : t.built) {
        target.push_back(column);
        select.push_back(expression);
    }
    db_.copy_in("COPY " + stage + "(" + joined(t.copied, ", ") + ") FROM STDIN", data);
    std::string sql = "INSERT INTO " + std::string(t.table) + "(" + joined(target, ", ") + ") SELECT " +
                      joined(select, ", ") + " FROM " + stage + " s";
    if (!t.key.empty()) {
        std::vector<std::string> update;
        for (const auto& c : target)
            if (std::find(t.key.begin(), t.key.end(), c) == t.key.end()) update.push_back(c + " = EXCLUDED." + c);
        sql += " ON CONFLICT (" + joined(t.key, ", ") + ") DO UPDATE SET " + joined(update, ", ");
    }
    db_.exec(sql);
    db_.exec("TRUNCATE " + stage);
}

} // namespace shisetsu::pg
