#pragma once
// One subcommand: setup() declares its arguments, run() does the work by
// calling the library (STYLE.md 2). Exceptions go up to main().
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace shisetsu::cli {

class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual const char* description() const = 0;
    virtual void setup(CLI::App& app) = 0;
    virtual int run() = 0;
};

// The registry: every subcommand, in the order of the pipeline.
std::vector<std::unique_ptr<Command>> all_commands();

// The command line as typed, for the run log.
const std::string& command_line();
void set_command_line(int argc, char** argv);

} // namespace shisetsu::cli
