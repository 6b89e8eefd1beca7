#include "cli/commands.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "export/export.hpp"
#include "storage/store.hpp"

#include <iostream>

namespace shisetsu::cli {

namespace {

class ExportCommand final : public Command {
public:
    const char* name() const override { return "export"; }
    const char* description() const override {
        return tr("QGIS 用の GeoPackage (スタイル付き) と QGIS プロジェクト、公共施設一覧 CSV を書き出す",
                  "write a styled GeoPackage and a QGIS project for QGIS, and the open-data facility list (CSV)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース", "project database"))->required();
        app.add_option("--gpkg", request_.gpkg_path, tr("書き出す GeoPackage", "GeoPackage to write"))->required();
        app.add_option("--qgs", request_.qgs_path, tr("QGIS プロジェクト (.qgs) も書く", "also write a QGIS project (.qgs)"));
        app.add_option("--csv", request_.csv_path,
                       tr("公共施設一覧 CSV の出力先 (既定: GeoPackage の横、\"-\" で書かない)",
                          "open-data facility list CSV (default: beside the GeoPackage; \"-\" for none)"));
        app.add_option("--qgs-source", source_,
                       tr("QGIS プロジェクトのデータの置き場所: gpkg (既定、GeoPackage) または postgis (プロジェクトの "
                          "PostgreSQL のスキーマ qgis に写したレイヤー)",
                          "where the QGIS project reads its layers: gpkg (default, the GeoPackage) or postgis (the "
                          "layers copied into the schema qgis of the project's PostgreSQL database)"))
            ->check(CLI::IsMember({"gpkg", "postgis"}));
        app.add_option("--year", request_.reference_year,
                       tr("築年数を数える基準の年度 (既定: 今年度)", "fiscal year ages are counted to (default: this one)"));
    }
    int run() override {
        request_.command_line = command_line();
        if (source_ == "postgis") {
            if (!is_postgres(db_))
                throw UsageError(tr("--qgs-source postgis は PostgreSQL のプロジェクトでのみ使えます",
                                    "--qgs-source postgis needs a PostgreSQL project"));
            request_.postgis_db = db_;
        }
        auto store = open_store(db_, OpenMode::existing);
        auto outcome = exporter::run_export(*store, request_);
        std::cout << outcome.summary();
        return 0;
    }

private:
    std::string db_;
    std::string source_ = "gpkg";
    exporter::ExportRequest request_;
};

} // namespace

std::unique_ptr<Command> make_export_command() { return std::make_unique<ExportCommand>(); }

} // namespace shisetsu::cli
