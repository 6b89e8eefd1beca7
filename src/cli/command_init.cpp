#include "cli/commands.hpp"

#include "core/lang.hpp"
#include "core/paths.hpp"
#include "storage/store.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class InitCommand final : public Command {
public:
    const char* name() const override { return "init"; }
    const char* description() const override {
        return tr("新しいプロジェクトデータベース (SQLite + SpatiaLite) を作る", "create a new project database (SQLite + SpatiaLite)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("作成するデータベースファイル", "database file to create"))->required();
    }
    int run() override {
        auto store = open_store(db_, OpenMode::create);
        RunRecord r;
        r.command = command_line();
        r.kind = "init";
        r.program_version = program_version();
        store->finish_run(store->begin_run(r), "{}");
        std::cout << db_ << tr(" を作成しました (スキーマ版 ", ": created (schema version ") << store->schema_version()
                  << ", EPSG:" << store->project_srid() << ")\n";
        return 0;
    }

private:
    std::string db_;
};

} // namespace

std::unique_ptr<Command> make_init_command() { return std::make_unique<InitCommand>(); }

} // namespace shisetsu::cli
