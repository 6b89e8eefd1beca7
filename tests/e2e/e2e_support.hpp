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
// changed nothing.
std::string dump_inventory(const std::string& db);

} // namespace e2e
