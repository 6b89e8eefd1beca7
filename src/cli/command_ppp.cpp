// shisetsu ppp: PPP/PFI screening (ppp.md) of a projects file or of the plan
// in a project database.
#include "cli/commands.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "pipeline/pipeline.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class PppCommand final : public Command {
public:
    const char* name() const override { return "ppp"; }
    const char* description() const override {
        return tr("PPP/PFI 手法の簡易な検討 (優先的検討・VFM)", "PPP/PFI screening (priority consideration, simplified VFM)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース (計画の事業を検討し、結果を記録する)",
                                     "project database (screens the projects of its plan and records the result)"));
        app.add_option("--projects", req_.projects_path, tr("事業ファイル (JSON, ppp.md の形式)", "projects file (JSON, as in ppp.md)"))
            ->check(CLI::ExistingFile);
        app.add_option("--plan", plan_, tr("計画の実行番号 (統廃合または更新費用推計; 既定: 最新)",
                                           "run id of the plan (consolidation or lifecycle; default: the latest)"));
        app.add_option("--parameters", req_.parameters_path,
                       tr("パラメータファイル {\"parameters\": {…}} (既定値を上書き)", "parameters file {\"parameters\": {…}} over the defaults"))
            ->check(CLI::ExistingFile);
        app.add_option("--json", req_.json_path, tr("結果を JSON で書く", "write the result as JSON"));
        app.add_option("--csv", req_.csv_path, tr("年度別の支払を CSV で書く", "write the yearly payments as CSV"));
        app.add_flag("--all", req_.all, tr("基準未満の事業も検討する (既定: 優先的検討の基準に達する事業だけ)",
                                           "screen projects below every threshold too (default: only those that meet one)"));
        app.add_flag("--detail", detail_, tr("事業ごとの年度別支払・感度分析・事業手法を表示する (3 事業以下では常に)",
                                             "show each project's yearly payments, sensitivity and schemes (always for up to 3 projects)"));
    }
    int run() override {
        if (db_.empty() && req_.projects_path.empty())
            throw UsageError(tr("データベースか --projects FILE.json を指定してください", "give a database or --projects FILE.json"));
        if (db_.empty() && plan_ >= 0) throw UsageError(tr("--plan にはデータベースが必要です", "--plan needs a database"));
        if (plan_ >= 0) req_.plan_run_id = plan_;
        req_.command_line = command_line();
        std::unique_ptr<Store> store;
        if (!db_.empty()) store = open_store(db_, OpenMode::existing);
        auto outcome = pipeline::run_ppp(store.get(), req_);
        std::cout << outcome.summary(detail_ || outcome.document.at("projects").size() <= 3);
        return 0;
    }

private:
    std::string db_;
    long long plan_ = -1;
    bool detail_ = false;
    pipeline::PppRequest req_;
};

} // namespace

std::unique_ptr<Command> make_ppp_command() { return std::make_unique<PppCommand>(); }

} // namespace shisetsu::cli
