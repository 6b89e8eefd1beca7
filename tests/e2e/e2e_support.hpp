#pragma once
// Runs the real shisetsu binary for end-to-end tests.
#include <nlohmann/json.hpp>

#include <string>

namespace e2e {

struct Result {
    int exit_code = -1;
    std::string out, err;
};

// Runs `shisetsu ARGS` in a shell (args are passed as written) with stdin
// closed; captures stdout and stderr.
Result shisetsu(const std::string& args);

// Runs any other command (ogrinfo, python3 …) in a shell; stdout and stderr
// together in `out`.
Result run_command(const std::string& command);

// A fresh, empty directory for one test.
std::string temp_dir(const std::string& name);

std::string fixture(const std::string& relative);  // tests/data/<relative>
std::string source(const std::string& relative);   // <source tree>/<relative>
nlohmann::json read_json(const std::string& path);
std::string read_file(const std::string& path);

// Every row of every inventory table as text, to prove a failed import
// changed nothing (a SQLite file or a PostgreSQL URL).
std::string dump_inventory(const std::string& db);

// The two project backends an end-to-end test runs on (overview.md: the
// same tests pass on both).
enum class Backend { sqlite, postgres };

// The DB argument of a new project: DIR/NAME.sqlite, or a fresh, empty
// PostgreSQL database on the test server (its URL).
std::string project_db(Backend backend, const std::string& dir, const std::string& name = "p");

// Whether the PostgreSQL server is there; prints the skip message if not.
bool postgres_available();

// A number from one SQL query (e.g. a COUNT) on either backend.
long long query_number(const std::string& db, const std::string& sql);
// Runs SQL on either backend (to set up a case the commands cannot make).
void execute_sql(const std::string& db, const std::string& sql);

} // namespace e2e

#define E2E_CONCAT_(a, b) a##b
#define E2E_CONCAT(a, b) E2E_CONCAT_(a, b)
// A test case that runs once on a SQLite file and once on PostgreSQL (the
// second is skipped without a server); the body sees `backend`.
#define BOTH_BACKENDS_TEST_CASE(name, tags) BOTH_BACKENDS_TEST_CASE_(E2E_CONCAT(e2e_both_, __LINE__), name, tags)
#define BOTH_BACKENDS_TEST_CASE_(fn, name, tags)                                        \
    static void fn(e2e::Backend backend);                                               \
    TEST_CASE(name, tags) { fn(e2e::Backend::sqlite); }                                 \
    TEST_CASE(name " (PostgreSQL)", tags "[postgres]") {                                \
        if (e2e::postgres_available()) fn(e2e::Backend::postgres);                      \
    }                                                                                   \
    static void fn([[maybe_unused]] e2e::Backend backend)

namespace e2e {

} // namespace e2e
