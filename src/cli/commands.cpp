#include "cli/command.hpp"

#include "cli/commands.hpp"
#include "storage/store.hpp"

namespace shisetsu::cli {

namespace {
std::string g_command_line;
}

const std::string& command_line() { return g_command_line; }

void set_command_line(int argc, char** argv) {
    g_command_line = "shisetsu";
    // The run log keeps it: a PostgreSQL password is left out.
    for (int i = 1; i < argc; ++i) g_command_line += " " + database_label(argv[i]);
}

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> out;
    out.push_back(make_init_command());
    out.push_back(make_settings_command());
    out.push_back(make_import_command());
    out.push_back(make_lifecycle_command());
    out.push_back(make_access_command());
    out.push_back(make_export_command());
    out.push_back(make_level_command());
    out.push_back(make_consolidate_command());
    out.push_back(make_locate_command());
    out.push_back(make_report_command());
    out.push_back(make_ppp_command());
    out.push_back(make_run_command());
    out.push_back(make_demo_command());
    out.push_back(make_copy_command());
    return out;
}

} // namespace shisetsu::cli
