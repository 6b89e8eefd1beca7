#include "cli/commands.hpp"

#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/errors.hpp"
#include "storage/settings.hpp"
#include "storage/store.hpp"
#include "storage/transaction.hpp"

#include <filesystem>
#include <iomanip>
#include <iostream>

namespace shisetsu::cli {

namespace {

class InitCommand final : public Command {
public:
    const char* name() const override { return "init"; }
    const char* description() const override {
        return tr("新しいプロジェクトデータベース (SQLite + SpatiaLite) を作る", "create a new project database (SQLite + SpatiaLite)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("作成するデータベースファイル", "database file to create"))->required();
        app.add_option("--municipality", code_,
                       tr("全国地方公共団体コード (6 桁、検査数字つき。例 132021)。名称などは境界の取り込みで補われる",
                          "local government code (6 digits with the check digit, e.g. 132021); the name and the rest "
                          "are filled from an imported boundary"));
    }
    int run() override {
        // A wrong code is bad input before the file exists.
        if (!code_.empty())
            if (auto problem = municipality_code_problem(code_))
                throw InputError({InputProblem{"--municipality", 0, "", *problem}});
        auto store = open_store(db_, OpenMode::create);
        if (!code_.empty()) set_setting(*store, "code", code_, "init");
        RunRecord r;
        r.command = command_line();
        r.kind = "init";
        r.program_version = program_version();
        store->finish_run(store->begin_run(r), "{}");
        std::cout << database_label(db_) << tr(" を作成しました (スキーマ版 ", ": created (schema version ") << store->schema_version()
                  << ", EPSG:" << store->project_srid() << ")\n";
        return 0;
    }

private:
    std::string db_, code_;
};

// `shisetsu settings DB [KEY [VALUE]]` (overview.md "The municipality, once").
class SettingsCommand final : public Command {
public:
    const char* name() const override { return "settings"; }
    const char* description() const override {
        return tr("プロジェクトの設定 (自治体名・団体コード・区市町村の別・人口・予算の目安) を見る・変える",
                  "show or change the project's settings (municipality, code, kind, population, budget reference)");
    }
    void setup(CLI::App& app) override {
        app.add_option("DB", db_, tr("プロジェクトデータベース", "project database"))->required();
        app.add_option("KEY", key_, tr("設定の名前 (省略するとすべて表示)", "setting to show or change (all when left out)"));
        app.add_option("VALUE", value_, tr("新しい値 (\"\" で削除)", "new value (\"\" removes it)"));
        app.footer(footer());
    }
    int run() override {
        auto store = open_store(db_, OpenMode::existing);
        if (value_) {
            Transaction transaction(*store);
            set_setting(*store, key_, *value_, "user");
            transaction.commit();
        }
        const auto settings = store->settings();
        auto row_of = [&](const std::string& key) -> const Setting* {
            for (const auto& s : settings)
                if (s.key == key) return &s;
            return nullptr;
        };
        if (!key_.empty() && !value_) {
            bool known = false;
            for (const auto& spec : setting_specs()) known = known || spec.key == key_;
            if (!known) set_setting(*store, key_, "", "user");  // throws: unknown key, with the nearest
            const Setting* s = row_of(key_);
            if (key_ == "kind" && !s) {
                ProjectSettings p = load_settings(*store);
                if (p.kind) std::cout << kind_text(*p.kind) << "\n";
                return 0;
            }
            if (s) std::cout << s->value << "\n";
            return 0;
        }
        ProjectSettings p = load_settings(*store);
        for (const auto& spec : setting_specs()) {
            if (!key_.empty() && spec.key != key_) continue;
            const Setting* s = row_of(spec.key);
            std::string value = s ? s->value : "";
            std::string source = s ? s->source : "";
            if (!s && spec.key == "kind" && p.kind) {
                value = kind_text(*p.kind);
                source = "name";
            }
            std::cout << std::left << std::setw(12) << spec.key << " " << (value.empty() ? tr("(未設定)", "(not set)") : value);
            if (!source.empty()) std::cout << "  [" << source_text(source) << "]";
            std::cout << "\n";
        }
        return 0;
    }

private:
    static const char* source_text(const std::string& source) {
        if (source == "boundary") return tr("境界データ (N03) より", "from the boundary (N03)");
        if (source == "init") return "init --municipality";
        if (source == "name") return tr("名称より", "from the name");
        return tr("利用者が設定", "set by the user");
    }
    static std::string footer() {
        std::string out = tr("設定の名前:\n", "Settings:\n");
        for (const auto& spec : setting_specs()) out += "  " + spec.key + std::string(12 - std::min<std::size_t>(11, spec.key.size()), ' ') + spec.label() + "\n";
        return out;
    }
    std::string db_, key_;
    std::optional<std::string> value_;
};

} // namespace

std::unique_ptr<Command> make_init_command() { return std::make_unique<InitCommand>(); }
std::unique_ptr<Command> make_settings_command() { return std::make_unique<SettingsCommand>(); }

} // namespace shisetsu::cli
