#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/text.hpp"
#include "lifecycle/labels.hpp"
#include "lifecycle/output.hpp"

namespace shisetsu::lifecycle {

namespace {

// RFC 4180 rows, UTF-8 with BOM so Excel opens the Japanese text as such;
// written through an OutputFile (OutputError when it cannot be written, the
// previous file whole). Text goes through text::csv_field, numbers as they are.
class CsvFile {
public:
    explicit CsvFile(const std::string& path) : file_(path), out_(file_.stream()) { out_ << "\xEF\xBB\xBF"; }

    CsvFile& text(const std::string& value) {
        separate();
        out_ << text::csv_field(value);
        return *this;
    }
    CsvFile& number(double value) { return raw(detail::number_text(value)); }
    CsvFile& integer(long value) { return raw(std::to_string(value)); }
    CsvFile& empty() { return raw(""); }

    void end_row() {
        out_ << "\r\n";
        first_ = true;
    }

    void close() { file_.commit(); }

private:
    CsvFile& raw(const std::string& value) {
        separate();
        out_ << value;
        return *this;
    }
    void separate() {
        if (!first_) out_ << ',';
        first_ = false;
    }

    OutputFile file_;
    std::ostream& out_;
    bool first_ = true;
};

void write_event_rows(CsvFile& csv, const Projection& p, const std::string& id, const char* owner_type,
                      int category, const std::string& strategy, std::span<const Event> events) {
    const bool ja = language() == Lang::ja;
    const std::string category_text =
        category < 0 ? std::string() : ja ? detail::category_label(p, static_cast<std::size_t>(category))
                                          : p.categories[static_cast<std::size_t>(category)];
    const std::string strategy_text = detail::strategy_label(p, strategy);
    for (const auto& e : events) {
        csv.text(id).text(owner_type).text(category_text).text(strategy_text);
        csv.text(ja ? p.scenario.kind_label(p.kinds[e.kind]) : p.kinds[e.kind]);
        csv.integer(e.year).number(e.cost_yen).integer(e.spread_years);
        csv.text(ja ? status_label(e.status) : status_name(e.status));
        if (e.status == EventStatus::backlog) csv.integer(e.backlog_years); else csv.empty();
        csv.number(e.in_horizon_yen);
        csv.end_row();
    }
}

} // namespace

void write_years_csv(const Projection& p, const std::string& path) {
    const bool ja = language() == Lang::ja;
    {
        CsvFile csv(path);
        csv.text(tr("年度", "year")).text(tr("合計（円）", "total_yen")).text(tr("うち積み残し（円）", "backlog_yen"));
        for (const auto& kind : p.kinds) csv.text(ja ? p.scenario.kind_label(kind) + "（円）" : kind + "_yen");
        for (std::size_t c = 0; c < p.categories.size(); ++c)
            csv.text(ja ? detail::category_label(p, c) + "（円）" : p.categories[c] + "_yen");
        if (p.scenario.budget_yen) csv.text(tr("予算（円）", "budget_yen")).text(tr("予算との差（円）", "budget_gap_yen"));
        csv.end_row();
        for (std::size_t i = 0; i < p.total_yen.size(); ++i) {
            csv.integer(p.year(i)).number(p.total_yen[i]).number(p.backlog_yen[i]);
            for (std::size_t k = 0; k < p.kinds.size(); ++k) csv.number(p.by_kind(i, k));
            for (std::size_t c = 0; c < p.categories.size(); ++c) csv.number(p.by_category(i, c));
            if (p.scenario.budget_yen) csv.number(*p.scenario.budget_yen).number(*p.budget_gap_yen(i));
            csv.end_row();
        }
        csv.close();
    }
}

void write_events_csv(const Projection& p, const std::string& path) {
    CsvFile csv(path);
    csv.text(tr("ID", "id")).text(tr("区分", "type")).text(tr("分類", "category")).text(tr("更新方針", "strategy"));
    csv.text(tr("種別", "kind")).text(tr("年度", "year")).text(tr("費用（円）", "cost_yen"));
    csv.text(tr("分割年数", "spread")).text(tr("状態", "status")).text(tr("積み残し分割年数", "backlog_years"));
    csv.text(tr("期間内計上額（円）", "in_horizon_yen"));
    csv.end_row();
    for (const auto& b : p.buildings)
        write_event_rows(csv, p, b.building_id, tr("建物", "building"), b.category, detail::strategy_key(p, b),
                         p.events_of(b));
    for (const auto& a : p.assets)
        write_event_rows(csv, p, a.asset_id, tr("インフラ", "infrastructure"), a.category, "none", p.events_of(a));
    csv.close();
}

void write_csv(const Comparison& c, const std::string& path) {
    CsvFile csv(path);
    csv.text(tr("年度", "year"));
    for (const auto& side : c.strategies) csv.text(detail::strategy_text(side) + tr("（円）", " (yen)"));
    csv.end_row();
    for (std::size_t i = 0; i < static_cast<std::size_t>(c.horizon); ++i) {
        csv.integer(c.start_year + static_cast<long>(i));
        for (const auto& side : c.strategies) csv.number(side.year_yen[i]);
        csv.end_row();
    }
    auto row = [&](const char* label, double ComparedProjection::*field) {
        csv.text(label);
        for (const auto& side : c.strategies) csv.number(side.*field);
        csv.end_row();
    };
    row(tr("期間合計", "horizon total"), &ComparedProjection::total_yen);
    row(tr("期間末の残存価値", "residual value at the end"), &ComparedProjection::residual_value_yen);
    row(tr("正味費用（合計－残存価値）", "net cost (total − residual)"), &ComparedProjection::net_yen);
    row(tr("等価年間費用（全体）", "equivalent annual cost (stock)"), &ComparedProjection::equivalent_annual_cost_yen);
    csv.close();
}

} // namespace shisetsu::lifecycle
