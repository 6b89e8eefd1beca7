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

// Takes away a project this command created and could not fill.
void remove_new_project(const std::string& dst) noexcept {
    try {
        if (!is_postgres(dst)) {
            std::filesystem::remove(dst);
            return;
        }
        pg::Connection c(dst);
        auto tables = schema::tables();
        c.exec("BEGIN");
        for (auto it = tables.rbegin(); it != tables.rend(); ++it) c.exec("DROP TABLE IF EXISTS " + *it + " CASCADE");
        c.exec("COMMIT");
    } catch (...) {
    }
}

} // namespace

CopyReport copy_project(const std::string& src, const std::string& dst) {
    auto from = open_store(src, OpenMode::existing);
    CopyReport report;
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
        remove_new_project(dst);
        throw;
    }
    return report;
}

} // namespace shisetsu
