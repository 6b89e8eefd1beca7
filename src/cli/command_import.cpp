#include "cli/commands.hpp"

#include "core/files.hpp"
#include "core/lang.hpp"
#include "inventory/importer.hpp"
#include "pipeline/pipeline.hpp"
#include "storage/store.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class ImportCommand final : public Command {
public:
    const char* name() const override { return "import"; }
    const char* description() const override {
        return tr("台帳・地図・人口などのファイルを取り込む", "import an inventory, map or population file");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース", "project database"))->required();
        app.add_option("KIND", kind_,
                       "facilities | buildings | services | population | roads | boundary | sites | infrastructure")
            ->required();
        app.add_option("FILE", files_, tr("取り込むファイル (CSV, XLSX, GeoJSON, GPKG, Shapefile …)",
                                          "files to import (CSV, XLSX, GeoJSON, GPKG, Shapefile …)"))
            ->required();
        app.add_option("--layer", request_.layer, tr("読むレイヤ名", "layer to read"));
        app.add_option("--mapping", request_.mapping_path,
                       tr("列名の対応表 (JSON: {\"元の列名\": \"項目名\"})", "column mapping (JSON: {\"header\": \"field\"})"));
        app.add_option("--encoding", request_.encoding, tr("文字コード (UTF-8 / CP932)。省略時は自動判定", "encoding (UTF-8 / CP932); detected if omitted"));
        app.add_option("--crs", request_.crs, tr("入力の座標参照系 (例 EPSG:6677)。省略時はファイルのもの、なければ JGD2011",
                                                 "CRS of the input (e.g. EPSG:6677); default: the file's own, else JGD2011"));
        app.add_flag("--skip-invalid", request_.skip_invalid,
                     tr("不正な行を除いて取り込み、除いた行と理由を別ファイルに書く", "import the valid rows; write rejected rows with reasons to a side file"));
        app.add_option("--rejected-out", request_.rejected_path, tr("除いた行を書くファイル", "file for the rejected rows"));
        app.add_flag("--area-share", request_.area_share,
                     tr("人口メッシュを面積按分で区域に含める (既定は中心点)", "weight mesh cells by area share (default: centroid in boundary)"));
        app.add_flag("--node", node_,
                     tr("道路: 交差部に節点を置き、線の端を snap_m 以内の線につなぐ (線の端の多くが浮いていれば自動)",
                        "roads: give crossings a node and join line ends to a line within snap_m (automatic when many ends touch nothing)"));
        app.add_flag("--no-node", no_node_, tr("道路: 節点の自動付与をしない", "roads: never node the layer"))->excludes("--node");
        app.add_option("--year", year_, tr("人口: 全行の年 (国勢調査年・推計年)。省略時は年の列、なければ年なし",
                                           "population: the year of every row (census or projection year); default: a year column, else undated"))
            ->check(CLI::Range(1868, 9999));
        app.add_option("--json", json_, tr("取り込み結果を JSON で書く", "write the import report as JSON"));
    }
    int run() override {
        request_.kind = inventory::parse_kind(kind_);
        if (node_) request_.node = true;
        if (no_node_) request_.node = false;
        if (year_) request_.year = year_;
        request_.command_line = command_line();
        auto store = open_store(db_, OpenMode::existing);
        nlohmann::json reports = nlohmann::json::array();
        for (std::size_t i = 0; i < files_.size(); ++i) {
            request_.path = files_[i];
            // The --json report goes with the last file's transaction: if it
            // cannot be written, that import is not recorded (each file is
            // its own transaction, so earlier files stay imported).
            if (!json_.empty() && i + 1 == files_.size())
                request_.before_commit = [&](const inventory::ImportReport& report) {
                    nlohmann::json all = reports;
                    all.push_back(report.to_json());
                    write_json_file(json_, all.size() == 1 ? all[0] : all);
                };
            auto report = pipeline::import_file(*store, request_);
            std::cout << report.summary();
            reports.push_back(report.to_json());
        }
        return 0;
    }

private:
    std::string db_, kind_, json_;
    bool node_ = false, no_node_ = false;
    std::optional<int> year_;
    std::vector<std::string> files_;
    inventory::ImportRequest request_;
};

} // namespace

std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }

} // namespace shisetsu::cli
