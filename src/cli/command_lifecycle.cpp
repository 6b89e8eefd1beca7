#include "cli/commands.hpp"

#include "core/lang.hpp"
#include "pipeline/pipeline.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"

#include <filesystem>
#include <iostream>

namespace shisetsu::cli {

namespace {

class LifecycleCommand final : public Command {
public:
    const char* name() const override { return "lifecycle"; }
    const char* description() const override {
        return tr("更新費用の将来推計 (単純更新 / 従来型 / 長寿命化型)", "project renewal costs (simple renewal / conventional / life extension)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース", "project database"))->required();
        app.add_option("--strategy", req_.strategy,
                       tr("standard (単純更新) | conventional (従来型) | life_extension (長寿命化型) | 独自の戦略・シナリオの JSON",
                          "standard (simple renewal) | conventional | life_extension | a strategy or scenario JSON"))
            ->capture_default_str();
        app.add_option("--start-year", req_.start_year, tr("推計の初年度 (既定: 今年度)", "first projected fiscal year (default: this one)"));
        app.add_option("--horizon", req_.horizon, tr("推計期間 (年, 既定 40)", "horizon in years (default 40)"))->check(CLI::Range(1, 200));
        app.add_option("--budget", req_.budget_yen, tr("年間予算 (円) — 比較用", "annual budget in yen, for comparison"))->check(CLI::PositiveNumber);
        app.add_option("--compare", req_.compare_with,
                       tr("比較する戦略 (カンマ区切り、例 standard,conventional): 総額・残存価値・正味費用・等価年間費用",
                          "strategies to compare with, comma-separated (e.g. standard,conventional): totals, residual value, net cost, equivalent annual cost"));
        app.add_option("--json", req_.json_path, tr("結果を JSON で書く", "write the result as JSON"));
        app.add_option("--csv", req_.csv_path, tr("年度別の表を CSV で書く", "write the yearly table as CSV"));
        app.add_option("--events-csv", req_.events_csv_path, tr("棟別の事業一覧を CSV で書く", "write the events per building as CSV"));
        app.add_option("--xlsx", req_.xlsx_path, tr("表を XLSX で書く", "write the tables as XLSX"));
    }
    int run() override {
        req_.command_line = command_line();
        auto store = open_store(db_, OpenMode::existing);
        auto outcome = pipeline::run_lifecycle(*store, req_);
        std::cout << outcome.summary();
        return 0;
    }

private:
    std::string db_;
    pipeline::LifecycleRequest req_;
};

// What each step did (its record: run id, figures, files) and the seconds
// it took, for a record of the run and for tools/bench_demo.sh.
void add_steps_json_option(CLI::App& app, std::string& path) {
    app.add_option("--json", path, tr("各ステップの結果と所要時間 (秒) を JSON で書く",
                                      "write each step's result and the seconds it took as JSON"));
}

class RunCommand final : public Command {
public:
    const char* name() const override { return "run"; }
    const char* description() const override {
        return tr("設定ファイル (JSON) のステップを順に実行する", "run the steps of a configuration file (JSON)");
    }
    void setup(CLI::App& app) override {
        app.add_option("CONFIG", config_, tr("設定ファイル", "configuration file"))->required()->check(CLI::ExistingFile);
        add_steps_json_option(app, json_);
    }
    int run() override {
        const nlohmann::json config = read_json_file(config_);
        auto base = std::filesystem::absolute(config_).parent_path().string();
        auto result = pipeline::run_config(config, base, std::cout, config_);
        if (!json_.empty()) write_json_file(json_, result);
        std::cout << tr("完了: ", "done: ") << result["database"].get<std::string>() << "\n";
        return 0;
    }

private:
    std::string config_, json_;
};

class DemoCommand final : public Command {
public:
    const char* name() const override { return "demo"; }
    const char* description() const override {
        return tr("サンプル区 (大田区) で一連の処理を実行する", "run the whole pipeline on the sample ward (Ota City)");
    }
    void setup(CLI::App& app) override {
        app.add_option("--out", out_, tr("出力フォルダ", "output folder"))->capture_default_str();
        app.add_option("--db", db_,
                       tr("プロジェクトデータベース (既定は出力フォルダの shisetsu-demo.sqlite。postgresql://… なら "
                          "プロジェクトのまだない PostgreSQL データベース)",
                          "project database (default: shisetsu-demo.sqlite in the output folder; postgresql://… for a "
                          "PostgreSQL database that holds no project yet)"));
        add_steps_json_option(app, json_);
    }
    int run() override {
        auto result = pipeline::run_demo(out_, std::cout, db_);
        if (!json_.empty()) write_json_file(json_, result);
        return 0;
    }

private:
    std::string out_ = "shisetsu-demo";
    std::string db_, json_;
};

} // namespace

std::unique_ptr<Command> make_lifecycle_command() { return std::make_unique<LifecycleCommand>(); }
std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }
std::unique_ptr<Command> make_demo_command() { return std::make_unique<DemoCommand>(); }

} // namespace shisetsu::cli
