#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "lifecycle/condition.hpp"
#include "lifecycle/labels.hpp"
#include "lifecycle/output.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <utility>

namespace shisetsu::lifecycle {

namespace {

// Owns an lxw_workbook (STYLE 4), written to an OutputFile's temporary
// file. close() writes the workbook, checks workbook_close's status and
// publishes the file; a workbook destroyed unclosed (an exception on the
// way) is freed and its temporary file removed, the previous file whole.
class Workbook {
public:
    explicit Workbook(const std::string& path) : file_(path) {
        // Rows are written in order, so stream them (an events sheet can
        // hold hundreds of thousands of rows). The rows wait in temporary
        // files in the output's own folder, so a full disk there is seen.
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        tmpdir_ = std::filesystem::path(file_.temp_path()).parent_path().string();  // "." at least
        options.tmpdir = tmpdir_.data();
        workbook_ = workbook_new_opt(file_.temp_path().c_str(), &options);
        if (!workbook_) fail(tr("ブックを作成できません", "cannot create the workbook"));
        bold_ = workbook_add_format(workbook_);
        format_set_bold(bold_);
        format_set_bg_color(bold_, 0xDDEBF7);
        yen_ = workbook_add_format(workbook_);
        format_set_num_format(yen_, "#,##0");
        decimal_ = workbook_add_format(workbook_);
        format_set_num_format(decimal_, "#,##0.00");
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    ~Workbook() noexcept {
        if (workbook_) lxw_workbook_free(workbook_);
    }

    lxw_worksheet* sheet(const char* name) {
        lxw_worksheet* ws = workbook_add_worksheet(workbook_, name);
        if (!ws) fail(tr("シートを追加できません", "cannot add a worksheet"));
        return ws;
    }

    void close() {
        lxw_workbook* wb = std::exchange(workbook_, nullptr);
        const lxw_error error = workbook_close(wb);  // frees the workbook in every case
        if (error != LXW_NO_ERROR) fail(lxw_strerror(error));
        file_.commit();
    }

    lxw_format* bold() const noexcept { return bold_; }
    lxw_format* yen() const noexcept { return yen_; }
    lxw_format* decimal() const noexcept { return decimal_; }

private:
    [[noreturn]] void fail(const char* why) {
        std::string message = file_.target();
        message.append(": ").append(tr("書き込めません: ", "cannot write: ")).append(why);
        throw OutputError(message);
    }

    OutputFile file_;
    std::string tmpdir_;
    lxw_workbook* workbook_ = nullptr;
    lxw_format* bold_ = nullptr;
    lxw_format* yen_ = nullptr;
    lxw_format* decimal_ = nullptr;
};

// Writes cells row by row.
class Sheet {
public:
    Sheet(Workbook& wb, const char* name) : wb_(wb), ws_(wb.sheet(name)) {}

    Sheet& header(const std::string& text) {
        worksheet_write_string(ws_, row_, col_++, text.c_str(), wb_.bold());
        return *this;
    }
    Sheet& text(const std::string& text) {
        if (!text.empty()) worksheet_write_string(ws_, row_, col_, text.c_str(), nullptr);
        ++col_;
        return *this;
    }
    Sheet& yen(double value) {
        worksheet_write_number(ws_, row_, col_++, value, wb_.yen());
        return *this;
    }
    Sheet& decimal(double value) {
        worksheet_write_number(ws_, row_, col_++, value, wb_.decimal());
        return *this;
    }
    Sheet& integer(double value) {
        worksheet_write_number(ws_, row_, col_++, value, nullptr);
        return *this;
    }
    Sheet& skip() {
        ++col_;
        return *this;
    }
    void end_row() {
        ++row_;
        col_ = 0;
    }
    void freeze_header() { worksheet_freeze_panes(ws_, 1, 0); }
    void widths(lxw_col_t first, lxw_col_t last, double width) {
        worksheet_set_column(ws_, first, last, width, nullptr);
    }

private:
    Workbook& wb_;
    lxw_worksheet* ws_;
    lxw_row_t row_ = 0;
    lxw_col_t col_ = 0;
};

void years_sheet(Workbook& wb, const Projection& p) {
    const bool ja = language() == Lang::ja;
    Sheet s(wb, tr("年度別", "years"));
    s.header(tr("年度", "year")).header(tr("合計（円）", "total_yen")).header(tr("うち積み残し（円）", "backlog_yen"));
    for (const auto& kind : p.kinds) s.header(ja ? p.scenario.kind_label(kind) + "（円）" : kind + "_yen");
    if (p.scenario.budget_yen)
        s.header(tr("予算（円）", "budget_yen")).header(tr("予算との差（円）", "budget_gap_yen"));
    s.end_row();
    for (std::size_t i = 0; i < p.total_yen.size(); ++i) {
        s.integer(p.year(i)).yen(p.total_yen[i]).yen(p.backlog_yen[i]);
        for (std::size_t k = 0; k < p.kinds.size(); ++k) s.yen(p.by_kind(i, k));
        if (p.scenario.budget_yen) s.yen(*p.scenario.budget_yen).yen(*p.budget_gap_yen(i));
        s.end_row();
    }
    s.end_row();
    s.text(tr("期間合計", "horizon total")).yen(p.horizon_total_yen);
    s.end_row();
    s.text(tr("年平均", "annual average")).yen(p.annual_average_yen);
    s.end_row();
    s.text(tr("期間末の残存価値", "residual value at the end")).yen(p.residual_value_yen);
    s.end_row();
    s.text(tr("正味費用（合計－残存価値）", "net cost (total − residual)")).yen(p.net_yen());
    s.end_row();
    if (auto ratio = p.budget_ratio()) {
        s.text(tr("年平均÷予算", "average ÷ budget")).decimal(*ratio);
        s.end_row();
    }
    s.freeze_header();
    s.widths(0, 0, 10);
    s.widths(1, static_cast<lxw_col_t>(4 + p.kinds.size()), 18);
}

void category_sheet(Workbook& wb, const Projection& p) {
    const bool ja = language() == Lang::ja;
    Sheet s(wb, tr("分類別", "by category"));
    s.header(tr("年度", "year"));
    for (std::size_t c = 0; c < p.categories.size(); ++c)
        s.header(ja ? detail::category_label(p, c) + "（円）" : p.categories[c] + "_yen");
    s.end_row();
    for (std::size_t i = 0; i < p.total_yen.size(); ++i) {
        s.integer(p.year(i));
        for (std::size_t c = 0; c < p.categories.size(); ++c) s.yen(p.by_category(i, c));
        s.end_row();
    }
    s.freeze_header();
    s.widths(0, 0, 10);
    s.widths(1, static_cast<lxw_col_t>(p.categories.size() + 1), 20);
}

void events_sheet(Workbook& wb, const Projection& p) {
    const bool ja = language() == Lang::ja;
    Sheet s(wb, tr("事業一覧", "events"));
    s.header(tr("ID", "id")).header(tr("区分", "type")).header(tr("分類", "category")).header(tr("更新方針", "strategy"));
    s.header(tr("種別", "kind")).header(tr("年度", "year")).header(tr("費用（円）", "cost_yen"));
    s.header(tr("分割年数", "spread")).header(tr("状態", "status")).header(tr("積み残し分割年数", "backlog_years"));
    s.header(tr("期間内計上額（円）", "in_horizon_yen"));
    s.end_row();
    auto rows = [&](const std::string& id, const char* type, int category, const std::string& strategy,
                    std::span<const Event> events) {
        const std::string category_text =
            category < 0 ? std::string() : ja ? detail::category_label(p, static_cast<std::size_t>(category))
                                              : p.categories[static_cast<std::size_t>(category)];
        const std::string strategy_text = detail::strategy_label(p, strategy);
        for (const auto& e : events) {
            s.text(id).text(type).text(category_text).text(strategy_text);
            s.text(ja ? p.scenario.kind_label(p.kinds[e.kind]) : p.kinds[e.kind]);
            s.integer(e.year).yen(e.cost_yen).integer(e.spread_years);
            s.text(ja ? status_label(e.status) : status_name(e.status));
            if (e.status == EventStatus::backlog) s.integer(e.backlog_years); else s.skip();
            s.yen(e.in_horizon_yen);
            s.end_row();
        }
    };
    for (const auto& b : p.buildings)
        rows(b.building_id, tr("建物", "building"), b.category, detail::strategy_key(p, b), p.events_of(b));
    for (const auto& a : p.assets) rows(a.asset_id, tr("インフラ", "infrastructure"), a.category, "none", p.events_of(a));
    s.freeze_header();
    s.widths(0, 3, 16);
    s.widths(4, 10, 14);
}

void parameters_sheet(Workbook& wb, const Projection& p) {
    const Scenario& sc = p.scenario;
    const bool ja = language() == Lang::ja;
    Sheet s(wb, tr("前提条件", "parameters"));
    s.header(tr("項目", "parameter")).header(tr("値", "value"));
    s.end_row();
    s.text(tr("更新方針", "strategy")).text(sc.strategy_label(sc.strategy));
    s.end_row();
    s.text(tr("開始年度", "start year")).integer(sc.start_year);
    s.end_row();
    s.text(tr("推計期間（年）", "horizon (years)")).integer(sc.horizon_years);
    s.end_row();
    s.text(tr("積み残し解消期間（年）", "backlog years")).integer(sc.backlog_years);
    s.end_row();
    s.text(tr("改修済みとみなす期間（年）", "done window (years)")).integer(sc.done_window_years);
    s.end_row();
    s.text(tr("解体単価（円/㎡）", "demolition (yen/m²)")).yen(sc.demolition_yen_per_m2);
    s.end_row();
    std::string structures;
    for (const auto& st : sc.eligible_structures) structures += (structures.empty() ? "" : ", ") + st;
    s.text(tr("長寿命化の対象構造", "structures eligible for life extension")).text(structures);
    s.end_row();
    s.text(tr("コンクリート圧縮強度の下限（N/mm²）", "minimum concrete strength (N/mm²)"))
        .decimal(sc.min_concrete_strength);
    s.end_row();
    s.text(tr("緊急とする健全度（未満）", "urgent below condition")).decimal(sc.urgent_condition);
    s.end_row();
    s.text(tr("優先順位をつける期間（年）", "priority window (years)")).integer(sc.priority_years);
    s.end_row();
    s.text(tr("長寿命化の健全度の下限", "minimum condition for life extension"));
    if (sc.min_condition_for_life_extension) s.decimal(*sc.min_condition_for_life_extension); else s.text(tr("なし", "none"));
    s.end_row();
    s.text(tr("年間予算（円）", "annual budget (yen)"));
    if (sc.budget_yen) s.yen(*sc.budget_yen); else s.text(tr("なし", "none"));
    s.end_row();
    s.text(tr("シナリオファイル", "scenario file")).text(sc.scenario_file.empty() ? tr("既定値", "defaults") : sc.scenario_file);
    s.end_row();
    s.end_row();

    s.header(tr("分類", "category")).header(tr("大分類", "name")).header(tr("建替え単価（円/㎡）", "rebuild (yen/m²)"));
    s.header(tr("大規模改修単価（円/㎡）", "renovation (yen/m²)"));
    s.end_row();
    for (const auto& c : sc.categories) {
        s.text(c.key).text(ja ? c.name_ja : c.name_en).yen(c.rebuild_yen_per_m2).yen(c.renovation_yen_per_m2);
        s.end_row();
    }
    s.end_row();

    s.header(tr("更新方針", "strategy")).header(tr("種別", "kind")).header(tr("経過年数", "age"));
    s.header(tr("単価の基準", "cost basis")).header(tr("係数", "factor")).header(tr("分割年数", "spread"));
    s.end_row();
    for (const auto& st : sc.strategies)
        for (const auto& e : st.events) {
            s.text(ja ? st.label_ja : st.label_en).text(sc.kind_label(e.kind)).integer(e.age_years);
            s.text(e.cost_basis == CostBasis::rebuild ? tr("建替え単価", "rebuild") : tr("大規模改修単価", "renovation"));
            s.decimal(e.factor).integer(e.spread_years);
            s.end_row();
        }
    s.end_row();

    s.header(tr("インフラ種別", "asset type")).header(tr("規則", "rule")).header(tr("年数", "years"));
    s.header(tr("単価（円）", "unit cost (yen)"));
    s.end_row();
    for (const auto& t : sc.infrastructure) {
        s.text(ja ? t.name_ja : t.name_en);
        s.text(t.rule == InfraType::Rule::annual ? tr("毎年 数量÷年数 を更新", "quantity ÷ years renewed every year")
                                                 : tr("年数ごとに更新", "renewed every period"));
        s.integer(t.period_years);
        if (t.unit_cost_yen) s.yen(*t.unit_cost_yen); else s.text(tr("資産ごとに指定", "per asset"));
        s.end_row();
    }
    s.end_row();
    s.header(tr("出典", "sources"));
    s.end_row();
    for (const auto& source : sc.sources) {
        s.text(source);
        s.end_row();
    }
    s.widths(0, 0, 36);
    s.widths(1, 5, 20);
}

void comparison_sheets(Workbook& wb, const Comparison& c, const Scenario& scenario) {
    Sheet s(wb, tr("比較", "comparison"));
    s.header(tr("年度", "year"));
    for (const auto& side : c.strategies) s.header(detail::strategy_text(side) + tr("（円）", " (yen)"));
    s.end_row();
    for (std::size_t i = 0; i < static_cast<std::size_t>(c.horizon); ++i) {
        s.integer(c.start_year + static_cast<int>(i));
        for (const auto& side : c.strategies) s.yen(side.year_yen[i]);
        s.end_row();
    }
    auto row = [&](const char* label, double ComparedProjection::*field) {
        s.text(label);
        for (const auto& side : c.strategies) s.yen(side.*field);
        s.end_row();
    };
    row(tr("期間合計", "horizon total"), &ComparedProjection::total_yen);
    row(tr("期間末の残存価値", "residual value at the end"), &ComparedProjection::residual_value_yen);
    row(tr("正味費用（合計－残存価値）", "net cost (total − residual)"), &ComparedProjection::net_yen);
    row(tr("等価年間費用（全体）", "equivalent annual cost (stock)"), &ComparedProjection::equivalent_annual_cost_yen);
    s.end_row();
    s.header(tr("比較", "comparison")).header(tr("期間合計の差（円）", "total difference (yen)"));
    s.header(tr("正味費用の差（円）", "net difference (yen)")).header(tr("正味費用の差（％）", "net difference (%)"));
    s.header(tr("等価年間費用の差（円）", "EAC difference (yen)"));
    s.end_row();
    for (const auto& d : c.differences) {
        auto label = [&](const std::string& key) {
            for (const auto& side : c.strategies)
                if (side.strategy == key) return detail::strategy_text(side);
            return key;
        };
        s.text(label(d.strategy) + tr(" − ", " − ") + label(d.against)).yen(d.total_yen).yen(d.net_yen);
        s.decimal(d.net_share * 100).yen(d.eac_yen);
        s.end_row();
    }
    s.freeze_header();
    s.widths(0, 0, 30);
    s.widths(1, static_cast<lxw_col_t>(c.strategies.size() + 1), 24);

    Sheet e(wb, tr("等価年間費用", "equivalent annual cost"));
    e.header(tr("更新方針", "strategy")).header(tr("分類", "category")).header(tr("円/㎡・年", "yen per m² and year"));
    e.end_row();
    for (const auto& side : c.strategies)
        for (const auto& row_eac : side.eac) {
            const Strategy* st = scenario.find_strategy(row_eac.strategy);
            e.text(st ? (language() == Lang::ja ? st->label_ja : st->label_en) : row_eac.strategy);
            e.text(detail::category_label(scenario, row_eac.category)).decimal(row_eac.yen_per_m2);
            e.end_row();
        }
    e.widths(0, 1, 30);
    e.widths(2, 2, 18);
}

void priority_sheet(Workbook& wb, const Projection& p) {
    const bool ja = language() == Lang::ja;
    Sheet s(wb, tr("優先順位", "priority"));
    s.header(tr("順位", "rank")).header(tr("棟ID", "building_id")).header(tr("健全度", "condition"));
    for (const auto& part : parts()) s.header(ja ? part.label_ja : part.key);
    s.header(tr("築年数", "age")).header(tr("積み残し", "overdue")).header(tr("種別", "kind"));
    s.header(tr("予定年度", "year due")).header(tr("着手年度", "start year")).header(tr("費用（円）", "cost_yen"));
    s.header(tr("状態", "status")).header(tr("健全度による前倒し", "brought forward for condition"));
    s.end_row();
    for (const auto& entry : priority_ranking(p)) {
        const BuildingResult& b = p.buildings[entry.building];
        for (std::uint32_t i : entry.events) {
            const Event& e = p.events[i];
            s.integer(entry.rank).text(b.building_id);
            if (entry.condition) s.decimal(*entry.condition); else s.text(tr("未調査", "not surveyed"));
            for (std::size_t k = 0; k < kPartCount; ++k)
                s.text(b.part_ratings.size() == kPartCount ? std::string(1, b.part_ratings[k]) : std::string());
            s.integer(entry.age_years).text(entry.overdue ? tr("あり", "yes") : "");
            s.text(ja ? p.scenario.kind_label(p.kinds[e.kind]) : p.kinds[e.kind]).integer(e.year);
            s.integer(e.status == EventStatus::backlog ? p.start_year() : e.year).yen(e.cost_yen);
            s.text(ja ? status_label(e.status) : status_name(e.status)).text(e.condition ? tr("前倒し", "yes") : "");
            s.end_row();
        }
    }
    s.freeze_header();
    s.widths(0, 0, 6);
    s.widths(1, 1, 14);
    s.widths(2, 16, 11);
}

void write_workbook(const Projection& p, const Comparison* c, const std::string& path) {
    Workbook wb(path);
    years_sheet(wb, p);
    category_sheet(wb, p);
    events_sheet(wb, p);
    priority_sheet(wb, p);
    parameters_sheet(wb, p);
    if (c) comparison_sheets(wb, *c, p.scenario);
    wb.close();
}

} // namespace

void write_xlsx(const Projection& p, const std::string& path) { write_workbook(p, nullptr, path); }

void write_xlsx(const Projection& p, const Comparison& c, const std::string& path) { write_workbook(p, &c, path); }

} // namespace shisetsu::lifecycle
