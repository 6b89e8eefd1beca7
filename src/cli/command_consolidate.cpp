// `shisetsu consolidate`: consolidation and co-location (optimization.md "B").
#include "cli/commands.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "pipeline/pipeline.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class ConsolidateCommand final : public Command {
public:
    const char* name() const override { return "consolidate"; }
    const char* description() const override {
        return tr("施設の集約化・複合化の最適計画", "optimal consolidation and co-location plan");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース (--instance のときは不要)", "project database (not needed with --instance)"));
        auto* config = app.add_option("--config", req_.config_path, tr("計画の設定 (PLAN.json: 機能・目標・パラメータ)", "plan file (PLAN.json: services, targets, parameters)"))
                           ->check(CLI::ExistingFile);
        app.add_option("--instance", instance_, tr("書き出したインスタンス (--instance-out の JSON) をデータベースなしで解く",
                                                   "solve a written instance (the --instance-out JSON) without a database"))
            ->check(CLI::ExistingFile)->excludes(config);
        app.add_option("--name", req_.name, tr("計画の名前 (実行記録と結果に残す)", "the plan's name, kept with the run and in the result"));
        app.add_option("--json", req_.json_path, tr("結果を JSON で書く", "write the result as JSON"));
        app.add_option("--instance-out", req_.instance_path, tr("解いたモデルのインスタンスを JSON で書く", "write the solved instance as JSON"));
        app.add_option("--year", req_.year, tr("人口の年 (計画の demand_years の代わりに 1 年だけ。既定: 開始年度以前で最新の年)",
                                               "population year (one layer instead of the plan's demand_years; default: the latest not after the start year)"))
            ->check(CLI::Range(1868, 9999));
        app.add_option("--time-limit", req_.time_limit_s, tr("計算時間の上限 (秒, 既定 60)", "time limit in seconds (default 60)"))->check(CLI::PositiveNumber);
    }
    int run() override {
        if (!instance_.empty()) {
            auto r = pipeline::solve_consolidation_instance(instance_, req_);
            std::cout << tr("目的関数 ", "objective ") << r.at("objective_yen").get<double>() << tr(" 円、下界 ", " yen, bound ")
                      << r.at("bound_yen").get<double>() << tr(" 円、", " yen, ") << r.at("status").get<std::string>() << "\n";
            return 0;
        }
        if (db_.empty() || req_.config_path.empty())
            throw UsageError(tr("DB と --config (または --instance) が必要です", "DB and --config (or --instance) are required"));
        req_.command_line = command_line();
        auto store = open_store(db_, OpenMode::existing);
        auto outcome = pipeline::run_consolidate(*store, req_);
        std::cout << outcome.summary();
        return 0;
    }

private:
    std::string db_, instance_;
    pipeline::ConsolidateRequest req_;
};

} // namespace

std::unique_ptr<Command> make_consolidate_command() { return std::make_unique<ConsolidateCommand>(); }

} // namespace shisetsu::cli
