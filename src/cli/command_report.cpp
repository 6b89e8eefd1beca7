#include "cli/commands.hpp"

#include "core/lang.hpp"
#include "report/report.hpp"
#include "storage/store.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class ReportCommand final : public Command {
public:
    const char* name() const override { return "report"; }
    const char* description() const override {
        return tr("年次報告書 (PDF・HTML・XLSX) と施設配置計画書 (PDF・HTML) を書く",
                  "write the annual report (PDF, HTML, XLSX) and the placement-plan document (PDF, HTML)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース", "project database"))->required();
        app.add_option("--out", request_.out_dir, tr("出力先フォルダ", "output folder"))->required();
        app.add_option("--name", request_.base_name, tr("ファイル名 (既定 report → report.pdf/.html/.xlsx)",
                                                         "file name (default report → report.pdf/.html/.xlsx)"));
        app.add_option("--plan-name", request_.plan_name,
                       tr("施設配置計画書 (PPP/PFI 審査用: 配置計画・PPP/PFI 簡易検討・データと方法) のファイル名 "
                          "(既定 placement-plan → placement-plan.pdf/.html)",
                          "file name of the placement-plan document for the PPP/PFI review board (placement plan, PPP/PFI "
                          "screening, data and method; default placement-plan → placement-plan.pdf/.html)"));
        app.add_option("--plans", request_.plan_runs,
                       tr("比較する統廃合の実行番号 (カンマ区切り、既定: すべての統廃合の実行、新しい順。名前は consolidate --name)",
                          "consolidation run ids to compare, comma-separated (default: every consolidation run, latest "
                          "first, named by consolidate --name)"))
            ->delimiter(',');
    }
    int run() override {
        auto store = open_store(db_, OpenMode::existing);
        std::cout << report::write_report(*store, request_).summary();
        return 0;
    }

private:
    std::string db_;
    report::ReportRequest request_;
};

} // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

} // namespace shisetsu::cli
