#include "storage/sqlite_handle.hpp"

#include "core/errors.hpp"

#include <sqlite3.h>

#include <utility>

namespace shisetsu::sqlite {

Database::Database(const std::string& path, bool create) {
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

void Database::fail(const std::string& what) const {
    throw StoreError(what + ": " + sqlite3_errmsg(db_));
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError(msg + " (in: " + sql.substr(0, 80) + ")");
    }
}

long long Database::last_insert_rowid() const noexcept { return sqlite3_last_insert_rowid(db_); }

void Database::load_spatialite() {
    // Only the C API may load extensions; SQL load_extension() stays disabled.
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, nullptr);
    char* err = nullptr;
    int rc = sqlite3_load_extension(db_, "mod_spatialite", nullptr, &err);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError("cannot load SpatiaLite (mod_spatialite): " + msg +
                         " — install libsqlite3-mod-spatialite (tools/setup.sh)");
    }
}

Statement::Statement(const Database& db, std::string_view sql) : db_(db.get()) {
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        throw StoreError(std::string(sqlite3_errmsg(db_)) + " (in: " + std::string(sql.substr(0, 80)) + ")");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

static void check_bind(sqlite3* db, int rc) {
    if (rc != SQLITE_OK) throw StoreError(std::string("bind: ") + sqlite3_errmsg(db));
}

Statement& Statement::bind(int index, std::nullopt_t) {
    check_bind(db_, sqlite3_bind_null(stmt_, index));
    return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
    check_bind(db_, sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bind(int index, const char* value) {
    check_bind(db_, sqlite3_bind_text(stmt_, index, value, -1, SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bind(int index, double value) {
    check_bind(db_, sqlite3_bind_double(stmt_, index, value));
    return *this;
}
Statement& Statement::bind(int index, long long value) {
    check_bind(db_, sqlite3_bind_int64(stmt_, index, value));
    return *this;
}
Statement& Statement::bind(int index, const std::vector<unsigned char>& blob) {
    if (blob.empty()) return bind(index, std::nullopt);
    check_bind(db_, sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bind(int index, const std::optional<bool>& value) {
    if (!value) return bind(index, std::nullopt);
    return bind(index, static_cast<long long>(*value ? 1 : 0));
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    throw StoreError(msg);
}

void Statement::run() {
    while (step()) {}
    reset();
}

void Statement::reset() noexcept {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

Statement::Type Statement::type(int col) const {
    switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_INTEGER: return Type::integer;
    case SQLITE_FLOAT: return Type::real;
    case SQLITE_TEXT: return Type::text;
    case SQLITE_BLOB: return Type::blob;
    default: return Type::null;
    }
}

int Statement::columns() const { return sqlite3_column_count(stmt_); }

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string Statement::text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
}
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
long long Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }
std::optional<double> Statement::opt_real(int col) const {
    return is_null(col) ? std::nullopt : std::optional<double>(real(col));
}
std::optional<int> Statement::opt_int(int col) const {
    return is_null(col) ? std::nullopt : std::optional<int>(static_cast<int>(integer(col)));
}
std::optional<bool> Statement::opt_bool(int col) const {
    return is_null(col) ? std::nullopt : std::optional<bool>(integer(col) != 0);
}
std::vector<unsigned char> Statement::blob(int col) const {
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, col));
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

} // namespace shisetsu::sqlite
