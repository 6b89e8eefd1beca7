// 施設カルテ (outputs.md "What planners compare and present"): one page per
// facility — its buildings with 健全度 and part ratings, seismic status,
// services, users and O&M per user where known, the next works with cost
// and priority, its place in the plan, and a small map. The same blocks make
// facility-cards.pdf and a section of the HTML report.
#include "report/content_builder.hpp"

#include "lifecycle/condition.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace shisetsu::report::sections {

namespace {

// Amounts of one facility: 万円 in Japanese, million yen in English.
std::string small_money(double yen, const std::string& word) {
    return ja() ? grouped(yen / 1e4) + " " + word : grouped(yen / 1e6, 1) + " " + word;
}

} // namespace

void Builder::facility_cards(bool html_only) {
    const std::size_t first_block = blocks_->size();
    const json summary = d_.lifecycle_result ? d_.lifecycle_result->json.value("summary", json::object()) : json::object();
    const int start_year = static_cast<int>(number(summary, "start_year", d_.base_year));
    const std::string strategy = d_.strategy_name(string_of(summary, "strategy"));
    const std::string small_word = t_["unit.small_money"];

    // What every card looks up.
    std::map<std::string, std::vector<const Building*>> buildings_of;
    for (const auto& b : d_.buildings) buildings_of[b.facility_id].push_back(&b);
    const int window_end = start_year + static_cast<int>(number(summary.value("parameters", json::object()), "priority_years", 10));
    std::map<std::string, int> rank_of;  // building → its priority rank (works starting in the window)
    for (const auto& p : d_.lifecycle_result ? d_.lifecycle_result->json.value("priority", json::array()) : json::array())
        rank_of[string_of(p, "building_id")] = static_cast<int>(number(p, "rank"));
    std::map<std::string, std::vector<const StoredLifecycleEvent*>> works_of;
    for (const auto& e : d_.lifecycle_events)
        if ((e.status == "scheduled" || e.status == "backlog") && e.cost_yen > 0) works_of[e.building_id].push_back(&e);
    std::map<std::string, const json*> plan_site;
    // Pointers into the stored document itself, not into a copy of its list.
    if (d_.consolidate && d_.consolidate->json.contains("sites") && d_.consolidate->json.at("sites").is_array())
        for (const auto& s : d_.consolidate->json.at("sites")) plan_site[string_of(s, "id")] = &s;

    std::vector<const Facility*> facilities;
    for (const auto& f : d_.facilities) facilities.push_back(&f);
    std::sort(facilities.begin(), facilities.end(), [](const Facility* a, const Facility* b) { return a->facility_id < b->facility_id; });

    for (const Facility* f : facilities) {
        blocks_->push_back({Block::Kind::page_break, {}, {}, {}, {}});
        // In the HTML page a card is a part of the cards section, not one
        // more entry of the contents.
        blocks_->push_back({html_only ? Block::Kind::subsection : Block::Kind::section,
                            t_.format("card.heading", {{"id", f->facility_id}, {"name", f->name.empty() ? f->facility_id : f->name}}),
                            "card-" + f->facility_id, {}, {}});
        paragraph(t_.format("card.profile", {{"category", category_label(f->category)},
                                             {"address", f->address.empty() ? "—" : f->address},
                                             {"district", f->district.empty() ? "—" : f->district},
                                             {"management", f->management.empty() ? "—" : f->management}}) +
                  "\n" + t_.format("card.services", {{"services", services_text(f->services)}}));
        std::string running;
        if (f->operating_cost_yen && f->annual_users && *f->annual_users > 0)
            running = t_.format("card.users", {{"users", grouped(*f->annual_users)},
                                               {"om", small_money(*f->operating_cost_yen, small_word)},
                                               {"per_user", grouped(*f->operating_cost_yen / *f->annual_users)},
                                               {"revenue", small_money(f->revenue_yen.value_or(0), small_word)}});
        else if (f->operating_cost_yen)
            running = t_.format("card.users.no_users", {{"om", small_money(*f->operating_cost_yen, small_word)},
                                                        {"revenue", small_money(f->revenue_yen.value_or(0), small_word)}});
        else
            running = t_["card.users.unknown"];
        std::string plan;
        if (!d_.consolidate) plan = t_["card.plan.none"];
        else if (auto it = plan_site.find(f->facility_id); it == plan_site.end()) plan = t_["card.plan.outside"];
        else plan = t_.format("card.plan", {{"action", action_label(string_of(*it->second, "action"))},
                                            {"services", services_text(keys_of(*it->second, "services_after"))}});
        paragraph(running + " " + plan);

        // Buildings.
        const auto& bs = buildings_of[f->facility_id];
        Table buildings{t_["card.buildings"], "", {t_["col.building"], t_["col.year_built"], t_["col.structure"],
                                                   t_["col.floor_area_m2"], t_["col.seismic"], t_["col.condition"]},
                        {70, 44, 30, 40, 38, 30}, {}, false};
        for (const auto& part : lifecycle::parts()) {
            buildings.columns.push_back(t_[std::string("part.") + part.key]);
            buildings.widths.push_back(18);
        }
        buildings.columns.push_back(t_["col.status"]);
        buildings.widths.push_back(34);
        buildings.dense = true;
        for (const Building* b : bs) {
            std::vector<Cell> row{text_cell(b->name.empty() ? b->building_id : b->name), text_cell(units_.year_short(b->year_built)),
                                  text_cell(b->structure.empty() ? "—" : b->structure), number_cell(b->floor_area_m2, 0),
                                  text_cell(t_.has("seismic." + b->seismic) ? t_["seismic." + b->seismic] : "—"),
                                  b->condition ? number_cell(*b->condition, 1) : text_cell(t_["not_surveyed"])};
            for (std::size_t k = 0; k < lifecycle::kPartCount; ++k)
                row.push_back(text_cell(b->part_ratings.size() == lifecycle::kPartCount ? std::string(1, b->part_ratings[k]) : "—"));
            row.push_back(text_cell(t_.has("bstatus." + b->status) ? t_["bstatus." + b->status] : b->status));
            buildings.rows.push_back(std::move(row));
        }
        buildings.numbered = false;
        if (!bs.empty()) table(std::move(buildings));

        // The next works of its buildings, by start year.
        struct Next {
            const Building* building;
            const StoredLifecycleEvent* event;
            int start;
        };
        std::vector<Next> next;
        for (const Building* b : bs)
            for (const auto* e : works_of[b->building_id]) {
                const int due = e->year.value_or(start_year);
                next.push_back({b, e, e->status == "backlog" ? start_year : due});
            }
        std::stable_sort(next.begin(), next.end(), [](const Next& a, const Next& b) { return a.start < b.start; });
        // Every work of the priority window (the 個別施設計画 has them), then
        // later ones up to eight rows; the rest are counted.
        std::size_t shown = 8;
        shown = std::max<std::size_t>(shown, static_cast<std::size_t>(std::count_if(
                                                 next.begin(), next.end(), [&](const Next& n) { return n.start < window_end; })));
        if (!d_.lifecycle_result) {
            note(t_["cards.not_run"]);
        } else if (next.empty()) {
            note(t_["card.works.none"]);
        } else {
            Table works{t_.format("card.works", {{"strategy", strategy}, {"from", year_text(start_year)}}), "",
                        {t_["col.building"], t_["col.kind"], t_["col.start"], t_["col.cost_yen"], t_["col.rank"], t_["col.reason"]},
                        {80, 70, 44, 44, 26, 70}, {}, false};
            works.dense = true;
            works.numbered = false;
            for (std::size_t i = 0; i < next.size() && i < shown; ++i) {
                const Next& n = next[i];
                const bool overdue = n.event->status == "backlog" && n.event->year && *n.event->year < start_year;
                const bool brought = n.event->status == "backlog" && !overdue;
                auto rank = rank_of.find(n.building->building_id);
                const bool ranked = rank != rank_of.end() && n.start < window_end;
                works.rows.push_back({text_cell(n.building->name.empty() ? n.building->building_id : n.building->name),
                                      text_cell(d_.kind_name(n.event->kind)), text_cell(units_.year_short(n.start)),
                                      Cell{grouped(n.event->cost_yen / (ja() ? 1e4 : 1e6), ja() ? 0 : 1),
                                           n.event->cost_yen / (ja() ? 1e4 : 1e6), {}},
                                      ranked ? number_cell(rank->second) : text_cell("—"),
                                      text_cell(t_[brought ? "reason.condition" : overdue ? "reason.overdue" : "reason.due"])});
            }
            table(std::move(works));
            if (next.size() > shown)
                note(t_.format("card.works.more",
                               {{"count", grouped(next.size() - shown)}, {"from", year_text(next[shown].start)}}));
        }

        // A small map: the ward and this facility. Not the roads nor the
        // other facilities: 573 cards of a ward's every feature made a
        // 137 MB HTML page and took half a minute.
        if (projector_) {
            MapSpec map = base_map();
            map.roads.reset();
            map.note.clear();
            map.legend = {{t_["card.map.this"], hex_colour("#D55E00"), LegendEntry::Mark::circle}};
            MapSpec marks = map;
            if (auto xy = facility_xy(f->facility_id))
                marks.marks.push_back({xy->first, xy->second, 8, {"", hex_colour("#D55E00"), LegendEntry::Mark::circle}});
            if (map.boundary && !map.boundary->empty()) {
                // Every card has the same ward under its own facility.
                figure(t_["card.map"], 190, [map = std::move(map)](cairo_t* cr, double w, double h) { draw_map(cr, w, h, map); });
                blocks_->back().figure.shared_key = "card-map";
                blocks_->back().figure.overlay = [marks = std::move(marks)](cairo_t* cr, double w, double h) {
                    draw_map_marks(cr, w, h, marks);
                };
            } else {
                figure(t_["card.map"], 190, [marks = std::move(marks)](cairo_t* cr, double w, double h) { draw_map(cr, w, h, marks); });
            }
            blocks_->back().figure.numbered = false;
        }
    }
    if (html_only)
        for (std::size_t i = first_block; i < blocks_->size(); ++i) (*blocks_)[i].html_only = true;
}

} // namespace shisetsu::report::sections
