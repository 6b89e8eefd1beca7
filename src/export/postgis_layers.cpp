#include "export/postgis_layers.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "gisio/gdal_env.hpp"
#include "storage/pg_handle.hpp"
#include "storage/pg_store.hpp"
#include "storage/store.hpp"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <memory>

#include <unistd.h>

namespace shisetsu::exporter {

namespace {

// GDAL's PG: name for the project's database (libpq takes the URL form too).
std::string gdal_name(const std::string& db) { return db.rfind("PG:", 0) == 0 ? db : "PG:" + db; }

} // namespace

void publish_layers(const std::string& gpkg_path, const std::vector<std::string>& layers, const std::string& db) {
    gis::ensure_gdal();
    GDALDatasetUniquePtr src(GDALDataset::Open(gpkg_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!src) throw GisError(gpkg_path + ": " + CPLGetLastErrorMsg());
    // GDAL's PostgreSQL driver commits layer by layer: the layers go into a
    // schema of this command's own first, then replace the published ones
    // in one transaction, so a failure leaves the previous layers whole and
    // QGIS users never see half of them.
    const std::string staging = std::string(kPostgisSchema) + "_new_" + std::to_string(::getpid());
    pg::Connection c(db);
    c.exec("SET client_min_messages = warning");
    c.exec("DROP SCHEMA IF EXISTS " + staging + " CASCADE");
    c.exec(std::string("CREATE SCHEMA IF NOT EXISTS ") + kPostgisSchema);
    c.exec("CREATE SCHEMA " + staging);
    try {
        // Only the staging schema is seen: the export's demand and boundary
        // layers share names with the project's tables in public.
        const std::string active = "ACTIVE_SCHEMA=" + staging, schemas = "SCHEMAS=" + staging;
        const char* const open_options[] = {active.c_str(), schemas.c_str(), nullptr};
        GDALDatasetUniquePtr dst(GDALDataset::Open(gdal_name(db).c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr,
                                                   open_options));
        if (!dst)
            throw GisError(database_label(db) + tr(": PostgreSQL に書けません: ", ": cannot write to PostgreSQL: ") +
                           CPLGetLastErrorMsg());
        std::vector<std::string> args = {"-lco", "SCHEMA=" + staging, "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid",
                                         "-lco", "SPATIAL_INDEX=GIST"};
        for (const auto& l : layers) args.push_back(l);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::unique_ptr<GDALVectorTranslateOptions, decltype(&GDALVectorTranslateOptionsFree)> options(
            GDALVectorTranslateOptionsNew(argv.data(), nullptr), GDALVectorTranslateOptionsFree);
        if (!options) throw GisError("GDALVectorTranslate options: " + std::string(CPLGetLastErrorMsg()));
        GDALDatasetH source = GDALDataset::ToHandle(src.get());
        int usage_error = 0;
        GDALDatasetH out = GDALVectorTranslate(nullptr, GDALDataset::ToHandle(dst.get()), 1, &source, options.get(),
                                               &usage_error);
        if (!out || usage_error)
            throw GisError(database_label(db) +
                           tr(": レイヤーを PostgreSQL に写せません: ", ": cannot copy the layers to PostgreSQL: ") +
                           CPLGetLastErrorMsg());
        dst.reset();
        // Each table moves with its indexes and its fid sequence.
        c.exec("BEGIN");
        for (const auto& l : layers) {
            c.exec(std::string("DROP TABLE IF EXISTS ") + kPostgisSchema + ".\"" + l + "\" CASCADE");
            c.exec("ALTER TABLE " + staging + ".\"" + l + "\" SET SCHEMA " + kPostgisSchema);
        }
        c.exec("DROP SCHEMA " + staging);
        c.exec("COMMIT");
    } catch (...) {
        try {
            c.exec("ROLLBACK");
        } catch (...) {
        }
        try {
            c.exec("DROP SCHEMA IF EXISTS " + staging + " CASCADE");
        } catch (...) {
        }
        throw;
    }
}

std::string postgis_datasource(const std::string& db, const std::string& layer, const std::string& geometry_type) {
    return postgres_keywords(db) + " key='fid' srid=6668 type=" + geometry_type + " checkPrimaryKeyUnicity='1' table=\"" +
           kPostgisSchema + "\".\"" + layer + "\" (geom)";
}

} // namespace shisetsu::exporter
