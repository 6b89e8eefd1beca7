#include "lifecycle/labels.hpp"

#include "core/lang.hpp"

#include <charconv>

namespace shisetsu::lifecycle::detail {

std::string category_label(const Scenario& s, const std::string& key) {
    const bool ja = language() == Lang::ja;
    if (const CategoryCost* c = s.find_category(key)) return ja ? c->name_ja : c->name_en;
    if (const InfraType* t = s.find_infra(key)) return ja ? t->name_ja : t->name_en;
    return key;
}

std::string category_label(const Projection& p, std::size_t category) {
    return category_label(p.scenario, p.categories[category]);
}

std::string strategy_key(const Projection& p, const BuildingResult& b) {
    const Strategy* s = p.strategy_of(b);
    return s ? s->key : "none";
}

std::string strategy_label(const Projection& p, const std::string& key) {
    if (key == "none") return tr("なし", "none");
    return language() == Lang::ja ? p.scenario.strategy_label(key) : key;
}

std::string strategy_text(const ComparedProjection& side) {
    const std::string& label = language() == Lang::ja ? side.label_ja : side.label_en;
    return label.empty() ? side.strategy : label;
}

std::string number_text(double value) {
    char buffer[400];  // fixed notation of any double fits
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    if (ec != std::errc()) return "0";
    return std::string(buffer, end);
}

} // namespace shisetsu::lifecycle::detail
