#include "storage/settings.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/numbers.hpp"
#include "core/schema.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace shisetsu {

std::string SettingSpec::label() const { return language() == Lang::ja ? label_ja : label_en; }

const std::vector<SettingSpec>& setting_specs() {
    static const std::vector<SettingSpec> specs{
        {"name", "自治体名 (例 立川市)", "name of the municipality (e.g. 立川市)"},
        {"name_en", "英語の名称 (例 Tachikawa City)", "name in English (e.g. Tachikawa City)"},
        {"prefecture", "都道府県 (例 東京都)", "prefecture (e.g. 東京都)"},
        {"code", "全国地方公共団体コード (6 桁、検査数字つき)", "local government code (6 digits with the check digit)"},
        {"kind", "区・市・町・村 (未設定なら名称から)", "区, 市, 町 or 村 (from the name when not set)"},
        {"population", "人口 (PPP/PFI 優先的検討の人口基準に使う)", "population (for the PPP/PFI population threshold)"},
        {"budget_yen", "年間の投資額の目安 (円、更新費用の予算線)", "annual budget reference (yen; the renewal charts' budget line)"},
    };
    return specs;
}

namespace {

std::vector<std::string> accepted_keys() {
    std::vector<std::string> keys;
    for (const auto& s : setting_specs()) keys.push_back(s.key);
    return keys;
}

std::optional<double> positive_number(const std::string& text) {
    auto n = parse_number(text);
    if (!n || !std::isfinite(n->value) || n->value <= 0) return std::nullopt;
    return n->value;
}

// The problem with `value` for `key`, or nullopt; `normalised` is what is stored.
std::optional<std::string> check(const std::string& key, const std::string& value, std::string& normalised) {
    normalised = text::trim(value);
    if (key == "code") {
        normalised = text::to_half_width(normalised);
        return municipality_code_problem(normalised);
    }
    if (key == "kind") {
        auto k = parse_kind(normalised);
        if (!k) return std::string(tr("区・市・町・村 のどれかです", "one of 区, 市, 町, 村 (ward, city, town, village)"));
        normalised = kind_text(*k);
        return std::nullopt;
    }
    if (key == "population" || key == "budget_yen") {
        auto v = positive_number(normalised);
        if (!v) return std::string(tr("正の数値が必要です: ", "a positive number is expected: ")) + value;
        std::ostringstream s;
        s.precision(15);
        s << *v;
        normalised = s.str();
        return std::nullopt;
    }
    return std::nullopt;  // names: any text
}

} // namespace

std::string ProjectSettings::display_name() const {
    if (language() == Lang::en && name_en) return *name_en;
    return name.value_or("");
}

std::string ProjectSettings::full_name() const {
    if (!name) return "";
    if (prefecture && name->rfind(*prefecture, 0) != 0) return *prefecture + *name;
    return *name;
}

ProjectSettings load_settings(Store& store) {
    ProjectSettings s;
    for (const auto& row : store.settings()) {
        s.source[row.key] = row.source;
        if (row.key == "name") s.name = row.value;
        else if (row.key == "name_en") s.name_en = row.value;
        else if (row.key == "prefecture") s.prefecture = row.value;
        else if (row.key == "code") s.code = row.value;
        else if (row.key == "kind") s.kind = parse_kind(row.value);
        else if (row.key == "population") s.population = positive_number(row.value);
        else if (row.key == "budget_yen") s.budget_yen = positive_number(row.value);
    }
    if (!s.kind && s.name) s.kind = kind_from_name(*s.name);
    return s;
}

void set_setting(Store& store, const std::string& key, const std::string& value, const std::string& source) {
    const auto keys = accepted_keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
        throw InputError({InputProblem{"settings", 0, key, schema::unknown_key_message(key, keys)}});
    if (text::trim(value).empty()) {
        store.set_setting(key, std::nullopt, source);
        return;
    }
    std::string normalised;
    if (auto problem = check(key, value, normalised)) throw InputError({InputProblem{"settings", 0, key, *problem}});
    store.set_setting(key, normalised, source);
}

std::vector<std::string> fill_from_boundary(Store& store, const std::string& name, const std::string& code,
                                            const std::string& prefecture, std::vector<std::string>& warnings) {
    ProjectSettings now = load_settings(store);
    std::vector<std::string> filled;
    std::string full_code = text::trim(text::to_half_width(code));
    // N03_007 is the five-digit code without the check digit.
    if (full_code.size() == 5) full_code += std::to_string(municipality_check_digit(full_code));
    if (municipality_code_problem(full_code)) full_code.clear();
    if (now.code && !full_code.empty() && *now.code != full_code) {
        warnings.push_back(std::string(tr("境界データの団体コード ", "the boundary's local government code ")) + full_code +
                           tr(" は設定 (code = ", " differs from the setting (code = ") + *now.code +
                           tr(") と違います。設定はそのままです", "); the setting is kept"));
        return filled;  // another municipality's boundary: do not take its name either
    }
    auto fill = [&](const char* key, const std::optional<std::string>& current, const std::string& value) {
        std::string v = text::trim(value);
        if (current || v.empty()) return;
        store.set_setting(key, v, "boundary");
        filled.emplace_back(key);
    };
    fill("code", now.code, full_code);
    fill("name", now.name, name);
    fill("prefecture", now.prefecture, prefecture);
    return filled;
}

} // namespace shisetsu
