#include "e2e_support.hpp"

#include "pg_server.hpp"
#include "storage/pg_handle.hpp"
#include "storage/store.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace e2e {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

namespace {

// This test process's scratch folder, removed when the process ends (kept
// with SHISETSU_KEEP_E2E=1, to look at what a failing test wrote).
std::filesystem::path scratch() {
    struct Scratch {
        std::filesystem::path path = std::filesystem::temp_directory_path() / ("shisetsu-e2e-" + std::to_string(::getpid()));
        ~Scratch() {
            if (!std::getenv("SHISETSU_KEEP_E2E")) {
                std::error_code ec;
                std::filesystem::remove_all(path, ec);
            }
        }
    };
    static Scratch s;
    return s.path;
}

} // namespace

Result shisetsu(const std::string& args) {
    static int counter = 0;
    auto base = scratch();
    std::filesystem::create_directories(base);
    std::string out = (base / ("out" + std::to_string(counter))).string();
    std::string err = (base / ("err" + std::to_string(counter++))).string();
    std::string cmd = std::string(SHISETSU_BIN) + " " + args + " </dev/null >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    Result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

Result run_command(const std::string& command) {
    Result r;
    FILE* pipe = popen((command + " 2>&1 </dev/null").c_str(), "r");
    if (!pipe) return r;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string temp_dir(const std::string& name) {
    auto dir = scratch() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

std::string fixture(const std::string& relative) { return std::string(SHISETSU_TEST_DATA) + "/" + relative; }
std::string source(const std::string& relative) { return std::string(SHISETSU_SOURCE_DIR) + "/" + relative; }

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    return nlohmann::json::parse(in);
}

namespace {
const char* const kInventoryTables[] = {"facility", "building", "demand", "boundary", "site", "service",
                                        "infrastructure", "road", "run_log"};
} // namespace

std::string project_db(Backend backend, const std::string& dir, const std::string& name) {
    if (backend == Backend::sqlite) return dir + "/" + name + ".sqlite";
    return test_pg::fresh_database(std::filesystem::path(dir).filename().string() + "_" + name);
}

bool postgres_available() { return test_pg::server().has_value(); }

long long query_number(const std::string& db, const std::string& sql) {
    if (shisetsu::is_postgres(db)) {
        shisetsu::pg::Connection c(db);
        return c.exec(sql).integer(0, 0);
    }
    sqlite3* h = nullptr;
    sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

void execute_sql(const std::string& db, const std::string& sql) {
    if (shisetsu::is_postgres(db)) {
        shisetsu::pg::Connection c(db);
        c.exec(sql);
        return;
    }
    sqlite3* h = nullptr;
    if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) throw std::runtime_error("open " + db);
    char* message = nullptr;
    int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &message);
    std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(h);
    if (rc != SQLITE_OK) throw std::runtime_error("sql: " + error);
}

std::string dump_inventory(const std::string& db) {
    if (shisetsu::is_postgres(db)) {
        shisetsu::pg::Connection c(db);
        std::string out;
        for (const char* table : kInventoryTables) {
            auto r = c.exec(std::string("SELECT * FROM ") + table + " ORDER BY 1");
            out += std::string("[") + table + "]\n";
            for (int i = 0; i < r.rows(); ++i) {
                for (int j = 0; j < r.columns(); ++j) out += (r.is_null(i, j) ? "NULL" : r.text(i, j)) + '|';
                out += '\n';
            }
        }
        return out;
    }
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) throw std::runtime_error("open " + db);
    std::string out;
    for (const char* table : kInventoryTables) {
        std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY 1";
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
        out += std::string("[") + table + "]\n";
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                const unsigned char* t = sqlite3_column_text(st, i);
                out += t ? reinterpret_cast<const char*>(t) : "NULL";
                out += '|';
            }
            out += '\n';
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return out;
}

} // namespace e2e
