#include "cli/commands.hpp"

#include "core/lang.hpp"
#include "network/access.hpp"
#include "storage/store.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class AccessCommand final : public Command {
public:
    const char* name() const override { return "access"; }
    const char* description() const override {
        return tr("道路網で施設までの距離を測り、機能ごとのカバー率と到達圏を求める",
                  "distances to facilities along the roads: coverage per service and service areas");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース", "project database"))->required();
        app.add_option("--service", request_.service, tr("この機能の施設だけを対象にする (例 library)", "only facilities providing this service (e.g. library)"));
        app.add_option("--cutoff", request_.cutoff_m, tr("距離の上限 m (既定 5000)", "distance cut-off in m (default 5000)"))
            ->check(CLI::PositiveNumber);
        app.add_option("--od-out", request_.od_out, tr("距離表を CSV で書く (origin_id,destination_id,distance_m)",
                                                      "write the OD table as CSV (origin_id,destination_id,distance_m)"));
        app.add_option("--json", request_.json_path, tr("結果を JSON で書く", "write the result as JSON"));
        app.add_option("--profile", request_.profile, tr("walk (既定) / drive / プロファイル JSON", "walk (default) / drive / a profile JSON"));
        app.add_option("--max-snap", request_.max_snap_m, tr("道路までの最大距離 m (既定 500)", "farthest a point may be from a road, m (default 500)"))
            ->check(CLI::PositiveNumber);
        app.add_option("--detour", request_.detour_factor, tr("道路網がないときの迂回係数 (既定 1.3)", "detour factor without a road network (default 1.3)"))
            ->check(CLI::Range(1.0, 10.0));
        app.add_option("--buffer", request_.buffer_m, tr("到達圏の線のバッファ m (既定 50)", "service-area buffer around reachable roads, m (default 50)"))
            ->check(CLI::PositiveNumber);
        app.add_flag("!--no-service-areas", request_.service_areas, tr("到達圏を作らない", "skip the service areas"));
        app.add_option("--threads", request_.threads, tr("スレッド数 (既定: 全コア)", "threads (default: every core)"));
        app.add_option("--year", request_.year,
                       tr("人口の年 (既定: 今年度以前で最新の年)", "population year (default: the latest not after the current fiscal year)"))
            ->check(CLI::Range(1868, 9999));
    }
    int run() override {
        request_.command_line = command_line();
        auto store = open_store(db_, OpenMode::existing);
        auto outcome = network::run_access(*store, request_);
        std::cout << outcome.summary();
        return 0;
    }

private:
    std::string db_;
    network::AccessRequest request_;
};

} // namespace

std::unique_ptr<Command> make_access_command() { return std::make_unique<AccessCommand>(); }

} // namespace shisetsu::cli
