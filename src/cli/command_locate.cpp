// `shisetsu locate`: the classic location presets (optimization.md "B") on
// an OD table, or on the project's demand and distances for one service.
#include "cli/commands.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "optimize/location.hpp"
#include "pipeline/pipeline.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>

namespace shisetsu::cli {

namespace {

class LocateCommand final : public Command {
public:
    const char* name() const override { return "locate"; }
    const char* description() const override {
        return tr("古典的な施設配置モデル (p-median / MCLP / LSCP / p-center / 容量と固定費つき CFLP)",
                  "classic location models (p-median / MCLP / LSCP / p-center / capacitated with fixed costs, CFLP)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース (--service と併用; --od のときは不要)",
                                     "project database (with --service; not needed with --od)"));
        app.add_option("--model", model_, "p-median | mclp | lscp | p-center | cflp")->required()
            ->check(CLI::IsMember({"p-median", "mclp", "lscp", "p-center", "cflp"}));
        app.add_option("--od", od_, tr("OD 表 CSV (origin_id,destination_id,distance_m)", "OD table CSV (origin_id,destination_id,distance_m)"))
            ->check(CLI::ExistingFile);
        app.add_option("--service", service_, tr("機能キー (DB の需要と距離を使う)", "service key (uses the database's demand and distances)"));
        app.add_option("--p", p_, tr("開設する施設数 (cflp では省略可: 数は自由)", "number of sites to open (optional for cflp: any number)"))->check(CLI::PositiveNumber);
        app.add_option("--catchment", catchment_m_, tr("圏域 (m) — MCLP / LSCP", "catchment in metres — MCLP / LSCP"))->check(CLI::PositiveNumber);
        app.add_option("--demand", demand_, tr("需要の重み CSV (origin_id,weight); 省略時はすべて 1", "demand weights CSV (origin_id,weight); 1 each when left out"))
            ->check(CLI::ExistingFile);
        app.add_option("--required", required_, tr("必ず開設する施設の ID 一覧 (1 行に 1 つ)", "ids of sites that must be open (one per line)"))
            ->check(CLI::ExistingFile);
        app.add_option("--capacity", capacity_, tr("各施設の容量 (人) — p-median", "capacity of every site (people) — p-median"))->check(CLI::PositiveNumber);
        app.add_option("--sites", sites_, tr("cflp: 施設の固定費と容量 CSV (site_id,fixed_cost,capacity); OD 表の 3 列目は需要点の需要すべてをその施設で受け持つ費用 (DB では 人×距離 (m)、固定費も同じ単位、容量が空欄なら機能の容量)",
                                             "cflp: the sites' fixed costs and capacities, CSV (site_id,fixed_cost,capacity); the OD table's third column is then the cost of serving all of an origin's demand there (from DB: people × metres, fixed costs in the same unit, an empty capacity the service's)"))
            ->check(CLI::ExistingFile);
        app.add_flag("--single-source", single_source_, tr("cflp: 各需要点を 1 施設だけに割り当てる", "cflp: serve every origin from one site"));
        app.add_option("--time-limit", time_limit_s_, tr("計算時間の上限 (秒)", "time limit in seconds"))->check(CLI::PositiveNumber);
        app.add_option("--method", method_, tr("fast (既定: 発見的解法 + 緩和下界 + 縮小 MILP) | textbook (教科書どおりの MILP を CBC で)",
                                               "fast (default: heuristic + relaxation bound + reduced MILP) | textbook (the plain MILP with CBC)"))
            ->check(CLI::IsMember({"fast", "textbook"}))->capture_default_str();
        app.add_option("--year", year_, tr("人口の年 (DB のとき。既定: 今年度以前で最新の年)",
                                           "population year (with DB; default: the latest not after the current fiscal year)"))
            ->check(CLI::Range(1868, 9999));
        app.add_option("--json", json_, tr("結果を JSON で書く", "write the result as JSON"));
        app.add_option("--od-out", od_out_, tr("解いたインスタンスの OD 表を CSV で書く (--od で読める形式)",
                                               "write the solved instance's OD table as CSV (the --od format)"));
        app.add_option("--demand-out", demand_out_, tr("解いたインスタンスの需要の重みを CSV で書く (--demand で読める形式)",
                                                       "write the solved instance's demand weights as CSV (the --demand format)"));
    }
    int run() override {
        optimize::LocationRequest req;
        req.model = optimize::parse_location_model(model_);
        req.p = p_.value_or(0);
        req.catchment_m = catchment_m_.value_or(0.0);
        req.time_limit_s = time_limit_s_.value_or(0.0);
        req.textbook = method_ == "textbook";
        req.progress_label = tr("最適化", "optimizing");
        if (!required_.empty()) req.required = optimize::read_id_list(required_);
        const bool cflp = req.model == optimize::LocationModel::cflp;
        req.single_source = single_source_;
        if (req.model != optimize::LocationModel::lscp && !cflp && !p_)
            throw UsageError(tr("--p を指定してください", "--p is required for this model"));
        if (cflp && !od_.empty() && (sites_.empty() || demand_.empty()))
            throw UsageError(tr("cflp には --sites SITES.csv と --demand W.csv が必要です", "cflp needs --sites SITES.csv and --demand W.csv"));
        if (!cflp && (!sites_.empty() || single_source_))
            throw UsageError(tr("--sites と --single-source は cflp だけで使えます", "--sites and --single-source apply to cflp only"));
        if (cflp && capacity_)
            throw UsageError(tr("cflp の容量は --sites で指定してください", "cflp takes its capacities from --sites"));
        if ((req.model == optimize::LocationModel::mclp || req.model == optimize::LocationModel::lscp) && !catchment_m_)
            throw UsageError(tr("--catchment を指定してください", "--catchment is required for this model"));

        optimize::LocationInstance instance;
        std::vector<std::string> unreachable;
        if (!od_.empty()) {
            if (!db_.empty() || !service_.empty() || year_)
                throw UsageError(tr("--od と DB / --service / --year は同時に使えません", "--od cannot be combined with DB / --service / --year"));
            auto pairs = optimize::read_od_csv(od_);
            std::optional<std::vector<std::pair<std::string, double>>> weights;
            optimize::CflpFiles files{od_, demand_, sites_, {}};
            if (!demand_.empty()) weights = optimize::read_weights_csv(demand_, &files.demand_rows);
            instance = optimize::make_instance(pairs, weights ? &*weights : nullptr, demand_, &files.demand_rows);
            if (cflp) optimize::attach_sites(instance, pairs, weights ? &*weights : nullptr, optimize::read_sites_csv(sites_), files, req);
        } else {
            if (db_.empty() || service_.empty())
                throw UsageError(tr("--od OD.csv か DB --service S を指定してください", "give --od OD.csv, or DB --service S"));
            auto store = open_store(db_, OpenMode::existing);
            instance = pipeline::location_instance(*store, service_, year_, used_);
            unreachable = used_.unreachable;
            distance_mode_ = used_.distance_mode;
            if (cflp) {
                if (sites_.empty())
                    throw UsageError(tr("cflp には --sites SITES.csv が必要です (施設ごとの固定費、容量は空欄なら機能の容量)",
                                        "cflp needs --sites SITES.csv (each site's fixed cost; an empty capacity is the service's)"));
                pipeline::attach_project_sites(instance, used_, sites_, req);
            }
            if (!unreachable.empty())
                std::cerr << tr("注意: 候補地まで遠すぎる (OD 表の上限を超える) 需要点 ", "note: demand units beyond the OD table's cut-off from every site: ")
                          << unreachable.size() << tr(" 件は除きました\n", " left out\n");
        }
        if (capacity_) req.capacity.assign(instance.sites.size(), *capacity_);
        if (!od_out_.empty()) optimize::write_od_csv(instance, od_out_);
        if (!demand_out_.empty()) optimize::write_weights_csv(instance, demand_out_);

        auto result = optimize::solve_location(instance, req);
        auto doc = optimize::to_json(instance, result);
        if (!distance_mode_.empty()) {
            doc["distance_mode"] = distance_mode_;
            doc["unreachable_origins"] = unreachable;
            doc["population_year"] = used_.population_year == 0 ? nlohmann::json(nullptr) : nlohmann::json(used_.population_year);
            doc["demand_cohort"] = used_.cohort;
            doc["cohort_source"] = used_.cohort_source;
            doc["cohort_fallback"] = used_.cohort_fallback;
            if (cflp) doc["assignment_cost_unit"] = "person_m";  // people × metres, the unit of SITES.csv's fixed costs too
        }
        if (!json_.empty()) write_json_file(json_, doc);
        std::cout << std::setprecision(10);
        std::cout << model_ << ": " << tr("目的関数 ", "objective ") << result.objective << tr("、下界 ", ", bound ") << result.bound
                  << tr("、ギャップ ", ", gap ") << std::setprecision(4) << result.gap * 100 << " %" << tr("、状態 ", ", status ")
                  << result.status << tr("、時間 ", ", time ") << std::setprecision(3) << result.time_s << " s\n";
        std::cout << tr("開設: ", "open: ") << result.open.size() << tr(" 箇所", " sites");
        if (cflp)
            std::cout << std::setprecision(10) << tr("、固定費 ", ", fixed costs ") << result.fixed_cost << tr("、割当費 ", ", assignment costs ")
                      << result.assignment_cost;
        std::cout << "\n";
        return 0;
    }

private:
    std::string db_, model_, od_, service_, demand_, required_, json_, method_ = "fast", distance_mode_, od_out_, demand_out_, sites_;
    bool single_source_ = false;
    std::optional<int> p_, year_;
    pipeline::LocationDemand used_;
    std::optional<double> catchment_m_, time_limit_s_, capacity_;
};

} // namespace

std::unique_ptr<Command> make_locate_command() { return std::make_unique<LocateCommand>(); }

} // namespace shisetsu::cli
