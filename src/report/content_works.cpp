// 個別施設計画 (outputs.md "What planners compare and present"): each
// facility's works of the next years (building, kind, year, cost, 健全度,
// priority rank), from the latest lifecycle run's priority ranking
// (lifecycle.md "Condition").
#include "report/content_builder.hpp"

#include <algorithm>
#include <map>

namespace shisetsu::report::sections {

namespace {

// Cost of one work: 万円 in Japanese, million yen in English (a building's
// work is too small for 億円).
Cell work_cost_cell(double yen) {
    const double unit = ja() ? 1e4 : 1e6;
    return Cell{grouped(yen / unit, ja() ? 0 : 1), yen / unit, {}};
}

} // namespace

std::string Builder::ratings_text(const json& ratings) const {
    return ratings.is_string() ? ratings.get<std::string>() : t_["not_surveyed"];
}

std::vector<Builder::Work> Builder::priority_works() const {
    std::vector<Work> out;
    if (!d_.lifecycle_result) return out;
    std::map<std::string, const Building*> building_by_id;
    for (const auto& b : d_.buildings) building_by_id[b.building_id] = &b;
    for (const auto& p : d_.lifecycle_result->json.value("priority", json::array())) {
        const std::string id = string_of(p, "building_id");
        auto it = building_by_id.find(id);
        for (const auto& e : p.value("events", json::array())) {
            Work w;
            w.rank = static_cast<int>(number(p, "rank"));
            w.building = it == building_by_id.end() ? nullptr : it->second;
            w.building_id = id;
            w.condition = has_number(p, "condition") ? std::optional<double>(number(p, "condition")) : std::nullopt;
            w.ratings = p.value("part_ratings", json());
            w.kind = string_of(e, "kind");
            w.start_year = static_cast<int>(number(e, "start_year"));
            w.cost_yen = number(e, "cost_yen");
            w.reason = e.value("condition", false) ? "reason.condition" : e.value("overdue", false) ? "reason.overdue" : "reason.due";
            out.push_back(std::move(w));
        }
    }
    return out;
}

void Builder::works() {
    subsection(t_["works.title"]);
    if (!d_.lifecycle_result || !d_.lifecycle_result->json.contains("priority")) {
        note(t_["works.not_run"]);
        return;
    }
    const json summary = d_.lifecycle_result->json.value("summary", json::object());
    const json parameters = summary.value("parameters", json::object());
    const std::string years = grouped(number(parameters, "priority_years", 10));
    const std::vector<Work> works = priority_works();
    std::set<std::string> facilities, buildings;
    for (const auto& w : works) {
        buildings.insert(w.building_id);
        if (w.building) facilities.insert(w.building->facility_id);
    }
    paragraph(t_.format("works.intro", {{"strategy", d_.strategy_name(string_of(summary, "strategy"))},
                                        {"from", year_text(static_cast<int>(number(summary, "start_year")))},
                                        {"years", years},
                                        {"facilities", grouped(facilities.size())},
                                        {"buildings", grouped(buildings.size())},
                                        {"urgent", grouped(number(parameters, "urgent_condition", 40))}}));
    if (works.empty()) {
        note(t_.format("works.none", {{"years", years}}));
        return;
    }
    auto facility_name = [&](const Work& w) {
        if (!w.building) return std::string("—");
        auto it = facility_by_id_.find(w.building->facility_id);
        return it == facility_by_id_.end() || it->second->name.empty() ? w.building->facility_id : it->second->name;
    };
    auto building_name = [](const Work& w) {
        return w.building && !w.building->name.empty() ? w.building->name : w.building_id;
    };
    auto condition_cell = [&](const Work& w) { return w.condition ? number_cell(*w.condition, 1) : text_cell(t_["not_surveyed"]); };

    // On the page: the highest priorities, one row a work.
    constexpr std::size_t kShown = 40;
    Table top{t_["t.works.top_title"], t_["t.works.top_sheet"],
              {t_["col.rank"], t_["col.facility"], t_["col.building"], t_["col.condition"], t_["col.ratings"], t_["col.kind"],
               t_["col.start"], t_["col.cost_yen"], t_["col.reason"]},
              {22, 108, 46, 30, 36, 56, 56, 42, 50}, {}, false};
    top.dense = true;
    for (std::size_t i = 0; i < works.size() && i < kShown; ++i) {
        const Work& w = works[i];
        top.rows.push_back({number_cell(w.rank), text_cell(facility_name(w)), text_cell(building_name(w)), condition_cell(w),
                            text_cell(ratings_text(w.ratings)), text_cell(d_.kind_name(w.kind)),
                            text_cell(units_.year_short(w.start_year)), work_cost_cell(w.cost_yen), text_cell(t_[w.reason])});
    }
    // In the workbook: every work, facility by facility (the 個別施設計画).
    std::vector<const Work*> by_facility;
    for (const auto& w : works) by_facility.push_back(&w);
    std::stable_sort(by_facility.begin(), by_facility.end(), [](const Work* a, const Work* b) {
        const std::string fa = a->building ? a->building->facility_id : "", fb = b->building ? b->building->facility_id : "";
        return std::tie(fa, a->building_id, a->start_year) < std::tie(fb, b->building_id, b->start_year);
    });
    Table all{t_["t.works.title"], t_["t.works.sheet"],
              {t_["col.facility_id"], t_["col.facility"], t_["col.building_id"], t_["col.building"], t_["col.condition"],
               t_["col.ratings"], t_["col.kind"], t_["col.start"], t_["col.cost_yen"], t_["col.rank"], t_["col.reason"]},
              {}, {}, false};
    all.workbook_only = true;
    for (const Work* w : by_facility)
        all.rows.push_back({text_cell(w->building ? w->building->facility_id : "—"), text_cell(facility_name(*w)),
                            text_cell(w->building_id), text_cell(building_name(*w)), condition_cell(*w),
                            text_cell(ratings_text(w->ratings)), text_cell(d_.kind_name(w->kind)),
                            number_cell(w->start_year), work_cost_cell(w->cost_yen), number_cell(w->rank), text_cell(t_[w->reason])});
    if (works.size() > kShown) {
        table(std::move(top));
        note(t_.format("works.workbook", {{"rows", grouped(works.size())},
                                          {"workbook", options_.workbook_file},
                                          {"sheet", t_["t.works.sheet"]},
                                          {"shown", grouped(kShown)}}));
    } else {
        table(std::move(top));
    }
    table(std::move(all));
}

} // namespace shisetsu::report::sections
