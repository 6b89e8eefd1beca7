#include "storage/copy.hpp"

#include "core/progress.hpp"
#include "core/lang.hpp"
#include "storage/pg_handle.hpp"
#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "storage/transaction.hpp"

#include <filesystem>

namespace shisetsu {

namespace {

// Whether PostGIS is enabled in the PostgreSQL database `dst` before the
// copy creates its project there (init enables it where it may).
bool has_postgis(const std::string& dst) {
    if (!is_postgres(dst)) return false;
    pg::Connection c(dst);
    return c.exec("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").rows() > 0;
}

// Takes away a project this command created and could not fill, and
// PostGIS when the command enabled it: the database is as it was.
void remove_new_project(const std::string& dst, bool had_postgis) noexcept {
    try {
        if (!is_postgres(dst)) {
            std::filesystem::remove(dst);
            return;
        }
        pg::Connection c(dst);
        auto tables = schema::tables();
        c.exec("BEGIN");
        for (auto it = tables.rbegin(); it != tables.rend(); ++it) c.exec("DROP TABLE IF EXISTS " + *it + " CASCADE");
        if (!had_postgis) c.exec("DROP EXTENSION IF EXISTS postgis");
        c.exec("COMMIT");
    } catch (...) {
    }
}

} // namespace

CopyReport copy_project(const std::string& src, const std::string& dst) {
    auto from = open_store(src, OpenMode::existing);
    CopyReport report;
    const bool had_postgis = has_postgis(dst);
    auto to = open_store(dst, OpenMode::create);
    try {
        // The source under its writer lock: every table from one state.
        Transaction reading(*from);
        Transaction writing(*to);
        const auto tables = schema::tables();
        Progress progress(tr("コピー", "copy"), tables.size());
        std::size_t done = 0;
        for (const auto& table : tables) {
            auto rows = from->read_table(table);
            to->write_table(table, rows);
            report.rows.emplace_back(table, static_cast<long long>(rows.rows.size()));
            progress.update(++done);
        }
        writing.commit();
    } catch (...) {
        to.reset();
        remove_new_project(dst, had_postgis);
        throw;
    }
    return report;
}

} // namespace shisetsu
