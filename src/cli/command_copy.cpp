#include "cli/commands.hpp"

#include "core/lang.hpp"
#include "storage/copy.hpp"
#include "storage/store.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

// `shisetsu copy SRC DST` (overview.md "The multi-user backend").
class CopyCommand final : public Command {
public:
    const char* name() const override { return "copy"; }
    const char* description() const override {
        return tr("プロジェクトを別のデータベースへ写す (SQLite ⇄ PostgreSQL、すべての表をそのまま)",
                  "copy a project to another database (SQLite ⇄ PostgreSQL, every table as it is)");
    }
    void setup(CLI::App& app) override {
        app.add_option("SRC", src_, tr("写すもとのプロジェクト (ファイルまたは postgresql://…)",
                                       "project to copy (a file or postgresql://…)"))->required();
        app.add_option("DST", dst_, tr("新しいプロジェクト (まだないファイル、またはプロジェクトのない PostgreSQL データベース)",
                                       "new project (a file that does not exist yet, or a PostgreSQL database without a "
                                       "project)"))->required();
    }
    int run() override {
        const auto report = copy_project(src_, dst_);
        long long rows = 0;
        for (const auto& [table, n] : report.rows) rows += n;
        std::cout << database_label(src_) << " → " << database_label(dst_) << ": " << report.rows.size()
                  << tr(" 表、", " tables, ") << rows << tr(" 行を写しました", " rows copied") << "\n";
        return 0;
    }

private:
    std::string src_, dst_;
};

} // namespace

std::unique_ptr<Command> make_copy_command() { return std::make_unique<CopyCommand>(); }

} // namespace shisetsu::cli
