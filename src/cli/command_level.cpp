// `shisetsu level`: renewal levelling under a budget (optimization.md "A").
#include "cli/commands.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "pipeline/pipeline.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class LevelCommand final : public Command {
public:
    const char* name() const override { return "level"; }
    const char* description() const override {
        return tr("更新時期の平準化 (予算内に収める / ピークを下げる)", "level renewal timing (within a budget / lowest peak)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース (--instance のときは不要)", "project database (not needed with --instance)"));
        app.add_option("--instance", instance_, tr("書き出したインスタンス (--instance-out の JSON) をデータベースなしで解く",
                                                   "solve a written instance (the --instance-out JSON) without a database"))
            ->check(CLI::ExistingFile);
        app.add_option("--instance-out", req_.instance_path, tr("解いたモデルのインスタンスを JSON で書く", "write the solved instance as JSON"));
        app.add_option("--strategy", req_.strategy, tr("standard | conventional | life_extension | 戦略・シナリオの JSON", "standard | conventional | life_extension | a strategy or scenario JSON"))
            ->capture_default_str();
        app.add_option("--start-year", req_.start_year, tr("初年度 (既定: 今年度)", "first fiscal year (default: this one)"));
        app.add_option("--horizon", req_.horizon, tr("期間 (年, 既定 40)", "horizon in years (default 40)"))->check(CLI::Range(1, 200));
        auto* budget = app.add_option("--budget", req_.budget_yen, tr("年間予算 (円)", "annual budget in yen"))->check(CLI::PositiveNumber);
        auto* peak = app.add_flag("--peak", req_.peak, tr("予算なしでピークを最小化する", "no budget: minimise the peak year"));
        budget->excludes(peak);
        app.add_option("--max-advance", req_.max_advance, tr("前倒しの上限 (年, 既定 5)", "max advance in years (default 5)"))->check(CLI::Range(0, 50));
        app.add_option("--max-deferral", req_.max_deferral, tr("先送りの上限 (年, 既定 10)", "max deferral in years (default 10)"))->check(CLI::Range(0, 50));
        app.add_option("--deferral-penalty", req_.deferral_penalty, tr("先送り 1 年あたりのペナルティ率 (既定 0.03)", "deferral penalty per year (default 0.03)"))->check(CLI::NonNegativeNumber);
        app.add_option("--advance-penalty", req_.advance_penalty, tr("前倒し 1 年あたりのペナルティ率 (既定 0.02)", "advance penalty per year (default 0.02)"))->check(CLI::NonNegativeNumber);
        app.add_option("--time-limit", req_.time_limit_s, tr("計算時間の上限 (秒, 既定 60)", "time limit in seconds (default 60)"))->check(CLI::PositiveNumber)->capture_default_str();
        app.add_option("--gap", req_.relative_gap, tr("各段階を最適と証明したとみなす相対ギャップ (既定 0.001)", "relative gap at which each stage counts as proven (default 0.001)"))->check(CLI::Range(0.0, 1.0));
        app.add_option("--json", req_.json_path, tr("結果を JSON で書く", "write the result as JSON"));
    }
    int run() override {
        if (!instance_.empty()) {
            std::cout << pipeline::solve_level_instance(instance_, req_).summary();
            return 0;
        }
        if (db_.empty()) throw UsageError(tr("DB (または --instance) が必要です", "DB (or --instance) is required"));
        req_.command_line = command_line();
        auto store = open_store(db_, OpenMode::existing);
        auto outcome = pipeline::run_level(*store, req_);
        std::cout << outcome.summary();
        return 0;
    }

private:
    std::string db_, instance_;
    pipeline::LevelStepRequest req_;
};

} // namespace

std::unique_ptr<Command> make_level_command() { return std::make_unique<LevelCommand>(); }

} // namespace shisetsu::cli
