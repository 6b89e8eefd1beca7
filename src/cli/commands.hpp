#pragma once
#include "cli/command.hpp"

namespace shisetsu::cli {

std::unique_ptr<Command> make_init_command();
std::unique_ptr<Command> make_settings_command();
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_lifecycle_command();
std::unique_ptr<Command> make_access_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_level_command();
std::unique_ptr<Command> make_consolidate_command();
std::unique_ptr<Command> make_locate_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_ppp_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_demo_command();
std::unique_ptr<Command> make_copy_command();

} // namespace shisetsu::cli
